/* store.h: private helpers of the store and instances (store.c, instance.c)
 * that the interpreter may share, so table/memory/segment semantics live in
 * one place.
 *
 * Tables: t->elems has t->capacity entries, t->size of them in use; growing
 * may move t->elems (reload it after a call that can grow a table).
 * Memories: m->data never moves; m->size bytes are accessible.
 */
#ifndef WD_STORE_H
#define WD_STORE_H

#include "runtime.h"

/* table.grow: grows t by delta entries set to init. Returns the old size,
 * or -1 if the new size would pass t's maximum or WD_MAX_TABLE_SIZE, or if
 * allocation fails (t is then unchanged). */
int64_t wd__table_grow(wd_table *t, uint32_t delta, wd_ref init);

/* Evaluates constant expression ce of inst's module (i32/i64/f32/f64/v128
 * const, global.get, ref.null, ref.func, extended-const add/sub/mul) with
 * inst's globals and functions created so far. On failure fills err
 * (WD_ERR_INVALID, should not happen after validation) and returns false. */
bool wd__const_eval(const wd_instance *inst, const wd_constexpr *ce,
                    wd_value *out, wd_error *err);

/* Item i (< seg->count) of element segment elemidx of inst, evaluated: a
 * wd_func pointer for funcrefs, WD_REF_NULL, or an externref from a global. */
wd_ref wd__elem_item(const wd_instance *inst, uint32_t elemidx, uint32_t i);

/* table.init / memory.init with the spec's checks: a dropped segment has
 * length 0. Return 0, or WD_TRAP_TABLE_OOB / WD_TRAP_MEM_OOB (nothing is
 * written then). */
int wd__table_init(wd_instance *inst, uint32_t tableidx, uint32_t elemidx,
                   uint32_t dst, uint32_t src, uint32_t n);
int wd__memory_init(wd_instance *inst, uint32_t memidx, uint32_t dataidx,
                    uint64_t dst, uint32_t src, uint32_t n);

#endif
