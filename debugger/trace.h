/* trace.h: headless trace dumps (`wasmdbg trace`): calls with arguments and results, source
 * lines, instructions (bounded), and the WASI tracer's stream, as text or JSON lines.
 *
 * Output goes through a 1 MiB buffer, flushed when full and on exit, trap or SIGINT/SIGTERM
 * (the signal interrupts the guest at its next safepoint, then the trace is flushed and
 * ended with a "signal" record), so a crashed guest still leaves a complete trace. Nothing
 * in it depends on time or addresses of the host: two runs give the same bytes (the WASI
 * records carry no durations in the trace).
 */
#ifndef WD_TRACE_H
#define WD_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct wd_trace_options {
    const char *path;
    int argc;                 /* guest arguments after argv[0] */
    char **argv;
    int envc;
    char **envp;
    int ndirs;
    char **dirs;              /* HOST[::GUEST] */
    bool calls, lines, insns, wasi, json;
    uint64_t limit;           /* --insns: at most this many records (0: 1,000,000) */
    int out_fd;               /* where the trace goes */
    int guest_stdout_fd;      /* where the guest's stdout goes */
} wd_trace_options;

/* Runs the program once, tracing. Returns the program's exit status, 134 on a trap, 130 on
 * SIGINT/SIGTERM, or -1 with err filled when it cannot start. */
int wd_trace_run(const wd_trace_options *o, char *err, size_t errsize);

#endif
