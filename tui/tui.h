/* tui.h: the full-screen debugger (issue 6).
 *
 * The app owns a tui_model (the debugger), a canvas, the panes and the layout. Panes are
 * objects (init, resize, key, draw, mouse) that draw into the canvas; term_ncurses.c shows
 * the canvas. Every key becomes a command line (tui_app_command), so the `:` line takes
 * every command the keys do.
 */
#ifndef WD_TUI_H
#define WD_TUI_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"
#include "tui_model.h"

typedef struct tui_app tui_app;

enum tui_pane_id {
    P_SOURCE = 0, P_DISASM, P_LOCALS, P_STACK, P_MEMORY, P_BREAKS, P_WASI, P_PROFILE,
    P_CONSOLE, P_OUTPUT, P__COUNT
};

typedef struct tui_pane {
    const char *name;        /* for :focus */
    const char *title;
    const char *help;        /* pane-local keys, "key\tmeaning\n..." */
    void (*init)(struct tui_pane *p, tui_app *a);
    void (*resize)(struct tui_pane *p, tui_rect r);
    bool (*key)(struct tui_pane *p, tui_app *a, uint32_t key);  /* true: handled */
    void (*draw)(struct tui_pane *p, tui_app *a, tui_canvas *c, bool focused);
    bool (*mouse)(struct tui_pane *p, tui_app *a, int x, int y, int button);
    void (*fini)(struct tui_pane *p);
    tui_rect rect;           /* outer rectangle (border included) */
    bool modal;              /* gets keys before the global map (editing) */
    const char *claims;      /* ASCII keys it may take before the global map while focused
                              * (the global action runs when the pane declines the key) */
    void *st;                /* pane state */
} tui_pane;

/* The panes, in pane-id order (panes.c). */
void tui_panes_create(tui_pane panes[P__COUNT]);

/* Creates the app for a model. The app owns neither the model nor the terminal. */
tui_app *tui_app_new(tm_model *m, int w, int h);
void tui_app_free(tui_app *a);
tm_model *tui_app_model(tui_app *a);
/* Resizes the layout (any moment). */
void tui_app_resize(tui_app *a, int w, int h);
/* Handles a key / mouse click. */
void tui_app_key(tui_app *a, uint32_t key);
void tui_app_mouse(tui_app *a, int x, int y, int button);
/* Runs a command line: UI commands (focus, layout, zoom, memory, goto, toggle, ...) or
 * else one of the debugger's command table (through the model). */
int tui_app_command(tui_app *a, const char *line);
/* Draws everything into the app's canvas and returns it. */
tui_canvas *tui_app_draw(tui_app *a);
bool tui_app_quit(const tui_app *a);
/* Opens the `:` line with text already typed (e.g. "condition 1 "). */
void tui_app_prompt(tui_app *a, const char *prompt, const char *initial, int kind);
/* Focus and panes. */
void tui_app_focus(tui_app *a, int pane_id);
tui_pane *tui_app_pane(tui_app *a, int pane_id);
/* A short message on the message line (also logged in the console). */
void tui_app_message(tui_app *a, int style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Records a redraw time (microseconds) for `:timing`. */
void tui_app_note_redraw(tui_app *a, long usec, long cells);

/* Prompt kinds for tui_app_prompt. */
enum { PROMPT_CMD = 0, PROMPT_SEARCH, PROMPT_STDIN, PROMPT_FILTER, PROMPT_MEMGOTO, PROMPT_EDIT,
       PROMPT_FLAME };

/* Shared with panes.c. */
const char *tui_app_search(const tui_app *a);
void tui_app_set_search(tui_app *a, const char *s);
/* Memory pane: goto address. */
void tui_memory_goto(tui_pane *p, uint64_t addr);
/* Source pane: show file:line with the cursor there. */
void tui_source_show(tui_pane *p, tui_app *a, const char *file, uint32_t line);
/* WASI pane filter (false + message on a bad spec). */
bool tui_wasi_filter(tui_pane *p, const char *spec, char *err, size_t errsize);
/* The source pane's file and cursor line (for b/t keys). */
bool tui_source_cursor(tui_pane *p, const char **file, uint32_t *line);

/* The profile pane (pane_flame.c): its search, and the source pane's heat gutter (width 0
 * without a profile or when turned off; tui_heat_set: 1 on, 0 off, -1 toggles). */
void tui_profile_search(tui_pane *p, tui_app *a, const char *re);
bool tui_heat_set(tui_app *a, int on);
int tui_heat_width(tui_app *a, const char *file);
void tui_heat_draw(tui_app *a, tui_canvas *c, tui_rect r, int x, int y, uint32_t line);

/* The entry used by `wasmdbg MODULE ARGS` (cli/tui_main.c). */
int tui_run(const tm_options *o);

#endif
