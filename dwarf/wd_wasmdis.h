/* wd_wasmdis.h: a WebAssembly instruction decoder for display (disassembly).
 *
 * Decodes instruction bytes with the opcode table core/opcodes.def (used as a data
 * table only) into text in the spirit of the text format: "i32.load offset=12 align=4",
 * "call 5", "br_if 1". Validation is not its business: it only needs the bytes to be
 * well-formed enough to find each instruction's length.
 */
#ifndef WD_WASMDIS_H
#define WD_WASMDIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wd_wasm_insn {
    uint32_t len;        /* bytes of the instruction, immediates included */
    uint16_t opcode;     /* byte, or prefix << 8 | sub-opcode for 0xFC/0xFD (sub < 256) */
    int depth_change;    /* +1 block/loop/if, -1 end, 0 else/others (else: -1 then +1) */
    bool is_else;
    char text[200];      /* mnemonic and immediates */
} wd_wasm_insn;

/* Decodes one instruction at p (avail bytes readable). Returns false (with
 * text "<bad: ...>" and len 1) if it does not decode. */
bool wd_wasm_decode(const uint8_t *p, size_t avail, wd_wasm_insn *out);

/* Decodes a function body's local declarations at p (the byte after the body size):
 * writes "local[0..3] i32, local[4] f64" style text (first_local = number of params) and
 * returns their byte length, or 0 when malformed. */
size_t wd_wasm_locals(const uint8_t *p, size_t avail, uint32_t first_local, char *text,
                      size_t size);

#endif
