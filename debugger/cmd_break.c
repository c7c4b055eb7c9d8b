/* cmd_break.c: break, tbreak, condition, ignore, delete, disable, enable, info breakpoints. */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

static int do_break(wd_dbg *s, const char *a, bool temp)
{
    char spec[512];
    snprintf(spec, sizeof spec, "%s", a);
    char *cond = NULL;
    char *ifp = strstr(spec, " if ");
    if (ifp) {
        *ifp = '\0';
        cond = ifp + 4;
    } else if (strncmp(spec, "if ", 3) == 0) {
        cond = spec + 3;
        spec[0] = '\0';
    }
    if (cond) {   /* check the condition at the location before creating anything */
        uint64_t offs[1];
        size_t n = 0;
        char err[300];
        if (dbg_resolve_location(s, spec, offs, 1, &n, err, sizeof err) < 0 || !n)
            return dbg_error(s, "%s", err);
        uint32_t addr = (uint32_t)(offs[0] - s->code_off);
        if (!dbg_expr_check(s, &addr, cond, err, sizeof err))
            return dbg_error(s, "%s", err);
    }
    int id = dbg_bp_create(s, spec, temp, false);
    if (id < 0)
        return -1;
    if (cond) {
        dbg_bp *bp = dbg_bp_find(s, id);
        if (bp)
            bp->cond = dbg_strdup(dbg_skip_ws(cond));
    }
    return 0;
}

int cmd_break(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return do_break(s, a, false);
}

int cmd_tbreak(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return do_break(s, a, true);
}

/* Reads a breakpoint number at *p. */
static dbg_bp *bp_arg(wd_dbg *s, const char **p)
{
    const char *q = dbg_skip_ws(*p);
    if (!isdigit((unsigned char)*q)) {
        dbg_error(s, "Bad breakpoint argument: '%s'", q);
        return NULL;
    }
    char *end;
    long id = strtol(q, &end, 10);
    *p = end;
    dbg_bp *bp = dbg_bp_find(s, (int)id);
    if (!bp)
        dbg_error(s, "No breakpoint number %ld.", id);
    return bp;
}

int cmd_condition(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a)
        return dbg_error(s, "Argument required (breakpoint number).");
    dbg_bp *bp = bp_arg(s, &a);
    if (!bp)
        return -1;
    a = dbg_skip_ws(a);
    if (*a) {   /* a condition that cannot be evaluated there is refused, the old one kept */
        char err[300];
        uint32_t addr = bp->nlocs ? (uint32_t)(bp->locs[0]->off - s->code_off) : 0;
        if (!dbg_expr_check(s, bp->type == BP_BREAK && bp->nlocs ? &addr : NULL, a, err, sizeof err))
            return dbg_error(s, "%s", err);
    }
    free(bp->cond);
    bp->cond = NULL;
    if (!*a) {
        dbg_printf(s, "Breakpoint %d now unconditional.\n", bp->id);
        return 0;
    }
    bp->cond = dbg_strdup(a);
    return 0;
}

int cmd_ignore(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a)
        return dbg_error(s, "Argument required (a breakpoint number).");
    dbg_bp *bp = bp_arg(s, &a);
    if (!bp)
        return -1;
    uint64_t n;
    if (!dbg_parse_u64(a, &n))
        return dbg_error(s, "Second argument (specified ignore-count) is missing.");
    bp->ignore = n;
    if (n == 0)
        dbg_printf(s, "Will stop next time breakpoint %d is reached.\n", bp->id);
    else if (n == 1)
        dbg_printf(s, "Will ignore next crossing of breakpoint %d.\n", bp->id);
    else
        dbg_printf(s, "Will ignore next %" PRIu64 " crossings of breakpoint %d.\n", n, bp->id);
    return 0;
}

/* Applies fn to each listed breakpoint, or all. */
static int each_bp(wd_dbg *s, const char *a, void (*fn)(wd_dbg *, dbg_bp *))
{
    a = dbg_skip_ws(a);
    if (!*a) {
        for (uint32_t i = s->nbps; i-- > 0;)
            if (i < s->nbps)
                fn(s, s->bps[i]);
        return 0;
    }
    int rc = 0;
    while (*a) {
        if (!isdigit((unsigned char)*a))
            return dbg_error(s, "Convenience variable must have integer value.\n"
                                "Bad breakpoint argument: '%s'", a);
        char *end;
        long lo = strtol(a, &end, 10), hi = lo;
        if (*end == '-')
            hi = strtol(end + 1, &end, 10);
        for (long id = lo; id <= hi; id++) {
            dbg_bp *bp = dbg_bp_find(s, (int)id);
            if (bp)
                fn(s, bp);
            else
                rc = dbg_error(s, "No breakpoint number %ld.", id);
        }
        a = dbg_skip_ws(end);
    }
    return rc;
}

static void del_fn(wd_dbg *s, dbg_bp *bp) { dbg_bp_delete(s, bp->id); }
static void dis_fn(wd_dbg *s, dbg_bp *bp) { dbg_bp_enable(s, bp, false); }
static void en_fn(wd_dbg *s, dbg_bp *bp) { dbg_bp_enable(s, bp, true); }
static void en_once_fn(wd_dbg *s, dbg_bp *bp)
{
    dbg_bp_enable(s, bp, true);
    bp->dis_once = true;
    bp->temp = false;
}
static void en_delete_fn(wd_dbg *s, dbg_bp *bp)
{
    dbg_bp_enable(s, bp, true);
    bp->temp = true;
    bp->dis_once = false;
}

int cmd_delete(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (strncmp(a, "display", 7) == 0)
        return cmd_undisplay(s, dbg_skip_ws(a + 7), "");
    if (strncmp(a, "breakpoints", 11) == 0)
        a = dbg_skip_ws(a + 11);
    return each_bp(s, a, del_fn);
}

int cmd_disable(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (strncmp(a, "breakpoints", 11) == 0)
        a = dbg_skip_ws(a + 11);
    return each_bp(s, a, dis_fn);
}

int cmd_enable(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (strncmp(a, "breakpoints", 11) == 0)
        a = dbg_skip_ws(a + 11);
    /* as gdb: once (disable when hit), delete (delete when hit); plain enable keeps the disposition */
    if (strncmp(a, "once", 4) == 0 && (!a[4] || isspace((unsigned char)a[4])))
        return each_bp(s, dbg_skip_ws(a + 4), en_once_fn);
    if (strncmp(a, "delete", 6) == 0 && (!a[6] || isspace((unsigned char)a[6])))
        return each_bp(s, dbg_skip_ws(a + 6), en_delete_fn);
    return each_bp(s, a, en_fn);
}

static void loc_text(wd_dbg *s, uint64_t off, dbg_buf *b)
{
    uint32_t addr = (uint32_t)(off - s->code_off);
    wd_dw_frame fr[8];
    size_t k = s->dw ? wd_dwarf_symbolize(s->dw, addr, true, fr, 8) : 0;
    char nb[32];
    uint32_t f = dbg_func_of_off(s, off);
    const char *fn = k && fr[0].function ? dbg_display_name(fr[0].function)
                                         : f != UINT32_MAX ? dbg_func_name(s, f, nb, sizeof nb) : "??";
    dbuf_printf(b, "0x%08" PRIx32 " in %s", addr, fn);
    if (k && fr[0].file && fr[0].file[0] && fr[0].line)
        dbuf_printf(b, " at %s:%" PRIu32, dbg_basename(fr[0].file), fr[0].line);
}

static int info_bps(wd_dbg *s, bool watch_only)
{
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    uint32_t shown = 0;
    for (uint32_t i = 0; i < s->nbps; i++) {
        dbg_bp *bp = s->bps[i];
        if (watch_only && bp->type == BP_BREAK)
            continue;
        if (!shown)
            dbuf_puts(&t, "Num     Type            Disp Enb Address    What\n");
        const char *type = bp->type == BP_BREAK ? "breakpoint" : bp->type == BP_WATCH ? "watchpoint"
                         : bp->type == BP_RWATCH ? "read watchpoint" : "acc watchpoint";
        dbuf_printf(&t, "%-7d %-15s %-4s %-3s ", bp->id, type, dbg_bp_disp(bp),
                    bp->enabled ? "y" : "n");
        dbuf_printf(&j, "%s{\"number\":%d,\"type\":\"%s\",\"disp\":\"%s\",\"enabled\":%s,\"hits\":%" PRIu64
                    ",\"ignore\":%" PRIu64,
                    shown ? "," : "", bp->id, type, dbg_bp_disp(bp),
                    bp->enabled ? "true" : "false", bp->hits, bp->ignore);
        if (bp->type != BP_BREAK) {
            dbuf_printf(&t, "           %s\n", bp->wexpr);
            dbuf_puts(&j, ",\"exp\":");
            dbuf_json_str(&j, bp->wexpr);
        } else if (bp->nlocs == 1) {
            loc_text(s, bp->locs[0]->off, &t);
            dbuf_puts(&t, "\n");
        } else {
            dbuf_puts(&t, "<MULTIPLE>\n");
        }
        if (bp->type == BP_BREAK) {
            dbuf_puts(&j, ",\"locations\":[");
            for (uint32_t k = 0; k < bp->nlocs; k++) {
                dbg_buf lt = {0};
                loc_text(s, bp->locs[k]->off, &lt);
                dbuf_printf(&j, "%s{\"addr\":\"0x%08" PRIx64 "\",\"what\":", k ? "," : "",
                            bp->locs[k]->off - s->code_off);
                dbuf_json_str(&j, lt.p);
                dbuf_puts(&j, "}");
                dbuf_free(&lt);
            }
            dbuf_puts(&j, "]");
        }
        if (bp->cond) {
            dbuf_printf(&t, "\tstop only if %s\n", bp->cond);
            dbuf_puts(&j, ",\"cond\":");
            dbuf_json_str(&j, bp->cond);
        }
        if (bp->hits)
            dbuf_printf(&t, "\tbreakpoint already hit %" PRIu64 " time%s\n", bp->hits,
                        bp->hits == 1 ? "" : "s");
        if (bp->ignore)
            dbuf_printf(&t, "\tWill ignore next %" PRIu64 " crossings of breakpoint.\n", bp->ignore);
        if (bp->nlocs > 1)
            for (uint32_t k = 0; k < bp->nlocs; k++) {
                dbuf_printf(&t, "%d.%-5u %-15s %-4s %-3s ", bp->id, k + 1, "", "",
                            bp->enabled ? "y" : "n");
                loc_text(s, bp->locs[k]->off, &t);
                dbuf_puts(&t, "\n");
            }
        dbuf_puts(&j, "}");
        shown++;
    }
    dbuf_puts(&j, "]");
    if (!shown)
        dbuf_puts(&t, watch_only ? "No watchpoints.\n" : "No breakpoints or watchpoints.\n");
    dbg_puts(s, t.p);
    dbg_jfield(s, "breakpoints", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    return 0;
}

int cmd_info_breakpoints(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    return info_bps(s, m && strcmp(m, "watch") == 0);
}
