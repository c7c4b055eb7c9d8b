/* prof_timer.c: the timer of cycles mode.
 *
 * A timer signal (SIGPROF) marks a sample as pending and asks the engine for a tick before
 * the next instruction it dispatches (wd_exec_request_tick is async-signal-safe); the tick
 * takes the sample and weighs it by the TSC cycles since the previous one. Timer sources,
 * best first:
 *   1. perf_event_open hardware CPU cycles, overflow every ~interval of cycles (needs a PMU);
 *   2. perf_event_open software task-clock, overflow every interval ns of this thread's CPU
 *      time (hrtimer-precise; what a VM without a PMU gets);
 *   3. timer_create(CLOCK_THREAD_CPUTIME_ID) delivering to this thread;
 *   4. setitimer(ITIMER_PROF) (process CPU time).
 * 3 and 4 are quantised to the kernel tick (4 ms at HZ=250). Overflow signals of 1 and 2 go
 * to this thread: where the kernel has it (Linux 5.13+), as a synchronous SIGTRAP
 * (perf_event_attr.sigtrap, si_code TRAP_PERF), else as SIGPROF through the fd's async
 * notification (F_SETOWN_EX with F_OWNER_TID, F_SETSIG SIGPROF). The first is much cheaper
 * in a VM: the async path queues the signal through an irq_work (an extra self-interrupt)
 * and costs ~37 us per sample here against ~26 us for SIGTRAP, ~23 us for the timer
 * interrupt alone (bench/profile/README.md).
 *
 * WD_PROF_TIMER=perf-hw|perf-sw|posix|itimer in the environment forces one source (tests).
 */
#define _GNU_SOURCE
#include "prof_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/perf_event.h>
#define WDP_HAVE_PERF 1
#ifdef PERF_ATTR_SIZE_VER7
#define WDP_HAVE_SIGTRAP 1   /* perf_event_attr.sigtrap */
#ifndef TRAP_PERF
#define TRAP_PERF 6          /* its si_code (kernel ABI; glibc 2.36 does not name it) */
#endif
#endif
#endif

enum { TIMER_NONE = 0, TIMER_PERF_HW, TIMER_PERF_SW, TIMER_POSIX, TIMER_ITIMER };

#ifdef WDP_HAVE_SIGTRAP
#define TRAP_PERF_CODE TRAP_PERF
#else
#define TRAP_PERF_CODE (-1000)   /* no perf SIGTRAP here: every SIGTRAP is someone else's */
#endif

static volatile sig_atomic_t g_pending;
static wd_exec *volatile g_exec;
static wd_prof *g_owner;
static bool g_handler_installed;
static volatile uint64_t g_handler_ticks;

/* The interrupted program counter, for a sample that hit JIT code. */
static uintptr_t signal_pc(void *uc)
{
#if defined(__linux__) && defined(__x86_64__)
    return uc ? (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP] : 0;
#else
    (void)uc;
    return 0;
#endif
}

static void on_sigprof(int sig, siginfo_t *si, void *uc)
{
    if (sig == SIGTRAP && (!si || si->si_code != TRAP_PERF_CODE)) {
        /* not our perf event: what SIGTRAP does by default */
        signal(SIGTRAP, SIG_DFL);
        raise(SIGTRAP);
        return;
    }
    int saved = errno;
    uint64_t t0 = wdp_now_ticks();
    wd_exec *x = g_exec;
    if (x) {
        g_pending = 1;
        wd_exec_request_tick_pc(x, signal_pc(uc));
        g_handler_ticks += wdp_now_ticks() - t0;
    }
    errno = saved;
}

uint64_t wdp_timer_handler_ticks(void) { return g_handler_ticks; }

bool wdp_timer_take_pending(void)
{
    if (!g_pending)
        return false;
    g_pending = 0;
    return true;
}

static bool install_handler(char *err, size_t errsize)
{
    if (g_handler_installed)
        return true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigprof;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGPROF, &sa, NULL) != 0) {
        snprintf(err, errsize, "sigaction(SIGPROF): %s", strerror(errno));
        return false;
    }
#ifdef WDP_HAVE_SIGTRAP
    if (sigaction(SIGTRAP, &sa, NULL) != 0) {
        snprintf(err, errsize, "sigaction(SIGTRAP): %s", strerror(errno));
        return false;
    }
#endif
    /* The handler stays installed: a signal still in flight after the timer is stopped
     * must not kill the process (SIGPROF's default action). */
    g_handler_installed = true;
    return true;
}

static pid_t this_tid(void) { return (pid_t)syscall(SYS_gettid); }

#ifdef WDP_HAVE_PERF
/* An overflow signal every `period` events to this thread: SIGTRAP when sigtrap is set
 * (and the kernel takes it), else SIGPROF. *used_trap says which. */
static int perf_open(uint32_t type, uint64_t config, uint64_t period, bool sigtrap,
                     bool *used_trap)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = type;
    attr.config = config;
    attr.sample_period = period;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    attr.wakeup_events = 1;
    *used_trap = false;
#ifdef WDP_HAVE_SIGTRAP
    if (sigtrap) {
        attr.sigtrap = 1;
        attr.remove_on_exec = 1;   /* required with sigtrap */
        int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
        if (fd >= 0 && ioctl(fd, PERF_EVENT_IOC_RESET, 0) == 0 &&
            ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) == 0) {
            *used_trap = true;
            return fd;
        }
        if (fd >= 0)
            close(fd);
        attr.sigtrap = 0;          /* an older kernel: the async notification below */
        attr.remove_on_exec = 0;
    }
#else
    (void)sigtrap;
#endif
    int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0)
        return -1;
    struct f_owner_ex owner = {.type = F_OWNER_TID, .pid = this_tid()};
    if (fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK) != 0 || fcntl(fd, F_SETSIG, SIGPROF) != 0 ||
        fcntl(fd, F_SETOWN_EX, &owner) != 0 || ioctl(fd, PERF_EVENT_IOC_RESET, 0) != 0 ||
        ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* TSC ticks per microsecond, measured over ~2 ms. */
static uint64_t ticks_per_us(void)
{
    uint64_t n0 = wdp_now_ns(), t0 = wdp_now_ticks();
    uint64_t n1;
    do
        n1 = wdp_now_ns();
    while (n1 - n0 < 2000000u);
    uint64_t t1 = wdp_now_ticks();
    uint64_t r = (t1 - t0) * 1000u / (n1 - n0);
    return r ? r : 1;
}
#endif

static bool start_posix(wd_prof *p)
{
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGPROF;
    sev._sigev_un._tid = this_tid();
    timer_t id;
    if (timer_create(CLOCK_THREAD_CPUTIME_ID, &sev, &id) != 0)
        return false;
    struct itimerspec its;
    memset(&its, 0, sizeof its);
    its.it_interval.tv_sec = (time_t)(p->opts.interval / 1000000u);
    its.it_interval.tv_nsec = (long)(p->opts.interval % 1000000u) * 1000;
    its.it_value = its.it_interval;
    if (timer_settime(id, 0, &its, NULL) != 0) {
        timer_delete(id);
        return false;
    }
    p->timer_id = id;
    p->timer_has_id = true;
    return true;
}

static bool start_itimer(wd_prof *p)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_interval.tv_sec = (time_t)(p->opts.interval / 1000000u);
    it.it_interval.tv_usec = (suseconds_t)(p->opts.interval % 1000000u);
    it.it_value = it.it_interval;
    return setitimer(ITIMER_PROF, &it, NULL) == 0;
}

bool wdp_timer_start(wd_prof *p, char *err, size_t errsize)
{
    if (g_owner) {
        snprintf(err, errsize, "another profiler is using the cycles timer");
        return false;
    }
    if (!install_handler(err, errsize))
        return false;
    const char *force = getenv("WD_PROF_TIMER");
    if (force && !*force)
        force = NULL;
    g_pending = 0;
    g_handler_ticks = 0;
    g_exec = p->exec;
    g_owner = p;
    p->timer_kind = TIMER_NONE;
    p->timer_fd = -1;
#ifdef WDP_HAVE_PERF
    /* perf-sw-sigprof: the async SIGPROF even where SIGTRAP works (to compare them) */
    bool trap = !force || strcmp(force, "perf-sw-sigprof") != 0, used;
    if (!force || strcmp(force, "perf-hw") == 0) {
        int fd = perf_open(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, 1000000000u, false,
                           &used);
        if (fd >= 0) {
            /* A PMU exists: re-open with the period in cycles (TSC rate as an estimate of
             * the core clock). */
            close(fd);
            fd = perf_open(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES,
                           p->opts.interval * ticks_per_us(), trap, &used);
        }
        if (fd >= 0) {
            p->timer_fd = fd;
            p->timer_kind = TIMER_PERF_HW;
            p->timer_name = used ? "perf hardware cycles, SIGTRAP" : "perf hardware cycles";
        }
    }
    if (p->timer_kind == TIMER_NONE &&
        (!force || strcmp(force, "perf-sw") == 0 || strcmp(force, "perf-sw-sigprof") == 0)) {
        int fd = perf_open(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK,
                           p->opts.interval * 1000u, trap, &used);
        if (fd >= 0) {
            p->timer_fd = fd;
            p->timer_kind = TIMER_PERF_SW;
            p->timer_name = used ? "perf task-clock, SIGTRAP" : "perf task-clock";
        }
    }
#endif
    if (p->timer_kind == TIMER_NONE && (!force || strcmp(force, "posix") == 0) &&
        start_posix(p)) {
        p->timer_kind = TIMER_POSIX;
        p->timer_name = "timer_create(CLOCK_THREAD_CPUTIME_ID)";
    }
    if (p->timer_kind == TIMER_NONE && (!force || strcmp(force, "itimer") == 0) &&
        start_itimer(p)) {
        p->timer_kind = TIMER_ITIMER;
        p->timer_name = "setitimer(ITIMER_PROF)";
    }
    if (p->timer_kind == TIMER_NONE) {
        g_exec = NULL;
        g_owner = NULL;
        if (force)
            snprintf(err, errsize, "timer source '%s' (WD_PROF_TIMER) is not available", force);
        else
            snprintf(err, errsize, "no CPU-time timer is available: %s", strerror(errno));
        return false;
    }
    return true;
}

void wdp_timer_stop(wd_prof *p)
{
    switch (p->timer_kind) {
    case TIMER_PERF_HW:
    case TIMER_PERF_SW:
        close(p->timer_fd);
        p->timer_fd = -1;
        break;
    case TIMER_POSIX:
        if (p->timer_has_id)
            timer_delete(p->timer_id);
        p->timer_has_id = false;
        break;
    case TIMER_ITIMER: {
        struct itimerval it;
        memset(&it, 0, sizeof it);
        setitimer(ITIMER_PROF, &it, NULL);
        break;
    }
    default:
        break;
    }
    p->timer_kind = TIMER_NONE;
    if (g_owner == p) {
        p->self_ticks += g_handler_ticks;
        g_handler_ticks = 0;
        g_exec = NULL;
        g_owner = NULL;
        g_pending = 0;
    }
}
