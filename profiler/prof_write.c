/* prof_write.c: text writers (folded stacks, speedscope JSON, callgrind, Firefox Gecko JSON,
 * the top table), format selection and atomic output files.
 *
 * Every writer renders into a memory buffer first, so an output file is either complete or
 * not written at all; ordering follows ids assigned in first-seen order or explicit sorts,
 * never addresses, so insns-mode profiles are byte-identical across runs. */
#define _GNU_SOURCE
#include "prof_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef WD_PROF_VERSION
#define WD_PROF_VERSION "0.1.0"
#endif

/* ---------------------------------------------------------------- folded */

typedef struct folded_line {
    char *text;
    uint64_t value;
} folded_line;

static int cmp_folded(const void *a, const void *b)
{
    return strcmp(((const folded_line *)a)->text, ((const folded_line *)b)->text);
}

/* Appends the path root..n of tree t, separated by ';'. */
static void tree_path(const wd_prof *p, const wdp_tree *t, uint32_t n, wdp_buf *b)
{
    uint32_t chain[4096];
    uint32_t k = 0;
    bool truncated = false;
    for (uint32_t a = n; a != 0; a = t->n[a].parent) {
        if (k == 4096) {
            truncated = true;
            break;
        }
        chain[k++] = a;
    }
    if (truncated)
        wdp_buf_puts(b, "[truncated];");
    for (uint32_t i = k; i-- > 0;) {
        wdp_frame_label(p, t->n[chain[i]].func, t->n[chain[i]].inlined, b);
        if (i)
            wdp_buf_putc(b, ';');
    }
}

bool wdp_write_folded(const wd_prof *p, bool samples, wdp_buf *b)
{
    wdp_tree t;
    if (!wdp_tree_build(p, false, &t))
        return false;
    folded_line *lines = calloc(t.count, sizeof *lines);
    size_t n = 0;
    bool ok = lines != NULL;
    for (uint32_t i = 1; ok && i < t.count; i++) {
        uint64_t v = samples ? t.n[i].self_samples : t.n[i].self_weight;
        if (v == 0)
            continue;
        wdp_buf path = {0};
        tree_path(p, &t, i, &path);
        wdp_buf_putc(&path, 0);
        if (path.failed) {
            ok = false;
            break;
        }
        lines[n++] = (folded_line){(char *)path.data, v};
    }
    if (ok) {
        qsort(lines, n, sizeof *lines, cmp_folded);
        for (size_t i = 0; i < n; i++)
            wdp_buf_printf(b, "%s %" PRIu64 "\n", lines[i].text, lines[i].value);
    }
    for (size_t i = 0; i < n; i++)
        free(lines[i].text);
    free(lines);
    wdp_tree_free(&t);
    return ok && !b->failed;
}

/* ---------------------------------------------------------------- speedscope */

/* Depth-first order of tree nodes with self cost (children in id order). */
static uint32_t *dfs_order(const wdp_tree *t, uint32_t *n)
{
    uint32_t *out = malloc((size_t)t->count * sizeof *out);
    uint32_t *stack = malloc((size_t)t->count * sizeof *stack);
    *n = 0;
    if (!out || !stack) {
        free(out);
        free(stack);
        return NULL;
    }
    uint32_t sp = 0;
    stack[sp++] = 0;
    while (sp) {
        uint32_t v = stack[--sp];
        out[(*n)++] = v;
        /* push children in reverse so the first child is visited first */
        uint32_t kids = 0;
        for (uint32_t c = t->n[v].first_child; c != UINT32_MAX; c = t->n[c].next_sibling)
            kids++;
        uint32_t base = sp;
        sp += kids;
        uint32_t k = 0;
        for (uint32_t c = t->n[v].first_child; c != UINT32_MAX; c = t->n[c].next_sibling)
            stack[base + kids - 1 - k++] = c;
    }
    free(stack);
    return out;
}

static void json_path(const wdp_tree *t, uint32_t n, wdp_buf *b)
{
    uint32_t depth = t->n[n].depth;
    uint32_t *chain = malloc((size_t)(depth ? depth : 1) * sizeof *chain);
    if (!chain) {
        b->failed = true;
        return;
    }
    uint32_t k = 0;
    for (uint32_t a = n; a != 0; a = t->n[a].parent)
        chain[k++] = a;
    wdp_buf_putc(b, '[');
    for (uint32_t i = k; i-- > 0;)
        wdp_buf_printf(b, "%" PRIu32 "%s", t->n[chain[i]].func, i ? "," : "");
    wdp_buf_putc(b, ']');
    free(chain);
}

bool wdp_write_speedscope(const wd_prof *p, wdp_buf *b)
{
    wdp_tree t;
    if (!wdp_tree_build(p, false, &t))
        return false;
    uint32_t norder;
    uint32_t *order = dfs_order(&t, &norder);
    if (!order) {
        wdp_tree_free(&t);
        return false;
    }
    wdp_buf_puts(b, "{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\n");
    wdp_buf_puts(b, "\"exporter\":\"wasmdbg " WD_PROF_VERSION "\",\"name\":");
    wdp_buf_json_str(b, p->program);
    wdp_buf_puts(b, ",\"activeProfileIndex\":0,\n\"shared\":{\"frames\":[\n");
    /* Frames are the profile's functions (ids line up with func ids). */
    for (uint32_t f = 0; f < p->nfuncs; f++) {
        const wdp_func *fn = &p->funcs[f];
        wdp_buf_puts(b, "{\"name\":");
        wdp_buf_json_str(b, wdp_str(p, fn->name));
        if (fn->file) {
            wdp_buf_puts(b, ",\"file\":");
            wdp_buf_json_str(b, wdp_str(p, fn->file));
        }
        wdp_buf_puts(b, f + 1 < p->nfuncs ? "},\n" : "}\n");
    }
    wdp_buf_puts(b, "]},\n\"profiles\":[\n");
    for (int pass = 0; pass < 2; pass++) {
        bool by_samples = pass == 1;
        wdp_buf_puts(b, "{\"type\":\"sampled\",\"name\":");
        char name[512];
        snprintf(name, sizeof name, "%s (%s)", p->program,
                 by_samples ? "samples" : wd_prof_weight_unit(p));
        wdp_buf_json_str(b, name);
        wdp_buf_printf(b, ",\"unit\":\"none\",\"startValue\":0,\"endValue\":%" PRIu64 ",\n",
                       by_samples ? t.n[0].total_samples : t.n[0].total_weight);
        wdp_buf_puts(b, "\"samples\":[\n");
        bool first = true;
        for (uint32_t i = 0; i < norder; i++) {
            const wdp_tnode *tn = &t.n[order[i]];
            if (order[i] == 0 || (by_samples ? tn->self_samples : tn->self_weight) == 0)
                continue;
            if (!first)
                wdp_buf_puts(b, ",\n");
            first = false;
            json_path(&t, order[i], b);
        }
        wdp_buf_puts(b, "],\n\"weights\":[");
        first = true;
        for (uint32_t i = 0; i < norder; i++) {
            const wdp_tnode *tn = &t.n[order[i]];
            uint64_t v = by_samples ? tn->self_samples : tn->self_weight;
            if (order[i] == 0 || v == 0)
                continue;
            wdp_buf_printf(b, "%s%" PRIu64, first ? "" : ",", v);
            first = false;
        }
        wdp_buf_puts(b, pass == 0 ? "]},\n" : "]}\n");
    }
    wdp_buf_puts(b, "]}\n");
    free(order);
    wdp_tree_free(&t);
    return !b->failed;
}

/* ---------------------------------------------------------------- callgrind */

typedef struct cg_self {
    uint32_t func, line;
    uint64_t offset, weight, samples;
} cg_self;

typedef struct cg_edge {
    uint32_t func, line, callee;
    uint64_t offset;
    uint64_t weight, samples, calls;
} cg_edge;

static int cmp_cg_self(const void *a, const void *b)
{
    const cg_self *x = a, *y = b;
    if (x->func != y->func)
        return x->func < y->func ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return 0;
}

static int cmp_cg_edge(const void *a, const void *b)
{
    const cg_edge *x = a, *y = b;
    if (x->func != y->func)
        return x->func < y->func ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->callee != y->callee)
        return x->callee < y->callee ? -1 : 1;
    return 0;
}

typedef struct cg_vec {
    void *data;
    size_t n, cap, elem;
    bool failed;
} cg_vec;

static void *vec_push(cg_vec *v)
{
    if (v->failed)
        return NULL;
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 256;
        void *nd = realloc(v->data, nc * v->elem);
        if (!nd) {
            v->failed = true;
            return NULL;
        }
        v->data = nd;
        v->cap = nc;
    }
    return (char *)v->data + v->elem * v->n++;
}

/* Source-level frames of a stack-tree node, root first: (func, offset, line). */
typedef struct cg_frame {
    uint32_t func, line;
    uint64_t offset;
} cg_frame;

static void emit_name(wdp_buf *b, const char *key, uint32_t id, const char *name, bool *seen)
{
    if (seen[id])
        wdp_buf_printf(b, "%s=(%" PRIu32 ")\n", key, id + 1);
    else {
        wdp_buf_printf(b, "%s=(%" PRIu32 ") ", key, id + 1);
        for (const char *c = *name ? name : "???"; *c; c++)
            wdp_buf_putc(b, (*c == '\n' || *c == '\r') ? ' ' : (uint8_t)*c);
        wdp_buf_putc(b, '\n');
        seen[id] = true;
    }
}

/* The entry position of a function: its body's start offset. */
static uint64_t func_entry(const wd_prof *p, uint32_t f)
{
    const wdp_func *fn = &p->funcs[f];
    if (fn->kind != WDP_KIND_WASM || fn->module == UINT32_MAX || !p->mods[fn->module].m)
        return 0;
    uint64_t s = 0, e = 0;
    wd_module_func_range(p->mods[fn->module].m, fn->funcidx, &s, &e);
    return s;
}

bool wdp_write_callgrind(const wd_prof *p, wdp_buf *b)
{
    cg_vec selfs = {.elem = sizeof(cg_self)}, edges = {.elem = sizeof(cg_edge)};
    cg_vec frames = {.elem = sizeof(cg_frame)}, tmp = {.elem = sizeof(cg_edge)};
    uint32_t *chain = NULL;
    size_t cchain = 0;
    bool ok = true;
    for (uint32_t i = 1; ok && i < p->nnodes; i++) {
        const wdp_node *nd = &p->nodes[i];
        if (nd->self_samples == 0 && nd->self_weight == 0)
            continue;
        /* the stack root first */
        if (nd->depth > cchain) {
            free(chain);
            cchain = nd->depth * 2;
            chain = malloc(cchain * sizeof *chain);
            if (!chain) {
                ok = false;
                break;
            }
        }
        uint32_t k = 0;
        for (uint32_t a = i; a != 0; a = p->nodes[a].parent)
            chain[k++] = p->nodes[a].loc;
        frames.n = 0;
        for (uint32_t j = k; j-- > 0;) {
            const wdp_loc *l = &p->locs[chain[j]];
            for (uint32_t q = l->nlines; q-- > 0;) {
                const wdp_line *ln = &p->lines[l->first_line + q];
                cg_frame *f = vec_push(&frames);
                if (f)
                    *f = (cg_frame){ln->func, ln->line, l->kind == WDP_KIND_HOST ? 0 : l->offset};
            }
        }
        if (frames.failed || frames.n == 0) {
            ok = !frames.failed;
            continue;
        }
        const cg_frame *fr = frames.data;
        const cg_frame *leaf = &fr[frames.n - 1];
        cg_self *s = vec_push(&selfs);
        if (s)
            *s = (cg_self){leaf->func, leaf->line, leaf->offset, nd->self_weight,
                           nd->self_samples};
        /* Call edges of this stack: each (caller, callee) pair once, at its outermost call
         * site, and no direct self-recursion, so inclusive costs are not counted twice for
         * recursive functions (mutual recursion can still overcount, as in callgrind). */
        tmp.n = 0;
        for (size_t j = 0; j + 1 < frames.n; j++) {
            if (fr[j].func == fr[j + 1].func)
                continue;
            bool dup = false;
            for (size_t q = 0; q < tmp.n && !dup; q++)
                dup = ((cg_edge *)tmp.data)[q].func == fr[j].func &&
                      ((cg_edge *)tmp.data)[q].callee == fr[j + 1].func;
            if (dup)
                continue;
            cg_edge *e = vec_push(&tmp);
            if (e)
                *e = (cg_edge){fr[j].func, fr[j].line, fr[j + 1].func, fr[j].offset,
                               nd->self_weight, nd->self_samples, nd->self_samples};
        }
        if (tmp.failed) {
            ok = false;
            break;
        }
        cg_edge *te = tmp.data;
        for (size_t j = 0; j < tmp.n; j++) {
            cg_edge *e = vec_push(&edges);
            if (e)
                *e = te[j];
        }
    }
    ok = ok && !selfs.failed && !edges.failed;
    /* Merge duplicates. */
    cg_self *sv = selfs.data;
    cg_edge *ev = edges.data;
    size_t ns = 0, ne = 0;
    if (ok) {
        if (selfs.n)   /* data is NULL when empty: qsort's pointer must not be */
            qsort(sv, selfs.n, sizeof *sv, cmp_cg_self);
        for (size_t j = 0; j < selfs.n; j++) {
            if (ns > 0 && cmp_cg_self(&sv[ns - 1], &sv[j]) == 0) {
                sv[ns - 1].weight += sv[j].weight;
                sv[ns - 1].samples += sv[j].samples;
            } else {
                sv[ns++] = sv[j];
            }
        }
        if (edges.n)   /* a profile without calls has no edges */
            qsort(ev, edges.n, sizeof *ev, cmp_cg_edge);
        for (size_t j = 0; j < edges.n; j++) {
            if (ne > 0 && cmp_cg_edge(&ev[ne - 1], &ev[j]) == 0) {
                ev[ne - 1].weight += ev[j].weight;
                ev[ne - 1].samples += ev[j].samples;
                ev[ne - 1].calls += ev[j].calls;
            } else {
                ev[ne++] = ev[j];
            }
        }
    }
    bool *seen_fn = calloc(p->nfuncs + 1, 1);
    bool *seen_fl = calloc(p->nstrs + 1, 1);
    bool *seen_ob = calloc(p->nmods + 2, 1);
    if (!seen_fn || !seen_fl || !seen_ob)
        ok = false;
    if (ok) {
        const char *ev_name = p->opts.mode == WD_PROF_INSNS ? "Instructions" : "Cycles";
        wdp_buf_puts(b, "# callgrind format\nversion: 1\ncreator: wasmdbg " WD_PROF_VERSION "\n");
        wdp_buf_puts(b, "cmd: ");
        for (const char *c = p->program; *c; c++)
            wdp_buf_putc(b, *c == '\n' ? ' ' : (uint8_t)*c);
        wdp_buf_puts(b, "\npart: 1\npositions: instr line\n");
        wdp_buf_printf(b, "events: %s Samples\n", ev_name);
        wdp_buf_printf(b, "summary: %" PRIu64 " %" PRIu64 "\n\n", p->weight, p->samples);
        size_t si = 0, ei = 0;
        uint32_t cur_file = UINT32_MAX;
        uint32_t cur_mod = UINT32_MAX - 1;
        while (si < ns || ei < ne) {
            uint32_t f;
            if (si < ns && (ei >= ne || sv[si].func <= ev[ei].func))
                f = sv[si].func;
            else
                f = ev[ei].func;
            const wdp_func *fn = &p->funcs[f];
            uint32_t mod = fn->module;
            if (mod != cur_mod) {
                uint32_t oid = mod == UINT32_MAX ? p->nmods : mod;
                emit_name(b, "ob", oid, mod == UINT32_MAX ? "[host]" : wdp_str(p, p->mods[mod].name),
                          seen_ob);
                cur_mod = mod;
            }
            if (fn->file != cur_file) {
                emit_name(b, "fl", fn->file, fn->file ? wdp_str(p, fn->file) : "[host]", seen_fl);
                cur_file = fn->file;
            }
            emit_name(b, "fn", f, wdp_str(p, fn->name), seen_fn);
            for (; si < ns && sv[si].func == f; si++)
                wdp_buf_printf(b, "0x%" PRIx64 " %" PRIu32 " %" PRIu64 " %" PRIu64 "\n",
                               sv[si].offset, sv[si].line, sv[si].weight, sv[si].samples);
            for (; ei < ne && ev[ei].func == f; ei++) {
                const wdp_func *cf = &p->funcs[ev[ei].callee];
                if (cf->module != mod) {
                    uint32_t oid = cf->module == UINT32_MAX ? p->nmods : cf->module;
                    emit_name(b, "cob", oid,
                              cf->module == UINT32_MAX ? "[host]"
                                                       : wdp_str(p, p->mods[cf->module].name),
                              seen_ob);
                }
                if (cf->file != fn->file)
                    emit_name(b, "cfi", cf->file, cf->file ? wdp_str(p, cf->file) : "[host]",
                              seen_fl);
                emit_name(b, "cfn", ev[ei].callee, wdp_str(p, cf->name), seen_fn);
                wdp_buf_printf(b, "calls=%" PRIu64 " 0x%" PRIx64 " 0\n", ev[ei].calls,
                               func_entry(p, ev[ei].callee));
                wdp_buf_printf(b, "0x%" PRIx64 " %" PRIu32 " %" PRIu64 " %" PRIu64 "\n",
                               ev[ei].offset, ev[ei].line, ev[ei].weight, ev[ei].samples);
            }
            wdp_buf_putc(b, '\n');
        }
        wdp_buf_printf(b, "totals: %" PRIu64 " %" PRIu64 "\n", p->weight, p->samples);
    }
    free(seen_fn);
    free(seen_fl);
    free(seen_ob);
    free(chain);
    free(selfs.data);
    free(edges.data);
    free(frames.data);
    free(tmp.data);
    return ok && !b->failed;
}

/* ---------------------------------------------------------------- Firefox (Gecko format) */

/* A frame's location string. The Gecko format has no function table: the Firefox Profiler
 * derives functions from these strings with fixed patterns (process-profile.ts). Anything
 * else becomes a function whose name is the whole string, so "hot [file]" gave a function
 * named "hot [file]" with no file. With a source line, "name (file:line)" gives a function
 * with its source file (the call tree's file, and the source view's per-line times); without,
 * "name (in module)" gives the module as the function's library. Host frames keep their
 * "[ns:name]". */
static void gecko_location(const wd_prof *p, const wdp_func *fn, wdp_buf *b)
{
    const char *name = wdp_str(p, fn->name);
    if (fn->kind != WDP_KIND_WASM || fn->module == UINT32_MAX) {
        wdp_buf_json_str(b, name);
        return;
    }
    char *s = NULL;
    int n = fn->first_line /* only DWARF lines are recorded, so fn->file is a source file */
                ? asprintf(&s, "%s (%s:%" PRIu32 ")", name, wdp_str(p, fn->file), fn->first_line)
                : asprintf(&s, "%s (in %s)", name, wdp_str(p, p->mods[fn->module].name));
    if (n < 0) {
        b->failed = true;
        return;
    }
    wdp_buf_json_str(b, s);
    free(s);
}

bool wdp_write_gecko(const wd_prof *p, wdp_buf *b)
{
    wdp_tree t;
    if (!wdp_tree_build(p, true, &t))
        return false;
    bool cycles = p->opts.mode == WD_PROF_CYCLES;
    /* Sample times are synthetic (samples are kept per stack, not in time order): one
     * interval apart, the timer's interval in cycles mode, 1 ms per sample in insns mode. */
    double interval_ms = cycles ? (double)p->opts.interval / 1000.0 : 1.0;
    double start_ms = 0;
    if (cycles) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        start_ms = (double)ts.tv_sec * 1000.0 + (double)(ts.tv_nsec / 1000000);
    }
    wdp_buf_puts(b, "{\"meta\":{\"version\":27,");
    wdp_buf_printf(b, "\"interval\":%.3f,\"startTime\":%.0f,", interval_ms, start_ms);
    /* Cycles go in the samples' threadCPUDelta column: the profiler's CPU usage graph (and
     * profiler-cli's "CPU activity") scales each sample by its cycles per ms. There is no
     * unit for instructions, so insns mode leaves the column out: its samples are already
     * one per N instructions. */
    if (cycles)
        wdp_buf_puts(b, "\"sampleUnits\":{\"time\":\"ms\",\"eventDelay\":\"ms\","
                        "\"threadCPUDelta\":\"variable CPU cycles\"},");
    wdp_buf_puts(b, "\"shutdownTime\":null,\"processType\":0,\"product\":");
    char product[300];
    snprintf(product, sizeof product, "wasmdbg: %s (%s)", p->program, wd_prof_weight_unit(p));
    wdp_buf_json_str(b, product);
    wdp_buf_puts(b, ",\"stackwalk\":0,\"debug\":false,\"abi\":\"wasm32\",\"misc\":\"\","
                    "\"oscpu\":\"\",\"platform\":\"\",\"toolkit\":\"\",\"appBuildID\":\"\","
                    "\"sourceURL\":\"\",\"physicalCPUs\":0,\"logicalCPUs\":0,"
                    "\"categories\":["
                    "{\"name\":\"Other\",\"color\":\"grey\",\"subcategories\":[\"Other\"]},"
                    "{\"name\":\"Wasm\",\"color\":\"yellow\",\"subcategories\":[\"Other\"]},"
                    "{\"name\":\"Host\",\"color\":\"orange\",\"subcategories\":[\"Other\"]}],"
                    "\"markerSchema\":[],\"presymbolicated\":true},\n");
    wdp_buf_puts(b, "\"libs\":[],\"pausedRanges\":[],\"processes\":[],\n\"threads\":[{"
                    "\"name\":\"GeckoMain\",\"processType\":\"default\",\"processName\":");
    wdp_buf_json_str(b, p->program);
    wdp_buf_puts(b, ",\"pid\":\"1\",\"tid\":1,\"registerTime\":0,\"unregisterTime\":null,\n"
                    "\"stringTable\":[");
    /* The string table holds the functions' locations (string id = func id). */
    for (uint32_t f = 0; f < p->nfuncs && !b->failed; f++) {
        wdp_buf_puts(b, f ? ",\n" : "\n");
        gecko_location(p, &p->funcs[f], b);
    }
    wdp_buf_puts(b, "],\n\"frameTable\":{\"schema\":{\"location\":0,\"relevantForJS\":1,"
                    "\"innerWindowID\":2,\"implementation\":3,\"line\":4,\"column\":5,"
                    "\"category\":6,\"subcategory\":7},\"data\":[");
    /* One frame and one stack per tree node (node i -> index i - 1). */
    for (uint32_t i = 1; i < t.count; i++) {
        const wdp_tnode *tn = &t.n[i];
        int cat = p->funcs[tn->func].kind == WDP_KIND_HOST ? 2 : 1;
        wdp_buf_printf(b, "%s[%" PRIu32 ",false,0,null,", i > 1 ? ",\n" : "\n", tn->func);
        if (tn->line)
            wdp_buf_printf(b, "%" PRIu32, tn->line);
        else
            wdp_buf_puts(b, "null");
        wdp_buf_printf(b, ",null,%d,0]", cat);
    }
    wdp_buf_puts(b, "]},\n\"stackTable\":{\"schema\":{\"prefix\":0,\"frame\":1},\"data\":[");
    for (uint32_t i = 1; i < t.count; i++) {
        const wdp_tnode *tn = &t.n[i];
        wdp_buf_puts(b, i > 1 ? ",\n" : "\n");
        if (tn->parent == 0)
            wdp_buf_printf(b, "[null,%" PRIu32 "]", i - 1);
        else
            wdp_buf_printf(b, "[%" PRIu32 ",%" PRIu32 "]", tn->parent - 1, i - 1);
    }
    wdp_buf_printf(b, "]},\n\"samples\":{\"schema\":{\"stack\":0,\"time\":1,\"eventDelay\":2%s},"
                      "\"data\":[", cycles ? ",\"threadCPUDelta\":3" : "");
    uint64_t k = 0;
    for (uint32_t i = 1; i < t.count && !b->failed; i++) {
        /* A stack's cycles are known only in total: its samples share them, the first
         * (weight % samples) one cycle more, so the column still adds up exactly. */
        uint64_t n = t.n[i].self_samples, w = t.n[i].self_weight;
        for (uint64_t s = 0; s < n; s++, k++) {
            wdp_buf_printf(b, "%s[%" PRIu32 ",%.3f,0", k ? ",\n" : "\n", i - 1,
                           (double)k * interval_ms);
            if (cycles)
                wdp_buf_printf(b, ",%" PRIu64, w / n + (s < w % n));
            wdp_buf_putc(b, ']');
        }
    }
    wdp_buf_puts(b, "]},\n\"markers\":{\"schema\":{\"name\":0,\"startTime\":1,\"endTime\":2,"
                    "\"phase\":3,\"category\":4,\"data\":5},\"data\":[]}}]}\n");
    wdp_tree_free(&t);
    return !b->failed;
}

/* ---------------------------------------------------------------- the top table */

static void fmt_count(char *buf, size_t n, uint64_t v)
{
    if (v >= 10000000000000ull)
        snprintf(buf, n, "%.1fT", (double)v / 1e12);
    else if (v >= 10000000000ull)
        snprintf(buf, n, "%.1fG", (double)v / 1e9);
    else if (v >= 10000000ull)
        snprintf(buf, n, "%.1fM", (double)v / 1e6);
    else
        snprintf(buf, n, "%" PRIu64, v);
}

bool wdp_write_top(const wd_prof *p, size_t max_rows, wdp_buf *b)
{
    size_t n = 0;
    wd_prof_row *rows = wd_prof_rows(p, &n);
    char w[32];
    fmt_count(w, sizeof w, p->weight);
    if (p->opts.mode == WD_PROF_INSNS)
        wdp_buf_printf(b, "# %" PRIu64 " samples, %s instructions, 1 sample / %" PRIu64
                          " instructions\n",
                       p->samples, w, p->opts.interval);
    else
        wdp_buf_printf(b, "# %" PRIu64 " samples, %s TSC cycles, %.1f ms CPU, %.1f ms wall, "
                          "timer every %" PRIu64 " us of CPU time (%s)\n",
                       p->samples, w, (double)p->run_cpu_ns / 1e6, (double)p->run_ns / 1e6,
                       p->opts.interval,
                       p->timer_name);
    if (p->dropped)
        wdp_buf_printf(b, "# %" PRIu64 " samples dropped (out of memory)\n", p->dropped);
    wdp_buf_printf(b, "%7s %7s %9s  %-32s %s\n", "self%", "total%", "samples", "function",
                   "location");
    double tw = p->weight ? (double)p->weight : 1.0;
    for (size_t i = 0; i < n && (max_rows == 0 || i < max_rows); i++) {
        const wd_prof_row *r = &rows[i];
        char loc[512];
        if (r->is_host)
            snprintf(loc, sizeof loc, "(host)");
        else if (r->line)
            snprintf(loc, sizeof loc, "%s:%" PRIu32, r->file, r->line);
        else
            snprintf(loc, sizeof loc, "%s+0x%" PRIx64, r->file, r->offset);
        wdp_buf_printf(b, "%7.2f %7.2f %9" PRIu64 "  %-32s %s\n",
                       100.0 * (double)r->self_weight / tw, 100.0 * (double)r->total_weight / tw,
                       r->self_samples, r->function, loc);
    }
    if (n > max_rows && max_rows)
        wdp_buf_printf(b, "# ... %zu more functions\n", n - max_rows);
    free(rows);
    return !b->failed;
}

void wd_prof_write_top(const wd_prof *p, FILE *out, size_t max_rows)
{
    wdp_buf b = {0};
    if (wdp_write_top(p, max_rows, &b))
        fwrite(b.data, 1, b.len, out);
    wdp_buf_free(&b);
}

/* ---------------------------------------------------------------- formats */

static const struct {
    wd_prof_format f;
    const char *name;
} formats[] = {
    {WD_PROF_FMT_FOLDED, "folded"},     {WD_PROF_FMT_FOLDED_SAMPLES, "samples.folded"},
    {WD_PROF_FMT_SVG, "svg"},           {WD_PROF_FMT_SPEEDSCOPE, "speedscope"},
    {WD_PROF_FMT_PPROF, "pprof"},       {WD_PROF_FMT_CALLGRIND, "callgrind"},
    {WD_PROF_FMT_GECKO, "gecko"},       {WD_PROF_FMT_TOP, "top"},
};

wd_prof_format wd_prof_format_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return formats[i].f;
    return WD_PROF_FMT_NONE;
}

const char *wd_prof_format_name(wd_prof_format f)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i].f == f)
            return formats[i].name;
    return "none";
}

const char *wd_prof_format_list(void)
{
    return "folded, samples.folded, svg, speedscope, pprof, callgrind, gecko, top";
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

wd_prof_format wd_prof_format_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strncmp(base, "callgrind.out", 13) == 0)
        return WD_PROF_FMT_CALLGRIND;
    if (ends_with(base, ".samples.folded"))
        return WD_PROF_FMT_FOLDED_SAMPLES;
    if (ends_with(base, ".folded"))
        return WD_PROF_FMT_FOLDED;
    if (ends_with(base, ".svg"))
        return WD_PROF_FMT_SVG;
    if (ends_with(base, ".speedscope.json"))
        return WD_PROF_FMT_SPEEDSCOPE;
    if (ends_with(base, ".pb.gz"))
        return WD_PROF_FMT_PPROF;
    if (ends_with(base, ".gecko.json"))
        return WD_PROF_FMT_GECKO;
    if (ends_with(base, ".top") || ends_with(base, ".txt"))
        return WD_PROF_FMT_TOP;
    return WD_PROF_FMT_NONE;
}

static bool render(const wd_prof *p, wd_prof_format f, wdp_buf *b)
{
    switch (f) {
    case WD_PROF_FMT_FOLDED: return wdp_write_folded(p, false, b);
    case WD_PROF_FMT_FOLDED_SAMPLES: return wdp_write_folded(p, true, b);
    case WD_PROF_FMT_SVG: return wdp_write_svg(p, b);
    case WD_PROF_FMT_SPEEDSCOPE: return wdp_write_speedscope(p, b);
    case WD_PROF_FMT_PPROF: return wdp_write_pprof(p, b);
    case WD_PROF_FMT_CALLGRIND: return wdp_write_callgrind(p, b);
    case WD_PROF_FMT_GECKO: return wdp_write_gecko(p, b);
    case WD_PROF_FMT_TOP: return wdp_write_top(p, 0, b);
    default: return false;
    }
}

bool wd_prof_write(const wd_prof *p, wd_prof_format f, FILE *out)
{
    wdp_buf b = {0};
    bool ok = render(p, f, &b) && !b.failed;
    if (ok && b.len)
        ok = fwrite(b.data, 1, b.len, out) == b.len;
    wdp_buf_free(&b);
    return ok;
}

/* ---------------------------------------------------------------- atomic output files */

struct wd_prof_out {
    char *path, *tmp;
    wd_prof_format f;
    int fd;               /* -1 for stdout */
    bool in_place;        /* a device, pipe or socket: written as it is, never replaced */
};

wd_prof_out *wd_prof_out_open(const char *path, wd_prof_format f, char *err, size_t errsize)
{
    if (f == WD_PROF_FMT_NONE) {
        snprintf(err, errsize, "%s: cannot tell the output format from the file name "
                 "(use --format: %s)", path, wd_prof_format_list());
        return NULL;
    }
    wd_prof_out *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    o->f = f;
    o->fd = -1;
    if (strcmp(path, "-") == 0)
        return o;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errsize, "cannot write %s: it is a directory", path);
        free(o);
        return NULL;
    }
    o->path = strdup(path);
    if (!o->path) {
        snprintf(err, errsize, "out of memory");
        free(o);
        return NULL;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/stdout, a pipe, a terminal: a renamed file would replace it (as root, even
         * /dev/null), so write to it directly */
        o->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (o->fd < 0) {
            snprintf(err, errsize, "cannot write %s: %s", path, strerror(errno));
            wd_prof_out_abort(o);
            return NULL;
        }
        o->in_place = true;
        return o;
    }
    const char *slash = strrchr(path, '/');
    int n = slash ? asprintf(&o->tmp, "%.*s/.%s.tmp-XXXXXX", (int)(slash - path), path, slash + 1)
                  : asprintf(&o->tmp, ".%s.tmp-XXXXXX", path);
    if (n < 0) {
        o->tmp = NULL;
        snprintf(err, errsize, "out of memory");
        wd_prof_out_abort(o);
        return NULL;
    }
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) {
        snprintf(err, errsize, "cannot write %s: %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        wd_prof_out_abort(o);
        return NULL;
    }
    mode_t um = umask(0);
    umask(um);
    if (fchmod(o->fd, 0666 & ~um) != 0) {
        /* keep mkstemp's 0600 */
    }
    return o;
}

const char *wd_prof_out_tmp_path(const wd_prof_out *o)
{
    return o ? o->tmp : NULL;
}

void wd_prof_out_abort(wd_prof_out *o)
{
    if (!o)
        return;
    if (o->fd >= 0) {
        close(o->fd);
        if (o->tmp)
            unlink(o->tmp);
    }
    free(o->path);
    free(o->tmp);
    free(o);
}

static bool write_all(int fd, const uint8_t *d, size_t n)
{
    while (n) {
        ssize_t w = write(fd, d, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        d += w;
        n -= (size_t)w;
    }
    return true;
}

bool wd_prof_out_commit(wd_prof_out *o, const wd_prof *p, char *err, size_t errsize)
{
    wdp_buf b = {0};
    bool ok = render(p, o->f, &b) && !b.failed;
    if (!ok) {
        snprintf(err, errsize, "out of memory while writing the profile");
        if (o->fd >= 0) {
            close(o->fd);
            if (o->tmp)
                unlink(o->tmp);
        }
    } else if (o->fd < 0) {
        ok = fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0;
        if (!ok)
            snprintf(err, errsize, "writing the profile to stdout: %s", strerror(errno));
    } else {
        ok = write_all(o->fd, b.data, b.len);
        if (!ok)
            snprintf(err, errsize, "writing %s: %s", o->path, strerror(errno));
        int rc = close(o->fd);
        o->fd = -1;
        if (ok && rc != 0) {
            snprintf(err, errsize, "writing %s: %s", o->path, strerror(errno));
            ok = false;
        }
        if (ok && !o->in_place && rename(o->tmp, o->path) != 0) {
            snprintf(err, errsize, "renaming %s to %s: %s", o->tmp, o->path, strerror(errno));
            ok = false;
        }
        if (!ok && o->tmp)
            unlink(o->tmp);
    }
    wdp_buf_free(&b);
    free(o->path);
    free(o->tmp);
    free(o);
    return ok;
}
