/* test_session_query.c: the debug session's structured queries and slices
 * (debugger/session_query.h) on examples/shapes.wasm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "shapes_path.h"

#include "session.h"
#include "session_query.h"

static int devnull_fd = -1;

/* The guest's output goes nowhere. */
static int open_devnull(void)
{
    if (devnull_fd < 0)
        devnull_fd = open("/dev/null", O_WRONLY);
    return devnull_fd;
}

typedef struct out { char text[65536]; size_t len; } out;

static void sink_write(void *user, wd_dbg_stream st, const char *text, size_t len)
{
    out *o = user;
    (void)st;
    if (o->len + len + 2 >= sizeof o->text)
        o->len = 0;
    memcpy(o->text + o->len, text, len);
    o->len += len;
    if (st == WD_DBG_ERR)
        o->text[o->len++] = '\n';
    o->text[o->len] = '\0';
}

static wd_dbg *open_shapes(out *o, char **argv, int argc)
{
    const char *path = shapes_path();
    if (!path)
        return NULL;
    int null = open_devnull();
    wd_dbg_options opt = { .path = path, .argc = argc, .argv = argv,
                           .guest_stdout_fd = null, .guest_stderr_fd = null,
                           .sink = { sink_write, o } };
    char err[256];
    wd_dbg *s = wd_dbg_new(&opt, err, sizeof err);
    assert_non_null(s);
    return s;
}

static void run_to_stop(wd_dbg *s)
{
    for (int i = 0; i < 1000000 && wd_dbg_state_get(s) == WD_DBG_RUNNING; i++)
        wd_dbg_run_slice(s, 0);
}

static wd_dbg_var *find_var(wd_dbg_var *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    return NULL;
}

static void state_frames_vars(void **state)
{
    (void)state;
    out *o = calloc(1, sizeof *o);
    wd_dbg *s = open_shapes(o, NULL, 0);
    if (!s) {
        free(o);
        skip();
        return;
    }
    assert_int_equal(wd_dbg_state_get(s), WD_DBG_NOT_STARTED);
    wd_dbg_loc l;
    assert_true(wd_dbg_entry_location(s, &l));
    assert_string_equal(l.func, "main");
    assert_true(strstr(l.file, "shapes.c") != NULL);

    /* slices: a tiny one leaves the run in flight */
    wd_dbg_set_slice(s, 50);
    assert_int_equal(wd_dbg_execute_async(s, "break shapes.c:51"), 0);
    assert_int_equal(wd_dbg_bp_count(s), 1);
    wd_dbg_bp bp;
    assert_true(wd_dbg_bp_get(s, 0, &bp));
    assert_int_equal(bp.id, 1);
    assert_int_equal(bp.line, 51);
    assert_string_equal(bp.func, "main");
    assert_true(wd_dbg_bp_at_line(s, 0, "shapes.c", 51));
    assert_false(wd_dbg_bp_at_line(s, 0, "shapes.c", 52));
    assert_int_equal(wd_dbg_execute_async(s, "run"), 0);
    assert_int_equal(wd_dbg_state_get(s), WD_DBG_RUNNING);
    assert_int_equal(wd_dbg_frame_count(s), 0);
    /* while it runs, commands that need a stopped program are refused */
    assert_int_equal(wd_dbg_execute_async(s, "print total"), -1);
    assert_true(strstr(o->text, "The program is running") != NULL);
    assert_int_equal(wd_dbg_execute_async(s, "info breakpoints"), 0);
    uint64_t seq = wd_dbg_stop_seq(s);
    int slices = 0;
    while (wd_dbg_run_slice(s, 0) == WD_DBG_SLICE_MORE)
        slices++;
    assert_true(slices > 0);
    assert_true(wd_dbg_stop_seq(s) != seq);
    assert_int_equal(wd_dbg_state_get(s), WD_DBG_PAUSED);
    char reason[64];
    wd_dbg_stop_reason(s, reason, sizeof reason);
    assert_string_equal(reason, "breakpoint 1");
    assert_true(wd_dbg_location(s, &l));
    assert_int_equal(l.line, 51);
    assert_string_equal(l.func, "main");
    assert_true(wd_dbg_bp_get(s, 0, &bp));
    assert_int_equal(bp.hits, 1);

    /* variables as a tree: sq is a struct, list a pointer to it */
    size_t n;
    wd_dbg_var *v = wd_dbg_vars(s, 0, &n);
    assert_non_null(v);
    wd_dbg_var *sq = find_var(v, n, "sq");
    assert_non_null(sq);
    assert_string_equal(sq->type, "struct shape");
    assert_true(sq->expandable);
    assert_true(wd_dbg_var_expand(s, sq));
    wd_dbg_var *pos = find_var(sq->kids, sq->nkids, "pos");
    assert_non_null(pos);
    assert_string_equal(pos->expr, "sq.pos");
    assert_string_equal(pos->value, "{x = 11, y = 21}");
    assert_true(wd_dbg_var_expand(s, pos));
    assert_int_equal(pos->nkids, 2);
    assert_string_equal(pos->kids[0].value, "11");
    wd_dbg_var *list = find_var(v, n, "list");
    assert_non_null(list);
    assert_true(list->expandable);
    assert_true(wd_dbg_var_expand(s, list));
    assert_int_equal(list->nkids, 1);
    assert_string_equal(list->kids[0].name, "*list");
    assert_string_equal(list->kids[0].type, "struct shape");
    wd_dbg_var *total = find_var(v, n, "total");
    assert_non_null(total);
    assert_false(total->expandable);
    wd_dbg_vars_free(v, n);
    char err[256];
    char *t = wd_dbg_eval_text(s, "sq.sides * 2", err, sizeof err);
    assert_non_null(t);
    assert_string_equal(t, "8");
    free(t);
    assert_null(wd_dbg_eval_text(s, "nosuch", err, sizeof err));
    assert_true(strstr(err, "nosuch") != NULL);
    wd_dbg_var ev;
    assert_true(wd_dbg_eval_var(s, "*list", &ev, err, sizeof err));
    assert_string_equal(ev.type, "struct shape");
    assert_true(ev.expandable);
    assert_true(wd_dbg_var_expand(s, &ev));
    assert_string_equal(ev.kids[0].expr, "(*list).name");
    wd_dbg_var_clear(&ev);

    /* memory */
    char ebuf[64];
    char *addr = wd_dbg_eval_text(s, "(int)&sq.sides", ebuf, sizeof ebuf);
    assert_non_null(addr);
    uint32_t sides = 0, seven = 7;
    uint64_t a = strtoull(addr, NULL, 0);
    free(addr);
    assert_true(wd_dbg_mem_read(s, a, &sides, 4));
    assert_int_equal(sides, 4);
    assert_true(wd_dbg_mem_write(s, a, &seven, 4));
    t = wd_dbg_eval_text(s, "sq.sides", err, sizeof err);
    assert_string_equal(t, "7");
    free(t);
    uint32_t four = 4;
    assert_true(wd_dbg_mem_write(s, a, &four, 4));

    /* frames: step into perimeter, the caller is frame 1 */
    assert_int_equal(wd_dbg_execute_async(s, "step"), 0);
    run_to_stop(s);
    assert_true(wd_dbg_frame_count(s) >= 2);
    wd_dbg_frame f;
    assert_true(wd_dbg_frame_get(s, 0, &f));
    assert_string_equal(f.loc.func, "perimeter");
    assert_true(wd_dbg_frame_get(s, 1, &f));
    assert_string_equal(f.loc.func, "main");
    seq = wd_dbg_stop_seq(s);
    assert_int_equal(wd_dbg_execute_async(s, "up"), 0);
    assert_int_equal(wd_dbg_frame_selected(s), 1);
    assert_true(wd_dbg_stop_seq(s) != seq);

    /* step N goes on across slices */
    assert_int_equal(wd_dbg_execute_async(s, "frame 0"), 0);
    assert_int_equal(wd_dbg_execute_async(s, "finish"), 0);
    run_to_stop(s);
    wd_dbg_stop_reason(s, reason, sizeof reason);
    assert_string_equal(reason, "finish");
    assert_int_equal(wd_dbg_execute_async(s, "next 2"), 0);
    run_to_stop(s);
    assert_true(wd_dbg_location(s, &l));
    assert_int_equal(l.line, 49);

    /* displays and watchpoints */
    assert_int_equal(wd_dbg_execute_async(s, "display total"), 0);
    assert_int_equal(wd_dbg_display_count(s), 1);
    wd_dbg_display d;
    assert_true(wd_dbg_display_get(s, 0, &d));
    assert_string_equal(d.expr, "total");
    assert_int_equal(wd_dbg_execute_async(s, "delete"), 0);
    assert_int_equal(wd_dbg_execute_async(s, "watch total"), 0);
    assert_true(wd_dbg_bp_get(s, 0, &bp));
    assert_int_equal(bp.kind, WD_DBG_BP_WATCH);
    assert_string_equal(bp.spec, "total");
    assert_int_equal(wd_dbg_execute_async(s, "delete"), 0);

    /* to the end */
    assert_int_equal(wd_dbg_execute_async(s, "continue"), 0);
    run_to_stop(s);
    assert_int_equal(wd_dbg_state_get(s), WD_DBG_EXITED);
    assert_int_equal(wd_dbg_exit_code(s), 0);
    assert_int_equal(wd_dbg_frame_count(s), 0);
    assert_null(wd_dbg_vars(s, 0, &n));
    assert_string_equal(wd_dbg_command_of("c 3"), "continue");
    assert_null(wd_dbg_command_of("nosuch"));
    wd_dbg_free(s);
    free(o);
}

static void trap_and_interrupt(void **state)
{
    (void)state;
    out *o = calloc(1, sizeof *o);
    char *argv[] = { "--divide" };
    wd_dbg *s = open_shapes(o, argv, 1);
    if (!s) {
        free(o);
        skip();
        return;
    }
    wd_dbg_set_slice(s, 1000);
    /* start: its temporary breakpoint stays until the stop, then goes */
    assert_int_equal(wd_dbg_execute_async(s, "start"), 0);
    run_to_stop(s);
    assert_int_equal(wd_dbg_state_get(s), WD_DBG_PAUSED);
    assert_int_equal(wd_dbg_bp_count(s), 0);
    /* an interrupt between slices stops the run at its next one */
    assert_int_equal(wd_dbg_execute_async(s, "continue"), 0);
    if (wd_dbg_state_get(s) == WD_DBG_RUNNING) {
        wd_dbg_interrupt(s);
        run_to_stop(s);
        char reason[64];
        wd_dbg_stop_reason(s, reason, sizeof reason);
        if (wd_dbg_state_get(s) == WD_DBG_PAUSED) {
            assert_string_equal(reason, "interrupted");
            assert_int_equal(wd_dbg_execute_async(s, "continue"), 0);
            run_to_stop(s);
        }
    }
    assert_int_equal(wd_dbg_state_get(s), WD_DBG_TRAPPED);
    assert_string_equal(wd_dbg_trap_message(s), "integer divide by zero");
    assert_true(wd_dbg_frame_count(s) > 0);
    wd_dbg_free(s);
    free(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(state_frames_vars),
        cmocka_unit_test(trap_and_interrupt),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    if (devnull_fd >= 0)
        close(devnull_fd);
    return r;
}
