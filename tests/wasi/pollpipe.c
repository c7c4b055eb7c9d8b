/* pollpipe: poll_oneoff with fd subscriptions on a pipe (stdin, fed by pollpipe.feed): an
 * empty pipe lets the clock fire; written data makes it readable with the byte count; the
 * writer closing it is a hangup. The guest paces the writer with files in the sandbox. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

#include "raw.h"

static void touch(const char *p)
{
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd);
}

/* a read subscription on stdin and a clock of `ms` milliseconds */
static void wait_stdin(const char *what, uint64_t ms)
{
    __wasi_subscription_t s[2];
    __wasi_event_t ev[2];
    memset(s, 0, sizeof s);
    memset(ev, 0, sizeof ev);
    s[0].userdata = 1;
    s[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[0].u.u.fd_read.file_descriptor = 0;
    s[1].userdata = 2;
    s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[1].u.u.clock.timeout = ms * 1000000ull;
    uint32_t nev = 0;
    int e = raw_poll_oneoff(P(s), P(ev), 2, P(&nev));
    printf("%s: %d nev=%u\n", what, e, nev);
    for (uint32_t i = 0; i < nev; i++)
        printf("  userdata=%llu type=%d error=%d nbytes=%llu hangup=%d\n",
               (unsigned long long)ev[i].userdata, ev[i].type, ev[i].error,
               (unsigned long long)ev[i].fd_readwrite.nbytes,
               (ev[i].fd_readwrite.flags & __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP) != 0);
}

int main(void)
{
    __wasi_fdstat_t st;
    int e = __wasi_fd_fdstat_get(0, &st);
    printf("stdin: %d filetype=%d poll right=%d\n", e, st.fs_filetype,
           (st.fs_rights_base & __WASI_RIGHTS_POLL_FD_READWRITE) != 0);
    wait_stdin("empty pipe, 100 ms", 100);
    touch("/sandbox/ready");               /* the feeder writes "ping\n" now */
    wait_stdin("data", 30000);
    char b[16] = { 0 };
    ssize_t n = read(0, b, sizeof b - 1);
    printf("read: %zd [%.*s]\n", n, (int)(n > 0 ? n - 1 : 0), b);
    touch("/sandbox/done");                /* the feeder exits: end of file */
    wait_stdin("writer gone", 30000);
    printf("read at eof: %zd\n", read(0, b, sizeof b));
    return 0;
}
