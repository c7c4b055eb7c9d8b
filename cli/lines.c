/* lines.c: `wasmdbg lines MODULE [FILE] [--line N]`
 *
 * Prints the DWARF line table, one row per line, in the order of the line programs:
 *
 *   0x00000002 /src/t.c:5:0 is_stmt
 *   0x0000000f /src/t.c:5:54 is_stmt prologue_end
 *   0x00000036 end_sequence
 *
 * Addresses are Code-section offsets (as llvm-dwarfdump --debug-line prints them). With
 * FILE only the rows of files whose path is FILE or ends with "/FILE" are printed. With
 * --line N (FILE required) it prints instead the breakpoint addresses of that line: every
 * statement start, inlined copies included, one per line ("line 7 -> 0x00000040").
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "wasmdis.h"

typedef struct row_out {
    FILE *out;
    size_t rows;
} row_out;

static bool print_row(void *user, const wd_dw_row *r)
{
    row_out *ro = user;
    FILE *out = ro->out;
    ro->rows++;
    if (r->flags & WD_DW_ROW_END_SEQUENCE) {
        fprintf(out, "0x%08x end_sequence\n", r->addr);
        return true;
    }
    fprintf(out, "0x%08x %s:%u:%u", r->addr, r->file && *r->file ? r->file : "??", r->line,
            r->column);
    if (r->flags & WD_DW_ROW_STMT)
        fputs(" is_stmt", out);
    if (r->flags & WD_DW_ROW_BASIC_BLOCK)
        fputs(" basic_block", out);
    if (r->flags & WD_DW_ROW_PROLOGUE_END)
        fputs(" prologue_end", out);
    if (r->flags & WD_DW_ROW_EPILOGUE_BEGIN)
        fputs(" epilogue_begin", out);
    if (r->discriminator)
        fprintf(out, " discriminator=%u", r->discriminator);
    fputc('\n', out);
    return true;
}

int wd_cli_lines(int argc, char **argv)
{
    const char *path = NULL, *file = NULL;
    uint64_t line = 0;
    bool by_line = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--line") == 0 && i + 1 < argc) {
            if (!wd_cli_parse_u64(argv[++i], &line) || line == 0 || line > UINT32_MAX) {
                fprintf(stderr, "wasmdbg: lines: bad line number '%s'\n", argv[i]);
                return WD_EXIT_USAGE;
            }
            by_line = true;
        } else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "usage: wasmdbg lines MODULE [FILE] [--line N]\n");
            return WD_EXIT_USAGE;
        } else if (!path)
            path = argv[i];
        else if (!file)
            file = argv[i];
        else {
            fprintf(stderr, "usage: wasmdbg lines MODULE [FILE] [--line N]\n");
            return WD_EXIT_USAGE;
        }
    }
    if (!path || (by_line && !file)) {
        fprintf(stderr, "usage: wasmdbg lines MODULE [FILE] [--line N]\n");
        return WD_EXIT_USAGE;
    }
    wd_cli_debug dbg;
    if (!wd_cli_debug_open(&dbg, path, true, false, WD_TIER_INTERP))
        return WD_EXIT_ERROR;
    int rc = WD_EXIT_OK;
    if (!dbg.dw) {
        rc = WD_EXIT_ERROR;
    } else if (by_line) {
        uint32_t addrs[4096], used = 0;
        size_t n = wd_dwarf_line_addrs(dbg.dw, file, (uint32_t)line, addrs, 4096, &used);
        if (n == 0) {
            fprintf(stderr, "wasmdbg: no code for %s:%llu\n", file, (unsigned long long)line);
            rc = WD_EXIT_ERROR;
        }
        for (size_t i = 0; i < n && i < 4096; i++)
            printf("line %u -> 0x%08x\n", used, addrs[i]);
    } else {
        row_out ro = {stdout, 0};
        wd_dwarf_each_row(dbg.dw, file, print_row, &ro);
        if (file && ro.rows == 0) {   /* a typo must not look like a file without code */
            fprintf(stderr, "wasmdbg: lines: no line-table rows for '%s' in %s\n", file, path);
            rc = WD_EXIT_ERROR;
        }
    }
    wd_cli_debug_close(&dbg);
    return rc;
}
