/* test_simd.c: unit tests for core/simd.h, the fixed-width SIMD semantics.
 *
 *  1. Coverage, at compile time: an X-macro over opcodes.def expands
 *     COVER_<KIND>_<SIG>(ID, IMM) for every opcode. For each (KIND, SIG) pair
 *     with a v128 and a function (K_PURE, K_LOAD, K_STORE) it adds a table
 *     row whose function pointer goes through a _Generic with the single
 *     association "the contract's type for (KIND, SIG, IMM)": a missing
 *     function, a wrong signature, or an opcode with an unforeseen
 *     (KIND, SIG) or IMM is a compile error. At run time the table size is
 *     compared with a count of the v128 opcodes made from the stringified
 *     SIG/KIND, so a COVER_ macro wrongly defined empty is caught as well.
 *  2. Hand-written cases for every op family, with the edge cases of the
 *     spec testsuite (simd_*.wast): saturation, narrow, q15mulr overflow,
 *     NaN and -0 rules of min/max vs pmin/pmax, rounding ties, trunc_sat
 *     NaN/overflow, bitmask, all_true, shift counts, lane loads/stores.
 *
 * Inputs go through volatile copies so the compiler cannot fold the ops at
 * compile time: the code under test is the runtime path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "simd.h"

/* ------------------------------------------------------------ coverage */

/* The contract's function type per (KIND, SIG, IMM). */
typedef wd_v128 (*T_K_PURE_vv_v_IMM_NONE)(wd_v128, wd_v128);
typedef wd_v128 (*T_K_PURE_vv_v_IMM_SHUFFLE)(wd_v128, wd_v128, const uint8_t *);
typedef wd_v128 (*T_K_PURE_vvv_v_IMM_NONE)(wd_v128, wd_v128, wd_v128);
typedef wd_v128 (*T_K_PURE_v_v_IMM_NONE)(wd_v128);
typedef uint32_t (*T_K_PURE_v_i_IMM_NONE)(wd_v128);
typedef uint32_t (*T_K_PURE_v_i_IMM_LANE)(wd_v128, uint32_t);
typedef uint64_t (*T_K_PURE_v_I_IMM_LANE)(wd_v128, uint32_t);
typedef uint32_t (*T_K_PURE_v_f_IMM_LANE)(wd_v128, uint32_t);
typedef uint64_t (*T_K_PURE_v_F_IMM_LANE)(wd_v128, uint32_t);
typedef wd_v128 (*T_K_PURE_vi_v_IMM_NONE)(wd_v128, uint32_t);
typedef wd_v128 (*T_K_PURE_vi_v_IMM_LANE)(wd_v128, uint32_t, uint32_t);
typedef wd_v128 (*T_K_PURE_vI_v_IMM_LANE)(wd_v128, uint64_t, uint32_t);
typedef wd_v128 (*T_K_PURE_vf_v_IMM_LANE)(wd_v128, uint32_t, uint32_t);
typedef wd_v128 (*T_K_PURE_vF_v_IMM_LANE)(wd_v128, uint64_t, uint32_t);
typedef wd_v128 (*T_K_PURE_i_v_IMM_NONE)(uint32_t);
typedef wd_v128 (*T_K_PURE_I_v_IMM_NONE)(uint64_t);
typedef wd_v128 (*T_K_PURE_f_v_IMM_NONE)(uint32_t);
typedef wd_v128 (*T_K_PURE_F_v_IMM_NONE)(uint64_t);
typedef wd_v128 (*T_K_LOAD_i_v_IMM_MEMARG)(const uint8_t *);
typedef wd_v128 (*T_K_LOAD_iv_v_IMM_MEMARG_LANE)(const uint8_t *, wd_v128, uint32_t);
typedef void (*T_K_STORE_iv__IMM_MEMARG)(uint8_t *, wd_v128);
typedef void (*T_K_STORE_iv__IMM_MEMARG_LANE)(uint8_t *, wd_v128, uint32_t);

typedef void (*any_fn)(void);
struct covered { const char *name; any_fn fn; };

/* One row; _Generic without default: only the exact contract type matches. */
#define CHECKED(ID, T) { #ID, (any_fn)_Generic(&wd_op_##ID, T: &wd_op_##ID) },
#define COVER_V(KS, ID, IMM) CHECKED(ID, T_##KS##_##IMM)

/* v128 pairs that must have a function */
#define COVER_K_PURE_vv_v(ID, IMM)   COVER_V(K_PURE_vv_v, ID, IMM)
#define COVER_K_PURE_vvv_v(ID, IMM)  COVER_V(K_PURE_vvv_v, ID, IMM)
#define COVER_K_PURE_v_v(ID, IMM)    COVER_V(K_PURE_v_v, ID, IMM)
#define COVER_K_PURE_v_i(ID, IMM)    COVER_V(K_PURE_v_i, ID, IMM)
#define COVER_K_PURE_v_I(ID, IMM)    COVER_V(K_PURE_v_I, ID, IMM)
#define COVER_K_PURE_v_f(ID, IMM)    COVER_V(K_PURE_v_f, ID, IMM)
#define COVER_K_PURE_v_F(ID, IMM)    COVER_V(K_PURE_v_F, ID, IMM)
#define COVER_K_PURE_vi_v(ID, IMM)   COVER_V(K_PURE_vi_v, ID, IMM)
#define COVER_K_PURE_vI_v(ID, IMM)   COVER_V(K_PURE_vI_v, ID, IMM)
#define COVER_K_PURE_vf_v(ID, IMM)   COVER_V(K_PURE_vf_v, ID, IMM)
#define COVER_K_PURE_vF_v(ID, IMM)   COVER_V(K_PURE_vF_v, ID, IMM)
#define COVER_K_PURE_i_v(ID, IMM)    COVER_V(K_PURE_i_v, ID, IMM)
#define COVER_K_PURE_I_v(ID, IMM)    COVER_V(K_PURE_I_v, ID, IMM)
#define COVER_K_PURE_f_v(ID, IMM)    COVER_V(K_PURE_f_v, ID, IMM)
#define COVER_K_PURE_F_v(ID, IMM)    COVER_V(K_PURE_F_v, ID, IMM)
#define COVER_K_LOAD_i_v(ID, IMM)    COVER_V(K_LOAD_i_v, ID, IMM)
#define COVER_K_LOAD_iv_v(ID, IMM)   COVER_V(K_LOAD_iv_v, ID, IMM)
#define COVER_K_STORE_iv_(ID, IMM)   COVER_V(K_STORE_iv_, ID, IMM)
/* v128 without a function */
#define COVER_K_CONST__v(ID, IMM)
/* scalar pairs: num.h's business */
#define COVER_K_CONST__i(ID, IMM)
#define COVER_K_CONST__I(ID, IMM)
#define COVER_K_CONST__f(ID, IMM)
#define COVER_K_CONST__F(ID, IMM)
#define COVER_K_SPECIAL_x(ID, IMM)
#define COVER_K_LOAD_i_i(ID, IMM)
#define COVER_K_LOAD_i_I(ID, IMM)
#define COVER_K_LOAD_i_f(ID, IMM)
#define COVER_K_LOAD_i_F(ID, IMM)
#define COVER_K_STORE_ii_(ID, IMM)
#define COVER_K_STORE_iI_(ID, IMM)
#define COVER_K_STORE_if_(ID, IMM)
#define COVER_K_STORE_iF_(ID, IMM)
#define COVER_K_PURE_i_i(ID, IMM)
#define COVER_K_PURE_i_I(ID, IMM)
#define COVER_K_PURE_i_f(ID, IMM)
#define COVER_K_PURE_i_F(ID, IMM)
#define COVER_K_PURE_I_i(ID, IMM)
#define COVER_K_PURE_I_I(ID, IMM)
#define COVER_K_PURE_I_f(ID, IMM)
#define COVER_K_PURE_I_F(ID, IMM)
#define COVER_K_PURE_f_i(ID, IMM)
#define COVER_K_PURE_f_I(ID, IMM)
#define COVER_K_PURE_f_f(ID, IMM)
#define COVER_K_PURE_f_F(ID, IMM)
#define COVER_K_PURE_F_i(ID, IMM)
#define COVER_K_PURE_F_I(ID, IMM)
#define COVER_K_PURE_F_f(ID, IMM)
#define COVER_K_PURE_F_F(ID, IMM)
#define COVER_K_PURE_ii_i(ID, IMM)
#define COVER_K_PURE_II_i(ID, IMM)
#define COVER_K_PURE_II_I(ID, IMM)
#define COVER_K_PURE_ff_i(ID, IMM)
#define COVER_K_PURE_ff_f(ID, IMM)
#define COVER_K_PURE_FF_i(ID, IMM)
#define COVER_K_PURE_FF_F(ID, IMM)
#define COVER_K_TRAP_ii_i(ID, IMM)
#define COVER_K_TRAP_II_I(ID, IMM)
#define COVER_K_TRAP_f_i(ID, IMM)
#define COVER_K_TRAP_f_I(ID, IMM)
#define COVER_K_TRAP_F_i(ID, IMM)
#define COVER_K_TRAP_F_I(ID, IMM)
/* An opcode whose (KIND, SIG) is not listed expands to an undeclared
 * COVER_... identifier applied like a function inside an initializer, which
 * is not a constant expression: a compile error. */

static const struct covered covered_ops[] = {
#define OP(ID, name, prefix, code, IMM, SIG, KIND, membytes) COVER_##KIND##_##SIG(ID, IMM)
#include "opcodes.def"
};

/* How many opcodes need a function, counted from the stringified table. */
static size_t expected_simd_functions(void)
{
    size_t n = 0;
#define OP(ID, name, prefix, code, IMM, SIG, KIND, membytes)                  \
    n += strchr(#SIG, 'v') != NULL                                            \
         && (strcmp(#KIND, "K_PURE") == 0 || strcmp(#KIND, "K_TRAP") == 0     \
             || strcmp(#KIND, "K_LOAD") == 0 || strcmp(#KIND, "K_STORE") == 0);
#include "opcodes.def"
    return n;
}

static void test_coverage(void **state)
{
    (void)state;
    size_t n = sizeof covered_ops / sizeof covered_ops[0];
    assert_int_equal(n, expected_simd_functions());
    assert_true(n >= 230);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(covered_ops[i].fn);
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(covered_ops[i].name, covered_ops[j].name);
    }
    printf("simd coverage: %zu/%zu opcodes have a wd_op_ function\n", n, expected_simd_functions());
}

/* ------------------------------------------------------------ helpers */

static wd_v128 vi8(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7,
                   int a8, int a9, int a10, int a11, int a12, int a13, int a14, int a15)
{
    int l[16] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15 };
    volatile wd_v128 r;
    for (int i = 0; i < 16; i++) r.u8[i] = (uint8_t)l[i];
    return r;
}
static wd_v128 vi16(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7)
{
    int l[8] = { a0, a1, a2, a3, a4, a5, a6, a7 };
    volatile wd_v128 r;
    for (int i = 0; i < 8; i++) r.u16[i] = (uint16_t)l[i];
    return r;
}
static wd_v128 vi32(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    volatile wd_v128 r;
    r.u32[0] = a0; r.u32[1] = a1; r.u32[2] = a2; r.u32[3] = a3;
    return r;
}
static wd_v128 vi64(uint64_t a0, uint64_t a1)
{
    volatile wd_v128 r;
    r.u64[0] = a0; r.u64[1] = a1;
    return r;
}
static wd_v128 vsplat8(int x) { return vi8(x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x); }
static wd_v128 vsplat16(int x) { return vi16(x, x, x, x, x, x, x, x); }
static uint32_t b32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static uint64_t b64(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static wd_v128 vf32(float a0, float a1, float a2, float a3) { return vi32(b32(a0), b32(a1), b32(a2), b32(a3)); }
static wd_v128 vf64(double a0, double a1) { return vi64(b64(a0), b64(a1)); }

static void vdump(const char *what, wd_v128 v)
{
    fprintf(stderr, "%s:", what);
    for (int i = 0; i < 16; i++) fprintf(stderr, " %02x", v.u8[i]);
    fprintf(stderr, "\n");
}
static void check_v(wd_v128 got, wd_v128 want, const char *expr, int line)
{
    if (memcmp(&got, &want, 16) != 0) {
        fprintf(stderr, "line %d: %s\n", line, expr);
        vdump("  got ", got);
        vdump("  want", want);
        fail();
    }
}
#define EQV(got, want) check_v((got), (want), #got, __LINE__)

#define F32_CNAN UINT32_C(0x7FC00000)
#define F64_CNAN UINT64_C(0x7FF8000000000000)
static int is_arith_nan32(uint32_t x) { return (x & 0x7FC00000u) == 0x7FC00000u; }
static int is_arith_nan64(uint64_t x)
{
    return (x & UINT64_C(0x7FF8000000000000)) == UINT64_C(0x7FF8000000000000);
}

/* ------------------------------------------------------------ memory */

static void test_loads(void **state)
{
    (void)state;
    uint8_t mem[40];
    for (int i = 0; i < 40; i++) mem[i] = (uint8_t)(i * 0x11 + 0x80);
    const uint8_t *p = mem + 3; /* unaligned */

    wd_v128 v = wd_op_V128_LOAD(p);
    assert_memory_equal(&v, p, 16);

    /* mem[3..] = 0xb3 0xc4 0xd5 0xe6 0xf7 0x08 0x19 0x2a */
    EQV(wd_op_V128_LOAD8X8_S(p), vi16(-0x4d, -0x3c, -0x2b, -0x1a, -0x09, 0x08, 0x19, 0x2a));
    EQV(wd_op_V128_LOAD8X8_U(p), vi16(0xb3, 0xc4, 0xd5, 0xe6, 0xf7, 0x08, 0x19, 0x2a));
    EQV(wd_op_V128_LOAD16X4_S(p), vi32(0xFFFFC4B3u, 0xFFFFE6D5u, 0x000008F7u, 0x00002A19u));
    EQV(wd_op_V128_LOAD16X4_U(p), vi32(0xC4B3u, 0xE6D5u, 0x08F7u, 0x2A19u));
    EQV(wd_op_V128_LOAD32X2_S(p), vi64(UINT64_C(0xFFFFFFFFE6D5C4B3), UINT64_C(0x2A1908F7)));
    EQV(wd_op_V128_LOAD32X2_U(p), vi64(UINT64_C(0xE6D5C4B3), UINT64_C(0x2A1908F7)));

    EQV(wd_op_V128_LOAD8_SPLAT(p), vsplat8(0xb3));
    EQV(wd_op_V128_LOAD16_SPLAT(p), vsplat16(0xC4B3));
    EQV(wd_op_V128_LOAD32_SPLAT(p), vi32(0xE6D5C4B3u, 0xE6D5C4B3u, 0xE6D5C4B3u, 0xE6D5C4B3u));
    EQV(wd_op_V128_LOAD64_SPLAT(p), vi64(UINT64_C(0x2A1908F7E6D5C4B3), UINT64_C(0x2A1908F7E6D5C4B3)));
    EQV(wd_op_V128_LOAD32_ZERO(p), vi32(0xE6D5C4B3u, 0, 0, 0));
    EQV(wd_op_V128_LOAD64_ZERO(p), vi64(UINT64_C(0x2A1908F7E6D5C4B3), 0));

    wd_v128 base = vi32(0x03020100u, 0x07060504u, 0x0B0A0908u, 0x0F0E0D0Cu);
    EQV(wd_op_V128_LOAD8_LANE(p, base, 15),
        vi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xb3));
    EQV(wd_op_V128_LOAD16_LANE(p, base, 1), vi32(0xC4B30100u, 0x07060504u, 0x0B0A0908u, 0x0F0E0D0Cu));
    EQV(wd_op_V128_LOAD32_LANE(p, base, 2), vi32(0x03020100u, 0x07060504u, 0xE6D5C4B3u, 0x0F0E0D0Cu));
    EQV(wd_op_V128_LOAD64_LANE(p, base, 1), vi64(UINT64_C(0x0706050403020100), UINT64_C(0x2A1908F7E6D5C4B3)));
}

static void test_stores(void **state)
{
    (void)state;
    uint8_t mem[24];
    wd_v128 v = vi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    memset(mem, 0xEE, sizeof mem);
    wd_op_V128_STORE(mem + 1, v);
    assert_int_equal(mem[0], 0xEE);
    assert_memory_equal(mem + 1, &v, 16);
    assert_int_equal(mem[17], 0xEE);

    memset(mem, 0xEE, sizeof mem);
    wd_op_V128_STORE8_LANE(mem + 1, v, 9);
    assert_int_equal(mem[1], 9);
    assert_int_equal(mem[2], 0xEE);

    memset(mem, 0xEE, sizeof mem);
    wd_op_V128_STORE16_LANE(mem + 1, v, 7);
    assert_int_equal(mem[1], 14);
    assert_int_equal(mem[2], 15);
    assert_int_equal(mem[3], 0xEE);

    memset(mem, 0xEE, sizeof mem);
    wd_op_V128_STORE32_LANE(mem + 1, v, 1);
    assert_memory_equal(mem + 1, "\x04\x05\x06\x07\xEE", 5);

    memset(mem, 0xEE, sizeof mem);
    wd_op_V128_STORE64_LANE(mem + 1, v, 1);
    assert_memory_equal(mem, "\xEE\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F\xEE", 10);
}

/* ------------------------------------------------------------ lanes, splat, shuffle */

static void test_splat_lanes(void **state)
{
    (void)state;
    EQV(wd_op_I8X16_SPLAT(0x1FF), vsplat8(0xFF));
    EQV(wd_op_I16X8_SPLAT(0x12345), vsplat16(0x2345));
    EQV(wd_op_I32X4_SPLAT(0xDEADBEEFu), vi32(0xDEADBEEFu, 0xDEADBEEFu, 0xDEADBEEFu, 0xDEADBEEFu));
    EQV(wd_op_I64X2_SPLAT(UINT64_C(0x8000000000000001)), vi64(UINT64_C(0x8000000000000001), UINT64_C(0x8000000000000001)));
    /* a signalling NaN keeps its bits through splat/extract/replace */
    EQV(wd_op_F32X4_SPLAT(0x7FA00001u), vi32(0x7FA00001u, 0x7FA00001u, 0x7FA00001u, 0x7FA00001u));
    EQV(wd_op_F64X2_SPLAT(UINT64_C(0xFFF0000000000001)), vi64(UINT64_C(0xFFF0000000000001), UINT64_C(0xFFF0000000000001)));

    wd_v128 v = vi8(0, 0x7F, 0x80, 0xFF, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x81);
    assert_int_equal(wd_op_I8X16_EXTRACT_LANE_S(v, 1), 0x7F);
    assert_int_equal(wd_op_I8X16_EXTRACT_LANE_S(v, 2), 0xFFFFFF80u);
    assert_int_equal(wd_op_I8X16_EXTRACT_LANE_S(v, 3), 0xFFFFFFFFu);
    assert_int_equal(wd_op_I8X16_EXTRACT_LANE_U(v, 3), 0xFF);
    assert_int_equal(wd_op_I8X16_EXTRACT_LANE_U(v, 15), 0x81);
    EQV(wd_op_I8X16_REPLACE_LANE(v, 0x1AB, 0), vi8(0xAB, 0x7F, 0x80, 0xFF, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x81));

    wd_v128 h = vi16(0, 0x7FFF, 0x8000, 0xFFFF, 4, 5, 6, 7);
    assert_int_equal(wd_op_I16X8_EXTRACT_LANE_S(h, 2), 0xFFFF8000u);
    assert_int_equal(wd_op_I16X8_EXTRACT_LANE_S(h, 1), 0x7FFF);
    assert_int_equal(wd_op_I16X8_EXTRACT_LANE_U(h, 3), 0xFFFF);
    EQV(wd_op_I16X8_REPLACE_LANE(h, 0xFFFF1234u, 7), vi16(0, 0x7FFF, 0x8000, 0xFFFF, 4, 5, 6, 0x1234));

    wd_v128 w = vi32(1, 2, 0x7FC00001u, 4);
    assert_int_equal(wd_op_I32X4_EXTRACT_LANE(w, 3), 4);
    EQV(wd_op_I32X4_REPLACE_LANE(w, 9, 0), vi32(9, 2, 0x7FC00001u, 4));
    assert_int_equal(wd_op_F32X4_EXTRACT_LANE(w, 2), 0x7FC00001u);
    EQV(wd_op_F32X4_REPLACE_LANE(w, 0xFF800001u, 3), vi32(1, 2, 0x7FC00001u, 0xFF800001u));

    wd_v128 d = vi64(UINT64_C(0x7FF0000000000001), 5);
    assert_int_equal(wd_op_I64X2_EXTRACT_LANE(d, 1), 5);
    assert_int_equal(wd_op_F64X2_EXTRACT_LANE(d, 0), UINT64_C(0x7FF0000000000001));
    EQV(wd_op_I64X2_REPLACE_LANE(d, UINT64_MAX, 1), vi64(UINT64_C(0x7FF0000000000001), UINT64_MAX));
    EQV(wd_op_F64X2_REPLACE_LANE(d, UINT64_C(0x8000000000000000), 0), vi64(UINT64_C(0x8000000000000000), 5));
}

static void test_shuffle_swizzle(void **state)
{
    (void)state;
    wd_v128 a = vi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    wd_v128 b = vi8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    static const uint8_t rev[16] = { 31, 0, 30, 1, 29, 2, 28, 3, 16, 15, 17, 14, 18, 13, 19, 12 };
    EQV(wd_op_I8X16_SHUFFLE(a, b, rev), vi8(31, 0, 30, 1, 29, 2, 28, 3, 16, 15, 17, 14, 18, 13, 19, 12));
    static const uint8_t same[16] = { 5, 5, 5, 5, 5, 5, 5, 5, 20, 20, 20, 20, 20, 20, 20, 20 };
    EQV(wd_op_I8X16_SHUFFLE(a, b, same), vi8(5, 5, 5, 5, 5, 5, 5, 5, 20, 20, 20, 20, 20, 20, 20, 20));

    wd_v128 t = vi8(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115);
    wd_v128 idx = vi8(15, 0, 16, 255, 128, 1, 17, 14, 2, 3, 31, 32, 7, 7, 0x80, 0x7F);
    EQV(wd_op_I8X16_SWIZZLE(t, idx), vi8(115, 100, 0, 0, 0, 101, 0, 114, 102, 103, 0, 0, 107, 107, 0, 0));
}

/* ------------------------------------------------------------ comparisons */

static void test_int_compare(void **state)
{
    (void)state;
    wd_v128 a = vi8(0, 0x7F, 0x80, 0xFF, 1, 1, 0, 0, 0x80, 0x7F, 5, 5, 0, 0, 0, 0);
    wd_v128 b = vi8(0, 0x80, 0x7F, 0x00, 1, 2, 0, 0, 0x80, 0x80, 4, 6, 0, 0, 0, 0);
    EQV(wd_op_I8X16_EQ(a, b), vi8(-1, 0, 0, 0, -1, 0, -1, -1, -1, 0, 0, 0, -1, -1, -1, -1));
    EQV(wd_op_I8X16_NE(a, b), vi8(0, -1, -1, -1, 0, -1, 0, 0, 0, -1, -1, -1, 0, 0, 0, 0));
    EQV(wd_op_I8X16_LT_S(a, b), vi8(0, 0, -1, -1, 0, -1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    EQV(wd_op_I8X16_LT_U(a, b), vi8(0, -1, 0, 0, 0, -1, 0, 0, 0, -1, 0, -1, 0, 0, 0, 0));
    EQV(wd_op_I8X16_GT_S(a, b), vi8(0, -1, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, 0, 0, 0, 0));
    EQV(wd_op_I8X16_GT_U(a, b), vi8(0, 0, -1, -1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0));
    EQV(wd_op_I8X16_LE_S(a, b), vi8(-1, 0, -1, -1, -1, -1, -1, -1, -1, 0, 0, -1, -1, -1, -1, -1));
    EQV(wd_op_I8X16_LE_U(a, b), vi8(-1, -1, 0, 0, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1));
    EQV(wd_op_I8X16_GE_S(a, b), vi8(-1, -1, 0, 0, -1, 0, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1));
    EQV(wd_op_I8X16_GE_U(a, b), vi8(-1, 0, -1, -1, -1, 0, -1, -1, -1, 0, -1, 0, -1, -1, -1, -1));

    wd_v128 h1 = vi16(0, 0x7FFF, 0x8000, 0xFFFF, 3, 3, 3, 3);
    wd_v128 h2 = vi16(0, 0x8000, 0x7FFF, 0x0000, 3, 4, 2, 3);
    EQV(wd_op_I16X8_EQ(h1, h2), vi16(-1, 0, 0, 0, -1, 0, 0, -1));
    EQV(wd_op_I16X8_NE(h1, h2), vi16(0, -1, -1, -1, 0, -1, -1, 0));
    EQV(wd_op_I16X8_LT_S(h1, h2), vi16(0, 0, -1, -1, 0, -1, 0, 0));
    EQV(wd_op_I16X8_LT_U(h1, h2), vi16(0, -1, 0, 0, 0, -1, 0, 0));
    EQV(wd_op_I16X8_GT_S(h1, h2), vi16(0, -1, 0, 0, 0, 0, -1, 0));
    EQV(wd_op_I16X8_GT_U(h1, h2), vi16(0, 0, -1, -1, 0, 0, -1, 0));
    EQV(wd_op_I16X8_LE_S(h1, h2), vi16(-1, 0, -1, -1, -1, -1, 0, -1));
    EQV(wd_op_I16X8_LE_U(h1, h2), vi16(-1, -1, 0, 0, -1, -1, 0, -1));
    EQV(wd_op_I16X8_GE_S(h1, h2), vi16(-1, -1, 0, 0, -1, 0, -1, -1));
    EQV(wd_op_I16X8_GE_U(h1, h2), vi16(-1, 0, -1, -1, -1, 0, -1, -1));

    wd_v128 w1 = vi32(0, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu);
    wd_v128 w2 = vi32(0, 0x80000000u, 0x7FFFFFFFu, 0);
    EQV(wd_op_I32X4_EQ(w1, w2), vi32(~0u, 0, 0, 0));
    EQV(wd_op_I32X4_NE(w1, w2), vi32(0, ~0u, ~0u, ~0u));
    EQV(wd_op_I32X4_LT_S(w1, w2), vi32(0, 0, ~0u, ~0u));
    EQV(wd_op_I32X4_LT_U(w1, w2), vi32(0, ~0u, 0, 0));
    EQV(wd_op_I32X4_GT_S(w1, w2), vi32(0, ~0u, 0, 0));
    EQV(wd_op_I32X4_GT_U(w1, w2), vi32(0, 0, ~0u, ~0u));
    EQV(wd_op_I32X4_LE_S(w1, w2), vi32(~0u, 0, ~0u, ~0u));
    EQV(wd_op_I32X4_LE_U(w1, w2), vi32(~0u, ~0u, 0, 0));
    EQV(wd_op_I32X4_GE_S(w1, w2), vi32(~0u, ~0u, 0, 0));
    EQV(wd_op_I32X4_GE_U(w1, w2), vi32(~0u, 0, ~0u, ~0u));

    wd_v128 d1 = vi64(UINT64_C(0x8000000000000000), 7);
    wd_v128 d2 = vi64(UINT64_C(0x7FFFFFFFFFFFFFFF), 7);
    EQV(wd_op_I64X2_EQ(d1, d2), vi64(0, UINT64_MAX));
    EQV(wd_op_I64X2_NE(d1, d2), vi64(UINT64_MAX, 0));
    EQV(wd_op_I64X2_LT_S(d1, d2), vi64(UINT64_MAX, 0));
    EQV(wd_op_I64X2_GT_S(d1, d2), vi64(0, 0));
    EQV(wd_op_I64X2_LE_S(d1, d2), vi64(UINT64_MAX, UINT64_MAX));
    EQV(wd_op_I64X2_GE_S(d1, d2), vi64(0, UINT64_MAX));
}

static void test_float_compare(void **state)
{
    (void)state;
    wd_v128 a = vi32(F32_CNAN, b32(-0.0f), b32(1.0f), b32(2.0f));
    wd_v128 b = vi32(F32_CNAN, b32(0.0f), b32(2.0f), b32(1.0f));
    EQV(wd_op_F32X4_EQ(a, b), vi32(0, ~0u, 0, 0));
    EQV(wd_op_F32X4_NE(a, b), vi32(~0u, 0, ~0u, ~0u));
    EQV(wd_op_F32X4_LT(a, b), vi32(0, 0, ~0u, 0));
    EQV(wd_op_F32X4_GT(a, b), vi32(0, 0, 0, ~0u));
    EQV(wd_op_F32X4_LE(a, b), vi32(0, ~0u, ~0u, 0));
    EQV(wd_op_F32X4_GE(a, b), vi32(0, ~0u, 0, ~0u));

    wd_v128 c = vi64(F64_CNAN, b64(-0.0));
    wd_v128 d = vi64(b64(1.0), b64(0.0));
    EQV(wd_op_F64X2_EQ(c, d), vi64(0, UINT64_MAX));
    EQV(wd_op_F64X2_NE(c, d), vi64(UINT64_MAX, 0));
    EQV(wd_op_F64X2_LT(c, d), vi64(0, 0));
    EQV(wd_op_F64X2_GT(c, d), vi64(0, 0));
    EQV(wd_op_F64X2_LE(c, d), vi64(0, UINT64_MAX));
    EQV(wd_op_F64X2_GE(c, d), vi64(0, UINT64_MAX));
    wd_v128 e = vf64(-1.0, 3.0), f = vf64(1.0, 2.0);
    EQV(wd_op_F64X2_LT(e, f), vi64(UINT64_MAX, 0));
    EQV(wd_op_F64X2_GT(e, f), vi64(0, UINT64_MAX));
}

/* ------------------------------------------------------------ bitwise, boolean */

static void test_bitwise(void **state)
{
    (void)state;
    wd_v128 a = vi64(UINT64_C(0xFF00FF00F0F0CCCC), UINT64_C(0x0123456789ABCDEF));
    wd_v128 b = vi64(UINT64_C(0x0FF00FF00F0FAAAA), UINT64_C(0xFFFFFFFF00000000));
    EQV(wd_op_V128_NOT(a), vi64(UINT64_C(0x00FF00FF0F0F3333), UINT64_C(0xFEDCBA9876543210)));
    EQV(wd_op_V128_AND(a, b), vi64(UINT64_C(0x0F000F0000008888), UINT64_C(0x0123456700000000)));
    EQV(wd_op_V128_ANDNOT(a, b), vi64(UINT64_C(0xF000F000F0F04444), UINT64_C(0x0000000089ABCDEF)));
    EQV(wd_op_V128_OR(a, b), vi64(UINT64_C(0xFFF0FFF0FFFFEEEE), UINT64_C(0xFFFFFFFF89ABCDEF)));
    EQV(wd_op_V128_XOR(a, b), vi64(UINT64_C(0xF0F0F0F0FFFF6666), UINT64_C(0xFEDCBA9889ABCDEF)));
    wd_v128 c = vi64(UINT64_C(0xFFFFFFFF00000000), UINT64_C(0x00FF00FF00FF00FF));
    EQV(wd_op_V128_BITSELECT(a, b, c), vi64(UINT64_C(0xFF00FF000F0FAAAA), UINT64_C(0xFF23FF6700AB00EF)));

    assert_int_equal(wd_op_V128_ANY_TRUE(vi64(0, 0)), 0);
    assert_int_equal(wd_op_V128_ANY_TRUE(vi64(0, UINT64_C(0x0000010000000000))), 1);
    assert_int_equal(wd_op_V128_ANY_TRUE(vi8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80)), 1);
}

static void test_all_true_bitmask(void **state)
{
    (void)state;
    assert_int_equal(wd_op_I8X16_ALL_TRUE(vsplat8(1)), 1);
    assert_int_equal(wd_op_I8X16_ALL_TRUE(vi8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)), 0);
    assert_int_equal(wd_op_I8X16_ALL_TRUE(vsplat8(0)), 0);
    /* a lane counts as true if any of its bits is set */
    assert_int_equal(wd_op_I16X8_ALL_TRUE(vi16(0x100, 1, 0x8000, 2, 3, 4, 5, 6)), 1);
    assert_int_equal(wd_op_I16X8_ALL_TRUE(vi8(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0)), 0);
    assert_int_equal(wd_op_I32X4_ALL_TRUE(vi32(1, 0x100, 0x10000, 0x1000000)), 1);
    assert_int_equal(wd_op_I32X4_ALL_TRUE(vi32(1, 1, 0, 1)), 0);
    assert_int_equal(wd_op_I64X2_ALL_TRUE(vi64(UINT64_C(1) << 63, 1)), 1);
    assert_int_equal(wd_op_I64X2_ALL_TRUE(vi64(0, 1)), 0);
    /* a vector true for any_true but false for all_true */
    assert_int_equal(wd_op_I32X4_ALL_TRUE(vi32(0, 0, 0, 1)), 0);

    assert_int_equal(wd_op_I8X16_BITMASK(vi8(0x80, 0x7F, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81)), 0x8005);
    assert_int_equal(wd_op_I8X16_BITMASK(vsplat8(-1)), 0xFFFF);
    assert_int_equal(wd_op_I16X8_BITMASK(vi16(-1, 0x7FFF, 0x8000, 0, 0, 0, 0, -2)), 0x85);
    assert_int_equal(wd_op_I32X4_BITMASK(vi32(0x80000000u, 0x7FFFFFFFu, 0, 0xFFFFFFFFu)), 0x9);
    assert_int_equal(wd_op_I64X2_BITMASK(vi64(1, UINT64_C(0x8000000000000000))), 0x2);
    assert_int_equal(wd_op_I64X2_BITMASK(vi64(0, 0)), 0);
}

/* ------------------------------------------------------------ integer arithmetic */

static void test_int_unary(void **state)
{
    (void)state;
    EQV(wd_op_I8X16_ABS(vi8(0, 1, -1, 127, -127, -128, 5, -5, 0, 0, 0, 0, 0, 0, 0, -128)),
        vi8(0, 1, 1, 127, 127, -128, 5, 5, 0, 0, 0, 0, 0, 0, 0, -128));
    EQV(wd_op_I16X8_ABS(vi16(0, 1, -1, 32767, -32767, -32768, 300, -300)),
        vi16(0, 1, 1, 32767, 32767, -32768, 300, 300));
    EQV(wd_op_I32X4_ABS(vi32(0x80000000u, 0xFFFFFFFFu, 5, 0x80000001u)), vi32(0x80000000u, 1, 5, 0x7FFFFFFFu));
    EQV(wd_op_I64X2_ABS(vi64(UINT64_C(0x8000000000000000), UINT64_MAX)), vi64(UINT64_C(0x8000000000000000), 1));

    EQV(wd_op_I8X16_NEG(vi8(0, 1, -1, 127, -128, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
        vi8(0, -1, 1, -127, -128, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12));
    EQV(wd_op_I16X8_NEG(vi16(0, 1, -1, 32767, -32768, 2, 3, 4)), vi16(0, -1, 1, -32767, -32768, -2, -3, -4));
    EQV(wd_op_I32X4_NEG(vi32(0, 1, 0x80000000u, 0x7FFFFFFFu)), vi32(0, 0xFFFFFFFFu, 0x80000000u, 0x80000001u));
    EQV(wd_op_I64X2_NEG(vi64(1, UINT64_C(0x8000000000000000))), vi64(UINT64_MAX, UINT64_C(0x8000000000000000)));

    EQV(wd_op_I8X16_POPCNT(vi8(0, 1, 3, 7, 0xF, 0x1F, 0x3F, 0x7F, 0xFF, 0x80, 0x55, 0xAA, 0x11, 0xF0, 0x0F, 0x81)),
        vi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 4, 4, 2, 4, 4, 2));
}

static void test_int_add_sub(void **state)
{
    (void)state;
    wd_v128 a = vi8(127, -128, -1, 0x7F, 0x80, 0xFF, 1, 100, 0, 50, -50, 10, 0, 0, 0, 0);
    wd_v128 b = vi8(1, -1, 1, 0x80, 0x80, 0xFF, -1, 100, 0, -100, 100, -10, 0, 0, 0, 0);
    EQV(wd_op_I8X16_ADD(a, b), vi8(-128, 127, 0, -1, 0, -2, 0, -56, 0, -50, 50, 0, 0, 0, 0, 0));
    EQV(wd_op_I8X16_SUB(a, b), vi8(126, -127, -2, -1, 0, 0, 2, 0, 0, -106, 106, 20, 0, 0, 0, 0));
    EQV(wd_op_I8X16_ADD_SAT_S(a, b), vi8(127, -128, 0, -1, -128, -2, 0, 127, 0, -50, 50, 0, 0, 0, 0, 0));
    EQV(wd_op_I8X16_ADD_SAT_U(a, b), vi8(128, 255, 255, 255, 255, 255, 255, 200, 0, 206, 255, 255, 0, 0, 0, 0));
    EQV(wd_op_I8X16_SUB_SAT_S(a, b), vi8(126, -127, -2, 127, 0, 0, 2, 0, 0, 127, -128, 20, 0, 0, 0, 0));
    EQV(wd_op_I8X16_SUB_SAT_U(a, b), vi8(126, 0, 254, 0, 0, 0, 0, 0, 0, 0, 106, 0, 0, 0, 0, 0));

    wd_v128 h1 = vi16(32767, -32768, -1, 0x8000, 0xFFFF, 1, 1000, -1000);
    wd_v128 h2 = vi16(1, -1, 1, 0x8000, 0xFFFF, -1, 32000, 32000);
    EQV(wd_op_I16X8_ADD(h1, h2), vi16(-32768, 32767, 0, 0, -2, 0, 33000, 31000));
    EQV(wd_op_I16X8_SUB(h1, h2), vi16(32766, -32767, -2, 0, 0, 2, -31000, -33000));
    EQV(wd_op_I16X8_ADD_SAT_S(h1, h2), vi16(32767, -32768, 0, -32768, -2, 0, 32767, 31000));
    EQV(wd_op_I16X8_ADD_SAT_U(h1, h2), vi16(32768, 65535, 65535, 65535, 65535, 65535, 33000, 65535));
    EQV(wd_op_I16X8_SUB_SAT_S(h1, h2), vi16(32766, -32767, -2, 0, 0, 2, -31000, -32768));
    EQV(wd_op_I16X8_SUB_SAT_U(h1, h2), vi16(32766, 0, 65534, 0, 0, 0, 0, 32536));

    EQV(wd_op_I32X4_ADD(vi32(0x7FFFFFFFu, 0xFFFFFFFFu, 5, 0x80000000u), vi32(1, 1, 7, 0x80000000u)),
        vi32(0x80000000u, 0, 12, 0));
    EQV(wd_op_I32X4_SUB(vi32(0x80000000u, 0, 5, 3), vi32(1, 1, 7, 3)), vi32(0x7FFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFEu, 0));
    EQV(wd_op_I64X2_ADD(vi64(UINT64_C(0x7FFFFFFFFFFFFFFF), UINT64_MAX), vi64(1, 2)), vi64(UINT64_C(0x8000000000000000), 1));
    EQV(wd_op_I64X2_SUB(vi64(UINT64_C(0x8000000000000000), 0), vi64(1, 1)), vi64(UINT64_C(0x7FFFFFFFFFFFFFFF), UINT64_MAX));
}

static void test_int_mul_dot(void **state)
{
    (void)state;
    EQV(wd_op_I16X8_MUL(vi16(0xFFFF, 0x8000, 0x7FFF, 300, -3, 256, 0, 12), vi16(0xFFFF, 0x8000, 0x7FFF, 300, 7, 256, 5, -12)),
        vi16(1, 0, 1, 0x5F90, -21, 0, 0, -144));
    EQV(wd_op_I32X4_MUL(vi32(0xFFFFFFFFu, 0x80000000u, 0x10000u, 123456789u), vi32(0xFFFFFFFFu, 2, 0x10000u, 1000u)),
        vi32(1, 0, 0, 0xBE991A08u));
    EQV(wd_op_I64X2_MUL(vi64(UINT64_MAX, UINT64_C(0x100000000)), vi64(UINT64_MAX, UINT64_C(0x100000000))), vi64(1, 0));

    /* q15mulr_sat_s: round((a*b) / 2^15), saturating only at 0x8000 * 0x8000 */
    EQV(wd_op_I16X8_Q15MULR_SAT_S(vi16(-32768, 16384, -1, 1, 32767, -32768, 16383, -16384),
                                  vi16(-32768, 16384, -1, 16384, 32767, 32767, 1, 1)),
        vi16(32767, 8192, 0, 1, 32766, -32767, 0, 0));
    EQV(wd_op_I16X8_Q15MULR_SAT_S(vsplat16(-32768), vsplat16(-32768)), vsplat16(32767));
    /* -16384 * 3 = -49152; -49152 + 16384 = -32768, >> 15 = -1 (floor) */
    EQV(wd_op_I16X8_Q15MULR_SAT_S(vsplat16(-16384), vsplat16(3)), vsplat16(-1));

    /* dot: pairwise products summed; (-2^15)^2 * 2 = 2^31 wraps */
    EQV(wd_op_I32X4_DOT_I16X8_S(vi16(-32768, -32768, 1, 2, -1, 3, 32767, 32767),
                                vi16(-32768, -32768, 3, 4, 5, -6, 32767, 32767)),
        vi32(0x80000000u, 11, (uint32_t)-23, 0x7FFE0002u));
}

static void test_int_min_max_avgr(void **state)
{
    (void)state;
    wd_v128 a = vi8(0, 0x7F, 0x80, 0xFF, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    wd_v128 b = vi8(0, 0x80, 0x7F, 0x01, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF);
    EQV(wd_op_I8X16_MIN_S(a, b), vi8(0, 0x80, 0x80, 0xFF, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF));
    EQV(wd_op_I8X16_MIN_U(a, b), vi8(0, 0x7F, 0x7F, 0x01, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    EQV(wd_op_I8X16_MAX_S(a, b), vi8(0, 0x7F, 0x7F, 0x01, 6, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    EQV(wd_op_I8X16_MAX_U(a, b), vi8(0, 0x80, 0x80, 0xFF, 6, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF));
    EQV(wd_op_I8X16_AVGR_U(vi8(0, 0, 1, 255, 255, 254, 3, 100, 0, 0, 0, 0, 0, 0, 0, 0),
                           vi8(0, 1, 1, 255, 0, 255, 4, 200, 0, 0, 0, 0, 0, 0, 0, 0)),
        vi8(0, 1, 1, 255, 128, 255, 4, 150, 0, 0, 0, 0, 0, 0, 0, 0));

    wd_v128 h1 = vi16(0x7FFF, 0x8000, 0xFFFF, 1, 0, 0, 0, 0);
    wd_v128 h2 = vi16(0x8000, 0x7FFF, 0x0001, 0xFFFF, 0, 0, 0, 0);
    EQV(wd_op_I16X8_MIN_S(h1, h2), vi16(0x8000, 0x8000, 0xFFFF, 0xFFFF, 0, 0, 0, 0));
    EQV(wd_op_I16X8_MIN_U(h1, h2), vi16(0x7FFF, 0x7FFF, 1, 1, 0, 0, 0, 0));
    EQV(wd_op_I16X8_MAX_S(h1, h2), vi16(0x7FFF, 0x7FFF, 1, 1, 0, 0, 0, 0));
    EQV(wd_op_I16X8_MAX_U(h1, h2), vi16(0x8000, 0x8000, 0xFFFF, 0xFFFF, 0, 0, 0, 0));
    EQV(wd_op_I16X8_AVGR_U(vi16(0xFFFF, 0, 1, 0xFFFE, 0, 0, 0, 0), vi16(0xFFFF, 1, 2, 0xFFFF, 0, 0, 0, 0)),
        vi16(0xFFFF, 1, 2, 0xFFFF, 0, 0, 0, 0));

    wd_v128 w1 = vi32(0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 1);
    wd_v128 w2 = vi32(0x80000000u, 0x7FFFFFFFu, 1, 0xFFFFFFFFu);
    EQV(wd_op_I32X4_MIN_S(w1, w2), vi32(0x80000000u, 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFFu));
    EQV(wd_op_I32X4_MIN_U(w1, w2), vi32(0x7FFFFFFFu, 0x7FFFFFFFu, 1, 1));
    EQV(wd_op_I32X4_MAX_S(w1, w2), vi32(0x7FFFFFFFu, 0x7FFFFFFFu, 1, 1));
    EQV(wd_op_I32X4_MAX_U(w1, w2), vi32(0x80000000u, 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFFu));
}

static void test_shifts(void **state)
{
    (void)state;
    wd_v128 a = vi8(1, 0x80, 0xFF, 0x7F, 0x40, 0xC0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0x81);
    EQV(wd_op_I8X16_SHL(a, 1), vi8(2, 0, 0xFE, 0xFE, 0x80, 0x80, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0x02));
    EQV(wd_op_I8X16_SHL(a, 9), wd_op_I8X16_SHL(a, 1)); /* count mod 8 */
    EQV(wd_op_I8X16_SHL(a, 8), a);
    EQV(wd_op_I8X16_SHR_S(a, 1), vi8(0, 0xC0, 0xFF, 0x3F, 0x20, 0xE0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0xC0));
    EQV(wd_op_I8X16_SHR_S(a, 7), vi8(0, 0xFF, 0xFF, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF));
    EQV(wd_op_I8X16_SHR_U(a, 0xFFFFFFFFu), vi8(0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));

    wd_v128 h = vi16(1, 0x8000, 0xFFFF, 0x7FFF, 0x4000, 0xC000, 2, 0x8001);
    EQV(wd_op_I16X8_SHL(h, 17), vi16(2, 0, 0xFFFE, 0xFFFE, 0x8000, 0x8000, 4, 2));
    EQV(wd_op_I16X8_SHR_S(h, 15), vi16(0, -1, -1, 0, 0, -1, 0, -1));
    EQV(wd_op_I16X8_SHR_S(h, 16), h);
    EQV(wd_op_I16X8_SHR_U(h, 14), vi16(0, 2, 3, 1, 1, 3, 0, 2));

    wd_v128 w = vi32(1, 0x80000000u, 0xFFFFFFFFu, 0x12345678u);
    EQV(wd_op_I32X4_SHL(w, 33), vi32(2, 0, 0xFFFFFFFEu, 0x2468ACF0u));
    EQV(wd_op_I32X4_SHR_S(w, 31), vi32(0, 0xFFFFFFFFu, 0xFFFFFFFFu, 0));
    EQV(wd_op_I32X4_SHR_S(w, 4), vi32(0, 0xF8000000u, 0xFFFFFFFFu, 0x01234567u));
    EQV(wd_op_I32X4_SHR_U(w, 32 + 4), vi32(0, 0x08000000u, 0x0FFFFFFFu, 0x01234567u));

    wd_v128 d = vi64(UINT64_C(0x8000000000000001), 3);
    EQV(wd_op_I64X2_SHL(d, 65), vi64(2, 6));
    EQV(wd_op_I64X2_SHR_S(d, 63), vi64(UINT64_MAX, 0));
    EQV(wd_op_I64X2_SHR_S(d, 64), d);
    EQV(wd_op_I64X2_SHR_U(d, 127), vi64(1, 0));
}

static void test_narrow_extend(void **state)
{
    (void)state;
    wd_v128 a = vi16(-129, 128, 300, -1, 0, 127, -128, 32767);
    wd_v128 b = vi16(-32768, 255, 256, 1, -2, 100, 0x8001, 0x7FFF);
    EQV(wd_op_I8X16_NARROW_I16X8_S(a, b),
        vi8(-128, 127, 127, -1, 0, 127, -128, 127, -128, 127, 127, 1, -2, 100, -128, 127));
    EQV(wd_op_I8X16_NARROW_I16X8_U(a, b),
        vi8(0, 128, 255, 0, 0, 127, 0, 255, 0, 255, 255, 1, 0, 100, 0, 255));

    wd_v128 w1 = vi32(0x80000000u, 32768, 0xFFFF7FFFu, 0xFFFFFFFFu);
    wd_v128 w2 = vi32(65535, 65536, 0x7FFFFFFFu, 1234);
    EQV(wd_op_I16X8_NARROW_I32X4_S(w1, w2), vi16(-32768, 32767, -32768, -1, 32767, 32767, 32767, 1234));
    EQV(wd_op_I16X8_NARROW_I32X4_U(w1, w2), vi16(0, 32768, 0, 0, 65535, 65535, 65535, 1234));

    wd_v128 v = vi8(0x80, 0x7F, 0xFF, 1, 0, 2, 3, 4, 0x81, 0xFE, 5, 6, 7, 8, 9, 0x90);
    EQV(wd_op_I16X8_EXTEND_LOW_I8X16_S(v), vi16(-128, 127, -1, 1, 0, 2, 3, 4));
    EQV(wd_op_I16X8_EXTEND_HIGH_I8X16_S(v), vi16(-127, -2, 5, 6, 7, 8, 9, -112));
    EQV(wd_op_I16X8_EXTEND_LOW_I8X16_U(v), vi16(0x80, 0x7F, 0xFF, 1, 0, 2, 3, 4));
    EQV(wd_op_I16X8_EXTEND_HIGH_I8X16_U(v), vi16(0x81, 0xFE, 5, 6, 7, 8, 9, 0x90));

    wd_v128 h = vi16(0x8000, 0x7FFF, 0xFFFF, 1, 0x8001, 2, 3, 0xFFFE);
    EQV(wd_op_I32X4_EXTEND_LOW_I16X8_S(h), vi32(0xFFFF8000u, 0x7FFF, 0xFFFFFFFFu, 1));
    EQV(wd_op_I32X4_EXTEND_HIGH_I16X8_S(h), vi32(0xFFFF8001u, 2, 3, 0xFFFFFFFEu));
    EQV(wd_op_I32X4_EXTEND_LOW_I16X8_U(h), vi32(0x8000, 0x7FFF, 0xFFFF, 1));
    EQV(wd_op_I32X4_EXTEND_HIGH_I16X8_U(h), vi32(0x8001, 2, 3, 0xFFFE));

    wd_v128 w = vi32(0x80000000u, 0x7FFFFFFFu, 0xFFFFFFFFu, 5);
    EQV(wd_op_I64X2_EXTEND_LOW_I32X4_S(w), vi64(UINT64_C(0xFFFFFFFF80000000), 0x7FFFFFFF));
    EQV(wd_op_I64X2_EXTEND_HIGH_I32X4_S(w), vi64(UINT64_MAX, 5));
    EQV(wd_op_I64X2_EXTEND_LOW_I32X4_U(w), vi64(0x80000000u, 0x7FFFFFFF));
    EQV(wd_op_I64X2_EXTEND_HIGH_I32X4_U(w), vi64(0xFFFFFFFFu, 5));
}

static void test_extmul_extadd(void **state)
{
    (void)state;
    wd_v128 a = vi8(-128, 127, -1, 0xFF, 2, 3, 4, 5, 0x80, 0xFF, 0x7F, 1, 2, 3, 4, 5);
    wd_v128 b = vi8(-128, -128, -1, 0xFF, 2, 3, 4, 5, 0x80, 0xFF, 0x7F, 1, 2, 3, 4, 5);
    EQV(wd_op_I16X8_EXTMUL_LOW_I8X16_S(a, b), vi16(16384, -16256, 1, 1, 4, 9, 16, 25));
    EQV(wd_op_I16X8_EXTMUL_HIGH_I8X16_S(a, b), vi16(16384, 1, 16129, 1, 4, 9, 16, 25));
    EQV(wd_op_I16X8_EXTMUL_LOW_I8X16_U(a, b), vi16(16384, 127 * 128, 65025, 65025, 4, 9, 16, 25));
    EQV(wd_op_I16X8_EXTMUL_HIGH_I8X16_U(a, b), vi16(16384, 65025, 16129, 1, 4, 9, 16, 25));

    wd_v128 h1 = vi16(-32768, 32767, -1, 2, 0xFFFF, 0x8000, 3, -3);
    wd_v128 h2 = vi16(-32768, -32768, -1, 3, 0xFFFF, 0x8000, 3, 3);
    EQV(wd_op_I32X4_EXTMUL_LOW_I16X8_S(h1, h2), vi32(0x40000000u, (uint32_t)-1073709056, 1, 6));
    EQV(wd_op_I32X4_EXTMUL_HIGH_I16X8_S(h1, h2), vi32(1, 0x40000000u, 9, (uint32_t)-9));
    EQV(wd_op_I32X4_EXTMUL_LOW_I16X8_U(h1, h2), vi32(0x40000000u, 32767u * 32768u, 0xFFFE0001u, 6));
    EQV(wd_op_I32X4_EXTMUL_HIGH_I16X8_U(h1, h2), vi32(0xFFFE0001u, 0x40000000u, 9, 65533u * 3u));

    wd_v128 w1 = vi32(0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x7FFFFFFFu);
    wd_v128 w2 = vi32(0x80000000u, 2, 0xFFFFFFFFu, 0x80000000u);
    EQV(wd_op_I64X2_EXTMUL_LOW_I32X4_S(w1, w2), vi64(UINT64_C(0x4000000000000000), (uint64_t)-2));
    EQV(wd_op_I64X2_EXTMUL_HIGH_I32X4_S(w1, w2), vi64(1, (uint64_t)-(INT64_C(0x7FFFFFFF) * INT64_C(0x80000000))));
    EQV(wd_op_I64X2_EXTMUL_LOW_I32X4_U(w1, w2), vi64(UINT64_C(0x4000000000000000), UINT64_C(0x1FFFFFFFE)));
    EQV(wd_op_I64X2_EXTMUL_HIGH_I32X4_U(w1, w2), vi64(UINT64_C(0xFFFFFFFE00000001), UINT64_C(0x3FFFFFFF80000000)));

    wd_v128 p = vi8(-128, -128, 127, 127, -1, 1, 0xFF, 0xFF, 1, 2, 3, 4, 0x80, 0x7F, 0, 0);
    EQV(wd_op_I16X8_EXTADD_PAIRWISE_I8X16_S(p), vi16(-256, 254, 0, -2, 3, 7, -1, 0));
    EQV(wd_op_I16X8_EXTADD_PAIRWISE_I8X16_U(p), vi16(256, 254, 256, 510, 3, 7, 255, 0));
    wd_v128 q = vi16(-32768, -32768, 32767, 32767, -1, 1, 0xFFFF, 0xFFFF);
    EQV(wd_op_I32X4_EXTADD_PAIRWISE_I16X8_S(q), vi32((uint32_t)-65536, 65534, 0, (uint32_t)-2));
    EQV(wd_op_I32X4_EXTADD_PAIRWISE_I16X8_U(q), vi32(65536, 65534, 65536, 131070));
}

/* ------------------------------------------------------------ float arithmetic */

static void test_float_arith(void **state)
{
    (void)state;
    EQV(wd_op_F32X4_ADD(vf32(1.0f, -0.0f, 0x1p127f, 1.0f), vf32(2.0f, 0.0f, 0x1p127f, 0x1p-24f)),
        vf32(3.0f, 0.0f, INFINITY, 1.0f)); /* tie to even */
    EQV(wd_op_F32X4_SUB(vf32(1.0f, 0.0f, -0.0f, 3.0f), vf32(2.0f, 0.0f, 0.0f, 3.0f)), vf32(-1.0f, 0.0f, -0.0f, 0.0f));
    EQV(wd_op_F32X4_MUL(vf32(1.5f, -0.0f, 0x1p-126f, -2.0f), vf32(2.0f, 5.0f, 0x1p-1f, -3.0f)),
        vf32(3.0f, -0.0f, 0x1p-127f, 6.0f));
    EQV(wd_op_F32X4_DIV(vf32(1.0f, -1.0f, 1.0f, 6.0f), vf32(0.0f, 0.0f, 3.0f, -2.0f)),
        vf32(INFINITY, -INFINITY, 1.0f / 3.0f, -3.0f));
    EQV(wd_op_F64X2_ADD(vf64(1.0, 0x1p1023), vf64(0x1p-53, 0x1p1023)), vf64(1.0, INFINITY));
    EQV(wd_op_F64X2_SUB(vf64(-0.0, 1.0), vf64(0.0, 0.25)), vf64(-0.0, 0.75));
    EQV(wd_op_F64X2_MUL(vf64(-0.0, 0x1p-1022), vf64(-1.0, 0x1p-52)), vf64(0.0, 0x1p-1074));
    EQV(wd_op_F64X2_DIV(vf64(1.0, -0.0), vf64(-0.0, 5.0)), vf64(-INFINITY, -0.0));

    /* invalid operations give a NaN (arithmetic, here the canonical one) */
    wd_v128 r = wd_op_F32X4_SUB(vf32(INFINITY, 0, 0, 0), vf32(INFINITY, 0, 0, 0));
    assert_true(is_arith_nan32(r.u32[0]));
    r = wd_op_F32X4_DIV(vf32(0.0f, 1, 1, 1), vf32(0.0f, 1, 1, 1));
    assert_true(is_arith_nan32(r.u32[0]));
    r = wd_op_F64X2_MUL(vf64(0.0, 1.0), vf64(INFINITY, 1.0));
    assert_true(is_arith_nan64(r.u64[0]));
    /* NaN propagation: a NaN input gives an arithmetic NaN */
    r = wd_op_F32X4_ADD(vi32(0x7FA00000u, F32_CNAN, 0xFFC00000u, 0x7F800001u), vf32(1, 1, 1, 1));
    for (int i = 0; i < 4; i++) assert_true(is_arith_nan32(r.u32[i]));
    r = wd_op_F64X2_DIV(vi64(UINT64_C(0x7FF4000000000000), F64_CNAN), vf64(1.0, 1.0));
    assert_true(is_arith_nan64(r.u64[0]));
    assert_true(is_arith_nan64(r.u64[1]));

    EQV(wd_op_F32X4_SQRT(vf32(4.0f, 2.0f, -0.0f, INFINITY)), vf32(2.0f, 0x1.6a09e6p+0f, -0.0f, INFINITY));
    r = wd_op_F32X4_SQRT(vf32(-1.0f, -INFINITY, 0x1p-149f, 0.25f));
    assert_true(is_arith_nan32(r.u32[0]));
    assert_true(is_arith_nan32(r.u32[1]));
    assert_int_equal(r.u32[2], b32(0x1.6a09e6p-75f));
    assert_int_equal(r.u32[3], b32(0.5f));
    EQV(wd_op_F64X2_SQRT(vf64(0x1p-1074, 9.0)), vf64(0x1p-537, 3.0));
    r = wd_op_F64X2_SQRT(vf64(-0x1p-1074, -0.0));
    assert_true(is_arith_nan64(r.u64[0]));
    assert_int_equal(r.u64[1], b64(-0.0));
}

static void test_float_sign(void **state)
{
    (void)state;
    /* pure bit operations: NaN payloads and signalling bits survive */
    wd_v128 a = vi32(0x7FA00001u, 0xFFC00000u, b32(-0.0f), b32(1.5f));
    EQV(wd_op_F32X4_ABS(a), vi32(0x7FA00001u, 0x7FC00000u, b32(0.0f), b32(1.5f)));
    EQV(wd_op_F32X4_NEG(a), vi32(0xFFA00001u, 0x7FC00000u, b32(0.0f), b32(-1.5f)));
    wd_v128 d = vi64(UINT64_C(0xFFF0000000000001), b64(0.0));
    EQV(wd_op_F64X2_ABS(d), vi64(UINT64_C(0x7FF0000000000001), b64(0.0)));
    EQV(wd_op_F64X2_NEG(d), vi64(UINT64_C(0x7FF0000000000001), b64(-0.0)));
}

static void test_float_min_max(void **state)
{
    (void)state;
    wd_v128 a = vi32(b32(-0.0f), b32(0.0f), F32_CNAN, b32(1.0f));
    wd_v128 b = vi32(b32(0.0f), b32(-0.0f), b32(1.0f), 0x7FA00000u);
    wd_v128 r = wd_op_F32X4_MIN(a, b);
    assert_int_equal(r.u32[0], b32(-0.0f));
    assert_int_equal(r.u32[1], b32(-0.0f));
    assert_int_equal(r.u32[2], F32_CNAN);        /* canonical in -> canonical out */
    assert_true(is_arith_nan32(r.u32[3]));       /* signalling in -> arithmetic */
    r = wd_op_F32X4_MAX(a, b);
    assert_int_equal(r.u32[0], b32(0.0f));
    assert_int_equal(r.u32[1], b32(0.0f));
    assert_int_equal(r.u32[2], F32_CNAN);
    assert_true(is_arith_nan32(r.u32[3]));
    EQV(wd_op_F32X4_MIN(vf32(1, -INFINITY, 3, -5), vf32(2, 0, -INFINITY, -4)), vf32(1, -INFINITY, -INFINITY, -5));
    EQV(wd_op_F32X4_MAX(vf32(1, -INFINITY, 3, -5), vf32(2, 0, INFINITY, -4)), vf32(2, 0, INFINITY, -4));

    wd_v128 c = vi64(b64(-0.0), F64_CNAN);
    wd_v128 d = vi64(b64(0.0), b64(-1.0));
    EQV(wd_op_F64X2_MIN(c, d), vi64(b64(-0.0), F64_CNAN));
    EQV(wd_op_F64X2_MAX(c, d), vi64(b64(0.0), F64_CNAN));
    EQV(wd_op_F64X2_MIN(d, c), vi64(b64(-0.0), F64_CNAN));
    EQV(wd_op_F64X2_MAX(d, c), vi64(b64(0.0), F64_CNAN));
    EQV(wd_op_F64X2_MIN(vf64(2.0, -3.0), vf64(1.0, 4.0)), vf64(1.0, -3.0));
    EQV(wd_op_F64X2_MAX(vf64(2.0, -3.0), vf64(1.0, 4.0)), vf64(2.0, 4.0));
    r = wd_op_F64X2_MAX(vi64(1, UINT64_C(0xFFF0000000000001)), vi64(UINT64_C(0x7FF0000000000002), 0));
    assert_true(is_arith_nan64(r.u64[0]));
    assert_true(is_arith_nan64(r.u64[1]));

    /* pmin = b < a ? b : a, pmax = a < b ? b : a: bit-exact, NaN not special */
    wd_v128 pa = vi32(0x7FA00001u, b32(1.0f), b32(0.0f), b32(-0.0f));
    wd_v128 pb = vi32(b32(0.0f), 0xFFC00002u, b32(-0.0f), b32(0.0f));
    EQV(wd_op_F32X4_PMIN(pa, pb), vi32(0x7FA00001u, b32(1.0f), b32(0.0f), b32(-0.0f)));
    EQV(wd_op_F32X4_PMAX(pa, pb), vi32(0x7FA00001u, b32(1.0f), b32(0.0f), b32(-0.0f)));
    EQV(wd_op_F32X4_PMIN(vf32(1, 2, -1, 5), vf32(2, 1, -2, 5)), vf32(1, 1, -2, 5));
    EQV(wd_op_F32X4_PMAX(vf32(1, 2, -1, 5), vf32(2, 1, -2, 5)), vf32(2, 2, -1, 5));
    wd_v128 qa = vi64(UINT64_C(0xFFF8000000000000), b64(2.0));
    wd_v128 qb = vi64(b64(1.0), b64(3.0));
    EQV(wd_op_F64X2_PMIN(qa, qb), vi64(UINT64_C(0xFFF8000000000000), b64(2.0)));
    EQV(wd_op_F64X2_PMAX(qa, qb), vi64(UINT64_C(0xFFF8000000000000), b64(3.0)));
    EQV(wd_op_F64X2_PMIN(qb, qa), vi64(b64(1.0), b64(2.0)));
    EQV(wd_op_F64X2_PMAX(vf64(0.0, -0.0), vf64(-0.0, 0.0)), vf64(0.0, -0.0));
}

static void test_float_rounding(void **state)
{
    (void)state;
    EQV(wd_op_F32X4_NEAREST(vf32(0.5f, 1.5f, 2.5f, -0.5f)), vf32(0.0f, 2.0f, 2.0f, -0.0f));
    EQV(wd_op_F32X4_NEAREST(vf32(-1.5f, -2.5f, 0x1.fffffep22f, 0x1p23f + 1.0f)),
        vf32(-2.0f, -2.0f, 0x1p23f, 0x1p23f + 1.0f));
    EQV(wd_op_F32X4_CEIL(vf32(-0.5f, 0.5f, -1.5f, 0x1p-149f)), vf32(-0.0f, 1.0f, -1.0f, 1.0f));
    EQV(wd_op_F32X4_FLOOR(vf32(-0.5f, 0.5f, -1.5f, -0x1p-149f)), vf32(-1.0f, 0.0f, -2.0f, -1.0f));
    EQV(wd_op_F32X4_TRUNC(vf32(-0.5f, 0.5f, -1.5f, 1e30f)), vf32(-0.0f, 0.0f, -1.0f, 1e30f));
    wd_v128 n = vi32(0x7FA00000u, F32_CNAN, 0xFFC00000u, b32(-INFINITY));
    wd_v128 r = wd_op_F32X4_NEAREST(n);
    assert_int_equal(r.u32[0], 0x7FE00000u); /* quieted, payload kept */
    assert_int_equal(r.u32[1], F32_CNAN);
    assert_int_equal(r.u32[2], 0xFFC00000u);
    assert_int_equal(r.u32[3], b32(-INFINITY));
    r = wd_op_F32X4_CEIL(n);
    assert_true(is_arith_nan32(r.u32[0]) && r.u32[1] == F32_CNAN);
    r = wd_op_F32X4_FLOOR(n);
    assert_true(is_arith_nan32(r.u32[0]) && r.u32[1] == F32_CNAN);
    r = wd_op_F32X4_TRUNC(n);
    assert_true(is_arith_nan32(r.u32[0]) && r.u32[1] == F32_CNAN);

    EQV(wd_op_F64X2_NEAREST(vf64(2.5, -0.5)), vf64(2.0, -0.0));
    EQV(wd_op_F64X2_NEAREST(vf64(3.5, 0x1.fffffffffffffp51)), vf64(4.0, 0x1p52));
    EQV(wd_op_F64X2_CEIL(vf64(-0.9, 1.1)), vf64(-0.0, 2.0));
    EQV(wd_op_F64X2_FLOOR(vf64(-0.1, 0.9)), vf64(-1.0, 0.0));
    EQV(wd_op_F64X2_TRUNC(vf64(-0.9, 1e300)), vf64(-0.0, 1e300));
    r = wd_op_F64X2_TRUNC(vi64(UINT64_C(0x7FF0000000000001), F64_CNAN));
    assert_int_equal(r.u64[0], UINT64_C(0x7FF8000000000001));
    assert_int_equal(r.u64[1], F64_CNAN);
    r = wd_op_F64X2_CEIL(vi64(UINT64_C(0x7FF0000000000001), F64_CNAN));
    assert_true(is_arith_nan64(r.u64[0]) && r.u64[1] == F64_CNAN);
    r = wd_op_F64X2_FLOOR(vi64(UINT64_C(0x7FF0000000000001), F64_CNAN));
    assert_true(is_arith_nan64(r.u64[0]) && r.u64[1] == F64_CNAN);
    r = wd_op_F64X2_NEAREST(vi64(UINT64_C(0x7FF0000000000001), F64_CNAN));
    assert_true(is_arith_nan64(r.u64[0]) && r.u64[1] == F64_CNAN);
}

/* ------------------------------------------------------------ conversions */

static void test_conversions(void **state)
{
    (void)state;
    EQV(wd_op_I32X4_TRUNC_SAT_F32X4_S(vi32(F32_CNAN, b32(3e9f), b32(-3e9f), b32(-1.9f))),
        vi32(0, 0x7FFFFFFFu, 0x80000000u, (uint32_t)-1));
    EQV(wd_op_I32X4_TRUNC_SAT_F32X4_S(vf32(-0x1p31f, 0x1.fffffep30f, INFINITY, -INFINITY)),
        vi32(0x80000000u, 0x7FFFFF80u, 0x7FFFFFFFu, 0x80000000u));
    EQV(wd_op_I32X4_TRUNC_SAT_F32X4_U(vi32(0xFFC00000u, b32(-0.9f), b32(-1.0f), b32(4.3e9f))),
        vi32(0, 0, 0, 0xFFFFFFFFu));
    EQV(wd_op_I32X4_TRUNC_SAT_F32X4_U(vf32(0x1.fffffep31f, 1.9f, INFINITY, -INFINITY)),
        vi32(0xFFFFFF00u, 1, 0xFFFFFFFFu, 0));
    EQV(wd_op_I32X4_TRUNC_SAT_F64X2_S_ZERO(vf64(-2147483648.9, 2147483647.9)), vi32(0x80000000u, 0x7FFFFFFFu, 0, 0));
    EQV(wd_op_I32X4_TRUNC_SAT_F64X2_S_ZERO(vi64(F64_CNAN, b64(-2147483649.0))), vi32(0, 0x80000000u, 0, 0));
    EQV(wd_op_I32X4_TRUNC_SAT_F64X2_U_ZERO(vf64(4294967295.9, -0.99)), vi32(0xFFFFFFFFu, 0, 0, 0));
    EQV(wd_op_I32X4_TRUNC_SAT_F64X2_U_ZERO(vi64(UINT64_C(0xFFF0000000000001), b64(1e20))), vi32(0, 0xFFFFFFFFu, 0, 0));

    EQV(wd_op_F32X4_CONVERT_I32X4_S(vi32(0x80000000u, 0xFFFFFFFFu, 16777217u, 0x7FFFFFFFu)),
        vf32(-0x1p31f, -1.0f, 16777216.0f, 0x1p31f));
    EQV(wd_op_F32X4_CONVERT_I32X4_U(vi32(0x80000000u, 0xFFFFFFFFu, 16777219u, 0)),
        vf32(0x1p31f, 0x1p32f, 16777220.0f, 0.0f));
    EQV(wd_op_F64X2_CONVERT_LOW_I32X4_S(vi32(0x80000000u, 0xFFFFFFFFu, 7, 7)), vf64(-2147483648.0, -1.0));
    EQV(wd_op_F64X2_CONVERT_LOW_I32X4_U(vi32(0x80000000u, 0xFFFFFFFFu, 7, 7)), vf64(2147483648.0, 4294967295.0));

    EQV(wd_op_F32X4_DEMOTE_F64X2_ZERO(vf64(1e300, 0x1.000001p0)), vi32(b32(INFINITY), b32(1.0f), 0, 0));
    EQV(wd_op_F32X4_DEMOTE_F64X2_ZERO(vf64(-0.0, 0x1p-150)), vi32(b32(-0.0f), 0, 0, 0));
    wd_v128 r = wd_op_F32X4_DEMOTE_F64X2_ZERO(vi64(F64_CNAN, UINT64_C(0x7FF0000000000001)));
    assert_int_equal(r.u32[0], F32_CNAN);
    assert_true(is_arith_nan32(r.u32[1]));
    assert_int_equal(r.u32[2], 0);
    assert_int_equal(r.u32[3], 0);
    EQV(wd_op_F64X2_PROMOTE_LOW_F32X4(vf32(0x1p-149f, -1.5f, 7.0f, 8.0f)), vf64(0x1p-149, -1.5));
    r = wd_op_F64X2_PROMOTE_LOW_F32X4(vi32(0xFFC00000u, 0x7F800001u, 0, 0));
    assert_int_equal(r.u64[0], UINT64_C(0xFFF8000000000000));
    assert_true(is_arith_nan64(r.u64[1]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_loads),
        cmocka_unit_test(test_stores),
        cmocka_unit_test(test_splat_lanes),
        cmocka_unit_test(test_shuffle_swizzle),
        cmocka_unit_test(test_int_compare),
        cmocka_unit_test(test_float_compare),
        cmocka_unit_test(test_bitwise),
        cmocka_unit_test(test_all_true_bitmask),
        cmocka_unit_test(test_int_unary),
        cmocka_unit_test(test_int_add_sub),
        cmocka_unit_test(test_int_mul_dot),
        cmocka_unit_test(test_int_min_max_avgr),
        cmocka_unit_test(test_shifts),
        cmocka_unit_test(test_narrow_extend),
        cmocka_unit_test(test_extmul_extadd),
        cmocka_unit_test(test_float_arith),
        cmocka_unit_test(test_float_sign),
        cmocka_unit_test(test_float_min_max),
        cmocka_unit_test(test_float_rounding),
        cmocka_unit_test(test_conversions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
