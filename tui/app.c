/* app.c: the TUI application: layout, focus, keys, the status line, the `:` line, the help
 * overlay and the main loop. Draws into a canvas; term_ncurses.c shows it. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pane_util.h"
#include "term.h"
#include "tui.h"

void tui_panes_source(tui_pane *src, tui_pane *dis);
void tui_panes_vars(tui_pane *loc, tui_pane *stk, tui_pane *mem, tui_pane *bps);
void tui_panes_text(tui_pane *con, tui_pane *out, tui_pane *wasi, tui_pane *prof);
void tui_source_search(tui_pane *p, tui_app *a);

#define MIN_W 60
#define MIN_H 16
#define NSLOTS 7
#define HIST 100

enum { L_AUTO = 0, L_SOURCE, L_SPLIT, L_ASM, L_PROFILE, L__COUNT };
static const char *const layout_names[L__COUNT] = { "auto", "source", "split", "asm", "profile" };

struct tui_app {
    tm_model *m;
    tui_canvas canvas;
    tui_pane panes[P__COUNT];
    int w, h;
    int focus;
    bool zoom;
    int layout;
    bool wide;                 /* the auto layout chose the large-terminal arrangement */
    int slot_of[P__COUNT];     /* slot of each pane in the current layout, -1 = none */
    int slot_cur[NSLOTS];      /* pane shown in each slot */
    tui_rect slot_rect[NSLOTS];
    bool quit;
    bool help;
    int help_top;              /* first help row shown (the help scrolls on small terminals) */
    int help_rows, help_shown; /* rows it has, rows the last draw showed */
    /* the prompt line */
    bool editing;
    int kind;
    char prompt[16];
    char line[512];
    size_t len, cur;
    char *hist[HIST];
    int nhist, hpos;
    char msg[300];
    int msg_style;
    char search[256];
    bool auto_asm;             /* slot 0 switched to the disassembly for code without source */
    uint64_t shown_seq;
    /* redraw timing */
    long redraws, last_us, max_us, last_cells;
    double total_us;
};

tm_model *tui_app_model(tui_app *a) { return a->m; }
tui_pane *tui_app_pane(tui_app *a, int id) { return id >= 0 && id < P__COUNT ? &a->panes[id] : NULL; }
bool tui_app_quit(const tui_app *a) { return a->quit; }
const char *tui_app_search(const tui_app *a) { return a->search; }
void tui_app_set_search(tui_app *a, const char *s) { snprintf(a->search, sizeof a->search, "%s", s); }

void tui_app_message(tui_app *a, int style, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_style = style;
}

void tui_app_note_redraw(tui_app *a, long usec, long cells)
{
    a->redraws++;
    a->last_us = usec;
    a->last_cells = cells;
    if (usec > a->max_us)
        a->max_us = usec;
    a->total_us += (double)usec;
}

/* ------------------------------------------------------------ layout */

/* Which slot each pane lives in, per layout (-1 = only zoomed). Slots:
 * 0 main, 1 vars, 2 aux, 3 bottom, 4 second main (disasm in wide/split), 5 unused. */
static void assign_slots(tui_app *a)
{
    static const int normal[P__COUNT] = { 0, 0, 1, 2, 1, 2, 2, 2, 3, 6 };
    static const int wide[P__COUNT] = { 0, 4, 1, 2, 5, 2, 5, 5, 3, 6 };
    static const int source[P__COUNT] = { 0, 0, -1, -1, -1, -1, -1, -1, 3, 6 };
    static const int split[P__COUNT] = { 0, 4, -1, -1, -1, -1, -1, -1, 3, 6 };
    static const int profile[P__COUNT] = { 0, 0, -1, -1, -1, -1, -1, 4, 3, 6 };  /* source | flamegraph */
    const int *t = normal;
    a->wide = false;
    switch (a->layout) {
    case L_AUTO:
        if (a->w >= 140 && a->h >= 40) {
            t = wide;
            a->wide = true;
        }
        break;
    case L_SOURCE: case L_ASM: t = source; break;
    case L_SPLIT: t = split; break;
    case L_PROFILE: t = profile; break;
    default: break;
    }
    memcpy(a->slot_of, t, sizeof a->slot_of);
}

static void compute_rects(tui_app *a)
{
    int top = 1, bottom = a->h - 2; /* status line above, message line and key bar below */
    int mh = bottom - top;
    for (int i = 0; i < NSLOTS; i++)
        a->slot_rect[i] = (tui_rect){ 0, 0, 0, 0 };
    int bh = mh / 4 < 6 ? 6 : mh / 4;
    if (a->wide)
        bh = mh / 4;
    int uh = mh - bh; /* upper part */
    if (a->layout == L_SOURCE || a->layout == L_ASM) {
        a->slot_rect[0] = (tui_rect){ 0, top, a->w, uh };
    } else if (a->layout == L_SPLIT || a->layout == L_PROFILE) {
        int lw = a->layout == L_PROFILE ? a->w * 2 / 5 : a->w / 2;
        a->slot_rect[0] = (tui_rect){ 0, top, lw, uh };
        a->slot_rect[4] = (tui_rect){ lw, top, a->w - lw, uh };
    } else if (a->wide) {
        int lw = a->w * 45 / 100, mw = a->w * 30 / 100, rw = a->w - lw - mw;
        a->slot_rect[0] = (tui_rect){ 0, top, lw, uh };
        a->slot_rect[4] = (tui_rect){ lw, top, mw, uh * 55 / 100 };
        a->slot_rect[2] = (tui_rect){ lw, top + uh * 55 / 100, mw, uh - uh * 55 / 100 };
        a->slot_rect[1] = (tui_rect){ lw + mw, top, rw, uh * 55 / 100 };
        a->slot_rect[5] = (tui_rect){ lw + mw, top + uh * 55 / 100, rw, uh - uh * 55 / 100 };
    } else {
        int lw = a->w * 58 / 100;
        int vh = uh / 2;
        a->slot_rect[0] = (tui_rect){ 0, top, lw, uh };
        a->slot_rect[1] = (tui_rect){ lw, top, a->w - lw, vh };
        a->slot_rect[2] = (tui_rect){ lw, top + vh, a->w - lw, uh - vh };
    }
    /* the console and the program's I/O side by side at the bottom */
    a->slot_rect[3] = (tui_rect){ 0, top + uh, a->w * 55 / 100, bh };
    a->slot_rect[6] = (tui_rect){ a->w * 55 / 100, top + uh, a->w - a->w * 55 / 100, bh };
    /* make sure each slot shows a pane of its own */
    for (int s = 0; s < NSLOTS; s++) {
        int cur = a->slot_cur[s];
        if (cur >= 0 && cur < P__COUNT && a->slot_of[cur] == s)
            continue;
        a->slot_cur[s] = -1;
        for (int p = 0; p < P__COUNT; p++)
            if (a->slot_of[p] == s) {
                a->slot_cur[s] = p;
                break;
            }
    }
    if (a->layout == L_ASM)
        a->slot_cur[0] = P_DISASM;
    for (int p = 0; p < P__COUNT; p++)
        a->panes[p].rect = (tui_rect){ 0, 0, 0, 0 };
    if (a->zoom) {
        a->panes[a->focus].resize(&a->panes[a->focus], (tui_rect){ 0, top, a->w, mh });
        return;
    }
    for (int s = 0; s < NSLOTS; s++)
        if (a->slot_cur[s] >= 0 && a->slot_rect[s].w > 0)
            a->panes[a->slot_cur[s]].resize(&a->panes[a->slot_cur[s]], a->slot_rect[s]);
}

static bool visible(const tui_app *a, int p) { return a->panes[p].rect.w > 0 && a->panes[p].rect.h > 0; }

void tui_app_resize(tui_app *a, int w, int h)
{
    a->w = w;
    a->h = h;
    tui_canvas_resize(&a->canvas, w, h);
    assign_slots(a);
    if (a->slot_of[a->focus] >= 0)   /* the focused pane keeps the screen across layouts */
        a->slot_cur[a->slot_of[a->focus]] = a->focus;
    compute_rects(a);
}

void tui_app_focus(tui_app *a, int p)
{
    if (p < 0 || p >= P__COUNT)
        return;
    a->focus = p;
    int s = a->slot_of[p];
    if (s >= 0)
        a->slot_cur[s] = p;
    else
        a->zoom = true; /* not part of this layout: show it alone */
    compute_rects(a);
}

tui_app *tui_app_new(tm_model *m, int w, int h)
{
    tui_app *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->m = m;
    if (!tui_canvas_init(&a->canvas, w, h)) {
        free(a);
        return NULL;
    }
    tui_panes_create(a->panes);
    for (int i = 0; i < P__COUNT; i++)
        a->panes[i].init(&a->panes[i], a);
    for (int s = 0; s < NSLOTS; s++)
        a->slot_cur[s] = -1;
    a->focus = P_SOURCE;
    tui_app_resize(a, w, h);
    /* no source at the entry: start in the disassembly */
    tm_loc l;
    if (!tm_view_loc(m, &l) || !l.file[0])
        tui_app_focus(a, P_DISASM);
    return a;
}

void tui_app_free(tui_app *a)
{
    if (!a)
        return;
    for (int i = 0; i < P__COUNT; i++)
        if (a->panes[i].fini)
            a->panes[i].fini(&a->panes[i]);
    for (int i = 0; i < a->nhist; i++)
        free(a->hist[i]);
    tui_canvas_free(&a->canvas);
    free(a);
}

void tui_panes_create(tui_pane panes[P__COUNT])
{
    tui_panes_source(&panes[P_SOURCE], &panes[P_DISASM]);
    tui_panes_vars(&panes[P_LOCALS], &panes[P_STACK], &panes[P_MEMORY], &panes[P_BREAKS]);
    tui_panes_text(&panes[P_CONSOLE], &panes[P_OUTPUT], &panes[P_WASI], &panes[P_PROFILE]);
}

/* ------------------------------------------------------------ commands */

static int pane_by_name(const tui_app *a, const char *n)
{
    if (isdigit((unsigned char)n[0])) {
        int k = atoi(n);
        if (k >= 1 && k <= 8)
            return k - 1;
        if (k == 9)
            return P_CONSOLE;
        if (k == 0)
            return P_OUTPUT;
        return -1;
    }
    for (int i = 0; i < P__COUNT; i++)
        if (strncmp(a->panes[i].name, n, strlen(n)) == 0 && n[0])
            return i;
    if (!strcmp(n, "asm") || !strcmp(n, "src"))
        return n[0] == 'a' ? P_DISASM : P_SOURCE;
    if (!strcmp(n, "io") || !strcmp(n, "stdout"))
        return P_OUTPUT;
    if (!strcmp(n, "flamegraph") || !strcmp(n, "prof"))
        return P_PROFILE;
    return -1;
}

static void show_current(tui_app *a)
{
    tm_loc l;
    if (!tm_view_loc(a->m, &l))
        return;
    {
        const tm_source *s = l.file[0] ? tm_source_get(a->m, l.file) : NULL;
        if (s && s->data && a->auto_asm) {
            /* back in code with source after an automatic switch to the disassembly */
            a->auto_asm = false;
            if (a->slot_cur[0] == P_DISASM && a->layout == L_AUTO) {
                a->slot_cur[0] = P_SOURCE;
                if (a->focus == P_DISASM)
                    a->focus = P_SOURCE;
                compute_rects(a);
            }
        }
        if (!s || !s->data) {
            a->auto_asm = true;
            /* missing source: the disassembly shows the location, with a note */
            if (a->slot_cur[0] == P_SOURCE && a->layout != L_SPLIT && !a->wide) {
                a->slot_cur[0] = P_DISASM;
                compute_rects(a);
                if (a->focus == P_SOURCE)
                    a->focus = P_DISASM;
                tui_app_message(a, TS_ERROR, "%s%s: showing the disassembly",
                                l.file[0] ? "source not found: " : "no source for ", l.file[0] ? l.file : l.func);
            }
        }
    }
}

static int debugger_command(tui_app *a, const char *line, bool echo);

/* toggle FILE:LINE (b, F9, Space, a click in the gutter): deletes the breakpoints on that
 * line, or sets one there, with the debugger's own commands. */
static int toggle_break(tui_app *a, const char *spec)
{
    tm_model *m = a->m;
    const char *file;
    uint32_t line;
    if (!tm_resolve_line(m, spec, &file, &line)) {
        tui_textbuf_line(tm_console(m), TS_ERROR, "No source line matches \"%s\".", spec);
        return -1;
    }
    char cmd[700] = "delete";
    size_t n = strlen(cmd);
    bool any = false;
    for (size_t i = 0; i < tm_bp_count(m); i++) {
        const tm_bp *b = tm_bp_get(m, i);
        if (b->kind == 0 && tm_bp_at_line(m, i, file, line) && n + 16 < sizeof cmd) {
            n += (size_t)snprintf(cmd + n, sizeof cmd - n, " %d", b->id);
            any = true;
        }
    }
    if (!any) {
        const char *base = strrchr(file, '/');
        snprintf(cmd, sizeof cmd, "break %s:%u", base ? base + 1 : file, line);
    }
    return debugger_command(a, cmd, true);
}

static int ui_command(tui_app *a, const char *cmd, const char *arg, bool *handled)
{
    *handled = true;
    tm_model *m = a->m;
    tui_textbuf *con = tm_console(m);
    if (!strcmp(cmd, "quit") || !strcmp(cmd, "q")) {
        a->quit = true;
        return 0;
    }
    if (!strcmp(cmd, "focus")) {
        int p = pane_by_name(a, arg);
        if (p < 0) {
            tui_textbuf_line(con, TS_ERROR, "no pane '%s' (source disasm locals stack memory "
                             "breakpoints wasi profile console output)", arg);
            return -1;
        }
        tui_app_focus(a, p);
        return 0;
    }
    if (!strcmp(cmd, "layout")) {
        int l = -1;
        for (int i = 0; i < L__COUNT; i++)
            if (!strcmp(arg, layout_names[i]))
                l = i;
        if (!strcmp(arg, "next") || !*arg)
            l = (a->layout + 1) % L__COUNT;
        if (l < 0) {
            tui_textbuf_line(con, TS_ERROR, "layouts: auto source split asm profile (or next)");
            return -1;
        }
        a->layout = l;
        a->zoom = false;
        tui_app_resize(a, a->w, a->h);
        if (a->slot_of[a->focus] < 0)
            a->focus = a->slot_cur[0] >= 0 ? a->slot_cur[0] : P_SOURCE;
        tui_app_message(a, TS_NORMAL, "layout %s", layout_names[l]);
        return 0;
    }
    if (!strcmp(cmd, "zoom")) {
        a->zoom = !a->zoom;
        compute_rects(a);
        return 0;
    }
    if (!strcmp(cmd, "memory")) {
        char *end;
        uint64_t addr = strtoull(arg, &end, 0);
        if (end == arg || *end) {
            char err[256];
            char *v = tm_eval(m, arg, err, sizeof err);
            const char *hx = v ? strstr(v, "0x") : NULL;
            if (!v || (!hx && !isdigit((unsigned char)v[0]))) {
                tui_textbuf_line(con, TS_ERROR, "%s", v ? "not an address" : err);
                free(v);
                return -1;
            }
            addr = hx ? strtoull(hx, NULL, 16) : strtoull(v, NULL, 0);
            free(v);
        }
        tui_memory_goto(&a->panes[P_MEMORY], addr);
        tui_app_focus(a, P_MEMORY);
        tui_textbuf_line(con, TS_NORMAL, "memory at 0x%08" PRIx64, addr);
        return 0;
    }
    if (!strcmp(cmd, "goto") || !strcmp(cmd, "open")) {
        const char *file;
        uint32_t line;
        char spec[600];
        snprintf(spec, sizeof spec, "%s", arg);
        if (!strcmp(cmd, "open") && !strchr(arg, ':'))
            snprintf(spec, sizeof spec, "%s:1", arg);
        if (!tm_resolve_line(m, spec, &file, &line)) {
            tui_textbuf_line(con, TS_ERROR, "no source line or function matches \"%s\"", arg);
            return -1;
        }
        tui_source_show(&a->panes[P_SOURCE], a, file, line);
        tui_app_focus(a, P_SOURCE);
        return 0;
    }
    if (!strcmp(cmd, "search")) {
        tui_app_set_search(a, arg);
        tui_source_search(&a->panes[P_SOURCE], a);
        return 0;
    }
    if (!strcmp(cmd, "stdin")) {
        tm_send_stdin(m, arg, strlen(arg), false);
        tm_send_stdin(m, "\n", 1, false);
        return 0;
    }
    if (!strcmp(cmd, "filter")) {
        char err[256];
        if (!tui_wasi_filter(&a->panes[P_WASI], arg, err, sizeof err)) {
            tui_textbuf_line(con, TS_ERROR, "%s", err);
            return -1;
        }
        return 0;
    }
    if (!strcmp(cmd, "heat")) {   /* the source pane's profile gutter */
        int on = !strcmp(arg, "on") ? 1 : !strcmp(arg, "off") ? 0 : !*arg || !strcmp(arg, "toggle") ? -1 : 2;
        if (on == 2) {
            tui_textbuf_line(con, TS_ERROR, "heat: on, off or toggle");
            return -1;
        }
        bool now = tui_heat_set(a, on);
        tui_app_message(a, TS_NORMAL, "heat gutter %s%s", now ? "on" : "off",
                        now ? " (shown while a profile exists)" : "");
        return 0;
    }
    if (!strcmp(cmd, "restart")) {
        if (*arg) {
            tui_textbuf_line(con, TS_ERROR, "restart takes no arguments (run ARGS sets new ones)");
            return -1;
        }
        /* the debugger's run kills the process and keeps the last arguments */
        return debugger_command(a, "run", false);
    }
    if (!strcmp(cmd, "timing")) {
        if (!strcmp(arg, "reset")) {   /* measure from here (bench/tui/redraw.sh) */
            a->redraws = a->last_us = a->max_us = a->last_cells = 0;
            a->total_us = 0;
            tui_textbuf_line(con, TS_NORMAL, "redraw timing reset");
            return 0;
        }
        if (*arg) {
            tui_textbuf_line(con, TS_ERROR, "timing takes no argument but reset");
            return -1;
        }
        tui_textbuf_line(con, TS_NORMAL,
                         "redraw: %ld frames, last %.2f ms (%ld cells written), mean %.2f ms, max %.2f ms, %dx%d",
                         a->redraws, a->last_us / 1000.0, a->last_cells,
                         a->redraws ? a->total_us / (double)a->redraws / 1000.0 : 0.0, a->max_us / 1000.0,
                         a->w, a->h);
        return 0;
    }
    if (!strcmp(cmd, "redraw")) {
        tui_term_invalidate();
        return 0;
    }
    *handled = false;
    return 0;
}

/* A line for the debugger's command table; its last output line goes to the message line. */
static int debugger_command(tui_app *a, const char *line, bool echo)
{
    if (echo)
        tui_textbuf_line(tm_console(a->m), TS_PROMPT, "(wasmdbg) %s", line);
    size_t before = tui_textbuf_count(tm_console(a->m));
    int r = tm_command(a->m, line);
    size_t after = tui_textbuf_count(tm_console(a->m));
    for (size_t i = after; i > before; i--) {
        int st;
        const char *t = tui_textbuf_get(tm_console(a->m), i - 1, &st);
        if (t && *t) {
            tui_app_message(a, st, "%s", t);
            break;
        }
    }
    if (tm_quit_requested(a->m))
        a->quit = true;
    show_current(a);
    return r;
}

int tui_app_command(tui_app *a, const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    if (!strncmp(line, "toggle", 6) && (!line[6] || isspace((unsigned char)line[6])))
        return toggle_break(a, line + 6 + strspn(line + 6, " \t"));
    tui_textbuf_line(tm_console(a->m), TS_PROMPT, "(wasmdbg) %s", line);
    char cmd[64];
    size_t k = 0;
    while (line[k] && !isspace((unsigned char)line[k]) && k + 1 < sizeof cmd) {
        cmd[k] = line[k];
        k++;
    }
    cmd[k] = '\0';
    const char *arg = line + k;
    while (isspace((unsigned char)*arg))
        arg++;
    if (isdigit((unsigned char)cmd[0]) && !*arg) { /* :42 goes to line 42 */
        bool h;
        return ui_command(a, "goto", cmd, &h);
    }
    bool handled;
    int r = ui_command(a, cmd, arg, &handled);
    if (handled)
        return r;
    /* everything else is the debugger's (the echo is already in the console) */
    r = debugger_command(a, line, false);
    if ((!strcmp(cmd, "help") || !strcmp(cmd, "h")) && !*arg)
        tui_textbuf_line(tm_console(a->m), TS_NORMAL,
                         "screen: focus PANE, layout NAME, zoom, goto LINE|FUNC, open FILE, "
                         "memory ADDR|EXPR, search TEXT, toggle FILE:LINE, stdin TEXT, "
                         "filter LIST, heat [on|off], restart, timing [reset], redraw");
    return r;
}

/* ------------------------------------------------------------ the prompt line */

void tui_app_prompt(tui_app *a, const char *prompt, const char *initial, int kind)
{
    a->editing = true;
    a->kind = kind;
    snprintf(a->prompt, sizeof a->prompt, "%s", prompt);
    snprintf(a->line, sizeof a->line, "%s", initial);
    a->len = a->cur = strlen(a->line);
    a->hpos = a->nhist;
}

static void complete(tui_app *a)
{
    static const char *const ui_names[] = { "focus", "layout", "zoom", "memory", "goto", "open", "search",
                                            "toggle", "stdin", "filter", "heat", "restart", "timing",
                                            "redraw", NULL };
    if (a->kind != PROMPT_CMD)
        return;
    char before[sizeof a->line], *list = NULL;
    snprintf(before, sizeof before, "%.*s", (int)a->cur, a->line);
    char *done = tm_complete(a->m, before, &list);
    if (!memchr(before, ' ', a->cur)) {
        /* the screen's own commands complete too; when the debugger has none, alone */
        const char *match = NULL;
        char more[300] = "";
        int n = 0;
        for (int i = 0; ui_names[i]; i++)
            if (strncmp(ui_names[i], before, a->cur) == 0 && strlen(more) + strlen(ui_names[i]) + 3 < sizeof more) {
                match = ui_names[i];
                n++;
                strcat(strcat(more, "  "), ui_names[i]);
            }
        if (n == 1 && !done && !list) {
            done = malloc(strlen(match) + 2);
            if (done)
                sprintf(done, "%s ", match);
        } else if (n && !done) {
            char *joined = malloc((list ? strlen(list) : 0) + strlen(more) + 1);
            if (joined)
                sprintf(joined, "%s%s", list ? list : "", list ? more : more + 2);
            free(list);
            list = joined;
        }
    }
    size_t dn = done ? strlen(done) : 0;
    if (done && a->len - a->cur + dn < sizeof a->line) {
        memmove(a->line + dn, a->line + a->cur, a->len - a->cur + 1);
        memcpy(a->line, done, dn);
        a->len += dn - a->cur;
        a->cur = dn;
    }
    if (list)   /* above the line being typed, as gdb lists them above its prompt */
        tui_textbuf_line(tm_console(a->m), TS_DIM, "%s", list);
    free(done);
    free(list);
}

static void prompt_done(tui_app *a)
{
    a->editing = false;
    char line[512];
    snprintf(line, sizeof line, "%s", a->line);
    if (a->len > 0 && a->kind == PROMPT_CMD) {
        if (a->nhist == HIST) {
            free(a->hist[0]);
            memmove(a->hist, a->hist + 1, (HIST - 1) * sizeof *a->hist);
            a->nhist--;
        }
        a->hist[a->nhist] = strdup(line);
        if (a->hist[a->nhist])
            a->nhist++;
    }
    switch (a->kind) {
    case PROMPT_CMD:
        tui_app_command(a, line);
        break;
    case PROMPT_SEARCH:
        tui_app_set_search(a, line);
        tui_source_search(&a->panes[P_SOURCE], a);
        break;
    case PROMPT_STDIN:
        tm_send_stdin(a->m, line, strlen(line), false);
        tm_send_stdin(a->m, "\n", 1, false);
        break;
    case PROMPT_FLAME:
        tui_profile_search(&a->panes[P_PROFILE], a, line);
        break;
    case PROMPT_FILTER: {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "filter %s", line);
        tui_app_command(a, cmd);
        break;
    }
    default:
        break;
    }
}

static void prompt_key(tui_app *a, uint32_t key)
{
    switch (key) {
    case TK_ENTER:
        prompt_done(a);
        return;
    case TK_ESC: case TK_CTRL('c'): case TK_CTRL('g'):
        a->editing = false;
        return;
    case TK_BACKSPACE:
        if (a->cur == 0) {
            if (a->len == 0)
                a->editing = false;
            return;
        }
        {
            size_t s = a->cur - 1;
            while (s > 0 && (a->line[s] & 0xc0) == 0x80)
                s--;
            memmove(a->line + s, a->line + a->cur, a->len - a->cur + 1);
            a->len -= a->cur - s;
            a->cur = s;
        }
        return;
    case TK_DELETE:
        if (a->cur < a->len) {
            size_t e = a->cur + 1;
            while (e < a->len && (a->line[e] & 0xc0) == 0x80)
                e++;
            memmove(a->line + a->cur, a->line + e, a->len - e + 1);
            a->len -= e - a->cur;
        }
        return;
    case TK_LEFT:
        while (a->cur > 0 && ((a->line[--a->cur] & 0xc0) == 0x80)) {
        }
        return;
    case TK_RIGHT:
        if (a->cur < a->len)
            while (++a->cur < a->len && (a->line[a->cur] & 0xc0) == 0x80) {
            }
        return;
    case TK_HOME: case TK_CTRL('a'): a->cur = 0; return;
    case TK_END: case TK_CTRL('e'): a->cur = a->len; return;
    case TK_CTRL('u'):
        a->len = a->cur = 0;
        a->line[0] = '\0';
        return;
    case TK_UP: case TK_DOWN:
        if (a->kind != PROMPT_CMD || a->nhist == 0)
            return;
        a->hpos += key == TK_UP ? -1 : 1;
        if (a->hpos < 0)
            a->hpos = 0;
        if (a->hpos >= a->nhist) {
            a->hpos = a->nhist;
            a->line[0] = '\0';
        } else {
            snprintf(a->line, sizeof a->line, "%s", a->hist[a->hpos]);
        }
        a->len = a->cur = strlen(a->line);
        return;
    case TK_TAB:
        complete(a);
        return;
    default:
        break;
    }
    if (key < 0x20 || key >= TK_BASE)
        return;
    char enc[4];
    size_t n = tui_utf8_encode(key, enc);
    if (a->len + n + 1 >= sizeof a->line)
        return;
    memmove(a->line + a->cur + n, a->line + a->cur, a->len - a->cur + 1);
    memcpy(a->line + a->cur, enc, n);
    a->len += n;
    a->cur += n;
}

/* ------------------------------------------------------------ keys */

static void cycle_focus(tui_app *a, int dir)
{
    for (int i = 1; i <= P__COUNT; i++) {
        int p = ((a->focus + dir * i) % P__COUNT + P__COUNT) % P__COUNT;
        if (visible(a, p)) {
            a->focus = p;
            return;
        }
    }
}

/* The source pane's cursor line as "file:line", else the current location. */
static bool cursor_spec(tui_app *a, char *buf, size_t size)
{
    const char *file = NULL;
    uint32_t line = 0;
    tm_loc l;
    if (!(visible(a, P_SOURCE) && tui_source_cursor(&a->panes[P_SOURCE], &file, &line))) {
        if (!tm_view_loc(a->m, &l) || !l.file[0])
            return false;
        file = l.file;
        line = l.line;
    }
    const char *base = strrchr(file, '/');   /* the commands take a file's base name */
    snprintf(buf, size, "%s:%u", base ? base + 1 : file, line);
    return true;
}

static void run_cmd(tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run_cmd(tui_app *a, const char *fmt, ...)
{
    char buf[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tui_app_command(a, buf);
}

/* Pane keys that need a stopped program (the debugger's commands refuse in words already). */
static bool pane_key_needs_stop(int pane, uint32_t key)
{
    if (pane == P_LOCALS)
        return key == TK_ENTER || key == ' ' || key == 'l' || key == 'h' || key == TK_RIGHT ||
               key == TK_LEFT || key == 'm';
    return pane == P_MEMORY && key == 'e';
}

static void no_cursor_line(tui_app *a)
{
    tui_app_message(a, TS_ERROR, "no source line here (move to one in the source pane)");
}

/* A key while the help is shown: j k arrows, PgDn PgUp and Space scroll a help taller than
 * the terminal; any other key closes it. */
static void help_key(tui_app *a, uint32_t key)
{
    int page = a->help_shown > 1 ? a->help_shown - 1 : 1, top = a->help_top;
    if (key == 'j' || key == TK_DOWN)
        top++;
    else if (key == 'k' || key == TK_UP)
        top--;
    else if (key == TK_PGDN || key == ' ')
        top += page;
    else if (key == TK_PGUP)
        top -= page;
    else {
        a->help = false;
        return;
    }
    int max = a->help_rows - a->help_shown;
    a->help_top = top > max ? max : top;
    if (a->help_top < 0)
        a->help_top = 0;
}

void tui_app_key(tui_app *a, uint32_t key)
{
    if (a->help) {
        help_key(a, key);
        return;
    }
    if (a->editing) {
        prompt_key(a, key);
        return;
    }
    tui_pane *fp = &a->panes[a->focus];
    if (fp->modal && fp->key(fp, a, key))
        return;
    if (fp->claims && key > 0 && key < 0x80 && strchr(fp->claims, (int)key) && fp->key(fp, a, key))
        return;
    char spec[600];
    /* before the start, c runs the program and the steps start it (stopping at main) */
    bool fresh = tm_get_state(a->m) == TM_NOT_STARTED;
    switch (key) {
    case 'c': case TK_F(5): run_cmd(a, fresh ? "run" : "continue"); return;
    case 'n': case TK_F(10): run_cmd(a, fresh ? "start" : "next"); return;
    case 's': case TK_F(11): run_cmd(a, fresh ? "start" : "step"); return;
    case 'f': case TK_F(23): run_cmd(a, "finish"); return;
    case 'N': run_cmd(a, fresh ? "start" : "nexti"); return;
    case 'S': run_cmd(a, fresh ? "start" : "stepi"); return;
    case 'R': case TK_F(29): run_cmd(a, "restart"); return;
    case TK_F(17): run_cmd(a, "kill"); return;
    case 'u': run_cmd(a, "up"); return;
    case 'd': run_cmd(a, "down"); return;
    case 'H': run_cmd(a, "frame 0"); return;
    case 't': case TK_F(34):
        if (!cursor_spec(a, spec, sizeof spec)) {
            no_cursor_line(a);
            return;
        }
        if (fresh) {
            run_cmd(a, "tbreak %s", spec);
            run_cmd(a, "run");
        } else {
            run_cmd(a, "until %s", spec);
        }
        return;
    case 'b': case TK_F(9):
        if (a->focus == P_DISASM) {
            fp->key(fp, a, ' ');
            return;
        }
        if (cursor_spec(a, spec, sizeof spec))
            run_cmd(a, "toggle %s", spec);
        else
            no_cursor_line(a);
        return;
    case 'B': case TK_F(33): {
        if (!cursor_spec(a, spec, sizeof spec)) {
            no_cursor_line(a);
            return;
        }
        char *colon = strrchr(spec, ':');
        uint32_t line = colon ? (uint32_t)atoi(colon + 1) : 0;
        if (colon)
            *colon = '\0';
        for (size_t i = 0; i < tm_bp_count(a->m); i++) {
            const tm_bp *bp = tm_bp_get(a->m, i);
            if (bp->kind == 0 && tm_bp_at_line(a->m, i, spec, line)) {
                run_cmd(a, "%s %d", bp->enabled ? "disable" : "enable", bp->id);
                return;
            }
        }
        tui_app_message(a, TS_ERROR, "no breakpoint on this line");
        return;
    }
    case TK_CTRL('c'):
        if (tm_get_state(a->m) == TM_RUNNING)
            tm_interrupt(a->m);
        else
            tui_app_message(a, TS_NORMAL, "not running (q quits)");
        return;
    case 'P': {   /* the profiler: start (or resume), stop */
        tm_profile ps;
        tm_profile_status(a->m, &ps);
        run_cmd(a, ps.running ? "profile stop" : "profile start");
        return;
    }
    case '%': run_cmd(a, "heat"); return;
    case 'q': a->quit = true; return;
    case '?': case TK_F(1): a->help = true; a->help_top = 0; return;
    case TK_CTRL('l'): tui_term_invalidate(); return;
    case ':': tui_app_prompt(a, ":", "", PROMPT_CMD); return;
    case 'i': tui_app_focus(a, P_CONSOLE); tui_app_prompt(a, ":", "", PROMPT_CMD); return;
    case TK_TAB: cycle_focus(a, 1); return;
    case TK_BTAB: cycle_focus(a, -1); return;
    case 'z': a->zoom = !a->zoom; compute_rects(a); return;
    case 'L': run_cmd(a, "layout next"); return;
    case TK_ESC:
        if (a->zoom) {
            a->zoom = false;
            compute_rects(a);
        }
        if (!fp->key(fp, a, key))
            tui_app_focus(a, a->slot_cur[0] >= 0 ? a->slot_cur[0] : P_SOURCE);
        return;
    default:
        break;
    }
    if (key >= '1' && key <= '9') {
        tui_app_focus(a, key == '9' ? P_CONSOLE : (int)(key - '1'));
        return;
    }
    if (key == '0') {
        tui_app_focus(a, P_OUTPUT);
        return;
    }
    if (tm_get_state(a->m) == TM_RUNNING && pane_key_needs_stop(a->focus, key)) {
        const char *why = "The program is running (Ctrl-C pauses it).";
        tui_textbuf_line(tm_console(a->m), TS_ERROR, "%s", why);
        tui_app_message(a, TS_ERROR, "%s", why);
        return;
    }
    if (!fp->key(fp, a, key) && key < 0x7f && key >= 0x20)
        tui_app_message(a, TS_DIM, "key '%c' does nothing here (? lists the keys)", (char)key);
}

void tui_app_mouse(tui_app *a, int x, int y, int button)
{
    if (a->help) {   /* the wheel scrolls it, a click closes it */
        help_key(a, button == TM_WHEEL_DOWN ? TK_DOWN : button == TM_WHEEL_UP ? TK_UP : 0);
        return;
    }
    for (int p = 0; p < P__COUNT; p++) {
        tui_rect r = a->panes[p].rect;
        if (!visible(a, p) || x < r.x || x >= r.x + r.w || y < r.y || y >= r.y + r.h)
            continue;
        if (button == TM_LEFT)
            a->focus = p;
        if (a->panes[p].mouse)
            a->panes[p].mouse(&a->panes[p], a, x, y, button);
        return;
    }
}

/* ------------------------------------------------------------ drawing */

static void draw_status(tui_app *a)
{
    tui_canvas *c = &a->canvas;
    tui_rect r = { 0, 0, a->w, 1 };
    tui_fill(c, r, ' ', TS_STATUS);
    int x = tui_text(c, r, 0, 0, " wasmdbg ", TS_STATUS);
    x = tui_textf(c, r, x, 0, TS_STATUS, "%s  ", tm_module_name(a->m));
    char st[400];
    tm_status(a->m, st, sizeof st);
    tm_state s = tm_get_state(a->m);
    int style = s == TM_RUNNING ? TS_STATUS_RUN : s == TM_PAUSED ? TS_STATUS_STOP
              : s == TM_TRAPPED ? TS_ERROR : TS_STATUS;
    int sx = x;
    x = tui_textf(c, r, x, 0, style, " %s ", st);
    if (s == TM_TRAPPED)
        tui_restyle(c, r, sx, 0, x - sx, TS_STATUS_STOP, TC_BOLD);
    char right[120];
    snprintf(right, sizeof right, " %s%s  %s  %dx%d ", a->panes[a->focus].title, a->zoom ? " (zoom)" : "",
             layout_names[a->layout], a->w, a->h);
    int rw = tui_strwidth(right);
    if (x + rw < a->w)
        tui_text(c, r, a->w - rw, 0, right, TS_STATUS);
}

static void draw_bar(tui_app *a)
{
    static const char *const keys[][2] = {
        { "F5/c", "Cont" }, { "F9/b", "Brk" }, { "F10/n", "Next" }, { "F11/s", "Step" },
        { "S-F11/f", "Fin" }, { "t", "Until" }, { "u/d", "Frame" }, { ":", "cmd" }, { "Tab", "Pane" },
        { "z", "Zoom" }, { "P", "Prof" }, { "?", "help" }, { "q", "Quit" },
    };
    tui_canvas *c = &a->canvas;
    tui_rect r = { 0, a->h - 1, a->w, 1 };
    tui_fill(c, r, ' ', TS_BAR_TEXT);
    int x = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int need = tui_strwidth(keys[i][0]) + tui_strwidth(keys[i][1]) + 2;
        if (i + 1 == sizeof keys / sizeof keys[0])
            need--;
        if (x + need > a->w)
            break;
        x = tui_text(c, r, x, a->h - 1, keys[i][0], TS_BAR_KEY);
        x = tui_textf(c, r, x, a->h - 1, TS_BAR_TEXT, " %s ", keys[i][1]);
    }
}

static void draw_msgline(tui_app *a)
{
    tui_canvas *c = &a->canvas;
    int y = a->h - 2;
    tui_rect r = { 0, y, a->w, 1 };
    tui_fill(c, r, ' ', TS_NORMAL);
    if (a->editing) {
        int x = tui_text(c, r, 0, y, a->prompt, TS_PROMPT);
        /* keep the cursor visible on long lines */
        size_t start = 0;
        char pre[512];
        snprintf(pre, sizeof pre, "%.*s", (int)a->cur, a->line);
        while (x + tui_strwidth(pre + start) >= a->w - 1 && start < a->cur)
            start++;
        int cx = tui_text(c, r, x, y, pre + start, TS_NORMAL);
        tui_text(c, r, cx, y, a->line + a->cur, TS_NORMAL);
        tui_restyle(c, r, cx, y, 1, TS_NORMAL, TC_REVERSE);
        return;
    }
    tui_text(c, r, 0, y, a->msg, a->msg_style);
}

static void draw_help(tui_app *a)
{
    static const char *const global =
        "c F5\tcontinue (starts the program)\nn F10\tnext (step over)\ns F11\tstep into\n"
        "f S-F11\tfinish (step out)\nN S\tinstruction next / step\nt C-F10\trun to the cursor line\n"
        "b F9\ttoggle breakpoint\nB C-F9\tenable / disable breakpoint\nu d H\tframe up / down / innermost\n"
        "R C-F5\trestart (same arguments)\nS-F5\tkill\nCtrl-C\tpause the running program\n"
        "0 Enter\ta line for the program's stdin (C-d: EOF)\n"
        ": i\tcommand line: print, x, display, watch, ...\n"
        "Tab S-Tab\tnext / previous pane\n1 2 3 4\tsource, disassembly, locals, stack\n"
        "5 6 7 8\tmemory, breakpoints, WASI log, profile\n9 0\tconsole, program I/O\n"
        "z L\tzoom the pane / next layout\n"
        "P %\tprofiler start / stop; heat gutter on / off\n? F1\tthis help\nCtrl-L\tredraw\n"
        "q\tquit";
    tui_canvas *c = &a->canvas;
    int w = a->w - 8 > 100 ? 100 : a->w - 8;
    int h = a->h - 4;
    tui_rect box = { (a->w - w) / 2, 2, w, h };
    tui_fill(c, box, ' ', TS_NORMAL);
    tui_rect in = tui_inner(box);
    /* rows are numbered from the top of the whole help (vy); those from help_top on that fit
     * are drawn */
    int vy = 0, top = a->help_top;
    const char *sections[2] = { a->panes[a->focus].help, global };
    const char *heads[2] = { a->panes[a->focus].title, "Everywhere" };
    for (int s = 0; s < 2; s++) {
        int y = in.y + vy++ - top;
        if (y >= in.y && y < in.y + in.h)
            tui_textf(c, in, in.x + 1, y, TS_KEYWORD, "%s", heads[s]);
        for (const char *p = sections[s]; p && *p; vy++) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            const char *tab = memchr(p, '\t', n);
            y = in.y + vy - top;
            if (y < in.y || y >= in.y + in.h)
                ;
            else if (tab) {
                tui_textn(c, (tui_rect){ in.x + 3, y, 23, 1 }, in.x + 3, y, p, (size_t)(tab - p), TS_BAR_KEY);
                tui_textn(c, in, in.x + 27, y, tab + 1, n - (size_t)(tab - p) - 1, TS_NORMAL);
            } else {
                tui_textn(c, in, in.x + 3, y, p, n, TS_NORMAL);
            }
            p = nl ? nl + 1 : NULL;
        }
        vy++;
    }
    a->help_rows = vy - 1;   /* without the blank after the last section */
    a->help_shown = in.h;
    bool more = a->help_rows > in.h;
    char title[160];
    snprintf(title, sizeof title, "Help: keys (%s pane)  %s", a->panes[a->focus].title,
             !more ? "any key closes"
             : top + in.h < a->help_rows ? "j k PgDn scroll (more below), other keys close"
                                         : "j k PgUp scroll (the end), other keys close");
    tui_box(c, box, title, true);
}

tui_canvas *tui_app_draw(tui_app *a)
{
    tui_canvas *c = &a->canvas;
    tui_canvas_clear(c);
    if (a->w < MIN_W || a->h < MIN_H) {
        /* the message wrapped at blanks to whatever width there is */
        tui_rect r = { 0, 0, a->w, a->h };
        char msg[128], line[128];
        snprintf(msg, sizeof msg, "wasmdbg: terminal too small (%dx%d); needs at least %dx%d. q quits.",
                 a->w, a->h, MIN_W, MIN_H);
        int y = 0;
        for (const char *p = msg; *p && y < a->h; y++) {
            size_t n = strlen(p), fit = n;
            if ((int)n > a->w) {
                fit = (size_t)(a->w > 0 ? a->w : 1);
                size_t k = fit;
                while (k > 0 && p[k] != ' ')
                    k--;
                if (k > 0)
                    fit = k;
            }
            snprintf(line, sizeof line, "%.*s", (int)fit, p);
            tui_textf(c, r, 0, y, TS_NORMAL, "%s", line);
            p += fit;
            while (*p == ' ')
                p++;
        }
        return c;
    }
    if (tm_stop_seq(a->m) != a->shown_seq) {
        a->shown_seq = tm_stop_seq(a->m);
        show_current(a);
    }
    draw_status(a);
    for (int p = 0; p < P__COUNT; p++)
        if (visible(a, p))
            a->panes[p].draw(&a->panes[p], a, c, p == a->focus);
    draw_msgline(a);
    draw_bar(a);
    if (a->help)
        draw_help(a);
    return c;
}

/* ------------------------------------------------------------ main loop */

static long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static int wait_timeout_ms(int64_t deadline_ns)
{
    if (deadline_ns < 0)
        return 100;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t left = deadline_ns - ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
    return left <= 0 ? 0 : left >= 100000000 ? 100 : (int)((left + 999999) / 1000000);
}

int tui_run(const tm_options *o)
{
    char err[512];
    tm_model *m = tm_open(o, err, sizeof err);
    if (!m) {
        fprintf(stderr, "wasmdbg: %s\n", err);
        return 1;
    }
    if (!tui_term_open()) {
        fprintf(stderr, "wasmdbg: the debugger needs a terminal (use wasmdbg run for batch runs)\n");
        tm_close(m);
        return 2;
    }
    /* nothing may write over the screen: stderr goes to a log file or nowhere */
    int saved_err = dup(2);
    const char *log = getenv("WASMDBG_TUI_STDERR");
    int nfd = open(log && *log ? log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (nfd >= 0) {
        dup2(nfd, 2);
        close(nfd);
    }
    int w, h;
    tui_term_size(&w, &h);
    tui_app *a = tui_app_new(m, w, h);
    if (!a) {
        tui_term_close();
        tm_close(m);
        return 1;
    }
    bool dirty = true;
    uint64_t slice = 200000;
    long last_draw = 0;
    tm_state last_state = tm_get_state(m);
    uint64_t last_seq = tm_stop_seq(m);
    bool last_wait = false;
    while (!tui_app_quit(a)) {
        long t = now_us();
        int64_t deadline;
        bool running = tm_get_state(m) == TM_RUNNING;
        bool waiting = running && tm_waiting(m, NULL, &deadline);
        if (dirty && (!running || waiting || t - last_draw > 50000)) {
            long t0 = now_us();
            tui_canvas *c = tui_app_draw(a);
            long cells = tui_term_flush(c);
            long t1 = now_us();
            tui_app_note_redraw(a, t1 - t0, cells);
            last_draw = t1;
            dirty = false;
        }
        int ofd[2];
        struct pollfd pf[2] = { { tui_term_fd(), POLLIN, 0 }, { -1, POLLIN, 0 } };
        int nf = 1;
        if (tm_output_fds(m, ofd) > 0) {
            pf[1].fd = ofd[0];
            nf = 2;
        }
        /* a program waiting in a WASI call is tried again after a key, or 100 ms, or at its
         * poll's timeout */
        int timeout = !running ? (dirty ? 50 : 500) : !waiting ? 0 : wait_timeout_ms(deadline);
        int pr = poll(pf, (nfds_t)nf, timeout);
        if (pr < 0 && errno != EINTR)
            break;
        if (nf == 2 && (pf[1].revents & POLLIN)) {
            tm_pump_output(m);
            dirty = true;
        }
        tui_event ev;
        while (tui_term_read(&ev)) {
            dirty = true;
            if (ev.type == TE_RESIZE) {
                tui_term_size(&w, &h);
                tui_app_resize(a, w, h);
                tui_term_invalidate();
            } else if (ev.type == TE_KEY) {
                tui_app_key(a, ev.key);
            } else if (ev.type == TE_MOUSE) {
                tui_app_mouse(a, ev.x, ev.y, ev.button);
            }
            if (tui_app_quit(a))
                break;
        }
        if (tm_get_state(m) == TM_RUNNING) {
            long s0 = now_us();
            tm_run_slice(m, slice);
            long d = now_us() - s0;
            /* aim at slices of about 10 ms */
            if (d < 5000 && slice < ((uint64_t)1 << 30))
                slice *= 2;
            else if (d > 20000 && slice > 1000)
                slice /= 2;
            dirty = true;
        }
        bool wait_input;
        if (tm_waiting(m, &wait_input, NULL) && wait_input) {
            if (!last_wait) {
                tui_app_message(a, TS_NORMAL, "the program waits for input: 0 goes to Program I/O, "
                                "Enter types a line, Ctrl-D ends the input");
                dirty = true;
            }
            last_wait = true;
        } else {
            last_wait = false;
        }
        if (tm_get_state(m) != last_state || tm_stop_seq(m) != last_seq) {
            last_state = tm_get_state(m);
            last_seq = tm_stop_seq(m);
            char st[400];
            tm_status(m, st, sizeof st);
            tui_app_message(a, last_state == TM_TRAPPED ? TS_ERROR : TS_NORMAL, "%s", st);
            tm_pump_output(m);
            dirty = true;
            last_draw = 0;
        }
    }
    tui_app_free(a);
    tui_term_close();
    if (saved_err >= 0) {
        dup2(saved_err, 2);
        close(saved_err);
    }
    tm_close(m);
    return 0;
}
