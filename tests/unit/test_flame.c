/* test_flame.c: the TUI's flamegraph view (tui/flame.c) on synthetic profiles drawn into
 * canvases (icicle widths, labels, zoom, search share, table sort, selection kept across
 * snapshots, tiny rectangles), and the profile pane and heat gutter in the whole app on the
 * shapes example (P starts the profiler, the pane and the table fill in, % toggles the
 * gutter). No terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "canvas.h"
#include "flame.h"
#include "term.h"
#include "tui.h"
#include "tui_model.h"

static char rowbuf[4096];
static const char *row(const tui_canvas *c, int y) { return tui_canvas_row(c, y, rowbuf, sizeof rowbuf); }

static bool screen_has(const tui_canvas *c, const char *text)
{
    for (int y = 0; y < c->h; y++)
        if (strstr(row(c, y), text))
            return true;
    return false;
}

/* all(1000) -> main(1000) -> a(600: self 100) -> b(500)
 *                         -> c(300)
 *                         -> [wasi:fd_write](100, host)
 * scaled by k (a later snapshot of the same run). */
static void synth(tm_profile *p, uint64_t k)
{
    static const struct { uint32_t parent; const char *name; uint32_t line; bool host; uint64_t self; } fr[] = {
        { UINT32_MAX, "all", 0, false, 0 },
        { 0, "main", 10, false, 0 },
        { 1, "c", 30, false, 300 },        /* out of weight order on purpose */
        { 1, "a", 20, false, 100 },
        { 3, "b", 25, false, 500 },
        { 1, "[wasi:fd_write]", 0, true, 100 },
    };
    size_t n = sizeof fr / sizeof fr[0];
    memset(p, 0, sizeof *p);
    p->exists = true;
    p->insns = true;
    p->unit = "instructions";
    p->frames = calloc(n, sizeof *p->frames);
    assert_non_null(p->frames);
    p->nframes = n;
    for (size_t i = 0; i < n; i++) {
        tm_prof_frame *f = &p->frames[i];
        f->parent = fr[i].parent;
        f->name = fr[i].name;
        f->file = fr[i].host ? "" : "/src/prog.c";
        f->line = fr[i].line;
        f->host = fr[i].host;
        f->self = fr[i].self * k;
        f->self_samples = fr[i].self * k / 10;
    }
    for (size_t i = n; i-- > 0;) {   /* totals: children come after their parents */
        p->frames[i].total += p->frames[i].self;
        p->frames[i].total_samples += p->frames[i].self_samples;
        if (i > 0) {
            p->frames[p->frames[i].parent].total += p->frames[i].total;
            p->frames[p->frames[i].parent].total_samples += p->frames[i].total_samples;
        }
    }
    p->weight = p->frames[0].total;
    p->samples = p->frames[0].total_samples;
    /* the functions, hottest self first (as the profiler gives them) */
    static const struct { const char *name; uint32_t line; bool host; uint64_t self, total; } fn[] = {
        { "b", 25, false, 500, 500 }, { "c", 30, false, 300, 300 },
        { "a", 20, false, 100, 600 }, { "[wasi:fd_write]", 0, true, 100, 100 },
        { "main", 10, false, 0, 1000 },
    };
    p->nfuncs = sizeof fn / sizeof fn[0];
    p->funcs = calloc(p->nfuncs, sizeof *p->funcs);
    assert_non_null(p->funcs);
    for (size_t i = 0; i < p->nfuncs; i++)
        p->funcs[i] = (tm_prof_func){ fn[i].name, fn[i].host ? "" : "/src/prog.c", fn[i].line, fn[i].host,
                                      fn[i].self * k, fn[i].total * k, fn[i].self * k / 10,
                                      fn[i].total * k / 10 };
}

static tui_flame *make_view(uint64_t k)
{
    tui_flame *f = tui_flame_new();
    assert_non_null(f);
    tm_profile p;
    synth(&p, k);
    tui_flame_set(f, &p, false);
    assert_null(p.frames);   /* the view took it */
    return f;
}

static void expect_box(tui_flame *f, const char *name, int x0, int x1, int depth)
{
    int a, b, d;
    assert_true(tui_flame_box(f, name, &a, &b, &d));
    assert_int_equal(a, x0);
    assert_int_equal(b, x1);
    assert_int_equal(d, depth);
}

/* the view in a 100x10 canvas: header, 8 icicle rows, the details line */
static void draw(tui_flame *f, tui_canvas *c)
{
    tui_canvas_clear(c);
    tui_flame_draw(f, c, (tui_rect){ 0, 0, 100, 10 }, true);
}

static void icicle_widths(void **state)
{
    (void)state;
    tui_canvas c;
    assert_true(tui_canvas_init(&c, 100, 10));
    tui_flame *f = make_view(1);
    draw(f, &c);
    /* root on top at full width, callees below, heaviest first, widths by weight */
    expect_box(f, "all", 0, 100, 0);
    expect_box(f, "main", 0, 100, 1);
    expect_box(f, "a", 0, 60, 2);
    expect_box(f, "c", 60, 90, 2);
    expect_box(f, "[wasi:fd_write]", 90, 100, 2);
    expect_box(f, "b", 0, 50, 3);
    /* rows: header, then the frames with labels cut to fit (the last cell is a gap) */
    assert_non_null(strstr(row(&c, 0), "100 samples, 1.00k instructions, insns mode"));
    assert_string_equal(row(&c, 1), "all");
    assert_int_equal(c.cells[1 * 100 + 0].style, TS_CURSOR);      /* the selection: the root */
    assert_int_equal(c.cells[3 * 100 + 95].style, TS_FLAME_HOST);  /* host calls: a cool hue */
    assert_int_equal(c.cells[3 * 100 + 99].style, TS_NORMAL);      /* the gap */
    assert_non_null(strstr(row(&c, 3), "[wasi:fd\xe2\x80\xa6"));
    assert_true(strncmp(row(&c, 3), "a ", 2) == 0);
    assert_int_equal(row(&c, 3)[60], 'c');
    assert_non_null(strstr(row(&c, 9), "all  total 100.0%"));
    /* a frame's colour is hashed from its name: the same on every draw */
    int st = c.cells[4 * 100 + 10].style;
    assert_true(st >= TS_FLAME_0 && st <= TS_FLAME_5);
    draw(f, &c);
    assert_int_equal(c.cells[4 * 100 + 10].style, st);
    /* C: colour by self heat: b has 50% self, the hottest level */
    assert_int_equal(tui_flame_key(f, 'C'), TF_KEY_HANDLED);
    draw(f, &c);
    assert_int_equal(c.cells[4 * 100 + 10].style, TS_FLAME_5);
    tui_flame_free(f);
    tui_canvas_free(&c);
}

static void zoom_and_navigation(void **state)
{
    (void)state;
    tui_canvas c;
    assert_true(tui_canvas_init(&c, 100, 10));
    tui_flame *f = make_view(1);
    draw(f, &c);
    /* j goes to the heaviest callee; l and h along the row */
    tui_flame_key(f, 'j');
    assert_string_equal(tui_flame_selected(f), "main");
    tui_flame_key(f, 'j');
    assert_string_equal(tui_flame_selected(f), "a");
    tui_flame_key(f, 'l');
    assert_string_equal(tui_flame_selected(f), "c");
    tui_flame_key(f, TK_RIGHT);
    assert_string_equal(tui_flame_selected(f), "[wasi:fd_write]");
    tui_flame_key(f, 'l');
    assert_string_equal(tui_flame_selected(f), "[wasi:fd_write]");   /* the end of the row */
    tui_flame_key(f, 'h');
    tui_flame_key(f, 'h');
    assert_string_equal(tui_flame_selected(f), "a");
    /* Enter zooms: a becomes the full-width root, b scales with it; Enter asks for the source */
    assert_int_equal(tui_flame_key(f, TK_ENTER), TF_KEY_JUMP);
    assert_string_equal(tui_flame_zoom_root(f), "a");
    draw(f, &c);
    expect_box(f, "a", 0, 100, 0);
    expect_box(f, "b", 0, 83, 1);   /* 500 of 600 */
    int x0, x1, d;
    assert_false(tui_flame_box(f, "c", &x0, &x1, &d));   /* outside the zoom */
    assert_true(tui_flame_zoomed(f));
    const char *name, *file;
    uint32_t line;
    assert_true(tui_flame_target(f, &name, &file, &line));
    assert_string_equal(name, "a");
    assert_int_equal(line, 20);
    /* k stops at the zoom root; zoom in again and back out twice (Backspace, u) */
    tui_flame_key(f, 'j');
    assert_string_equal(tui_flame_selected(f), "b");
    tui_flame_key(f, TK_ENTER);
    assert_string_equal(tui_flame_zoom_root(f), "b");
    tui_flame_key(f, TK_BACKSPACE);
    assert_string_equal(tui_flame_zoom_root(f), "a");
    assert_string_equal(tui_flame_selected(f), "b");
    tui_flame_key(f, 'k');
    tui_flame_key(f, 'k');
    assert_string_equal(tui_flame_selected(f), "a");
    tui_flame_key(f, 'u');
    assert_string_equal(tui_flame_zoom_root(f), "all");
    /* Esc with nothing to zoom out of is not the view's (the app's Esc runs) */
    assert_int_equal(tui_flame_key(f, TK_ESC), TF_KEY_NONE);
    /* a click selects the frame under it */
    draw(f, &c);
    assert_true(tui_flame_click(f, 70, 3));
    assert_string_equal(tui_flame_selected(f), "c");
    assert_false(tui_flame_click(f, 70, 8));   /* below the frames */
    assert_true(tui_flame_click(f, 5, 3));
    /* host frames have no source */
    tui_flame_key(f, 'l');
    tui_flame_key(f, 'l');
    assert_string_equal(tui_flame_selected(f), "[wasi:fd_write]");
    assert_false(tui_flame_target(f, &name, &file, &line));
    tui_flame_free(f);
    tui_canvas_free(&c);
}

static void search_share(void **state)
{
    (void)state;
    tui_canvas c;
    assert_true(tui_canvas_init(&c, 100, 10));
    tui_flame *f = make_view(1);
    char err[256];
    assert_true(tui_flame_search(f, "^[bc]$", err, sizeof err));
    assert_true(tui_flame_match_share(f) > 0.7999 && tui_flame_match_share(f) < 0.8001);
    draw(f, &c);
    assert_int_equal(c.cells[4 * 100 + 5].style, TS_FLAME_MATCH);   /* b highlighted */
    assert_int_equal(c.cells[3 * 100 + 65].style, TS_FLAME_MATCH);  /* c */
    assert_int_not_equal(c.cells[3 * 100 + 5].style, TS_FLAME_MATCH); /* a is not */
    assert_non_null(strstr(row(&c, 0), "/^[bc]$/ 80.0%"));
    /* nested matches count once: a (600) holds b (500) */
    assert_true(tui_flame_search(f, "^(A|b)$", err, sizeof err));   /* case-insensitive */
    assert_true(tui_flame_match_share(f) > 0.5999 && tui_flame_match_share(f) < 0.6001);
    /* . selects the next match in row order */
    draw(f, &c);
    tui_flame_key(f, '.');
    assert_string_equal(tui_flame_selected(f), "a");
    tui_flame_key(f, '.');
    assert_string_equal(tui_flame_selected(f), "b");
    /* the share is of the zoomed frame */
    tui_flame_key(f, 'k');
    tui_flame_key(f, TK_ENTER);
    assert_true(tui_flame_search(f, "^b$", err, sizeof err));
    assert_true(tui_flame_match_share(f) > 0.8333 && tui_flame_match_share(f) < 0.8334);
    /* a bad expression keeps the old search and says why */
    assert_false(tui_flame_search(f, "(", err, sizeof err));
    assert_non_null(strstr(err, "bad search expression"));
    assert_true(tui_flame_match_share(f) > 0.8333);
    assert_true(tui_flame_search(f, "", err, sizeof err));
    assert_true(tui_flame_match_share(f) == 0);
    tui_flame_free(f);
    tui_canvas_free(&c);
}

static void table_sort(void **state)
{
    (void)state;
    tui_canvas c;
    assert_true(tui_canvas_init(&c, 100, 10));
    tui_flame *f = make_view(1);
    assert_int_equal(tui_flame_key(f, 't'), TF_KEY_HANDLED);
    assert_true(tui_flame_table(f));
    draw(f, &c);
    assert_non_null(strstr(row(&c, 1), "self%\xe2\x96\xbc"));
    assert_non_null(strstr(row(&c, 2), " 50.00   50.00         50   b"));
    assert_non_null(strstr(row(&c, 2), "prog.c:25"));
    assert_non_null(strstr(row(&c, 5), "(host)"));
    static const char *const by[TF_SORT__COUNT][5] = {
        { "b", "c", "a", "[wasi:fd_write]", "main" },   /* self */
        { "main", "a", "b", "c", "[wasi:fd_write]" },   /* total */
        { "b", "c", "a", "[wasi:fd_write]", "main" },   /* samples */
        { "[wasi:fd_write]", "a", "b", "c", "main" },   /* name */
        { "[wasi:fd_write]", "main", "a", "b", "c" },   /* file, then line */
    };
    for (int k = 0; k < TF_SORT__COUNT; k++) {
        assert_int_equal(tui_flame_sort(f), k);
        for (size_t i = 0; i < 5; i++)
            assert_string_equal(tui_flame_row(f, i), by[k][i]);
        assert_null(tui_flame_row(f, 5));
        tui_flame_key(f, 's');
    }
    assert_int_equal(tui_flame_sort(f), TF_SORT_SELF);
    /* Enter on a row: its function's hottest line */
    tui_flame_key(f, 'j');
    assert_int_equal(tui_flame_key(f, TK_ENTER), TF_KEY_JUMP);
    const char *name, *file;
    uint32_t line;
    assert_true(tui_flame_target(f, &name, &file, &line));
    assert_string_equal(name, "c");
    assert_string_equal(file, "/src/prog.c");
    assert_int_equal(line, 30);
    /* t goes back to the flamegraph; the table opens on the selected frame's function */
    tui_flame_key(f, 't');
    assert_false(tui_flame_table(f));
    draw(f, &c);
    tui_flame_key(f, 'j');
    tui_flame_key(f, 'j');
    tui_flame_key(f, 'l');
    tui_flame_key(f, 't');
    assert_string_equal(tui_flame_selected(f), "c");
    tui_flame_free(f);
    tui_canvas_free(&c);
}

static void kept_across_snapshots(void **state)
{
    (void)state;
    tui_canvas c;
    assert_true(tui_canvas_init(&c, 100, 10));
    tui_flame *f = make_view(1);
    draw(f, &c);
    tui_flame_key(f, 'j');
    tui_flame_key(f, 'j');
    tui_flame_key(f, TK_ENTER);      /* zoomed on a */
    tui_flame_key(f, 'j');           /* b selected */
    tm_profile p;
    synth(&p, 3);                    /* the profile grew */
    tui_flame_set(f, &p, false);
    assert_string_equal(tui_flame_zoom_root(f), "a");
    assert_string_equal(tui_flame_selected(f), "b");
    draw(f, &c);
    assert_non_null(strstr(row(&c, 0), "300 samples, 3.00k instructions"));
    tui_flame_key(f, 'u');
    assert_string_equal(tui_flame_zoom_root(f), "all");
    /* an empty profile draws nothing and takes no keys; tiny rectangles do not crash */
    tm_profile e;
    memset(&e, 0, sizeof e);
    e.unit = "";
    tui_flame_set(f, &e, false);
    tui_canvas_clear(&c);
    tui_flame_draw(f, &c, (tui_rect){ 0, 0, 100, 10 }, true);
    assert_string_equal(row(&c, 1), "");
    assert_int_equal(tui_flame_key(f, 'j'), TF_KEY_NONE);
    synth(&p, 1);
    tui_flame_set(f, &p, true);
    for (int w = 0; w < 6; w++)
        for (int h = 0; h < 6; h++) {
            tui_canvas_clear(&c);
            tui_flame_draw(f, &c, (tui_rect){ 1, 1, w, h }, true);
        }
    tui_flame_free(f);
    tui_canvas_free(&c);
}

/* ------------------------------------------------------------ the pane in the app */

static const char *shapes_path(void)
{
    static const char *const cands[] = { "../examples/shapes.wasm", "examples/shapes.wasm",
                                         "../../examples/shapes.wasm", "build/examples/shapes.wasm" };
    const char *env = getenv("WD_SHAPES_WASM");
    if (env && access(env, R_OK) == 0)
        return env;
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++)
        if (access(cands[i], R_OK) == 0)
            return cands[i];
    return NULL;
}

static void run_until_stopped(tm_model *m)
{
    for (int i = 0; i < 100000 && tm_get_state(m) == TM_RUNNING; i++)
        tm_run_slice(m, 100000);
}

static void app_profile_pane(void **state)
{
    (void)state;
    const char *path = shapes_path();
    if (!path) {
        skip();
        return;
    }
    tm_options o = { .path = path };
    char err[256];
    tm_model *m = tm_open(&o, err, sizeof err);
    assert_non_null(m);
    tui_app *a = tui_app_new(m, 120, 36);
    assert_non_null(a);
    tui_app_focus(a, P_PROFILE);
    tui_canvas *c = tui_app_draw(a);
    assert_true(screen_has(c, "No profile yet."));
    assert_true(screen_has(c, "P starts the profiler"));
    /* without a profile, t and s are the global keys (t: run to the cursor) */
    assert_int_equal(tui_app_command(a, "profile start --mode insns --interval 100"), 0);
    tm_profile st;
    tm_profile_status(m, &st);
    assert_true(st.exists && st.running && st.insns);
    tui_app_key(a, 'c');
    run_until_stopped(m);
    c = tui_app_draw(a);
    assert_true(strstr(row(c, 0), "exited with status 0") != NULL);
    assert_true(screen_has(c, "8 Profile: flamegraph"));
    assert_true(screen_has(c, "8 Profile: flamegraph  (profiler on)"));
    assert_true(screen_has(c, "instructions, insns mode"));
    assert_true(screen_has(c, "all  total 100.0%"));
    /* the heaviest path from the root, then the table's first row is the top self function */
    tui_app_key(a, 'j');
    c = tui_app_draw(a);
    assert_true(screen_has(c, "_start"));
    tui_app_key(a, 't');
    c = tui_app_draw(a);
    assert_true(screen_has(c, "8 Profile: table"));
    tm_profile snap;
    tm_profile_snapshot(m, false, &snap);
    assert_true(snap.nfuncs > 1 && snap.nframes > 2);
    assert_true(snap.frames[0].total == snap.weight);
    uint64_t sum = 0;
    for (size_t i = 0; i < snap.nfuncs; i++)
        sum += snap.funcs[i].self;
    assert_true(sum == snap.weight);
    char first[200];
    snprintf(first, sizeof first, "   %s", snap.funcs[0].name);
    /* the table opens on the selected function (_start, at the bottom); g goes to the top */
    tui_app_key(a, 'g');
    c = tui_app_draw(a);
    assert_true(screen_has(c, first));
    /* s is the table's sort (not step), Enter opens the source of the row */
    tui_app_key(a, 's');
    c = tui_app_draw(a);
    assert_true(screen_has(c, "sorted by total"));
    tm_profile_free(&snap);
    /* the heat gutter: source lines of shapes.c with samples carry their share */
    tui_app_focus(a, P_SOURCE);
    assert_int_equal(tui_app_command(a, "goto perimeter"), 0);
    c = tui_app_draw(a);
    /* inside the source box (x 1): markers, line numbers (3 digits), then the share */
    int pct = 0;
    for (int y = 2; y < 20; y++)
        pct += c->cells[y * c->w + 10].ch == '%';
    assert_true(pct > 0);
    /* % (:heat) turns it off and on */
    tui_app_key(a, '%');
    c = tui_app_draw(a);
    assert_true(screen_has(c, "heat gutter off"));
    tui_app_key(a, '%');
    c = tui_app_draw(a);
    assert_true(screen_has(c, "heat gutter on"));
    /* P stops the profiler and resumes it */
    tui_app_key(a, 'P');
    tm_profile_status(m, &st);
    assert_false(st.running);
    assert_true(st.exists);
    tui_app_key(a, 'P');
    tm_profile_status(m, &st);
    assert_true(st.running);
    /* the profile layout: source and flamegraph side by side */
    assert_int_equal(tui_app_command(a, "layout profile"), 0);
    c = tui_app_draw(a);
    assert_true(screen_has(c, "1 Source"));
    assert_true(screen_has(c, "8 Profile"));
    tui_app_free(a);
    tm_close(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(icicle_widths),
        cmocka_unit_test(zoom_and_navigation),
        cmocka_unit_test(search_share),
        cmocka_unit_test(table_sort),
        cmocka_unit_test(kept_across_snapshots),
        cmocka_unit_test(app_profile_pane),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
