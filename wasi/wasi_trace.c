/* wasi_trace.c: the WASI call tracer.
 *
 * Each call's `trace` string in wasi_calls[] tells how to decode its wasm arguments, one
 * token per decoded field, "kind:name":
 *   fd            an fd, shown with the path it was opened from: 3</data>
 *   u32 u64 s64   a number                      ptr   a guest address
 *   clock whence advice signal                  an enum, by name
 *   fdflags oflags lookup fstflags rights riflags sdflags    flags, by name
 *   path          (ptr, len): a string          outstr (ptr, len): filled by the call
 *   ciovs         (iovs, n): the bytes the guest hands over, escaped preview
 *   iovs          (iovs, n): the bytes the call filled in (after the call)
 *   dirbuf rbuf linkbuf   (ptr, len) buffers the call fills
 *   subs          poll subscriptions (in, with nsubscriptions two arguments later)
 *   >TYPE         an output pointer, decoded after a successful call: u16 u32 u64 newfd
 *                 fdstat filestat prestat events argv environ
 * Inputs are decoded before the call (so fd_close still knows the path), outputs after.
 * All text lives in the wd_wasi's pool, reset per event. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasi_internal.h"

#define PREVIEW_BYTES 32
#define MAX_STRING 1024

uint64_t wasi_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* ---------------------------------------------------------------- names */

static const char *const errno_names[WE__COUNT] = {
    "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN",
    "ALREADY", "BADF", "BADMSG", "BUSY", "CANCELED", "CHILD", "CONNABORTED", "CONNREFUSED",
    "CONNRESET", "DEADLK", "DESTADDRREQ", "DOM", "DQUOT", "EXIST", "FAULT", "FBIG",
    "HOSTUNREACH", "IDRM", "ILSEQ", "INPROGRESS", "INTR", "INVAL", "IO", "ISCONN", "ISDIR",
    "LOOP", "MFILE", "MLINK", "MSGSIZE", "MULTIHOP", "NAMETOOLONG", "NETDOWN", "NETRESET",
    "NETUNREACH", "NFILE", "NOBUFS", "NODEV", "NOENT", "NOEXEC", "NOLCK", "NOLINK", "NOMEM",
    "NOMSG", "NOPROTOOPT", "NOSPC", "NOSYS", "NOTCONN", "NOTDIR", "NOTEMPTY",
    "NOTRECOVERABLE", "NOTSOCK", "NOTSUP", "NOTTY", "NXIO", "OVERFLOW", "OWNERDEAD", "PERM",
    "PIPE", "PROTO", "PROTONOSUPPORT", "PROTOTYPE", "RANGE", "ROFS", "SPIPE", "SRCH", "STALE",
    "TIMEDOUT", "TXTBSY", "XDEV", "NOTCAPABLE",
};

static const char *const errno_descs[WE__COUNT] = {
    "Success", "Argument list too long", "Permission denied", "Address in use",
    "Address not available", "Address family not supported",
    "Resource unavailable, or operation would block", "Connection already in progress",
    "Bad file descriptor", "Bad message", "Device or resource busy", "Operation canceled",
    "No child processes", "Connection aborted", "Connection refused", "Connection reset",
    "Resource deadlock would occur", "Destination address required",
    "Mathematics argument out of domain of function", "Reserved", "File exists",
    "Bad address", "File too large", "Host is unreachable", "Identifier removed",
    "Illegal byte sequence", "Operation in progress", "Interrupted function",
    "Invalid argument", "I/O error", "Socket is connected", "Is a directory",
    "Too many levels of symbolic links", "File descriptor value too large",
    "Too many links", "Message too large", "Reserved", "Filename too long",
    "Network is down", "Connection aborted by network", "Network unreachable",
    "Too many files open in system", "No buffer space available", "No such device",
    "No such file or directory", "Executable file format error", "No locks available",
    "Reserved", "Not enough space", "No message of the desired type",
    "Protocol not available", "No space left on device", "Function not supported",
    "The socket is not connected", "Not a directory or a symbolic link to a directory",
    "Directory not empty", "State not recoverable", "Not a socket",
    "Not supported, or operation not supported on socket",
    "Inappropriate I/O control operation", "No such device or address",
    "Value too large to be stored in data type", "Previous owner died",
    "Operation not permitted", "Broken pipe", "Protocol error", "Protocol not supported",
    "Protocol wrong type for socket", "Result too large", "Read-only file system",
    "Invalid seek", "No such process", "Reserved", "Connection timed out",
    "Text file busy", "Cross-device link", "Capabilities insufficient",
};

const char *wd_wasi_errno_name(uint16_t e) { return e < WE__COUNT ? errno_names[e] : "?"; }
const char *wd_wasi_errno_desc(uint16_t e) { return e < WE__COUNT ? errno_descs[e] : "?"; }

static const char *const class_names[WD_WASI_CLASS__COUNT] = {
    "args", "env", "clock", "random", "fd", "file", "poll", "proc", "sock",
};

const char *wd_wasi_class_name(wd_wasi_class c)
{
    return (unsigned)c < WD_WASI_CLASS__COUNT ? class_names[c] : "?";
}

static const char *const rights_names[30] = {
    "FD_DATASYNC", "FD_READ", "FD_SEEK", "FD_FDSTAT_SET_FLAGS", "FD_SYNC", "FD_TELL",
    "FD_WRITE", "FD_ADVISE", "FD_ALLOCATE", "PATH_CREATE_DIRECTORY", "PATH_CREATE_FILE",
    "PATH_LINK_SOURCE", "PATH_LINK_TARGET", "PATH_OPEN", "FD_READDIR", "PATH_READLINK",
    "PATH_RENAME_SOURCE", "PATH_RENAME_TARGET", "PATH_FILESTAT_GET",
    "PATH_FILESTAT_SET_SIZE", "PATH_FILESTAT_SET_TIMES", "FD_FILESTAT_GET",
    "FD_FILESTAT_SET_SIZE", "FD_FILESTAT_SET_TIMES", "PATH_SYMLINK", "PATH_REMOVE_DIRECTORY",
    "PATH_UNLINK_FILE", "POLL_FD_READWRITE", "SOCK_SHUTDOWN", "SOCK_ACCEPT",
};
static const char *const fdflags_names[] = { "APPEND", "DSYNC", "NONBLOCK", "RSYNC", "SYNC" };
static const char *const oflags_names[] = { "CREAT", "DIRECTORY", "EXCL", "TRUNC" };
static const char *const lookup_names[] = { "SYMLINK_FOLLOW" };
static const char *const fst_names[] = { "ATIM", "ATIM_NOW", "MTIM", "MTIM_NOW" };
static const char *const riflags_names[] = { "RECV_PEEK", "RECV_WAITALL" };
static const char *const sdflags_names[] = { "RD", "WR" };
static const char *const clock_names[] = { "REALTIME", "MONOTONIC", "PROCESS_CPUTIME_ID",
                                           "THREAD_CPUTIME_ID" };
static const char *const whence_names[] = { "SET", "CUR", "END" };
static const char *const advice_names[] = { "NORMAL", "SEQUENTIAL", "RANDOM", "WILLNEED",
                                            "DONTNEED", "NOREUSE" };
static const char *const filetype_names[] = { "UNKNOWN", "BLOCK_DEVICE", "CHARACTER_DEVICE",
                                              "DIRECTORY", "REGULAR_FILE", "SOCKET_DGRAM",
                                              "SOCKET_STREAM", "SYMBOLIC_LINK" };
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- the pool
 *
 * Strings are built in place at the pool's end (pool_begin .. pool_end), so while one is
 * open no other pool string may be made: compute the parts first. */

typedef struct sbuf {
    char *p;
    size_t n, cap;
    bool full;
} sbuf;

static sbuf pool_begin(wd_wasi *w)
{
    sbuf b = { w->pool + w->pool_used, 0, W_POOL_SIZE - w->pool_used, false };
    if (b.cap)
        b.p[0] = '\0';
    return b;
}

static const char *pool_end(wd_wasi *w, sbuf *b)
{
    if (b->cap == 0)
        return "";
    w->pool_used += b->n + 1;
    return b->p;
}

static void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->cap == 0)
        return;
    if (b->n + n + 1 > b->cap) {
        n = b->cap - b->n - 1;
        b->full = true;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->cap == 0 || b->full)
        return;
    size_t room = b->cap - b->n;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->n, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= room) {
        b->n = b->cap - 1;
        b->full = true;
    } else {
        b->n += (size_t)n;
    }
}

/* C-style escape of bytes: printable ASCII as is, \n \t \r \" \\, others \xNN.
 * keep_utf8 leaves bytes >= 0x80 alone (for strings already checked as UTF-8). */
static void sb_escape(sbuf *b, const uint8_t *s, size_t n, bool keep_utf8)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = s[i];
        switch (ch) {
        case '\n': sb_puts(b, "\\n"); break;
        case '\t': sb_puts(b, "\\t"); break;
        case '\r': sb_puts(b, "\\r"); break;
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        default:
            if ((ch >= 0x20 && ch < 0x7F) || (keep_utf8 && ch >= 0x80)) {
                char c1 = (char)ch;
                sb_putn(b, &c1, 1);
            } else {
                sb_printf(b, "\\x%02x", ch);
            }
        }
    }
}

static const char *flags_text(wd_wasi *w, uint64_t v, const char *const *names, size_t n)
{
    sbuf b = pool_begin(w);
    if (v == 0) {
        sb_puts(&b, "0");
        return pool_end(w, &b);
    }
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (v & (1ull << i)) {
            sb_printf(&b, "%s%s", first ? "" : "|", names[i]);
            first = false;
        }
    }
    uint64_t rest = n >= 64 ? 0 : v & ~((1ull << n) - 1);
    if (rest)
        sb_printf(&b, "%s0x%" PRIx64, first ? "" : "|", rest);
    return pool_end(w, &b);
}

/* Rights by name; a set with most rights is shown as what it lacks: ALL&~(FD_WRITE|...). */
static const char *rights_text(wd_wasi *w, uint64_t v)
{
    if (v == WR_ALL)
        return "ALL";
    if ((v & ~WR_ALL) == 0 && __builtin_popcountll(v) > 15) {
        const char *missing = flags_text(w, WR_ALL & ~v, rights_names, NELEM(rights_names));
        sbuf b = pool_begin(w);
        sb_printf(&b, "ALL&~(%s)", missing);
        return pool_end(w, &b);
    }
    return flags_text(w, v, rights_names, NELEM(rights_names));
}

static const char *enum_text(wd_wasi *w, uint64_t v, const char *const *names, size_t n)
{
    if (v < n)
        return names[v];
    sbuf b = pool_begin(w);
    sb_printf(&b, "%" PRIu64, v);
    return pool_end(w, &b);
}

static const char *fd_text(wd_wasi *w, uint64_t fd)
{
    sbuf b = pool_begin(w);
    wfd *f = wasi_fd(w, fd);
    if (f && f->path)
        sb_printf(&b, "%" PRIu64 "<%s>", fd, f->path);
    else
        sb_printf(&b, "%" PRIu64, fd);
    if (b.full)
        sb_puts(&b, "...>");
    return pool_end(w, &b);
}

/* the bytes of an iovec array, up to `limit` bytes; "" if the array is outside memory */
static const char *iovs_text(wcall *c, uint32_t iovs, uint32_t n, uint64_t limit,
                             uint64_t *total)
{
    wd_wasi *w = c->w;
    sbuf b = pool_begin(w);
    *total = 0;
    const uint8_t *arr = wm_at(c, iovs, (uint64_t)n * W_IOVEC_SIZE);
    if (!arr) {
        sb_puts(&b, "<bad iovec array>");
        return pool_end(w, &b);
    }
    uint64_t cap = limit < PREVIEW_BYTES ? limit : PREVIEW_BYTES;
    uint64_t shown = 0, valid = 0;
    bool more = false;
    sb_puts(&b, "\"");
    for (uint32_t i = 0; i < n; i++) {
        uint32_t p = wm_ld32(arr + (size_t)i * W_IOVEC_SIZE);
        uint32_t len = wm_ld32(arr + (size_t)i * W_IOVEC_SIZE + 4);
        if (!wm_ok(c, p, len)) {
            sb_puts(&b, "\"<bad iovec>");
            return pool_end(w, &b);
        }
        *total += len;
        uint64_t use = len;
        if (use > limit - valid)
            use = limit - valid;
        valid += use;
        uint64_t take = use < cap - shown ? use : cap - shown;
        sb_escape(&b, c->mem + p, (size_t)take, false);
        shown += take;
        if (take < use)
            more = true;
    }
    sb_puts(&b, more ? "\"..." : "\"");
    return pool_end(w, &b);
}

static const char *string_text(wcall *c, uint32_t ptr, uint64_t len)
{
    wd_wasi *w = c->w;
    sbuf b = pool_begin(w);
    const uint8_t *p = wm_at(c, ptr, len);
    if (!p) {
        sb_puts(&b, "<bad pointer>");
        return pool_end(w, &b);
    }
    size_t n = len > MAX_STRING ? MAX_STRING : (size_t)len;
    /* raw when it is clean UTF-8 without control bytes; escaped otherwise */
    bool clean = true;
    for (size_t i = 0; i < n && clean; i++)
        clean = p[i] >= 0x20 && p[i] != 0x7F;
    if (clean) {
        sb_putn(&b, (const char *)p, n);
    } else {
        sb_escape(&b, p, n, true);
    }
    if (len > MAX_STRING)
        sb_puts(&b, "...");
    return pool_end(w, &b);
}

static const char *subs_text(wcall *c, uint32_t in, uint32_t n)
{
    wd_wasi *w = c->w;
    sbuf b = pool_begin(w);
    const uint8_t *s = wm_at(c, in, (uint64_t)n * W_SUBSCRIPTION_SIZE);
    if (!s) {
        sb_printf(&b, "0x%x", in);
        return pool_end(w, &b);
    }
    sb_puts(&b, "[");
    for (uint32_t i = 0; i < n && i < 16; i++) {
        const uint8_t *p = s + (size_t)i * W_SUBSCRIPTION_SIZE;
        if (i)
            sb_puts(&b, ", ");
        if (p[8] == WEV_CLOCK) {
            uint32_t id = wm_ld32(p + 16);
            sb_printf(&b, "clock(%s, %" PRIu64 "%s)",
                      id < NELEM(clock_names) ? clock_names[id] : "?", wm_ld64(p + 24),
                      (wm_ld16(p + 40) & WSUB_ABSTIME) ? ", ABSTIME" : "");
        } else if (p[8] == WEV_FD_READ || p[8] == WEV_FD_WRITE) {
            uint32_t fd = wm_ld32(p + 16);
            wfd *f = wasi_fd(w, fd);
            sb_printf(&b, "%s(%u", p[8] == WEV_FD_READ ? "fd_read" : "fd_write", fd);
            if (f && f->path)
                sb_printf(&b, "<%s>", f->path);
            sb_puts(&b, ")");
        } else {
            sb_printf(&b, "?%u", p[8]);
        }
    }
    if (n > 16)
        sb_puts(&b, ", ...");
    sb_puts(&b, "]");
    return pool_end(w, &b);
}

static const char *strings_text(wd_wasi *w, int n, char **v)
{
    sbuf b = pool_begin(w);
    sb_puts(&b, "[");
    for (int i = 0; i < n; i++) {
        sb_puts(&b, i ? ", \"" : "\"");
        sb_escape(&b, (const uint8_t *)v[i], strlen(v[i]), true);
        sb_puts(&b, "\"");
    }
    sb_puts(&b, "]");
    return pool_end(w, &b);
}

/* ---------------------------------------------------------------- decoding */

static wd_wasi_field *add_field(wd_wasi_field *arr, uint32_t *n, const char *name,
                                wd_wasi_field_kind kind, uint64_t v, const char *text)
{
    if (*n >= W_MAX_FIELDS)
        return NULL;
    wd_wasi_field *f = &arr[(*n)++];
    f->name = name;
    f->kind = kind;
    f->value = v;
    f->text = text;
    return f;
}

/* One token of a trace spec. */
typedef struct tok {
    char kind[16];
    char name[32];
    bool out;
} tok;

static const char *next_tok(const char *s, tok *t)
{
    while (*s == ' ')
        s++;
    if (!*s)
        return NULL;
    t->out = false;
    if (*s == '>') {
        t->out = true;
        s++;
    }
    size_t k = 0;
    while (*s && *s != ':' && *s != ' ' && k + 1 < sizeof t->kind)
        t->kind[k++] = *s++;
    t->kind[k] = '\0';
    k = 0;
    if (*s == ':')
        s++;
    while (*s && *s != ' ' && k + 1 < sizeof t->name)
        t->name[k++] = *s++;
    t->name[k] = '\0';
    return s;
}

/* How many wasm arguments a token consumes. */
static unsigned tok_args(const tok *t)
{
    static const char *const two[] = { "path", "outstr", "ciovs", "iovs", "dirbuf", "rbuf",
                                       "linkbuf" };
    if (t->out)
        return 1;
    for (size_t i = 0; i < NELEM(two); i++)
        if (strcmp(t->kind, two[i]) == 0)
            return 2;
    return 1;
}

/* Token names are parsed into a local buffer, so they are copied into the pool. */
static const char *pool_str(wd_wasi *w, const char *s)
{
    sbuf b = pool_begin(w);
    sb_puts(&b, s);
    return pool_end(w, &b);
}

void wasi_trace_before(wcall *c, const wdesc *d)
{
    wd_wasi *w = c->w;
    w->pool_used = 0;
    w->ntargs = 0;
    w->ntouts = 0;
    const char *s = d->trace;
    tok t;
    unsigned ai = 0;
    while ((s = next_tok(s, &t)) != NULL) {
        unsigned na = tok_args(&t);
        uint64_t v = c->a[ai];
        const char *name = pool_str(w, t.name);
        const char *k = t.kind;
        if (t.out) {
            /* decoded after the call */
        } else if (strcmp(k, "fd") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FD, (uint32_t)v,
                      fd_text(w, (uint32_t)v));
        } else if (strcmp(k, "u32") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_INT, (uint32_t)v, NULL);
        } else if (strcmp(k, "u64") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_INT, v, NULL);
        } else if (strcmp(k, "s64") == 0) {
            sbuf b = pool_begin(w);
            sb_printf(&b, "%" PRId64, (int64_t)v);
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_INT, v, pool_end(w, &b));
        } else if (strcmp(k, "ptr") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_PTR, (uint32_t)v, NULL);
        } else if (strcmp(k, "clock") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_ENUM, (uint32_t)v,
                      enum_text(w, (uint32_t)v, clock_names, NELEM(clock_names)));
        } else if (strcmp(k, "whence") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_ENUM, (uint32_t)v,
                      enum_text(w, (uint32_t)v, whence_names, NELEM(whence_names)));
        } else if (strcmp(k, "advice") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_ENUM, (uint32_t)v,
                      enum_text(w, (uint32_t)v, advice_names, NELEM(advice_names)));
        } else if (strcmp(k, "signal") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_INT, (uint32_t)v, NULL);
        } else if (strcmp(k, "fdflags") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, (uint32_t)v,
                      flags_text(w, (uint32_t)v, fdflags_names, NELEM(fdflags_names)));
        } else if (strcmp(k, "oflags") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, (uint32_t)v,
                      flags_text(w, (uint32_t)v, oflags_names, NELEM(oflags_names)));
        } else if (strcmp(k, "lookup") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, (uint32_t)v,
                      flags_text(w, (uint32_t)v, lookup_names, NELEM(lookup_names)));
        } else if (strcmp(k, "fstflags") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, (uint32_t)v,
                      flags_text(w, (uint32_t)v, fst_names, NELEM(fst_names)));
        } else if (strcmp(k, "riflags") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, (uint32_t)v,
                      flags_text(w, (uint32_t)v, riflags_names, NELEM(riflags_names)));
        } else if (strcmp(k, "sdflags") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, (uint32_t)v,
                      flags_text(w, (uint32_t)v, sdflags_names, NELEM(sdflags_names)));
        } else if (strcmp(k, "rights") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_FLAGS, v, rights_text(w, v));
        } else if (strcmp(k, "path") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_STRING, (uint32_t)c->a[ai + 1],
                      string_text(c, (uint32_t)v, (uint32_t)c->a[ai + 1]));
        } else if (strcmp(k, "ciovs") == 0) {
            uint64_t total;
            const char *txt = iovs_text(c, (uint32_t)v, (uint32_t)c->a[ai + 1], UINT64_MAX,
                                        &total);
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_BYTES, total, txt);
            add_field(w->targs, &w->ntargs, pool_str(w, "iovs_len"), WD_WASI_FIELD_INT,
                      (uint32_t)c->a[ai + 1], NULL);
        } else if (strcmp(k, "subs") == 0) {
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_STRUCT, (uint32_t)v,
                      subs_text(c, (uint32_t)v, (uint32_t)c->a[ai + 2]));
        } else {
            /* iovs, dirbuf, rbuf, linkbuf, outstr: the length now, contents after */
            add_field(w->targs, &w->ntargs, name, WD_WASI_FIELD_PTR, (uint32_t)v, NULL);
            const char *ln = !strcmp(k, "iovs") ? "iovs_len" : "buf_len";
            add_field(w->targs, &w->ntargs, pool_str(w, ln), WD_WASI_FIELD_INT,
                      (uint32_t)c->a[ai + 1], NULL);
        }
        ai += na;
    }
}

static const char *fdstat_text(wd_wasi *w, const uint8_t *p)
{
    /* the parts first: an open sbuf must not be interleaved with other pool strings */
    const char *ft = enum_text(w, p[0], filetype_names, NELEM(filetype_names));
    const char *fl = flags_text(w, wm_ld16(p + 2), fdflags_names, NELEM(fdflags_names));
    const char *rb = rights_text(w, wm_ld64(p + 8));
    const char *ri = rights_text(w, wm_ld64(p + 16));
    sbuf b = pool_begin(w);
    sb_printf(&b, "{filetype=%s, flags=%s, rights_base=%s, rights_inheriting=%s}", ft, fl, rb,
              ri);
    return pool_end(w, &b);
}

static const char *filestat_text(wd_wasi *w, const uint8_t *p)
{
    const char *ft = enum_text(w, p[16], filetype_names, NELEM(filetype_names));
    sbuf b = pool_begin(w);
    sb_printf(&b, "{filetype=%s, size=%" PRIu64 ", nlink=%" PRIu64 "}", ft, wm_ld64(p + 32),
              wm_ld64(p + 24));
    return pool_end(w, &b);
}

static void decode_outs(wcall *c, const wdesc *d)
{
    wd_wasi *w = c->w;
    const char *s = d->trace;
    tok t;
    unsigned ai = 0;
    while ((s = next_tok(s, &t)) != NULL) {
        unsigned na = tok_args(&t);
        uint32_t v = (uint32_t)c->a[ai];
        const char *k = t.kind;
        if (!t.out) {
            if (strcmp(k, "iovs") == 0) {
                uint64_t total;
                const char *txt = iovs_text(c, v, (uint32_t)c->a[ai + 1], c->xfer, &total);
                add_field(w->touts, &w->ntouts, pool_str(w, "data"), WD_WASI_FIELD_BYTES,
                          c->xfer, txt);
            } else if (strcmp(k, "linkbuf") == 0) {
                add_field(w->touts, &w->ntouts, pool_str(w, "target"), WD_WASI_FIELD_STRING,
                          c->xfer, string_text(c, v, c->xfer));
            } else if (strcmp(k, "outstr") == 0) {
                wfd *f = wasi_fd(w, c->a[0]);
                size_t len = f && f->path ? strlen(f->path) : 0;
                add_field(w->touts, &w->ntouts, pool_str(w, t.name), WD_WASI_FIELD_STRING,
                          len, string_text(c, v, len));
            }
            ai += na;
            continue;
        }
        const char *name = pool_str(w, t.name);
        if (strcmp(k, "u32") == 0) {
            const uint8_t *p = wm_at(c, v, 4);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_INT, wm_ld32(p), NULL);
        } else if (strcmp(k, "u16") == 0) {
            const uint8_t *p = wm_at(c, v, 2);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_INT, wm_ld16(p), NULL);
        } else if (strcmp(k, "u64") == 0) {
            const uint8_t *p = wm_at(c, v, 8);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_INT, wm_ld64(p), NULL);
        } else if (strcmp(k, "newfd") == 0) {
            const uint8_t *p = wm_at(c, v, 4);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_FD, wm_ld32(p),
                          fd_text(w, wm_ld32(p)));
        } else if (strcmp(k, "fdstat") == 0) {
            const uint8_t *p = wm_at(c, v, W_FDSTAT_SIZE);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_STRUCT, v,
                          fdstat_text(w, p));
        } else if (strcmp(k, "filestat") == 0) {
            const uint8_t *p = wm_at(c, v, W_FILESTAT_SIZE);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_STRUCT, v,
                          filestat_text(w, p));
        } else if (strcmp(k, "prestat") == 0) {
            const uint8_t *p = wm_at(c, v, W_PRESTAT_SIZE);
            if (p) {
                sbuf b = pool_begin(w);
                sb_printf(&b, "{dir, name_len=%u}", wm_ld32(p + 4));
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_STRUCT, v,
                          pool_end(w, &b));
            }
        } else if (strcmp(k, "events") == 0) {
            const uint8_t *p = wm_at(c, v, 4);
            if (p)
                add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_INT, wm_ld32(p), NULL);
        } else if (strcmp(k, "argv") == 0) {
            add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_STRUCT, (uint32_t)w->argc,
                      strings_text(w, w->argc, w->argv));
        } else if (strcmp(k, "environ") == 0) {
            add_field(w->touts, &w->ntouts, name, WD_WASI_FIELD_STRUCT, (uint32_t)w->envc,
                      strings_text(w, w->envc, w->envp));
        }
        ai += na;
    }
}

static void field_text(sbuf *b, const wd_wasi_field *f)
{
    switch (f->kind) {
    case WD_WASI_FIELD_INT:
        if (f->text)
            sb_puts(b, f->text);
        else
            sb_printf(b, "%" PRIu64, f->value);
        break;
    case WD_WASI_FIELD_PTR:
        sb_printf(b, "0x%" PRIx64, f->value);
        break;
    case WD_WASI_FIELD_STRING:
        sb_puts(b, "\"");
        sb_escape(b, (const uint8_t *)f->text, strlen(f->text), true);
        sb_puts(b, "\"");
        break;
    default:
        sb_puts(b, f->text ? f->text : "?");
        break;
    }
}

void wasi_trace_after(wcall *c, const wdesc *d, uint16_t err, uint64_t start_ns,
                      uint64_t dur_ns)
{
    wd_wasi *w = c->w;
    if (d->result && err == WE_SUCCESS)
        decode_outs(c, d);
    sbuf b = pool_begin(w);
    sb_printf(&b, "%s(", d->name);
    for (uint32_t i = 0; i < w->ntargs; i++) {
        if (i)
            sb_puts(&b, ", ");
        field_text(&b, &w->targs[i]);
    }
    sb_puts(&b, ")");
    if (!d->result)
        sb_puts(&b, " = ?");
    else if (err)
        sb_printf(&b, " = %u %s (%s)", err, wd_wasi_errno_name(err), wd_wasi_errno_desc(err));
    else
        sb_puts(&b, " = 0");
    for (uint32_t i = 0; i < w->ntouts; i++) {
        sb_printf(&b, " %s=", w->touts[i].name);
        field_text(&b, &w->touts[i]);
    }
    wd_wasi_event ev = {
        .seq = ++w->seq,
        .name = d->name,
        .cls = (wd_wasi_class)d->cls,
        .nargs = w->ntargs,
        .nouts = w->ntouts,
        .args = w->targs,
        .outs = w->touts,
        .has_result = d->result,
        .err = err,
        .err_name = wd_wasi_errno_name(err),
        .start_ns = start_ns - ((uint64_t)w->t0.tv_sec * 1000000000ull + (uint64_t)w->t0.tv_nsec),
        .duration_ns = dur_ns,
        .line = pool_end(w, &b),
    };
    for (uint32_t i = 0; i < w->nmon; i++)
        w->mon[i].fn(&ev, w->mon[i].user);
}

/* ---------------------------------------------------------------- filters */

bool wd_wasi_known_call(const char *name, wd_wasi_class *cls)
{
    int i = wasi_find_call(name);
    if (i < 0)
        return false;
    if (cls)
        *cls = (wd_wasi_class)wasi_calls[i].cls;
    return true;
}

static int class_by_name(const char *s)
{
    for (int i = 0; i < WD_WASI_CLASS__COUNT; i++)
        if (strcmp(class_names[i], s) == 0)
            return i;
    if (strcmp(s, "path") == 0)
        return WD_WASI_CLASS_FILE;
    if (strcmp(s, "environ") == 0)
        return WD_WASI_CLASS_ENV;
    return -1;
}

static bool append_name(char **list, size_t *len, const char *s)
{
    size_t n = strlen(s) + 1;
    char *nl = realloc(*list, *len + n + 1);
    if (!nl)
        return false;
    memcpy(nl + *len, s, n);
    *len += n;
    nl[*len] = '\0';   /* the list ends with an empty name */
    *list = nl;
    return true;
}

static bool in_list(const char *list, const char *name)
{
    for (const char *p = list; p && *p; p += strlen(p) + 1)
        if (strcmp(p, name) == 0)
            return true;
    return false;
}

/* Levenshtein distance, capped: names are short (< 64) */
static unsigned edit_distance(const char *a, const char *b)
{
    unsigned row[64], la = (unsigned)strlen(a), lb = (unsigned)strlen(b);
    if (la >= 64 || lb >= 64)
        return 99;
    for (unsigned j = 0; j <= lb; j++)
        row[j] = j;
    for (unsigned i = 1; i <= la; i++) {
        unsigned diag = row[0];
        row[0] = i;
        for (unsigned j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static void err_append(char *err, size_t errsize, size_t *len, const char *s)
{
    if (*len + 1 >= errsize)
        return;
    int n = snprintf(err + *len, errsize - *len, "%s", s);
    if (n > 0)
        *len += (size_t)n < errsize - *len ? (size_t)n : errsize - *len - 1;
}

/* "'x' is neither a WASI call nor a class": then the close call names if there are any,
 * else the call families, and always the classes. */
static void unknown_item(const char *it, char *err, size_t errsize)
{
    size_t len = 0;
    int n = snprintf(err, errsize, "'%s' is neither a WASI call nor a class; ", it);
    len = n < 0 ? 0 : (size_t)n < errsize ? (size_t)n : errsize - 1;
    bool any = false;
    for (uint32_t i = 0; i < wasi_ncalls; i++) {
        if (edit_distance(it, wasi_calls[i].name) <= 2) {
            err_append(err, errsize, &len, any ? ", " : "did you mean ");
            err_append(err, errsize, &len, wasi_calls[i].name);
            any = true;
        }
    }
    if (any) {
        err_append(err, errsize, &len, "? ");
    } else {
        /* families ("fd_*") and lone calls ("random_get"), in table order */
        err_append(err, errsize, &len, "calls:");
        for (uint32_t i = 0; i < wasi_ncalls; i++) {
            const char *nm = wasi_calls[i].name, *us = strchr(nm, '_');
            size_t pl = us ? (size_t)(us - nm) + 1 : strlen(nm);
            bool seen = false, alone = true;
            for (uint32_t j = 0; j < wasi_ncalls; j++) {
                if (j != i && strncmp(wasi_calls[j].name, nm, pl) == 0) {
                    alone = false;
                    if (j < i)
                        seen = true;
                }
            }
            if (seen)
                continue;
            char fam[64];
            snprintf(fam, sizeof fam, " %.*s%s", alone ? (int)strlen(nm) : (int)pl, nm,
                     alone ? "" : "*");
            err_append(err, errsize, &len, fam);
        }
        err_append(err, errsize, &len, "; ");
    }
    err_append(err, errsize, &len, "classes:");
    for (int c = 0; c < WD_WASI_CLASS__COUNT; c++) {
        err_append(err, errsize, &len, " ");
        err_append(err, errsize, &len, class_names[c]);
    }
}

bool wd_wasi_filter_parse(wd_wasi_filter *f, const char *spec, char *err, size_t errsize)
{
    memset(f, 0, sizeof *f);
    if (!spec)
        return true;
    size_t nlen = 0, xlen = 0;
    const char *s = spec;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char item[64];
        if (n >= sizeof item) {
            if (err)
                snprintf(err, errsize, "'%.*s...' is too long for a call or class name",
                         20, s);
            wd_wasi_filter_free(f);
            return false;
        }
        memcpy(item, s, n);
        item[n] = '\0';
        s += n + (e ? 1 : 0);
        char *it = item;
        bool neg = false;
        if (*it == '!' || *it == '-') {
            neg = true;
            it++;
        }
        if (!*it)
            continue;
        int cl = class_by_name(it);
        bool ok = true;
        if (cl >= 0) {
            if (neg)
                f->exclude_classes |= 1u << cl;
            else
                f->include_classes |= 1u << cl;
        } else if (wd_wasi_known_call(it, NULL)) {
            ok = neg ? append_name(&f->xnames, &xlen, it) : append_name(&f->names, &nlen, it);
        } else {
            if (err)
                unknown_item(it, err, errsize);
            wd_wasi_filter_free(f);
            return false;
        }
        if (!ok) {
            if (err)
                snprintf(err, errsize, "out of memory");
            wd_wasi_filter_free(f);
            return false;
        }
        if (!neg)
            f->any_include = true;
    }
    return true;
}

void wd_wasi_filter_free(wd_wasi_filter *f)
{
    free(f->names);
    free(f->xnames);
    f->names = f->xnames = NULL;
}

bool wd_wasi_filter_match(const wd_wasi_filter *f, const char *name, wd_wasi_class cls)
{
    if (in_list(f->xnames, name))
        return false;
    bool named = in_list(f->names, name);
    if (!named && (f->exclude_classes & (1u << cls)))
        return false;
    if (!f->any_include)
        return true;
    return named || (f->include_classes & (1u << cls));
}

/* ---------------------------------------------------------------- writers */

bool wd_wasi_writer_init(wd_wasi_writer *wr, FILE *out, bool json, const char *filter,
                         char *err, size_t errsize)
{
    wr->out = out;
    wr->json = json;
    return wd_wasi_filter_parse(&wr->filter, filter, err, errsize);
}

void wd_wasi_writer_fini(wd_wasi_writer *wr) { wd_wasi_filter_free(&wr->filter); }

static void json_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(o, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", o);
        else if (*p == '\t')
            fputs("\\t", o);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(o, "\\u%04x", *p);
        else
            fputc(*p, o);
    }
    fputc('"', o);
}

static const char *const kind_names[] = { "int", "fd", "string", "flags", "enum", "bytes",
                                          "struct", "ptr" };

static void json_fields(FILE *o, const wd_wasi_field *f, uint32_t n)
{
    fputc('[', o);
    for (uint32_t i = 0; i < n; i++) {
        fprintf(o, "%s{\"name\":", i ? "," : "");
        json_str(o, f[i].name);
        fprintf(o, ",\"kind\":\"%s\",\"value\":%" PRIu64, kind_names[f[i].kind], f[i].value);
        if (f[i].text) {
            fputs(",\"text\":", o);
            json_str(o, f[i].text);
        }
        fputc('}', o);
    }
    fputc(']', o);
}

void wd_wasi_writer_fn(const wd_wasi_event *ev, void *user)
{
    wd_wasi_writer *wr = user;
    if (!wd_wasi_filter_match(&wr->filter, ev->name, ev->cls))
        return;
    FILE *o = wr->out;
    if (!wr->json) {
        if (ev->has_result)
            fprintf(o, "%s <%" PRIu64 ".%06" PRIu64 ">\n", ev->line,
                    (uint64_t)(ev->duration_ns / 1000000000u),
                    (uint64_t)((ev->duration_ns / 1000u) % 1000000u));
        else
            fprintf(o, "%s\n", ev->line);
        fflush(o);
        return;
    }
    fprintf(o, "{\"seq\":%" PRIu64 ",\"name\":\"%s\",\"class\":\"%s\",\"args\":", ev->seq,
            ev->name, wd_wasi_class_name(ev->cls));
    json_fields(o, ev->args, ev->nargs);
    fputs(",\"outs\":", o);
    json_fields(o, ev->outs, ev->nouts);
    if (ev->has_result)
        fprintf(o, ",\"errno\":%u,\"errno_name\":\"%s\"", ev->err, ev->err_name);
    else
        fputs(",\"errno\":null,\"errno_name\":null", o);
    fprintf(o, ",\"start_ns\":%" PRIu64 ",\"duration_ns\":%" PRIu64 ",\"line\":", ev->start_ns,
            ev->duration_ns);
    json_str(o, ev->line);
    fputs("}\n", o);
    fflush(o);
}
