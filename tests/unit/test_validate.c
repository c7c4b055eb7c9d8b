/* test_validate.c: the validator on small hand-made modules.
 *
 * Each test builds a binary module from section contents (sizes are computed
 * by the builder), runs the decoder and the validator on it and checks the
 * outcome: accepted, or rejected with the expected status and a message that
 * starts with the spec test suite's wording. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "module.h"

/* ------------------------------------------------------------ builder */

typedef struct buf {
    uint8_t *b;
    size_t n, cap;
} buf;

static void put(buf *o, const void *p, size_t n)
{
    if (o->n + n > o->cap) {
        size_t cap = o->cap ? o->cap : 64;
        while (cap < o->n + n)
            cap *= 2;
        o->b = realloc(o->b, cap);
        assert_non_null(o->b);
        o->cap = cap;
    }
    if (n)
        memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void u8(buf *o, uint8_t x) { put(o, &x, 1); }

static void leb(buf *o, uint32_t x)
{
    do {
        uint8_t c = x & 0x7F;
        x >>= 7;
        if (x)
            c |= 0x80;
        u8(o, c);
    } while (x);
}

static void header(buf *o)
{
    static const uint8_t h[] = { 0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00 };
    put(o, h, sizeof h);
}

static void section(buf *o, uint8_t id, const uint8_t *c, size_t n)
{
    u8(o, id);
    leb(o, (uint32_t)n);
    put(o, c, n);
}

/* A code section with one function: `body` is its locals vector and code. */
static void code1(buf *o, const uint8_t *body, size_t n)
{
    buf c = { 0 };
    leb(&c, 1);
    leb(&c, (uint32_t)n);
    put(&c, body, n);
    section(o, 10, c.b, c.n);
    free(c.b);
}

#define SEC(o, id, ...)                                                  \
    do {                                                                 \
        static const uint8_t s_[] = { __VA_ARGS__ };                     \
        section((o), (id), s_, sizeof s_);                               \
    } while (0)
#define CODE(o, ...)                                                     \
    do {                                                                 \
        static const uint8_t c_[] = { __VA_ARGS__ };                     \
        code1((o), c_, sizeof c_);                                       \
    } while (0)

/* Type section with the single type [] -> [] (0) or [] -> [i32] (1). */
#define TYPES_VOID(o) SEC(o, 1, 0x01, 0x60, 0x00, 0x00)
#define TYPES_I32(o) SEC(o, 1, 0x01, 0x60, 0x00, 0x01, 0x7F)
#define FUNCS1(o) SEC(o, 3, 0x01, 0x00)

/* ------------------------------------------------------------ running */

typedef struct result {
    bool decoded, valid;
    wd_error err;
} result;

static result check(const buf *o, uint32_t features)
{
    result r;
    memset(&r, 0, sizeof r);
    wd_module m;
    memset(&m, 0, sizeof m);
    wd_arena_init(&m.arena);
    m.bytes = malloc(o->n ? o->n : 1);
    assert_non_null(m.bytes);
    memcpy(m.bytes, o->b, o->n);
    m.size = o->n;
    snprintf(m.name, sizeof m.name, "test.wasm");
    m.features = features;
    wd_error_clear(&r.err);
    r.decoded = wd__decode(&m, &r.err);
    if (r.decoded)
        r.valid = wd__validate(&m, &r.err);
    wd_arena_free(&m.arena);
    free(m.bytes);
    return r;
}

static void expect_valid(buf *o, uint32_t features)
{
    result r = check(o, features);
    if (!r.decoded || !r.valid)
        print_error("unexpected error: %s\n", r.err.msg);
    assert_true(r.decoded);
    assert_true(r.valid);
    free(o->b);
    memset(o, 0, sizeof *o);
}

static void expect_error(buf *o, uint32_t features, wd_status st, const char *prefix)
{
    result r = check(o, features);
    if (r.decoded && r.valid)
        print_error("accepted, expected \"%s\"\n", prefix);
    assert_false(r.decoded && r.valid);
    if (st == WD_ERR_INVALID)
        assert_true(r.decoded);
    if (strncmp(r.err.msg, prefix, strlen(prefix)) != 0)
        print_error("message \"%s\", expected \"%s...\"\n", r.err.msg, prefix);
    assert_int_equal(r.err.status, st);
    assert_true(strncmp(r.err.msg, prefix, strlen(prefix)) == 0);
    free(o->b);
    memset(o, 0, sizeof *o);
}

/* ------------------------------------------------------------ tests */

static void test_minimal_valid(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    expect_valid(&o, 0);                             /* the empty module */

    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x2A, 0x0B);                /* i32.const 42 end */
    expect_valid(&o, 0);
}

static void test_type_mismatch(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x42, 0x01, 0x0B);                /* i64.const 1: wrong result */
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");

    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x01, 0x0B);                /* value left on the stack */
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");

    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x01, 0x42, 0x01, 0x6A, 0x0B); /* i32.add on i32, i64 */
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");
}

static void test_unreachable_is_polymorphic(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x00, 0x6A, 0x0B);                /* unreachable i32.add end */
    expect_valid(&o, 0);

    /* block (result i32) br 0 end: the br makes the rest unreachable */
    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x02, 0x7F, 0x41, 0x01, 0x0C, 0x00, 0x42, 0x00, 0x6A, 0x0B, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");  /* i64 is still known */
}

static void test_unknown_indices(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x20, 0x00, 0x1A, 0x0B);          /* local.get 0 */
    expect_error(&o, 0, WD_ERR_INVALID, "unknown local 0");

    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x0C, 0x01, 0x0B);                /* br 1 */
    expect_error(&o, 0, WD_ERR_INVALID, "unknown label");

    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x10, 0x07, 0x0B);                /* call 7 */
    expect_error(&o, 0, WD_ERR_INVALID, "unknown function 7");

    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x00, 0x28, 0x02, 0x00, 0x1A, 0x0B); /* i32.load, no memory */
    expect_error(&o, 0, WD_ERR_INVALID, "unknown memory");

    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x23, 0x00, 0x1A, 0x0B);          /* global.get 0 */
    expect_error(&o, 0, WD_ERR_INVALID, "unknown global");
}

static void test_global_immutable(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    SEC(&o, 6, 0x01, 0x7F, 0x00, 0x41, 0x00, 0x0B);  /* (global i32 (i32.const 0)) */
    CODE(&o, 0x00, 0x41, 0x01, 0x24, 0x00, 0x0B);    /* global.set 0 */
    expect_error(&o, 0, WD_ERR_INVALID, "global is immutable");

    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    SEC(&o, 6, 0x01, 0x7F, 0x01, 0x41, 0x00, 0x0B);  /* (global (mut i32) ...) */
    CODE(&o, 0x00, 0x41, 0x01, 0x24, 0x00, 0x0B);
    expect_valid(&o, 0);
}

static void test_constant_expressions(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    SEC(&o, 6, 0x01, 0x7F, 0x00, 0x01, 0x0B);        /* (global i32 (nop)) */
    expect_error(&o, 0, WD_ERR_INVALID, "constant expression required");

    header(&o);
    SEC(&o, 6, 0x01, 0x7F, 0x00, 0x42, 0x00, 0x0B);  /* i32 global from i64.const */
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");

    /* i32.add in a constant: only with extended-const */
    header(&o);
    SEC(&o, 6, 0x01, 0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "constant expression required");
    header(&o);
    SEC(&o, 6, 0x01, 0x7F, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B);
    expect_valid(&o, WD_FEATURE_EXTENDED_CONST);

    /* global.get of a defined global is not allowed in 2.0 */
    header(&o);
    SEC(&o, 6, 0x02, 0x7F, 0x00, 0x41, 0x00, 0x0B, 0x7F, 0x00, 0x23, 0x00, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "unknown global 0");
}

static void test_memory_rules(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    SEC(&o, 5, 0x02, 0x00, 0x00, 0x00, 0x00);        /* two memories */
    expect_error(&o, 0, WD_ERR_INVALID, "multiple memories");
    header(&o);
    SEC(&o, 5, 0x02, 0x00, 0x00, 0x00, 0x00);
    expect_valid(&o, WD_FEATURE_MULTI_MEMORY);

    header(&o);
    SEC(&o, 5, 0x01, 0x00, 0x81, 0x80, 0x04);        /* min 65537 pages */
    expect_error(&o, 0, WD_ERR_INVALID, "memory size must be at most 65536 pages (4GiB)");

    header(&o);
    SEC(&o, 5, 0x01, 0x01, 0x02, 0x01);              /* min 2 > max 1 */
    expect_error(&o, 0, WD_ERR_INVALID, "size minimum must not be greater than maximum");

    /* i32.load with align=8 (2^3 > 4 bytes) */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    SEC(&o, 5, 0x01, 0x00, 0x01);
    CODE(&o, 0x00, 0x41, 0x00, 0x28, 0x03, 0x00, 0x1A, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "alignment must not be larger than natural");
}

static void test_exports_and_start(void **state)
{
    (void)state;
    buf o = { 0 };
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    SEC(&o, 7, 0x02, 0x01, 'a', 0x00, 0x00, 0x01, 'a', 0x00, 0x00);
    CODE(&o, 0x00, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "duplicate export name");

    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    SEC(&o, 8, 0x00);                                /* start: [] -> [i32] */
    CODE(&o, 0x00, 0x41, 0x00, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "start function");
}

static void test_references(void **state)
{
    (void)state;
    buf o = { 0 };
    /* (func (drop (ref.func 0))): function 0 is not declared anywhere */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0xD2, 0x00, 0x1A, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "undeclared function reference");

    /* the same, with function 0 exported: declared */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    SEC(&o, 7, 0x01, 0x01, 'f', 0x00, 0x00);
    CODE(&o, 0x00, 0xD2, 0x00, 0x1A, 0x0B);
    expect_valid(&o, 0);

    /* untyped select on funcref operands */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0x00, 0x1B, 0x1A, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");

    /* typed select on funcref operands is fine */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0xD0, 0x70, 0xD0, 0x70, 0x41, 0x00, 0x1C, 0x01, 0x70, 0x1A, 0x0B);
    expect_valid(&o, 0);
}

static void test_simd_lanes(void **state)
{
    (void)state;
    buf o = { 0 };
    /* v128.const 0; i32x4.extract_lane 4 */
    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         0xFD, 0x1B, 0x04, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "invalid lane index");

    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         0xFD, 0x1B, 0x03, 0x0B);
    expect_valid(&o, 0);
}

static void test_malformed_bodies(void **state)
{
    (void)state;
    buf o = { 0 };
    /* function body without its final end */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x01, 0x1A);
    expect_error(&o, 0, WD_ERR_MALFORMED, "");

    /* data.drop without a data count section */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    SEC(&o, 5, 0x01, 0x00, 0x00);
    CODE(&o, 0x00, 0xFC, 0x09, 0x00, 0x0B);
    SEC(&o, 11, 0x01, 0x01, 0x00);
    expect_error(&o, 0, WD_ERR_MALFORMED, "data count section required");

    /* return_call is an illegal opcode without tail calls, valid with them */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x12, 0x00, 0x0B);
    expect_error(&o, 0, WD_ERR_MALFORMED, "");
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x12, 0x00, 0x0B);
    expect_valid(&o, WD_FEATURE_TAIL_CALL);
}

static result nested_blocks(uint32_t depth)
{
    buf body = { 0 };
    u8(&body, 0x00);                                 /* no locals */
    for (uint32_t i = 0; i < depth; i++) {
        u8(&body, 0x02);                             /* block */
        u8(&body, 0x40);
    }
    for (uint32_t i = 0; i <= depth; i++)
        u8(&body, 0x0B);
    buf o = { 0 };
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    code1(&o, body.b, body.n);
    free(body.b);
    result r = check(&o, 0);
    free(o.b);
    return r;
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* 100000 nested blocks are fine */
    result r = nested_blocks(100000);
    assert_true(r.decoded);
    assert_true(r.valid);
    /* a million are refused cleanly (an implementation limit), not a crash */
    r = nested_blocks(1000000);
    assert_true(r.decoded);
    assert_false(r.valid);
    assert_int_equal(r.err.status, WD_ERR_NOMEM);
}

static void test_if_else_types(void **state)
{
    (void)state;
    buf o = { 0 };
    /* if (result i32) without else: invalid */
    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x01, 0x04, 0x7F, 0x41, 0x01, 0x0B, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");

    /* with an else arm: valid */
    header(&o);
    TYPES_I32(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x41, 0x01, 0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x0B);
    expect_valid(&o, 0);

    /* br_table with targets of different arity */
    header(&o);
    TYPES_VOID(&o);
    FUNCS1(&o);
    CODE(&o, 0x00, 0x02, 0x7F, 0x41, 0x00, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B,
         0x1A, 0x0B);
    expect_error(&o, 0, WD_ERR_INVALID, "type mismatch");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal_valid),
        cmocka_unit_test(test_type_mismatch),
        cmocka_unit_test(test_unreachable_is_polymorphic),
        cmocka_unit_test(test_unknown_indices),
        cmocka_unit_test(test_global_immutable),
        cmocka_unit_test(test_constant_expressions),
        cmocka_unit_test(test_memory_rules),
        cmocka_unit_test(test_exports_and_start),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_simd_lanes),
        cmocka_unit_test(test_malformed_bodies),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_if_else_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
