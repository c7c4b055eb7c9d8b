/* dwtype.c: type introspection the expression evaluator needs (kind, pointee, members,
 * array dimensions) and gdb-style formatting of an arbitrary typed object, over the public
 * type API of wd_dwarf.h. Types made by that API (pointers to a type, sub-arrays) belong to
 * the wd_dwarf and go away with it.
 */
#include <string.h>

#include "dbg_int.h"

void dbgt_release(wd_dwarf *d) { (void)d; }

const wd_dw_type *dbgt_strip(wd_dwarf *d, const wd_dw_type *t) { return wd_dw_type_strip(d, t); }

int dbgt_kind(wd_dwarf *d, const wd_dw_type *t)
{
    t = wd_dw_type_strip(d, t);
    if (!t)
        return DT_OTHER;
    switch (wd_dw_type_kind_of(t)) {
    case WD_DW_TYPE_BASE: return DT_BASE;
    case WD_DW_TYPE_POINTER:
    case WD_DW_TYPE_REFERENCE:
    case WD_DW_TYPE_RVALUE_REFERENCE: return DT_PTR;
    case WD_DW_TYPE_STRUCT:
    case WD_DW_TYPE_CLASS:
    case WD_DW_TYPE_UNION: return DT_STRUCT;
    case WD_DW_TYPE_ARRAY: return DT_ARRAY;
    case WD_DW_TYPE_ENUM: return DT_ENUM;
    case WD_DW_TYPE_FUNCTION: return DT_FUNC;
    default: return DT_OTHER;
    }
}

int dbgt_encoding(wd_dwarf *d, const wd_dw_type *t)
{
    switch (wd_dw_type_encoding(d, t)) {
    case WD_DW_ENC_FLOAT: return DE_FLOAT;
    case WD_DW_ENC_BOOL: return DE_BOOL;
    case WD_DW_ENC_SIGNED_CHAR: return DE_CHAR_S;
    case WD_DW_ENC_UNSIGNED_CHAR: return DE_CHAR_U;
    case WD_DW_ENC_UNSIGNED: return DE_UNSIGNED;
    default: return DE_SIGNED;
    }
}

const wd_dw_type *dbgt_target(wd_dwarf *d, const wd_dw_type *t)
{
    t = wd_dw_type_strip(d, t);
    if (wd_dw_type_kind_of(t) == WD_DW_TYPE_ARRAY)
        return wd_dw_type_array_element(d, t);
    return wd_dw_type_target(d, t);
}

bool dbgt_array(wd_dwarf *d, const wd_dw_type *t, const wd_dw_type **elem, uint64_t *count)
{
    t = wd_dw_type_strip(d, t);
    if (wd_dw_type_kind_of(t) != WD_DW_TYPE_ARRAY)
        return false;
    uint64_t c = 0;
    if (!wd_dw_type_array_dims(d, t, &c, 1))
        c = 0;
    *count = c == UINT64_MAX ? 0 : c;
    *elem = wd_dw_type_array_element(d, t);
    return true;
}

static bool is_aggregate(wd_dwarf *d, const wd_dw_type *t)
{
    wd_dw_type_kind k = wd_dw_type_kind_of(wd_dw_type_strip(d, t));
    return k == WD_DW_TYPE_STRUCT || k == WD_DW_TYPE_CLASS || k == WD_DW_TYPE_UNION;
}

bool dbgt_member(wd_dwarf *d, const wd_dw_type *t, const char *name, uint64_t *off,
                 const wd_dw_type **mt)
{
    if (!is_aggregate(d, t))
        return false;
    uint32_t n = wd_dw_type_member_count(d, t);
    for (uint32_t i = 0; i < n; i++) {
        wd_dw_member m;
        if (!wd_dw_type_member(d, t, i, &m) || m.is_base)
            continue;
        if (m.name && strcmp(m.name, name) == 0) {
            *off = m.offset;
            *mt = m.type;
            return true;
        }
        if (!m.name) {   /* anonymous struct/union member: search inside */
            uint64_t o2;
            if (m.type && dbgt_member(d, m.type, name, &o2, mt)) {
                *off = m.offset + o2;
                return true;
            }
        }
    }
    return false;
}

const wd_dw_type *dbgt_pointer_to(wd_dwarf *d, const wd_dw_type *t)
{
    return wd_dw_type_pointer_to(d, t);
}

size_t dbgt_format(wd_dwarf *d, const wd_dw_type *t, bool in_mem, uint64_t addr,
                   const uint8_t *bytes, size_t nbytes, const wd_dw_target *target,
                   char *buf, size_t size)
{
    /* made types format too when they are arrays (an artificial array, a sub-array) */
    if (!dbgt_is_die(t) && !(in_mem && dbgt_kind(d, t) == DT_ARRAY))
        return 0;
    if (in_mem) {
        /* an address is as wide as the unit's pointers */
        uint64_t as = wd_dw_type_size(d, wd_dw_type_pointer_to(d, t));
        if (as && as < 8)
            addr &= ((uint64_t)1 << (8 * as)) - 1;
        return wd_dwarf_format_memory(d, t, addr, target, buf, size);
    }
    return wd_dwarf_format_bytes(d, t, bytes, nbytes < 8 ? nbytes : 8, target, buf, size);
}

const wd_dw_type *dbgt_lookup(wd_dwarf *d, const char *name)
{
    return wd_dwarf_find_type(d, name);
}

bool dbgt_member_at(wd_dwarf *d, const wd_dw_type *t, uint32_t i, const char **name,
                    uint64_t *off, const wd_dw_type **mt)
{
    if (!is_aggregate(d, t))
        return false;
    uint32_t n = wd_dw_type_member_count(d, t), seen = 0;
    for (uint32_t k = 0; k < n; k++) {
        wd_dw_member m;
        if (!wd_dw_type_member(d, t, k, &m) || m.is_base || m.is_bitfield)
            continue;
        if (seen++ == i) {
            *name = m.name ? m.name : "<anon>";
            *off = m.offset;
            *mt = m.type;
            return true;
        }
    }
    return false;
}

bool dbgt_is_die(const wd_dw_type *t) { return wd_dw_type_offset(t) != 0; }
