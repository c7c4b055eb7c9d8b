/* cmd_watch.c: watch, rwatch, awatch on linear memory (checked by the global probe). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

static int do_watch(wd_dbg *s, const char *args, int type)
{
    /* gdb's forms: [-l|-location] EXPR [if COND]. Every watchpoint watches the address EXPR
     * has when it is set; without -l one that names local variables also ends with their
     * frame. */
    char a[512];
    const char *p = dbg_skip_ws(args);
    bool location = true;
    if (!strncmp(p, "-location", 9) && (!p[9] || p[9] == ' '))
        p = dbg_skip_ws(p + 9);
    else if (!strncmp(p, "-l", 2) && (!p[2] || p[2] == ' '))
        p = dbg_skip_ws(p + 2);
    else
        location = false;
    snprintf(a, sizeof a, "%s", p);
    char *cond = strstr(a, " if ");
    if (cond) {
        *cond = '\0';
        cond = (char *)dbg_skip_ws(cond + 4);
    }
    if (!*a)
        return dbg_error(s, "Argument required (expression to compute).");
    if (dbg_need_running(s))
        return -1;
    dbg_value v;
    char err[256];
    if (!dbg_eval(s, a, &v, err, sizeof err))
        return dbg_error(s, "%s", err);
    const dbg_vframe *f = dbg_selected(s);   /* the condition's names must be visible here */
    uint32_t at = f ? f->addr : 0;
    if (cond && !dbg_expr_check(s, f ? &at : NULL, cond, err, sizeof err))
        return dbg_error(s, "%s", err);
    if (!v.lval && v.wlocal >= 0)   /* optimised code keeps it in a wasm local */
        return dbg_error(s, "Cannot watch `%s': it is in a wasm local here, not in linear memory.", a);
    if (!v.lval)
        return dbg_error(s, "Cannot watch constant value `%s' (not in linear memory).", a);
    if (v.size == 0 || v.size > 64)
        return dbg_error(s, "Cannot watch `%s': %" PRIu64 " bytes (at most 64).", a, v.size);
    dbg_bp *bp = calloc(1, sizeof *bp);
    if (!bp)
        return dbg_error(s, "out of memory");
    bp->type = type;
    bp->enabled = true;
    bp->wexpr = dbg_strdup(a);
    bp->spec = dbg_strdup(a);
    bp->cond = cond ? dbg_strdup(cond) : NULL;
    /* as gdb, a watch on a local variable (without -l) ends when its frame returns */
    uint32_t nowhere = UINT32_MAX;
    char lerr[64];
    if (!location && f && !f->host && !dbg_expr_check(s, &nowhere, a, lerr, sizeof lerr))
        bp->scope_level = wd_exec_frame_count(s->x) - f->wdepth;
    bp->waddr = v.addr;
    bp->wlen = v.size;
    bp->wval = v;
    bp->id = s->next_bp++;
    if (s->nbps == s->capbps) {
        uint32_t nc = s->capbps ? s->capbps * 2 : 8;
        dbg_bp **nb = realloc(s->bps, nc * sizeof *nb);
        if (!nb) {
            free(bp->wexpr);
            free(bp->spec);
            free(bp->cond);
            free(bp);
            return dbg_error(s, "out of memory");
        }
        s->bps = nb;
        s->capbps = nc;
    }
    s->bps[s->nbps++] = bp;
    s->nwatch++;
    const char *kind = type == BP_WATCH ? "Watchpoint" : type == BP_RWATCH ? "Read watchpoint"
                                                                           : "Access watchpoint";
    dbg_printf(s, "%s %d: %s\n", kind, bp->id, a);
    dbg_jfield_u64(s, "wpnum", (uint64_t)bp->id);
    char addr[32];
    snprintf(addr, sizeof addr, "\"0x%" PRIx64 "\"", v.addr);
    dbg_jfield(s, "addr", addr);
    dbg_jfield_u64(s, "len", v.size);
    return 0;
}

int cmd_watch(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return do_watch(s, a, BP_WATCH);
}

int cmd_rwatch(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return do_watch(s, a, BP_RWATCH);
}

int cmd_awatch(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return do_watch(s, a, BP_AWATCH);
}
