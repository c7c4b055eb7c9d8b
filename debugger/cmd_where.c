/* cmd_where.c: where code and data are, as gdb answers it: `info line` (the code range of a
 * source line, or the line an address is in) and `info symbol` (the function, or the global
 * variable and data segment, an address is in). Code addresses are Code-section offsets, as
 * `break *ADDR` and `x/i` take and print them. */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

/* ------------------------------------------------------------ line runs */

static bool same_line(const wd_dw_row *a, const wd_dw_row *b)
{
    if (a->line != b->line)
        return false;
    if (a->file == b->file)
        return true;
    return a->file && b->file && strcmp(a->file, b->file) == 0;
}

bool dbg_line_run(const wd_dw_row *rows, size_t n, uint32_t addr, const uint32_t *line,
                  uint32_t *lo, uint32_t *hi, size_t *first)
{
    /* as gdb reads a line table: consecutive rows of one line (whatever their columns or
     * flags) are one entry, which ends where the next line's row or the sequence ends */
    size_t i = 0;
    while (i < n) {
        if (rows[i].flags & WD_DW_ROW_END_SEQUENCE) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && !(rows[j].flags & WD_DW_ROW_END_SEQUENCE) && same_line(&rows[j], &rows[i]))
            j++;
        uint32_t a = rows[i].addr, b = j < n ? rows[j].addr : rows[j - 1].addr;
        bool hit = line ? a == addr && rows[i].line == *line : a <= addr && addr < b;
        if (hit) {
            *lo = a;
            *hi = b < a ? a : b;
            *first = i;
            return true;
        }
        i = j;
    }
    return false;
}

typedef struct rows_ctx {
    wd_dw_row *v;
    size_t n, cap;
    bool oom;
} rows_ctx;

static bool add_row(void *user, const wd_dw_row *r)
{
    rows_ctx *c = user;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        wd_dw_row *nv = realloc(c->v, cap * sizeof *nv);
        if (!nv) {
            c->oom = true;
            return false;
        }
        c->v = nv;
        c->cap = cap;
    }
    c->v[c->n++] = *r;
    return true;
}

/* ------------------------------------------------------------ addresses */

static bool uleb(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
    uint64_t v = 0;
    for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
        uint8_t b = *(*p)++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

/* The defined function whose code entry (its size, local declarations, where DWARF's low_pc
 * is, and body) holds code offset addr (UINT32_MAX if none), and where its first
 * instruction is (a file offset: x/i's <name+N> count from there) */
static uint32_t code_func(wd_dbg *s, uint64_t addr, uint64_t *lo)
{
    uint64_t off = addr + s->code_off, hi;
    uint32_t f = off < s->nbytes ? dbg_func_of_off(s, off) : UINT32_MAX;
    if (f == UINT32_MAX || f < s->nimports)
        return UINT32_MAX;
    if (f == s->nimports) {
        /* the first entry starts after the section's function count */
        const uint8_t *p = s->bytes + s->code_off;
        uint64_t count;
        if (!uleb(&p, s->bytes + s->nbytes, &count) || off < (uint64_t)(p - s->bytes))
            return UINT32_MAX;
    }
    wd_module_func_range(s->m, f, lo, &hi);
    return off < hi ? f : UINT32_MAX;
}

/* "0x00000023 <square+7>" (gdb's print_address: no "+0"), or the bare offset outside code */
static void code_addr(wd_dbg *s, uint32_t addr, dbg_buf *b)
{
    dbuf_printf(b, "0x%08" PRIx32, addr);
    uint64_t off = (uint64_t)addr + s->code_off, lo;
    uint32_t f = code_func(s, addr, &lo);
    if (f == UINT32_MAX)
        return;
    char nb[32];
    const char *name = dbg_display_name(dbg_func_name(s, f, nb, sizeof nb));
    if (off > lo)
        dbuf_printf(b, " <%s+%" PRIu64 ">", name, off - lo);
    else
        dbuf_printf(b, " <%s>", name);
}

static void json_addr(wd_dbg *s, const char *key, uint32_t addr, dbg_buf *j)
{
    dbg_buf t = {0};
    code_addr(s, addr, &t);
    dbuf_printf(j, ",\"%s\":\"0x%08" PRIx32 "\",\"%s_sym\":", key, addr, key);
    const char *sym = strchr(t.p, '<');
    if (sym) {
        dbuf_add(j, "\"", 1);
        dbuf_add(j, sym + 1, strlen(sym + 1) - 1);
        dbuf_add(j, "\"", 1);
    } else {
        dbuf_puts(j, "null");
    }
    dbuf_free(&t);
}

/* ------------------------------------------------------------ info line */

/* One location's report: the line's range when a run of `line` starts at addr (want),
 * else (want NULL) the line the code at addr is in. */
static void line_report(wd_dbg *s, const rows_ctx *rc, uint32_t addr, const uint32_t *want,
                        const char *file, dbg_buf *t, dbg_buf *j)
{
    uint32_t lo = addr, hi = addr;
    size_t first = 0;
    bool run = dbg_line_run(rc->v, rc->n, addr, want, &lo, &hi, &first);
    const wd_dw_row *row = run ? &rc->v[first] : NULL;
    if (j->len > 1)
        dbuf_puts(j, ",");
    if (!want && (!row || !row->line)) {
        /* gdb: an address of 0 is no address at all */
        dbuf_puts(t, "No line number information available");
        if (addr) {
            dbuf_puts(t, " for address ");
            code_addr(s, addr, t);
        } else {
            dbuf_puts(t, ".");
        }
        dbuf_puts(t, "\n");
        dbuf_puts(j, "{\"line\":null");
        json_addr(s, "start", addr, j);
        dbuf_puts(j, "}");
        return;
    }
    uint32_t line = want ? *want : row->line;
    const char *path = row && row->file && row->file[0] ? row->file : file;
    const char *shown = path ? dbg_basename(path) : "??";
    bool code = run && hi > lo;
    dbuf_printf(t, "Line %" PRIu32 " of \"%s\"", line, shown);
    if (code) {
        dbuf_puts(t, " starts at address ");
        code_addr(s, lo, t);
        dbuf_puts(t, " and ends at ");
        code_addr(s, hi, t);
        dbuf_puts(t, ".\n");
    } else {
        dbuf_puts(t, " is at address ");
        code_addr(s, lo, t);
        dbuf_puts(t, " but contains no code.\n");
    }
    dbuf_printf(j, "{\"line\":%" PRIu32 ",\"file\":", line);
    dbuf_json_str(j, shown);
    dbuf_puts(j, ",\"fullname\":");
    dbuf_json_str(j, path ? path : "");
    json_addr(s, "start", lo, j);
    if (code)
        json_addr(s, "end", hi, j);
    dbuf_printf(j, ",\"has_code\":%s}", code ? "true" : "false");
    /* as gdb: x/i with no address shows this line's code; a bare `info line` goes on with
     * the next line */
    s->x_next = lo;
    s->x_valid = true;
    free(s->il_file);
    s->il_file = path ? dbg_strdup(path) : NULL;
    s->il_next = line + 1;
}

/* true if spec is LINE or FILE:LINE (a line number, not a function) */
static bool line_spec(const char *spec, char *file, size_t fsize, uint64_t *line)
{
    const char *colon = strrchr(spec, ':');
    const char *num = colon ? colon + 1 : spec;
    if (colon && (colon == spec || colon[-1] == ':'))
        return false;
    if (!*num || !dbg_parse_u64(num, line))
        return false;
    for (const char *p = num; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    snprintf(file, fsize, "%.*s", colon ? (int)(colon - spec) : 0, spec);
    return true;
}

static bool file_known(void *user, const wd_dw_row *r)
{
    (void)r;
    *(bool *)user = true;
    return false;
}

/* ADDR of `*ADDR`: a code offset, FUNCTION+OFFSET, or an expression ($pc, a function) */
static bool star_addr(wd_dbg *s, const char *e, uint32_t *out)
{
    uint64_t offs[1];
    size_t n = 0;
    char err[300], spec[512];
    snprintf(spec, sizeof spec, "*%s", e);
    if (dbg_resolve_location_raw(s, spec, true, offs, 1, &n, err, sizeof err) == 0 && n) {
        *out = (uint32_t)(offs[0] - s->code_off);
        return true;
    }
    dbg_value v;
    if (!dbg_eval(s, e, &v, err, sizeof err)) {
        dbg_error(s, "%s", err);
        return false;
    }
    if (v.kind != DV_INT && v.kind != DV_PTR) {
        dbg_error(s, "Invalid address \"%s\".", e);
        return false;
    }
    *out = (uint32_t)v.u;
    return true;
}

int cmd_info_line(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!s->dw)
        return dbg_error(s, "No symbol table is loaded.  Use the \"file\" command.");
    rows_ctx rc = {0};
    wd_dwarf_each_row(s->dw, NULL, add_row, &rc);
    if (rc.oom) {
        free(rc.v);
        return dbg_error(s, "out of memory");
    }
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    int rc_cmd = 0;
    char file[512];
    uint64_t line = 0;
    if (!*a) {
        /* gdb's default: the line after the last `info line`, else the selected frame's */
        const dbg_vframe *f = dbg_running(s) || s->ps == PS_TRAPPED ? dbg_selected(s) : NULL;
        const char *cf = s->il_next ? s->il_file : f && f->has_dw && f->dw.line ? f->dw.file : NULL;
        uint32_t ln = s->il_next ? s->il_next : f && f->has_dw ? f->dw.line : 0;
        if (!cf || !ln) {
            rc_cmd = dbg_error(s, "No line number information available.");
            goto out;
        }
        snprintf(file, sizeof file, "%s", cf);
        line = ln;
    } else if (*a == '*') {
        uint32_t addr;
        if (!star_addr(s, dbg_skip_ws(a + 1), &addr)) {
            rc_cmd = -1;
            goto out;
        }
        line_report(s, &rc, addr, NULL, NULL, &t, &j);
        goto out;
    } else if (line_spec(a, file, sizeof file, &line)) {
        if (!file[0]) {
            const char *cf = dbg_current_file(s);
            snprintf(file, sizeof file, "%s", cf ? cf : "");
        }
    } else {
        /* FUNCTION or FILE:FUNCTION: the line at its first byte (gdb does not skip the
         * prologue here), and at the entry of every inlined copy */
        uint64_t offs[64];
        size_t n = 0;
        char err[300];
        if (dbg_resolve_location_raw(s, a, true, offs, 64, &n, err, sizeof err) != 0) {
            rc_cmd = dbg_error(s, "%s", err);
            goto out;
        }
        for (size_t i = 0; i < n; i++)
            line_report(s, &rc, (uint32_t)(offs[i] - s->code_off), NULL, NULL, &t, &j);
        goto out;
    }
    bool known = false;
    if (file[0])
        wd_dwarf_each_row(s->dw, file, file_known, &known);
    if (!known) {
        rc_cmd = dbg_error(s, "No source file named %s.", file[0] ? file : "??");
        goto out;
    }
    uint32_t addrs[64], used = 0;
    size_t k = line && line <= UINT32_MAX
                   ? wd_dwarf_line_addrs(s->dw, file, (uint32_t)line, addrs, 64, &used) : 0;
    if (!k) {
        dbuf_printf(&t, "Line number %" PRIu64 " is out of range for \"%s\".\n", line,
                    dbg_basename(file));
        dbuf_printf(&j, "{\"line\":%" PRIu64 ",\"file\":", line);
        dbuf_json_str(&j, dbg_basename(file));
        dbuf_puts(&j, ",\"out_of_range\":true}");
        goto out;
    }
    /* one report per function and per inlined copy, as break places its locations */
    uint64_t offs[64];
    size_t n = 0;
    char spec[600], err[300];
    snprintf(spec, sizeof spec, "%s:%" PRIu64, file, line);
    if (dbg_resolve_location_raw(s, spec, true, offs, 64, &n, err, sizeof err) != 0) {
        rc_cmd = dbg_error(s, "%s", err);
        goto out;
    }
    uint32_t want = (uint32_t)line;
    for (size_t i = 0; i < n; i++)
        line_report(s, &rc, (uint32_t)(offs[i] - s->code_off), &want, file, &t, &j);
out:
    dbuf_puts(&j, "]");
    if (!rc_cmd) {
        dbg_puts(s, t.p ? t.p : "");
        dbg_jfield(s, "lines", j.p);
    }
    dbuf_free(&t);
    dbuf_free(&j);
    free(rc.v);
    return rc_cmd;
}

/* ------------------------------------------------------------ data segments */

/* The section a linear-memory address is in: the data segment (active, at a constant offset)
 * that holds it, by the name the name section gives it (wasm-ld: .rodata, .data), else
 * "Data" (the wasm section). An address in no segment is zero-initialised data, which
 * wasm-ld leaves out of the module and calls .bss. */
static void data_section(wd_dbg *s, uint64_t addr, char *buf, size_t size)
{
    snprintf(buf, size, ".bss");
    uint32_t n = wd_module_data_count(s->m);
    for (uint32_t i = 0; i < n; i++) {
        wd_data_segment d;
        if (wd_module_data(s->m, i, &d) && d.active && d.has_offset && d.memory == 0 &&
            addr >= d.offset && addr - d.offset < d.size) {
            snprintf(buf, size, "%s", d.name ? d.name : "Data");
            return;
        }
    }
}

/* ------------------------------------------------------------ info symbol */

static void symbol_report(wd_dbg *s, const char *name, uint64_t off, const char *section,
                          bool code, uint64_t addr)
{
    if (off)
        dbg_printf(s, "%s + %" PRIu64 " in section %s\n", name, off, section);
    else
        dbg_printf(s, "%s in section %s\n", name, section);
    dbg_jfield_str(s, "symbol", name);
    dbg_jfield_u64(s, "offset", off);
    dbg_jfield_str(s, "section", section);
    dbg_jfield_str(s, "space", code ? "code" : "data");
    char hex[32];
    snprintf(hex, sizeof hex, "0x%08" PRIx64, addr);
    dbg_jfield_str(s, "addr", hex);
}

static bool code_symbol(wd_dbg *s, uint64_t addr)
{
    uint64_t lo;
    uint32_t f = code_func(s, addr, &lo);
    if (f == UINT32_MAX)
        return false;
    uint64_t off = addr + s->code_off;
    char nb[32];
    /* the entry's header (size, local declarations) is the function's first byte */
    symbol_report(s, dbg_display_name(dbg_func_name(s, f, nb, sizeof nb)), off > lo ? off - lo : 0,
                  "Code", true, addr);
    return true;
}

/* the global variable (DWARF, in linear memory) whose bytes hold addr */
static bool data_symbol(wd_dbg *s, uint64_t addr)
{
    if (!s->dw)
        return false;
    enum { MAXV = 4096 };
    const wd_dw_var **vars = malloc(MAXV * sizeof *vars);
    if (!vars)
        return false;
    size_t n = wd_dwarf_globals(s->dw, vars, MAXV);
    if (n > MAXV)
        n = MAXV;
    dbg_tctx ctx;
    wd_dw_target tg;
    dbg_target(s, 0, &ctx, &tg);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        wd_dw_location loc;
        const char *name = wd_dw_var_name(vars[i]);
        if (!name || !wd_dwarf_var_location(s->dw, vars[i], 0, &tg, &loc) || loc.npieces != 1 ||
            loc.pieces[0].kind != WD_DW_LOC_MEMORY)
            continue;
        uint64_t base = loc.pieces[0].addr;
        uint64_t size = wd_dw_type_size(s->dw, wd_dw_var_type(s->dw, vars[i]));
        if (addr == base || (addr > base && addr - base < size)) {
            char sec[64];
            data_section(s, base, sec, sizeof sec);
            symbol_report(s, name, addr - base, sec, false, addr);
            found = true;
        }
    }
    free(vars);
    return found;
}

int cmd_info_symbol(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a)
        return dbg_error(s, "Argument required (address).");
    /* A number is a code offset, as break *ADDR and x/i read one; so are functions and $pc.
     * A pointer or an object (&counter, table, (char *)0x400) is a linear-memory address:
     * wasm keeps code and data apart, so the expression's type says which is meant. */
    uint64_t addr;
    bool code = true;
    if (!dbg_parse_u64(a, &addr)) {
        dbg_value v;
        char err[300];
        if (!dbg_eval(s, a, &v, err, sizeof err))
            return dbg_error(s, "%s", err);
        if (v.func || v.code || v.kind == DV_INT) {
            addr = v.u;
        } else if (v.kind == DV_PTR) {
            addr = v.u;
            code = false;
        } else if (v.kind == DV_AGG && v.lval) {
            addr = v.addr;
            code = false;
        } else {
            return dbg_error(s, "Invalid address \"%s\".", a);
        }
    }
    if (code ? code_symbol(s, addr) : data_symbol(s, addr))
        return 0;
    dbg_printf(s, "No symbol matches %s.\n", a);
    return 0;
}
