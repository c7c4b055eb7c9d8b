/* wasi_internal.h: what the files of wasi/ share (private).
 *
 *   wasi_host.c   the context, fd table, import resolver and the call dispatcher
 *   wasi_calls.c  the ABI layer: one function per preview1 call (pointer checks, decoding)
 *   wasi_fs.c     the host layer's sandbox: path resolution below a preopen, errno mapping
 *   wasi_trace.c  the tracer: decoding calls into events, filters, text and JSON writers
 */
#ifndef WD_WASI_INTERNAL_H
#define WD_WASI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "wasi.h"
#include "wasi_abi.h"

/* ---------------------------------------------------------------- fd table */

typedef struct wdent {
    uint64_t ino;
    uint8_t type;
    char *name;
} wdent;

typedef struct wfd {
    bool used;
    bool preopen;
    int host;                 /* host fd, owned */
    uint8_t type;             /* WF_* */
    uint64_t rights, inheriting;
    char *path;               /* guest-visible path, owned (preopen: its guest name) */
    wdent *ents;              /* fd_readdir snapshot, taken at cookie 0 */
    uint32_t nents;
    bool have_ents;
} wfd;

#define W_MAX_MONITORS 8
#define W_MAX_FIELDS 12
#define W_POOL_SIZE 16384

struct wbinding {
    wd_wasi *w;
    uint32_t idx;             /* in wasi_calls[] */
};

struct wd_wasi {
    int argc, envc;
    char **argv, **envp;      /* owned copies */
    uint32_t nfds;            /* capacity of fds */
    wfd *fds;
    bool exited;
    int exit_code;
    wd_store *store;
    wd_import_resolver next;
    void *next_user;
    wd_func **funcs;          /* per call, created in `store` on first import */
    struct wbinding *bind;    /* per call */
    struct {
        wd_wasi_monitor_fn fn;
        void *user;
        uint32_t id;
    } mon[W_MAX_MONITORS];
    uint32_t nmon, next_mon_id;
    wd_wasi_hook_fn hook_enter, hook_leave;
    void *hook_user;
    bool hooked;              /* nmon > 0 or a hook: take the slow path */
    uint64_t seq;
    struct timespec t0;
    /* deferred waits (wd_wasi_set_defer_waits) */
    bool defer;
    bool blocked;             /* the last call returned WD_HOST_BLOCKED */
    bool block_input;         /* ... waiting for guest fd 0 */
    bool poll_pending;        /* poll_oneoff blocked: its timeouts count from poll_t0 */
    int64_t poll_t0, poll_deadline;
    /* tracer scratch, reset per event */
    wd_wasi_field targs[W_MAX_FIELDS], touts[W_MAX_FIELDS];
    uint32_t ntargs, ntouts;
    char pool[W_POOL_SIZE];
    size_t pool_used;
};

/* ---------------------------------------------------------------- a call */

typedef struct wcall {
    wd_wasi *w;
    uint8_t *mem;
    uint64_t memsize;
    uint64_t *a;              /* the wasm arguments */
    uint64_t xfer;            /* bytes moved by a read-like call (for the tracer) */
    int newfd;                /* fd created by the call, or -1 */
} wcall;

typedef uint16_t (*wimpl)(wcall *c);
/* What a call returns instead of an errno to say it would wait (deferred waits only). */
#define W_BLOCKED 0xffffu

typedef struct wdesc {
    const char *name;
    uint8_t cls;              /* wd_wasi_class */
    const char *params;       /* wasm parameter types: 'i' i32, 'I' i64 */
    bool result;              /* returns an errno (i32); false only for proc_exit */
    const char *trace;        /* argument decoding for the tracer, see wasi_trace.c */
    wimpl fn;
} wdesc;

extern const wdesc wasi_calls[];
extern const uint32_t wasi_ncalls;
int wasi_find_call(const char *name);

/* ---------------------------------------------------------------- guest memory */

static inline bool wm_ok(const wcall *c, uint64_t ptr, uint64_t len)
{
    return ptr <= c->memsize && len <= c->memsize - ptr;
}
static inline uint8_t *wm_at(const wcall *c, uint64_t ptr, uint64_t len)
{
    return wm_ok(c, ptr, len) ? c->mem + ptr : NULL;
}
static inline uint32_t wm_ld32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t wm_ld64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint16_t wm_ld16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static inline void wm_st32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wm_st64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline void wm_st16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

/* ---------------------------------------------------------------- fd helpers (wasi_host.c) */

/* The entry for guest fd, or NULL. */
wfd *wasi_fd(wd_wasi *w, uint64_t fd);
/* Finds the fd and checks rights: BADF if closed, NOTCAPABLE if a right is missing. */
uint16_t wasi_fd_get(wd_wasi *w, uint64_t fd, uint64_t need, wfd **out);
/* Allocates the lowest free guest fd >= 3 for host (taking ownership of host and path). */
uint16_t wasi_fd_alloc(wd_wasi *w, int host, uint8_t type, uint64_t rights,
                       uint64_t inheriting, char *path, uint32_t *out);
void wasi_fd_release(wfd *f);
void wasi_fd_clear_dents(wfd *f);
/* Filetype of a host fd, and the default rights for that type. */
uint8_t wasi_host_filetype(int host, uint64_t *rights, uint64_t *inheriting);

/* ---------------------------------------------------------------- sandbox (wasi_fs.c) */

uint16_t wasi_errno(int host_errno);

/* A resolved path: operate on (dirfd, name) with *at() calls and no symlink following. */
typedef struct wpath {
    int dirfd;                /* host dir fd; closed by wpath_release if owned */
    bool owned;
    bool trailing_slash;      /* the guest path ended in '/': the object must be a dir */
    char *name;               /* the last component (never contains '/'), owned */
} wpath;

/* Copies and checks a guest path (UTF-8, no NUL: ILSEQ / INVAL; too long: NAMETOOLONG).
 * *out is malloc'd and NUL-terminated. */
uint16_t wasi_path_copy(const wcall *c, uint64_t ptr, uint64_t len, char **out);
/* Resolves a guest path below rootfd, one component at a time. With follow, a symlink in
 * the last component is followed too. Absolute paths and escapes give NOTCAPABLE. */
uint16_t wasi_resolve(int rootfd, const char *path, bool follow, wpath *out);
void wpath_release(wpath *p);
/* Whether wasi_resolve uses openat2(RESOLVE_BENEATH) (decided on first use: the kernel has it
 * and WD_WASI_NO_OPENAT2 is unset); tests force a mode: 1 openat2, -1 the component walk,
 * 0 decide again. */
bool wasi_fs_openat2(void);
void wasi_fs_set_openat2(int mode);

/* ---------------------------------------------------------------- tracer (wasi_trace.c) */

void wasi_trace_before(wcall *c, const wdesc *d);
void wasi_trace_after(wcall *c, const wdesc *d, uint16_t err, uint64_t start_ns,
                      uint64_t dur_ns);
uint64_t wasi_now_ns(void);

#endif
