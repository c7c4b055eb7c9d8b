/* session_query.h: the debug session's state as data, for front ends that draw it (the TUI,
 * later a DAP server), and running the program in slices.
 *
 * Commands (session.h) stay the one way to act on the program: breakpoints, running,
 * stepping, frame selection, assignments. These calls only read the state the last command
 * or slice left behind, plus three exceptions a front end needs: memory writes (a hex
 * editor), the guest's stdio fds and WASI monitor, and slices.
 *
 * Slices. A front end that must stay responsive while the program runs calls
 * wd_dbg_set_slice() once: from then on every command that resumes the program (run, start,
 * continue, next, step, stepi, nexti, finish, until, advance) runs at most that many
 * instructions and returns; wd_dbg_state() is then WD_DBG_RUNNING, and wd_dbg_run_slice()
 * resumes it for one more slice, until it stops (breakpoint, watchpoint, step done, finish,
 * exit, trap, wd_dbg_interrupt) and the stop is reported through the sink as usual. While
 * a run is in flight only commands that do not need a stopped program are accepted (see
 * wd_dbg_execute_async). Batch mode never sets a slice and runs every command to its stop.
 * Slices are meant for text-mode sinks: in JSON mode the stop events arrive as usual, but
 * what a command prints after its stop (finish's returned value) belongs to its result,
 * which was already sent when the first slice ended.
 *
 * Pointers and strings in the structs below point into the session (its DWARF, its frame
 * list) and stay valid until the next command, slice or wd_dbg_free.
 */
#ifndef WD_DBG_SESSION_QUERY_H
#define WD_DBG_SESSION_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"
#include "wasi.h"
#include "wd.h"
#include "wd_dwarf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ state and location */

typedef enum wd_dbg_state {
    WD_DBG_NOT_STARTED = 0,      /* no process (before run, after kill) */
    WD_DBG_RUNNING,              /* a run is in flight between slices */
    WD_DBG_PAUSED,               /* stopped and resumable */
    WD_DBG_EXITED,
    WD_DBG_TRAPPED,              /* the program trapped (frames are kept for inspection) */
} wd_dbg_state;

typedef struct wd_dbg_loc {
    const char *file;            /* the DWARF path, "" when unknown */
    uint32_t line, column;       /* 0 when unknown */
    const char *func;            /* display name (main, not __main_argc_argv), never NULL */
    uint32_t funcidx;
    uint64_t offset;             /* file offset (what the engine reports) */
    uint32_t addr;               /* code address (Code-section relative, what DWARF uses) */
} wd_dbg_loc;

wd_dbg_state wd_dbg_state_get(wd_dbg *s);
/* Bumped at every stop, exit, kill and frame selection: a front end redraws when it moves. */
uint64_t wd_dbg_stop_seq(wd_dbg *s);
/* Why the program stopped, in words: "breakpoint 1", "watchpoint 2", "step", "finish",
 * "location reached", "interrupted", "trap"; "" when not stopped or unknown. */
void wd_dbg_stop_reason(wd_dbg *s, char *buf, size_t size);
/* The exit status (WD_DBG_EXITED) and the trap's message (WD_DBG_TRAPPED, else NULL). */
int wd_dbg_exit_code(wd_dbg *s);
const char *wd_dbg_trap_message(wd_dbg *s);
/* The selected frame's location (false without a paused or trapped program). */
bool wd_dbg_location(wd_dbg *s, wd_dbg_loc *out);
/* Before the start: where `start` will stop (main's first line after its prologue), else
 * the entry function's first instruction. */
bool wd_dbg_entry_location(wd_dbg *s, wd_dbg_loc *out);
/* The loaded module, its bytes and its DWARF (NULL without), read-only, for front ends
 * that draw sources and disassembly. */
const wd_module *wd_dbg_module(wd_dbg *s);
const uint8_t *wd_dbg_module_bytes(wd_dbg *s, size_t *n);
wd_dwarf *wd_dbg_dwarf(wd_dbg *s);
/* Resolves a location as `break` does (FILE:LINE, LINE, FUNCTION, *ADDRESS) to its first
 * code location. false with err if it names no code. */
bool wd_dbg_resolve(wd_dbg *s, const char *spec, wd_dbg_loc *out, char *err, size_t errsize);

/* ------------------------------------------------------------ frames */

typedef struct wd_dbg_frame {
    wd_dbg_loc loc;
    bool inlined;                /* an inlined call (DWARF inlined_subroutine) */
    bool host;                   /* a host function (a WASI call) */
    uint32_t wdepth;             /* engine frame */
    uint32_t inl;                /* inline depth within it (0 = innermost) */
} wd_dbg_frame;

/* Frames, 0 = innermost, inlined ones included (as `backtrace` numbers them). */
size_t wd_dbg_frame_count(wd_dbg *s);
bool wd_dbg_frame_get(wd_dbg *s, size_t i, wd_dbg_frame *out);
size_t wd_dbg_frame_selected(wd_dbg *s);

/* ------------------------------------------------------------ variables */

/* One node of a frame's variable tree. Children come lazily (wd_dbg_var_expand): the
 * members of a struct or union, the elements of an array (the first 1000), the pointee of
 * a non-null pointer to a sized object ("*name"). Values are gdb's text. */
typedef struct wd_dbg_var {
    char *name;                  /* "sq", "pos", "[2]", "*next" */
    char *type;                  /* "struct shape", "int *" */
    char *value;                 /* gdb-style text, or the evaluation error in brackets */
    char *expr;                  /* a C expression for it ("sq.pos.x", "(*list).next") */
    bool is_arg;                 /* a parameter (top level only) */
    bool expandable;             /* has (or may have) children */
    bool expanded;               /* kids are filled */
    struct wd_dbg_var *kids;
    size_t nkids;
    uint32_t frame;              /* the frame it was read in */
} wd_dbg_var;

/* The arguments and locals visible in frame i (DWARF), or the wasm locals without DWARF.
 * The caller frees the array with wd_dbg_vars_free. NULL (n = 0) without a frame. */
wd_dbg_var *wd_dbg_vars(wd_dbg *s, size_t frame, size_t *n);
/* Fills v->kids once (false if v has none or the program moved on). Expand only at the
 * stop the tree was read at (same wd_dbg_stop_seq). */
bool wd_dbg_var_expand(wd_dbg *s, wd_dbg_var *v);
void wd_dbg_vars_free(wd_dbg_var *vars, size_t n);
/* Evaluates a C expression in the selected frame (as `print` does, without history):
 * malloc'd value text, or NULL with the message in err. */
char *wd_dbg_eval_text(wd_dbg *s, const char *expr, char *err, size_t errsize);
/* The same as a tree node (name = the expression); false with err on failure. */
bool wd_dbg_eval_var(wd_dbg *s, const char *expr, wd_dbg_var *out, char *err, size_t errsize);
void wd_dbg_var_clear(wd_dbg_var *v);

/* ------------------------------------------------------------ displays */

typedef struct wd_dbg_display {
    int id;
    const char *expr;
    char fmt;                    /* 0 or a print format letter */
} wd_dbg_display;

size_t wd_dbg_display_count(wd_dbg *s);
bool wd_dbg_display_get(wd_dbg *s, size_t i, wd_dbg_display *out);

/* ------------------------------------------------------------ breakpoints */

typedef enum wd_dbg_bp_kind {
    WD_DBG_BP_BREAK = 0, WD_DBG_BP_WATCH, WD_DBG_BP_RWATCH, WD_DBG_BP_AWATCH,
} wd_dbg_bp_kind;

typedef struct wd_dbg_bp {
    int id;
    wd_dbg_bp_kind kind;
    bool enabled, temporary;
    const char *spec;            /* as typed ("shapes.c:51", "perimeter"); watch: the expression */
    const char *cond;            /* "" = unconditional */
    uint64_t hits, ignore;
    uint32_t nlocs;              /* resolved code locations */
    /* the first location (breakpoints with at least one) */
    const char *file;            /* DWARF path or "" */
    uint32_t line;
    uint32_t addr;               /* code address */
    const char *func;            /* "" when unknown */
    uint64_t watch_addr, watch_len;   /* watchpoints */
} wd_dbg_bp;

size_t wd_dbg_bp_count(wd_dbg *s);
bool wd_dbg_bp_get(wd_dbg *s, size_t i, wd_dbg_bp *out);
/* true if any location of breakpoint i is on file:line (file compared by its DWARF path
 * or, failing that, its base name). */
bool wd_dbg_bp_at_line(wd_dbg *s, size_t i, const char *file, uint32_t line);

/* ------------------------------------------------------------ memory */

/* Before the program runs (or after it is killed), memory reads as the image it starts
 * with: the module's data segments, zeros elsewhere, over the initial size. */
uint64_t wd_dbg_mem_size(wd_dbg *s);
bool wd_dbg_mem_read(wd_dbg *s, uint64_t addr, void *dst, size_t len);
/* Is it the running program's memory (false: the module's initial image)? */
bool wd_dbg_mem_live(wd_dbg *s);
/* Refused while a run is in flight or without a program. */
bool wd_dbg_mem_write(wd_dbg *s, uint64_t addr, const void *src, size_t len);

/* ------------------------------------------------------------ running in slices */

/* 0 (the default) runs every command to its stop; N > 0: at most N instructions per slice. */
void wd_dbg_set_slice(wd_dbg *s, uint64_t insns);
typedef enum wd_dbg_slice_result {
    WD_DBG_SLICE_IDLE = 0,       /* nothing was in flight */
    WD_DBG_SLICE_MORE,           /* the slice ran out: call again */
    WD_DBG_SLICE_STOPPED,        /* the run ended (reported through the sink) */
} wd_dbg_slice_result;
/* With slices the program never waits inside a WASI call (wasi.h, deferred waits): a read
 * of an empty stdin pipe or a poll that would wait ends the slice instead, the run stays in
 * flight, and the next slice makes the call again. This says whether the run is waiting
 * that way, and for what: input on stdin, and/or a poll timeout (monotonic ns, else -1). */
bool wd_dbg_waiting(wd_dbg *s, bool *input, int64_t *deadline_ns);
/* Continues an in-flight run for at most insns instructions (0: the wd_dbg_set_slice size). */
wd_dbg_slice_result wd_dbg_run_slice(wd_dbg *s, uint64_t insns);
/* Runs a command line; while a run is in flight, commands that need a stopped program are
 * refused ("The program is running.") and `step N`/`next N` keep stepping across slices. */
int wd_dbg_execute_async(wd_dbg *s, const char *line);
/* The canonical name of a command line's command ("c 3" -> "continue"), NULL if none. */
const char *wd_dbg_command_of(const char *line);

/* ------------------------------------------------------------ the profiler */

/* The session's profile (made by `profile start`, kept across stops and runs until a
 * `profile start` with other settings replaces it), for front ends that draw it: NULL before
 * the first `profile start`. *running: sampling is on (between `profile start` and `profile
 * stop`). Read it only with prof.h's report calls (wd_prof_get_stats, wd_prof_tree,
 * wd_prof_rows, wd_prof_file_lines); valid until the next command. */
struct wd_prof;
const struct wd_prof *wd_dbg_profile(wd_dbg *s, bool *running);

/* ------------------------------------------------------------ the program */

/* The guest's stdin, stdout, stderr for the next run (host fds, dup()ed by the WASI host;
 * the caller keeps its own). Negative: leave that guest fd closed. */
void wd_dbg_set_stdio(wd_dbg *s, int in_fd, int out_fd, int err_fd);
/* A WASI monitor added to the host of every run (e.g. a tracer pane); NULL removes it. */
void wd_dbg_set_wasi_monitor(wd_dbg *s, wd_wasi_monitor_fn fn, void *user);
/* Calls export `name` with numeric args instead of _start (modules without WASI). The
 * first result is kept: wd_dbg_entry_result. */
bool wd_dbg_set_entry(wd_dbg *s, const char *name, int argc, char **argv, char *err,
                      size_t errsize);
/* After an exit of an invoked export: its first result as text. false if none. */
bool wd_dbg_entry_result(wd_dbg *s, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
