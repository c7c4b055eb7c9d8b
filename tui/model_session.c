/* model_session.c: the TUI's model (tui_model.h) over the debug session
 * (debugger/session.h, debugger/session_query.h).
 *
 * Every command line goes to the session's command table; its text output and stop reports
 * arrive through a text sink in the console. The panes read the session's state through its
 * queries; this file only caches what they read between two commands or slices (frames,
 * variables, breakpoints), keeps the sources and the disassembly, and moves the guest's
 * stdio: stdin is a pipe the UI writes, stdout/stderr are pipes drained by a reader thread
 * into the program I/O pane (so a guest writing a lot never blocks on a full pipe and never
 * writes over the screen). The program runs in slices (wd_dbg_run_slice) so the UI stays
 * responsive while continue, next, step or finish is in progress.
 */
#define _GNU_SOURCE
#include "tui_model.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include "canvas.h"
#include "session.h"
#include "session_query.h"
#include "wd_wasmdis.h"

struct tm_model {
    wd_dbg *s;
    char *path;
    char *invoke;

    /* what the panes read, refreshed after every command and slice */
    tm_state state;
    uint64_t seen_seq;       /* the session's stop sequence at the last refresh */
    uint64_t stop_seq;
    tm_frame *frames;
    size_t nframes, sel;
    tm_var *vars;
    size_t nvars;
    tm_bp *bps;
    size_t nbps;
    tm_loc entry_loc;
    bool has_entry_loc;
    /* the run is in flight but waits in a WASI call (wd_dbg_waiting) */
    bool waiting, wait_input;
    int64_t wait_deadline;

    /* memory before the last run or step, for tm_mem_changed */
    uint8_t *snap;
    uint64_t snap_size;

    tm_source *srcs;
    size_t nsrcs;
    uint32_t dis_func;
    tm_asm_line *dis;
    size_t ndis;
    bool dis_valid;

    tui_textbuf console, progio, wasilog;

    /* program output: pipes drained by a thread */
    int out_pipe[2], err_pipe[2], in_pipe[2], note_pipe[2];
    pthread_t reader;
    bool reader_on;
    pthread_mutex_t lock;
    char *pend;          /* pending output: records [stream byte][len u32][bytes] */
    size_t npend, cappend;
};

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ------------------------------------------------------------ the session's sink */

static void sink_write(void *user, wd_dbg_stream st, const char *text, size_t len)
{
    tm_model *m = user;
    if (st == WD_DBG_ERR) {
        bool warn = len >= 8 && strncmp(text, "warning:", 8) == 0;
        tui_textbuf_line(&m->console, warn ? TS_DIM : TS_ERROR, "%.*s", (int)len, text);
        return;
    }
    tui_textbuf_append(&m->console, text, len, TS_NORMAL);
}

/* ------------------------------------------------------------ output pipes */

static void *reader_main(void *arg)
{
    tm_model *m = arg;
    struct pollfd p[2] = { { m->out_pipe[0], POLLIN, 0 }, { m->err_pipe[0], POLLIN, 0 } };
    int open_fds = 2;
    while (open_fds > 0) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[8192];
            ssize_t r = read(p[i].fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && (errno == EINTR || errno == EAGAIN))
                    continue;
                p[i].fd = -1;
                open_fds--;
                continue;
            }
            pthread_mutex_lock(&m->lock);
            size_t need = m->npend + 5 + (size_t)r;
            if (need > m->cappend) {
                size_t nc = m->cappend ? m->cappend * 2 : 65536;
                while (nc < need)
                    nc *= 2;
                char *np = realloc(m->pend, nc);
                if (np) {
                    m->pend = np;
                    m->cappend = nc;
                }
            }
            if (need <= m->cappend) {
                uint32_t len = (uint32_t)r;
                m->pend[m->npend] = (char)i;
                memcpy(m->pend + m->npend + 1, &len, 4);
                memcpy(m->pend + m->npend + 5, buf, (size_t)r);
                m->npend = need;
            }
            pthread_mutex_unlock(&m->lock);
            ssize_t w = write(m->note_pipe[1], "x", 1);
            (void)w;
        }
    }
    return NULL;
}

int tm_output_fds(const tm_model *m, int fds[2])
{
    fds[0] = m->note_pipe[0];
    return m->note_pipe[0] >= 0 ? 1 : 0;
}

void tm_pump_output(tm_model *m)
{
    char drain[256];
    while (read(m->note_pipe[0], drain, sizeof drain) > 0) {
    }
    pthread_mutex_lock(&m->lock);
    size_t i = 0;
    while (i + 5 <= m->npend) {
        uint32_t len;
        memcpy(&len, m->pend + i + 1, 4);
        tui_textbuf_append(&m->progio, m->pend + i + 5, len, m->pend[i] ? TS_ERROR : TS_NORMAL);
        i += 5 + len;
    }
    m->npend = 0;
    pthread_mutex_unlock(&m->lock);
}

void tm_send_stdin(tm_model *m, const char *text, size_t len, bool eof)
{
    if (m->in_pipe[1] < 0) {
        tui_textbuf_line(&m->console, TS_ERROR, "the program's stdin is closed (Ctrl-D); run starts afresh");
        return;
    }
    /* echoed after what the program wrote so far, as a terminal would */
    tm_pump_output(m);
    if (len > 0)
        tui_textbuf_append(&m->progio, text, len, TS_PROMPT);
    if (eof)
        tui_textbuf_line(&m->progio, TS_DIM, "^D (end of input)");
    while (len > 0) {
        ssize_t w = write(m->in_pipe[1], text, len);
        if (w <= 0)
            break;
        text += w;
        len -= (size_t)w;
    }
    if (eof) {
        close(m->in_pipe[1]);
        m->in_pipe[1] = -1;
    }
}

/* ------------------------------------------------------------ WASI log */

static void wasi_monitor(const wd_wasi_event *ev, void *user)
{
    tm_model *m = user;
    tui_textbuf_line(&m->wasilog, ev->err ? TS_ERROR : TS_NORMAL, "%6" PRIu64 " %s", ev->seq,
                     ev->line);
}

/* ------------------------------------------------------------ the cached state */

static void to_tm_loc(const wd_dbg_loc *l, tm_loc *out)
{
    out->file = l->file;
    out->line = l->line;
    out->column = l->column;
    out->addr = l->addr;
    out->offset = l->offset;
    out->funcidx = l->funcidx;
    out->func = l->func;
}

static void free_vars(tm_model *m)
{
    for (size_t i = 0; i < m->nvars; i++)
        free(m->vars[i].value);
    free(m->vars);
    m->vars = NULL;
    m->nvars = 0;
}

static tm_state state_of(wd_dbg_state st)
{
    switch (st) {
    case WD_DBG_RUNNING: return TM_RUNNING;
    case WD_DBG_PAUSED: return TM_PAUSED;
    case WD_DBG_EXITED: return TM_EXITED;
    case WD_DBG_TRAPPED: return TM_TRAPPED;
    default: return TM_NOT_STARTED;
    }
}

static void load_vars(tm_model *m)
{
    free_vars(m);
    if (m->sel >= m->nframes || m->frames[m->sel].host)
        return;
    size_t n = 0;
    wd_dbg_var *v = wd_dbg_vars(m->s, m->sel, &n);
    if (n > 0)
        m->vars = calloc(n, sizeof *m->vars);
    for (size_t i = 0; i < n && m->vars; i++) {
        tm_var *t = &m->vars[m->nvars++];
        snprintf(t->name, sizeof t->name, "%s", v[i].name);
        snprintf(t->type, sizeof t->type, "%s", v[i].type);
        t->value = strdup(v[i].value);
    }
    wd_dbg_vars_free(v, n);
}

static void load_bps(tm_model *m)
{
    size_t n = wd_dbg_bp_count(m->s);
    free(m->bps);
    m->bps = n ? calloc(n, sizeof *m->bps) : NULL;
    m->nbps = 0;
    for (size_t i = 0; i < n && m->bps; i++) {
        wd_dbg_bp b;
        if (!wd_dbg_bp_get(m->s, i, &b))
            continue;
        tm_bp *t = &m->bps[m->nbps++];
        t->id = b.id;
        t->kind = (int)b.kind;
        t->enabled = b.enabled;
        t->temporary = b.temporary;
        snprintf(t->file, sizeof t->file, "%s", b.file);
        t->line = b.line;
        t->addr = b.addr;
        snprintf(t->func, sizeof t->func, "%s", b.func);
        snprintf(t->cond, sizeof t->cond, "%s", b.cond);
        snprintf(t->expr, sizeof t->expr, "%s", b.spec);
        t->hits = (uint32_t)b.hits;
        t->index = i;
    }
}

/* Reads the session's state after a command or a slice. */
static void refresh(tm_model *m, bool force)
{
    m->state = state_of(wd_dbg_state_get(m->s));
    m->waiting = m->state == TM_RUNNING && wd_dbg_waiting(m->s, &m->wait_input, &m->wait_deadline);
    load_bps(m);
    uint64_t seq = wd_dbg_stop_seq(m->s);
    if (seq == m->seen_seq && !force)
        return;
    m->seen_seq = seq;
    m->stop_seq++;
    free(m->frames);
    m->frames = NULL;
    m->nframes = m->sel = 0;
    size_t n = wd_dbg_frame_count(m->s);
    if (n > 0)
        m->frames = calloc(n, sizeof *m->frames);
    for (size_t i = 0; i < n && m->frames; i++) {
        wd_dbg_frame f;
        if (!wd_dbg_frame_get(m->s, i, &f))
            break;
        tm_frame *t = &m->frames[m->nframes++];
        to_tm_loc(&f.loc, &t->loc);
        t->inlined = f.inlined;
        t->host = f.host;
        t->xdepth = f.wdepth;
        t->idepth = f.inl;
    }
    m->sel = wd_dbg_frame_selected(m->s);
    if (m->sel >= m->nframes)
        m->sel = 0;
    load_vars(m);
}

/* A big file's text goes into a mapping populated in one go: faulting in a fresh malloc'd
 * page at a time cost more than reading and indexing 10 MB (bench/tui). */
static char *source_alloc(tm_source *s, size_t n)
{
    if (n >= ((size_t)1 << 20)) {
        void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p != MAP_FAILED) {
            s->maplen = n;
            return p;
        }
    }
    s->maplen = 0;
    return malloc(n);
}

static void source_free(tm_source *s)
{
    if (s->maplen)
        munmap(s->data, s->maplen);
    else
        free(s->data);
    s->data = NULL;
    s->maplen = 0;
}

/* ------------------------------------------------------------ open / close */

/* The program's stdout is a pseudo-terminal in raw mode (fd[0] the side the pane reads,
 * fd[1] the program's), as it is when a debugger shares its terminal with the program: C's
 * stdio sees a terminal and flushes every line, so a line printed by a step shows at once
 * (through a pipe it waits in the program's buffer, lost if the program traps). A pipe if
 * no pseudo-terminal can be had. */
static int output_channel(int fd[2])
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    char name[128];
    if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0 &&
        ptsname_r(master, name, sizeof name) == 0) {
        int slave = open(name, O_RDWR | O_NOCTTY);
        struct termios tio;
        if (slave >= 0 && tcgetattr(slave, &tio) == 0) {
            cfmakeraw(&tio);   /* no echo, no "\n" -> "\r\n": the bytes as written */
            if (tcsetattr(slave, TCSANOW, &tio) == 0) {
                fcntl(master, F_SETFD, FD_CLOEXEC);
                fd[0] = master;
                fd[1] = slave;
                return 0;
            }
        }
        if (slave >= 0)
            close(slave);
    }
    if (master >= 0)
        close(master);
    return pipe(fd);
}

tm_model *tm_open(const tm_options *o, char *err, size_t errsize)
{
    tm_model *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    m->out_pipe[0] = m->out_pipe[1] = m->err_pipe[0] = m->err_pipe[1] = -1;
    m->in_pipe[0] = m->in_pipe[1] = m->note_pipe[0] = m->note_pipe[1] = -1;
    pthread_mutex_init(&m->lock, NULL);
    tui_textbuf_init(&m->console, 5000);
    tui_textbuf_init(&m->progio, 10000);
    tui_textbuf_init(&m->wasilog, 10000);
    m->path = strdup(o->path);
    m->invoke = o->invoke ? strdup(o->invoke) : NULL;
    if (!m->path || (o->invoke && !m->invoke)) {
        snprintf(err, errsize, "out of memory");
        goto fail;
    }
    if (output_channel(m->out_pipe) || pipe(m->err_pipe) || pipe(m->in_pipe) || pipe(m->note_pipe)) {
        snprintf(err, errsize, "pipe: %s", strerror(errno));
        goto fail;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(m->note_pipe[i], F_SETFL, O_NONBLOCK);
        fcntl(m->note_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    fcntl(m->in_pipe[1], F_SETFL, O_NONBLOCK);

    wd_dbg_options dopt;
    memset(&dopt, 0, sizeof dopt);
    dopt.path = o->path;
    dopt.argc = o->argc;
    dopt.argv = o->argv;
    dopt.ndirs = o->ndirs;
    dopt.dirs = o->dirs;
    dopt.jit = o->jit;
    dopt.guest_stdout_fd = m->out_pipe[1];
    dopt.guest_stderr_fd = m->err_pipe[1];
    dopt.sink.write = sink_write;
    dopt.sink.user = m;
    m->s = wd_dbg_new(&dopt, err, errsize);
    if (!m->s)
        goto fail;
    wd_dbg_set_stdio(m->s, m->in_pipe[0], m->out_pipe[1], m->err_pipe[1]);
    wd_dbg_set_wasi_monitor(m->s, wasi_monitor, m);
    wd_dbg_set_slice(m->s, 200000);
    if (m->invoke && !wd_dbg_set_entry(m->s, m->invoke, o->argc, o->argv, err, errsize))
        goto fail;
    if (!wd_dbg_dwarf(m->s))
        tui_textbuf_line(&m->console, TS_DIM, "no debug information (DWARF): showing disassembly only");
    if (pthread_create(&m->reader, NULL, reader_main, m) == 0)
        m->reader_on = true;
    wd_dbg_loc el;
    if (wd_dbg_entry_location(m->s, &el)) {
        to_tm_loc(&el, &m->entry_loc);
        m->has_entry_loc = true;
    }
    refresh(m, true);
    tui_textbuf_line(&m->console, TS_DIM,
                     "wasmdbg: %s loaded; c runs, s/n start at main, b sets a breakpoint, ? help",
                     base_name(m->path));
    return m;
fail:
    tm_close(m);
    return NULL;
}

void tm_close(tm_model *m)
{
    if (!m)
        return;
    /* the session's WASI host holds dup()s of the pipes: free it first, then closing ours
     * ends the reader */
    wd_dbg_free(m->s);
    m->s = NULL;
    if (m->out_pipe[1] >= 0)
        close(m->out_pipe[1]);
    if (m->err_pipe[1] >= 0)
        close(m->err_pipe[1]);
    if (m->reader_on)
        pthread_join(m->reader, NULL);
    int fds[] = { m->out_pipe[0], m->err_pipe[0], m->in_pipe[0], m->in_pipe[1],
                  m->note_pipe[0], m->note_pipe[1] };
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    for (size_t i = 0; i < m->nsrcs; i++) {
        free(m->srcs[i].path);
        source_free(&m->srcs[i]);
        free(m->srcs[i].starts);
    }
    free(m->srcs);
    free(m->dis);
    free(m->snap);
    free(m->frames);
    free_vars(m);
    free(m->bps);
    free(m->path);
    free(m->invoke);
    free(m->pend);
    tui_textbuf_free(&m->console);
    tui_textbuf_free(&m->progio);
    tui_textbuf_free(&m->wasilog);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

tui_textbuf *tm_console(tm_model *m) { return &m->console; }
tui_textbuf *tm_program_io(tm_model *m) { return &m->progio; }
tui_textbuf *tm_wasi_log(tm_model *m) { return &m->wasilog; }
const char *tm_module_name(const tm_model *m) { return base_name(m->path); }
tm_state tm_get_state(const tm_model *m) { return m->state; }
uint64_t tm_stop_seq(const tm_model *m) { return m->stop_seq; }
bool tm_quit_requested(const tm_model *m) { return wd_dbg_quit_requested(m->s); }
char *tm_complete(tm_model *m, const char *before, char **list)
{
    return wd_dbg_complete_apply(m->s, before, list);
}

/* ------------------------------------------------------------ memory */

uint64_t tm_mem_size(const tm_model *m) { return wd_dbg_mem_size(m->s); }

bool tm_mem_live(const tm_model *m) { return wd_dbg_mem_live(m->s); }

bool tm_mem_read(const tm_model *m, uint64_t addr, void *dst, size_t len)
{
    return wd_dbg_mem_read(m->s, addr, dst, len);
}

bool tm_mem_write(tm_model *m, uint64_t addr, const void *src, size_t len)
{
    return wd_dbg_mem_write(m->s, addr, src, len);
}

bool tm_mem_changed(const tm_model *m, uint64_t addr)
{
    if (!m->snap || addr >= m->snap_size)
        return false;
    uint8_t b;
    return tm_mem_read(m, addr, &b, 1) && b != m->snap[addr];
}

static void snapshot_memory(tm_model *m)
{
    uint64_t n = tm_mem_size(m);
    if (n == 0 || n > ((uint64_t)64 << 20)) {
        m->snap_size = 0;
        return;
    }
    if (n != m->snap_size) {
        uint8_t *s = realloc(m->snap, (size_t)n);
        if (!s) {
            m->snap_size = 0;
            return;
        }
        m->snap = s;
    }
    m->snap_size = n;
    tm_mem_read(m, 0, m->snap, (size_t)n);
}

/* ------------------------------------------------------------ frames, variables, breakpoints */

size_t tm_frame_count(const tm_model *m) { return m->nframes; }
const tm_frame *tm_frame_get(const tm_model *m, size_t i) { return i < m->nframes ? &m->frames[i] : NULL; }
size_t tm_selected_frame(const tm_model *m) { return m->sel; }
size_t tm_var_count(const tm_model *m) { return m->nvars; }
const tm_var *tm_var_get(const tm_model *m, size_t i) { return i < m->nvars ? &m->vars[i] : NULL; }
size_t tm_bp_count(const tm_model *m) { return m->nbps; }
const tm_bp *tm_bp_get(const tm_model *m, size_t i) { return i < m->nbps ? &m->bps[i] : NULL; }

bool tm_view_loc(const tm_model *m, tm_loc *out)
{
    if (m->nframes && (m->state == TM_PAUSED || m->state == TM_TRAPPED)) {
        /* a host frame (a WASI call) has no code to show: its caller's */
        size_t i = m->sel;
        while (i + 1 < m->nframes && m->frames[i].host)
            i++;
        *out = m->frames[i].loc;
        return true;
    }
    if (m->has_entry_loc) {
        *out = m->entry_loc;
        return true;
    }
    return false;
}

char *tm_eval(tm_model *m, const char *expr, char *err, size_t errsize)
{
    /* not while it runs; before it starts, globals read from the module's data */
    if (m->state == TM_RUNNING) {
        snprintf(err, errsize, "the program is running (Ctrl-C pauses it)");
        return NULL;
    }
    return wd_dbg_eval_text(m->s, expr, err, errsize);
}

bool tm_bp_at_line(const tm_model *m, size_t i, const char *file, uint32_t line)
{
    return i < m->nbps && wd_dbg_bp_at_line(m->s, m->bps[i].index, file, line);
}

int tm_bp_line_flags(const tm_model *m, const char *file, uint32_t line)
{
    int fl = 0;
    for (size_t i = 0; i < m->nbps; i++) {
        const tm_bp *b = &m->bps[i];
        if (b->kind != 0 || !tm_bp_at_line(m, i, file, line))
            continue;
        fl |= b->enabled ? TM_BP_LINE_ON : TM_BP_LINE_OFF;
        if (b->cond[0])
            fl |= TM_BP_LINE_COND;
        if (b->hits)
            fl |= TM_BP_LINE_HIT;
    }
    return fl;
}

size_t tm_display_count(const tm_model *m) { return wd_dbg_display_count(m->s); }

bool tm_display_get(const tm_model *m, size_t i, int *id, const char **expr)
{
    wd_dbg_display d;
    if (!wd_dbg_display_get(m->s, i, &d))
        return false;
    *id = d.id;
    *expr = d.expr;
    return true;
}

/* ------------------------------------------------------------ commands and running */

/* Commands that run the program: memory is compared with its state before them. */
static bool runs_program(const char *name)
{
    static const char *const run[] = { "run", "start", "continue", "next", "step", "stepi",
                                       "nexti", "finish", "until", "advance" };
    for (size_t i = 0; name && i < sizeof run / sizeof run[0]; i++)
        if (strcmp(name, run[i]) == 0)
            return true;
    return false;
}

/* After a stop: an invoked export's result. */
static void after_run(tm_model *m, tm_state before)
{
    char r[64];
    if (m->state == TM_EXITED && before != TM_EXITED && m->invoke &&
        wd_dbg_entry_result(m->s, r, sizeof r))
        tui_textbuf_line(&m->console, TS_NORMAL, "%s returned %s", m->invoke, r);
}

/* A new process after stdin was closed (Ctrl-D) gets a fresh pipe. */
static void reopen_stdin(tm_model *m)
{
    int p[2];
    if (m->in_pipe[1] >= 0 || pipe(p) != 0)
        return;
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    wd_dbg_set_stdio(m->s, p[0], m->out_pipe[1], m->err_pipe[1]);
    if (m->in_pipe[0] >= 0)
        close(m->in_pipe[0]);
    m->in_pipe[0] = p[0];
    m->in_pipe[1] = p[1];
}

int tm_command(tm_model *m, const char *line)
{
    const char *name = wd_dbg_command_of(line);
    if (name && (strcmp(name, "run") == 0 || strcmp(name, "start") == 0))
        reopen_stdin(m);
    if (runs_program(name) && m->state != TM_RUNNING)
        snapshot_memory(m);
    tm_state before = m->state;
    int rc = wd_dbg_execute_async(m->s, line);
    /* an assignment changes values without a stop: the panes re-read them */
    bool assigns = name && (strcmp(name, "set") == 0 ||
                            (strcmp(name, "print") == 0 && strchr(line, '=')));
    refresh(m, assigns);
    after_run(m, before);
    return rc;
}

void tm_run_slice(tm_model *m, uint64_t insns)
{
    if (m->state != TM_RUNNING)
        return;
    wd_dbg_run_slice(m->s, insns);
    refresh(m, false);
    after_run(m, TM_RUNNING);
}

void tm_interrupt(tm_model *m) { wd_dbg_interrupt(m->s); }

bool tm_waiting(const tm_model *m, bool *input, int64_t *deadline_ns)
{
    if (input)
        *input = m->waiting && m->wait_input;
    if (deadline_ns)
        *deadline_ns = m->waiting ? m->wait_deadline : -1;
    return m->waiting;
}

void tm_status(const tm_model *m, char *buf, size_t size)
{
    switch (m->state) {
    case TM_NOT_STARTED:
        snprintf(buf, size, "not started");
        return;
    case TM_RUNNING:
        snprintf(buf, size, "%s", !m->waiting ? "running" : m->wait_input ? "waiting for input"
                                                                     : "running (waiting in a WASI call)");
        return;
    case TM_EXITED:
        snprintf(buf, size, "exited with status %d", wd_dbg_exit_code(m->s));
        return;
    case TM_TRAPPED:
    case TM_PAUSED: {
        const tm_frame *f = NULL;
        for (size_t i = 0; i < m->nframes; i++)
            if (!m->frames[i].host) {
                f = &m->frames[i];
                break;
            }
        char where[300] = "";
        if (f && f->loc.file[0])
            snprintf(where, sizeof where, "%s:%u in %s", base_name(f->loc.file), f->loc.line, f->loc.func);
        else if (f)
            snprintf(where, sizeof where, "%s+0x%" PRIx64, f->loc.func, f->loc.offset);
        if (m->state == TM_TRAPPED) {
            const char *msg = wd_dbg_trap_message(m->s);
            snprintf(buf, size, "trapped: %s%s%s", msg ? msg : "?", where[0] ? " at " : "", where);
            return;
        }
        char reason[96];
        wd_dbg_stop_reason(m->s, reason, sizeof reason);
        if (strcmp(reason, "step") == 0 || strcmp(reason, "finish") == 0)
            reason[0] = '\0';   /* the console says it; the status line names the unusual */
        snprintf(buf, size, "paused at %s%s%s%s", where[0] ? where : "?", reason[0] ? " (" : "",
                 reason, reason[0] ? ")" : "");
        return;
    }
    }
    snprintf(buf, size, "?");
}

/* ------------------------------------------------------------ sources and disassembly */

const tm_source *tm_source_get(tm_model *m, const char *path)
{
    if (!path || !*path)
        return NULL;
    for (size_t i = 0; i < m->nsrcs; i++)
        if (strcmp(m->srcs[i].path, path) == 0)
            return &m->srcs[i];
    tm_source *ns = realloc(m->srcs, (m->nsrcs + 1) * sizeof *ns);
    if (!ns)
        return NULL;
    m->srcs = ns;
    tm_source *s = &m->srcs[m->nsrcs];
    memset(s, 0, sizeof *s);
    s->path = strdup(path);
    if (!s->path)
        return NULL;
    m->nsrcs++;
    wd_dwarf *dw = wd_dbg_dwarf(m->s);
    char *real = dw ? wd_dwarf_source_path(dw, path) : NULL;
    FILE *f = real ? fopen(real, "rb") : fopen(path, "rb");
    free(real);
    if (!f)
        return s;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (sz < 0 || sz > (1L << 30)) {
        fclose(f);
        return s;
    }
    s->data = source_alloc(s, (size_t)sz + 1);
    if (!s->data || fread(s->data, 1, (size_t)sz, f) != (size_t)sz) {
        source_free(s);
        fclose(f);
        return s;
    }
    fclose(f);
    s->data[sz] = '\0';
    s->size = (size_t)sz;
    size_t cap = 1024 + s->size / 32;
    s->starts = malloc(cap * sizeof *s->starts);
    if (!s->starts) {
        source_free(s);
        return s;
    }
    /* the line index, once per file (memchr: a 10 MB file takes milliseconds) */
    s->starts[s->nlines++] = 0;
    const char *end = s->data + s->size;
    for (const char *nl = memchr(s->data, '\n', s->size); nl && nl + 1 < end;
         nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1))) {
        if (s->nlines == cap) {
            cap *= 2;
            uint32_t *n2 = realloc(s->starts, cap * sizeof *n2);
            if (!n2)
                break;
            s->starts = n2;
        }
        s->starts[s->nlines++] = (uint32_t)(nl + 1 - s->data);
    }
    if (s->size == 0)
        s->nlines = 0;
    return s;
}

size_t tm_disasm(tm_model *m, uint32_t funcidx, const tm_asm_line **out)
{
    if (m->dis_valid && m->dis_func == funcidx) {
        *out = m->dis;
        return m->ndis;
    }
    free(m->dis);
    m->dis = NULL;
    m->ndis = 0;
    m->dis_valid = true;
    m->dis_func = funcidx;
    size_t nbytes;
    const uint8_t *bytes = wd_dbg_module_bytes(m->s, &nbytes);
    const wd_module *mod = wd_dbg_module(m->s);
    wd_dwarf *dw = wd_dbg_dwarf(m->s);
    uint64_t code_off = wd_module_code_section_offset(mod);
    uint64_t s, e;
    wd_module_func_range(mod, funcidx, &s, &e);
    if (s >= e || e > nbytes) {
        *out = NULL;
        return 0;
    }
    size_t cap = 256;
    m->dis = malloc(cap * sizeof *m->dis);
    int depth = 1;
    uint32_t last_line = 0;
    for (uint64_t off = s; off < e && m->dis;) {
        if (m->ndis == cap) {
            cap *= 2;
            tm_asm_line *n2 = realloc(m->dis, cap * sizeof *n2);
            if (!n2)
                break;
            m->dis = n2;
        }
        wd_wasm_insn in;
        bool ok = wd_wasm_decode(bytes + off, (size_t)(e - off), &in);
        if (in.is_else || in.depth_change < 0)
            depth--;
        if (depth < 1)
            depth = 1;
        tm_asm_line *l = &m->dis[m->ndis++];
        l->offset = off;
        l->depth = depth - 1;
        l->line = 0;
        if (dw) {
            wd_dw_row row;
            if (wd_dwarf_line_at(dw, (uint32_t)(off - code_off), &row) && row.line &&
                row.line != last_line) {
                l->line = row.line;
                last_line = row.line;
            }
        }
        snprintf(l->text, sizeof l->text, "%.119s", in.text);
        if (in.is_else || in.depth_change > 0)
            depth++;
        off += in.len ? in.len : 1;
        if (!ok && !in.len)
            break;
    }
    *out = m->dis;
    return m->ndis;
}

typedef struct file_find { const char *found; } file_find;

static bool file_find_row(void *user, const wd_dw_row *row)
{
    file_find *f = user;
    if (row->file && *row->file) {
        f->found = row->file;
        return false;
    }
    return true;
}

bool tm_resolve_line(tm_model *m, const char *spec, const char **file, uint32_t *line)
{
    wd_dwarf *dw = wd_dbg_dwarf(m->s);
    if (!dw)
        return false;
    while (isspace((unsigned char)*spec))
        spec++;
    const char *colon = strrchr(spec, ':');
    if (colon && isdigit((unsigned char)colon[1])) {
        /* a file's line as it is (the source pane shows lines without code too) */
        char fname[512];
        snprintf(fname, sizeof fname, "%.*s", (int)(colon - spec), spec);
        file_find ff = { NULL };
        wd_dwarf_each_row(dw, fname, file_find_row, &ff);
        if (!ff.found)
            return false;
        *file = ff.found;
        *line = (uint32_t)strtoul(colon + 1, NULL, 10);
        return true;
    }
    if (isdigit((unsigned char)*spec)) {
        tm_loc l;
        if (!tm_view_loc(m, &l) || !l.file[0])
            return false;
        *file = l.file;
        *line = (uint32_t)strtoul(spec, NULL, 10);
        return true;
    }
    /* a function: where `break FUNCTION` would stop */
    wd_dbg_loc l;
    char err[256];
    if (!wd_dbg_resolve(m->s, spec, &l, err, sizeof err) || !l.file[0])
        return false;
    *file = l.file;
    *line = l.line;
    return true;
}

/* For model_profile.c, the other half of the model. */
wd_dbg *tm__session(tm_model *m);
wd_dbg *tm__session(tm_model *m) { return m->s; }
