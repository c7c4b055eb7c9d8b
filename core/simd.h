/* simd.h: the WebAssembly 2.0 fixed-width SIMD semantics, one static inline
 * function per opcode of core/opcodes.def whose KIND is K_PURE, K_LOAD or
 * K_STORE and whose SIG contains a v128 ('v'): splat, lane access, shuffle,
 * swizzle, bitwise ops, integer and float lane arithmetic, comparisons,
 * conversions, and the SIMD loads and stores.
 *
 * Contract (shared with num.h), C types by SIG letter:
 *   i -> uint32_t, I -> uint64_t, f -> uint32_t (raw f32 bits),
 *   F -> uint64_t (raw f64 bits), v -> wd_v128.
 *   K_PURE  ab_c : C    wd_op_ID(A a, B b)
 *           IMM_LANE ops take an extra last `uint32_t lane`,
 *           IMM_SHUFFLE takes an extra last `const uint8_t lanes[16]`.
 *   K_LOAD  i_v  : wd_v128 wd_op_ID(const uint8_t *p)
 *           lane loads: wd_v128 wd_op_ID(const uint8_t *p, wd_v128 v, uint32_t lane)
 *   K_STORE iv_  : void wd_op_ID(uint8_t *p, wd_v128 v)
 *           lane stores: void wd_op_ID(uint8_t *p, wd_v128 v, uint32_t lane)
 *   p is the effective address, already bounds-checked, possibly unaligned.
 *   Lane indices are validated by the decoder; they are masked here anyway
 *   so that a bad index can never read outside the value.
 *
 * Integer lanes are computed on unsigned types (wrapping, no signed-overflow
 * UB); signed views are only used where the value is known to fit.
 * Float lanes: add/sub/mul/div/sqrt use IEEE hardware (input NaNs propagate
 * quieted, invalid operations give the canonical NaN); min/max/rounding/
 * promote/demote return the NaN input quieted with its payload, so a
 * canonical NaN stays canonical and any other NaN becomes arithmetic.
 * abs/neg are sign-bit operations; pmin/pmax select one input bit-exactly.
 * The host is little-endian (lane 0 at the lowest address) and the default
 * rounding mode (round to nearest, ties to even) is never changed.
 */
#ifndef WD_SIMD_H
#define WD_SIMD_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "num.h"
#include "v128.h"
#include "wd.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "simd.h assumes a little-endian host"
#endif

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------ helpers */

#define WD__SIMD_F32_SIGN  UINT32_C(0x80000000)
#define WD__SIMD_F32_QUIET UINT32_C(0x00400000)
#define WD__SIMD_F32_EXP   UINT32_C(0x7F800000)
#define WD__SIMD_F64_SIGN  UINT64_C(0x8000000000000000)
#define WD__SIMD_F64_QUIET UINT64_C(0x0008000000000000)
#define WD__SIMD_F64_EXP   UINT64_C(0x7FF0000000000000)

static inline float wd__simd_f32(uint32_t bits) { float f; memcpy(&f, &bits, 4); return f; }
static inline double wd__simd_f64(uint64_t bits) { double d; memcpy(&d, &bits, 8); return d; }
static inline uint32_t wd__simd_b32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static inline uint64_t wd__simd_b64(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static inline int wd__simd_isnan32(uint32_t a) { return (a & ~WD__SIMD_F32_SIGN) > WD__SIMD_F32_EXP; }
static inline int wd__simd_isnan64(uint64_t a) { return (a & ~WD__SIMD_F64_SIGN) > WD__SIMD_F64_EXP; }

/* Arithmetic shift right without relying on implementation-defined >> of
 * negative values (compilers turn these into a single sar). */
static inline uint8_t wd__simd_sar8(uint8_t x, unsigned n)
{
    unsigned m = (x & 0x80u) ? 0xFFu : 0u; /* flip, shift logically, flip back */
    return (uint8_t)(((x ^ m) >> n) ^ m);
}
static inline uint16_t wd__simd_sar16(uint16_t x, unsigned n)
{
    unsigned m = (x & 0x8000u) ? 0xFFFFu : 0u;
    return (uint16_t)(((x ^ m) >> n) ^ m);
}
static inline uint32_t wd__simd_sar32(uint32_t x, unsigned n)
{
    return (x & WD__SIMD_F32_SIGN) ? ~(~x >> n) : x >> n;
}
static inline uint64_t wd__simd_sar64(uint64_t x, unsigned n)
{
    return (x & WD__SIMD_F64_SIGN) ? ~(~x >> n) : x >> n;
}

/* Saturation of a wide signed value into a narrower lane type. */
static inline uint8_t wd__simd_sat_s8(int32_t x) { return (uint8_t)(int8_t)(x < -128 ? -128 : x > 127 ? 127 : x); }
static inline uint8_t wd__simd_sat_u8(int32_t x) { return (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x); }
static inline uint16_t wd__simd_sat_s16(int32_t x) { return (uint16_t)(int16_t)(x < -32768 ? -32768 : x > 32767 ? 32767 : x); }
static inline uint16_t wd__simd_sat_u16(int32_t x) { return (uint16_t)(x < 0 ? 0 : x > 65535 ? 65535 : x); }

/* Float lane helpers on raw bits. */
static inline uint32_t wd__simd_fmin32(uint32_t a, uint32_t b)
{
    if (wd__simd_isnan32(a)) return a | WD__SIMD_F32_QUIET;
    if (wd__simd_isnan32(b)) return b | WD__SIMD_F32_QUIET;
    float x = wd__simd_f32(a), y = wd__simd_f32(b);
    if (x == y) return a | b; /* identical bits, or -0/+0 -> -0 */
    return x < y ? a : b;
}
static inline uint32_t wd__simd_fmax32(uint32_t a, uint32_t b)
{
    if (wd__simd_isnan32(a)) return a | WD__SIMD_F32_QUIET;
    if (wd__simd_isnan32(b)) return b | WD__SIMD_F32_QUIET;
    float x = wd__simd_f32(a), y = wd__simd_f32(b);
    if (x == y) return a & b; /* identical bits, or -0/+0 -> +0 */
    return x > y ? a : b;
}
static inline uint64_t wd__simd_fmin64(uint64_t a, uint64_t b)
{
    if (wd__simd_isnan64(a)) return a | WD__SIMD_F64_QUIET;
    if (wd__simd_isnan64(b)) return b | WD__SIMD_F64_QUIET;
    double x = wd__simd_f64(a), y = wd__simd_f64(b);
    if (x == y) return a | b;
    return x < y ? a : b;
}
static inline uint64_t wd__simd_fmax64(uint64_t a, uint64_t b)
{
    if (wd__simd_isnan64(a)) return a | WD__SIMD_F64_QUIET;
    if (wd__simd_isnan64(b)) return b | WD__SIMD_F64_QUIET;
    double x = wd__simd_f64(a), y = wd__simd_f64(b);
    if (x == y) return a & b;
    return x > y ? a : b;
}

/* Rounding to integral: NaNs handled here (quieted, payload kept) so the
 * result never depends on how libm treats signalling NaNs. Nearest (ties to
 * even) is the scalar one of num.h: libm's nearbyint was the only libm
 * function wasmdbg called, and not loading libm is worth a little start-up. */
static inline uint32_t wd__simd_ceil32(uint32_t a) { return wd__simd_isnan32(a) ? a | WD__SIMD_F32_QUIET : wd__simd_b32(ceilf(wd__simd_f32(a))); }
static inline uint32_t wd__simd_floor32(uint32_t a) { return wd__simd_isnan32(a) ? a | WD__SIMD_F32_QUIET : wd__simd_b32(floorf(wd__simd_f32(a))); }
static inline uint32_t wd__simd_trunc32(uint32_t a) { return wd__simd_isnan32(a) ? a | WD__SIMD_F32_QUIET : wd__simd_b32(truncf(wd__simd_f32(a))); }
static inline uint32_t wd__simd_nearest32(uint32_t a) { return wd_op_F32_NEAREST(a); }
static inline uint64_t wd__simd_ceil64(uint64_t a) { return wd__simd_isnan64(a) ? a | WD__SIMD_F64_QUIET : wd__simd_b64(ceil(wd__simd_f64(a))); }
static inline uint64_t wd__simd_floor64(uint64_t a) { return wd__simd_isnan64(a) ? a | WD__SIMD_F64_QUIET : wd__simd_b64(floor(wd__simd_f64(a))); }
static inline uint64_t wd__simd_trunc64(uint64_t a) { return wd__simd_isnan64(a) ? a | WD__SIMD_F64_QUIET : wd__simd_b64(trunc(wd__simd_f64(a))); }
static inline uint64_t wd__simd_nearest64(uint64_t a) { return wd_op_F64_NEAREST(a); }

/* Saturating float -> i32 truncation (NaN -> 0). The bounds are exact in the
 * source type; in-range values truncate to a representable integer. */
static inline uint32_t wd__simd_tsat_f32_s(uint32_t a)
{
    float x = wd__simd_f32(a);
    if (x >= -0x1p31f && x < 0x1p31f) return (uint32_t)(int32_t)x;
    if (wd__simd_isnan32(a)) return 0;
    return x < 0 ? UINT32_C(0x80000000) : UINT32_C(0x7FFFFFFF);
}
static inline uint32_t wd__simd_tsat_f32_u(uint32_t a)
{
    float x = wd__simd_f32(a);
    if (x > -1.0f && x < 0x1p32f) return (uint32_t)x;
    if (wd__simd_isnan32(a)) return 0;
    return x < 0 ? 0u : UINT32_MAX;
}
static inline uint32_t wd__simd_tsat_f64_s(uint64_t a)
{
    double x = wd__simd_f64(a);
    if (x > -2147483649.0 && x < 0x1p31) return (uint32_t)(int32_t)x;
    if (wd__simd_isnan64(a)) return 0;
    return x < 0 ? UINT32_C(0x80000000) : UINT32_C(0x7FFFFFFF);
}
static inline uint32_t wd__simd_tsat_f64_u(uint64_t a)
{
    double x = wd__simd_f64(a);
    if (x > -1.0 && x < 0x1p32) return (uint32_t)x;
    if (wd__simd_isnan64(a)) return 0;
    return x < 0 ? 0u : UINT32_MAX;
}

/* f64 -> f32 and back; a NaN keeps its sign and top payload bits and gets the
 * quiet bit (canonical -> canonical, anything else -> arithmetic). */
static inline uint32_t wd__simd_demote(uint64_t a)
{
    if (wd__simd_isnan64(a))
        return ((uint32_t)(a >> 32) & WD__SIMD_F32_SIGN) | UINT32_C(0x7FC00000)
             | (uint32_t)((a & UINT64_C(0x000FFFFFFFFFFFFF)) >> 29);
    return wd__simd_b32((float)wd__simd_f64(a));
}
static inline uint64_t wd__simd_promote(uint32_t a)
{
    if (wd__simd_isnan32(a))
        return ((uint64_t)(a & WD__SIMD_F32_SIGN) << 32) | UINT64_C(0x7FF8000000000000)
             | ((uint64_t)(a & UINT32_C(0x007FFFFF)) << 29);
    return wd__simd_b64((double)wd__simd_f32(a));
}

/* ------------------------------------------------------------ generators */
/* Each generator takes the full opcode ID, so `grep I8X16_ADD` finds it.
 * In EXPR/COND: a, b are the operands, i the lane index. */

#define WD__SIMD_UN(ID, RF, N, EXPR)                                          \
    static inline wd_v128 wd_op_##ID(wd_v128 a)                               \
    {                                                                         \
        wd_v128 r;                                                            \
        for (int i = 0; i < (N); i++) r.RF[i] = (EXPR);                       \
        return r;                                                             \
    }

#define WD__SIMD_BIN(ID, RF, N, EXPR)                                         \
    static inline wd_v128 wd_op_##ID(wd_v128 a, wd_v128 b)                    \
    {                                                                         \
        wd_v128 r;                                                            \
        for (int i = 0; i < (N); i++) r.RF[i] = (EXPR);                       \
        return r;                                                             \
    }

/* Comparisons: all-ones lane when COND holds, else zero. RF is the unsigned
 * lane field of the lane width, ONES its all-ones value. */
#define WD__SIMD_CMP(ID, RF, N, ONES, COND)                                   \
    WD__SIMD_BIN(ID, RF, N, (COND) ? (ONES) : 0u)

/* Shifts: count taken modulo the lane width. */
#define WD__SIMD_SHIFT(ID, RF, N, BITS, EXPR)                                 \
    static inline wd_v128 wd_op_##ID(wd_v128 a, uint32_t count)               \
    {                                                                         \
        wd_v128 r;                                                            \
        unsigned s = (unsigned)(count & ((BITS) - 1u));                       \
        for (int i = 0; i < (N); i++) r.RF[i] = (EXPR);                       \
        return r;                                                             \
    }

#define WD__SIMD_ALL_TRUE(ID, F, N)                                           \
    static inline uint32_t wd_op_##ID(wd_v128 a)                              \
    {                                                                         \
        uint32_t all = 1;                                                     \
        for (int i = 0; i < (N); i++) all &= a.F[i] != 0;                     \
        return all;                                                           \
    }

#define WD__SIMD_BITMASK(ID, F, N, TOP)                                       \
    static inline uint32_t wd_op_##ID(wd_v128 a)                              \
    {                                                                         \
        uint32_t m = 0;                                                       \
        for (int i = 0; i < (N); i++) m |= (uint32_t)(a.F[i] >> (TOP)) << i;  \
        return m;                                                             \
    }

/* ------------------------------------------------------------ memory */

static inline wd_v128 wd_op_V128_LOAD(const uint8_t *p)
{
    wd_v128 r;
    memcpy(&r, p, 16);
    return r;
}
static inline wd_v128 wd_op_V128_LOAD8X8_S(const uint8_t *p)
{
    wd_v128 r;
    for (int i = 0; i < 8; i++) r.u16[i] = (uint16_t)(int16_t)(int8_t)p[i];
    return r;
}
static inline wd_v128 wd_op_V128_LOAD8X8_U(const uint8_t *p)
{
    wd_v128 r;
    for (int i = 0; i < 8; i++) r.u16[i] = p[i];
    return r;
}
static inline wd_v128 wd_op_V128_LOAD16X4_S(const uint8_t *p)
{
    wd_v128 r;
    uint16_t h[4];
    memcpy(h, p, 8);
    for (int i = 0; i < 4; i++) r.u32[i] = (uint32_t)(int32_t)(int16_t)h[i];
    return r;
}
static inline wd_v128 wd_op_V128_LOAD16X4_U(const uint8_t *p)
{
    wd_v128 r;
    uint16_t h[4];
    memcpy(h, p, 8);
    for (int i = 0; i < 4; i++) r.u32[i] = h[i];
    return r;
}
static inline wd_v128 wd_op_V128_LOAD32X2_S(const uint8_t *p)
{
    wd_v128 r;
    uint32_t w[2];
    memcpy(w, p, 8);
    for (int i = 0; i < 2; i++) r.u64[i] = (uint64_t)(int64_t)(int32_t)w[i];
    return r;
}
static inline wd_v128 wd_op_V128_LOAD32X2_U(const uint8_t *p)
{
    wd_v128 r;
    uint32_t w[2];
    memcpy(w, p, 8);
    for (int i = 0; i < 2; i++) r.u64[i] = w[i];
    return r;
}
static inline wd_v128 wd_op_V128_LOAD8_SPLAT(const uint8_t *p)
{
    wd_v128 r;
    memset(&r, p[0], 16);
    return r;
}
static inline wd_v128 wd_op_V128_LOAD16_SPLAT(const uint8_t *p)
{
    wd_v128 r;
    uint16_t h;
    memcpy(&h, p, 2);
    for (int i = 0; i < 8; i++) r.u16[i] = h;
    return r;
}
static inline wd_v128 wd_op_V128_LOAD32_SPLAT(const uint8_t *p)
{
    wd_v128 r;
    uint32_t w;
    memcpy(&w, p, 4);
    for (int i = 0; i < 4; i++) r.u32[i] = w;
    return r;
}
static inline wd_v128 wd_op_V128_LOAD64_SPLAT(const uint8_t *p)
{
    wd_v128 r;
    uint64_t d;
    memcpy(&d, p, 8);
    r.u64[0] = d;
    r.u64[1] = d;
    return r;
}
static inline void wd_op_V128_STORE(uint8_t *p, wd_v128 v) { memcpy(p, &v, 16); }

static inline wd_v128 wd_op_V128_LOAD8_LANE(const uint8_t *p, wd_v128 v, uint32_t lane)
{
    v.u8[lane & 15] = p[0];
    return v;
}
static inline wd_v128 wd_op_V128_LOAD16_LANE(const uint8_t *p, wd_v128 v, uint32_t lane)
{
    memcpy(&v.u16[lane & 7], p, 2);
    return v;
}
static inline wd_v128 wd_op_V128_LOAD32_LANE(const uint8_t *p, wd_v128 v, uint32_t lane)
{
    memcpy(&v.u32[lane & 3], p, 4);
    return v;
}
static inline wd_v128 wd_op_V128_LOAD64_LANE(const uint8_t *p, wd_v128 v, uint32_t lane)
{
    memcpy(&v.u64[lane & 1], p, 8);
    return v;
}
static inline void wd_op_V128_STORE8_LANE(uint8_t *p, wd_v128 v, uint32_t lane) { p[0] = v.u8[lane & 15]; }
static inline void wd_op_V128_STORE16_LANE(uint8_t *p, wd_v128 v, uint32_t lane) { memcpy(p, &v.u16[lane & 7], 2); }
static inline void wd_op_V128_STORE32_LANE(uint8_t *p, wd_v128 v, uint32_t lane) { memcpy(p, &v.u32[lane & 3], 4); }
static inline void wd_op_V128_STORE64_LANE(uint8_t *p, wd_v128 v, uint32_t lane) { memcpy(p, &v.u64[lane & 1], 8); }

static inline wd_v128 wd_op_V128_LOAD32_ZERO(const uint8_t *p)
{
    wd_v128 r;
    memset(&r, 0, 16);
    memcpy(&r.u32[0], p, 4);
    return r;
}
static inline wd_v128 wd_op_V128_LOAD64_ZERO(const uint8_t *p)
{
    wd_v128 r;
    memset(&r, 0, 16);
    memcpy(&r.u64[0], p, 8);
    return r;
}

/* ------------------------------------------------------------ shuffle, swizzle, splat */

/* Lane indices 0..15 pick from a, 16..31 from b (validated by the decoder). */
static inline wd_v128 wd_op_I8X16_SHUFFLE(wd_v128 a, wd_v128 b, const uint8_t lanes[16])
{
    wd_v128 r;
    for (int i = 0; i < 16; i++) {
        unsigned k = lanes[i] & 31u;
        r.u8[i] = k < 16 ? a.u8[k] : b.u8[k - 16];
    }
    return r;
}
/* Indices >= 16 select 0. */
WD__SIMD_BIN(I8X16_SWIZZLE, u8, 16, b.u8[i] < 16 ? a.u8[b.u8[i]] : 0u)

static inline wd_v128 wd_op_I8X16_SPLAT(uint32_t x)
{
    wd_v128 r;
    memset(&r, (uint8_t)x, 16);
    return r;
}
static inline wd_v128 wd_op_I16X8_SPLAT(uint32_t x)
{
    wd_v128 r;
    for (int i = 0; i < 8; i++) r.u16[i] = (uint16_t)x;
    return r;
}
static inline wd_v128 wd_op_I32X4_SPLAT(uint32_t x)
{
    wd_v128 r;
    for (int i = 0; i < 4; i++) r.u32[i] = x;
    return r;
}
static inline wd_v128 wd_op_I64X2_SPLAT(uint64_t x)
{
    wd_v128 r;
    r.u64[0] = x;
    r.u64[1] = x;
    return r;
}
static inline wd_v128 wd_op_F32X4_SPLAT(uint32_t x) { return wd_op_I32X4_SPLAT(x); }
static inline wd_v128 wd_op_F64X2_SPLAT(uint64_t x) { return wd_op_I64X2_SPLAT(x); }

/* ------------------------------------------------------------ lanes */

static inline uint32_t wd_op_I8X16_EXTRACT_LANE_S(wd_v128 a, uint32_t lane) { return (uint32_t)(int32_t)(int8_t)a.u8[lane & 15]; }
static inline uint32_t wd_op_I8X16_EXTRACT_LANE_U(wd_v128 a, uint32_t lane) { return a.u8[lane & 15]; }
static inline wd_v128 wd_op_I8X16_REPLACE_LANE(wd_v128 a, uint32_t x, uint32_t lane) { a.u8[lane & 15] = (uint8_t)x; return a; }
static inline uint32_t wd_op_I16X8_EXTRACT_LANE_S(wd_v128 a, uint32_t lane) { return (uint32_t)(int32_t)(int16_t)a.u16[lane & 7]; }
static inline uint32_t wd_op_I16X8_EXTRACT_LANE_U(wd_v128 a, uint32_t lane) { return a.u16[lane & 7]; }
static inline wd_v128 wd_op_I16X8_REPLACE_LANE(wd_v128 a, uint32_t x, uint32_t lane) { a.u16[lane & 7] = (uint16_t)x; return a; }
static inline uint32_t wd_op_I32X4_EXTRACT_LANE(wd_v128 a, uint32_t lane) { return a.u32[lane & 3]; }
static inline wd_v128 wd_op_I32X4_REPLACE_LANE(wd_v128 a, uint32_t x, uint32_t lane) { a.u32[lane & 3] = x; return a; }
static inline uint64_t wd_op_I64X2_EXTRACT_LANE(wd_v128 a, uint32_t lane) { return a.u64[lane & 1]; }
static inline wd_v128 wd_op_I64X2_REPLACE_LANE(wd_v128 a, uint64_t x, uint32_t lane) { a.u64[lane & 1] = x; return a; }
static inline uint32_t wd_op_F32X4_EXTRACT_LANE(wd_v128 a, uint32_t lane) { return a.u32[lane & 3]; }
static inline wd_v128 wd_op_F32X4_REPLACE_LANE(wd_v128 a, uint32_t x, uint32_t lane) { a.u32[lane & 3] = x; return a; }
static inline uint64_t wd_op_F64X2_EXTRACT_LANE(wd_v128 a, uint32_t lane) { return a.u64[lane & 1]; }
static inline wd_v128 wd_op_F64X2_REPLACE_LANE(wd_v128 a, uint64_t x, uint32_t lane) { a.u64[lane & 1] = x; return a; }

/* ------------------------------------------------------------ comparisons */

WD__SIMD_CMP(I8X16_EQ,   u8, 16, UINT8_MAX, a.u8[i] == b.u8[i])
WD__SIMD_CMP(I8X16_NE,   u8, 16, UINT8_MAX, a.u8[i] != b.u8[i])
WD__SIMD_CMP(I8X16_LT_S, u8, 16, UINT8_MAX, a.i8[i] <  b.i8[i])
WD__SIMD_CMP(I8X16_LT_U, u8, 16, UINT8_MAX, a.u8[i] <  b.u8[i])
WD__SIMD_CMP(I8X16_GT_S, u8, 16, UINT8_MAX, a.i8[i] >  b.i8[i])
WD__SIMD_CMP(I8X16_GT_U, u8, 16, UINT8_MAX, a.u8[i] >  b.u8[i])
WD__SIMD_CMP(I8X16_LE_S, u8, 16, UINT8_MAX, a.i8[i] <= b.i8[i])
WD__SIMD_CMP(I8X16_LE_U, u8, 16, UINT8_MAX, a.u8[i] <= b.u8[i])
WD__SIMD_CMP(I8X16_GE_S, u8, 16, UINT8_MAX, a.i8[i] >= b.i8[i])
WD__SIMD_CMP(I8X16_GE_U, u8, 16, UINT8_MAX, a.u8[i] >= b.u8[i])

WD__SIMD_CMP(I16X8_EQ,   u16, 8, UINT16_MAX, a.u16[i] == b.u16[i])
WD__SIMD_CMP(I16X8_NE,   u16, 8, UINT16_MAX, a.u16[i] != b.u16[i])
WD__SIMD_CMP(I16X8_LT_S, u16, 8, UINT16_MAX, a.i16[i] <  b.i16[i])
WD__SIMD_CMP(I16X8_LT_U, u16, 8, UINT16_MAX, a.u16[i] <  b.u16[i])
WD__SIMD_CMP(I16X8_GT_S, u16, 8, UINT16_MAX, a.i16[i] >  b.i16[i])
WD__SIMD_CMP(I16X8_GT_U, u16, 8, UINT16_MAX, a.u16[i] >  b.u16[i])
WD__SIMD_CMP(I16X8_LE_S, u16, 8, UINT16_MAX, a.i16[i] <= b.i16[i])
WD__SIMD_CMP(I16X8_LE_U, u16, 8, UINT16_MAX, a.u16[i] <= b.u16[i])
WD__SIMD_CMP(I16X8_GE_S, u16, 8, UINT16_MAX, a.i16[i] >= b.i16[i])
WD__SIMD_CMP(I16X8_GE_U, u16, 8, UINT16_MAX, a.u16[i] >= b.u16[i])

WD__SIMD_CMP(I32X4_EQ,   u32, 4, UINT32_MAX, a.u32[i] == b.u32[i])
WD__SIMD_CMP(I32X4_NE,   u32, 4, UINT32_MAX, a.u32[i] != b.u32[i])
WD__SIMD_CMP(I32X4_LT_S, u32, 4, UINT32_MAX, a.i32[i] <  b.i32[i])
WD__SIMD_CMP(I32X4_LT_U, u32, 4, UINT32_MAX, a.u32[i] <  b.u32[i])
WD__SIMD_CMP(I32X4_GT_S, u32, 4, UINT32_MAX, a.i32[i] >  b.i32[i])
WD__SIMD_CMP(I32X4_GT_U, u32, 4, UINT32_MAX, a.u32[i] >  b.u32[i])
WD__SIMD_CMP(I32X4_LE_S, u32, 4, UINT32_MAX, a.i32[i] <= b.i32[i])
WD__SIMD_CMP(I32X4_LE_U, u32, 4, UINT32_MAX, a.u32[i] <= b.u32[i])
WD__SIMD_CMP(I32X4_GE_S, u32, 4, UINT32_MAX, a.i32[i] >= b.i32[i])
WD__SIMD_CMP(I32X4_GE_U, u32, 4, UINT32_MAX, a.u32[i] >= b.u32[i])

WD__SIMD_CMP(I64X2_EQ,   u64, 2, UINT64_MAX, a.u64[i] == b.u64[i])
WD__SIMD_CMP(I64X2_NE,   u64, 2, UINT64_MAX, a.u64[i] != b.u64[i])
WD__SIMD_CMP(I64X2_LT_S, u64, 2, UINT64_MAX, a.i64[i] <  b.i64[i])
WD__SIMD_CMP(I64X2_GT_S, u64, 2, UINT64_MAX, a.i64[i] >  b.i64[i])
WD__SIMD_CMP(I64X2_LE_S, u64, 2, UINT64_MAX, a.i64[i] <= b.i64[i])
WD__SIMD_CMP(I64X2_GE_S, u64, 2, UINT64_MAX, a.i64[i] >= b.i64[i])

/* Float comparisons: ordered, so any NaN operand gives false (ne: true). */
WD__SIMD_CMP(F32X4_EQ, u32, 4, UINT32_MAX, a.f32[i] == b.f32[i])
WD__SIMD_CMP(F32X4_NE, u32, 4, UINT32_MAX, a.f32[i] != b.f32[i])
WD__SIMD_CMP(F32X4_LT, u32, 4, UINT32_MAX, a.f32[i] <  b.f32[i])
WD__SIMD_CMP(F32X4_GT, u32, 4, UINT32_MAX, a.f32[i] >  b.f32[i])
WD__SIMD_CMP(F32X4_LE, u32, 4, UINT32_MAX, a.f32[i] <= b.f32[i])
WD__SIMD_CMP(F32X4_GE, u32, 4, UINT32_MAX, a.f32[i] >= b.f32[i])
WD__SIMD_CMP(F64X2_EQ, u64, 2, UINT64_MAX, a.f64[i] == b.f64[i])
WD__SIMD_CMP(F64X2_NE, u64, 2, UINT64_MAX, a.f64[i] != b.f64[i])
WD__SIMD_CMP(F64X2_LT, u64, 2, UINT64_MAX, a.f64[i] <  b.f64[i])
WD__SIMD_CMP(F64X2_GT, u64, 2, UINT64_MAX, a.f64[i] >  b.f64[i])
WD__SIMD_CMP(F64X2_LE, u64, 2, UINT64_MAX, a.f64[i] <= b.f64[i])
WD__SIMD_CMP(F64X2_GE, u64, 2, UINT64_MAX, a.f64[i] >= b.f64[i])

/* ------------------------------------------------------------ bitwise */

WD__SIMD_UN(V128_NOT, u64, 2, ~a.u64[i])
WD__SIMD_BIN(V128_AND, u64, 2, a.u64[i] & b.u64[i])
WD__SIMD_BIN(V128_ANDNOT, u64, 2, a.u64[i] & ~b.u64[i])
WD__SIMD_BIN(V128_OR, u64, 2, a.u64[i] | b.u64[i])
WD__SIMD_BIN(V128_XOR, u64, 2, a.u64[i] ^ b.u64[i])

/* bitselect(a, b, c): bits of a where c is 1, bits of b where c is 0. */
static inline wd_v128 wd_op_V128_BITSELECT(wd_v128 a, wd_v128 b, wd_v128 c)
{
    wd_v128 r;
    for (int i = 0; i < 2; i++) r.u64[i] = (a.u64[i] & c.u64[i]) | (b.u64[i] & ~c.u64[i]);
    return r;
}
static inline uint32_t wd_op_V128_ANY_TRUE(wd_v128 a) { return (a.u64[0] | a.u64[1]) != 0; }

/* ------------------------------------------------------------ float conversions */

static inline wd_v128 wd_op_F32X4_DEMOTE_F64X2_ZERO(wd_v128 a)
{
    wd_v128 r;
    r.u32[0] = wd__simd_demote(a.u64[0]);
    r.u32[1] = wd__simd_demote(a.u64[1]);
    r.u32[2] = 0;
    r.u32[3] = 0;
    return r;
}
static inline wd_v128 wd_op_F64X2_PROMOTE_LOW_F32X4(wd_v128 a)
{
    wd_v128 r;
    r.u64[0] = wd__simd_promote(a.u32[0]);
    r.u64[1] = wd__simd_promote(a.u32[1]);
    return r;
}

/* ------------------------------------------------------------ integer unary */

WD__SIMD_UN(I8X16_ABS, u8, 16, (uint8_t)((a.u8[i] & 0x80u) ? 0u - a.u8[i] : a.u8[i]))
WD__SIMD_UN(I16X8_ABS, u16, 8, (uint16_t)((a.u16[i] & 0x8000u) ? 0u - a.u16[i] : a.u16[i]))
WD__SIMD_UN(I32X4_ABS, u32, 4, (a.u32[i] >> 31) ? 0u - a.u32[i] : a.u32[i])
WD__SIMD_UN(I64X2_ABS, u64, 2, (a.u64[i] >> 63) ? 0u - a.u64[i] : a.u64[i])
WD__SIMD_UN(I8X16_NEG, u8, 16, (uint8_t)(0u - a.u8[i]))
WD__SIMD_UN(I16X8_NEG, u16, 8, (uint16_t)(0u - a.u16[i]))
WD__SIMD_UN(I32X4_NEG, u32, 4, 0u - a.u32[i])
WD__SIMD_UN(I64X2_NEG, u64, 2, 0u - a.u64[i])
WD__SIMD_UN(I8X16_POPCNT, u8, 16, (uint8_t)__builtin_popcount(a.u8[i]))

WD__SIMD_ALL_TRUE(I8X16_ALL_TRUE, u8, 16)
WD__SIMD_ALL_TRUE(I16X8_ALL_TRUE, u16, 8)
WD__SIMD_ALL_TRUE(I32X4_ALL_TRUE, u32, 4)
WD__SIMD_ALL_TRUE(I64X2_ALL_TRUE, u64, 2)

WD__SIMD_BITMASK(I8X16_BITMASK, u8, 16, 7)
WD__SIMD_BITMASK(I16X8_BITMASK, u16, 8, 15)
WD__SIMD_BITMASK(I32X4_BITMASK, u32, 4, 31)
WD__SIMD_BITMASK(I64X2_BITMASK, u64, 2, 63)

/* ------------------------------------------------------------ narrow, extend */

/* Lanes 0..N/2-1 from a, the rest from b; inputs are signed, saturated into
 * the signed (_s) or unsigned (_u) range of the narrow lane. */
WD__SIMD_BIN(I8X16_NARROW_I16X8_S, u8, 16, wd__simd_sat_s8(i < 8 ? a.i16[i] : b.i16[i - 8]))
WD__SIMD_BIN(I8X16_NARROW_I16X8_U, u8, 16, wd__simd_sat_u8(i < 8 ? a.i16[i] : b.i16[i - 8]))
WD__SIMD_BIN(I16X8_NARROW_I32X4_S, u16, 8, wd__simd_sat_s16(i < 4 ? a.i32[i] : b.i32[i - 4]))
WD__SIMD_BIN(I16X8_NARROW_I32X4_U, u16, 8, wd__simd_sat_u16(i < 4 ? a.i32[i] : b.i32[i - 4]))

WD__SIMD_UN(I16X8_EXTEND_LOW_I8X16_S,  u16, 8, (uint16_t)(int16_t)a.i8[i])
WD__SIMD_UN(I16X8_EXTEND_HIGH_I8X16_S, u16, 8, (uint16_t)(int16_t)a.i8[i + 8])
WD__SIMD_UN(I16X8_EXTEND_LOW_I8X16_U,  u16, 8, a.u8[i])
WD__SIMD_UN(I16X8_EXTEND_HIGH_I8X16_U, u16, 8, a.u8[i + 8])
WD__SIMD_UN(I32X4_EXTEND_LOW_I16X8_S,  u32, 4, (uint32_t)(int32_t)a.i16[i])
WD__SIMD_UN(I32X4_EXTEND_HIGH_I16X8_S, u32, 4, (uint32_t)(int32_t)a.i16[i + 4])
WD__SIMD_UN(I32X4_EXTEND_LOW_I16X8_U,  u32, 4, a.u16[i])
WD__SIMD_UN(I32X4_EXTEND_HIGH_I16X8_U, u32, 4, a.u16[i + 4])
WD__SIMD_UN(I64X2_EXTEND_LOW_I32X4_S,  u64, 2, (uint64_t)(int64_t)a.i32[i])
WD__SIMD_UN(I64X2_EXTEND_HIGH_I32X4_S, u64, 2, (uint64_t)(int64_t)a.i32[i + 2])
WD__SIMD_UN(I64X2_EXTEND_LOW_I32X4_U,  u64, 2, a.u32[i])
WD__SIMD_UN(I64X2_EXTEND_HIGH_I32X4_U, u64, 2, a.u32[i + 2])

/* ------------------------------------------------------------ shifts */

WD__SIMD_SHIFT(I8X16_SHL,   u8, 16, 8, (uint8_t)((unsigned)a.u8[i] << s))
WD__SIMD_SHIFT(I8X16_SHR_S, u8, 16, 8, wd__simd_sar8(a.u8[i], s))
WD__SIMD_SHIFT(I8X16_SHR_U, u8, 16, 8, (uint8_t)(a.u8[i] >> s))
WD__SIMD_SHIFT(I16X8_SHL,   u16, 8, 16, (uint16_t)((unsigned)a.u16[i] << s))
WD__SIMD_SHIFT(I16X8_SHR_S, u16, 8, 16, wd__simd_sar16(a.u16[i], s))
WD__SIMD_SHIFT(I16X8_SHR_U, u16, 8, 16, (uint16_t)(a.u16[i] >> s))
WD__SIMD_SHIFT(I32X4_SHL,   u32, 4, 32, a.u32[i] << s)
WD__SIMD_SHIFT(I32X4_SHR_S, u32, 4, 32, wd__simd_sar32(a.u32[i], s))
WD__SIMD_SHIFT(I32X4_SHR_U, u32, 4, 32, a.u32[i] >> s)
WD__SIMD_SHIFT(I64X2_SHL,   u64, 2, 64, a.u64[i] << s)
WD__SIMD_SHIFT(I64X2_SHR_S, u64, 2, 64, wd__simd_sar64(a.u64[i], s))
WD__SIMD_SHIFT(I64X2_SHR_U, u64, 2, 64, a.u64[i] >> s)

/* ------------------------------------------------------------ integer binary */
/* 8- and 16-bit lanes promote to int; every sum or difference below fits. */

WD__SIMD_BIN(I8X16_ADD, u8, 16, (uint8_t)(a.u8[i] + b.u8[i]))
WD__SIMD_BIN(I8X16_SUB, u8, 16, (uint8_t)(a.u8[i] - b.u8[i]))
WD__SIMD_BIN(I8X16_ADD_SAT_S, u8, 16, wd__simd_sat_s8(a.i8[i] + b.i8[i]))
WD__SIMD_BIN(I8X16_ADD_SAT_U, u8, 16, wd__simd_sat_u8(a.u8[i] + b.u8[i]))
WD__SIMD_BIN(I8X16_SUB_SAT_S, u8, 16, wd__simd_sat_s8(a.i8[i] - b.i8[i]))
WD__SIMD_BIN(I8X16_SUB_SAT_U, u8, 16, wd__simd_sat_u8(a.u8[i] - b.u8[i]))
WD__SIMD_BIN(I8X16_MIN_S, u8, 16, a.i8[i] < b.i8[i] ? a.u8[i] : b.u8[i])
WD__SIMD_BIN(I8X16_MIN_U, u8, 16, a.u8[i] < b.u8[i] ? a.u8[i] : b.u8[i])
WD__SIMD_BIN(I8X16_MAX_S, u8, 16, a.i8[i] > b.i8[i] ? a.u8[i] : b.u8[i])
WD__SIMD_BIN(I8X16_MAX_U, u8, 16, a.u8[i] > b.u8[i] ? a.u8[i] : b.u8[i])
WD__SIMD_BIN(I8X16_AVGR_U, u8, 16, (uint8_t)((a.u8[i] + b.u8[i] + 1u) >> 1))

WD__SIMD_BIN(I16X8_ADD, u16, 8, (uint16_t)(a.u16[i] + b.u16[i]))
WD__SIMD_BIN(I16X8_SUB, u16, 8, (uint16_t)(a.u16[i] - b.u16[i]))
WD__SIMD_BIN(I16X8_MUL, u16, 8, (uint16_t)((uint32_t)a.u16[i] * b.u16[i]))
WD__SIMD_BIN(I16X8_ADD_SAT_S, u16, 8, wd__simd_sat_s16(a.i16[i] + b.i16[i]))
WD__SIMD_BIN(I16X8_ADD_SAT_U, u16, 8, wd__simd_sat_u16(a.u16[i] + b.u16[i]))
WD__SIMD_BIN(I16X8_SUB_SAT_S, u16, 8, wd__simd_sat_s16(a.i16[i] - b.i16[i]))
WD__SIMD_BIN(I16X8_SUB_SAT_U, u16, 8, wd__simd_sat_u16(a.u16[i] - b.u16[i]))
WD__SIMD_BIN(I16X8_MIN_S, u16, 8, a.i16[i] < b.i16[i] ? a.u16[i] : b.u16[i])
WD__SIMD_BIN(I16X8_MIN_U, u16, 8, a.u16[i] < b.u16[i] ? a.u16[i] : b.u16[i])
WD__SIMD_BIN(I16X8_MAX_S, u16, 8, a.i16[i] > b.i16[i] ? a.u16[i] : b.u16[i])
WD__SIMD_BIN(I16X8_MAX_U, u16, 8, a.u16[i] > b.u16[i] ? a.u16[i] : b.u16[i])
WD__SIMD_BIN(I16X8_AVGR_U, u16, 8, (uint16_t)((a.u16[i] + b.u16[i] + 1u) >> 1))
/* (a*b + 2^14) >> 15, saturated: |a*b| <= 2^30, so the int32 sum cannot
 * overflow; only 0x8000 * 0x8000 -> 0x8000 (32768) needs saturation. */
WD__SIMD_BIN(I16X8_Q15MULR_SAT_S, u16, 8,
             wd__simd_sat_s16((int32_t)wd__simd_sar32(
                 (uint32_t)((int32_t)a.i16[i] * b.i16[i] + 0x4000), 15)))

WD__SIMD_BIN(I32X4_ADD, u32, 4, a.u32[i] + b.u32[i])
WD__SIMD_BIN(I32X4_SUB, u32, 4, a.u32[i] - b.u32[i])
WD__SIMD_BIN(I32X4_MUL, u32, 4, a.u32[i] * b.u32[i])
WD__SIMD_BIN(I32X4_MIN_S, u32, 4, a.i32[i] < b.i32[i] ? a.u32[i] : b.u32[i])
WD__SIMD_BIN(I32X4_MIN_U, u32, 4, a.u32[i] < b.u32[i] ? a.u32[i] : b.u32[i])
WD__SIMD_BIN(I32X4_MAX_S, u32, 4, a.i32[i] > b.i32[i] ? a.u32[i] : b.u32[i])
WD__SIMD_BIN(I32X4_MAX_U, u32, 4, a.u32[i] > b.u32[i] ? a.u32[i] : b.u32[i])
/* Each product fits in int32; the pair sum may wrap (only -2^15 everywhere). */
WD__SIMD_BIN(I32X4_DOT_I16X8_S, u32, 4,
             (uint32_t)((int32_t)a.i16[2 * i] * b.i16[2 * i])
           + (uint32_t)((int32_t)a.i16[2 * i + 1] * b.i16[2 * i + 1]))

WD__SIMD_BIN(I64X2_ADD, u64, 2, a.u64[i] + b.u64[i])
WD__SIMD_BIN(I64X2_SUB, u64, 2, a.u64[i] - b.u64[i])
WD__SIMD_BIN(I64X2_MUL, u64, 2, a.u64[i] * b.u64[i])

/* ------------------------------------------------------------ extmul, extadd_pairwise */
/* Products of the widened halves always fit in the wide lane's signed (_s)
 * or unsigned (_u) type; unsigned ones are computed unsigned. */

WD__SIMD_BIN(I16X8_EXTMUL_LOW_I8X16_S,  u16, 8, (uint16_t)(int16_t)(a.i8[i] * b.i8[i]))
WD__SIMD_BIN(I16X8_EXTMUL_HIGH_I8X16_S, u16, 8, (uint16_t)(int16_t)(a.i8[i + 8] * b.i8[i + 8]))
WD__SIMD_BIN(I16X8_EXTMUL_LOW_I8X16_U,  u16, 8, (uint16_t)(a.u8[i] * b.u8[i]))
WD__SIMD_BIN(I16X8_EXTMUL_HIGH_I8X16_U, u16, 8, (uint16_t)(a.u8[i + 8] * b.u8[i + 8]))
WD__SIMD_BIN(I32X4_EXTMUL_LOW_I16X8_S,  u32, 4, (uint32_t)((int32_t)a.i16[i] * b.i16[i]))
WD__SIMD_BIN(I32X4_EXTMUL_HIGH_I16X8_S, u32, 4, (uint32_t)((int32_t)a.i16[i + 4] * b.i16[i + 4]))
WD__SIMD_BIN(I32X4_EXTMUL_LOW_I16X8_U,  u32, 4, (uint32_t)a.u16[i] * b.u16[i])
WD__SIMD_BIN(I32X4_EXTMUL_HIGH_I16X8_U, u32, 4, (uint32_t)a.u16[i + 4] * b.u16[i + 4])
WD__SIMD_BIN(I64X2_EXTMUL_LOW_I32X4_S,  u64, 2, (uint64_t)((int64_t)a.i32[i] * b.i32[i]))
WD__SIMD_BIN(I64X2_EXTMUL_HIGH_I32X4_S, u64, 2, (uint64_t)((int64_t)a.i32[i + 2] * b.i32[i + 2]))
WD__SIMD_BIN(I64X2_EXTMUL_LOW_I32X4_U,  u64, 2, (uint64_t)a.u32[i] * b.u32[i])
WD__SIMD_BIN(I64X2_EXTMUL_HIGH_I32X4_U, u64, 2, (uint64_t)a.u32[i + 2] * b.u32[i + 2])

WD__SIMD_UN(I16X8_EXTADD_PAIRWISE_I8X16_S, u16, 8, (uint16_t)(int16_t)(a.i8[2 * i] + a.i8[2 * i + 1]))
WD__SIMD_UN(I16X8_EXTADD_PAIRWISE_I8X16_U, u16, 8, (uint16_t)(a.u8[2 * i] + a.u8[2 * i + 1]))
WD__SIMD_UN(I32X4_EXTADD_PAIRWISE_I16X8_S, u32, 4, (uint32_t)((int32_t)a.i16[2 * i] + a.i16[2 * i + 1]))
WD__SIMD_UN(I32X4_EXTADD_PAIRWISE_I16X8_U, u32, 4, (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1])

/* ------------------------------------------------------------ float unary */

WD__SIMD_UN(F32X4_ABS, u32, 4, a.u32[i] & ~WD__SIMD_F32_SIGN)
WD__SIMD_UN(F32X4_NEG, u32, 4, a.u32[i] ^ WD__SIMD_F32_SIGN)
WD__SIMD_UN(F64X2_ABS, u64, 2, a.u64[i] & ~WD__SIMD_F64_SIGN)
WD__SIMD_UN(F64X2_NEG, u64, 2, a.u64[i] ^ WD__SIMD_F64_SIGN)

static inline wd_v128 wd_op_F32X4_SQRT(wd_v128 a)
{
    wd_v128 r;
#if defined(__SSE2__)
    /* sqrtps: no errno path for negative inputs. */
    __m128 x;
    memcpy(&x, &a, 16);
    x = _mm_sqrt_ps(x);
    memcpy(&r, &x, 16);
#else
    for (int i = 0; i < 4; i++) r.f32[i] = sqrtf(a.f32[i]);
#endif
    return r;
}
static inline wd_v128 wd_op_F64X2_SQRT(wd_v128 a)
{
    wd_v128 r;
#if defined(__SSE2__)
    __m128d x;
    memcpy(&x, &a, 16);
    x = _mm_sqrt_pd(x);
    memcpy(&r, &x, 16);
#else
    for (int i = 0; i < 2; i++) r.f64[i] = sqrt(a.f64[i]);
#endif
    return r;
}

WD__SIMD_UN(F32X4_CEIL,    u32, 4, wd__simd_ceil32(a.u32[i]))
WD__SIMD_UN(F32X4_FLOOR,   u32, 4, wd__simd_floor32(a.u32[i]))
WD__SIMD_UN(F32X4_TRUNC,   u32, 4, wd__simd_trunc32(a.u32[i]))
WD__SIMD_UN(F32X4_NEAREST, u32, 4, wd__simd_nearest32(a.u32[i]))
WD__SIMD_UN(F64X2_CEIL,    u64, 2, wd__simd_ceil64(a.u64[i]))
WD__SIMD_UN(F64X2_FLOOR,   u64, 2, wd__simd_floor64(a.u64[i]))
WD__SIMD_UN(F64X2_TRUNC,   u64, 2, wd__simd_trunc64(a.u64[i]))
WD__SIMD_UN(F64X2_NEAREST, u64, 2, wd__simd_nearest64(a.u64[i]))

/* ------------------------------------------------------------ float binary */

WD__SIMD_BIN(F32X4_ADD, f32, 4, a.f32[i] + b.f32[i])
WD__SIMD_BIN(F32X4_SUB, f32, 4, a.f32[i] - b.f32[i])
WD__SIMD_BIN(F32X4_MUL, f32, 4, a.f32[i] * b.f32[i])
WD__SIMD_BIN(F32X4_DIV, f32, 4, a.f32[i] / b.f32[i])
WD__SIMD_BIN(F32X4_MIN, u32, 4, wd__simd_fmin32(a.u32[i], b.u32[i]))
WD__SIMD_BIN(F32X4_MAX, u32, 4, wd__simd_fmax32(a.u32[i], b.u32[i]))
/* Pseudo-min/max: exactly `b < a ? b : a` / `a < b ? b : a`, bit-exact. */
WD__SIMD_BIN(F32X4_PMIN, u32, 4, b.f32[i] < a.f32[i] ? b.u32[i] : a.u32[i])
WD__SIMD_BIN(F32X4_PMAX, u32, 4, a.f32[i] < b.f32[i] ? b.u32[i] : a.u32[i])

WD__SIMD_BIN(F64X2_ADD, f64, 2, a.f64[i] + b.f64[i])
WD__SIMD_BIN(F64X2_SUB, f64, 2, a.f64[i] - b.f64[i])
WD__SIMD_BIN(F64X2_MUL, f64, 2, a.f64[i] * b.f64[i])
WD__SIMD_BIN(F64X2_DIV, f64, 2, a.f64[i] / b.f64[i])
WD__SIMD_BIN(F64X2_MIN, u64, 2, wd__simd_fmin64(a.u64[i], b.u64[i]))
WD__SIMD_BIN(F64X2_MAX, u64, 2, wd__simd_fmax64(a.u64[i], b.u64[i]))
WD__SIMD_BIN(F64X2_PMIN, u64, 2, b.f64[i] < a.f64[i] ? b.u64[i] : a.u64[i])
WD__SIMD_BIN(F64X2_PMAX, u64, 2, a.f64[i] < b.f64[i] ? b.u64[i] : a.u64[i])

/* ------------------------------------------------------------ int <-> float */

WD__SIMD_UN(I32X4_TRUNC_SAT_F32X4_S, u32, 4, wd__simd_tsat_f32_s(a.u32[i]))
WD__SIMD_UN(I32X4_TRUNC_SAT_F32X4_U, u32, 4, wd__simd_tsat_f32_u(a.u32[i]))
WD__SIMD_UN(I32X4_TRUNC_SAT_F64X2_S_ZERO, u32, 4, i < 2 ? wd__simd_tsat_f64_s(a.u64[i]) : 0u)
WD__SIMD_UN(I32X4_TRUNC_SAT_F64X2_U_ZERO, u32, 4, i < 2 ? wd__simd_tsat_f64_u(a.u64[i]) : 0u)
/* int -> float conversions round to nearest, ties to even (C semantics). */
WD__SIMD_UN(F32X4_CONVERT_I32X4_S, f32, 4, (float)a.i32[i])
WD__SIMD_UN(F32X4_CONVERT_I32X4_U, f32, 4, (float)a.u32[i])
WD__SIMD_UN(F64X2_CONVERT_LOW_I32X4_S, f64, 2, (double)a.i32[i])
WD__SIMD_UN(F64X2_CONVERT_LOW_I32X4_U, f64, 2, (double)a.u32[i])

#undef WD__SIMD_UN
#undef WD__SIMD_BIN
#undef WD__SIMD_CMP
#undef WD__SIMD_SHIFT
#undef WD__SIMD_ALL_TRUE
#undef WD__SIMD_BITMASK

#endif /* WD_SIMD_H */
