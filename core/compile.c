/* compile.c: wasm function bodies -> slot code (see code.h).
 *
 * One pass over each (validated) body. The compiler keeps a model of the
 * operand stack: every entry has a fixed home slot, and may still be
 * "pending": a folded local.get (the entry reads its local's slot) or a
 * constant (consumers may take it as an immediate). A pending entry is
 * materialised (copied into its home slot) before its local is written,
 * at block boundaries, and when a consumer needs it in a slot. Entries
 * below the innermost block's base are therefore always in their home
 * slots, so every path into a label sees the same state.
 *
 * Code after br/br_table/return/unreachable is skipped until the end of
 * its block (nested blocks are counted so the matching else/end is found).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "jit.h"

uint32_t wd__compile_flags = WD_OPT_ALL;

#define NONE UINT32_MAX

enum { B_FUNC, B_BLOCK, B_LOOP, B_IF, B_ELSE };

typedef struct centry {
    uint8_t type;          /* wd_valtype */
    uint8_t kind;          /* WD_SE_* */
    uint32_t home;
    uint32_t src;          /* WD_SE_LOCAL: the local's slot */
    uint64_t c;            /* WD_SE_CONST */
} centry;

typedef struct cfix {
    uint32_t opnd, ins, next;
} cfix;

typedef struct cctl {
    uint8_t kind;
    bool dead;             /* the whole block is unreachable: not compiled */
    bool unreach;          /* the rest of this block is unreachable */
    uint32_t height;       /* stack entries below the block's params */
    uint32_t base_slot;    /* slot of its first param/result */
    uint32_t nparams, nresults;
    const wd_valtype *params, *results;
    wd_valtype single;
    bool is_single;        /* results == &single (re-pointed when ctl moves) */
    uint32_t loop_pos;
    uint32_t fixes;        /* forward branches to the end */
    uint32_t else_fix;     /* if: the jump to the else branch */
} cctl;

typedef struct cc {
    wd_module *m;
    wd_mfunc *mf;
    const wd_ftype *ft;
    wd_cfunc *cf;
    bool oom;
    bool want_snaps;       /* record stack snapshots (only kept by side_only compiles) */
    uint32_t opts;

    wd_word *code; uint32_t ncode, capcode;
    wd_side *side; uint32_t nside, capside;
    uint32_t *snaps; uint32_t nsnaps, capsnaps;
    wd_backedge *edges; uint32_t nedges, capedges;
    centry *st; uint32_t nst, capst;
    cctl *ctl; uint32_t nctl, capctl;
    cfix *fix; uint32_t nfix, capfix;
    uint32_t sp, max_sp;

    wd_insn in;
    uint32_t pending_first; bool have_pending;
    uint32_t cur_snap; uint16_t cur_height;

    struct {
        bool valid;
        uint32_t pos;      /* code position of the last instruction */
        uint32_t dst;      /* word index of its destination operand, or NONE */
        uint32_t entry;    /* stack index of the entry it produced */
        int cmp;           /* wd_opid of a fusable compare / eqz, or -1 */
        int op;            /* wd_opid of a numeric op (emit_numeric), or -1 */
        uint32_t a, b;     /* compare operands */
        bool imm;          /* b is an immediate */
    } last;

    uint32_t weight_pos;   /* word of the current safepoint's weight */
    uint32_t weight;

    uint32_t label_pos;    /* the last code position a branch may land on */
    wd_side rw;            /* side entry of the earliest instruction rewound */
} cc;

/* ------------------------------------------------------------ buffers */

/* cc's growable arrays, parked in the module between compilations. */
struct wd_cscratch {
    wd_word *code; uint32_t capcode;
    wd_side *side; uint32_t capside;
    uint32_t *snaps; uint32_t capsnaps;
    wd_backedge *edges; uint32_t capedges;
    centry *st; uint32_t capst;
    cctl *ctl; uint32_t capctl;
    cfix *fix; uint32_t capfix;
};

#define SCRATCH_FIELDS(X) X(code) X(side) X(snaps) X(edges) X(st) X(ctl) X(fix)

static void scratch_take(cc *c)
{
    struct wd_cscratch *s = c->m->cscratch;
    if (!s)
        return;
#define TAKE(f) c->f = s->f; c->cap##f = s->cap##f; s->f = NULL; s->cap##f = 0;
    SCRATCH_FIELDS(TAKE)
#undef TAKE
}

/* Parks c's arrays in the module for the next compilation (frees them if no
 * scratch record can be made). */
static void scratch_give(cc *c)
{
    struct wd_cscratch *s = c->m->cscratch;
    if (!s)
        s = c->m->cscratch = wd__calloc(1, sizeof *s);
    if (!s) {
#define DROP(f) wd__free(c->f); c->f = NULL;
        SCRATCH_FIELDS(DROP)
#undef DROP
        return;
    }
#define GIVE(f) wd__free(s->f); s->f = c->f; s->cap##f = c->cap##f; c->f = NULL;
    SCRATCH_FIELDS(GIVE)
#undef GIVE
}

static void scratch_free(wd_module *m);

void wd__compile_drop_scratch(wd_module *m) { scratch_free(m); }

static void scratch_free(wd_module *m)
{
    struct wd_cscratch *s = m->cscratch;
    if (!s)
        return;
#define FREE(f) wd__free(s->f);
    SCRATCH_FIELDS(FREE)
#undef FREE
    wd__free(s);
    m->cscratch = NULL;
}

static bool grow(cc *c, void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (wd__grow(p, cap, need, elem))
        return true;
    c->oom = true;
    return false;
}
#define GROW(c, arr, cap, need) grow((c), (void **)&(c)->arr, &(c)->cap, (need), sizeof *(c)->arr)

static inline unsigned nslots(uint8_t t) { return t == WD_V128 ? 2u : 1u; }

static void w(cc *c, wd_word x)
{
    if (!GROW(c, code, capcode, c->ncode + 1))
        return;
    c->code[c->ncode++] = x;
}

static void w64(cc *c, uint64_t x)
{
    w(c, (wd_word)x);
    w(c, (wd_word)(x >> 32));
}

/* Starts an internal instruction: side-table entry + opcode word. */
static uint32_t ins(cc *c, wd_word op)
{
    uint32_t pos = c->ncode;
    if (GROW(c, side, capside, c->nside + 1)) {
        wd_side *s = &c->side[c->nside++];
        s->pos = pos;
        s->work = (uint32_t)c->in.offset;
        s->first = c->have_pending ? c->pending_first : s->work;
        s->trap = s->work;
        s->wop = (uint16_t)c->in.op;
        s->snap = c->cur_snap;
        s->height = c->cur_height;
    }
    c->have_pending = false;
    c->last.valid = false;
    w(c, op);
    return pos;
}

/* Records the static operand stack before the current wasm instruction. */
static void snapshot(cc *c)
{
    uint32_t start = c->nsnaps;
    for (uint32_t i = 0; i < c->nst; i++) {
        centry *e = &c->st[i];
        if (!GROW(c, snaps, capsnaps, c->nsnaps + 3))
            return;
        c->snaps[c->nsnaps++] = e->type | (uint32_t)e->kind << 8;
        if (e->kind == WD_SE_LOCAL)
            c->snaps[c->nsnaps++] = e->src;
        else if (e->kind == WD_SE_CONST) {
            c->snaps[c->nsnaps++] = (uint32_t)e->c;
            c->snaps[c->nsnaps++] = (uint32_t)(e->c >> 32);
        }
    }
    uint32_t len = c->nsnaps - start;
    /* reuse the previous snapshot when identical */
    if (c->cur_height == c->nst && start >= len && c->cur_snap + len == start &&
        (len == 0 ||
         memcmp(c->snaps + c->cur_snap, c->snaps + start, len * sizeof(uint32_t)) == 0)) {
        c->nsnaps = start;
        return;
    }
    c->cur_snap = start;
    c->cur_height = (uint16_t)(c->nst > 0xFFFF ? 0xFFFF : c->nst);
}

/* ------------------------------------------------------------ stack model */

static centry *push(cc *c, uint8_t type)
{
    if (!GROW(c, st, capst, c->nst + 1))
        return NULL;
    centry *e = &c->st[c->nst++];
    e->type = type;
    e->kind = WD_SE_STACK;
    e->home = c->sp;
    e->src = 0;
    e->c = 0;
    c->sp += nslots(type);
    if (c->sp > c->max_sp)
        c->max_sp = c->sp;
    return e;
}

static centry pop(cc *c)
{
    centry e = c->st[--c->nst];
    c->sp = e.home;
    return e;
}

static void emit_const(cc *c, uint32_t dst, uint8_t type, uint64_t v)
{
    if (type == WD_I32 || type == WD_F32) {
        ins(c, WD_C_CONST32);
        w(c, dst);
        w(c, (wd_word)v);
    } else {
        ins(c, WD_C_CONST64);
        w(c, dst);
        w64(c, v);
    }
}

static void emit_mov(cc *c, uint32_t dst, uint32_t src, uint8_t type)
{
    if (dst == src)
        return;
    ins(c, type == WD_V128 ? WD_C_MOV2 : WD_C_MOV);
    w(c, dst);
    w(c, src);
}

/* Copies entry e's value into slot dst (no change to the model). */
static void store_entry(cc *c, const centry *e, uint32_t dst)
{
    switch (e->kind) {
    case WD_SE_STACK: emit_mov(c, dst, e->home, e->type); break;
    case WD_SE_LOCAL: emit_mov(c, dst, e->src, e->type); break;
    default: emit_const(c, dst, e->type, e->c); break;
    }
}

static void materialise(cc *c, centry *e)
{
    if (e->kind == WD_SE_STACK)
        return;
    store_entry(c, e, e->home);
    e->kind = WD_SE_STACK;
}

static void materialise_from(cc *c, uint32_t from)
{
    for (uint32_t i = from; i < c->nst; i++)
        materialise(c, &c->st[i]);
}

/* The slot to read an operand from (constants get materialised). */
static uint32_t opnd(cc *c, centry *e)
{
    if (e->kind == WD_SE_LOCAL)
        return e->src;
    if (e->kind == WD_SE_CONST)
        store_entry(c, e, e->home);
    return e->home;
}

static void set_last(cc *c, uint32_t pos, uint32_t dst_word)
{
    c->last.valid = true;
    c->last.pos = pos;
    c->last.dst = dst_word;
    c->last.entry = c->nst - 1;
    c->last.cmp = -1;
    c->last.op = -1;
}

/* ------------------------------------------------------------ control */

static cctl *top(cc *c) { return &c->ctl[c->nctl - 1]; }

static void block_type(cc *c, int64_t bt, cctl *k)
{
    k->nparams = k->nresults = 0;
    k->params = k->results = NULL;
    if (bt == WD_BLOCK_EMPTY)
        return;
    if (bt < 0) {
        k->single = (wd_valtype)(bt & 0x7F);
        k->is_single = true;
        k->nresults = 1;
        k->results = &k->single;
        return;
    }
    const wd_ftype *t = &c->m->types[bt];
    k->nparams = t->nparams;
    k->params = t->params;
    k->nresults = t->nresults;
    k->results = t->results;
}

static cctl *push_ctl(cc *c, uint8_t kind)
{
    if (!GROW(c, ctl, capctl, c->nctl + 1))
        return NULL;
    for (uint32_t i = 0; i < c->nctl; i++)
        if (c->ctl[i].is_single)
            c->ctl[i].results = &c->ctl[i].single;
    cctl *k = &c->ctl[c->nctl++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->fixes = NONE;
    k->else_fix = NONE;
    return k;
}

static uint32_t add_fix(cc *c, uint32_t opnd_pos, uint32_t ins_pos, uint32_t next)
{
    if (!GROW(c, fix, capfix, c->nfix + 1))
        return NONE;
    c->fix[c->nfix] = (cfix){ opnd_pos, ins_pos, next };
    return c->nfix++;
}

static void bind_fixes(cc *c, uint32_t head, uint32_t target)
{
    if (head != NONE && target > c->label_pos)
        c->label_pos = target;
    while (head != NONE) {
        cfix *f = &c->fix[head];
        if (f->opnd < c->ncode)
            c->code[f->opnd] = (wd_word)(int32_t)((int64_t)target - (int64_t)f->ins);
        head = f->next;
    }
    c->last.valid = false;
}

/* The rel word of a branch instruction at ins_pos back to loop k: back-edges
 * land after the loop's SAFEPOINT and do its work. The branch goes into the
 * back-edge table (wd_cfunc.edges). */
static wd_word loop_rel(cc *c, const cctl *k, uint32_t ins_pos)
{
    if (GROW(c, edges, capedges, c->nedges + 1))
        c->edges[c->nedges++] = (wd_backedge){.header = k->loop_pos + 2, .branch = ins_pos};
    return (wd_word)(int32_t)((int64_t)k->loop_pos + 2 - (int64_t)ins_pos);
}

/* Emits the rel word of a branch instruction starting at ins_pos towards
 * the label of ctl k. */
static void branch_target(cc *c, cctl *k, uint32_t ins_pos)
{
    if (k->kind == B_LOOP) {
        w(c, loop_rel(c, k, ins_pos));
    } else {
        k->fixes = add_fix(c, c->ncode, ins_pos, k->fixes);
        w(c, 0);
    }
}

static uint32_t label_arity(const cctl *k) { return k->kind == B_LOOP ? k->nparams : k->nresults; }

/* Do the carried values already sit in the label's slots? */
static bool branch_in_place(cc *c, const cctl *k)
{
    if (k->kind == B_FUNC)
        return false;
    uint32_t n = label_arity(k);
    uint32_t dst = k->base_slot;
    for (uint32_t i = c->nst - n; i < c->nst; i++) {
        const centry *e = &c->st[i];
        if (e->kind != WD_SE_STACK || e->home != dst)
            return false;
        dst += nslots(e->type);
    }
    return true;
}

/* Moves the top n entries into slots from dst on (model unchanged). When
 * dst is in the locals area (return, tail call) an entry may read a local
 * that an earlier move overwrites, so locals are first copied home. */
static void move_values(cc *c, uint32_t n, uint32_t dst, bool into_locals)
{
    uint32_t from = c->nst - n;
    bool pre = into_locals && n > 1;
    if (pre) {
        for (uint32_t i = from; i < c->nst; i++)
            if (c->st[i].kind == WD_SE_LOCAL)
                emit_mov(c, c->st[i].home, c->st[i].src, c->st[i].type);
    }
    for (uint32_t i = from; i < c->nst; i++) {
        const centry *e = &c->st[i];
        if (pre && e->kind == WD_SE_LOCAL)
            emit_mov(c, dst, e->home, e->type);
        else
            store_entry(c, e, dst);
        dst += nslots(e->type);
    }
}

static void emit_return(cc *c)
{
    move_values(c, c->ft->nresults, 0, true);
    ins(c, WD_C_RET);
}

/* Unconditional branch to label depth l (values at the top of the stack). */
static void emit_branch(cc *c, uint32_t l)
{
    cctl *k = &c->ctl[c->nctl - 1 - l];
    if (k->kind == B_FUNC) {
        emit_return(c);
        return;
    }
    move_values(c, label_arity(k), k->base_slot, false);
    uint32_t p = ins(c, WD_C_JMP);
    branch_target(c, k, p);
}

static void set_unreachable(cc *c)
{
    cctl *k = top(c);
    k->unreach = true;
    while (c->nst > k->height)
        pop(c);
}

/* Removes the instruction just emitted (its result is about to be folded
 * into the next one), keeping the file offset it covered. */
static void rewind_to(cc *c, uint32_t pos)
{
    c->ncode = pos;
    while (c->nside && c->side[c->nside - 1].pos >= pos) {
        c->rw = c->side[--c->nside];
        c->pending_first = c->rw.first;
        c->have_pending = true;
    }
    c->last.valid = false;
}

static void rewind_last(cc *c) { rewind_to(c, c->last.pos); }

/* The start of the instruction that ends at the current code position, if
 * it may be fused with the next one: no branch lands after its start. */
static bool prev_ins(cc *c, uint32_t *pos)
{
    if (!(c->opts & WD_OPT_SUPER) || c->nside == 0)
        return false;
    uint32_t p = c->side[c->nside - 1].pos;
    if (p < c->label_pos || p >= c->ncode || p + wd__code_len(c->code + p, c->code[p]) != c->ncode)
        return false;
    *pos = p;
    return true;
}

/* Has the stack entry `e` (at index `idx`) just been computed by the last
 * instruction, into its home slot? */
static bool last_made(cc *c, const centry *e, uint32_t idx)
{
    return c->last.valid && c->last.entry == idx && e->kind == WD_SE_STACK &&
           c->last.dst != NONE && c->code[c->last.dst] == e->home;
}

typedef struct fuseinfo {
    int op;
    uint32_t a, b;
    bool imm;
} fuseinfo;

/* If the condition on top of the stack was produced by the instruction just
 * emitted (a compare or eqz), removes that instruction and returns its
 * operands so the branch can do the compare itself. */
static bool take_fuse(cc *c, fuseinfo *f)
{
    if (!(c->opts & WD_OPT_FUSE_BRANCH) || !c->last.valid || c->last.cmp < 0)
        return false;
    if (c->last.entry != c->nst - 1 || c->last.dst == NONE)
        return false;
    centry *e = &c->st[c->nst - 1];
    if (e->kind != WD_SE_STACK || c->code[c->last.dst] != e->home)
        return false;
    f->op = c->last.cmp;
    f->a = c->last.a;
    f->b = c->last.b;
    f->imm = c->last.imm;
    rewind_last(c);
    return true;
}

static int cmp_inverse(int op)
{
    switch (op) {
#define X(ID, INV) case WD_OP_##ID: return WD_OP_##INV;
    WD_CMP_OPS(X)
#undef X
    default: return -1;
    }
}

static wd_word brc_op(int op, bool imm)
{
    switch (op) {
#define X(ID, INV) case WD_OP_##ID: return imm ? WD_C_BRCI_##ID : WD_C_BRC_##ID;
    WD_CMP_OPS(X)
#undef X
    default: return WD_C_UNREACHABLE;
    }
}

/* The destination slot of the i32 add (I32_ADD_I, I32_ADD, or the second
 * half of I32_ADD2_I) that ends at the current code position, or NONE. */
static uint32_t prev_add_dst(cc *c)
{
    uint32_t p;
    if (!prev_ins(c, &p))
        return NONE;
    switch (c->code[p]) {
    case WD_C_I32_ADD_I:
    case WD_C_I32_ADD:
        return c->code[p + 1];
    case WD_C_I32_ADD2_I:
        return c->code[p + 4];
    default:
        return NONE;
    }
}

/* Removes that add (its half of an I32_ADD2_I); returns whether its second
 * operand is a slot (else an immediate), and its operand words. */
static bool take_prev_add(cc *c, uint32_t *xa, uint32_t *xb)
{
    uint32_t p = 0;
    prev_ins(c, &p);
    wd_word o = c->code[p];
    if (o == WD_C_I32_ADD2_I) {
        *xa = c->code[p + 5];
        *xb = c->code[p + 6];
        c->code[p] = WD_C_I32_ADD_I;
        c->ncode = p + 4;
        c->last.valid = false;
        return false;
    }
    *xa = c->code[p + 2];
    *xb = c->code[p + 3];
    rewind_to(c, p);
    return o == WD_C_I32_ADD;
}

static bool is_addbr_cmp(int op)
{
    switch (op) {
#define X(ID) case WD_OP_##ID:
    WD_ADDBR_OPS(X)
#undef X
        return true;
    default:
        return false;
    }
}

/* a CMP b <=> b CMP' a */
static int cmp_swap(int op)
{
    switch (op) {
    case WD_OP_I32_LT_S: return WD_OP_I32_GT_S;
    case WD_OP_I32_LT_U: return WD_OP_I32_GT_U;
    case WD_OP_I32_GT_S: return WD_OP_I32_LT_S;
    case WD_OP_I32_GT_U: return WD_OP_I32_LT_U;
    case WD_OP_I32_LE_S: return WD_OP_I32_GE_S;
    case WD_OP_I32_LE_U: return WD_OP_I32_GE_U;
    case WD_OP_I32_GE_S: return WD_OP_I32_LE_S;
    case WD_OP_I32_GE_U: return WD_OP_I32_LE_U;
    default: return op;   /* EQ, NE */
    }
}

static wd_word addbr_op(int op, bool reg, bool imm)
{
    switch (op) {
#define X(ID) case WD_OP_##ID: \
        return reg ? (imm ? WD_C_ADDRBRI_##ID : WD_C_ADDRBR_##ID) \
                   : (imm ? WD_C_ADDBRI_##ID : WD_C_ADDBR_##ID);
    WD_ADDBR_OPS(X)
#undef X
    default: return WD_C_UNREACHABLE;
    }
}

/* Emits a conditional jump on the popped condition `e` (or the fused
 * compare f), taken when the condition is true (when_true) or false.
 * Returns the instruction position; the caller writes the rel word next. */
static uint32_t emit_cond_jump(cc *c, centry *e, const fuseinfo *f, bool when_true)
{
    if (f) {
        int op = f->op;
        if (op == WD_OP_I32_EQZ || op == WD_OP_I64_EQZ) {
            bool is64 = op == WD_OP_I64_EQZ;
            /* eqz true <=> a == 0 */
            wd_word o = when_true ? (is64 ? WD_C_BR_IF_EQZ64 : WD_C_BR_IF_EQZ)
                                  : (is64 ? WD_C_BR_IF64 : WD_C_BR_IF);
            uint32_t p = ins(c, o);
            w(c, f->a);
            return p;
        }
        if (!when_true)
            op = cmp_inverse(op);
        uint32_t p = 0, d = prev_add_dst(c);
        if (is_addbr_cmp(op) && d != NONE) {
            /* `x = a + k; br_if (x cmp n)` -> one instruction */
            uint32_t n = NONE;
            int cop = op;
            if (f->a == d) {
                n = f->b;
            } else if (!f->imm && f->b == d) {
                n = f->a;
                cop = cmp_swap(op);
            }
            if (n != NONE) {
                uint32_t xa, xb;
                bool reg = take_prev_add(c, &xa, &xb);
                p = ins(c, addbr_op(cop, reg, f->imm && f->a == d));
                w(c, d);
                w(c, xa);
                w(c, xb);
                w(c, n);
                return p;
            }
        }
        p = ins(c, brc_op(op, f->imm));
        w(c, f->a);
        w(c, f->b);
        return p;
    }
    uint32_t s = opnd(c, e);
    if (e->type == WD_I32 && prev_add_dst(c) == s) {
        /* `x = a + k; br_if x` */
        uint32_t xa, xb;
        bool reg = take_prev_add(c, &xa, &xb);
        uint32_t p = ins(c, addbr_op(when_true ? WD_OP_I32_NE : WD_OP_I32_EQ, reg, true));
        w(c, s);
        w(c, xa);
        w(c, xb);
        w(c, 0);
        return p;
    }
    uint32_t p = ins(c, when_true ? WD_C_BR_IF : WD_C_BR_IF_EQZ);
    w(c, s);
    return p;
}

/* The *_M (memory index != 0) variant of a load/store. */
static wd_word mem_variant(int op)
{
    wd_word mop = WD_C__WASM_END + 1;
    for (int i = 0; i < op; i++)
        if (wd_opinfo_table[i].kind == K_LOAD || wd_opinfo_table[i].kind == K_STORE)
            mop++;
    return mop;
}

/* ------------------------------------------------------------ ops */

static bool is_imm_op(int op)
{
    switch (op) {
#define X(ID) case WD_OP_##ID:
    WD_IMM_OPS(X)
#undef X
        return true;
    default:
        return false;
    }
}

static wd_word imm_variant(int op)
{
    switch (op) {
#define X(ID) case WD_OP_##ID: return WD_C_##ID##_I;
    WD_IMM_OPS(X)
#undef X
    default: return WD_C_UNREACHABLE;
    }
}

static wd_word imm64_variant(int op)
{
    switch (op) {
#define X(ID) case WD_OP_##ID: return WD_C_##ID##_K64;
    WD_IMM64_OPS(X)
#undef X
    default: return 0;
    }
}

static bool commutative(int op)
{
    switch (op) {
    case WD_OP_I32_ADD: case WD_OP_I32_MUL: case WD_OP_I32_AND: case WD_OP_I32_OR:
    case WD_OP_I32_XOR: case WD_OP_I32_EQ: case WD_OP_I32_NE:
    case WD_OP_I64_ADD: case WD_OP_I64_MUL: case WD_OP_I64_AND: case WD_OP_I64_OR:
    case WD_OP_I64_XOR: case WD_OP_I64_EQ: case WD_OP_I64_NE:
        return true;
    default:
        return false;
    }
}

static uint8_t letter_type(char ch)
{
    switch (ch) {
    case 'i': return WD_I32;
    case 'I': return WD_I64;
    case 'f': return WD_F32;
    case 'F': return WD_F64;
    default: return WD_V128;
    }
}

/* Sets the trap offset of the instruction just started. */
static void set_trap_offset(cc *c, uint32_t pos, uint32_t off)
{
    if (c->nside && c->side[c->nside - 1].pos == pos)
        c->side[c->nside - 1].trap = off;
}

/* Binary ops fused with the instruction just emitted (the popped operands
 * a[0], a[1] were at stack indices nst, nst + 1): a float op with an
 * operand just loaded (ID_LB / ID_LA), f64.add/sub with an operand just
 * multiplied (F64_MULADD...). Returns true when it emitted the op. */
static bool fuse_binop(cc *c, int op, centry *a)
{
    if (!(c->opts & WD_OPT_SUPER) || !c->last.valid)
        return false;
    uint32_t base = c->nst, lp = c->last.pos;
    int side = last_made(c, &a[1], base + 1) ? 1 : last_made(c, &a[0], base) ? 0 : -1;
    if (side < 0 || a[1 - side].kind == WD_SE_CONST)
        return false;
    wd_word lop = c->code[lp], lb = 0, la = 0, ld = 0;
    switch (op) {
#define X(ID, T, LD, ST, N) case WD_OP_##ID: lb = WD_C_##ID##_LB; la = WD_C_##ID##_LA; ld = WD_C_##LD; break;
    WD_LDOP_OPS(X)
#undef X
    default: break;
    }
    uint32_t wds[3];
    wd_word nop;
    bool load = ld && lop == ld;
    if (load) {
        /* plain load of memory 0: OP d addr off add */
        wds[0] = c->code[lp + 2];
        wds[1] = c->code[lp + 3];
        wds[2] = c->code[lp + 4];
        nop = side == 1 ? lb : la;
    } else if ((op == WD_OP_F64_ADD || op == WD_OP_F64_SUB || (op == WD_OP_F64_MUL && side == 0)) &&
               lop == WD_C_F64_MUL) {
        wds[0] = c->code[lp + 2];
        wds[1] = c->code[lp + 3];
        nop = op == WD_OP_F64_MUL ? WD_C_F64_MULMUL
            : op == WD_OP_F64_ADD ? (side == 0 ? WD_C_F64_MULADD : WD_C_F64_ADDMUL)
                                  : (side == 0 ? WD_C_F64_MULSUB : WD_C_F64_SUBMUL);
    } else {
        return false;
    }
    rewind_last(c);
    uint32_t trap = c->rw.trap;
    uint32_t so = opnd(c, &a[1 - side]);   /* a local or stack slot: emits nothing */
    centry *r = push(c, a[0].type);
    if (!r)
        return true;
    uint32_t p = ins(c, nop);
    uint32_t dw = c->ncode;
    w(c, r->home);
    if (load) {
        set_trap_offset(c, p, trap);
        if (side == 1)
            w(c, so);
        w(c, wds[0]);
        w(c, wds[1]);
        w(c, wds[2]);
        if (side == 0)
            w(c, so);
    } else {
        w(c, wds[0]);
        w(c, wds[1]);
        w(c, so);
    }
    set_last(c, p, dw);
    return true;
}

/* K_PURE / K_TRAP ops: OP d a [b [c]] [lane | shuffle]. */
static void emit_numeric(cc *c)
{
    int op = (int)c->in.op;
    const wd_opinfo *oi = &wd_opinfo_table[op];
    const char *sig = oi->sig;
    uint32_t np = 0;
    while (sig[np] != '_')
        np++;
    uint8_t rtype = letter_type(sig[np + 1]);
    centry a[3];
    for (uint32_t i = np; i-- > 0;)
        a[i] = pop(c);

    /* immediate variant: b constant */
    bool imm = false;
    uint32_t immv = 0;
    if ((c->opts & WD_OPT_IMM_OPS) && np == 2 && is_imm_op(op)) {
        if (a[0].kind == WD_SE_CONST && a[1].kind != WD_SE_CONST && commutative(op)) {
            centry t = a[0];
            a[0] = a[1];
            a[1] = t;
        }
        if (a[1].kind == WD_SE_CONST) {
            bool is64 = sig[0] == 'I';
            int64_t v = is64 ? (int64_t)a[1].c : (int64_t)(int32_t)(uint32_t)a[1].c;
            if (!is64 || (v >= INT32_MIN && v <= INT32_MAX)) {
                imm = true;
                immv = (uint32_t)(int32_t)v;
            }
        }
    }
    if (!imm && np == 2 && fuse_binop(c, op, a))
        return;
    wd_word k64 = 0;
    if (!imm && np == 2 && (c->opts & WD_OPT_IMM_OPS) && (k64 = imm64_variant(op)) != 0) {
        if (a[0].kind == WD_SE_CONST && a[1].kind != WD_SE_CONST && sig[0] == 'I' && commutative(op)) {
            centry t = a[0];
            a[0] = a[1];
            a[1] = t;
        }
        if (a[1].kind != WD_SE_CONST)
            k64 = 0;
    }
    if (k64) {
        uint32_t s0 = opnd(c, &a[0]);
        centry *r = push(c, rtype);
        if (!r)
            return;
        uint32_t p = ins(c, k64);
        uint32_t dw = c->ncode;
        w(c, r->home);
        w(c, s0);
        w64(c, a[1].c);
        set_last(c, p, dw);
        return;
    }
    uint32_t s[3] = { 0, 0, 0 };
    for (uint32_t i = 0; i < np; i++)
        if (!(imm && i == 1))
            s[i] = opnd(c, &a[i]);
    centry *r = push(c, rtype);
    if (!r)
        return;
    uint32_t p = ins(c, imm ? imm_variant(op) : (wd_word)op);
    uint32_t dw = c->ncode;
    w(c, r->home);
    for (uint32_t i = 0; i < np; i++)
        w(c, imm && i == 1 ? immv : s[i]);
    if (oi->imm == IMM_LANE) {
        w(c, c->in.imm.lane);
    } else if (oi->imm == IMM_SHUFFLE) {
        for (int i = 0; i < 4; i++) {
            wd_word x;
            memcpy(&x, c->in.imm.bytes + 4 * i, 4);
            w(c, x);
        }
    }
    set_last(c, p, dw);
    c->last.op = op;
    c->last.a = s[0];
    c->last.b = imm ? immv : s[1];
    c->last.imm = imm;
    if (cmp_inverse(op) >= 0 || op == WD_OP_I32_EQZ || op == WD_OP_I64_EQZ)
        c->last.cmp = op;
}

static wd_word ldx_variant(int op)
{
    switch (op) {
#define X(ID, T, N) case WD_OP_##ID: return WD_C_##ID##_X;
    WD_LDX_OPS(X)
    WD_STX_OPS(X)
#undef X
    default: return 0;
    }
}

static wd_word storekx_variant(int op)
{
    switch (op) {
#define X(ID, T, N) case WD_OP_##ID: return WD_C_##ID##_KX;
    WD_STOREK_OPS(X)
#undef X
    default: return 0;
    }
}

/* The address operand of a load/store, the entry just popped (at stack
 * index nst). `i32.add x C` just before folds into the instruction's add
 * word (*add = C); with `indexed`, `i32.add x y` and `i32.add x (i32.shl y
 * k)` fold into an indexed form (*xb = y's slot, *xk = k). Returns x's slot. */
static uint32_t mem_addr(cc *c, centry *addr, bool indexed, uint32_t *add, uint32_t *xb,
                         uint32_t *xk)
{
    *add = 0;
    *xb = NONE;
    *xk = 0;
    if (!(c->opts & WD_OPT_FUSE_BRANCH) || c->last.op != WD_OP_I32_ADD || !last_made(c, addr, c->nst))
        return opnd(c, addr);
    uint32_t a = c->last.a, b = c->last.b;
    if (c->last.imm) {
        *add = b;
        rewind_last(c);
        return a;
    }
    if (!indexed || !(c->opts & WD_OPT_SUPER))
        return opnd(c, addr);
    rewind_last(c);
    uint32_t p;
    if (prev_ins(c, &p) && c->code[p] == WD_C_I32_SHL_I && a != b) {
        /* the shift's result is a stack temporary only the add read */
        uint32_t d = c->code[p + 1];
        if (d >= c->cf->local_slots && (d == a || d == b)) {
            if (d == a)
                a = b;
            b = c->code[p + 2];
            *xk = c->code[p + 3] & 31;
            rewind_to(c, p);
        }
    }
    *xb = b;
    return a;
}

static void emit_load(cc *c)
{
    int op = (int)c->in.op;
    const wd_opinfo *oi = &wd_opinfo_table[op];
    uint32_t mem = c->in.imm.mem.mem;
    centry v = { 0 }, addr;
    bool lane = oi->imm == IMM_MEMARG_LANE;
    if (lane)
        v = pop(c);
    addr = pop(c);
    uint32_t add = 0, sa, xb = NONE, xk = 0;
    wd_word xop = !lane && !mem ? ldx_variant(op) : 0;
    if (!lane)
        sa = mem_addr(c, &addr, xop != 0, &add, &xb, &xk);
    else
        sa = opnd(c, &addr);
    uint32_t sv = lane ? opnd(c, &v) : 0;
    centry *r = push(c, letter_type(oi->sig[2]));
    if (!r)
        return;
    if (xb != NONE) {
        uint32_t p = ins(c, xop);
        uint32_t dw = c->ncode;
        w(c, r->home);
        w(c, sa);
        w(c, xb);
        w(c, (wd_word)c->in.imm.mem.offset);
        w(c, xk);
        set_last(c, p, dw);
        return;
    }
    uint32_t p = ins(c, mem ? mem_variant(op) : (wd_word)op);
    uint32_t dw = c->ncode;
    w(c, r->home);
    w(c, sa);
    w(c, (wd_word)c->in.imm.mem.offset);
    if (lane) {
        w(c, sv);
        w(c, c->in.imm.mem.lane);
    } else {
        w(c, add);
    }
    if (mem)
        w(c, mem);
    set_last(c, p, dw);
}

static wd_word storek_variant(int op)
{
    switch (op) {
#define X(ID, T, N) case WD_OP_##ID: return WD_C_##ID##_K;
    WD_STOREK_OPS(X)
#undef X
    default: return 0;
    }
}

/* `mem = op(x, mem)` read-modify-write: the stored value was just computed
 * by ID_LB / ID_LA from a load of the same address: one ID_SB / ID_SA. */
static bool fuse_store_back(cc *c, int op, centry *v, centry *addr)
{
    if (!(c->opts & WD_OPT_SUPER) || addr->kind == WD_SE_CONST || !last_made(c, v, c->nst + 1))
        return false;
    uint32_t lp = c->last.pos;
    wd_word lop = c->code[lp], nop = 0;
    bool b = false;
    switch (lop) {
#define X(ID, T, LD, ST, N) \
    case WD_C_##ID##_LB: if (op == WD_OP_##ST) { nop = WD_C_##ID##_SB; b = true; } break; \
    case WD_C_##ID##_LA: if (op == WD_OP_##ST) nop = WD_C_##ID##_SA; break;
    WD_LDOP_OPS(X)
#undef X
    default: break;
    }
    if (!nop)
        return false;
    /* LB d a addr off add | LA d addr off add b */
    uint32_t d = c->code[lp + 1];
    uint32_t la = c->code[lp + (b ? 3 : 2)], loff = c->code[lp + (b ? 4 : 3)];
    uint32_t ladd = c->code[lp + (b ? 5 : 4)], other = c->code[lp + (b ? 2 : 5)];
    uint32_t sa = addr->kind == WD_SE_LOCAL ? addr->src : addr->home;
    if (la != sa || ladd != 0 || loff != (wd_word)c->in.imm.mem.offset || d == sa)
        return false;
    rewind_last(c);
    uint32_t trap = c->rw.trap;
    uint32_t p = ins(c, nop);
    set_trap_offset(c, p, trap);
    w(c, sa);
    w(c, other);
    w(c, loff);
    w(c, 0);
    return true;
}

static void emit_store(cc *c)
{
    int op = (int)c->in.op;
    const wd_opinfo *oi = &wd_opinfo_table[op];
    uint32_t mem = c->in.imm.mem.mem;
    bool lane = oi->imm == IMM_MEMARG_LANE;
    centry v = pop(c), addr = pop(c);
    if (!lane && !mem && fuse_store_back(c, op, &v, &addr))
        return;
    /* `i32.add x C; (value); store`, when computing the value emitted nothing */
    wd_word kop = storek_variant(op);
    bool k = false;
    uint32_t sv = 0;
    if (!lane && !mem && kop && v.kind == WD_SE_CONST && (c->opts & WD_OPT_IMM_OPS)) {
        int64_t x = v.type == WD_I64 ? (int64_t)v.c : (int64_t)(int32_t)(uint32_t)v.c;
        if (x >= INT32_MIN && x <= INT32_MAX) {
            k = true;
            sv = (uint32_t)(int32_t)x;
        }
    }
    uint32_t add = 0, sa, xb = NONE, xk = 0;
    /* No indexed form when the value is a constant to materialise: its slot
     * (just above the address's) may hold the index the fused-away add read. */
    wd_word xop = !lane && !mem && (k || v.kind != WD_SE_CONST) ? ldx_variant(op) : 0;
    if (!lane)
        sa = mem_addr(c, &addr, xop != 0, &add, &xb, &xk);
    else
        sa = opnd(c, &addr);
    if (!k)
        sv = opnd(c, &v);
    if (xb != NONE) {
        ins(c, k ? storekx_variant(op) : xop);
        w(c, sa);
        w(c, xb);
        w(c, sv);
        w(c, (wd_word)c->in.imm.mem.offset);
        w(c, xk);
        return;
    }
    ins(c, k ? kop : mem ? mem_variant(op) : (wd_word)op);
    w(c, sa);
    w(c, sv);
    w(c, (wd_word)c->in.imm.mem.offset);
    w(c, lane ? c->in.imm.mem.lane : add);
    if (mem)
        w(c, mem);
}

static void emit_call(cc *c, uint32_t funcidx)
{
    const wd_ftype *t = &c->m->types[c->m->funcs[funcidx].typeidx];
    uint32_t from = c->nst - t->nparams;
    materialise_from(c, from);
    uint32_t base = t->nparams ? c->st[from].home : c->sp;
    while (c->nst > from)
        pop(c);
    c->sp = base;
    if (funcidx < c->m->nfunc_imports) {
        ins(c, WD_C_CALL_IMPORT);
        w(c, funcidx);
    } else {
        ins(c, WD_C_CALL);
        w64(c, (uint64_t)(uintptr_t)c->m->funcs[funcidx].code);
    }
    w(c, base);
    /* the callee frame may need room for results beyond the args */
    for (uint32_t i = 0; i < t->nresults; i++)
        push(c, (uint8_t)t->results[i]);
}

static void emit_call_indirect(cc *c)
{
    const wd_ftype *t = &c->m->types[c->in.imm.ci.typeidx];
    centry idx = pop(c);
    uint32_t from = c->nst - t->nparams;
    materialise_from(c, from);
    uint32_t si = opnd(c, &idx);
    uint32_t base = t->nparams ? c->st[from].home : c->sp;
    while (c->nst > from)
        pop(c);
    c->sp = base;
    ins(c, WD_C_CALL_INDIRECT);
    w(c, c->in.imm.ci.typeidx);
    w(c, c->in.imm.ci.table);
    w(c, base);
    w(c, si);
    for (uint32_t i = 0; i < t->nresults; i++)
        push(c, (uint8_t)t->results[i]);
}

static void emit_return_call(cc *c, bool indirect)
{
    uint32_t typeidx = indirect ? c->in.imm.ci.typeidx : c->m->funcs[c->in.imm.idx].typeidx;
    const wd_ftype *t = &c->m->types[typeidx];
    uint32_t si = 0;
    if (indirect) {
        centry *ie = &c->st[c->nst - 1];
        materialise(c, ie);
        si = ie->home;
        pop(c);
    }
    move_values(c, t->nparams, 0, true);
    if (indirect) {
        ins(c, WD_C_RETURN_CALL_INDIRECT);
        w(c, typeidx);
        w(c, c->in.imm.ci.table);
        w(c, si);
    } else {
        ins(c, WD_C_RETURN_CALL);
        w(c, c->in.imm.idx);
    }
    set_unreachable(c);
}

/* Two I32_ADD_I just emitted, one after the other (the second's result
 * just went to a local): one I32_ADD2_I. */
static void merge_adds(cc *c)
{
    if (!(c->opts & WD_OPT_SUPER) || c->nside < 2)
        return;
    wd_side *s2 = &c->side[c->nside - 1], *s1 = s2 - 1;
    uint32_t q = s1->pos;
    if (s2->pos != q + 4 || c->ncode != q + 8 || q < c->label_pos ||
        c->code[q] != WD_C_I32_ADD_I || c->code[q + 4] != WD_C_I32_ADD_I)
        return;
    c->code[q] = WD_C_I32_ADD2_I;
    c->code[q + 4] = c->code[q + 5];
    c->code[q + 5] = c->code[q + 6];
    c->code[q + 6] = c->code[q + 7];
    c->ncode = q + 7;
    s1->work = s2->work;
    s1->trap = s2->trap;
    s1->wop = s2->wop;
    s1->snap = s2->snap;
    s1->height = s2->height;
    c->nside--;
}

static void local_write(cc *c, uint32_t x, bool tee)
{
    uint32_t slot = c->cf->local_slot[x];
    centry v = pop(c);
    /* materialise pending reads of this local */
    for (uint32_t i = 0; i < c->nst; i++)
        if (c->st[i].kind == WD_SE_LOCAL && c->st[i].src == slot)
            materialise(c, &c->st[i]);
    if (v.kind == WD_SE_STACK && (c->opts & WD_OPT_FORWARD_DST) && c->last.valid &&
        c->last.dst != NONE && c->last.entry == c->nst && c->code[c->last.dst] == v.home &&
        c->last.pos + 1 <= c->ncode) {
        c->code[c->last.dst] = slot;
        c->last.valid = false;
        merge_adds(c);
    } else {
        store_entry(c, &v, slot);
    }
    if (tee) {
        centry *e = push(c, v.type);
        if (!e)
            return;
        if (c->opts & WD_OPT_FOLD_LOCALS) {
            e->kind = WD_SE_LOCAL;
            e->src = slot;
        } else {
            emit_mov(c, e->home, slot, e->type);
        }
    }
}

/* ------------------------------------------------------------ one body */

static void weight_flush(cc *c)
{
    if (c->weight_pos != NONE && c->weight_pos < c->ncode)
        c->code[c->weight_pos] = c->weight ? c->weight : 1;
    c->weight = 0;
}

static void emit_safepoint(cc *c)
{
    weight_flush(c);
    ins(c, WD_C_SAFEPOINT);
    c->weight_pos = c->ncode;
    w(c, 1);
}

static bool compile_body(cc *c)
{
    wd_module *m = c->m;
    wd_mfunc *mf = c->mf;
    wd_reader r = { .p = mf->body, .end = mf->body + mf->body_len, .base = m->bytes,
                    .errmsg = NULL, .erroff = 0 };
    cctl *fk = push_ctl(c, B_FUNC);
    if (!fk)
        return false;
    fk->nresults = c->ft->nresults;
    fk->results = c->ft->results;
    fk->base_slot = c->sp;
    c->in.op = WD_OP_NOP;
    c->in.offset = mf->body_offset;
    c->weight_pos = NONE;
    emit_safepoint(c);
    c->label_pos = c->ncode;

    while (c->nctl > 0 && !c->oom) {
        if (!wd_insn_read(&r, m->features, &c->in))
            return false;
        wd_insn *in = &c->in;
        cctl *k = top(c);
        int op = (int)in->op;
        if (k->dead || k->unreach) {
            if (op == WD_OP_BLOCK || op == WD_OP_LOOP || op == WD_OP_IF) {
                cctl *d = push_ctl(c, B_BLOCK);
                if (d)
                    d->dead = true;
                continue;
            }
            if (op == WD_OP_END && k->dead) {
                c->nctl--;
                continue;
            }
            if (!(op == WD_OP_END || (op == WD_OP_ELSE && !k->dead)))
                continue;
        }
        if (c->want_snaps)
            snapshot(c);
        if (!c->have_pending) {
            c->pending_first = (uint32_t)in->offset;
            c->have_pending = true;
        }
        c->weight++;

        switch (op) {
        case WD_OP_UNREACHABLE:
            ins(c, WD_C_UNREACHABLE);
            set_unreachable(c);
            break;
        case WD_OP_NOP:
            break;
        case WD_OP_BLOCK:
        case WD_OP_LOOP:
        case WD_OP_IF: {
            centry cond = { 0 };
            fuseinfo fi;
            bool fuse = false;
            if (op == WD_OP_IF) {
                fuse = take_fuse(c, &fi);
                cond = pop(c);
            }
            cctl tmp;
            memset(&tmp, 0, sizeof tmp);
            block_type(c, in->imm.blocktype, &tmp);
            /* entries below the new block are put in their home slots; a
             * fused compare's operands are slots this does not write */
            materialise_from(c, top(c)->height);
            uint32_t p = 0;
            if (op == WD_OP_IF)
                p = emit_cond_jump(c, &cond, fuse ? &fi : NULL, false);
            {
                cctl *nk = push_ctl(c, op == WD_OP_BLOCK ? B_BLOCK : op == WD_OP_LOOP ? B_LOOP : B_IF);
                if (!nk)
                    break;
                uint8_t kind = nk->kind;
                *nk = tmp;
                if (tmp.is_single)
                    nk->results = &nk->single;
                nk->kind = kind;
                nk->fixes = NONE;
                nk->else_fix = NONE;
                if (op == WD_OP_IF) {
                    nk->else_fix = add_fix(c, c->ncode, p, NONE);
                    w(c, 0);
                }
            }
            cctl *nk = top(c);
            nk->height = c->nst - nk->nparams;
            nk->base_slot = nk->nparams ? c->st[nk->height].home : c->sp;
            if (op == WD_OP_LOOP) {
                c->last.valid = false;
                nk->loop_pos = c->ncode;
                emit_safepoint(c);
                c->label_pos = c->ncode;
            }
            break;
        }
        case WD_OP_ELSE: {
            if (!k->unreach) {
                materialise_from(c, k->height);
                uint32_t p = ins(c, WD_C_JMP);
                k->fixes = add_fix(c, c->ncode, p, k->fixes);
                w(c, 0);
            }
            bind_fixes(c, k->else_fix, c->ncode);
            k->else_fix = NONE;
            while (c->nst > k->height)
                pop(c);
            for (uint32_t i = 0; i < k->nparams; i++)
                push(c, (uint8_t)k->params[i]);
            k->unreach = false;
            k->kind = B_ELSE;
            break;
        }
        case WD_OP_END: {
            if (!k->unreach)
                materialise_from(c, k->height);
            if (k->kind == B_FUNC) {
                if (!k->unreach)
                    emit_return(c);
                c->nctl--;
                break;
            }
            if (k->else_fix != NONE)
                bind_fixes(c, k->else_fix, c->ncode);
            bind_fixes(c, k->fixes, c->ncode);
            bool was_unreach = k->unreach;
            if (k->kind == B_LOOP && c->weight_pos != NONE) {
                /* the loop's count ends with its body (its end runs once, on the way out);
                 * the code after it is counted by no safepoint, rather than once per
                 * iteration of this one */
                c->weight--;
                weight_flush(c);
                c->weight_pos = NONE;
            }
            while (c->nst > k->height)
                pop(c);
            for (uint32_t i = 0; i < k->nresults; i++)
                push(c, (uint8_t)k->results[i]);
            c->nctl--;
            (void)was_unreach;
            break;
        }
        case WD_OP_BR:
            emit_branch(c, in->imm.idx);
            set_unreachable(c);
            break;
        case WD_OP_BR_IF: {
            fuseinfo fi;
            bool fuse = take_fuse(c, &fi);
            centry cond = pop(c);
            cctl *t = &c->ctl[c->nctl - 1 - in->imm.idx];
            if (branch_in_place(c, t)) {
                uint32_t p = emit_cond_jump(c, &cond, fuse ? &fi : NULL, true);
                branch_target(c, t, p);
            } else {
                uint32_t p = emit_cond_jump(c, &cond, fuse ? &fi : NULL, false);
                uint32_t skip = add_fix(c, c->ncode, p, NONE);
                w(c, 0);
                emit_branch(c, in->imm.idx);
                bind_fixes(c, skip, c->ncode);
            }
            break;
        }
        case WD_OP_BR_TABLE: {
            centry idx = pop(c);
            uint32_t si = opnd(c, &idx);
            uint32_t n = in->imm.brt.count;
            uint32_t *depth = wd__malloc(((size_t)n + 1) * sizeof *depth);
            uint32_t *stub = wd__malloc(((size_t)n + 1) * sizeof *stub);
            if (!depth || !stub) {
                wd__free(depth);
                wd__free(stub);
                c->oom = true;
                break;
            }
            wd_brt_iter it;
            wd_brt_iter_init(&it, in, r.end);
            for (uint32_t i = 0; i <= n; i++)
                if (!wd_brt_iter_next(&it, &depth[i]))
                    depth[i] = 0;
            uint32_t p = ins(c, WD_C_BR_TABLE);
            w(c, si);
            w(c, n);
            uint32_t tab = c->ncode;
            for (uint32_t i = 0; i <= n; i++)
                w(c, 0);
            for (uint32_t i = 0; i <= n && !c->oom; i++) {
                cctl *t = &c->ctl[c->nctl - 1 - depth[i]];
                stub[i] = NONE;
                if (branch_in_place(c, t)) {
                    if (t->kind == B_LOOP)
                        c->code[tab + i] = loop_rel(c, t, p);
                    else
                        t->fixes = add_fix(c, tab + i, p, t->fixes);
                    continue;
                }
                for (uint32_t j = 0; j < i; j++)
                    if (depth[j] == depth[i] && stub[j] != NONE) {
                        stub[i] = stub[j];
                        break;
                    }
                if (stub[i] == NONE) {
                    stub[i] = c->ncode;
                    c->label_pos = c->ncode;
                    c->last.valid = false;
                    emit_branch(c, depth[i]);
                }
                c->code[tab + i] = (wd_word)(int32_t)((int64_t)stub[i] - (int64_t)p);
            }
            wd__free(depth);
            wd__free(stub);
            set_unreachable(c);
            break;
        }
        case WD_OP_RETURN:
            emit_return(c);
            set_unreachable(c);
            break;
        case WD_OP_CALL:
            emit_call(c, in->imm.idx);
            break;
        case WD_OP_CALL_INDIRECT:
            emit_call_indirect(c);
            break;
        case WD_OP_RETURN_CALL:
            emit_return_call(c, false);
            break;
        case WD_OP_RETURN_CALL_INDIRECT:
            emit_return_call(c, true);
            break;
        case WD_OP_DROP:
            pop(c);
            break;
        case WD_OP_SELECT:
        case WD_OP_SELECT_T: {
            centry cd = pop(c), b = pop(c), a = pop(c);
            uint32_t sa = opnd(c, &a), sb = opnd(c, &b), sc = opnd(c, &cd);
            centry *r2 = push(c, a.type);
            if (!r2)
                break;
            uint32_t p = ins(c, a.type == WD_V128 ? WD_C_SELECT2 : WD_C_SELECT);
            uint32_t dw = c->ncode;
            w(c, r2->home);
            w(c, sa);
            w(c, sb);
            w(c, sc);
            set_last(c, p, dw);
            break;
        }
        case WD_OP_LOCAL_GET: {
            uint32_t x = in->imm.idx;
            centry *e = push(c, (uint8_t)c->cf->local_types[x]);
            if (!e)
                break;
            if (c->opts & WD_OPT_FOLD_LOCALS) {
                e->kind = WD_SE_LOCAL;
                e->src = c->cf->local_slot[x];
            } else {
                emit_mov(c, e->home, c->cf->local_slot[x], e->type);
            }
            break;
        }
        case WD_OP_LOCAL_SET:
            local_write(c, in->imm.idx, false);
            break;
        case WD_OP_LOCAL_TEE:
            local_write(c, in->imm.idx, true);
            break;
        case WD_OP_GLOBAL_GET: {
            uint8_t t = (uint8_t)m->globals[in->imm.idx].type;
            centry *e = push(c, t);
            if (!e)
                break;
            uint32_t p = ins(c, t == WD_V128 ? WD_C_GLOBAL_GET2 : WD_C_GLOBAL_GET);
            uint32_t dw = c->ncode;
            w(c, e->home);
            w(c, in->imm.idx);
            set_last(c, p, dw);
            break;
        }
        case WD_OP_GLOBAL_SET: {
            centry v = pop(c);
            uint32_t s = opnd(c, &v);
            ins(c, v.type == WD_V128 ? WD_C_GLOBAL_SET2 : WD_C_GLOBAL_SET);
            w(c, in->imm.idx);
            w(c, s);
            break;
        }
        case WD_OP_TABLE_GET: {
            centry i = pop(c);
            uint32_t s = opnd(c, &i);
            centry *e = push(c, (uint8_t)m->tables[in->imm.idx].elem);
            if (!e)
                break;
            uint32_t p = ins(c, WD_C_TABLE_GET);
            uint32_t dw = c->ncode;
            w(c, e->home);
            w(c, s);
            w(c, in->imm.idx);
            set_last(c, p, dw);
            break;
        }
        case WD_OP_TABLE_SET: {
            centry v = pop(c), i = pop(c);
            uint32_t si2 = opnd(c, &i), sv = opnd(c, &v);
            ins(c, WD_C_TABLE_SET);
            w(c, in->imm.idx);
            w(c, si2);
            w(c, sv);
            break;
        }
        case WD_OP_MEMORY_SIZE: {
            centry *e = push(c, WD_I32);
            if (!e)
                break;
            uint32_t p = ins(c, WD_C_MEMORY_SIZE);
            uint32_t dw = c->ncode;
            w(c, e->home);
            w(c, in->imm.idx);
            set_last(c, p, dw);
            break;
        }
        case WD_OP_MEMORY_GROW: {
            centry n = pop(c);
            uint32_t s = opnd(c, &n);
            centry *e = push(c, WD_I32);
            if (!e)
                break;
            ins(c, WD_C_MEMORY_GROW);
            w(c, e->home);
            w(c, s);
            w(c, in->imm.idx);
            break;
        }
        case WD_OP_I32_CONST:
        case WD_OP_I64_CONST:
        case WD_OP_F32_CONST:
        case WD_OP_F64_CONST: {
            uint8_t t = op == WD_OP_I32_CONST ? WD_I32 : op == WD_OP_I64_CONST ? WD_I64
                      : op == WD_OP_F32_CONST ? WD_F32 : WD_F64;
            uint64_t v = op == WD_OP_I32_CONST ? in->imm.i32 : op == WD_OP_I64_CONST ? in->imm.i64
                       : op == WD_OP_F32_CONST ? in->imm.f32 : in->imm.f64;
            centry *e = push(c, t);
            if (!e)
                break;
            e->kind = WD_SE_CONST;
            e->c = v;
            if (!(c->opts & WD_OPT_FOLD_LOCALS))
                materialise(c, e);
            break;
        }
        case WD_OP_V128_CONST: {
            centry *e = push(c, WD_V128);
            if (!e)
                break;
            uint32_t p = ins(c, WD_C_V128_CONST);
            uint32_t dw = c->ncode;
            w(c, e->home);
            for (int i = 0; i < 4; i++) {
                wd_word x;
                memcpy(&x, in->imm.bytes + 4 * i, 4);
                w(c, x);
            }
            set_last(c, p, dw);
            break;
        }
        case WD_OP_REF_NULL: {
            centry *e = push(c, (uint8_t)in->imm.reftype);
            if (!e)
                break;
            e->kind = WD_SE_CONST;
            e->c = 0;
            break;
        }
        case WD_OP_REF_IS_NULL: {
            centry a = pop(c);
            uint32_t s = opnd(c, &a);
            centry *e = push(c, WD_I32);
            if (!e)
                break;
            uint32_t p = ins(c, WD_C_I64_EQZ);
            uint32_t dw = c->ncode;
            w(c, e->home);
            w(c, s);
            set_last(c, p, dw);
            c->last.cmp = WD_OP_I64_EQZ;
            c->last.a = s;
            c->last.imm = false;
            break;
        }
        case WD_OP_REF_FUNC: {
            centry *e = push(c, WD_FUNCREF);
            if (!e)
                break;
            uint32_t p = ins(c, WD_C_REF_FUNC);
            uint32_t dw = c->ncode;
            w(c, e->home);
            w(c, in->imm.idx);
            set_last(c, p, dw);
            break;
        }
        case WD_OP_MEMORY_INIT:
        case WD_OP_MEMORY_COPY:
        case WD_OP_MEMORY_FILL:
        case WD_OP_TABLE_INIT:
        case WD_OP_TABLE_COPY:
        case WD_OP_TABLE_FILL: {
            centry n = pop(c), b = pop(c), a = pop(c);
            uint32_t sa = opnd(c, &a), sb = opnd(c, &b), sn = opnd(c, &n);
            ins(c, (wd_word)op);
            if (op == WD_OP_MEMORY_FILL || op == WD_OP_TABLE_FILL) {
                w(c, in->imm.idx);
            } else {
                w(c, in->imm.two.a);
                w(c, in->imm.two.b);
            }
            w(c, sa);
            w(c, sb);
            w(c, sn);
            break;
        }
        case WD_OP_DATA_DROP:
        case WD_OP_ELEM_DROP:
            ins(c, (wd_word)op);
            w(c, in->imm.idx);
            break;
        case WD_OP_TABLE_GROW: {
            centry n = pop(c), v = pop(c);
            uint32_t sv = opnd(c, &v), sn = opnd(c, &n);
            centry *e = push(c, WD_I32);
            if (!e)
                break;
            ins(c, WD_C_TABLE_GROW);
            w(c, e->home);
            w(c, sv);
            w(c, sn);
            w(c, in->imm.idx);
            break;
        }
        case WD_OP_TABLE_SIZE: {
            centry *e = push(c, WD_I32);
            if (!e)
                break;
            uint32_t p = ins(c, WD_C_TABLE_SIZE);
            uint32_t dw = c->ncode;
            w(c, e->home);
            w(c, in->imm.idx);
            set_last(c, p, dw);
            break;
        }
        default: {
            wd_opkind kind = wd_opinfo_table[op].kind;
            if (kind == K_PURE || kind == K_TRAP)
                emit_numeric(c);
            else if (kind == K_LOAD)
                emit_load(c);
            else if (kind == K_STORE)
                emit_store(c);
            else
                ins(c, WD_C_UNREACHABLE);
            break;
        }
        }
    }
    weight_flush(c);
    return !c->oom;
}

/* ------------------------------------------------------------ module */

/* Compiles function fi into a fresh wd_cfunc and publishes it over the
 * stub in place only when it is complete: calls already point at that
 * wd_cfunc, and a failure leaves the stub as it was. */
/* The back-edge table's order: by header, then branch. */
static int edge_cmp(const void *a, const void *b)
{
    const wd_backedge *x = a, *y = b;
    if (x->header != y->header)
        return x->header < y->header ? -1 : 1;
    return x->branch < y->branch ? -1 : x->branch > y->branch;
}

/* The index of the entry of side[0..n) (n > 0) of the instruction at or before pos. */
static uint32_t side_index(const wd_side *side, uint32_t n, uint32_t pos)
{
    uint32_t lo = 0, hi = n;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (side[mid].pos <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* e with the wasm offset of its branch, from the side table just built. */
static wd_backedge edge_with_offset(const cc *c, wd_backedge e)
{
    e.offset = c->nside ? c->side[side_index(c->side, c->nside, e.branch)].work : 0;
    return e;
}

/* Compiles function fi. For a call (side_only false) the code replaces the
 * stub and the side table is left to wd__side_ensure; with side_only the
 * function is already compiled and only its side table and snapshots are
 * kept from this compilation (the code it makes is the same, and dropped). */
static bool compile_one(wd_module *m, uint32_t fi, bool side_only, wd_error *err)
{
    wd_mfunc *mf = &m->funcs[fi];
    wd_cfunc ncf, *cf = &ncf;
    memset(cf, 0, sizeof *cf);
    const wd_ftype *ft = &m->types[mf->typeidx];
    cc c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.mf = mf;
    c.ft = ft;
    c.cf = cf;
    c.opts = m->compile_flags;
    c.want_snaps = side_only;
    scratch_take(&c);

    cf->funcidx = fi;
    cf->type = ft;
    cf->module = m;
    cf->nlocals = ft->nparams + mf->nlocals;
    if (side_only) {
        cf->local_types = mf->code->local_types;
        cf->local_slot = mf->code->local_slot;
    } else {
        cf->local_types = wd_arena_array(&m->arena, cf->nlocals ? cf->nlocals : 1,
                                         sizeof(wd_valtype));
        cf->local_slot = wd_arena_array(&m->arena, cf->nlocals ? cf->nlocals : 1,
                                        sizeof(uint32_t));
    }
    if (!cf->local_types || !cf->local_slot)
        goto oom;
    uint32_t slot = 0;
    for (uint32_t i = 0; i < cf->nlocals; i++) {
        wd_valtype t = i < ft->nparams ? ft->params[i] : mf->locals[i - ft->nparams];
        cf->local_types[i] = t;
        cf->local_slot[i] = slot;
        slot += nslots((uint8_t)t);
        if (i + 1 == ft->nparams)
            cf->param_slots = slot;
    }
    cf->param_slots = ft->param_slots;
    cf->local_slots = slot;
    c.sp = c.max_sp = slot;

    bool ok = compile_body(&c);
    if (!ok && !c.oom) {
        wd__error_set(err, WD_ERR_MALFORMED, m->name, c.in.offset,
                      "cannot compile function %u", fi);
        goto fail;
    }
    if (c.oom)
        goto oom;
    cf->frame_slots = c.max_sp > cf->local_slots ? c.max_sp : cf->local_slots;
    if (cf->frame_slots < ft->result_slots)
        cf->frame_slots = ft->result_slots;
    if (side_only) {
        wd_cfunc *old = mf->code;
        if (c.ncode != old->ncode || cf->frame_slots != old->frame_slots) {
            /* cannot happen: the compiler depends only on the module */
            wd__error_set(err, WD_ERR_MALFORMED, m->name, mf->body_offset,
                          "function %u compiles differently the second time", fi);
            goto fail;
        }
        wd_side *side = wd_arena_array(&m->arena, c.nside ? c.nside : 1, sizeof(wd_side));
        uint32_t *snaps = wd_arena_array(&m->arena, c.nsnaps ? c.nsnaps : 1, sizeof(uint32_t));
        wd_backedge *edges = wd_arena_array(&m->arena, c.nedges ? c.nedges : 1, sizeof *edges);
        if (!side || !snaps || !edges)
            goto oom;
        if (c.nside)
            memcpy(side, c.side, c.nside * sizeof(wd_side));
        if (c.nsnaps)
            memcpy(snaps, c.snaps, c.nsnaps * sizeof(uint32_t));
        for (uint32_t i = 0; i < c.nedges; i++)
            edges[i] = edge_with_offset(&c, c.edges[i]);
        if (c.nedges > 1)
            qsort(edges, c.nedges, sizeof *edges, edge_cmp);
        old->snaps = snaps;
        old->nsnaps = c.nsnaps;
        old->edges = edges;
        old->nedges = c.nedges;
        old->nside = c.nside;
        old->side = side;
    } else {
        cf->ncode = c.ncode;
        cf->code = wd_arena_array(&m->arena, c.ncode ? c.ncode : 1, sizeof(wd_word));
        if (!cf->code)
            goto oom;
        if (c.ncode)
            memcpy(cf->code, c.code, c.ncode * sizeof(wd_word));
        *mf->code = ncf;
        if (m->tier != WD_TIER_INTERP)
            wd__jit_compile(m, mf->code);   /* false: it stays interpreted */
    }
    scratch_give(&c);
    return true;
oom:
    wd__error_set(err, WD_ERR_NOMEM, m->name, mf->body_offset,
                  "out of memory while compiling function %u", fi);
fail:
    scratch_give(&c);
    return false;
}

/* Debugging aid: with the environment variable WD_DUMP_CODE=1 every
 * function is compiled at load and its slot code printed to stderr (one
 * internal instruction a line: position, name, operand words, wasm file
 * offset). */
static void dump_code(const wd_module *m)
{
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        const wd_cfunc *cf = m->funcs[i].code;
        fprintf(stderr, "func %u: %u params, %u locals, %u frame slots\n", cf->funcidx,
                cf->param_slots, cf->local_slots, cf->frame_slots);
        for (uint32_t pos = 0; pos < cf->ncode;) {
            wd_word op = cf->code[pos];
            if (op == WD_C_JIT)
                op = wd__jit_orig(cf, pos);
            uint32_t len = wd__code_len(cf->code + pos, op);
            const wd_side *sd = wd__side_at(cf, pos);
            fprintf(stderr, "  %5u  %-22s", pos, wd__code_name(op));
            for (uint32_t k = 1; k < len && pos + k < cf->ncode; k++)
                fprintf(stderr, " %d", (int32_t)cf->code[pos + k]);
            if (sd && sd->pos == pos)
                fprintf(stderr, "    @0x%x", sd->work);
            fputc('\n', stderr);
            pos += len ? len : 1;
        }
    }
}

/* The code of every function not compiled yet. A call enters at code + 2
 * (after the entry SAFEPOINT, whose weight 0 counts nothing) and runs LAZY,
 * which compiles the function over its stub and re-enters it, so the call
 * path needs no check of its own. Never written: probes compile first. */
wd_word wd__lazy_code[3] = { WD_C_SAFEPOINT, 0, WD_C_LAZY };

bool wd__compile(wd_module *m, wd_error *err)
{
    /* every cfunc exists from the start, as a stub: calls embed their
     * callee's pointer */
    m->compile_flags = wd__compile_flags;
    uint32_t ndef = m->nfuncs - m->nfunc_imports;
    wd_cfunc *cfs = wd_arena_array(&m->arena, ndef ? ndef : 1, sizeof(wd_cfunc));
    if (!cfs) {
        wd__error_set(err, WD_ERR_NOMEM, m->name, WD_NO_OFFSET, "out of memory while compiling");
        return false;
    }
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        wd_cfunc *cf = &cfs[i - m->nfunc_imports];
        const wd_ftype *ft = &m->types[m->funcs[i].typeidx];
        memset(cf, 0, sizeof *cf);
        cf->code = wd__lazy_code;
        cf->ncode = 3;
        cf->funcidx = i;
        cf->type = ft;
        cf->module = m;
        cf->param_slots = cf->local_slots = ft->param_slots;
        cf->frame_slots = ft->param_slots;
        m->funcs[i].code = cf;
    }
    const char *dump = getenv("WD_DUMP_CODE");
    if (dump && *dump && *dump != '0') {
        for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
            if (!compile_one(m, i, false, err))
                return false;
        dump_code(m);
    }
    return true;
}

bool wd__compile_func(wd_module *m, uint32_t funcidx, wd_error *err)
{
    if (funcidx < m->nfunc_imports || funcidx >= m->nfuncs)
        return true;
    if (m->funcs[funcidx].code->code != wd__lazy_code)
        return true;
    return compile_one(m, funcidx, false, err);
}

bool wd__side_ensure(const wd_cfunc *cf)
{
    if (!cf || !wd__cfunc_ready(cf))
        return false;
    if (cf->side)
        return true;
    wd_error err;
    wd_error_clear(&err);
    return compile_one(cf->module, cf->funcidx, true, &err);
}

void wd__compile_free(wd_module *m)
{
    /* code lives in the module's arena; only the probe tables and the
     * compiler's working arrays are separate */
    wd__probes_free(m);
    wd__jit_free(m);
    scratch_free(m);
}

const wd_side *wd__side_at(const wd_cfunc *cf, uint32_t pos)
{
    if (!cf || !wd__side_ensure(cf) || cf->nside == 0)
        return NULL;
    return &cf->side[side_index(cf->side, cf->nside, pos)];
}

/* ------------------------------------------------------------ introspection */

uint32_t wd__code_len(const wd_word *ip, wd_word op)
{
    if (op < WD_OP__COUNT) {
        const wd_opinfo *oi = &wd_opinfo_table[op];
        switch (oi->kind) {
        case K_PURE:
        case K_TRAP: {
            uint32_t np = 0;
            while (oi->sig[np] != '_')
                np++;
            return 2 + np + (oi->imm == IMM_LANE ? 1 : 0) + (oi->imm == IMM_SHUFFLE ? 4 : 0);
        }
        case K_LOAD: return oi->imm == IMM_MEMARG_LANE ? 6 : 5;
        case K_STORE: return 5;
        case K_CONST: return 6;   /* V128_CONST */
        default: break;
        }
        switch (op) {
        case WD_OP_UNREACHABLE: return 1;
        case WD_OP_BR_IF: return 3;
        case WD_OP_BR_TABLE: return 4 + ip[2];
        case WD_OP_CALL: return 4;
        case WD_OP_CALL_INDIRECT: return 5;
        case WD_OP_RETURN_CALL: return 2;
        case WD_OP_RETURN_CALL_INDIRECT: return 4;
        case WD_OP_SELECT: return 5;
        case WD_OP_GLOBAL_GET: case WD_OP_GLOBAL_SET: case WD_OP_MEMORY_SIZE:
        case WD_OP_REF_FUNC: case WD_OP_TABLE_SIZE: return 3;
        case WD_OP_TABLE_GET: case WD_OP_TABLE_SET: case WD_OP_MEMORY_GROW: return 4;
        case WD_OP_DATA_DROP: case WD_OP_ELEM_DROP: return 2;
        case WD_OP_MEMORY_FILL: case WD_OP_TABLE_FILL: case WD_OP_TABLE_GROW: return 5;
        case WD_OP_MEMORY_INIT: case WD_OP_MEMORY_COPY: case WD_OP_TABLE_INIT:
        case WD_OP_TABLE_COPY: return 6;
        default: return 1;
        }
    }
    if (op < WD_C_I32_ADD_I) {   /* the _M load/store variants */
        int n = (int)(op - WD_C__WASM_END - 1);
        for (int i = 0; i < WD_OP__COUNT; i++) {
            if (wd_opinfo_table[i].kind != K_LOAD && wd_opinfo_table[i].kind != K_STORE)
                continue;
            if (n-- == 0)
                return wd__code_len(ip, (wd_word)i) + 1;
        }
        return 1;
    }
    switch (op) {
    case WD_C_MOV: case WD_C_MOV2: case WD_C_CONST32: case WD_C_BR_IF_EQZ: case WD_C_BR_IF64:
    case WD_C_BR_IF_EQZ64: case WD_C_CALL_IMPORT: case WD_C_GLOBAL_GET2: case WD_C_GLOBAL_SET2:
        return 3;
    case WD_C_CONST64: return 4;
    case WD_C_JMP: case WD_C_SAFEPOINT: return 2;
    case WD_C_RET: case WD_C_PROBE: case WD_C_LAZY: case WD_C_JIT: return 1;
    case WD_C_SELECT2: return 5;
    case WD_C_I32_ADD2_I: return 7;
#define X(ID, T, LD, ST, N) case WD_C_##ID##_LB: case WD_C_##ID##_LA: return 6; \
    case WD_C_##ID##_SB: case WD_C_##ID##_SA: return 5;
    WD_LDOP_OPS(X)
#undef X
#define X(ID, T, N) case WD_C_##ID##_X: return 6;
    WD_LDX_OPS(X)
    WD_STX_OPS(X)
#undef X
#define X(ID, T, N) case WD_C_##ID##_KX: return 6;
    WD_STOREK_OPS(X)
#undef X
#define X(ID) case WD_C_##ID: return 5;
    WD_MULADD_OPS(X)
#undef X
#define X(ID) case WD_C_##ID##_K64: return 5;
    WD_IMM64_OPS(X)
#undef X
#define X(ID) case WD_C_ADDBR_##ID: case WD_C_ADDBRI_##ID: case WD_C_ADDRBR_##ID: \
    case WD_C_ADDRBRI_##ID: return 6;
    WD_ADDBR_OPS(X)
#undef X
#define X(ID, T, N) case WD_C_##ID##_K:
    WD_STOREK_OPS(X)
#undef X
        return 5;
    default: return 4;          /* _I, BRC, BRCI */
    }
}

const char *wd__code_name(wd_word op)
{
    static const char *const names[WD_C__COUNT] = {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) [WD_C_##ID] = #ID,
#include "opcodes.def"
#define X(ID) [WD_C_##ID##_I] = #ID "_I",
        WD_IMM_OPS(X)
#undef X
#define X(ID, INV) [WD_C_BRC_##ID] = "BRC_" #ID, [WD_C_BRCI_##ID] = "BRCI_" #ID,
        WD_CMP_OPS(X)
#undef X
#define X(ID, T, N) [WD_C_##ID##_K] = #ID "_K",
        WD_STOREK_OPS(X)
#undef X
#define X(ID, T, LD, ST, N) [WD_C_##ID##_LB] = #ID "_LB", [WD_C_##ID##_LA] = #ID "_LA", \
        [WD_C_##ID##_SB] = #ID "_SB", [WD_C_##ID##_SA] = #ID "_SA",
        WD_LDOP_OPS(X)
#undef X
#define X(ID, T, N) [WD_C_##ID##_X] = #ID "_X",
        WD_LDX_OPS(X)
        WD_STX_OPS(X)
#undef X
#define X(ID, T, N) [WD_C_##ID##_KX] = #ID "_KX",
        WD_STOREK_OPS(X)
#undef X
#define X(ID) [WD_C_##ID] = #ID,
        WD_MULADD_OPS(X)
#undef X
#define X(ID) [WD_C_##ID##_K64] = #ID "_K64",
        WD_IMM64_OPS(X)
#undef X
#define X(ID) [WD_C_ADDBR_##ID] = "ADDBR_" #ID, [WD_C_ADDBRI_##ID] = "ADDBRI_" #ID, \
        [WD_C_ADDRBR_##ID] = "ADDRBR_" #ID, [WD_C_ADDRBRI_##ID] = "ADDRBRI_" #ID,
        WD_ADDBR_OPS(X)
#undef X
        [WD_C_I32_ADD2_I] = "I32_ADD2_I",
        [WD_C_MOV] = "MOV", [WD_C_MOV2] = "MOV2", [WD_C_CONST32] = "CONST32",
        [WD_C_CONST64] = "CONST64", [WD_C_JMP] = "JMP", [WD_C_BR_IF_EQZ] = "BR_IF_EQZ",
        [WD_C_BR_IF64] = "BR_IF64", [WD_C_BR_IF_EQZ64] = "BR_IF_EQZ64", [WD_C_RET] = "RET",
        [WD_C_SAFEPOINT] = "SAFEPOINT", [WD_C_PROBE] = "PROBE", [WD_C_CALL_IMPORT] = "CALL_IMPORT",
        [WD_C_SELECT2] = "SELECT2", [WD_C_GLOBAL_GET2] = "GLOBAL_GET2",
        [WD_C_GLOBAL_SET2] = "GLOBAL_SET2", [WD_C_LAZY] = "LAZY", [WD_C_JIT] = "JIT",
    };
    if (op >= WD_C__COUNT)
        return "?";
    return names[op] ? names[op] : "MEM_M";
}
