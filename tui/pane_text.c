/* pane_text.c: the text panes: console, program I/O, WASI log (the profile pane, which
 * shares their slot, is pane_flame.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_util.h"
#include "wasi.h"

typedef struct txt_st {
    int which;          /* P_CONSOLE, P_OUTPUT, P_WASI */
    int back;           /* lines scrolled back from the end; 0 follows the tail */
    wd_wasi_filter filter;
    bool has_filter;
    char spec[128];
} txt_st;

static tui_textbuf *buf_of(tui_app *a, int which)
{
    tm_model *m = tui_app_model(a);
    return which == P_CONSOLE ? tm_console(m) : which == P_OUTPUT ? tm_program_io(m) : tm_wasi_log(m);
}

static void txt_resize(tui_pane *p, tui_rect r) { p->rect = r; }

static void txt_fini(tui_pane *p)
{
    txt_st *s = p->st;
    if (s && s->has_filter)
        wd_wasi_filter_free(&s->filter);
    free(s);
}

/* "   12 fd_write(...)": the call name of a WASI log line. */
static bool wasi_line_matches(const txt_st *s, const char *line)
{
    if (!s->has_filter)
        return true;
    const char *p = line;
    while (*p == ' ' || (*p >= '0' && *p <= '9'))
        p++;
    char name[64];
    size_t k = 0;
    while (p[k] && p[k] != '(' && k + 1 < sizeof name) {
        name[k] = p[k];
        k++;
    }
    name[k] = '\0';
    wd_wasi_class cls = WD_WASI_CLASS_FD;
    wd_wasi_known_call(name, &cls);
    return wd_wasi_filter_match(&s->filter, name, cls);
}

bool tui_wasi_filter(tui_pane *p, const char *spec, char *err, size_t errsize)
{
    txt_st *s = p->st;
    wd_wasi_filter f;
    memset(&f, 0, sizeof f);
    if (!wd_wasi_filter_parse(&f, spec, err, errsize))
        return false;
    if (s->has_filter)
        wd_wasi_filter_free(&s->filter);
    s->filter = f;
    s->has_filter = spec && *spec;
    if (!s->has_filter)
        wd_wasi_filter_free(&s->filter);
    snprintf(s->spec, sizeof s->spec, "%s", spec ? spec : "");
    s->back = 0;
    return true;
}

static void txt_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    txt_st *s = p->st;
    tui_textbuf *b = buf_of(a, s->which);
    char title[200];
    if (s->which == P_CONSOLE)
        snprintf(title, sizeof title, "Console  (: command)");
    else if (s->which == P_OUTPUT)
    {
        bool input;
        snprintf(title, sizeof title, "%s", tm_waiting(tui_app_model(a), &input, NULL) && input
                 ? "Program I/O: waiting for input (Enter)"
                 : "Program I/O  (Enter: stdin)");
    }
    else
        snprintf(title, sizeof title, "7 WASI log%s%s", s->has_filter ? "  filter: " : "  (/ filter)",
                 s->has_filter ? s->spec : "");
    tui_box(c, p->rect, title, focused);
    tui_rect r = pu_inner(p);
    if (r.h <= 0)
        return;
    /* collect the visible lines from the end */
    size_t n = tui_textbuf_count(b);
    int need = r.h + s->back;
    size_t *idx = malloc((size_t)need * sizeof *idx);
    if (!idx)
        return;
    int got = 0;
    for (size_t i = n; i-- > 0 && got < need;) {
        const char *t = tui_textbuf_get(b, i, NULL);
        if (s->which == P_WASI && !wasi_line_matches(s, t))
            continue;
        idx[got++] = i;
    }
    if (s->back > got - r.h)
        s->back = got - r.h > 0 ? got - r.h : 0;
    int first = got - 1;  /* idx is newest first */
    int rows = got - s->back < r.h ? got - s->back : r.h;
    if (rows < 0)
        rows = 0;
    for (int row = 0; row < rows; row++) {
        int k = (first - (got - s->back - rows)) - row;
        (void)k;
        size_t li = idx[s->back + rows - 1 - row];
        int st;
        const char *t = tui_textbuf_get(b, li, &st);
        tui_text(c, r, r.x, r.y + row, t, st);
    }
    if (n == 0) {
        const char *empty = s->which == P_OUTPUT ? "the program's stdout and stderr appear here"
                          : s->which == P_WASI   ? "WASI calls appear here as the program makes them"
                                                 : "";
        tui_text(c, r, r.x, r.y, empty, TS_DIM);
    }
    if (s->back > 0)
        tui_textf(c, r, r.x + r.w - 12, r.y, TS_DIM, "[-%d lines]", s->back);
    free(idx);
}

static bool txt_key(tui_pane *p, tui_app *a, uint32_t key)
{
    txt_st *s = p->st;
    int h = pu_inner(p).h;
    switch (key) {
    case 'k': case TK_UP: s->back++; return true;
    case 'j': case TK_DOWN: if (s->back) s->back--; return true;
    case TK_PGUP: s->back += h; return true;
    case TK_PGDN: s->back = s->back > h ? s->back - h : 0; return true;
    case 'g': case TK_HOME: s->back = 1 << 28; return true;
    case 'G': case TK_END: s->back = 0; return true;
    case TK_ENTER:
        if (s->which == P_OUTPUT)
            tui_app_prompt(a, "stdin> ", "", PROMPT_STDIN);
        else if (s->which == P_CONSOLE)
            tui_app_prompt(a, ":", "", PROMPT_CMD);
        return true;
    case TK_CTRL('d'):
        if (s->which == P_OUTPUT) {
            tm_send_stdin(tui_app_model(a), "", 0, true);
            tui_app_message(a, TS_NORMAL, "closed the program's stdin");
            return true;
        }
        return false;
    case '/':
        if (s->which == P_WASI) {
            tui_app_prompt(a, "filter: ", s->spec, PROMPT_FILTER);
            return true;
        }
        return false;
    default:
        return false;
    }
}

static bool txt_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    (void)x;
    (void)y;
    if (button == TM_WHEEL_UP)
        return txt_key(p, a, 'k') && txt_key(p, a, 'k') && txt_key(p, a, 'k');
    if (button == TM_WHEEL_DOWN)
        return txt_key(p, a, 'j') && txt_key(p, a, 'j') && txt_key(p, a, 'j');
    return true;
}

static void mk_init(tui_pane *p, int which)
{
    txt_st *s = calloc(1, sizeof *s);
    if (s)
        s->which = which;
    p->st = s;
}
static void con_init(tui_pane *p, tui_app *a) { (void)a; mk_init(p, P_CONSOLE); }
static void out_init(tui_pane *p, tui_app *a) { (void)a; mk_init(p, P_OUTPUT); }
static void wasi_init(tui_pane *p, tui_app *a) { (void)a; mk_init(p, P_WASI); }

void tui_panes_profile(tui_pane *prof);
void tui_panes_text(tui_pane *con, tui_pane *out, tui_pane *wasi, tui_pane *prof);
void tui_panes_text(tui_pane *con, tui_pane *out, tui_pane *wasi, tui_pane *prof)
{
    *con = (tui_pane){
        .name = "console", .title = "Console",
        .help = ": or Enter\ttype a command (history: Up/Down, Tab completes)\nj k PgUp PgDn g G\tscroll",
        .init = con_init, .resize = txt_resize, .key = txt_key, .draw = txt_draw,
        .mouse = txt_mouse, .fini = txt_fini,
    };
    *out = (tui_pane){
        .name = "output", .title = "Program I/O",
        .help = "Enter\ttype a line for the program's stdin\nCtrl-D\tclose its stdin\nj k PgUp PgDn\tscroll",
        .init = out_init, .resize = txt_resize, .key = txt_key, .draw = txt_draw,
        .mouse = txt_mouse, .fini = txt_fini,
    };
    *wasi = (tui_pane){
        .name = "wasi", .title = "WASI log",
        .help = "/\tfilter: call and class names, !name excludes (\"fd,!fd_write\")\nj k PgUp PgDn\tscroll",
        .init = wasi_init, .resize = txt_resize, .key = txt_key, .draw = txt_draw,
        .mouse = txt_mouse, .fini = txt_fini,
    };
    tui_panes_profile(prof);   /* pane_flame.c */
}
