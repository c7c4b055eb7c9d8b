/* commands.c: the one command table every front end uses (name, aliases, usage, help,
 * handler), lookup by name, alias or unique prefix, and `help`. */
#include <string.h>

#include "dbg_int.h"

const dbg_command dbg_commands[] = {
    /* breakpoints */
    {"break", "b br", "break [FILE:LINE | LINE | FUNCTION | *ADDRESS | *FUNCTION+OFFSET] [if COND]",
     "Set a breakpoint (ADDRESS: a Code-section offset).", cmd_break, false},
    {"tbreak", "tb", "tbreak LOCATION", "Set a temporary breakpoint (deleted when hit).", cmd_tbreak, false},
    {"condition", "cond", "condition N [EXPR]", "Stop at breakpoint N only if EXPR is true (no EXPR: always).",
     cmd_condition, false},
    {"ignore", "", "ignore N COUNT", "Ignore the next COUNT crossings of breakpoint N.", cmd_ignore, false},
    {"delete", "d", "delete [N...]", "Delete breakpoints (all without arguments); `delete display N`.",
     cmd_delete, false},
    {"disable", "dis", "disable [N...]", "Disable breakpoints (all without arguments).", cmd_disable, false},
    {"enable", "en", "enable [once | delete] [N...]",
     "Enable breakpoints (all without arguments); once: disable when hit, delete: delete when hit.",
     cmd_enable, false},
    {"watch", "", "watch EXPR", "Stop when EXPR (an lvalue in linear memory) is written and changes.",
     cmd_watch, false},
    {"rwatch", "", "rwatch EXPR", "Stop when EXPR is read.", cmd_rwatch, false},
    {"awatch", "", "awatch EXPR", "Stop when EXPR is read or written.", cmd_awatch, false},
    /* running */
    {"run", "r", "run [ARGS...]", "Start the program (ARGS replace the guest's arguments).", cmd_run, false},
    {"start", "", "start [ARGS...]", "Break at main and run.", cmd_start, false},
    {"continue", "c cont fg", "continue [N]", "Continue (N: ignore this breakpoint N-1 more times).",
     cmd_continue, true},
    {"next", "n", "next [N]", "Step one source line, over calls.", cmd_next, true},
    {"step", "s", "step [N]", "Step one source line, into calls.", cmd_step, true},
    {"stepi", "si", "stepi [N]", "Step one wasm instruction, into calls.", cmd_stepi, true},
    {"nexti", "ni", "nexti [N]", "Step one wasm instruction, over calls.", cmd_nexti, true},
    {"finish", "fin", "finish", "Run until the selected frame returns; print the value.", cmd_finish, false},
    {"until", "u", "until [LOCATION]", "Run until LOCATION or the current frame returns (no argument: next).",
     cmd_until, true},
    {"advance", "", "advance LOCATION", "Run until LOCATION or the current frame returns.", cmd_advance, false},
    {"kill", "k", "kill", "Kill the program.", cmd_kill, false},
    {"quit", "q exit", "quit", "Leave the debugger.", cmd_quit, false},
    /* the stack */
    {"backtrace", "bt where", "backtrace [full] [N]", "Print the call stack (inlined frames marked).",
     cmd_backtrace, false},
    {"frame", "f", "frame [N | level N | function NAME]",
     "Select and print frame N, or the innermost frame of function NAME.", cmd_frame, false},
    {"up", "", "up [N]", "Select the caller's frame.", cmd_up, false},
    {"down", "do", "down [N]", "Select the callee's frame.", cmd_down, false},
    /* data */
    {"print", "p pr inspect call", "print[/FMT] EXPR", "Evaluate a C expression and print it (FMT: x d u o t c a f).",
     cmd_print, false},
    {"output", "", "output[/FMT] EXPR", "Print a value without history or newline.", cmd_output, false},
    {"ptype", "", "ptype EXPR|TYPE", "Print the type of an expression or a type name, structs, unions and enums spelled out.",
     cmd_ptype, false},
    {"whatis", "", "whatis EXPR|TYPE", "Print the name of the type of an expression.", cmd_whatis, false},
    {"display", "disp", "display[/FMT] [EXPR]", "Print EXPR at every stop (no EXPR: show them now).",
     cmd_display, false},
    {"undisplay", "", "undisplay [N...]", "Remove auto-display expressions.", cmd_undisplay, false},
    {"set", "", "set var LVALUE = EXPR | set args [ARGS...]",
     "Assign to a variable, memory or $localN; set the guest's arguments for the next run.", cmd_set, false},
    {"show", "", "show args | show values", "Show the guest's arguments; the last ten history values.",
     cmd_show, false},
    {"x", "", "x/[N][FMT][SIZE] ADDRESS", "Examine memory (FMT o x d u t f a c s i, SIZE b h w g).", cmd_x, true},
    {"find", "", "find[/SIZE] START, +LEN|END, VALUE...", "Search memory for values or a \"string\".",
     cmd_find, false},
    /* source and code */
    {"list", "l", "list [LINE | FILE:LINE | FUNCTION | FIRST,LAST | -]",
     "List source lines (-: the ten before the last listing).", cmd_list, true},
    {"disassemble", "disas", "disassemble [/s] [FUNCTION | ADDRESS]", "Disassemble wasm code (/s: with source).",
     cmd_disassemble, false},
    {"directory", "dir", "directory DIR", "Add DIR to the source search path.", cmd_directory, false},
    {"info", "i", "info SUBCOMMAND", "breakpoints frame args locals globals wasm-locals wasm-stack "
     "wasm-globals source functions display watchpoints; line [LINE | FILE:LINE | FUNCTION | "
     "*ADDRESS]: a line's code range; symbol ADDRESS: the function or global variable at it",
     cmd_info, false},
    /* profiling */
    {"profile", "", "profile start|stop|show|save|clear [ARGS]",
     "Sampling profiler: start [--mode insns|cycles] [--interval N], stop, show [--top N], "
     "save FILE [--format F], clear; no argument: status.", cmd_profile, false},
    {"help", "h", "help [COMMAND]", "List commands, or describe one.", cmd_help, false},
    {"echo", "", "echo TEXT", "Print TEXT (\\n for a newline).", cmd_echo, false},
};
const size_t dbg_ncommands = sizeof dbg_commands / sizeof dbg_commands[0];

static bool has_alias(const dbg_command *c, const char *name)
{
    const char *p = c->aliases;
    size_t n = strlen(name);
    while (*p) {
        size_t k = strcspn(p, " ");
        if (k == n && strncmp(p, name, n) == 0)
            return true;
        p += k;
        while (*p == ' ')
            p++;
    }
    return false;
}

const dbg_command *dbg_find_command(const char *name, char *err, size_t errsize)
{
    for (size_t i = 0; i < dbg_ncommands; i++)
        if (strcmp(dbg_commands[i].name, name) == 0 || has_alias(&dbg_commands[i], name))
            return &dbg_commands[i];
    const dbg_command *found = NULL;
    size_t n = strlen(name), matches = 0;
    for (size_t i = 0; i < dbg_ncommands; i++)
        if (strncmp(dbg_commands[i].name, name, n) == 0) {
            found = &dbg_commands[i];
            matches++;
        }
    if (matches == 1)
        return found;
    if (matches > 1)
        snprintf(err, errsize, "Ambiguous command \"%s\".", name);
    else
        snprintf(err, errsize, "Undefined command: \"%s\".  Try \"help\".", name);
    return NULL;
}

int cmd_help(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    if (*a) {
        char err[128];
        const dbg_command *c = dbg_find_command(a, err, sizeof err);
        if (!c)
            return dbg_error(s, "%s", err);
        dbg_printf(s, "%s\n  %s\n", c->usage, c->help);
        if (c->aliases[0])
            dbg_printf(s, "  aliases: %s\n", c->aliases);
        return 0;
    }
    dbg_puts(s, "Commands (gdb's names; an empty line repeats step/next/continue/x/list):\n");
    for (size_t i = 0; i < dbg_ncommands; i++)
        dbg_printf(s, "  %-44s %s\n", dbg_commands[i].usage, dbg_commands[i].help);
    return 0;
}

int cmd_echo(wd_dbg *s, const char *a, const char *m)
{
    (void)m;
    dbg_buf b = {0};
    for (const char *p = a; *p; p++) {
        if (*p == '\\' && p[1] == 'n') {
            dbuf_puts(&b, "\n");
            p++;
        } else if (*p == '\\' && p[1]) {
            dbuf_add(&b, p + 1, 1);
            p++;
        } else {
            dbuf_add(&b, p, 1);
        }
    }
    if (b.p)
        dbg_puts(s, b.p);
    dbuf_free(&b);
    return 0;
}
