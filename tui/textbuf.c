/* textbuf.c: a bounded ring of text lines (see textbuf.h). */
#include "textbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tui_textbuf_init(tui_textbuf *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->cap = cap ? cap : 1;
    b->v = calloc(b->cap, sizeof *b->v);
    if (!b->v)
        b->cap = 0;
}

void tui_textbuf_clear(tui_textbuf *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->v[(b->head + i) % b->cap].text);
    b->head = b->n = 0;
    free(b->partial);
    b->partial = NULL;
    b->plen = 0;
}

void tui_textbuf_free(tui_textbuf *b)
{
    tui_textbuf_clear(b);
    free(b->v);
    b->v = NULL;
    b->cap = 0;
}

static void push(tui_textbuf *b, char *text, int style)
{
    if (!b->cap || !text) {
        free(text);
        return;
    }
    if (b->n == b->cap) {
        free(b->v[b->head].text);
        b->v[b->head] = (tui_line){ text, (uint8_t)style };
        b->head = (b->head + 1) % b->cap;
    } else {
        b->v[(b->head + b->n) % b->cap] = (tui_line){ text, (uint8_t)style };
        b->n++;
    }
    b->total++;
}

void tui_textbuf_append(tui_textbuf *b, const char *text, size_t len, int style)
{
    while (len > 0) {
        const char *nl = memchr(text, '\n', len);
        size_t chunk = nl ? (size_t)(nl - text) : len;
        char *p = realloc(b->partial, b->plen + chunk + 1);
        if (!p)
            return;
        memcpy(p + b->plen, text, chunk);
        b->plen += chunk;
        p[b->plen] = '\0';
        b->partial = p;
        b->pstyle = (uint8_t)style;
        if (nl) {
            /* drop a CR before the newline */
            if (b->plen > 0 && b->partial[b->plen - 1] == '\r')
                b->partial[--b->plen] = '\0';
            push(b, b->partial, style);
            b->partial = NULL;
            b->plen = 0;
            chunk++;
        }
        text += chunk;
        len -= chunk;
    }
}

void tui_textbuf_line(tui_textbuf *b, int style, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        n = sizeof buf - 1;
    if (b->partial) { /* close an open line first */
        push(b, b->partial, b->pstyle);
        b->partial = NULL;
        b->plen = 0;
    }
    tui_textbuf_append(b, buf, (size_t)n, style);
    tui_textbuf_append(b, "\n", 1, style);
}

size_t tui_textbuf_count(const tui_textbuf *b) { return b->n + (b->partial ? 1 : 0); }

const char *tui_textbuf_get(const tui_textbuf *b, size_t i, int *style)
{
    if (i < b->n) {
        const tui_line *l = &b->v[(b->head + i) % b->cap];
        if (style)
            *style = l->style;
        return l->text;
    }
    if (i == b->n && b->partial) {
        if (style)
            *style = b->pstyle;
        return b->partial;
    }
    return NULL;
}
