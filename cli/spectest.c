/* spectest.c: `wasmdbg spectest`, the WebAssembly spec-suite runner.
 *
 *   wasmdbg spectest [--enable-tail-call] [--enable-extended-const]
 *                    [--enable-multi-memory] [-v] FILE.json...
 *
 * Runs the command scripts that wast2json writes for .wast files: modules,
 * registrations, actions and assertions. Each FILE.json gets one store (the
 * spec's shared store) holding the `spectest` host module, every instance of
 * the script and the instances registered under a name for others to import.
 *
 * Output: one line per failed command, "FILE.wast:LINE: COMMAND: details",
 * then "N passed, M failed, K skipped". An assert_malformed whose module is
 * text (wast2json leaves it as a .wat) is parsed with the engine's own text
 * parser (wd_wat_to_wasm) and passes if that parser rejects it. -v also
 * prints every command that passed and the spectest prints.
 *
 * --check-wat also parses the text of every text module of the .wast that
 * wast2json wrote as a .wasm (`module` commands and the modules of
 * assert_invalid, assert_unlinkable and assert_uninstantiable, found at the
 * command's line) with wd_wat_to_wasm and checks that it encodes to the very
 * bytes wast2json wrote; it prints "text: N of M modules byte-identical, K
 * invalid either way" per file, and a difference is a failure (see
 * check_invalid_either_way for K).
 *
 * The runner is a front end: it uses core/wd.h only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "wd.h"

/* ---------------------------------------------------------------- text */

/* A fixed-size text buffer that truncates instead of overflowing. */
typedef struct text {
    char buf[1024];
    size_t len;
} text;

static void text_init(text *t)
{
    t->buf[0] = '\0';
    t->len = 0;
}

static void text_add(text *t, const char *fmt, ...)
{
    if (t->len + 1 >= sizeof t->buf)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    t->len += (size_t)n;
    if (t->len >= sizeof t->buf) {
        t->len = sizeof t->buf - 1;
        memcpy(t->buf + sizeof t->buf - 4, "...", 4);
    }
}

/* Appends s (n bytes) in double quotes, escaping quotes and control bytes. */
static void text_add_quoted(text *t, const char *s, size_t n)
{
    text_add(t, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            text_add(t, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            text_add(t, "\\%02x", c);
        else
            text_add(t, "%c", c);
    }
    text_add(t, "\"");
}

/* ---------------------------------------------------------------- values */

typedef enum nan_pattern {
    NAN_NONE = 0,      /* an exact bit pattern */
    NAN_CANONICAL,
    NAN_ARITHMETIC,
} nan_pattern;

/* A value parsed from the script: an argument or an expected result. */
typedef struct script_value {
    wd_valtype type;
    uint64_t bits;            /* i32/i64/f32/f64 bits, reference value */
    nan_pattern nan;          /* f32/f64 */
    bool ref_nonnull_any;     /* funcref "N": any non-null reference */
    /* v128 */
    unsigned lane_bits;       /* 8, 16, 32, 64 */
    bool lane_float;
    unsigned nlanes;
    uint64_t lanes[16];
    nan_pattern lane_nan[16];
} script_value;

static bool valtype_from_name(const char *s, wd_valtype *out)
{
    static const struct {
        const char *name;
        wd_valtype type;
    } names[] = {
        {"i32", WD_I32},         {"i64", WD_I64},   {"f32", WD_F32},
        {"f64", WD_F64},         {"v128", WD_V128}, {"funcref", WD_FUNCREF},
        {"externref", WD_EXTERNREF},
    };
    if (s == NULL)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, s) == 0) {
            *out = names[i].type;
            return true;
        }
    return false;
}

static const char *type_name(wd_valtype t)
{
    switch (t) {
    case WD_I32: return "i32";
    case WD_I64: return "i64";
    case WD_F32: return "f32";
    case WD_F64: return "f64";
    case WD_V128: return "v128";
    case WD_FUNCREF: return "funcref";
    case WD_EXTERNREF: return "externref";
    }
    return "?";
}

static uint64_t mask_bits(unsigned bits)
{
    return bits >= 64 ? UINT64_MAX : (((uint64_t)1 << bits) - 1);
}

/* Parses a decimal integer of `bits` bits: unsigned as wast2json writes them,
 * or negative (two's complement), tolerated for hand-written scripts. */
static bool parse_int_text(const wd_json *v, unsigned bits, uint64_t *out)
{
    if (v == NULL || (v->type != WD_JSON_STRING && v->type != WD_JSON_NUMBER))
        return false;
    if (v->len > 0 && v->text[0] == '-') {
        wd_json tmp = *v;
        tmp.text++;
        tmp.len--;
        uint64_t mag;
        if (!wd_json_to_u64(&tmp, &mag))
            return false;
        if (bits < 64 && mag > ((uint64_t)1 << (bits - 1)))
            return false;
        if (bits == 64 && mag > ((uint64_t)1 << 63))
            return false;
        *out = (0 - mag) & mask_bits(bits);
        return true;
    }
    uint64_t x;
    if (!wd_json_to_u64(v, &x) || (x & ~mask_bits(bits)) != 0)
        return false;
    *out = x;
    return true;
}

static nan_pattern nan_from_text(const wd_json *v)
{
    if (v == NULL || v->type != WD_JSON_STRING)
        return NAN_NONE;
    if (strcmp(v->text, "nan:canonical") == 0)
        return NAN_CANONICAL;
    if (strcmp(v->text, "nan:arithmetic") == 0)
        return NAN_ARITHMETIC;
    return NAN_NONE;
}

/* Parses {"type": T, "value": V} (and "lane_type" for v128). NaN patterns are
 * accepted only when allow_nan (expected results). On error, why says what. */
static bool parse_script_value(const wd_json *j, bool allow_nan, script_value *out,
                               text *why)
{
    memset(out, 0, sizeof *out);
    const char *tname = wd_json_get_string(j, "type");
    if (!valtype_from_name(tname, &out->type)) {
        text_add(why, "unknown value type %s", tname ? tname : "(none)");
        return false;
    }
    const wd_json *val = wd_json_get(j, "value");
    switch (out->type) {
    case WD_I32:
    case WD_I64:
    case WD_F32:
    case WD_F64: {
        unsigned bits = (out->type == WD_I32 || out->type == WD_F32) ? 32 : 64;
        if (out->type == WD_F32 || out->type == WD_F64) {
            out->nan = nan_from_text(val);
            if (out->nan != NAN_NONE) {
                if (!allow_nan) {
                    text_add(why, "a NaN pattern is not a valid argument");
                    return false;
                }
                return true;
            }
        }
        if (!parse_int_text(val, bits, &out->bits)) {
            text_add(why, "bad %s value", tname);
            return false;
        }
        return true;
    }
    case WD_V128: {
        const char *lt = wd_json_get_string(j, "lane_type");
        if (lt == NULL) {
            text_add(why, "v128 value without lane_type");
            return false;
        }
        if (strcmp(lt, "i8") == 0)
            out->lane_bits = 8;
        else if (strcmp(lt, "i16") == 0)
            out->lane_bits = 16;
        else if (strcmp(lt, "i32") == 0)
            out->lane_bits = 32;
        else if (strcmp(lt, "i64") == 0)
            out->lane_bits = 64;
        else if (strcmp(lt, "f32") == 0)
            out->lane_bits = 32, out->lane_float = true;
        else if (strcmp(lt, "f64") == 0)
            out->lane_bits = 64, out->lane_float = true;
        else {
            text_add(why, "unknown v128 lane_type %s", lt);
            return false;
        }
        out->nlanes = 128 / out->lane_bits;
        if (val == NULL || val->type != WD_JSON_ARRAY || val->count != out->nlanes) {
            text_add(why, "v128 value needs %u lanes", out->nlanes);
            return false;
        }
        for (unsigned i = 0; i < out->nlanes; i++) {
            const wd_json *lane = wd_json_at(val, i);
            if (out->lane_float) {
                out->lane_nan[i] = nan_from_text(lane);
                if (out->lane_nan[i] != NAN_NONE) {
                    if (!allow_nan) {
                        text_add(why, "a NaN pattern is not a valid argument");
                        return false;
                    }
                    continue;
                }
            }
            if (!parse_int_text(lane, out->lane_bits, &out->lanes[i])) {
                text_add(why, "bad v128 lane %u", i);
                return false;
            }
        }
        return true;
    }
    case WD_FUNCREF:
    case WD_EXTERNREF: {
        if (val != NULL && val->type == WD_JSON_STRING && strcmp(val->text, "null") == 0) {
            out->bits = WD_REF_NULL;
            return true;
        }
        if (val != NULL && val->type == WD_JSON_NULL) {
            out->bits = WD_REF_NULL;
            return true;
        }
        uint64_t n;
        if (!parse_int_text(val, 64, &n) || n == UINT64_MAX) {
            text_add(why, "bad %s value", tname);
            return false;
        }
        if (out->type == WD_FUNCREF) {
            /* a function cannot be named from the script: only "non-null" is checkable */
            if (!allow_nan) {
                text_add(why, "a non-null funcref argument cannot be made");
                return false;
            }
            out->ref_nonnull_any = true;
            return true;
        }
        out->bits = n + 1; /* host reference N is the value N+1: 0 stays null */
        return true;
    }
    }
    text_add(why, "unknown value type");
    return false;
}

static void v128_set_lane(uint8_t bytes[16], unsigned lane_bits, unsigned i, uint64_t v)
{
    unsigned n = lane_bits / 8;
    for (unsigned b = 0; b < n; b++)
        bytes[i * n + b] = (uint8_t)(v >> (8 * b));
}

static uint64_t v128_get_lane(const uint8_t bytes[16], unsigned lane_bits, unsigned i)
{
    unsigned n = lane_bits / 8;
    uint64_t v = 0;
    for (unsigned b = 0; b < n; b++)
        v |= (uint64_t)bytes[i * n + b] << (8 * b);
    return v;
}

static wd_value script_to_value(const script_value *s)
{
    wd_value v;
    memset(&v, 0, sizeof v);
    v.type = s->type;
    switch (s->type) {
    case WD_I32: v.of.i32 = (uint32_t)s->bits; break;
    case WD_I64: v.of.i64 = s->bits; break;
    case WD_F32: v.of.f32_bits = (uint32_t)s->bits; break;
    case WD_F64: v.of.f64_bits = s->bits; break;
    case WD_V128:
        for (unsigned i = 0; i < s->nlanes; i++)
            v128_set_lane(v.of.v128, s->lane_bits, i, s->lanes[i]);
        break;
    case WD_FUNCREF:
    case WD_EXTERNREF: v.of.ref = s->bits; break;
    }
    return v;
}

static bool nan_matches32(uint32_t bits, nan_pattern p)
{
    if (p == NAN_CANONICAL)
        return (bits & 0x7FFFFFFFu) == 0x7FC00000u;
    return (bits & 0x7FC00000u) == 0x7FC00000u;
}

static bool nan_matches64(uint64_t bits, nan_pattern p)
{
    if (p == NAN_CANONICAL)
        return (bits & 0x7FFFFFFFFFFFFFFFull) == 0x7FF8000000000000ull;
    return (bits & 0x7FF8000000000000ull) == 0x7FF8000000000000ull;
}

static bool value_matches(const wd_value *got, wd_valtype got_type, const script_value *exp)
{
    if (got_type != exp->type)
        return false;
    switch (exp->type) {
    case WD_I32: return got->of.i32 == (uint32_t)exp->bits;
    case WD_I64: return got->of.i64 == exp->bits;
    case WD_F32:
        if (exp->nan != NAN_NONE)
            return nan_matches32(got->of.f32_bits, exp->nan);
        return got->of.f32_bits == (uint32_t)exp->bits;
    case WD_F64:
        if (exp->nan != NAN_NONE)
            return nan_matches64(got->of.f64_bits, exp->nan);
        return got->of.f64_bits == exp->bits;
    case WD_V128:
        for (unsigned i = 0; i < exp->nlanes; i++) {
            uint64_t lane = v128_get_lane(got->of.v128, exp->lane_bits, i);
            if (exp->lane_nan[i] != NAN_NONE) {
                bool ok = exp->lane_bits == 32 ? nan_matches32((uint32_t)lane, exp->lane_nan[i])
                                               : nan_matches64(lane, exp->lane_nan[i]);
                if (!ok)
                    return false;
            } else if (lane != exp->lanes[i]) {
                return false;
            }
        }
        return true;
    case WD_FUNCREF:
        if (exp->ref_nonnull_any)
            return got->of.ref != WD_REF_NULL;
        return got->of.ref == exp->bits;
    case WD_EXTERNREF:
        return got->of.ref == exp->bits;
    }
    return false;
}

static void add_f32(text *t, uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    text_add(t, "%.9g (0x%08x)", (double)f, (unsigned)bits);
}

static void add_f64(text *t, uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof d);
    text_add(t, "%.17g (0x%016llx)", d, (unsigned long long)bits);
}

static void add_int(text *t, uint64_t v, unsigned bits)
{
    text_add(t, "%llu", (unsigned long long)v);
    uint64_t sign = (uint64_t)1 << (bits - 1);
    if (v & sign) {
        /* also show the signed reading */
        uint64_t mag = (0 - v) & mask_bits(bits);
        text_add(t, " (-%llu)", (unsigned long long)mag);
    }
}

static const char *nan_name(nan_pattern p)
{
    return p == NAN_CANONICAL ? "nan:canonical" : "nan:arithmetic";
}

static void add_ref(text *t, wd_valtype type, wd_ref r)
{
    if (r == WD_REF_NULL)
        text_add(t, "%s:null", type_name(type));
    else if (type == WD_EXTERNREF)
        text_add(t, "externref:%llu", (unsigned long long)(r - 1));
    else
        text_add(t, "funcref:0x%llx", (unsigned long long)r);
}

/* v128 lanes shown in the given shape (lane_bits 0: i32x4 in hex). */
static void add_v128(text *t, const uint8_t bytes[16], unsigned lane_bits, bool lane_float,
                     const nan_pattern *nans)
{
    bool hex = lane_bits == 0;
    if (hex)
        lane_bits = 32;
    unsigned n = 128 / lane_bits;
    text_add(t, "v128:%s%ux%u", lane_float ? "f" : "i", lane_bits, n);
    for (unsigned i = 0; i < n; i++) {
        text_add(t, " ");
        if (nans != NULL && nans[i] != NAN_NONE) {
            text_add(t, "%s", nan_name(nans[i]));
            continue;
        }
        uint64_t lane = v128_get_lane(bytes, lane_bits, i);
        if (hex) {
            text_add(t, "0x%08llx", (unsigned long long)lane);
        } else if (lane_float && lane_bits == 32) {
            float f;
            uint32_t b = (uint32_t)lane;
            memcpy(&f, &b, sizeof f);
            text_add(t, "%.9g", (double)f);
        } else if (lane_float) {
            double d;
            memcpy(&d, &lane, sizeof d);
            text_add(t, "%.17g", d);
        } else {
            text_add(t, "%llu", (unsigned long long)lane);
        }
    }
    if (lane_float) {
        /* the bits, which the float notation can hide (NaN payloads, -0) */
        text_add(t, " [");
        for (unsigned i = 0; i < n; i++) {
            if (nans != NULL && nans[i] != NAN_NONE)
                text_add(t, "%s-", i ? " " : "");
            else
                text_add(t, "%s0x%0*llx", i ? " " : "", (int)(lane_bits / 4),
                         (unsigned long long)v128_get_lane(bytes, lane_bits, i));
        }
        text_add(t, "]");
    }
}

/* Formats an engine value; shape (may be NULL) picks the v128 lane layout. */
static void add_value(text *t, wd_valtype type, const wd_value *v, const script_value *shape)
{
    switch (type) {
    case WD_I32: text_add(t, "i32:"); add_int(t, v->of.i32, 32); return;
    case WD_I64: text_add(t, "i64:"); add_int(t, v->of.i64, 64); return;
    case WD_F32: text_add(t, "f32:"); add_f32(t, v->of.f32_bits); return;
    case WD_F64: text_add(t, "f64:"); add_f64(t, v->of.f64_bits); return;
    case WD_V128:
        if (shape != NULL && shape->type == WD_V128)
            add_v128(t, v->of.v128, shape->lane_bits, shape->lane_float, NULL);
        else
            add_v128(t, v->of.v128, 0, false, NULL);
        return;
    case WD_FUNCREF:
    case WD_EXTERNREF: add_ref(t, type, v->of.ref); return;
    }
    text_add(t, "<type 0x%x>", (unsigned)type);
}

static void add_script_value(text *t, const script_value *s)
{
    if ((s->type == WD_F32 || s->type == WD_F64) && s->nan != NAN_NONE) {
        text_add(t, "%s:%s", type_name(s->type), nan_name(s->nan));
        return;
    }
    if (s->type == WD_FUNCREF && s->ref_nonnull_any) {
        text_add(t, "funcref:non-null");
        return;
    }
    wd_value v = script_to_value(s);
    if (s->type == WD_V128) {
        add_v128(t, v.of.v128, s->lane_bits, s->lane_float, s->lane_nan);
        return;
    }
    add_value(t, s->type, &v, s);
}

/* ---------------------------------------------------------------- runner */

typedef struct named {
    char *name;
    wd_instance *inst;     /* NULL: a module of that name failed */
} named;

typedef struct print_env {
    struct runner *r;
    const char *name;
    uint32_t nparams;
    const wd_valtype *params;
} print_env;

#define N_PRINTS 7

typedef struct runner {
    uint32_t features;
    wd_tier tier;             /* --jit */
    bool verbose;
    unsigned long passed, failed, skipped;
    bool check_wat;
    unsigned long wat_same, wat_invalid, wat_total;
    char *wast_text;          /* the .wast source, for --check-wat */
    size_t wast_len;
    size_t wast_pos;          /* where the next command's search starts */
    unsigned long wast_pos_line;

    /* the file being run */
    const char *json_path;
    char *dir;               /* directory of the JSON file: module paths are relative to it */
    char wast[256];          /* the .wast name shown in messages */
    unsigned long line;
    const char *cmd_type;

    wd_store *store;
    wd_exec *exec;
    wd_module **modules;     /* freed after the store */
    size_t nmodules, cap_modules;
    named *names;            /* module "$name" -> instance */
    size_t nnames, cap_names;
    named *regs;             /* registered name -> instance */
    size_t nregs, cap_regs;
    wd_instance *current;

    /* the spectest host module */
    print_env prints[N_PRINTS];
    wd_func *print_funcs[N_PRINTS];
    wd_table *table;
    wd_memory *memory;
    wd_global *global_i32, *global_i64, *global_f32, *global_f64;
} runner;

static void out_line(runner *r, const char *status, const char *fmt, va_list ap)
{
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    printf("%s:%lu: %s: %s%s%s\n", r->wast, r->line, r->cmd_type ? r->cmd_type : "?", msg,
           status ? ": " : "", status ? status : "");
}

static void pass(runner *r, const char *fmt, ...)
{
    r->passed++;
    if (!r->verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    out_line(r, "ok", fmt, ap);
    va_end(ap);
}

static void failure(runner *r, const char *fmt, ...)
{
    r->failed++;
    va_list ap;
    va_start(ap, fmt);
    out_line(r, NULL, fmt, ap);
    va_end(ap);
    fflush(stdout);
}

static void skip(runner *r, const char *fmt, ...)
{
    r->skipped++;
    if (!r->verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    out_line(r, "skipped", fmt, ap);
    va_end(ap);
}

static bool push_named(named **arr, size_t *n, size_t *cap, const char *name, wd_instance *inst)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        named *a = realloc(*arr, c * sizeof *a);
        if (a == NULL)
            return false;
        *arr = a;
        *cap = c;
    }
    size_t len = strlen(name);
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return false;
    memcpy(copy, name, len + 1);
    (*arr)[*n].name = copy;
    (*arr)[*n].inst = inst;
    (*n)++;
    return true;
}

/* The newest entry of that name, or NULL. */
static named *find_named(named *arr, size_t n, const char *name)
{
    for (size_t i = n; i-- > 0;)
        if (strcmp(arr[i].name, name) == 0)
            return &arr[i];
    return NULL;
}

static void free_named(named **arr, size_t *n, size_t *cap)
{
    for (size_t i = 0; i < *n; i++)
        free((*arr)[i].name);
    free(*arr);
    *arr = NULL;
    *n = *cap = 0;
}

/* ---------------------------------------------------------------- spectest module */

static const wd_valtype P_I32[] = {WD_I32};
static const wd_valtype P_I64[] = {WD_I64};
static const wd_valtype P_F32[] = {WD_F32};
static const wd_valtype P_F64[] = {WD_F64};
static const wd_valtype P_I32_F32[] = {WD_I32, WD_F32};
static const wd_valtype P_F64_F64[] = {WD_F64, WD_F64};

static const struct {
    const char *name;
    uint32_t nparams;
    const wd_valtype *params;
} print_specs[N_PRINTS] = {
    {"print", 0, NULL},
    {"print_i32", 1, P_I32},
    {"print_i64", 1, P_I64},
    {"print_f32", 1, P_F32},
    {"print_f64", 1, P_F64},
    {"print_i32_f32", 2, P_I32_F32},
    {"print_f64_f64", 2, P_F64_F64},
};

static int host_print(wd_exec *x, void *env, uint64_t *args_results)
{
    (void)x;
    const print_env *pe = env;
    if (pe == NULL || !pe->r->verbose)
        return 0;
    text t;
    text_init(&t);
    text_add(&t, "spectest.%s(", pe->name);
    for (uint32_t i = 0; i < pe->nparams; i++) {
        wd_value v;
        memset(&v, 0, sizeof v);
        v.type = pe->params[i];
        switch (pe->params[i]) {
        case WD_I32: v.of.i32 = (uint32_t)args_results[i]; break;
        case WD_F32: v.of.f32_bits = (uint32_t)args_results[i]; break;
        default: v.of.i64 = args_results[i]; break;
        }
        if (i)
            text_add(&t, ", ");
        add_value(&t, v.type, &v, NULL);
    }
    text_add(&t, ")");
    printf("%s\n", t.buf);
    return 0;
}

static void make_spectest(runner *r)
{
    for (int i = 0; i < N_PRINTS; i++) {
        r->prints[i].r = r;
        r->prints[i].name = print_specs[i].name;
        r->prints[i].nparams = print_specs[i].nparams;
        r->prints[i].params = print_specs[i].params;
        wd_functype ft = {print_specs[i].nparams, 0, print_specs[i].params, NULL};
        r->print_funcs[i] = wd_func_new_host(r->store, &ft, host_print, &r->prints[i],
                                             print_specs[i].name);
    }
    wd_error err;
    wd_error_clear(&err);
    wd_limits tl = {10, 20, true};
    r->table = wd_table_new(r->store, WD_FUNCREF, tl, WD_REF_NULL, &err);
    wd_error_clear(&err);
    wd_limits ml = {1, 2, true};
    r->memory = wd_memory_new(r->store, ml, &err);

    wd_value v;
    memset(&v, 0, sizeof v);
    v.type = WD_I32;
    v.of.i32 = 666;
    r->global_i32 = wd_global_new(r->store, v, false);
    memset(&v, 0, sizeof v);
    v.type = WD_I64;
    v.of.i64 = 666;
    r->global_i64 = wd_global_new(r->store, v, false);
    float f = 666.6f;
    memset(&v, 0, sizeof v);
    v.type = WD_F32;
    memcpy(&v.of.f32_bits, &f, sizeof f);
    r->global_f32 = wd_global_new(r->store, v, false);
    double d = 666.6;
    memset(&v, 0, sizeof v);
    v.type = WD_F64;
    memcpy(&v.of.f64_bits, &d, sizeof d);
    r->global_f64 = wd_global_new(r->store, v, false);
}

static bool resolve_spectest(runner *r, const wd_import_desc *imp, wd_extern *out)
{
    switch (imp->kind) {
    case WD_EXTERN_FUNC:
        for (int i = 0; i < N_PRINTS; i++)
            if (strcmp(imp->name, print_specs[i].name) == 0) {
                out->func = r->print_funcs[i];
                return out->func != NULL;
            }
        return false;
    case WD_EXTERN_TABLE:
        out->table = r->table;
        return strcmp(imp->name, "table") == 0 && r->table != NULL;
    case WD_EXTERN_MEMORY:
        out->memory = r->memory;
        return strcmp(imp->name, "memory") == 0 && r->memory != NULL;
    case WD_EXTERN_GLOBAL:
        out->global = NULL;
        if (strcmp(imp->name, "global_i32") == 0)
            out->global = r->global_i32;
        else if (strcmp(imp->name, "global_i64") == 0)
            out->global = r->global_i64;
        else if (strcmp(imp->name, "global_f32") == 0)
            out->global = r->global_f32;
        else if (strcmp(imp->name, "global_f64") == 0)
            out->global = r->global_f64;
        return out->global != NULL;
    }
    return false;
}

/* Import resolver: registered instances first, then the spectest module.
 * Only names and kinds are resolved here; the engine checks the types. */
static bool resolve_import(void *user, const wd_import_desc *imp, wd_extern *out)
{
    runner *r = user;
    if (r == NULL || imp == NULL || out == NULL || imp->module == NULL || imp->name == NULL)
        return false;
    named *reg = find_named(r->regs, r->nregs, imp->module);
    if (reg != NULL) {
        if (reg->inst == NULL)
            return false;
        wd_externkind kind;
        wd_extern ext;
        memset(&ext, 0, sizeof ext);
        if (!wd_instance_export(reg->inst, imp->name, &kind, &ext) || kind != imp->kind)
            return false;
        *out = ext;
        return true;
    }
    if (strcmp(imp->module, "spectest") == 0)
        return resolve_spectest(r, imp, out);
    return false;
}

/* ---------------------------------------------------------------- modules */

static void terminate_error(wd_error *err)
{
    err->file[sizeof err->file - 1] = '\0';
    err->msg[sizeof err->msg - 1] = '\0';
}

static const char *format_error(wd_error *err, char *buf, size_t size)
{
    terminate_error(err);
    return wd_error_format(err, buf, size);
}

static const char *status_name(wd_status s)
{
    switch (s) {
    case WD_OK: return "ok";
    case WD_ERR_MALFORMED: return "malformed";
    case WD_ERR_INVALID: return "invalid";
    case WD_ERR_LINK: return "link error";
    case WD_ERR_UNINSTANTIABLE: return "uninstantiable";
    case WD_ERR_NOMEM: return "out of memory";
    case WD_ERR_IO: return "I/O error";
    case WD_ERR_ARG: return "bad argument";
    case WD_ERR_NOTFOUND: return "not found";
    }
    return "unknown status";
}

/* Loads FILENAME (relative to the JSON's directory). The module is kept until
 * the end of the file's run. */
/* The path of a file named in the script: relative to the JSON file. */
static char *path_in_dir(runner *r, const char *filename)
{
    size_t dl = strlen(r->dir), fl = strlen(filename);
    char *path = malloc(dl + fl + 2);
    if (path == NULL)
        return NULL;
    if (filename[0] == '/' || dl == 0)
        memcpy(path, filename, fl + 1);
    else
        snprintf(path, dl + fl + 2, "%s/%s", r->dir, filename);
    return path;
}

static wd_module *load_module(runner *r, const char *filename, wd_error *err)
{
    wd_error_clear(err);
    if (filename == NULL || filename[0] == '\0') {
        err->status = WD_ERR_ARG;
        snprintf(err->msg, sizeof err->msg, "command has no \"filename\"");
        return NULL;
    }
    char *path = path_in_dir(r, filename);
    if (path == NULL) {
        err->status = WD_ERR_NOMEM;
        snprintf(err->msg, sizeof err->msg, "out of memory");
        return NULL;
    }

    if (r->nmodules == r->cap_modules) {
        size_t c = r->cap_modules ? r->cap_modules * 2 : 16;
        wd_module **a = realloc(r->modules, c * sizeof *a);
        if (a == NULL) {
            free(path);
            err->status = WD_ERR_NOMEM;
            snprintf(err->msg, sizeof err->msg, "out of memory");
            return NULL;
        }
        r->modules = a;
        r->cap_modules = c;
    }
    wd_load_options opts = { .features = r->features, .name = filename, .tier = r->tier };
    wd_module *m = wd_module_load_file(path, &opts, err);
    free(path);
    terminate_error(err);
    if (m == NULL) {
        if (err->status == WD_OK) {
            err->status = WD_ERR_ARG;
            snprintf(err->msg, sizeof err->msg, "load failed without an error status");
        }
        return NULL;
    }
    r->modules[r->nmodules++] = m;
    return m;
}

static wd_instance *instantiate(runner *r, wd_module *m, wd_error *err)
{
    wd_error_clear(err);
    if (wd_exec_suspended(r->exec))
        wd_exec_reset(r->exec);
    wd_instance *inst = wd_instance_new(r->store, m, resolve_import, r, err);
    terminate_error(err);
    if (inst == NULL && err->status == WD_OK) {
        err->status = WD_ERR_ARG;
        snprintf(err->msg, sizeof err->msg, "instantiation failed without an error status");
    }
    return inst;
}

/* ---------------------------------------------------------------- actions */

typedef enum act_status {
    ACT_ERROR,   /* could not run: what says why */
    ACT_DONE,    /* returned: results ready */
    ACT_TRAP,    /* trapped: trap message */
    ACT_OTHER,   /* stopped some other way */
} act_status;

typedef struct act_result {
    act_status status;
    text desc;            /* invoke "f" (i32:1) */
    text what;            /* ACT_ERROR / ACT_OTHER: why */
    char trap[512];
    uint32_t nresults;
    wd_value *results;    /* malloc'd */
    wd_valtype *types;    /* malloc'd: the declared result types */
} act_result;

static void act_free(act_result *a)
{
    free(a->results);
    free(a->types);
    a->results = NULL;
    a->types = NULL;
    a->nresults = 0;
}

static wd_instance *action_instance(runner *r, const char *modname, text *what)
{
    if (modname != NULL) {
        named *n = find_named(r->names, r->nnames, modname);
        if (n == NULL) {
            text_add(what, "unknown module %s", modname);
            return NULL;
        }
        if (n->inst == NULL)
            text_add(what, "module %s was not instantiated", modname);
        return n->inst;
    }
    if (r->current == NULL)
        text_add(what, "no current module (the last module failed to load or instantiate)");
    return r->current;
}

static const char *stop_name(wd_stop s)
{
    switch (s) {
    case WD_STOP_DONE: return "done";
    case WD_STOP_TRAP: return "trap";
    case WD_STOP_BREAK: return "break";
    case WD_STOP_BUDGET: return "budget";
    case WD_STOP_INTERRUPT: return "interrupt";
    case WD_STOP_EXIT: return "exit";
    case WD_STOP_BLOCKED: return "blocked";
    }
    return "unknown stop";
}

#define MAX_VALUES 100000u

/* Runs an "action" object (invoke or get). Always fill a->desc. */
static void run_action(runner *r, const wd_json *action, act_result *a)
{
    memset(a, 0, sizeof *a);
    text_init(&a->desc);
    text_init(&a->what);
    a->status = ACT_ERROR;

    const char *type = wd_json_get_string(action, "type");
    const wd_json *field = wd_json_get(action, "field");
    const char *modname = wd_json_get_string(action, "module");
    if (type == NULL || field == NULL || field->type != WD_JSON_STRING) {
        text_add(&a->desc, "action");
        text_add(&a->what, "malformed action (no type or field)");
        return;
    }
    text_add(&a->desc, "%s ", type);
    if (modname != NULL)
        text_add(&a->desc, "%s ", modname);
    text_add_quoted(&a->desc, field->text, field->len);

    bool is_invoke = strcmp(type, "invoke") == 0;
    bool is_get = strcmp(type, "get") == 0;
    if (!is_invoke && !is_get) {
        text_add(&a->what, "unknown action type %s", type);
        return;
    }

    /* arguments */
    const wd_json *jargs = wd_json_get(action, "args");
    size_t nargs = wd_json_count(jargs);
    wd_value *args = NULL;
    if (is_invoke) {
        if (jargs != NULL && jargs->type != WD_JSON_ARRAY) {
            text_add(&a->what, "\"args\" is not an array");
            return;
        }
        if (nargs > MAX_VALUES) {
            text_add(&a->what, "too many arguments");
            return;
        }
        args = calloc(nargs ? nargs : 1, sizeof *args);
        if (args == NULL) {
            text_add(&a->what, "out of memory");
            return;
        }
        text_add(&a->desc, " (");
        bool bad = false;
        for (size_t i = 0; i < nargs; i++) {
            script_value sv;
            text why;
            text_init(&why);
            if (i)
                text_add(&a->desc, ", ");
            if (!parse_script_value(wd_json_at(jargs, i), false, &sv, &why)) {
                text_add(&a->desc, "?");
                if (!bad)
                    text_add(&a->what, "argument %zu: %s", i + 1, why.buf);
                bad = true;
                continue;
            }
            args[i] = script_to_value(&sv);
            add_script_value(&a->desc, &sv);
        }
        text_add(&a->desc, ")");
        if (bad) {
            free(args);
            return;
        }
    }

    wd_instance *inst = action_instance(r, modname, &a->what);
    if (inst == NULL) {
        free(args);
        return;
    }
    wd_externkind kind;
    wd_extern ext;
    memset(&ext, 0, sizeof ext);
    if (!wd_instance_export_n(inst, field->text, field->len, &kind, &ext)) {
        text_add(&a->what, "no export named %s", field->text);
        free(args);
        return;
    }

    if (is_get) {
        if (kind != WD_EXTERN_GLOBAL || ext.global == NULL) {
            text_add(&a->what, "export %s is not a global", field->text);
            return;
        }
        a->results = calloc(1, sizeof *a->results);
        a->types = calloc(1, sizeof *a->types);
        if (a->results == NULL || a->types == NULL) {
            act_free(a);
            text_add(&a->what, "out of memory");
            return;
        }
        a->results[0] = wd_global_get(ext.global);
        a->types[0] = a->results[0].type;
        a->nresults = 1;
        a->status = ACT_DONE;
        return;
    }

    if (kind != WD_EXTERN_FUNC || ext.func == NULL) {
        text_add(&a->what, "export %s is not a function", field->text);
        free(args);
        return;
    }
    wd_functype ft = wd_func_type(ext.func);
    if (ft.nparams != nargs || (ft.nparams > 0 && ft.params == NULL)) {
        text_add(&a->what, "the function takes %u arguments, the script gives %zu",
                 (unsigned)ft.nparams, nargs);
        free(args);
        return;
    }
    for (uint32_t i = 0; i < ft.nparams; i++)
        if (ft.params[i] != args[i].type) {
            text_add(&a->what, "argument %u is %s, the function takes %s", (unsigned)i + 1,
                     type_name(args[i].type), type_name(ft.params[i]));
            free(args);
            return;
        }
    if (ft.nresults > MAX_VALUES || (ft.nresults > 0 && ft.results == NULL)) {
        text_add(&a->what, "the engine reports a bad function type (%u results)",
                 (unsigned)ft.nresults);
        free(args);
        return;
    }
    a->nresults = ft.nresults;
    a->results = calloc(ft.nresults ? ft.nresults : 1, sizeof *a->results);
    a->types = calloc(ft.nresults ? ft.nresults : 1, sizeof *a->types);
    if (a->results == NULL || a->types == NULL) {
        act_free(a);
        free(args);
        text_add(&a->what, "out of memory");
        return;
    }
    for (uint32_t i = 0; i < ft.nresults; i++)
        a->types[i] = ft.results[i];

    if (wd_exec_suspended(r->exec))
        wd_exec_reset(r->exec);
    wd_stop stop = wd_exec_call(r->exec, ext.func, args, (uint32_t)nargs, a->results,
                                a->nresults);
    free(args);
    switch (stop) {
    case WD_STOP_DONE:
        a->status = ACT_DONE;
        return;
    case WD_STOP_TRAP: {
        a->status = ACT_TRAP;
        const char *msg = wd_exec_trap_message(r->exec);
        if (msg == NULL || msg[0] == '\0')
            msg = wd_trap_message(wd_exec_trap(r->exec));
        snprintf(a->trap, sizeof a->trap, "%s", msg ? msg : "");
        return;
    }
    default:
        a->status = ACT_OTHER;
        text_add(&a->what, "execution stopped (%s)", stop_name(stop));
        if (stop == WD_STOP_EXIT)
            text_add(&a->what, " with exit code %d", wd_exec_exit_code(r->exec));
        if (wd_exec_suspended(r->exec))
            wd_exec_reset(r->exec);
        return;
    }
}

static void add_results(text *t, const act_result *a, const wd_json *expected)
{
    if (a->nresults == 0) {
        text_add(t, "()");
        return;
    }
    if (a->nresults > 1)
        text_add(t, "(");
    for (uint32_t i = 0; i < a->nresults; i++) {
        script_value shape;
        text why;
        text_init(&why);
        bool have_shape =
            parse_script_value(wd_json_at(expected, i), true, &shape, &why);
        if (i)
            text_add(t, ", ");
        add_value(t, a->types[i], &a->results[i], have_shape ? &shape : NULL);
    }
    if (a->nresults > 1)
        text_add(t, ")");
}

/* Describes how an action that did not return ended. */
static void add_outcome(text *t, const act_result *a)
{
    if (a->status == ACT_TRAP)
        text_add(t, "trap \"%s\"", a->trap);
    else
        text_add(t, "%s", a->what.buf);
}

/* ---------------------------------------------------------------- commands */

static bool trap_text_matches(const char *got, const char *expected)
{
    size_t g = strlen(got), e = strlen(expected);
    if (g == 0)
        return e == 0;
    size_t n = g < e ? g : e;
    return strncmp(got, expected, n) == 0;
}

static void cmd_module(runner *r, const wd_json *cmd)
{
    const char *filename = wd_json_get_string(cmd, "filename");
    const char *name = wd_json_get_string(cmd, "name");
    char buf[512];
    wd_error err;

    r->current = NULL;
    wd_module *m = load_module(r, filename, &err);
    wd_instance *inst = NULL;
    if (m == NULL)
        failure(r, "%s", format_error(&err, buf, sizeof buf));
    else if ((inst = instantiate(r, m, &err)) == NULL)
        failure(r, "%s (%s)", format_error(&err, buf, sizeof buf), status_name(err.status));
    else
        pass(r, "%s%s%s", filename, name ? " " : "", name ? name : "");
    r->current = inst;
    if (name != NULL && !push_named(&r->names, &r->nnames, &r->cap_names, name, inst))
        failure(r, "out of memory");
}

static void cmd_register(runner *r, const wd_json *cmd)
{
    const char *as = wd_json_get_string(cmd, "as");
    const char *name = wd_json_get_string(cmd, "name");
    if (as == NULL) {
        failure(r, "no \"as\" name");
        return;
    }
    text what;
    text_init(&what);
    wd_instance *inst = action_instance(r, name, &what);
    if (inst == NULL) {
        failure(r, "%s as \"%s\": %s", name ? name : "current module", as, what.buf);
        return;
    }
    if (!push_named(&r->regs, &r->nregs, &r->cap_regs, as, inst)) {
        failure(r, "out of memory");
        return;
    }
    pass(r, "%s as \"%s\"", name ? name : "current module", as);
}

static void cmd_action(runner *r, const wd_json *cmd)
{
    act_result a;
    run_action(r, wd_json_get(cmd, "action"), &a);
    if (a.status == ACT_DONE) {
        text t;
        text_init(&t);
        add_results(&t, &a, wd_json_get(cmd, "expected"));
        pass(r, "%s -> %s", a.desc.buf, t.buf);
    } else {
        text t;
        text_init(&t);
        add_outcome(&t, &a);
        failure(r, "%s: %s", a.desc.buf, t.buf);
    }
    act_free(&a);
}

static void cmd_assert_return(runner *r, const wd_json *cmd)
{
    act_result a;
    run_action(r, wd_json_get(cmd, "action"), &a);
    const wd_json *expected = wd_json_get(cmd, "expected");
    size_t nexp = wd_json_count(expected);

    /* the expected values */
    text exp;
    text_init(&exp);
    script_value *ev = calloc(nexp ? nexp : 1, sizeof *ev);
    bool exp_ok = ev != NULL;
    if (nexp > 1)
        text_add(&exp, "(");
    for (size_t i = 0; exp_ok && i < nexp; i++) {
        text why;
        text_init(&why);
        if (i)
            text_add(&exp, ", ");
        if (!parse_script_value(wd_json_at(expected, i), true, &ev[i], &why)) {
            text_init(&exp);
            text_add(&exp, "expected value %zu: %s", i + 1, why.buf);
            exp_ok = false;
            break;
        }
        add_script_value(&exp, &ev[i]);
    }
    if (exp_ok && nexp > 1)
        text_add(&exp, ")");
    if (exp_ok && nexp == 0)
        text_add(&exp, "()");

    if (a.status == ACT_ERROR) {
        failure(r, "%s: %s", a.desc.buf, a.what.buf);
    } else if (!exp_ok) {
        failure(r, "%s: bad script: %s", a.desc.buf, ev ? exp.buf : "out of memory");
    } else if (a.status != ACT_DONE) {
        text t;
        text_init(&t);
        add_outcome(&t, &a);
        failure(r, "%s: expected %s, got %s", a.desc.buf, exp.buf, t.buf);
    } else {
        bool ok = a.nresults == nexp;
        for (size_t i = 0; ok && i < nexp; i++)
            ok = value_matches(&a.results[i], a.types[i], &ev[i]);
        text got;
        text_init(&got);
        add_results(&got, &a, expected);
        if (ok)
            pass(r, "%s -> %s", a.desc.buf, got.buf);
        else
            failure(r, "%s: expected %s, got %s", a.desc.buf, exp.buf, got.buf);
    }
    free(ev);
    act_free(&a);
}

/* A module command in an assertion: load and instantiate, expecting failure
 * status want (WD_ERR_LINK or WD_ERR_UNINSTANTIABLE); text (may be NULL) is
 * the expected trap text, checked when check_text. */
static void assert_instantiation_fails(runner *r, const wd_json *cmd, wd_status want,
                                       bool check_text)
{
    const char *filename = wd_json_get_string(cmd, "filename");
    const char *expect = wd_json_get_string(cmd, "text");
    char buf[512];
    wd_error err;
    if (expect == NULL)
        expect = "";

    wd_module *m = load_module(r, filename, &err);
    if (m == NULL) {
        failure(r, "%s: expected %s \"%s\", but the module did not load: %s",
                filename ? filename : "?", status_name(want), expect,
                format_error(&err, buf, sizeof buf));
        return;
    }
    wd_instance *inst = instantiate(r, m, &err);
    if (inst != NULL) {
        failure(r, "%s: expected %s \"%s\", but it instantiated", filename, status_name(want),
                expect);
        return;
    }
    if (err.status != want) {
        failure(r, "%s: expected %s \"%s\", got %s: %s", filename, status_name(want), expect,
                status_name(err.status), format_error(&err, buf, sizeof buf));
        return;
    }
    if (check_text && !trap_text_matches(err.msg, expect)) {
        failure(r, "%s: expected trap \"%s\", got \"%s\"", filename, expect, err.msg);
        return;
    }
    pass(r, "%s: %s", filename, format_error(&err, buf, sizeof buf));
}

static void cmd_assert_trap(runner *r, const wd_json *cmd)
{
    const wd_json *action = wd_json_get(cmd, "action");
    if (action == NULL && wd_json_get(cmd, "filename") != NULL) {
        assert_instantiation_fails(r, cmd, WD_ERR_UNINSTANTIABLE, true);
        return;
    }
    const char *expect = wd_json_get_string(cmd, "text");
    if (expect == NULL)
        expect = "";
    act_result a;
    run_action(r, action, &a);
    if (a.status == ACT_ERROR) {
        failure(r, "%s: %s", a.desc.buf, a.what.buf);
    } else if (a.status == ACT_TRAP) {
        if (trap_text_matches(a.trap, expect))
            pass(r, "%s -> trap \"%s\"", a.desc.buf, a.trap);
        else
            failure(r, "%s: expected trap \"%s\", got trap \"%s\"", a.desc.buf, expect, a.trap);
    } else if (a.status == ACT_DONE) {
        text got;
        text_init(&got);
        add_results(&got, &a, NULL);
        failure(r, "%s: expected trap \"%s\", got %s", a.desc.buf, expect, got.buf);
    } else {
        failure(r, "%s: expected trap \"%s\", got %s", a.desc.buf, expect, a.what.buf);
    }
    act_free(&a);
}

/* Reads a whole file into a malloc'ed buffer (NUL-terminated). */
static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    while (b != NULL) {
        if (n + 1 >= cap) {
            char *q = realloc(b, cap * 2);
            if (q == NULL) {
                free(b);
                b = NULL;
                break;
            }
            b = q;
            cap *= 2;
        }
        size_t k = fread(b + n, 1, cap - n - 1, f);
        if (k == 0)
            break;
        n += k;
    }
    if (b != NULL && ferror(f)) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b != NULL) {
        b[n] = '\0';
        *len = n;
    }
    return b;
}

/* assert_malformed of a text module: our parser must reject the .wat. */
static void assert_text_malformed(runner *r, const char *filename, const char *expect)
{
    char *path = filename ? path_in_dir(r, filename) : NULL;
    size_t len = 0;
    char *text = path ? read_whole(path, &len) : NULL;
    free(path);
    if (text == NULL) {
        failure(r, "%s: cannot read the text module", filename ? filename : "?");
        return;
    }
    uint8_t *bin = NULL;
    size_t size = 0;
    wd_error err;
    wd_load_options opts = { .features = r->features, .name = filename, .tier = r->tier };
    char buf[512];
    if (wd_wat_to_wasm(text, len, &opts, &bin, &size, &err)) {
        failure(r, "%s: expected \"%s\", but the text parser accepted it", filename, expect);
        free(bin);
    } else {
        pass(r, "%s: expected \"%s\", got %s", filename, expect,
             format_error(&err, buf, sizeof buf));
    }
    free(text);
}

/* Index of the first byte from i that is neither white space nor inside a
 * comment of the .wast. */
static size_t skip_blank(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (strchr(" \t\r\n", s[i]) != NULL) {
            i++;
        } else if (s[i] == ';' && i + 1 < n && s[i + 1] == ';') {
            while (i < n && s[i] != '\n')
                i++;
        } else if (s[i] == '(' && i + 1 < n && s[i + 1] == ';') {
            int nest = 0;
            do {
                if (i + 1 < n && s[i] == '(' && s[i + 1] == ';') { nest++; i += 2; }
                else if (i + 1 < n && s[i] == ';' && s[i + 1] == ')') { nest--; i += 2; }
                else i++;
            } while (nest > 0 && i < n);
        } else {
            break;
        }
    }
    return i;
}

/* One past the ')' closing the s-expression that opens at s[i] == '(', or 0
 * if it is not closed. Parens inside strings and comments do not count. */
static size_t sexpr_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        size_t j = skip_blank(s, n, i);
        if (j != i) {
            i = j;
            continue;
        }
        char c = s[i];
        if (c == '"') {
            for (i++; i < n && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            i++;
        } else if (c == '(') {
            depth++;
            i++;
        } else if (c == ')') {
            i++;
            if (--depth == 0)
                return i;
        } else {
            i++;
        }
    }
    return 0;
}

/* Does the s-expression at s[i] start with the keyword `module`? */
static bool is_module_at(const char *s, size_t n, size_t i)
{
    if (i >= n || s[i] != '(')
        return false;
    i = skip_blank(s, n, i + 1);
    return n - i > 6 && strncmp(s + i, "module", 6) == 0 &&
           strchr(" \t\r\n();", s[i + 6]) != NULL;
}

/* The text of the module a command at `line` (1-based) of the .wast defines:
 * the top-level s-expression holding that line (wast2json gives the line of
 * the `module` keyword, which a comment may put below the paren) if it is a
 * module, else the first (module ...) inside that assertion. Sets *start and
 * *len, or returns false. Commands come in order, so the search goes on
 * from the s-expression found last. */
static bool module_text_at(runner *r, unsigned long line, size_t *start, size_t *len)
{
    const char *s = r->wast_text;
    size_t n = r->wast_len;
    for (;;) {
        size_t i = skip_blank(s, n, r->wast_pos);
        if (i >= n || s[i] != '(')
            return false;
        size_t e = sexpr_end(s, n, i);
        if (e == 0)
            return false;
        unsigned long end_line = r->wast_pos_line;
        for (size_t k = r->wast_pos; k < e; k++)
            end_line += s[k] == '\n';
        if (end_line < line) {
            r->wast_pos = e;
            r->wast_pos_line = end_line;
            continue;
        }
        if (!is_module_at(s, n, i)) {
            /* an assertion: skip its keyword, then its first operand */
            i = skip_blank(s, n, i + 1);
            while (i < n && strchr(" \t\r\n();\"", s[i]) == NULL)
                i++;
            i = skip_blank(s, n, i);
            if (!is_module_at(s, n, i))
                return false;
            e = sexpr_end(s, n, i);
        }
        *start = i;
        *len = e - i;
        return e != 0;
    }
}

/* Our encoding of an assert_invalid module differs from wast2json's: that is
 * still right if ours is rejected by the validator too. One such case is in
 * the suite: `select (result)` is the typed select with no result (0x1C 0),
 * which the test means to reject for its arity; wabt writes the untyped
 * select (0x1B), rejected for a type mismatch instead. Anything else is a
 * failure. */
static void check_invalid_either_way(runner *r, const char *filename, const uint8_t *bin,
                                     size_t size, const char *want, size_t wlen)
{
    size_t d = 0;
    while (d < size && d < wlen && bin[d] == (uint8_t)want[d])
        d++;
    if (strcmp(r->cmd_type, "assert_invalid") == 0) {
        wd_error err;
        wd_load_options opts = { .features = r->features, .name = filename, .tier = r->tier };
        wd_module *mod = wd_module_load(bin, size, &opts, &err);
        if (mod == NULL && err.status == WD_ERR_INVALID) {
            char buf[512];
            r->wat_invalid++;
            if (r->verbose)
                printf("%s:%lu: text of %s encodes differently from 0x%zx, invalid either "
                       "way: %s\n", r->wast, r->line, filename, d,
                       format_error(&err, buf, sizeof buf));
            return;
        }
        wd_module_free(mod);
    }
    failure(r, "text of %s encodes differently: %zu bytes vs %zu, first difference at 0x%zx",
            filename, size, wlen, d);
}

/* --check-wat: the text of a module that wast2json wrote as a .wasm (the
 * `module` command and the modules of assert_invalid, assert_unlinkable and
 * assert_uninstantiable), parsed by us, must give the very same bytes.
 * `(module binary ...)` and `(module quote ...)` are not text: not compared. */
static void check_module_text(runner *r, const wd_json *cmd)
{
    const char *filename = wd_json_get_string(cmd, "filename");
    const char *mtype = wd_json_get_string(cmd, "module_type");
    size_t start, len;
    if (r->wast_text == NULL || filename == NULL || (mtype != NULL && strcmp(mtype, "binary") != 0))
        return;
    if (module_text_at(r, r->line, &start, &len)) {
        /* skip "(module" */
        const char *m = r->wast_text + start;
        size_t k = skip_blank(m, len, skip_blank(m, len, 1) + 6);
        if (k < len && m[k] == '$') {
            while (k < len && !strchr(" \t\r\n()", m[k]))
                k++;
            k = skip_blank(m, len, k);
        }
        if ((len - k >= 6 && strncmp(m + k, "binary", 6) == 0) ||
            (len - k >= 5 && strncmp(m + k, "quote", 5) == 0))
            return;
    } else if (strcmp(r->cmd_type, "module") == 0) {
        /* a script of bare module fields is one inline module */
        start = 0;
        len = r->wast_len;
    } else {
        failure(r, "--check-wat: no (module ...) found at this line of the .wast");
        return;
    }
    const char *m = r->wast_text + start;
    r->wat_total++;
    char *path = path_in_dir(r, filename);
    size_t wlen = 0;
    char *want = path ? read_whole(path, &wlen) : NULL;
    free(path);
    uint8_t *bin = NULL;
    size_t size = 0;
    wd_error err;
    wd_load_options opts = { .features = r->features, .name = r->wast, .no_name_section = true, .tier = r->tier };
    char buf[512];
    if (want == NULL) {
        failure(r, "%s: cannot read", filename);
    } else if (!wd_wat_to_wasm(m, len, &opts, &bin, &size, &err)) {
        failure(r, "text of %s rejected: %s", filename, format_error(&err, buf, sizeof buf));
    } else if (size != wlen || memcmp(bin, want, size) != 0) {
        check_invalid_either_way(r, filename, bin, size, want, wlen);
    } else {
        r->wat_same++;
    }
    free(bin);
    free(want);
}

/* assert_invalid / assert_malformed: the module must fail to load. */
static void assert_load_fails(runner *r, const wd_json *cmd)
{
    const char *filename = wd_json_get_string(cmd, "filename");
    const char *mtype = wd_json_get_string(cmd, "module_type");
    const char *expect = wd_json_get_string(cmd, "text");
    if (expect == NULL)
        expect = "";
    if (mtype != NULL && strcmp(mtype, "text") == 0 &&
        strcmp(r->cmd_type, "assert_malformed") == 0) {
        assert_text_malformed(r, filename, expect);
        return;
    }
    if (mtype != NULL && strcmp(mtype, "binary") != 0) {
        skip(r, "%s (%s module)", filename ? filename : "?", mtype);
        return;
    }
    char buf[512];
    wd_error err;
    wd_module *m = load_module(r, filename, &err);
    if (m != NULL) {
        failure(r, "%s: expected \"%s\", but the module loaded", filename, expect);
        return;
    }
    if (err.status == WD_ERR_IO) {
        failure(r, "%s: cannot read: %s", filename ? filename : "?",
                format_error(&err, buf, sizeof buf));
        return;
    }
    pass(r, "%s: expected \"%s\", got %s: %s", filename, expect, status_name(err.status),
         format_error(&err, buf, sizeof buf));
}

static void run_command(runner *r, const wd_json *cmd)
{
    const char *type = wd_json_get_string(cmd, "type");
    uint64_t line = 0;
    if (!wd_json_to_u64(wd_json_get(cmd, "line"), &line))
        line = 0;
    r->line = (unsigned long)line;
    r->cmd_type = type ? type : "?";

    if (type == NULL)
        failure(r, "command without a \"type\"");
    else if (strcmp(type, "module") == 0)
        cmd_module(r, cmd);
    else if (strcmp(type, "register") == 0)
        cmd_register(r, cmd);
    else if (strcmp(type, "action") == 0)
        cmd_action(r, cmd);
    else if (strcmp(type, "assert_return") == 0)
        cmd_assert_return(r, cmd);
    else if (strcmp(type, "assert_trap") == 0 || strcmp(type, "assert_exhaustion") == 0)
        cmd_assert_trap(r, cmd);
    else if (strcmp(type, "assert_invalid") == 0 || strcmp(type, "assert_malformed") == 0)
        assert_load_fails(r, cmd);
    else if (strcmp(type, "assert_unlinkable") == 0)
        assert_instantiation_fails(r, cmd, WD_ERR_LINK, false);
    else if (strcmp(type, "assert_uninstantiable") == 0)
        assert_instantiation_fails(r, cmd, WD_ERR_UNINSTANTIABLE, false);
    else
        failure(r, "unknown command type");
    if (r->check_wat && type != NULL)
        check_module_text(r, cmd);
}

/* ---------------------------------------------------------------- files */

static void set_names(runner *r, const char *json_path, const wd_json *root)
{
    /* directory of the JSON file */
    const char *slash = strrchr(json_path, '/');
    size_t dl = slash ? (size_t)(slash - json_path) : 0;
    if (slash == json_path)
        dl = 1; /* "/x.json" */
    r->dir = malloc(dl + 2);
    if (r->dir != NULL) {
        if (slash == NULL) {
            strcpy(r->dir, ".");
        } else {
            memcpy(r->dir, json_path, dl);
            r->dir[dl] = '\0';
        }
    }

    /* the .wast name shown in messages */
    const char *src = wd_json_get_string(root, "source_filename");
    if (src != NULL && src[0] != '\0') {
        const char *base = strrchr(src, '/');
        snprintf(r->wast, sizeof r->wast, "%s", base ? base + 1 : src);
    } else {
        const char *base = slash ? slash + 1 : json_path;
        size_t bl = strlen(base);
        if (bl > 5 && strcmp(base + bl - 5, ".json") == 0)
            snprintf(r->wast, sizeof r->wast, "%.*s.wast", (int)(bl - 5), base);
        else
            snprintf(r->wast, sizeof r->wast, "%s", base);
    }
}

/* Runs one script; false if it could not be read at all. */
static bool run_file(runner *r, const char *json_path)
{
    wd_json_error jerr;
    char buf[512];
    wd_json *root = wd_json_parse_file(json_path, &jerr);
    if (root == NULL) {
        fprintf(stderr, "wasmdbg spectest: %s\n", wd_json_error_format(&jerr, buf, sizeof buf));
        return false;
    }
    const wd_json *commands = wd_json_get(root, "commands");
    if (commands == NULL || commands->type != WD_JSON_ARRAY) {
        fprintf(stderr, "wasmdbg spectest: %s: byte %zu: no \"commands\" array\n", json_path,
                commands ? commands->offset : root->offset);
        wd_json_free(root);
        return false;
    }

    r->json_path = json_path;
    set_names(r, json_path, root);
    r->store = r->dir ? wd_store_new(NULL) : NULL;
    if (r->store == NULL) {
        fprintf(stderr, "wasmdbg spectest: %s: cannot create a store\n", json_path);
        free(r->dir);
        r->dir = NULL;
        wd_json_free(root);
        return false;
    }
    r->exec = wd_store_exec(r->store);
    r->current = NULL;
    make_spectest(r);

    if (r->check_wat) {
        const char *src = wd_json_get_string(root, "source_filename");
        r->wast_text = src ? read_whole(src, &r->wast_len) : NULL;
        r->wast_pos = 0;
        r->wast_pos_line = 1;
        if (r->wast_text == NULL)
            fprintf(stderr, "wasmdbg spectest: --check-wat: cannot read the .wast %s\n",
                    src ? src : "(no source_filename)");
    }
    unsigned long same0 = r->wat_same, inv0 = r->wat_invalid, total0 = r->wat_total;
    for (size_t i = 0; i < commands->count; i++)
        run_command(r, &commands->items[i]);
    if (r->check_wat) {
        printf("%s: text: %lu of %lu modules byte-identical, %lu invalid either way\n",
               r->wast, r->wat_same - same0, r->wat_total - total0, r->wat_invalid - inv0);
        if (r->wast_text == NULL)
            r->failed++;
        free(r->wast_text);
        r->wast_text = NULL;
    }

    wd_store_free(r->store);
    r->store = NULL;
    r->exec = NULL;
    r->current = NULL;
    for (size_t i = 0; i < r->nmodules; i++)
        wd_module_free(r->modules[i]);
    free(r->modules);
    r->modules = NULL;
    r->nmodules = r->cap_modules = 0;
    free_named(&r->names, &r->nnames, &r->cap_names);
    free_named(&r->regs, &r->nregs, &r->cap_regs);
    memset(r->print_funcs, 0, sizeof r->print_funcs);
    r->table = NULL;
    r->memory = NULL;
    r->global_i32 = r->global_i64 = r->global_f32 = r->global_f64 = NULL;
    free(r->dir);
    r->dir = NULL;
    wd_json_free(root);
    return true;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: wasmdbg spectest [--enable-tail-call] [--enable-extended-const]\n"
            "                        [--enable-multi-memory] [--check-wat] [--jit] [-v] FILE.json...\n"
            "Runs spec test scripts made by wast2json (module paths are relative to the\n"
            "JSON file). Prints one line per failure, then \"N passed, M failed, K skipped\".\n"
            "Text modules of assert_malformed are parsed with wasmdbg's own text parser.\n"
            "--check-wat: also parse the text of every module command of the .wast and\n"
            "check that it encodes to the same bytes as wast2json's .wasm.\n");
}

int wd_cli_spectest(int argc, char **argv)
{
    runner r;
    memset(&r, 0, sizeof r);
    int nfiles = 0;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && a[0] == '-' && a[1] != '\0') {
            if (strcmp(a, "--") == 0)
                options_done = true;
            else if (strcmp(a, "--enable-tail-call") == 0)
                r.features |= WD_FEATURE_TAIL_CALL;
            else if (strcmp(a, "--enable-extended-const") == 0)
                r.features |= WD_FEATURE_EXTENDED_CONST;
            else if (strcmp(a, "--enable-multi-memory") == 0)
                r.features |= WD_FEATURE_MULTI_MEMORY;
            else if (strcmp(a, "--check-wat") == 0)
                r.check_wat = true;
            else if (strcmp(a, "--jit") == 0)
                r.tier = WD_TIER_JIT_EAGER;   /* every function runs natively */
            else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
                r.verbose = true;
            else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
                usage(stdout);
                return WD_EXIT_OK;
            } else {
                fprintf(stderr, "wasmdbg spectest: unknown option '%s'\n", a);
                usage(stderr);
                return WD_EXIT_USAGE;
            }
            continue;
        }
        nfiles++;
    }
    if (nfiles == 0) {
        fprintf(stderr, "wasmdbg spectest: no script given\n");
        usage(stderr);
        return WD_EXIT_USAGE;
    }

    bool read_error = false;
    options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && a[0] == '-' && a[1] != '\0') {
            if (strcmp(a, "--") == 0)
                options_done = true;
            continue;
        }
        if (!run_file(&r, a))
            read_error = true;
        fflush(stdout);
    }

    printf("%lu passed, %lu failed, %lu skipped\n", r.passed, r.failed, r.skipped);
    return (read_error || r.failed > 0) ? WD_EXIT_ERROR : WD_EXIT_OK;
}
