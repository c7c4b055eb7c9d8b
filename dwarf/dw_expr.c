/* dw_expr.c: our DWARF expression evaluator (libdwarf 20210528 cannot decode
 * DW_OP_WASM_location). A stack machine over 64-bit values that reads wasm
 * locals, globals, operand stack slots and linear memory through the
 * wd_dw_target callbacks, and produces location pieces.
 *
 * DW_OP_WASM_location (0xED) KIND INDEX pushes the value held by that wasm
 * location: kind 0 local (ULEB), 1 global (ULEB), 2 operand stack (ULEB),
 * 3 global (fixed 4-byte index). As the last op of a location description it
 * names a register-like location: the object's value is that value.
 */
#include "dw_int.h"

#include <stdio.h>
#include <string.h>

#ifndef DW_OP_WASM_location
#define DW_OP_WASM_location 0xED
#endif
#define STACK_MAX 64

typedef struct ev {
    const wd_dw_expr_ctx *ctx;
    uint64_t st[STACK_MAX];
    int sp;
    wd_dw_location *out;
    int depth;
    int64_t reg_local;          /* the value on the stack is wasm local N itself, else -1 */
    bool dead;      /* the current piece's address is a linker tombstone */
} ev;

static bool fail(ev *e, const char *msg)
{
    snprintf(e->out->error, sizeof e->out->error, "%s", msg);
    return false;
}

static bool push(ev *e, uint64_t v)
{
    if (e->sp >= STACK_MAX)
        return fail(e, "DWARF expression stack overflow");
    e->st[e->sp++] = v;
    return true;
}

static bool pop(ev *e, uint64_t *v)
{
    if (e->sp <= 0)
        return fail(e, "DWARF expression stack underflow");
    *v = e->st[--e->sp];
    return true;
}

static bool read_mem(ev *e, uint64_t addr, unsigned n, uint64_t *v)
{
    const wd_dw_target *t = e->ctx->target;
    uint8_t b[8] = {0};
    if (n > 8 || !t || !t->read_memory || !t->read_memory(t->user, addr, b, n))
        return fail(e, "cannot read memory");
    uint64_t x = 0;
    for (unsigned i = 0; i < n; i++)
        x |= (uint64_t)b[i] << (8 * i);
    *v = x;
    return true;
}

static bool eval(ev *e, const uint8_t *expr, size_t len);

/* The addresses wasm-ld gives the debug info of discarded data (-1; -2 in ranges) */
static bool is_tombstone_addr(uint64_t a, unsigned as)
{
    return as == 4 ? a >= 0xfffffffeu : a >= UINT64_MAX - 1;
}

static bool frame_base(ev *e, uint64_t *out)
{
    const wd_dw_expr_ctx *c = e->ctx;
    if (!c->frame_base || !c->frame_base_len)
        return fail(e, "DW_OP_fbreg without a frame base");
    if (e->depth > 2)
        return fail(e, "recursive frame base");
    wd_dw_location fb;
    memset(&fb, 0, sizeof fb);
    ev sub;
    memset(&sub, 0, sizeof sub);
    sub.ctx = c;
    sub.out = &fb;
    sub.depth = e->depth + 1;
    if (!eval(&sub, c->frame_base, c->frame_base_len))
        return fail(e, fb.error[0] ? fb.error : "frame base unavailable");
    if (fb.npieces != 1 || fb.pieces[0].kind == WD_DW_LOC_NONE)
        return fail(e, "frame base unavailable");
    /* a register-like or stack value is the base itself; a memory location
     * holds it (DWARF: the frame base is the address the description computes) */
    *out = fb.pieces[0].kind == WD_DW_LOC_MEMORY ? fb.pieces[0].addr : fb.pieces[0].value;
    return true;
}

/* Closes the current location description into a piece. */
static bool close_piece(ev *e, bool stack_value, bool reg, const uint8_t *imp, size_t implen,
                        uint32_t size)
{
    wd_dw_location *o = e->out;
    if (o->npieces >= 16)
        return fail(e, "too many pieces");
    wd_dw_piece *p = &o->pieces[o->npieces++];
    memset(p, 0, sizeof *p);
    p->size = size;
    if (e->dead) {
        /* wasm-ld writes -1 (or -2) for the address of an object it garbage-collected:
         * the variable is not in the program, so there is no value to read there */
        e->dead = false;
        e->sp = 0;
        p->kind = WD_DW_LOC_NONE;
        return true;
    }
    if (imp) {
        p->kind = WD_DW_LOC_IMPLICIT;
        memcpy(p->bytes, imp, implen > 16 ? 16 : implen);
    } else if (e->sp == 0) {
        p->kind = WD_DW_LOC_NONE;
    } else if (stack_value || reg) {
        p->kind = WD_DW_LOC_VALUE;
        p->value = e->st[e->sp - 1];
        if (e->reg_local >= 0 && e->sp == 1) {
            p->in_local = true;
            p->local = (uint32_t)e->reg_local;
        }
    } else {
        p->kind = WD_DW_LOC_MEMORY;
        p->addr = e->st[e->sp - 1];
    }
    e->sp = 0;
    return true;
}

static bool eval(ev *e, const uint8_t *expr, size_t len)
{
    const wd_dw_expr_ctx *c = e->ctx;
    const wd_dw_target *t = c->target;
    dw_rd r = dw_rd_make(expr, len);
    bool stack_value = false, reg = false;
    const uint8_t *imp = NULL;
    size_t implen = 0;
    const dw_unit *u = c->unit;
    unsigned as = u ? u->addr_size : 4;
    size_t steps = 0;
    while (r.p < r.end) {
        if (++steps > 100000)
            return fail(e, "DWARF expression does not terminate");
        uint8_t op = dw_u8(&r);
        /* only `DW_OP_WASM_location 0 N [DW_OP_stack_value]` leaves a local's own value */
        if (op != DW_OP_stack_value && op != DW_OP_WASM_location)
            e->reg_local = -1;
        uint64_t a, b, v;
        int64_t s;
        bool was_reg = false;
        if (op >= DW_OP_lit0 && op <= DW_OP_lit31) {
            if (!push(e, op - DW_OP_lit0))
                return false;
            reg = false;
            continue;
        }
        switch (op) {
        case DW_OP_addr:
            v = dw_uN(&r, as);
            e->dead |= is_tombstone_addr(v, as);
            if (!push(e, v))
                return false;
            break;
        case DW_OP_addrx:
        case DW_OP_constx:
        case 0xfb: /* DW_OP_GNU_addr_index */
            a = dw_uleb(&r);
            if (!u || !c->dwarf || !dw_addrx(c->dwarf, u, a, &v))
                return fail(e, "bad DW_OP_addrx index");
            e->dead |= op != DW_OP_constx && is_tombstone_addr(v, as);
            if (!push(e, v))
                return false;
            break;
        case DW_OP_deref:
            if (!pop(e, &a) || !read_mem(e, a, as, &v) || !push(e, v))
                return false;
            break;
        case DW_OP_deref_size: {
            unsigned n = dw_u8(&r);
            if (!pop(e, &a) || !read_mem(e, a, n, &v) || !push(e, v))
                return false;
            break;
        }
        case DW_OP_const1u: if (!push(e, dw_uN(&r, 1))) return false; break;
        case DW_OP_const1s: if (!push(e, (uint64_t)(int8_t)dw_uN(&r, 1))) return false; break;
        case DW_OP_const2u: if (!push(e, dw_uN(&r, 2))) return false; break;
        case DW_OP_const2s: if (!push(e, (uint64_t)(int16_t)dw_uN(&r, 2))) return false; break;
        case DW_OP_const4u: if (!push(e, dw_uN(&r, 4))) return false; break;
        case DW_OP_const4s: if (!push(e, (uint64_t)(int32_t)dw_uN(&r, 4))) return false; break;
        case DW_OP_const8u:
        case DW_OP_const8s: if (!push(e, dw_uN(&r, 8))) return false; break;
        case DW_OP_constu: if (!push(e, dw_uleb(&r))) return false; break;
        case DW_OP_consts: if (!push(e, (uint64_t)dw_sleb(&r))) return false; break;
        case DW_OP_dup:
            if (e->sp < 1)
                return fail(e, "stack underflow");
            if (!push(e, e->st[e->sp - 1]))
                return false;
            break;
        case DW_OP_drop:
            if (!pop(e, &a))
                return false;
            break;
        case DW_OP_over:
            if (e->sp < 2)
                return fail(e, "stack underflow");
            if (!push(e, e->st[e->sp - 2]))
                return false;
            break;
        case DW_OP_pick: {
            unsigned i = dw_u8(&r);
            if ((int)i >= e->sp)
                return fail(e, "DW_OP_pick out of range");
            if (!push(e, e->st[e->sp - 1 - (int)i]))
                return false;
            break;
        }
        case DW_OP_swap:
            if (e->sp < 2)
                return fail(e, "stack underflow");
            a = e->st[e->sp - 1];
            e->st[e->sp - 1] = e->st[e->sp - 2];
            e->st[e->sp - 2] = a;
            break;
        case DW_OP_rot:
            if (e->sp < 3)
                return fail(e, "stack underflow");
            a = e->st[e->sp - 1];
            e->st[e->sp - 1] = e->st[e->sp - 2];
            e->st[e->sp - 2] = e->st[e->sp - 3];
            e->st[e->sp - 3] = a;
            break;
        case DW_OP_abs:
            if (!pop(e, &a))
                return false;
            if (!push(e, (int64_t)a < 0 ? (uint64_t)0 - a : a))
                return false;
            break;
        case DW_OP_neg:
            if (!pop(e, &a) || !push(e, (uint64_t)0 - a))
                return false;
            break;
        case DW_OP_not:
            if (!pop(e, &a) || !push(e, ~a))
                return false;
            break;
        case DW_OP_plus_uconst:
            if (!pop(e, &a) || !push(e, a + dw_uleb(&r)))
                return false;
            break;
        case DW_OP_and: case DW_OP_div: case DW_OP_minus: case DW_OP_mod: case DW_OP_mul:
        case DW_OP_or: case DW_OP_plus: case DW_OP_shl: case DW_OP_shr: case DW_OP_shra:
        case DW_OP_xor: case DW_OP_eq: case DW_OP_ge: case DW_OP_gt: case DW_OP_le:
        case DW_OP_lt: case DW_OP_ne:
            if (!pop(e, &b) || !pop(e, &a))
                return false;
            switch (op) {
            case DW_OP_and: v = a & b; break;
            case DW_OP_div:
                if (b == 0)
                    return fail(e, "division by zero in DWARF expression");
                v = (int64_t)b == -1 ? (uint64_t)0 - a : (uint64_t)((int64_t)a / (int64_t)b);
                break;
            case DW_OP_minus: v = a - b; break;
            case DW_OP_mod:
                if (b == 0)
                    return fail(e, "division by zero in DWARF expression");
                v = a % b;
                break;
            case DW_OP_mul: v = a * b; break;
            case DW_OP_or: v = a | b; break;
            case DW_OP_plus: v = a + b; break;
            case DW_OP_shl: v = b >= 64 ? 0 : a << b; break;
            case DW_OP_shr: v = b >= 64 ? 0 : a >> b; break;
            case DW_OP_shra:
                v = b >= 64 ? ((int64_t)a < 0 ? ~(uint64_t)0 : 0)
                            : (uint64_t)((int64_t)a >> b);
                break;
            case DW_OP_xor: v = a ^ b; break;
            case DW_OP_eq: v = a == b; break;
            case DW_OP_ge: v = (int64_t)a >= (int64_t)b; break;
            case DW_OP_gt: v = (int64_t)a > (int64_t)b; break;
            case DW_OP_le: v = (int64_t)a <= (int64_t)b; break;
            case DW_OP_lt: v = (int64_t)a < (int64_t)b; break;
            default: v = a != b; break;
            }
            if (!push(e, v))
                return false;
            break;
        case DW_OP_skip:
        case DW_OP_bra: {
            int16_t off = (int16_t)dw_uN(&r, 2);
            bool take = true;
            if (op == DW_OP_bra) {
                if (!pop(e, &a))
                    return false;
                take = a != 0;
            }
            if (take) {
                const uint8_t *np = r.p + off;
                if (np < expr || np > r.end)
                    return fail(e, "DWARF branch out of range");
                r.p = np;
            }
            break;
        }
        case DW_OP_fbreg:
            s = dw_sleb(&r);
            if (!frame_base(e, &a) || !push(e, a + (uint64_t)s))
                return false;
            break;
        case DW_OP_nop:
            break;
        case DW_OP_stack_value:
            stack_value = true;
            break;
        case DW_OP_implicit_value:
            implen = (size_t)dw_uleb(&r);
            imp = r.p;
            if (!dw_skip(&r, implen))
                return fail(e, "truncated DW_OP_implicit_value");
            break;
        case DW_OP_piece: {
            uint64_t n = dw_uleb(&r);
            if (!close_piece(e, stack_value, reg, imp, implen, (uint32_t)n))
                return false;
            stack_value = reg = false;
            imp = NULL;
            break;
        }
        case DW_OP_entry_value:
        case 0xf3: /* DW_OP_GNU_entry_value */
            return fail(e, "value at function entry not available");
        case DW_OP_WASM_location: {
            uint64_t kind = dw_uleb(&r);
            uint64_t idx = kind == 3 ? dw_uN(&r, 4) : dw_uleb(&r);
            bool ok = false;
            if (r.bad)
                return fail(e, "truncated DW_OP_WASM_location");
            if (kind == 0 && t && t->read_local)
                ok = t->read_local(t->user, (uint32_t)idx, &v);
            else if ((kind == 1 || kind == 3) && t && t->read_global)
                ok = t->read_global(t->user, (uint32_t)idx, &v);
            else if (kind == 2 && t && t->read_stack)
                ok = t->read_stack(t->user, (uint32_t)idx, &v);
            else if (kind > 3)
                return fail(e, "unknown DW_OP_WASM_location kind");
            if (!ok)
                return fail(e, kind == 0   ? "wasm local not available"
                               : kind == 2 ? "operand stack value not available"
                                           : "wasm global not available");
            if (!push(e, v))
                return false;
            was_reg = true;
            e->reg_local = kind == 0 && e->sp == 1 ? (int64_t)idx : -1;
            break;
        }
        default: {
            char m[64];
            snprintf(m, sizeof m, "unsupported DWARF op 0x%02x", op);
            return fail(e, m);
        }
        }
        if (r.bad)
            return fail(e, "truncated DWARF expression");
        reg = was_reg;
    }
    if (e->out->npieces == 0 || e->sp > 0 || imp || reg || stack_value) {
        if (e->out->npieces == 0 && e->sp == 0 && !imp)
            return true;   /* empty: nothing known */
        return close_piece(e, stack_value, reg, imp, implen, 0);
    }
    return true;
}

bool wd_dwarf_eval_expr(const uint8_t *expr, size_t len, const wd_dw_expr_ctx *ctx,
                        wd_dw_location *out)
{
    memset(out, 0, sizeof *out);
    ev e;
    memset(&e, 0, sizeof e);
    e.reg_local = -1;
    e.ctx = ctx;
    e.out = out;
    if (!eval(&e, expr, len)) {
        out->npieces = 0;
        return false;
    }
    return true;
}
