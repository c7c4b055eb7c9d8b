/* profile.c: `wasmdbg profile` -- run a module under the sampling profiler (profiler/prof.h)
 * and write the profile.
 *
 *   wasmdbg profile [-o FILE] [--format F] [--mode cycles|insns] [--interval N] [--top[=N]]
 *                   [--dir HOST[::GUEST]] [--env K=V] [--inherit-env] [--no-dwarf]
 *                   [--enable-FEATURE] MODULE [--invoke EXPORT [ARG...] | ARG...]
 *
 * A module without imports runs EXPORT with ARGs (--invoke, as in `wasmdbg run`), or its
 * _start export, or only its start function. A WASI command module (imports from
 * wasi_snapshot_preview1) runs _start with ARGs as its argv[1..]. The start function and
 * instantiation are profiled too.
 *
 * The output format follows from the name given to -o unless --format says otherwise.
 * A bad format or an unwritable path fails before the program runs (exit 2 / 1). The file is
 * written to a temporary name and renamed, also when the guest traps or exits early, or on
 * Ctrl-C, SIGTERM or SIGHUP (which stop the guest at its next instruction; a second one, for
 * a guest waiting in a host call, ends wasmdbg without a profile). Without -o (or with --top) the
 * hottest functions are printed to stdout after the run; a summary line goes to stderr.
 *
 * Exit status: the guest's (as `wasmdbg run`: 0, its exit code, 134 on a trap), 128 + the
 * signal when stopped by one (130 for Ctrl-C, 143 for SIGTERM), 1 on errors, 2 on a bad command line.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "prof.h"
#include "wd.h"

#if defined(__has_include)
#if __has_include("wasi.h")
#include "wasi.h"
#define WD_PROFILE_WASI 1
#endif
#if __has_include("wd_dwarf.h")
#include "wd_dwarf.h"
#define WD_PROFILE_DWARF 1
#endif
#endif

extern char **environ;

static void profile_usage(FILE *out)
{
    fprintf(out,
            "usage: wasmdbg profile [OPTIONS] MODULE [--invoke EXPORT [ARG...] | ARG...]\n"
            "\n"
            "Runs MODULE under the sampling profiler and writes the profile.\n"
            "  -o, --output FILE    write the profile to FILE; the format follows from the name:\n"
            "                       .folded .samples.folded .svg .speedscope.json .pb.gz\n"
            "                       callgrind.out* .gecko.json .txt (\"-\": stdout)\n"
            "  --format F           force the format: %s\n"
            "  --mode cycles|insns  cycles (default): a CPU-time timer, weights in TSC cycles;\n"
            "                       insns: a sample every N instructions, deterministic\n"
            "  --interval N         cycles: microseconds of CPU time per sample (default %u);\n"
            "                       insns: instructions per sample (default %u)\n"
            "  --top[=N]            print the N hottest functions (default 25; on when no -o)\n"
            "  --no-dwarf           function names only, no source lines\n"
            "  --dir HOST[::GUEST]  WASI: preopen a directory (repeatable)\n"
            "  --env KEY=VALUE      WASI: set an environment variable (repeatable)\n"
            "  --inherit-env        WASI: start from wasmdbg's environment\n"
            "  --jit                run in the JIT tier (x86-64 machine code)\n"
            "  --perf-map           with --jit: write /tmp/perf-PID.map at the end, naming\n"
            "                       the JIT code for Linux perf\n"
            "  --enable-tail-call, --enable-extended-const, --enable-multi-memory\n",
            wd_prof_format_list(), WD_PROF_DEFAULT_USEC, WD_PROF_DEFAULT_INSNS);
}

/* ------------------------------------------------------------ options */

typedef struct popts {
    const char *out_path;
    const char *format;
    wd_prof_mode mode;
    uint64_t interval;
    bool top;
    size_t top_rows;
    bool no_dwarf;
    bool jit;               /* --jit: the JIT tier, samples at safepoints */
    bool perf_map;          /* --perf-map: /tmp/perf-PID.map for the JIT code */
    uint32_t features;
    const char *module;
    const char *invoke;
    char **args;            /* --invoke arguments, or the WASI guest's argv[1..] */
    int nargs;
    const char **dirs;      /* "HOST[::GUEST]" */
    int ndirs;
    const char **env;
    int nenv;
    bool inherit_env;
} popts;

static bool parse_u64(const char *s, uint64_t *out)
{
    if (!*s || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (*end || errno)
        return false;
    *out = v;
    return true;
}

/* "--name VALUE" or "--name=VALUE": returns the value (advancing *i), or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, bool *bad)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "wasmdbg profile: %s needs a value\n", name);
        *bad = true;
        return NULL;
    }
    return argv[++*i];
}

/* Returns 0 to go on, or an exit status. */
static int parse_opts(int argc, char **argv, popts *o)
{
    o->mode = WD_PROF_CYCLES;
    o->top_rows = 25;
    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    o->dirs = calloc((size_t)argc + 1, sizeof *o->dirs);
    o->env = calloc((size_t)argc + 1, sizeof *o->env);
    if (!o->args || !o->dirs || !o->env) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        return WD_EXIT_ERROR;
    }
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i], *v;
        bool bad = false;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            profile_usage(stdout);
            return -1;
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if ((v = opt_value(argc, argv, &i, "-o", &bad)) ||
                   (v = opt_value(argc, argv, &i, "--output", &bad))) {
            o->out_path = v;
        } else if ((v = opt_value(argc, argv, &i, "--format", &bad))) {
            o->format = v;
        } else if ((v = opt_value(argc, argv, &i, "--mode", &bad))) {
            if (strcmp(v, "cycles") == 0)
                o->mode = WD_PROF_CYCLES;
            else if (strcmp(v, "insns") == 0)
                o->mode = WD_PROF_INSNS;
            else {
                fprintf(stderr, "wasmdbg profile: unknown mode '%s' (cycles or insns)\n", v);
                return WD_EXIT_USAGE;
            }
        } else if ((v = opt_value(argc, argv, &i, "--interval", &bad))) {
            if (!parse_u64(v, &o->interval) || o->interval == 0) {
                fprintf(stderr, "wasmdbg profile: --interval needs a positive number\n");
                return WD_EXIT_USAGE;
            }
        } else if (strcmp(a, "--top") == 0) {
            o->top = true;
        } else if (strncmp(a, "--top=", 6) == 0) {
            uint64_t n;
            if (!parse_u64(a + 6, &n)) {
                fprintf(stderr, "wasmdbg profile: --top=N needs a number\n");
                return WD_EXIT_USAGE;
            }
            o->top = true;
            o->top_rows = (size_t)n;
        } else if (strcmp(a, "--no-dwarf") == 0) {
            o->no_dwarf = true;
        } else if (strcmp(a, "--inherit-env") == 0) {
            o->inherit_env = true;
        } else if ((v = opt_value(argc, argv, &i, "--dir", &bad))) {
            o->dirs[o->ndirs++] = v;
        } else if ((v = opt_value(argc, argv, &i, "--env", &bad))) {
            if (!strchr(v, '=')) {
                fprintf(stderr, "wasmdbg profile: --env needs KEY=VALUE\n");
                return WD_EXIT_USAGE;
            }
            o->env[o->nenv++] = v;
        } else if (strcmp(a, "--jit") == 0) {
            o->jit = true;
        } else if (strcmp(a, "--perf-map") == 0) {
            o->perf_map = true;
        } else if (strcmp(a, "--enable-tail-call") == 0) {
            o->features |= WD_FEATURE_TAIL_CALL;
        } else if (strcmp(a, "--enable-extended-const") == 0) {
            o->features |= WD_FEATURE_EXTENDED_CONST;
        } else if (strcmp(a, "--enable-multi-memory") == 0) {
            o->features |= WD_FEATURE_MULTI_MEMORY;
        } else if (bad) {
            return WD_EXIT_USAGE;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "wasmdbg profile: unknown option '%s'\n", a);
            return WD_EXIT_USAGE;
        } else {
            break;
        }
        if (bad)
            return WD_EXIT_USAGE;
    }
    if (i >= argc) {
        fprintf(stderr, "wasmdbg profile: no module given\n");
        return WD_EXIT_USAGE;
    }
    if (o->perf_map && !o->jit) {
        fprintf(stderr, "wasmdbg profile: --perf-map names the JIT's code: it needs --jit\n");
        return WD_EXIT_USAGE;
    }
    o->module = argv[i++];
    if (i < argc && strcmp(argv[i], "--invoke") == 0) {
        if (i + 1 >= argc) {
            fprintf(stderr, "wasmdbg profile: --invoke needs an export name\n");
            return WD_EXIT_USAGE;
        }
        o->invoke = argv[i + 1];
        i += 2;
    }
    for (; i < argc; i++)
        o->args[o->nargs++] = argv[i];
    if (!o->out_path)
        o->top = true;
    return 0;
}

/* ------------------------------------------------------------ values */

static bool parse_arg(const char *s, wd_valtype t, wd_value *v)
{
    memset(v, 0, sizeof *v);
    v->type = t;
    const char *tn = wd_valtype_name(t);
    size_t tl = strlen(tn);
    if (strncmp(s, tn, tl) == 0 && s[tl] == ':')
        s += tl + 1;
    char *end;
    errno = 0;
    switch (t) {
    case WD_I32:
    case WD_I64: {
        bool neg = *s == '-';
        unsigned long long u = strtoull(neg ? s + 1 : s, &end, 0);
        if (end == s || *end || errno || (neg && s[1] == '-'))
            return false;
        uint64_t r = neg ? (uint64_t)0 - u : u;
        if (t == WD_I32) {
            if (neg ? u > 0x80000000ull : u > 0xFFFFFFFFull)
                return false;
            v->of.i32 = (uint32_t)r;
        } else {
            v->of.i64 = r;
        }
        return true;
    }
    case WD_F32: {
        float f = strtof(s, &end);
        if (end == s || *end)
            return false;
        memcpy(&v->of.f32_bits, &f, 4);
        return true;
    }
    case WD_F64: {
        double d = strtod(s, &end);
        if (end == s || *end)
            return false;
        memcpy(&v->of.f64_bits, &d, 8);
        return true;
    }
    default:
        if (strcmp(s, "null") == 0) {
            v->of.ref = WD_REF_NULL;
            return true;
        }
        return false;
    }
}

static void print_result(const wd_value *v)
{
    switch (v->type) {
    case WD_I32: printf("i32:%" PRId32 "\n", (int32_t)v->of.i32); break;
    case WD_I64: printf("i64:%" PRId64 "\n", (int64_t)v->of.i64); break;
    case WD_F32: {
        float f;
        memcpy(&f, &v->of.f32_bits, 4);
        printf("f32:%.9g\n", (double)f);
        break;
    }
    case WD_F64: {
        double d;
        memcpy(&d, &v->of.f64_bits, 8);
        printf("f64:%.17g\n", d);
        break;
    }
    default: printf("%s:%s\n", wd_valtype_name(v->type), v->of.ref ? "ref" : "null"); break;
    }
}

/* ------------------------------------------------------------ symbolizer (DWARF) */

#ifdef WD_PROFILE_DWARF
typedef struct dwsym {
    wd_dwarf *dw;
    uint64_t code_off;
} dwsym;

static uint32_t dwarf_symbolize(void *user, const wd_module *m, uint32_t funcidx,
                                uint64_t offset, wd_prof_srcframe *out, uint32_t max)
{
    (void)funcidx;
    dwsym *s = user;
    if (!s->dw || wd_dwarf_module(s->dw) != m || offset < s->code_off)
        return 0;
    wd_dw_frame fr[32];
    size_t n = wd_dwarf_symbolize(s->dw, (uint32_t)(offset - s->code_off), false, fr, 32);
    if (n > 32)
        n = 32;
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++) {
        /* the name people read (main, not clang's symbol __main_argc_argv; C++ demangled) */
        out[i].function = fr[i].source_name ? fr[i].source_name : fr[i].function;
        out[i].file = fr[i].file && *fr[i].file ? fr[i].file : NULL;
        out[i].line = fr[i].line;
        out[i].column = fr[i].column;
    }
    /* Samples are taken at safepoints, which include loop headers (insns mode: a loop
     * entered from above; a back-edge's sample goes to its branch); clang gives a `loop`
     * instruction line 0. Attribute such a location to the next line of code in the same
     * file (the first line of the loop body), up to 32 bytes ahead. */
    if (n > 0 && out[0].line == 0) {
        uint32_t addr = (uint32_t)(offset - s->code_off);
        for (uint32_t k = 1; k <= 32; k++) {
            wd_dw_row row;
            if (!wd_dwarf_line_at(s->dw, addr + k, &row))
                break;
            if (row.flags & WD_DW_ROW_END_SEQUENCE)
                break;
            if (row.line == 0)
                continue;
            if (out[0].file && row.file && strcmp(row.file, out[0].file) != 0)
                break;
            out[0].line = row.line;
            out[0].column = row.column;
            if (!out[0].file && row.file && *row.file)
                out[0].file = row.file;
            break;
        }
    }
    return (uint32_t)n;
}

static void dwarf_quiet(void *user, const char *msg)
{
    (void)user;
    (void)msg;
}
#endif

/* ------------------------------------------------------------ Ctrl-C */

static wd_exec *volatile g_interrupt_exec;
static volatile sig_atomic_t g_stop_signal;   /* the SIGINT, SIGTERM or SIGHUP received */
static const char *volatile g_tmp_path;       /* the output's temporary file, if any */

/* The first signal stops the guest at its next instruction and the profile is written. A
 * second one (the guest is waiting in a host call, say for stdin) ends the process at once,
 * without a profile and without its temporary file. */
static void on_stop_signal(int sig)
{
    if (g_stop_signal) {
        const char *tmp = g_tmp_path;
        if (tmp)
            unlink(tmp);
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    g_stop_signal = sig;
    wd_exec *x = g_interrupt_exec;
    if (x)
        wd_exec_interrupt(x);
}

static const int stop_signals[3] = {SIGINT, SIGTERM, SIGHUP};

/* ------------------------------------------------------------ WASI host-call frames */

#ifdef WD_PROFILE_WASI
/* WASI's call hook runs around every host call (no decoding): a timer signal that arrives
 * during the call becomes a "[wasi:NAME]" sample at the leave. */
static void on_wasi_enter(void *user, const char *name)
{
    wd_prof_host_enter(user, name);
}

static void on_wasi_leave(void *user, const char *name)
{
    (void)name;
    wd_prof_host_leave(user);
}
#endif

static bool imports_wasi(const wd_module *m)
{
    uint32_t n = wd_module_import_count(m);
    for (uint32_t i = 0; i < n; i++) {
        wd_import_desc d;
        wd_module_import(m, i, &d);
        if (strcmp(d.module, "wasi_snapshot_preview1") == 0 ||
            strcmp(d.module, "wasi_unstable") == 0)
            return true;
    }
    return false;
}

/* ------------------------------------------------------------ the command */

int wd_cli_profile(int argc, char **argv)
{
    popts o;
    memset(&o, 0, sizeof o);
    int rc = parse_opts(argc, argv, &o);
    wd_prof_out *out = NULL;
    wd_module *m = NULL;
    wd_store *s = NULL;
    wd_prof *p = NULL;
    void *wasi = NULL;
    wd_value *args = NULL, *results = NULL;
    char err[512];
    bool interrupted = false;
#ifdef WD_PROFILE_DWARF
    dwsym sym = {0};
#endif
    if (rc != 0) {
        if (rc == WD_EXIT_USAGE)
            fprintf(stderr, "usage: wasmdbg profile [OPTIONS] MODULE [--invoke EXPORT [ARG...] "
                            "| ARG...]   (--help for more)\n");
        rc = rc < 0 ? WD_EXIT_OK : rc;
        goto done;
    }
    rc = WD_EXIT_ERROR;

    /* 1. The output, before anything runs. */
    if (o.out_path) {
        wd_prof_format f = o.format ? wd_prof_format_from_name(o.format)
                                    : wd_prof_format_from_path(o.out_path);
        if (f == WD_PROF_FMT_NONE) {
            if (o.format)
                fprintf(stderr, "wasmdbg profile: unknown format '%s' (known: %s)\n",
                        o.format, wd_prof_format_list());
            else
                fprintf(stderr, "wasmdbg profile: cannot tell the format of '%s' from its "
                                "name; use --format (%s)\n", o.out_path, wd_prof_format_list());
            rc = WD_EXIT_USAGE;
            goto done;
        }
        out = wd_prof_out_open(o.out_path, f, err, sizeof err);
        if (!out) {
            fprintf(stderr, "wasmdbg profile: %s\n", err);
            goto done;
        }
    } else if (o.format) {
        fprintf(stderr, "wasmdbg profile: --format needs -o FILE (or -o - for stdout)\n");
        rc = WD_EXIT_USAGE;
        goto done;
    }

    /* 2. The module and its debug information. */
    wd_error e;
    wd_error_clear(&e);
    wd_load_options lo = {.features = o.features, .name = o.module,
                          .tier = o.jit ? WD_TIER_JIT : WD_TIER_INTERP};
    m = wd_module_load_file(o.module, &lo, &e);
    if (!m) {
        fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&e, err, sizeof err));
        goto done;
    }
    const char *base = strrchr(o.module, '/');
    wd_prof_options po = {.mode = o.mode, .interval = o.interval,
                          .program = base ? base + 1 : o.module};
#ifdef WD_PROFILE_DWARF
    if (!o.no_dwarf) {
        wd_error de;
        wd_error_clear(&de);
        sym.dw = wd_dwarf_open(m, dwarf_quiet, NULL, &de);
        sym.code_off = wd_module_code_section_offset(m);
        if (sym.dw) {
            po.symbolize = dwarf_symbolize;
            po.symbolize_user = &sym;
        }
    }
#endif
    p = wd_prof_new(&po, err, sizeof err);
    if (!p) {
        fprintf(stderr, "wasmdbg profile: %s\n", err);
        goto done;
    }
    wd_prof_name_module(p, m, o.module);

    /* 3. A store, WASI when the module wants it, the profiler, then instantiation. */
    s = wd_store_new(NULL);
    if (!s) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        goto done;
    }
    wd_exec *x = wd_store_exec(s);
    wd_import_resolver resolver = NULL;
    bool is_wasi = imports_wasi(m);
    if (is_wasi) {
#ifdef WD_PROFILE_WASI
        wd_wasi_preopen *pre = calloc((size_t)o.ndirs + 1, sizeof *pre);
        char **bufs = calloc((size_t)o.ndirs + 1, sizeof *bufs);
        const char **gargv = calloc((size_t)o.nargs + 2, sizeof *gargv);
        int nenv = 0;
        const char **genv = NULL;
        size_t nhost = 0;
        if (o.inherit_env)
            while (environ[nhost])
                nhost++;
        genv = calloc(nhost + (size_t)o.nenv + 1, sizeof *genv);
        bool ok = pre && bufs && gargv && genv;
        for (int i = 0; ok && i < o.ndirs; i++) {
            bufs[i] = strdup(o.dirs[i]);
            if (!bufs[i]) {
                ok = false;
                break;
            }
            char *sep = strstr(bufs[i], "::");
            if (sep) {
                *sep = '\0';
                pre[i].guest_path = sep + 2;
            } else {
                pre[i].guest_path = bufs[i];
            }
            pre[i].host_path = bufs[i];
        }
        if (ok) {
            gargv[0] = o.module;
            for (int i = 0; i < o.nargs; i++)
                gargv[1 + i] = o.args[i];
            for (size_t i = 0; i < nhost; i++)
                genv[nenv++] = environ[i];
            for (int i = 0; i < o.nenv; i++)
                genv[nenv++] = o.env[i];
            wd_wasi_config cfg = {.argc = o.nargs + 1, .argv = gargv, .envc = nenv,
                                  .envp = genv, .npreopens = (uint32_t)o.ndirs,
                                  .preopens = pre, WD_WASI_STDIO_DEFAULT};
            wasi = wd_wasi_new(&cfg, err, sizeof err);
            if (!wasi)
                fprintf(stderr, "wasmdbg: %s\n", err);
        } else {
            fprintf(stderr, "wasmdbg: out of memory\n");
        }
        for (int i = 0; bufs && i < o.ndirs; i++)
            free(bufs[i]);
        free(bufs);
        free(pre);
        free(gargv);
        free(genv);
        if (!wasi)
            goto done;
        wd_wasi_bind(wasi, s, NULL, NULL);
        resolver = wd_wasi_resolver;
        if (o.mode == WD_PROF_CYCLES)
            wd_wasi_set_call_hook(wasi, on_wasi_enter, on_wasi_leave, p);
#else
        fprintf(stderr, "wasmdbg profile: %s imports WASI, which this build does not have\n",
                o.module);
        goto done;
#endif
    }
    if (!is_wasi && o.nargs > 0 && !o.invoke) {
        fprintf(stderr, "wasmdbg profile: arguments need --invoke EXPORT (or a WASI module)\n");
        rc = WD_EXIT_USAGE;
        goto done;
    }

    if (!wd_prof_start(p, x, err, sizeof err)) {
        fprintf(stderr, "wasmdbg profile: %s\n", err);
        goto done;
    }
    g_interrupt_exec = x;
    g_stop_signal = 0;
    g_tmp_path = out ? wd_prof_out_tmp_path(out) : NULL;
    struct sigaction sa, old_sa[3];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++)
        sigaction(stop_signals[i], &sa, &old_sa[i]);

    wd_instance *inst = wd_instance_new(s, m, resolver, wasi, &e);
    if (!inst) {
        if (e.status == WD_ERR_UNINSTANTIABLE && wd_exec_trap(x) != WD_TRAP_NONE) {
            const char *msg = wd_exec_trap_message(x);
            fprintf(stderr, "wasmdbg: trap: %s\n", msg ? msg : wd_trap_message(wd_exec_trap(x)));
            rc = WD_EXIT_TRAP;
        } else {
            fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&e, err, sizeof err));
            rc = WD_EXIT_ERROR;
            wd_prof_stop(p);
            goto restore;
        }
    } else {
        const char *fname = o.invoke ? o.invoke : "_start";
        wd_externkind k;
        wd_extern ex;
        if (!wd_instance_export(inst, fname, &k, &ex) || k != WD_EXTERN_FUNC) {
            if (o.invoke || is_wasi) {
                fprintf(stderr, "wasmdbg profile: %s has no exported function '%s'\n",
                        o.module, fname);
                rc = WD_EXIT_ERROR;
                wd_prof_stop(p);
                goto restore;
            }
            rc = WD_EXIT_OK;   /* only the start function ran */
        } else {
            wd_functype ft = wd_func_type(ex.func);
            int nargs = o.invoke ? o.nargs : 0;
            if ((uint32_t)nargs != ft.nparams) {
                fprintf(stderr, "wasmdbg profile: %s takes %" PRIu32 " argument%s, %d given\n",
                        fname, ft.nparams, ft.nparams == 1 ? "" : "s", nargs);
                rc = WD_EXIT_USAGE;
                wd_prof_stop(p);
                goto restore;
            }
            args = calloc(ft.nparams + 1, sizeof *args);
            results = calloc(ft.nresults + 1, sizeof *results);
            if (!args || !results) {
                fprintf(stderr, "wasmdbg: out of memory\n");
                wd_prof_stop(p);
                goto restore;
            }
            for (uint32_t i = 0; i < ft.nparams; i++) {
                if (!parse_arg(o.args[i], ft.params[i], &args[i])) {
                    fprintf(stderr, "wasmdbg profile: argument %" PRIu32 " of %s: '%s' is not "
                                    "a valid %s\n", i + 1, fname, o.args[i],
                            wd_valtype_name(ft.params[i]));
                    rc = WD_EXIT_USAGE;
                    wd_prof_stop(p);
                    goto restore;
                }
            }
            fflush(stdout);
            wd_stop st = wd_exec_call(x, ex.func, args, ft.nparams, results, ft.nresults);
            switch (st) {
            case WD_STOP_DONE:
                for (uint32_t i = 0; i < ft.nresults; i++)
                    print_result(&results[i]);
                rc = WD_EXIT_OK;
                break;
            case WD_STOP_TRAP: {
                const char *msg = wd_exec_trap_message(x);
                fprintf(stderr, "wasmdbg: trap: %s\n",
                        msg ? msg : wd_trap_message(wd_exec_trap(x)));
                char bt[8192];
                bt[0] = '\0';
                wd_exec_backtrace(x, bt, sizeof bt);
                fputs(bt, stderr);
                if (bt[0] && bt[strlen(bt) - 1] != '\n')
                    fputc('\n', stderr);
                rc = WD_EXIT_TRAP;
                break;
            }
            case WD_STOP_EXIT:
                rc = wd_exec_exit_code(x) & 0xFF;
                break;
            case WD_STOP_INTERRUPT:
                interrupted = true;
                rc = 128 + (g_stop_signal ? (int)g_stop_signal : SIGINT);
                wd_exec_reset(x);
                break;
            default:
                fprintf(stderr, "wasmdbg profile: %s stopped before it finished\n", fname);
                wd_exec_reset(x);
                rc = WD_EXIT_ERROR;
                break;
            }
        }
    }
    wd_prof_stop(p);

    /* 4. The profile, complete whatever happened to the guest. */
    fflush(stdout);
    if (interrupted)
        fprintf(stderr, "wasmdbg profile: interrupted\n");
    wd_prof_stats stats;
    wd_prof_get_stats(p, &stats);
    if (out) {
        wd_prof_out *o2 = out;
        out = NULL;
        g_tmp_path = NULL;   /* freed by the commit */
        if (!wd_prof_out_commit(o2, p, err, sizeof err)) {
            fprintf(stderr, "wasmdbg profile: %s\n", err);
            rc = WD_EXIT_ERROR;
        }
    }
    if (o.top) {
        wd_prof_write_top(p, stdout, o.top_rows);
        fflush(stdout);
    }
    if (o.mode == WD_PROF_CYCLES) {
        /* what sampling cost inside wasmdbg (the kernel's timer interrupt and signal
         * delivery come on top: bench/profile/README.md) */
        double us = stats.samples && stats.run_ticks && stats.run_ns
                        ? (double)stats.self_ticks * ((double)stats.run_ns / 1000.0) /
                              (double)stats.run_ticks / (double)stats.samples
                        : 0.0;
        fprintf(stderr, "wasmdbg profile: %" PRIu64 " samples, %" PRIu32 " distinct stacks, "
                        "%" PRIu64 " cycles (timer: %s; %.2f us/sample in wasmdbg)\n",
                stats.samples, stats.stacks, stats.weight, wd_prof_timer_source(p), us);
    }
    else
        fprintf(stderr, "wasmdbg profile: %" PRIu64 " samples, %" PRIu32 " distinct stacks, "
                        "%" PRIu64 " instructions\n",
                stats.samples, stats.stacks, stats.weight);
    if (o.out_path && strcmp(o.out_path, "-") != 0 && rc != WD_EXIT_ERROR)
        fprintf(stderr, "wasmdbg profile: wrote %s\n", o.out_path);
restore:
    g_interrupt_exec = NULL;
    for (int i = 0; i < 3; i++)
        sigaction(stop_signals[i], &old_sa[i], NULL);
    g_tmp_path = NULL;
done:
    if (out)
        wd_prof_out_abort(out);
    free(args);
    free(results);
    if (p)
        wd_prof_stop(p);
    if (s)
        wd_store_free(s);
#ifdef WD_PROFILE_WASI
    if (wasi)
        wd_wasi_free(wasi);
#endif
    wd_prof_free(p);
#ifdef WD_PROFILE_DWARF
    if (sym.dw)
        wd_dwarf_close(sym.dw);
#endif
    if (m && o.perf_map)
        wd_cli_perf_map_write(m);   /* a failure is reported; the run's status stands */
    if (m)
        wd_module_free(m);
    free(o.args);
    free(o.dirs);
    free(o.env);
    return rc;
}
