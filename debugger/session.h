/* session.h: the debug session shared by every front end (line-mode CLI, batch mode, the
 * TUI's `:` line, later a DAP server).
 *
 * A session owns one module (with its DWARF), and, while the program runs, one store with a
 * WASI host and an instance. Front ends feed it command lines (gdb's language, see
 * commands.c for the table) and receive everything it says through a sink: plain text
 * (command output, stop reports), error lines, or, in JSON mode, one JSON object per line
 * (the field reference is docs/batch-json.md). The session never writes to stdout itself;
 * the guest program's own output goes to the file descriptors given in the options.
 *
 * Addresses shown and accepted by the commands are Code-section offsets (the addresses DWARF,
 * `wasmdbg disasm`, `wasmdbg lines` and llvm-symbolizer use); FUNCTION+OFFSET counts from
 * the function's first instruction, as the engine's backtraces do.
 */
#ifndef WD_DBG_SESSION_H
#define WD_DBG_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wd_dbg wd_dbg;

typedef enum wd_dbg_stream {
    WD_DBG_OUT = 0,   /* command output and stop reports (text mode) */
    WD_DBG_ERR,       /* error messages, one line each (text mode) */
    WD_DBG_JSON,      /* one complete JSON object, without the newline (JSON mode) */
} wd_dbg_stream;

typedef struct wd_dbg_sink {
    void (*write)(void *user, wd_dbg_stream stream, const char *text, size_t len);
    void *user;
} wd_dbg_sink;

typedef struct wd_dbg_options {
    const char *path;            /* the module */
    int argc;                    /* the guest's arguments (argv[0] is set to path) */
    char **argv;
    int envc;                    /* "KEY=VALUE" */
    char **envp;
    int ndirs;                   /* preopens: "HOST[::GUEST]" */
    char **dirs;
    bool json;                   /* results and events as JSON lines */
    bool jit;                    /* load for the JIT tier: unprobed functions run natively */
    int guest_stdout_fd;         /* host fds for the guest's 1 and 2 (defaults 1, 2) */
    int guest_stderr_fd;
    wd_dbg_sink sink;
} wd_dbg_options;

/* Exit statuses of batch mode (docs/batch-json.md). */
enum {
    WD_DBG_EXIT_TRAP = 134,      /* the program trapped (as `wasmdbg run`) */
    WD_DBG_EXIT_ERROR = 125,     /* the debugger could not start (bad module, I/O) */
    WD_DBG_EXIT_CMD_FAILED = 126,/* at least one command failed */
};

/* NULL with a message in err when the module cannot be loaded. */
wd_dbg *wd_dbg_new(const wd_dbg_options *opts, char *err, size_t errsize);
void wd_dbg_free(wd_dbg *s);

/* Runs one command line. An empty line repeats the last repeatable command (step, next,
 * stepi, nexti, continue, x, list), as gdb does. Returns 0 on success, -1 if the command
 * failed (an error was reported; the session goes on). */
int wd_dbg_execute(wd_dbg *s, const char *line);

/* true once `quit` was given. */
bool wd_dbg_quit_requested(const wd_dbg *s);

/* Async-signal-safe: stops the running program at its next safepoint (Ctrl-C). The stop is
 * reported as "Program received signal SIGINT" and the program stays resumable. */
void wd_dbg_interrupt(wd_dbg *s);

/* The status batch mode exits with (see the enum above): 125/126/134, else the program's
 * own exit status, else 0. */
int wd_dbg_exit_status(const wd_dbg *s);

/* The prompt for interactive front ends: "(wasmdbg) ". */
const char *wd_dbg_prompt(const wd_dbg *s);

/* Tab completion of line's last word (a command or alias, an `info` subcommand, a function
 * after a command taking a location, a variable after one taking an expression): up to max
 * candidates, sorted, malloc'd into out (the caller frees each); *word_at is where the word
 * starts in line. Returns how many there are. */
size_t wd_dbg_complete(wd_dbg *s, const char *line, char **out, size_t max, size_t *word_at);
/* Tab on line (the text before the cursor): the line completed as far as the candidates agree
 * (malloc'd), or NULL when nothing can be added; then, with several candidates, *list is
 * them separated by two blanks (malloc'd) for the front end to show. */
char *wd_dbg_complete_apply(wd_dbg *s, const char *line, char **list);

#ifdef __cplusplus
}
#endif
#endif
