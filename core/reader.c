/* reader.c: bounds-checked reading of the binary format.
 *
 * LEB128 follows the spec's rules (and the reference interpreter's error
 * wording): an N-bit integer takes at most ceil(N/7) bytes ("integer
 * representation too long" past that); in the last allowed byte the bits
 * beyond N must be zero for unsigned numbers and copies of the sign bit for
 * signed ones ("integer too large"). Running out of data is "unexpected end
 * of section or function" (the spec tests accept it wherever they expect
 * "unexpected end", which is a prefix of it). */
#include "reader.h"

#define WD_MSG_EOF "unexpected end of section or function"

bool wd_rd_fail(wd_reader *r, const char *msg)
{
    if (!r->errmsg) {
        r->errmsg = msg;
        r->erroff = wd_rd_offset(r);
    }
    return false;
}

static bool wd_rd_fail_at(wd_reader *r, const uint8_t *at, const char *msg)
{
    if (!r->errmsg) {
        r->errmsg = msg;
        r->erroff = (uint64_t)(at - r->base);
    }
    return false;
}

bool wd_rd_u8(wd_reader *r, uint8_t *out)
{
    if (r->p >= r->end)
        return wd_rd_fail(r, WD_MSG_EOF);
    *out = *r->p++;
    return true;
}

/* Unsigned LEB128 of `bits` bits (1..64). */
static bool wd_rd_uleb(wd_reader *r, unsigned bits, uint64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    int left = (int)bits;            /* bits still to be filled */
    for (;;) {
        if (left <= 0)
            return wd_rd_fail(r, "integer representation too long");
        if (r->p >= r->end)
            return wd_rd_fail(r, WD_MSG_EOF);
        uint8_t b = *r->p;
        if (left < 7 && (b & 0x7F) >= (1u << left))
            return wd_rd_fail(r, "integer too large");
        r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
        left -= 7;
    }
    *out = v;
    return true;
}

/* Signed LEB128 of `bits` bits (1..64), sign-extended to 64. */
static bool wd_rd_sleb(wd_reader *r, unsigned bits, int64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    int left = (int)bits;
    uint8_t b;
    for (;;) {
        if (left <= 0)
            return wd_rd_fail(r, "integer representation too long");
        if (r->p >= r->end)
            return wd_rd_fail(r, WD_MSG_EOF);
        b = *r->p;
        if (left < 7) {
            /* bits left-1 .. 6 must all equal the sign bit */
            uint8_t mask = (uint8_t)((0x7Fu << (left - 1)) & 0x7Fu);
            uint8_t got = b & mask;
            if (got != 0 && got != mask)
                return wd_rd_fail(r, "integer too large");
        }
        r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        left -= 7;
        if (!(b & 0x80))
            break;
    }
    if (shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
    *out = (int64_t)v;
    return true;
}

bool wd_rd_u32(wd_reader *r, uint32_t *out)
{
    uint64_t v;
    if (!wd_rd_uleb(r, 32, &v))
        return false;
    *out = (uint32_t)v;
    return true;
}

bool wd_rd_u64(wd_reader *r, uint64_t *out) { return wd_rd_uleb(r, 64, out); }

bool wd_rd_s32(wd_reader *r, int32_t *out)
{
    int64_t v;
    if (!wd_rd_sleb(r, 32, &v))
        return false;
    *out = (int32_t)v;
    return true;
}

bool wd_rd_s33(wd_reader *r, int64_t *out) { return wd_rd_sleb(r, 33, out); }
bool wd_rd_s64(wd_reader *r, int64_t *out) { return wd_rd_sleb(r, 64, out); }

bool wd_rd_bytes(wd_reader *r, size_t n, const uint8_t **out)
{
    if (n > (size_t)(r->end - r->p))
        return wd_rd_fail(r, WD_MSG_EOF);
    *out = r->p;
    r->p += n;
    return true;
}

bool wd_rd_f32(wd_reader *r, uint32_t *bits)
{
    const uint8_t *p;
    if (!wd_rd_bytes(r, 4, &p))
        return false;
    *bits = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return true;
}

bool wd_rd_f64(wd_reader *r, uint64_t *bits)
{
    const uint8_t *p;
    if (!wd_rd_bytes(r, 8, &p))
        return false;
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    *bits = v;
    return true;
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, <= U+10FFFF. */
static bool wd_utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2; cp = c & 0x1Fu; min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3; cp = c & 0x0Fu; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4; cp = c & 0x07u; min = 0x10000;
        } else {
            return false;   /* continuation byte, C0/C1, F5..FF */
        }
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            uint8_t cc = s[i + k];
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (cc & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

bool wd_rd_name(wd_reader *r, const uint8_t **out, uint32_t *len)
{
    const uint8_t *start = r->p;
    uint32_t n;
    if (!wd_rd_u32(r, &n))
        return false;
    /* As in the reference interpreter (whose wording the spec tests use):
     * a length beyond the data left, counted from the length's first byte,
     * is "length out of bounds"; a smaller one that overruns is an
     * unexpected end. */
    if ((uint64_t)n > (uint64_t)(r->end - start))
        return wd_rd_fail_at(r, start, "length out of bounds");
    const uint8_t *p;
    if (!wd_rd_bytes(r, n, &p))
        return false;
    if (!wd_utf8_valid(p, n))
        return wd_rd_fail_at(r, start, "malformed UTF-8 encoding");
    *out = p;
    *len = n;
    return true;
}
