/* test_instance.c: modules, the store and instantiation on small hand-made
 * modules: export lookup, import resolution and type checks, memories and
 * their growth limits, tables, globals, element and data segments, the start
 * function and a trap in it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store.h"

/* ------------------------------------------------------------ builder */

typedef struct buf {
    uint8_t b[4096];
    size_t n;
} buf;

static void u8(buf *o, uint8_t x)
{
    assert_true(o->n < sizeof o->b);
    o->b[o->n++] = x;
}

static void put(buf *o, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        u8(o, ((const uint8_t *)p)[i]);
}

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

static void sleb(buf *o, int64_t x)
{
    for (;;) {
        uint8_t c = x & 0x7F;
        x >>= 7;   /* arithmetic shift on gcc/clang */
        if ((x == 0 && !(c & 0x40)) || (x == -1 && (c & 0x40))) {
            u8(o, c);
            return;
        }
        u8(o, c | 0x80);
    }
}

static void name(buf *o, const char *s)
{
    leb(o, (uint32_t)strlen(s));
    put(o, s, strlen(s));
}

static void header(buf *o)
{
    static const uint8_t h[] = { 0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00 };
    o->n = 0;
    put(o, h, sizeof h);
}

static void section(buf *o, uint8_t id, const buf *c)
{
    u8(o, id);
    leb(o, (uint32_t)c->n);
    put(o, c->b, c->n);
}

#define BYTES(o, ...)                                                    \
    do {                                                                 \
        static const uint8_t b_[] = { __VA_ARGS__ };                     \
        put((o), b_, sizeof b_);                                         \
    } while (0)
#define SEC(o, id, ...)                                                  \
    do {                                                                 \
        buf s_ = { .n = 0 };                                             \
        BYTES(&s_, __VA_ARGS__);                                         \
        section((o), (id), &s_);                                         \
    } while (0)

/* Code section entry: `body` is the locals vector and the instructions. */
static void code_entry(buf *c, const uint8_t *body, size_t n)
{
    leb(c, (uint32_t)n);
    put(c, body, n);
}

enum { I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, FUNCREF = 0x70, EXTERNREF = 0x6F };
enum { OP_END = 0x0B, OP_I32_CONST = 0x41, OP_I64_CONST = 0x42, OP_GLOBAL_GET = 0x23 };

/* ------------------------------------------------------------ helpers */

static wd_module *load(const buf *o, uint32_t features, wd_error *err)
{
    wd_load_options lo = { .features = features, .name = "test.wasm" };
    wd_error_clear(err);
    wd_module *m = wd_module_load(o->b, o->n, &lo, err);
    if (!m)
        print_error("load failed: %s (status %d)\n", err->msg, (int)err->status);
    return m;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A resolver that hands out externs from a small table by name. */
typedef struct provided {
    const char *name;
    wd_extern ext;
} provided;

typedef struct provider {
    provided items[8];
    int n;
    int calls;
} provider;

static bool resolve(void *user, const wd_import_desc *imp, wd_extern *out)
{
    provider *p = user;
    p->calls++;
    if (strcmp(imp->module, "env") != 0)
        return false;
    for (int i = 0; i < p->n; i++) {
        if (strcmp(p->items[i].name, imp->name) == 0) {
            *out = p->items[i].ext;
            return true;
        }
    }
    return false;
}

static int host_add(wd_exec *x, void *env, uint64_t *slots)
{
    (void)x;
    (void)env;
    slots[0] = (uint32_t)(slots[0] + slots[1]);
    return 0;
}

/* ------------------------------------------------------------ load */

static void test_load_errors(void **state)
{
    (void)state;
    wd_error err;
    wd_error_clear(&err);
    wd_load_options lo = { .features = 0, .name = "bad.wasm" };
    static const uint8_t bad[] = { 0x00, 'a', 's', 'x', 1, 0, 0, 0 };
    assert_null(wd_module_load(bad, sizeof bad, &lo, &err));
    assert_int_equal(err.status, WD_ERR_MALFORMED);
    assert_string_equal(err.file, "bad.wasm");
    assert_string_equal(err.msg, "magic header not detected");

    wd_error_clear(&err);
    assert_null(wd_module_load(NULL, 0, &lo, &err));
    assert_int_equal(err.status, WD_ERR_MALFORMED);

    wd_error_clear(&err);
    assert_null(wd_module_load_file("/nonexistent/dir/x.wasm", NULL, &err));
    assert_int_equal(err.status, WD_ERR_IO);
    assert_string_equal(err.file, "/nonexistent/dir/x.wasm");
    assert_true(starts_with(err.msg, "cannot open /nonexistent/dir/x.wasm: "));
}

static void test_load_file(void **state)
{
    (void)state;
    buf o;
    header(&o);
    SEC(&o, 5, 0x01, 0x00, 0x01);                   /* memory 1 */
    char path[] = "/tmp/wd_test_instance_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(o.b, 1, o.n, f), o.n);
    fclose(f);
    wd_error err;
    wd_error_clear(&err);
    wd_module *m = wd_module_load_file(path, NULL, &err);
    remove(path);
    assert_non_null(m);
    assert_string_equal(m->name, path);
    assert_int_equal(m->nmemories, 1);
    wd_module_free(m);
}

/* ------------------------------------------------------------ exports */

/* (type (func (param i32 i32) (result i32)))
 * (func $add (export "add") (local.get 0) (local.get 1) i32.add)
 * (memory (export "mem") 1 2) (table (export "tab") 3 funcref)
 * (global (export "g") (mut i32) (i32.const 42))
 * (global (export "h") i64 (i64.const -5)) */
static void build_exports(buf *o)
{
    header(o);
    SEC(o, 1, 0x01, 0x60, 0x02, I32, I32, 0x01, I32);
    SEC(o, 3, 0x01, 0x00);
    SEC(o, 4, 0x01, FUNCREF, 0x00, 0x03);
    SEC(o, 5, 0x01, 0x01, 0x01, 0x02);
    SEC(o, 6, 0x02, I32, 0x01, OP_I32_CONST, 42, OP_END, I64, 0x00, OP_I64_CONST, 0x7B, OP_END);
    buf e = { .n = 0 };
    leb(&e, 5);
    name(&e, "add"); u8(&e, 0); leb(&e, 0);
    name(&e, "mem"); u8(&e, 2); leb(&e, 0);
    name(&e, "tab"); u8(&e, 1); leb(&e, 0);
    name(&e, "g"); u8(&e, 3); leb(&e, 0);
    name(&e, "h"); u8(&e, 3); leb(&e, 1);
    section(o, 7, &e);
    buf c = { .n = 0 };
    leb(&c, 1);
    static const uint8_t body[] = { 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, OP_END };
    code_entry(&c, body, sizeof body);
    section(o, 10, &c);
}

static void test_exports(void **state)
{
    (void)state;
    buf o;
    build_exports(&o);
    wd_error err;
    wd_module *m = load(&o, 0, &err);
    assert_non_null(m);

    assert_int_equal(wd_module_export_count(m), 5);
    wd_export_desc ed;
    wd_module_export(m, 1, &ed);
    assert_string_equal(ed.name, "mem");
    assert_int_equal(ed.kind, WD_EXTERN_MEMORY);
    assert_int_equal(wd_module_func_count(m), 1);
    assert_string_equal(wd_module_func_name(m, 0), "add");
    assert_null(wd_module_func_name(m, 1));
    wd_functype ft = wd_module_func_type(m, 0);
    assert_int_equal(ft.nparams, 2);
    assert_int_equal(ft.nresults, 1);
    assert_int_equal(ft.results[0], WD_I32);
    uint64_t b0, b1;
    wd_module_func_range(m, 0, &b0, &b1);
    assert_true(b0 > 0 && b1 > b0 && b1 <= o.n);
    assert_int_equal(m->bytes[b0], 0x20);           /* the first instruction */
    assert_true(wd_module_code_section_offset(m) > 0);

    wd_store *s = wd_store_new(NULL);
    assert_non_null(s);
    wd_error_clear(&err);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    assert_non_null(inst);
    assert_ptr_equal(wd_instance_module(inst), m);

    wd_externkind k;
    wd_extern x;
    assert_true(wd_instance_export(inst, "add", &k, &x));
    assert_int_equal(k, WD_EXTERN_FUNC);
    assert_ptr_equal(x.func, wd_instance_func(inst, 0));
    assert_int_equal(wd_func_type(x.func).nparams, 2);

    assert_true(wd_instance_export(inst, "mem", &k, &x));
    assert_int_equal(k, WD_EXTERN_MEMORY);
    assert_ptr_equal(x.memory, wd_instance_memory(inst, 0));
    assert_int_equal(wd_memory_size(x.memory), 65536);

    assert_true(wd_instance_export(inst, "tab", &k, &x));
    assert_int_equal(k, WD_EXTERN_TABLE);
    assert_int_equal(wd_table_size(x.table), 3);
    wd_ref r = 1;
    assert_true(wd_table_get(x.table, 2, &r));
    assert_true(r == WD_REF_NULL);
    assert_false(wd_table_get(x.table, 3, &r));

    assert_true(wd_instance_export(inst, "g", &k, &x));
    assert_int_equal(k, WD_EXTERN_GLOBAL);
    wd_value v = wd_global_get(x.global);
    assert_int_equal(v.type, WD_I32);
    assert_int_equal(v.of.i32, 42);
    assert_true(wd_global_is_mutable(x.global));
    v.of.i32 = 7;
    assert_true(wd_global_set(x.global, v));
    assert_int_equal(wd_global_get(x.global).of.i32, 7);
    v.type = WD_I64;
    assert_false(wd_global_set(x.global, v));       /* wrong type */

    assert_true(wd_instance_export(inst, "h", &k, &x));
    v = wd_global_get(x.global);
    assert_int_equal(v.type, WD_I64);
    assert_true(v.of.i64 == (uint64_t)-5);
    assert_false(wd_global_is_mutable(x.global));
    assert_false(wd_global_set(x.global, v));       /* immutable */

    assert_false(wd_instance_export(inst, "ad", &k, &x));
    assert_false(wd_instance_export(inst, "addx", &k, &x));
    assert_false(wd_instance_export(inst, "", &k, &x));
    assert_null(wd_instance_func(inst, 1));
    assert_null(wd_instance_memory(inst, 1));

    /* Calling the export. */
    wd_value args[2] = { { .type = WD_I32, .of.i32 = 40 }, { .type = WD_I32, .of.i32 = 2 } };
    wd_value res[1];
    assert_true(wd_instance_export(inst, "add", &k, &x));
    assert_int_equal(wd_exec_call(wd_store_exec(s), x.func, args, 2, res, 1), WD_STOP_DONE);
    assert_int_equal(res[0].type, WD_I32);
    assert_int_equal(res[0].of.i32, 42);

    wd_store_free(s);
    wd_module_free(m);
}

/* ------------------------------------------------------------ imports */

/* (import "env" "add" (func (param i32 i32) (result i32)))
 * (import "env" "mem" (memory 1 4)) (import "env" "g" (global i32))
 * (import "env" "tab" (table 2 funcref))
 * (global (export "g2") i32 (global.get 0)) */
static void build_imports(buf *o)
{
    header(o);
    SEC(o, 1, 0x01, 0x60, 0x02, I32, I32, 0x01, I32);
    buf im = { .n = 0 };
    leb(&im, 4);
    name(&im, "env"); name(&im, "add"); u8(&im, 0x00); leb(&im, 0);
    name(&im, "env"); name(&im, "mem"); u8(&im, 0x02); BYTES(&im, 0x01, 0x01, 0x04);
    name(&im, "env"); name(&im, "g"); u8(&im, 0x03); BYTES(&im, I32, 0x00);
    name(&im, "env"); name(&im, "tab"); u8(&im, 0x01); BYTES(&im, FUNCREF, 0x00, 0x02);
    section(o, 2, &im);
    SEC(o, 6, 0x01, I32, 0x00, OP_GLOBAL_GET, 0x00, OP_END);
    buf e = { .n = 0 };
    leb(&e, 1);
    name(&e, "g2"); u8(&e, 3); leb(&e, 1);
    section(o, 7, &e);
}

static void test_imports(void **state)
{
    (void)state;
    buf o;
    build_imports(&o);
    wd_error err;
    wd_module *m = load(&o, 0, &err);
    assert_non_null(m);

    assert_int_equal(wd_module_import_count(m), 4);
    wd_import_desc d;
    wd_module_import(m, 0, &d);
    assert_string_equal(d.module, "env");
    assert_string_equal(d.name, "add");
    assert_int_equal(d.kind, WD_EXTERN_FUNC);
    assert_int_equal(d.func.nparams, 2);
    wd_module_import(m, 1, &d);
    assert_int_equal(d.kind, WD_EXTERN_MEMORY);
    assert_int_equal(d.limits.min, 1);
    assert_true(d.limits.has_max);
    assert_int_equal(d.limits.max, 4);
    wd_module_import(m, 2, &d);
    assert_int_equal(d.global_type, WD_I32);
    assert_false(d.global_mutable);
    wd_module_import(m, 3, &d);
    assert_int_equal(d.elem_type, WD_FUNCREF);
    assert_int_equal(d.limits.min, 2);

    wd_store *s = wd_store_new(NULL);
    assert_non_null(s);

    /* No resolver: unknown import. */
    wd_error_clear(&err);
    assert_null(wd_instance_new(s, m, NULL, NULL, &err));
    assert_int_equal(err.status, WD_ERR_LINK);
    assert_true(starts_with(err.msg, "unknown import"));

    static const wd_valtype ii[] = { WD_I32, WD_I32 }, i1[] = { WD_I32 };
    wd_functype good = { 2, 1, ii, i1 }, bad = { 1, 1, i1, i1 };
    wd_func *fgood = wd_func_new_host(s, &good, host_add, NULL, "add");
    wd_func *fbad = wd_func_new_host(s, &bad, host_add, NULL, "bad");
    assert_non_null(fgood);
    assert_non_null(fbad);
    wd_limits l14 = { 1, 4, true }, l2 = { 2, 0, false }, l25 = { 2, 5, true };
    wd_memory *mem_ok = wd_memory_new(s, l14, &err);
    wd_memory *mem_nomax = wd_memory_new(s, l2, &err);
    wd_memory *mem_bigmax = wd_memory_new(s, l25, &err);
    assert_non_null(mem_ok);
    assert_non_null(mem_nomax);
    assert_non_null(mem_bigmax);
    wd_value gv = { .type = WD_I32, .of.i32 = 99 };
    wd_global *g_const = wd_global_new(s, gv, false);
    wd_global *g_mut = wd_global_new(s, gv, true);
    wd_limits t2 = { 2, 0, false }, t1 = { 1, 0, false };
    wd_table *tab_ok = wd_table_new(s, WD_FUNCREF, t2, WD_REF_NULL, &err);
    wd_table *tab_small = wd_table_new(s, WD_FUNCREF, t1, WD_REF_NULL, &err);
    wd_table *tab_extern = wd_table_new(s, WD_EXTERNREF, t2, WD_REF_NULL, &err);
    assert_non_null(tab_ok);

    provider p = { .n = 4 };
    p.items[0] = (provided){ "add", { .func = fgood } };
    p.items[1] = (provided){ "mem", { .memory = mem_ok } };
    p.items[2] = (provided){ "g", { .global = g_const } };
    p.items[3] = (provided){ "tab", { .table = tab_ok } };

    wd_error_clear(&err);
    wd_instance *inst = wd_instance_new(s, m, resolve, &p, &err);
    if (!inst)
        print_error("%s\n", err.msg);
    assert_non_null(inst);
    assert_int_equal(p.calls, 4);
    assert_ptr_equal(wd_instance_func(inst, 0), fgood);
    assert_ptr_equal(wd_instance_memory(inst, 0), mem_ok);
    assert_ptr_equal(wd_instance_global(inst, 0), g_const);
    assert_ptr_equal(wd_instance_table(inst, 0), tab_ok);
    wd_externkind k;
    wd_extern x;
    assert_true(wd_instance_export(inst, "g2", &k, &x));
    assert_int_equal(wd_global_get(x.global).of.i32, 99);   /* global.get of an import */

    /* Calling the imported host function through the exec. */
    wd_value args[2] = { { .type = WD_I32, .of.i32 = 5 }, { .type = WD_I32, .of.i32 = 6 } };
    wd_value res[1];
    assert_int_equal(wd_exec_call(wd_store_exec(s), fgood, args, 2, res, 1), WD_STOP_DONE);
    assert_int_equal(res[0].of.i32, 11);

    /* Each mismatch in turn: incompatible import type. */
    struct { int item; wd_extern ext; } cases[] = {
        { 0, { .func = fbad } },
        { 1, { .memory = mem_nomax } },    /* declared max 4, none given */
        { 1, { .memory = mem_bigmax } },   /* max 5 > 4 */
        { 2, { .global = g_mut } },        /* mutability differs */
        { 3, { .table = tab_small } },     /* size 1 < 2 */
        { 3, { .table = tab_extern } },    /* element type */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        provider q = p;
        q.items[cases[i].item].ext = cases[i].ext;
        wd_error_clear(&err);
        assert_null(wd_instance_new(s, m, resolve, &q, &err));
        assert_int_equal(err.status, WD_ERR_LINK);
        assert_true(starts_with(err.msg, "incompatible import type"));
        assert_string_equal(err.file, "test.wasm");
    }

    /* A bigger current size than declared is fine; so is a grown memory. */
    assert_int_equal(wd_memory_grow(mem_ok, 2), 1);
    wd_error_clear(&err);
    assert_non_null(wd_instance_new(s, m, resolve, &p, &err));

    wd_store_free(s);
    wd_module_free(m);
}

/* ------------------------------------------------------------ memories */

static void test_memory_grow(void **state)
{
    (void)state;
    wd_store *s = wd_store_new(NULL);
    assert_non_null(s);
    wd_error err;
    wd_error_clear(&err);
    wd_limits l = { 1, 3, true };
    wd_memory *mem = wd_memory_new(s, l, &err);
    assert_non_null(mem);
    assert_int_equal(wd_memory_size(mem), 65536);
    uint8_t *data = wd_memory_data(mem);
    data[65535] = 0xAB;
    assert_int_equal(wd_memory_grow(mem, 1), 1);
    assert_int_equal(wd_memory_grow(mem, 2), -1);    /* past max 3 */
    assert_int_equal(wd_memory_grow(mem, 0), 2);
    assert_int_equal(wd_memory_grow(mem, 1), 2);
    assert_int_equal(wd_memory_grow(mem, 1), -1);
    assert_ptr_equal(wd_memory_data(mem), data);     /* never moves */
    assert_int_equal(wd_memory_size(mem), 3 * 65536);
    assert_int_equal(data[65535], 0xAB);
    assert_int_equal(data[3 * 65536 - 1], 0);        /* new pages are zero */

    uint32_t w = 0x11223344, r = 0;
    assert_true(wd_memory_write(mem, 3 * 65536 - 4, &w, 4));
    assert_true(wd_memory_read(mem, 3 * 65536 - 4, &r, 4));
    assert_int_equal(r, w);
    assert_false(wd_memory_write(mem, 3 * 65536 - 3, &w, 4));
    assert_false(wd_memory_read(mem, UINT64_MAX - 1, &r, 4));
    assert_true(wd_memory_read(mem, 3 * 65536, &r, 0));

    wd_limits nomax = { 0, 0, false };
    wd_memory *big = wd_memory_new(s, nomax, &err);
    assert_non_null(big);
    assert_int_equal(wd_memory_size(big), 0);
    assert_int_equal(wd_memory_grow(big, 65537), -1);
    assert_int_equal(wd_memory_grow(big, UINT64_MAX), -1);
    assert_int_equal(wd_memory_grow(big, 2), 0);
    assert_int_equal(wd_memory_grow(big, 65535), -1);
    assert_int_equal(wd_memory_size(big), 2 * 65536);

    wd_limits huge = { 70000, 0, false };
    wd_error_clear(&err);
    assert_null(wd_memory_new(s, huge, &err));
    assert_int_equal(err.status, WD_ERR_NOMEM);
    wd_limits hugemax = { 1, 70000, true };
    wd_error_clear(&err);
    assert_null(wd_memory_new(s, hugemax, &err));
    assert_int_equal(err.status, WD_ERR_NOMEM);
    wd_store_free(s);
}

static void test_table_grow(void **state)
{
    (void)state;
    wd_store *s = wd_store_new(NULL);
    wd_error err;
    wd_limits l = { 1, 10, true };
    wd_table *t = wd_table_new(s, WD_EXTERNREF, l, 5, &err);
    assert_non_null(t);
    wd_ref r;
    assert_true(wd_table_get(t, 0, &r));
    assert_true(r == 5);
    assert_int_equal(wd__table_grow(t, 4, 9), 1);
    assert_int_equal(wd_table_size(t), 5);
    assert_true(wd_table_get(t, 4, &r));
    assert_true(r == 9);
    assert_int_equal(wd__table_grow(t, 6, 0), -1);
    assert_int_equal(wd__table_grow(t, 5, 0), 5);
    assert_int_equal(wd__table_grow(t, 0, 0), 10);
    assert_true(wd_table_set(t, 9, 3));
    assert_false(wd_table_set(t, 10, 3));
    wd_limits unl = { 0, 0, false };
    wd_table *u = wd_table_new(s, WD_FUNCREF, unl, WD_REF_NULL, &err);
    assert_int_equal(wd__table_grow(u, 100, WD_REF_NULL), 0);
    assert_int_equal(wd__table_grow(u, WD_MAX_TABLE_SIZE, WD_REF_NULL), -1);
    wd_limits huge = { WD_MAX_TABLE_SIZE + 1ull, 0, false };
    wd_error_clear(&err);
    assert_null(wd_table_new(s, WD_FUNCREF, huge, WD_REF_NULL, &err));
    assert_int_equal(err.status, WD_ERR_NOMEM);
    wd_store_free(s);
}

static void test_type_interning(void **state)
{
    (void)state;
    wd_store *s = wd_store_new(NULL);
    static const wd_valtype a[] = { WD_I32, WD_I64 }, b[] = { WD_I64, WD_I32 };
    wd_ftype t1 = { 2, 1, (wd_valtype *)a, (wd_valtype *)a, 0, 0 };
    wd_ftype t2 = { 2, 1, (wd_valtype *)b, (wd_valtype *)a, 0, 0 };
    const wd_itype *x = wd__store_intern_type(s, &t1);
    assert_non_null(x);
    assert_ptr_equal(wd__store_intern_type(s, &t1), x);
    assert_ptr_not_equal(wd__store_intern_type(s, &t2), x);
    assert_int_equal(x->ft.param_slots, 2);
    /* Many distinct types: the table rehashes and keeps them apart. */
    static wd_valtype many[300];
    const wd_itype *firsts[300];
    for (int i = 0; i < 300; i++) {
        many[i] = WD_V128;
        wd_ftype t = { (uint32_t)i, 0, many, NULL, 0, 0 };
        firsts[i] = wd__store_intern_type(s, &t);
        assert_non_null(firsts[i]);
    }
    for (int i = 0; i < 300; i++) {
        wd_ftype t = { (uint32_t)i, 0, many, NULL, 0, 0 };
        assert_ptr_equal(wd__store_intern_type(s, &t), firsts[i]);
        assert_int_equal(firsts[i]->ft.param_slots, 2 * i);
    }
    wd_store_free(s);
}

/* ------------------------------------------------------------ segments */

/* (memory (import "env" "mem") 1) or (memory 1)
 * (data (i32.const OFF1) "hello") (data (i32.const OFF2) "abc") */
static void build_data(buf *o, bool import_mem, uint32_t off1, uint32_t off2)
{
    header(o);
    if (import_mem) {
        buf im = { .n = 0 };
        leb(&im, 1);
        name(&im, "env"); name(&im, "mem"); u8(&im, 0x02); BYTES(&im, 0x00, 0x01);
        section(o, 2, &im);
    } else {
        SEC(o, 5, 0x01, 0x00, 0x01);
    }
    buf d = { .n = 0 };
    leb(&d, 2);
    u8(&d, 0x00); u8(&d, OP_I32_CONST); sleb(&d, (int32_t)off1); u8(&d, OP_END);
    name(&d, "hello");
    u8(&d, 0x00); u8(&d, OP_I32_CONST); sleb(&d, (int32_t)off2); u8(&d, OP_END);
    name(&d, "abc");
    section(o, 11, &d);
}

static void test_data_segments(void **state)
{
    (void)state;
    buf o;
    wd_error err;
    wd_store *s = wd_store_new(NULL);

    header(&o);
    SEC(&o, 5, 0x01, 0x00, 0x01);
    SEC(&o, 7, 0x01, 0x03, 'm', 'e', 'm', 0x02, 0x00);
    SEC(&o, 11, 0x02,
        0x00, OP_I32_CONST, 0x10, OP_END, 0x05, 'h', 'e', 'l', 'l', 'o',
        0x01, 0x03, 'x', 'y', 'z');                 /* a passive one */
    wd_module *m = load(&o, 0, &err);
    assert_non_null(m);
    wd_error_clear(&err);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    assert_non_null(inst);
    char got[6] = { 0 };
    assert_true(wd_memory_read(wd_instance_memory(inst, 0), 16, got, 5));
    assert_string_equal(got, "hello");
    assert_int_equal(inst->data_dropped[0], 1);
    assert_int_equal(inst->data_dropped[1], 0);
    /* memory.init from the passive segment, and from the dropped one. */
    assert_int_equal(wd__memory_init(inst, 0, 1, 100, 1, 2), 0);
    assert_true(wd_memory_read(wd_instance_memory(inst, 0), 100, got, 2));
    assert_memory_equal(got, "yz", 2);
    assert_int_equal(wd__memory_init(inst, 0, 1, 100, 2, 2), WD_TRAP_MEM_OOB);
    assert_int_equal(wd__memory_init(inst, 0, 0, 100, 0, 0), 0);
    assert_int_equal(wd__memory_init(inst, 0, 0, 100, 0, 1), WD_TRAP_MEM_OOB);
    assert_int_equal(wd__memory_init(inst, 0, 1, 65536, 0, 0), 0);
    assert_int_equal(wd__memory_init(inst, 0, 1, 65535, 0, 2), WD_TRAP_MEM_OOB);
    wd_module_free(NULL);   /* a no-op */

    /* Out of bounds: the second segment fails, the first stays written in
     * the shared memory. */
    build_data(&o, true, 0, 65534);
    wd_module *m2 = load(&o, 0, &err);
    assert_non_null(m2);
    wd_limits l1 = { 1, 0, false };
    wd_memory *shared = wd_memory_new(s, l1, &err);
    provider p = { .n = 1 };
    p.items[0] = (provided){ "mem", { .memory = shared } };
    wd_error_clear(&err);
    assert_null(wd_instance_new(s, m2, resolve, &p, &err));
    assert_int_equal(err.status, WD_ERR_UNINSTANTIABLE);
    assert_string_equal(err.msg, "out of bounds memory access");
    assert_true(wd_memory_read(shared, 0, got, 5));
    assert_string_equal(got, "hello");

    /* A negative i32 offset is a large unsigned one. */
    build_data(&o, true, 0xFFFFFFFFu, 0);
    wd_module *m3 = load(&o, 0, &err);
    assert_non_null(m3);
    wd_error_clear(&err);
    assert_null(wd_instance_new(s, m3, resolve, &p, &err));
    assert_int_equal(err.status, WD_ERR_UNINSTANTIABLE);

    wd_store_free(s);
    wd_module_free(m);
    wd_module_free(m2);
    wd_module_free(m3);
}

/* (type (func)) (func $f0) (func $f1)
 * (table (export "t") 4 funcref)  or imported
 * (elem (i32.const OFF) $f0 $f1) (elem declare func $f0)
 * (elem funcref (ref.func $f1) (ref.null func))   ;; passive */
static void build_elems(buf *o, bool import_table, uint32_t off)
{
    header(o);
    SEC(o, 1, 0x01, 0x60, 0x00, 0x00);
    if (import_table) {
        buf im = { .n = 0 };
        leb(&im, 1);
        name(&im, "env"); name(&im, "tab"); u8(&im, 0x01); BYTES(&im, FUNCREF, 0x00, 0x02);
        section(o, 2, &im);
    }
    SEC(o, 3, 0x02, 0x00, 0x00);
    if (!import_table) {
        SEC(o, 4, 0x01, FUNCREF, 0x00, 0x04);
        SEC(o, 7, 0x01, 0x01, 't', 0x01, 0x00);
    }
    buf e = { .n = 0 };
    leb(&e, 3);
    u8(&e, 0x00); u8(&e, OP_I32_CONST); sleb(&e, (int32_t)off); u8(&e, OP_END);
    BYTES(&e, 0x02, 0x00, 0x01);
    BYTES(&e, 0x03, 0x00, 0x01, 0x00);              /* declarative */
    BYTES(&e, 0x05, FUNCREF, 0x02, 0xD2, 0x01, OP_END, 0xD0, FUNCREF, OP_END);
    section(o, 9, &e);
    SEC(o, 10, 0x02, 0x02, 0x00, OP_END, 0x02, 0x00, OP_END);
}

static void test_elem_segments(void **state)
{
    (void)state;
    buf o;
    wd_error err;
    wd_store *s = wd_store_new(NULL);
    build_elems(&o, false, 1);
    wd_module *m = load(&o, 0, &err);
    assert_non_null(m);
    wd_error_clear(&err);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    if (!inst)
        print_error("%s\n", err.msg);
    assert_non_null(inst);
    wd_table *t = wd_instance_table(inst, 0);
    wd_ref r;
    assert_true(wd_table_get(t, 0, &r));
    assert_true(r == WD_REF_NULL);
    assert_true(wd_table_get(t, 1, &r));
    assert_true(r == (wd_ref)(uintptr_t)wd_instance_func(inst, 0));
    assert_true(wd_table_get(t, 2, &r));
    assert_true(r == (wd_ref)(uintptr_t)wd_instance_func(inst, 1));
    assert_int_equal(inst->elem_dropped[0], 1);
    assert_int_equal(inst->elem_dropped[1], 1);
    assert_int_equal(inst->elem_dropped[2], 0);
    /* table.init from the passive segment. */
    assert_int_equal(wd__table_init(inst, 0, 2, 2, 0, 2), 0);
    assert_true(wd_table_get(t, 2, &r));
    assert_true(r == (wd_ref)(uintptr_t)wd_instance_func(inst, 1));
    assert_true(wd_table_get(t, 3, &r));
    assert_true(r == WD_REF_NULL);
    assert_int_equal(wd__table_init(inst, 0, 2, 3, 0, 2), WD_TRAP_TABLE_OOB);
    assert_int_equal(wd__table_init(inst, 0, 0, 0, 0, 1), WD_TRAP_TABLE_OOB);   /* dropped */
    assert_true(wd__elem_item(inst, 2, 0) == (wd_ref)(uintptr_t)wd_instance_func(inst, 1));

    /* Out of bounds in a shared table: uninstantiable, and earlier writes
     * (none here) are kept; the instance's functions stay alive. */
    build_elems(&o, true, 1);
    wd_module *m2 = load(&o, 0, &err);
    assert_non_null(m2);
    wd_limits l2 = { 2, 0, false };
    wd_table *shared = wd_table_new(s, WD_FUNCREF, l2, WD_REF_NULL, &err);
    provider p = { .n = 1 };
    p.items[0] = (provided){ "tab", { .table = shared } };
    wd_error_clear(&err);
    assert_null(wd_instance_new(s, m2, resolve, &p, &err));
    assert_int_equal(err.status, WD_ERR_UNINSTANTIABLE);
    assert_string_equal(err.msg, "out of bounds table access");

    build_elems(&o, true, 0);
    wd_module *m3 = load(&o, 0, &err);
    assert_non_null(m3);
    wd_error_clear(&err);
    wd_instance *i3 = wd_instance_new(s, m3, resolve, &p, &err);
    assert_non_null(i3);
    assert_true(wd_table_get(shared, 1, &r));
    assert_true(r == (wd_ref)(uintptr_t)wd_instance_func(i3, 1));

    wd_store_free(s);
    wd_module_free(m);
    wd_module_free(m2);
    wd_module_free(m3);
}

/* ------------------------------------------------------------ start */

/* (memory (export "mem") 1) (func $s <body>) (start $s) */
static wd_module *build_start(buf *o, const uint8_t *body, size_t n, wd_error *err)
{
    header(o);
    SEC(o, 1, 0x01, 0x60, 0x00, 0x00);
    SEC(o, 3, 0x01, 0x00);
    SEC(o, 5, 0x01, 0x00, 0x01);
    SEC(o, 7, 0x01, 0x03, 'm', 'e', 'm', 0x02, 0x00);
    SEC(o, 8, 0x00);
    buf c = { .n = 0 };
    leb(&c, 1);
    code_entry(&c, body, n);
    section(o, 10, &c);
    return load(o, 0, err);
}

static void test_start(void **state)
{
    (void)state;
    buf o;
    wd_error err;
    /* i32.store (i32.const 8) (i32.const 0x2A) */
    static const uint8_t store42[] = { 0x00, 0x41, 0x08, 0x41, 0x2A, 0x36, 0x02, 0x00, OP_END };
    wd_module *m = build_start(&o, store42, sizeof store42, &err);
    assert_non_null(m);
    wd_store *s = wd_store_new(NULL);
    wd_error_clear(&err);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    if (!inst)
        print_error("%s\n", err.msg);
    assert_non_null(inst);
    uint32_t v = 0;
    assert_true(wd_memory_read(wd_instance_memory(inst, 0), 8, &v, 4));
    assert_int_equal(v, 42);
    wd_store_free(s);
    wd_module_free(m);
}

static void test_start_trap(void **state)
{
    (void)state;
    buf o;
    wd_error err;
    static const uint8_t unreachable[] = { 0x00, 0x00, OP_END };
    wd_module *m = build_start(&o, unreachable, sizeof unreachable, &err);
    assert_non_null(m);
    wd_store *s = wd_store_new(NULL);
    wd_error_clear(&err);
    assert_null(wd_instance_new(s, m, NULL, NULL, &err));
    assert_int_equal(err.status, WD_ERR_UNINSTANTIABLE);
    assert_string_equal(err.msg, "unreachable");
    assert_string_equal(err.file, "test.wasm");

    /* A memory access out of bounds in start. */
    static const uint8_t oob[] = { 0x00, 0x41, 0x80, 0x80, 0x04, 0x28, 0x02, 0x00, 0x1A, OP_END };
    wd_module *m2 = build_start(&o, oob, sizeof oob, &err);
    assert_non_null(m2);
    wd_error_clear(&err);
    assert_null(wd_instance_new(s, m2, NULL, NULL, &err));
    assert_int_equal(err.status, WD_ERR_UNINSTANTIABLE);
    assert_string_equal(err.msg, "out of bounds memory access");
    wd_store_free(s);
    wd_module_free(m);
    wd_module_free(m2);
}

/* Global initialisers: an imported global and extended-const arithmetic. */
static void test_global_init(void **state)
{
    (void)state;
    buf o;
    wd_error err;
    header(&o);
    buf im = { .n = 0 };
    leb(&im, 1);
    name(&im, "env"); name(&im, "six"); u8(&im, 0x03); BYTES(&im, I32, 0x00);
    section(&o, 2, &im);
    /* (global i32 (i32.mul (global.get 0) (i32.const 7)))
     * (global i64 (i64.sub (i64.const 1) (i64.const 3))) (global f32 (f32.const 1.5))
     * (global (mut funcref) (ref.null func)) */
    SEC(&o, 6, 0x04,
        I32, 0x00, OP_GLOBAL_GET, 0x00, OP_I32_CONST, 7, 0x6C, OP_END,
        I64, 0x00, OP_I64_CONST, 1, OP_I64_CONST, 3, 0x7D, OP_END,
        F32, 0x00, 0x43, 0x00, 0x00, 0xC0, 0x3F, OP_END,
        FUNCREF, 0x01, 0xD0, FUNCREF, OP_END);
    wd_module *m = load(&o, WD_FEATURE_EXTENDED_CONST, &err);
    assert_non_null(m);
    wd_store *s = wd_store_new(NULL);
    wd_value six = { .type = WD_I32, .of.i32 = 6 };
    provider p = { .n = 1 };
    p.items[0] = (provided){ "six", { .global = wd_global_new(s, six, false) } };
    wd_error_clear(&err);
    wd_instance *inst = wd_instance_new(s, m, resolve, &p, &err);
    assert_non_null(inst);
    assert_int_equal(wd_global_get(wd_instance_global(inst, 1)).of.i32, 42);
    assert_true(wd_global_get(wd_instance_global(inst, 2)).of.i64 == (uint64_t)-2);
    wd_value f = wd_global_get(wd_instance_global(inst, 3));
    assert_int_equal(f.type, WD_F32);
    assert_int_equal(f.of.f32_bits, 0x3FC00000u);
    wd_value r = wd_global_get(wd_instance_global(inst, 4));
    assert_int_equal(r.type, WD_FUNCREF);
    assert_true(r.of.ref == WD_REF_NULL);
    assert_true(wd_global_is_mutable(wd_instance_global(inst, 4)));
    wd_store_free(s);
    wd_module_free(m);

    /* Without the feature the arithmetic is not constant. */
    wd_error_clear(&err);
    wd_load_options lo = { .features = 0, .name = "test.wasm" };
    assert_null(wd_module_load(o.b, o.n, &lo, &err));
    assert_int_equal(err.status, WD_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_exports),
        cmocka_unit_test(test_imports),
        cmocka_unit_test(test_memory_grow),
        cmocka_unit_test(test_table_grow),
        cmocka_unit_test(test_type_interning),
        cmocka_unit_test(test_data_segments),
        cmocka_unit_test(test_elem_segments),
        cmocka_unit_test(test_start),
        cmocka_unit_test(test_start_trap),
        cmocka_unit_test(test_global_init),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
