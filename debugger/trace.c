/* trace.c: `wasmdbg trace` (see trace.h).
 *
 * --calls: a local probe at every function's first instruction (enter, with the wasm
 * arguments) and at every `return` and final `end` (exit, with the result on top of the
 * operand stack). --lines and --insns: the global probe. --wasi: a WASI monitor.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"
#include "wasi.h"
#include "wd.h"
#include "wd_dwarf.h"
#include "wd_wasmdis.h"

typedef struct tr {
    const wd_trace_options *o;
    int fd;
    char *buf;
    size_t len, cap;
    uint8_t *bytes;
    size_t nbytes;
    wd_module *m;
    wd_dwarf *dw;
    uint64_t code_off;
    uint64_t ninsns, limit;
    bool insns_done;
    uint32_t gprobe;
    const char *last_file;
    uint32_t last_line;
    uint32_t last_depth;
    wd_exec *x;
} tr;

static volatile sig_atomic_t g_signal;
static wd_exec *volatile g_exec;

static void on_signal(int sig)
{
    g_signal = sig;
    if (g_exec)
        wd_exec_interrupt(g_exec);
}

static void flush(tr *t)
{
    size_t off = 0;
    while (off < t->len) {
        ssize_t w = write(t->fd, t->buf + off, t->len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    t->len = 0;
}

static void emit(tr *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(tr *t, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof tmp)
        n = sizeof tmp - 1;
    if (t->len + (size_t)n > t->cap)
        flush(t);
    memcpy(t->buf + t->len, tmp, (size_t)n);
    t->len += (size_t)n;
}

/* JSON string escaping into dst (always terminated). */
static void jesc(const char *s, char *dst, size_t size)
{
    size_t k = 0;
    for (; s && *s && k + 7 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            dst[k++] = '\\';
            dst[k++] = (char)c;
        } else if (c < 0x20) {
            k += (size_t)snprintf(dst + k, size - k, "\\u%04x", c);
        } else {
            dst[k++] = (char)c;
        }
    }
    dst[k] = '\0';
}

static const char *fname(tr *t, uint32_t idx, char *buf, size_t size)
{
    const char *n = wd_module_func_name(t->m, idx);
    if (n)
        return n;
    snprintf(buf, size, "func[%" PRIu32 "]", idx);
    return buf;
}

static void val_text(const wd_value *v, char *buf, size_t size)
{
    switch (v->type) {
    case WD_I32: snprintf(buf, size, "i32:%" PRId32, (int32_t)v->of.i32); break;
    case WD_I64: snprintf(buf, size, "i64:%" PRId64, (int64_t)v->of.i64); break;
    case WD_F32: {
        float f;
        memcpy(&f, &v->of.f32_bits, 4);
        snprintf(buf, size, "f32:%.9g", (double)f);
        break;
    }
    case WD_F64: {
        double d;
        memcpy(&d, &v->of.f64_bits, 8);
        snprintf(buf, size, "f64:%.17g", d);
        break;
    }
    default: snprintf(buf, size, "%s", wd_valtype_name(v->type)); break;
    }
}

static wd_probe_action enter_fn(wd_exec *x, const wd_probe_event *ev, void *user)
{
    tr *t = user;
    uint32_t depth = wd_exec_frame_count(x);
    wd_functype ft = wd_module_func_type(t->m, ev->funcidx);
    char nb[32], args[1024] = "", one[96];
    size_t k = 0;
    for (uint32_t i = 0; i < ft.nparams && k + 100 < sizeof args; i++) {
        wd_value v;
        if (!wd_exec_frame_local(x, 0, i, &v))
            break;
        val_text(&v, one, sizeof one);
        if (t->o->json)
            k += (size_t)snprintf(args + k, sizeof args - k, "%s\"%s\"", i ? "," : "", one);
        else
            k += (size_t)snprintf(args + k, sizeof args - k, "%s%s", i ? ", " : "", one);
    }
    const char *name = fname(t, ev->funcidx, nb, sizeof nb);
    if (t->o->json) {
        char jn[512];
        jesc(name, jn, sizeof jn);
        emit(t, "{\"type\":\"enter\",\"depth\":%" PRIu32 ",\"func\":\"%s\",\"wasm_func\":%" PRIu32
                ",\"args\":[%s]}\n", depth, jn, ev->funcidx, args);
    } else {
        emit(t, "%*s> %s(%s)\n", (int)(2 * (depth - 1) % 200), "", name, args);
    }
    return WD_PROBE_CONTINUE;
}

static wd_probe_action exit_fn(wd_exec *x, const wd_probe_event *ev, void *user)
{
    tr *t = user;
    uint32_t depth = wd_exec_frame_count(x);
    wd_functype ft = wd_module_func_type(t->m, ev->funcidx);
    char nb[32], res[128] = "";
    wd_frame_info fi;
    wd_value v;
    if (ft.nresults == 1 && wd_exec_frame(x, 0, &fi) && fi.stack_height &&
        wd_exec_frame_stack(x, 0, fi.stack_height - 1, &v))
        val_text(&v, res, sizeof res);
    const char *name = fname(t, ev->funcidx, nb, sizeof nb);
    if (t->o->json) {
        char jn[512];
        jesc(name, jn, sizeof jn);
        emit(t, "{\"type\":\"exit\",\"depth\":%" PRIu32 ",\"func\":\"%s\",\"wasm_func\":%" PRIu32
                "%s%s%s}\n", depth, jn, ev->funcidx, res[0] ? ",\"result\":\"" : "", res,
             res[0] ? "\"" : "");
    } else {
        emit(t, "%*s< %s%s%s\n", (int)(2 * (depth - 1) % 200), "", name, res[0] ? " = " : "", res);
    }
    return WD_PROBE_CONTINUE;
}

static wd_probe_action global_fn(wd_exec *x, const wd_probe_event *ev, void *user)
{
    tr *t = user;
    uint32_t addr = (uint32_t)(ev->offset - t->code_off);
    if (t->o->insns && !t->insns_done) {
        if (t->ninsns >= t->limit) {
            t->insns_done = true;
            if (t->o->json)
                emit(t, "{\"type\":\"limit\",\"insns\":%" PRIu64 "}\n", t->ninsns);
            else
                emit(t, "-- instruction limit (%" PRIu64 ") reached --\n", t->ninsns);
        } else {
            t->ninsns++;
            wd_wasm_insn in;
            wd_wasm_decode(t->bytes + ev->offset, t->nbytes - ev->offset, &in);
            char nb[32];
            const char *name = fname(t, ev->funcidx, nb, sizeof nb);
            if (t->o->json) {
                char jn[512], jt[400];
                jesc(name, jn, sizeof jn);
                jesc(in.text, jt, sizeof jt);
                emit(t, "{\"type\":\"insn\",\"addr\":\"0x%08" PRIx32 "\",\"func\":\"%s\",\"text\":\"%s\"}\n",
                     addr, jn, jt);
            } else {
                emit(t, "0x%08" PRIx32 " %-24s %s\n", addr, name, in.text);
            }
        }
    }
    if (t->o->lines && t->dw) {
        wd_dw_row row;
        uint32_t depth = wd_exec_frame_count(x);
        if (wd_dwarf_line_at(t->dw, addr, &row) && row.addr == addr && row.line &&
            (row.flags & WD_DW_ROW_STMT) &&
            (row.line != t->last_line || row.file != t->last_file || depth != t->last_depth)) {
            t->last_line = row.line;
            t->last_file = row.file;
            t->last_depth = depth;
            const char *base = strrchr(row.file, '/');
            base = base ? base + 1 : row.file;
            if (t->o->json) {
                char jf[512];
                jesc(base, jf, sizeof jf);
                emit(t, "{\"type\":\"line\",\"file\":\"%s\",\"line\":%" PRIu32 ",\"addr\":\"0x%08" PRIx32 "\"}\n",
                     jf, row.line, addr);
            } else {
                emit(t, "%s:%" PRIu32 "\n", base, row.line);
            }
        }
    }
    if (t->insns_done && !t->o->lines && t->gprobe) {
        wd_probe_remove_global(x, t->gprobe);   /* the rest runs at full speed */
        t->gprobe = 0;
    }
    return WD_PROBE_CONTINUE;
}

static void wasi_fn(const wd_wasi_event *ev, void *user)
{
    tr *t = user;
    if (t->o->json) {
        char jl[2048], jn[128];
        jesc(ev->line, jl, sizeof jl);
        jesc(ev->name, jn, sizeof jn);
        emit(t, "{\"type\":\"wasi\",\"seq\":%" PRIu64 ",\"name\":\"%s\",\"errno\":%u,\"line\":\"%s\"}\n",
             ev->seq, jn, (unsigned)ev->err, jl);
    } else {
        emit(t, "wasi: %s\n", ev->line);
    }
    if (strcmp(ev->name, "proc_exit") == 0)
        flush(t);
}

static bool read_all(const char *path, uint8_t **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (sz < 0) {
        fclose(f);
        return false;
    }
    *out = malloc((size_t)sz + 1);
    if (!*out) {
        fclose(f);
        return false;
    }
    *n = fread(*out, 1, (size_t)sz, f);
    fclose(f);
    return true;
}

static void add_call_probes(tr *t)
{
    uint32_t n = wd_module_func_count(t->m);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t lo, hi;
        wd_module_func_range(t->m, i, &lo, &hi);
        if (lo >= hi)
            continue;
        wd_error e;
        wd_error_clear(&e);
        wd_probe_add_local(t->m, i, lo, enter_fn, t, &e);
        for (uint64_t off = lo; off < hi && off < t->nbytes;) {
            wd_wasm_insn in;
            wd_wasm_decode(t->bytes + off, t->nbytes - off, &in);
            if (in.opcode == 0x0f || off + in.len == hi)   /* return, or the final end */
                wd_probe_add_local(t->m, i, off, exit_fn, t, &e);
            off += in.len ? in.len : 1;
        }
    }
}

int wd_trace_run(const wd_trace_options *o, char *err, size_t errsize)
{
    tr t;
    memset(&t, 0, sizeof t);
    t.o = o;
    t.fd = o->out_fd;
    t.cap = 1 << 20;
    t.limit = o->limit ? o->limit : 1000000;
    t.buf = malloc(t.cap);
    int status = -1;
    wd_wasi *w = NULL;
    wd_store *s = NULL;
    const char **argv = calloc((size_t)o->argc + 2, sizeof *argv);
    wd_wasi_preopen *pre = calloc((size_t)o->ndirs + 1, sizeof *pre);
    char **dirbufs = calloc((size_t)o->ndirs + 1, sizeof *dirbufs);
    if (!t.buf || !argv || !pre || !dirbufs || !read_all(o->path, &t.bytes, &t.nbytes)) {
        snprintf(err, errsize, "%s: cannot read the module", o->path);
        goto out;
    }
    wd_error e;
    wd_error_clear(&e);
    wd_load_options lo = { .features = WD_FEATURE_TAIL_CALL | WD_FEATURE_EXTENDED_CONST, .name = o->path };
    /* the bytes are kept (offsets in the trace): a text module is replaced by its encoding */
    if (wd_wat_binary_in_place(&t.bytes, &t.nbytes, &lo, &e))
        t.m = wd_module_load(t.bytes, t.nbytes, &lo, &e);
    if (!t.m) {
        wd_error_format(&e, err, errsize);
        goto out;
    }
    t.code_off = wd_module_code_section_offset(t.m);
    if (o->lines) {
        wd_error_clear(&e);
        t.dw = wd_dwarf_open(t.m, NULL, NULL, &e);
    }
    argv[0] = o->path;
    for (int i = 0; i < o->argc; i++)
        argv[i + 1] = o->argv[i];
    for (int i = 0; i < o->ndirs; i++) {
        dirbufs[i] = strdup(o->dirs[i]);
        if (!dirbufs[i])
            goto out;
        char *sep = strstr(dirbufs[i], "::");
        pre[i].host_path = dirbufs[i];
        pre[i].guest_path = dirbufs[i];
        if (sep) {
            *sep = '\0';
            if (sep[2])
                pre[i].guest_path = sep + 2;
        }
    }
    wd_wasi_config cfg = {
        .argc = o->argc + 1, .argv = argv, .envc = o->envc, .envp = (const char *const *)o->envp,
        .npreopens = (uint32_t)o->ndirs, .preopens = pre, .stdin_fd = 0,
        .stdout_fd = o->guest_stdout_fd, .stderr_fd = 2,
    };
    w = wd_wasi_new(&cfg, err, errsize);
    if (!w)
        goto out;
    if (o->wasi)
        wd_wasi_add_monitor(w, wasi_fn, &t);
    s = wd_store_new(NULL);
    if (!s) {
        snprintf(err, errsize, "out of memory");
        goto out;
    }
    t.x = wd_store_exec(s);
    wd_wasi_bind(w, s, NULL, NULL);
    if (o->calls)
        add_call_probes(&t);
    if (o->lines || o->insns)
        t.gprobe = wd_probe_add_global(t.x, global_fn, &t);
    g_signal = 0;
    g_exec = t.x;
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    wd_error_clear(&e);
    wd_instance *inst = wd_instance_new(s, t.m, wd_wasi_resolver, w, &e);
    wd_stop st;
    if (!inst) {
        if (wd_wasi_exited(w)) {
            st = WD_STOP_EXIT;
        } else {
            wd_error_format(&e, err, errsize);
            sigaction(SIGINT, &old_int, NULL);
            sigaction(SIGTERM, &old_term, NULL);
            g_exec = NULL;
            goto out;
        }
    } else {
        wd_externkind kind;
        wd_extern ext;
        if (!wd_instance_export(inst, "_start", &kind, &ext) || kind != WD_EXTERN_FUNC) {
            snprintf(err, errsize, "%s: no _start function to run", o->path);
            sigaction(SIGINT, &old_int, NULL);
            sigaction(SIGTERM, &old_term, NULL);
            g_exec = NULL;
            goto out;
        }
        st = wd_exec_call(t.x, ext.func, NULL, 0, NULL, 0);
        while ((st == WD_STOP_BUDGET || st == WD_STOP_BREAK || st == WD_STOP_INTERRUPT) && !g_signal)
            st = wd_exec_resume(t.x, NULL, 0);
    }
    g_exec = NULL;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (g_signal) {
        status = 130;
        if (o->json)
            emit(&t, "{\"type\":\"end\",\"status\":\"signal\",\"signal\":%d}\n", (int)g_signal);
        else
            emit(&t, "-- stopped by signal %d --\n", (int)g_signal);
    } else if (st == WD_STOP_TRAP) {
        status = 134;
        const char *msg = wd_exec_trap_message(t.x);
        char bt[4096], jm[512], jb[8192];
        wd_exec_backtrace(t.x, bt, sizeof bt);
        if (o->json) {
            jesc(msg ? msg : "trap", jm, sizeof jm);
            jesc(bt, jb, sizeof jb);
            emit(&t, "{\"type\":\"end\",\"status\":\"trap\",\"message\":\"%s\",\"backtrace\":\"%s\"}\n", jm, jb);
        } else {
            emit(&t, "-- trap: %s --\n%s", msg ? msg : "trap", bt);
        }
    } else {
        status = st == WD_STOP_DONE ? 0 : wd_wasi_exited(w) ? wd_wasi_exit_code(w) : wd_exec_exit_code(t.x);
        if (o->json)
            emit(&t, "{\"type\":\"end\",\"status\":\"exit\",\"code\":%d}\n", status);
        else
            emit(&t, "-- exit %d --\n", status);
    }
    flush(&t);
out:
    if (t.buf && t.len)
        flush(&t);
    if (s)
        wd_store_free(s);
    wd_wasi_free(w);
    if (t.dw)
        wd_dwarf_close(t.dw);
    if (t.m)
        wd_module_free(t.m);
    if (dirbufs)
        for (int i = 0; i < o->ndirs; i++)
            free(dirbufs[i]);
    free(dirbufs);
    free(pre);
    free(argv);
    free(t.bytes);
    free(t.buf);
    return status;
}
