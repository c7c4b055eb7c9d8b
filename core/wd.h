/* wd.h: the public API of the wasmdbg engine.
 *
 * Everything outside core/ (the CLI, WASI host, DWARF layer, profiler, TUI)
 * talks to the engine only through this header. The engine decodes and
 * validates a module, instantiates it in a store, runs it in an instrumented
 * interpreter, and lets a front end stop it, step it and inspect it.
 *
 * Ownership, in one place:
 *  - wd_module: created by wd_module_load(), freed by wd_module_free(). It owns
 *    its decoded data (one arena) and its compiled code. Instances keep a
 *    pointer to it: free the module only after the store that used it.
 *  - wd_store: owns every runtime object created in it (instances, functions,
 *    tables, memories, globals) and its execution context; wd_store_free()
 *    frees them all at once. Handles returned by wd_store_* / wd_instance_*
 *    calls are borrowed from the store.
 *  - Strings returned by the engine are borrowed from the object they describe.
 *
 * Errors: every fallible call fills a wd_error (message + wasm byte offset).
 * A trap is not an error: it is a stop reason (wd_stop), with a backtrace.
 */
#ifndef WD_H
#define WD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- errors */

typedef enum wd_status {
    WD_OK = 0,
    WD_ERR_MALFORMED,     /* the binary does not decode */
    WD_ERR_INVALID,       /* decodes but fails validation */
    WD_ERR_LINK,          /* imports do not match (unlinkable) */
    WD_ERR_UNINSTANTIABLE,/* instantiation trapped (segment out of bounds, start trapped) */
    WD_ERR_NOMEM,         /* allocation failed or a declared size is beyond limits */
    WD_ERR_IO,            /* reading a file failed */
    WD_ERR_ARG,           /* the caller passed something wrong (bad index, type) */
    WD_ERR_NOTFOUND,      /* export or name not found */
} wd_status;

#define WD_NO_OFFSET UINT64_MAX

typedef struct wd_error {
    wd_status status;
    uint64_t offset;      /* byte offset in the module file, or WD_NO_OFFSET */
    uint32_t line, col;   /* position in a text-format module (1-based), 0: none */
    char file[128];       /* the name the module was loaded under, may be "" */
    char msg[256];
} wd_error;

/* "file:0x1a3: message", "file:LINE:COL: message" for an error in a text
 * module, or "file: message" without a position. Returns buf. */
char *wd_error_format(const wd_error *err, char *buf, size_t size);
void wd_error_clear(wd_error *err);

/* ---------------------------------------------------------------- values */

typedef enum wd_valtype {
    WD_I32 = 0x7F,
    WD_I64 = 0x7E,
    WD_F32 = 0x7D,
    WD_F64 = 0x7C,
    WD_V128 = 0x7B,
    WD_FUNCREF = 0x70,
    WD_EXTERNREF = 0x6F,
} wd_valtype;

const char *wd_valtype_name(wd_valtype t); /* "i32", "funcref", ... */

/* Number of 64-bit slots a value of this type occupies (v128 takes 2). */
static inline unsigned wd_valtype_slots(wd_valtype t) { return t == WD_V128 ? 2u : 1u; }

typedef struct wd_func wd_func;

/* A reference: a funcref points at a wd_func; an externref is an opaque
 * host value. The null reference of either type is WD_REF_NULL (0). */
typedef uint64_t wd_ref;
#define WD_REF_NULL ((wd_ref)0)

typedef struct wd_value {
    wd_valtype type;
    union {
        uint32_t i32;
        uint64_t i64;
        uint32_t f32_bits;  /* floats travel as bits: NaN payloads survive */
        uint64_t f64_bits;
        uint8_t v128[16];   /* little-endian lanes */
        wd_ref ref;
    } of;
} wd_value;

/* ---------------------------------------------------------------- features */

enum {
    WD_FEATURE_TAIL_CALL = 1u << 0,
    WD_FEATURE_EXTENDED_CONST = 1u << 1,
    WD_FEATURE_MULTI_MEMORY = 1u << 2,
    /* room: memory64, exceptions */
};

/* Execution tiers. The interpreter runs everything by default; with
 * WD_TIER_JIT each function is also compiled to x86-64 code when it is
 * first called, and runs natively except where instrumentation needs the
 * interpreter: a function with a local probe, and everything while a global
 * probe is set. Results, traps, frames and budgets are the same in both. On
 * other machines WD_TIER_JIT runs the interpreter. */
typedef enum wd_tier {
    WD_TIER_INTERP = 0,
    WD_TIER_JIT = 1,        /* native code for a function once it loops or runs twice */
    WD_TIER_JIT_EAGER = 2,  /* native code for every function at its first call (what
                             * tests of the JIT want: nothing is left to the interpreter) */
} wd_tier;

typedef struct wd_load_options {
    uint32_t features;    /* WD_FEATURE_* beyond WebAssembly 2.0 */
    wd_tier tier;         /* WD_TIER_INTERP unless set */
    const char *name;     /* file name used in error messages (copied) */
    bool no_name_section; /* text input: write no "name" section for the $ids
                           * (wast2json's output has none: spectest --check-wat) */
} wd_load_options;

/* ---------------------------------------------------------------- modules */

typedef struct wd_module wd_module;

/* Decodes, validates and compiles a module from bytes (copied: the caller's
 * buffer may be freed afterwards). NULL on failure with err filled. */
wd_module *wd_module_load(const uint8_t *bytes, size_t size,
                          const wd_load_options *opts, wd_error *err);
/* Loads a file; the file name goes into error messages. A regular file is
 * mapped read-only rather than read (only the pages used become resident):
 * it must not be truncated while the module lives. A file in the text format
 * (wd_wat_is_text) is encoded with wd_wat_to_wasm first. */
wd_module *wd_module_load_file(const char *path, const wd_load_options *opts,
                               wd_error *err);
void wd_module_free(wd_module *m);

/* The JIT tier's machine code of a defined function of a WD_TIER_JIT module
 * (compiled first if it never ran). False, with err set, when the function
 * has none: an import, a module loaded for the interpreter, a function with a
 * local probe (it runs in the interpreter), a machine without the JIT.
 * code/size stay valid while the module lives and the function is not
 * probed; lines is allocated: free it with wd_native_code_free. */
typedef struct wd_native_line {
    uint32_t native_off;    /* from code: where the instruction's code starts */
    uint64_t wasm_offset;   /* file offset of the wasm instruction doing the work */
} wd_native_line;
typedef struct wd_native_range {
    uint32_t off, size;     /* bytes [off, off + size) from code */
} wd_native_range;
typedef struct wd_native_code {
    const uint8_t *code;    /* at the address it runs from */
    size_t size;
    uint32_t body_off;      /* code before it: the call entry (stack checks, frame
                               record, locals zeroed, entry safepoint); after the
                               body: the exits back to the interpreter */
    uint32_t body_end;
    wd_native_line *lines;  /* sorted by native_off, one per internal instruction */
    uint32_t nlines;
    wd_native_range *data;  /* bytes of the body that are data, not instructions: the
                               jump tables of br_table, each entry an int32, the offset
                               of its target from the table's start. A disassembler
                               skips them. Sorted; allocated, freed by
                               wd_native_code_free */
    uint32_t ndata;
} wd_native_code;
bool wd_module_native_code(wd_module *m, uint32_t funcidx, wd_native_code *out, wd_error *err);
void wd_native_code_free(wd_native_code *nc);
/* Whether function funcidx has JIT code right now (it was called, or passed to
 * wd_module_native_code, and has no local probe). Compiles nothing, so a tool
 * that lists the code a run made (a perf map written at exit) asks this before
 * wd_module_native_code. False for an import or an index out of range. */
bool wd_module_has_native_code(const wd_module *m, uint32_t funcidx);

/* The WebAssembly 2.0 text format (core/wat.c). Parses a module written as
 * `(module $id? field*)` or as bare fields, and encodes it in the binary
 * format: on success *out is a malloc'ed buffer of *out_size bytes that the
 * caller frees, and the result still has to be loaded (validated) with
 * wd_module_load. Text that is malformed (syntax, literal out of range,
 * unknown name, inline type mismatch, ...) fails with WD_ERR_MALFORMED,
 * err->line and err->col where it was found (err->offset is WD_NO_OFFSET,
 * err->file is opts->name), so wd_error_format gives "FILE:LINE:COL: what".
 * opts may be NULL; opts->features enables the tail-call and multi-memory
 * syntax. text need not be NUL-terminated. wd_module_load_file() takes a
 * text module as well as a binary one. The $ids of the module and of its
 * functions go into a "name" custom section (as wat2wasm --debug-names
 * writes them), so that backtraces and profiles of text modules show them,
 * unless opts->no_name_section. */
bool wd_wat_to_wasm(const char *text, size_t len, const wd_load_options *opts,
                    uint8_t **out, size_t *out_size, wd_error *err);
/* Does a module file start like the text format: white space, a comment or
 * '(' (a binary module starts with "\0asm")? */
bool wd_wat_is_text(const uint8_t *bytes, size_t size);
/* For callers that keep a module's bytes: if the malloc'ed *bytes are text,
 * replaces them (freed) by their binary encoding; binary bytes are left
 * alone. False, with err set and *bytes untouched, if the text is malformed. */
bool wd_wat_binary_in_place(uint8_t **bytes, size_t *size, const wd_load_options *opts,
                            wd_error *err);

typedef enum wd_externkind {
    WD_EXTERN_FUNC = 0,
    WD_EXTERN_TABLE = 1,
    WD_EXTERN_MEMORY = 2,
    WD_EXTERN_GLOBAL = 3,
} wd_externkind;

typedef struct wd_functype {
    uint32_t nparams, nresults;
    const wd_valtype *params;   /* borrowed from the module or caller */
    const wd_valtype *results;
} wd_functype;

typedef struct wd_limits {
    uint64_t min;
    uint64_t max;       /* valid only if has_max */
    bool has_max;
} wd_limits;

typedef struct wd_import_desc {
    const char *module, *name;
    wd_externkind kind;
    wd_functype func;              /* kind == FUNC */
    wd_valtype elem_type;          /* kind == TABLE */
    wd_limits limits;              /* TABLE, MEMORY */
    wd_valtype global_type;        /* kind == GLOBAL */
    bool global_mutable;
} wd_import_desc;

typedef struct wd_export_desc {
    const char *name;
    wd_externkind kind;
    uint32_t index;                /* in the module's index space of that kind */
} wd_export_desc;

uint32_t wd_module_import_count(const wd_module *m);
void wd_module_import(const wd_module *m, uint32_t i, wd_import_desc *out);
uint32_t wd_module_export_count(const wd_module *m);
void wd_module_export(const wd_module *m, uint32_t i, wd_export_desc *out);
uint32_t wd_module_func_count(const wd_module *m);       /* imports included */
wd_functype wd_module_func_type(const wd_module *m, uint32_t funcidx);
/* Name from the name section, else an export name, else NULL. */
const char *wd_module_func_name(const wd_module *m, uint32_t funcidx);
/* Byte range of the function body in the file (0,0 for imports). */
void wd_module_func_range(const wd_module *m, uint32_t funcidx,
                          uint64_t *body_start, uint64_t *body_end);
/* Offset of the Code section's contents in the file (DWARF addresses are
 * relative to it). */
uint64_t wd_module_code_section_offset(const wd_module *m);

typedef struct wd_custom_section {
    const char *name;
    const uint8_t *data;
    size_t size;
    uint64_t offset;     /* file offset of data */
} wd_custom_section;

/* A data segment. An active segment's place in memory is known before
 * instantiation only when its offset is a constant (i32.const / i64.const):
 * has_offset. bytes point into the module (valid while it lives). */
typedef struct wd_data_segment {
    bool active;
    bool has_offset;
    uint32_t memory;
    uint64_t offset;
    const uint8_t *bytes;
    uint32_t size;
    const char *name;    /* from the name section (".data", ".rodata"), or NULL */
} wd_data_segment;

uint32_t wd_module_data_count(const wd_module *m);
/* False if i is out of range. */
bool wd_module_data(const wd_module *m, uint32_t i, wd_data_segment *out);
/* Memory memidx's initial size in bytes (its minimum), 0 if there is none. */
uint64_t wd_module_memory_initial(const wd_module *m, uint32_t memidx);

uint32_t wd_module_custom_count(const wd_module *m);
void wd_module_custom(const wd_module *m, uint32_t i, wd_custom_section *out);

/* ---------------------------------------------------------------- store */

typedef struct wd_store wd_store;
typedef struct wd_instance wd_instance;
typedef struct wd_table wd_table;
typedef struct wd_memory wd_memory;
typedef struct wd_global wd_global;
typedef struct wd_exec wd_exec;

typedef struct wd_store_options {
    uint32_t max_call_depth;     /* 0: default (10000 frames) */
    uint64_t max_stack_slots;    /* 0: default (1M slots = 8 MiB) */
} wd_store_options;

wd_store *wd_store_new(const wd_store_options *opts);
void wd_store_free(wd_store *s);

/* A host function. args_results points at the argument slots (each value
 * one uint64 slot, v128 two, in parameter order); the function writes its
 * results into the same array from slot 0. Return 0 to continue, or a
 * wd_trap code to trap, or WD_HOST_EXIT after wd_exec_request_exit(). */
typedef int (*wd_host_fn)(wd_exec *x, void *env, uint64_t *args_results);

wd_func *wd_func_new_host(wd_store *s, const wd_functype *type,
                          wd_host_fn fn, void *env, const char *debug_name);
wd_table *wd_table_new(wd_store *s, wd_valtype elem, wd_limits lim, wd_ref init,
                       wd_error *err);
wd_memory *wd_memory_new(wd_store *s, wd_limits pages, wd_error *err);
wd_global *wd_global_new(wd_store *s, wd_value v, bool mutable_);

wd_functype wd_func_type(const wd_func *f);

/* Resolves an import request: return the extern to use, or NULL to fail
 * linking ("unknown import"). kind tells which member of *out to set. */
typedef union wd_extern {
    wd_func *func;
    wd_table *table;
    wd_memory *memory;
    wd_global *global;
} wd_extern;

typedef bool (*wd_import_resolver)(void *user, const wd_import_desc *imp,
                                   wd_extern *out);

/* Links, allocates and initialises an instance and runs its start function.
 * Fails with WD_ERR_LINK (imports), WD_ERR_UNINSTANTIABLE (a segment out of
 * bounds or a trap in start; err->msg then holds the trap message). */
wd_instance *wd_instance_new(wd_store *s, const wd_module *m,
                             wd_import_resolver resolve, void *user,
                             wd_error *err);

const wd_module *wd_instance_module(const wd_instance *inst);
bool wd_instance_export(const wd_instance *inst, const char *name,
                        wd_externkind *kind, wd_extern *out);
/* The same for a name of len bytes, which may contain NUL bytes. */
bool wd_instance_export_n(const wd_instance *inst, const char *name, size_t len,
                          wd_externkind *kind, wd_extern *out);
wd_func *wd_instance_func(const wd_instance *inst, uint32_t funcidx);
wd_memory *wd_instance_memory(const wd_instance *inst, uint32_t memidx);
wd_global *wd_instance_global(const wd_instance *inst, uint32_t globalidx);
wd_table *wd_instance_table(const wd_instance *inst, uint32_t tableidx);

/* Memory, tables, globals. */
uint8_t *wd_memory_data(wd_memory *mem);
uint64_t wd_memory_size(const wd_memory *mem);          /* bytes */
/* Bounds-checked copies; false if [addr, addr+len) is outside. */
bool wd_memory_read(const wd_memory *mem, uint64_t addr, void *dst, size_t len);
bool wd_memory_write(wd_memory *mem, uint64_t addr, const void *src, size_t len);
/* Grows by delta pages; returns the old size in pages or -1. */
int64_t wd_memory_grow(wd_memory *mem, uint64_t delta_pages);

uint32_t wd_table_size(const wd_table *t);
bool wd_table_get(const wd_table *t, uint32_t i, wd_ref *out);
bool wd_table_set(wd_table *t, uint32_t i, wd_ref v);

wd_value wd_global_get(const wd_global *g);
bool wd_global_set(wd_global *g, wd_value v);   /* false if immutable or wrong type */
bool wd_global_is_mutable(const wd_global *g);

/* ---------------------------------------------------------------- traps */

typedef enum wd_trap {
    WD_TRAP_NONE = 0,
    WD_TRAP_UNREACHABLE,          /* "unreachable" */
    WD_TRAP_INT_OVERFLOW,         /* "integer overflow" */
    WD_TRAP_INT_DIV_ZERO,         /* "integer divide by zero" */
    WD_TRAP_INVALID_CONVERSION,   /* "invalid conversion to integer" */
    WD_TRAP_MEM_OOB,              /* "out of bounds memory access" */
    WD_TRAP_TABLE_OOB,            /* "out of bounds table access" */
    WD_TRAP_UNDEFINED_ELEMENT,    /* "undefined element" */
    WD_TRAP_UNINIT_ELEMENT,       /* "uninitialized element" */
    WD_TRAP_INDIRECT_TYPE,        /* "indirect call type mismatch" */
    WD_TRAP_STACK_EXHAUSTED,      /* "call stack exhausted" */
    WD_TRAP_NULL_REF,             /* "null reference" */
    WD_TRAP_HOST,                 /* a host function trapped; see message */
    WD_TRAP_PROBE,                /* a probe asked for a trap */
    WD_TRAP__COUNT
} wd_trap;

/* The spec's wording for each trap. */
const char *wd_trap_message(wd_trap t);

/* ---------------------------------------------------------------- execution */

typedef enum wd_stop {
    WD_STOP_DONE = 0,     /* the invoked function returned; results are ready */
    WD_STOP_TRAP,         /* trapped; see wd_exec_trap() and the frames */
    WD_STOP_BREAK,        /* a probe returned WD_PROBE_STOP; resumable */
    WD_STOP_BUDGET,       /* the instruction budget ran out; resumable */
    WD_STOP_INTERRUPT,    /* wd_exec_interrupt() was called; resumable */
    WD_STOP_EXIT,         /* a host function called wd_exec_request_exit() */
    WD_STOP_BLOCKED,      /* a host function returned WD_HOST_BLOCKED; resumable */
} wd_stop;

#define WD_HOST_EXIT (-1)
/* A host function that would have to wait (e.g. for input) may return this instead, writing
 * nothing into args_results (the same slots are read again): the call is undone, the exec
 * stops with WD_STOP_BLOCKED at the call instruction, and wd_exec_resume makes the same call
 * again (its probes do not fire twice). An entry function (wd_exec_call of a host function)
 * has nothing to come back to: that traps. */
#define WD_HOST_BLOCKED (-2)

/* The store's execution context (one per store). */
wd_exec *wd_store_exec(wd_store *s);

/* Starts a call of f with args; runs until it stops. On WD_STOP_DONE the
 * results are in results[0..nresults). Other stops leave the call suspended
 * (BREAK, BUDGET, INTERRUPT: resume with wd_exec_resume) or finished (TRAP,
 * EXIT: the exec is reset by the next wd_exec_call). */
wd_stop wd_exec_call(wd_exec *x, wd_func *f, const wd_value *args, uint32_t nargs,
                     wd_value *results, uint32_t nresults);
wd_stop wd_exec_resume(wd_exec *x, wd_value *results, uint32_t nresults);
/* Abandons a suspended call. */
void wd_exec_reset(wd_exec *x);
bool wd_exec_suspended(const wd_exec *x);

/* Budget in instructions (approximate: counted per straight-line run at
 * safepoints, which are function entries and loop back-edges). 0 = none.
 * When it runs out the exec stops with WD_STOP_BUDGET. */
void wd_exec_set_budget(wd_exec *x, uint64_t insns);
/* Total instructions counted at safepoints since the store was created. */
uint64_t wd_exec_insn_count(const wd_exec *x);

/* Async-signal-safe: asks the running code to stop at its next safepoint. */
void wd_exec_interrupt(wd_exec *x);

/* Called by a host function before returning WD_HOST_EXIT. */
void wd_exec_request_exit(wd_exec *x, int code);
int wd_exec_exit_code(const wd_exec *x);

wd_trap wd_exec_trap(const wd_exec *x);
/* Full trap text, e.g. "integer divide by zero" or a host's own message. */
const char *wd_exec_trap_message(const wd_exec *x);
/* Lets a host function set a custom message before returning WD_TRAP_HOST. */
void wd_exec_set_trap_message(wd_exec *x, const char *msg);

/* The memory of the instance whose function is running (for host calls). */
wd_memory *wd_exec_caller_memory(wd_exec *x, uint32_t memidx);

/* ---------------------------------------------------------------- frames */

typedef struct wd_frame_info {
    const wd_instance *instance;   /* NULL for a host function frame */
    uint32_t funcidx;              /* in the instance's module */
    const char *func_name;         /* may be NULL */
    uint64_t offset;               /* wasm byte offset (file-relative) of the
                                      current instruction; for callers, the call */
    uint32_t nlocals;              /* params + locals */
    uint32_t stack_height;         /* operand stack values in this frame */
} wd_frame_info;

/* Frames are numbered from the innermost (0) outwards, as in gdb. */
uint32_t wd_exec_frame_count(const wd_exec *x);
bool wd_exec_frame(const wd_exec *x, uint32_t depth, wd_frame_info *out);
bool wd_exec_frame_local(const wd_exec *x, uint32_t depth, uint32_t localidx,
                         wd_value *out);
bool wd_exec_frame_set_local(wd_exec *x, uint32_t depth, uint32_t localidx,
                             wd_value v);
/* Operand stack value i (0 = bottom of this frame's stack). */
bool wd_exec_frame_stack(const wd_exec *x, uint32_t depth, uint32_t i,
                         wd_value *out);

/* Formats "#0  name+0x1c (offset 0x2a3)" lines for every frame into buf. */
size_t wd_exec_backtrace(const wd_exec *x, char *buf, size_t size);

/* ---------------------------------------------------------------- probes */

typedef enum wd_probe_action {
    WD_PROBE_CONTINUE = 0,
    WD_PROBE_STOP,         /* stop before the instruction runs: WD_STOP_BREAK */
    WD_PROBE_TRAP,         /* trap with WD_TRAP_PROBE */
} wd_probe_action;

/* A linear-memory access the instruction about to run will make. The
 * engine derives it from the internal instruction's operands, so a fused
 * instruction (a folded address computation, a float op with a memory
 * operand, a read-modify-write) reports the access it contains, with the
 * offset of the wasm load/store it came from. An access the instruction
 * will trap on (out of bounds) is reported too. */
enum { WD_MEM_READ = 1, WD_MEM_WRITE = 2 };   /* wd_mem_access.kind bits */
typedef struct wd_mem_access {
    uint64_t offset;        /* wasm file offset of the load/store/bulk-memory instruction */
    uint64_t addr;          /* effective address (memarg offset added) */
    uint64_t size;          /* bytes; a bulk operation's length (may be 0) */
    uint32_t mem;           /* memory index */
    uint8_t kind;           /* WD_MEM_READ, WD_MEM_WRITE, or both (read-modify-write) */
} wd_mem_access;

typedef struct wd_probe_event {
    const wd_instance *instance;
    uint32_t funcidx;
    uint64_t offset;        /* wasm file offset of the instruction about to run */
    uint16_t opcode;        /* wasm opcode: byte, or (prefix << 8 | sub) for 0xFC/0xFD
                               sub-opcodes below 256 */
    /* The memory accesses of the instruction about to run: none, one, or
     * two for memory.copy (the source read, then the destination write).
     * Computed only when a probe fires, so they cost nothing otherwise. */
    uint32_t nmem;
    wd_mem_access mem[2];
} wd_probe_event;

typedef wd_probe_action (*wd_probe_fn)(wd_exec *x, const wd_probe_event *ev,
                                       void *user);

/* A local probe patches one instruction of the module's compiled code: it
 * fires each time that instruction is about to run, in every instance of
 * the module. offset is the wasm file offset of an instruction inside
 * function funcidx. Returns a probe id > 0, or 0 with err filled. */
uint32_t wd_probe_add_local(wd_module *m, uint32_t funcidx, uint64_t offset,
                            wd_probe_fn fn, void *user, wd_error *err);
bool wd_probe_remove_local(wd_module *m, uint32_t id);

/* A global probe fires before every instruction in this exec: the
 * interpreter switches to a second dispatch table while one is set.
 * Watchpoints are global probes that look at the event's mem[] accesses. */
uint32_t wd_probe_add_global(wd_exec *x, wd_probe_fn fn, void *user);
/* A memory probe is a global probe that fires only before instructions
 * that access linear memory (ev->nmem >= 1; fused ones included). While
 * every global probe of the exec is a memory probe, the interpreter uses a
 * third dispatch table in which only those instructions leave the fast
 * path, so watching memory costs nothing on the other instructions. A
 * memory probe's callback may add a global probe (e.g. to look at the
 * instruction after a store): it takes effect from the next instruction.
 * Removed with wd_probe_remove_global. */
uint32_t wd_probe_add_memory(wd_exec *x, wd_probe_fn fn, void *user);
bool wd_probe_remove_global(wd_exec *x, uint32_t id);

/* Bytes [addr, addr + size) of memory `mem`. */
typedef struct wd_mem_range {
    uint32_t mem;
    uint64_t addr, size;
} wd_mem_range;
/* Narrows memory probe id (wd_probe_add_memory) to the instructions that
 * touch one of the n ranges (copied), or that run while fewer than min_frames
 * frames are on the stack (wd_exec_frame_count: a watched local's frame has
 * returned). Every other access is checked inside the interpreter and never
 * reaches the callback, so a watchpoint costs a comparison per access, not a
 * call. n == 0 and min_frames == 0 make the probe never fire. ranges == NULL
 * removes the filter. False if id is not a memory probe of x or on OOM. */
bool wd_probe_filter_memory(wd_exec *x, uint32_t id, const wd_mem_range *ranges, uint32_t n,
                            uint32_t min_frames);

/* Safepoint hook: called at a safepoint when the budget counter runs out
 * for a reason registered here (the profiler's sampling). period is in
 * counted instructions; 0 removes it. */
typedef void (*wd_tick_fn)(wd_exec *x, void *user);
void wd_exec_set_tick(wd_exec *x, uint64_t period, wd_tick_fn fn, void *user);
/* Async-signal-safe: requests a tick callback before the next instruction
 * the interpreter dispatches, with the innermost frame stopped at that
 * instruction (wd_exec_frame reports its offset), so a sampler sees where
 * execution was, not the next safepoint. Where that is not possible (a
 * build without computed goto, or another thread's interpreter consumed
 * the request's dispatch detour) the tick comes at the next safepoint. */
void wd_exec_request_tick(wd_exec *x);
/* The same from a signal handler that knows the interrupted program counter
 * (the ucontext's): if it lies in the JIT tier's code of x's running
 * function, the tick, which then comes at the next safepoint, can still say
 * where the signal hit (wd_exec_tick_native). pc 0: wd_exec_request_tick. */
void wd_exec_request_tick_pc(wd_exec *x, uintptr_t pc);
/* During a tick requested by wd_exec_request_tick_pc whose signal hit native
 * code: the sample stands for the outermost *nframes frames of the stack
 * (wd_exec_frame depths frame_count - *nframes .. frame_count - 1; the
 * deeper ones were entered after the signal) with the innermost of them at
 * wasm file offset *offset. False otherwise (the interpreter's exact tick,
 * a signal outside native code, or that frame has returned since). */
bool wd_exec_tick_native(const wd_exec *x, uint32_t *nframes, uint64_t *offset);
/* During a tick taken where a loop's backward branch ran the counter out:
 * the wasm file offset of that branch instruction (in the innermost frame's
 * function), while wd_exec_frame reports the loop header the branch jumped
 * to. False during any other tick (a function entry, an exact tick). Of a
 * loop with several backward branches, the last one in the code. A
 * sampler attributes such a sample to the branch, which ends the loop body
 * just run: compilers often put a loop's header outside the inlined
 * function the loop belongs to (its first instructions are the caller's). */
bool wd_exec_tick_backedge(const wd_exec *x, uint64_t *offset);

#ifdef __cplusplus
}
#endif
#endif /* WD_H */
