/* clocks: clock_time_get and clock_res_get for the four clocks, sleeping (poll_oneoff with a
 * clock subscription, relative and absolute), random_get, sched_yield, proc_raise. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sched.h>

#include "raw.h"
#include "wtest.h"

static int64_t ns(clockid_t c)
{
    struct timespec t;
    if (clock_gettime(c, &t) != 0)
        return -1;
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int main(void)
{
    clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
    const char *names[] = { "realtime", "monotonic", "process", "thread" };
    for (int i = 0; i < 4; i++) {
        struct timespec r;
        int rr = clock_getres(ids[i], &r);
        int64_t t = ns(ids[i]);
        printf("%s: res %s (%s), time %s\n", names[i], RES(rr),
               rr == 0 && (r.tv_sec > 0 || r.tv_nsec > 0) && r.tv_nsec < 1000000000 ? "sane" : "odd",
               t > 0 ? "positive" : "bad");
    }
    printf("realtime after 2020: %d\n", ns(CLOCK_REALTIME) > 1577836800LL * 1000000000);
    int64_t a = ns(CLOCK_MONOTONIC);
    struct timespec req = { 0, 30 * 1000000 };
    printf("nanosleep 30ms: %s\n", RES(nanosleep(&req, NULL)));
    int64_t b = ns(CLOCK_MONOTONIC);
    printf("slept >= 30ms: %d, < 2s: %d\n", b - a >= 30000000, b - a < 2000000000);
    /* absolute: 20 ms from now on the realtime clock */
    a = ns(CLOCK_MONOTONIC);
    struct timespec abs;
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 20000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    printf("clock_nanosleep abstime: %d\n", clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL));
    b = ns(CLOCK_MONOTONIC);
    printf("slept >= 15ms: %d\n", b - a >= 15000000);
    /* process CPU time grows when we burn CPU */
    int64_t c0 = ns(CLOCK_PROCESS_CPUTIME_ID);
    volatile uint64_t x = 0;
    for (int i = 0; i < 20000000; i++)
        x += (uint64_t)i * i;
    (void)x;
    printf("cpu time grew: %d\n", ns(CLOCK_PROCESS_CPUTIME_ID) > c0);
    uint64_t res;
    printf("bad clock id: %d %d\n", raw_clock_time_get(7, 0, P(&res)), raw_clock_res_get(-1, P(&res)));
    /* random */
    unsigned char r1[64], r2[64];
    memset(r1, 0, sizeof r1);
    memset(r2, 0, sizeof r2);
    printf("getentropy: %s\n", RES(getentropy(r1, sizeof r1)));
    getentropy(r2, sizeof r2);
    int nz = 0;
    for (int i = 0; i < 64; i++)
        nz += r1[i] != 0;
    printf("random looks random: %d, differs: %d\n", nz > 40, memcmp(r1, r2, 64) != 0);
    printf("random_get 0 bytes: %d\n", raw_random_get(P(r1), 0));
    printf("arc4random: %s\n", arc4random() != arc4random() ? "varies" : "stuck");
    printf("sched_yield: %d %d\n", sched_yield(), raw_sched_yield());
    printf("proc_raise: %d\n", raw_proc_raise(6));
    return 0;
}
