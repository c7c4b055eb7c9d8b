/* escape: tries to get out of the sandbox (and to crash the host) in every way we could think
 * of. Every attempt must fail with the documented errno; the driver checks afterwards that
 * nothing outside the sandbox changed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "raw.h"
#include "wtest.h"

#define ROOT 3   /* the first preopen */

static void try_open(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("open %s: %s\n", path, ename(errno));
        return;
    }
    char b[64] = { 0 };
    ssize_t n = read(fd, b, sizeof b - 1);
    if (n > 0 && b[n - 1] == '\n')
        b[n - 1] = 0;
    printf("open %s: OK [%s]\n", path, n >= 0 ? b : "read error");
    close(fd);
}

static int32_t ropen(const char *path, size_t len, int32_t dirflags)
{
    int32_t fd = -1;
    return raw_path_open(ROOT, dirflags, P(path), (int32_t)len, 0, 2 /* FD_READ */, 0, 0, P(&fd));
}

int main(void)
{
    /* paths */
    try_open("/sandbox/hello.txt");
    try_open("/sandbox/../secret.txt");
    try_open("/sandbox/sub/../../secret.txt");
    try_open("/sandbox/sub/./../..");
    try_open("/sandbox/escape_rel");
    try_open("/sandbox/escape_abs");
    try_open("/sandbox/sub/up");
    try_open("/sandbox/escdir/secret.txt");
    try_open("/sandbox/escape_rel/");
    try_open("/sandbox/chain1");
    try_open("/sandbox/loop");
    try_open("/sandbox/dirlink/inner.txt");
    try_open("/sandbox/dirlink/../hello.txt");
    try_open("/sandbox/inlink");
    char deep[2048] = "/sandbox/sub";
    for (int i = 0; i < 50; i++)
        strcat(deep, "/../sub");
    strcat(deep, "/inner.txt");
    try_open(deep);
    char *huge = malloc(70001);
    memset(huge, 'a', 70000);
    huge[70000] = 0;
    memcpy(huge, "/sandbox/", 9);
    printf("open 70000-byte path: %s\n", RES(open(huge, O_RDONLY)));
    free(huge);
    printf("opendir ..: %s\n", opendir("/sandbox/..") ? "OK" : ename(errno));
    struct stat st;
    printf("stat escape_rel: %s\n", RES(stat("/sandbox/escape_rel", &st)));
    printf("lstat escape_rel: %s\n", RES(lstat("/sandbox/escape_rel", &st)));
    printf("mkdir ../x: %s\n", RES(mkdir("/sandbox/../x", 0755)));
    printf("mkdir via escdir: %s\n", RES(mkdir("/sandbox/escdir/x", 0755)));
    printf("rename out: %s\n", RES(rename("/sandbox/hello.txt", "/sandbox/../stolen.txt")));
    printf("rename in: %s\n", RES(rename("/sandbox/../secret.txt", "/sandbox/stolen.txt")));
    printf("rename via escdir: %s\n", RES(rename("/sandbox/hello.txt", "/sandbox/escdir/stolen.txt")));
    printf("link out: %s\n", RES(link("/sandbox/../secret.txt", "/sandbox/stolen")));
    printf("link via escape_rel (follow): %s\n",
           RES(linkat(AT_FDCWD, "/sandbox/escape_rel", AT_FDCWD, "/sandbox/stolen", AT_SYMLINK_FOLLOW)));
    printf("unlink out: %s\n", RES(unlink("/sandbox/../secret.txt")));
    printf("unlink via escdir: %s\n", RES(unlink("/sandbox/escdir/secret.txt")));
    printf("symlink absolute: %s\n", RES(symlink("/etc/passwd", "/sandbox/newlink")));
    printf("symlink relative out: %s\n", RES(symlink("../secret.txt", "/sandbox/newlink2")));
    try_open("/sandbox/newlink2");
    struct timespec ts[2] = { { 1, 0 }, { 1, 0 } };
    printf("utimensat via link: %s\n", RES(utimensat(AT_FDCWD, "/sandbox/escape_rel", ts, 0)));
    printf("truncate via link: %s\n", RES(truncate("/sandbox/escape_rel", 0)));
    printf("creat via escape link: %s\n", RES(open("/sandbox/escape_new", O_WRONLY | O_CREAT, 0644)));

    /* raw paths */
    printf("raw absolute: %d\n", ropen("/etc/passwd", 11, 0));
    printf("raw empty: %d\n", ropen("", 0, 0));
    printf("raw invalid utf-8: %d\n", ropen("\xff\xfe", 2, 0));
    printf("raw overlong utf-8: %d\n", ropen("\xc0\xaf", 2, 0));
    printf("raw embedded NUL: %d\n", ropen("hello.txt\0x", 11, 0));
    printf("raw path out of memory: %d\n", ropen((const char *)(uintptr_t)(MEMSIZE - 4), 8, 0));
    printf("raw path wraps: %d\n", ropen((const char *)(uintptr_t)0xFFFFFFF0u, 0x20, 0));
    printf("raw fd out ptr bad: %d\n",
           raw_path_open(ROOT, 0, P("hello.txt"), 9, 0, 2, 0, 0, (int32_t)MEMSIZE));
    printf("raw dirfd is stdout: %d\n", raw_path_open(1, 0, P("x"), 1, 0, 2, 0, 0, P(&st)));
    printf("raw dirfd bad: %d\n", raw_path_open(99, 0, P("x"), 1, 0, 2, 0, 0, P(&st)));
    printf("raw bad oflags: %d\n", raw_path_open(ROOT, 0, P("x"), 1, 0x100, 2, 0, 0, P(&st)));
    printf("raw symlink absolute: %d\n", raw_path_symlink(P("/etc"), 4, ROOT, P("l"), 1));
    printf("raw mkdir ..: %d\n", raw_path_create_directory(ROOT, P(".."), 2));
    printf("raw rename to ..: %d\n", raw_path_rename(ROOT, P("hello.txt"), 9, ROOT, P(".."), 2));
    printf("raw link across bad fd: %d\n", raw_path_link(ROOT, 0, P("hello.txt"), 9, 42, P("x"), 1));
    uint8_t fst[64];
    printf("raw filestat follow escape: %d\n", raw_path_filestat_get(ROOT, 1, P("escape_rel"), 10, P(fst)));
    printf("raw filestat nofollow escape: %d\n", raw_path_filestat_get(ROOT, 0, P("escape_rel"), 10, P(fst)));
    printf("raw filestat buf at end: %d\n",
           raw_path_filestat_get(ROOT, 0, P("hello.txt"), 9, (int32_t)(MEMSIZE - 63)));

    /* iovecs (raw writes bypass stdio's buffer: flush it first) */
    fflush(stdout);
    uint32_t nw = 12345;
    uint32_t iov[4];
    iov[0] = P("visible\n");
    iov[1] = 8;
    printf("fd_write ok: %d nw=%u\n", raw_fd_write(1, P(iov), 1, P(&nw)), nw);
    fflush(stdout);
    iov[0] = 0xFFFFFFF0u;
    iov[1] = 0x20;
    printf("fd_write wrapping iovec: %d\n", raw_fd_write(1, P(iov), 1, P(&nw)));
    iov[0] = MEMSIZE - 4;
    iov[1] = 5;
    printf("fd_write iovec past end: %d\n", raw_fd_write(1, P(iov), 1, P(&nw)));
    iov[0] = P("LOST-IF-PRINTED\n");
    iov[1] = 16;
    iov[2] = 0xFFFFFFF0u;
    iov[3] = 0x20;
    printf("fd_write good+bad iovec: %d\n", raw_fd_write(1, P(iov), 2, P(&nw)));
    printf("fd_write iovs array out: %d\n", raw_fd_write(1, (int32_t)(MEMSIZE - 4), 1, P(&nw)));
    printf("fd_write huge iovs_len: %d\n", raw_fd_write(1, P(iov), 0x20000000, P(&nw)));
    iov[0] = P("LOST-IF-PRINTED\n");
    iov[1] = 16;
    printf("fd_write nwritten out: %d\n", raw_fd_write(1, P(iov), 1, (int32_t)(MEMSIZE - 2)));
    printf("fd_write bad fd: %d\n", raw_fd_write(99, P(iov), 1, P(&nw)));
    printf("fd_write fd -1: %d\n", raw_fd_write(-1, P(iov), 1, P(&nw)));
    printf("fd_write empty: %d nw=%u\n", raw_fd_write(1, P(iov), 0, P(&nw)), nw);
    iov[0] = MEMSIZE - 0x100;
    iov[1] = 0x100;
    printf("fd_read into the last bytes: %d nr=%u\n", raw_fd_read(0, P(iov), 1, P(&nw)), nw);
    iov[0] = 0xFFFFFFFFu;
    iov[1] = 2;
    printf("fd_read wrapping: %d\n", raw_fd_read(0, P(iov), 1, P(&nw)));

    /* other pointers */
    printf("args_get bad: %d\n", raw_args_get((int32_t)0xFFFFFFF0u, (int32_t)0xFFFFFFF0u));
    printf("random_get wrap: %d\n", raw_random_get((int32_t)0xFFFFFFF0u, 100));
    printf("random_get to the end: %d\n", raw_random_get((int32_t)(MEMSIZE - 4), 4));
    printf("random_get one past: %d\n", raw_random_get((int32_t)(MEMSIZE - 4), 5));
    printf("clock_time_get bad: %d\n", raw_clock_time_get(1, 0, (int32_t)(MEMSIZE - 7)));
    printf("poll out bad: %d\n", raw_poll_oneoff(P(fst), (int32_t)MEMSIZE, 1, P(&nw)));
    char nb[4];
    printf("prestat_dir_name short: %d\n", raw_fd_prestat_dir_name(ROOT, P(nb), 4));
    printf("prestat_get stdout: %d\n", raw_fd_prestat_get(1, P(fst)));
    printf("readdir on a file: %d\n", raw_fd_readdir(1, P(fst), 64, 0, P(&nw)));
    printf("renumber to closed: %d\n", raw_fd_renumber(1, 77));

    /* rights */
    int32_t rfd = -1;
    printf("open read-only rights: %d\n",
           raw_path_open(ROOT, 0, P("hello.txt"), 9, 0, 2 /* FD_READ */, 0, 0, P(&rfd)));
    iov[0] = P("x");
    iov[1] = 1;
    printf("write without FD_WRITE: %d\n", raw_fd_write(rfd, P(iov), 1, P(&nw)));
    uint64_t off;
    printf("seek without FD_SEEK: %d\n", raw_fd_seek(rfd, 1, 0, P(&off)));
    printf("add rights: %d\n", raw_fd_fdstat_set_rights(rfd, 0x7FFFFFFF, 0));
    printf("drop rights: %d\n", raw_fd_fdstat_set_rights(rfd, 0, 0));
    printf("read without FD_READ: %d\n", raw_fd_read(rfd, P(iov), 1, P(&nw)));
    raw_fd_close(rfd);
    printf("close again: %d\n", raw_fd_close(rfd));
    printf("open with more rights than the dir: %d\n",
           raw_path_open(ROOT, 0, P("sub"), 3, 2, 0, 1ull << 40, 0, P(&rfd)));
    try_open("/sandbox/hello.txt");
    return 0;
}
