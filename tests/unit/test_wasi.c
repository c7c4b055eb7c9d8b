/* test_wasi.c: the WASI host without an engine: calls run through wd_wasi_call() on a
 * plain buffer standing in for linear memory, against a temporary sandbox directory.
 * Covers the ABI layer (pointer checks, layouts), the sandbox (escapes, symlinks, a
 * rename race), readdir cookies, poll timeouts, proc_exit and the tracer's output. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi.h"
#include "wasi_internal.h"

#define MEMSIZE 65536u

static char root[256];     /* .../wasi-test.XXXXXX */
static char sandbox[300];  /* root/sandbox, preopened as /sb (fd 3) */
static uint8_t mem[MEMSIZE];
static int out_pipe[2];    /* the guest's stdout */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void rm_rf(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

static wd_wasi *make(void)
{
    char p[400];
    snprintf(root, sizeof root, "%s/wasi-test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(root));
    snprintf(sandbox, sizeof sandbox, "%s/sandbox", root);
    assert_int_equal(mkdir(sandbox, 0755), 0);
    snprintf(p, sizeof p, "%s/secret.txt", root);
    write_file(p, "secret\n");
    snprintf(p, sizeof p, "%s/hello.txt", sandbox);
    write_file(p, "hello\n");
    snprintf(p, sizeof p, "%s/sub", sandbox);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/esc", sandbox);
    assert_int_equal(symlink("../secret.txt", p), 0);
    snprintf(p, sizeof p, "%s/escdir", sandbox);
    assert_int_equal(symlink("..", p), 0);
    snprintf(p, sizeof p, "%s/abs", sandbox);
    char target[400];
    snprintf(target, sizeof target, "%s/secret.txt", root);
    assert_int_equal(symlink(target, p), 0);
    snprintf(p, sizeof p, "%s/loop", sandbox);
    assert_int_equal(symlink("loop", p), 0);
    snprintf(p, sizeof p, "%s/ok", sandbox);
    assert_int_equal(symlink("sub/../hello.txt", p), 0);

    assert_int_equal(pipe(out_pipe), 0);
    static const char *const argv[] = { "prog", "a1", "arg two" };
    static const char *const envp[] = { "A=1", "B=two" };
    wd_wasi_preopen pre = { sandbox, "/sb" };
    wd_wasi_config cfg = { .argc = 3, .argv = argv, .envc = 2, .envp = envp,
                           .npreopens = 1, .preopens = &pre,
                           .stdin_fd = -1, .stdout_fd = out_pipe[1], .stderr_fd = 2 };
    char err[256];
    wd_wasi *w = wd_wasi_new(&cfg, err, sizeof err);
    assert_non_null(w);
    close(out_pipe[1]);
    memset(mem, 0, sizeof mem);
    return w;
}

static void destroy(wd_wasi *w)
{
    wd_wasi_free(w);
    close(out_pipe[0]);
    rm_rf(root);
}

static uint32_t call(wd_wasi *w, const char *name, int n, ...)
{
    uint64_t a[16] = { 0 };
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        a[i] = va_arg(ap, uint64_t);
    va_end(ap);
    int r = wd_wasi_call(w, name, mem, MEMSIZE, a);
    assert_int_equal(r, 0);
    return (uint32_t)a[0];
}
#define CALL(w, name, ...) call(w, name, (int)(sizeof((uint64_t[]){ __VA_ARGS__ }) / 8), __VA_ARGS__)
#define U(x) ((uint64_t)(x))

static uint32_t ld32(uint32_t p) { uint32_t v; memcpy(&v, mem + p, 4); return v; }
static uint64_t ld64(uint32_t p) { uint64_t v; memcpy(&v, mem + p, 8); return v; }
static void st32(uint32_t p, uint32_t v) { memcpy(mem + p, &v, 4); }
static uint32_t put_str(uint32_t p, const char *s) { memcpy(mem + p, s, strlen(s)); return (uint32_t)strlen(s); }

/* opens path below fd 3 with read+write rights; returns the errno, fd at *fd */
static uint32_t open_at(wd_wasi *w, const char *path, uint32_t oflags, uint32_t lookup, uint32_t *fd)
{
    uint32_t len = put_str(1000, path);
    uint32_t e = CALL(w, "path_open", U(3), U(lookup), U(1000), U(len), U(oflags),
                      U(WR_FD_READ | WR_FD_WRITE | WR_FD_SEEK | WR_FD_TELL | WR_FD_FILESTAT_GET |
                        WR_FD_READDIR),
                      U(0), U(0), U(2000));
    *fd = ld32(2000);
    return e;
}

/* ---------------------------------------------------------------- args, env */

static void test_args_env(void **state)
{
    (void)state;
    wd_wasi *w = make();
    assert_int_equal(CALL(w, "args_sizes_get", U(100), U(104)), 0);
    assert_int_equal(ld32(100), 3);
    assert_int_equal(ld32(104), 5 + 3 + 8);
    assert_int_equal(CALL(w, "args_get", U(200), U(300)), 0);
    assert_int_equal(ld32(200), 300);
    assert_string_equal((char *)mem + ld32(204), "a1");
    assert_string_equal((char *)mem + ld32(208), "arg two");
    assert_int_equal(CALL(w, "environ_sizes_get", U(100), U(104)), 0);
    assert_int_equal(ld32(100), 2);
    assert_int_equal(ld32(104), 4 + 6);
    assert_int_equal(CALL(w, "environ_get", U(200), U(300)), 0);
    assert_string_equal((char *)mem + ld32(204), "B=two");
    /* the buffer would end past memory */
    assert_int_equal(CALL(w, "args_get", U(200), U(MEMSIZE - 4)), WE_FAULT);
    assert_int_equal(CALL(w, "args_sizes_get", U(MEMSIZE - 2), U(104)), WE_FAULT);
    destroy(w);
}

/* ---------------------------------------------------------------- fd_write, iovecs */

static void test_fd_write(void **state)
{
    (void)state;
    wd_wasi *w = make();
    put_str(100, "hello ");
    put_str(120, "world\n");
    st32(200, 100); st32(204, 6); st32(208, 120); st32(212, 6);
    assert_int_equal(CALL(w, "fd_write", U(1), U(200), U(2), U(300)), 0);
    assert_int_equal(ld32(300), 12);
    /* one bad iovec: nothing is written at all */
    st32(216, 0xFFFFFFF0u); st32(220, 0x20);
    assert_int_equal(CALL(w, "fd_write", U(1), U(200), U(3), U(300)), WE_FAULT);
    st32(216, MEMSIZE - 4); st32(220, 5);
    assert_int_equal(CALL(w, "fd_write", U(1), U(200), U(3), U(300)), WE_FAULT);
    assert_int_equal(CALL(w, "fd_write", U(1), U(MEMSIZE - 4), U(1), U(300)), WE_FAULT);
    assert_int_equal(CALL(w, "fd_write", U(1), U(200), U(0xFFFFFFFFu), U(300)), WE_FAULT);
    assert_int_equal(CALL(w, "fd_write", U(1), U(200), U(1), U(MEMSIZE - 3)), WE_FAULT);
    assert_int_equal(CALL(w, "fd_write", U(9), U(200), U(1), U(300)), WE_BADF);
    assert_int_equal(CALL(w, "fd_write", U(0), U(200), U(1), U(300)), WE_BADF); /* stdin closed */
    assert_int_equal(CALL(w, "fd_write", U(3), U(200), U(1), U(300)), WE_NOTCAPABLE); /* a dir */
    wd_wasi_free(w);   /* closes the write end */
    char buf[64] = { 0 };
    ssize_t n = read(out_pipe[0], buf, sizeof buf - 1);
    assert_int_equal(n, 12);
    assert_string_equal(buf, "hello world\n");
    close(out_pipe[0]);
    rm_rf(root);
}

/* ---------------------------------------------------------------- files */

static void test_files(void **state)
{
    (void)state;
    wd_wasi *w = make();
    uint32_t fd;
    assert_int_equal(open_at(w, "hello.txt", 0, 0, &fd), 0);
    assert_int_equal(fd, 4);
    st32(200, 400); st32(204, 3);
    assert_int_equal(CALL(w, "fd_read", U(fd), U(200), U(1), U(300)), 0);
    assert_int_equal(ld32(300), 3);
    assert_memory_equal(mem + 400, "hel", 3);
    assert_int_equal(CALL(w, "fd_tell", U(fd), U(300)), 0);
    assert_int_equal(ld64(300), 3);
    assert_int_equal(CALL(w, "fd_seek", U(fd), U((uint64_t)-2), U(WW_END), U(300)), 0);
    assert_int_equal(ld64(300), 4);
    assert_int_equal(CALL(w, "fd_seek", U(fd), U(0), U(7), U(300)), WE_INVAL);
    assert_int_equal(CALL(w, "fd_filestat_get", U(fd), U(500)), 0);
    assert_int_equal(mem[500 + 16], WF_REGULAR_FILE);
    assert_int_equal(ld64(500 + 32), 6);
    assert_int_equal(CALL(w, "fd_fdstat_get", U(fd), U(600)), 0);
    assert_int_equal(mem[600], WF_REGULAR_FILE);
    assert_int_equal(CALL(w, "fd_close", U(fd)), 0);
    assert_int_equal(CALL(w, "fd_close", U(fd)), WE_BADF);

    /* create, write, readdir */
    assert_int_equal(open_at(w, "sub/new", WO_CREAT | WO_EXCL, 0, &fd), 0);
    put_str(400, "data");
    st32(200, 400); st32(204, 4);
    assert_int_equal(CALL(w, "fd_write", U(fd), U(200), U(1), U(300)), 0);
    assert_int_equal(open_at(w, "sub/new", WO_CREAT | WO_EXCL, 0, &fd), WE_EXIST);
    assert_int_equal(open_at(w, "sub/new/", 0, 0, &fd), WE_NOTDIR);
    assert_int_equal(open_at(w, "sub", WO_DIRECTORY, 0, &fd), 0);
    /* entries . .. new, sorted; each 24 + name bytes */
    assert_int_equal(CALL(w, "fd_readdir", U(fd), U(1000), U(4096), U(0), U(300)), 0);
    assert_int_equal(ld32(300), 24 + 1 + 24 + 2 + 24 + 3);
    assert_int_equal(ld64(1000), 1);
    assert_int_equal(ld32(1000 + 16), 1);
    assert_int_equal(mem[1000 + 20], WF_DIRECTORY);
    assert_memory_equal(mem + 1000 + 24, ".", 1);
    assert_memory_equal(mem + 1000 + 24 + 1 + 24 + 2 + 24, "new", 3);
    assert_int_equal(mem[1000 + 24 + 1 + 24 + 2 + 20], WF_REGULAR_FILE);
    /* from cookie 2: only "new"; a buffer too small is filled exactly */
    assert_int_equal(CALL(w, "fd_readdir", U(fd), U(1000), U(4096), U(2), U(300)), 0);
    assert_int_equal(ld32(300), 27);
    assert_int_equal(CALL(w, "fd_readdir", U(fd), U(1000), U(30), U(0), U(300)), 0);
    assert_int_equal(ld32(300), 30);
    assert_int_equal(CALL(w, "fd_readdir", U(fd), U(1000), U(30), U(99), U(300)), 0);
    assert_int_equal(ld32(300), 0);
    assert_int_equal(CALL(w, "fd_readdir", U(fd), U(MEMSIZE - 10), U(30), U(0), U(300)), WE_FAULT);
    /* prestat */
    assert_int_equal(CALL(w, "fd_prestat_get", U(3), U(300)), 0);
    assert_int_equal(mem[300], 0);
    assert_int_equal(ld32(304), 3);
    assert_int_equal(CALL(w, "fd_prestat_dir_name", U(3), U(400), U(3)), 0);
    assert_memory_equal(mem + 400, "/sb", 3);
    assert_int_equal(CALL(w, "fd_prestat_dir_name", U(3), U(400), U(2)), WE_NAMETOOLONG);
    assert_int_equal(CALL(w, "fd_prestat_get", U(fd), U(300)), WE_BADF);
    assert_int_equal(CALL(w, "fd_prestat_get", U(1), U(300)), WE_BADF);
    /* renumber */
    uint32_t fd2;
    assert_int_equal(open_at(w, "hello.txt", 0, 0, &fd2), 0);
    assert_int_equal(CALL(w, "fd_renumber", U(fd2), U(fd)), 0);
    assert_int_equal(CALL(w, "fd_fdstat_get", U(fd), U(600)), 0);
    assert_int_equal(mem[600], WF_REGULAR_FILE);
    assert_int_equal(CALL(w, "fd_close", U(fd2)), WE_BADF);
    assert_int_equal(CALL(w, "fd_renumber", U(fd), U(50)), WE_BADF);
    destroy(w);
}

/* ---------------------------------------------------------------- sandbox */

static void test_sandbox(void **state)
{
    (void)state;
    wd_wasi *w = make();
    uint32_t fd;
    assert_int_equal(open_at(w, "../secret.txt", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "sub/../../secret.txt", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "/etc/passwd", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "esc", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "esc", 0, 0, &fd), WE_LOOP);   /* O_NOFOLLOW on a link */
    assert_int_equal(open_at(w, "abs", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "escdir/secret.txt", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "escdir/sandbox/hello.txt", 0, 1, &fd), WE_NOTCAPABLE);
    assert_int_equal(open_at(w, "loop", 0, 1, &fd), WE_LOOP);
    assert_int_equal(open_at(w, "loop/x", 0, 1, &fd), WE_LOOP);
    assert_int_equal(open_at(w, "", 0, 1, &fd), WE_NOENT);
    assert_int_equal(open_at(w, "ok", 0, 1, &fd), 0);
    assert_int_equal(open_at(w, "sub/./../hello.txt", 0, 0, &fd), 0);
    assert_int_equal(open_at(w, ".", WO_DIRECTORY, 0, &fd), 0);
    assert_int_equal(open_at(w, "sub/..", WO_DIRECTORY, 0, &fd), 0);
    assert_int_equal(open_at(w, "hello.txt/x", 0, 0, &fd), WE_NOTDIR);
    /* bad paths */
    uint32_t e = CALL(w, "path_open", U(3), U(0), U(MEMSIZE - 2), U(4), U(0), U(2), U(0), U(0), U(2000));
    assert_int_equal(e, WE_FAULT);
    memcpy(mem + 1000, "\xff", 1);
    e = CALL(w, "path_open", U(3), U(0), U(1000), U(1), U(0), U(2), U(0), U(0), U(2000));
    assert_int_equal(e, WE_ILSEQ);
    memcpy(mem + 1000, "a\0b", 3);
    e = CALL(w, "path_open", U(3), U(0), U(1000), U(3), U(0), U(2), U(0), U(0), U(2000));
    assert_int_equal(e, WE_INVAL);
    /* rights beyond the directory's inheriting rights */
    e = CALL(w, "path_open", U(3), U(0), U(put_str(1000, "hello.txt") * 0 + 1000), U(9), U(0),
             U(1ull << 40), U(0), U(0), U(2000));
    assert_int_equal(e, WE_NOTCAPABLE);
    /* other path calls */
    uint32_t n = put_str(1000, "../x");
    assert_int_equal(CALL(w, "path_create_directory", U(3), U(1000), U(n)), WE_NOTCAPABLE);
    n = put_str(1000, "/abs");
    assert_int_equal(CALL(w, "path_symlink", U(1000), U(n), U(3), U(1100), U(put_str(1100, "l"))),
                     WE_NOTCAPABLE);
    n = put_str(1000, "hello.txt");
    uint32_t n2 = put_str(1100, "escdir/stolen");
    assert_int_equal(CALL(w, "path_rename", U(3), U(1000), U(n), U(3), U(1100), U(n2)), WE_NOTCAPABLE);
    assert_int_equal(CALL(w, "path_link", U(3), U(0), U(1000), U(n), U(3), U(1100), U(n2)), WE_NOTCAPABLE);
    n = put_str(1000, "esc");
    assert_int_equal(CALL(w, "path_filestat_get", U(3), U(1), U(1000), U(n), U(500)), WE_NOTCAPABLE);
    assert_int_equal(CALL(w, "path_filestat_get", U(3), U(0), U(1000), U(n), U(500)), 0);
    assert_int_equal(mem[500 + 16], WF_SYMBOLIC_LINK);
    assert_int_equal(CALL(w, "path_readlink", U(3), U(1000), U(n), U(1200), U(64), U(300)), 0);
    assert_int_equal(ld32(300), 13);
    assert_memory_equal(mem + 1200, "../secret.txt", 13);
    assert_int_equal(CALL(w, "path_unlink_file", U(3), U(1000), U(n)), 0);  /* the link itself */
    /* the secret is untouched */
    char p[400];
    snprintf(p, sizeof p, "%s/secret.txt", root);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_size, 7);
    snprintf(p, sizeof p, "%s/stolen", root);
    assert_int_not_equal(stat(p, &st), 0);
    destroy(w);
}

/* A thread keeps moving sandbox/a/b out of the sandbox and back while we resolve paths
 * through it: no resolution may ever reach the secret next to the sandbox. */
static volatile int race_stop;
static void *racer(void *arg)
{
    (void)arg;
    char in[400], out[400];
    snprintf(in, sizeof in, "%s/a/b", sandbox);
    snprintf(out, sizeof out, "%s/b", root);
    while (!race_stop) {
        rename(in, out);
        rename(out, in);
    }
    return NULL;
}

static void test_rename_race(void **state)
{
    (void)state;
    wd_wasi *w = make();
    char p[400];
    snprintf(p, sizeof p, "%s/a", sandbox);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/a/b", sandbox);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/a/b/c", sandbox);
    assert_int_equal(mkdir(p, 0755), 0);
    pthread_t t;
    race_stop = 0;
    assert_int_equal(pthread_create(&t, NULL, racer, NULL), 0);
    int ok = 0;
    for (int i = 0; i < 3000; i++) {
        uint32_t fd;
        uint32_t e = open_at(w, "a/b/c/../../../secret.txt", 0, 1, &fd);
        assert_true(e == WE_NOENT || e == WE_NOTCAPABLE);
        e = open_at(w, "a/b/c/../../../../secret.txt", 0, 1, &fd);
        assert_true(e == WE_NOENT || e == WE_NOTCAPABLE);
        e = open_at(w, "a/b/../../hello.txt", 0, 1, &fd);
        if (e == 0) {
            ok++;
            /* must be the sandbox's hello, never anything else */
            st32(200, 400); st32(204, 16);
            assert_int_equal(CALL(w, "fd_read", U(fd), U(200), U(1), U(300)), 0);
            assert_int_equal(ld32(300), 6);
            assert_memory_equal(mem + 400, "hello\n", 6);
            CALL(w, "fd_close", U(fd));
        } else {
            assert_int_equal(e, WE_NOENT);
        }
    }
    race_stop = 1;
    pthread_join(t, NULL);
    assert_true(ok > 0);
    destroy(w);
}

/* The same two tests with the component walk that replaces openat2 on older kernels (the
 * default run above uses openat2(RESOLVE_BENEATH) where the kernel has it). */
static void test_sandbox_walk(void **state)
{
    wasi_fs_set_openat2(-1);
    assert_false(wasi_fs_openat2());
    test_sandbox(state);
    wasi_fs_set_openat2(0);
}

static void test_rename_race_walk(void **state)
{
    wasi_fs_set_openat2(-1);
    test_rename_race(state);
    wasi_fs_set_openat2(0);
}

/* ---------------------------------------------------------------- clocks, poll, exit */

static void test_clocks_poll(void **state)
{
    (void)state;
    wd_wasi *w = make();
    assert_int_equal(CALL(w, "clock_time_get", U(WC_MONOTONIC), U(0), U(100)), 0);
    uint64_t t0 = ld64(100);
    assert_int_equal(CALL(w, "clock_res_get", U(WC_REALTIME), U(108)), 0);
    assert_true(ld64(108) > 0);
    assert_int_equal(CALL(w, "clock_time_get", U(9), U(0), U(100)), WE_INVAL);
    assert_int_equal(CALL(w, "clock_res_get", U(4), U(100)), WE_INVAL);
    for (uint32_t id = 0; id < 4; id++)
        assert_int_equal(CALL(w, "clock_time_get", U(id), U(1), U(100)), 0);
    /* sleep 20 ms with a relative clock subscription */
    uint8_t *s = mem + 2000;
    memset(s, 0, 48);
    uint64_t ud = 0x1122334455667788ull, to = 20000000;
    memcpy(s, &ud, 8);
    s[8] = WEV_CLOCK;
    st32(2016, WC_MONOTONIC);
    memcpy(s + 24, &to, 8);
    assert_int_equal(CALL(w, "poll_oneoff", U(2000), U(3000), U(1), U(300)), 0);
    assert_int_equal(ld32(300), 1);
    assert_int_equal(ld64(3000), ud);
    assert_int_equal(mem[3000 + 10], WEV_CLOCK);
    assert_int_equal(CALL(w, "clock_time_get", U(WC_MONOTONIC), U(0), U(100)), 0);
    assert_true(ld64(100) - t0 >= 20000000);
    assert_int_equal(CALL(w, "poll_oneoff", U(2000), U(3000), U(0), U(300)), WE_INVAL);
    assert_int_equal(CALL(w, "poll_oneoff", U(2000), U(MEMSIZE - 8), U(1), U(300)), WE_FAULT);
    /* an fd subscription on a bad fd reports BADF in the event */
    s[8] = WEV_FD_READ;
    st32(2016, 77);
    assert_int_equal(CALL(w, "poll_oneoff", U(2000), U(3000), U(1), U(300)), 0);
    assert_int_equal(ld32(300), 1);
    uint16_t ev_err;
    memcpy(&ev_err, mem + 3008, 2);
    assert_int_equal(ev_err, WE_BADF);
    /* random, yield, raise */
    memset(mem + 100, 0, 64);
    assert_int_equal(CALL(w, "random_get", U(100), U(64)), 0);
    int nz = 0;
    for (int i = 0; i < 64; i++)
        nz += mem[100 + i] != 0;
    assert_true(nz > 32);
    assert_int_equal(CALL(w, "random_get", U(MEMSIZE - 1), U(2)), WE_FAULT);
    assert_int_equal(CALL(w, "sched_yield", U(0)), 0);
    assert_int_equal(CALL(w, "proc_raise", U(6)), WE_NOSYS);
    assert_int_equal(CALL(w, "sock_accept", U(1), U(0), U(100)), WE_NOTSOCK);
    assert_int_equal(CALL(w, "sock_shutdown", U(66), U(3)), WE_BADF);
    /* proc_exit */
    uint64_t a[1] = { 42 };
    assert_int_equal(wd_wasi_call(w, "proc_exit", mem, MEMSIZE, a), WD_HOST_EXIT);
    assert_true(wd_wasi_exited(w));
    assert_int_equal(wd_wasi_exit_code(w), 42);
    assert_int_equal(wd_wasi_call(w, "no_such_call", mem, MEMSIZE, a), -2);
    destroy(w);
}

/* ---------------------------------------------------------------- tracer */

static char lines[16][512];
static int nlines;
static void collect(const wd_wasi_event *ev, void *user)
{
    (void)user;
    if (nlines < 16)
        snprintf(lines[nlines++], sizeof lines[0], "%s", ev->line);
}

static void test_trace(void **state)
{
    (void)state;
    wd_wasi *w = make();
    nlines = 0;
    uint32_t id = wd_wasi_add_monitor(w, collect, NULL);
    assert_true(id > 0);
    put_str(100, "hi\n");
    st32(200, 100); st32(204, 3);
    CALL(w, "fd_write", U(1), U(200), U(1), U(300));
    uint32_t fd;
    open_at(w, "nope.txt", 0, 1, &fd);
    open_at(w, "hello.txt", 0, 0, &fd);
    CALL(w, "fd_close", U(fd));
    CALL(w, "clock_time_get", U(7), U(0), U(100));
    uint64_t a[1] = { 3 };
    wd_wasi_call(w, "proc_exit", mem, MEMSIZE, a);
    assert_int_equal(nlines, 6);
    assert_string_equal(lines[0], "fd_write(1<<stdout>>, \"hi\\n\", 1) = 0 nwritten=3");
    assert_string_equal(lines[1],
        "path_open(3</sb>, SYMLINK_FOLLOW, \"nope.txt\", 0, "
        "FD_READ|FD_SEEK|FD_TELL|FD_WRITE|FD_READDIR|FD_FILESTAT_GET, 0, 0) = 44 NOENT (No such file or directory)");
    assert_string_equal(lines[2],
        "path_open(3</sb>, 0, \"hello.txt\", 0, "
        "FD_READ|FD_SEEK|FD_TELL|FD_WRITE|FD_READDIR|FD_FILESTAT_GET, 0, 0) = 0 fd=4</sb/hello.txt>");
    assert_string_equal(lines[3], "fd_close(4</sb/hello.txt>) = 0");
    assert_string_equal(lines[4], "clock_time_get(7, 0) = 28 INVAL (Invalid argument)");
    assert_string_equal(lines[5], "proc_exit(3) = ?");
    assert_true(wd_wasi_remove_monitor(w, id));
    assert_false(wd_wasi_remove_monitor(w, id));

    /* the JSON writer, through a memory stream, with a filter */
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    wd_wasi_writer wr;
    char err[256];
    assert_true(wd_wasi_writer_init(&wr, f, true, "fd_write", err, sizeof err));
    wd_wasi_add_monitor(w, wd_wasi_writer_fn, &wr);
    CALL(w, "fd_write", U(1), U(200), U(1), U(300));
    CALL(w, "sched_yield", U(0));
    fclose(f);
    wd_wasi_writer_fini(&wr);
    assert_non_null(strstr(buf, "{\"seq\":7,\"name\":\"fd_write\",\"class\":\"fd\",\"args\":["
                                "{\"name\":\"fd\",\"kind\":\"fd\",\"value\":1,\"text\":\"1<<stdout>>\"},"
                                "{\"name\":\"iovs\",\"kind\":\"bytes\",\"value\":3,\"text\":\"\\\"hi\\\\n\\\"\"},"
                                "{\"name\":\"iovs_len\",\"kind\":\"int\",\"value\":1}],"
                                "\"outs\":[{\"name\":\"nwritten\",\"kind\":\"int\",\"value\":3}],"
                                "\"errno\":0,\"errno_name\":\"SUCCESS\""));
    assert_null(strstr(buf, "sched_yield"));
    assert_int_equal(strchr(buf, '\n') - buf + 1, (long)size);   /* one line */
    free(buf);
    destroy(w);
}

static void test_filter(void **state)
{
    (void)state;
    wd_wasi_filter f;
    char err[256];
    assert_true(wd_wasi_filter_parse(&f, "file,fd_write", err, sizeof err));
    assert_true(wd_wasi_filter_match(&f, "path_open", WD_WASI_CLASS_FILE));
    assert_true(wd_wasi_filter_match(&f, "fd_write", WD_WASI_CLASS_FD));
    assert_false(wd_wasi_filter_match(&f, "fd_read", WD_WASI_CLASS_FD));
    wd_wasi_filter_free(&f);
    assert_true(wd_wasi_filter_parse(&f, "!clock,!fd_read", err, sizeof err));
    assert_false(wd_wasi_filter_match(&f, "clock_time_get", WD_WASI_CLASS_CLOCK));
    assert_false(wd_wasi_filter_match(&f, "fd_read", WD_WASI_CLASS_FD));
    assert_true(wd_wasi_filter_match(&f, "fd_write", WD_WASI_CLASS_FD));
    wd_wasi_filter_free(&f);
    assert_true(wd_wasi_filter_parse(&f, "fd,!fd_seek", err, sizeof err));
    assert_true(wd_wasi_filter_match(&f, "fd_read", WD_WASI_CLASS_FD));
    assert_false(wd_wasi_filter_match(&f, "fd_seek", WD_WASI_CLASS_FD));
    assert_false(wd_wasi_filter_match(&f, "path_open", WD_WASI_CLASS_FILE));
    wd_wasi_filter_free(&f);
    assert_false(wd_wasi_filter_parse(&f, "fd_wrte", err, sizeof err));
    assert_non_null(strstr(err, "fd_wrte"));
    /* the message names close calls and the classes, and no option (callers add theirs) */
    assert_non_null(strstr(err, "did you mean fd_pwrite, fd_write?"));
    assert_non_null(strstr(err, "classes: args env clock random fd file poll proc sock"));
    assert_null(strstr(err, "--"));
    /* nothing close: the call families instead */
    assert_false(wd_wasi_filter_parse(&f, "bogus", err, sizeof err));
    assert_non_null(strstr(err, "calls: args_* environ_* clock_* fd_* path_* poll_oneoff "
                                "proc_* random_get sched_yield sock_*;"));
    /* a small buffer truncates, never overflows */
    char small[24];
    assert_false(wd_wasi_filter_parse(&f, "bogus", small, sizeof small));
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_false(wd_wasi_filter_parse(&f, "a_name_that_is_much_too_long_for_any_call_or_class_"
                                          "at_all_really", err, sizeof err));
    assert_non_null(strstr(err, "too long"));
    assert_true(wd_wasi_filter_parse(&f, NULL, err, sizeof err));
    assert_true(wd_wasi_filter_match(&f, "anything", WD_WASI_CLASS_SOCK));
    wd_wasi_filter_free(&f);
}

/* ---------------------------------------------------------------- deferred waits */

static int blocked_call(wd_wasi *w, const char *name, uint64_t *a)
{
    return wd_wasi_call(w, name, mem, MEMSIZE, a);
}

/* fd_read of an empty stdin pipe and a poll that would wait return WD_HOST_BLOCKED instead;
 * the poll's timeout keeps counting from its first attempt. */
static void test_deferred_waits(void **state)
{
    (void)state;
    int in[2];
    assert_int_equal(pipe(in), 0);
    static const char *const argv[] = { "prog" };
    wd_wasi_config cfg = { .argc = 1, .argv = argv, .stdin_fd = in[0], .stdout_fd = -1,
                           .stderr_fd = -1 };
    char err[256];
    wd_wasi *w = wd_wasi_new(&cfg, err, sizeof err);
    assert_non_null(w);
    close(in[0]);
    wd_wasi_set_defer_waits(w, true);
    memset(mem, 0, sizeof mem);
    st32(100, 200);   /* one iovec: 16 bytes at 200 */
    st32(104, 16);
    uint64_t a[16] = { 0, 100, 1, 300 };
    assert_int_equal(blocked_call(w, "fd_read", a), WD_HOST_BLOCKED);
    wd_wasi_wait wt;
    wd_wasi_waiting(w, &wt);
    assert_true(wt.blocked && wt.input);
    assert_true(wt.deadline_ns == -1);
    assert_int_equal(ld32(300), 0);   /* nothing written */
    assert_int_equal(write(in[1], "hi\n", 3), 3);
    uint64_t b[16] = { 0, 100, 1, 300 };
    assert_int_equal(blocked_call(w, "fd_read", b), 0);
    assert_int_equal(b[0], WE_SUCCESS);
    assert_int_equal(ld32(300), 3);
    assert_memory_equal(mem + 200, "hi\n", 3);
    wd_wasi_waiting(w, &wt);
    assert_false(wt.blocked);

    /* poll: stdin readable or 150 ms */
    uint8_t *sub = mem + 1000;
    memset(sub, 0, 2 * W_SUBSCRIPTION_SIZE);
    sub[0] = 1;                       /* userdata */
    sub[8] = WEV_FD_READ;             /* fd 0 */
    sub += W_SUBSCRIPTION_SIZE;
    sub[0] = 2;
    sub[8] = WEV_CLOCK;
    uint64_t timeout = 150000000;
    memcpy(sub + 16, &(uint32_t){ 1 }, 4);   /* monotonic */
    memcpy(sub + 24, &timeout, 8);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t c[16] = { 1000, 2000, 2, 2100 };
    assert_int_equal(blocked_call(w, "poll_oneoff", c), WD_HOST_BLOCKED);
    wd_wasi_waiting(w, &wt);
    assert_true(wt.blocked && wt.input);
    int64_t start = (int64_t)t0.tv_sec * 1000000000 + t0.tv_nsec;
    assert_true(wt.deadline_ns >= start + 150000000 && wt.deadline_ns < start + 1150000000);
    /* tried again until the timeout: still the first attempt's deadline */
    int tries = 1;
    uint64_t d[16];
    do {
        usleep(20000);
        uint64_t dd[16] = { 1000, 2000, 2, 2100 };
        memcpy(d, dd, sizeof d);
        tries++;
    } while (blocked_call(w, "poll_oneoff", d) == WD_HOST_BLOCKED && tries < 200);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int64_t waited = ((int64_t)t1.tv_sec * 1000000000 + t1.tv_nsec) - start;
    assert_true(waited >= 150000000 && waited < 2000000000);
    assert_int_equal(d[0], WE_SUCCESS);
    assert_int_equal(ld32(2100), 1);
    assert_int_equal(mem[2000], 2);                 /* the clock's userdata */
    assert_int_equal(mem[2000 + 10], WEV_CLOCK);
    /* end of input: ready at once */
    close(in[1]);
    uint64_t e[16] = { 0, 100, 1, 300 };
    assert_int_equal(blocked_call(w, "fd_read", e), 0);
    assert_int_equal(ld32(300), 0);
    wd_wasi_free(w);
}

/* sock_accept and sock_recv wait the same way on a preopened listening socket. */
static void test_deferred_socket(void **state)
{
    (void)state;
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(ls >= 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(ls, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(ls, 4), 0);
    socklen_t sl = sizeof sa;
    assert_int_equal(getsockname(ls, (struct sockaddr *)&sa, &sl), 0);
    static const char *const argv[] = { "prog" };
    wd_wasi_socket sock = { ls, "listen" };
    wd_wasi_config cfg = { .argc = 1, .argv = argv, .stdin_fd = -1, .stdout_fd = -1,
                           .stderr_fd = -1, .nsockets = 1, .sockets = &sock };
    char err[256];
    wd_wasi *w = wd_wasi_new(&cfg, err, sizeof err);
    assert_non_null(w);
    close(ls);
    wd_wasi_set_defer_waits(w, true);
    memset(mem, 0, sizeof mem);
    uint64_t a[16] = { 3, 0, 300 };
    assert_int_equal(blocked_call(w, "sock_accept", a), WD_HOST_BLOCKED);
    wd_wasi_wait wt;
    wd_wasi_waiting(w, &wt);
    assert_true(wt.blocked);
    assert_false(wt.input);
    int cs = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(cs, (struct sockaddr *)&sa, sizeof sa), 0);
    uint64_t b[16] = { 3, 0, 300 };
    assert_int_equal(blocked_call(w, "sock_accept", b), 0);
    assert_int_equal(b[0], WE_SUCCESS);
    uint32_t fd = ld32(300);
    st32(100, 200);
    st32(104, 16);
    uint64_t r1[16] = { fd, 100, 1, 0, 310, 320 };
    assert_int_equal(blocked_call(w, "sock_recv", r1), WD_HOST_BLOCKED);
    assert_int_equal(write(cs, "ping", 4), 4);
    uint64_t r2[16] = { fd, 100, 1, 0, 310, 320 };
    assert_int_equal(blocked_call(w, "sock_recv", r2), 0);
    assert_int_equal(r2[0], WE_SUCCESS);
    assert_int_equal(ld32(310), 4);
    assert_memory_equal(mem + 200, "ping", 4);
    close(cs);
    wd_wasi_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args_env),
        cmocka_unit_test(test_fd_write),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_sandbox),
        cmocka_unit_test(test_rename_race),
        cmocka_unit_test(test_sandbox_walk),
        cmocka_unit_test(test_rename_race_walk),
        cmocka_unit_test(test_clocks_poll),
        cmocka_unit_test(test_trace),
        cmocka_unit_test(test_filter),
        cmocka_unit_test(test_deferred_waits),
        cmocka_unit_test(test_deferred_socket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
