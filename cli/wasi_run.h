/* wasi_run.h: running a WASI command module (one that imports wasi_snapshot_preview1).
 *
 *   int wd_cli_run_wasi(wd_module *m, const char *path, int argc, char **argv);
 *
 * m     the loaded module; still owned (and freed) by the caller.
 * path  the module's file name; the guest sees it as argv[0].
 * argv  argv[0..argc): wasmdbg's WASI options first, then the guest's own arguments
 *       (which become the guest's argv[1..]). Options (each also as --opt=VALUE):
 *         --dir HOST[::GUEST]    preopen host directory HOST as GUEST (default: HOST as
 *                                given, so "--dir ." is the guest's "."); repeatable
 *         --env KEY=VALUE        add a variable to the guest's environment; repeatable
 *         --inherit-env          start from wasmdbg's own environment (--env overrides)
 *         --trace-wasi[=FILE]    strace-like line per WASI call, to FILE or stderr
 *         --trace-wasi-json[=FILE]  the same events as JSON lines, to FILE or stderr
 *         --trace-filter=LIST    only these calls/classes, e.g. "file,fd_read,!clock"
 *                                (classes: args env clock random fd file poll proc sock)
 *         --listen HOST:PORT     preopen a listening TCP socket ("[::1]:PORT" for IPv6,
 *                                port 0: any free port) as the guest fd after the
 *                                preopened directories, for sock_accept; wasmdbg prints
 *                                "wasmdbg: listening on ADDR:PORT (guest fd N)" to stderr
 *         --                     ends the options; everything after goes to the guest
 *       The first argument that is not an option above starts the guest's arguments.
 * Runs the export _start and returns the process exit status:
 *   the guest's proc_exit code; 0 if _start returns; 130 if interrupted (only with
 *   wd_cli_wasi_hooks.stop_on_interrupt); WD_EXIT_TRAP (134) on a trap, after
 *   printing "wasmdbg: trap: MESSAGE" and the wasm backtrace to stderr; WD_EXIT_ERROR (1)
 *   on a link error, a missing _start or a bad preopen; WD_EXIT_USAGE (2) on bad options.
 * stdin, stdout and stderr are the guest's fds 0, 1, 2; the guest's writes go straight to
 * them (no buffering in wasmdbg). SIGPIPE is ignored, so a closed pipe is EPIPE.
 */
#ifndef WD_CLI_WASI_RUN_H
#define WD_CLI_WASI_RUN_H

#include "wasi.h"
#include "wd.h"

int wd_cli_run_wasi(wd_module *m, const char *path, int argc, char **argv);

/* The same run with callbacks, for a tool that wraps it (the profiler):
 *   setup   after the wd_wasi and the store exist (w bound to s), before instantiation
 *           (so the start function is covered) and _start; e.g. start a profiler on
 *           wd_store_exec(s) and wd_wasi_set_call_hook(w, ...). false ends the run with
 *           status WD_EXIT_ERROR (setup prints why).
 *   finish  after the run (whatever the outcome: exit, trap, interrupt, link error), before
 *           the store and w are freed; status is what wd_cli_run_wasi_ex will return.
 *   stop_on_interrupt  an interrupted run (wd_exec_interrupt, e.g. from a Ctrl-C handler)
 *           ends with status 130 instead of being resumed.
 *   cmd     the subcommand named in error messages (`wasmdbg strace` passes "strace").
 * Any member may be NULL/false; hooks may be NULL. */
typedef struct wd_cli_wasi_hooks {
    void *user;
    bool (*setup)(void *user, wd_wasi *w, wd_store *s);
    void (*finish)(void *user, wd_wasi *w, wd_store *s, int status);
    bool stop_on_interrupt;
    const char *cmd;      /* the subcommand messages name ("wasmdbg CMD: ..."); NULL: "run" */
} wd_cli_wasi_hooks;
int wd_cli_run_wasi_ex(wd_module *m, const char *path, int argc, char **argv,
                       const wd_cli_wasi_hooks *hooks);

/* wd_cli_strace (`wasmdbg strace`, declared in cli.h) is in wasi_run.c too. */

/* For a caller that takes the WASI options before MODULE (wasmdbg run [OPTIONS] MODULE
 * ARGS...): 0 if arg is not a WASI option above, 1 if it is one word ("--inherit-env",
 * "--dir=X", "--trace-wasi"), 2 if it takes the next word as its value ("--dir X").
 * Pass the options, then "--", then the guest's arguments to wd_cli_run_wasi. */
int wd_cli_wasi_option(const char *arg);

/* true if m imports anything from wasi_snapshot_preview1 (run.c's test to call the above) */
bool wd_cli_module_is_wasi(const wd_module *m);

#endif
