/* cli.h: what the wasmdbg subcommands share.
 *
 * Each subcommand is one handler in its own file (cli/<name>.c) and one row in the command
 * table in cli/main.c. A handler gets the arguments from its own name on, so argv[0] is the
 * subcommand's name, and returns one of the exit statuses below, which main() passes on.
 */
#ifndef WD_CLI_H
#define WD_CLI_H

/* Exit statuses of the wasmdbg program (documented in README.md). */
enum wd_exit_status {
    WD_EXIT_OK = 0,     /* success; for spectest: every command of the script passed */
    WD_EXIT_ERROR = 1,  /* bad or invalid module, I/O error, link error, failed spec tests */
    WD_EXIT_USAGE = 2,  /* bad command line */
    WD_EXIT_TRAP = 134, /* the guest trapped (128 + SIGABRT, as a crashing native program) */
};

#include "wd.h"

/* Prints "wasmdbg: trap: MESSAGE" and the wasm backtrace on stderr, one line per frame:
 * "#N  NAME+0xREL (offset 0xOFF)", then " at FILE:LINE:COL" where m has DWARF for it.
 * A frame whose code was inlined lists its inlined functions first, innermost first, as
 * "NAME [inlined] at FILE:LINE:COL"; "#N" stays on the group's first line and the others
 * are indented. m's DWARF is opened here, only once a trap happened. Returns WD_EXIT_TRAP. */
int wd_cli_report_trap(wd_exec *x, const wd_module *m);

/* --perf-map (run, profile): writes /tmp/perf-PID.map, "START SIZE wasm:NAME" for each
 * function of m (a WD_TIER_JIT module) that has JIT code now, so that `perf report` names
 * it (cli/perf_map.c). Call when the run is over, before m is freed. False, with the
 * reason printed, if the file cannot be written. */
bool wd_cli_perf_map_write(wd_module *m);

/* wasmdbg spectest [--enable-FEATURE...] FILE.json   (cli/spectest.c); argv[0] == "spectest" */
int wd_cli_spectest(int argc, char **argv);

/* wasmdbg run FILE.wasm [--invoke EXPORT [ARG...]]   (cli/run.c); argv[0] == "run" */
int wd_cli_run(int argc, char **argv);

/* wasmdbg strace [-o FILE] [--json] [-e [trace=]LIST] [WASI options] MODULE [ARGS...]:
 * `run --trace-wasi` with strace's options (cli/wasi_run.c); argv[0] == "strace" */
int wd_cli_strace(int argc, char **argv);

/* Source-level tools over a module's DWARF (cli/info.c, lines.c, symbolize.c, disasm.c). */
int wd_cli_info(int argc, char **argv);
int wd_cli_lines(int argc, char **argv);
int wd_cli_symbolize(int argc, char **argv);
int wd_cli_disasm(int argc, char **argv);

/* wasmdbg profile [-o FILE] [--mode cycles|insns] ... MODULE ...   (cli/profile.c) */
int wd_cli_profile(int argc, char **argv);

/* wasmdbg MODULE.wasm [--dir D] [--invoke F] [ARGS...] on a terminal: the full-screen
 * debugger (cli/tui_main.c, tui/); argv[0] is the module's path */
int wd_cli_tui(int argc, char **argv);

/* The debugger (cli/debug.c, debugger/): wasmdbg -batch|--cli|-ex|-x|--json ... MODULE ARGS
 * (argv[0] is that first option), and wasmdbg trace ... MODULE ARGS (argv[0] == "trace"). */
int wd_cli_gdb(int argc, char **argv);
int wd_cli_trace(int argc, char **argv);

#endif /* WD_CLI_H */
