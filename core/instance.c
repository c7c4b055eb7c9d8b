/* instance.c: instantiation (linking, allocation, segment initialisation,
 * the start function), constant expressions and the instance accessors.
 *
 * Order, as in the WebAssembly 2.0 spec: resolve and type-check every
 * import; allocate functions, then tables, memories and globals (global
 * initialisers may read imported and earlier globals and name functions);
 * apply the active element segments in order, then the active data
 * segments, dropping each applied segment and every declarative one; run
 * the start function. A segment out of bounds or a trap in start fails with
 * WD_ERR_UNINSTANTIABLE, but what was written before stays written and the
 * instance stays in the store: its functions may already sit in a shared
 * table.
 */
#include "store.h"
#include "insn.h"

#include <string.h>

/* ------------------------------------------------------------ constant expressions */

bool wd__const_eval(const wd_instance *inst, const wd_constexpr *ce,
                    wd_value *out, wd_error *err)
{
    const wd_module *m = inst->module;
    wd_reader r = { .p = ce->code, .end = ce->code + ce->len, .base = m->bytes,
                    .errmsg = NULL, .erroff = 0 };
    wd_value st[16];
    wd_value *stack = st;
    size_t cap = sizeof st / sizeof st[0], sp = 0;
    if (ce->len > cap) {
        stack = wd__calloc(ce->len, sizeof *stack);  /* each insn takes >= 1 byte */
        if (!stack) {
            wd__error_set(err, WD_ERR_NOMEM, m->name, ce->offset, "out of memory");
            return false;
        }
        cap = ce->len;
    }
    bool ok = false;
    uint64_t at = ce->offset;
    const char *why = "invalid constant expression";
    for (;;) {
        wd_insn in;
        if (wd_rd_eof(&r) || !wd_insn_read(&r, m->features, &in))
            break;
        at = in.offset;
        if (in.op == WD_OP_END) {
            if (sp == 1) {
                *out = stack[0];
                ok = true;
            }
            break;
        }
        wd_value v;
        memset(&v, 0, sizeof v);
        switch (in.op) {
        case WD_OP_I32_CONST: v.type = WD_I32; v.of.i32 = in.imm.i32; break;
        case WD_OP_I64_CONST: v.type = WD_I64; v.of.i64 = in.imm.i64; break;
        case WD_OP_F32_CONST: v.type = WD_F32; v.of.f32_bits = in.imm.f32; break;
        case WD_OP_F64_CONST: v.type = WD_F64; v.of.f64_bits = in.imm.f64; break;
        case WD_OP_V128_CONST: v.type = WD_V128; memcpy(v.of.v128, in.imm.bytes, 16); break;
        case WD_OP_REF_NULL: v.type = in.imm.reftype; v.of.ref = WD_REF_NULL; break;
        case WD_OP_REF_FUNC:
            if (in.imm.idx >= m->nfuncs || !inst->funcs[in.imm.idx]) {
                why = "unknown function";
                goto done;
            }
            v.type = WD_FUNCREF;
            v.of.ref = (wd_ref)(uintptr_t)inst->funcs[in.imm.idx];
            break;
        case WD_OP_GLOBAL_GET:
            if (in.imm.idx >= m->nglobals || !inst->globals[in.imm.idx]) {
                why = "unknown global";
                goto done;
            }
            v = wd_global_get(inst->globals[in.imm.idx]);
            break;
        case WD_OP_I32_ADD: case WD_OP_I32_SUB: case WD_OP_I32_MUL:
        case WD_OP_I64_ADD: case WD_OP_I64_SUB: case WD_OP_I64_MUL: {
            if (!(m->features & WD_FEATURE_EXTENDED_CONST) || sp < 2)
                goto done;
            wd_value *a = &stack[sp - 2], *b = &stack[sp - 1];
            sp--;
            switch (in.op) {
            case WD_OP_I32_ADD: a->of.i32 += b->of.i32; break;
            case WD_OP_I32_SUB: a->of.i32 -= b->of.i32; break;
            case WD_OP_I32_MUL: a->of.i32 *= b->of.i32; break;
            case WD_OP_I64_ADD: a->of.i64 += b->of.i64; break;
            case WD_OP_I64_SUB: a->of.i64 -= b->of.i64; break;
            default:            a->of.i64 *= b->of.i64; break;
            }
            continue;
        }
        default:
            why = "constant expression required";
            goto done;
        }
        if (sp == cap)
            goto done;
        stack[sp++] = v;
    }
done:
    if (stack != st)
        wd__free(stack);
    if (!ok)
        wd__error_set(err, WD_ERR_INVALID, m->name, at, "%s", why);
    return ok;
}

wd_ref wd__elem_item(const wd_instance *inst, uint32_t elemidx, uint32_t i)
{
    const wd_module *m = inst->module;
    if (elemidx >= m->nelems)
        return WD_REF_NULL;
    const wd_melem *seg = &m->elems[elemidx];
    if (i >= seg->count)
        return WD_REF_NULL;
    if (seg->func_indices) {
        uint32_t f = seg->func_indices[i];
        return f < m->nfuncs ? (wd_ref)(uintptr_t)inst->funcs[f] : WD_REF_NULL;
    }
    wd_value v;
    if (!seg->exprs || !wd__const_eval(inst, &seg->exprs[i], &v, NULL))
        return WD_REF_NULL;
    return v.of.ref;
}

int wd__table_init(wd_instance *inst, uint32_t tableidx, uint32_t elemidx,
                   uint32_t dst, uint32_t src, uint32_t n)
{
    const wd_module *m = inst->module;
    if (tableidx >= m->ntables || elemidx >= m->nelems)
        return WD_TRAP_TABLE_OOB;
    wd_table *t = inst->tables[tableidx];
    uint64_t len = inst->elem_dropped[elemidx] ? 0 : m->elems[elemidx].count;
    if ((uint64_t)src + n > len || (uint64_t)dst + n > t->size)
        return WD_TRAP_TABLE_OOB;
    for (uint32_t k = 0; k < n; k++)
        t->elems[dst + k] = wd__elem_item(inst, elemidx, src + k);
    return 0;
}

int wd__memory_init(wd_instance *inst, uint32_t memidx, uint32_t dataidx,
                    uint64_t dst, uint32_t src, uint32_t n)
{
    const wd_module *m = inst->module;
    if (memidx >= m->nmemories || dataidx >= m->ndatas)
        return WD_TRAP_MEM_OOB;
    wd_memory *mem = inst->memories[memidx];
    uint64_t len = inst->data_dropped[dataidx] ? 0 : m->datas[dataidx].len;
    if ((uint64_t)src + n > len || dst > mem->size || n > mem->size - dst)
        return WD_TRAP_MEM_OOB;
    if (n)
        memcpy(mem->data + dst, m->datas[dataidx].bytes + src, n);
    return 0;
}

/* ------------------------------------------------------------ linking */

static bool limits_match(uint64_t cur, const wd_limits *actual, const wd_limits *want)
{
    if (cur < want->min)
        return false;
    if (want->has_max) {
        if (!actual->has_max || actual->max > want->max)
            return false;
    }
    return true;
}

static bool link_import(wd_instance *inst, uint32_t i, wd_import_resolver resolve,
                        void *user, wd_error *err)
{
    const wd_module *m = inst->module;
    const wd_mimport *im = &m->imports[i];
    wd_import_desc d;
    wd_module_import(m, i, &d);
    wd_extern ext;
    memset(&ext, 0, sizeof ext);
    if (!resolve || !resolve(user, &d, &ext)) {
        wd__error_set(err, WD_ERR_LINK, m->name, im->offset, "unknown import %s.%s",
                      im->module, im->name);
        return false;
    }
    bool ok = false;
    switch (im->kind) {
    case WD_EXTERN_FUNC: {
        const wd_itype *want = inst->types[m->funcs[im->index].typeidx];
        ok = ext.func && ext.func->type == want;
        if (ok)
            inst->funcs[im->index] = ext.func;
        break;
    }
    case WD_EXTERN_TABLE: {
        const wd_mtable *mt = &m->tables[im->index];
        wd_table *t = ext.table;
        ok = t && t->elem == mt->elem && limits_match(t->size, &t->lim, &mt->lim);
        if (ok)
            inst->tables[im->index] = t;
        break;
    }
    case WD_EXTERN_MEMORY: {
        const wd_mmemory *mm = &m->memories[im->index];
        wd_memory *mem = ext.memory;
        ok = mem && limits_match(mem->pages, &mem->lim, &mm->lim);
        if (ok)
            inst->memories[im->index] = mem;
        break;
    }
    case WD_EXTERN_GLOBAL: {
        const wd_mglobal *mg = &m->globals[im->index];
        wd_global *g = ext.global;
        ok = g && g->type == mg->type && g->mut == mg->mut;
        if (ok)
            inst->globals[im->index] = g;
        break;
    }
    }
    if (!ok)
        wd__error_set(err, WD_ERR_LINK, m->name, im->offset,
                      "incompatible import type for %s.%s", im->module, im->name);
    return ok;
}

/* ------------------------------------------------------------ instantiation */

static bool nomem(const wd_module *m, wd_error *err)
{
    wd__error_set(err, WD_ERR_NOMEM, m->name, WD_NO_OFFSET, "out of memory");
    return false;
}

/* Puts the module's name into an error filled by a store call. */
static void name_error(wd_error *err, const wd_module *m)
{
    if (!err)
        return;
    size_t n = strlen(m->name);
    if (n > sizeof err->file - 1)
        n = sizeof err->file - 1;
    memcpy(err->file, m->name, n);
    err->file[n] = '\0';
}

/* Offset of an active segment as an unsigned 64-bit number (i32 offsets
 * are unsigned). */
static bool segment_offset(const wd_instance *inst, const wd_constexpr *ce,
                           uint64_t *out, wd_error *err)
{
    wd_value v;
    if (!wd__const_eval(inst, ce, &v, err))
        return false;
    *out = v.type == WD_I64 ? v.of.i64 : (uint64_t)v.of.i32;
    return true;
}

static bool run_start(wd_store *s, wd_instance *inst, wd_error *err)
{
    const wd_module *m = inst->module;
    wd_exec *x = wd_store_exec(s);
    wd_stop st = wd_exec_call(x, inst->funcs[m->start], NULL, 0, NULL, 0);
    if (st == WD_STOP_DONE)
        return true;
    if (st == WD_STOP_TRAP) {
        const char *msg = wd_exec_trap_message(x);
        wd__error_set(err, WD_ERR_UNINSTANTIABLE, m->name, WD_NO_OFFSET, "%s",
                      msg ? msg : wd_trap_message(wd_exec_trap(x)));
        return false;
    }
    if (st == WD_STOP_EXIT) {
        wd__error_set(err, WD_ERR_UNINSTANTIABLE, m->name, WD_NO_OFFSET,
                      "start function exited with code %d", wd_exec_exit_code(x));
        return false;
    }
    /* BREAK, BUDGET, INTERRUPT: a start function cannot be left half run. */
    wd_exec_reset(x);
    wd__error_set(err, WD_ERR_UNINSTANTIABLE, m->name, WD_NO_OFFSET,
                  "start function was stopped before it finished");
    return false;
}

wd_instance *wd_instance_new(wd_store *s, const wd_module *m,
                             wd_import_resolver resolve, void *user,
                             wd_error *err)
{
    if (!s || !m) {
        wd__error_set(err, WD_ERR_ARG, NULL, WD_NO_OFFSET, "no store or module");
        return NULL;
    }
    wd_instance *inst = wd__calloc(1, sizeof *inst);
    if (!inst) {
        nomem(m, err);
        return NULL;
    }
    inst->store = s;
    inst->module = m;
    /* Linked at once: from here on the store owns it, success or not. */
    inst->next_in_store = s->instances;
    s->instances = inst;

#define ARR(field, n) \
    if ((n) && !(inst->field = wd__calloc((n), sizeof *inst->field))) \
        return nomem(m, err), NULL
    ARR(types, m->ntypes);
    ARR(funcs, m->nfuncs);
    ARR(tables, m->ntables);
    ARR(memories, m->nmemories);
    ARR(globals, m->nglobals);
    ARR(elem_dropped, m->nelems);
    ARR(data_dropped, m->ndatas);
#undef ARR

    for (uint32_t i = 0; i < m->ntypes; i++) {
        inst->types[i] = wd__store_intern_type(s, &m->types[i]);
        if (!inst->types[i])
            return nomem(m, err), NULL;
    }

    /* Imports. */
    for (uint32_t i = 0; i < m->nimports; i++)
        if (!link_import(inst, i, resolve, user, err))
            return NULL;

    /* Functions first: global initialisers and elements may name them. */
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        inst->funcs[i] = wd__func_new_wasm(s, inst, i);
        if (!inst->funcs[i])
            return nomem(m, err), NULL;
    }
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
        const wd_mtable *mt = &m->tables[i];
        inst->tables[i] = wd_table_new(s, mt->elem, mt->lim, WD_REF_NULL, err);
        if (!inst->tables[i]) {
            name_error(err, m);
            return NULL;
        }
    }
    for (uint32_t i = m->nmemory_imports; i < m->nmemories; i++) {
        inst->memories[i] = wd_memory_new(s, m->memories[i].lim, err);
        if (!inst->memories[i]) {
            name_error(err, m);
            return NULL;
        }
    }
    for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
        const wd_mglobal *mg = &m->globals[i];
        wd_value v;
        if (!wd__const_eval(inst, &mg->init, &v, err))
            return NULL;
        v.type = mg->type;   /* ref.null of the right type, etc. */
        inst->globals[i] = wd_global_new(s, v, mg->mut);
        if (!inst->globals[i])
            return nomem(m, err), NULL;
    }

    /* Element segments, in order. */
    for (uint32_t i = 0; i < m->nelems; i++) {
        const wd_melem *seg = &m->elems[i];
        if (seg->mode == WD_SEG_ACTIVE) {
            uint64_t off;
            if (!segment_offset(inst, &seg->offset, &off, err))
                return NULL;
            int trap = off > UINT32_MAX
                           ? WD_TRAP_TABLE_OOB
                           : wd__table_init(inst, seg->table, i, (uint32_t)off, 0, seg->count);
            if (trap) {
                wd__error_set(err, WD_ERR_UNINSTANTIABLE, m->name, seg->offset_in_file,
                              "%s", wd_trap_message((wd_trap)trap));
                return NULL;
            }
            inst->elem_dropped[i] = 1;
        } else if (seg->mode == WD_SEG_DECLARATIVE) {
            inst->elem_dropped[i] = 1;
        }
    }

    /* Data segments, in order. */
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const wd_mdata *seg = &m->datas[i];
        if (seg->mode != WD_SEG_ACTIVE)
            continue;
        uint64_t off;
        if (!segment_offset(inst, &seg->offset, &off, err))
            return NULL;
        int trap = wd__memory_init(inst, seg->memory, i, off, 0, seg->len);
        if (trap) {
            wd__error_set(err, WD_ERR_UNINSTANTIABLE, m->name, seg->offset_in_file,
                          "%s", wd_trap_message((wd_trap)trap));
            return NULL;
        }
        inst->data_dropped[i] = 1;
    }

    if (m->has_start && !run_start(s, inst, err))
        return NULL;
    return inst;
}

/* ------------------------------------------------------------ accessors */

const wd_module *wd_instance_module(const wd_instance *inst)
{
    return inst ? inst->module : NULL;
}

bool wd_instance_export(const wd_instance *inst, const char *name,
                        wd_externkind *kind, wd_extern *out)
{
    return name && wd_instance_export_n(inst, name, strlen(name), kind, out);
}

bool wd_instance_export_n(const wd_instance *inst, const char *name, size_t len,
                          wd_externkind *kind, wd_extern *out)
{
    if (!inst || !name)
        return false;
    const wd_module *m = inst->module;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const wd_mexport *e = &m->exports[i];
        if (e->name_len != len || memcmp(e->name, name, len) != 0)
            continue;
        wd_extern x;
        memset(&x, 0, sizeof x);
        switch (e->kind) {
        case WD_EXTERN_FUNC: x.func = wd_instance_func(inst, e->index); break;
        case WD_EXTERN_TABLE: x.table = wd_instance_table(inst, e->index); break;
        case WD_EXTERN_MEMORY: x.memory = wd_instance_memory(inst, e->index); break;
        case WD_EXTERN_GLOBAL: x.global = wd_instance_global(inst, e->index); break;
        }
        if (kind)
            *kind = e->kind;
        if (out)
            *out = x;
        return true;
    }
    return false;
}

wd_func *wd_instance_func(const wd_instance *inst, uint32_t funcidx)
{
    return inst && funcidx < inst->module->nfuncs ? inst->funcs[funcidx] : NULL;
}

wd_memory *wd_instance_memory(const wd_instance *inst, uint32_t memidx)
{
    return inst && memidx < inst->module->nmemories ? inst->memories[memidx] : NULL;
}

wd_global *wd_instance_global(const wd_instance *inst, uint32_t globalidx)
{
    return inst && globalidx < inst->module->nglobals ? inst->globals[globalidx] : NULL;
}

wd_table *wd_instance_table(const wd_instance *inst, uint32_t tableidx)
{
    return inst && tableidx < inst->module->ntables ? inst->tables[tableidx] : NULL;
}
