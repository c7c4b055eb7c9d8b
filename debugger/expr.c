/* expr.c: the C expression subset of print, display, condition, watch, set var and x.
 *
 * A recursive-descent parser that evaluates as it parses, over DWARF-typed values in the
 * paused program: variables (scopes at the frame's pc, then globals), $localN (wasm locals),
 * $pc, $sp, the value history ($N, $, $$, $$N), integer / float / char literals, members (. ->), indexing, unary * & - ! ~,
 * casts to C scalar types, typedefs and struct pointers, sizeof, the arithmetic, shift,
 * bitwise, comparison and logical operators, ?: and assignment. Nothing is evaluated in the
 * guest: reading memory is the only effect, and assignment the only write.
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

typedef struct ectx {
    wd_dbg *s;
    uint32_t wdepth, inl, addr;
    const char *p;
    char *err;
    size_t esz;
    bool failed;
    bool symbols;                    /* check_only: look names up at addr */
    bool check_only;                 /* dbg_expr_check: read the whole text without evaluating */
    int noeval;                      /* > 0: parse only (check_only, or the side of &&, || and
                                        ?: that C does not evaluate); values are placeholders */
} ectx;

static bool fail(ectx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(ectx *c, const char *fmt, ...)
{
    if (!c->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->esz, fmt, ap);
        va_end(ap);
    }
    c->failed = true;
    return false;
}

static void ws(ectx *c) { c->p = dbg_skip_ws(c->p); }

static bool accept(ectx *c, const char *tok)
{
    ws(c);
    size_t n = strlen(tok);
    if (strncmp(c->p, tok, n) != 0)
        return false;
    /* do not split longer operators: "<" vs "<=", "&" vs "&&" */
    if (n == 1 && strchr("<>&|=!", tok[0]) && (c->p[1] == '=' || (c->p[1] == tok[0] && tok[0] != '!')))
        return false;
    if (n == 2 && (strcmp(tok, "<<") == 0 || strcmp(tok, ">>") == 0) && c->p[2] == '=')
        return false;
    c->p += n;
    return true;
}

/* ------------------------------------------------------------ values */

static void synth_int(dbg_value *v, uint64_t u, unsigned size, bool sgn, const char *name)
{
    memset(v, 0, sizeof *v);
    v->kind = DV_INT;
    v->size = size;
    v->is_signed = sgn;
    v->u = size >= 8 ? u : u & (((uint64_t)1 << (8 * size)) - 1);
    v->wlocal = -1;
    snprintf(v->tname, sizeof v->tname, "%s", name);
}

static void synth_float(dbg_value *v, double f, unsigned size)
{
    memset(v, 0, sizeof *v);
    v->kind = DV_FLOAT;
    v->size = size;
    v->f = f;
    v->wlocal = -1;
    snprintf(v->tname, sizeof v->tname, "%s", size == 4 ? "float" : "double");
}

static int64_t sval(const dbg_value *v)
{
    if (v->kind == DV_FLOAT)
        return (int64_t)v->f;
    if (!v->is_signed || v->size >= 8)
        return (int64_t)v->u;
    unsigned sh = (unsigned)(64 - 8 * v->size);
    return (int64_t)(v->u << sh) >> sh;
}

static double fval(const dbg_value *v)
{
    if (v->kind == DV_FLOAT)
        return v->f;
    return v->is_signed ? (double)sval(v) : (double)v->u;
}

static bool read_mem(ectx *c, uint64_t addr, void *dst, size_t n)
{
    if (!dbg_read(c->s, addr, dst, n))
        return fail(c, "Cannot access memory at address 0x%" PRIx64, addr);
    return true;
}

/* Loads scalar bits for a value whose type and (for lvalues) address are set. */
static void set_from_bytes(dbg_value *v, const uint8_t *b, size_t n)
{
    uint64_t u = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        u |= (uint64_t)b[i] << (8 * i);
    if (v->kind == DV_FLOAT) {
        if (v->size == 4) {
            float f;
            uint32_t w = (uint32_t)u;
            memcpy(&f, &w, 4);
            v->f = f;
        } else {
            memcpy(&v->f, &u, 8);
        }
    } else {
        v->u = u;
    }
}

static void classify(wd_dwarf *d, const wd_dw_type *t, dbg_value *v)
{
    v->t = t;
    v->size = wd_dw_type_size(d, t);
    v->wlocal = -1;
    switch (dbgt_kind(d, t)) {
    case DT_BASE:
    case DT_ENUM: {
        int e = dbgt_encoding(d, t);
        v->kind = e == DE_FLOAT ? DV_FLOAT : DV_INT;
        v->is_signed = e == DE_SIGNED || e == DE_CHAR_S;
        break;
    }
    case DT_PTR:
        v->kind = DV_PTR;
        break;
    default:
        v->kind = t ? DV_AGG : DV_VOID;
        break;
    }
}

static bool from_mem(ectx *c, const wd_dw_type *t, uint64_t addr, dbg_value *v)
{
    memset(v, 0, sizeof *v);
    classify(c->s->dw, t, v);
    v->lval = true;
    v->addr = addr;
    if (v->kind != DV_AGG && v->kind != DV_VOID) {
        uint8_t b[8] = {0};
        size_t n = v->size > 8 ? 8 : (size_t)v->size;
        if (!read_mem(c, addr, b, n))
            return false;
        set_from_bytes(v, b, n);
    }
    return true;
}

/* ------------------------------------------------------------ variables */

static bool deref(ectx *c, const dbg_value *p, int64_t index, dbg_value *out);
static bool member(ectx *c, const dbg_value *v, const char *name, dbg_value *out);

static bool variable(ectx *c, const char *name, dbg_value *v)
{
    wd_dbg *s = c->s;
    if (!s->dw)
        return fail(c, "No symbol table is loaded.");
    const wd_dw_var *var = wd_dwarf_find_var(s->dw, c->addr, c->inl, name);
    wd_dw_func fn;
    if (!var && dbg_find_func(s, name, &fn)) {
        /* a function: its code address, as gdb (x/4i work, break *work, p work) */
        memset(v, 0, sizeof *v);
        v->kind = DV_PTR;
        v->size = 4;
        v->u = fn.low_pc;
        uint32_t fi = dbg_func_of_off(s, s->code_off + fn.low_pc);
        uint64_t lo, hi;   /* its first instruction, after the locals' declarations */
        if (fi != UINT32_MAX) {
            wd_module_func_range(s->m, fi, &lo, &hi);
            v->u = lo - s->code_off;
        }
        v->wlocal = -1;
        v->func = dbg_display_name(fn.name);
        snprintf(v->tname, sizeof v->tname, "<code>");
        return true;
    }
    if (!var && strcmp(name, "this") != 0 && wd_dwarf_find_var(s->dw, c->addr, c->inl, "this")) {
        /* in a C++ member function a bare member name means this->name, as in gdb */
        dbg_value self, obj;
        ectx save = *c;
        uint64_t moff;
        const wd_dw_type *mt;
        if (variable(c, "this", &self) && self.kind == DV_PTR && deref(c, &self, 0, &obj) &&
            obj.kind == DV_AGG && obj.t && dbgt_member(s->dw, obj.t, name, &moff, &mt))
            return member(c, &obj, name, v);
        *c = save;
    }
    if (!var)
        return fail(c, "No symbol \"%s\" in current context.", name);
    const wd_dw_type *t = wd_dw_var_type(s->dw, var);
    dbg_tctx tc;
    wd_dw_target tg;
    dbg_target(s, c->wdepth, &tc, &tg);
    wd_dw_location loc;
    if (!wd_dwarf_var_location(s->dw, var, c->addr, &tg, &loc))
        return fail(c, "Cannot evaluate the location of \"%s\": %s", name,
                    loc.error[0] ? loc.error : "unknown");
    if (loc.npieces == 0 || (loc.npieces == 1 && loc.pieces[0].kind == WD_DW_LOC_NONE))
        return fail(c, "\"%s\" has been optimized out", name);
    if (loc.npieces == 1 && loc.pieces[0].kind == WD_DW_LOC_MEMORY)
        return from_mem(c, t, loc.pieces[0].addr, v);
    /* value pieces: scalars only */
    memset(v, 0, sizeof *v);
    classify(s->dw, t, v);
    if (v->kind == DV_AGG || v->size > 16)
        return fail(c, "\"%s\" is split across registers; use print %s", name, name);
    uint8_t b[16] = {0};
    size_t at = 0;
    for (uint32_t i = 0; i < loc.npieces && at < 16; i++) {
        const wd_dw_piece *pc = &loc.pieces[i];
        size_t n = pc->size ? pc->size : (size_t)v->size - at;
        if (at + n > 16)
            n = 16 - at;
        if (pc->kind == WD_DW_LOC_NONE)
            return fail(c, "\"%s\" has been optimized out", name);
        if (pc->kind == WD_DW_LOC_MEMORY) {
            if (!read_mem(c, pc->addr, b + at, n))
                return false;
        } else if (pc->kind == WD_DW_LOC_VALUE) {
            for (size_t k = 0; k < n && k < 8; k++)
                b[at + k] = (uint8_t)(pc->value >> (8 * k));
        } else {
            memcpy(b + at, pc->bytes, n);
        }
        at += n;
    }
    set_from_bytes(v, b, (size_t)v->size);
    /* a variable the optimiser keeps in a wasm local is assigned there (set var v = 7) */
    if (loc.npieces == 1 && loc.pieces[0].kind == WD_DW_LOC_VALUE && loc.pieces[0].in_local) {
        v->wlocal = (int)loc.pieces[0].local;
        v->wframe = c->wdepth;
    }
    return true;
}

bool dbg_value_typed(wd_dbg *s, const wd_dw_type *t, bool in_mem, uint64_t addr,
                     const uint8_t *bytes, size_t n, dbg_value *v)
{
    if (!s->dw || !t)
        return false;
    if (in_mem) {
        char err[160];
        ectx c = { s, 0, 0, 0, "", NULL, 0, false, false, false, 0 };
        c.err = err;
        c.esz = sizeof err;
        return from_mem(&c, t, addr, v);
    }
    memset(v, 0, sizeof *v);
    classify(s->dw, t, v);
    if (v->kind == DV_AGG || v->kind == DV_VOID || v->size > 8)
        return false;
    set_from_bytes(v, bytes, n < v->size ? n : (size_t)v->size);
    return true;
}

bool dbg_value_from_wasm(wd_value wv, dbg_value *v)
{
    switch (wv.type) {
    case WD_I32: synth_int(v, wv.of.i32, 4, true, "i32"); return true;
    case WD_I64: synth_int(v, wv.of.i64, 8, true, "i64"); return true;
    case WD_F32: {
        float f;
        memcpy(&f, &wv.of.f32_bits, 4);
        synth_float(v, f, 4);
        snprintf(v->tname, sizeof v->tname, "f32");
        return true;
    }
    case WD_F64: {
        double f;
        memcpy(&f, &wv.of.f64_bits, 8);
        synth_float(v, f, 8);
        snprintf(v->tname, sizeof v->tname, "f64");
        return true;
    }
    default:
        return false;
    }
}

int dbg_hist_push(wd_dbg *s, const dbg_value *v)
{
    if ((uint32_t)s->nhist == s->caphist) {
        uint32_t nc = s->caphist ? s->caphist * 2 : 16;
        dbg_value *nh = realloc(s->hist, nc * sizeof *nh);
        if (!nh)
            return 0;
        s->hist = nh;
        s->caphist = nc;
    }
    dbg_value *h = &s->hist[s->nhist++];
    *h = *v;
    /* gdb's history holds values, not places: scalars stop being lvalues (an aggregate
     * keeps its address, so its members can still be read) */
    if (h->kind != DV_AGG)
        h->lval = false;
    h->wlocal = -1;
    return s->nhist;
}

/* $ (last), $$ (the one before), $$N (N back from the last), $N (absolute). */
static bool history(ectx *c, const char *name, bool back, dbg_value *v)
{
    wd_dbg *s = c->s;
    long n = *name ? strtol(name, NULL, 10) : back ? 1 : 0;
    long idx = back || !*name ? s->nhist - n : n;
    if (s->nhist == 0 && !*name)
        return fail(c, "History is empty.");
    if (idx < 1 || idx > s->nhist)
        return fail(c, "History has not yet reached $%ld.", idx);
    *v = s->hist[idx - 1];
    return true;
}

static bool dollar(ectx *c, const char *name, dbg_value *v)
{
    wd_dbg *s = c->s;
    if (strncmp(name, "local", 5) == 0 && isdigit((unsigned char)name[5])) {
        uint32_t idx = (uint32_t)strtoul(name + 5, NULL, 10);
        wd_value wv;
        if (!s->x || !wd_exec_frame_local(s->x, c->wdepth, idx, &wv))
            return fail(c, "No wasm local %" PRIu32 " in this frame.", idx);
        if (!dbg_value_from_wasm(wv, v))
            return fail(c, "wasm local %" PRIu32 " is a %s", idx, wd_valtype_name(wv.type));
        v->wlocal = (int)idx;
        v->wframe = c->wdepth;
        return true;
    }
    bool digits = true;
    for (const char *p = name; *p; p++)
        digits &= isdigit((unsigned char)*p) != 0;
    if (digits)
        return history(c, name, false, v);
    if (strcmp(name, "pc") == 0) {   /* as gdb: (void (*)()) 0x29c <main+18> */
        synth_int(v, c->addr, 4, false, "void (*)()");
        v->kind = DV_PTR;
        v->code = true;
        return true;
    }
    if (strcmp(name, "sp") == 0) {
        wd_global *g = s->inst ? wd_instance_global(s->inst, 0) : NULL;
        if (!g)
            return fail(c, "No $sp: the program is not running.");
        wd_value gv = wd_global_get(g);
        synth_int(v, gv.of.i32, 4, false, "i32");
        return true;
    }
    return fail(c, "Unknown convenience variable \"$%s\".", name);
}

/* ------------------------------------------------------------ types in casts */

/* Parses a type name at c->p; false (position restored) if there is none. */
static bool type_name(ectx *c, dbg_value *proto)
{
    const char *save = c->p;
    ws(c);
    bool uns = false, sgn = false;
    int longs = 0, shorts = 0;
    const char *base = NULL;
    char word[128];
    const wd_dw_type *dt = NULL;
    for (;;) {
        ws(c);
        size_t n = 0;
        while ((isalnum((unsigned char)c->p[n]) || c->p[n] == '_') && n + 1 < sizeof word) {
            word[n] = c->p[n];
            n++;
        }
        word[n] = '\0';
        if (!n)
            break;
        if (!strcmp(word, "unsigned")) uns = true;
        else if (!strcmp(word, "signed")) sgn = true;
        else if (!strcmp(word, "long")) longs++;
        else if (!strcmp(word, "short")) shorts++;
        else if (!strcmp(word, "const") || !strcmp(word, "volatile")) {}
        else if (!base && !dt && (!strcmp(word, "int") || !strcmp(word, "char") ||
                                  !strcmp(word, "float") || !strcmp(word, "double") ||
                                  !strcmp(word, "void") || !strcmp(word, "_Bool")))
            base = strcmp(word, "int") == 0 ? "int" : strcmp(word, "char") == 0 ? "char"
                 : strcmp(word, "float") == 0 ? "float" : strcmp(word, "double") == 0 ? "double"
                 : strcmp(word, "void") == 0 ? "void" : "_Bool";
        else if (!base && !dt && !uns && !sgn && !longs && !shorts &&
                 (!strcmp(word, "struct") || !strcmp(word, "union") || !strcmp(word, "enum"))) {
            const char *q = dbg_skip_ws(c->p + n);
            size_t m = 0;
            char full[160];
            while ((isalnum((unsigned char)q[m]) || q[m] == '_') && m < 100)
                m++;
            snprintf(full, sizeof full, "%s %.*s", word, (int)m, q);
            dt = c->s->dw ? dbgt_lookup(c->s->dw, full) : NULL;
            if (!dt) {
                c->p = save;
                return fail(c, "No %s type named %.*s.", word, (int)m, q);
            }
            c->p = q + m;
            continue;
        } else if (!base && !dt && !uns && !sgn && !longs && !shorts && c->s->dw &&
                   (dt = dbgt_lookup(c->s->dw, word)) != NULL) {
        } else
            break;
        c->p += n;
    }
    if (!base && !dt && !uns && !sgn && !longs && !shorts) {
        c->p = save;
        return false;
    }
    memset(proto, 0, sizeof *proto);
    proto->wlocal = -1;
    if (dt) {
        classify(c->s->dw, dt, proto);
    } else if (base && !strcmp(base, "float")) {
        synth_float(proto, 0, 4);
    } else if (base && !strcmp(base, "double")) {
        synth_float(proto, 0, 8);
    } else if (base && !strcmp(base, "void")) {
        proto->kind = DV_VOID;
        snprintf(proto->tname, sizeof proto->tname, "void");
    } else {
        unsigned size = base && !strcmp(base, "char") ? 1 : base && !strcmp(base, "_Bool") ? 1
                      : shorts ? 2 : longs >= 2 ? 8 : 4;
        char nm[64];
        snprintf(nm, sizeof nm, "%s%s", uns ? "unsigned " : "",
                 base && !strcmp(base, "char") ? "char" : base && !strcmp(base, "_Bool") ? "_Bool"
                 : shorts ? "short" : longs >= 2 ? "long long" : longs ? "long" : "int");
        synth_int(proto, 0, size, !uns, nm);
    }
    /* pointers */
    while (accept(c, "*")) {
        dbg_value p;
        memset(&p, 0, sizeof p);
        p.kind = DV_PTR;
        p.size = 4;
        p.wlocal = -1;
        if (proto->t && c->s->dw && dbgt_pointer_to(c->s->dw, proto->t)) {
            p.t = dbgt_pointer_to(c->s->dw, proto->t);
        } else {
            p.pt = proto->t;
            p.psize = proto->kind == DV_VOID ? 1 : proto->size;
            char inner[56];
            dbg_type_name(c->s, proto, inner, sizeof inner);
            snprintf(p.tname, sizeof p.tname, "%.56s *", inner);
            if (!proto->t && proto->kind != DV_VOID) {
                /* remember a synthetic pointee: encode as size/sign */
                p.pt = NULL;
                p.is_signed = proto->is_signed;
                p.f = proto->kind == DV_FLOAT ? 1.0 : 0.0;
            }
        }
        *proto = p;
    }
    return true;
}

/* Converts v to the type of proto (a cast or an assignment). */
bool dbg_parse_type(wd_dbg *s, const char *text, dbg_value *proto, char *err, size_t errsize)
{
    ectx c = { s, 0, 0, 0, text, err, errsize, false, false, false, 0 };
    err[0] = '\0';
    if (!type_name(&c, proto))
        return false;
    ws(&c);
    return *c.p == '\0';
}

static bool convert(ectx *c, const dbg_value *v, const dbg_value *proto, dbg_value *out)
{
    dbg_value r = *proto;
    r.lval = false;
    r.wlocal = -1;
    if (proto->kind == DV_AGG || v->kind == DV_AGG) {
        if (v->kind == DV_AGG && proto->kind == DV_PTR && v->lval) {   /* array decay */
            r.u = v->addr;
            *out = r;
            return true;
        }
        return fail(c, "Invalid cast.");
    }
    if (proto->kind == DV_VOID) {
        *out = r;
        return true;
    }
    if (proto->kind == DV_FLOAT) {
        r.f = fval(v);
        if (r.size == 4)
            r.f = (float)r.f;
    } else {
        uint64_t u = v->kind == DV_FLOAT ? (uint64_t)(int64_t)v->f : (uint64_t)sval(v);
        if (v->kind == DV_INT && !v->is_signed)
            u = v->u;
        r.u = r.size >= 8 ? u : u & (((uint64_t)1 << (8 * r.size)) - 1);
    }
    *out = r;
    return true;
}

/* ------------------------------------------------------------ the grammar */

static bool expr(ectx *c, dbg_value *v);
static bool unary(ectx *c, dbg_value *v);

static bool deref(ectx *c, const dbg_value *p, int64_t index, dbg_value *out)
{
    wd_dwarf *d = c->s->dw;
    if (p->kind == DV_AGG && p->t && dbgt_kind(d, p->t) == DT_ARRAY) {
        const wd_dw_type *e;
        uint64_t n;
        if (!dbgt_array(d, p->t, &e, &n) || !e)
            return fail(c, "Cannot index this array.");
        uint64_t es = wd_dw_type_size(d, e);
        return from_mem(c, e, p->addr + (uint64_t)index * es, out);
    }
    if (p->kind != DV_PTR)
        return fail(c, "Attempt to take contents of a non-pointer value.");
    const wd_dw_type *tt = p->t ? dbgt_target(d, p->t) : p->pt;
    if (tt) {
        uint64_t es = wd_dw_type_size(d, tt);
        if (dbgt_kind(d, tt) == DT_OTHER && !es)
            return fail(c, "Attempt to take contents of a non-pointer value.");
        return from_mem(c, tt, (uint32_t)(p->u + (uint64_t)index * (es ? es : 1)), out);
    }
    if (!p->psize || strncmp(p->tname, "void", 4) == 0)
        return fail(c, "Attempt to take contents of a non-pointer value.");
    /* a synthetic scalar pointee */
    dbg_value r;
    char nm[64];
    snprintf(nm, sizeof nm, "%s", p->tname);
    char *star = strrchr(nm, '*');
    if (star) {
        *star = '\0';
        size_t l = strlen(nm);
        while (l && nm[l - 1] == ' ')
            nm[--l] = '\0';
    }
    if (p->f == 1.0)
        synth_float(&r, 0, (unsigned)p->psize);
    else
        synth_int(&r, 0, (unsigned)p->psize, p->is_signed, nm);
    r.lval = true;
    r.addr = (uint32_t)(p->u + (uint64_t)index * p->psize);
    uint8_t b[8] = {0};
    if (!read_mem(c, r.addr, b, (size_t)r.size))
        return false;
    set_from_bytes(&r, b, (size_t)r.size);
    *out = r;
    return true;
}

static bool member(ectx *c, const dbg_value *v, const char *name, dbg_value *out)
{
    wd_dwarf *d = c->s->dw;
    uint64_t off;
    const wd_dw_type *mt;
    if (v->kind != DV_AGG || !v->t || !d || !dbgt_member(d, v->t, name, &off, &mt)) {
        if (v->kind == DV_AGG && v->t && d && dbgt_kind(d, v->t) == DT_STRUCT) {
            char tn[128];
            return fail(c, "There is no member named %s in %s.", name,
                        wd_dw_type_name(d, v->t, tn, sizeof tn));
        }
        return fail(c, "Attempt to extract a component of a value that is not a structure.");
    }
    if (!v->lval)
        return fail(c, "The structure is not in memory.");
    return from_mem(c, mt, v->addr + off, out);
}

/* The value of what is read but not evaluated (c->noeval). */
static bool placeholder(dbg_value *v)
{
    synth_int(v, 0, 4, true, "int");
    return true;
}

/* Without evaluating: is name a variable, a function, or (in a C++ member function) a
 * member of *this where the expression is read? gdb resolves every name of an expression
 * when it parses it, so `0 && nosuch` is an error there too. Unchecked when a condition is
 * checked without a place (c->symbols false). */
static bool name_known(ectx *c, const char *name)
{
    if (c->check_only && !c->symbols)
        return true;
    wd_dwarf *d = c->s->dw;
    wd_dw_func fn;
    if ((d && wd_dwarf_find_var(d, c->addr, c->inl, name)) || dbg_find_func(c->s, name, &fn))
        return true;
    const wd_dw_var *self = d ? wd_dwarf_find_var(d, c->addr, c->inl, "this") : NULL;
    const wd_dw_type *st = self ? dbgt_target(d, wd_dw_var_type(d, self)) : NULL;
    uint64_t off;
    const wd_dw_type *mt;
    if (st && dbgt_member(d, wd_dw_type_strip(d, st), name, &off, &mt))
        return true;
    return fail(c, "No symbol \"%s\" in current context.", name);
}

static bool primary(ectx *c, dbg_value *v)
{
    ws(c);
    const char *p = c->p;
    if (*p == '(') {
        c->p++;
        dbg_value proto;
        if (type_name(c, &proto)) {
            if (!accept(c, ")"))
                return fail(c, "A syntax error in expression, near `%s'.", c->p);
            dbg_value x;
            if (!unary(c, &x))
                return false;
            return c->noeval ? placeholder(v) : convert(c, &x, &proto, v);
        }
        if (c->failed)
            return false;
        if (!expr(c, v))
            return false;
        if (!accept(c, ")"))
            return fail(c, "A syntax error in expression, near `%s'.", c->p);
        return true;
    }
    if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
        char *end;
        const char *q = p;
        bool is_float = false;
        if (!(p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))) {
            while (isdigit((unsigned char)*q))
                q++;
            if (*q == '.' || *q == 'e' || *q == 'E')
                is_float = true;
        }
        if (is_float) {
            double f = strtod(p, &end);
            c->p = end;
            if (*c->p == 'f' || *c->p == 'F') {
                c->p++;
                synth_float(v, (float)f, 4);
            } else {
                synth_float(v, f, 8);
            }
            return true;
        }
        unsigned long long u = strtoull(p, &end, 0);
        c->p = end;
        bool uns = false;
        int longs = 0;
        while (*c->p == 'u' || *c->p == 'U' || *c->p == 'l' || *c->p == 'L') {
            if (*c->p == 'u' || *c->p == 'U')
                uns = true;
            else
                longs++;
            c->p++;
        }
        if (isalnum((unsigned char)*c->p) || *c->p == '_')
            return fail(c, "Invalid number \"%.*s\".", (int)(strcspn(p, " )")), p);
        bool big = longs >= 2 || u > 0xffffffffull || (!uns && u > 0x7fffffffull);
        synth_int(v, u, big ? 8 : 4, !uns, big ? (uns ? "unsigned long long" : "long long")
                                                : (uns ? "unsigned int" : "int"));
        return true;
    }
    if (*p == '\'') {
        unsigned ch;
        if (p[1] == '\\') {
            char e = p[2];
            ch = e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? 0 : e == 'r' ? '\r' : (unsigned char)e;
            p += 3;
        } else {
            ch = (unsigned char)p[1];
            p += 2;
        }
        if (*p != '\'')
            return fail(c, "Unmatched single quote.");
        c->p = p + 1;
        synth_int(v, ch, 1, true, "char");
        return true;
    }
    if (*p == '$') {
        char name[64];
        size_t n = 0;
        p++;
        if (*p == '$') {   /* $$ and $$N: back from the last value */
            p++;
            while (isdigit((unsigned char)p[n]) && n + 1 < sizeof name) {
                name[n] = p[n];
                n++;
            }
            name[n] = '\0';
            c->p = p + n;
            return c->noeval ? placeholder(v) : history(c, name, true, v);
        }
        while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof name) {
            name[n] = p[n];
            n++;
        }
        name[n] = '\0';
        c->p = p + n;
        return c->noeval ? placeholder(v) : dollar(c, name, v);   /* known only when running */
    }
    if (isalpha((unsigned char)*p) || *p == '_') {
        char name[256];
        size_t n = 0;
        while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n + 1 < sizeof name) {
            name[n] = p[n];
            n++;
        }
        name[n] = '\0';
        c->p = p + n;
        if (strcmp(name, "sizeof") == 0) {
            ws(c);
            const char *save = c->p;
            dbg_value x, proto;
            if (accept(c, "(")) {
                if (type_name(c, &proto) && accept(c, ")")) {
                    synth_int(v, proto.kind == DV_VOID ? 1 : proto.size, 4, false, "unsigned long");
                    return true;
                }
                if (c->failed)
                    return false;
                c->p = save;
            }
            if (!unary(c, &x))
                return false;
            synth_int(v, x.size, 4, false, "unsigned long");
            return true;
        }
        if (c->noeval)
            return name_known(c, name) && placeholder(v);
        return variable(c, name, v);
    }
    if (!*p)
        return fail(c, "A syntax error in expression, near `'.");
    return fail(c, "A syntax error in expression, near `%s'.", p);
}

static bool postfix(ectx *c, dbg_value *v)
{
    if (!primary(c, v))
        return false;
    for (;;) {
        if (accept(c, "[")) {
            dbg_value i;
            if (!expr(c, &i))
                return false;
            if (!accept(c, "]"))
                return fail(c, "A syntax error in expression, near `%s'.", c->p);
            if (c->noeval)
                continue;
            if (i.kind != DV_INT)
                return fail(c, "Array index must be an integer.");
            dbg_value r;
            if (!deref(c, v, sval(&i), &r))
                return false;
            *v = r;
        } else if (accept(c, "->") || accept(c, ".")) {
            bool arrow = c->p[-1] == '>';
            ws(c);
            char name[128];
            size_t n = 0;
            while ((isalnum((unsigned char)c->p[n]) || c->p[n] == '_') && n + 1 < sizeof name) {
                name[n] = c->p[n];
                n++;
            }
            name[n] = '\0';
            c->p += n;
            if (!n || isdigit((unsigned char)name[0]))
                return fail(c, "A syntax error in expression, near `%s'.", c->p - n);
            if (c->noeval)
                continue;
            dbg_value base = *v, r;
            if (arrow || base.kind == DV_PTR) {
                if (!deref(c, &base, 0, &base))
                    return false;
            }
            if (!member(c, &base, name, &r))
                return false;
            *v = r;
        } else {
            return true;
        }
    }
}

static bool unary(ectx *c, dbg_value *v)
{
    ws(c);
    if (c->noeval) {
        if (accept(c, "-") || accept(c, "+") || accept(c, "!") || accept(c, "~") ||
            accept(c, "*") || accept(c, "&"))
            return unary(c, v) && placeholder(v);
        return postfix(c, v);
    }
    if (accept(c, "-")) {
        if (!unary(c, v))
            return false;
        if (v->kind == DV_FLOAT)
            v->f = -v->f;
        else if (v->kind == DV_INT) {
            dbg_value r;
            synth_int(&r, (uint64_t)0 - v->u, v->size < 4 ? 4 : (unsigned)v->size,
                      v->is_signed || v->size < 4, v->size < 4 ? "int" : v->tname);
            *v = r;
        } else
            return fail(c, "Argument to arithmetic operation not a number or boolean.");
        v->lval = false;
        v->wlocal = -1;
        return true;
    }
    if (accept(c, "+"))
        return unary(c, v);
    if (accept(c, "!")) {
        if (!unary(c, v))
            return false;
        bool t = dbg_value_true(v);
        synth_int(v, !t, 4, true, "int");
        return true;
    }
    if (accept(c, "~")) {
        if (!unary(c, v))
            return false;
        if (v->kind != DV_INT)
            return fail(c, "Argument to complement operation not an integer, boolean.");
        dbg_value r;
        unsigned sz = v->size < 4 ? 4 : (unsigned)v->size;
        synth_int(&r, ~(uint64_t)sval(v), sz, v->is_signed || v->size < 4, v->size < 4 ? "int" : v->tname);
        *v = r;
        return true;
    }
    if (accept(c, "*")) {
        dbg_value p;
        if (!unary(c, &p))
            return false;
        if (p.kind == DV_INT) {   /* gdb: *ADDR reads an int there */
            dbg_value q;
            synth_int(&q, p.u, 4, false, "int *");
            q.kind = DV_PTR;
            q.psize = 4;
            q.is_signed = true;
            p = q;
        }
        return deref(c, &p, 0, v);
    }
    if (accept(c, "&")) {
        dbg_value x;
        if (!unary(c, &x))
            return false;
        if (x.func) {   /* &f is f */
            *v = x;
            return true;
        }
        if (!x.lval)
            return fail(c, "Attempt to take address of value not located in memory.");
        dbg_value r;
        memset(&r, 0, sizeof r);
        r.kind = DV_PTR;
        r.size = 4;
        r.u = x.addr;
        r.wlocal = -1;
        r.t = x.t && c->s->dw ? dbgt_pointer_to(c->s->dw, x.t) : NULL;
        if (!r.t) {
            char inner[56];
            dbg_type_name(c->s, &x, inner, sizeof inner);
            snprintf(r.tname, sizeof r.tname, "%.56s *", inner);
            r.pt = x.t;
            r.psize = x.size;
            r.is_signed = x.is_signed;
            r.f = x.kind == DV_FLOAT ? 1.0 : 0.0;
        }
        *v = r;
        return true;
    }
    return postfix(c, v);
}

/* Array values decay to pointers in arithmetic. */
static void decay(ectx *c, dbg_value *v)
{
    if (v->kind == DV_AGG && v->lval && v->t && c->s->dw && dbgt_kind(c->s->dw, v->t) == DT_ARRAY) {
        const wd_dw_type *e;
        uint64_t n;
        if (dbgt_array(c->s->dw, v->t, &e, &n)) {
            dbg_value r;
            memset(&r, 0, sizeof r);
            r.kind = DV_PTR;
            r.size = 4;
            r.u = v->addr;
            r.wlocal = -1;
            r.t = e ? dbgt_pointer_to(c->s->dw, e) : NULL;
            if (!r.t) {
                r.pt = e;
                r.psize = e ? wd_dw_type_size(c->s->dw, e) : 1;
                snprintf(r.tname, sizeof r.tname, "void *");
            }
            *v = r;
        }
    }
}

static uint64_t pointee_size(ectx *c, const dbg_value *p)
{
    const wd_dw_type *tt = p->t ? dbgt_target(c->s->dw, p->t) : p->pt;
    uint64_t s = tt ? wd_dw_type_size(c->s->dw, tt) : p->psize;
    return s ? s : 1;
}

static bool arith(ectx *c, const char *op, dbg_value *a, const dbg_value *b0)
{
    dbg_value b = *b0;
    decay(c, a);
    decay(c, &b);
    bool cmp = !strcmp(op, "==") || !strcmp(op, "!=") || !strcmp(op, "<") || !strcmp(op, ">") ||
               !strcmp(op, "<=") || !strcmp(op, ">=");
    if (a->kind == DV_AGG || b.kind == DV_AGG || a->kind == DV_VOID || b.kind == DV_VOID)
        return fail(c, "Argument to arithmetic operation not a number or boolean.");
    /* pointer arithmetic */
    if (!cmp && (a->kind == DV_PTR || b.kind == DV_PTR)) {
        if (a->kind == DV_PTR && b.kind == DV_PTR && !strcmp(op, "-")) {
            int64_t d = (int64_t)(a->u - b.u) / (int64_t)pointee_size(c, a);
            synth_int(a, (uint64_t)d, 4, true, "long");
            return true;
        }
        if (a->kind == DV_PTR && b.kind == DV_INT && (!strcmp(op, "+") || !strcmp(op, "-"))) {
            int64_t k = sval(&b) * (int64_t)pointee_size(c, a);
            a->u = (uint32_t)(!strcmp(op, "+") ? a->u + (uint64_t)k : a->u - (uint64_t)k);
            a->lval = false;
            a->wlocal = -1;
            return true;
        }
        if (b.kind == DV_PTR && a->kind == DV_INT && !strcmp(op, "+")) {
            int64_t k = sval(a) * (int64_t)pointee_size(c, &b);
            b.u = (uint32_t)(b.u + (uint64_t)k);
            b.lval = false;
            b.wlocal = -1;
            *a = b;
            return true;
        }
        return fail(c, "Invalid pointer arithmetic.");
    }
    if (a->kind == DV_FLOAT || b.kind == DV_FLOAT) {
        double x = fval(a), y = fval(&b), r = 0;
        if (cmp) {
            bool t = !strcmp(op, "==") ? x == y : !strcmp(op, "!=") ? x != y : !strcmp(op, "<") ? x < y
                   : !strcmp(op, ">") ? x > y : !strcmp(op, "<=") ? x <= y : x >= y;
            synth_int(a, t, 4, true, "int");
            return true;
        }
        switch (op[0]) {
        case '+': r = x + y; break;
        case '-': r = x - y; break;
        case '*': r = x * y; break;
        case '/': r = x / y; break;
        default: return fail(c, "Integer only operation %s.", op);
        }
        /* C's usual conversions: float op float (or an integer) is a float, computed as one */
        bool dbl = (a->kind == DV_FLOAT && a->size > 4) || (b.kind == DV_FLOAT && b.size > 4);
        synth_float(a, dbl ? r : (double)(float)r, dbl ? 8 : 4);
        return true;
    }
    unsigned size = a->size > b.size ? (unsigned)a->size : (unsigned)b.size;
    if (size < 4)
        size = 4;
    bool uns = (a->kind == DV_PTR || b.kind == DV_PTR) ||
               (!a->is_signed && a->size >= size) || (!b.is_signed && b.size >= size);
    uint64_t x = uns ? (a->kind == DV_INT && a->is_signed ? (uint64_t)sval(a) : a->u) : (uint64_t)sval(a);
    uint64_t y = uns ? (b.kind == DV_INT && b.is_signed ? (uint64_t)sval(&b) : b.u) : (uint64_t)sval(&b);
    if (size < 8 && uns) {
        x &= 0xffffffffull;
        y &= 0xffffffffull;
    }
    int64_t sx = (int64_t)x, sy = (int64_t)y;
    if (cmp) {
        bool t;
        if (!strcmp(op, "==")) t = x == y;
        else if (!strcmp(op, "!=")) t = x != y;
        else if (!strcmp(op, "<")) t = uns ? x < y : sx < sy;
        else if (!strcmp(op, ">")) t = uns ? x > y : sx > sy;
        else if (!strcmp(op, "<=")) t = uns ? x <= y : sx <= sy;
        else t = uns ? x >= y : sx >= sy;
        synth_int(a, t, 4, true, "int");
        return true;
    }
    uint64_t r;
    if (!strcmp(op, "+")) r = x + y;
    else if (!strcmp(op, "-")) r = x - y;
    else if (!strcmp(op, "*")) r = x * y;
    else if (!strcmp(op, "/") || !strcmp(op, "%")) {
        if (y == 0)
            return fail(c, "Division by zero");
        if (uns)
            r = op[0] == '/' ? x / y : x % y;
        else if (sy == -1)
            r = op[0] == '/' ? (uint64_t)0 - x : 0;
        else
            r = (uint64_t)(op[0] == '/' ? sx / sy : sx % sy);
    } else if (!strcmp(op, "<<")) r = y >= 64 ? 0 : x << y;
    else if (!strcmp(op, ">>")) r = y >= 64 ? 0 : uns ? x >> y : (uint64_t)(sx >> y);
    else if (!strcmp(op, "&")) r = x & y;
    else if (!strcmp(op, "|")) r = x | y;
    else r = x ^ y;
    const char *nm = size == 8 ? (uns ? "unsigned long long" : "long long") : (uns ? "unsigned int" : "int");
    synth_int(a, r, size, !uns, nm);
    return true;
}

typedef struct binop_level {
    const char *ops[7];
} binop_level;

static const binop_level levels[] = {
    {{"||"}}, {{"&&"}}, {{"|"}}, {{"^"}}, {{"&"}}, {{"==", "!="}},
    {{"<=", ">=", "<", ">"}}, {{"<<", ">>"}}, {{"+", "-"}}, {{"*", "/", "%"}},
    {{"@"}},   /* gdb's artificial array, binding tighter than * and looser than unary */
};
#define NLEVELS (sizeof levels / sizeof levels[0])

/* LEFT@COUNT: COUNT objects of LEFT's type from LEFT's address on (print *p@5, arr[2]@3) */
static bool artificial_array(ectx *c, dbg_value *v, const dbg_value *n)
{
    if (n->kind != DV_INT && n->kind != DV_PTR)
        return fail(c, "The right operand of @ must be an integer.");
    int64_t count = sval(n);
    if (count <= 0)
        return fail(c, "Invalid number %" PRId64 " of repetitions.", count);
    if (!v->lval || v->wlocal >= 0 || !v->t || !c->s->dw)
        return fail(c, "Only values in memory can be extended with '@'.");
    const wd_dw_type *at = wd_dw_type_array_of(c->s->dw, v->t, (uint64_t)count);
    if (!at)
        return fail(c, "Cannot make an array of this type.");
    uint64_t addr = v->addr;
    memset(v, 0, sizeof *v);
    classify(c->s->dw, at, v);
    v->lval = true;
    v->addr = addr;
    return true;
}

static bool binary(ectx *c, size_t level, dbg_value *v)
{
    if (level == NLEVELS)
        return unary(c, v);
    if (!binary(c, level + 1, v))
        return false;
    for (;;) {
        const char *op = NULL;
        for (int k = 0; k < 7 && levels[level].ops[k]; k++)
            if (accept(c, levels[level].ops[k])) {
                op = levels[level].ops[k];
                break;
            }
        if (!op)
            return true;
        /* C does not evaluate the right side of && and || when the left decides */
        bool skip = !c->noeval && ((!strcmp(op, "||") && dbg_value_true(v)) ||
                                   (!strcmp(op, "&&") && !dbg_value_true(v)));
        dbg_value b;
        c->noeval += skip;
        bool ok = binary(c, level + 1, &b);
        c->noeval -= skip;
        if (!ok)
            return false;
        if (c->noeval)
            continue;
        if (skip) {
            synth_int(v, op[0] == '|', 4, true, "int");
            continue;
        }
        if (!strcmp(op, "@")) {
            if (!artificial_array(c, v, &b))
                return false;
            continue;
        }
        if (!strcmp(op, "||") || !strcmp(op, "&&")) {
            bool x = dbg_value_true(v), y = dbg_value_true(&b);
            synth_int(v, op[0] == '|' ? (x || y) : (x && y), 4, true, "int");
            continue;
        }
        if (!arith(c, op, v, &b))
            return false;
    }
}

static bool ternary(ectx *c, dbg_value *v)
{
    if (!binary(c, 0, v))
        return false;
    if (!accept(c, "?"))
        return true;
    /* only the branch the condition takes is evaluated */
    bool cond = c->noeval || dbg_value_true(v);
    bool skip_a = !c->noeval && !cond, skip_b = !c->noeval && cond;
    dbg_value a, b;
    c->noeval += skip_a;
    bool ok = expr(c, &a);
    c->noeval -= skip_a;
    if (ok && !accept(c, ":"))
        ok = false;
    if (ok) {
        c->noeval += skip_b;
        ok = ternary(c, &b);
        c->noeval -= skip_b;
    }
    if (!ok)
        return c->failed ? false : fail(c, "A syntax error in expression, near `%s'.", c->p);
    if (!c->noeval)
        *v = cond ? a : b;
    return true;
}

static bool expr(ectx *c, dbg_value *v)
{
    if (!ternary(c, v))
        return false;
    if (accept(c, "=")) {
        dbg_value rhs;
        if (!expr(c, &rhs))
            return false;
        if (c->noeval)
            return true;
        if (!dbg_assign(c->s, v, &rhs, c->err, c->esz)) {
            c->failed = true;
            return false;
        }
        /* the new value */
        dbg_value nv = *v;
        if (v->lval)
            return from_mem(c, v->t, v->addr, &nv) ? (*v = nv, true) : false;
        convert(c, &rhs, v, &nv);
        nv.wlocal = v->wlocal;
        nv.wframe = v->wframe;
        *v = nv;
    }
    return true;
}

/* Reads a whole expression with c (out NULL: only checks it): the errors of an empty text
 * and of text left over. */
static bool whole(ectx *c, dbg_value *out)
{
    if (!*dbg_skip_ws(c->p)) {
        snprintf(c->err, c->esz, "Argument required (expression to compute).");
        return false;
    }
    dbg_value unused;
    if (!expr(c, out ? out : &unused))
        return false;
    ws(c);
    if (*c->p) {
        snprintf(c->err, c->esz, "A syntax error in expression, near `%s'.", c->p);
        return false;
    }
    return true;
}

bool dbg_expr_check(wd_dbg *s, const uint32_t *addr, const char *text, char *err, size_t errsize)
{
    /* the grammar read without touching the program: conditions are checked when they are
     * set (gdb refuses one that does not parse, or names an unknown variable), long before
     * a frame exists to evaluate them in */
    ectx c = { s, 0, 0, addr ? *addr : 0, text, err, errsize, false, addr != NULL, true, 1 };
    return whole(&c, NULL);
}

bool dbg_eval_at(wd_dbg *s, uint32_t wdepth, uint32_t inl, const char *text, dbg_value *out,
                 char *err, size_t errsize)
{
    ectx c = { s, wdepth, inl, 0, text, err, errsize, false, false, false, 0 };
    wd_frame_info fi;
    if (s->x && wd_exec_frame(s->x, wdepth, &fi) && fi.instance)
        c.addr = (uint32_t)(fi.offset - s->code_off);
    return whole(&c, out);
}

bool dbg_eval(wd_dbg *s, const char *text, dbg_value *out, char *err, size_t errsize)
{
    const dbg_vframe *f = dbg_selected(s);
    ectx c = { s, f ? f->wdepth : 0, f ? f->inl : 0, f ? f->addr : 0, text, err, errsize, false, false, false, 0 };
    return whole(&c, out);
}

bool dbg_value_true(const dbg_value *v)
{
    if (v->kind == DV_FLOAT)
        return v->f != 0;
    if (v->kind == DV_AGG)
        return true;
    return v->u != 0;
}

bool dbg_assign(wd_dbg *s, const dbg_value *dst, const dbg_value *src, char *err, size_t esz)
{
    ectx c = { s, 0, 0, 0, "", err, esz, false, false, false, 0 };
    if (dst->kind == DV_AGG || dst->kind == DV_VOID) {
        snprintf(err, esz, "Assignment to a structure or array is not supported.");
        return false;
    }
    if (!dst->lval && dst->wlocal < 0) {
        snprintf(err, esz, "Left operand of assignment is not an lvalue.");
        return false;
    }
    dbg_value v;
    if (!convert(&c, src, dst, &v))
        return false;
    uint8_t b[8];
    uint64_t bits = v.u;
    if (v.kind == DV_FLOAT) {
        if (v.size == 4) {
            float f = (float)v.f;
            uint32_t w;
            memcpy(&w, &f, 4);
            bits = w;
        } else {
            memcpy(&bits, &v.f, 8);
        }
    }
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(bits >> (8 * i));
    if (dst->lval) {
        wd_memory *mem = dbg_memory(s);
        if (!mem || !wd_memory_write(mem, dst->addr, b, (size_t)(dst->size > 8 ? 8 : dst->size))) {
            snprintf(err, esz, "Cannot access memory at address 0x%" PRIx64, dst->addr);
            return false;
        }
        return true;
    }
    wd_value cur;
    if (!s->x || !wd_exec_frame_local(s->x, dst->wframe, (uint32_t)dst->wlocal, &cur)) {
        snprintf(err, esz, "No wasm local %d in this frame.", dst->wlocal);
        return false;
    }
    wd_value nv = cur;
    switch (cur.type) {
    case WD_I32: nv.of.i32 = (uint32_t)bits; break;
    case WD_I64: nv.of.i64 = bits; break;
    case WD_F32: nv.of.f32_bits = (uint32_t)bits; break;
    case WD_F64: nv.of.f64_bits = bits; break;
    default:
        snprintf(err, esz, "Cannot assign to a %s local.", wd_valtype_name(cur.type));
        return false;
    }
    if (!wd_exec_frame_set_local(s->x, dst->wframe, (uint32_t)dst->wlocal, nv)) {
        snprintf(err, esz, "Cannot set wasm local %d.", dst->wlocal);
        return false;
    }
    return true;
}

/* ------------------------------------------------------------ printing */

void dbg_type_name(wd_dbg *s, const dbg_value *v, char *buf, size_t size)
{
    if (v->t && s->dw) {
        wd_dw_type_name(s->dw, v->t, buf, size);
        return;
    }
    const char *src = v->tname[0] ? v->tname : "int";
    size_t n = strnlen(src, size ? size - 1 : 0);
    if (!size)
        return;
    memcpy(buf, src, n);
    buf[n] = '\0';
}

static void put_char(dbg_buf *b, unsigned ch)
{
    ch &= 0xff;
    if (ch == '\'' || ch == '\\')
        dbuf_printf(b, "\\%c", ch);
    else if (ch >= 0x20 && ch < 0x7f)
        dbuf_printf(b, "%c", ch);
    else if (ch == '\n')
        dbuf_puts(b, "\\n");
    else if (ch == '\t')
        dbuf_puts(b, "\\t");
    else if (ch == 0)
        dbuf_puts(b, "\\000");
    else
        dbuf_printf(b, "\\%03o", ch);
}

static void fmt_scalar(const dbg_value *v, char fmt, dbg_buf *b)
{
    uint64_t mask = v->size >= 8 ? ~(uint64_t)0 : (((uint64_t)1 << (8 * (v->size ? v->size : 4))) - 1);
    uint64_t u = v->u & mask;
    if (v->kind == DV_FLOAT && fmt != 'f') {
        if (v->size == 4) {
            float f = (float)v->f;
            uint32_t w;
            memcpy(&w, &f, 4);
            u = w;
        } else {
            memcpy(&u, &v->f, 8);
        }
        if (fmt == 'd' || fmt == 'u') {   /* gdb converts the float's value */
            dbuf_printf(b, fmt == 'd' ? "%lld" : "%llu", (long long)v->f);
            return;
        }
    }
    switch (fmt) {
    case 'x': dbuf_printf(b, "0x%" PRIx64, u); return;
    case 'o': dbuf_printf(b, "0%" PRIo64, u); return;
    case 'u': dbuf_printf(b, "%" PRIu64, u); return;
    case 'a': dbuf_printf(b, "0x%" PRIx64, u); return;
    case 'd': {
        dbg_value t = *v;
        t.is_signed = true;
        t.u = u;
        dbuf_printf(b, "%" PRId64, sval(&t));
        return;
    }
    case 't': {
        if (!u) {
            dbuf_puts(b, "0");
            return;
        }
        char bits[65];
        int n = 0;
        for (int i = 63; i >= 0; i--)
            if ((u >> i) & 1 || n)
                bits[n++] = (char)('0' + ((u >> i) & 1));
        bits[n] = '\0';
        dbuf_puts(b, bits);
        return;
    }
    case 'c': {
        dbg_value t = *v;
        t.size = 1;
        t.is_signed = true;
        t.u = u & 0xff;
        dbuf_printf(b, "%" PRId64 " '", sval(&t));
        put_char(b, (unsigned)u);
        dbuf_puts(b, "'");
        return;
    }
    case 'f':
        if (v->kind == DV_FLOAT)
            dbuf_printf(b, v->size == 4 ? "%.9g" : "%.17g", v->f);
        else
            dbuf_printf(b, "%" PRId64, sval(v));
        return;
    default:
        break;
    }
    if (v->kind == DV_FLOAT) {
        dbuf_printf(b, v->size == 4 ? "%.9g" : "%.17g", v->f);
    } else if (v->kind == DV_PTR) {
        dbuf_printf(b, "0x%" PRIx64, u);
    } else if (v->size == 1 && (strstr(v->tname, "char") || !v->tname[0])) {
        dbuf_printf(b, "%" PRId64 " '", v->is_signed ? sval(v) : (int64_t)u);
        put_char(b, (unsigned)u);
        dbuf_puts(b, "'");
    } else if (v->is_signed) {
        dbuf_printf(b, "%" PRId64, sval(v));
    } else {
        dbuf_printf(b, "%" PRIu64, u);
    }
}

static void fmt_obj(wd_dbg *s, const dbg_value *v, char fmt, dbg_buf *b, int depth);

static void fmt_members(wd_dbg *s, const dbg_value *v, char fmt, dbg_buf *b, int depth)
{
    wd_dwarf *d = s->dw;
    ectx c = { s, 0, 0, 0, "", NULL, 0, false, false, false, 0 };
    char err[128];
    c.err = err;
    c.esz = sizeof err;
    if (dbgt_kind(d, v->t) == DT_ARRAY) {
        const wd_dw_type *e;
        uint64_t n;
        if (!dbgt_array(d, v->t, &e, &n) || !e) {
            dbuf_puts(b, "<array>");
            return;
        }
        uint64_t es = wd_dw_type_size(d, e);
        dbuf_puts(b, "{");
        for (uint64_t i = 0; i < n; i++) {
            if (i)
                dbuf_puts(b, ", ");
            if (i >= 200) {
                dbuf_puts(b, "...");
                break;
            }
            dbg_value ev;
            c.failed = false;
            if (!from_mem(&c, e, v->addr + i * es, &ev)) {
                dbuf_printf(b, "<%s>", err);
                break;
            }
            fmt_obj(s, &ev, fmt, b, depth + 1);
        }
        dbuf_puts(b, "}");
        return;
    }
    dbuf_puts(b, "{");
    const char *name;
    uint64_t off;
    const wd_dw_type *mt;
    for (uint32_t i = 0; dbgt_member_at(d, v->t, i, &name, &off, &mt); i++) {
        if (i)
            dbuf_puts(b, ", ");
        dbuf_printf(b, "%s = ", name);
        dbg_value mv;
        c.failed = false;
        if (!from_mem(&c, mt, v->addr + off, &mv)) {
            dbuf_printf(b, "<%s>", err);
            continue;
        }
        fmt_obj(s, &mv, fmt, b, depth + 1);
    }
    dbuf_puts(b, "}");
}

static void fmt_obj(wd_dbg *s, const dbg_value *v, char fmt, dbg_buf *b, int depth)
{
    if (depth > 10) {
        dbuf_puts(b, "...");
        return;
    }
    if (v->kind == DV_VOID) {
        dbuf_puts(b, "void");
        return;
    }
    if (v->kind == DV_AGG) {
        if (!v->lval || !v->t || !s->dw) {
            dbuf_puts(b, "<not in memory>");
            return;
        }
        if (!fmt && (dbgt_is_die(v->t) || dbgt_kind(s->dw, v->t) == DT_ARRAY)) {
            char buf[8192];
            dbg_tctx tc;
            wd_dw_target tg;
            dbg_target(s, 0, &tc, &tg);
            if (dbgt_format(s->dw, v->t, true, v->addr, NULL, 0, &tg, buf, sizeof buf)) {
                if (strlen(buf) >= sizeof buf - 1)   /* cut: say so */
                    memcpy(buf + sizeof buf - 4, "...", 4);
                dbuf_puts(b, buf);
                return;
            }
        }
        fmt_members(s, v, fmt, b, depth);
        return;
    }
    if (!fmt && v->t && dbgt_is_die(v->t) && s->dw) {
        if (v->kind == DV_PTR && depth == 0) {
            const wd_dw_type *tt = dbgt_target(s->dw, v->t);
            int e = tt ? dbgt_encoding(s->dw, tt) : 0;
            bool charp = tt && dbgt_kind(s->dw, tt) == DT_BASE && (e == DE_CHAR_S || e == DE_CHAR_U);
            if (!charp) {
                char tn[128];
                wd_dw_type_name(s->dw, v->t, tn, sizeof tn);
                uint64_t p = v->u & 0xffffffffu;
                dbuf_printf(b, "(%s) 0x%" PRIx64, tn, p);
                /* a function pointer: the function in that table slot, as gdb names it */
                if (p && dbgt_kind(s->dw, tt) == DT_FUNC) {
                    dbg_tctx tc;
                    wd_dw_target tg;
                    char fn[256];
                    dbg_target(s, 0, &tc, &tg);
                    if (tg.func_name && tg.func_name(tg.user, p, fn, sizeof fn))
                        dbuf_printf(b, " <%s>", fn);
                }
                return;
            }
        }
        char buf[4096];
        uint8_t bytes[8];
        uint64_t bits = v->u;
        if (v->kind == DV_FLOAT) {
            if (v->size == 4) {
                float f = (float)v->f;
                uint32_t w;
                memcpy(&w, &f, 4);
                bits = w;
            } else {
                memcpy(&bits, &v->f, 8);
            }
        }
        for (int i = 0; i < 8; i++)
            bytes[i] = (uint8_t)(bits >> (8 * i));
        dbg_tctx tc;
        wd_dw_target tg;
        dbg_target(s, 0, &tc, &tg);
        if (dbgt_format(s->dw, v->t, false, 0, bytes, (size_t)v->size, &tg, buf, sizeof buf)) {
            dbuf_puts(b, buf);
            return;
        }
    }
    if (!fmt && v->func) {
        dbuf_printf(b, "{%s} 0x%" PRIx64 " <%s>", v->tname, v->u, v->func);
        return;
    }
    uint32_t fi = v->code ? dbg_func_of_off(s, s->code_off + v->u) : UINT32_MAX;
    if (!fmt && fi != UINT32_MAX && depth == 0) {
        uint64_t lo, hi;
        char nb[32];
        wd_module_func_range(s->m, fi, &lo, &hi);
        dbuf_printf(b, "(%s) 0x%" PRIx64 " <%s+%" PRIu64 ">", v->tname, v->u,
                    dbg_display_name(dbg_func_name(s, fi, nb, sizeof nb)), s->code_off + v->u - lo);
        return;
    }
    if (!fmt && v->kind == DV_PTR && depth == 0) {
        char tn[128];
        dbg_type_name(s, v, tn, sizeof tn);
        dbuf_printf(b, "(%s) 0x%" PRIx64, tn, (uint64_t)(v->u & 0xffffffffu));
        return;
    }
    fmt_scalar(v, fmt, b);
}

void dbg_format_value(wd_dbg *s, const dbg_value *v, char fmt, dbg_buf *b)
{
    fmt_obj(s, v, fmt, b, 0);
}

void dbg_format_bytes(wd_dbg *s, const dbg_value *tmpl, const uint8_t *bytes, size_t n, dbg_buf *b)
{
    dbg_value v = *tmpl;
    v.lval = false;
    if (v.kind == DV_AGG) {
        dbuf_puts(b, "{");
        for (size_t i = 0; i < n; i++)
            dbuf_printf(b, "%s0x%02x", i ? ", " : "", bytes[i]);
        dbuf_puts(b, "}");
        return;
    }
    set_from_bytes(&v, bytes, n < v.size ? n : (size_t)v.size);
    fmt_obj(s, &v, 0, b, 1);
}
