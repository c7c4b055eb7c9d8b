/* cmd_stack.c: backtrace, frame, up, down, info frame / args / locals / globals. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

static int need_frames(wd_dbg *s)
{
    if (!dbg_frames(s))
        return dbg_error(s, "No stack.");
    return 0;
}

/* Prints the variables of frame f: params (args) or locals. */
static void print_vars(wd_dbg *s, const dbg_vframe *f, bool params, const char *indent, dbg_buf *t,
                       dbg_buf *j)
{
    if (!s->dw || !f->has_dw)
        return;
    const wd_dw_var *vars[256];
    size_t n = wd_dwarf_vars_at(s->dw, f->addr, f->inl, vars, 256);
    if (n > 256)
        n = 256;
    dbg_tctx ctx;
    wd_dw_target tg;
    dbg_target(s, f->wdepth, &ctx, &tg);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (wd_dw_var_is_param(vars[i]) != params)
            continue;
        char val[4096];
        wd_dwarf_format_var(s->dw, vars[i], f->addr, &tg, val, sizeof val);
        const char *name = wd_dw_var_name(vars[i]);
        dbuf_printf(t, "%s%s = %s\n", indent, name ? name : "?", val);
        if (j) {
            dbuf_puts(j, first ? "{\"name\":" : ",{\"name\":");
            dbuf_json_str(j, name);
            dbuf_puts(j, ",\"value\":");
            dbuf_json_str(j, val);
            char tn[256];
            const wd_dw_type *ty = wd_dw_var_type(s->dw, vars[i]);
            dbuf_puts(j, ",\"type\":");
            dbuf_json_str(j, ty ? wd_dw_type_name(s->dw, ty, tn, sizeof tn) : "");
            dbuf_puts(j, "}");
        }
        first = false;
    }
}

int cmd_backtrace(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (need_frames(s))
        return -1;
    bool full = false;
    uint64_t limit = UINT64_MAX;
    bool outermost = false;   /* bt -N: the outermost N frames, as gdb */
    while (*a) {
        if (strncmp(a, "full", 4) == 0 || strncmp(a, "-full", 5) == 0) {
            full = true;
            a = dbg_skip_ws(a + (a[0] == '-' ? 5 : 4));
        } else {
            uint64_t n;
            char w[32];
            size_t k = strcspn(a, " ");
            snprintf(w, sizeof w, "%.*s", (int)(k < 31 ? k : 31), a);
            outermost = w[0] == '-';
            if (!dbg_parse_u64(w + outermost, &n))
                return dbg_error(s, "No symbol \"%s\" in current context.", w);
            limit = n;
            a = dbg_skip_ws(a + k);
        }
    }
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    uint32_t first = outermost && limit < s->nvf ? s->nvf - (uint32_t)limit : 0;
    for (uint32_t i = first; i < s->nvf && i - first < limit; i++) {
        const dbg_vframe *f = &s->vf[i];
        dbuf_printf(&t, "#%-2u ", i);
        dbg_frame_desc(s, f, true, true, &t);
        dbuf_puts(&t, "\n");
        if (full) {
            dbg_buf lt = {0};
            print_vars(s, f, false, "        ", &lt, NULL);
            if (lt.len)
                dbuf_puts(&t, lt.p);
            else if (f->has_dw)
                dbuf_puts(&t, "No locals.\n");
            dbuf_free(&lt);
        }
        if (i > first)
            dbuf_puts(&j, ",");
        dbg_frame_json(s, f, &j);
    }
    if (limit < s->nvf && !outermost)
        dbuf_puts(&t, "(More stack frames follow...)\n");
    dbuf_puts(&j, "]");
    dbg_puts(s, t.p);
    dbg_jfield(s, "frames", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    return 0;
}

static int show_frame(wd_dbg *s)
{
    const dbg_vframe *f = &s->vf[s->sel];
    dbg_buf t = {0}, j = {0};
    dbuf_printf(&t, "#%-2u ", s->sel);
    dbg_frame_desc(s, f, true, true, &t);
    dbuf_puts(&t, "\n");
    if (f->has_dw && f->dw.line)
        dbg_source_line(s, f->dw.file, f->dw.line, &t);
    dbg_puts(s, t.p);
    dbg_frame_json(s, f, &j);
    dbg_jfield(s, "frame", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    if (f->has_dw && f->dw.line) {
        free(s->list_file);
        s->list_file = dbg_strdup(f->dw.file);
        s->list_line = f->dw.line > 5 ? f->dw.line - 5 : 1;
        s->list_first = 0;
    }
    s->il_next = 0;   /* a bare `info line` is this frame's line again */
    return 0;
}

/* "frame N", "info frame N": N must name a frame of the stack (the error is reported). */
static bool frame_level(wd_dbg *s, const char *a, uint32_t *out)
{
    uint64_t n;
    if (!dbg_parse_u64(a, &n)) {
        dbg_error(s, "Invalid frame number \"%s\".", a);
        return false;
    }
    if (n >= s->nvf) {
        dbg_error(s, "No frame at level %s.", a);
        return false;
    }
    *out = (uint32_t)n;
    return true;
}

/* gdb 13's frame specifications after `frame` and `info frame`: N, `level N` (N an
 * expression), `function NAME` (the innermost frame of NAME). Frames have no stack address
 * in wasm, so `address` and `view` are refused. */
static bool frame_spec(wd_dbg *s, const char *a, uint32_t *out)
{
    size_t k = strcspn(a, " ");
    const char *rest = dbg_skip_ws(a + k);
    if (k == 5 && strncmp(a, "level", 5) == 0) {
        if (!*rest) {
            dbg_error(s, "Argument required (expression to compute).");
            return false;
        }
        uint64_t n;
        if (!dbg_parse_u64(rest, &n)) {
            dbg_value v;
            char err[300];
            if (!dbg_eval(s, rest, &v, err, sizeof err)) {
                dbg_error(s, "%s", err);
                return false;
            }
            if (v.kind != DV_INT) {
                dbg_error(s, "Invalid frame number \"%s\".", rest);
                return false;
            }
            n = v.u;
        }
        if (n >= s->nvf) {
            dbg_error(s, "No frame at level %s.", rest);
            return false;
        }
        *out = (uint32_t)n;
        return true;
    }
    if (k == 8 && strncmp(a, "function", 8) == 0) {
        if (!*rest) {
            dbg_error(s, "Missing function name argument");
            return false;
        }
        for (uint32_t i = 0; i < s->nvf; i++) {
            const dbg_vframe *f = &s->vf[i];
            char nb[32];
            const char *name = f->name ? f->name : dbg_func_name(s, f->funcidx, nb, sizeof nb);
            if (name && strcmp(dbg_display_name(name), rest) == 0) {
                *out = i;
                return true;
            }
        }
        bool hd;
        if (dbg_func_by_name(s, rest, &hd) == UINT32_MAX &&
            !(s->dw && wd_dwarf_inlined_entries(s->dw, rest, NULL, 0)))
            dbg_error(s, "Function \"%s\" not defined.", rest);
        else
            dbg_error(s, "No frame for function \"%s\".", rest);
        return false;
    }
    if ((k == 7 && strncmp(a, "address", 7) == 0) || (k == 4 && strncmp(a, "view", 4) == 0)) {
        dbg_error(s, "frame %.*s: wasm frames have no stack address; use frame level N or "
                     "frame function NAME.", (int)k, a);
        return false;
    }
    return frame_level(s, a, out);
}

int cmd_frame(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (need_frames(s))
        return -1;
    if (*a && !frame_spec(s, a, &s->sel))
        return -1;
    return show_frame(s);
}

int cmd_up(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (need_frames(s))
        return -1;
    uint64_t n = 1;
    if (*a && !dbg_parse_u64(a, &n))
        return dbg_error(s, "Invalid count \"%s\".", a);
    if (s->sel + 1 >= s->nvf)
        return dbg_error(s, "Initial frame selected; you cannot go up.");
    s->sel = s->sel + n >= s->nvf ? s->nvf - 1 : s->sel + (uint32_t)n;
    return show_frame(s);
}

int cmd_down(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (need_frames(s))
        return -1;
    uint64_t n = 1;
    if (*a && !dbg_parse_u64(a, &n))
        return dbg_error(s, "Invalid count \"%s\".", a);
    if (s->sel == 0)
        return dbg_error(s, "Bottom (innermost) frame selected; you cannot go down.");
    s->sel = n > s->sel ? 0 : s->sel - (uint32_t)n;
    return show_frame(s);
}

int cmd_info_frame(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (need_frames(s))
        return -1;
    uint32_t sel = s->sel;   /* info frame N: frame N, the selection unchanged */
    if (*a && !frame_spec(s, a, &sel))
        return -1;
    const dbg_vframe *f = &s->vf[sel];
    char nb[32];
    dbg_buf t = {0};
    dbuf_printf(&t, "Stack level %u, frame at wasm frame %" PRIu32 ":\n", sel, f->wdepth);
    dbuf_printf(&t, " pc = 0x%08" PRIx32 " in %s", f->addr,
                f->name ? f->name : dbg_func_name(s, f->funcidx, nb, sizeof nb));
    if (f->has_dw && f->dw.file && f->dw.file[0])
        dbuf_printf(&t, " (%s:%" PRIu32 ")", dbg_basename(f->dw.file), f->dw.line);
    dbuf_puts(&t, "; ");
    dbuf_printf(&t, "wasm function %" PRIu32 " <%s>\n", f->funcidx, dbg_func_name(s, f->funcidx, nb, sizeof nb));
    /* inlined: its caller is in the same wasm frame (inl counts from the innermost copy, so
     * inl > 0 says that this frame has inlined code in it, not that it is inlined) */
    if (sel + 1 < s->nvf && s->vf[sel + 1].wdepth == f->wdepth)
        dbuf_printf(&t, " inlined into frame %u\n", sel + 1);
    if (sel + 1 < s->nvf)
        dbuf_printf(&t, " called by frame at level %u\n", sel + 1);
    if (sel > 0)
        dbuf_printf(&t, " caller of frame at level %u\n", sel - 1);
    wd_frame_info fi;
    if (!f->host && wd_exec_frame(s->x, f->wdepth, &fi))
        dbuf_printf(&t, " wasm locals: %" PRIu32 ", operand stack: %" PRIu32 " value%s\n", fi.nlocals,
                    fi.stack_height, fi.stack_height == 1 ? "" : "s");
    if (f->has_dw && f->dw.decl_file && f->dw.decl_file[0])
        dbuf_printf(&t, " source language c, function declared at %s:%" PRIu32 "\n",
                    dbg_basename(f->dw.decl_file), f->dw.decl_line);
    dbg_puts(s, t.p);
    dbuf_free(&t);
    dbg_buf j = {0};
    dbg_frame_json(s, f, &j);
    dbg_jfield(s, "frame", j.p);
    dbuf_free(&j);
    return 0;
}

static int info_vars(wd_dbg *s, bool params)
{
    if (need_frames(s))
        return -1;
    const dbg_vframe *f = &s->vf[s->sel];
    if (!f->has_dw)
        return dbg_error(s, "No symbol table info available.");
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    print_vars(s, f, params, "", &t, &j);
    dbuf_puts(&j, "]");
    if (!t.len)
        dbuf_puts(&t, params ? "No arguments.\n" : "No locals.\n");
    dbg_puts(s, t.p);
    dbg_jfield(s, params ? "args" : "locals", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    return 0;
}

int cmd_info_args(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    return info_vars(s, true);
}

int cmd_info_locals(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    return info_vars(s, false);
}

int cmd_info_globals(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!s->dw)
        return dbg_error(s, "No symbol table is loaded.");
    const wd_dw_var **vars = malloc(4096 * sizeof *vars);
    if (!vars)
        return dbg_error(s, "out of memory");
    size_t n = wd_dwarf_globals(s->dw, vars, 4096);
    if (n > 4096)
        n = 4096;
    dbg_tctx ctx;
    wd_dw_target tg;
    dbg_target(s, 0, &ctx, &tg);
    dbg_buf t = {0};
    dbuf_puts(&t, "All defined variables:\n");
    for (size_t i = 0; i < n; i++) {
        const char *name = wd_dw_var_name(vars[i]);
        if (!name || (*a && !strstr(name, a)))
            continue;
        char tn[256], val[4096];
        const wd_dw_type *ty = wd_dw_var_type(s->dw, vars[i]);
        wd_dw_type_name(s->dw, ty, tn, sizeof tn);
        if (s->inst) {
            /* a long value ends in "..." rather than mid-word */
            if (wd_dwarf_format_var(s->dw, vars[i], 0, &tg, val, sizeof val) >= sizeof val - 1)
                memcpy(val + sizeof val - 4, "...", 4);
        } else {
            snprintf(val, sizeof val, "<not running>");
        }
        /* declared as C writes it: "unsigned char buf[8]", not "unsigned char [8] buf" */
        char *dims = strstr(tn, " [");
        if (dims) {
            *dims = '\0';
            dbuf_printf(&t, "%s %s%s = %s\n", tn, name, dims + 1, val);
        } else {
            dbuf_printf(&t, "%s %s = %s\n", tn, name, val);
        }
    }
    dbg_puts(s, t.p);
    dbuf_free(&t);
    free(vars);
    return 0;
}
