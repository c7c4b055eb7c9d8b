/* trap.c: what `wasmdbg run` prints when the guest traps (see cli.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "wd_dwarf.h"

/* " at FILE:LINE[:COL]" when the frame has a line */
static void print_loc(FILE *out, const wd_dw_frame *f)
{
    if (!f->file || !f->file[0] || !f->line)
        return;
    fprintf(out, " at %s:%" PRIu32, f->file, f->line);
    if (f->column)
        fprintf(out, ":%" PRIu32, f->column);
}

/* "#N" in a column of four, and a blank after it however long N is */
static void print_index(FILE *out, uint32_t d)
{
    char idx[16];
    snprintf(idx, sizeof idx, "#%" PRIu32, d);
    fprintf(out, "%-4s", idx);
    if (idx[3] != '\0')
        fputc(' ', out);
}

/* A runaway recursion leaves thousands of frames: the innermost and the outermost ones
 * say where it recursed and from where; the middle is counted, not printed. */
enum { BT_HEAD = 20, BT_TAIL = 10 };

int wd_cli_report_trap(wd_exec *x, const wd_module *m)
{
    const char *msg = wd_exec_trap_message(x);
    fprintf(stderr, "wasmdbg: trap: %s\n", msg ? msg : wd_trap_message(wd_exec_trap(x)));
    /* DWARF is opened only now: a run that does not trap never pays for it */
    wd_dwarf *dw = NULL;
    if (m) {
        wd_error e;
        wd_error_clear(&e);
        dw = wd_dwarf_open(m, NULL, NULL, &e);
    }
    uint64_t code_off = m ? wd_module_code_section_offset(m) : 0;
    uint32_t n = wd_exec_frame_count(x);
    for (uint32_t d = 0; d < n; d++) {
        if (n > BT_HEAD + BT_TAIL + 1 && d == BT_HEAD) {
            fprintf(stderr, "    ... %" PRIu32 " frames not shown ...\n", n - BT_HEAD - BT_TAIL);
            d = n - BT_TAIL - 1;
            continue;
        }
        wd_frame_info fi;
        if (!wd_exec_frame(x, d, &fi))
            break;
        if (!fi.instance) {
            print_index(stderr, d);
            fprintf(stderr, "%s (host)\n", fi.func_name ? fi.func_name : "host");
            continue;
        }
        const wd_module *fm = wd_instance_module(fi.instance);
        wd_dw_frame fr[32];
        size_t k = 0;
        if (dw && fm == m && fi.offset >= code_off && fi.offset - code_off <= UINT32_MAX) {
            k = wd_dwarf_symbolize(dw, (uint32_t)(fi.offset - code_off), false, fr, 32);
            if (k > 32)
                k = 32;
        }
        /* one group per wasm frame, numbered on its first line: its inlined frames first
         * (innermost first, as gdb lists them), then the function itself */
        for (size_t j = 0; j + 1 < k; j++) {
            if (j == 0)
                print_index(stderr, d);
            else
                fputs("    ", stderr);
            fprintf(stderr, "%s [inlined]", fr[j].function ? fr[j].function : "??");
            print_loc(stderr, &fr[j]);
            fputc('\n', stderr);
        }
        uint64_t body, body_end;
        wd_module_func_range(fm, fi.funcidx, &body, &body_end);
        if (k > 1)
            fputs("    ", stderr);
        else
            print_index(stderr, d);
        if (fi.func_name)
            fputs(fi.func_name, stderr);
        else
            fprintf(stderr, "func[%" PRIu32 "]", fi.funcidx);
        fprintf(stderr, "+0x%" PRIx64 " (offset 0x%" PRIx64 ")", fi.offset - body, fi.offset);
        if (k)
            print_loc(stderr, &fr[k - 1]);
        fputc('\n', stderr);
    }
    wd_dwarf_close(dw);
    return WD_EXIT_TRAP;
}
