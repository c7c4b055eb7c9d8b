/* cmd_run.c: run, start, continue, kill, quit, and the stepping family: next, step, stepi,
 * nexti, finish, until, advance. */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

void dbg_free_args(wd_dbg *s)
{
    if (s->argv_copy) {
        for (int i = 0; s->argv_copy[i]; i++)
            free(s->argv_copy[i]);
        free(s->argv_copy);
    }
    s->argv_copy = NULL;
}

void dbg_set_args(wd_dbg *s, const char *a, bool clear)
{
    if (!*a && !clear)
        return;
    dbg_free_args(s);
    size_t cap = strlen(a) / 2 + 2;
    s->argv_copy = calloc(cap, sizeof *s->argv_copy);
    int n = 0;
    const char *p = a;
    while (s->argv_copy && *(p = dbg_skip_ws(p))) {
        size_t k = 0;
        while (p[k] && !isspace((unsigned char)p[k]))
            k++;
        char *w = malloc(k + 1);
        if (!w)
            break;
        memcpy(w, p, k);
        w[k] = '\0';
        s->argv_copy[n++] = w;
        p += k;
    }
    s->opt.argc = n;
    s->opt.argv = s->argv_copy;
}

int cmd_show(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (strcmp(a, "args") == 0) {
        dbg_buf b = {0};
        for (int i = 0; i < s->opt.argc; i++)
            dbuf_printf(&b, "%s%s", i ? " " : "", s->opt.argv[i]);
        dbg_printf(s, "Argument list to give program being debugged when it is started is \"%s\".\n",
                   b.p ? b.p : "");
        dbg_jfield_str(s, "args", b.p ? b.p : "");
        dbuf_free(&b);
        return 0;
    }
    if (strcmp(a, "values") == 0) {
        /* as gdb: the last ten values */
        int from = s->nhist > 10 ? s->nhist - 9 : 1;
        for (int i = from; i <= s->nhist; i++) {
            dbg_buf b = {0};
            dbg_format_value(s, &s->hist[i - 1], 0, &b);
            dbg_printf(s, "$%d = %s\n", i, b.p ? b.p : "");
            dbuf_free(&b);
        }
        return 0;
    }
    return dbg_error(s, "Undefined show command: \"%s\".  Try \"help show\".", a);
}

int cmd_run(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    dbg_set_args(s, a, false);
    dbg_printf(s, "Starting program: %s", s->path);
    for (int i = 0; i < s->opt.argc; i++)
        dbg_printf(s, " %s", s->opt.argv[i]);
    dbg_puts(s, "\n");
    return dbg_start_program(s, false);
}

int cmd_start(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    dbg_set_args(s, a, false);
    dbg_printf(s, "Starting program: %s", s->path);
    for (int i = 0; i < s->opt.argc; i++)
        dbg_printf(s, " %s", s->opt.argv[i]);
    dbg_puts(s, "\n");
    return dbg_start_program(s, true);
}

static bool count_arg(wd_dbg *s, const char *a, uint64_t *n)
{
    *n = 1;
    if (!*a)
        return true;
    if (!dbg_parse_u64(a, n) || *n == 0 || *n > (1ull << 40)) {
        dbg_error(s, "Invalid count \"%s\".", a);
        return false;
    }
    return true;
}

int cmd_continue(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    uint64_t n;
    if (!count_arg(s, a, &n) || dbg_need_running(s))
        return -1;
    if (n > 1 && s->why == WHY_BP) {
        dbg_bp *bp = dbg_bp_find(s, s->why_bp);
        if (bp) {
            bp->ignore = n - 1;
            dbg_printf(s, "Will ignore next %" PRIu64 " crossings of breakpoint %d.  Continuing.\n",
                       n - 1, bp->id);
        }
    } else {
        dbg_puts(s, "Continuing.\n");
    }
    s->run.kind = RUN_CONT;
    return dbg_resume(s);
}

int cmd_kill(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    if (s->ps != PS_STOPPED && s->ps != PS_TRAPPED)
        return dbg_error(s, "The program is not being run.");
    dbg_kill(s);
    dbg_puts(s, "[Inferior 1 (process 1) killed]\n");
    return 0;
}

int cmd_quit(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    s->quit = true;
    return 0;
}

/* ------------------------------------------------------------ stepping */

static void begin_step(wd_dbg *s, int kind, uint64_t count)
{
    memset(&s->run, 0, sizeof s->run);
    s->run.kind = kind;
    s->run.count = count;
    s->run.depth = wd_exec_frame_count(s->x);
    wd_frame_info fi;
    wd_dw_row row;
    bool have = wd_exec_frame(s->x, 0, &fi) && fi.instance;
    if (have && s->stop_off_valid && dbg_func_of_off(s, s->stop_off) == fi.funcidx)
        fi.offset = s->stop_off;   /* the breakpoint's own offset is the precise one */
    if (s->dw && have &&
        wd_dwarf_line_at(s->dw, (uint32_t)(fi.offset - s->code_off), &row) && row.line) {
        s->run.line = row.line;
        s->run.file = row.file;
    }
    if (have) {
        s->run.prev_off = fi.offset;
        s->run.prev_depth = s->run.depth;
        s->run.prev_valid = true;
        /* the inlined level next steps at: the pc's, less the frames of it that are not the
         * selected one (a stop shown in the caller of an inlined copy steps in the caller) */
        uint32_t lvl = dbg_inline_level(s, fi.offset);
        const dbg_vframe *sf = dbg_selected(s);
        uint32_t up = sf && sf->wdepth == 0 ? sf->inl : 0;
        s->run.inl_start = lvl > up ? lvl - up : 0;
        if (up && sf->has_dw && sf->dw.line) {
            s->run.line = sf->dw.line;
            s->run.file = sf->dw.file;
        }
    }
}

static int step_n(wd_dbg *s, const char *a, int kind)
{
    uint64_t n;
    if (!count_arg(s, a, &n) || dbg_need_running(s))
        return -1;
    if (kind == RUN_STEPI || kind == RUN_NEXTI) {
        begin_step(s, kind, n);
        return dbg_resume(s);
    }
    for (uint64_t i = 0; i < n; i++) {
        begin_step(s, kind, 1);
        if (dbg_resume(s) < 0)
            return -1;
        if (!dbg_running(s) || s->why != WHY_STEP)
            break;
    }
    return 0;
}

int cmd_next(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return step_n(s, a, RUN_NEXT);
}

int cmd_step(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return step_n(s, a, RUN_STEP);
}

int cmd_stepi(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return step_n(s, a, RUN_STEPI);
}

int cmd_nexti(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return step_n(s, a, RUN_NEXTI);
}

/* Puts a WHY_RETURN probe on the return site of engine frame d. */
static bool return_probe(wd_dbg *s, uint32_t d)
{
    wd_frame_info fi;
    if (!wd_exec_frame(s->x, d + 1, &fi) || !fi.instance)
        return false;
    uint32_t n = dbg_insn_len(s, fi.offset);
    if (!n)
        return false;
    uint32_t count = wd_exec_frame_count(s->x);
    return dbg_add_internal_probe(s, fi.funcidx, fi.offset + n, WHY_RETURN, count - d - 1) != 0;
}

static void run_till_exit(wd_dbg *s, const dbg_vframe *f)
{
    dbg_buf b = {0};
    dbuf_printf(&b, "Run till exit from #%u  ", (unsigned)(f - s->vf));
    dbg_frame_desc(s, f, true, true, &b);
    dbuf_puts(&b, "\n");
    dbg_puts(s, b.p);
    dbuf_free(&b);
}

int cmd_finish(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    if (dbg_need_running(s))
        return -1;
    const dbg_vframe *f = dbg_selected(s);
    if (!f)
        return dbg_error(s, "No stack.");
    wd_frame_info top;
    if (f->has_dw && f->dw.inlined && f->wdepth == 0 && wd_exec_frame(s->x, 0, &top)) {
        /* an inlined call has no return of its own: step (over calls) until the code is
         * no longer inside it, as gdb; no value to print */
        begin_step(s, RUN_UNINLINE, 1);
        uint32_t level = dbg_inline_level(s, s->stop_off_valid ? s->stop_off : top.offset);
        s->run.inl_level = level > f->inl ? level - f->inl : 0;
        s->run.inl_low = dbg_inline_copy(s, s->stop_off_valid ? s->stop_off : top.offset,
                                         s->run.inl_level);
        run_till_exit(s, f);
        return dbg_resume(s);
    }
    memset(&s->run, 0, sizeof s->run);
    s->run.kind = RUN_FINISH;
    s->run.callee = f->funcidx;
    wd_frame_info caller;
    wd_functype cft = wd_module_func_type(s->m, f->funcidx);
    if (wd_exec_frame(s->x, f->wdepth + 1, &caller))
        s->run.ret_index = caller.stack_height >= cft.nparams ? caller.stack_height - cft.nparams : 0;
    wd_value a0;
    if (cft.nresults == 0 && cft.nparams >= 1 && wd_exec_frame_local(s->x, f->wdepth, 0, &a0) &&
        a0.type == WD_I32) {
        s->run.sret = a0.of.i32;
        s->run.has_sret = true;
    }
    if (!return_probe(s, f->wdepth)) {
        s->run.kind = RUN_CONT;
        return dbg_error(s, "\"finish\" not meaningful in the outermost frame.");
    }
    run_till_exit(s, f);
    return dbg_resume(s);
}

static int run_to(wd_dbg *s, const char *a)
{
    if (dbg_need_running(s))
        return -1;
    uint64_t offs[64];
    size_t n = 0;
    char err[300];
    if (dbg_resolve_location(s, a, offs, 64, &n, err, sizeof err) < 0)
        return dbg_error(s, "%s", err);
    memset(&s->run, 0, sizeof s->run);
    s->run.kind = RUN_UNTIL;
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t f = dbg_func_of_off(s, offs[i]);
        if (f != UINT32_MAX && dbg_add_internal_probe(s, f, offs[i], WHY_LOC, 0))
            ok++;
    }
    if (!ok) {
        dbg_clear_internal_probes(s);
        s->run.kind = RUN_CONT;
        return dbg_error(s, "Cannot stop at \"%s\".", a);
    }
    return_probe(s, 0);
    return dbg_resume(s);
}

int cmd_until(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a)
        return step_n(s, "", RUN_NEXT);
    return run_to(s, a);
}

int cmd_advance(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a)
        return dbg_error(s, "Argument required (a location).");
    return run_to(s, a);
}
