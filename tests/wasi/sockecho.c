/* sockecho: a guest server on a socket preopened with --listen 127.0.0.1:0 (guest fd 4,
 * after the sandbox at 3). It waits (at most 30 s) for one connection from sockecho.feed,
 * reads one line, sends it back as "echo: LINE", shuts down its side and exits. Also checks
 * the errors of the sock_* calls on fds that are not sockets. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#include "raw.h"

#define LISTEN 4

int main(void)
{
    __wasi_fdstat_t st;
    int e = __wasi_fd_fdstat_get(LISTEN, &st);
    printf("fd 4: %d filetype=%d accept right=%d\n", e, st.fs_filetype,
           (st.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT) != 0);
    __wasi_prestat_t ps;
    printf("fd 4 prestat: %d\n", __wasi_fd_prestat_get(LISTEN, &ps));
    __wasi_fd_t c = 0;
    printf("accept on a directory: %d\n", __wasi_sock_accept(3, 0, &c));
    printf("accept on a closed fd: %d\n", __wasi_sock_accept(40, 0, &c));
    printf("shutdown stdout: %d\n", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR));
    printf("accept bad flags: %d\n", __wasi_sock_accept(LISTEN, __WASI_FDFLAGS_APPEND, &c));

    /* wait for the client */
    __wasi_subscription_t s[2];
    __wasi_event_t ev[2];
    memset(s, 0, sizeof s);
    s[0].userdata = 1;
    s[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[0].u.u.fd_read.file_descriptor = LISTEN;
    s[1].userdata = 2;
    s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[1].u.u.clock.timeout = 30000000000ull;
    uint32_t nev = 0;
    e = __wasi_poll_oneoff(s, ev, 2, &nev);
    printf("poll: %d nev=%u userdata=%llu\n", e, nev, (unsigned long long)ev[0].userdata);
    if (ev[0].userdata != 1) {
        printf("no client within 30 s\n");
        return 1;
    }
    e = __wasi_sock_accept(LISTEN, 0, &c);
    printf("accept: %d fd=%u\n", e, c);
    if (e)
        return 1;
    e = __wasi_fd_fdstat_get(c, &st);
    printf("connection: %d filetype=%d\n", e, st.fs_filetype);

    char line[256];
    size_t len = 0;
    while (len < sizeof line - 1 && !memchr(line, '\n', len)) {
        __wasi_iovec_t iov = { (uint8_t *)line + len, sizeof line - 1 - len };
        __wasi_size_t got = 0;
        __wasi_roflags_t rof = 0;
        e = __wasi_sock_recv(c, &iov, 1, 0, &got, &rof);
        if (e || got == 0)
            break;
        len += got;
    }
    line[len] = '\0';
    printf("received: %zu [%.*s]\n", len, (int)(len ? len - 1 : 0), line);
    char reply[300];
    int rl = snprintf(reply, sizeof reply, "echo: %s", line);
    __wasi_ciovec_t out = { (const uint8_t *)reply, (size_t)rl };
    __wasi_size_t sent = 0;
    e = __wasi_sock_send(c, &out, 1, 0, &sent);
    printf("send: %d sent=%u\n", e, sent);
    printf("shutdown wr: %d\n", __wasi_sock_shutdown(c, __WASI_SDFLAGS_WR));
    printf("send after shutdown: %d\n", __wasi_sock_send(c, &out, 1, 0, &sent));
    printf("shutdown bad how: %d\n", __wasi_sock_shutdown(c, 9));
    /* the client closes after reading the echo: recv sees the end */
    __wasi_iovec_t iov = { (uint8_t *)line, sizeof line };
    __wasi_size_t got = 99;
    __wasi_roflags_t rof = 0;
    e = __wasi_sock_recv(c, &iov, 1, 0, &got, &rof);
    printf("recv at end: %d got=%u\n", e, got);
    printf("close: %d\n", __wasi_fd_close(c));
    return 0;
}
