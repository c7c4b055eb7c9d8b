/* insn.h: decoding one instruction (opcode + immediates) from a function
 * body or constant expression. The validator, the compiler and the
 * disassembler all walk code through wd_insn_read(), so immediates are
 * decoded in one place. */
#ifndef WD_INSN_H
#define WD_INSN_H

#include "wd.h"
#include "reader.h"

typedef enum wd_opid {
#define OP(ID, name, prefix, code, imm, sig, kind, membytes) WD_OP_##ID,
#include "opcodes.def"
    WD_OP__COUNT
} wd_opid;

typedef enum wd_immkind {
    IMM_NONE, IMM_BLOCKTYPE, IMM_LABEL, IMM_BR_TABLE, IMM_FUNC, IMM_CALL_INDIRECT,
    IMM_LOCAL, IMM_GLOBAL, IMM_TABLE, IMM_TABLE_INIT, IMM_TABLE_COPY, IMM_ELEM,
    IMM_MEMARG, IMM_MEM, IMM_MEM_INIT, IMM_MEM_COPY, IMM_DATA, IMM_I32, IMM_I64,
    IMM_F32, IMM_F64, IMM_V128, IMM_LANE, IMM_MEMARG_LANE, IMM_SHUFFLE,
    IMM_SELECT_T, IMM_REFTYPE,
} wd_immkind;

typedef enum wd_opkind { K_PURE, K_TRAP, K_LOAD, K_STORE, K_CONST, K_SPECIAL } wd_opkind;

/* Static facts about an opcode, from opcodes.def. */
typedef struct wd_opinfo {
    const char *name;      /* text format name */
    uint8_t prefix;        /* 0, 0xFC or 0xFD */
    uint32_t code;
    wd_immkind imm;
    wd_opkind kind;
    uint8_t membytes;
    const char *sig;       /* "ii_i", or "x" for special ops */
} wd_opinfo;

extern const wd_opinfo wd_opinfo_table[WD_OP__COUNT];

/* Block type as read (s33): WD_BLOCK_EMPTY, a negative value type code
 * (e.g. -1 for i32, i.e. 0x7F as a signed 7-bit value), or a type index >= 0. */
#define WD_BLOCK_EMPTY (-64)

typedef struct wd_insn {
    wd_opid op;
    uint64_t offset;        /* file offset of the opcode's first byte */
    uint32_t len;           /* bytes of opcode + immediates */
    union {
        int64_t blocktype;                         /* IMM_BLOCKTYPE */
        uint32_t idx;                              /* LABEL FUNC LOCAL GLOBAL TABLE ELEM MEM DATA */
        struct { uint32_t typeidx, table; } ci;    /* IMM_CALL_INDIRECT */
        struct { uint32_t count;                   /* targets, default excluded */
                 const uint8_t *targets; } brt;    /* IMM_BR_TABLE: LEB vector, then default */
        struct { uint32_t align, mem;              /* align as log2, memidx (0 unless multi-memory) */
                 uint64_t offset; uint8_t lane; } mem; /* IMM_MEMARG, IMM_MEMARG_LANE */
        struct { uint32_t a, b; } two;             /* TABLE_INIT(elem, table) TABLE_COPY(dst, src)
                                                      MEM_INIT(data, mem) MEM_COPY(dst, src) */
        uint32_t i32;                              /* IMM_I32 (two's complement) */
        uint64_t i64;
        uint32_t f32;                              /* bits */
        uint64_t f64;                              /* bits */
        uint8_t bytes[16];                         /* IMM_V128, IMM_SHUFFLE */
        uint8_t lane;                              /* IMM_LANE */
        struct { uint32_t count; wd_valtype type; } sel; /* IMM_SELECT_T (type of the first) */
        wd_valtype reftype;                        /* IMM_REFTYPE */
    } imm;
} wd_insn;

/* Reads one instruction at r->p. features: WD_FEATURE_* (multi-memory
 * changes how memarg and memory.size/grow immediates read). On failure the
 * reader's errmsg/erroff say why (a malformed-binary error) and false is
 * returned. */
bool wd_insn_read(wd_reader *r, uint32_t features, wd_insn *out);

/* Reads br_table target i (0..count; i == count is the default) by walking
 * the LEB vector; use wd_insn_brt_iter for a linear walk. */
typedef struct wd_brt_iter { wd_reader r; } wd_brt_iter;
void wd_brt_iter_init(wd_brt_iter *it, const wd_insn *in, const uint8_t *end);
bool wd_brt_iter_next(wd_brt_iter *it, uint32_t *target);

#endif
