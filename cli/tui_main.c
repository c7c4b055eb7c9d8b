/* tui_main.c: `wasmdbg MODULE.wasm [OPTIONS] [ARGS...]` on a terminal opens the full-screen
 * debugger (tui/). Options before the guest's arguments:
 *   --dir HOST[::GUEST]   preopen a directory (repeatable)
 *   --invoke NAME         call export NAME (with ARGS as numbers) instead of _start
 *   --                    ends the options
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tui.h"

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
        } else {
            break;
        }
    }
    o.dirs = dirs;
    o.argc = argc - i;
    o.argv = argv + i;
    int r = tui_run(&o);
    free(dirs);
    return r == 0 ? WD_EXIT_OK : r == 2 ? WD_EXIT_USAGE : WD_EXIT_ERROR;
}
