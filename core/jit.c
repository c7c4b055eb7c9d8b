/* jit.c: the x86-64 JIT tier (see jit.h for how it meets the interpreter).
 *
 * A baseline compiler over slot code: one native sequence per internal
 * instruction, operands read from and results written to the frame's slots
 * (so frames look the same to every inspector whichever tier ran them).
 * Integer and float arithmetic, compares, branches, loads and stores of
 * memory 0, globals and calls between JIT-compiled functions are written
 * out inline; other fixed-signature instructions (SIMD, conversions, the
 * trapping ones) call jit_step, which runs that one instruction with the
 * interpreter's own templates (optmpl.h); the rest leaves for the
 * interpreter (WD_JIT_RESUME).
 *
 * Registers while native code runs:
 *   rbx  fp (the frame's slots)          r12  base of memory 0
 *   r13  size of memory 0 in bytes       r14  the run's jctx
 *   r15  the exec (budget, nframes)      rbp  the instance's globals
 * and rsp = 0 mod 16 in every function body. The trampoline saves the C
 * callee-saved registers once; a native call pushes rbx and calls the
 * callee's call entry, which checks the stacks, pushes the frame record,
 * zeroes the locals and takes the entry safepoint. Leaving (a cold stub per
 * exit point) stores the slot-code position to go on from and restores the
 * trampoline's rsp, which drops every native frame at once.
 */
#define _GNU_SOURCE 1   /* memfd_create */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "module.h"
#include "optmpl.h"

#if defined(__x86_64__) && defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define WD_JIT_X64 1
#else
#define WD_JIT_X64 0
#endif

wd_word wd__jit_orig(const wd_cfunc *cf, uint32_t pos)
{
    const wd_jitfn *j = cf->jit;
    if (j)
        for (uint32_t i = 0; i < j->npatch; i++)
            if (j->patch[i].pos == pos)
                return j->patch[i].orig;
    return cf->code[pos] == WD_C_JIT ? WD_C_UNREACHABLE : cf->code[pos];
}

void wd__jit_drop(wd_cfunc *cf)
{
    wd_jitfn *j = cf->jit;
    if (!j || !j->live)
        return;
    for (uint32_t i = 0; i < j->npatch; i++)
        if (cf->code[j->patch[i].pos] == WD_C_JIT)
            cf->code[j->patch[i].pos] = j->patch[i].orig;
    cf->jit_call = NULL;
    j->live = false;
}

void wd__jit_restore(wd_cfunc *cf)
{
    wd_jitfn *j = cf->jit;
    if (!j || j->live || j->failed)
        return;
    for (uint32_t i = 0; i < j->npatch; i++)
        if (cf->code[j->patch[i].pos] == j->patch[i].orig)
            cf->code[j->patch[i].pos] = WD_C_JIT;
    j->live = true;
    cf->jit_call = j->code;
}

/* Native code of a module's functions is packed into pools: a memfd mapped twice, once
 * writable (where the JIT writes) and once executable (where it runs), so no page is
 * ever both and no function costs a page and two system calls of its own. */
typedef struct wd_jitpool {
    uint8_t *rw, *rx;
    size_t size, used;
    struct wd_jitpool *next;
} wd_jitpool;

void wd__jit_free(wd_module *m)
{
    wd_jitfn *j = m->jit_all;
    while (j) {
        wd_jitfn *n = j->next;
        free(j->noff);
        free(j->start);
        free(j->exits);
        free(j->patch);
        free(j->tables);
        free(j);
        j = n;
    }
    m->jit_all = NULL;
    wd_jitpool *p = m->jit_pool;
    while (p) {
        wd_jitpool *n = p->next;
#if WD_JIT_X64
        munmap(p->rw, p->size);
        munmap(p->rx, p->size);
#endif
        free(p);
        p = n;
    }
    m->jit_pool = NULL;
}

void wd_native_code_free(wd_native_code *nc)
{
    if (!nc)
        return;
    free(nc->lines);
    free(nc->data);
    memset(nc, 0, sizeof *nc);
}

static bool make_native(wd_cfunc *cf);

bool wd_module_has_native_code(const wd_module *m, uint32_t funcidx)
{
    if (!m || funcidx >= m->nfuncs || funcidx < m->nfunc_imports)
        return false;
    const wd_cfunc *cf = m->funcs[funcidx].code;
    return cf && cf->jit && cf->jit->live && cf->jit->code;
}

bool wd_module_native_code(wd_module *m, uint32_t funcidx, wd_native_code *out, wd_error *err)
{
    memset(out, 0, sizeof *out);
    if (!m || funcidx >= m->nfuncs || funcidx < m->nfunc_imports) {
        wd__error_set(err, WD_ERR_ARG, m ? m->name : "", WD_NO_OFFSET,
                      "function %u has no code of its own", funcidx);
        return false;
    }
    if (m->tier == WD_TIER_INTERP) {
        wd__error_set(err, WD_ERR_ARG, m->name, WD_NO_OFFSET,
                      "the module was loaded for the interpreter, not the JIT tier");
        return false;
    }
    if (!wd__compile_func(m, funcidx, err))
        return false;
    wd_cfunc *cf = m->funcs[funcidx].code;
    const wd_jitfn *j = cf->jit;
    if (j && j->live && !j->code)
        make_native(cf);
    if (!j || !j->live || !j->code) {
        const char *why = !WD_JIT_X64 ? "there is no JIT tier on this machine"
                          : j && j->failed ? "the JIT could not compile it: it runs in the interpreter"
                          : !j ? "the JIT could not prepare it: it runs in the interpreter"
                          : "it runs in the interpreter (it has a breakpoint or probe)";
        wd__error_set(err, WD_ERR_ARG, m->name, m->funcs[funcidx].body_offset, "function %u: %s",
                      funcidx, why);
        return false;
    }
    if (!wd__side_ensure(cf)) {
        wd__error_set(err, WD_ERR_NOMEM, m->name, WD_NO_OFFSET, "out of memory");
        return false;
    }
    out->lines = malloc((j->nstart ? j->nstart : 1) * sizeof *out->lines);
    out->data = malloc((j->ntables ? j->ntables : 1) * sizeof *out->data);
    if (!out->lines || !out->data) {
        wd_native_code_free(out);
        wd__error_set(err, WD_ERR_NOMEM, m->name, WD_NO_OFFSET, "out of memory");
        return false;
    }
    for (uint32_t i = 0; i < j->nstart; i++) {
        const wd_side *sd = wd__side_at(cf, j->start[i].pos);
        wd_native_line *l = &out->lines[out->nlines++];
        l->native_off = j->start[i].noff;
        l->wasm_offset = sd ? sd->work : m->funcs[funcidx].body_offset;
    }
    if (j->ntables)
        memcpy(out->data, j->tables, j->ntables * sizeof *out->data);
    out->ndata = j->ntables;
    out->code = j->code;
    out->size = j->size;
    out->body_off = out->nlines ? out->lines[0].native_off : 0;
    out->body_end = j->body_end;
    return true;
}

#if WD_JIT_X64

/* ------------------------------------------------------------ run context */

typedef struct jctx {
    wd_exec *x;
    wd_xframe *fr;            /* the top frame record */
    wd_xframe *flimit;
    uint64_t *stack_end;
    wd_memory *mem0;
    uint64_t saved_rsp;       /* the trampoline's, for leaving */
    uint64_t rsp_limit;       /* native recursion stops here (then the interpreter) */
    wd_instance *inst;
    uint32_t exit_k;          /* which exit of the innermost function's (its exits[]) */
    const wd_word *step_ip;   /* the instruction jit_step runs, while it runs (samples) */
} jctx;

#define CX(f) ((int32_t)offsetof(jctx, f))
#define XO(f) ((int32_t)offsetof(wd_exec, f))
#define FO(f) ((int32_t)offsetof(wd_xframe, f))

/* native recursion allowed per entry from the interpreter */
#define NATIVE_STACK (256 * 1024)

/* ------------------------------------------------------------ emitter */

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
enum { CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A, CC_S, CC_NS, CC_P, CC_NP,
       CC_L, CC_GE, CC_LE, CC_G };

typedef struct jfix { uint32_t at; uint32_t target; uint8_t kind; uint32_t base; } jfix;
enum { FX_REL = 0, FX_TABLE = 1 };
typedef struct jstub { uint32_t at; uint32_t pos; uint8_t reason, backedge; } jstub;

typedef struct jb {
    uint8_t *p;
    size_t n, cap;
    bool oom;
    jfix *fix;
    uint32_t nfix, capfix;
    jstub *stub;
    uint32_t nstub, capstub;
    uint32_t *failfix;        /* jumps to the call entry's "cannot call" return */
    uint32_t nfail, capfail;
    wd_native_range *tab;     /* jump tables written (wd_jitfn.tables) */
    uint32_t ntab, captab;
} jb;

static void grow(jb *b, size_t k)
{
    if (b->n + k <= b->cap)
        return;
    size_t nc = b->cap ? b->cap * 2 : 4096;
    while (nc < b->n + k)
        nc *= 2;
    uint8_t *np = realloc(b->p, nc);
    if (!np) {
        b->oom = true;
        b->n = 0;
        return;
    }
    b->p = np;
    b->cap = nc;
}
static void b1(jb *b, uint32_t v)
{
    grow(b, 1);
    if (!b->oom)
        b->p[b->n++] = (uint8_t)v;
}
static void b4(jb *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b1(b, v >> (8 * i));
}
static void b8(jb *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        b1(b, (uint32_t)(v >> (8 * i)));
}
static void put4(jb *b, uint32_t at, uint32_t v)
{
    if (!b->oom)
        memcpy(b->p + at, &v, 4);
}

#define PUSHV(arr, n, cap, v) do { \
        if ((n) == (cap)) { \
            uint32_t nc_ = (cap) ? (cap) * 2 : 64; \
            void *np_ = realloc((arr), nc_ * sizeof *(arr)); \
            if (!np_) { b->oom = true; break; } \
            (arr) = np_; (cap) = nc_; \
        } \
        (arr)[(n)++] = (v); \
    } while (0)

/* One instruction: [prefix] [REX] opcode modrm [sib] [disp]. rm is a
 * register when isreg, else the memory operand [base + index + disp]
 * (index < 0: none). */
static void op_(jb *b, int pfx, int w, const uint8_t *opc, int n, int reg, bool isreg, int base,
                int index, int32_t disp)
{
    if (pfx)
        b1(b, (uint32_t)pfx);
    uint32_t rex = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((index >= 0 && (index & 8)) ? 2 : 0) |
                   ((base & 8) ? 1 : 0);
    if (rex != 0x40)
        b1(b, rex);
    for (int i = 0; i < n; i++)
        b1(b, opc[i]);
    if (isreg) {
        b1(b, 0xC0u | (uint32_t)(reg & 7) << 3 | (uint32_t)(base & 7));
        return;
    }
    int rm = base & 7;
    bool sib = index >= 0 || rm == 4;
    int mod = (disp == 0 && rm != 5) ? 0 : (disp >= -128 && disp <= 127) ? 1 : 2;
    b1(b, (uint32_t)(mod << 6) | (uint32_t)(reg & 7) << 3 | (uint32_t)(sib ? 4 : rm));
    if (sib)
        b1(b, (uint32_t)((index >= 0 ? index & 7 : 4) << 3) | (uint32_t)rm);
    if (mod == 1)
        b1(b, (uint32_t)(uint8_t)(int8_t)disp);
    else if (mod == 2)
        b4(b, (uint32_t)disp);
}
#define OPC(...) (const uint8_t[]){__VA_ARGS__}, (int)sizeof((const uint8_t[]){__VA_ARGS__})
/* reg, [base + disp] */
#define RM(b, pfx, w, reg, base, disp, ...) op_(b, pfx, w, OPC(__VA_ARGS__), reg, false, base, -1, disp)
/* reg, [base + index + disp] */
#define RX(b, pfx, w, reg, base, index, disp, ...) op_(b, pfx, w, OPC(__VA_ARGS__), reg, false, base, index, disp)
/* reg, rm (both registers) */
#define RR(b, pfx, w, reg, rm, ...) op_(b, pfx, w, OPC(__VA_ARGS__), reg, true, rm, -1, 0)

static int32_t sd(uint32_t slot) { return (int32_t)(slot * 8u); }

static void ld64(jb *b, int r, uint32_t slot) { RM(b, 0, 1, r, RBX, sd(slot), 0x8B); }
static void ld32(jb *b, int r, uint32_t slot) { RM(b, 0, 0, r, RBX, sd(slot), 0x8B); }
static void st64(jb *b, uint32_t slot, int r) { RM(b, 0, 1, r, RBX, sd(slot), 0x89); }
static void ldr(jb *b, int w, int r, uint32_t slot) { if (w) ld64(b, r, slot); else ld32(b, r, slot); }

static void movi(jb *b, int r, uint64_t v)
{
    if (v <= 0xFFFFFFFFu) {
        if (r & 8)
            b1(b, 0x41);
        b1(b, 0xB8u + (uint32_t)(r & 7));
        b4(b, (uint32_t)v);
    } else if ((int64_t)v >= INT32_MIN && (int64_t)v < 0) {
        op_(b, 0, 1, OPC(0xC7), 0, true, r, -1, 0);   /* mov r64, simm32 */
        b4(b, (uint32_t)v);
    } else {
        b1(b, 0x48u | ((r & 8) ? 1 : 0));
        b1(b, 0xB8u + (uint32_t)(r & 7));
        b8(b, v);
    }
}
static void movr(jb *b, int w, int dst, int src) { RR(b, 0, w, src, dst, 0x89); }

static uint32_t jcc32(jb *b, int cc)
{
    b1(b, 0x0F);
    b1(b, 0x80u + (uint32_t)cc);
    uint32_t at = (uint32_t)b->n;
    b4(b, 0);
    return at;
}
static uint32_t jmp32(jb *b)
{
    b1(b, 0xE9);
    uint32_t at = (uint32_t)b->n;
    b4(b, 0);
    return at;
}
static void patch_here(jb *b, uint32_t at) { put4(b, at, (uint32_t)(b->n - (at + 4))); }
static void patch_to(jb *b, uint32_t at, uint32_t to) { put4(b, at, (uint32_t)(to - (at + 4))); }

static void call_abs(jb *b, const void *fn)
{
    movi(b, RAX, (uint64_t)(uintptr_t)fn);
    RR(b, 0, 0, 2, RAX, 0xFF);
}

/* ------------------------------------------------------------ compiling */

typedef struct jc {
    jb b;
    const wd_cfunc *cf;
    const wd_word *code;
    uint32_t *noff;
    /* Which slot rax / xmm0 still hold when an instruction starts: the one the
     * previous instruction ended by storing (never at a branch target or entry
     * point). Only an instruction's first load may use it (lda, fla). */
    uint8_t *tgt;
    uint32_t in_rax, out_rax, in_x0, out_x0;
} jc;
#define NOSLOT UINT32_MAX

/* The opcode at pos, through the function's own WD_C_JIT patches. */
static wd_word op_at(const wd_cfunc *cf, uint32_t pos)
{
    wd_word op = cf->code[pos];
    return op == WD_C_JIT ? wd__jit_orig(cf, pos) : op;
}


static void stub(jc *c, uint32_t at, uint32_t pos, int reason, int backedge)
{
    jb *b = &c->b;
    jstub s = { at, pos, (uint8_t)reason, (uint8_t)backedge };
    PUSHV(b->stub, b->nstub, b->capstub, s);
}
/* leave for the interpreter at pos when cc holds */
static void exit_if(jc *c, int cc, uint32_t pos) { stub(c, jcc32(&c->b, cc), pos, WD_JIT_RESUME, 0); }
static void jit_log(const jc *c, uint32_t pos, const char *how);
static void exit_now(jc *c, uint32_t pos)
{
    jit_log(c, pos, "interpreter");
    stub(c, jmp32(&c->b), pos, WD_JIT_RESUME, 0);
}

static void budget(jc *c, uint32_t weight, uint32_t stop_pos, int backedge)
{
    jb *b = &c->b;
    if (!weight)
        return;
    /* sub qword [r15 + budget], weight; jle slow */
    RM(b, 0, 1, 5, R15, XO(budget), 0x81);
    b4(b, weight);
    stub(c, jcc32(b, CC_LE), stop_pos, WD_JIT_SLOW, backedge);
}

/* a jump to slot position target from the instruction at pos, taken when
 * cc holds (cc < 0: always); a backward one is a loop's back-edge: it
 * subtracts the loop's weight and may stop at the header */
static void branch(jc *c, int cc, uint32_t pos, uint32_t target)
{
    jb *b = &c->b;
    if (target > pos) {
        uint32_t at = cc < 0 ? jmp32(b) : jcc32(b, cc);
        jfix f = { at, target, FX_REL, 0 };
        PUSHV(b->fix, b->nfix, b->capfix, f);
        return;
    }
    uint32_t skip = cc < 0 ? UINT32_MAX : jcc32(b, cc ^ 1);
    budget(c, c->code[target - 1], target, 1);
    uint32_t at = jmp32(b);
    patch_to(b, at, c->noff[target]);
    if (skip != UINT32_MAX)
        patch_here(b, skip);
}

static int int_cmp(uint32_t op, int *w)
{
    *w = 0;
    switch (op) {
    case WD_OP_I32_EQ: return CC_E;
    case WD_OP_I32_NE: return CC_NE;
    case WD_OP_I32_LT_S: return CC_L;
    case WD_OP_I32_LT_U: return CC_B;
    case WD_OP_I32_GT_S: return CC_G;
    case WD_OP_I32_GT_U: return CC_A;
    case WD_OP_I32_LE_S: return CC_LE;
    case WD_OP_I32_LE_U: return CC_BE;
    case WD_OP_I32_GE_S: return CC_GE;
    case WD_OP_I32_GE_U: return CC_AE;
    default: break;
    }
    *w = 1;
    switch (op) {
    case WD_OP_I64_EQ: return CC_E;
    case WD_OP_I64_NE: return CC_NE;
    case WD_OP_I64_LT_S: return CC_L;
    case WD_OP_I64_LT_U: return CC_B;
    case WD_OP_I64_GT_S: return CC_G;
    case WD_OP_I64_GT_U: return CC_A;
    case WD_OP_I64_LE_S: return CC_LE;
    case WD_OP_I64_LE_U: return CC_BE;
    case WD_OP_I64_GE_S: return CC_GE;
    case WD_OP_I64_GE_U: return CC_AE;
    default: return -1;
    }
}

enum { A_ADD, A_OR, A_AND, A_SUB, A_XOR, A_MUL, A_SHL, A_SHRS, A_SHRU, A_ROTL, A_ROTR };
static int int_alu(uint32_t op, int *w)
{
    *w = 0;
    switch (op) {
    case WD_OP_I32_ADD: return A_ADD;
    case WD_OP_I32_SUB: return A_SUB;
    case WD_OP_I32_MUL: return A_MUL;
    case WD_OP_I32_AND: return A_AND;
    case WD_OP_I32_OR: return A_OR;
    case WD_OP_I32_XOR: return A_XOR;
    case WD_OP_I32_SHL: return A_SHL;
    case WD_OP_I32_SHR_S: return A_SHRS;
    case WD_OP_I32_SHR_U: return A_SHRU;
    case WD_OP_I32_ROTL: return A_ROTL;
    case WD_OP_I32_ROTR: return A_ROTR;
    default: break;
    }
    *w = 1;
    switch (op) {
    case WD_OP_I64_ADD: return A_ADD;
    case WD_OP_I64_SUB: return A_SUB;
    case WD_OP_I64_MUL: return A_MUL;
    case WD_OP_I64_AND: return A_AND;
    case WD_OP_I64_OR: return A_OR;
    case WD_OP_I64_XOR: return A_XOR;
    case WD_OP_I64_SHL: return A_SHL;
    case WD_OP_I64_SHR_S: return A_SHRS;
    case WD_OP_I64_SHR_U: return A_SHRU;
    case WD_OP_I64_ROTL: return A_ROTL;
    case WD_OP_I64_ROTR: return A_ROTR;
    default: return -1;
    }
}

/* The first load of an instruction: rax = slot, unless rax holds it already. */
static void lda(jc *c, int w, uint32_t slot)
{
    if (c->in_rax != slot)
        ldr(&c->b, w, RAX, slot);
    c->in_rax = NOSLOT;
}

/* x86 group numbers: ALU (81 /n, and op = n*8+1 for r/m, reg) and shifts */
static const int alu_ext[] = { [A_ADD] = 0, [A_OR] = 1, [A_AND] = 4, [A_SUB] = 5, [A_XOR] = 6 };
static const int sh_ext[] = { [A_SHL] = 4, [A_SHRS] = 7, [A_SHRU] = 5, [A_ROTL] = 0, [A_ROTR] = 1 };

/* Operand b of a binary op: a slot, or a constant. */
typedef struct bsrc { bool imm; uint32_t slot; uint64_t k; bool inrcx; } bsrc;

/* rax = op(rax, b); w: 64-bit */
static void alu(jc *c, int kind, int w, bsrc s)
{
    jb *b = &c->b;
    bool k32 = s.imm && (w ? ((int64_t)s.k >= INT32_MIN && (int64_t)s.k <= INT32_MAX) : true);
    if (kind >= A_SHL) {
        if (s.imm) {
            RR(b, 0, w, sh_ext[kind], RAX, 0xC1);
            b1(b, (uint32_t)(s.k & (w ? 63 : 31)));
        } else {
            if (!s.inrcx)
                ld32(b, RCX, s.slot);
            RR(b, 0, w, sh_ext[kind], RAX, 0xD3);
        }
        return;
    }
    if (s.imm && !k32) {
        movi(b, RCX, s.k);
        s.imm = false;
        s.slot = UINT32_MAX;
    } else if (!s.imm && !s.inrcx) {
        ldr(b, w, RCX, s.slot);
    }
    if (kind == A_MUL) {
        if (s.imm) {
            RR(b, 0, w, RAX, RAX, 0x69);
            b4(b, (uint32_t)s.k);
        } else {
            RR(b, 0, w, RAX, RCX, 0x0F, 0xAF);
        }
        return;
    }
    if (s.imm) {
        RR(b, 0, w, alu_ext[kind], RAX, 0x81);
        b4(b, (uint32_t)s.k);
    } else {
        RR(b, 0, w, RCX, RAX, (uint8_t)(alu_ext[kind] * 8 + 1));
    }
}
/* flags = cmp(rax, b) */
static void cmp(jc *c, int w, bsrc s)
{
    jb *b = &c->b;
    if (s.imm && (!w || ((int64_t)s.k >= INT32_MIN && (int64_t)s.k <= INT32_MAX))) {
        RR(b, 0, w, 7, RAX, 0x81);
        b4(b, (uint32_t)s.k);
        return;
    }
    if (s.imm)
        movi(b, RCX, s.k);
    else if (!s.inrcx)
        ldr(b, w, RCX, s.slot);
    RR(b, 0, w, RCX, RAX, 0x39);
}
static void setcc_store(jc *c, int cc, uint32_t d)
{
    jb *b = &c->b;
    RR(b, 0, 0, 0, RAX, 0x0F, (uint8_t)(0x90 + cc));
    RR(b, 0, 0, RAX, RAX, 0x0F, 0xB6);
    st64(b, d, RAX);
}

/* rax = fp[a], and rcx = fp[b] when rax holds b from the instruction before (then
 * s->inrcx): a copy instead of a reload, off the store-to-load path */
static void ld_ab(jc *c, int w, uint32_t a, bsrc *s)
{
    if (!s->imm && c->in_rax == s->slot && s->slot != a) {
        movr(&c->b, 1, RCX, RAX);
        s->inrcx = true;
        c->in_rax = NOSLOT;
        ldr(&c->b, w, RAX, a);
        return;
    }
    lda(c, w, a);
}

/* integer binary op or compare: fp[d] = op(fp[a], b); false if not one */
static bool ibin(jc *c, uint32_t op, uint32_t d, uint32_t a, bsrc s)
{
    int w, cc = int_cmp(op, &w);
    if (cc >= 0) {
        ld_ab(c, w, a, &s);
        cmp(c, w, s);
        setcc_store(c, cc, d);
        c->out_rax = d;
        return true;
    }
    int kind = int_alu(op, &w);
    if (kind < 0)
        return false;
    ld_ab(c, w, a, &s);
    alu(c, kind, w, s);
    st64(&c->b, d, RAX);
    c->out_rax = d;
    return true;
}

/* ---- floats: xmm0 = a, xmm1 = b */
enum { F_ADD, F_SUB, F_MUL, F_DIV, F_EQ, F_NE, F_LT, F_GT, F_LE, F_GE };
static int float_op(uint32_t op, int *dbl)
{
    *dbl = 1;
    switch (op) {
    case WD_OP_F64_ADD: return F_ADD;
    case WD_OP_F64_SUB: return F_SUB;
    case WD_OP_F64_MUL: return F_MUL;
    case WD_OP_F64_DIV: return F_DIV;
    case WD_OP_F64_EQ: return F_EQ;
    case WD_OP_F64_NE: return F_NE;
    case WD_OP_F64_LT: return F_LT;
    case WD_OP_F64_GT: return F_GT;
    case WD_OP_F64_LE: return F_LE;
    case WD_OP_F64_GE: return F_GE;
    default: break;
    }
    *dbl = 0;
    switch (op) {
    case WD_OP_F32_ADD: return F_ADD;
    case WD_OP_F32_SUB: return F_SUB;
    case WD_OP_F32_MUL: return F_MUL;
    case WD_OP_F32_DIV: return F_DIV;
    case WD_OP_F32_EQ: return F_EQ;
    case WD_OP_F32_NE: return F_NE;
    case WD_OP_F32_LT: return F_LT;
    case WD_OP_F32_GT: return F_GT;
    case WD_OP_F32_LE: return F_LE;
    case WD_OP_F32_GE: return F_GE;
    default: return -1;
    }
}
/* xmm r = slot (f32: its low 32 bits) */
static void fld(jb *b, int dbl, int r, uint32_t slot) { RM(b, dbl ? 0xF2 : 0xF3, 0, r, RBX, sd(slot), 0x0F, 0x10); }
/* xmm r = constant bits k */
static void fldk(jb *b, int dbl, int r, uint64_t k)
{
    movi(b, RAX, dbl ? k : (uint32_t)k);
    RR(b, 0x66, dbl, r, RAX, 0x0F, 0x6E);
}
/* slot = xmm0, all 64 bits (movq): an f32 result is zero-extended, as the
 * interpreter writes it, because every f32 in xmm0 was loaded with movss/movd
 * (which clear the rest) and the scalar ops leave the upper bits alone. Storing
 * from the xmm register (not through rax) lets the next load forward it. */
static void fst(jb *b, uint32_t slot) { RM(b, 0x66, 0, 0, RBX, sd(slot), 0x0F, 0xD6); }
static void farith(jb *b, int dbl, int kind, int dst, int src)
{
    static const uint8_t opc[] = { [F_ADD] = 0x58, [F_SUB] = 0x5C, [F_MUL] = 0x59, [F_DIV] = 0x5E };
    RR(b, dbl ? 0xF2 : 0xF3, 0, dst, src, 0x0F, opc[kind]);
}
/* fp[d] = cmp(xmm0, xmm1) */
static void fcmp_store(jb *b, int dbl, int kind, uint32_t d)
{
    int pf = dbl ? 0x66 : 0;
    int x = 0, y = 1, cc;
    switch (kind) {
    case F_GT: cc = CC_A; break;
    case F_GE: cc = CC_AE; break;
    case F_LT: cc = CC_A; x = 1; y = 0; break;
    case F_LE: cc = CC_AE; x = 1; y = 0; break;
    default: cc = -1; break;
    }
    RR(b, pf, 0, x, y, 0x0F, 0x2E);   /* ucomis[sd] */
    if (cc >= 0) {
        RR(b, 0, 0, 0, RAX, 0x0F, (uint8_t)(0x90 + cc));
    } else if (kind == F_EQ) {
        /* equal and ordered */
        RR(b, 0, 0, 0, RAX, 0x0F, 0x94);
        RR(b, 0, 0, 0, RCX, 0x0F, 0x9B);
        RR(b, 0, 0, RCX, RAX, 0x20);
    } else {
        RR(b, 0, 0, 0, RAX, 0x0F, 0x95);
        RR(b, 0, 0, 0, RCX, 0x0F, 0x9A);
        RR(b, 0, 0, RCX, RAX, 0x08);
    }
    RR(b, 0, 0, RAX, RAX, 0x0F, 0xB6);
    st64(b, d, RAX);
}
/* xmm0 = xmm0 op xmm1, stored to d */
static void fbin_store(jc *c, int dbl, int kind, uint32_t d)
{
    if (kind >= F_EQ) {
        fcmp_store(&c->b, dbl, kind, d);
        c->out_rax = d;
        return;
    }
    farith(&c->b, dbl, kind, 0, 1);
    fst(&c->b, d);
    c->out_x0 = d;
}
/* The first load of an instruction: xmm0 = slot, unless xmm0 holds it already. */
static void fla(jc *c, int dbl, uint32_t slot)
{
    if (c->in_x0 != slot)
        fld(&c->b, dbl, 0, slot);
    c->in_x0 = NOSLOT;
}
/* fp[d] = op(fp[a], k): an integer or float binary op or compare with a constant */
static void bin_k(jc *c, uint32_t op, uint32_t d, uint32_t a, uint64_t k)
{
    bsrc s = { true, 0, k, false };
    if (ibin(c, op, d, a, s))
        return;
    int dbl, kind = float_op(op, &dbl);
    fla(c, dbl, a);
    fldk(&c->b, dbl, 1, k);
    fbin_store(c, dbl, kind, d);
}

/* xmm0 = a, xmm1 = b as the first loads of an instruction, copying registers where xmm0
 * holds one of them from the instruction before, or a == b (x * x) */
static void fl2(jc *c, int dbl, uint32_t a, uint32_t bs)
{
    jb *b = &c->b;
    uint32_t had = c->in_x0;
    c->in_x0 = NOSLOT;
    if (had != a && had == bs) {
        RR(b, 0, 0, 1, 0, 0x0F, 0x28);      /* movaps xmm1, xmm0 */
        fld(b, dbl, 0, a);
        return;
    }
    if (had != a)
        fld(b, dbl, 0, a);
    if (bs == a)
        RR(b, 0, 0, 1, 0, 0x0F, 0x28);
    else
        fld(b, dbl, 1, bs);
}

/* ---- memory 0: effective address (fp[a] + add) mod 2^32 (+ (fp[i] << k))
 * in rax, checked for [rax + off, + n) within the memory (else leave at pos).
 * False when off is too large to use as a displacement. */
static bool ea(jc *c, uint32_t pos, uint32_t a, uint32_t add, int idx, uint32_t k, uint32_t off, uint32_t n)
{
    jb *b = &c->b;
    if (off > 0x7FFFFFF0u)
        return false;
    ld32(b, RAX, a);
    if (idx >= 0) {
        ld32(b, RCX, (uint32_t)idx);
        if (k & 31) {
            RR(b, 0, 0, 4, RCX, 0xC1);
            b1(b, k & 31);
        }
        RR(b, 0, 0, RCX, RAX, 0x01);
    }
    if (add) {
        RR(b, 0, 0, 0, RAX, 0x81);
        b4(b, add);
    }
    /* lea rdx, [rax + off + n]; cmp rdx, r13; ja leave */
    RM(b, 0, 1, RDX, RAX, (int32_t)(off + n), 0x8D);
    RR(b, 0, 1, R13, RDX, 0x39);
    exit_if(c, CC_A, pos);
    return true;
}

/* The x86 instruction that moves rcx from or to [r12 + rax + off] for each
 * integer and float load and store of the wasm (a load sign- or zero-extends
 * into rcx as the wasm op extends into its result). */
static const struct { uint16_t op; uint8_t pfx, w, n, opc[2]; } mem_x86[] = {
    { WD_OP_I32_LOAD, 0, 0, 1, { 0x8B } },      { WD_OP_F32_LOAD, 0, 0, 1, { 0x8B } },
    { WD_OP_I64_LOAD32_U, 0, 0, 1, { 0x8B } },  { WD_OP_I64_LOAD, 0, 1, 1, { 0x8B } },
    { WD_OP_F64_LOAD, 0, 1, 1, { 0x8B } },      { WD_OP_I32_LOAD8_S, 0, 0, 2, { 0x0F, 0xBE } },
    { WD_OP_I64_LOAD8_S, 0, 1, 2, { 0x0F, 0xBE } }, { WD_OP_I32_LOAD8_U, 0, 0, 2, { 0x0F, 0xB6 } },
    { WD_OP_I64_LOAD8_U, 0, 0, 2, { 0x0F, 0xB6 } }, { WD_OP_I32_LOAD16_S, 0, 0, 2, { 0x0F, 0xBF } },
    { WD_OP_I64_LOAD16_S, 0, 1, 2, { 0x0F, 0xBF } }, { WD_OP_I32_LOAD16_U, 0, 0, 2, { 0x0F, 0xB7 } },
    { WD_OP_I64_LOAD16_U, 0, 0, 2, { 0x0F, 0xB7 } }, { WD_OP_I64_LOAD32_S, 0, 1, 1, { 0x63 } },
    { WD_OP_I32_STORE, 0, 0, 1, { 0x89 } },     { WD_OP_F32_STORE, 0, 0, 1, { 0x89 } },
    { WD_OP_I64_STORE32, 0, 0, 1, { 0x89 } },   { WD_OP_I64_STORE, 0, 1, 1, { 0x89 } },
    { WD_OP_F64_STORE, 0, 1, 1, { 0x89 } },     { WD_OP_I32_STORE8, 0, 0, 1, { 0x88 } },
    { WD_OP_I64_STORE8, 0, 0, 1, { 0x88 } },    { WD_OP_I32_STORE16, 0x66, 0, 1, { 0x89 } },
    { WD_OP_I64_STORE16, 0x66, 0, 1, { 0x89 } },
};
static int mem_find(uint32_t op)
{
    for (size_t i = 0; i < sizeof mem_x86 / sizeof mem_x86[0]; i++)
        if (mem_x86[i].op == op)
            return (int)i;
    return -1;
}
static void mem_rcx(jb *b, uint32_t op, int32_t off)
{
    int i = mem_find(op);
    op_(b, mem_x86[i].pfx, mem_x86[i].w, mem_x86[i].opc, mem_x86[i].n, RCX, false, R12, RAX, off);
}
/* The address of the memory-0 access of the instruction at ip (opcode op) in rax,
 * checked, from its description in memdesc.c (the one probes and watchpoints use), and
 * in *disp its constant offset for the access. False if op is not such an access. */
static bool ea_of(jc *c, uint32_t pos, wd_word op, int32_t *disp)
{
    const wd_memdesc *d = &wd__memdesc_table()[op];
    const wd_word *ip = c->code + pos;
    uint32_t off = d->off ? ip[d->off] : 0;
    *disp = (int32_t)off;
    if (d->mode == WD_MD_ADDR && !d->mem)
        return ea(c, pos, ip[d->a], d->add ? ip[d->add] : 0, -1, 0, off, d->size);
    if (d->mode == WD_MD_INDEXED)
        return ea(c, pos, ip[d->a], 0, (int)ip[d->b], ip[d->k], off, d->size);
    return false;
}

/* The out-of-line step: one fixed-signature instruction, run with the
 * interpreter's templates. 0, or the trap it would raise (then native code
 * leaves and the interpreter runs it again, trapping with its message). */
static int jit_step(uint64_t *fp, const wd_word *ip, uint8_t *mb, uint64_t ms, wd_instance *inst,
                    wd_word op)
{
#define CASE(L) case WD_C_##L:
#define NEXT() return 0
#define TRAP(code) return (int)(code)
    switch (op) {   /* not *ip: a loop header's opcode word is patched */
#define OP(ID, name, prefix, code, imm, sig, kind, mbytes) H_##kind(ID, sig, imm, mbytes)
#include "opcodes.def"
    default:
        return -1;
    }
#undef CASE
#undef NEXT
#undef TRAP
}

/* call_indirect: the callee's native call entry, or NULL to leave */
static void *jit_resolve(jctx *c, const uint64_t *fp, const wd_word *ip)
{
    int trap;   /* the interpreter runs the instruction again and traps */
    wd_func *f = wd__indirect_callee(c->inst, ip[2], (uint32_t)fp[ip[4]], ip[1], &trap);
    if (!f || f->is_host || f->inst != c->inst)
        return NULL;
    return f->code->jit_call;
}

static bool steppable(wd_word op)
{
    if (op < WD_OP__COUNT) {
        wd_opkind k = wd_opinfo_table[op].kind;
        return k == K_PURE || k == K_TRAP || k == K_LOAD || k == K_STORE;
    }
    return op < WD_C_I32_ADD_I;   /* the _M load/store variants */
}

/* rax holds a callee's call entry: push rbx, call it, pop the frame */
static void native_call(jc *c, uint32_t pos, uint32_t base, uint32_t len)
{
    jb *b = &c->b;
    /* caller's frame record: the return position */
    RM(b, 0, 1, RCX, R14, CX(fr), 0x8B);
    movi(b, RDX, (uint64_t)(uintptr_t)(c->code + pos + len));
    RM(b, 0, 1, RDX, RCX, FO(ip), 0x89);
    b1(b, 0x53);                                   /* push rbx */
    if (base)
        RM(b, 0, 1, RBX, RBX, sd(base), 0x8D);     /* lea rbx, [rbx + 8*base] */
    RR(b, 0, 0, 2, RAX, 0xFF);                     /* call rax */
    b1(b, 0x5B);                                   /* pop rbx */
    RR(b, 0, 0, RAX, RAX, 0x85);                   /* test eax, eax: not called */
    exit_if(c, CC_NE, pos);
    RM(b, 0, 1, 5, R14, CX(fr), 0x83);             /* sub qword [r14+fr], sizeof */
    b1(b, (uint32_t)sizeof(wd_xframe));
    RM(b, 0, 0, 1, R15, XO(nframes), 0xFF);        /* dec dword [r15+nframes] */
}

/* WD_JIT_LOG=1 (debugging aid): every instruction left to jit_step or the
 * interpreter, on stderr */
static void jit_log(const jc *c, uint32_t pos, const char *how)
{
    static int on = -1;
    if (on < 0) {
        const char *e = getenv("WD_JIT_LOG");
        on = e && *e && *e != '0';
    }
    if (on)
        fprintf(stderr, "jit: func %u pos %u %s: %s\n", c->cf->funcidx, pos, how,
                wd__code_name(op_at(c->cf, pos)));
}

static void step_call(jc *c, uint32_t pos)
{
    jb *b = &c->b;
    jit_log(c, pos, "step");
    movr(b, 1, RDI, RBX);
    movi(b, RSI, (uint64_t)(uintptr_t)(c->code + pos));
    /* a sample whose signal lands in jit_step names this instruction */
    RM(b, 0, 1, RSI, R14, CX(step_ip), 0x89);
    movr(b, 1, RDX, R12);
    movr(b, 1, RCX, R13);
    RM(b, 0, 1, R8, R14, CX(inst), 0x8B);
    movi(b, R9, op_at(c->cf, pos));
    call_abs(b, (const void *)jit_step);
    RM(b, 0, 1, 0, R14, CX(step_ip), 0xC7);   /* mov qword [r14+step_ip], 0 */
    b4(b, 0);
    RR(b, 0, 0, RAX, RAX, 0x85);
    exit_if(c, CC_NE, pos);
}

/* One instruction at pos. */
static void insn(jc *c, uint32_t pos, wd_word op)
{
    jb *b = &c->b;
    const wd_word *ip = c->code + pos;
    int w, cc, dbl, kind;
    switch (op) {
    case WD_C_MOV:
        lda(c, 1, ip[2]);
        st64(b, ip[1], RAX);
        c->out_rax = ip[1];
        return;
    case WD_C_MOV2:
        if (ip[1] > ip[2]) {   /* overlapping upward: high word first */
            ld64(b, RAX, ip[2] + 1); st64(b, ip[1] + 1, RAX);
            ld64(b, RAX, ip[2]); st64(b, ip[1], RAX);
        } else {
            ld64(b, RAX, ip[2]); st64(b, ip[1], RAX);
            ld64(b, RAX, ip[2] + 1); st64(b, ip[1] + 1, RAX);
        }
        return;
    case WD_C_CONST32:
        movi(b, RAX, ip[2]);
        st64(b, ip[1], RAX);
        return;
    case WD_C_CONST64:
        movi(b, RAX, ip[2] | (uint64_t)ip[3] << 32);
        st64(b, ip[1], RAX);
        return;
    case WD_C_V128_CONST:
        movi(b, RAX, ip[2] | (uint64_t)ip[3] << 32);
        st64(b, ip[1], RAX);
        movi(b, RAX, ip[4] | (uint64_t)ip[5] << 32);
        st64(b, ip[1] + 1, RAX);
        return;
    case WD_C_SELECT:
        ld32(b, RDX, ip[4]);
        ld64(b, RAX, ip[2]);
        ld64(b, RCX, ip[3]);
        RR(b, 0, 0, RDX, RDX, 0x85);
        RR(b, 0, 1, RAX, RCX, 0x0F, 0x44);   /* cmovz rax, rcx */
        st64(b, ip[1], RAX);
        return;
    case WD_C_I32_EQZ: case WD_C_I64_EQZ:
        ldr(b, op == WD_C_I64_EQZ, RAX, ip[2]);
        RR(b, 0, op == WD_C_I64_EQZ, RAX, RAX, 0x85);
        setcc_store(c, CC_E, ip[1]);
        return;
    case WD_C_I32_WRAP_I64: case WD_C_I64_EXTEND_I32_U:
        ld32(b, RAX, ip[2]);
        st64(b, ip[1], RAX);
        return;
    /* the slot already holds the bits (an f32 or i32 zero-extended) */
    case WD_C_I64_REINTERPRET_F64: case WD_C_F64_REINTERPRET_I64:
    case WD_C_I32_REINTERPRET_F32: case WD_C_F32_REINTERPRET_I32:
        lda(c, 1, ip[2]);
        st64(b, ip[1], RAX);
        c->out_rax = ip[1];
        return;
    case WD_C_I32_DIV_U: case WD_C_I32_REM_U: case WD_C_I64_DIV_U: case WD_C_I64_REM_U:
    case WD_C_I32_DIV_S: case WD_C_I32_REM_S: case WD_C_I64_DIV_S: case WD_C_I64_REM_S: {
        w = op == WD_C_I64_DIV_U || op == WD_C_I64_REM_U || op == WD_C_I64_DIV_S || op == WD_C_I64_REM_S;
        bool sgn = op == WD_C_I32_DIV_S || op == WD_C_I32_REM_S || op == WD_C_I64_DIV_S ||
                   op == WD_C_I64_REM_S;
        bool rem = op == WD_C_I32_REM_U || op == WD_C_I64_REM_U || op == WD_C_I32_REM_S ||
                   op == WD_C_I64_REM_S;
        ldr(b, w, RAX, ip[2]);
        ldr(b, w, RCX, ip[3]);
        RR(b, 0, w, RCX, RCX, 0x85);
        exit_if(c, CC_E, pos);                 /* division by zero: the interpreter traps */
        uint32_t skip = UINT32_MAX, done = UINT32_MAX;
        if (sgn) {
            /* b == -1: div_s traps on the one overflow (interpreter), rem_s is 0 */
            RR(b, 0, w, 7, RCX, 0x83);
            b1(b, 0xFF);                       /* cmp rcx, -1 */
            skip = jcc32(b, CC_NE);
            if (rem) {
                RR(b, 0, 0, RDX, RDX, 0x31);   /* xor edx, edx: the remainder */
                done = jmp32(b);
            } else {
                exit_now(c, pos);
            }
            patch_here(b, skip);
            if (w)
                b1(b, 0x48);
            b1(b, 0x99);                       /* cdq / cqo */
            RR(b, 0, w, 7, RCX, 0xF7);         /* idiv rcx */
        } else {
            RR(b, 0, 0, RDX, RDX, 0x31);
            RR(b, 0, w, 6, RCX, 0xF7);         /* div rcx */
        }
        if (done != UINT32_MAX)
            patch_here(b, done);
        st64(b, ip[1], rem ? RDX : RAX);
        return;
    }
    case WD_C_I64_EXTEND_I32_S:
        RM(b, 0, 1, RAX, RBX, sd(ip[2]), 0x63);   /* movsxd */
        st64(b, ip[1], RAX);
        return;
    case WD_C_F64_SQRT: case WD_C_F32_SQRT:
        dbl = op == WD_C_F64_SQRT;
        fld(b, dbl, 0, ip[2]);
        RR(b, dbl ? 0xF2 : 0xF3, 0, 0, 0, 0x0F, 0x51);
        fst(b, ip[1]);
        return;
    case WD_C_F64_CONVERT_I32_S:
        RR(b, 0, 0, 0, 0, 0x0F, 0x57);                            /* xorps xmm0, xmm0 */
        RM(b, 0xF2, 0, 0, RBX, sd(ip[2]), 0x0F, 0x2A);            /* cvtsi2sd xmm0, dword */
        fst(b, ip[1]);
        return;

    /* ---- branches */
    case WD_C_JMP:
        branch(c, -1, pos, pos + ip[1]);
        return;
    case WD_C_BR_IF: case WD_C_BR_IF_EQZ: case WD_C_BR_IF64: case WD_C_BR_IF_EQZ64:
        w = op == WD_C_BR_IF64 || op == WD_C_BR_IF_EQZ64;
        lda(c, w, ip[1]);
        RR(b, 0, w, RAX, RAX, 0x85);
        branch(c, (op == WD_C_BR_IF || op == WD_C_BR_IF64) ? CC_NE : CC_E, pos, pos + ip[2]);
        return;
    case WD_C_BR_TABLE: {
        uint32_t n = ip[2];
        /* eax = min(i, n); jump through a table of rel32 from the table */
        ld32(b, RAX, ip[1]);
        movi(b, RCX, n);
        RR(b, 0, 0, RAX, RCX, 0x39);                 /* cmp ecx, eax */
        RR(b, 0, 0, RAX, RCX, 0x0F, 0x42);           /* cmovb eax, ecx (n < i) */
        b1(b, 0x48); b1(b, 0x8D); b1(b, 0x0D);       /* lea rcx, [rip + table] */
        uint32_t lea_at = (uint32_t)b->n;
        b4(b, 0);
        b1(b, 0x48); b1(b, 0x63); b1(b, 0x04); b1(b, 0x81);   /* movsxd rax, [rcx + rax*4] */
        RR(b, 0, 1, RCX, RAX, 0x01);                  /* add rax, rcx */
        RR(b, 0, 0, 4, RAX, 0xFF);                    /* jmp rax */
        uint32_t table = (uint32_t)b->n;
        patch_to(b, lea_at, table);
        for (uint32_t i = 0; i <= n; i++)
            b4(b, 0);
        wd_native_range tr = { table, 4 * (n + 1) };
        PUSHV(b->tab, b->ntab, b->captab, tr);
        /* backward targets get a stub that counts the back-edge */
        for (uint32_t i = 0; i <= n; i++) {
            uint32_t t = pos + ip[3 + i];
            if (t > pos) {
                jfix f = { table + 4 * i, t, FX_TABLE, table };
                PUSHV(b->fix, b->nfix, b->capfix, f);
            } else {
                put4(b, table + 4 * i, (uint32_t)(b->n - table));
                branch(c, -1, pos, t);
            }
        }
        return;
    }
    case WD_C_SAFEPOINT:
        budget(c, ip[1], pos + 2, 0);
        return;
    case WD_C_RET:
        RR(b, 0, 0, RAX, RAX, 0x31);   /* xor eax, eax: returned */
        b1(b, 0xC3);
        return;

    /* ---- calls */
    case WD_C_CALL: {
        const wd_cfunc *ncf = (const wd_cfunc *)(uintptr_t)(ip[1] | (uint64_t)ip[2] << 32);
        /* mov rax, [&ncf->jit_call]: NULL until the callee is JIT-compiled */
        movi(b, RAX, (uint64_t)(uintptr_t)&ncf->jit_call);
        RM(b, 0, 1, RAX, RAX, 0, 0x8B);
        RR(b, 0, 1, RAX, RAX, 0x85);
        exit_if(c, CC_E, pos);
        native_call(c, pos, ip[3], 4);
        return;
    }
    case WD_C_CALL_INDIRECT:
        movr(b, 1, RDI, R14);
        movr(b, 1, RSI, RBX);
        movi(b, RDX, (uint64_t)(uintptr_t)ip);
        call_abs(b, (const void *)jit_resolve);
        RR(b, 0, 1, RAX, RAX, 0x85);
        exit_if(c, CC_E, pos);
        native_call(c, pos, ip[3], 5);
        return;

    /* ---- variables */
    case WD_C_GLOBAL_GET:
        RM(b, 0, 1, RAX, RBP, sd(ip[2]), 0x8B);
        RM(b, 0, 1, RAX, RAX, (int32_t)offsetof(wd_global, val), 0x8B);
        st64(b, ip[1], RAX);
        return;
    case WD_C_GLOBAL_SET:
        RM(b, 0, 1, RCX, RBP, sd(ip[1]), 0x8B);
        ld64(b, RAX, ip[2]);
        RM(b, 0, 1, RAX, RCX, (int32_t)offsetof(wd_global, val), 0x89);
        return;
    case WD_C_MEMORY_SIZE:
        if (ip[2] != 0)
            break;
        movr(b, 1, RAX, R13);
        RR(b, 0, 1, 5, RAX, 0xC1);
        b1(b, 16);
        st64(b, ip[1], RAX);
        return;

    /* ---- superinstructions */
    case WD_C_I32_ADD2_I:
        ld32(b, RAX, ip[2]);
        RR(b, 0, 0, 0, RAX, 0x81); b4(b, ip[3]);
        st64(b, ip[1], RAX);
        ld32(b, RAX, ip[5]);
        RR(b, 0, 0, 0, RAX, 0x81); b4(b, ip[6]);
        st64(b, ip[4], RAX);
        return;
    case WD_C_F64_MULADD: case WD_C_F64_ADDMUL: case WD_C_F64_MULSUB: case WD_C_F64_SUBMUL:
    case WD_C_F64_MULMUL:
        fl2(c, 1, ip[2], ip[3]);
        farith(b, 1, F_MUL, 0, 1);
        fld(b, 1, 1, ip[4]);
        if (op == WD_C_F64_MULADD || op == WD_C_F64_ADDMUL) {
            /* (a*b)+c and c+(a*b) round the same */
            farith(b, 1, F_ADD, 0, 1);
        } else if (op == WD_C_F64_MULSUB) {
            farith(b, 1, F_SUB, 0, 1);
        } else if (op == WD_C_F64_MULMUL) {
            farith(b, 1, F_MUL, 0, 1);
        } else {   /* c - (a*b) */
            farith(b, 1, F_SUB, 1, 0);
            RR(b, 0, 0, 0, 1, 0x0F, 0x28);   /* movaps xmm0, xmm1 */
        }
        fst(b, ip[1]);
        c->out_x0 = ip[1];
        return;
    default:
        break;
    }

    /* ---- families of generated opcodes */
    if (op < WD_OP__COUNT) {
        /* plain integer / float binary ops and compares */
        if (wd_opinfo_table[op].kind == K_PURE && wd_opinfo_table[op].imm == IMM_NONE) {
            bsrc s = { false, ip[3], 0, false };
            if (ibin(c, op, ip[1], ip[2], s))
                return;
            if ((kind = float_op(op, &dbl)) >= 0) {
                fl2(c, dbl, ip[2], ip[3]);
                fbin_store(c, dbl, kind, ip[1]);
                return;
            }
        }
        /* OP d addr off add (loads), OP addr v off add (stores) */
        int32_t disp;
        if (mem_find(op) >= 0 && ea_of(c, pos, op, &disp)) {
            bool load = wd_opinfo_table[op].kind == K_LOAD;
            if (!load)
                ld64(b, RCX, ip[2]);
            mem_rcx(b, op, disp);
            if (load)
                st64(b, ip[1], RCX);
            return;
        }
        if (steppable(op)) {
            step_call(c, pos);
            return;
        }
        exit_now(c, pos);
        return;
    }
    if (op < WD_C_I32_ADD_I) {   /* _M: another memory */
        step_call(c, pos);
        return;
    }
    switch (op) {
#define X(ID) case WD_C_##ID##_I: bin_k(c, WD_OP_##ID, ip[1], ip[2], SEXT(ip[3])); return;
    WD_IMM_OPS(X)
#undef X
#define X(ID) case WD_C_##ID##_K64: bin_k(c, WD_OP_##ID, ip[1], ip[2], ip[3] | (uint64_t)ip[4] << 32); return;
    WD_IMM64_OPS(X)
#undef X
#define X(ID, INV) \
    case WD_C_BRC_##ID: case WD_C_BRCI_##ID: { \
        bool imm_ = op == WD_C_BRCI_##ID; \
        bsrc s = { imm_, ip[2], imm_ ? SEXT(ip[2]) : 0, false }; \
        cc = int_cmp(WD_OP_##ID, &w); \
        lda(c, w, ip[1]); cmp(c, w, s); branch(c, cc, pos, pos + ip[3]); return; }
    WD_CMP_OPS(X)
#undef X
#define X(ID) \
    case WD_C_ADDBR_##ID: case WD_C_ADDBRI_##ID: case WD_C_ADDRBR_##ID: case WD_C_ADDRBRI_##ID: { \
        cc = int_cmp(WD_OP_##ID, &w); \
        ld32(b, RAX, ip[2]); \
        if (op == WD_C_ADDBR_##ID || op == WD_C_ADDBRI_##ID) { RR(b, 0, 0, 0, RAX, 0x81); b4(b, ip[3]); } \
        else { ld32(b, RCX, ip[3]); RR(b, 0, 0, RCX, RAX, 0x01); } \
        st64(b, ip[1], RAX); \
        bsrc s = { op == WD_C_ADDBRI_##ID || op == WD_C_ADDRBRI_##ID, ip[4], ip[4], false }; \
        cmp(c, 0, s); branch(c, cc, pos, pos + ip[5]); return; }
    WD_ADDBR_OPS(X)
#undef X
    /* stores of a constant: OPK addr imm off add, and indexed OPKX a b imm off k */
#define X(ID, T, N) \
    case WD_C_##ID##_K: case WD_C_##ID##_KX: { \
        int32_t disp_; \
        if (!ea_of(c, pos, op, &disp_)) break; \
        movi(b, RCX, (uint64_t)(int64_t)(int32_t)ip[op == WD_C_##ID##_K ? 2 : 3]); \
        mem_rcx(b, WD_OP_##ID, disp_); return; }
    WD_STOREK_OPS(X)
#undef X
    /* indexed loads and stores */
#define X(ID, T, N) case WD_C_##ID##_X: { \
        int32_t disp_; \
        if (!ea_of(c, pos, op, &disp_)) break; \
        mem_rcx(b, WD_OP_##ID, disp_); st64(b, ip[1], RCX); return; }
    WD_LDX_OPS(X)
#undef X
#define X(ID, T, N) case WD_C_##ID##_X: { \
        int32_t disp_; \
        if (!ea_of(c, pos, op, &disp_)) break; \
        ld64(b, RCX, ip[3]); mem_rcx(b, WD_OP_##ID, disp_); return; }
    WD_STX_OPS(X)
#undef X
    /* float op with a memory operand */
#define X(ID, T, LD, ST, N) \
    case WD_C_##ID##_LB: case WD_C_##ID##_LA: case WD_C_##ID##_SB: case WD_C_##ID##_SA: { \
        kind = float_op(WD_OP_##ID, &dbl); \
        int32_t off_; \
        if (!ea_of(c, pos, op, &off_)) break; \
        bool ld_ = op == WD_C_##ID##_LB || op == WD_C_##ID##_LA; \
        bool memfirst_ = op == WD_C_##ID##_LA || op == WD_C_##ID##_SA; \
        uint32_t other_ = op == WD_C_##ID##_LA ? ip[5] : ip[2]; \
        RX(b, dbl ? 0xF2 : 0xF3, 0, memfirst_ ? 0 : 1, R12, RAX, off_, 0x0F, 0x10); \
        fld(b, dbl, memfirst_ ? 1 : 0, other_); \
        farith(b, dbl, kind, 0, 1); \
        if (ld_) fst(b, ip[1]); \
        else RX(b, dbl ? 0xF2 : 0xF3, 0, 0, R12, RAX, off_, 0x0F, 0x11); \
        return; }
    WD_LDOP_OPS(X)
#undef X
    case WD_C_SELECT2: case WD_C_GLOBAL_GET2: case WD_C_GLOBAL_SET2:
    default:
        break;
    }
    exit_now(c, pos);
}

/* ------------------------------------------------------------ trampoline */

typedef int (*tramp_fn)(jctx *c, uint64_t *fp, void *target);
static tramp_fn tramp;
static int tramp_state;   /* 0 not made, 1 ready, -1 failed */

static void pops(jb *b)
{
    b1(b, 0x41); b1(b, 0x5F);   /* pop r15 */
    b1(b, 0x41); b1(b, 0x5E);
    b1(b, 0x41); b1(b, 0x5D);
    b1(b, 0x41); b1(b, 0x5C);
    b1(b, 0x5D);                /* pop rbp */
    b1(b, 0x5B);                /* pop rbx */
    b1(b, 0xC3);
}

static uint8_t *place(jb *b, uint32_t *size)
{
    size_t len = (b->n + 4095) & ~(size_t)4095;
    if (!len)
        len = 4096;
    uint8_t *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    memcpy(m, b->p, b->n);
    if (mprotect(m, len, PROT_READ | PROT_EXEC) != 0) {
        munmap(m, len);
        return NULL;
    }
    *size = (uint32_t)b->n;
    return m;
}

#define POOL_SIZE ((size_t)1 << 20)

/* Copies the finished code into m's pool; its run address, or NULL. */
static uint8_t *pool_place(wd_module *m, const jb *b, uint32_t *size)
{
    size_t n = (b->n + 15) & ~(size_t)15;
    wd_jitpool *p = m->jit_pool;
    if (!p || p->used + n > p->size) {
        size_t sz = n > POOL_SIZE ? (n + 4095) & ~(size_t)4095 : POOL_SIZE;
        int fd = memfd_create("wasmdbg-jit", MFD_CLOEXEC);
        if (fd < 0)
            return NULL;
        p = calloc(1, sizeof *p);
        void *rw = MAP_FAILED, *rx = MAP_FAILED;
        if (p && ftruncate(fd, (off_t)sz) == 0) {
            rw = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            rx = mmap(NULL, sz, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        }
        close(fd);
        if (!p || rw == MAP_FAILED || rx == MAP_FAILED) {
            if (rw != MAP_FAILED)
                munmap(rw, sz);
            if (rx != MAP_FAILED)
                munmap(rx, sz);
            free(p);
            return NULL;
        }
        p->rw = rw;
        p->rx = rx;
        p->size = sz;
        p->next = m->jit_pool;
        m->jit_pool = p;
    }
    memcpy(p->rw + p->used, b->p, b->n);
    uint8_t *at = p->rx + p->used;
    p->used += n;
    *size = (uint32_t)b->n;
    return at;
}

static bool make_tramp(void)
{
    int st = __atomic_load_n(&tramp_state, __ATOMIC_ACQUIRE);
    if (st)
        return st > 0;
    jb bb;
    memset(&bb, 0, sizeof bb);
    jb *b = &bb;
    b1(b, 0x53); b1(b, 0x55);                              /* push rbx, rbp */
    b1(b, 0x41); b1(b, 0x54); b1(b, 0x41); b1(b, 0x55);    /* push r12, r13 */
    b1(b, 0x41); b1(b, 0x56); b1(b, 0x41); b1(b, 0x57);    /* push r14, r15 */
    movr(b, 1, R14, RDI);
    movr(b, 1, RBX, RSI);
    RM(b, 0, 1, R15, R14, CX(x), 0x8B);
    RM(b, 0, 1, RAX, R14, CX(mem0), 0x8B);
    RM(b, 0, 1, R12, RAX, (int32_t)offsetof(wd_memory, data), 0x8B);
    RM(b, 0, 1, R13, RAX, (int32_t)offsetof(wd_memory, size), 0x8B);
    RM(b, 0, 1, RAX, R14, CX(inst), 0x8B);
    RM(b, 0, 1, RBP, RAX, (int32_t)offsetof(wd_instance, globals), 0x8B);
    RM(b, 0, 1, RSP, R14, CX(saved_rsp), 0x89);            /* mov [r14+saved], rsp */
    RM(b, 0, 1, RAX, RSP, -NATIVE_STACK, 0x8D);            /* lea rax, [rsp - N] */
    RM(b, 0, 1, RAX, R14, CX(rsp_limit), 0x89);
    RR(b, 0, 0, 2, RDX, 0xFF);                             /* call rdx */
    movi(b, RAX, WD_JIT_RET);
    pops(b);
    uint32_t size;
    uint8_t *m = b->oom ? NULL : place(b, &size);
    free(b->p);
    if (!m) {
        __atomic_store_n(&tramp_state, -1, __ATOMIC_RELEASE);
        return false;
    }
    /* concurrent first calls may each make one; the loser's page stays */
    tramp = (tramp_fn)(uintptr_t)m;
    __atomic_store_n(&tramp_state, 1, __ATOMIC_RELEASE);
    return true;
}

/* ------------------------------------------------------------ a function */


/* Where control arrives other than from the instruction before: branch
 * targets and the places the interpreter enters (entry, loop headers). */
static uint8_t *mark_targets(const wd_cfunc *cf)
{
    uint8_t *t = calloc(cf->ncode + 1, 1);
    if (!t)
        return NULL;
    t[2 < cf->ncode ? 2 : 0] = 1;
    for (uint32_t pos = 0; pos < cf->ncode;) {
        const wd_word *ip = cf->code + pos;
        wd_word op = op_at(cf, pos);
        int64_t rel = INT64_MIN;
        if (op == WD_C_SAFEPOINT && pos + 2 < cf->ncode)
            t[pos + 2] = 1;
        else if (op == WD_C_JMP)
            rel = (int32_t)ip[1];
        else if (op == WD_C_BR_IF || op == WD_C_BR_IF_EQZ || op == WD_C_BR_IF64 ||
                 op == WD_C_BR_IF_EQZ64)
            rel = (int32_t)ip[2];
        else if (op == WD_C_BR_TABLE)
            for (uint32_t i = 0; i <= ip[2]; i++) {
                int64_t to = (int64_t)pos + (int32_t)ip[3 + i];
                if (to >= 0 && to < cf->ncode)
                    t[to] = 1;
            }
        else if (op >= WD_C_BRC_I32_EQ && op <= WD_C_BRCI_I64_GE_U)
            rel = (int32_t)ip[3];
        else if (op >= WD_C_ADDBR_I32_EQ && op <= WD_C_ADDRBRI_I32_GE_U)
            rel = (int32_t)ip[5];
        if (rel != INT64_MIN) {
            int64_t to = (int64_t)pos + rel;
            if (to >= 0 && to < cf->ncode)
                t[to] = 1;
        }
        uint32_t len = wd__code_len(ip, op);
        pos += len ? len : 1;
    }
    return t;
}

static bool compile(wd_module *m, wd_cfunc *cf, wd_jitfn *j)
{
    jc cc;
    memset(&cc, 0, sizeof cc);
    jc *c = &cc;
    jb *b = &c->b;
    c->cf = cf;
    c->code = cf->code;
    c->noff = malloc(cf->ncode * sizeof *c->noff);
    if (!c->noff)
        return false;
    for (uint32_t i = 0; i < cf->ncode; i++)
        c->noff[i] = UINT32_MAX;
    c->tgt = mark_targets(cf);
    if (!c->tgt) {
        free(c->noff);
        return false;
    }
    c->out_rax = c->out_x0 = NOSLOT;

    /* call entry (rbx = the callee's fp, set by the caller) */
    RM(b, 0, 1, RAX, RBX, sd(cf->frame_slots), 0x8D);      /* lea rax, [rbx + frame] */
    RM(b, 0, 1, RAX, R14, CX(stack_end), 0x3B);            /* cmp rax, [r14+stack_end] */
    PUSHV(b->failfix, b->nfail, b->capfail, jcc32(b, CC_A));
    RM(b, 0, 1, RSP, R14, CX(rsp_limit), 0x3B);            /* cmp rsp, [r14+limit] */
    PUSHV(b->failfix, b->nfail, b->capfail, jcc32(b, CC_B));
    RM(b, 0, 1, RAX, R14, CX(fr), 0x8B);
    RM(b, 0, 1, RCX, RAX, (int32_t)sizeof(wd_xframe), 0x8D);
    RM(b, 0, 1, RCX, R14, CX(flimit), 0x3B);
    PUSHV(b->failfix, b->nfail, b->capfail, jcc32(b, CC_AE));
    /* the record is filled before ctx->fr points at it: a profiling signal
     * may read it (wd__jit_note_pc) */
    RM(b, 0, 1, RBX, RCX, FO(fp), 0x89);
    RM(b, 0, 1, RDX, RAX, FO(inst), 0x8B);
    RM(b, 0, 1, RDX, RCX, FO(inst), 0x89);
    movi(b, RDX, (uint64_t)(uintptr_t)cf);
    RM(b, 0, 1, RDX, RCX, FO(cf), 0x89);
    RM(b, 0, 1, RCX, R14, CX(fr), 0x89);
    RM(b, 0, 0, 0, R15, XO(nframes), 0xFF);                /* inc dword [r15+nframes] */
    uint32_t nz = cf->local_slots - cf->param_slots;
    if (nz) {
        RR(b, 0, 0, RAX, RAX, 0x31);
        if (nz <= 8) {
            for (uint32_t i = cf->param_slots; i < cf->local_slots; i++)
                st64(b, i, RAX);
        } else {
            RM(b, 0, 1, RDI, RBX, sd(cf->param_slots), 0x8D);
            movi(b, RCX, nz);
            b1(b, 0xF3); b1(b, 0x48); b1(b, 0xAB);           /* rep stosq */
        }
    }
    budget(c, cf->code[1], 2, 0);

    /* the body */
    for (uint32_t pos = 2; pos < cf->ncode && !b->oom;) {
        wd_word op = op_at(cf, pos);
        if (op == WD_C_PROBE || op == WD_C_JIT || op == WD_C_LAZY) {
            free(c->noff);
            free(c->tgt);
            free(b->p); free(b->fix); free(b->stub); free(b->failfix); free(b->tab);
            return false;   /* probed: stays interpreted */
        }
        c->noff[pos] = (uint32_t)b->n;
        c->in_rax = c->tgt[pos] ? NOSLOT : c->out_rax;
        c->in_x0 = c->tgt[pos] ? NOSLOT : c->out_x0;
        c->out_rax = c->out_x0 = NOSLOT;
        insn(c, pos, op);
        uint32_t len = wd__code_len(cf->code + pos, op);
        pos += len ? len : 1;
    }
    /* a body ends in RET or a branch: nothing falls off its end */
    b1(b, 0x0F);
    b1(b, 0x0B);   /* ud2 */
    j->body_end = (uint32_t)b->n;

    /* forward branches */
    for (uint32_t i = 0; i < b->nfix; i++) {
        jfix *f = &b->fix[i];
        uint32_t to = f->target < cf->ncode ? c->noff[f->target] : UINT32_MAX;
        if (to == UINT32_MAX) {
            b->oom = true;   /* not an instruction: refuse rather than guess */
            break;
        }
        if (f->kind == FX_REL)
            patch_to(b, f->at, to);
        else
            put4(b, f->at, to - f->base);
    }
    /* cold stubs (one per distinct exit: `mov eax, k; jmp out`), the "not called"
     * return, and the way out */
    uint32_t nstub = b->nstub;
    uint32_t *jumps = malloc((nstub ? nstub : 1) * sizeof *jumps);
    uint32_t *stubat = malloc((nstub ? nstub : 1) * sizeof *stubat);
    j->exits = malloc((nstub ? nstub : 1) * sizeof *j->exits);
    if (!jumps || !stubat || !j->exits)
        b->oom = true;
    j->nexits = 0;
    for (uint32_t i = 0; i < nstub && !b->oom; i++) {
        jstub s = b->stub[i];
        uint32_t k = 0;
        /* the same exit as the last few: share its stub (one instruction's checks) */
        for (k = j->nexits > 8 ? j->nexits - 8 : 0; k < j->nexits; k++)
            if (j->exits[k].pos == s.pos && j->exits[k].reason == s.reason &&
                j->exits[k].backedge == s.backedge)
                break;
        if (k < j->nexits) {
            patch_to(b, s.at, stubat[k]);
            continue;
        }
        j->exits[k].pos = s.pos;
        j->exits[k].reason = s.reason;
        j->exits[k].backedge = s.backedge;
        j->nexits++;
        patch_here(b, s.at);
        stubat[k] = (uint32_t)b->n;
        movi(b, RAX, k);
        jumps[k] = jmp32(b);
    }
    for (uint32_t i = 0; i < b->nfail; i++)
        patch_here(b, b->failfix[i]);
    movi(b, RAX, 1);
    b1(b, 0xC3);
    uint32_t out = (uint32_t)b->n;
    for (uint32_t k = 0; k < j->nexits && !b->oom; k++)
        patch_to(b, jumps[k], out);
    RM(b, 0, 0, RAX, R14, CX(exit_k), 0x89);                /* mov [r14+exit_k], eax */
    movi(b, RAX, WD_JIT_EXIT);
    RM(b, 0, 1, RSP, R14, CX(saved_rsp), 0x8B);             /* mov rsp, [r14+saved] */
    pops(b);
    free(jumps);
    free(stubat);

    bool ok = !b->oom;
    if (ok) {
        j->code = pool_place(m, b, &j->size);
        ok = j->code != NULL;
    }
    free(b->p); free(b->fix); free(b->stub); free(b->failfix);
    free(c->tgt);
    if (!ok) {
        free(c->noff);
        free(j->exits);
        j->exits = NULL;
        free(b->tab);
        return false;
    }
    j->noff = c->noff;
    j->tables = b->tab;   /* in code order: tables are written as the body is */
    j->ntables = b->ntab;
    uint32_t n = 0;
    for (uint32_t pos = 0; pos < cf->ncode; pos++)
        n += c->noff[pos] != UINT32_MAX;
    j->start = malloc((n ? n : 1) * sizeof *j->start);
    if (j->start)
        for (uint32_t pos = 0; pos < cf->ncode; pos++)
            if (c->noff[pos] != UINT32_MAX) {
                j->start[j->nstart].noff = c->noff[pos];
                j->start[j->nstart++].pos = pos;
            }
    return true;
}

bool wd__jit_compile(wd_module *m, wd_cfunc *cf)
{
    if (m->tier == WD_TIER_INTERP || !wd__cfunc_ready(cf) || cf->jit || cf->ncode < 3)
        return false;
    if (!make_tramp())
        return false;
    wd_jitfn *j = calloc(1, sizeof *j);
    if (!j)
        return false;
    j->cf = cf;
    /* where the interpreter comes in: the entry and every loop header */
    uint32_t np = 1;
    for (uint32_t pos = 0; pos < cf->ncode;) {
        wd_word op = cf->code[pos];
        if (op == WD_C_SAFEPOINT && pos > 0)
            np++;
        uint32_t len = wd__code_len(cf->code + pos, op);
        pos += len ? len : 1;
    }
    j->patch = malloc(np * sizeof *j->patch);
    if (!j->patch) {
        free(j);
        return false;
    }
    /* A position holding a SAFEPOINT itself (a body or loop body that starts with a loop)
     * is not patched: the global-probe handler knows a SAFEPOINT is no instruction only by
     * its word, and would report a WD_C_JIT there as one. The interpreter runs that
     * SAFEPOINT and comes in at the loop header after it. */
    j->npatch = 0;
    if (cf->code[2] != WD_C_SAFEPOINT) {
        j->patch[j->npatch].pos = 2;
        j->patch[j->npatch++].orig = cf->code[2];
    }
    for (uint32_t pos = 0; pos < cf->ncode;) {
        wd_word op = cf->code[pos];
        uint32_t len = wd__code_len(cf->code + pos, op);
        if (op == WD_C_SAFEPOINT && pos > 0 && pos + 2 < cf->ncode && pos + 2 != 2 &&
            cf->code[pos + 2] != WD_C_SAFEPOINT) {
            j->patch[j->npatch].pos = pos + 2;
            j->patch[j->npatch++].orig = cf->code[pos + 2];
        }
        pos += len ? len : 1;
    }
    for (uint32_t i = 0; i < j->npatch; i++)
        cf->code[j->patch[i].pos] = WD_C_JIT;
    j->live = true;
    cf->jit = j;
    cf->jit_call = NULL;   /* native code comes when the function is hot */
    j->next = m->jit_all;
    m->jit_all = j;
    return true;
}

/* Native code for cf now (a prepared, live function). */
static bool make_native(wd_cfunc *cf)
{
    wd_jitfn *j = cf->jit;
    if (j->code)
        return true;
    if (j->failed || !compile(cf->module, cf, j)) {
        /* stays interpreted, at no cost: the patched words go */
        j->failed = true;
        wd__jit_drop(cf);
        return false;
    }
    cf->jit_call = j->code;
    const char *dump = getenv("WD_JIT_DUMP");   /* debugging aid: raw code per function */
    if (dump && *dump) {
        char path[512];
        snprintf(path, sizeof path, "%s/jit-%u.bin", dump, cf->funcidx);
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(j->code, 1, j->size, f);
            fclose(f);
        }
    }
    return true;
}

bool wd__jit_hot(wd_cfunc *cf, uint32_t pos)
{
    wd_jitfn *j = cf->jit;
    if (!j || !j->live || j->failed)
        return false;
    /* a function run once (most of a program's start-up) is not worth compiling; one
     * that loops or is called again is */
    if (!j->code && pos == 2 && cf->module->tier != WD_TIER_JIT_EAGER && ++j->hits < 2)
        return false;
    return make_native(cf);
}

int wd__jit_run(wd_exec *x, const wd_cfunc *cf, uint32_t pos, uint64_t *fp, wd_memory *mem0,
                const wd_word **ip, bool *backedge)
{
    const wd_jitfn *j = cf->jit;
    wd_xframe *fr = x->frames + x->nframes - 1;
    jctx c = { x, fr, x->frames + x->max_frames, x->stack + x->nstack, mem0, 0, 0, fr->inst, 0,
               NULL };
    __atomic_store_n(&x->jit_ctx, &c, __ATOMIC_RELEASE);
    int r = tramp(&c, fp, j->code + j->noff[pos]);
    __atomic_store_n(&x->jit_ctx, NULL, __ATOMIC_RELEASE);
    if (r == WD_JIT_RET)
        return r;
    /* a cold stub of the innermost native frame's function left */
    const wd_cfunc *top = x->frames[x->nframes - 1].cf;
    const struct wd_jitexit *e = &top->jit->exits[c.exit_k];
    *ip = top->code + e->pos;
    *backedge = e->backedge != 0;
    return e->reason;
}

void wd__jit_note_pc(wd_exec *x, uintptr_t pc)
{
    jctx *c = __atomic_load_n(&x->jit_ctx, __ATOMIC_ACQUIRE);
    __atomic_store_n(&x->tick_native, 0, __ATOMIC_RELAXED);
    if (!c)
        return;
    /* the innermost frame record is complete (the call entry fills it first) */
    const wd_xframe *fr = __atomic_load_n(&c->fr, __ATOMIC_RELAXED);
    const wd_cfunc *cf = fr->cf;
    const wd_jitfn *j = cf ? cf->jit : NULL;
    if (!j || !j->live || !j->start || j->nstart == 0)
        return;
    uint32_t pos;
    const wd_word *sip = __atomic_load_n(&c->step_ip, __ATOMIC_RELAXED);
    if (pc >= (uintptr_t)j->code && pc < (uintptr_t)j->code + j->body_end) {
        uint32_t off = (uint32_t)(pc - (uintptr_t)j->code);
        if (off < j->start[0].noff)
            return;   /* the call entry: the frame is not the callee's yet */
        uint32_t lo = 0, hi = j->nstart;
        while (hi - lo > 1) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (j->start[mid].noff <= off)
                lo = mid;
            else
                hi = mid;
        }
        pos = j->start[lo].pos;
    } else if (sip && sip >= cf->code && sip < cf->code + cf->ncode) {
        pos = (uint32_t)(sip - cf->code);   /* inside jit_step, for this instruction */
    } else {
        return;
    }
    x->tick_cf = cf;
    x->tick_fp = fr->fp;
    x->tick_pos = pos;
    x->tick_depth = (uint32_t)(fr - x->frames) + 1;
    __atomic_store_n(&x->tick_native, 1, __ATOMIC_RELAXED);
}

#else /* no x86-64: every function stays in the interpreter */

static bool make_native(wd_cfunc *cf)
{
    (void)cf;
    return false;
}

bool wd__jit_hot(wd_cfunc *cf, uint32_t pos)
{
    (void)cf;
    (void)pos;
    return false;
}

bool wd__jit_compile(wd_module *m, wd_cfunc *cf)
{
    (void)m;
    (void)cf;
    return false;
}

void wd__jit_note_pc(wd_exec *x, uintptr_t pc)
{
    (void)x;
    (void)pc;
}

int wd__jit_run(wd_exec *x, const wd_cfunc *cf, uint32_t pos, uint64_t *fp, wd_memory *mem0,
                const wd_word **ip, bool *backedge)
{
    (void)x; (void)fp; (void)mem0;
    *ip = cf->code + pos;
    *backedge = false;
    return WD_JIT_RESUME;
}

#endif
