/* test_jit.c: the JIT tier (WD_TIER_JIT) against the interpreter, through the public API
 * only. Every test loads the same text module twice, once per tier, runs the same calls in
 * both and asserts that everything a front end can observe is the same: results, traps and
 * their messages, every frame of a stop (function, offset, locals, operand stack), the
 * instruction count, budget and interrupt stops, what probes see. A few results are also
 * pinned to known values, so that both tiers being wrong the same way fails too.
 *
 * The JIT must really run: after the first call of each function, wd_module_native_code
 * has to report native code for it (on x86-64 Linux, where the JIT exists; elsewhere
 * WD_TIER_JIT runs the interpreter and only the equality checks remain).
 *
 * test_random_programs does the same for 400 generated functions (fixed seeds); for a
 * longer hunt, WD_JIT_FUZZ_COUNT=20000 build/tests/test_jit, and WD_JIT_FUZZ_SEED=N prints
 * program N and runs only that one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <pthread.h>
#include <time.h>

#include "wd.h"

#if defined(__x86_64__) && defined(__linux__)
#define HAVE_JIT 1
#else
#define HAVE_JIT 0
#endif

/* ------------------------------------------------------------ the module */

/* Function indices: 0 host, then the definitions in order (F_* below). */
static const char module_wat[] =
    "(module\n"
    "  (type $ii (func (param i32) (result i32)))\n"
    "  (type $v_i (func (result i32)))\n"
    "  (import \"env\" \"host\" (func $host (param i32) (result i32)))\n"
    "  (memory 1 100)\n"
    "  (table 8 funcref)\n"
    "  (elem (i32.const 0) $sq $neg $fac32 $host $zero)\n"
    "  (global $g (mut i32) (i32.const 0))\n"
    "  (global $ticks (mut i32) (i32.const 0))\n"
    "  (global $gf (mut f64) (f64.const 0))\n"
    /* 1: sum(n) = sum of i*i for i < n; bumps $g each iteration */
    "  (func $sum (export \"sum\") (param $n i32) (result i32) (local $i i32) (local $acc i32)\n"
    "    (block $done (loop $l\n"
    "      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (local.get $i))))\n"
    "      (global.set $g (i32.add (global.get $g) (i32.const 1)))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 2: fib, recursive */
    "  (func $fib (export \"fib\") (param $n i32) (result i32)\n"
    "    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))\n"
    "      (then (local.get $n))\n"
    "      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))\n"
    "                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))\n"
    /* 3-5: the table's functions */
    "  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))\n"
    "  (func $neg (type $ii) (i32.sub (i32.const 0) (local.get 0)))\n"
    "  (func $fac32 (type $ii) (local $r i32)\n"
    "    (local.set $r (i32.const 1))\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.le_s (local.get 0) (i32.const 1)))\n"
    "      (local.set $r (i32.mul (local.get $r) (local.get 0)))\n"
    "      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $r))\n"
    /* 6: dispatch(n) = sum of table[i % 4](i & 7) for i < n: JIT functions and the host
     * through call_indirect */
    "  (func $dispatch (export \"dispatch\") (param $n i32) (result i32) (local $i i32) (local $acc i32)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $acc (i32.add (local.get $acc)\n"
    "        (call_indirect (type $ii) (i32.and (local.get $i) (i32.const 7))\n"
    "                                  (i32.rem_u (local.get $i) (i32.const 4)))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 7: mem(n): bytes [0, n) = i*7, then every load width read back, i64/i32/f64 stores
     * (plain and indexed) of a running value; n <= 500 */
    "  (func $mem (export \"mem\") (param $n i32) (result i64) (local $i i32) (local $acc i64)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (i32.store8 (local.get $i) (i32.mul (local.get $i) (i32.const 7)))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.set $i (i32.const 0))\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_s (local.get $i) (i32.sub (local.get $n) (i32.const 8))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.load (local.get $i))))\n"
    "      (local.set $acc (i64.xor (local.get $acc) (i64.load32_s offset=1 (local.get $i))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.load16_s offset=1 (local.get $i))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.load8_u offset=2 (local.get $i))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_s (i32.load8_s offset=2 (local.get $i)))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (i32.load16_u offset=3 (local.get $i)))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.load32_u offset=4 (local.get $i))))\n"
    "      (local.set $acc (i64.rotl (local.get $acc) (i64.const 5)))\n"
    "      (i64.store offset=4096 (i32.shl (local.get $i) (i32.const 3)) (local.get $acc))\n"
    "      (i32.store16 offset=8192 (i32.shl (local.get $i) (i32.const 1)) (i32.wrap_i64 (local.get $acc)))\n"
    "      (i64.store32 offset=12288 (i32.shl (local.get $i) (i32.const 2)) (local.get $acc))\n"
    "      (f64.store offset=16384 (i32.shl (local.get $i) (i32.const 3))\n"
    "        (f64.add (f64.load offset=16384 (i32.shl (local.get $i) (i32.const 3)))\n"
    "                 (f64.convert_i64_s (local.get $acc))))\n"
    "      (f32.store offset=24576 (i32.shl (local.get $i) (i32.const 2))\n"
    "        (f32.mul (f32.const 1.5) (f32.convert_i32_s (i32.wrap_i64 (local.get $acc)))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 8: memsum(): a checksum of the first 32 KiB */
    "  (func $memsum (export \"memsum\") (result i64) (local $i i32) (local $acc i64)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (i32.const 32768)))\n"
    "      (local.set $acc (i64.add (i64.rotl (local.get $acc) (i64.const 7)) (i64.load (local.get $i))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 8)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 9: math(n, seed): an i64 LCG with div/rem/shifts/bit counts mixed with f64/f32 math */
    "  (func $math (export \"math\") (param $n i32) (param $seed i64) (result i64)\n"
    "    (local $x i64) (local $f f64) (local $i i32) (local $acc i64)\n"
    "    (local.set $x (local.get $seed))\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005))\n"
    "                             (i64.const 1442695040888963407)))\n"
    "      (local.set $acc (i64.xor (local.get $acc)\n"
    "        (i64.div_s (local.get $x) (i64.add (i64.and (local.get $x) (i64.const 0xffff)) (i64.const 1)))))\n"
    "      (local.set $acc (i64.add (local.get $acc)\n"
    "        (i64.rem_u (local.get $x) (i64.or (i64.shr_u (local.get $x) (i64.const 40)) (i64.const 1)))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.add (i64.clz (local.get $x))\n"
    "        (i64.add (i64.ctz (local.get $x)) (i64.popcnt (local.get $x))))))\n"
    "      (local.set $acc (i64.xor (local.get $acc) (i64.rotr (i64.shr_s (local.get $x) (i64.const 3))\n"
    "                                                       (local.get $acc))))\n"
    "      (local.set $f (f64.add (f64.mul (local.get $f) (f64.const 0.5))\n"
    "        (f64.sqrt (f64.convert_i64_u (i64.shr_u (local.get $x) (i64.const 11))))))\n"
    "      (local.set $f (f64.div (local.get $f) (f64.add (f64.const 1.25)\n"
    "        (f64.abs (f64.nearest (f64.mul (local.get $f) (f64.const 1e-9)))))))\n"
    "      (local.set $f (select (f64.min (local.get $f) (f64.const 1e12))\n"
    "                            (f64.max (f64.floor (local.get $f)) (f64.const -3.5))\n"
    "                            (f64.lt (local.get $f) (f64.const 4e9))))\n"
    "      (local.set $f (f64.promote_f32 (f32.add (f32.demote_f64 (local.get $f))\n"
    "                                               (f32.sqrt (f32.const 2)))))\n"
    "      (global.set $gf (f64.sub (global.get $gf) (f64.copysign (local.get $f) (f64.const -0.0))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.trunc_sat_f64_s (local.get $f))))\n"
    "      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_s (i32.trunc_f64_s\n"
    "        (f64.div (local.get $f) (f64.const 1e3))))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (i64.xor (local.get $acc) (i64.reinterpret_f64 (global.get $gf))))\n"
    /* 10: boom(kind): counts $ticks; from the 20th call on it traps (by kind) */
    "  (func $boom (param $kind i32) (result i32)\n"
    "    (global.set $ticks (i32.add (global.get $ticks) (i32.const 1)))\n"
    "    (if (i32.lt_u (global.get $ticks) (i32.const 20)) (then (return (global.get $ticks))))\n"
    "    (block $b7 (block $b6 (block $b5 (block $b4 (block $b3 (block $b2 (block $b1 (block $b0\n"
    "      (br_table $b0 $b1 $b2 $b3 $b4 $b5 $b6 $b7 (local.get $kind)))\n"
    "      (return (i32.div_s (global.get $ticks) (i32.sub (global.get $ticks) (i32.const 20)))))\n"
    "      (return (i32.load (i32.mul (global.get $ticks) (i32.const 100000)))))\n"
    "      unreachable)\n"
    "      (return (call_indirect (type $ii) (i32.const 1) (i32.const 6))))\n"
    "      (return (call_indirect (type $ii) (i32.const 1) (i32.const 4))))\n"
    "      (return (i32.trunc_f64_s (f64.div (f64.const 0) (f64.const 0)))))\n"
    "      (return (i32.div_s (i32.const 0x80000000) (i32.sub (i32.const 19) (global.get $ticks)))))\n"
    "    (call $host (i32.const -1)))\n"
    /* 11: deep(d, kind): three calls of deep(d-1) per level, boom at the leaves */
    "  (func $deep (export \"deep\") (param $d i32) (param $kind i32) (result i32) (local $i i32) (local $acc i32)\n"
    "    (if (i32.eqz (local.get $d)) (then (return (call $boom (local.get $kind)))))\n"
    "    (block $x (loop $l\n"
    "      (br_if $x (i32.ge_u (local.get $i) (i32.const 3)))\n"
    "      (local.set $acc (i32.add (local.get $acc)\n"
    "        (call $deep (i32.sub (local.get $d) (i32.const 1)) (local.get $kind))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 12: rec(n) = n, by recursion n deep */
    "  (func $rec (export \"rec\") (param $n i32) (result i32)\n"
    "    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))\n"
    "      (else (i32.add (i32.const 1) (call $rec (i32.sub (local.get $n) (i32.const 1)))))))\n"
    /* 13: runaway(n): endless recursion */
    "  (func $runaway (export \"runaway\") (param $n i32) (result i32)\n"
    "    (i32.add (call $runaway (i32.add (local.get $n) (i32.const 1))) (local.get $n)))\n"
    /* 14: callhost(n) = sum of host(i) for i < n, from a loop */
    "  (func $callhost (export \"callhost\") (param $n i32) (result i32) (local $i i32) (local $acc i32)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 3)) (call $host (local.get $i))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 15: grow(n): one page more per iteration, the new last word written and read back */
    "  (func $grow (export \"grow\") (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $end i32)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $acc (i32.add (local.get $acc) (memory.grow (i32.const 1))))\n"
    "      (local.set $end (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 4)))\n"
    "      (i32.store (local.get $end) (i32.add (local.get $i) (i32.const 1000)))\n"
    "      (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $end))))\n"
    "      (local.set $acc (i32.add (local.get $acc) (i32.load (i32.sub (local.get $end) (i32.const 65536)))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc))\n"
    /* 16: spin(): never ends (interrupted) */
    "  (func $spin (export \"spin\") (result i32) (local $i i32)\n"
    "    (loop $l\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l))\n"
    "    (local.get $i))\n"
    /* 17: a function of another type, in the table at 4 (call_indirect type mismatch) */
    "  (func $zero (type $v_i) (i32.const 0))\n"
    /* 18: work(n): a bit of everything, for the budget and stepping tests */
    "  (func $work (export \"work\") (param $n i32) (result i32)\n"
    "    (i32.add (call $sum (local.get $n))\n"
    "      (i32.add (call $fib (i32.and (local.get $n) (i32.const 15)))\n"
    "        (i32.add (call $dispatch (local.get $n))\n"
    "          (i32.add (i32.wrap_i64 (call $mem (i32.const 40)))\n"
    "                   (i32.wrap_i64 (call $math (local.get $n) (i64.const 12345))))))))\n"
    ")\n";

enum {
    F_HOST, F_SUM, F_FIB, F_SQ, F_NEG, F_FAC32, F_DISPATCH, F_MEM, F_MEMSUM, F_MATH, F_BOOM,
    F_DEEP, F_REC, F_RUNAWAY, F_CALLHOST, F_GROW, F_SPIN, F_ZERO, F_WORK, F__COUNT
};

/* ------------------------------------------------------------ one tier's world */

typedef struct env {
    wd_tier tier;
    wd_module *m;
    wd_store *s;
    wd_instance *inst;
    wd_exec *x;
    /* the host import: host(i) = 3*i + 1 + calls; host(-1) traps */
    uint32_t host_calls;
    uint64_t host_sum;
    uint32_t interrupt_at;   /* host call number that interrupts the exec (0: none) */
    uint32_t gprobe_at;      /* host call number that adds the stepping probe (0: none) */
    struct trace *gtrace;    /* ... recording into this */
    uint32_t block_at;       /* host call number that returns WD_HOST_BLOCKED (0: none) */
} env;

static int host_fn(wd_exec *x, void *user, uint64_t *args);
static uint32_t add_step_probe(env *e, struct trace *t);

static bool resolve(void *user, const wd_import_desc *imp, wd_extern *out)
{
    env *e = user;
    if (imp->kind != WD_EXTERN_FUNC || strcmp(imp->name, "host") != 0)
        return false;
    out->func = wd_func_new_host(e->s, &imp->func, host_fn, e, "host");
    return out->func != NULL;
}

/* Loads `text` (module_wat, or a random program) in the tier and instantiates it. */
static void env_open_text(env *e, wd_tier tier, const char *text, const wd_store_options *so)
{
    memset(e, 0, sizeof *e);
    e->tier = tier;
    wd_error err;
    uint8_t *bin;
    size_t n;
    const char *shown = text == module_wat ? "" : text;   /* a random program: show it */
    wd_load_options o = { .tier = tier, .name = "jit-test.wat" };
    if (!wd_wat_to_wasm(text, strlen(text), &o, &bin, &n, &err)) {
        char b[400];
        fail_msg("%s\n%s", wd_error_format(&err, b, sizeof b), shown);
    }
    e->m = wd_module_load(bin, n, &o, &err);
    free(bin);
    if (!e->m)
        fail_msg("load: %s\n%s", err.msg, shown);
    e->s = wd_store_new(so);
    assert_non_null(e->s);
    e->inst = wd_instance_new(e->s, e->m, resolve, e, &err);
    if (!e->inst)
        fail_msg("instantiate: %s", err.msg);
    e->x = wd_store_exec(e->s);
}
static void env_open_opts(env *e, wd_tier tier, const wd_store_options *so)
{
    env_open_text(e, tier, module_wat, so);
}
static void env_open(env *e, wd_tier tier) { env_open_opts(e, tier, NULL); }

static void env_close(env *e)
{
    wd_store_free(e->s);
    wd_module_free(e->m);
}

/* The module once per tier, with the same store options. */
static void open_both(env *ei, env *ej, const wd_store_options *so)
{
    env_open_opts(ei, WD_TIER_INTERP, so);
    /* eager: native code from the first call, so nothing runs interpreted by chance */
    env_open_opts(ej, WD_TIER_JIT_EAGER, so);
}
static void close_both(env *ei, env *ej)
{
    env_close(ei);
    env_close(ej);
}

static wd_func *fn(env *e, uint32_t idx)
{
    wd_func *f = wd_instance_func(e->inst, idx);
    assert_non_null(f);
    return f;
}

/* Does funcidx have native code now? */
static bool native(env *e, uint32_t idx)
{
    wd_native_code nc;
    wd_error err;
    bool ok = wd_module_native_code(e->m, idx, &nc, &err);
    if (ok) {
        assert_true(nc.size > 0 && nc.nlines > 0);
        wd_native_code_free(&nc);
    }
    return ok;
}

/* ------------------------------------------------------------ what a stop looks like */

#define MAXF 12       /* innermost frames recorded */
#define MAXV 8        /* locals / stack values recorded per frame */

typedef struct frame_rec {
    bool host;
    uint32_t funcidx, nlocals, height;
    uint64_t offset;
    uint64_t locals[MAXV], stack[MAXV];
} frame_rec;

typedef struct outcome {
    wd_stop stop;
    wd_trap trap;
    char msg[256];
    uint64_t result;           /* bits of the one result (DONE) */
    uint64_t insns;            /* wd_exec_insn_count after the stop */
    uint32_t nframes;
    frame_rec f[MAXF + 1];     /* the innermost MAXF and the outermost */
    char bt[2048];
} outcome;

static uint64_t bits(const wd_value *v)
{
    switch (v->type) {
    case WD_I32: return v->of.i32;
    case WD_F32: return v->of.f32_bits;
    default: return v->of.i64;
    }
}

static void record_frame(env *e, uint32_t depth, frame_rec *r)
{
    wd_frame_info fi;
    memset(r, 0, sizeof *r);
    assert_true(wd_exec_frame(e->x, depth, &fi));
    r->host = fi.instance == NULL;
    r->funcidx = fi.funcidx;
    r->offset = fi.offset;
    r->nlocals = fi.nlocals;
    r->height = fi.stack_height;
    for (uint32_t i = 0; i < fi.nlocals && i < MAXV && !r->host; i++) {
        wd_value v;
        assert_true(wd_exec_frame_local(e->x, depth, i, &v));
        r->locals[i] = bits(&v);
    }
    for (uint32_t i = 0; i < fi.stack_height && i < MAXV && !r->host; i++) {
        wd_value v;
        assert_true(wd_exec_frame_stack(e->x, depth, i, &v));
        r->stack[i] = bits(&v);
    }
}

static void record(env *e, wd_stop st, const wd_value *res, outcome *o)
{
    memset(o, 0, sizeof *o);
    o->stop = st;
    o->insns = wd_exec_insn_count(e->x);
    if (st == WD_STOP_DONE) {
        o->result = bits(res);
        return;
    }
    if (st == WD_STOP_TRAP) {
        o->trap = wd_exec_trap(e->x);
        snprintf(o->msg, sizeof o->msg, "%s", wd_exec_trap_message(e->x));
    }
    o->nframes = wd_exec_frame_count(e->x);
    for (uint32_t d = 0; d < o->nframes && d < MAXF; d++)
        record_frame(e, d, &o->f[d]);
    /* The innermost frame's operand values are not compared (its stack height is): where
     * its internal instruction folds operands the engine may report one as materialized that
     * nothing has written (a function's first instruction folding local.get, i32.eqz and if;
     * a load with a folded constant address addend), and then shows whatever the value stack
     * held there before, in either tier. Callers' operands are written before their call. */
    if (o->nframes && !o->f[0].host)
        memset(o->f[0].stack, 0, sizeof o->f[0].stack);
    wd_exec_backtrace(e->x, o->bt, sizeof o->bt);
}

static void expect_same(const outcome *a, const outcome *b, const char *what)
{
    if (a->stop != b->stop || a->trap != b->trap || strcmp(a->msg, b->msg) != 0)
        fail_msg("%s: interp stop %d trap %d '%s', jit stop %d trap %d '%s'", what, a->stop,
                 a->trap, a->msg, b->stop, b->trap, b->msg);
    if (a->result != b->result)
        fail_msg("%s: interp result 0x%llx, jit 0x%llx", what, (unsigned long long)a->result,
                 (unsigned long long)b->result);
    if (a->insns != b->insns)
        fail_msg("%s: interp counted %llu instructions, jit %llu", what,
                 (unsigned long long)a->insns, (unsigned long long)b->insns);
    if (a->nframes != b->nframes)
        fail_msg("%s: interp %u frames, jit %u", what, a->nframes, b->nframes);
    for (uint32_t d = 0; d <= MAXF; d++) {
        const frame_rec *x = &a->f[d], *y = &b->f[d];
        if (memcmp(x, y, sizeof *x) != 0) {
            for (uint32_t i = 0; i < MAXV; i++)
                print_message("  local %u: 0x%llx 0x%llx   stack %u: 0x%llx 0x%llx\n", i,
                              (unsigned long long)x->locals[i], (unsigned long long)y->locals[i], i,
                              (unsigned long long)x->stack[i], (unsigned long long)y->stack[i]);
            fail_msg("%s: frame %u differs: interp func %u +0x%llx locals %u height %u, "
                     "jit func %u +0x%llx locals %u height %u (or their values)", what, d,
                     x->funcidx, (unsigned long long)x->offset, x->nlocals, x->height,
                     y->funcidx, (unsigned long long)y->offset, y->nlocals, y->height);
        }
    }
    if (strcmp(a->bt, b->bt) != 0)
        fail_msg("%s: backtraces differ:\n%s---\n%s", what, a->bt, b->bt);
}

static wd_value i32v(uint32_t v) { wd_value r = { .type = WD_I32, .of.i32 = v }; return r; }
static wd_value i64v(uint64_t v) { wd_value r = { .type = WD_I64, .of.i64 = v }; return r; }

static wd_stop call(env *e, uint32_t idx, const wd_value *args, uint32_t nargs, outcome *o)
{
    wd_value res = { 0 };
    wd_stop st = wd_exec_call(e->x, fn(e, idx), args, nargs, &res, 1);
    record(e, st, &res, o);
    return st;
}
static wd_stop resume(env *e, outcome *o)
{
    wd_value res = { 0 };
    wd_stop st = wd_exec_resume(e->x, &res, 1);
    record(e, st, &res, o);
    return st;
}

/* The same call in both tiers: the outcomes must agree; returns the interpreter's. */
static outcome both(env *ei, env *ej, uint32_t idx, const wd_value *args, uint32_t nargs,
                    const char *what)
{
    outcome a, b;
    call(ei, idx, args, nargs, &a);
    call(ej, idx, args, nargs, &b);
    expect_same(&a, &b, what);
    return a;
}

static int host_fn(wd_exec *x, void *user, uint64_t *args)
{
    env *e = user;
    int32_t a = (int32_t)args[0];
    e->host_calls++;
    if (e->host_calls == e->block_at)
        return WD_HOST_BLOCKED;   /* nothing written: the same call comes again */
    if (a == -1) {
        wd_exec_set_trap_message(x, "host refused -1");
        return WD_TRAP_HOST;
    }
    e->host_sum += (uint32_t)a;
    if (e->host_calls == e->interrupt_at)
        wd_exec_interrupt(x);
    if (e->host_calls == e->gprobe_at)
        add_step_probe(e, e->gtrace);
    args[0] = (uint32_t)(3 * a + 1) + e->host_calls;
    return 0;
}

/* ------------------------------------------------------------ results */

static void test_results(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    /* a function that never ran is compiled on demand */
    assert_int_equal(native(&ej, F_FAC32), HAVE_JIT);
    assert_false(native(&ei, F_SUM));   /* the interpreter's module has none */
    assert_false(native(&ej, F_HOST));  /* an import has none */

    for (int round = 0; round < 2; round++) {   /* the second round runs compiled code */
        wd_value a;
        outcome o;
        a = i32v(1000);
        o = both(&ei, &ej, F_SUM, &a, 1, "sum(1000)");
        assert_int_equal(o.result, 332833500u);
        a = i32v(20);
        o = both(&ei, &ej, F_FIB, &a, 1, "fib(20)");
        assert_int_equal(o.result, 6765);
        a = i32v(200);
        both(&ei, &ej, F_DISPATCH, &a, 1, "dispatch(200)");
        a = i32v(500);
        both(&ei, &ej, F_MEM, &a, 1, "mem(500)");
        both(&ei, &ej, F_MEMSUM, NULL, 0, "memsum()");
        wd_value mw[2] = { i32v(3000), i64v(0x123456789abcdefull) };
        both(&ei, &ej, F_MATH, mw, 2, "math(3000)");
        a = i32v(12);
        o = both(&ei, &ej, F_CALLHOST, &a, 1, "callhost(12)");
        assert_int_equal(ei.host_calls, ej.host_calls);
        assert_int_equal(ei.host_sum, ej.host_sum);
        a = i32v(60);
        both(&ei, &ej, F_WORK, &a, 1, "work(60)");
        /* state left behind: globals and memory */
        for (uint32_t g = 0; g < 3; g++) {
            wd_value gi = wd_global_get(wd_instance_global(ei.inst, g));
            wd_value gj = wd_global_get(wd_instance_global(ej.inst, g));
            assert_int_equal(bits(&gi), bits(&gj));
        }
        wd_memory *mi = wd_instance_memory(ei.inst, 0), *mj = wd_instance_memory(ej.inst, 0);
        assert_int_equal(wd_memory_size(mi), wd_memory_size(mj));
        assert_memory_equal(wd_memory_data(mi), wd_memory_data(mj), wd_memory_size(mi));
    }
    /* every function that ran has native code */
    static const uint32_t ran[] = { F_SUM, F_FIB, F_SQ, F_NEG, F_FAC32, F_DISPATCH, F_MEM,
                                    F_MEMSUM, F_MATH, F_CALLHOST, F_WORK };
    for (size_t i = 0; i < sizeof ran / sizeof ran[0]; i++)
        if (native(&ej, ran[i]) != HAVE_JIT)
            fail_msg("function %u: native code %s", ran[i], HAVE_JIT ? "missing" : "on a machine without the JIT");
    close_both(&ei, &ej);
}

/* ------------------------------------------------------------ traps */

static void test_traps(void **state)
{
    (void)state;
    static const struct { wd_trap trap; const char *msg; } kinds[] = {
        { WD_TRAP_INT_DIV_ZERO, "integer divide by zero" },
        { WD_TRAP_MEM_OOB, "out of bounds memory access" },
        { WD_TRAP_UNREACHABLE, "unreachable" },
        { WD_TRAP_UNINIT_ELEMENT, "uninitialized element" },
        { WD_TRAP_INDIRECT_TYPE, "indirect call type mismatch" },
        { WD_TRAP_INVALID_CONVERSION, "invalid conversion to integer" },
        { WD_TRAP_INT_OVERFLOW, "integer overflow" },
        { WD_TRAP_HOST, "host refused -1" },
    };
    for (uint32_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        env ei, ej;
        open_both(&ei, &ej, NULL);
        /* compile deep and boom first (boom's 19 quiet calls), so that the trap comes
         * from native code 5 native calls deep, after many native returns */
        wd_value a[2] = { i32v(2), i32v(k) };
        outcome o = both(&ei, &ej, F_DEEP, a, 2, "deep(2) warm-up");
        assert_int_equal(o.result, 45);   /* ticks 1..9 */
        assert_int_equal(native(&ej, F_DEEP), HAVE_JIT);
        assert_int_equal(native(&ej, F_BOOM), HAVE_JIT);
        a[0] = i32v(5);
        char what[64];
        snprintf(what, sizeof what, "deep(5, %u)", k);
        o = both(&ei, &ej, F_DEEP, a, 2, what);
        assert_int_equal(o.stop, WD_STOP_TRAP);
        assert_int_equal(o.trap, kinds[k].trap);
        assert_string_equal(o.msg, kinds[k].msg);
        /* boom (or the host, and boom) on top of six deep frames */
        uint32_t top = kinds[k].trap == WD_TRAP_HOST ? 1 : 0;
        assert_int_equal(o.nframes, 7 + top);
        assert_true(o.f[0].host == (top == 1));
        assert_int_equal(o.f[top].funcidx, F_BOOM);
        for (uint32_t d = top + 1; d < o.nframes; d++)
            assert_int_equal(o.f[d].funcidx, F_DEEP);
        /* the exec is reusable afterwards: a plain call in both */
        a[0] = i32v(30);
        o = both(&ei, &ej, F_SUM, a, 1, "sum after a trap");
        assert_int_equal(o.result, 8555);
        close_both(&ei, &ej);
    }
}

/* ------------------------------------------------------------ stack exhaustion */

static void test_stack_exhaustion(void **state)
{
    (void)state;
    /* the default limits (10000 frames), a large frame limit (native recursion runs out of
     * its own stack first, many times over, and the interpreter takes over each time), and
     * a small value stack */
    wd_store_options opts[] = {
        { 0, 0 },
        { 120000, 4u << 20 },
        { 100000, 3000 },
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        env ei, ej;
        open_both(&ei, &ej, &opts[i]);
        wd_value a = i32v(100);
        outcome o = both(&ei, &ej, F_REC, &a, 1, "rec(100)");
        assert_int_equal(o.result, 100);
        assert_int_equal(native(&ej, F_REC), HAVE_JIT);
        /* deep but within the limits */
        uint32_t ok_depth = i == 0 ? 9000 : i == 1 ? 100000 : 500;
        a = i32v(ok_depth);
        o = both(&ei, &ej, F_REC, &a, 1, "rec within the limit");
        assert_int_equal(o.stop, WD_STOP_DONE);
        assert_int_equal(o.result, ok_depth);
        a = i32v(200000);
        o = both(&ei, &ej, F_REC, &a, 1, "rec beyond the limit");
        assert_int_equal(o.stop, WD_STOP_TRAP);
        assert_int_equal(o.trap, WD_TRAP_STACK_EXHAUSTED);
        a = i32v(0);
        o = both(&ei, &ej, F_RUNAWAY, &a, 1, "runaway");
        assert_int_equal(o.trap, WD_TRAP_STACK_EXHAUSTED);
        assert_int_equal(o.f[0].funcidx, F_RUNAWAY);
        /* and once more, now that runaway is compiled */
        o = both(&ei, &ej, F_RUNAWAY, &a, 1, "runaway again");
        assert_int_equal(o.trap, WD_TRAP_STACK_EXHAUSTED);
        a = i32v(50);
        o = both(&ei, &ej, F_REC, &a, 1, "rec after exhaustion");
        assert_int_equal(o.result, 50);
        close_both(&ei, &ej);
    }
}

/* ------------------------------------------------------------ budget */

/* Flips bits of one i32 local of frame 0 (chosen by k), if it has one: native code resumed
 * afterwards must read the new value, as the interpreter does. */
static void poke_local(env *e, uint32_t k)
{
    wd_frame_info fi;
    assert_true(wd_exec_frame(e->x, 0, &fi));
    for (uint32_t n = 0; n < fi.nlocals; n++) {
        uint32_t l = (k + n) % fi.nlocals;
        wd_value v;
        if (wd_exec_frame_local(e->x, 0, l, &v) && v.type == WD_I32) {
            v.of.i32 ^= 0x55u;
            assert_true(wd_exec_frame_set_local(e->x, 0, l, v));
            return;
        }
    }
}

/* Runs idx(args) with a budget of `step` instructions, re-armed at every stop, until it
 * finishes (*last: how); both tiers must stop at the same places. With poke, an i32 local
 * of the stopped frame is changed at each stop. Returns the number of stops. */
static uint32_t budget_walk(env *ei, env *ej, uint32_t idx, const wd_value *args, uint32_t nargs,
                            uint64_t step, bool poke, wd_stop *last)
{
    outcome a, b;
    wd_exec_set_budget(ei->x, step);
    wd_exec_set_budget(ej->x, step);
    call(ei, idx, args, nargs, &a);
    call(ej, idx, args, nargs, &b);
    uint32_t stops = 0;
    char what[80];
    for (;;) {
        snprintf(what, sizeof what, "budget %llu, stop %u", (unsigned long long)step, stops);
        expect_same(&a, &b, what);
        if (a.stop != WD_STOP_BUDGET)
            break;
        stops++;
        if (stops == 1000000)
            fail_msg("%s: does not end", what);
        if (poke && stops <= 64) {   /* what a debugger user may do at a stop: change an i32
                                      * local (at the first stops: a changed counter must
                                      * not keep a loop going for ever) */
            poke_local(ei, stops);
            poke_local(ej, stops);
        }
        wd_exec_set_budget(ei->x, step);
        wd_exec_set_budget(ej->x, step);
        resume(ei, &a);
        resume(ej, &b);
    }
    wd_exec_set_budget(ei->x, 0);
    wd_exec_set_budget(ej->x, 0);
    if (last)
        *last = a.stop;
    return stops;
}

static void test_budget(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(40);
    both(&ei, &ej, F_WORK, &a, 1, "work(40), no budget");
    static const uint64_t steps[] = { 1, 3, 17, 100, 999, 5000 };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        wd_stop last;
        uint32_t n = budget_walk(&ei, &ej, F_WORK, &a, 1, steps[i], false, &last);
        assert_true(n > 0);
        assert_int_equal(last, WD_STOP_DONE);
        both(&ei, &ej, F_WORK, &a, 1, "work(40) after the budget walk");
    }
    /* budget stops deep in recursion (9 of boom's quiet calls, two runs) */
    wd_value d[2] = { i32v(2), i32v(0) };
    wd_stop last;
    budget_walk(&ei, &ej, F_DEEP, d, 2, 1, false, &last);
    assert_int_equal(last, WD_STOP_DONE);
    budget_walk(&ei, &ej, F_DEEP, d, 2, 7, false, &last);
    assert_int_equal(last, WD_STOP_DONE);
    close_both(&ei, &ej);
}

/* idx(args) in both tiers must stop with `want` at the same place, then resume to the same
 * end (*end). Returns the stop. */
static outcome stop_resume(env *ei, env *ej, uint32_t idx, const wd_value *args, uint32_t nargs,
                           wd_stop want, const char *what, outcome *end)
{
    outcome oi, oj;
    call(ei, idx, args, nargs, &oi);
    call(ej, idx, args, nargs, &oj);
    expect_same(&oi, &oj, what);
    assert_int_equal(oi.stop, want);
    resume(ei, end);
    resume(ej, &oj);
    expect_same(end, &oj, what);
    assert_int_equal(end->stop, WD_STOP_DONE);
    return oi;
}

/* ------------------------------------------------------------ ticks */

/* Where each tick of the profiler's hook found the exec. */
typedef struct ticks {
    uint32_t n;
    struct tick { uint64_t insns, branch; bool backedge; uint32_t nframes; uint32_t func[2];
                  uint64_t off[2]; } t[4096];
} ticks;

static void tick_fn(wd_exec *x, void *user)
{
    ticks *tk = user;
    if (tk->n == sizeof tk->t / sizeof tk->t[0])
        return;
    struct tick *t = &tk->t[tk->n++];
    memset(t, 0, sizeof *t);
    t->insns = wd_exec_insn_count(x);
    t->backedge = wd_exec_tick_backedge(x, &t->branch);
    t->nframes = wd_exec_frame_count(x);
    for (uint32_t d = 0; d < 2 && d < t->nframes; d++) {
        wd_frame_info fi;
        assert_true(wd_exec_frame(x, d, &fi));
        t->func[d] = fi.funcidx;
        t->off[d] = fi.offset;
    }
}

static void test_ticks(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    static ticks ti, tj;
    wd_value a = i32v(40);
    both(&ei, &ej, F_WORK, &a, 1, "work(40) before ticking");
    static const uint64_t periods[] = { 1, 13, 97, 1000 };
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++) {
        ti.n = tj.n = 0;
        wd_exec_set_tick(ei.x, periods[p], tick_fn, &ti);
        wd_exec_set_tick(ej.x, periods[p], tick_fn, &tj);
        both(&ei, &ej, F_WORK, &a, 1, "work(40) ticking");
        wd_exec_set_tick(ei.x, 0, NULL, NULL);
        wd_exec_set_tick(ej.x, 0, NULL, NULL);
        assert_true(ti.n > 5);
        assert_int_equal(ti.n, tj.n);
        uint32_t edges = 0;
        for (uint32_t i = 0; i < ti.n; i++) {
            edges += ti.t[i].backedge;
            if (memcmp(&ti.t[i], &tj.t[i], sizeof ti.t[i]) != 0)
                fail_msg("period %llu, tick %u: interp %llu insns func %u +0x%llx edge %d, "
                         "jit %llu insns func %u +0x%llx edge %d", (unsigned long long)periods[p], i,
                         (unsigned long long)ti.t[i].insns, ti.t[i].func[0],
                         (unsigned long long)ti.t[i].off[0], ti.t[i].backedge,
                         (unsigned long long)tj.t[i].insns, tj.t[i].func[0],
                         (unsigned long long)tj.t[i].off[0], tj.t[i].backedge);
        }
        assert_true(edges > 0);   /* loops' back-edges took some */
    }
    close_both(&ei, &ej);
}

/* ------------------------------------------------------------ interrupts */

typedef struct spin_arg { wd_exec *x; int done; } spin_arg;

static void *interrupter(void *p)
{
    spin_arg *s = p;
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    /* until the exec has stopped: the first interrupt may come before the call starts */
    while (!__atomic_load_n(&s->done, __ATOMIC_ACQUIRE)) {
        nanosleep(&ts, NULL);
        wd_exec_interrupt(s->x);
    }
    return NULL;
}

static void test_interrupt(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(40);
    both(&ei, &ej, F_CALLHOST, &a, 1, "callhost(40)");
    /* the host interrupts on its 10th call of the next run: the loop (native in the JIT
     * tier) stops at its next safepoint, the same one in both tiers */
    ei.interrupt_at = ej.interrupt_at = ei.host_calls + 10;
    outcome end, o = stop_resume(&ei, &ej, F_CALLHOST, &a, 1, WD_STOP_INTERRUPT, "interrupted callhost",
                            &end);
    assert_int_equal(o.f[0].funcidx, F_CALLHOST);

    /* a host call that blocks, from the native loop: stopped at the call, resumed into
     * the same call */
    ei.block_at = ei.host_calls + 7;
    ej.block_at = ej.host_calls + 7;
    a = i32v(20);
    o = stop_resume(&ei, &ej, F_CALLHOST, &a, 1, WD_STOP_BLOCKED, "blocked callhost", &end);
    assert_int_equal(o.f[0].funcidx, F_CALLHOST);
    assert_int_equal(ei.host_calls, ej.host_calls);

    /* an interrupt before the call stops at the first safepoint */
    wd_exec_interrupt(ei.x);
    wd_exec_interrupt(ej.x);
    a = i32v(10);
    stop_resume(&ei, &ej, F_SUM, &a, 1, WD_STOP_INTERRUPT, "interrupt before sum", &end);
    assert_int_equal(end.result, 285);

    /* from another thread, into a loop that never ends: in the JIT tier it runs natively
     * (compiled by the first, interrupted, run) */
    for (int run = 0; run < 2; run++) {
        spin_arg s = { ej.x, 0 };
        pthread_t t;
        assert_int_equal(pthread_create(&t, NULL, interrupter, &s), 0);
        wd_value r;
        wd_stop st = wd_exec_call(ej.x, fn(&ej, F_SPIN), NULL, 0, &r, 1);
        __atomic_store_n(&s.done, 1, __ATOMIC_RELEASE);
        pthread_join(t, NULL);
        assert_int_equal(st, WD_STOP_INTERRUPT);
        wd_frame_info fi;
        assert_true(wd_exec_frame(ej.x, 0, &fi));
        assert_int_equal(fi.funcidx, F_SPIN);
        assert_int_equal(native(&ej, F_SPIN), HAVE_JIT);
        wd_exec_reset(ej.x);
    }
    close_both(&ei, &ej);
}

/* ------------------------------------------------------------ probes */

/* What a global probe sees: every event, in order. */
typedef struct trace {
    uint32_t n, cap;
    struct ev { uint32_t funcidx; uint64_t offset; uint16_t opcode; uint32_t nmem;
                wd_mem_access mem[2]; } *ev;
    uint32_t id;
} trace;

static wd_probe_action trace_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    (void)x;
    trace *t = user;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->ev = realloc(t->ev, t->cap * sizeof *t->ev);
        assert_non_null(t->ev);
    }
    struct ev *r = &t->ev[t->n++];
    memset(r, 0, sizeof *r);
    r->funcidx = ev->funcidx;
    r->offset = ev->offset;
    r->opcode = ev->opcode;
    r->nmem = ev->nmem;
    /* field by field: the accesses beyond nmem and the padding are not filled in */
    for (uint32_t i = 0; i < ev->nmem && i < 2; i++) {
        r->mem[i].offset = ev->mem[i].offset;
        r->mem[i].addr = ev->mem[i].addr;
        r->mem[i].size = ev->mem[i].size;
        r->mem[i].mem = ev->mem[i].mem;
        r->mem[i].kind = ev->mem[i].kind;
    }
    return WD_PROBE_CONTINUE;
}

static uint32_t add_step_probe(env *e, trace *t)
{
    t->id = wd_probe_add_global(e->x, trace_probe, t);
    assert_true(t->id > 0);
    return t->id;
}

static void expect_same_trace(const trace *a, const trace *b, const char *what)
{
    uint32_t n = a->n < b->n ? a->n : b->n;
    for (uint32_t i = 0; i < n; i++)
        if (memcmp(&a->ev[i], &b->ev[i], sizeof a->ev[i]) != 0) {
            for (uint32_t k = i > 5 ? i - 5 : 0; k < i + 5 && k < n; k++)
                print_message("  %u: %u +0x%llx op 0x%x | %u +0x%llx op 0x%x\n", k, a->ev[k].funcidx,
                              (unsigned long long)a->ev[k].offset, a->ev[k].opcode, b->ev[k].funcidx,
                              (unsigned long long)b->ev[k].offset, b->ev[k].opcode);
            print_message("  access: interp %u x 0x%llx+%llu kind %u, jit %u x 0x%llx+%llu kind %u\n",
                          a->ev[i].nmem, (unsigned long long)a->ev[i].mem[0].addr,
                          (unsigned long long)a->ev[i].mem[0].size, a->ev[i].mem[0].kind,
                          b->ev[i].nmem, (unsigned long long)b->ev[i].mem[0].addr,
                          (unsigned long long)b->ev[i].mem[0].size, b->ev[i].mem[0].kind);
            fail_msg("%s: event %u: interp func %u +0x%llx op 0x%x, jit func %u +0x%llx op 0x%x",
                     what, i, a->ev[i].funcidx, (unsigned long long)a->ev[i].offset,
                     a->ev[i].opcode, b->ev[i].funcidx, (unsigned long long)b->ev[i].offset,
                     b->ev[i].opcode);
        }
    if (a->n != b->n)
        fail_msg("%s: interp saw %u events, jit %u", what, a->n, b->n);
}

/* Stepping sees the same instructions in both tiers. work calls sum, whose body starts with
 * a loop: stepping into it once saw a WD_C_JIT word patched over sum's first SAFEPOINT as an
 * instruction (an extra event at its `block`). */
static void test_single_step(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(20);
    both(&ei, &ej, F_WORK, &a, 1, "work(20) before stepping");   /* compiles everything */
    trace ti = { 0 }, tj = { 0 };
    add_step_probe(&ei, &ti);
    add_step_probe(&ej, &tj);
    both(&ei, &ej, F_WORK, &a, 1, "work(20) stepped");
    assert_true(ti.n > 1000);
    expect_same_trace(&ti, &tj, "stepping work(20)");
    assert_true(wd_probe_remove_global(ei.x, ti.id));
    assert_true(wd_probe_remove_global(ej.x, tj.id));
    ti.n = tj.n = 0;
    both(&ei, &ej, F_WORK, &a, 1, "work(20) after stepping");
    assert_int_equal(ti.n, 0);
    assert_int_equal(tj.n, 0);

    /* stepping starts in the middle of a native loop: the host (its 5th call) adds it */
    a = i32v(30);
    both(&ei, &ej, F_CALLHOST, &a, 1, "callhost(30)");
    ei.gtrace = &ti;
    ej.gtrace = &tj;
    ei.gprobe_at = ei.host_calls + 5;
    ej.gprobe_at = ej.host_calls + 5;
    both(&ei, &ej, F_CALLHOST, &a, 1, "callhost(30), stepped from its 5th host call");
    assert_true(ti.n > 100);
    expect_same_trace(&ti, &tj, "stepping from a host call");
    assert_int_equal(ti.ev[0].funcidx, F_CALLHOST);
    free(ti.ev);
    free(tj.ev);
    close_both(&ei, &ej);
}

static void test_memory_probe(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(64);
    both(&ei, &ej, F_MEM, &a, 1, "mem(64) before watching");
    trace ti = { 0 }, tj = { 0 };
    ti.id = wd_probe_add_memory(ei.x, trace_probe, &ti);
    tj.id = wd_probe_add_memory(ej.x, trace_probe, &tj);
    assert_true(ti.id && tj.id);
    both(&ei, &ej, F_MEM, &a, 1, "mem(64) watched");
    assert_true(ti.n > 400);
    for (uint32_t i = 0; i < ti.n; i++)
        assert_true(ti.ev[i].nmem >= 1);
    expect_same_trace(&ti, &tj, "memory accesses of mem(64)");
    /* a watchpoint: only the accesses touching [4096 + 8*5, +8) */
    wd_mem_range r = { 0, 4096 + 8 * 5, 8 };
    assert_true(wd_probe_filter_memory(ei.x, ti.id, &r, 1, 0));
    assert_true(wd_probe_filter_memory(ej.x, tj.id, &r, 1, 0));
    ti.n = tj.n = 0;
    both(&ei, &ej, F_MEM, &a, 1, "mem(64) with a watchpoint");
    assert_int_equal(ti.n, 1);   /* the one i64.store there */
    assert_int_equal(ti.ev[0].mem[0].kind, WD_MEM_WRITE);
    expect_same_trace(&ti, &tj, "watchpoint on mem(64)");
    assert_true(wd_probe_remove_global(ei.x, ti.id));
    assert_true(wd_probe_remove_global(ej.x, tj.id));
    free(ti.ev);
    free(tj.ev);
    close_both(&ei, &ej);
}

/* A local probe stops on its `stop_at`th hit. */
typedef struct bp { uint32_t hits, stop_at; uint64_t offset; uint32_t funcidx; } bp;

static wd_probe_action bp_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    (void)x;
    bp *b = user;
    assert_int_equal(ev->offset, b->offset);
    assert_int_equal(ev->funcidx, b->funcidx);
    return ++b->hits == b->stop_at ? WD_PROBE_STOP : WD_PROBE_CONTINUE;
}

/* The offset of the nth instruction with opcode op in function funcidx that runs during
 * idx(args), seen by a stepping probe. */
static uint64_t find_offset(env *e, uint32_t idx, const wd_value *args, uint32_t nargs,
                            uint32_t funcidx, uint16_t op, uint32_t nth)
{
    trace t = { 0 };
    add_step_probe(e, &t);
    wd_value r;
    assert_int_equal(wd_exec_call(e->x, fn(e, idx), args, nargs, &r, 1), WD_STOP_DONE);
    assert_true(wd_probe_remove_global(e->x, t.id));
    uint64_t off = 0;
    for (uint32_t i = 0; i < t.n && !off; i++)
        if (t.ev[i].funcidx == funcidx && t.ev[i].opcode == op && nth-- == 0)
            off = t.ev[i].offset;
    for (uint32_t i = 0; i < t.n && !off; i++)   /* what there is, for the message below */
        if (t.ev[i].funcidx == funcidx)
            print_message("  +0x%llx op 0x%x\n", (unsigned long long)t.ev[i].offset, t.ev[i].opcode);
    free(t.ev);
    if (!off)
        fail_msg("no opcode 0x%x in function %u", op, funcidx);
    return off;
}

static void test_breakpoint(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(10);
    both(&ei, &ej, F_SUM, &a, 1, "sum(10)");
    assert_int_equal(native(&ej, F_SUM), HAVE_JIT);
    wd_value three = i32v(3);
    uint64_t mul = find_offset(&ei, F_SUM, &three, 1, F_SUM, 0x24, 0);   /* global.set */
    assert_int_equal(find_offset(&ej, F_SUM, &three, 1, F_SUM, 0x24, 0), mul);

    bp bi = { 0, 3, mul, F_SUM }, bj = bi;
    wd_error err;
    uint32_t pi = wd_probe_add_local(ei.m, F_SUM, mul, bp_probe, &bi, &err);
    uint32_t pj = wd_probe_add_local(ej.m, F_SUM, mul, bp_probe, &bj, &err);
    assert_true(pi && pj);
    assert_false(native(&ej, F_SUM));   /* probed: interpreted */
    outcome oi, oj;
    call(&ei, F_SUM, &a, 1, &oi);
    call(&ej, F_SUM, &a, 1, &oj);
    expect_same(&oi, &oj, "breakpoint in sum");
    assert_int_equal(oj.stop, WD_STOP_BREAK);
    assert_int_equal(oj.f[0].funcidx, F_SUM);
    assert_int_equal(oj.f[0].offset, mul);
    assert_int_equal(oj.f[0].locals[1], 2);   /* $i on the third hit */
    assert_int_equal(bj.hits, 3);
    resume(&ei, &oi);
    resume(&ej, &oj);
    expect_same(&oi, &oj, "sum resumed");
    assert_int_equal(oj.result, 285);
    assert_int_equal(bj.hits, 10);
    assert_true(wd_probe_remove_local(ei.m, pi));
    assert_true(wd_probe_remove_local(ej.m, pj));
    assert_int_equal(native(&ej, F_SUM), HAVE_JIT);   /* native again */
    bj.hits = 0;
    oj = both(&ei, &ej, F_SUM, &a, 1, "sum(10) without the breakpoint");
    assert_int_equal(oj.result, 285);
    assert_int_equal(bj.hits, 0);

    /* a breakpoint in a callee that native code calls through call_indirect: its caller
     * leaves native code at the call, frames as in the interpreter */
    a = i32v(40);
    both(&ei, &ej, F_DISPATCH, &a, 1, "dispatch(40)");
    wd_value eight = i32v(8);
    uint64_t sqat = find_offset(&ei, F_DISPATCH, &eight, 1, F_SQ, 0x20, 0);
    assert_int_equal(find_offset(&ej, F_DISPATCH, &eight, 1, F_SQ, 0x20, 0), sqat);
    bi = (bp){ 0, 5, sqat, F_SQ };
    bj = bi;
    pi = wd_probe_add_local(ei.m, F_SQ, sqat, bp_probe, &bi, &err);
    pj = wd_probe_add_local(ej.m, F_SQ, sqat, bp_probe, &bj, &err);
    assert_true(pi && pj);
    assert_int_equal(native(&ej, F_DISPATCH), HAVE_JIT);
    assert_false(native(&ej, F_SQ));
    call(&ei, F_DISPATCH, &a, 1, &oi);
    call(&ej, F_DISPATCH, &a, 1, &oj);
    expect_same(&oi, &oj, "breakpoint in sq under dispatch");
    assert_int_equal(oj.stop, WD_STOP_BREAK);
    assert_int_equal(oj.nframes, 2);
    assert_int_equal(oj.f[1].funcidx, F_DISPATCH);
    resume(&ei, &oi);
    resume(&ej, &oj);
    expect_same(&oi, &oj, "dispatch resumed");
    assert_int_equal(bj.hits, 10);
    assert_true(wd_probe_remove_local(ei.m, pi));
    assert_true(wd_probe_remove_local(ej.m, pj));
    assert_int_equal(native(&ej, F_SQ), HAVE_JIT);

    env_close(&ej);

    /* a breakpoint set before the function ever ran (its offset from the interpreter's
     * copy of the module: the same bytes) */
    uint64_t ld = find_offset(&ei, F_MEMSUM, NULL, 0, F_MEMSUM, 0x21, 0);   /* local.set $acc */
    call(&ei, F_MEMSUM, NULL, 0, &oi);
    assert_int_equal(oi.stop, WD_STOP_DONE);
    env_open(&ej, WD_TIER_JIT);
    bj = (bp){ 0, 3, ld, F_MEMSUM };
    pj = wd_probe_add_local(ej.m, F_MEMSUM, ld, bp_probe, &bj, &err);
    assert_true(pj);
    assert_false(native(&ej, F_MEMSUM));
    assert_int_equal(call(&ej, F_MEMSUM, NULL, 0, &oj), WD_STOP_BREAK);
    assert_int_equal(oj.f[0].offset, ld);
    assert_int_equal(oj.f[0].locals[0], 16);   /* $i in the third iteration */
    assert_int_equal(resume(&ej, &oj), WD_STOP_DONE);
    assert_int_equal(oj.result, oi.result);
    assert_int_equal(bj.hits, 4096);
    assert_true(wd_probe_remove_local(ej.m, pj));
    assert_int_equal(native(&ej, F_MEMSUM), HAVE_JIT);
    assert_int_equal(call(&ej, F_MEMSUM, NULL, 0, &oj), WD_STOP_DONE);
    assert_int_equal(oj.result, oi.result);
    assert_int_equal(bj.hits, 4096);
    close_both(&ei, &ej);
}

/* Two probes in one function, one of them on a loop header (a word the JIT patches): the
 * function stays interpreted until the last one goes, and the header's instruction runs as
 * it should after each change. */
static void test_two_probes(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(10);
    both(&ei, &ej, F_SUM, &a, 1, "sum(10)");
    wd_value three = i32v(3);
    uint64_t head = find_offset(&ei, F_SUM, &three, 1, F_SUM, 0x20, 0);   /* the loop's first */
    uint64_t gset = find_offset(&ei, F_SUM, &three, 1, F_SUM, 0x24, 0);
    assert_int_equal(find_offset(&ej, F_SUM, &three, 1, F_SUM, 0x20, 0), head);
    assert_int_equal(find_offset(&ej, F_SUM, &three, 1, F_SUM, 0x24, 0), gset);
    env *es[2] = { &ei, &ej };
    bp hb[2], gb[2];
    uint32_t hid[2], gid[2];
    wd_error err;
    for (int k = 0; k < 2; k++) {
        hb[k] = (bp){ 0, 2, head, F_SUM };
        gb[k] = (bp){ 0, 0, gset, F_SUM };   /* never stops */
        hid[k] = wd_probe_add_local(es[k]->m, F_SUM, head, bp_probe, &hb[k], &err);
        gid[k] = wd_probe_add_local(es[k]->m, F_SUM, gset, bp_probe, &gb[k], &err);
        assert_true(hid[k] && gid[k]);
    }
    assert_false(native(&ej, F_SUM));
    outcome end, o = stop_resume(&ei, &ej, F_SUM, &a, 1, WD_STOP_BREAK, "sum, loop header probe", &end);
    assert_int_equal(o.f[0].locals[1], 1);   /* the header's second run */
    assert_int_equal(end.result, 285);
    assert_int_equal(hb[1].hits, 11);        /* n + 1 tests of the loop condition */
    assert_int_equal(gb[1].hits, 10);
    for (int k = 0; k < 2; k++)
        assert_true(wd_probe_remove_local(es[k]->m, hid[k]));
    assert_false(native(&ej, F_SUM));        /* the other probe is still there */
    o = both(&ei, &ej, F_SUM, &a, 1, "sum with one probe left");
    assert_int_equal(o.result, 285);
    assert_int_equal(hb[1].hits, 11);
    assert_int_equal(gb[1].hits, 20);
    for (int k = 0; k < 2; k++)
        assert_true(wd_probe_remove_local(es[k]->m, gid[k]));
    assert_int_equal(native(&ej, F_SUM), HAVE_JIT);
    o = both(&ei, &ej, F_SUM, &a, 1, "sum without probes");
    assert_int_equal(o.result, 285);
    assert_int_equal(gb[1].hits, 20);
    assert_int_equal(gb[0].hits, 20);
    close_both(&ei, &ej);
}

/* ------------------------------------------------------------ memory.grow */

static void test_grow(void **state)
{
    (void)state;
    env ei, ej;
    open_both(&ei, &ej, NULL);
    wd_value a = i32v(3);
    both(&ei, &ej, F_GROW, &a, 1, "grow(3)");
    a = i32v(50);
    outcome o = both(&ei, &ej, F_GROW, &a, 1, "grow(50) in a native loop");
    assert_int_equal(wd_memory_size(wd_instance_memory(ej.inst, 0)), 54u * 65536);
    /* 50 iterations: old sizes 4..53, stored words 1000..1049, and the word a page below
     * (the previous iteration's, 0 for the first) */
    uint32_t want = 0;
    for (uint32_t i = 0; i < 50; i++)
        want += (4 + i) + (1000 + i) + (i ? 1000 + i - 1 : 1002);
    assert_int_equal(o.result, want);
    /* the memory's limit: grow fails (-1) from then on, in both */
    o = both(&ei, &ej, F_GROW, &a, 1, "grow(50) past the maximum");
    wd_memory *mi = wd_instance_memory(ei.inst, 0), *mj = wd_instance_memory(ej.inst, 0);
    assert_int_equal(wd_memory_size(mj), 100u * 65536);
    assert_memory_equal(wd_memory_data(mi), wd_memory_data(mj), wd_memory_size(mi));
    close_both(&ei, &ej);
}

/* ------------------------------------------------------------ random programs */

/* Random functions in the text format, run in both tiers: the loops, compares, address
 * computations and float ops a C compiler emits, so that the slot compiler fuses them into
 * its superinstructions (compare-and-branch, add-and-branch, indexed and constant stores,
 * float ops with a memory operand, multiply-add) and the JIT translates those. A trap (an
 * address left unmasked, a division) is an outcome like any other: both tiers must agree. */

typedef struct gen {
    char *p;
    size_t n, cap;
    uint64_t rng;
} gen;

static void out(gen *g, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(g->p + g->n, g->cap - g->n, fmt, ap);
        va_end(ap);
        assert_true(k >= 0);
        if (g->n + (size_t)k < g->cap) {
            g->n += (size_t)k;
            return;
        }
        g->cap = 2 * g->cap + (size_t)k;
        g->p = realloc(g->p, g->cap);
        assert_non_null(g->p);
    }
}

static uint32_t rnd(gen *g, uint32_t n)
{
    g->rng = g->rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)((g->rng >> 33) % n);
}

/* constants that make edges: 0, 1, -1, small, powers of two, extremes */
static int64_t konst(gen *g)
{
    static const int64_t k[] = { 0, 1, -1, 2, 3, 7, 8, 31, 32, 63, 64, 255, 1000, -1000,
                                 0x7fffffff, -0x7fffffff - 1, 0x10000, 0x7ff8 };
    return rnd(g, 4) ? k[rnd(g, sizeof k / sizeof k[0])] : (int64_t)(int32_t)rnd(g, 0xffffffffu);
}

static void expr(gen *g, char t, int depth);
static void squashed(gen *g, char t, int depth);

/* an in-bounds address for an access of 8 bytes or less at offset <= 64, or rarely any */
static void addr(gen *g)
{
    switch (rnd(g, 8)) {
    case 0:
        out(g, "(i32.add (i32.and (local.get $i%u) (i32.const 0x7f00)) "
               "(i32.shl (i32.and (local.get $i%u) (i32.const 255)) (i32.const %u)))",
            rnd(g, 4), rnd(g, 4), rnd(g, 4));
        return;
    case 1:
        out(g, "(i32.const %u)", rnd(g, 0xff00));
        return;
    case 2:
        if (rnd(g, 6) == 0) {   /* may be out of bounds */
            expr(g, 'i', 1);
            return;
        }
        /* fall through */
    default:
        out(g, "(i32.and ");
        expr(g, 'i', 1);
        out(g, " (i32.const 0xfff8))");
        return;
    }
}

static void load(gen *g, char t)
{
    static const char *const i32l[] = { "i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s",
                                        "i32.load16_u" };
    static const char *const i64l[] = { "i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s",
                                        "i64.load16_u", "i64.load32_s", "i64.load32_u" };
    const char *op = t == 'i' ? i32l[rnd(g, 5)] : t == 'I' ? i64l[rnd(g, 7)]
                     : t == 'f' ? "f32.load" : "f64.load";
    out(g, "(%s offset=%u ", op, rnd(g, 3) ? 0 : rnd(g, 64));
    addr(g);
    out(g, ")");
}

/* An operand of a commutative float op with any NaN replaced by 0, so that at most one
 * operand is a NaN: which of two NaNs add and mul return is not specified (wasm lets it
 * vary), and the interpreter's own choice varies with how the C compiler orders the
 * operands (gcc -O2 and the ASan build differ), so it cannot be compared. $tf / $tF hold
 * the value while it is compared with itself. */
static void squashed(gen *g, char t, int depth)
{
    const char *ty = t == 'f' ? "f32" : "f64";
    out(g, "(select (local.tee $t%c ", t);
    expr(g, t, depth);
    out(g, ") (%s.const 0) (%s.eq (local.get $t%c) (local.get $t%c)))", ty, ty, t, t);
}

static void expr(gen *g, char t, int depth)
{
    static const char *const ibin[] = { "add", "sub", "mul", "and", "or", "xor", "shl", "shr_s",
                                        "shr_u", "rotl", "rotr" };
    static const char *const icmp[] = { "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s",
                                        "le_u", "ge_s", "ge_u" };
    static const char *const fbin[] = { "add", "sub", "mul", "div", "min", "max", "copysign" };
    static const char *const fun[] = { "neg", "abs", "sqrt", "floor", "ceil", "trunc", "nearest" };
    static const char *const fcmp[] = { "eq", "ne", "lt", "gt", "le", "ge" };
    const char *ty = t == 'i' ? "i32" : t == 'I' ? "i64" : t == 'f' ? "f32" : "f64";
    uint32_t c = depth <= 0 ? rnd(g, 2) : rnd(g, 12);
    if (c == 0) {   /* a local */
        uint32_t nloc = t == 'i' ? 4 : 2;
        out(g, "(local.get $%c%u)", t, rnd(g, nloc));
        return;
    }
    if (c == 1) {   /* a constant */
        if (t == 'i' || t == 'I')
            out(g, "(%s.const %lld)", ty, (long long)konst(g));
        else
            out(g, "(%s.const %s%d.%u)", ty, rnd(g, 3) ? "" : "-", (int)rnd(g, 2000), rnd(g, 100));
        return;
    }
    if (c == 2) {
        load(g, t);
        return;
    }
    if (c == 3 && (t == 'i' || t == 'I')) {
        if (t == 'i' && rnd(g, 4) == 0)
            out(g, "(memory.size)");
        else
            out(g, "(global.get $g%c)", t);
        return;
    }
    if (c == 4) {
        out(g, "(select ");
        expr(g, t, depth - 1);
        out(g, " ");
        expr(g, t, depth - 1);
        out(g, " ");
        expr(g, 'i', depth - 1);
        out(g, ")");
        return;
    }
    if (t == 'i' || t == 'I') {
        const char *w = t == 'i' ? "i32" : "i64";
        switch (c) {
        case 5: case 6: case 7: case 8:
            out(g, "(%s.%s ", w, ibin[rnd(g, 11)]);
            break;
        case 9: {   /* a compare (of another type, now and then); an i64 widens it */
            char o = t == 'I' ? 'I' : rnd(g, 2) ? 'i' : "iIfF"[rnd(g, 4)];
            const char *ot = o == 'i' ? "i32" : o == 'I' ? "i64" : o == 'f' ? "f32" : "f64";
            if (t == 'I')
                out(g, "(i64.extend_i32_u ");
            out(g, "(%s.%s ", ot, o == 'i' || o == 'I' ? icmp[rnd(g, 10)] : fcmp[rnd(g, 6)]);
            expr(g, o, depth - 1);
            out(g, " ");
            expr(g, o, depth - 1);
            out(g, t == 'I' ? "))" : ")");
            return;
        }
        case 10: {   /* division by something odd-ish, rarely anything */
            static const char *const dv[] = { "div_s", "div_u", "rem_s", "rem_u" };
            out(g, "(%s.%s ", w, dv[rnd(g, 4)]);
            expr(g, t, depth - 1);
            if (rnd(g, 8) == 0) {
                out(g, " ");
                expr(g, t, depth - 1);
            } else {
                out(g, " (%s.or (%s.and ", w, w);
                expr(g, t, depth - 1);
                out(g, " (%s.const 0xffff)) (%s.const 1))", w, w);
            }
            out(g, ")");
            return;
        }
        default:   /* unary and conversions */
            switch (rnd(g, 6)) {
            case 0:   /* an i32 result */
                out(g, t == 'I' ? "(i64.extend_i32_s (i64.eqz " : "(i32.eqz ");
                expr(g, t, depth - 1);
                out(g, t == 'I' ? "))" : ")");
                break;
            case 1: out(g, "(%s.%s ", w, rnd(g, 2) ? "clz" : "popcnt"); expr(g, t, depth - 1); out(g, ")"); break;
            case 2: out(g, "(%s.extend8_s ", w); expr(g, t, depth - 1); out(g, ")"); break;
            case 3:
                if (t == 'i') { out(g, "(i32.wrap_i64 "); expr(g, 'I', depth - 1); }
                else { out(g, "(i64.extend_i32_%c ", rnd(g, 2) ? 's' : 'u'); expr(g, 'i', depth - 1); }
                out(g, ")");
                break;
            case 4:
                out(g, "(%s.trunc_sat_f64_%c ", w, rnd(g, 2) ? 's' : 'u');
                expr(g, 'F', depth - 1);
                out(g, ")");
                break;
            default:
                out(g, "(%s.ctz ", w); expr(g, t, depth - 1); out(g, ")");
                break;
            }
            return;
        }
        expr(g, t, depth - 1);
        out(g, " ");
        expr(g, t, depth - 1);
        out(g, ")");
        return;
    }
    /* floats */
    switch (c) {
    case 5: case 6: case 7: case 8: {
        if (rnd(g, 3) == 0 && t == 'F') {   /* a multiply-add shape */
            out(g, "(f64.%s (f64.mul ", rnd(g, 2) ? "add" : "sub");
            expr(g, 'F', depth - 1);
            out(g, " ");
            squashed(g, 'F', depth - 1);
            out(g, ") ");
            squashed(g, 'F', depth - 1);
            out(g, ")");
            return;
        }
        uint32_t k = rnd(g, 7);
        bool comm = k == 0 || k == 2;   /* add, mul */
        bool mem = rnd(g, 3) == 0;      /* a memory operand */
        out(g, "(%s.%s ", ty, fbin[k]);
        if (comm && mem)
            squashed(g, t, depth - 1);
        else
            expr(g, t, depth - 1);
        out(g, " ");
        if (mem)
            load(g, t);
        else if (comm)
            squashed(g, t, depth - 1);
        else
            expr(g, t, depth - 1);
        out(g, ")");
        return;
    }
    case 9: case 10:
        out(g, "(%s.%s ", ty, fun[rnd(g, 7)]);
        expr(g, t, depth - 1);
        out(g, ")");
        return;
    default:
        switch (rnd(g, 3)) {
        case 0:
            out(g, "(%s.convert_i32_%c ", ty, rnd(g, 2) ? 's' : 'u');
            expr(g, 'i', depth - 1);
            break;
        case 1:
            out(g, "(%s.convert_i64_%c ", ty, rnd(g, 2) ? 's' : 'u');
            expr(g, 'I', depth - 1);
            break;
        default:
            out(g, t == 'F' ? "(f64.promote_f32 " : "(f32.demote_f64 ");
            expr(g, t == 'F' ? 'f' : 'F', depth - 1);
            break;
        }
        out(g, ")");
        return;
    }
}

/* A statement on the v128 locals $v0/$v1 (integer lanes only: float lanes would bring the
 * two-NaN question back). The JIT runs these through the interpreter's templates, but moves,
 * selects and the two-slot values around them are its own. */
static void vstmt(gen *g)
{
    static const char *const vbin[] = { "i32x4.add", "i32x4.sub", "i32x4.mul", "i8x16.add_sat_u",
                                        "i16x8.sub_sat_s", "i64x2.add", "v128.and", "v128.xor",
                                        "i8x16.min_u", "i16x8.max_s", "i32x4.eq", "i8x16.gt_s" };
    uint32_t d = rnd(g, 2), a = rnd(g, 2), b = rnd(g, 2);
    switch (rnd(g, 6)) {
    case 0:
        out(g, "      (local.set $v%u (%s (local.get $v%u) (local.get $v%u)))\n", d,
            vbin[rnd(g, 12)], a, b);
        return;
    case 1:
        out(g, "      (local.set $v%u (%s (local.get $v%u) (v128.load offset=%u ", d,
            vbin[rnd(g, 12)], a, rnd(g, 2) ? 0 : 16 * rnd(g, 4));
        addr(g);
        out(g, ")))\n");
        return;
    case 2:
        out(g, "      (v128.store offset=%u ", rnd(g, 2) ? 0 : 16 * rnd(g, 4));
        addr(g);
        out(g, " (local.get $v%u))\n", a);
        return;
    case 3:
        out(g, "      (local.set $v%u (select (local.get $v%u) (local.get $v%u) ", d, a, b);
        expr(g, 'i', 1);
        out(g, "))\n");
        return;
    case 4:
        out(g, "      (local.set $v%u (i32x4.replace_lane %u (local.get $v%u) ", d, rnd(g, 4), a);
        expr(g, 'i', 2);
        out(g, "))\n");
        return;
    default:
        if (rnd(g, 2))
            out(g, "      (local.set $i%u (i32x4.extract_lane %u (local.get $v%u)))\n", rnd(g, 4),
                rnd(g, 4), a);
        else
            out(g, "      (local.set $v%u (v128.const i32x4 %u %u %u %u))\n", d, rnd(g, 0xffffffffu),
                rnd(g, 100), rnd(g, 0xffffffffu), rnd(g, 3));
        return;
    }
}

static void stmt(gen *g, int depth)
{
    static const char ts[] = "iiiIIfFF";
    if (rnd(g, 8) == 0) {
        vstmt(g);
        return;
    }
    char t = ts[rnd(g, 8)];
    const char *ty = t == 'i' ? "i32" : t == 'I' ? "i64" : t == 'f' ? "f32" : "f64";
    switch (rnd(g, depth > 0 ? 10 : 6)) {
    case 5: {   /* read-modify-write of a float at an address in a local */
        const char *fty = t == 'f' || t == 'i' ? "f32" : "f64";
        char ft = fty[1] == '3' ? 'f' : 'F';
        uint32_t off = rnd(g, 2) ? 0 : 8 * rnd(g, 8);
        static const char *const rmw[] = { "add", "sub", "mul", "div" };
        uint32_t k = rnd(g, 4);
        out(g, "      (local.set $i3 (i32.and (local.get $i%u) (i32.const 0xff8)))\n", rnd(g, 4));
        out(g, "      (%s.store offset=%u (local.get $i3) (%s.%s (%s.load offset=%u (local.get $i3)) ",
            fty, off, fty, rmw[k], fty, off);
        if (k == 0 || k == 2)
            squashed(g, ft, 2);
        else
            expr(g, ft, 2);
        out(g, "))\n");
        return;
    }
    case 0: case 1: case 2:
        out(g, "      (local.set $%c%u ", t, rnd(g, t == 'i' ? 4 : 2));
        expr(g, t, 3);
        out(g, ")\n");
        return;
    case 3: {   /* a store, of a constant now and then */
        static const char *const sw[] = { "", "8", "16", "32" };
        uint32_t nw = t == 'i' ? 3 : t == 'I' ? 4 : 1;
        out(g, "      (%s.store%s offset=%u ", ty, sw[rnd(g, nw)], rnd(g, 3) ? 0 : rnd(g, 64));
        addr(g);
        out(g, " ");
        if ((t == 'i' || t == 'I') && rnd(g, 3) == 0)
            out(g, "(%s.const %lld)", ty, (long long)konst(g));
        else
            expr(g, t, 2);
        out(g, ")\n");
        return;
    }
    case 4:
        switch (rnd(g, 6)) {
        case 0: case 1:
            out(g, "      (global.set $g%c ", t == 'i' ? 'i' : 'I');
            expr(g, t == 'i' ? 'i' : 'I', 2);
            out(g, ")\n");
            return;
        case 2:   /* a native call */
            out(g, "      (local.set $i%u (call $h (local.get $i%u) (local.get $I%u) ", rnd(g, 4),
                rnd(g, 4), rnd(g, 2));
            expr(g, 'F', 1);
            out(g, "))\n");
            return;
        case 3:   /* recursion up to 7 deep */
            out(g, "      (local.set $I%u (call $r (i32.and ", rnd(g, 2));
            expr(g, 'i', 1);
            out(g, " (i32.const 7)) ");
            expr(g, 'I', 1);
            out(g, "))\n");
            return;
        case 4:   /* through the table: $h, $h2, now and then $r (wrong type) or null */
            out(g, "      (local.set $i%u (call_indirect (type $ht) (local.get $i%u) (local.get $I%u) ",
                rnd(g, 4), rnd(g, 4), rnd(g, 2));
            expr(g, 'F', 1);
            out(g, " (i32.and ");
            expr(g, 'i', 1);
            out(g, " (i32.const %u))))\n", rnd(g, 8) ? 1 : 3);
            return;
        default:   /* memory.grow by 0 or 1 page (up to the maximum, 4) */
            out(g, "      (local.set $i%u (memory.grow (i32.and ", rnd(g, 4));
            expr(g, 'i', 1);
            out(g, " (i32.const 1))))\n");
            return;
        }
    case 6: case 7:   /* a forward branch out of the body */
        out(g, "      (br_if $cont ");
        expr(g, 'i', 2);
        out(g, ")\n");
        return;
    case 8:
        out(g, "      (if ");
        expr(g, 'i', 2);
        out(g, " (then\n");
        stmt(g, depth - 1);
        out(g, "      ) (else\n");
        stmt(g, depth - 1);
        out(g, "      ))\n");
        return;
    default:   /* an inner loop of three rounds on $j<depth>, which nothing else writes (a
                * loop nested in it has a smaller depth, so a counter of its own) */
        out(g, "      (local.set $j%d (i32.const 0))\n"
               "      (block $jd (loop $jl\n"
               "        (br_if $jd (i32.ge_u (local.get $j%d) (i32.const 3)))\n", depth, depth);
        stmt(g, depth - 1);
        stmt(g, depth - 1);
        out(g, "        (local.set $j%d (i32.add (local.get $j%d) (i32.const 1)))\n", depth, depth);
        if (rnd(g, 2)) {   /* back to the loop, or out, by a table */
            out(g, "        (br_table $jl $jd $jl ");
            expr(g, 'i', 1);
            out(g, ")))\n");
        } else {
            out(g, "        (br $jl)))\n");
        }
        return;
    }
}

static char *random_module(uint64_t seed)
{
    gen g = { malloc(4096), 0, 4096, seed * 0x9E3779B97F4A7C15ull + 1 };
    assert_non_null(g.p);
    out(&g, "(module\n  (memory 1 4)\n  (global $gi (mut i32) (i32.const 5))\n"
            "  (global $gI (mut i64) (i64.const -9))\n"
            "  (type $ht (func (param i32 i64 f64) (result i32)))\n"
            "  (table 4 funcref)\n  (elem (i32.const 0) $h $h2 $r)\n");
    /* the helpers: locals named like the main function's, so expressions can use them */
    for (int k = 0; k < 2; k++) {
        out(&g, "  (func $h%s (type $ht) (param $i0 i32) (param $I0 i64) (param $F0 f64) (result i32)\n"
                "    (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $I1 i64) (local $F1 f64)\n"
                "    (local $f0 f32) (local $f1 f32) (local $tf f32) (local $tF f64)\n    ",
            k ? "2" : "");
        expr(&g, 'i', 3);
        out(&g, ")\n");
    }
    out(&g, "  (func $r (param $d i32) (param $x i64) (result i64)\n"
            "    (if (result i64) (i32.eqz (local.get $d)) (then (local.get $x))\n"
            "      (else (i64.add (call $r (i32.sub (local.get $d) (i32.const 1))\n"
            "                              (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))\n"
            "                     (i64.extend_i32_u (local.get $d))))))\n");
    out(&g, "  (func (export \"f\") (param $n i32) (result i64)\n"
            "    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)\n"
            "    (local $I0 i64) (local $I1 i64) (local $F0 f64) (local $F1 f64)\n"
            "    (local $f0 f32) (local $f1 f32) (local $c i32) (local $j1 i32) (local $j2 i32)\n"
            "    (local $tf f32) (local $tF f64) (local $v0 v128) (local $v1 v128)\n");
    for (uint32_t i = 0; i < 4; i++)
        out(&g, "    (local.set $i%u (i32.const %lld))\n", i, (long long)konst(&g));
    out(&g, "    (local.set $I0 (i64.const %lld)) (local.set $I1 (i64.const %lld))\n",
        (long long)konst(&g) * 0x10001, (long long)konst(&g));
    out(&g, "    (local.set $F0 (f64.const %u.5)) (local.set $f1 (f32.const -%u.25))\n",
        rnd(&g, 100), rnd(&g, 100));
    out(&g, "    (loop $top\n      (block $cont\n");
    uint32_t n = 2 + rnd(&g, 7);
    for (uint32_t i = 0; i < n; i++)
        stmt(&g, 2);
    out(&g, "      )\n      (br_if $top (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1)))"
            " (local.get $n))))\n");
    out(&g, "    (i64.xor (i64.xor (i64.extend_i32_u (i32.xor (local.get $i0) (local.get $i1)))\n"
            "                      (i64.shl (i64.extend_i32_u (i32.add (local.get $i2) (local.get $i3)))"
            " (i64.const 32)))\n"
            "      (i64.xor (i64.add (local.get $I0) (local.get $I1))\n"
            "        (i64.xor (i64.reinterpret_f64 (f64.sub (local.get $F0) (local.get $F1)))\n"
            "          (i64.xor (i64.extend_i32_u (i32.reinterpret_f32 (f32.sub (local.get $f0) (local.get $f1))))\n"
            "            (i64.xor (i64x2.extract_lane 0 (i64x2.add (local.get $v0) (local.get $v1)))\n"
            "                     (i64x2.extract_lane 1 (v128.xor (local.get $v0) (local.get $v1)))))))))\n"
            ")\n");
    return g.p;
}

/* A breakpoint at offset in function idx of both tiers: every 3rd hit stops; run to the end
 * through the stops (the outcomes compared at each), then the probe goes and native code
 * comes back. */
static void random_breakpoint(env *ei, env *ej, uint32_t idx, uint64_t offset, uint64_t seed)
{
    bp bi = { 0, 3, offset, idx }, bj = bi;
    wd_error err;
    uint32_t pi = wd_probe_add_local(ei->m, idx, offset, bp_probe, &bi, &err);
    uint32_t pj = wd_probe_add_local(ej->m, idx, offset, bp_probe, &bj, &err);
    assert_true(pi && pj);
    assert_false(native(ej, idx));
    wd_value a = i32v(10);
    outcome oi, oj;
    char what[80];
    call(ei, idx, &a, 1, &oi);
    call(ej, idx, &a, 1, &oj);
    for (uint32_t k = 0;; k++) {
        snprintf(what, sizeof what, "random program %llu, breakpoint stop %u",
                 (unsigned long long)seed, k);
        expect_same(&oi, &oj, what);
        if (oi.stop != WD_STOP_BREAK)
            break;
        /* (bp_probe checks the event's offset; the frame reports the first wasm instruction
         * its internal instruction covers, which may be a folded constant before it) */
        assert_int_equal(oj.f[0].funcidx, idx);
        bi.stop_at = bj.stop_at = bi.hits + 3;
        resume(ei, &oi);
        resume(ej, &oj);
    }
    assert_int_equal(bi.hits, bj.hits);
    assert_true(wd_probe_remove_local(ei->m, pi));
    assert_true(wd_probe_remove_local(ej->m, pj));
    assert_int_equal(native(ej, idx), HAVE_JIT);
    snprintf(what, sizeof what, "random program %llu, after its breakpoint", (unsigned long long)seed);
    both(ei, ej, idx, &a, 1, what);
}

static void test_random_programs(void **state)
{
    (void)state;
    uint32_t ntraps = 0, nprog = 400;
    const char *only = getenv("WD_JIT_FUZZ_SEED");   /* to look at one failing program */
    const char *more = getenv("WD_JIT_FUZZ_COUNT");  /* for a longer run by hand */
    if (more)
        nprog = (uint32_t)strtoul(more, NULL, 0);
    uint32_t first = only ? (uint32_t)strtoul(only, NULL, 0) : 0;
    if (only)
        nprog = first + 1;
    for (uint32_t s = first; s < nprog; s++) {
        uint64_t seed = s;
        char *text = random_module(seed);
        if (only)
            fputs(text, stderr);
        env ei, ej;
        env_open_text(&ei, WD_TIER_INTERP, text, NULL);
        /* eager and lazy in turn: lazily, a first call runs interpreted up to a loop
         * header, where native code takes over mid-call */
        env_open_text(&ej, seed % 2 ? WD_TIER_JIT : WD_TIER_JIT_EAGER, text, NULL);
        wd_export_desc ex;
        wd_module_export(ei.m, 0, &ex);
        char what[64];
        for (uint32_t round = 0; round < 2; round++) {
            wd_value a = i32v(round ? 40 : 3);
            snprintf(what, sizeof what, "random program %llu, round %u", (unsigned long long)seed, round);
            outcome oi, oj;
            call(&ei, ex.index, &a, 1, &oi);
            call(&ej, ex.index, &a, 1, &oj);
            if (oi.stop != oj.stop || oi.result != oj.result || oi.trap != oj.trap)
                fputs(text, stderr);
            expect_same(&oi, &oj, what);
            ntraps += oi.stop == WD_STOP_TRAP;
            wd_memory *mi = wd_instance_memory(ei.inst, 0), *mj = wd_instance_memory(ej.inst, 0);
            if (wd_memory_size(mi) != wd_memory_size(mj) ||
                memcmp(wd_memory_data(mi), wd_memory_data(mj), wd_memory_size(mi)) != 0)
                fail_msg("%s: memory differs\n%s", what, text);
            for (uint32_t gi = 0; gi < 2; gi++) {
                wd_value a1 = wd_global_get(wd_instance_global(ei.inst, gi));
                wd_value a2 = wd_global_get(wd_instance_global(ej.inst, gi));
                if (bits(&a1) != bits(&a2))
                    fail_msg("%s: global %u differs\n%s", what, gi, text);
            }
        }
        if (HAVE_JIT && !native(&ej, ex.index))
            fail_msg("random program %llu: no native code", (unsigned long long)seed);
        /* some programs once more: under a budget, stopping every few instructions (every
         * other time changing a local at each stop), stepped, or with a breakpoint */
        wd_value a = i32v(10);
        if (s % 8 == 0)
            budget_walk(&ei, &ej, ex.index, &a, 1, 1 + s % 13, s % 16 == 0, NULL);
        if (s % 8 == 1) {
            trace ti = { 0 }, tj = { 0 };
            add_step_probe(&ei, &ti);
            add_step_probe(&ej, &tj);
            snprintf(what, sizeof what, "random program %llu, stepped", (unsigned long long)seed);
            both(&ei, &ej, ex.index, &a, 1, what);
            expect_same_trace(&ti, &tj, what);
            assert_true(wd_probe_remove_global(ei.x, ti.id));
            assert_true(wd_probe_remove_global(ej.x, tj.id));
            /* a breakpoint on an instruction of f that ran, stopping at every 3rd hit */
            uint32_t pick = 0, nf = 0;
            for (uint32_t i = 0; i < ti.n; i++)
                nf += ti.ev[i].funcidx == ex.index;
            for (uint32_t i = 0, k = (uint32_t)(seed * 7919) % (nf ? nf : 1); i < ti.n; i++)
                if (ti.ev[i].funcidx == ex.index && k-- == 0)
                    pick = i;
            if (nf)
                random_breakpoint(&ei, &ej, ex.index, ti.ev[pick].offset, seed);
            free(ti.ev);
            free(tj.ev);
        }
        close_both(&ei, &ej);
        free(text);
    }
    /* traps happen, but most programs run to the end */
    assert_true(ntraps < nprog - first || only);
}

/* ------------------------------------------------------------ several instances */

/* One module instantiated twice (a, b: own memory, global, table); a second module imports
 * from both and calls across them from its loop, directly and through a's table. Native
 * code is shared by the instances of a module but works on the running one's memory and
 * globals; calls between instances leave it. */
static const char lib_wat[] =
    "(module\n"
    "  (memory (export \"mem\") 1)\n"
    "  (global $g (export \"g\") (mut i32) (i32.const 0))\n"
    "  (table (export \"tab\") 2 funcref)\n"
    "  (elem (i32.const 0) $bump $peek)\n"
    "  (func $bump (export \"bump\") (param $v i32) (result i32)\n"
    "    (global.set $g (i32.add (global.get $g) (local.get $v)))\n"
    "    (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.mul (local.get $v) (i32.const 3))))\n"
    "    (i32.load (i32.const 16)))\n"
    "  (func $peek (param $v i32) (result i32) (i32.add (global.get $g) (local.get $v)))\n"
    "  (func (export \"run\") (param $n i32) (result i32) (local $i i32) (local $acc i32)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $acc (i32.add (local.get $acc) (call $bump (local.get $i))))\n"
    "      (local.set $acc (i32.xor (local.get $acc)\n"
    "        (call_indirect (param i32) (result i32) (local.get $i) (i32.and (local.get $i) (i32.const 1)))))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc)))\n";
static const char user_wat[] =
    "(module\n"
    "  (import \"a\" \"bump\" (func $abump (param i32) (result i32)))\n"
    "  (import \"b\" \"bump\" (func $bbump (param i32) (result i32)))\n"
    "  (import \"a\" \"tab\" (table 2 funcref))\n"
    "  (memory 1)\n"
    "  (func (export \"mix\") (param $n i32) (result i32) (local $i i32) (local $acc i32)\n"
    "    (block $d (loop $l\n"
    "      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))\n"
    "      (local.set $acc (i32.add (local.get $acc) (call $abump (local.get $i))))\n"
    "      (local.set $acc (i32.add (local.get $acc) (call $bbump (i32.shl (local.get $i) (i32.const 1)))))\n"
    "      (local.set $acc (i32.xor (local.get $acc)\n"
    "        (call_indirect (param i32) (result i32) (local.get $i) (i32.and (local.get $i) (i32.const 1)))))\n"
    "      (i32.store (i32.shl (i32.and (local.get $i) (i32.const 255)) (i32.const 2)) (local.get $acc))\n"
    "      (local.set $i (i32.add (local.get $i) (i32.const 1)))\n"
    "      (br $l)))\n"
    "    (local.get $acc)))\n";

typedef struct multi {
    env e;              /* the user module's; its store holds a and b too */
    wd_module *lib;
    wd_instance *a, *b;
} multi;

static bool multi_resolve(void *user, const wd_import_desc *imp, wd_extern *out)
{
    multi *mu = user;
    wd_externkind k;
    wd_instance *from = strcmp(imp->module, "a") == 0 ? mu->a : mu->b;
    return wd_instance_export(from, imp->name, &k, out) && k == imp->kind;
}

static wd_module *load_text(const char *text, wd_tier tier)
{
    wd_error err;
    uint8_t *bin;
    size_t n;
    wd_load_options o = { .tier = tier, .name = "multi.wat" };
    assert_true(wd_wat_to_wasm(text, strlen(text), &o, &bin, &n, &err));
    wd_module *m = wd_module_load(bin, n, &o, &err);
    free(bin);
    assert_non_null(m);
    return m;
}

static void multi_open(multi *mu, wd_tier tier)
{
    wd_error err;
    memset(mu, 0, sizeof *mu);
    mu->lib = load_text(lib_wat, tier);
    mu->e.tier = tier;
    mu->e.m = load_text(user_wat, tier);
    mu->e.s = wd_store_new(NULL);
    mu->a = wd_instance_new(mu->e.s, mu->lib, NULL, NULL, &err);
    mu->b = wd_instance_new(mu->e.s, mu->lib, NULL, NULL, &err);
    assert_true(mu->a && mu->b);
    mu->e.inst = wd_instance_new(mu->e.s, mu->e.m, multi_resolve, mu, &err);
    assert_non_null(mu->e.inst);
    mu->e.x = wd_store_exec(mu->e.s);
}

/* lib's run(n) in instance `in`, through env e's exec */
static void lib_run(multi *mu, wd_instance *in, uint32_t n, outcome *o)
{
    wd_value a = i32v(n), r = { 0 };
    wd_stop st = wd_exec_call(mu->e.x, wd_instance_func(in, 2), &a, 1, &r, 1);
    record(&mu->e, st, &r, o);
}

static void expect_same_instances(multi *mi, multi *mj, const char *what)
{
    wd_instance *ins[3][2] = { { mi->a, mj->a }, { mi->b, mj->b }, { mi->e.inst, mj->e.inst } };
    for (int k = 0; k < 3; k++) {
        wd_memory *x = wd_instance_memory(ins[k][0], 0), *y = wd_instance_memory(ins[k][1], 0);
        if (memcmp(wd_memory_data(x), wd_memory_data(y), 4096) != 0)
            fail_msg("%s: memory of instance %d differs", what, k);
        if (k < 2) {
            wd_value g1 = wd_global_get(wd_instance_global(ins[k][0], 0));
            wd_value g2 = wd_global_get(wd_instance_global(ins[k][1], 0));
            if (g1.of.i32 != g2.of.i32)
                fail_msg("%s: global of instance %d: %u, %u", what, k, g1.of.i32, g2.of.i32);
        }
    }
}

static void test_instances(void **state)
{
    (void)state;
    multi mi, mj;
    multi_open(&mi, WD_TIER_INTERP);
    multi_open(&mj, WD_TIER_JIT);
    outcome oi, oj;
    /* the same native code in two instances, alternately */
    for (uint32_t round = 0; round < 3; round++) {
        lib_run(&mi, mi.a, 50 + round, &oi);
        lib_run(&mj, mj.a, 50 + round, &oj);
        expect_same(&oi, &oj, "a.run");
        lib_run(&mi, mi.b, 7 * round, &oi);
        lib_run(&mj, mj.b, 7 * round, &oj);
        expect_same(&oi, &oj, "b.run");
        expect_same_instances(&mi, &mj, "after a.run and b.run");
    }
    if (native(&mj.e, 0) && !HAVE_JIT)
        fail_msg("native code without the JIT");
    wd_native_code nc;
    wd_error err;
    assert_int_equal(wd_module_native_code(mj.lib, 2, &nc, &err), HAVE_JIT);
    wd_native_code_free(&nc);
    /* a's global counts what a's bump got (from run's loop and, even i, its table) only */
    uint32_t want = 0;
    for (uint32_t n = 50; n < 53; n++)
        for (uint32_t i = 0; i < n; i++)
            want += i % 2 ? i : 2 * i;
    assert_int_equal(wd_global_get(wd_instance_global(mj.a, 0)).of.i32, want);
    /* across instances from the user's loop, then under a budget */
    wd_value a = i32v(200);
    both(&mi.e, &mj.e, 2, &a, 1, "mix(200)");
    expect_same_instances(&mi, &mj, "after mix(200)");
    a = i32v(30);
    wd_stop last;
    budget_walk(&mi.e, &mj.e, 2, &a, 1, 5, true, &last);
    assert_int_equal(last, WD_STOP_DONE);
    expect_same_instances(&mi, &mj, "after mix(30) under a budget");
    close_both(&mi.e, &mj.e);
    wd_module_free(mi.lib);
    wd_module_free(mj.lib);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results),
        cmocka_unit_test(test_traps),
        cmocka_unit_test(test_stack_exhaustion),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_single_step),
        cmocka_unit_test(test_memory_probe),
        cmocka_unit_test(test_breakpoint),
        cmocka_unit_test(test_two_probes),
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_instances),
        cmocka_unit_test(test_random_programs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
