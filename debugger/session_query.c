/* session_query.c: the session's state as data and running in slices (session_query.h).
 *
 * Everything here reads the state session.c keeps (the frame list, breakpoints, displays,
 * the last stop report's reason) and formats values with the same code `print` and
 * `info locals` use, so a front end shows exactly what the commands would print. Children
 * of a variable are found by their C expressions ("sq.pos", "v[2]", "*list"), evaluated
 * by the session's expression evaluator in the variable's frame.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"
#include "session_query.h"

#define MAX_ARRAY_KIDS 1000
#define MAX_VARS 256

/* ------------------------------------------------------------ state and location */

wd_dbg_state wd_dbg_state_get(wd_dbg *s)
{
    switch (s->ps) {
    case PS_STOPPED:
        if (s->in_flight && dbg_running(s))
            return WD_DBG_RUNNING;
        return WD_DBG_PAUSED;
    case PS_EXITED: return WD_DBG_EXITED;
    case PS_TRAPPED: return WD_DBG_TRAPPED;
    default: return WD_DBG_NOT_STARTED;
    }
}

uint64_t wd_dbg_stop_seq(wd_dbg *s)
{
    if (s->sel != s->seen_sel) {
        s->seen_sel = s->sel;
        s->sel_seq++;
    }
    return s->stop_seq + s->sel_seq;
}

/* The value of "key": in the last stop report's JSON fields, as text. */
static bool reason_field(const wd_dbg *s, const char *key, char *out, size_t size)
{
    char pat[48];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(s->stop_reason, pat);
    if (!p || size == 0)
        return false;
    p += strlen(pat);
    bool quoted = *p == '"';
    if (quoted)
        p++;
    size_t n = 0;
    while (*p && n + 1 < size && (quoted ? *p != '"' : (*p != ',' && *p != '}')))
        out[n++] = *p++;
    out[n] = '\0';
    return true;
}

void wd_dbg_stop_reason(wd_dbg *s, char *buf, size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    wd_dbg_state st = wd_dbg_state_get(s);
    if (st != WD_DBG_PAUSED && st != WD_DBG_TRAPPED)
        return;
    char r[64], n[32];
    if (!reason_field(s, "reason", r, sizeof r))
        return;
    if (strcmp(r, "breakpoint-hit") == 0) {
        if (!reason_field(s, "bkptno", n, sizeof n))
            snprintf(buf, size, "breakpoint");
        else if (strstr(s->stop_reason, "\"condition_error\""))
            snprintf(buf, size, "breakpoint %s, condition error", n);
        else
            snprintf(buf, size, "breakpoint %s", n);
    } else if (strstr(r, "watchpoint-trigger")) {
        reason_field(s, "wpnum", n, sizeof n);
        snprintf(buf, size, "%swatchpoint %s",
                 r[0] == 'r' ? "read " : r[0] == 'a' ? "access " : "", n);
    } else if (strcmp(r, "end-stepping-range") == 0) {
        snprintf(buf, size, "step");
    } else if (strcmp(r, "function-finished") == 0) {
        snprintf(buf, size, "finish");
    } else if (strcmp(r, "location-reached") == 0) {
        snprintf(buf, size, "location reached");
    } else if (strcmp(r, "signal-received") == 0) {
        snprintf(buf, size, "interrupted");
    } else {
        snprintf(buf, size, "%s", r);
    }
}

int wd_dbg_exit_code(wd_dbg *s) { return s->exit_code; }

const char *wd_dbg_trap_message(wd_dbg *s)
{
    if (s->ps != PS_TRAPPED || !s->x)
        return NULL;
    const char *msg = wd_exec_trap_message(s->x);
    return msg ? msg : wd_trap_message(wd_exec_trap(s->x));
}

const wd_module *wd_dbg_module(wd_dbg *s) { return s->m; }
wd_dwarf *wd_dbg_dwarf(wd_dbg *s) { return s->dw; }

const uint8_t *wd_dbg_module_bytes(wd_dbg *s, size_t *n)
{
    *n = s->nbytes;
    return s->bytes;
}

static const char *func_name_of(wd_dbg *s, uint32_t funcidx)
{
    const char *n = wd_module_func_name(s->m, funcidx);
    return n ? dbg_display_name(n) : "??";
}

static void loc_from_vframe(wd_dbg *s, const dbg_vframe *f, wd_dbg_loc *out)
{
    memset(out, 0, sizeof *out);
    out->file = "";
    out->funcidx = f->funcidx;
    out->offset = f->off;
    out->addr = f->addr;
    out->func = f->name ? f->name : f->host ? "host" : func_name_of(s, f->funcidx);
    if (f->has_dw) {
        out->file = f->dw.file ? f->dw.file : "";
        out->line = f->dw.line;
        out->column = f->dw.column;
    }
}

/* The innermost source location of a file offset. */
static void loc_from_offset(wd_dbg *s, uint64_t off, wd_dbg_loc *out)
{
    memset(out, 0, sizeof *out);
    out->file = "";
    out->offset = off;
    out->addr = off >= s->code_off ? (uint32_t)(off - s->code_off) : 0;
    uint32_t f = dbg_func_of_off(s, off);
    out->funcidx = f == UINT32_MAX ? 0 : f;
    out->func = f == UINT32_MAX ? "??" : func_name_of(s, f);
    wd_dw_frame fr[1];
    if (s->dw && wd_dwarf_symbolize(s->dw, out->addr, false, fr, 1) > 0) {
        if (fr[0].function)
            out->func = dbg_display_name(fr[0].function);
        out->file = fr[0].file ? fr[0].file : "";
        out->line = fr[0].line;
        out->column = fr[0].column;
    }
}

bool wd_dbg_location(wd_dbg *s, wd_dbg_loc *out)
{
    if (s->in_flight)
        return false;
    const dbg_vframe *f = dbg_selected(s);
    if (!f)
        return false;
    loc_from_vframe(s, f, out);
    return true;
}

bool wd_dbg_entry_location(wd_dbg *s, wd_dbg_loc *out)
{
    wd_dw_func df;
    const char *want = s->entry_name ? s->entry_name : "main";
    if (dbg_find_func(s, want, &df)) {
        uint32_t f = dbg_func_of_off(s, df.low_pc + s->code_off);
        if (f != UINT32_MAX) {
            loc_from_offset(s, dbg_func_bp_off(s, f), out);
            return true;
        }
    }
    want = s->entry_name ? s->entry_name : "_start";
    uint32_t n = wd_module_export_count(s->m);
    for (uint32_t i = 0; i < n; i++) {
        wd_export_desc d;
        wd_module_export(s->m, i, &d);
        if (d.kind != WD_EXTERN_FUNC || strcmp(d.name, want) != 0)
            continue;
        uint64_t a, b;
        wd_module_func_range(s->m, d.index, &a, &b);
        if (a >= b)
            return false;
        loc_from_offset(s, a, out);
        out->funcidx = d.index;
        return true;
    }
    return false;
}

bool wd_dbg_resolve(wd_dbg *s, const char *spec, wd_dbg_loc *out, char *err, size_t errsize)
{
    uint64_t offs[16];
    size_t n = 0;
    if (dbg_resolve_location(s, spec, offs, 16, &n, err, errsize) < 0)
        return false;
    if (n == 0) {
        snprintf(err, errsize, "No code at \"%s\".", spec);
        return false;
    }
    loc_from_offset(s, offs[0], out);
    return true;
}

/* ------------------------------------------------------------ frames */

size_t wd_dbg_frame_count(wd_dbg *s)
{
    if (s->in_flight || !dbg_frames(s))
        return 0;
    return s->nvf;
}

bool wd_dbg_frame_get(wd_dbg *s, size_t i, wd_dbg_frame *out)
{
    if (i >= wd_dbg_frame_count(s))
        return false;
    const dbg_vframe *f = &s->vf[i];
    memset(out, 0, sizeof *out);
    loc_from_vframe(s, f, &out->loc);
    out->inlined = f->has_dw && f->dw.inlined;
    out->host = f->host;
    out->wdepth = f->wdepth;
    out->inl = f->inl;
    return true;
}

size_t wd_dbg_frame_selected(wd_dbg *s)
{
    return wd_dbg_frame_count(s) ? s->sel : 0;
}

/* ------------------------------------------------------------ variables */

/* Evaluates expr in frame `frame` (the selection is put back). */
static bool eval_in(wd_dbg *s, uint32_t frame, const char *expr, dbg_value *v, char *err,
                    size_t errsize)
{
    if (!dbg_frames(s) || frame >= s->nvf) {
        snprintf(err, errsize, "No frame selected.");
        return false;
    }
    uint32_t saved = s->sel;
    s->sel = frame;
    bool ok = dbg_eval(s, expr, v, err, errsize);
    s->sel = saved;
    return ok;
}

static char *xstrdup(const char *p) { return dbg_strdup(p ? p : ""); }

/* Can v be opened: a struct, a non-empty array, a non-null pointer to a sized object. */
static bool has_kids(wd_dbg *s, const dbg_value *v)
{
    if (!s->dw || !v->t)
        return false;
    switch (dbgt_kind(s->dw, v->t)) {
    case DT_STRUCT:
        return true;
    case DT_ARRAY: {
        const wd_dw_type *e;
        uint64_t n;
        return dbgt_array(s->dw, v->t, &e, &n) && n > 0;
    }
    case DT_PTR: {
        const wd_dw_type *pt = dbgt_target(s->dw, v->t);
        if (!pt || v->u == 0)
            return false;
        int k = dbgt_kind(s->dw, pt);
        return k != DT_FUNC && k != DT_OTHER && wd_dw_type_size(s->dw, dbgt_strip(s->dw, pt)) > 0;
    }
    default:
        return false;
    }
}

/* Fills a node from an evaluated value. */
static void fill_node(wd_dbg *s, wd_dbg_var *n, const char *name, const char *expr,
                      uint32_t frame, const dbg_value *v, const char *text)
{
    memset(n, 0, sizeof *n);
    n->name = xstrdup(name);
    n->expr = xstrdup(expr);
    n->frame = frame;
    char tn[256] = "";
    dbg_type_name(s, v, tn, sizeof tn);
    n->type = xstrdup(tn);
    if (text) {
        n->value = xstrdup(text);
    } else {
        dbg_buf b = {0};
        dbg_format_value(s, v, 0, &b);
        n->value = xstrdup(b.p);
        dbuf_free(&b);
    }
    n->expandable = has_kids(s, v);
}

static void fill_error(wd_dbg_var *n, const char *name, const char *expr, uint32_t frame,
                       const char *err)
{
    memset(n, 0, sizeof *n);
    n->name = xstrdup(name);
    n->expr = xstrdup(expr);
    n->type = xstrdup("");
    char b[300];
    snprintf(b, sizeof b, "<%s>", err);
    n->value = xstrdup(b);
    n->frame = frame;
}

/* An expression that can take a suffix (.m, [i]) without parentheses. */
static bool simple_expr(const char *e)
{
    for (const char *p = e; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '[' && *p != ']' &&
            *p != '$')
            return false;
    return true;
}

wd_dbg_var *wd_dbg_vars(wd_dbg *s, size_t frame, size_t *n)
{
    *n = 0;
    if (s->in_flight || !dbg_frames(s) || frame >= s->nvf)
        return NULL;
    const dbg_vframe *f = &s->vf[frame];
    if (f->host)
        return NULL;
    if (s->dw && f->has_dw) {
        const wd_dw_var *vs[MAX_VARS];
        size_t k = wd_dwarf_vars_at(s->dw, f->addr, f->inl, vs, MAX_VARS);
        if (k > MAX_VARS)
            k = MAX_VARS;
        wd_dbg_var *out = k ? calloc(k, sizeof *out) : NULL;
        if (!out)
            return NULL;
        dbg_tctx ctx;
        wd_dw_target tg;
        dbg_target(s, f->wdepth, &ctx, &tg);
        char *text = malloc(16384);
        for (size_t i = 0; i < k && text; i++) {
            const char *name = wd_dw_var_name(vs[i]);
            if (!name)
                continue;
            wd_dwarf_format_var(s->dw, vs[i], f->addr, &tg, text, 16384);
            dbg_value v;
            char err[256];
            wd_dbg_var *node = &out[(*n)++];
            if (eval_in(s, (uint32_t)frame, name, &v, err, sizeof err)) {
                fill_node(s, node, name, name, (uint32_t)frame, &v, text);
            } else {
                /* optimized out, or a location the evaluator cannot read */
                fill_error(node, name, name, (uint32_t)frame, err);
                free(node->value);
                node->value = xstrdup(text);
                char tn[256] = "";
                free(node->type);
                node->type = xstrdup(wd_dw_type_name(s->dw, wd_dw_var_type(s->dw, vs[i]), tn,
                                                     sizeof tn));
            }
            node->is_arg = wd_dw_var_is_param(vs[i]);
        }
        free(text);
        return out;
    }
    /* no DWARF: the wasm locals, as $localN */
    wd_frame_info fi;
    if (!s->x || !wd_exec_frame(s->x, f->wdepth, &fi) || fi.nlocals == 0)
        return NULL;
    uint32_t k = fi.nlocals > MAX_VARS ? MAX_VARS : fi.nlocals;
    wd_dbg_var *out = calloc(k, sizeof *out);
    if (!out)
        return NULL;
    for (uint32_t i = 0; i < k; i++) {
        char name[32], err[256];
        snprintf(name, sizeof name, "$local%" PRIu32, i);
        dbg_value v;
        if (eval_in(s, (uint32_t)frame, name, &v, err, sizeof err))
            fill_node(s, &out[i], name, name, (uint32_t)frame, &v, NULL);
        else
            fill_error(&out[i], name, name, (uint32_t)frame, err);
    }
    *n = k;
    return out;
}

static bool add_kid(wd_dbg *s, wd_dbg_var *parent, size_t *cap, const char *name,
                    const char *expr)
{
    if (parent->nkids == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        wd_dbg_var *k = realloc(parent->kids, nc * sizeof *k);
        if (!k)
            return false;
        parent->kids = k;
        *cap = nc;
    }
    wd_dbg_var *kid = &parent->kids[parent->nkids++];
    dbg_value v;
    char err[256];
    if (eval_in(s, parent->frame, expr, &v, err, sizeof err))
        fill_node(s, kid, name, expr, parent->frame, &v, NULL);
    else
        fill_error(kid, name, expr, parent->frame, err);
    return true;
}

bool wd_dbg_var_expand(wd_dbg *s, wd_dbg_var *v)
{
    if (v->expanded)
        return v->nkids > 0;
    if (!v->expandable || s->in_flight || !s->dw)
        return false;
    dbg_value pv;
    char err[256];
    if (!eval_in(s, v->frame, v->expr, &pv, err, sizeof err) || !pv.t)
        return false;
    v->expanded = true;
    size_t cap = 0;
    char base[512], e[700];
    if (simple_expr(v->expr))
        snprintf(base, sizeof base, "%s", v->expr);
    else
        snprintf(base, sizeof base, "(%s)", v->expr);
    switch (dbgt_kind(s->dw, pv.t)) {
    case DT_STRUCT:
        for (uint32_t i = 0;; i++) {
            const char *mn;
            uint64_t off;
            const wd_dw_type *mt;
            if (!dbgt_member_at(s->dw, pv.t, i, &mn, &off, &mt))
                break;
            if (!mn)
                continue;
            snprintf(e, sizeof e, "%s.%s", base, mn);
            if (!add_kid(s, v, &cap, mn, e))
                break;
        }
        break;
    case DT_ARRAY: {
        const wd_dw_type *et;
        uint64_t cnt;
        if (!dbgt_array(s->dw, pv.t, &et, &cnt))
            break;
        for (uint64_t i = 0; i < cnt && i < MAX_ARRAY_KIDS; i++) {
            char nm[32];
            snprintf(nm, sizeof nm, "[%" PRIu64 "]", i);
            snprintf(e, sizeof e, "%s[%" PRIu64 "]", base, i);
            if (!add_kid(s, v, &cap, nm, e))
                break;
        }
        break;
    }
    case DT_PTR: {
        char nm[300];
        snprintf(nm, sizeof nm, "*%s", v->name);
        snprintf(e, sizeof e, "*%s", base);
        add_kid(s, v, &cap, nm, e);
        break;
    }
    default:
        break;
    }
    return v->nkids > 0;
}

void wd_dbg_var_clear(wd_dbg_var *v)
{
    if (!v)
        return;
    wd_dbg_vars_free(v->kids, v->nkids);
    free(v->name);
    free(v->type);
    free(v->value);
    free(v->expr);
    memset(v, 0, sizeof *v);
}

void wd_dbg_vars_free(wd_dbg_var *vars, size_t n)
{
    if (!vars)
        return;
    for (size_t i = 0; i < n; i++)
        wd_dbg_var_clear(&vars[i]);
    free(vars);
}

char *wd_dbg_eval_text(wd_dbg *s, const char *expr, char *err, size_t errsize)
{
    if (s->in_flight) {
        snprintf(err, errsize, "The program is running.");
        return NULL;
    }
    dbg_value v;
    if (!dbg_eval(s, expr, &v, err, errsize))
        return NULL;
    dbg_buf b = {0};
    dbg_format_value(s, &v, 0, &b);
    char *r = xstrdup(b.p);
    dbuf_free(&b);
    return r;
}

bool wd_dbg_eval_var(wd_dbg *s, const char *expr, wd_dbg_var *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (s->in_flight) {
        snprintf(err, errsize, "The program is running.");
        return false;
    }
    dbg_value v;
    if (!dbg_eval(s, expr, &v, err, errsize))
        return false;
    fill_node(s, out, expr, expr, s->sel, &v, NULL);
    return true;
}

/* ------------------------------------------------------------ displays */

size_t wd_dbg_display_count(wd_dbg *s) { return s->ndisp; }

bool wd_dbg_display_get(wd_dbg *s, size_t i, wd_dbg_display *out)
{
    if (i >= s->ndisp)
        return false;
    out->id = s->disp[i]->id;
    out->expr = s->disp[i]->expr;
    out->fmt = s->disp[i]->fmt;
    return true;
}

/* ------------------------------------------------------------ breakpoints */

size_t wd_dbg_bp_count(wd_dbg *s) { return s->nbps; }

bool wd_dbg_bp_get(wd_dbg *s, size_t i, wd_dbg_bp *out)
{
    if (i >= s->nbps)
        return false;
    const dbg_bp *bp = s->bps[i];
    memset(out, 0, sizeof *out);
    out->id = bp->id;
    out->kind = bp->type == BP_WATCH ? WD_DBG_BP_WATCH : bp->type == BP_RWATCH ? WD_DBG_BP_RWATCH
              : bp->type == BP_AWATCH ? WD_DBG_BP_AWATCH : WD_DBG_BP_BREAK;
    out->enabled = bp->enabled;
    out->temporary = bp->temp;
    out->spec = bp->type == BP_BREAK ? (bp->spec ? bp->spec : "") : (bp->wexpr ? bp->wexpr : "");
    out->cond = bp->cond ? bp->cond : "";
    out->hits = bp->hits;
    out->ignore = bp->ignore;
    out->nlocs = bp->nlocs;
    out->file = "";
    out->func = "";
    out->watch_addr = bp->waddr;
    out->watch_len = bp->wlen;
    if (bp->nlocs > 0) {
        wd_dbg_loc l;
        loc_from_offset(s, bp->locs[0]->off, &l);
        out->file = l.file;
        out->line = l.line;
        out->addr = l.addr;
        out->func = l.func;
    }
    return true;
}

static bool same_file(const char *a, const char *b)
{
    return strcmp(a, b) == 0 || strcmp(dbg_basename(a), dbg_basename(b)) == 0;
}

bool wd_dbg_bp_at_line(wd_dbg *s, size_t i, const char *file, uint32_t line)
{
    if (i >= s->nbps || !s->dw || !file || !*file)
        return false;
    const dbg_bp *bp = s->bps[i];
    for (uint32_t k = 0; k < bp->nlocs; k++) {
        wd_dw_row row;
        uint64_t off = bp->locs[k]->off;
        if (off < s->code_off)
            continue;
        if (wd_dwarf_line_at(s->dw, (uint32_t)(off - s->code_off), &row) && row.line == line &&
            row.file && same_file(row.file, file))
            return true;
    }
    return false;
}

/* ------------------------------------------------------------ memory */

uint64_t wd_dbg_mem_size(wd_dbg *s) { return dbg_mem_size(s); }

bool wd_dbg_mem_read(wd_dbg *s, uint64_t addr, void *dst, size_t len)
{
    return dbg_read(s, addr, dst, len);
}

bool wd_dbg_mem_live(wd_dbg *s) { return dbg_memory(s) != NULL; }

bool wd_dbg_mem_write(wd_dbg *s, uint64_t addr, const void *src, size_t len)
{
    wd_memory *m = dbg_memory(s);
    if (!m || s->in_flight)
        return false;
    return wd_memory_write(m, addr, src, len);
}

/* ------------------------------------------------------------ running in slices */

void wd_dbg_set_slice(wd_dbg *s, uint64_t insns) { s->slice = insns; }

bool wd_dbg_waiting(wd_dbg *s, bool *input, int64_t *deadline_ns)
{
    wd_wasi_wait w = { false, false, -1 };
    if (s->in_flight && dbg_running(s) && s->wasi)
        wd_wasi_waiting(s->wasi, &w);
    if (input)
        *input = w.input;
    if (deadline_ns)
        *deadline_ns = w.deadline_ns;
    return w.blocked;
}

static void report_error(wd_dbg *s)
{
    if (!s->has_err)
        return;
    s->cmd_failed = true;
    if (s->json || !s->sink.write)
        return;
    s->sink.write(s->sink.user, WD_DBG_ERR, s->errmsg, strlen(s->errmsg));
}

/* `step N`/`next N`: the steps after the first, while each one ends as a step. */
static void more_steps(wd_dbg *s)
{
    while (s->step_more > 0 && !s->in_flight && dbg_running(s) && s->why == WHY_STEP) {
        s->step_more--;
        s->has_err = false;
        int rc = s->step_into ? cmd_step(s, "", "") : cmd_next(s, "", "");
        if (rc < 0) {
            report_error(s);
            break;
        }
    }
    if (!s->in_flight)
        s->step_more = 0;
}

/* A run ended: what its command would have done after it. */
static void run_ended(wd_dbg *s)
{
    more_steps(s);
    if (s->in_flight)
        return;
    if (s->start_bp > 0 && dbg_bp_find(s, s->start_bp))
        dbg_bp_delete(s, s->start_bp);
    s->start_bp = 0;
}

wd_dbg_slice_result wd_dbg_run_slice(wd_dbg *s, uint64_t insns)
{
    if (!s->in_flight)
        return WD_DBG_SLICE_IDLE;
    if (!dbg_running(s)) {
        s->in_flight = false;
        return WD_DBG_SLICE_IDLE;
    }
    uint64_t saved = s->slice;
    if (insns)
        s->slice = insns;
    s->has_err = false;
    if (dbg_resume(s) < 0)
        report_error(s);
    s->slice = saved;
    if (!s->in_flight)
        run_ended(s);
    return s->in_flight ? WD_DBG_SLICE_MORE : WD_DBG_SLICE_STOPPED;
}

/* The command of a line, and where its arguments start. */
static const dbg_command *line_command(const char *line, const char **args)
{
    const char *p = dbg_skip_ws(line);
    char name[64];
    size_t i = 0;
    while (*p && (isalnum((unsigned char)*p) || *p == '-' || *p == '_') && i + 1 < sizeof name)
        name[i++] = *p++;
    name[i] = '\0';
    if (*p == '/')
        while (*p && !isspace((unsigned char)*p))
            p++;
    if (args)
        *args = dbg_skip_ws(p);
    char err[256];
    return name[0] ? dbg_find_command(name, err, sizeof err) : NULL;
}

const char *wd_dbg_command_of(const char *line)
{
    const dbg_command *c = line_command(line, NULL);
    return c ? c->name : NULL;
}

/* Commands that need no stopped program (allowed while a run is in flight). */
static bool ok_in_flight(const dbg_command *c)
{
    static const char *const ok[] = {
        "break", "tbreak", "condition", "ignore", "delete", "disable", "enable", "run", "start",
        "kill", "quit", "help", "echo", "profile", "directory", "undisplay", "info", "list",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcmp(c->name, ok[i]) == 0)
            return true;
    return false;
}

int wd_dbg_execute_async(wd_dbg *s, const char *line)
{
    const char *args = "";
    const dbg_command *c = line_command(line, &args);
    if (s->in_flight && dbg_running(s) && c && !ok_in_flight(c)) {
        const char *msg = "The program is running (Ctrl-C pauses it).";
        snprintf(s->errmsg, sizeof s->errmsg, "%s", msg);
        s->has_err = true;
        report_error(s);
        return -1;
    }
    bool ends_run = c && (c->fn == cmd_run || c->fn == cmd_start || c->fn == cmd_kill);
    if (ends_run && s->start_bp > 0) {
        if (dbg_bp_find(s, s->start_bp))
            dbg_bp_delete(s, s->start_bp);
        s->start_bp = 0;
    }
    s->step_more = 0;
    uint64_t count = 0;
    if (s->slice && c && (c->fn == cmd_step || c->fn == cmd_next) && *args &&
        dbg_parse_u64(args, &count) && count > 1 && count <= (1ull << 40)) {
        /* one step at a time, so each can go on across slices */
        int rc = wd_dbg_execute(s, c->name);
        if (rc == 0) {
            s->step_more = count - 1;
            s->step_into = c->fn == cmd_step;
            if (!s->in_flight)
                run_ended(s);
        }
        return rc;
    }
    int rc = wd_dbg_execute(s, line);
    if (!s->in_flight && s->start_bp > 0)
        run_ended(s);
    return rc;
}

/* ------------------------------------------------------------ the program */

void wd_dbg_set_stdio(wd_dbg *s, int in_fd, int out_fd, int err_fd)
{
    s->guest_stdin_fd = in_fd;
    s->opt.guest_stdout_fd = out_fd;
    s->opt.guest_stderr_fd = err_fd;
}

void wd_dbg_set_wasi_monitor(wd_dbg *s, wd_wasi_monitor_fn fn, void *user)
{
    s->wasi_mon = fn;
    s->wasi_mon_user = fn ? user : NULL;
}

bool wd_dbg_set_entry(wd_dbg *s, const char *name, int argc, char **argv, char *err,
                      size_t errsize)
{
    uint32_t n = wd_module_export_count(s->m);
    for (uint32_t i = 0; i < n; i++) {
        wd_export_desc d;
        wd_module_export(s->m, i, &d);
        if (d.kind != WD_EXTERN_FUNC || strcmp(d.name, name) != 0)
            continue;
        wd_functype ft = wd_module_func_type(s->m, d.index);
        if (ft.nparams > 16) {
            snprintf(err, errsize, "%s takes %" PRIu32 " parameters (at most 16)", name, ft.nparams);
            return false;
        }
        memset(s->entry_args, 0, sizeof s->entry_args);
        for (uint32_t k = 0; k < ft.nparams; k++) {
            const char *a = (int)k < argc ? argv[k] : "0";
            wd_value *v = &s->entry_args[k];
            v->type = ft.params[k];
            switch (v->type) {
            case WD_I32: v->of.i32 = (uint32_t)strtoll(a, NULL, 0); break;
            case WD_I64: v->of.i64 = (uint64_t)strtoll(a, NULL, 0); break;
            case WD_F32: {
                float f = strtof(a, NULL);
                memcpy(&v->of.f32_bits, &f, 4);
                break;
            }
            case WD_F64: {
                double x = strtod(a, NULL);
                memcpy(&v->of.f64_bits, &x, 8);
                break;
            }
            default: break;
            }
        }
        char *copy = dbg_strdup(name);
        if (!copy) {
            snprintf(err, errsize, "out of memory");
            return false;
        }
        free(s->entry_name);
        s->entry_name = copy;
        s->entry_nargs = ft.nparams;
        s->entry_nresults = ft.nresults < 8 ? ft.nresults : 8;
        return true;
    }
    snprintf(err, errsize, "no exported function '%s'", name);
    return false;
}

bool wd_dbg_entry_result(wd_dbg *s, char *buf, size_t size)
{
    if (!s->entry_name || s->ps != PS_EXITED || s->entry_nresults == 0)
        return false;
    const wd_value *v = &s->entry_results[0];
    switch (v->type) {
    case WD_I32: snprintf(buf, size, "%" PRId32, (int32_t)v->of.i32); return true;
    case WD_I64: snprintf(buf, size, "%" PRId64, (int64_t)v->of.i64); return true;
    case WD_F32: {
        float f;
        memcpy(&f, &v->of.f32_bits, 4);
        snprintf(buf, size, "%g", (double)f);
        return true;
    }
    case WD_F64: {
        double d;
        memcpy(&d, &v->of.f64_bits, 8);
        snprintf(buf, size, "%g", d);
        return true;
    }
    default:
        snprintf(buf, size, "<%s>", wd_valtype_name(v->type));
        return true;
    }
}
