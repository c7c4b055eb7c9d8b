/* bp.c: breakpoints (local probes) and watchpoints (checks in the global probe): locations,
 * creation, conditions, ignore counts, hit reports. */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

/* ------------------------------------------------------------ locations */

/* A function by DWARF name, name-section name or export name; UINT32_MAX if none. */
uint32_t dbg_func_by_name(wd_dbg *s, const char *name, bool *has_dw)
{
    *has_dw = false;
    if (s->dw) {
        wd_dw_func f;
        if (dbg_find_func(s, name, &f)) {
            uint32_t idx = dbg_func_of_off(s, (uint64_t)f.low_pc + s->code_off);
            if (idx != UINT32_MAX) {
                *has_dw = true;
                return idx;
            }
        }
    }
    for (uint32_t i = s->nimports; i < s->nfuncs; i++) {
        const char *n = wd_module_func_name(s->m, i);
        if (n && strcmp(n, name) == 0)
            return i;
    }
    uint32_t ne = wd_module_export_count(s->m);
    for (uint32_t i = 0; i < ne; i++) {
        wd_export_desc e;
        wd_module_export(s->m, i, &e);
        if (e.kind == WD_EXTERN_FUNC && strcmp(e.name, name) == 0 && e.index >= s->nimports)
            return e.index;
    }
    return UINT32_MAX;
}

/* a function's breakpoint address (after its prologue), or with raw its entry as DWARF says
 * (low_pc, at its local declarations), else its first instruction */
static uint64_t func_entry(wd_dbg *s, uint32_t f, bool raw)
{
    uint64_t a, b;
    if (!raw)
        return dbg_func_bp_off(s, f);
    wd_module_func_range(s->m, f, &a, &b);
    wd_dw_frame fr[8];
    size_t k = s->dw ? wd_dwarf_symbolize(s->dw, (uint32_t)(a - s->code_off), false, fr, 8) : 0;
    if (k > 8)
        k = 8;
    if (k && fr[k - 1].low_pc && fr[k - 1].low_pc + s->code_off <= a &&
        dbg_func_of_off(s, fr[k - 1].low_pc + s->code_off) == f)
        return fr[k - 1].low_pc + s->code_off;
    return a;
}

const char *dbg_current_file(wd_dbg *s)
{
    const dbg_vframe *f = dbg_selected(s);
    if (f && f->has_dw && f->dw.file && f->dw.file[0])
        return f->dw.file;
    if (s->list_file)
        return s->list_file;
    if (s->dw) {
        wd_dw_func fn;
        if (dbg_find_func(s, "main", &fn) && fn.decl_file)
            return fn.decl_file;
    }
    return NULL;
}

int dbg_resolve_location(wd_dbg *s, const char *spec, uint64_t *offs, size_t max, size_t *n,
                         char *err, size_t errsize)
{
    return dbg_resolve_location_raw(s, spec, false, offs, max, n, err, errsize);
}

int dbg_resolve_location_raw(wd_dbg *s, const char *spec, bool raw, uint64_t *offs, size_t max,
                             size_t *n, char *err, size_t errsize)
{
    *n = 0;
    spec = dbg_skip_ws(spec);
    if (!*spec) {
        /* the selected frame's pc */
        const dbg_vframe *f = dbg_selected(s);
        if (!f || f->host) {
            snprintf(err, errsize, "No default breakpoint location: the program is not running.");
            return -1;
        }
        offs[(*n)++] = f->off;
        return 0;
    }
    if (spec[0] == '*') {
        const char *e = dbg_skip_ws(spec + 1);
        uint64_t v;
        if (dbg_parse_u64(e, &v)) {
            offs[(*n)++] = v + s->code_off;
            return 0;
        }
        char name[256];
        size_t k = 0;
        while (e[k] && e[k] != '+' && !isspace((unsigned char)e[k]) && k + 1 < sizeof name) {
            name[k] = e[k];
            k++;
        }
        name[k] = '\0';
        uint64_t add = 0;
        const char *rest = dbg_skip_ws(e + k);
        if (*rest == '+' && !dbg_parse_u64(rest + 1, &add)) {
            snprintf(err, errsize, "Invalid address \"%s\".", e);
            return -1;
        } else if (*rest && *rest != '+') {
            snprintf(err, errsize, "Invalid address \"%s\".", e);
            return -1;
        }
        bool hd;
        uint32_t f = dbg_func_by_name(s, name, &hd);
        if (f == UINT32_MAX) {
            snprintf(err, errsize, "No symbol \"%s\" in current context.", name);
            return -1;
        }
        uint64_t a, b;
        wd_module_func_range(s->m, f, &a, &b);
        if (a + add >= b) {
            snprintf(err, errsize, "Address %s+%" PRIu64 " is past the end of %s.", name, add, name);
            return -1;
        }
        offs[(*n)++] = a + add;
        return 0;
    }
    /* FILE:LINE's colon, not one of a C++ scope's "::" */
    const char *colon = NULL;
    for (const char *c = spec; *c; c++)
        if (*c == ':' && c[1] != ':' && (c == spec || c[-1] != ':'))
            colon = c;
    bool all_digits = true;
    for (const char *p = spec; *p; p++)
        if (!isdigit((unsigned char)*p))
            all_digits = false;
    if (colon || all_digits) {
        char file[512];
        const char *ln = all_digits ? spec : colon + 1;
        if (all_digits) {
            const char *cf = dbg_current_file(s);
            if (!cf) {
                snprintf(err, errsize, "No symbol table is loaded.  Use the \"file\" command.");
                return -1;
            }
            snprintf(file, sizeof file, "%s", cf);
        } else {
            size_t fl = (size_t)(colon - spec);
            if (fl >= sizeof file)
                fl = sizeof file - 1;
            memcpy(file, spec, fl);
            file[fl] = '\0';
        }
        uint64_t line;
        if (!dbg_parse_u64(ln, &line) || line == 0 || line > UINT32_MAX) {
            /* FILE:FUNCTION */
            if (!all_digits) {
                bool hd;
                uint32_t f = dbg_func_by_name(s, dbg_skip_ws(ln), &hd);
                if (f != UINT32_MAX) {
                    offs[(*n)++] = func_entry(s, f, raw);
                    return 0;
                }
            }
            if (all_digits)
                snprintf(err, errsize, "malformed linespec error: unexpected string, \"%s\"", ln);
            else
                snprintf(err, errsize, "Function \"%s\" not defined in \"%s\".", dbg_skip_ws(ln), file);
            return -1;
        }
        if (!s->dw) {
            snprintf(err, errsize, "No symbol table is loaded (the module has no DWARF).");
            return -1;
        }
        uint32_t addrs[64], used = 0;
        size_t k = wd_dwarf_line_addrs(s->dw, file, (uint32_t)line, addrs, 64, &used);
        if (k == 0) {
            snprintf(err, errsize, "No line %" PRIu64 " in file \"%s\".", line, file);
            return -1;
        }
        if (k > 64)
            k = 64;
        /* as gdb: one location per function (the lowest address), but every inlined copy */
        uint64_t keys[64];
        size_t nkeys = 0;
        for (size_t i = 0; i < k && *n < max; i++) {
            uint64_t off = (uint64_t)addrs[i] + s->code_off;
            wd_dw_frame fr[8];
            size_t nf = wd_dwarf_symbolize(s->dw, addrs[i], false, fr, 8);
            uint64_t key = (uint64_t)dbg_func_of_off(s, off) << 32 | (nf ? fr[0].low_pc : addrs[i]);
            bool dup = false;
            for (size_t j = 0; j < nkeys; j++)
                dup |= keys[j] == key;
            if (dup)
                continue;
            keys[nkeys++] = key;
            uint32_t f = dbg_func_of_off(s, off);
            uint64_t a = 0, b = 0;
            if (f != UINT32_MAX)
                wd_module_func_range(s->m, f, &a, &b);
            if (f != UINT32_MAX && off <= a && !raw)   /* the function's entry: after its prologue */
                off = dbg_func_bp_off(s, f);
            offs[(*n)++] = off;
        }
        return 0;
    }
    /* a function: its out-of-line copy and, as gdb, every copy inlined elsewhere */
    bool hd;
    uint32_t f = dbg_func_by_name(s, spec, &hd);
    if (f != UINT32_MAX)
        offs[(*n)++] = func_entry(s, f, raw);
    uint32_t inl[64];
    size_t ni = s->dw ? wd_dwarf_inlined_entries(s->dw, spec, inl, 64) : 0;
    for (size_t i = 0; i < ni && i < 64 && *n < max; i++)
        offs[(*n)++] = (uint64_t)inl[i] + s->code_off;
    if (!*n) {
        snprintf(err, errsize, "Function \"%s\" not defined.", spec);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ storage */

dbg_bp *dbg_bp_find(wd_dbg *s, int id)
{
    for (uint32_t i = 0; i < s->nbps; i++)
        if (s->bps[i]->id == id)
            return s->bps[i];
    return NULL;
}

static bool no_progress(wd_dbg *s, wd_exec *x)
{
    if (!s->skip_armed)
        return false;
    wd_frame_info fi;
    if (wd_exec_frame(x, 0, &fi) && fi.offset == s->skip_off &&
        wd_exec_frame_count(x) == s->skip_depth && wd_exec_insn_count(x) == s->skip_count)
        return true;
    s->skip_armed = false;
    return false;
}

static wd_probe_action bp_fn(wd_exec *x, const wd_probe_event *ev, void *user)
{
    dbg_loc *L = user;
    wd_dbg *s = L->s;
    if (no_progress(s, x))
        return WD_PROBE_CONTINUE;
    dbg_bp *bp = dbg_bp_find(s, L->bp_id);
    if (!bp || !bp->enabled)
        return WD_PROBE_CONTINUE;
    if (bp->cond) {
        dbg_value v;
        char err[256];
        if (!dbg_eval_at(s, 0, 0, bp->cond, &v, err, sizeof err)) {
            snprintf(s->errmsg, sizeof s->errmsg, "%s", err);
            s->why = WHY_COND_ERR;
            s->why_bp = bp->id;
            return WD_PROBE_STOP;
        }
        if (!dbg_value_true(&v))
            return WD_PROBE_CONTINUE;
    }
    bp->hits++;
    if (bp->ignore > 0) {
        bp->ignore--;
        return WD_PROBE_CONTINUE;
    }
    s->why = WHY_BP;
    s->why_bp = bp->id;
    s->stop_off = ev->offset;
    s->stop_off_valid = true;
    return WD_PROBE_STOP;
}

static bool loc_arm(wd_dbg *s, dbg_loc *L, char *err, size_t errsize)
{
    if (L->probe)
        return true;
    wd_error e;
    wd_error_clear(&e);
    L->probe = wd_probe_add_local(s->m, L->funcidx, L->off, bp_fn, L, &e);
    if (!L->probe) {
        snprintf(err, errsize, "Cannot insert breakpoint at 0x%08" PRIx64 ": %s",
                 L->off - s->code_off, e.msg);
        return false;
    }
    return true;
}

static void loc_disarm(wd_dbg *s, dbg_loc *L)
{
    if (L->probe)
        wd_probe_remove_local(s->m, L->probe);
    L->probe = 0;
}

static bool bp_push(wd_dbg *s, dbg_bp *bp)
{
    if (s->nbps == s->capbps) {
        uint32_t nc = s->capbps ? s->capbps * 2 : 8;
        dbg_bp **nb = realloc(s->bps, nc * sizeof *nb);
        if (!nb)
            return false;
        s->bps = nb;
        s->capbps = nc;
    }
    s->bps[s->nbps++] = bp;
    return true;
}

static void bp_free(wd_dbg *s, dbg_bp *bp)
{
    for (uint32_t i = 0; i < bp->nlocs; i++) {
        loc_disarm(s, bp->locs[i]);
        free(bp->locs[i]);
    }
    if (bp->type != BP_BREAK && bp->enabled && s->nwatch)
        s->nwatch--;
    if (bp->wpending && s->wpend)
        s->wpend--;
    free(bp->locs);
    free(bp->spec);
    free(bp->cond);
    free(bp->wexpr);
    free(bp);
}

/* "0x0000002d: file t.c, line 3." */
static void describe_off(wd_dbg *s, uint64_t off, dbg_buf *b, bool in_form)
{
    uint32_t addr = (uint32_t)(off - s->code_off);
    wd_dw_frame fr[8];
    size_t k = s->dw ? wd_dwarf_symbolize(s->dw, addr, true, fr, 8) : 0;
    if (in_form) {
        char nb[32];
        uint32_t f = dbg_func_of_off(s, off);
        const char *fn = k && fr[0].function ? dbg_display_name(fr[0].function)
                                             : f != UINT32_MAX ? dbg_func_name(s, f, nb, sizeof nb) : "??";
        dbuf_printf(b, "0x%08" PRIx32 " in %s", addr, fn);
        if (k && fr[0].file && fr[0].file[0] && fr[0].line)
            dbuf_printf(b, " at %s:%" PRIu32, dbg_basename(fr[0].file), fr[0].line);
        return;
    }
    dbuf_printf(b, "0x%08" PRIx32, addr);
    if (k && fr[0].file && fr[0].file[0] && fr[0].line)
        dbuf_printf(b, ": file %s, line %" PRIu32 ".", dbg_basename(fr[0].file), fr[0].line);
}

int dbg_bp_create(wd_dbg *s, const char *spec, bool temp, bool quiet)
{
    uint64_t offs[64];
    size_t n = 0;
    char err[300];
    if (dbg_resolve_location(s, spec, offs, 64, &n, err, sizeof err) < 0)
        return dbg_error(s, "%s", err);
    dbg_bp *bp = calloc(1, sizeof *bp);
    if (!bp || !(bp->locs = calloc(n ? n : 1, sizeof *bp->locs))) {
        free(bp);
        return dbg_error(s, "out of memory");
    }
    bp->type = BP_BREAK;
    bp->enabled = true;
    bp->temp = temp;
    bp->spec = dbg_strdup(spec);
    for (size_t i = 0; i < n; i++) {
        uint32_t f = dbg_func_of_off(s, offs[i]);
        if (f == UINT32_MAX) {
            snprintf(err, sizeof err, "Cannot insert breakpoint at 0x%08" PRIx64 ": not in a function",
                     offs[i] - s->code_off);
            continue;
        }
        dbg_loc *L = calloc(1, sizeof *L);
        if (!L)
            continue;
        L->s = s;
        L->funcidx = f;
        L->off = offs[i];
        bp->locs[bp->nlocs++] = L;
    }
    bp->id = s->next_bp;
    uint32_t armed = 0;
    for (uint32_t i = 0; i < bp->nlocs; i++) {
        bp->locs[i]->bp_id = bp->id;
        if (loc_arm(s, bp->locs[i], err, sizeof err))
            armed++;
    }
    if (!armed || !bp_push(s, bp)) {
        bp_free(s, bp);
        return dbg_error(s, "%s", err);
    }
    s->next_bp++;
    if (!quiet) {
        dbg_buf t = {0};
        dbuf_printf(&t, "%s %d at ", temp ? "Temporary breakpoint" : "Breakpoint", bp->id);
        if (bp->nlocs == 1) {
            describe_off(s, bp->locs[0]->off, &t, false);
        } else {
            describe_off(s, bp->locs[0]->off, &t, false);
            dbuf_printf(&t, " (%u locations)", bp->nlocs);
        }
        dbuf_puts(&t, "\n");
        dbg_puts(s, t.p);
        dbuf_free(&t);
        dbg_jfield_u64(s, "bkptno", (uint64_t)bp->id);
        dbg_buf j = {0};
        dbuf_puts(&j, "[");
        for (uint32_t i = 0; i < bp->nlocs; i++)
            dbuf_printf(&j, "%s\"0x%08" PRIx64 "\"", i ? "," : "", bp->locs[i]->off - s->code_off);
        dbuf_puts(&j, "]");
        dbg_jfield(s, "locations", j.p);
        dbuf_free(&j);
    }
    return bp->id;
}

const char *dbg_bp_disp(const dbg_bp *bp)
{
    return bp->temp ? "del" : bp->dis_once ? "dis" : "keep";
}

void dbg_bp_after_stop(wd_dbg *s, int id)
{
    dbg_bp *bp = dbg_bp_find(s, id);
    if (bp && (bp->temp || bp->out_of_scope))
        dbg_bp_delete(s, bp->id);
    else if (bp && bp->dis_once)
        dbg_bp_enable(s, bp, false);
}

void dbg_bp_delete(wd_dbg *s, int id)
{
    for (uint32_t i = 0; i < s->nbps; i++) {
        if (s->bps[i]->id != id)
            continue;
        dbg_bp *bp = s->bps[i];
        memmove(&s->bps[i], &s->bps[i + 1], (s->nbps - i - 1) * sizeof *s->bps);
        s->nbps--;
        bp_free(s, bp);
        return;
    }
}

void dbg_bp_delete_all(wd_dbg *s)
{
    while (s->nbps)
        dbg_bp_delete(s, s->bps[0]->id);
}

void dbg_bp_enable(wd_dbg *s, dbg_bp *bp, bool on)
{
    if (bp->enabled == on)
        return;
    bp->enabled = on;
    if (bp->type != BP_BREAK) {
        if (on)
            s->nwatch++;
        else if (s->nwatch)
            s->nwatch--;
        return;
    }
    char err[200];
    for (uint32_t i = 0; i < bp->nlocs; i++) {
        if (on)
            loc_arm(s, bp->locs[i], err, sizeof err);
        else
            loc_disarm(s, bp->locs[i]);   /* a disabled breakpoint costs nothing */
    }
}

/* ------------------------------------------------------------ watchpoints */

/* A write watchpoint hit is decided after the write: the accessing instruction
 * snapshots the watched bytes, the next instruction compares (gdb reports the
 * statement after the store as well). */
static bool watch_changed(wd_dbg *s, dbg_bp *bp)
{
    uint8_t now[64];
    size_t n = bp->wlen < 64 ? (size_t)bp->wlen : 64;
    wd_memory *mem = dbg_memory(s);
    return mem && wd_memory_read(mem, bp->waddr, now, n) &&
           (memcmp(now, bp->old, n) != 0 || bp->type == BP_AWATCH);
}

/* Tests the condition (after a write: with the new value, as gdb) and counts a hit against
 * the ignore count: true when it should stop. A condition that cannot be evaluated stops. */
static bool watch_hit(wd_dbg *s, dbg_bp *bp)
{
    if (bp->cond) {
        dbg_value v;
        char err[256];
        if (dbg_eval_at(s, 0, 0, bp->cond, &v, err, sizeof err) && !dbg_value_true(&v))
            return false;
    }
    bp->hits++;
    if (bp->ignore > 0) {
        bp->ignore--;
        return false;
    }
    return true;
}

wd_probe_action dbg_watch_check(wd_dbg *s, wd_exec *x, const wd_probe_event *ev)
{
    if (s->wpend) {
        s->wpend = 0;
        int stop = 0;
        for (uint32_t i = 0; i < s->nbps; i++) {
            dbg_bp *bp = s->bps[i];
            if (!bp->wpending)
                continue;
            bp->wpending = false;
            if (!stop && bp->enabled && watch_changed(s, bp) && watch_hit(s, bp))
                stop = bp->id;
        }
        if (stop) {
            dbg_bp *bp = dbg_bp_find(s, stop);
            bp->wread = false;
            s->why_bp = stop;
            return WD_PROBE_STOP;
        }
    }
    if (!s->nwatch)
        return WD_PROBE_CONTINUE;
    uint32_t depth = UINT32_MAX;
    for (uint32_t i = 0; i < s->nbps; i++) {   /* a watch whose frame has returned */
        dbg_bp *bp = s->bps[i];
        if (!bp->scope_level || !bp->enabled || bp->type == BP_BREAK)
            continue;
        if (depth == UINT32_MAX)
            depth = wd_exec_frame_count(x);
        if (depth < bp->scope_level) {
            bp->out_of_scope = true;
            s->why_bp = bp->id;
            return WD_PROBE_STOP;
        }
    }
    /* the engine describes the accesses of fused instructions too (wd_probe_event.mem) */
    for (uint32_t k = 0; k < ev->nmem; k++) {
        const wd_mem_access *a = &ev->mem[k];
        if (a->mem != 0 || a->size == 0)
            continue;
        for (uint32_t i = 0; i < s->nbps; i++) {
            dbg_bp *bp = s->bps[i];
            if (bp->type == BP_BREAK || !bp->enabled)
                continue;
            if (a->addr >= bp->waddr + bp->wlen || a->addr + a->size <= bp->waddr)
                continue;
            /* a read-modify-write is a write for watch and awatch, a read for rwatch */
            if ((a->kind & WD_MEM_WRITE) && bp->type != BP_RWATCH) {
                size_t n = bp->wlen < 64 ? (size_t)bp->wlen : 64;
                wd_memory *mem = dbg_memory(s);
                if (mem && wd_memory_read(mem, bp->waddr, bp->old, n)) {
                    bp->wpending = true;
                    bp->woff = a->offset;
                    s->wpend++;
                }
                continue;
            }
            if ((a->kind & WD_MEM_READ) && bp->type != BP_WATCH && watch_hit(s, bp)) {
                bp->wread = true;
                bp->woff = a->offset;
                s->why_bp = bp->id;
                s->stop_off = a->offset;   /* the load itself, even when fused */
                s->stop_off_valid = true;
                return WD_PROBE_STOP;
            }
        }
    }
    return WD_PROBE_CONTINUE;
}

/* ------------------------------------------------------------ hit reports */

void dbg_bp_describe_hit(wd_dbg *s, int id, dbg_buf *t, dbg_buf *j)
{
    dbg_bp *bp = dbg_bp_find(s, id);
    if (!bp) {
        dbuf_puts(j, ",\"reason\":\"breakpoint-hit\"");
        return;
    }
    if (s->why == WHY_COND_ERR) {   /* gdb 13's words; the stop is then reported as a hit */
        dbuf_printf(t, "Error in testing breakpoint condition:\n%s\n", s->errmsg);
        dbuf_printf(t, "\n%s %d, ", bp->temp ? "Temporary breakpoint" : "Breakpoint", id);
        dbuf_printf(j, ",\"reason\":\"breakpoint-hit\",\"bkptno\":%d,\"condition_error\":", id);
        dbuf_json_str(j, s->errmsg);
        return;
    }
    if (bp->type == BP_BREAK) {
        dbuf_printf(t, "\n%s %d, ", bp->temp ? "Temporary breakpoint" : "Breakpoint", id);
        dbuf_printf(j, ",\"reason\":\"breakpoint-hit\",\"bkptno\":%d,\"disp\":\"%s\",\"hits\":%" PRIu64,
                    id, dbg_bp_disp(bp), bp->hits);
        return;
    }
    if (bp->out_of_scope) {   /* gdb's words */
        dbuf_printf(t, "\nWatchpoint %d deleted because the program has left the block in\n"
                       "which its expression is valid.\n", id);
        dbuf_printf(j, ",\"reason\":\"watchpoint-scope\",\"wpnum\":%d", id);
        return;
    }
    const char *kind = bp->type == BP_WATCH ? "Watchpoint"
                       : bp->type == BP_RWATCH ? "Read watchpoint" : "Access watchpoint";
    const char *reason = bp->type == BP_WATCH ? "watchpoint-trigger"
                         : bp->type == BP_RWATCH ? "read-watchpoint-trigger"
                                                 : "access-watchpoint-trigger";
    dbuf_printf(t, "\n%s %d: %s\n\n", kind, id, bp->wexpr);
    dbuf_printf(j, ",\"reason\":\"%s\",\"wpnum\":%d,\"exp\":", reason, id);
    dbuf_json_str(j, bp->wexpr);
    uint8_t now[64] = {0};
    size_t n = bp->wlen < 64 ? (size_t)bp->wlen : 64;
    wd_memory *mem = dbg_memory(s);
    if (mem)
        wd_memory_read(mem, bp->waddr, now, n);
    dbg_buf nv = {0}, ov = {0};
    dbg_format_bytes(s, &bp->wval, now, n, &nv);
    if (bp->wread) {
        dbuf_printf(t, "Value = %s\n", nv.p ? nv.p : "");
        dbuf_puts(j, ",\"value\":");
        dbuf_json_str(j, nv.p);
    } else {
        dbg_format_bytes(s, &bp->wval, bp->old, n, &ov);
        dbuf_printf(t, "Old value = %s\nNew value = %s\n", ov.p ? ov.p : "", nv.p ? nv.p : "");
        dbuf_puts(j, ",\"old\":");
        dbuf_json_str(j, ov.p);
        dbuf_puts(j, ",\"new\":");
        dbuf_json_str(j, nv.p);
    }
    dbuf_free(&nv);
    dbuf_free(&ov);
}
