/* cmd_info.c: the info family (dispatcher) and its wasm-level, source and function views. */
#include <inttypes.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

static void value_text(const wd_value *v, char *buf, size_t size)
{
    switch (v->type) {
    case WD_I32: snprintf(buf, size, "%" PRId32 " (0x%" PRIx32 ")", (int32_t)v->of.i32, v->of.i32); break;
    case WD_I64: snprintf(buf, size, "%" PRId64 " (0x%" PRIx64 ")", (int64_t)v->of.i64, v->of.i64); break;
    case WD_F32: {
        float f;
        memcpy(&f, &v->of.f32_bits, 4);
        snprintf(buf, size, "%.9g", (double)f);
        break;
    }
    case WD_F64: {
        double d;
        memcpy(&d, &v->of.f64_bits, 8);
        snprintf(buf, size, "%.17g", d);
        break;
    }
    case WD_V128: {
        uint32_t l[4];
        memcpy(l, v->of.v128, 16);
        snprintf(buf, size, "i32x4:0x%08" PRIx32 ",0x%08" PRIx32 ",0x%08" PRIx32 ",0x%08" PRIx32,
                 l[0], l[1], l[2], l[3]);
        break;
    }
    default:
        snprintf(buf, size, v->of.ref ? "ref:0x%" PRIx64 : "null", (uint64_t)v->of.ref);
        break;
    }
}

static const dbg_vframe *wasm_frame(wd_dbg *s, wd_frame_info *fi)
{
    const dbg_vframe *f = dbg_selected(s);
    if (!f) {
        dbg_error(s, "No stack.");
        return NULL;
    }
    if (f->host || !wd_exec_frame(s->x, f->wdepth, fi) || !fi->instance) {
        dbg_error(s, "The selected frame is a host function.");
        return NULL;
    }
    return f;
}

int cmd_info_wasm_locals(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    wd_frame_info fi;
    const dbg_vframe *f = wasm_frame(s, &fi);
    if (!f)
        return -1;
    wd_functype ft = wd_module_func_type(s->m, fi.funcidx);
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    for (uint32_t i = 0; i < fi.nlocals; i++) {
        wd_value v;
        if (!wd_exec_frame_local(s->x, f->wdepth, i, &v))
            break;
        char val[128];
        value_text(&v, val, sizeof val);
        dbuf_printf(&t, "%s[%" PRIu32 "] %s = %s\n", i < ft.nparams ? "param" : "local", i,
                    wd_valtype_name(v.type), val);
        dbuf_printf(&j, "%s{\"index\":%" PRIu32 ",\"type\":\"%s\",\"value\":", i ? "," : "", i,
                    wd_valtype_name(v.type));
        dbuf_json_str(&j, val);
        dbuf_puts(&j, "}");
    }
    dbuf_puts(&j, "]");
    if (!fi.nlocals)
        dbuf_puts(&t, "No wasm locals.\n");
    dbg_puts(s, t.p);
    dbg_jfield(s, "locals", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    return 0;
}

int cmd_info_wasm_stack(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    wd_frame_info fi;
    const dbg_vframe *f = wasm_frame(s, &fi);
    if (!f)
        return -1;
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    for (uint32_t i = 0; i < fi.stack_height; i++) {
        wd_value v;
        if (!wd_exec_frame_stack(s->x, f->wdepth, i, &v))
            break;
        char val[128];
        value_text(&v, val, sizeof val);
        dbuf_printf(&t, "stack[%" PRIu32 "] %s = %s%s\n", i, wd_valtype_name(v.type), val,
                    i + 1 == fi.stack_height ? "   <- top" : "");
        dbuf_printf(&j, "%s{\"index\":%" PRIu32 ",\"type\":\"%s\",\"value\":", i ? "," : "", i,
                    wd_valtype_name(v.type));
        dbuf_json_str(&j, val);
        dbuf_puts(&j, "}");
    }
    dbuf_puts(&j, "]");
    if (!fi.stack_height)
        dbuf_puts(&t, "The operand stack is empty.\n");
    dbg_puts(s, t.p);
    dbg_jfield(s, "stack", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    return 0;
}

int cmd_info_wasm_globals(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    if (!s->inst)
        return dbg_error(s, "The program is not being run.");
    dbg_buf t = {0};
    uint32_t i;
    for (i = 0;; i++) {
        wd_global *g = wd_instance_global(s->inst, i);
        if (!g)
            break;
        wd_value v = wd_global_get(g);
        char val[128];
        value_text(&v, val, sizeof val);
        dbuf_printf(&t, "global[%" PRIu32 "] %s %s = %s\n", i, wd_global_is_mutable(g) ? "mut" : "const",
                    wd_valtype_name(v.type), val);
    }
    if (!i)
        dbuf_puts(&t, "No wasm globals.\n");
    dbg_puts(s, t.p);
    dbuf_free(&t);
    return 0;
}

int cmd_info_source(wd_dbg *s, const char *a, const char *m)
{
    (void)a;
    (void)m;
    const dbg_vframe *f = dbg_selected(s);
    const char *file = f && f->has_dw && f->dw.file && f->dw.file[0] ? f->dw.file : s->list_file;
    if (!file || !s->dw) {
        dbg_puts(s, "No current source file.\n");
        return 0;
    }
    dbg_printf(s, "Current source file is %s\n", dbg_basename(file));
    uint32_t n = wd_dwarf_unit_count(s->dw);
    for (uint32_t i = 0; i < n; i++) {
        wd_dwarf_unit_info u;
        if (!wd_dwarf_unit(s->dw, i, &u) || !u.name || !wd_dwarf_file_matches(file, dbg_basename(u.name)))
            continue;
        if (u.comp_dir)
            dbg_printf(s, "Compilation directory is %s\n", u.comp_dir);
        dbg_printf(s, "Located in %s\n", file);
        if (u.producer)
            dbg_printf(s, "Producer is %s.\n", u.producer);
        dbg_printf(s, "Compiled with DWARF %u debugging format.\n", u.version);
        break;
    }
    char *rp = wd_dwarf_source_path(s->dw, file);
    if (rp) {
        uint32_t lines = 0;
        char tmp[8];
        while (wd_dwarf_source_line(s->dw, file, lines + 1, tmp, sizeof tmp))
            lines++;
        dbg_printf(s, "Contains %" PRIu32 " lines.\n", lines);
        free(rp);
    }
    dbg_jfield_str(s, "fullname", file);
    return 0;
}

typedef struct funcs_ctx {
    wd_dbg *s;
    regex_t *re;
    dbg_buf *t, *j;
    uint32_t n;
    uint8_t *seen;
} funcs_ctx;

static bool each_func(void *user, const wd_dw_func *f)
{
    funcs_ctx *c = user;
    if (!f->name || (c->re && regexec(c->re, f->name, 0, NULL, 0) != 0))
        return true;
    uint32_t idx = dbg_func_of_off(c->s, (uint64_t)f->low_pc + c->s->code_off);
    if (idx != UINT32_MAX && c->seen)
        c->seen[idx] = 1;
    dbuf_printf(c->t, "%s:%" PRIu32 ":\t%s;\t0x%08" PRIx32 "\n",
                f->decl_file ? dbg_basename(f->decl_file) : "??", f->decl_line, f->name, f->low_pc);
    dbuf_printf(c->j, "%s{\"name\":", c->n ? "," : "");
    dbuf_json_str(c->j, f->name);
    dbuf_printf(c->j, ",\"addr\":\"0x%08" PRIx32 "\",\"file\":", f->low_pc);
    dbuf_json_str(c->j, f->decl_file ? f->decl_file : "");
    dbuf_printf(c->j, ",\"line\":%" PRIu32 "}", f->decl_line);
    c->n++;
    return true;
}

int cmd_info_functions(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    regex_t re;
    bool have_re = *a != 0;
    if (have_re && regcomp(&re, a, REG_EXTENDED | REG_NOSUB) != 0)
        return dbg_error(s, "Invalid regexp: %s", a);
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    if (have_re)
        dbuf_printf(&t, "All functions matching regular expression \"%s\":\n", a);
    else
        dbuf_puts(&t, "All defined functions:\n");
    funcs_ctx c = { s, have_re ? &re : NULL, &t, &j, 0, calloc(s->nfuncs + 1, 1) };
    if (s->dw) {
        dbuf_puts(&t, "\n");
        wd_dwarf_each_func(s->dw, each_func, &c);
    }
    bool header = false;
    for (uint32_t i = s->nimports; i < s->nfuncs; i++) {
        if (c.seen && c.seen[i])
            continue;
        const char *n = wd_module_func_name(s->m, i);
        if (!n || (have_re && regexec(&re, n, 0, NULL, 0) != 0))
            continue;
        if (!header)
            dbuf_puts(&t, "\nNon-debugging symbols:\n");
        header = true;
        uint64_t lo, hi;
        wd_module_func_range(s->m, i, &lo, &hi);
        dbuf_printf(&t, "0x%08" PRIx64 "  %s\n", lo - s->code_off, n);
        dbuf_printf(&j, "%s{\"name\":", c.n ? "," : "");
        dbuf_json_str(&j, n);
        dbuf_printf(&j, ",\"addr\":\"0x%08" PRIx64 "\"}", lo - s->code_off);
        c.n++;
    }
    dbuf_puts(&j, "]");
    dbg_puts(s, t.p);
    dbg_jfield(s, "functions", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    free(c.seen);
    if (have_re)
        regfree(&re);
    return 0;
}

const char dbg_info_names[] = "breakpoints watchpoints frame args locals globals variables "
                              "wasm-locals wasm-stack wasm-globals source functions display stack "
                              "line symbol";

int cmd_info(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    static const struct { const char *name; size_t min; dbg_cmd_fn fn; const char *mods; } subs[] = {
        {"breakpoints", 1, cmd_info_breakpoints, ""},
        {"watchpoints", 3, cmd_info_breakpoints, "watch"},
        {"frame", 1, cmd_info_frame, ""},
        {"args", 2, cmd_info_args, ""},
        {"locals", 2, cmd_info_locals, ""},
        {"globals", 2, cmd_info_globals, ""},
        {"variables", 2, cmd_info_globals, ""},
        {"wasm-locals", 6, cmd_info_wasm_locals, ""},
        {"wasm-stack", 6, cmd_info_wasm_stack, ""},
        {"wasm-globals", 6, cmd_info_wasm_globals, ""},
        {"source", 2, cmd_info_source, ""},
        {"functions", 2, cmd_info_functions, ""},
        {"display", 1, cmd_info_display, ""},
        {"stack", 2, cmd_backtrace, ""},
        {"line", 2, cmd_info_line, ""},
        {"symbol", 2, cmd_info_symbol, ""},
    };
    size_t n = strcspn(a, " ");
    if (!n)
        return dbg_error(s, "List of info subcommands: breakpoints watchpoints frame args locals globals "
                            "wasm-locals wasm-stack wasm-globals source functions display line symbol.");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (n >= subs[i].min && n <= strlen(subs[i].name) && strncmp(subs[i].name, a, n) == 0)
            return subs[i].fn(s, dbg_skip_ws(a + n), subs[i].mods);
    return dbg_error(s, "Undefined info command: \"%.*s\".  Try \"help info\".", (int)n, a);
}
