/* prof.h: the sampling profiler (library wdprofiler).
 *
 * A wd_prof is a monitor attached to one engine exec. It takes samples at the engine's
 * safepoints and aggregates them into a tree of distinct stacks, so its memory grows with
 * the number of distinct stacks, never with the number of samples.
 *
 * Two modes, one mechanism (the engine's tick hook, wd_exec_set_tick):
 *  - WD_PROF_INSNS: a sample every `interval` counted instructions, weighted by the exact
 *    number of instructions counted since the previous sample. Deterministic: the same run
 *    gives byte-identical output files (no timestamps, no addresses, ids in first-seen order).
 *  - WD_PROF_CYCLES: a timer signal every `interval` microseconds of CPU time (a hardware
 *    cycle-overflow event where a PMU exists, else the perf software task-clock, else a
 *    CPU-time POSIX timer, else setitimer(ITIMER_PROF)) calls wd_exec_request_tick(); the
 *    interpreter takes the sample before the next instruction it dispatches (the one that
 *    was executing when the signal came, or the one after it), weighted by the TSC cycles
 *    since the previous sample.
 *
 * What a sample records: every frame of the exec as (module, function index, wasm offset),
 * innermost frame at the current instruction, callers at their call instruction. Each
 * distinct location is symbolized once, through an optional symbolizer (the DWARF layer:
 * offset -> chain of {function, file, line}, innermost inlined frame first); without one,
 * the engine's function names are used.
 *
 * Host calls: a host wrapper calls wd_prof_host_enter(p, "fd_write") before the host work and
 * wd_prof_host_leave(p) after it. In cycles mode a timer signal that arrives during the host
 * call is turned into a sample at wd_prof_host_leave, whose leaf is the frame
 * "[wasi:fd_write]" (wd_prof_host_enter_ns lets a caller choose another namespace:
 * "[env:log]"), weighted by the cycles since the previous sample. In insns mode host calls
 * execute no wasm instructions and so never appear (the profile stays deterministic).
 *
 * Only one wd_prof can run cycles mode at a time in a process (the timer signal is
 * process-wide); insns-mode profilers are independent.
 *
 * Thread safety: none; a wd_prof is used by the thread running its exec.
 */
#ifndef WD_PROF_H
#define WD_PROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wd.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wd_prof wd_prof;

typedef enum wd_prof_mode {
    WD_PROF_INSNS = 0,   /* deterministic: a sample every N counted instructions */
    WD_PROF_CYCLES,      /* a CPU-time timer; weights in TSC reference cycles */
} wd_prof_mode;

/* Defaults for wd_prof_options.interval (0 selects them). */
#define WD_PROF_DEFAULT_INSNS 10000u     /* instructions per sample */
#define WD_PROF_DEFAULT_USEC 1000u       /* microseconds of CPU time per sample (1 kHz) */

/* One source-level frame from a symbolizer. Strings are copied by the profiler, so they
 * only need to live until the symbolizer returns. function NULL: unknown (the engine's name
 * is used); file NULL or line 0: unknown. */
typedef struct wd_prof_srcframe {
    const char *function;
    const char *file;
    uint32_t line, column;
} wd_prof_srcframe;

/* Symbolizer: describes the instruction at wasm file offset `offset` of function funcidx in
 * module m. Fills out[0..n) innermost first (the deepest inlined callee first, the function
 * that physically contains the code last) and returns n <= max; 0 means "nothing known".
 * Called once per distinct location. */
typedef uint32_t (*wd_prof_symbolize_fn)(void *user, const wd_module *m, uint32_t funcidx,
                                         uint64_t offset, wd_prof_srcframe *out,
                                         uint32_t max);

typedef struct wd_prof_options {
    wd_prof_mode mode;
    uint64_t interval;               /* insns: instructions; cycles: microseconds; 0: default */
    wd_prof_symbolize_fn symbolize;  /* may be NULL */
    void *symbolize_user;
    const char *program;             /* a name for the outputs (e.g. the module path); copied */
} wd_prof_options;

/* NULL on failure (out of memory, bad options) with a message in err. */
wd_prof *wd_prof_new(const wd_prof_options *opts, char *err, size_t errsize);
void wd_prof_free(wd_prof *p);

/* Gives module m a display name (a file name; copied) used as the file of frames without
 * source information and as the pprof mapping and callgrind object. Optional. */
void wd_prof_name_module(wd_prof *p, const wd_module *m, const char *name);

/* Attaches to exec x and starts sampling (cycles mode: starts the timer). Fails (false, err)
 * if the profiler is already running or, in cycles mode, if no timer source works or
 * another profiler holds the timer. Samples accumulate across start/stop pairs. */
bool wd_prof_start(wd_prof *p, wd_exec *x, char *err, size_t errsize);
/* Stops sampling and detaches from the exec (removes the tick hook, stops the timer). */
void wd_prof_stop(wd_prof *p);
bool wd_prof_running(const wd_prof *p);
/* Drops every sample taken so far (keeps the mode, the options and the module names). */
void wd_prof_clear(wd_prof *p);

/* Which timer source cycles mode uses ("perf hardware cycles", "perf task-clock",
 * "timer_create(CLOCK_THREAD_CPUTIME_ID)", "setitimer(ITIMER_PROF)"), or "" when not in
 * cycles mode or not started. */
const char *wd_prof_timer_source(const wd_prof *p);

/* Host-call attribution (see the header comment). name is copied on first use. Calls may
 * nest; only the innermost host call shows. wd_prof_host_enter(p, n) is
 * wd_prof_host_enter_ns(p, "wasi", n). p may be NULL (no-op), so a host wrapper can call
 * these unconditionally. */
void wd_prof_host_enter(wd_prof *p, const char *name);
void wd_prof_host_enter_ns(wd_prof *p, const char *ns, const char *name);
void wd_prof_host_leave(wd_prof *p);

/* Takes one sample of x's current stack now, with the given weight (the tick hook uses it;
 * exposed for other execution tiers and for the debugger's "sample here"). */
void wd_prof_sample(wd_prof *p, wd_exec *x, uint64_t weight);

/* A raw stack, for tests and for tools that feed stacks from elsewhere. frames[0] is the
 * innermost frame. module may be NULL. A frame with is_host set is shown as "[NAME]" with
 * name taken literally (e.g. "wasi:fd_write"). */
typedef struct wd_prof_rawframe {
    const wd_module *module;
    uint32_t funcidx;
    uint64_t offset;
    const char *name;     /* NULL: from the module's name section, else "func[N]" */
    bool is_host;
} wd_prof_rawframe;
void wd_prof_add_stack(wd_prof *p, const wd_prof_rawframe *frames, uint32_t n,
                       uint64_t samples, uint64_t weight);

/* Totals. */
typedef struct wd_prof_stats {
    uint64_t samples;       /* samples taken */
    uint64_t weight;        /* sum of weights (instructions or cycles) */
    uint32_t stacks;        /* distinct stacks sampled */
    uint32_t nodes;         /* nodes of the stack tree (distinct stack prefixes) */
    uint32_t locations;     /* distinct (module, function, offset) locations */
    uint32_t functions;     /* distinct source-level functions */
    size_t bytes;           /* memory held by the profile */
    uint64_t dropped;       /* samples dropped (out of memory) */
    /* cycles mode: TSC ticks the profiler itself spent (signal handler, dispatch detour,
     * stack walk and recording), and the TSC ticks and wall ns of the profiled run(s),
     * to convert them (run_ns = 0 while the first run is still going) */
    uint64_t self_ticks, run_ticks, run_ns;
} wd_prof_stats;
void wd_prof_get_stats(const wd_prof *p, wd_prof_stats *out);
wd_prof_mode wd_prof_get_mode(const wd_prof *p);
/* "instructions" or "cycles". */
const char *wd_prof_weight_unit(const wd_prof *p);

/* ---------------------------------------------------------------- reports */

/* One row per function, sorted by self weight (ties: total, then name). */
typedef struct wd_prof_row {
    const char *function;   /* borrowed from the profile */
    const char *file;       /* may be "" */
    uint32_t line;          /* hottest line of the function (0: unknown) */
    uint64_t offset;        /* hottest wasm offset of the function */
    uint64_t self_samples, total_samples;
    uint64_t self_weight, total_weight;
    bool is_host;
} wd_prof_row;
/* Returns a malloc'ed array (free() it) of *n rows; NULL with *n = 0 if empty or out of
 * memory. */
wd_prof_row *wd_prof_rows(const wd_prof *p, size_t *n);

/* The source-level call tree a flamegraph draws: element 0 is the root (every sample),
 * every other element a frame under its parent, parents before their children. Without
 * by_line a frame is a function; with it, a (function, line) pair. Inlined frames are
 * frames of their own (flagged). Strings are borrowed from the profile. Returns a malloc'ed
 * array (free() it) of *n nodes; NULL with *n = 0 if the profile is empty or out of memory. */
typedef struct wd_prof_tnode {
    uint32_t parent;        /* index of the parent; UINT32_MAX for the root */
    const char *function;   /* "" for the root; host calls as "[wasi:fd_write]" */
    const char *file;       /* may be "" */
    uint32_t line;          /* by_line: the frame's line; else the first line seen (0: unknown) */
    bool inlined, is_host;
    uint64_t self_samples, total_samples;
    uint64_t self_weight, total_weight;
} wd_prof_tnode;
wd_prof_tnode *wd_prof_tree(const wd_prof *p, bool by_line, size_t *n);

/* Per-line totals of one source file (for a heat gutter): calls fn for every line of `file`
 * with samples, in line order. */
void wd_prof_file_lines(const wd_prof *p, const char *file,
                        void (*fn)(void *user, uint32_t line, uint64_t self_samples,
                                   uint64_t self_weight),
                        void *user);

/* The `--top` table: self %, total %, samples, function, file:line. max_rows 0: all. */
void wd_prof_write_top(const wd_prof *p, FILE *out, size_t max_rows);

/* ---------------------------------------------------------------- files */

typedef enum wd_prof_format {
    WD_PROF_FMT_NONE = 0,
    WD_PROF_FMT_FOLDED,        /* .folded: weights (instructions or cycles) */
    WD_PROF_FMT_FOLDED_SAMPLES,/* .samples.folded: sample counts (Firefox Profiler's importer) */
    WD_PROF_FMT_SVG,           /* .svg: interactive flamegraph */
    WD_PROF_FMT_SPEEDSCOPE,    /* .speedscope.json */
    WD_PROF_FMT_PPROF,         /* .pb.gz */
    WD_PROF_FMT_CALLGRIND,     /* callgrind.out* */
    WD_PROF_FMT_GECKO,         /* .gecko.json */
    WD_PROF_FMT_TOP,           /* .txt / .top: the --top table */
} wd_prof_format;

/* The format a file name implies (by its base name), or WD_PROF_FMT_NONE. */
wd_prof_format wd_prof_format_from_path(const char *path);
/* A format's name for --format: folded, samples.folded, svg, speedscope, pprof,
 * callgrind, gecko, top. Returns WD_PROF_FMT_NONE for an unknown name. */
wd_prof_format wd_prof_format_from_name(const char *name);
const char *wd_prof_format_name(wd_prof_format f);
/* The list of format names, for messages: "folded, samples.folded, svg, ...". */
const char *wd_prof_format_list(void);

/* Writes the profile in format f to out. false on a write error. */
bool wd_prof_write(const wd_prof *p, wd_prof_format f, FILE *out);

/* An output file written atomically: wd_prof_out_open() creates a temporary file next to
 * path at once (so an unwritable path fails before the program runs); commit writes the
 * profile there, flushes it and renames it over path; abort removes it. path "-" writes to
 * stdout (no temporary file); so does a path that exists and is not a regular file (a
 * device such as /dev/stdout, a pipe): it is opened at once and written in place. */
typedef struct wd_prof_out wd_prof_out;
wd_prof_out *wd_prof_out_open(const char *path, wd_prof_format f, char *err, size_t errsize);
bool wd_prof_out_commit(wd_prof_out *o, const wd_prof *p, char *err, size_t errsize);
void wd_prof_out_abort(wd_prof_out *o);
/* The temporary file's name (NULL when written in place): for a signal handler that must
 * remove it before the process dies. Valid until commit or abort. */
const char *wd_prof_out_tmp_path(const wd_prof_out *o);

#ifdef __cplusplus
}
#endif
#endif /* WD_PROF_H */
