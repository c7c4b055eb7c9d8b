/* model.c: the TUI's debugger model (tui_model.h) over the engine, DWARF and WASI.
 *
 * One module, and while the program runs one store with a WASI host bound to pipes: the
 * guest's stdout/stderr are drained by a reader thread into a buffer the UI shows (so a
 * guest writing a lot never blocks on a full pipe, and never writes over the screen).
 * Breakpoints are local probes; step/next/finish/stepi/nexti use one global probe that
 * decides, per instruction, whether the step is over.
 */
#define _GNU_SOURCE
#include "tui_model.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canvas.h"
#include "valtree.h"
#include "wasi.h"
#include "wd.h"
#include "wd_dwarf.h"
#include "wd_wasmdis.h"

#define MAX_BP_ADDRS 16
#define MAX_FRAMES 512

typedef enum step_mode { SM_NONE = 0, SM_STEP, SM_NEXT, SM_FINISH, SM_STEPI, SM_NEXTI } step_mode;

typedef struct bpx {
    tm_bp pub;
    struct tm_model *m;
    uint32_t probes[MAX_BP_ADDRS];
    uint32_t nprobes;
} bpx;

struct tm_model {
    char *path;
    uint8_t *bytes;
    size_t nbytes;
    wd_module *mod;
    wd_dwarf *dw;
    uint64_t code_off;
    char *invoke;
    int gargc;
    char **gargv;
    int ndirs;
    wd_wasi_preopen *dirs;
    char **dirbufs;

    wd_store *store;
    wd_wasi *wasi;
    wd_instance *inst;
    wd_exec *x;
    wd_func *entry;
    bool pending_call;
    wd_value args[16];
    uint32_t nargs;
    wd_value results[8];
    uint32_t nresults;

    tm_state state;
    int exit_code;
    char trap_msg[256];
    char reason[96];
    uint64_t stop_seq;
    volatile sig_atomic_t interrupt_req;

    step_mode mode;
    uint32_t gprobe;
    uint32_t start_depth, start_line, callee_depth, callee_line;
    const char *start_file;
    uint64_t start_off;
    bool first_event;
    int hit_bp;

    bpx **bps;
    size_t nbps;
    int next_bp_id;

    tm_frame frames[MAX_FRAMES];
    size_t nframes, sel;
    tm_var *vars;
    size_t nvars;

    uint8_t *snap;
    uint64_t snap_size;

    tm_source *srcs;
    size_t nsrcs;
    uint32_t dis_func;
    tm_asm_line *dis;
    size_t ndis;
    bool dis_valid;

    tm_loc entry_loc;
    bool has_entry_loc;

    tui_textbuf console, progio, wasilog;

    /* program output: pipes drained by a thread */
    int out_pipe[2], err_pipe[2], in_pipe[2], note_pipe[2];
    pthread_t reader;
    bool reader_on;
    pthread_mutex_t lock;
    char *pend;          /* pending output: records [stream byte][len u32][bytes] */
    size_t npend, cappend;
};

/* ------------------------------------------------------------ small helpers */

static void say(tm_model *m, int style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(tm_model *m, int style, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tui_textbuf_line(&m->console, style, "%s", buf);
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static uint64_t raw_slot(const wd_value *v)
{
    switch (v->type) {
    case WD_I32: return v->of.i32;
    case WD_F32: return v->of.f32_bits;
    case WD_I64: return v->of.i64;
    case WD_F64: return v->of.f64_bits;
    default: return v->of.ref;
    }
}

static const char *pretty_func(const char *n)
{
    return n && strcmp(n, "__main_argc_argv") == 0 ? "main" : n;
}

static int func_at_offset(const tm_model *m, uint64_t off, uint32_t *out)
{
    uint32_t n = wd_module_func_count(m->mod);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t s, e;
        wd_module_func_range(m->mod, i, &s, &e);
        if (s < e && off >= s && off < e) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

/* An address in a function's header (size, locals) moves to its first instruction. */
static bool snap_to_body(const tm_model *m, uint64_t *off, uint32_t *out)
{
    uint32_t n = wd_module_func_count(m->mod);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t s, e;
        wd_module_func_range(m->mod, i, &s, &e);
        if (s < e && *off < s && *off + 64 >= s) {
            bool closer = true;
            for (uint32_t j = 0; j < n; j++) { /* no other function ends in between */
                uint64_t s2, e2;
                wd_module_func_range(m->mod, j, &s2, &e2);
                if (s2 < e2 && e2 > *off && e2 <= s && j != i)
                    closer = false;
            }
            if (closer) {
                *off = s;
                *out = i;
                return true;
            }
        }
    }
    return false;
}

static const char *func_name(const tm_model *m, uint32_t idx)
{
    const char *n = wd_module_func_name(m->mod, idx);
    return n ? n : "??";
}

/* Fills loc from a file offset (innermost inline frame). */
static void loc_from_offset(const tm_model *m, uint64_t off, tm_loc *loc)
{
    memset(loc, 0, sizeof *loc);
    loc->offset = off;
    loc->addr = off >= m->code_off ? (uint32_t)(off - m->code_off) : 0;
    loc->file = "";
    uint32_t fi = 0;
    if (func_at_offset(m, off, &fi) == 0)
        loc->funcidx = fi;
    loc->func = func_name(m, loc->funcidx);
    if (m->dw) {
        wd_dw_frame fr[1];
        if (wd_dwarf_symbolize(m->dw, loc->addr, true, fr, 1) > 0) {
            if (fr[0].function)
                loc->func = pretty_func(fr[0].function);
            loc->file = fr[0].file ? fr[0].file : "";
            loc->line = fr[0].line;
            loc->column = fr[0].column;
        }
    }
}

/* ------------------------------------------------------------ output pipes */

static void *reader_main(void *arg)
{
    tm_model *m = arg;
    struct pollfd p[2] = { { m->out_pipe[0], POLLIN, 0 }, { m->err_pipe[0], POLLIN, 0 } };
    int open_fds = 2;
    while (open_fds > 0) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[8192];
            ssize_t r = read(p[i].fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && (errno == EINTR || errno == EAGAIN))
                    continue;
                p[i].fd = -1;
                open_fds--;
                continue;
            }
            pthread_mutex_lock(&m->lock);
            size_t need = m->npend + 5 + (size_t)r;
            if (need > m->cappend) {
                size_t nc = m->cappend ? m->cappend * 2 : 65536;
                while (nc < need)
                    nc *= 2;
                char *np = realloc(m->pend, nc);
                if (np) {
                    m->pend = np;
                    m->cappend = nc;
                }
            }
            if (need <= m->cappend) {
                uint32_t len = (uint32_t)r;
                m->pend[m->npend] = (char)i;
                memcpy(m->pend + m->npend + 1, &len, 4);
                memcpy(m->pend + m->npend + 5, buf, (size_t)r);
                m->npend = need;
            }
            pthread_mutex_unlock(&m->lock);
            ssize_t w = write(m->note_pipe[1], "x", 1);
            (void)w;
        }
    }
    return NULL;
}

int tm_output_fds(const tm_model *m, int fds[2])
{
    fds[0] = m->note_pipe[0];
    return m->note_pipe[0] >= 0 ? 1 : 0;
}

void tm_pump_output(tm_model *m)
{
    char drain[256];
    while (read(m->note_pipe[0], drain, sizeof drain) > 0) {
    }
    pthread_mutex_lock(&m->lock);
    size_t i = 0;
    while (i + 5 <= m->npend) {
        uint32_t len;
        memcpy(&len, m->pend + i + 1, 4);
        tui_textbuf_append(&m->progio, m->pend + i + 5, len, m->pend[i] ? TS_ERROR : TS_NORMAL);
        i += 5 + len;
    }
    m->npend = 0;
    pthread_mutex_unlock(&m->lock);
}

void tm_send_stdin(tm_model *m, const char *text, size_t len, bool eof)
{
    if (m->in_pipe[1] < 0)
        return;
    while (len > 0) {
        ssize_t w = write(m->in_pipe[1], text, len);
        if (w <= 0)
            break;
        text += w;
        len -= (size_t)w;
    }
    if (eof) {
        close(m->in_pipe[1]);
        m->in_pipe[1] = -1;
    }
}

/* ------------------------------------------------------------ WASI log */

static void wasi_monitor(const wd_wasi_event *ev, void *user)
{
    tm_model *m = user;
    tui_textbuf_line(&m->wasilog, ev->err ? TS_ERROR : TS_NORMAL, "%6" PRIu64 " %s", ev->seq,
                     ev->line);
}

/* ------------------------------------------------------------ open / close */

static void copy_err(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void copy_err(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

static void dwarf_warn(void *user, const char *msg)
{
    tm_model *m = user;
    say(m, TS_DIM, "warning: %s", msg);
}

/* The location of the first line after main's (or _start's) prologue, for the view before
 * the program starts and for `start`. */
typedef struct body_line_ctx {
    uint32_t lo, hi, decl_line, best_addr, best_line;
    const char *file;
    bool found, prologue_end;
} body_line_ctx;

static bool body_line_row(void *user, const wd_dw_row *row)
{
    body_line_ctx *c = user;
    if (row->flags & WD_DW_ROW_END_SEQUENCE)
        return true;
    if (row->addr < c->lo || row->addr >= c->hi || row->line == 0)
        return true;
    if (row->flags & WD_DW_ROW_PROLOGUE_END) {
        if (!c->prologue_end || row->addr < c->best_addr) {
            c->prologue_end = true;
            c->found = true;
            c->best_addr = row->addr;
            c->best_line = row->line;
            c->file = row->file;
        }
        return true;
    }
    if (row->line == c->decl_line || c->prologue_end)
        return true;
    if (!c->found || row->addr < c->best_addr) {
        c->found = true;
        c->best_addr = row->addr;
        c->best_line = row->line;
        c->file = row->file;
    }
    return true;
}

/* The first statement after the prologue of a DWARF function. */
static bool func_body_addr(tm_model *m, const wd_dw_func *f, uint32_t *addr, uint32_t *line,
                           const char **file)
{
    body_line_ctx c = { f->low_pc, f->high_pc, f->decl_line, 0, 0, NULL, false, false };
    wd_dwarf_each_row(m->dw, f->decl_file && *f->decl_file ? f->decl_file : NULL, body_line_row, &c);
    if (!c.found) {
        *addr = f->low_pc;
        *line = f->decl_line;
        *file = f->decl_file;
        return true;
    }
    *addr = c.best_addr;
    *line = c.best_line;
    *file = c.file;
    return true;
}

/* main as wasi-libc names it: `int main(int, char **)` becomes __main_argc_argv. */
static bool find_main(tm_model *m, wd_dw_func *df)
{
    if (m->invoke)
        return wd_dwarf_find_func(m->dw, m->invoke, df);
    return wd_dwarf_find_func(m->dw, "main", df) || wd_dwarf_find_func(m->dw, "__main_argc_argv", df) ||
           wd_dwarf_find_func(m->dw, "_start", df);
}

tm_model *tm_open(const tm_options *o, char *err, size_t errsize)
{
    tm_model *m = calloc(1, sizeof *m);
    if (!m) {
        copy_err(err, errsize, "out of memory");
        return NULL;
    }
    m->out_pipe[0] = m->out_pipe[1] = m->err_pipe[0] = m->err_pipe[1] = -1;
    m->in_pipe[0] = m->in_pipe[1] = m->note_pipe[0] = m->note_pipe[1] = -1;
    pthread_mutex_init(&m->lock, NULL);
    tui_textbuf_init(&m->console, 5000);
    tui_textbuf_init(&m->progio, 10000);
    tui_textbuf_init(&m->wasilog, 10000);
    m->next_bp_id = 1;
    m->path = strdup(o->path);
    m->invoke = o->invoke ? strdup(o->invoke) : NULL;
    m->gargc = 1 + o->argc;
    m->gargv = calloc((size_t)m->gargc + 1, sizeof *m->gargv);
    if (!m->path || !m->gargv)
        goto oom;
    m->gargv[0] = m->path;
    for (int i = 0; i < o->argc; i++)
        m->gargv[1 + i] = o->argv[i];
    if (o->ndirs > 0) {
        m->dirs = calloc((size_t)o->ndirs, sizeof *m->dirs);
        m->dirbufs = calloc((size_t)o->ndirs, sizeof *m->dirbufs);
        if (!m->dirs || !m->dirbufs)
            goto oom;
        for (int i = 0; i < o->ndirs; i++) {
            char *c = strdup(o->dirs[i]);
            if (!c)
                goto oom;
            m->dirbufs[i] = c;
            char *sep = strstr(c, "::");
            const char *guest = c;
            if (sep) {
                *sep = '\0';
                guest = sep + 2;
            }
            m->dirs[i].host_path = c;
            m->dirs[i].guest_path = *guest ? guest : c;
            m->ndirs++;
        }
    }

    FILE *f = fopen(o->path, "rb");
    if (!f) {
        copy_err(err, errsize, "%s: %s", o->path, strerror(errno));
        goto fail;
    }
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    m->bytes = malloc(sz > 0 ? (size_t)sz : 1);
    if (!m->bytes || (sz > 0 && fread(m->bytes, 1, (size_t)sz, f) != (size_t)sz)) {
        fclose(f);
        copy_err(err, errsize, "%s: read error", o->path);
        goto fail;
    }
    fclose(f);
    m->nbytes = (size_t)sz;
    wd_error e;
    wd_error_clear(&e);
    wd_load_options lo = { 0, o->path };
    m->mod = wd_module_load(m->bytes, m->nbytes, &lo, &e);
    if (!m->mod) {
        wd_error_format(&e, err, errsize);
        goto fail;
    }
    m->code_off = wd_module_code_section_offset(m->mod);
    wd_error_clear(&e);
    m->dw = wd_dwarf_open(m->mod, dwarf_warn, m, &e);
    if (!m->dw)
        say(m, TS_DIM, "no debug information (DWARF): showing disassembly only");

    if (pipe(m->out_pipe) || pipe(m->err_pipe) || pipe(m->in_pipe) || pipe(m->note_pipe)) {
        copy_err(err, errsize, "pipe: %s", strerror(errno));
        goto fail;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(m->note_pipe[i], F_SETFL, O_NONBLOCK);
        fcntl(m->note_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    fcntl(m->in_pipe[1], F_SETFL, O_NONBLOCK);
    if (pthread_create(&m->reader, NULL, reader_main, m) == 0)
        m->reader_on = true;

    /* where to look before the start: main, else the entry export */
    wd_dw_func df;
    if (m->dw && find_main(m, &df)) {
        uint32_t addr, line;
        const char *file;
        func_body_addr(m, &df, &addr, &line, &file);
        loc_from_offset(m, addr + m->code_off, &m->entry_loc);
        if (file && *file) {
            m->entry_loc.file = file;
            m->entry_loc.line = line;
        }
        m->has_entry_loc = true;
    } else {
        uint32_t n = wd_module_export_count(m->mod);
        for (uint32_t i = 0; i < n; i++) {
            wd_export_desc d;
            wd_module_export(m->mod, i, &d);
            if (d.kind != WD_EXTERN_FUNC)
                continue;
            if (m->invoke ? strcmp(d.name, m->invoke) != 0 : strcmp(d.name, "_start") != 0)
                continue;
            uint64_t s, en;
            wd_module_func_range(m->mod, d.index, &s, &en);
            if (s < en) {
                loc_from_offset(m, s, &m->entry_loc);
                m->entry_loc.funcidx = d.index;
                m->has_entry_loc = true;
            }
        }
    }
    say(m, TS_DIM, "wasmdbg: %s loaded; c runs, s/n start at main, b sets a breakpoint, ? help",
        base_name(m->path));
    return m;
oom:
    copy_err(err, errsize, "out of memory");
fail:
    tm_close(m);
    return NULL;
}

static void teardown(tm_model *m)
{
    if (m->x && m->gprobe) {
        wd_probe_remove_global(m->x, m->gprobe);
        m->gprobe = 0;
    }
    if (m->store)
        wd_store_free(m->store);
    m->store = NULL;
    m->x = NULL;
    m->inst = NULL;
    m->entry = NULL;
    wd_wasi_free(m->wasi);
    m->wasi = NULL;
    m->nframes = m->sel = 0;
    m->mode = SM_NONE;
}

static void free_vars(tm_model *m)
{
    for (size_t i = 0; i < m->nvars; i++)
        free(m->vars[i].value);
    free(m->vars);
    m->vars = NULL;
    m->nvars = 0;
}

void tm_close(tm_model *m)
{
    if (!m)
        return;
    teardown(m);
    for (size_t i = 0; i < m->nbps; i++)
        free(m->bps[i]);
    free(m->bps);
    free_vars(m);
    /* the WASI host's copies are closed by teardown(): closing ours ends the reader */
    if (m->out_pipe[1] >= 0)
        close(m->out_pipe[1]);
    if (m->err_pipe[1] >= 0)
        close(m->err_pipe[1]);
    if (m->reader_on)
        pthread_join(m->reader, NULL);
    int fds[] = { m->out_pipe[0], m->err_pipe[0], m->in_pipe[0], m->in_pipe[1],
                  m->note_pipe[0], m->note_pipe[1] };
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    for (size_t i = 0; i < m->nsrcs; i++) {
        free(m->srcs[i].path);
        free(m->srcs[i].data);
        free(m->srcs[i].starts);
    }
    free(m->srcs);
    free(m->dis);
    free(m->snap);
    if (m->dw)
        wd_dwarf_close(m->dw);
    if (m->mod)
        wd_module_free(m->mod);
    free(m->bytes);
    for (int i = 0; i < m->ndirs; i++)
        free(m->dirbufs[i]);
    free(m->dirbufs);
    free(m->dirs);
    free(m->gargv);
    free(m->path);
    free(m->invoke);
    free(m->pend);
    tui_textbuf_free(&m->console);
    tui_textbuf_free(&m->progio);
    tui_textbuf_free(&m->wasilog);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

tui_textbuf *tm_console(tm_model *m) { return &m->console; }
tui_textbuf *tm_program_io(tm_model *m) { return &m->progio; }
tui_textbuf *tm_wasi_log(tm_model *m) { return &m->wasilog; }
const char *tm_module_name(const tm_model *m) { return base_name(m->path); }
tm_state tm_get_state(const tm_model *m) { return m->state; }
uint64_t tm_stop_seq(const tm_model *m) { return m->stop_seq; }

/* ------------------------------------------------------------ reading the paused program */

typedef struct target_ctx {
    tm_model *m;
    uint32_t depth;
} target_ctx;

static bool t_local(void *u, uint32_t i, uint64_t *out)
{
    target_ctx *t = u;
    wd_value v;
    if (!t->m->x || !wd_exec_frame_local(t->m->x, t->depth, i, &v))
        return false;
    *out = raw_slot(&v);
    return true;
}

static bool t_global(void *u, uint32_t i, uint64_t *out)
{
    target_ctx *t = u;
    wd_global *g = t->m->inst ? wd_instance_global(t->m->inst, i) : NULL;
    if (!g)
        return false;
    wd_value v = wd_global_get(g);
    *out = raw_slot(&v);
    return true;
}

static bool t_stack(void *u, uint32_t i, uint64_t *out)
{
    target_ctx *t = u;
    wd_value v;
    if (!t->m->x || !wd_exec_frame_stack(t->m->x, t->depth, i, &v))
        return false;
    *out = raw_slot(&v);
    return true;
}

static bool t_mem(void *u, uint64_t addr, void *dst, size_t len)
{
    target_ctx *t = u;
    return tm_mem_read(t->m, addr, dst, len);
}

static wd_dw_target make_target(target_ctx *tc)
{
    return (wd_dw_target){ tc, t_local, t_global, t_stack, t_mem };
}

uint64_t tm_mem_size(const tm_model *m)
{
    wd_memory *mem = m->inst ? wd_instance_memory(m->inst, 0) : NULL;
    return mem ? wd_memory_size(mem) : 0;
}

bool tm_mem_read(const tm_model *m, uint64_t addr, void *dst, size_t len)
{
    wd_memory *mem = m->inst ? wd_instance_memory(m->inst, 0) : NULL;
    return mem && wd_memory_read(mem, addr, dst, len);
}

bool tm_mem_write(tm_model *m, uint64_t addr, const void *src, size_t len)
{
    if (m->state == TM_RUNNING)
        return false;
    wd_memory *mem = m->inst ? wd_instance_memory(m->inst, 0) : NULL;
    return mem && wd_memory_write(mem, addr, src, len);
}

bool tm_mem_changed(const tm_model *m, uint64_t addr)
{
    if (!m->snap || addr >= m->snap_size)
        return false;
    uint8_t b;
    return tm_mem_read(m, addr, &b, 1) && b != m->snap[addr];
}

static void snapshot_memory(tm_model *m)
{
    uint64_t n = tm_mem_size(m);
    if (n == 0 || n > ((uint64_t)64 << 20)) {
        m->snap_size = 0;
        return;
    }
    if (n != m->snap_size) {
        uint8_t *s = realloc(m->snap, (size_t)n);
        if (!s) {
            m->snap_size = 0;
            return;
        }
        m->snap = s;
    }
    m->snap_size = n;
    tm_mem_read(m, 0, m->snap, (size_t)n);
}

/* ------------------------------------------------------------ frames and variables */

static void load_vars(tm_model *m)
{
    free_vars(m);
    if (m->sel >= m->nframes)
        return;
    const tm_frame *f = &m->frames[m->sel];
    if (f->host)
        return;
    target_ctx tc = { m, f->xdepth };
    wd_dw_target tg = make_target(&tc);
    const wd_dw_var *vs[128];
    size_t n = m->dw ? wd_dwarf_vars_at(m->dw, f->loc.addr, f->idepth, vs, 128) : 0;
    if (n > 128)
        n = 128;
    if (n > 0) {
        m->vars = calloc(n, sizeof *m->vars);
        if (!m->vars)
            return;
        char *buf = malloc(16384);
        for (size_t i = 0; i < n && buf; i++) {
            tm_var *v = &m->vars[m->nvars++];
            snprintf(v->name, sizeof v->name, "%s", wd_dw_var_name(vs[i]));
            const wd_dw_type *t = wd_dw_var_type(m->dw, vs[i]);
            if (t)
                wd_dw_type_name(m->dw, t, v->type, sizeof v->type);
            wd_dwarf_format_var(m->dw, vs[i], f->loc.addr, &tg, buf, 16384);
            v->value = strdup(buf);
        }
        free(buf);
        return;
    }
    /* no DWARF: the wasm locals */
    wd_frame_info fi;
    if (!m->x || !wd_exec_frame(m->x, f->xdepth, &fi) || fi.nlocals == 0)
        return;
    uint32_t nl = fi.nlocals > 256 ? 256 : fi.nlocals;
    m->vars = calloc(nl, sizeof *m->vars);
    if (!m->vars)
        return;
    for (uint32_t i = 0; i < nl; i++) {
        wd_value v;
        if (!wd_exec_frame_local(m->x, f->xdepth, i, &v))
            break;
        tm_var *tv = &m->vars[m->nvars++];
        snprintf(tv->name, sizeof tv->name, "local[%u]", i);
        snprintf(tv->type, sizeof tv->type, "%s", wd_valtype_name(v.type));
        char buf[64];
        switch (v.type) {
        case WD_I32: snprintf(buf, sizeof buf, "%d", (int32_t)v.of.i32); break;
        case WD_I64: snprintf(buf, sizeof buf, "%" PRId64, (int64_t)v.of.i64); break;
        case WD_F32: {
            float fl;
            memcpy(&fl, &v.of.f32_bits, 4);
            snprintf(buf, sizeof buf, "%g", (double)fl);
            break;
        }
        case WD_F64: {
            double d;
            memcpy(&d, &v.of.f64_bits, 8);
            snprintf(buf, sizeof buf, "%g", d);
            break;
        }
        default: snprintf(buf, sizeof buf, "0x%" PRIx64, raw_slot(&v)); break;
        }
        tv->value = strdup(buf);
    }
}

static void load_frames(tm_model *m)
{
    m->nframes = 0;
    m->sel = 0;
    if (!m->x)
        return;
    uint32_t n = wd_exec_frame_count(m->x);
    for (uint32_t d = 0; d < n && m->nframes < MAX_FRAMES; d++) {
        wd_frame_info fi;
        if (!wd_exec_frame(m->x, d, &fi))
            break;
        if (!fi.instance) {
            tm_frame *f = &m->frames[m->nframes++];
            memset(f, 0, sizeof *f);
            f->host = true;
            f->xdepth = d;
            f->loc.file = "";
            f->loc.func = fi.func_name ? fi.func_name : "host";
            continue;
        }
        uint32_t addr = fi.offset >= m->code_off ? (uint32_t)(fi.offset - m->code_off) : 0;
        wd_dw_frame dfr[16];
        size_t k = m->dw ? wd_dwarf_symbolize(m->dw, addr, true, dfr, 16) : 0;
        if (k > 16)
            k = 16;
        if (k == 0) {
            tm_frame *f = &m->frames[m->nframes++];
            memset(f, 0, sizeof *f);
            loc_from_offset(m, fi.offset, &f->loc);
            f->loc.funcidx = fi.funcidx;
            if (fi.func_name)
                f->loc.func = fi.func_name;
            f->xdepth = d;
            continue;
        }
        for (size_t i = 0; i < k && m->nframes < MAX_FRAMES; i++) {
            tm_frame *f = &m->frames[m->nframes++];
            memset(f, 0, sizeof *f);
            f->loc.offset = fi.offset;
            f->loc.addr = addr;
            f->loc.funcidx = fi.funcidx;
            f->loc.func = dfr[i].function ? pretty_func(dfr[i].function)
                                          : (fi.func_name ? fi.func_name : func_name(m, fi.funcidx));
            f->loc.file = dfr[i].file ? dfr[i].file : "";
            f->loc.line = dfr[i].line;
            f->loc.column = dfr[i].column;
            f->inlined = dfr[i].inlined;
            f->xdepth = d;
            f->idepth = (uint32_t)i;
        }
    }
    /* select the innermost frame with a wasm instance (not the WASI call we are in) */
    while (m->sel + 1 < m->nframes && m->frames[m->sel].host)
        m->sel++;
}

size_t tm_frame_count(const tm_model *m) { return m->nframes; }
const tm_frame *tm_frame_get(const tm_model *m, size_t i) { return i < m->nframes ? &m->frames[i] : NULL; }
size_t tm_selected_frame(const tm_model *m) { return m->sel; }
size_t tm_var_count(const tm_model *m) { return m->nvars; }
const tm_var *tm_var_get(const tm_model *m, size_t i) { return i < m->nvars ? &m->vars[i] : NULL; }

bool tm_view_loc(const tm_model *m, tm_loc *out)
{
    if (m->sel < m->nframes && (m->state == TM_PAUSED || m->state == TM_TRAPPED)) {
        *out = m->frames[m->sel].loc;
        return true;
    }
    if (m->has_entry_loc) {
        *out = m->entry_loc;
        return true;
    }
    return false;
}

char *tm_eval(tm_model *m, const char *expr, char *err, size_t errsize)
{
    while (isspace((unsigned char)*expr))
        expr++;
    char name[128];
    size_t k = 0;
    while (expr[k] && (isalnum((unsigned char)expr[k]) || expr[k] == '_') && k + 1 < sizeof name) {
        name[k] = expr[k];
        k++;
    }
    name[k] = '\0';
    const char *path = expr + k;
    if (k == 0) {
        copy_err(err, errsize, "cannot evaluate '%s' (variables and members only)", expr);
        return NULL;
    }
    if (!m->dw) {
        copy_err(err, errsize, "no debug information");
        return NULL;
    }
    if (m->state != TM_PAUSED && m->state != TM_TRAPPED) {
        copy_err(err, errsize, "the program is not paused");
        return NULL;
    }
    const tm_frame *f = m->sel < m->nframes ? &m->frames[m->sel] : NULL;
    if (!f || f->host) {
        copy_err(err, errsize, "no frame selected");
        return NULL;
    }
    const wd_dw_var *v = wd_dwarf_find_var(m->dw, f->loc.addr, f->idepth, name);
    if (!v) {
        copy_err(err, errsize, "No symbol \"%s\" in current context.", name);
        return NULL;
    }
    target_ctx tc = { m, f->xdepth };
    wd_dw_target tg = make_target(&tc);
    char *buf = malloc(16384);
    if (!buf)
        return NULL;
    wd_dwarf_format_var(m->dw, v, f->loc.addr, &tg, buf, 16384);
    if (*path) {
        tui_vnode root;
        if (tui_vparse(&root, name, buf) != 0) {
            tui_vfree(&root);
            free(buf);
            return NULL;
        }
        const tui_vnode *sub = tui_vfind(&root, path);
        char *res = sub ? strdup(sub->value) : NULL;
        if (!sub)
            copy_err(err, errsize, "no member '%s' in %s", path, name);
        tui_vfree(&root);
        free(buf);
        return res;
    }
    return buf;
}

/* ------------------------------------------------------------ breakpoints */

static bool eval_cond(tm_model *m, const char *cond)
{
    /* NAME OP NUMBER, evaluated in frame 0 */
    char name[128], op[3] = { 0 };
    long long rhs;
    const char *p = cond;
    size_t k = 0;
    while (*p == ' ')
        p++;
    while ((isalnum((unsigned char)*p) || *p == '_' || *p == '.' || *p == '[' || *p == ']') &&
           k + 1 < sizeof name)
        name[k++] = *p++;
    name[k] = '\0';
    while (*p == ' ')
        p++;
    size_t o = 0;
    while (o < 2 && strchr("=!<>", *p))
        op[o++] = *p++;
    if (k == 0 || o == 0 || sscanf(p, "%lli", &rhs) != 1)
        return true; /* unparsable: stop, as gdb does on an error */
    /* frames are not loaded yet inside the probe: evaluate against frame 0 */
    size_t saved_n = m->nframes, saved_sel = m->sel;
    tm_state saved_state = m->state;
    load_frames(m);
    m->state = TM_PAUSED;
    char err[128];
    char *v = tm_eval(m, name, err, sizeof err);
    m->state = saved_state;
    m->nframes = saved_n;
    m->sel = saved_sel;
    if (!v)
        return true;
    char *end;
    long long lhs = strtoll(v, &end, 0);
    bool ok = end != v;
    free(v);
    if (!ok)
        return true;
    if (!strcmp(op, "=="))
        return lhs == rhs;
    if (!strcmp(op, "!="))
        return lhs != rhs;
    if (!strcmp(op, "<"))
        return lhs < rhs;
    if (!strcmp(op, "<="))
        return lhs <= rhs;
    if (!strcmp(op, ">"))
        return lhs > rhs;
    if (!strcmp(op, ">="))
        return lhs >= rhs;
    return true;
}

static wd_probe_action bp_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    (void)x;
    (void)ev;
    bpx *b = user;
    if (!b->pub.enabled)
        return WD_PROBE_CONTINUE;
    if (b->pub.cond[0] && !eval_cond(b->m, b->pub.cond))
        return WD_PROBE_CONTINUE;
    b->pub.hits++;
    b->m->hit_bp = b->pub.id;
    return WD_PROBE_STOP;
}

size_t tm_bp_count(const tm_model *m) { return m->nbps; }
const tm_bp *tm_bp_get(const tm_model *m, size_t i) { return i < m->nbps ? &m->bps[i]->pub : NULL; }

int tm_bp_line_flags(const tm_model *m, const char *file, uint32_t line)
{
    int fl = 0;
    for (size_t i = 0; i < m->nbps; i++) {
        const tm_bp *b = &m->bps[i]->pub;
        if (b->line != line || strcmp(b->file, file) != 0)
            continue;
        fl |= b->enabled ? TM_BP_LINE_ON : TM_BP_LINE_OFF;
        if (b->cond[0])
            fl |= TM_BP_LINE_COND;
        if (b->hits)
            fl |= TM_BP_LINE_HIT;
    }
    return fl;
}

static bpx *find_bp(tm_model *m, int id, size_t *idx)
{
    for (size_t i = 0; i < m->nbps; i++)
        if (m->bps[i]->pub.id == id) {
            if (idx)
                *idx = i;
            return m->bps[i];
        }
    return NULL;
}

static void delete_bp(tm_model *m, size_t i)
{
    bpx *b = m->bps[i];
    for (uint32_t k = 0; k < b->nprobes; k++)
        wd_probe_remove_local(m->mod, b->probes[k]);
    free(b);
    memmove(&m->bps[i], &m->bps[i + 1], (m->nbps - i - 1) * sizeof *m->bps);
    m->nbps--;
}

/* Adds a breakpoint at code addresses; returns its id or -1. */
static int add_bp_addrs(tm_model *m, const uint32_t *addrs, size_t n, const char *file,
                        uint32_t line, bool temp)
{
    bpx *b = calloc(1, sizeof *b);
    bpx **nb = realloc(m->bps, (m->nbps + 1) * sizeof *nb);
    if (!b || !nb) {
        free(b);
        say(m, TS_ERROR, "out of memory");
        return -1;
    }
    m->bps = nb;
    b->m = m;
    for (size_t i = 0; i < n && b->nprobes < MAX_BP_ADDRS; i++) {
        uint64_t off = addrs[i] + m->code_off;
        uint32_t fi;
        if (func_at_offset(m, off, &fi) != 0 && !snap_to_body(m, &off, &fi))
            continue;
        wd_error e;
        wd_error_clear(&e);
        uint32_t id = wd_probe_add_local(m->mod, fi, off, bp_probe, b, &e);
        if (id)
            b->probes[b->nprobes++] = id;
    }
    if (b->nprobes == 0) {
        free(b);
        say(m, TS_ERROR, "cannot set a breakpoint there (no code)");
        return -1;
    }
    b->pub.id = m->next_bp_id++;
    b->pub.enabled = true;
    b->pub.temporary = temp;
    snprintf(b->pub.file, sizeof b->pub.file, "%s", file ? file : "");
    b->pub.line = line;
    b->pub.addr = addrs[0];
    tm_loc l;
    loc_from_offset(m, addrs[0] + m->code_off, &l);
    snprintf(b->pub.func, sizeof b->pub.func, "%s", l.func);
    m->bps[m->nbps++] = b;
    if (file && *file)
        say(m, TS_NORMAL, "%s %d at 0x%x: file %s, line %u.", temp ? "Temporary breakpoint" : "Breakpoint",
            b->pub.id, addrs[0], base_name(file), line);
    else
        say(m, TS_NORMAL, "Breakpoint %d at 0x%x", b->pub.id, addrs[0]);
    return b->pub.id;
}

typedef struct file_find { const char *name; const char *found; } file_find;

static bool file_find_row(void *user, const wd_dw_row *row)
{
    file_find *f = user;
    if (row->file && *row->file) {
        f->found = row->file;
        return false;
    }
    return true;
}

bool tm_resolve_line(tm_model *m, const char *spec, const char **file, uint32_t *line)
{
    if (!m->dw)
        return false;
    while (isspace((unsigned char)*spec))
        spec++;
    const char *colon = strrchr(spec, ':');
    if (colon && isdigit((unsigned char)colon[1])) {
        char fname[512];
        snprintf(fname, sizeof fname, "%.*s", (int)(colon - spec), spec);
        file_find ff = { fname, NULL };
        wd_dwarf_each_row(m->dw, fname, file_find_row, &ff);
        if (!ff.found)
            return false;
        *file = ff.found;
        *line = (uint32_t)strtoul(colon + 1, NULL, 10);
        return true;
    }
    if (isdigit((unsigned char)*spec)) {
        tm_loc l;
        if (!tm_view_loc(m, &l) || !l.file[0])
            return false;
        *file = l.file;
        *line = (uint32_t)strtoul(spec, NULL, 10);
        return true;
    }
    wd_dw_func df;
    char fn[256];
    snprintf(fn, sizeof fn, "%s", spec);
    for (char *e = fn + strlen(fn); e > fn && isspace((unsigned char)e[-1]);)
        *--e = '\0';
    if (wd_dwarf_find_func(m->dw, fn, &df)) {
        uint32_t addr;
        func_body_addr(m, &df, &addr, line, file);
        return *file != NULL;
    }
    return false;
}

/* break SPEC: file:line, line, function or *ADDR. */
static int set_break(tm_model *m, const char *spec, bool temp)
{
    while (isspace((unsigned char)*spec))
        spec++;
    if (!*spec) {
        tm_loc l;
        if (!tm_view_loc(m, &l)) {
            say(m, TS_ERROR, "No default location for a breakpoint.");
            return -1;
        }
        if (l.file[0]) {
            uint32_t a[MAX_BP_ADDRS];
            uint32_t used = l.line;
            size_t n = wd_dwarf_line_addrs(m->dw, l.file, l.line, a, MAX_BP_ADDRS, &used);
            if (n > 0)
                return add_bp_addrs(m, a, n < MAX_BP_ADDRS ? n : MAX_BP_ADDRS, l.file, used, temp);
        }
        return add_bp_addrs(m, &l.addr, 1, NULL, 0, temp);
    }
    if (*spec == '*') {
        uint32_t a = (uint32_t)strtoul(spec + 1, NULL, 0);
        tm_loc l;
        loc_from_offset(m, a + m->code_off, &l);
        return add_bp_addrs(m, &a, 1, l.file, l.line, temp);
    }
    const char *file;
    uint32_t line;
    if (!tm_resolve_line(m, spec, &file, &line)) {
        say(m, TS_ERROR, "No source line or function matches \"%s\".", spec);
        return -1;
    }
    uint32_t a[MAX_BP_ADDRS];
    uint32_t used = line;
    size_t n = wd_dwarf_line_addrs(m->dw, file, line, a, MAX_BP_ADDRS, &used);
    if (n == 0) {
        say(m, TS_ERROR, "No code at or after %s:%u.", base_name(file), line);
        return -1;
    }
    return add_bp_addrs(m, a, n < MAX_BP_ADDRS ? n : MAX_BP_ADDRS, file, used, temp);
}

/* Toggles a breakpoint on file:line (the source pane's b / F9 / Space). */
static int toggle_break(tm_model *m, const char *spec)
{
    const char *file;
    uint32_t line;
    if (!tm_resolve_line(m, spec, &file, &line)) {
        say(m, TS_ERROR, "No source line matches \"%s\".", spec);
        return -1;
    }
    bool any = false;
    for (size_t i = m->nbps; i-- > 0;)
        if (m->bps[i]->pub.line == line && strcmp(m->bps[i]->pub.file, file) == 0) {
            say(m, TS_NORMAL, "Deleted breakpoint %d", m->bps[i]->pub.id);
            delete_bp(m, i);
            any = true;
        }
    if (any)
        return 0;
    char spec2[600];
    snprintf(spec2, sizeof spec2, "%s:%u", file, line);
    return set_break(m, spec2, false) < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ running */

static wd_probe_action step_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    tm_model *m = user;
    uint32_t depth = wd_exec_frame_count(x);
    if (m->first_event) {
        m->first_event = false;
        if (ev->offset == m->start_off && depth == m->start_depth && m->mode != SM_FINISH)
            return WD_PROBE_CONTINUE;
    }
    switch (m->mode) {
    case SM_STEPI:
        return WD_PROBE_STOP;
    case SM_NEXTI:
        return depth <= m->start_depth ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
    case SM_FINISH:
        return depth < m->start_depth ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
    case SM_NEXT:
        if (depth > m->start_depth)
            return WD_PROBE_CONTINUE;
        /* fall through */
    case SM_STEP: {
        if (!m->dw || !ev->instance)
            return m->dw ? WD_PROBE_CONTINUE : WD_PROBE_STOP;
        wd_dw_row row;
        uint32_t addr = (uint32_t)(ev->offset - m->code_off);
        if (!wd_dwarf_line_at(m->dw, addr, &row) || row.line == 0)
            return WD_PROBE_CONTINUE;
        if (depth > m->start_depth) {
            /* entered a function with line info: skip its prologue line */
            if (m->callee_depth != depth) {
                m->callee_depth = depth;
                m->callee_line = row.line;
                return WD_PROBE_CONTINUE;
            }
            return row.line != m->callee_line ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
        }
        if (depth < m->start_depth)
            return WD_PROBE_STOP;
        if (row.line != m->start_line || !m->start_file || strcmp(row.file, m->start_file) != 0)
            return (row.flags & WD_DW_ROW_STMT) ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
        return WD_PROBE_CONTINUE;
    }
    default:
        return WD_PROBE_CONTINUE;
    }
}

static bool start_program(tm_model *m)
{
    teardown(m);
    char err[512];
    wd_wasi_config cfg = {
        .argc = m->gargc, .argv = (const char *const *)m->gargv, .envc = 0, .envp = NULL,
        .npreopens = (uint32_t)m->ndirs, .preopens = m->dirs,
        .stdin_fd = m->in_pipe[0], .stdout_fd = m->out_pipe[1], .stderr_fd = m->err_pipe[1],
    };
    m->wasi = wd_wasi_new(&cfg, err, sizeof err);
    if (!m->wasi) {
        say(m, TS_ERROR, "%s", err);
        return false;
    }
    wd_wasi_add_monitor(m->wasi, wasi_monitor, m);
    m->store = wd_store_new(NULL);
    if (!m->store) {
        say(m, TS_ERROR, "out of memory");
        return false;
    }
    wd_wasi_bind(m->wasi, m->store, NULL, NULL);
    wd_error e;
    wd_error_clear(&e);
    m->inst = wd_instance_new(m->store, m->mod, wd_wasi_resolver, m->wasi, &e);
    if (!m->inst) {
        char buf[512];
        say(m, TS_ERROR, "%s", wd_error_format(&e, buf, sizeof buf));
        teardown(m);
        return false;
    }
    m->x = wd_store_exec(m->store);
    const char *name = m->invoke ? m->invoke : "_start";
    wd_externkind kind;
    wd_extern ext;
    if (!wd_instance_export(m->inst, name, &kind, &ext) || kind != WD_EXTERN_FUNC) {
        say(m, TS_ERROR, "no exported function '%s' to run (use --invoke NAME)", name);
        teardown(m);
        return false;
    }
    m->entry = ext.func;
    wd_functype ft = wd_func_type(ext.func);
    m->nargs = 0;
    for (uint32_t i = 0; i < ft.nparams && i < 16; i++) {
        const char *a = (int)(i + 1) < m->gargc ? m->gargv[i + 1] : "0";
        wd_value v;
        memset(&v, 0, sizeof v);
        v.type = ft.params[i];
        switch (v.type) {
        case WD_I32: v.of.i32 = (uint32_t)strtoll(a, NULL, 0); break;
        case WD_I64: v.of.i64 = (uint64_t)strtoll(a, NULL, 0); break;
        case WD_F32: {
            float f = strtof(a, NULL);
            memcpy(&v.of.f32_bits, &f, 4);
            break;
        }
        case WD_F64: {
            double d = strtod(a, NULL);
            memcpy(&v.of.f64_bits, &d, 8);
            break;
        }
        default: break;
        }
        m->args[m->nargs++] = v;
    }
    m->nresults = ft.nresults < 8 ? ft.nresults : 8;
    m->pending_call = true;
    m->state = TM_PAUSED; /* briefly: resume() switches to running */
    m->stop_seq++;
    return true;
}

static void set_step(tm_model *m, step_mode mode)
{
    m->mode = mode;
    m->first_event = true;
    m->callee_depth = 0;
    if (!m->x)
        return;
    uint32_t count = wd_exec_frame_count(m->x);
    const tm_frame *f = m->sel < m->nframes ? &m->frames[m->sel] : NULL;
    uint32_t xd = f ? f->xdepth : 0;
    m->start_depth = count > xd ? count - xd : 0;
    m->start_line = f ? f->loc.line : 0;
    m->start_file = f ? f->loc.file : NULL;
    m->start_off = m->nframes ? m->frames[0].loc.offset : 0;
    if (mode == SM_STEPI || mode == SM_NEXTI) /* instruction steps act on the innermost frame */
        m->start_depth = count;
    if (!m->gprobe)
        m->gprobe = wd_probe_add_global(m->x, step_probe, m);
}

static void resume(tm_model *m)
{
    snapshot_memory(m);
    m->hit_bp = 0;
    m->reason[0] = '\0';
    m->interrupt_req = 0;
    m->state = TM_RUNNING;
}

void tm_interrupt(tm_model *m) { m->interrupt_req = 1; }

static void report_stop(tm_model *m)
{
    char st[512];
    tm_status(m, st, sizeof st);
    say(m, m->state == TM_TRAPPED ? TS_ERROR : TS_NORMAL, "%s", st);
    if (m->state == TM_PAUSED && m->sel < m->nframes) {
        const tm_frame *f = &m->frames[m->sel];
        char src[512];
        if (m->dw && f->loc.file[0] && wd_dwarf_source_line(m->dw, f->loc.file, f->loc.line, src, sizeof src))
            say(m, TS_DIM, "%u\t%s", f->loc.line, src);
    }
}

static void stopped(tm_model *m, tm_state st)
{
    if (m->gprobe && m->x) {
        wd_probe_remove_global(m->x, m->gprobe);
        m->gprobe = 0;
    }
    m->mode = SM_NONE;
    m->state = st;
    m->stop_seq++;
    if (st == TM_PAUSED || st == TM_TRAPPED) {
        load_frames(m);
        load_vars(m);
    } else {
        m->nframes = m->sel = 0;
        free_vars(m);
    }
    /* a temporary breakpoint that was hit goes away */
    size_t idx;
    bpx *b = m->hit_bp ? find_bp(m, m->hit_bp, &idx) : NULL;
    if (b && b->pub.temporary)
        delete_bp(m, idx);
    report_stop(m);
}

void tm_run_slice(tm_model *m, uint64_t insns)
{
    if (m->state != TM_RUNNING || !m->x)
        return;
    if (m->interrupt_req) {
        m->interrupt_req = 0;
        snprintf(m->reason, sizeof m->reason, "interrupted");
        stopped(m, TM_PAUSED);
        return;
    }
    wd_exec_set_budget(m->x, insns);
    wd_stop st;
    if (m->pending_call) {
        m->pending_call = false;
        st = wd_exec_call(m->x, m->entry, m->args, m->nargs, m->results, m->nresults);
    } else {
        st = wd_exec_resume(m->x, m->results, m->nresults);
    }
    wd_exec_set_budget(m->x, 0);
    switch (st) {
    case WD_STOP_BUDGET:
        return;
    case WD_STOP_INTERRUPT:
        snprintf(m->reason, sizeof m->reason, "interrupted");
        stopped(m, TM_PAUSED);
        return;
    case WD_STOP_BREAK:
        if (m->hit_bp)
            snprintf(m->reason, sizeof m->reason, "breakpoint %d", m->hit_bp);
        stopped(m, TM_PAUSED);
        return;
    case WD_STOP_DONE:
        m->exit_code = 0;
        if (m->invoke && m->nresults > 0) {
            const wd_value *r = &m->results[0];
            say(m, TS_NORMAL, "%s returned %" PRId64, m->invoke,
                r->type == WD_I32 ? (int64_t)(int32_t)r->of.i32 : (int64_t)r->of.i64);
        }
        stopped(m, TM_EXITED);
        return;
    case WD_STOP_EXIT:
        m->exit_code = m->wasi && wd_wasi_exited(m->wasi) ? wd_wasi_exit_code(m->wasi)
                                                          : wd_exec_exit_code(m->x);
        stopped(m, TM_EXITED);
        return;
    case WD_STOP_TRAP:
    default:
        snprintf(m->trap_msg, sizeof m->trap_msg, "%s", wd_exec_trap_message(m->x));
        stopped(m, TM_TRAPPED);
        return;
    }
}

void tm_status(const tm_model *m, char *buf, size_t size)
{
    switch (m->state) {
    case TM_NOT_STARTED:
        snprintf(buf, size, "not started");
        return;
    case TM_RUNNING:
        snprintf(buf, size, "running");
        return;
    case TM_EXITED:
        snprintf(buf, size, "exited with status %d", m->exit_code);
        return;
    case TM_TRAPPED:
    case TM_PAUSED: {
        const tm_frame *f = NULL;
        for (size_t i = 0; i < m->nframes; i++)
            if (!m->frames[i].host) {
                f = &m->frames[i];
                break;
            }
        char where[300] = "";
        if (f && f->loc.file[0])
            snprintf(where, sizeof where, "%s:%u in %s", base_name(f->loc.file), f->loc.line, f->loc.func);
        else if (f)
            snprintf(where, sizeof where, "%s+0x%" PRIx64, f->loc.func, f->loc.offset);
        if (m->state == TM_TRAPPED)
            snprintf(buf, size, "trapped: %s%s%s", m->trap_msg, where[0] ? " at " : "", where);
        else
            snprintf(buf, size, "paused at %s%s%s%s", where[0] ? where : "?", m->reason[0] ? " (" : "",
                     m->reason, m->reason[0] ? ")" : "");
        return;
    }
    }
    snprintf(buf, size, "?");
}

/* ------------------------------------------------------------ sources and disassembly */

const tm_source *tm_source_get(tm_model *m, const char *path)
{
    if (!path || !*path)
        return NULL;
    for (size_t i = 0; i < m->nsrcs; i++)
        if (strcmp(m->srcs[i].path, path) == 0)
            return &m->srcs[i];
    tm_source *ns = realloc(m->srcs, (m->nsrcs + 1) * sizeof *ns);
    if (!ns)
        return NULL;
    m->srcs = ns;
    tm_source *s = &m->srcs[m->nsrcs];
    memset(s, 0, sizeof *s);
    s->path = strdup(path);
    if (!s->path)
        return NULL;
    m->nsrcs++;
    char *real = m->dw ? wd_dwarf_source_path(m->dw, path) : NULL;
    FILE *f = real ? fopen(real, "rb") : fopen(path, "rb");
    free(real);
    if (!f)
        return s;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (sz < 0 || sz > (1L << 30)) {
        fclose(f);
        return s;
    }
    s->data = malloc((size_t)sz + 1);
    if (!s->data || fread(s->data, 1, (size_t)sz, f) != (size_t)sz) {
        free(s->data);
        s->data = NULL;
        fclose(f);
        return s;
    }
    fclose(f);
    s->data[sz] = '\0';
    s->size = (size_t)sz;
    size_t cap = 1024;
    s->starts = malloc(cap * sizeof *s->starts);
    if (!s->starts) {
        free(s->data);
        s->data = NULL;
        return s;
    }
    s->starts[s->nlines++] = 0;
    for (size_t i = 0; i < s->size; i++) {
        if (s->data[i] != '\n' || i + 1 >= s->size)
            continue;
        if (s->nlines == cap) {
            cap *= 2;
            uint32_t *n2 = realloc(s->starts, cap * sizeof *n2);
            if (!n2)
                break;
            s->starts = n2;
        }
        s->starts[s->nlines++] = (uint32_t)(i + 1);
    }
    if (s->size == 0)
        s->nlines = 0;
    return s;
}

size_t tm_disasm(tm_model *m, uint32_t funcidx, const tm_asm_line **out)
{
    if (m->dis_valid && m->dis_func == funcidx) {
        *out = m->dis;
        return m->ndis;
    }
    free(m->dis);
    m->dis = NULL;
    m->ndis = 0;
    m->dis_valid = true;
    m->dis_func = funcidx;
    uint64_t s, e;
    wd_module_func_range(m->mod, funcidx, &s, &e);
    if (s >= e || e > m->nbytes) {
        *out = NULL;
        return 0;
    }
    size_t cap = 256;
    m->dis = malloc(cap * sizeof *m->dis);
    int depth = 1;
    uint32_t last_line = 0;
    for (uint64_t off = s; off < e && m->dis;) {
        if (m->ndis == cap) {
            cap *= 2;
            tm_asm_line *n2 = realloc(m->dis, cap * sizeof *n2);
            if (!n2)
                break;
            m->dis = n2;
        }
        wd_wasm_insn in;
        bool ok = wd_wasm_decode(m->bytes + off, (size_t)(e - off), &in);
        if (in.is_else || in.depth_change < 0)
            depth--;
        if (depth < 1)
            depth = 1;
        tm_asm_line *l = &m->dis[m->ndis++];
        l->offset = off;
        l->depth = depth - 1;
        l->line = 0;
        if (m->dw) {
            wd_dw_row row;
            if (wd_dwarf_line_at(m->dw, (uint32_t)(off - m->code_off), &row) && row.line &&
                row.line != last_line) {
                l->line = row.line;
                last_line = row.line;
            }
        }
        snprintf(l->text, sizeof l->text, "%.119s", in.text);
        if (in.is_else || in.depth_change > 0)
            depth++;
        off += in.len ? in.len : 1;
        if (!ok && !in.len)
            break;
    }
    *out = m->dis;
    return m->ndis;
}

/* ------------------------------------------------------------ commands */

static const char *const command_names[] = {
    "backtrace", "break", "condition", "continue", "delete", "disable", "down", "enable",
    "finish", "frame", "help", "info", "kill", "next", "nexti", "print", "quit", "restart",
    "run", "start", "step", "stepi", "tbreak", "until", "up", NULL,
};

const char *const *tm_command_names(void) { return command_names; }

static bool can_resume(tm_model *m)
{
    if (m->state == TM_PAUSED)
        return true;
    if (m->state == TM_RUNNING) {
        say(m, TS_ERROR, "The program is running (Ctrl-C pauses it).");
        return false;
    }
    say(m, TS_ERROR, "The program is not being run (r starts it).");
    return false;
}

static int cmd_start(tm_model *m, bool stop_at_main)
{
    if (stop_at_main && m->dw) {
        wd_dw_func df;
        if (find_main(m, &df)) {
            uint32_t addr, line;
            const char *file;
            func_body_addr(m, &df, &addr, &line, &file);
            add_bp_addrs(m, &addr, 1, file, line, true);
        }
    }
    if (!start_program(m))
        return -1;
    resume(m);
    return 0;
}

static void print_frame_line(tm_model *m, size_t i)
{
    const tm_frame *f = &m->frames[i];
    if (f->host)
        say(m, TS_NORMAL, "%c#%-2zu %s (host)", i == m->sel ? '*' : ' ', i, f->loc.func);
    else if (f->loc.file[0])
        say(m, TS_NORMAL, "%c#%-2zu %s%s at %s:%u", i == m->sel ? '*' : ' ', i, f->loc.func,
            f->inlined ? " [inlined]" : "", base_name(f->loc.file), f->loc.line);
    else
        say(m, TS_NORMAL, "%c#%-2zu %s (offset 0x%" PRIx64 ")", i == m->sel ? '*' : ' ', i,
            f->loc.func, f->loc.offset);
}

static int select_frame(tm_model *m, size_t i)
{
    if (m->nframes == 0) {
        say(m, TS_ERROR, "No stack.");
        return -1;
    }
    if (i >= m->nframes) {
        say(m, TS_ERROR, "No frame at level %zu.", i);
        return -1;
    }
    m->sel = i;
    m->stop_seq++; /* the panes follow the selected frame */
    load_vars(m);
    print_frame_line(m, i);
    return 0;
}

int tm_command(tm_model *m, const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    if (!*line)
        return 0;
    char cmd[32];
    size_t k = 0;
    while (line[k] && !isspace((unsigned char)line[k]) && k + 1 < sizeof cmd) {
        cmd[k] = line[k];
        k++;
    }
    cmd[k] = '\0';
    const char *arg = line + k;
    while (isspace((unsigned char)*arg))
        arg++;
#define IS(a) (strcmp(cmd, a) == 0)
    if (IS("break") || IS("b") || IS("br"))
        return set_break(m, arg, false) < 0 ? -1 : 0;
    if (IS("tbreak"))
        return set_break(m, arg, true) < 0 ? -1 : 0;
    if (IS("toggle"))
        return toggle_break(m, arg);
    if (IS("delete") || IS("d")) {
        if (!*arg) {
            while (m->nbps)
                delete_bp(m, m->nbps - 1);
            say(m, TS_NORMAL, "Deleted all breakpoints.");
            return 0;
        }
        size_t idx;
        if (!find_bp(m, atoi(arg), &idx)) {
            say(m, TS_ERROR, "No breakpoint number %s.", arg);
            return -1;
        }
        delete_bp(m, idx);
        say(m, TS_NORMAL, "Deleted breakpoint %s", arg);
        return 0;
    }
    if (IS("enable") || IS("disable")) {
        bool en = IS("enable");
        for (size_t i = 0; i < m->nbps; i++)
            if (!*arg || m->bps[i]->pub.id == atoi(arg))
                m->bps[i]->pub.enabled = en;
        if (*arg && !find_bp(m, atoi(arg), NULL)) {
            say(m, TS_ERROR, "No breakpoint number %s.", arg);
            return -1;
        }
        say(m, TS_NORMAL, "%s breakpoint %s", en ? "Enabled" : "Disabled", *arg ? arg : "(all)");
        return 0;
    }
    if (IS("condition")) {
        char *end;
        long id = strtol(arg, &end, 10);
        bpx *b = find_bp(m, (int)id, NULL);
        if (!b) {
            say(m, TS_ERROR, "No breakpoint number %ld.", id);
            return -1;
        }
        while (isspace((unsigned char)*end))
            end++;
        snprintf(b->pub.cond, sizeof b->pub.cond, "%s", end);
        say(m, TS_NORMAL, *end ? "Breakpoint %ld now conditional: %s" : "Breakpoint %ld now unconditional.%s",
            id, end);
        return 0;
    }
    if (IS("run") || IS("r") || IS("restart"))
        return cmd_start(m, false);
    if (IS("start"))
        return cmd_start(m, true);
    if (IS("kill")) {
        teardown(m);
        m->state = TM_NOT_STARTED;
        m->stop_seq++;
        free_vars(m);
        say(m, TS_NORMAL, "[Inferior 1 killed]");
        return 0;
    }
    if (IS("continue") || IS("c")) {
        if (m->state == TM_NOT_STARTED)
            return cmd_start(m, false);
        if (!can_resume(m))
            return -1;
        resume(m);
        return 0;
    }
    step_mode sm = SM_NONE;
    if (IS("step") || IS("s"))
        sm = SM_STEP;
    else if (IS("next") || IS("n"))
        sm = SM_NEXT;
    else if (IS("finish") || IS("fin"))
        sm = SM_FINISH;
    else if (IS("stepi") || IS("si"))
        sm = SM_STEPI;
    else if (IS("nexti") || IS("ni"))
        sm = SM_NEXTI;
    if (sm != SM_NONE) {
        if (m->state == TM_NOT_STARTED && (sm == SM_STEPI || sm == SM_NEXTI)) {
            /* stop at the entry function's first instruction */
            if (!start_program(m))
                return -1;
            set_step(m, SM_STEPI);
            resume(m);
            return 0;
        }
        if (m->state == TM_NOT_STARTED && sm != SM_FINISH)
            return cmd_start(m, m->dw != NULL);
        if (!can_resume(m))
            return -1;
        if (sm == SM_FINISH) {
            const tm_frame *f = &m->frames[m->sel];
            size_t outer = m->sel + 1;
            while (outer < m->nframes && m->frames[outer].host)
                outer++;
            if (outer >= m->nframes) {
                say(m, TS_ERROR, "\"finish\" not meaningful in the outermost frame.");
                return -1;
            }
            say(m, TS_NORMAL, "Run till exit from #%zu %s", m->sel, f->loc.func);
        }
        set_step(m, sm);
        resume(m);
        return 0;
    }
    if (IS("until") || IS("advance")) {
        if (!*arg)
            return tm_command(m, "next");
        if (set_break(m, arg, true) < 0)
            return -1;
        if (m->state == TM_NOT_STARTED)
            return cmd_start(m, false);
        if (!can_resume(m))
            return -1;
        resume(m);
        return 0;
    }
    if (IS("up") || IS("down")) {
        int n = *arg ? atoi(arg) : 1;
        long t = (long)m->sel + (IS("up") ? n : -n);
        if (t < 0) {
            say(m, TS_ERROR, "Bottom (innermost) frame selected; you cannot go down.");
            return -1;
        }
        if ((size_t)t >= m->nframes) {
            say(m, TS_ERROR, "Initial frame selected; you cannot go up.");
            return -1;
        }
        return select_frame(m, (size_t)t);
    }
    if (IS("frame") || IS("f"))
        return select_frame(m, *arg ? (size_t)atol(arg) : m->sel);
    if (IS("backtrace") || IS("bt") || IS("where")) {
        if (!m->nframes) {
            say(m, TS_ERROR, "No stack.");
            return -1;
        }
        for (size_t i = 0; i < m->nframes; i++)
            print_frame_line(m, i);
        return 0;
    }
    if (IS("print") || IS("p") || IS("output")) {
        char err[256];
        char *v = tm_eval(m, arg, err, sizeof err);
        if (!v) {
            say(m, TS_ERROR, "%s", err);
            return -1;
        }
        say(m, TS_NORMAL, "%s = %s", arg, v);
        free(v);
        return 0;
    }
    if (IS("info") || IS("i")) {
        if (!strncmp(arg, "b", 1)) {
            if (!m->nbps)
                say(m, TS_NORMAL, "No breakpoints or watchpoints.");
            for (size_t i = 0; i < m->nbps; i++) {
                const tm_bp *b = &m->bps[i]->pub;
                say(m, TS_NORMAL, "%-3d %-4s %c in %s at %s:%u%s%s (hit %u)", b->id,
                    b->temporary ? "del" : "keep", b->enabled ? 'y' : 'n', b->func,
                    base_name(b->file), b->line, b->cond[0] ? " if " : "", b->cond, b->hits);
            }
            return 0;
        }
        if (!strncmp(arg, "lo", 2) || !strncmp(arg, "ar", 2)) {
            if (!m->nvars)
                say(m, TS_NORMAL, "No locals.");
            for (size_t i = 0; i < m->nvars; i++)
                say(m, TS_NORMAL, "%s = %s", m->vars[i].name, m->vars[i].value ? m->vars[i].value : "?");
            return 0;
        }
        if (!strncmp(arg, "f", 1))
            return tm_command(m, "frame");
        say(m, TS_ERROR, "info breakpoints | locals | frame");
        return -1;
    }
    if (IS("help") || IS("h")) {
        say(m, TS_NORMAL, "commands: break LOC, tbreak LOC, delete [N], enable/disable [N], "
                          "condition N EXPR, run, start, continue, next, step, finish, stepi, "
                          "nexti, until LOC, up/down [N], frame N, backtrace, print VAR, "
                          "info breakpoints|locals, kill, restart, quit");
        say(m, TS_NORMAL, "screen: focus PANE, layout NAME, zoom, goto LINE|FUNC, x ADDR, open FILE, "
                          "search TEXT, watch EXPR, unwatch N, stdin TEXT, filter LIST");
        return 0;
    }
    say(m, TS_ERROR, "Undefined command: \"%s\".  Try \"help\".", cmd);
    return -1;
#undef IS
}
