/* interp.c: the slot-code interpreter (see code.h for the code format).
 *
 * Dispatch is indirect threading with computed goto: every handler ends in
 * `goto *disp[*ip]`. disp is a local: the normal table, or, while any
 * global probe is set, a table whose every entry goes to the global-probe
 * handler (which fires the probes, then jumps through the normal table),
 * or, while all global probes are memory probes, a table in which only
 * the instructions that access memory go to that handler.
 * Without GCC/clang's labels-as-values the same handlers form a switch.
 *
 * Exact ticks: the normal table is a writable copy (live_disp) that every
 * dispatch loads from memory anyway. wd__interp_tick_soon() (async-signal-
 * safe) points all its entries at L_TICK, so the next instruction any
 * interpreter dispatches goes there first: L_TICK restores the table and,
 * if its exec asked for a tick, runs the tick with the frame stopped before
 * that instruction. No cost until a tick is asked for. The table is shared
 * by all threads: another thread's interpreter may restore it first, and
 * then the tick waits for the next safepoint (the request also zeroes the
 * budget counter). The memory-probe table bypasses live_disp for other
 * instructions: there the tick waits for a memory access or a safepoint.
 *
 * The handlers of the fixed-signature ops (K_PURE, K_TRAP, K_LOAD, K_STORE)
 * are generated from opcodes.def through one template per (kind, sig,
 * immediate) and call the wd_op_* functions of num.h / simd.h. Everything
 * else is written by hand below, once.
 *
 * Calls never recurse on the C stack: a wasm call pushes a frame record
 * (exec->frames) and continues in the same loop; the arguments already sit
 * at the call site's stack slots, which become the callee's fp[0].
 *
 * Registers of the loop: ip, fp, the frame record fr, the instance, and the
 * base and size of memory 0 (mb, ms), reloaded after calls, returns,
 * memory.grow and host calls (memories never move, only grow).
 */
#include <string.h>

#include "code.h"
#include "jit.h"
#include "optmpl.h"

#if (defined(__GNUC__) || defined(__clang__)) && !defined(WD_NO_COMPUTED_GOTO)
#define WD_GOTO 1
#else
#define WD_GOTO 0
#endif


static wd_memory wd_nomem;   /* stands in for memory 0 when there is none */

#if WD_GOTO
/* Exact ticks (see the header): the live table, its pristine copy and the
 * label of the tick handler, published by the first run. */
static const void *live_disp[WD_C__COUNT];
static const void *const *rom_disp;
static const void *tick_label;
static int live_ready;

static void live_restore(void)
{
    for (uint32_t i = 0; i < WD_C__COUNT; i++)
        __atomic_store_n(&live_disp[i], rom_disp[i], __ATOMIC_RELAXED);
}
#endif

void wd__interp_tick_soon(void)
{
#if WD_GOTO
    if (!__atomic_load_n(&live_ready, __ATOMIC_ACQUIRE))
        return;   /* nothing has run yet: the safepoint path will do */
    for (uint32_t i = 0; i < WD_C__COUNT; i++)
        __atomic_store_n(&live_disp[i], tick_label, __ATOMIC_RELAXED);
#endif
}


#if WD_GOTO
#define CASE(L) L_##L:
/* relaxed atomic loads: a signal handler may rewrite live_disp */
#define NEXT() goto *__atomic_load_n(&disp[*ip], __ATOMIC_RELAXED)
#define DISPATCH_NORMAL(op) goto *__atomic_load_n(&live_disp[op], __ATOMIC_RELAXED)
#else
#define CASE(L) case WD_C_##L:
#define NEXT() goto next
#define DISPATCH_NORMAL(op) do { sop = (op); goto run; } while (0)
#endif

/* dispatch-table entries for the _M variants */
#define WD__DM_K_LOAD(ID) [WD_C_##ID##_M] = &&L_##ID##_M,
#define WD__DM_K_STORE(ID) [WD_C_##ID##_M] = &&L_##ID##_M,
#define WD__DM_K_PURE(ID)
#define WD__DM_K_TRAP(ID)
#define WD__DM_K_CONST(ID)
#define WD__DM_K_SPECIAL(ID)

#if defined(__GNUC__) && !defined(__clang__)
/* keep the locals-zeroing loop of calls inline (no memset call) */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
wd_stop wd__interp_run(wd_exec *x)
{
#if WD_GOTO
    static const void *const ndisp[WD_C__COUNT] = {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) [WD_C_##ID] = &&L_##ID,
#include "opcodes.def"
#define OP(ID, name, prefix, code, imm, sig, kind, mb) WD__DM_##kind(ID)
#include "opcodes.def"
#define X(ID) [WD_C_##ID##_I] = &&L_##ID##_I,
        WD_IMM_OPS(X)
#undef X
#define X(ID, INV) [WD_C_BRC_##ID] = &&L_BRC_##ID, [WD_C_BRCI_##ID] = &&L_BRCI_##ID,
        WD_CMP_OPS(X)
#undef X
#define X(ID, T, N) [WD_C_##ID##_K] = &&L_##ID##_K,
        WD_STOREK_OPS(X)
#undef X
#define X(ID, T, LD, ST, N) [WD_C_##ID##_LB] = &&L_##ID##_LB, [WD_C_##ID##_LA] = &&L_##ID##_LA, \
        [WD_C_##ID##_SB] = &&L_##ID##_SB, [WD_C_##ID##_SA] = &&L_##ID##_SA,
        WD_LDOP_OPS(X)
#undef X
#define X(ID, T, N) [WD_C_##ID##_X] = &&L_##ID##_X,
        WD_LDX_OPS(X)
        WD_STX_OPS(X)
#undef X
#define X(ID, T, N) [WD_C_##ID##_KX] = &&L_##ID##_KX,
        WD_STOREK_OPS(X)
#undef X
#define X(ID) [WD_C_##ID] = &&L_##ID,
        WD_MULADD_OPS(X)
#undef X
#define X(ID) [WD_C_##ID##_K64] = &&L_##ID##_K64,
        WD_IMM64_OPS(X)
#undef X
#define X(ID) [WD_C_ADDBR_##ID] = &&L_ADDBR_##ID, [WD_C_ADDBRI_##ID] = &&L_ADDBRI_##ID, \
        [WD_C_ADDRBR_##ID] = &&L_ADDRBR_##ID, [WD_C_ADDRBRI_##ID] = &&L_ADDRBRI_##ID,
        WD_ADDBR_OPS(X)
#undef X
        [WD_C_I32_ADD2_I] = &&L_I32_ADD2_I,
        [WD_C_MOV] = &&L_MOV, [WD_C_MOV2] = &&L_MOV2, [WD_C_CONST32] = &&L_CONST32,
        [WD_C_CONST64] = &&L_CONST64, [WD_C_JMP] = &&L_JMP, [WD_C_BR_IF_EQZ] = &&L_BR_IF_EQZ,
        [WD_C_BR_IF64] = &&L_BR_IF64, [WD_C_BR_IF_EQZ64] = &&L_BR_IF_EQZ64, [WD_C_RET] = &&L_RET,
        [WD_C_SAFEPOINT] = &&L_SAFEPOINT, [WD_C_PROBE] = &&L_PROBE,
        [WD_C_CALL_IMPORT] = &&L_CALL_IMPORT, [WD_C_SELECT2] = &&L_SELECT2,
        [WD_C_GLOBAL_GET2] = &&L_GLOBAL_GET2, [WD_C_GLOBAL_SET2] = &&L_GLOBAL_SET2,
        [WD_C_LAZY] = &&L_LAZY, [WD_C_JIT] = &&L_JIT,
    };
    static const void *const gdisp[WD_C__COUNT] = { [0 ... WD_C__COUNT - 1] = &&L_GPROBE };
    /* memory probes only: the instructions that access memory (and patched ones, which
     * may hide one) go to the probe handler, the rest run as normal */
    static const void *mdisp[WD_C__COUNT];
    static int mdisp_ready;
    if (!__atomic_load_n(&mdisp_ready, __ATOMIC_ACQUIRE)) {
        const wd_memdesc *md = wd__memdesc_table();
        for (wd_word op = 0; op < WD_C__COUNT; op++)
            mdisp[op] = op == WD_C_PROBE || op == WD_C_JIT ? &&L_GPROBE
                        : md[op].mode != WD_MD_NONE ? &&L_MEMCHECK : ndisp[op];
        __atomic_store_n(&mdisp_ready, 1, __ATOMIC_RELEASE);
    }
    const void *const *disp;
    if (UNLIKELY(!__atomic_load_n(&live_ready, __ATOMIC_ACQUIRE))) {
        /* concurrent first runs store the same values */
        __atomic_store_n(&rom_disp, ndisp, __ATOMIC_RELAXED);
        __atomic_store_n(&tick_label, &&L_TICK, __ATOMIC_RELAXED);
        live_restore();
        __atomic_store_n(&live_ready, 1, __ATOMIC_RELEASE);
    }
#else
    wd_word sop;
#endif
    wd_xframe *const fbase = x->frames;
    wd_xframe *const flimit = x->frames + x->max_frames;
    wd_xframe *fr = x->frames + x->nframes - 1;
    const wd_word *ip = fr->ip;
    uint64_t *fp = fr->fp;
    wd_instance *inst = fr->inst;
    const wd_cfunc *cf = fr->cf;
    uint64_t *const stack_end = x->stack + x->nstack;
    wd_memory *mem0 = inst->module->nmemories ? inst->memories[0] : &wd_nomem;
    uint8_t *mb = mem0->data;
    uint64_t ms = mem0->size;
    wd_trap trap = WD_TRAP_NONE;
    wd_stop stop = WD_STOP_DONE;

#define JUMP(rel) do { \
        int32_t r_ = (int32_t)(rel); \
        ip += r_; \
        if (r_ <= 0) {   /* 0: a loop whose one instruction is its branch */ \
            int64_t b_ = __atomic_load_n(&x->budget, __ATOMIC_RELAXED) - (int32_t)ip[-1]; \
            __atomic_store_n(&x->budget, b_, __ATOMIC_RELAXED); \
            if (UNLIKELY(b_ <= 0)) { \
                x->at_backedge = true;   /* for the tick: see backedge_slow */ \
                goto backedge_slow; \
            } \
        } \
        NEXT(); \
    } while (0)
#define SAVE() do { fr->ip = ip; x->nframes = (uint32_t)(fr - fbase) + 1; } while (0)
#define TRAP(code) do { trap = (wd_trap)(code); SAVE(); goto trapped; } while (0)
#define RELOAD_MEM() do { mb = mem0->data; ms = mem0->size; } while (0)
#define SET_INST(i) do { inst = (i); mem0 = inst->module->nmemories ? inst->memories[0] : &wd_nomem; } while (0)
#if WD_GOTO
#define RELOAD_DISP() (disp = !x->ngprobes ? (const void *const *)live_disp \
                            : x->ngprobes == x->nmemprobes ? mdisp : gdisp)
#else
#define RELOAD_DISP() ((void)0)
#endif

    RELOAD_DISP();
    {
        int skip = x->resume_skip;
        x->resume_skip = WD_SKIP_NONE;
        if (skip == WD_SKIP_ALL && *ip == WD_C_PROBE)
            DISPATCH_NORMAL(wd__probe_orig(inst->module, cf, (uint32_t)(ip - cf->code)));
        if (skip != WD_SKIP_NONE)
            DISPATCH_NORMAL(*ip);
    }
#if WD_GOTO
    NEXT();
#else
next:
    if (x->ngprobes)
        goto gprobe;
    sop = *ip;
run:
    switch (sop) {
#endif

    /* ---------------------------------------------------- generated */
#define OP(ID, name, prefix, code, imm, sig, kind, mb) H_##kind(ID, sig, imm, mb)
#include "opcodes.def"

    /* immediate variants: OPI d a imm */
#define X(ID) CASE(ID##_I) { fp[ip[1]] = wd_op_##ID(fp[ip[2]], SEXT(ip[3])); ip += 4; NEXT(); }
    WD_IMM_OPS(X)
#undef X
    /* stores of a constant: OPK addr imm off add */
#define X(ID, T, N) CASE(ID##_K) { \
        uint64_t ea_ = (uint64_t)(uint32_t)((uint32_t)fp[ip[1]] + ip[4]) + ip[3]; \
        if (UNLIKELY(ea_ + (N) > ms)) { TRAP(WD_TRAP_MEM_OOB); } \
        wd_op_##ID(mb + ea_, (T_##T)SEXT(ip[2])); ip += 5; NEXT(); }
    WD_STOREK_OPS(X)
#undef X
    /* fused compare-and-branch: BRC a b rel, BRCI a imm rel */
#define X(ID, INV) \
    CASE(BRC_##ID) { if (wd_op_##ID(fp[ip[1]], fp[ip[2]])) { JUMP(ip[3]); } ip += 4; NEXT(); } \
    CASE(BRCI_##ID) { if (wd_op_##ID(fp[ip[1]], SEXT(ip[2]))) { JUMP(ip[3]); } ip += 4; NEXT(); }
    WD_CMP_OPS(X)
#undef X

    /* ---------------------------------------------------- superinstructions */
    /* float op with a memory operand: ea = (fp[addr] + add) mod 2^32 + off */
#define EA0(aw, offw, addw, n) \
        uint64_t ea_ = (uint64_t)(uint32_t)((uint32_t)fp[ip[aw]] + ip[addw]) + ip[offw]; \
        if (UNLIKELY(ea_ + (n) > ms)) { TRAP(WD_TRAP_MEM_OOB); }
#define X(ID, T, LD, ST, N) \
    CASE(ID##_LB) { EA0(3, 4, 5, N) \
        WR_##T(ip[1], wd_op_##ID(RD_##T(ip[2]), wd_op_##LD(mb + ea_))); ip += 6; NEXT(); } \
    CASE(ID##_LA) { EA0(2, 3, 4, N) \
        WR_##T(ip[1], wd_op_##ID(wd_op_##LD(mb + ea_), RD_##T(ip[5]))); ip += 6; NEXT(); } \
    CASE(ID##_SB) { EA0(1, 3, 4, N) \
        wd_op_##ST(mb + ea_, wd_op_##ID(RD_##T(ip[2]), wd_op_##LD(mb + ea_))); ip += 5; NEXT(); } \
    CASE(ID##_SA) { EA0(1, 3, 4, N) \
        wd_op_##ST(mb + ea_, wd_op_##ID(wd_op_##LD(mb + ea_), RD_##T(ip[2]))); ip += 5; NEXT(); }
    WD_LDOP_OPS(X)
#undef X
    /* indexed: ea = (fp[a] + (fp[b] << k)) mod 2^32 + off */
#define EAX(aw, bw, offw, kw, n) \
        uint64_t ea_ = (uint64_t)(uint32_t)((uint32_t)fp[ip[aw]] + ((uint32_t)fp[ip[bw]] << ip[kw])) \
                       + ip[offw]; \
        if (UNLIKELY(ea_ + (n) > ms)) { TRAP(WD_TRAP_MEM_OOB); }
#define X(ID, T, N) CASE(ID##_X) { EAX(2, 3, 4, 5, N) WR_##T(ip[1], wd_op_##ID(mb + ea_)); ip += 6; NEXT(); }
    WD_LDX_OPS(X)
#undef X
#define X(ID, T, N) CASE(ID##_X) { EAX(1, 2, 4, 5, N) wd_op_##ID(mb + ea_, RD_##T(ip[3])); ip += 6; NEXT(); }
    WD_STX_OPS(X)
#undef X
#define X(ID, T, N) CASE(ID##_KX) { EAX(1, 2, 4, 5, N) wd_op_##ID(mb + ea_, (T_##T)SEXT(ip[3])); ip += 6; NEXT(); }
    WD_STOREK_OPS(X)
#undef X
    CASE(F64_MULADD) {
        WR_F(ip[1], wd_op_F64_ADD(wd_op_F64_MUL(RD_F(ip[2]), RD_F(ip[3])), RD_F(ip[4])));
        ip += 5;
        NEXT();
    }
    CASE(F64_ADDMUL) {
        WR_F(ip[1], wd_op_F64_ADD(RD_F(ip[4]), wd_op_F64_MUL(RD_F(ip[2]), RD_F(ip[3]))));
        ip += 5;
        NEXT();
    }
    CASE(F64_MULSUB) {
        WR_F(ip[1], wd_op_F64_SUB(wd_op_F64_MUL(RD_F(ip[2]), RD_F(ip[3])), RD_F(ip[4])));
        ip += 5;
        NEXT();
    }
    CASE(F64_MULMUL) {
        WR_F(ip[1], wd_op_F64_MUL(wd_op_F64_MUL(RD_F(ip[2]), RD_F(ip[3])), RD_F(ip[4])));
        ip += 5;
        NEXT();
    }
    CASE(F64_SUBMUL) {
        WR_F(ip[1], wd_op_F64_SUB(RD_F(ip[4]), wd_op_F64_MUL(RD_F(ip[2]), RD_F(ip[3]))));
        ip += 5;
        NEXT();
    }
    /* 64-bit immediates: OPK d a lo hi */
#define X(ID) CASE(ID##_K64) { fp[ip[1]] = wd_op_##ID(fp[ip[2]], ip[3] | (uint64_t)ip[4] << 32); \
        ip += 5; NEXT(); }
    WD_IMM64_OPS(X)
#undef X
    CASE(I32_ADD2_I) {
        fp[ip[1]] = (uint32_t)fp[ip[2]] + ip[3];
        fp[ip[4]] = (uint32_t)fp[ip[5]] + ip[6];
        ip += 7;
        NEXT();
    }
    /* add, then compare-and-branch on the sum */
#define X(ID) \
    CASE(ADDBR_##ID) { uint32_t v_ = (uint32_t)fp[ip[2]] + ip[3]; fp[ip[1]] = v_; \
        if (wd_op_##ID(v_, (uint32_t)fp[ip[4]])) { JUMP(ip[5]); } ip += 6; NEXT(); } \
    CASE(ADDBRI_##ID) { uint32_t v_ = (uint32_t)fp[ip[2]] + ip[3]; fp[ip[1]] = v_; \
        if (wd_op_##ID(v_, ip[4])) { JUMP(ip[5]); } ip += 6; NEXT(); } \
    CASE(ADDRBR_##ID) { uint32_t v_ = (uint32_t)fp[ip[2]] + (uint32_t)fp[ip[3]]; fp[ip[1]] = v_; \
        if (wd_op_##ID(v_, (uint32_t)fp[ip[4]])) { JUMP(ip[5]); } ip += 6; NEXT(); } \
    CASE(ADDRBRI_##ID) { uint32_t v_ = (uint32_t)fp[ip[2]] + (uint32_t)fp[ip[3]]; fp[ip[1]] = v_; \
        if (wd_op_##ID(v_, ip[4])) { JUMP(ip[5]); } ip += 6; NEXT(); }
    WD_ADDBR_OPS(X)
#undef X

    /* ---------------------------------------------------- moves, consts */
    CASE(MOV) { fp[ip[1]] = fp[ip[2]]; ip += 3; NEXT(); }
    CASE(MOV2) { memmove(fp + ip[1], fp + ip[2], 16); ip += 3; NEXT(); }
    CASE(CONST32) { fp[ip[1]] = ip[2]; ip += 3; NEXT(); }
    CASE(CONST64) { fp[ip[1]] = ip[2] | (uint64_t)ip[3] << 32; ip += 4; NEXT(); }
    CASE(V128_CONST) { memcpy(fp + ip[1], ip + 2, 16); ip += 6; NEXT(); }
    CASE(SELECT) { fp[ip[1]] = (uint32_t)fp[ip[4]] ? fp[ip[2]] : fp[ip[3]]; ip += 5; NEXT(); }
    CASE(SELECT2) {
        memmove(fp + ip[1], fp + ((uint32_t)fp[ip[4]] ? ip[2] : ip[3]), 16);
        ip += 5;
        NEXT();
    }

    /* ---------------------------------------------------- branches */
    CASE(JMP) { JUMP(ip[1]); }
    CASE(BR_IF) { if ((uint32_t)fp[ip[1]]) { JUMP(ip[2]); } ip += 3; NEXT(); }
    CASE(BR_IF_EQZ) { if (!(uint32_t)fp[ip[1]]) { JUMP(ip[2]); } ip += 3; NEXT(); }
    CASE(BR_IF64) { if (fp[ip[1]]) { JUMP(ip[2]); } ip += 3; NEXT(); }
    CASE(BR_IF_EQZ64) { if (!fp[ip[1]]) { JUMP(ip[2]); } ip += 3; NEXT(); }
    CASE(BR_TABLE) {
        uint32_t i = (uint32_t)fp[ip[1]];
        uint32_t n = ip[2];
        if (i > n)
            i = n;
        JUMP(ip[3 + i]);
    }
    CASE(UNREACHABLE) { TRAP(WD_TRAP_UNREACHABLE); }

    /* ---------------------------------------------------- safepoints */
    /* A backward branch targets a loop header just after its SAFEPOINT
     * and subtracts that safepoint's weight (ip[-1]) itself. On its way
     * here (only when the counter ran out) it sets x->at_backedge, for
     * wd_exec_tick_backedge during the tick; the function entry leaves it
     * false, and the safepoint clears it for the next time. A constant: storing
     * the branch's position or displacement instead keeps one more value
     * alive across the budget update, and gcc then spends a register copy
     * on every taken branch's fast path (the branch is found in the
     * function's back-edge table instead, wd_cfunc.edges). */
backedge_slow:
    /* a stub's entry (weight 0) with the counter already run out: compile
     * first, the real entry SAFEPOINT then takes this path again */
    if (UNLIKELY(*ip == WD_C_LAZY))
        goto lazy;
    SAVE();
    {
        wd_stop s = wd__exec_safepoint(x);
        x->at_backedge = false;
        RELOAD_DISP();
        RELOAD_MEM();
        if (s != WD_STOP_DONE) {
            stop = s;
            goto suspend;
        }
    }
    NEXT();
    CASE(SAFEPOINT) {
        int64_t b = __atomic_load_n(&x->budget, __ATOMIC_RELAXED) - (int32_t)ip[1];
        __atomic_store_n(&x->budget, b, __ATOMIC_RELAXED);
        ip += 2;
        if (UNLIKELY(b <= 0)) {
            SAVE();
            wd_stop s = wd__exec_safepoint(x);
            RELOAD_DISP();
            RELOAD_MEM();
            if (s != WD_STOP_DONE) {
                stop = s;
                goto suspend;
            }
        }
        NEXT();
    }

    /* ---------------------------------------------------- calls */
    {
        const wd_cfunc *ncf;
        uint64_t *nfp;
        wd_func *f;
        uint32_t len;

    CASE(CALL)
        ncf = (const wd_cfunc *)(uintptr_t)(ip[1] | (uint64_t)ip[2] << 32);
        nfp = fp + ip[3];
        len = 4;
    enter:
        if (UNLIKELY(nfp + ncf->frame_slots > stack_end || fr + 1 >= flimit))
            TRAP(WD_TRAP_STACK_EXHAUSTED);
        fr->ip = ip + len;
        fr++;
        fr->fp = nfp;
        fr->inst = inst;
        fr->cf = ncf;
        for (uint64_t *z = nfp + ncf->param_slots, *ze = nfp + ncf->local_slots; z < ze; z++)
            *z = 0;
        fp = nfp;
        cf = ncf;
    entry_safepoint:
        /* the callee's entry SAFEPOINT (code[0..1]) is done here */
        ip = cf->code + 2;
        {
            int64_t b_ = __atomic_load_n(&x->budget, __ATOMIC_RELAXED) - (int32_t)cf->code[1];
            __atomic_store_n(&x->budget, b_, __ATOMIC_RELAXED);
            if (UNLIKELY(b_ <= 0))
                goto backedge_slow;
        }
        NEXT();

    CASE(CALL_IMPORT)
        f = inst->funcs[ip[1]];
        nfp = fp + ip[2];
        len = 3;
    call_func:
        if (!f->is_host) {
            ncf = f->code;
            if (f->inst != inst) {
                if (UNLIKELY(nfp + ncf->frame_slots > stack_end || fr + 1 >= flimit))
                    TRAP(WD_TRAP_STACK_EXHAUSTED);
                SET_INST(f->inst);
                RELOAD_MEM();
            }
            goto enter;
        }
        /* host function: a frame record of its own while it runs */
        if (UNLIKELY(fr + 1 >= flimit))
            TRAP(WD_TRAP_STACK_EXHAUSTED);
        fr->ip = ip + len;
        fr++;
        fr->fp = nfp;
        fr->inst = NULL;
        fr->cf = NULL;
        fr->host = f;
        fr->ip = NULL;
        x->nframes = (uint32_t)(fr - fbase) + 1;
        {
            int rc = f->host_fn(x, f->host_env, nfp);
            RELOAD_DISP();
            RELOAD_MEM();
            if (UNLIKELY(rc != 0)) {
                if (rc == WD_HOST_EXIT) {
                    stop = WD_STOP_EXIT;
                    goto finished;
                }
                if (rc == WD_HOST_BLOCKED) {
                    /* undo the call: resuming runs the call instruction again */
                    fr--;
                    SAVE();
                    x->resume_skip = WD_SKIP_ALL;
                    stop = WD_STOP_BLOCKED;
                    goto suspend;
                }
                trap = (rc > 0 && rc < WD_TRAP__COUNT) ? (wd_trap)rc : WD_TRAP_HOST;
                goto trapped;
            }
        }
        fr--;
        ip = fr->ip;
        if (len == 0)       /* a tail call of a host function: return now */
            goto do_return;
        NEXT();

    CASE(CALL_INDIRECT) {
        int t_;
        f = wd__indirect_callee(inst, ip[2], (uint32_t)fp[ip[4]], ip[1], &t_);
        if (UNLIKELY(!f))
            TRAP(t_);
        nfp = fp + ip[3];
        len = 5;
        if (LIKELY(!f->is_host && f->inst == inst)) {
            ncf = f->code;
            goto enter;
        }
        goto call_func;
    }

    CASE(RETURN_CALL)
        f = inst->funcs[ip[1]];
        goto tail;
    CASE(RETURN_CALL_INDIRECT) {
        int t_;
        f = wd__indirect_callee(inst, ip[2], (uint32_t)fp[ip[3]], ip[1], &t_);
        if (UNLIKELY(!f))
            TRAP(t_);
    }
    tail:
        if (f->is_host) {
            nfp = fp;
            len = 0;
            goto call_func;
        }
        ncf = f->code;
        if (UNLIKELY(fp + ncf->frame_slots > stack_end))
            TRAP(WD_TRAP_STACK_EXHAUSTED);
        if (f->inst != inst) {
            SET_INST(f->inst);
            RELOAD_MEM();
        }
        fr->inst = inst;
        fr->cf = ncf;
        for (uint64_t *z = fp + ncf->param_slots, *ze = fp + ncf->local_slots; z < ze; z++)
            *z = 0;
        cf = ncf;
        goto entry_safepoint;
    }

    CASE(RET)
    do_return:
        if (UNLIKELY(fr == fbase)) {
            x->nframes = 0;
            stop = WD_STOP_DONE;
            goto finished;
        }
        fr--;
        ip = fr->ip;
        fp = fr->fp;
        cf = fr->cf;
        /* mb/ms follow memory.grow within the instance; host calls and
         * safepoints reload them */
        if (UNLIKELY(fr->inst != inst)) {
            SET_INST(fr->inst);
            RELOAD_MEM();
        }
        NEXT();

    /* ---------------------------------------------------- lazy compilation */
    /* First call of a function: fr, fp and cf are its frame already, cf a
     * stub (code.h). Compile into cf itself, then do what the call would
     * have done with the real code. */
    CASE(LAZY)
    lazy: {
        SAVE();
        if (UNLIKELY(!wd__exec_compile(x, inst, cf))) {
            ip = cf->code;
            TRAP(WD_TRAP_HOST);
        }
        uint64_t *ze = fp + cf->local_slots;
        bool fits = fp + cf->frame_slots <= stack_end;
        if (UNLIKELY(!fits) && ze > stack_end)
            ze = stack_end;
        for (uint64_t *z = fp + cf->param_slots; z < ze; z++)
            *z = 0;
        if (UNLIKELY(!fits)) {
            /* reported in the callee at its entry: the caller's frame may
             * be gone already (a tail call) */
            ip = cf->code;
            TRAP(WD_TRAP_STACK_EXHAUSTED);
        }
        goto entry_safepoint;
    }

    /* ---------------------------------------------------- JIT tier */
    /* A JIT-compiled function's entry or loop header (jit.h): run its native
     * code from here, unless a global probe wants every instruction seen. */
    CASE(JIT) {
        uint32_t pos_ = (uint32_t)(ip - cf->code);
        /* not compiled yet: it may be now, if hot (the native code is made on demand) */
        if (UNLIKELY(x->ngprobes || (!cf->jit_call && !wd__jit_hot((wd_cfunc *)(uintptr_t)cf, pos_))))
            DISPATCH_NORMAL(wd__jit_orig(cf, pos_));
        SAVE();
        bool bk_;
        /* through a local: taking ip's address would keep it out of a register in every
         * handler of the loop (+32-47% host instructions when it did) */
        const wd_word *nip_ = ip;
        int r_ = wd__jit_run(x, cf, pos_, fp, mem0, &nip_, &bk_);
        ip = nip_;
        fr = fbase + x->nframes - 1;
        fp = fr->fp;
        cf = fr->cf;
        if (UNLIKELY(fr->inst != inst)) {
            SET_INST(fr->inst);
            RELOAD_MEM();
        }
        if (r_ == WD_JIT_RET)
            goto do_return;
        if (r_ == WD_JIT_SLOW) {
            x->at_backedge = bk_;
            goto backedge_slow;
        }
        DISPATCH_NORMAL(*ip == WD_C_JIT ? wd__jit_orig(cf, (uint32_t)(ip - cf->code)) : *ip);
    }

    /* ---------------------------------------------------- probes */
    CASE(PROBE) {
        SAVE();
        wd_word orig = WD_C_UNREACHABLE;
        int a = wd__probe_fire_local(x, inst, cf, (uint32_t)(ip - cf->code), fp, &orig);
        RELOAD_DISP();
        RELOAD_MEM();
        if (a == WD_PROBE_STOP) {
            x->resume_skip = WD_SKIP_ALL;
            stop = WD_STOP_BREAK;
            goto suspend;
        }
        if (a == WD_PROBE_TRAP)
            TRAP(WD_TRAP_PROBE);
        DISPATCH_NORMAL(orig);
    }

    /* ---------------------------------------------------- variables */
    CASE(GLOBAL_GET) { fp[ip[1]] = inst->globals[ip[2]]->val[0]; ip += 3; NEXT(); }
    CASE(GLOBAL_SET) { inst->globals[ip[1]]->val[0] = fp[ip[2]]; ip += 3; NEXT(); }
    CASE(GLOBAL_GET2) { memcpy(fp + ip[1], inst->globals[ip[2]]->val, 16); ip += 3; NEXT(); }
    CASE(GLOBAL_SET2) { memcpy(inst->globals[ip[1]]->val, fp + ip[2], 16); ip += 3; NEXT(); }
    CASE(REF_FUNC) { fp[ip[1]] = (uint64_t)(uintptr_t)inst->funcs[ip[2]]; ip += 3; NEXT(); }

    /* ---------------------------------------------------- tables */
    CASE(TABLE_GET) {
        wd_table *t = inst->tables[ip[3]];
        uint32_t i = (uint32_t)fp[ip[2]];
        if (UNLIKELY(i >= t->size))
            TRAP(WD_TRAP_TABLE_OOB);
        fp[ip[1]] = t->elems[i];
        ip += 4;
        NEXT();
    }
    CASE(TABLE_SET) {
        wd_table *t = inst->tables[ip[1]];
        uint32_t i = (uint32_t)fp[ip[2]];
        if (UNLIKELY(i >= t->size))
            TRAP(WD_TRAP_TABLE_OOB);
        t->elems[i] = fp[ip[3]];
        ip += 4;
        NEXT();
    }
    CASE(TABLE_SIZE) { fp[ip[1]] = inst->tables[ip[2]]->size; ip += 3; NEXT(); }
    CASE(TABLE_GROW) {
        wd_table *t = inst->tables[ip[4]];
        int64_t r = wd__table_grow(t, (uint32_t)fp[ip[3]], fp[ip[2]]);
        fp[ip[1]] = (uint32_t)(int32_t)r;
        ip += 5;
        NEXT();
    }
    CASE(TABLE_FILL) {
        wd_table *t = inst->tables[ip[1]];
        uint64_t i = (uint32_t)fp[ip[2]], n = (uint32_t)fp[ip[4]];
        wd_ref v = fp[ip[3]];
        if (UNLIKELY(i + n > t->size))
            TRAP(WD_TRAP_TABLE_OOB);
        for (uint64_t k = 0; k < n; k++)
            t->elems[i + k] = v;
        ip += 5;
        NEXT();
    }
    CASE(TABLE_COPY) {
        wd_table *td = inst->tables[ip[1]], *ts = inst->tables[ip[2]];
        uint64_t d = (uint32_t)fp[ip[3]], s = (uint32_t)fp[ip[4]], n = (uint32_t)fp[ip[5]];
        if (UNLIKELY(d + n > td->size || s + n > ts->size))
            TRAP(WD_TRAP_TABLE_OOB);
        if (n)
            memmove(td->elems + d, ts->elems + s, n * sizeof(wd_ref));
        ip += 6;
        NEXT();
    }
    CASE(TABLE_INIT) {
        int t_ = wd__table_init(inst, ip[2], ip[1], (uint32_t)fp[ip[3]], (uint32_t)fp[ip[4]],
                                (uint32_t)fp[ip[5]]);
        if (UNLIKELY(t_))
            TRAP(t_);
        ip += 6;
        NEXT();
    }
    CASE(ELEM_DROP) { inst->elem_dropped[ip[1]] = 1; ip += 2; NEXT(); }

    /* ---------------------------------------------------- memory */
    CASE(MEMORY_SIZE) {
        fp[ip[1]] = (uint32_t)(inst->memories[ip[2]]->size / WD_PAGE_SIZE);
        ip += 3;
        NEXT();
    }
    CASE(MEMORY_GROW) {
        int64_t r = wd_memory_grow(inst->memories[ip[3]], (uint32_t)fp[ip[2]]);
        fp[ip[1]] = (uint32_t)(int32_t)r;
        RELOAD_MEM();
        ip += 4;
        NEXT();
    }
    CASE(MEMORY_FILL) {
        wd_memory *m = inst->memories[ip[1]];
        uint64_t d = (uint32_t)fp[ip[2]], n = (uint32_t)fp[ip[4]];
        if (UNLIKELY(d + n > m->size))
            TRAP(WD_TRAP_MEM_OOB);
        if (n)
            memset(m->data + d, (int)(uint8_t)fp[ip[3]], n);
        ip += 5;
        NEXT();
    }
    CASE(MEMORY_COPY) {
        wd_memory *md = inst->memories[ip[1]], *msrc = inst->memories[ip[2]];
        uint64_t d = (uint32_t)fp[ip[3]], s = (uint32_t)fp[ip[4]], n = (uint32_t)fp[ip[5]];
        if (UNLIKELY(d + n > md->size || s + n > msrc->size))
            TRAP(WD_TRAP_MEM_OOB);
        if (n)
            memmove(md->data + d, msrc->data + s, n);
        ip += 6;
        NEXT();
    }
    CASE(MEMORY_INIT) {
        int t_ = wd__memory_init(inst, ip[2], ip[1], (uint32_t)fp[ip[3]], (uint32_t)fp[ip[4]],
                                 (uint32_t)fp[ip[5]]);
        if (UNLIKELY(t_))
            TRAP(t_);
        ip += 6;
        NEXT();
    }
    CASE(DATA_DROP) { inst->data_dropped[ip[1]] = 1; ip += 2; NEXT(); }

    /* ---------------------------------------------------- never emitted */
    CASE(NOP) CASE(BLOCK) CASE(LOOP) CASE(IF) CASE(ELSE) CASE(END) CASE(BR) CASE(RETURN)
    CASE(DROP) CASE(SELECT_T) CASE(LOCAL_GET) CASE(LOCAL_SET) CASE(LOCAL_TEE)
    CASE(I32_CONST) CASE(I64_CONST) CASE(F32_CONST) CASE(F64_CONST)
    CASE(REF_NULL) CASE(REF_IS_NULL)
        goto bad;
#if !WD_GOTO
    default:
        goto bad;
    }
gprobe:
#else
L_GPROBE:
#endif
    if (*ip != WD_C_SAFEPOINT && *ip != WD_C_LAZY) {
        SAVE();
        int a = wd__probe_fire_global(x, inst, cf, (uint32_t)(ip - cf->code), fp);
        RELOAD_DISP();
        RELOAD_MEM();
        if (a == WD_PROBE_STOP) {
            x->resume_skip = WD_SKIP_GLOBAL;
            stop = WD_STOP_BREAK;
            goto suspend;
        }
        if (a == WD_PROBE_TRAP)
            TRAP(WD_TRAP_PROBE);
    }
    DISPATCH_NORMAL(*ip);

#if WD_GOTO
L_MEMCHECK: {
    /* memory probes only, narrowed to addresses (wd_probe_filter_memory): an access
     * outside them runs at once, without leaving the loop; anything else (a hit, a
     * bulk operation, a frame bound reached) takes the probe path, which decides */
    const wd_memdesc *d = &wd__memdesc_tab[*ip];   /* filled: a memory probe exists */
    uint64_t ad;
    uint32_t mi;
    if (x->mf_on && (uint32_t)(fr - fbase) + 1 >= x->mf_min_frames &&
        wd__mem_addr(d, ip, fp, &ad, &mi) && mi == 0 &&
        (ad + d->size <= x->mf_lo || ad >= x->mf_hi))
        DISPATCH_NORMAL(*ip);
    goto L_GPROBE;
}

L_TICK:
    live_restore();
    if (__atomic_load_n(&x->tick_req, __ATOMIC_RELAXED)) {
        SAVE();
        wd__exec_exact_tick(x);
        RELOAD_DISP();
        RELOAD_MEM();
    }
    goto *ndisp[*ip];
#endif

bad:
    trap = WD_TRAP_UNREACHABLE;
    SAVE();
    wd__exec_set_trap(x, trap, "internal error: bad instruction");
    x->state = WD_X_FINISHED;
    return WD_STOP_TRAP;

trapped:
    wd__exec_set_trap(x, trap, NULL);
    x->state = WD_X_FINISHED;
    return WD_STOP_TRAP;

suspend:
    x->state = WD_X_SUSPENDED;
    return stop;

finished:
    x->state = WD_X_FINISHED;
    return stop;
}
