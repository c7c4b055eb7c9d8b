/* pane_flame.c: the profile pane (8): the flamegraph view (flame.c) over the session's
 * profile, and the source pane's heat gutter.
 *
 * Both read copies of the profile (tm_profile_snapshot, tm_profile_lines) and take a new
 * copy when the sample count moves: at once while the program is stopped, at most about
 * three times a second while it runs, and never more often than ten times the last copy's
 * own cost, so even a profile of many distinct stacks takes at most ~10% of a live run.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flame.h"
#include "pane_util.h"

#define REFRESH_US 300000L

typedef struct pf_st {
    tui_flame *view;
    bool by_line;
    bool loaded;                /* the view holds a snapshot of ... */
    uint64_t samples, weight;   /* ... this many samples and this weight */
    bool exists, running;
    long at_us, every_us;       /* the last copy; the time between copies while running */
    /* the heat gutter */
    bool heat_off;              /* turned off with `:heat off` or % */
    char *hfile;
    tm_line_weight *heat;
    size_t nheat;
    uint64_t hsamples, hweight, htotal;
    long hat_us;
} pf_st;

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void pf_init(tui_pane *p, tui_app *a)
{
    (void)a;
    pf_st *s = calloc(1, sizeof *s);
    if (s && !(s->view = tui_flame_new())) {
        free(s);
        s = NULL;
    }
    p->st = s;
}

static void pf_fini(tui_pane *p)
{
    pf_st *s = p->st;
    if (!s)
        return;
    tui_flame_free(s->view);
    free(s->hfile);
    free(s->heat);
    free(s);
}

static void pf_resize(tui_pane *p, tui_rect r) { p->rect = r; }

/* Takes a new snapshot if the profile moved (throttled while it records). */
static void refresh(pf_st *s, tm_model *m, bool force)
{
    tm_profile st;
    tm_profile_status(m, &st);
    bool moved = st.exists != s->exists || st.running != s->running || st.samples != s->samples ||
                 st.weight != s->weight;
    if (!force && s->loaded && !moved)
        return;
    long t = now_us();
    if (!force && s->loaded && tm_get_state(m) == TM_RUNNING && t - s->at_us < s->every_us)
        return;
    tm_profile snap;
    tm_profile_snapshot(m, s->by_line, &snap);
    tui_flame_set(s->view, &snap, s->by_line);
    tm_profile_free(&snap);
    long cost = now_us() - t;
    s->every_us = cost * 10 > REFRESH_US ? cost * 10 : REFRESH_US;
    s->loaded = true;
    s->exists = st.exists;
    s->running = st.running;
    s->samples = st.samples;
    s->weight = st.weight;
    s->at_us = t;
}

static void pf_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    pf_st *s = p->st;
    tm_model *m = tui_app_model(a);
    refresh(s, m, false);
    const tm_profile *pr = tui_flame_profile(s->view);
    char title[200], zoom[100] = "";
    if (s->exists && !tui_flame_table(s->view) && tui_flame_zoomed(s->view))
        snprintf(zoom, sizeof zoom, ", zoom: %.60s", tui_flame_zoom_root(s->view));
    snprintf(title, sizeof title, "8 Profile%s%s%s", !s->exists ? "" : tui_flame_table(s->view) ? ": table"
                                                    : s->by_line ? ": flamegraph by line" : ": flamegraph",
             zoom, !s->running ? "" : tm_get_state(m) == TM_RUNNING ? "  \xe2\x97\x8f recording" : "  (profiler on)");
    tui_box(c, p->rect, title, focused);
    tui_rect r = pu_inner(p);
    if (r.w <= 0 || r.h <= 0)
        return;
    if (!s->exists) {
        tui_text(c, r, r.x + 1, r.y, "No profile yet.", TS_NORMAL);
        tui_text(c, r, r.x + 1, r.y + 1, "P starts the profiler (:profile start [--mode insns]),", TS_DIM);
        tui_text(c, r, r.x + 1, r.y + 2, "then c runs the program: the flamegraph fills in live.", TS_DIM);
        return;
    }
    if (!pr->nframes) {
        tui_textf(c, r, r.x + 1, r.y, TS_NORMAL, "Profiling (%s mode): no samples yet.",
                  s->running ? (pr->insns ? "insns" : "cycles") : "stopped");
        tui_text(c, r, r.x + 1, r.y + 1, s->running ? "c runs the program." : "P resumes the profiler.",
                 TS_DIM);
        return;
    }
    tui_flame_draw(s->view, c, r, focused);
}

/* Shows the selected frame's function in the source pane. */
static void jump(tui_app *a, pf_st *s, bool focus)
{
    const char *name, *file;
    uint32_t line;
    if (!tui_flame_target(s->view, &name, &file, &line)) {
        tui_app_message(a, TS_DIM, "no source location for this frame");
        return;
    }
    tm_model *m = tui_app_model(a);
    char spec[700];
    const char *rf;
    uint32_t rl;
    snprintf(spec, sizeof spec, "%s:%" PRIu32, file, line);
    if (!(line && file[0] && tm_resolve_line(m, spec, &rf, &rl)) && !tm_resolve_line(m, name, &rf, &rl)) {
        tui_app_message(a, TS_DIM, "no source location for %s", name);
        return;
    }
    tui_source_show(tui_app_pane(a, P_SOURCE), a, rf, rl);
    if (focus)
        tui_app_focus(a, P_SOURCE);
    const char *base = strrchr(rf, '/');
    tui_app_message(a, TS_NORMAL, "%s at %s:%" PRIu32, name, base ? base + 1 : rf, rl);
}

static bool pf_key(tui_pane *p, tui_app *a, uint32_t key)
{
    pf_st *s = p->st;
    if (!s->exists)
        return false;
    switch (tui_flame_key(s->view, key)) {
    case TF_KEY_HANDLED:
        return true;
    case TF_KEY_JUMP:
        jump(a, s, tui_flame_table(s->view));
        return true;
    case TF_KEY_SEARCH:
        tui_app_prompt(a, "/", "", PROMPT_FLAME);
        return true;
    case TF_KEY_LINES:
        s->by_line = !s->by_line;
        refresh(s, tui_app_model(a), true);
        tui_app_message(a, TS_NORMAL, "flamegraph frames: %s", s->by_line ? "lines" : "functions");
        return true;
    default:
        return false;
    }
}

static bool pf_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    pf_st *s = p->st;
    (void)a;
    if (button == TM_LEFT && s->exists)
        tui_flame_click(s->view, x, y);
    return true;
}

void tui_profile_search(tui_pane *p, tui_app *a, const char *re)
{
    pf_st *s = p->st;
    char err[256];
    if (!tui_flame_search(s->view, re, err, sizeof err)) {
        tui_app_message(a, TS_ERROR, "%s", err);
        return;
    }
    if (*re)
        tui_app_message(a, TS_NORMAL, "/%s/ matches %.1f%% of the samples shown", re,
                        100.0 * tui_flame_match_share(s->view));
}

/* ------------------------------------------------------------ the heat gutter */

#define HEAT_W 5

static pf_st *heat_state(tui_app *a)
{
    tui_pane *p = tui_app_pane(a, P_PROFILE);
    return p ? p->st : NULL;
}

bool tui_heat_set(tui_app *a, int on)
{
    pf_st *s = heat_state(a);
    if (!s)
        return false;
    s->heat_off = on < 0 ? !s->heat_off : !on;
    return !s->heat_off;
}

int tui_heat_width(tui_app *a, const char *file)
{
    pf_st *s = heat_state(a);
    if (!s || s->heat_off || !file)
        return 0;
    tm_model *m = tui_app_model(a);
    tm_profile st;
    tm_profile_status(m, &st);
    if (!st.exists)
        return 0;
    bool same = s->hfile && strcmp(s->hfile, file) == 0;
    bool moved = st.samples != s->hsamples || st.weight != s->hweight;
    long t = now_us();
    if (!same || (moved && (tm_get_state(m) != TM_RUNNING || t - s->hat_us >= REFRESH_US))) {
        free(s->heat);
        free(s->hfile);
        s->hfile = strdup(file);
        s->heat = tm_profile_lines(m, file, &s->nheat);
        s->hsamples = st.samples;
        s->hweight = st.weight;
        s->htotal = st.weight;
        s->hat_us = t;
    }
    return HEAT_W;
}

void tui_heat_draw(tui_app *a, tui_canvas *c, tui_rect r, int x, int y, uint32_t line)
{
    pf_st *s = heat_state(a);
    if (!s || !s->heat || !s->htotal)
        return;
    size_t lo = 0, hi = s->nheat;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->heat[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= s->nheat || s->heat[lo].line != line || !s->heat[lo].weight)
        return;
    double share = (double)s->heat[lo].weight / (double)s->htotal;
    char buf[16];
    if (share >= 0.0995)
        snprintf(buf, sizeof buf, "%3.0f%%", 100.0 * share);
    else if (share >= 0.0005)
        snprintf(buf, sizeof buf, "%3.1f%%", 100.0 * share);
    else
        snprintf(buf, sizeof buf, "<.1%%");
    int st = share >= 0.20 ? TS_HEAT_4 : share >= 0.05 ? TS_HEAT_3 : share >= 0.01 ? TS_HEAT_2 : TS_HEAT_1;
    tui_text(c, r, x, y, buf, st);
}

void tui_panes_profile(tui_pane *prof);
void tui_panes_profile(tui_pane *prof)
{
    *prof = (tui_pane){
        .name = "profile", .title = "Profile",
        .help = "P\tstart / stop profiling (:profile start [--mode insns])\n"
                "arrows h j k l\tselect a frame (j: the heaviest callee); a click selects\n"
                "Enter\tzoom into the frame; the source pane shows it\n"
                "Backspace u Esc\tzoom out\n/\tsearch (regex); . , next / previous match\n"
                "t\ttable view: s cycles the sort, Enter opens the source\n"
                "v\tframes by function / by line\nC\tcolour by name / by self heat\n"
                "%\tthe source pane's heat gutter on / off (:heat)\n"
                "t u s\tin this pane: table, zoom out, sort (F-keys still step)",
        .claims = "tsu\x1b",
        .init = pf_init, .resize = pf_resize, .key = pf_key, .draw = pf_draw,
        .mouse = pf_mouse, .fini = pf_fini,
    };
}
