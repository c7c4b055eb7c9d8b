/* decode.c: the binary format decoder (WebAssembly 2.0 + enabled features).
 *
 * Parses m->bytes into the structures of module.h, allocating everything in
 * m->arena. Function bodies are NOT walked here: the validator walks them
 * (so body-level errors such as "data count section required" for
 * memory.init/data.drop without a DataCount section, unknown opcodes inside
 * bodies or a missing final `end` are reported by wd__validate). The decoder
 * only checks the framing: section ids, order and sizes, vector lengths,
 * every field of every section, constant expressions, local declarations.
 *
 * Robustness and the spec's messages: every read is bounds-checked against
 * the end of the file and a section's size is checked after its contents
 * ("section size mismatch"), as in the reference interpreter, so the error
 * messages match the spec tests even for sections whose declared size is
 * wrong. A vector never allocates more entries than there are bytes left in
 * its section (+1): every entry takes at least one byte, so reaching that
 * cap means the section overran. Hostile counts cannot cause big
 * allocations; expanded locals are capped per function and per module.
 *
 * Error messages use the spec test suite's wording (binary.wast,
 * binary-leb128.wast, custom.wast); offsets are file offsets.
 */
#include "module.h"
#include "insn.h"

#include <string.h>

#define WD_MSG_EOF "unexpected end of section or function"
#define WD_MAX_LOCALS_PER_FUNC 50000u
/* Expanded locals of all functions together: each local takes 4 bytes in
 * the arena, and a 4-byte declaration can declare 50000 of them. */
#define WD_MAX_LOCALS_TOTAL (1u << 23)

enum {
    SEC_CUSTOM = 0, SEC_TYPE, SEC_IMPORT, SEC_FUNC, SEC_TABLE, SEC_MEMORY,
    SEC_GLOBAL, SEC_EXPORT, SEC_START, SEC_ELEM, SEC_CODE, SEC_DATA,
    SEC_DATACOUNT, SEC__COUNT
};

/* An import before it is sorted into its index space. */
typedef struct wd_dimport {
    wd_externkind kind;
    uint32_t typeidx;       /* FUNC */
    wd_valtype type;        /* TABLE: element type, GLOBAL: value type */
    wd_limits lim;          /* TABLE, MEMORY */
    bool mut;               /* GLOBAL */
} wd_dimport;

typedef struct wd_dec {
    wd_module *m;
    wd_error *err;
    wd_reader r;
    bool err_set;           /* err filled (else the reader's message is used) */
    uint64_t sec_end;       /* file offset where the current section must end */
    uint64_t locals_total;
    uint32_t ncustoms_cap;
    uint32_t nfunc_defs;    /* entries of the function section */
    bool has_code;
    bool has_data;
} wd_dec;

/* ------------------------------------------------------------ errors */

static bool dec_fail_at(wd_dec *d, uint64_t off, const char *msg)
{
    if (!d->err_set) {
        wd__error_set(d->err, WD_ERR_MALFORMED, d->m->name, off, "%s", msg);
        d->err_set = true;
    }
    return false;
}

static bool dec_fail(wd_dec *d, const char *msg)
{
    return dec_fail_at(d, wd_rd_offset(&d->r), msg);
}

static bool dec_nomem(wd_dec *d)
{
    if (!d->err_set) {
        wd__error_set(d->err, WD_ERR_NOMEM, d->m->name, wd_rd_offset(&d->r),
                      "out of memory");
        d->err_set = true;
    }
    return false;
}

#define TRY(x) do { if (!(x)) return false; } while (0)

static void *dec_array(wd_dec *d, size_t n, size_t size)
{
    void *p = wd_arena_array(&d->m->arena, n ? n : 1, size);
    if (!p)
        dec_nomem(d);
    return p;
}

/* ------------------------------------------------------------ basics */

static size_t dec_left(const wd_dec *d) { return (size_t)(d->r.end - d->r.p); }

/* Lengths (vector counts, byte counts, sizes) follow the reference
 * interpreter, whose wording the spec tests use: a length larger than the
 * rest of the file, counted from the length's own first byte, is "length
 * out of bounds"; a smaller one that still overruns runs into the end. */
static bool dec_len(wd_dec *d, uint32_t *n)
{
    uint64_t at = wd_rd_offset(&d->r);
    TRY(wd_rd_u32(&d->r, n));
    if ((uint64_t)*n > (uint64_t)d->m->size - at)
        return dec_fail_at(d, at, "length out of bounds");
    return true;
}

/* A vector: its count, and how many entries may be allocated for it. Reads
 * are bounded by the end of the file (as in the reference interpreter, a
 * section's size is checked after its contents), but a section can hold at
 * most one entry per byte left in it, so at most that many (+1) entries are
 * allocated: reaching the cap means the section already overran, which
 * dec_overrun() reports. A hostile count never causes a big allocation. */
static bool dec_vec(wd_dec *d, uint32_t *n, uint32_t *cap)
{
    TRY(dec_len(d, n));
    uint64_t here = wd_rd_offset(&d->r);
    uint64_t left = d->sec_end > here ? d->sec_end - here : 0;
    *cap = (uint64_t)*n > left ? (uint32_t)(left + 1) : *n;
    return true;
}

static bool dec_overrun(wd_dec *d)
{
    return dec_fail(d, "section size mismatch");
}

/* Raw bytes with a length (data segments). */
static bool dec_bytes(wd_dec *d, const uint8_t **out, uint32_t *len)
{
    uint64_t at = wd_rd_offset(&d->r);
    TRY(wd_rd_u32(&d->r, len));
    if ((uint64_t)*len > (uint64_t)(d->r.end - d->r.base) - at)
        return dec_fail_at(d, at, "length out of bounds");
    return wd_rd_bytes(&d->r, *len, out);
}

static bool dec_byte(wd_dec *d, uint8_t *b) { return wd_rd_u8(&d->r, b); }

static bool is_valtype(uint8_t b)
{
    switch (b) {
    case WD_I32: case WD_I64: case WD_F32: case WD_F64: case WD_V128:
    case WD_FUNCREF: case WD_EXTERNREF:
        return true;
    default:
        return false;
    }
}

/* A value type: one byte (formally an s7, so a continuation bit makes it an
 * over-long integer). */
static bool dec_valtype(wd_dec *d, wd_valtype *out)
{
    uint64_t at = wd_rd_offset(&d->r);
    uint8_t b;
    TRY(dec_byte(d, &b));
    if (is_valtype(b)) {
        *out = (wd_valtype)b;
        return true;
    }
    if (b & 0x80)
        return dec_fail_at(d, at + 1, "integer representation too long");
    return dec_fail_at(d, at, "malformed value type");
}

static bool dec_reftype(wd_dec *d, wd_valtype *out)
{
    uint64_t at = wd_rd_offset(&d->r);
    uint8_t b;
    TRY(dec_byte(d, &b));
    if (b != WD_FUNCREF && b != WD_EXTERNREF)
        return dec_fail_at(d, at, "malformed reference type");
    *out = (wd_valtype)b;
    return true;
}

/* limits: a flag read as a 1-bit LEB (as the spec's `vu1`), min, max. */
static bool dec_limits(wd_dec *d, wd_limits *lim)
{
    uint64_t at = wd_rd_offset(&d->r);
    uint8_t flag;
    TRY(dec_byte(d, &flag));
    if ((flag & 0x7F) > 1)
        return dec_fail_at(d, at, "integer too large");
    if (flag & 0x80)
        return dec_fail_at(d, at + 1, "integer representation too long");
    uint32_t min, max = 0;
    TRY(wd_rd_u32(&d->r, &min));
    if (flag)
        TRY(wd_rd_u32(&d->r, &max));
    lim->min = min;
    lim->max = max;
    lim->has_max = flag != 0;
    return true;
}

static bool dec_mut(wd_dec *d, bool *mut)
{
    uint64_t at = wd_rd_offset(&d->r);
    uint8_t b;
    TRY(dec_byte(d, &b));
    if (b > 1)
        return dec_fail_at(d, at, "malformed mutability");
    *mut = b == 1;
    return true;
}

static bool dec_name(wd_dec *d, const char **out, uint32_t *len_out)
{
    const uint8_t *p;
    uint32_t len;
    TRY(wd_rd_name(&d->r, &p, &len));
    char *s = wd_arena_strndup(&d->m->arena, (const char *)p, len);
    if (!s)
        return dec_nomem(d);
    *out = s;
    if (len_out)
        *len_out = len;
    return true;
}

/* ------------------------------------------------------------ declared functions */

static bool dec_declared_init(wd_dec *d)
{
    wd_module *m = d->m;
    if (!m->func_declared) {
        m->func_declared = dec_array(d, m->nfuncs, 1);
        if (!m->func_declared)
            return false;
    }
    return true;
}

/* Out-of-range indices are ignored here: the validator reports them. */
static bool dec_declare(wd_dec *d, uint32_t funcidx)
{
    TRY(dec_declared_init(d));
    if (funcidx < d->m->nfuncs)
        d->m->func_declared[funcidx] = 1;
    return true;
}

/* ------------------------------------------------------------ constant expressions */

/* Reads instructions up to and including the `end` that closes the
 * expression; records the raw bytes. Constant expressions have no blocks,
 * but a malformed one might: nesting is tracked so `end` is matched, and
 * the validator rejects the non-constant instructions. ref.func marks the
 * function as declared. */
static bool dec_constexpr(wd_dec *d, wd_constexpr *ce)
{
    const uint8_t *start = d->r.p;
    uint32_t depth = 0;
    for (;;) {
        wd_insn in;
        if (!wd_insn_read(&d->r, d->m->features, &in))
            return false;
        if (in.op == WD_OP_BLOCK || in.op == WD_OP_LOOP || in.op == WD_OP_IF) {
            depth++;
        } else if (in.op == WD_OP_ELSE && depth == 0) {
            return dec_fail_at(d, in.offset, "END opcode expected");
        } else if (in.op == WD_OP_END) {
            if (depth == 0)
                break;
            depth--;
        } else if (in.op == WD_OP_REF_FUNC) {
            TRY(dec_declare(d, in.imm.idx));
        }
    }
    ce->code = start;
    ce->len = (uint32_t)(d->r.p - start);
    ce->offset = (uint64_t)(start - d->r.base);
    return true;
}

/* ------------------------------------------------------------ sections */

static bool dec_type_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    m->types = dec_array(d, cap, sizeof *m->types);
    if (!m->types)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_ftype *t = &m->types[i];
        uint64_t at = wd_rd_offset(&d->r);
        uint8_t form;
        TRY(dec_byte(d, &form));
        if (form & 0x80)   /* formally an s7: a continuation bit overruns it */
            return dec_fail_at(d, at + 1, "integer representation too long");
        if (form != 0x60)
            return dec_fail_at(d, at, "malformed function type");
        for (int pass = 0; pass < 2; pass++) {
            uint32_t k, kcap;
            TRY(dec_vec(d, &k, &kcap));
            wd_valtype *v = dec_array(d, kcap, sizeof *v);
            if (!v)
                return false;
            uint32_t slots = 0;
            for (uint32_t j = 0; j < k; j++) {
                if (j == kcap)
                    return dec_overrun(d);
                TRY(dec_valtype(d, &v[j]));
                slots += wd_valtype_slots(v[j]);
            }
            if (pass == 0) {
                t->nparams = k; t->params = v; t->param_slots = slots;
            } else {
                t->nresults = k; t->results = v; t->result_slots = slots;
            }
        }
        m->ntypes = i + 1;
    }
    return true;
}

static bool dec_import_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    m->imports = dec_array(d, cap, sizeof *m->imports);
    wd_dimport *di = dec_array(d, cap, sizeof *di);
    if (!m->imports || !di)
        return false;
    uint32_t count[4] = {0, 0, 0, 0};
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mimport *im = &m->imports[i];
        im->offset = wd_rd_offset(&d->r);
        TRY(dec_name(d, &im->module, NULL));
        TRY(dec_name(d, &im->name, NULL));
        uint64_t at = wd_rd_offset(&d->r);
        uint8_t kind;
        TRY(dec_byte(d, &kind));
        switch (kind) {
        case WD_EXTERN_FUNC:
            TRY(wd_rd_u32(&d->r, &di[i].typeidx));
            break;
        case WD_EXTERN_TABLE:
            TRY(dec_reftype(d, &di[i].type));
            TRY(dec_limits(d, &di[i].lim));
            break;
        case WD_EXTERN_MEMORY:
            TRY(dec_limits(d, &di[i].lim));
            break;
        case WD_EXTERN_GLOBAL:
            TRY(dec_valtype(d, &di[i].type));
            TRY(dec_mut(d, &di[i].mut));
            break;
        default:
            return dec_fail_at(d, at, "malformed import kind");
        }
        di[i].kind = (wd_externkind)kind;
        im->kind = (wd_externkind)kind;
        im->index = count[kind]++;
        m->nimports = i + 1;
    }
    /* Sort the imports into the index spaces. */
    m->funcs = dec_array(d, count[WD_EXTERN_FUNC], sizeof *m->funcs);
    m->tables = dec_array(d, count[WD_EXTERN_TABLE], sizeof *m->tables);
    m->memories = dec_array(d, count[WD_EXTERN_MEMORY], sizeof *m->memories);
    m->globals = dec_array(d, count[WD_EXTERN_GLOBAL], sizeof *m->globals);
    if (!m->funcs || !m->tables || !m->memories || !m->globals)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = m->imports[i].index;
        switch (di[i].kind) {
        case WD_EXTERN_FUNC:
            m->funcs[x].typeidx = di[i].typeidx;
            m->funcs[x].import = (int32_t)i;
            break;
        case WD_EXTERN_TABLE:
            m->tables[x].elem = di[i].type;
            m->tables[x].lim = di[i].lim;
            m->tables[x].import = (int32_t)i;
            break;
        case WD_EXTERN_MEMORY:
            m->memories[x].lim = di[i].lim;
            m->memories[x].import = (int32_t)i;
            break;
        case WD_EXTERN_GLOBAL:
            m->globals[x].type = di[i].type;
            m->globals[x].mut = di[i].mut;
            m->globals[x].import = (int32_t)i;
            break;
        }
    }
    m->nfuncs = m->nfunc_imports = count[WD_EXTERN_FUNC];
    m->ntables = m->ntable_imports = count[WD_EXTERN_TABLE];
    m->nmemories = m->nmemory_imports = count[WD_EXTERN_MEMORY];
    m->nglobals = m->nglobal_imports = count[WD_EXTERN_GLOBAL];
    return true;
}

/* Makes room for `cap` defined entries after the imports of an index space
 * (nold + cap cannot overflow: both are bounded by the file size). */
static void *dec_extend(wd_dec *d, void *old, uint32_t nold, uint32_t cap, size_t size)
{
    void *p = dec_array(d, (size_t)nold + cap, size);
    if (p && nold)
        memcpy(p, old, (size_t)nold * size);
    return p;
}

static bool dec_func_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    wd_mfunc *f = dec_extend(d, m->funcs, m->nfuncs, cap, sizeof *f);
    if (!f)
        return false;
    m->funcs = f;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mfunc *fn = &f[m->nfunc_imports + i];
        TRY(wd_rd_u32(&d->r, &fn->typeidx));
        fn->import = -1;
        m->nfuncs = m->nfunc_imports + i + 1;
    }
    d->nfunc_defs = n;
    return true;
}

static bool dec_table_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    wd_mtable *t = dec_extend(d, m->tables, m->ntables, cap, sizeof *t);
    if (!t)
        return false;
    m->tables = t;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mtable *tb = &t[m->ntable_imports + i];
        TRY(dec_reftype(d, &tb->elem));
        TRY(dec_limits(d, &tb->lim));
        tb->import = -1;
        m->ntables = m->ntable_imports + i + 1;
    }
    return true;
}

static bool dec_memory_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    wd_mmemory *mem = dec_extend(d, m->memories, m->nmemories, cap, sizeof *mem);
    if (!mem)
        return false;
    m->memories = mem;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mmemory *mm = &mem[m->nmemory_imports + i];
        /* memory size limits (<= 65536 pages) are a validation error */
        TRY(dec_limits(d, &mm->lim));
        mm->import = -1;
        m->nmemories = m->nmemory_imports + i + 1;
    }
    return true;
}

static bool dec_global_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    wd_mglobal *g = dec_extend(d, m->globals, m->nglobals, cap, sizeof *g);
    if (!g)
        return false;
    m->globals = g;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mglobal *gl = &g[m->nglobal_imports + i];
        TRY(dec_valtype(d, &gl->type));
        TRY(dec_mut(d, &gl->mut));
        gl->import = -1;
        TRY(dec_constexpr(d, &gl->init));
        m->nglobals = m->nglobal_imports + i + 1;
    }
    return true;
}

static bool dec_export_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    m->exports = dec_array(d, cap, sizeof *m->exports);
    if (!m->exports)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mexport *e = &m->exports[i];
        TRY(dec_name(d, &e->name, &e->name_len));
        uint64_t at = wd_rd_offset(&d->r);
        uint8_t kind;
        TRY(dec_byte(d, &kind));
        if (kind > WD_EXTERN_GLOBAL)
            return dec_fail_at(d, at, "malformed export kind");
        e->kind = (wd_externkind)kind;
        TRY(wd_rd_u32(&d->r, &e->index));
        if (e->kind == WD_EXTERN_FUNC)
            TRY(dec_declare(d, e->index));
        m->nexports = i + 1;
    }
    return true;
}

static bool dec_start_section(wd_dec *d)
{
    TRY(wd_rd_u32(&d->r, &d->m->start));
    d->m->has_start = true;
    return true;
}

static bool dec_elem_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    m->elems = dec_array(d, cap, sizeof *m->elems);
    if (!m->elems)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_melem *e = &m->elems[i];
        e->offset_in_file = wd_rd_offset(&d->r);
        uint32_t flags;
        TRY(wd_rd_u32(&d->r, &flags));
        if (flags > 7)
            return dec_fail_at(d, e->offset_in_file, "malformed elements segment kind");
        /* bit 0: passive or declarative; bit 1: explicit table index (active)
         * or declarative; bit 2: expressions instead of function indices */
        bool exprs = flags & 4;
        if (flags & 1)
            e->mode = (flags & 2) ? WD_SEG_DECLARATIVE : WD_SEG_PASSIVE;
        else
            e->mode = WD_SEG_ACTIVE;
        e->type = WD_FUNCREF;
        if (e->mode == WD_SEG_ACTIVE) {
            if (flags & 2)
                TRY(wd_rd_u32(&d->r, &e->table));
            TRY(dec_constexpr(d, &e->offset));
        }
        if (flags & 3) {   /* an element kind or reference type is present */
            if (exprs) {
                TRY(dec_reftype(d, &e->type));
            } else {
                uint64_t at = wd_rd_offset(&d->r);
                uint8_t kind;
                TRY(dec_byte(d, &kind));
                if (kind != 0x00)
                    return dec_fail_at(d, at, "malformed element kind");
            }
        }
        uint32_t k, kcap;
        TRY(dec_vec(d, &k, &kcap));
        if (exprs) {
            e->exprs = dec_array(d, kcap, sizeof *e->exprs);
            if (!e->exprs)
                return false;
            for (uint32_t j = 0; j < k; j++) {
                if (j == kcap)
                    return dec_overrun(d);
                TRY(dec_constexpr(d, &e->exprs[j]));
                e->count = j + 1;
            }
        } else {
            e->func_indices = dec_array(d, kcap, sizeof *e->func_indices);
            if (!e->func_indices)
                return false;
            for (uint32_t j = 0; j < k; j++) {
                if (j == kcap)
                    return dec_overrun(d);
                TRY(wd_rd_u32(&d->r, &e->func_indices[j]));
                TRY(dec_declare(d, e->func_indices[j]));
                e->count = j + 1;
            }
        }
        m->nelems = i + 1;
    }
    return true;
}

static bool dec_datacount_section(wd_dec *d)
{
    TRY(wd_rd_u32(&d->r, &d->m->datacount));
    d->m->has_datacount = true;
    return true;
}

/* One function entry of the code section: size, locals, body. */
static bool dec_code_entry(wd_dec *d, wd_mfunc *f)
{
    wd_reader *r = &d->r;
    const uint8_t *file_end = r->end;
    f->entry_offset = wd_rd_offset(r);
    uint32_t size;
    TRY(dec_len(d, &size));
    if ((size_t)size > dec_left(d))
        return dec_fail_at(d, d->m->size, WD_MSG_EOF);
    const uint8_t *fend = r->p + size;
    r->end = fend;                      /* read the entry within its size */

    uint32_t ngroups;
    uint64_t locals_at = wd_rd_offset(r);
    TRY(dec_len(d, &ngroups));
    /* First pass: count (never allocate from an unchecked count); the
     * loop is bounded by the data, each group taking at least 2 bytes. */
    const uint8_t *groups = r->p;
    uint64_t total = 0;
    for (uint32_t g = 0; g < ngroups; g++) {
        uint32_t k;
        wd_valtype t;
        TRY(wd_rd_u32(r, &k));
        total += k;
        if (total > WD_MAX_LOCALS_PER_FUNC)
            return dec_fail_at(d, locals_at, "too many locals");
        TRY(dec_valtype(d, &t));
    }
    d->locals_total += total;
    if (d->locals_total > WD_MAX_LOCALS_TOTAL)
        return dec_fail_at(d, locals_at, "too many locals");
    f->nlocals = (uint32_t)total;
    f->locals = dec_array(d, total, sizeof *f->locals);
    if (!f->locals)
        return false;
    /* Second pass: expand. */
    const uint8_t *body = r->p;
    r->p = groups;
    uint32_t x = 0;
    for (uint32_t g = 0; g < ngroups; g++) {
        uint32_t k;
        wd_valtype t;
        TRY(wd_rd_u32(r, &k));
        TRY(dec_valtype(d, &t));
        for (uint32_t j = 0; j < k; j++)
            f->locals[x++] = t;
    }
    f->body = body;
    f->body_len = (uint32_t)(fend - body);
    f->body_offset = (uint64_t)(body - r->base);
    f->end_offset = (uint64_t)(fend - r->base);
    r->p = fend;
    r->end = file_end;
    /* A body always ends with `end` (0x0B). The validator walks the body
     * and finds the precise error; this cheap check gives the message the
     * spec tests expect (the reference interpreter reads on past the
     * declared size): a body cut off by the end of the file ran into the
     * end; an `else` cannot be closed; otherwise the size does not match. */
    if (f->body_len == 0 || body[f->body_len - 1] != 0x0B) {
        if (fend == file_end)
            return dec_fail_at(d, f->end_offset, WD_MSG_EOF);
        if ((f->body_len != 0 && body[f->body_len - 1] == 0x05) || *fend == 0x05)
            return dec_fail_at(d, f->end_offset, "END opcode expected");
        return dec_fail_at(d, f->end_offset, "section size mismatch");
    }
    return true;
}

static bool dec_code_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint64_t at = wd_rd_offset(&d->r);
    m->code_section_offset = at;
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    if (n != d->nfunc_defs)
        return dec_fail_at(d, at, "function and code section have inconsistent lengths");
    for (uint32_t i = 0; i < n; i++)   /* n entries exist (function section) */
        TRY(dec_code_entry(d, &m->funcs[m->nfunc_imports + i]));
    d->has_code = true;
    return true;
}

static bool dec_data_section(wd_dec *d)
{
    wd_module *m = d->m;
    uint64_t at = wd_rd_offset(&d->r);
    uint32_t n, cap;
    TRY(dec_vec(d, &n, &cap));
    if (m->has_datacount && n != m->datacount)
        return dec_fail_at(d, at, "data count and data section have inconsistent lengths");
    m->datas = dec_array(d, cap, sizeof *m->datas);
    if (!m->datas)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (i == cap)
            return dec_overrun(d);
        wd_mdata *s = &m->datas[i];
        s->offset_in_file = wd_rd_offset(&d->r);
        uint32_t flags;
        TRY(wd_rd_u32(&d->r, &flags));
        if (flags > 2)
            return dec_fail_at(d, s->offset_in_file, "malformed data segment kind");
        s->mode = flags == 1 ? WD_SEG_PASSIVE : WD_SEG_ACTIVE;
        if (flags == 2)
            TRY(wd_rd_u32(&d->r, &s->memory));
        if (flags != 1)
            TRY(dec_constexpr(d, &s->offset));
        TRY(dec_bytes(d, &s->bytes, &s->len));
        m->ndatas = i + 1;
    }
    d->has_data = true;
    return true;
}

/* A custom section: a name, then anything up to the section's end. */
static bool dec_custom_section(wd_dec *d, uint8_t after)
{
    wd_module *m = d->m;
    wd_mcustom c;
    memset(&c, 0, sizeof c);
    TRY(dec_name(d, &c.name, NULL));
    uint64_t here = wd_rd_offset(&d->r);
    if (here > d->sec_end)      /* the name ran past the section */
        return dec_fail_at(d, d->sec_end, WD_MSG_EOF);
    if (d->sec_end > d->m->size) /* the section runs past the file */
        return dec_fail_at(d, d->m->size, WD_MSG_EOF);
    c.data = d->r.p;
    c.size = (uint32_t)(d->sec_end - here);
    c.offset = here;
    c.after_section = after;
    d->r.p = d->r.base + d->sec_end;
    if (m->ncustoms == d->ncustoms_cap) {
        uint32_t cap = d->ncustoms_cap ? d->ncustoms_cap * 2 : 4;
        wd_mcustom *nc = dec_array(d, cap, sizeof *nc);
        if (!nc)
            return false;
        if (m->ncustoms)
            memcpy(nc, m->customs, m->ncustoms * sizeof *nc);
        m->customs = nc;
        d->ncustoms_cap = cap;
    }
    m->customs[m->ncustoms++] = c;
    return true;
}

/* ------------------------------------------------------------ the name section */

/* The "name" custom section is informative: a malformed one does not fail
 * the load; everything from its first error on is ignored. */
static void dec_name_section(wd_module *m, const wd_mcustom *c)
{
    wd_reader r = { c->data, c->data + c->size, m->bytes, NULL, 0 };
    int last_id = -1;
    while (!wd_rd_eof(&r)) {
        uint8_t id;
        uint32_t size;
        const uint8_t *sub;
        if (!wd_rd_u8(&r, &id) || !wd_rd_u32(&r, &size) || !wd_rd_bytes(&r, size, &sub))
            return;
        if ((int)id <= last_id)
            return;                 /* subsections must be in order, once */
        last_id = id;
        wd_reader s = { sub, sub + size, m->bytes, NULL, 0 };
        const uint8_t *name;
        uint32_t len, n;
        if (id == 0) {
            if (!wd_rd_name(&s, &name, &len))
                return;
            m->module_name = wd_arena_strndup(&m->arena, (const char *)name, len);
        } else if (id == 1 || id == 9) {   /* functions; data segments (.rodata, .data) */
            if (!wd_rd_u32(&s, &n))
                return;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t idx;
                if (!wd_rd_u32(&s, &idx) || !wd_rd_name(&s, &name, &len))
                    return;
                const char **slot = id == 1 ? (idx < m->nfuncs ? &m->funcs[idx].name : NULL)
                                            : (idx < m->ndatas ? &m->datas[idx].name : NULL);
                if (slot && !*slot)
                    *slot = wd_arena_strndup(&m->arena, (const char *)name, len);
            }
        }
        /* other subsections (locals, labels, ...) are not used yet */
    }
}

/* ------------------------------------------------------------ the module */

/* Position of each known section in the required order (DataCount goes
 * between Element and Code). */
static int dec_section_rank(uint8_t id)
{
    static const int rank[SEC__COUNT] = {
        [SEC_TYPE] = 1, [SEC_IMPORT] = 2, [SEC_FUNC] = 3, [SEC_TABLE] = 4,
        [SEC_MEMORY] = 5, [SEC_GLOBAL] = 6, [SEC_EXPORT] = 7, [SEC_START] = 8,
        [SEC_ELEM] = 9, [SEC_DATACOUNT] = 10, [SEC_CODE] = 11, [SEC_DATA] = 12,
    };
    return rank[id];
}

static bool dec_module(wd_dec *d)
{
    wd_module *m = d->m;
    wd_reader *r = &d->r;
    const uint8_t *file_end = m->bytes + m->size;
    d->sec_end = m->size;

    if (m->size < 4)
        return dec_fail_at(d, m->size, "unexpected end");
    if (memcmp(m->bytes, "\0asm", 4) != 0)
        return dec_fail_at(d, 0, "magic header not detected");
    if (m->size < 8)
        return dec_fail_at(d, m->size, "unexpected end");
    if (memcmp(m->bytes + 4, "\1\0\0\0", 4) != 0)
        return dec_fail_at(d, 4, "unknown binary version");
    r->p = m->bytes + 8;

    int last_rank = 0;
    uint8_t last_id = 0;
    while (r->p < file_end) {
        uint64_t id_at = wd_rd_offset(r);
        uint8_t id;
        TRY(wd_rd_u8(r, &id));
        if (id >= SEC__COUNT)
            return dec_fail_at(d, id_at, "malformed section id");
        if (id != SEC_CUSTOM) {
            int rank = dec_section_rank(id);
            if (rank <= last_rank)
                return dec_fail_at(d, id_at, "unexpected content after last section");
            last_rank = rank;
        }
        uint32_t size;
        TRY(dec_len(d, &size));
        uint64_t start = wd_rd_offset(r);
        d->sec_end = start + size;      /* may lie past the end of the file */
        bool ok;
        switch (id) {
        case SEC_CUSTOM:    ok = dec_custom_section(d, last_id); break;
        case SEC_TYPE:      ok = dec_type_section(d); break;
        case SEC_IMPORT:    ok = dec_import_section(d); break;
        case SEC_FUNC:      ok = dec_func_section(d); break;
        case SEC_TABLE:     ok = dec_table_section(d); break;
        case SEC_MEMORY:    ok = dec_memory_section(d); break;
        case SEC_GLOBAL:    ok = dec_global_section(d); break;
        case SEC_EXPORT:    ok = dec_export_section(d); break;
        case SEC_START:     ok = dec_start_section(d); break;
        case SEC_ELEM:      ok = dec_elem_section(d); break;
        case SEC_CODE:      ok = dec_code_section(d); break;
        case SEC_DATA:      ok = dec_data_section(d); break;
        case SEC_DATACOUNT: ok = dec_datacount_section(d); break;
        default:            ok = false; break;
        }
        if (!ok)
            return false;
        if (wd_rd_offset(r) != d->sec_end)
            return dec_fail(d, "section size mismatch");
        if (id != SEC_CUSTOM)
            last_id = id;
    }

    if (d->nfunc_defs != 0 && !d->has_code)
        return dec_fail_at(d, m->size, "function and code section have inconsistent lengths");
    if (m->has_datacount && !d->has_data && m->datacount != 0)
        return dec_fail_at(d, m->size, "data count and data section have inconsistent lengths");
    /* "data count section required" (memory.init / data.drop in a body
     * without a DataCount section) needs the bodies: the validator checks it. */

    TRY(dec_declared_init(d));
    for (uint32_t i = 0; i < m->ncustoms; i++) {
        if (strcmp(m->customs[i].name, "name") == 0) {
            dec_name_section(m, &m->customs[i]);
            break;
        }
    }
    return true;
}

bool wd__decode(wd_module *m, wd_error *err)
{
    if (!m->bytes) {
        if (m->size != 0)
            wd__error_set(err, WD_ERR_ARG, m->name, WD_NO_OFFSET, "no module bytes");
        else
            wd__error_set(err, WD_ERR_MALFORMED, m->name, 0, "unexpected end");
        return false;
    }
    wd_dec d;
    memset(&d, 0, sizeof d);
    d.m = m;
    d.err = err;
    d.r.base = m->bytes;
    d.r.p = m->bytes;
    d.r.end = m->bytes + m->size;
    if (dec_module(&d))
        return true;
    if (!d.err_set) {
        const char *msg = d.r.errmsg ? d.r.errmsg : "malformed module";
        uint64_t off = d.r.errmsg ? d.r.erroff : wd_rd_offset(&d.r);
        wd__error_set(err, WD_ERR_MALFORMED, m->name, off, "%s", msg);
    }
    return false;
}
