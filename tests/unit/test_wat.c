/* test_wat.c: the text-format parser (core/wat.c): encodings checked byte by
 * byte, the lexer's and the number and string readers' edge cases, errors
 * with their LINE:COL, loading .wat files, and a robustness test (every
 * prefix, byte substitutions, random mutations, allocation failures) that
 * must never crash. The spec suite checks the encoding of thousands of
 * further modules against wast2json (spectest --check-wat). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <locale.h>
#include <cmocka.h>

#include "module.h"

/* ------------------------------------------------------------ helpers */

#define BYTES(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})

static bool parse(const char *text, uint32_t features, uint8_t **out, size_t *n, wd_error *err)
{
    /* byte-exact checks compare with wast2json, which writes no name section */
    wd_load_options o = { .features = features, .name = "t.wat", .no_name_section = true };
    return wd_wat_to_wasm(text, strlen(text), &o, out, n, err);
}

/* The encoding of text, which must parse (malloc'ed, *n bytes). */
static uint8_t *parse_ok(const char *text, size_t *n)
{
    uint8_t *got = NULL;
    wd_error err;
    char buf[512];
    if (!parse(text, 0, &got, n, &err))
        fail_msg("<%s> rejected: %s", text, wd_error_format(&err, buf, sizeof buf));
    return got;
}

/* text must encode to exactly the bytes want (header included). */
static void expect_bytes(const char *text, const uint8_t *want, size_t wn)
{
    size_t n = 0;
    uint8_t *got = parse_ok(text, &n);
    if (n != wn || memcmp(got, want, n) != 0) {
        size_t d = 0;
        while (d < n && d < wn && got[d] == want[d])
            d++;
        free(got);
        fail_msg("<%s>: %zu bytes, expected %zu; first difference at 0x%zx", text, n, wn, d);
    }
    free(got);
}

/* The body of the only function of text: the code section's last entry,
 * after its size and local declarations (none). */
static void expect_body(const char *text, const uint8_t *want, size_t wn)
{
    size_t n = 0;
    uint8_t *got = parse_ok(text, &n);
    /* ... 0x0a size count bodysize 0x00 body: the body is the file's tail */
    if (n < wn + 1 || got[n - wn - 1] != 0x00 || memcmp(got + n - wn, want, wn) != 0) {
        free(got);
        fail_msg("<%s>: the body is not the expected %zu bytes", text, wn);
    }
    free(got);
}

/* text must fail with the formatted error "t.wat:want". */
static void expect_error(const char *text, const char *want)
{
    uint8_t *got = NULL;
    size_t n = 0;
    wd_error err;
    char buf[512], full[512];
    if (parse(text, 0, &got, &n, &err)) {
        free(got);
        fail_msg("<%s> accepted, expected \"%s\"", text, want);
    }
    assert_null(got);
    assert_int_equal(err.status, WD_ERR_MALFORMED);
    snprintf(full, sizeof full, "t.wat:%s", want);
    wd_error_format(&err, buf, sizeof buf);
    if (strcmp(buf, full) != 0)
        fail_msg("<%s>: got \"%s\", expected \"%s\"", text, buf, full);
}

/* The bits of a float literal of `bits` (32 or 64): the constant's
 * little-endian bytes, between its opcode and the function's end. */
static uint64_t float_bits(unsigned bits, const char *lit)
{
    char text[256];
    snprintf(text, sizeof text, "(func (result f%u) (f%u.const %s))", bits, bits, lit);
    size_t n = 0;
    uint8_t *got = parse_ok(text, &n);
    size_t k = bits / 8;
    assert_true(n >= k + 2);
    assert_int_equal(got[n - k - 2], bits == 32 ? 0x43 : 0x44);
    uint64_t v = 0;
    for (size_t i = 0; i < k; i++)
        v |= (uint64_t)got[n - k - 1 + i] << (8 * i);
    free(got);
    return v;
}

static uint32_t f32_bits(const char *lit) { return (uint32_t)float_bits(32, lit); }
static uint64_t f64_bits(const char *lit) { return float_bits(64, lit); }

/* ------------------------------------------------------------ encodings */

/* The "name" custom section written for $ids, byte for byte as wat2wasm
 * --debug-names writes subsections 0 and 1 (it adds locals, unused here). */
static void test_name_section(void **state)
{
    (void)state;
    const char *text = "(module $mod (func $a) (func) (func $bc))";
    wd_load_options o = { .features = 0, .name = "t.wat" };
    uint8_t *got = NULL;
    size_t n = 0;
    wd_error err;
    assert_true(wd_wat_to_wasm(text, strlen(text), &o, &got, &n, &err));
    static const uint8_t tail[] = {
        0x00, 0x15, 0x04, 'n', 'a', 'm', 'e',         /* custom section "name", 21 bytes */
        0x00, 0x04, 0x03, 'm', 'o', 'd',               /* module name "mod" */
        0x01, 0x08, 0x02, 0x00, 0x01, 'a', 0x02, 0x02, 'b', 'c',   /* functions 0 and 2 */
    };
    assert_true(n > sizeof tail);
    assert_memory_equal(got + n - sizeof tail, tail, sizeof tail);
    free(got);
    size_t named = n;
    /* no $ids, no section; and none when asked for none */
    expect_bytes("(module (func))", BYTES(0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2,
                                          1, 0, 10, 4, 1, 2, 0, 0x0b));
    o.no_name_section = true;
    assert_true(wd_wat_to_wasm(text, strlen(text), &o, &got, &n, &err));
    assert_int_equal(n, named - sizeof tail);
    free(got);
}

static void test_encodings(void **state)
{
    (void)state;
    expect_bytes("(module)", BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    /* bare fields are a module too, and so is nothing at all */
    expect_bytes("", BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    expect_bytes("(module (func (result i32) (i32.const 42)))",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60,
                       0x00, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00,
                       0x41, 0x2a, 0x0b));
    /* explicit types come first even when written last; a type use without
     * (type) reuses an equal type */
    expect_bytes("(module (func (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))"
                 " (func (param i32 i32) (result i32 i32) (local.get 0) (local.get 1))"
                 " (type $t (func)))",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0b, 0x02, 0x60,
                       0x00, 0x00, 0x60, 0x02, 0x7f, 0x7f, 0x02, 0x7f, 0x7f, 0x03, 0x03, 0x02,
                       0x01, 0x01, 0x0a, 0x0f, 0x02, 0x06, 0x00, 0x20, 0x01, 0x20, 0x00, 0x0b,
                       0x06, 0x00, 0x20, 0x00, 0x20, 0x01, 0x0b));
    /* folded if/then/else, memarg with offset and alignment */
    expect_bytes("(module (memory 1) (func (param i32) (if (local.get 0) (then (nop)) (else"
                 " (i32.store offset=4 align=2 (i32.const 0) (i32.const -1))))))",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60,
                       0x01, 0x7f, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01,
                       0x0a, 0x12, 0x01, 0x10, 0x00, 0x20, 0x00, 0x04, 0x40, 0x01, 0x05, 0x41,
                       0x00, 0x41, 0x7f, 0x36, 0x01, 0x04, 0x0b, 0x0b));
    /* element and data segments, names used before their definition */
    expect_bytes("(module (table 2 funcref) (func $f) (elem (i32.const 0) $f $f)"
                 " (data (memory 0) (i32.const 8) \"a\\00\\u{e9}\") (memory 1))",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
                       0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x02,
                       0x05, 0x03, 0x01, 0x00, 0x01, 0x09, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0b,
                       0x02, 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, 0x0b, 0x0a, 0x01,
                       0x00, 0x41, 0x08, 0x0b, 0x04, 0x61, 0x00, 0xc3, 0xa9));
}

static void test_instructions(void **state)
{
    (void)state;
    /* labels by name count outwards; br_table's default is last */
    expect_body("(func (block $a (block $b (br_table $a $b 0 (i32.const 0)))))",
                BYTES(0x02, 0x40, 0x02, 0x40, 0x41, 0x00, 0x0e, 0x02, 0x01, 0x00, 0x00, 0x0b,
                      0x0b, 0x0b));
    /* the plain forms, with the label repeated after end */
    expect_body("(func block $l loop $m br $m end $m br 0 end $l)",
                BYTES(0x02, 0x40, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0c, 0x00, 0x0b, 0x0b));
    /* an empty else is left out */
    expect_body("(func (param i32) local.get 0 if else end)",
                BYTES(0x20, 0x00, 0x04, 0x40, 0x0b, 0x0b));
    /* a one-result block type is the value type */
    expect_body("(func (result i64) (block (result i64) (i64.const -1)))",
                BYTES(0x02, 0x7e, 0x42, 0x7f, 0x0b, 0x0b));
    /* typed select, ref.null, ref.is_null, table.get with the index left out */
    expect_body("(func (result i32) (select (result i32) (i32.const 1) (i32.const 2)"
                " (i32.const 0)))",
                BYTES(0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1c, 0x01, 0x7f, 0x0b));
    expect_body("(func (result i32) (ref.is_null (ref.null extern)))",
                BYTES(0xd0, 0x6f, 0xd1, 0x0b));
    /* i64.const keeps all 64 bits, signed LEB128 */
    expect_body("(func (result i64) (i64.const 0x8000_0000_0000_0000))",
                BYTES(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x0b));
    /* SIMD: a constant per shape, lanes, shuffles */
    expect_body("(func (result v128) (v128.const i16x8 1 2 3 4 5 6 7 -1))",
                BYTES(0xfd, 0x0c, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xff, 0xff, 0x0b));
    expect_body("(func (result i32) (i8x16.extract_lane_u 15 (v128.const i64x2 0 -1)))",
                BYTES(0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                      0xff, 0xff, 0xfd, 0x16, 0x0f, 0x0b));
}

/* ------------------------------------------------------------ lexer */

static void test_lexer(void **state)
{
    (void)state;
    /* comments: line, nested block, one ending the text without a newline */
    expect_bytes("(;a(;b;)c;)(module;;x\n(;;)) ;; end",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    expect_error("(module)\n  (; never closed", "2:3: unclosed block comment");
    expect_error("(module\n  (func \"abc)", "2:9: unclosed string");
    expect_error("(module\n  (func \"abc)\n", "2:9: illegal character in string");
    expect_error("(module (func))\n)", "2:1: unexpected token ')'");
    expect_error("(module\n (func (nop)", "2:2: '(' not closed before the end of input");
    expect_error("(module (func $))", "1:15: empty identifier");
    expect_error("(module (func nop\"a\"))", "1:18: unexpected token: tokens must be "
                                             "separated by white space");
    /* a paren separates tokens by itself */
    expect_error("(module (func (nop)x))", "1:20: unknown operator x");
    expect_error("(module (data \"a\"\"b\"))", "1:18: unexpected token: tokens must be "
                                             "separated by white space");
    expect_error("(module (func {))", "1:15: unexpected character '{'");
    expect_error("(module (func \xc3\xa9))", "1:15: unexpected character (non-ASCII outside a "
                                           "string)");
    /* columns count characters: the 'é' before the error is one column */
    expect_error("(module (data \"\xc3\xa9\") (func nope))", "1:26: unknown operator nope");
    /* control characters and broken UTF-8 inside strings */
    expect_error("(module (data \"a\tb\"))", "1:15: illegal character in string");
    expect_error("(module (data \"\xc3\"))", "1:15: malformed UTF-8 encoding");
    expect_error("(module (data \"\xed\xa0\x80\"))", "1:15: malformed UTF-8 encoding");
    /* NUL bytes are text like any other: an error, never the end */
    static const char nul[] = "(module\0)";
    uint8_t *out = NULL;
    size_t n = 0;
    wd_error err;
    wd_load_options o = { .features = 0, .name = "t.wat" };
    assert_false(wd_wat_to_wasm(nul, sizeof nul - 1, &o, &out, &n, &err));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 8);
    /* the text need not be NUL-terminated */
    static const char unterminated[8] = { '(', 'm', 'o', 'd', 'u', 'l', 'e', ')' };
    assert_true(wd_wat_to_wasm(unterminated, sizeof unterminated, &o, &out, &n, &err));
    assert_int_equal(n, 8);
    free(out);
}

/* ------------------------------------------------------------ numbers */

static void test_integers(void **state)
{
    (void)state;
    expect_body("(func (result i32) (i32.const 0xffff_ffff))", BYTES(0x41, 0x7f, 0x0b));
    expect_body("(func (result i32) (i32.const -0x8000_0000))",
                BYTES(0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0b));
    expect_body("(func (result i32) (i32.const +1_000))", BYTES(0x41, 0xe8, 0x07, 0x0b));
    expect_body("(func (result i64) (i64.const 18446744073709551615))",
                BYTES(0x42, 0x7f, 0x0b));
    expect_error("(func (result i32) (i32.const 4294967296))", "1:31: constant out of range");
    expect_error("(func (result i32) (i32.const -2147483649))", "1:31: constant out of range");
    expect_error("(func (result i64) (i64.const 18446744073709551616))",
                 "1:31: constant out of range");
    expect_error("(func (result i64) (i64.const 0x1_0000_0000_0000_0000))",
                 "1:31: constant out of range");
    /* underscores only between digits */
    expect_error("(func (result i32) (i32.const 1__0))", "1:31: unexpected token \"1__0\"");
    expect_error("(func (result i32) (i32.const _1))", "1:31: unexpected token \"_1\"");
    expect_error("(func (result i32) (i32.const 1_))", "1:31: unexpected token \"1_\"");
    expect_error("(func (result i32) (i32.const 0x_1))", "1:31: unexpected token \"0x_1\"");
    expect_error("(func (result i32) (i32.const 0x))", "1:31: unexpected token \"0x\"");
    expect_error("(func (result i32) (i32.const 1.0))", "1:31: unexpected token \"1.0\"");
    /* an index is a u32 */
    expect_error("(func (local.get 4294967296))", "1:18: i32 constant out of range");
    expect_error("(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))",
                 "1:34: i32 constant out of range");
    expect_error("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))",
                 "1:34: alignment must be a power of two");
}

static void test_floats(void **state)
{
    (void)state;
    assert_int_equal(f32_bits("0"), 0);
    assert_int_equal(f32_bits("-0"), 0x80000000u);
    assert_int_equal(f32_bits("1.5"), 0x3fc00000u);
    assert_int_equal(f32_bits("1e1_0"), 0x501502f9u);
    assert_int_equal(f32_bits("0x1p-149"), 1);                     /* smallest subnormal */
    assert_int_equal(f32_bits("0x1.fffffep127"), 0x7f7fffffu);     /* largest finite */
    assert_int_equal(f32_bits("inf"), 0x7f800000u);
    assert_int_equal(f32_bits("-inf"), 0xff800000u);
    assert_int_equal(f32_bits("nan"), 0x7fc00000u);
    assert_int_equal(f32_bits("-nan"), 0xffc00000u);
    assert_int_equal(f32_bits("nan:0x1"), 0x7f800001u);
    assert_int_equal(f32_bits("+nan:0x7f_ffff"), 0x7fffffffu);
    /* rounded once, to f32: 1 + 2^-24 is a tie (to even: 1), a hair above it
     * rounds up, which a detour through f64 would lose */
    assert_int_equal(f32_bits("0x1.000001p0"), 0x3f800000u);
    assert_int_equal(f32_bits("0x1.00000100000000001p0"), 0x3f800001u);
    assert_int_equal(f32_bits("1.000000059604644775390625000000000001"), 0x3f800001u);
    assert_true(f64_bits("0x1p-1074") == 1);
    assert_true(f64_bits("1.7976931348623157e308") == 0x7fefffffffffffffull);
    assert_true(f64_bits("nan:0xf_ffff_ffff_ffff") == 0x7fffffffffffffffull);
    assert_true(f64_bits("0.1") == 0x3fb999999999999aull);
    assert_true(f64_bits("1.") == 0x3ff0000000000000ull);
    assert_true(f64_bits("0x1.P0") == 0x3ff0000000000000ull);
    expect_error("(func (result f32) (f32.const 0x1p128))", "1:31: constant out of range");
    expect_error("(func (result f32) (f32.const 1e39))", "1:31: constant out of range");
    expect_error("(func (result f64) (f64.const 1e309))", "1:31: constant out of range");
    expect_error("(func (result f32) (f32.const nan:0x80_0000))", "1:31: constant out of range");
    expect_error("(func (result f32) (f32.const nan:0x0))", "1:31: constant out of range");
    expect_error("(func (result f32) (f32.const nan:1))", "1:31: unexpected token \"nan:1\"");
    expect_error("(func (result f32) (f32.const .5))", "1:31: unexpected token \".5\"");
    expect_error("(func (result f32) (f32.const 1e))", "1:31: unexpected token \"1e\"");
    expect_error("(func (result f32) (f32.const 0x1e+1))", "1:31: unexpected token \"0x1e+1\"");
    expect_error("(func (result f32) (f32.const 1._5))", "1:31: unexpected token \"1._5\"");
}

/* The C library reads numbers in the current locale, which the TUI takes from
 * the environment: a decimal comma must not change what "1.5" means. */
static void test_floats_locale(void **state)
{
    (void)state;
    static const char *const comma[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                         "fr_FR.utf8", "de_DE", NULL };
    const char *set = NULL;
    for (int i = 0; comma[i] && !set; i++)
        set = setlocale(LC_NUMERIC, comma[i]);
    if (!set || strcmp(localeconv()->decimal_point, ",") != 0) {
        setlocale(LC_NUMERIC, "C");
        skip();   /* no locale with a decimal comma on this machine */
    }
    uint32_t v = f32_bits("1.5");
    uint64_t d = f64_bits("0x1.8p0");
    setlocale(LC_NUMERIC, "C");
    assert_int_equal(v, 0x3fc00000u);
    assert_true(d == 0x3ff8000000000000ull);
}

/* ------------------------------------------------------------ strings */

static void test_strings(void **state)
{
    (void)state;
    /* every escape, in a data segment (any bytes) */
    expect_bytes("(data \"\\t\\n\\r\\\"\\'\\\\\\41\\ff\\u{0}\\u{7f}\\u{80}\\u{ffff}\\u{1_0000}"
                 "\\u{10FFFF}\")",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x0b, 0x1a, 0x01, 0x01,
                       0x17, '\t', '\n', '\r', '"', '\'', '\\', 0x41, 0xff, 0x00, 0x7f, 0xc2,
                       0x80, 0xef, 0xbf, 0xbf, 0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf));
    expect_error("(data \"\\q\")", "1:7: bad escape in string");
    expect_error("(data \"\\4\")", "1:7: bad escape in string");
    expect_error("(data \"\\u{d800}\")", "1:7: bad code point in \\u escape");
    expect_error("(data \"\\u{110000}\")", "1:7: bad code point in \\u escape");
    expect_error("(data \"\\u{}\")", "1:7: bad \\u escape in string");
    expect_error("(data \"\\u41\")", "1:7: bad \\u escape in string");
    /* names must be UTF-8 after the escapes are decoded */
    expect_error("(func (export \"\\ff\"))", "1:15: malformed UTF-8 encoding");
    expect_error("(import \"\\c3\" \"f\" (func))", "1:9: malformed UTF-8 encoding");
    expect_bytes("(func (export \"\\c3\\a9\"))",
                 BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
                       0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x06, 0x01, 0x02, 0xc3, 0xa9,
                       0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b));
}

/* ------------------------------------------------------------ structure */

static void test_errors(void **state)
{
    (void)state;
    expect_error("(module\n  (func\n    (i32.add_x)))", "3:6: unknown operator i32.add_x");
    expect_error("(func (br $nowhere))", "1:11: unknown label $nowhere");
    expect_error("(func block $a end $b)", "1:20: mismatching label $b");
    expect_error("(func (call $g))", "1:13: unknown function $g");
    expect_error("(func (local.get $x))", "1:18: unknown local $x");
    expect_error("(func $f) (func $f)", "1:17: duplicate func $f");
    expect_error("(func (param $a i32) (local $a i32))", "1:29: duplicate local $a");
    expect_error("(func) (import \"m\" \"f\" (func))", "1:25: import after function");
    expect_error("(memory 1) (global (import \"m\" \"g\") i32)",
                 "1:13: import after memory");
    expect_error("(func $s) (start $s) (start $s)", "1:23: multiple start sections");
    expect_error("(type $t (func (param i32))) (func (type $t) (param i64))",
                 "1:36: inline function type does not match the type");
    expect_error("(func (type 3) (param i32))", "1:7: unknown type");
    expect_error("(type (func $x (param i32)))", "1:13: unexpected token \"$x\"");
    expect_error("(func (select (result i32) (param i32)))", "1:29: unexpected token \"param\"");
    expect_error("(func (select (param i32) (result i32)))", "1:16: unexpected token \"param\"");
    /* bare function indices only in an active segment */
    expect_error("(func $f) (elem declare $f)", "1:25: unexpected token \"$f\"");
    expect_error("(func $f) (elem $e $f)", "1:20: unexpected token \"$f\"");
    expect_error("(func (nop) (param i32))", "1:14: unexpected token \"param\"");
    expect_error("(func (result i32) (i32.const))", "1:30: unexpected token \")\"");
    expect_error("(module (func)) (module)", "1:17: unexpected token after the module");
    expect_error("(modul)", "1:2: unknown module field \"modul\"");
    expect_error("(func (block (param $x i32)))", "1:21: unexpected token \"$x\"");
    expect_error("(func (v128.const i32x4 1 2 3))", "1:30: wrong number of lane literals");
    expect_error("(func (v128.const i32x5 1 2 3 4))",
                 "1:19: unexpected token: expected a v128 shape");
    expect_error("(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)))",
                 "1:29: malformed lane index");
    /* tail calls are text only with the feature */
    expect_error("(func $f (return_call $f))", "1:11: unknown operator return_call");
    uint8_t *out = NULL;
    size_t n = 0;
    wd_error err;
    assert_true(parse("(func $f (return_call $f))", WD_FEATURE_TAIL_CALL, &out, &n, &err));
    free(out);
    /* deep nesting ends in an error, not in a stack overflow */
    size_t depth = 100000;
    char *deep = malloc(depth * 8 + 64);
    assert_non_null(deep);
    size_t k = (size_t)sprintf(deep, "(func ");
    for (size_t i = 0; i < depth; i++)
        k += (size_t)sprintf(deep + k, "(block ");
    for (size_t i = 0; i < depth; i++)
        deep[k++] = ')';
    deep[k++] = ')';
    deep[k] = '\0';
    assert_false(parse(deep, 0, &out, &n, &err));
    assert_non_null(strstr(err.msg, "nesting too deep"));
    assert_int_equal(err.line, 1);
    free(deep);
}

/* Many names (the hash table grows many times): written with $names or with
 * numbers, the same module; a duplicate is found among them all. */
static void test_many_names(void **state)
{
    (void)state;
    enum { N = 5000 };
    size_t cap = (size_t)N * 96 + 64;
    char *named = malloc(cap), *numbered = malloc(cap);
    assert_non_null(named);
    assert_non_null(numbered);
    size_t a = 0, b = 0;
    for (int i = 0; i < N; i++) {
        int callee = (i * 7 + 3) % N;
        a += (size_t)snprintf(named + a, cap - a,
                              "(func $f%d (param $p%d i32) (local $l i32) (call $f%d (local.get $p%d)))\n",
                              i, i, callee, i);
        b += (size_t)snprintf(numbered + b, cap - b,
                              "(func (param i32) (local i32) (call %d (local.get 0)))\n", callee);
    }
    size_t na = 0, nb = 0;
    uint8_t *x = parse_ok(named, &na), *y = parse_ok(numbered, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    free(x);
    free(y);
    snprintf(named + a, cap - a, "(func $f%d)", N / 2);
    char want[64];
    snprintf(want, sizeof want, "%d:7: duplicate func $f%d", N + 1, N / 2);
    expect_error(named, want);
    free(named);
    free(numbered);
}

/* ------------------------------------------------------------ loading */

static char *write_temp(const char *text, const char *suffix)
{
    char *path = malloc(64);
    assert_non_null(path);
    snprintf(path, 64, "/tmp/test_wat_XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_true(write(fd, text, n) == (ssize_t)n);
    close(fd);
    return path;
}

static void test_load_file(void **state)
{
    (void)state;
    /* a text file loads like a binary one, whatever its name */
    char *path = write_temp("  ;; adds\n(module (func (export \"add\") (param i32 i32)"
                            " (result i32) (i32.add (local.get 0) (local.get 1))))\n", ".txt");
    wd_error err;
    wd_module *m = wd_module_load_file(path, NULL, &err);
    char buf[512];
    if (!m)
        fail_msg("%s", wd_error_format(&err, buf, sizeof buf));
    assert_int_equal(wd_module_export_count(m), 1);
    wd_module_free(m);
    unlink(path);
    free(path);

    /* a text error names the file, line and column */
    path = write_temp("(module\n  (func (result i32)\n    (i32.const 1x)))\n", ".wat");
    assert_null(wd_module_load_file(path, NULL, &err));
    char want[256];
    snprintf(want, sizeof want, "%s:3:16: unexpected token \"1x\"", path);
    assert_string_equal(wd_error_format(&err, buf, sizeof buf), want);
    unlink(path);
    free(path);

    /* the $ids name the module and its functions (a "name" section), imports too */
    path = write_temp("(module $m (import \"env\" \"f\" (func $imp))\n"
                      "  (func $first) (func) (func $third (call $first)))\n", ".wat");
    m = wd_module_load_file(path, NULL, &err);
    if (!m)
        fail_msg("%s", wd_error_format(&err, buf, sizeof buf));
    assert_string_equal(wd_module_func_name(m, 0), "imp");
    assert_string_equal(wd_module_func_name(m, 1), "first");
    assert_null(wd_module_func_name(m, 2));
    assert_string_equal(wd_module_func_name(m, 3), "third");
    wd_module_free(m);
    unlink(path);
    free(path);

    /* well-formed text that does not validate is an invalid module */
    path = write_temp("(module (func (result i32)))", ".wat");
    assert_null(wd_module_load_file(path, NULL, &err));
    assert_int_equal(err.status, WD_ERR_INVALID);
    unlink(path);
    free(path);

    /* wd_wat_binary_in_place: text replaced, binary left alone */
    uint8_t *bytes = malloc(9);
    assert_non_null(bytes);
    memcpy(bytes, "(module)", 9);
    size_t n = 8;
    assert_true(wd_wat_is_text(bytes, n));
    assert_true(wd_wat_binary_in_place(&bytes, &n, NULL, &err));
    assert_int_equal(n, 8);
    assert_memory_equal(bytes, "\0asm\1\0\0\0", 8);
    assert_false(wd_wat_is_text(bytes, n));
    uint8_t *same = bytes;
    assert_true(wd_wat_binary_in_place(&bytes, &n, NULL, &err));
    assert_ptr_equal(bytes, same);
    free(bytes);
    assert_false(wd_wat_is_text((const uint8_t *)"  \n", 3));
    assert_true(wd_wat_is_text((const uint8_t *)"\n;; x", 5));
}

/* ------------------------------------------------------------ robustness */

/* Modules touching most of the grammar: the seeds of the mutation test. */
static const char *const seeds[] = {
    "(module $m\n"
    "  (type $t (func (param i32) (result i32)))\n"
    "  (import \"env\" \"f\" (func $imp (type $t)))\n"
    "  (import \"env\" \"g\" (global $g (mut i64)))\n"
    "  (memory $mem (export \"mem\") 1 2)\n"
    "  (table $tab 4 funcref)\n"
    "  (global $h (export \"h\") f64 (f64.const -0x1.8p3))\n"
    "  (func $fac (export \"fac\") (type $t) (local $acc i32)\n"
    "    (local.set $acc (i32.const 1))\n"
    "    (block $done\n"
    "      (loop $again\n"
    "        (br_if $done (i32.eqz (local.get 0)))\n"
    "        (local.set $acc (i32.mul (local.get $acc) (local.get 0)))\n"
    "        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))\n"
    "        (br $again)))\n"
    "    (if (result i32) (i32.const 1) (then (local.get $acc)) (else (unreachable))))\n"
    "  (func (param f32) (result f32 i32)\n"
    "    local.get 0 f32.const nan:0x200 f32.min\n"
    "    i32.const 7 i32.const 0x1_0 i32.load8_u offset=3 align=1 i32.add)\n"
    "  (elem (table $tab) (i32.const 0) func $fac $imp)\n"
    "  (elem declare funcref (ref.func $fac))\n"
    "  (data (memory $mem) (offset (i32.const 16)) \"hi\\00\\u{263a}\" \"\\ff\")\n"
    "  (data $p \"passive\")\n"
    "  (start $fac2)\n"
    "  (func $fac2 (drop (call $fac (i32.const 5)))\n"
    "    (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $p)))\n",
    "(module (func (export \"v\") (param v128) (result v128)\n"
    "  (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n"
    "    (v128.const f32x4 1.5 -inf nan 0x1p-149) (local.get 0))\n"
    "  (f64x2.replace_lane 1 (v128.const i64x2 -1 0x7fff_ffff_ffff_ffff) (f64.const 2))\n"
    "  (v128.load32_lane offset=0 align=4 3 (i32.const 0) (local.get 0)) drop drop)\n"
    " (memory 1)\n"
    " (table 1 externref)\n"
    " (func (param externref) (table.set 0 (i32.const 0) (local.get 0))\n"
    "  (select (result funcref) (ref.null func) (ref.null func) (i32.const 1)) drop\n"
    "  (br_table 0 0 (i32.const 2))) ;; trailing comment\n"
    " (; block (; nested ;) comment ;))",
};

/* Parses text; when that succeeds, loads the result too (the validator must
 * cope with whatever the parser wrote). Success or failure, nothing leaks or
 * crashes (ASan). */
static void must_not_crash(const char *text, size_t n)
{
    uint8_t *out = NULL;
    size_t size = 0;
    wd_error err;
    wd_load_options o = { .features = WD_FEATURE_TAIL_CALL | WD_FEATURE_MULTI_MEMORY, .name = "fuzz.wat" };
    if (wd_wat_to_wasm(text, n, &o, &out, &size, &err)) {
        wd_module_free(wd_module_load(out, size, &o, &err));
        free(out);
    } else {
        assert_null(out);
        assert_true(err.status == WD_ERR_MALFORMED || err.status == WD_ERR_NOMEM);
        assert_true(err.msg[0] != '\0');
    }
}

static void test_seeds_valid(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        uint8_t *out = NULL;
        size_t size = 0;
        wd_error err;
        char buf[512];
        wd_load_options o = { .features = 0, .name = "seed.wat" };
        if (!wd_wat_to_wasm(seeds[s], strlen(seeds[s]), &o, &out, &size, &err))
            fail_msg("seed %zu: %s", s, wd_error_format(&err, buf, sizeof buf));
        wd_module *m = wd_module_load(out, size, &o, &err);
        if (!m)
            fail_msg("seed %zu: %s", s, wd_error_format(&err, buf, sizeof buf));
        wd_module_free(m);
        free(out);
    }
}

static void test_truncated_and_garbled(void **state)
{
    (void)state;
    static const char subst[] = "()\"$;0 \\x.=-\xff\xc3";
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        size_t n = strlen(seeds[s]);
        char *t = malloc(n + 1);
        assert_non_null(t);
        /* every prefix, in a buffer of exactly that size (ASan sees overreads) */
        for (size_t k = 0; k <= n; k++) {
            char *p = malloc(k ? k : 1);
            assert_non_null(p);
            memcpy(p, seeds[s], k);
            must_not_crash(p, k);
            free(p);
        }
        /* each byte replaced by each troublesome character, or deleted */
        for (size_t i = 0; i < n; i++) {
            for (size_t c = 0; c < sizeof subst - 1; c++) {
                memcpy(t, seeds[s], n);
                t[i] = subst[c];
                must_not_crash(t, n);
            }
            memcpy(t, seeds[s], i);
            memcpy(t + i, seeds[s] + i + 1, n - i - 1);
            must_not_crash(t, n - 1);
        }
        free(t);
    }
}

static void test_random_mutations(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15ull;   /* fixed seed: failures reproduce */
    for (int round = 0; round < 20000; round++) {
        const char *seed = seeds[round % (sizeof seeds / sizeof seeds[0])];
        size_t n = strlen(seed);
        char *t = malloc(n + 16);
        assert_non_null(t);
        memcpy(t, seed, n);
        int edits = 1 + round % 4;
        for (int e = 0; e < edits; e++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            size_t at = (size_t)(x % n);
            switch ((x >> 32) % 3) {
            case 0: t[at] = (char)(x >> 40); break;                    /* any byte */
            case 1: memmove(t + at, t + at + 1, n - at - 1); n--; break; /* delete */
            default:                                                    /* duplicate a span */
                if (n + 8 <= strlen(seed) + 16 && at + 8 <= n) {
                    memmove(t + at + 8, t + at, n - at);
                    n += 8;
                }
            }
        }
        must_not_crash(t, n);
        free(t);
    }
}

static void test_alloc_failures(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
        bool done = false;
        for (long k = 0; !done && k < 100000; k++) {
            uint8_t *out = NULL;
            size_t size = 0;
            wd_error err;
            wd_load_options o = { .features = 0, .name = "oom.wat" };
            wd__alloc_fail_after(k);
            done = wd_wat_to_wasm(seeds[s], strlen(seeds[s]), &o, &out, &size, &err);
            wd__alloc_fail_after(-1);
            if (done)
                free(out);
            else
                assert_int_equal(err.status, WD_ERR_NOMEM);
        }
        assert_true(done);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_section),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_instructions),
        cmocka_unit_test(test_lexer),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_floats),
        cmocka_unit_test(test_floats_locale),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_many_names),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_seeds_valid),
        cmocka_unit_test(test_truncated_and_garbled),
        cmocka_unit_test(test_random_mutations),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
