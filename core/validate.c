/* validate.c: WebAssembly 2.0 validation (plus the tail-call, extended-const
 * and multi-memory features when enabled).
 *
 * Module-level checks (limits, segments, exports, start) come first, then
 * every function body is type-checked in one pass with the algorithm of the
 * spec's appendix: an operand stack of value types, where VT_UNKNOWN stands
 * for any type in unreachable code, and a control stack of frames with their
 * label types, operand stack height and unreachable flag. Constant
 * expressions go through the same walker in a restricted mode.
 *
 * Numeric, vector, load and store instructions are checked generically from
 * the SIG column of opcodes.def (parsed once into sig_table); everything else
 * is written out by hand below.
 *
 * Errors: instruction-stream decoding failures (from wd_insn_read) and a few
 * structural problems the binary format defines (missing `end`, data count
 * section required, illegal opcodes of disabled features) are
 * WD_ERR_MALFORMED; everything else is WD_ERR_INVALID, worded as the spec
 * test suite expects ("type mismatch", "unknown function 3", ...). Offsets
 * are those of the offending instruction, or of the section entry.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "module.h"
#include "reader.h"

/* ------------------------------------------------------------ limits */

#define VT_UNKNOWN 0u                 /* the spec's "Unknown" operand type */
#define V_MAX_PAGES 65536u            /* 32-bit memories: 4 GiB */
#define V_MAX_CTRL (1u << 18)         /* nesting depth we accept (262144) */
#define V_MAX_VALS (1u << 24)         /* operand stack entries we accept */

/* ------------------------------------------------------------ signatures */

/* Pops and pushes of fixed-signature opcodes, from the SIG column. */
typedef struct sig_ent {
    uint8_t npop, npush;
    uint8_t pop[3];     /* in push order: pop[npop-1] is on top */
    uint8_t push;
    uint8_t lanes;      /* IMM_LANE / IMM_MEMARG_LANE: number of lanes, else 0 */
    uint8_t align_max;  /* K_LOAD / K_STORE: log2(membytes) */
} sig_ent;

static sig_ent sig_table[WD_OP__COUNT];
static pthread_once_t sig_once = PTHREAD_ONCE_INIT;

static uint8_t sig_letter(char c)
{
    switch (c) {
    case 'i': return WD_I32;
    case 'I': return WD_I64;
    case 'f': return WD_F32;
    case 'F': return WD_F64;
    case 'v': return WD_V128;
    default: return VT_UNKNOWN;
    }
}

static void sig_init(void)
{
    for (unsigned op = 0; op < WD_OP__COUNT; op++) {
        const wd_opinfo *oi = &wd_opinfo_table[op];
        sig_ent *e = &sig_table[op];
        memset(e, 0, sizeof *e);
        if (oi->kind == K_SPECIAL || !oi->sig)
            continue;
        const char *s = oi->sig;
        bool after = false;
        for (; *s; s++) {
            if (*s == '_') {
                after = true;
                continue;
            }
            uint8_t t = sig_letter(*s);
            if (t == VT_UNKNOWN)
                continue;
            if (!after) {
                if (e->npop < 3)
                    e->pop[e->npop++] = t;
            } else if (e->npush == 0) {
                e->push = t;
                e->npush = 1;
            }
        }
        if (oi->membytes) {
            unsigned a = 0;
            while ((1u << a) < oi->membytes)
                a++;
            e->align_max = (uint8_t)a;
        }
        if (oi->imm == IMM_LANE && oi->name) {
            /* "i8x16.extract_lane_s" -> 16 lanes */
            const char *x = strchr(oi->name, 'x');
            unsigned n = x ? (unsigned)strtoul(x + 1, NULL, 10) : 0;
            e->lanes = (uint8_t)(n ? n : 16);
        } else if (oi->imm == IMM_MEMARG_LANE && oi->membytes) {
            e->lanes = (uint8_t)(16u / oi->membytes);
        }
    }
}

/* ------------------------------------------------------------ context */

enum { FR_FUNC, FR_BLOCK, FR_LOOP, FR_IF, FR_ELSE };

typedef struct vframe {
    uint8_t kind;
    bool unreachable;
    uint32_t height;                 /* operand stack height at entry */
    uint32_t nparams, nresults;
    const wd_valtype *params, *results;
    uint64_t offset;                 /* of the opening instruction */
} vframe;

typedef struct vctx {
    wd_module *m;
    wd_error *err;
    uint8_t *vals;
    uint32_t nvals, capvals;
    vframe *ctrl;
    uint32_t nctrl, capctrl;
    wd_insn cur;                     /* instruction being checked */
    const wd_insn *in;               /* &cur while checking one, else NULL (messages) */
    /* current function (NULL in constant expressions) */
    const wd_ftype *ft;
    const wd_mfunc *fn;
    uint32_t nlocals_total;
    bool const_mode;
} vctx;

static const wd_valtype k_single[] = {
    WD_I32, WD_I64, WD_F32, WD_F64, WD_V128, WD_FUNCREF, WD_EXTERNREF,
};

static const wd_valtype *single_type(uint8_t t)
{
    for (size_t i = 0; i < sizeof k_single / sizeof k_single[0]; i++)
        if ((uint8_t)k_single[i] == t)
            return &k_single[i];
    return NULL;
}

static const char *vt_name(uint8_t t)
{
    switch (t) {
    case WD_I32: return "i32";
    case WD_I64: return "i64";
    case WD_F32: return "f32";
    case WD_F64: return "f64";
    case WD_V128: return "v128";
    case WD_FUNCREF: return "funcref";
    case WD_EXTERNREF: return "externref";
    case VT_UNKNOWN: return "any";
    default: return "?";
    }
}

static bool is_ref(uint8_t t) { return t == WD_FUNCREF || t == WD_EXTERNREF; }
static bool is_num(uint8_t t)
{
    return t == WD_I32 || t == WD_I64 || t == WD_F32 || t == WD_F64 || t == VT_UNKNOWN;
}
static bool is_vec(uint8_t t) { return t == WD_V128 || t == VT_UNKNOWN; }

static bool failv(vctx *v, wd_status st, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool failv(vctx *v, wd_status st, uint64_t off, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wd__error_set(v->err, st, v->m->name, off, "%s", buf);
    return false;
}

static const char *in_name(const vctx *v)
{
    if (!v->in)
        return "expression";
    const char *n = wd_opinfo_table[v->in->op].name;
    return n ? n : "instruction";
}

static uint64_t in_off(const vctx *v) { return v->in ? v->in->offset : WD_NO_OFFSET; }

#define INVALID(...) failv(v, WD_ERR_INVALID, in_off(v), __VA_ARGS__)
#define MALFORMED(...) failv(v, WD_ERR_MALFORMED, in_off(v), __VA_ARGS__)

/* ------------------------------------------------------------ stacks */

static bool grow_vals(vctx *v, uint64_t need)
{
    if (need <= v->capvals)
        return true;
    if (need > V_MAX_VALS)
        return failv(v, WD_ERR_NOMEM, in_off(v),
                     "function too complex: operand stack deeper than %u values",
                     V_MAX_VALS);
    uint32_t cap = v->capvals ? v->capvals : 256;
    while ((uint64_t)cap < need)
        cap = cap > V_MAX_VALS / 2 ? V_MAX_VALS : cap * 2;
    uint8_t *p = wd__realloc(v->vals, cap);
    if (!p)
        return failv(v, WD_ERR_NOMEM, in_off(v), "out of memory while validating");
    v->vals = p;
    v->capvals = cap;
    return true;
}

static inline bool push(vctx *v, uint8_t t)
{
    if (v->nvals == v->capvals && !grow_vals(v, v->nvals + 1))
        return false;
    v->vals[v->nvals++] = t;
    return true;
}

static bool push_types(vctx *v, const wd_valtype *ts, uint32_t n)
{
    if (n > v->capvals - v->nvals && !grow_vals(v, (uint64_t)v->nvals + n))
        return false;
    for (uint32_t i = 0; i < n; i++)
        v->vals[v->nvals++] = (uint8_t)ts[i];
    return true;
}

static bool mismatch(vctx *v, uint8_t want, uint8_t got, bool empty)
{
    if (empty)
        return INVALID("type mismatch: %s expects %s but the stack is empty",
                       in_name(v), vt_name(want));
    return INVALID("type mismatch: %s expects %s but got %s", in_name(v),
                   vt_name(want), vt_name(got));
}

/* Pops one operand, expecting `want` (VT_UNKNOWN: anything). The popped
 * type goes to *got. */
static inline bool pop_as(vctx *v, uint8_t want, uint8_t *got)
{
    vframe *f = &v->ctrl[v->nctrl - 1];
    if (v->nvals == f->height) {
        if (f->unreachable) {
            *got = VT_UNKNOWN;
            return true;
        }
        return mismatch(v, want, VT_UNKNOWN, true);
    }
    uint8_t t = v->vals[--v->nvals];
    if (t != want && t != VT_UNKNOWN && want != VT_UNKNOWN)
        return mismatch(v, want, t, false);
    *got = t;
    return true;
}

static inline bool pop1(vctx *v, uint8_t want)
{
    uint8_t got;
    return pop_as(v, want, &got);
}

static bool pop_types(vctx *v, const wd_valtype *ts, uint32_t n)
{
    for (uint32_t i = n; i-- > 0;)
        if (!pop1(v, (uint8_t)ts[i]))
            return false;
    return true;
}

/* Checks that the top of the stack matches ts without popping (br_table). */
static bool peek_types(vctx *v, const wd_valtype *ts, uint32_t n)
{
    vframe *f = &v->ctrl[v->nctrl - 1];
    uint32_t avail = v->nvals - f->height;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t want = (uint8_t)ts[n - 1 - i];
        if (i >= avail) {
            if (f->unreachable)
                return true;
            return mismatch(v, want, VT_UNKNOWN, true);
        }
        uint8_t got = v->vals[v->nvals - 1 - i];
        if (got != want && got != VT_UNKNOWN)
            return mismatch(v, want, got, false);
    }
    return true;
}

static bool push_ctrl(vctx *v, uint8_t kind, uint32_t np, const wd_valtype *p,
                      uint32_t nr, const wd_valtype *r)
{
    if (v->nctrl == v->capctrl) {
        if (v->capctrl >= V_MAX_CTRL)
            return failv(v, WD_ERR_NOMEM, in_off(v),
                         "function too complex: blocks nested deeper than %u",
                         V_MAX_CTRL);
        uint32_t cap = v->capctrl ? v->capctrl * 2 : 64;
        if (cap > V_MAX_CTRL)
            cap = V_MAX_CTRL;
        vframe *c = wd__realloc(v->ctrl, (size_t)cap * sizeof *c);
        if (!c)
            return failv(v, WD_ERR_NOMEM, in_off(v), "out of memory while validating");
        v->ctrl = c;
        v->capctrl = cap;
    }
    vframe *f = &v->ctrl[v->nctrl++];
    f->kind = kind;
    f->unreachable = false;
    f->height = v->nvals;
    f->nparams = np;
    f->params = p;
    f->nresults = nr;
    f->results = r;
    f->offset = in_off(v);
    return push_types(v, p, np);
}

/* Pops the results of the innermost frame and checks the stack is back at
 * its height (the frame itself stays; the caller removes it). */
static bool close_frame(vctx *v)
{
    vframe *f = &v->ctrl[v->nctrl - 1];
    if (!pop_types(v, f->results, f->nresults))
        return false;
    if (v->nvals != f->height)
        return INVALID("type mismatch: %u value%s left on the stack at the end of the block",
                       v->nvals - f->height, v->nvals - f->height == 1 ? "" : "s");
    return true;
}

static void set_unreachable(vctx *v)
{
    vframe *f = &v->ctrl[v->nctrl - 1];
    v->nvals = f->height;
    f->unreachable = true;
}

static inline void label_types(const vframe *f, uint32_t *n, const wd_valtype **ts)
{
    if (f->kind == FR_LOOP) {
        *n = f->nparams;
        *ts = f->params;
    } else {
        *n = f->nresults;
        *ts = f->results;
    }
}

/* ------------------------------------------------------------ helpers */

static bool blocktype(vctx *v, int64_t bt, uint32_t *np, const wd_valtype **p,
                      uint32_t *nr, const wd_valtype **r)
{
    *np = *nr = 0;
    *p = *r = NULL;
    if (bt == WD_BLOCK_EMPTY)
        return true;
    if (bt < 0) {
        const wd_valtype *t = bt >= -64 ? single_type((uint8_t)(bt & 0x7F)) : NULL;
        if (!t)
            return MALFORMED("malformed block type");
        *nr = 1;
        *r = t;
        return true;
    }
    if ((uint64_t)bt >= v->m->ntypes)
        return INVALID("unknown type %llu", (unsigned long long)bt);
    const wd_ftype *ft = &v->m->types[bt];
    *np = ft->nparams;
    *p = ft->params;
    *nr = ft->nresults;
    *r = ft->results;
    return true;
}

static bool check_mem(vctx *v, uint32_t mem)
{
    if (mem >= v->m->nmemories)
        return INVALID("unknown memory %u", mem);
    return true;
}

static bool check_table(vctx *v, uint32_t t)
{
    if (t >= v->m->ntables)
        return INVALID("unknown table %u", t);
    return true;
}

static bool check_func(vctx *v, uint32_t f)
{
    if (f >= v->m->nfuncs)
        return INVALID("unknown function %u", f);
    if (v->m->funcs[f].typeidx >= v->m->ntypes)
        return INVALID("unknown type %u", v->m->funcs[f].typeidx);
    return true;
}

/* memory.init and data.drop need the data count section (a binary-format
 * rule, hence malformed). Without any data segment the index is unknown in
 * any case, and that is what a module written in the text format without
 * data gets: report the validation error then. */
static bool check_datacount(vctx *v, uint32_t d)
{
    if (!v->m->has_datacount) {
        if (d >= v->m->ndatas)
            return INVALID("unknown data segment %u", d);
        return MALFORMED("data count section required");
    }
    if (d >= v->m->datacount)
        return INVALID("unknown data segment %u", d);
    return true;
}

static bool check_elem(vctx *v, uint32_t e)
{
    if (e >= v->m->nelems)
        return INVALID("unknown elem segment %u", e);
    return true;
}

static uint8_t local_type(const vctx *v, uint32_t i)
{
    if (i < v->ft->nparams)
        return (uint8_t)v->ft->params[i];
    return (uint8_t)v->fn->locals[i - v->ft->nparams];
}

static bool same_types(const wd_valtype *a, uint32_t na, const wd_valtype *b, uint32_t nb)
{
    if (na != nb)
        return false;
    for (uint32_t i = 0; i < na; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* Is this instruction allowed in a constant expression? */
static bool const_allowed(const vctx *v, wd_opid op)
{
    switch (op) {
    case WD_OP_I32_CONST: case WD_OP_I64_CONST: case WD_OP_F32_CONST:
    case WD_OP_F64_CONST: case WD_OP_V128_CONST: case WD_OP_REF_NULL:
    case WD_OP_REF_FUNC: case WD_OP_GLOBAL_GET: case WD_OP_END:
        return true;
    case WD_OP_I32_ADD: case WD_OP_I32_SUB: case WD_OP_I32_MUL:
    case WD_OP_I64_ADD: case WD_OP_I64_SUB: case WD_OP_I64_MUL:
        return (v->m->features & WD_FEATURE_EXTENDED_CONST) != 0;
    default:
        return false;
    }
}

/* ------------------------------------------------------------ code */

/* Type-checks one instruction sequence: a function body (const_mode false)
 * or a constant expression. The sequence must end with the `end` closing
 * the outermost frame exactly at code + len. */
static bool check_code(vctx *v, const uint8_t *code, uint32_t len,
                       uint32_t nresults, const wd_valtype *results)
{
    wd_module *m = v->m;
    const uint32_t features = m->features;
    wd_reader r = { .p = code, .end = code + len, .base = m->bytes,
                    .errmsg = NULL, .erroff = 0 };
    wd_insn *const in = &v->cur;
    v->nvals = 0;
    v->nctrl = 0;
    v->in = NULL;
    if (!push_ctrl(v, FR_FUNC, 0, NULL, nresults, results))
        return false;
    v->ctrl[0].offset = (uint64_t)(code - m->bytes);

    while (v->nctrl > 0) {
        if (wd_rd_eof(&r)) {
            v->in = NULL;
            return failv(v, WD_ERR_MALFORMED, (uint64_t)(r.end - m->bytes),
                         v->const_mode ? "constant expression: END opcode expected"
                                       : "END opcode expected");
        }
        uint64_t at = wd_rd_offset(&r);
        if (!wd_insn_read(&r, features, in)) {
            v->in = NULL;
            return failv(v, WD_ERR_MALFORMED, r.errmsg ? r.erroff : at, "%s",
                         r.errmsg ? r.errmsg : "malformed instruction");
        }
        v->in = in;
        if (v->const_mode && !const_allowed(v, in->op))
            return INVALID("constant expression required (%s is not constant)",
                           in_name(v));

        const wd_opinfo *oi = &wd_opinfo_table[in->op];
        if (oi->kind != K_SPECIAL) {
            const sig_ent *s = &sig_table[in->op];
            if (oi->kind == K_LOAD || oi->kind == K_STORE) {
                if (!check_mem(v, in->imm.mem.mem))
                    return false;
                if (in->imm.mem.align > s->align_max)
                    return INVALID("alignment must not be larger than natural "
                                   "(%s: 2^%u > %u)", in_name(v), in->imm.mem.align,
                                   (unsigned)oi->membytes);
                if (oi->imm == IMM_MEMARG_LANE && in->imm.mem.lane >= s->lanes)
                    return INVALID("invalid lane index %u (%s has %u lanes)",
                                   in->imm.mem.lane, in_name(v), s->lanes);
            } else if (oi->imm == IMM_LANE) {
                if (in->imm.lane >= s->lanes)
                    return INVALID("invalid lane index %u (%s has %u lanes)",
                                   in->imm.lane, in_name(v), s->lanes);
            } else if (oi->imm == IMM_SHUFFLE) {
                for (int i = 0; i < 16; i++)
                    if (in->imm.bytes[i] >= 32)
                        return INVALID("invalid lane index %u in i8x16.shuffle",
                                       in->imm.bytes[i]);
            }
            for (unsigned i = s->npop; i-- > 0;)
                if (!pop1(v, s->pop[i]))
                    return false;
            if (s->npush && !push(v, s->push))
                return false;
            continue;
        }

        switch (in->op) {
        case WD_OP_UNREACHABLE:
            set_unreachable(v);
            break;
        case WD_OP_NOP:
            break;

        case WD_OP_BLOCK:
        case WD_OP_LOOP:
        case WD_OP_IF: {
            uint32_t np, nr;
            const wd_valtype *p, *rs;
            if (!blocktype(v, in->imm.blocktype, &np, &p, &nr, &rs))
                return false;
            if (in->op == WD_OP_IF && !pop1(v, WD_I32))
                return false;
            if (!pop_types(v, p, np))
                return false;
            if (!push_ctrl(v, in->op == WD_OP_BLOCK ? FR_BLOCK
                              : in->op == WD_OP_LOOP ? FR_LOOP : FR_IF,
                           np, p, nr, rs))
                return false;
            break;
        }

        case WD_OP_ELSE: {
            vframe *f = &v->ctrl[v->nctrl - 1];
            if (f->kind != FR_IF)
                return MALFORMED("else without a matching if");
            if (!close_frame(v))
                return false;
            f->kind = FR_ELSE;
            f->unreachable = false;
            if (!push_types(v, f->params, f->nparams))
                return false;
            break;
        }

        case WD_OP_END: {
            vframe *f = &v->ctrl[v->nctrl - 1];
            if (!close_frame(v))
                return false;
            if (f->kind == FR_IF &&
                !same_types(f->params, f->nparams, f->results, f->nresults))
                return INVALID("type mismatch: if without else must leave its "
                               "parameters as its results");
            uint32_t nr = f->nresults;
            const wd_valtype *rs = f->results;
            v->nctrl--;
            if (v->nctrl > 0 && !push_types(v, rs, nr))
                return false;
            break;
        }

        case WD_OP_BR:
        case WD_OP_BR_IF: {
            if (in->imm.idx >= v->nctrl)
                return INVALID("unknown label %u", in->imm.idx);
            if (in->op == WD_OP_BR_IF && !pop1(v, WD_I32))
                return false;
            uint32_t n;
            const wd_valtype *ts;
            label_types(&v->ctrl[v->nctrl - 1 - in->imm.idx], &n, &ts);
            if (!pop_types(v, ts, n))
                return false;
            if (in->op == WD_OP_BR)
                set_unreachable(v);
            else if (!push_types(v, ts, n))
                return false;
            break;
        }

        case WD_OP_BR_TABLE: {
            if (!pop1(v, WD_I32))
                return false;
            wd_brt_iter it;
            wd_brt_iter_init(&it, in, r.end);
            uint32_t arity = 0, n = 0;
            const wd_valtype *ts = NULL;
            for (uint32_t i = 0; i <= in->imm.brt.count; i++) {
                uint32_t l;
                if (!wd_brt_iter_next(&it, &l))
                    return MALFORMED("%s", it.r.errmsg ? it.r.errmsg
                                                      : "malformed br_table");
                if (l >= v->nctrl)
                    return INVALID("unknown label %u", l);
                label_types(&v->ctrl[v->nctrl - 1 - l], &n, &ts);
                if (i == 0)
                    arity = n;
                else if (n != arity)
                    return INVALID("type mismatch: br_table targets have different "
                                   "arities (%u and %u)", arity, n);
                if (!peek_types(v, ts, n))
                    return false;
            }
            if (!pop_types(v, ts, n))   /* the default target's types */
                return false;
            set_unreachable(v);
            break;
        }

        case WD_OP_RETURN:
            if (!pop_types(v, v->ctrl[0].results, v->ctrl[0].nresults))
                return false;
            set_unreachable(v);
            break;

        case WD_OP_CALL:
        case WD_OP_RETURN_CALL: {
            if (in->op == WD_OP_RETURN_CALL && !(features & WD_FEATURE_TAIL_CALL))
                return MALFORMED("illegal opcode (return_call needs tail calls)");
            if (!check_func(v, in->imm.idx))
                return false;
            const wd_ftype *ft = &m->types[m->funcs[in->imm.idx].typeidx];
            if (in->op == WD_OP_RETURN_CALL) {
                if (!same_types(ft->results, ft->nresults, v->ctrl[0].results,
                                v->ctrl[0].nresults))
                    return INVALID("type mismatch: return_call callee results "
                                   "differ from the function's results");
                if (!pop_types(v, ft->params, ft->nparams))
                    return false;
                set_unreachable(v);
            } else {
                if (!pop_types(v, ft->params, ft->nparams) ||
                    !push_types(v, ft->results, ft->nresults))
                    return false;
            }
            break;
        }

        case WD_OP_CALL_INDIRECT:
        case WD_OP_RETURN_CALL_INDIRECT: {
            if (in->op == WD_OP_RETURN_CALL_INDIRECT && !(features & WD_FEATURE_TAIL_CALL))
                return MALFORMED("illegal opcode (return_call_indirect needs tail calls)");
            if (!check_table(v, in->imm.ci.table))
                return false;
            if (m->tables[in->imm.ci.table].elem != WD_FUNCREF)
                return INVALID("type mismatch: %s needs a funcref table", in_name(v));
            if (in->imm.ci.typeidx >= m->ntypes)
                return INVALID("unknown type %u", in->imm.ci.typeidx);
            const wd_ftype *ft = &m->types[in->imm.ci.typeidx];
            if (!pop1(v, WD_I32))
                return false;
            if (in->op == WD_OP_RETURN_CALL_INDIRECT) {
                if (!same_types(ft->results, ft->nresults, v->ctrl[0].results,
                                v->ctrl[0].nresults))
                    return INVALID("type mismatch: return_call_indirect callee "
                                   "results differ from the function's results");
                if (!pop_types(v, ft->params, ft->nparams))
                    return false;
                set_unreachable(v);
            } else {
                if (!pop_types(v, ft->params, ft->nparams) ||
                    !push_types(v, ft->results, ft->nresults))
                    return false;
            }
            break;
        }

        case WD_OP_DROP:
            if (!pop1(v, VT_UNKNOWN))
                return false;
            break;

        case WD_OP_SELECT: {
            uint8_t t1 = VT_UNKNOWN, t2 = VT_UNKNOWN;
            if (!pop1(v, WD_I32) || !pop_as(v, VT_UNKNOWN, &t1) ||
                !pop_as(v, VT_UNKNOWN, &t2))
                return false;
            if (!((is_num(t1) && is_num(t2)) || (is_vec(t1) && is_vec(t2))))
                return INVALID("type mismatch: select without a type needs numeric "
                               "or vector operands, got %s and %s",
                               vt_name(t2), vt_name(t1));
            if (t1 != t2 && t1 != VT_UNKNOWN && t2 != VT_UNKNOWN)
                return INVALID("type mismatch: select operands %s and %s differ",
                               vt_name(t2), vt_name(t1));
            if (!push(v, t1 == VT_UNKNOWN ? t2 : t1))
                return false;
            break;
        }

        case WD_OP_SELECT_T: {
            if (in->imm.sel.count != 1)
                return INVALID("invalid result arity: select takes one type, not %u",
                               in->imm.sel.count);
            uint8_t t = (uint8_t)in->imm.sel.type;
            if (!pop1(v, WD_I32) || !pop1(v, t) || !pop1(v, t) || !push(v, t))
                return false;
            break;
        }

        case WD_OP_LOCAL_GET:
        case WD_OP_LOCAL_SET:
        case WD_OP_LOCAL_TEE: {
            if (in->imm.idx >= v->nlocals_total)
                return INVALID("unknown local %u", in->imm.idx);
            uint8_t t = local_type(v, in->imm.idx);
            if (in->op == WD_OP_LOCAL_GET) {
                if (!push(v, t))
                    return false;
            } else {
                if (!pop1(v, t))
                    return false;
                if (in->op == WD_OP_LOCAL_TEE && !push(v, t))
                    return false;
            }
            break;
        }

        case WD_OP_GLOBAL_GET:
        case WD_OP_GLOBAL_SET: {
            uint32_t g = in->imm.idx;
            /* Constant expressions only see imported globals (WebAssembly 2.0). */
            uint32_t limit = v->const_mode ? m->nglobal_imports : m->nglobals;
            if (g >= limit)
                return INVALID("unknown global %u", g);
            const wd_mglobal *gl = &m->globals[g];
            if (in->op == WD_OP_GLOBAL_GET) {
                if (v->const_mode && gl->mut)
                    return INVALID("constant expression required (global %u is mutable)", g);
                if (!push(v, (uint8_t)gl->type))
                    return false;
            } else {
                if (!gl->mut)
                    return INVALID("global is immutable (global.set %u)", g);
                if (!pop1(v, (uint8_t)gl->type))
                    return false;
            }
            break;
        }

        case WD_OP_TABLE_GET:
        case WD_OP_TABLE_SET:
        case WD_OP_TABLE_SIZE:
        case WD_OP_TABLE_GROW:
        case WD_OP_TABLE_FILL: {
            if (!check_table(v, in->imm.idx))
                return false;
            uint8_t t = (uint8_t)m->tables[in->imm.idx].elem;
            bool ok = true;
            switch (in->op) {
            case WD_OP_TABLE_GET: ok = pop1(v, WD_I32) && push(v, t); break;
            case WD_OP_TABLE_SET: ok = pop1(v, t) && pop1(v, WD_I32); break;
            case WD_OP_TABLE_SIZE: ok = push(v, WD_I32); break;
            case WD_OP_TABLE_GROW: ok = pop1(v, WD_I32) && pop1(v, t) && push(v, WD_I32); break;
            default: ok = pop1(v, WD_I32) && pop1(v, t) && pop1(v, WD_I32); break;
            }
            if (!ok)
                return false;
            break;
        }

        case WD_OP_TABLE_INIT: {   /* two.a = elem, two.b = table */
            if (!check_table(v, in->imm.two.b) || !check_elem(v, in->imm.two.a))
                return false;
            if (m->elems[in->imm.two.a].type != m->tables[in->imm.two.b].elem)
                return INVALID("type mismatch: elem segment %u (%s) does not fit table %u (%s)",
                               in->imm.two.a, vt_name((uint8_t)m->elems[in->imm.two.a].type),
                               in->imm.two.b, vt_name((uint8_t)m->tables[in->imm.two.b].elem));
            if (!pop1(v, WD_I32) || !pop1(v, WD_I32) || !pop1(v, WD_I32))
                return false;
            break;
        }

        case WD_OP_ELEM_DROP:
            if (!check_elem(v, in->imm.idx))
                return false;
            break;

        case WD_OP_TABLE_COPY: {   /* two.a = dst, two.b = src */
            if (!check_table(v, in->imm.two.a) || !check_table(v, in->imm.two.b))
                return false;
            if (m->tables[in->imm.two.a].elem != m->tables[in->imm.two.b].elem)
                return INVALID("type mismatch: table.copy between %s and %s tables",
                               vt_name((uint8_t)m->tables[in->imm.two.a].elem),
                               vt_name((uint8_t)m->tables[in->imm.two.b].elem));
            if (!pop1(v, WD_I32) || !pop1(v, WD_I32) || !pop1(v, WD_I32))
                return false;
            break;
        }

        case WD_OP_MEMORY_SIZE:
            if (!check_mem(v, in->imm.idx) || !push(v, WD_I32))
                return false;
            break;
        case WD_OP_MEMORY_GROW:
            if (!check_mem(v, in->imm.idx) || !pop1(v, WD_I32) || !push(v, WD_I32))
                return false;
            break;
        case WD_OP_MEMORY_FILL:
            if (!check_mem(v, in->imm.idx) || !pop1(v, WD_I32) || !pop1(v, WD_I32) ||
                !pop1(v, WD_I32))
                return false;
            break;
        case WD_OP_MEMORY_COPY:    /* two.a = dst, two.b = src */
            if (!check_mem(v, in->imm.two.a) || !check_mem(v, in->imm.two.b) ||
                !pop1(v, WD_I32) || !pop1(v, WD_I32) || !pop1(v, WD_I32))
                return false;
            break;
        case WD_OP_MEMORY_INIT:    /* two.a = data, two.b = memory */
            if (!check_mem(v, in->imm.two.b) || !check_datacount(v, in->imm.two.a) ||
                !pop1(v, WD_I32) || !pop1(v, WD_I32) || !pop1(v, WD_I32))
                return false;
            break;
        case WD_OP_DATA_DROP:
            if (!check_datacount(v, in->imm.idx))
                return false;
            break;

        case WD_OP_REF_NULL:
            if (!is_ref((uint8_t)in->imm.reftype))
                return MALFORMED("malformed reference type");
            if (!push(v, (uint8_t)in->imm.reftype))
                return false;
            break;

        case WD_OP_REF_IS_NULL: {
            uint8_t t = VT_UNKNOWN;
            if (!pop_as(v, VT_UNKNOWN, &t))
                return false;
            if (t != VT_UNKNOWN && !is_ref(t))
                return INVALID("type mismatch: ref.is_null expects a reference but got %s",
                               vt_name(t));
            if (!push(v, WD_I32))
                return false;
            break;
        }

        case WD_OP_REF_FUNC: {
            uint32_t f = in->imm.idx;
            if (f >= m->nfuncs)
                return INVALID("unknown function %u", f);
            if (v->const_mode)
                m->func_declared[f] = 1;
            else if (!m->func_declared[f])
                return INVALID("undeclared function reference %u", f);
            if (!push(v, WD_FUNCREF))
                return false;
            break;
        }

        default:
            return MALFORMED("illegal opcode %s", in_name(v));
        }
    }

    if (!wd_rd_eof(&r)) {
        v->in = NULL;
        return failv(v, WD_ERR_MALFORMED, wd_rd_offset(&r),
                     v->const_mode ? "constant expression: unexpected content after end"
                                   : "END opcode expected (instructions after the function's final end)");
    }
    return true;
}

static bool check_const(vctx *v, const wd_constexpr *ce, uint8_t type, const char *what)
{
    const wd_valtype *t = single_type(type);
    if (!t)
        return failv(v, WD_ERR_INVALID, ce->offset, "type mismatch in %s", what);
    if (!ce->code || ce->len == 0)
        return failv(v, WD_ERR_MALFORMED, ce->offset, "%s: missing constant expression", what);
    v->const_mode = true;
    v->ft = NULL;
    v->fn = NULL;
    v->nlocals_total = 0;
    bool ok = check_code(v, ce->code, ce->len, 1, t);
    v->const_mode = false;
    v->in = NULL;
    return ok;
}

/* Structural scan of a body: decodes every instruction and matches block
 * nesting, without typing. Used after a validation error so that a body that
 * is also malformed further on (or a later body that is malformed) reports
 * the decoding error, as a decoder-first implementation would. Returns false
 * with err set if the body is malformed. */
static bool scan_body(vctx *v, const wd_mfunc *fn)
{
    wd_module *m = v->m;
    wd_reader r = { .p = fn->body, .end = fn->body + fn->body_len, .base = m->bytes,
                    .errmsg = NULL, .erroff = 0 };
    wd_insn in;
    uint64_t depth = 1;
    v->in = NULL;
    while (depth > 0) {
        if (wd_rd_eof(&r))
            return failv(v, WD_ERR_MALFORMED, (uint64_t)(r.end - m->bytes),
                         "END opcode expected");
        uint64_t at = wd_rd_offset(&r);
        if (!wd_insn_read(&r, m->features, &in))
            return failv(v, WD_ERR_MALFORMED, r.errmsg ? r.erroff : at, "%s",
                         r.errmsg ? r.errmsg : "malformed instruction");
        switch (in.op) {
        case WD_OP_BLOCK: case WD_OP_LOOP: case WD_OP_IF:
            depth++;
            break;
        case WD_OP_END:
            depth--;
            break;
        case WD_OP_MEMORY_INIT: case WD_OP_DATA_DROP: {
            uint32_t d = in.op == WD_OP_DATA_DROP ? in.imm.idx : in.imm.two.a;
            if (!m->has_datacount && d < m->ndatas)
                return failv(v, WD_ERR_MALFORMED, in.offset, "data count section required");
            break;
        }
        default:
            break;
        }
    }
    if (!wd_rd_eof(&r))
        return failv(v, WD_ERR_MALFORMED, wd_rd_offset(&r),
                     "END opcode expected (instructions after the function's final end)");
    return true;
}

static bool check_function(vctx *v, uint32_t fi)
{
    wd_module *m = v->m;
    const wd_mfunc *fn = &m->funcs[fi];
    const wd_ftype *ft = &m->types[fn->typeidx];
    v->ft = ft;
    v->fn = fn;
    v->const_mode = false;
    uint64_t total = (uint64_t)ft->nparams + fn->nlocals;
    if (total > UINT32_MAX)
        return failv(v, WD_ERR_MALFORMED, fn->entry_offset, "too many locals");
    v->nlocals_total = (uint32_t)total;
    if (!fn->body || fn->body_len == 0)
        return failv(v, WD_ERR_MALFORMED, fn->body_offset,
                     "unexpected end of section or function");
    return check_code(v, fn->body, fn->body_len, ft->nresults, ft->results);
}

/* ------------------------------------------------------------ module */

static bool check_limits(vctx *v, const wd_limits *lim, uint64_t bound, bool memory,
                         uint64_t off)
{
    if (memory) {
        if (lim->min > bound || (lim->has_max && lim->max > bound))
            return failv(v, WD_ERR_INVALID, off,
                         "memory size must be at most 65536 pages (4GiB)");
    } else if (lim->min > bound || (lim->has_max && lim->max > bound)) {
        return failv(v, WD_ERR_INVALID, off, "table size must be at most 2^32-1");
    }
    if (lim->has_max && lim->min > lim->max)
        return failv(v, WD_ERR_INVALID, off,
                     "size minimum must not be greater than maximum (%llu > %llu)",
                     (unsigned long long)lim->min, (unsigned long long)lim->max);
    return true;
}

static uint64_t import_off(const wd_module *m, int32_t imp)
{
    if (imp >= 0 && (uint32_t)imp < m->nimports)
        return m->imports[imp].offset;
    return WD_NO_OFFSET;
}

static int exp_cmp(const void *a, const void *b)
{
    const wd_mexport *x = *(const wd_mexport *const *)a;
    const wd_mexport *y = *(const wd_mexport *const *)b;
    if (x->name_len != y->name_len)
        return x->name_len < y->name_len ? -1 : 1;
    int c = x->name_len ? memcmp(x->name, y->name, x->name_len) : 0;
    if (c)
        return c;
    return x < y ? -1 : (x > y);
}

static bool check_exports(vctx *v)
{
    wd_module *m = v->m;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const wd_mexport *e = &m->exports[i];
        const char *kind = NULL;
        uint32_t count = 0;
        switch (e->kind) {
        case WD_EXTERN_FUNC: kind = "function"; count = m->nfuncs; break;
        case WD_EXTERN_TABLE: kind = "table"; count = m->ntables; break;
        case WD_EXTERN_MEMORY: kind = "memory"; count = m->nmemories; break;
        case WD_EXTERN_GLOBAL: kind = "global"; count = m->nglobals; break;
        default:
            return failv(v, WD_ERR_MALFORMED, WD_NO_OFFSET, "malformed export kind");
        }
        if (e->index >= count)
            return failv(v, WD_ERR_INVALID, WD_NO_OFFSET, "unknown %s %u (export \"%.*s\")",
                         kind, e->index, (int)(e->name_len > 64 ? 64 : e->name_len),
                         e->name ? e->name : "");
        if (e->kind == WD_EXTERN_FUNC)
            m->func_declared[e->index] = 1;
    }
    if (m->nexports < 2)
        return true;
    const wd_mexport **s = wd__malloc((size_t)m->nexports * sizeof *s);
    if (!s)
        return failv(v, WD_ERR_NOMEM, WD_NO_OFFSET, "out of memory while validating");
    for (uint32_t i = 0; i < m->nexports; i++)
        s[i] = &m->exports[i];
    qsort(s, m->nexports, sizeof *s, exp_cmp);
    bool ok = true;
    for (uint32_t i = 1; i < m->nexports; i++) {
        if (s[i]->name_len == s[i - 1]->name_len &&
            (s[i]->name_len == 0 || memcmp(s[i]->name, s[i - 1]->name, s[i]->name_len) == 0)) {
            ok = failv(v, WD_ERR_INVALID, WD_NO_OFFSET, "duplicate export name \"%.*s\"",
                       (int)(s[i]->name_len > 64 ? 64 : s[i]->name_len), s[i]->name);
            break;
        }
    }
    wd__free(s);
    return ok;
}

static bool check_module(vctx *v)
{
    wd_module *m = v->m;

    /* Functions: type indices. */
    for (uint32_t i = 0; i < m->nfuncs; i++)
        if (m->funcs[i].typeidx >= m->ntypes)
            return failv(v, WD_ERR_INVALID,
                         m->funcs[i].import >= 0 ? import_off(m, m->funcs[i].import)
                                                 : m->funcs[i].entry_offset,
                         "unknown type %u (function %u)", m->funcs[i].typeidx, i);

    /* Tables. */
    for (uint32_t i = 0; i < m->ntables; i++) {
        const wd_mtable *t = &m->tables[i];
        if (!is_ref((uint8_t)t->elem))
            return failv(v, WD_ERR_MALFORMED, import_off(m, t->import),
                         "malformed reference type");
        if (!check_limits(v, &t->lim, UINT32_MAX, false, import_off(m, t->import)))
            return false;
    }

    /* Memories. */
    if (m->nmemories > 1 && !(m->features & WD_FEATURE_MULTI_MEMORY))
        return failv(v, WD_ERR_INVALID, import_off(m, m->memories[1].import),
                     "multiple memories");
    for (uint32_t i = 0; i < m->nmemories; i++) {
        const wd_mmemory *mem = &m->memories[i];
        if (!check_limits(v, &mem->lim, V_MAX_PAGES, true, import_off(m, mem->import)))
            return false;
    }

    /* Globals. */
    for (uint32_t i = 0; i < m->nglobals; i++) {
        const wd_mglobal *g = &m->globals[i];
        if (g->import >= 0)
            continue;
        if (!check_const(v, &g->init, (uint8_t)g->type, "global initializer"))
            return false;
    }

    /* Element segments. */
    for (uint32_t i = 0; i < m->nelems; i++) {
        const wd_melem *e = &m->elems[i];
        if (!is_ref((uint8_t)e->type))
            return failv(v, WD_ERR_MALFORMED, e->offset_in_file, "malformed reference type");
        if (e->mode == WD_SEG_ACTIVE) {
            if (e->table >= m->ntables)
                return failv(v, WD_ERR_INVALID, e->offset_in_file, "unknown table %u",
                             e->table);
            if (m->tables[e->table].elem != e->type)
                return failv(v, WD_ERR_INVALID, e->offset_in_file,
                             "type mismatch: elem segment %u of %s does not fit table %u of %s",
                             i, vt_name((uint8_t)e->type), e->table,
                             vt_name((uint8_t)m->tables[e->table].elem));
            if (!check_const(v, &e->offset, WD_I32, "elem segment offset"))
                return false;
        }
        for (uint32_t k = 0; k < e->count; k++) {
            if (e->func_indices) {
                uint32_t f = e->func_indices[k];
                if (f >= m->nfuncs)
                    return failv(v, WD_ERR_INVALID, e->offset_in_file,
                                 "unknown function %u", f);
                m->func_declared[f] = 1;
            } else if (e->exprs) {
                if (!check_const(v, &e->exprs[k], (uint8_t)e->type, "elem segment item"))
                    return false;
            }
        }
    }

    /* Data segments. */
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const wd_mdata *d = &m->datas[i];
        if (d->mode != WD_SEG_ACTIVE)
            continue;
        if (d->memory >= m->nmemories)
            return failv(v, WD_ERR_INVALID, d->offset_in_file, "unknown memory %u", d->memory);
        if (!check_const(v, &d->offset, WD_I32, "data segment offset"))
            return false;
    }

    /* Start function. */
    if (m->has_start) {
        if (m->start >= m->nfuncs)
            return failv(v, WD_ERR_INVALID, WD_NO_OFFSET, "unknown function %u (start)",
                         m->start);
        const wd_ftype *ft = &m->types[m->funcs[m->start].typeidx];
        if (ft->nparams || ft->nresults)
            return failv(v, WD_ERR_INVALID, WD_NO_OFFSET,
                         "start function must have type [] -> []");
    }

    /* Exports (they also declare functions for ref.func). */
    if (!check_exports(v))
        return false;

    /* Function bodies. After a validation error, the remaining bodies are
     * still scanned for decoding errors, which take precedence. */
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        if (m->funcs[i].import >= 0 || check_function(v, i))
            continue;
        if (v->err->status == WD_ERR_MALFORMED)
            return false;
        wd_error saved = *v->err;
        for (uint32_t k = i; k < m->nfuncs; k++)
            if (m->funcs[k].import < 0 && !scan_body(v, &m->funcs[k]))
                return false;
        *v->err = saved;
        return false;
    }
    return true;
}

bool wd__validate(wd_module *m, wd_error *err)
{
    wd_error local;
    if (!err)
        err = &local;
    pthread_once(&sig_once, sig_init);
    vctx v;
    memset(&v, 0, sizeof v);
    v.m = m;
    v.err = err;
    if (!m->func_declared && m->nfuncs) {
        m->func_declared = wd_arena_array(&m->arena, m->nfuncs, 1);
        if (!m->func_declared) {
            wd__error_set(err, WD_ERR_NOMEM, m->name, WD_NO_OFFSET,
                          "out of memory while validating");
            return false;
        }
    }
    bool ok = check_module(&v);
    wd__free(v.vals);
    wd__free(v.ctrl);
    return ok;
}
