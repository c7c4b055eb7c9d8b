/* prof_internal.h: the profile's data model, shared by the profiler's own files.
 *
 * Everything is kept in growable arrays indexed by small ids, assigned in first-seen order
 * (so output order never depends on addresses or hash values):
 *   strings  interned text; id 0 is ""
 *   modules  modules seen (display name, max offset seen)
 *   funcs    source-level functions: (name, file, module, kind); one per distinct name+file
 *   lines    chains of (func, line, column) per location, innermost first
 *   locs     distinct (module, funcidx, offset, kind) locations, each with its chain
 *   nodes    the stack tree: node 0 is the root; a node is (parent, loc) and holds the
 *            samples and weight of the stacks that end exactly there ("self")
 * A hash index (open addressing over ids) finds strings, funcs, locs and child nodes.
 */
#ifndef WD_PROF_INTERNAL_H
#define WD_PROF_INTERNAL_H

#include "prof.h"

#include <signal.h>
#include <time.h>

/* ---------------------------------------------------------------- hash index */

/* Open addressing table of ids (slot value id + 1; 0 = empty). The caller computes hashes
 * and compares keys. */
typedef struct wdp_index {
    uint32_t *slots;
    uint32_t cap;       /* power of two or 0 */
    uint32_t count;
} wdp_index;

static inline uint64_t wdp_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

uint64_t wdp_hash_bytes(const void *data, size_t n, uint64_t seed);

/* ---------------------------------------------------------------- records */

enum { WDP_KIND_WASM = 0, WDP_KIND_HOST = 1 };

typedef struct wdp_module {
    const wd_module *m;
    uint32_t name;           /* string id */
    uint64_t max_offset;
} wdp_module;

typedef struct wdp_func {
    uint32_t name, file;     /* string ids */
    uint32_t module;         /* module index, UINT32_MAX for host frames */
    uint32_t funcidx;        /* of the containing wasm function (first seen) */
    uint32_t first_line;     /* first known line seen in this function (0: none) */
    uint8_t kind;
} wdp_func;

typedef struct wdp_line {
    uint32_t func;
    uint32_t line, column;
} wdp_line;

typedef struct wdp_loc {
    const wd_module *m;      /* key */
    uint32_t funcidx;        /* key */
    uint64_t offset;         /* key */
    uint32_t name;           /* key for host locations (string id), else 0 */
    uint8_t kind;            /* key */
    uint32_t module;         /* module index or UINT32_MAX */
    uint32_t first_line;     /* into lines */
    uint32_t nlines;         /* >= 1, innermost first */
} wdp_loc;

typedef struct wdp_node {
    uint32_t parent;         /* node id; the root's is UINT32_MAX */
    uint32_t loc;
    uint32_t depth;          /* root 0 */
    uint64_t self_samples, self_weight;
} wdp_node;

struct wd_prof {
    wd_prof_options opts;
    char *program;

    /* strings */
    char **strs;
    uint32_t nstrs, cstrs;
    wdp_index str_idx;

    wdp_module *mods;
    uint32_t nmods, cmods;

    wdp_func *funcs;
    uint32_t nfuncs, cfuncs;
    wdp_index func_idx;

    wdp_line *lines;
    uint32_t nlines, clines;

    wdp_loc *locs;
    uint32_t nlocs, clocs;
    wdp_index loc_idx;

    wdp_node *nodes;
    uint32_t nnodes, cnodes;
    wdp_index node_idx;

    uint64_t samples, weight, dropped;

    /* scratch: one sample's locations, root first */
    uint32_t *scratch;
    uint32_t cscratch;

    /* running state */
    wd_exec *exec;
    bool running;
    uint64_t last_insns;     /* insns mode: wd_exec_insn_count at the previous sample */
    uint64_t last_tsc;       /* cycles mode: TSC at the previous sample */
    int timer_kind;          /* prof_timer.c */
    int timer_fd;
    timer_t timer_id;
    bool timer_has_id;
    const char *timer_name;
    uint64_t start_ns, stop_ns, run_ns;  /* wall time (cycles mode only) */
    uint64_t start_tsc, run_tsc;
    uint64_t start_cpu_ns, run_cpu_ns;   /* thread CPU time (cycles mode only) */
    uint64_t self_ticks;     /* cycles mode: TSC ticks in our signal handler and sampling */

    /* host calls */
    uint32_t host_depth;
    uint32_t host_names[16]; /* string ids of "[ns:name]" for the innermost calls */
};

/* prof.c */
uint32_t wdp_intern(wd_prof *p, const char *s);      /* UINT32_MAX on out of memory */
static inline const char *wdp_str(const wd_prof *p, uint32_t id) { return p->strs[id]; }
/* Reads the TSC (or monotonic ns where there is no TSC). */
uint64_t wdp_now_ticks(void);
uint64_t wdp_now_ns(void);

/* prof_timer.c: the cycles-mode timer. The signal handler calls wdp_timer_fired(). */
bool wdp_timer_start(wd_prof *p, char *err, size_t errsize);
void wdp_timer_stop(wd_prof *p);
/* True (and cleared) if a timer signal arrived since the last call. */
bool wdp_timer_take_pending(void);
/* TSC ticks spent inside the signal handler since the timer started (its own cost, which
 * the kernel's interrupt and signal delivery around it are not part of). */
uint64_t wdp_timer_handler_ticks(void);

/* ---------------------------------------------------------------- aggregated trees */

/* A tree over source-level frames, built from the stack tree. With by_line, frames are
 * (func, line) pairs (Gecko); without, functions only (folded, SVG, speedscope, top).
 * Inlined frames are flagged. Node 0 is the root. */
typedef struct wdp_tnode {
    uint32_t parent;
    uint32_t func;
    uint32_t line;
    bool inlined;
    uint32_t depth;
    uint64_t self_samples, self_weight;
    uint64_t total_samples, total_weight;
    uint32_t first_child, next_sibling;   /* UINT32_MAX terminated; children in id order */
} wdp_tnode;

typedef struct wdp_tree {
    wdp_tnode *n;
    uint32_t count, cap;
    wdp_index idx;
    uint32_t *node_map;       /* stack-tree node -> tree node */
} wdp_tree;

bool wdp_tree_build(const wd_prof *p, bool by_line, wdp_tree *t);
void wdp_tree_free(wdp_tree *t);

/* ---------------------------------------------------------------- output helpers */

/* A growable byte buffer. */
typedef struct wdp_buf {
    uint8_t *data;
    size_t len, cap;
    bool failed;
} wdp_buf;

void wdp_buf_put(wdp_buf *b, const void *d, size_t n);
void wdp_buf_putc(wdp_buf *b, uint8_t c);
void wdp_buf_puts(wdp_buf *b, const char *s);
void wdp_buf_printf(wdp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wdp_buf_free(wdp_buf *b);
/* JSON string literal with quotes. */
void wdp_buf_json_str(wdp_buf *b, const char *s);
/* XML-escaped text. */
void wdp_buf_xml(wdp_buf *b, const char *s);

/* Writers (prof_write.c, prof_pprof.c, prof_svg.c); false on out of memory. */
bool wdp_write_folded(const wd_prof *p, bool samples, wdp_buf *b);
bool wdp_write_speedscope(const wd_prof *p, wdp_buf *b);
bool wdp_write_callgrind(const wd_prof *p, wdp_buf *b);
bool wdp_write_gecko(const wd_prof *p, wdp_buf *b);
bool wdp_write_pprof(const wd_prof *p, wdp_buf *b);   /* gzipped */
bool wdp_write_svg(const wd_prof *p, wdp_buf *b);
bool wdp_write_top(const wd_prof *p, size_t max_rows, wdp_buf *b);

/* gzip with stored DEFLATE blocks; CRC-32 (IEEE). */
void wdp_gzip(const uint8_t *data, size_t n, wdp_buf *out);
uint32_t wdp_crc32(uint32_t crc, const uint8_t *data, size_t n);

/* The name of a tree frame as written in folded/SVG output (no ';' or newlines). */
void wdp_frame_label(const wd_prof *p, uint32_t func, bool inlined, wdp_buf *b);

#endif
