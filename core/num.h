/* num.h: the scalar WebAssembly numeric semantics, one static inline function
 * per opcode of core/opcodes.def whose KIND is K_PURE, K_TRAP, K_LOAD or
 * K_STORE and whose SIG has no v128 ('v'): MVP integer and float arithmetic,
 * comparisons, conversions, sign extension, saturating truncation, and the
 * scalar loads and stores.
 *
 * Contract (shared with simd.h), C types by SIG letter:
 *   i -> uint32_t, I -> uint64_t, f -> uint32_t (raw f32 bits),
 *   F -> uint64_t (raw f64 bits). Floats travel as raw bits so that NaN
 *   payloads survive moves, abs, neg and copysign.
 *   K_PURE  ab_c : C    wd_op_ID(A a, B b)
 *   K_TRAP  ab_c : int  wd_op_ID(A a, B b, C *out)  -> 0 or a wd_trap code
 *                  (*out is written only when 0 is returned)
 *   K_LOAD  i_c  : C    wd_op_ID(const uint8_t *p)   p: effective address,
 *                  already bounds-checked, possibly unaligned
 *   K_STORE iX_  : void wd_op_ID(uint8_t *p, X value)   (stores the low bytes)
 *
 * NaN results: arithmetic ops (add ... sqrt, min/max, rounding, promote,
 * demote) return a canonical NaN when every NaN input is canonical (or there
 * is none) and otherwise an arithmetic (quiet) NaN, as the spec requires.
 * The host is little-endian with IEEE-754 binary32/binary64 (x86-64), and the
 * default rounding mode (round to nearest, ties to even) is never changed.
 */
#ifndef WD_NUM_H
#define WD_NUM_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "wd.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "num.h assumes a little-endian host"
#endif

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------ bit helpers */

#define WD__NUM_F32_SIGN  UINT32_C(0x80000000)
#define WD__NUM_F32_QUIET UINT32_C(0x00400000)
#define WD__NUM_F32_EXP   UINT32_C(0x7F800000)
#define WD__NUM_F64_SIGN  UINT64_C(0x8000000000000000)
#define WD__NUM_F64_QUIET UINT64_C(0x0008000000000000)
#define WD__NUM_F64_EXP   UINT64_C(0x7FF0000000000000)

static inline float wd__num_f32(uint32_t bits) { float f; memcpy(&f, &bits, 4); return f; }
static inline double wd__num_f64(uint64_t bits) { double d; memcpy(&d, &bits, 8); return d; }
static inline uint32_t wd__num_b32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static inline uint64_t wd__num_b64(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

/* NaN tests on raw bits (exponent all ones, mantissa non-zero). */
static inline int wd__num_isnan32(uint32_t a) { return (a & ~WD__NUM_F32_SIGN) > WD__NUM_F32_EXP; }
static inline int wd__num_isnan64(uint64_t a) { return (a & ~WD__NUM_F64_SIGN) > WD__NUM_F64_EXP; }

/* ------------------------------------------------------------ loads */

static inline uint32_t wd__num_ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t wd__num_ld64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint16_t wd__num_ld16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static inline uint32_t wd_op_I32_LOAD(const uint8_t *p) { return wd__num_ld32(p); }
static inline uint64_t wd_op_I64_LOAD(const uint8_t *p) { return wd__num_ld64(p); }
static inline uint32_t wd_op_F32_LOAD(const uint8_t *p) { return wd__num_ld32(p); }
static inline uint64_t wd_op_F64_LOAD(const uint8_t *p) { return wd__num_ld64(p); }
static inline uint32_t wd_op_I32_LOAD8_S(const uint8_t *p) { return (uint32_t)(int32_t)(int8_t)p[0]; }
static inline uint32_t wd_op_I32_LOAD8_U(const uint8_t *p) { return p[0]; }
static inline uint32_t wd_op_I32_LOAD16_S(const uint8_t *p) { return (uint32_t)(int32_t)(int16_t)wd__num_ld16(p); }
static inline uint32_t wd_op_I32_LOAD16_U(const uint8_t *p) { return wd__num_ld16(p); }
static inline uint64_t wd_op_I64_LOAD8_S(const uint8_t *p) { return (uint64_t)(int64_t)(int8_t)p[0]; }
static inline uint64_t wd_op_I64_LOAD8_U(const uint8_t *p) { return p[0]; }
static inline uint64_t wd_op_I64_LOAD16_S(const uint8_t *p) { return (uint64_t)(int64_t)(int16_t)wd__num_ld16(p); }
static inline uint64_t wd_op_I64_LOAD16_U(const uint8_t *p) { return wd__num_ld16(p); }
static inline uint64_t wd_op_I64_LOAD32_S(const uint8_t *p) { return (uint64_t)(int64_t)(int32_t)wd__num_ld32(p); }
static inline uint64_t wd_op_I64_LOAD32_U(const uint8_t *p) { return wd__num_ld32(p); }

/* ------------------------------------------------------------ stores */

static inline void wd_op_I32_STORE(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wd_op_I64_STORE(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline void wd_op_F32_STORE(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wd_op_F64_STORE(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline void wd_op_I32_STORE8(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; }
static inline void wd_op_I32_STORE16(uint8_t *p, uint32_t v) { uint16_t h = (uint16_t)v; memcpy(p, &h, 2); }
static inline void wd_op_I64_STORE8(uint8_t *p, uint64_t v) { p[0] = (uint8_t)v; }
static inline void wd_op_I64_STORE16(uint8_t *p, uint64_t v) { uint16_t h = (uint16_t)v; memcpy(p, &h, 2); }
static inline void wd_op_I64_STORE32(uint8_t *p, uint64_t v) { uint32_t w = (uint32_t)v; memcpy(p, &w, 4); }

/* ------------------------------------------------------------ i32 */

static inline uint32_t wd_op_I32_EQZ(uint32_t a) { return a == 0; }
static inline uint32_t wd_op_I32_EQ(uint32_t a, uint32_t b) { return a == b; }
static inline uint32_t wd_op_I32_NE(uint32_t a, uint32_t b) { return a != b; }
static inline uint32_t wd_op_I32_LT_S(uint32_t a, uint32_t b) { return (int32_t)a < (int32_t)b; }
static inline uint32_t wd_op_I32_LT_U(uint32_t a, uint32_t b) { return a < b; }
static inline uint32_t wd_op_I32_GT_S(uint32_t a, uint32_t b) { return (int32_t)a > (int32_t)b; }
static inline uint32_t wd_op_I32_GT_U(uint32_t a, uint32_t b) { return a > b; }
static inline uint32_t wd_op_I32_LE_S(uint32_t a, uint32_t b) { return (int32_t)a <= (int32_t)b; }
static inline uint32_t wd_op_I32_LE_U(uint32_t a, uint32_t b) { return a <= b; }
static inline uint32_t wd_op_I32_GE_S(uint32_t a, uint32_t b) { return (int32_t)a >= (int32_t)b; }
static inline uint32_t wd_op_I32_GE_U(uint32_t a, uint32_t b) { return a >= b; }

static inline uint32_t wd_op_I32_CLZ(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32u; }
static inline uint32_t wd_op_I32_CTZ(uint32_t a) { return a ? (uint32_t)__builtin_ctz(a) : 32u; }
static inline uint32_t wd_op_I32_POPCNT(uint32_t a) { return (uint32_t)__builtin_popcount(a); }

static inline uint32_t wd_op_I32_ADD(uint32_t a, uint32_t b) { return a + b; }
static inline uint32_t wd_op_I32_SUB(uint32_t a, uint32_t b) { return a - b; }
static inline uint32_t wd_op_I32_MUL(uint32_t a, uint32_t b) { return a * b; }

static inline int wd_op_I32_DIV_S(uint32_t a, uint32_t b, uint32_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    if (a == UINT32_C(0x80000000) && b == UINT32_C(0xFFFFFFFF)) return WD_TRAP_INT_OVERFLOW;
    *out = (uint32_t)((int32_t)a / (int32_t)b);
    return 0;
}
static inline int wd_op_I32_DIV_U(uint32_t a, uint32_t b, uint32_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    *out = a / b;
    return 0;
}
static inline int wd_op_I32_REM_S(uint32_t a, uint32_t b, uint32_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    /* x rem -1 is 0 for every x; C's INT_MIN % -1 is undefined. */
    *out = b == UINT32_C(0xFFFFFFFF) ? 0u : (uint32_t)((int32_t)a % (int32_t)b);
    return 0;
}
static inline int wd_op_I32_REM_U(uint32_t a, uint32_t b, uint32_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    *out = a % b;
    return 0;
}

static inline uint32_t wd_op_I32_AND(uint32_t a, uint32_t b) { return a & b; }
static inline uint32_t wd_op_I32_OR(uint32_t a, uint32_t b) { return a | b; }
static inline uint32_t wd_op_I32_XOR(uint32_t a, uint32_t b) { return a ^ b; }
static inline uint32_t wd_op_I32_SHL(uint32_t a, uint32_t b) { return a << (b & 31); }
static inline uint32_t wd_op_I32_SHR_S(uint32_t a, uint32_t b) { return (uint32_t)((int32_t)a >> (b & 31)); }
static inline uint32_t wd_op_I32_SHR_U(uint32_t a, uint32_t b) { return a >> (b & 31); }
static inline uint32_t wd_op_I32_ROTL(uint32_t a, uint32_t b)
{
    uint32_t n = b & 31;
    return (a << n) | (a >> ((32 - n) & 31));
}
static inline uint32_t wd_op_I32_ROTR(uint32_t a, uint32_t b)
{
    uint32_t n = b & 31;
    return (a >> n) | (a << ((32 - n) & 31));
}

/* ------------------------------------------------------------ i64 */

static inline uint32_t wd_op_I64_EQZ(uint64_t a) { return a == 0; }
static inline uint32_t wd_op_I64_EQ(uint64_t a, uint64_t b) { return a == b; }
static inline uint32_t wd_op_I64_NE(uint64_t a, uint64_t b) { return a != b; }
static inline uint32_t wd_op_I64_LT_S(uint64_t a, uint64_t b) { return (int64_t)a < (int64_t)b; }
static inline uint32_t wd_op_I64_LT_U(uint64_t a, uint64_t b) { return a < b; }
static inline uint32_t wd_op_I64_GT_S(uint64_t a, uint64_t b) { return (int64_t)a > (int64_t)b; }
static inline uint32_t wd_op_I64_GT_U(uint64_t a, uint64_t b) { return a > b; }
static inline uint32_t wd_op_I64_LE_S(uint64_t a, uint64_t b) { return (int64_t)a <= (int64_t)b; }
static inline uint32_t wd_op_I64_LE_U(uint64_t a, uint64_t b) { return a <= b; }
static inline uint32_t wd_op_I64_GE_S(uint64_t a, uint64_t b) { return (int64_t)a >= (int64_t)b; }
static inline uint32_t wd_op_I64_GE_U(uint64_t a, uint64_t b) { return a >= b; }

static inline uint64_t wd_op_I64_CLZ(uint64_t a) { return a ? (uint64_t)__builtin_clzll(a) : 64u; }
static inline uint64_t wd_op_I64_CTZ(uint64_t a) { return a ? (uint64_t)__builtin_ctzll(a) : 64u; }
static inline uint64_t wd_op_I64_POPCNT(uint64_t a) { return (uint64_t)__builtin_popcountll(a); }

static inline uint64_t wd_op_I64_ADD(uint64_t a, uint64_t b) { return a + b; }
static inline uint64_t wd_op_I64_SUB(uint64_t a, uint64_t b) { return a - b; }
static inline uint64_t wd_op_I64_MUL(uint64_t a, uint64_t b) { return a * b; }

static inline int wd_op_I64_DIV_S(uint64_t a, uint64_t b, uint64_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    if (a == UINT64_C(0x8000000000000000) && b == UINT64_MAX) return WD_TRAP_INT_OVERFLOW;
    *out = (uint64_t)((int64_t)a / (int64_t)b);
    return 0;
}
static inline int wd_op_I64_DIV_U(uint64_t a, uint64_t b, uint64_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    *out = a / b;
    return 0;
}
static inline int wd_op_I64_REM_S(uint64_t a, uint64_t b, uint64_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    *out = b == UINT64_MAX ? 0u : (uint64_t)((int64_t)a % (int64_t)b);
    return 0;
}
static inline int wd_op_I64_REM_U(uint64_t a, uint64_t b, uint64_t *out)
{
    if (b == 0) return WD_TRAP_INT_DIV_ZERO;
    *out = a % b;
    return 0;
}

static inline uint64_t wd_op_I64_AND(uint64_t a, uint64_t b) { return a & b; }
static inline uint64_t wd_op_I64_OR(uint64_t a, uint64_t b) { return a | b; }
static inline uint64_t wd_op_I64_XOR(uint64_t a, uint64_t b) { return a ^ b; }
static inline uint64_t wd_op_I64_SHL(uint64_t a, uint64_t b) { return a << (b & 63); }
static inline uint64_t wd_op_I64_SHR_S(uint64_t a, uint64_t b) { return (uint64_t)((int64_t)a >> (b & 63)); }
static inline uint64_t wd_op_I64_SHR_U(uint64_t a, uint64_t b) { return a >> (b & 63); }
static inline uint64_t wd_op_I64_ROTL(uint64_t a, uint64_t b)
{
    uint64_t n = b & 63;
    return (a << n) | (a >> ((64 - n) & 63));
}
static inline uint64_t wd_op_I64_ROTR(uint64_t a, uint64_t b)
{
    uint64_t n = b & 63;
    return (a >> n) | (a << ((64 - n) & 63));
}

/* ------------------------------------------------------------ float comparisons */
/* C's ordered comparisons are false on NaN, != is true: exactly the spec. */

static inline uint32_t wd_op_F32_EQ(uint32_t a, uint32_t b) { return wd__num_f32(a) == wd__num_f32(b); }
static inline uint32_t wd_op_F32_NE(uint32_t a, uint32_t b) { return wd__num_f32(a) != wd__num_f32(b); }
static inline uint32_t wd_op_F32_LT(uint32_t a, uint32_t b) { return wd__num_f32(a) < wd__num_f32(b); }
static inline uint32_t wd_op_F32_GT(uint32_t a, uint32_t b) { return wd__num_f32(a) > wd__num_f32(b); }
static inline uint32_t wd_op_F32_LE(uint32_t a, uint32_t b) { return wd__num_f32(a) <= wd__num_f32(b); }
static inline uint32_t wd_op_F32_GE(uint32_t a, uint32_t b) { return wd__num_f32(a) >= wd__num_f32(b); }
static inline uint32_t wd_op_F64_EQ(uint64_t a, uint64_t b) { return wd__num_f64(a) == wd__num_f64(b); }
static inline uint32_t wd_op_F64_NE(uint64_t a, uint64_t b) { return wd__num_f64(a) != wd__num_f64(b); }
static inline uint32_t wd_op_F64_LT(uint64_t a, uint64_t b) { return wd__num_f64(a) < wd__num_f64(b); }
static inline uint32_t wd_op_F64_GT(uint64_t a, uint64_t b) { return wd__num_f64(a) > wd__num_f64(b); }
static inline uint32_t wd_op_F64_LE(uint64_t a, uint64_t b) { return wd__num_f64(a) <= wd__num_f64(b); }
static inline uint32_t wd_op_F64_GE(uint64_t a, uint64_t b) { return wd__num_f64(a) >= wd__num_f64(b); }

/* ------------------------------------------------------------ f32 arithmetic */

/* Sign-bit operations: never touch or canonicalise a NaN. */
static inline uint32_t wd_op_F32_ABS(uint32_t a) { return a & ~WD__NUM_F32_SIGN; }
static inline uint32_t wd_op_F32_NEG(uint32_t a) { return a ^ WD__NUM_F32_SIGN; }
static inline uint32_t wd_op_F32_COPYSIGN(uint32_t a, uint32_t b)
{
    return (a & ~WD__NUM_F32_SIGN) | (b & WD__NUM_F32_SIGN);
}

/* add/sub/mul/div/sqrt: IEEE hardware propagates an input NaN quieted with
 * its payload (arithmetic; canonical stays canonical) and produces the
 * default (canonical) NaN for invalid operations. */
static inline uint32_t wd_op_F32_ADD(uint32_t a, uint32_t b) { return wd__num_b32(wd__num_f32(a) + wd__num_f32(b)); }
static inline uint32_t wd_op_F32_SUB(uint32_t a, uint32_t b) { return wd__num_b32(wd__num_f32(a) - wd__num_f32(b)); }
static inline uint32_t wd_op_F32_MUL(uint32_t a, uint32_t b) { return wd__num_b32(wd__num_f32(a) * wd__num_f32(b)); }
static inline uint32_t wd_op_F32_DIV(uint32_t a, uint32_t b) { return wd__num_b32(wd__num_f32(a) / wd__num_f32(b)); }
static inline uint32_t wd_op_F32_SQRT(uint32_t a)
{
#if defined(__SSE2__)
    /* sqrtss directly: no errno path for negative inputs. */
    return wd__num_b32(_mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(wd__num_f32(a)))));
#else
    return wd__num_b32(sqrtf(wd__num_f32(a)));
#endif
}

/* min/max: a NaN input gives that NaN quieted; -0 < +0. */
static inline uint32_t wd_op_F32_MIN(uint32_t a, uint32_t b)
{
    if (wd__num_isnan32(a)) return a | WD__NUM_F32_QUIET;
    if (wd__num_isnan32(b)) return b | WD__NUM_F32_QUIET;
    float x = wd__num_f32(a), y = wd__num_f32(b);
    if (x == y) return a | b; /* equal: identical bits, or -0/+0 -> -0 */
    return x < y ? a : b;
}
static inline uint32_t wd_op_F32_MAX(uint32_t a, uint32_t b)
{
    if (wd__num_isnan32(a)) return a | WD__NUM_F32_QUIET;
    if (wd__num_isnan32(b)) return b | WD__NUM_F32_QUIET;
    float x = wd__num_f32(a), y = wd__num_f32(b);
    if (x == y) return a & b; /* equal: identical bits, or -0/+0 -> +0 */
    return x > y ? a : b;
}

/* Rounding to integral values, inline and exact, without libm:
 *  - NaN: quieted, payload and sign kept;
 *  - |x| >= 2^23 (f64: 2^52) and infinities are already integral;
 *  - otherwise trunc/floor/ceil go through an int32 (int64) conversion, which
 *    is exact in that range, and nearest adds and subtracts 2^23 (2^52) to the
 *    magnitude, which rounds ties to even under the default rounding mode;
 *  - the input's sign is ORed back in: the result always has the sign of the
 *    input, which gives ceil(-0.5) = nearest(-0.5) = trunc(-0.9) = -0.
 * `mode` is a constant after inlining: 0 trunc, 1 floor, 2 ceil, 3 nearest. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
#error "num.h needs FLT_EVAL_METHOD == 0 (SSE arithmetic, no excess precision)"
#endif
static inline uint32_t wd__num_round32(uint32_t a, int mode)
{
    uint32_t mag = a & ~WD__NUM_F32_SIGN;
    if (mag > WD__NUM_F32_EXP) return a | WD__NUM_F32_QUIET;
    if (mag >= UINT32_C(0x4B000000)) return a;          /* |x| >= 2^23 */
    float x = wd__num_f32(a), t;
    if (mode == 3) {
        t = (wd__num_f32(mag) + 0x1p23f) - 0x1p23f;
    } else {
        t = (float)(int32_t)x;
        if (mode == 1 && t > x) t -= 1.0f;
        if (mode == 2 && t < x) t += 1.0f;
    }
    return wd__num_b32(t) | (a & WD__NUM_F32_SIGN);
}
static inline uint32_t wd_op_F32_TRUNC(uint32_t a) { return wd__num_round32(a, 0); }
static inline uint32_t wd_op_F32_FLOOR(uint32_t a) { return wd__num_round32(a, 1); }
static inline uint32_t wd_op_F32_CEIL(uint32_t a) { return wd__num_round32(a, 2); }
static inline uint32_t wd_op_F32_NEAREST(uint32_t a) { return wd__num_round32(a, 3); }

/* ------------------------------------------------------------ f64 arithmetic */

static inline uint64_t wd_op_F64_ABS(uint64_t a) { return a & ~WD__NUM_F64_SIGN; }
static inline uint64_t wd_op_F64_NEG(uint64_t a) { return a ^ WD__NUM_F64_SIGN; }
static inline uint64_t wd_op_F64_COPYSIGN(uint64_t a, uint64_t b)
{
    return (a & ~WD__NUM_F64_SIGN) | (b & WD__NUM_F64_SIGN);
}

static inline uint64_t wd_op_F64_ADD(uint64_t a, uint64_t b) { return wd__num_b64(wd__num_f64(a) + wd__num_f64(b)); }
static inline uint64_t wd_op_F64_SUB(uint64_t a, uint64_t b) { return wd__num_b64(wd__num_f64(a) - wd__num_f64(b)); }
static inline uint64_t wd_op_F64_MUL(uint64_t a, uint64_t b) { return wd__num_b64(wd__num_f64(a) * wd__num_f64(b)); }
static inline uint64_t wd_op_F64_DIV(uint64_t a, uint64_t b) { return wd__num_b64(wd__num_f64(a) / wd__num_f64(b)); }
static inline uint64_t wd_op_F64_SQRT(uint64_t a)
{
#if defined(__SSE2__)
    __m128d v = _mm_set_sd(wd__num_f64(a));
    return wd__num_b64(_mm_cvtsd_f64(_mm_sqrt_sd(v, v)));
#else
    return wd__num_b64(sqrt(wd__num_f64(a)));
#endif
}

static inline uint64_t wd_op_F64_MIN(uint64_t a, uint64_t b)
{
    if (wd__num_isnan64(a)) return a | WD__NUM_F64_QUIET;
    if (wd__num_isnan64(b)) return b | WD__NUM_F64_QUIET;
    double x = wd__num_f64(a), y = wd__num_f64(b);
    if (x == y) return a | b;
    return x < y ? a : b;
}
static inline uint64_t wd_op_F64_MAX(uint64_t a, uint64_t b)
{
    if (wd__num_isnan64(a)) return a | WD__NUM_F64_QUIET;
    if (wd__num_isnan64(b)) return b | WD__NUM_F64_QUIET;
    double x = wd__num_f64(a), y = wd__num_f64(b);
    if (x == y) return a & b;
    return x > y ? a : b;
}

static inline uint64_t wd__num_round64(uint64_t a, int mode)
{
    uint64_t mag = a & ~WD__NUM_F64_SIGN;
    if (mag > WD__NUM_F64_EXP) return a | WD__NUM_F64_QUIET;
    if (mag >= UINT64_C(0x4330000000000000)) return a;  /* |x| >= 2^52 */
    double x = wd__num_f64(a), t;
    if (mode == 3) {
        t = (wd__num_f64(mag) + 0x1p52) - 0x1p52;
    } else {
        t = (double)(int64_t)x;
        if (mode == 1 && t > x) t -= 1.0;
        if (mode == 2 && t < x) t += 1.0;
    }
    return wd__num_b64(t) | (a & WD__NUM_F64_SIGN);
}
static inline uint64_t wd_op_F64_TRUNC(uint64_t a) { return wd__num_round64(a, 0); }
static inline uint64_t wd_op_F64_FLOOR(uint64_t a) { return wd__num_round64(a, 1); }
static inline uint64_t wd_op_F64_CEIL(uint64_t a) { return wd__num_round64(a, 2); }
static inline uint64_t wd_op_F64_NEAREST(uint64_t a) { return wd__num_round64(a, 3); }

/* ------------------------------------------------------------ integer conversions */

static inline uint32_t wd_op_I32_WRAP_I64(uint64_t a) { return (uint32_t)a; }
static inline uint64_t wd_op_I64_EXTEND_I32_S(uint32_t a) { return (uint64_t)(int64_t)(int32_t)a; }
static inline uint64_t wd_op_I64_EXTEND_I32_U(uint32_t a) { return a; }
static inline uint32_t wd_op_I32_EXTEND8_S(uint32_t a) { return (uint32_t)(int32_t)(int8_t)(uint8_t)a; }
static inline uint32_t wd_op_I32_EXTEND16_S(uint32_t a) { return (uint32_t)(int32_t)(int16_t)(uint16_t)a; }
static inline uint64_t wd_op_I64_EXTEND8_S(uint64_t a) { return (uint64_t)(int64_t)(int8_t)(uint8_t)a; }
static inline uint64_t wd_op_I64_EXTEND16_S(uint64_t a) { return (uint64_t)(int64_t)(int16_t)(uint16_t)a; }
static inline uint64_t wd_op_I64_EXTEND32_S(uint64_t a) { return (uint64_t)(int64_t)(int32_t)(uint32_t)a; }

/* ------------------------------------------------------------ float -> int (trapping) */
/* In range means: truncation toward zero gives a representable value. The
 * bounds are exact in the source type: powers of two, and -2^31-1 for f64
 * (f64 holds it exactly; f32 cannot, so f32 uses >= -2^31). Unsigned ranges
 * are (-1, 2^N): those truncate to [0, 2^N-1], which C converts without UB.
 * A NaN fails every comparison, so it is sorted out on the slow path. */

/* Signed results go through the signed type, so every conversion is defined. */
static inline int wd_op_I32_TRUNC_F32_S(uint32_t a, uint32_t *out)
{
    float x = wd__num_f32(a);
    if (!(x >= -0x1p31f && x < 0x1p31f))
        return wd__num_isnan32(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint32_t)(int32_t)x;
    return 0;
}
static inline int wd_op_I32_TRUNC_F32_U(uint32_t a, uint32_t *out)
{
    float x = wd__num_f32(a);
    if (!(x > -1.0f && x < 0x1p32f))
        return wd__num_isnan32(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint32_t)x;
    return 0;
}
static inline int wd_op_I32_TRUNC_F64_S(uint64_t a, uint32_t *out)
{
    double x = wd__num_f64(a);
    if (!(x > -2147483649.0 && x < 0x1p31))
        return wd__num_isnan64(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint32_t)(int32_t)x;
    return 0;
}
static inline int wd_op_I32_TRUNC_F64_U(uint64_t a, uint32_t *out)
{
    double x = wd__num_f64(a);
    if (!(x > -1.0 && x < 0x1p32))
        return wd__num_isnan64(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint32_t)x;
    return 0;
}
static inline int wd_op_I64_TRUNC_F32_S(uint32_t a, uint64_t *out)
{
    float x = wd__num_f32(a);
    if (!(x >= -0x1p63f && x < 0x1p63f))
        return wd__num_isnan32(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint64_t)(int64_t)x;
    return 0;
}
static inline int wd_op_I64_TRUNC_F32_U(uint32_t a, uint64_t *out)
{
    float x = wd__num_f32(a);
    if (!(x > -1.0f && x < 0x1p64f))
        return wd__num_isnan32(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint64_t)x;
    return 0;
}
static inline int wd_op_I64_TRUNC_F64_S(uint64_t a, uint64_t *out)
{
    double x = wd__num_f64(a);
    if (!(x >= -0x1p63 && x < 0x1p63))
        return wd__num_isnan64(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint64_t)(int64_t)x;
    return 0;
}
static inline int wd_op_I64_TRUNC_F64_U(uint64_t a, uint64_t *out)
{
    double x = wd__num_f64(a);
    if (!(x > -1.0 && x < 0x1p64))
        return wd__num_isnan64(a) ? WD_TRAP_INVALID_CONVERSION : WD_TRAP_INT_OVERFLOW;
    *out = (uint64_t)x;
    return 0;
}

/* ------------------------------------------------------------ float -> int (saturating) */

static inline uint32_t wd_op_I32_TRUNC_SAT_F32_S(uint32_t a)
{
    float x = wd__num_f32(a);
    if (x >= -0x1p31f && x < 0x1p31f) return (uint32_t)(int32_t)x;
    if (wd__num_isnan32(a)) return 0;
    return x < 0 ? UINT32_C(0x80000000) : UINT32_C(0x7FFFFFFF);
}
static inline uint32_t wd_op_I32_TRUNC_SAT_F32_U(uint32_t a)
{
    float x = wd__num_f32(a);
    if (x > -1.0f && x < 0x1p32f) return (uint32_t)x;
    if (wd__num_isnan32(a)) return 0;
    return x < 0 ? 0u : UINT32_MAX;
}
static inline uint32_t wd_op_I32_TRUNC_SAT_F64_S(uint64_t a)
{
    double x = wd__num_f64(a);
    if (x > -2147483649.0 && x < 0x1p31) return (uint32_t)(int32_t)x;
    if (wd__num_isnan64(a)) return 0;
    return x < 0 ? UINT32_C(0x80000000) : UINT32_C(0x7FFFFFFF);
}
static inline uint32_t wd_op_I32_TRUNC_SAT_F64_U(uint64_t a)
{
    double x = wd__num_f64(a);
    if (x > -1.0 && x < 0x1p32) return (uint32_t)x;
    if (wd__num_isnan64(a)) return 0;
    return x < 0 ? 0u : UINT32_MAX;
}
static inline uint64_t wd_op_I64_TRUNC_SAT_F32_S(uint32_t a)
{
    float x = wd__num_f32(a);
    if (x >= -0x1p63f && x < 0x1p63f) return (uint64_t)(int64_t)x;
    if (wd__num_isnan32(a)) return 0;
    return x < 0 ? UINT64_C(0x8000000000000000) : UINT64_C(0x7FFFFFFFFFFFFFFF);
}
static inline uint64_t wd_op_I64_TRUNC_SAT_F32_U(uint32_t a)
{
    float x = wd__num_f32(a);
    if (x > -1.0f && x < 0x1p64f) return (uint64_t)x;
    if (wd__num_isnan32(a)) return 0;
    return x < 0 ? 0u : UINT64_MAX;
}
static inline uint64_t wd_op_I64_TRUNC_SAT_F64_S(uint64_t a)
{
    double x = wd__num_f64(a);
    if (x >= -0x1p63 && x < 0x1p63) return (uint64_t)(int64_t)x;
    if (wd__num_isnan64(a)) return 0;
    return x < 0 ? UINT64_C(0x8000000000000000) : UINT64_C(0x7FFFFFFFFFFFFFFF);
}
static inline uint64_t wd_op_I64_TRUNC_SAT_F64_U(uint64_t a)
{
    double x = wd__num_f64(a);
    if (x > -1.0 && x < 0x1p64) return (uint64_t)x;
    if (wd__num_isnan64(a)) return 0;
    return x < 0 ? 0u : UINT64_MAX;
}

/* ------------------------------------------------------------ int -> float */
/* Each C conversion rounds once, to nearest even (cvtsi2ss/sd; the unsigned
 * 64-bit forms use the halve-with-sticky-bit sequence, which is exact). */

static inline uint32_t wd_op_F32_CONVERT_I32_S(uint32_t a) { return wd__num_b32((float)(int32_t)a); }
static inline uint32_t wd_op_F32_CONVERT_I32_U(uint32_t a) { return wd__num_b32((float)a); }
static inline uint32_t wd_op_F32_CONVERT_I64_S(uint64_t a) { return wd__num_b32((float)(int64_t)a); }
static inline uint32_t wd_op_F32_CONVERT_I64_U(uint64_t a) { return wd__num_b32((float)a); }
static inline uint64_t wd_op_F64_CONVERT_I32_S(uint32_t a) { return wd__num_b64((double)(int32_t)a); }
static inline uint64_t wd_op_F64_CONVERT_I32_U(uint32_t a) { return wd__num_b64((double)a); }
static inline uint64_t wd_op_F64_CONVERT_I64_S(uint64_t a) { return wd__num_b64((double)(int64_t)a); }
static inline uint64_t wd_op_F64_CONVERT_I64_U(uint64_t a) { return wd__num_b64((double)a); }

/* ------------------------------------------------------------ float <-> float */

/* NaN: keep sign and the top payload bits, set the quiet bit (so a canonical
 * NaN maps to a canonical NaN and any other NaN to an arithmetic one). */
static inline uint32_t wd_op_F32_DEMOTE_F64(uint64_t a)
{
    if (wd__num_isnan64(a))
        return ((uint32_t)(a >> 32) & WD__NUM_F32_SIGN) | UINT32_C(0x7FC00000)
             | (uint32_t)((a & UINT64_C(0x000FFFFFFFFFFFFF)) >> 29);
    return wd__num_b32((float)wd__num_f64(a));
}
static inline uint64_t wd_op_F64_PROMOTE_F32(uint32_t a)
{
    if (wd__num_isnan32(a))
        return ((uint64_t)(a & WD__NUM_F32_SIGN) << 32) | UINT64_C(0x7FF8000000000000)
             | ((uint64_t)(a & UINT32_C(0x007FFFFF)) << 29);
    return wd__num_b64((double)wd__num_f32(a));
}

/* ------------------------------------------------------------ reinterpret (bit copies) */

static inline uint32_t wd_op_I32_REINTERPRET_F32(uint32_t a) { return a; }
static inline uint64_t wd_op_I64_REINTERPRET_F64(uint64_t a) { return a; }
static inline uint32_t wd_op_F32_REINTERPRET_I32(uint32_t a) { return a; }
static inline uint64_t wd_op_F64_REINTERPRET_I64(uint64_t a) { return a; }

#endif
