/* poll: poll_oneoff with fd and clock subscriptions: stdin (a pipe from the driver, with data)
 * is readable at once, stdout is writable, a timeout fires when nothing else does, a bad fd
 * reports BADF in its event, and zero subscriptions is EINVAL. */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include "raw.h"

int main(void)
{
    struct pollfd p[2] = { { 0, POLLIN, 0 }, { 1, POLLOUT, 0 } };
    int r = poll(p, 2, 1000);
    printf("poll stdin+stdout: %d in=%d out=%d\n", r, (p[0].revents & POLLIN) != 0,
           (p[1].revents & POLLOUT) != 0);
    char buf[64] = { 0 };
    ssize_t n = read(0, buf, sizeof buf - 1);
    printf("read %zd: %s", n, buf);

    /* raw: a clock (50 ms) and a read on stdin, which now is at EOF (readable: hangup) */
    __wasi_subscription_t s[3];
    __wasi_event_t ev[3];
    memset(s, 0, sizeof s);
    s[0].userdata = 11;
    s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[0].u.u.clock.timeout = 50000000;
    s[1].userdata = 22;
    s[1].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[1].u.u.fd_read.file_descriptor = 0;
    uint32_t nev = 0;
    int e = raw_poll_oneoff(P(s), P(ev), 2, P(&nev));
    printf("clock+eof stdin: %d nev=%u first=%llu type=%d\n", e, nev,
           (unsigned long long)ev[0].userdata, ev[0].type);
    /* only a clock: it fires after the timeout */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    e = raw_poll_oneoff(P(s), P(ev), 1, P(&nev));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("clock only: %d nev=%u userdata=%llu err=%d waited>=50ms=%d\n", e, nev,
           (unsigned long long)ev[0].userdata, ev[0].error, ms >= 50);
    /* absolute deadline in the past fires at once */
    s[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    s[0].u.u.clock.timeout = 1;
    e = raw_poll_oneoff(P(s), P(ev), 1, P(&nev));
    printf("past abstime: %d nev=%u\n", e, nev);
    /* bad fd and bad clock: errors in the events */
    s[0].u.u.clock.id = 99;
    s[1].u.u.fd_read.file_descriptor = 42;
    e = raw_poll_oneoff(P(s), P(ev), 2, P(&nev));
    printf("bad clock + bad fd: %d nev=%u errs=%d,%d\n", e, nev, ev[0].error, ev[1].error);
    printf("no subscriptions: %d\n", raw_poll_oneoff(P(s), P(ev), 0, P(&nev)));
    /* writable stdout */
    s[2].userdata = 33;
    s[2].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    s[2].u.u.fd_write.file_descriptor = 1;
    e = raw_poll_oneoff(P(&s[2]), P(ev), 1, P(&nev));
    printf("stdout writable: %d nev=%u userdata=%llu type=%d\n", e, nev,
           (unsigned long long)ev[0].userdata, ev[0].type);
    return 0;
}
