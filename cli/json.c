/* json.c: a small JSON reader; see json.h. */
#include "json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *s;
    size_t len, pos;
    unsigned depth;
    wd_json_error *err;
} parser;

static bool json_fail(parser *p, size_t offset, const char *fmt, ...)
{
    if (p->err->msg[0] != '\0')   /* keep the first (innermost) error */
        return false;
    p->err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
    va_end(ap);
    if (p->err->msg[0] == '\0')
        snprintf(p->err->msg, sizeof p->err->msg, "error");
    return false;
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

/* Describes the character at pos for error messages. */
static const char *describe(parser *p, char *buf, size_t size)
{
    if (p->pos >= p->len)
        return "end of input";
    unsigned char c = (unsigned char)p->s[p->pos];
    if (c >= 0x20 && c < 0x7f)
        snprintf(buf, size, "'%c'", (char)c);
    else
        snprintf(buf, size, "byte 0x%02x", c);
    return buf;
}

static void free_contents(wd_json *v)
{
    if (v == NULL)
        return;
    free(v->text);
    if (v->items != NULL) {
        for (size_t i = 0; i < v->count; i++)
            free_contents(&v->items[i]);
        free(v->items);
    }
    if (v->keys != NULL) {
        for (size_t i = 0; i < v->count; i++)
            free(v->keys[i].text);
        free(v->keys);
    }
    memset(v, 0, sizeof *v);
}

/* ------------------------------------------------------------ strings */

typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer;

static bool buf_reserve(buffer *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 16;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (d == NULL)
        return false;
    b->data = d;
    b->cap = cap;
    return true;
}

static void buf_put_utf8(buffer *b, uint32_t cp)
{
    /* caller reserved 4 bytes */
    if (cp < 0x80) {
        b->data[b->len++] = (char)cp;
    } else if (cp < 0x800) {
        b->data[b->len++] = (char)(0xC0 | (cp >> 6));
        b->data[b->len++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        b->data[b->len++] = (char)(0xE0 | (cp >> 12));
        b->data[b->len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b->data[b->len++] = (char)(0x80 | (cp & 0x3F));
    } else {
        b->data[b->len++] = (char)(0xF0 | (cp >> 18));
        b->data[b->len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b->data[b->len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b->data[b->len++] = (char)(0x80 | (cp & 0x3F));
    }
}

/* Reads 4 hex digits at pos; advances past them. */
static bool read_hex4(parser *p, uint32_t *out)
{
    size_t start = p->pos;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        if (p->pos >= p->len)
            return json_fail(p, p->pos, "unterminated \\u escape");
        char c = p->s[p->pos];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return json_fail(p, start - 2, "bad \\u escape: expected 4 hex digits");
        v = v * 16 + d;
        p->pos++;
    }
    *out = v;
    return true;
}

/* Parses a string starting at the opening quote. */
static bool parse_string(parser *p, char **text, size_t *len)
{
    size_t start = p->pos;
    buffer b = {0};
    p->pos++; /* opening quote */
    for (;;) {
        if (p->pos >= p->len) {
            free(b.data);
            return json_fail(p, start, "unterminated string");
        }
        /* copy a run of plain characters */
        size_t run = p->pos;
        while (run < p->len) {
            unsigned char c = (unsigned char)p->s[run];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            run++;
        }
        if (run > p->pos) {
            if (!buf_reserve(&b, run - p->pos)) {
                free(b.data);
                return json_fail(p, start, "out of memory");
            }
            memcpy(b.data + b.len, p->s + p->pos, run - p->pos);
            b.len += run - p->pos;
            p->pos = run;
            continue;
        }
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c < 0x20) {
            free(b.data);
            return json_fail(p, p->pos, "control character 0x%02x in string", c);
        }
        /* backslash */
        size_t esc = p->pos;
        p->pos++;
        if (p->pos >= p->len) {
            free(b.data);
            return json_fail(p, start, "unterminated string");
        }
        if (!buf_reserve(&b, 4)) {
            free(b.data);
            return json_fail(p, start, "out of memory");
        }
        char e = p->s[p->pos++];
        switch (e) {
        case '"': b.data[b.len++] = '"'; break;
        case '\\': b.data[b.len++] = '\\'; break;
        case '/': b.data[b.len++] = '/'; break;
        case 'b': b.data[b.len++] = '\b'; break;
        case 'f': b.data[b.len++] = '\f'; break;
        case 'n': b.data[b.len++] = '\n'; break;
        case 'r': b.data[b.len++] = '\r'; break;
        case 't': b.data[b.len++] = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (!read_hex4(p, &cp)) {
                free(b.data);
                return false;
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                free(b.data);
                return json_fail(p, esc, "lone low surrogate \\u%04X in string", (unsigned)cp);
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (p->pos + 1 >= p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') {
                    free(b.data);
                    return json_fail(p, esc, "high surrogate \\u%04X not followed by a low one",
                                (unsigned)cp);
                }
                p->pos += 2;
                uint32_t lo;
                if (!read_hex4(p, &lo)) {
                    free(b.data);
                    return false;
                }
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    free(b.data);
                    return json_fail(p, esc, "high surrogate \\u%04X not followed by a low one",
                                (unsigned)cp);
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            buf_put_utf8(&b, cp);
            break;
        }
        default:
            free(b.data);
            if ((unsigned char)e >= 0x20 && (unsigned char)e < 0x7f)
                return json_fail(p, esc, "bad escape '\\%c' in string", e);
            return json_fail(p, esc, "bad escape in string");
        }
    }
    if (!buf_reserve(&b, 0)) {
        free(b.data);
        return json_fail(p, start, "out of memory");
    }
    b.data[b.len] = '\0';
    *text = b.data;
    *len = b.len;
    return true;
}

/* ------------------------------------------------------------ numbers */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool parse_number(parser *p, wd_json *out)
{
    size_t start = p->pos;
    size_t i = p->pos;
    if (i < p->len && p->s[i] == '-')
        i++;
    if (i >= p->len || !is_digit(p->s[i]))
        return json_fail(p, start, "bad number: expected a digit");
    if (p->s[i] == '0') {
        i++;
        if (i < p->len && is_digit(p->s[i]))
            return json_fail(p, start, "bad number: leading zero");
    } else {
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    if (i < p->len && p->s[i] == '.') {
        i++;
        if (i >= p->len || !is_digit(p->s[i]))
            return json_fail(p, start, "bad number: expected a digit after '.'");
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
        i++;
        if (i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        if (i >= p->len || !is_digit(p->s[i]))
            return json_fail(p, start, "bad number: expected a digit in the exponent");
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    size_t n = i - start;
    char *text = malloc(n + 1);
    if (text == NULL)
        return json_fail(p, start, "out of memory");
    memcpy(text, p->s + start, n);
    text[n] = '\0';
    out->type = WD_JSON_NUMBER;
    out->text = text;
    out->len = n;
    p->pos = i;
    return true;
}

/* ------------------------------------------------------------ values */

static bool parse_value(parser *p, wd_json *out);

static bool grow(void **arr, size_t elem, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap ? *cap * 2 : 4;
    if (cap2 < need)
        cap2 = need;
    if (cap2 > SIZE_MAX / elem)
        return false;
    void *a = realloc(*arr, cap2 * elem);
    if (a == NULL)
        return false;
    *arr = a;
    *cap = cap2;
    return true;
}

static bool parse_array(parser *p, wd_json *out)
{
    size_t start = p->pos;
    size_t cap = 0;
    out->type = WD_JSON_ARRAY;
    p->pos++; /* [ */
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == ']') {
        p->pos++;
        return true;
    }
    for (;;) {
        if (!grow((void **)&out->items, sizeof *out->items, &cap, out->count + 1))
            return json_fail(p, start, "out of memory");
        wd_json *item = &out->items[out->count];
        memset(item, 0, sizeof *item);
        skip_ws(p);
        if (!parse_value(p, item)) {
            free_contents(item);
            return false;
        }
        out->count++;
        skip_ws(p);
        char d[16];
        if (p->pos >= p->len)
            return json_fail(p, p->pos, "unterminated array (opened at byte %zu)", start);
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == ']') {
            p->pos++;
            return true;
        }
        return json_fail(p, p->pos, "expected ',' or ']' in array, found %s", describe(p, d, sizeof d));
    }
}

static bool parse_object(parser *p, wd_json *out)
{
    size_t start = p->pos;
    size_t cap_items = 0, cap_keys = 0;
    out->type = WD_JSON_OBJECT;
    p->pos++; /* { */
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return true;
    }
    for (;;) {
        char d[16];
        skip_ws(p);
        if (p->pos >= p->len)
            return json_fail(p, p->pos, "unterminated object (opened at byte %zu)", start);
        if (p->s[p->pos] != '"')
            return json_fail(p, p->pos, "expected a string key in object, found %s",
                        describe(p, d, sizeof d));
        if (!grow((void **)&out->items, sizeof *out->items, &cap_items, out->count + 1) ||
            !grow((void **)&out->keys, sizeof *out->keys, &cap_keys, out->count + 1))
            return json_fail(p, start, "out of memory");
        wd_json_key *key = &out->keys[out->count];
        wd_json *item = &out->items[out->count];
        memset(key, 0, sizeof *key);
        memset(item, 0, sizeof *item);
        if (!parse_string(p, &key->text, &key->len))
            return false;
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] != ':') {
            free(key->text);
            key->text = NULL;
            return json_fail(p, p->pos, "expected ':' after object key, found %s",
                        describe(p, d, sizeof d));
        }
        p->pos++;
        skip_ws(p);
        if (!parse_value(p, item)) {
            free(key->text);
            key->text = NULL;
            free_contents(item);
            return false;
        }
        out->count++;
        skip_ws(p);
        if (p->pos >= p->len)
            return json_fail(p, p->pos, "unterminated object (opened at byte %zu)", start);
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == '}') {
            p->pos++;
            return true;
        }
        return json_fail(p, p->pos, "expected ',' or '}' in object, found %s",
                    describe(p, d, sizeof d));
    }
}

static bool match_word(parser *p, const char *word)
{
    size_t n = strlen(word);
    return p->len - p->pos >= n && memcmp(p->s + p->pos, word, n) == 0;
}

static bool parse_value(parser *p, wd_json *out)
{
    char d[16];
    memset(out, 0, sizeof *out);
    out->offset = p->pos;
    if (p->pos >= p->len)
        return json_fail(p, p->pos, "expected a value, found end of input");
    char c = p->s[p->pos];
    if (c == '{' || c == '[') {
        if (p->depth >= WD_JSON_MAX_DEPTH)
            return json_fail(p, p->pos, "nesting deeper than %d levels", WD_JSON_MAX_DEPTH);
        p->depth++;
        bool ok = c == '{' ? parse_object(p, out) : parse_array(p, out);
        p->depth--;
        return ok;
    }
    if (c == '"') {
        out->type = WD_JSON_STRING;
        return parse_string(p, &out->text, &out->len);
    }
    if (c == '-' || is_digit(c))
        return parse_number(p, out);
    if (match_word(p, "true")) {
        out->type = WD_JSON_TRUE;
        p->pos += 4;
        return true;
    }
    if (match_word(p, "false")) {
        out->type = WD_JSON_FALSE;
        p->pos += 5;
        return true;
    }
    if (match_word(p, "null")) {
        out->type = WD_JSON_NULL;
        p->pos += 4;
        return true;
    }
    return json_fail(p, p->pos, "expected a value, found %s", describe(p, d, sizeof d));
}

/* ------------------------------------------------------------ public API */

wd_json *wd_json_parse(const char *text, size_t len, wd_json_error *err)
{
    wd_json_error local;
    if (err == NULL)
        err = &local;
    memset(err, 0, sizeof *err);
    err->offset = SIZE_MAX;
    parser p = {text, text != NULL ? len : 0, 0, 0, err};

    wd_json *root = calloc(1, sizeof *root);
    if (root == NULL) {
        json_fail(&p, 0, "out of memory");
        return NULL;
    }
    /* a UTF-8 byte order mark is tolerated */
    if (p.len >= 3 && memcmp(p.s, "\xEF\xBB\xBF", 3) == 0)
        p.pos = 3;
    skip_ws(&p);
    if (!parse_value(&p, root)) {
        free_contents(root);
        free(root);
        return NULL;
    }
    skip_ws(&p);
    if (p.pos < p.len) {
        char d[16];
        json_fail(&p, p.pos, "unexpected %s after the document", describe(&p, d, sizeof d));
        free_contents(root);
        free(root);
        return NULL;
    }
    return root;
}

wd_json *wd_json_parse_file(const char *path, wd_json_error *err)
{
    wd_json_error local;
    if (err == NULL)
        err = &local;
    memset(err, 0, sizeof *err);
    err->offset = SIZE_MAX;
    snprintf(err->file, sizeof err->file, "%s", path);

    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err->msg, sizeof err->msg, "cannot open: %s", strerror(errno));
        return NULL;
    }
    buffer b = {0};
    for (;;) {
        if (!buf_reserve(&b, 65536)) {
            snprintf(err->msg, sizeof err->msg, "out of memory");
            free(b.data);
            fclose(f);
            return NULL;
        }
        size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
        b.len += n;
        if (n == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    int saved = errno;
    fclose(f);
    if (bad) {
        snprintf(err->msg, sizeof err->msg, "read error: %s", strerror(saved));
        free(b.data);
        return NULL;
    }
    wd_json *root = wd_json_parse(b.data, b.len, err);
    free(b.data);
    snprintf(err->file, sizeof err->file, "%s", path); /* wd_json_parse cleared it */
    return root;
}

void wd_json_free(wd_json *root)
{
    if (root == NULL)
        return;
    free_contents(root);
    free(root);
}

char *wd_json_error_format(const wd_json_error *err, char *buf, size_t size)
{
    if (buf == NULL || size == 0)
        return buf;
    const char *msg = err->msg[0] ? err->msg : "error";
    if (err->file[0] && err->offset != SIZE_MAX)
        snprintf(buf, size, "%s: byte %zu: %s", err->file, err->offset, msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, msg);
    else if (err->offset != SIZE_MAX)
        snprintf(buf, size, "byte %zu: %s", err->offset, msg);
    else
        snprintf(buf, size, "%s", msg);
    return buf;
}

const wd_json *wd_json_get(const wd_json *v, const char *key)
{
    if (v == NULL || v->type != WD_JSON_OBJECT || key == NULL)
        return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < v->count; i++)
        if (v->keys[i].len == n && memcmp(v->keys[i].text, key, n) == 0)
            return &v->items[i];
    return NULL;
}

const char *wd_json_get_string(const wd_json *v, const char *key)
{
    const wd_json *m = wd_json_get(v, key);
    return m != NULL && m->type == WD_JSON_STRING ? m->text : NULL;
}

const wd_json *wd_json_at(const wd_json *v, size_t i)
{
    if (v == NULL || v->type != WD_JSON_ARRAY || i >= v->count)
        return NULL;
    return &v->items[i];
}

size_t wd_json_count(const wd_json *v)
{
    if (v == NULL || (v->type != WD_JSON_ARRAY && v->type != WD_JSON_OBJECT))
        return 0;
    return v->count;
}

bool wd_json_to_u64(const wd_json *v, uint64_t *out)
{
    if (v == NULL || (v->type != WD_JSON_NUMBER && v->type != WD_JSON_STRING))
        return false;
    if (v->len == 0)
        return false;
    uint64_t x = 0;
    for (size_t i = 0; i < v->len; i++) {
        char c = v->text[i];
        if (!is_digit(c))
            return false;
        uint64_t d = (uint64_t)(c - '0');
        if (x > (UINT64_MAX - d) / 10)
            return false;
        x = x * 10 + d;
    }
    *out = x;
    return true;
}
