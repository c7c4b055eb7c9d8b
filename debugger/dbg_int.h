/* dbg_int.h: the session's private state and the helpers the command files share. */
#ifndef WD_DBG_INT_H
#define WD_DBG_INT_H

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>

#include "session.h"
#include "wasi.h"
#include "wd.h"
#include "wd_dwarf.h"

/* ------------------------------------------------------------ growable text */

typedef struct dbg_buf {
    char *p;
    size_t len, cap;
} dbg_buf;

void dbuf_add(dbg_buf *b, const char *s, size_t n);
void dbuf_puts(dbg_buf *b, const char *s);
void dbuf_printf(dbg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dbuf_json_str(dbg_buf *b, const char *s);   /* a quoted, escaped JSON string */
void dbuf_clear(dbg_buf *b);
void dbuf_free(dbg_buf *b);

/* ------------------------------------------------------------ values */

enum { DV_INT = 0, DV_FLOAT, DV_PTR, DV_AGG, DV_VOID };

typedef struct dbg_value {
    int kind;                        /* DV_* */
    const wd_dw_type *t;             /* DWARF type, or NULL (synthetic) */
    char tname[64];                  /* synthetic type name */
    uint64_t size;
    bool is_signed;
    uint64_t u;                      /* integer or pointer bits */
    double f;
    bool lval;                       /* in memory at addr */
    uint64_t addr;
    int wlocal;                      /* a wasm local lvalue ($localN), else -1 */
    uint32_t wframe;                 /* ... of this engine frame */
    const wd_dw_type *pt;            /* pointee type of a synthetic pointer, may be NULL */
    uint64_t psize;                  /* pointee size of a synthetic pointer */
    const char *func;                /* a function's name: u is its code address */
    bool code;                       /* u is a code address ($pc): shown as <func+off> */
} dbg_value;

/* ------------------------------------------------------------ breakpoints */

enum { BP_BREAK = 0, BP_WATCH, BP_RWATCH, BP_AWATCH };

typedef struct dbg_loc {           /* one probe of a breakpoint (heap: stable pointer) */
    struct wd_dbg *s;
    int bp_id;
    uint32_t funcidx;
    uint64_t off;                  /* file offset */
    uint32_t probe;                /* local probe id, 0 while disabled */
} dbg_loc;

typedef struct dbg_bp {
    int id;
    int type;                      /* BP_* */
    bool enabled, temp;            /* temp: deleted when hit (tbreak, enable delete) */
    bool dis_once;                 /* disabled when hit (enable once) */
    char *spec;                    /* as typed */
    char *cond;                    /* condition expression or NULL */
    uint64_t ignore;
    uint64_t hits;
    dbg_loc **locs;
    uint32_t nlocs;
    /* watchpoints */
    uint64_t waddr, wlen;
    char *wexpr;
    dbg_value wval;                  /* the watched expression's type */
    uint8_t old[64];
    bool wread;                      /* the hit was a read */
    bool wpending;                   /* written by the last instruction: compare next */
    uint64_t woff;                   /* wasm offset of the access that hit */
    uint32_t scope_level;            /* a watch on locals: frames (from the outermost) its
                                        frame is at; fewer frames, it is out of scope */
    bool out_of_scope;               /* the stop reports that, then deletes it */
} dbg_bp;

/* ------------------------------------------------------------ stepping */

enum {
    RUN_CONT = 0, RUN_STEPI, RUN_NEXTI, RUN_STEP, RUN_NEXT, RUN_FINISH, RUN_UNTIL,
    RUN_UNINLINE,                    /* finish of an inlined frame: step until out of it */
};

enum {                               /* why the last BREAK stop happened */
    WHY_NONE = 0, WHY_BP, WHY_STEP, WHY_CALL, WHY_RETURN, WHY_WATCH, WHY_LOC, WHY_COND_ERR,
};

typedef struct dbg_internal_probe {
    struct wd_dbg *s;
    uint32_t id;
    int kind;                        /* WHY_RETURN or WHY_LOC */
    uint32_t depth;                  /* frame count the probe waits for (0: any) */
} dbg_internal_probe;

/* ------------------------------------------------------------ virtual frames */

typedef struct dbg_vframe {
    uint32_t wdepth;                 /* engine frame */
    uint32_t inl;                    /* inline depth within it (0 = innermost) */
    uint32_t funcidx;
    uint64_t off;                    /* file offset */
    uint32_t addr;                   /* code offset (DWARF address) */
    bool has_dw;
    wd_dw_frame dw;
    const char *name;                /* display name */
    bool host;
} dbg_vframe;

/* ------------------------------------------------------------ displays */

typedef struct dbg_display {
    int id;
    char fmt;                        /* 0 or a print format letter */
    char *xmods;                     /* display/i, display/4xw...: shown by x with these */
    char *expr;
    uint32_t func;                   /* wasm function it was made in (UINT32_MAX: none): out
                                        of it, a display that cannot be evaluated is skipped */
} dbg_display;

/* ------------------------------------------------------------ the session */

enum { PS_NONE = 0, PS_STOPPED, PS_EXITED, PS_TRAPPED };

struct wd_dbg {
    wd_dbg_options opt;
    char **argv_copy;
    wd_dbg_sink sink;
    bool json;

    /* the module */
    char *path;
    wd_module *m;
    uint8_t *bytes;
    size_t nbytes;
    uint64_t code_off;
    wd_dwarf *dw;
    uint32_t nfuncs, nimports;

    /* the process */
    int ps;                          /* PS_* */
    wd_store *store;
    wd_wasi *wasi;
    wd_instance *inst;
    wd_exec *x;
    int exit_code;
    bool ever_trapped;
    bool cmd_failed;
    bool fatal;

    /* breakpoints and watchpoints (one numbering) */
    dbg_bp **bps;
    uint32_t nbps, capbps;
    int next_bp;
    uint32_t nwatch;                 /* enabled watchpoints */

    /* running */
    volatile sig_atomic_t interrupt_req;
    int why;
    int why_bp;
    uint64_t stop_off;               /* a local probe's own offset at a probe stop */
    bool stop_off_valid;
    uint32_t gprobe;                 /* global probe id or 0 */
    bool gprobe_mem;                 /* it is a memory probe (watchpoints only) */
    bool gprobe_stepping;            /* the last dbg_update_gprobe's stepping */
    struct {
        int kind;                    /* RUN_* */
        uint64_t count;
        uint32_t depth;              /* engine frame count when the step started */
        const char *file;
        uint32_t line;
        uint32_t min_addr;           /* step into: stop at or after this address */
        bool into;                   /* a step entered a function with line info */
        uint32_t callee;             /* finish: the function returning */
        uint32_t ret_index;          /* finish: its result's operand stack index */
        uint64_t sret;               /* finish: where a struct result is written (its first
                                        argument, when the function returns nothing in wasm) */
        bool has_sret;
        uint32_t inl_level;          /* RUN_UNINLINE: stop below this many inlined levels */
        uint32_t inl_low;            /* ... or in another inlined copy (its low_pc) there */
        uint32_t inl_start;          /* next: the inlined level it steps at; code inlined
                                        deeper (an inlined call) runs without a stop, as a
                                        call does */
        bool in_inl;                 /* next is inside such a call ... */
        uint32_t inl_copy;           /* ... this copy (its low_pc) */
        uint64_t prev_off;           /* the previous instruction seen while stepping */
        uint32_t prev_depth;
        bool prev_valid;
        bool crossed;                /* a new statement ran; stop at the next line */
        uint64_t crossed_lo;         /* the step's lower bound when it ran */
    } run;
    uint32_t report_caller;          /* the stop is shown in this frame (uninline_check) */
    uint32_t hide_inl;               /* ... and the inlined frames inside it, not entered yet,
                                        are not frames of the stack until the program moves */
    uint64_t ilc_key[512];           /* dbg_inline_level's cache: file offset + 1, 0 empty */
    uint32_t ilc_level[512];
    uint64_t step_lo;                /* the last step stopped on a statement row in */
    bool step_lo_valid;              /* (step_lo, pc]: the pc counts as that row's start */
    /* instruction starts of one function (row-start tests) */
    uint32_t fc_func;
    uint32_t *fc_offs;
    uint32_t fc_n;
    dbg_internal_probe **iprobes;
    uint32_t niprobes, capiprobes;
    uint64_t skip_off;               /* a probe that fires again right after a global stop */
    uint32_t skip_depth;
    bool skip_armed;
    uint64_t skip_count;             /* instruction count at that stop */
    /* watchpoint pending: a store hit, compare at the next instruction */
    int wpend;                       /* how many watchpoints have wpending set */
    uint8_t wold[64];

    /* inspection */
    uint32_t sel;                    /* selected virtual frame */
    uint32_t last_func;              /* of the last stop report */
    uint32_t last_depth;
    dbg_vframe *vf;
    uint32_t nvf;
    bool vf_valid;
    int nhist;                       /* $N value history counter */
    dbg_value *hist;                 /* the history: $1 is hist[0] */
    uint32_t caphist;
    dbg_display **disp;
    uint32_t ndisp;
    int next_disp;
    /* list */
    char *list_file;
    uint32_t list_line;
    uint32_t list_first;             /* first line of the last listing (0: none) */
    /* info line: the line a bare `info line` shows next (0: the selected frame's) */
    char *il_file;
    uint32_t il_next;
    /* x */
    uint64_t x_next;
    char x_fmt, x_size;
    bool x_valid;

    /* command output */
    char *last_cmd;                  /* for an empty line */
    dbg_buf out;                     /* JSON mode: the current command's text */
    dbg_buf jextra;                  /* JSON mode: extra fields ",\"k\":v" */
    char errmsg[512];
    bool has_err;
    bool quit;

    /* the profiler (cmd_profile.c), NULL until `profile start` */
    struct dbg_prof *prof;

    /* front ends that draw the state (session_query.c) */
    uint64_t slice;                  /* instructions per run slice, 0 = run to the stop */
    bool in_flight;                  /* a run ran out of its slice and waits for the next */
    int start_bp;                    /* `start`'s temporary breakpoint of an in-flight run */
    uint64_t step_more;              /* `step N`/`next N` across slices: steps left */
    bool step_into;                  /* ... of step (else next) */
    uint64_t stop_seq;               /* bumped at every stop report, exit and kill */
    uint64_t sel_seq;                /* frame selections seen by wd_dbg_stop_seq */
    uint32_t seen_sel;
    char stop_reason[160];           /* the last stop report's JSON reason fields */
    int guest_stdin_fd;              /* host fd for the guest's fd 0 (default 0) */
    wd_wasi_monitor_fn wasi_mon;     /* added to the WASI host of every run */
    void *wasi_mon_user;
    char *entry_name;                /* export called instead of _start, or NULL */
    wd_value entry_args[16];
    uint32_t entry_nargs;
    wd_value entry_results[8];
    uint32_t entry_nresults;
};

/* ------------------------------------------------------------ output */

void dbg_printf(wd_dbg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dbg_puts(wd_dbg *s, const char *text);
/* Reports a failed command (one line). Always returns -1. */
int dbg_error(wd_dbg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds ,"key":<raw json> to the current command's JSON result. */
void dbg_jfield(wd_dbg *s, const char *key, const char *raw_json);
void dbg_jfield_str(wd_dbg *s, const char *key, const char *str);
void dbg_jfield_u64(wd_dbg *s, const char *key, uint64_t v);
/* Emits an event now: text in text mode, a JSON line (built from json) in JSON mode. */
void dbg_event(wd_dbg *s, const char *text, const char *json);

/* ------------------------------------------------------------ helpers (session.c) */

bool dbg_running(wd_dbg *s);                          /* has a suspended program */
int dbg_need_running(wd_dbg *s);                      /* error unless running: -1 */
/* The selected frame's pc (file offset), marked "=>" in disassembly; UINT64_MAX if none. */
uint64_t dbg_marked_pc(wd_dbg *s);
uint32_t dbg_func_of_off(wd_dbg *s, uint64_t off);    /* UINT32_MAX if none */
const char *dbg_func_name(wd_dbg *s, uint32_t funcidx, char *buf, size_t size);
void dbg_invalidate_frames(wd_dbg *s);
bool dbg_frames(wd_dbg *s);                           /* builds s->vf */
const dbg_vframe *dbg_selected(wd_dbg *s);
/* "sq (a=3) at t.c:3" (with_addr: "0x0000002d in " first) */
void dbg_frame_desc(wd_dbg *s, const dbg_vframe *f, bool with_addr, bool args, dbg_buf *b);
void dbg_frame_json(wd_dbg *s, const dbg_vframe *f, dbg_buf *b);
/* "5\t  text\n" for a source line */
void dbg_source_line(wd_dbg *s, const char *file, uint32_t line, dbg_buf *b);
/* a target for the DWARF evaluator over engine frame wdepth */
typedef struct dbg_tctx {
    wd_dw_frame_reader r;            /* wd_dwarf_frame_reader over s->x and s->inst (first:
                                        the target's user pointer is &r) */
    wd_dbg *s;
} dbg_tctx;
void dbg_target(wd_dbg *s, uint32_t wdepth, dbg_tctx *ctx, wd_dw_target *t);
wd_memory *dbg_memory(wd_dbg *s);
/* Reads linear memory 0: the running program's, or before it runs the image it starts
 * with (data segments at constant offsets, zeros elsewhere up to the initial size), as
 * gdb reads a program's data from its file. */
bool dbg_read(wd_dbg *s, uint64_t addr, void *dst, size_t n);
/* The size of what dbg_read reads: the running memory's, or the initial one's. */
uint64_t dbg_mem_size(wd_dbg *s);
/* the length of the instruction at file offset off, 0 if it does not decode */
uint32_t dbg_insn_len(wd_dbg *s, uint64_t off);
/* The first offset of the folded instructions (local.get, consts) before off. */
uint64_t dbg_fold_start(wd_dbg *s, uint32_t funcidx, uint64_t off);
/* The last is_stmt line-table row starting in (lo, hi] (file offsets), if any. */
bool dbg_stmt_row_in(wd_dbg *s, uint64_t lo, uint64_t hi, wd_dw_row *row);
/* a function's post-prologue breakpoint address (file offset) */
uint64_t dbg_func_bp_off(wd_dbg *s, uint32_t funcidx);
/* Parses a number (C syntax, 0x, negative) or fails. */
bool dbg_parse_u64(const char *str, uint64_t *out);
const char *dbg_skip_ws(const char *p);
char *dbg_strdup(const char *s);
const char *dbg_basename(const char *path);
const char *dbg_display_name(const char *name);
/* wd_dwarf_find_func, knowing that wasi-libc renames main */
bool dbg_find_func(wd_dbg *s, const char *name, wd_dw_func *out);

/* ------------------------------------------------------------ running (session.c) */

int dbg_start_program(wd_dbg *s, bool stop_at_main);
void dbg_kill(wd_dbg *s);
/* Resumes in mode RUN_* (s->run filled) and reports the stop. Returns 0 or -1. */
int dbg_resume(wd_dbg *s);
uint32_t dbg_add_internal_probe(wd_dbg *s, uint32_t funcidx, uint64_t off, int kind,
                                uint32_t depth);
void dbg_clear_internal_probes(wd_dbg *s);
/* How many inlined frames the code at file offset off is nested in (0: none); with low, the
 * low_pc of the inlined copy `from_outer` levels in (1: the outermost inlined one), or 0. */
uint32_t dbg_inline_level(wd_dbg *s, uint64_t off);
uint32_t dbg_inline_copy(wd_dbg *s, uint64_t off, uint32_t from_outer);
/* Reports the current location after a stop (frame line and source line). */
void dbg_report_location(wd_dbg *s, bool force_frame, const char *reason_json);

/* ------------------------------------------------------------ breakpoints (bp.c) */

/* Resolves a location (FILE:LINE, LINE, FUNCTION, *ADDR, *FUNC+OFF) to file offsets. */
int dbg_resolve_location(wd_dbg *s, const char *spec, uint64_t *offs, size_t max, size_t *n,
                         char *err, size_t errsize);
/* The same; with raw, a function or a line at a function's entry is its first byte, not the
 * address after its prologue (info line reports what the line table says). */
int dbg_resolve_location_raw(wd_dbg *s, const char *spec, bool raw, uint64_t *offs, size_t max,
                             size_t *n, char *err, size_t errsize);
/* A function by DWARF name, name-section name or export name; UINT32_MAX if none. */
uint32_t dbg_func_by_name(wd_dbg *s, const char *name, bool *has_dw);
/* The file a bare LINE means: the selected frame's, the last listed, or main's. */
const char *dbg_current_file(wd_dbg *s);
dbg_bp *dbg_bp_find(wd_dbg *s, int id);
int dbg_bp_create(wd_dbg *s, const char *spec, bool temp, bool quiet);
void dbg_bp_delete(wd_dbg *s, int id);
/* "keep", "del" (deleted when hit) or "dis" (disabled when hit), as gdb's Disp column. */
const char *dbg_bp_disp(const dbg_bp *bp);
/* After a stop at breakpoint or watchpoint id: delete or disable it per its disposition. */
void dbg_bp_after_stop(wd_dbg *s, int id);
void dbg_bp_enable(wd_dbg *s, dbg_bp *bp, bool on);
void dbg_bp_delete_all(wd_dbg *s);
wd_probe_action dbg_watch_check(wd_dbg *s, wd_exec *x, const wd_probe_event *ev);
/* Sets the global probe the run needs: a full one while stepping or while a watched write
 * waits for the next instruction, a memory probe while watchpoints are enabled, else none. */
void dbg_update_gprobe(wd_dbg *s, bool stepping);
/* The same with the last stepping flag (from probe callbacks). */
void dbg_sync_gprobe(wd_dbg *s);
void dbg_bp_describe_hit(wd_dbg *s, int id, dbg_buf *text, dbg_buf *json);

/* ------------------------------------------------------------ expressions (expr.c) */

/* Evaluates expr in the selected frame. On failure: false, err filled. */
bool dbg_eval(wd_dbg *s, const char *expr, dbg_value *out, char *err, size_t errsize);
/* Records v in the value history; returns its number N ($N), or 0 out of memory. */
int dbg_hist_push(wd_dbg *s, const dbg_value *v);
/* The guest's arguments for the next run, split at blanks (clear: "" empties them). */
void dbg_set_args(wd_dbg *s, const char *a, bool clear);
void dbg_free_args(wd_dbg *s);
/* A wasm value as a synthetic debugger value (i32 i64 f32 f64); false for other types. */
bool dbg_value_from_wasm(wd_value wv, dbg_value *v);
/* A value of DWARF type t: the object in memory at addr (in_mem), else a scalar or pointer
 * from n raw little-endian bytes (a function's result). False if it cannot be made. */
bool dbg_value_typed(wd_dbg *s, const wd_dw_type *t, bool in_mem, uint64_t addr,
                     const uint8_t *bytes, size_t n, dbg_value *v);
/* true if text is a whole type name ("struct point *", "unsigned int"): its type in proto.
 * false with err empty when it is not one, with err filled for "struct NAME" that no type has. */
bool dbg_parse_type(wd_dbg *s, const char *text, dbg_value *proto, char *err, size_t errsize);
/* Evaluates expr in engine frame 0 while a probe runs (for conditions). */
bool dbg_eval_at(wd_dbg *s, uint32_t wdepth, uint32_t inl, const char *expr,
                 dbg_value *out, char *err, size_t errsize);
/* Checks that expr parses, without evaluating it; with addr (a code address, as DWARF's),
 * also that every variable it names is visible there. On failure: false, err filled. */
bool dbg_expr_check(wd_dbg *s, const uint32_t *addr, const char *expr, char *err, size_t errsize);
/* Formats a value of v's type from raw bytes (watchpoint old/new values). */
void dbg_format_bytes(wd_dbg *s, const dbg_value *v, const uint8_t *bytes, size_t n, dbg_buf *b);
/* gdb's rendering of a value; fmt 0 or x d u o t c a f. */
void dbg_format_value(wd_dbg *s, const dbg_value *v, char fmt, dbg_buf *b);
void dbg_type_name(wd_dbg *s, const dbg_value *v, char *buf, size_t size);
bool dbg_value_true(const dbg_value *v);
/* Assigns src to the lvalue dst. */
bool dbg_assign(wd_dbg *s, const dbg_value *dst, const dbg_value *src, char *err, size_t esz);

/* ------------------------------------------------------------ DWARF types (dwtype.c) */

enum { DT_OTHER = 0, DT_BASE, DT_PTR, DT_STRUCT, DT_ARRAY, DT_ENUM, DT_FUNC };
enum { DE_SIGNED = 0, DE_UNSIGNED, DE_FLOAT, DE_BOOL, DE_CHAR_S, DE_CHAR_U };

const wd_dw_type *dbgt_strip(wd_dwarf *d, const wd_dw_type *t);
int dbgt_kind(wd_dwarf *d, const wd_dw_type *t);
int dbgt_encoding(wd_dwarf *d, const wd_dw_type *t);
const wd_dw_type *dbgt_target(wd_dwarf *d, const wd_dw_type *t);     /* pointee / element */
/* element type and count of the first dimension; the element of a multi-dimensional array
 * is a sub-array type made here (owned by d's session cache). */
bool dbgt_array(wd_dwarf *d, const wd_dw_type *t, const wd_dw_type **elem, uint64_t *count);
bool dbgt_member(wd_dwarf *d, const wd_dw_type *t, const char *name, uint64_t *off,
                 const wd_dw_type **mt);
/* The i-th (non-bitfield) member of a struct or union. */
bool dbgt_member_at(wd_dwarf *d, const wd_dw_type *t, uint32_t i, const char **name,
                    uint64_t *off, const wd_dw_type **mt);
/* A pointer type to t (cached), NULL if t is not a DIE type. */
const wd_dw_type *dbgt_pointer_to(wd_dwarf *d, const wd_dw_type *t);
/* Formats the object of type t at memory addr, or from bytes (scalars, <= 8 bytes). */
size_t dbgt_format(wd_dwarf *d, const wd_dw_type *t, bool in_mem, uint64_t addr,
                   const uint8_t *bytes, size_t nbytes, const wd_dw_target *target,
                   char *buf, size_t size);
/* A named type among the types seen so far, or a base type found in the module's units. */
const wd_dw_type *dbgt_lookup(wd_dwarf *d, const char *name);
void dbgt_release(wd_dwarf *d);
/* true if t is a type DIE of the module (not one made here) */
bool dbgt_is_die(const wd_dw_type *t);

/* ------------------------------------------------------------ commands (commands.c) */

typedef int (*dbg_cmd_fn)(wd_dbg *s, const char *args, const char *mods);

typedef struct dbg_command {
    const char *name;
    const char *aliases;             /* space-separated, or "" */
    const char *usage;
    const char *help;
    dbg_cmd_fn fn;
    bool repeat;                     /* an empty line repeats it */
} dbg_command;

const dbg_command *dbg_find_command(const char *name, char *err, size_t errsize);
extern const dbg_command dbg_commands[];
extern const size_t dbg_ncommands;

/* the handlers */
int cmd_break(wd_dbg *s, const char *a, const char *m);
int cmd_tbreak(wd_dbg *s, const char *a, const char *m);
int cmd_condition(wd_dbg *s, const char *a, const char *m);
int cmd_ignore(wd_dbg *s, const char *a, const char *m);
int cmd_delete(wd_dbg *s, const char *a, const char *m);
int cmd_disable(wd_dbg *s, const char *a, const char *m);
int cmd_enable(wd_dbg *s, const char *a, const char *m);
int cmd_info_breakpoints(wd_dbg *s, const char *a, const char *m);
int cmd_run(wd_dbg *s, const char *a, const char *m);
int cmd_start(wd_dbg *s, const char *a, const char *m);
int cmd_continue(wd_dbg *s, const char *a, const char *m);
int cmd_kill(wd_dbg *s, const char *a, const char *m);
int cmd_quit(wd_dbg *s, const char *a, const char *m);
int cmd_step(wd_dbg *s, const char *a, const char *m);
int cmd_next(wd_dbg *s, const char *a, const char *m);
int cmd_stepi(wd_dbg *s, const char *a, const char *m);
int cmd_nexti(wd_dbg *s, const char *a, const char *m);
int cmd_finish(wd_dbg *s, const char *a, const char *m);
int cmd_until(wd_dbg *s, const char *a, const char *m);
int cmd_advance(wd_dbg *s, const char *a, const char *m);
int cmd_backtrace(wd_dbg *s, const char *a, const char *m);
int cmd_frame(wd_dbg *s, const char *a, const char *m);
int cmd_up(wd_dbg *s, const char *a, const char *m);
int cmd_down(wd_dbg *s, const char *a, const char *m);
int cmd_info(wd_dbg *s, const char *a, const char *m);
int cmd_info_frame(wd_dbg *s, const char *a, const char *m);
int cmd_info_args(wd_dbg *s, const char *a, const char *m);
int cmd_info_locals(wd_dbg *s, const char *a, const char *m);
int cmd_info_globals(wd_dbg *s, const char *a, const char *m);
int cmd_info_wasm_locals(wd_dbg *s, const char *a, const char *m);
int cmd_info_wasm_stack(wd_dbg *s, const char *a, const char *m);
int cmd_info_wasm_globals(wd_dbg *s, const char *a, const char *m);
int cmd_info_source(wd_dbg *s, const char *a, const char *m);
int cmd_info_functions(wd_dbg *s, const char *a, const char *m);
int cmd_info_line(wd_dbg *s, const char *a, const char *m);
int cmd_info_symbol(wd_dbg *s, const char *a, const char *m);
/* The line-table entry (consecutive rows of one line, as gdb merges them) in rows (every
 * sequence, in table order): with line, the one of that line starting at addr, else the
 * non-empty one covering addr. Its range [lo, hi) and first row. False if none. */
bool dbg_line_run(const wd_dw_row *rows, size_t n, uint32_t addr, const uint32_t *line,
                  uint32_t *lo, uint32_t *hi, size_t *first);
int cmd_info_display(wd_dbg *s, const char *a, const char *m);
int cmd_print(wd_dbg *s, const char *a, const char *m);
int cmd_output(wd_dbg *s, const char *a, const char *m);
int cmd_ptype(wd_dbg *s, const char *a, const char *m);
int cmd_whatis(wd_dbg *s, const char *a, const char *m);
int cmd_display(wd_dbg *s, const char *a, const char *m);
int cmd_undisplay(wd_dbg *s, const char *a, const char *m);
int cmd_set(wd_dbg *s, const char *a, const char *m);
int cmd_show(wd_dbg *s, const char *a, const char *m);
int cmd_x(wd_dbg *s, const char *a, const char *m);
/* x's work: what `x/m a` prints, into out; errors reported. Returns 0 or -1. */
int dbg_examine(wd_dbg *s, const char *a, const char *m, dbg_buf *out);
int cmd_find(wd_dbg *s, const char *a, const char *m);
int cmd_list(wd_dbg *s, const char *a, const char *m);
int cmd_disassemble(wd_dbg *s, const char *a, const char *m);
int cmd_watch(wd_dbg *s, const char *a, const char *m);
int cmd_rwatch(wd_dbg *s, const char *a, const char *m);
int cmd_awatch(wd_dbg *s, const char *a, const char *m);
int cmd_directory(wd_dbg *s, const char *a, const char *m);
int cmd_help(wd_dbg *s, const char *a, const char *m);
int cmd_echo(wd_dbg *s, const char *a, const char *m);

/* the names of the `info` subcommands, space-separated (completion) */
extern const char dbg_info_names[];

/* displays are shown after every stop */
void dbg_do_displays(wd_dbg *s);
void dbg_display_free(dbg_display *d);

/* ------------------------------------------------------------ the profiler (cmd_profile.c) */

int cmd_profile(wd_dbg *s, const char *a, const char *m);
/* Around every wd_exec_call/wd_exec_resume of the program: sampling runs only in between,
 * so time spent stopped in the debugger is never attributed to the program. */
void dbg_prof_before_run(wd_dbg *s);
void dbg_prof_after_run(wd_dbg *s);
/* The process (store, exec, WASI host) is about to be freed. */
void dbg_prof_detach(wd_dbg *s);
void dbg_prof_free(wd_dbg *s);

#endif
