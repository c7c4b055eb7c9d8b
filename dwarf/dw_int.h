/* dw_int.h: private structures of the DWARF layer (dwarf/ only). */
#ifndef WD_DW_INT_H
#define WD_DW_INT_H

#include <libdwarf.h>
#include <dwarf.h>

#include "wd_dwarf.h"

/* ------------------------------------------------------------ libdwarf */

/* libdwarf (and the libelf and libz it needs) is loaded with dlopen by the
 * first wd_dwarf_open (dw_lib.c), not linked: the paths that never read
 * DWARF (`wasmdbg run`, spectest) then never map it, which is a third of
 * their start-up time and resident memory. Calls go through dw__lib; the
 * macros below keep the call sites plain. */
#define DW_LIB_FUNCS(X) \
    X(dwarf_attr) X(dwarf_child) X(dwarf_dealloc) X(dwarf_dealloc_die) X(dwarf_dieoffset) \
    X(dwarf_errmsg) X(dwarf_formblock) X(dwarf_formexprloc) X(dwarf_formsdata) \
    X(dwarf_formstring) X(dwarf_formudata) X(dwarf_global_formref) X(dwarf_hasattr) \
    X(dwarf_highpc_b) X(dwarf_lowpc) X(dwarf_next_cu_header_d) X(dwarf_object_finish) \
    X(dwarf_object_init_b) X(dwarf_offdie_b) X(dwarf_siblingof_b) X(dwarf_tag) \
    X(dwarf_whatform)

typedef struct dw_lib {
#define X(f) __typeof__(f) *p_##f;
    DW_LIB_FUNCS(X)
#undef X
} dw_lib;
extern dw_lib dw__lib;

/* Loads libdwarf once; false (with a message in msg) if it cannot. */
bool dw_lib_load(char *msg, size_t size);

#define dwarf_attr (*dw__lib.p_dwarf_attr)
#define dwarf_child (*dw__lib.p_dwarf_child)
#define dwarf_dealloc (*dw__lib.p_dwarf_dealloc)
#define dwarf_dealloc_die (*dw__lib.p_dwarf_dealloc_die)
#define dwarf_dieoffset (*dw__lib.p_dwarf_dieoffset)
#define dwarf_errmsg (*dw__lib.p_dwarf_errmsg)
#define dwarf_formblock (*dw__lib.p_dwarf_formblock)
#define dwarf_formexprloc (*dw__lib.p_dwarf_formexprloc)
#define dwarf_formsdata (*dw__lib.p_dwarf_formsdata)
#define dwarf_formstring (*dw__lib.p_dwarf_formstring)
#define dwarf_formudata (*dw__lib.p_dwarf_formudata)
#define dwarf_global_formref (*dw__lib.p_dwarf_global_formref)
#define dwarf_hasattr (*dw__lib.p_dwarf_hasattr)
#define dwarf_highpc_b (*dw__lib.p_dwarf_highpc_b)
#define dwarf_lowpc (*dw__lib.p_dwarf_lowpc)
#define dwarf_next_cu_header_d (*dw__lib.p_dwarf_next_cu_header_d)
#define dwarf_object_finish (*dw__lib.p_dwarf_object_finish)
#define dwarf_object_init_b (*dw__lib.p_dwarf_object_init_b)
#define dwarf_offdie_b (*dw__lib.p_dwarf_offdie_b)
#define dwarf_siblingof_b (*dw__lib.p_dwarf_siblingof_b)
#define dwarf_tag (*dw__lib.p_dwarf_tag)
#define dwarf_whatform (*dw__lib.p_dwarf_whatform)

/* ------------------------------------------------------------ arena */

typedef struct dw_chunk dw_chunk;
typedef struct dw_arena {
    dw_chunk *head;
    size_t used;     /* bytes allocated, for the memory target */
} dw_arena;

void *dw_alloc(dw_arena *a, size_t size);          /* zeroed, 8-aligned; NULL on OOM */
char *dw_strdup(dw_arena *a, const char *s);
void dw_arena_free(dw_arena *a);

/* Grow-by-doubling array helper: ensures room for one more element. */
bool dw_grow(void **ptr, size_t *cap, size_t n, size_t elem);

/* ------------------------------------------------------------ byte reader */

typedef struct dw_rd {
    const uint8_t *p, *end;
    bool bad;
} dw_rd;

static inline dw_rd dw_rd_make(const uint8_t *p, size_t n)
{
    dw_rd r = {p, p + n, false};
    return r;
}
uint64_t dw_uleb(dw_rd *r);
int64_t dw_sleb(dw_rd *r);
uint64_t dw_uN(dw_rd *r, unsigned n);              /* little-endian, n <= 8 */
const char *dw_cstr(dw_rd *r);                      /* NUL-terminated in place */
static inline uint8_t dw_u8(dw_rd *r) { return (uint8_t)dw_uN(r, 1); }
static inline bool dw_skip(dw_rd *r, uint64_t n)
{
    if (r->bad || n > (uint64_t)(r->end - r->p)) {
        r->bad = true;
        return false;
    }
    r->p += n;
    return true;
}

/* ------------------------------------------------------------ sections */

enum {
    DW_SEC_INFO, DW_SEC_ABBREV, DW_SEC_LINE, DW_SEC_STR, DW_SEC_LINE_STR,
    DW_SEC_STR_OFFSETS, DW_SEC_ADDR, DW_SEC_RANGES, DW_SEC_RNGLISTS, DW_SEC_LOC,
    DW_SEC_LOCLISTS, DW_SEC__COUNT
};

typedef struct dw_sec {
    const uint8_t *data;
    size_t size;
} dw_sec;

/* ------------------------------------------------------------ units */

typedef struct dw_range { uint32_t lo, hi; } dw_range;

typedef struct dw_lrow {        /* one line-table row, decoded (see dw_prow) */
    uint32_t addr;
    uint32_t line;
    uint16_t column;
    uint16_t file;              /* index into the unit's files[] */
    uint8_t flags;              /* WD_DW_ROW_* */
    uint8_t pad;
    uint16_t discr;
} dw_lrow;

/* A row as stored: 8 bytes. Rows are most of what a swept module holds, and nearly
 * all of them have a small line, column and file index and no discriminator, so
 * those pack into one word; any other row (and every end_sequence row) is kept
 * whole in the unit's xrows[] and its word holds DW_PROW_ESC | index. */
typedef struct dw_prow { uint32_t addr, info; } dw_prow;
#define DW_PROW_ESC 0x80000000u   /* (not an enum: C11 enum constants are ints) */
enum {
    DW_PROW_LINE_BITS = 15, DW_PROW_COL_BITS = 7, DW_PROW_FILE_BITS = 5,
    DW_PROW_COL_SHIFT = DW_PROW_LINE_BITS,
    DW_PROW_FILE_SHIFT = DW_PROW_COL_SHIFT + DW_PROW_COL_BITS,
    DW_PROW_FLAG_SHIFT = DW_PROW_FILE_SHIFT + DW_PROW_FILE_BITS,   /* 4 flag bits */
};

typedef struct dw_seq { uint32_t lo, hi; uint32_t first, last; } dw_seq; /* rows [first,last] incl. end row */

enum { DW_SC_SUBPROGRAM = 1, DW_SC_INLINED, DW_SC_BLOCK };

typedef struct dw_scope {       /* 72 bytes: pointers, 32-bit, then 16-bit fields: no holes */
    union {
        dw_range *ranges;       /* nranges > 1 (arena) */
        dw_range one;           /* nranges == 1: most scopes, kept inline */
    };
    const char *name;           /* the function's name for people (see shows_linkage) */
    const char *linkage;
    const uint8_t *frame_base;  /* subprograms */
    uint32_t parent;            /* scope index, UINT32_MAX for top level */
    uint32_t end;               /* index one past this scope's subtree */
    uint32_t nranges;
    uint32_t decl_line;
    uint32_t call_line;
    uint32_t first_var, nvars;  /* variables declared directly in this scope */
    /* file indexes as in line rows (0xffff: none), columns clamped as there */
    uint16_t decl_file;         /* DW_AT_decl_file (dw_unit_file) */
    uint16_t call_file, call_column;
    uint16_t frame_base_len;    /* a longer frame base is dropped, with a warning */
    uint16_t discr;
    uint8_t kind;
    /* The linkage name is a plain symbol of another name than DW_AT_name (clang gives C's
     * main(int, char **) the symbol __main_argc_argv): name is DW_AT_name, while the frame's
     * `function` stays the linkage name, as llvm-symbolizer prints it. Otherwise name is the
     * demangled linkage name, the linkage name itself when it does not demangle, or
     * DW_AT_name when there is no linkage name. (The byte the struct had spare.) */
    uint8_t shows_linkage;
} dw_scope;

/* The sizes bench/dwarf's memory figure rests on (64-bit hosts). */
_Static_assert(sizeof(void *) != 8 || sizeof(dw_scope) == 72, "dw_scope grew");
_Static_assert(sizeof(dw_prow) == 8, "dw_prow grew");

static inline const dw_range *dw_scope_ranges(const dw_scope *s)
{
    return s->nranges == 1 ? &s->one : s->ranges;
}

static inline bool dw_scope_has(const dw_scope *s, uint32_t addr)
{
    const dw_range *r = dw_scope_ranges(s);
    for (uint32_t i = 0; i < s->nranges; i++)
        if (addr >= r[i].lo && addr < r[i].hi)
            return true;
    return false;
}

enum { DW_LOC_NONE, DW_LOC_EXPR, DW_LOC_LIST, DW_LOC_CONST };

struct wd_dw_var {              /* 40 bytes (a swept module has hundreds of thousands); its
                                   unit is the one whose vars[] holds it */
    const char *name;
    const uint8_t *expr;        /* DW_LOC_EXPR / DW_LOC_CONST (block) */
    union {
        uint64_t list_off;      /* DW_LOC_LIST: offset in .debug_loc / .debug_loclists */
        int64_t const_val;      /* DW_LOC_CONST without block */
    };
    uint32_t type_off;          /* .debug_info offset of the type DIE, 0 = none (wasm32:
                                   sections are under 4 GiB) */
    uint32_t expr_len;
    uint32_t scope;             /* owning scope, UINT32_MAX for globals */
    uint8_t is_param, loc_kind;
};

_Static_assert(sizeof(void *) != 8 || sizeof(struct wd_dw_var) == 40, "wd_dw_var grew");

struct wd_dw_type {             /* a type DIE, decoded once */
    uint64_t off;
    uint16_t tag;
    uint16_t encoding;
    const char *name;
    uint64_t byte_size;
    bool has_size;
    uint64_t sub_off;           /* DW_AT_type */
    struct dw_unit *unit;
    /* children: members / enumerators / subranges / params */
    uint32_t nkids;
    struct dw_tkid *kids;
    bool declaration;
};

typedef struct dw_tkid {
    uint16_t tag;
    const char *name;
    uint64_t type_off;
    uint64_t member_off;        /* data_member_location */
    int64_t enum_val;
    uint64_t count;             /* subrange count (UINT64_MAX = unknown) */
    uint32_t bit_size, bit_off; /* bitfields: bit offset from the member's start, LSB first */
    bool is_bitfield;
} dw_tkid;

typedef struct dw_unit {
    uint64_t hdr_off;           /* offset of the unit header in .debug_info */
    uint64_t die_off;           /* offset of the unit DIE */
    uint16_t version;
    uint8_t addr_size;
    const char *name, *comp_dir, *producer;
    uint32_t language;
    bool has_stmt;
    uint64_t stmt_list;
    uint64_t addr_base, rnglists_base, loclists_base, str_offsets_base;
    uint32_t base_pc;
    dw_range *ranges;
    uint32_t nranges;
    bool broken;                /* warned and skipped */

    bool lines_done;
    const char **files;         /* full paths */
    uint32_t nfiles;
    uint32_t file_base;         /* 1 for DWARF < 5, 0 for 5 */
    dw_prow *rows;
    uint32_t nrows;
    dw_lrow *xrows;             /* rows that do not pack (dw_prow) */
    uint32_t nxrows;
    dw_seq *seqs;
    uint32_t nseqs;

    bool dies_done;
    dw_scope *scopes;           /* malloc'd (the rest of a unit's DIE data is arena) */
    uint32_t nscopes;
    struct wd_dw_var *vars;
    uint32_t nvars;
    uint32_t *sp_index;         /* subprogram scope indexes sorted by first range lo */
    dw_range *sp_ranges;        /* (one entry per range of each top-level subprogram) */
    uint32_t *sp_of_range;
    uint32_t nsp_ranges;
} dw_unit;

typedef struct dw_cu_range { uint32_t lo, hi, unit; } dw_cu_range;

typedef struct dw_tcache { uint64_t off; struct wd_dw_type *t; } dw_tcache;
typedef struct dw_tname { const char *name; uint64_t off; uint32_t unit; uint16_t tag; } dw_tname;

typedef struct dw_subst { char *from, *to; } dw_subst;
#define DW_MAX_WARNINGS 100   /* distinct warnings shown per module */

typedef struct dw_srcfile { char *path; char *data; size_t size; uint32_t *line_starts; uint32_t nlines; bool missing; } dw_srcfile;

struct wd_dwarf {
    const wd_module *m;
    wd_dwarf_warn_fn warn;
    void *warn_user;
    dw_arena arena;
    dw_sec sec[DW_SEC__COUNT];
    uint64_t debug_bytes;
    uint32_t code_size;         /* size of the Code section contents */

    Dwarf_Debug dbg;
    Dwarf_Obj_Access_Interface iface;
    Dwarf_Obj_Access_Methods methods;
    struct { const char *name; const uint8_t *data; size_t size; } *lsecs;
    uint32_t nlsecs;

    dw_unit *units;
    uint32_t nunits;
    dw_cu_range *cu_ranges;
    uint32_t ncu_ranges;

    dw_tcache *types;           /* open hash by offset */
    size_t ntypes, types_cap;
    struct dw_tname *tnames;    /* named types at the top of every unit, for lookups by name */
    uint32_t ntnames;
    bool tnames_done;

    dw_subst *substs;
    size_t nsubsts, substs_cap;
    char **srcdirs;
    size_t nsrcdirs, srcdirs_cap;
    dw_srcfile *srcfiles;
    size_t nsrcfiles, srcfiles_cap;

    char **warned;              /* messages already given */
    size_t nwarned, warned_cap;

    struct dw_made *made;       /* types made by the type API (pointer-to, sub-arrays) */
};

/* A type made by the type API (dw_type.c): freed by wd_dwarf_close. */
typedef struct dw_made {
    struct dw_made *next;
    struct wd_dw_type t;
    dw_tkid kids[8];
} dw_made;
void dw_made_free(wd_dwarf *d);

void dw_warn(wd_dwarf *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dw_dwerr(wd_dwarf *d, Dwarf_Error e);          /* frees a libdwarf error */

/* Unit access (dw_open.c). */
dw_unit *dw_unit_for_addr(wd_dwarf *d, uint32_t addr);
bool dw_unit_lines(wd_dwarf *d, dw_unit *u);        /* dw_line.c */

/* Row i of u, decoded. */
static inline dw_lrow dw_row(const dw_unit *u, uint32_t i)
{
    dw_prow p = u->rows[i];
    if (p.info & DW_PROW_ESC)
        return u->xrows[p.info & ~DW_PROW_ESC];
    dw_lrow r = {0};
    r.addr = p.addr;
    r.line = p.info & ((1u << DW_PROW_LINE_BITS) - 1);
    r.column = (uint16_t)((p.info >> DW_PROW_COL_SHIFT) & ((1u << DW_PROW_COL_BITS) - 1));
    r.file = (uint16_t)((p.info >> DW_PROW_FILE_SHIFT) & ((1u << DW_PROW_FILE_BITS) - 1));
    uint32_t f = (p.info >> DW_PROW_FLAG_SHIFT) & 0xf;
    r.flags = (uint8_t)((f & 1) | ((f & 0xe) << 1));   /* bit 1 is END_SEQUENCE */
    return r;
}
bool dw_unit_dies(wd_dwarf *d, dw_unit *u);         /* dw_die.c */
bool dw_addrx(wd_dwarf *d, const dw_unit *u, uint64_t index, uint64_t *out);
/* Range list at DW_AT_ranges value (an offset, or an index for rnglistx). */
bool dw_read_ranges(wd_dwarf *d, const dw_unit *u, uint64_t value, bool is_index,
                    dw_arena *a, dw_range **out, uint32_t *n);
/* Finds the expression of a location list live at addr. */
bool dw_loclist_find(wd_dwarf *d, const dw_unit *u, uint64_t off, uint32_t addr,
                     const uint8_t **expr, size_t *len, bool *found);
const char *dw_unit_file(const dw_unit *u, uint64_t index);
bool dw_is_tombstone(const wd_dwarf *d, uint64_t lo);
struct wd_dw_type *dw_type_get(wd_dwarf *d, dw_unit *u, uint64_t off);
/* The type named name (tag 0: a base type or typedef) declared at the top of any unit, found
 * in an index of their names built on the first call (the DIE trees are otherwise read only
 * where code is), or NULL. */
struct wd_dw_type *dw_type_by_name(wd_dwarf *d, uint16_t tag, const char *name);

#endif
