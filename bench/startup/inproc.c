/* inproc.c: the engine's own start-up time, without the process around it.
 *
 *   inproc N MODULE [jit]
 *
 * Runs N times, each in a fresh child process (so every run is cold: new heap pages, the
 * engine's code not yet touched): load (map, decode, validate), instantiate with the WASI
 * host, run _start with stdout on /dev/null, then free everything. The child times
 * those steps with CLOCK_MONOTONIC and reports them to the parent through a pipe; the
 * parent prints one line per run: "load_ms inst_ms run_ms free_ms total_ms" (wall), then
 * the page faults taken in each of those steps and in all (each costs ~10 us in this VM),
 * then the CPU ms (user + system) of all the steps. With "jit" the module is loaded for
 * the JIT tier (WD_TIER_JIT): the functions that run are compiled to x86-64 code on their
 * first call, inside the "run" step.
 * What this leaves out is what any process pays (fork/exec, the dynamic loader, exit):
 * on this kind of VM `/bin/true` alone takes 2.5-5 ms of wall time.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "wasi.h"
#include "wd.h"

static long faults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt + ru.ru_majflt;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* this process's CPU time (user + system, page faults included): what a loaded machine
 * disturbs least */
static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* One cold run in this (child) process; fills t[0..4] with the times, t[5..9] with the
 * page faults of each step and in all, t[10] with the CPU time of all; false on any
 * failure. */
static bool run_once(const char *path, const wd_load_options *opts, double t[11])
{
    long f0 = faults();
    double c0 = cpu_ms();
    double t0 = now_ms();
    wd_error e;
    wd_error_clear(&e);
    wd_module *m = wd_module_load_file(path, opts, &e);
    if (!m)
        return false;
    double t1 = now_ms();
    long f1 = faults();
    const char *argv[] = { path, NULL };
    wd_wasi_config cfg = { .argc = 1, .argv = argv, WD_WASI_STDIO_DEFAULT };
    char err[256];
    wd_wasi *w = wd_wasi_new(&cfg, err, sizeof err);
    wd_store *s = w ? wd_store_new(NULL) : NULL;
    if (!s)
        return false;
    wd_wasi_bind(w, s, NULL, NULL);
    wd_instance *inst = wd_instance_new(s, m, wd_wasi_resolver, w, &e);
    wd_externkind kind;
    wd_extern ext;
    if (!inst || !wd_instance_export(inst, "_start", &kind, &ext) || kind != WD_EXTERN_FUNC)
        return false;
    double t2 = now_ms();
    long f2 = faults();
    wd_stop st = wd_exec_call(wd_store_exec(s), ext.func, NULL, 0, NULL, 0);
    if (st != WD_STOP_DONE && !(st == WD_STOP_EXIT && wd_wasi_exit_code(w) == 0))
        return false;
    double t3 = now_ms();
    long f3 = faults();
    wd_store_free(s);
    wd_wasi_free(w);
    wd_module_free(m);
    double t4 = now_ms();
    double c4 = cpu_ms();
    long f4 = faults();
    t[0] = t1 - t0;
    t[1] = t2 - t1;
    t[2] = t3 - t2;
    t[3] = t4 - t3;
    t[4] = t4 - t0;
    t[5] = (double)(f1 - f0);
    t[6] = (double)(f2 - f1);
    t[7] = (double)(f3 - f2);
    t[8] = (double)(f4 - f3);
    t[9] = (double)(f4 - f0);
    t[10] = c4 - c0;
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "jit") != 0)) {
        fprintf(stderr, "usage: inproc N MODULE [jit]\n");
        return 2;
    }
    wd_load_options opts = { .tier = argc == 4 ? WD_TIER_JIT : WD_TIER_INTERP };
    int n = atoi(argv[1]);
    for (int i = 0; i < n; i++) {
        int p[2];
        if (pipe(p) != 0) {
            perror("pipe");
            return 1;
        }
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            close(p[0]);
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0)
                dup2(null, 1);
            double t[11];
            bool ok = run_once(argv[2], &opts, t);
            if (ok && write(p[1], t, sizeof t) != (ssize_t)sizeof t)
                ok = false;
            _exit(ok ? 0 : 1);
        }
        close(p[1]);
        double t[11];
        ssize_t got = read(p[0], t, sizeof t);
        close(p[0]);
        int status;
        waitpid(pid, &status, 0);
        if (got != (ssize_t)sizeof t || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "inproc: %s: run %d failed\n", argv[2], i + 1);
            return 1;
        }
        printf("%.3f %.3f %.3f %.3f %.3f %.0f %.0f %.0f %.0f %.0f %.3f\n", t[0], t[1], t[2],
               t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10]);
    }
    return 0;
}
