/* disasm.c: `wasmdbg disasm MODULE [FUNCTION...] [--source] [--source-dir DIR]
 *                                      [--substitute-path FROM TO] [--native]`
 *
 * Disassembles every function body (or each FUNCTION: a DWARF or name-section name, or an
 * index) with our own decoder (wd_wasmdis.h). Each instruction line shows its Code-section
 * offset (the addresses DWARF uses), its bytes and its text, indented by block depth:
 *
 *   func[3] <fact>: code 0x00000002..0x00000036
 *    000002: 05 7f                    | local[1..5] i32
 *    00000f: 41 01                    | i32.const 1
 *
 * With --source, a "; FILE:LINE" line and the source text are printed whenever the line
 * table's line changes (inlined code shows the inlined function's file and line).
 * With --native, the module is loaded for the JIT tier and each function's x86-64 code is
 * shown instead, under the wasm instructions it was made from (disasm_native.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "disasm.h"
#include "wd_wasmdis.h"

static size_t leb_len(const uint8_t *p, size_t avail)
{
    size_t i = 0;
    while (i < avail && i < 10 && (p[i] & 0x80))
        i++;
    return i < avail ? i + 1 : 0;
}

void wd_dis_print_bytes(const uint8_t *p, uint32_t n, uint32_t full)
{
    char hex[64];
    size_t used = 0;
    for (uint32_t i = 0; i < n && used + 4 < sizeof hex; i++) {
        if (i == full && n > full + 1) {
            used += (size_t)snprintf(hex + used, sizeof hex - used, "..");
            break;
        }
        used += (size_t)snprintf(hex + used, sizeof hex - used, "%02x ", p[i]);
    }
    hex[used] = '\0';
    printf("%-*s| ", (int)(3 * full + 1), hex);
}

bool wd_dis_body_decode(const wd_cli_debug *dbg, uint32_t idx, wd_dis_body *out)
{
    memset(out, 0, sizeof *out);
    uint64_t start, end;
    wd_module_func_range(dbg->m, idx, &start, &end);
    if (end > dbg->size || start > end)
        return false;
    size_t cap = 0;
    int depth = 1;
    for (uint64_t off = start; off < end;) {
        wd_wasm_insn in;
        bool ok = wd_wasm_decode(dbg->bytes + off, (size_t)(end - off), &in);
        if (in.is_else || in.depth_change < 0)
            depth--;
        if (depth < 0)
            depth = 0;
        if (out->n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            wd_dis_insn *nv = realloc(out->v, nc * sizeof *nv);
            if (!nv) {
                wd_dis_body_free(out);
                return false;
            }
            out->v = nv;
            cap = nc;
        }
        out->v[out->n++] = (wd_dis_insn){ off, in.len ? in.len : 1, depth > 0 ? depth - 1 : 0 };
        if (in.is_else || in.depth_change > 0)
            depth++;
        off += in.len ? in.len : 1;
        if (!ok && !in.len)
            break;
    }
    out->end = end;
    return true;
}

void wd_dis_body_free(wd_dis_body *b)
{
    free(b->v);
    memset(b, 0, sizeof *b);
}

size_t wd_dis_body_find(const wd_dis_body *b, uint64_t off)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->v[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->n && b->v[lo].off == off ? lo : SIZE_MAX;
}

void wd_dis_print_insn(const wd_cli_debug *dbg, const wd_dis_body *b, size_t i)
{
    const wd_dis_insn *d = &b->v[i];
    wd_wasm_insn in;
    wd_wasm_decode(dbg->bytes + d->off, (size_t)(b->end - d->off), &in);
    printf(" %06x: ", (unsigned)(d->off - wd_module_code_section_offset(dbg->m)));
    wd_dis_print_bytes(dbg->bytes + d->off, d->len, WD_DIS_WASM_BYTES);
    printf("%*s%s\n", 2 * d->depth, "", in.text);
}

void wd_dis_print_source(wd_cli_debug *dbg, uint32_t addr, wd_dis_src *last)
{
    wd_dw_row row;
    if (!dbg->dw || !wd_dwarf_line_at(dbg->dw, addr, &row) || !row.line)
        return;
    if (row.line == last->line && last->file && strcmp(row.file, last->file) == 0)
        return;
    char src[512];
    printf("; %s:%u\n", row.file && *row.file ? row.file : "??", row.line);
    if (wd_dwarf_source_line(dbg->dw, row.file, row.line, src, sizeof src))
        printf(";%6u  %s\n", row.line, src);
    last->file = row.file;
    last->line = row.line;
}

const char *wd_dis_func_name(const wd_cli_debug *dbg, uint32_t idx)
{
    if (dbg->dw) {   /* the outermost frame: the innermost may be inlined code */
        uint64_t start, end;
        wd_module_func_range(dbg->m, idx, &start, &end);
        uint64_t base = wd_module_code_section_offset(dbg->m);
        wd_dw_frame frames[16];
        size_t n = wd_dwarf_symbolize(dbg->dw, (uint32_t)(start - base), false, frames, 16);
        if (n > 0 && n <= 16 && frames[n - 1].function)
            return frames[n - 1].function;
    }
    return wd_module_func_name(dbg->m, idx);
}

/* entry: the file offset of the body's size (where "code" starts in the header) */
static void disasm_func(wd_cli_debug *dbg, uint32_t idx, uint64_t entry, bool source)
{
    const wd_module *m = dbg->m;
    uint64_t base = wd_module_code_section_offset(m);
    uint64_t start, end;
    wd_module_func_range(m, idx, &start, &end);
    wd_dis_body b;
    if (entry > start || !wd_dis_body_decode(dbg, idx, &b))
        return;
    const char *name = wd_dis_func_name(dbg, idx);
    printf("func[%u] <%s>: code 0x%08llx..0x%08llx\n", idx, name ? name : "?",
           (unsigned long long)(entry - base), (unsigned long long)(end - base));
    /* size LEB, then locals */
    const uint8_t *p = dbg->bytes + entry;
    size_t sl = leb_len(p, (size_t)(start - entry));
    if (sl && entry + sl < start) {
        char locals[512];
        wd_functype ft = wd_module_func_type(m, idx);
        size_t ll = wd_wasm_locals(p + sl, (size_t)(start - entry - sl), ft.nparams, locals,
                                   sizeof locals);
        printf(" %06llx: ", (unsigned long long)(entry + sl - base));
        wd_dis_print_bytes(p + sl, (uint32_t)(ll ? ll : start - entry - sl), WD_DIS_WASM_BYTES);
        printf("%s\n", ll ? (locals[0] ? locals : "(no locals)") : "<bad locals>");
    }
    wd_dis_src last = { NULL, 0 };
    for (size_t i = 0; i < b.n; i++) {
        if (source)
            wd_dis_print_source(dbg, (uint32_t)(b.v[i].off - base), &last);
        wd_dis_print_insn(dbg, &b, i);
    }
    putchar('\n');
    wd_dis_body_free(&b);
}

#define DISASM_USAGE                                                                       \
    "usage: wasmdbg disasm MODULE [FUNCTION...] [--native] [--source] [--source-dir DIR]\n" \
    "                      [--substitute-path FROM TO]\n"

/* Marks in show[] the defined function(s) named by arg: an index, a name-section or export
 * name, or a DWARF subprogram (the body holding its low_pc; entries[i] is where function
 * i's body starts, its size included). False if nothing matches. */
static bool select_func(const wd_cli_debug *dbg, const char *arg, const uint64_t *entries,
                        bool *show)
{
    const wd_module *m = dbg->m;
    uint32_t nf = wd_module_func_count(m);
    uint64_t v;
    if (wd_cli_parse_u64(arg, &v) && v < nf) {
        show[v] = true;
        return true;
    }
    for (uint32_t i = 0; i < nf; i++) {
        const char *n = wd_module_func_name(m, i);
        if (n && strcmp(n, arg) == 0) {
            show[i] = true;
            return true;
        }
    }
    wd_dw_func f;
    if (!dbg->dw || !wd_dwarf_find_func(dbg->dw, arg, &f))
        return false;
    uint64_t at = wd_module_code_section_offset(m) + f.low_pc;
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if ((s || e) && at >= entries[i] && at < e) {
            show[i] = true;
            return true;
        }
    }
    return false;
}

int wd_cli_disasm(int argc, char **argv)
{
    bool source = false, native = false;
    const char *path = NULL;
    const char *srcdirs[16];
    int nsrcdirs = 0;
    const char *subst[16][2];
    int nsubst = 0;
    const char **only = calloc((size_t)argc, sizeof *only);
    int nonly = 0;
    if (!only) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        return WD_EXIT_ERROR;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--source") == 0 || strcmp(argv[i], "-S") == 0)
            source = true;
        else if (strcmp(argv[i], "--native") == 0)
            native = true;
        else if (strcmp(argv[i], "--source-dir") == 0 && i + 1 < argc && nsrcdirs < 16) {
            srcdirs[nsrcdirs++] = argv[++i];
            source = true;
        } else if (strcmp(argv[i], "--substitute-path") == 0 && i + 2 < argc && nsubst < 16) {
            subst[nsubst][0] = argv[i + 1];
            subst[nsubst][1] = argv[i + 2];
            nsubst++;
            i += 2;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(DISASM_USAGE, stdout);
            free(only);
            return WD_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fputs(DISASM_USAGE, stderr);
            free(only);
            return WD_EXIT_USAGE;
        } else if (!path)
            path = argv[i];
        else
            only[nonly++] = argv[i];
    }
    if (!path) {
        fputs(DISASM_USAGE, stderr);
        free(only);
        return WD_EXIT_USAGE;
    }
    /* capstone first: without it --native has nothing to show */
    if (native && !wd_dis_native_init()) {
        free(only);
        return WD_EXIT_ERROR;
    }
    wd_cli_debug dbg;
    if (!wd_cli_debug_open(&dbg, path, false, true, native ? WD_TIER_JIT : WD_TIER_INTERP)) {
        free(only);
        return WD_EXIT_ERROR;
    }
    if (dbg.dw) {
        for (int i = 0; i < nsrcdirs; i++)
            wd_dwarf_add_source_dir(dbg.dw, srcdirs[i]);
        for (int i = 0; i < nsubst; i++)
            wd_dwarf_add_substitution(dbg.dw, subst[i][0], subst[i][1]);
    }
    const wd_module *m = dbg.m;
    uint32_t nf = wd_module_func_count(m);
    uint64_t base = wd_module_code_section_offset(m);
    int rc = WD_EXIT_OK;
    bool *show = calloc(nf ? nf : 1, sizeof *show);
    uint64_t *entries = calloc(nf ? nf : 1, sizeof *entries);
    if (!show || !entries) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        rc = WD_EXIT_ERROR;
        goto out;
    }
    /* the first body entry follows the Code section's function count */
    uint64_t entry = base + leb_len(dbg.bytes + base, dbg.size > base ? dbg.size - base : 0);
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (s == 0 && e == 0)
            continue;   /* import */
        entries[i] = entry;
        entry = e;
    }
    for (int k = 0; k < nonly; k++) {
        if (!select_func(&dbg, only[k], entries, show)) {
            fprintf(stderr, "wasmdbg: disasm: no function '%s' in %s\n", only[k], path);
            rc = WD_EXIT_ERROR;
            goto out;
        }
    }
    for (uint32_t i = 0; i < nf && nonly; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (show[i] && s == 0 && e == 0) {
            const char *name = wd_module_func_name(m, i);
            fprintf(stderr, "wasmdbg: disasm: func[%u] <%s> is an import: it has no code\n", i,
                    name ? name : "?");
            rc = WD_EXIT_ERROR;
        }
    }
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if ((s == 0 && e == 0) || (nonly && !show[i]))
            continue;   /* an import, or not asked for */
        if (!native)
            disasm_func(&dbg, i, entries[i], source);
        else if (!wd_dis_native(&dbg, i, source))
            rc = WD_EXIT_ERROR;
    }
out:
    if (native)
        wd_dis_native_done();
    free(show);
    free(entries);
    free(only);
    wd_cli_debug_close(&dbg);
    return rc;
}
