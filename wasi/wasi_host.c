/* wasi_host.c: the wd_wasi context, its fd table, the import resolver and the dispatcher
 * that runs one call (with the tracer around it when a monitor is registered). */
#define _GNU_SOURCE   /* O_PATH, ppoll, accept4 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_internal.h"

/* ---------------------------------------------------------------- fd table */

wfd *wasi_fd(wd_wasi *w, uint64_t fd)
{
    if (fd >= w->nfds || !w->fds[fd].used)
        return NULL;
    return &w->fds[fd];
}

uint16_t wasi_fd_get(wd_wasi *w, uint64_t fd, uint64_t need, wfd **out)
{
    wfd *f = wasi_fd(w, fd);
    if (!f)
        return WE_BADF;
    if ((f->rights & need) != need)
        return WE_NOTCAPABLE;
    *out = f;
    return WE_SUCCESS;
}

void wasi_fd_clear_dents(wfd *f)
{
    for (uint32_t i = 0; i < f->nents; i++)
        free(f->ents[i].name);
    free(f->ents);
    f->ents = NULL;
    f->nents = 0;
    f->have_ents = false;
}

void wasi_fd_release(wfd *f)
{
    if (!f->used)
        return;
    if (f->host >= 0)
        close(f->host);
    wasi_fd_clear_dents(f);
    free(f->path);
    memset(f, 0, sizeof *f);
    f->host = -1;
}

#define W_MAX_FDS 65536u

static bool grow_fds(wd_wasi *w, uint32_t need)
{
    if (need <= w->nfds)
        return true;
    if (need > W_MAX_FDS)
        return false;
    uint32_t n = w->nfds ? w->nfds : 16;
    while (n < need)
        n *= 2;
    wfd *nf = realloc(w->fds, (size_t)n * sizeof *nf);
    if (!nf)
        return false;
    for (uint32_t i = w->nfds; i < n; i++) {
        memset(&nf[i], 0, sizeof nf[i]);
        nf[i].host = -1;
    }
    w->fds = nf;
    w->nfds = n;
    return true;
}

static uint16_t put_fd(wd_wasi *w, uint32_t idx, int host, uint8_t type, uint64_t rights,
                       uint64_t inheriting, char *path)
{
    if (!grow_fds(w, idx + 1))
        return WE_MFILE;
    wfd *f = &w->fds[idx];
    f->used = true;
    f->preopen = false;
    f->host = host;
    f->type = type;
    f->rights = rights;
    f->inheriting = inheriting;
    f->path = path;
    return WE_SUCCESS;
}

uint16_t wasi_fd_alloc(wd_wasi *w, int host, uint8_t type, uint64_t rights,
                       uint64_t inheriting, char *path, uint32_t *out)
{
    uint32_t i = 3;
    while (i < w->nfds && w->fds[i].used)
        i++;
    uint16_t e = put_fd(w, i, host, type, rights, inheriting, path);
    if (e) {
        close(host);
        free(path);
        return e;
    }
    *out = i;
    return WE_SUCCESS;
}

uint8_t wasi_host_filetype(int host, uint64_t *rights, uint64_t *inheriting)
{
    struct stat st;
    *inheriting = 0;
    if (fstat(host, &st) != 0) {
        *rights = WR_STREAM_BASE;
        return WF_UNKNOWN;
    }
    if (S_ISREG(st.st_mode)) {
        *rights = WR_FILE_BASE;
        return WF_REGULAR_FILE;
    }
    if (S_ISDIR(st.st_mode)) {
        *rights = WR_DIR_BASE;
        *inheriting = WR_ALL;
        return WF_DIRECTORY;
    }
    if (S_ISCHR(st.st_mode)) {
        /* no seek/tell: wasi-libc's isatty() looks for exactly this */
        *rights = WR_FILE_BASE & ~(WR_FD_SEEK | WR_FD_TELL);
        return WF_CHARACTER_DEVICE;
    }
    if (S_ISBLK(st.st_mode)) {
        *rights = WR_FILE_BASE;
        return WF_BLOCK_DEVICE;
    }
    if (S_ISSOCK(st.st_mode)) {
        int t = 0;
        socklen_t len = sizeof t;
        *rights = WR_SOCK_BASE;
        if (getsockopt(host, SOL_SOCKET, SO_TYPE, &t, &len) == 0 && t == SOCK_DGRAM)
            return WF_SOCKET_DGRAM;
        return WF_SOCKET_STREAM;
    }
    *rights = WR_STREAM_BASE;   /* pipes and anything else */
    return WF_UNKNOWN;
}

/* ---------------------------------------------------------------- context */

static char **copy_strings(int n, const char *const *src)
{
    char **dst = calloc((size_t)n + 1, sizeof *dst);
    if (!dst)
        return NULL;
    for (int i = 0; i < n; i++) {
        dst[i] = strdup(src[i] ? src[i] : "");
        if (!dst[i]) {
            for (int j = 0; j < i; j++)
                free(dst[j]);
            free(dst);
            return NULL;
        }
    }
    return dst;
}

static void free_strings(char **s, int n)
{
    if (!s)
        return;
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

static bool add_stdio(wd_wasi *w, uint32_t idx, int host, const char *name)
{
    if (host < 0)
        return true;
    int h = fcntl(host, F_DUPFD_CLOEXEC, 3);
    if (h < 0)
        return false;
    uint64_t r, inh;
    uint8_t t = wasi_host_filetype(h, &r, &inh);
    char *p = strdup(name);
    if (!p || put_fd(w, idx, h, t, r, inh, p) != WE_SUCCESS) {
        free(p);
        close(h);
        return false;
    }
    return true;
}

wd_wasi *wd_wasi_new(const wd_wasi_config *cfg, char *err, size_t errsize)
{
    if (err && errsize)
        err[0] = '\0';
    wd_wasi *w = calloc(1, sizeof *w);
    if (!w)
        goto nomem;
    clock_gettime(CLOCK_MONOTONIC, &w->t0);
    w->argc = cfg->argc > 0 ? cfg->argc : 0;
    w->envc = cfg->envc > 0 ? cfg->envc : 0;
    w->argv = copy_strings(w->argc, cfg->argv);
    w->envp = copy_strings(w->envc, cfg->envp);
    w->funcs = calloc(wasi_ncalls, sizeof *w->funcs);
    w->bind = calloc(wasi_ncalls, sizeof *w->bind);
    if (!w->argv || !w->envp || !w->funcs || !w->bind ||
        !grow_fds(w, 3 + cfg->npreopens + cfg->nsockets))
        goto nomem;
    for (uint32_t i = 0; i < wasi_ncalls; i++) {
        w->bind[i].w = w;
        w->bind[i].idx = i;
    }
    if (!add_stdio(w, 0, cfg->stdin_fd, "<stdin>") || !add_stdio(w, 1, cfg->stdout_fd, "<stdout>") ||
        !add_stdio(w, 2, cfg->stderr_fd, "<stderr>")) {
        if (err)
            snprintf(err, errsize, "cannot set up stdio: %s", strerror(errno));
        wd_wasi_free(w);
        return NULL;
    }
    for (uint32_t i = 0; i < cfg->npreopens; i++) {
        const wd_wasi_preopen *p = &cfg->preopens[i];
        int h = open(p->host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (h < 0) {
            if (err)
                snprintf(err, errsize, "--dir %s: %s", p->host_path, strerror(errno));
            wd_wasi_free(w);
            return NULL;
        }
        const char *g = p->guest_path && p->guest_path[0] ? p->guest_path : p->host_path;
        char *gp = strdup(g);
        if (!gp || put_fd(w, 3 + i, h, WF_DIRECTORY, WR_DIR_BASE, WR_ALL, gp) != WE_SUCCESS) {
            free(gp);
            close(h);
            goto nomem;
        }
        w->fds[3 + i].preopen = true;
    }
    for (uint32_t i = 0; i < cfg->nsockets; i++) {
        const wd_wasi_socket *so = &cfg->sockets[i];
        int h = fcntl(so->fd, F_DUPFD_CLOEXEC, 3);
        if (h < 0) {
            if (err)
                snprintf(err, errsize, "socket %s: %s", so->name ? so->name : "?",
                         strerror(errno));
            wd_wasi_free(w);
            return NULL;
        }
        uint64_t r, inh;
        uint8_t t = wasi_host_filetype(h, &r, &inh);
        if (t != WF_SOCKET_STREAM && t != WF_SOCKET_DGRAM) {
            close(h);
            if (err)
                snprintf(err, errsize, "socket %s: not a socket", so->name ? so->name : "?");
            wd_wasi_free(w);
            return NULL;
        }
        char *gp = strdup(so->name ? so->name : "socket");
        if (!gp) {
            close(h);
            goto nomem;
        }
        if (put_fd(w, 3 + cfg->npreopens + i, h, t, r, inh, gp) != WE_SUCCESS) {
            free(gp);
            close(h);
            goto nomem;
        }
    }
    return w;
nomem:
    if (err)
        snprintf(err, errsize, "out of memory");
    wd_wasi_free(w);
    return NULL;
}

void wd_wasi_free(wd_wasi *w)
{
    if (!w)
        return;
    for (uint32_t i = 0; i < w->nfds; i++)
        wasi_fd_release(&w->fds[i]);
    free(w->fds);
    free_strings(w->argv, w->argc);
    free_strings(w->envp, w->envc);
    free(w->funcs);
    free(w->bind);
    free(w);
}

bool wd_wasi_exited(const wd_wasi *w) { return w->exited; }
int wd_wasi_exit_code(const wd_wasi *w) { return w->exit_code; }

/* ---------------------------------------------------------------- monitors */

uint32_t wd_wasi_add_monitor(wd_wasi *w, wd_wasi_monitor_fn fn, void *user)
{
    if (!fn || w->nmon >= W_MAX_MONITORS)
        return 0;
    uint32_t id = ++w->next_mon_id;
    w->mon[w->nmon].fn = fn;
    w->mon[w->nmon].user = user;
    w->mon[w->nmon].id = id;
    w->nmon++;
    w->hooked = true;
    return id;
}

bool wd_wasi_remove_monitor(wd_wasi *w, uint32_t id)
{
    for (uint32_t i = 0; i < w->nmon; i++) {
        if (w->mon[i].id == id) {
            memmove(&w->mon[i], &w->mon[i + 1], (w->nmon - i - 1) * sizeof w->mon[0]);
            w->nmon--;
            w->hooked = w->nmon > 0 || w->hook_enter || w->hook_leave;
            return true;
        }
    }
    return false;
}

void wd_wasi_set_call_hook(wd_wasi *w, wd_wasi_hook_fn enter, wd_wasi_hook_fn leave,
                           void *user)
{
    w->hook_enter = enter;
    w->hook_leave = leave;
    w->hook_user = user;
    w->hooked = w->nmon > 0 || enter || leave;
}

void wd_wasi_set_defer_waits(wd_wasi *w, bool on)
{
    w->defer = on;
    w->blocked = w->poll_pending = false;
}

void wd_wasi_waiting(const wd_wasi *w, wd_wasi_wait *out)
{
    out->blocked = w->blocked;
    out->input = w->blocked && w->block_input;
    out->deadline_ns = w->blocked && w->poll_pending && w->poll_deadline != INT64_MAX
                           ? w->poll_deadline : -1;
}

/* ---------------------------------------------------------------- dispatch */

int wasi_find_call(const char *name)
{
    for (uint32_t i = 0; i < wasi_ncalls; i++)
        if (strcmp(wasi_calls[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int run_call(wd_wasi *w, uint32_t idx, uint8_t *mem, uint64_t memsize, uint64_t *args)
{
    const wdesc *d = &wasi_calls[idx];
    wcall c = { .w = w, .mem = mem, .memsize = mem ? memsize : 0, .a = args, .newfd = -1 };
    uint16_t e;
    w->blocked = w->block_input = false;
    if (d->cls != WD_WASI_CLASS_POLL)
        w->poll_pending = false;   /* the blocked poll was not made again */
    if (!w->hooked) {
        e = d->fn(&c);
    } else if (w->nmon == 0) {
        if (w->hook_enter)
            w->hook_enter(w->hook_user, d->name);
        e = d->fn(&c);
        if (w->hook_leave)
            w->hook_leave(w->hook_user, d->name);
    } else {
        wasi_trace_before(&c, d);
        if (w->hook_enter)
            w->hook_enter(w->hook_user, d->name);
        uint64_t t0 = wasi_now_ns();
        if (!d->result)   /* proc_exit: report it before it ends the run */
            wasi_trace_after(&c, d, 0, t0, 0);
        e = d->fn(&c);
        uint64_t t1 = wasi_now_ns();
        if (w->hook_leave)
            w->hook_leave(w->hook_user, d->name);
        if (d->result && e != W_BLOCKED)   /* a blocked attempt is made again: trace that */
            wasi_trace_after(&c, d, e, t0, t1 - t0);
    }
    if (e == W_BLOCKED) {
        w->blocked = true;
        return WD_HOST_BLOCKED;
    }
    if (!d->result)
        return WD_HOST_EXIT;
    args[0] = e;
    return 0;
}

int wd_wasi_call(wd_wasi *w, const char *name, uint8_t *mem, uint64_t memsize, uint64_t *args)
{
    int i = wasi_find_call(name);
    if (i < 0)
        return -2;
    return run_call(w, (uint32_t)i, mem, memsize, args);
}

static int host_entry(wd_exec *x, void *env, uint64_t *args_results)
{
    struct wbinding *b = env;
    wd_memory *m = wd_exec_caller_memory(x, 0);
    uint8_t *mem = m ? wd_memory_data(m) : NULL;
    uint64_t size = m ? wd_memory_size(m) : 0;
    int r = run_call(b->w, b->idx, mem, size, args_results);
    if (r == WD_HOST_EXIT)
        wd_exec_request_exit(x, b->w->exit_code);
    return r;
}

void wd_wasi_bind(wd_wasi *w, wd_store *s, wd_import_resolver next, void *next_user)
{
    if (w->store != s)
        memset(w->funcs, 0, wasi_ncalls * sizeof *w->funcs);
    w->store = s;
    w->next = next;
    w->next_user = next_user;
}

static bool type_matches(const wdesc *d, const wd_functype *ft)
{
    size_t np = strlen(d->params);
    if (ft->nparams != np || ft->nresults != (d->result ? 1u : 0u))
        return false;
    for (size_t i = 0; i < np; i++) {
        wd_valtype want = d->params[i] == 'I' ? WD_I64 : WD_I32;
        if (ft->params[i] != want)
            return false;
    }
    return !d->result || ft->results[0] == WD_I32;
}

bool wd_wasi_resolver(void *user, const wd_import_desc *imp, wd_extern *out)
{
    wd_wasi *w = user;
    if (strcmp(imp->module, WD_WASI_MODULE) != 0)
        return w->next ? w->next(w->next_user, imp, out) : false;
    if (imp->kind != WD_EXTERN_FUNC || !w->store)
        return false;
    int i = wasi_find_call(imp->name);
    if (i < 0 || !type_matches(&wasi_calls[i], &imp->func))
        return false;
    if (!w->funcs[i]) {
        const wdesc *d = &wasi_calls[i];
        wd_valtype params[16];
        wd_valtype res = WD_I32;
        size_t np = strlen(d->params);
        for (size_t k = 0; k < np; k++)
            params[k] = d->params[k] == 'I' ? WD_I64 : WD_I32;
        wd_functype ft = { .nparams = (uint32_t)np, .nresults = d->result ? 1u : 0u,
                           .params = params, .results = &res };
        w->funcs[i] = wd_func_new_host(w->store, &ft, host_entry, &w->bind[i], d->name);
        if (!w->funcs[i])
            return false;
    }
    out->func = w->funcs[i];
    return true;
}
