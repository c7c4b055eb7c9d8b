/* canvas.c: the cell grid panes draw into (see canvas.h). No terminal here. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "canvas.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

bool tui_canvas_init(tui_canvas *c, int w, int h)
{
    c->w = c->h = 0;
    c->cells = NULL;
    return tui_canvas_resize(c, w, h);
}

bool tui_canvas_resize(tui_canvas *c, int w, int h)
{
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    tui_cell *n = realloc(c->cells, (size_t)w * (size_t)h * sizeof *n);
    if (!n)
        return false;
    c->cells = n;
    c->w = w;
    c->h = h;
    tui_canvas_clear(c);
    return true;
}

void tui_canvas_free(tui_canvas *c)
{
    free(c->cells);
    c->cells = NULL;
    c->w = c->h = 0;
}

void tui_canvas_clear(tui_canvas *c)
{
    for (int i = 0; i < c->w * c->h; i++)
        c->cells[i] = (tui_cell){ ' ', TS_NORMAL, 0 };
}

tui_cell *tui_canvas_at(tui_canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return NULL;
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static tui_rect clip(const tui_canvas *c, tui_rect r)
{
    if (r.x < 0) {
        r.w += r.x;
        r.x = 0;
    }
    if (r.y < 0) {
        r.h += r.y;
        r.y = 0;
    }
    if (r.x + r.w > c->w)
        r.w = c->w - r.x;
    if (r.y + r.h > c->h)
        r.h = c->h - r.y;
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    return r;
}

void tui_fill(tui_canvas *c, tui_rect r, uint32_t ch, int style)
{
    r = clip(c, r);
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            *tui_canvas_at(c, x, y) = (tui_cell){ ch, (uint8_t)style, 0 };
}

int tui_cpwidth(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return 1;
    int w = wcwidth((wchar_t)cp);
    if (w < 0)
        return 1;
    return w;
}

size_t tui_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0xfffd;
        return 1;
    }
    unsigned char b = u[0];
    size_t len;
    uint32_t v, min;
    if (b < 0x80) {
        *cp = b;
        return 1;
    } else if ((b & 0xe0) == 0xc0) {
        len = 2, v = b & 0x1f, min = 0x80;
    } else if ((b & 0xf0) == 0xe0) {
        len = 3, v = b & 0x0f, min = 0x800;
    } else if ((b & 0xf8) == 0xf0) {
        len = 4, v = b & 0x07, min = 0x10000;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    if (n < len) {
        *cp = 0xfffd;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
        v = 0xfffd;
    *cp = v;
    return len;
}

size_t tui_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xc0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

int tui_strwidth(const char *s)
{
    int w = 0;
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t l = tui_utf8_decode(s, n, &cp);
        s += l;
        n -= l;
        if (cp == '\t')
            w += 8 - (w % 8);
        else if (cp < 0x20 || cp == 0x7f)
            w += 2;
        else
            w += tui_cpwidth(cp);
    }
    return w;
}

/* Puts one cell (and its continuation) at x; returns the next column or -1 when it
 * does not fit before `end`. */
static int put(tui_canvas *c, int x, int y, int end, uint32_t cp, int style)
{
    int w = tui_cpwidth(cp);
    if (w == 0) {
        return x; /* combining marks are dropped (cells hold one code point) */
    }
    if (x + w > end)
        return -1;
    tui_cell *cell = tui_canvas_at(c, x, y);
    if (!cell)
        return -1;
    /* overwriting half of a wide character blanks its other half */
    if (cell->ch == 0 && x > 0) {
        tui_cell *l = tui_canvas_at(c, x - 1, y);
        if (l)
            l->ch = ' ';
    }
    *cell = (tui_cell){ cp, (uint8_t)style, 0 };
    if (w == 2) {
        tui_cell *r = tui_canvas_at(c, x + 1, y);
        if (r)
            *r = (tui_cell){ 0, (uint8_t)style, 0 };
    }
    tui_cell *next = tui_canvas_at(c, x + w, y);
    if (next && next->ch == 0 && x + w < end)
        next->ch = ' ';
    return x + w;
}

int tui_textn(tui_canvas *c, tui_rect r, int x, int y, const char *s, size_t n, int style)
{
    r = clip(c, r);
    if (y < r.y || y >= r.y + r.h)
        return x;
    int end = r.x + r.w;
    if (x < r.x)
        x = r.x;
    while (n > 0 && x < end) {
        uint32_t cp;
        size_t l = tui_utf8_decode(s, n, &cp);
        s += l;
        n -= l;
        int nx;
        if (cp == '\t') {
            int stop = r.x + ((x - r.x) / 8 + 1) * 8;
            nx = x;
            while (nx < stop && nx >= 0)
                nx = put(c, nx, y, end, ' ', style);
        } else if (cp < 0x20 || cp == 0x7f) {
            /* inert caret notation: ESC shows as ^[ and never reaches the terminal */
            nx = put(c, x, y, end, '^', TS_DIM);
            if (nx >= 0)
                nx = put(c, nx, y, end, cp == 0x7f ? '?' : cp + 0x40, TS_DIM);
        } else if (cp >= 0x80 && cp < 0xa0) {
            nx = put(c, x, y, end, 0xfffd, TS_DIM);
        } else {
            nx = put(c, x, y, end, cp, style);
        }
        if (nx < 0)
            break;
        x = nx;
    }
    return x;
}

int tui_text(tui_canvas *c, tui_rect r, int x, int y, const char *s, int style)
{
    return tui_textn(c, r, x, y, s, strlen(s), style);
}

int tui_textf(tui_canvas *c, tui_rect r, int x, int y, int style, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return tui_text(c, r, x, y, buf, style);
}

void tui_restyle(tui_canvas *c, tui_rect r, int x, int y, int n, int style, int flags)
{
    r = clip(c, r);
    if (y < r.y || y >= r.y + r.h)
        return;
    for (int i = x; i < x + n && i < r.x + r.w; i++) {
        if (i < r.x)
            continue;
        tui_cell *cell = tui_canvas_at(c, i, y);
        cell->style = (uint8_t)style;
        cell->flags = (uint8_t)flags;
    }
}

tui_rect tui_inner(tui_rect r)
{
    tui_rect i = { r.x + 1, r.y + 1, r.w - 2, r.h - 2 };
    if (i.w < 0)
        i.w = 0;
    if (i.h < 0)
        i.h = 0;
    return i;
}

void tui_box(tui_canvas *c, tui_rect r, const char *title, bool focused)
{
    if (r.w < 2 || r.h < 2)
        return;
    int st = focused ? TS_TITLE_FOCUS : TS_BORDER;
    tui_fill(c, (tui_rect){ r.x + 1, r.y, r.w - 2, 1 }, 0x2500, st);
    tui_fill(c, (tui_rect){ r.x + 1, r.y + r.h - 1, r.w - 2, 1 }, 0x2500, TS_BORDER);
    tui_fill(c, (tui_rect){ r.x, r.y + 1, 1, r.h - 2 }, 0x2502, TS_BORDER);
    tui_fill(c, (tui_rect){ r.x + r.w - 1, r.y + 1, 1, r.h - 2 }, 0x2502, TS_BORDER);
    tui_fill(c, (tui_rect){ r.x, r.y, 1, 1 }, 0x250c, st);
    tui_fill(c, (tui_rect){ r.x + r.w - 1, r.y, 1, 1 }, 0x2510, st);
    tui_fill(c, (tui_rect){ r.x, r.y + r.h - 1, 1, 1 }, 0x2514, TS_BORDER);
    tui_fill(c, (tui_rect){ r.x + r.w - 1, r.y + r.h - 1, 1, 1 }, 0x2518, TS_BORDER);
    if (title && r.w > 4) {
        tui_rect tr = { r.x + 1, r.y, r.w - 2, 1 };
        int x = tui_text(c, tr, r.x + 1, r.y, " ", st);
        x = tui_text(c, tr, x, r.y, title, focused ? TS_TITLE_FOCUS : TS_TITLE);
        tui_text(c, tr, x, r.y, " ", st);
        if (focused)
            tui_restyle(c, tr, r.x + 2, r.y, x - r.x - 2, TS_TITLE_FOCUS, TC_BOLD);
    }
}

char *tui_canvas_row(const tui_canvas *c, int y, char *buf, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (y < 0 || y >= c->h)
        return buf;
    for (int x = 0; x < c->w; x++) {
        uint32_t ch = c->cells[(size_t)y * (size_t)c->w + (size_t)x].ch;
        if (ch == 0)
            continue;
        char tmp[4];
        size_t l = tui_utf8_encode(ch, tmp);
        if (n + l + 1 > size)
            break;
        memcpy(buf + n, tmp, l);
        n += l;
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    buf[n] = '\0';
    return buf;
}
