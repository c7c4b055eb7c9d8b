/* term_ncurses.c: the only file that talks to ncurses (see term.h).
 *
 * Keeps a copy of the last canvas shown and writes only cells that differ; ncurses then
 * sends the minimal update. Colours: 256-colour palette when the terminal has it, the 8
 * basic colours otherwise, and attributes only when NO_COLOR is set (no-color.org).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#define _GNU_SOURCE
#include "term.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <dlfcn.h>
#include <stdio.h>
#include <ncurses.h>

/* ncursesw is loaded with dlopen when the TUI opens, not linked: the other
 * subcommands (`run` above all) then never map it (start-up time and
 * resident memory). Calls and the three variables go through ncl; the
 * macros keep the code below plain. */
#ifndef WD_NCURSESW_SONAME
#define WD_NCURSESW_SONAME "libncursesw.so.6"
#endif
#define NC_FUNCS(X) \
    X(clearok) X(curs_set) X(doupdate) X(endwin) X(getmouse) X(has_colors) X(init_pair) \
    X(initscr) X(keypad) X(mouseinterval) X(mousemask) X(nodelay) X(noecho) X(nonl) X(raw) \
    X(set_escdelay) X(setcchar) X(start_color) X(use_default_colors) X(wadd_wch) X(werase) \
    X(wget_wch) X(wins_wch) X(wmove) X(wnoutrefresh)
#define NC_VARS(X) X(stdscr) X(curscr) X(COLORS)

static struct {
#define X(f) __typeof__(f) *p_##f;
    NC_FUNCS(X)
    NC_VARS(X)
#undef X
} ncl;

static bool nc_load(void)
{
    static void *h;
    if (h)
        return true;
    h = dlopen(WD_NCURSESW_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "wasmdbg: cannot load %s: %s\n", WD_NCURSESW_SONAME, dlerror());
        return false;
    }
#define X(f) \
    if (!(*(void **)&ncl.p_##f = dlsym(h, #f))) { \
        fprintf(stderr, "wasmdbg: %s has no %s\n", WD_NCURSESW_SONAME, #f); \
        dlclose(h); \
        h = NULL; \
        return false; \
    }
    NC_FUNCS(X)
    NC_VARS(X)
#undef X
    return true;
}

#undef stdscr
#undef curscr
#undef COLORS
#define stdscr (*ncl.p_stdscr)
#define curscr (*ncl.p_curscr)
#define COLORS (*ncl.p_COLORS)
#define clearok (*ncl.p_clearok)
#define curs_set (*ncl.p_curs_set)
#define doupdate (*ncl.p_doupdate)
#define endwin (*ncl.p_endwin)
#define getmouse (*ncl.p_getmouse)
#define has_colors (*ncl.p_has_colors)
#define init_pair (*ncl.p_init_pair)
#define initscr (*ncl.p_initscr)
#define keypad (*ncl.p_keypad)
#define mouseinterval (*ncl.p_mouseinterval)
#define mousemask (*ncl.p_mousemask)
#define nodelay (*ncl.p_nodelay)
#define noecho (*ncl.p_noecho)
#define nonl (*ncl.p_nonl)
#define raw (*ncl.p_raw)
#define set_escdelay (*ncl.p_set_escdelay)
#define setcchar (*ncl.p_setcchar)
#define start_color (*ncl.p_start_color)
#define use_default_colors (*ncl.p_use_default_colors)
#define wadd_wch (*ncl.p_wadd_wch)
#define werase (*ncl.p_werase)
#define wget_wch (*ncl.p_wget_wch)
#define wins_wch (*ncl.p_wins_wch)
#define wmove (*ncl.p_wmove)
#define wnoutrefresh (*ncl.p_wnoutrefresh)

static tui_canvas shown;
static bool shown_valid;
static bool is_open;
static int ncolors;
static attr_t style_attr[TS__COUNT];

typedef struct style_def { short fg256, bg256, fg8, bg8; attr_t mono; attr_t extra; } style_def;

/* -1 = terminal default */
static const style_def defs[TS__COUNT] = {
    [TS_NORMAL] = { -1, -1, -1, -1, 0, 0 },
    [TS_BORDER] = { 240, -1, COLOR_BLUE, -1, 0, 0 },
    [TS_TITLE] = { 250, -1, COLOR_WHITE, -1, 0, 0 },
    [TS_TITLE_FOCUS] = { 16, 80, COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_BOLD },
    [TS_CURLINE] = { 16, 221, COLOR_BLACK, COLOR_YELLOW, A_REVERSE, 0 },
    [TS_CURSOR] = { -1, 238, COLOR_BLACK, COLOR_WHITE, A_UNDERLINE, 0 },
    [TS_LINENO] = { 243, -1, COLOR_WHITE, -1, A_DIM, 0 },
    [TS_BP] = { 196, -1, COLOR_RED, -1, A_BOLD, A_BOLD },
    [TS_BP_OFF] = { 137, -1, COLOR_YELLOW, -1, A_DIM, 0 },
    [TS_CHANGED] = { 208, -1, COLOR_YELLOW, -1, A_BOLD, A_BOLD },
    [TS_DIM] = { 245, -1, COLOR_WHITE, -1, A_DIM, 0 },
    [TS_KEYWORD] = { 75, -1, COLOR_BLUE, -1, A_BOLD, 0 },
    [TS_STRING] = { 114, -1, COLOR_GREEN, -1, 0, 0 },
    [TS_COMMENT] = { 244, -1, COLOR_CYAN, -1, A_DIM, 0 },
    [TS_NUMBER] = { 176, -1, COLOR_MAGENTA, -1, 0, 0 },
    [TS_ERROR] = { 203, -1, COLOR_RED, -1, A_BOLD, 0 },
    [TS_STATUS] = { 255, 24, COLOR_WHITE, COLOR_BLUE, A_REVERSE, 0 },
    [TS_STATUS_RUN] = { 16, 114, COLOR_BLACK, COLOR_GREEN, A_REVERSE | A_BOLD, A_BOLD },
    [TS_STATUS_STOP] = { 16, 214, COLOR_BLACK, COLOR_YELLOW, A_REVERSE | A_BOLD, A_BOLD },
    [TS_BAR_KEY] = { 16, 80, COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_BOLD },
    [TS_BAR_TEXT] = { 252, 236, COLOR_WHITE, COLOR_BLACK, 0, 0 },
    [TS_MATCH] = { 16, 222, COLOR_BLACK, COLOR_YELLOW, A_REVERSE, 0 },
    [TS_PROMPT] = { 81, -1, COLOR_CYAN, -1, A_BOLD, A_BOLD },
    /* flamegraph frames: without colour, reverse video (frames are separated by a gap) */
    [TS_FLAME_0] = { 16, 229, COLOR_BLACK, COLOR_YELLOW, A_REVERSE, 0 },
    [TS_FLAME_1] = { 16, 221, COLOR_BLACK, COLOR_YELLOW, A_REVERSE | A_BOLD, A_BOLD },
    [TS_FLAME_2] = { 16, 215, COLOR_BLACK, COLOR_MAGENTA, A_REVERSE, 0 },
    [TS_FLAME_3] = { 16, 209, COLOR_BLACK, COLOR_MAGENTA, A_REVERSE | A_BOLD, A_BOLD },
    [TS_FLAME_4] = { 16, 203, COLOR_BLACK, COLOR_RED, A_REVERSE, 0 },
    [TS_FLAME_5] = { 231, 160, COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD, A_BOLD },
    [TS_FLAME_HOST] = { 16, 117, COLOR_BLACK, COLOR_CYAN, A_REVERSE | A_UNDERLINE, 0 },
    [TS_FLAME_MATCH] = { 231, 165, COLOR_WHITE, COLOR_MAGENTA, A_REVERSE | A_BOLD | A_UNDERLINE, A_BOLD },
    [TS_HEAT_1] = { 144, -1, COLOR_WHITE, -1, A_DIM, 0 },
    [TS_HEAT_2] = { 221, -1, COLOR_YELLOW, -1, 0, 0 },
    [TS_HEAT_3] = { 208, -1, COLOR_RED, -1, A_BOLD, 0 },
    [TS_HEAT_4] = { 196, -1, COLOR_RED, -1, A_BOLD | A_REVERSE, A_BOLD },
};

static void setup_styles(void)
{
    const char *nc = getenv("NO_COLOR");
    ncolors = 0;
    if ((!nc || !*nc) && has_colors()) {
        start_color();
        use_default_colors();
        ncolors = COLORS >= 256 ? 256 : 8;
    }
    for (int s = 0; s < TS__COUNT; s++) {
        const style_def *d = &defs[s];
        if (ncolors == 0) {
            style_attr[s] = d->mono;
            continue;
        }
        short fg = ncolors == 256 ? d->fg256 : d->fg8;
        short bg = ncolors == 256 ? d->bg256 : d->bg8;
        init_pair((short)(s + 1), fg, bg);
        style_attr[s] = COLOR_PAIR(s + 1) | d->extra;
    }
}

int tui_term_colors(void) { return ncolors; }

bool tui_term_open(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return false;
    if (!nc_load())
        return false;
    setlocale(LC_ALL, "");
    if (!initscr())
        return false;
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
                  | BUTTON5_PRESSED
#endif
              ,
              NULL);
    mouseinterval(0);
    setup_styles();
    is_open = true;
    shown_valid = false;
    return true;
}

void tui_term_close(void)
{
    if (!is_open)
        return;
    endwin();
    tui_canvas_free(&shown);
    is_open = false;
}

void tui_term_size(int *w, int *h)
{
    int y, x;
    getmaxyx(stdscr, y, x);
    *w = x;
    *h = y;
}

int tui_term_fd(void) { return STDIN_FILENO; }

static uint32_t map_key(int k)
{
    switch (k) {
    case KEY_UP: return TK_UP;
    case KEY_DOWN: return TK_DOWN;
    case KEY_LEFT: return TK_LEFT;
    case KEY_RIGHT: return TK_RIGHT;
    case KEY_PPAGE: return TK_PGUP;
    case KEY_NPAGE: return TK_PGDN;
    case KEY_HOME: return TK_HOME;
    case KEY_END: return TK_END;
    case KEY_BACKSPACE: return TK_BACKSPACE;
    case KEY_DC: return TK_DELETE;
    case KEY_IC: return TK_INSERT;
    case KEY_BTAB: return TK_BTAB;
    case KEY_ENTER: return TK_ENTER;
    default: break;
    }
    if (k >= KEY_F0 && k <= KEY_F(63))
        return (uint32_t)TK_F(k - KEY_F0);
    return 0;
}

bool tui_term_read(tui_event *ev)
{
    wint_t wc;
    int r = get_wch(&wc);
    memset(ev, 0, sizeof *ev);
    if (r == ERR)
        return false;
    if (r == KEY_CODE_YES) {
        if (wc == KEY_RESIZE) {
            ev->type = TE_RESIZE;
            return true;
        }
        if (wc == KEY_MOUSE) {
            MEVENT me;
            if (getmouse(&me) != OK)
                return false;
            ev->type = TE_MOUSE;
            ev->x = me.x;
            ev->y = me.y;
            if (me.bstate & BUTTON1_PRESSED)
                ev->button = TM_LEFT;
            else if (me.bstate & BUTTON3_PRESSED)
                ev->button = TM_RIGHT;
            else if (me.bstate & BUTTON4_PRESSED)
                ev->button = TM_WHEEL_UP;
#ifdef BUTTON5_PRESSED
            else if (me.bstate & BUTTON5_PRESSED)
                ev->button = TM_WHEEL_DOWN;
#endif
            else
                return false;
            return true;
        }
        ev->type = TE_KEY;
        ev->key = map_key((int)wc);
        return ev->key != 0;
    }
    ev->type = TE_KEY;
    ev->key = (uint32_t)wc;
    if (ev->key == 127 || ev->key == 8)
        ev->key = TK_BACKSPACE;
    if (ev->key == '\n')
        ev->key = TK_ENTER;
    return true;
}

void tui_term_invalidate(void)
{
    shown_valid = false;
    clearok(curscr, TRUE);
}

static attr_t cell_attr(const tui_cell *c)
{
    attr_t a = style_attr[c->style < TS__COUNT ? c->style : 0];
    if (c->flags & TC_BOLD)
        a |= A_BOLD;
    if (c->flags & TC_REVERSE)
        a |= A_REVERSE;
    if (c->flags & TC_UNDERLINE)
        a |= A_UNDERLINE;
    return a;
}

long tui_term_flush(const tui_canvas *c)
{
    long written = 0;
    if (!shown_valid || shown.w != c->w || shown.h != c->h) {
        if (shown.cells == NULL)
            tui_canvas_init(&shown, c->w, c->h);
        else
            tui_canvas_resize(&shown, c->w, c->h);
        for (int i = 0; i < shown.w * shown.h; i++)
            shown.cells[i].ch = 0xffffffffu; /* differs from everything */
        shown_valid = true;
        erase();
    }
    int sw, sh;
    tui_term_size(&sw, &sh);
    for (int y = 0; y < c->h && y < sh; y++) {
        for (int x = 0; x < c->w && x < sw; x++) {
            size_t i = (size_t)y * (size_t)c->w + (size_t)x;
            const tui_cell *cell = &c->cells[i];
            tui_cell *old = &shown.cells[i];
            if (cell->ch == old->ch && cell->style == old->style && cell->flags == old->flags)
                continue;
            *old = *cell;
            if (cell->ch == 0)
                continue; /* the right half of a wide character */
            wchar_t wch[2] = { (wchar_t)cell->ch, 0 };
            cchar_t cc;
            attr_t a = cell_attr(cell);
            short pair = (short)PAIR_NUMBER(a);
            setcchar(&cc, wch, a & ~A_COLOR, pair, NULL);
            /* the last cell of the screen: add without moving past it */
            if (y == sh - 1 && x == sw - 1)
                mvins_wch(y, x, &cc);
            else
                mvadd_wch(y, x, &cc);
            written++;
            /* a wide character covers the next cell: keep the copy in sync */
            if (x + 1 < c->w && c->cells[i + 1].ch == 0)
                shown.cells[i + 1] = c->cells[i + 1];
        }
    }
    wnoutrefresh(stdscr);
    doupdate();
    return written;
}
