/* debug.c: the debugger's entry points.
 *
 *   wasmdbg -batch [--json] [-ex CMD]... [-x FILE]... [OPTIONS] MODULE [ARGS...]
 *   wasmdbg --cli [--json] [-ex CMD]... [-x FILE]... [OPTIONS] MODULE [ARGS...]
 *   wasmdbg trace [--calls] [--lines] [--insns [--limit N]] [--wasi] [--json] [-o FILE]
 *                 [OPTIONS] MODULE [ARGS...]
 *
 * OPTIONS: --dir HOST[::GUEST], --env KEY=VALUE (as `wasmdbg run`), --source-dir DIR.
 * -ex and -x run in the order given. Batch mode exits after the last command with the
 * program's own exit status, 134 if it trapped, 126 if a command failed, 125 if the debugger
 * could not start (docs/batch-json.md). Without -batch, the interactive line-mode CLI follows
 * the commands (history in ~/.wasmdbg_history). In JSON mode, stdout carries only JSON lines
 * and the guest's stdout goes to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lineedit.h"
#include "session.h"
#include "trace.h"

static wd_dbg *g_session;

static void on_sigint(int sig)
{
    (void)sig;
    if (g_session)
        wd_dbg_interrupt(g_session);
}

static void sink_write(void *user, wd_dbg_stream st, const char *text, size_t len)
{
    (void)user;
    FILE *f = st == WD_DBG_ERR ? stderr : stdout;
    fwrite(text, 1, len, f);
    if (st != WD_DBG_OUT)
        fputc('\n', f);
    fflush(f);
}

typedef struct dbg_args {
    bool batch, cli, json, quiet, jit;
    const char **cmds;      /* "-ex" text, or "\x01FILE" for -x */
    int ncmds;
    char **dirs, **envs, **srcdirs;
    int ndirs, nenvs, nsrcdirs;
    const char *module;
    int first_guest;
} dbg_args;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: wasmdbg -batch [--json] [-ex CMD]... [-x FILE]... [OPTIONS] MODULE [ARGS...]\n"
            "       wasmdbg --cli [--json] [-ex CMD]... [-x FILE]... [OPTIONS] MODULE [ARGS...]\n"
            "       wasmdbg trace [--calls] [--lines] [--insns [--limit N]] [--wasi] [--json]\n"
            "                     [-o FILE] [OPTIONS] MODULE [ARGS...]\n"
            "OPTIONS: --dir HOST[::GUEST]  --env KEY=VALUE  --source-dir DIR\n"
            "         --jit (-batch, --cli: functions without breakpoints run as x86-64 code)\n"
            "batch exit status: the program's own; 134 trap; 126 a command failed; 125 debugger error\n");
}

static bool push(char ***v, int *n, char *s)
{
    char **nv = realloc(*v, (size_t)(*n + 1) * sizeof *nv);
    if (!nv)
        return false;
    nv[(*n)++] = s;
    *v = nv;
    return true;
}

static int parse_common(int argc, char **argv, int *i, char ***dirs, int *ndirs, char ***envs,
                        int *nenvs, char ***srcdirs, int *nsrc)
{
    const char *a = argv[*i];
    const char *names[] = {"--dir", "--env", "--source-dir"};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(names[k]);
        if (strncmp(a, names[k], n) != 0 || (a[n] != '\0' && a[n] != '='))
            continue;
        char *v;
        if (a[n] == '=')
            v = (char *)a + n + 1;
        else if (*i + 1 < argc)
            v = argv[++*i];
        else {
            fprintf(stderr, "wasmdbg: %s needs a value\n", names[k]);
            return -1;
        }
        if (k == 0)
            push(dirs, ndirs, v);
        else if (k == 1)
            push(envs, nenvs, v);
        else
            push(srcdirs, nsrc, v);
        return 1;
    }
    return 0;
}

/* Runs the commands of a -x file: -1 if it cannot be read (as a failed command: batch
 * mode then exits 126), else 0. */
static int run_file(wd_dbg *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: %s.\n", path, strerror(errno));
        return -1;
    }
    char line[4096];
    while (fgets(line, sizeof line, f) && !wd_dbg_quit_requested(s)) {
        line[strcspn(line, "\n")] = '\0';
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            continue;   /* in scripts an empty line does not repeat */
        wd_dbg_execute(s, line);   /* a failed command marks the session */
    }
    fclose(f);
    return 0;
}

static char *complete(void *user, const char *before, char **list)
{
    return wd_dbg_complete_apply(user, before, list);
}

static int interactive(wd_dbg *s)
{
    wd_lineedit *le = wd_le_new(0, 1, 1000);
    if (!le)
        return 1;
    wd_le_set_complete(le, complete, s);
    char hist[1024] = "";
    const char *home = getenv("HOME");
    if (home && wd_le_is_tty(le)) {
        snprintf(hist, sizeof hist, "%s/.wasmdbg_history", home);
        wd_le_load(le, hist);
    }
    while (!wd_dbg_quit_requested(s)) {
        if (!wd_le_is_tty(le)) {
            fputs(wd_dbg_prompt(s), stdout);
            fflush(stdout);
        }
        char *line = wd_le_read(le, wd_dbg_prompt(s));
        if (!line) {
            if (!wd_le_is_tty(le))
                fputs("\n", stdout);
            break;
        }
        wd_le_add_history(le, line);
        wd_dbg_execute(s, line);
        free(line);
    }
    if (hist[0])
        wd_le_save(le, hist);
    wd_le_free(le);
    return 0;
}

static int debug_main(int argc, char **argv)
{
    dbg_args a;
    memset(&a, 0, sizeof a);
    a.cmds = calloc((size_t)argc + 1, sizeof *a.cmds);
    if (!a.cmds)
        return WD_DBG_EXIT_ERROR;
    int i;
    for (i = 0; i < argc; i++) {
        const char *s = argv[i];
        int r;
        if (!strcmp(s, "-batch") || !strcmp(s, "--batch"))
            a.batch = true;
        else if (!strcmp(s, "--cli") || !strcmp(s, "-cli"))
            a.cli = true;
        else if (!strcmp(s, "--json") || !strcmp(s, "-json"))
            a.json = true;
        else if (!strcmp(s, "--jit"))
            a.jit = true;
        else if (!strcmp(s, "-q") || !strcmp(s, "-quiet") || !strcmp(s, "--quiet") || !strcmp(s, "-nx"))
            a.quiet = true;
        else if (!strcmp(s, "-ex") || !strcmp(s, "--ex") || !strcmp(s, "-x") || !strcmp(s, "--command")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "wasmdbg: %s needs an argument\n", s);
                usage(stderr);
                free(a.cmds);
                return WD_EXIT_USAGE;
            }
            if (!strcmp(s, "-ex") || !strcmp(s, "--ex")) {
                a.cmds[a.ncmds++] = argv[++i];
            } else {
                size_t n = strlen(argv[i + 1]);
                char *m = malloc(n + 2);
                if (m) {
                    m[0] = '\x01';
                    memcpy(m + 1, argv[i + 1], n + 1);
                    a.cmds[a.ncmds++] = m;
                }
                i++;
            }
        } else if ((r = parse_common(argc, argv, &i, &a.dirs, &a.ndirs, &a.envs, &a.nenvs, &a.srcdirs,
                                     &a.nsrcdirs)) != 0) {
            if (r < 0)
                return WD_EXIT_USAGE;
        } else if (!strcmp(s, "--args")) {
            continue;
        } else if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage(stdout);
            return WD_EXIT_OK;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "wasmdbg: unknown option '%s'\n", s);
            usage(stderr);
            return WD_EXIT_USAGE;
        } else {
            a.module = s;
            break;
        }
    }
    int status;
    if (!a.module) {
        fprintf(stderr, "wasmdbg: no module given\n");
        usage(stderr);
        status = WD_EXIT_USAGE;
        goto out;
    }
    wd_dbg_options o;
    memset(&o, 0, sizeof o);
    o.path = a.module;
    o.argc = argc - i - 1;
    o.argv = argv + i + 1;
    o.envc = a.nenvs;
    o.envp = a.envs;
    o.ndirs = a.ndirs;
    o.dirs = a.dirs;
    o.json = a.json;
    o.jit = a.jit;
    o.guest_stdout_fd = a.json ? 2 : 1;
    o.guest_stderr_fd = 2;
    o.sink.write = sink_write;
    char err[600];
    wd_dbg *s = wd_dbg_new(&o, err, sizeof err);
    if (!s) {
        fprintf(stderr, "wasmdbg: %s\n", err);
        status = WD_DBG_EXIT_ERROR;
        goto out;
    }
    for (int k = 0; k < a.nsrcdirs; k++) {
        char cmd[1100];
        snprintf(cmd, sizeof cmd, "directory %s", a.srcdirs[k]);
        wd_dbg_execute(s, cmd);
    }
    g_session = s;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    bool unreadable = false;
    for (int k = 0; k < a.ncmds && !wd_dbg_quit_requested(s); k++) {
        if (a.cmds[k][0] == '\x01')
            unreadable |= run_file(s, a.cmds[k] + 1) < 0;
        else
            wd_dbg_execute(s, a.cmds[k]);
    }
    if (!a.batch && !wd_dbg_quit_requested(s))
        interactive(s);
    status = !a.batch ? WD_EXIT_OK : unreadable ? WD_DBG_EXIT_CMD_FAILED : wd_dbg_exit_status(s);
    g_session = NULL;
    wd_dbg_free(s);
out:
    for (int k = 0; k < a.ncmds; k++)
        if (a.cmds[k][0] == '\x01')
            free((char *)a.cmds[k]);
    free(a.cmds);
    free(a.dirs);
    free(a.envs);
    free(a.srcdirs);
    return status;
}

int wd_cli_gdb(int argc, char **argv)
{
    fflush(stdout);
    return debug_main(argc, argv);
}

int wd_cli_trace(int argc, char **argv)
{
    wd_trace_options o;
    memset(&o, 0, sizeof o);
    o.out_fd = 1;
    o.guest_stdout_fd = 1;
    char **dirs = NULL, **envs = NULL, **src = NULL;
    int ndirs = 0, nenvs = 0, nsrc = 0;
    const char *outfile = NULL;
    int i, r;
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--calls")) o.calls = true;
        else if (!strcmp(s, "--lines")) o.lines = true;
        else if (!strcmp(s, "--insns")) o.insns = true;
        else if (!strcmp(s, "--wasi")) o.wasi = true;
        else if (!strcmp(s, "--json")) o.json = true;
        else if (!strcmp(s, "--limit") || !strncmp(s, "--limit=", 8)) {
            const char *v = s[7] == '=' ? s + 8 : i + 1 < argc ? argv[++i] : NULL;
            char *end;
            if (!v || !*v || (o.limit = strtoull(v, &end, 10), *end)) {
                fprintf(stderr, "wasmdbg trace: --limit needs a number\n");
                return WD_EXIT_USAGE;
            }
        } else if (!strcmp(s, "-o") || !strncmp(s, "--output=", 9)) {
            outfile = s[1] == 'o' ? (i + 1 < argc ? argv[++i] : NULL) : s + 9;
            if (!outfile) {
                fprintf(stderr, "wasmdbg trace: -o needs a file\n");
                return WD_EXIT_USAGE;
            }
        } else if ((r = parse_common(argc, argv, &i, &dirs, &ndirs, &envs, &nenvs, &src, &nsrc)) != 0) {
            if (r < 0)
                return WD_EXIT_USAGE;
        } else if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage(stdout);
            return WD_EXIT_OK;
        } else if (s[0] == '-' && s[1]) {
            fprintf(stderr, "wasmdbg trace: unknown option '%s'\n", s);
            usage(stderr);
            return WD_EXIT_USAGE;
        } else {
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "wasmdbg trace: no module given\n");
        usage(stderr);
        return WD_EXIT_USAGE;
    }
    if (!o.calls && !o.lines && !o.insns && !o.wasi)
        o.calls = true;
    o.path = argv[i];
    o.argc = argc - i - 1;
    o.argv = argv + i + 1;
    o.dirs = dirs;
    o.ndirs = ndirs;
    o.envp = envs;
    o.envc = nenvs;
    int fd = -1;
    if (outfile) {
        fd = open(outfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            fprintf(stderr, "wasmdbg trace: %s: %s\n", outfile, strerror(errno));
            return WD_EXIT_ERROR;
        }
        o.out_fd = fd;
    } else {
        o.guest_stdout_fd = 2;   /* keep the trace on stdout clean */
    }
    fflush(stdout);
    char err[600];
    int rc = wd_trace_run(&o, err, sizeof err);
    if (rc < 0) {
        fprintf(stderr, "wasmdbg: %s\n", err);
        rc = WD_EXIT_ERROR;
    }
    if (fd >= 0)
        close(fd);
    free(dirs);
    free(envs);
    free(src);
    return rc;
}
