/* module.h: the decoded form of a module, private to core/.
 *
 * decode.c fills a wd_module from the file's bytes; validate.c checks it;
 * compile.c turns each function body into internal code; instance.c builds
 * runtime objects from it. Everything here lives in the module's arena
 * (m->arena) and is freed at once by wd_module_free(). Pointers to bytes
 * (names, bodies, data segments, custom sections) point into m->bytes, the
 * module's own copy of the file (a private read-only mapping of it when
 * loaded from a file: never written).
 *
 * Index spaces (functions, tables, memories, globals) list imports first,
 * exactly as the spec numbers them.
 */
#ifndef WD_MODULE_H
#define WD_MODULE_H

#include "wd.h"
#include "arena.h"

/* A function type. param_slots/result_slots count 64-bit slots (v128 = 2). */
typedef struct wd_ftype {
    uint32_t nparams, nresults;
    wd_valtype *params;
    wd_valtype *results;
    uint32_t param_slots, result_slots;
} wd_ftype;

/* A constant expression: the raw bytes of its instructions including the
 * final `end`, evaluated at instantiation (instance.c). */
typedef struct wd_constexpr {
    const uint8_t *code;
    uint32_t len;
    uint64_t offset;       /* file offset of code[0] */
} wd_constexpr;

typedef struct wd_mfunc {
    uint32_t typeidx;
    int32_t import;        /* index into m->imports, or -1 if defined here */
    /* defined functions only: */
    uint32_t nlocals;      /* declared locals, params excluded */
    wd_valtype *locals;    /* nlocals entries, expanded */
    const uint8_t *body;   /* first instruction (after local declarations) */
    uint32_t body_len;     /* up to and including the final `end` */
    uint64_t body_offset;  /* file offset of body[0] */
    uint64_t entry_offset; /* file offset of the function entry (its size LEB) */
    uint64_t end_offset;   /* file offset just past the function */
    const char *name;      /* from the name section (NUL-terminated, arena), or NULL */
    struct wd_cfunc *code; /* compiled code (compile.c): a stub until first called */
} wd_mfunc;

typedef struct wd_mtable {
    wd_valtype elem;       /* WD_FUNCREF or WD_EXTERNREF */
    wd_limits lim;
    int32_t import;
} wd_mtable;

typedef struct wd_mmemory {
    wd_limits lim;         /* in 64 KiB pages */
    bool is64;             /* memory64: not enabled yet, kept for the design */
    int32_t import;
} wd_mmemory;

typedef struct wd_mglobal {
    wd_valtype type;
    bool mut;
    int32_t import;
    wd_constexpr init;     /* defined globals only */
} wd_mglobal;

typedef struct wd_mimport {
    const char *module;    /* NUL-terminated copies in the arena */
    const char *name;
    wd_externkind kind;
    uint32_t index;        /* its index in that kind's index space */
    uint64_t offset;
} wd_mimport;

typedef struct wd_mexport {
    const char *name;      /* NUL-terminated copy in the arena */
    uint32_t name_len;     /* names may contain NUL bytes: compare with len */
    wd_externkind kind;
    uint32_t index;
} wd_mexport;

enum { WD_SEG_ACTIVE = 0, WD_SEG_PASSIVE = 1, WD_SEG_DECLARATIVE = 2 };

typedef struct wd_melem {
    uint8_t mode;          /* WD_SEG_* */
    uint32_t table;        /* active only */
    wd_constexpr offset;   /* active only */
    wd_valtype type;       /* WD_FUNCREF or WD_EXTERNREF */
    uint32_t count;
    /* Either func_indices (the legacy funcidx-vector forms) or exprs. */
    uint32_t *func_indices;
    wd_constexpr *exprs;
    uint64_t offset_in_file;
} wd_melem;

typedef struct wd_mdata {
    uint8_t mode;          /* WD_SEG_ACTIVE or WD_SEG_PASSIVE */
    uint32_t memory;
    wd_constexpr offset;
    const uint8_t *bytes;
    uint32_t len;
    uint64_t offset_in_file;
    const char *name;      /* name section subsection 9 (arena), or NULL */
} wd_mdata;

typedef struct wd_mcustom {
    const char *name;      /* NUL-terminated copy */
    const uint8_t *data;
    uint32_t size;
    uint64_t offset;       /* file offset of data[0] */
    uint8_t after_section; /* id of the last known section before it (0: none) */
} wd_mcustom;

struct wd_module {
    wd_arena arena;
    uint8_t *bytes;        /* owned copy of the file, or its read-only mapping */
    size_t size;
    bool bytes_mapped;     /* bytes is an mmap of the file (wd_module_load_file) */
    char name[128];        /* for error messages */
    uint32_t features;     /* WD_FEATURE_* */

    wd_ftype *types;          uint32_t ntypes;
    wd_mimport *imports;      uint32_t nimports;
    wd_mfunc *funcs;          uint32_t nfuncs, nfunc_imports;
    wd_mtable *tables;        uint32_t ntables, ntable_imports;
    wd_mmemory *memories;     uint32_t nmemories, nmemory_imports;
    wd_mglobal *globals;      uint32_t nglobals, nglobal_imports;
    wd_mexport *exports;      uint32_t nexports;
    wd_melem *elems;          uint32_t nelems;
    wd_mdata *datas;          uint32_t ndatas;
    wd_mcustom *customs;      uint32_t ncustoms;

    bool has_start;           uint32_t start;
    bool has_datacount;       uint32_t datacount;
    uint64_t code_section_offset;   /* file offset of the Code section's contents */
    const char *module_name;        /* name section, or NULL */

    /* Functions referenced outside function bodies (exports, elem segments,
     * global initialisers): the only ones ref.func may name in a body. */
    uint8_t *func_declared;         /* nfuncs flags, filled by the decoder */

    struct wd_probes *probes;       /* local probes (probe.c), NULL if none */
    uint32_t compile_flags;         /* wd__compile_flags when loaded (code.h) */
    uint8_t tier;                   /* WD_TIER_*: JIT-compile functions as they compile */
    struct wd_jitfn *jit_all;       /* every JIT-prepared function, freed with the module */
    struct wd_jitpool *jit_pool;    /* the pages their native code lives in (jit.c) */
    /* The compiler's working buffers, kept from one (lazy) compilation to the next:
     * grown afresh for each function they cost new pages every time. Owned by
     * compile.c, freed by wd__compile_free; NULL until the first compilation. */
    struct wd_cscratch *cscratch;
};

/* decode.c: parse bytes (already copied into m->bytes) into m. On error
 * fills err (status WD_ERR_MALFORMED, offset, message) and returns false. */
bool wd__decode(wd_module *m, wd_error *err);

/* validate.c: full WebAssembly 2.0 validation (+ enabled features). */
bool wd__validate(wd_module *m, wd_error *err);

/* compile.c: give every defined function its (stub) wd_cfunc; functions
 * are compiled on their first call (wd__compile_func), or all at once here
 * with WD_DUMP_CODE set. */
bool wd__compile(wd_module *m, wd_error *err);
/* Compiles function funcidx if it is still a stub (see code.h). */
bool wd__compile_func(wd_module *m, uint32_t funcidx, wd_error *err);
void wd__compile_free(wd_module *m);
/* Frees the compiler's working arrays (the next compilation allocates them
 * again): for tests of running out of memory while compiling. */
void wd__compile_drop_scratch(wd_module *m);

/* error.c helpers. */
void wd__error_set(wd_error *err, wd_status st, const char *file,
                   uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
