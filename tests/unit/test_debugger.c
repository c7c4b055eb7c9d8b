/* test_debugger.c: the debugger's command layer driven through its API (wd_dbg_execute),
 * on examples/shapes.wasm (-O0): breakpoints, stepping, print and x, watchpoints, value
 * history, set/show args, and error cases that must leave the session as it was. The
 * golden transcripts of tests/debugger/ cover the same commands end to end on prog.c;
 * these tests look at the session's state after each command. SKIP without shapes.wasm. */
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
#include "dbg_int.h"   /* dbg_line_run */

/* Everything the session says since the last clear; errors on their own lines. */
typedef struct out {
    char text[65536];
    size_t len;
    int nerr;
    char lasterr[512];
} out;

static void sink_write(void *user, wd_dbg_stream st, const char *text, size_t len)
{
    out *o = user;
    if (o->len + len + 2 >= sizeof o->text)
        o->len = 0;
    memcpy(o->text + o->len, text, len);
    o->len += len;
    if (st == WD_DBG_ERR) {
        o->text[o->len++] = '\n';
        o->nerr++;
        size_t n = len < sizeof o->lasterr - 1 ? len : sizeof o->lasterr - 1;
        memcpy(o->lasterr, text, n);
        o->lasterr[n] = '\0';
    }
    o->text[o->len] = '\0';
}

typedef struct fx {
    out o;
    wd_dbg *s;
    int null_fd;
} fx;

static int setup(void **state)
{
    const char *path = shapes_path();
    if (!path)
        return 0;   /* each test skips */
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->null_fd = open("/dev/null", O_WRONLY);
    wd_dbg_options opt = { .path = path, .guest_stdout_fd = f->null_fd,
                           .guest_stderr_fd = f->null_fd, .sink = { sink_write, &f->o } };
    char err[256];
    f->s = wd_dbg_new(&opt, err, sizeof err);
    assert_non_null(f->s);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    if (f) {
        wd_dbg_free(f->s);
        close(f->null_fd);
        free(f);
    }
    return 0;
}

static fx *get(void **state)
{
    fx *f = *state;
    if (!f)
        skip();
    return f;
}

/* Runs a command; rc must be want. Output since the command is in f->o.text. */
static void cmd(fx *f, const char *line, int want)
{
    f->o.len = 0;
    f->o.text[0] = '\0';
    f->o.nerr = 0;
    int rc = wd_dbg_execute(f->s, line);
    if (rc != want)
        fail_msg("`%s` returned %d, wanted %d; output:\n%s", line, rc, want, f->o.text);
}

static void has(fx *f, const char *needle)
{
    if (!strstr(f->o.text, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, f->o.text);
}

static void lacks(fx *f, const char *needle)
{
    if (strstr(f->o.text, needle))
        fail_msg("did not expect \"%s\" in:\n%s", needle, f->o.text);
}

static void at(fx *f, const char *func, uint32_t line)
{
    wd_dbg_loc l;
    assert_true(wd_dbg_location(f->s, &l));
    if (strcmp(l.func, func) != 0 || l.line != line)
        fail_msg("stopped in %s:%u, wanted %s:%u; output:\n%s", l.func, l.line, func, line, f->o.text);
}

static void reason(fx *f, const char *want)
{
    char r[64];
    wd_dbg_stop_reason(f->s, r, sizeof r);
    assert_string_equal(r, want);
}

static const wd_dbg_bp *bp_by_id(fx *f, int id, wd_dbg_bp *buf)
{
    for (size_t i = 0; i < wd_dbg_bp_count(f->s); i++)
        if (wd_dbg_bp_get(f->s, i, buf) && buf->id == id)
            return buf;
    return NULL;
}

/* ------------------------------------------------------------ breakpoints */

static void test_breakpoints(void **state)
{
    fx *f = get(state);
    wd_dbg_bp b;
    cmd(f, "break shapes.c:51", 0);
    has(f, "Breakpoint 1 at 0x");
    has(f, "file shapes.c, line 51.");
    cmd(f, "break perimeter", 0);
    cmd(f, "tbreak move", 0);
    has(f, "Temporary breakpoint 3");
    assert_int_equal(wd_dbg_bp_count(f->s), 3);
    assert_true(bp_by_id(f, 3, &b)->temporary);

    cmd(f, "run", 0);
    at(f, "move", 39);
    reason(f, "breakpoint 3");
    assert_null(bp_by_id(f, 3, &b));             /* tbreak: gone once hit */
    cmd(f, "continue", 0);
    at(f, "main", 51);
    cmd(f, "continue", 0);
    at(f, "perimeter", 24);
    assert_int_equal(bp_by_id(f, 2, &b)->hits, 1);

    /* condition: perimeter of the triangle only (3 sides) */
    cmd(f, "condition 2 s->sides == 3", 0);
    cmd(f, "disable 1", 0);
    assert_false(bp_by_id(f, 1, &b)->enabled);
    cmd(f, "continue", 0);
    at(f, "perimeter", 24);
    lacks(f, "Breakpoint 1,");                  /* disabled */
    cmd(f, "print s->sides", 0);
    has(f, "= 3");
    cmd(f, "condition 2", 0);
    has(f, "Breakpoint 2 now unconditional.");

    /* ignore, enable, delete */
    cmd(f, "ignore 2 1", 0);
    has(f, "Will ignore next crossing of breakpoint 2.");
    cmd(f, "enable 1", 0);
    assert_true(bp_by_id(f, 1, &b)->enabled);
    cmd(f, "delete 1", 0);
    assert_null(bp_by_id(f, 1, &b));
    cmd(f, "delete 2", 0);
    assert_int_equal(wd_dbg_bp_count(f->s), 0);
    cmd(f, "info breakpoints", 0);
    has(f, "No breakpoints or watchpoints.");
    cmd(f, "continue", 0);
    assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_EXITED);
}

static void test_break_address_and_dispositions(void **state)
{
    fx *f = get(state);
    wd_dbg_bp b;
    /* *ADDR: the address of the line breakpoint, as a number */
    cmd(f, "break shapes.c:52", 0);
    assert_non_null(bp_by_id(f, 1, &b));
    char line[64];
    snprintf(line, sizeof line, "break *0x%x", b.addr);
    cmd(f, "delete", 0);
    cmd(f, line, 0);
    assert_int_equal(bp_by_id(f, 2, &b)->line, 52);
    cmd(f, "break move", 0);
    cmd(f, "enable once 3", 0);
    cmd(f, "enable delete 2", 0);
    cmd(f, "info breakpoints", 0);
    has(f, "2       breakpoint      del  y");
    has(f, "3       breakpoint      dis  y");
    cmd(f, "run", 0);
    at(f, "move", 39);
    assert_false(bp_by_id(f, 3, &b)->enabled);   /* once: disabled after the hit */
    cmd(f, "continue", 0);
    at(f, "main", 52);
    assert_null(bp_by_id(f, 2, &b));            /* delete: gone after the hit */
    cmd(f, "continue", 0);
    assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_EXITED);
}

/* ------------------------------------------------------------ stepping */

static void test_stepping(void **state)
{
    fx *f = get(state);
    cmd(f, "break shapes.c:50", 0);
    cmd(f, "run", 0);
    at(f, "main", 50);
    cmd(f, "next", 0);
    at(f, "main", 51);
    reason(f, "step");
    cmd(f, "step", 0);
    at(f, "perimeter", 24);
    cmd(f, "next", 0);
    at(f, "perimeter", 25);
    cmd(f, "finish", 0);
    has(f, "Run till exit from");
    has(f, "Value returned is $1 = (int) 8");
    wd_dbg_loc l;
    assert_true(wd_dbg_location(f->s, &l));
    assert_string_equal(l.func, "main");
    cmd(f, "print $1 + 1", 0);
    has(f, "$2 = 9");

    /* stepi N: N instructions, same frame here */
    cmd(f, "next", 0);
    at(f, "main", 52);
    assert_true(wd_dbg_location(f->s, &l));
    uint64_t before = l.offset;
    cmd(f, "stepi 3", 0);
    assert_true(wd_dbg_location(f->s, &l));
    assert_true(l.offset > before);
    /* until a line: the loop's next iteration */
    cmd(f, "until 50", 0);
    at(f, "main", 50);
    cmd(f, "print s->name", 0);
    has(f, "\"triangle\"");
    cmd(f, "kill", 0);
    assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_NOT_STARTED);
}

/* ------------------------------------------------------------ data */

static void test_print_and_x(void **state)
{
    fx *f = get(state);
    cmd(f, "break shapes.c:51", 0);
    cmd(f, "run", 0);
    cmd(f, "print sq.sides", 0);
    has(f, "$1 = 4");
    cmd(f, "print/x 255", 0);
    has(f, "$2 = 0xff");
    cmd(f, "print sq.lengths[1] * 10 + 1", 0);
    has(f, "$3 = 21");
    cmd(f, "print $ + $$", 0);             /* 21 + 0xff */
    has(f, "$4 = 276");
    cmd(f, "print $$2", 0);                /* two back from $4 */
    has(f, "$5 = 255");
    cmd(f, "print/t 5", 0);
    has(f, "= 101");
    cmd(f, "print list->name", 0);
    has(f, "\"square\"");
    cmd(f, "print sq.pos", 0);
    has(f, "{x = 11, y = 21}");
    cmd(f, "ptype list", 0);
    has(f, "struct shape *");
    cmd(f, "show values", 0);
    has(f, "$1 = 4\n");
    has(f, "$4 = 276\n");
    cmd(f, "x/4dw sq.lengths", 0);
    has(f, "2\t2\t2\t2");
    cmd(f, "x/2xb &sq.sides", 0);
    has(f, "0x04\t0x00");
    cmd(f, "x/s sq.name", 0);
    has(f, "\"square\"");
    cmd(f, "set var sq.sides = 5", 0);
    cmd(f, "print sq.sides", 0);
    has(f, "= 5");
    cmd(f, "set var sq.sides = 4", 0);
}

/* ------------------------------------------------------------ watchpoints */

static void test_watchpoints(void **state)
{
    fx *f = get(state);
    wd_dbg_bp b;
    cmd(f, "break shapes.c:49", 0);
    cmd(f, "run", 0);
    cmd(f, "watch total", 0);
    has(f, "Watchpoint 2: total");
    assert_int_equal(bp_by_id(f, 2, &b)->kind, WD_DBG_BP_WATCH);
    assert_int_equal(b.watch_len, 4);
    cmd(f, "continue", 0);
    has(f, "Watchpoint 2: total");
    has(f, "Old value = 0\nNew value = 8\n");
    reason(f, "watchpoint 2");
    at(f, "main", 52);                          /* the statement after the store */
    cmd(f, "continue", 0);
    has(f, "Old value = 8\nNew value = 20\n");
    cmd(f, "delete 2", 0);

    /* read and access watchpoints on a struct member */
    cmd(f, "rwatch tri.sides", 0);
    has(f, "Read watchpoint 3: tri.sides");
    cmd(f, "continue", 0);
    has(f, "Value = 3");
    at(f, "perimeter", 25);                      /* the loop condition reads s->sides */
    cmd(f, "delete", 0);
    cmd(f, "up", 0);
    cmd(f, "awatch total", 0);                  /* main's, read once more for the last printf */
    cmd(f, "info watchpoints", 0);
    has(f, "acc watchpoint");
    cmd(f, "continue", 0);
    has(f, "Access watchpoint 4: total");
    has(f, "Value = 20");
    at(f, "main", 54);
    cmd(f, "delete", 0);
    cmd(f, "continue", 0);
    assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_EXITED);
}

static void test_watch_range(void **state)
{
    fx *f = get(state);
    cmd(f, "break move", 0);
    cmd(f, "run", 0);
    at(f, "move", 39);
    /* an address range: both coordinates of the point (8 bytes) */
    cmd(f, "watch *(long long *)&s->pos", 0);
    cmd(f, "continue", 0);
    has(f, "Old value = ");
    at(f, "move", 40);
    cmd(f, "continue", 0);
    has(f, "Old value = ");
    at(f, "move", 41);
}

/* ------------------------------------------------------------ args */

static void test_args(void **state)
{
    fx *f = get(state);
    cmd(f, "show args", 0);
    has(f, "is \"\".");
    cmd(f, "set args --divide now", 0);
    cmd(f, "show args", 0);
    has(f, "is \"--divide now\".");
    cmd(f, "run", 0);
    has(f, "Starting program: ");
    has(f, " --divide now");
    assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_TRAPPED);   /* shapes divides by zero */
    cmd(f, "set args", 0);
    cmd(f, "show args", 0);
    has(f, "is \"\".");
    cmd(f, "run", 0);
    assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_EXITED);
}

/* ------------------------------------------------------------ gdb's ways of saying things */

static void test_gdb_forms(void **state)
{
    fx *f = get(state);
    /* named types before any of them was met through a variable */
    cmd(f, "print sizeof(struct point)", 0);
    has(f, "$1 = 8");
    cmd(f, "print (struct shape *)0", 0);
    has(f, "(struct shape *) 0x0");
    /* a function's name is its code address (its first instruction, after the locals) */
    cmd(f, "print perimeter", 0);
    has(f, "= {<code>} 0x");
    has(f, " <perimeter>");
    cmd(f, "print main", 0);
    has(f, " <main>");
    cmd(f, "x/1i perimeter", 0);
    has(f, ":\tglobal.get 0");                  /* -O0: the stack pointer first */
    /* a condition is checked where the breakpoint is, before anything is created */
    cmd(f, "break perimeter if (((", -1);
    has(f, "A syntax error in expression");
    cmd(f, "break perimeter if nosuch > 1", -1);
    has(f, "No symbol \"nosuch\" in current context.");
    assert_int_equal(wd_dbg_bp_count(f->s), 0);
    cmd(f, "break perimeter if s->sides == 3", 0);
    assert_int_equal(wd_dbg_bp_count(f->s), 1);
    cmd(f, "condition 1 p +", -1);
    has(f, "A syntax error in expression, near `'.");
    cmd(f, "condition 1 total", -1);             /* main's, not visible in perimeter */
    has(f, "No symbol \"total\" in current context.");
    cmd(f, "info breakpoints", 0);
    has(f, "stop only if s->sides == 3");        /* the old condition kept */
    cmd(f, "run", 0);
    at(f, "perimeter", 24);
    cmd(f, "print s->sides", 0);
    has(f, " = 3");
    /* info frame N describes frame N and leaves the selection */
    cmd(f, "info frame 1", 0);
    has(f, "Stack level 1, frame at wasm frame 1:");
    has(f, " in main (shapes.c:");
    cmd(f, "info frame 99", -1);
    has(f, "No frame at level 99.");
    cmd(f, "info frame", 0);
    has(f, "Stack level 0,");
    /* a format after a blank */
    cmd(f, "print /x 255", 0);
    has(f, " = 0xff");
    cmd(f, "x /1dw &s->sides", 0);
    has(f, ":\t3");
    /* a display of perimeter's variables says nothing out of perimeter (as gdb: not even
     * of main's own s), and shows again once back in it */
    cmd(f, "display/x p", 0);
    cmd(f, "display s->sides", 0);
    cmd(f, "display 6 * 7", 0);
    has(f, "3: 6 * 7 = 42");
    cmd(f, "finish", 0);
    at(f, "main", 51);
    lacks(f, "p = ");
    lacks(f, "s->sides");
    has(f, "3: 6 * 7 = 42");                    /* no variables: shown everywhere */
    cmd(f, "display", 0);
    lacks(f, "/x p");
    cmd(f, "tbreak perimeter", 0);
    cmd(f, "continue", 0);
    at(f, "perimeter", 24);
    has(f, "1: /x p = ");
    has(f, "2: s->sides = 3");
    /* list FIRST,LAST and list - */
    cmd(f, "list 10,12", 0);
    has(f, "10\tstruct point {\n11\t");
    has(f, "12\t};\n");
    lacks(f, "13\t");
    cmd(f, "list -", 0);
    has(f, "1\t/* shapes.c");
    has(f, "9\t\n");
    lacks(f, "10\t");
    cmd(f, "list -", -1);
    has(f, "Already at the start of shapes.c.");
    cmd(f, "list ,30", 0);
    has(f, "21\t\n22\tstatic int perimeter");
    has(f, "30\tstatic int chain_length");
    lacks(f, "20\t");
    cmd(f, "list 5,3", -1);
}

/* ------------------------------------------------------------ errors */

static void test_errors_leave_state(void **state)
{
    fx *f = get(state);
    cmd(f, "print total", -1);                  /* not running yet */
    assert_int_equal(f->o.nerr, 1);
    cmd(f, "break nosuchfunction", -1);
    has(f, "Function \"nosuchfunction\" not defined.");
    assert_int_equal(wd_dbg_bp_count(f->s), 0);
    cmd(f, "break shapes.c:51", 0);
    cmd(f, "run", 0);
    wd_dbg_loc before, after;
    assert_true(wd_dbg_location(f->s, &before));
    uint64_t seq = wd_dbg_stop_seq(f->s);
    const char *bad[] = {
        "frobnicate", "print sq.", "print nosuch + 1", "print $99", "x/4xw 0xfffffff0",
        "watch 42", "enable 77", "ignore 9 1", "frame 99", "show nonsense", "print/q 1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cmd(f, bad[i], -1);
        /* one error line, nothing else */
        if (f->o.nerr != 1 || strchr(f->o.lasterr, '\n'))
            fail_msg("`%s`: %d error lines: %s", bad[i], f->o.nerr, f->o.text);
        assert_int_equal(wd_dbg_state_get(f->s), WD_DBG_PAUSED);
        assert_true(wd_dbg_location(f->s, &after));
        assert_int_equal(after.offset, before.offset);
        assert_int_equal(wd_dbg_stop_seq(f->s), seq);
    }
    cmd(f, "print $99", -1);
    has(f, "History has not yet reached $99.");
    cmd(f, "x/4xw 0xfffffff0", -1);
    has(f, "Cannot access memory at address 0xfffffff0");
    assert_int_equal(wd_dbg_bp_count(f->s), 1);
    /* and the session still works */
    cmd(f, "print total", 0);
    has(f, "$1 = 0");
}

/* Tab completion: a command, an info subcommand, a function, variables in scope */
static void completes(fx *f, const char *line, const char *want, const char *want_list)
{
    char *list = NULL, *done = wd_dbg_complete_apply(f->s, line, &list);
    if ((want == NULL) != (done == NULL) || (want && strcmp(done, want) != 0))
        fail_msg("`%s` completed to `%s`, want `%s`", line, done ? done : "(nothing)",
                 want ? want : "(nothing)");
    if (want_list && (!list || !strstr(list, want_list)))
        fail_msg("`%s` lists `%s`, want it to include `%s`", line, list ? list : "", want_list);
    free(done);
    free(list);
}

static void test_completion(void **state)
{
    fx *f = *state;
    if (!f)
        skip();
    completes(f, "disas", "disassemble ", NULL);
    completes(f, "info wasm-l", "info wasm-locals ", NULL);
    completes(f, "info wasm", "info wasm-", NULL);      /* wasm-locals, wasm-stack...: as far as they agree */
    completes(f, "info wa", NULL, "wasm-stack  watchpoints");
    completes(f, "fin", NULL, "find  finish");            /* nothing to add: the candidates */
    completes(f, "break peri", "break perimeter ", NULL);
    completes(f, "tbreak chain_", "tbreak chain_length ", NULL);
    completes(f, "frobnicate xy", NULL, NULL);
    cmd(f, "break perimeter", 0);
    cmd(f, "run", 0);
    completes(f, "print s", NULL, "s  states");           /* the parameter s and globals */
    completes(f, "print s->na", NULL, NULL);              /* members are not completed */
    completes(f, "display/x p", "display/x p ", NULL);   /* the local p */
    completes(f, "watch __stdout_F", "watch __stdout_FILE ", NULL);
}

/* ------------------------------------------------------------ info line, info symbol, frame */

/* gdb's line-table entries: consecutive rows of one line are one entry (columns and flags
 * aside), ending at the next line's row or the end of the sequence */
static void test_line_run(void **state)
{
    (void)state;
    const wd_dw_row rows[] = {
        {.addr = 0x10, .line = 5, .file = "a.c", .flags = WD_DW_ROW_STMT},
        {.addr = 0x14, .line = 5, .column = 9, .file = "a.c"},
        {.addr = 0x18, .line = 6, .file = "a.c", .flags = WD_DW_ROW_STMT},
        {.addr = 0x18, .line = 7, .file = "a.c", .flags = WD_DW_ROW_STMT},
        {.addr = 0x20, .line = 5, .file = "b.h", .flags = WD_DW_ROW_STMT},
        {.addr = 0x28, .line = 0, .file = "a.c"},
        {.addr = 0x30, .flags = WD_DW_ROW_END_SEQUENCE},
        {.addr = 0x40, .line = 9, .file = "a.c", .flags = WD_DW_ROW_STMT},
        {.addr = 0x48, .flags = WD_DW_ROW_END_SEQUENCE},
    };
    size_t n = sizeof rows / sizeof rows[0], first;
    uint32_t lo, hi, want;
    /* an address inside line 5's second row: the entry starts at its first row */
    assert_true(dbg_line_run(rows, n, 0x16, NULL, &lo, &hi, &first));
    assert_int_equal(lo, 0x10);
    assert_int_equal(hi, 0x18);
    assert_int_equal(first, 0);
    /* line 6 has a row but no bytes (line 7 starts at the same address) */
    want = 6;
    assert_true(dbg_line_run(rows, n, 0x18, &want, &lo, &hi, &first));
    assert_int_equal(lo, hi);
    assert_false(dbg_line_run(rows, n, 0x18, NULL, &lo, &hi, &first) && first == 2);
    assert_true(dbg_line_run(rows, n, 0x18, NULL, &lo, &hi, &first));
    assert_int_equal(first, 3);
    /* the same line number in another file is another entry */
    assert_true(dbg_line_run(rows, n, 0x1c, NULL, &lo, &hi, &first));
    assert_int_equal(hi, 0x20);
    want = 5;
    assert_true(dbg_line_run(rows, n, 0x20, &want, &lo, &hi, &first));
    assert_string_equal(rows[first].file, "b.h");
    assert_int_equal(hi, 0x28);
    /* a sequence ends its last entry; nothing covers the gap between sequences */
    assert_true(dbg_line_run(rows, n, 0x2c, NULL, &lo, &hi, &first));
    assert_int_equal(rows[first].line, 0);
    assert_int_equal(hi, 0x30);
    assert_false(dbg_line_run(rows, n, 0x30, NULL, &lo, &hi, &first));
    assert_false(dbg_line_run(rows, n, 0x38, NULL, &lo, &hi, &first));
    assert_true(dbg_line_run(rows, n, 0x47, NULL, &lo, &hi, &first));
    assert_int_equal(lo, 0x40);
    assert_int_equal(hi, 0x48);
    want = 9;
    assert_false(dbg_line_run(rows, n, 0x44, &want, &lo, &hi, &first));   /* not its start */
}

static void test_where(void **state)
{
    fx *f = get(state);
    /* before the program runs: the line table and the module are enough */
    cmd(f, "info line perimeter", 0);
    has(f, " of \"shapes.c\" starts at address 0x");
    has(f, " <perimeter>");
    cmd(f, "info line shapes.c:26", 0);
    has(f, "Line 26 of \"shapes.c\" starts at address 0x");
    /* x/i then shows that line's code: its first instruction is the one info line named */
    char start[16];
    const char *p = strstr(f->o.text, "address 0x");
    assert_non_null(p);
    snprintf(start, sizeof start, "%.10s", p + 8);
    cmd(f, "x/i", 0);
    has(f, start);
    cmd(f, "info line", 0);   /* the line after */
    has(f, "Line 27 of \"shapes.c\"");
    cmd(f, "info line 9999", 0);
    has(f, "Line number 9999 is out of range for \"shapes.c\".");
    cmd(f, "info line nosuch.c:3", -1);
    assert_string_equal(f->o.lasterr, "No source file named nosuch.c.");
    cmd(f, "info line nosuch", -1);
    /* a number is a code offset: the function it is in */
    char sym[64];
    snprintf(sym, sizeof sym, "info symbol %s", start);
    cmd(f, sym, 0);
    has(f, "perimeter + ");
    has(f, " in section Code");
    cmd(f, "info symbol 0", 0);
    has(f, "No symbol matches 0.");
    cmd(f, "info symbol", -1);
    /* frame function: the innermost frame of that function, in recursion */
    cmd(f, "break chain_length if s == 0", 0);
    cmd(f, "run", 0);
    at(f, "chain_length", 32);
    cmd(f, "frame function main", 0);
    assert_int_equal(wd_dbg_frame_selected(f->s), 3);
    cmd(f, "frame function chain_length", 0);
    assert_int_equal(wd_dbg_frame_selected(f->s), 0);
    cmd(f, "frame level 2", 0);
    assert_int_equal(wd_dbg_frame_selected(f->s), 2);
    has(f, "#2  ");
    cmd(f, "frame function move", -1);
    assert_string_equal(f->o.lasterr, "No frame for function \"move\".");
    cmd(f, "frame function nosuch", -1);
    assert_string_equal(f->o.lasterr, "Function \"nosuch\" not defined.");
    cmd(f, "frame level 9", -1);
    assert_int_equal(wd_dbg_frame_selected(f->s), 2);   /* errors leave the selection */
    /* a pointer is a linear-memory address: the global it is in */
    cmd(f, "info symbol (char *)&__stdout_FILE + 4", 0);
    has(f, "__stdout_FILE + 4 in section ");
    completes(f, "frame fu", "frame function ", NULL);
    completes(f, "frame function chain", "frame function chain_length ", NULL);
    completes(f, "info li", "info line ", NULL);
    completes(f, "info line peri", "info line perimeter ", NULL);
    completes(f, "info sym", "info symbol ", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_breakpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_break_address_and_dispositions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stepping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_and_x, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watchpoints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watch_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_args, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gdb_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_leave_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_completion, setup, teardown),
        cmocka_unit_test(test_line_run),
        cmocka_unit_test_setup_teardown(test_where, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
