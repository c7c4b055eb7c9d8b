/* wasi_run.c: `wasmdbg run` for WASI command modules (see wasi_run.h). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "wasi.h"
#include "wasi_run.h"

extern char **environ;

bool wd_cli_module_is_wasi(const wd_module *m)
{
    uint32_t n = wd_module_import_count(m);
    for (uint32_t i = 0; i < n; i++) {
        wd_import_desc d;
        wd_module_import(m, i, &d);
        if (strcmp(d.module, WD_WASI_MODULE) == 0)
            return true;
    }
    return false;
}

int wd_cli_wasi_option(const char *arg)
{
    static const char *const valued[] = { "--dir", "--env", "--trace-filter" };
    static const char *const flags[] = { "--inherit-env", "--trace-wasi", "--trace-wasi-json" };
    for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++) {
        size_t n = strlen(valued[i]);
        if (strncmp(arg, valued[i], n) == 0 && (arg[n] == '\0' || arg[n] == '='))
            return arg[n] == '=' ? 1 : 2;
    }
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        size_t n = strlen(flags[i]);
        if (strncmp(arg, flags[i], n) == 0 && (arg[n] == '\0' || arg[n] == '='))
            return 1;
    }
    return 0;
}

typedef struct opts {
    wd_wasi_preopen *dirs;
    char **dirbufs;
    uint32_t ndirs;
    const char **env;
    int nenv;
    bool inherit_env;
    const char *trace_file, *json_file, *filter;
    bool trace, json;
    int first_guest_arg;
} opts;

static void opts_free(opts *o)
{
    for (uint32_t i = 0; i < o->ndirs; i++)
        free(o->dirbufs[i]);
    free(o->dirbufs);
    free(o->dirs);
    free(o->env);
}

/* "--name" or "--name=VALUE" (value_needed: or "--name VALUE"). Returns the value, "" when
 * the option has none, or NULL if arg is another option. */
static const char *opt_match(int argc, char **argv, int *i, const char *name, bool value_needed,
                             bool *bad)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (!value_needed)
        return "";
    if (*i + 1 >= argc) {
        fprintf(stderr, "wasmdbg run: %s needs a value\n", name);
        *bad = true;
        return "";
    }
    return argv[++*i];
}

static bool add_dir(opts *o, const char *spec)
{
    wd_wasi_preopen *nd = realloc(o->dirs, (o->ndirs + 1) * sizeof *nd);
    if (!nd)
        return false;
    o->dirs = nd;
    char **nb = realloc(o->dirbufs, (o->ndirs + 1) * sizeof *nb);
    if (!nb)
        return false;
    o->dirbufs = nb;
    char *copy = strdup(spec);
    if (!copy)
        return false;
    char *sep = strstr(copy, "::");
    const char *guest = copy;
    if (sep) {
        *sep = '\0';
        guest = sep + 2;
    }
    o->dirbufs[o->ndirs] = copy;
    o->dirs[o->ndirs].host_path = copy;
    o->dirs[o->ndirs].guest_path = guest[0] ? guest : copy;
    o->ndirs++;
    return true;
}

static bool add_env(opts *o, const char *kv)
{
    const char **ne = realloc(o->env, (size_t)(o->nenv + 1) * sizeof *ne);
    if (!ne)
        return false;
    o->env = ne;
    o->env[o->nenv++] = kv;
    return true;
}

static int parse(opts *o, int argc, char **argv)
{
    int i = 0;
    bool bad = false;
    for (; i < argc; i++) {
        const char *v;
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if ((v = opt_match(argc, argv, &i, "--dir", true, &bad))) {
            if (bad)
                return -1;
            if (!v[0] || strncmp(v, "::", 2) == 0) {
                fprintf(stderr, "wasmdbg run: --dir needs HOST[::GUEST]\n");
                return -1;
            }
            if (!add_dir(o, v))
                return -1;
        } else if ((v = opt_match(argc, argv, &i, "--env", true, &bad))) {
            if (bad)
                return -1;
            if (!strchr(v, '=') || v[0] == '=') {
                fprintf(stderr, "wasmdbg run: --env needs KEY=VALUE, got '%s'\n", v);
                return -1;
            }
            if (!add_env(o, v))
                return -1;
        } else if ((v = opt_match(argc, argv, &i, "--inherit-env", false, &bad))) {
            o->inherit_env = true;
        } else if ((v = opt_match(argc, argv, &i, "--trace-wasi-json", false, &bad))) {
            o->json = true;
            o->json_file = v[0] ? v : NULL;
        } else if ((v = opt_match(argc, argv, &i, "--trace-wasi", false, &bad))) {
            o->trace = true;
            o->trace_file = v[0] ? v : NULL;
        } else if ((v = opt_match(argc, argv, &i, "--trace-filter", true, &bad))) {
            if (bad)
                return -1;
            o->filter = v;
        } else {
            break;
        }
    }
    o->first_guest_arg = i;
    return 0;
}

/* The guest environment: inherited first (if asked), then --env, later keys replacing
 * earlier ones. Returns a malloc'd array of borrowed strings. */
static const char **build_env(const opts *o, int *n)
{
    int cap = o->nenv;
    if (o->inherit_env)
        for (char **e = environ; e && *e; e++)
            cap++;
    const char **v = calloc((size_t)cap + 1, sizeof *v);
    if (!v)
        return NULL;
    int k = 0;
    if (o->inherit_env)
        for (char **e = environ; e && *e; e++)
            v[k++] = *e;
    for (int i = 0; i < o->nenv; i++) {
        size_t kl = (size_t)(strchr(o->env[i], '=') - o->env[i]);
        int j;
        for (j = 0; j < k; j++)
            if (strncmp(v[j], o->env[i], kl + 1) == 0)
                break;
        v[j] = o->env[i];
        if (j == k)
            k++;
    }
    *n = k;
    return v;
}

static FILE *open_trace(const char *file)
{
    if (!file)
        return stderr;
    FILE *f = fopen(file, "w");
    if (!f)
        perror(file);
    return f;
}

int wd_cli_run_wasi(wd_module *m, const char *path, int argc, char **argv)
{
    opts o;
    memset(&o, 0, sizeof o);
    int status = WD_EXIT_ERROR;
    const char **env = NULL, **gargv = NULL;
    wd_wasi *w = NULL;
    wd_store *s = NULL;
    FILE *tf = NULL, *jf = NULL;
    wd_wasi_writer tw, jw;
    bool tw_ok = false, jw_ok = false;
    char err[512];

    if (parse(&o, argc, argv) != 0) {
        opts_free(&o);
        return WD_EXIT_USAGE;
    }
    signal(SIGPIPE, SIG_IGN);

    int envc = 0;
    env = build_env(&o, &envc);
    int gargc = 1 + (argc - o.first_guest_arg);
    gargv = calloc((size_t)gargc + 1, sizeof *gargv);
    if (!env || !gargv) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        goto done;
    }
    gargv[0] = path;
    for (int i = o.first_guest_arg; i < argc; i++)
        gargv[1 + i - o.first_guest_arg] = argv[i];

    wd_wasi_config cfg = {
        .argc = gargc, .argv = gargv, .envc = envc, .envp = env,
        .npreopens = o.ndirs, .preopens = o.dirs, WD_WASI_STDIO_DEFAULT,
    };
    w = wd_wasi_new(&cfg, err, sizeof err);
    if (!w) {
        fprintf(stderr, "wasmdbg: %s\n", err);
        goto done;
    }
    if (o.trace) {
        if (!(tf = open_trace(o.trace_file)))
            goto done;
        if (!wd_wasi_writer_init(&tw, tf, false, o.filter, err, sizeof err)) {
            fprintf(stderr, "wasmdbg: %s\n", err);
            status = WD_EXIT_USAGE;
            goto done;
        }
        tw_ok = true;
        wd_wasi_add_monitor(w, wd_wasi_writer_fn, &tw);
    }
    if (o.json) {
        if (!(jf = open_trace(o.json_file)))
            goto done;
        if (!wd_wasi_writer_init(&jw, jf, true, o.filter, err, sizeof err)) {
            fprintf(stderr, "wasmdbg: %s\n", err);
            status = WD_EXIT_USAGE;
            goto done;
        }
        jw_ok = true;
        wd_wasi_add_monitor(w, wd_wasi_writer_fn, &jw);
    }

    s = wd_store_new(NULL);
    if (!s) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        goto done;
    }
    wd_wasi_bind(w, s, NULL, NULL);
    wd_error e;
    wd_error_clear(&e);
    wd_instance *inst = wd_instance_new(s, m, wd_wasi_resolver, w, &e);
    if (!inst) {
        if (wd_wasi_exited(w)) {   /* proc_exit from a start function */
            status = wd_wasi_exit_code(w);
            goto done;
        }
        char buf[512];
        fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&e, buf, sizeof buf));
        goto done;
    }
    wd_externkind kind;
    wd_extern ext;
    if (!wd_instance_export(inst, "_start", &kind, &ext) || kind != WD_EXTERN_FUNC) {
        fprintf(stderr, "wasmdbg: %s: no _start function to run (not a WASI command?)\n", path);
        goto done;
    }
    wd_exec *x = wd_store_exec(s);
    wd_stop st = wd_exec_call(x, ext.func, NULL, 0, NULL, 0);
    while (st == WD_STOP_BUDGET || st == WD_STOP_INTERRUPT || st == WD_STOP_BREAK)
        st = wd_exec_resume(x, NULL, 0);
    switch (st) {
    case WD_STOP_DONE:
        status = 0;
        break;
    case WD_STOP_EXIT:
        status = wd_wasi_exited(w) ? wd_wasi_exit_code(w) : wd_exec_exit_code(x);
        break;
    default: {
        fprintf(stderr, "wasmdbg: trap: %s\n", wd_exec_trap_message(x));
        char *bt = malloc(65536);
        if (bt) {
            bt[0] = '\0';
            wd_exec_backtrace(x, bt, 65536);
            fputs(bt, stderr);
            if (bt[0] && bt[strlen(bt) - 1] != '\n')
                fputc('\n', stderr);
            free(bt);
        }
        status = WD_EXIT_TRAP;
        break;
    }
    }
done:
    if (s)
        wd_store_free(s);   /* before w: the host functions point at it */
    wd_wasi_free(w);
    if (tw_ok)
        wd_wasi_writer_fini(&tw);
    if (jw_ok)
        wd_wasi_writer_fini(&jw);
    if (tf && tf != stderr)
        fclose(tf);
    if (jf && jf != stderr)
        fclose(jf);
    free(env);
    free(gargv);
    opts_free(&o);
    return status;
}
