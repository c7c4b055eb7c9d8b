/* tui_model.h: what the TUI needs from a debugger, as one small adapter interface.
 *
 * The panes read the paused program only through these calls, and every key ends up as a
 * command line given to tm_command() (the `:` line takes the same commands). The
 * implementation (model_session.c) is a client of the debug session (debugger/session.h):
 * command lines go to the session's command table, whose text output lands in the console,
 * and the state comes from the session's queries (debugger/session_query.h).
 *
 * Addresses: `addr` is a DWARF code address (Code-section relative, what `wasmdbg lines`
 * prints); `offset` is a file offset (what the engine reports).
 */
#ifndef WD_TUI_MODEL_H
#define WD_TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "textbuf.h"

typedef struct tm_model tm_model;

typedef enum tm_state {
    TM_NOT_STARTED = 0,
    TM_RUNNING,
    TM_PAUSED,
    TM_EXITED,
    TM_TRAPPED,
} tm_state;

typedef struct tm_options {
    const char *path;
    int argc;             /* guest arguments after the module (argv[0] becomes path) */
    char **argv;
    int ndirs;            /* preopens "HOST[::GUEST]" */
    char **dirs;
    const char *invoke;   /* export to call instead of _start (non-WASI modules) */
    bool jit;             /* the JIT tier for functions without breakpoints */
} tm_options;

typedef struct tm_loc {
    const char *file;     /* "" when unknown (owned by the model's DWARF) */
    uint32_t line, column;
    uint32_t addr;        /* code address */
    uint64_t offset;      /* file offset */
    uint32_t funcidx;
    const char *func;     /* never NULL */
} tm_loc;

typedef struct tm_frame {
    tm_loc loc;
    bool inlined;         /* an inlined frame (DWARF inlined_subroutine) */
    bool host;            /* a host function (WASI call) */
    uint32_t xdepth;      /* engine frame number */
    uint32_t idepth;      /* inline depth within that engine frame */
} tm_frame;

enum { TM_BP_LINE_NONE = 0, TM_BP_LINE_ON = 1, TM_BP_LINE_OFF = 2, TM_BP_LINE_COND = 4,
       TM_BP_LINE_HIT = 8 };

typedef struct tm_bp {
    int id;
    int kind;             /* 0 breakpoint, 1 watch, 2 rwatch, 3 awatch */
    bool enabled, temporary;
    char file[256];       /* the table path (or "" for an address breakpoint) */
    uint32_t line;
    uint32_t addr;        /* first address */
    char func[96];
    char cond[128];       /* "" = unconditional */
    uint32_t hits;
    char expr[128];       /* as typed: the location, or a watchpoint's expression */
    size_t index;         /* in the session's list */
} tm_bp;

typedef struct tm_var {
    char name[64];
    char type[96];
    char *value;          /* gdb-style text (malloc'd, owned by the model) */
} tm_var;

typedef struct tm_asm_line {
    uint64_t offset;      /* file offset of the instruction */
    int depth;            /* block nesting for indentation */
    uint32_t line;        /* source line starting at this instruction, 0 = none */
    char text[120];
} tm_asm_line;

typedef struct tm_source {
    char *path;           /* the DWARF path */
    char *data;           /* whole file, NUL-terminated; NULL when missing */
    size_t size;
    uint32_t *starts;     /* byte offset of each line */
    uint32_t nlines;
    size_t maplen;        /* > 0: data is a mapping of that many bytes (big files) */
} tm_source;

tm_model *tm_open(const tm_options *o, char *err, size_t errsize);
void tm_close(tm_model *m);

/* Where command output, errors and stop reports go (the console pane). */
tui_textbuf *tm_console(tm_model *m);
/* The program's stdout/stderr (inert text; stderr lines styled TS_ERROR). */
tui_textbuf *tm_program_io(tm_model *m);
/* The WASI tracer's lines. */
tui_textbuf *tm_wasi_log(tm_model *m);

/* Runs one command line of the debugger's command table (see `help`). Commands that run
 * the program return at once with the state TM_RUNNING; tm_run_slice goes on. Returns 0
 * or -1 (error reported in the console). */
int tm_command(tm_model *m, const char *line);
/* Tab on the `:` line (wd_dbg_complete_apply): the completed text before the cursor or NULL,
 * and candidates to show in *list; both malloc'd. */
char *tm_complete(tm_model *m, const char *before, char **list);
/* true once `quit` was given. */
bool tm_quit_requested(const tm_model *m);

tm_state tm_get_state(const tm_model *m);
/* The state in words: "running", "waiting for input", "paused at fib.c:4 in fib", "exited with status 0",
 * "trapped: integer divide by zero", "not started". */
void tm_status(const tm_model *m, char *buf, size_t size);
/* Bumped on every stop; panes use it to notice a new stop. */
uint64_t tm_stop_seq(const tm_model *m);

/* While running: executes one slice of about `insns` instructions (a stop is reported in
 * the console and ends TM_RUNNING). */
void tm_run_slice(tm_model *m, uint64_t insns);
/* Async-signal-safe: pause at the next safepoint. */
void tm_interrupt(tm_model *m);
/* While running: does the program wait in a WASI call instead of running (a read of an empty
 * stdin, a poll or sleep)? input: it waits for stdin; deadline_ns: a poll's timeout
 * (CLOCK_MONOTONIC), else -1. Each slice makes the call again; nothing blocks the UI. */
bool tm_waiting(const tm_model *m, bool *input, int64_t *deadline_ns);
/* Host fds to poll for program output (up to 2), and draining them. */
int tm_output_fds(const tm_model *m, int fds[2]);
void tm_pump_output(tm_model *m);
/* Sends text to the guest's stdin (a pipe), echoed in the program I/O pane; eof closes it
 * (the next run or start gets a new pipe). */
void tm_send_stdin(tm_model *m, const char *text, size_t len, bool eof);

/* Frames (inlined ones included), 0 = innermost; the selected one drives the panes. */
size_t tm_frame_count(const tm_model *m);
const tm_frame *tm_frame_get(const tm_model *m, size_t i);
size_t tm_selected_frame(const tm_model *m);
/* The location to show: the selected frame, or the entry function before the start. */
bool tm_view_loc(const tm_model *m, tm_loc *out);

/* Variables of the selected frame. */
size_t tm_var_count(const tm_model *m);
const tm_var *tm_var_get(const tm_model *m, size_t i);
/* Evaluates a C expression in the selected frame; malloc'd text or NULL + err. */
char *tm_eval(tm_model *m, const char *expr, char *err, size_t errsize);
/* The debugger's displays (`display EXPR`), shown with the locals. */
size_t tm_display_count(const tm_model *m);
bool tm_display_get(const tm_model *m, size_t i, int *id, const char **expr);

/* Breakpoints. */
size_t tm_bp_count(const tm_model *m);
const tm_bp *tm_bp_get(const tm_model *m, size_t i);
/* TM_BP_LINE_* bits for a source line. */
int tm_bp_line_flags(const tm_model *m, const char *file, uint32_t line);
/* Is breakpoint i (any of its locations) on file:line? */
bool tm_bp_at_line(const tm_model *m, size_t i, const char *file, uint32_t line);

/* Linear memory (memory 0). */
uint64_t tm_mem_size(const tm_model *m);
/* The running program's memory (false: the module's initial image, before run). */
bool tm_mem_live(const tm_model *m);
bool tm_mem_read(const tm_model *m, uint64_t addr, void *dst, size_t len);
bool tm_mem_write(tm_model *m, uint64_t addr, const void *src, size_t len);
/* Did the byte at addr change during the last run/step? */
bool tm_mem_changed(const tm_model *m, uint64_t addr);

/* Source files (cached; NULL when the path has no readable file: data == NULL). */
const tm_source *tm_source_get(tm_model *m, const char *path);
/* Disassembly of one function (cached until the next call with another function). */
size_t tm_disasm(tm_model *m, uint32_t funcidx, const tm_asm_line **out);
/* Source files named by the line tables (for `:open`), and the module's name. */
const char *tm_module_name(const tm_model *m);
/* Resolves "file:line", "line" (in the current file), "func" into a file and line. */
bool tm_resolve_line(tm_model *m, const char *spec, const char **file, uint32_t *line);

/* ------------------------------------------------------------ the profile (model_profile.c) */

/* The session's profile (`profile start`), copied out for the flamegraph pane and the heat
 * gutter; weights are instructions (insns mode) or TSC cycles (cycles mode). */
typedef struct tm_prof_frame {
    uint32_t parent;          /* index; UINT32_MAX for frame 0, the root ("all") */
    const char *name;         /* function, "[wasi:fd_write]" for host calls; root "all" */
    const char *file;         /* DWARF path or "" */
    uint32_t line;            /* by line: the frame's line; else the function's hottest line */
    bool host, inlined;
    uint64_t self, total;     /* weight */
    uint64_t self_samples, total_samples;
} tm_prof_frame;

typedef struct tm_prof_func {  /* one function: the table view */
    const char *name, *file;
    uint32_t line;            /* its hottest line (0: unknown) */
    bool host;
    uint64_t self, total, self_samples, total_samples;
} tm_prof_func;

typedef struct tm_profile {
    bool exists, running, insns;
    const char *unit;         /* "instructions" or "cycles" */
    uint64_t samples, weight;
    tm_prof_frame *frames;    /* parents before children; NULL when empty */
    size_t nframes;
    tm_prof_func *funcs;      /* by self weight, hottest first */
    size_t nfuncs;
    char *strings;            /* owns the names (internal) */
} tm_profile;

/* Cheap: exists, running, unit, samples and weight only (no frames). */
void tm_profile_status(tm_model *m, tm_profile *out);
/* A full copy (frames by function, or by function and line); free with tm_profile_free. */
void tm_profile_snapshot(tm_model *m, bool by_line, tm_profile *out);
void tm_profile_free(tm_profile *p);
/* Self weight per line of a source file (DWARF path), in line order; *n entries of
 * {line, weight}, malloc'ed (NULL if none). */
typedef struct tm_line_weight { uint32_t line; uint64_t weight; } tm_line_weight;
tm_line_weight *tm_profile_lines(tm_model *m, const char *file, size_t *n);

#endif
