/* flame.h: the flamegraph view (flame.c), drawn into a canvas from a profile snapshot
 * (tm_profile); pane_flame.c makes it a pane. Kept apart from the pane so its layout, zoom,
 * search and table can be tested on synthetic profiles without a session or a terminal.
 *
 * The icicle: the zoom root on the top row at full width, callees below it, each frame as
 * wide as its share of the root's weight (cells from cumulative offsets, so siblings tile
 * without gaps or overlaps; frames narrower than a cell vanish), children left-heavy (the
 * heaviest first). The table: one row per function, sortable. Selection and zoom are kept
 * across snapshots by the path of frame names from the root.
 */
#ifndef WD_TUI_FLAME_H
#define WD_TUI_FLAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "tui_model.h"

typedef struct tui_flame tui_flame;

/* Table sort keys, in the order `s` cycles them. */
enum { TF_SORT_SELF = 0, TF_SORT_TOTAL, TF_SORT_SAMPLES, TF_SORT_NAME, TF_SORT_FILE, TF_SORT__COUNT };

/* What a key asks the pane to do beyond redrawing. */
enum { TF_KEY_NONE = 0, TF_KEY_HANDLED, TF_KEY_JUMP, TF_KEY_SEARCH, TF_KEY_LINES };

tui_flame *tui_flame_new(void);
void tui_flame_free(tui_flame *f);
/* Takes over the snapshot *p (leaves *p empty); keeps the zoom and selection where the same
 * frames still exist. by_line: frames are (function, line) pairs. */
void tui_flame_set(tui_flame *f, tm_profile *p, bool by_line);
const tm_profile *tui_flame_profile(const tui_flame *f);

/* Draws the view into r (the pane's inside) and remembers the layout for the keys. */
void tui_flame_draw(tui_flame *f, tui_canvas *c, tui_rect r, bool focused);
/* A key (arrows/hjkl move, Enter zooms or jumps, Backspace/u/Esc zoom out, t table, s sort,
 * C colours, / search, . , next/previous match, v functions/lines): TF_KEY_*; 0 if not
 * the view's. */
int tui_flame_key(tui_flame *f, uint32_t key);

/* Search: an extended regular expression, case-insensitive, on frame names ("" clears).
 * false with a message for a bad expression. */
bool tui_flame_search(tui_flame *f, const char *re, char *err, size_t errsize);
/* The share (0..1) of the zoom root's weight in frames that match (nested matches count
 * once); 0 without a search. */
double tui_flame_match_share(const tui_flame *f);

/* A click at canvas cell (x, y): selects the frame or table row there (false: none). */
bool tui_flame_click(tui_flame *f, int x, int y);

/* Where Enter sends the source pane: the selected frame's (or table row's) file and line. */
bool tui_flame_target(const tui_flame *f, const char **name, const char **file, uint32_t *line);

/* State, for the pane and the tests. */
bool tui_flame_table(const tui_flame *f);
int tui_flame_sort(const tui_flame *f);
const char *tui_flame_selected(const tui_flame *f);
const char *tui_flame_zoom_root(const tui_flame *f);
bool tui_flame_zoomed(const tui_flame *f);
/* The cells [x0, x1) and row (0 = the zoom root) of the first frame named name in the last
 * drawn layout; false if it is not drawn. */
bool tui_flame_box(const tui_flame *f, const char *name, int *x0, int *x1, int *depth);
/* The table's function at row i in the current sort order (NULL past the end). */
const char *tui_flame_row(const tui_flame *f, size_t i);

#endif
