/* code.h: the engine's internal code format (private to core/).
 *
 * compile.c turns every wasm function body into "slot code"; interp.c runs
 * it; exec.c and probe.c read the side tables to map code back to the file.
 *
 * Frames
 * ------
 * A frame is an array of 64-bit slots:
 *
 *     fp[0 .. param_slots)                the parameters
 *     fp[param_slots .. local_slots)      the declared locals (zeroed on entry)
 *     fp[local_slots .. frame_slots)      the operand-stack area
 *
 * v128 values take two consecutive slots. Wasm operand-stack heights are
 * static, so every stack position has a fixed slot and each internal
 * instruction names its operand and result slots directly. A call places
 * its arguments at the top of the caller's stack area; that slot becomes
 * the callee's fp[0] (no copying), and the callee leaves its results in
 * fp[0..result_slots) before returning, i.e. exactly where the caller
 * expects them.
 *
 * Code words
 * ----------
 * Code is an array of 32-bit words. An instruction is its internal opcode
 * (one word, an index into the dispatch table) followed by operand words:
 *
 *     +--------+--------+--------+--------+-- - -
 *     | opcode |   w1   |   w2   |   w3   |  ...
 *     +--------+--------+--------+--------+-- - -
 *
 *     binary op        OP   d  a  b            fp[d] = op(fp[a], fp[b])
 *     unary op         OP   d  a
 *     with lane        OP   d  a [b] lane
 *     shuffle          OP   d  a  b  l0..l3    (16 lane bytes in 4 words)
 *     immediate op     OPI  d  a  imm          imm: i32, or i64 sign-extended
 *     load             OP   d  addr off [lane-vec lane] [mem]
 *     store            OP   addr v off add [mem] | OP addr v off lane [mem]
 *     const store      OPK  addr imm off add
 *     const            CONST32 d imm | CONST64 d lo hi | V128_CONST d b0..b3
 *     move             MOV d s | MOV2 d s     (MOV2 moves a v128)
 *     branch           JMP rel | BR_IF c rel | BRC_<cmp> a b rel | BRCI_<cmp> a imm rel
 *     br_table         BR_TABLE i n rel_0 .. rel_{n-1} rel_default
 *     calls            CALL f base | CALL_IMPORT f base
 *                      CALL_INDIRECT type table base idx
 *                      RETURN_CALL f | RETURN_CALL_INDIRECT type table idx
 *     safepoint        SAFEPOINT weight
 *     lazy compile     LAZY                  (only in wd__lazy_code, below)
 *
 * d, a, b, c, s, base, idx are frame slot indices; rel is a signed word
 * offset from the branch instruction's first word; imm/off are immediates;
 * "mem" words appear only in the *_M load/store variants (memory index
 * other than 0). 64-bit immediates take two words (low first).
 *
 * Side table
 * ----------
 * One entry per internal instruction (sorted by code position): the file
 * offset of the first wasm instruction it covers (folded local.get/const
 * before it) and of the instruction that does the work, the wasm opcode
 * and a snapshot of the static operand stack for frame inspection.
 *
 * Safepoints
 * ----------
 * Every function starts with SAFEPOINT and every loop header is one. Its
 * weight is the number of (live) wasm instructions compiled between it and
 * the next safepoint in code order or the end of its loop, whichever comes
 * first: one iteration of a loop without nested loops exactly, when its body
 * runs straight through (both arms of a branch in it count). Code after a
 * loop, before the next safepoint, is counted by none: once per call
 * uncounted rather than once per iteration of the loop before it. (A
 * function entry's weight covers its whole prologue even when an early
 * branch skips part.)
 * Calls do the callee's entry SAFEPOINT themselves and start at code + 2;
 * back-edges (the only backward branches, and the only branches to
 * themselves: a loop whose one instruction is its branch) jump just past
 * the loop's SAFEPOINT and subtract its weight (the word before their
 * target). So a safepoint costs no dispatch on calls and loop iterations.
 *
 * Frame offsets (exec.c): a trapped frame reports the work offset of its
 * instruction, a frame stopped before an instruction its first offset,
 * callers the offset of their call.
 */
#ifndef WD_CODE_H
#define WD_CODE_H

#include "runtime.h"
#include "insn.h"
#include "store.h"

typedef uint32_t wd_word;

/* Immediate-operand variants: OPI d a imm, b replaced by a constant. */
#define WD_IMM_OPS(X) \
    X(I32_ADD) X(I32_SUB) X(I32_MUL) X(I32_AND) X(I32_OR) X(I32_XOR) \
    X(I32_SHL) X(I32_SHR_S) X(I32_SHR_U) \
    X(I32_EQ) X(I32_NE) X(I32_LT_S) X(I32_LT_U) X(I32_GT_S) X(I32_GT_U) \
    X(I32_LE_S) X(I32_LE_U) X(I32_GE_S) X(I32_GE_U) \
    X(I64_ADD) X(I64_SUB) X(I64_MUL) X(I64_AND) X(I64_OR) X(I64_XOR) \
    X(I64_SHL) X(I64_SHR_S) X(I64_SHR_U) \
    X(I64_EQ) X(I64_NE) X(I64_LT_S) X(I64_LT_U) X(I64_GT_S) X(I64_GT_U) \
    X(I64_LE_S) X(I64_LE_U) X(I64_GE_S) X(I64_GE_U) \
    X(I32_ROTL) X(I32_ROTR) X(I64_ROTL) X(I64_ROTR) \
    X(F32_ADD) X(F32_SUB) X(F32_MUL) X(F32_DIV)

/* 64-bit immediate variants: OPK d a lo hi, b replaced by a constant that
 * the immediate ops above cannot take. */
#define WD_IMM64_OPS(X) \
    X(I64_ADD) X(I64_SUB) X(I64_MUL) X(I64_AND) X(I64_OR) X(I64_XOR) \
    X(I64_EQ) X(I64_NE) X(I64_LT_U) X(I64_GT_U) X(I64_LE_U) X(I64_GE_U) \
    X(F64_ADD) X(F64_SUB) X(F64_MUL) X(F64_DIV) \
    X(F64_EQ) X(F64_NE) X(F64_LT) X(F64_GT) X(F64_LE) X(F64_GE)

/* Stores of a constant: OPK addr imm off add (imm sign-extended). */
#define WD_STOREK_OPS(X) \
    X(I32_STORE, i, 4) X(I32_STORE8, i, 1) X(I32_STORE16, i, 2) \
    X(I64_STORE, I, 8) X(I64_STORE8, I, 1) X(I64_STORE16, I, 2) X(I64_STORE32, I, 4)

/* Integer compares that fuse with br_if / if: X(ID, inverse ID). */
#define WD_CMP_OPS(X) \
    X(I32_EQ, I32_NE) X(I32_NE, I32_EQ) X(I32_LT_S, I32_GE_S) X(I32_LT_U, I32_GE_U) \
    X(I32_GT_S, I32_LE_S) X(I32_GT_U, I32_LE_U) X(I32_LE_S, I32_GT_S) X(I32_LE_U, I32_GT_U) \
    X(I32_GE_S, I32_LT_S) X(I32_GE_U, I32_LT_U) \
    X(I64_EQ, I64_NE) X(I64_NE, I64_EQ) X(I64_LT_S, I64_GE_S) X(I64_LT_U, I64_GE_U) \
    X(I64_GT_S, I64_LE_S) X(I64_GT_U, I64_LE_U) X(I64_LE_S, I64_GT_S) X(I64_LE_U, I64_GT_U) \
    X(I64_GE_S, I64_LT_S) X(I64_GE_U, I64_LT_U)

/* Superinstructions (compile.c fuses, interp.c runs them; all on memory 0).
 *
 * Float arithmetic with an operand in memory, X(ID, T, LOAD, STORE, N):
 *     ID_LB d a addr off add      fp[d] = op(fp[a], mem)
 *     ID_LA d addr off add b      fp[d] = op(mem, fp[b])
 *     ID_SB addr a off add        mem = op(fp[a], mem)   (load, op, store back)
 *     ID_SA addr b off add        mem = op(mem, fp[b])
 * with mem the N bytes at (fp[addr] + add) mod 2^32 + off. */
#define WD_LDOP_OPS(X) \
    X(F64_ADD, F, F64_LOAD, F64_STORE, 8) X(F64_SUB, F, F64_LOAD, F64_STORE, 8) \
    X(F64_MUL, F, F64_LOAD, F64_STORE, 8) X(F64_DIV, F, F64_LOAD, F64_STORE, 8) \
    X(F32_ADD, f, F32_LOAD, F32_STORE, 4) X(F32_SUB, f, F32_LOAD, F32_STORE, 4) \
    X(F32_MUL, f, F32_LOAD, F32_STORE, 4) X(F32_DIV, f, F32_LOAD, F32_STORE, 4)

/* Indexed loads/stores: the address is (fp[a] + (fp[b] << k)) mod 2^32.
 *     ID_X d a b off k     ID_X a b v off k (stores)     ID_KX a b imm off k */
#define WD_LDX_OPS(X) \
    X(I32_LOAD, i, 4) X(I32_LOAD8_S, i, 1) X(I32_LOAD8_U, i, 1) X(I32_LOAD16_S, i, 2) \
    X(I32_LOAD16_U, i, 2) X(I64_LOAD, I, 8) X(F32_LOAD, f, 4) X(F64_LOAD, F, 8)
#define WD_STX_OPS(X) \
    X(I32_STORE, i, 4) X(I32_STORE8, i, 1) X(I32_STORE16, i, 2) X(I64_STORE, I, 8) \
    X(F32_STORE, f, 4) X(F64_STORE, F, 8)

/* Multiply-add pairs (two roundings, not a fused multiply-add):
 *     F64_MULADD d a b c  (a*b)+c      F64_ADDMUL d a b c  c+(a*b)
 *     F64_MULSUB d a b c  (a*b)-c      F64_SUBMUL d a b c  c-(a*b)
 *     F64_MULMUL d a b c  (a*b)*c */
#define WD_MULADD_OPS(X) X(F64_MULADD) X(F64_ADDMUL) X(F64_MULSUB) X(F64_SUBMUL) X(F64_MULMUL)

/* Two adds of immediates (induction variables), one after the other:
 *     I32_ADD2_I d1 a1 k1 d2 a2 k2 */

/* Loop back-edges: add then compare-and-branch on the sum, X(CMP) from
 * WD_CMP_OPS's i32 compares:
 *     ADDBR_CMP d a k n rel      fp[d] = fp[a] + k;     branch if CMP(fp[d], fp[n])
 *     ADDBRI_CMP d a k imm rel   fp[d] = fp[a] + k;     branch if CMP(fp[d], imm)
 *     ADDRBR_CMP d a b n rel     fp[d] = fp[a] + fp[b]; branch if CMP(fp[d], fp[n])
 *     ADDRBRI_CMP d a b imm rel  fp[d] = fp[a] + fp[b]; branch if CMP(fp[d], imm) */
#define WD_ADDBR_OPS(X) \
    X(I32_EQ) X(I32_NE) X(I32_LT_S) X(I32_LT_U) X(I32_GT_S) X(I32_GT_U) \
    X(I32_LE_S) X(I32_LE_U) X(I32_GE_S) X(I32_GE_U)

#define WD__CM_K_LOAD(ID) WD_C_##ID##_M,
#define WD__CM_K_STORE(ID) WD_C_##ID##_M,
#define WD__CM_K_PURE(ID)
#define WD__CM_K_TRAP(ID)
#define WD__CM_K_CONST(ID)
#define WD__CM_K_SPECIAL(ID)

/* Internal opcodes: every wasm opcode keeps its number (WD_C_x == WD_OP_x),
 * then the IR-only ones. */
typedef enum wd_cop {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) WD_C_##ID,
#include "opcodes.def"
    WD_C__WASM_END = WD_OP__COUNT - 1,
#define OP(ID, name, prefix, code, imm, sig, kind, mb) WD__CM_##kind(ID)
#include "opcodes.def"
#define X(ID) WD_C_##ID##_I,
    WD_IMM_OPS(X)
#undef X
#define X(ID, INV) WD_C_BRC_##ID, WD_C_BRCI_##ID,
    WD_CMP_OPS(X)
#undef X
#define X(ID, T, N) WD_C_##ID##_K,
    WD_STOREK_OPS(X)
#undef X
#define X(ID, T, LD, ST, N) WD_C_##ID##_LB, WD_C_##ID##_LA, WD_C_##ID##_SB, WD_C_##ID##_SA,
    WD_LDOP_OPS(X)
#undef X
#define X(ID, T, N) WD_C_##ID##_X,
    WD_LDX_OPS(X)
    WD_STX_OPS(X)
#undef X
#define X(ID, T, N) WD_C_##ID##_KX,
    WD_STOREK_OPS(X)
#undef X
#define X(ID) WD_C_##ID,
    WD_MULADD_OPS(X)
#undef X
#define X(ID) WD_C_##ID##_K64,
    WD_IMM64_OPS(X)
#undef X
#define X(ID) WD_C_ADDBR_##ID, WD_C_ADDBRI_##ID, WD_C_ADDRBR_##ID, WD_C_ADDRBRI_##ID,
    WD_ADDBR_OPS(X)
#undef X
    WD_C_I32_ADD2_I,
    WD_C_MOV, WD_C_MOV2, WD_C_CONST32, WD_C_CONST64,
    WD_C_JMP, WD_C_BR_IF_EQZ, WD_C_BR_IF64, WD_C_BR_IF_EQZ64, /* BR_IF: the wasm one */
    WD_C_RET, WD_C_SAFEPOINT, WD_C_PROBE,
    WD_C_CALL_IMPORT, WD_C_SELECT2, WD_C_GLOBAL_GET2, WD_C_GLOBAL_SET2,
    WD_C_LAZY,
    WD_C_JIT,      /* a JIT-compiled function's entry or loop header (jit.h) */
    WD_C__COUNT
} wd_cop;

/* Memory-access descriptions (memdesc.c): for every internal opcode, where
 * the linear-memory access it makes gets its address from, so probes can
 * report accesses of fused instructions (wd_probe_event.mem). Word indices
 * count from the opcode word (0 = absent). An opcode added without a
 * description makes wd__memdesc return false, which tests/unit/test_memdesc.c
 * catches for every opcode below WD_C__COUNT. */
enum {
    WD_MD_NONE = 1,     /* no memory access */
    WD_MD_ADDR,         /* (fp[a] + [add]) mod 2^32 + [off] */
    WD_MD_INDEXED,      /* (fp[a] + (fp[b] << [k])) mod 2^32 + [off] */
    WD_MD_FILL,         /* memory.fill: write fp[a] .. + fp[n] in memory [mem] */
    WD_MD_COPY,         /* memory.copy: read fp[b] .. + fp[n] in memory [mem2],
                           write fp[a] .. + fp[n] in memory [mem] */
    WD_MD_INIT,         /* memory.init: write fp[a] .. + fp[n] in memory [mem] */
};
typedef struct wd_memdesc {
    uint8_t mode;       /* WD_MD_* */
    uint8_t kind;       /* WD_MEM_READ / WD_MEM_WRITE bits (ADDR, INDEXED) */
    uint8_t size;       /* bytes (ADDR, INDEXED) */
    uint8_t a, b, n, off, add, k, mem, mem2;
    bool at_trap;       /* the access is a load fused into another op: its
                           offset is the side entry's trap offset, not work */
} wd_memdesc;
bool wd__memdesc(wd_word op, wd_memdesc *d);
/* wd__memdesc for every opcode below WD_C__COUNT, as a table built once (an opcode
 * without a description reads as WD_MD_NONE); wd__memdesc_tab is that table, filled
 * from the first wd__memdesc_table() call on (wd_probe_add_memory makes it). */
const wd_memdesc *wd__memdesc_table(void);
extern wd_memdesc wd__memdesc_tab[];

/* The one access of a plain or indexed load/store (modes ADDR and INDEXED) whose
 * operand words start at ip, in the frame fp: its address and memory index (its size is
 * d->size). False for the other modes. Shared by the probe event and the interpreter's
 * inline watch filter, so both see the same address. */
static inline bool wd__mem_addr(const wd_memdesc *d, const wd_word *ip, const uint64_t *fp,
                                uint64_t *addr, uint32_t *mem)
{
    if (d->mode == WD_MD_ADDR) {
        uint32_t base = (uint32_t)fp[ip[d->a]] + (d->add ? ip[d->add] : 0);
        *addr = (uint64_t)base + (d->off ? ip[d->off] : 0);
        *mem = d->mem ? ip[d->mem] : 0;
        return true;
    }
    if (d->mode == WD_MD_INDEXED) {
        uint32_t base = (uint32_t)fp[ip[d->a]] + ((uint32_t)fp[ip[d->b]] << (ip[d->k] & 31));
        *addr = (uint64_t)base + ip[d->off];
        *mem = 0;
        return true;
    }
    return false;
}

/* call_indirect's checks, for the interpreter and the JIT alike: the function at index i
 * of table `table` if there is one of type `type` there, else NULL with *trap saying why. */
static inline wd_func *wd__indirect_callee(const wd_instance *inst, uint32_t table, uint32_t i,
                                           uint32_t type, int *trap)
{
    const wd_table *t = inst->tables[table];
    if (i >= t->size) {
        *trap = WD_TRAP_UNDEFINED_ELEMENT;
        return NULL;
    }
    wd_func *f = (wd_func *)(uintptr_t)t->elems[i];
    if (!f) {
        *trap = WD_TRAP_UNINIT_ELEMENT;
        return NULL;
    }
    if (f->type != inst->types[type]) {
        *trap = WD_TRAP_INDIRECT_TYPE;
        return NULL;
    }
    return f;
}

/* Compiler switches (for debugging the optimisations): all on by default.
 * Set with wd__compile_flags before loading a module. */
enum {
    WD_OPT_FOLD_LOCALS = 1u << 0,   /* local.get / const folding */
    WD_OPT_FORWARD_DST = 1u << 1,   /* op; local.set x -> op writes x */
    WD_OPT_FUSE_BRANCH = 1u << 2,   /* cmp; br_if -> one instruction */
    WD_OPT_IMM_OPS = 1u << 3,       /* immediate-operand variants */
    WD_OPT_SUPER = 1u << 4,         /* superinstructions (see above) */
    WD_OPT_ALL = 0x1Fu,
};
extern uint32_t wd__compile_flags;

/* Operand-stack snapshot entry kinds (side table). */
enum { WD_SE_STACK = 0, WD_SE_LOCAL = 1, WD_SE_CONST = 2 };

typedef struct wd_side {
    uint32_t pos;          /* code position (word index) of the instruction */
    uint32_t first;        /* file offset of the first wasm instruction covered */
    uint32_t work;         /* file offset of the wasm instruction doing the work */
    uint32_t snap;         /* index of its stack snapshot in cfunc.snaps */
    uint16_t wop;          /* wd_opid of the work instruction */
    uint16_t height;       /* operand-stack values at the work instruction */
    uint32_t trap;         /* file offset reported when it traps: work, or the
                              load a superinstruction fused in */
} wd_side;

/* A backward branch: the code position of the loop header it jumps to (just
 * after the loop's SAFEPOINT) and of the branch instruction, and the wasm
 * file offset of the branch (its side entry's work offset). */
typedef struct wd_backedge {
    uint32_t header;
    uint32_t branch;
    uint32_t offset;
} wd_backedge;

typedef struct wd_cfunc {
    wd_word *code;
    uint32_t ncode;
    uint32_t funcidx;
    const wd_ftype *type;
    uint32_t param_slots;  /* == type->param_slots */
    uint32_t local_slots;  /* params + declared locals */
    uint32_t frame_slots;  /* local_slots + max operand stack */
    uint32_t nlocals;      /* params + declared locals (values) */
    wd_valtype *local_types;
    uint32_t *local_slot;  /* slot of each local */
    /* The side table and the snapshots are only for looking at a stopped
     * function (traps, probes, frames, samples), so compiling for a call
     * leaves them NULL; the first wd__side_at builds them by compiling the
     * body again (deterministic: the same positions). Most of a compiled
     * function's memory is here, and start-up pays for every new page. */
    wd_side *side;
    uint32_t nside;
    /* Snapshots: per value one word (type | kind << 8), followed for
     * WD_SE_LOCAL by the local's slot, for WD_SE_CONST by two words. */
    uint32_t *snaps;
    uint32_t nsnaps;
    /* The backward branches (built with the side table), sorted by header,
     * then branch: for a sample taken at a loop header, where the jump came
     * from (wd_exec_tick_backedge). */
    wd_backedge *edges;
    uint32_t nedges;
    struct wd_module *module;   /* whose arena holds all of the above */
    /* JIT tier (jit.c): the native call entry, NULL while the function runs
     * only in the interpreter, and its native code with the patched words. */
    void *jit_call;
    struct wd_jitfn *jit;
} wd_cfunc;

/* Lazy compilation: wd__compile() gives every defined function a stub
 * wd_cfunc whose code is wd__lazy_code (SAFEPOINT 0, LAZY), no locals and
 * no side table; its first call runs LAZY, which compiles the function
 * into that same wd_cfunc (wd__compile_func) and enters it. A frame never
 * rests on a stub: the interpreter compiles before it stops there, and
 * wd_exec_call / wd_probe_add_local compile first. */
extern wd_word wd__lazy_code[3];
static inline bool wd__cfunc_ready(const wd_cfunc *cf) { return cf->code != wd__lazy_code; }

/* Length in words of the instruction at ip whose opcode is op (pass the
 * original opcode for a patched PROBE), and the opcode's name. */
uint32_t wd__code_len(const wd_word *ip, wd_word op);
const char *wd__code_name(wd_word op);

/* Side-table lookup: the entry of the instruction at or before pos. Builds
 * the side table first if it was not yet (NULL if that runs out of memory). */
const wd_side *wd__side_at(const wd_cfunc *cf, uint32_t pos);
/* Builds cf's side table and snapshots if missing; false if it cannot
 * (out of memory, or cf is a stub). cf's storage is mutable (module arena). */
bool wd__side_ensure(const wd_cfunc *cf);

/* ------------------------------------------------------------ execution */

typedef struct wd_xframe {
    const wd_word *ip;     /* callers: return address; innermost: saved ip */
    uint64_t *fp;
    wd_instance *inst;     /* NULL for a host frame */
    const wd_cfunc *cf;    /* NULL for a host frame */
    wd_func *host;         /* host frames */
} wd_xframe;

typedef struct wd_gprobe {
    uint32_t id;
    wd_probe_fn fn;
    void *user;
    bool mem_only;         /* a memory probe (wd_probe_add_memory) */
    bool filtered;         /* wd_probe_filter_memory: fire only as it says */
    uint32_t min_frames;
    uint32_t nranges;
    wd_mem_range *ranges;  /* owned (wd__malloc) */
} wd_gprobe;

enum { WD_X_IDLE = 0, WD_X_RUNNING, WD_X_SUSPENDED, WD_X_FINISHED };
enum { WD_SKIP_NONE = 0, WD_SKIP_GLOBAL = 1, WD_SKIP_ALL = 2 };

struct wd_exec {
    wd_store *store;
    uint64_t *stack;
    uint64_t nstack;              /* slots */
    wd_xframe *frames;
    uint32_t nframes, max_frames;
    int state;                    /* WD_X_* */
    wd_func *entry;               /* the function wd_exec_call started */
    int resume_skip;              /* WD_SKIP_*: the stop was a probe's */

    wd_trap trap;
    char trapmsg[256];
    bool msg_set;                 /* a host set trapmsg for the coming trap */
    int exit_code;

    /* The one budget counter (relaxed atomics) and what it was armed to. */
    int64_t budget;
    int64_t armed;
    uint64_t counted;             /* instructions counted before arming */
    int interrupt_req;            /* set by wd_exec_interrupt (atomic) */
    int tick_req;                 /* set by wd_exec_request_tick (atomic) */
    bool has_limit;
    /* interp.c: set while a backward branch's run-out counter has the
     * safepoint run (the frame stands at the loop header) */
    bool at_backedge;
    uint64_t limit_at;            /* counted value at which BUDGET stops */
    uint64_t tick_period, next_tick;
    /* JIT tier (jit.c): the running native code's context while it runs, and
     * where a tick's signal hit it (wd_exec_request_tick_pc) */
    void *jit_ctx;
    const wd_cfunc *tick_cf;
    const uint64_t *tick_fp;
    uint32_t tick_pos, tick_depth;
    int tick_native;
    wd_tick_fn tick_fn;
    void *tick_user;

    wd_gprobe *gprobes;
    uint32_t ngprobes, gcap, next_gid;
    uint32_t nmemprobes;          /* of which memory probes */
    /* The memory probes' filters folded for the interpreter (probe.c, filter_fold): while
     * mf_on, an access to memory 0 outside [mf_lo, mf_hi) made with at least
     * mf_min_frames frames live fires no probe, and is passed over inline. */
    bool mf_on;
    uint32_t mf_min_frames;
    uint64_t mf_lo, mf_hi;
    /* global probes look up the side entry of every instruction they see:
     * a direct-mapped cache in front of the binary search (probe.c) */
    struct { const wd_cfunc *cf; const wd_side *s; } sidecache[256];
};

/* interp.c: runs the exec from frames[nframes-1] (ip saved there) until it
 * stops. */
wd_stop wd__interp_run(wd_exec *x);

/* exec.c: the slow path of a safepoint (budget counter <= 0). Returns
 * WD_STOP_DONE to continue, or INTERRUPT/BUDGET. Re-arms the counter. */
wd_stop wd__exec_safepoint(wd_exec *x);
/* exec.c: a requested tick taken exactly before an instruction (interp.c's
 * L_TICK): runs the tick hook if one is still requested; interrupts and
 * budget stops stay with the next safepoint. */
void wd__exec_exact_tick(wd_exec *x);
/* interp.c: async-signal-safe; sends the next dispatch of every running
 * interpreter through the exact-tick handler (no-op without computed goto). */
void wd__interp_tick_soon(void);
/* exec.c: re-arms the counter after a change of limits. */
void wd__exec_rearm(wd_exec *x);
/* exec.c: compiles stub cf of inst's module (LAZY); on failure sets the
 * message of the coming WD_TRAP_HOST and returns false. */
bool wd__exec_compile(wd_exec *x, const wd_instance *inst, const wd_cfunc *cf);
/* exec.c: a trap with a message. */
void wd__exec_set_trap(wd_exec *x, wd_trap t, const char *msg);

/* probe.c: fires the local probes at (cf, pos); *orig gets the patched
 * instruction's real opcode. Returns a wd_probe_action. */
int wd__probe_fire_local(wd_exec *x, wd_instance *inst, const wd_cfunc *cf,
                         uint32_t pos, const uint64_t *fp, wd_word *orig);
/* probe.c: the real opcode of a patched instruction. */
wd_word wd__probe_orig(const wd_module *m, const wd_cfunc *cf, uint32_t pos);
/* probe.c: fires the global probes before the instruction at (cf, pos). */
int wd__probe_fire_global(wd_exec *x, wd_instance *inst, const wd_cfunc *cf,
                          uint32_t pos, const uint64_t *fp);
void wd__probes_free(wd_module *m);
/* memdesc.c: Fills ev->nmem / ev->mem for the instruction at cf->code[pos] (a patched
 * PROBE is looked through) with the frame's slots fp; s is its side entry
 * (wd__side_at, may be NULL). */
void wd__mem_accesses(const wd_instance *inst, const wd_cfunc *cf, uint32_t pos,
                      const wd_side *s, const uint64_t *fp, wd_probe_event *ev);

#endif
