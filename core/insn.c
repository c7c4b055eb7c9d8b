/* insn.c: the opcode table and the instruction decoder. */
#include "insn.h"

#define WD_STR_(x) #x

const wd_opinfo wd_opinfo_table[WD_OP__COUNT] = {
#define OP(ID, name, prefix, code, imm, sig, kind, membytes) \
    [WD_OP_##ID] = { name, prefix, code, imm, kind, membytes, WD_STR_(sig) },
#include "opcodes.def"
};

/* (prefix, code) -> wd_opid + 1 (0: no such opcode). Rows: single-byte
 * opcodes, then 0xFC and 0xFD sub-opcodes below 256. */
#define WD_LOOKUP_ROW(prefix) ((prefix) == 0 ? 0 : (prefix) == 0xFC ? 1 : 2)
static const uint16_t wd_op_lookup[3][256] = {
#define OP(ID, name, prefix, code, imm, sig, kind, membytes) \
    [WD_LOOKUP_ROW(prefix)][code] = (uint16_t)(WD_OP_##ID + 1),
#include "opcodes.def"
};

_Static_assert(WD_OP__COUNT < 0xFFFF, "opcode ids must fit the lookup table");

/* Value types as one byte; a continuation bit makes it an over-long s7. */
static bool wd_insn_valtype(wd_reader *r, wd_valtype *out)
{
    const uint8_t *at = r->p;
    uint8_t b;
    if (!wd_rd_u8(r, &b))
        return false;
    switch (b) {
    case WD_I32: case WD_I64: case WD_F32: case WD_F64: case WD_V128:
    case WD_FUNCREF: case WD_EXTERNREF:
        *out = (wd_valtype)b;
        return true;
    default:
        r->p = at;
        if (b & 0x80)
            return wd_rd_fail(r, "integer representation too long");
        return wd_rd_fail(r, "malformed value type");
    }
}

/* A reserved memory index byte (0), or a u32 memidx with multi-memory. */
static bool wd_insn_memidx(wd_reader *r, uint32_t features, uint32_t *out)
{
    if (features & WD_FEATURE_MULTI_MEMORY)
        return wd_rd_u32(r, out);
    uint8_t b;
    const uint8_t *at = r->p;
    if (!wd_rd_u8(r, &b))
        return false;
    if (b != 0) {
        r->p = at;
        return wd_rd_fail(r, "zero byte expected");
    }
    *out = 0;
    return true;
}

static bool wd_insn_memarg(wd_reader *r, uint32_t features, wd_insn *out)
{
    uint32_t align, mem = 0, off;
    if (!wd_rd_u32(r, &align))
        return false;
    if ((features & WD_FEATURE_MULTI_MEMORY) && (align & 0x40u)) {
        align &= ~0x40u;
        if (!wd_rd_u32(r, &mem))
            return false;
    }
    if (!wd_rd_u32(r, &off))
        return false;
    out->imm.mem.align = align;
    out->imm.mem.mem = mem;
    out->imm.mem.offset = off;
    out->imm.mem.lane = 0;
    return true;
}

static bool wd_insn_illegal(wd_reader *r, const uint8_t *start)
{
    r->p = start;
    return wd_rd_fail(r, "illegal opcode");
}

bool wd_insn_read(wd_reader *r, uint32_t features, wd_insn *out)
{
    const uint8_t *start = r->p;
    uint8_t b;
    if (!wd_rd_u8(r, &b))
        return false;
    unsigned id1;
    if (b == 0xFC || b == 0xFD) {
        uint32_t sub;
        if (!wd_rd_u32(r, &sub))
            return false;
        if (sub > 255)
            return wd_insn_illegal(r, start);
        id1 = wd_op_lookup[b == 0xFC ? 1 : 2][sub];
    } else {
        id1 = wd_op_lookup[0][b];
    }
    if (id1 == 0)
        return wd_insn_illegal(r, start);
    wd_opid op = (wd_opid)(id1 - 1);
    if ((op == WD_OP_RETURN_CALL || op == WD_OP_RETURN_CALL_INDIRECT) &&
        !(features & WD_FEATURE_TAIL_CALL))
        return wd_insn_illegal(r, start);

    out->op = op;
    out->offset = (uint64_t)(start - r->base);
    const uint8_t *p;
    switch (wd_opinfo_table[op].imm) {
    case IMM_NONE:
        break;
    case IMM_BLOCKTYPE: {
        int64_t bt;
        const uint8_t *at = r->p;
        if (!wd_rd_s33(r, &bt))
            return false;
        if (bt < 0) {
            /* the empty type or a value type: one byte (a negative s7) */
            bool ok = r->p - at == 1;
            if (ok && bt != WD_BLOCK_EMPTY) {
                switch ((uint8_t)(bt & 0x7F)) {
                case WD_I32: case WD_I64: case WD_F32: case WD_F64: case WD_V128:
                case WD_FUNCREF: case WD_EXTERNREF:
                    break;
                default:
                    ok = false;
                }
            }
            if (!ok) {
                r->p = at;
                return wd_rd_fail(r, "malformed value type");
            }
        }
        out->imm.blocktype = bt;
        break;
    }
    case IMM_LABEL: case IMM_FUNC: case IMM_LOCAL: case IMM_GLOBAL:
    case IMM_TABLE: case IMM_ELEM: case IMM_DATA:
        if (!wd_rd_u32(r, &out->imm.idx))
            return false;
        break;
    case IMM_BR_TABLE: {
        uint32_t n;
        if (!wd_rd_u32(r, &n))
            return false;
        out->imm.brt.count = n;
        out->imm.brt.targets = r->p;
        /* n targets + the default; each takes at least one byte, so this
         * loop is bounded by the data */
        for (uint64_t i = 0; i <= n; i++) {
            uint32_t t;
            if (!wd_rd_u32(r, &t))
                return false;
        }
        break;
    }
    case IMM_CALL_INDIRECT:
        if (!wd_rd_u32(r, &out->imm.ci.typeidx) || !wd_rd_u32(r, &out->imm.ci.table))
            return false;
        break;
    case IMM_TABLE_INIT: case IMM_TABLE_COPY:
        if (!wd_rd_u32(r, &out->imm.two.a) || !wd_rd_u32(r, &out->imm.two.b))
            return false;
        break;
    case IMM_MEMARG:
        if (!wd_insn_memarg(r, features, out))
            return false;
        break;
    case IMM_MEMARG_LANE:
        if (!wd_insn_memarg(r, features, out) || !wd_rd_u8(r, &out->imm.mem.lane))
            return false;
        break;
    case IMM_MEM:
        if (!wd_insn_memidx(r, features, &out->imm.idx))
            return false;
        break;
    case IMM_MEM_INIT:
        if (!wd_rd_u32(r, &out->imm.two.a) || !wd_insn_memidx(r, features, &out->imm.two.b))
            return false;
        break;
    case IMM_MEM_COPY:
        if (!wd_insn_memidx(r, features, &out->imm.two.a) ||
            !wd_insn_memidx(r, features, &out->imm.two.b))
            return false;
        break;
    case IMM_I32: {
        int32_t v;
        if (!wd_rd_s32(r, &v))
            return false;
        out->imm.i32 = (uint32_t)v;
        break;
    }
    case IMM_I64: {
        int64_t v;
        if (!wd_rd_s64(r, &v))
            return false;
        out->imm.i64 = (uint64_t)v;
        break;
    }
    case IMM_F32:
        if (!wd_rd_f32(r, &out->imm.f32))
            return false;
        break;
    case IMM_F64:
        if (!wd_rd_f64(r, &out->imm.f64))
            return false;
        break;
    case IMM_V128: case IMM_SHUFFLE:
        if (!wd_rd_bytes(r, 16, &p))
            return false;
        for (int i = 0; i < 16; i++)
            out->imm.bytes[i] = p[i];
        break;
    case IMM_LANE:
        if (!wd_rd_u8(r, &out->imm.lane))
            return false;
        break;
    case IMM_SELECT_T: {
        uint32_t n;
        if (!wd_rd_u32(r, &n))
            return false;
        out->imm.sel.count = n;
        out->imm.sel.type = (wd_valtype)0;
        for (uint64_t i = 0; i < n; i++) {   /* bounded by the data */
            wd_valtype t = (wd_valtype)0;
            if (!wd_insn_valtype(r, &t))
                return false;
            if (i == 0)
                out->imm.sel.type = t;
        }
        break;
    }
    case IMM_REFTYPE: {
        const uint8_t *at = r->p;
        if (!wd_rd_u8(r, &b))
            return false;
        if (b != WD_FUNCREF && b != WD_EXTERNREF) {
            r->p = at;
            return wd_rd_fail(r, "malformed reference type");
        }
        out->imm.reftype = (wd_valtype)b;
        break;
    }
    }
    out->len = (uint32_t)(r->p - start);
    return true;
}

void wd_brt_iter_init(wd_brt_iter *it, const wd_insn *in, const uint8_t *end)
{
    it->r.p = in->imm.brt.targets;
    it->r.end = end;
    it->r.base = in->imm.brt.targets;
    it->r.errmsg = NULL;
    it->r.erroff = 0;
}

bool wd_brt_iter_next(wd_brt_iter *it, uint32_t *target)
{
    return wd_rd_u32(&it->r, target);
}
