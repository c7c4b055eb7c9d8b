/* wat.c: the WebAssembly 2.0 text format (WAT) to binary.
 *
 * wd_wat_to_wasm() lexes the whole text into tokens (matching every paren on
 * the way), then reads the module in two passes over its fields:
 *
 *  1. scan: gives every function, table, memory, global, type, element and data
 *     segment its index and binds its $name, so that a name may be used before
 *     its definition; explicit types are read here; enforces "imports before
 *     definitions" and a single start;
 *  2. encode: each field is read fully and appended to the buffer of its binary
 *     section. Types a type use defines implicitly are appended to the type
 *     section in the order the binary refers to them (a folded instruction's
 *     operands before the instruction), which is the order wabt gives them.
 *
 * An error carries its LINE:COL (wd_error.line, .col) and the first one
 * stops the parse. Nesting (parens, blocks) is bounded by WAT_MAX_DEPTH, so
 * input never exhausts the C stack. Everything here reads tokens with bounds checks: the token array ends
 * with an EOF token that no reader consumes.
 */
#include "insn.h"
#include "module.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAT_MAX_DEPTH 1000

/* ---------------------------------------------------------------- buffers */

typedef struct wbuf {
    uint8_t *p;
    size_t n, cap;
    bool oom;
} wbuf;

static void wb_reserve(wbuf *b, size_t extra)
{
    if (b->oom)
        return;
    if (b->n + extra <= b->cap)
        return;
    size_t c = b->cap ? b->cap : 64;
    while (c < b->n + extra)
        c *= 2;
    uint8_t *q = wd__realloc(b->p, c);
    if (!q) {
        b->oom = true;
        return;
    }
    b->p = q;
    b->cap = c;
}

static void wb_bytes(wbuf *b, const void *src, size_t n)
{
    if (n == 0)
        return;
    wb_reserve(b, n);
    if (b->oom)
        return;
    memcpy(b->p + b->n, src, n);
    b->n += n;
}

static void wb_byte(wbuf *b, uint8_t v) { wb_bytes(b, &v, 1); }

static void wb_u64(wbuf *b, uint64_t v)
{
    do {
        uint8_t c = v & 0x7F;
        v >>= 7;
        if (v)
            c |= 0x80;
        wb_byte(b, c);
    } while (v);
}

static void wb_u32(wbuf *b, uint32_t v) { wb_u64(b, v); }

static void wb_s64(wbuf *b, int64_t v)
{
    for (;;) {
        uint8_t c = v & 0x7F;
        int64_t rest = v >> 7;   /* arithmetic shift (gcc, clang) */
        bool done = (rest == 0 && !(c & 0x40)) || (rest == -1 && (c & 0x40));
        if (!done)
            c |= 0x80;
        wb_byte(b, c);
        if (done)
            return;
        v = rest;
    }
}

static void wb_free(wbuf *b)
{
    wd__free(b->p);
    memset(b, 0, sizeof *b);
}

/* ---------------------------------------------------------------- tokens */

enum { T_EOF, T_LPAR, T_RPAR, T_ATOM, T_ID, T_STRING };

typedef struct tok {
    uint8_t kind;
    uint32_t len;        /* bytes of s (a string's quotes included) */
    const char *s;
    uint32_t line, col;
    uint32_t match;      /* T_LPAR: index of its T_RPAR */
} tok;

typedef struct span {
    const char *s;
    uint32_t len;
} span;

/* One index space: the $name (len 0: none) of every index, and a hash table
 * of the named ones (so a text with 100 000 named functions is not read in
 * quadratic time). */
typedef struct space {
    span *names;
    uint32_t n, cap;
    uint32_t *slots;     /* open addressing: index + 1, 0 empty */
    uint32_t nslots, nnamed;
} space;

typedef struct ftype {
    uint32_t np, nr;
    uint8_t *key;        /* sig_key(): the parameter count, then v */
    uint8_t *v;          /* np params then nr results */
} ftype;

enum { K_FUNC, K_TABLE, K_MEM, K_GLOBAL, K_NKINDS };
static const char *const kind_word[K_NKINDS] = { "function", "table", "memory", "global" };

typedef struct wat {
    const char *src;
    size_t len;
    const char *file;
    wd_error *err;
    bool failed;
    uint32_t err_line, err_col;   /* of the first error */
    bool stray;                   /* a ')' without '(' was dropped by the lexer */
    uint32_t stray_line, stray_col;
    uint32_t features;

    tok *t;
    size_t nt, pos;
    int depth;
    bool dry;            /* immediates read a first time: define no types */

    ftype *types;
    uint32_t ntypes, cap_types;
    space sp_type, sp_func, sp_table, sp_mem, sp_global, sp_elem, sp_data;
    space sigs;          /* the types by signature (sig_key) */
    int first_def;       /* kind of the first definition seen, -1 none */
    span module_id;      /* (module $id): len 0 if none */
    bool no_names;
    bool have_start;

    /* sections */
    wbuf s_import, s_func, s_table, s_mem, s_global, s_export, s_start, s_elem,
         s_code, s_data;
    uint32_t n_import, n_func, n_table, n_mem, n_global, n_export, n_elem, n_data;
    bool uses_datacount;

    /* current function */
    space locals;
    space labels;
} wat;

static bool failv(wat *w, const tok *at, const char *fmt, va_list ap)
{
    if (w->failed)
        return false;
    w->failed = true;
    char msg[200];
    vsnprintf(msg, sizeof msg, fmt, ap);
    uint32_t line = at ? at->line : 0, col = at ? at->col : 0;
    w->err_line = line;
    w->err_col = col;
    wd__error_set(w->err, WD_ERR_MALFORMED, w->file, WD_NO_OFFSET, "%s", msg);
    if (w->err) {
        w->err->line = line;
        w->err->col = col;
    }
    return false;
}

static bool fail(wat *w, const tok *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    failv(w, at, fmt, ap);
    va_end(ap);
    return false;
}

static bool oom(wat *w)
{
    if (!w->failed) {
        w->failed = true;
        wd__error_set(w->err, WD_ERR_NOMEM, w->file, WD_NO_OFFSET, "out of memory");
    }
    return false;
}

/* ---------------------------------------------------------------- UTF-8 */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq(const uint8_t *s, size_t n)
{
    uint8_t c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static bool utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t l = utf8_seq(s + i, n - i);
        if (l == 0)
            return false;
        i += l;
    }
    return true;
}

/* ---------------------------------------------------------------- lexer */

static bool is_idchar(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return c != 0 && strchr("!#$%&'*+-./:<=>?@\\^_`|~", c) != NULL;
}

static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

typedef struct lexer {
    wat *w;
    size_t i;
    uint32_t line, col;   /* of position i */
} lexer;

static void lx_adv(lexer *l, size_t n)
{
    const char *s = l->w->src;
    for (size_t k = 0; k < n; k++) {
        if (s[l->i] == '\n') {
            l->line++;
            l->col = 1;
        } else if (((unsigned char)s[l->i] & 0xC0) != 0x80) {
            l->col++;          /* columns count characters, not bytes */
        }
        l->i++;
    }
}

static bool lx_push(wat *w, size_t *cap, tok t)
{
    if (w->nt == *cap) {
        size_t c = *cap ? *cap * 2 : 256;
        tok *q = wd__realloc(w->t, c * sizeof *q);
        if (!q)
            return oom(w);
        w->t = q;
        *cap = c;
    }
    w->t[w->nt++] = t;
    return true;
}

static bool lex(wat *w)
{
    lexer l = { w, 0, 1, 1 };
    const char *s = w->src;
    size_t n = w->len, cap = 0;
    uint32_t *stack = NULL;
    size_t sp = 0, scap = 0;
    bool ok = false;
    while (true) {
        /* whitespace and comments */
        while (l.i < n) {
            unsigned char c = (unsigned char)s[l.i];
            if (is_space(c)) {
                lx_adv(&l, 1);
            } else if (c == ';' && l.i + 1 < n && s[l.i + 1] == ';') {
                while (l.i < n && s[l.i] != '\n')
                    lx_adv(&l, 1);
            } else if (c == '(' && l.i + 1 < n && s[l.i + 1] == ';') {
                tok at = { 0, 0, NULL, l.line, l.col, 0 };
                unsigned nest = 0;
                do {
                    if (l.i + 1 < n && s[l.i] == '(' && s[l.i + 1] == ';') {
                        nest++;
                        lx_adv(&l, 2);
                    } else if (l.i + 1 < n && s[l.i] == ';' && s[l.i + 1] == ')') {
                        nest--;
                        lx_adv(&l, 2);
                    } else if (l.i < n) {
                        lx_adv(&l, 1);
                    } else {
                        fail(w, &at, "unclosed block comment");
                        goto out;
                    }
                } while (nest > 0);
            } else {
                break;
            }
        }
        tok t = { T_EOF, 0, s + l.i, l.line, l.col, 0 };
        if (l.i >= n) {
            if (sp > 0) {
                /* where the innermost open paren is helps more than the end */
                fail(w, &w->t[stack[sp - 1]], "'(' not closed before the end of input");
                goto out;
            }
            if (!lx_push(w, &cap, t))
                goto out;
            break;
        }
        unsigned char c = (unsigned char)s[l.i];
        size_t start = l.i;
        if (c == '(') {
            t.kind = T_LPAR;
            t.len = 1;
            if (sp == scap) {
                size_t nc = scap ? scap * 2 : 64;
                uint32_t *q = wd__realloc(stack, nc * sizeof *q);
                if (!q) {
                    oom(w);
                    goto out;
                }
                stack = q;
                scap = nc;
            }
            stack[sp++] = (uint32_t)w->nt;
            lx_adv(&l, 1);
            if (!lx_push(w, &cap, t))
                goto out;
            continue;
        }
        if (c == ')') {
            t.kind = T_RPAR;
            t.len = 1;
            if (sp == 0) {
                /* reported after the parse, unless the parse fails earlier */
                if (!w->stray) {
                    w->stray = true;
                    w->stray_line = t.line;
                    w->stray_col = t.col;
                }
                lx_adv(&l, 1);
                continue;
            }
            w->t[stack[--sp]].match = (uint32_t)w->nt;
            lx_adv(&l, 1);
            if (!lx_push(w, &cap, t))
                goto out;
            continue;
        }
        if (c == '"') {
            size_t i = l.i + 1;
            for (;;) {
                if (i >= n) {
                    fail(w, &t, "unclosed string");
                    goto out;
                }
                unsigned char d = (unsigned char)s[i];
                if (d == '"')
                    break;
                if (d == '\\') {
                    if (i + 1 >= n) {
                        fail(w, &t, "unclosed string");
                        goto out;
                    }
                    i += 2;   /* the escape itself is checked when decoded */
                    continue;
                }
                if (d < 0x20 || d == 0x7F) {
                    fail(w, &t, "illegal character in string");
                    goto out;
                }
                if (d >= 0x80) {
                    size_t sl = utf8_seq((const uint8_t *)s + i, n - i);
                    if (sl == 0) {
                        fail(w, &t, "malformed UTF-8 encoding");
                        goto out;
                    }
                    i += sl;
                    continue;
                }
                i++;
            }
            t.kind = T_STRING;
            t.len = (uint32_t)(i + 1 - start);
            lx_adv(&l, i + 1 - start);
        } else if (is_idchar(c)) {
            size_t i = l.i;
            while (i < n && is_idchar((unsigned char)s[i]))
                i++;
            t.len = (uint32_t)(i - start);
            t.kind = c == '$' ? T_ID : T_ATOM;
            if (t.kind == T_ID && t.len == 1) {
                fail(w, &t, "empty identifier");
                goto out;
            }
            lx_adv(&l, i - start);
        } else {
            fail(w, &t, c >= 0x80 ? "unexpected character (non-ASCII outside a string)"
                                  : "unexpected character '%c'", c);
            goto out;
        }
        if (start + t.len != l.i || t.len > UINT32_MAX / 2) {
            fail(w, &t, "token too long");
            goto out;
        }
        /* tokens other than parens must be separated from the next one */
        if (l.i < n) {
            unsigned char d = (unsigned char)s[l.i];
            if (!is_space(d) && d != '(' && d != ')' && !(d == ';' && l.i + 1 < n && s[l.i + 1] == ';')) {
                tok at = { 0, 0, NULL, l.line, l.col, 0 };
                fail(w, &at, "unexpected token: tokens must be separated by white space");
                goto out;
            }
        }
        if (!lx_push(w, &cap, t))
            goto out;
    }
    ok = true;
out:
    wd__free(stack);
    return ok;
}

/* ---------------------------------------------------------------- token helpers */

static tok *cur(wat *w) { return &w->t[w->pos]; }
static tok *peek(wat *w, size_t k)
{
    return w->pos + k < w->nt ? &w->t[w->pos + k] : &w->t[w->nt - 1];
}
static void next(wat *w)
{
    if (w->t[w->pos].kind != T_EOF)
        w->pos++;
}

static bool tok_is(const tok *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == T_ATOM && t->len == n && memcmp(t->s, word, n) == 0;
}

static bool at_word(wat *w, const char *word) { return tok_is(cur(w), word); }

/* Is the current token "(" followed by the keyword? */
static bool at_sexpr(wat *w, const char *word)
{
    return cur(w)->kind == T_LPAR && tok_is(peek(w, 1), word);
}

static bool at_sexpr_at(wat *w, size_t k, const char *word)
{
    return peek(w, k)->kind == T_LPAR && tok_is(peek(w, k + 1), word);
}

static bool unexpected_at(wat *w, const tok *t)
{
    if (t->kind == T_EOF)
        return fail(w, t, "unexpected end of input");
    return fail(w, t, "unexpected token \"%.*s\"", (int)(t->len > 40 ? 40 : t->len), t->s);
}

static bool unexpected(wat *w) { return unexpected_at(w, cur(w)); }

static bool expect_lpar(wat *w)
{
    if (cur(w)->kind != T_LPAR)
        return unexpected(w);
    next(w);
    return true;
}

static bool expect_rpar(wat *w)
{
    if (cur(w)->kind != T_RPAR)
        return unexpected(w);
    next(w);
    return true;
}

static bool expect_word(wat *w, const char *word)
{
    if (!at_word(w, word))
        return unexpected(w);
    next(w);
    return true;
}

static bool span_eq(span a, span b) { return a.len == b.len && memcmp(a.s, b.s, a.len) == 0; }
static span tok_span(const tok *t) { span s = { t->s, t->len }; return s; }

/* ---------------------------------------------------------------- index spaces */

#define FNV_START 2166136261u

/* FNV-1a over n more bytes, from h. */
static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ ((const uint8_t *)p)[i]) * 16777619u;
    return h;
}

static uint32_t span_hash(span nm) { return fnv(FNV_START, nm.s, nm.len); }

static void slot_put(uint32_t *slots, uint32_t nslots, const span *names, uint32_t idx)
{
    uint32_t h = span_hash(names[idx]) & (nslots - 1);
    while (slots[h] != 0)
        h = (h + 1) & (nslots - 1);
    slots[h] = idx + 1;
}

/* The index named nm in sp, or -1. */
static int64_t sp_find(const space *sp, span nm)
{
    if (sp->nslots == 0)
        return -1;
    for (uint32_t h = span_hash(nm) & (sp->nslots - 1);; h = (h + 1) & (sp->nslots - 1)) {
        uint32_t v = sp->slots[h];
        if (v == 0)
            return -1;
        if (span_eq(sp->names[v - 1], nm))
            return v - 1;
    }
}

/* Enters the name of index idx (already in sp->names) into the hash table,
 * kept at most half full. */
static bool sp_hash(wat *w, space *sp, uint32_t idx)
{
    if ((uint64_t)sp->nnamed * 2 + 2 > sp->nslots) {
        if (sp->nslots > UINT32_MAX / 4)
            return oom(w);
        uint32_t ns = sp->nslots ? sp->nslots * 2 : 16;
        uint32_t *q = wd__calloc(ns, sizeof *q);
        if (!q)
            return oom(w);
        for (uint32_t i = 0; i < sp->nslots; i++)
            if (sp->slots[i] != 0)
                slot_put(q, ns, sp->names, sp->slots[i] - 1);
        wd__free(sp->slots);
        sp->slots = q;
        sp->nslots = ns;
    }
    slot_put(sp->slots, sp->nslots, sp->names, idx);
    sp->nnamed++;
    return true;
}

static bool sp_add(wat *w, space *sp, const tok *id, const char *what, uint32_t *out)
{
    span nm = { NULL, 0 };
    if (id) {
        nm = tok_span(id);
        if (sp_find(sp, nm) >= 0)
            return fail(w, id, "duplicate %s %.*s", what, (int)nm.len, nm.s);
    }
    if (sp->n == UINT32_MAX)
        return fail(w, id, "too many %ss", what);
    if (!wd__grow((void **)&sp->names, &sp->cap, sp->n + 1, sizeof *sp->names))
        return oom(w);
    if (out)
        *out = sp->n;
    sp->names[sp->n++] = nm;
    return id == NULL || sp_hash(w, sp, sp->n - 1);
}

static void sp_free(space *sp)
{
    wd__free(sp->names);
    wd__free(sp->slots);
    memset(sp, 0, sizeof *sp);
}

/* ---------------------------------------------------------------- numbers */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Digits with single '_' between them; hex if `hex`. Returns the number of
 * characters read (0: no digits); *ovf set when the value exceeds 64 bits. */
static size_t read_digits(const char *s, size_t n, bool hex, uint64_t *val, bool *ovf)
{
    size_t i = 0;
    uint64_t v = 0;
    bool over = false;
    while (i < n) {
        int d = hex ? hexval(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
        if (d < 0) {
            if (s[i] == '_' && i > 0 && i + 1 < n &&
                (hex ? hexval(s[i + 1]) >= 0 : (s[i + 1] >= '0' && s[i + 1] <= '9'))) {
                i++;
                continue;
            }
            break;
        }
        unsigned base = hex ? 16 : 10;
        if (v > (UINT64_MAX - (uint64_t)d) / base)
            over = true;
        v = v * base + (uint64_t)d;
        i++;
    }
    if (val)
        *val = v;
    if (ovf)
        *ovf = over;
    return i;
}

/* A natural number literal (decimal or 0x hex) filling the whole text. */
static bool nat_text(const char *s, size_t n, uint64_t *v, bool *ovf)
{
    bool hex = n > 2 && s[0] == '0' && s[1] == 'x';
    size_t off = hex ? 2 : 0;
    size_t k = read_digits(s + off, n - off, hex, v, ovf);
    return k > 0 && off + k == n;
}

static bool is_num_tok(const tok *t)
{
    if (t->kind != T_ATOM || t->len == 0)
        return false;
    char c = t->s[0];
    if ((c == '+' || c == '-') && t->len > 1)
        c = t->s[1];
    return c >= '0' && c <= '9';
}

/* uN for N = 32 (index, limits, offsets). */
static bool read_u32(wat *w, uint32_t *out)
{
    tok *t = cur(w);
    uint64_t v;
    bool ovf;
    if (t->kind != T_ATOM || !nat_text(t->s, t->len, &v, &ovf))
        return unexpected(w);
    if (ovf || v > UINT32_MAX)
        return fail(w, t, "i32 constant out of range");
    *out = (uint32_t)v;
    next(w);
    return true;
}

/* A numeric atom without its sign. */
static bool split_sign(const tok *t, const char **s, size_t *n, bool *neg)
{
    if (t->kind != T_ATOM || t->len == 0)
        return false;
    *s = t->s;
    *n = t->len;
    *neg = false;
    if (**s == '+' || **s == '-') {
        *neg = **s == '-';
        (*s)++;
        (*n)--;
    }
    return true;
}

/* iN: a signed or unsigned literal of N bits, as two's complement. */
static bool int_text(const tok *t, unsigned bits, uint64_t *out, bool *range)
{
    *range = false;
    const char *s;
    size_t n;
    bool neg;
    if (!split_sign(t, &s, &n, &neg))
        return false;
    uint64_t v;
    bool ovf;
    if (!nat_text(s, n, &v, &ovf))
        return false;
    uint64_t umax = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    uint64_t nmax = 1ull << (bits - 1);
    if (ovf || (neg ? v > nmax : v > umax)) {
        *range = true;
        return false;
    }
    if (neg)
        v = (uint64_t)0 - v;
    *out = bits == 64 ? v : v & umax;
    return true;
}

static bool read_int(wat *w, unsigned bits, uint64_t *out)
{
    bool range;
    if (int_text(cur(w), bits, out, &range)) {
        next(w);
        return true;
    }
    if (range)
        return fail(w, cur(w), "constant out of range");
    return unexpected(w);
}

/* Checks the syntax of a decimal or hex float (without sign) and copies it
 * into buf without '_' and with the C library's decimal point for '.' (buf:
 * n + strlen(dp) bytes): strtod reads numbers in the current locale, which
 * the TUI sets from the environment (a ',' in de_DE). */
static bool float_syntax(const char *s, size_t n, const char *dp, char *buf)
{
    bool hex = n > 2 && s[0] == '0' && s[1] == 'x';
    size_t i = hex ? 2 : 0;
    size_t k = read_digits(s + i, n - i, hex, NULL, NULL);
    if (k == 0)
        return false;
    i += k;
    if (i < n && s[i] == '.') {
        i++;
        i += read_digits(s + i, n - i, hex, NULL, NULL);
    }
    if (i < n && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        k = read_digits(s + i, n - i, false, NULL, NULL);
        if (k == 0)
            return false;
        i += k;
    }
    if (i != n)
        return false;
    size_t o = 0, dl = strlen(dp);
    for (i = 0; i < n; i++) {
        if (s[i] == '.') {
            memcpy(buf + o, dp, dl);
            o += dl;
        } else if (s[i] != '_') {
            buf[o++] = s[i];
        }
    }
    buf[o] = '\0';
    return true;
}

/* fN literal as bits; bits is 32 or 64. */
static bool float_text(wat *w, const tok *t, unsigned bits, uint64_t *out, bool *range)
{
    *range = false;
    const char *s;
    size_t n;
    bool neg;
    if (!split_sign(t, &s, &n, &neg))
        return false;
    unsigned mant = bits == 32 ? 23 : 52;
    uint64_t expmask = bits == 32 ? 0x7F800000ull : 0x7FF0000000000000ull;
    uint64_t sign = neg ? (bits == 32 ? 0x80000000ull : 0x8000000000000000ull) : 0;
    if (n == 3 && memcmp(s, "inf", 3) == 0) {
        *out = sign | expmask;
        return true;
    }
    if (n == 3 && memcmp(s, "nan", 3) == 0) {
        *out = sign | expmask | (1ull << (mant - 1));
        return true;
    }
    if (n > 6 && memcmp(s, "nan:0x", 6) == 0) {
        uint64_t p;
        bool ovf;
        size_t k = read_digits(s + 6, n - 6, true, &p, &ovf);
        if (k == 0 || k != n - 6)
            return false;
        if (ovf || p == 0 || p >= (1ull << mant)) {
            *range = true;
            return false;
        }
        *out = sign | expmask | p;
        return true;
    }
    const char *dp = localeconv()->decimal_point;
    if (dp == NULL || dp[0] == '\0' || strlen(dp) > 8)
        dp = ".";
    char *buf = wd__malloc(n + strlen(dp) + 1);
    if (!buf)
        return oom(w);
    bool ok = float_syntax(s, n, dp, buf);
    if (ok) {
        errno = 0;
        if (bits == 32) {
            float f = strtof(buf, NULL);
            if (isinf(f)) {
                *range = true;
                ok = false;
            } else {
                uint32_t b;
                memcpy(&b, &f, 4);
                *out = sign | b;
            }
        } else {
            double d = strtod(buf, NULL);
            if (isinf(d)) {
                *range = true;
                ok = false;
            } else {
                uint64_t b;
                memcpy(&b, &d, 8);
                *out = sign | b;
            }
        }
    }
    wd__free(buf);
    return ok;
}

static bool read_float(wat *w, unsigned bits, uint64_t *out)
{
    bool range;
    if (float_text(w, cur(w), bits, out, &range)) {
        next(w);
        return true;
    }
    if (w->failed)
        return false;
    if (range)
        return fail(w, cur(w), "constant out of range");
    return unexpected(w);
}

/* ---------------------------------------------------------------- strings */

/* Decodes a string token's contents (escapes) into b. */
static bool str_decode(wat *w, const tok *t, wbuf *b)
{
    const char *s = t->s + 1;
    size_t n = t->len - 2;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c != '\\') {
            wb_byte(b, (uint8_t)c);
            i++;
            continue;
        }
        if (i + 1 >= n)
            return fail(w, t, "bad escape in string");
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case 't': wb_byte(b, '\t'); break;
        case 'n': wb_byte(b, '\n'); break;
        case 'r': wb_byte(b, '\r'); break;
        case '"': wb_byte(b, '"'); break;
        case '\'': wb_byte(b, '\''); break;
        case '\\': wb_byte(b, '\\'); break;
        case 'u': {
            if (i >= n || s[i] != '{')
                return fail(w, t, "bad \\u escape in string");
            i++;
            uint64_t cp = 0;
            bool ovf;
            size_t k = read_digits(s + i, n - i, true, &cp, &ovf);
            if (k == 0 || i + k >= n || s[i + k] != '}')
                return fail(w, t, "bad \\u escape in string");
            i += k + 1;
            if (ovf || cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000))
                return fail(w, t, "bad code point in \\u escape");
            uint8_t u[4];
            size_t ul;
            if (cp < 0x80) { u[0] = (uint8_t)cp; ul = 1; }
            else if (cp < 0x800) { u[0] = (uint8_t)(0xC0 | cp >> 6); u[1] = (uint8_t)(0x80 | (cp & 0x3F)); ul = 2; }
            else if (cp < 0x10000) {
                u[0] = (uint8_t)(0xE0 | cp >> 12); u[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (uint8_t)(0x80 | (cp & 0x3F)); ul = 3;
            } else {
                u[0] = (uint8_t)(0xF0 | cp >> 18); u[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (uint8_t)(0x80 | (cp & 0x3F)); ul = 4;
            }
            wb_bytes(b, u, ul);
            break;
        }
        default: {
            int h1 = hexval(e), h2 = i < n ? hexval(s[i]) : -1;
            if (h1 < 0 || h2 < 0)
                return fail(w, t, "bad escape in string");
            wb_byte(b, (uint8_t)(h1 * 16 + h2));
            i++;
        }
        }
    }
    if (b->oom)
        return oom(w);
    return true;
}

/* A name: a string that must decode to valid UTF-8; written as vec(byte). */
static bool read_name(wat *w, wbuf *o)
{
    tok *t = cur(w);
    if (t->kind != T_STRING)
        return unexpected(w);
    wbuf b = { 0 };
    bool ok = str_decode(w, t, &b);
    if (ok && !utf8_valid(b.p, b.n))
        ok = fail(w, t, "malformed UTF-8 encoding");
    if (ok) {
        if (b.n > UINT32_MAX)
            ok = fail(w, t, "name too long");
        else {
            wb_u32(o, (uint32_t)b.n);
            wb_bytes(o, b.p, b.n);
        }
    }
    wb_free(&b);
    if (ok)
        next(w);
    return ok;
}

/* ---------------------------------------------------------------- types */

static int valtype_of(const tok *t)
{
    if (tok_is(t, "i32")) return WD_I32;
    if (tok_is(t, "i64")) return WD_I64;
    if (tok_is(t, "f32")) return WD_F32;
    if (tok_is(t, "f64")) return WD_F64;
    if (tok_is(t, "v128")) return WD_V128;
    if (tok_is(t, "funcref")) return WD_FUNCREF;
    if (tok_is(t, "externref")) return WD_EXTERNREF;
    return -1;
}

static bool read_valtype(wat *w, uint8_t *out)
{
    int v = valtype_of(cur(w));
    if (v < 0)
        return unexpected(w);
    *out = (uint8_t)v;
    next(w);
    return true;
}

static bool read_reftype(wat *w, uint8_t *out)
{
    if (at_word(w, "funcref")) *out = WD_FUNCREF;
    else if (at_word(w, "externref")) *out = WD_EXTERNREF;
    else return unexpected(w);
    next(w);
    return true;
}

/* A signature being read: param types then result types. */
typedef struct sig {
    wbuf v;
    uint32_t np, nr;
} sig;

/* (param ...)* (result ...)*. Parameter names go to `names` when given (an
 * unnamed parameter takes an unnamed index); with names == NULL a named
 * parameter is an error (block types, call_indirect). */
static bool read_sig(wat *w, sig *s, space *names, bool allow_names)
{
    while (at_sexpr(w, "param")) {
        next(w);
        next(w);
        if (cur(w)->kind == T_ID) {
            if (!allow_names)
                return unexpected(w);
            tok *id = cur(w);
            next(w);
            uint8_t t;
            if (!read_valtype(w, &t))
                return false;
            wb_byte(&s->v, t);
            s->np++;
            if (names && !sp_add(w, names, id, "local", NULL))
                return false;
        } else {
            while (cur(w)->kind != T_RPAR) {
                uint8_t t;
                if (!read_valtype(w, &t))
                    return false;
                wb_byte(&s->v, t);
                s->np++;
                if (names && !sp_add(w, names, NULL, "local", NULL))
                    return false;
            }
        }
        if (!expect_rpar(w))
            return false;
    }
    while (at_sexpr(w, "result")) {
        next(w);
        next(w);
        while (cur(w)->kind != T_RPAR) {
            uint8_t t;
            if (!read_valtype(w, &t))
                return false;
            wb_byte(&s->v, t);
            s->nr++;
        }
        next(w);
    }
    /* parameters after the results: out of order, not an instruction */
    if (at_sexpr(w, "param"))
        return unexpected_at(w, peek(w, 1));
    if (s->v.oom)
        return oom(w);
    return true;
}

/* A signature as a hash key: its parameter count (4 bytes), then the
 * parameter and result types; buf has room for 4 + np + nr bytes. */
static span sig_key(uint32_t np, uint32_t nr, const uint8_t *v, uint8_t *buf)
{
    memcpy(buf, &np, 4);
    if (np + nr)
        memcpy(buf + 4, v, np + nr);
    span k = { (const char *)buf, 4 + np + nr };
    return k;
}

/* The first type equal to s, or -1: the hash of sig_key(s) looked up
 * without building the key. */
static int64_t find_type(const wat *w, const sig *s)
{
    const space *sp = &w->sigs;
    if (sp->nslots == 0)
        return -1;
    uint32_t n = s->np + s->nr;
    uint32_t h = fnv(fnv(FNV_START, &s->np, 4), s->v.p, n) & (sp->nslots - 1);
    for (;; h = (h + 1) & (sp->nslots - 1)) {
        uint32_t v = sp->slots[h];
        if (v == 0)
            return -1;
        const ftype *f = &w->types[v - 1];
        if (f->np == s->np && f->nr == s->nr && (n == 0 || memcmp(f->v, s->v.p, n) == 0))
            return v - 1;
    }
}

static bool add_type(wat *w, const sig *s, uint32_t *idx)
{
    if (!wd__grow((void **)&w->types, &w->cap_types, w->ntypes + 1, sizeof *w->types))
        return oom(w);
    ftype *f = &w->types[w->ntypes];
    f->np = s->np;
    f->nr = s->nr;
    f->key = wd__malloc(4 + s->np + s->nr);
    if (!f->key)
        return oom(w);
    f->v = f->key + 4;
    *idx = w->ntypes++;
    /* the hash keeps the first of equal types: the one a type use means */
    span k = sig_key(s->np, s->nr, s->v.p, f->key);
    bool first = sp_find(&w->sigs, k) < 0;
    tok key = { T_ID, k.len, k.s, 0, 0, 0 };
    return sp_add(w, &w->sigs, first ? &key : NULL, "type", NULL);
}

/* ---------------------------------------------------------------- indices */

static bool read_idx(wat *w, space *sp, const char *what, uint32_t *out)
{
    tok *t = cur(w);
    if (t->kind == T_ID) {
        int64_t i = sp_find(sp, tok_span(t));
        if (i < 0)
            return fail(w, t, "unknown %s %.*s", what, (int)t->len, t->s);
        *out = (uint32_t)i;
        next(w);
        return true;
    }
    return read_u32(w, out);
}

static bool at_idx(wat *w)
{
    tok *t = cur(w);
    return t->kind == T_ID || (t->kind == T_ATOM && t->len > 0 && t->s[0] >= '0' && t->s[0] <= '9');
}

/* A type use: (type x)? (param ...)* (result ...)*. */
typedef struct tuse {
    bool has_idx;
    uint32_t idx;
    tok *at;
    sig s;
} tuse;

static bool read_typeuse(wat *w, tuse *u, space *names, bool allow_names)
{
    u->at = cur(w);
    if (at_sexpr(w, "type")) {
        next(w);
        next(w);
        if (!read_idx(w, &w->sp_type, "type", &u->idx) || !expect_rpar(w))
            return false;
        u->has_idx = true;
    }
    return read_sig(w, &u->s, names, allow_names);
}

/* The type index of a type use: the referenced type (checked against an
 * inline signature), else the first equal type, else a new one. */
static bool resolve_typeuse(wat *w, tuse *u, uint32_t *idx)
{
    if (u->has_idx) {
        if (u->s.np + u->s.nr > 0) {
            if (u->idx >= w->ntypes)
                return fail(w, u->at, "unknown type");
            ftype *f = &w->types[u->idx];
            if (f->np != u->s.np || f->nr != u->s.nr ||
                memcmp(f->v, u->s.v.p, f->np + f->nr) != 0)
                return fail(w, u->at, "inline function type does not match the type");
        }
        *idx = u->idx;
        return true;
    }
    int64_t f = find_type(w, &u->s);
    if (f >= 0) {
        *idx = (uint32_t)f;
        return true;
    }
    if (w->dry) {
        *idx = 0;
        return true;
    }
    return add_type(w, &u->s, idx);
}

/* ---------------------------------------------------------------- opcodes */

static uint16_t op_sorted[WD_OP__COUNT];
static bool op_sorted_ready;

static int op_cmp(const void *a, const void *b)
{
    return strcmp(wd_opinfo_table[*(const uint16_t *)a].name,
                  wd_opinfo_table[*(const uint16_t *)b].name);
}

static int op_lookup(wat *w, const tok *t)
{
    if (!op_sorted_ready) {
        for (unsigned i = 0; i < WD_OP__COUNT; i++)
            op_sorted[i] = (uint16_t)i;
        qsort(op_sorted, WD_OP__COUNT, sizeof op_sorted[0], op_cmp);
        op_sorted_ready = true;
    }
    if (t->kind != T_ATOM)
        return -1;
    size_t lo = 0, hi = WD_OP__COUNT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *name = wd_opinfo_table[op_sorted[mid]].name;
        size_t nl = strlen(name);
        int c = memcmp(t->s, name, t->len < nl ? t->len : nl);
        if (c == 0)
            c = t->len < nl ? -1 : t->len > nl ? 1 : 0;
        if (c == 0) {
            int op = op_sorted[mid];
            if (op == WD_OP_SELECT_T)
                op = WD_OP_SELECT;
            if ((op == WD_OP_RETURN_CALL || op == WD_OP_RETURN_CALL_INDIRECT) &&
                !(w->features & WD_FEATURE_TAIL_CALL))
                return -1;
            if (op == WD_OP_ELSE || op == WD_OP_END)
                return -1;
            return op;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

static void emit_op(wbuf *o, int op)
{
    const wd_opinfo *in = &wd_opinfo_table[op];
    if (in->prefix) {
        wb_byte(o, in->prefix);
        wb_u32(o, in->code);
    } else {
        wb_byte(o, (uint8_t)in->code);
    }
}

/* ---------------------------------------------------------------- instructions */

static bool instrs(wat *w, wbuf *o);
static bool folded(wat *w, wbuf *o);

static bool read_label(wat *w, uint32_t *out)
{
    tok *t = cur(w);
    if (t->kind == T_ID) {
        span nm = tok_span(t);
        for (uint32_t i = w->labels.n; i-- > 0;)
            if (span_eq(w->labels.names[i], nm)) {
                *out = w->labels.n - 1 - i;
                next(w);
                return true;
            }
        return fail(w, t, "unknown label %.*s", (int)t->len, t->s);
    }
    return read_u32(w, out);
}

/* Block type: written as 0x40, a value type or a type index (the latter
 * only when the signature has parameters or several results, as wabt). */
static bool blocktype(wat *w, wbuf *o)
{
    tuse u = { 0 };
    bool ok = read_typeuse(w, &u, NULL, false);
    uint32_t idx = 0;
    if (ok) {
        const uint8_t *v = u.s.v.p;
        uint32_t np = u.s.np, nr = u.s.nr;
        if (u.has_idx) {
            ok = resolve_typeuse(w, &u, &idx);
            if (ok && idx < w->ntypes) {
                np = w->types[idx].np;
                nr = w->types[idx].nr;
                v = w->types[idx].v;
            } else {
                np = 1;   /* unknown type: keep the index for the validator */
            }
        }
        if (ok) {
            if (np == 0 && nr == 0)
                wb_byte(o, 0x40);
            else if (np == 0 && nr == 1)
                wb_byte(o, v[0]);
            else if (u.has_idx || resolve_typeuse(w, &u, &idx))
                wb_s64(o, idx);
            else
                ok = false;
        }
    }
    wb_free(&u.s.v);
    return ok;
}

static bool push_label(wat *w, tok *id)
{
    span nm = { NULL, 0 };
    if (id)
        nm = tok_span(id);
    if (!wd__grow((void **)&w->labels.names, &w->labels.cap, w->labels.n + 1,
                  sizeof *w->labels.names))
        return oom(w);
    w->labels.names[w->labels.n++] = nm;
    return true;
}

/* `end $l` / `else $l`: the label must be the block's. */
static bool end_label(wat *w)
{
    if (cur(w)->kind != T_ID)
        return true;
    span nm = tok_span(cur(w));
    if (w->labels.n == 0 || !span_eq(w->labels.names[w->labels.n - 1], nm))
        return fail(w, cur(w), "mismatching label %.*s", (int)nm.len, nm.s);
    next(w);
    return true;
}

static bool read_lane(wat *w, uint8_t *out)
{
    tok *t = cur(w);
    uint64_t v;
    bool ovf;
    if (t->kind != T_ATOM || !nat_text(t->s, t->len, &v, &ovf) || ovf || v > 255)
        return fail(w, t, "malformed lane index");
    *out = (uint8_t)v;
    next(w);
    return true;
}

/* Is t an atom `word` followed by more characters ("offset=16")? */
static bool tok_prefix(const tok *t, const char *word)
{
    size_t n = strlen(word);
    return t->kind == T_ATOM && t->len > n && memcmp(t->s, word, n) == 0;
}

/* A memory index before the memarg (multi-memory): an $id, or a number
 * followed by a memarg field or, for the lane instructions, by the lane
 * (alone, a number is the lane). */
static bool opt_memidx(wat *w, bool lane, uint32_t *mem)
{
    *mem = 0;
    if (!(w->features & WD_FEATURE_MULTI_MEMORY) || !at_idx(w))
        return true;
    if (cur(w)->kind != T_ID && lane) {
        tok *n = peek(w, 1);
        if (!is_num_tok(n) && !tok_prefix(n, "offset=") && !tok_prefix(n, "align="))
            return true;
    }
    return read_idx(w, &w->sp_mem, "memory", mem);
}

static bool memarg(wat *w, int op, uint32_t mem, wbuf *o)
{
    unsigned nat = 0;
    for (unsigned b = wd_opinfo_table[op].membytes; b > 1; b >>= 1)
        nat++;
    uint64_t off = 0, align = 1ull << nat;
    bool ovf;
    tok *t = cur(w);
    if (tok_prefix(t, "offset=")) {
        if (!nat_text(t->s + 7, t->len - 7, &off, &ovf))
            return unexpected(w);
        if (ovf || off > UINT32_MAX)
            return fail(w, t, "i32 constant out of range");
        next(w);
        t = cur(w);
    }
    if (tok_prefix(t, "align=")) {
        if (!nat_text(t->s + 6, t->len - 6, &align, &ovf))
            return unexpected(w);
        if (ovf || align == 0 || (align & (align - 1)) != 0)
            return fail(w, t, "alignment must be a power of two");
        next(w);
    }
    unsigned lg = 0;
    while ((1ull << lg) < align)
        lg++;
    /* bit 6 of the alignment field says a memory index follows */
    if (mem != 0) {
        wb_u32(o, lg | 0x40);
        wb_u32(o, mem);
    } else {
        wb_u32(o, lg);
    }
    wb_u32(o, (uint32_t)off);
    return true;
}

static bool v128_const(wat *w, wbuf *o)
{
    tok *shape = cur(w);
    unsigned lanes, bits;
    bool fl = false;
    if (tok_is(shape, "i8x16")) { lanes = 16; bits = 8; }
    else if (tok_is(shape, "i16x8")) { lanes = 8; bits = 16; }
    else if (tok_is(shape, "i32x4")) { lanes = 4; bits = 32; }
    else if (tok_is(shape, "i64x2")) { lanes = 2; bits = 64; }
    else if (tok_is(shape, "f32x4")) { lanes = 4; bits = 32; fl = true; }
    else if (tok_is(shape, "f64x2")) { lanes = 2; bits = 64; fl = true; }
    else return fail(w, shape, "unexpected token: expected a v128 shape");
    next(w);
    uint8_t bytes[16];
    for (unsigned i = 0; i < lanes; i++) {
        tok *t = cur(w);
        if (t->kind != T_ATOM)
            return fail(w, t, "wrong number of lane literals");
        uint64_t v;
        if (!(fl ? read_float(w, bits, &v) : read_int(w, bits, &v)))
            return false;
        for (unsigned k = 0; k < bits / 8; k++)
            bytes[i * (bits / 8) + k] = (uint8_t)(v >> (8 * k));
    }
    if (cur(w)->kind == T_ATOM)
        return fail(w, cur(w), "wrong number of lane literals");
    wb_bytes(o, bytes, 16);
    return true;
}

/* select, or the typed select when (result ...) follows: `select (result)`
 * is the typed one with no result (0x1C 0), which the validator rejects. */
static bool select_imms(wat *w, wbuf *o)
{
    if (!at_sexpr(w, "result")) {
        emit_op(o, WD_OP_SELECT);
        return true;
    }
    sig s = { 0 };   /* starts at (result: no parameters */
    bool ok = read_sig(w, &s, NULL, false);
    if (ok) {
        emit_op(o, WD_OP_SELECT_T);
        wb_u32(o, s.nr);
        wb_bytes(o, s.v.p, s.nr);
    }
    wb_free(&s.v);
    return ok;
}

/* The immediates of op (its keyword already read), written with the opcode. */
static bool imms(wat *w, int op, wbuf *o)
{
    const wd_opinfo *in = &wd_opinfo_table[op];
    uint32_t a, b;
    uint64_t v;
    if (op == WD_OP_SELECT)
        return select_imms(w, o);
    switch (in->imm) {
    case IMM_NONE:
        emit_op(o, op);
        return true;
    case IMM_LABEL:
    case IMM_BR_TABLE: {
        wbuf tmp = { 0 };
        uint32_t n = 0;
        while (at_idx(w)) {
            if (!read_label(w, &a)) {
                wb_free(&tmp);
                return false;
            }
            wb_u32(&tmp, a);
            n++;
            if (in->imm == IMM_LABEL)
                break;
        }
        if (n == 0) {
            wb_free(&tmp);
            return unexpected(w);
        }
        emit_op(o, op);
        if (in->imm == IMM_BR_TABLE)
            wb_u32(o, n - 1);
        wb_bytes(o, tmp.p, tmp.n);
        bool ok = !tmp.oom || oom(w);
        wb_free(&tmp);
        return ok;
    }
    case IMM_FUNC: case IMM_LOCAL: case IMM_GLOBAL: case IMM_TABLE: case IMM_ELEM:
    case IMM_DATA: {
        space *sp = in->imm == IMM_FUNC ? &w->sp_func : in->imm == IMM_LOCAL ? &w->locals
                  : in->imm == IMM_GLOBAL ? &w->sp_global : in->imm == IMM_TABLE ? &w->sp_table
                  : in->imm == IMM_ELEM ? &w->sp_elem : &w->sp_data;
        const char *what = in->imm == IMM_FUNC ? "function" : in->imm == IMM_LOCAL ? "local"
                         : in->imm == IMM_GLOBAL ? "global" : in->imm == IMM_TABLE ? "table"
                         : in->imm == IMM_ELEM ? "elem segment" : "data segment";
        a = 0;   /* a table index may be left out */
        if ((in->imm != IMM_TABLE || at_idx(w)) && !read_idx(w, sp, what, &a))
            return false;
        emit_op(o, op);
        wb_u32(o, a);
        if (in->imm == IMM_DATA)
            w->uses_datacount = true;
        return true;
    }
    case IMM_CALL_INDIRECT: {
        a = 0;
        if (at_idx(w) && !read_idx(w, &w->sp_table, "table", &a))
            return false;
        tuse u = { 0 };
        bool ok = read_typeuse(w, &u, NULL, false) && resolve_typeuse(w, &u, &b);
        wb_free(&u.s.v);
        if (!ok)
            return false;
        emit_op(o, op);
        wb_u32(o, b);
        wb_u32(o, a);
        return true;
    }
    case IMM_TABLE_INIT: {
        /* table.init elem | table.init table elem */
        size_t save = w->pos;
        if (!at_idx(w))
            return unexpected(w);
        next(w);
        bool two = at_idx(w);
        w->pos = save;
        a = 0;
        if (two && !read_idx(w, &w->sp_table, "table", &a))
            return false;
        if (!read_idx(w, &w->sp_elem, "elem segment", &b))
            return false;
        emit_op(o, op);
        wb_u32(o, b);
        wb_u32(o, a);
        return true;
    }
    case IMM_TABLE_COPY:
        a = b = 0;
        if (at_idx(w)) {
            if (!read_idx(w, &w->sp_table, "table", &a) ||
                !read_idx(w, &w->sp_table, "table", &b))
                return false;
        }
        emit_op(o, op);
        wb_u32(o, a);
        wb_u32(o, b);
        return true;
    case IMM_MEMARG:
    case IMM_MEMARG_LANE: {
        wbuf tmp = { 0 };
        bool ok = opt_memidx(w, in->imm == IMM_MEMARG_LANE, &a) && memarg(w, op, a, &tmp);
        uint8_t lane = 0;
        if (ok && in->imm == IMM_MEMARG_LANE)
            ok = read_lane(w, &lane);
        if (ok) {
            emit_op(o, op);
            wb_bytes(o, tmp.p, tmp.n);
            if (in->imm == IMM_MEMARG_LANE)
                wb_byte(o, lane);
        }
        wb_free(&tmp);
        return ok;
    }
    case IMM_MEM:
        if (!opt_memidx(w, false, &a))
            return false;
        emit_op(o, op);
        wb_u32(o, a);
        return true;
    case IMM_MEM_INIT:
        /* memory.init data | memory.init mem data (multi-memory) */
        b = 0;
        if ((w->features & WD_FEATURE_MULTI_MEMORY) && at_idx(w) &&
            (peek(w, 1)->kind == T_ID || is_num_tok(peek(w, 1))) &&
            !read_idx(w, &w->sp_mem, "memory", &b))
            return false;
        if (!read_idx(w, &w->sp_data, "data segment", &a))
            return false;
        emit_op(o, op);
        wb_u32(o, a);
        wb_u32(o, b);
        w->uses_datacount = true;
        return true;
    case IMM_MEM_COPY:
        a = b = 0;
        if ((w->features & WD_FEATURE_MULTI_MEMORY) && at_idx(w) &&
            (!read_idx(w, &w->sp_mem, "memory", &a) || !read_idx(w, &w->sp_mem, "memory", &b)))
            return false;
        emit_op(o, op);
        wb_u32(o, a);
        wb_u32(o, b);
        return true;
    case IMM_I32:
        if (!read_int(w, 32, &v))
            return false;
        emit_op(o, op);
        wb_s64(o, (int32_t)(uint32_t)v);
        return true;
    case IMM_I64:
        if (!read_int(w, 64, &v))
            return false;
        emit_op(o, op);
        wb_s64(o, (int64_t)v);
        return true;
    case IMM_F32:
    case IMM_F64: {
        unsigned bits = in->imm == IMM_F32 ? 32 : 64;
        if (!read_float(w, bits, &v))
            return false;
        emit_op(o, op);
        for (unsigned k = 0; k < bits / 8; k++)
            wb_byte(o, (uint8_t)(v >> (8 * k)));
        return true;
    }
    case IMM_V128: {
        wbuf tmp = { 0 };
        bool ok = v128_const(w, &tmp);
        if (ok) {
            emit_op(o, op);
            wb_bytes(o, tmp.p, tmp.n);
        }
        wb_free(&tmp);
        return ok;
    }
    case IMM_SHUFFLE: {
        uint8_t l[16];
        for (int i = 0; i < 16; i++) {
            if (cur(w)->kind != T_ATOM)
                return fail(w, cur(w), "invalid lane length");
            if (!read_lane(w, &l[i]))
                return false;
        }
        if (cur(w)->kind == T_ATOM)
            return fail(w, cur(w), "invalid lane length");
        emit_op(o, op);
        wb_bytes(o, l, 16);
        return true;
    }
    case IMM_LANE: {
        uint8_t l;
        if (!read_lane(w, &l))
            return false;
        emit_op(o, op);
        wb_byte(o, l);
        return true;
    }
    case IMM_REFTYPE:
        if (at_word(w, "func"))
            a = WD_FUNCREF;
        else if (at_word(w, "extern"))
            a = WD_EXTERNREF;
        else
            return unexpected(w);
        next(w);
        emit_op(o, op);
        wb_byte(o, (uint8_t)a);
        return true;
    case IMM_SELECT_T:     /* looked up as SELECT */
    case IMM_BLOCKTYPE:    /* read by plain() and folded() */
        break;
    }
    return fail(w, cur(w), "internal error: no immediates for %s", in->name);
}

static bool deeper(wat *w)
{
    if (++w->depth > WAT_MAX_DEPTH)
        return fail(w, cur(w), "nesting too deep (more than %d levels)", WAT_MAX_DEPTH);
    return true;
}

/* Words of the module grammar: out of place where an instruction is due (a
 * `(param` after the body began), they are an unexpected token, not an
 * unknown operator. */
static bool no_operator(wat *w, const tok *t)
{
    static const char *const words[] = {
        "module", "type", "func", "param", "result", "local", "global", "table", "memory",
        "elem", "data", "import", "export", "start", "mut", "offset", "item", "declare",
        "then", "else", "end", "funcref", "externref", "i32", "i64", "f32", "f64", "v128",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (tok_is(t, words[i]))
            return unexpected_at(w, t);
    if (t->kind != T_ATOM)
        return unexpected_at(w, t);
    return fail(w, t, "unknown operator %.*s", (int)(t->len > 40 ? 40 : t->len), t->s);
}

/* A plain instruction (not folded); block instructions read up to `end`. */
static bool plain(wat *w, wbuf *o)
{
    tok *t = cur(w);
    int op = op_lookup(w, t);
    if (op < 0)
        return no_operator(w, t);
    next(w);
    if (op != WD_OP_BLOCK && op != WD_OP_LOOP && op != WD_OP_IF)
        return imms(w, op, o);
    if (!deeper(w))
        return false;
    tok *label = NULL;
    if (cur(w)->kind == T_ID) {
        label = cur(w);
        next(w);
    }
    emit_op(o, op);
    if (!blocktype(w, o) || !push_label(w, label) || !instrs(w, o))
        return false;
    if (op == WD_OP_IF && at_word(w, "else")) {
        next(w);
        if (!end_label(w))
            return false;
        size_t at = o->n;
        emit_op(o, WD_OP_ELSE);
        if (!instrs(w, o))
            return false;
        if (o->n == at + 1)
            o->n = at;   /* an empty else is left out (as wabt does) */
    }
    if (!expect_word(w, "end") || !end_label(w))
        return false;
    emit_op(o, WD_OP_END);
    w->labels.n--;
    w->depth--;
    return true;
}

/* A folded instruction: ( op imm* folded* ) and the folded block forms. */
static bool folded(wat *w, wbuf *o)
{
    if (!deeper(w))
        return false;
    next(w);   /* ( */
    tok *t = cur(w);
    int op = op_lookup(w, t);
    if (op < 0)
        return no_operator(w, t);
    next(w);
    if (op == WD_OP_BLOCK || op == WD_OP_LOOP) {
        tok *label = NULL;
        if (cur(w)->kind == T_ID) {
            label = cur(w);
            next(w);
        }
        emit_op(o, op);
        if (!blocktype(w, o) || !push_label(w, label) || !instrs(w, o) || !expect_rpar(w))
            return false;
        emit_op(o, WD_OP_END);
        w->labels.n--;
    } else if (op == WD_OP_IF) {
        tok *label = NULL;
        if (cur(w)->kind == T_ID) {
            label = cur(w);
            next(w);
        }
        size_t bt_pos = w->pos;
        wbuf tmp = { 0 };
        w->dry = true;
        bool ok = blocktype(w, &tmp);
        w->dry = false;
        wb_free(&tmp);
        if (!ok)
            return false;
        while (cur(w)->kind == T_LPAR && !tok_is(peek(w, 1), "then"))
            if (!folded(w, o))
                return false;
        size_t after = w->pos;
        w->pos = bt_pos;
        emit_op(o, WD_OP_IF);
        if (!blocktype(w, o))
            return false;
        w->pos = after;
        if (!push_label(w, label))
            return false;
        if (!at_sexpr(w, "then"))
            return unexpected(w);
        next(w);
        next(w);
        if (!instrs(w, o) || !expect_rpar(w))
            return false;
        if (at_sexpr(w, "else")) {
            next(w);
            next(w);
            size_t at = o->n;
            emit_op(o, WD_OP_ELSE);
            if (!instrs(w, o) || !expect_rpar(w))
                return false;
            if (o->n == at + 1)
                o->n = at;
        }
        if (!expect_rpar(w))
            return false;
        emit_op(o, WD_OP_END);
        w->labels.n--;
    } else {
        size_t imm_pos = w->pos;
        wbuf tmp = { 0 };
        w->dry = true;
        bool ok = imms(w, op, &tmp);
        w->dry = false;
        wb_free(&tmp);
        if (!ok)
            return false;
        while (cur(w)->kind == T_LPAR)
            if (!folded(w, o))
                return false;
        if (cur(w)->kind != T_RPAR)
            return unexpected(w);
        size_t after = w->pos;
        w->pos = imm_pos;
        if (!imms(w, op, o))
            return false;
        w->pos = after;
        next(w);
    }
    w->depth--;
    return true;
}

/* instr*: stops before `)`, `end`, `else` or the end of input. */
static bool instrs(wat *w, wbuf *o)
{
    for (;;) {
        if (o->oom)
            return oom(w);
        tok *t = cur(w);
        if (t->kind == T_RPAR || t->kind == T_EOF || tok_is(t, "end") || tok_is(t, "else"))
            return true;
        if (t->kind == T_LPAR) {
            if (!folded(w, o))
                return false;
        } else if (t->kind == T_ATOM) {
            if (!plain(w, o))
                return false;
        } else {
            return unexpected(w);
        }
    }
}

/* A constant expression (or any expression) up to `)`, with its end. */
static bool expr_until_rpar(wat *w, wbuf *o)
{
    if (!instrs(w, o))
        return false;
    if (cur(w)->kind != T_RPAR)
        return unexpected(w);
    emit_op(o, WD_OP_END);
    return true;
}

/* ---------------------------------------------------------------- module fields */

static bool read_limits(wat *w, wbuf *o)
{
    uint32_t min, max;
    if (!read_u32(w, &min))
        return false;
    if (cur(w)->kind == T_ATOM && is_num_tok(cur(w))) {
        if (!read_u32(w, &max))
            return false;
        wb_byte(o, 1);
        wb_u32(o, min);
        wb_u32(o, max);
    } else {
        wb_byte(o, 0);
        wb_u32(o, min);
    }
    return true;
}

static bool read_tabletype(wat *w, wbuf *o)
{
    wbuf lim = { 0 };
    uint8_t rt = 0;
    bool ok = read_limits(w, &lim) && read_reftype(w, &rt);
    if (ok) {
        wb_byte(o, rt);
        wb_bytes(o, lim.p, lim.n);
    }
    wb_free(&lim);
    return ok;
}

static bool read_globaltype(wat *w, wbuf *o)
{
    uint8_t t;
    if (at_sexpr(w, "mut")) {
        next(w);
        next(w);
        if (!read_valtype(w, &t) || !expect_rpar(w))
            return false;
        wb_byte(o, t);
        wb_byte(o, 1);
        return true;
    }
    if (!read_valtype(w, &t))
        return false;
    wb_byte(o, t);
    wb_byte(o, 0);
    return true;
}

static void skip_opt_id(wat *w)
{
    if (cur(w)->kind == T_ID)
        next(w);
}

/* (export "name")* of a definition with index idx. */
static bool inline_exports(wat *w, uint8_t kind, uint32_t idx)
{
    while (at_sexpr(w, "export")) {
        next(w);
        next(w);
        if (!read_name(w, &w->s_export) || !expect_rpar(w))
            return false;
        wb_byte(&w->s_export, kind);
        wb_u32(&w->s_export, idx);
        w->n_export++;
    }
    return true;
}

/* (import "m" "n") of a definition: writes the names; the caller adds the
 * description. */
static bool inline_import(wat *w)
{
    next(w);
    next(w);
    if (!read_name(w, &w->s_import) || !read_name(w, &w->s_import) || !expect_rpar(w))
        return false;
    w->n_import++;
    return true;
}

/* A function signature for an import: kind byte and type index. */
static bool func_import_desc(wat *w)
{
    tuse u = { 0 };
    uint32_t idx;
    bool ok = read_typeuse(w, &u, NULL, true) && resolve_typeuse(w, &u, &idx);
    wb_free(&u.s.v);
    if (!ok)
        return false;
    wb_u32(&w->s_import, idx);
    return true;
}

/* The description of an import of a kind (its keyword and $id read). */
static bool import_desc(wat *w, int kind)
{
    wbuf *o = &w->s_import;
    wb_byte(o, (uint8_t)kind);   /* K_* are the binary's external kinds */
    switch (kind) {
    case K_FUNC: return func_import_desc(w);
    case K_TABLE: return read_tabletype(w, o);
    case K_MEM: return read_limits(w, o);
    default: return read_globaltype(w, o);
    }
}

static bool func_body(wat *w)
{
    sp_free(&w->locals);
    w->labels.n = 0;
    tuse u = { 0 };
    uint32_t typeidx;
    wbuf body = { 0 }, ltypes = { 0 };
    bool ok = read_typeuse(w, &u, &w->locals, true) && resolve_typeuse(w, &u, &typeidx);
    if (ok && u.has_idx && u.s.np + u.s.nr == 0 && typeidx < w->ntypes)
        for (uint32_t i = 0; ok && i < w->types[typeidx].np; i++)
            ok = sp_add(w, &w->locals, NULL, "local", NULL);
    while (ok && at_sexpr(w, "local")) {
        next(w);
        next(w);
        if (cur(w)->kind == T_ID) {
            tok *id = cur(w);
            next(w);
            uint8_t t;
            ok = read_valtype(w, &t) && sp_add(w, &w->locals, id, "local", NULL);
            wb_byte(&ltypes, t);
        } else {
            while (ok && cur(w)->kind != T_RPAR) {
                uint8_t t;
                ok = read_valtype(w, &t) && sp_add(w, &w->locals, NULL, "local", NULL);
                wb_byte(&ltypes, t);
            }
        }
        ok = ok && expect_rpar(w);
    }
    if (ok) {
        /* locals as runs of one type */
        uint32_t runs = 0;
        for (size_t i = 0; i < ltypes.n; i++)
            if (i == 0 || ltypes.p[i] != ltypes.p[i - 1])
                runs++;
        wb_u32(&body, runs);
        for (size_t i = 0; i < ltypes.n;) {
            size_t j = i;
            while (j < ltypes.n && ltypes.p[j] == ltypes.p[i])
                j++;
            wb_u32(&body, (uint32_t)(j - i));
            wb_byte(&body, ltypes.p[i]);
            i = j;
        }
        ok = expr_until_rpar(w, &body);
    }
    if (ok && (body.oom || ltypes.oom))
        ok = oom(w);
    if (ok) {
        wb_u32(&w->s_func, typeidx);
        w->n_func++;
        wb_u32(&w->s_code, (uint32_t)body.n);
        wb_bytes(&w->s_code, body.p, body.n);
    }
    wb_free(&u.s.v);
    wb_free(&body);
    wb_free(&ltypes);
    return ok;
}

/* An offset: (offset instr*) or one folded instruction; with its end. */
static bool read_offset(wat *w, wbuf *o)
{
    if (at_sexpr(w, "offset")) {
        next(w);
        next(w);
        return expr_until_rpar(w, o) && expect_rpar(w);
    }
    if (cur(w)->kind != T_LPAR)
        return unexpected(w);
    if (!folded(w, o))
        return false;
    emit_op(o, WD_OP_END);
    return true;
}

/* The items of an element segment. */
typedef struct elist {
    uint8_t reftype;
    bool all_func;
    uint32_t n;
    wbuf funcs, exprs;
} elist;

static void el_func(elist *e, uint32_t idx)
{
    wb_u32(&e->funcs, idx);
    wb_byte(&e->exprs, 0xD2);
    wb_u32(&e->exprs, idx);
    wb_byte(&e->exprs, 0x0B);
    e->n++;
}

static bool el_funcs(wat *w, elist *e)
{
    while (at_idx(w)) {
        uint32_t idx;
        if (!read_idx(w, &w->sp_func, "function", &idx))
            return false;
        el_func(e, idx);
    }
    return true;
}

/* elemexpr*: (item instr*) or a folded instruction. */
static bool el_exprs(wat *w, elist *e)
{
    while (cur(w)->kind == T_LPAR) {
        wbuf x = { 0 };
        bool ok;
        if (at_sexpr(w, "item")) {
            next(w);
            next(w);
            ok = expr_until_rpar(w, &x) && expect_rpar(w);
        } else {
            ok = folded(w, &x);
            emit_op(&x, WD_OP_END);
        }
        if (ok && x.oom)
            ok = oom(w);
        if (!ok) {
            wb_free(&x);
            return false;
        }
        /* ref.func x alone: encodable as a function index */
        bool isf = false;
        if (x.n >= 3 && x.p[0] == 0xD2 && x.p[x.n - 1] == 0x0B) {
            size_t i = 1;
            uint64_t v = 0;
            unsigned sh = 0;
            while (i < x.n - 1 && sh < 35) {
                v |= (uint64_t)(x.p[i] & 0x7F) << sh;
                sh += 7;
                if (!(x.p[i++] & 0x80))
                    break;
            }
            if (i == x.n - 1 && v <= UINT32_MAX) {
                isf = true;
                wb_u32(&e->funcs, (uint32_t)v);
            }
        }
        if (!isf)
            e->all_func = false;
        wb_bytes(&e->exprs, x.p, x.n);
        e->n++;
        wb_free(&x);
    }
    return true;
}

/* Writes a segment: mode 0 active, 1 passive, 2 declarative. */
static void el_write(wat *w, elist *e, int mode, uint32_t table, const wbuf *offset)
{
    wbuf *o = &w->s_elem;
    bool exprs = !(e->reftype == WD_FUNCREF && e->all_func);
    uint32_t flags = exprs ? 4 : 0;
    if (mode == 0 && (e->reftype != WD_FUNCREF || table != 0))
        flags |= 2;
    else if (mode == 1)
        flags |= 1;
    else if (mode == 2)
        flags |= 3;
    wb_u32(o, flags);
    if (mode == 0) {
        if (flags & 2)
            wb_u32(o, table);
        wb_bytes(o, offset->p, offset->n);
    }
    if (flags & 3)
        wb_byte(o, exprs ? e->reftype : 0x00);
    wb_u32(o, e->n);
    if (exprs)
        wb_bytes(o, e->exprs.p, e->exprs.n);
    else
        wb_bytes(o, e->funcs.p, e->funcs.n);
    w->n_elem++;
}

static bool elem_field(wat *w)
{
    skip_opt_id(w);
    int mode = 1;
    uint32_t table = 0;
    wbuf off = { 0 };
    elist e = { WD_FUNCREF, true, 0, { 0 }, { 0 } };
    bool ok = true;
    if (at_word(w, "declare")) {
        next(w);
        mode = 2;
    } else if (at_sexpr(w, "table")) {
        next(w);
        next(w);
        ok = read_idx(w, &w->sp_table, "table", &table) && expect_rpar(w) && read_offset(w, &off);
        mode = 0;
    } else if (at_idx(w) && peek(w, 1)->kind == T_LPAR) {
        ok = read_idx(w, &w->sp_table, "table", &table) && read_offset(w, &off);
        mode = 0;
    } else if (cur(w)->kind == T_LPAR && !at_sexpr(w, "item")) {
        ok = read_offset(w, &off);
        mode = 0;
    }
    if (ok) {
        if (at_word(w, "func")) {
            next(w);
            ok = el_funcs(w, &e);
        } else if (valtype_of(cur(w)) == WD_FUNCREF || valtype_of(cur(w)) == WD_EXTERNREF) {
            e.reftype = (uint8_t)valtype_of(cur(w));
            next(w);
            ok = el_exprs(w, &e);
        } else if (mode == 0) {
            ok = el_funcs(w, &e);   /* active only: bare function indices */
        }
    }
    ok = ok && expect_rpar(w);
    if (ok)
        el_write(w, &e, mode, table, &off);
    wb_free(&off);
    wb_free(&e.funcs);
    wb_free(&e.exprs);
    return ok;
}

static bool data_strings(wat *w, wbuf *b)
{
    while (cur(w)->kind == T_STRING) {
        if (!str_decode(w, cur(w), b))
            return false;
        next(w);
    }
    return true;
}

static void data_write(wat *w, bool active, uint32_t mem, const wbuf *off, const wbuf *bytes)
{
    wbuf *o = &w->s_data;
    if (!active) {
        wb_u32(o, 1);
    } else if (mem != 0) {
        wb_u32(o, 2);
        wb_u32(o, mem);
    } else {
        wb_u32(o, 0);
    }
    if (active)
        wb_bytes(o, off->p, off->n);
    wb_u32(o, (uint32_t)bytes->n);
    wb_bytes(o, bytes->p, bytes->n);
    w->n_data++;
}

static bool data_field(wat *w)
{
    skip_opt_id(w);
    bool active = false, ok = true;
    uint32_t mem = 0;
    wbuf off = { 0 }, bytes = { 0 };
    if (at_sexpr(w, "memory")) {
        next(w);
        next(w);
        ok = read_idx(w, &w->sp_mem, "memory", &mem) && expect_rpar(w) && read_offset(w, &off);
        active = true;
    } else if (at_idx(w) && peek(w, 1)->kind == T_LPAR) {
        ok = read_idx(w, &w->sp_mem, "memory", &mem) && read_offset(w, &off);
        active = true;
    } else if (cur(w)->kind == T_LPAR) {
        ok = read_offset(w, &off);
        active = true;
    }
    ok = ok && data_strings(w, &bytes) && expect_rpar(w);
    if (ok && bytes.n > UINT32_MAX)
        ok = fail(w, cur(w), "data segment too long");
    if (ok)
        data_write(w, active, mem, &off, &bytes);
    wb_free(&off);
    wb_free(&bytes);
    return ok;
}

/* Counters of pass 2: the index each definition gets. */
typedef struct counters {
    uint32_t func, table, mem, global, elem, data;
} counters;

static bool import_field(wat *w, counters *c)
{
    if (!read_name(w, &w->s_import) || !read_name(w, &w->s_import) || !expect_lpar(w))
        return false;
    w->n_import++;
    static const char *const words[K_NKINDS] = { "func", "table", "memory", "global" };
    uint32_t *count[K_NKINDS] = { &c->func, &c->table, &c->mem, &c->global };
    int kind = 0;
    while (kind < K_NKINDS && !at_word(w, words[kind]))
        kind++;
    if (kind == K_NKINDS)
        return unexpected(w);
    next(w);
    skip_opt_id(w);
    (*count[kind])++;
    bool ok = import_desc(w, kind);
    return ok && expect_rpar(w) && expect_rpar(w);
}

static bool export_field(wat *w)
{
    if (!read_name(w, &w->s_export) || !expect_lpar(w))
        return false;
    uint8_t kind;
    space *sp;
    if (at_word(w, "func")) { kind = 0; sp = &w->sp_func; }
    else if (at_word(w, "table")) { kind = 1; sp = &w->sp_table; }
    else if (at_word(w, "memory")) { kind = 2; sp = &w->sp_mem; }
    else if (at_word(w, "global")) { kind = 3; sp = &w->sp_global; }
    else return unexpected(w);
    next(w);
    uint32_t idx;
    if (!read_idx(w, sp, "export target", &idx) || !expect_rpar(w) || !expect_rpar(w))
        return false;
    wb_byte(&w->s_export, kind);
    wb_u32(&w->s_export, idx);
    w->n_export++;
    return true;
}

/* Pass 2 over one field; cur is its keyword. */
static bool encode_field(wat *w, counters *c)
{
    tok *kw = cur(w);
    next(w);
    if (tok_is(kw, "type")) {
        w->pos = (size_t)(kw - w->t) - 1;
        w->pos = w->t[w->pos].match;   /* read in pass 1 */
        next(w);
        return true;
    }
    if (tok_is(kw, "import"))
        return import_field(w, c);
    if (tok_is(kw, "export"))
        return export_field(w);
    if (tok_is(kw, "start")) {
        uint32_t idx;
        if (!read_idx(w, &w->sp_func, "function", &idx) || !expect_rpar(w))
            return false;
        wb_u32(&w->s_start, idx);
        return true;
    }
    if (tok_is(kw, "elem")) {
        c->elem++;
        return elem_field(w);
    }
    if (tok_is(kw, "data")) {
        c->data++;
        return data_field(w);
    }
    skip_opt_id(w);
    if (tok_is(kw, "func")) {
        if (!inline_exports(w, 0, c->func++))
            return false;
        if (at_sexpr(w, "import"))
            return inline_import(w) && import_desc(w, K_FUNC) && expect_rpar(w);
        return func_body(w) && expect_rpar(w);
    }
    if (tok_is(kw, "table")) {
        uint32_t idx = c->table++;
        if (!inline_exports(w, 1, idx))
            return false;
        if (at_sexpr(w, "import")) {
            return inline_import(w) && import_desc(w, K_TABLE) && expect_rpar(w);
        }
        int rt = valtype_of(cur(w));
        if ((rt == WD_FUNCREF || rt == WD_EXTERNREF) && at_sexpr_at(w, 1, "elem")) {
            next(w);
            next(w);
            next(w);
            elist e = { (uint8_t)rt, true, 0, { 0 }, { 0 } };
            bool ok = cur(w)->kind == T_LPAR ? el_exprs(w, &e) : el_funcs(w, &e);
            ok = ok && expect_rpar(w) && expect_rpar(w);
            if (ok) {
                wbuf off = { 0 };
                wb_byte(&off, 0x41);
                wb_byte(&off, 0);
                wb_byte(&off, 0x0B);
                el_write(w, &e, 0, idx, &off);
                wb_free(&off);
                wb_byte(&w->s_table, (uint8_t)rt);
                wb_byte(&w->s_table, 1);
                wb_u32(&w->s_table, e.n);
                wb_u32(&w->s_table, e.n);
                w->n_table++;
                c->elem++;
            }
            wb_free(&e.funcs);
            wb_free(&e.exprs);
            return ok;
        }
        w->n_table++;
        return read_tabletype(w, &w->s_table) && expect_rpar(w);
    }
    if (tok_is(kw, "memory")) {
        uint32_t idx = c->mem++;
        if (!inline_exports(w, 2, idx))
            return false;
        if (at_sexpr(w, "import")) {
            return inline_import(w) && import_desc(w, K_MEM) && expect_rpar(w);
        }
        if (at_sexpr(w, "data")) {
            next(w);
            next(w);
            wbuf bytes = { 0 }, off = { 0 };
            bool ok = data_strings(w, &bytes) && expect_rpar(w) && expect_rpar(w);
            if (ok) {
                uint64_t pages = ((uint64_t)bytes.n + 65535) / 65536;
                if (pages > UINT32_MAX || bytes.n > UINT32_MAX)
                    ok = fail(w, kw, "data too long");
                wb_byte(&w->s_mem, 1);
                wb_u32(&w->s_mem, (uint32_t)pages);
                wb_u32(&w->s_mem, (uint32_t)pages);
                w->n_mem++;
                wb_byte(&off, 0x41);
                wb_byte(&off, 0);
                wb_byte(&off, 0x0B);
                data_write(w, true, idx, &off, &bytes);
                c->data++;
            }
            wb_free(&bytes);
            wb_free(&off);
            return ok;
        }
        w->n_mem++;
        return read_limits(w, &w->s_mem) && expect_rpar(w);
    }
    if (tok_is(kw, "global")) {
        if (!inline_exports(w, 3, c->global++))
            return false;
        if (at_sexpr(w, "import")) {
            return inline_import(w) && import_desc(w, K_GLOBAL) && expect_rpar(w);
        }
        w->n_global++;
        return read_globaltype(w, &w->s_global) && expr_until_rpar(w, &w->s_global) &&
               expect_rpar(w);
    }
    return fail(w, kw, "unknown module field \"%.*s\"", (int)(kw->len > 40 ? 40 : kw->len), kw->s);
}

/* ---------------------------------------------------------------- pass 1 */

static bool scan_field(wat *w)
{
    size_t start = w->pos;
    size_t end = w->t[start].match;
    next(w);
    tok *kw = cur(w);
    next(w);
    tok *id = NULL;
    if (tok_is(kw, "type")) {
        if (cur(w)->kind == T_ID) {
            id = cur(w);
            next(w);
        }
        if (!at_sexpr(w, "func"))
            return unexpected(w);
        next(w);
        next(w);
        sig s = { 0 };
        uint32_t idx;
        bool ok = read_sig(w, &s, NULL, true) && expect_rpar(w) && expect_rpar(w) &&
                  add_type(w, &s, &idx) && sp_add(w, &w->sp_type, id, "type", NULL);
        wb_free(&s.v);
        return ok;
    }
    int kind = -1;
    space *sp = NULL;
    bool import = false;
    if (tok_is(kw, "import")) {
        import = true;
        if (cur(w)->kind == T_STRING)
            next(w);
        if (cur(w)->kind == T_STRING)
            next(w);
        if (cur(w)->kind != T_LPAR)
            return unexpected(w);
        next(w);
        kw = cur(w);
        next(w);
    }
    if (tok_is(kw, "func")) { kind = K_FUNC; sp = &w->sp_func; }
    else if (tok_is(kw, "table")) { kind = K_TABLE; sp = &w->sp_table; }
    else if (tok_is(kw, "memory")) { kind = K_MEM; sp = &w->sp_mem; }
    else if (tok_is(kw, "global")) { kind = K_GLOBAL; sp = &w->sp_global; }
    if (kind >= 0) {
        static const char *const what[K_NKINDS] = { "func", "table", "memory", "global" };
        if (cur(w)->kind == T_ID) {
            id = cur(w);
            next(w);
        }
        while (!import && at_sexpr(w, "export"))
            w->pos = cur(w)->match + 1;
        if (!import && at_sexpr(w, "import"))
            import = true;
        if (import && w->first_def >= 0)
            return fail(w, kw, "import after %s", kind_word[w->first_def]);
        if (!import && w->first_def < 0)
            w->first_def = kind;
        if (!sp_add(w, sp, id, what[kind], NULL))
            return false;
        if (!import && kind == K_TABLE && valtype_of(cur(w)) >= 0 && at_sexpr_at(w, 1, "elem") &&
            !sp_add(w, &w->sp_elem, NULL, "elem", NULL))
            return false;
        if (!import && kind == K_MEM && at_sexpr(w, "data") &&
            !sp_add(w, &w->sp_data, NULL, "data", NULL))
            return false;
    } else if (import) {
        return unexpected(w);
    } else if (tok_is(kw, "elem") || tok_is(kw, "data")) {
        bool elem = tok_is(kw, "elem");
        if (cur(w)->kind == T_ID)
            id = cur(w);
        if (!sp_add(w, elem ? &w->sp_elem : &w->sp_data, id, elem ? "elem" : "data", NULL))
            return false;
    } else if (tok_is(kw, "start")) {
        if (w->have_start)
            return fail(w, kw, "multiple start sections");
        w->have_start = true;
    } else if (!tok_is(kw, "export")) {
        return fail(w, kw, "unknown module field \"%.*s\"", (int)(kw->len > 40 ? 40 : kw->len), kw->s);
    }
    w->pos = end + 1;
    return true;
}

/* ---------------------------------------------------------------- assembly */

static void section(wbuf *o, uint8_t id, bool counted, uint32_t count, const wbuf *c)
{
    wbuf tmp = { 0 };
    if (counted)
        wb_u32(&tmp, count);
    wb_bytes(&tmp, c->p, c->n);
    wb_byte(o, id);
    wb_u32(o, (uint32_t)tmp.n);
    wb_bytes(o, tmp.p, tmp.n);
    if (tmp.oom)
        o->oom = true;
    wb_free(&tmp);
}

static void wb_name(wbuf *b, span id)   /* an $id without its '$' */
{
    wb_u32(b, id.len - 1);
    wb_bytes(b, id.s + 1, id.len - 1);
}

/* The "name" custom section: the module's $id (subsection 0) and the function
 * $ids (subsection 1, by index). Nothing when the text names none of them. */
static void name_section(wat *w, wbuf *o)
{
    const space *f = &w->sp_func;
    if (w->module_id.len == 0 && f->nnamed == 0)
        return;
    wbuf c = { 0 }, sub = { 0 };
    wb_name(&c, (span){ "$name", 5 });
    if (w->module_id.len) {
        wb_name(&sub, w->module_id);
        section(&c, 0, false, 0, &sub);
        sub.n = 0;
    }
    if (f->nnamed) {
        wb_u32(&sub, f->nnamed);
        for (uint32_t i = 0; i < f->n; i++)
            if (f->names[i].len) {
                wb_u32(&sub, i);
                wb_name(&sub, f->names[i]);
            }
        section(&c, 1, false, 0, &sub);
    }
    section(o, 0, false, 0, &c);
    if (c.oom || sub.oom)
        o->oom = true;
    wb_free(&c);
    wb_free(&sub);
}

static bool assemble(wat *w, wbuf *o)
{
    static const uint8_t head[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
    wb_bytes(o, head, 8);
    if (w->ntypes) {
        wbuf ts = { 0 };
        for (uint32_t i = 0; i < w->ntypes; i++) {
            ftype *f = &w->types[i];
            wb_byte(&ts, 0x60);
            wb_u32(&ts, f->np);
            wb_bytes(&ts, f->v, f->np);
            wb_u32(&ts, f->nr);
            wb_bytes(&ts, f->v + f->np, f->nr);
        }
        section(o, 1, true, w->ntypes, &ts);
        if (ts.oom)
            o->oom = true;
        wb_free(&ts);
    }
    if (w->n_import) section(o, 2, true, w->n_import, &w->s_import);
    if (w->n_func) section(o, 3, true, w->n_func, &w->s_func);
    if (w->n_table) section(o, 4, true, w->n_table, &w->s_table);
    if (w->n_mem) section(o, 5, true, w->n_mem, &w->s_mem);
    if (w->n_global) section(o, 6, true, w->n_global, &w->s_global);
    if (w->n_export) section(o, 7, true, w->n_export, &w->s_export);
    if (w->s_start.n) section(o, 8, false, 0, &w->s_start);
    if (w->n_elem) section(o, 9, true, w->n_elem, &w->s_elem);
    if (w->n_data && w->uses_datacount) {
        wbuf none = { 0 };
        section(o, 12, true, w->n_data, &none);
    }
    if (w->n_func) section(o, 10, true, w->n_func, &w->s_code);
    if (w->n_data) section(o, 11, true, w->n_data, &w->s_data);
    if (!w->no_names)
        name_section(w, o);
    wbuf *all[] = { &w->s_import, &w->s_func, &w->s_table, &w->s_mem, &w->s_global,
                    &w->s_export, &w->s_start, &w->s_elem, &w->s_code, &w->s_data };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i]->oom)
            o->oom = true;
    return !o->oom || oom(w);
}

static void wat_free(wat *w)
{
    wd__free(w->t);
    for (uint32_t i = 0; i < w->ntypes; i++)
        wd__free(w->types[i].key);
    wd__free(w->types);
    space *sps[] = { &w->sp_type, &w->sp_func, &w->sp_table, &w->sp_mem, &w->sp_global,
                     &w->sp_elem, &w->sp_data, &w->sigs, &w->locals, &w->labels };
    for (size_t i = 0; i < sizeof sps / sizeof sps[0]; i++)
        sp_free(sps[i]);
    wbuf *all[] = { &w->s_import, &w->s_func, &w->s_table, &w->s_mem, &w->s_global,
                    &w->s_export, &w->s_start, &w->s_elem, &w->s_code, &w->s_data };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        wb_free(all[i]);
}

bool wd_wat_to_wasm(const char *text, size_t len, const wd_load_options *opts,
                    uint8_t **out, size_t *out_size, wd_error *err)
{
    wd_error_clear(err);
    *out = NULL;
    *out_size = 0;
    wat w;
    memset(&w, 0, sizeof w);
    w.src = text;
    w.len = len;
    w.file = opts && opts->name ? opts->name : "";
    w.features = opts ? opts->features : 0;
    w.no_names = opts && opts->no_name_section;
    w.err = err;
    w.first_def = -1;
    wbuf o = { 0 };
    bool ok = false;
    /* token indices and lengths are 32-bit */
    if (len > UINT32_MAX) {
        fail(&w, NULL, "text too large (%zu bytes, at most 4 GiB)", len);
        goto done;
    }
    if (!lex(&w))
        goto done;
    /* (module $id? field*) or field* */
    size_t first = 0, end = w.nt - 1;
    if (w.t[0].kind == T_LPAR && tok_is(&w.t[1], "module")) {
        end = w.t[0].match;
        if (w.t[end + 1].kind != T_EOF) {
            fail(&w, &w.t[end + 1], "unexpected token after the module");
            goto done;
        }
        first = 2;
        if (w.t[first].kind == T_ID)
            w.module_id = tok_span(&w.t[first++]);
    }
    w.pos = first;
    while (w.pos < end) {
        if (cur(&w)->kind != T_LPAR) {
            unexpected(&w);
            goto done;
        }
        if (!scan_field(&w))
            goto done;
    }
    counters c = { 0 };
    w.pos = first;
    while (w.pos < end) {
        size_t field_end = cur(&w)->match;
        next(&w);
        if (!encode_field(&w, &c))
            goto done;
        if (w.pos != field_end + 1) {
            fail(&w, cur(&w), "internal error: field not read to its end");
            goto done;
        }
    }
    if (!assemble(&w, &o))
        goto done;
    if (w.stray)
        goto done;
    *out = o.p;
    *out_size = o.n;
    o.p = NULL;
    ok = true;
done:
    if (w.stray && (!w.failed || w.stray_line < w.err_line ||
                    (w.stray_line == w.err_line && w.stray_col < w.err_col))) {
        tok at = { 0, 0, NULL, w.stray_line, w.stray_col, 0 };
        w.failed = false;
        fail(&w, &at, "unexpected token ')'");
        ok = false;
    }
    wb_free(&o);
    wat_free(&w);
    return ok;
}

bool wd_wat_is_text(const uint8_t *p, size_t size)
{
    size_t i = 0;
    while (i < size && is_space(p[i]))
        i++;
    return i < size && (p[i] == '(' || p[i] == ';');
}

bool wd_wat_binary_in_place(uint8_t **bytes, size_t *size, const wd_load_options *opts,
                            wd_error *err)
{
    if (!wd_wat_is_text(*bytes, *size))
        return true;
    uint8_t *bin = NULL;
    size_t n = 0;
    if (!wd_wat_to_wasm((const char *)*bytes, *size, opts, &bin, &n, err))
        return false;
    free(*bytes);
    *bytes = bin;
    *size = n;
    return true;
}
