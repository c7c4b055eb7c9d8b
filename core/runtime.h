/* runtime.h: runtime objects (store, instances, functions, tables,
 * memories, globals), private to core/.
 *
 * store.c and instance.c create and free them; interp.c reads them on its
 * hot path, so the fields it touches are kept plain. Every object is owned
 * by its store (an intrusive list per kind) and freed by wd_store_free().
 */
#ifndef WD_RUNTIME_H
#define WD_RUNTIME_H

#include "module.h"

#define WD_PAGE_SIZE 65536u
#define WD_MAX_PAGES 65536u          /* 32-bit memories: 4 GiB */
#define WD_MAX_TABLE_SIZE 10000000u  /* a host limit: table.grow fails past it */

/* A function type interned in the store: equal types are the same pointer,
 * so call_indirect checks one pointer. */
typedef struct wd_itype {
    wd_ftype ft;
    uint64_t hash;
    struct wd_itype *next;           /* hash chain */
} wd_itype;

struct wd_func {
    const wd_itype *type;
    bool is_host;
    /* wasm functions */
    wd_instance *inst;
    uint32_t funcidx;                /* in inst->module */
    struct wd_cfunc *code;           /* == inst->module->funcs[funcidx].code */
    /* host functions */
    wd_host_fn host_fn;
    void *host_env;
    char *host_name;                 /* owned */
    wd_func *next_in_store;
};

struct wd_memory {
    uint8_t *data;                   /* base of a reservation that never moves */
    uint64_t size;                   /* bytes accessible now */
    uint64_t pages;
    wd_limits lim;
    uint64_t reserved;               /* bytes of address space reserved */
    wd_memory *next_in_store;
};

struct wd_table {
    wd_ref *elems;
    uint32_t size;
    uint32_t capacity;
    wd_valtype elem;
    wd_limits lim;
    wd_table *next_in_store;
};

struct wd_global {
    wd_valtype type;
    bool mut;
    uint64_t val[2];                 /* slot form: v128 uses both */
    wd_global *next_in_store;
};

struct wd_instance {
    wd_store *store;
    const wd_module *module;
    const wd_itype **types;          /* module typeidx -> interned type */
    wd_func **funcs;
    wd_table **tables;
    wd_memory **memories;
    wd_global **globals;
    uint8_t *elem_dropped;           /* per elem segment */
    uint8_t *data_dropped;           /* per data segment */
    wd_instance *next_in_store;
};

struct wd_store {
    wd_store_options opts;
    wd_itype **type_buckets;
    uint32_t type_nbuckets, type_count;
    wd_func *funcs;
    wd_memory *memories;
    wd_table *tables;
    wd_global *globals;
    wd_instance *instances;
    wd_exec *exec;
};

/* store.c */
const wd_itype *wd__store_intern_type(wd_store *s, const wd_ftype *ft);
/* Creates a wasm function object for inst's function funcidx. */
wd_func *wd__func_new_wasm(wd_store *s, wd_instance *inst, uint32_t funcidx);

/* exec.c (the interpreter's side): one exec per store. */
wd_exec *wd__exec_new(wd_store *s);
void wd__exec_free(wd_exec *x);

/* Conversions between wd_value and slots. */
static inline void wd__value_to_slots(const wd_value *v, uint64_t *slots)
{
    switch (v->type) {
    case WD_I32: slots[0] = v->of.i32; break;
    case WD_F32: slots[0] = v->of.f32_bits; break;
    case WD_I64: slots[0] = v->of.i64; break;
    case WD_F64: slots[0] = v->of.f64_bits; break;
    case WD_V128: __builtin_memcpy(slots, v->of.v128, 16); break;
    default: slots[0] = v->of.ref; break;
    }
}

static inline void wd__slots_to_value(wd_valtype t, const uint64_t *slots, wd_value *v)
{
    v->type = t;
    switch (t) {
    case WD_I32: v->of.i32 = (uint32_t)slots[0]; break;
    case WD_F32: v->of.f32_bits = (uint32_t)slots[0]; break;
    case WD_I64: v->of.i64 = slots[0]; break;
    case WD_F64: v->of.f64_bits = slots[0]; break;
    case WD_V128: __builtin_memcpy(v->of.v128, slots, 16); break;
    default: v->of.ref = slots[0]; break;
    }
}

#endif
