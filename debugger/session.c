/* session.c: the debug session (session.h): the module and its DWARF, the process (store,
 * WASI host, instance), running and stepping, stop reports, frames, and the command loop's
 * entry point with its text / JSON-lines output.
 *
 * Running. Breakpoints are local probes (patched instructions), so code away from them runs
 * at the interpreter's full speed. Source and instruction stepping use the one global probe
 * (the engine's second dispatch table) only while a step is in progress; stepping over a
 * call stops at the callee's first instruction, drops the global probe and puts a temporary
 * local probe on the caller's return site (checked against the frame depth, so recursion
 * works), so the call itself runs at full speed. Watchpoints keep the global probe on and
 * check the effective address of every load and store (bp.c).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbg_int.h"
#include "wd_wasmdis.h"

/* ------------------------------------------------------------ text buffers */

void dbuf_add(dbg_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *p = realloc(b->p, nc);
        if (!p)
            return;
        b->p = p;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void dbuf_puts(dbg_buf *b, const char *s) { dbuf_add(b, s, strlen(s)); }

void dbuf_printf(dbg_buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        dbuf_add(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dbuf_add(b, big, (size_t)n);
    free(big);
}

void dbuf_json_str(dbg_buf *b, const char *s)
{
    dbuf_add(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char e[8];
        switch (*p) {
        case '"': dbuf_add(b, "\\\"", 2); break;
        case '\\': dbuf_add(b, "\\\\", 2); break;
        case '\n': dbuf_add(b, "\\n", 2); break;
        case '\t': dbuf_add(b, "\\t", 2); break;
        case '\r': dbuf_add(b, "\\r", 2); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                snprintf(e, sizeof e, "\\u%04x", *p);
                dbuf_add(b, e, 6);
            } else {
                dbuf_add(b, (const char *)p, 1);
            }
        }
    }
    dbuf_add(b, "\"", 1);
}

void dbuf_clear(dbg_buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

void dbuf_free(dbg_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* ------------------------------------------------------------ output */

static void sink(wd_dbg *s, wd_dbg_stream st, const char *text, size_t len)
{
    if (s->sink.write)
        s->sink.write(s->sink.user, st, text, len);
}

void dbg_puts(wd_dbg *s, const char *text)
{
    if (s->json)
        dbuf_puts(&s->out, text);
    else
        sink(s, WD_DBG_OUT, text, strlen(text));
}

void dbg_printf(wd_dbg *s, const char *fmt, ...)
{
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof tmp)
        n = sizeof tmp - 1;
    if (s->json)
        dbuf_add(&s->out, tmp, (size_t)n);
    else
        sink(s, WD_DBG_OUT, tmp, (size_t)n);
}

int dbg_error(wd_dbg *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    s->has_err = true;
    return -1;
}

void dbg_jfield(wd_dbg *s, const char *key, const char *raw_json)
{
    if (!s->json)
        return;
    dbuf_add(&s->jextra, ",", 1);
    dbuf_json_str(&s->jextra, key);
    dbuf_add(&s->jextra, ":", 1);
    dbuf_puts(&s->jextra, raw_json);
}

void dbg_jfield_str(wd_dbg *s, const char *key, const char *str)
{
    if (!s->json)
        return;
    dbg_buf b = {0};
    dbuf_json_str(&b, str);
    dbg_jfield(s, key, b.p);
    dbuf_free(&b);
}

void dbg_jfield_u64(wd_dbg *s, const char *key, uint64_t v)
{
    char n[32];
    snprintf(n, sizeof n, "%" PRIu64, v);
    dbg_jfield(s, key, n);
}

void dbg_event(wd_dbg *s, const char *text, const char *json)
{
    if (s->json) {
        if (json)
            sink(s, WD_DBG_JSON, json, strlen(json));
    } else if (text) {
        sink(s, WD_DBG_OUT, text, strlen(text));
    }
}

/* ------------------------------------------------------------ small helpers */

const char *dbg_skip_ws(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

char *dbg_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

const char *dbg_display_name(const char *name)
{
    /* clang's symbol for main(argc, argv); DWARF's linkage name is what the layer reports.
     * __main_void is wasi-libc's caller of main, a frame of its own (as the profiler
     * names it): shown as it is, not as a second main. */
    if (name && strcmp(name, "__main_argc_argv") == 0)
        return "main";
    return name;
}

bool dbg_find_func(wd_dbg *s, const char *name, wd_dw_func *out)
{
    if (!s->dw)
        return false;
    if (wd_dwarf_find_func(s->dw, name, out))
        return true;
    if (strcmp(name, "main") == 0)
        return wd_dwarf_find_func(s->dw, "__main_argc_argv", out) ||
               wd_dwarf_find_func(s->dw, "__main_void", out);
    return false;
}

const char *dbg_basename(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

bool dbg_parse_u64(const char *str, uint64_t *out)
{
    const char *p = dbg_skip_ws(str);
    bool neg = false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    if (!isdigit((unsigned char)*p))
        return false;
    char *end;
    unsigned long long v = strtoull(p, &end, 0);
    if (*dbg_skip_ws(end))
        return false;
    *out = neg ? (uint64_t)0 - v : v;
    return true;
}

bool dbg_running(wd_dbg *s) { return s->ps == PS_STOPPED && s->x && wd_exec_suspended(s->x); }

uint64_t dbg_marked_pc(wd_dbg *s)
{
    if (!s->x || (!dbg_running(s) && s->ps != PS_TRAPPED))   /* a trap keeps its frames */
        return UINT64_MAX;
    const dbg_vframe *f = dbg_selected(s);
    return f && !f->host ? f->off : UINT64_MAX;
}

int dbg_need_running(wd_dbg *s)
{
    if (dbg_running(s))
        return 0;
    return dbg_error(s, "The program is not being run.");
}

wd_memory *dbg_memory(wd_dbg *s) { return s->inst ? wd_instance_memory(s->inst, 0) : NULL; }

uint64_t dbg_mem_size(wd_dbg *s)
{
    wd_memory *mem = dbg_memory(s);
    if (mem)
        return wd_memory_size(mem);
    return s->inst || !s->m ? 0 : wd_module_memory_initial(s->m, 0);
}

bool dbg_read(wd_dbg *s, uint64_t addr, void *dst, size_t n)
{
    wd_memory *mem = dbg_memory(s);
    if (mem)
        return wd_memory_read(mem, addr, dst, n);
    if (addr > UINT64_MAX - n || addr + n > dbg_mem_size(s))
        return false;
    memset(dst, 0, n);
    uint32_t nseg = wd_module_data_count(s->m);
    for (uint32_t i = 0; i < nseg; i++) {
        wd_data_segment d;
        if (!wd_module_data(s->m, i, &d) || !d.active || !d.has_offset || d.memory != 0)
            continue;
        uint64_t lo = addr > d.offset ? addr : d.offset;
        uint64_t hi = addr + n < d.offset + d.size ? addr + n : d.offset + d.size;
        if (lo < hi)   /* later segments overwrite earlier ones, as instantiation does */
            memcpy((uint8_t *)dst + (lo - addr), d.bytes + (lo - d.offset), (size_t)(hi - lo));
    }
    return true;
}

uint32_t dbg_func_of_off(wd_dbg *s, uint64_t off)
{
    /* a function's code entry (size, local declarations, body) runs from the end of the
     * previous body to the end of its own; bodies are in index order */
    uint32_t lo = s->nimports, hi = s->nfuncs;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint64_t a, b;
        wd_module_func_range(s->m, mid, &a, &b);
        uint64_t start = a > 64 ? a - 64 : 0;
        if (mid > s->nimports) {
            uint64_t pa, pb;
            wd_module_func_range(s->m, mid - 1, &pa, &pb);
            start = pb;
        }
        if (off < start)
            hi = mid;
        else if (off >= b)
            lo = mid + 1;
        else
            return mid;
    }
    return UINT32_MAX;
}

const char *dbg_func_name(wd_dbg *s, uint32_t funcidx, char *buf, size_t size)
{
    const char *n = wd_module_func_name(s->m, funcidx);
    if (n)
        return n;
    snprintf(buf, size, "func[%" PRIu32 "]", funcidx);
    return buf;
}

uint32_t dbg_insn_len(wd_dbg *s, uint64_t off)
{
    if (off >= s->nbytes)
        return 0;
    wd_wasm_insn in;
    if (!wd_wasm_decode(s->bytes + off, s->nbytes - off, &in))
        return 0;
    return in.len;
}

static bool foldable(uint8_t op) { return op == 0x20 || (op >= 0x41 && op <= 0x44); }
static bool marker(uint8_t op) { return op == 0x01 || op == 0x02 || op == 0x03 || op == 0x0b; }

/* The index of the first instruction start at or after off in s->fc_offs. */
static uint32_t fc_index(const wd_dbg *s, uint64_t off)
{
    uint32_t lo = 0, hi = s->fc_n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (s->fc_offs[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

uint64_t dbg_fold_start(wd_dbg *s, uint32_t funcidx, uint64_t off)
{
    if (s->fc_func != funcidx || !s->fc_offs) {
        free(s->fc_offs);
        s->fc_offs = NULL;
        s->fc_n = 0;
        uint64_t a, b;
        wd_module_func_range(s->m, funcidx, &a, &b);
        size_t cap = 64;
        s->fc_offs = malloc(cap * sizeof *s->fc_offs);
        for (uint64_t o = a; s->fc_offs && o < b && o < s->nbytes;) {
            if (s->fc_n == cap) {
                cap *= 2;
                uint32_t *n = realloc(s->fc_offs, cap * sizeof *n);
                if (!n)
                    break;
                s->fc_offs = n;
            }
            s->fc_offs[s->fc_n++] = (uint32_t)o;
            uint32_t len = dbg_insn_len(s, o);
            o += len ? len : 1;
        }
        s->fc_func = funcidx;
    }
    uint32_t lo = fc_index(s, off);
    if (lo >= s->fc_n || s->fc_offs[lo] != off)
        return off;
    /* The engine reports a fused instruction by its first or by its last wasm instruction
     * (op; local.set forwarded into the op's result, cmp; br_if): step back over the op. */
    uint8_t op = s->bytes[off];
    if ((op == 0x21 || op == 0x22 || op == 0x0d || op == 0x04) && lo > 0) {
        uint8_t prev = s->bytes[s->fc_offs[lo - 1]];
        if (!foldable(prev) && !(prev <= 0x11) && prev != 0x1a && prev != 0x21 && prev != 0x22)
            lo--;
    }
    while (lo > 0 && foldable(s->bytes[s->fc_offs[lo - 1]]))
        lo--;
    /* block, loop, nop and end never run as instructions of their own: a line row that starts
     * at one is entered by the next instruction that runs (a loop's first line at -O2) */
    while (lo > 0 && marker(s->bytes[s->fc_offs[lo - 1]]))
        lo--;
    return s->fc_offs[lo];
}

bool dbg_stmt_row_in(wd_dbg *s, uint64_t lo, uint64_t hi, wd_dw_row *out)
{
    if (!s->dw || hi <= lo)
        return false;
    uint32_t a = (uint32_t)(hi - s->code_off);
    uint32_t l = (uint32_t)(lo - s->code_off);
    for (int guard = 0; guard < 64; guard++) {
        wd_dw_row row;
        if (!wd_dwarf_line_at(s->dw, a, &row) || row.addr <= l)
            return false;
        if ((row.flags & WD_DW_ROW_STMT) && row.line) {
            *out = row;
            return true;
        }
        if (row.addr == 0)
            return false;
        a = row.addr - 1;
    }
    return false;
}

uint64_t dbg_func_bp_off(wd_dbg *s, uint32_t funcidx)
{
    uint64_t a, b;
    wd_module_func_range(s->m, funcidx, &a, &b);
    if (!s->dw || a >= b)
        return a;
    /* the first row flagged prologue_end, else the second statement row */
    uint64_t second = 0;
    uint32_t first_line = 0;
    bool have_first = false;
    for (uint64_t off = a; off < b && off < s->nbytes;) {
        wd_dw_row row;
        uint32_t addr = (uint32_t)(off - s->code_off);
        if (wd_dwarf_line_at(s->dw, addr, &row) && row.addr == addr && row.line) {
            if (row.flags & WD_DW_ROW_PROLOGUE_END)
                return off;
            if (row.flags & WD_DW_ROW_STMT) {
                if (!have_first) {
                    have_first = true;
                    first_line = row.line;
                } else if (!second && row.line != first_line) {
                    second = off;
                }
            }
        }
        uint32_t n = dbg_insn_len(s, off);
        if (!n)
            break;
        off += n;
    }
    return second ? second : a;
}

/* ------------------------------------------------------------ DWARF target */

static bool image_memory(void *user, uint64_t addr, void *dst, size_t len)
{
    const dbg_tctx *ctx = user;   /* &ctx->r, its first member */
    return dbg_read(ctx->s, addr, dst, len);
}

void dbg_target(wd_dbg *s, uint32_t wdepth, dbg_tctx *ctx, wd_dw_target *t)
{
    wd_dwarf_frame_reader(&ctx->r, s->x, s->inst, wdepth, t);
    ctx->s = s;
    if (!s->inst)   /* not running: globals are read from the module's data, as gdb does */
        t->read_memory = image_memory;
}

/* ------------------------------------------------------------ frames */

void dbg_invalidate_frames(wd_dbg *s)
{
    s->vf_valid = false;
    s->nvf = 0;
}

bool dbg_frames(wd_dbg *s)
{
    if (s->vf_valid)
        return s->nvf > 0;
    s->nvf = 0;
    s->vf_valid = true;
    if (!s->x || (s->ps != PS_STOPPED && s->ps != PS_TRAPPED))
        return false;
    uint32_t n = wd_exec_frame_count(s->x);
    size_t cap = 0;
    for (uint32_t d = 0; d < n; d++) {
        wd_frame_info fi;
        if (!wd_exec_frame(s->x, d, &fi))
            break;
        /* the engine reports a fused instruction by one of its wasm instructions; at a
         * breakpoint the probe's own offset is the precise one */
        if (d == 0 && s->stop_off_valid && fi.instance &&
            dbg_func_of_off(s, s->stop_off) == fi.funcidx)
            fi.offset = s->stop_off;
        wd_dw_frame fr[8];
        size_t k = 0;
        uint32_t addr = 0;
        if (fi.instance) {
            addr = (uint32_t)(fi.offset - s->code_off);
            if (s->dw)
                k = wd_dwarf_symbolize(s->dw, addr, false, fr, 8);
            if (k > 8)
                k = 8;
        }
        size_t need = s->nvf + (k ? k : 1);
        if (need > cap) {
            cap = need * 2 + 8;
            dbg_vframe *nv = realloc(s->vf, cap * sizeof *nv);
            if (!nv)
                return s->nvf > 0;
            s->vf = nv;
        }
        if (!k) {
            dbg_vframe *v = &s->vf[s->nvf++];
            memset(v, 0, sizeof *v);
            v->wdepth = d;
            v->host = !fi.instance;
            v->funcidx = fi.funcidx;
            v->off = fi.offset;
            v->addr = addr;
            v->name = fi.func_name;
            continue;
        }
        for (size_t i = 0; i < k; i++) {
            dbg_vframe *v = &s->vf[s->nvf++];
            memset(v, 0, sizeof *v);
            v->wdepth = d;
            v->inl = (uint32_t)i;
            v->funcidx = fi.funcidx;
            v->off = fi.offset;
            v->addr = addr;
            v->has_dw = true;
            v->dw = fr[i];
            v->name = dbg_display_name(fr[i].function ? fr[i].function : fi.func_name);
        }
    }
    uint32_t h = s->hide_inl;
    if (h && h < s->nvf && s->vf[h].wdepth == 0 && s->vf[h].inl == h) {
        memmove(s->vf, s->vf + h, (s->nvf - h) * sizeof *s->vf);
        s->nvf -= h;
    }
    if (s->sel >= s->nvf)
        s->sel = 0;
    return s->nvf > 0;
}

const dbg_vframe *dbg_selected(wd_dbg *s)
{
    if (!dbg_frames(s))
        return NULL;
    return &s->vf[s->sel];
}

static void frame_args(wd_dbg *s, const dbg_vframe *f, dbg_buf *b, dbg_buf *json)
{
    if (!s->dw || !f->has_dw)
        return;
    const wd_dw_var *vars[64];
    size_t n = wd_dwarf_vars_at(s->dw, f->addr, f->inl, vars, 64);
    if (n > 64)
        n = 64;
    dbg_tctx ctx;
    wd_dw_target t;
    dbg_target(s, f->wdepth, &ctx, &t);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (!wd_dw_var_is_param(vars[i]))
            continue;
        char val[512];
        wd_dwarf_format_var(s->dw, vars[i], f->addr, &t, val, sizeof val);
        const char *name = wd_dw_var_name(vars[i]);
        if (b)
            dbuf_printf(b, "%s%s=%s", first ? "" : ", ", name ? name : "?", val);
        if (json) {
            dbuf_puts(json, first ? "{\"name\":" : ",{\"name\":");
            dbuf_json_str(json, name);
            dbuf_puts(json, ",\"value\":");
            dbuf_json_str(json, val);
            dbuf_puts(json, "}");
        }
        first = false;
    }
}

/* true if the frame's pc is not at the start of a statement */
static bool mid_line(wd_dbg *s, const dbg_vframe *f)
{
    if (f->wdepth > 0 || f->inl > 0)
        return true;
    wd_dw_row row;
    uint64_t first = dbg_fold_start(s, f->funcidx, f->off) - 1;
    /* a step that stopped on entering a statement row inside a fused run of instructions
     * stopped at that statement's start, as far as the user can tell */
    if (s->step_lo_valid && s->step_lo < first)
        first = s->step_lo;
    return !dbg_stmt_row_in(s, first, f->off, &row);
}

void dbg_frame_desc(wd_dbg *s, const dbg_vframe *f, bool with_addr, bool args, dbg_buf *b)
{
    char nb[32];
    if (f->host) {
        dbuf_printf(b, "%s () <host function>", f->name ? f->name : "host");
        return;
    }
    const char *name = f->name ? f->name : dbg_func_name(s, f->funcidx, nb, sizeof nb);
    if (with_addr && (mid_line(s, f) || !f->has_dw) && !(f->inl > 0))
        dbuf_printf(b, "0x%08" PRIx32 " in ", f->addr);
    dbuf_printf(b, "%s (", name);
    if (args)
        frame_args(s, f, b, NULL);
    dbuf_puts(b, ")");
    if (f->has_dw && f->dw.file && f->dw.file[0] && f->dw.line)
        dbuf_printf(b, " at %s:%" PRIu32, dbg_basename(f->dw.file), f->dw.line);
    if (f->inl == 0 && s->nvf > 0 && f + 1 < s->vf + s->nvf && f[1].wdepth == f->wdepth)
        dbuf_puts(b, " [inlined]");
    else if (f->inl > 0 && f + 1 < s->vf + s->nvf && f[1].wdepth == f->wdepth)
        dbuf_puts(b, " [inlined]");
}

void dbg_frame_json(wd_dbg *s, const dbg_vframe *f, dbg_buf *b)
{
    char nb[32];
    const char *name = f->host ? (f->name ? f->name : "host")
                               : f->name ? f->name : dbg_func_name(s, f->funcidx, nb, sizeof nb);
    dbuf_printf(b, "{\"level\":%u,\"func\":", (unsigned)(f - s->vf));
    dbuf_json_str(b, name);
    if (!f->host) {
        dbuf_printf(b, ",\"wasm_func\":%" PRIu32 ",\"addr\":\"0x%08" PRIx32 "\"", f->funcidx, f->addr);
        if (f->has_dw && f->dw.file && f->dw.file[0]) {
            dbuf_puts(b, ",\"file\":");
            dbuf_json_str(b, dbg_basename(f->dw.file));
            dbuf_puts(b, ",\"fullname\":");
            dbuf_json_str(b, f->dw.file);
            dbuf_printf(b, ",\"line\":%" PRIu32, f->dw.line);
        }
        bool inl = f + 1 < s->vf + s->nvf && f[1].wdepth == f->wdepth;
        dbuf_printf(b, ",\"inlined\":%s,\"args\":[", inl ? "true" : "false");
        frame_args(s, f, NULL, b);
        dbuf_puts(b, "]");
    } else {
        dbuf_puts(b, ",\"host\":true");
    }
    dbuf_puts(b, "}");
}

void dbg_source_line(wd_dbg *s, const char *file, uint32_t line, dbg_buf *b)
{
    char text[1024];
    if (s->dw && file && file[0] && wd_dwarf_source_line(s->dw, file, line, text, sizeof text))
        dbuf_printf(b, "%" PRIu32 "\t%s\n", line, text);
    else
        dbuf_printf(b, "%" PRIu32 "\tin %s\n", line, file && file[0] ? dbg_basename(file) : "??");
}

/* ------------------------------------------------------------ stop reports */


/* Looks the stop's source line up before any of the stop report is out, so that a
 * "source file not found" warning comes before "Breakpoint 1, " rather than inside it */
static void warm_source(wd_dbg *s)
{
    dbg_invalidate_frames(s);
    const dbg_vframe *f = dbg_selected(s);
    char text[16];
    if (f && f->has_dw && f->dw.line && s->dw && f->dw.file && f->dw.file[0])
        wd_dwarf_source_line(s->dw, f->dw.file, f->dw.line, text, sizeof text);
}

void dbg_report_location(wd_dbg *s, bool force_frame, const char *reason_json)
{
    s->stop_seq++;
    snprintf(s->stop_reason, sizeof s->stop_reason, "%s", reason_json ? reason_json : "");
    dbg_invalidate_frames(s);
    s->sel = 0;
    s->il_next = 0;
    s->hide_inl = 0;
    /* inlined frames not entered yet: the stop is in their caller, which is frame 0 of the
     * stack for bt, frame and finish alike, as in gdb */
    uint32_t up = s->report_caller;
    if (up && dbg_frames(s) && up < s->nvf && s->vf[up].wdepth == s->vf[0].wdepth) {
        s->hide_inl = up;
        dbg_invalidate_frames(s);
    }
    s->report_caller = 0;
    dbg_buf t = {0}, j = {0};
    const dbg_vframe *f = dbg_selected(s);
    if (s->json) {
        dbuf_puts(&j, "{\"type\":\"stop\"");
        if (reason_json)
            dbuf_puts(&j, reason_json);
        if (f) {
            dbuf_puts(&j, ",\"frame\":");
            dbg_frame_json(s, f, &j);
        }
        dbuf_puts(&j, "}");
        dbg_event(s, NULL, j.p);
    } else if (f) {
        /* a pc without a source line (line 0 of optimised code) says where it is as gdb
         * does, "0x... in work (n=...)", rather than nothing */
        bool show_frame = force_frame || f->funcidx != s->last_func || !f->has_dw ||
                          !f->dw.line || wd_exec_frame_count(s->x) != s->last_depth;
        if (show_frame) {
            dbg_frame_desc(s, f, true, true, &t);
            dbuf_puts(&t, "\n");
        }
        if (f->has_dw && f->dw.line) {
            /* a stop shown at an inlined call is at that call's line, as a whole */
            if (!show_frame && !s->hide_inl && mid_line(s, f))
                dbuf_printf(&t, "0x%08" PRIx32 "\t", f->addr);
            dbg_source_line(s, f->dw.file, f->dw.line, &t);
        }
        dbg_event(s, t.p, NULL);
    }
    if (f) {
        s->last_func = f->funcidx;
        s->last_depth = wd_exec_frame_count(s->x);
        if (f->has_dw && f->dw.line) {
            free(s->list_file);
            s->list_file = dbg_strdup(f->dw.file);
            s->list_line = f->dw.line > 5 ? f->dw.line - 5 : 1;
            s->list_first = 0;
        }
    }
    dbuf_free(&t);
    dbuf_free(&j);
    dbg_do_displays(s);
}

/* ------------------------------------------------------------ the process */

static void free_process(wd_dbg *s)
{
    dbg_prof_detach(s);
    if (s->gprobe && s->x)
        wd_probe_remove_global(s->x, s->gprobe);
    s->gprobe = 0;
    /* a watched write whose next instruction never came (the program ended) */
    s->wpend = 0;
    for (uint32_t i = 0; i < s->nbps; i++)
        s->bps[i]->wpending = false;
    dbg_clear_internal_probes(s);
    if (s->store)
        wd_store_free(s->store);
    if (s->wasi)
        wd_wasi_free(s->wasi);
    s->store = NULL;
    s->wasi = NULL;
    s->inst = NULL;
    s->x = NULL;
    dbg_invalidate_frames(s);
}

void dbg_kill(wd_dbg *s)
{
    if (s->x && wd_exec_suspended(s->x))
        wd_exec_reset(s->x);
    free_process(s);
    s->hide_inl = 0;
    s->ps = PS_NONE;
    s->in_flight = false;
    s->stop_seq++;
}

static int report_exit(wd_dbg *s, int code)
{
    s->ps = PS_EXITED;
    s->exit_code = code;
    s->stop_seq++;
    s->stop_reason[0] = '\0';
    char t[128], j[128];
    if (code == 0)
        snprintf(t, sizeof t, "[Inferior 1 (process 1) exited normally]\n");
    else
        snprintf(t, sizeof t, "[Inferior 1 (process 1) exited with code 0%o]\n", (unsigned)code);
    snprintf(j, sizeof j, "{\"type\":\"exited\",\"code\":%d}", code);
    dbg_event(s, t, j);
    dbg_invalidate_frames(s);
    return 0;
}

static void report_trap(wd_dbg *s)
{
    s->ps = PS_TRAPPED;
    s->ever_trapped = true;
    const char *msg = wd_exec_trap_message(s->x);
    if (!msg)
        msg = wd_trap_message(wd_exec_trap(s->x));
    dbg_buf t = {0}, j = {0};
    dbuf_printf(&t, "\nProgram terminated by a trap: %s.\n", msg);
    if (!s->json)
        dbg_event(s, t.p, NULL);
    dbuf_puts(&j, ",\"reason\":\"trap\",\"message\":");
    dbuf_json_str(&j, msg);
    dbg_report_location(s, true, j.p);
    dbuf_free(&t);
    dbuf_free(&j);
}

static wd_probe_action gprobe_fn(wd_exec *x, const wd_probe_event *ev, void *user);

/* Only accesses to watched bytes, and the first one after a watched local's frame has
 * returned, reach gprobe_fn: the engine checks the rest (wd_probe_filter_memory). Without
 * the filter (out of memory) every access does, which is slower but as right. */
static void watch_filter(wd_dbg *s)
{
    uint32_t n = 0, min_frames = 0;
    wd_mem_range *r = malloc((s->nbps ? s->nbps : 1) * sizeof *r);
    if (!r) {
        wd_probe_filter_memory(s->x, s->gprobe, NULL, 0, 0);
        return;
    }
    for (uint32_t i = 0; i < s->nbps; i++) {
        const dbg_bp *bp = s->bps[i];
        if (bp->type == BP_BREAK || !bp->enabled)
            continue;
        r[n++] = (wd_mem_range){ 0, bp->waddr, bp->wlen };
        if (bp->scope_level > min_frames)
            min_frames = bp->scope_level;
    }
    if (!wd_probe_filter_memory(s->x, s->gprobe, r, n, min_frames))
        wd_probe_filter_memory(s->x, s->gprobe, NULL, 0, 0);
    free(r);
}

void dbg_update_gprobe(wd_dbg *s, bool stepping)
{
    s->gprobe_stepping = stepping;
    if (!s->x)
        return;
    /* watchpoints alone need only the instructions that access memory (cheap); stepping
     * and a pending write need every instruction */
    bool full = stepping || s->wpend;
    bool want = full || s->nwatch > 0;
    if (s->gprobe && (!want || s->gprobe_mem == full)) {
        wd_probe_remove_global(s->x, s->gprobe);   /* safe from inside its own callback */
        s->gprobe = 0;
    }
    if (want && !s->gprobe) {
        s->gprobe = full ? wd_probe_add_global(s->x, gprobe_fn, s)
                         : wd_probe_add_memory(s->x, gprobe_fn, s);
        s->gprobe_mem = !full;
    }
    if (s->gprobe && s->gprobe_mem)
        watch_filter(s);
}

void dbg_sync_gprobe(wd_dbg *s)
{
    dbg_update_gprobe(s, s->gprobe_stepping);
}

static wd_probe_action internal_fn(wd_exec *x, const wd_probe_event *ev, void *user)
{
    dbg_internal_probe *p = user;
    if (p->depth && wd_exec_frame_count(x) != p->depth)
        return WD_PROBE_CONTINUE;
    p->s->why = p->kind;
    p->s->stop_off = ev->offset;
    p->s->stop_off_valid = true;
    return WD_PROBE_STOP;
}

uint32_t dbg_add_internal_probe(wd_dbg *s, uint32_t funcidx, uint64_t off, int kind, uint32_t depth)
{
    if (s->niprobes == s->capiprobes) {
        uint32_t nc = s->capiprobes ? s->capiprobes * 2 : 8;
        dbg_internal_probe **np = realloc(s->iprobes, nc * sizeof *np);
        if (!np)
            return 0;
        s->iprobes = np;
        s->capiprobes = nc;
    }
    dbg_internal_probe *p = calloc(1, sizeof *p);
    if (!p)
        return 0;
    p->s = s;
    p->kind = kind;
    p->depth = depth;
    wd_error err;
    wd_error_clear(&err);
    p->id = wd_probe_add_local(s->m, funcidx, off, internal_fn, p, &err);
    if (!p->id) {
        free(p);
        return 0;
    }
    s->iprobes[s->niprobes++] = p;
    return p->id;
}

void dbg_clear_internal_probes(wd_dbg *s)
{
    for (uint32_t i = 0; i < s->niprobes; i++) {
        wd_probe_remove_local(s->m, s->iprobes[i]->id);
        free(s->iprobes[i]);
    }
    s->niprobes = 0;
}

/* The return site of engine frame d's call (in frame d+1). */
static bool return_site(wd_dbg *s, uint32_t d, uint32_t *funcidx, uint64_t *off)
{
    wd_frame_info fi;
    if (!wd_exec_frame(s->x, d + 1, &fi) || !fi.instance)
        return false;
    uint32_t n = dbg_insn_len(s, fi.offset);
    if (!n)
        return false;
    *funcidx = fi.funcidx;
    *off = fi.offset + n;
    return true;
}

/* Did the code run straight from the instruction at from to the one at to (both file offsets
 * in the function dbg_fold_start saw last)? The engine fuses short runs of instructions
 * (local.get; i32.const; i32.add; local.set) into one it reports once, so consecutive reports
 * can be several instructions apart; a line row starting inside such a run was entered too.
 * Only a branch right before to can have been taken without skipping code in between. */
static bool fell_through(wd_dbg *s, uint64_t from, uint64_t to)
{
    uint32_t lo = fc_index(s, from);
    if (lo >= s->fc_n || s->fc_offs[lo] != from)
        return false;
    for (uint32_t i = lo, guard = 0; i < s->fc_n && s->fc_offs[i] < to; i++, guard++) {
        uint8_t op = s->bytes[s->fc_offs[i]];
        bool transfer = op == 0x00 || (op >= 0x04 && op <= 0x05) || (op >= 0x0c && op <= 0x13);
        if (guard > 64 || (transfer && (i + 1 >= s->fc_n || s->fc_offs[i + 1] < to)))
            return false;
    }
    return true;
}

/* dbg_stmt_row_in, counting only rows at most max_level inlined levels deep: for next, the
 * rows of an inlined call it stepped over are not lines of the code it steps in. */
static bool stmt_row_at_level(wd_dbg *s, uint64_t lo, uint64_t hi, uint32_t max_level,
                              wd_dw_row *out)
{
    for (int guard = 0; guard < 64 && hi > lo; guard++) {
        if (!dbg_stmt_row_in(s, lo, hi, out))
            return false;
        uint64_t at = out->addr + s->code_off;
        if (dbg_inline_level(s, at) <= max_level)
            return true;
        hi = at - 1;   /* an inlined call's row: look before it */
    }
    return false;
}

/* Source stepping: should the step stop before the instruction at file offset off? */
static bool step_check(wd_dbg *s, wd_exec *x, uint32_t funcidx, uint64_t off)
{
    uint32_t n = wd_exec_frame_count(x);
    uint64_t first = dbg_fold_start(s, funcidx, off);
    bool seq = s->run.prev_valid && n == s->run.prev_depth && off > s->run.prev_off &&
               dbg_func_of_off(s, s->run.prev_off) == funcidx &&
               (s->run.prev_off >= first - 1 || fell_through(s, s->run.prev_off, first));
    uint64_t lo = seq ? s->run.prev_off : first - 1;
    s->run.prev_off = off;
    s->run.prev_depth = n;
    s->run.prev_valid = true;
    uint32_t addr = (uint32_t)(off - s->code_off);
    wd_dw_row cur;
    bool has = s->dw && wd_dwarf_line_at(s->dw, addr, &cur) && cur.line;
    if (n > s->run.depth) {
        if (s->run.kind == RUN_STEP && has) {
            s->run.depth = n;
            s->run.into = true;
            s->run.min_addr = (uint32_t)(dbg_func_bp_off(s, funcidx) - s->code_off);
            s->run.line = 0;
            s->run.file = NULL;
        } else {
            s->why = WHY_CALL;
            return true;
        }
    } else if (n < s->run.depth) {
        s->run.depth = n;
        s->run.into = false;
        s->run.crossed = false;
        s->run.line = has ? cur.line : 0;
        s->run.file = has ? cur.file : NULL;
        return false;   /* finish the caller's statement */
    }
    bool next = s->run.kind == RUN_NEXT;
    uint32_t lvl = next ? dbg_inline_level(s, off) : 0;
    if (next && lvl > s->run.inl_start) {
        /* inside an inlined call: stepped over as a call is; but as gdb, its first
         * instruction is a stop at the call, shown in the caller, when the call is on
         * another line than the one stepped from */
        uint32_t copy = dbg_inline_copy(s, off, s->run.inl_start + 1);
        if (s->run.in_inl && copy == s->run.inl_copy)
            return false;
        s->run.in_inl = true;
        s->run.inl_copy = copy;
        wd_dw_frame fr[16];
        size_t k = wd_dwarf_symbolize(s->dw, addr, false, fr, 16);
        if (k > 16 || k <= s->run.inl_start)
            return false;
        const wd_dw_frame *caller = &fr[k - 1 - s->run.inl_start];
        if (!caller->line || (caller->line == s->run.line &&
                              (!s->run.file || !caller->file || !strcmp(caller->file, s->run.file))))
            return false;
        s->report_caller = lvl - s->run.inl_start;
        s->why = WHY_STEP;
        return true;
    }
    s->run.in_inl = false;
    wd_dw_row row;
    bool entered = next ? stmt_row_at_level(s, lo, off, s->run.inl_start, &row)
                        : dbg_stmt_row_in(s, lo, off, &row);
    if (s->run.into && addr < s->run.min_addr)
        return false;
    bool other = entered && (s->run.line == 0 || row.line != s->run.line ||
                             (s->run.file && row.file && strcmp(row.file, s->run.file) != 0));
    if (other && !has) {
        /* a new line's statement ran inside a fused instruction that ends in code without
         * a line (line 0 at -O2): stop at the next instruction that has one, which says
         * where the program is, rather than at an address */
        if (!s->run.crossed)
            s->run.crossed_lo = lo;
        s->run.crossed = true;
        return false;
    }
    if (other || (s->run.crossed && has)) {
        s->why = WHY_STEP;
        s->step_lo = s->run.crossed && !other ? s->run.crossed_lo : lo;
        s->step_lo_valid = true;
        return true;
    }
    return false;
}

uint32_t dbg_inline_level(wd_dbg *s, uint64_t off)
{
    /* next asks at every instruction it steps: a loop's few offsets come from a small cache
     * (the answer for an offset never changes) */
    uint32_t slot = (uint32_t)(off ^ (off >> 8)) % (sizeof s->ilc_key / sizeof s->ilc_key[0]);
    if (s->ilc_key[slot] == off + 1)
        return s->ilc_level[slot];
    wd_dw_frame fr[16];
    size_t n = s->dw ? wd_dwarf_symbolize(s->dw, (uint32_t)(off - s->code_off), false, fr, 16) : 0;
    s->ilc_key[slot] = off + 1;
    s->ilc_level[slot] = n ? (uint32_t)n - 1 : 0;
    return s->ilc_level[slot];
}

uint32_t dbg_inline_copy(wd_dbg *s, uint64_t off, uint32_t from_outer)
{
    wd_dw_frame fr[16];
    size_t n = s->dw ? wd_dwarf_symbolize(s->dw, (uint32_t)(off - s->code_off), false, fr, 16) : 0;
    if (n > 16)
        n = 16;
    /* fr[0] is the innermost; the outermost (the wasm function itself) is fr[n - 1] */
    return from_outer && from_outer < n ? fr[n - 1 - from_outer].low_pc : 0;
}

/* finish in an inlined frame: calls run at full speed (as next); stop once out of it */
static bool uninline_check(wd_dbg *s, wd_exec *x, uint64_t off)
{
    uint32_t n = wd_exec_frame_count(x);
    if (n > s->run.depth) {
        s->why = WHY_CALL;
        return true;
    }
    /* out of the inlined function: fewer inlined levels here, or at its level another copy
     * (a caller that inlined it twice in a row, with no code of its own in between) */
    if (n < s->run.depth || dbg_inline_level(s, off) < s->run.inl_level) {
        s->why = WHY_STEP;
        return true;
    }
    uint32_t level = dbg_inline_level(s, off);
    if (s->run.inl_level && dbg_inline_copy(s, off, s->run.inl_level) != s->run.inl_low) {
        /* at the first instruction of the next copy: shown in its caller, at that call, as
         * gdb shows an inlined call not entered yet */
        s->report_caller = level - s->run.inl_level + 1;
        s->why = WHY_STEP;
        return true;
    }
    return false;
}

/* A function's last `end` reaches the probe twice (it ends the body's block, then returns);
 * one instruction step is one stop there. Nothing else can run the same `end` twice in a
 * row without an instruction in between. */
static bool repeated_end(wd_dbg *s, wd_exec *x, const wd_probe_event *ev)
{
    uint32_t n = wd_exec_frame_count(x);
    bool again = s->run.prev_valid && ev->offset == s->run.prev_off && n == s->run.prev_depth &&
                 ev->offset < s->nbytes && s->bytes[ev->offset] == 0x0b;
    s->run.prev_off = ev->offset;
    s->run.prev_depth = n;
    s->run.prev_valid = true;
    return again;
}

static wd_probe_action gprobe_fn(wd_exec *x, const wd_probe_event *ev, void *user)
{
    wd_dbg *s = user;
    if (s->nwatch || s->wpend) {
        int had = s->wpend;
        wd_probe_action a = dbg_watch_check(s, x, ev);
        if ((had != 0) != (s->wpend != 0))
            dbg_sync_gprobe(s);   /* a write to compare after this instruction, or done */
        if (a == WD_PROBE_STOP) {
            s->why = WHY_WATCH;
            return WD_PROBE_STOP;
        }
    }
    if ((s->run.kind == RUN_STEPI || s->run.kind == RUN_NEXTI) && repeated_end(s, x, ev))
        return WD_PROBE_CONTINUE;
    switch (s->run.kind) {
    case RUN_STEPI:
        if (--s->run.count == 0) {
            s->why = WHY_STEP;
            return WD_PROBE_STOP;
        }
        return WD_PROBE_CONTINUE;
    case RUN_NEXTI: {
        uint32_t n = wd_exec_frame_count(x);
        if (n > s->run.depth) {
            s->why = WHY_CALL;
            return WD_PROBE_STOP;
        }
        s->run.depth = n;
        if (--s->run.count == 0) {
            s->why = WHY_STEP;
            return WD_PROBE_STOP;
        }
        return WD_PROBE_CONTINUE;
    }
    case RUN_STEP:
    case RUN_NEXT:
        return step_check(s, x, ev->funcidx, ev->offset) ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
    case RUN_UNINLINE:
        return uninline_check(s, x, ev->offset) ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
    default:
        return WD_PROBE_CONTINUE;
    }
}

static bool stepping_kind(int k)
{
    return k == RUN_STEPI || k == RUN_NEXTI || k == RUN_STEP || k == RUN_NEXT || k == RUN_UNINLINE;
}

static void finish_value(wd_dbg *s)
{
    wd_functype ft = wd_module_func_type(s->m, s->run.callee);
    uint64_t lo, hi;
    wd_module_func_range(s->m, s->run.callee, &lo, &hi);
    /* the C result type, as gdb prints it; a void function prints nothing */
    const wd_dw_type *ct = NULL;
    bool typed = s->dw && wd_dwarf_func_result(s->dw, (uint32_t)(lo - s->code_off), &ct);
    if (typed && !ct)
        return;
    dbg_value hv;
    bool have = false;
    wd_value v = {0};
    if (ft.nresults == 1) {
        wd_frame_info fi;
        if (!wd_exec_frame(s->x, 0, &fi) || s->run.ret_index >= fi.stack_height ||
            !wd_exec_frame_stack(s->x, 0, s->run.ret_index, &v) || v.type != ft.results[0])
            return;
        uint8_t b[8];
        uint64_t bits = v.type == WD_I32 ? v.of.i32 : v.type == WD_F32 ? v.of.f32_bits
                      : v.type == WD_F64 ? v.of.f64_bits : v.of.i64;
        for (int k = 0; k < 8; k++)
            b[k] = (uint8_t)(bits >> (8 * k));
        have = ct && dbg_value_typed(s, ct, false, 0, b, 8, &hv);
        if (!have && !dbg_value_from_wasm(v, &hv))
            return;
    } else if (ft.nresults == 0 && ct && s->run.has_sret) {
        /* a struct result: the caller passed where to write it as the first argument */
        have = dbg_value_typed(s, ct, true, s->run.sret, NULL, 0, &hv);
        if (!have)
            return;
    } else {
        return;
    }
    dbg_buf val = {0};
    dbg_format_value(s, &hv, 0, &val);
    char tn[128];
    if (have)
        wd_dw_type_name(s->dw, ct, tn, sizeof tn);
    else
        snprintf(tn, sizeof tn, "%s", wd_valtype_name(v.type));
    const char *text = val.p ? val.p : "";
    int n = dbg_hist_push(s, &hv);
    dbg_buf t = {0};
    /* a pointer's rendering names its type already: "(struct point *) 0x114cc" */
    if (text[0] == '(')
        dbuf_printf(&t, "Value returned is $%d = %s\n", n, text);
    else
        dbuf_printf(&t, "Value returned is $%d = (%s) %s\n", n, tn, text);
    dbg_puts(s, t.p);
    dbg_jfield_str(s, "value", text);
    dbg_jfield_str(s, "value_type", tn);
    if (ft.nresults == 1)
        dbg_jfield_str(s, "wasm_type", wd_valtype_name(v.type));
    dbuf_free(&t);
    dbuf_free(&val);
}

/* After a global-probe stop the local probes of that instruction fire on resume. */
static void arm_skip(wd_dbg *s)
{
    wd_frame_info fi;
    s->skip_armed = false;
    if (s->x && wd_exec_frame(s->x, 0, &fi)) {
        s->skip_armed = true;
        s->skip_off = fi.offset;
        s->skip_depth = wd_exec_frame_count(s->x);
        s->skip_count = wd_exec_insn_count(s->x);
    }
}

/* Runs until a stop worth reporting. first: start the call of _start. */
static int run_loop(wd_dbg *s, wd_func *entry)
{
    bool first = entry != NULL;
    s->in_flight = false;
    s->hide_inl = 0;   /* the program moves: every frame is a frame again */
    for (;;) {
        s->why = WHY_NONE;
        s->why_bp = 0;
        s->stop_off_valid = false;
        s->step_lo_valid = false;
        dbg_update_gprobe(s, stepping_kind(s->run.kind) && s->niprobes == 0);
        wd_exec_set_budget(s->x, s->slice);   /* front ends run in slices (session_query.h) */
        dbg_prof_before_run(s);
        wd_stop st = first ? wd_exec_call(s->x, entry, s->entry_args, s->entry_nargs,
                                          s->entry_results, s->entry_nresults)
                           : wd_exec_resume(s->x, s->entry_results, s->entry_nresults);
        dbg_prof_after_run(s);
        first = false;
        dbg_invalidate_frames(s);
        switch (st) {
        case WD_STOP_DONE:
            dbg_clear_internal_probes(s);
            return report_exit(s, 0);
        case WD_STOP_EXIT:
            dbg_clear_internal_probes(s);
            return report_exit(s, s->wasi && wd_wasi_exited(s->wasi) ? wd_wasi_exit_code(s->wasi)
                                                                      : wd_exec_exit_code(s->x));
        case WD_STOP_TRAP:
            dbg_clear_internal_probes(s);
            report_trap(s);
            return 0;
        case WD_STOP_BUDGET:
            if (s->slice) {
                s->in_flight = true;   /* wd_dbg_run_slice goes on */
                return 0;
            }
            continue;
        case WD_STOP_BLOCKED:
            if (!s->interrupt_req) {
                if (!s->slice) {   /* nobody comes back between slices: wait in the call */
                    wd_wasi_set_defer_waits(s->wasi, false);
                    continue;
                }
                s->in_flight = true;   /* waiting (wd_dbg_waiting): the next slice tries again */
                return 0;
            }
            /* Ctrl-C while the program waits stops it at the call */
            __attribute__((fallthrough));
        case WD_STOP_INTERRUPT:
            if (!s->interrupt_req)
                continue;
            s->interrupt_req = 0;
            dbg_clear_internal_probes(s);
            s->run.kind = RUN_CONT;
            dbg_update_gprobe(s, false);
            if (!s->json)
                dbg_event(s, "\nProgram received signal SIGINT, Interrupt.\n", NULL);
            dbg_report_location(s, true, ",\"reason\":\"signal-received\",\"signal\":\"SIGINT\"");
            return 0;
        case WD_STOP_BREAK:
            break;
        }
        switch (s->why) {
        case WHY_BP:
        case WHY_COND_ERR: {
            dbg_clear_internal_probes(s);
            s->run.kind = RUN_CONT;
            dbg_update_gprobe(s, false);
            dbg_buf t = {0}, j = {0};
            dbg_bp_describe_hit(s, s->why_bp, &t, &j);
            warm_source(s);
            if (!s->json)
                dbg_event(s, t.p, NULL);
            dbg_report_location(s, true, j.p);
            dbuf_free(&t);
            dbuf_free(&j);
            dbg_bp_after_stop(s, s->why_bp);
            return 0;
        }
        case WHY_WATCH: {
            dbg_clear_internal_probes(s);
            s->run.kind = RUN_CONT;
            dbg_update_gprobe(s, false);
            arm_skip(s);
            dbg_buf t = {0}, j = {0};
            dbg_bp_describe_hit(s, s->why_bp, &t, &j);
            warm_source(s);
            if (!s->json)
                dbg_event(s, t.p, NULL);
            dbg_report_location(s, true, j.p);
            dbuf_free(&t);
            dbuf_free(&j);
            dbg_bp_after_stop(s, s->why_bp);
            return 0;
        }
        case WHY_STEP: {
            bool fin = s->run.kind == RUN_UNINLINE;
            s->run.kind = RUN_CONT;
            dbg_update_gprobe(s, false);
            arm_skip(s);
            dbg_report_location(s, fin, fin ? ",\"reason\":\"function-finished\""
                                            : ",\"reason\":\"end-stepping-range\"");
            return 0;
        }
        case WHY_CALL: {
            /* run the call at full speed up to its return site */
            uint32_t f;
            uint64_t off;
            uint32_t n = wd_exec_frame_count(s->x);
            if (!return_site(s, 0, &f, &off) ||
                !dbg_add_internal_probe(s, f, off, WHY_RETURN, n - 1)) {
                continue;   /* no wasm caller: keep stepping */
            }
            continue;
        }
        case WHY_RETURN:
        case WHY_LOC: {
            int why = s->why;
            dbg_clear_internal_probes(s);
            if (why == WHY_RETURN && stepping_kind(s->run.kind)) {
                wd_frame_info fi;
                wd_exec_frame(s->x, 0, &fi);
                s->why = WHY_NONE;
                if (s->run.kind == RUN_NEXTI) {
                    s->run.depth = wd_exec_frame_count(s->x);
                    if (--s->run.count == 0)
                        s->why = WHY_STEP;
                } else if (s->run.kind == RUN_UNINLINE) {
                    uninline_check(s, s->x, fi.offset);
                } else if ((s->run.prev_valid = false, step_check(s, s->x, fi.funcidx, fi.offset)) &&
                           s->why == WHY_STEP) {
                    /* stopped right at the return site */
                }
                if (s->why == WHY_STEP) {
                    s->run.kind = RUN_CONT;
                    dbg_update_gprobe(s, false);
                    dbg_report_location(s, false, ",\"reason\":\"end-stepping-range\"");
                    return 0;
                }
                continue;
            }
            int kind = s->run.kind;
            s->run.kind = RUN_CONT;
            dbg_update_gprobe(s, false);
            if (kind == RUN_FINISH) {
                dbg_report_location(s, true, ",\"reason\":\"function-finished\"");
                finish_value(s);
            } else {
                dbg_report_location(s, false, ",\"reason\":\"location-reached\"");
            }
            return 0;
        }
        default:
            continue;   /* a stop nobody claimed: resume */
        }
    }
}

int dbg_resume(wd_dbg *s)
{
    if (dbg_need_running(s))
        return -1;
    wd_frame_info fi;
    if (!s->in_flight && wd_exec_frame(s->x, 0, &fi)) {   /* a new run, not its next slice */
        s->last_func = fi.funcidx;
        s->last_depth = wd_exec_frame_count(s->x);
    }
    return run_loop(s, NULL);
}

static char *parse_dir(const char *spec, const char **guest)
{
    char *copy = dbg_strdup(spec);
    if (!copy)
        return NULL;
    char *sep = strstr(copy, "::");
    *guest = copy;
    if (sep) {
        *sep = '\0';
        *guest = sep + 2;
    }
    return copy;
}

int dbg_start_program(wd_dbg *s, bool stop_at_main)
{
    if (s->ps != PS_NONE)
        dbg_kill(s);
    s->exit_code = 0;
    const char **argv = calloc((size_t)s->opt.argc + 2, sizeof *argv);
    wd_wasi_preopen *pre = calloc((size_t)s->opt.ndirs + 1, sizeof *pre);
    char **dirbufs = calloc((size_t)s->opt.ndirs + 1, sizeof *dirbufs);
    int rc = -1;
    if (!argv || !pre || !dirbufs) {
        dbg_error(s, "out of memory");
        goto out;
    }
    argv[0] = s->path;
    for (int i = 0; i < s->opt.argc; i++)
        argv[i + 1] = s->opt.argv[i];
    for (int i = 0; i < s->opt.ndirs; i++) {
        dirbufs[i] = parse_dir(s->opt.dirs[i], &pre[i].guest_path);
        pre[i].host_path = dirbufs[i];
        if (!pre[i].guest_path || !pre[i].guest_path[0])
            pre[i].guest_path = dirbufs[i];
    }
    wd_wasi_config cfg = {
        .argc = s->opt.argc + 1, .argv = argv, .envc = s->opt.envc,
        .envp = (const char *const *)s->opt.envp, .npreopens = (uint32_t)s->opt.ndirs,
        .preopens = pre, .stdin_fd = s->guest_stdin_fd, .stdout_fd = s->opt.guest_stdout_fd,
        .stderr_fd = s->opt.guest_stderr_fd,
    };
    char err[512];
    s->wasi = wd_wasi_new(&cfg, err, sizeof err);
    if (!s->wasi) {
        dbg_error(s, "%s", err);
        goto out;
    }
    if (s->wasi_mon)
        wd_wasi_add_monitor(s->wasi, s->wasi_mon, s->wasi_mon_user);
    /* a front end running slices keeps control while the program waits for input */
    wd_wasi_set_defer_waits(s->wasi, s->slice != 0);
    s->store = wd_store_new(NULL);
    if (!s->store) {
        dbg_error(s, "out of memory");
        goto fail;
    }
    s->x = wd_store_exec(s->store);
    wd_wasi_bind(s->wasi, s->store, NULL, NULL);
    wd_error e;
    wd_error_clear(&e);
    s->inst = wd_instance_new(s->store, s->m, wd_wasi_resolver, s->wasi, &e);
    if (!s->inst) {
        if (wd_wasi_exited(s->wasi)) {
            rc = report_exit(s, wd_wasi_exit_code(s->wasi));
            free_process(s);
            s->ps = PS_EXITED;
            goto out;
        }
        char buf[600];
        dbg_error(s, "%s", wd_error_format(&e, buf, sizeof buf));
        goto fail;
    }
    wd_externkind kind;
    wd_extern ext;
    const char *entry = s->entry_name ? s->entry_name : "_start";
    if (!wd_instance_export(s->inst, entry, &kind, &ext) || kind != WD_EXTERN_FUNC) {
        dbg_error(s, "%s: no %s function to run", s->path, entry);
        goto fail;
    }
    int tmp_bp = 0;
    if (stop_at_main) {
        tmp_bp = dbg_bp_create(s, "main", true, true);
        if (tmp_bp <= 0) {
            s->has_err = false;
            tmp_bp = dbg_bp_create(s, "__main_argc_argv", true, true);
            if (tmp_bp <= 0) {
                dbg_error(s, "No symbol table is loaded: no function \"main\".");
                goto fail;
            }
        }
    }
    s->ps = PS_STOPPED;
    s->sel = 0;
    s->run.kind = RUN_CONT;
    rc = run_loop(s, ext.func);
    if (s->in_flight)
        s->start_bp = tmp_bp;   /* wd_dbg_run_slice deletes it at the stop */
    else if (tmp_bp > 0 && dbg_bp_find(s, tmp_bp))
        dbg_bp_delete(s, tmp_bp);
    goto out;
fail:
    free_process(s);
    s->hide_inl = 0;
    s->ps = PS_NONE;
out:
    if (dirbufs)
        for (int i = 0; i < s->opt.ndirs; i++)
            free(dirbufs[i]);
    free(dirbufs);
    free(pre);
    free(argv);
    return rc;
}

/* ------------------------------------------------------------ lifetime */

static void dw_warn(void *user, const char *msg)
{
    wd_dbg *s = user;
    char line[600];
    int n = snprintf(line, sizeof line, "warning: %s", msg);
    if (n > 0 && !s->json)
        sink(s, WD_DBG_ERR, line, strlen(line));
}

static bool read_file(const char *path, uint8_t **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + len, 1, cap - len, f);
        len += r;
        if (len < cap)
            break;
        cap *= 2;
        uint8_t *nb = realloc(buf, cap);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    fclose(f);
    if (!buf)
        return false;
    *out = buf;
    *n = len;
    return true;
}

wd_dbg *wd_dbg_new(const wd_dbg_options *opts, char *err, size_t errsize)
{
    wd_dbg *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    s->opt = *opts;
    if (!s->opt.guest_stdout_fd && !s->opt.guest_stderr_fd) {
        s->opt.guest_stdout_fd = 1;
        s->opt.guest_stderr_fd = 2;
    }
    s->sink = opts->sink;
    s->json = opts->json;
    s->path = dbg_strdup(opts->path);
    s->next_bp = 1;
    s->last_func = UINT32_MAX;
    s->fc_func = UINT32_MAX;
    s->next_disp = 1;
    s->x_fmt = 'x';
    s->x_size = 'w';
    if (!s->path || !read_file(opts->path, &s->bytes, &s->nbytes)) {
        snprintf(err, errsize, "%s: cannot read the module", opts->path);
        wd_dbg_free(s);
        return NULL;
    }
    wd_error e;
    wd_error_clear(&e);
    wd_load_options lo = { .features = WD_FEATURE_TAIL_CALL | WD_FEATURE_EXTENDED_CONST,
                           .name = opts->path, .tier = opts->jit ? WD_TIER_JIT : WD_TIER_INTERP };
    /* a .wat is debugged as its binary encoding: offsets are in that */
    if (wd_wat_binary_in_place(&s->bytes, &s->nbytes, &lo, &e))
        s->m = wd_module_load(s->bytes, s->nbytes, &lo, &e);
    if (!s->m) {
        wd_error_format(&e, err, errsize);
        wd_dbg_free(s);
        return NULL;
    }
    s->code_off = wd_module_code_section_offset(s->m);
    s->nfuncs = wd_module_func_count(s->m);
    uint32_t ni = wd_module_import_count(s->m);
    for (uint32_t i = 0; i < ni; i++) {
        wd_import_desc d;
        wd_module_import(s->m, i, &d);
        if (d.kind == WD_EXTERN_FUNC)
            s->nimports++;
    }
    wd_error_clear(&e);
    s->dw = wd_dwarf_open(s->m, dw_warn, s, &e);
    return s;
}

void wd_dbg_free(wd_dbg *s)
{
    if (!s)
        return;
    dbg_kill(s);
    dbg_prof_free(s);
    dbg_bp_delete_all(s);
    free(s->bps);
    free(s->iprobes);
    for (uint32_t i = 0; i < s->ndisp; i++)
        dbg_display_free(s->disp[i]);
    free(s->disp);
    free(s->hist);
    dbg_free_args(s);
    free(s->vf);
    if (s->dw) {
        dbgt_release(s->dw);
        wd_dwarf_close(s->dw);
    }
    if (s->m)
        wd_module_free(s->m);
    free(s->bytes);
    free(s->path);
    free(s->list_file);
    free(s->il_file);
    free(s->fc_offs);
    free(s->last_cmd);
    free(s->entry_name);
    dbuf_free(&s->out);
    dbuf_free(&s->jextra);
    free(s);
}

bool wd_dbg_quit_requested(const wd_dbg *s) { return s->quit; }

void wd_dbg_interrupt(wd_dbg *s)
{
    s->interrupt_req = 1;
    if (s->x)
        wd_exec_interrupt(s->x);
}

int wd_dbg_exit_status(const wd_dbg *s)
{
    if (s->fatal)
        return WD_DBG_EXIT_ERROR;
    if (s->cmd_failed)
        return WD_DBG_EXIT_CMD_FAILED;
    if (s->ps == PS_TRAPPED || (s->ps != PS_EXITED && s->ever_trapped))
        return WD_DBG_EXIT_TRAP;
    if (s->ps == PS_EXITED)
        return s->exit_code & 0xFF;
    return 0;
}

const char *wd_dbg_prompt(const wd_dbg *s)
{
    (void)s;
    return "(wasmdbg) ";
}

/* ------------------------------------------------------------ commands */

static bool takes_format(const char *name)
{
    char err[128];
    const dbg_command *c = dbg_find_command(name, err, sizeof err);
    return c && (c->fn == cmd_print || c->fn == cmd_output || c->fn == cmd_display ||
                 c->fn == cmd_x || c->fn == cmd_find);
}

int wd_dbg_execute(wd_dbg *s, const char *line)
{
    const char *p = dbg_skip_ws(line);
    size_t len = strlen(p);
    while (len && isspace((unsigned char)p[len - 1]))
        len--;
    char *copy;
    if (len == 0) {
        if (!s->last_cmd)
            return 0;
        copy = dbg_strdup(s->last_cmd);
    } else {
        copy = malloc(len + 1);
        if (copy) {
            memcpy(copy, p, len);
            copy[len] = '\0';
        }
    }
    if (!copy)
        return -1;
    if (copy[0] == '#') {
        free(copy);
        return 0;
    }
    /* NAME[/MODS] [ARGS] */
    char name[64], mods[32];
    size_t i = 0;
    const char *q = copy;
    while (*q && (isalnum((unsigned char)*q) || *q == '-' || *q == '_') && i + 1 < sizeof name)
        name[i++] = *q++;
    name[i] = '\0';
    mods[0] = '\0';
    /* gdb also reads `print /x EXPR`, `x /4xw ADDR`: a modifier after blanks, for the
     * commands that take a format (no expression or address starts with '/') */
    if (isspace((unsigned char)*q) && *dbg_skip_ws(q) == '/' && takes_format(name))
        q = dbg_skip_ws(q);
    if (*q == '/') {
        q++;
        size_t k = 0;
        while (*q && !isspace((unsigned char)*q) && k + 1 < sizeof mods)
            mods[k++] = *q++;
        mods[k] = '\0';
    }
    const char *args = dbg_skip_ws(q);
    dbuf_clear(&s->out);
    dbuf_clear(&s->jextra);
    s->has_err = false;
    s->errmsg[0] = '\0';
    int rc;
    char ferr[256];
    const dbg_command *cmd = NULL;
    if (!name[0]) {
        rc = dbg_error(s, "Undefined command: \"%s\".  Try \"help\".", copy);
    } else if (!(cmd = dbg_find_command(name, ferr, sizeof ferr))) {
        rc = dbg_error(s, "%s", ferr);
    } else {
        rc = cmd->fn(s, args, mods);
        if (rc < 0 && !s->has_err)
            dbg_error(s, "%s failed", cmd->name);
    }
    if (len) {
        free(s->last_cmd);
        s->last_cmd = NULL;
        if (cmd && cmd->repeat) {
            /* x and list continue where they stopped: repeat without arguments */
            if (strcmp(cmd->name, "x") == 0 ||
                (strcmp(cmd->name, "list") == 0 && strcmp(args, "-") != 0)) {
                char r[48];
                snprintf(r, sizeof r, "%s%s%s", cmd->name, mods[0] ? "/" : "", mods);
                s->last_cmd = dbg_strdup(r);
            } else {
                s->last_cmd = dbg_strdup(copy);
            }
        }
    }
    if (rc < 0)
        s->cmd_failed = true;
    if (s->json) {
        dbg_buf j = {0};
        dbuf_puts(&j, "{\"type\":\"result\",\"command\":");
        dbuf_json_str(&j, copy);
        dbuf_printf(&j, ",\"ok\":%s", rc < 0 ? "false" : "true");
        if (rc < 0) {
            dbuf_puts(&j, ",\"error\":");
            dbuf_json_str(&j, s->errmsg);
        }
        dbuf_puts(&j, ",\"output\":");
        dbuf_json_str(&j, s->out.p ? s->out.p : "");
        if (s->jextra.len)
            dbuf_puts(&j, s->jextra.p);
        dbuf_puts(&j, "}");
        sink(s, WD_DBG_JSON, j.p, j.len);
        dbuf_free(&j);
    } else if (rc < 0) {
        sink(s, WD_DBG_ERR, s->errmsg, strlen(s->errmsg));
    }
    free(copy);
    return rc < 0 ? -1 : 0;
}
