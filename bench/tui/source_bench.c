/* source_bench.c: the source pane on a large file, measured in CPU time (this process,
 * CLOCK_PROCESS_CPUTIME_ID): reading the file and indexing its lines, the first draw, a
 * redraw, a page down (key + redraw, through the whole file), G (the last line) and a search
 * that only matches near the end. No terminal: the app draws into its canvas.
 *
 * usage: source_bench MODULE.wasm FILE NEEDLE
 *   FILE is the source file the module's line table names (the pane opens it with :open);
 *   prints one line per measure: name, best microseconds, and the file's size and lines.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "term.h"
#include "tui.h"

static double cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: source_bench MODULE.wasm FILE NEEDLE\n");
        return 2;
    }
    tm_options o;
    memset(&o, 0, sizeof o);
    o.path = argv[1];
    char err[512];
    tm_model *m = tm_open(&o, err, sizeof err);
    if (!m) {
        fprintf(stderr, "source_bench: %s\n", err);
        return 1;
    }
    tui_app *a = tui_app_new(m, 120, 40);
    if (!a)
        return 1;
    char cmd[600];
    const char *base = strrchr(argv[2], '/');
    snprintf(cmd, sizeof cmd, "open %s", base ? base + 1 : argv[2]);
    if (tui_app_command(a, cmd) != 0) {
        fprintf(stderr, "source_bench: :%s failed\n", cmd);
        return 1;
    }
    const char *file;
    uint32_t line;
    if (!tui_source_cursor(tui_app_pane(a, P_SOURCE), &file, &line)) {
        fprintf(stderr, "source_bench: the source pane shows no file\n");
        return 1;
    }
    double t0 = cpu_us();
    const tm_source *src = tm_source_get(m, file);   /* reads and indexes the file */
    double load = cpu_us() - t0;
    t0 = cpu_us();
    tui_app_draw(a);
    double first = cpu_us() - t0;
    if (!src || !src->data) {
        fprintf(stderr, "source_bench: %s not readable\n", argv[2]);
        return 1;
    }
    double redraw = 1e30;
    for (int i = 0; i < 200; i++) {
        t0 = cpu_us();
        tui_app_draw(a);
        double d = cpu_us() - t0;
        if (d < redraw)
            redraw = d;
    }
    /* page down through the whole file */
    double pg_best = 1e30, pg_total = 0;
    long pages = 0;
    uint32_t last = 0;
    for (;;) {
        t0 = cpu_us();
        tui_app_key(a, TK_PGDN);
        tui_app_draw(a);
        double d = cpu_us() - t0;
        pg_total += d;
        pages++;
        if (d < pg_best)
            pg_best = d;
        tui_source_cursor(tui_app_pane(a, P_SOURCE), &file, &line);
        if (line == last)
            break;
        last = line;
    }
    tui_app_key(a, 'g');
    t0 = cpu_us();
    tui_app_key(a, 'G');
    tui_app_draw(a);
    double end = cpu_us() - t0;
    tui_app_key(a, 'g');
    snprintf(cmd, sizeof cmd, "search %s", argv[3]);
    t0 = cpu_us();
    tui_app_command(a, cmd);
    tui_app_draw(a);
    double search = cpu_us() - t0;
    tui_source_cursor(tui_app_pane(a, P_SOURCE), &file, &line);
    printf("file %zu bytes, %u lines\n", src->size, src->nlines);
    printf("read + index the file      %10.0f us\n", load);
    printf("first draw                 %10.0f us\n", first);
    printf("redraw (best of 200)       %10.1f us\n", redraw);
    printf("page down + draw, best     %10.1f us\n", pg_best);
    printf("page down + draw, mean     %10.1f us  (%ld pages, last line %u)\n", pg_total / (double)pages,
           pages, last);
    printf("G + draw                   %10.1f us\n", end);
    printf("search near the end        %10.0f us  (found at line %u)\n", search, line);
    tui_app_free(a);
    tm_close(m);
    return 0;
}
