/* wd_dwarf.h: the source-level view of a module, from its DWARF custom sections.
 *
 * wd_dwarf reads the `.debug_*` custom sections that clang/rustc leave in a
 * module (DWARF 4 and 5, mixed) with libdwarf for the DIE tree and with its own
 * small readers for line programs, range lists, location lists and location
 * expressions (libdwarf 20210528 cannot decode DW_OP_WASM_location).
 *
 * Addresses: every "addr" here is a DWARF code address, i.e. an offset from
 * the start of the Code section's contents (wd_module_code_section_offset()),
 * the same numbers llvm-symbolizer and llvm-dwarfdump use. A file offset is
 * addr + wd_module_code_section_offset(m).
 *
 * Laziness: wd_dwarf_open() only reads each compilation unit's header and its
 * unit DIE (name, ranges). A unit's line program is decoded the first time an
 * address or a file of that unit is asked about; its DIE tree (functions,
 * inlined frames, variables) the first time a function or variable is.
 *
 * Ownership:
 *  - wd_dwarf borrows the module: the section bytes stay in the module, so
 *    free the wd_dwarf before the module.
 *  - Every string and every struct pointer returned by this API (file names,
 *    function names, wd_dw_var, wd_dw_type) is owned by the wd_dwarf and lives
 *    until wd_dwarf_close().
 *
 * Bad input: a truncated or corrupt unit is reported once through the warning
 * callback (default: "wasmdbg: warning: ..." on stderr) and skipped; the rest
 * keeps working. libdwarf is always called with an error pointer, so it never
 * aborts the process.
 */
#ifndef WD_WD_DWARF_H
#define WD_WD_DWARF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wd.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wd_dwarf wd_dwarf;

typedef void (*wd_dwarf_warn_fn)(void *user, const char *msg);

/* Opens the DWARF of m. Returns NULL with err->status WD_ERR_NOTFOUND when the
 * module has no .debug_info, or WD_ERR_MALFORMED when libdwarf rejects the
 * sections as a whole. warn may be NULL (stderr). */
wd_dwarf *wd_dwarf_open(const wd_module *m, wd_dwarf_warn_fn warn, void *warn_user,
                        wd_error *err);
void wd_dwarf_close(wd_dwarf *d);

const wd_module *wd_dwarf_module(const wd_dwarf *d);

/* ------------------------------------------------------------ summary */

typedef struct wd_dwarf_summary {
    uint32_t units;            /* compilation units */
    uint32_t units_v[6];       /* units by DWARF version (index 2..5) */
    uint64_t debug_bytes;      /* total size of the .debug_* sections */
    uint32_t functions;        /* subprograms with code (parses every unit) */
    uint32_t inlined;          /* inlined subroutine instances */
    uint32_t line_rows;        /* line table rows (without end_sequence rows) */
    uint32_t files;            /* distinct source files in line tables */
} wd_dwarf_summary;

/* full = false fills only units/units_v/debug_bytes (instant). */
void wd_dwarf_summarize(wd_dwarf *d, bool full, wd_dwarf_summary *out);

/* What the parsed units hold, in bytes (for bench/dwarf). vars is part of arena,
 * which also holds ranges, names and types. */
typedef struct wd_dwarf_mem {
    uint64_t line_rows;        /* rows and sequences (malloc'd) */
    uint64_t scopes;           /* malloc'd */
    uint64_t vars;
    uint64_t arena;
    uint64_t types;            /* the type cache's hash table */
} wd_dwarf_mem;
void wd_dwarf_memory(const wd_dwarf *d, wd_dwarf_mem *out);

typedef struct wd_dwarf_unit_info {
    const char *name, *comp_dir, *producer;
    uint16_t version;
    uint32_t language;         /* DW_LANG_* */
    uint64_t offset;           /* of the unit DIE in .debug_info */
} wd_dwarf_unit_info;

uint32_t wd_dwarf_unit_count(const wd_dwarf *d);
bool wd_dwarf_unit(const wd_dwarf *d, uint32_t i, wd_dwarf_unit_info *out);

/* ------------------------------------------------------------ line table */

enum {
    WD_DW_ROW_STMT = 1u << 0,          /* is_stmt */
    WD_DW_ROW_END_SEQUENCE = 1u << 1,  /* first address after a sequence */
    WD_DW_ROW_PROLOGUE_END = 1u << 2,
    WD_DW_ROW_EPILOGUE_BEGIN = 1u << 3,
    WD_DW_ROW_BASIC_BLOCK = 1u << 4,
};

typedef struct wd_dw_row {
    uint32_t addr;
    uint32_t line;
    uint32_t column;
    uint32_t flags;                /* WD_DW_ROW_* */
    const char *file;              /* full path as llvm-symbolizer prints it, or "" */
    uint32_t discriminator;
} wd_dw_row;

/* The row that covers addr (last row at or before it in its sequence).
 * Tombstoned sequences (dead code removed by the linker) are dropped. */
bool wd_dwarf_line_at(wd_dwarf *d, uint32_t addr, wd_dw_row *out);

/* Calls fn for every row of every unit (unit order, then row order,
 * end_sequence rows included), or only rows whose file matches `file`
 * (see wd_dwarf_file_matches) when file is not NULL. Stops early when fn
 * returns false. */
typedef bool (*wd_dw_row_fn)(void *user, const wd_dw_row *row);
void wd_dwarf_each_row(wd_dwarf *d, const char *file, wd_dw_row_fn fn, void *user);

/* A user-typed file name matches a table path when they are equal or the
 * path ends with "/" + name. */
bool wd_dwarf_file_matches(const char *path, const char *name);

/* Breakpoint addresses for file:line: every address where a row of that
 * line starts a statement (is_stmt, and the previous row of the sequence is
 * a different line or file), across every unit and every inlined copy.
 * Writes up to max sorted, distinct addresses; returns how many there are. If
 * the line has no code, the next line that has some is used and *line_used
 * says which (NULL allowed). */
size_t wd_dwarf_line_addrs(wd_dwarf *d, const char *file, uint32_t line,
                           uint32_t *out, size_t max, uint32_t *line_used);

/* ------------------------------------------------------------ functions */

typedef struct wd_dw_frame {
    const char *function;      /* demangled when possible; NULL when unknown (as
                                  llvm-symbolizer: the linkage name, demangled) */
    const char *source_name;   /* what the source calls it, for people: function, except
                                  where the linkage name is another plain symbol, where it
                                  is DW_AT_name (main for clang's __main_argc_argv) */
    const char *linkage_name;  /* mangled name or NULL */
    const char *file;          /* "" when unknown */
    uint32_t line, column;
    uint32_t discriminator;
    const char *decl_file;     /* where the function is declared, or "" */
    uint32_t decl_line;
    uint32_t low_pc;           /* start of the (inlined) function's first range */
    bool inlined;              /* an inlined_subroutine frame */
    bool from_name_section;    /* function named by the name section, not DWARF */
} wd_dw_frame;

/* Symbolizes addr into frames, innermost first (llvm-symbolizer --inlines):
 * frame 0's location comes from the line table, frame i's from frame i-1's
 * call site. Returns the number of frames there are (may exceed max); 0 when
 * nothing at all is known. When no DWARF function covers addr and
 * name_fallback is true, the name section names the (single) frame. */
size_t wd_dwarf_symbolize(wd_dwarf *d, uint32_t addr, bool name_fallback,
                          wd_dw_frame *out, size_t max);

typedef struct wd_dw_func {
    const char *name;          /* demangled when possible */
    const char *linkage_name;  /* or NULL */
    uint32_t low_pc, high_pc;  /* first range, [low, high) */
    const char *decl_file;
    uint32_t decl_line;
} wd_dw_func;

/* Calls fn for every out-of-line function with code, in unit order. */
typedef bool (*wd_dw_func_fn)(void *user, const wd_dw_func *f);
void wd_dwarf_each_func(wd_dwarf *d, wd_dw_func_fn fn, void *user);

/* Finds an out-of-line function by name (DWARF name, linkage name or
 * demangled name). */
bool wd_dwarf_find_func(wd_dwarf *d, const char *name, wd_dw_func *out);

/* The entry (lowest) address of every inlined copy of the function named name, in unit
 * order. Returns how many there are (may exceed max). */
size_t wd_dwarf_inlined_entries(wd_dwarf *d, const char *name, uint32_t *out, size_t max);

/* ------------------------------------------------------------ values */

/* How the evaluator reads the paused program. Every callback returns false
 * when the value is not available. Local, global and operand stack values
 * are the raw 64-bit slot (i32 zero-extended, floats as bits). */
typedef struct wd_dw_target {
    void *user;
    bool (*read_local)(void *user, uint32_t index, uint64_t *out);
    bool (*read_global)(void *user, uint32_t index, uint64_t *out);
    /* index as in DW_OP_WASM_location 2: counted from the bottom of the
     * frame's operand stack */
    bool (*read_stack)(void *user, uint32_t index, uint64_t *out);
    bool (*read_memory)(void *user, uint64_t addr, void *dst, size_t len);
    /* optional (may be NULL): the name of the function a C function pointer designates,
     * i.e. slot `index` of the instance's function table, into buf */
    bool (*func_name)(void *user, uint64_t index, char *buf, size_t size);
} wd_dw_target;

/* The result of evaluating a location expression: up to 16 pieces. */
typedef enum wd_dw_loc_kind {
    WD_DW_LOC_NONE = 0,        /* optimized out / unavailable here */
    WD_DW_LOC_MEMORY,          /* in linear memory at addr */
    WD_DW_LOC_VALUE,           /* the value itself (DW_OP_stack_value, locals) */
    WD_DW_LOC_IMPLICIT,        /* DW_OP_implicit_value bytes */
} wd_dw_loc_kind;

typedef struct wd_dw_piece {
    wd_dw_loc_kind kind;
    uint64_t addr;             /* MEMORY */
    uint64_t value;            /* VALUE */
    uint8_t bytes[16];         /* IMPLICIT (first 16 bytes) */
    uint32_t size;             /* bytes; 0 = the whole object (no DW_OP_piece) */
    bool in_local;             /* VALUE: held in wasm local `local` of the frame (a register
                                  location, DW_OP_WASM_location 0 N): it can be assigned */
    uint32_t local;
} wd_dw_piece;

typedef struct wd_dw_location {
    uint32_t npieces;
    wd_dw_piece pieces[16];
    char error[96];            /* why evaluation failed, or "" */
} wd_dw_location;

typedef struct wd_dw_expr_ctx {
    const wd_dw_target *target;
    const uint8_t *frame_base; /* DW_AT_frame_base expression, or NULL */
    size_t frame_base_len;
    wd_dwarf *dwarf;           /* for DW_OP_addrx; may be NULL */
    const void *unit;          /* internal: the unit, for DW_OP_addrx */
} wd_dw_expr_ctx;

/* Evaluates one DWARF location expression (raw bytes) in ctx. Returns false
 * with out->error set on an unknown op, malformed bytes or an unreadable
 * operand; returns true with npieces == 0 for an empty expression. */
bool wd_dwarf_eval_expr(const uint8_t *expr, size_t len, const wd_dw_expr_ctx *ctx,
                        wd_dw_location *out);

typedef struct wd_dw_var wd_dw_var;    /* a variable or parameter (borrowed) */
typedef struct wd_dw_type wd_dw_type;  /* a type (borrowed) */

/* Variables visible at addr in the frame `inline_depth` of the chain that
 * wd_dwarf_symbolize gives (0 = innermost): parameters first, then locals of
 * the innermost lexical block outwards. Globals are not included. Returns
 * how many there are (may exceed max). */
size_t wd_dwarf_vars_at(wd_dwarf *d, uint32_t addr, uint32_t inline_depth,
                        const wd_dw_var **out, size_t max);
/* Global variables of every unit (parses every unit). */
size_t wd_dwarf_globals(wd_dwarf *d, const wd_dw_var **out, size_t max);
/* Looks a variable up by name in the scopes at addr, then among globals. */
const wd_dw_var *wd_dwarf_find_var(wd_dwarf *d, uint32_t addr, uint32_t inline_depth,
                                   const char *name);

const char *wd_dw_var_name(const wd_dw_var *v);
bool wd_dw_var_is_param(const wd_dw_var *v);
const wd_dw_type *wd_dw_var_type(wd_dwarf *d, const wd_dw_var *v);

/* The result type of the out-of-line function whose code contains addr: false if there is
 * no such function; true with *type NULL for a void function. */
bool wd_dwarf_func_result(wd_dwarf *d, uint32_t addr, const wd_dw_type **type);

/* The type's name as C writes it ("int", "struct point *", "int [4]"). */
char *wd_dw_type_name(wd_dwarf *d, const wd_dw_type *t, char *buf, size_t size);
/* The type as gdb's ptype shows it: typedefs resolved, and the struct, union, class or
 * enum under the pointers and arrays written out with its members ("struct node {\n
 *     int value;\n    struct node *next;\n} *", "enum color {RED, GREEN = 5, BLUE}"). */
char *wd_dw_type_ptype(wd_dwarf *d, const wd_dw_type *t, char *buf, size_t size);
uint64_t wd_dw_type_size(wd_dwarf *d, const wd_dw_type *t);

/* ------------------------------------------------------------ types */

/* What a type DIE is (its own tag: typedefs and qualifiers are kinds too). */
typedef enum wd_dw_type_kind {
    WD_DW_TYPE_OTHER = 0,
    WD_DW_TYPE_BASE,           /* int, float, _Bool, char ... (see wd_dw_type_encoding) */
    WD_DW_TYPE_POINTER,
    WD_DW_TYPE_REFERENCE,      /* C++ & */
    WD_DW_TYPE_RVALUE_REFERENCE,
    WD_DW_TYPE_STRUCT,
    WD_DW_TYPE_CLASS,
    WD_DW_TYPE_UNION,
    WD_DW_TYPE_ENUM,
    WD_DW_TYPE_ARRAY,
    WD_DW_TYPE_FUNCTION,       /* DW_TAG_subroutine_type */
    WD_DW_TYPE_TYPEDEF,
    WD_DW_TYPE_CONST,
    WD_DW_TYPE_VOLATILE,
    WD_DW_TYPE_RESTRICT,
    WD_DW_TYPE_ATOMIC,
} wd_dw_type_kind;

/* How a base type's bits are read (DW_AT_encoding). */
typedef enum wd_dw_encoding {
    WD_DW_ENC_NONE = 0,        /* not a base type (nor an enum) */
    WD_DW_ENC_SIGNED,
    WD_DW_ENC_UNSIGNED,
    WD_DW_ENC_FLOAT,
    WD_DW_ENC_BOOL,
    WD_DW_ENC_SIGNED_CHAR,
    WD_DW_ENC_UNSIGNED_CHAR,
    WD_DW_ENC_OTHER,           /* complex, UTF, decimal ... */
} wd_dw_encoding;

/* Types are borrowed from d (see Ownership above); NULL stands for void
 * everywhere. Functions marked "through typedefs" first strip typedefs and
 * const/volatile/restrict/_Atomic, the others look at t itself. */
wd_dw_type_kind wd_dw_type_kind_of(const wd_dw_type *t);
/* The DIE's own name ("int", "point" for struct point, "uint" for a
 * typedef), or NULL for anonymous and derived types. */
const char *wd_dw_type_die_name(const wd_dw_type *t);
/* Offset of the type's DIE in .debug_info; 0 for the types this API makes
 * (wd_dw_type_pointer_to, sub-arrays of wd_dw_type_array_element). */
uint64_t wd_dw_type_offset(const wd_dw_type *t);
/* A declaration only (struct s; without a body). */
bool wd_dw_type_is_declaration(const wd_dw_type *t);
/* t without typedefs and qualifiers. */
const wd_dw_type *wd_dw_type_strip(wd_dwarf *d, const wd_dw_type *t);
/* t's DW_AT_type: the pointee, the array element (of the last dimension),
 * the typedef's or qualifier's type, an enum's underlying type, a
 * function's return type; NULL for void or none. */
const wd_dw_type *wd_dw_type_target(wd_dwarf *d, const wd_dw_type *t);
/* Through typedefs: a base type's encoding, an enum's underlying one
 * (UNSIGNED when the enum has none), WD_DW_ENC_NONE otherwise. */
wd_dw_encoding wd_dw_type_encoding(wd_dwarf *d, const wd_dw_type *t);

/* Through typedefs: an array's dimensions, outermost first. Writes up to
 * max counts (UINT64_MAX for an unknown bound, as in `int a[]`) and returns
 * how many dimensions there are (0 if t is not an array). */
uint32_t wd_dw_type_array_dims(wd_dwarf *d, const wd_dw_type *t, uint64_t *counts,
                               uint32_t max);
/* Through typedefs: what indexing an array once gives: the element type for
 * one dimension; for `int [2][3]`, a made type `int [3]` (owned by d). */
const wd_dw_type *wd_dw_type_array_element(wd_dwarf *d, const wd_dw_type *t);

/* A struct, class or union member, or a C++ base class (is_base). */
typedef struct wd_dw_member {
    const char *name;          /* NULL for an anonymous struct/union member or a base */
    const wd_dw_type *type;
    uint64_t offset;           /* bytes from the start of the object */
    bool is_base;              /* DW_TAG_inheritance */
    bool is_bitfield;
    uint32_t bit_size;         /* bitfields: width, and offset from byte `offset`, */
    uint32_t bit_offset;       /* counted from the least significant bit */
} wd_dw_member;

/* Through typedefs: members and bases of a struct, class or union, in
 * declaration order (0 for other types). */
uint32_t wd_dw_type_member_count(wd_dwarf *d, const wd_dw_type *t);
bool wd_dw_type_member(wd_dwarf *d, const wd_dw_type *t, uint32_t i, wd_dw_member *out);

/* Through typedefs: the enumerators of an enum type. */
uint32_t wd_dw_type_enumerator_count(wd_dwarf *d, const wd_dw_type *t);
bool wd_dw_type_enumerator(wd_dwarf *d, const wd_dw_type *t, uint32_t i, const char **name,
                           int64_t *value);

/* Through typedefs: parameter types of a function type (count; varargs
 * `...` is not counted but sets *varargs when not NULL). */
uint32_t wd_dw_type_param_count(wd_dwarf *d, const wd_dw_type *t, bool *varargs);
const wd_dw_type *wd_dw_type_param(wd_dwarf *d, const wd_dw_type *t, uint32_t i);

/* A pointer type to t, made once and owned by d; NULL when t is itself a
 * made type or NULL. Its size is the unit's address size. */
const wd_dw_type *wd_dw_type_pointer_to(wd_dwarf *d, const wd_dw_type *t);
/* An array of count elements of type t (gdb's `*p@count`), made once per (t, count); NULL if t
 * is not a type DIE of the module. */
const wd_dw_type *wd_dw_type_array_of(wd_dwarf *d, const wd_dw_type *t, uint64_t count);

/* A named type among the types decoded so far (the types of variables that
 * were looked at): "struct point", "union u", "enum color" find tagged
 * types, a bare name finds a base type or a typedef. Declarations are
 * skipped. NULL when none. */
const wd_dw_type *wd_dwarf_find_type(wd_dwarf *d, const char *name);

/* Formats an object of type t the way wd_dwarf_format_var prints a
 * variable: from linear memory at addr (read through target), or from
 * `bytes` (a value held outside memory, e.g. a register or a computed
 * scalar; missing bytes are zero). Strings behind char pointers are read
 * through target. Returns the length written (NUL-terminated, truncated). */
size_t wd_dwarf_format_memory(wd_dwarf *d, const wd_dw_type *t, uint64_t addr,
                              const wd_dw_target *target, char *buf, size_t size);
size_t wd_dwarf_format_bytes(wd_dwarf *d, const wd_dw_type *t, const void *bytes, size_t n,
                             const wd_dw_target *target, char *buf, size_t size);
/* Same, for an evaluated location (wd_dwarf_var_location, wd_dwarf_eval_expr). */
size_t wd_dwarf_format_location(wd_dwarf *d, const wd_dw_type *t, const wd_dw_location *loc,
                                const wd_dw_target *target, char *buf, size_t size);

/* ------------------------------------------------------------ the engine as a target */

/* The evaluator's callbacks over a paused engine (core/wd.h frames API):
 * locals and operand stack values of frame `depth` of x (0 = innermost),
 * globals and memory 0 of inst (or, when inst is NULL, of the instance
 * running that frame). x may be NULL: then only globals and memory are
 * available. The reader holds the state; it must outlive the target. */
typedef struct wd_dw_frame_reader {
    const wd_exec *x;
    const wd_instance *inst;
    uint32_t depth;
} wd_dw_frame_reader;

void wd_dwarf_frame_reader(wd_dw_frame_reader *r, const wd_exec *x, const wd_instance *inst,
                           uint32_t depth, wd_dw_target *out);

/* ------------------------------------------------------------ variables (continued) */

/* Where v lives at addr (location lists are resolved against addr; the
 * frame base comes from the enclosing subprogram). */
bool wd_dwarf_var_location(wd_dwarf *d, const wd_dw_var *v, uint32_t addr,
                           const wd_dw_target *target, wd_dw_location *out);

/* Formats v's value at addr the way gdb prints it, e.g.
 * "{x = 1, y = 2, name = 0x41d \"origin\"}" or "<optimized out>".
 * Returns the length written (always NUL-terminated, truncated to size). */
size_t wd_dwarf_format_var(wd_dwarf *d, const wd_dw_var *v, uint32_t addr,
                           const wd_dw_target *target, char *buf, size_t size);

/* ------------------------------------------------------------ sources */

/* Source path remapping: `set substitute-path FROM TO` and --source-dir. */
void wd_dwarf_add_substitution(wd_dwarf *d, const char *from, const char *to);
void wd_dwarf_add_source_dir(wd_dwarf *d, const char *dir);
/* Resolves a table path to a readable file (applying substitutions, then
 * source dirs with the path's trailing components); returns a malloc'd
 * string or NULL (and warns once per missing file). */
char *wd_dwarf_source_path(wd_dwarf *d, const char *path);
/* Line `line` (1-based) of a source file, without its newline, into buf.
 * Files are read once and cached. False when unavailable. */
bool wd_dwarf_source_line(wd_dwarf *d, const char *path, uint32_t line, char *buf,
                          size_t size);

/* Demangles Itanium C++ (_Z...: the subset clang emits for ordinary code,
 * printed as GNU c++filt does), Rust legacy (_ZN...17h<hash>E, printed
 * without the hash, as rustfilt does) and Rust v0 (_R..., paths, generic
 * arguments, basic and compound types, without crate disambiguators).
 * Returns a malloc'd string, or NULL when name is not mangled, malformed or
 * uses what this demangler does not know (the caller shows it mangled). */
char *wd_demangle(const char *name);

#ifdef __cplusplus
}
#endif
#endif /* WD_WD_DWARF_H */
