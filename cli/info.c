/* info.c: `wasmdbg info MODULE [--units]`
 *
 * Prints a module's sections (file offsets and sizes), imports, exports, defined functions
 * (index, name, type, Code-section range), memories, and a summary of its DWARF: units by
 * version, functions, inlined instances, line rows and source files. --units lists every
 * compilation unit as well.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wasmdis.h"

static const char *section_name(unsigned id)
{
    static const char *const names[] = {"custom", "type",   "import", "function", "table",
                                        "memory", "global", "export", "start",    "element",
                                        "code",   "data",   "datacount"};
    if (id < sizeof names / sizeof names[0])
        return names[id];
    return id == 13 ? "tag" : "unknown";
}

static bool rd_uleb(const uint8_t *b, size_t size, size_t *pos, uint64_t *out)
{
    uint64_t v = 0;
    unsigned sh = 0;
    while (*pos < size && sh < 64) {
        uint8_t c = b[(*pos)++];
        v |= (uint64_t)(c & 0x7f) << sh;
        sh += 7;
        if (!(c & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

static void print_type(const wd_functype *t)
{
    putchar('(');
    for (uint32_t i = 0; i < t->nparams; i++)
        printf("%s%s", i ? ", " : "", wd_valtype_name(t->params[i]));
    printf(") -> (");
    for (uint32_t i = 0; i < t->nresults; i++)
        printf("%s%s", i ? ", " : "", wd_valtype_name(t->results[i]));
    putchar(')');
}

static const char *kind_name(wd_externkind k)
{
    switch (k) {
    case WD_EXTERN_FUNC: return "func";
    case WD_EXTERN_TABLE: return "table";
    case WD_EXTERN_MEMORY: return "memory";
    case WD_EXTERN_GLOBAL: return "global";
    }
    return "?";
}

static void print_limits(const char *what, uint32_t idx, uint64_t min, bool has_max, uint64_t max,
                         const char *note)
{
    printf("  %s[%u] min %llu pages", what, idx, (unsigned long long)min);
    if (has_max)
        printf(", max %llu", (unsigned long long)max);
    printf("%s\n", note);
}

static void sections(const wd_cli_debug *dbg)
{
    const uint8_t *b = dbg->bytes;
    size_t size = dbg->size, pos = 8;
    printf("sections:\n");
    uint32_t nmem = 0;
    for (uint32_t i = 0; i < wd_module_import_count(dbg->m); i++) {
        wd_import_desc d;
        wd_module_import(dbg->m, i, &d);
        if (d.kind == WD_EXTERN_MEMORY)
            nmem++;
    }
    char memtext[1024] = "";
    size_t mt = 0;
    while (pos < size) {
        unsigned id = b[pos++];
        uint64_t len;
        if (!rd_uleb(b, size, &pos, &len) || len > size - pos) {
            printf("  <truncated section at 0x%zx>\n", pos);
            break;
        }
        size_t start = pos;
        if (id == 0) {
            uint64_t nl;
            size_t p = pos;
            if (rd_uleb(b, size, &p, &nl) && nl <= start + len - p)
                printf("  %-9s \"%.*s\"%*s offset 0x%08zx size %llu\n", "custom", (int)nl,
                       (const char *)b + p, nl < 24 ? (int)(24 - nl) : 0, "", start,
                       (unsigned long long)len);
        } else {
            printf("  %-9s %26s offset 0x%08zx size %llu\n", section_name(id), "", start,
                   (unsigned long long)len);
        }
        if (id == 5) {   /* memory: limits of each defined memory */
            size_t p = pos;
            uint64_t n;
            if (rd_uleb(b, start + len, &p, &n))
                for (uint64_t k = 0; k < n && p < start + len; k++) {
                    uint8_t flags = b[p++];
                    uint64_t min = 0, max = 0;
                    if (!rd_uleb(b, start + len, &p, &min) ||
                        ((flags & 1) && !rd_uleb(b, start + len, &p, &max)))
                        break;
                    char maxs[32] = "";
                    if (flags & 1)
                        snprintf(maxs, sizeof maxs, ", max %llu", (unsigned long long)max);
                    int w = snprintf(memtext + mt, sizeof memtext - mt,
                                     "  memory[%u] min %llu pages%s%s\n", nmem + (uint32_t)k,
                                     (unsigned long long)min, maxs, flags & 2 ? " shared" : "");
                    if (w > 0 && (size_t)w < sizeof memtext - mt)
                        mt += (size_t)w;
                }
        }
        pos = start + len;
    }
    printf("memories:\n");
    uint32_t mi = 0;
    for (uint32_t i = 0; i < wd_module_import_count(dbg->m); i++) {
        wd_import_desc d;
        wd_module_import(dbg->m, i, &d);
        if (d.kind == WD_EXTERN_MEMORY) {
            char note[256];
            snprintf(note, sizeof note, " (imported from %s.%s)", d.module, d.name);
            print_limits("memory", mi++, d.limits.min, d.limits.has_max, d.limits.max, note);
        }
    }
    fputs(memtext, stdout);
}

int wd_cli_info(int argc, char **argv)
{
    const char *path = NULL;
    bool units = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--units") == 0)
            units = true;
        else if (argv[i][0] == '-' || path) {
            fprintf(stderr, "usage: wasmdbg info MODULE [--units]\n");
            return WD_EXIT_USAGE;
        } else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: wasmdbg info MODULE [--units]\n");
        return WD_EXIT_USAGE;
    }
    wd_cli_debug dbg;
    if (!wd_cli_debug_open(&dbg, path, false, true, WD_TIER_INTERP))
        return WD_EXIT_ERROR;
    const wd_module *m = dbg.m;
    printf("module: %s (%zu bytes)\n", path, dbg.size);
    sections(&dbg);

    uint32_t ni = wd_module_import_count(m);
    printf("imports (%u):\n", ni);
    for (uint32_t i = 0; i < ni; i++) {
        wd_import_desc d;
        wd_module_import(m, i, &d);
        printf("  %-6s %s.%s", kind_name(d.kind), d.module, d.name);
        if (d.kind == WD_EXTERN_FUNC) {
            putchar(' ');
            print_type(&d.func);
        } else if (d.kind == WD_EXTERN_GLOBAL)
            printf(" %s%s", d.global_mutable ? "mut " : "", wd_valtype_name(d.global_type));
        putchar('\n');
    }
    uint32_t ne = wd_module_export_count(m);
    printf("exports (%u):\n", ne);
    for (uint32_t i = 0; i < ne; i++) {
        wd_export_desc d;
        wd_module_export(m, i, &d);
        printf("  %-6s \"%s\" -> %s[%u]\n", kind_name(d.kind), d.name, kind_name(d.kind), d.index);
    }
    uint32_t nf = wd_module_func_count(m), ndef = 0;
    uint64_t base = wd_module_code_section_offset(m);
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (s || e)
            ndef++;
    }
    printf("functions (%u defined, %u imported; code offsets relative to the Code section at "
           "0x%llx):\n",
           ndef, nf - ndef, (unsigned long long)base);
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (!s && !e)
            continue;
        const char *name = wd_module_func_name(m, i);
        printf("  [%u] %s ", i, name ? name : "?");
        wd_functype t = wd_module_func_type(m, i);
        print_type(&t);
        printf("  code 0x%08llx..0x%08llx\n", (unsigned long long)(s - base),
               (unsigned long long)(e - base));
    }
    if (!dbg.dw) {
        printf("DWARF: none\n");
    } else {
        wd_dwarf_summary sum;
        wd_dwarf_summarize(dbg.dw, true, &sum);
        printf("DWARF: %u units", sum.units);
        bool first = true;
        for (int v = 2; v <= 5; v++)
            if (sum.units_v[v]) {
                printf("%sversion %d: %u", first ? " (" : ", ", v, sum.units_v[v]);
                first = false;
            }
        printf("%s, %llu bytes in .debug_* sections\n", first ? "" : ")",
               (unsigned long long)sum.debug_bytes);
        printf("  %u functions with code, %u inlined instances, %u line rows, %u source files\n",
               sum.functions, sum.inlined, sum.line_rows, sum.files);
        uint32_t nu = wd_dwarf_unit_count(dbg.dw);
        for (uint32_t i = 0; i < nu && units; i++) {
            wd_dwarf_unit_info u;
            if (!wd_dwarf_unit(dbg.dw, i, &u))
                continue;
            printf("  unit 0x%08llx DWARF %u %s (comp_dir %s; %s)\n", (unsigned long long)u.offset,
                   u.version, u.name ? u.name : "?", u.comp_dir ? u.comp_dir : "?",
                   u.producer ? u.producer : "?");
        }
    }
    wd_cli_debug_close(&dbg);
    return WD_EXIT_OK;
}
