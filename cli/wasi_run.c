/* wasi_run.c: `wasmdbg run` for WASI command modules and `wasmdbg strace` (see wasi_run.h). */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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
    static const char *const valued[] = { "--dir", "--env", "--trace-filter", "--listen" };
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
    const char **listen;      /* --listen HOST:PORT specs */
    uint32_t nlisten;
    wd_wasi_socket *socks;    /* the sockets made for them */
    int first_guest_arg;
    const char *cmd;          /* the subcommand, for messages: "run" or "strace" */
} opts;

static void opts_free(opts *o)
{
    for (uint32_t i = 0; i < o->ndirs; i++)
        free(o->dirbufs[i]);
    free(o->dirbufs);
    free(o->dirs);
    free(o->env);
    for (uint32_t i = 0; o->socks && i < o->nlisten; i++) {
        if (o->socks[i].fd >= 0)
            close(o->socks[i].fd);
        free((char *)o->socks[i].name);
    }
    free(o->socks);
    free(o->listen);
}

/* --listen HOST:PORT ("[::1]:PORT" for IPv6; PORT 0 picks a free port): a listening TCP
 * socket. Returns the fd (name: "tcp-listen ADDR:PORT" as bound), or after a message -2 for
 * a malformed spec, -1 when the socket cannot be made. */
static int open_listener(const char *spec, char **name)
{
    char host[256];
    const char *port;
    *name = NULL;
    if (spec[0] == '[') {
        const char *close_br = strchr(spec, ']');
        if (!close_br || close_br[1] != ':' || (size_t)(close_br - spec - 1) >= sizeof host)
            goto bad;
        memcpy(host, spec + 1, (size_t)(close_br - spec - 1));
        host[close_br - spec - 1] = '\0';
        port = close_br + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon || (size_t)(colon - spec) >= sizeof host || colon == spec)
            goto bad;
        memcpy(host, spec, (size_t)(colon - spec));
        host[colon - spec] = '\0';
        port = colon + 1;
    }
    if (!port[0] || strlen(port) > 5 || strspn(port, "0123456789") != strlen(port) ||
        atoi(port) > 65535)
        goto bad;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gr = getaddrinfo(host, port, &hints, &res);
    if (gr != 0) {
        fprintf(stderr, "wasmdbg: --listen %s: %s\n", spec, gai_strerror(gr));
        return -1;
    }
    int fd = -1;
    const char *why = "no address";
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            why = strerror(errno);
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 64) == 0)
            break;
        why = strerror(errno);
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "wasmdbg: --listen %s: %s\n", spec, why);
        return -1;
    }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char h[128] = "?", p[16] = "?";
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        getnameinfo((struct sockaddr *)&ss, sl, h, sizeof h, p, sizeof p,
                    NI_NUMERICHOST | NI_NUMERICSERV);
    size_t n = strlen(h) + strlen(p) + 16;
    *name = malloc(n);
    if (!*name) {
        close(fd);
        return -1;
    }
    if (strchr(h, ':'))
        snprintf(*name, n, "tcp-listen [%s]:%s", h, p);
    else
        snprintf(*name, n, "tcp-listen %s:%s", h, p);
    return fd;
bad:
    fprintf(stderr, "wasmdbg: --listen needs HOST:PORT (e.g. 127.0.0.1:8080), got '%s'\n", spec);
    return -2;
}

/* "--name" or "--name=VALUE" (value_needed: or "--name VALUE"). Returns the value, "" when
 * the option has none, or NULL if arg is another option. */
static const char *opt_match(const opts *o, int argc, char **argv, int *i, const char *name,
                             bool value_needed, bool *bad)
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
        fprintf(stderr, "wasmdbg %s: %s needs a value\n", o->cmd, name);
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
        if ((v = opt_match(o, argc, argv, &i, "--dir", true, &bad))) {
            if (bad)
                return -1;
            if (!v[0] || strncmp(v, "::", 2) == 0) {
                fprintf(stderr, "wasmdbg %s: --dir needs HOST[::GUEST], got '%s'\n", o->cmd, v);
                return -1;
            }
            if (!add_dir(o, v))
                return -1;
        } else if ((v = opt_match(o, argc, argv, &i, "--env", true, &bad))) {
            if (bad)
                return -1;
            if (!strchr(v, '=') || v[0] == '=') {
                fprintf(stderr, "wasmdbg %s: --env needs KEY=VALUE, got '%s'\n", o->cmd, v);
                return -1;
            }
            if (!add_env(o, v))
                return -1;
        } else if ((v = opt_match(o, argc, argv, &i, "--listen", true, &bad))) {
            if (bad)
                return -1;
            const char **nl = realloc(o->listen, (o->nlisten + 1) * sizeof *nl);
            if (!nl)
                return -1;
            o->listen = nl;
            o->listen[o->nlisten++] = v;
        } else if ((v = opt_match(o, argc, argv, &i, "--inherit-env", false, &bad))) {
            o->inherit_env = true;
        } else if ((v = opt_match(o, argc, argv, &i, "--trace-wasi-json", false, &bad))) {
            o->json = true;
            o->json_file = v[0] ? v : NULL;
        } else if ((v = opt_match(o, argc, argv, &i, "--trace-wasi", false, &bad))) {
            o->trace = true;
            o->trace_file = v[0] ? v : NULL;
        } else if ((v = opt_match(o, argc, argv, &i, "--trace-filter", true, &bad))) {
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

/* opt: the option that named the file, for the message */
static FILE *open_trace(const opts *o, const char *opt, const char *file)
{
    if (!file)
        return stderr;
    FILE *f = fopen(file, "w");
    if (!f)
        fprintf(stderr, "wasmdbg %s: %s=%s: cannot open the file: %s\n", o->cmd, opt, file,
                strerror(errno));
    return f;
}

int wd_cli_run_wasi(wd_module *m, const char *path, int argc, char **argv)
{
    return wd_cli_run_wasi_ex(m, path, argc, argv, NULL);
}

int wd_cli_run_wasi_ex(wd_module *m, const char *path, int argc, char **argv,
                       const wd_cli_wasi_hooks *hooks)
{
    opts o;
    memset(&o, 0, sizeof o);
    int status = WD_EXIT_ERROR;
    const char **env = NULL, **gargv = NULL;
    wd_wasi *w = NULL;
    wd_store *s = NULL;
    FILE *tf = NULL, *jf = NULL;
    wd_wasi_writer tw, jw;
    bool tw_ok = false, jw_ok = false, set_up = false;
    char err[512];

    o.cmd = hooks && hooks->cmd ? hooks->cmd : "run";
    if (parse(&o, argc, argv) != 0) {
        opts_free(&o);
        return WD_EXIT_USAGE;
    }
    if (o.filter) {
        /* checked even when nothing is traced: a typo must not pass silently */
        wd_wasi_filter f;
        bool fok = wd_wasi_filter_parse(&f, o.filter, err, sizeof err);
        if (fok)
            wd_wasi_filter_free(&f);
        if (!fok || !(o.trace || o.json)) {
            if (fok)
                fprintf(stderr, "wasmdbg %s: --trace-filter needs --trace-wasi or "
                                "--trace-wasi-json (it filters what they print)\n", o.cmd);
            else
                fprintf(stderr, "wasmdbg %s: --trace-filter: %s\n", o.cmd, err);
            opts_free(&o);
            return WD_EXIT_USAGE;
        }
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

    if (o.nlisten) {
        o.socks = calloc(o.nlisten, sizeof *o.socks);
        if (!o.socks) {
            fprintf(stderr, "wasmdbg: out of memory\n");
            goto done;
        }
        for (uint32_t i = 0; i < o.nlisten; i++)
            o.socks[i].fd = -1;
        for (uint32_t i = 0; i < o.nlisten; i++) {
            char *name;
            o.socks[i].fd = open_listener(o.listen[i], &name);
            o.socks[i].name = name;
            if (o.socks[i].fd < 0) {
                if (o.socks[i].fd == -2)
                    status = WD_EXIT_USAGE;
                o.socks[i].fd = -1;
                goto done;
            }
        }
    }
    wd_wasi_config cfg = {
        .argc = gargc, .argv = gargv, .envc = envc, .envp = env,
        .npreopens = o.ndirs, .preopens = o.dirs, WD_WASI_STDIO_DEFAULT,
        .nsockets = o.nlisten, .sockets = o.socks,
    };
    w = wd_wasi_new(&cfg, err, sizeof err);
    if (!w) {
        fprintf(stderr, "wasmdbg: %s\n", err);
        goto done;
    }
    /* the guest has its own copies now; say where it listens (port 0 picked one) */
    for (uint32_t i = 0; i < o.nlisten; i++) {
        close(o.socks[i].fd);
        o.socks[i].fd = -1;
        fprintf(stderr, "wasmdbg: listening on %s (guest fd %u)\n",
                o.socks[i].name + strlen("tcp-listen "), 3 + o.ndirs + i);
    }
    if (o.trace) {
        if (!(tf = open_trace(&o, "--trace-wasi", o.trace_file)))
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
        if (!(jf = open_trace(&o, "--trace-wasi-json", o.json_file)))
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
    set_up = true;
    if (hooks && hooks->setup && !hooks->setup(hooks->user, w, s))
        goto done;
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
    fflush(stdout);
    wd_stop st = wd_exec_call(x, ext.func, NULL, 0, NULL, 0);
    while (st == WD_STOP_BUDGET || st == WD_STOP_BREAK ||
           (st == WD_STOP_INTERRUPT && !(hooks && hooks->stop_on_interrupt)))
        st = wd_exec_resume(x, NULL, 0);
    switch (st) {
    case WD_STOP_INTERRUPT:
        wd_exec_reset(x);
        status = 130;
        break;
    case WD_STOP_DONE:
        status = 0;
        break;
    case WD_STOP_EXIT:
        status = wd_wasi_exited(w) ? wd_wasi_exit_code(w) : wd_exec_exit_code(x);
        break;
    default:
        status = wd_cli_report_trap(x, m);
        break;
    }
done:
    if (hooks && hooks->finish && set_up)
        hooks->finish(hooks->user, w, s, status);
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

/* ---------------------------------------------------------------- wasmdbg strace */

static void strace_usage(FILE *out)
{
    fprintf(out,
            "usage: wasmdbg strace [OPTIONS] MODULE [ARGS...]\n"
            "\n"
            "Runs the WASI command MODULE (as `wasmdbg run`) and prints one line per WASI call:\n"
            "the call, its decoded arguments (paths, flag and right names, fds with the path\n"
            "they were opened from, a preview of the bytes moved), the result and errno name,\n"
            "the outputs and the duration:\n"
            "  fd_write(1<<stdout>>, \"hi\\n\", 1) = 0 nwritten=3 <0.000004>\n"
            "\n"
            "  -o, --output FILE    write the trace to FILE (default: stderr)\n"
            "  --json               JSON lines instead of text (one object per call)\n"
            "  -e [trace=]LIST, --trace=LIST\n"
            "                       only these calls and classes, comma-separated; a leading\n"
            "                       '!' excludes: -e trace=file,fd_read  -e '!clock,!poll'\n"
            "                       classes: args env clock random fd file poll proc sock\n"
            "                       (a '%%' before a class name is accepted: %%file)\n"
            "  --dir HOST[::GUEST]  preopen a directory (repeatable)\n"
            "  --env KEY=VALUE      set a variable in the guest's environment (repeatable)\n"
            "  --inherit-env        start from wasmdbg's own environment\n"
            "  --listen HOST:PORT   preopen a listening TCP socket (after the directories)\n"
            "  --enable-tail-call, --enable-extended-const, --enable-multi-memory\n"
            "  --                   ends the options (MODULE and its arguments follow)\n"
            "\n"
            "Everything after MODULE goes to the guest. The exit status is the guest's, as\n"
            "for `wasmdbg run`: its proc_exit code, 134 on a trap, 1 on errors, 2 on usage.\n");
}

/* "-o FILE", "-oFILE", "--output FILE", "--output=FILE" (short: a single letter). */
static const char *strace_value(int argc, char **argv, int *i, char s, const char *l, bool *bad)
{
    const char *a = argv[*i];
    const char *v = NULL;
    if (s && a[0] == '-' && a[1] == s) {
        v = a + 2;
    } else if (l) {
        size_t n = strlen(l);
        if (strncmp(a, l, n) != 0 || (a[n] != '\0' && a[n] != '='))
            return NULL;
        v = a + n + (a[n] == '=');
        if (a[n] == '=')
            return v;
    } else {
        return NULL;
    }
    if (*v)
        return v;
    if (*i + 1 >= argc) {
        fprintf(stderr, "wasmdbg strace: %s needs a value\n", a);
        *bad = true;
        return "";
    }
    return argv[++*i];
}

/* strace's "trace=a,%file" -> "a,file" (malloc'd); NULL with *bad set, after a message
 * naming opt (the option as typed), for another qualifier (signal=, read=, ...) */
static char *strace_filter(const char *opt, const char *e, bool *bad)
{
    const char *eq = strchr(e, '=');
    if (eq && (size_t)(eq - e) < strcspn(e, ",")) {
        if (strncmp(e, "trace=", 6) != 0) {
            fprintf(stderr, "wasmdbg strace: %s %s: only the trace= qualifier is supported "
                            "(WASI has no signals, and I/O is previewed in every line)\n",
                    opt, e);
            *bad = true;
            return NULL;
        }
        e += 6;
    }
    char *f = malloc(strlen(e) + 1), *o = f;
    if (!f)
        return NULL;
    bool item_start = true;
    for (const char *p = e; *p; p++) {
        if (item_start && *p == '%')
            continue;
        if (item_start && *p == '!') {
            *o++ = '!';
            continue;
        }
        item_start = *p == ',';
        *o++ = *p;
    }
    *o = '\0';
    return f;
}

static uint32_t strace_feature(const char *a)
{
    if (strcmp(a, "--enable-tail-call") == 0)
        return WD_FEATURE_TAIL_CALL;
    if (strcmp(a, "--enable-extended-const") == 0)
        return WD_FEATURE_EXTENDED_CONST;
    if (strcmp(a, "--enable-multi-memory") == 0)
        return WD_FEATURE_MULTI_MEMORY;
    return 0;
}

int wd_cli_strace(int argc, char **argv)
{
    const char *out = NULL, *module = NULL;
    char *filter = NULL;
    bool json = false, bad = false;
    uint32_t features = 0;
    int i;
    /* the WASI options passed through, then ours, "--", the guest's arguments */
    char **wargs = calloc((size_t)argc + 8, sizeof *wargs);
    char *tbuf = NULL, *fbuf = NULL;
    int nw = 0, rc = WD_EXIT_USAGE;
    wd_module *m = NULL;
    if (!wargs) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        return WD_EXIT_ERROR;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            strace_usage(stdout);
            rc = WD_EXIT_OK;
            goto done;
        }
        if (strcmp(a, "--json") == 0) {
            json = true;
        } else if ((v = strace_value(argc, argv, &i, 'o', "--output", &bad))) {
            if (bad)
                goto usage;
            out = v;
        } else if ((v = strace_value(argc, argv, &i, 'e', NULL, &bad)) ||
                   (v = strace_value(argc, argv, &i, 0, "--trace", &bad)) ||
                   (v = strace_value(argc, argv, &i, 0, "--filter", &bad))) {
            if (bad)
                goto usage;
            /* the option as typed, for messages: "-e", "--trace", "--filter" */
            char opt[16];
            snprintf(opt, sizeof opt, "%.*s", (int)strcspn(a, "="), a);
            if (a[1] == 'e')
                strcpy(opt, "-e");
            free(filter);
            filter = strace_filter(opt, v, &bad);
            if (bad)
                goto usage;
            if (!filter) {
                fprintf(stderr, "wasmdbg: out of memory\n");
                rc = WD_EXIT_ERROR;
                goto done;
            }
            char ferr[512];
            wd_wasi_filter f;
            if (!wd_wasi_filter_parse(&f, filter, ferr, sizeof ferr)) {
                fprintf(stderr, "wasmdbg strace: %s %s: %s\n", opt, v, ferr);
                goto usage;
            }
            wd_wasi_filter_free(&f);
        } else if (strace_feature(a)) {
            features |= strace_feature(a);
        } else if (wd_cli_wasi_option(a) == 2 && strncmp(a, "--trace", 7) != 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "wasmdbg strace: %s needs a value\n", a);
                goto usage;
            }
            wargs[nw++] = argv[i++];
            wargs[nw++] = argv[i];
        } else if (wd_cli_wasi_option(a) == 1 && strncmp(a, "--trace", 7) != 0) {
            wargs[nw++] = argv[i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "wasmdbg strace: unknown option '%s'\n", a);
            goto usage;
        } else {
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "wasmdbg strace: no module given\n");
        goto usage;
    }
    module = argv[i++];
    if (out && strcmp(out, "-") == 0)
        out = "/dev/stdout";
    if (out) {
        /* opened here too so that a failure names -o, not run's --trace-wasi */
        FILE *probe = fopen(out, "w");
        if (!probe) {
            fprintf(stderr, "wasmdbg strace: -o %s: cannot open the file: %s\n", out,
                    strerror(errno));
            rc = WD_EXIT_ERROR;
            goto done;
        }
        fclose(probe);
    }
    size_t tl = (out ? strlen(out) : 0) + 32;
    tbuf = malloc(tl);
    if (!tbuf) {
        fprintf(stderr, "wasmdbg: out of memory\n");
        rc = WD_EXIT_ERROR;
        goto done;
    }
    snprintf(tbuf, tl, "%s%s%s", json ? "--trace-wasi-json" : "--trace-wasi", out ? "=" : "",
             out ? out : "");
    wargs[nw++] = tbuf;
    if (filter) {
        fbuf = malloc(strlen(filter) + 32);
        if (!fbuf) {
            rc = WD_EXIT_ERROR;
            goto done;
        }
        sprintf(fbuf, "--trace-filter=%s", filter);
        wargs[nw++] = fbuf;
    }
    wargs[nw++] = "--";
    for (; i < argc; i++)
        wargs[nw++] = argv[i];

    char ebuf[512];
    wd_error err;
    wd_error_clear(&err);
    wd_load_options lo = { .features = features, .name = module };
    m = wd_module_load_file(module, &lo, &err);
    if (!m) {
        fprintf(stderr, "wasmdbg: %s\n", wd_error_format(&err, ebuf, sizeof ebuf));
        rc = WD_EXIT_ERROR;
        goto done;
    }
    if (!wd_cli_module_is_wasi(m)) {
        fprintf(stderr, "wasmdbg strace: %s imports nothing from %s: there is nothing to "
                        "trace (use `wasmdbg run`)\n", module, WD_WASI_MODULE);
        rc = WD_EXIT_USAGE;
        goto done;
    }
    wd_cli_wasi_hooks hooks = { .cmd = "strace" };
    rc = wd_cli_run_wasi_ex(m, module, nw, wargs, &hooks);
    goto done;
usage:
    fprintf(stderr, "usage: wasmdbg strace [-o FILE] [--json] [-e [trace=]LIST] [WASI options] "
                    "MODULE [ARGS...]   (--help for more)\n");
    rc = WD_EXIT_USAGE;
done:
    if (m)
        wd_module_free(m);
    free(filter);
    free(tbuf);
    free(fbuf);
    free(wargs);
    fflush(stdout);
    return rc;
}
