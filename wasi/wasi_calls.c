/* wasi_calls.c: every wasi_snapshot_preview1 function.
 *
 * Each call first checks every guest pointer it will touch (the whole range, with 64-bit
 * arithmetic: a u32 pointer plus a u32 length cannot wrap) and every fd and right, and
 * only then does its host work, so a call that fails with FAULT, BADF or NOTCAPABLE has no
 * side effect. Output structures are written after the host work succeeded. */
#define _GNU_SOURCE   /* O_PATH, ppoll, accept4 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "wasi_internal.h"

#define A32(i) ((uint32_t)c->a[i])
#define A64(i) (c->a[i])
#define W_IOV_BATCH 1024u

/* ---------------------------------------------------------------- helpers */

/* Checks an iovec array and every buffer in it. */
static uint16_t iovs_check(const wcall *c, uint32_t iovs, uint32_t n)
{
    const uint8_t *arr = wm_at(c, iovs, (uint64_t)n * W_IOVEC_SIZE);
    if (!arr)
        return WE_FAULT;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t buf = wm_ld32(arr + i * W_IOVEC_SIZE);
        uint32_t len = wm_ld32(arr + i * W_IOVEC_SIZE + 4);
        if (!wm_ok(c, buf, len))
            return WE_FAULT;
    }
    return WE_SUCCESS;
}

/* Fills up to W_IOV_BATCH host iovecs from guest iovecs [*i, n), skipping empty ones. */
static int iovs_batch(const wcall *c, uint32_t iovs, uint32_t n, uint32_t *i, struct iovec *v,
                      uint64_t *total)
{
    int k = 0;
    *total = 0;
    const uint8_t *arr = c->mem + iovs;
    while (*i < n && k < (int)W_IOV_BATCH) {
        uint32_t buf = wm_ld32(arr + *i * W_IOVEC_SIZE);
        uint32_t len = wm_ld32(arr + *i * W_IOVEC_SIZE + 4);
        (*i)++;
        if (len == 0)
            continue;
        v[k].iov_base = c->mem + buf;
        v[k].iov_len = len;
        *total += len;
        k++;
        if (*total >= 0x40000000u)   /* keep each syscall well below SSIZE_MAX */
            break;
    }
    return k;
}

/* Advances v[0..k) by n bytes (a partial write). */
static int iov_advance(struct iovec *v, int k, size_t n, int *first)
{
    int f = *first;
    while (f < k && n >= v[f].iov_len) {
        n -= v[f].iov_len;
        f++;
    }
    if (f < k && n) {
        v[f].iov_base = (uint8_t *)v[f].iov_base + n;
        v[f].iov_len -= n;
    }
    *first = f;
    return k - f;
}

/* Writes everything (retrying short writes). pos < 0: at the file position. A host error
 * after some bytes were written reports those bytes as success (the data is not lost). */
static uint16_t do_write(wcall *c, int fd, uint32_t iovs, uint32_t n, int64_t pos,
                         uint64_t *done)
{
    struct iovec v[W_IOV_BATCH];
    uint32_t i = 0;
    *done = 0;
    while (i < n) {
        uint64_t total;
        int k = iovs_batch(c, iovs, n, &i, v, &total);
        int first = 0;
        while (first < k) {
            ssize_t r = pos < 0 ? writev(fd, v + first, k - first)
                                : pwritev(fd, v + first, k - first, pos + (int64_t)*done);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                return *done ? WE_SUCCESS : wasi_errno(errno);
            }
            if (r == 0)
                return *done ? WE_SUCCESS : WE_IO;
            *done += (uint64_t)r;
            iov_advance(v, k, (size_t)r, &first);
        }
    }
    return WE_SUCCESS;
}

static uint16_t do_read(wcall *c, int fd, uint32_t iovs, uint32_t n, int64_t pos,
                        uint64_t *done)
{
    struct iovec v[W_IOV_BATCH];
    uint32_t i = 0;
    *done = 0;
    while (i < n) {
        uint64_t total;
        int k = iovs_batch(c, iovs, n, &i, v, &total);
        if (k == 0)
            break;
        ssize_t r;
        do {
            r = pos < 0 ? readv(fd, v, k) : preadv(fd, v, k, pos + (int64_t)*done);
        } while (r < 0 && errno == EINTR);
        if (r < 0)
            return *done ? WE_SUCCESS : wasi_errno(errno);
        *done += (uint64_t)r;
        if ((uint64_t)r < total)
            break;
    }
    return WE_SUCCESS;
}

static uint8_t mode_filetype(mode_t m)
{
    if (S_ISREG(m)) return WF_REGULAR_FILE;
    if (S_ISDIR(m)) return WF_DIRECTORY;
    if (S_ISCHR(m)) return WF_CHARACTER_DEVICE;
    if (S_ISBLK(m)) return WF_BLOCK_DEVICE;
    if (S_ISLNK(m)) return WF_SYMBOLIC_LINK;
    if (S_ISSOCK(m)) return WF_SOCKET_STREAM;
    return WF_UNKNOWN;
}

static uint64_t ts_ns(struct timespec t)
{
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static void put_filestat(uint8_t *p, const struct stat *st)
{
    memset(p, 0, W_FILESTAT_SIZE);
    wm_st64(p + 0, (uint64_t)st->st_dev);
    wm_st64(p + 8, (uint64_t)st->st_ino);
    p[16] = mode_filetype(st->st_mode);
    wm_st64(p + 24, (uint64_t)st->st_nlink);
    wm_st64(p + 32, (uint64_t)st->st_size);
    wm_st64(p + 40, ts_ns(st->st_atim));
    wm_st64(p + 48, ts_ns(st->st_mtim));
    wm_st64(p + 56, ts_ns(st->st_ctim));
}

static bool host_clock(uint32_t id, clockid_t *out)
{
    switch (id) {
    case WC_REALTIME: *out = CLOCK_REALTIME; return true;
    case WC_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
    case WC_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case WC_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return true;
    default: return false;
    }
}

/* fst_flags -> two timespecs for futimens/utimensat */
static uint16_t make_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2])
{
    if (fst & ~(WT_ATIM | WT_ATIM_NOW | WT_MTIM | WT_MTIM_NOW))
        return WE_INVAL;
    if (((fst & WT_ATIM) && (fst & WT_ATIM_NOW)) || ((fst & WT_MTIM) && (fst & WT_MTIM_NOW)))
        return WE_INVAL;
    ts[0].tv_sec = 0;
    ts[1].tv_sec = 0;
    ts[0].tv_nsec = UTIME_OMIT;
    ts[1].tv_nsec = UTIME_OMIT;
    if (fst & WT_ATIM_NOW)
        ts[0].tv_nsec = UTIME_NOW;
    else if (fst & WT_ATIM) {
        ts[0].tv_sec = (time_t)(atim / 1000000000ull);
        ts[0].tv_nsec = (long)(atim % 1000000000ull);
    }
    if (fst & WT_MTIM_NOW)
        ts[1].tv_nsec = UTIME_NOW;
    else if (fst & WT_MTIM) {
        ts[1].tv_sec = (time_t)(mtim / 1000000000ull);
        ts[1].tv_nsec = (long)(mtim % 1000000000ull);
    }
    return WE_SUCCESS;
}

/* A directory fd with the rights for a path operation. */
static uint16_t dir_get(wcall *c, uint32_t fd, uint64_t need, wfd **out)
{
    wfd *f = wasi_fd(c->w, fd);
    if (!f)
        return WE_BADF;
    if (f->type != WF_DIRECTORY)
        return WE_NOTDIR;
    if ((f->rights & need) != need)
        return WE_NOTCAPABLE;
    *out = f;
    return WE_SUCCESS;
}

/* Copies the guest path and resolves it below dir. */
static uint16_t resolve_at(wcall *c, wfd *dir, uint32_t ptr, uint32_t len, bool follow,
                           wpath *p, char **gpath)
{
    char *s;
    p->name = NULL;
    p->dirfd = -1;
    p->owned = false;
    uint16_t e = wasi_path_copy(c, ptr, len, &s);
    if (e)
        return e;
    e = wasi_resolve(dir->host, s, follow, p);
    if (gpath && !e)
        *gpath = s;
    else
        free(s);
    return e;
}

/* A trailing slash requires a directory. */
static uint16_t slash_check(const wpath *p)
{
    if (!p->trailing_slash)
        return WE_SUCCESS;
    struct stat st;
    if (fstatat(p->dirfd, p->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
        return WE_NOTDIR;
    return WE_SUCCESS;
}

/* ---------------------------------------------------------------- args, environ */

static uint16_t strings_sizes(wcall *c, int n, char **v)
{
    uint8_t *pn = wm_at(c, A32(0), 4), *ps = wm_at(c, A32(1), 4);
    if (!pn || !ps)
        return WE_FAULT;
    uint64_t total = 0;
    for (int i = 0; i < n; i++)
        total += strlen(v[i]) + 1;
    wm_st32(pn, (uint32_t)n);
    wm_st32(ps, (uint32_t)total);
    return WE_SUCCESS;
}

static uint16_t strings_get(wcall *c, int n, char **v)
{
    uint64_t total = 0;
    for (int i = 0; i < n; i++)
        total += strlen(v[i]) + 1;
    uint8_t *ptrs = wm_at(c, A32(0), (uint64_t)n * 4);
    uint8_t *buf = wm_at(c, A32(1), total);
    if (!ptrs || !buf)
        return WE_FAULT;
    uint32_t off = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(v[i]) + 1;
        wm_st32(ptrs + 4 * (size_t)i, A32(1) + off);
        memcpy(buf + off, v[i], len);
        off += (uint32_t)len;
    }
    return WE_SUCCESS;
}

static uint16_t w_args_get(wcall *c) { return strings_get(c, c->w->argc, c->w->argv); }
static uint16_t w_args_sizes_get(wcall *c) { return strings_sizes(c, c->w->argc, c->w->argv); }
static uint16_t w_environ_get(wcall *c) { return strings_get(c, c->w->envc, c->w->envp); }
static uint16_t w_environ_sizes_get(wcall *c)
{
    return strings_sizes(c, c->w->envc, c->w->envp);
}

/* ---------------------------------------------------------------- clocks, random */

static uint16_t w_clock_res_get(wcall *c)
{
    clockid_t id;
    if (!host_clock(A32(0), &id))
        return WE_INVAL;
    uint8_t *p = wm_at(c, A32(1), 8);
    if (!p)
        return WE_FAULT;
    struct timespec ts;
    if (clock_getres(id, &ts) != 0)
        return wasi_errno(errno);
    wm_st64(p, ts_ns(ts));
    return WE_SUCCESS;
}

static uint16_t w_clock_time_get(wcall *c)
{
    clockid_t id;
    if (!host_clock(A32(0), &id))
        return WE_INVAL;
    uint8_t *p = wm_at(c, A32(2), 8);
    if (!p)
        return WE_FAULT;
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        return wasi_errno(errno);
    wm_st64(p, ts_ns(ts));
    return WE_SUCCESS;
}

static uint16_t w_random_get(wcall *c)
{
    uint32_t len = A32(1);
    uint8_t *p = wm_at(c, A32(0), len);
    if (!p)
        return WE_FAULT;
    size_t got = 0;
    while (got < len) {
        ssize_t r = getrandom(p + got, len - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return wasi_errno(errno);
        }
        got += (size_t)r;
    }
    return WE_SUCCESS;
}

/* ---------------------------------------------------------------- fd_* */

static uint16_t w_fd_advise(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_ADVISE, &f);
    if (e)
        return e;
    static const int adv[] = { POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE };
    uint32_t a = A32(3);
    if (a > 5 || (int64_t)A64(1) < 0 || (int64_t)A64(2) < 0)
        return WE_INVAL;
    if (f->type == WF_DIRECTORY)
        return WE_SUCCESS;   /* advice is only advice */
    int r = posix_fadvise(f->host, (off_t)A64(1), (off_t)A64(2), adv[a]);
    return r ? wasi_errno(r) : WE_SUCCESS;
}

static uint16_t w_fd_allocate(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_ALLOCATE, &f);
    if (e)
        return e;
    if ((int64_t)A64(1) < 0 || (int64_t)A64(2) <= 0 || A64(1) + A64(2) > (uint64_t)INT64_MAX)
        return WE_INVAL;
    int r = posix_fallocate(f->host, (off_t)A64(1), (off_t)A64(2));
    return r ? wasi_errno(r) : WE_SUCCESS;
}

static uint16_t w_fd_close(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f)
        return WE_BADF;
    int h = f->host;
    f->host = -1;
    wasi_fd_release(f);
    /* Linux closes the fd even when close() reports EINTR/EIO; report EIO then */
    if (close(h) != 0 && errno == EIO)
        return WE_IO;
    return WE_SUCCESS;
}

static uint16_t w_fd_datasync(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_DATASYNC, &f);
    if (e)
        return e;
    return fdatasync(f->host) ? wasi_errno(errno) : WE_SUCCESS;
}

static uint16_t w_fd_sync(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_SYNC, &f);
    if (e)
        return e;
    return fsync(f->host) ? wasi_errno(errno) : WE_SUCCESS;
}

static uint16_t w_fd_fdstat_get(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f)
        return WE_BADF;
    uint8_t *p = wm_at(c, A32(1), W_FDSTAT_SIZE);
    if (!p)
        return WE_FAULT;
    int fl = fcntl(f->host, F_GETFL);
    if (fl < 0)
        return wasi_errno(errno);
    uint16_t flags = 0;
    if (fl & O_APPEND) flags |= WFD_APPEND;
    if (fl & O_NONBLOCK) flags |= WFD_NONBLOCK;
    if ((fl & O_SYNC) == O_SYNC) flags |= WFD_SYNC;
    else if (fl & O_DSYNC) flags |= WFD_DSYNC;
    memset(p, 0, W_FDSTAT_SIZE);
    p[0] = f->type;
    wm_st16(p + 2, flags);
    wm_st64(p + 8, f->rights);
    wm_st64(p + 16, f->inheriting);
    return WE_SUCCESS;
}

static uint16_t w_fd_fdstat_set_flags(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_FDSTAT_SET_FLAGS, &f);
    if (e)
        return e;
    uint32_t fl = A32(1);
    if (fl & ~(WFD_APPEND | WFD_DSYNC | WFD_NONBLOCK | WFD_RSYNC | WFD_SYNC))
        return WE_INVAL;
    if (fl & (WFD_DSYNC | WFD_RSYNC | WFD_SYNC))
        return WE_NOTSUP;   /* Linux cannot change these on an open file */
    int cur = fcntl(f->host, F_GETFL);
    if (cur < 0)
        return wasi_errno(errno);
    cur &= ~(O_APPEND | O_NONBLOCK);
    if (fl & WFD_APPEND) cur |= O_APPEND;
    if (fl & WFD_NONBLOCK) cur |= O_NONBLOCK;
    return fcntl(f->host, F_SETFL, cur) ? wasi_errno(errno) : WE_SUCCESS;
}

static uint16_t w_fd_fdstat_set_rights(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f)
        return WE_BADF;
    uint64_t b = A64(1), i = A64(2);
    if ((b & ~f->rights) || (i & ~f->inheriting))
        return WE_NOTCAPABLE;
    f->rights = b;
    f->inheriting = i;
    return WE_SUCCESS;
}

static uint16_t w_fd_filestat_get(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_FILESTAT_GET, &f);
    if (e)
        return e;
    uint8_t *p = wm_at(c, A32(1), W_FILESTAT_SIZE);
    if (!p)
        return WE_FAULT;
    struct stat st;
    if (fstat(f->host, &st) != 0)
        return wasi_errno(errno);
    put_filestat(p, &st);
    if (f->type == WF_SOCKET_DGRAM)
        p[16] = WF_SOCKET_DGRAM;
    return WE_SUCCESS;
}

static uint16_t w_fd_filestat_set_size(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_FILESTAT_SET_SIZE, &f);
    if (e)
        return e;
    if (A64(1) > (uint64_t)INT64_MAX)
        return WE_INVAL;
    return ftruncate(f->host, (off_t)A64(1)) ? wasi_errno(errno) : WE_SUCCESS;
}

static uint16_t w_fd_filestat_set_times(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_FILESTAT_SET_TIMES, &f);
    if (e)
        return e;
    struct timespec ts[2];
    e = make_times(A64(1), A64(2), A32(3), ts);
    if (e)
        return e;
    return futimens(f->host, ts) ? wasi_errno(errno) : WE_SUCCESS;
}

static uint16_t w_fd_pread(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_READ | WR_FD_SEEK, &f);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(4), 4);
    if (!out || iovs_check(c, A32(1), A32(2)))
        return WE_FAULT;
    if (f->type == WF_DIRECTORY)
        return WE_ISDIR;
    if (A64(3) > (uint64_t)INT64_MAX)
        return WE_INVAL;
    uint64_t n;
    e = do_read(c, f->host, A32(1), A32(2), (int64_t)A64(3), &n);
    if (e)
        return e;
    c->xfer = n;
    wm_st32(out, (uint32_t)n);
    return WE_SUCCESS;
}

static uint16_t w_fd_pwrite(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_WRITE | WR_FD_SEEK, &f);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(4), 4);
    if (!out || iovs_check(c, A32(1), A32(2)))
        return WE_FAULT;
    if (A64(3) > (uint64_t)INT64_MAX)
        return WE_INVAL;
    uint64_t n;
    e = do_write(c, f->host, A32(1), A32(2), (int64_t)A64(3), &n);
    if (e)
        return e;
    c->xfer = n;
    wm_st32(out, (uint32_t)n);
    return WE_SUCCESS;
}

/* Deferred waits: would a read of this host fd wait? (Regular files and fds the guest made
 * non-blocking never do.) */
static bool read_would_block(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_NONBLOCK))
        return false;
    struct pollfd p = { fd, POLLIN, 0 };
    return poll(&p, 1, 0) == 0;
}

static uint16_t w_fd_read(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_READ, &f);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(3), 4);
    if (!out || iovs_check(c, A32(1), A32(2)))
        return WE_FAULT;
    if (c->w->defer && f->type != WF_REGULAR_FILE && f->type != WF_DIRECTORY &&
        read_would_block(f->host)) {
        c->w->block_input = A32(0) == 0;
        return W_BLOCKED;
    }
    uint64_t n;
    e = do_read(c, f->host, A32(1), A32(2), -1, &n);
    if (e)
        return e;
    c->xfer = n;
    wm_st32(out, (uint32_t)n);
    return WE_SUCCESS;
}

static uint16_t w_fd_write(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_WRITE, &f);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(3), 4);
    if (!out || iovs_check(c, A32(1), A32(2)))
        return WE_FAULT;
    uint64_t n;
    e = do_write(c, f->host, A32(1), A32(2), -1, &n);
    if (e)
        return e;
    c->xfer = n;
    wm_st32(out, (uint32_t)n);
    return WE_SUCCESS;
}

static uint16_t w_fd_prestat_get(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f || !f->preopen)
        return WE_BADF;
    uint8_t *p = wm_at(c, A32(1), W_PRESTAT_SIZE);
    if (!p)
        return WE_FAULT;
    memset(p, 0, W_PRESTAT_SIZE);
    p[0] = 0;   /* preopentype dir */
    wm_st32(p + 4, (uint32_t)strlen(f->path));
    return WE_SUCCESS;
}

static uint16_t w_fd_prestat_dir_name(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f || !f->preopen)
        return WE_BADF;
    size_t len = strlen(f->path);
    uint8_t *p = wm_at(c, A32(1), A32(2));
    if (!p)
        return WE_FAULT;
    if (A32(2) < len)
        return WE_NAMETOOLONG;
    memcpy(p, f->path, len);
    return WE_SUCCESS;
}

static int cmp_dent(const void *a, const void *b)
{
    return strcmp(((const wdent *)a)->name, ((const wdent *)b)->name);
}

static uint8_t dtype_filetype(unsigned char t)
{
    switch (t) {
    case DT_REG: return WF_REGULAR_FILE;
    case DT_DIR: return WF_DIRECTORY;
    case DT_LNK: return WF_SYMBOLIC_LINK;
    case DT_CHR: return WF_CHARACTER_DEVICE;
    case DT_BLK: return WF_BLOCK_DEVICE;
    case DT_SOCK: return WF_SOCKET_STREAM;
    default: return WF_UNKNOWN;
    }
}

/* Takes a sorted snapshot of the directory (sorted so that runs are reproducible). */
static uint16_t load_dents(wfd *f)
{
    wasi_fd_clear_dents(f);
    int h = openat(f->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (h < 0)
        return wasi_errno(errno);
    DIR *d = fdopendir(h);
    if (!d) {
        int e = errno;
        close(h);
        return wasi_errno(e);
    }
    uint32_t cap = 0;
    struct dirent *de;
    uint16_t e = WE_SUCCESS;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        if (f->nents == cap) {
            cap = cap ? cap * 2 : 32;
            wdent *n = realloc(f->ents, cap * sizeof *n);
            if (!n) {
                e = WE_NOMEM;
                break;
            }
            f->ents = n;
        }
        wdent *en = &f->ents[f->nents];
        en->name = strdup(de->d_name);
        if (!en->name) {
            e = WE_NOMEM;
            break;
        }
        en->ino = de->d_ino;
        en->type = dtype_filetype(de->d_type);
        if (de->d_type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
                en->type = mode_filetype(st.st_mode);
        }
        f->nents++;
        errno = 0;
    }
    if (!e && errno)
        e = wasi_errno(errno);
    closedir(d);
    if (e) {
        wasi_fd_clear_dents(f);
        return e;
    }
    if (f->nents > 1)
        qsort(f->ents, f->nents, sizeof *f->ents, cmp_dent);
    f->have_ents = true;
    return WE_SUCCESS;
}

static uint16_t w_fd_readdir(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f)
        return WE_BADF;
    if (f->type != WF_DIRECTORY)
        return WE_NOTDIR;
    if (!(f->rights & WR_FD_READDIR))
        return WE_NOTCAPABLE;
    uint16_t e;
    uint32_t blen = A32(2);
    uint8_t *buf = wm_at(c, A32(1), blen);
    uint8_t *used = wm_at(c, A32(4), 4);
    if (!buf || !used)
        return WE_FAULT;
    uint64_t cookie = A64(3);
    if (cookie == 0 || !f->have_ents) {
        e = load_dents(f);
        if (e)
            return e;
    }
    uint32_t off = 0;
    for (uint64_t i = cookie; i < f->nents && off < blen; i++) {
        const wdent *en = &f->ents[i];
        size_t nlen = strlen(en->name);
        uint8_t hdr[W_DIRENT_SIZE];
        memset(hdr, 0, sizeof hdr);
        wm_st64(hdr + 0, i + 1);
        wm_st64(hdr + 8, en->ino);
        wm_st32(hdr + 16, (uint32_t)nlen);
        hdr[20] = en->type;
        uint32_t n = blen - off < W_DIRENT_SIZE ? blen - off : W_DIRENT_SIZE;
        memcpy(buf + off, hdr, n);
        off += n;
        n = blen - off < nlen ? blen - off : (uint32_t)nlen;
        memcpy(buf + off, en->name, n);
        off += n;
    }
    c->xfer = off;
    wm_st32(used, off);
    return WE_SUCCESS;
}

static uint16_t w_fd_renumber(wcall *c)
{
    wfd *from = wasi_fd(c->w, A32(0));
    wfd *to = wasi_fd(c->w, A32(1));
    if (!from || !to)
        return WE_BADF;
    if (from == to)
        return WE_SUCCESS;
    wasi_fd_release(to);
    *to = *from;
    memset(from, 0, sizeof *from);
    from->host = -1;
    return WE_SUCCESS;
}

static uint16_t w_fd_seek(wcall *c)
{
    wfd *f = wasi_fd(c->w, A32(0));
    if (!f)
        return WE_BADF;
    int64_t off = (int64_t)A64(1);
    uint32_t wh = A32(2);
    uint64_t need = (off == 0 && wh == WW_CUR) ? WR_FD_TELL : WR_FD_SEEK;
    if (!(f->rights & need) && !(need == WR_FD_TELL && (f->rights & WR_FD_SEEK)))
        return WE_NOTCAPABLE;
    uint8_t *p = wm_at(c, A32(3), 8);
    if (!p)
        return WE_FAULT;
    int hw;
    switch (wh) {
    case WW_SET: hw = SEEK_SET; break;
    case WW_CUR: hw = SEEK_CUR; break;
    case WW_END: hw = SEEK_END; break;
    default: return WE_INVAL;
    }
    if (f->type == WF_DIRECTORY)
        return WE_ISDIR;
    off_t r = lseek(f->host, (off_t)off, hw);
    if (r < 0)
        return wasi_errno(errno);
    wm_st64(p, (uint64_t)r);
    return WE_SUCCESS;
}

static uint16_t w_fd_tell(wcall *c)
{
    wfd *f;
    uint16_t e = wasi_fd_get(c->w, A32(0), WR_FD_TELL, &f);
    if (e)
        return e;
    uint8_t *p = wm_at(c, A32(1), 8);
    if (!p)
        return WE_FAULT;
    off_t r = lseek(f->host, 0, SEEK_CUR);
    if (r < 0)
        return wasi_errno(errno);
    wm_st64(p, (uint64_t)r);
    return WE_SUCCESS;
}

/* ---------------------------------------------------------------- path_* */

static char *join_path(const char *dir, const char *rel)
{
    size_t a = strlen(dir), b = strlen(rel);
    char *s = malloc(a + b + 2);
    if (!s)
        return NULL;
    memcpy(s, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        s[k++] = '/';
    memcpy(s + k, rel, b + 1);
    return s;
}

static uint16_t w_path_open(wcall *c)
{
    uint32_t oflags = A32(4), fdflags = A32(7);
    uint64_t base = A64(5), inh = A64(6);
    uint64_t need = WR_PATH_OPEN;
    if (oflags & WO_CREAT)
        need |= WR_PATH_CREATE_FILE;
    if (oflags & WO_TRUNC)
        need |= WR_PATH_FILESTAT_SET_SIZE;
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), need, &dir);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(8), 4);
    if (!out)
        return WE_FAULT;
    if ((oflags & ~(WO_CREAT | WO_DIRECTORY | WO_EXCL | WO_TRUNC)) ||
        (fdflags & ~(WFD_APPEND | WFD_DSYNC | WFD_NONBLOCK | WFD_RSYNC | WFD_SYNC)) ||
        (A32(1) & ~WL_SYMLINK_FOLLOW))
        return WE_INVAL;
    if ((base & ~dir->inheriting) || (inh & ~dir->inheriting))
        return WE_NOTCAPABLE;
    if ((oflags & WO_DIRECTORY) && (oflags & (WO_CREAT | WO_TRUNC)))
        return WE_INVAL;

    int hf = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
    bool wr = base & (WR_FD_WRITE | WR_FD_DATASYNC | WR_FD_ALLOCATE | WR_FD_FILESTAT_SET_SIZE);
    bool rd = base & (WR_FD_READ | WR_FD_READDIR);
    if (oflags & WO_DIRECTORY)
        hf |= O_RDONLY | O_DIRECTORY;
    else if (wr && rd)
        hf |= O_RDWR;
    else if (wr)
        hf |= O_WRONLY;
    else
        hf |= O_RDONLY;
    if (oflags & WO_CREAT) hf |= O_CREAT;
    if (oflags & WO_EXCL) hf |= O_EXCL;
    if (oflags & WO_TRUNC) hf |= O_TRUNC;
    if (fdflags & WFD_APPEND) hf |= O_APPEND;
    if (fdflags & WFD_DSYNC) hf |= O_DSYNC;
    if (fdflags & WFD_NONBLOCK) hf |= O_NONBLOCK;
    if (fdflags & WFD_RSYNC) hf |= O_RSYNC;
    if (fdflags & WFD_SYNC) hf |= O_SYNC;

    wpath p;
    char *gpath = NULL;
    bool follow = A32(1) & WL_SYMLINK_FOLLOW;
    int h = -1;
    /* A symlink that appears between resolution and open makes O_NOFOLLOW fail with ELOOP;
     * when following, resolve again (bounded). */
    for (int tries = 0; tries < 8; tries++) {
        free(gpath);
        gpath = NULL;
        e = resolve_at(c, dir, A32(2), A32(3), follow, &p, &gpath);
        if (e)
            return e;
        int fl = hf | (p.trailing_slash ? O_DIRECTORY : 0);
        h = openat(p.dirfd, p.name, fl, 0666);
        int err = errno;
        wpath_release(&p);
        if (h >= 0)
            break;
        if (!(follow && err == ELOOP)) {
            free(gpath);
            return wasi_errno(err);
        }
    }
    if (h < 0) {
        free(gpath);
        return WE_LOOP;
    }
    uint64_t trights, tinh;
    uint8_t type = wasi_host_filetype(h, &trights, &tinh);
    (void)tinh;
    /* a directory reached without O_DIRECTORY keeps the directory rights */
    uint64_t rights = base & (type == WF_DIRECTORY ? WR_DIR_BASE : trights);
    char *path = join_path(dir->path, gpath);
    free(gpath);
    uint32_t fd;
    e = wasi_fd_alloc(c->w, h, type, rights, type == WF_DIRECTORY ? inh : inh, path, &fd);
    if (e)
        return e;
    c->newfd = (int)fd;
    wm_st32(out, fd);
    return WE_SUCCESS;
}

static uint16_t w_path_create_directory(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), WR_PATH_CREATE_DIRECTORY, &dir);
    if (e)
        return e;
    wpath p;
    e = resolve_at(c, dir, A32(1), A32(2), false, &p, NULL);
    if (e)
        return e;
    e = mkdirat(p.dirfd, p.name, 0777) ? wasi_errno(errno) : WE_SUCCESS;
    wpath_release(&p);
    return e;
}

static uint16_t w_path_remove_directory(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), WR_PATH_REMOVE_DIRECTORY, &dir);
    if (e)
        return e;
    wpath p;
    e = resolve_at(c, dir, A32(1), A32(2), false, &p, NULL);
    if (e)
        return e;
    e = unlinkat(p.dirfd, p.name, AT_REMOVEDIR) ? wasi_errno(errno) : WE_SUCCESS;
    wpath_release(&p);
    return e;
}

static uint16_t w_path_unlink_file(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), WR_PATH_UNLINK_FILE, &dir);
    if (e)
        return e;
    wpath p;
    e = resolve_at(c, dir, A32(1), A32(2), false, &p, NULL);
    if (e)
        return e;
    struct stat st;
    if (p.trailing_slash && fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        e = S_ISDIR(st.st_mode) ? WE_ISDIR : WE_NOTDIR;
    else
        e = unlinkat(p.dirfd, p.name, 0) ? wasi_errno(errno) : WE_SUCCESS;
    wpath_release(&p);
    return e;
}

static uint16_t w_path_filestat_get(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), WR_PATH_FILESTAT_GET, &dir);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(4), W_FILESTAT_SIZE);
    if (!out)
        return WE_FAULT;
    if (A32(1) & ~WL_SYMLINK_FOLLOW)
        return WE_INVAL;
    wpath p;
    e = resolve_at(c, dir, A32(2), A32(3), A32(1) & WL_SYMLINK_FOLLOW, &p, NULL);
    if (e)
        return e;
    struct stat st;
    if (fstatat(p.dirfd, p.name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        e = wasi_errno(errno);
    else if (p.trailing_slash && !S_ISDIR(st.st_mode))
        e = WE_NOTDIR;
    else
        put_filestat(out, &st);
    wpath_release(&p);
    return e;
}

static uint16_t w_path_filestat_set_times(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), WR_PATH_FILESTAT_SET_TIMES, &dir);
    if (e)
        return e;
    struct timespec ts[2];
    e = make_times(A64(4), A64(5), A32(6), ts);
    if (e)
        return e;
    if (A32(1) & ~WL_SYMLINK_FOLLOW)
        return WE_INVAL;
    wpath p;
    e = resolve_at(c, dir, A32(2), A32(3), A32(1) & WL_SYMLINK_FOLLOW, &p, NULL);
    if (e)
        return e;
    e = slash_check(&p);
    if (!e && utimensat(p.dirfd, p.name, ts, AT_SYMLINK_NOFOLLOW) != 0)
        e = wasi_errno(errno);
    wpath_release(&p);
    return e;
}

static uint16_t w_path_link(wcall *c)
{
    wfd *od, *nd;
    uint16_t e = dir_get(c, A32(0), WR_PATH_LINK_SOURCE, &od);
    if (e)
        return e;
    e = dir_get(c, A32(4), WR_PATH_LINK_TARGET, &nd);
    if (e)
        return e;
    if (A32(1) & ~WL_SYMLINK_FOLLOW)
        return WE_INVAL;
    wpath op, np;
    e = resolve_at(c, od, A32(2), A32(3), A32(1) & WL_SYMLINK_FOLLOW, &op, NULL);
    if (e)
        return e;
    e = resolve_at(c, nd, A32(5), A32(6), false, &np, NULL);
    if (e) {
        wpath_release(&op);
        return e;
    }
    e = slash_check(&op);
    if (!e && np.trailing_slash)
        e = WE_NOENT;   /* the new name of a file cannot end in '/' */
    if (!e && linkat(op.dirfd, op.name, np.dirfd, np.name, 0) != 0)
        e = wasi_errno(errno);
    wpath_release(&op);
    wpath_release(&np);
    return e;
}

static uint16_t w_path_readlink(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(0), WR_PATH_READLINK, &dir);
    if (e)
        return e;
    uint32_t blen = A32(4);
    uint8_t *buf = wm_at(c, A32(3), blen);
    uint8_t *used = wm_at(c, A32(5), 4);
    if (!buf || !used)
        return WE_FAULT;
    wpath p;
    e = resolve_at(c, dir, A32(1), A32(2), false, &p, NULL);
    if (e)
        return e;
    char tmp[PATH_MAX];
    ssize_t n = readlinkat(p.dirfd, p.name, tmp, sizeof tmp);
    if (n < 0)
        e = wasi_errno(errno);
    wpath_release(&p);
    if (e)
        return e;
    uint32_t k = (uint64_t)n < blen ? (uint32_t)n : blen;
    memcpy(buf, tmp, k);
    c->xfer = k;
    wm_st32(used, k);
    return WE_SUCCESS;
}

static uint16_t w_path_rename(wcall *c)
{
    wfd *od, *nd;
    uint16_t e = dir_get(c, A32(0), WR_PATH_RENAME_SOURCE, &od);
    if (e)
        return e;
    e = dir_get(c, A32(3), WR_PATH_RENAME_TARGET, &nd);
    if (e)
        return e;
    wpath op, np;
    e = resolve_at(c, od, A32(1), A32(2), false, &op, NULL);
    if (e)
        return e;
    e = resolve_at(c, nd, A32(4), A32(5), false, &np, NULL);
    if (e) {
        wpath_release(&op);
        return e;
    }
    e = slash_check(&op);
    if (!e && np.trailing_slash) {
        struct stat st;
        if (fstatat(op.dirfd, op.name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
            e = WE_NOTDIR;
    }
    if (!e && renameat(op.dirfd, op.name, np.dirfd, np.name) != 0)
        e = wasi_errno(errno);
    wpath_release(&op);
    wpath_release(&np);
    return e;
}

static uint16_t w_path_symlink(wcall *c)
{
    wfd *dir;
    uint16_t e = dir_get(c, A32(2), WR_PATH_SYMLINK, &dir);
    if (e)
        return e;
    char *target;
    e = wasi_path_copy(c, A32(0), A32(1), &target);
    if (e)
        return e;
    if (target[0] == '\0') {
        free(target);
        return WE_NOENT;
    }
    if (target[0] == '/') {   /* would point outside the sandbox for every other reader */
        free(target);
        return WE_NOTCAPABLE;
    }
    wpath p;
    e = resolve_at(c, dir, A32(3), A32(4), false, &p, NULL);
    if (!e) {
        if (p.trailing_slash)
            e = WE_NOENT;
        else if (symlinkat(target, p.dirfd, p.name) != 0)
            e = wasi_errno(errno);
        wpath_release(&p);
    }
    free(target);
    return e;
}

/* ---------------------------------------------------------------- poll_oneoff */

static uint16_t w_poll_oneoff(wcall *c)
{
    uint32_t n = A32(2);
    if (n == 0)
        return WE_INVAL;
    const uint8_t *in = wm_at(c, A32(0), (uint64_t)n * W_SUBSCRIPTION_SIZE);
    uint8_t *out = wm_at(c, A32(1), (uint64_t)n * W_EVENT_SIZE);
    uint8_t *pnev = wm_at(c, A32(3), 4);
    if (!in || !out || !pnev)
        return WE_FAULT;
    if (n > 4096)
        return WE_NOMEM;

    struct sub {
        uint8_t type;
        uint16_t err;       /* an immediate error for this subscription */
        int64_t deadline;   /* clock: monotonic ns */
        int pfd;            /* index in pfds, or -1 */
    } *subs = calloc(n, sizeof *subs);
    struct pollfd *pfds = calloc(n, sizeof *pfds);
    if (!subs || !pfds) {
        free(subs);
        free(pfds);
        return WE_NOMEM;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t mono_now = (int64_t)ts_ns(now);
    /* a poll made again after it blocked: its relative timeouts count from the first try */
    int64_t mono_start = c->w->defer && c->w->poll_pending ? c->w->poll_t0 : mono_now;
    int64_t min_deadline = INT64_MAX;
    bool reads_stdin = false;
    bool immediate = false;
    nfds_t np = 0;
    uint16_t e = WE_SUCCESS;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *s = in + (size_t)i * W_SUBSCRIPTION_SIZE;
        struct sub *sb = &subs[i];
        sb->type = s[8];
        sb->pfd = -1;
        if (sb->type == WEV_CLOCK) {
            uint32_t id = wm_ld32(s + 16);
            uint64_t timeout = wm_ld64(s + 24);
            uint16_t flags = wm_ld16(s + 40);
            clockid_t hc;
            if (!host_clock(id, &hc) || (flags & ~WSUB_ABSTIME)) {
                sb->err = WE_INVAL;
                immediate = true;
                continue;
            }
            int64_t rel;
            if (flags & WSUB_ABSTIME) {
                struct timespec t;
                clock_gettime(hc, &t);
                uint64_t cur = ts_ns(t);
                rel = timeout > cur ? (int64_t)((timeout - cur) > (uint64_t)INT64_MAX / 2
                                                     ? (uint64_t)INT64_MAX / 2
                                                     : timeout - cur)
                                    : 0;
            } else {
                rel = timeout > (uint64_t)INT64_MAX / 2 ? INT64_MAX / 2 : (int64_t)timeout;
            }
            sb->deadline = ((flags & WSUB_ABSTIME) ? mono_now : mono_start) + rel;
            if (sb->deadline < min_deadline)
                min_deadline = sb->deadline;
        } else if (sb->type == WEV_FD_READ || sb->type == WEV_FD_WRITE) {
            wfd *f = wasi_fd(c->w, wm_ld32(s + 16));
            if (!f) {
                sb->err = WE_BADF;
                immediate = true;
            } else if (!(f->rights & WR_POLL_FD_READWRITE)) {
                sb->err = WE_NOTCAPABLE;
                immediate = true;
            } else {
                sb->pfd = (int)np;
                if (sb->type == WEV_FD_READ && wm_ld32(s + 16) == 0)
                    reads_stdin = true;
                pfds[np].fd = f->host;
                pfds[np].events = sb->type == WEV_FD_READ ? POLLIN : POLLOUT;
                np++;
            }
        } else {
            e = WE_INVAL;
            goto out;
        }
    }
    for (;;) {
        struct timespec ts, *tp = NULL;
        if (c->w->defer) {
            /* only look: if nothing is ready and no timeout has passed, the call is made
             * again later (W_BLOCKED) rather than waiting here */
            ts.tv_sec = 0;
            ts.tv_nsec = 0;
            int r = ppoll(pfds, np, &ts, NULL);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                e = wasi_errno(errno);
                goto out;
            }
            clock_gettime(CLOCK_MONOTONIC, &now);
            mono_now = (int64_t)ts_ns(now);
            if (r == 0 && !immediate && min_deadline > mono_now) {
                if (!c->w->poll_pending)
                    c->w->poll_t0 = mono_start;
                c->w->poll_pending = true;
                c->w->poll_deadline = min_deadline;
                c->w->block_input = reads_stdin;
                e = W_BLOCKED;
                goto out_blocked;
            }
            break;
        }
        if (immediate) {
            ts.tv_sec = 0;
            ts.tv_nsec = 0;
            tp = &ts;
        } else if (min_deadline != INT64_MAX) {
            clock_gettime(CLOCK_MONOTONIC, &now);
            int64_t rel = min_deadline - (int64_t)ts_ns(now);
            if (rel < 0)
                rel = 0;
            ts.tv_sec = (time_t)(rel / 1000000000);
            ts.tv_nsec = (long)(rel % 1000000000);
            tp = &ts;
        }
        int r = ppoll(pfds, np, tp, NULL);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            e = wasi_errno(errno);
            goto out;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        mono_now = (int64_t)ts_ns(now);
        if (r > 0 || immediate || min_deadline <= mono_now || tp == NULL)
            break;
    }
    uint32_t nev = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *s = in + (size_t)i * W_SUBSCRIPTION_SIZE;
        struct sub *sb = &subs[i];
        uint8_t ev[W_EVENT_SIZE];
        memset(ev, 0, sizeof ev);
        memcpy(ev, s, 8);   /* userdata */
        ev[10] = sb->type;
        bool fire = false;
        if (sb->err) {
            wm_st16(ev + 8, sb->err);
            fire = true;
        } else if (sb->type == WEV_CLOCK) {
            fire = sb->deadline <= mono_now;
        } else if (sb->pfd >= 0 && pfds[sb->pfd].revents) {
            short re = pfds[sb->pfd].revents;
            fire = true;
            if (re & POLLNVAL) {
                wm_st16(ev + 8, WE_BADF);
            } else {
                if (re & POLLERR)
                    wm_st16(ev + 8, WE_IO);
                if (re & POLLHUP)
                    wm_st16(ev + 24, WEV_FLAG_HANGUP);
                uint64_t nbytes = 0;
                if (sb->type == WEV_FD_READ) {
                    struct stat st;
                    int avail = 0;
                    int fdh = pfds[sb->pfd].fd;
                    if (fstat(fdh, &st) == 0 && S_ISREG(st.st_mode)) {
                        off_t pos = lseek(fdh, 0, SEEK_CUR);
                        if (pos >= 0 && st.st_size > pos)
                            nbytes = (uint64_t)(st.st_size - pos);
                    } else if (ioctl(fdh, FIONREAD, &avail) == 0 && avail > 0) {
                        nbytes = (uint64_t)avail;
                    }
                }
                wm_st64(ev + 16, nbytes);
            }
        }
        if (fire)
            memcpy(out + (size_t)nev++ * W_EVENT_SIZE, ev, W_EVENT_SIZE);
    }
    wm_st32(pnev, nev);
out:
    c->w->poll_pending = false;
out_blocked:
    free(subs);
    free(pfds);
    return e;
}

/* ---------------------------------------------------------------- proc, sched */

static uint16_t w_proc_exit(wcall *c)
{
    c->w->exited = true;
    c->w->exit_code = (int)A32(0);
    return WE_SUCCESS;
}

/* Raising a signal in the host on behalf of a guest cannot be honoured safely. */
static uint16_t w_proc_raise(wcall *c)
{
    (void)c;
    return WE_NOSYS;
}

static uint16_t w_sched_yield(wcall *c)
{
    (void)c;
    sched_yield();
    return WE_SUCCESS;
}

/* ---------------------------------------------------------------- sockets */

static uint16_t sock_get(wcall *c, uint32_t fd, uint64_t need, wfd **out)
{
    wfd *f = wasi_fd(c->w, fd);
    if (!f)
        return WE_BADF;
    if (f->type != WF_SOCKET_STREAM && f->type != WF_SOCKET_DGRAM)
        return WE_NOTSOCK;
    if ((f->rights & need) != need)
        return WE_NOTCAPABLE;
    *out = f;
    return WE_SUCCESS;
}

static uint16_t w_sock_accept(wcall *c)
{
    wfd *f;
    uint16_t e = sock_get(c, A32(0), WR_SOCK_ACCEPT, &f);
    if (e)
        return e;
    uint8_t *out = wm_at(c, A32(2), 4);
    if (!out)
        return WE_FAULT;
    if (A32(1) & ~WFD_NONBLOCK)
        return WE_INVAL;
    if (c->w->defer && read_would_block(f->host))   /* no connection yet */
        return W_BLOCKED;
    int h;
    do {
        h = accept4(f->host, NULL, NULL,
                    SOCK_CLOEXEC | ((A32(1) & WFD_NONBLOCK) ? SOCK_NONBLOCK : 0));
    } while (h < 0 && errno == EINTR);
    if (h < 0)
        return wasi_errno(errno);
    char *path = strdup("<accepted socket>");
    uint32_t fd;
    e = wasi_fd_alloc(c->w, h, WF_SOCKET_STREAM, WR_STREAM_BASE | WR_SOCK_SHUTDOWN, 0, path,
                      &fd);
    if (e)
        return e;
    c->newfd = (int)fd;
    wm_st32(out, fd);
    return WE_SUCCESS;
}

static uint16_t w_sock_recv(wcall *c)
{
    wfd *f;
    uint16_t e = sock_get(c, A32(0), WR_FD_READ, &f);
    if (e)
        return e;
    uint8_t *plen = wm_at(c, A32(4), 4), *pfl = wm_at(c, A32(5), 2);
    if (!plen || !pfl || iovs_check(c, A32(1), A32(2)))
        return WE_FAULT;
    if (A32(3) & ~(WRI_PEEK | WRI_WAITALL))
        return WE_INVAL;
    if (c->w->defer && read_would_block(f->host))
        return W_BLOCKED;
    struct iovec v[W_IOV_BATCH];
    uint32_t i = 0;
    uint64_t total;
    int k = iovs_batch(c, A32(1), A32(2), &i, v, &total);
    struct msghdr mh;
    memset(&mh, 0, sizeof mh);
    mh.msg_iov = v;
    mh.msg_iovlen = (size_t)k;
    int fl = ((A32(3) & WRI_PEEK) ? MSG_PEEK : 0) | ((A32(3) & WRI_WAITALL) ? MSG_WAITALL : 0);
    ssize_t r;
    do {
        r = recvmsg(f->host, &mh, fl);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        return wasi_errno(errno);
    c->xfer = (uint64_t)r;
    wm_st32(plen, (uint32_t)r);
    wm_st16(pfl, (mh.msg_flags & MSG_TRUNC) ? WRO_TRUNCATED : 0);
    return WE_SUCCESS;
}

static uint16_t w_sock_send(wcall *c)
{
    wfd *f;
    uint16_t e = sock_get(c, A32(0), WR_FD_WRITE, &f);
    if (e)
        return e;
    uint8_t *plen = wm_at(c, A32(4), 4);
    if (!plen || iovs_check(c, A32(1), A32(2)))
        return WE_FAULT;
    if (A32(3) != 0)
        return WE_INVAL;
    struct iovec v[W_IOV_BATCH];
    uint32_t i = 0;
    uint64_t total;
    int k = iovs_batch(c, A32(1), A32(2), &i, v, &total);
    struct msghdr mh;
    memset(&mh, 0, sizeof mh);
    mh.msg_iov = v;
    mh.msg_iovlen = (size_t)k;
    ssize_t r;
    do {
        r = sendmsg(f->host, &mh, MSG_NOSIGNAL);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        return wasi_errno(errno);
    c->xfer = (uint64_t)r;
    wm_st32(plen, (uint32_t)r);
    return WE_SUCCESS;
}

static uint16_t w_sock_shutdown(wcall *c)
{
    wfd *f;
    uint16_t e = sock_get(c, A32(0), WR_SOCK_SHUTDOWN, &f);
    if (e)
        return e;
    int how;
    switch (A32(1)) {
    case WSD_RD: how = SHUT_RD; break;
    case WSD_WR: how = SHUT_WR; break;
    case WSD_RD | WSD_WR: how = SHUT_RDWR; break;
    default: return WE_INVAL;
    }
    return shutdown(f->host, how) ? wasi_errno(errno) : WE_SUCCESS;
}

/* ---------------------------------------------------------------- the table */

/* trace: one token per decoded argument (see wasi_trace.c); ">" marks an output pointer. */
#define C(n, cls, params, res, trace) { #n, WD_WASI_CLASS_##cls, params, res, trace, w_##n }
const wdesc wasi_calls[] = {
    C(args_get, ARGS, "ii", true, "ptr:argv ptr:argv_buf >argv:argv"),
    C(args_sizes_get, ARGS, "ii", true, ">u32:argc >u32:argv_buf_size"),
    C(environ_get, ENV, "ii", true, "ptr:environ ptr:environ_buf >environ:environ"),
    C(environ_sizes_get, ENV, "ii", true, ">u32:environc >u32:environ_buf_size"),
    C(clock_res_get, CLOCK, "ii", true, "clock:id >u64:resolution"),
    C(clock_time_get, CLOCK, "iIi", true, "clock:id u64:precision >u64:time"),
    C(fd_advise, FD, "iIIi", true, "fd:fd u64:offset u64:len advice:advice"),
    C(fd_allocate, FD, "iII", true, "fd:fd u64:offset u64:len"),
    C(fd_close, FD, "i", true, "fd:fd"),
    C(fd_datasync, FD, "i", true, "fd:fd"),
    C(fd_fdstat_get, FD, "ii", true, "fd:fd >fdstat:stat"),
    C(fd_fdstat_set_flags, FD, "ii", true, "fd:fd fdflags:flags"),
    C(fd_fdstat_set_rights, FD, "iII", true,
      "fd:fd rights:fs_rights_base rights:fs_rights_inheriting"),
    C(fd_filestat_get, FD, "ii", true, "fd:fd >filestat:buf"),
    C(fd_filestat_set_size, FD, "iI", true, "fd:fd u64:size"),
    C(fd_filestat_set_times, FD, "iIIi", true, "fd:fd u64:atim u64:mtim fstflags:fst_flags"),
    C(fd_pread, FD, "iiiIi", true, "fd:fd iovs:iovs u64:offset >u32:nread"),
    C(fd_prestat_get, FD, "ii", true, "fd:fd >prestat:buf"),
    C(fd_prestat_dir_name, FD, "iii", true, "fd:fd outstr:path"),
    C(fd_pwrite, FD, "iiiIi", true, "fd:fd ciovs:iovs u64:offset >u32:nwritten"),
    C(fd_read, FD, "iiii", true, "fd:fd iovs:iovs >u32:nread"),
    C(fd_readdir, FD, "iiiIi", true, "fd:fd dirbuf:buf u64:cookie >u32:bufused"),
    C(fd_renumber, FD, "ii", true, "fd:fd fd:to"),
    C(fd_seek, FD, "iIii", true, "fd:fd s64:offset whence:whence >u64:newoffset"),
    C(fd_sync, FD, "i", true, "fd:fd"),
    C(fd_tell, FD, "ii", true, "fd:fd >u64:offset"),
    C(fd_write, FD, "iiii", true, "fd:fd ciovs:iovs >u32:nwritten"),
    C(path_create_directory, FILE, "iii", true, "fd:fd path:path"),
    C(path_filestat_get, FILE, "iiiii", true, "fd:fd lookup:flags path:path >filestat:buf"),
    C(path_filestat_set_times, FILE, "iiiiIIi", true,
      "fd:fd lookup:flags path:path u64:atim u64:mtim fstflags:fst_flags"),
    C(path_link, FILE, "iiiiiii", true,
      "fd:old_fd lookup:old_flags path:old_path fd:new_fd path:new_path"),
    C(path_open, FILE, "iiiiiIIii", true,
      "fd:fd lookup:dirflags path:path oflags:oflags rights:fs_rights_base "
      "rights:fs_rights_inheriting fdflags:fdflags >newfd:fd"),
    C(path_readlink, FILE, "iiiiii", true, "fd:fd path:path linkbuf:buf >u32:bufused"),
    C(path_remove_directory, FILE, "iii", true, "fd:fd path:path"),
    C(path_rename, FILE, "iiiiii", true, "fd:fd path:old_path fd:new_fd path:new_path"),
    C(path_symlink, FILE, "iiiii", true, "path:old_path fd:fd path:new_path"),
    C(path_unlink_file, FILE, "iii", true, "fd:fd path:path"),
    C(poll_oneoff, POLL, "iiii", true, "subs:in ptr:out u32:nsubscriptions >events:nevents"),
    C(proc_exit, PROC, "i", false, "u32:rval"),
    C(proc_raise, PROC, "i", true, "signal:sig"),
    C(random_get, RANDOM, "ii", true, "rbuf:buf"),
    C(sched_yield, PROC, "", true, ""),
    C(sock_accept, SOCK, "iii", true, "fd:fd fdflags:flags >newfd:fd"),
    C(sock_recv, SOCK, "iiiiii", true,
      "fd:fd iovs:ri_data riflags:ri_flags >u32:ro_datalen >u16:ro_flags"),
    C(sock_send, SOCK, "iiiii", true, "fd:fd ciovs:si_data u32:si_flags >u32:so_datalen"),
    C(sock_shutdown, SOCK, "ii", true, "fd:fd sdflags:how"),
};
#undef C
const uint32_t wasi_ncalls = sizeof wasi_calls / sizeof wasi_calls[0];
