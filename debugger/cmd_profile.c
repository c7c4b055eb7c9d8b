/* cmd_profile.c: the sampling profiler (profiler/prof.h) inside a debugging session.
 *
 *   profile start [--mode insns|cycles] [--interval N]
 *   profile stop
 *   profile show [--top N]
 *   profile save FILE [--format F]
 *   profile clear
 *   profile                      (status)
 *
 * One wd_prof per session, created by the first `profile start` and kept until the session
 * ends, so samples accumulate across start/stop pairs, breakpoints, steps and even `run`
 * restarts (a new exec is attached each time). `profile start` with another mode or interval
 * than the existing profile's starts a new profile.
 *
 * Sampling runs only while the program does: session.c calls dbg_prof_before_run() right
 * before every wd_exec_call/wd_exec_resume and dbg_prof_after_run() right after, so the time
 * spent stopped at a prompt, evaluating expressions or printing stop reports is never
 * attributed to the program.
 *  - insns mode: the tick hook stays on the exec across stops. The instruction counter does
 *    not move while the program is stopped, and the tick keeps its phase, so a program that
 *    is stepped line by line is sampled exactly as one that runs straight through (the
 *    weights are the exact instruction counts between samples).
 *  - cycles mode: the CPU-time timer is started before each resume and stopped after it;
 *    the first sample after a resume is weighted from the resume on (wd_prof_start resets
 *    the TSC baseline). While a step runs, the debugger's per-instruction probe work is part
 *    of what is measured (it runs inside the exec); the program's own share is what the
 *    profile is for, so step over long stretches with `continue` or `next`. WASI host calls
 *    show as [wasi:NAME] frames (a monitor on the session's WASI host).
 * The start function run by instantiation (wd_instance_new) is not sampled.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"
#include "prof.h"
#include "session_query.h"

typedef struct dbg_prof {
    wd_prof *p;
    wd_prof_mode mode;
    uint64_t interval;        /* effective (never 0) */
    bool active;              /* between `profile start` and `profile stop` */
    bool attached;            /* wd_prof_start()ed on s->x */
    wd_wasi *mon_wasi;        /* the host the monitor is registered with (cycles mode) */
    uint32_t mon_id;
    char timer[64];           /* cycles mode: the timer source */
} dbg_prof;

/* ------------------------------------------------------------ the symbolizer */

/* DWARF frames for a sampled location, innermost first, with the names people read (C's
 * main, not clang's symbol __main_argc_argv, as in backtraces), as `wasmdbg profile`. */
static uint32_t prof_symbolize(void *user, const wd_module *m, uint32_t funcidx,
                               uint64_t offset, wd_prof_srcframe *out, uint32_t max)
{
    (void)funcidx;
    wd_dbg *s = user;
    if (!s->dw || m != s->m || offset < s->code_off)
        return 0;
    uint32_t addr = (uint32_t)(offset - s->code_off);
    wd_dw_frame fr[16];
    size_t n = wd_dwarf_symbolize(s->dw, addr, false, fr, 16);
    if (n > 16)
        n = 16;
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++) {
        out[i].function = dbg_display_name(fr[i].source_name ? fr[i].source_name : fr[i].function);
        out[i].file = fr[i].file && fr[i].file[0] ? fr[i].file : NULL;
        out[i].line = fr[i].line;
        out[i].column = fr[i].column;
    }
    /* Safepoints (where samples are taken) include loop headers, which clang gives line 0:
     * use the first line of code that follows in the same sequence and file. */
    if (n > 0 && out[0].line == 0) {
        for (uint32_t a = addr + 1; a <= addr + 32; a++) {
            wd_dw_row row;
            if (!wd_dwarf_line_at(s->dw, a, &row) || (row.flags & WD_DW_ROW_END_SEQUENCE))
                break;
            if (!row.line)
                continue;
            if (out[0].file && row.file && strcmp(out[0].file, row.file) != 0)
                break;
            out[0].line = row.line;
            out[0].column = row.column;
            if (!out[0].file && row.file && row.file[0])
                out[0].file = row.file;
            break;
        }
    }
    return (uint32_t)n;
}

/* ------------------------------------------------------------ host calls */

static void on_wasi_call(const wd_wasi_event *ev, void *user)
{
    dbg_prof *d = user;
    if (!d->attached)
        return;
    /* the event comes while the host call is still on the engine's stack */
    wd_prof_host_enter(d->p, ev->name);
    wd_prof_host_leave(d->p);
}

/* ------------------------------------------------------------ session hooks */

static void unmonitor(dbg_prof *d)
{
    if (d->mon_wasi)
        wd_wasi_remove_monitor(d->mon_wasi, d->mon_id);
    d->mon_wasi = NULL;
    d->mon_id = 0;
}

static void detach(dbg_prof *d)
{
    if (d->attached)
        wd_prof_stop(d->p);
    d->attached = false;
}

void dbg_prof_before_run(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    if (!d || !d->active || d->attached || !s->x)
        return;
    char err[256];
    if (!wd_prof_start(d->p, s->x, err, sizeof err)) {
        d->active = false;
        dbg_buf t = {0}, j = {0};
        dbuf_printf(&t, "warning: profiling stopped: %s\n", err);
        dbuf_puts(&j, "{\"type\":\"profile\",\"event\":\"stopped\",\"error\":");
        dbuf_json_str(&j, err);
        dbuf_puts(&j, "}");
        dbg_event(s, t.p, j.p);
        dbuf_free(&t);
        dbuf_free(&j);
        return;
    }
    d->attached = true;
    if (d->mode == WD_PROF_CYCLES && s->wasi && d->mon_wasi != s->wasi) {
        unmonitor(d);
        d->mon_id = wd_wasi_add_monitor(s->wasi, on_wasi_call, d);
        if (d->mon_id)
            d->mon_wasi = s->wasi;
    }
}

void dbg_prof_after_run(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    /* insns mode keeps its tick on the exec (its counter stands still while stopped) */
    if (d && d->attached && d->mode == WD_PROF_CYCLES)
        detach(d);
}

void dbg_prof_detach(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    if (!d)
        return;
    detach(d);
    unmonitor(d);
}

void dbg_prof_free(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    if (!d)
        return;
    dbg_prof_detach(s);
    wd_prof_free(d->p);
    free(d);
    s->prof = NULL;
}

const wd_prof *wd_dbg_profile(wd_dbg *s, bool *running)
{
    dbg_prof *d = s->prof;
    *running = d && d->active;
    return d ? d->p : NULL;
}

/* ------------------------------------------------------------ arguments */

typedef struct pargs {
    char *v[16];
    int n;
    char *buf;
} pargs;

/* Splits a into words ("..." quotes a word with spaces). false if there are too many. */
static bool split_args(const char *a, pargs *pa)
{
    memset(pa, 0, sizeof *pa);
    pa->buf = malloc(strlen(a) + 1);
    if (!pa->buf)
        return false;
    char *o = pa->buf;
    const char *p = dbg_skip_ws(a);
    while (*p) {
        if (pa->n == (int)(sizeof pa->v / sizeof pa->v[0]))
            return false;
        pa->v[pa->n++] = o;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                *o++ = *p == '\\' && p[1] ? *++p : *p;
            if (*p == '"')
                p++;
        } else {
            while (*p && *p != ' ' && *p != '\t')
                *o++ = *p++;
        }
        *o++ = '\0';
        p = dbg_skip_ws(p);
    }
    return true;
}

/* "--name VALUE" or "--name=VALUE" at pa->v[*i]: the value (advancing *i), NULL if the word
 * is another option; *missing when the value is absent. */
static const char *opt_value(pargs *pa, int *i, const char *name, bool *missing)
{
    const char *w = pa->v[*i];
    size_t n = strlen(name);
    if (strncmp(w, name, n) != 0)
        return NULL;
    if (w[n] == '=')
        return w + n + 1;
    if (w[n])
        return NULL;
    if (*i + 1 >= pa->n) {
        *missing = true;
        return NULL;
    }
    return pa->v[++*i];
}

static bool parse_count(const char *v, uint64_t *out)
{
    return v[0] >= '0' && v[0] <= '9' && dbg_parse_u64(v, out);
}

/* ------------------------------------------------------------ text helpers */

static const char *mode_name(wd_prof_mode m) { return m == WD_PROF_INSNS ? "insns" : "cycles"; }

static void describe_rate(const dbg_prof *d, dbg_buf *b)
{
    if (d->mode == WD_PROF_INSNS)
        dbuf_printf(b, "insns mode, a sample every %" PRIu64 " instructions", d->interval);
    else
        dbuf_printf(b, "cycles mode, a sample every %" PRIu64 " us of CPU time (timer: %s)",
                    d->interval, d->timer);
}

static void json_common(wd_dbg *s, const dbg_prof *d)
{
    wd_prof_stats st;
    wd_prof_get_stats(d->p, &st);
    dbg_jfield_str(s, "mode", mode_name(d->mode));
    dbg_jfield_u64(s, "interval", d->interval);
    dbg_jfield(s, "running", d->active ? "true" : "false");
    dbg_jfield_u64(s, "samples", st.samples);
    dbg_jfield_u64(s, "weight", st.weight);
    dbg_jfield_str(s, "unit", wd_prof_weight_unit(d->p));
    dbg_jfield_u64(s, "stacks", st.stacks);
}

/* "1,234,567" */
static void group_digits(uint64_t v, char *buf, size_t size)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = '\0';
}

static void summary(const dbg_prof *d, dbg_buf *b)
{
    wd_prof_stats st;
    wd_prof_get_stats(d->p, &st);
    char w[40];
    group_digits(st.weight, w, sizeof w);
    dbuf_printf(b, "%" PRIu64 " sample%s, %" PRIu32 " distinct stack%s, %s %s", st.samples,
                st.samples == 1 ? "" : "s", st.stacks, st.stacks == 1 ? "" : "s", w,
                wd_prof_weight_unit(d->p));
}

/* ------------------------------------------------------------ subcommands */

/* A cycles-mode timer is process-wide and may be unavailable: try it once on a scratch exec
 * so that `profile start` fails at once rather than at the next resume. */
static bool probe_timer(const wd_prof_options *po, char *name, size_t nsize, char *err,
                        size_t esize)
{
    wd_prof *t = wd_prof_new(po, err, esize);
    if (!t)
        return false;
    wd_store *st = wd_store_new(NULL);
    bool ok = false;
    if (!st) {
        snprintf(err, esize, "out of memory");
    } else if (wd_prof_start(t, wd_store_exec(st), err, esize)) {
        snprintf(name, nsize, "%s", wd_prof_timer_source(t));
        wd_prof_stop(t);
        ok = true;
    }
    if (st)
        wd_store_free(st);
    wd_prof_free(t);
    return ok;
}

static int prof_start(wd_dbg *s, pargs *pa)
{
    bool have_mode = false;
    wd_prof_mode mode = WD_PROF_CYCLES;
    uint64_t interval = 0;
    for (int i = 1; i < pa->n; i++) {
        bool missing = false;
        const char *v;
        if ((v = opt_value(pa, &i, "--mode", &missing))) {
            if (strcmp(v, "insns") == 0)
                mode = WD_PROF_INSNS;
            else if (strcmp(v, "cycles") == 0)
                mode = WD_PROF_CYCLES;
            else
                return dbg_error(s, "profile start: unknown mode \"%s\" (insns or cycles).", v);
            have_mode = true;
        } else if ((v = opt_value(pa, &i, "--interval", &missing))) {
            if (!parse_count(v, &interval) || interval == 0)
                return dbg_error(s, "profile start: --interval needs a positive number.");
        } else if (missing) {
            return dbg_error(s, "profile start: %s needs a value.", pa->v[i]);
        } else {
            return dbg_error(s, "profile start: unknown argument \"%s\" "
                                "(--mode insns|cycles, --interval N).", pa->v[i]);
        }
    }
    dbg_prof *d = s->prof;
    if (d && d->active)
        return dbg_error(s, "The profiler is already running (%s); \"profile stop\" first.",
                         mode_name(d->mode));
    if (d && !have_mode)
        mode = d->mode;
    if (!interval)
        interval = d && d->mode == mode ? d->interval
                   : mode == WD_PROF_INSNS ? WD_PROF_DEFAULT_INSNS : WD_PROF_DEFAULT_USEC;
    dbg_buf t = {0};
    if (d && (d->mode != mode || d->interval != interval)) {
        /* other settings: a new profile */
        wd_prof_stats st;
        wd_prof_get_stats(d->p, &st);
        dbuf_printf(&t, "Discarded the previous profile (%s, %" PRIu64 " samples).\n",
                    mode_name(d->mode), st.samples);
        dbg_prof_free(s);
        d = NULL;
    }
    bool resumed = d != NULL;
    if (!d) {
        wd_prof_options po = {.mode = mode, .interval = interval, .program = dbg_basename(s->path)};
        if (s->dw) {
            po.symbolize = prof_symbolize;
            po.symbolize_user = s;
        }
        char err[256], timer[64] = "";
        if (mode == WD_PROF_CYCLES && !probe_timer(&po, timer, sizeof timer, err, sizeof err)) {
            dbuf_free(&t);
            return dbg_error(s, "profile start: %s", err);
        }
        d = calloc(1, sizeof *d);
        if (!d)
            snprintf(err, sizeof err, "out of memory");
        else if (!(d->p = wd_prof_new(&po, err, sizeof err))) {
            free(d);
            d = NULL;
        }
        if (!d) {
            dbuf_free(&t);
            return dbg_error(s, "profile start: %s", err);
        }
        wd_prof_name_module(d->p, s->m, s->path);
        d->mode = mode;
        d->interval = interval;
        snprintf(d->timer, sizeof d->timer, "%s", timer);
        s->prof = d;
    }
    d->active = true;
    dbuf_puts(&t, resumed ? "Profiling resumed (" : "Profiling (");
    describe_rate(d, &t);
    dbuf_puts(&t, ")");
    if (resumed) {
        dbuf_puts(&t, "; samples accumulate: ");
        summary(d, &t);
        dbuf_puts(&t, " so far");
    }
    dbuf_puts(&t, dbg_running(s) ? ".\n" : "; sampling starts when the program runs.\n");
    dbg_puts(s, t.p);
    dbuf_free(&t);
    json_common(s, d);
    if (d->mode == WD_PROF_CYCLES)
        dbg_jfield_str(s, "timer", d->timer);
    return 0;
}

static int prof_stop(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    if (!d || !d->active)
        return dbg_error(s, "The profiler is not running.");
    detach(d);
    unmonitor(d);
    d->active = false;
    dbg_buf t = {0};
    dbuf_puts(&t, "Profiling stopped: ");
    summary(d, &t);
    dbuf_puts(&t, ".\n");
    dbg_puts(s, t.p);
    dbuf_free(&t);
    json_common(s, d);
    return 0;
}

static void json_num(dbg_buf *b, const char *key, double v)
{
    dbuf_printf(b, ",\"%s\":%.2f", key, v);
}

static int prof_show(wd_dbg *s, pargs *pa)
{
    uint64_t top = 25;
    for (int i = 1; i < pa->n; i++) {
        bool missing = false;
        const char *v = opt_value(pa, &i, "--top", &missing);
        if (v) {
            if (!parse_count(v, &top))
                return dbg_error(s, "profile show: --top needs a number (0: every function).");
        } else {
            return dbg_error(s, "profile show: %s \"%s\" (usage: profile show [--top N]).",
                             missing ? "missing a value after" : "unknown argument", pa->v[i]);
        }
    }
    dbg_prof *d = s->prof;
    if (!d)
        return dbg_error(s, "No profile: \"profile start\" first.");
    /* the --top table of `wasmdbg profile`, written to memory for the sink */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return dbg_error(s, "out of memory");
    wd_prof_write_top(d->p, f, (size_t)top);
    if (fclose(f) != 0 || !text) {
        free(text);
        return dbg_error(s, "out of memory");
    }
    dbg_puts(s, text);
    free(text);
    json_common(s, d);
    if (!s->json)
        return 0;
    size_t n = 0;
    wd_prof_row *rows = wd_prof_rows(d->p, &n);
    wd_prof_stats st;
    wd_prof_get_stats(d->p, &st);
    double tw = st.weight ? (double)st.weight : 1.0;
    dbg_buf j = {0};
    dbuf_puts(&j, "[");
    for (size_t i = 0; i < n && (top == 0 || i < top); i++) {
        const wd_prof_row *r = &rows[i];
        dbuf_puts(&j, i ? ",{\"function\":" : "{\"function\":");
        dbuf_json_str(&j, r->function);
        if (r->is_host) {
            dbuf_puts(&j, ",\"host\":true");
        } else {
            dbuf_puts(&j, ",\"file\":");
            dbuf_json_str(&j, r->file);
            if (r->line)
                dbuf_printf(&j, ",\"line\":%" PRIu32, r->line);
            else
                dbuf_printf(&j, ",\"offset\":\"0x%" PRIx64 "\"", r->offset);
        }
        json_num(&j, "self_pct", 100.0 * (double)r->self_weight / tw);
        json_num(&j, "total_pct", 100.0 * (double)r->total_weight / tw);
        dbuf_printf(&j, ",\"self_samples\":%" PRIu64 ",\"total_samples\":%" PRIu64
                        ",\"self_weight\":%" PRIu64 ",\"total_weight\":%" PRIu64 "}",
                    r->self_samples, r->total_samples, r->self_weight, r->total_weight);
    }
    dbuf_puts(&j, "]");
    dbg_jfield(s, "rows", j.p);
    dbg_jfield_u64(s, "functions", n);
    dbuf_free(&j);
    free(rows);
    return 0;
}

static int prof_save(wd_dbg *s, pargs *pa)
{
    const char *path = NULL, *fmt = NULL;
    for (int i = 1; i < pa->n; i++) {
        bool missing = false;
        const char *v = opt_value(pa, &i, "--format", &missing);
        if (v)
            fmt = v;
        else if (missing)
            return dbg_error(s, "profile save: --format needs a value (%s).",
                             wd_prof_format_list());
        else if (!path && (pa->v[i][0] != '-' || pa->v[i][1] == '\0'))
            path = pa->v[i];
        else
            return dbg_error(s, "profile save: unknown argument \"%s\" "
                                "(usage: profile save FILE [--format F]).", pa->v[i]);
    }
    if (!path)
        return dbg_error(s, "profile save: a file name is needed "
                            "(usage: profile save FILE [--format F]).");
    if (strcmp(path, "-") == 0)
        return dbg_error(s, "profile save: cannot write to stdout here; \"profile show\" "
                            "prints the table.");
    dbg_prof *d = s->prof;
    if (!d)
        return dbg_error(s, "No profile: \"profile start\" first.");
    wd_prof_format f = fmt ? wd_prof_format_from_name(fmt) : wd_prof_format_from_path(path);
    if (f == WD_PROF_FMT_NONE) {
        if (fmt)
            return dbg_error(s, "profile save: unknown format \"%s\" (known: %s).", fmt,
                             wd_prof_format_list());
        return dbg_error(s, "profile save: cannot tell the format of \"%s\" from its name; "
                            "use --format (%s).", path, wd_prof_format_list());
    }
    char err[512];
    /* a temporary file next to path, renamed over it once complete */
    wd_prof_out *o = wd_prof_out_open(path, f, err, sizeof err);
    if (!o)
        return dbg_error(s, "profile save: %s", err);
    if (!wd_prof_out_commit(o, d->p, err, sizeof err))
        return dbg_error(s, "profile save: %s", err);
    wd_prof_stats st;
    wd_prof_get_stats(d->p, &st);
    dbg_printf(s, "Saved the profile to %s (%s, %" PRIu64 " sample%s).\n", path,
               wd_prof_format_name(f), st.samples, st.samples == 1 ? "" : "s");
    dbg_jfield_str(s, "file", path);
    dbg_jfield_str(s, "format", wd_prof_format_name(f));
    dbg_jfield_u64(s, "samples", st.samples);
    return 0;
}

static int prof_clear(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    if (!d)
        return dbg_error(s, "No profile: \"profile start\" first.");
    wd_prof_stats st;
    wd_prof_get_stats(d->p, &st);
    wd_prof_clear(d->p);
    dbg_printf(s, "Dropped %" PRIu64 " sample%s.\n", st.samples, st.samples == 1 ? "" : "s");
    json_common(s, d);
    return 0;
}

static int prof_status(wd_dbg *s)
{
    dbg_prof *d = s->prof;
    if (!d) {
        dbg_puts(s, "No profile (\"profile start [--mode insns|cycles] [--interval N]\").\n");
        dbg_jfield(s, "running", "false");
        return 0;
    }
    dbg_buf t = {0};
    dbuf_puts(&t, d->active ? "The profiler is running (" : "The profiler is stopped (");
    describe_rate(d, &t);
    dbuf_puts(&t, "): ");
    summary(d, &t);
    dbuf_puts(&t, ".\n");
    dbg_puts(s, t.p);
    dbuf_free(&t);
    json_common(s, d);
    return 0;
}

int cmd_profile(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    pargs pa;
    int rc;
    if (!split_args(a, &pa)) {
        rc = dbg_error(s, pa.buf ? "profile: too many arguments." : "out of memory");
    } else if (pa.n == 0 || strcmp(pa.v[0], "status") == 0 || strcmp(pa.v[0], "info") == 0) {
        rc = pa.n > 1 ? dbg_error(s, "profile status: no arguments expected.") : prof_status(s);
    } else if (strcmp(pa.v[0], "start") == 0) {
        rc = prof_start(s, &pa);
    } else if (strcmp(pa.v[0], "stop") == 0) {
        rc = pa.n > 1 ? dbg_error(s, "profile stop: no arguments expected.") : prof_stop(s);
    } else if (strcmp(pa.v[0], "show") == 0) {
        rc = prof_show(s, &pa);
    } else if (strcmp(pa.v[0], "save") == 0) {
        rc = prof_save(s, &pa);
    } else if (strcmp(pa.v[0], "clear") == 0) {
        rc = pa.n > 1 ? dbg_error(s, "profile clear: no arguments expected.") : prof_clear(s);
    } else {
        rc = dbg_error(s, "Undefined profile command: \"%s\" (start, stop, show, save, clear).",
                       pa.v[0]);
    }
    free(pa.buf);
    return rc;
}
