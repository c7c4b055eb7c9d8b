/* run.c: `wasmdbg run` -- load a module, instantiate it without imports and
 * run it: either one exported function with arguments from the command line
 * (--invoke), or `_start` if the module exports it, or just its start
 * function. Results are printed one per line in the spec notation
 * (i32:42, f64:1.5, f32:nan:0x200000, v128:i32x4:0x00000001,..., funcref:null).
 *
 *   wasmdbg run FILE.wasm [--invoke EXPORT [ARG...]] [--enable-tail-call]
 *               [--enable-extended-const] [--enable-multi-memory]
 *
 * A module that imports wasi_snapshot_preview1 is handed to the WASI runner
 * (cli/wasi_run.c, which takes its own options and the guest's arguments).
 *
 * An argument is read by the type of its parameter: integers in decimal or
 * 0x hex (negative allowed), floats as C literals (inf, nan, nan:0xPAYLOAD,
 * hex floats), optionally typed as `i32:5`; a v128 as `v128:i32x4:1,2,3,4`
 * (shapes i8x16 i16x8 i32x4 i64x2 f32x4 f64x2); references as `null`, an
 * externref also as a number.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wasi_run.h"
#include "wd.h"

static void run_usage(FILE *out)
{
    fprintf(out,
            "usage: wasmdbg run FILE.wasm [--invoke EXPORT [ARG...]]\n"
            "                   [--enable-tail-call] [--enable-extended-const]\n"
            "                   [--enable-multi-memory] [--jit [--perf-map]]\n"
            "\n"
            "Runs EXPORT with ARGs (or _start if exported, else only the start function)\n"
            "and prints each result as TYPE:VALUE, one per line. ARGs are read by the\n"
            "parameter types: 42, -1, 0xff, 1.5, inf, nan, nan:0x1, i32:7,\n"
            "v128:i32x4:1,2,3,4, null. --jit runs functions as x86-64 code (the JIT\n"
            "tier) where the machine allows, the interpreter elsewhere. --perf-map then\n"
            "writes /tmp/perf-PID.map at the end, naming that code for `perf report`.\n"
            "\n"
            "A module importing wasi_snapshot_preview1 runs as a WASI command instead:\n"
            "  wasmdbg run [WASI-OPTION...] FILE.wasm [WASI-OPTION...] [--] [GUEST-ARG...]\n"
            "WASI options: --dir HOST[::GUEST]  --env K=V  --inherit-env\n"
            "              --trace-wasi[=FILE]  --trace-wasi-json[=FILE]  --trace-filter=LIST\n"
            "              --listen HOST:PORT (a listening TCP socket as a guest fd)\n");
}

/* --jit and --perf-map travel with the feature flags (anywhere before a "--"), as these bits */
#define RUN_JIT 0x80000000u
#define RUN_PERF_MAP 0x40000000u

/* Returns the feature bit for an --enable-* flag (RUN_JIT for --jit, RUN_PERF_MAP for
 * --perf-map), 0 if not one. */
static uint32_t feature_flag(const char *arg)
{
    if (strcmp(arg, "--jit") == 0)
        return RUN_JIT;
    if (strcmp(arg, "--perf-map") == 0)
        return RUN_PERF_MAP;
    if (strcmp(arg, "--enable-tail-call") == 0)
        return WD_FEATURE_TAIL_CALL;
    if (strcmp(arg, "--enable-extended-const") == 0)
        return WD_FEATURE_EXTENDED_CONST;
    if (strcmp(arg, "--enable-multi-memory") == 0)
        return WD_FEATURE_MULTI_MEMORY;
    return 0;
}

/* ------------------------------------------------------------ parsing values */

/* An integer in [-(2^(bits-1)), 2^bits - 1], decimal or 0x hex. */
static int parse_int(const char *s, unsigned bits, uint64_t *out)
{
    bool neg = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!*s || *s == '-' || *s == '+' || *s == ' ')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    if (*end || errno == ERANGE)
        return 0;
    uint64_t umax = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
    uint64_t nmax = (uint64_t)1 << (bits - 1);
    if (neg ? v > nmax : v > umax)
        return 0;
    uint64_t r = neg ? (uint64_t)0 - v : v;
    *out = bits == 64 ? r : r & umax;
    return 1;
}

/* A float of 32 or 64 bits, as raw bits. */
static int parse_float(const char *s, unsigned bits, uint64_t *out)
{
    const char *p = s;
    uint64_t sign = 0;
    if (*p == '-' || *p == '+') {
        if (*p == '-')
            sign = 1;
        p++;
    }
    if (strncmp(p, "nan", 3) == 0) {
        uint64_t payload;
        uint64_t pmask = bits == 32 ? 0x7FFFFFu : 0xFFFFFFFFFFFFFull;
        if (p[3] == '\0') {
            payload = bits == 32 ? 0x400000u : 0x8000000000000ull;
        } else if (p[3] == ':') {
            if (!parse_int(p + 4, 64, &payload) || payload == 0 || payload > pmask)
                return 0;
        } else {
            return 0;
        }
        if (bits == 32)
            *out = (sign << 31) | 0x7F800000u | payload;
        else
            *out = (sign << 63) | 0x7FF0000000000000ull | payload;
        return 1;
    }
    char *end;
    if (bits == 32) {
        float f = strtof(s, &end);
        if (end == s || *end)
            return 0;
        uint32_t b;
        memcpy(&b, &f, 4);
        *out = b;
    } else {
        double d = strtod(s, &end);
        if (end == s || *end)
            return 0;
        memcpy(out, &d, 8);
    }
    return 1;
}

static int parse_v128(const char *s, uint8_t bytes[16])
{
    static const struct { const char *name; unsigned lanes, bits; bool fl; } shapes[] = {
        {"i8x16", 16, 8, false}, {"i16x8", 8, 16, false}, {"i32x4", 4, 32, false},
        {"i64x2", 2, 64, false}, {"f32x4", 4, 32, true}, {"f64x2", 2, 64, true},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        size_t n = strlen(shapes[k].name);
        if (strncmp(s, shapes[k].name, n) != 0 || s[n] != ':')
            continue;
        const char *p = s + n + 1;
        unsigned bytes_per = shapes[k].bits / 8;
        for (unsigned lane = 0; lane < shapes[k].lanes; lane++) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            if ((lane + 1 < shapes[k].lanes) != (comma != NULL) || len == 0 || len > 63)
                return 0;
            char tok[64];
            memcpy(tok, p, len);
            tok[len] = '\0';
            uint64_t v;
            if (!(shapes[k].fl ? parse_float(tok, shapes[k].bits, &v)
                               : parse_int(tok, shapes[k].bits, &v)))
                return 0;
            for (unsigned b = 0; b < bytes_per; b++)   /* little-endian lanes */
                bytes[lane * bytes_per + b] = (uint8_t)(v >> (8 * b));
            p += len + (comma ? 1 : 0);
        }
        return 1;
    }
    return 0;
}

static int parse_value(const char *arg, wd_valtype t, wd_value *out)
{
    memset(out, 0, sizeof *out);
    out->type = t;
    const char *s = arg;
    const char *tn = wd_valtype_name(t);
    size_t tl = strlen(tn);
    if (strncmp(s, tn, tl) == 0 && s[tl] == ':') {
        s += tl + 1;
    } else if (t == WD_V128) {
        return 0;   /* the shape needs the prefix: v128:i32x4:... */
    }
    uint64_t v;
    switch (t) {
    case WD_I32:
        if (!parse_int(s, 32, &v))
            return 0;
        out->of.i32 = (uint32_t)v;
        return 1;
    case WD_I64:
        if (!parse_int(s, 64, &v))
            return 0;
        out->of.i64 = v;
        return 1;
    case WD_F32:
        if (!parse_float(s, 32, &v))
            return 0;
        out->of.f32_bits = (uint32_t)v;
        return 1;
    case WD_F64:
        if (!parse_float(s, 64, &v))
            return 0;
        out->of.f64_bits = v;
        return 1;
    case WD_V128:
        return parse_v128(s, out->of.v128);
    case WD_FUNCREF:
        if (strcmp(s, "null") != 0)
            return 0;
        out->of.ref = WD_REF_NULL;
        return 1;
    case WD_EXTERNREF:
        if (strcmp(s, "null") == 0) {
            out->of.ref = WD_REF_NULL;
            return 1;
        }
        if (!parse_int(s, 64, &v))
            return 0;
        out->of.ref = v;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ printing values */

static void print_float(FILE *out, uint64_t bits, unsigned width)
{
    bool neg = width == 32 ? (bits >> 31) & 1 : (bits >> 63) & 1;
    uint64_t expmask = width == 32 ? 0xFFu : 0x7FFu;
    uint64_t exp = width == 32 ? (bits >> 23) & expmask : (bits >> 52) & expmask;
    uint64_t frac = width == 32 ? bits & 0x7FFFFFu : bits & 0xFFFFFFFFFFFFFull;
    uint64_t quiet = width == 32 ? 0x400000u : 0x8000000000000ull;
    if (exp == expmask) {
        if (frac == 0)
            fprintf(out, "%sinf", neg ? "-" : "");
        else if (frac == quiet)
            fprintf(out, "%snan", neg ? "-" : "");
        else
            fprintf(out, "%snan:0x%" PRIx64, neg ? "-" : "", frac);
        return;
    }
    if (width == 32) {
        uint32_t b = (uint32_t)bits;
        float f;
        memcpy(&f, &b, 4);
        fprintf(out, "%.9g", (double)f);
    } else {
        double d;
        memcpy(&d, &bits, 8);
        fprintf(out, "%.17g", d);
    }
}

static void print_value(FILE *out, const wd_value *v, const wd_instance *inst)
{
    fprintf(out, "%s:", wd_valtype_name(v->type));
    switch (v->type) {
    case WD_I32:
        fprintf(out, "%" PRId32, (int32_t)v->of.i32);
        break;
    case WD_I64:
        fprintf(out, "%" PRId64, (int64_t)v->of.i64);
        break;
    case WD_F32:
        print_float(out, v->of.f32_bits, 32);
        break;
    case WD_F64:
        print_float(out, v->of.f64_bits, 64);
        break;
    case WD_V128: {
        uint32_t lane[4];
        memcpy(lane, v->of.v128, 16);
        fprintf(out, "i32x4:0x%08" PRIx32 ",0x%08" PRIx32 ",0x%08" PRIx32 ",0x%08" PRIx32,
                lane[0], lane[1], lane[2], lane[3]);
        break;
    }
    case WD_FUNCREF: {
        if (v->of.ref == WD_REF_NULL) {
            fputs("null", out);
            break;
        }
        const wd_module *m = wd_instance_module(inst);
        uint32_t n = wd_module_func_count(m);
        for (uint32_t i = 0; i < n; i++) {
            if ((wd_ref)(uintptr_t)wd_instance_func(inst, i) == v->of.ref) {
                fprintf(out, "func[%" PRIu32 "]", i);
                return;
            }
        }
        fputs("func[?]", out);   /* a function of another instance */
        break;
    }
    case WD_EXTERNREF:
        if (v->of.ref == WD_REF_NULL)
            fputs("null", out);
        else
            fprintf(out, "%" PRIu64, (uint64_t)v->of.ref);
        break;
    }
}

/* ------------------------------------------------------------ running */

/* Runs f with args and prints its results. */
static int invoke(wd_exec *x, const wd_instance *inst, wd_func *f, const char *name,
                  char **argv, int nargs)
{
    wd_functype ft = wd_func_type(f);
    if ((uint32_t)nargs != ft.nparams) {
        fprintf(stderr, "wasmdbg: %s takes %" PRIu32 " argument%s, %d given\n", name,
                ft.nparams, ft.nparams == 1 ? "" : "s", nargs);
        return WD_EXIT_USAGE;
    }
    wd_value *args = calloc(ft.nparams ? ft.nparams : 1, sizeof *args);
    wd_value *results = calloc(ft.nresults ? ft.nresults : 1, sizeof *results);
    int rc = WD_EXIT_OK;
    if (!args || !results) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        rc = WD_EXIT_ERROR;
        goto out;
    }
    for (uint32_t i = 0; i < ft.nparams; i++) {
        if (!parse_value(argv[i], ft.params[i], &args[i])) {
            fprintf(stderr, "wasmdbg: argument %" PRIu32 " of %s: '%s' is not a valid %s\n",
                    i + 1, name, argv[i], wd_valtype_name(ft.params[i]));
            rc = WD_EXIT_USAGE;
            goto out;
        }
    }
    wd_stop st = wd_exec_call(x, f, args, ft.nparams, results, ft.nresults);
    switch (st) {
    case WD_STOP_DONE:
        for (uint32_t i = 0; i < ft.nresults; i++) {
            print_value(stdout, &results[i], inst);
            fputc('\n', stdout);
        }
        break;
    case WD_STOP_TRAP:
        rc = wd_cli_report_trap(x, wd_instance_module(inst));
        break;
    case WD_STOP_EXIT:
        rc = wd_exec_exit_code(x) & 0xFF;
        break;
    default:
        fprintf(stderr, "wasmdbg: %s stopped before it finished\n", name);
        wd_exec_reset(x);
        rc = WD_EXIT_ERROR;
        break;
    }
out:
    free(args);
    free(results);
    return rc;
}

/* Runs a module without WASI imports: --invoke NAME ARGS, else _start if
 * exported, else only the start function. rest: the arguments after the
 * module's path. */
static int run_plain(wd_module *m, const char *path, int nrest, char **rest)
{
    const char *invoke_name = NULL;
    char **args = calloc((size_t)nrest + 1, sizeof *args);
    int nargs = 0;
    bool have_invoke = false, no_more_options = false;
    if (!args) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        return WD_EXIT_ERROR;
    }
    for (int i = 0; i < nrest; i++) {
        const char *a = rest[i];
        if (!no_more_options && strcmp(a, "--") == 0) {
            no_more_options = true;
        } else if (!no_more_options && feature_flag(a)) {
            continue;   /* read before loading */
        } else if (have_invoke) {
            args[nargs++] = rest[i];   /* arguments may look like options: -1 */
        } else if (!no_more_options && strcmp(a, "--invoke") == 0) {
            if (i + 1 >= nrest) {
                fprintf(stderr, "wasmdbg run: --invoke needs an export name\n");
                goto usage;
            }
            invoke_name = rest[++i];
            have_invoke = true;
        } else if (!no_more_options && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            run_usage(stdout);
            free(args);
            return WD_EXIT_OK;
        } else if (!no_more_options && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "wasmdbg run: unknown option '%s'\n", a);
            goto usage;
        } else {
            fprintf(stderr, "wasmdbg run: unexpected argument '%s' (arguments follow "
                            "--invoke EXPORT)\n", a);
            goto usage;
        }
    }

    int rc = WD_EXIT_ERROR;
    char ebuf[512];
    wd_error err;
    wd_error_clear(&err);
    wd_store *s = wd_store_new(NULL);
    if (!s) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        goto done;
    }
    wd_exec *x = wd_store_exec(s);
    wd_instance *inst = wd_instance_new(s, m, NULL, NULL, &err);
    if (!inst) {
        /* A trap in the start function (no file offset, unlike a segment
         * out of bounds): report it like any trap, with its backtrace. */
        if (err.status == WD_ERR_UNINSTANTIABLE && err.offset == WD_NO_OFFSET &&
            wd_exec_trap(x) != WD_TRAP_NONE) {
            rc = wd_cli_report_trap(x, m);
        } else {
            fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&err, ebuf, sizeof ebuf));
        }
        goto done;
    }

    const char *fname = invoke_name;
    if (!fname) {
        wd_externkind k;
        wd_extern e;
        if (!wd_instance_export(inst, "_start", &k, &e) || k != WD_EXTERN_FUNC) {
            rc = WD_EXIT_OK;   /* the start function (if any) has run */
            goto done;
        }
        fname = "_start";
    }
    wd_externkind kind;
    wd_extern ext;
    if (!wd_instance_export(inst, fname, &kind, &ext)) {
        fprintf(stderr, "wasmdbg: %s: no export named '%s'\n", path, fname);
        goto done;
    }
    if (kind != WD_EXTERN_FUNC) {
        fprintf(stderr, "wasmdbg: %s: export '%s' is not a function\n", path, fname);
        goto done;
    }
    rc = invoke(x, inst, ext.func, fname, args, nargs);

done:
    wd_store_free(s);
    free(args);
    return rc;

usage:
    run_usage(stderr);
    free(args);
    return WD_EXIT_USAGE;
}

int wd_cli_run(int argc, char **argv)
{
    /* First the module's path and the feature flags (which may come before
     * or after the path, but not after a "--"): loading needs them. */
    const char *path = NULL;
    int path_at = -1;
    uint32_t features = 0;
    /* WASI options may also come before the module, as in
     * `wasmdbg run --dir . --env K=V prog.wasm ARGS`: kept for the WASI runner. */
    int npre = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint32_t feat = feature_flag(a);
        if (strcmp(a, "--") == 0 && path_at >= 0)
            break;
        if (feat) {
            features |= feat;
        } else if (path_at < 0) {
            if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                run_usage(stdout);
                return WD_EXIT_OK;
            }
            int w = wd_cli_wasi_option(a);
            if (w > 0) {
                if (w == 2 && i + 1 >= argc) {
                    fprintf(stderr, "wasmdbg run: %s needs a value\n", a);
                    return WD_EXIT_USAGE;
                }
                npre += w;
                i += w - 1;
                continue;
            }
            if (a[0] == '-' && a[1] != '\0') {
                fprintf(stderr, "wasmdbg run: %s '%s' before the module\n",
                        strcmp(a, "--invoke") == 0 ? "--invoke goes after the module, not"
                                                   : "unknown option",
                        a);
                run_usage(stderr);
                return WD_EXIT_USAGE;
            }
            path = a;
            path_at = i;
        }
    }
    if (!path) {
        fprintf(stderr, "wasmdbg run: no module given\n");
        run_usage(stderr);
        return WD_EXIT_USAGE;
    }

    if ((features & RUN_PERF_MAP) && !(features & RUN_JIT)) {
        fprintf(stderr, "wasmdbg run: --perf-map names the JIT's code: it needs --jit\n");
        return WD_EXIT_USAGE;
    }
    char ebuf[512];
    wd_error err;
    wd_error_clear(&err);
    wd_load_options lo = { .features = features & ~(RUN_JIT | RUN_PERF_MAP), .name = path,
                           .tier = (features & RUN_JIT) ? WD_TIER_JIT : WD_TIER_INTERP };
    wd_module *m = wd_module_load_file(path, &lo, &err);
    if (!m) {
        fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&err, ebuf, sizeof ebuf));
        return WD_EXIT_ERROR;
    }
    int nrest = argc - path_at - 1;
    char **rest = argv + path_at + 1;
    int rc;
    if (wd_cli_module_is_wasi(m)) {
        /* The WASI runner gets the arguments after the path without the
         * feature flags (up to a "--", after which all is the guest's). */
        char **wargs = calloc((size_t)(npre + nrest) + 1, sizeof *wargs);
        if (!wargs) {
            fprintf(stderr, "wasmdbg: out of memory\n");
            wd_module_free(m);
            return WD_EXIT_ERROR;
        }
        int nw = 0;
        for (int i = 1; i < path_at; i++)
            if (!feature_flag(argv[i]))
                wargs[nw++] = argv[i];
        bool guest = false;
        for (int i = 0; i < nrest; i++) {
            if (strcmp(rest[i], "--") == 0)
                guest = true;
            if (guest || !feature_flag(rest[i]))
                wargs[nw++] = rest[i];
        }
        rc = wd_cli_run_wasi(m, path, nw, wargs);
        free(wargs);
    } else if (npre > 0) {
        fprintf(stderr, "wasmdbg run: %s imports no WASI: --dir/--env/--trace-wasi do not apply\n",
                path);
        rc = WD_EXIT_USAGE;
    } else {
        rc = run_plain(m, path, nrest, rest);
    }
    if (features & RUN_PERF_MAP)
        wd_cli_perf_map_write(m);   /* a failure is reported; the run's status stands */
    wd_module_free(m);
    fflush(stdout);
    return rc;
}
