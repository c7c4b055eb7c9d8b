/* symbolize.c: `wasmdbg symbolize [OPTIONS] MODULE [OFFSET...]`
 *
 * Prints, for each offset, what llvm-symbolizer prints for it: per frame (inlined frames
 * innermost first) a function line and a FILE:LINE:COLUMN line, then a blank line. "??"
 * stands for what is unknown. Offsets are relative to the Code section's contents, as in
 * DWARF and llvm-symbolizer (--file-offsets takes file offsets instead). Without offsets
 * on the command line they are read from standard input, one per line.
 *
 *   --json           one JSON array, llvm-symbolizer --output-style=JSON's layout
 *   --no-inlines     only frame 0 (the innermost function at the line table's location)
 *   --dwarf-only     no name-section fallback for code without DWARF (llvm-symbolizer's
 *                    behaviour, used by the tests)
 *   --file-offsets   OFFSETs are file offsets
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wasmdis.h"

typedef struct sym_opts {
    bool json, inlines, name_fallback, file_offsets;
    const char *module_name;
    bool first_json;
} sym_opts;

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void symbolize_one(wd_cli_debug *dbg, const char *text, sym_opts *o, FILE *out)
{
    uint64_t v = 0;
    bool ok = wd_cli_parse_u64(text, &v);
    uint64_t base = wd_module_code_section_offset(dbg->m);
    if (ok && o->file_offsets) {
        if (v < base)
            ok = false;
        else
            v -= base;
    }
    wd_dw_frame frames[64];
    size_t n = 0;
    if (ok && v <= 0xffffffffu && dbg->dw)
        n = wd_dwarf_symbolize(dbg->dw, (uint32_t)v, o->name_fallback, frames, 64);
    else if (ok && v <= 0xffffffffu && o->name_fallback) {
        /* no DWARF at all: the name section still names functions */
        uint32_t nf = wd_module_func_count(dbg->m);
        for (uint32_t i = 0; i < nf; i++) {
            uint64_t s, e;
            wd_module_func_range(dbg->m, i, &s, &e);
            if (s && base + v >= s && base + v < e) {
                memset(&frames[0], 0, sizeof frames[0]);
                frames[0].function = wd_module_func_name(dbg->m, i);
                frames[0].file = "";
                n = frames[0].function ? 1 : 0;
                break;
            }
        }
    }
    if (n > 64)
        n = 64;
    if (n > 1 && !o->inlines)
        n = 1;
    if (o->json) {
        fputs(o->first_json ? "[" : ",", out);
        o->first_json = false;
        fputs("{\"Address\":", out);
        if (ok) {
            char a[32];
            snprintf(a, sizeof a, "0x%llx", (unsigned long long)v);
            json_str(out, a);
        } else
            json_str(out, text);
        fputs(",\"ModuleName\":", out);
        json_str(out, o->module_name);
        fputs(",\"Symbol\":[", out);
        if (n == 0)
            fputs("{\"Column\":0,\"Discriminator\":0,\"FileName\":\"\",\"FunctionName\":\"\","
                  "\"Line\":0,\"StartAddress\":\"\",\"StartFileName\":\"\",\"StartLine\":0}",
                  out);
        for (size_t i = 0; i < n; i++) {
            const wd_dw_frame *f = &frames[i];
            char sa[32] = "";
            if (f->low_pc && !f->from_name_section)
                snprintf(sa, sizeof sa, "0x%x", f->low_pc);
            fprintf(out, "%s{\"Column\":%u,\"Discriminator\":%u,\"FileName\":", i ? "," : "",
                    f->column, f->discriminator);
            json_str(out, f->file);
            fputs(",\"FunctionName\":", out);
            json_str(out, f->function);
            fprintf(out, ",\"Line\":%u,\"StartAddress\":", f->line);
            json_str(out, sa);
            fputs(",\"StartFileName\":", out);
            json_str(out, f->decl_file);
            fprintf(out, ",\"StartLine\":%u}", f->decl_line);
        }
        fputs("]}", out);
        return;
    }
    if (!ok) {
        /* llvm-symbolizer echoes input it cannot parse */
        fprintf(out, "%s\n\n", text);
        return;
    }
    if (n == 0) {
        fputs("??\n??:0:0\n\n", out);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const wd_dw_frame *f = &frames[i];
        fprintf(out, "%s\n%s:%u:%u\n", f->function ? f->function : "??",
                f->file && *f->file ? f->file : "??", f->line, f->column);
    }
    fputc('\n', out);
}

static int usage(void)
{
    fprintf(stderr, "usage: wasmdbg symbolize [--json] [--no-inlines] [--dwarf-only] "
                    "[--file-offsets] MODULE [OFFSET...]\n");
    return WD_EXIT_USAGE;
}

int wd_cli_symbolize(int argc, char **argv)
{
    sym_opts o;
    memset(&o, 0, sizeof o);
    o.inlines = true;
    o.name_fallback = true;
    o.first_json = true;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--output-style=JSON") == 0)
            o.json = true;
        else if (strcmp(argv[i], "--no-inlines") == 0)
            o.inlines = false;
        else if (strcmp(argv[i], "--inlines") == 0)
            o.inlines = true;
        else if (strcmp(argv[i], "--dwarf-only") == 0)
            o.name_fallback = false;
        else if (strcmp(argv[i], "--file-offsets") == 0)
            o.file_offsets = true;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            return usage();
    }
    if (i >= argc)
        return usage();
    const char *path = argv[i++];
    wd_cli_debug dbg;
    if (!wd_cli_debug_open(&dbg, path, false, false, WD_TIER_INTERP))
        return WD_EXIT_ERROR;
    o.module_name = path;
    if (i < argc) {
        for (; i < argc; i++)
            symbolize_one(&dbg, argv[i], &o, stdout);
    } else {
        char line[256];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\r\n")] = '\0';
            char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            if (!*p)
                continue;
            symbolize_one(&dbg, p, &o, stdout);
            if (!o.json)
                fflush(stdout);
        }
    }
    if (o.json)
        fputs(o.first_json ? "[]\n" : "]\n", stdout);
    wd_cli_debug_close(&dbg);
    return WD_EXIT_OK;
}
