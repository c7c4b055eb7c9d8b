/* term.h: the terminal, as the rest of the TUI sees it. term_ncurses.c is the only file that
 * talks to ncurses; everything else draws into a tui_canvas and reads tui_events. */
#ifndef WD_TUI_TERM_H
#define WD_TUI_TERM_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"

/* Key codes: Unicode scalars and control characters as themselves (Ctrl-C = 3, Tab = 9,
 * Enter = 13, Esc = 27), special keys above Unicode. */
enum {
    TK_BASE = 0x110000,
    TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_PGUP, TK_PGDN, TK_HOME, TK_END,
    TK_BACKSPACE, TK_DELETE, TK_INSERT, TK_BTAB,
    TK_F0 = TK_BASE + 0x100, /* TK_F0 + n is Fn; Shift adds 12, Ctrl 24 (as ncurses) */
};
#define TK_F(n) (TK_F0 + (n))
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ENTER 13
#define TK_ESC 27
#define TK_TAB 9

typedef enum tui_event_type { TE_NONE = 0, TE_KEY, TE_MOUSE, TE_RESIZE } tui_event_type;

enum { TM_LEFT = 1, TM_RIGHT = 3, TM_WHEEL_UP = 4, TM_WHEEL_DOWN = 5 };

typedef struct tui_event {
    tui_event_type type;
    uint32_t key;      /* TE_KEY */
    int x, y, button;  /* TE_MOUSE: cell, TM_* */
} tui_event;

/* Starts full-screen mode on the controlling terminal. false if it is not a terminal. */
bool tui_term_open(void);
void tui_term_close(void);
void tui_term_size(int *w, int *h);
/* The fd to poll for input. */
int tui_term_fd(void);
/* Reads one pending event without blocking; false if none. */
bool tui_term_read(tui_event *ev);
/* Shows the canvas, writing only the cells that changed since the last flush.
 * Returns the number of cells written. */
long tui_term_flush(const tui_canvas *c);
/* Forgets what is on the screen: the next flush writes every cell (Ctrl-L, resize). */
void tui_term_invalidate(void);
/* How colours are used: 256, 8 or 0 (NO_COLOR or a monochrome terminal). */
int tui_term_colors(void);

#endif
