/* wasi_fs.c: the sandbox. Where the kernel has openat2() (Linux 5.6+), the directory part of
 * a guest path is opened by the kernel with RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS, which
 * refuses (EXDEV) every "..", absolute path or symlink that would leave the preopen, also
 * when a rename races with the lookup (the kernel then says EAGAIN and we retry); a symlink
 * in the last component is followed here, its target spliced in and the whole path resolved
 * again. Otherwise (ENOSYS, a seccomp filter's EPERM, a path longer than PATH_MAX, or the
 * environment variable WD_WASI_NO_OPENAT2 set to anything but "0" or ""), every guest path is
 * resolved below a directory fd one component at a time: each intermediate directory is opened with O_PATH|O_DIRECTORY|O_NOFOLLOW
 * relative to the one before, ".." pops the stack of directories we opened (and fails with
 * NOTCAPABLE at the preopen), and a symlink is read with readlinkat() and its target
 * spliced into the rest of the path (absolute targets: NOTCAPABLE; more than W_MAX_LINKS
 * expansions: LOOP). The kernel never resolves more than one component of a guest path,
 * so renaming directories under our feet cannot lead out either: we hold fds, not names.
 * The caller then works on (dirfd, name) with *at() calls that do not follow symlinks. */
#define _GNU_SOURCE   /* O_PATH, ppoll, accept4 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#if __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#endif

#include "wasi_internal.h"

#define W_MAX_LINKS 40
#define W_MAX_PATH 65536u

uint16_t wasi_errno(int e)
{
    switch (e) {
    case 0: return WE_SUCCESS;
    case E2BIG: return WE_2BIG;
    case EACCES: return WE_ACCES;
    case EADDRINUSE: return WE_ADDRINUSE;
    case EADDRNOTAVAIL: return WE_ADDRNOTAVAIL;
    case EAFNOSUPPORT: return WE_AFNOSUPPORT;
    case EAGAIN: return WE_AGAIN;
    case EALREADY: return WE_ALREADY;
    case EBADF: return WE_BADF;
    case EBADMSG: return WE_BADMSG;
    case EBUSY: return WE_BUSY;
    case ECANCELED: return WE_CANCELED;
    case ECHILD: return WE_CHILD;
    case ECONNABORTED: return WE_CONNABORTED;
    case ECONNREFUSED: return WE_CONNREFUSED;
    case ECONNRESET: return WE_CONNRESET;
    case EDEADLK: return WE_DEADLK;
    case EDESTADDRREQ: return WE_DESTADDRREQ;
    case EDOM: return WE_DOM;
    case EDQUOT: return WE_DQUOT;
    case EEXIST: return WE_EXIST;
    case EFAULT: return WE_FAULT;
    case EFBIG: return WE_FBIG;
    case EHOSTUNREACH: return WE_HOSTUNREACH;
    case EIDRM: return WE_IDRM;
    case EILSEQ: return WE_ILSEQ;
    case EINPROGRESS: return WE_INPROGRESS;
    case EINTR: return WE_INTR;
    case EINVAL: return WE_INVAL;
    case EIO: return WE_IO;
    case EISCONN: return WE_ISCONN;
    case EISDIR: return WE_ISDIR;
    case ELOOP: return WE_LOOP;
    case EMFILE: return WE_MFILE;
    case EMLINK: return WE_MLINK;
    case EMSGSIZE: return WE_MSGSIZE;
    case EMULTIHOP: return WE_MULTIHOP;
    case ENAMETOOLONG: return WE_NAMETOOLONG;
    case ENETDOWN: return WE_NETDOWN;
    case ENETRESET: return WE_NETRESET;
    case ENETUNREACH: return WE_NETUNREACH;
    case ENFILE: return WE_NFILE;
    case ENOBUFS: return WE_NOBUFS;
    case ENODEV: return WE_NODEV;
    case ENOENT: return WE_NOENT;
    case ENOEXEC: return WE_NOEXEC;
    case ENOLCK: return WE_NOLCK;
    case ENOLINK: return WE_NOLINK;
    case ENOMEM: return WE_NOMEM;
    case ENOMSG: return WE_NOMSG;
    case ENOPROTOOPT: return WE_NOPROTOOPT;
    case ENOSPC: return WE_NOSPC;
    case ENOSYS: return WE_NOSYS;
    case ENOTCONN: return WE_NOTCONN;
    case ENOTDIR: return WE_NOTDIR;
    case ENOTEMPTY: return WE_NOTEMPTY;
    case ENOTRECOVERABLE: return WE_NOTRECOVERABLE;
    case ENOTSOCK: return WE_NOTSOCK;
    case EOPNOTSUPP: return WE_NOTSUP;
    case ENOTTY: return WE_NOTTY;
    case ENXIO: return WE_NXIO;
    case EOVERFLOW: return WE_OVERFLOW;
    case EOWNERDEAD: return WE_OWNERDEAD;
    case EPERM: return WE_PERM;
    case EPIPE: return WE_PIPE;
    case EPROTO: return WE_PROTO;
    case EPROTONOSUPPORT: return WE_PROTONOSUPPORT;
    case EPROTOTYPE: return WE_PROTOTYPE;
    case ERANGE: return WE_RANGE;
    case EROFS: return WE_ROFS;
    case ESPIPE: return WE_SPIPE;
    case ESRCH: return WE_SRCH;
    case ESTALE: return WE_STALE;
    case ETIMEDOUT: return WE_TIMEDOUT;
    case ETXTBSY: return WE_TXTBSY;
    case EXDEV: return WE_XDEV;
    default: return WE_IO;
    }
}

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
static bool utf8_ok(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((b & 0xE0) == 0xC0) {
            len = 2;
            cp = b & 0x1F;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3;
            cp = b & 0x0F;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4;
            cp = b & 0x07;
        } else {
            return false;
        }
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

uint16_t wasi_path_copy(const wcall *c, uint64_t ptr, uint64_t len, char **out)
{
    *out = NULL;
    const uint8_t *p = wm_at(c, ptr, len);
    if (!p)
        return WE_FAULT;
    if (len >= W_MAX_PATH)
        return WE_NAMETOOLONG;
    if (memchr(p, 0, len))
        return WE_INVAL;
    if (!utf8_ok(p, len))
        return WE_ILSEQ;
    char *s = malloc(len + 1);
    if (!s)
        return WE_NOMEM;
    memcpy(s, p, len);
    s[len] = '\0';
    *out = s;
    return WE_SUCCESS;
}

void wpath_release(wpath *p)
{
    if (p->owned && p->dirfd >= 0)
        close(p->dirfd);
    free(p->name);
    p->name = NULL;
    p->dirfd = -1;
    p->owned = false;
}

typedef struct dstack {
    int *fd;          /* fd[0] is the root (not owned) */
    size_t n, cap;
} dstack;

static bool push(dstack *s, int fd)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        int *nf = realloc(s->fd, cap * sizeof *nf);
        if (!nf)
            return false;
        s->fd = nf;
        s->cap = cap;
    }
    s->fd[s->n++] = fd;
    return true;
}

static void unwind(dstack *s, size_t keep)
{
    while (s->n > keep) {
        s->n--;
        if (s->n > 0)
            close(s->fd[s->n]);
    }
}

/* Replaces rest[0..] with target + "/" + rest[*pos..] (no '/' if nothing follows). */
static uint16_t splice_link(char **rest, size_t *pos, const char *target, size_t tlen)
{
    size_t remain = strlen(*rest + *pos);
    size_t sep = remain ? 1 : 0;   /* "a/b" -> "target/b"; a last "a" -> "target" */
    if (tlen + sep + remain >= W_MAX_PATH)
        return WE_NAMETOOLONG;
    char *n = malloc(tlen + sep + remain + 1);
    if (!n)
        return WE_NOMEM;
    memcpy(n, target, tlen);
    if (sep)
        n[tlen] = '/';
    memcpy(n + tlen + sep, *rest + *pos, remain + 1);
    free(*rest);
    *rest = n;
    *pos = 0;
    return WE_SUCCESS;
}

/* If (dir, name) is a symlink, reads it into buf and returns its length; 0 if not a
 * symlink; -1 with errno on error. */
static ssize_t read_link(int dir, const char *name, char *buf, size_t size)
{
    struct stat st;
    if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISLNK(st.st_mode))
        return 0;
    ssize_t n = readlinkat(dir, name, buf, size);
    if (n < 0)
        return -1;
    if ((size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (n == 0) {
        errno = ENOENT;
        return -1;
    }
    return n;
}

/* ---------------------------------------------------------------- openat2 */

#if defined(SYS_openat2) && defined(RESOLVE_BENEATH)
#define W_HAVE_OPENAT2 1
#endif

/* 0: not decided yet, 1: openat2, -1: the component walk */
static int g_openat2;

void wasi_fs_set_openat2(int mode)
{
    g_openat2 = mode < 0 ? -1 : mode > 0 ? 1 : 0;
}

bool wasi_fs_openat2(void)
{
    if (g_openat2 == 0) {
        const char *no = getenv("WD_WASI_NO_OPENAT2");
        g_openat2 = no && no[0] && strcmp(no, "0") != 0 ? -1 : 1;
#ifndef W_HAVE_OPENAT2
        g_openat2 = -1;
#endif
    }
    return g_openat2 > 0;
}

#define W_FALLBACK 0xFFFFu   /* internal: use the component walk for this path */

#ifdef W_HAVE_OPENAT2
/* Opens directory `path` (relative) below root; the kernel keeps it beneath root. Returns the
 * fd, or -1 with *e set (W_FALLBACK when this kernel cannot do it). */
static int beneath_dir(int root, const char *path, uint16_t *e)
{
    if (strlen(path) >= PATH_MAX) {
        *e = W_FALLBACK;
        return -1;
    }
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    for (int tries = 0;; tries++) {
        long r = syscall(SYS_openat2, root, path, &how, sizeof how);
        if (r >= 0)
            return (int)r;
        int err = errno;
        if (err == EINTR || (err == EAGAIN && tries < 64))
            continue;
        if (err == ENOSYS || err == EPERM || err == E2BIG) {
            g_openat2 = -1;   /* no openat2 here (or a seccomp filter forbids it) */
            *e = W_FALLBACK;
        } else if (err == EAGAIN) {
            *e = W_FALLBACK;   /* renames kept racing: walk it ourselves */
        } else if (err == EXDEV) {
            *e = WE_NOTCAPABLE;   /* "..", an absolute symlink or a mount escape */
        } else {
            *e = wasi_errno(err);
        }
        return -1;
    }
}

static uint16_t resolve_openat2(int rootfd, const char *path, bool follow, wpath *out)
{
    char *cur = strdup(path);
    char *linkbuf = malloc(PATH_MAX + 1);
    uint16_t e = WE_SUCCESS;
    int links = 0;
    if (!cur || !linkbuf) {
        e = WE_NOMEM;
        goto done;
    }
    for (;;) {
        size_t len = strlen(cur);
        bool slash = false;
        while (len > 1 && cur[len - 1] == '/') {
            cur[--len] = '\0';
            slash = true;
        }
        char *sep = strrchr(cur, '/');
        const char *last = sep ? sep + 1 : cur;
        if (strlen(last) > NAME_MAX) {
            e = WE_NAMETOOLONG;
            goto done;
        }
        if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
            /* the object is a directory: open it whole and name it "." */
            int fd = beneath_dir(rootfd, cur, &e);
            if (fd < 0)
                goto done;
            out->dirfd = fd;
            out->owned = true;
            out->trailing_slash = slash;
            out->name = strdup(".");
            break;
        }
        int dir = rootfd;
        if (sep) {
            *sep = '\0';
            dir = beneath_dir(rootfd, sep == cur ? "." : cur, &e);
            *sep = '/';
            if (dir < 0)
                goto done;
        }
        ssize_t n = 0;
        if (follow || slash) {
            n = read_link(dir, last, linkbuf, PATH_MAX + 1);
            if (n < 0)
                e = wasi_errno(errno);
            else if (n > 0 && ++links > W_MAX_LINKS)
                e = WE_LOOP;
            else if (n > 0 && linkbuf[0] == '/')
                e = WE_NOTCAPABLE;
        }
        if (e || n > 0) {
            if (dir != rootfd)
                close(dir);
            if (e)
                goto done;
            /* parent + "/" + target (+ "/" to keep "link/" a directory), then again */
            size_t plen = sep ? (size_t)(sep - cur) + 1 : 0;
            if (plen + (size_t)n + 2 >= W_MAX_PATH) {
                e = WE_NAMETOOLONG;
                goto done;
            }
            char *next = malloc(plen + (size_t)n + 2);
            if (!next) {
                e = WE_NOMEM;
                goto done;
            }
            memcpy(next, cur, plen);
            memcpy(next + plen, linkbuf, (size_t)n);
            next[plen + (size_t)n] = slash ? '/' : '\0';
            next[plen + (size_t)n + 1] = '\0';
            free(cur);
            cur = next;
            continue;
        }
        out->dirfd = dir;
        out->owned = dir != rootfd;
        out->trailing_slash = slash;
        out->name = strdup(last);
        break;
    }
    if (!out->name)
        e = WE_NOMEM;
done:
    free(cur);
    free(linkbuf);
    if (e) {
        if (out->owned && out->dirfd >= 0)
            close(out->dirfd);
        free(out->name);
        out->name = NULL;
        out->dirfd = -1;
        out->owned = false;
    }
    return e;
}
#endif

/* ---------------------------------------------------------------- the component walk */

static uint16_t resolve_walk(int rootfd, const char *path, bool follow, wpath *out);

uint16_t wasi_resolve(int rootfd, const char *path, bool follow, wpath *out)
{
    out->dirfd = -1;
    out->owned = false;
    out->trailing_slash = false;
    out->name = NULL;
    if (path[0] == '\0')
        return WE_NOENT;
    if (path[0] == '/')
        return WE_NOTCAPABLE;
#ifdef W_HAVE_OPENAT2
    if (wasi_fs_openat2()) {
        uint16_t e = resolve_openat2(rootfd, path, follow, out);
        if (e != W_FALLBACK)
            return e;
    }
#endif
    return resolve_walk(rootfd, path, follow, out);
}

static uint16_t resolve_walk(int rootfd, const char *path, bool follow, wpath *out)
{

    char *rest = strdup(path);
    dstack st = { 0 };
    uint16_t e = WE_SUCCESS;
    int links = 0;
    size_t pos = 0;
    char *linkbuf = malloc(PATH_MAX + 1);
    if (!rest || !linkbuf || !push(&st, rootfd)) {
        e = WE_NOMEM;
        goto done;
    }

    for (;;) {
        while (rest[pos] == '/')
            pos++;
        if (rest[pos] == '\0') {
            /* only reachable for paths like "a/.." whose last step was handled below */
            out->name = strdup(".");
            break;
        }
        size_t start = pos;
        while (rest[pos] && rest[pos] != '/')
            pos++;
        size_t clen = pos - start;
        bool slash = rest[pos] == '/';
        size_t after = pos;
        while (rest[after] == '/')
            after++;
        bool last = rest[after] == '\0';
        if (clen > NAME_MAX) {
            e = WE_NAMETOOLONG;
            goto done;
        }
        char comp[NAME_MAX + 1];
        memcpy(comp, rest + start, clen);
        comp[clen] = '\0';
        int top = st.fd[st.n - 1];

        if (strcmp(comp, ".") == 0) {
            if (last) {
                out->name = strdup(".");
                out->trailing_slash = slash;
                break;
            }
            continue;
        }
        if (strcmp(comp, "..") == 0) {
            if (st.n == 1) {
                e = WE_NOTCAPABLE;
                goto done;
            }
            unwind(&st, st.n - 1);
            if (last) {
                out->name = strdup(".");
                out->trailing_slash = slash;
                break;
            }
            continue;
        }
        if (last && !follow && !slash) {
            out->name = strdup(comp);
            break;
        }
        if (last) {
            /* follow a symlink in the last component (or a trailing slash requires a dir) */
            ssize_t n = read_link(top, comp, linkbuf, PATH_MAX + 1);
            if (n < 0) {
                e = wasi_errno(errno);
                goto done;
            }
            if (n == 0) {
                out->name = strdup(comp);
                out->trailing_slash = slash;
                break;
            }
            if (++links > W_MAX_LINKS) {
                e = WE_LOOP;
                goto done;
            }
            if (linkbuf[0] == '/') {
                e = WE_NOTCAPABLE;
                goto done;
            }
            /* keep the trailing slash: "link/" must still name a directory */
            pos = slash ? start + clen : pos;
            e = splice_link(&rest, &pos, linkbuf, (size_t)n);
            if (e)
                goto done;
            continue;
        }
        /* an intermediate component: must be a directory (or a symlink to one) */
        int fd = openat(top, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            if (!push(&st, fd)) {
                close(fd);
                e = WE_NOMEM;
                goto done;
            }
            continue;
        }
        int err = errno;
        if (err != ENOTDIR && err != ELOOP) {
            e = wasi_errno(err);
            goto done;
        }
        ssize_t n = read_link(top, comp, linkbuf, PATH_MAX + 1);
        if (n < 0) {
            e = wasi_errno(errno);
            goto done;
        }
        if (n == 0) {
            e = WE_NOTDIR;
            goto done;
        }
        if (++links > W_MAX_LINKS) {
            e = WE_LOOP;
            goto done;
        }
        if (linkbuf[0] == '/') {
            e = WE_NOTCAPABLE;
            goto done;
        }
        e = splice_link(&rest, &pos, linkbuf, (size_t)n);
        if (e)
            goto done;
    }
    if (!out->name) {
        e = WE_NOMEM;
        goto done;
    }
    /* hand the innermost directory to the caller; close the others */
    if (st.n > 1) {
        out->dirfd = st.fd[st.n - 1];
        out->owned = true;
        st.n--;
    } else {
        out->dirfd = rootfd;
    }
done:
    unwind(&st, 0);
    free(st.fd);
    free(rest);
    free(linkbuf);
    if (e) {
        free(out->name);
        out->name = NULL;
        out->dirfd = -1;
        out->owned = false;
    }
    return e;
}
