/* tui_main.c: `wasmdbg MODULE.wasm [OPTIONS] [ARGS...]` on a terminal opens the full-screen
 * debugger (tui/); without one (stdin or stdout not a terminal, TERM unset or dumb, or a
 * terminal ncurses cannot drive) it is the line-mode debugger of `wasmdbg --cli`.
 * Options before the guest's arguments:
 *   --dir HOST[::GUEST]   preopen a directory (repeatable)
 *   --invoke NAME         call export NAME (with ARGS as numbers) instead of _start
 *   --jit                 the JIT tier for functions without breakpoints (also as
 *                         `wasmdbg --jit MODULE ...`)
 *   --                    ends the options
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tui.h"

/* No full-screen debugger possible: `wasmdbg --cli [--dir D]... MODULE ARGS` instead. */
static int line_mode(const tm_options *o)
{
    char **av = calloc((size_t)(2 * o->ndirs + o->argc) + 4, sizeof *av);
    if (!av)
        return WD_EXIT_ERROR;
    int n = 0;
    av[n++] = "--cli";
    if (o->jit)
        av[n++] = "--jit";
    for (int k = 0; k < o->ndirs; k++) {
        av[n++] = "--dir";
        av[n++] = o->dirs[k];
    }
    av[n++] = (char *)o->path;
    for (int k = 0; k < o->argc; k++)
        av[n++] = o->argv[k];
    int r = wd_cli_gdb(n, av);
    free(av);
    return r;
}

int wd_cli_tui(int argc, char **argv)
{
    tm_options o;
    memset(&o, 0, sizeof o);
    if (argc < 1)
        return WD_EXIT_USAGE;
    o.path = argv[0];
    char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    if (!dirs)
        return WD_EXIT_ERROR;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            dirs[o.ndirs++] = argv[++i];
        } else if (strncmp(argv[i], "--dir=", 6) == 0) {
            dirs[o.ndirs++] = argv[i] + 6;
        } else if (strcmp(argv[i], "--invoke") == 0 && i + 1 < argc) {
            o.invoke = argv[++i];
        } else if (strncmp(argv[i], "--invoke=", 9) == 0) {
            o.invoke = argv[i] + 9;
        } else if (strcmp(argv[i], "--jit") == 0) {
            o.jit = true;
        } else {
            break;
        }
    }
    o.dirs = dirs;
    o.argc = argc - i;
    o.argv = argv + i;
    const char *term = getenv("TERM");
    bool tty = isatty(0) && isatty(1) && term && *term && strcmp(term, "dumb") != 0;
    int r = tty ? tui_run(&o) : 2;
    if (r == 2 && !o.invoke)
        r = line_mode(&o);
    else if (r == 2)
        fprintf(stderr, "wasmdbg: --invoke needs the full-screen debugger, and so a terminal\n");
    free(dirs);
    return r == 0 ? WD_EXIT_OK : r == 2 ? WD_EXIT_USAGE : r;
}
