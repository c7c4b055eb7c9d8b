/* dw_demangle.c: demangling of C++ (Itanium ABI) and Rust (legacy and v0) symbol names.
 *
 * Itanium: the subset clang emits for ordinary code: nested and local names, namespaces
 * (anonymous too), classes, templates with type and literal arguments, template parameters,
 * substitutions (S_, S<seq>_, St, Sa, Sb, Ss, Si, So, Sd), constructors and destructors,
 * operators and conversions, ABI tags, lambdas and unnamed types, function/array/member
 * pointer types with cv- and ref-qualifiers, a few special names (vtable, typeinfo, guard
 * variable, thunks) and clone suffixes (".cold", ".part.0"). The text follows GNU c++filt.
 *
 * Rust legacy (_ZN...17h<hash>E) prints the path without the hash, as rustfilt does; Rust
 * v0 (_R...) prints paths, impls, generic arguments, basic and compound types and constants,
 * without crate disambiguators.
 *
 * Anything outside that subset, malformed or too large gives NULL (callers show the name
 * mangled). Every read is bounds-checked, recursion is limited and so is the memory used.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wd_dwarf.h"

#define DM_MAX_INPUT 8192
#define DM_MAX_DEPTH 192
#define DM_MAX_BYTES (4u << 20)

/* ------------------------------------------------------------ strings owned by a run */

typedef struct dm_pool {
    char **strs;
    size_t n, cap;
    size_t bytes;
    bool bad;
} dm_pool;

static char *pool_keep(dm_pool *pl, char *s)
{
    if (!s) {
        pl->bad = true;
        return NULL;
    }
    if (pl->n == pl->cap) {
        size_t nc = pl->cap ? pl->cap * 2 : 64;
        char **ns = realloc(pl->strs, nc * sizeof *ns);
        if (!ns) {
            free(s);
            pl->bad = true;
            return NULL;
        }
        pl->strs = ns;
        pl->cap = nc;
    }
    pl->strs[pl->n++] = s;
    return s;
}

/* Concatenates NULL-terminated string arguments into a new pooled string. */
static char *cat(dm_pool *pl, ...)
{
    if (pl->bad)
        return NULL;
    va_list ap;
    size_t len = 0;
    va_start(ap, pl);
    for (const char *s; (s = va_arg(ap, const char *));)
        len += strlen(s);
    va_end(ap);
    pl->bytes += len + 1;
    if (len > 65536 || pl->bytes > DM_MAX_BYTES) {
        pl->bad = true;
        return NULL;
    }
    char *out = malloc(len + 1);
    if (!out) {
        pl->bad = true;
        return NULL;
    }
    size_t at = 0;
    va_start(ap, pl);
    for (const char *s; (s = va_arg(ap, const char *));) {
        size_t n = strlen(s);
        memcpy(out + at, s, n);
        at += n;
    }
    va_end(ap);
    out[at] = '\0';
    return pool_keep(pl, out);
}

static char *catn(dm_pool *pl, const char *s, size_t n)
{
    if (pl->bad)
        return NULL;
    pl->bytes += n + 1;
    if (n > 65536 || pl->bytes > DM_MAX_BYTES) {
        pl->bad = true;
        return NULL;
    }
    char *out = malloc(n + 1);
    if (!out) {
        pl->bad = true;
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return pool_keep(pl, out);
}

static void pool_free(dm_pool *pl)
{
    for (size_t i = 0; i < pl->n; i++)
        free(pl->strs[i]);
    free(pl->strs);
}

static char *result_dup(const char *s)
{
    size_t n = strlen(s);
    char *r = malloc(n + 1);
    if (r)
        memcpy(r, s, n + 1);
    return r;
}

/* ------------------------------------------------------------ Itanium: state */

/* A type as a declarator: printed l + r; the name of a declared entity would go between. */
enum { TK_PLAIN = 0, TK_FUNC, TK_ARRAY, TK_WRAPPED };

typedef struct dty {
    const char *l, *r;
    int kind;
    int ref;        /* 1: an lvalue reference, 2: an rvalue reference (for collapsing) */
    int tparam;     /* in the substitution table only: k + 1 for a bare T<k>_, which a
                       later S<n>_ means as the template parameter of wherever it is used
                       (it differs after a local name's own encoding), as c++filt reads it */
    const struct dty *pack;   /* an argument pack (J...E): its elements, l is them joined */
    int npack;                /* 1 + how many elements for an argument pack, else 0 */
} dty;

typedef struct dlist {
    dty *v;
    size_t n, cap;
} dlist;

typedef struct it {
    const char *p, *end;
    bool bad;
    int depth;
    dm_pool pool;
    dlist subs;     /* substitution candidates */
    dlist tpl;      /* template arguments of the encoding's name (T_, T0_, ...) */
    int in_type;    /* > 0 while parsing inside a type: template args do not set tpl */
    bool local_enc; /* the next encoding is a local name's function: no return type shown */
    int pack_sel;   /* in a pack expansion (Dp): k + 1 while printing the pack's element k */
    int pack_n;     /* ... the size of the first pack met there, -1 before one is met */
} it;

typedef struct dname {
    const char *s;          /* the full name */
    const char *last;       /* last source name (for constructors, destructors) */
    const char *quals;      /* " const", " &" ... of a member function ("" if none) */
    bool is_template;       /* ends in template arguments */
    bool no_return;         /* constructor, destructor or conversion operator */
} dname;

static bool list_push(it *s, dlist *l, dty t)
{
    if (s->bad)
        return false;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        if (nc > 65536) {
            s->bad = true;
            return false;
        }
        dty *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) {
            s->bad = true;
            return false;
        }
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = t;
    return true;
}

static inline char peek(const it *s, size_t k)
{
    return (size_t)(s->end - s->p) > k ? s->p[k] : '\0';
}

static inline bool eat(it *s, char c)
{
    if (peek(s, 0) == c) {
        s->p++;
        return true;
    }
    return false;
}

static inline bool eat2(it *s, const char *two)
{
    if (peek(s, 0) == two[0] && peek(s, 1) == two[1]) {
        s->p += 2;
        return true;
    }
    return false;
}

static bool fail(it *s)
{
    s->bad = true;
    return false;
}

static char *tstr(it *s, dty t)
{
    if (!t.l || !t.r)
        return NULL;
    if (t.kind == TK_PLAIN)
        return (char *)t.l;
    return cat(&s->pool, t.l, t.r, NULL);
}

static dty plain(const char *l)
{
    dty t = {l, "", TK_PLAIN, 0, 0, NULL, 0};
    return t;
}

static bool number(it *s, uint64_t *out, bool *neg)
{
    if (neg)
        *neg = eat(s, 'n');
    if (!isdigit((unsigned char)peek(s, 0)))
        return fail(s);
    uint64_t v = 0;
    while (isdigit((unsigned char)peek(s, 0))) {
        if (v > UINT64_MAX / 16)
            return fail(s);
        v = v * 10 + (uint64_t)(*s->p++ - '0');
    }
    *out = v;
    return true;
}

/* <seq-id> _ (base 36, upper case), or just _ ; returns 0 for "_", k+1 for seq k */
static bool seq_id(it *s, size_t *out)
{
    if (eat(s, '_')) {
        *out = 0;
        return true;
    }
    size_t v = 0;
    int n = 0;
    for (;;) {
        char c = peek(s, 0);
        if (isdigit((unsigned char)c))
            v = v * 36 + (size_t)(c - '0');
        else if (c >= 'A' && c <= 'Z')
            v = v * 36 + (size_t)(c - 'A' + 10);
        else
            break;
        s->p++;
        if (++n > 8)
            return fail(s);
    }
    if (!n || !eat(s, '_'))
        return fail(s);
    *out = v + 1;
    return true;
}

static dty parse_type(it *s);
static void use_pack(it *s, dty *t);
static bool parse_name(it *s, dname *out);
static const char *parse_encoding(it *s);
static const char *parse_template_args(it *s);

/* ------------------------------------------------------------ Itanium: type building */

static dty make_ptr(it *s, dty t, const char *sym)
{
    dm_pool *pl = &s->pool;
    bool is_ref = sym[0] == '&';
    if (is_ref && t.ref) {      /* reference collapsing: & wins */
        if (t.ref == 2 && sym[1] == '\0') {
            size_t n = strlen(t.l);
            t.l = n ? catn(pl, t.l, n - 1) : t.l;
            t.ref = 1;
        }
        return t;
    }
    dty r;
    r.ref = is_ref ? (sym[1] ? 2 : 1) : 0;
    switch (t.kind) {
    case TK_PLAIN:
        r.l = cat(pl, t.l, sym, NULL);
        r.r = "";
        r.kind = TK_PLAIN;
        break;
    case TK_FUNC:
        r.l = cat(pl, t.l, "(", sym, NULL);
        r.r = cat(pl, ")", t.r, NULL);
        r.kind = TK_WRAPPED;
        break;
    case TK_ARRAY:
        r.l = cat(pl, t.l, "(", sym, NULL);
        r.r = cat(pl, ") ", t.r, NULL);
        r.kind = TK_WRAPPED;
        break;
    default:
        r.l = cat(pl, t.l, sym, NULL);
        r.r = t.r;
        r.kind = TK_WRAPPED;
        break;
    }
    if (!r.l || !r.r)
        s->bad = true;
    return r;
}

static dty make_cv(it *s, dty t, const char *q)
{
    t.ref = 0;
    size_t tl = strlen(t.l), ql = strlen(q);
    if (t.kind == TK_PLAIN && tl >= ql && strcmp(t.l + tl - ql, q) == 0)
        return t;       /* T const, with T already const */
    if (t.kind == TK_FUNC)
        t.r = cat(&s->pool, t.r, q, NULL);
    else if (t.kind == TK_ARRAY)
        t.l = cat(&s->pool, t.l, q + 1, " ", NULL);   /* "int const [3]" */
    else
        t.l = cat(&s->pool, t.l, q, NULL);
    if (!t.l || !t.r)
        s->bad = true;
    return t;
}

/* ------------------------------------------------------------ Itanium: names */

static const char *source_name(it *s)
{
    uint64_t n;
    if (!number(s, &n, NULL))
        return NULL;
    if (n == 0 || n > (uint64_t)(s->end - s->p))
        return fail(s), NULL;
    const char *id = s->p;
    s->p += n;
    if (n >= 10 && strncmp(id, "_GLOBAL__N", 10) == 0)
        return "(anonymous namespace)";
    return catn(&s->pool, id, (size_t)n);
}

static const struct {
    char code[3];
    const char *name;
} k_ops[] = {
    {"nw", "new"}, {"na", "new[]"}, {"dl", "delete"}, {"da", "delete[]"}, {"ps", "+"},
    {"ng", "-"}, {"ad", "&"}, {"de", "*"}, {"co", "~"}, {"pl", "+"}, {"mi", "-"},
    {"ml", "*"}, {"dv", "/"}, {"rm", "%"}, {"an", "&"}, {"or", "|"}, {"eo", "^"},
    {"aS", "="}, {"pL", "+="}, {"mI", "-="}, {"mL", "*="}, {"dV", "/="}, {"rM", "%="},
    {"aN", "&="}, {"oR", "|="}, {"eO", "^="}, {"ls", "<<"}, {"rs", ">>"}, {"lS", "<<="},
    {"rS", ">>="}, {"eq", "=="}, {"ne", "!="}, {"lt", "<"}, {"gt", ">"}, {"le", "<="},
    {"ge", ">="}, {"ss", "<=>"}, {"nt", "!"}, {"aa", "&&"}, {"oo", "||"}, {"pp", "++"},
    {"mm", "--"}, {"cm", ","}, {"pm", "->*"}, {"pt", "->"}, {"cl", "()"}, {"ix", "[]"},
    {"qu", "?"}, {"aw", "co_await"},
};

/* <operator-name>, NULL if the next two characters are not one */
static const char *operator_name(it *s, bool *conv)
{
    char a = peek(s, 0), b = peek(s, 1);
    *conv = false;
    for (size_t i = 0; i < sizeof k_ops / sizeof k_ops[0]; i++)
        if (k_ops[i].code[0] == a && k_ops[i].code[1] == b) {
            s->p += 2;
            const char *op = k_ops[i].name;
            return cat(&s->pool, "operator", isalpha((unsigned char)op[0]) ? " " : "", op,
                       NULL);
        }
    if (a == 'c' && b == 'v') {
        s->p += 2;
        s->in_type++;
        dty t = parse_type(s);
        s->in_type--;
        *conv = true;
        return s->bad ? NULL : cat(&s->pool, "operator ", tstr(s, t), NULL);
    }
    if (a == 'l' && b == 'i') {
        s->p += 2;
        const char *id = source_name(s);
        return id ? cat(&s->pool, "operator\"\" ", id, NULL) : NULL;
    }
    return NULL;
}

static void abi_tags(it *s, const char **name)
{
    while (!s->bad && peek(s, 0) == 'B' && isdigit((unsigned char)peek(s, 1))) {
        s->p++;
        const char *tag = source_name(s);
        if (tag)
            *name = cat(&s->pool, *name, "[abi:", tag, "]", NULL);
    }
}

/* closure or unnamed type: Ul <params> E [n] _  /  Ut [n] _ */
static const char *unnamed_name(it *s)
{
    if (eat2(s, "Ut")) {
        uint64_t n = 0;
        bool has = isdigit((unsigned char)peek(s, 0));
        if (has && !number(s, &n, NULL))
            return NULL;
        if (!eat(s, '_'))
            return fail(s), NULL;
        char num[24];
        snprintf(num, sizeof num, "%llu", (unsigned long long)(has ? n + 2 : 1));
        return cat(&s->pool, "{unnamed type#", num, "}", NULL);
    }
    if (!eat2(s, "Ul"))
        return fail(s), NULL;
    const char *params = "";
    bool first = true;
    s->in_type++;
    while (!s->bad && peek(s, 0) != 'E') {
        if (first && peek(s, 0) == 'v' && peek(s, 1) == 'E') {
            s->p++;
            break;
        }
        dty t = parse_type(s);
        params = cat(&s->pool, params, first ? "" : ", ", tstr(s, t), NULL);
        first = false;
    }
    s->in_type--;
    if (!eat(s, 'E'))
        return fail(s), NULL;
    uint64_t n = 0;
    bool has = isdigit((unsigned char)peek(s, 0));
    if (has && !number(s, &n, NULL))
        return NULL;
    if (!eat(s, '_'))
        return fail(s), NULL;
    char num[24];
    snprintf(num, sizeof num, "%llu", (unsigned long long)(has ? n + 2 : 1));
    return cat(&s->pool, "{lambda(", params, ")#", num, "}", NULL);
}

/* <unqualified-name>: source, operator, ctor/dtor (needs last), unnamed */
static const char *unqualified(it *s, const char *last, bool *ctor, bool *conv, bool *srcname)
{
    *ctor = *conv = *srcname = false;
    char c = peek(s, 0);
    const char *r = NULL;
    if (c == 'L' && isdigit((unsigned char)peek(s, 1)))   /* internal linkage */
        s->p++, c = peek(s, 0);
    if (isdigit((unsigned char)c)) {
        r = source_name(s);
        *srcname = true;
    } else if (c == 'C' && (isdigit((unsigned char)peek(s, 1)) || peek(s, 1) == 'I')) {
        s->p++;
        if (eat(s, 'I')) {      /* inheriting constructor: CI1 <base class type> */
            if (!isdigit((unsigned char)peek(s, 0)))
                return fail(s), NULL;
            s->p++;
            s->in_type++;
            parse_type(s);
            s->in_type--;
        } else
            s->p++;
        if (!last)
            return fail(s), NULL;
        *ctor = true;
        r = last;
    } else if (c == 'D' && peek(s, 1) >= '0' && peek(s, 1) <= '5') {
        s->p += 2;
        if (!last)
            return fail(s), NULL;
        *ctor = true;
        r = cat(&s->pool, "~", last, NULL);
    } else if (c == 'U' && (peek(s, 1) == 'l' || peek(s, 1) == 't')) {
        r = unnamed_name(s);
    } else if (islower((unsigned char)c)) {
        r = operator_name(s, conv);
        if (!r)
            return fail(s), NULL;
    } else {
        return fail(s), NULL;
    }
    if (r)
        abi_tags(s, &r);
    return s->bad ? NULL : r;
}

static const char *const k_std_long[] = {
    /* Sa */ "std::allocator",
    /* Sb */ "std::basic_string",
    /* Ss */ "std::basic_string<char, std::char_traits<char>, std::allocator<char> >",
    /* Si */ "std::basic_istream<char, std::char_traits<char> >",
    /* So */ "std::basic_ostream<char, std::char_traits<char> >",
    /* Sd */ "std::basic_iostream<char, std::char_traits<char> >",
};
static const char *const k_std_last[] = {"allocator", "basic_string", "basic_string",
                                         "basic_istream", "basic_ostream", "basic_iostream"};

/* <substitution> after 'S' (not St); *last gets the class name for ctor/dtor */
static bool substitution(it *s, dty *out, const char **last)
{
    const char *abbr = "absiod";
    const char *q = strchr(abbr, peek(s, 0));
    *last = NULL;
    if (peek(s, 0) && q) {
        s->p++;
        *out = plain(k_std_long[q - abbr]);
        *last = k_std_last[q - abbr];
        return true;
    }
    size_t k;
    if (!seq_id(s, &k))
        return false;
    if (k >= s->subs.n)
        return fail(s);
    *out = s->subs.v[k];
    if (out->tparam && (size_t)out->tparam <= s->tpl.n)
        *out = s->tpl.v[out->tparam - 1];
    out->tparam = 0;
    use_pack(s, out);
    return true;
}

/* A template argument as it is used: inside a pack expansion an argument pack stands for
 * the element being printed (and tells the expansion how many there are). */
static void use_pack(it *s, dty *t)
{
    if (t->npack == 0)
        return;
    if (s->pack_sel > 0) {
        if (s->pack_n < 0)
            s->pack_n = t->npack - 1;
        if (s->pack_sel < t->npack) {
            *t = t->pack[s->pack_sel - 1];
            return;
        }
    }
    t->pack = NULL;   /* elsewhere: the elements joined */
    t->npack = 0;
}

static bool template_param(it *s, dty *out, size_t *index)
{
    size_t k;
    if (!seq_id(s, &k))
        return false;
    if (k >= s->tpl.n)
        return fail(s);
    *out = s->tpl.v[k];
    out->tparam = 0;
    use_pack(s, out);
    if (index)
        *index = k;
    return true;
}

/* "ns::Foo<int>" -> "Foo": the class name constructors and destructors repeat */
static const char *last_component(it *s, const char *full)
{
    if (!full)
        return NULL;
    size_t n = strlen(full);
    if (n && full[n - 1] == '>') {     /* drop the template arguments */
        int depth = 0;
        while (n > 0) {
            char c = full[--n];
            if (c == '>')
                depth++;
            else if (c == '<' && --depth == 0)
                break;
        }
    }
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (full[i] == '<' || full[i] == '(')
            depth++;
        else if ((full[i] == '>' || full[i] == ')') && depth > 0)
            depth--;
        else if (!depth && full[i] == ':' && full[i + 1] == ':')
            start = i + 2;
    }
    return catn(&s->pool, full + start, n > start ? n - start : 0);
}

static bool nested_name(it *s, dname *out)
{
    dm_pool *pl = &s->pool;
    const char *q = "";
    if (eat(s, 'r'))
        q = " restrict";
    if (eat(s, 'V'))
        q = cat(pl, " volatile", q, NULL);
    if (eat(s, 'K'))
        q = cat(pl, " const", q, NULL);
    if (eat(s, 'R'))
        q = cat(pl, q, " &", NULL);
    else if (eat(s, 'O'))
        q = cat(pl, q, " &&", NULL);
    const char *sofar = NULL, *last = NULL;
    bool pushed_last = false, is_tpl = false, noret = false;
    int guard = 0;
    while (!s->bad && !eat(s, 'E')) {
        if (++guard > 256 || s->p >= s->end)
            return fail(s);
        char c = peek(s, 0);
        bool was_noret = noret;
        is_tpl = false;
        noret = false;
        if (c == 'S' && !sofar) {
            s->p++;
            if (eat(s, 't')) {
                sofar = "std";
            } else {
                dty t;
                if (!substitution(s, &t, &last))
                    return false;
                sofar = tstr(s, t);
                if (!last)
                    last = last_component(s, sofar);
            }
            pushed_last = false;
            continue;
        }
        if (c == 'I') {
            if (!sofar)
                return fail(s);
            const char *args = parse_template_args(s);
            if (!args)
                return fail(s);
            sofar = cat(pl, sofar, sofar[strlen(sofar) - 1] == '<' ? " " : "", args, NULL);
            is_tpl = true;
            noret = was_noret;   /* a constructor template: C1I...E has no return type */
        } else if (c == 'T' && !sofar) {
            s->p++;
            dty t;
            if (!template_param(s, &t, NULL))
                return false;
            sofar = tstr(s, t);
            last = last_component(s, sofar);
        } else if (c == 'D' && (peek(s, 1) == 't' || peek(s, 1) == 'T')) {
            return fail(s);
        } else if (c == 'M') {  /* data member prefix of a closure: already in sofar */
            s->p++;
            continue;
        } else {
            bool ctor, conv, src;
            const char *u = unqualified(s, last, &ctor, &conv, &src);
            if (!u)
                return fail(s);
            if (src)
                last = u;
            noret = ctor || conv;
            sofar = sofar ? cat(pl, sofar, "::", u, NULL) : u;
        }
        if (!sofar || !list_push(s, &s->subs, plain(sofar)))
            return fail(s);
        pushed_last = true;
    }
    if (s->bad || !sofar)
        return fail(s);
    if (pushed_last)
        s->subs.n--;
    out->s = sofar;
    out->last = last;
    out->quals = q;
    out->is_template = is_tpl;
    out->no_return = noret;
    return true;
}

static bool discriminator(it *s)
{
    if (!eat(s, '_'))
        return true;
    uint64_t n;
    if (eat(s, '_')) {
        if (!number(s, &n, NULL))
            return false;
        return eat(s, '_') || fail(s);
    }
    if (!isdigit((unsigned char)peek(s, 0)))
        return fail(s);
    s->p++;
    return true;
}

static bool local_name(it *s, dname *out)
{
    s->local_enc = true;   /* as c++filt: f<int>(int)::x, not "void f<int>(int)::x" */
    const char *enc = parse_encoding(s);
    if (!enc || !eat(s, 'E'))
        return fail(s);
    if (eat(s, 's')) {
        out->s = cat(&s->pool, enc, "::string literal", NULL);
        out->last = NULL;
        out->quals = "";
        out->is_template = out->no_return = false;
        return discriminator(s) && out->s;
    }
    if (eat(s, 'd')) {              /* default argument: d [n] _ <name> */
        uint64_t n = 0;
        bool has = isdigit((unsigned char)peek(s, 0));
        if (has && !number(s, &n, NULL))
            return false;
        if (!eat(s, '_'))
            return fail(s);
        char num[24];   /* numbered from 1 as c++filt does: d_ is #1, d0_ #2 */
        snprintf(num, sizeof num, "%llu", (unsigned long long)(has ? n + 2 : 1));
        enc = cat(&s->pool, enc, "::{default arg#", num, "}", NULL);
    }
    dname in;
    if (!parse_name(s, &in))
        return false;
    if (!discriminator(s))
        return false;
    *out = in;
    out->s = cat(&s->pool, enc, "::", in.s, NULL);
    return out->s != NULL;
}

static bool parse_name(it *s, dname *out)
{
    if (++s->depth > DM_MAX_DEPTH)
        return fail(s);
    bool ok = false;
    memset(out, 0, sizeof *out);
    out->quals = "";
    char c = peek(s, 0);
    if (c == 'N') {
        s->p++;
        ok = nested_name(s, out);
    } else if (c == 'Z') {
        s->p++;
        ok = local_name(s, out);
    } else {
        const char *name = NULL, *last = NULL;
        bool is_sub = false;
        if (c == 'S' && peek(s, 1) == 't') {
            s->p += 2;
            bool ctor, conv, src;
            const char *u = unqualified(s, NULL, &ctor, &conv, &src);
            name = u ? cat(&s->pool, "std::", u, NULL) : NULL;
            last = u;
            out->no_return = conv;
        } else if (c == 'S') {
            s->p++;
            dty t;
            if (substitution(s, &t, &last)) {
                name = tstr(s, t);
                is_sub = true;
            }
        } else {
            bool ctor, conv, src;
            name = unqualified(s, NULL, &ctor, &conv, &src);
            last = name;
            out->no_return = conv;
        }
        if (name && peek(s, 0) == 'I') {
            if (!is_sub && !list_push(s, &s->subs, plain(name)))
                goto done;
            const char *args = parse_template_args(s);
            if (!args)
                goto done;
            name = cat(&s->pool, name, name[strlen(name) - 1] == '<' ? " " : "", args, NULL);
            out->is_template = true;
        } else if (is_sub) {
            fail(s);   /* a lone substitution is not a name */
            goto done;
        }
        out->s = name;
        out->last = last;
        ok = name != NULL && !s->bad;
    }
done:
    s->depth--;
    return ok && !s->bad;
}

/* ------------------------------------------------------------ Itanium: template args */

static const char *literal(it *s)
{
    dm_pool *pl = &s->pool;
    if (eat2(s, "_Z")) {
        const char *enc = parse_encoding(s);
        return enc && eat(s, 'E') ? enc : (fail(s), NULL);
    }
    static const struct {
        char c;
        const char *suffix, *cast;
    } lits[] = {
        {'i', "", NULL}, {'j', "u", NULL}, {'l', "l", NULL}, {'m', "ul", NULL},
        {'x', "ll", NULL}, {'y', "ull", NULL}, {'c', NULL, "char"}, {'a', NULL, "signed char"},
        {'h', NULL, "unsigned char"}, {'s', NULL, "short"}, {'t', NULL, "unsigned short"},
        {'w', NULL, "wchar_t"}, {'n', NULL, "__int128"}, {'o', NULL, "unsigned __int128"},
    };
    char c = peek(s, 0);
    if (c == 'b' && (peek(s, 1) == '0' || peek(s, 1) == '1') && peek(s, 2) == 'E') {
        s->p += 3;
        return s->p[-2] == '1' ? "true" : "false";
    }
    for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++)
        if (lits[i].c == c) {
            s->p++;
            const char *start = s->p;
            bool neg;
            uint64_t v;
            if (!number(s, &v, &neg))
                return NULL;
            const char *digits = catn(pl, start, (size_t)(s->p - start));
            if (!eat(s, 'E'))
                return fail(s), NULL;
            if (digits && digits[0] == 'n')
                digits = cat(pl, "-", digits + 1, NULL);
            if (lits[i].suffix)
                return cat(pl, digits, lits[i].suffix, NULL);
            return cat(pl, "(", lits[i].cast, ")", digits, NULL);
        }
    if (c == 'f' || c == 'd' || c == 'e')
        return fail(s), NULL;
    /* another type (an enum): (Type)value */
    s->in_type++;
    dty t = parse_type(s);
    s->in_type--;
    if (s->bad)
        return NULL;
    const char *start = s->p;
    bool neg;
    uint64_t v;
    if (!number(s, &v, &neg))
        return NULL;
    const char *digits = catn(pl, start, (size_t)(s->p - start));
    if (!eat(s, 'E'))
        return fail(s), NULL;
    if (digits && digits[0] == 'n')
        digits = cat(pl, "-", digits + 1, NULL);
    return cat(pl, "(", tstr(s, t), ")", digits, NULL);
}

static const char *parse_template_args(it *s)
{
    if (!eat(s, 'I'))
        return fail(s), NULL;
    if (++s->depth > DM_MAX_DEPTH)
        return fail(s), NULL;
    bool top = s->in_type == 0;
    dlist args = {0};
    const char *out = "<";
    bool first = true, empty_last = false;
    while (!s->bad && !eat(s, 'E')) {
        if (s->p >= s->end) {
            fail(s);
            break;
        }
        const char *a;
        dty t;
        if (eat(s, 'L')) {
            a = literal(s);
            t = plain(a);
        } else if (eat(s, 'J')) {   /* argument pack: its types, or nothing */
            a = "";
            bool pfirst = true;
            dlist elems = {0};
            s->in_type++;
            while (!s->bad && !eat(s, 'E')) {
                if (s->p >= s->end || peek(s, 0) == 'X' || peek(s, 0) == 'L' ||
                    peek(s, 0) == 'J') {
                    fail(s);
                    break;
                }
                dty pt = parse_type(s);
                a = cat(&s->pool, a, pfirst ? "" : ", ", tstr(s, pt), NULL);
                pt.tparam = 0;
                list_push(s, &elems, pt);
                pfirst = false;
            }
            s->in_type--;
            t = plain(a);
            /* the elements, for a pack expansion (Dp) that uses this argument */
            t.npack = (int)elems.n + 1;
            t.pack = elems.v;
            if (elems.v && !pool_keep(&s->pool, (char *)elems.v))
                s->bad = true;
            if (a && !*a) {     /* an empty pack prints nothing */
                if (top)
                    list_push(s, &args, t);
                empty_last = true;
                continue;
            }
        } else if (peek(s, 0) == 'X') {
            fail(s);   /* expressions: not handled */
            break;
        } else {
            s->in_type++;
            t = parse_type(s);
            s->in_type--;
            a = tstr(s, t);
        }
        if (!a) {
            fail(s);
            break;
        }
        empty_last = false;
        if (top)
            list_push(s, &args, t);
        out = cat(&s->pool, out, first ? "" : ", ", a, NULL);
        first = false;
    }
    if (!s->bad && out) {
        size_t n = strlen(out);
        /* GNU c++filt writes no space when the last argument is an empty pack */
        out = cat(&s->pool, out, out[n - 1] == '>' && !empty_last ? " >" : ">", NULL);
    }
    if (top && !s->bad) {
        free(s->tpl.v);
        s->tpl = args;
    } else {
        free(args.v);
    }
    s->depth--;
    return s->bad ? NULL : out;
}

/* ------------------------------------------------------------ Itanium: types */

static const char *builtin(it *s)
{
    static const char *const one[26] = {
        ['a' - 'a'] = "signed char", ['b' - 'a'] = "bool", ['c' - 'a'] = "char",
        ['d' - 'a'] = "double", ['e' - 'a'] = "long double", ['f' - 'a'] = "float",
        ['g' - 'a'] = "__float128", ['h' - 'a'] = "unsigned char", ['i' - 'a'] = "int",
        ['j' - 'a'] = "unsigned int", ['l' - 'a'] = "long", ['m' - 'a'] = "unsigned long",
        ['n' - 'a'] = "__int128", ['o' - 'a'] = "unsigned __int128", ['s' - 'a'] = "short",
        ['t' - 'a'] = "unsigned short", ['v' - 'a'] = "void", ['w' - 'a'] = "wchar_t",
        ['x' - 'a'] = "long long", ['y' - 'a'] = "unsigned long long", ['z' - 'a'] = "...",
    };
    char c = peek(s, 0);
    if (c >= 'a' && c <= 'z' && one[c - 'a']) {
        s->p++;
        return one[c - 'a'];
    }
    if (c == 'D') {
        static const struct {
            char c;
            const char *name;
        } dd[] = {{'n', "decltype(nullptr)"}, {'i', "char32_t"}, {'s', "char16_t"},
                  {'u', "char8_t"}, {'a', "auto"}, {'c', "decltype(auto)"},
                  {'f', "decimal32"}, {'d', "decimal64"}, {'e', "decimal128"}, {'h', "half"}};
        for (size_t i = 0; i < sizeof dd / sizeof dd[0]; i++)
            if (peek(s, 1) == dd[i].c) {
                s->p += 2;
                return dd[i].name;
            }
        if (peek(s, 1) == 'F') {
            s->p += 2;
            const char *start = s->p;
            uint64_t n;
            if (!number(s, &n, NULL) || !eat(s, '_'))
                return fail(s), NULL;
            return cat(&s->pool, "_Float", catn(&s->pool, start, (size_t)(s->p - 1 - start)),
                       NULL);
        }
    }
    return NULL;
}

static const char *param_list(it *s, char stop)
{
    const char *out = "";
    bool first = true;
    if (peek(s, 0) == 'v' && (peek(s, 1) == stop || peek(s, 1) == '\0' || peek(s, 1) == '.' || (stop == 'E' && (peek(s, 1) == 'R' || peek(s, 1) == 'O') && peek(s, 2) == 'E'))) {
        s->p++;
        return "";
    }
    while (!s->bad && s->p < s->end && peek(s, 0) != stop && peek(s, 0) != '.') {
        if (stop == 'E' && (peek(s, 0) == 'R' || peek(s, 0) == 'O') && peek(s, 1) == 'E')
            break;
        dty t = parse_type(s);
        const char *ts = tstr(s, t);
        if (ts && !*ts)
            continue;   /* a pack expansion of an empty pack: no parameter */
        out = cat(&s->pool, out, first ? "" : ", ", ts, NULL);
        first = false;
    }
    return s->bad ? NULL : out;
}

/* Dp <type>: the type printed for each element of the argument pack it names, joined by
 * ", " (as llvm's demangler and c++filt print it); nothing for an empty pack. The pattern
 * is parsed again per element; the substitutions of the repeats are dropped (the first
 * parse made the candidates). */
static dty pack_expansion(it *s)
{
    int save_sel = s->pack_sel, save_n = s->pack_n;
    const char *start = s->p;
    s->pack_sel = 1;
    s->pack_n = -1;
    dty first = parse_type(s);
    const char *after = s->p, *out = tstr(s, first);
    int n = s->pack_n;
    if (n == 0)
        out = "";
    for (int i = 1; i < n && !s->bad && out; i++) {
        size_t nsubs = s->subs.n;
        s->p = start;
        s->pack_sel = i + 1;
        dty e = parse_type(s);
        s->subs.n = nsubs;
        out = cat(&s->pool, out, ", ", tstr(s, e), NULL);
    }
    s->p = after;
    s->pack_sel = save_sel;
    s->pack_n = save_n;
    if (!out)
        s->bad = true;
    return plain(out ? out : "");
}

static dty parse_type(it *s)
{
    dm_pool *pl = &s->pool;
    dty bad = {"", "", TK_PLAIN, 0, 0, NULL, 0};
    if (s->bad || ++s->depth > DM_MAX_DEPTH) {
        s->bad = true;
        return bad;
    }
    dty t = bad;
    int tparam = 0;
    const char *b = builtin(s);
    char c = peek(s, 0);
    if (b) {
        t = plain(b);
        s->depth--;
        return t;                       /* builtins are not substitution candidates */
    }
    switch (c) {
    case 'r':
    case 'V':
    case 'K': {
        const char *q = "";
        if (eat(s, 'r'))
            q = " restrict";
        if (eat(s, 'V'))
            q = cat(pl, " volatile", q, NULL);
        if (eat(s, 'K'))
            q = cat(pl, " const", q, NULL);
        t = make_cv(s, parse_type(s), q);
        break;
    }
    case 'P':
        s->p++;
        t = make_ptr(s, parse_type(s), "*");
        break;
    case 'R':
        s->p++;
        t = make_ptr(s, parse_type(s), "&");
        break;
    case 'O':
        s->p++;
        t = make_ptr(s, parse_type(s), "&&");
        break;
    case 'C':
        s->p++;
        t = parse_type(s);
        t.l = cat(pl, t.l, " _Complex", NULL);
        break;
    case 'G':
        s->p++;
        t = parse_type(s);
        t.l = cat(pl, t.l, " _Imaginary", NULL);
        break;
    case 'u':
        s->p++;
        t = plain(source_name(s));
        break;
    case 'F': {
        s->p++;
        eat(s, 'Y');
        dty ret = parse_type(s);
        const char *params = param_list(s, 'E');
        const char *rq = "";
        if (eat(s, 'R'))
            rq = " &";
        else if (eat(s, 'O'))
            rq = " &&";
        if (!eat(s, 'E') || (ret.kind != TK_PLAIN && ret.kind != TK_WRAPPED) || !params) {
            s->bad = true;
            break;
        }
        if (ret.kind == TK_PLAIN) {
            t.l = cat(pl, ret.l, " ", NULL);
            t.r = cat(pl, "(", params, ")", rq, NULL);
        } else {    /* returns a pointer to a function or array: int (*(params))() */
            t.l = ret.l;
            t.r = cat(pl, "(", params, ")", rq, ret.r, NULL);
        }
        t.kind = TK_FUNC;
        break;
    }
    case 'A': {
        s->p++;
        const char *dim = "";
        if (isdigit((unsigned char)peek(s, 0))) {
            const char *start = s->p;
            uint64_t n;
            number(s, &n, NULL);
            dim = catn(pl, start, (size_t)(s->p - start));
        } else if (peek(s, 0) != '_') {
            s->bad = true;      /* expression dimensions */
            break;
        }
        if (!eat(s, '_')) {
            s->bad = true;
            break;
        }
        dty e = parse_type(s);
        if (e.kind == TK_PLAIN) {
            t.l = cat(pl, e.l, " ", NULL);
            t.r = cat(pl, "[", dim, "]", NULL);
        } else if (e.kind == TK_ARRAY) {
            t.l = e.l;
            t.r = cat(pl, "[", dim, "]", e.r, NULL);
        } else {
            s->bad = true;
            break;
        }
        t.kind = TK_ARRAY;
        break;
    }
    case 'M': {
        s->p++;
        dty cls = parse_type(s);
        dty m = parse_type(s);
        if (s->bad)
            break;
        const char *sym = cat(pl, tstr(s, cls), "::*", NULL);
        if (m.kind == TK_PLAIN)
            t = plain(cat(pl, m.l, " ", sym, NULL));
        else
            t = make_ptr(s, m, sym);
        break;
    }
    case 'T': {
        s->p++;
        size_t k;
        if (!template_param(s, &t, &k))
            break;
        if (peek(s, 0) == 'I') {
            list_push(s, &s->subs, t);
            const char *args = parse_template_args(s);
            t = plain(cat(pl, tstr(s, t), args, NULL));
        } else {
            tparam = (int)k + 1;
        }
        break;
    }
    case 'S': {
        if (peek(s, 1) == 't') {
            dname n;
            if (parse_name(s, &n))
                t = plain(n.s);
            break;
        }
        s->p++;
        const char *last;
        if (!substitution(s, &t, &last))
            break;
        if (peek(s, 0) != 'I') {
            s->depth--;
            return t;                   /* already a candidate */
        }
        const char *args = parse_template_args(s);
        t = plain(cat(pl, tstr(s, t), args, NULL));
        break;
    }
    case 'D':
        if (peek(s, 1) == 'v' && isdigit((unsigned char)peek(s, 2))) {   /* vector */
            s->p += 2;
            const char *start = s->p;
            uint64_t n;
            number(s, &n, NULL);
            const char *dim = catn(pl, start, (size_t)(s->p - start));
            if (!eat(s, '_')) {
                s->bad = true;
                break;
            }
            dty e = parse_type(s);
            t = plain(cat(pl, tstr(s, e), " __vector(", dim, ")", NULL));
            break;
        }
        if (peek(s, 1) == 'p') {   /* pack expansion: the pattern once per element */
            s->p += 2;
            t = pack_expansion(s);
            break;
        }
        s->bad = true;  /* decltype ... */
        break;
    case 'N':
    case 'Z':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': {
        dname n;
        if (parse_name(s, &n))
            t = plain(n.s);
        break;
    }
    default:
        s->bad = true;
        break;
    }
    s->depth--;
    if (s->bad || !t.l || !t.r) {
        s->bad = true;
        return bad;
    }
    dty entry = t;
    entry.tparam = tparam;
    list_push(s, &s->subs, entry);
    return t;
}

/* ------------------------------------------------------------ Itanium: encodings */

static const char *special_name(it *s)
{
    dm_pool *pl = &s->pool;
    static const struct {
        const char *code, *text;
        bool is_type;
    } sp[] = {
        {"TV", "vtable for ", true}, {"TT", "VTT for ", true}, {"TI", "typeinfo for ", true},
        {"TS", "typeinfo name for ", true}, {"TW", "TLS wrapper function for ", false},
        {"TH", "TLS init function for ", false}, {"GV", "guard variable for ", false},
    };
    for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++)
        if (eat2(s, sp[i].code)) {
            if (sp[i].is_type) {
                s->in_type++;
                dty t = parse_type(s);
                s->in_type--;
                return s->bad ? NULL : cat(pl, sp[i].text, tstr(s, t), NULL);
            }
            dname n;
            return parse_name(s, &n) ? cat(pl, sp[i].text, n.s, NULL) : NULL;
        }
    if (eat2(s, "Th") || eat2(s, "Tv")) {
        bool virt = s->p[-1] == 'v';
        uint64_t n;
        bool neg;
        if (!number(s, &n, &neg) || !eat(s, '_'))
            return fail(s), NULL;
        if (virt && (!number(s, &n, &neg) || !eat(s, '_')))
            return fail(s), NULL;
        const char *enc = parse_encoding(s);
        return enc ? cat(pl, virt ? "virtual thunk to " : "non-virtual thunk to ", enc, NULL)
                   : NULL;
    }
    return fail(s), NULL;
}

static const char *parse_encoding(it *s)
{
    if (++s->depth > DM_MAX_DEPTH)
        return fail(s), NULL;
    const char *r = NULL;
    char c = peek(s, 0);
    if (c == 'T' || (c == 'G' && peek(s, 1) == 'V')) {
        r = special_name(s);
        s->depth--;
        return r;
    }
    dname n;
    int saved_in_type = s->in_type;
    bool local = s->local_enc;
    s->local_enc = false;
    /* an encoding inside a type (a local name's function): its template parameters are
     * its own, and its return type is not printed */
    dlist saved_tpl = s->tpl;
    if (saved_in_type)
        memset(&s->tpl, 0, sizeof s->tpl);
    s->in_type = 0;
    if (!parse_name(s, &n)) {
        s->in_type = saved_in_type;
        if (saved_in_type) {
            free(s->tpl.v);
            s->tpl = saved_tpl;
        }
        s->depth--;
        return NULL;
    }
    if (s->p >= s->end || peek(s, 0) == 'E' || peek(s, 0) == '.') {
        r = n.s;            /* data */
    } else {
        s->in_type = 1;
        dty rt = {NULL, "", TK_PLAIN, 0, 0, NULL, 0};
        if (n.is_template && !n.no_return) {
            rt = parse_type(s);
            if (!s->bad && rt.kind != TK_PLAIN && rt.kind != TK_WRAPPED)
                s->bad = true;
        }
        const char *params = s->bad ? NULL : param_list(s, 'E');
        if (saved_in_type || local)
            rt.l = NULL, rt.r = "";
        if (params && !s->bad)
            r = cat(&s->pool, rt.l ? rt.l : "", rt.l && rt.kind == TK_PLAIN ? " " : "", n.s,
                    "(", params, ")", n.quals, rt.r, NULL);
    }
    s->in_type = saved_in_type;
    if (saved_in_type) {
        free(s->tpl.v);
        s->tpl = saved_tpl;
    }
    s->depth--;
    return s->bad ? NULL : r;
}

static char *itanium(const char *name, size_t len)
{
    it s;
    memset(&s, 0, sizeof s);
    s.p = name + 2;
    s.end = name + len;
    const char *r = parse_encoding(&s);
    /* clone suffixes: .cold, .part.0, .isra.0, .llvm.1234 ... */
    while (r && !s.bad && s.p < s.end) {
        if (*s.p != '.' || s.p + 1 >= s.end) {
            s.bad = true;
            break;
        }
        const char *start = s.p++;
        if (!isalnum((unsigned char)*s.p) && *s.p != '_') {
            s.bad = true;
            break;
        }
        while (s.p < s.end && (isalnum((unsigned char)*s.p) || *s.p == '_'))
            s.p++;
        while (s.p + 1 < s.end && s.p[0] == '.' && isdigit((unsigned char)s.p[1])) {
            s.p++;
            while (s.p < s.end && isdigit((unsigned char)*s.p))
                s.p++;
        }
        r = cat(&s.pool, r, " [clone ", catn(&s.pool, start, (size_t)(s.p - start)), "]", NULL);
    }
    char *out = r && !s.bad && !s.pool.bad ? result_dup(r) : NULL;
    pool_free(&s.pool);
    free(s.subs.v);
    free(s.tpl.v);
    return out;
}

/* ------------------------------------------------------------ Rust legacy */

typedef struct sb {
    char *p;
    size_t len, cap;
    bool bad;
} sb;

static void sb_add(sb *b, const char *s, size_t n)
{
    if (b->bad)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 64;
        while (nc < b->len + n + 1)
            nc *= 2;
        if (nc > 65536) {
            b->bad = true;
            return;
        }
        char *np = realloc(b->p, nc);
        if (!np) {
            b->bad = true;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(sb *b, const char *s) { sb_add(b, s, strlen(s)); }

static char *sb_done(sb *b)
{
    if (b->bad || !b->p) {
        free(b->p);
        return NULL;
    }
    return b->p;
}

static bool is_rust_hash(const char *p, size_t n)
{
    if (n != 17 || p[0] != 'h')
        return false;
    for (size_t i = 1; i < 17; i++)
        if (!isxdigit((unsigned char)p[i]))
            return false;
    return true;
}

static bool legacy_ident(sb *b, const char *p, size_t n)
{
    static const struct {
        const char *esc, *txt;
    } esc[] = {{"$SP$", "@"}, {"$BP$", "*"}, {"$RF$", "&"}, {"$LT$", "<"}, {"$GT$", ">"},
               {"$LP$", "("}, {"$RP$", ")"}, {"$C$", ","}};
    size_t i = 0;
    if (n >= 2 && p[0] == '_' && p[1] == '$')
        i = 1;
    while (i < n) {
        if (p[i] == '.') {
            if (i + 1 < n && p[i + 1] == '.') {
                sb_puts(b, "::");
                i += 2;
            } else {
                sb_puts(b, ".");
                i++;
            }
            continue;
        }
        if (p[i] != '$') {
            sb_add(b, p + i, 1);
            i++;
            continue;
        }
        bool done = false;
        for (size_t k = 0; k < sizeof esc / sizeof esc[0] && !done; k++) {
            size_t el = strlen(esc[k].esc);
            if (i + el <= n && memcmp(p + i, esc[k].esc, el) == 0) {
                sb_puts(b, esc[k].txt);
                i += el;
                done = true;
            }
        }
        if (done)
            continue;
        if (i + 2 < n && p[i + 1] == 'u') {    /* $u7e$: a code point in hex */
            size_t j = i + 2;
            unsigned long cp = 0;
            while (j < n && isxdigit((unsigned char)p[j]) && j - i < 10) {
                cp = cp * 16 + (unsigned long)(isdigit((unsigned char)p[j]) ? p[j] - '0'
                                                  : (tolower((unsigned char)p[j]) - 'a' + 10));
                j++;
            }
            if (j < n && p[j] == '$' && j > i + 2 && cp >= 0x20 && cp < 0x7f) {
                char ch = (char)cp;
                sb_add(b, &ch, 1);
                i = j + 1;
                continue;
            }
        }
        return false;
    }
    return true;
}

static char *rust_legacy(const char *name, size_t len)
{
    const char *p = name + 3, *end = name + len;
    /* components until E; the last one must be the hash */
    const char *comp[128];
    size_t clen[128], nc = 0;
    while (p < end && *p != 'E') {
        if (!isdigit((unsigned char)*p) || nc == 128)
            return NULL;
        size_t n = 0;
        while (p < end && isdigit((unsigned char)*p)) {
            n = n * 10 + (size_t)(*p++ - '0');
            if (n > 4096)
                return NULL;
        }
        if (n == 0 || n > (size_t)(end - p))
            return NULL;
        comp[nc] = p;
        clen[nc++] = n;
        p += n;
    }
    if (p >= end || *p != 'E' || nc < 2 || !is_rust_hash(comp[nc - 1], clen[nc - 1]))
        return NULL;
    p++;
    if (p < end && strncmp(p, ".llvm.", 6) != 0)
        return NULL;
    sb b = {0};
    for (size_t i = 0; i + 1 < nc; i++) {
        if (i)
            sb_puts(&b, "::");
        if (!legacy_ident(&b, comp[i], clen[i])) {
            free(b.p);
            return NULL;
        }
    }
    return sb_done(&b);
}

/* ------------------------------------------------------------ Rust v0 */

typedef struct rv {
    const char *base, *p, *end;   /* base: just after "_R" (backrefs count from there) */
    bool bad;
    int depth;
    sb out;
} rv;

static inline char rpeek(const rv *r) { return r->p < r->end ? *r->p : '\0'; }
static inline bool reat(rv *r, char c)
{
    if (rpeek(r) == c) {
        r->p++;
        return true;
    }
    return false;
}

static bool rfail(rv *r)
{
    r->bad = true;
    return false;
}

static bool b62(rv *r, uint64_t *out)
{
    if (reat(r, '_')) {
        *out = 0;
        return true;
    }
    uint64_t v = 0;
    int n = 0;
    for (;;) {
        char c = rpeek(r);
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'z')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'Z')
            d = (unsigned)(c - 'A' + 36);
        else
            break;
        if (++n > 10)
            return rfail(r);
        v = v * 62 + d;
        r->p++;
    }
    if (!n || !reat(r, '_'))
        return rfail(r);
    *out = v + 1;
    return true;
}

static bool rdisamb(rv *r, uint64_t *out)
{
    *out = 0;
    if (!reat(r, 's'))
        return true;
    uint64_t v;
    if (!b62(r, &v))
        return false;
    *out = v + 1;
    return true;
}

static bool rident(rv *r, const char **id, size_t *n)
{
    bool puny = reat(r, 'u');
    if (!isdigit((unsigned char)rpeek(r)))
        return rfail(r);
    size_t len = 0;
    if (rpeek(r) == '0') {
        r->p++;
    } else {
        while (isdigit((unsigned char)rpeek(r))) {
            len = len * 10 + (size_t)(*r->p++ - '0');
            if (len > 4096)
                return rfail(r);
        }
    }
    reat(r, '_');
    if (len > (size_t)(r->end - r->p) || puny)
        return rfail(r);
    *id = r->p;
    *n = len;
    r->p += len;
    return true;
}

static bool rpath(rv *r, bool in_value);
static bool rtype(rv *r);
static bool rconst(rv *r);

/* runs fn at the backref target, then comes back */
static bool rbackref(rv *r, bool (*fn)(rv *, bool), bool arg)
{
    const char *at = r->p - 1;
    uint64_t off;
    if (!b62(r, &off))
        return false;
    if (off >= (uint64_t)(at - r->base))
        return rfail(r);
    const char *save = r->p;
    r->p = r->base + off;
    bool ok = fn(r, arg);
    r->p = save;
    return ok;
}

static bool rtype_cb(rv *r, bool unused) { (void)unused; return rtype(r); }
static bool rconst_cb(rv *r, bool unused) { (void)unused; return rconst(r); }

static bool rgeneric_args(rv *r)
{
    bool first = true;
    while (!r->bad && !reat(r, 'E')) {
        if (r->p >= r->end)
            return rfail(r);
        if (!first)
            sb_puts(&r->out, ", ");
        first = false;
        if (reat(r, 'L')) {
            uint64_t lt;
            if (!b62(r, &lt))
                return false;
            sb_puts(&r->out, "'_");
        } else if (reat(r, 'K')) {
            if (!rconst(r))
                return false;
        } else if (!rtype(r)) {
            return false;
        }
    }
    return !r->bad;
}

static bool rpath(rv *r, bool in_value)
{
    if (++r->depth > DM_MAX_DEPTH)
        return rfail(r);
    bool ok = true;
    char c = rpeek(r);
    r->p++;
    uint64_t dis;
    const char *id;
    size_t n;
    switch (c) {
    case 'C':
        ok = rdisamb(r, &dis) && rident(r, &id, &n);
        if (ok)
            sb_add(&r->out, id, n);
        break;
    case 'N': {
        char ns = rpeek(r);
        r->p++;
        if (!isalpha((unsigned char)ns)) {
            ok = rfail(r);
            break;
        }
        ok = rpath(r, in_value) && rdisamb(r, &dis) && rident(r, &id, &n);
        if (!ok)
            break;
        if (isupper((unsigned char)ns)) {
            char num[24];
            snprintf(num, sizeof num, "%llu", (unsigned long long)dis);
            sb_puts(&r->out, "::{");
            sb_puts(&r->out, ns == 'C' ? "closure" : ns == 'S' ? "shim" : "?");
            if (n) {
                sb_puts(&r->out, ":");
                sb_add(&r->out, id, n);
            }
            sb_puts(&r->out, "#");
            sb_puts(&r->out, num);
            sb_puts(&r->out, "}");
        } else if (n) {
            sb_puts(&r->out, "::");
            sb_add(&r->out, id, n);
        }
        break;
    }
    case 'M':
    case 'X': {
        /* impl path: skipped (not printed) */
        size_t keep = r->out.len;
        ok = rdisamb(r, &dis) && rpath(r, false);
        r->out.len = keep;
        if (r->out.p)
            r->out.p[keep] = '\0';
        if (!ok)
            break;
    }
        /* fall through */
    case 'Y':
        sb_puts(&r->out, "<");
        ok = rtype(r);
        if (ok && c != 'M') {
            sb_puts(&r->out, " as ");
            ok = rpath(r, false);
        }
        sb_puts(&r->out, ">");
        break;
    case 'I':
        ok = rpath(r, in_value);
        if (!ok)
            break;
        sb_puts(&r->out, in_value ? "::<" : "<");
        ok = rgeneric_args(r);
        sb_puts(&r->out, ">");
        break;
    case 'B':
        ok = rbackref(r, rpath, in_value);
        break;
    default:
        ok = rfail(r);
        break;
    }
    r->depth--;
    return ok && !r->bad;
}

static const char *rbasic(char c)
{
    switch (c) {
    case 'a': return "i8";
    case 'b': return "bool";
    case 'c': return "char";
    case 'd': return "f64";
    case 'e': return "str";
    case 'f': return "f32";
    case 'h': return "u8";
    case 'i': return "isize";
    case 'j': return "usize";
    case 'l': return "i32";
    case 'm': return "u32";
    case 'n': return "i128";
    case 'o': return "u128";
    case 's': return "i16";
    case 't': return "u16";
    case 'u': return "()";
    case 'v': return "...";
    case 'x': return "i64";
    case 'y': return "u64";
    case 'z': return "!";
    case 'p': return "_";
    default: return NULL;
    }
}

static bool rtype(rv *r)
{
    if (++r->depth > DM_MAX_DEPTH)
        return rfail(r);
    bool ok = true;
    char c = rpeek(r);
    const char *b = rbasic(c);
    if (b) {
        r->p++;
        sb_puts(&r->out, b);
        r->depth--;
        return true;
    }
    switch (c) {
    case 'A':
    case 'S':
        r->p++;
        sb_puts(&r->out, "[");
        ok = rtype(r);
        if (ok && c == 'A') {
            sb_puts(&r->out, "; ");
            ok = rconst(r);
        }
        sb_puts(&r->out, "]");
        break;
    case 'T': {
        r->p++;
        sb_puts(&r->out, "(");
        int k = 0;
        while (ok && !reat(r, 'E')) {
            if (r->p >= r->end) {
                ok = rfail(r);
                break;
            }
            if (k++)
                sb_puts(&r->out, ", ");
            ok = rtype(r);
        }
        if (k == 1)
            sb_puts(&r->out, ",");
        sb_puts(&r->out, ")");
        break;
    }
    case 'R':
    case 'Q':
        r->p++;
        sb_puts(&r->out, c == 'R' ? "&" : "&mut ");
        if (reat(r, 'L')) {
            uint64_t lt;
            ok = b62(r, &lt);
            if (ok && lt) {
                sb_puts(&r->out, "'_ ");
            }
        }
        ok = ok && rtype(r);
        break;
    case 'P':
    case 'O':
        r->p++;
        sb_puts(&r->out, c == 'P' ? "*const " : "*mut ");
        ok = rtype(r);
        break;
    case 'B':
        r->p++;
        ok = rbackref(r, rtype_cb, false);
        break;
    case 'F':
    case 'D':
        ok = rfail(r);      /* fn pointers and dyn: not handled */
        break;
    default:
        ok = rpath(r, false);
        break;
    }
    r->depth--;
    return ok && !r->bad;
}

static bool rconst(rv *r)
{
    if (++r->depth > DM_MAX_DEPTH)
        return rfail(r);
    bool ok = true;
    char c = rpeek(r);
    if (c == 'B') {
        r->p++;
        ok = rbackref(r, rconst_cb, false);
    } else if (c == 'p') {
        r->p++;
        sb_puts(&r->out, "_");
    } else {
        r->p++;
        bool neg = false;
        if (!strchr("abcfhijlmnostxy", c) || !c) {
            r->depth--;
            return rfail(r);
        }
        if (strchr("ailnsx", c))
            neg = reat(r, 'n');
        uint64_t v = 0;
        int nd = 0;
        while (isxdigit((unsigned char)rpeek(r)) && !(isupper((unsigned char)rpeek(r)))) {
            char d = *r->p++;
            if (++nd > 16)
                return rfail(r);
            v = v * 16 + (uint64_t)(isdigit((unsigned char)d) ? d - '0' : d - 'a' + 10);
        }
        if (!reat(r, '_')) {
            r->depth--;
            return rfail(r);
        }
        char num[32];
        if (c == 'b') {
            if (v > 1) {
                r->depth--;
                return rfail(r);
            }
            sb_puts(&r->out, v ? "true" : "false");
        } else if (c == 'c') {
            if (v < 0x20 || v >= 0x7f) {
                r->depth--;
                return rfail(r);
            }
            snprintf(num, sizeof num, "'%c'", (char)v);
            sb_puts(&r->out, num);
        } else {
            snprintf(num, sizeof num, "%s%llu", neg ? "-" : "", (unsigned long long)v);
            sb_puts(&r->out, num);
        }
    }
    r->depth--;
    return ok && !r->bad;
}

static char *rust_v0(const char *name, size_t len)
{
    rv r;
    memset(&r, 0, sizeof r);
    r.base = name + 2;
    r.p = r.base;
    r.end = name + len;
    if (isdigit((unsigned char)rpeek(&r)))     /* encoding version: only 0 (absent) known */
        return NULL;
    if (!rpeek(&r) || !isupper((unsigned char)rpeek(&r)))
        return NULL;
    bool ok = rpath(&r, true);
    /* optional instantiating crate, then an optional vendor suffix */
    if (ok && r.p < r.end && isupper((unsigned char)rpeek(&r))) {
        size_t keep = r.out.len;
        ok = rpath(&r, false);
        r.out.len = keep;
        if (r.out.p)
            r.out.p[keep] = '\0';
    }
    if (ok && r.p < r.end && *r.p != '.' && *r.p != '$')
        ok = false;
    if (!ok || r.bad) {
        free(r.out.p);
        return NULL;
    }
    return sb_done(&r.out);
}

/* ------------------------------------------------------------ entry */

char *wd_demangle(const char *name)
{
    if (!name)
        return NULL;
    size_t len = 0;
    while (len <= DM_MAX_INPUT && name[len])
        len++;
    if (len > DM_MAX_INPUT || len < 3)
        return NULL;
    /* some toolchains add an underscore (or two for __Z on Darwin) */
    if (name[0] == '_' && name[1] == '_' && (name[2] == 'Z' || name[2] == 'R')) {
        name++;
        len--;
    }
    if (name[0] != '_')
        return NULL;
    if (name[1] == 'R')
        return rust_v0(name, len);
    if (name[1] != 'Z')
        return NULL;
    if (name[2] == 'N') {
        char *r = rust_legacy(name, len);
        if (r)
            return r;
    }
    return itanium(name, len);
}
