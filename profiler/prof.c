/* prof.c: the profile's data model (interning of strings, functions, locations and stacks),
 * sampling through the engine's tick hook, host-call attribution and the per-function rows.
 * The timer of cycles mode is in prof_timer.c, the writers in prof_write.c, prof_pprof.c
 * and prof_svg.c. */
#include "prof_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define WDP_HAVE_TSC 1
#endif

/* ---------------------------------------------------------------- clocks */

uint64_t wdp_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t wdp_now_ticks(void)
{
#ifdef WDP_HAVE_TSC
    return __rdtsc();
#else
    return wdp_now_ns();
#endif
}

/* ---------------------------------------------------------------- hashing */

uint64_t wdp_hash_bytes(const void *data, size_t n, uint64_t seed)
{
    /* FNV-1a, then a final mix. */
    const uint8_t *d = data;
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= d[i];
        h *= 0x100000001b3ull;
    }
    return wdp_mix(h);
}

typedef bool (*wdp_eq_fn)(const wd_prof *p, uint32_t id, const void *key);
typedef uint64_t (*wdp_rehash_fn)(const wd_prof *p, uint32_t id);

/* Finds the id whose key equals key; UINT32_MAX if absent. */
static uint32_t idx_find(const wd_prof *p, const wdp_index *ix, uint64_t h, wdp_eq_fn eq,
                         const void *key)
{
    if (ix->cap == 0)
        return UINT32_MAX;
    uint32_t mask = ix->cap - 1;
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        uint32_t s = ix->slots[i];
        if (s == 0)
            return UINT32_MAX;
        if (eq(p, s - 1, key))
            return s - 1;
    }
}

static void idx_put_raw(wdp_index *ix, uint64_t h, uint32_t id)
{
    uint32_t mask = ix->cap - 1;
    uint32_t i = (uint32_t)h & mask;
    while (ix->slots[i] != 0)
        i = (i + 1) & mask;
    ix->slots[i] = id + 1;
    ix->count++;
}

/* Makes room for one more id (grows at 50% load). */
static bool idx_reserve(const wd_prof *p, wdp_index *ix, wdp_rehash_fn rehash, uint32_t nids)
{
    if ((uint64_t)(ix->count + 1) * 2 <= ix->cap)
        return true;
    uint32_t ncap = ix->cap ? ix->cap * 2 : 64;
    if (ncap == 0 || ncap > (1u << 30))
        return false;
    uint32_t *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return false;
    free(ix->slots);
    ix->slots = ns;
    ix->cap = ncap;
    ix->count = 0;
    for (uint32_t id = 0; id < nids; id++)
        idx_put_raw(ix, rehash(p, id), id);
    return true;
}

/* Grows an array to hold n + 1 elements. */
static bool grow(void **arr, uint32_t *cap, uint32_t n, size_t elem)
{
    if (n < *cap)
        return true;
    uint32_t nc = *cap ? *cap * 2 : 16;
    if (nc <= *cap)
        return false;
    void *na = realloc(*arr, (size_t)nc * elem);
    if (!na)
        return false;
    *arr = na;
    *cap = nc;
    return true;
}

/* ---------------------------------------------------------------- strings */

static uint64_t str_hash(const char *s) { return wdp_hash_bytes(s, strlen(s), 1); }
static bool str_eq(const wd_prof *p, uint32_t id, const void *key)
{
    return strcmp(p->strs[id], key) == 0;
}
static uint64_t str_rehash(const wd_prof *p, uint32_t id) { return str_hash(p->strs[id]); }

uint32_t wdp_intern(wd_prof *p, const char *s)
{
    if (!s)
        s = "";
    uint64_t h = str_hash(s);
    uint32_t id = idx_find(p, &p->str_idx, h, str_eq, s);
    if (id != UINT32_MAX)
        return id;
    if (!idx_reserve(p, &p->str_idx, str_rehash, p->nstrs) ||
        !grow((void **)&p->strs, &p->cstrs, p->nstrs, sizeof *p->strs))
        return UINT32_MAX;
    char *copy = strdup(s);
    if (!copy)
        return UINT32_MAX;
    id = p->nstrs++;
    p->strs[id] = copy;
    idx_put_raw(&p->str_idx, h, id);
    return id;
}

/* ---------------------------------------------------------------- modules */

static uint32_t module_index(wd_prof *p, const wd_module *m)
{
    for (uint32_t i = 0; i < p->nmods; i++)
        if (p->mods[i].m == m)
            return i;
    if (!grow((void **)&p->mods, &p->cmods, p->nmods, sizeof *p->mods))
        return UINT32_MAX;
    char name[32];
    if (p->nmods == 0)
        snprintf(name, sizeof name, "module.wasm");
    else
        snprintf(name, sizeof name, "module%" PRIu32 ".wasm", p->nmods);
    uint32_t sid = wdp_intern(p, name);
    if (sid == UINT32_MAX)
        return UINT32_MAX;
    uint32_t i = p->nmods++;
    p->mods[i] = (wdp_module){.m = m, .name = sid, .max_offset = 0};
    return i;
}

void wd_prof_name_module(wd_prof *p, const wd_module *m, const char *name)
{
    uint32_t i = module_index(p, m);
    if (i == UINT32_MAX)
        return;
    /* The display name is the base name: outputs must not depend on the directory. */
    const char *base = strrchr(name, '/');
    uint32_t sid = wdp_intern(p, base ? base + 1 : name);
    if (sid != UINT32_MAX)
        p->mods[i].name = sid;
}

/* ---------------------------------------------------------------- functions */

typedef struct func_key {
    uint32_t name, file, module;
    uint8_t kind;
} func_key;

static uint64_t func_hash(const func_key *k)
{
    return wdp_mix(((uint64_t)k->name << 32 | k->file) ^ wdp_mix((uint64_t)k->module << 8 | k->kind));
}
static bool func_eq(const wd_prof *p, uint32_t id, const void *key)
{
    const func_key *k = key;
    const wdp_func *f = &p->funcs[id];
    return f->name == k->name && f->file == k->file && f->module == k->module &&
           f->kind == k->kind;
}
static uint64_t func_rehash(const wd_prof *p, uint32_t id)
{
    const wdp_func *f = &p->funcs[id];
    func_key k = {f->name, f->file, f->module, f->kind};
    return func_hash(&k);
}

static uint32_t func_intern(wd_prof *p, uint32_t name, uint32_t file, uint32_t module,
                            uint32_t funcidx, uint8_t kind)
{
    func_key k = {name, file, module, kind};
    uint64_t h = func_hash(&k);
    uint32_t id = idx_find(p, &p->func_idx, h, func_eq, &k);
    if (id != UINT32_MAX)
        return id;
    if (!idx_reserve(p, &p->func_idx, func_rehash, p->nfuncs) ||
        !grow((void **)&p->funcs, &p->cfuncs, p->nfuncs, sizeof *p->funcs))
        return UINT32_MAX;
    id = p->nfuncs++;
    p->funcs[id] = (wdp_func){.name = name, .file = file, .module = module,
                              .funcidx = funcidx, .kind = kind};
    idx_put_raw(&p->func_idx, h, id);
    return id;
}

/* ---------------------------------------------------------------- locations */

typedef struct loc_key {
    const wd_module *m;
    uint32_t funcidx;
    uint64_t offset;
    uint32_t name;
    uint8_t kind;
} loc_key;

static uint64_t loc_hash(const loc_key *k)
{
    return wdp_mix((uint64_t)(uintptr_t)k->m ^ wdp_mix(k->offset) ^
                   wdp_mix((uint64_t)k->funcidx << 32 | k->name) ^ k->kind);
}
static bool loc_eq(const wd_prof *p, uint32_t id, const void *key)
{
    const loc_key *k = key;
    const wdp_loc *l = &p->locs[id];
    return l->m == k->m && l->funcidx == k->funcidx && l->offset == k->offset &&
           l->name == k->name && l->kind == k->kind;
}
static uint64_t loc_rehash(const wd_prof *p, uint32_t id)
{
    const wdp_loc *l = &p->locs[id];
    loc_key k = {l->m, l->funcidx, l->offset, l->name, l->kind};
    return loc_hash(&k);
}

static bool add_line(wd_prof *p, uint32_t func, uint32_t line, uint32_t col)
{
    if (!grow((void **)&p->lines, &p->clines, p->nlines, sizeof *p->lines))
        return false;
    if (line && !p->funcs[func].first_line)
        p->funcs[func].first_line = line;
    p->lines[p->nlines++] = (wdp_line){func, line, col};
    return true;
}

/* The function name the engine knows for a wasm location (the name section's). Where the
 * DWARF does not name a function (no -g) this is what shows, so of wasi-libc's names around
 * C's main only the one that is main is shown as main: __main_argc_argv is clang's symbol
 * for main(int, char **) itself (clang 14 with wasm-ld already writes `main` into the name
 * section; a module whose name section kept the symbol still shows main). __main_void is
 * wasi-libc's function that calls it, a frame of its own, and __original_main is the user's
 * main(void) in one link but wasi-libc's caller of __main_void in another, which the name
 * alone cannot tell: both stay as they are. */
static uint32_t engine_func_name(wd_prof *p, const wd_module *m, uint32_t funcidx,
                                 const char *name)
{
    if (!name && m)
        name = wd_module_func_name(m, funcidx);
    if (name && strcmp(name, "__main_argc_argv") == 0)
        name = "main";
    char buf[32];
    if (!name || !*name) {
        snprintf(buf, sizeof buf, "func[%" PRIu32 "]", funcidx);
        name = buf;
    }
    return wdp_intern(p, name);
}

/* Symbolizes a new location: fills its line chain. */
static bool symbolize(wd_prof *p, wdp_loc *l, const char *engine_name)
{
    l->first_line = p->nlines;
    l->nlines = 0;
    if (l->kind == WDP_KIND_HOST) {
        uint32_t f = func_intern(p, l->name, 0, UINT32_MAX, 0, WDP_KIND_HOST);
        if (f == UINT32_MAX || !add_line(p, f, 0, 0))
            return false;
        l->nlines = 1;
        return true;
    }
    uint32_t modfile = l->module == UINT32_MAX ? 0 : p->mods[l->module].name;
    uint32_t fallback = engine_func_name(p, l->m, l->funcidx, engine_name);
    if (fallback == UINT32_MAX)
        return false;
    wd_prof_srcframe sf[32];
    uint32_t n = 0;
    if (p->opts.symbolize) {
        memset(sf, 0, sizeof sf);
        n = p->opts.symbolize(p->opts.symbolize_user, l->m, l->funcidx, l->offset, sf, 32);
        if (n > 32)
            n = 32;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t name = sf[i].function ? wdp_intern(p, sf[i].function)
                                       : (i + 1 == n ? fallback : wdp_intern(p, "??"));
        uint32_t file = sf[i].file ? wdp_intern(p, sf[i].file) : modfile;
        if (name == UINT32_MAX || file == UINT32_MAX)
            return false;
        uint32_t f = func_intern(p, name, file, l->module, l->funcidx, WDP_KIND_WASM);
        if (f == UINT32_MAX || !add_line(p, f, sf[i].file ? sf[i].line : 0, sf[i].column))
            return false;
    }
    if (n == 0) {
        uint32_t f = func_intern(p, fallback, modfile, l->module, l->funcidx, WDP_KIND_WASM);
        if (f == UINT32_MAX || !add_line(p, f, 0, 0))
            return false;
        n = 1;
    }
    l->nlines = n;
    return true;
}

static uint32_t loc_intern(wd_prof *p, const wd_module *m, uint32_t funcidx, uint64_t offset,
                           uint32_t host_name, uint8_t kind, const char *engine_name)
{
    loc_key k = {m, funcidx, offset, host_name, kind};
    uint64_t h = loc_hash(&k);
    uint32_t id = idx_find(p, &p->loc_idx, h, loc_eq, &k);
    if (id != UINT32_MAX)
        return id;
    if (!idx_reserve(p, &p->loc_idx, loc_rehash, p->nlocs) ||
        !grow((void **)&p->locs, &p->clocs, p->nlocs, sizeof *p->locs))
        return UINT32_MAX;
    uint32_t module = UINT32_MAX;
    if (kind == WDP_KIND_WASM && m) {
        module = module_index(p, m);
        if (module == UINT32_MAX)
            return UINT32_MAX;
        if (offset > p->mods[module].max_offset)
            p->mods[module].max_offset = offset;
    }
    wdp_loc l = {.m = m, .funcidx = funcidx, .offset = offset, .name = host_name,
                 .kind = kind, .module = module};
    uint32_t saved_lines = p->nlines;
    if (!symbolize(p, &l, engine_name)) {
        p->nlines = saved_lines;
        return UINT32_MAX;
    }
    id = p->nlocs++;
    p->locs[id] = l;
    idx_put_raw(&p->loc_idx, h, id);
    return id;
}

/* A host location named "[ns:name]" (or "[name]" without a namespace). */
static uint32_t host_loc(wd_prof *p, const char *ns, const char *name)
{
    char buf[160];
    if (ns && *ns)
        snprintf(buf, sizeof buf, "[%s:%s]", ns, name ? name : "?");
    else
        snprintf(buf, sizeof buf, "[%s]", name ? name : "?");
    for (char *c = buf; *c; c++)
        if (*c == ';' || *c == '\n' || *c == '\r')
            *c = '_';
    uint32_t sid = wdp_intern(p, buf);
    if (sid == UINT32_MAX)
        return UINT32_MAX;
    return loc_intern(p, NULL, 0, 0, sid, WDP_KIND_HOST, NULL);
}

/* ---------------------------------------------------------------- the stack tree */

typedef struct node_key {
    uint32_t parent, loc;
} node_key;

static uint64_t node_hash(const node_key *k) { return wdp_mix((uint64_t)k->parent << 32 | k->loc); }
static bool node_eq(const wd_prof *p, uint32_t id, const void *key)
{
    const node_key *k = key;
    return p->nodes[id].parent == k->parent && p->nodes[id].loc == k->loc;
}
static uint64_t node_rehash(const wd_prof *p, uint32_t id)
{
    node_key k = {p->nodes[id].parent, p->nodes[id].loc};
    return node_hash(&k);
}

static uint32_t node_child(wd_prof *p, uint32_t parent, uint32_t loc)
{
    node_key k = {parent, loc};
    uint64_t h = node_hash(&k);
    uint32_t id = idx_find(p, &p->node_idx, h, node_eq, &k);
    if (id != UINT32_MAX)
        return id;
    if (!idx_reserve(p, &p->node_idx, node_rehash, p->nnodes) ||
        !grow((void **)&p->nodes, &p->cnodes, p->nnodes, sizeof *p->nodes))
        return UINT32_MAX;
    id = p->nnodes++;
    p->nodes[id] = (wdp_node){.parent = parent, .loc = loc,
                              .depth = p->nodes[parent].depth + 1};
    idx_put_raw(&p->node_idx, h, id);
    return id;
}

/* Adds samples/weight to the stack scratch[0..n) (root first). */
static void record(wd_prof *p, uint32_t n, uint64_t samples, uint64_t weight)
{
    uint32_t node = 0;
    for (uint32_t i = 0; i < n; i++) {
        node = node_child(p, node, p->scratch[i]);
        if (node == UINT32_MAX) {
            p->dropped += samples;
            return;
        }
    }
    p->nodes[node].self_samples += samples;
    p->nodes[node].self_weight += weight;
    p->samples += samples;
    p->weight += weight;
}

static bool scratch_reserve(wd_prof *p, uint32_t n)
{
    if (n <= p->cscratch)
        return true;
    uint32_t nc = p->cscratch ? p->cscratch : 64;
    while (nc < n)
        nc *= 2;
    uint32_t *ns = realloc(p->scratch, (size_t)nc * sizeof *ns);
    if (!ns)
        return false;
    p->scratch = ns;
    p->cscratch = nc;
    return true;
}

/* Samples x's stack; host_leaf (a loc id, or UINT32_MAX) replaces a host frame at the top
 * of the engine's stack or is pushed on top of it. */
static void sample_exec(wd_prof *p, wd_exec *x, uint32_t host_leaf, uint64_t weight)
{
    uint32_t nf = wd_exec_frame_count(x);
    if (!scratch_reserve(p, nf + 1)) {
        p->dropped++;
        return;
    }
    /* At a loop's back-edge the innermost frame stands at the loop header; the branch that
     * jumped there ends the body just run, and it lies inside that body (clang often puts a
     * header's first instructions outside the inlined function the loop belongs to: its
     * samples went to the caller). */
    uint64_t edge_offset;
    bool at_edge = wd_exec_tick_backedge(x, &edge_offset);
    /* A timer signal that hit JIT code (taken at the next safepoint): the stack as it was
     * then, its innermost frame at the instruction the signal hit. */
    uint32_t keep = nf, top = 0;
    uint64_t native_offset = 0;
    bool native = wd_exec_tick_native(x, &keep, &native_offset);
    if (native) {
        top = nf - keep;
        at_edge = false;
    }
    uint32_t n = 0;
    for (uint32_t d = nf; d-- > top;) {
        wd_frame_info fi;
        if (!wd_exec_frame(x, d, &fi))
            continue;
        if (d == top && native && fi.instance != NULL)
            fi.offset = native_offset;
        if (d == 0 && at_edge && fi.instance != NULL)
            fi.offset = edge_offset;
        uint32_t loc;
        if (fi.instance == NULL) {
            if (d == 0 && host_leaf != UINT32_MAX)
                continue;   /* replaced by the named host frame below */
            loc = host_loc(p, "host", fi.func_name);
        } else {
            loc = loc_intern(p, wd_instance_module(fi.instance), fi.funcidx, fi.offset, 0,
                             WDP_KIND_WASM, fi.func_name);
        }
        if (loc == UINT32_MAX) {
            p->dropped++;
            return;
        }
        p->scratch[n++] = loc;
    }
    if (host_leaf != UINT32_MAX)
        p->scratch[n++] = host_leaf;
    if (n == 0)
        return;
    record(p, n, 1, weight);
}

void wd_prof_sample(wd_prof *p, wd_exec *x, uint64_t weight)
{
    /* At a safepoint wasm code is running (also when a host function called back into
     * wasm), so no host frame is added. */
    sample_exec(p, x, UINT32_MAX, weight);
}

void wd_prof_add_stack(wd_prof *p, const wd_prof_rawframe *frames, uint32_t n,
                       uint64_t samples, uint64_t weight)
{
    if (!scratch_reserve(p, n + 1)) {
        p->dropped += samples;
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        const wd_prof_rawframe *f = &frames[n - 1 - i];
        uint32_t loc;
        if (f->is_host) {
            char buf[160];
            snprintf(buf, sizeof buf, "%s", f->name ? f->name : "?");
            loc = host_loc(p, NULL, buf);
        } else {
            loc = loc_intern(p, f->module, f->funcidx, f->offset, 0, WDP_KIND_WASM, f->name);
        }
        if (loc == UINT32_MAX) {
            p->dropped += samples;
            return;
        }
        p->scratch[i] = loc;
    }
    if (n > 0)
        record(p, n, samples, weight);
}

/* ---------------------------------------------------------------- lifecycle */

static bool init_tables(wd_prof *p)
{
    if (wdp_intern(p, "") != 0)
        return false;
    if (!grow((void **)&p->nodes, &p->cnodes, 0, sizeof *p->nodes))
        return false;
    p->nodes[0] = (wdp_node){.parent = UINT32_MAX, .loc = UINT32_MAX, .depth = 0};
    p->nnodes = 1;
    return true;
}

wd_prof *wd_prof_new(const wd_prof_options *opts, char *err, size_t errsize)
{
    wd_prof_options o = {0};
    if (opts)
        o = *opts;
    if (o.mode != WD_PROF_INSNS && o.mode != WD_PROF_CYCLES) {
        snprintf(err, errsize, "unknown profiling mode %d", (int)o.mode);
        return NULL;
    }
    if (o.interval == 0)
        o.interval = o.mode == WD_PROF_INSNS ? WD_PROF_DEFAULT_INSNS : WD_PROF_DEFAULT_USEC;
    if (o.mode == WD_PROF_CYCLES && o.interval > 60u * 1000000u) {
        snprintf(err, errsize, "sampling interval %" PRIu64 " us is too long", o.interval);
        return NULL;
    }
    wd_prof *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    p->opts = o;
    p->timer_fd = -1;
    p->timer_name = "";
    p->program = strdup(o.program ? o.program : "wasm");
    p->opts.program = p->program;
    if (!p->program || !init_tables(p)) {
        wd_prof_free(p);
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    return p;
}

void wd_prof_clear(wd_prof *p)
{
    p->nodes[0].self_samples = p->nodes[0].self_weight = 0;
    p->nnodes = 1;
    free(p->node_idx.slots);
    p->node_idx = (wdp_index){0};
    p->samples = p->weight = p->dropped = 0;
    p->run_ns = p->run_tsc = p->run_cpu_ns = 0;
}

void wd_prof_free(wd_prof *p)
{
    if (!p)
        return;
    if (p->running)
        wd_prof_stop(p);
    for (uint32_t i = 0; i < p->nstrs; i++)
        free(p->strs[i]);
    free(p->strs);
    free(p->str_idx.slots);
    free(p->mods);
    free(p->funcs);
    free(p->func_idx.slots);
    free(p->lines);
    free(p->locs);
    free(p->loc_idx.slots);
    free(p->nodes);
    free(p->node_idx.slots);
    free(p->scratch);
    free(p->program);
    free(p);
}

static void tick(wd_exec *x, void *user)
{
    wd_prof *p = user;
    if (p->opts.mode == WD_PROF_INSNS) {
        uint64_t now = wd_exec_insn_count(x);
        uint64_t w = now - p->last_insns;
        p->last_insns = now;
        if (w == 0)
            w = p->opts.interval;
        wd_prof_sample(p, x, w);
    } else {
        if (!wdp_timer_take_pending())
            return;
        uint64_t now = wdp_now_ticks();
        uint64_t w = now - p->last_tsc;
        p->last_tsc = now;
        wd_prof_sample(p, x, w);
        p->self_ticks += wdp_now_ticks() - now;
    }
}

bool wd_prof_start(wd_prof *p, wd_exec *x, char *err, size_t errsize)
{
    if (p->running) {
        snprintf(err, errsize, "the profiler is already running");
        return false;
    }
    p->exec = x;
    p->host_depth = 0;
    if (p->opts.mode == WD_PROF_INSNS) {
        p->last_insns = wd_exec_insn_count(x);
        wd_exec_set_tick(x, p->opts.interval, tick, p);
    } else {
        /* The tick is only ever requested by the timer: a period that never runs out. */
        wd_exec_set_tick(x, (uint64_t)1 << 62, tick, p);
        p->start_ns = wdp_now_ns();
        p->start_cpu_ns = cpu_ns();
        p->start_tsc = p->last_tsc = wdp_now_ticks();
        if (!wdp_timer_start(p, err, errsize)) {
            wd_exec_set_tick(x, 0, NULL, NULL);
            p->exec = NULL;
            return false;
        }
    }
    p->running = true;
    return true;
}

void wd_prof_stop(wd_prof *p)
{
    if (!p->running)
        return;
    if (p->opts.mode == WD_PROF_CYCLES) {
        wdp_timer_stop(p);
        p->run_ns += wdp_now_ns() - p->start_ns;
        p->run_cpu_ns += cpu_ns() - p->start_cpu_ns;
        p->run_tsc += wdp_now_ticks() - p->start_tsc;
    }
    wd_exec_set_tick(p->exec, 0, NULL, NULL);
    p->running = false;
    p->exec = NULL;
}

bool wd_prof_running(const wd_prof *p) { return p->running; }

const char *wd_prof_timer_source(const wd_prof *p) { return p->timer_name; }

/* ---------------------------------------------------------------- host calls */

void wd_prof_host_enter_ns(wd_prof *p, const char *ns, const char *name)
{
    if (!p)
        return;
    if (p->host_depth < 16) {
        uint32_t loc = host_loc(p, ns, name);
        p->host_names[p->host_depth] = loc;
    }
    p->host_depth++;
}

void wd_prof_host_enter(wd_prof *p, const char *name) { wd_prof_host_enter_ns(p, "wasi", name); }

void wd_prof_host_leave(wd_prof *p)
{
    if (!p || p->host_depth == 0)
        return;
    if (p->running && p->opts.mode == WD_PROF_CYCLES && wdp_timer_take_pending()) {
        uint64_t now = wdp_now_ticks();
        uint64_t w = now - p->last_tsc;
        p->last_tsc = now;
        uint32_t leaf = p->host_names[(p->host_depth > 16 ? 16 : p->host_depth) - 1];
        sample_exec(p, p->exec, leaf, w);
    }
    p->host_depth--;
}

/* ---------------------------------------------------------------- statistics */

void wd_prof_get_stats(const wd_prof *p, wd_prof_stats *out)
{
    size_t bytes = sizeof *p;
    for (uint32_t i = 0; i < p->nstrs; i++)
        bytes += strlen(p->strs[i]) + 1;
    bytes += (size_t)p->cstrs * sizeof *p->strs + (size_t)p->str_idx.cap * 4;
    bytes += (size_t)p->cmods * sizeof *p->mods;
    bytes += (size_t)p->cfuncs * sizeof *p->funcs + (size_t)p->func_idx.cap * 4;
    bytes += (size_t)p->clines * sizeof *p->lines;
    bytes += (size_t)p->clocs * sizeof *p->locs + (size_t)p->loc_idx.cap * 4;
    bytes += (size_t)p->cnodes * sizeof *p->nodes + (size_t)p->node_idx.cap * 4;
    bytes += (size_t)p->cscratch * 4;
    uint32_t stacks = 0;
    for (uint32_t i = 1; i < p->nnodes; i++)
        stacks += p->nodes[i].self_samples || p->nodes[i].self_weight;
    *out = (wd_prof_stats){.samples = p->samples, .weight = p->weight,
                           .stacks = stacks, .nodes = p->nnodes - 1, .locations = p->nlocs,
                           .functions = p->nfuncs, .bytes = bytes, .dropped = p->dropped,
                           .self_ticks = p->self_ticks, .run_ticks = p->run_tsc,
                           .run_ns = p->run_ns};
    if (p->running && p->opts.mode == WD_PROF_CYCLES)
        out->self_ticks += wdp_timer_handler_ticks();
}

wd_prof_mode wd_prof_get_mode(const wd_prof *p) { return p->opts.mode; }

const char *wd_prof_weight_unit(const wd_prof *p)
{
    return p->opts.mode == WD_PROF_INSNS ? "instructions" : "cycles";
}

/* ---------------------------------------------------------------- source-level trees */

typedef struct tree_key {
    uint32_t parent, func, line;
    bool inlined;
} tree_key;

static uint64_t tree_hash(const tree_key *k)
{
    return wdp_mix((uint64_t)k->parent << 32 | k->func) ^ wdp_mix((uint64_t)k->line << 1 | k->inlined);
}

/* The tree index is keyed on a wdp_tree, not the profile: small local versions of the
 * index helpers. */
static uint32_t tree_find(const wdp_tree *t, uint64_t h, const tree_key *k)
{
    if (t->idx.cap == 0)
        return UINT32_MAX;
    uint32_t mask = t->idx.cap - 1;
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        uint32_t s = t->idx.slots[i];
        if (s == 0)
            return UINT32_MAX;
        const wdp_tnode *n = &t->n[s - 1];
        if (n->parent == k->parent && n->func == k->func && n->line == k->line &&
            n->inlined == k->inlined)
            return s - 1;
    }
}

static uint32_t tree_child(wdp_tree *t, const tree_key *k)
{
    uint64_t h = tree_hash(k);
    uint32_t id = tree_find(t, h, k);
    if (id != UINT32_MAX)
        return id;
    if ((uint64_t)(t->idx.count + 1) * 2 > t->idx.cap) {
        uint32_t ncap = t->idx.cap ? t->idx.cap * 2 : 64;
        uint32_t *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return UINT32_MAX;
        free(t->idx.slots);
        t->idx.slots = ns;
        t->idx.cap = ncap;
        t->idx.count = 0;
        for (uint32_t i = 1; i < t->count; i++) {
            tree_key kk = {t->n[i].parent, t->n[i].func, t->n[i].line, t->n[i].inlined};
            idx_put_raw(&t->idx, tree_hash(&kk), i);
        }
    }
    if (!grow((void **)&t->n, &t->cap, t->count, sizeof *t->n))
        return UINT32_MAX;
    id = t->count++;
    t->n[id] = (wdp_tnode){.parent = k->parent, .func = k->func, .line = k->line,
                           .inlined = k->inlined, .depth = t->n[k->parent].depth + 1,
                           .first_child = UINT32_MAX, .next_sibling = UINT32_MAX};
    idx_put_raw(&t->idx, h, id);
    return id;
}

void wdp_tree_free(wdp_tree *t)
{
    free(t->n);
    free(t->idx.slots);
    free(t->node_map);
    memset(t, 0, sizeof *t);
}

bool wdp_tree_build(const wd_prof *p, bool by_line, wdp_tree *t)
{
    memset(t, 0, sizeof *t);
    t->node_map = malloc((size_t)p->nnodes * sizeof *t->node_map);
    if (!t->node_map || !grow((void **)&t->n, &t->cap, 0, sizeof *t->n))
        goto fail;
    t->n[0] = (wdp_tnode){.parent = UINT32_MAX, .func = UINT32_MAX,
                          .first_child = UINT32_MAX, .next_sibling = UINT32_MAX};
    t->count = 1;
    t->node_map[0] = 0;
    for (uint32_t i = 1; i < p->nnodes; i++) {
        const wdp_node *nd = &p->nodes[i];
        const wdp_loc *l = &p->locs[nd->loc];
        uint32_t tn = t->node_map[nd->parent];
        for (uint32_t j = l->nlines; j-- > 0;) {
            const wdp_line *ln = &p->lines[l->first_line + j];
            tree_key k = {tn, ln->func, by_line ? ln->line : 0, j + 1 != l->nlines};
            tn = tree_child(t, &k);
            if (tn == UINT32_MAX)
                goto fail;
        }
        t->node_map[i] = tn;
        t->n[tn].self_samples += nd->self_samples;
        t->n[tn].self_weight += nd->self_weight;
    }
    for (uint32_t i = t->count; i-- > 0;) {
        wdp_tnode *n = &t->n[i];
        n->total_samples += n->self_samples;
        n->total_weight += n->self_weight;
        if (i > 0) {
            wdp_tnode *par = &t->n[n->parent];
            par->total_samples += n->total_samples;
            par->total_weight += n->total_weight;
            n->next_sibling = par->first_child;
            par->first_child = i;
        }
    }
    return true;
fail:
    wdp_tree_free(t);
    return false;
}

/* ---------------------------------------------------------------- per-function rows */

typedef struct line_cost {
    uint32_t func, line;
    uint64_t offset;
    uint64_t samples, weight;
} line_cost;

static int cmp_line_cost(const void *a, const void *b)
{
    const line_cost *x = a, *y = b;
    if (x->func != y->func)
        return x->func < y->func ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return 0;
}

/* Self costs per (innermost function, line, offset), sorted; *n entries. */
static line_cost *self_line_costs(const wd_prof *p, size_t *n)
{
    *n = 0;
    uint64_t *ls = calloc(p->nlocs ? p->nlocs : 1, sizeof *ls);
    uint64_t *lw = calloc(p->nlocs ? p->nlocs : 1, sizeof *lw);
    line_cost *lc = calloc(p->nlocs ? p->nlocs : 1, sizeof *lc);
    if (!ls || !lw || !lc) {
        free(ls);
        free(lw);
        free(lc);
        return NULL;
    }
    for (uint32_t i = 1; i < p->nnodes; i++) {
        ls[p->nodes[i].loc] += p->nodes[i].self_samples;
        lw[p->nodes[i].loc] += p->nodes[i].self_weight;
    }
    size_t k = 0;
    for (uint32_t i = 0; i < p->nlocs; i++) {
        if (ls[i] == 0 && lw[i] == 0)
            continue;
        const wdp_line *ln = &p->lines[p->locs[i].first_line];
        lc[k++] = (line_cost){ln->func, ln->line, p->locs[i].offset, ls[i], lw[i]};
    }
    free(ls);
    free(lw);
    qsort(lc, k, sizeof *lc, cmp_line_cost);
    *n = k;
    return lc;
}

static int cmp_rows(const void *a, const void *b)
{
    const wd_prof_row *x = a, *y = b;
    if (x->self_weight != y->self_weight)
        return x->self_weight > y->self_weight ? -1 : 1;
    if (x->total_weight != y->total_weight)
        return x->total_weight > y->total_weight ? -1 : 1;
    int c = strcmp(x->function, y->function);
    if (c)
        return c;
    return strcmp(x->file, y->file);
}

wd_prof_row *wd_prof_rows(const wd_prof *p, size_t *n)
{
    *n = 0;
    wdp_tree t;
    if (!wdp_tree_build(p, false, &t))
        return NULL;
    wd_prof_row *rows = calloc(p->nfuncs ? p->nfuncs : 1, sizeof *rows);
    uint32_t *stamp = malloc((p->nfuncs ? p->nfuncs : 1) * sizeof *stamp);
    size_t nlc = 0;
    line_cost *lc = self_line_costs(p, &nlc);
    if (!rows || !stamp || !lc) {
        free(rows);
        free(stamp);
        free(lc);
        wdp_tree_free(&t);
        return NULL;
    }
    for (uint32_t f = 0; f < p->nfuncs; f++)
        stamp[f] = UINT32_MAX;
    for (uint32_t i = 1; i < t.count; i++) {
        const wdp_tnode *tn = &t.n[i];
        if (tn->self_samples == 0 && tn->self_weight == 0)
            continue;
        rows[tn->func].self_samples += tn->self_samples;
        rows[tn->func].self_weight += tn->self_weight;
        /* Totals: each function once per stack, however often it recurses. */
        for (uint32_t a = i; a != 0; a = t.n[a].parent) {
            uint32_t f = t.n[a].func;
            if (stamp[f] == i)
                continue;
            stamp[f] = i;
            rows[f].total_samples += tn->self_samples;
            rows[f].total_weight += tn->self_weight;
        }
    }
    /* Hottest line (summed over its offsets) and its hottest offset, per function. */
    uint64_t *best = calloc(p->nfuncs ? p->nfuncs : 1, sizeof *best);
    for (size_t i = 0; best && i < nlc;) {
        size_t j = i;
        uint64_t sum = 0, top = 0, top_off = lc[i].offset;
        while (j < nlc && lc[j].func == lc[i].func && lc[j].line == lc[i].line) {
            sum += lc[j].weight + lc[j].samples;
            if (lc[j].weight + lc[j].samples > top) {
                top = lc[j].weight + lc[j].samples;
                top_off = lc[j].offset;
            }
            j++;
        }
        uint32_t f = lc[i].func;
        if (sum > best[f]) {
            best[f] = sum;
            rows[f].line = lc[i].line;
            rows[f].offset = top_off;
        }
        i = j;
    }
    free(best);
    size_t k = 0;
    for (uint32_t f = 0; f < p->nfuncs; f++) {
        if (rows[f].total_samples == 0 && rows[f].total_weight == 0)
            continue;
        wd_prof_row r = rows[f];
        if (r.line == 0)
            r.line = p->funcs[f].first_line;
        const wdp_func *fn = &p->funcs[f];
        if (r.self_samples == 0 && r.self_weight == 0 && fn->kind == WDP_KIND_WASM &&
            fn->module != UINT32_MAX && p->mods[fn->module].m) {
            uint64_t s = 0, e = 0;   /* no hottest offset: show the function's start */
            wd_module_func_range(p->mods[fn->module].m, fn->funcidx, &s, &e);
            r.offset = s;
        }
        r.function = wdp_str(p, p->funcs[f].name);
        r.file = wdp_str(p, p->funcs[f].file);
        r.is_host = p->funcs[f].kind == WDP_KIND_HOST;
        rows[k++] = r;
    }
    qsort(rows, k, sizeof *rows, cmp_rows);
    free(stamp);
    free(lc);
    wdp_tree_free(&t);
    if (k == 0) {
        free(rows);
        return NULL;
    }
    *n = k;
    return rows;
}

wd_prof_tnode *wd_prof_tree(const wd_prof *p, bool by_line, size_t *n)
{
    *n = 0;
    if (p->samples == 0 && p->weight == 0)
        return NULL;
    wdp_tree t;
    if (!wdp_tree_build(p, by_line, &t))
        return NULL;
    wd_prof_tnode *out = calloc(t.count, sizeof *out);
    for (uint32_t i = 0; out && i < t.count; i++) {
        const wdp_tnode *tn = &t.n[i];
        wd_prof_tnode *o = &out[i];
        o->parent = tn->parent;
        o->function = o->file = "";
        if (i > 0) {
            const wdp_func *f = &p->funcs[tn->func];
            o->function = wdp_str(p, f->name);
            o->file = wdp_str(p, f->file);
            o->is_host = f->kind == WDP_KIND_HOST;
            o->line = by_line ? tn->line : f->first_line;
        }
        o->inlined = tn->inlined;
        o->self_samples = tn->self_samples;
        o->total_samples = tn->total_samples;
        o->self_weight = tn->self_weight;
        o->total_weight = tn->total_weight;
    }
    if (out)
        *n = t.count;
    wdp_tree_free(&t);
    return out;
}

void wd_prof_file_lines(const wd_prof *p, const char *file,
                        void (*fn)(void *user, uint32_t line, uint64_t self_samples,
                                   uint64_t self_weight),
                        void *user)
{
    size_t nlc = 0;
    line_cost *lc = self_line_costs(p, &nlc);
    if (!lc)
        return;
    /* Re-sort by line among the entries of this file. */
    size_t k = 0;
    for (size_t i = 0; i < nlc; i++)
        if (lc[i].line > 0 && strcmp(wdp_str(p, p->funcs[lc[i].func].file), file) == 0)
            lc[k++] = (line_cost){0, lc[i].line, 0, lc[i].samples, lc[i].weight};
    qsort(lc, k, sizeof *lc, cmp_line_cost);
    for (size_t i = 0; i < k;) {
        uint64_t s = 0, w = 0;
        size_t j = i;
        while (j < k && lc[j].line == lc[i].line) {
            s += lc[j].samples;
            w += lc[j].weight;
            j++;
        }
        fn(user, lc[i].line, s, w);
        i = j;
    }
    free(lc);
}

/* ---------------------------------------------------------------- buffers */

void wdp_buf_put(wdp_buf *b, const void *d, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n)
            nc *= 2;
        uint8_t *nd = realloc(b->data, nc);
        if (!nd) {
            b->failed = true;
            return;
        }
        b->data = nd;
        b->cap = nc;
    }
    if (n)
        memcpy(b->data + b->len, d, n);
    b->len += n;
}

void wdp_buf_putc(wdp_buf *b, uint8_t c) { wdp_buf_put(b, &c, 1); }
void wdp_buf_puts(wdp_buf *b, const char *s) { wdp_buf_put(b, s, strlen(s)); }

void wdp_buf_printf(wdp_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        wdp_buf_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    wdp_buf_put(b, big, (size_t)n);
    free(big);
}

void wdp_buf_free(wdp_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void wdp_buf_json_str(wdp_buf *b, const char *s)
{
    wdp_buf_putc(b, '"');
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        switch (*c) {
        case '"': wdp_buf_puts(b, "\\\""); break;
        case '\\': wdp_buf_puts(b, "\\\\"); break;
        case '\n': wdp_buf_puts(b, "\\n"); break;
        case '\r': wdp_buf_puts(b, "\\r"); break;
        case '\t': wdp_buf_puts(b, "\\t"); break;
        default:
            if (*c < 0x20 || *c == 0x7f)
                wdp_buf_printf(b, "\\u%04x", *c);
            else
                wdp_buf_putc(b, *c);
        }
    }
    wdp_buf_putc(b, '"');
}

void wdp_buf_xml(wdp_buf *b, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        switch (*c) {
        case '<': wdp_buf_puts(b, "&lt;"); break;
        case '>': wdp_buf_puts(b, "&gt;"); break;
        case '&': wdp_buf_puts(b, "&amp;"); break;
        case '"': wdp_buf_puts(b, "&quot;"); break;
        case '\'': wdp_buf_puts(b, "&apos;"); break;
        default:
            if (*c < 0x20 && *c != '\t')
                wdp_buf_putc(b, '?');   /* not allowed in XML 1.0 */
            else
                wdp_buf_putc(b, *c);
        }
    }
}

void wdp_frame_label(const wd_prof *p, uint32_t func, bool inlined, wdp_buf *b)
{
    const char *s = wdp_str(p, p->funcs[func].name);
    for (const char *c = s; *c; c++)
        wdp_buf_putc(b, (*c == ';' || *c == '\n' || *c == '\r') ? '_' : (uint8_t)*c);
    if (inlined)
        wdp_buf_puts(b, "_[i]");
}
