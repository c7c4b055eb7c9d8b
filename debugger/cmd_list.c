/* cmd_list.c: list (source) and disassemble (wasm, source interleaved with /s). */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"
#include "wd_wasmdis.h"

static bool func_decl(wd_dbg *s, const char *name, const char **file, uint32_t *line)
{
    wd_dw_func f;
    if (!s->dw || !dbg_find_func(s, name, &f) || !f.decl_file || !f.decl_line)
        return false;
    *file = f.decl_file;
    *line = f.decl_line;
    return true;
}

/* LINE | FILE:LINE | FUNCTION | FILE:FUNCTION: the file and the line it names (a function: its declaration);
 * sets the listing's file. */
static int list_loc(wd_dbg *s, const char *a, uint32_t *out)
{
    const char *colon = strrchr(a, ':');
    uint64_t line;
    if (dbg_parse_u64(a, &line)) {
        if (!s->list_file) {
            const char *df;
            uint32_t dl;
            if (!func_decl(s, "main", &df, &dl))
                return dbg_error(s, "No default source file: no function \"main\".");
            s->list_file = dbg_strdup(df);
        }
    } else if (colon && dbg_parse_u64(colon + 1, &line)) {
        char fbuf[512];
        snprintf(fbuf, sizeof fbuf, "%.*s", (int)(colon - a), a);
        /* find the table path of that file */
        uint32_t addrs[1], used = 0;
        const char *path = NULL;
        if (wd_dwarf_line_addrs(s->dw, fbuf, (uint32_t)line, addrs, 1, &used)) {
            wd_dw_row row;
            if (wd_dwarf_line_at(s->dw, addrs[0], &row))
                path = row.file;
        }
        if (!path)
            return dbg_error(s, "No source file named %s.", fbuf);
        free(s->list_file);
        s->list_file = dbg_strdup(path);
    } else {
        const char *df;
        uint32_t dl;
        /* FILE:FUNCTION names the function (this reads the function's own file) */
        const char *fn = colon && colon[1] ? colon + 1 : a;
        if (!func_decl(s, fn, &df, &dl))
            return dbg_error(s, "Function \"%s\" not defined.", a);
        size_t fl = colon ? (size_t)(colon - a) : 0, dfl = strlen(df);
        if (colon && (fl > dfl || strncmp(df + dfl - fl, a, fl) != 0 ||
                      (fl < dfl && df[dfl - fl - 1] != '/')))
            return dbg_error(s, "Function \"%s\" not defined in \"%.*s\".", fn, (int)fl, a);
        free(s->list_file);
        s->list_file = dbg_strdup(df);
        line = dl;
    }
    if (line > UINT32_MAX - 20)
        return dbg_error(s, "Line number %" PRIu64 " out of range.", line);
    *out = line ? (uint32_t)line : 1;
    return 0;
}

/* list [LOCATION], list FIRST,LAST, list FIRST, | list ,LAST, list - (the ten lines before
 * the last listing), as gdb reads them. */
int cmd_list(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!s->dw)
        return dbg_error(s, "No symbol table is loaded (the module has no DWARF).");
    uint32_t first = s->list_line, last = 0;
    char spec[512];
    snprintf(spec, sizeof spec, "%s", a);
    char *comma = strchr(spec, ',');
    if (strcmp(spec, "-") == 0) {
        uint32_t end = s->list_first ? s->list_first : s->list_line;
        if (!s->list_file || end <= 1)
            return dbg_error(s, "Already at the start of %s.",
                             s->list_file ? dbg_basename(s->list_file) : "the file");
        first = end > 10 ? end - 10 : 1;
        last = end - 1;
    } else if (comma) {
        *comma = '\0';
        char *lhs = (char *)dbg_skip_ws(spec), *rhs = (char *)dbg_skip_ws(comma + 1);
        for (char *e = lhs + strlen(lhs); e > lhs && isspace((unsigned char)e[-1]);)
            *--e = '\0';
        if (!*lhs && !*rhs)
            return dbg_error(s, "Junk at end of line specification.");
        if (*lhs && list_loc(s, lhs, &first) < 0)
            return -1;
        if (*rhs) {
            if (list_loc(s, rhs, &last) < 0)
                return -1;
            if (!*lhs)
                first = last > 10 ? last - 9 : 1;
        } else {
            last = first + 9;
        }
        if (last < first)
            return dbg_error(s, "Second line %" PRIu32 " is before the first %" PRIu32 ".", last, first);
    } else if (*spec) {
        uint32_t line;
        if (list_loc(s, dbg_skip_ws(spec), &line) < 0)
            return -1;
        first = line > 5 ? line - 5 : 1;
    } else if (!s->list_file) {
        const char *df;
        uint32_t dl;
        if (!func_decl(s, "main", &df, &dl))
            return dbg_error(s, "No default source file: no function \"main\".");
        s->list_file = dbg_strdup(df);
        first = dl > 5 ? dl - 5 : 1;
    }
    const char *file = s->list_file;
    if (!first)
        first = 1;
    if (!last)
        last = first + 9;
    dbg_buf t = {0};
    uint32_t shown = 0;
    for (uint32_t l = first; l <= last; l++) {
        char text[1024];
        if (!wd_dwarf_source_line(s->dw, file, l, text, sizeof text))
            break;
        dbuf_printf(&t, "%" PRIu32 "\t%s\n", l, text);
        shown++;
    }
    if (!shown) {
        dbuf_free(&t);
        char *rp = wd_dwarf_source_path(s->dw, file);
        if (!rp)   /* gdb's words for a source it cannot open; the warning came once before */
            return dbg_error(s, "%" PRIu32 "\t%s: No such file or directory.", first, file);
        free(rp);
        uint32_t nlines = 0;   /* gdb's words: '"prog.c" has 76 lines.' */
        for (char text[8]; wd_dwarf_source_line(s->dw, file, nlines + 1, text, sizeof text);)
            nlines++;
        return dbg_error(s, "Line number %" PRIu32 " out of range; \"%s\" has %" PRIu32 " lines.",
                         first, dbg_basename(file), nlines);
    }
    s->list_first = first;
    s->list_line = first + shown;
    dbg_puts(s, t.p);
    dbuf_free(&t);
    return 0;
}

int cmd_disassemble(wd_dbg *s, const char *a, const char *m)
{
    char mods[16] = "";
    if (*a == '/') {
        size_t k = strcspn(a, " ");
        snprintf(mods, sizeof mods, "%.*s", (int)(k < 15 ? k : 15), a + 1);
        a = dbg_skip_ws(a + k);
        m = mods;
    }
    bool src = m && (strchr(m, 's') || strchr(m, 'm'));
    uint32_t f = UINT32_MAX;
    if (*a) {
        uint64_t offs[4];
        size_t n = 0;
        char err[300];
        char spec[300];
        uint64_t v;
        if (dbg_parse_u64(a, &v))
            snprintf(spec, sizeof spec, "*%s", a);
        else
            snprintf(spec, sizeof spec, "%s", a);
        if (dbg_resolve_location(s, spec, offs, 4, &n, err, sizeof err) < 0 || !n)
            return dbg_error(s, "%s", err);
        f = dbg_func_of_off(s, offs[0]);
    } else {
        const dbg_vframe *vf = dbg_selected(s);
        if (!vf)
            return dbg_error(s, "No frame selected.");
        f = vf->funcidx;
    }
    if (f == UINT32_MAX)
        return dbg_error(s, "No function contains the specified address.");
    uint64_t lo, hi;
    wd_module_func_range(s->m, f, &lo, &hi);
    uint64_t pc = dbg_marked_pc(s);
    char nb[32];
    const char *name = dbg_func_name(s, f, nb, sizeof nb);
    dbg_buf t = {0};
    dbuf_printf(&t, "Dump of assembler code for function %s:\n", name);
    uint32_t last_line = 0;
    const char *last_file = NULL;
    for (uint64_t off = lo; off < hi && off < s->nbytes;) {
        if (src && s->dw) {
            wd_dw_row row;
            if (wd_dwarf_line_at(s->dw, (uint32_t)(off - s->code_off), &row) && row.line &&
                (row.line != last_line || !last_file || strcmp(row.file, last_file) != 0)) {
                if (!last_file || strcmp(row.file, last_file) != 0)
                    dbuf_printf(&t, "%s:\n", dbg_basename(row.file));
                dbg_source_line(s, row.file, row.line, &t);
                last_line = row.line;
                last_file = row.file;
            }
        }
        wd_wasm_insn in;
        wd_wasm_decode(s->bytes + off, s->nbytes - off, &in);
        dbuf_printf(&t, "%s0x%08" PRIx64 " <+%" PRIu64 ">:\t%s\n", off == pc ? "=> " : "   ",
                    off - s->code_off, off - lo, in.text);
        off += in.len ? in.len : 1;
    }
    dbuf_puts(&t, "End of assembler dump.\n");
    dbg_puts(s, t.p);
    dbuf_free(&t);
    return 0;
}

int cmd_directory(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (!*a)
        return dbg_error(s, "Argument required (directory name).");
    if (s->dw)
        wd_dwarf_add_source_dir(s->dw, a);
    dbg_printf(s, "Source directories searched: %s\n", a);
    return 0;
}
