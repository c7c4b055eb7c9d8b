/* textbuf.h: a bounded list of text lines (console output, program I/O, WASI log). */
#ifndef WD_TUI_TEXTBUF_H
#define WD_TUI_TEXTBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct tui_line {
    char *text;
    uint8_t style;       /* tui_style of the whole line */
} tui_line;

typedef struct tui_textbuf {
    tui_line *v;         /* ring of cap lines */
    size_t cap, head, n; /* oldest at head */
    uint64_t total;      /* lines ever added (pane scroll anchors) */
    char *partial;       /* an unterminated last line being appended to */
    size_t plen;
    uint8_t pstyle;
} tui_textbuf;

void tui_textbuf_init(tui_textbuf *b, size_t cap);
void tui_textbuf_free(tui_textbuf *b);
/* Appends text, split at newlines; a text without a final newline stays open until
 * more arrives (it is still visible as the last line). */
void tui_textbuf_append(tui_textbuf *b, const char *text, size_t len, int style);
/* Appends one whole line (a final newline is implied). */
void tui_textbuf_line(tui_textbuf *b, int style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Number of visible lines (the open partial line included). */
size_t tui_textbuf_count(const tui_textbuf *b);
/* Line i (0 = oldest kept); the open partial line is the last. */
const char *tui_textbuf_get(const tui_textbuf *b, size_t i, int *style);
void tui_textbuf_clear(tui_textbuf *b);

#endif
