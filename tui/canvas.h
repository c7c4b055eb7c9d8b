/* canvas.h: a grid of cells (wide characters + a style) that panes draw into.
 *
 * The canvas knows nothing about terminals: term_ncurses.c copies it to the screen, writing
 * only the cells that differ from the previous frame. A cell holding the left half of a
 * double-width character is followed by a continuation cell (ch == 0).
 */
#ifndef WD_TUI_CANVAS_H
#define WD_TUI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Semantic styles; the terminal driver maps them to colours (256, 8 or none). */
typedef enum tui_style {
    TS_NORMAL = 0,
    TS_BORDER,
    TS_TITLE,        /* pane title, unfocused */
    TS_TITLE_FOCUS,  /* pane title, focused */
    TS_CURLINE,      /* the line/instruction where the program is paused */
    TS_CURSOR,       /* the pane's cursor row */
    TS_LINENO,
    TS_BP,           /* enabled breakpoint marker */
    TS_BP_OFF,       /* disabled breakpoint marker */
    TS_CHANGED,      /* value changed by the last step */
    TS_DIM,          /* secondary text: offsets, types */
    TS_KEYWORD,      /* source keywords, mnemonics */
    TS_STRING,       /* string/char literals */
    TS_COMMENT,
    TS_NUMBER,
    TS_ERROR,
    TS_STATUS,       /* the status line */
    TS_STATUS_RUN,
    TS_STATUS_STOP,
    TS_BAR_KEY,      /* bottom bar: key names */
    TS_BAR_TEXT,     /* bottom bar: labels */
    TS_MATCH,        /* search match */
    TS_PROMPT,
    /* the flamegraph (pane_flame.c): a warm ramp, coolest first (hashed by name, or by
     * self heat), a cool hue for host calls, and four heat levels for the source gutter */
    TS_FLAME_0, TS_FLAME_1, TS_FLAME_2, TS_FLAME_3, TS_FLAME_4, TS_FLAME_5,
    TS_FLAME_HOST,
    TS_FLAME_MATCH,  /* a frame the search matches */
    TS_HEAT_1, TS_HEAT_2, TS_HEAT_3, TS_HEAT_4,
    TS__COUNT
} tui_style;

typedef struct tui_cell {
    uint32_t ch;     /* Unicode scalar; 0 = continuation of a wide character */
    uint8_t style;   /* tui_style */
    uint8_t flags;   /* TC_* */
} tui_cell;

enum { TC_BOLD = 1u << 0, TC_REVERSE = 1u << 1, TC_UNDERLINE = 1u << 2 };

typedef struct tui_canvas {
    int w, h;
    tui_cell *cells; /* w*h, row-major */
} tui_canvas;

typedef struct tui_rect { int x, y, w, h; } tui_rect;

bool tui_canvas_init(tui_canvas *c, int w, int h);
bool tui_canvas_resize(tui_canvas *c, int w, int h);
void tui_canvas_free(tui_canvas *c);
void tui_canvas_clear(tui_canvas *c);
tui_cell *tui_canvas_at(tui_canvas *c, int x, int y); /* NULL outside */

/* Fills the rectangle with ch in style. */
void tui_fill(tui_canvas *c, tui_rect r, uint32_t ch, int style);
/* Draws UTF-8 text at (x, y) clipped to r (absolute coordinates; x,y inside r),
 * at most until column r.x+r.w. Control characters and escape bytes are drawn
 * inert (as "^[" style carets), invalid UTF-8 as U+FFFD. Returns the column after
 * the last cell written. */
int tui_text(tui_canvas *c, tui_rect r, int x, int y, const char *s, int style);
int tui_textn(tui_canvas *c, tui_rect r, int x, int y, const char *s, size_t n, int style);
/* Like tui_text with a printf format. */
int tui_textf(tui_canvas *c, tui_rect r, int x, int y, int style, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Sets the style (and flags) of cells [x, x+n) of row y inside r, keeping characters. */
void tui_restyle(tui_canvas *c, tui_rect r, int x, int y, int n, int style, int flags);
/* A box border around r with a title (focused: highlighted). */
void tui_box(tui_canvas *c, tui_rect r, const char *title, bool focused);
/* The rectangle inside a box. */
tui_rect tui_inner(tui_rect r);

/* Display width of a code point (0 for combining, 2 for wide), and of UTF-8 text. */
int tui_cpwidth(uint32_t cp);
int tui_strwidth(const char *s);
/* Decodes one UTF-8 sequence from s (n bytes available); returns its length (>= 1),
 * *cp = U+FFFD when invalid. */
size_t tui_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes at least); returns the length. */
size_t tui_utf8_encode(uint32_t cp, char *out);

/* The canvas's text row y as UTF-8 (for tests), trailing blanks removed. */
char *tui_canvas_row(const tui_canvas *c, int y, char *buf, size_t size);

#endif
