/* optmpl.h: the handler templates of the fixed-signature instructions,
 * generated from opcodes.def (private to core/).
 *
 * One definition of what each instruction does to a frame, shared by the
 * interpreter's loop (interp.c) and the JIT's out-of-line step (jit.c), so
 * the two tiers cannot drift apart. The includer defines CASE(L), NEXT()
 * and TRAP(code) and has fp, ip, inst, mb and ms in scope.
 */
#ifndef WD_OPTMPL_H
#define WD_OPTMPL_H

#include <string.h>

#include "code.h"
#include "num.h"
#include "simd.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

static inline wd_v128 rdv(const uint64_t *p)
{
    wd_v128 v;
    memcpy(&v, p, 16);
    return v;
}
static inline void wrv(uint64_t *p, wd_v128 v) { memcpy(p, &v, 16); }

/* slot access by SIG letter */
#define RD_i(s) ((uint32_t)fp[s])
#define RD_I(s) (fp[s])
#define RD_f(s) ((uint32_t)fp[s])
#define RD_F(s) (fp[s])
#define RD_v(s) rdv(fp + (s))
#define WR_i(s, x) (fp[s] = (uint32_t)(x))
#define WR_I(s, x) (fp[s] = (uint64_t)(x))
#define WR_f(s, x) (fp[s] = (uint32_t)(x))
#define WR_F(s, x) (fp[s] = (uint64_t)(x))
#define WR_v(s, x) wrv(fp + (s), (x))
#define T_i uint32_t
#define T_I uint64_t
#define T_f uint32_t
#define T_F uint64_t
#define T_v wd_v128
#define SEXT(w) ((uint64_t)(int64_t)(int32_t)(w))

/* ---- templates for the generated handlers ---- */
#define PURE1(ID, A, C) CASE(ID) { WR_##C(ip[1], wd_op_##ID(RD_##A(ip[2]))); ip += 3; NEXT(); }
#define PURE2(ID, A, B, C) CASE(ID) { WR_##C(ip[1], wd_op_##ID(RD_##A(ip[2]), RD_##B(ip[3]))); ip += 4; NEXT(); }
#define PURE3(ID, A, B, D, C) CASE(ID) { WR_##C(ip[1], wd_op_##ID(RD_##A(ip[2]), RD_##B(ip[3]), RD_##D(ip[4]))); ip += 5; NEXT(); }
#define LANE1(ID, A, C) CASE(ID) { WR_##C(ip[1], wd_op_##ID(RD_##A(ip[2]), ip[3])); ip += 4; NEXT(); }
#define LANE2(ID, A, B, C) CASE(ID) { WR_##C(ip[1], wd_op_##ID(RD_##A(ip[2]), RD_##B(ip[3]), ip[4])); ip += 5; NEXT(); }
#define SHUF(ID) CASE(ID) { uint8_t l_[16]; memcpy(l_, ip + 4, 16); \
        WR_v(ip[1], wd_op_##ID(RD_v(ip[2]), RD_v(ip[3]), l_)); ip += 8; NEXT(); }
#define TRAP1(ID, A, C) CASE(ID) { T_##C r_; int t_ = wd_op_##ID(RD_##A(ip[2]), &r_); \
        if (UNLIKELY(t_)) { TRAP(t_); } WR_##C(ip[1], r_); ip += 3; NEXT(); }
#define TRAP2(ID, A, B, C) CASE(ID) { T_##C r_; int t_ = wd_op_##ID(RD_##A(ip[2]), RD_##B(ip[3]), &r_); \
        if (UNLIKELY(t_)) { TRAP(t_); } WR_##C(ip[1], r_); ip += 4; NEXT(); }

#define MEM0 uint8_t *mbase_ = mb; uint64_t msz_ = ms;
#define MEMN(w) wd_memory *mm_ = inst->memories[ip[w]]; uint8_t *mbase_ = mm_->data; uint64_t msz_ = mm_->size;
#define EA(aslot, offw, n) \
    uint64_t ea_ = (uint64_t)(uint32_t)fp[ip[aslot]] + ip[offw]; \
    if (UNLIKELY(ea_ + (n) > msz_)) { TRAP(WD_TRAP_MEM_OOB); }
/* load: OP d addr off add [mem]; the address is (addr + add) mod 2^32 */
#define LOAD(ID, L, C, N, SEL, LEN) CASE(L) { SEL \
        uint64_t ea_ = (uint64_t)(uint32_t)((uint32_t)fp[ip[2]] + ip[4]) + ip[3]; \
        if (UNLIKELY(ea_ + (N) > msz_)) { TRAP(WD_TRAP_MEM_OOB); } \
        WR_##C(ip[1], wd_op_##ID(mbase_ + ea_)); ip += LEN; NEXT(); }
/* lane load: OP d addr off v lane [mem] */
#define LOADL(ID, L, N, SEL, LEN) CASE(L) { SEL EA(2, 3, N) \
        WR_v(ip[1], wd_op_##ID(mbase_ + ea_, RD_v(ip[4]), ip[5])); ip += LEN; NEXT(); }
/* store: OP addr v off add [mem]; lane stores: OP addr v off lane [mem] */
#define STORE(ID, L, V, N, SEL, LEN) CASE(L) { SEL \
        uint64_t ea_ = (uint64_t)(uint32_t)((uint32_t)fp[ip[1]] + ip[4]) + ip[3]; \
        if (UNLIKELY(ea_ + (N) > msz_)) { TRAP(WD_TRAP_MEM_OOB); } \
        wd_op_##ID(mbase_ + ea_, RD_##V(ip[2])); ip += LEN; NEXT(); }
#define STOREL(ID, L, N, SEL, LEN) CASE(L) { SEL EA(1, 3, N) wd_op_##ID(mbase_ + ea_, RD_v(ip[2]), ip[4]); ip += LEN; NEXT(); }

/* K_PURE by immediate kind, then by signature */
#define H_K_PURE(ID, sig, imm, mb) H_PURE_##imm(ID, sig)
#define H_PURE_IMM_NONE(ID, sig) P_##sig(ID)
#define H_PURE_IMM_LANE(ID, sig) PL_##sig(ID)
#define H_PURE_IMM_SHUFFLE(ID, sig) SHUF(ID)
#define H_K_TRAP(ID, sig, imm, mb) T_##sig(ID)
#define H_K_LOAD(ID, sig, imm, mb) H_LOAD_##imm(ID, sig, mb)
#define H_LOAD_IMM_MEMARG(ID, sig, mb) LD_##sig(ID, mb)
#define H_LOAD_IMM_MEMARG_LANE(ID, sig, mb) LOADL(ID, ID, mb, MEM0, 6) LOADL(ID, ID##_M, mb, MEMN(6), 7)
#define H_K_STORE(ID, sig, imm, mb) H_STORE_##imm(ID, sig, mb)
#define H_STORE_IMM_MEMARG(ID, sig, mb) ST_##sig(ID, mb)
#define H_STORE_IMM_MEMARG_LANE(ID, sig, mb) STOREL(ID, ID, mb, MEM0, 5) STOREL(ID, ID##_M, mb, MEMN(5), 6)
#define H_K_CONST(ID, sig, imm, mb)
#define H_K_SPECIAL(ID, sig, imm, mb)

#define P_i_i(ID) PURE1(ID, i, i)
#define P_i_I(ID) PURE1(ID, i, I)
#define P_i_f(ID) PURE1(ID, i, f)
#define P_i_F(ID) PURE1(ID, i, F)
#define P_i_v(ID) PURE1(ID, i, v)
#define P_I_i(ID) PURE1(ID, I, i)
#define P_I_I(ID) PURE1(ID, I, I)
#define P_I_f(ID) PURE1(ID, I, f)
#define P_I_F(ID) PURE1(ID, I, F)
#define P_I_v(ID) PURE1(ID, I, v)
#define P_f_i(ID) PURE1(ID, f, i)
#define P_f_I(ID) PURE1(ID, f, I)
#define P_f_f(ID) PURE1(ID, f, f)
#define P_f_F(ID) PURE1(ID, f, F)
#define P_f_v(ID) PURE1(ID, f, v)
#define P_F_i(ID) PURE1(ID, F, i)
#define P_F_I(ID) PURE1(ID, F, I)
#define P_F_f(ID) PURE1(ID, F, f)
#define P_F_F(ID) PURE1(ID, F, F)
#define P_F_v(ID) PURE1(ID, F, v)
#define P_v_i(ID) PURE1(ID, v, i)
#define P_v_v(ID) PURE1(ID, v, v)
#define P_ii_i(ID) PURE2(ID, i, i, i)
#define P_II_I(ID) PURE2(ID, I, I, I)
#define P_II_i(ID) PURE2(ID, I, I, i)
#define P_ff_f(ID) PURE2(ID, f, f, f)
#define P_ff_i(ID) PURE2(ID, f, f, i)
#define P_FF_F(ID) PURE2(ID, F, F, F)
#define P_FF_i(ID) PURE2(ID, F, F, i)
#define P_vv_v(ID) PURE2(ID, v, v, v)
#define P_vi_v(ID) PURE2(ID, v, i, v)
#define P_vvv_v(ID) PURE3(ID, v, v, v, v)
#define PL_v_i(ID) LANE1(ID, v, i)
#define PL_v_I(ID) LANE1(ID, v, I)
#define PL_v_f(ID) LANE1(ID, v, f)
#define PL_v_F(ID) LANE1(ID, v, F)
#define PL_vi_v(ID) LANE2(ID, v, i, v)
#define PL_vI_v(ID) LANE2(ID, v, I, v)
#define PL_vf_v(ID) LANE2(ID, v, f, v)
#define PL_vF_v(ID) LANE2(ID, v, F, v)
#define T_f_i(ID) TRAP1(ID, f, i)
#define T_f_I(ID) TRAP1(ID, f, I)
#define T_F_i(ID) TRAP1(ID, F, i)
#define T_F_I(ID) TRAP1(ID, F, I)
#define T_ii_i(ID) TRAP2(ID, i, i, i)
#define T_II_I(ID) TRAP2(ID, I, I, I)
#define LD_(ID, C, N) LOAD(ID, ID, C, N, MEM0, 5) LOAD(ID, ID##_M, C, N, MEMN(5), 6)
#define LD_i_i(ID, N) LD_(ID, i, N)
#define LD_i_I(ID, N) LD_(ID, I, N)
#define LD_i_f(ID, N) LD_(ID, f, N)
#define LD_i_F(ID, N) LD_(ID, F, N)
#define LD_i_v(ID, N) LD_(ID, v, N)
#define ST_(ID, V, N) STORE(ID, ID, V, N, MEM0, 5) STORE(ID, ID##_M, V, N, MEMN(5), 6)
#define ST_ii_(ID, N) ST_(ID, i, N)
#define ST_iI_(ID, N) ST_(ID, I, N)
#define ST_if_(ID, N) ST_(ID, f, N)
#define ST_iF_(ID, N) ST_(ID, F, N)
#define ST_iv_(ID, N) ST_(ID, v, N)

#endif
