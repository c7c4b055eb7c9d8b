/* pane_util.h: helpers shared by the pane files. */
#ifndef WD_TUI_PANE_UTIL_H
#define WD_TUI_PANE_UTIL_H

#include "canvas.h"
#include "term.h"
#include "tui.h"

/* Keeps cursor within [top, top+height): adjusts *top. */
static inline void pu_scroll_fit(int *top, int cursor, int height)
{
    if (height < 1)
        height = 1;
    if (cursor < *top)
        *top = cursor;
    if (cursor >= *top + height)
        *top = cursor - height + 1;
    if (*top < 0)
        *top = 0;
}

/* Moves a list cursor for a navigation key; returns true if the key was one. */
static inline bool pu_nav(uint32_t key, int *cursor, int count, int page)
{
    int c = *cursor;
    if (page < 1)
        page = 1;
    switch (key) {
    case 'j': case TK_DOWN: c++; break;
    case 'k': case TK_UP: c--; break;
    case TK_PGDN: c += page; break;
    case TK_PGUP: c -= page; break;
    case TK_CTRL('d'): c += page / 2 > 0 ? page / 2 : 1; break;
    case TK_CTRL('u'): c -= page / 2 > 0 ? page / 2 : 1; break;
    case 'g': case TK_HOME: c = 0; break;
    case 'G': case TK_END: c = count - 1; break;
    default: return false;
    }
    if (c >= count)
        c = count - 1;
    if (c < 0)
        c = 0;
    *cursor = c;
    return true;
}

/* The pane's content rectangle. */
static inline tui_rect pu_inner(const tui_pane *p) { return tui_inner(p->rect); }

#endif
