/* disasm.c: `wasmdbg disasm MODULE [FUNCTION] [--source] [--source-dir DIR]
 *                                   [--substitute-path FROM TO]`
 *
 * Disassembles every function body (or FUNCTION: a DWARF or name-section name, or an index)
 * with our own decoder (wd_wasmdis.h). Each instruction line shows its Code-section offset
 * (the addresses DWARF uses), its bytes and its text, indented by block depth:
 *
 *   func[3] <fact>: code 0x00000002..0x00000036
 *    000002: 05 7f                    | local[1..5] i32
 *    00000f: 41 01                    | i32.const 1
 *
 * With --source, a "; FILE:LINE" line and the source text are printed whenever the line
 * table's line changes (inlined code shows the inlined function's file and line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wasmdis.h"
#include "wd_wasmdis.h"

typedef struct dis_opts {
    bool source;
    const char *only;
} dis_opts;

static size_t leb_len(const uint8_t *p, size_t avail)
{
    size_t i = 0;
    while (i < avail && i < 10 && (p[i] & 0x80))
        i++;
    return i < avail ? i + 1 : 0;
}

static void print_bytes(const uint8_t *p, uint32_t n)
{
    char hex[64];
    size_t used = 0;
    for (uint32_t i = 0; i < n && used + 4 < sizeof hex; i++) {
        if (i == 8 && n > 9) {
            used += (size_t)snprintf(hex + used, sizeof hex - used, "..");
            break;
        }
        used += (size_t)snprintf(hex + used, sizeof hex - used, "%02x ", p[i]);
    }
    hex[used] = '\0';
    printf("%-25s| ", hex);
}

static void disasm_func(wd_cli_debug *dbg, uint32_t idx, uint64_t entry, const dis_opts *o)
{
    const wd_module *m = dbg->m;
    uint64_t base = wd_module_code_section_offset(m);
    uint64_t start, end;
    wd_module_func_range(m, idx, &start, &end);
    if (end > dbg->size || start > end || entry > start)
        return;
    const char *name = NULL;
    if (dbg->dw) {   /* the outermost frame: the innermost may be inlined code */
        wd_dw_frame frames[16];
        size_t n = wd_dwarf_symbolize(dbg->dw, (uint32_t)(start - base), false, frames, 16);
        if (n > 0 && n <= 16 && frames[n - 1].function)
            name = frames[n - 1].function;
    }
    if (!name)
        name = wd_module_func_name(m, idx);
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
        print_bytes(p + sl, (uint32_t)(ll ? ll : start - entry - sl));
        printf("%s\n", ll ? (locals[0] ? locals : "(no locals)") : "<bad locals>");
    }
    const char *last_file = NULL;
    uint32_t last_line = 0;
    int depth = 1;
    for (uint64_t off = start; off < end;) {
        uint32_t addr = (uint32_t)(off - base);
        if (o->source && dbg->dw) {
            wd_dw_row row;
            if (wd_dwarf_line_at(dbg->dw, addr, &row) && row.line &&
                (row.line != last_line || !last_file || strcmp(row.file, last_file) != 0)) {
                char src[512];
                printf("; %s:%u\n", row.file && *row.file ? row.file : "??", row.line);
                if (wd_dwarf_source_line(dbg->dw, row.file, row.line, src, sizeof src))
                    printf(";%6u  %s\n", row.line, src);
                last_file = row.file;
                last_line = row.line;
            }
        }
        wd_wasm_insn in;
        bool ok = wd_wasm_decode(dbg->bytes + off, (size_t)(end - off), &in);
        if (in.is_else || in.depth_change < 0)
            depth--;
        if (depth < 0)
            depth = 0;
        printf(" %06x: ", addr);
        print_bytes(dbg->bytes + off, in.len);
        printf("%*s%s\n", 2 * (depth > 0 ? depth - 1 : 0), "", in.text);
        if (in.is_else || in.depth_change > 0)
            depth++;
        off += in.len ? in.len : 1;
        if (!ok && !in.len)
            break;
    }
    putchar('\n');
}

int wd_cli_disasm(int argc, char **argv)
{
    dis_opts o;
    memset(&o, 0, sizeof o);
    const char *path = NULL;
    const char *srcdirs[16];
    int nsrcdirs = 0;
    const char *subst[16][2];
    int nsubst = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--source") == 0 || strcmp(argv[i], "-S") == 0)
            o.source = true;
        else if (strcmp(argv[i], "--source-dir") == 0 && i + 1 < argc && nsrcdirs < 16) {
            srcdirs[nsrcdirs++] = argv[++i];
            o.source = true;
        } else if (strcmp(argv[i], "--substitute-path") == 0 && i + 2 < argc && nsubst < 16) {
            subst[nsubst][0] = argv[i + 1];
            subst[nsubst][1] = argv[i + 2];
            nsubst++;
            i += 2;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "usage: wasmdbg disasm MODULE [FUNCTION] [--source] "
                            "[--source-dir DIR] [--substitute-path FROM TO]\n");
            return WD_EXIT_USAGE;
        } else if (!path)
            path = argv[i];
        else if (!o.only)
            o.only = argv[i];
        else {
            fprintf(stderr, "usage: wasmdbg disasm MODULE [FUNCTION] [--source]\n");
            return WD_EXIT_USAGE;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: wasmdbg disasm MODULE [FUNCTION] [--source]\n");
        return WD_EXIT_USAGE;
    }
    wd_cli_debug dbg;
    if (!wd_cli_debug_open(&dbg, path, false, true))
        return WD_EXIT_ERROR;
    if (dbg.dw) {
        for (int i = 0; i < nsrcdirs; i++)
            wd_dwarf_add_source_dir(dbg.dw, srcdirs[i]);
        for (int i = 0; i < nsubst; i++)
            wd_dwarf_add_substitution(dbg.dw, subst[i][0], subst[i][1]);
    }
    const wd_module *m = dbg.m;
    uint32_t nf = wd_module_func_count(m);
    uint64_t base = wd_module_code_section_offset(m);
    /* the first body entry follows the Code section's function count */
    uint64_t entry = base + leb_len(dbg.bytes + base, dbg.size > base ? dbg.size - base : 0);
    uint32_t want = UINT32_MAX;
    wd_dw_func f;
    bool by_dwarf = false;
    if (o.only) {
        uint64_t v;
        if (wd_cli_parse_u64(o.only, &v) && v < nf)
            want = (uint32_t)v;
        for (uint32_t i = 0; i < nf && want == UINT32_MAX; i++) {
            const char *n = wd_module_func_name(m, i);
            if (n && strcmp(n, o.only) == 0)
                want = i;
        }
        if (want == UINT32_MAX)
            by_dwarf = dbg.dw && wd_dwarf_find_func(dbg.dw, o.only, &f);
        if (want == UINT32_MAX && !by_dwarf) {
            fprintf(stderr, "wasmdbg: disasm: no function '%s' in %s\n", o.only, path);
            wd_cli_debug_close(&dbg);
            return WD_EXIT_ERROR;
        }
    }
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (s == 0 && e == 0)
            continue;   /* import */
        bool show = !o.only || want == i ||
                    (by_dwarf && base + f.low_pc >= entry && base + f.low_pc < e);
        if (show)
            disasm_func(&dbg, i, entry, &o);
        entry = e;
    }
    wd_cli_debug_close(&dbg);
    return WD_EXIT_OK;
}
