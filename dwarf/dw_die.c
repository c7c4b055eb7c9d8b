/* dw_die.c: a unit's DIE tree, read with libdwarf into flat scopes
 * (subprograms, inlined subroutines, lexical blocks) and variables, and the
 * symbolization built on them (llvm-symbolizer's inlining rules).
 */
#include "dw_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ attribute helpers */

typedef struct dw_walk {
    wd_dwarf *d;
    dw_unit *u;
    dw_scope *scopes;
    size_t nscopes, scap;
    struct wd_dw_var *vars;
    size_t nvars, vcap;
    bool failed;
} dw_walk;

static bool get_attr(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, Dwarf_Attribute *a)
{
    Dwarf_Error e = 0;
    int rc = dwarf_attr(die, at, a, &e);
    if (rc == DW_DLV_ERROR)
        dw_dwerr(d, e);
    return rc == DW_DLV_OK;
}

static bool die_udata(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *out)
{
    Dwarf_Attribute a;
    if (!get_attr(d, die, at, &a))
        return false;
    Dwarf_Error e = 0;
    Dwarf_Unsigned u = 0;
    Dwarf_Signed s = 0;
    bool ok = true;
    if (dwarf_formudata(a, &u, &e) == DW_DLV_OK) {
        *out = u;
    } else {
        if (e) {
            dwarf_dealloc(d->dbg, e, DW_DLA_ERROR);
            e = 0;
        }
        if (dwarf_formsdata(a, &s, &e) == DW_DLV_OK) {
            *out = (uint64_t)s;
        } else {
            dw_dwerr(d, e);
            ok = false;
        }
    }
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return ok;
}

static const char *die_str(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at)
{
    Dwarf_Attribute a;
    if (!get_attr(d, die, at, &a))
        return NULL;
    Dwarf_Error e = 0;
    char *s = NULL;
    if (dwarf_formstring(a, &s, &e) != DW_DLV_OK) {
        if (e)
            dw_dwerr(d, e);
        else   /* libdwarf says "no entry" when the string section is missing */
            dw_warn(d, "DWARF: names cannot be read: %s is missing",
                    d->sec[DW_SEC_STR].size ? "a string section" : ".debug_str");
        s = NULL;
    }
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return s;
}

static bool die_ref(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *off)
{
    Dwarf_Attribute a;
    if (!get_attr(d, die, at, &a))
        return false;
    Dwarf_Error e = 0;
    Dwarf_Off o = 0;
    bool ok = dwarf_global_formref(a, &o, &e) == DW_DLV_OK;
    if (ok)
        *off = o;
    else
        dw_dwerr(d, e);
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return ok;
}

static bool die_has(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at)
{
    Dwarf_Error e = 0;
    Dwarf_Bool has = 0;
    if (dwarf_hasattr(die, at, &has, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return false;
    }
    return has != 0;
}

static Dwarf_Die die_at(wd_dwarf *d, uint64_t off)
{
    Dwarf_Error e = 0;
    Dwarf_Die die = 0;
    if (dwarf_offdie_b(d->dbg, off, 1, &die, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return NULL;
    }
    return die;
}

/* An expression attribute (exprloc or block): pointer into the section bytes. */
static bool die_expr(wd_dwarf *d, Dwarf_Attribute a, Dwarf_Half form, const uint8_t **p,
                     uint32_t *len)
{
    Dwarf_Error e = 0;
    if (form == DW_FORM_exprloc) {
        Dwarf_Unsigned n = 0;
        Dwarf_Ptr ptr = 0;
        if (dwarf_formexprloc(a, &n, &ptr, &e) != DW_DLV_OK) {
            dw_dwerr(d, e);
            return false;
        }
        *p = ptr;
        *len = (uint32_t)n;
        return true;
    }
    Dwarf_Block *b = NULL;
    if (dwarf_formblock(a, &b, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return false;
    }
    *p = b->bl_data;
    *len = (uint32_t)b->bl_len;
    dwarf_dealloc(d->dbg, b, DW_DLA_BLOCK);
    return true;
}

/* Follows DW_AT_specification / DW_AT_abstract_origin (llvm's findRecursively). */
static const char *find_str_rec(wd_dwarf *d, Dwarf_Die die, const Dwarf_Half *ats, int nats,
                                int depth)
{
    for (int i = 0; i < nats; i++) {
        const char *s = die_str(d, die, ats[i]);
        if (s)
            return s;
    }
    if (depth > 4)
        return NULL;
    static const Dwarf_Half refs[2] = {DW_AT_specification, DW_AT_abstract_origin};
    for (int i = 0; i < 2; i++) {
        uint64_t off;
        if (!die_ref(d, die, refs[i], &off))
            continue;
        Dwarf_Die o = die_at(d, off);
        if (!o)
            continue;
        const char *s = find_str_rec(d, o, ats, nats, depth + 1);
        dwarf_dealloc_die(o);
        if (s)
            return s;
    }
    return NULL;
}

static bool find_udata_rec(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *out, int depth)
{
    if (die_udata(d, die, at, out))
        return true;
    if (depth > 4)
        return false;
    static const Dwarf_Half refs[2] = {DW_AT_specification, DW_AT_abstract_origin};
    for (int i = 0; i < 2; i++) {
        uint64_t off;
        if (!die_ref(d, die, refs[i], &off))
            continue;
        Dwarf_Die o = die_at(d, off);
        if (!o)
            continue;
        bool ok = find_udata_rec(d, o, at, out, depth + 1);
        dwarf_dealloc_die(o);
        if (ok)
            return true;
    }
    return false;
}

static bool find_ref_rec(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *out, int depth)
{
    if (die_ref(d, die, at, out))
        return true;
    if (depth > 4)
        return false;
    static const Dwarf_Half refs[2] = {DW_AT_specification, DW_AT_abstract_origin};
    for (int i = 0; i < 2; i++) {
        uint64_t off;
        if (!die_ref(d, die, refs[i], &off))
            continue;
        Dwarf_Die o = die_at(d, off);
        if (!o)
            continue;
        bool ok = find_ref_rec(d, o, at, out, depth + 1);
        dwarf_dealloc_die(o);
        if (ok)
            return true;
    }
    return false;
}

/* Code ranges of a DIE (low/high pc or DW_AT_ranges), tombstones dropped; a low/high
 * pair goes in *one (no arena block: the scope keeps it inline). */
static bool die_ranges(dw_walk *w, Dwarf_Die die, dw_range **r, uint32_t *n, bool *has_low,
                       uint32_t *low, dw_range *one)
{
    wd_dwarf *d = w->d;
    Dwarf_Error e = 0;
    *r = NULL;
    *n = 0;
    *has_low = false;
    if (die_has(d, die, DW_AT_low_pc)) {
        Dwarf_Addr lo = 0;
        if (dwarf_lowpc(die, &lo, &e) != DW_DLV_OK) {
            dw_dwerr(d, e);
            return false;
        }
        *has_low = true;
        *low = (uint32_t)lo;
        Dwarf_Addr hi = 0;
        Dwarf_Half hf = 0;
        enum Dwarf_Form_Class cls = DW_FORM_CLASS_UNKNOWN;
        if (die_has(d, die, DW_AT_high_pc)) {
            if (dwarf_highpc_b(die, &hi, &hf, &cls, &e) != DW_DLV_OK) {
                dw_dwerr(d, e);
                return false;
            }
            if (cls == DW_FORM_CLASS_CONSTANT)
                hi += lo;
            if (!dw_is_tombstone(d, lo) && hi > lo && hi <= 0xffffffffu) {
                *r = one;
                (*r)[0].lo = (uint32_t)lo;
                (*r)[0].hi = (uint32_t)hi;
                *n = 1;
            }
            return true;
        }
    }
    Dwarf_Attribute a;
    if (!get_attr(d, die, DW_AT_ranges, &a))
        return true;
    Dwarf_Half form = 0;
    uint64_t v = 0;
    bool ok = dwarf_whatform(a, &form, &e) == DW_DLV_OK;
    if (ok) {
        Dwarf_Unsigned uv = 0;
        Dwarf_Off ov = 0;
        if (form == DW_FORM_sec_offset) {
            ok = dwarf_global_formref(a, &ov, &e) == DW_DLV_OK;
            v = ov;
        } else {
            ok = dwarf_formudata(a, &uv, &e) == DW_DLV_OK;
            v = uv;
        }
    }
    if (!ok)
        dw_dwerr(d, e);
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    if (!ok)
        return false;
    dw_read_ranges(d, w->u, v, form == DW_FORM_rnglistx, &d->arena, r, n);
    /* drop ranges outside the code */
    uint32_t k = 0;
    for (uint32_t i = 0; i < *n; i++)
        if (!dw_is_tombstone(d, (*r)[i].lo))
            (*r)[k++] = (*r)[i];
    *n = k;
    return true;
}

/* ------------------------------------------------------------ the walk */

static uint32_t add_scope(dw_walk *w, uint8_t kind, uint32_t parent)
{
    if (!dw_grow((void **)&w->scopes, &w->scap, w->nscopes, sizeof *w->scopes)) {
        w->failed = true;
        return UINT32_MAX;
    }
    dw_scope *s = &w->scopes[w->nscopes];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->parent = parent;
    s->decl_file = 0xffff;
    return (uint32_t)w->nscopes++;
}

/* A C++ (Itanium: _Z, or __Z with the Mach-O underscore) or Rust v0 (_R) mangled name: its
 * DW_AT_name is only the last component, so when the demangler gives up the mangled name
 * stays. Any other linkage name is a symbol chosen for the function (an asm label, clang's
 * __main_argc_argv), and DW_AT_name is what its source calls it. */
static bool is_mangled(const char *linkage)
{
    return strncmp(linkage, "_Z", 2) == 0 || strncmp(linkage, "__Z", 3) == 0 ||
           strncmp(linkage, "_R", 2) == 0;
}

static void fill_function_names(dw_walk *w, Dwarf_Die die, dw_scope *s)
{
    static const Dwarf_Half lk[2] = {DW_AT_linkage_name, DW_AT_MIPS_linkage_name};
    static const Dwarf_Half nm[1] = {DW_AT_name};
    wd_dwarf *d = w->d;
    s->linkage = find_str_rec(d, die, lk, 2, 0);
    const char *name = find_str_rec(d, die, nm, 1, 0);
    if (s->linkage) {
        char *dm = wd_demangle(s->linkage);
        if (dm) {
            s->name = dw_strdup(&d->arena, dm);
            free(dm);
        } else if (name && strcmp(name, s->linkage) != 0 && !is_mangled(s->linkage)) {
            s->name = name;   /* a renamed symbol: main for __main_argc_argv */
            s->shows_linkage = 1;
        } else {
            s->name = s->linkage;   /* a mangled name we cannot demangle says more */
        }
    } else {
        s->name = name;
    }
    uint64_t v;
    if (find_udata_rec(d, die, DW_AT_decl_line, &v, 0))
        s->decl_line = (uint32_t)v;
    if (find_udata_rec(d, die, DW_AT_decl_file, &v, 0) && v < 0xffff)
        s->decl_file = (uint16_t)v;
}

static void add_var(dw_walk *w, Dwarf_Die die, Dwarf_Half tag, uint32_t scope)
{
    wd_dwarf *d = w->d;
    static const Dwarf_Half nm[1] = {DW_AT_name};
    const char *name = find_str_rec(d, die, nm, 1, 0);
    if (!name)
        return;   /* artificial or unnamed: nothing to show */
    if (!dw_grow((void **)&w->vars, &w->vcap, w->nvars, sizeof *w->vars)) {
        w->failed = true;
        return;
    }
    struct wd_dw_var *v = &w->vars[w->nvars++];
    memset(v, 0, sizeof *v);
    v->name = name;
    v->is_param = tag == DW_TAG_formal_parameter;
    v->scope = scope;
    uint64_t t;
    if (find_ref_rec(d, die, DW_AT_type, &t, 0) && t <= UINT32_MAX)
        v->type_off = (uint32_t)t;
    Dwarf_Attribute a;
    Dwarf_Error e = 0;
    Dwarf_Half form = 0;
    if (get_attr(d, die, DW_AT_location, &a)) {
        if (dwarf_whatform(a, &form, &e) != DW_DLV_OK) {
            dw_dwerr(d, e);
        } else if (form == DW_FORM_exprloc || form == DW_FORM_block1 || form == DW_FORM_block2 ||
                   form == DW_FORM_block4 || form == DW_FORM_block) {
            if (die_expr(d, a, form, &v->expr, &v->expr_len))
                v->loc_kind = DW_LOC_EXPR;
        } else if (form == DW_FORM_sec_offset || form == DW_FORM_data4 || form == DW_FORM_data8) {
            Dwarf_Off o = 0;
            Dwarf_Unsigned uo = 0;
            if (form == DW_FORM_sec_offset && dwarf_global_formref(a, &o, &e) == DW_DLV_OK) {
                v->list_off = o;
                v->loc_kind = DW_LOC_LIST;
            } else if (form != DW_FORM_sec_offset && dwarf_formudata(a, &uo, &e) == DW_DLV_OK) {
                v->list_off = uo;
                v->loc_kind = DW_LOC_LIST;
            } else
                dw_dwerr(d, e);
        } else if (form == DW_FORM_loclistx) {
            Dwarf_Unsigned idx = 0;
            if (dwarf_formudata(a, &idx, &e) == DW_DLV_OK) {
                const dw_sec *s = &d->sec[DW_SEC_LOCLISTS];
                uint64_t base = w->u->loclists_base ? w->u->loclists_base : 12;
                uint64_t at = base + idx * 4;
                if (s->data && at + 4 <= s->size) {
                    dw_rd r = dw_rd_make(s->data + at, 4);
                    v->list_off = base + dw_uN(&r, 4);
                    v->loc_kind = DW_LOC_LIST;
                }
            } else
                dw_dwerr(d, e);
        } else {
            dw_warn(d, "DWARF: unsupported location form 0x%x for %s", form, name);
        }
        dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    } else if (get_attr(d, die, DW_AT_const_value, &a)) {
        if (dwarf_whatform(a, &form, &e) == DW_DLV_OK) {
            if (form == DW_FORM_block1 || form == DW_FORM_block2 || form == DW_FORM_block4 ||
                form == DW_FORM_block || form == DW_FORM_exprloc) {
                if (die_expr(d, a, form, &v->expr, &v->expr_len))
                    v->loc_kind = DW_LOC_CONST;
            } else {
                Dwarf_Signed sv = 0;
                Dwarf_Unsigned uv = 0;
                if (form == DW_FORM_sdata && dwarf_formsdata(a, &sv, &e) == DW_DLV_OK) {
                    v->const_val = sv;
                    v->loc_kind = DW_LOC_CONST;
                } else if (form != DW_FORM_sdata && dwarf_formudata(a, &uv, &e) == DW_DLV_OK) {
                    v->const_val = (int64_t)uv;
                    v->loc_kind = DW_LOC_CONST;
                } else
                    dw_dwerr(d, e);
            }
        } else
            dw_dwerr(d, e);
        dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    }
}

static void walk(dw_walk *w, Dwarf_Die die, uint32_t scope, int depth);

static void walk_children(dw_walk *w, Dwarf_Die die, uint32_t scope, int depth)
{
    Dwarf_Error e = 0;
    Dwarf_Die c = 0;
    int rc = dwarf_child(die, &c, &e);
    if (rc == DW_DLV_ERROR) {
        dw_dwerr(w->d, e);
        return;
    }
    while (rc == DW_DLV_OK && !w->failed) {
        walk(w, c, scope, depth + 1);
        Dwarf_Die next = 0;
        rc = dwarf_siblingof_b(w->d->dbg, c, 1, &next, &e);
        dwarf_dealloc_die(c);
        if (rc == DW_DLV_ERROR) {
            dw_dwerr(w->d, e);
            return;
        }
        c = next;
    }
}

static void walk(dw_walk *w, Dwarf_Die die, uint32_t scope, int depth)
{
    wd_dwarf *d = w->d;
    Dwarf_Error e = 0;
    Dwarf_Half tag = 0;
    if (depth > 64)
        return;
    if (dwarf_tag(die, &tag, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return;
    }
    switch (tag) {
    case DW_TAG_subprogram:
    case DW_TAG_inlined_subroutine:
    case DW_TAG_lexical_block: {
        dw_range *r, one;
        uint32_t n, low = 0;
        bool has_low;
        if (!die_ranges(w, die, &r, &n, &has_low, &low, &one))
            return;
        if (tag != DW_TAG_lexical_block && n == 0)
            return;   /* declaration, abstract instance or dead code */
        if (tag == DW_TAG_lexical_block && scope == UINT32_MAX)
            return;
        uint8_t kind = tag == DW_TAG_subprogram     ? DW_SC_SUBPROGRAM
                       : tag == DW_TAG_inlined_subroutine ? DW_SC_INLINED
                                                          : DW_SC_BLOCK;
        uint32_t idx = add_scope(w, kind, scope);
        if (idx == UINT32_MAX)
            return;
        dw_scope *s = &w->scopes[idx];
        if (n == 1)
            s->one = r[0];
        else
            s->ranges = r;
        s->nranges = n;
        if (kind != DW_SC_BLOCK)
            fill_function_names(w, die, s);
        if (kind == DW_SC_INLINED) {
            uint64_t v;
            if (die_udata(d, die, DW_AT_call_file, &v))
                s->call_file = (uint16_t)(v > 0xffff ? 0xffff : v);   /* 0xffff: none */
            if (die_udata(d, die, DW_AT_call_line, &v))
                s->call_line = (uint32_t)v;
            if (die_udata(d, die, DW_AT_call_column, &v))
                s->call_column = (uint16_t)(v > 0xffff ? 0xffff : v);   /* as line rows */
            if (die_udata(d, die, DW_AT_GNU_discriminator, &v))
                s->discr = (uint16_t)(v > 0xffff ? 0xffff : v);
        }
        if (kind == DW_SC_SUBPROGRAM) {
            Dwarf_Attribute a;
            if (get_attr(d, die, DW_AT_frame_base, &a)) {
                Dwarf_Half form = 0;
                const uint8_t *fb = NULL;
                uint32_t fblen = 0;
                if (dwarf_whatform(a, &form, &e) != DW_DLV_OK)
                    dw_dwerr(d, e);
                else if (die_expr(d, a, form, &fb, &fblen) && fblen <= 0xffff) {
                    s->frame_base = fb;
                    s->frame_base_len = (uint16_t)fblen;
                } else if (fblen > 0xffff)
                    dw_warn(d, "DWARF: frame base of %s is too long; ignored",
                            s->name ? s->name : "?");
                dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
            }
        }
        walk_children(w, die, idx, depth);
        w->scopes[idx].end = (uint32_t)w->nscopes;
        return;
    }
    case DW_TAG_variable:
    case DW_TAG_formal_parameter:
        if (tag == DW_TAG_formal_parameter && scope == UINT32_MAX)
            return;
        if (scope == UINT32_MAX && die_has(d, die, DW_AT_declaration) &&
            !die_has(d, die, DW_AT_location))
            return;   /* extern declaration: the definition has the location */
        add_var(w, die, tag, scope);
        return;
    case DW_TAG_namespace:
    case DW_TAG_module:
        if (scope == UINT32_MAX)
            walk_children(w, die, scope, depth);
        return;
    default:
        return;
    }
}

typedef struct sp_ent { dw_range r; uint32_t scope; } sp_ent;

static int cmp_sp_ent(const void *a, const void *b)
{
    const sp_ent *x = a, *y = b;
    if (x->r.lo != y->r.lo)
        return x->r.lo < y->r.lo ? -1 : 1;
    return x->scope < y->scope ? -1 : x->scope > y->scope;
}

bool dw_unit_dies(wd_dwarf *d, dw_unit *u)
{
    if (u->dies_done)
        return u->nscopes > 0 || u->nvars > 0;
    u->dies_done = true;
    if (u->broken)
        return false;
    dw_unit_lines(d, u);   /* decl_file / call_file need the file table */
    Dwarf_Die cu = die_at(d, u->die_off);
    if (!cu) {
        dw_warn(d, "DWARF: cannot read the DIEs of %s", u->name ? u->name : "?");
        return false;
    }
    dw_walk w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.u = u;
    walk_children(&w, cu, UINT32_MAX, 0);
    dwarf_dealloc_die(cu);
    if (w.failed)
        dw_warn(d, "DWARF: out of memory reading %s", u->name ? u->name : "?");
    /* scopes stay where the walk built them, trimmed to size (a copy would be the
     * peak of a sweep); variables are regrouped by scope (stable) into the arena */
    dw_scope *fit = w.nscopes ? realloc(w.scopes, w.nscopes * sizeof *w.scopes) : NULL;
    u->scopes = fit ? fit : w.scopes;
    u->nscopes = (uint32_t)w.nscopes;
    u->vars = dw_alloc(&d->arena, (w.nvars ? w.nvars : 1) * sizeof *u->vars);
    if (!u->vars) {
        free(w.vars);
        return false;
    }
    /* globals (scope UINT32_MAX) first, then by scope index */
    size_t k = 0;
    for (size_t i = 0; i < w.nvars; i++)
        if (w.vars[i].scope == UINT32_MAX)
            u->vars[k++] = w.vars[i];
    uint32_t nglob = (uint32_t)k;
    (void)nglob;
    for (uint32_t s = 0; s < u->nscopes; s++) {
        u->scopes[s].first_var = (uint32_t)k;
        for (size_t i = 0; i < w.nvars; i++)
            if (w.vars[i].scope == s)
                u->vars[k++] = w.vars[i];
        u->scopes[s].nvars = (uint32_t)k - u->scopes[s].first_var;
    }
    u->nvars = (uint32_t)k;
    free(w.vars);
    /* top-level subprogram ranges, sorted */
    size_t n = 0;
    for (uint32_t s = 0; s < u->nscopes; s++)
        if (u->scopes[s].kind == DW_SC_SUBPROGRAM)
            n += u->scopes[s].nranges;
    sp_ent *ents = calloc(n ? n : 1, sizeof *ents);
    if (!ents)
        return false;
    n = 0;
    for (uint32_t s = 0; s < u->nscopes; s++)
        if (u->scopes[s].kind == DW_SC_SUBPROGRAM)
            for (uint32_t j = 0; j < u->scopes[s].nranges; j++) {
                ents[n].r = dw_scope_ranges(&u->scopes[s])[j];
                ents[n].scope = s;
                n++;
            }
    qsort(ents, n, sizeof *ents, cmp_sp_ent);
    u->sp_ranges = dw_alloc(&d->arena, (n ? n : 1) * sizeof *u->sp_ranges);
    u->sp_of_range = dw_alloc(&d->arena, (n ? n : 1) * sizeof *u->sp_of_range);
    if (u->sp_ranges && u->sp_of_range) {
        for (size_t i = 0; i < n; i++) {
            u->sp_ranges[i] = ents[i].r;
            u->sp_of_range[i] = ents[i].scope;
        }
        u->nsp_ranges = (uint32_t)n;
    }
    free(ents);
    return true;
}

/* ------------------------------------------------------------ chains */

/* The innermost subprogram containing addr (nested subprograms win). */
static uint32_t find_subprogram(const dw_unit *u, uint32_t addr)
{
    size_t lo = 0, hi = u->nsp_ranges;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u->sp_ranges[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    uint32_t best = UINT32_MAX;
    for (size_t i = lo, k = 0; i > 0 && k < 64; i--, k++) {
        const dw_range *r = &u->sp_ranges[i - 1];
        if (addr >= r->lo && addr < r->hi) {
            /* ranges nest: the containing range with the greatest start is the
             * innermost (a nested subprogram starts inside its parent) */
            best = u->sp_of_range[i - 1];
            break;
        }
    }
    return best;
}

/* Fills chain[] with scope indexes, outermost (the subprogram) first, all
 * scopes (blocks too) containing addr. Returns the count. */
static size_t scope_chain(const dw_unit *u, uint32_t addr, uint32_t *chain, size_t max)
{
    uint32_t sp = find_subprogram(u, addr);
    if (sp == UINT32_MAX)
        return 0;
    /* walk up from sp to its outermost subprogram? nested subprograms are
     * reported alone, as llvm does */
    size_t n = 0;
    chain[n++] = sp;
    uint32_t cur = sp;
    uint32_t i = cur + 1;
    while (i < u->scopes[cur].end && n < max) {
        const dw_scope *s = &u->scopes[i];
        bool in = s->kind == DW_SC_BLOCK && s->nranges == 0 ? true : dw_scope_has(s, addr);
        if (in && s->kind != DW_SC_SUBPROGRAM) {
            chain[n++] = i;
            cur = i;
            i++;
        } else {
            i = s->end > i ? s->end : i + 1;
        }
    }
    return n;
}

static const char *scope_decl_file(const dw_unit *u, const dw_scope *s)
{
    const char *f = dw_unit_file(u, s->decl_file);
    return f ? f : "";
}

/* The name llvm-symbolizer prints for a function scope (see dw_scope.shows_linkage). */
static const char *scope_symbol_name(const dw_scope *s)
{
    return s->shows_linkage ? s->linkage : s->name;
}

static void frame_from_scope(const dw_unit *u, const dw_scope *s, wd_dw_frame *f)
{
    f->function = scope_symbol_name(s);
    f->source_name = s->name;
    f->linkage_name = s->linkage;
    f->decl_file = scope_decl_file(u, s);
    f->decl_line = s->decl_line;
    f->low_pc = s->nranges ? dw_scope_ranges(s)[0].lo : 0;
    f->inlined = s->kind == DW_SC_INLINED;
}

static const char *name_section_func(wd_dwarf *d, uint32_t addr)
{
    uint64_t file_off = wd_module_code_section_offset(d->m) + addr;
    uint32_t n = wd_module_func_count(d->m);
    /* functions are laid out in order: binary search over defined ones */
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint64_t s, e;
        wd_module_func_range(d->m, mid, &s, &e);
        if (s == 0 && e == 0) {   /* import: all imports come first */
            lo = mid + 1;
            continue;
        }
        if (file_off < s)
            hi = mid;
        else if (file_off >= e)
            lo = mid + 1;
        else {
            /* the range starts at the first instruction; the body's locals
             * come before it, which is still this function */
            return wd_module_func_name(d->m, mid);
        }
    }
    /* between a body's size and its first instruction: the next function */
    if (lo < n) {
        uint64_t s, e, ps = 0, pe = 0;
        wd_module_func_range(d->m, lo, &s, &e);
        if (lo > 0)
            wd_module_func_range(d->m, lo - 1, &ps, &pe);
        if (s && file_off < s && file_off >= pe)
            return wd_module_func_name(d->m, lo);
    }
    return NULL;
}

size_t wd_dwarf_symbolize(wd_dwarf *d, uint32_t addr, bool name_fallback, wd_dw_frame *out,
                          size_t max)
{
    uint32_t chain[64];
    size_t n = 0;
    dw_unit *u = dw_unit_for_addr(d, addr);
    if (u && dw_unit_dies(d, u))
        n = scope_chain(u, addr, chain, 64);
    /* keep only function scopes, innermost first */
    uint32_t fchain[64];
    size_t nf = 0;
    for (size_t i = n; i > 0; i--)
        if (u->scopes[chain[i - 1]].kind != DW_SC_BLOCK)
            fchain[nf++] = chain[i - 1];
    wd_dw_row row;
    bool have_row = u && wd_dwarf_line_at(d, addr, &row);
    if (nf == 0) {
        const char *nm = name_fallback ? name_section_func(d, addr) : NULL;
        if (!have_row && !nm)
            return 0;
        if (max > 0) {
            memset(&out[0], 0, sizeof out[0]);
            out[0].function = out[0].source_name = nm;
            out[0].from_name_section = nm != NULL;
            out[0].file = have_row ? row.file : "";
            out[0].decl_file = "";
            if (have_row) {
                out[0].line = row.line;
                out[0].column = row.column;
                out[0].discriminator = row.discriminator;
            }
        }
        return 1;
    }
    for (size_t i = 0; i < nf && i < max; i++) {
        wd_dw_frame *f = &out[i];
        memset(f, 0, sizeof *f);
        frame_from_scope(u, &u->scopes[fchain[i]], f);
        if (i == 0) {
            f->file = have_row ? row.file : "";
            if (have_row) {
                f->line = row.line;
                f->column = row.column;
                f->discriminator = row.discriminator;
            }
        } else {
            const dw_scope *callee = &u->scopes[fchain[i - 1]];
            const char *cf = dw_unit_file(u, callee->call_file);
            f->file = cf ? cf : "";
            f->line = callee->call_line;
            f->column = callee->call_column;
            f->discriminator = callee->discr;
        }
    }
    return nf;
}

/* ------------------------------------------------------------ functions */

/* Searches the children of die (a unit or a namespace) for the subprogram whose code starts
 * at lo; its DW_AT_type (through specification / abstract origin) into *type_off. */
static bool result_in(wd_dwarf *d, Dwarf_Die die, uint32_t lo, uint64_t *type_off, bool *found,
                      int depth)
{
    Dwarf_Error e = 0;
    Dwarf_Die c = 0;
    int rc = dwarf_child(die, &c, &e);
    while (rc == DW_DLV_OK && !*found) {
        Dwarf_Half tag = 0;
        if (dwarf_tag(c, &tag, &e) == DW_DLV_OK) {
            Dwarf_Addr a = 0;
            if (tag == DW_TAG_subprogram && die_has(d, c, DW_AT_low_pc) &&
                dwarf_lowpc(c, &a, &e) == DW_DLV_OK && a == lo) {
                *found = true;
                if (!find_ref_rec(d, c, DW_AT_type, type_off, 0))
                    *type_off = 0;
            } else if (depth < 8 && (tag == DW_TAG_namespace || tag == DW_TAG_structure_type ||
                                     tag == DW_TAG_class_type)) {
                result_in(d, c, lo, type_off, found, depth + 1);
            }
        }
        Dwarf_Die next = 0;
        rc = dwarf_siblingof_b(d->dbg, c, 1, &next, &e);
        dwarf_dealloc_die(c);
        c = next;
    }
    return *found;
}

bool wd_dwarf_func_result(wd_dwarf *d, uint32_t addr, const wd_dw_type **type)
{
    *type = NULL;
    dw_unit *u = d ? dw_unit_for_addr(d, addr) : NULL;
    if (!u || !dw_unit_dies(d, u))
        return false;
    uint32_t sp = find_subprogram(u, addr);
    if (sp == UINT32_MAX || !u->scopes[sp].nranges)
        return false;
    Dwarf_Die cu = die_at(d, u->die_off);
    if (!cu)
        return false;
    uint64_t off = 0;
    bool found = false;
    result_in(d, cu, dw_scope_ranges(&u->scopes[sp])[0].lo, &off, &found, 0);
    dwarf_dealloc_die(cu);
    if (found && off)
        *type = dw_type_get(d, u, off);
    return found && (!off || *type);
}

static void fill_func(const dw_unit *u, const dw_scope *s, wd_dw_func *f)
{
    f->name = scope_symbol_name(s);
    f->linkage_name = s->linkage;
    f->low_pc = dw_scope_ranges(s)[0].lo;
    f->high_pc = dw_scope_ranges(s)[0].hi;
    f->decl_file = scope_decl_file(u, s);
    f->decl_line = s->decl_line;
}

void wd_dwarf_each_func(wd_dwarf *d, wd_dw_func_fn fn, void *user)
{
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!dw_unit_dies(d, u))
            continue;
        for (uint32_t s = 0; s < u->nscopes; s++) {
            if (u->scopes[s].kind != DW_SC_SUBPROGRAM || !u->scopes[s].nranges)
                continue;
            wd_dw_func f;
            fill_func(u, &u->scopes[s], &f);
            if (!fn(user, &f))
                return;
        }
    }
}

/* b is w, or ends with "::" + w */
static bool scope_tail(const char *b, size_t bn, const char *w, size_t wn)
{
    if (bn == wn)
        return memcmp(b, w, wn) == 0;
    return bn > wn + 2 && memcmp(b + bn - wn, w, wn) == 0 && b[bn - wn - 1] == ':' &&
           b[bn - wn - 2] == ':';
}

/* How gdb lets `break` name a function: its whole (demangled) or linkage name, or its
 * qualified name without parameters and return type ("app::Store::sum" for
 * "app::Store::sum() const"), or a tail of it after "::" ("Store::sum", "sum"), with or
 * without the template arguments ("clamp" for "int geo::clamp<int>(int)"). */
static bool func_name_matches(const dw_scope *sc, const char *want)
{
    if ((sc->name && strcmp(sc->name, want) == 0) ||
        (sc->linkage && strcmp(sc->linkage, want) == 0))
        return true;
    const char *n = sc->name;
    if (!n)
        return false;
    size_t start = 0, end = strlen(n);
    int angle = 0;
    for (size_t i = 0; n[i]; i++) {
        if (n[i] == '<')
            angle++;
        else if (n[i] == '>' && angle > 0)
            angle--;
        else if (angle == 0 && n[i] == ' ' && strncmp(n + i + 1, "operator", 8) != 0 &&
                 (i < 8 || strncmp(n + i - 8, "operator", 8) != 0))
            start = i + 1;   /* after the return type */
        else if (angle == 0 && n[i] == '(' && i > start &&
                 !(i >= 8 && strncmp(n + i - 8, "operator", 8) == 0)) {
            end = i;         /* the parameter list */
            break;
        }
    }
    if (end <= start)
        return false;
    size_t wn = strlen(want);
    if (scope_tail(n + start, end - start, want, wn))
        return true;
    if (n[end - 1] == '>') {  /* without the template arguments */
        int depth = 0;
        size_t k = end;
        while (k > start) {
            char c = n[--k];
            if (c == '>')
                depth++;
            else if (c == '<' && --depth == 0)
                break;
        }
        if (k > start && scope_tail(n + start, k - start, want, wn))
            return true;
    }
    return false;
}

bool wd_dwarf_find_func(wd_dwarf *d, const char *name, wd_dw_func *out)
{
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!dw_unit_dies(d, u))
            continue;
        for (uint32_t s = 0; s < u->nscopes; s++) {
            const dw_scope *sc = &u->scopes[s];
            if (sc->kind != DW_SC_SUBPROGRAM || !sc->nranges)
                continue;
            if (func_name_matches(sc, name)) {
                fill_func(u, sc, out);
                return true;
            }
        }
    }
    return false;
}

size_t wd_dwarf_inlined_entries(wd_dwarf *d, const char *name, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!dw_unit_dies(d, u))
            continue;
        for (uint32_t i = 0; i < u->nscopes; i++) {
            const dw_scope *sc = &u->scopes[i];
            if (sc->kind != DW_SC_INLINED || !sc->nranges || !func_name_matches(sc, name))
                continue;
            const dw_range *r = dw_scope_ranges(sc);
            uint32_t lo = r[0].lo;
            for (uint32_t k = 1; k < sc->nranges; k++)
                if (r[k].lo < lo)
                    lo = r[k].lo;
            if (n < max)
                out[n] = lo;
            n++;
        }
    }
    return n;
}

/* ------------------------------------------------------------ summary */

void wd_dwarf_summarize(wd_dwarf *d, bool full, wd_dwarf_summary *out)
{
    memset(out, 0, sizeof *out);
    out->units = d->nunits;
    out->debug_bytes = d->debug_bytes;
    for (uint32_t i = 0; i < d->nunits; i++)
        if (d->units[i].version < 6)
            out->units_v[d->units[i].version]++;
    if (!full)
        return;
    const char **seen = NULL;
    size_t nseen = 0, cap = 0;
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (dw_unit_lines(d, u)) {
            for (uint32_t i = 0; i < u->nrows; i++) {
                dw_lrow w = dw_row(u, i);
                if (w.flags & WD_DW_ROW_END_SEQUENCE)
                    continue;
                out->line_rows++;
                if (w.file >= u->nfiles)
                    continue;
                const char *f = u->files[w.file];
                bool found = false;
                for (size_t k = nseen; k > 0; k--)
                    if (seen[k - 1] == f || strcmp(seen[k - 1], f) == 0) {
                        found = true;
                        break;
                    }
                if (!found && dw_grow((void **)&seen, &cap, nseen, sizeof *seen))
                    seen[nseen++] = f;
            }
        }
        if (dw_unit_dies(d, u))
            for (uint32_t s = 0; s < u->nscopes; s++) {
                if (u->scopes[s].kind == DW_SC_SUBPROGRAM)
                    out->functions++;
                else if (u->scopes[s].kind == DW_SC_INLINED)
                    out->inlined++;
            }
    }
    out->files = (uint32_t)nseen;
    free(seen);
}

void wd_dwarf_memory(const wd_dwarf *d, wd_dwarf_mem *out)
{
    memset(out, 0, sizeof *out);
    for (uint32_t i = 0; i < d->nunits; i++) {
        const dw_unit *u = &d->units[i];
        out->line_rows += (uint64_t)u->nrows * sizeof *u->rows +
                          (uint64_t)u->nxrows * sizeof *u->xrows +
                          (uint64_t)u->nseqs * sizeof *u->seqs;
        out->scopes += (uint64_t)u->nscopes * sizeof *u->scopes;
        out->vars += (uint64_t)u->nvars * sizeof *u->vars;
    }
    out->arena = d->arena.used;
    out->types = d->types_cap * sizeof *d->types;
}
