/* main.c: the wasmdbg program's entry point.
 *
 * Looks the first argument up in the command table and hands the rest of the command line to
 * that subcommand's handler. Handles only what belongs to no subcommand: help, the version
 * and unknown names. New subcommands add one row to the table and a handler in cli/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef WD_VERSION
#error "WD_VERSION is defined by CMakeLists.txt (project version)"
#endif

struct wd_command {
    const char *name;
    int (*handler)(int argc, char **argv);
    const char *help; /* one line: arguments, then what it does */
};

static const struct wd_command commands[] = {
    {"run", wd_cli_run,
     "MODULE [--invoke EXPORT [ARG...]]    run a module, print the results"},
    {"strace", wd_cli_strace,
     "[-o FILE] [--json] [-e LIST] [--dir D] MODULE [ARGS]  trace WASI calls (--help)"},
    {"spectest", wd_cli_spectest,
     "[--enable-FEATURE...] FILE.json       run a spec test script made by wast2json"},
    {"info", wd_cli_info, "MODULE                            sections, imports, exports, functions, DWARF"},
    {"lines", wd_cli_lines, "MODULE [FILE] [--line N]          the DWARF line table (Code offsets)"},
    {"symbolize", wd_cli_symbolize,
     "[--json] MODULE [OFFSET...]   function and file:line:column per Code offset"},
    {"disasm", wd_cli_disasm,
     "MODULE [FUNCTION...] [--source] [--native]  disassemble (--native: JIT x86-64 code)"},
    {"profile", wd_cli_profile,
     "[-o FILE] [--mode cycles|insns] MODULE [ARGS]  profile a run (--help)"},
    {"trace", wd_cli_trace,
     "[--calls] [--lines] [--insns] [--wasi] [--json] MODULE [ARGS]  trace dump (--help)"},
    {"-batch", wd_cli_gdb, "[--json] [-ex CMD]... [-x FILE]... MODULE [ARGS]  gdb-like batch mode"},
    {"--batch", wd_cli_gdb, "same as -batch"},
    {"--cli", wd_cli_gdb, "[-ex CMD]... [-x FILE]... MODULE [ARGS]  line-mode debugger"},
    {"-ex", wd_cli_gdb, "CMD ... MODULE [ARGS]  run debugger commands, then the line-mode CLI"},
    {"-x", wd_cli_gdb, "FILE ... MODULE [ARGS]  run a command file, then the line-mode CLI"},
    {"--json", wd_cli_gdb, "... (with -batch/--cli) results and stop events as JSON lines"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out, "usage: wasmdbg COMMAND [ARGS...]\n"
                 "       wasmdbg --help | --version\n"
                 "\n"
                 "commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\n"
                 "A MODULE is a binary .wasm or a module in the text format (.wat).\n"
                 "\n"
                 "exit status: %d ok, %d error (invalid module, I/O or link error), %d usage,\n"
                 "             %d the guest trapped\n",
            WD_EXIT_OK, WD_EXIT_ERROR, WD_EXIT_USAGE, WD_EXIT_TRAP);
}

static const struct wd_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return WD_EXIT_USAGE;
    }
    const char *name = argv[1];

    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return WD_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("wasmdbg %s\n", WD_VERSION);
        return WD_EXIT_OK;
    }

    if (strcmp(name, "--jit") == 0 && argc > 2 && !find_command(argv[2])) {
        /* wasmdbg --jit MODULE ARGS: the TUI with the JIT tier (as wasmdbg MODULE --jit) */
        char **av = calloc((size_t)argc + 1, sizeof *av);
        if (!av)
            return WD_EXIT_ERROR;
        av[0] = argv[2];
        av[1] = "--jit";
        for (int i = 3; i < argc; i++)
            av[i - 1] = argv[i];
        int r = wd_cli_tui(argc - 1, av);
        free(av);
        return r;
    }
    const struct wd_command *cmd = find_command(name);
    size_t name_len = strlen(name);
    if (cmd == NULL && name_len > 5 && strcmp(name + name_len - 5, ".wasm") == 0)
        return wd_cli_tui(argc - 1, argv + 1); /* wasmdbg MODULE ARGS: the TUI */
    if (cmd == NULL) {
        fprintf(stderr, "wasmdbg: unknown command '%s'\n\n", name);
        usage(stderr);
        return WD_EXIT_USAGE;
    }
    return cmd->handler(argc - 1, argv + 1);
}
