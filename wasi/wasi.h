/* wasi.h: the WASI preview1 host (module "wasi_snapshot_preview1") and its call tracer.
 *
 * A wd_wasi is one guest process's view of the world: its arguments, its environment, its
 * file descriptor table (stdio plus the preopened directories) and its exit status. It is
 * plugged into the engine as an import resolver; every WASI call then goes through two
 * layers: the ABI layer checks each guest pointer and length against linear memory
 * (overflow-safe, EFAULT on anything outside) and decodes the arguments, and the host layer
 * does the work on host file descriptors, resolving every path one component at a time
 * below a preopened directory (no "..", absolute path or symlink leads out of it).
 *
 * The tracer is a monitor: after each call (before it, for proc_exit) every registered
 * callback gets one wd_wasi_event with the decoded arguments, the outputs, the errno and
 * the duration. The text (strace-like) and JSON-lines writers below are two consumers of
 * that stream; the debugger's WASI log pane is a third.
 *
 * Ownership:
 *  - wd_wasi_new() copies everything it is given (argument and environment strings,
 *    preopen paths); it dup()s the three stdio host fds, so the caller keeps its own.
 *    The preopened directories are opened at wd_wasi_new() time.
 *  - wd_wasi_free() closes every host fd the guest still has open. Free the wd_wasi only
 *    after the store it was bound to (its host functions point at it), or at least after
 *    the last call into that store.
 *  - Event fields and strings passed to a monitor are valid only during the callback.
 *  - A trace writer does not own its FILE.
 */
#ifndef WD_WASI_H
#define WD_WASI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wd.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WD_WASI_MODULE "wasi_snapshot_preview1"

typedef struct wd_wasi wd_wasi;

typedef struct wd_wasi_preopen {
    const char *host_path;   /* a directory on the host */
    const char *guest_path;  /* the name the guest sees it under (e.g. "/data" or ".") */
} wd_wasi_preopen;

/* A socket the guest gets at startup (e.g. a listening TCP socket for sock_accept). */
typedef struct wd_wasi_socket {
    int fd;                  /* host socket fd (dup()ed) */
    const char *name;        /* shown by the tracer, e.g. "listen 127.0.0.1:8080" */
} wd_wasi_socket;

typedef struct wd_wasi_config {
    int argc;
    const char *const *argv;         /* argv[0] is the program name the guest sees */
    int envc;
    const char *const *envp;         /* "KEY=VALUE" strings */
    uint32_t npreopens;
    const wd_wasi_preopen *preopens; /* guest fds 3, 4, ... in this order */
    /* Host fds the guest gets as 0, 1, 2 (dup()ed). A negative value leaves that guest
     * fd closed. Use WD_WASI_STDIO_DEFAULT to get 0, 1, 2. */
    int stdin_fd, stdout_fd, stderr_fd;
    /* Preopened sockets: guest fds after the preopened directories, in this order. They
     * are not preopens for fd_prestat_get (BADF, so wasi-libc's scan of the directories
     * ends there). */
    uint32_t nsockets;
    const wd_wasi_socket *sockets;
} wd_wasi_config;

#define WD_WASI_STDIO_DEFAULT .stdin_fd = 0, .stdout_fd = 1, .stderr_fd = 2

/* NULL on failure, with a message in err (e.g. a preopen that is not a directory). */
wd_wasi *wd_wasi_new(const wd_wasi_config *cfg, char *err, size_t errsize);
void wd_wasi_free(wd_wasi *w);

/* Binds w to a store: the resolver creates its host functions there. `next` (may be
 * NULL) resolves every import that is not a wasi_snapshot_preview1 function. */
void wd_wasi_bind(wd_wasi *w, wd_store *s, wd_import_resolver next, void *next_user);
/* A wd_import_resolver; user is the wd_wasi. An unknown WASI name or a WASI import with the
 * wrong type fails linking (false). */
bool wd_wasi_resolver(void *user, const wd_import_desc *imp, wd_extern *out);

/* Set by proc_exit (also passed to wd_exec_request_exit). */
bool wd_wasi_exited(const wd_wasi *w);
int wd_wasi_exit_code(const wd_wasi *w);

/* Lower-level entry, for tests and tools: runs call `name` directly against a memory
 * buffer. args holds the call's wasm arguments (one slot each); the errno (or nothing, for
 * proc_exit) comes back in args[0]. Returns 0, or WD_HOST_EXIT after proc_exit, or -2 if
 * there is no such call. */
int wd_wasi_call(wd_wasi *w, const char *name, uint8_t *mem, uint64_t memsize,
                 uint64_t *args);

/* ---------------------------------------------------------------- call hook */

/* A cheap hook around every host call (for a profiler's host frames): enter(user, name)
 * right before the call does its work, leave(user, name) right after (for proc_exit too,
 * before the run ends). name is the call's static name ("fd_write"); nothing is decoded.
 * Either function may be NULL; set both NULL to remove the hook. One hook per wd_wasi. */
typedef void (*wd_wasi_hook_fn)(void *user, const char *name);
void wd_wasi_set_call_hook(wd_wasi *w, wd_wasi_hook_fn enter, wd_wasi_hook_fn leave,
                           void *user);

/* ---------------------------------------------------------------- deferred waits */

/* For a front end that must stay responsive while the guest runs (the debugger's TUI runs
 * it in slices on its own thread). When on, a call that would wait returns WD_HOST_BLOCKED
 * instead of waiting: fd_read on a pipe, terminal or socket and sock_recv with nothing to
 * read yet, sock_accept with no connection waiting (unless the fd is non-blocking), and
 * poll_oneoff when no subscription is ready and its earliest timeout has not passed. The engine then stops with WD_STOP_BLOCKED and makes the same
 * call again on resume; a poll's relative timeouts keep counting from its first attempt.
 * A blocked attempt is not traced and leaves guest memory alone. */
void wd_wasi_set_defer_waits(wd_wasi *w, bool on);

typedef struct wd_wasi_wait {
    bool blocked;            /* the last call would have waited */
    bool input;              /* for guest fd 0 (stdin) to become readable */
    int64_t deadline_ns;     /* poll_oneoff's earliest timeout (CLOCK_MONOTONIC), or -1 */
} wd_wasi_wait;
/* What the last call waits for (blocked == false once a call completes). */
void wd_wasi_waiting(const wd_wasi *w, wd_wasi_wait *out);

/* ---------------------------------------------------------------- the tracer */

typedef enum wd_wasi_class {
    WD_WASI_CLASS_ARGS = 0,  /* args_get, args_sizes_get */
    WD_WASI_CLASS_ENV,       /* environ_get, environ_sizes_get */
    WD_WASI_CLASS_CLOCK,     /* clock_res_get, clock_time_get */
    WD_WASI_CLASS_RANDOM,    /* random_get */
    WD_WASI_CLASS_FD,        /* fd_* */
    WD_WASI_CLASS_FILE,      /* path_* */
    WD_WASI_CLASS_POLL,      /* poll_oneoff */
    WD_WASI_CLASS_PROC,      /* proc_exit, proc_raise, sched_yield */
    WD_WASI_CLASS_SOCK,      /* sock_* */
    WD_WASI_CLASS__COUNT
} wd_wasi_class;

const char *wd_wasi_class_name(wd_wasi_class c);   /* "args", "env", "clock", ... */

/* One decoded argument or output. text is the human form (a quoted path, flag names,
 * "3</data/a.txt>" for an fd, an escaped preview of an iovec's bytes); kind tells how a
 * JSON consumer should render value/text. */
typedef enum wd_wasi_field_kind {
    WD_WASI_FIELD_INT = 0,   /* value only */
    WD_WASI_FIELD_FD,        /* value = fd, text = "fd<path>" */
    WD_WASI_FIELD_STRING,    /* text = the decoded string (unescaped), value = its length */
    WD_WASI_FIELD_FLAGS,     /* value = bits, text = "A|B" */
    WD_WASI_FIELD_ENUM,      /* value = number, text = name */
    WD_WASI_FIELD_BYTES,     /* value = total length, text = escaped preview, quoted */
    WD_WASI_FIELD_STRUCT,    /* value = pointer, text = "{...}" summary */
    WD_WASI_FIELD_PTR,       /* value = a guest address */
} wd_wasi_field_kind;

typedef struct wd_wasi_field {
    const char *name;
    wd_wasi_field_kind kind;
    uint64_t value;
    const char *text;        /* NULL for plain numbers */
} wd_wasi_field;

typedef struct wd_wasi_event {
    uint64_t seq;                /* 1, 2, ... per wd_wasi */
    const char *name;            /* "fd_write" */
    wd_wasi_class cls;
    uint32_t nargs, nouts;
    const wd_wasi_field *args;
    const wd_wasi_field *outs;   /* outputs written to guest memory (only on success) */
    bool has_result;             /* false for proc_exit */
    uint16_t err;                /* the WASI errno returned */
    const char *err_name;        /* "SUCCESS", "NOENT", ... */
    uint64_t start_ns;           /* monotonic, since wd_wasi_new */
    uint64_t duration_ns;
    const char *line;            /* strace-style: name(args) = result outs (no duration) */
} wd_wasi_event;

typedef void (*wd_wasi_monitor_fn)(const wd_wasi_event *ev, void *user);

/* Up to 8 monitors; returns an id > 0, or 0 if full. Tracing costs nothing while none is
 * registered. */
uint32_t wd_wasi_add_monitor(wd_wasi *w, wd_wasi_monitor_fn fn, void *user);
bool wd_wasi_remove_monitor(wd_wasi *w, uint32_t id);

/* Errno names ("NOENT") and descriptions ("No such file or directory"). */
const char *wd_wasi_errno_name(uint16_t err);
const char *wd_wasi_errno_desc(uint16_t err);

/* A filter: comma-separated call names and class names; a leading '!' on an item excludes
 * it. With no positive item everything not excluded matches. "file,fd_write",
 * "!clock,!poll", "fd,!fd_write". NULL or "" matches everything. */
typedef struct wd_wasi_filter {
    uint32_t include_classes, exclude_classes;   /* bit per wd_wasi_class */
    char *names;          /* owned: "\0"-separated included names */
    char *xnames;         /* owned: excluded names */
    bool any_include;
} wd_wasi_filter;

/* false with a message in err on an unknown call or class name: what is wrong and which
 * names exist, without an option name (the caller prefixes the option as the user typed
 * it: --trace-filter, strace's -e, the TUI's filter command). */
bool wd_wasi_filter_parse(wd_wasi_filter *f, const char *spec, char *err, size_t errsize);
void wd_wasi_filter_free(wd_wasi_filter *f);
bool wd_wasi_filter_match(const wd_wasi_filter *f, const char *name, wd_wasi_class cls);
/* true if `name` is a preview1 function this host knows. */
bool wd_wasi_known_call(const char *name, wd_wasi_class *cls);

/* The two writers. Text lines: the event's line plus " <seconds>" (strace's -T style),
 * e.g.  fd_write(1<stdout>, ["hi\n"], 1) = 0 nwritten=2 <0.000004>
 * JSON lines: {"seq":1,"name":"fd_write","class":"fd","args":[...],"outs":[...],
 *              "errno":0,"errno_name":"SUCCESS","start_ns":...,"duration_ns":...,"line":"..."}
 * Each line is flushed as it is written. */
typedef struct wd_wasi_writer {
    FILE *out;
    bool json;
    wd_wasi_filter filter;
} wd_wasi_writer;

bool wd_wasi_writer_init(wd_wasi_writer *wr, FILE *out, bool json, const char *filter,
                         char *err, size_t errsize);
void wd_wasi_writer_fini(wd_wasi_writer *wr);
/* The monitor callback; user is the wd_wasi_writer. */
void wd_wasi_writer_fn(const wd_wasi_event *ev, void *user);

#ifdef __cplusplus
}
#endif
#endif /* WD_WASI_H */
