/* test_decode.c: the module decoder (core/decode.c): every section, the
 * spec's error messages with their offsets, and a mutation test (truncation,
 * byte flips, huge counts, allocation failures) that must never crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "module.h"

/* ------------------------------------------------------------ helpers */

typedef struct bb {
    uint8_t *b;
    size_t n, cap;
} bb;

static void bb_put(bb *x, const void *p, size_t n)
{
    if (x->n + n > x->cap) {
        x->cap = (x->n + n) * 2 + 64;
        x->b = realloc(x->b, x->cap);
        assert_non_null(x->b);
    }
    if (n)
        memcpy(x->b + x->n, p, n);
    x->n += n;
}

static void bb_u32(bb *x, uint32_t v)
{
    do {
        uint8_t byte = v & 0x7F;
        v >>= 7;
        if (v)
            byte |= 0x80;
        bb_put(x, &byte, 1);
    } while (v);
}

static void bb_header(bb *x)
{
    bb_put(x, "\0asm\1\0\0\0", 8);
}

/* section id, LEB size, contents */
static void bb_sec(bb *x, uint8_t id, const uint8_t *c, size_t n)
{
    bb_put(x, &id, 1);
    bb_u32(x, (uint32_t)n);
    bb_put(x, c, n);
}

#define BYTES(...) (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})
#define SEC(x, id, ...) bb_sec(x, id, BYTES(__VA_ARGS__))
#define RAW(x, ...) bb_put(x, BYTES(__VA_ARGS__))

/* Decodes a copy of bytes in an exact-size buffer (ASan catches over-reads).
 * Returns the module (free with mod_free) or NULL with err filled. */
static wd_module *dec(const uint8_t *bytes, size_t n, uint32_t features, wd_error *err)
{
    wd_module *m = calloc(1, sizeof *m);
    assert_non_null(m);
    wd_arena_init(&m->arena);
    m->bytes = malloc(n ? n : 1);
    assert_non_null(m->bytes);
    if (n)
        memcpy(m->bytes, bytes, n);
    m->size = n;
    m->features = features;
    strcpy(m->name, "t.wasm");
    wd_error_clear(err);
    if (wd__decode(m, err))
        return m;
    wd_arena_free(&m->arena);
    free(m->bytes);
    free(m);
    return NULL;
}

static void mod_free(wd_module *m)
{
    if (!m)
        return;
    wd_arena_free(&m->arena);
    free(m->bytes);
    free(m);
}

/* Expects a decode failure with this formatted error. */
static void expect_err(const uint8_t *bytes, size_t n, uint32_t features, const char *want)
{
    wd_error err;
    wd_module *m = dec(bytes, n, features, &err);
    if (m) {
        mod_free(m);
        fail_msg("decoded, expected \"%s\"", want);
    }
    char buf[512];
    wd_error_format(&err, buf, sizeof buf);
    if (strcmp(buf, want) != 0)
        fail_msg("got \"%s\", expected \"%s\"", buf, want);
    assert_int_equal(err.status, WD_ERR_MALFORMED);
}

static void expect_bb_err(bb *x, const char *want)
{
    expect_err(x->b, x->n, 0, want);
    free(x->b);
    x->b = NULL;
    x->n = x->cap = 0;
}

/* ------------------------------------------------------------ a full module */

/* Every section kind, all import kinds, several element and data forms. */
static void build_full(bb *x)
{
    bb_header(x);
    SEC(x, 0, 0x01, 'x', 0xFF);                                   /* custom before all */
    SEC(x, 1, 0x03,                                               /* types */
        0x60, 0x00, 0x00,
        0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F,
        0x60, 0x02, 0x7B, 0x7C, 0x01, 0x7E);
    SEC(x, 0, 0x01, 'y');                                         /* custom after type */
    SEC(x, 2, 0x04,                                               /* imports */
        0x03, 'e', 'n', 'v', 0x01, 'f', 0x00, 0x01,
        0x03, 'e', 'n', 'v', 0x01, 't', 0x01, 0x70, 0x01, 0x01, 0x0A,
        0x03, 'e', 'n', 'v', 0x01, 'm', 0x02, 0x00, 0x01,
        0x03, 'e', 'n', 'v', 0x01, 'g', 0x03, 0x7F, 0x01);
    SEC(x, 3, 0x02, 0x00, 0x01);                                  /* functions 1, 2 */
    SEC(x, 4, 0x01, 0x6F, 0x00, 0x00);                            /* table 1: externref */
    SEC(x, 6, 0x02,                                               /* globals 1, 2 */
        0x7E, 0x00, 0x42, 0x2A, 0x0B,
        0x70, 0x00, 0xD2, 0x02, 0x0B);
    SEC(x, 7, 0x02,                                               /* exports */
        0x04, 'm', 'a', 'i', 'n', 0x00, 0x01,
        0x03, 'g', 0x00, 'h', 0x03, 0x01);
    SEC(x, 8, 0x01);                                              /* start 1 */
    SEC(x, 9, 0x04,                                               /* elements */
        0x00, 0x41, 0x00, 0x0B, 0x01, 0x01,
        0x01, 0x00, 0x01, 0x00,
        0x03, 0x00, 0x01, 0x00,
        0x05, 0x70, 0x02, 0xD2, 0x01, 0x0B, 0xD0, 0x70, 0x0B);
    SEC(x, 12, 0x02);                                             /* data count */
    SEC(x, 10, 0x02,                                              /* code */
        0x06, 0x02, 0x03, 0x7F, 0x01, 0x7D, 0x0B,
        0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B);
    SEC(x, 11, 0x02,                                              /* data */
        0x00, 0x41, 0x08, 0x0B, 0x02, 'h', 'i',
        0x01, 0x01, '!');
    SEC(x, 0, 0x04, 'n', 'a', 'm', 'e',                           /* name section */
        0x00, 0x04, 0x03, 'm', 'o', 'd',
        0x01, 0x0B, 0x02, 0x01, 0x03, 'o', 'n', 'e', 0x02, 0x03, 't', 'w', 'o');
}

static void test_full_module(void **state)
{
    (void)state;
    bb x = {0};
    build_full(&x);
    wd_error err;
    wd_module *m = dec(x.b, x.n, 0, &err);
    if (!m) {
        char buf[512];
        fail_msg("%s", wd_error_format(&err, buf, sizeof buf));
    }
    /* types */
    assert_int_equal(m->ntypes, 3);
    assert_int_equal(m->types[1].nparams, 2);
    assert_int_equal(m->types[1].params[1], WD_I32);
    assert_int_equal(m->types[1].results[0], WD_I32);
    assert_int_equal(m->types[2].param_slots, 3);        /* v128 takes 2 */
    assert_int_equal(m->types[2].result_slots, 1);
    /* imports and index spaces */
    assert_int_equal(m->nimports, 4);
    assert_string_equal(m->imports[1].module, "env");
    assert_string_equal(m->imports[1].name, "t");
    assert_int_equal(m->imports[1].kind, WD_EXTERN_TABLE);
    assert_int_equal(m->imports[1].index, 0);
    assert_int_equal(m->nfuncs, 3);
    assert_int_equal(m->nfunc_imports, 1);
    assert_int_equal(m->funcs[0].import, 0);
    assert_int_equal(m->funcs[0].typeidx, 1);
    assert_int_equal(m->funcs[1].import, -1);
    assert_int_equal(m->funcs[2].typeidx, 1);
    assert_int_equal(m->ntables, 2);
    assert_int_equal(m->ntable_imports, 1);
    assert_int_equal(m->tables[0].elem, WD_FUNCREF);
    assert_true(m->tables[0].lim.has_max);
    assert_true(m->tables[0].lim.min == 1 && m->tables[0].lim.max == 10);
    assert_int_equal(m->tables[1].elem, WD_EXTERNREF);
    assert_int_equal(m->tables[1].import, -1);
    assert_int_equal(m->nmemories, 1);
    assert_int_equal(m->memories[0].import, 2);
    assert_false(m->memories[0].lim.has_max);
    assert_int_equal(m->nglobals, 3);
    assert_true(m->globals[0].mut);
    assert_int_equal(m->globals[0].import, 3);
    assert_int_equal(m->globals[1].type, WD_I64);
    assert_false(m->globals[1].mut);
    assert_int_equal(m->globals[1].init.len, 3);
    assert_memory_equal(m->globals[1].init.code, "\x42\x2A\x0B", 3);
    assert_true(m->bytes + m->globals[1].init.offset == m->globals[1].init.code);
    /* exports: names may hold NUL */
    assert_int_equal(m->nexports, 2);
    assert_string_equal(m->exports[0].name, "main");
    assert_int_equal(m->exports[1].name_len, 3);
    assert_memory_equal(m->exports[1].name, "g\0h", 3);
    assert_int_equal(m->exports[1].kind, WD_EXTERN_GLOBAL);
    assert_true(m->has_start);
    assert_int_equal(m->start, 1);
    /* elements */
    assert_int_equal(m->nelems, 4);
    assert_int_equal(m->elems[0].mode, WD_SEG_ACTIVE);
    assert_int_equal(m->elems[0].table, 0);
    assert_int_equal(m->elems[0].count, 1);
    assert_int_equal(m->elems[0].func_indices[0], 1);
    assert_int_equal(m->elems[0].offset.len, 3);
    assert_int_equal(m->elems[1].mode, WD_SEG_PASSIVE);
    assert_int_equal(m->elems[2].mode, WD_SEG_DECLARATIVE);
    assert_int_equal(m->elems[3].mode, WD_SEG_PASSIVE);
    assert_int_equal(m->elems[3].count, 2);
    assert_non_null(m->elems[3].exprs);
    assert_null(m->elems[3].func_indices);
    assert_int_equal(m->elems[3].exprs[1].len, 3);
    /* declared functions: export main (1), elem 0 (1), elem 1 (0), elem 3
     * ref.func 1, global ref.func 2 */
    assert_non_null(m->func_declared);
    assert_int_equal(m->func_declared[0], 1);
    assert_int_equal(m->func_declared[1], 1);
    assert_int_equal(m->func_declared[2], 1);
    /* code */
    assert_true(m->has_datacount);
    assert_int_equal(m->datacount, 2);
    wd_mfunc *f1 = &m->funcs[1], *f2 = &m->funcs[2];
    assert_int_equal(f1->nlocals, 4);
    assert_int_equal(f1->locals[2], WD_I32);
    assert_int_equal(f1->locals[3], WD_F32);
    assert_int_equal(f1->body_len, 1);
    assert_int_equal(f1->body[0], 0x0B);
    assert_int_equal(f1->body_offset, f1->entry_offset + 6);
    assert_int_equal(f1->end_offset, f1->entry_offset + 7);
    assert_int_equal(f2->entry_offset, f1->end_offset);
    assert_int_equal(f2->nlocals, 0);
    assert_int_equal(f2->body_len, 6);
    assert_true(m->bytes + f2->body_offset == f2->body);
    assert_int_equal(m->code_section_offset + 1, f1->entry_offset);
    assert_int_equal(m->bytes[m->code_section_offset], 0x02);
    /* data */
    assert_int_equal(m->ndatas, 2);
    assert_int_equal(m->datas[0].mode, WD_SEG_ACTIVE);
    assert_int_equal(m->datas[0].len, 2);
    assert_memory_equal(m->datas[0].bytes, "hi", 2);
    assert_int_equal(m->datas[1].mode, WD_SEG_PASSIVE);
    assert_int_equal(m->datas[1].bytes[0], '!');
    /* customs and names */
    assert_int_equal(m->ncustoms, 3);
    assert_string_equal(m->customs[0].name, "x");
    assert_int_equal(m->customs[0].after_section, 0);
    assert_int_equal(m->customs[0].size, 1);
    assert_int_equal(m->customs[0].data[0], 0xFF);
    assert_true(m->bytes + m->customs[0].offset == m->customs[0].data);
    assert_string_equal(m->customs[1].name, "y");
    assert_int_equal(m->customs[1].after_section, 1);
    assert_int_equal(m->customs[1].size, 0);
    assert_int_equal(m->customs[2].after_section, 11);
    assert_string_equal(m->module_name, "mod");
    assert_null(m->funcs[0].name);
    assert_string_equal(m->funcs[1].name, "one");
    assert_string_equal(m->funcs[2].name, "two");
    mod_free(m);
    free(x.b);
}

static void test_empty_and_all_elem_data_forms(void **state)
{
    (void)state;
    wd_error err;
    wd_module *m = dec(BYTES(0, 'a', 's', 'm', 1, 0, 0, 0), 0, &err);
    assert_non_null(m);
    assert_int_equal(m->nfuncs, 0);
    assert_non_null(m->func_declared);
    mod_free(m);

    bb x = {0};
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x03, 0x00, 0x00, 0x00);
    SEC(&x, 4, 0x02, 0x70, 0x00, 0x01, 0x70, 0x00, 0x01);
    SEC(&x, 5, 0x01, 0x01, 0x01, 0x02);                          /* memory 1..2 */
    SEC(&x, 9, 0x08,
        0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,                      /* 0: active t0, funcs */
        0x01, 0x00, 0x01, 0x01,                                  /* 1: passive, funcs */
        0x02, 0x01, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x02,          /* 2: active t1, funcs */
        0x03, 0x00, 0x00,                                        /* 3: declarative, none */
        0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B,          /* 4: active t0, exprs */
        0x05, 0x70, 0x01, 0xD0, 0x70, 0x0B,                      /* 5: passive, exprs */
        0x06, 0x01, 0x41, 0x00, 0x0B, 0x70, 0x00,                /* 6: active t1, exprs */
        0x07, 0x70, 0x01, 0xD2, 0x02, 0x0B);                     /* 7: declarative, exprs */
    SEC(&x, 10, 0x03, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B);
    SEC(&x, 11, 0x03,
        0x00, 0x41, 0x00, 0x0B, 0x01, 'a',
        0x01, 0x00,
        0x02, 0x00, 0x41, 0x01, 0x0B, 0x02, 'b', 'c');
    m = dec(x.b, x.n, 0, &err);
    if (!m) {
        char buf[512];
        fail_msg("%s", wd_error_format(&err, buf, sizeof buf));
    }
    static const uint8_t modes[8] = { WD_SEG_ACTIVE, WD_SEG_PASSIVE, WD_SEG_ACTIVE,
        WD_SEG_DECLARATIVE, WD_SEG_ACTIVE, WD_SEG_PASSIVE, WD_SEG_ACTIVE, WD_SEG_DECLARATIVE };
    for (int i = 0; i < 8; i++) {
        assert_int_equal(m->elems[i].mode, modes[i]);
        assert_int_equal(m->elems[i].type, WD_FUNCREF);
        assert_int_equal(m->elems[i].exprs != NULL, i >= 4);
    }
    assert_int_equal(m->elems[2].table, 1);
    assert_int_equal(m->elems[2].func_indices[0], 2);
    assert_int_equal(m->elems[3].count, 0);
    assert_int_equal(m->elems[6].table, 1);
    assert_int_equal(m->elems[6].count, 0);
    assert_true(m->memories[0].lim.has_max && m->memories[0].lim.max == 2);
    assert_int_equal(m->datas[2].memory, 0);
    assert_int_equal(m->datas[2].len, 2);
    assert_int_equal(m->datas[1].len, 0);
    assert_int_equal(m->func_declared[0] + m->func_declared[1] + m->func_declared[2], 3);
    assert_false(m->has_datacount);
    mod_free(m);
    free(x.b);
}

/* ------------------------------------------------------------ errors */

#define H 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00

static void test_header_errors(void **state)
{
    (void)state;
    expect_err(BYTES(0), 0, "t.wasm:0x1: unexpected end");
    expect_err((const uint8_t *)"", 0, 0, "t.wasm:0x0: unexpected end");
    expect_err(BYTES(0x01), 0, "t.wasm:0x1: unexpected end");
    expect_err(BYTES(0x00, 'a', 's'), 0, "t.wasm:0x3: unexpected end");
    expect_err(BYTES('a', 's', 'm', 0x00, 1, 0, 0, 0), 0, "t.wasm:0x0: magic header not detected");
    expect_err(BYTES(0x00, 'A', 'S', 'M', 1, 0, 0, 0), 0, "t.wasm:0x0: magic header not detected");
    expect_err(BYTES(0x00, 'a', 's', 'm'), 0, "t.wasm:0x4: unexpected end");
    expect_err(BYTES(0x00, 'a', 's', 'm', 1, 0, 0), 0, "t.wasm:0x7: unexpected end");
    expect_err(BYTES(0x00, 'a', 's', 'm', 2, 0, 0, 0), 0, "t.wasm:0x4: unknown binary version");
    expect_err(BYTES(0x00, 'a', 's', 'm', 0, 0, 0, 1), 0, "t.wasm:0x4: unknown binary version");
}

static void test_section_errors(void **state)
{
    (void)state;
    expect_err(BYTES(H, 0x0D, 0x00), 0, "t.wasm:0x8: malformed section id");
    expect_err(BYTES(H, 0x7F, 0x00), 0, "t.wasm:0x8: malformed section id");
    /* out of order, duplicate */
    expect_err(BYTES(H, 0x03, 0x01, 0x00, 0x01, 0x01, 0x00), 0,
               "t.wasm:0xb: unexpected content after last section");
    expect_err(BYTES(H, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00), 0,
               "t.wasm:0xb: unexpected content after last section");
    expect_err(BYTES(H, 0x0A, 0x01, 0x00, 0x0C, 0x01, 0x00), 0,     /* datacount after code */
               "t.wasm:0xb: unexpected content after last section");
    /* size */
    expect_err(BYTES(H, 0x01, 0x05, 0x00), 0, "t.wasm:0x9: length out of bounds");
    expect_err(BYTES(H, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F), 0, "t.wasm:0x9: length out of bounds");
    expect_err(BYTES(H, 0x01, 0x02, 0x00), 0,          /* 1 byte short of the file */
               "t.wasm:0xb: section size mismatch");
    expect_err(BYTES(H, 0x01, 0x02, 0x00, 0x00), 0, "t.wasm:0xb: section size mismatch");
    expect_err(BYTES(H, 0x01), 0, "t.wasm:0x9: unexpected end of section or function");
    expect_err(BYTES(H, 0x01, 0x80), 0, "t.wasm:0xa: unexpected end of section or function");
    expect_err(BYTES(H, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 0,
               "t.wasm:0xe: integer representation too long");
    expect_err(BYTES(H, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10), 0, "t.wasm:0xd: integer too large");
    /* a section that consumes less than declared */
    expect_err(BYTES(H, 0x03, 0x02, 0x00, 0x00), 0, "t.wasm:0xb: section size mismatch");
    /* vector counts: beyond the file, or running past the section */
    expect_err(BYTES(H, 0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F), 0,
               "t.wasm:0xa: length out of bounds");
    expect_err(BYTES(H, 0x04, 0x01, 0x01), 0, "t.wasm:0xb: unexpected end of section or function");
    expect_err(BYTES(H, 0x03, 0x02, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00), 0,
               "t.wasm:0xd: section size mismatch");
}

static void test_type_import_errors(void **state)
{
    (void)state;
    expect_err(BYTES(H, 0x01, 0x04, 0x01, 0x61, 0x00, 0x00), 0, "t.wasm:0xb: malformed function type");
    expect_err(BYTES(H, 0x01, 0x05, 0x01, 0xE0, 0x7F, 0x00, 0x00), 0,
               "t.wasm:0xc: integer representation too long");
    expect_err(BYTES(H, 0x01, 0x05, 0x01, 0x60, 0x01, 0x7A, 0x00), 0,
               "t.wasm:0xd: malformed value type");
    expect_err(BYTES(H, 0x01, 0x05, 0x01, 0x60, 0x01, 0x40, 0x00), 0,
               "t.wasm:0xd: malformed value type");
    /* imports */
    expect_err(BYTES(H, 0x02, 0x05, 0x01, 0x00, 0x00, 0x04, 0x00), 0,
               "t.wasm:0xd: malformed import kind");
    expect_err(BYTES(H, 0x02, 0x06, 0x01, 0x00, 0x00, 0x03, 0x7F, 0x02), 0,
               "t.wasm:0xf: malformed mutability");
    expect_err(BYTES(H, 0x02, 0x07, 0x01, 0x00, 0x00, 0x01, 0x7F, 0x00, 0x00), 0,
               "t.wasm:0xe: malformed reference type");
    expect_err(BYTES(H, 0x02, 0x06, 0x01, 0x00, 0x00, 0x02, 0x02, 0x00), 0,
               "t.wasm:0xe: integer too large");                 /* limits flag 2 */
    expect_err(BYTES(H, 0x02, 0x07, 0x01, 0x00, 0x00, 0x02, 0x80, 0x00, 0x00), 0,
               "t.wasm:0xf: integer representation too long");
    expect_err(BYTES(H, 0x02, 0x07, 0x01, 0x01, 0xC0, 0x00, 0x00, 0x00, 0x00), 0,
               "t.wasm:0xb: malformed UTF-8 encoding");
    expect_err(BYTES(H, 0x02, 0x07, 0x01, 0x00, 0x02, 0xED, 0xA0, 0x00, 0x00), 0,
               "t.wasm:0xc: malformed UTF-8 encoding");
    expect_err(BYTES(H, 0x02, 0x07, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00), 0,
               "t.wasm:0xc: length out of bounds");
}

static void test_global_export_elem_errors(void **state)
{
    (void)state;
    /* constant expressions */
    expect_err(BYTES(H, 0x06, 0x05, 0x01, 0x7F, 0x00, 0x41, 0x00), 0,
               "t.wasm:0xf: unexpected end of section or function");
    expect_err(BYTES(H, 0x06, 0x06, 0x01, 0x7F, 0x00, 0x06, 0x00, 0x0B), 0,
               "t.wasm:0xd: illegal opcode");
    expect_err(BYTES(H, 0x06, 0x06, 0x01, 0x7F, 0x00, 0x3F, 0x01, 0x0B), 0,
               "t.wasm:0xe: zero byte expected");
    expect_err(BYTES(H, 0x06, 0x06, 0x01, 0x7F, 0x00, 0x05, 0x0B, 0x0B), 0,
               "t.wasm:0xd: END opcode expected");
    expect_err(BYTES(H, 0x06, 0x06, 0x01, 0x7F, 0x03, 0x41, 0x00, 0x0B), 0,
               "t.wasm:0xc: malformed mutability");
    /* a block in a constant expression decodes (the validator rejects it) */
    wd_error err;
    wd_module *m = dec(BYTES(H, 0x06, 0x09, 0x01, 0x7F, 0x00, 0x02, 0x40, 0x0B, 0x41, 0x00, 0x0B), 0, &err);
    assert_non_null(m);
    assert_int_equal(m->globals[0].init.len, 6);
    mod_free(m);
    /* exports */
    expect_err(BYTES(H, 0x07, 0x05, 0x01, 0x01, 'a', 0x04, 0x00), 0,
               "t.wasm:0xd: malformed export kind");
    /* elements */
    expect_err(BYTES(H, 0x09, 0x02, 0x01, 0x08), 0, "t.wasm:0xb: malformed elements segment kind");
    expect_err(BYTES(H, 0x09, 0x04, 0x01, 0x01, 0x01, 0x00), 0, "t.wasm:0xc: malformed element kind");
    expect_err(BYTES(H, 0x09, 0x04, 0x01, 0x05, 0x7F, 0x00), 0, "t.wasm:0xc: malformed reference type");
    /* data */
    expect_err(BYTES(H, 0x0B, 0x03, 0x01, 0x03, 0x00), 0, "t.wasm:0xb: malformed data segment kind");
    expect_err(BYTES(H, 0x0B, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x05, 0x00), 0,
               "t.wasm:0xf: length out of bounds");
    expect_err(BYTES(H, 0x0B, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x02, 0x00), 0,
               "t.wasm:0x10: unexpected end of section or function");
}

static void test_code_errors(void **state)
{
    (void)state;
    bb x = {0};
    /* function and code counts */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    expect_bb_err(&x, "t.wasm:0x12: function and code section have inconsistent lengths");
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B);
    expect_bb_err(&x, "t.wasm:0x14: function and code section have inconsistent lengths");
    bb_header(&x);
    SEC(&x, 10, 0x01, 0x02, 0x00, 0x0B);
    expect_bb_err(&x, "t.wasm:0xa: function and code section have inconsistent lengths");
    /* too many locals: one group, two groups that overflow u32 */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x01, 0x08, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B);
    expect_bb_err(&x, "t.wasm:0x16: too many locals");
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x01, 0x08, 0x02, 0xD0, 0x86, 0x03, 0x7F, 0x01, 0x7E, 0x0B);  /* 50000 + 1 */
    expect_bb_err(&x, "t.wasm:0x16: too many locals");
    /* exactly 50000 locals is fine */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x01, 0x06, 0x01, 0xD0, 0x86, 0x03, 0x7C, 0x0B);
    wd_error err;
    wd_module *m = dec(x.b, x.n, 0, &err);
    assert_non_null(m);
    assert_int_equal(m->funcs[0].nlocals, 50000);
    assert_int_equal(m->funcs[0].locals[49999], WD_F64);
    mod_free(m);
    free(x.b);
    x = (bb){0};
    /* a body without its final end: at the end of the file, or followed by more */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    RAW(&x, 0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x1A);
    expect_bb_err(&x, "t.wasm:0x1a: unexpected end of section or function");
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    RAW(&x, 0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x01, 0x1A);
    SEC(&x, 11, 0x00);
    expect_bb_err(&x, "t.wasm:0x1a: section size mismatch");
    /* function size beyond the file */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    RAW(&x, 0x0A, 0x04, 0x01, 0x09, 0x00, 0x0B);
    expect_bb_err(&x, "t.wasm:0x15: length out of bounds");
    /* bad local type */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x01, 0x04, 0x01, 0x01, 0x40, 0x0B);
    expect_bb_err(&x, "t.wasm:0x18: malformed value type");
    /* body-level errors are the validator's: the decoder accepts them */
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x01, 0x04, 0x00, 0x06, 0xFC, 0x0B);          /* illegal opcode in a body */
    m = dec(x.b, x.n, 0, &err);
    assert_non_null(m);
    mod_free(m);
    free(x.b);
}

static void test_datacount_errors(void **state)
{
    (void)state;
    bb x = {0};
    bb_header(&x);
    SEC(&x, 5, 0x01, 0x00, 0x01);
    SEC(&x, 12, 0x02);
    SEC(&x, 11, 0x01, 0x01, 0x00);
    expect_bb_err(&x, "t.wasm:0x12: data count and data section have inconsistent lengths");
    bb_header(&x);
    SEC(&x, 5, 0x01, 0x00, 0x01);
    SEC(&x, 12, 0x01);
    expect_bb_err(&x, "t.wasm:0x10: data count and data section have inconsistent lengths");
    /* a data count of 0 needs no data section */
    bb_header(&x);
    SEC(&x, 12, 0x00);
    wd_error err;
    wd_module *m = dec(x.b, x.n, 0, &err);
    assert_non_null(m);
    assert_true(m->has_datacount);
    mod_free(m);
    free(x.b);
}

static void test_custom_and_names(void **state)
{
    (void)state;
    /* custom section names must be valid UTF-8 and fit the section */
    expect_err(BYTES(H, 0x00, 0x02, 0x01, 0xFF), 0, "t.wasm:0xa: malformed UTF-8 encoding");
    expect_err(BYTES(H, 0x00, 0x02, 0x05, 'a'), 0, "t.wasm:0xa: length out of bounds");
    expect_err(BYTES(H, 0x00, 0x01, 0x02, 'a', 'b'), 0,
               "t.wasm:0xb: unexpected end of section or function");
    expect_err(BYTES(H, 0x00, 0x00), 0, "t.wasm:0xa: unexpected end of section or function");

    /* malformed name sections never fail the load: parsing stops at the error */
    bb x = {0};
    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x02, 0x00, 0x00);
    SEC(&x, 10, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B);
    SEC(&x, 0, 0x04, 'n', 'a', 'm', 'e',
        0x01, 0x09, 0x03, 0x00, 0x01, 'a', 0x01, 0x01, 'b', 0x07, 0x05);   /* 3rd entry cut */
    wd_error err;
    wd_module *m = dec(x.b, x.n, 0, &err);
    assert_non_null(m);
    assert_string_equal(m->funcs[0].name, "a");
    assert_string_equal(m->funcs[1].name, "b");
    assert_null(m->module_name);
    mod_free(m);
    free(x.b);
    x = (bb){0};

    bb_header(&x);
    SEC(&x, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 10, 0x01, 0x02, 0x00, 0x0B);
    SEC(&x, 0, 0x04, 'n', 'a', 'm', 'e',
        0x01, 0x04, 0x01, 0x00, 0x01, 0xFF,                          /* bad UTF-8 */
        0x00, 0x02, 0x01, 'm');
    m = dec(x.b, x.n, 0, &err);
    assert_non_null(m);
    assert_null(m->funcs[0].name);
    assert_null(m->module_name);
    mod_free(m);
    free(x.b);
    x = (bb){0};

    /* out-of-range function indices and huge counts are ignored */
    bb_header(&x);
    SEC(&x, 0, 0x04, 'n', 'a', 'm', 'e',
        0x00, 0x02, 0x01, 'm',
        0x01, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x05, 0x01, 'z',
        0x01, 0x00);                                                  /* repeated id */
    m = dec(x.b, x.n, 0, &err);
    assert_non_null(m);
    assert_string_equal(m->module_name, "m");
    mod_free(m);
    free(x.b);
}

static void test_multi_memory_and_tail_call_features(void **state)
{
    (void)state;
    /* memory.size with a memory index in a constant expression: only with
     * multi-memory does it decode (and then the validator rejects it) */
    const uint8_t mod[] = { H, 0x06, 0x06, 0x01, 0x7F, 0x00, 0x3F, 0x01, 0x0B };
    wd_error err;
    wd_module *m = dec(mod, sizeof mod, WD_FEATURE_MULTI_MEMORY, &err);
    assert_non_null(m);
    mod_free(m);
    expect_err(mod, sizeof mod, 0, "t.wasm:0xe: zero byte expected");
}

/* ------------------------------------------------------------ mutations */

static unsigned long g_decoded, g_failed;

static void try_decode(const uint8_t *b, size_t n, uint32_t features)
{
    wd_error err;
    wd_module *m = dec(b, n, features, &err);
    if (m) {
        /* walk what was decoded, so ASan checks the pointers */
        for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
            volatile uint8_t sink = 0;
            if (m->funcs[i].body_len)
                sink ^= m->funcs[i].body[m->funcs[i].body_len - 1];
            for (uint32_t k = 0; k < m->funcs[i].nlocals; k++)
                sink ^= (uint8_t)m->funcs[i].locals[k];
            (void)sink;
        }
        for (uint32_t i = 0; i < m->ncustoms; i++)
            if (m->customs[i].size)
                assert_true(m->customs[i].data + m->customs[i].size <= m->bytes + m->size);
        g_decoded++;
        mod_free(m);
    } else {
        assert_true(err.status == WD_ERR_MALFORMED || err.status == WD_ERR_NOMEM);
        assert_true(err.msg[0] != 0);
        assert_true(err.offset <= n);
        g_failed++;
    }
}

static void mutate_all(const uint8_t *b, size_t n)
{
    uint8_t *t = malloc(n + 16);
    assert_non_null(t);
    /* every truncation */
    for (size_t len = 0; len <= n; len++)
        try_decode(b, len, 0);
    /* every byte flipped to interesting values */
    static const uint8_t vals[] = { 0x00, 0x01, 0x02, 0x05, 0x0B, 0x40, 0x60, 0x6F, 0x70, 0x7F,
                                    0x80, 0xC0, 0xFC, 0xFD, 0xFF };
    for (size_t i = 0; i < n; i++) {
        for (size_t v = 0; v < sizeof vals; v++) {
            memcpy(t, b, n);
            t[i] = vals[v];
            try_decode(t, n, 0);
            try_decode(t, n, WD_FEATURE_MULTI_MEMORY | WD_FEATURE_TAIL_CALL);
        }
        memcpy(t, b, n);
        t[i] ^= 0x80;
        try_decode(t, n, 0);
    }
    /* a huge LEB (0xFFFFFFFF, or an over-long one) inserted at every position */
    static const uint8_t huge[][5] = { { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, { 0x80, 0x80, 0x80, 0x80, 0x08 },
                                       { 0xFF, 0xFF, 0xFF, 0x7F, 0x00 } };
    for (size_t i = 8; i <= n; i++) {
        for (size_t h = 0; h < 3; h++) {
            memcpy(t, b, i);
            memcpy(t + i, huge[h], 5);
            memcpy(t + i + 5, b + i, n - i);
            try_decode(t, n + 5, 0);
            /* and replacing the byte there */
            if (i < n) {
                memcpy(t, b, i);
                memcpy(t + i, huge[h], 5);
                memcpy(t + i + 5, b + i + 1, n - i - 1);
                try_decode(t, n + 4, 0);
            }
        }
    }
    free(t);
}

static void test_mutations(void **state)
{
    (void)state;
    bb x = {0};
    build_full(&x);
    mutate_all(x.b, x.n);
    free(x.b);

    x = (bb){0};
    bb_header(&x);
    SEC(&x, 1, 0x02, 0x60, 0x01, 0x7B, 0x00, 0x60, 0x00, 0x01, 0x70);
    SEC(&x, 3, 0x01, 0x00);
    SEC(&x, 5, 0x01, 0x01, 0x01, 0x02);
    SEC(&x, 9, 0x02, 0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B,
        0x06, 0x00, 0x41, 0x00, 0x0B, 0x70, 0x01, 0xD0, 0x70, 0x0B);
    SEC(&x, 10, 0x01, 0x0E, 0x01, 0x02, 0x7F, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x00, 0x0B, 0xFD, 0x0C, 0x0B, 0x0B);
    SEC(&x, 11, 0x01, 0x02, 0x00, 0x41, 0x00, 0x0B, 0x03, 1, 2, 3);
    mutate_all(x.b, x.n);
    free(x.b);
    print_message("mutations: %lu decoded, %lu rejected\n", g_decoded, g_failed);
    assert_true(g_decoded > 0 && g_failed > 0);
}

/* Allocation failure at every point: a clean WD_ERR_NOMEM, never a crash
 * or a leak (ASan/LSan checks the latter). */
static void test_alloc_failures(void **state)
{
    (void)state;
    bb x = {0};
    build_full(&x);
    bool succeeded = false;
    for (long k = 0; k < 200 && !succeeded; k++) {
        wd_module *m = calloc(1, sizeof *m);
        assert_non_null(m);
        wd_arena_init(&m->arena);
        m->bytes = x.b;
        m->size = x.n;
        wd_error err;
        wd_error_clear(&err);
        wd__alloc_fail_after(k);
        bool ok = wd__decode(m, &err);
        wd__alloc_fail_after(-1);
        if (ok)
            succeeded = true;
        else
            assert_int_equal(err.status, WD_ERR_NOMEM);
        wd_arena_free(&m->arena);
        free(m);
    }
    assert_true(succeeded);
    free(x.b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_module),
        cmocka_unit_test(test_empty_and_all_elem_data_forms),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_section_errors),
        cmocka_unit_test(test_type_import_errors),
        cmocka_unit_test(test_global_export_elem_errors),
        cmocka_unit_test(test_code_errors),
        cmocka_unit_test(test_datacount_errors),
        cmocka_unit_test(test_custom_and_names),
        cmocka_unit_test(test_multi_memory_and_tail_call_features),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
