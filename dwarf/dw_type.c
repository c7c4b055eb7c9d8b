/* dw_type.c: the public type API (kinds, members, dimensions, enumerators, made pointer and
 * sub-array types, lookup by name) and the evaluator's target over a paused engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dw_int.h"

/* ------------------------------------------------------------ made types */

static dw_made *made_new(wd_dwarf *d)
{
    dw_made *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->next = d->made;
    d->made = m;
    return m;
}

void dw_made_free(wd_dwarf *d)
{
    while (d->made) {
        dw_made *m = d->made;
        d->made = m->next;
        free(m);
    }
}

/* ------------------------------------------------------------ basics */

static const wd_dw_type *sub(wd_dwarf *d, const wd_dw_type *t)
{
    return t && t->sub_off ? dw_type_get(d, t->unit, t->sub_off) : NULL;
}

static bool is_qual(uint16_t tag)
{
    return tag == DW_TAG_typedef || tag == DW_TAG_const_type || tag == DW_TAG_volatile_type ||
           tag == DW_TAG_restrict_type || tag == DW_TAG_atomic_type;
}

const wd_dw_type *wd_dw_type_strip(wd_dwarf *d, const wd_dw_type *t)
{
    for (int i = 0; t && i < 16; i++) {
        if (!is_qual(t->tag))
            return t;
        t = sub(d, t);
    }
    return t;
}

wd_dw_type_kind wd_dw_type_kind_of(const wd_dw_type *t)
{
    if (!t)
        return WD_DW_TYPE_OTHER;
    switch (t->tag) {
    case DW_TAG_base_type: return WD_DW_TYPE_BASE;
    case DW_TAG_pointer_type: return WD_DW_TYPE_POINTER;
    case DW_TAG_reference_type: return WD_DW_TYPE_REFERENCE;
    case DW_TAG_rvalue_reference_type: return WD_DW_TYPE_RVALUE_REFERENCE;
    case DW_TAG_structure_type: return WD_DW_TYPE_STRUCT;
    case DW_TAG_class_type: return WD_DW_TYPE_CLASS;
    case DW_TAG_union_type: return WD_DW_TYPE_UNION;
    case DW_TAG_enumeration_type: return WD_DW_TYPE_ENUM;
    case DW_TAG_array_type: return WD_DW_TYPE_ARRAY;
    case DW_TAG_subroutine_type: return WD_DW_TYPE_FUNCTION;
    case DW_TAG_typedef: return WD_DW_TYPE_TYPEDEF;
    case DW_TAG_const_type: return WD_DW_TYPE_CONST;
    case DW_TAG_volatile_type: return WD_DW_TYPE_VOLATILE;
    case DW_TAG_restrict_type: return WD_DW_TYPE_RESTRICT;
    case DW_TAG_atomic_type: return WD_DW_TYPE_ATOMIC;
    default: return WD_DW_TYPE_OTHER;
    }
}

const char *wd_dw_type_die_name(const wd_dw_type *t) { return t ? t->name : NULL; }
uint64_t wd_dw_type_offset(const wd_dw_type *t) { return t ? t->off : 0; }
bool wd_dw_type_is_declaration(const wd_dw_type *t) { return t && t->declaration; }

const wd_dw_type *wd_dw_type_target(wd_dwarf *d, const wd_dw_type *t) { return sub(d, t); }

wd_dw_encoding wd_dw_type_encoding(wd_dwarf *d, const wd_dw_type *t)
{
    for (int i = 0; i < 8; i++) {
        t = wd_dw_type_strip(d, t);
        if (!t)
            return WD_DW_ENC_NONE;
        if (t->tag == DW_TAG_enumeration_type) {
            const wd_dw_type *u = sub(d, t);
            if (!u)
                return WD_DW_ENC_UNSIGNED;
            t = u;
            continue;
        }
        if (t->tag != DW_TAG_base_type)
            return WD_DW_ENC_NONE;
        switch (t->encoding) {
        case DW_ATE_signed: return WD_DW_ENC_SIGNED;
        case DW_ATE_unsigned: return WD_DW_ENC_UNSIGNED;
        case DW_ATE_float: return WD_DW_ENC_FLOAT;
        case DW_ATE_boolean: return WD_DW_ENC_BOOL;
        case DW_ATE_signed_char: return WD_DW_ENC_SIGNED_CHAR;
        case DW_ATE_unsigned_char: return WD_DW_ENC_UNSIGNED_CHAR;
        default: return WD_DW_ENC_OTHER;
        }
    }
    return WD_DW_ENC_NONE;
}

/* ------------------------------------------------------------ arrays */

uint32_t wd_dw_type_array_dims(wd_dwarf *d, const wd_dw_type *t, uint64_t *counts,
                               uint32_t max)
{
    t = wd_dw_type_strip(d, t);
    if (!t || t->tag != DW_TAG_array_type)
        return 0;
    uint32_t n = 0;
    for (uint32_t k = 0; k < t->nkids; k++)
        if (t->kids[k].tag == DW_TAG_subrange_type) {
            if (counts && n < max)
                counts[n] = t->kids[k].count;
            n++;
        }
    return n;
}

const wd_dw_type *wd_dw_type_array_element(wd_dwarf *d, const wd_dw_type *t)
{
    t = wd_dw_type_strip(d, t);
    if (!t || t->tag != DW_TAG_array_type)
        return NULL;
    uint32_t nd = 0, first = UINT32_MAX;
    for (uint32_t k = 0; k < t->nkids; k++)
        if (t->kids[k].tag == DW_TAG_subrange_type) {
            if (first == UINT32_MAX)
                first = k;
            nd++;
        }
    if (nd <= 1)
        return sub(d, t);
    for (dw_made *m = d->made; m; m = m->next)   /* a sub-array made before */
        if (m->t.tag == DW_TAG_array_type && m->t.sub_off == t->sub_off &&
            m->t.unit == t->unit && m->t.nkids + 1 == nd) {
            bool same = true;
            uint32_t j = 0;
            for (uint32_t k = first + 1; k < t->nkids && same; k++)
                if (t->kids[k].tag == DW_TAG_subrange_type)
                    same = j < m->t.nkids && m->kids[j++].count == t->kids[k].count;
            if (same)
                return &m->t;
        }
    dw_made *m = made_new(d);
    if (!m)
        return NULL;
    m->t = *t;
    m->t.off = 0;
    m->t.has_size = false;
    m->t.kids = m->kids;
    m->t.nkids = 0;
    for (uint32_t k = first + 1; k < t->nkids && m->t.nkids < 8; k++)
        if (t->kids[k].tag == DW_TAG_subrange_type)
            m->kids[m->t.nkids++] = t->kids[k];
    return &m->t;
}

/* ------------------------------------------------------------ members, enumerators, params */

static const wd_dw_type *aggregate(wd_dwarf *d, const wd_dw_type *t)
{
    t = wd_dw_type_strip(d, t);
    if (!t || (t->tag != DW_TAG_structure_type && t->tag != DW_TAG_union_type &&
               t->tag != DW_TAG_class_type))
        return NULL;
    return t;
}

uint32_t wd_dw_type_member_count(wd_dwarf *d, const wd_dw_type *t)
{
    t = aggregate(d, t);
    uint32_t n = 0;
    for (uint32_t k = 0; t && k < t->nkids; k++)
        if (t->kids[k].tag == DW_TAG_member || t->kids[k].tag == DW_TAG_inheritance)
            n++;
    return n;
}

bool wd_dw_type_member(wd_dwarf *d, const wd_dw_type *t, uint32_t i, wd_dw_member *out)
{
    t = aggregate(d, t);
    uint32_t seen = 0;
    for (uint32_t k = 0; t && k < t->nkids; k++) {
        const dw_tkid *m = &t->kids[k];
        if (m->tag != DW_TAG_member && m->tag != DW_TAG_inheritance)
            continue;
        if (seen++ != i)
            continue;
        memset(out, 0, sizeof *out);
        out->name = m->name;
        out->type = dw_type_get(d, t->unit, m->type_off);
        out->offset = m->member_off;
        out->is_base = m->tag == DW_TAG_inheritance;
        out->is_bitfield = m->is_bitfield;
        out->bit_size = m->bit_size;
        out->bit_offset = m->bit_off;
        return true;
    }
    return false;
}

uint32_t wd_dw_type_enumerator_count(wd_dwarf *d, const wd_dw_type *t)
{
    t = wd_dw_type_strip(d, t);
    uint32_t n = 0;
    if (t && t->tag == DW_TAG_enumeration_type)
        for (uint32_t k = 0; k < t->nkids; k++)
            n += t->kids[k].tag == DW_TAG_enumerator;
    return n;
}

bool wd_dw_type_enumerator(wd_dwarf *d, const wd_dw_type *t, uint32_t i, const char **name,
                           int64_t *value)
{
    t = wd_dw_type_strip(d, t);
    if (!t || t->tag != DW_TAG_enumeration_type)
        return false;
    uint32_t seen = 0;
    for (uint32_t k = 0; k < t->nkids; k++)
        if (t->kids[k].tag == DW_TAG_enumerator && seen++ == i) {
            if (name)
                *name = t->kids[k].name;
            if (value)
                *value = t->kids[k].enum_val;
            return true;
        }
    return false;
}

uint32_t wd_dw_type_param_count(wd_dwarf *d, const wd_dw_type *t, bool *varargs)
{
    t = wd_dw_type_strip(d, t);
    uint32_t n = 0;
    if (varargs)
        *varargs = false;
    if (!t || t->tag != DW_TAG_subroutine_type)
        return 0;
    for (uint32_t k = 0; k < t->nkids; k++) {
        if (t->kids[k].tag == DW_TAG_formal_parameter)
            n++;
        else if (t->kids[k].tag == DW_TAG_unspecified_parameters && varargs)
            *varargs = true;
    }
    return n;
}

const wd_dw_type *wd_dw_type_param(wd_dwarf *d, const wd_dw_type *t, uint32_t i)
{
    t = wd_dw_type_strip(d, t);
    if (!t || t->tag != DW_TAG_subroutine_type)
        return NULL;
    uint32_t seen = 0;
    for (uint32_t k = 0; k < t->nkids; k++)
        if (t->kids[k].tag == DW_TAG_formal_parameter && seen++ == i)
            return dw_type_get(d, t->unit, t->kids[k].type_off);
    return NULL;
}

/* ------------------------------------------------------------ made pointers, lookup */

/* The made type "tag of t" (a pointer to t: count 0; an array of count t), made once. */
static const wd_dw_type *made_over(wd_dwarf *d, uint16_t tag, const wd_dw_type *t, uint64_t count)
{
    if (!d || !t || !t->off)
        return NULL;
    uint32_t nkids = count ? 1 : 0;
    for (dw_made *m = d->made; m; m = m->next)
        if (m->t.tag == tag && m->t.sub_off == t->off && m->t.unit == t->unit &&
            m->t.nkids == nkids && (!nkids || m->kids[0].count == count))
            return &m->t;
    dw_made *m = made_new(d);
    if (!m)
        return NULL;
    m->t.tag = tag;
    m->t.sub_off = t->off;
    m->t.unit = t->unit;
    if (count) {
        m->kids[0].tag = DW_TAG_subrange_type;
        m->kids[0].count = count;
        m->t.kids = m->kids;
        m->t.nkids = 1;
    } else {
        m->t.byte_size = t->unit && t->unit->addr_size ? t->unit->addr_size : 4;
        m->t.has_size = true;
    }
    return &m->t;
}

const wd_dw_type *wd_dw_type_pointer_to(wd_dwarf *d, const wd_dw_type *t)
{
    return made_over(d, DW_TAG_pointer_type, t, 0);
}

const wd_dw_type *wd_dw_type_array_of(wd_dwarf *d, const wd_dw_type *t, uint64_t count)
{
    return count ? made_over(d, DW_TAG_array_type, t, count) : NULL;
}

const wd_dw_type *wd_dwarf_find_type(wd_dwarf *d, const char *name)
{
    if (!d || !name)
        return NULL;
    uint16_t want = 0;
    if (strncmp(name, "struct ", 7) == 0) {
        want = DW_TAG_structure_type;
        name += 7;
    } else if (strncmp(name, "union ", 6) == 0) {
        want = DW_TAG_union_type;
        name += 6;
    } else if (strncmp(name, "enum ", 5) == 0) {
        want = DW_TAG_enumeration_type;
        name += 5;
    }
    for (size_t i = 0; i < d->types_cap; i++) {
        const struct wd_dw_type *t = d->types[i].t;
        if (!t || !t->name || strcmp(t->name, name) != 0 || t->declaration)
            continue;
        if (want ? t->tag == want : (t->tag == DW_TAG_base_type || t->tag == DW_TAG_typedef))
            return t;
    }
    /* not met yet: the named types of every unit */
    return dw_type_by_name(d, want, name);
}

/* ------------------------------------------------------------ the engine as a target */

static uint64_t slot_of(const wd_value *v)
{
    switch (v->type) {
    case WD_I32: return v->of.i32;
    case WD_F32: return v->of.f32_bits;
    case WD_I64: return v->of.i64;
    case WD_F64: return v->of.f64_bits;
    default: {
        uint64_t lo;   /* v128 and references: the low 8 bytes */
        memcpy(&lo, v->of.v128, 8);
        return lo;
    }
    }
}

static const wd_instance *fr_instance(const wd_dw_frame_reader *r)
{
    if (r->inst)
        return r->inst;
    wd_frame_info fi;
    if (r->x && wd_exec_frame(r->x, r->depth, &fi))
        return fi.instance;
    return NULL;
}

static bool fr_local(void *user, uint32_t index, uint64_t *out)
{
    const wd_dw_frame_reader *r = user;
    wd_value v;
    if (!r->x || !wd_exec_frame_local(r->x, r->depth, index, &v))
        return false;
    *out = slot_of(&v);
    return true;
}

static bool fr_global(void *user, uint32_t index, uint64_t *out)
{
    const wd_instance *inst = fr_instance(user);
    wd_global *g = inst ? wd_instance_global(inst, index) : NULL;
    if (!g)
        return false;
    wd_value v = wd_global_get(g);
    *out = slot_of(&v);
    return true;
}

static bool fr_stack(void *user, uint32_t index, uint64_t *out)
{
    const wd_dw_frame_reader *r = user;
    wd_value v;
    if (!r->x || !wd_exec_frame_stack(r->x, r->depth, index, &v))
        return false;
    *out = slot_of(&v);
    return true;
}

static bool fr_memory(void *user, uint64_t addr, void *dst, size_t len)
{
    const wd_instance *inst = fr_instance(user);
    wd_memory *mem = inst ? wd_instance_memory(inst, 0) : NULL;
    return mem && wd_memory_read(mem, addr, dst, len);
}

static bool fr_func_name(void *user, uint64_t index, char *buf, size_t size)
{
    const wd_instance *inst = fr_instance(user);
    wd_table *tab = inst ? wd_instance_table(inst, 0) : NULL;
    wd_ref ref;
    if (!tab || index > UINT32_MAX || !wd_table_get(tab, (uint32_t)index, &ref) ||
        ref == WD_REF_NULL)
        return false;
    /* the slot holds a function object: find its index (printing only, so a scan) */
    const wd_module *m = wd_instance_module(inst);
    uint32_t n = wd_module_func_count(m);
    for (uint32_t i = 0; i < n; i++) {
        if ((wd_ref)(uintptr_t)wd_instance_func(inst, i) != ref)
            continue;
        const char *name = wd_module_func_name(m, i);
        if (!name)
            snprintf(buf, size, "func[%u]", i);
        else {
            char *dm = wd_demangle(name);
            snprintf(buf, size, "%s", dm ? dm : name);
            free(dm);
        }
        return true;
    }
    return false;
}

void wd_dwarf_frame_reader(wd_dw_frame_reader *r, const wd_exec *x, const wd_instance *inst,
                           uint32_t depth, wd_dw_target *out)
{
    r->x = x;
    r->inst = inst;
    r->depth = depth;
    out->user = r;
    out->read_local = fr_local;
    out->read_global = fr_global;
    out->read_stack = fr_stack;
    out->read_memory = fr_memory;
    out->func_name = fr_func_name;
}
