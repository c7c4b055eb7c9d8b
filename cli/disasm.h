/* disasm.h: what `wasmdbg disasm` (disasm.c: the wasm instructions) and `disasm --native`
 * (disasm_native.c: the JIT tier's x86-64 code of each, through capstone) share. Both print
 * a wasm instruction the same way, so their offsets and text can be compared line by line.
 */
#ifndef WD_CLI_DISASM_H
#define WD_CLI_DISASM_H

#include <stdbool.h>
#include <stdint.h>

#include "wasmdis.h"

/* One wasm instruction of a function body. */
typedef struct wd_dis_insn {
    uint64_t off;       /* file offset */
    uint32_t len;
    int depth;          /* indentation: blocks open around it (0: the function's own level) */
} wd_dis_insn;

/* A function body's instructions, in order. */
typedef struct wd_dis_body {
    wd_dis_insn *v;     /* malloc'ed; wd_dis_body_free */
    size_t n;
    uint64_t end;       /* file offset after the body */
} wd_dis_body;

/* Decodes the instructions of defined function idx (dbg kept the module's bytes). False
 * (nothing allocated) when its range is not inside the file, or on OOM. */
bool wd_dis_body_decode(const wd_cli_debug *dbg, uint32_t idx, wd_dis_body *out);
void wd_dis_body_free(wd_dis_body *b);
/* Index of the instruction at file offset off, or SIZE_MAX. */
size_t wd_dis_body_find(const wd_dis_body *b, uint64_t off);

/* " 00002a: 6a                       | i32.add": Code-section offset, bytes, indented text. */
void wd_dis_print_insn(const wd_cli_debug *dbg, const wd_dis_body *b, size_t i);
/* The bytes column: n bytes in hex, or the first `full` and ".." when there are more than
 * full + 1, padded to `full` bytes, then "| ". Wasm instructions show 8, x86 ones 11 (a
 * movabs and a memory operand with an imm32 are 10 and 11). */
#define WD_DIS_WASM_BYTES 8
#define WD_DIS_X86_BYTES 11
void wd_dis_print_bytes(const uint8_t *p, uint32_t n, uint32_t full);

/* The last source line printed (--source), so a line is printed only when it changes. */
typedef struct wd_dis_src {
    const char *file;
    uint32_t line;
} wd_dis_src;
/* Prints "; FILE:LINE" and the source text if the line table's line at Code offset addr
 * is not *last (and there is DWARF). */
void wd_dis_print_source(wd_cli_debug *dbg, uint32_t addr, wd_dis_src *last);

/* The name shown in a function's header: the DWARF subprogram (the outermost frame: the
 * first instructions may be inlined code), else the name section's or an export's, or NULL. */
const char *wd_dis_func_name(const wd_cli_debug *dbg, uint32_t idx);

/* disasm --native: loads capstone (printing why not, naming the library, on failure) and
 * sets up an x86-64 disassembler; wd_dis_native_done releases it. */
bool wd_dis_native_init(void);
void wd_dis_native_done(void);
/* disasm --native: prints the JIT code of function idx (dbg loaded with WD_TIER_JIT),
 * grouped under the wasm instructions it comes from. False, with the reason printed on
 * stderr, when capstone cannot be loaded or the function has no machine code. */
bool wd_dis_native(wd_cli_debug *dbg, uint32_t idx, bool source);

#endif
