/* test_num.c: unit tests for core/num.h, the scalar numeric semantics.
 *
 *  1. Coverage, at compile time: an X-macro over opcodes.def checks that every
 *     K_PURE/K_TRAP/K_LOAD/K_STORE opcode whose SIG has no 'v' has a function
 *     wd_op_<ID> of exactly the contract's type (_Static_assert + _Generic).
 *     Each SIG token is looked up in SIGINFO_<sig>, so an opcode with a new,
 *     unknown signature also breaks the build instead of being skipped.
 *  2. A table of ~2000 assertions taken from the spec testsuite (conversions,
 *     i32, i64, float_misc, and a sample of f32, f64, f32/f64_cmp and
 *     f32/f64_bitwise .wast), run through a switch that calls every op.
 *  3. Hand-written edge cases: traps, NaN and signed-zero rules, rounding,
 *     exact trunc bounds, loads and stores (sizes, extension, alignment).
 *
 * Inputs of the hand-written cases go through volatile so the compiler cannot
 * fold the operations at compile time: the code under test is the runtime path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "num.h"

/* ------------------------------------------------------------ signature table */
/* SIGINFO_<sig>: (has_v128, params, A, B, C) with C types per the contract;
 * unused slots are `void`. */
#define SIGINFO_x      (1, 0, void, void, void)
#define SIGINFO__i     (0, 0, void, void, uint32_t)
#define SIGINFO__I     (0, 0, void, void, uint64_t)
#define SIGINFO__f     (0, 0, void, void, uint32_t)
#define SIGINFO__F     (0, 0, void, void, uint64_t)
#define SIGINFO__v     (1, 0, void, void, void)
/* one parameter */
#define SIGINFO_i_i    (0, 1, uint32_t, void, uint32_t)
#define SIGINFO_i_I    (0, 1, uint32_t, void, uint64_t)
#define SIGINFO_i_f    (0, 1, uint32_t, void, uint32_t)
#define SIGINFO_i_F    (0, 1, uint32_t, void, uint64_t)
#define SIGINFO_I_i    (0, 1, uint64_t, void, uint32_t)
#define SIGINFO_I_I    (0, 1, uint64_t, void, uint64_t)
#define SIGINFO_I_f    (0, 1, uint64_t, void, uint32_t)
#define SIGINFO_I_F    (0, 1, uint64_t, void, uint64_t)
#define SIGINFO_f_i    (0, 1, uint32_t, void, uint32_t)
#define SIGINFO_f_I    (0, 1, uint32_t, void, uint64_t)
#define SIGINFO_f_f    (0, 1, uint32_t, void, uint32_t)
#define SIGINFO_f_F    (0, 1, uint32_t, void, uint64_t)
#define SIGINFO_F_i    (0, 1, uint64_t, void, uint32_t)
#define SIGINFO_F_I    (0, 1, uint64_t, void, uint64_t)
#define SIGINFO_F_f    (0, 1, uint64_t, void, uint32_t)
#define SIGINFO_F_F    (0, 1, uint64_t, void, uint64_t)
/* two parameters */
#define SIGINFO_ii_i   (0, 2, uint32_t, uint32_t, uint32_t)
#define SIGINFO_II_i   (0, 2, uint64_t, uint64_t, uint32_t)
#define SIGINFO_II_I   (0, 2, uint64_t, uint64_t, uint64_t)
#define SIGINFO_ff_i   (0, 2, uint32_t, uint32_t, uint32_t)
#define SIGINFO_ff_f   (0, 2, uint32_t, uint32_t, uint32_t)
#define SIGINFO_FF_i   (0, 2, uint64_t, uint64_t, uint32_t)
#define SIGINFO_FF_F   (0, 2, uint64_t, uint64_t, uint64_t)
/* stores: address, value */
#define SIGINFO_ii_    (0, 2, uint32_t, uint32_t, void)
#define SIGINFO_iI_    (0, 2, uint32_t, uint64_t, void)
#define SIGINFO_if_    (0, 2, uint32_t, uint32_t, void)
#define SIGINFO_iF_    (0, 2, uint32_t, uint64_t, void)
/* v128 signatures: simd.h's business */
#define SIGINFO_i_v    (1, 0, void, void, void)
#define SIGINFO_I_v    (1, 0, void, void, void)
#define SIGINFO_f_v    (1, 0, void, void, void)
#define SIGINFO_F_v    (1, 0, void, void, void)
#define SIGINFO_v_i    (1, 0, void, void, void)
#define SIGINFO_v_I    (1, 0, void, void, void)
#define SIGINFO_v_f    (1, 0, void, void, void)
#define SIGINFO_v_F    (1, 0, void, void, void)
#define SIGINFO_v_v    (1, 0, void, void, void)
#define SIGINFO_vv_v   (1, 0, void, void, void)
#define SIGINFO_vvv_v  (1, 0, void, void, void)
#define SIGINFO_vi_v   (1, 0, void, void, void)
#define SIGINFO_vI_v   (1, 0, void, void, void)
#define SIGINFO_vf_v   (1, 0, void, void, void)
#define SIGINFO_vF_v   (1, 0, void, void, void)
#define SIGINFO_iv_    (1, 0, void, void, void)
#define SIGINFO_iv_v   (1, 0, void, void, void)

#define NUM_APPLY(m, args) m args
#define NUM_UNPACK(...) __VA_ARGS__
/* NUM_DISPATCH(PFX, ...) -> PFX_<has_v>_<KIND>(ID, MB, PARAMS, A, B, C) */
#define NUM_DISPATCH(pfx, ID, kind, mb, info) \
    NUM_APPLY(NUM_DISPATCH2, (pfx, ID, kind, mb, NUM_UNPACK info))
#define NUM_DISPATCH2(pfx, ID, kind, mb, hasv, n, A, B, C) \
    pfx##_##hasv##_##kind(ID, mb, n, A, B, C)

/* ------------------------------------------------------------ 1. compile-time coverage */

#define NUM_TYPE_1(A, B, C) C (*)(A)
#define NUM_TYPE_2(A, B, C) C (*)(A, B)
#define NUM_TTYPE_1(A, B, C) int (*)(A, C *)
#define NUM_TTYPE_2(A, B, C) int (*)(A, B, C *)

#define NUM_ASSERT_TYPE(ID, T) \
    _Static_assert(_Generic(&wd_op_##ID, T: 1, default: 0), \
                   "wd_op_" #ID " is missing or does not have the contract's type");

#define CHK_0_K_PURE(ID, mb, n, A, B, C)  NUM_ASSERT_TYPE(ID, NUM_TYPE_##n(A, B, C))
#define CHK_0_K_TRAP(ID, mb, n, A, B, C)  NUM_ASSERT_TYPE(ID, NUM_TTYPE_##n(A, B, C))
#define CHK_0_K_LOAD(ID, mb, n, A, B, C)  NUM_ASSERT_TYPE(ID, C (*)(const uint8_t *))
#define CHK_0_K_STORE(ID, mb, n, A, B, C) NUM_ASSERT_TYPE(ID, void (*)(uint8_t *, B))
#define CHK_0_K_CONST(ID, mb, n, A, B, C)
#define CHK_1_K_PURE(ID, mb, n, A, B, C)
#define CHK_1_K_TRAP(ID, mb, n, A, B, C)
#define CHK_1_K_LOAD(ID, mb, n, A, B, C)
#define CHK_1_K_STORE(ID, mb, n, A, B, C)
#define CHK_1_K_CONST(ID, mb, n, A, B, C)
#define CHK_1_K_SPECIAL(ID, mb, n, A, B, C)

#define OP(ID, name, prefix, code, imm, sig, kind, mb) NUM_DISPATCH(CHK, ID, kind, mb, SIGINFO_##sig)
#include "opcodes.def"

/* ------------------------------------------------------------ op ids and names */

enum {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) T_##ID,
#include "opcodes.def"
    T__COUNT
};

static const char *const op_names[T__COUNT] = {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) name,
#include "opcodes.def"
};

/* ------------------------------------------------------------ generic call */

/* Calls op `op` with a, b truncated to the parameter types; the result is
 * zero-extended into *out. Returns the trap code (0 for non-trapping ops),
 * or -1 if the op has no scalar function. */
#define CALL_0_K_PURE(ID, mb, n, A, B, C) case T_##ID: CALL_PURE_##n(ID, A, B, C)
#define CALL_PURE_1(ID, A, B, C) *out = wd_op_##ID((A)a); (void)b; return 0;
#define CALL_PURE_2(ID, A, B, C) *out = wd_op_##ID((A)a, (B)b); return 0;
#define CALL_0_K_TRAP(ID, mb, n, A, B, C) case T_##ID: CALL_TRAP_##n(ID, A, B, C)
#define CALL_TRAP_1(ID, A, B, C) { C r = 0; int t = wd_op_##ID((A)a, &r); *out = r; return t; }
#define CALL_TRAP_2(ID, A, B, C) { C r = 0; int t = wd_op_##ID((A)a, (B)b, &r); *out = r; return t; }
#define CALL_0_K_LOAD(ID, mb, n, A, B, C)
#define CALL_0_K_STORE(ID, mb, n, A, B, C)
#define CALL_0_K_CONST(ID, mb, n, A, B, C)
#define CALL_1_K_PURE(ID, mb, n, A, B, C)
#define CALL_1_K_TRAP(ID, mb, n, A, B, C)
#define CALL_1_K_LOAD(ID, mb, n, A, B, C)
#define CALL_1_K_STORE(ID, mb, n, A, B, C)
#define CALL_1_K_CONST(ID, mb, n, A, B, C)
#define CALL_1_K_SPECIAL(ID, mb, n, A, B, C)

static int call_op(int op, uint64_t a, uint64_t b, uint64_t *out)
{
    switch (op) {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) NUM_DISPATCH(CALL, ID, kind, mb, SIGINFO_##sig)
#include "opcodes.def"
    default: break;
    }
    return -1;
}

/* Which ops the macros above treat as scalar function ops (for the
 * cross-check against the SIG strings at run time). */
#define MARK_0_K_PURE(ID, mb, n, A, B, C)  [T_##ID] = 1,
#define MARK_0_K_TRAP(ID, mb, n, A, B, C)  [T_##ID] = 1,
#define MARK_0_K_LOAD(ID, mb, n, A, B, C)  [T_##ID] = 1,
#define MARK_0_K_STORE(ID, mb, n, A, B, C) [T_##ID] = 1,
#define MARK_0_K_CONST(ID, mb, n, A, B, C)
#define MARK_1_K_PURE(ID, mb, n, A, B, C)
#define MARK_1_K_TRAP(ID, mb, n, A, B, C)
#define MARK_1_K_LOAD(ID, mb, n, A, B, C)
#define MARK_1_K_STORE(ID, mb, n, A, B, C)
#define MARK_1_K_CONST(ID, mb, n, A, B, C)
#define MARK_1_K_SPECIAL(ID, mb, n, A, B, C)

static const unsigned char op_marked[T__COUNT] = {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) NUM_DISPATCH(MARK, ID, kind, mb, SIGINFO_##sig)
#include "opcodes.def"
};

static const struct { const char *sig; const char *kind; } op_meta[T__COUNT] = {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) { #sig, #kind },
#include "opcodes.def"
};

static void test_coverage(void **state)
{
    (void)state;
    int n = 0;
    for (int i = 0; i < T__COUNT; i++) {
        const char *k = op_meta[i].kind;
        int want = strchr(op_meta[i].sig, 'v') == NULL &&
                   (!strcmp(k, "K_PURE") || !strcmp(k, "K_TRAP") ||
                    !strcmp(k, "K_LOAD") || !strcmp(k, "K_STORE"));
        if (want != op_marked[i])
            fail_msg("%s: covered=%d but should be %d", op_names[i], op_marked[i], want);
        if (want && (!strcmp(k, "K_PURE") || !strcmp(k, "K_TRAP"))) {
            uint64_t out;
            assert_int_not_equal(call_op(i, 0, 1, &out), -1);
        }
        n += want;
    }
    /* MVP (14 loads, 9 stores, 123 pure/trap) + 5 sign-extension + 8 trunc_sat */
    assert_int_equal(n, 14 + 9 + 123 + 5 + 8);
}

/* ------------------------------------------------------------ 2. spec testsuite table */

enum { BITS, CANON32, CANON64, ARITH32, ARITH64, TRAP_OVF, TRAP_DIV, TRAP_CONV };

typedef struct row {
    int op;
    uint64_t a, b;
    int kind;
    uint64_t want;
} row;

#define R(ID, a, b, kind, want) { T_##ID, a, b, kind, want },

/* Rows generated from the spec testsuite (WebAssembly/testsuite, .wast files
 * named in the header comment): assert_return / assert_trap of
 * single-instruction exports, float literals rounded exactly to bits. All
 * rows of conversions.wast and float_misc.wast, every 2nd of i32/i64.wast,
 * every 13th of f32/f64.wast, every 37th of f32/f64_cmp.wast and every 7th
 * of f32/f64_bitwise.wast. Columns: op, arg1, arg2, expectation, result. */
static const row spec_rows[] = {
    R(I64_EXTEND_I32_S,0x0,0x0,BITS,0x0)
    R(I64_EXTEND_I32_S,0x2710,0x0,BITS,0x2710)
    R(I64_EXTEND_I32_S,0xffffd8f0,0x0,BITS,0xffffffffffffd8f0)
    R(I64_EXTEND_I32_S,0xffffffff,0x0,BITS,0xffffffffffffffff)
    R(I64_EXTEND_I32_S,0x7fffffff,0x0,BITS,0x7fffffff)
    R(I64_EXTEND_I32_S,0x80000000,0x0,BITS,0xffffffff80000000)
    R(I64_EXTEND_I32_U,0x0,0x0,BITS,0x0)
    R(I64_EXTEND_I32_U,0x2710,0x0,BITS,0x2710)
    R(I64_EXTEND_I32_U,0xffffd8f0,0x0,BITS,0xffffd8f0)
    R(I64_EXTEND_I32_U,0xffffffff,0x0,BITS,0xffffffff)
    R(I64_EXTEND_I32_U,0x7fffffff,0x0,BITS,0x7fffffff)
    R(I64_EXTEND_I32_U,0x80000000,0x0,BITS,0x80000000)
    R(I32_WRAP_I64,0xffffffffffffffff,0x0,BITS,0xffffffff)
    R(I32_WRAP_I64,0xfffffffffffe7960,0x0,BITS,0xfffe7960)
    R(I32_WRAP_I64,0x80000000,0x0,BITS,0x80000000)
    R(I32_WRAP_I64,0xffffffff7fffffff,0x0,BITS,0x7fffffff)
    R(I32_WRAP_I64,0xffffffff00000000,0x0,BITS,0x0)
    R(I32_WRAP_I64,0xfffffffeffffffff,0x0,BITS,0xffffffff)
    R(I32_WRAP_I64,0xffffffff00000001,0x0,BITS,0x1)
    R(I32_WRAP_I64,0x0,0x0,BITS,0x0)
    R(I32_WRAP_I64,0x123456789abcdef0,0x0,BITS,0x9abcdef0)
    R(I32_WRAP_I64,0xffffffff,0x0,BITS,0xffffffff)
    R(I32_WRAP_I64,0x100000000,0x0,BITS,0x0)
    R(I32_WRAP_I64,0x100000001,0x0,BITS,0x1)
    R(I32_TRUNC_F32_S,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_F32_S,0x80000000,0x0,BITS,0x0)
    R(I32_TRUNC_F32_S,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_F32_S,0x80000001,0x0,BITS,0x0)
    R(I32_TRUNC_F32_S,0x3f800000,0x0,BITS,0x1)
    R(I32_TRUNC_F32_S,0x3f8ccccd,0x0,BITS,0x1)
    R(I32_TRUNC_F32_S,0x3fc00000,0x0,BITS,0x1)
    R(I32_TRUNC_F32_S,0xbf800000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F32_S,0xbf8ccccd,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F32_S,0xbfc00000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F32_S,0xbff33333,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F32_S,0xc0000000,0x0,BITS,0xfffffffe)
    R(I32_TRUNC_F32_S,0x4effffff,0x0,BITS,0x7fffff80)
    R(I32_TRUNC_F32_S,0xcf000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_F32_S,0x4f000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_S,0xcf000001,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_S,0x7f800000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_S,0xff800000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_S,0x7fc00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_S,0x7fa00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_S,0xffc00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_S,0xffa00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_U,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_F32_U,0x80000000,0x0,BITS,0x0)
    R(I32_TRUNC_F32_U,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_F32_U,0x80000001,0x0,BITS,0x0)
    R(I32_TRUNC_F32_U,0x3f800000,0x0,BITS,0x1)
    R(I32_TRUNC_F32_U,0x3f8ccccd,0x0,BITS,0x1)
    R(I32_TRUNC_F32_U,0x3fc00000,0x0,BITS,0x1)
    R(I32_TRUNC_F32_U,0x3ff33333,0x0,BITS,0x1)
    R(I32_TRUNC_F32_U,0x40000000,0x0,BITS,0x2)
    R(I32_TRUNC_F32_U,0x4f000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_F32_U,0x4f7fffff,0x0,BITS,0xffffff00)
    R(I32_TRUNC_F32_U,0xbf666666,0x0,BITS,0x0)
    R(I32_TRUNC_F32_U,0xbf7fffff,0x0,BITS,0x0)
    R(I32_TRUNC_F32_U,0x4f800000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_U,0xbf800000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_U,0x7f800000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_U,0xff800000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F32_U,0x7fc00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_U,0x7fa00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_U,0xffc00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F32_U,0xffa00000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_S,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_F64_S,0x8000000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_F64_S,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_F64_S,0x8000000000000001,0x0,BITS,0x0)
    R(I32_TRUNC_F64_S,0x3ff0000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_F64_S,0x3ff199999999999a,0x0,BITS,0x1)
    R(I32_TRUNC_F64_S,0x3ff8000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_F64_S,0xbff0000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F64_S,0xbff199999999999a,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F64_S,0xbff8000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F64_S,0xbffe666666666666,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F64_S,0xc000000000000000,0x0,BITS,0xfffffffe)
    R(I32_TRUNC_F64_S,0x41dfffffffc00000,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_F64_S,0xc1e0000000000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_F64_S,0xc1e00000001ccccd,0x0,BITS,0x80000000)
    R(I32_TRUNC_F64_S,0x41dffffffff9999a,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_F64_S,0x41e0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_S,0xc1e0000000200000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_S,0x7ff0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_S,0xfff0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_S,0x7ff8000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_S,0x7ff4000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_S,0xfff8000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_S,0xfff4000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_U,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0x8000000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0x8000000000000001,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0x3ff0000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_F64_U,0x3ff199999999999a,0x0,BITS,0x1)
    R(I32_TRUNC_F64_U,0x3ff8000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_F64_U,0x3ffe666666666666,0x0,BITS,0x1)
    R(I32_TRUNC_F64_U,0x4000000000000000,0x0,BITS,0x2)
    R(I32_TRUNC_F64_U,0x41e0000000000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_F64_U,0x41efffffffe00000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F64_U,0xbfeccccccccccccd,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0xbfefffffffffffff,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0x4197d78400000000,0x0,BITS,0x5f5e100)
    R(I32_TRUNC_F64_U,0xbfeccccccccccccd,0x0,BITS,0x0)
    R(I32_TRUNC_F64_U,0x41effffffffccccd,0x0,BITS,0xffffffff)
    R(I32_TRUNC_F64_U,0x41f0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0xbff0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0x4341c37937e08000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0x46293e5939a08cea,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0x43e0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0x7ff0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0xfff0000000000000,0x0,TRAP_OVF,0x0)
    R(I32_TRUNC_F64_U,0x7ff8000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_U,0x7ff4000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_U,0xfff8000000000000,0x0,TRAP_CONV,0x0)
    R(I32_TRUNC_F64_U,0xfff4000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_S,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_F32_S,0x80000000,0x0,BITS,0x0)
    R(I64_TRUNC_F32_S,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_F32_S,0x80000001,0x0,BITS,0x0)
    R(I64_TRUNC_F32_S,0x3f800000,0x0,BITS,0x1)
    R(I64_TRUNC_F32_S,0x3f8ccccd,0x0,BITS,0x1)
    R(I64_TRUNC_F32_S,0x3fc00000,0x0,BITS,0x1)
    R(I64_TRUNC_F32_S,0xbf800000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F32_S,0xbf8ccccd,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F32_S,0xbfc00000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F32_S,0xbff33333,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F32_S,0xc0000000,0x0,BITS,0xfffffffffffffffe)
    R(I64_TRUNC_F32_S,0x4f800000,0x0,BITS,0x100000000)
    R(I64_TRUNC_F32_S,0xcf800000,0x0,BITS,0xffffffff00000000)
    R(I64_TRUNC_F32_S,0x5effffff,0x0,BITS,0x7fffff8000000000)
    R(I64_TRUNC_F32_S,0xdf000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_F32_S,0x5f000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_S,0xdf000001,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_S,0x7f800000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_S,0xff800000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_S,0x7fc00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_S,0x7fa00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_S,0xffc00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_S,0xffa00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_U,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_F32_U,0x80000000,0x0,BITS,0x0)
    R(I64_TRUNC_F32_U,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_F32_U,0x80000001,0x0,BITS,0x0)
    R(I64_TRUNC_F32_U,0x3f800000,0x0,BITS,0x1)
    R(I64_TRUNC_F32_U,0x3f8ccccd,0x0,BITS,0x1)
    R(I64_TRUNC_F32_U,0x3fc00000,0x0,BITS,0x1)
    R(I64_TRUNC_F32_U,0x4f800000,0x0,BITS,0x100000000)
    R(I64_TRUNC_F32_U,0x5f7fffff,0x0,BITS,0xffffff0000000000)
    R(I64_TRUNC_F32_U,0xbf666666,0x0,BITS,0x0)
    R(I64_TRUNC_F32_U,0xbf7fffff,0x0,BITS,0x0)
    R(I64_TRUNC_F32_U,0x5f800000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_U,0xbf800000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_U,0x7f800000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_U,0xff800000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F32_U,0x7fc00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_U,0x7fa00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_U,0xffc00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F32_U,0xffa00000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_S,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_F64_S,0x8000000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_F64_S,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_F64_S,0x8000000000000001,0x0,BITS,0x0)
    R(I64_TRUNC_F64_S,0x3ff0000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_F64_S,0x3ff199999999999a,0x0,BITS,0x1)
    R(I64_TRUNC_F64_S,0x3ff8000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_F64_S,0xbff0000000000000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F64_S,0xbff199999999999a,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F64_S,0xbff8000000000000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F64_S,0xbffe666666666666,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_F64_S,0xc000000000000000,0x0,BITS,0xfffffffffffffffe)
    R(I64_TRUNC_F64_S,0x41f0000000000000,0x0,BITS,0x100000000)
    R(I64_TRUNC_F64_S,0xc1f0000000000000,0x0,BITS,0xffffffff00000000)
    R(I64_TRUNC_F64_S,0x43dfffffffffffff,0x0,BITS,0x7ffffffffffffc00)
    R(I64_TRUNC_F64_S,0xc3e0000000000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_F64_S,0x43e0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_S,0xc3e0000000000001,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_S,0x7ff0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_S,0xfff0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_S,0x7ff8000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_S,0x7ff4000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_S,0xfff8000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_S,0xfff4000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_U,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_F64_U,0x8000000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_F64_U,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_F64_U,0x8000000000000001,0x0,BITS,0x0)
    R(I64_TRUNC_F64_U,0x3ff0000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_F64_U,0x3ff199999999999a,0x0,BITS,0x1)
    R(I64_TRUNC_F64_U,0x3ff8000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_F64_U,0x41efffffffe00000,0x0,BITS,0xffffffff)
    R(I64_TRUNC_F64_U,0x41f0000000000000,0x0,BITS,0x100000000)
    R(I64_TRUNC_F64_U,0x43efffffffffffff,0x0,BITS,0xfffffffffffff800)
    R(I64_TRUNC_F64_U,0xbfeccccccccccccd,0x0,BITS,0x0)
    R(I64_TRUNC_F64_U,0xbfefffffffffffff,0x0,BITS,0x0)
    R(I64_TRUNC_F64_U,0x4197d78400000000,0x0,BITS,0x5f5e100)
    R(I64_TRUNC_F64_U,0x4341c37937e08000,0x0,BITS,0x2386f26fc10000)
    R(I64_TRUNC_F64_U,0x43e0000000000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_F64_U,0x43f0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_U,0xbff0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_U,0x7ff0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_U,0xfff0000000000000,0x0,TRAP_OVF,0x0)
    R(I64_TRUNC_F64_U,0x7ff8000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_U,0x7ff4000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_U,0xfff8000000000000,0x0,TRAP_CONV,0x0)
    R(I64_TRUNC_F64_U,0xfff4000000000000,0x0,TRAP_CONV,0x0)
    R(F32_CONVERT_I32_S,0x1,0x0,BITS,0x3f800000)
    R(F32_CONVERT_I32_S,0xffffffff,0x0,BITS,0xbf800000)
    R(F32_CONVERT_I32_S,0x0,0x0,BITS,0x0)
    R(F32_CONVERT_I32_S,0x7fffffff,0x0,BITS,0x4f000000)
    R(F32_CONVERT_I32_S,0x80000000,0x0,BITS,0xcf000000)
    R(F32_CONVERT_I32_S,0x499602d2,0x0,BITS,0x4e932c06)
    R(I32_TRUNC_SAT_F32_S,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0x80000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0x80000001,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0x3f800000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_S,0x3f8ccccd,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_S,0x3fc00000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_S,0xbf800000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F32_S,0xbf8ccccd,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F32_S,0xbfc00000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F32_S,0xbff33333,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F32_S,0xc0000000,0x0,BITS,0xfffffffe)
    R(I32_TRUNC_SAT_F32_S,0x4effffff,0x0,BITS,0x7fffff80)
    R(I32_TRUNC_SAT_F32_S,0xcf000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F32_S,0x4f000000,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_SAT_F32_S,0xcf000001,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F32_S,0x7f800000,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_SAT_F32_S,0xff800000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F32_S,0x7fc00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0x7fa00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0xffc00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_S,0xffa00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x80000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x80000001,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x3f800000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_U,0x3f8ccccd,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_U,0x3fc00000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_U,0x3ff33333,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F32_U,0x40000000,0x0,BITS,0x2)
    R(I32_TRUNC_SAT_F32_U,0x4f000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F32_U,0x4f7fffff,0x0,BITS,0xffffff00)
    R(I32_TRUNC_SAT_F32_U,0xbf666666,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0xbf7fffff,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x4f800000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F32_U,0xbf800000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x7f800000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F32_U,0xff800000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x7fc00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0x7fa00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0xffc00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F32_U,0xffa00000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0x8000000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0x8000000000000001,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0x3ff0000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_S,0x3ff199999999999a,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_S,0x3ff8000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_S,0xbff0000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_S,0xbff199999999999a,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_S,0xbff8000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_S,0xbffe666666666666,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_S,0xc000000000000000,0x0,BITS,0xfffffffe)
    R(I32_TRUNC_SAT_F64_S,0x41dfffffffc00000,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_SAT_F64_S,0xc1e0000000000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F64_S,0x41e0000000000000,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_SAT_F64_S,0xc1e0000000200000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F64_S,0x7ff0000000000000,0x0,BITS,0x7fffffff)
    R(I32_TRUNC_SAT_F64_S,0xfff0000000000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F64_S,0x7ff8000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0x7ff4000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0xfff8000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_S,0xfff4000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x0,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x8000000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x1,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x8000000000000001,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x3ff0000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_U,0x3ff199999999999a,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_U,0x3ff8000000000000,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_U,0x3ffe666666666666,0x0,BITS,0x1)
    R(I32_TRUNC_SAT_F64_U,0x4000000000000000,0x0,BITS,0x2)
    R(I32_TRUNC_SAT_F64_U,0x41e0000000000000,0x0,BITS,0x80000000)
    R(I32_TRUNC_SAT_F64_U,0x41efffffffe00000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_U,0xbfeccccccccccccd,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0xbfefffffffffffff,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x4197d78400000000,0x0,BITS,0x5f5e100)
    R(I32_TRUNC_SAT_F64_U,0x41f0000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_U,0xbff0000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x4341c37937e08000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_U,0x46293e5939a08cea,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_U,0x43e0000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_U,0x7ff0000000000000,0x0,BITS,0xffffffff)
    R(I32_TRUNC_SAT_F64_U,0xfff0000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x7ff8000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0x7ff4000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0xfff8000000000000,0x0,BITS,0x0)
    R(I32_TRUNC_SAT_F64_U,0xfff4000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0x80000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0x80000001,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0x3f800000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F32_S,0x3f8ccccd,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F32_S,0x3fc00000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F32_S,0xbf800000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F32_S,0xbf8ccccd,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F32_S,0xbfc00000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F32_S,0xbff33333,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F32_S,0xc0000000,0x0,BITS,0xfffffffffffffffe)
    R(I64_TRUNC_SAT_F32_S,0x4f800000,0x0,BITS,0x100000000)
    R(I64_TRUNC_SAT_F32_S,0xcf800000,0x0,BITS,0xffffffff00000000)
    R(I64_TRUNC_SAT_F32_S,0x5effffff,0x0,BITS,0x7fffff8000000000)
    R(I64_TRUNC_SAT_F32_S,0xdf000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F32_S,0x5f000000,0x0,BITS,0x7fffffffffffffff)
    R(I64_TRUNC_SAT_F32_S,0xdf000001,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F32_S,0x7f800000,0x0,BITS,0x7fffffffffffffff)
    R(I64_TRUNC_SAT_F32_S,0xff800000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F32_S,0x7fc00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0x7fa00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0xffc00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_S,0xffa00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x80000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x80000001,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x3f800000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F32_U,0x3f8ccccd,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F32_U,0x3fc00000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F32_U,0x4f800000,0x0,BITS,0x100000000)
    R(I64_TRUNC_SAT_F32_U,0x5f7fffff,0x0,BITS,0xffffff0000000000)
    R(I64_TRUNC_SAT_F32_U,0xbf666666,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0xbf7fffff,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x5f800000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F32_U,0xbf800000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x7f800000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F32_U,0xff800000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x7fc00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0x7fa00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0xffc00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F32_U,0xffa00000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0x8000000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0x8000000000000001,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0x3ff0000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F64_S,0x3ff199999999999a,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F64_S,0x3ff8000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F64_S,0xbff0000000000000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F64_S,0xbff199999999999a,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F64_S,0xbff8000000000000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F64_S,0xbffe666666666666,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F64_S,0xc000000000000000,0x0,BITS,0xfffffffffffffffe)
    R(I64_TRUNC_SAT_F64_S,0x41f0000000000000,0x0,BITS,0x100000000)
    R(I64_TRUNC_SAT_F64_S,0xc1f0000000000000,0x0,BITS,0xffffffff00000000)
    R(I64_TRUNC_SAT_F64_S,0x43dfffffffffffff,0x0,BITS,0x7ffffffffffffc00)
    R(I64_TRUNC_SAT_F64_S,0xc3e0000000000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F64_S,0x43e0000000000000,0x0,BITS,0x7fffffffffffffff)
    R(I64_TRUNC_SAT_F64_S,0xc3e0000000000001,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F64_S,0x7ff0000000000000,0x0,BITS,0x7fffffffffffffff)
    R(I64_TRUNC_SAT_F64_S,0xfff0000000000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F64_S,0x7ff8000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0x7ff4000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0xfff8000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_S,0xfff4000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x0,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x8000000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x1,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x8000000000000001,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x3ff0000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F64_U,0x3ff199999999999a,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F64_U,0x3ff8000000000000,0x0,BITS,0x1)
    R(I64_TRUNC_SAT_F64_U,0x41efffffffe00000,0x0,BITS,0xffffffff)
    R(I64_TRUNC_SAT_F64_U,0x41f0000000000000,0x0,BITS,0x100000000)
    R(I64_TRUNC_SAT_F64_U,0x43efffffffffffff,0x0,BITS,0xfffffffffffff800)
    R(I64_TRUNC_SAT_F64_U,0xbfeccccccccccccd,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0xbfefffffffffffff,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x4197d78400000000,0x0,BITS,0x5f5e100)
    R(I64_TRUNC_SAT_F64_U,0x4341c37937e08000,0x0,BITS,0x2386f26fc10000)
    R(I64_TRUNC_SAT_F64_U,0x43e0000000000000,0x0,BITS,0x8000000000000000)
    R(I64_TRUNC_SAT_F64_U,0x43f0000000000000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F64_U,0xbff0000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x7ff0000000000000,0x0,BITS,0xffffffffffffffff)
    R(I64_TRUNC_SAT_F64_U,0xfff0000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x7ff8000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0x7ff4000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0xfff8000000000000,0x0,BITS,0x0)
    R(I64_TRUNC_SAT_F64_U,0xfff4000000000000,0x0,BITS,0x0)
    R(F32_CONVERT_I32_S,0x1000001,0x0,BITS,0x4b800000)
    R(F32_CONVERT_I32_S,0xfeffffff,0x0,BITS,0xcb800000)
    R(F32_CONVERT_I32_S,0x1000003,0x0,BITS,0x4b800002)
    R(F32_CONVERT_I32_S,0xfefffffd,0x0,BITS,0xcb800002)
    R(F32_CONVERT_I64_S,0x1,0x0,BITS,0x3f800000)
    R(F32_CONVERT_I64_S,0xffffffffffffffff,0x0,BITS,0xbf800000)
    R(F32_CONVERT_I64_S,0x0,0x0,BITS,0x0)
    R(F32_CONVERT_I64_S,0x7fffffffffffffff,0x0,BITS,0x5f000000)
    R(F32_CONVERT_I64_S,0x8000000000000000,0x0,BITS,0xdf000000)
    R(F32_CONVERT_I64_S,0x11db9e76a2483,0x0,BITS,0x578edcf4)
    R(F32_CONVERT_I64_S,0x1000001,0x0,BITS,0x4b800000)
    R(F32_CONVERT_I64_S,0xfffffffffeffffff,0x0,BITS,0xcb800000)
    R(F32_CONVERT_I64_S,0x1000003,0x0,BITS,0x4b800002)
    R(F32_CONVERT_I64_S,0xfffffffffefffffd,0x0,BITS,0xcb800002)
    R(F32_CONVERT_I64_S,0x7fffff4000000001,0x0,BITS,0x5effffff)
    R(F32_CONVERT_I64_S,0x8000004000000001,0x0,BITS,0xdeffffff)
    R(F32_CONVERT_I64_S,0x20000020000001,0x0,BITS,0x5a000001)
    R(F32_CONVERT_I64_S,0xffdfffffdfffffff,0x0,BITS,0xda000001)
    R(F64_CONVERT_I32_S,0x1,0x0,BITS,0x3ff0000000000000)
    R(F64_CONVERT_I32_S,0xffffffff,0x0,BITS,0xbff0000000000000)
    R(F64_CONVERT_I32_S,0x0,0x0,BITS,0x0)
    R(F64_CONVERT_I32_S,0x7fffffff,0x0,BITS,0x41dfffffffc00000)
    R(F64_CONVERT_I32_S,0x80000000,0x0,BITS,0xc1e0000000000000)
    R(F64_CONVERT_I32_S,0x3ade68b1,0x0,BITS,0x41cd6f3458800000)
    R(F64_CONVERT_I64_S,0x1,0x0,BITS,0x3ff0000000000000)
    R(F64_CONVERT_I64_S,0xffffffffffffffff,0x0,BITS,0xbff0000000000000)
    R(F64_CONVERT_I64_S,0x0,0x0,BITS,0x0)
    R(F64_CONVERT_I64_S,0x7fffffffffffffff,0x0,BITS,0x43e0000000000000)
    R(F64_CONVERT_I64_S,0x8000000000000000,0x0,BITS,0xc3e0000000000000)
    R(F64_CONVERT_I64_S,0x10969d374b968e,0x0,BITS,0x4330969d374b968e)
    R(F64_CONVERT_I64_S,0x20000000000001,0x0,BITS,0x4340000000000000)
    R(F64_CONVERT_I64_S,0xffdfffffffffffff,0x0,BITS,0xc340000000000000)
    R(F64_CONVERT_I64_S,0x20000000000003,0x0,BITS,0x4340000000000002)
    R(F64_CONVERT_I64_S,0xffdffffffffffffd,0x0,BITS,0xc340000000000002)
    R(F32_CONVERT_I32_U,0x1,0x0,BITS,0x3f800000)
    R(F32_CONVERT_I32_U,0x0,0x0,BITS,0x0)
    R(F32_CONVERT_I32_U,0x7fffffff,0x0,BITS,0x4f000000)
    R(F32_CONVERT_I32_U,0x80000000,0x0,BITS,0x4f000000)
    R(F32_CONVERT_I32_U,0x12345678,0x0,BITS,0x4d91a2b4)
    R(F32_CONVERT_I32_U,0xffffffff,0x0,BITS,0x4f800000)
    R(F32_CONVERT_I32_U,0x80000080,0x0,BITS,0x4f000000)
    R(F32_CONVERT_I32_U,0x80000081,0x0,BITS,0x4f000001)
    R(F32_CONVERT_I32_U,0x80000082,0x0,BITS,0x4f000001)
    R(F32_CONVERT_I32_U,0xfffffe80,0x0,BITS,0x4f7ffffe)
    R(F32_CONVERT_I32_U,0xfffffe81,0x0,BITS,0x4f7fffff)
    R(F32_CONVERT_I32_U,0xfffffe82,0x0,BITS,0x4f7fffff)
    R(F32_CONVERT_I32_U,0x1000001,0x0,BITS,0x4b800000)
    R(F32_CONVERT_I32_U,0x1000003,0x0,BITS,0x4b800002)
    R(F32_CONVERT_I64_U,0x1,0x0,BITS,0x3f800000)
    R(F32_CONVERT_I64_U,0x0,0x0,BITS,0x0)
    R(F32_CONVERT_I64_U,0x7fffffffffffffff,0x0,BITS,0x5f000000)
    R(F32_CONVERT_I64_U,0x8000000000000000,0x0,BITS,0x5f000000)
    R(F32_CONVERT_I64_U,0xffffffffffffffff,0x0,BITS,0x5f800000)
    R(F32_CONVERT_I64_U,0x1000001,0x0,BITS,0x4b800000)
    R(F32_CONVERT_I64_U,0x1000003,0x0,BITS,0x4b800002)
    R(F32_CONVERT_I64_U,0x20000020000001,0x0,BITS,0x5a000001)
    R(F32_CONVERT_I64_U,0x7fffffbfffffffff,0x0,BITS,0x5effffff)
    R(F32_CONVERT_I64_U,0x8000008000000001,0x0,BITS,0x5f000001)
    R(F32_CONVERT_I64_U,0xfffffe8000000001,0x0,BITS,0x5f7fffff)
    R(F64_CONVERT_I32_U,0x1,0x0,BITS,0x3ff0000000000000)
    R(F64_CONVERT_I32_U,0x0,0x0,BITS,0x0)
    R(F64_CONVERT_I32_U,0x7fffffff,0x0,BITS,0x41dfffffffc00000)
    R(F64_CONVERT_I32_U,0x80000000,0x0,BITS,0x41e0000000000000)
    R(F64_CONVERT_I32_U,0xffffffff,0x0,BITS,0x41efffffffe00000)
    R(F64_CONVERT_I64_U,0x1,0x0,BITS,0x3ff0000000000000)
    R(F64_CONVERT_I64_U,0x0,0x0,BITS,0x0)
    R(F64_CONVERT_I64_U,0x7fffffffffffffff,0x0,BITS,0x43e0000000000000)
    R(F64_CONVERT_I64_U,0x8000000000000000,0x0,BITS,0x43e0000000000000)
    R(F64_CONVERT_I64_U,0xffffffffffffffff,0x0,BITS,0x43f0000000000000)
    R(F64_CONVERT_I64_U,0x8000000000000400,0x0,BITS,0x43e0000000000000)
    R(F64_CONVERT_I64_U,0x8000000000000401,0x0,BITS,0x43e0000000000001)
    R(F64_CONVERT_I64_U,0x8000000000000402,0x0,BITS,0x43e0000000000001)
    R(F64_CONVERT_I64_U,0xfffffffffffff400,0x0,BITS,0x43effffffffffffe)
    R(F64_CONVERT_I64_U,0xfffffffffffff401,0x0,BITS,0x43efffffffffffff)
    R(F64_CONVERT_I64_U,0xfffffffffffff402,0x0,BITS,0x43efffffffffffff)
    R(F64_CONVERT_I64_U,0x20000000000001,0x0,BITS,0x4340000000000000)
    R(F64_CONVERT_I64_U,0x20000000000003,0x0,BITS,0x4340000000000002)
    R(F64_PROMOTE_F32,0x0,0x0,BITS,0x0)
    R(F64_PROMOTE_F32,0x80000000,0x0,BITS,0x8000000000000000)
    R(F64_PROMOTE_F32,0x1,0x0,BITS,0x36a0000000000000)
    R(F64_PROMOTE_F32,0x80000001,0x0,BITS,0xb6a0000000000000)
    R(F64_PROMOTE_F32,0x3f800000,0x0,BITS,0x3ff0000000000000)
    R(F64_PROMOTE_F32,0xbf800000,0x0,BITS,0xbff0000000000000)
    R(F64_PROMOTE_F32,0xff7fffff,0x0,BITS,0xc7efffffe0000000)
    R(F64_PROMOTE_F32,0x7f7fffff,0x0,BITS,0x47efffffe0000000)
    R(F64_PROMOTE_F32,0x4000000,0x0,BITS,0x3880000000000000)
    R(F64_PROMOTE_F32,0x7e47c33f,0x0,BITS,0x47c8f867e0000000)
    R(F64_PROMOTE_F32,0x7f800000,0x0,BITS,0x7ff0000000000000)
    R(F64_PROMOTE_F32,0xff800000,0x0,BITS,0xfff0000000000000)
    R(F64_PROMOTE_F32,0x7fc00000,0x0,CANON64,0x0)
    R(F64_PROMOTE_F32,0x7fa00000,0x0,ARITH64,0x0)
    R(F64_PROMOTE_F32,0xffc00000,0x0,CANON64,0x0)
    R(F64_PROMOTE_F32,0xffa00000,0x0,ARITH64,0x0)
    R(F32_DEMOTE_F64,0x0,0x0,BITS,0x0)
    R(F32_DEMOTE_F64,0x8000000000000000,0x0,BITS,0x80000000)
    R(F32_DEMOTE_F64,0x1,0x0,BITS,0x0)
    R(F32_DEMOTE_F64,0x8000000000000001,0x0,BITS,0x80000000)
    R(F32_DEMOTE_F64,0x3ff0000000000000,0x0,BITS,0x3f800000)
    R(F32_DEMOTE_F64,0xbff0000000000000,0x0,BITS,0xbf800000)
    R(F32_DEMOTE_F64,0x380fffffe0000000,0x0,BITS,0x800000)
    R(F32_DEMOTE_F64,0xb80fffffe0000000,0x0,BITS,0x80800000)
    R(F32_DEMOTE_F64,0x380fffffdfffffff,0x0,BITS,0x7fffff)
    R(F32_DEMOTE_F64,0xb80fffffdfffffff,0x0,BITS,0x807fffff)
    R(F32_DEMOTE_F64,0x36a0000000000000,0x0,BITS,0x1)
    R(F32_DEMOTE_F64,0xb6a0000000000000,0x0,BITS,0x80000001)
    R(F32_DEMOTE_F64,0x47efffffd0000000,0x0,BITS,0x7f7ffffe)
    R(F32_DEMOTE_F64,0xc7efffffd0000000,0x0,BITS,0xff7ffffe)
    R(F32_DEMOTE_F64,0x47efffffd0000001,0x0,BITS,0x7f7fffff)
    R(F32_DEMOTE_F64,0xc7efffffd0000001,0x0,BITS,0xff7fffff)
    R(F32_DEMOTE_F64,0x47efffffe0000000,0x0,BITS,0x7f7fffff)
    R(F32_DEMOTE_F64,0xc7efffffe0000000,0x0,BITS,0xff7fffff)
    R(F32_DEMOTE_F64,0x47efffffefffffff,0x0,BITS,0x7f7fffff)
    R(F32_DEMOTE_F64,0xc7efffffefffffff,0x0,BITS,0xff7fffff)
    R(F32_DEMOTE_F64,0x47effffff0000000,0x0,BITS,0x7f800000)
    R(F32_DEMOTE_F64,0xc7effffff0000000,0x0,BITS,0xff800000)
    R(F32_DEMOTE_F64,0x3880000000000000,0x0,BITS,0x4000000)
    R(F32_DEMOTE_F64,0x47c8f867e0000000,0x0,BITS,0x7e47c33f)
    R(F32_DEMOTE_F64,0x7ff0000000000000,0x0,BITS,0x7f800000)
    R(F32_DEMOTE_F64,0xfff0000000000000,0x0,BITS,0xff800000)
    R(F32_DEMOTE_F64,0x3ff0000000000001,0x0,BITS,0x3f800000)
    R(F32_DEMOTE_F64,0x3fefffffffffffff,0x0,BITS,0x3f800000)
    R(F32_DEMOTE_F64,0x3ff0000010000000,0x0,BITS,0x3f800000)
    R(F32_DEMOTE_F64,0x3ff0000010000001,0x0,BITS,0x3f800001)
    R(F32_DEMOTE_F64,0x3ff000002fffffff,0x0,BITS,0x3f800001)
    R(F32_DEMOTE_F64,0x3ff0000030000000,0x0,BITS,0x3f800002)
    R(F32_DEMOTE_F64,0x3ff0000050000000,0x0,BITS,0x3f800002)
    R(F32_DEMOTE_F64,0x4170000010000000,0x0,BITS,0x4b800000)
    R(F32_DEMOTE_F64,0x4170000010000001,0x0,BITS,0x4b800001)
    R(F32_DEMOTE_F64,0x417000002fffffff,0x0,BITS,0x4b800001)
    R(F32_DEMOTE_F64,0x4170000030000000,0x0,BITS,0x4b800002)
    R(F32_DEMOTE_F64,0x46b4eae4f7024c70,0x0,BITS,0x75a75728)
    R(F32_DEMOTE_F64,0x38ea12e71e358685,0x0,BITS,0x7509739)
    R(F32_DEMOTE_F64,0x380cb98354d521ff,0x0,BITS,0x72e60d)
    R(F32_DEMOTE_F64,0xc006972b30cfb562,0x0,BITS,0xc034b95a)
    R(F32_DEMOTE_F64,0xc6fbedbe4819d4c4,0x0,BITS,0xf7df6df2)
    R(F32_DEMOTE_F64,0x7ff8000000000000,0x0,CANON32,0x0)
    R(F32_DEMOTE_F64,0x7ff4000000000000,0x0,ARITH32,0x0)
    R(F32_DEMOTE_F64,0xfff8000000000000,0x0,CANON32,0x0)
    R(F32_DEMOTE_F64,0xfff4000000000000,0x0,ARITH32,0x0)
    R(F32_DEMOTE_F64,0x10000000000000,0x0,BITS,0x0)
    R(F32_DEMOTE_F64,0x8010000000000000,0x0,BITS,0x80000000)
    R(F32_DEMOTE_F64,0x3690000000000000,0x0,BITS,0x0)
    R(F32_DEMOTE_F64,0xb690000000000000,0x0,BITS,0x80000000)
    R(F32_DEMOTE_F64,0x3690000000000001,0x0,BITS,0x1)
    R(F32_DEMOTE_F64,0xb690000000000001,0x0,BITS,0x80000001)
    R(F32_REINTERPRET_I32,0x0,0x0,BITS,0x0)
    R(F32_REINTERPRET_I32,0x80000000,0x0,BITS,0x80000000)
    R(F32_REINTERPRET_I32,0x1,0x0,BITS,0x1)
    R(F32_REINTERPRET_I32,0xffffffff,0x0,BITS,0xffffffff)
    R(F32_REINTERPRET_I32,0x75bcd15,0x0,BITS,0x75bcd15)
    R(F32_REINTERPRET_I32,0x80000001,0x0,BITS,0x80000001)
    R(F32_REINTERPRET_I32,0x7f800000,0x0,BITS,0x7f800000)
    R(F32_REINTERPRET_I32,0xff800000,0x0,BITS,0xff800000)
    R(F32_REINTERPRET_I32,0x7fc00000,0x0,BITS,0x7fc00000)
    R(F32_REINTERPRET_I32,0xffc00000,0x0,BITS,0xffc00000)
    R(F32_REINTERPRET_I32,0x7fa00000,0x0,BITS,0x7fa00000)
    R(F32_REINTERPRET_I32,0xffa00000,0x0,BITS,0xffa00000)
    R(F64_REINTERPRET_I64,0x0,0x0,BITS,0x0)
    R(F64_REINTERPRET_I64,0x1,0x0,BITS,0x1)
    R(F64_REINTERPRET_I64,0xffffffffffffffff,0x0,BITS,0xffffffffffffffff)
    R(F64_REINTERPRET_I64,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(F64_REINTERPRET_I64,0x499602d2,0x0,BITS,0x499602d2)
    R(F64_REINTERPRET_I64,0x8000000000000001,0x0,BITS,0x8000000000000001)
    R(F64_REINTERPRET_I64,0x7ff0000000000000,0x0,BITS,0x7ff0000000000000)
    R(F64_REINTERPRET_I64,0xfff0000000000000,0x0,BITS,0xfff0000000000000)
    R(F64_REINTERPRET_I64,0x7ff8000000000000,0x0,BITS,0x7ff8000000000000)
    R(F64_REINTERPRET_I64,0xfff8000000000000,0x0,BITS,0xfff8000000000000)
    R(F64_REINTERPRET_I64,0x7ff4000000000000,0x0,BITS,0x7ff4000000000000)
    R(F64_REINTERPRET_I64,0xfff4000000000000,0x0,BITS,0xfff4000000000000)
    R(I32_REINTERPRET_F32,0x0,0x0,BITS,0x0)
    R(I32_REINTERPRET_F32,0x80000000,0x0,BITS,0x80000000)
    R(I32_REINTERPRET_F32,0x1,0x0,BITS,0x1)
    R(I32_REINTERPRET_F32,0xffffffff,0x0,BITS,0xffffffff)
    R(I32_REINTERPRET_F32,0x80000001,0x0,BITS,0x80000001)
    R(I32_REINTERPRET_F32,0x3f800000,0x0,BITS,0x3f800000)
    R(I32_REINTERPRET_F32,0x40490fda,0x0,BITS,0x40490fda)
    R(I32_REINTERPRET_F32,0x7f7fffff,0x0,BITS,0x7f7fffff)
    R(I32_REINTERPRET_F32,0xff7fffff,0x0,BITS,0xff7fffff)
    R(I32_REINTERPRET_F32,0x7f800000,0x0,BITS,0x7f800000)
    R(I32_REINTERPRET_F32,0xff800000,0x0,BITS,0xff800000)
    R(I32_REINTERPRET_F32,0x7fc00000,0x0,BITS,0x7fc00000)
    R(I32_REINTERPRET_F32,0xffc00000,0x0,BITS,0xffc00000)
    R(I32_REINTERPRET_F32,0x7fa00000,0x0,BITS,0x7fa00000)
    R(I32_REINTERPRET_F32,0xffa00000,0x0,BITS,0xffa00000)
    R(I64_REINTERPRET_F64,0x0,0x0,BITS,0x0)
    R(I64_REINTERPRET_F64,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(I64_REINTERPRET_F64,0x1,0x0,BITS,0x1)
    R(I64_REINTERPRET_F64,0xffffffffffffffff,0x0,BITS,0xffffffffffffffff)
    R(I64_REINTERPRET_F64,0x8000000000000001,0x0,BITS,0x8000000000000001)
    R(I64_REINTERPRET_F64,0x3ff0000000000000,0x0,BITS,0x3ff0000000000000)
    R(I64_REINTERPRET_F64,0x400921fb54442d11,0x0,BITS,0x400921fb54442d11)
    R(I64_REINTERPRET_F64,0x7fefffffffffffff,0x0,BITS,0x7fefffffffffffff)
    R(I64_REINTERPRET_F64,0xffefffffffffffff,0x0,BITS,0xffefffffffffffff)
    R(I64_REINTERPRET_F64,0x7ff0000000000000,0x0,BITS,0x7ff0000000000000)
    R(I64_REINTERPRET_F64,0xfff0000000000000,0x0,BITS,0xfff0000000000000)
    R(I64_REINTERPRET_F64,0x7ff8000000000000,0x0,BITS,0x7ff8000000000000)
    R(I64_REINTERPRET_F64,0xfff8000000000000,0x0,BITS,0xfff8000000000000)
    R(I64_REINTERPRET_F64,0x7ff4000000000000,0x0,BITS,0x7ff4000000000000)
    R(I64_REINTERPRET_F64,0xfff4000000000000,0x0,BITS,0xfff4000000000000)
    R(I32_ADD,0x1,0x1,BITS,0x2)
    R(I32_ADD,0xffffffff,0xffffffff,BITS,0xfffffffe)
    R(I32_ADD,0x7fffffff,0x1,BITS,0x80000000)
    R(I32_ADD,0x80000000,0x80000000,BITS,0x0)
    R(I32_SUB,0x1,0x1,BITS,0x0)
    R(I32_SUB,0xffffffff,0xffffffff,BITS,0x0)
    R(I32_SUB,0x80000000,0x1,BITS,0x7fffffff)
    R(I32_SUB,0x3fffffff,0xffffffff,BITS,0x40000000)
    R(I32_MUL,0x1,0x1,BITS,0x1)
    R(I32_MUL,0xffffffff,0xffffffff,BITS,0x1)
    R(I32_MUL,0x80000000,0x0,BITS,0x0)
    R(I32_MUL,0x7fffffff,0xffffffff,BITS,0x80000001)
    R(I32_MUL,0x7fffffff,0x7fffffff,BITS,0x1)
    R(I32_DIV_S,0x1,0x0,TRAP_DIV,0x0)
    R(I32_DIV_S,0x80000000,0xffffffff,TRAP_OVF,0x0)
    R(I32_DIV_S,0x1,0x1,BITS,0x1)
    R(I32_DIV_S,0x0,0xffffffff,BITS,0x0)
    R(I32_DIV_S,0x80000000,0x2,BITS,0xc0000000)
    R(I32_DIV_S,0x5,0x2,BITS,0x2)
    R(I32_DIV_S,0x5,0xfffffffe,BITS,0xfffffffe)
    R(I32_DIV_S,0x7,0x3,BITS,0x2)
    R(I32_DIV_S,0x7,0xfffffffd,BITS,0xfffffffe)
    R(I32_DIV_S,0xb,0x5,BITS,0x2)
    R(I32_DIV_U,0x1,0x0,TRAP_DIV,0x0)
    R(I32_DIV_U,0x1,0x1,BITS,0x1)
    R(I32_DIV_U,0xffffffff,0xffffffff,BITS,0x1)
    R(I32_DIV_U,0x80000000,0x2,BITS,0x40000000)
    R(I32_DIV_U,0x80000001,0x3e8,BITS,0x20c49b)
    R(I32_DIV_U,0xfffffffb,0x2,BITS,0x7ffffffd)
    R(I32_DIV_U,0xfffffffb,0xfffffffe,BITS,0x0)
    R(I32_DIV_U,0xb,0x5,BITS,0x2)
    R(I32_REM_S,0x1,0x0,TRAP_DIV,0x0)
    R(I32_REM_S,0x7fffffff,0xffffffff,BITS,0x0)
    R(I32_REM_S,0x0,0x1,BITS,0x0)
    R(I32_REM_S,0xffffffff,0xffffffff,BITS,0x0)
    R(I32_REM_S,0x80000000,0x2,BITS,0x0)
    R(I32_REM_S,0x5,0x2,BITS,0x1)
    R(I32_REM_S,0x5,0xfffffffe,BITS,0x1)
    R(I32_REM_S,0x7,0x3,BITS,0x1)
    R(I32_REM_S,0x7,0xfffffffd,BITS,0x1)
    R(I32_REM_S,0xb,0x5,BITS,0x1)
    R(I32_REM_U,0x1,0x0,TRAP_DIV,0x0)
    R(I32_REM_U,0x1,0x1,BITS,0x0)
    R(I32_REM_U,0xffffffff,0xffffffff,BITS,0x0)
    R(I32_REM_U,0x80000000,0x2,BITS,0x0)
    R(I32_REM_U,0x80000001,0x3e8,BITS,0x289)
    R(I32_REM_U,0xfffffffb,0x2,BITS,0x1)
    R(I32_REM_U,0xfffffffb,0xfffffffe,BITS,0xfffffffb)
    R(I32_REM_U,0xb,0x5,BITS,0x1)
    R(I32_AND,0x1,0x0,BITS,0x0)
    R(I32_AND,0x1,0x1,BITS,0x1)
    R(I32_AND,0x7fffffff,0x80000000,BITS,0x0)
    R(I32_AND,0xf0f0ffff,0xfffff0f0,BITS,0xf0f0f0f0)
    R(I32_OR,0x1,0x0,BITS,0x1)
    R(I32_OR,0x1,0x1,BITS,0x1)
    R(I32_OR,0x7fffffff,0x80000000,BITS,0xffffffff)
    R(I32_OR,0xf0f0ffff,0xfffff0f0,BITS,0xffffffff)
    R(I32_XOR,0x1,0x0,BITS,0x1)
    R(I32_XOR,0x1,0x1,BITS,0x0)
    R(I32_XOR,0x7fffffff,0x80000000,BITS,0xffffffff)
    R(I32_XOR,0xffffffff,0x80000000,BITS,0x7fffffff)
    R(I32_XOR,0xf0f0ffff,0xfffff0f0,BITS,0xf0f0f0f)
    R(I32_SHL,0x1,0x1,BITS,0x2)
    R(I32_SHL,0x7fffffff,0x1,BITS,0xfffffffe)
    R(I32_SHL,0x80000000,0x1,BITS,0x0)
    R(I32_SHL,0x1,0x1f,BITS,0x80000000)
    R(I32_SHL,0x1,0x21,BITS,0x2)
    R(I32_SHL,0x1,0x7fffffff,BITS,0x80000000)
    R(I32_SHR_S,0x1,0x1,BITS,0x0)
    R(I32_SHR_S,0xffffffff,0x1,BITS,0xffffffff)
    R(I32_SHR_S,0x80000000,0x1,BITS,0xc0000000)
    R(I32_SHR_S,0x1,0x20,BITS,0x1)
    R(I32_SHR_S,0x1,0xffffffff,BITS,0x0)
    R(I32_SHR_S,0x1,0x80000000,BITS,0x1)
    R(I32_SHR_S,0xffffffff,0x20,BITS,0xffffffff)
    R(I32_SHR_S,0xffffffff,0xffffffff,BITS,0xffffffff)
    R(I32_SHR_S,0xffffffff,0x80000000,BITS,0xffffffff)
    R(I32_SHR_U,0x1,0x1,BITS,0x0)
    R(I32_SHR_U,0xffffffff,0x1,BITS,0x7fffffff)
    R(I32_SHR_U,0x80000000,0x1,BITS,0x40000000)
    R(I32_SHR_U,0x1,0x20,BITS,0x1)
    R(I32_SHR_U,0x1,0xffffffff,BITS,0x0)
    R(I32_SHR_U,0x1,0x80000000,BITS,0x1)
    R(I32_SHR_U,0xffffffff,0x20,BITS,0xffffffff)
    R(I32_SHR_U,0xffffffff,0xffffffff,BITS,0x1)
    R(I32_SHR_U,0xffffffff,0x80000000,BITS,0xffffffff)
    R(I32_ROTL,0x1,0x1,BITS,0x2)
    R(I32_ROTL,0xffffffff,0x1,BITS,0xffffffff)
    R(I32_ROTL,0xabcd9876,0x1,BITS,0x579b30ed)
    R(I32_ROTL,0xb0c1d2e3,0x5,BITS,0x183a5c76)
    R(I32_ROTL,0xb0c1d2e3,0xff05,BITS,0x183a5c76)
    R(I32_ROTL,0x769abcdf,0x8000000d,BITS,0x579beed3)
    R(I32_ROTL,0x80000000,0x1,BITS,0x1)
    R(I32_ROTR,0x1,0x1,BITS,0x80000000)
    R(I32_ROTR,0xffffffff,0x1,BITS,0xffffffff)
    R(I32_ROTR,0xff00cc00,0x1,BITS,0x7f806600)
    R(I32_ROTR,0xb0c1d2e3,0x5,BITS,0x1d860e97)
    R(I32_ROTR,0xb0c1d2e3,0xff05,BITS,0x1d860e97)
    R(I32_ROTR,0x769abcdf,0x8000000d,BITS,0xe6fbb4d5)
    R(I32_ROTR,0x80000000,0x1f,BITS,0x1)
    R(I32_CLZ,0xffffffff,0x0,BITS,0x0)
    R(I32_CLZ,0x8000,0x0,BITS,0x10)
    R(I32_CLZ,0x80000000,0x0,BITS,0x0)
    R(I32_CLZ,0x2,0x0,BITS,0x1e)
    R(I32_CTZ,0xffffffff,0x0,BITS,0x0)
    R(I32_CTZ,0x8000,0x0,BITS,0xf)
    R(I32_CTZ,0x80000000,0x0,BITS,0x1f)
    R(I32_POPCNT,0xffffffff,0x0,BITS,0x20)
    R(I32_POPCNT,0x8000,0x0,BITS,0x1)
    R(I32_POPCNT,0x7fffffff,0x0,BITS,0x1f)
    R(I32_POPCNT,0x55555555,0x0,BITS,0x10)
    R(I32_EXTEND8_S,0x0,0x0,BITS,0x0)
    R(I32_EXTEND8_S,0x80,0x0,BITS,0xffffff80)
    R(I32_EXTEND8_S,0x1234500,0x0,BITS,0x0)
    R(I32_EXTEND8_S,0xffffffff,0x0,BITS,0xffffffff)
    R(I32_EXTEND16_S,0x0,0x0,BITS,0x0)
    R(I32_EXTEND16_S,0x8000,0x0,BITS,0xffff8000)
    R(I32_EXTEND16_S,0x1230000,0x0,BITS,0x0)
    R(I32_EXTEND16_S,0xffffffff,0x0,BITS,0xffffffff)
    R(I32_EQZ,0x0,0x0,BITS,0x1)
    R(I32_EQZ,0x80000000,0x0,BITS,0x0)
    R(I32_EQZ,0xffffffff,0x0,BITS,0x0)
    R(I32_EQ,0x0,0x0,BITS,0x1)
    R(I32_EQ,0xffffffff,0x1,BITS,0x0)
    R(I32_EQ,0x7fffffff,0x7fffffff,BITS,0x1)
    R(I32_EQ,0x1,0x0,BITS,0x0)
    R(I32_EQ,0x80000000,0x0,BITS,0x0)
    R(I32_EQ,0x80000000,0xffffffff,BITS,0x0)
    R(I32_EQ,0x80000000,0x7fffffff,BITS,0x0)
    R(I32_NE,0x0,0x0,BITS,0x0)
    R(I32_NE,0xffffffff,0x1,BITS,0x1)
    R(I32_NE,0x7fffffff,0x7fffffff,BITS,0x0)
    R(I32_NE,0x1,0x0,BITS,0x1)
    R(I32_NE,0x80000000,0x0,BITS,0x1)
    R(I32_NE,0x80000000,0xffffffff,BITS,0x1)
    R(I32_NE,0x80000000,0x7fffffff,BITS,0x1)
    R(I32_LT_S,0x0,0x0,BITS,0x0)
    R(I32_LT_S,0xffffffff,0x1,BITS,0x1)
    R(I32_LT_S,0x7fffffff,0x7fffffff,BITS,0x0)
    R(I32_LT_S,0x1,0x0,BITS,0x0)
    R(I32_LT_S,0x80000000,0x0,BITS,0x1)
    R(I32_LT_S,0x80000000,0xffffffff,BITS,0x1)
    R(I32_LT_S,0x80000000,0x7fffffff,BITS,0x1)
    R(I32_LT_U,0x0,0x0,BITS,0x0)
    R(I32_LT_U,0xffffffff,0x1,BITS,0x0)
    R(I32_LT_U,0x7fffffff,0x7fffffff,BITS,0x0)
    R(I32_LT_U,0x1,0x0,BITS,0x0)
    R(I32_LT_U,0x80000000,0x0,BITS,0x0)
    R(I32_LT_U,0x80000000,0xffffffff,BITS,0x1)
    R(I32_LT_U,0x80000000,0x7fffffff,BITS,0x0)
    R(I32_LE_S,0x0,0x0,BITS,0x1)
    R(I32_LE_S,0xffffffff,0x1,BITS,0x1)
    R(I32_LE_S,0x7fffffff,0x7fffffff,BITS,0x1)
    R(I32_LE_S,0x1,0x0,BITS,0x0)
    R(I32_LE_S,0x80000000,0x0,BITS,0x1)
    R(I32_LE_S,0x80000000,0xffffffff,BITS,0x1)
    R(I32_LE_S,0x80000000,0x7fffffff,BITS,0x1)
    R(I32_LE_U,0x0,0x0,BITS,0x1)
    R(I32_LE_U,0xffffffff,0x1,BITS,0x0)
    R(I32_LE_U,0x7fffffff,0x7fffffff,BITS,0x1)
    R(I32_LE_U,0x1,0x0,BITS,0x0)
    R(I32_LE_U,0x80000000,0x0,BITS,0x0)
    R(I32_LE_U,0x80000000,0xffffffff,BITS,0x1)
    R(I32_LE_U,0x80000000,0x7fffffff,BITS,0x0)
    R(I32_GT_S,0x0,0x0,BITS,0x0)
    R(I32_GT_S,0xffffffff,0x1,BITS,0x0)
    R(I32_GT_S,0x7fffffff,0x7fffffff,BITS,0x0)
    R(I32_GT_S,0x1,0x0,BITS,0x1)
    R(I32_GT_S,0x80000000,0x0,BITS,0x0)
    R(I32_GT_S,0x80000000,0xffffffff,BITS,0x0)
    R(I32_GT_S,0x80000000,0x7fffffff,BITS,0x0)
    R(I32_GT_U,0x0,0x0,BITS,0x0)
    R(I32_GT_U,0xffffffff,0x1,BITS,0x1)
    R(I32_GT_U,0x7fffffff,0x7fffffff,BITS,0x0)
    R(I32_GT_U,0x1,0x0,BITS,0x1)
    R(I32_GT_U,0x80000000,0x0,BITS,0x1)
    R(I32_GT_U,0x80000000,0xffffffff,BITS,0x0)
    R(I32_GT_U,0x80000000,0x7fffffff,BITS,0x1)
    R(I32_GE_S,0x0,0x0,BITS,0x1)
    R(I32_GE_S,0xffffffff,0x1,BITS,0x0)
    R(I32_GE_S,0x7fffffff,0x7fffffff,BITS,0x1)
    R(I32_GE_S,0x1,0x0,BITS,0x1)
    R(I32_GE_S,0x80000000,0x0,BITS,0x0)
    R(I32_GE_S,0x80000000,0xffffffff,BITS,0x0)
    R(I32_GE_S,0x80000000,0x7fffffff,BITS,0x0)
    R(I32_GE_U,0x0,0x0,BITS,0x1)
    R(I32_GE_U,0xffffffff,0x1,BITS,0x1)
    R(I32_GE_U,0x7fffffff,0x7fffffff,BITS,0x1)
    R(I32_GE_U,0x1,0x0,BITS,0x1)
    R(I32_GE_U,0x80000000,0x0,BITS,0x1)
    R(I32_GE_U,0x80000000,0xffffffff,BITS,0x0)
    R(I32_GE_U,0x80000000,0x7fffffff,BITS,0x1)
    R(I64_ADD,0x1,0x1,BITS,0x2)
    R(I64_ADD,0xffffffffffffffff,0xffffffffffffffff,BITS,0xfffffffffffffffe)
    R(I64_ADD,0x7fffffffffffffff,0x1,BITS,0x8000000000000000)
    R(I64_ADD,0x8000000000000000,0x8000000000000000,BITS,0x0)
    R(I64_SUB,0x1,0x1,BITS,0x0)
    R(I64_SUB,0xffffffffffffffff,0xffffffffffffffff,BITS,0x0)
    R(I64_SUB,0x8000000000000000,0x1,BITS,0x7fffffffffffffff)
    R(I64_SUB,0x3fffffff,0xffffffffffffffff,BITS,0x40000000)
    R(I64_MUL,0x1,0x1,BITS,0x1)
    R(I64_MUL,0xffffffffffffffff,0xffffffffffffffff,BITS,0x1)
    R(I64_MUL,0x8000000000000000,0x0,BITS,0x0)
    R(I64_MUL,0x7fffffffffffffff,0xffffffffffffffff,BITS,0x8000000000000001)
    R(I64_MUL,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x1)
    R(I64_DIV_S,0x1,0x0,TRAP_DIV,0x0)
    R(I64_DIV_S,0x8000000000000000,0xffffffffffffffff,TRAP_OVF,0x0)
    R(I64_DIV_S,0x1,0x1,BITS,0x1)
    R(I64_DIV_S,0x0,0xffffffffffffffff,BITS,0x0)
    R(I64_DIV_S,0x8000000000000000,0x2,BITS,0xc000000000000000)
    R(I64_DIV_S,0x5,0x2,BITS,0x2)
    R(I64_DIV_S,0x5,0xfffffffffffffffe,BITS,0xfffffffffffffffe)
    R(I64_DIV_S,0x7,0x3,BITS,0x2)
    R(I64_DIV_S,0x7,0xfffffffffffffffd,BITS,0xfffffffffffffffe)
    R(I64_DIV_S,0xb,0x5,BITS,0x2)
    R(I64_DIV_U,0x1,0x0,TRAP_DIV,0x0)
    R(I64_DIV_U,0x1,0x1,BITS,0x1)
    R(I64_DIV_U,0xffffffffffffffff,0xffffffffffffffff,BITS,0x1)
    R(I64_DIV_U,0x8000000000000000,0x2,BITS,0x4000000000000000)
    R(I64_DIV_U,0x8000000000000001,0x3e8,BITS,0x20c49ba5e353f7)
    R(I64_DIV_U,0xfffffffffffffffb,0x2,BITS,0x7ffffffffffffffd)
    R(I64_DIV_U,0xfffffffffffffffb,0xfffffffffffffffe,BITS,0x0)
    R(I64_DIV_U,0xb,0x5,BITS,0x2)
    R(I64_REM_S,0x1,0x0,TRAP_DIV,0x0)
    R(I64_REM_S,0x7fffffffffffffff,0xffffffffffffffff,BITS,0x0)
    R(I64_REM_S,0x0,0x1,BITS,0x0)
    R(I64_REM_S,0xffffffffffffffff,0xffffffffffffffff,BITS,0x0)
    R(I64_REM_S,0x8000000000000000,0x2,BITS,0x0)
    R(I64_REM_S,0x5,0x2,BITS,0x1)
    R(I64_REM_S,0x5,0xfffffffffffffffe,BITS,0x1)
    R(I64_REM_S,0x7,0x3,BITS,0x1)
    R(I64_REM_S,0x7,0xfffffffffffffffd,BITS,0x1)
    R(I64_REM_S,0xb,0x5,BITS,0x1)
    R(I64_REM_U,0x1,0x0,TRAP_DIV,0x0)
    R(I64_REM_U,0x1,0x1,BITS,0x0)
    R(I64_REM_U,0xffffffffffffffff,0xffffffffffffffff,BITS,0x0)
    R(I64_REM_U,0x8000000000000000,0x2,BITS,0x0)
    R(I64_REM_U,0x8000000000000001,0x3e8,BITS,0x329)
    R(I64_REM_U,0xfffffffffffffffb,0x2,BITS,0x1)
    R(I64_REM_U,0xfffffffffffffffb,0xfffffffffffffffe,BITS,0xfffffffffffffffb)
    R(I64_REM_U,0xb,0x5,BITS,0x1)
    R(I64_AND,0x1,0x0,BITS,0x0)
    R(I64_AND,0x1,0x1,BITS,0x1)
    R(I64_AND,0x7fffffffffffffff,0x8000000000000000,BITS,0x0)
    R(I64_AND,0xf0f0ffff,0xfffff0f0,BITS,0xf0f0f0f0)
    R(I64_OR,0x1,0x0,BITS,0x1)
    R(I64_OR,0x1,0x1,BITS,0x1)
    R(I64_OR,0x7fffffffffffffff,0x8000000000000000,BITS,0xffffffffffffffff)
    R(I64_OR,0xf0f0ffff,0xfffff0f0,BITS,0xffffffff)
    R(I64_XOR,0x1,0x0,BITS,0x1)
    R(I64_XOR,0x1,0x1,BITS,0x0)
    R(I64_XOR,0x7fffffffffffffff,0x8000000000000000,BITS,0xffffffffffffffff)
    R(I64_XOR,0xffffffffffffffff,0x8000000000000000,BITS,0x7fffffffffffffff)
    R(I64_XOR,0xf0f0ffff,0xfffff0f0,BITS,0xf0f0f0f)
    R(I64_SHL,0x1,0x1,BITS,0x2)
    R(I64_SHL,0x7fffffffffffffff,0x1,BITS,0xfffffffffffffffe)
    R(I64_SHL,0x8000000000000000,0x1,BITS,0x0)
    R(I64_SHL,0x1,0x3f,BITS,0x8000000000000000)
    R(I64_SHL,0x1,0x41,BITS,0x2)
    R(I64_SHL,0x1,0x7fffffffffffffff,BITS,0x8000000000000000)
    R(I64_SHR_S,0x1,0x1,BITS,0x0)
    R(I64_SHR_S,0xffffffffffffffff,0x1,BITS,0xffffffffffffffff)
    R(I64_SHR_S,0x8000000000000000,0x1,BITS,0xc000000000000000)
    R(I64_SHR_S,0x1,0x40,BITS,0x1)
    R(I64_SHR_S,0x1,0xffffffffffffffff,BITS,0x0)
    R(I64_SHR_S,0x1,0x8000000000000000,BITS,0x1)
    R(I64_SHR_S,0xffffffffffffffff,0x40,BITS,0xffffffffffffffff)
    R(I64_SHR_S,0xffffffffffffffff,0xffffffffffffffff,BITS,0xffffffffffffffff)
    R(I64_SHR_S,0xffffffffffffffff,0x8000000000000000,BITS,0xffffffffffffffff)
    R(I64_SHR_U,0x1,0x1,BITS,0x0)
    R(I64_SHR_U,0xffffffffffffffff,0x1,BITS,0x7fffffffffffffff)
    R(I64_SHR_U,0x8000000000000000,0x1,BITS,0x4000000000000000)
    R(I64_SHR_U,0x1,0x40,BITS,0x1)
    R(I64_SHR_U,0x1,0xffffffffffffffff,BITS,0x0)
    R(I64_SHR_U,0x1,0x8000000000000000,BITS,0x1)
    R(I64_SHR_U,0xffffffffffffffff,0x40,BITS,0xffffffffffffffff)
    R(I64_SHR_U,0xffffffffffffffff,0xffffffffffffffff,BITS,0x1)
    R(I64_SHR_U,0xffffffffffffffff,0x8000000000000000,BITS,0xffffffffffffffff)
    R(I64_ROTL,0x1,0x1,BITS,0x2)
    R(I64_ROTL,0xffffffffffffffff,0x1,BITS,0xffffffffffffffff)
    R(I64_ROTL,0xabcd987602468ace,0x1,BITS,0x579b30ec048d159d)
    R(I64_ROTL,0xabcd1234ef567809,0x35,BITS,0x13579a2469deacf)
    R(I64_ROTL,0xabcd1234ef567809,0xf5,BITS,0x13579a2469deacf)
    R(I64_ROTL,0xabd1234ef567809c,0x800000000000003f,BITS,0x55e891a77ab3c04e)
    R(I64_ROTL,0x8000000000000000,0x1,BITS,0x1)
    R(I64_ROTR,0x1,0x1,BITS,0x8000000000000000)
    R(I64_ROTR,0xffffffffffffffff,0x1,BITS,0xffffffffffffffff)
    R(I64_ROTR,0xabcd987602468ace,0x1,BITS,0x55e6cc3b01234567)
    R(I64_ROTR,0xabcd1234ef567809,0x35,BITS,0x6891a77ab3c04d5e)
    R(I64_ROTR,0xabcd1234ef567809,0xf5,BITS,0x6891a77ab3c04d5e)
    R(I64_ROTR,0xabd1234ef567809c,0x800000000000003f,BITS,0x57a2469deacf0139)
    R(I64_ROTR,0x8000000000000000,0x3f,BITS,0x1)
    R(I64_CLZ,0xffffffffffffffff,0x0,BITS,0x0)
    R(I64_CLZ,0x8000,0x0,BITS,0x30)
    R(I64_CLZ,0x8000000000000000,0x0,BITS,0x0)
    R(I64_CLZ,0x2,0x0,BITS,0x3e)
    R(I64_CTZ,0xffffffffffffffff,0x0,BITS,0x0)
    R(I64_CTZ,0x8000,0x0,BITS,0xf)
    R(I64_CTZ,0x8000000000000000,0x0,BITS,0x3f)
    R(I64_POPCNT,0xffffffffffffffff,0x0,BITS,0x40)
    R(I64_POPCNT,0x8000,0x0,BITS,0x1)
    R(I64_POPCNT,0x7fffffffffffffff,0x0,BITS,0x3f)
    R(I64_POPCNT,0x99999999aaaaaaaa,0x0,BITS,0x20)
    R(I64_EXTEND8_S,0x0,0x0,BITS,0x0)
    R(I64_EXTEND8_S,0x80,0x0,BITS,0xffffffffffffff80)
    R(I64_EXTEND8_S,0x123456789abcd00,0x0,BITS,0x0)
    R(I64_EXTEND8_S,0xffffffffffffffff,0x0,BITS,0xffffffffffffffff)
    R(I64_EXTEND16_S,0x0,0x0,BITS,0x0)
    R(I64_EXTEND16_S,0x8000,0x0,BITS,0xffffffffffff8000)
    R(I64_EXTEND16_S,0x123456789abc0000,0x0,BITS,0x0)
    R(I64_EXTEND16_S,0xffffffffffffffff,0x0,BITS,0xffffffffffffffff)
    R(I64_EXTEND32_S,0x0,0x0,BITS,0x0)
    R(I64_EXTEND32_S,0x8000,0x0,BITS,0x8000)
    R(I64_EXTEND32_S,0x7fffffff,0x0,BITS,0x7fffffff)
    R(I64_EXTEND32_S,0xffffffff,0x0,BITS,0xffffffffffffffff)
    R(I64_EXTEND32_S,0xfedcba9880000000,0x0,BITS,0xffffffff80000000)
    R(I64_EQZ,0x0,0x0,BITS,0x1)
    R(I64_EQZ,0x8000000000000000,0x0,BITS,0x0)
    R(I64_EQZ,0xffffffffffffffff,0x0,BITS,0x0)
    R(I64_EQ,0x0,0x0,BITS,0x1)
    R(I64_EQ,0xffffffffffffffff,0x1,BITS,0x0)
    R(I64_EQ,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x1)
    R(I64_EQ,0x1,0x0,BITS,0x0)
    R(I64_EQ,0x8000000000000000,0x0,BITS,0x0)
    R(I64_EQ,0x8000000000000000,0xffffffffffffffff,BITS,0x0)
    R(I64_EQ,0x8000000000000000,0x7fffffffffffffff,BITS,0x0)
    R(I64_NE,0x0,0x0,BITS,0x0)
    R(I64_NE,0xffffffffffffffff,0x1,BITS,0x1)
    R(I64_NE,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x0)
    R(I64_NE,0x1,0x0,BITS,0x1)
    R(I64_NE,0x8000000000000000,0x0,BITS,0x1)
    R(I64_NE,0x8000000000000000,0xffffffffffffffff,BITS,0x1)
    R(I64_NE,0x8000000000000000,0x7fffffffffffffff,BITS,0x1)
    R(I64_LT_S,0x0,0x0,BITS,0x0)
    R(I64_LT_S,0xffffffffffffffff,0x1,BITS,0x1)
    R(I64_LT_S,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x0)
    R(I64_LT_S,0x1,0x0,BITS,0x0)
    R(I64_LT_S,0x8000000000000000,0x0,BITS,0x1)
    R(I64_LT_S,0x8000000000000000,0xffffffffffffffff,BITS,0x1)
    R(I64_LT_S,0x8000000000000000,0x7fffffffffffffff,BITS,0x1)
    R(I64_LT_U,0x0,0x0,BITS,0x0)
    R(I64_LT_U,0xffffffffffffffff,0x1,BITS,0x0)
    R(I64_LT_U,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x0)
    R(I64_LT_U,0x1,0x0,BITS,0x0)
    R(I64_LT_U,0x8000000000000000,0x0,BITS,0x0)
    R(I64_LT_U,0x8000000000000000,0xffffffffffffffff,BITS,0x1)
    R(I64_LT_U,0x8000000000000000,0x7fffffffffffffff,BITS,0x0)
    R(I64_LE_S,0x0,0x0,BITS,0x1)
    R(I64_LE_S,0xffffffffffffffff,0x1,BITS,0x1)
    R(I64_LE_S,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x1)
    R(I64_LE_S,0x1,0x0,BITS,0x0)
    R(I64_LE_S,0x8000000000000000,0x0,BITS,0x1)
    R(I64_LE_S,0x8000000000000000,0xffffffffffffffff,BITS,0x1)
    R(I64_LE_S,0x8000000000000000,0x7fffffffffffffff,BITS,0x1)
    R(I64_LE_U,0x0,0x0,BITS,0x1)
    R(I64_LE_U,0xffffffffffffffff,0x1,BITS,0x0)
    R(I64_LE_U,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x1)
    R(I64_LE_U,0x1,0x0,BITS,0x0)
    R(I64_LE_U,0x8000000000000000,0x0,BITS,0x0)
    R(I64_LE_U,0x8000000000000000,0xffffffffffffffff,BITS,0x1)
    R(I64_LE_U,0x8000000000000000,0x7fffffffffffffff,BITS,0x0)
    R(I64_GT_S,0x0,0x0,BITS,0x0)
    R(I64_GT_S,0xffffffffffffffff,0x1,BITS,0x0)
    R(I64_GT_S,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x0)
    R(I64_GT_S,0x1,0x0,BITS,0x1)
    R(I64_GT_S,0x8000000000000000,0x0,BITS,0x0)
    R(I64_GT_S,0x8000000000000000,0xffffffffffffffff,BITS,0x0)
    R(I64_GT_S,0x8000000000000000,0x7fffffffffffffff,BITS,0x0)
    R(I64_GT_U,0x0,0x0,BITS,0x0)
    R(I64_GT_U,0xffffffffffffffff,0x1,BITS,0x1)
    R(I64_GT_U,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x0)
    R(I64_GT_U,0x1,0x0,BITS,0x1)
    R(I64_GT_U,0x8000000000000000,0x0,BITS,0x1)
    R(I64_GT_U,0x8000000000000000,0xffffffffffffffff,BITS,0x0)
    R(I64_GT_U,0x8000000000000000,0x7fffffffffffffff,BITS,0x1)
    R(I64_GE_S,0x0,0x0,BITS,0x1)
    R(I64_GE_S,0xffffffffffffffff,0x1,BITS,0x0)
    R(I64_GE_S,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x1)
    R(I64_GE_S,0x1,0x0,BITS,0x1)
    R(I64_GE_S,0x8000000000000000,0x0,BITS,0x0)
    R(I64_GE_S,0x8000000000000000,0xffffffffffffffff,BITS,0x0)
    R(I64_GE_S,0x8000000000000000,0x7fffffffffffffff,BITS,0x0)
    R(I64_GE_U,0x0,0x0,BITS,0x1)
    R(I64_GE_U,0xffffffffffffffff,0x1,BITS,0x1)
    R(I64_GE_U,0x7fffffffffffffff,0x7fffffffffffffff,BITS,0x1)
    R(I64_GE_U,0x1,0x0,BITS,0x1)
    R(I64_GE_U,0x8000000000000000,0x0,BITS,0x1)
    R(I64_GE_U,0x8000000000000000,0xffffffffffffffff,BITS,0x0)
    R(I64_GE_U,0x8000000000000000,0x7fffffffffffffff,BITS,0x1)
    R(F32_ADD,0x3f8fcd6f,0x2f07bc16,BITS,0x3f8fcd6f)
    R(F64_ADD,0x3ff1f9add3739636,0x3de0f782bf7cc83f,BITS,0x3ff1f9add37c11f7)
    R(F32_ADD,0x3f800000,0x33800000,BITS,0x3f800000)
    R(F32_ADD,0x3f800000,0x33800001,BITS,0x3f800001)
    R(F64_ADD,0x3ff0000000000000,0x3ca0000000000000,BITS,0x3ff0000000000000)
    R(F64_ADD,0x3ff0000000000000,0x3ca0000000000001,BITS,0x3ff0000000000001)
    R(F32_ADD,0x1,0x7fffff,BITS,0x800000)
    R(F64_ADD,0x1,0xfffffffffffff,BITS,0x10000000000000)
    R(F32_ADD,0x4f000000,0x44800800,BITS,0x4f000004)
    R(F64_ADD,0x43e0000000000000,0x4090010000000000,BITS,0x43e0000000000001)
    R(F64_ADD,0x80f0000000000000,0x1716,BITS,0x80efffffffffffff)
    R(F64_ADD,0x4340000000000000,0x3ff0000a7c5ac472,BITS,0x4340000000000001)
    R(F64_ADD,0x4340000000000001,0x3fefffe000000000,BITS,0x4340000000000001)
    R(F32_ADD,0x4b000000,0x3f000000,BITS,0x4b000000)
    R(F32_ADD,0x4b000001,0x3f000000,BITS,0x4b000002)
    R(F64_ADD,0x4330000000000000,0x3fe0000000000000,BITS,0x4330000000000000)
    R(F64_ADD,0x4330000000000001,0x3fe0000000000000,BITS,0x4330000000000002)
    R(F32_ADD,0xf29cb3ad,0xe3b64a6,BITS,0xf29cb3ad)
    R(F32_ADD,0x61360792,0xd995c968,BITS,0x61360666)
    R(F32_ADD,0x1673118c,0x17ba55f,BITS,0x1673118c)
    R(F32_ADD,0x531538ea,0xdb64f886,BITS,0xdb64f7f1)
    R(F32_ADD,0x387c7b9b,0x74bdea2f,BITS,0x74bdea2f)
    R(F64_ADD,0x262f33e1fbca27aa,0xcf86b192891ed610,BITS,0xcf86b192891ed610)
    R(F64_ADD,0xc4b46f75d130eeb1,0x34725275d6f7a4ac,BITS,0xc4b46f75d130eeb1)
    R(F64_ADD,0x36b04dec9265a731,0xbf311eed4e8c127c,BITS,0xbf311eed4e8c127c)
    R(F64_ADD,0x5f005773b7166b0a,0x441134022f2da37b,BITS,0x5f005773b7166b0a)
    R(F64_ADD,0x540ef4f794282a82,0x58914a82266bade0,BITS,0x58914a82266bade0)
    R(F32_ADD,0x638dfcbb,0xc9bfac34,BITS,0x638dfcbb)
    R(F32_ADD,0x293fce36,0x98dcdd87,BITS,0x293fce36)
    R(F32_ADD,0xaa9968de,0x7e7be90a,BITS,0x7e7be90a)
    R(F32_ADD,0xa9c72e07,0x8a9d7d26,BITS,0xa9c72e07)
    R(F32_ADD,0x3a89e6bc,0x8a1d798b,BITS,0x3a89e6bc)
    R(F64_ADD,0x4b2f8dd15ca97d4a,0x9f0367317d1fe8bf,BITS,0x4b2f8dd15ca97d4a)
    R(F64_ADD,0x49a5db08d739228c,0xbc2fb316fa147dcb,BITS,0x49a5db08d739228c)
    R(F64_ADD,0x26bbbb403cb85c07,0x82c7e44046b8bbf3,BITS,0x26bbbb403cb85c07)
    R(F64_ADD,0xc9234d38af291831,0xc8a9890b47439953,BITS,0xc92366c1ba705bca)
    R(F64_ADD,0xc02b61dedf4e0306,0x52109e2f31773c4a,BITS,0x52109e2f31773c4a)
    R(F32_ADD,0x85094dec,0x2a63a809,BITS,0x2a63a809)
    R(F32_ADD,0xb7e10251,0x32405899,BITS,0xb7e0ea46)
    R(F32_ADD,0xd1ef660e,0x963446d,BITS,0xd1ef660e)
    R(F32_ADD,0x4b0e735,0xcebb9449,BITS,0xcebb9449)
    R(F32_ADD,0x839ee413,0x6f7e1fb3,BITS,0x6f7e1fb3)
    R(F64_ADD,0xf6bf68acc263a0f,0xfeb5f9352965e5a6,BITS,0xfeb5f9352965e5a6)
    R(F64_ADD,0xe0376eaa70911f51,0xdec2d746324ce47a,BITS,0xe0376eaa963fabb6)
    R(F64_ADD,0x838b637d82c15a7a,0x2e4cc654ccab4152,BITS,0x2e4cc654ccab4152)
    R(F64_ADD,0xa02a5b1fb66e846e,0xa34bdd36f0bb5cc,BITS,0xa02a5b1fb66e846e)
    R(F64_ADD,0xfc514108da880f9e,0x71f417f35701e89f,BITS,0xfc514108da880f9e)
    R(F64_ADD,0xf23fa0caf21ffebc,0x7394ca8fdcff89f9,BITS,0x7394ca8f5e7c5e31)
    R(F64_ADD,0x70f016f1fcbdfd38,0x6e9375dffcbc9a2c,BITS,0x70f016f1fcbe4b0f)
    R(F64_ADD,0xe6fdffda6d5bff3a,0x6a1f9e8cc2dff782,BITS,0x6a1f9e8cc2dff77b)
    R(F64_ADD,0x5cefff4b43687dfb,0x6040fd5617c4a809,BITS,0x6040fd5617c4a809)
    R(F64_ADD,0x1c535d380035da2,0x3ccce37dddbb73b,BITS,0x3ccce37ddf0ed0f)
    R(F64_ADD,0xeefd91cd3fc0c66f,0xfb74e18c80229734,BITS,0xfb74e18c80229734)
    R(F64_ADD,0x4c0afc70fd36e372,0xd10bd10a9b377b46,BITS,0xd10bd10a9b377b46)
    R(F64_ADD,0xd2d2abd570b078b2,0x258b3c1ad759cb5b,BITS,0xd2d2abd570b078b2)
    R(F64_ADD,0xac25b2ae84c0686c,0xdd1dba7a1c022823,BITS,0xdd1dba7a1c022823)
    R(F64_ADD,0xb39ac627bd7cbf38,0x212312e265b8d59,BITS,0xb39ac627bd7cbf38)
    R(F32_ADD,0x7995c8d0,0x7f65e6a9,BITS,0x7f65f962)
    R(F32_ADD,0x7f4b79c9,0xf5359ff6,BITS,0x7f4b79be)
    R(F32_ADD,0x7a89978e,0xff31eb19,BITS,0xff31a64d)
    R(F32_ADD,0xfb8eed32,0xff778170,BITS,0xff789f4a)
    R(F32_ADD,0xff256c6d,0xfe757041,BITS,0xff62c87d)
    R(F64_ADD,0x7fe017099f2a4b8b,0x7d41f63b28f05454,BITS,0x7fe017099f2a5009)
    R(F64_ADD,0x7fed88b6c74984ef,0x7dd33b444775eabc,BITS,0x7fed88b6c7532291)
    R(F64_ADD,0xffe84576422fdf50,0x7f360ee6aa12fb9c,BITS,0xffe842b4655a9cf1)
    R(F64_ADD,0xfe89aaace3e79f7d,0x7fee4068af295cb6,BITS,0x7fee4068487ea926)
    R(F64_ADD,0x7fe06cdae79f27b9,0xfdee05cb0c96f975,BITS,0x7fe06cdae78121ee)
    R(F32_ADD,0x5a8688,0x26f,BITS,0x5a88f7)
    R(F32_ADD,0x25,0x80000002,BITS,0x23)
    R(F32_ADD,0x80000008,0x387940,BITS,0x387938)
    R(F32_ADD,0x80000014,0x2a12029,BITS,0x2a12028)
    R(F32_ADD,0x1c5,0x80005cbe,BITS,0x80005af9)
    R(F64_ADD,0x14774c681d1e21,0x802271e58e9f58ca,BITS,0x80106c7eb5219373)
    R(F64_ADD,0x210b3a75e31916,0x802ffb82b0e868a7,BITS,0x801de090760a9f22)
    R(F64_ADD,0x8006b58448b8098a,0x801579796ed04cbe,BITS,0x801c2efdb7885648)
    R(F64_ADD,0x39eb9e7baae8d1,0x803d58e136f8c6ee,BITS,0x800db50aed377874)
    R(F64_ADD,0x801f1115deeafa0b,0x1221b1c87dca29,BITS,0x800cef64166d2fe2)
    R(F32_ADD,0x7f7ffffe,0x73800000,BITS,0x7f7fffff)
    R(F64_ADD,0x7feffffffffffffe,0x7ca0000000000000,BITS,0x7fefffffffffffff)
    R(F32_ADD,0x40000000,0x40000000,BITS,0x40800000)
    R(F64_ADD,0x4000000000000000,0x4000000000000000,BITS,0x4010000000000000)
    R(F32_ADD,0x7f7fffff,0x72ffffff,BITS,0x7f7fffff)
    R(F32_ADD,0x7f7fffff,0x73000000,BITS,0x7f800000)
    R(F64_ADD,0x7fefffffffffffff,0x7c8fffffffffffff,BITS,0x7fefffffffffffff)
    R(F64_ADD,0x7fefffffffffffff,0x7c90000000000000,BITS,0x7ff0000000000000)
    R(F32_SUB,0x47800000,0x2d000000,BITS,0x47800000)
    R(F64_SUB,0x40f0000000000000,0x3da0000000000000,BITS,0x40efffffffffffff)
    R(F32_SUB,0x3f800000,0x33000000,BITS,0x3f800000)
    R(F32_SUB,0x3f800000,0x33000001,BITS,0x3f7fffff)
    R(F64_SUB,0x3ff0000000000000,0x3c90000000000000,BITS,0x3ff0000000000000)
    R(F64_SUB,0x3ff0000000000000,0x3c90000000000001,BITS,0x3fefffffffffffff)
    R(F32_SUB,0xaf71233,0xfb0b13bf,BITS,0x7b0b13bf)
    R(F32_SUB,0xfb2237cf,0xd521cb52,BITS,0xfb2237cf)
    R(F32_SUB,0x3fba3b9e,0x96d12a89,BITS,0x3fba3b9e)
    R(F32_SUB,0x549a2e2,0x19b3c961,BITS,0x99b3c961)
    R(F32_SUB,0x36cf67d2,0x8a4325a2,BITS,0x36cf67d2)
    R(F64_SUB,0xab25b798875e7845,0x878b5147117452fe,BITS,0xab25b798875e7845)
    R(F64_SUB,0xe276c87baeb6d72d,0xb6164fb35d4b5571,BITS,0xe276c87baeb6d72d)
    R(F64_SUB,0x232b3d369fcf74b0,0x8baea1668c0dec93,BITS,0x232b3d369fcf74b0)
    R(F64_SUB,0x120abd449353ead,0xc990422ea3e82ee9,BITS,0x4990422ea3e82ee9)
    R(F64_SUB,0xb70aadbc6b43cc3d,0x9e4e7f922ef1ee58,BITS,0xb70aadbc6b43cc3d)
    R(F32_SUB,0xf5b0f131,0xf7dd79f2,BITS,0x77d26adf)
    R(F32_SUB,0xf631617b,0x42b728a5,BITS,0xf631617b)
    R(F32_SUB,0x96143e4a,0x338797ce,BITS,0xb38797ce)
    R(F32_SUB,0x9964412e,0xb9a5756b,BITS,0x39a5756b)
    R(F32_SUB,0xf114bb52,0x226371dc,BITS,0xf114bb52)
    R(F64_SUB,0xcc976cb28ae6c045,0xf840611f2af4e9b9,BITS,0x7840611f2af4e9b9)
    R(F64_SUB,0x28fbaf35eff22e9e,0x23c5c3e08ecf73ec,BITS,0x28fbaf35eff22e9e)
    R(F64_SUB,0xb378fd354b376f1f,0x203513c860f386ff,BITS,0xb378fd354b376f1f)
    R(F64_SUB,0x81f760d447230ae6,0xab716f788438ae3e,BITS,0x2b716f788438ae3e)
    R(F64_SUB,0xc6f73aab4fcfc7a0,0x4aa7c589f990b884,BITS,0xcaa7c589f990b884)
    R(F32_SUB,0x6f751326,0x384294c4,BITS,0x6f751326)
    R(F32_SUB,0xc90a763e,0xae0569ff,BITS,0xc90a763e)
    R(F32_SUB,0xad9928ed,0xa3a4e4bf,BITS,0xad9928e3)
    R(F32_SUB,0xb889ab2f,0x3917c4d4,BITS,0xb95c9a6c)
    R(F32_SUB,0xaf30195b,0x8bdda8cb,BITS,0xaf30195b)
    R(F64_SUB,0xb62b5b0797af4910,0xed1694b8348189e8,BITS,0x6d1694b8348189e8)
    R(F64_SUB,0xef672b142826ed73,0xf86010477bc9afbd,BITS,0x786010477bc9afbd)
    R(F64_SUB,0xe383273b6bb94cf,0x4b41a93f948a2abb,BITS,0xcb41a93f948a2abb)
    R(F64_SUB,0x9c2207e7156cbf20,0x1dfcf3f12fd3814d,BITS,0x9dfcf3f13063c086)
    R(F64_SUB,0x9d0837e6844f1718,0xbf11c29b757f98ab,BITS,0x3f11c29b757f98ab)
    R(F64_SUB,0x3b1c21151a709b6c,0x38c0a12fff8910f6,BITS,0x3b1c21151a701663)
    R(F64_SUB,0x29c57912aae2f64,0xddbfbd4800b7cf,BITS,0x29c579128d2338f)
    R(F64_SUB,0x301ffef4399af9c6,0x337edb96dfaea8b1,BITS,0xb37edb96dfaea8b1)
    R(F64_SUB,0xbd8363eee391cde2,0xbbaa65462000265f,BITS,0xbd8363eee32838c9)
    R(F64_SUB,0x3e659016dba002a1,0x3fc5d4374f124ccc,BITS,0xbfc5d436f8d1f15d)
    R(F64_SUB,0x8d118196bca005cf,0x901db7b01ce3f52f,BITS,0x101db7b01ce3f51d)
    R(F64_SUB,0xc20d17b3528d2190,0x56efd739d4ea220a,BITS,0xd6efd739d4ea220a)
    R(F64_SUB,0x471dea46994de319,0x1b1b5b19cd55c7d3,BITS,0x471dea46994de319)
    R(F64_SUB,0x216b60f9b2fbd9ec,0x9496f81c59ec5b8e,BITS,0x216b60f9b2fbd9ec)
    R(F64_SUB,0x3c65e423fe8571f4,0x1959624ed7c162df,BITS,0x3c65e423fe8571f4)
    R(F32_SUB,0x41b92023,0x40490fdb,BITS,0x419ffe28)
    R(F64_SUB,0x403724046eb0933a,0x400921fb54442d18,BITS,0x4033ffc504280d97)
    R(F32_SUB,0x4a371afc,0x4a371af8,BITS,0x3f800000)
    R(F32_SUB,0x49f423f8,0x49f423d8,BITS,0x40800000)
    R(F32_SUB,0x49f423f8,0x49f423c8,BITS,0x40c00000)
    R(F32_SUB,0x48c35040,0x48c35020,BITS,0x3f800000)
    R(F32_SUB,0x48c35040,0x48c35000,BITS,0x40000000)
    R(F64_SUB,0x432550f7dca6fffe,0x432550f7dca6fffc,BITS,0x3ff0000000000000)
    R(F64_SUB,0x431c6bf52633fffc,0x431c6bf52633ffec,BITS,0x4010000000000000)
    R(F64_SUB,0x431c6bf52633fffc,0x431c6bf52633ffe4,BITS,0x4018000000000000)
    R(F64_SUB,0x42f6bcc41e900020,0x42f6bcc41e900010,BITS,0x3ff0000000000000)
    R(F64_SUB,0x42f6bcc41e900020,0x42f6bcc41e900000,BITS,0x4000000000000000)
    R(F32_SUB,0x800000,0x7fffff,BITS,0x1)
    R(F64_SUB,0x10000000000000,0xfffffffffffff,BITS,0x1)
    R(F32_SUB,0x3f800001,0x3f7fffff,BITS,0x34400000)
    R(F32_SUB,0x3f800001,0x3f800000,BITS,0x34000000)
    R(F32_SUB,0x3f800000,0x3f7fffff,BITS,0x33800000)
    R(F64_SUB,0x3ff0000000000001,0x3fefffffffffffff,BITS,0x3cb8000000000000)
    R(F64_SUB,0x3ff0000000000001,0x3ff0000000000000,BITS,0x3cb0000000000000)
    R(F64_SUB,0x3ff0000000000000,0x3fefffffffffffff,BITS,0x3ca0000000000000)
    R(F32_SUB,0x7f7fffff,0x72ffffff,BITS,0x7f7fffff)
    R(F32_SUB,0x7f7fffff,0x73000000,BITS,0x7f7ffffe)
    R(F64_SUB,0x7fefffffffffffff,0x7c8fffffffffffff,BITS,0x7fefffffffffffff)
    R(F64_SUB,0x7fefffffffffffff,0x7c90000000000000,BITS,0x7feffffffffffffe)
    R(F32_MUL,0x58635fa9,0x58635fa9,BITS,0x7149f2c9)
    R(F32_MUL,0x60ad78ec,0x60ad78ec,BITS,0x7f800000)
    R(F32_MUL,0x69045951,0x69045951,BITS,0x7f800000)
    R(F64_MUL,0x430c6bf526340000,0x430c6bf526340000,BITS,0x46293e5939a08cea)
    R(F64_MUL,0x4415af1d78b58c40,0x4415af1d78b58c40,BITS,0x483d6329f1c35ca5)
    R(F64_MUL,0x45208b2a2c280291,0x45208b2a2c280291,BITS,0x4a511b0ec57e649b)
    R(F32_MUL,0x4edc672f,0x5094ac4f,BITS,0x60000001)
    R(F64_MUL,0x41db8ce5d7c00000,0x42129589d27c0000,BITS,0x4400000000000001)
    R(F32_MUL,0x429a3333,0x44548000,BITS,0x477fff00)
    R(F64_MUL,0x4053466666666666,0x408a900000000000,BITS,0x40efffdfffffffff)
    R(F32_MUL,0xde0a6f97,0x2dba443c,BITS,0xcc4973f4)
    R(F32_MUL,0xf2ab14f1,0x8ce19809,BITS,0x4016c302)
    R(F32_MUL,0xedd8bb4a,0x8f725ab5,BITS,0x3dcd2dd7)
    R(F32_MUL,0xe70b1353,0x9a62beb8,BITS,0x41f65d57)
    R(F32_MUL,0x5a3d67b9,0x423644d6,BITS,0x5d06daab)
    R(F64_MUL,0xda825c293f6f37e4,0x7b0f5fd4fa41c6d8,BITS,0xfff0000000000000)
    R(F64_MUL,0x825cc1ae79fffc5b,0xb24c36ccc2861ca6,BITS,0x0)
    R(F64_MUL,0x65dc0232b3e64b56,0xc69f6939cf3affaa,BITS,0xec8b7e3aedf190d3)
    R(F64_MUL,0xac660f289966b271,0x64628a5497f0c259,BITS,0xd0d98fc50bcec259)
    R(F64_MUL,0x71a37dab12d3afa2,0xa581e156bd393f1,BITS,0x3c0d6126554b8298)
    R(F32_MUL,0x931fabd1,0xed820eb4,BITS,0x41223cd8)
    R(F32_MUL,0x642682c1,0x4937021d,BITS,0x6dee11b0)
    R(F32_MUL,0xaf97ed00,0xe4f0b98e,BITS,0x550edc4f)
    R(F32_MUL,0x613de47f,0xc71d6ac9,BITS,0xe8e988af)
    R(F32_MUL,0x4ec9b3a1,0xe0d3d0c8,BITS,0xf026e38d)
    R(F64_MUL,0x980ba737b4ca3b13,0x2c58923309857438,BITS,0x84753bc0d07baa37)
    R(F64_MUL,0x2eb7c1932e610219,0x9842605db646489f,BITS,0x870b48da2b0d2ae3)
    R(F64_MUL,0xd48e43cdf3b21080,0xf4299d96abbd61d1,BITS,0x7ff0000000000000)
    R(F64_MUL,0x7b24c19466551da3,0x2480bdcd6c7646e9,BITS,0x5fb5b7cd8c3f638a)
    R(F64_MUL,0x552ff1da1726e3df,0xca8043c44f52b158,BITS,0xdfc03c9364bb585c)
    R(F32_MUL,0xd6c83f45,0xef2e9b34,BITS,0x7f800000)
    R(F32_MUL,0xbe464fba,0xe715a29,BITS,0x8d3af6e6)
    R(F32_MUL,0xb666302d,0x7476190d,BITS,0xeb5d48d2)
    R(F32_MUL,0xdbafddbd,0xfd44b2f,BITS,0xac11d747)
    R(F32_MUL,0xc7fdbf89,0x41d380d,BITS,0x8c9bd606)
    R(F64_MUL,0xa0f5b0266454c26b,0xdb0af5787e3e0399,BITS,0x3c12457d81949e0b)
    R(F64_MUL,0x5dd0d54a82393d45,0x903425760807ceae,BITS,0xae1532068c8d0d5d)
    R(F64_MUL,0xcabb532af9817860,0x566ada95085ba36f,BITS,0xe136ee38c1e01864)
    R(F64_MUL,0x6ffe132f4d49d1ce,0xd75a75afe9a7d864,BITS,0xfff0000000000000)
    R(F64_MUL,0x45068bbf1cfff90a,0x44509cd17d652c50,BITS,0x496768b8d67d7940)
    R(F64_MUL,0x2aaf99fb602c89b7,0x1c06caab46a31a2e,BITS,0x6c68201f986e9d7)
    R(F64_MUL,0xbf686999c5eee379,0x6d26e3b9e0d53e0d,BITS,0xeca17654a0ef35f5)
    R(F64_MUL,0xd6e069571b176f90,0x973e248b6ab0a0e3,BITS,0x2e2eeaff575cae1d)
    R(F64_MUL,0x706c217645777dd2,0x43bd93f5715dd646,BITS,0x743a0064aa1d920d)
    R(F64_MUL,0xaeb848981b6e694a,0x77ff5aacb64a0d19,BITS,0xe6c7cb2296e6c2e5)
    R(F64_MUL,0x1a8db3bd2a286944,0x256ce910af1d55ca,BITS,0xd6accdd538a39)
    R(F64_MUL,0xbc6aca2239160120,0x8392b2b4958dd228,BITS,0xfa74eccae5615)
    R(F64_MUL,0xa17bd062def16cff,0x9e77ddd91a0c4c0e,BITS,0xa5f4d7769d90d)
    R(F64_MUL,0x8fbc6a56169e9ce0,0x300517d55a474122,BITS,0x80012baf260afb77)
    R(F64_MUL,0x9fb08951b0b41705,0xa04102dc27168d09,BITS,0x8ca6dbf3f592b)
    R(F64_MUL,0x7538d0dea50c8c9b,0x8e21cac31d87a24,BITS,0x3e2c177311f7cd73)
    R(F64_MUL,0x3f898049118e3063,0x36a6362525151b58,BITS,0x3641b358514103f9)
    R(F64_MUL,0xc00ea65cb0631323,0x3d6fce683201a19b,BITS,0xbd8e76dc8c223667)
    R(F64_MUL,0x28ae4d235961d543,0x332bc56f20ef9a48,BITS,0x1bea4c09efcb71d6)
    R(F64_MUL,0xc4cb9612e66faba8,0x2a3e2bc6aa782273,BITS,0xaf1a026ea4f81db1)
    R(F32_MUL,0x1a000000,0x1a000000,BITS,0x0)
    R(F32_MUL,0x1a000001,0x1a000001,BITS,0x1)
    R(F64_MUL,0x1e56a09e667f3bcc,0x1e56a09e667f3bcc,BITS,0x0)
    R(F64_MUL,0x1e56a09e667f3bcd,0x1e56a09e667f3bcd,BITS,0x1)
    R(F32_MUL,0x5f7fffff,0x5f7fffff,BITS,0x7f7ffffe)
    R(F32_MUL,0x5f800000,0x5f800000,BITS,0x7f800000)
    R(F64_MUL,0x5fefffffffffffff,0x5fefffffffffffff,BITS,0x7feffffffffffffe)
    R(F64_MUL,0x5ff0000000000000,0x5ff0000000000000,BITS,0x7ff0000000000000)
    R(F32_MUL,0x3f800001,0x3f800001,BITS,0x3f800002)
    R(F32_MUL,0x3f7fffff,0x3f7fffff,BITS,0x3f7ffffe)
    R(F64_MUL,0x3ff0000000000001,0x3ff0000000000001,BITS,0x3ff0000000000002)
    R(F64_MUL,0x3fefffffffffffff,0x3fefffffffffffff,BITS,0x3feffffffffffffe)
    R(F32_MUL,0x3f800001,0x3f7fffff,BITS,0x3f800000)
    R(F32_MUL,0x3f800002,0x3f7ffffe,BITS,0x3f800001)
    R(F64_MUL,0x3ff0000000000001,0x3fefffffffffffff,BITS,0x3ff0000000000000)
    R(F64_MUL,0x3ff0000000000002,0x3feffffffffffffe,BITS,0x3ff0000000000001)
    R(F32_MUL,0x800000,0x34000000,BITS,0x1)
    R(F64_MUL,0x10000000000000,0x3cb0000000000000,BITS,0x1)
    R(F32_MUL,0xc1800300,0x34000,BITS,0x80340138)
    R(F32_DIV,0x3f8fcd6f,0x42c80000,BITS,0x3c381132)
    R(F32_DIV,0x4b000bf3,0x4b3ffff9,BITS,0x3f2abaa0)
    R(F32_DIV,0x47800000,0x2d000000,BITS,0x5a000000)
    R(F32_DIV,0x3fee5fb5,0x7f7fffff,BITS,0x3b97ed)
    R(F32_DIV,0x40800000,0x40400000,BITS,0x3faaaaab)
    R(F64_DIV,0x3ff1f9add3739636,0x4059000000000000,BITS,0x3f8702262d60c045)
    R(F64_DIV,0x4160017e60000000,0x4167ffff20000000,BITS,0x3fe55753f1d9ba27)
    R(F64_DIV,0x40f0000000000000,0x3da0000000000000,BITS,0x4340000000000000)
    R(F64_DIV,0x3ffdcbf6a0000000,0x7fefffffffffffff,BITS,0x772fda8000000)
    R(F64_DIV,0x4010000000000000,0x4008000000000000,BITS,0x3ff5555555555555)
    R(F32_DIV,0x4a800bf6,0x4a3ffffc,BITS,0x3faabaa1)
    R(F64_DIV,0x4150017ec0000000,0x4147ffff80000000,BITS,0x3ff557541c7c6b43)
    R(F32_DIV,0x27b5362d,0x7f7d05b8,BITS,0x0)
    R(F32_DIV,0x1430b7d9,0x619990b9,BITS,0x0)
    R(F32_DIV,0xc7cb73bc,0x17f5862b,BITS,0xef542205)
    R(F32_DIV,0x99f13120,0x82f691b7,BITS,0x567a6ac2)
    R(F32_DIV,0xd4711ba7,0x17b8fe6e,BITS,0xfc26d383)
    R(F64_DIV,0x492163c09d0c38c1,0x4dee04cc737348e6,BITS,0x3b2289921caeed23)
    R(F64_DIV,0x18dd6867e741e0a9,0x33335eb19a9aae4,BITS,0x55987e342d11f519)
    R(F64_DIV,0xd29d5edf648aeb98,0x67f0dda15b079355,BITS,0xaa9bdceaf9734b5c)
    R(F64_DIV,0xeb2b683e3934aeda,0x4f5c364e1df00dff,BITS,0xdbbf16456e7afe3b)
    R(F64_DIV,0xe1b44ca7539cc851,0x5c458501bccc58fe,BITS,0xc55e2f8657e0924e)
    R(F32_DIV,0xe26162a5,0x948068a1,BITS,0x7f800000)
    R(F32_DIV,0x28f1ad5f,0x55e34ef8,BITS,0x1288175a)
    R(F32_DIV,0x3fa2ff95,0xec0f43aa,BITS,0x9311a1a7)
    R(F32_DIV,0x2646d8c5,0x28f8cf,BITS,0x661b4dcb)
    R(F32_DIV,0x6cbc2cc8,0x6b29a0a2,BITS,0x410dfeee)
    R(F64_DIV,0xf331c4f47eb51,0xd69c7ff45bf6f03a,BITS,0x8000000000000000)
    R(F64_DIV,0x8240fc8707b9d19c,0x1e777524d5f4a563,BITS,0xa3b72c1a937d2310)
    R(F64_DIV,0xa6cedb3aa64bb338,0xc2c1c7c164320e40,BITS,0x23fbc44cc1c5ae63)
    R(F64_DIV,0xc4f6534b34e8686b,0xe8c34a7fc59e3c3,BITS,0xf6595421bf291b66)
    R(F64_DIV,0xceb91f58d7ed1237,0xc36f190d808383c8,BITS,0x4b39d9eb0836f906)
    R(F32_DIV,0x4cb25952,0x474aba9,BITS,0x7f800000)
    R(F32_DIV,0xe629e4db,0x4d6b44d0,BITS,0xd838dd52)
    R(F32_DIV,0x52b32545,0xefacedd1,BITS,0xa28499fa)
    R(F32_DIV,0xf74cf07d,0xc4615ad4,BITS,0x7268cef3)
    R(F32_DIV,0xedad40ad,0xc65ac105,BITS,0x66cac05c)
    R(F64_DIV,0x97081fd1e2af7beb,0x14cedefc4eae536c,BITS,0xc22901abdd91b661)
    R(F64_DIV,0xf0d47cf932953c43,0x9d6bc40496b1f2a1,BITS,0x7ff0000000000000)
    R(F64_DIV,0x9152bd2e8fbdcad7,0x3beb115674cc476e,BITS,0x95562752bf19fa81)
    R(F64_DIV,0xd3cf923e3fea9efe,0x9b38044c74d27a39,BITS,0x7885086518cc7186)
    R(F64_DIV,0x4b4516ed2051d6bb,0xcd5c9f455eb9c2ee,BITS,0xbdd79414d67f2889)
    R(F64_DIV,0xe489c52726aed366,0xcc27d0568c75660f,BITS,0x5851507ca2a65f23)
    R(F64_DIV,0xe21522672f461667,0xd4936d36572c9f71,BITS,0x4d71681369370619)
    R(F64_DIV,0x4b801051b4e8cd61,0xfc42cbb5ca3d33eb,BITS,0x8f2b59471598a2f3)
    R(F64_DIV,0x4d85f93bb80fc2cb,0x5aa7e051aae9f0ed,BITS,0x32cd732fa926ba4f)
    R(F64_DIV,0xf38e251d762163cc,0x55c3ee63581e1796,BITS,0xddb8330077d90a07)
    R(F64_DIV,0x3ffdcbf69f10006d,0x7fefffffffffffff,BITS,0x772fda7c4001b)
    R(F64_DIV,0xce14169442fbca,0x40b505451d62ff7d,BITS,0xb727e85f38b39)
    R(F64_DIV,0xb6fd3ebe726ec964,0xf6f4a7bfc0b83608,BITS,0x5a9d8c50cbf87)
    R(F64_DIV,0xa766c3def770aee1,0xe768b84724347598,BITS,0x3af0707fcd0c7)
    R(F64_DIV,0xa716abda1bb3cb3,0x4a56c9c7198eb1e6,BITS,0xc3a8fd6741649)
    R(F64_DIV,0x127057d6ab553ca,0xc162abf1e98660eb,BITS,0x80004ee8d8ec01cd)
    R(F32_DIV,0x6c56d4d5,0x54b4c426,BITS,0x57181f17)
    R(F32_DIV,0x6cc140e4,0xf4b1441e,BITS,0xb78b8b4e)
    R(F32_DIV,0x682e35f1,0x3f680eff,BITS,0x68402f19)
    R(F32_DIV,0xc95de929,0xd07dd4a8,BITS,0x385fceab)
    R(F32_DIV,0xaa87a0eb,0xdb9f96df,BITS,0xe59906c)
    R(F64_DIV,0x43cb2348a1c81899,0x8a24a58aad903dd3,BITS,0xf99507c1e2a41b35)
    R(F64_DIV,0x37d23fa5137a918a,0x9f67268db1951263,BITS,0xd8593965e0d896be)
    R(F64_DIV,0x69cdcb3915d82dee,0x67d50caaa1dc6b19,BITS,0x41e6a58ec814b09d)
    R(F64_DIV,0xcb5046e378c0cc46,0x704ac925009a922b,BITS,0x9af3720aa94dab18)
    R(F64_DIV,0x8988945fd69d8e11,0x9790a37870af809a,BITS,0x31e7a2e286c62382)
    R(F64_DIV,0x3c682002af0ea1f3,0x3ffd0a9b0c2fa339,BITS,0x3c5a952fbd1fc17c)
    R(F64_DIV,0x3991e12b515db471,0xbd541fc3c94fba50,BITS,0xbc2c6e50cccb7cb6)
    R(F64_DIV,0x3d6aba5adcd6f583,0x38f17dfac639ce0f,BITS,0x446872b0a008c326)
    R(F64_DIV,0x458cf82510d0ae6b,0x4600207d86498053,BITS,0x3f7cbdc804e2cf14)
    R(F64_DIV,0x3f44c82cbb508e21,0xc336b57208c2d5d5,BITS,0xbbfd48e8b369129a)
    R(F32_DIV,0x800000,0x7fffff,BITS,0x3f800001)
    R(F32_DIV,0x7fffff,0x800000,BITS,0x3f7ffffe)
    R(F64_DIV,0x10000000000000,0xfffffffffffff,BITS,0x3ff0000000000001)
    R(F64_DIV,0xfffffffffffff,0x10000000000000,BITS,0x3feffffffffffffe)
    R(F32_DIV,0x347fffff,0x7f7fffff,BITS,0x0)
    R(F32_DIV,0x34800000,0x7f7fffff,BITS,0x1)
    R(F64_DIV,0x3cbfffffffffffff,0x7fefffffffffffff,BITS,0x0)
    R(F64_DIV,0x3cc0000000000000,0x7fefffffffffffff,BITS,0x1)
    R(F32_DIV,0x3f800000,0x200000,BITS,0x7f800000)
    R(F32_DIV,0x3f800000,0x200001,BITS,0x7f7ffff8)
    R(F64_DIV,0x3ff0000000000000,0x4000000000000,BITS,0x7ff0000000000000)
    R(F64_DIV,0x3ff0000000000000,0x4000000000001,BITS,0x7feffffffffffff8)
    R(F32_DIV,0x3f800000,0x7e800001,BITS,0x7fffff)
    R(F32_DIV,0x3f800000,0x7e800000,BITS,0x800000)
    R(F64_DIV,0x3ff0000000000000,0x7fd0000000000001,BITS,0xfffffffffffff)
    R(F64_DIV,0x3ff0000000000000,0x7fd0000000000000,BITS,0x10000000000000)
    R(F32_DIV,0x3f800000,0x40400000,BITS,0x3eaaaaab)
    R(F32_DIV,0x40400000,0x41100000,BITS,0x3eaaaaab)
    R(F32_DIV,0x41100000,0x41d80000,BITS,0x3eaaaaab)
    R(F64_DIV,0x3ff0000000000000,0x4008000000000000,BITS,0x3fd5555555555555)
    R(F64_DIV,0x4008000000000000,0x4022000000000000,BITS,0x3fd5555555555555)
    R(F64_DIV,0x4022000000000000,0x403b000000000000,BITS,0x3fd5555555555555)
    R(F32_DIV,0x3f800001,0x3f7fffff,BITS,0x3f800002)
    R(F32_DIV,0x3f7fffff,0x3f800001,BITS,0x3f7ffffd)
    R(F32_DIV,0x3f800000,0x3f7fffff,BITS,0x3f800001)
    R(F32_DIV,0x3f800000,0x3f800001,BITS,0x3f7ffffe)
    R(F64_DIV,0x3ff0000000000001,0x3fefffffffffffff,BITS,0x3ff0000000000002)
    R(F64_DIV,0x3fefffffffffffff,0x3ff0000000000001,BITS,0x3feffffffffffffd)
    R(F64_DIV,0x3ff0000000000000,0x3fefffffffffffff,BITS,0x3ff0000000000001)
    R(F64_DIV,0x3ff0000000000000,0x3ff0000000000001,BITS,0x3feffffffffffffe)
    R(F32_SQRT,0x432b0000,0x0,BITS,0x41513a26)
    R(F32_SQRT,0x342ca6fe,0x0,BITS,0x39d23c4e)
    R(F64_SQRT,0x4065600000000000,0x0,BITS,0x402a2744ce9674f5)
    R(F64_SQRT,0x3e8594dfc70aa105,0x0,BITS,0x3f3a4789c0e37f99)
    R(F64_SQRT,0x35b0263fcc94f259,0x0,BITS,0x3ad0131485de579f)
    R(F64_SQRT,0x551352dfa278c43d,0x0,BITS,0x4a8195607dac5417)
    R(F64_SQRT,0x591b15daa23924fa,0x0,BITS,0x4c84d143db561493)
    R(F64_SQRT,0x3da518c8e68cb753,0x0,BITS,0x3ec9fb8ef1ad5bfd)
    R(F64_SQRT,0x28d86d8b6518078e,0x0,BITS,0x3463c5142a48fcad)
    R(F64_SQRT,0x3fefffffffffffff,0x0,BITS,0x3fefffffffffffff)
    R(F32_SQRT,0x3e04c032,0x0,BITS,0x3eb85918)
    R(F32_SQRT,0x71ecdf78,0x0,BITS,0x58ae2029)
    R(F32_SQRT,0x3da15adb,0x0,BITS,0x3e8fb687)
    R(F32_SQRT,0x1c1b4268,0x0,BITS,0x2dc75d71)
    R(F32_SQRT,0x3a6c5e27,0x0,BITS,0x3cf5fcf5)
    R(F64_SQRT,0x635c39f220d5704,0x0,BITS,0x2312a92bc24ceae9)
    R(F64_SQRT,0x6d653521a635745c,0x0,BITS,0x56aa0cfdc4ef8ff1)
    R(F64_SQRT,0x580dfd5bbc9f4678,0x0,BITS,0x4bfefa817117c94c)
    R(F64_SQRT,0x46833f9640811cd4,0x0,BITS,0x4338d17c9243baa3)
    R(F64_SQRT,0x7e66c0ef0267ff45,0x0,BITS,0x5f2afbcfae3f2b40)
    R(F32_SQRT,0x4d135317,0x0,BITS,0x46423428)
    R(F32_SQRT,0x70b3001,0x0,BITS,0x233cc3b1)
    R(F32_SQRT,0x381efda8,0x0,BITS,0x3bc9bf1c)
    R(F32_SQRT,0x3987596,0x0,BITS,0x218bb203)
    R(F32_SQRT,0x265b82e,0x0,BITS,0x20f28105)
    R(F64_SQRT,0x6b6edae8aea05430,0x0,BITS,0x55af6c1ea4fc8dd2)
    R(F64_SQRT,0x104f7ee4bda5c9c3,0x0,BITS,0x281fbf30bdaf11c5)
    R(F64_SQRT,0x3e1a48f348266ad1,0x0,BITS,0x3f0481ee7540baf7)
    R(F64_SQRT,0x30dfeb5a1ce3ed9c,0x0,BITS,0x3866995060c20d46)
    R(F64_SQRT,0x7a1957d9796e3834,0x0,BITS,0x5d042305213157ba)
    R(F32_SQRT,0x7ab2bc3e,0x0,BITS,0x5d174152)
    R(F32_SQRT,0x4739b022,0x0,BITS,0x435a0720)
    R(F32_SQRT,0x3f500768,0x0,BITS,0x3f66c576)
    R(F32_SQRT,0x143d2640,0x0,BITS,0x29dc0cf2)
    R(F32_SQRT,0x10ae926a,0x0,BITS,0x28157baf)
    R(F64_SQRT,0x6e1a008948ead274,0x0,BITS,0x5704659b37c39b19)
    R(F64_SQRT,0x28270f6199ed21f5,0x0,BITS,0x340b2a2bddf3300d)
    R(F64_SQRT,0x7c435c1d49f2a352,0x0,BITS,0x5e18e3d9f01a9716)
    R(F64_SQRT,0x3d23fbdcfb2b2a15,0x0,BITS,0x3e8949ba4feca42a)
    R(F64_SQRT,0x213c201b94757145,0x0,BITS,0x3095369ee6bf2967)
    R(F64_SQRT,0x83c360e8d0032ad0,0x0,CANON64,0x0)
    R(F64_SQRT,0x466d9a6f5eef0503,0x0,BITS,0x432ec73f56c166f6)
    R(F64_SQRT,0x107aa051a5c4ec27,0x0,BITS,0x2834a3e771ff5149)
    R(F64_SQRT,0x2ebe5522a741babe,0x0,BITS,0x375607ae2b6feb7d)
    R(F64_SQRT,0x6364832badc0c061,0x0,BITS,0x51a99ec7934139b2)
    R(F32_SQRT,0x3f800001,0x0,BITS,0x3f800000)
    R(F32_SQRT,0x3f800002,0x0,BITS,0x3f800001)
    R(F64_SQRT,0x3ff0000000000001,0x0,BITS,0x3ff0000000000000)
    R(F64_SQRT,0x3ff0000000000002,0x0,BITS,0x3ff0000000000001)
    R(F32_SQRT,0x3f7ffffe,0x0,BITS,0x3f7fffff)
    R(F32_SQRT,0x3f7ffffd,0x0,BITS,0x3f7ffffe)
    R(F64_SQRT,0x3feffffffffffffe,0x0,BITS,0x3fefffffffffffff)
    R(F64_SQRT,0x3feffffffffffffd,0x0,BITS,0x3feffffffffffffe)
    R(F32_ABS,0x7f80f1e2,0x0,BITS,0x7f80f1e2)
    R(F32_ABS,0xff80f1e2,0x0,BITS,0x7f80f1e2)
    R(F64_ABS,0x7ff00000f1e27a6b,0x0,BITS,0x7ff00000f1e27a6b)
    R(F64_ABS,0xfff00000f1e27a6b,0x0,BITS,0x7ff00000f1e27a6b)
    R(F32_NEG,0x7f80f1e2,0x0,BITS,0xff80f1e2)
    R(F32_NEG,0xff80f1e2,0x0,BITS,0x7f80f1e2)
    R(F64_NEG,0x7ff00000f1e27a6b,0x0,BITS,0xfff00000f1e27a6b)
    R(F64_NEG,0xfff00000f1e27a6b,0x0,BITS,0x7ff00000f1e27a6b)
    R(F32_COPYSIGN,0x7f80f1e2,0x7fc00000,BITS,0x7f80f1e2)
    R(F32_COPYSIGN,0x7f80f1e2,0xffc00000,BITS,0xff80f1e2)
    R(F32_COPYSIGN,0xff80f1e2,0x7fc00000,BITS,0x7f80f1e2)
    R(F32_COPYSIGN,0xff80f1e2,0xffc00000,BITS,0xff80f1e2)
    R(F64_COPYSIGN,0x7ff00000f1e27a6b,0x7ff8000000000000,BITS,0x7ff00000f1e27a6b)
    R(F64_COPYSIGN,0x7ff00000f1e27a6b,0xfff8000000000000,BITS,0xfff00000f1e27a6b)
    R(F64_COPYSIGN,0xfff00000f1e27a6b,0x7ff8000000000000,BITS,0x7ff00000f1e27a6b)
    R(F64_COPYSIGN,0xfff00000f1e27a6b,0xfff8000000000000,BITS,0xfff00000f1e27a6b)
    R(F32_CEIL,0x3f7fffff,0x0,BITS,0x3f800000)
    R(F32_CEIL,0x3f800001,0x0,BITS,0x40000000)
    R(F64_CEIL,0x3fefffffffffffff,0x0,BITS,0x3ff0000000000000)
    R(F64_CEIL,0x3ff0000000000001,0x0,BITS,0x4000000000000000)
    R(F32_CEIL,0x4affffff,0x0,BITS,0x4b000000)
    R(F32_CEIL,0xcaffffff,0x0,BITS,0xcafffffe)
    R(F64_CEIL,0x432fffffffffffff,0x0,BITS,0x4330000000000000)
    R(F64_CEIL,0xc32fffffffffffff,0x0,BITS,0xc32ffffffffffffe)
    R(F32_CEIL,0x4b7fffff,0x0,BITS,0x4b7fffff)
    R(F32_CEIL,0xcb7fffff,0x0,BITS,0xcb7fffff)
    R(F64_CEIL,0x433fffffffffffff,0x0,BITS,0x433fffffffffffff)
    R(F64_CEIL,0xc33fffffffffffff,0x0,BITS,0xc33fffffffffffff)
    R(F32_FLOOR,0xbf7fffff,0x0,BITS,0xbf800000)
    R(F32_FLOOR,0xbf800001,0x0,BITS,0xc0000000)
    R(F64_FLOOR,0xbfefffffffffffff,0x0,BITS,0xbff0000000000000)
    R(F64_FLOOR,0xbff0000000000001,0x0,BITS,0xc000000000000000)
    R(F32_FLOOR,0xcaffffff,0x0,BITS,0xcb000000)
    R(F32_FLOOR,0x4affffff,0x0,BITS,0x4afffffe)
    R(F64_FLOOR,0xc32fffffffffffff,0x0,BITS,0xc330000000000000)
    R(F64_FLOOR,0x432fffffffffffff,0x0,BITS,0x432ffffffffffffe)
    R(F32_FLOOR,0x47ad0f80,0x0,BITS,0x47ad0f80)
    R(F64_FLOOR,0x40f5a1f000000000,0x0,BITS,0x40f5a1f000000000)
    R(F32_TRUNC,0xcaffffff,0x0,BITS,0xcafffffe)
    R(F32_TRUNC,0x4affffff,0x0,BITS,0x4afffffe)
    R(F64_TRUNC,0xc32fffffffffffff,0x0,BITS,0xc32ffffffffffffe)
    R(F64_TRUNC,0x432fffffffffffff,0x0,BITS,0x432ffffffffffffe)
    R(F32_NEAREST,0x4b000001,0x0,BITS,0x4b000001)
    R(F32_NEAREST,0x4b000002,0x0,BITS,0x4b000002)
    R(F32_NEAREST,0x3effffff,0x0,BITS,0x0)
    R(F32_NEAREST,0x577fffff,0x0,BITS,0x577fffff)
    R(F64_NEAREST,0x4330000000000001,0x0,BITS,0x4330000000000001)
    R(F64_NEAREST,0x4330000000000002,0x0,BITS,0x4330000000000002)
    R(F64_NEAREST,0x3fdfffffffffffff,0x0,BITS,0x0)
    R(F64_NEAREST,0x468fffffffffffff,0x0,BITS,0x468fffffffffffff)
    R(F32_NEAREST,0x40900000,0x0,BITS,0x40800000)
    R(F32_NEAREST,0xc0900000,0x0,BITS,0xc0800000)
    R(F32_NEAREST,0xc0600000,0x0,BITS,0xc0800000)
    R(F64_NEAREST,0x4012000000000000,0x0,BITS,0x4010000000000000)
    R(F64_NEAREST,0xc012000000000000,0x0,BITS,0xc010000000000000)
    R(F64_NEAREST,0xc00c000000000000,0x0,BITS,0xc010000000000000)
    R(F32_NEAREST,0xcaffffff,0x0,BITS,0xcb000000)
    R(F32_NEAREST,0x4affffff,0x0,BITS,0x4b000000)
    R(F64_NEAREST,0xc32fffffffffffff,0x0,BITS,0xc330000000000000)
    R(F64_NEAREST,0x432fffffffffffff,0x0,BITS,0x4330000000000000)
    R(F32_ADD,0x80000000,0x80000000,BITS,0x80000000)
    R(F32_ADD,0x80000000,0x3f000000,BITS,0x3f000000)
    R(F32_ADD,0x0,0xff7fffff,BITS,0xff7fffff)
    R(F32_ADD,0x0,0x7fa00000,ARITH32,0x0)
    R(F32_ADD,0x80000001,0xbf000000,BITS,0xbf000000)
    R(F32_ADD,0x80000001,0x7f7fffff,BITS,0x7f7fffff)
    R(F32_ADD,0x1,0x7fc00000,CANON32,0x0)
    R(F32_ADD,0x800000,0x800000,BITS,0x1000000)
    R(F32_ADD,0x80800000,0xff7fffff,BITS,0xff7fffff)
    R(F32_ADD,0x800000,0xffa00000,ARITH32,0x0)
    R(F32_ADD,0x3f000000,0x80800000,BITS,0x3f000000)
    R(F32_ADD,0x3f000000,0x40c90fdb,BITS,0x40d90fdb)
    R(F32_ADD,0x3f000000,0xffc00000,CANON32,0x0)
    R(F32_ADD,0xbf800000,0x800000,BITS,0xbf800000)
    R(F32_ADD,0x3f800000,0xc0c90fdb,BITS,0xc0a90fdb)
    R(F32_ADD,0xbf800000,0x7fa00000,ARITH32,0x0)
    R(F32_ADD,0xc0c90fdb,0x80800000,BITS,0xc0c90fdb)
    R(F32_ADD,0xc0c90fdb,0x40c90fdb,BITS,0x0)
    R(F32_ADD,0xc0c90fdb,0x7fc00000,CANON32,0x0)
    R(F32_ADD,0x7f7fffff,0x1,BITS,0x7f7fffff)
    R(F32_ADD,0xff7fffff,0xc0c90fdb,BITS,0xff7fffff)
    R(F32_ADD,0xff7fffff,0xffa00000,ARITH32,0x0)
    R(F32_ADD,0x7f800000,0x80000001,BITS,0x7f800000)
    R(F32_ADD,0x7f800000,0x3f800000,BITS,0x7f800000)
    R(F32_ADD,0xff800000,0xffc00000,CANON32,0x0)
    R(F32_ADD,0x7fa00000,0x80000000,ARITH32,0x0)
    R(F32_ADD,0xffc00000,0x800000,CANON32,0x0)
    R(F32_ADD,0x7fa00000,0x3f000000,ARITH32,0x0)
    R(F32_ADD,0x7fc00000,0xc0c90fdb,CANON32,0x0)
    R(F32_ADD,0xffa00000,0xff800000,ARITH32,0x0)
    R(F32_ADD,0xffc00000,0x7fa00000,ARITH32,0x0)
    R(F32_SUB,0x80000000,0x80000000,BITS,0x0)
    R(F32_SUB,0x80000000,0x3f000000,BITS,0xbf000000)
    R(F32_SUB,0x0,0xff7fffff,BITS,0x7f7fffff)
    R(F32_SUB,0x0,0x7fa00000,ARITH32,0x0)
    R(F32_SUB,0x80000001,0xbf000000,BITS,0x3f000000)
    R(F32_SUB,0x80000001,0x7f7fffff,BITS,0xff7fffff)
    R(F32_SUB,0x1,0x7fc00000,CANON32,0x0)
    R(F32_SUB,0x800000,0x800000,BITS,0x0)
    R(F32_SUB,0x80800000,0xff7fffff,BITS,0x7f7fffff)
    R(F32_SUB,0x800000,0xffa00000,ARITH32,0x0)
    R(F32_SUB,0x3f000000,0x80800000,BITS,0x3f000000)
    R(F32_SUB,0x3f000000,0x40c90fdb,BITS,0xc0b90fdb)
    R(F32_SUB,0x3f000000,0xffc00000,CANON32,0x0)
    R(F32_SUB,0xbf800000,0x800000,BITS,0xbf800000)
    R(F32_SUB,0x3f800000,0xc0c90fdb,BITS,0x40e90fdb)
    R(F32_SUB,0xbf800000,0x7fa00000,ARITH32,0x0)
    R(F32_SUB,0xc0c90fdb,0x80800000,BITS,0xc0c90fdb)
    R(F32_SUB,0xc0c90fdb,0x40c90fdb,BITS,0xc1490fdb)
    R(F32_SUB,0xc0c90fdb,0x7fc00000,CANON32,0x0)
    R(F32_SUB,0x7f7fffff,0x1,BITS,0x7f7fffff)
    R(F32_SUB,0xff7fffff,0xc0c90fdb,BITS,0xff7fffff)
    R(F32_SUB,0xff7fffff,0xffa00000,ARITH32,0x0)
    R(F32_SUB,0x7f800000,0x80000001,BITS,0x7f800000)
    R(F32_SUB,0x7f800000,0x3f800000,BITS,0x7f800000)
    R(F32_SUB,0xff800000,0xffc00000,CANON32,0x0)
    R(F32_SUB,0x7fa00000,0x80000000,ARITH32,0x0)
    R(F32_SUB,0xffc00000,0x800000,CANON32,0x0)
    R(F32_SUB,0x7fa00000,0x3f000000,ARITH32,0x0)
    R(F32_SUB,0x7fc00000,0xc0c90fdb,CANON32,0x0)
    R(F32_SUB,0xffa00000,0xff800000,ARITH32,0x0)
    R(F32_SUB,0xffc00000,0x7fa00000,ARITH32,0x0)
    R(F32_MUL,0x80000000,0x80000000,BITS,0x0)
    R(F32_MUL,0x80000000,0x3f000000,BITS,0x80000000)
    R(F32_MUL,0x0,0xff7fffff,BITS,0x80000000)
    R(F32_MUL,0x0,0x7fa00000,ARITH32,0x0)
    R(F32_MUL,0x80000001,0xbf000000,BITS,0x0)
    R(F32_MUL,0x80000001,0x7f7fffff,BITS,0xb4ffffff)
    R(F32_MUL,0x1,0x7fc00000,CANON32,0x0)
    R(F32_MUL,0x800000,0x800000,BITS,0x0)
    R(F32_MUL,0x80800000,0xff7fffff,BITS,0x407fffff)
    R(F32_MUL,0x800000,0xffa00000,ARITH32,0x0)
    R(F32_MUL,0x3f000000,0x80800000,BITS,0x80400000)
    R(F32_MUL,0x3f000000,0x40c90fdb,BITS,0x40490fdb)
    R(F32_MUL,0x3f000000,0xffc00000,CANON32,0x0)
    R(F32_MUL,0xbf800000,0x800000,BITS,0x80800000)
    R(F32_MUL,0x3f800000,0xc0c90fdb,BITS,0xc0c90fdb)
    R(F32_MUL,0xbf800000,0x7fa00000,ARITH32,0x0)
    R(F32_MUL,0xc0c90fdb,0x80800000,BITS,0x1c90fdb)
    R(F32_MUL,0xc0c90fdb,0x40c90fdb,BITS,0xc21de9e7)
    R(F32_MUL,0xc0c90fdb,0x7fc00000,CANON32,0x0)
    R(F32_MUL,0x7f7fffff,0x1,BITS,0x34ffffff)
    R(F32_MUL,0xff7fffff,0xc0c90fdb,BITS,0x7f800000)
    R(F32_MUL,0xff7fffff,0xffa00000,ARITH32,0x0)
    R(F32_MUL,0x7f800000,0x80000001,BITS,0xff800000)
    R(F32_MUL,0x7f800000,0x3f800000,BITS,0x7f800000)
    R(F32_MUL,0xff800000,0xffc00000,CANON32,0x0)
    R(F32_MUL,0x7fa00000,0x80000000,ARITH32,0x0)
    R(F32_MUL,0xffc00000,0x800000,CANON32,0x0)
    R(F32_MUL,0x7fa00000,0x3f000000,ARITH32,0x0)
    R(F32_MUL,0x7fc00000,0xc0c90fdb,CANON32,0x0)
    R(F32_MUL,0xffa00000,0xff800000,ARITH32,0x0)
    R(F32_MUL,0xffc00000,0x7fa00000,ARITH32,0x0)
    R(F32_DIV,0x80000000,0x80000000,CANON32,0x0)
    R(F32_DIV,0x80000000,0x3f000000,BITS,0x80000000)
    R(F32_DIV,0x0,0xff7fffff,BITS,0x80000000)
    R(F32_DIV,0x0,0x7fa00000,ARITH32,0x0)
    R(F32_DIV,0x80000001,0xbf000000,BITS,0x2)
    R(F32_DIV,0x80000001,0x7f7fffff,BITS,0x80000000)
    R(F32_DIV,0x1,0x7fc00000,CANON32,0x0)
    R(F32_DIV,0x800000,0x800000,BITS,0x3f800000)
    R(F32_DIV,0x80800000,0xff7fffff,BITS,0x0)
    R(F32_DIV,0x800000,0xffa00000,ARITH32,0x0)
    R(F32_DIV,0x3f000000,0x80800000,BITS,0xfe000000)
    R(F32_DIV,0x3f000000,0x40c90fdb,BITS,0x3da2f983)
    R(F32_DIV,0x3f000000,0xffc00000,CANON32,0x0)
    R(F32_DIV,0xbf800000,0x800000,BITS,0xfe800000)
    R(F32_DIV,0x3f800000,0xc0c90fdb,BITS,0xbe22f983)
    R(F32_DIV,0xbf800000,0x7fa00000,ARITH32,0x0)
    R(F32_DIV,0xc0c90fdb,0x80800000,BITS,0x7f800000)
    R(F32_DIV,0xc0c90fdb,0x40c90fdb,BITS,0xbf800000)
    R(F32_DIV,0xc0c90fdb,0x7fc00000,CANON32,0x0)
    R(F32_DIV,0x7f7fffff,0x1,BITS,0x7f800000)
    R(F32_DIV,0xff7fffff,0xc0c90fdb,BITS,0x7e22f982)
    R(F32_DIV,0xff7fffff,0xffa00000,ARITH32,0x0)
    R(F32_DIV,0x7f800000,0x80000001,BITS,0xff800000)
    R(F32_DIV,0x7f800000,0x3f800000,BITS,0x7f800000)
    R(F32_DIV,0xff800000,0xffc00000,CANON32,0x0)
    R(F32_DIV,0x7fa00000,0x80000000,ARITH32,0x0)
    R(F32_DIV,0xffc00000,0x800000,CANON32,0x0)
    R(F32_DIV,0x7fa00000,0x3f000000,ARITH32,0x0)
    R(F32_DIV,0x7fc00000,0xc0c90fdb,CANON32,0x0)
    R(F32_DIV,0xffa00000,0xff800000,ARITH32,0x0)
    R(F32_DIV,0xffc00000,0x7fa00000,ARITH32,0x0)
    R(F32_MIN,0x80000000,0x80000000,BITS,0x80000000)
    R(F32_MIN,0x80000000,0x3f000000,BITS,0x80000000)
    R(F32_MIN,0x0,0xff7fffff,BITS,0xff7fffff)
    R(F32_MIN,0x0,0x7fa00000,ARITH32,0x0)
    R(F32_MIN,0x80000001,0xbf000000,BITS,0xbf000000)
    R(F32_MIN,0x80000001,0x7f7fffff,BITS,0x80000001)
    R(F32_MIN,0x1,0x7fc00000,CANON32,0x0)
    R(F32_MIN,0x800000,0x800000,BITS,0x800000)
    R(F32_MIN,0x80800000,0xff7fffff,BITS,0xff7fffff)
    R(F32_MIN,0x800000,0xffa00000,ARITH32,0x0)
    R(F32_MIN,0x3f000000,0x80800000,BITS,0x80800000)
    R(F32_MIN,0x3f000000,0x40c90fdb,BITS,0x3f000000)
    R(F32_MIN,0x3f000000,0xffc00000,CANON32,0x0)
    R(F32_MIN,0xbf800000,0x800000,BITS,0xbf800000)
    R(F32_MIN,0x3f800000,0xc0c90fdb,BITS,0xc0c90fdb)
    R(F32_MIN,0xbf800000,0x7fa00000,ARITH32,0x0)
    R(F32_MIN,0xc0c90fdb,0x80800000,BITS,0xc0c90fdb)
    R(F32_MIN,0xc0c90fdb,0x40c90fdb,BITS,0xc0c90fdb)
    R(F32_MIN,0xc0c90fdb,0x7fc00000,CANON32,0x0)
    R(F32_MIN,0x7f7fffff,0x1,BITS,0x1)
    R(F32_MIN,0xff7fffff,0xc0c90fdb,BITS,0xff7fffff)
    R(F32_MIN,0xff7fffff,0xffa00000,ARITH32,0x0)
    R(F32_MIN,0x7f800000,0x80000001,BITS,0x80000001)
    R(F32_MIN,0x7f800000,0x3f800000,BITS,0x3f800000)
    R(F32_MIN,0xff800000,0xffc00000,CANON32,0x0)
    R(F32_MIN,0x7fa00000,0x80000000,ARITH32,0x0)
    R(F32_MIN,0xffc00000,0x800000,CANON32,0x0)
    R(F32_MIN,0x7fa00000,0x3f000000,ARITH32,0x0)
    R(F32_MIN,0x7fc00000,0xc0c90fdb,CANON32,0x0)
    R(F32_MIN,0xffa00000,0xff800000,ARITH32,0x0)
    R(F32_MIN,0xffc00000,0x7fa00000,ARITH32,0x0)
    R(F32_MAX,0x80000000,0x80000000,BITS,0x80000000)
    R(F32_MAX,0x80000000,0x3f000000,BITS,0x3f000000)
    R(F32_MAX,0x0,0xff7fffff,BITS,0x0)
    R(F32_MAX,0x0,0x7fa00000,ARITH32,0x0)
    R(F32_MAX,0x80000001,0xbf000000,BITS,0x80000001)
    R(F32_MAX,0x80000001,0x7f7fffff,BITS,0x7f7fffff)
    R(F32_MAX,0x1,0x7fc00000,CANON32,0x0)
    R(F32_MAX,0x800000,0x800000,BITS,0x800000)
    R(F32_MAX,0x80800000,0xff7fffff,BITS,0x80800000)
    R(F32_MAX,0x800000,0xffa00000,ARITH32,0x0)
    R(F32_MAX,0x3f000000,0x80800000,BITS,0x3f000000)
    R(F32_MAX,0x3f000000,0x40c90fdb,BITS,0x40c90fdb)
    R(F32_MAX,0x3f000000,0xffc00000,CANON32,0x0)
    R(F32_MAX,0xbf800000,0x800000,BITS,0x800000)
    R(F32_MAX,0x3f800000,0xc0c90fdb,BITS,0x3f800000)
    R(F32_MAX,0xbf800000,0x7fa00000,ARITH32,0x0)
    R(F32_MAX,0xc0c90fdb,0x80800000,BITS,0x80800000)
    R(F32_MAX,0xc0c90fdb,0x40c90fdb,BITS,0x40c90fdb)
    R(F32_MAX,0xc0c90fdb,0x7fc00000,CANON32,0x0)
    R(F32_MAX,0x7f7fffff,0x1,BITS,0x7f7fffff)
    R(F32_MAX,0xff7fffff,0xc0c90fdb,BITS,0xc0c90fdb)
    R(F32_MAX,0xff7fffff,0xffa00000,ARITH32,0x0)
    R(F32_MAX,0x7f800000,0x80000001,BITS,0x7f800000)
    R(F32_MAX,0x7f800000,0x3f800000,BITS,0x7f800000)
    R(F32_MAX,0xff800000,0xffc00000,CANON32,0x0)
    R(F32_MAX,0x7fa00000,0x80000000,ARITH32,0x0)
    R(F32_MAX,0xffc00000,0x800000,CANON32,0x0)
    R(F32_MAX,0x7fa00000,0x3f000000,ARITH32,0x0)
    R(F32_MAX,0x7fc00000,0xc0c90fdb,CANON32,0x0)
    R(F32_MAX,0xffa00000,0xff800000,ARITH32,0x0)
    R(F32_MAX,0xffc00000,0x7fa00000,ARITH32,0x0)
    R(F32_SQRT,0x80000000,0x0,BITS,0x80000000)
    R(F32_SQRT,0x7f7fffff,0x0,BITS,0x5f7fffff)
    R(F32_FLOOR,0x80000000,0x0,BITS,0x80000000)
    R(F32_FLOOR,0x7f7fffff,0x0,BITS,0x7f7fffff)
    R(F32_CEIL,0x80000000,0x0,BITS,0x80000000)
    R(F32_CEIL,0x7f7fffff,0x0,BITS,0x7f7fffff)
    R(F32_TRUNC,0x80000000,0x0,BITS,0x80000000)
    R(F32_TRUNC,0x7f7fffff,0x0,BITS,0x7f7fffff)
    R(F32_NEAREST,0x80000000,0x0,BITS,0x80000000)
    R(F32_NEAREST,0x7f7fffff,0x0,BITS,0x7f7fffff)
    R(F64_ADD,0x8000000000000000,0x8000000000000000,BITS,0x8000000000000000)
    R(F64_ADD,0x8000000000000000,0x3fe0000000000000,BITS,0x3fe0000000000000)
    R(F64_ADD,0x0,0xffefffffffffffff,BITS,0xffefffffffffffff)
    R(F64_ADD,0x0,0x7ff4000000000000,ARITH64,0x0)
    R(F64_ADD,0x8000000000000001,0xbfe0000000000000,BITS,0xbfe0000000000000)
    R(F64_ADD,0x8000000000000001,0x7fefffffffffffff,BITS,0x7fefffffffffffff)
    R(F64_ADD,0x1,0x7ff8000000000000,CANON64,0x0)
    R(F64_ADD,0x10000000000000,0x10000000000000,BITS,0x20000000000000)
    R(F64_ADD,0x8010000000000000,0xffefffffffffffff,BITS,0xffefffffffffffff)
    R(F64_ADD,0x10000000000000,0xfff4000000000000,ARITH64,0x0)
    R(F64_ADD,0x3fe0000000000000,0x8010000000000000,BITS,0x3fe0000000000000)
    R(F64_ADD,0x3fe0000000000000,0x401921fb54442d18,BITS,0x401b21fb54442d18)
    R(F64_ADD,0x3fe0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_ADD,0xbff0000000000000,0x10000000000000,BITS,0xbff0000000000000)
    R(F64_ADD,0x3ff0000000000000,0xc01921fb54442d18,BITS,0xc01521fb54442d18)
    R(F64_ADD,0xbff0000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_ADD,0xc01921fb54442d18,0x8010000000000000,BITS,0xc01921fb54442d18)
    R(F64_ADD,0xc01921fb54442d18,0x401921fb54442d18,BITS,0x0)
    R(F64_ADD,0xc01921fb54442d18,0x7ff8000000000000,CANON64,0x0)
    R(F64_ADD,0x7fefffffffffffff,0x1,BITS,0x7fefffffffffffff)
    R(F64_ADD,0xffefffffffffffff,0xc01921fb54442d18,BITS,0xffefffffffffffff)
    R(F64_ADD,0xffefffffffffffff,0xfff4000000000000,ARITH64,0x0)
    R(F64_ADD,0x7ff0000000000000,0x8000000000000001,BITS,0x7ff0000000000000)
    R(F64_ADD,0x7ff0000000000000,0x3ff0000000000000,BITS,0x7ff0000000000000)
    R(F64_ADD,0xfff0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_ADD,0x7ff4000000000000,0x8000000000000000,ARITH64,0x0)
    R(F64_ADD,0xfff8000000000000,0x10000000000000,CANON64,0x0)
    R(F64_ADD,0x7ff4000000000000,0x3fe0000000000000,ARITH64,0x0)
    R(F64_ADD,0x7ff8000000000000,0xc01921fb54442d18,CANON64,0x0)
    R(F64_ADD,0xfff4000000000000,0xfff0000000000000,ARITH64,0x0)
    R(F64_ADD,0xfff8000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_SUB,0x8000000000000000,0x8000000000000000,BITS,0x0)
    R(F64_SUB,0x8000000000000000,0x3fe0000000000000,BITS,0xbfe0000000000000)
    R(F64_SUB,0x0,0xffefffffffffffff,BITS,0x7fefffffffffffff)
    R(F64_SUB,0x0,0x7ff4000000000000,ARITH64,0x0)
    R(F64_SUB,0x8000000000000001,0xbfe0000000000000,BITS,0x3fe0000000000000)
    R(F64_SUB,0x8000000000000001,0x7fefffffffffffff,BITS,0xffefffffffffffff)
    R(F64_SUB,0x1,0x7ff8000000000000,CANON64,0x0)
    R(F64_SUB,0x10000000000000,0x10000000000000,BITS,0x0)
    R(F64_SUB,0x8010000000000000,0xffefffffffffffff,BITS,0x7fefffffffffffff)
    R(F64_SUB,0x10000000000000,0xfff4000000000000,ARITH64,0x0)
    R(F64_SUB,0x3fe0000000000000,0x8010000000000000,BITS,0x3fe0000000000000)
    R(F64_SUB,0x3fe0000000000000,0x401921fb54442d18,BITS,0xc01721fb54442d18)
    R(F64_SUB,0x3fe0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_SUB,0xbff0000000000000,0x10000000000000,BITS,0xbff0000000000000)
    R(F64_SUB,0x3ff0000000000000,0xc01921fb54442d18,BITS,0x401d21fb54442d18)
    R(F64_SUB,0xbff0000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_SUB,0xc01921fb54442d18,0x8010000000000000,BITS,0xc01921fb54442d18)
    R(F64_SUB,0xc01921fb54442d18,0x401921fb54442d18,BITS,0xc02921fb54442d18)
    R(F64_SUB,0xc01921fb54442d18,0x7ff8000000000000,CANON64,0x0)
    R(F64_SUB,0x7fefffffffffffff,0x1,BITS,0x7fefffffffffffff)
    R(F64_SUB,0xffefffffffffffff,0xc01921fb54442d18,BITS,0xffefffffffffffff)
    R(F64_SUB,0xffefffffffffffff,0xfff4000000000000,ARITH64,0x0)
    R(F64_SUB,0x7ff0000000000000,0x8000000000000001,BITS,0x7ff0000000000000)
    R(F64_SUB,0x7ff0000000000000,0x3ff0000000000000,BITS,0x7ff0000000000000)
    R(F64_SUB,0xfff0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_SUB,0x7ff4000000000000,0x8000000000000000,ARITH64,0x0)
    R(F64_SUB,0xfff8000000000000,0x10000000000000,CANON64,0x0)
    R(F64_SUB,0x7ff4000000000000,0x3fe0000000000000,ARITH64,0x0)
    R(F64_SUB,0x7ff8000000000000,0xc01921fb54442d18,CANON64,0x0)
    R(F64_SUB,0xfff4000000000000,0xfff0000000000000,ARITH64,0x0)
    R(F64_SUB,0xfff8000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MUL,0x8000000000000000,0x8000000000000000,BITS,0x0)
    R(F64_MUL,0x8000000000000000,0x3fe0000000000000,BITS,0x8000000000000000)
    R(F64_MUL,0x0,0xffefffffffffffff,BITS,0x8000000000000000)
    R(F64_MUL,0x0,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MUL,0x8000000000000001,0xbfe0000000000000,BITS,0x0)
    R(F64_MUL,0x8000000000000001,0x7fefffffffffffff,BITS,0xbccfffffffffffff)
    R(F64_MUL,0x1,0x7ff8000000000000,CANON64,0x0)
    R(F64_MUL,0x10000000000000,0x10000000000000,BITS,0x0)
    R(F64_MUL,0x8010000000000000,0xffefffffffffffff,BITS,0x400fffffffffffff)
    R(F64_MUL,0x10000000000000,0xfff4000000000000,ARITH64,0x0)
    R(F64_MUL,0x3fe0000000000000,0x8010000000000000,BITS,0x8008000000000000)
    R(F64_MUL,0x3fe0000000000000,0x401921fb54442d18,BITS,0x400921fb54442d18)
    R(F64_MUL,0x3fe0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_MUL,0xbff0000000000000,0x10000000000000,BITS,0x8010000000000000)
    R(F64_MUL,0x3ff0000000000000,0xc01921fb54442d18,BITS,0xc01921fb54442d18)
    R(F64_MUL,0xbff0000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MUL,0xc01921fb54442d18,0x8010000000000000,BITS,0x3921fb54442d18)
    R(F64_MUL,0xc01921fb54442d18,0x401921fb54442d18,BITS,0xc043bd3cc9be45de)
    R(F64_MUL,0xc01921fb54442d18,0x7ff8000000000000,CANON64,0x0)
    R(F64_MUL,0x7fefffffffffffff,0x1,BITS,0x3ccfffffffffffff)
    R(F64_MUL,0xffefffffffffffff,0xc01921fb54442d18,BITS,0x7ff0000000000000)
    R(F64_MUL,0xffefffffffffffff,0xfff4000000000000,ARITH64,0x0)
    R(F64_MUL,0x7ff0000000000000,0x8000000000000001,BITS,0xfff0000000000000)
    R(F64_MUL,0x7ff0000000000000,0x3ff0000000000000,BITS,0x7ff0000000000000)
    R(F64_MUL,0xfff0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_MUL,0x7ff4000000000000,0x8000000000000000,ARITH64,0x0)
    R(F64_MUL,0xfff8000000000000,0x10000000000000,CANON64,0x0)
    R(F64_MUL,0x7ff4000000000000,0x3fe0000000000000,ARITH64,0x0)
    R(F64_MUL,0x7ff8000000000000,0xc01921fb54442d18,CANON64,0x0)
    R(F64_MUL,0xfff4000000000000,0xfff0000000000000,ARITH64,0x0)
    R(F64_MUL,0xfff8000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_DIV,0x8000000000000000,0x8000000000000000,CANON64,0x0)
    R(F64_DIV,0x8000000000000000,0x3fe0000000000000,BITS,0x8000000000000000)
    R(F64_DIV,0x0,0xffefffffffffffff,BITS,0x8000000000000000)
    R(F64_DIV,0x0,0x7ff4000000000000,ARITH64,0x0)
    R(F64_DIV,0x8000000000000001,0xbfe0000000000000,BITS,0x2)
    R(F64_DIV,0x8000000000000001,0x7fefffffffffffff,BITS,0x8000000000000000)
    R(F64_DIV,0x1,0x7ff8000000000000,CANON64,0x0)
    R(F64_DIV,0x10000000000000,0x10000000000000,BITS,0x3ff0000000000000)
    R(F64_DIV,0x8010000000000000,0xffefffffffffffff,BITS,0x0)
    R(F64_DIV,0x10000000000000,0xfff4000000000000,ARITH64,0x0)
    R(F64_DIV,0x3fe0000000000000,0x8010000000000000,BITS,0xffc0000000000000)
    R(F64_DIV,0x3fe0000000000000,0x401921fb54442d18,BITS,0x3fb45f306dc9c883)
    R(F64_DIV,0x3fe0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_DIV,0xbff0000000000000,0x10000000000000,BITS,0xffd0000000000000)
    R(F64_DIV,0x3ff0000000000000,0xc01921fb54442d18,BITS,0xbfc45f306dc9c883)
    R(F64_DIV,0xbff0000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_DIV,0xc01921fb54442d18,0x8010000000000000,BITS,0x7ff0000000000000)
    R(F64_DIV,0xc01921fb54442d18,0x401921fb54442d18,BITS,0xbff0000000000000)
    R(F64_DIV,0xc01921fb54442d18,0x7ff8000000000000,CANON64,0x0)
    R(F64_DIV,0x7fefffffffffffff,0x1,BITS,0x7ff0000000000000)
    R(F64_DIV,0xffefffffffffffff,0xc01921fb54442d18,BITS,0x7fc45f306dc9c882)
    R(F64_DIV,0xffefffffffffffff,0xfff4000000000000,ARITH64,0x0)
    R(F64_DIV,0x7ff0000000000000,0x8000000000000001,BITS,0xfff0000000000000)
    R(F64_DIV,0x7ff0000000000000,0x3ff0000000000000,BITS,0x7ff0000000000000)
    R(F64_DIV,0xfff0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_DIV,0x7ff4000000000000,0x8000000000000000,ARITH64,0x0)
    R(F64_DIV,0xfff8000000000000,0x10000000000000,CANON64,0x0)
    R(F64_DIV,0x7ff4000000000000,0x3fe0000000000000,ARITH64,0x0)
    R(F64_DIV,0x7ff8000000000000,0xc01921fb54442d18,CANON64,0x0)
    R(F64_DIV,0xfff4000000000000,0xfff0000000000000,ARITH64,0x0)
    R(F64_DIV,0xfff8000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MIN,0x8000000000000000,0x8000000000000000,BITS,0x8000000000000000)
    R(F64_MIN,0x8000000000000000,0x3fe0000000000000,BITS,0x8000000000000000)
    R(F64_MIN,0x0,0xffefffffffffffff,BITS,0xffefffffffffffff)
    R(F64_MIN,0x0,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MIN,0x8000000000000001,0xbfe0000000000000,BITS,0xbfe0000000000000)
    R(F64_MIN,0x8000000000000001,0x7fefffffffffffff,BITS,0x8000000000000001)
    R(F64_MIN,0x1,0x7ff8000000000000,CANON64,0x0)
    R(F64_MIN,0x10000000000000,0x10000000000000,BITS,0x10000000000000)
    R(F64_MIN,0x8010000000000000,0xffefffffffffffff,BITS,0xffefffffffffffff)
    R(F64_MIN,0x10000000000000,0xfff4000000000000,ARITH64,0x0)
    R(F64_MIN,0x3fe0000000000000,0x8010000000000000,BITS,0x8010000000000000)
    R(F64_MIN,0x3fe0000000000000,0x401921fb54442d18,BITS,0x3fe0000000000000)
    R(F64_MIN,0x3fe0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_MIN,0xbff0000000000000,0x10000000000000,BITS,0xbff0000000000000)
    R(F64_MIN,0x3ff0000000000000,0xc01921fb54442d18,BITS,0xc01921fb54442d18)
    R(F64_MIN,0xbff0000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MIN,0xc01921fb54442d18,0x8010000000000000,BITS,0xc01921fb54442d18)
    R(F64_MIN,0xc01921fb54442d18,0x401921fb54442d18,BITS,0xc01921fb54442d18)
    R(F64_MIN,0xc01921fb54442d18,0x7ff8000000000000,CANON64,0x0)
    R(F64_MIN,0x7fefffffffffffff,0x1,BITS,0x1)
    R(F64_MIN,0xffefffffffffffff,0xc01921fb54442d18,BITS,0xffefffffffffffff)
    R(F64_MIN,0xffefffffffffffff,0xfff4000000000000,ARITH64,0x0)
    R(F64_MIN,0x7ff0000000000000,0x8000000000000001,BITS,0x8000000000000001)
    R(F64_MIN,0x7ff0000000000000,0x3ff0000000000000,BITS,0x3ff0000000000000)
    R(F64_MIN,0xfff0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_MIN,0x7ff4000000000000,0x8000000000000000,ARITH64,0x0)
    R(F64_MIN,0xfff8000000000000,0x10000000000000,CANON64,0x0)
    R(F64_MIN,0x7ff4000000000000,0x3fe0000000000000,ARITH64,0x0)
    R(F64_MIN,0x7ff8000000000000,0xc01921fb54442d18,CANON64,0x0)
    R(F64_MIN,0xfff4000000000000,0xfff0000000000000,ARITH64,0x0)
    R(F64_MIN,0xfff8000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MAX,0x8000000000000000,0x8000000000000000,BITS,0x8000000000000000)
    R(F64_MAX,0x8000000000000000,0x3fe0000000000000,BITS,0x3fe0000000000000)
    R(F64_MAX,0x0,0xffefffffffffffff,BITS,0x0)
    R(F64_MAX,0x0,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MAX,0x8000000000000001,0xbfe0000000000000,BITS,0x8000000000000001)
    R(F64_MAX,0x8000000000000001,0x7fefffffffffffff,BITS,0x7fefffffffffffff)
    R(F64_MAX,0x1,0x7ff8000000000000,CANON64,0x0)
    R(F64_MAX,0x10000000000000,0x10000000000000,BITS,0x10000000000000)
    R(F64_MAX,0x8010000000000000,0xffefffffffffffff,BITS,0x8010000000000000)
    R(F64_MAX,0x10000000000000,0xfff4000000000000,ARITH64,0x0)
    R(F64_MAX,0x3fe0000000000000,0x8010000000000000,BITS,0x3fe0000000000000)
    R(F64_MAX,0x3fe0000000000000,0x401921fb54442d18,BITS,0x401921fb54442d18)
    R(F64_MAX,0x3fe0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_MAX,0xbff0000000000000,0x10000000000000,BITS,0x10000000000000)
    R(F64_MAX,0x3ff0000000000000,0xc01921fb54442d18,BITS,0x3ff0000000000000)
    R(F64_MAX,0xbff0000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_MAX,0xc01921fb54442d18,0x8010000000000000,BITS,0x8010000000000000)
    R(F64_MAX,0xc01921fb54442d18,0x401921fb54442d18,BITS,0x401921fb54442d18)
    R(F64_MAX,0xc01921fb54442d18,0x7ff8000000000000,CANON64,0x0)
    R(F64_MAX,0x7fefffffffffffff,0x1,BITS,0x7fefffffffffffff)
    R(F64_MAX,0xffefffffffffffff,0xc01921fb54442d18,BITS,0xc01921fb54442d18)
    R(F64_MAX,0xffefffffffffffff,0xfff4000000000000,ARITH64,0x0)
    R(F64_MAX,0x7ff0000000000000,0x8000000000000001,BITS,0x7ff0000000000000)
    R(F64_MAX,0x7ff0000000000000,0x3ff0000000000000,BITS,0x7ff0000000000000)
    R(F64_MAX,0xfff0000000000000,0xfff8000000000000,CANON64,0x0)
    R(F64_MAX,0x7ff4000000000000,0x8000000000000000,ARITH64,0x0)
    R(F64_MAX,0xfff8000000000000,0x10000000000000,CANON64,0x0)
    R(F64_MAX,0x7ff4000000000000,0x3fe0000000000000,ARITH64,0x0)
    R(F64_MAX,0x7ff8000000000000,0xc01921fb54442d18,CANON64,0x0)
    R(F64_MAX,0xfff4000000000000,0xfff0000000000000,ARITH64,0x0)
    R(F64_MAX,0xfff8000000000000,0x7ff4000000000000,ARITH64,0x0)
    R(F64_SQRT,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(F64_SQRT,0x7fefffffffffffff,0x0,BITS,0x5fefffffffffffff)
    R(F64_FLOOR,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(F64_FLOOR,0x7fefffffffffffff,0x0,BITS,0x7fefffffffffffff)
    R(F64_CEIL,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(F64_CEIL,0x7fefffffffffffff,0x0,BITS,0x7fefffffffffffff)
    R(F64_TRUNC,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(F64_TRUNC,0x7fefffffffffffff,0x0,BITS,0x7fefffffffffffff)
    R(F64_NEAREST,0x8000000000000000,0x0,BITS,0x8000000000000000)
    R(F64_NEAREST,0x7fefffffffffffff,0x0,BITS,0x7fefffffffffffff)
    R(F32_EQ,0x80000000,0x80000000,BITS,0x1)
    R(F32_EQ,0x0,0xffa00000,BITS,0x0)
    R(F32_EQ,0x80000001,0x7fc00000,BITS,0x0)
    R(F32_EQ,0x800000,0x7f800000,BITS,0x0)
    R(F32_EQ,0xbf000000,0xff800000,BITS,0x0)
    R(F32_EQ,0xbf800000,0x7f7fffff,BITS,0x0)
    R(F32_EQ,0x40c90fdb,0xc0c90fdb,BITS,0x0)
    R(F32_EQ,0x7f7fffff,0x3f800000,BITS,0x0)
    R(F32_EQ,0xff800000,0xbf800000,BITS,0x0)
    R(F32_EQ,0x7fa00000,0x80000001,BITS,0x0)
    R(F32_EQ,0xffc00000,0x7f7fffff,BITS,0x0)
    R(F32_NE,0x80000000,0x80000000,BITS,0x0)
    R(F32_NE,0x0,0xffa00000,BITS,0x1)
    R(F32_NE,0x80000001,0x7fc00000,BITS,0x1)
    R(F32_NE,0x800000,0x7f800000,BITS,0x1)
    R(F32_NE,0xbf000000,0xff800000,BITS,0x1)
    R(F32_NE,0xbf800000,0x7f7fffff,BITS,0x1)
    R(F32_NE,0x40c90fdb,0xc0c90fdb,BITS,0x1)
    R(F32_NE,0x7f7fffff,0x3f800000,BITS,0x1)
    R(F32_NE,0xff800000,0xbf800000,BITS,0x1)
    R(F32_NE,0x7fa00000,0x80000001,BITS,0x1)
    R(F32_NE,0xffc00000,0x7f7fffff,BITS,0x1)
    R(F32_LT,0x80000000,0x80000000,BITS,0x0)
    R(F32_LT,0x0,0xffa00000,BITS,0x0)
    R(F32_LT,0x80000001,0x7fc00000,BITS,0x0)
    R(F32_LT,0x800000,0x7f800000,BITS,0x1)
    R(F32_LT,0xbf000000,0xff800000,BITS,0x0)
    R(F32_LT,0xbf800000,0x7f7fffff,BITS,0x1)
    R(F32_LT,0x40c90fdb,0xc0c90fdb,BITS,0x0)
    R(F32_LT,0x7f7fffff,0x3f800000,BITS,0x0)
    R(F32_LT,0xff800000,0xbf800000,BITS,0x1)
    R(F32_LT,0x7fa00000,0x80000001,BITS,0x0)
    R(F32_LT,0xffc00000,0x7f7fffff,BITS,0x0)
    R(F32_LE,0x80000000,0x80000000,BITS,0x1)
    R(F32_LE,0x0,0xffa00000,BITS,0x0)
    R(F32_LE,0x80000001,0x7fc00000,BITS,0x0)
    R(F32_LE,0x800000,0x7f800000,BITS,0x1)
    R(F32_LE,0xbf000000,0xff800000,BITS,0x0)
    R(F32_LE,0xbf800000,0x7f7fffff,BITS,0x1)
    R(F32_LE,0x40c90fdb,0xc0c90fdb,BITS,0x0)
    R(F32_LE,0x7f7fffff,0x3f800000,BITS,0x0)
    R(F32_LE,0xff800000,0xbf800000,BITS,0x1)
    R(F32_LE,0x7fa00000,0x80000001,BITS,0x0)
    R(F32_LE,0xffc00000,0x7f7fffff,BITS,0x0)
    R(F32_GT,0x80000000,0x80000000,BITS,0x0)
    R(F32_GT,0x0,0xffa00000,BITS,0x0)
    R(F32_GT,0x80000001,0x7fc00000,BITS,0x0)
    R(F32_GT,0x800000,0x7f800000,BITS,0x0)
    R(F32_GT,0xbf000000,0xff800000,BITS,0x1)
    R(F32_GT,0xbf800000,0x7f7fffff,BITS,0x0)
    R(F32_GT,0x40c90fdb,0xc0c90fdb,BITS,0x1)
    R(F32_GT,0x7f7fffff,0x3f800000,BITS,0x1)
    R(F32_GT,0xff800000,0xbf800000,BITS,0x0)
    R(F32_GT,0x7fa00000,0x80000001,BITS,0x0)
    R(F32_GT,0xffc00000,0x7f7fffff,BITS,0x0)
    R(F32_GE,0x80000000,0x80000000,BITS,0x1)
    R(F32_GE,0x0,0xffa00000,BITS,0x0)
    R(F32_GE,0x80000001,0x7fc00000,BITS,0x0)
    R(F32_GE,0x800000,0x7f800000,BITS,0x0)
    R(F32_GE,0xbf000000,0xff800000,BITS,0x1)
    R(F32_GE,0xbf800000,0x7f7fffff,BITS,0x0)
    R(F32_GE,0x40c90fdb,0xc0c90fdb,BITS,0x1)
    R(F32_GE,0x7f7fffff,0x3f800000,BITS,0x1)
    R(F32_GE,0xff800000,0xbf800000,BITS,0x0)
    R(F32_GE,0x7fa00000,0x80000001,BITS,0x0)
    R(F32_GE,0xffc00000,0x7f7fffff,BITS,0x0)
    R(F64_EQ,0x8000000000000000,0x8000000000000000,BITS,0x1)
    R(F64_EQ,0x0,0xfff4000000000000,BITS,0x0)
    R(F64_EQ,0x8000000000000001,0x7ff8000000000000,BITS,0x0)
    R(F64_EQ,0x10000000000000,0x7ff0000000000000,BITS,0x0)
    R(F64_EQ,0xbfe0000000000000,0xfff0000000000000,BITS,0x0)
    R(F64_EQ,0xbff0000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_EQ,0x401921fb54442d18,0xc01921fb54442d18,BITS,0x0)
    R(F64_EQ,0x7fefffffffffffff,0x3ff0000000000000,BITS,0x0)
    R(F64_EQ,0xfff0000000000000,0xbff0000000000000,BITS,0x0)
    R(F64_EQ,0x7ff4000000000000,0x8000000000000001,BITS,0x0)
    R(F64_EQ,0xfff8000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_NE,0x8000000000000000,0x8000000000000000,BITS,0x0)
    R(F64_NE,0x0,0xfff4000000000000,BITS,0x1)
    R(F64_NE,0x8000000000000001,0x7ff8000000000000,BITS,0x1)
    R(F64_NE,0x10000000000000,0x7ff0000000000000,BITS,0x1)
    R(F64_NE,0xbfe0000000000000,0xfff0000000000000,BITS,0x1)
    R(F64_NE,0xbff0000000000000,0x7fefffffffffffff,BITS,0x1)
    R(F64_NE,0x401921fb54442d18,0xc01921fb54442d18,BITS,0x1)
    R(F64_NE,0x7fefffffffffffff,0x3ff0000000000000,BITS,0x1)
    R(F64_NE,0xfff0000000000000,0xbff0000000000000,BITS,0x1)
    R(F64_NE,0x7ff4000000000000,0x8000000000000001,BITS,0x1)
    R(F64_NE,0xfff8000000000000,0x7fefffffffffffff,BITS,0x1)
    R(F64_LT,0x8000000000000000,0x8000000000000000,BITS,0x0)
    R(F64_LT,0x0,0xfff4000000000000,BITS,0x0)
    R(F64_LT,0x8000000000000001,0x7ff8000000000000,BITS,0x0)
    R(F64_LT,0x10000000000000,0x7ff0000000000000,BITS,0x1)
    R(F64_LT,0xbfe0000000000000,0xfff0000000000000,BITS,0x0)
    R(F64_LT,0xbff0000000000000,0x7fefffffffffffff,BITS,0x1)
    R(F64_LT,0x401921fb54442d18,0xc01921fb54442d18,BITS,0x0)
    R(F64_LT,0x7fefffffffffffff,0x3ff0000000000000,BITS,0x0)
    R(F64_LT,0xfff0000000000000,0xbff0000000000000,BITS,0x1)
    R(F64_LT,0x7ff4000000000000,0x8000000000000001,BITS,0x0)
    R(F64_LT,0xfff8000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_LE,0x8000000000000000,0x8000000000000000,BITS,0x1)
    R(F64_LE,0x0,0xfff4000000000000,BITS,0x0)
    R(F64_LE,0x8000000000000001,0x7ff8000000000000,BITS,0x0)
    R(F64_LE,0x10000000000000,0x7ff0000000000000,BITS,0x1)
    R(F64_LE,0xbfe0000000000000,0xfff0000000000000,BITS,0x0)
    R(F64_LE,0xbff0000000000000,0x7fefffffffffffff,BITS,0x1)
    R(F64_LE,0x401921fb54442d18,0xc01921fb54442d18,BITS,0x0)
    R(F64_LE,0x7fefffffffffffff,0x3ff0000000000000,BITS,0x0)
    R(F64_LE,0xfff0000000000000,0xbff0000000000000,BITS,0x1)
    R(F64_LE,0x7ff4000000000000,0x8000000000000001,BITS,0x0)
    R(F64_LE,0xfff8000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_GT,0x8000000000000000,0x8000000000000000,BITS,0x0)
    R(F64_GT,0x0,0xfff4000000000000,BITS,0x0)
    R(F64_GT,0x8000000000000001,0x7ff8000000000000,BITS,0x0)
    R(F64_GT,0x10000000000000,0x7ff0000000000000,BITS,0x0)
    R(F64_GT,0xbfe0000000000000,0xfff0000000000000,BITS,0x1)
    R(F64_GT,0xbff0000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_GT,0x401921fb54442d18,0xc01921fb54442d18,BITS,0x1)
    R(F64_GT,0x7fefffffffffffff,0x3ff0000000000000,BITS,0x1)
    R(F64_GT,0xfff0000000000000,0xbff0000000000000,BITS,0x0)
    R(F64_GT,0x7ff4000000000000,0x8000000000000001,BITS,0x0)
    R(F64_GT,0xfff8000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_GE,0x8000000000000000,0x8000000000000000,BITS,0x1)
    R(F64_GE,0x0,0xfff4000000000000,BITS,0x0)
    R(F64_GE,0x8000000000000001,0x7ff8000000000000,BITS,0x0)
    R(F64_GE,0x10000000000000,0x7ff0000000000000,BITS,0x0)
    R(F64_GE,0xbfe0000000000000,0xfff0000000000000,BITS,0x1)
    R(F64_GE,0xbff0000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F64_GE,0x401921fb54442d18,0xc01921fb54442d18,BITS,0x1)
    R(F64_GE,0x7fefffffffffffff,0x3ff0000000000000,BITS,0x1)
    R(F64_GE,0xfff0000000000000,0xbff0000000000000,BITS,0x0)
    R(F64_GE,0x7ff4000000000000,0x8000000000000001,BITS,0x0)
    R(F64_GE,0xfff8000000000000,0x7fefffffffffffff,BITS,0x0)
    R(F32_COPYSIGN,0x80000000,0x80000000,BITS,0x80000000)
    R(F32_COPYSIGN,0x0,0x1,BITS,0x0)
    R(F32_COPYSIGN,0x0,0xbf000000,BITS,0x80000000)
    R(F32_COPYSIGN,0x80000000,0x40c90fdb,BITS,0x0)
    R(F32_COPYSIGN,0x80000000,0xff800000,BITS,0x80000000)
    R(F32_COPYSIGN,0x0,0x7fc00000,BITS,0x0)
    R(F32_COPYSIGN,0x1,0x80000001,BITS,0x80000001)
    R(F32_COPYSIGN,0x80000001,0x3f000000,BITS,0x1)
    R(F32_COPYSIGN,0x80000001,0xc0c90fdb,BITS,0x80000001)
    R(F32_COPYSIGN,0x1,0x7f7fffff,BITS,0x1)
    R(F32_COPYSIGN,0x1,0xffc00000,BITS,0x80000001)
    R(F32_COPYSIGN,0x80800000,0x1,BITS,0x800000)
    R(F32_COPYSIGN,0x80800000,0xbf000000,BITS,0x80800000)
    R(F32_COPYSIGN,0x800000,0x3f800000,BITS,0x800000)
    R(F32_COPYSIGN,0x800000,0xff7fffff,BITS,0x80800000)
    R(F32_COPYSIGN,0x80800000,0x7fc00000,BITS,0x800000)
    R(F32_COPYSIGN,0xbf000000,0x80000001,BITS,0xbf000000)
    R(F32_COPYSIGN,0x3f000000,0x800000,BITS,0x3f000000)
    R(F32_COPYSIGN,0x3f000000,0xbf800000,BITS,0xbf000000)
    R(F32_COPYSIGN,0xbf000000,0x7f7fffff,BITS,0x3f000000)
    R(F32_COPYSIGN,0xbf000000,0xffc00000,BITS,0xbf000000)
    R(F32_COPYSIGN,0x3f800000,0x0,BITS,0x3f800000)
    R(F32_COPYSIGN,0x3f800000,0x80800000,BITS,0xbf800000)
    R(F32_COPYSIGN,0xbf800000,0x3f800000,BITS,0x3f800000)
    R(F32_COPYSIGN,0xbf800000,0xff7fffff,BITS,0xbf800000)
    R(F32_COPYSIGN,0x3f800000,0x7f800000,BITS,0x3f800000)
    R(F32_COPYSIGN,0x40c90fdb,0x80000000,BITS,0xc0c90fdb)
    R(F32_COPYSIGN,0xc0c90fdb,0x800000,BITS,0x40c90fdb)
    R(F32_COPYSIGN,0xc0c90fdb,0xbf800000,BITS,0xc0c90fdb)
    R(F32_COPYSIGN,0x40c90fdb,0x40c90fdb,BITS,0x40c90fdb)
    R(F32_COPYSIGN,0x40c90fdb,0xff800000,BITS,0xc0c90fdb)
    R(F32_COPYSIGN,0xff7fffff,0x0,BITS,0x7f7fffff)
    R(F32_COPYSIGN,0xff7fffff,0x80800000,BITS,0xff7fffff)
    R(F32_COPYSIGN,0x7f7fffff,0x3f000000,BITS,0x7f7fffff)
    R(F32_COPYSIGN,0x7f7fffff,0xc0c90fdb,BITS,0xff7fffff)
    R(F32_COPYSIGN,0xff7fffff,0x7f800000,BITS,0x7f7fffff)
    R(F32_COPYSIGN,0xff800000,0x80000000,BITS,0xff800000)
    R(F32_COPYSIGN,0x7f800000,0x1,BITS,0x7f800000)
    R(F32_COPYSIGN,0x7f800000,0xbf000000,BITS,0xff800000)
    R(F32_COPYSIGN,0xff800000,0x40c90fdb,BITS,0x7f800000)
    R(F32_COPYSIGN,0xff800000,0xff800000,BITS,0xff800000)
    R(F32_COPYSIGN,0x7f800000,0x7fc00000,BITS,0x7f800000)
    R(F32_COPYSIGN,0x7fc00000,0x80000001,BITS,0xffc00000)
    R(F32_COPYSIGN,0xffc00000,0x3f000000,BITS,0x7fc00000)
    R(F32_COPYSIGN,0xffc00000,0xc0c90fdb,BITS,0xffc00000)
    R(F32_COPYSIGN,0x7fc00000,0x7f7fffff,BITS,0x7fc00000)
    R(F32_COPYSIGN,0x7fc00000,0xffc00000,BITS,0xffc00000)
    R(F32_ABS,0x80000000,0x0,BITS,0x0)
    R(F32_ABS,0x3f000000,0x0,BITS,0x3f000000)
    R(F32_ABS,0xff800000,0x0,BITS,0x7f800000)
    R(F32_NEG,0x80000000,0x0,BITS,0x0)
    R(F32_NEG,0x3f000000,0x0,BITS,0xbf000000)
    R(F32_NEG,0xff800000,0x0,BITS,0x7f800000)
    R(F64_COPYSIGN,0x8000000000000000,0x8000000000000000,BITS,0x8000000000000000)
    R(F64_COPYSIGN,0x0,0x1,BITS,0x0)
    R(F64_COPYSIGN,0x0,0xbfe0000000000000,BITS,0x8000000000000000)
    R(F64_COPYSIGN,0x8000000000000000,0x401921fb54442d18,BITS,0x0)
    R(F64_COPYSIGN,0x8000000000000000,0xfff0000000000000,BITS,0x8000000000000000)
    R(F64_COPYSIGN,0x0,0x7ff8000000000000,BITS,0x0)
    R(F64_COPYSIGN,0x1,0x8000000000000001,BITS,0x8000000000000001)
    R(F64_COPYSIGN,0x8000000000000001,0x3fe0000000000000,BITS,0x1)
    R(F64_COPYSIGN,0x8000000000000001,0xc01921fb54442d18,BITS,0x8000000000000001)
    R(F64_COPYSIGN,0x1,0x7fefffffffffffff,BITS,0x1)
    R(F64_COPYSIGN,0x1,0xfff8000000000000,BITS,0x8000000000000001)
    R(F64_COPYSIGN,0x8010000000000000,0x1,BITS,0x10000000000000)
    R(F64_COPYSIGN,0x8010000000000000,0xbfe0000000000000,BITS,0x8010000000000000)
    R(F64_COPYSIGN,0x10000000000000,0x3ff0000000000000,BITS,0x10000000000000)
    R(F64_COPYSIGN,0x10000000000000,0xffefffffffffffff,BITS,0x8010000000000000)
    R(F64_COPYSIGN,0x8010000000000000,0x7ff8000000000000,BITS,0x10000000000000)
    R(F64_COPYSIGN,0xbfe0000000000000,0x8000000000000001,BITS,0xbfe0000000000000)
    R(F64_COPYSIGN,0x3fe0000000000000,0x10000000000000,BITS,0x3fe0000000000000)
    R(F64_COPYSIGN,0x3fe0000000000000,0xbff0000000000000,BITS,0xbfe0000000000000)
    R(F64_COPYSIGN,0xbfe0000000000000,0x7fefffffffffffff,BITS,0x3fe0000000000000)
    R(F64_COPYSIGN,0xbfe0000000000000,0xfff8000000000000,BITS,0xbfe0000000000000)
    R(F64_COPYSIGN,0x3ff0000000000000,0x0,BITS,0x3ff0000000000000)
    R(F64_COPYSIGN,0x3ff0000000000000,0x8010000000000000,BITS,0xbff0000000000000)
    R(F64_COPYSIGN,0xbff0000000000000,0x3ff0000000000000,BITS,0x3ff0000000000000)
    R(F64_COPYSIGN,0xbff0000000000000,0xffefffffffffffff,BITS,0xbff0000000000000)
    R(F64_COPYSIGN,0x3ff0000000000000,0x7ff0000000000000,BITS,0x3ff0000000000000)
    R(F64_COPYSIGN,0x401921fb54442d18,0x8000000000000000,BITS,0xc01921fb54442d18)
    R(F64_COPYSIGN,0xc01921fb54442d18,0x10000000000000,BITS,0x401921fb54442d18)
    R(F64_COPYSIGN,0xc01921fb54442d18,0xbff0000000000000,BITS,0xc01921fb54442d18)
    R(F64_COPYSIGN,0x401921fb54442d18,0x401921fb54442d18,BITS,0x401921fb54442d18)
    R(F64_COPYSIGN,0x401921fb54442d18,0xfff0000000000000,BITS,0xc01921fb54442d18)
    R(F64_COPYSIGN,0xffefffffffffffff,0x0,BITS,0x7fefffffffffffff)
    R(F64_COPYSIGN,0xffefffffffffffff,0x8010000000000000,BITS,0xffefffffffffffff)
    R(F64_COPYSIGN,0x7fefffffffffffff,0x3fe0000000000000,BITS,0x7fefffffffffffff)
    R(F64_COPYSIGN,0x7fefffffffffffff,0xc01921fb54442d18,BITS,0xffefffffffffffff)
    R(F64_COPYSIGN,0xffefffffffffffff,0x7ff0000000000000,BITS,0x7fefffffffffffff)
    R(F64_COPYSIGN,0xfff0000000000000,0x8000000000000000,BITS,0xfff0000000000000)
    R(F64_COPYSIGN,0x7ff0000000000000,0x1,BITS,0x7ff0000000000000)
    R(F64_COPYSIGN,0x7ff0000000000000,0xbfe0000000000000,BITS,0xfff0000000000000)
    R(F64_COPYSIGN,0xfff0000000000000,0x401921fb54442d18,BITS,0x7ff0000000000000)
    R(F64_COPYSIGN,0xfff0000000000000,0xfff0000000000000,BITS,0xfff0000000000000)
    R(F64_COPYSIGN,0x7ff0000000000000,0x7ff8000000000000,BITS,0x7ff0000000000000)
    R(F64_COPYSIGN,0x7ff8000000000000,0x8000000000000001,BITS,0xfff8000000000000)
    R(F64_COPYSIGN,0xfff8000000000000,0x3fe0000000000000,BITS,0x7ff8000000000000)
    R(F64_COPYSIGN,0xfff8000000000000,0xc01921fb54442d18,BITS,0xfff8000000000000)
    R(F64_COPYSIGN,0x7ff8000000000000,0x7fefffffffffffff,BITS,0x7ff8000000000000)
    R(F64_COPYSIGN,0x7ff8000000000000,0xfff8000000000000,BITS,0xfff8000000000000)
    R(F64_ABS,0x8000000000000000,0x0,BITS,0x0)
    R(F64_ABS,0x3fe0000000000000,0x0,BITS,0x3fe0000000000000)
    R(F64_ABS,0xfff0000000000000,0x0,BITS,0x7ff0000000000000)
    R(F64_NEG,0x8000000000000000,0x0,BITS,0x0)
    R(F64_NEG,0x3fe0000000000000,0x0,BITS,0xbfe0000000000000)
    R(F64_NEG,0xfff0000000000000,0x0,BITS,0x7ff0000000000000)
};

static int is_canon32(uint64_t r) { return (r & 0x7FFFFFFFu) == 0x7FC00000u && r <= 0xFFFFFFFFu; }
static int is_arith32(uint64_t r) { return (r & 0x7FC00000u) == 0x7FC00000u && r <= 0xFFFFFFFFu; }
static int is_canon64(uint64_t r) { return (r & UINT64_C(0x7FFFFFFFFFFFFFFF)) == UINT64_C(0x7FF8000000000000); }
static int is_arith64(uint64_t r) { return (r & UINT64_C(0x7FF8000000000000)) == UINT64_C(0x7FF8000000000000); }

static void test_spec_rows(void **state)
{
    (void)state;
    size_t n = sizeof spec_rows / sizeof spec_rows[0], bad = 0;
    for (size_t i = 0; i < n; i++) {
        const row *r = &spec_rows[i];
        uint64_t out = 0;
        int t = call_op(r->op, r->a, r->b, &out), ok;
        switch (r->kind) {
        case BITS: ok = t == 0 && out == r->want; break;
        case CANON32: ok = t == 0 && is_canon32(out); break;
        case CANON64: ok = t == 0 && is_canon64(out); break;
        case ARITH32: ok = t == 0 && is_arith32(out); break;
        case ARITH64: ok = t == 0 && is_arith64(out); break;
        case TRAP_OVF: ok = t == WD_TRAP_INT_OVERFLOW; break;
        case TRAP_DIV: ok = t == WD_TRAP_INT_DIV_ZERO; break;
        case TRAP_CONV: ok = t == WD_TRAP_INVALID_CONVERSION; break;
        default: ok = 0; break;
        }
        if (!ok) {
            print_error("row %zu: %s(0x%llx, 0x%llx) -> trap %d, 0x%llx; want kind %d 0x%llx\n",
                        i, op_names[r->op], (unsigned long long)r->a, (unsigned long long)r->b,
                        t, (unsigned long long)out, r->kind, (unsigned long long)r->want);
            bad++;
        }
    }
    assert_true(n > 1500);
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------ 3. hand-written cases */

/* Opaque inputs: stop the compiler from evaluating at compile time. */
static uint32_t V32(uint32_t x) { volatile uint32_t v = x; return v; }
static uint64_t V64(uint64_t x) { volatile uint64_t v = x; return v; }
static uint32_t F32B(float f) { uint32_t b; memcpy(&b, &f, 4); return V32(b); }
static uint64_t F64B(double d) { uint64_t b; memcpy(&b, &d, 8); return V64(b); }

#define I32_MIN UINT32_C(0x80000000)
#define I64_MIN UINT64_C(0x8000000000000000)

static void test_int_div_rem(void **state)
{
    (void)state;
    uint32_t r = 0xDEADBEEF;
    uint64_t q = 0xDEADBEEF;
    /* divide by zero, all eight ops; *out untouched on trap */
    assert_int_equal(wd_op_I32_DIV_S(V32(1), V32(0), &r), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I32_DIV_U(V32(1), V32(0), &r), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I32_REM_S(V32(1), V32(0), &r), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I32_REM_U(V32(1), V32(0), &r), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I64_DIV_S(V64(1), V64(0), &q), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I64_DIV_U(V64(1), V64(0), &q), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I64_REM_S(V64(1), V64(0), &q), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I64_REM_U(V64(1), V64(0), &q), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(wd_op_I32_DIV_S(V32(I32_MIN), V32(0), &r), WD_TRAP_INT_DIV_ZERO);
    assert_int_equal(r, 0xDEADBEEF);
    assert_int_equal(q, 0xDEADBEEF);
    /* INT_MIN / -1 overflows; INT_MIN rem -1 is 0 */
    assert_int_equal(wd_op_I32_DIV_S(V32(I32_MIN), V32(0xFFFFFFFF), &r), WD_TRAP_INT_OVERFLOW);
    assert_int_equal(wd_op_I64_DIV_S(V64(I64_MIN), V64(UINT64_MAX), &q), WD_TRAP_INT_OVERFLOW);
    assert_int_equal(wd_op_I32_REM_S(V32(I32_MIN), V32(0xFFFFFFFF), &r), 0);
    assert_int_equal(r, 0);
    assert_int_equal(wd_op_I64_REM_S(V64(I64_MIN), V64(UINT64_MAX), &q), 0);
    assert_int_equal(q, 0);
    /* unsigned INT_MIN / -1 is fine */
    assert_int_equal(wd_op_I32_DIV_U(V32(I32_MIN), V32(0xFFFFFFFF), &r), 0);
    assert_int_equal(r, 0);
    assert_int_equal(wd_op_I32_DIV_S(V32(I32_MIN), V32(2), &r), 0);
    assert_int_equal(r, 0xC0000000);
    /* truncation toward zero; remainder takes the dividend's sign */
    assert_int_equal(wd_op_I32_DIV_S(V32((uint32_t)-7), V32(2), &r), 0);
    assert_int_equal(r, (uint32_t)-3);
    assert_int_equal(wd_op_I32_REM_S(V32((uint32_t)-7), V32(2), &r), 0);
    assert_int_equal(r, (uint32_t)-1);
    assert_int_equal(wd_op_I32_REM_S(V32(7), V32((uint32_t)-2), &r), 0);
    assert_int_equal(r, 1);
    assert_int_equal(wd_op_I64_DIV_S(V64((uint64_t)-7), V64(2), &q), 0);
    assert_int_equal(q, (uint64_t)-3);
    assert_int_equal(wd_op_I64_REM_S(V64(I64_MIN), V64(2), &q), 0);
    assert_int_equal(q, 0);
    assert_int_equal(wd_op_I64_REM_U(V64(I64_MIN | 5), V64(UINT64_MAX), &q), 0);
    assert_int_equal(q, I64_MIN | 5);
}

static void test_int_bits(void **state)
{
    (void)state;
    assert_int_equal(wd_op_I32_CLZ(V32(0)), 32);
    assert_int_equal(wd_op_I32_CTZ(V32(0)), 32);
    assert_int_equal(wd_op_I32_CLZ(V32(1)), 31);
    assert_int_equal(wd_op_I32_CTZ(V32(I32_MIN)), 31);
    assert_int_equal(wd_op_I32_POPCNT(V32(0xFFFFFFFF)), 32);
    assert_int_equal(wd_op_I64_CLZ(V64(0)), 64);
    assert_int_equal(wd_op_I64_CTZ(V64(0)), 64);
    assert_int_equal(wd_op_I64_CLZ(V64(1)), 63);
    assert_int_equal(wd_op_I64_CTZ(V64(I64_MIN)), 63);
    assert_int_equal(wd_op_I64_POPCNT(V64(UINT64_MAX)), 64);
    assert_int_equal(wd_op_I64_POPCNT(V64(0x8000800080008000)), 4);
    /* shift counts are taken modulo the width */
    assert_int_equal(wd_op_I32_SHL(V32(1), V32(32)), 1);
    assert_int_equal(wd_op_I32_SHL(V32(1), V32(33)), 2);
    assert_int_equal(wd_op_I32_SHR_S(V32(I32_MIN), V32(31)), 0xFFFFFFFF);
    assert_int_equal(wd_op_I32_SHR_S(V32(I32_MIN), V32(0xFFFFFFFF)), 0xFFFFFFFF);
    assert_int_equal(wd_op_I32_SHR_U(V32(I32_MIN), V32(63)), 1);
    assert_int_equal(wd_op_I64_SHL(V64(1), V64(64)), 1);
    assert_int_equal(wd_op_I64_SHL(V64(1), V64(0x8000000000000041)), 2);
    assert_int_equal(wd_op_I64_SHR_S(V64(I64_MIN), V64(63)), UINT64_MAX);
    assert_int_equal(wd_op_I64_SHR_U(V64(I64_MIN), V64(127)), 1);
    /* rotates, including count 0 and counts >= width */
    assert_int_equal(wd_op_I32_ROTL(V32(0x12345678), V32(0)), 0x12345678);
    assert_int_equal(wd_op_I32_ROTL(V32(0x12345678), V32(32)), 0x12345678);
    assert_int_equal(wd_op_I32_ROTL(V32(0x80000001), V32(1)), 3);
    assert_int_equal(wd_op_I32_ROTR(V32(3), V32(33)), 0x80000001);
    assert_int_equal(wd_op_I32_ROTR(V32(0x12345678), V32(4)), 0x81234567);
    assert_int_equal(wd_op_I64_ROTL(V64(0x8000000000000001), V64(65)), 3);
    assert_int_equal(wd_op_I64_ROTR(V64(3), V64(1)), 0x8000000000000001);
    assert_int_equal(wd_op_I64_ROTR(V64(0x0123456789ABCDEF), V64(64)), 0x0123456789ABCDEF);
    /* wrapping arithmetic */
    assert_int_equal(wd_op_I32_ADD(V32(0x7FFFFFFF), V32(1)), I32_MIN);
    assert_int_equal(wd_op_I32_SUB(V32(I32_MIN), V32(1)), 0x7FFFFFFF);
    assert_int_equal(wd_op_I32_MUL(V32(0x10000), V32(0x10000)), 0);
    assert_int_equal(wd_op_I64_MUL(V64(0x0123456789ABCDEF), V64(0xFEDCBA9876543210)),
                     0x2236D88FE5618CF0);
    /* signed vs unsigned comparisons */
    assert_int_equal(wd_op_I32_LT_S(V32(I32_MIN), V32(0)), 1);
    assert_int_equal(wd_op_I32_LT_U(V32(I32_MIN), V32(0)), 0);
    assert_int_equal(wd_op_I64_GE_S(V64(0), V64(I64_MIN)), 1);
    assert_int_equal(wd_op_I64_GE_U(V64(0), V64(I64_MIN)), 0);
    assert_int_equal(wd_op_I64_EQZ(V64(I64_MIN)), 0);
    assert_int_equal(wd_op_I32_EQZ(V32(0)), 1);
    /* sign extension and wrap */
    assert_int_equal(wd_op_I32_EXTEND8_S(V32(0x7F)), 0x7F);
    assert_int_equal(wd_op_I32_EXTEND8_S(V32(0x12345680)), 0xFFFFFF80);
    assert_int_equal(wd_op_I32_EXTEND16_S(V32(0x8000)), 0xFFFF8000);
    assert_int_equal(wd_op_I32_EXTEND16_S(V32(0xFFFF7FFF)), 0x7FFF);
    assert_int_equal(wd_op_I64_EXTEND8_S(V64(0x0123456789ABCD80)), 0xFFFFFFFFFFFFFF80);
    assert_int_equal(wd_op_I64_EXTEND16_S(V64(0xFFFFFFFFFFFF7FFF)), 0x7FFF);
    assert_int_equal(wd_op_I64_EXTEND32_S(V64(0x80000000)), 0xFFFFFFFF80000000);
    assert_int_equal(wd_op_I64_EXTEND32_S(V64(0xFFFFFFFF7FFFFFFF)), 0x7FFFFFFF);
    assert_int_equal(wd_op_I64_EXTEND_I32_S(V32(0x80000000)), 0xFFFFFFFF80000000);
    assert_int_equal(wd_op_I64_EXTEND_I32_U(V32(0x80000000)), 0x80000000);
    assert_int_equal(wd_op_I32_WRAP_I64(V64(0xFFFFFFFF00000001)), 1);
}

#define F32_CANON UINT32_C(0x7FC00000)
#define F64_CANON UINT64_C(0x7FF8000000000000)
#define F32_SNAN UINT32_C(0x7FA00005)                /* signalling, payload 0x200005 */
#define F64_SNAN UINT64_C(0x7FF4000000000005)
#define F32_QNAN_PAYLOAD UINT32_C(0xFFC12345)        /* quiet, negative, not canonical */
#define F64_QNAN_PAYLOAD UINT64_C(0xFFF8000012345678)

static void test_float_sign_ops(void **state)
{
    (void)state;
    /* abs/neg/copysign only touch the sign bit, even of (signalling) NaNs */
    assert_int_equal(wd_op_F32_ABS(V32(0xFFA00005)), F32_SNAN);
    assert_int_equal(wd_op_F32_NEG(V32(F32_SNAN)), 0xFFA00005);
    assert_int_equal(wd_op_F32_NEG(V32(0)), 0x80000000);
    assert_int_equal(wd_op_F32_ABS(V32(0x80000000)), 0);
    assert_int_equal(wd_op_F32_COPYSIGN(V32(F32_SNAN), V32(0x80000000)), 0xFFA00005);
    assert_int_equal(wd_op_F32_COPYSIGN(V32(F32_QNAN_PAYLOAD), V32(0x3F800000)), 0x7FC12345);
    assert_int_equal(wd_op_F32_COPYSIGN(V32(0x3F800000), V32(0xFFC00000)), 0xBF800000);
    assert_int_equal(wd_op_F64_ABS(V64(0xFFF4000000000005)), F64_SNAN);
    assert_int_equal(wd_op_F64_NEG(V64(F64_SNAN)), 0xFFF4000000000005);
    assert_int_equal(wd_op_F64_NEG(V64(0x8000000000000000)), 0);
    assert_int_equal(wd_op_F64_COPYSIGN(V64(F64_SNAN), V64(0x8000000000000000)),
                     0xFFF4000000000005);
    assert_int_equal(wd_op_F64_COPYSIGN(V64(0xBFF0000000000000), V64(0x7FF8000000000000)),
                     0x3FF0000000000000);
    /* reinterpret is a bit copy */
    assert_int_equal(wd_op_I32_REINTERPRET_F32(V32(F32_SNAN)), F32_SNAN);
    assert_int_equal(wd_op_F32_REINTERPRET_I32(V32(F32_SNAN)), F32_SNAN);
    assert_int_equal(wd_op_I64_REINTERPRET_F64(V64(F64_SNAN)), F64_SNAN);
    assert_int_equal(wd_op_F64_REINTERPRET_I64(V64(F64_SNAN)), F64_SNAN);
}

static void test_float_nan_results(void **state)
{
    (void)state;
    uint32_t one32 = F32B(1.0f), inf32 = F32B(INFINITY), z32 = F32B(0.0f);
    uint64_t one64 = F64B(1.0), inf64 = F64B(INFINITY), z64 = F64B(0.0);
    /* invalid operations give a canonical NaN */
    assert_true(is_canon32(wd_op_F32_SUB(inf32, inf32)));
    assert_true(is_canon32(wd_op_F32_MUL(z32, inf32)));
    assert_true(is_canon32(wd_op_F32_DIV(z32, z32)));
    assert_true(is_canon32(wd_op_F32_SQRT(F32B(-1.0f))));
    assert_true(is_canon64(wd_op_F64_ADD(inf64, F64B(-INFINITY))));
    assert_true(is_canon64(wd_op_F64_DIV(inf64, inf64)));
    assert_true(is_canon64(wd_op_F64_SQRT(F64B(-0x1p-1074))));
    /* sqrt(-0) = -0 */
    assert_int_equal(wd_op_F32_SQRT(V32(0x80000000)), 0x80000000);
    assert_int_equal(wd_op_F64_SQRT(V64(0x8000000000000000)), 0x8000000000000000);
    /* canonical NaN inputs stay canonical */
    assert_true(is_canon32(wd_op_F32_ADD(V32(F32_CANON), one32)));
    assert_true(is_canon32(wd_op_F32_MUL(one32, V32(0xFFC00000))));
    assert_true(is_canon64(wd_op_F64_SUB(V64(F64_CANON), one64)));
    /* other NaN inputs give arithmetic (quiet) NaNs */
    uint32_t ops32[] = {
        wd_op_F32_ADD(V32(F32_SNAN), one32), wd_op_F32_SUB(one32, V32(F32_SNAN)),
        wd_op_F32_MUL(V32(F32_SNAN), one32), wd_op_F32_DIV(V32(F32_QNAN_PAYLOAD), one32),
        wd_op_F32_SQRT(V32(F32_SNAN)), wd_op_F32_MIN(V32(F32_SNAN), one32),
        wd_op_F32_MAX(one32, V32(F32_SNAN)), wd_op_F32_CEIL(V32(F32_SNAN)),
        wd_op_F32_FLOOR(V32(F32_SNAN)), wd_op_F32_TRUNC(V32(F32_SNAN)),
        wd_op_F32_NEAREST(V32(F32_SNAN)), wd_op_F32_DEMOTE_F64(V64(F64_SNAN)),
        wd_op_F32_DEMOTE_F64(V64(0x7FF0000000000001)),
    };
    for (size_t i = 0; i < sizeof ops32 / sizeof ops32[0]; i++)
        if (!is_arith32(ops32[i]))
            fail_msg("f32 case %zu: 0x%08x is not an arithmetic NaN", i, (unsigned)ops32[i]);
    uint64_t ops64[] = {
        wd_op_F64_ADD(V64(F64_SNAN), one64), wd_op_F64_SUB(one64, V64(F64_SNAN)),
        wd_op_F64_MUL(V64(F64_SNAN), one64), wd_op_F64_DIV(V64(F64_QNAN_PAYLOAD), one64),
        wd_op_F64_SQRT(V64(F64_SNAN)), wd_op_F64_MIN(one64, V64(F64_SNAN)),
        wd_op_F64_MAX(V64(F64_SNAN), one64), wd_op_F64_CEIL(V64(F64_SNAN)),
        wd_op_F64_FLOOR(V64(F64_SNAN)), wd_op_F64_TRUNC(V64(F64_SNAN)),
        wd_op_F64_NEAREST(V64(F64_SNAN)), wd_op_F64_PROMOTE_F32(V32(F32_SNAN)),
        wd_op_F64_PROMOTE_F32(V32(0x7F800001)),
    };
    for (size_t i = 0; i < sizeof ops64 / sizeof ops64[0]; i++)
        if (!is_arith64(ops64[i]))
            fail_msg("f64 case %zu: 0x%016llx is not an arithmetic NaN", i,
                     (unsigned long long)ops64[i]);
    /* our min/max/rounding/promote/demote keep sign and payload */
    assert_int_equal(wd_op_F32_MIN(V32(F32_SNAN), one32), 0x7FE00005);
    assert_int_equal(wd_op_F32_MAX(one32, V32(0xFFA00005)), 0xFFE00005);
    assert_int_equal(wd_op_F32_NEAREST(V32(F32_QNAN_PAYLOAD)), F32_QNAN_PAYLOAD);
    assert_int_equal(wd_op_F64_PROMOTE_F32(V32(F32_CANON)), F64_CANON);
    assert_int_equal(wd_op_F64_PROMOTE_F32(V32(0xFFC00000)), 0xFFF8000000000000);
    assert_int_equal(wd_op_F64_PROMOTE_F32(V32(F32_QNAN_PAYLOAD)), 0xFFF82468A0000000);
    assert_int_equal(wd_op_F32_DEMOTE_F64(V64(F64_CANON)), F32_CANON);
    assert_int_equal(wd_op_F32_DEMOTE_F64(V64(0xFFF8000000000000)), 0xFFC00000);
    assert_int_equal(wd_op_F32_DEMOTE_F64(V64(0x7FFC000020000000)), 0x7FE00001);
    /* comparisons with NaN: false, except ne */
    uint32_t n32 = V32(F32_CANON);
    uint64_t n64 = V64(F64_SNAN);
    assert_int_equal(wd_op_F32_EQ(n32, n32), 0);
    assert_int_equal(wd_op_F32_NE(n32, n32), 1);
    assert_int_equal(wd_op_F32_LT(n32, one32) | wd_op_F32_GT(n32, one32) |
                     wd_op_F32_LE(one32, n32) | wd_op_F32_GE(one32, n32), 0);
    assert_int_equal(wd_op_F64_EQ(n64, n64), 0);
    assert_int_equal(wd_op_F64_NE(one64, n64), 1);
    assert_int_equal(wd_op_F64_LT(n64, one64) | wd_op_F64_GT(n64, one64) |
                     wd_op_F64_LE(one64, n64) | wd_op_F64_GE(one64, n64), 0);
    /* -0 == +0 */
    assert_int_equal(wd_op_F32_EQ(V32(0x80000000), z32), 1);
    assert_int_equal(wd_op_F64_LT(V64(0x8000000000000000), z64), 0);
    assert_int_equal(wd_op_F64_LE(V64(0x8000000000000000), z64), 1);
}

static void test_min_max(void **state)
{
    (void)state;
    uint32_t p0 = V32(0), m0 = V32(0x80000000);
    uint64_t P0 = V64(0), M0 = V64(0x8000000000000000);
    assert_int_equal(wd_op_F32_MIN(p0, m0), 0x80000000);
    assert_int_equal(wd_op_F32_MIN(m0, p0), 0x80000000);
    assert_int_equal(wd_op_F32_MAX(p0, m0), 0);
    assert_int_equal(wd_op_F32_MAX(m0, p0), 0);
    assert_int_equal(wd_op_F32_MIN(m0, m0), 0x80000000);
    assert_int_equal(wd_op_F32_MAX(p0, p0), 0);
    assert_int_equal(wd_op_F64_MIN(P0, M0), 0x8000000000000000);
    assert_int_equal(wd_op_F64_MIN(M0, P0), 0x8000000000000000);
    assert_int_equal(wd_op_F64_MAX(P0, M0), 0);
    assert_int_equal(wd_op_F64_MAX(M0, P0), 0);
    assert_int_equal(wd_op_F32_MIN(F32B(-INFINITY), F32B(3.0f)), F32B(-INFINITY));
    assert_int_equal(wd_op_F32_MAX(F32B(-1.5f), F32B(-2.5f)), F32B(-1.5f));
    assert_int_equal(wd_op_F64_MIN(F64B(0x1p-1074), F64B(-0x1p-1074)), F64B(-0x1p-1074));
    assert_int_equal(wd_op_F64_MAX(F64B(INFINITY), F64B(1e308)), F64B(INFINITY));
    /* a NaN on either side wins, canonical stays canonical */
    assert_true(is_canon32(wd_op_F32_MIN(V32(F32_CANON), F32B(-INFINITY))));
    assert_true(is_canon32(wd_op_F32_MAX(F32B(INFINITY), V32(0xFFC00000))));
    assert_true(is_canon64(wd_op_F64_MIN(P0, V64(F64_CANON))));
    assert_true(is_canon64(wd_op_F64_MAX(V64(0xFFF8000000000000), M0)));
}

static void test_rounding(void **state)
{
    (void)state;
    /* nearest: ties to even, sign of zero kept */
    assert_int_equal(wd_op_F32_NEAREST(F32B(0.5f)), F32B(0.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(1.5f)), F32B(2.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(2.5f)), F32B(2.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(-0.5f)), 0x80000000);
    assert_int_equal(wd_op_F32_NEAREST(F32B(-3.5f)), F32B(-4.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(4194303.5f)), F32B(4194304.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(0x1.fffffep+22f)), F32B(8388608.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(8388609.0f)), F32B(8388609.0f));
    assert_int_equal(wd_op_F32_NEAREST(F32B(0x1p-149f)), 0);
    assert_int_equal(wd_op_F64_NEAREST(F64B(2.5)), F64B(2.0));
    assert_int_equal(wd_op_F64_NEAREST(F64B(-2.5)), F64B(-2.0));
    assert_int_equal(wd_op_F64_NEAREST(F64B(-0.25)), 0x8000000000000000);
    assert_int_equal(wd_op_F64_NEAREST(F64B(4503599627370495.5)), F64B(4503599627370496.0));
    assert_int_equal(wd_op_F64_NEAREST(F64B(0x1.fffffffffffffp+51)), F64B(0x1p52));
    assert_int_equal(wd_op_F64_NEAREST(F64B(-INFINITY)), F64B(-INFINITY));
    /* ceil/floor/trunc */
    assert_int_equal(wd_op_F32_CEIL(F32B(-0.5f)), 0x80000000);
    assert_int_equal(wd_op_F32_CEIL(F32B(0x1p-149f)), F32B(1.0f));
    assert_int_equal(wd_op_F32_FLOOR(F32B(-0x1p-149f)), F32B(-1.0f));
    assert_int_equal(wd_op_F32_FLOOR(V32(0x80000000)), 0x80000000);
    assert_int_equal(wd_op_F32_TRUNC(F32B(-0.9f)), 0x80000000);
    assert_int_equal(wd_op_F32_TRUNC(F32B(-8388607.5f)), F32B(-8388607.0f));
    assert_int_equal(wd_op_F64_CEIL(F64B(-0.999)), 0x8000000000000000);
    assert_int_equal(wd_op_F64_CEIL(F64B(4503599627370495.5)), F64B(4503599627370496.0));
    assert_int_equal(wd_op_F64_FLOOR(F64B(-4503599627370495.5)), F64B(-4503599627370496.0));
    assert_int_equal(wd_op_F64_TRUNC(F64B(-0x1p-1074)), 0x8000000000000000);
    assert_int_equal(wd_op_F64_TRUNC(F64B(1e300)), F64B(1e300));
    /* correctly rounded arithmetic */
    assert_int_equal(wd_op_F32_ADD(F32B(1.0f), F32B(0x1p-24f)), F32B(1.0f));
    assert_int_equal(wd_op_F32_ADD(F32B(1.0f), F32B(0x1.000002p-24f)), F32B(0x1.000002p0f));
    assert_int_equal(wd_op_F64_ADD(F64B(1.0), F64B(0x1p-53)), F64B(1.0));
    assert_int_equal(wd_op_F64_ADD(F64B(0x1.0000000000001p0), F64B(0x1p-53)),
                     F64B(0x1.0000000000002p0));
    assert_int_equal(wd_op_F32_MUL(F32B(0x1p-126f), F32B(0x1p-23f)), F32B(0x1p-149f));
    assert_int_equal(wd_op_F32_MUL(F32B(0x1p-126f), F32B(0x1p-24f)), 0);   /* tie -> even 0 */
    assert_int_equal(wd_op_F64_MUL(F64B(0x1p-1022), F64B(-0x1p-53)), 0x8000000000000000);
    assert_int_equal(wd_op_F64_SUB(F64B(1.0), F64B(1.0)), 0);                /* +0, not -0 */
    assert_int_equal(wd_op_F32_DIV(F32B(1.0f), F32B(-0.0f)), F32B(-INFINITY));
    assert_int_equal(wd_op_F64_SQRT(F64B(2.0)), F64B(0x1.6a09e667f3bcdp0));
    assert_int_equal(wd_op_F32_SQRT(F32B(2.0f)), F32B(0x1.6a09e6p0f));
}

static void test_trunc_trapping(void **state)
{
    (void)state;
    uint32_t r;
    uint64_t q;
#define TR32(OP, in, want) do { r = 0; assert_int_equal(wd_op_##OP(in, &r), 0); \
                                assert_int_equal(r, want); } while (0)
#define TR64(OP, in, want) do { q = 0; assert_int_equal(wd_op_##OP(in, &q), 0); \
                                assert_int_equal(q, want); } while (0)
#define TRAP32(OP, in, code) assert_int_equal(wd_op_##OP(in, &r), code)
#define TRAP64(OP, in, code) assert_int_equal(wd_op_##OP(in, &q), code)
    const int OVF = WD_TRAP_INT_OVERFLOW, CONV = WD_TRAP_INVALID_CONVERSION;
    /* i32.trunc_f32_s: [-2^31, 2^31) */
    TR32(I32_TRUNC_F32_S, F32B(-2147483648.0f), 0x80000000);
    TR32(I32_TRUNC_F32_S, F32B(2147483520.0f), 0x7FFFFF80);
    TR32(I32_TRUNC_F32_S, F32B(-0.999f), 0);
    TR32(I32_TRUNC_F32_S, F32B(-1.5f), 0xFFFFFFFF);
    TRAP32(I32_TRUNC_F32_S, F32B(2147483648.0f), OVF);
    TRAP32(I32_TRUNC_F32_S, F32B(-2147483904.0f), OVF);
    TRAP32(I32_TRUNC_F32_S, F32B(INFINITY), OVF);
    TRAP32(I32_TRUNC_F32_S, V32(F32_SNAN), CONV);
    TRAP32(I32_TRUNC_F32_S, V32(0xFFC00000), CONV);
    /* i32.trunc_f32_u: (-1, 2^32) */
    TR32(I32_TRUNC_F32_U, F32B(-0.99999994f), 0);
    TR32(I32_TRUNC_F32_U, F32B(4294967040.0f), 0xFFFFFF00);
    TRAP32(I32_TRUNC_F32_U, F32B(-1.0f), OVF);
    TRAP32(I32_TRUNC_F32_U, F32B(4294967296.0f), OVF);
    TRAP32(I32_TRUNC_F32_U, F32B(-INFINITY), OVF);
    TRAP32(I32_TRUNC_F32_U, V32(F32_CANON), CONV);
    /* i32.trunc_f64_s: (-2^31-1, 2^31) */
    TR32(I32_TRUNC_F64_S, F64B(-2147483648.9), 0x80000000);
    TR32(I32_TRUNC_F64_S, F64B(2147483647.9), 0x7FFFFFFF);
    TRAP32(I32_TRUNC_F64_S, F64B(-2147483649.0), OVF);
    TRAP32(I32_TRUNC_F64_S, F64B(2147483648.0), OVF);
    TRAP32(I32_TRUNC_F64_S, V64(F64_SNAN), CONV);
    /* i32.trunc_f64_u: (-1, 2^32) */
    TR32(I32_TRUNC_F64_U, F64B(4294967295.9), 0xFFFFFFFF);
    TR32(I32_TRUNC_F64_U, F64B(-0.9), 0);
    TR32(I32_TRUNC_F64_U, F64B(1e-300), 0);
    TRAP32(I32_TRUNC_F64_U, F64B(4294967296.0), OVF);
    TRAP32(I32_TRUNC_F64_U, F64B(-1.0), OVF);
    TRAP32(I32_TRUNC_F64_U, F64B(1e16), OVF);
    TRAP32(I32_TRUNC_F64_U, V64(0xFFF8000000000000), CONV);
    /* i64.trunc_f32_s / _u */
    TR64(I64_TRUNC_F32_S, F32B(-0x1p63f), 0x8000000000000000);
    TR64(I64_TRUNC_F32_S, F32B(0x1.fffffep62f), 0x7FFFFF8000000000);
    TRAP64(I64_TRUNC_F32_S, F32B(0x1p63f), OVF);
    TRAP64(I64_TRUNC_F32_S, F32B(-0x1.000002p63f), OVF);
    TRAP64(I64_TRUNC_F32_S, V32(F32_SNAN), CONV);
    TR64(I64_TRUNC_F32_U, F32B(0x1.fffffep63f), 0xFFFFFF0000000000);
    TR64(I64_TRUNC_F32_U, F32B(-0.5f), 0);
    TRAP64(I64_TRUNC_F32_U, F32B(0x1p64f), OVF);
    TRAP64(I64_TRUNC_F32_U, F32B(-1.0f), OVF);
    TRAP64(I64_TRUNC_F32_U, V32(0x7F800001), CONV);
    /* i64.trunc_f64_s / _u */
    TR64(I64_TRUNC_F64_S, F64B(-0x1p63), 0x8000000000000000);
    TR64(I64_TRUNC_F64_S, F64B(0x1.fffffffffffffp62), 0x7FFFFFFFFFFFFC00);
    TRAP64(I64_TRUNC_F64_S, F64B(0x1p63), OVF);
    TRAP64(I64_TRUNC_F64_S, F64B(-0x1.0000000000001p63), OVF);
    TRAP64(I64_TRUNC_F64_S, V64(F64_CANON), CONV);
    TR64(I64_TRUNC_F64_U, F64B(0x1.fffffffffffffp63), 0xFFFFFFFFFFFFF800);
    TR64(I64_TRUNC_F64_U, F64B(-0.9999999999999999), 0);
    TRAP64(I64_TRUNC_F64_U, F64B(0x1p64), OVF);
    TRAP64(I64_TRUNC_F64_U, F64B(-1.0), OVF);
    TRAP64(I64_TRUNC_F64_U, F64B(INFINITY), OVF);
    TRAP64(I64_TRUNC_F64_U, V64(F64_SNAN | 0x8000000000000000), CONV);
#undef TR32
#undef TR64
#undef TRAP32
#undef TRAP64
}

static void test_trunc_sat(void **state)
{
    (void)state;
    /* NaN -> 0 */
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_S(V32(F32_SNAN)), 0);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_U(V32(0xFFC00000)), 0);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_S(V64(F64_CANON)), 0);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_U(V64(F64_SNAN)), 0);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F32_S(V32(0xFFA00005)), 0);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F32_U(V32(F32_CANON)), 0);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_S(V64(0xFFF8000000000001)), 0);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_U(V64(F64_CANON)), 0);
    /* saturation at both ends, infinities */
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_S(F32B(2147483648.0f)), 0x7FFFFFFF);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_S(F32B(-INFINITY)), 0x80000000);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_S(F32B(-2147483648.0f)), 0x80000000);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_U(F32B(-1.0f)), 0);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_U(F32B(-INFINITY)), 0);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F32_U(F32B(INFINITY)), 0xFFFFFFFF);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_S(F64B(-2147483649.0)), 0x80000000);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_S(F64B(-2147483648.9)), 0x80000000);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_S(F64B(2147483647.9)), 0x7FFFFFFF);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_S(F64B(1e300)), 0x7FFFFFFF);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_U(F64B(4294967295.9)), 0xFFFFFFFF);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_U(F64B(4294967296.0)), 0xFFFFFFFF);
    assert_int_equal(wd_op_I32_TRUNC_SAT_F64_U(F64B(-0.5)), 0);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F32_S(F32B(0x1p63f)), 0x7FFFFFFFFFFFFFFF);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F32_S(F32B(-0x1p64f)), 0x8000000000000000);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F32_U(F32B(0x1p64f)), UINT64_MAX);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F32_U(F32B(0x1.fffffep63f)), 0xFFFFFF0000000000);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_S(F64B(0x1p63)), 0x7FFFFFFFFFFFFFFF);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_S(F64B(-0x1p63)), 0x8000000000000000);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_S(F64B(-INFINITY)), 0x8000000000000000);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_U(F64B(0x1p64)), UINT64_MAX);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_U(F64B(-1e300)), 0);
    assert_int_equal(wd_op_I64_TRUNC_SAT_F64_U(F64B(1e19)), 10000000000000000000u);
}

static void test_convert(void **state)
{
    (void)state;
    /* one rounding, ties to even, at the sticky-bit boundaries of u64 -> f32 */
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(0x8000008000000000)), F32B(0x1p63f));
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(0x8000008000000001)), F32B(0x1.000002p63f));
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(0x8000018000000000)), F32B(0x1.000004p63f));
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(0xFFFFFF7FFFFFFFFF)), F32B(0x1.fffffep63f));
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(0xFFFFFF8000000000)), F32B(0x1p64f));
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(UINT64_MAX)), F32B(0x1p64f));
    assert_int_equal(wd_op_F32_CONVERT_I64_U(V64(0x0020000020000001)), F32B(0x1.000002p53f));
    assert_int_equal(wd_op_F32_CONVERT_I64_S(V64(0x8000004000000001)), F32B(-0x1.fffffep62f));
    assert_int_equal(wd_op_F32_CONVERT_I64_S(V64(0xFFDFFFFFDFFFFFFF)), F32B(-0x1.000002p53f));
    assert_int_equal(wd_op_F32_CONVERT_I32_S(V32(0x80000000)), F32B(-0x1p31f));
    assert_int_equal(wd_op_F32_CONVERT_I32_S(V32(16777217)), F32B(16777216.0f));
    assert_int_equal(wd_op_F32_CONVERT_I32_S(V32(16777219)), F32B(16777220.0f));
    assert_int_equal(wd_op_F32_CONVERT_I32_U(V32(0xFFFFFF7F)), F32B(0x1.fffffep31f));
    assert_int_equal(wd_op_F32_CONVERT_I32_U(V32(0xFFFFFF80)), F32B(0x1p32f));
    assert_int_equal(wd_op_F32_CONVERT_I32_U(V32(0x80000080)), F32B(0x1p31f));
    assert_int_equal(wd_op_F32_CONVERT_I32_U(V32(0x80000081)), F32B(0x1.000002p31f));
    /* -> f64 */
    assert_int_equal(wd_op_F64_CONVERT_I64_U(V64(0x8000000000000400)), F64B(0x1p63));
    assert_int_equal(wd_op_F64_CONVERT_I64_U(V64(0x8000000000000401)), F64B(0x1.0000000000001p63));
    assert_int_equal(wd_op_F64_CONVERT_I64_U(V64(0xFFFFFFFFFFFFFC00)), F64B(0x1p64));
    assert_int_equal(wd_op_F64_CONVERT_I64_U(V64(0xFFFFFFFFFFFFFBFF)), F64B(0x1.fffffffffffffp63));
    assert_int_equal(wd_op_F64_CONVERT_I64_S(V64(9007199254740993)), F64B(9007199254740992.0));
    assert_int_equal(wd_op_F64_CONVERT_I64_S(V64((uint64_t)-9007199254740995)),
                     F64B(-9007199254740996.0));
    assert_int_equal(wd_op_F64_CONVERT_I64_S(V64(I64_MIN)), F64B(-0x1p63));
    assert_int_equal(wd_op_F64_CONVERT_I32_S(V32(0x80000000)), F64B(-2147483648.0));
    assert_int_equal(wd_op_F64_CONVERT_I32_U(V32(0xFFFFFFFF)), F64B(4294967295.0));
    /* promote is exact, demote rounds once */
    assert_int_equal(wd_op_F64_PROMOTE_F32(V32(1)), F64B(0x1p-149));
    assert_int_equal(wd_op_F64_PROMOTE_F32(V32(0x80000000)), 0x8000000000000000);
    assert_int_equal(wd_op_F64_PROMOTE_F32(F32B(-INFINITY)), F64B(-INFINITY));
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(0x1.fffffefffffffp+127)), F32B(0x1.fffffep127f));
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(0x1.ffffffp+127)), F32B(INFINITY));
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(-0x1p-150)), 0x80000000);
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(0x1.0000000000001p-150)), 1);
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(0x1.0000010000000p+0)), F32B(1.0f));
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(0x1.0000030000000p+0)), F32B(0x1.000004p0f));
    assert_int_equal(wd_op_F32_DEMOTE_F64(F64B(1e-300)), 0);
}

static void test_loads(void **state)
{
    (void)state;
    uint8_t buf[24];
    for (int i = 0; i < 24; i++) buf[i] = (uint8_t)(0xF0 + i);   /* F0 F1 F2 ... */
    /* odd offsets: unaligned */
    const uint8_t *p = buf + 1;
    assert_int_equal(wd_op_I32_LOAD(p), 0xF4F3F2F1);
    assert_int_equal(wd_op_I64_LOAD(p), 0xF8F7F6F5F4F3F2F1);
    assert_int_equal(wd_op_F32_LOAD(p), 0xF4F3F2F1);
    assert_int_equal(wd_op_F64_LOAD(p), 0xF8F7F6F5F4F3F2F1);
    assert_int_equal(wd_op_I32_LOAD8_S(p), 0xFFFFFFF1);
    assert_int_equal(wd_op_I32_LOAD8_U(p), 0xF1);
    assert_int_equal(wd_op_I32_LOAD16_S(p), 0xFFFFF2F1);
    assert_int_equal(wd_op_I32_LOAD16_U(p), 0xF2F1);
    assert_int_equal(wd_op_I64_LOAD8_S(p), 0xFFFFFFFFFFFFFFF1);
    assert_int_equal(wd_op_I64_LOAD8_U(p), 0xF1);
    assert_int_equal(wd_op_I64_LOAD16_S(p), 0xFFFFFFFFFFFFF2F1);
    assert_int_equal(wd_op_I64_LOAD16_U(p), 0xF2F1);
    assert_int_equal(wd_op_I64_LOAD32_S(p), 0xFFFFFFFFF4F3F2F1);
    assert_int_equal(wd_op_I64_LOAD32_U(p), 0xF4F3F2F1);
    /* positive values: no extension */
    uint8_t pos[8] = { 0x7F, 0x7F, 0x7F, 0x7F, 0, 0, 0, 0 };
    assert_int_equal(wd_op_I32_LOAD8_S(pos), 0x7F);
    assert_int_equal(wd_op_I32_LOAD16_S(pos), 0x7F7F);
    assert_int_equal(wd_op_I64_LOAD8_S(pos), 0x7F);
    assert_int_equal(wd_op_I64_LOAD16_S(pos), 0x7F7F);
    assert_int_equal(wd_op_I64_LOAD32_S(pos), 0x7F7F7F7F);
    /* float loads keep signalling NaN bits */
    uint8_t snan[8] = { 0x05, 0x00, 0xA0, 0x7F, 0x05, 0x00, 0x00, 0x00 };
    assert_int_equal(wd_op_F32_LOAD(snan), F32_SNAN);
    uint8_t snan64[8] = { 0x05, 0, 0, 0, 0, 0, 0xF4, 0x7F };
    assert_int_equal(wd_op_F64_LOAD(snan64), F64_SNAN);
}

static void check_store(void (*fn)(uint8_t *, uint64_t), uint64_t v, unsigned n,
                        const char *what)
{
    uint8_t buf[16];
    memset(buf, 0xAA, sizeof buf);
    fn(buf + 3, v);
    for (unsigned i = 0; i < 16; i++) {
        uint8_t want = (i >= 3 && i < 3 + n) ? (uint8_t)(v >> (8 * (i - 3))) : 0xAA;
        if (buf[i] != want)
            fail_msg("%s: byte %u is 0x%02x, want 0x%02x", what, i, buf[i], want);
    }
}

#define STORE_ADAPTER(ID, T) \
    static void st_##ID(uint8_t *p, uint64_t v) { wd_op_##ID(p, (T)v); }
STORE_ADAPTER(I32_STORE, uint32_t)
STORE_ADAPTER(I64_STORE, uint64_t)
STORE_ADAPTER(F32_STORE, uint32_t)
STORE_ADAPTER(F64_STORE, uint64_t)
STORE_ADAPTER(I32_STORE8, uint32_t)
STORE_ADAPTER(I32_STORE16, uint32_t)
STORE_ADAPTER(I64_STORE8, uint64_t)
STORE_ADAPTER(I64_STORE16, uint64_t)
STORE_ADAPTER(I64_STORE32, uint64_t)

static void test_stores(void **state)
{
    (void)state;
    check_store(st_I32_STORE, 0x11223344, 4, "i32.store");
    check_store(st_I64_STORE, 0x1122334455667788, 8, "i64.store");
    check_store(st_F32_STORE, F32_SNAN, 4, "f32.store");
    check_store(st_F64_STORE, F64_SNAN, 8, "f64.store");
    check_store(st_I32_STORE8, 0x112233F4, 1, "i32.store8");
    check_store(st_I32_STORE16, 0x1122F3F4, 2, "i32.store16");
    check_store(st_I64_STORE8, 0x11223344556677F8, 1, "i64.store8");
    check_store(st_I64_STORE16, 0x112233445566F7F8, 2, "i64.store16");
    check_store(st_I64_STORE32, 0x11223344F5F6F7F8, 4, "i64.store32");
    /* store then load round trip */
    uint8_t b[8];
    wd_op_I64_STORE32(b, V64(0xFFFFFFFF80000001));
    assert_int_equal(wd_op_I64_LOAD32_S(b), 0xFFFFFFFF80000001);
    assert_int_equal(wd_op_I64_LOAD32_U(b), 0x80000001);
    wd_op_I32_STORE16(b, V32(0xABCD8001));
    assert_int_equal(wd_op_I32_LOAD16_S(b), 0xFFFF8001);
}

/* Every scalar load/store touches exactly MEMBYTES bytes: run each on a heap
 * block of exactly that size (AddressSanitizer catches any overrun). */
#define MEM_0_K_LOAD(ID, mb, n, A, B, C) \
    { uint8_t *m = malloc(mb); assert_non_null(m); memset(m, 0xFF, mb); \
      C v = wd_op_##ID(m); assert_true(v != 0); free(m); }
#define MEM_0_K_STORE(ID, mb, n, A, B, C) \
    { uint8_t *m = malloc(mb); assert_non_null(m); wd_op_##ID(m, (B)V64(UINT64_MAX)); \
      for (int k = 0; k < mb; k++) { assert_int_equal(m[k], 0xFF); } free(m); }
#define MEM_0_K_PURE(ID, mb, n, A, B, C)
#define MEM_0_K_TRAP(ID, mb, n, A, B, C)
#define MEM_0_K_CONST(ID, mb, n, A, B, C)
#define MEM_1_K_PURE(ID, mb, n, A, B, C)
#define MEM_1_K_TRAP(ID, mb, n, A, B, C)
#define MEM_1_K_LOAD(ID, mb, n, A, B, C)
#define MEM_1_K_STORE(ID, mb, n, A, B, C)
#define MEM_1_K_CONST(ID, mb, n, A, B, C)
#define MEM_1_K_SPECIAL(ID, mb, n, A, B, C)

static void test_mem_sizes(void **state)
{
    (void)state;
#define OP(ID, name, prefix, code, imm, sig, kind, mb) NUM_DISPATCH(MEM, ID, kind, mb, SIGINFO_##sig)
#include "opcodes.def"
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_spec_rows),
        cmocka_unit_test(test_int_div_rem),
        cmocka_unit_test(test_int_bits),
        cmocka_unit_test(test_float_sign_ops),
        cmocka_unit_test(test_float_nan_results),
        cmocka_unit_test(test_min_max),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_trunc_trapping),
        cmocka_unit_test(test_trunc_sat),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_loads),
        cmocka_unit_test(test_stores),
        cmocka_unit_test(test_mem_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
