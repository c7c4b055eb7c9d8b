/* cmd_print.c: print, output, ptype, display, undisplay, set (var, args, substitute-path). */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

static bool fmt_letter(wd_dbg *s, const char *m, char *fmt)
{
    *fmt = 0;
    if (!m || !*m)
        return true;
    if (strlen(m) == 1 && strchr("xduotcafsz", m[0])) {
        *fmt = m[0] == 'z' ? 'x' : m[0] == 's' ? 0 : m[0];
        return true;
    }
    dbg_error(s, "Undefined output format \"%s\".", m);
    return false;
}

static bool plain_ident(const char *e)
{
    if (!isalpha((unsigned char)*e) && *e != '_')
        return false;
    for (; *e; e++)
        if (!isalnum((unsigned char)*e) && *e != '_')
            return false;
    return true;
}

/* Formats expr into b (value only); type name into tn. */
static bool render(wd_dbg *s, const char *expr, char fmt, dbg_buf *b, char *tn, size_t tnsize,
                   dbg_value *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    const dbg_vframe *f = dbg_selected(s);
    if (!fmt && s->dw && plain_ident(expr) && strcmp(expr, "sizeof") != 0) {
        const wd_dw_var *v = wd_dwarf_find_var(s->dw, f ? f->addr : 0, f ? f->inl : 0, expr);
        if (v) {
            const wd_dw_type *ty = wd_dw_var_type(s->dw, v);
            wd_dw_type_name(s->dw, ty, tn, tnsize);
            if (dbgt_kind(s->dw, ty) != DT_PTR) {
                dbg_tctx ctx;
                wd_dw_target tg;
                dbg_target(s, f ? f->wdepth : 0, &ctx, &tg);
                char *val = malloc(65536);
                if (!val)
                    return false;
                wd_dwarf_format_var(s->dw, v, f ? f->addr : 0, &tg, val, 65536);
                dbuf_puts(b, val);
                free(val);
                if (out) {   /* the history value, through the expression evaluator */
                    char err[300];
                    if (!dbg_eval(s, expr, out, err, sizeof err)) {
                        memset(out, 0, sizeof *out);
                        out->kind = DV_VOID;
                    }
                }
                return true;
            }
        }
    }
    dbg_value v;
    char err[300];
    if (!dbg_eval(s, expr, &v, err, sizeof err)) {
        dbg_error(s, "%s", err);
        return false;
    }
    dbg_type_name(s, &v, tn, tnsize);
    dbg_format_value(s, &v, fmt, b);
    if (out)
        *out = v;
    return true;
}

int cmd_print(wd_dbg *s, const char *a, const char *m)
{
    char fmt;
    if (!fmt_letter(s, m, &fmt))
        return -1;
    if (!*a)
        return dbg_error(s, "Argument required (expression to compute).");
    dbg_buf b = {0};
    char tn[256] = "";
    dbg_value hv;
    if (!render(s, a, fmt, &b, tn, sizeof tn, &hv)) {
        dbuf_free(&b);
        return -1;
    }
    int n = dbg_hist_push(s, &hv);
    if (!n) {
        dbuf_free(&b);
        return dbg_error(s, "out of memory");
    }
    dbg_printf(s, "$%d = %s\n", n, b.p ? b.p : "");
    dbg_jfield_str(s, "value", b.p ? b.p : "");
    dbg_jfield_str(s, "value_type", tn);
    dbg_jfield_u64(s, "history", (uint64_t)n);
    dbuf_free(&b);
    return 0;
}

int cmd_output(wd_dbg *s, const char *a, const char *m)
{
    char fmt;
    if (!fmt_letter(s, m, &fmt))
        return -1;
    dbg_buf b = {0};
    char tn[256];
    if (!render(s, a, fmt, &b, tn, sizeof tn, NULL)) {
        dbuf_free(&b);
        return -1;
    }
    dbg_puts(s, b.p ? b.p : "");
    dbg_jfield_str(s, "value", b.p ? b.p : "");
    dbuf_free(&b);
    return 0;
}

static int type_cmd(wd_dbg *s, const char *a, bool spell)
{
    if (!*a)
        return dbg_error(s, "Argument required (one or more choice items).");
    dbg_value v;
    char err[300];
    /* a type name is taken as itself (ptype struct point), else an expression's type */
    if (!dbg_parse_type(s, a, &v, err, sizeof err) &&
        (err[0] || !dbg_eval(s, a, &v, err, sizeof err)))
        return dbg_error(s, "%s", err);
    char tn[256];
    dbg_type_name(s, &v, tn, sizeof tn);
    if (spell && v.t && dbgt_is_die(v.t) && s->dw) {
        /* ptype writes out the struct, union or enum; whatis only names the type */
        char body[8192];
        wd_dw_type_ptype(s->dw, v.t, body, sizeof body);
        dbg_printf(s, "type = %s\n", body);
    } else {
        dbg_printf(s, "type = %s\n", tn);
    }
    dbg_jfield_str(s, "value_type", tn);
    return 0;
}

int cmd_ptype(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return type_cmd(s, a, true);
}

int cmd_whatis(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    return type_cmd(s, a, false);
}

/* ------------------------------------------------------------ display */

static void show_display(wd_dbg *s, const dbg_display *d, dbg_buf *t)
{
    /* as gdb, a display that names local variables shows only where they are: in the
     * function it was made in (not another function's variables of the same name) */
    const dbg_vframe *f = dbg_selected(s);
    if (d->func != UINT32_MAX && (!f || f->funcidx != d->func))
        return;
    dbg_buf b = {0};
    char tn[256];
    bool saved = s->has_err;
    char savedmsg[sizeof s->errmsg];
    memcpy(savedmsg, s->errmsg, sizeof savedmsg);
    if (d->xmods) {   /* as gdb: "1: x/i $pc" and what x prints under it */
        if (dbg_examine(s, d->expr, d->xmods, &b) == 0)
            dbuf_printf(t, "%d: x/%s %s\n%s", d->id, d->xmods, d->expr, b.p ? b.p : "");
        else
            dbuf_printf(t, "%d: x/%s %s\n<error: %s>\n", d->id, d->xmods, d->expr, s->errmsg);
    } else if (render(s, d->expr, d->fmt, &b, tn, sizeof tn, NULL)) {
        if (d->fmt)
            dbuf_printf(t, "%d: /%c %s = %s\n", d->id, d->fmt, d->expr, b.p ? b.p : "");
        else
            dbuf_printf(t, "%d: %s = %s\n", d->id, d->expr, b.p ? b.p : "");
    } else {
        if (d->fmt)
            dbuf_printf(t, "%d: /%c %s = <error: %s>\n", d->id, d->fmt, d->expr, s->errmsg);
        else
            dbuf_printf(t, "%d: %s = <error: %s>\n", d->id, d->expr, s->errmsg);
    }
    s->has_err = saved;
    memcpy(s->errmsg, savedmsg, sizeof savedmsg);
    dbuf_free(&b);
}

void dbg_do_displays(wd_dbg *s)
{
    if (!s->ndisp || !dbg_running(s))
        return;
    dbg_buf t = {0};
    for (uint32_t i = 0; i < s->ndisp; i++)
        show_display(s, s->disp[i], &t);
    if (s->json) {
        dbg_buf j = {0};
        dbuf_puts(&j, "{\"type\":\"display\",\"text\":");
        dbuf_json_str(&j, t.p);
        dbuf_puts(&j, "}");
        dbg_event(s, NULL, j.p);
        dbuf_free(&j);
    } else {
        dbg_event(s, t.p, NULL);
    }
    dbuf_free(&t);
}

int cmd_display(wd_dbg *s, const char *a, const char *m)
{
    char fmt = 0;
    /* i, s, a count or a size make it an x display (display/i $pc, display/4xw buf) */
    bool xdisp = m && *m && strspn(m, "0123456789oxdutfacsizbhwg") == strlen(m) &&
                 (strpbrk(m, "is0123456789bhwg") != NULL);
    if (!xdisp && !fmt_letter(s, m, &fmt))
        return -1;
    if (xdisp && !*a)
        return dbg_error(s, "Argument required (expression to compute).");
    if (*a && dbg_running(s)) {   /* as gdb: what does not parse or name anything here is refused */
        const dbg_vframe *f = dbg_selected(s);
        uint32_t at = f ? f->addr : 0;
        char err[300];
        if (f && !dbg_expr_check(s, &at, a, err, sizeof err))
            return dbg_error(s, "%s", err);
    }
    if (!*a) {
        dbg_buf t = {0};
        for (uint32_t i = 0; i < s->ndisp && dbg_running(s); i++)
            show_display(s, s->disp[i], &t);
        if (t.p)
            dbg_puts(s, t.p);
        dbuf_free(&t);
        return 0;
    }
    dbg_display **nd = realloc(s->disp, (s->ndisp + 1) * sizeof *nd);
    if (!nd)
        return dbg_error(s, "out of memory");
    s->disp = nd;
    dbg_display *d = calloc(1, sizeof *d);
    if (!d)
        return dbg_error(s, "out of memory");
    d->id = s->next_disp++;
    d->fmt = fmt;
    d->xmods = xdisp ? dbg_strdup(m) : NULL;
    d->expr = dbg_strdup(a);
    d->func = UINT32_MAX;
    s->disp[s->ndisp++] = d;
    dbg_jfield_u64(s, "display", (uint64_t)d->id);
    if (dbg_running(s)) {
        const dbg_vframe *f = dbg_selected(s);
        uint32_t nowhere = UINT32_MAX;   /* no function: globals only */
        char err[300];
        if (f && !dbg_expr_check(s, &nowhere, a, err, sizeof err))
            d->func = f->funcidx;
        dbg_buf t = {0};
        show_display(s, d, &t);
        dbg_puts(s, t.p);
        dbuf_free(&t);
    }
    return 0;
}

void dbg_display_free(dbg_display *d)
{
    free(d->expr);
    free(d->xmods);
    free(d);
}

int cmd_undisplay(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a) {
        for (uint32_t i = 0; i < s->ndisp; i++)
            dbg_display_free(s->disp[i]);
        s->ndisp = 0;
        return 0;
    }
    while (*a) {
        char *end;
        long id = strtol(a, &end, 10);
        if (end == a)
            return dbg_error(s, "Arguments must be display numbers.");
        uint32_t i;
        for (i = 0; i < s->ndisp; i++)
            if (s->disp[i]->id == id)
                break;
        if (i == s->ndisp)
            return dbg_error(s, "No display number %ld.", id);
        dbg_display_free(s->disp[i]);
        memmove(&s->disp[i], &s->disp[i + 1], (s->ndisp - i - 1) * sizeof *s->disp);
        s->ndisp--;
        a = dbg_skip_ws(end);
    }
    return 0;
}

int cmd_info_display(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    if (!s->ndisp) {
        dbg_puts(s, "There are no auto-display expressions now.\n");
        return 0;
    }
    dbg_puts(s, "Auto-display expressions now in effect:\nNum Enb Expression\n");
    for (uint32_t i = 0; i < s->ndisp; i++) {
        if (s->disp[i]->xmods)
            dbg_printf(s, "%-3d y   /%s %s\n", s->disp[i]->id, s->disp[i]->xmods, s->disp[i]->expr);
        else if (s->disp[i]->fmt)
            dbg_printf(s, "%-3d y   /%c %s\n", s->disp[i]->id, s->disp[i]->fmt, s->disp[i]->expr);
        else
            dbg_printf(s, "%-3d y   %s\n", s->disp[i]->id, s->disp[i]->expr);
    }
    return 0;
}

/* ------------------------------------------------------------ set */

int cmd_set(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (strncmp(a, "var ", 4) == 0 || strncmp(a, "variable ", 9) == 0)
        a = dbg_skip_ws(a + (a[3] == ' ' ? 4 : 9));
    else if (strncmp(a, "args", 4) == 0 && (a[4] == ' ' || !a[4])) {
        dbg_set_args(s, dbg_skip_ws(a + 4), true);   /* for the next run */
        return 0;
    } else if (strncmp(a, "substitute-path ", 16) == 0) {
        char from[512], to[512];
        if (sscanf(a + 16, "%511s %511s", from, to) != 2)
            return dbg_error(s, "Usage: set substitute-path FROM TO");
        if (s->dw)
            wd_dwarf_add_substitution(s->dw, from, to);
        return 0;
    } else if (strncmp(a, "confirm", 7) == 0 || strncmp(a, "pagination", 10) == 0 ||
               strncmp(a, "width", 5) == 0 || strncmp(a, "height", 6) == 0 ||
               strncmp(a, "print ", 6) == 0) {
        return 0;   /* accepted for gdb scripts; nothing to do */
    }
    if (!*a)
        return dbg_error(s, "Argument required (expression to compute).");
    /* must be an assignment */
    const char *eq = NULL;
    for (const char *p = a; *p; p++)
        if (*p == '=' && p[1] != '=' && (p == a || !strchr("=!<>", p[-1]))) {
            eq = p;
            break;
        }
    if (!eq)
        return dbg_error(s, "A syntax error in expression: set var needs LVALUE = VALUE.");
    dbg_value v;
    char err[300];
    if (!dbg_eval(s, a, &v, err, sizeof err))
        return dbg_error(s, "%s", err);
    dbg_invalidate_frames(s);
    return 0;
}
