/* timer_cost.c: what a sampling timer costs the thread it interrupts, without wasmdbg.
 *
 *     cc -O2 -o timer_cost bench/profile/timer_cost.c
 *     ./timer_cost MODE [PERIOD_US] [ROUNDS]
 *
 * Runs an interpreter-like loop (indirect gotos over 4096 pseudo-random opcodes, ROUNDS x
 * 1000 passes, default 40) under one timer and prints the CPU time (user+sys, getrusage) and
 * the signals received. MODE:
 *   none          no timer (the baseline)
 *   perf-sig      perf_event_open software task-clock, overflow every PERIOD_US of CPU time,
 *                 SIGPROF to this thread through the fd's async notification (the fallback
 *                 of `wasmdbg profile --mode cycles` on kernels without perf SIGTRAP)
 *   perf-sigtrap  the same event delivering a synchronous SIGTRAP (perf_event_attr.sigtrap,
 *                 Linux 5.13+: what `wasmdbg profile --mode cycles` uses)
 *   perf-nosig    the same event without a signal: only the timer interrupt
 *   posix-mono    timer_create(CLOCK_MONOTONIC) + SIGPROF to this thread
 *   posix-cpu     timer_create(CLOCK_THREAD_CPUTIME_ID) + SIGPROF (checked at the scheduler
 *                 tick, so at most HZ signals per second)
 * (CPU time of MODE - CPU time of none) / events gives the cost per event; see README.md.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/perf_event.h>
#endif

static volatile sig_atomic_t nsig;
static void on_sig(int s) { (void)s; nsig++; }
static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

static int start_timer(const char *mode, long us)
{
    if (strcmp(mode, "none") == 0)
        return 0;
#ifdef __linux__
    if (strncmp(mode, "perf-", 5) == 0) {
        struct perf_event_attr a;
        memset(&a, 0, sizeof a);
        a.size = sizeof a;
        a.type = PERF_TYPE_SOFTWARE;
        a.config = PERF_COUNT_SW_TASK_CLOCK;
        a.sample_period = (unsigned long long)us * 1000;
        a.disabled = 1;
        a.exclude_kernel = 1;
        a.exclude_hv = 1;
        a.wakeup_events = 1;
#ifdef PERF_ATTR_SIZE_VER7
        if (strcmp(mode, "perf-sigtrap") == 0) {
            a.sigtrap = 1;
            a.remove_on_exec = 1;
        }
#endif
        int fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
        if (fd < 0)
            return -1;
        if (strcmp(mode, "perf-sig") == 0) {
            struct f_owner_ex o = {F_OWNER_TID, tid()};
            if (fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK) || fcntl(fd, F_SETSIG, SIGPROF) ||
                fcntl(fd, F_SETOWN_EX, &o))
                return -1;
        }
        return ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
    }
#endif
    if (strncmp(mode, "posix-", 6) == 0) {
        struct sigevent sev = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGPROF};
        sev._sigev_un._tid = tid();
        timer_t t;
        clockid_t c = strcmp(mode, "posix-cpu") == 0 ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC;
        if (timer_create(c, &sev, &t))
            return -1;
        struct itimerspec its = {{us / 1000000, us % 1000000 * 1000},
                                 {us / 1000000, us % 1000000 * 1000}};
        return timer_settime(t, 0, &its, NULL);
    }
    return -1;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "none";
    long us = argc > 2 ? atol(argv[2]) : 1000;
    long rounds = argc > 3 ? atol(argv[3]) : 40;
    signal(SIGPROF, on_sig);
    signal(SIGTRAP, on_sig);
    if (us <= 0 || rounds <= 0 || start_timer(mode, us) != 0) {
        fprintf(stderr, "timer_cost: mode '%s' is not available here\n", mode);
        return 1;
    }
    enum { N = 4096 };
    static unsigned char code[N];
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        code[i] = (unsigned char)((s >> 16) % 8);
    }
    static void *const tbl[8] = {&&o0, &&o1, &&o2, &&o3, &&o4, &&o5, &&o6, &&o7};
    unsigned long acc = 1;
    long passes = 0;
    const unsigned char *ip = code;
#define NEXT() do { if (++ip == code + N) { ip = code; if (++passes == rounds * 1000) goto done; } \
                    goto *tbl[*ip]; } while (0)
    goto *tbl[*ip];
o0: acc += 3; NEXT();
o1: acc ^= acc >> 3; NEXT();
o2: acc *= 7; NEXT();
o3: acc += acc << 1; NEXT();
o4: acc -= 5; NEXT();
o5: acc ^= 0x55; NEXT();
o6: acc = acc * 3 + 1; NEXT();
o7: acc += (unsigned long)passes; NEXT();
done:;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    printf("%s period %ld us: cpu %.3f s, %d signals (checksum %lu)\n", mode, us, cpu,
           (int)nsig, acc & 0xff);
    return 0;
}
