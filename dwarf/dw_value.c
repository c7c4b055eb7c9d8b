/* dw_value.c: variables in scope, their locations, their types, and their
 * values printed the way gdb prints them.
 */
#include "dw_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ types */

static bool t_attr(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, Dwarf_Attribute *a)
{
    Dwarf_Error e = 0;
    int rc = dwarf_attr(die, at, a, &e);
    if (rc == DW_DLV_ERROR)
        dw_dwerr(d, e);
    return rc == DW_DLV_OK;
}

static bool t_udata(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *out)
{
    Dwarf_Attribute a;
    if (!t_attr(d, die, at, &a))
        return false;
    Dwarf_Error e = 0;
    Dwarf_Unsigned u = 0;
    Dwarf_Signed s = 0;
    Dwarf_Half form = 0;
    bool ok = false;
    if (dwarf_whatform(a, &form, &e) == DW_DLV_OK) {
        if (form == DW_FORM_sdata) {
            ok = dwarf_formsdata(a, &s, &e) == DW_DLV_OK;
            u = (Dwarf_Unsigned)s;
        } else if (form == DW_FORM_exprloc || form == DW_FORM_block1) {
            /* data_member_location as an expression: DW_OP_plus_uconst N */
            Dwarf_Unsigned n = 0;
            Dwarf_Ptr p = 0;
            if (form == DW_FORM_exprloc && dwarf_formexprloc(a, &n, &p, &e) == DW_DLV_OK) {
                dw_rd r = dw_rd_make(p, n);
                if (dw_u8(&r) == DW_OP_plus_uconst) {
                    u = dw_uleb(&r);
                    ok = !r.bad;
                }
            }
        } else {
            ok = dwarf_formudata(a, &u, &e) == DW_DLV_OK;
        }
    }
    if (!ok)
        dw_dwerr(d, e);
    else
        *out = u;
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return ok;
}

static bool t_sdata(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, int64_t *out)
{
    Dwarf_Attribute a;
    if (!t_attr(d, die, at, &a))
        return false;
    Dwarf_Error e = 0;
    Dwarf_Half form = 0;
    bool ok = false;
    if (dwarf_whatform(a, &form, &e) == DW_DLV_OK) {
        if (form == DW_FORM_udata || form == DW_FORM_data1 || form == DW_FORM_data2 ||
            form == DW_FORM_data4 || form == DW_FORM_data8) {
            Dwarf_Unsigned u = 0;
            ok = dwarf_formudata(a, &u, &e) == DW_DLV_OK;
            *out = (int64_t)u;
        } else {
            Dwarf_Signed s = 0;
            ok = dwarf_formsdata(a, &s, &e) == DW_DLV_OK;
            *out = s;
        }
    }
    if (!ok)
        dw_dwerr(d, e);
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return ok;
}

static const char *t_str(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at)
{
    Dwarf_Attribute a;
    if (!t_attr(d, die, at, &a))
        return NULL;
    Dwarf_Error e = 0;
    char *s = NULL;
    if (dwarf_formstring(a, &s, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        s = NULL;
    }
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return s;
}

static bool t_ref(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *out)
{
    Dwarf_Attribute a;
    if (!t_attr(d, die, at, &a))
        return false;
    Dwarf_Error e = 0;
    Dwarf_Off o = 0;
    bool ok = dwarf_global_formref(a, &o, &e) == DW_DLV_OK;
    if (ok)
        *out = o;
    else
        dw_dwerr(d, e);
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return ok;
}

static bool t_flag(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at)
{
    Dwarf_Error e = 0;
    Dwarf_Bool has = 0;
    if (dwarf_hasattr(die, at, &has, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return false;
    }
    return has != 0;
}

static struct wd_dw_type *decode_type(wd_dwarf *d, dw_unit *u, uint64_t off)
{
    Dwarf_Error e = 0;
    Dwarf_Die die = 0;
    if (dwarf_offdie_b(d->dbg, off, 1, &die, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return NULL;
    }
    struct wd_dw_type *t = dw_alloc(&d->arena, sizeof *t);
    if (!t) {
        dwarf_dealloc_die(die);
        return NULL;
    }
    t->off = off;
    t->unit = u;
    Dwarf_Half tag = 0;
    if (dwarf_tag(die, &tag, &e) != DW_DLV_OK)
        dw_dwerr(d, e);
    t->tag = tag;
    t->name = t_str(d, die, DW_AT_name);
    uint64_t v;
    if (t_udata(d, die, DW_AT_byte_size, &v)) {
        t->byte_size = v;
        t->has_size = true;
    }
    if (t_udata(d, die, DW_AT_encoding, &v))
        t->encoding = (uint16_t)v;
    t_ref(d, die, DW_AT_type, &t->sub_off);
    t->declaration = t_flag(d, die, DW_AT_declaration);
    bool kids = tag == DW_TAG_structure_type || tag == DW_TAG_union_type ||
                tag == DW_TAG_class_type || tag == DW_TAG_enumeration_type ||
                tag == DW_TAG_array_type || tag == DW_TAG_subroutine_type;
    if (kids) {
        dw_tkid tmp[256];
        uint32_t n = 0;
        Dwarf_Die c = 0;
        int rc = dwarf_child(die, &c, &e);
        if (rc == DW_DLV_ERROR)
            dw_dwerr(d, e);
        while (rc == DW_DLV_OK) {
            Dwarf_Half ct = 0;
            if (dwarf_tag(c, &ct, &e) == DW_DLV_OK && n < 256 &&
                (ct == DW_TAG_member || ct == DW_TAG_enumerator || ct == DW_TAG_subrange_type ||
                 ct == DW_TAG_formal_parameter || ct == DW_TAG_unspecified_parameters ||
                 ct == DW_TAG_inheritance)) {
                dw_tkid *k = &tmp[n++];
                memset(k, 0, sizeof *k);
                k->tag = ct;
                k->name = t_str(d, c, DW_AT_name);
                t_ref(d, c, DW_AT_type, &k->type_off);
                if (t_udata(d, c, DW_AT_data_member_location, &v))
                    k->member_off = v;
                if (ct == DW_TAG_enumerator)
                    t_sdata(d, c, DW_AT_const_value, &k->enum_val);
                if (ct == DW_TAG_subrange_type) {
                    k->count = UINT64_MAX;
                    int64_t ub;
                    if (t_udata(d, c, DW_AT_count, &v))
                        k->count = v;
                    else if (t_sdata(d, c, DW_AT_upper_bound, &ub))
                        k->count = (uint64_t)(ub + 1);
                }
                if (t_udata(d, c, DW_AT_bit_size, &v)) {
                    k->is_bitfield = true;
                    k->bit_size = (uint32_t)v;
                    if (t_udata(d, c, DW_AT_data_bit_offset, &v)) {
                        k->member_off = v / 8;
                        k->bit_off = (uint32_t)(v % 8);
                    } else if (t_udata(d, c, DW_AT_bit_offset, &v)) {
                        /* DWARF 2/3: from the most significant bit of a storage unit */
                        uint64_t bs = 4;
                        t_udata(d, c, DW_AT_byte_size, &bs);
                        uint64_t lsb = bs * 8 - v - k->bit_size;
                        k->member_off += lsb / 8;
                        k->bit_off = (uint32_t)(lsb % 8);
                    }
                }
            } else if (e) {
                dw_dwerr(d, e);
                e = 0;
            }
            Dwarf_Die next = 0;
            rc = dwarf_siblingof_b(d->dbg, c, 1, &next, &e);
            dwarf_dealloc_die(c);
            if (rc == DW_DLV_ERROR)
                dw_dwerr(d, e);
            c = next;
        }
        t->kids = dw_alloc(&d->arena, (n ? n : 1) * sizeof *t->kids);
        if (t->kids) {
            memcpy(t->kids, tmp, n * sizeof *tmp);
            t->nkids = n;
        }
    }
    dwarf_dealloc_die(die);
    return t;
}

struct wd_dw_type *dw_type_get(wd_dwarf *d, dw_unit *u, uint64_t off)
{
    if (!off)
        return NULL;
    if (d->ntypes * 2 >= d->types_cap) {
        size_t nc = d->types_cap ? d->types_cap * 2 : 256;
        dw_tcache *nt = calloc(nc, sizeof *nt);
        if (!nt)
            return NULL;
        for (size_t i = 0; i < d->types_cap; i++)
            if (d->types[i].t) {
                size_t h = (size_t)(d->types[i].off * 0x9E3779B97F4A7C15ull) & (nc - 1);
                while (nt[h].t)
                    h = (h + 1) & (nc - 1);
                nt[h] = d->types[i];
            }
        free(d->types);
        d->types = nt;
        d->types_cap = nc;
    }
    size_t h = (size_t)(off * 0x9E3779B97F4A7C15ull) & (d->types_cap - 1);
    while (d->types[h].t) {
        if (d->types[h].off == off)
            return d->types[h].t;
        h = (h + 1) & (d->types_cap - 1);
    }
    struct wd_dw_type *t = decode_type(d, u, off);
    if (!t)
        return NULL;
    d->types[h].off = off;
    d->types[h].t = t;
    d->ntypes++;
    return t;
}

static bool is_named_type_tag(Dwarf_Half tag)
{
    return tag == DW_TAG_structure_type || tag == DW_TAG_union_type || tag == DW_TAG_class_type ||
           tag == DW_TAG_enumeration_type || tag == DW_TAG_typedef || tag == DW_TAG_base_type;
}

/* Records the named, defined types among the children of a unit DIE. */
static void index_unit_types(wd_dwarf *d, uint32_t ui, size_t *cap)
{
    Dwarf_Error e = 0;
    Dwarf_Die cu = 0, c = 0;
    if (dwarf_offdie_b(d->dbg, d->units[ui].die_off, 1, &cu, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return;
    }
    int rc = dwarf_child(cu, &c, &e);
    if (rc == DW_DLV_ERROR)
        dw_dwerr(d, e);
    while (rc == DW_DLV_OK) {
        Dwarf_Half tag = 0;
        Dwarf_Off off = 0;
        const char *name;
        if (dwarf_tag(c, &tag, &e) == DW_DLV_OK && is_named_type_tag(tag) &&
            (name = t_str(d, c, DW_AT_name)) != NULL && !t_flag(d, c, DW_AT_declaration) &&
            dwarf_dieoffset(c, &off, &e) == DW_DLV_OK) {
            if (d->ntnames == *cap) {
                size_t nc = *cap ? *cap * 2 : 64;
                dw_tname *nt = realloc(d->tnames, nc * sizeof *nt);
                if (!nt)
                    break;
                d->tnames = nt;
                *cap = nc;
            }
            d->tnames[d->ntnames++] = (dw_tname){ name, off, ui, tag };
        } else if (e) {
            dw_dwerr(d, e);
            e = 0;
        }
        Dwarf_Die next = 0;
        rc = dwarf_siblingof_b(d->dbg, c, 1, &next, &e);
        dwarf_dealloc_die(c);
        if (rc == DW_DLV_ERROR)
            dw_dwerr(d, e);
        c = next;
    }
    if (rc == DW_DLV_OK)
        dwarf_dealloc_die(c);
    dwarf_dealloc_die(cu);
}

struct wd_dw_type *dw_type_by_name(wd_dwarf *d, uint16_t tag, const char *name)
{
    if (!d->tnames_done) {
        d->tnames_done = true;
        size_t cap = 0;
        for (uint32_t i = 0; i < d->nunits; i++)
            if (!d->units[i].broken)
                index_unit_types(d, i, &cap);
    }
    for (uint32_t i = 0; i < d->ntnames; i++) {
        const dw_tname *n = &d->tnames[i];
        if (strcmp(n->name, name) == 0 &&
            (tag ? n->tag == tag : (n->tag == DW_TAG_base_type || n->tag == DW_TAG_typedef)))
            return dw_type_get(d, &d->units[n->unit], n->off);
    }
    return NULL;
}

static const wd_dw_type *sub(wd_dwarf *d, const wd_dw_type *t)
{
    return t ? dw_type_get(d, t->unit, t->sub_off) : NULL;
}

static const wd_dw_type *strip(wd_dwarf *d, const wd_dw_type *t)
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

uint64_t wd_dw_type_size(wd_dwarf *d, const wd_dw_type *t)
{
    for (int i = 0; t && i < 16; i++) {
        if (t->has_size)
            return t->byte_size;
        if (t->tag == DW_TAG_pointer_type || t->tag == DW_TAG_reference_type ||
            t->tag == DW_TAG_rvalue_reference_type)
            return t->unit ? t->unit->addr_size : 4;
        if (t->tag == DW_TAG_array_type) {
            uint64_t n = 1;
            for (uint32_t k = 0; k < t->nkids; k++)
                if (t->kids[k].tag == DW_TAG_subrange_type)
                    n *= t->kids[k].count == UINT64_MAX ? 0 : t->kids[k].count;
            return n * wd_dw_type_size(d, sub(d, t));
        }
        t = sub(d, t);
    }
    return 0;
}

/* C declarator printing: base type, then the declarator built inside out. */
static void type_str(wd_dwarf *d, const wd_dw_type *t, const char *inner, char *out, size_t size,
                     int depth)
{
    char buf[512];
    if (!t || depth > 16) {
        snprintf(out, size, "void%s%s", *inner ? " " : "", inner);
        return;
    }
    switch (t->tag) {
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type: {
        const wd_dw_type *s = strip(d, sub(d, t));
        const char *sym = t->tag == DW_TAG_pointer_type ? "*" : t->tag == DW_TAG_reference_type ? "&" : "&&";
        if (s && (s->tag == DW_TAG_array_type || s->tag == DW_TAG_subroutine_type))
            snprintf(buf, sizeof buf, "(%s%s)", sym, inner);
        else
            snprintf(buf, sizeof buf, "%s%s", sym, inner);
        type_str(d, sub(d, t), buf, out, size, depth + 1);
        return;
    }
    case DW_TAG_const_type:
    case DW_TAG_volatile_type: {
        const char *q = t->tag == DW_TAG_const_type ? "const" : "volatile";
        const wd_dw_type *s = sub(d, t);
        if (s && s->tag == DW_TAG_pointer_type) {
            snprintf(buf, sizeof buf, " %s%s%s", q, *inner ? " " : "", inner);
            type_str(d, s, buf, out, size, depth + 1);
        } else {
            char tmp[512];
            type_str(d, s, inner, tmp, sizeof tmp, depth + 1);
            snprintf(out, size, "%s %s", q, tmp);
        }
        return;
    }
    case DW_TAG_array_type: {
        size_t n = (size_t)snprintf(buf, sizeof buf, "%s", inner);
        for (uint32_t k = 0; k < t->nkids && n < sizeof buf; k++)
            if (t->kids[k].tag == DW_TAG_subrange_type) {
                if (t->kids[k].count == UINT64_MAX)
                    n += (size_t)snprintf(buf + n, sizeof buf - n, "[]");
                else
                    n += (size_t)snprintf(buf + n, sizeof buf - n, "[%llu]",
                                          (unsigned long long)t->kids[k].count);
            }
        type_str(d, sub(d, t), buf, out, size, depth + 1);
        return;
    }
    case DW_TAG_subroutine_type: {
        size_t n = (size_t)snprintf(buf, sizeof buf, "%s(", inner);
        bool first = true;
        for (uint32_t k = 0; k < t->nkids && n < sizeof buf; k++) {
            char p[256];
            if (t->kids[k].tag == DW_TAG_formal_parameter)
                type_str(d, dw_type_get(d, t->unit, t->kids[k].type_off), "", p, sizeof p,
                         depth + 1);
            else if (t->kids[k].tag == DW_TAG_unspecified_parameters)
                snprintf(p, sizeof p, "...");
            else
                continue;
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", first ? "" : ", ", p);
            first = false;
        }
        if (first && n < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "void");
        if (n < sizeof buf)
            snprintf(buf + n, sizeof buf - n, ")");
        type_str(d, sub(d, t), buf, out, size, depth + 1);
        return;
    }
    default: {
        const char *kw = t->tag == DW_TAG_structure_type   ? "struct "
                         : t->tag == DW_TAG_union_type       ? "union "
                         : t->tag == DW_TAG_enumeration_type ? "enum "
                                                             : "";
        const char *nm = t->name ? t->name : "{...}";
        if (t->tag == DW_TAG_class_type || (t->unit && (t->unit->language == DW_LANG_C_plus_plus ||
                                                        t->unit->language == DW_LANG_C_plus_plus_11 ||
                                                        t->unit->language == DW_LANG_C_plus_plus_14 ||
                                                        t->unit->language == DW_LANG_Rust)))
            kw = "";
        snprintf(out, size, "%s%s%s%s", kw, nm, *inner && inner[0] != '[' ? " " : *inner ? " " : "",
                 inner);
        return;
    }
    }
}

char *wd_dw_type_name(wd_dwarf *d, const wd_dw_type *t, char *buf, size_t size)
{
    type_str(d, t, "", buf, size, 0);
    return buf;
}


/* ------------------------------------------------------------ scopes and variables */

/* The unit whose vars[] holds v (variables do not carry it: 8 bytes each). */
static dw_unit *var_unit(const wd_dwarf *d, const wd_dw_var *v)
{
    uintptr_t p = (uintptr_t)v;
    for (uint32_t i = 0; i < d->nunits; i++) {
        dw_unit *u = &d->units[i];
        if (u->nvars && p >= (uintptr_t)u->vars && p < (uintptr_t)(u->vars + u->nvars))
            return u;
    }
    return NULL;
}

const char *wd_dw_var_name(const wd_dw_var *v) { return v->name; }
bool wd_dw_var_is_param(const wd_dw_var *v) { return v->is_param; }

const wd_dw_type *wd_dw_var_type(wd_dwarf *d, const wd_dw_var *v)
{
    dw_unit *u = var_unit(d, v);
    return u ? dw_type_get(d, u, v->type_off) : NULL;
}

static bool scope_in(const dw_scope *s, uint32_t addr)
{
    return (s->kind == DW_SC_BLOCK && s->nranges == 0) || dw_scope_has(s, addr);
}

/* chain of scopes containing addr, outermost first; returns count */
static size_t chain_at(wd_dwarf *d, uint32_t addr, dw_unit **uout, uint32_t *chain, size_t max)
{
    dw_unit *u = dw_unit_for_addr(d, addr);
    *uout = u;
    if (!u || !dw_unit_dies(d, u))
        return 0;
    uint32_t best = UINT32_MAX;
    for (uint32_t i = 0; i < u->nsp_ranges; i++)   /* few subprograms per unit matter here */
        if (addr >= u->sp_ranges[i].lo && addr < u->sp_ranges[i].hi &&
            (best == UINT32_MAX || u->sp_of_range[i] > best))
            best = u->sp_of_range[i];
    if (best == UINT32_MAX)
        return 0;
    size_t n = 0;
    chain[n++] = best;
    uint32_t cur = best, i = best + 1;
    while (i < u->scopes[cur].end && n < max) {
        const dw_scope *s = &u->scopes[i];
        if (s->kind != DW_SC_SUBPROGRAM && scope_in(s, addr)) {
            chain[n++] = i;
            cur = i;
            i++;
        } else
            i = s->end > i ? s->end : i + 1;
    }
    return n;
}

/* [first, last] indexes in chain of the scopes belonging to inline frame `depth`,
 * and the subprogram (for the frame base). */
static bool frame_scopes(const dw_unit *u, const uint32_t *chain, size_t n, uint32_t depth,
                         size_t *first, size_t *last)
{
    /* function scopes from the innermost */
    size_t fi[64], nf = 0;
    for (size_t i = n; i > 0; i--)
        if (u->scopes[chain[i - 1]].kind != DW_SC_BLOCK)
            fi[nf++] = i - 1;
    if (depth >= nf)
        return false;
    *first = fi[depth];
    *last = depth == 0 ? n - 1 : fi[depth - 1] - 1;
    return true;
}

size_t wd_dwarf_vars_at(wd_dwarf *d, uint32_t addr, uint32_t inline_depth, const wd_dw_var **out,
                        size_t max)
{
    dw_unit *u;
    uint32_t chain[64];
    size_t n = chain_at(d, addr, &u, chain, 64), first, last, k = 0;
    if (!n || !frame_scopes(u, chain, n, inline_depth, &first, &last))
        return 0;
    const dw_scope *fs = &u->scopes[chain[first]];
    for (uint32_t i = 0; i < fs->nvars; i++)
        if (u->vars[fs->first_var + i].is_param) {
            if (k < max)
                out[k] = &u->vars[fs->first_var + i];
            k++;
        }
    for (size_t c = last + 1; c > first; c--) {
        const dw_scope *s = &u->scopes[chain[c - 1]];
        for (uint32_t i = 0; i < s->nvars; i++)
            if (!u->vars[s->first_var + i].is_param) {
                if (k < max)
                    out[k] = &u->vars[s->first_var + i];
                k++;
            }
    }
    return k;
}

size_t wd_dwarf_globals(wd_dwarf *d, const wd_dw_var **out, size_t max)
{
    size_t k = 0;
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!dw_unit_dies(d, u))
            continue;
        for (uint32_t i = 0; i < u->nvars && u->vars[i].scope == UINT32_MAX; i++) {
            if (k < max)
                out[k] = &u->vars[i];
            k++;
        }
    }
    return k;
}

const wd_dw_var *wd_dwarf_find_var(wd_dwarf *d, uint32_t addr, uint32_t inline_depth,
                                   const char *name)
{
    const wd_dw_var *vs[256];
    size_t n = wd_dwarf_vars_at(d, addr, inline_depth, vs, 256);
    /* vars_at lists the innermost block's locals first (they shadow), then params */
    for (size_t i = 0; i < n && i < 256; i++)
        if (!vs[i]->is_param && strcmp(vs[i]->name, name) == 0)
            return vs[i];
    for (size_t i = 0; i < n && i < 256; i++)
        if (strcmp(vs[i]->name, name) == 0)
            return vs[i];
    /* globals: the unit of addr first (statics), then all */
    dw_unit *u = dw_unit_for_addr(d, addr);
    if (u && dw_unit_dies(d, u))
        for (uint32_t i = 0; i < u->nvars && u->vars[i].scope == UINT32_MAX; i++)
            if (strcmp(u->vars[i].name, name) == 0 && u->vars[i].loc_kind != DW_LOC_NONE)
                return &u->vars[i];
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *w = &d->units[ui];
        if (!dw_unit_dies(d, w))
            continue;
        for (uint32_t i = 0; i < w->nvars && w->vars[i].scope == UINT32_MAX; i++)
            if (strcmp(w->vars[i].name, name) == 0 && w->vars[i].loc_kind != DW_LOC_NONE)
                return &w->vars[i];
    }
    return NULL;
}

static const dw_scope *subprogram_of(const dw_unit *u, uint32_t scope)
{
    for (int i = 0; scope != UINT32_MAX && i < 256; i++) {
        if (u->scopes[scope].kind == DW_SC_SUBPROGRAM)
            return &u->scopes[scope];
        scope = u->scopes[scope].parent;
    }
    return NULL;
}

bool wd_dwarf_var_location(wd_dwarf *d, const wd_dw_var *v, uint32_t addr,
                           const wd_dw_target *target, wd_dw_location *out)
{
    memset(out, 0, sizeof *out);
    dw_unit *u = var_unit(d, v);
    if (!u) {
        snprintf(out->error, sizeof out->error, "not a variable of this module");
        return false;
    }
    const uint8_t *expr = NULL;
    size_t len = 0;
    switch (v->loc_kind) {
    case DW_LOC_EXPR:
        expr = v->expr;
        len = v->expr_len;
        break;
    case DW_LOC_LIST: {
        bool found = false;
        if (!dw_loclist_find(d, u, v->list_off, addr, &expr, &len, &found)) {
            snprintf(out->error, sizeof out->error, "malformed location list");
            return false;
        }
        if (!found)
            return true;   /* not live here: optimized out */
        break;
    }
    case DW_LOC_CONST:
        out->npieces = 1;
        if (v->expr) {
            out->pieces[0].kind = WD_DW_LOC_IMPLICIT;
            memcpy(out->pieces[0].bytes, v->expr, v->expr_len > 16 ? 16 : v->expr_len);
        } else {
            out->pieces[0].kind = WD_DW_LOC_VALUE;
            out->pieces[0].value = (uint64_t)v->const_val;
        }
        return true;
    default:
        return true;
    }
    wd_dw_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.target = target;
    ctx.dwarf = d;
    ctx.unit = u;
    const dw_scope *sp = v->scope == UINT32_MAX ? NULL : subprogram_of(u, v->scope);
    if (sp) {
        ctx.frame_base = sp->frame_base;
        ctx.frame_base_len = sp->frame_base_len;
    }
    return wd_dwarf_eval_expr(expr, len, &ctx, out);
}

/* ------------------------------------------------------------ formatting */

typedef struct sbuf {
    char *p;
    size_t size, len;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->len, b->size - b->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len = b->len + (size_t)n < b->size ? b->len + (size_t)n : b->size - 1;
}

typedef struct fctx {
    wd_dwarf *d;
    const wd_dw_target *t;
    sbuf *b;
    int depth;
    /* for a value assembled from DW_OP_pieces: known[i] says whether byte i of the
     * object (at base) came from a piece; NULL when every byte is known */
    const uint8_t *base, *known;
    size_t nknown;
} fctx;

/* false if a byte of [p, p + n) is not covered by any piece */
static bool bytes_known(const fctx *f, const uint8_t *p, uint64_t n)
{
    if (!f->known)
        return true;
    size_t at = (size_t)(p - f->base);
    for (uint64_t i = 0; i < n; i++)
        if (at + i >= f->nknown || !f->known[at + i])
            return false;
    return true;
}

static uint64_t get_le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void put_char_lit(sbuf *b, unsigned c, char quote)
{
    if (c == (unsigned)quote || c == '\\')
        sb_printf(b, "\\%c", c);
    else if (c == '\n')
        sb_printf(b, "\\n");
    else if (c == '\t')
        sb_printf(b, "\\t");
    else if (c == '\r')
        sb_printf(b, "\\r");
    else if (c >= 0x20 && c < 0x7f)
        sb_printf(b, "%c", c);
    else
        sb_printf(b, "\\%03o", c & 0xff);
}

static bool is_char_type(wd_dwarf *d, const wd_dw_type *t)
{
    t = strip(d, t);
    return t && t->tag == DW_TAG_base_type && t->byte_size == 1 &&
           (t->encoding == DW_ATE_signed_char || t->encoding == DW_ATE_unsigned_char ||
            (t->name && strstr(t->name, "char")));
}

static void fmt_value(fctx *f, const wd_dw_type *t, const uint8_t *p, size_t avail);

static void fmt_cstring(fctx *f, uint64_t addr)
{
    sbuf *b = f->b;
    if (!f->t || !f->t->read_memory) {
        sb_printf(b, " <unreadable>");
        return;
    }
    sb_printf(b, " \"");
    for (unsigned i = 0; i < 200; i++) {
        uint8_t c;
        if (!f->t->read_memory(f->t->user, addr + i, &c, 1)) {
            sb_printf(b, "\"<error: Cannot access memory at address 0x%llx>",
                      (unsigned long long)(addr + i));
            return;
        }
        if (!c)
            break;
        put_char_lit(b, c, '"');
        if (i == 199)
            sb_printf(b, "\"...");
    }
    sb_printf(b, "\"");
}

static void fmt_base(fctx *f, const wd_dw_type *t, const uint8_t *p, size_t n)
{
    sbuf *b = f->b;
    uint64_t v = get_le(p, n);
    switch (t->encoding) {
    case DW_ATE_float:
        if (n == 4) {
            float x;
            memcpy(&x, p, 4);
            sb_printf(b, "%.9g", (double)x);
        } else if (n == 8) {
            double x;
            memcpy(&x, p, 8);
            sb_printf(b, "%.17g", x);
        } else
            sb_printf(b, "<%zu-byte float>", n);
        return;
    case DW_ATE_boolean:
        sb_printf(b, v ? "true" : "false");
        return;
    case DW_ATE_signed:
    case DW_ATE_signed_char: {
        int64_t s = n >= 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * n)) >> (64 - 8 * n);
        if (n == 1 && (t->encoding == DW_ATE_signed_char || is_char_type(f->d, t))) {
            sb_printf(b, "%lld '", (long long)s);
            put_char_lit(b, (unsigned)(uint8_t)s, '\'');
            sb_printf(b, "'");
        } else
            sb_printf(b, "%lld", (long long)s);
        return;
    }
    case DW_ATE_unsigned_char:
        sb_printf(b, "%llu '", (unsigned long long)v);
        put_char_lit(b, (unsigned)v, '\'');
        sb_printf(b, "'");
        return;
    default:
        if (n > 8) {
            sb_printf(b, "0x");
            for (size_t i = n; i > 0; i--)
                sb_printf(b, "%02x", p[i - 1]);
        } else
            sb_printf(b, "%llu", (unsigned long long)v);
        return;
    }
}

static void fmt_array(fctx *f, const wd_dw_type *t, uint32_t dim, const uint8_t *p, size_t avail)
{
    sbuf *b = f->b;
    /* dims at and after `dim` */
    uint64_t counts[8];
    uint32_t nd = 0;
    for (uint32_t k = 0; k < t->nkids && nd < 8; k++)
        if (t->kids[k].tag == DW_TAG_subrange_type)
            counts[nd++] = t->kids[k].count;
    const wd_dw_type *elem = sub(f->d, t);
    uint64_t esz = wd_dw_type_size(f->d, elem);
    uint64_t stride = esz;
    for (uint32_t k = dim + 1; k < nd; k++)
        stride *= counts[k] == UINT64_MAX ? 0 : counts[k];
    uint64_t cnt = dim < nd ? counts[dim] : 0;
    if (cnt == UINT64_MAX)
        cnt = 0;
    if (dim + 1 == nd && is_char_type(f->d, elem) && esz == 1) {
        /* a char array prints as a string, trailing NULs as gdb repeats them */
        uint64_t n = cnt < avail ? cnt : avail;
        uint64_t z = n;
        while (z > 0 && p[z - 1] == 0)
            z--;
        uint64_t zeros = n - z;
        if (zeros > 10) {   /* gdb: the last NUL is the terminator, the rest repeat */
            if (z) {
                sb_printf(b, "\"");
                for (uint64_t i = 0; i < z && i < 200; i++)
                    put_char_lit(b, p[i], '"');
                sb_printf(b, "\", ");
            }
            sb_printf(b, "'\\000' <repeats %llu times>", (unsigned long long)(zeros - 1));
        } else {
            sb_printf(b, "\"");
            for (uint64_t i = 0; i < z && i < 200; i++)
                put_char_lit(b, p[i], '"');
            for (uint64_t i = 0; i + 1 < zeros; i++)
                sb_printf(b, "\\000");
            sb_printf(b, "\"");
        }
        return;
    }
    sb_printf(b, "{");
    for (uint64_t i = 0; i < cnt; i++) {
        if (i)
            sb_printf(b, ", ");
        if (i >= 200) {
            sb_printf(b, "...");
            break;
        }
        uint64_t at = i * stride;
        if (at + stride > avail || (stride == 0 && i > 0)) {
            sb_printf(b, "<unavailable>");
            break;
        }
        if (dim + 1 < nd)
            fmt_array(f, t, dim + 1, p + at, (size_t)(avail - at));
        else
            fmt_value(f, elem, p + at, (size_t)(avail - at));
    }
    sb_printf(b, "}");
}

/* A value that is no enumerator. When the enumerators' values share no bit (a flag enum,
 * as gdb decides it), gdb prints the flags it is made of: "(B1 | B4)", with the bits that
 * no enumerator names as "unknown: 0x8"; otherwise the number. */
static void fmt_flag_enum(sbuf *b, const wd_dw_type *t, uint64_t v, int64_t s)
{
    uint64_t mask = 0;
    for (uint32_t k = 0; k < t->nkids; k++) {
        if (t->kids[k].tag != DW_TAG_enumerator)
            continue;
        int64_t e = t->kids[k].enum_val;
        if (e < 0 || (mask & (uint64_t)e)) {
            sb_printf(b, "%lld", (long long)s);
            return;
        }
        mask |= (uint64_t)e;
    }
    if (v == 0 || s < 0) {
        sb_printf(b, "%lld", (long long)s);
        return;
    }
    bool first = true;
    for (uint32_t k = 0; k < t->nkids; k++) {
        uint64_t e = (uint64_t)t->kids[k].enum_val;
        if (t->kids[k].tag != DW_TAG_enumerator || !e || (v & e) != e)
            continue;
        sb_printf(b, "%s%s", first ? "(" : " | ", t->kids[k].name ? t->kids[k].name : "?");
        first = false;
        v &= ~e;
    }
    if (v)
        sb_printf(b, "%sunknown: 0x%llx", first ? "(" : " | ", (unsigned long long)v);
    sb_printf(b, ")");
}

static void fmt_value(fctx *f, const wd_dw_type *t0, const uint8_t *p, size_t avail)
{
    sbuf *b = f->b;
    wd_dwarf *d = f->d;
    const wd_dw_type *t = strip(d, t0);
    if (f->depth > 12) {
        sb_printf(b, "...");
        return;
    }
    if (!t) {
        sb_printf(b, "<no type>");
        return;
    }
    uint64_t size = wd_dw_type_size(d, t);
    if (size > avail && t->tag != DW_TAG_array_type) {
        sb_printf(b, "<unavailable>");
        return;
    }
    if (t->tag != DW_TAG_structure_type && t->tag != DW_TAG_class_type &&
        t->tag != DW_TAG_union_type && t->tag != DW_TAG_array_type &&
        !bytes_known(f, p, size)) {
        sb_printf(b, "<optimized out>");   /* a piece that is missing here: as gdb */
        return;
    }
    f->depth++;
    switch (t->tag) {
    case DW_TAG_base_type:
        fmt_base(f, t, p, (size_t)size);
        break;
    case DW_TAG_enumeration_type: {
        uint64_t v = get_le(p, (size_t)size);
        int64_t s = size >= 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size);
        bool found = false;
        for (uint32_t k = 0; k < t->nkids; k++)
            if (t->kids[k].tag == DW_TAG_enumerator &&
                (t->kids[k].enum_val == s || (uint64_t)t->kids[k].enum_val == v)) {
                sb_printf(b, "%s", t->kids[k].name ? t->kids[k].name : "?");
                found = true;
                break;
            }
        if (!found)
            fmt_flag_enum(b, t, v, s);
        break;
    }
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type: {
        uint64_t v = get_le(p, (size_t)size);
        const wd_dw_type *target = strip(d, sub(d, t));
        if (target && target->tag == DW_TAG_subroutine_type) {
            /* as gdb: the type only at the top level, "cb = 0x1 <add>" inside an aggregate;
             * a wasm function pointer is a table index, named through the target */
            char tn[256];
            if (f->depth == 1)
                sb_printf(b, "(%s) ", wd_dw_type_name(d, t, tn, sizeof tn));
            sb_printf(b, "0x%llx", (unsigned long long)v);
            if (v && f->t && f->t->func_name && f->t->func_name(f->t->user, v, tn, sizeof tn))
                sb_printf(b, " <%s>", tn);
        } else {
            sb_printf(b, "0x%llx", (unsigned long long)v);
            if (v && is_char_type(d, sub(d, t)))
                fmt_cstring(f, v);
        }
        break;
    }
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type: {
        if (t->declaration) {
            sb_printf(b, "<incomplete type>");
            break;
        }
        sb_printf(b, "{");
        bool first = true;
        for (uint32_t k = 0; k < t->nkids; k++) {
            const dw_tkid *m = &t->kids[k];
            if (m->tag != DW_TAG_member && m->tag != DW_TAG_inheritance)
                continue;
            if (!first)
                sb_printf(b, ", ");
            first = false;
            const wd_dw_type *mt = dw_type_get(d, t->unit, m->type_off);
            if (m->tag == DW_TAG_inheritance) {
                char tn[128];
                sb_printf(b, "<%s> = ", wd_dw_type_name(d, mt, tn, sizeof tn));
            } else
                sb_printf(b, "%s = ", m->name ? m->name : "<anon>");
            if (m->member_off >= avail) {
                sb_printf(b, "<unavailable>");
                continue;
            }
            if (m->is_bitfield) {
                uint8_t tmp[16] = {0};
                size_t n = avail - m->member_off < 16 ? avail - (size_t)m->member_off : 16;
                memcpy(tmp, p + m->member_off, n);
                uint64_t raw = get_le(tmp, 8) >> m->bit_off;
                uint64_t mask = m->bit_size >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << m->bit_size) - 1);
                raw &= mask;
                const wd_dw_type *bt = strip(d, mt);
                bool sgn = bt && (bt->encoding == DW_ATE_signed || bt->encoding == DW_ATE_signed_char);
                if (bt && bt->tag == DW_TAG_enumeration_type) {
                    uint8_t vb[8];
                    for (int i = 0; i < 8; i++)
                        vb[i] = (uint8_t)(raw >> (8 * i));
                    fmt_value(f, bt, vb, 8);
                } else if (sgn && m->bit_size && m->bit_size < 64 && (raw >> (m->bit_size - 1)) & 1)
                    sb_printf(b, "%lld", (long long)(raw | ~mask));
                else
                    sb_printf(b, "%llu", (unsigned long long)raw);
                continue;
            }
            fmt_value(f, mt, p + m->member_off, (size_t)(avail - m->member_off));
        }
        sb_printf(b, "}");
        break;
    }
    case DW_TAG_array_type:
        fmt_array(f, t, 0, p, avail);
        break;
    case DW_TAG_subroutine_type:
        sb_printf(b, "{function}");
        break;
    default:
        sb_printf(b, "<unsupported type tag 0x%x>", t->tag);
        break;
    }
    f->depth--;
}

size_t wd_dwarf_format_var(wd_dwarf *d, const wd_dw_var *v, uint32_t addr,
                           const wd_dw_target *target, char *buf, size_t size)
{
    sbuf b = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    const wd_dw_type *t = wd_dw_var_type(d, v);
    wd_dw_location loc;
    if (!wd_dwarf_var_location(d, v, addr, target, &loc)) {
        sb_printf(&b, "<unavailable: %s>", loc.error[0] ? loc.error : "cannot evaluate location");
        return b.len;
    }
    return wd_dwarf_format_location(d, t, &loc, target, buf, size);
}

size_t wd_dwarf_format_memory(wd_dwarf *d, const wd_dw_type *t, uint64_t addr,
                              const wd_dw_target *target, char *buf, size_t size)
{
    wd_dw_location loc;
    memset(&loc, 0, sizeof loc);
    loc.npieces = 1;
    loc.pieces[0].kind = WD_DW_LOC_MEMORY;
    loc.pieces[0].addr = addr;
    return wd_dwarf_format_location(d, t, &loc, target, buf, size);
}

size_t wd_dwarf_format_bytes(wd_dwarf *d, const wd_dw_type *t, const void *bytes, size_t n,
                             const wd_dw_target *target, char *buf, size_t size)
{
    sbuf b = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    uint64_t tsz = wd_dw_type_size(d, t);
    size_t cap = tsz ? (size_t)(tsz > 65536 ? 65536 : tsz) : 8;
    uint8_t *tmp = calloc(cap < 16 ? 16 : cap, 1);
    if (!tmp) {
        sb_printf(&b, "<out of memory>");
        return b.len;
    }
    if (bytes)
        memcpy(tmp, bytes, n < cap ? n : cap);
    fctx f = {d, target, &b, 0, NULL, NULL, 0};
    fmt_value(&f, t, tmp, cap);
    free(tmp);
    return b.len;
}

size_t wd_dwarf_format_location(wd_dwarf *d, const wd_dw_type *t, const wd_dw_location *locp,
                                const wd_dw_target *target, char *buf, size_t size)
{
    sbuf b = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    const wd_dw_location *loc = locp;   /* (kept as in the variable formatter) */
    uint64_t tsz = wd_dw_type_size(d, t);
    if (loc->npieces == 0) {
        sb_printf(&b, "<optimized out>");
        return b.len;
    }
    size_t cap = tsz ? (size_t)(tsz > 65536 ? 65536 : tsz) : 8;
    uint8_t *bytes = calloc(cap < 16 ? 16 : cap, 1);
    if (!bytes) {
        sb_printf(&b, "<out of memory>");
        return b.len;
    }
    /* which bytes the pieces cover: the rest (a piece with no location, or the end of
     * the object that no piece reaches) prints as <optimized out>, never as zeros */
    uint8_t *known = calloc(cap < 16 ? 16 : cap, 1);
    if (!known) {
        free(bytes);
        sb_printf(&b, "<out of memory>");
        return b.len;
    }
    size_t at = 0, nknown = 0;
    for (uint32_t i = 0; i < loc->npieces && i < 16; i++) {
        const wd_dw_piece *pc = &loc->pieces[i];
        size_t n = pc->size ? pc->size : cap - at;
        if (at + n > cap)
            n = cap > at ? cap - at : 0;
        size_t got = n;
        switch (pc->kind) {
        case WD_DW_LOC_NONE:
            got = 0;
            break;
        case WD_DW_LOC_MEMORY:
            if (!target || !target->read_memory ||
                !target->read_memory(target->user, pc->addr, bytes + at, n)) {
                free(bytes);
                free(known);
                sb_printf(&b, "<error: Cannot access memory at address 0x%llx>",
                          (unsigned long long)pc->addr);
                return b.len;
            }
            break;
        case WD_DW_LOC_VALUE:
            got = n < 8 ? n : 8;
            for (size_t k = 0; k < got; k++)
                bytes[at + k] = (uint8_t)(pc->value >> (8 * k));
            break;
        case WD_DW_LOC_IMPLICIT:
            got = n < 16 ? n : 16;
            memcpy(bytes + at, pc->bytes, got);
            break;
        }
        memset(known + at, 1, got);
        nknown += got;
        at += n;
    }
    if (nknown == 0) {
        free(bytes);
        free(known);
        sb_printf(&b, "<optimized out>");
        return b.len;
    }
    fctx f = {d, target, &b, 0, bytes, nknown < cap ? known : NULL, cap};
    fmt_value(&f, t, bytes, cap);
    free(bytes);
    free(known);
    return b.len;
}

/* ------------------------------------------------------------ ptype */

static void ptype_body(wd_dwarf *d, const wd_dw_type *b, sbuf *o)
{
    char name[256], decl[512];
    wd_dw_type_name(d, b, name, sizeof name);
    if (wd_dw_type_kind_of(b) == WD_DW_TYPE_ENUM) {
        sb_printf(o, "%s {", name);
        int64_t next = 0;
        for (uint32_t i = 0; i < wd_dw_type_enumerator_count(d, b); i++) {
            const char *en;
            int64_t v;
            if (!wd_dw_type_enumerator(d, b, i, &en, &v))
                continue;
            sb_printf(o, "%s%s", i ? ", " : "", en ? en : "?");
            if (v != next)   /* as gdb: the value only where it is not the previous + 1 */
                sb_printf(o, " = %lld", (long long)v);
            next = v + 1;
        }
        sb_printf(o, "}");
        return;
    }
    sb_printf(o, "%s", name);
    uint32_t n = wd_dw_type_member_count(d, b);
    bool first_base = true;
    for (uint32_t i = 0; i < n; i++) {
        wd_dw_member m;
        if (wd_dw_type_member(d, b, i, &m) && m.is_base) {
            sb_printf(o, "%s public %s", first_base ? " :" : ",",
                      wd_dw_type_name(d, m.type, decl, sizeof decl));
            first_base = false;
        }
    }
    sb_printf(o, " {\n");
    for (uint32_t i = 0; i < n; i++) {
        wd_dw_member m;
        if (!wd_dw_type_member(d, b, i, &m) || m.is_base)
            continue;
        type_str(d, m.type, m.name ? m.name : "", decl, sizeof decl, 0);
        sb_printf(o, "    %s", decl);
        if (m.is_bitfield)
            sb_printf(o, " : %u", m.bit_size);
        sb_printf(o, ";\n");
    }
    sb_printf(o, "}");
}

char *wd_dw_type_ptype(wd_dwarf *d, const wd_dw_type *t, char *buf, size_t size)
{
    sbuf o = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    /* the declarator around the innermost type: "struct node *" is "struct node" + " *" */
    const wd_dw_type *top = t;
    while (top && wd_dw_type_kind_of(top) == WD_DW_TYPE_TYPEDEF)
        top = wd_dw_type_target(d, top);
    const wd_dw_type *base = top;
    for (;;) {
        wd_dw_type_kind k = base ? wd_dw_type_kind_of(base) : WD_DW_TYPE_OTHER;
        if (k != WD_DW_TYPE_POINTER && k != WD_DW_TYPE_REFERENCE &&
            k != WD_DW_TYPE_RVALUE_REFERENCE && k != WD_DW_TYPE_ARRAY &&
            k != WD_DW_TYPE_CONST && k != WD_DW_TYPE_VOLATILE)
            break;
        base = wd_dw_type_target(d, base);
    }
    char full[512], bname[256];
    wd_dw_type_name(d, top, full, sizeof full);
    const wd_dw_type *body = base ? wd_dw_type_strip(d, base) : NULL;
    wd_dw_type_kind bk = body ? wd_dw_type_kind_of(body) : WD_DW_TYPE_OTHER;
    bool expand = body && !wd_dw_type_is_declaration(body) &&
                  (bk == WD_DW_TYPE_STRUCT || bk == WD_DW_TYPE_CLASS ||
                   bk == WD_DW_TYPE_UNION || bk == WD_DW_TYPE_ENUM);
    size_t bl = strlen(wd_dw_type_name(d, base, bname, sizeof bname));
    /* "const struct node *": the qualifiers of the innermost type come first */
    const char *at = strstr(full, bname);
    if (!expand || !base || !at) {
        sb_printf(&o, "%s", full);
        return buf;
    }
    sb_printf(&o, "%.*s", (int)(at - full), full);
    ptype_body(d, body, &o);
    sb_printf(&o, "%s", at + bl);
    return buf;
}
