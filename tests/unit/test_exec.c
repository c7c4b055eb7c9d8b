/* test_exec.c: the execution engine (compiler, interpreter, exec API,
 * probes) on small modules assembled by the test itself.
 *
 * The module used by most tests (function indices):
 *   0  import env.host (i32) -> i32
 *   1  add (i32 i32) -> i32
 *   2  fac (i32) -> i64            iterative, i64 multiply
 *   3  div (i32 i32) -> i32        calls 4
 *   4  (i32 i32) -> i32            i32.div_s
 *   5  runaway () -> i32           infinite recursion
 *   6  sum (i32) -> i32            0 + 1 + ... + n-1 in a loop
 *   7  oob () -> i32               load past the end of memory
 *   8  callhost (i32) -> i32       sets a local, calls the host
 *   9  fib (i32) -> i32            recursive
 *  10  sel (i32 i32 i32) -> i32    select, br_table, if/else with results
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

/* ------------------------------------------------------------ builder */

typedef struct buf {
    uint8_t b[4096];
    size_t n;
} buf;

static void put(buf *o, const void *p, size_t n)
{
    assert_true(o->n + n <= sizeof o->b);
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
static void name(buf *o, const char *s)
{
    leb(o, (uint32_t)strlen(s));
    put(o, s, strlen(s));
}
static void section(buf *o, uint8_t id, const buf *c)
{
    u8(o, id);
    leb(o, (uint32_t)c->n);
    put(o, c->b, c->n);
}

#define I32 0x7F
#define I64 0x7E

/* bodies: local declarations (count, type pairs) then code, `end` included */
static const uint8_t body_add[] = { 0, 0x20, 0, 0x20, 1, 0x6A, 0x0B };
static const uint8_t body_fac[] = {
    1, 1, I64,
    0x42, 1, 0x21, 1,                         /* i64.const 1  local.set 1 */
    0x02, 0x40, 0x03, 0x40,                   /* block loop */
    0x20, 0, 0x45, 0x0D, 1,                   /* local.get 0 i32.eqz br_if 1 */
    0x20, 1, 0x20, 0, 0xAD, 0x7E, 0x21, 1,    /* acc *= (u64)n */
    0x20, 0, 0x41, 1, 0x6B, 0x21, 0,          /* n -= 1 */
    0x0C, 0, 0x0B, 0x0B,                      /* br 0 end end */
    0x20, 1, 0x0B,
};
static const uint8_t body_div[] = { 0, 0x20, 0, 0x20, 1, 0x10, 4, 0x0B };
static const uint8_t body_divs[] = { 0, 0x20, 0, 0x20, 1, 0x6D, 0x0B };
static const uint8_t body_runaway[] = { 0, 0x10, 5, 0x0B };
/* sum: rel offsets of the code (after the 3 local-declaration bytes) in
 * comments; the probe tests use them */
static const uint8_t body_sum[] = {
    1, 2, I32,
    0x02, 0x40,       /*  0 block */
    0x03, 0x40,       /*  2 loop */
    0x20, 1,          /*  4 local.get 1 */
    0x20, 0,          /*  6 local.get 0 */
    0x4F,             /*  8 i32.ge_u */
    0x0D, 1,          /*  9 br_if 1 */
    0x20, 2,          /* 11 local.get 2 */
    0x20, 1,          /* 13 local.get 1 */
    0x6A,             /* 15 i32.add */
    0x21, 2,          /* 16 local.set 2 */
    0x20, 1,          /* 18 local.get 1 */
    0x41, 1,          /* 20 i32.const 1 */
    0x6A,             /* 22 i32.add */
    0x21, 1,          /* 23 local.set 1 */
    0x0C, 0,          /* 25 br 0 */
    0x0B, 0x0B,       /* 27 end end */
    0x20, 2, 0x0B,    /* 29 local.get 2 end */
};
#define SUM_LOCALS_BYTES 3
static const uint8_t body_oob[] = { 0, 0x41, 0xF0, 0xA2, 0x04, 0x28, 2, 0, 0x0B }; /* 70000 i32.load */
static const uint8_t body_callhost[] = {
    1, 1, I32,
    0x41, 33, 0x21, 1,            /* local 1 = 33 */
    0x20, 0, 0x10, 0, 0x0B,       /* call host(local 0) */
};
static const uint8_t body_fib[] = {
    0,
    0x20, 0, 0x41, 2, 0x48,                   /* n < 2 */
    0x04, I32,                                /* if (result i32) */
    0x20, 0,
    0x05,                                     /* else */
    0x20, 0, 0x41, 1, 0x6B, 0x10, 9,
    0x20, 0, 0x41, 2, 0x6B, 0x10, 9,
    0x6A,
    0x0B, 0x0B,
};
/* sel(a, b, k): br_table on k: 0 -> a + b, 1 -> a - b, else select(a, b, a > b) */
static const uint8_t body_sel[] = {
    0,
    0x02, 0x40, 0x02, 0x40, 0x02, 0x40,       /* block block block */
    0x20, 2, 0x0E, 2, 0, 1, 2,                /* br_table 0 1 2 (k) */
    0x0B,
    0x20, 0, 0x20, 1, 0x6A, 0x0F,             /* a + b return */
    0x0B,
    0x20, 0, 0x20, 1, 0x6B, 0x0F,             /* a - b return */
    0x0B,
    0x20, 0, 0x20, 1, 0x20, 0, 0x20, 1, 0x4A, 0x1B, /* select(a, b, a > b) */
    0x0B,
};

/* spin(n): a loop whose only internal instruction is its branch (an add fused into a
 * compare-and-branch that jumps to itself, displacement 0) */
static const uint8_t body_spin[] = {
    1, 1, I32,
    0x03, 0x40,                               /*  0 loop */
    0x20, 1, 0x41, 1, 0x6A, 0x21, 1,          /*  2 i = i + 1 */
    0x20, 1, 0x20, 0, 0x49, 0x0D, 0,          /*  9 br_if 0 (i < n), at 14 */
    0x0B,
    0x20, 1, 0x0B,
};

typedef struct fdef {
    uint8_t type;
    const uint8_t *body;
    size_t len;
    const char *export;
} fdef;

#define F(t, b, e) { t, b, sizeof b, e }
static const fdef funcs[] = {
    F(0, body_add, "add"), F(1, body_fac, "fac"), F(0, body_div, "div"),
    F(0, body_divs, NULL), F(2, body_runaway, "runaway"), F(3, body_sum, "sum"),
    F(2, body_oob, "oob"), F(3, body_callhost, "callhost"), F(3, body_fib, "fib"),
    F(4, body_sel, "sel"), F(3, body_spin, "spin"),
};
#define NFUNCS (sizeof funcs / sizeof funcs[0])

static size_t build(buf *o)
{
    memset(o, 0, sizeof *o);
    put(o, "\0asm\1\0\0\0", 8);
    buf c;
    /* types: 0 (ii)->i  1 (i)->I  2 ()->i  3 (i)->i  4 (iii)->i */
    memset(&c, 0, sizeof c);
    leb(&c, 5);
    put(&c, (uint8_t[]){ 0x60, 2, I32, I32, 1, I32 }, 6);
    put(&c, (uint8_t[]){ 0x60, 1, I32, 1, I64 }, 5);
    put(&c, (uint8_t[]){ 0x60, 0, 1, I32 }, 4);
    put(&c, (uint8_t[]){ 0x60, 1, I32, 1, I32 }, 5);
    put(&c, (uint8_t[]){ 0x60, 3, I32, I32, I32, 1, I32 }, 7);
    section(o, 1, &c);
    memset(&c, 0, sizeof c);
    leb(&c, 1);
    name(&c, "env");
    name(&c, "host");
    u8(&c, 0);
    leb(&c, 3);
    section(o, 2, &c);
    memset(&c, 0, sizeof c);
    leb(&c, NFUNCS);
    for (size_t i = 0; i < NFUNCS; i++)
        leb(&c, funcs[i].type);
    section(o, 3, &c);
    memset(&c, 0, sizeof c);
    put(&c, (uint8_t[]){ 1, 0, 1 }, 3);       /* one memory, min 1 page */
    section(o, 5, &c);
    memset(&c, 0, sizeof c);
    uint32_t nexp = 0;
    for (size_t i = 0; i < NFUNCS; i++)
        nexp += funcs[i].export != NULL;
    leb(&c, nexp);
    for (size_t i = 0; i < NFUNCS; i++) {
        if (!funcs[i].export)
            continue;
        name(&c, funcs[i].export);
        u8(&c, 0);
        leb(&c, (uint32_t)i + 1);
    }
    section(o, 7, &c);
    memset(&c, 0, sizeof c);
    leb(&c, NFUNCS);
    for (size_t i = 0; i < NFUNCS; i++) {
        leb(&c, (uint32_t)funcs[i].len);
        put(&c, funcs[i].body, funcs[i].len);
    }
    section(o, 10, &c);
    return o->n;
}

/* ------------------------------------------------------------ fixture */

typedef struct env {
    buf bytes;
    wd_module *m;
    wd_store *s;
    wd_instance *inst;
    wd_exec *x;
    wd_func *host;
} env;

static int host_calls;
static bool host_checked;
static int host_blocks;   /* arg 77: returns WD_HOST_BLOCKED this many times first */

static int host_fn(wd_exec *x, void *user, uint64_t *args)
{
    (void)user;
    host_calls++;
    uint32_t arg = (uint32_t)args[0];
    /* frames: the host's own, then callhost (function 8) */
    host_checked = false;
    if (wd_exec_frame_count(x) == 2) {
        wd_frame_info f0, f1;
        wd_value l0, l1, st;
        if (wd_exec_frame(x, 0, &f0) && f0.instance == NULL && wd_exec_frame(x, 1, &f1) &&
            f1.instance != NULL && f1.funcidx == 8 && f1.nlocals == 2 &&
            wd_exec_frame_local(x, 1, 0, &l0) && l0.type == WD_I32 && l0.of.i32 == arg &&
            wd_exec_frame_local(x, 1, 1, &l1) && l1.of.i32 == 33 &&
            f1.stack_height == 1 && wd_exec_frame_stack(x, 1, 0, &st) && st.of.i32 == arg &&
            wd_exec_frame_local(x, 0, 0, &l0) && l0.of.i32 == arg &&
            wd_exec_caller_memory(x, 0) != NULL && wd_exec_caller_memory(x, 1) == NULL)
            host_checked = true;
    }
    if (arg == 13) {
        wd_exec_set_trap_message(x, "unlucky");
        return WD_TRAP_HOST;
    }
    if (arg == 99) {
        wd_exec_request_exit(x, 7);
        return WD_HOST_EXIT;
    }
    if (arg == 77 && host_blocks > 0) {
        host_blocks--;
        return WD_HOST_BLOCKED;
    }
    args[0] = arg * 2;
    return 0;
}

static bool resolve(void *user, const wd_import_desc *imp, wd_extern *out)
{
    env *e = user;
    if (imp->kind != WD_EXTERN_FUNC || strcmp(imp->name, "host") != 0)
        return false;
    out->func = e->host;
    return true;
}

static void env_open(env *e)
{
    memset(e, 0, sizeof *e);
    build(&e->bytes);
    wd_error err;
    wd_error_clear(&err);
    e->m = wd_module_load(e->bytes.b, e->bytes.n, NULL, &err);
    if (!e->m)
        fail_msg("load: %s", err.msg);
    e->s = wd_store_new(NULL);
    assert_non_null(e->s);
    wd_valtype p[1] = { WD_I32 }, r[1] = { WD_I32 };
    wd_functype ft = { 1, 1, p, r };
    e->host = wd_func_new_host(e->s, &ft, host_fn, NULL, "host");
    assert_non_null(e->host);
    e->inst = wd_instance_new(e->s, e->m, resolve, e, &err);
    if (!e->inst)
        fail_msg("instantiate: %s", err.msg);
    e->x = wd_store_exec(e->s);
}

static void env_close(env *e)
{
    wd_store_free(e->s);
    wd_module_free(e->m);
}

static wd_func *fn(env *e, const char *nm)
{
    wd_externkind k;
    wd_extern ex;
    assert_true(wd_instance_export(e->inst, nm, &k, &ex));
    assert_int_equal(k, WD_EXTERN_FUNC);
    return ex.func;
}

static wd_value vi32(uint32_t v)
{
    wd_value x;
    memset(&x, 0, sizeof x);
    x.type = WD_I32;
    x.of.i32 = v;
    return x;
}

static uint32_t call_i32(env *e, const char *nm, const wd_value *args, uint32_t n)
{
    wd_value r;
    wd_stop st = wd_exec_call(e->x, fn(e, nm), args, n, &r, 1);
    assert_int_equal(st, WD_STOP_DONE);
    assert_int_equal(r.type, WD_I32);
    return r.of.i32;
}

static uint64_t body_start(env *e, uint32_t funcidx)
{
    uint64_t s, end;
    wd_module_func_range(e->m, funcidx, &s, &end);
    return s;
}

/* ------------------------------------------------------------ tests */

static void run_arith(void)
{
    env e;
    env_open(&e);
    wd_value a[3] = { vi32(40), vi32(2), vi32(0) };
    assert_int_equal(call_i32(&e, "add", a, 2), 42);
    a[0] = vi32(0xFFFFFFFFu);
    a[1] = vi32(1);
    assert_int_equal(call_i32(&e, "add", a, 2), 0);
    wd_value r, n = vi32(20);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "fac"), &n, 1, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.type, WD_I64);
    assert_true(r.of.i64 == 2432902008176640000ull);
    n = vi32(1000);
    assert_int_equal(call_i32(&e, "sum", &n, 1), 499500);
    n = vi32(20);
    assert_int_equal(call_i32(&e, "fib", &n, 1), 6765);
    a[0] = vi32(7);
    a[1] = vi32(3);
    a[2] = vi32(0);
    assert_int_equal(call_i32(&e, "sel", a, 3), 10);
    a[2] = vi32(1);
    assert_int_equal(call_i32(&e, "sel", a, 3), 4);
    a[2] = vi32(2);
    assert_int_equal(call_i32(&e, "sel", a, 3), 7);
    a[2] = vi32(1000);
    a[0] = vi32(1);
    assert_int_equal(call_i32(&e, "sel", a, 3), 3);
    a[0] = vi32(-7);
    a[1] = vi32(2);
    assert_int_equal(call_i32(&e, "div", a, 2), (uint32_t)-3);
    /* a host function called through the API directly */
    n = vi32(21);
    assert_int_equal(wd_exec_call(e.x, e.host, &n, 1, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.of.i32, 42);
    env_close(&e);
}

static void test_arith(void **state)
{
    (void)state;
    run_arith();
}

/* every optimisation off, then each alone: same results */
static void test_opt_flags(void **state)
{
    (void)state;
    uint32_t saved = wd__compile_flags;
    uint32_t sets[] = { 0, WD_OPT_FOLD_LOCALS, WD_OPT_FORWARD_DST, WD_OPT_FUSE_BRANCH,
                        WD_OPT_IMM_OPS, WD_OPT_SUPER, WD_OPT_ALL & ~WD_OPT_SUPER, WD_OPT_ALL };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        wd__compile_flags = sets[i];
        run_arith();
    }
    wd__compile_flags = saved;
}

static void test_bad_args(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value r, a[2] = { vi32(1), vi32(2) };
    assert_int_equal(wd_exec_call(e.x, fn(&e, "add"), a, 1, &r, 1), WD_STOP_TRAP);
    a[1].type = WD_I64;
    assert_int_equal(wd_exec_call(e.x, fn(&e, "add"), a, 2, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_TRAP);
    env_close(&e);
}

static void test_trap_backtrace(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value r, a[2] = { vi32(5), vi32(0) };
    assert_int_equal(wd_exec_call(e.x, fn(&e, "div"), a, 2, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_INT_DIV_ZERO);
    assert_string_equal(wd_exec_trap_message(e.x), "integer divide by zero");
    assert_int_equal(wd_exec_frame_count(e.x), 2);
    wd_frame_info f0, f1;
    assert_true(wd_exec_frame(e.x, 0, &f0));
    assert_true(wd_exec_frame(e.x, 1, &f1));
    assert_int_equal(f0.funcidx, 4);
    assert_int_equal(f1.funcidx, 3);
    uint64_t s4 = body_start(&e, 4), s3 = body_start(&e, 3);
    assert_true(f0.offset == s4 + 4);
    assert_true(f1.offset == s3 + 4);
    assert_int_equal(e.bytes.b[f0.offset], 0x6D);     /* i32.div_s */
    assert_int_equal(e.bytes.b[f1.offset], 0x10);     /* call */
    wd_value l;
    assert_true(wd_exec_frame_local(e.x, 0, 0, &l));
    assert_int_equal(l.of.i32, 5);
    char bt[512], want[512];
    size_t n = wd_exec_backtrace(e.x, bt, sizeof bt);
    snprintf(want, sizeof want, "#0  func[4]+0x4 (offset 0x%llx)\n#1  div+0x4 (offset 0x%llx)\n",
             (unsigned long long)f0.offset, (unsigned long long)f1.offset);
    assert_string_equal(bt, want);
    assert_int_equal(n, strlen(want));
    /* a short buffer is truncated, NUL-terminated */
    char small[8];
    wd_exec_backtrace(e.x, small, sizeof small);
    assert_int_equal(strlen(small), 7);
    /* INT_MIN / -1 */
    a[0] = vi32(0x80000000u);
    a[1] = vi32(-1);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "div"), a, 2, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_INT_OVERFLOW);
    /* out of bounds memory */
    assert_int_equal(wd_exec_call(e.x, fn(&e, "oob"), NULL, 0, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_MEM_OOB);
    assert_string_equal(wd_exec_trap_message(e.x), "out of bounds memory access");
    /* the next call resets the exec */
    assert_int_equal(call_i32(&e, "add", (wd_value[]){ vi32(1), vi32(2) }, 2), 3);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_NONE);
    assert_int_equal(wd_exec_frame_count(e.x), 0);
    env_close(&e);
}

static void test_stack_exhaustion(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value r;
    assert_int_equal(wd_exec_call(e.x, fn(&e, "runaway"), NULL, 0, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_STACK_EXHAUSTED);
    assert_string_equal(wd_exec_trap_message(e.x), "call stack exhausted");
    assert_true(wd_exec_frame_count(e.x) >= 1000);
    /* still usable */
    wd_value n = vi32(10);
    assert_int_equal(call_i32(&e, "fib", &n, 1), 55);
    env_close(&e);

    /* a small slot stack runs out before the frame limit */
    wd_store_options o = { .max_call_depth = 100000, .max_stack_slots = 4096 };
    env_open(&e);
    wd_store *s2 = wd_store_new(&o);
    assert_non_null(s2);
    wd_error err;
    wd_error_clear(&err);
    wd_func *h = e.host;
    (void)h;
    wd_valtype p[1] = { WD_I32 }, rr[1] = { WD_I32 };
    wd_functype ft = { 1, 1, p, rr };
    env e2 = e;
    e2.s = s2;
    e2.host = wd_func_new_host(s2, &ft, host_fn, NULL, "host");
    wd_instance *i2 = wd_instance_new(s2, e.m, resolve, &e2, &err);
    assert_non_null(i2);
    wd_externkind k;
    wd_extern ex;
    assert_true(wd_instance_export(i2, "runaway", &k, &ex));
    assert_int_equal(wd_exec_call(wd_store_exec(s2), ex.func, NULL, 0, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(wd_store_exec(s2)), WD_TRAP_STACK_EXHAUSTED);
    wd_store_free(s2);
    env_close(&e);
}

static void test_host_frames(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value n = vi32(21), r;
    host_calls = 0;
    assert_int_equal(call_i32(&e, "callhost", &n, 1), 42);
    assert_int_equal(host_calls, 1);
    assert_true(host_checked);
    /* a host trap with its own message, and the frames stay */
    n = vi32(13);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "callhost"), &n, 1, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_HOST);
    assert_string_equal(wd_exec_trap_message(e.x), "unlucky");
    assert_int_equal(wd_exec_frame_count(e.x), 2);
    char bt[256];
    wd_exec_backtrace(e.x, bt, sizeof bt);
    assert_non_null(strstr(bt, "#0  host (host)\n#1  callhost+0x6"));
    /* exit */
    n = vi32(99);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "callhost"), &n, 1, &r, 1), WD_STOP_EXIT);
    assert_int_equal(wd_exec_exit_code(e.x), 7);
    env_close(&e);
}

/* ---- probes ---- */

typedef struct probe_log {
    int hits;
    uint64_t last_offset;
    uint16_t last_opcode;
    wd_probe_action action;
    uint32_t remove_global;       /* a global probe id to remove at the 10th hit */
} probe_log;

static wd_probe_action log_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    probe_log *l = user;
    l->hits++;
    l->last_offset = ev->offset;
    l->last_opcode = ev->opcode;
    if (l->remove_global && l->hits == 10) {
        wd_probe_remove_global(x, l->remove_global);
        l->remove_global = 0;
    }
    return l->action;
}

static void test_local_probe(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    uint64_t base = body_start(&e, 6) + 0;
    /* a folded local.get: attaches to the i32.add it feeds */
    uint64_t off = base + 11;
    assert_int_equal(e.bytes.b[off], 0x20);
    probe_log log = { 0 };
    log.action = WD_PROBE_STOP;
    wd_error err;
    wd_error_clear(&err);
    uint32_t id = wd_probe_add_local(e.m, 6, off, log_probe, &log, &err);
    assert_true(id > 0);
    /* not an instruction boundary */
    assert_int_equal(wd_probe_add_local(e.m, 6, base + 12, log_probe, &log, &err), 0);
    wd_value n = vi32(5), r;
    wd_stop st = wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1);
    assert_int_equal(st, WD_STOP_BREAK);
    assert_true(wd_exec_suspended(e.x));
    assert_int_equal(log.hits, 1);
    assert_true(log.last_offset == off);
    assert_int_equal(log.last_opcode, 0x20);
    wd_frame_info fi;
    assert_true(wd_exec_frame(e.x, 0, &fi));
    assert_true(fi.offset == off);
    assert_int_equal(fi.funcidx, 6);
    wd_value l;
    for (uint32_t i = 1; i < 5; i++) {
        assert_true(wd_exec_frame_local(e.x, 0, 1, &l));
        assert_int_equal(l.of.i32, i - 1);
        st = wd_exec_resume(e.x, &r, 1);
        assert_int_equal(st, WD_STOP_BREAK);
        assert_int_equal(log.hits, (int)i + 1);
    }
    /* change a local while stopped: acc += 100 */
    assert_true(wd_exec_frame_local(e.x, 0, 2, &l));
    l.of.i32 += 100;
    assert_true(wd_exec_frame_set_local(e.x, 0, 2, l));
    assert_false(wd_exec_frame_set_local(e.x, 0, 2, (wd_value){ .type = WD_I64 }));
    assert_true(wd_probe_remove_local(e.m, id));
    assert_false(wd_probe_remove_local(e.m, id));
    st = wd_exec_resume(e.x, &r, 1);
    assert_int_equal(st, WD_STOP_DONE);
    assert_int_equal(r.of.i32, 10 + 100);
    assert_false(wd_exec_suspended(e.x));

    /* a continuing probe on a real instruction counts every iteration */
    probe_log log2 = { 0 };
    log2.action = WD_PROBE_CONTINUE;
    id = wd_probe_add_local(e.m, 6, base + 22, log_probe, &log2, &err);   /* i32.add */
    assert_true(id > 0);
    n = vi32(50);
    assert_int_equal(call_i32(&e, "sum", &n, 1), 1225);
    assert_int_equal(log2.hits, 50);
    /* a trapping probe */
    log2.action = WD_PROBE_TRAP;
    assert_int_equal(wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_PROBE);
    assert_true(wd_probe_remove_local(e.m, id));
    assert_int_equal(call_i32(&e, "sum", &n, 1), 1225);
    env_close(&e);
}

static void test_global_probe(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value n = vi32(30), r;
    uint32_t plain = call_i32(&e, "fib", &n, 1);
    probe_log log = { 0 };
    uint32_t id = wd_probe_add_global(e.x, log_probe, &log);
    assert_true(id > 0);
    assert_int_equal(call_i32(&e, "fib", &n, 1), plain);
    int hits = log.hits;
    assert_true(hits > 1000000);
    assert_true(wd_probe_remove_global(e.x, id));
    assert_false(wd_probe_remove_global(e.x, id));
    assert_int_equal(call_i32(&e, "fib", &n, 1), plain);
    assert_int_equal(log.hits, hits);

    /* a probe that removes itself from its callback (single step, then run) */
    probe_log self = { 0 };
    self.remove_global = wd_probe_add_global(e.x, log_probe, &self);
    assert_int_equal(call_i32(&e, "fib", &n, 1), plain);
    assert_int_equal(self.hits, 10);

    /* stepping: stop before every instruction, resume each time */
    probe_log step = { 0 };
    step.action = WD_PROBE_STOP;
    id = wd_probe_add_global(e.x, log_probe, &step);
    n = vi32(3);
    wd_stop st = wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1);
    int stops = 0;
    while (st == WD_STOP_BREAK) {
        wd_frame_info fi;
        assert_true(wd_exec_frame(e.x, 0, &fi));
        assert_true(fi.offset == step.last_offset);
        stops++;
        st = wd_exec_resume(e.x, &r, 1);
    }
    assert_int_equal(st, WD_STOP_DONE);
    assert_int_equal(r.of.i32, 3);
    assert_int_equal(stops, step.hits);
    assert_true(stops > 10);
    wd_probe_remove_global(e.x, id);
    env_close(&e);
}

/* ---- lazy compilation ---- */

static bool compiled(env *e, uint32_t funcidx)
{
    return wd__cfunc_ready(e->m->funcs[funcidx].code);
}

static wd_probe_action interrupt_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    (void)ev;
    (*(int *)user)++;
    wd_exec_interrupt(x);
    return WD_PROBE_CONTINUE;
}

/* Nothing is compiled at load; first calls, probes and stops in functions
 * that never ran behave as if everything had been compiled up front. */
static void test_lazy_compile(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    for (uint32_t i = 1; i <= NFUNCS; i++)
        assert_false(compiled(&e, i));
    /* a call compiles the callee only */
    assert_int_equal(call_i32(&e, "add", (wd_value[]){ vi32(1), vi32(2) }, 2), 3);
    assert_true(compiled(&e, 1));
    assert_false(compiled(&e, 3));
    assert_false(compiled(&e, 4));
    /* a trap in a function compiled on that very call: exact frames */
    wd_value r, a[2] = { vi32(5), vi32(0) };
    assert_int_equal(wd_exec_call(e.x, fn(&e, "div"), a, 2, &r, 1), WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_INT_DIV_ZERO);
    assert_true(compiled(&e, 3) && compiled(&e, 4));
    wd_frame_info f0;
    assert_true(wd_exec_frame(e.x, 0, &f0));
    assert_int_equal(f0.funcidx, 4);
    assert_true(f0.offset == body_start(&e, 4) + 4);
    env_close(&e);

    /* a local probe compiles its function; an interrupt raised just before a
     * call of a function not compiled yet stops at that function's entry */
    env_open(&e);
    wd_error err;
    wd_error_clear(&err);
    uint64_t call_off = body_start(&e, 3) + 4;
    assert_int_equal(e.bytes.b[call_off], 0x10);
    int fired = 0;
    uint32_t id = wd_probe_add_local(e.m, 3, call_off, interrupt_probe, &fired, &err);
    assert_true(id > 0);
    assert_true(compiled(&e, 3));
    assert_false(compiled(&e, 4));
    a[1] = vi32(2);
    wd_stop st = wd_exec_call(e.x, fn(&e, "div"), a, 2, &r, 1);
    assert_int_equal(st, WD_STOP_INTERRUPT);
    assert_int_equal(fired, 1);
    assert_true(compiled(&e, 4));
    assert_int_equal(wd_exec_frame_count(e.x), 2);
    assert_true(wd_exec_frame(e.x, 0, &f0));
    assert_int_equal(f0.funcidx, 4);
    assert_true(f0.offset == body_start(&e, 4));
    wd_value l;
    assert_true(wd_exec_frame_local(e.x, 0, 1, &l));
    assert_int_equal(l.of.i32, 2);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.of.i32, 2);
    assert_true(wd_probe_remove_local(e.m, id));
    env_close(&e);

    /* out of memory compiling on a first call: a trap with the message, the
     * function stays a stub and compiles on the next call */
    env_open(&e);
    id = wd_probe_add_local(e.m, 3, call_off, log_probe, &(probe_log){ 0 }, &err);
    assert_true(id > 0);
    wd__compile_drop_scratch(e.m);   /* else compiling may need no allocation at all */
    wd__alloc_fail_after(0);
    st = wd_exec_call(e.x, fn(&e, "div"), a, 2, &r, 1);
    wd__alloc_fail_after(-1);
    assert_int_equal(st, WD_STOP_TRAP);
    assert_int_equal(wd_exec_trap(e.x), WD_TRAP_HOST);
    assert_non_null(strstr(wd_exec_trap_message(e.x), "out of memory"));
    assert_false(compiled(&e, 4));
    assert_int_equal(wd_exec_frame_count(e.x), 2);
    assert_true(wd_exec_frame(e.x, 0, &f0));
    assert_int_equal(f0.funcidx, 4);
    assert_true(f0.offset == body_start(&e, 4));
    assert_int_equal(call_i32(&e, "div", a, 2), 2);
    assert_true(compiled(&e, 4));
    env_close(&e);

    /* single-stepping into functions that never ran: every stop is at a
     * wasm instruction of a compiled function (never at a stub) */
    env_open(&e);
    probe_log step = { 0 };
    step.action = WD_PROBE_STOP;
    id = wd_probe_add_global(e.x, log_probe, &step);
    wd_value n = vi32(4);
    st = wd_exec_call(e.x, fn(&e, "fib"), &n, 1, &r, 1);
    int stops = 0;
    while (st == WD_STOP_BREAK) {
        wd_frame_info fi;
        assert_true(wd_exec_frame(e.x, 0, &fi));
        assert_true(compiled(&e, fi.funcidx));
        uint64_t s0, s1;
        wd_module_func_range(e.m, fi.funcidx, &s0, &s1);
        assert_true(fi.offset >= s0 && fi.offset < s1);
        assert_true(fi.offset == step.last_offset);
        stops++;
        st = wd_exec_resume(e.x, &r, 1);
    }
    assert_int_equal(st, WD_STOP_DONE);
    assert_int_equal(r.of.i32, 3);
    assert_true(stops > 20);
    wd_probe_remove_global(e.x, id);
    env_close(&e);

    /* a callee whose compiled frame does not fit the stack, on its first
     * call: stack exhausted, with frames that stay readable */
    env_open(&e);
    int exhausted = 0;
    for (uint64_t slots = 2; slots < 12; slots++) {
        wd_store_options o = { .max_stack_slots = slots };
        wd_store *s2 = wd_store_new(&o);
        assert_non_null(s2);
        env e2 = e;
        e2.s = s2;
        wd_valtype p[1] = { WD_I32 }, rr[1] = { WD_I32 };
        wd_functype ft = { 1, 1, p, rr };
        e2.host = wd_func_new_host(s2, &ft, host_fn, NULL, "host");
        e2.inst = wd_instance_new(s2, e.m, resolve, &e2, &err);
        assert_non_null(e2.inst);
        wd_exec *x2 = wd_store_exec(s2);
        a[0] = vi32(9);
        a[1] = vi32(3);
        st = wd_exec_call(x2, fn(&e2, "div"), a, 2, &r, 1);
        if (st == WD_STOP_DONE) {
            assert_int_equal(r.of.i32, 3);
        } else {
            assert_int_equal(st, WD_STOP_TRAP);
            assert_int_equal(wd_exec_trap(x2), WD_TRAP_STACK_EXHAUSTED);
            for (uint32_t d = 0; d < wd_exec_frame_count(x2); d++) {
                wd_frame_info fi;
                assert_true(wd_exec_frame(x2, d, &fi));
                for (uint32_t k = 0; k < fi.nlocals; k++)
                    (void)wd_exec_frame_local(x2, d, k, &l);
            }
            exhausted++;
        }
        wd_store_free(s2);
    }
    assert_true(exhausted > 0 && exhausted < 10);
    env_close(&e);
}

/* ---- budget, interrupts, ticks ---- */

static void test_budget(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value n = vi32(100000), r;
    uint64_t c0 = wd_exec_insn_count(e.x);
    uint32_t plain = call_i32(&e, "sum", &n, 1);
    uint64_t used = wd_exec_insn_count(e.x) - c0;
    assert_true(used >= 100000);
    int stops = 0;
    wd_exec_set_budget(e.x, 10000);
    wd_stop st = wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1);
    while (st == WD_STOP_BUDGET) {
        assert_true(wd_exec_suspended(e.x));
        wd_frame_info fi;
        assert_true(wd_exec_frame(e.x, 0, &fi));
        assert_int_equal(fi.funcidx, 6);
        stops++;
        wd_exec_set_budget(e.x, 10000);
        st = wd_exec_resume(e.x, &r, 1);
    }
    assert_int_equal(st, WD_STOP_DONE);
    assert_int_equal(r.of.i32, plain);
    assert_true(stops >= (int)(used / 10000) - 1);
    wd_exec_set_budget(e.x, 0);
    /* an abandoned call */
    wd_exec_set_budget(e.x, 100);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1), WD_STOP_BUDGET);
    wd_exec_reset(e.x);
    assert_false(wd_exec_suspended(e.x));
    assert_int_equal(wd_exec_frame_count(e.x), 0);
    assert_int_equal(call_i32(&e, "sum", &n, 1), plain);
    env_close(&e);
}

/* A loop of one internal instruction (it branches to itself) is a back-edge like any other:
 * its iterations are counted, a budget stops it, and ticks know its branch. It went
 * uncounted, and nothing (budget, interrupt, Ctrl-C) could stop such a loop. */
static int spin_edges;
static void tick_spin(wd_exec *x, void *user)
{
    uint64_t br = 0, *want = user;
    wd_frame_info fi;
    if (wd_exec_tick_backedge(x, &br) && wd_exec_frame(x, 0, &fi) && br == *want)
        spin_edges++;
}

static void test_spin_loop(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value n = vi32(100000), r;
    uint64_t c0 = wd_exec_insn_count(e.x);
    assert_int_equal(call_i32(&e, "spin", &n, 1), 100000);
    assert_true(wd_exec_insn_count(e.x) - c0 >= 100000);
    wd_exec_set_budget(e.x, 1000);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "spin"), &n, 1, &r, 1), WD_STOP_BUDGET);
    wd_exec_set_budget(e.x, 0);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.of.i32, 100000);
    uint64_t br = body_start(&e, 11) + 14;   /* the br_if the add and compare fold into */
    assert_int_equal(e.bytes.b[br], 0x0D);
    spin_edges = 0;
    wd_exec_set_tick(e.x, 1000, tick_spin, &br);
    assert_int_equal(call_i32(&e, "spin", &n, 1), 100000);
    wd_exec_set_tick(e.x, 0, NULL, NULL);
    assert_true(spin_edges > 50);
    env_close(&e);
}

static int ticks;
static void tick_fn(wd_exec *x, void *user)
{
    (void)x;
    (void)user;
    ticks++;
}

static void tick_interrupt(wd_exec *x, void *user)
{
    (void)user;
    ticks++;
    if (ticks == 3)
        wd_exec_interrupt(x);    /* what a signal handler would do */
}

/* Exact ticks: a tick requested while an instruction runs (here from a local
 * probe, standing in for a timer signal) is taken before the next instruction
 * dispatched, not at the next safepoint (sum's loop header, base + 4). */
static uint64_t tick_offset;
static void tick_where(wd_exec *x, void *user)
{
    (void)user;
    wd_frame_info fi;
    assert_true(wd_exec_frame(x, 0, &fi));
    tick_offset = fi.offset;
    ticks++;
}

static wd_probe_action request_probe(wd_exec *x, const wd_probe_event *ev, void *user)
{
    (void)ev;
    int *left = user;
    if (*left > 0 && (*left)-- == 1)
        wd_exec_request_tick(x);
    return WD_PROBE_CONTINUE;
}

static void test_exact_tick(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    uint64_t base = body_start(&e, 6);
    wd_value n = vi32(50);
    uint32_t plain = call_i32(&e, "sum", &n, 1);
    int left = 3;   /* on the third iteration */
    wd_error err;
    wd_error_clear(&err);
    uint32_t id = wd_probe_add_local(e.m, 6, base + 11, request_probe, &left, &err);
    assert_true(id > 0);
    ticks = 0;
    tick_offset = 0;
    wd_exec_set_tick(e.x, (uint64_t)1 << 40, tick_where, NULL);
    assert_int_equal(call_i32(&e, "sum", &n, 1), plain);
    assert_int_equal(ticks, 1);
#if (defined(__GNUC__) || defined(__clang__)) && !defined(WD_NO_COMPUTED_GOTO)
    /* the probe fires before the instruction at base + 11 runs: that
     * instruction is the next one dispatched */
    assert_true(tick_offset == base + 11);
#else
    assert_true(tick_offset == base + 4);   /* switch dispatch: the safepoint */
#endif
    wd_exec_set_tick(e.x, 0, NULL, NULL);
    assert_true(wd_probe_remove_local(e.m, id));
    env_close(&e);
}

/* A tick where sum's backward branch (br 0, base + 25) ran the counter out
 * knows that branch, while the frame stands at the loop header (base + 4);
 * a tick at the function's entry and an exact tick know of no branch. */
static int edge_ticks, entry_ticks, bad_ticks;
static uint64_t edge_base;
static void tick_edge(wd_exec *x, void *user)
{
    (void)user;
    wd_frame_info fi;
    uint64_t br = 0;
    assert_true(wd_exec_frame(x, 0, &fi));
    if (wd_exec_tick_backedge(x, &br)) {
        if (br == edge_base + 25 && fi.offset == edge_base + 4)
            edge_ticks++;
        else
            bad_ticks++;
    } else {
        entry_ticks++;
    }
}

static void test_tick_backedge(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    edge_base = body_start(&e, 6);
    wd_value n = vi32(1000);
    uint32_t plain = call_i32(&e, "sum", &n, 1);
    edge_ticks = entry_ticks = bad_ticks = 0;
    wd_exec_set_tick(e.x, 97, tick_edge, NULL);
    assert_int_equal(call_i32(&e, "sum", &n, 1), plain);
    assert_true(edge_ticks > 50);
    assert_int_equal(bad_ticks, 0);
    assert_true(entry_ticks <= 1);
    /* outside a tick, and at a requested tick, there is none */
    uint64_t br = 0;
    assert_false(wd_exec_tick_backedge(e.x, &br));
    int left = 3;
    wd_error err;
    wd_error_clear(&err);
    uint32_t id = wd_probe_add_local(e.m, 6, edge_base + 11, request_probe, &left, &err);
    assert_true(id > 0);
    edge_ticks = entry_ticks = bad_ticks = 0;
    wd_exec_set_tick(e.x, (uint64_t)1 << 40, tick_edge, NULL);
    assert_int_equal(call_i32(&e, "sum", &n, 1), plain);
#if (defined(__GNUC__) || defined(__clang__)) && !defined(WD_NO_COMPUTED_GOTO)
    assert_int_equal(entry_ticks, 1);
    assert_int_equal(edge_ticks + bad_ticks, 0);
#endif
    wd_exec_set_tick(e.x, 0, NULL, NULL);
    assert_true(wd_probe_remove_local(e.m, id));
    env_close(&e);
}

static void test_ticks_and_interrupt(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value n = vi32(100000), r;
    uint32_t plain = call_i32(&e, "sum", &n, 1);
    ticks = 0;
    uint64_t c0 = wd_exec_insn_count(e.x);
    wd_exec_set_tick(e.x, 1000, tick_fn, NULL);
    assert_int_equal(call_i32(&e, "sum", &n, 1), plain);
    uint64_t used = wd_exec_insn_count(e.x) - c0;
    print_message("ticks %d used %llu\n", ticks, (unsigned long long)used);
    assert_true(ticks >= (int)(used / 1000) - 2 && ticks <= (int)(used / 1000) + 2);
    /* a requested tick */
    ticks = 0;
    wd_exec_set_tick(e.x, 1u << 30, tick_fn, NULL);
    wd_exec_request_tick(e.x);
    assert_int_equal(call_i32(&e, "sum", &n, 1), plain);
    assert_int_equal(ticks, 1);
    /* interrupt from a callback, then resume */
    ticks = 0;
    wd_exec_set_tick(e.x, 1000, tick_interrupt, NULL);
    wd_stop st = wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1);
    assert_int_equal(st, WD_STOP_INTERRUPT);
    assert_int_equal(ticks, 3);
    wd_exec_set_tick(e.x, 0, NULL, NULL);
    st = wd_exec_resume(e.x, &r, 1);
    assert_int_equal(st, WD_STOP_DONE);
    assert_int_equal(r.of.i32, plain);
    /* an interrupt requested before the call stops at its first safepoint */
    wd_exec_interrupt(e.x);
    assert_int_equal(wd_exec_call(e.x, fn(&e, "sum"), &n, 1, &r, 1), WD_STOP_INTERRUPT);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.of.i32, plain);
    env_close(&e);
}

/* ---- robustness: garbage bodies never crash the host ---- */

static void test_fuzz_bodies(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    int loaded = 0;
    for (int iter = 0; iter < 3000; iter++) {
        buf o;
        build(&o);
        /* flip a few bytes in the code section (the tail of the module) */
        for (int k = 0; k < 1 + (iter & 1); k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = o.n - 1 - (seed >> 8) % 120;
            seed = seed * 1103515245u + 12345u;
            o.b[at] = (uint8_t)(seed >> 16);
        }
        wd_error err;
        wd_module *m = wd_module_load(o.b, o.n, NULL, &err);
        if (!m)
            continue;
        loaded++;
        env e;
        memset(&e, 0, sizeof e);
        e.s = wd_store_new(NULL);
        wd_valtype p[1] = { WD_I32 }, r[1] = { WD_I32 };
        wd_functype ft = { 1, 1, p, r };
        e.host = wd_func_new_host(e.s, &ft, host_fn, NULL, "host");
        wd_instance *inst = wd_instance_new(e.s, m, resolve, &e, &err);
        if (inst) {
            wd_exec *x = wd_store_exec(e.s);
            wd_exec_set_budget(x, 100000);
            for (uint32_t f = 1; f < wd_module_func_count(m); f++) {
                wd_functype t = wd_module_func_type(m, f);
                wd_value args[4], res[4];
                if (t.nparams > 4 || t.nresults > 4)
                    continue;
                for (uint32_t i = 0; i < t.nparams; i++) {
                    memset(&args[i], 0, sizeof args[i]);
                    args[i].type = t.params[i];
                    args[i].of.i64 = i * 3 + 1;
                }
                wd_exec_set_budget(x, 100000);
                wd_exec_call(x, wd_instance_func(inst, f), args, t.nparams, res, t.nresults);
                char bt[256];
                wd_exec_backtrace(x, bt, sizeof bt);
                wd_exec_reset(x);
            }
        }
        wd_store_free(e.s);
        wd_module_free(m);
    }
    print_message("fuzz: %d of 3000 mutants loaded\n", loaded);
    assert_true(loaded > 0);
}

/* A module whose one function `k(n) -> i64` compiles to the
 * superinstructions (float ops with a memory operand and read-modify-write,
 * multiply-add pairs, indexed loads/stores, add+branch back-edges, paired
 * adds, 64-bit immediates); run with and without them: same results, and a
 * trap in a fused load reports the same offset. */
#define F64C(b6, b7) 0x44, 0, 0, 0, 0, 0, 0, b6, b7
static const uint8_t body_super[] = {
    5, 1, I32, 1, 0x7C, 2, I32, 1, 0x7C, 5, I32,     /* i acc | q p | h | q2 j s k m */
    0x41, 8, 0x21, 3,                                /* q = 8 */
    F64C(0xF8, 0x3F), 0x21, 2,                       /* acc = 1.5 */
    F64C(0xE0, 0x3F), 0x21, 5,                       /* h = 0.5 */
    0x41, 1, 0x21, 8,                                /* s = 1 */
    0x03, 0x40,                                      /* loop */
    0x20, 3, 0x20, 1, 0x41, 3, 0x74, 0x6A, 0x21, 4,  /* p = q + (i << 3) */
    0x20, 4, 0x20, 2, 0x20, 4, 0x2B, 3, 0, 0xA0, 0x39, 3, 0,   /* [p] = acc + [p] */
    0x20, 4, 0x2B, 3, 0, 0x20, 2, 0xA1, 0x21, 2,     /* acc = [p] - acc */
    0x20, 4, 0x20, 4, 0x2B, 3, 0, 0x20, 5, 0xA2, 0x39, 3, 0,   /* [p] = [p] * h */
    0x20, 2, 0x20, 5, 0xA2, 0x20, 5, 0xA0, 0x21, 2,  /* acc = acc*h + h */
    0x20, 5, 0x20, 2, 0x20, 5, 0xA2, 0xA1, 0x21, 2,  /* acc = h - acc*h */
    0x20, 5, 0x20, 2, 0x20, 5, 0xA2, 0xA0, 0x21, 2,  /* acc = h + acc*h */
    0x20, 2, 0x20, 5, 0xA2, 0x20, 5, 0xA1, 0x21, 2,  /* acc = acc*h - h */
    0x20, 2, 0x20, 5, 0xA2, 0x20, 5, 0xA2, 0x21, 2,  /* acc = acc*h*h */
    0x20, 6, 0x20, 1, 0x41, 3, 0x74, 0x6A, 0x20, 2, 0x39, 3, 0,   /* [q2 + (i << 3)] = acc */
    0x20, 2, 0x20, 6, 0x20, 1, 0x41, 3, 0x74, 0x6A, 0x2B, 3, 0, 0xA0, 0x21, 2, /* acc += [..] */
    0x20, 3, 0x20, 1, 0x41, 1, 0x6A, 0x6A,           /* [q + (i + 1)] = i64 constant */
    0x42, 0xB3, 0x83, 0x80, 0x80, 0x80, 0x20, 0x37, 3, 0,
    0x20, 1, 0x20, 8, 0x6A, 0x22, 1, 0x20, 0, 0x48, 0x0D, 0,   /* br_if ((i += s) < n) */
    0x0B,
    0x41, 5, 0x21, 7,                                /* j = 5 */
    0x03, 0x40,
    0x20, 2, F64C(0xF0, 0x3F), 0xA0, 0x21, 2,        /* acc += 1.0 */
    0x20, 3, 0x41, 1, 0x6A, 0x21, 3,                 /* q += 1 */
    0x20, 7, 0x41, 0x7F, 0x6A, 0x22, 7, 0x0D, 0,     /* br_if (j -= 1) */
    0x0B,
    0x03, 0x40, 0x20, 9, 0x41, 1, 0x6A, 0x22, 9, 0x20, 0, 0x49, 0x0D, 0, 0x0B,  /* k */
    0x03, 0x40, 0x20, 0, 0x20, 10, 0x41, 2, 0x6A, 0x22, 10, 0x4B, 0x0D, 0, 0x0B, /* m */
    0x20, 2, 0xBD, 0x41, 0, 0x29, 3, 8, 0x85,        /* bits(acc) ^ [8] */
    0x42, 0xB3, 0x83, 0x80, 0x80, 0x80, 0x20, 0x7E,  /* * 0x100000001b3 */
    0x20, 9, 0xAD, 0x85, 0x20, 10, 0xAD, 0x85,       /* ^ k ^ m */
    0x20, 3, 0xAD, 0x85,                             /* ^ q */
    0x0B,
};

static wd_module *load_super(void)
{
    buf o, c;
    memset(&o, 0, sizeof o);
    put(&o, "\0asm\1\0\0\0", 8);
    memset(&c, 0, sizeof c);
    put(&c, (uint8_t[]){ 1, 0x60, 1, I32, 1, I64 }, 6);
    section(&o, 1, &c);
    memset(&c, 0, sizeof c);
    put(&c, (uint8_t[]){ 1, 0 }, 2);
    section(&o, 3, &c);
    memset(&c, 0, sizeof c);
    put(&c, (uint8_t[]){ 1, 0, 1 }, 3);
    section(&o, 5, &c);
    memset(&c, 0, sizeof c);
    leb(&c, 1);
    name(&c, "k");
    u8(&c, 0);
    leb(&c, 0);
    section(&o, 7, &c);
    memset(&c, 0, sizeof c);
    leb(&c, 1);
    leb(&c, (uint32_t)sizeof body_super);
    put(&c, body_super, sizeof body_super);
    section(&o, 10, &c);
    wd_error err;
    wd_module *m = wd_module_load(o.b, o.n, NULL, &err);
    if (!m)
        fail_msg("load: %s", err.msg);
    return m;
}

/* k(n) in a fresh instance: its result, or for a trap ~trap offset */
static uint64_t run_super(uint32_t n)
{
    wd_module *m = load_super();
    wd_error err;
    wd_store *s = wd_store_new(NULL);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    assert_non_null(inst);
    wd_exec *x = wd_store_exec(s);
    wd_value a = vi32(n), r;
    uint64_t out;
    wd_stop st = wd_exec_call(x, wd_instance_func(inst, 0), &a, 1, &r, 1);
    if (st == WD_STOP_DONE) {
        assert_int_equal(r.type, WD_I64);
        out = r.of.i64;
    } else {
        assert_int_equal(st, WD_STOP_TRAP);
        assert_int_equal(wd_exec_trap(x), WD_TRAP_MEM_OOB);
        wd_frame_info fi;
        assert_true(wd_exec_frame(x, 0, &fi));
        out = ~fi.offset;
    }
    wd_store_free(s);
    wd_module_free(m);
    return out;
}

static void test_superinstructions(void **state)
{
    (void)state;
    uint32_t saved = wd__compile_flags;
    static const uint32_t ns[] = { 0, 1, 2, 7, 100, 8191, 20000 };
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        wd__compile_flags = WD_OPT_ALL & ~WD_OPT_SUPER;
        uint64_t plain = run_super(ns[i]);
        wd__compile_flags = 0;
        uint64_t none = run_super(ns[i]);
        wd__compile_flags = WD_OPT_ALL;
        uint64_t fused = run_super(ns[i]);
        assert_true(plain == fused);
        assert_true(none == fused);
    }
    /* n = 20000 traps in the first f64.load of the loop */
    wd__compile_flags = WD_OPT_ALL;
    uint64_t t = ~run_super(20000);
    wd_module *m = load_super();
    uint64_t start, end;
    wd_module_func_range(m, 0, &start, &end);
    wd_module_free(m);
    assert_true(t > start && t < end);
    wd__compile_flags = saved;
}

#if defined(__x86_64__) && defined(__linux__)
static int nop_host(wd_exec *x, void *env, uint64_t *args_results)
{
    (void)x;
    (void)env;
    (void)args_results;
    return 0;
}

static bool resolve_to(void *user, const wd_import_desc *imp, wd_extern *out)
{
    (void)imp;
    out->func = user;
    return true;
}
#endif

/* wd_module_has_native_code tells which functions the JIT compiled, compiling nothing;
 * wd_native_code.data marks a br_table's jump table: inside the body, one int32 per
 * target, each aimed at the code of an instruction. */
static void test_native_code(void **state)
{
    (void)state;
#if defined(__x86_64__) && defined(__linux__)
    static const char wat[] =
        "(module (import \"m\" \"h\" (func $h))"
        " (func $pick (export \"pick\") (param i32) (result i32)"
        "  (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10)))"
        "   (return (i32.const 20))) (i32.const 30))"
        " (func $twice (export \"twice\") (param i32) (result i32)"
        "  (i32.add (call $pick (local.get 0)) (call $pick (local.get 0))))"
        " (func $never (export \"never\") (result i32) (i32.const 1)))";
    wd_error err;
    wd_error_clear(&err);
    uint8_t *bin;
    size_t nbin;
    assert_true(wd_wat_to_wasm(wat, sizeof wat - 1, NULL, &bin, &nbin, &err));
    /* eager: native code at the first call (WD_TIER_JIT waits for a second one) */
    wd_load_options lo = { .tier = WD_TIER_JIT_EAGER };
    wd_module *m = wd_module_load(bin, nbin, &lo, &err);
    assert_non_null(m);
    wd_module *mi = wd_module_load(bin, nbin, NULL, &err);   /* the interpreter's */
    assert_non_null(mi);
    free(bin);
    for (uint32_t i = 0; i < 5; i++)
        assert_false(wd_module_has_native_code(m, i));   /* 0 import, 4 out of range */

    /* a call compiles twice and pick, not never */
    wd_store *s = wd_store_new(NULL);
    wd_func *host = wd_func_new_host(s, &(wd_functype){ 0, 0, NULL, NULL }, nop_host, NULL, "h");
    wd_instance *inst = wd_instance_new(s, m, resolve_to, host, &err);
    assert_non_null(inst);
    wd_externkind k;
    wd_extern ex;
    assert_true(wd_instance_export(inst, "twice", &k, &ex));
    wd_value arg = vi32(1), r;
    assert_int_equal(wd_exec_call(wd_store_exec(s), ex.func, &arg, 1, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.of.i32, 40);
    assert_true(wd_module_has_native_code(m, 1));
    assert_true(wd_module_has_native_code(m, 2));
    assert_false(wd_module_has_native_code(m, 3));
    wd_native_code nc;
    assert_true(wd_module_native_code(m, 1, &nc, &err));
    assert_int_equal(nc.ndata, 1);
    const wd_native_range *t = &nc.data[0];
    assert_int_equal(t->size, 3 * 4);
    assert_true(t->off >= nc.body_off && t->off + t->size <= nc.body_end);
    for (uint32_t k = 0; k < 3; k++) {
        int32_t rel;
        memcpy(&rel, nc.code + t->off + 4 * k, 4);
        uint32_t to = t->off + (uint32_t)rel;
        bool at_insn = false;
        for (uint32_t l = 0; l < nc.nlines; l++)
            at_insn |= nc.lines[l].native_off == to;
        assert_true(at_insn);
        assert_true(to >= t->off + t->size && to < nc.body_end);
    }
    wd_native_code_free(&nc);
    assert_null(nc.data);
    /* no tables, no data; never compiled by being asked */
    assert_true(wd_module_native_code(m, 3, &nc, &err));
    assert_int_equal(nc.ndata, 0);
    wd_native_code_free(&nc);
    assert_true(wd_module_has_native_code(m, 3));

    /* a local probe puts its function back in the interpreter */
    uint64_t bs, be;
    wd_module_func_range(m, 1, &bs, &be);
    uint32_t id = wd_probe_add_local(m, 1, bs, log_probe, &(probe_log){ 0 }, &err);
    assert_true(id > 0);
    assert_false(wd_module_has_native_code(m, 1));
    assert_true(wd_probe_remove_local(m, id));

    /* the interpreter's module has none, even once compiled */
    wd_module_func_range(mi, 1, &bs, &be);
    id = wd_probe_add_local(mi, 1, bs, log_probe, &(probe_log){ 0 }, &err);
    assert_true(id > 0 && wd_probe_remove_local(mi, id));
    assert_false(wd_module_has_native_code(mi, 1));
    wd_store_free(s);
    wd_module_free(mi);
    wd_module_free(m);
#endif
}

/* A host call that would wait: the exec stops at the call and makes it again on resume. */
static void test_host_blocked(void **state)
{
    (void)state;
    env e;
    env_open(&e);
    wd_value n = vi32(77), r;
    host_calls = 0;
    host_blocks = 2;
    assert_int_equal(wd_exec_call(e.x, fn(&e, "callhost"), &n, 1, &r, 1), WD_STOP_BLOCKED);
    assert_true(wd_exec_suspended(e.x));
    /* the host frame is gone; the caller sits at its call instruction, its stack intact */
    assert_int_equal(wd_exec_frame_count(e.x), 1);
    wd_frame_info fi;
    assert_true(wd_exec_frame(e.x, 0, &fi));
    assert_int_equal(fi.funcidx, 8);
    assert_int_equal(e.bytes.b[fi.offset], 0x10);
    wd_value v;
    assert_true(wd_exec_frame_local(e.x, 0, 1, &v));
    assert_int_equal(v.of.i32, 33);
    /* a probe on the call: it fires when the call is first made, not on each retry */
    probe_log log = { 0 };
    log.action = WD_PROBE_CONTINUE;
    wd_error err;
    wd_error_clear(&err);
    assert_true(wd_probe_add_local(e.m, 8, fi.offset, log_probe, &log, &err) > 0);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_BLOCKED);
    assert_int_equal(log.hits, 0);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_DONE);
    assert_int_equal(r.of.i32, 154);
    assert_int_equal(host_calls, 3);
    assert_int_equal(log.hits, 0);
    host_blocks = 1;
    assert_int_equal(wd_exec_call(e.x, fn(&e, "callhost"), &n, 1, &r, 1), WD_STOP_BLOCKED);
    assert_int_equal(log.hits, 1);
    assert_int_equal(wd_exec_resume(e.x, &r, 1), WD_STOP_DONE);
    assert_int_equal(log.hits, 1);
    assert_int_equal(r.of.i32, 154);
    /* an entry host function has no caller to come back to: that traps */
    host_blocks = 1;
    assert_int_equal(wd_exec_call(e.x, e.host, &n, 1, &r, 1), WD_STOP_TRAP);
    assert_string_equal(wd_exec_trap_message(e.x), "host function would block");
    host_blocks = 0;
    env_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arith),
        cmocka_unit_test(test_opt_flags),
        cmocka_unit_test(test_bad_args),
        cmocka_unit_test(test_trap_backtrace),
        cmocka_unit_test(test_stack_exhaustion),
        cmocka_unit_test(test_host_frames),
        cmocka_unit_test(test_local_probe),
        cmocka_unit_test(test_global_probe),
        cmocka_unit_test(test_lazy_compile),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_ticks_and_interrupt),
        cmocka_unit_test(test_exact_tick),
        cmocka_unit_test(test_tick_backedge),
        cmocka_unit_test(test_spin_loop),
        cmocka_unit_test(test_fuzz_bodies),
        cmocka_unit_test(test_superinstructions),
        cmocka_unit_test(test_host_blocked),
        cmocka_unit_test(test_native_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
