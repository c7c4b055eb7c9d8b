/* test_memdesc.c: the memory-access descriptions of internal opcodes
 * (core/memdesc.c) and the accesses probes report (wd_probe_event.mem).
 *
 *  - every internal opcode has a description, within its length, and the
 *    wasm loads/stores describe their opcodes.def size and direction;
 *  - a module whose stores and loads the compiler fuses (constant stores
 *    with a folded add, indexed stores and loads, f64 read-modify-write,
 *    memory.fill/copy, loads and stores of memory 1) reports the right addresses, sizes, directions and
 *    wasm offsets, with superinstructions on and with every optimisation off;
 *  - a memory probe (wd_probe_add_memory) fires exactly before those
 *    instructions, and a global probe it adds fires at the next one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "code.h"

static void test_every_opcode_described(void **state)
{
    (void)state;
    wd_word ip[32] = {0};
    for (wd_word op = 0; op < WD_C__COUNT; op++) {
        wd_memdesc d;
        if (!wd__memdesc(op, &d))
            fail_msg("internal opcode %u (%s) has no memory-access description", op,
                     wd__code_name(op));
        assert_true(d.mode >= WD_MD_NONE && d.mode <= WD_MD_INIT);
        if (d.mode == WD_MD_NONE)
            continue;
        uint32_t len = wd__code_len(ip, op);
        uint8_t words[] = { d.a, d.b, d.n, d.off, d.add, d.k, d.mem, d.mem2 };
        for (size_t i = 0; i < sizeof words; i++)
            if (words[i] >= len)
                fail_msg("%s: operand word %u beyond its length %u", wd__code_name(op), words[i], len);
        assert_true(d.a > 0);
        if (d.mode == WD_MD_ADDR || d.mode == WD_MD_INDEXED) {
            assert_true(d.size > 0);
            assert_true(d.kind != 0);
        }
    }
    /* the wasm loads and stores: opcodes.def's size and direction */
    for (int op = 0; op < WD_OP__COUNT; op++) {
        const wd_opinfo *oi = &wd_opinfo_table[op];
        wd_memdesc d;
        assert_true(wd__memdesc((wd_word)op, &d));
        if (oi->kind == K_LOAD || oi->kind == K_STORE) {
            assert_int_equal(d.mode, WD_MD_ADDR);
            assert_int_equal(d.size, oi->membytes);
            assert_int_equal(d.kind, oi->kind == K_LOAD ? WD_MEM_READ : WD_MEM_WRITE);
        } else if (op != WD_OP_MEMORY_FILL && op != WD_OP_MEMORY_COPY && op != WD_OP_MEMORY_INIT) {
            assert_int_equal(d.mode, WD_MD_NONE);
        }
    }
    wd_memdesc d;
    assert_false(wd__memdesc(WD_C__COUNT, &d));
}

/* ------------------------------------------------------------ a module */

typedef struct buf {
    uint8_t b[1024];
    size_t n;
} buf;

static void put(buf *o, const void *p, size_t n)
{
    assert_true(o->n + n <= sizeof o->b);
    memcpy(o->b + o->n, p, n);
    o->n += n;
}
static void section(buf *o, uint8_t id, const uint8_t *p, size_t n)
{
    put(o, &id, 1);
    uint8_t len = (uint8_t)n;   /* every section here is < 128 bytes */
    assert_true(n < 128);
    put(o, &len, 1);
    put(o, p, n);
}

/* f(a i32, b i32, x f64), local 3 (i32). The tests name instructions by
 * their index in this array. */
static const uint8_t body[] = {
    1, 1, 0x7F,
    /* mem[a + 8 + 4] = 7           -> I32_STORE_K with add 8 */
    0x20, 0, 0x41, 8, 0x6A, 0x41, 7, 0x36, 2, 4,
    /* mem[a + (b << 2)] = b        -> I32_STORE_X, k = 2 */
    0x20, 0, 0x20, 1, 0x41, 2, 0x74, 0x6A, 0x20, 1, 0x36, 2, 0,
    /* f64 mem[a + 16] += x         -> F64_ADD_SA */
    0x20, 0, 0x20, 0, 0x2B, 3, 16, 0x20, 2, 0xA0, 0x39, 3, 16,
    /* local3 = mem[a + b]          -> I32_LOAD_X */
    0x20, 0, 0x20, 1, 0x6A, 0x28, 0, 0, 0x21, 3,
    /* memory.fill(a + 100, 0xAB, 8) */
    0x20, 0, 0x41, 0xE4, 0, 0x6A, 0x41, 0xAB, 1, 0x41, 8, 0xFC, 11, 0,
    /* memory.copy(a + 200, a, 16) */
    0x20, 0, 0x41, 0xC8, 1, 0x6A, 0x20, 0, 0x41, 16, 0xFC, 10, 0, 0,
    /* memory 1: mem1[a + 3] = 9 (i32.store8), local3 = mem1[a] (i32.load16_u) */
    0x20, 0, 0x41, 9, 0x3A, 0x40, 1, 3,
    0x20, 0, 0x2F, 0x41, 1, 0, 0x21, 3,
    0x0B,
};

static size_t build(buf *o)
{
    memset(o, 0, sizeof *o);
    put(o, "\0asm\1\0\0\0", 8);
    static const uint8_t types[] = { 1, 0x60, 3, 0x7F, 0x7F, 0x7C, 0 };
    section(o, 1, types, sizeof types);
    static const uint8_t funcs[] = { 1, 0 };
    section(o, 3, funcs, sizeof funcs);
    static const uint8_t mems[] = { 2, 0, 1, 0, 1 };
    section(o, 5, mems, sizeof mems);
    static const uint8_t exps[] = { 1, 1, 'f', 0, 0 };
    section(o, 7, exps, sizeof exps);
    uint8_t code[sizeof body + 3];
    code[0] = 1;
    code[1] = (uint8_t)sizeof body;
    memcpy(code + 2, body, sizeof body);
    section(o, 10, code, 2 + sizeof body);
    return o->n;
}

typedef struct seen {
    wd_mem_access acc[32];
    uint32_t n;
    uint32_t calls, calls_without;   /* probe calls, those for instructions without access */
    uint32_t after_id;               /* the global probe added after the first store */
    uint64_t after_off;              /* where it fired */
} seen;

static wd_probe_action after_store(wd_exec *x, const wd_probe_event *ev, void *user)
{
    seen *s = user;
    s->after_off = ev->offset;
    wd_probe_remove_global(x, s->after_id);
    return WD_PROBE_CONTINUE;
}

static wd_probe_action collect(wd_exec *x, const wd_probe_event *ev, void *user)
{
    seen *s = user;
    s->calls++;
    s->calls_without += ev->nmem == 0;
    for (uint32_t i = 0; i < ev->nmem && s->n < 32; i++)
        s->acc[s->n++] = ev->mem[i];
    /* a memory probe may ask for the instruction after this one */
    if (s->n == 1 && ev->nmem && !s->after_id)
        s->after_id = wd_probe_add_global(x, after_store, s);
    return WD_PROBE_CONTINUE;
}

static bool has_op(const wd_cfunc *cf, wd_word want)
{
    for (uint32_t pos = 0; pos < cf->ncode;) {
        wd_word op = cf->code[pos];
        if (op == want)
            return true;
        uint32_t len = wd__code_len(cf->code + pos, op);
        pos += len ? len : 1;
    }
    return false;
}

/* When set, run() narrows its memory probe with wd_probe_filter_memory. */
static struct {
    bool on;
    const wd_mem_range *r;
    uint32_t n, min_frames;
    bool inline_check;   /* out: the interpreter's inline check was on (wd_exec.mf_on) */
} filter;

/* Runs f(64, 5, 1.5) under a global or a memory probe; returns the accesses seen. */
static void run(uint32_t flags, bool memprobe, seen *out, buf *o)
{
    uint32_t saved = wd__compile_flags;
    wd__compile_flags = flags;
    size_t n = build(o);
    wd_error err;
    wd_error_clear(&err);
    wd_load_options lo = { .features = WD_FEATURE_MULTI_MEMORY, .name = "memdesc" };
    wd_module *m = wd_module_load(o->b, n, &lo, &err);
    wd__compile_flags = saved;
    if (!m)
        fail_msg("load: %s", err.msg);
    if (flags == WD_OPT_ALL) {
        /* the module exercises the fused forms it means to (compiled now, not lazily) */
        assert_true(wd__compile_func(m, 0, &err));
        const wd_cfunc *cf = m->funcs[0].code;
        assert_true(has_op(cf, WD_C_I32_STORE_K));
        assert_true(has_op(cf, WD_C_I32_STORE_X));
        assert_true(has_op(cf, WD_C_F64_ADD_SA));
        assert_true(has_op(cf, WD_C_I32_LOAD_X));
    }
    wd_store *st = wd_store_new(NULL);
    wd_instance *inst = wd_instance_new(st, m, NULL, NULL, &err);
    assert_non_null(inst);
    wd_exec *x = wd_store_exec(st);
    memset(out, 0, sizeof *out);
    uint32_t id = memprobe ? wd_probe_add_memory(x, collect, out)
                           : wd_probe_add_global(x, collect, out);
    assert_true(id != 0);
    if (filter.on) {
        assert_true(wd_probe_filter_memory(x, id, filter.r, filter.n, filter.min_frames) ==
                    memprobe);
        /* a filter set twice replaces the first */
        assert_true(wd_probe_filter_memory(x, id, filter.r, filter.n, filter.min_frames) ==
                    memprobe);
        filter.inline_check = x->mf_on;
    }
    wd_externkind k;
    wd_extern e;
    assert_true(wd_instance_export(inst, "f", &k, &e));
    double xv = 1.5;
    wd_value args[3] = { { .type = WD_I32, .of.i32 = 64 }, { .type = WD_I32, .of.i32 = 5 },
                         { .type = WD_F64 } };
    memcpy(&args[2].of.f64_bits, &xv, 8);
    assert_int_equal(wd_exec_call(x, e.func, args, 3, NULL, 0), WD_STOP_DONE);
    wd_store_free(st);
    wd_module_free(m);
}

/* file offset of the body's code byte at rel */
static uint64_t at(const buf *o, size_t rel)
{
    return o->n - sizeof body + rel;   /* the module ends with the body */
}

static void expect_in(const buf *o, const wd_mem_access *a, uint64_t rel, uint64_t addr,
                      uint64_t size, uint8_t kind, uint32_t mem)
{
    assert_int_equal(a->offset, at(o, rel));
    assert_int_equal(a->addr, addr);
    assert_int_equal(a->size, size);
    assert_int_equal(a->kind, kind);
    assert_int_equal(a->mem, mem);
}

static void expect(const buf *o, const wd_mem_access *a, uint64_t rel, uint64_t addr,
                   uint64_t size, uint8_t kind)
{
    expect_in(o, a, rel, addr, size, kind, 0);
}

static void test_fused_accesses(void **state)
{
    (void)state;
    buf o;
    seen s;
    run(WD_OPT_ALL, false, &s, &o);
    assert_int_equal(s.n, 9);
    assert_true(s.calls_without > 0);
    expect(&o, &s.acc[0], 10, 76, 4, WD_MEM_WRITE);              /* i32.store offset=4 */
    expect(&o, &s.acc[1], 23, 84, 4, WD_MEM_WRITE);             /* indexed store */
    expect(&o, &s.acc[2], 36, 80, 8, WD_MEM_READ | WD_MEM_WRITE); /* f64 += */
    expect(&o, &s.acc[3], 44, 69, 4, WD_MEM_READ);              /* indexed load */
    expect(&o, &s.acc[4], 60, 164, 8, WD_MEM_WRITE);            /* memory.fill */
    expect(&o, &s.acc[5], 73, 64, 16, WD_MEM_READ);             /* memory.copy source */
    expect(&o, &s.acc[6], 73, 264, 16, WD_MEM_WRITE);           /* and destination */
    expect_in(&o, &s.acc[7], 81, 67, 1, WD_MEM_WRITE, 1);       /* the _M variants */
    expect_in(&o, &s.acc[8], 87, 64, 2, WD_MEM_READ, 1);

    /* no optimisation: the same accesses, the f64 load and store apart */
    run(0, false, &s, &o);
    assert_int_equal(s.n, 10);
    expect(&o, &s.acc[0], 10, 76, 4, WD_MEM_WRITE);
    expect(&o, &s.acc[1], 23, 84, 4, WD_MEM_WRITE);
    expect(&o, &s.acc[2], 30, 80, 8, WD_MEM_READ);
    expect(&o, &s.acc[3], 36, 80, 8, WD_MEM_WRITE);
    expect(&o, &s.acc[4], 44, 69, 4, WD_MEM_READ);
    expect(&o, &s.acc[5], 60, 164, 8, WD_MEM_WRITE);
    expect(&o, &s.acc[6], 73, 64, 16, WD_MEM_READ);
    expect(&o, &s.acc[7], 73, 264, 16, WD_MEM_WRITE);
    expect_in(&o, &s.acc[8], 81, 67, 1, WD_MEM_WRITE, 1);
    expect_in(&o, &s.acc[9], 87, 64, 2, WD_MEM_READ, 1);
}

/* A memory probe sees the same accesses and fires on nothing else; a global probe
 * it adds fires at the next instruction. */
static void test_memory_probe(void **state)
{
    (void)state;
    buf o;
    seen s;
    uint32_t flags[] = { WD_OPT_ALL, 0 };
    for (int k = 0; k < 2; k++) {
        run(flags[k], true, &s, &o);
        assert_int_equal(s.n, k == 0 ? 9 : 10);
        assert_int_equal(s.calls_without, 0);
        assert_int_equal(s.calls, k == 0 ? 8 : 9);   /* memory.copy: one call, two accesses */
        expect(&o, &s.acc[0], 10, 76, 4, WD_MEM_WRITE);
        expect(&o, &s.acc[1], 23, 84, 4, WD_MEM_WRITE);
        /* the instruction after the first store starts with the indexed store's local.get */
        assert_int_equal(s.after_off, at(&o, 13));
    }
}

/* A filtered memory probe fires only on accesses that overlap its ranges (memory index
 * included), on all of them while fewer frames than min_frames are live, never with no
 * range; a global probe cannot be filtered. */
static void test_memory_filter(void **state)
{
    (void)state;
    buf o;
    seen s;
    /* the f64 read-modify-write [80, 88) and memory 1's 2-byte load at 64; the indexed
     * store [84, 88) and the copy's source [64, 80) end where the first range starts or
     * begin where it ends; memory 1's store at 67 lies beyond */
    static const wd_mem_range r[] = { { 0, 80, 4 }, { 1, 64, 2 }, { 1, 500, 4 } };
    filter.on = true;
    filter.r = r;
    filter.n = 3;
    filter.min_frames = 0;
    run(WD_OPT_ALL, true, &s, &o);
    assert_false(filter.inline_check);  /* a range of memory 1: the probe path decides */
    assert_int_equal(s.calls, 2);
    expect(&o, &s.acc[0], 36, 80, 8, WD_MEM_READ | WD_MEM_WRITE);
    expect_in(&o, &s.acc[1], 87, 64, 2, WD_MEM_READ, 1);
    /* the same with every optimisation off: the load and the store of += apart */
    run(0, true, &s, &o);
    assert_int_equal(s.calls, 3);
    expect(&o, &s.acc[0], 30, 80, 8, WD_MEM_READ);
    expect(&o, &s.acc[1], 36, 80, 8, WD_MEM_WRITE);
    expect_in(&o, &s.acc[2], 87, 64, 2, WD_MEM_READ, 1);
    /* one byte: the copy's destination [264, 280) */
    static const wd_mem_range last[] = { { 0, 279, 1 } };
    filter.r = last;
    filter.n = 1;
    run(WD_OPT_ALL, true, &s, &o);
    assert_true(filter.inline_check);   /* memory 0 only: checked inside the interpreter */
    assert_int_equal(s.calls, 1);
    assert_int_equal(s.n, 2);   /* the event still carries both accesses of memory.copy */
    expect(&o, &s.acc[1], 73, 264, 16, WD_MEM_WRITE);
    /* no range: never */
    filter.n = 0;
    run(WD_OPT_ALL, true, &s, &o);
    assert_true(filter.inline_check);
    assert_int_equal(s.calls, 0);
    /* ranges beside every access of memory 0 but one: the hull holds them all, the
     * exact check outside the loop lets only the one through */
    static const wd_mem_range apart[] = { { 0, 60, 1 }, { 0, 170, 1 }, { 0, 400, 1 } };
    filter.r = apart;
    filter.n = 3;
    run(WD_OPT_ALL, true, &s, &o);
    assert_true(filter.inline_check);
    assert_int_equal(s.calls, 1);
    expect(&o, &s.acc[0], 60, 164, 8, WD_MEM_WRITE);   /* memory.fill */
    filter.r = last;
    filter.n = 0;
    /* fewer frames than min_frames (f runs in one): every access */
    filter.min_frames = 2;
    run(WD_OPT_ALL, true, &s, &o);
    assert_int_equal(s.calls, 8);
    /* NULL removes the filter */
    filter.r = NULL;
    filter.min_frames = 0;
    run(WD_OPT_ALL, true, &s, &o);
    assert_int_equal(s.calls, 8);
    /* a global probe is not a memory probe (run() checks that the call fails) */
    filter.r = r;
    filter.n = 3;
    run(WD_OPT_ALL, false, &s, &o);
    assert_int_equal(s.n, 9);
    filter.on = false;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_opcode_described),
        cmocka_unit_test(test_fused_accesses),
        cmocka_unit_test(test_memory_probe),
        cmocka_unit_test(test_memory_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
