/* hostio: a host I/O error reaches the guest as its errno, and what was written before it
 * is not lost. hostio.check runs it with stdout on /dev/full (NOSPC) and on a pipe whose
 * reader leaves after the first line (PIPE: wasmdbg ignores SIGPIPE). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wasi/api.h>

#include "raw.h"

static int put(const char *s)
{
    __wasi_ciovec_t iov = { (const uint8_t *)s, strlen(s) };
    uint32_t nw = 0;
    return raw_fd_write(1, P(&iov), 1, P(&nw));
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "full") == 0) {
        fprintf(stderr, "fd_write to a full device: %d\n", put("x"));
    } else if (strcmp(mode, "pipe") == 0) {
        int r = put("first line\n");
        fprintf(stderr, "first write: %d\n", r);
        /* the reader (head -n1) exits once it has the line: keep writing until the
         * pipe reports it (at most ~10 s) */
        for (int i = 0; i < 1000 && r == 0; i++) {
            struct timespec ts = { 0, 10 * 1000 * 1000 };
            nanosleep(&ts, NULL);
            r = put("more\n");
        }
        fprintf(stderr, "write after the reader left: %d\n", r);
    } else {
        printf("ok\n");
    }
    return 0;
}
