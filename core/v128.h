/* v128.h: the 128-bit SIMD value as the engine stores it: 16 bytes, lanes
 * little-endian (lane 0 at the lowest address), 8-byte aligned so it fits
 * two interpreter slots. The host is little-endian x86-64. */
#ifndef WD_V128_H
#define WD_V128_H

#include <stdint.h>

typedef union wd_v128 {
    uint8_t u8[16];
    int8_t i8[16];
    uint16_t u16[8];
    int16_t i16[8];
    uint32_t u32[4];
    int32_t i32[4];
    uint64_t u64[2];
    int64_t i64[2];
    float f32[4];
    double f64[2];
} wd_v128;

#endif
