/* test_reader.c: the binary reader (LEB128, bytes, floats, names/UTF-8),
 * the arena, error formatting and the instruction decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "insn.h"
#include "module.h"
#include "reader.h"

/* A reader over an exact-size heap copy, so ASan sees any over-read. */
typedef struct buf {
    uint8_t *p;
    size_t n;
} buf;

static wd_reader rd(buf *b, const void *bytes, size_t n)
{
    b->p = malloc(n ? n : 1);
    assert_non_null(b->p);
    if (n)
        memcpy(b->p, bytes, n);
    b->n = n;
    wd_reader r = { b->p, b->p + n, b->p, NULL, 0 };
    return r;
}

#define RD(r, b, ...) \
    do { static const uint8_t bytes_[] = { __VA_ARGS__ }; r = rd(&b, bytes_, sizeof bytes_); } while (0)

/* ------------------------------------------------------------ unsigned LEB */

static void u32_ok(const uint8_t *bytes, size_t n, uint32_t want)
{
    buf b;
    wd_reader r = rd(&b, bytes, n);
    uint32_t v = 0;
    assert_true(wd_rd_u32(&r, &v));
    assert_int_equal(v, want);
    assert_true(wd_rd_eof(&r));
    assert_null(r.errmsg);
    free(b.p);
}

static void u32_bad(const uint8_t *bytes, size_t n, const char *msg, uint64_t off)
{
    buf b;
    wd_reader r = rd(&b, bytes, n);
    uint32_t v;
    assert_false(wd_rd_u32(&r, &v));
    assert_non_null(r.errmsg);
    assert_string_equal(r.errmsg, msg);
    assert_int_equal(r.erroff, off);
    free(b.p);
}

static void test_u32(void **state)
{
    (void)state;
    u32_ok((const uint8_t[]){0x00}, 1, 0);
    u32_ok((const uint8_t[]){0x7F}, 1, 127);
    u32_ok((const uint8_t[]){0x80, 0x01}, 2, 128);
    u32_ok((const uint8_t[]){0xE5, 0x8E, 0x26}, 3, 624485);
    u32_ok((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x00}, 5, 0);       /* padded zero */
    u32_ok((const uint8_t[]){0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 5, UINT32_MAX);
    u32_ok((const uint8_t[]){0x83, 0x80, 0x00}, 3, 3);                   /* non-minimal is fine */
    /* unused bits of the 5th byte must be 0 */
    u32_bad((const uint8_t[]){0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 5, "integer too large", 4);
    u32_bad((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x70}, 5, "integer too large", 4);
    u32_bad((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x90}, 5, "integer too large", 4);
    /* six bytes */
    u32_bad((const uint8_t[]){0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 6,
            "integer representation too long", 5);
    /* running out */
    u32_bad((const uint8_t[]){0x80}, 1, "unexpected end of section or function", 1);
    u32_bad((const uint8_t[]){0}, 0, "unexpected end of section or function", 0);
}

static void test_u64(void **state)
{
    (void)state;
    buf b;
    wd_reader r;
    uint64_t v;
    RD(r, b, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    assert_true(wd_rd_u64(&r, &v));
    assert_true(v == UINT64_MAX);
    free(b.p);
    RD(r, b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    assert_true(wd_rd_u64(&r, &v));
    assert_true(v == 0);
    free(b.p);
    RD(r, b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02);
    assert_false(wd_rd_u64(&r, &v));
    assert_string_equal(r.errmsg, "integer too large");
    assert_int_equal(r.erroff, 9);
    free(b.p);
    RD(r, b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    assert_false(wd_rd_u64(&r, &v));
    assert_string_equal(r.errmsg, "integer representation too long");
    assert_int_equal(r.erroff, 10);
    free(b.p);
}

/* ------------------------------------------------------------ signed LEB */

static void test_s32(void **state)
{
    (void)state;
    struct { uint8_t b[6]; size_t n; int32_t v; } ok[] = {
        { {0x00}, 1, 0 },
        { {0x7F}, 1, -1 },
        { {0x3F}, 1, 63 },
        { {0x40}, 1, -64 },
        { {0xC0, 0x00}, 2, 64 },
        { {0x80, 0x7F}, 2, -128 },
        { {0xFF, 0xFF, 0xFF, 0xFF, 0x07}, 5, INT32_MAX },
        { {0x80, 0x80, 0x80, 0x80, 0x78}, 5, INT32_MIN },
        { {0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 5, -1 },     /* padded -1 */
        { {0x80, 0x80, 0x80, 0x80, 0x00}, 5, 0 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        buf b;
        wd_reader r = rd(&b, ok[i].b, ok[i].n);
        int32_t v = 12345;
        assert_true(wd_rd_s32(&r, &v));
        assert_int_equal(v, ok[i].v);
        assert_true(wd_rd_eof(&r));
        free(b.p);
    }
    struct { uint8_t b[6]; size_t n; const char *msg; uint64_t off; } bad[] = {
        /* bits 3..6 of the 5th byte must all equal the sign (bit 3) */
        { {0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 5, "integer too large", 4 },
        { {0x80, 0x80, 0x80, 0x80, 0x70}, 5, "integer too large", 4 },
        { {0x80, 0x80, 0x80, 0x80, 0x1F}, 5, "integer too large", 4 },
        { {0xFF, 0xFF, 0xFF, 0xFF, 0x4F}, 5, "integer too large", 4 },
        { {0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 6, "integer representation too long", 5 },
        { {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 6, "integer representation too long", 5 },
        { {0xFF}, 1, "unexpected end of section or function", 1 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf b;
        wd_reader r = rd(&b, bad[i].b, bad[i].n);
        int32_t v;
        assert_false(wd_rd_s32(&r, &v));
        assert_string_equal(r.errmsg, bad[i].msg);
        assert_int_equal(r.erroff, bad[i].off);
        free(b.p);
    }
}

static void test_s33_s64(void **state)
{
    (void)state;
    buf b;
    wd_reader r;
    int64_t v;
    RD(r, b, 0x40);                                   /* empty block type */
    assert_true(wd_rd_s33(&r, &v));
    assert_true(v == -64);
    free(b.p);
    RD(r, b, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);           /* 2^32 - 1: fits 33 bits */
    assert_true(wd_rd_s33(&r, &v));
    assert_true(v == 0xFFFFFFFFll);
    free(b.p);
    RD(r, b, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);           /* bit 4 of byte 5 differs from the sign */
    assert_false(wd_rd_s33(&r, &v));
    assert_string_equal(r.errmsg, "integer too large");
    free(b.p);
    RD(r, b, 0x80, 0x80, 0x80, 0x80, 0x70);           /* -2^32 */
    assert_true(wd_rd_s33(&r, &v));
    assert_true(v == -0x100000000ll);
    free(b.p);

    RD(r, b, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00);
    assert_true(wd_rd_s64(&r, &v));
    assert_true(v == INT64_MAX);
    free(b.p);
    RD(r, b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F);
    assert_true(wd_rd_s64(&r, &v));
    assert_true(v == INT64_MIN);
    free(b.p);
    RD(r, b, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    assert_false(wd_rd_s64(&r, &v));
    assert_string_equal(r.errmsg, "integer too large");
    assert_int_equal(r.erroff, 9);
    free(b.p);
    RD(r, b, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    assert_false(wd_rd_s64(&r, &v));
    assert_string_equal(r.errmsg, "integer representation too long");
    free(b.p);
}

/* Every u32/s32 value round-trips through a minimal and a padded encoding. */
static size_t enc_u(uint64_t v, uint8_t *out, size_t pad_to)
{
    size_t n = 0;
    do {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        if (v || n + 1 < pad_to)
            byte |= 0x80;
        out[n++] = byte;
    } while (v || n < pad_to);
    return n;
}

static size_t enc_s(int64_t v, uint8_t *out)
{
    size_t n = 0;
    for (;;) {
        uint8_t byte = v & 0x7F;
        v >>= 7;   /* arithmetic on gcc/clang */
        if ((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40))) {
            out[n++] = byte;
            return n;
        }
        out[n++] = byte | 0x80;
    }
}

static void test_leb_roundtrip(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; i++) {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
        uint32_t u = (uint32_t)(seed >> (seed & 31));
        uint8_t enc[16];
        size_t n = enc_u(u, enc, (i & 1) ? 5 : 0);
        buf b;
        wd_reader r = rd(&b, enc, n);
        uint32_t got;
        assert_true(wd_rd_u32(&r, &got));
        assert_int_equal(got, u);
        free(b.p);

        int32_t s = (int32_t)u;
        n = enc_s(s, enc);
        r = rd(&b, enc, n);
        int32_t sg;
        assert_true(wd_rd_s32(&r, &sg));
        assert_int_equal(sg, s);
        free(b.p);

        int64_t s64 = (int64_t)seed;
        n = enc_s(s64, enc);
        r = rd(&b, enc, n);
        int64_t g64;
        assert_true(wd_rd_s64(&r, &g64));
        assert_true(g64 == s64);
        free(b.p);
    }
}

/* ------------------------------------------------------------ bytes, floats */

static void test_bytes_floats(void **state)
{
    (void)state;
    buf b;
    wd_reader r;
    RD(r, b, 0x00, 0x00, 0xC0, 0x7F, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x7F, 0xAA);
    uint32_t f;
    uint64_t d;
    assert_true(wd_rd_f32(&r, &f));
    assert_int_equal(f, 0x7FC00000u);
    assert_true(wd_rd_f64(&r, &d));
    assert_true(d == 0x7FF8000000000001ull);     /* NaN payload preserved */
    const uint8_t *p;
    assert_false(wd_rd_bytes(&r, 2, &p));
    assert_int_equal(r.erroff, 12);
    assert_int_equal(wd_rd_offset(&r), 12);      /* a failed read consumes nothing */
    free(b.p);

    RD(r, b, 1, 2, 3);
    assert_false(wd_rd_f32(&r, &f));
    assert_string_equal(r.errmsg, "unexpected end of section or function");
    free(b.p);

    /* the first error sticks */
    RD(r, b, 0x80);
    uint8_t u8;
    uint32_t u;
    assert_false(wd_rd_u32(&r, &u));
    assert_false(wd_rd_fail(&r, "other"));
    assert_string_equal(r.errmsg, "unexpected end of section or function");
    r.p = r.base;
    assert_true(wd_rd_u8(&r, &u8));
    assert_int_equal(u8, 0x80);
    free(b.p);
}

/* ------------------------------------------------------------ names */

static bool name_ok(const uint8_t *s, size_t n)
{
    uint8_t tmp[64];
    assert_true(n < 60);
    tmp[0] = (uint8_t)n;
    memcpy(tmp + 1, s, n);
    buf b;
    wd_reader r = rd(&b, tmp, n + 1);
    const uint8_t *out;
    uint32_t len;
    bool ok = wd_rd_name(&r, &out, &len);
    if (ok) {
        assert_int_equal(len, n);
        assert_memory_equal(out, s, n);
    } else {
        assert_string_equal(r.errmsg, "malformed UTF-8 encoding");
        assert_int_equal(r.erroff, 0);
    }
    free(b.p);
    return ok;
}

#define NAME_OK(...) name_ok((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

static void test_names_utf8(void **state)
{
    (void)state;
    assert_true(name_ok((const uint8_t *)"", 0));
    assert_true(NAME_OK('a', 'b', 0x00, 'c'));             /* NUL is a valid character */
    assert_true(NAME_OK(0x7F));
    assert_true(NAME_OK(0xC2, 0x80));                       /* U+0080 */
    assert_true(NAME_OK(0xDF, 0xBF));                       /* U+07FF */
    assert_true(NAME_OK(0xE0, 0xA0, 0x80));                 /* U+0800 */
    assert_true(NAME_OK(0xED, 0x9F, 0xBF));                 /* U+D7FF */
    assert_true(NAME_OK(0xEE, 0x80, 0x80));                 /* U+E000 */
    assert_true(NAME_OK(0xEF, 0xBF, 0xBF));                 /* U+FFFF */
    assert_true(NAME_OK(0xF0, 0x90, 0x80, 0x80));           /* U+10000 */
    assert_true(NAME_OK(0xF4, 0x8F, 0xBF, 0xBF));           /* U+10FFFF */

    assert_false(NAME_OK(0x80));                            /* lone continuation */
    assert_false(NAME_OK(0xBF));
    assert_false(NAME_OK(0xC0, 0x80));                      /* overlong NUL */
    assert_false(NAME_OK(0xC1, 0xBF));                      /* overlong */
    assert_false(NAME_OK(0xC2));                            /* truncated */
    assert_false(NAME_OK(0xC2, 0x41));                      /* bad continuation */
    assert_false(NAME_OK(0xE0, 0x9F, 0xBF));                /* overlong 3-byte */
    assert_false(NAME_OK(0xED, 0xA0, 0x80));                /* surrogate D800 */
    assert_false(NAME_OK(0xED, 0xBF, 0xBF));                /* surrogate DFFF */
    assert_false(NAME_OK(0xE1, 0x80));                      /* truncated 3-byte */
    assert_false(NAME_OK(0xF0, 0x8F, 0xBF, 0xBF));          /* overlong 4-byte */
    assert_false(NAME_OK(0xF4, 0x90, 0x80, 0x80));          /* > U+10FFFF */
    assert_false(NAME_OK(0xF5, 0x80, 0x80, 0x80));
    assert_false(NAME_OK(0xF8, 0x88, 0x80, 0x80, 0x80));    /* 5-byte form */
    assert_false(NAME_OK(0xFE));
    assert_false(NAME_OK(0xFF));
    assert_false(NAME_OK('a', 0xF0, 0x90, 0x80));           /* truncated at the end */
}

static void test_name_lengths(void **state)
{
    (void)state;
    buf b;
    wd_reader r;
    const uint8_t *p;
    uint32_t len;
    /* length beyond the data (counted from the length byte): out of bounds */
    RD(r, b, 0x05, 'a', 'b', 'c');
    assert_false(wd_rd_name(&r, &p, &len));
    assert_string_equal(r.errmsg, "length out of bounds");
    assert_int_equal(r.erroff, 0);
    free(b.p);
    /* exactly one past what is there (the reference's off-by-LEB rule) */
    RD(r, b, 0x04, 'a', 'b', 'c');
    assert_false(wd_rd_name(&r, &p, &len));
    assert_string_equal(r.errmsg, "unexpected end of section or function");
    free(b.p);
    RD(r, b, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
    assert_false(wd_rd_name(&r, &p, &len));
    assert_string_equal(r.errmsg, "length out of bounds");
    free(b.p);
}

/* ------------------------------------------------------------ arena, errors */

static void test_arena(void **state)
{
    (void)state;
    wd_arena a;
    wd_arena_init(&a);
    for (int i = 1; i < 3000; i += 7) {
        uint8_t *p = wd_arena_alloc(&a, (size_t)i);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (int k = 0; k < i; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)i);
    }
    uint8_t *big = wd_arena_alloc(&a, 1u << 20);              /* its own chunk */
    assert_non_null(big);
    assert_int_equal(big[(1u << 20) - 1], 0);
    uint8_t *after = wd_arena_alloc(&a, 16);
    assert_non_null(after);
    assert_null(wd_arena_array(&a, SIZE_MAX / 2, 4));         /* overflow */
    assert_null(wd_arena_alloc(&a, SIZE_MAX - 8));
    char *s = wd_arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    assert_true(a.total > (1u << 20));
    wd_arena_free(&a);
    assert_null(a.head);
    assert_int_equal(a.total, 0);

    /* failure injection */
    wd_arena_init(&a);
    wd__alloc_fail_after(0);
    assert_null(wd_arena_alloc(&a, 10));
    assert_null(wd__malloc(1));
    assert_null(wd__calloc(1, 1));
    assert_null(wd__realloc(NULL, 1));
    wd__alloc_fail_after(1);
    void *m1 = wd__malloc(8);
    assert_non_null(m1);
    assert_null(wd__malloc(8));
    wd__alloc_fail_after(-1);
    void *m2 = wd__malloc(8);
    assert_non_null(m2);
    wd__free(m1);
    wd__free(m2);
    wd_arena_free(&a);
}

static void test_errors(void **state)
{
    (void)state;
    wd_error e;
    char buf[512];
    wd_error_clear(&e);
    assert_int_equal(e.status, WD_OK);
    assert_true(e.offset == WD_NO_OFFSET);
    wd__error_set(&e, WD_ERR_MALFORMED, "a.wasm", 0x1a3, "bad %s %d", "thing", 7);
    assert_int_equal(e.status, WD_ERR_MALFORMED);
    assert_string_equal(wd_error_format(&e, buf, sizeof buf), "a.wasm:0x1a3: bad thing 7");
    wd__error_set(&e, WD_ERR_IO, "a.wasm", WD_NO_OFFSET, "cannot read");
    assert_string_equal(wd_error_format(&e, buf, sizeof buf), "a.wasm: cannot read");
    wd__error_set(&e, WD_ERR_MALFORMED, "", 0, "x");
    assert_string_equal(wd_error_format(&e, buf, sizeof buf), "0x0: x");
    wd__error_set(&e, WD_ERR_MALFORMED, NULL, WD_NO_OFFSET, "y");
    assert_string_equal(wd_error_format(&e, buf, sizeof buf), "y");
    /* long file names are truncated, never overflow */
    char longname[400];
    memset(longname, 'f', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    wd__error_set(&e, WD_ERR_MALFORMED, longname, 1, "z");
    assert_int_equal(strlen(e.file), sizeof e.file - 1);
    /* the file may come from the error itself */
    wd__error_set(&e, WD_ERR_MALFORMED, e.file, 2, "again");
    assert_int_equal(strlen(e.file), sizeof e.file - 1);
    char small[8];
    wd_error_format(&e, small, sizeof small);
    assert_int_equal(strlen(small), 7);

    assert_string_equal(wd_trap_message(WD_TRAP_INT_DIV_ZERO), "integer divide by zero");
    assert_string_equal(wd_trap_message(WD_TRAP_UNINIT_ELEMENT), "uninitialized element");
    assert_string_equal(wd_trap_message(WD_TRAP_HOST), "host trap");
    assert_string_equal(wd_trap_message(WD_TRAP_PROBE), "stopped by probe");
    for (int t = 0; t <= WD_TRAP__COUNT; t++)
        assert_non_null(wd_trap_message((wd_trap)t));
    assert_string_equal(wd_valtype_name(WD_I32), "i32");
    assert_string_equal(wd_valtype_name(WD_V128), "v128");
    assert_string_equal(wd_valtype_name(WD_EXTERNREF), "externref");
}

/* ------------------------------------------------------------ instructions */

static bool insn(const uint8_t *code, size_t n, uint32_t features, wd_insn *in, wd_reader *out)
{
    buf b;
    wd_reader r = rd(&b, code, n);
    bool ok = wd_insn_read(&r, features, in);
    if (out) {
        *out = r;
        out->p = out->base = out->end = NULL;   /* the buffer is freed below */
    }
    free(b.p);
    return ok;
}

#define INSN(in, feat, ...) \
    insn((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}), feat, in, &rr)

static void test_opinfo(void **state)
{
    (void)state;
    assert_string_equal(wd_opinfo_table[WD_OP_I32_ADD].name, "i32.add");
    assert_string_equal(wd_opinfo_table[WD_OP_I32_ADD].sig, "ii_i");
    assert_int_equal(wd_opinfo_table[WD_OP_I32_ADD].kind, K_PURE);
    assert_int_equal(wd_opinfo_table[WD_OP_I64_LOAD].membytes, 8);
    assert_int_equal(wd_opinfo_table[WD_OP_V128_CONST].prefix, 0xFD);
    assert_int_equal(wd_opinfo_table[WD_OP_V128_CONST].code, 12);
    assert_string_equal(wd_opinfo_table[WD_OP_BLOCK].sig, "x");
    /* every opcode decodes back to itself */
    for (int op = 0; op < WD_OP__COUNT; op++) {
        const wd_opinfo *oi = &wd_opinfo_table[op];
        uint8_t code[64];
        size_t n = 0;
        if (oi->prefix) {
            code[n++] = oi->prefix;
            n += enc_u(oi->code, code + n, 0);
        } else {
            code[n++] = (uint8_t)oi->code;
        }
        memset(code + n, 0, sizeof code - n);   /* zero immediates decode everywhere */
        if (oi->imm == IMM_BLOCKTYPE)
            code[n] = 0x40;
        if (oi->imm == IMM_REFTYPE)
            code[n] = 0x70;
        wd_insn in;
        wd_reader rr;
        assert_true(insn(code, sizeof code, WD_FEATURE_TAIL_CALL, &in, &rr));
        assert_int_equal(in.op, op);
        assert_int_equal(in.offset, 0);
    }
}

static void test_insn_imms(void **state)
{
    (void)state;
    wd_insn in;
    wd_reader rr;

    assert_true(INSN(&in, 0, 0x6A));
    assert_int_equal(in.op, WD_OP_I32_ADD);
    assert_int_equal(in.len, 1);

    assert_true(INSN(&in, 0, 0x02, 0x40));
    assert_true(in.imm.blocktype == WD_BLOCK_EMPTY);
    assert_true(INSN(&in, 0, 0x03, 0x7F));
    assert_true(in.imm.blocktype == -1);
    assert_true(INSN(&in, 0, 0x04, 0x7B));
    assert_true(in.imm.blocktype == -5);
    assert_true(INSN(&in, 0, 0x02, 0x85, 0x01));        /* type index 133 */
    assert_true(in.imm.blocktype == 133);
    assert_false(INSN(&in, 0, 0x02, 0x7A));             /* not a value type */
    assert_string_equal(rr.errmsg, "malformed value type");
    assert_int_equal(rr.erroff, 1);
    assert_false(INSN(&in, 0, 0x02, 0xFF, 0x7F));       /* -1 in two bytes */

    assert_true(INSN(&in, 0, 0x41, 0x80, 0x7F));
    assert_int_equal(in.imm.i32, (uint32_t)-128);
    assert_true(INSN(&in, 0, 0x42, 0x7F));
    assert_true(in.imm.i64 == UINT64_MAX);
    assert_true(INSN(&in, 0, 0x43, 0x01, 0x00, 0xC0, 0x7F));
    assert_int_equal(in.imm.f32, 0x7FC00001u);
    assert_int_equal(in.len, 5);

    assert_true(INSN(&in, 0, 0x28, 0x02, 0x10));        /* i32.load align=2 offset=16 */
    assert_int_equal(in.imm.mem.align, 2);
    assert_true(in.imm.mem.offset == 16);
    assert_int_equal(in.imm.mem.mem, 0);
    /* bit 6 without multi-memory: just an (invalid) alignment */
    assert_true(INSN(&in, 0, 0x28, 0x42, 0x10));
    assert_int_equal(in.imm.mem.align, 0x42);
    assert_true(INSN(&in, WD_FEATURE_MULTI_MEMORY, 0x28, 0x42, 0x03, 0x10));
    assert_int_equal(in.imm.mem.align, 2);
    assert_int_equal(in.imm.mem.mem, 3);
    assert_true(in.imm.mem.offset == 16);
    assert_false(INSN(&in, 0, 0x28, 0x80, 0x80, 0x80, 0x80, 0x10, 0x00));  /* align >= 2^32 */
    assert_string_equal(rr.errmsg, "integer too large");

    assert_true(INSN(&in, 0, 0x3F, 0x00));
    assert_int_equal(in.op, WD_OP_MEMORY_SIZE);
    assert_false(INSN(&in, 0, 0x40, 0x01));
    assert_string_equal(rr.errmsg, "zero byte expected");
    assert_int_equal(rr.erroff, 1);
    assert_false(INSN(&in, 0, 0x40, 0x80, 0x00));       /* a padded zero is not the byte 0 */
    assert_string_equal(rr.errmsg, "zero byte expected");
    assert_true(INSN(&in, WD_FEATURE_MULTI_MEMORY, 0x40, 0x80, 0x01));
    assert_int_equal(in.imm.idx, 128);
    assert_true(INSN(&in, 0, 0xFC, 0x08, 0x05, 0x00));  /* memory.init 5 */
    assert_int_equal(in.op, WD_OP_MEMORY_INIT);
    assert_int_equal(in.imm.two.a, 5);
    assert_false(INSN(&in, 0, 0xFC, 0x0A, 0x00, 0x01)); /* memory.copy */
    assert_string_equal(rr.errmsg, "zero byte expected");
    assert_int_equal(rr.erroff, 3);
    assert_true(INSN(&in, WD_FEATURE_MULTI_MEMORY, 0xFC, 0x0A, 0x01, 0x02));
    assert_int_equal(in.imm.two.a, 1);
    assert_int_equal(in.imm.two.b, 2);
    assert_false(INSN(&in, 0, 0xFC, 0x0B, 0x02));       /* memory.fill */

    assert_true(INSN(&in, 0, 0x11, 0x03, 0x81, 0x01));  /* call_indirect type 3 table 129 */
    assert_int_equal(in.imm.ci.typeidx, 3);
    assert_int_equal(in.imm.ci.table, 129);
    assert_true(INSN(&in, 0, 0xFC, 0x0C, 0x02, 0x01));  /* table.init elem 2 table 1 */
    assert_int_equal(in.imm.two.a, 2);
    assert_int_equal(in.imm.two.b, 1);

    assert_true(INSN(&in, 0, 0x1C, 0x01, 0x7E));
    assert_int_equal(in.imm.sel.count, 1);
    assert_int_equal(in.imm.sel.type, WD_I64);
    assert_true(INSN(&in, 0, 0x1C, 0x00));
    assert_int_equal(in.imm.sel.count, 0);
    assert_true(INSN(&in, 0, 0x1C, 0x02, 0x7F, 0x70));
    assert_int_equal(in.imm.sel.count, 2);
    assert_int_equal(in.imm.sel.type, WD_I32);
    assert_false(INSN(&in, 0, 0x1C, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F));  /* count runs out */

    assert_true(INSN(&in, 0, 0xD0, 0x6F));
    assert_int_equal(in.imm.reftype, WD_EXTERNREF);
    assert_false(INSN(&in, 0, 0xD0, 0x7F));
    assert_string_equal(rr.errmsg, "malformed reference type");

    assert_true(INSN(&in, 0, 0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31));
    assert_int_equal(in.op, WD_OP_I8X16_SHUFFLE);
    assert_int_equal(in.imm.bytes[15], 31);
    assert_int_equal(in.len, 18);
    assert_true(INSN(&in, 0, 0xFD, 0x15, 0x07));        /* i8x16.extract_lane_s 7 */
    assert_int_equal(in.op, WD_OP_I8X16_EXTRACT_LANE_S);
    assert_int_equal(in.imm.lane, 7);
    assert_true(INSN(&in, 0, 0xFD, 0x54, 0x00, 0x08, 0x0F));   /* v128.load8_lane */
    assert_int_equal(in.op, WD_OP_V128_LOAD8_LANE);
    assert_true(in.imm.mem.offset == 8);
    assert_int_equal(in.imm.mem.lane, 15);
    assert_true(INSN(&in, 0, 0xFD, 0x80, 0x01));        /* sub-opcode 128 as a 2-byte LEB */
    assert_int_equal(wd_opinfo_table[in.op].prefix, 0xFD);
    assert_int_equal(wd_opinfo_table[in.op].code, 128);
}

static void test_insn_illegal(void **state)
{
    (void)state;
    wd_insn in;
    wd_reader rr;
    static const uint8_t illegal[] = { 0x06, 0x07, 0x08, 0x09, 0x0A, 0x14, 0x17, 0x1D, 0x27,
                                       0xC5, 0xCF, 0xD3, 0xE0, 0xFB, 0xFE, 0xFF };
    for (size_t i = 0; i < sizeof illegal; i++) {
        uint8_t code[2] = { illegal[i], 0 };
        assert_false(insn(code, 2, ~0u, &in, &rr));
        assert_string_equal(rr.errmsg, "illegal opcode");
        assert_int_equal(rr.erroff, 0);
    }
    assert_false(INSN(&in, 0, 0xFC, 0x12));
    assert_string_equal(rr.errmsg, "illegal opcode");
    assert_int_equal(rr.erroff, 0);
    assert_false(INSN(&in, 0, 0xFC, 0x80, 0x02));       /* 256 */
    assert_string_equal(rr.errmsg, "illegal opcode");
    assert_false(INSN(&in, 0, 0xFD, 0x9A, 0x01));       /* 154: a hole in the SIMD numbering */
    assert_string_equal(rr.errmsg, "illegal opcode");
    assert_false(INSN(&in, 0, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x10));
    assert_string_equal(rr.errmsg, "integer too large");
    /* tail calls only with the feature */
    assert_false(INSN(&in, 0, 0x12, 0x00));
    assert_string_equal(rr.errmsg, "illegal opcode");
    assert_true(INSN(&in, WD_FEATURE_TAIL_CALL, 0x12, 0x00));
    assert_int_equal(in.op, WD_OP_RETURN_CALL);
    /* immediates cut short */
    assert_false(INSN(&in, 0, 0x44, 0, 0, 0, 0, 0, 0, 0));
    assert_string_equal(rr.errmsg, "unexpected end of section or function");
    assert_false(INSN(&in, 0, 0xFD, 0x0C, 0, 0, 0));
    assert_false(INSN(&in, 0, 0x0E, 0x02, 0x00, 0x01));
}

static void test_br_table(void **state)
{
    (void)state;
    static const uint8_t code[] = { 0x0E, 0x03, 0x00, 0x81, 0x01, 0x02, 0x05, 0x0B };
    buf b;
    wd_reader r = rd(&b, code, sizeof code);
    wd_insn in;
    assert_true(wd_insn_read(&r, 0, &in));
    assert_int_equal(in.op, WD_OP_BR_TABLE);
    assert_int_equal(in.imm.brt.count, 3);
    assert_int_equal(in.len, 7);
    wd_brt_iter it;
    wd_brt_iter_init(&it, &in, b.p + in.len);
    uint32_t t, want[] = { 0, 129, 2, 5 };
    for (int i = 0; i < 4; i++) {
        assert_true(wd_brt_iter_next(&it, &t));
        assert_int_equal(t, want[i]);
    }
    assert_false(wd_brt_iter_next(&it, &t));
    assert_true(wd_insn_read(&r, 0, &in));
    assert_int_equal(in.op, WD_OP_END);
    assert_int_equal(in.offset, 7);
    free(b.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u32),
        cmocka_unit_test(test_u64),
        cmocka_unit_test(test_s32),
        cmocka_unit_test(test_s33_s64),
        cmocka_unit_test(test_leb_roundtrip),
        cmocka_unit_test(test_bytes_floats),
        cmocka_unit_test(test_names_utf8),
        cmocka_unit_test(test_name_lengths),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_opinfo),
        cmocka_unit_test(test_insn_imms),
        cmocka_unit_test(test_insn_illegal),
        cmocka_unit_test(test_br_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
