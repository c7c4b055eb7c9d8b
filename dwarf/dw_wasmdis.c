/* dw_wasmdis.c: the display decoder of wd_wasmdis.h, driven by core/opcodes.def. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "wd_wasmdis.h"

typedef enum dis_imm {
    IMM_NONE, IMM_BLOCKTYPE, IMM_BR_TABLE, IMM_CALL_INDIRECT, IMM_DATA, IMM_ELEM, IMM_F32,
    IMM_F64, IMM_FUNC, IMM_GLOBAL, IMM_I32, IMM_I64, IMM_LABEL, IMM_LANE, IMM_LOCAL, IMM_MEM,
    IMM_MEMARG, IMM_MEMARG_LANE, IMM_MEM_COPY, IMM_MEM_INIT, IMM_REFTYPE, IMM_SELECT_T,
    IMM_SHUFFLE, IMM_TABLE, IMM_TABLE_COPY, IMM_TABLE_INIT, IMM_V128,
} dis_imm;

typedef struct dis_op {
    const char *name;
    uint8_t prefix;
    uint32_t code;
    dis_imm imm;
    uint8_t membytes;
} dis_op;

static const dis_op dis_ops[] = {
#define OP(ID, NAME, PREFIX, CODE, IMM, SIG, KIND, MEMBYTES) {NAME, PREFIX, CODE, IMM, MEMBYTES},
#include "opcodes.def"
};

#define N_OPS (sizeof dis_ops / sizeof dis_ops[0])

static const dis_op *find_op(uint8_t prefix, uint32_t code)
{
    /* the table is ordered by (prefix, code): binary search */
    size_t lo = 0, hi = N_OPS;
    uint64_t key = (uint64_t)prefix << 32 | code;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint64_t k = (uint64_t)dis_ops[mid].prefix << 32 | dis_ops[mid].code;
        if (k == key)
            return &dis_ops[mid];
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

typedef struct rd {
    const uint8_t *p, *end;
    bool bad;
} rd;

static uint64_t uleb(rd *r)
{
    uint64_t v = 0;
    unsigned sh = 0;
    for (;;) {
        if (r->p >= r->end || sh > 63) {
            r->bad = true;
            return 0;
        }
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << sh;
        sh += 7;
        if (!(b & 0x80))
            return v;
    }
}

static int64_t sleb(rd *r)
{
    uint64_t v = 0;
    unsigned sh = 0;
    uint8_t b;
    for (;;) {
        if (r->p >= r->end || sh > 63) {
            r->bad = true;
            return 0;
        }
        b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << sh;
        sh += 7;
        if (!(b & 0x80))
            break;
    }
    if (sh < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << sh;
    return (int64_t)v;
}

static uint8_t byte(rd *r)
{
    if (r->p >= r->end) {
        r->bad = true;
        return 0;
    }
    return *r->p++;
}

static const char *valtype(int64_t t)
{
    switch (t & 0x7f) {
    case 0x7f: return "i32";
    case 0x7e: return "i64";
    case 0x7d: return "f32";
    case 0x7c: return "f64";
    case 0x7b: return "v128";
    case 0x70: return "funcref";
    case 0x6f: return "externref";
    default: return NULL;
    }
}

#define APPEND(...)                                                                         \
    do {                                                                                    \
        size_t used_ = strlen(out->text);                                                   \
        if (used_ < sizeof out->text)                                                       \
            snprintf(out->text + used_, sizeof out->text - used_, __VA_ARGS__);             \
    } while (0)

static void memarg(rd *r, wd_wasm_insn *out, unsigned natural)
{
    uint64_t align = uleb(r);
    uint64_t mem = 0;
    if (align & 0x40) {
        align &= ~(uint64_t)0x40;
        mem = uleb(r);
    }
    uint64_t off = uleb(r);
    if (mem)
        APPEND(" %llu", (unsigned long long)mem);
    if (off)
        APPEND(" offset=%llu", (unsigned long long)off);
    if (align < 64 && (1ull << align) != natural)
        APPEND(" align=%llu", 1ull << align);
}

bool wd_wasm_decode(const uint8_t *p, size_t avail, wd_wasm_insn *out)
{
    memset(out, 0, sizeof *out);
    rd r = {p, p + avail, false};
    uint8_t b = byte(&r);
    uint8_t prefix = 0;
    uint32_t code = b;
    if (b == 0xFC || b == 0xFD) {
        prefix = b;
        code = (uint32_t)uleb(&r);
    }
    const dis_op *op = r.bad ? NULL : find_op(prefix, code);
    if (!op) {
        out->len = 1;
        if (prefix)
            snprintf(out->text, sizeof out->text, "<bad: unknown opcode 0x%02x %u>", prefix, code);
        else
            snprintf(out->text, sizeof out->text, "<bad: unknown opcode 0x%02x>", b);
        return false;
    }
    out->opcode = (uint16_t)(prefix ? ((uint32_t)prefix << 8 | (code & 0xff)) : code);
    snprintf(out->text, sizeof out->text, "%s", op->name);
    switch (op->imm) {
    case IMM_NONE:
        break;
    case IMM_BLOCKTYPE: {
        if (r.p < r.end && *r.p == 0x40) {
            r.p++;
        } else {
            int64_t t = sleb(&r);
            if (t < 0) {
                const char *vt = valtype(t);
                APPEND(" (result %s)", vt ? vt : "?");
            } else
                APPEND(" (type %lld)", (long long)t);
        }
        out->depth_change = 1;
        break;
    }
    case IMM_BR_TABLE: {
        uint64_t n = uleb(&r);
        for (uint64_t i = 0; i <= n && !r.bad; i++)
            APPEND(" %llu", (unsigned long long)uleb(&r));
        break;
    }
    case IMM_CALL_INDIRECT: {
        uint64_t t = uleb(&r), tab = uleb(&r);
        if (tab)
            APPEND(" %llu", (unsigned long long)tab);
        APPEND(" (type %llu)", (unsigned long long)t);
        break;
    }
    case IMM_DATA: case IMM_ELEM: case IMM_FUNC: case IMM_GLOBAL: case IMM_LABEL:
    case IMM_LOCAL: case IMM_TABLE:
        APPEND(" %llu", (unsigned long long)uleb(&r));
        break;
    case IMM_MEM: {
        uint64_t m = uleb(&r);
        if (m)
            APPEND(" %llu", (unsigned long long)m);
        break;
    }
    case IMM_MEM_COPY: case IMM_TABLE_COPY: {
        uint64_t a = uleb(&r), c = uleb(&r);
        if (a || c || op->imm == IMM_TABLE_COPY)
            APPEND(" %llu %llu", (unsigned long long)a, (unsigned long long)c);
        break;
    }
    case IMM_MEM_INIT: {
        uint64_t data = uleb(&r), m = uleb(&r);
        if (m)
            APPEND(" %llu", (unsigned long long)m);
        APPEND(" %llu", (unsigned long long)data);
        break;
    }
    case IMM_TABLE_INIT: {
        uint64_t el = uleb(&r), t = uleb(&r);
        APPEND(" %llu %llu", (unsigned long long)t, (unsigned long long)el);
        break;
    }
    case IMM_I32:
        APPEND(" %d", (int32_t)sleb(&r));
        break;
    case IMM_I64:
        APPEND(" %lld", (long long)sleb(&r));
        break;
    case IMM_F32: {
        uint32_t bits = 0;
        for (int i = 0; i < 4; i++)
            bits |= (uint32_t)byte(&r) << (8 * i);
        float f;
        memcpy(&f, &bits, 4);
        APPEND(" %.9g", (double)f);
        break;
    }
    case IMM_F64: {
        uint64_t bits = 0;
        for (int i = 0; i < 8; i++)
            bits |= (uint64_t)byte(&r) << (8 * i);
        double f;
        memcpy(&f, &bits, 8);
        APPEND(" %.17g", f);
        break;
    }
    case IMM_LANE:
        APPEND(" %u", byte(&r));
        break;
    case IMM_MEMARG:
        memarg(&r, out, op->membytes);
        break;
    case IMM_MEMARG_LANE:
        memarg(&r, out, op->membytes);
        APPEND(" %u", byte(&r));
        break;
    case IMM_REFTYPE: {
        const char *vt = valtype(byte(&r));
        APPEND(" %s", vt && vt[0] == 'f' ? "func" : "extern");
        break;
    }
    case IMM_SELECT_T: {
        uint64_t n = uleb(&r);
        for (uint64_t i = 0; i < n && !r.bad; i++) {
            const char *vt = valtype(byte(&r));
            APPEND(" (result %s)", vt ? vt : "?");
        }
        break;
    }
    case IMM_SHUFFLE:
        for (int i = 0; i < 16; i++)
            APPEND(" %u", byte(&r));
        break;
    case IMM_V128: {
        uint32_t w[4] = {0, 0, 0, 0};
        for (int i = 0; i < 16; i++)
            w[i / 4] |= (uint32_t)byte(&r) << (8 * (i % 4));
        APPEND(" i32x4 0x%08x 0x%08x 0x%08x 0x%08x", w[0], w[1], w[2], w[3]);
        break;
    }
    }
    if (!prefix && (code == 0x0B))
        out->depth_change = -1;
    if (!prefix && code == 0x05)
        out->is_else = true;
    if (r.bad) {
        out->len = (uint32_t)(r.end - p);
        snprintf(out->text, sizeof out->text, "<bad: %s runs past the end>", op->name);
        out->depth_change = 0;
        return false;
    }
    out->len = (uint32_t)(r.p - p);
    return true;
}

size_t wd_wasm_locals(const uint8_t *p, size_t avail, uint32_t first_local, char *text,
                      size_t size)
{
    rd r = {p, p + avail, false};
    uint64_t groups = uleb(&r);
    size_t used = 0;
    uint64_t idx = first_local;
    text[0] = '\0';
    for (uint64_t g = 0; g < groups && !r.bad; g++) {
        uint64_t n = uleb(&r);
        const char *vt = valtype(byte(&r));
        if (r.bad || !vt)
            return 0;
        if (n == 0)
            continue;
        int k;
        if (n == 1)
            k = snprintf(text + used, size - used, "%slocal[%llu] %s", used ? ", " : "",
                         (unsigned long long)idx, vt);
        else
            k = snprintf(text + used, size - used, "%slocal[%llu..%llu] %s", used ? ", " : "",
                         (unsigned long long)idx, (unsigned long long)(idx + n - 1), vt);
        if (k > 0)
            used += (size_t)k < size - used ? (size_t)k : size - used - 1;
        idx += n;
    }
    return r.bad ? 0 : (size_t)(r.p - p);
}
