/* dwtype.c: type introspection the expression evaluator needs (kind, pointee, members,
 * array dimensions) and gdb-style formatting of an arbitrary typed object.
 *
 * wd_dwarf.h does not expose type structure yet, so this file reads the DWARF layer's private
 * structures (dwarf/dw_int.h) and formats by handing wd_dwarf_format_var() a made-up variable
 * whose location expression is DW_OP_addr ADDR (an object in memory) or DW_OP_constu V;
 * DW_OP_stack_value (a scalar). It is the one place to change when dwarf/ grows a public
 * type API.
 */
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"
#include "dw_int.h"

/* Types made here (pointer-to, sub-arrays), freed by dbgt_release. */
typedef struct made_type {
    struct made_type *next;
    wd_dwarf *d;
    struct wd_dw_type t;
    dw_tkid kids[8];
} made_type;

static made_type *made;

void dbgt_release(wd_dwarf *d)
{
    made_type **pp = &made;
    while (*pp) {
        if ((*pp)->d == d) {
            made_type *m = *pp;
            *pp = m->next;
            free(m);
        } else {
            pp = &(*pp)->next;
        }
    }
}

static const wd_dw_type *sub(wd_dwarf *d, const wd_dw_type *t)
{
    return t && t->sub_off ? dw_type_get(d, t->unit, t->sub_off) : NULL;
}

const wd_dw_type *dbgt_strip(wd_dwarf *d, const wd_dw_type *t)
{
    for (int i = 0; t && i < 16; i++) {
        if (t->tag != DW_TAG_typedef && t->tag != DW_TAG_const_type &&
            t->tag != DW_TAG_volatile_type && t->tag != DW_TAG_restrict_type &&
            t->tag != DW_TAG_atomic_type)
            return t;
        t = sub(d, t);
    }
    return t;
}

int dbgt_kind(wd_dwarf *d, const wd_dw_type *t)
{
    t = dbgt_strip(d, t);
    if (!t)
        return DT_OTHER;
    switch (t->tag) {
    case DW_TAG_base_type: return DT_BASE;
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type: return DT_PTR;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type: return DT_STRUCT;
    case DW_TAG_array_type: return DT_ARRAY;
    case DW_TAG_enumeration_type: return DT_ENUM;
    case DW_TAG_subroutine_type: return DT_FUNC;
    default: return DT_OTHER;
    }
}

int dbgt_encoding(wd_dwarf *d, const wd_dw_type *t)
{
    t = dbgt_strip(d, t);
    if (!t)
        return DE_SIGNED;
    if (t->tag == DW_TAG_enumeration_type) {
        const wd_dw_type *u = sub(d, t);
        return u ? dbgt_encoding(d, u) : DE_UNSIGNED;
    }
    switch (t->encoding) {
    case DW_ATE_float: return DE_FLOAT;
    case DW_ATE_boolean: return DE_BOOL;
    case DW_ATE_signed_char: return DE_CHAR_S;
    case DW_ATE_unsigned_char: return DE_CHAR_U;
    case DW_ATE_unsigned: return DE_UNSIGNED;
    default: return DE_SIGNED;
    }
}

const wd_dw_type *dbgt_target(wd_dwarf *d, const wd_dw_type *t)
{
    t = dbgt_strip(d, t);
    if (t && t->tag == DW_TAG_array_type) {
        const wd_dw_type *e;
        uint64_t c;
        return dbgt_array(d, t, &e, &c) ? e : NULL;
    }
    return sub(d, t);
}

bool dbgt_array(wd_dwarf *d, const wd_dw_type *t, const wd_dw_type **elem, uint64_t *count)
{
    t = dbgt_strip(d, t);
    if (!t || t->tag != DW_TAG_array_type)
        return false;
    uint32_t nd = 0, first = UINT32_MAX;
    for (uint32_t k = 0; k < t->nkids; k++)
        if (t->kids[k].tag == DW_TAG_subrange_type) {
            if (first == UINT32_MAX)
                first = k;
            nd++;
        }
    *count = first == UINT32_MAX ? 0 : t->kids[first].count;
    if (*count == UINT64_MAX)
        *count = 0;
    if (nd <= 1) {
        *elem = sub(d, t);
        return true;
    }
    for (made_type *m = made; m; m = m->next)   /* reuse a sub-array made before */
        if (m->d == d && m->t.sub_off == t->sub_off && m->t.unit == t->unit &&
            m->t.nkids + 1 == nd && m->t.kids == m->kids) {
            bool same = true;
            uint32_t j = 0;
            for (uint32_t k = first + 1; k < t->nkids && same; k++)
                if (t->kids[k].tag == DW_TAG_subrange_type)
                    same = j < m->t.nkids && m->kids[j++].count == t->kids[k].count;
            if (same) {
                *elem = &m->t;
                return true;
            }
        }
    made_type *m = calloc(1, sizeof *m);
    if (!m)
        return false;
    m->d = d;
    m->t = *t;
    m->t.off = 0;
    m->t.has_size = false;
    m->t.kids = m->kids;
    m->t.nkids = 0;
    for (uint32_t k = first + 1; k < t->nkids && m->t.nkids < 8; k++)
        if (t->kids[k].tag == DW_TAG_subrange_type)
            m->kids[m->t.nkids++] = t->kids[k];
    m->next = made;
    made = m;
    *elem = &m->t;
    return true;
}

bool dbgt_member(wd_dwarf *d, const wd_dw_type *t, const char *name, uint64_t *off,
                 const wd_dw_type **mt)
{
    t = dbgt_strip(d, t);
    if (!t || (t->tag != DW_TAG_structure_type && t->tag != DW_TAG_union_type &&
               t->tag != DW_TAG_class_type))
        return false;
    for (uint32_t k = 0; k < t->nkids; k++) {
        const dw_tkid *m = &t->kids[k];
        if (m->tag != DW_TAG_member)
            continue;
        if (m->name && strcmp(m->name, name) == 0) {
            *off = m->member_off;
            *mt = dw_type_get(d, t->unit, m->type_off);
            return true;
        }
        if (!m->name) {   /* anonymous struct/union member: search inside */
            const wd_dw_type *inner = dw_type_get(d, t->unit, m->type_off);
            uint64_t o2;
            if (inner && dbgt_member(d, inner, name, &o2, mt)) {
                *off = m->member_off + o2;
                return true;
            }
        }
    }
    return false;
}

const wd_dw_type *dbgt_pointer_to(wd_dwarf *d, const wd_dw_type *t)
{
    if (!t || !t->off)
        return NULL;
    for (made_type *m = made; m; m = m->next)
        if (m->d == d && m->t.tag == DW_TAG_pointer_type && m->t.sub_off == t->off &&
            m->t.unit == t->unit)
            return &m->t;
    made_type *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->d = d;
    m->t.tag = DW_TAG_pointer_type;
    m->t.sub_off = t->off;
    m->t.unit = t->unit;
    m->t.byte_size = t->unit ? t->unit->addr_size : 4;
    m->t.has_size = true;
    m->next = made;
    made = m;
    return &m->t;
}

size_t dbgt_format(wd_dwarf *d, const wd_dw_type *t, bool in_mem, uint64_t addr,
                   const uint8_t *bytes, size_t nbytes, const wd_dw_target *target,
                   char *buf, size_t size)
{
    if (!t || !t->off || !t->unit)
        return 0;
    struct wd_dw_var v;
    memset(&v, 0, sizeof v);
    v.name = "";
    v.type_off = t->off;
    v.unit = t->unit;
    v.scope = UINT32_MAX;
    v.loc_kind = DW_LOC_EXPR;
    uint8_t expr[24];
    size_t n = 0;
    if (in_mem) {
        unsigned as = t->unit->addr_size ? t->unit->addr_size : 4;
        expr[n++] = DW_OP_addr;
        for (unsigned i = 0; i < as && i < 8; i++)
            expr[n++] = (uint8_t)(addr >> (8 * i));
    } else {
        uint64_t val = 0;
        for (size_t i = 0; i < nbytes && i < 8; i++)
            val |= (uint64_t)bytes[i] << (8 * i);
        expr[n++] = DW_OP_constu;
        do {
            uint8_t b = val & 0x7f;
            val >>= 7;
            expr[n++] = (uint8_t)(b | (val ? 0x80 : 0));
        } while (val);
        expr[n++] = DW_OP_stack_value;
    }
    v.expr = expr;
    v.expr_len = (uint32_t)n;
    return wd_dwarf_format_var(d, &v, 0, target, buf, size);
}

const wd_dw_type *dbgt_lookup(wd_dwarf *d, const char *name)
{
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
        if (want ? t->tag == want
                 : (t->tag == DW_TAG_base_type || t->tag == DW_TAG_typedef))
            return t;
    }
    return NULL;
}

bool dbgt_member_at(wd_dwarf *d, const wd_dw_type *t, uint32_t i, const char **name,
                    uint64_t *off, const wd_dw_type **mt)
{
    t = dbgt_strip(d, t);
    if (!t || (t->tag != DW_TAG_structure_type && t->tag != DW_TAG_union_type &&
               t->tag != DW_TAG_class_type))
        return false;
    uint32_t seen = 0;
    for (uint32_t k = 0; k < t->nkids; k++) {
        const dw_tkid *m = &t->kids[k];
        if (m->tag != DW_TAG_member || m->is_bitfield)
            continue;
        if (seen++ == i) {
            *name = m->name ? m->name : "<anon>";
            *off = m->member_off;
            *mt = dw_type_get(d, t->unit, m->type_off);
            return true;
        }
    }
    return false;
}

bool dbgt_is_die(const wd_dw_type *t) { return t && t->off != 0; }
