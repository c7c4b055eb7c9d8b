/* probe.c: local probes (patched instructions) and global probes.
 *
 * A local probe replaces the opcode word of one internal instruction with
 * WD_C_PROBE; the original opcode is kept in the module's patch table, keyed
 * by (function, code position), with a count of the probes sharing it.
 * A wasm offset that has no internal instruction of its own (a folded
 * local.get or constant, a block/end) maps to the next internal
 * instruction, which is where its effect happens.
 *
 * Global probes live in the exec; the interpreter switches dispatch tables
 * while there is at least one (interp.c): a table that sends every
 * instruction here, or, when all of them are memory probes, one that sends
 * only the instructions that access memory (per memdesc.c).
 */
#include <string.h>

#include "code.h"
#include "jit.h"

typedef struct wd_lprobe {
    uint32_t id, funcidx, pos;
    uint64_t offset;
    wd_probe_fn fn;
    void *user;
} wd_lprobe;

typedef struct wd_patch {
    uint32_t funcidx, pos;
    wd_word orig;
    uint32_t refs;
} wd_patch;

struct wd_probes {
    wd_lprobe *v;
    uint32_t n, cap, next_id;
    wd_patch *p;
    uint32_t np, capp;
};

void wd__probes_free(wd_module *m)
{
    if (!m->probes)
        return;
    wd__free(m->probes->v);
    wd__free(m->probes->p);
    wd__free(m->probes);
    m->probes = NULL;
}

static wd_patch *find_patch(struct wd_probes *ps, uint32_t funcidx, uint32_t pos)
{
    for (uint32_t i = 0; i < ps->np; i++)
        if (ps->p[i].funcidx == funcidx && ps->p[i].pos == pos)
            return &ps->p[i];
    return NULL;
}

/* Is offset the start of an instruction of the body? */
static bool insn_start(const wd_module *m, const wd_mfunc *mf, uint64_t offset)
{
    wd_reader r = { .p = mf->body, .end = mf->body + mf->body_len, .base = m->bytes,
                    .errmsg = NULL, .erroff = 0 };
    wd_insn in;
    while (!wd_rd_eof(&r)) {
        uint64_t at = wd_rd_offset(&r);
        if (at == offset)
            return true;
        if (at > offset || !wd_insn_read(&r, m->features, &in))
            return false;
    }
    return false;
}

static uint16_t opcode_at(const wd_module *m, uint64_t offset)
{
    if (offset >= m->size)
        return 0;
    uint8_t b = m->bytes[offset];
    if (b != 0xFC && b != 0xFD)
        return b;
    wd_reader r = { .p = m->bytes + offset + 1, .end = m->bytes + m->size, .base = m->bytes,
                    .errmsg = NULL, .erroff = 0 };
    uint32_t sub = 0;
    if (!wd_rd_u32(&r, &sub) || sub > 255)
        return (uint16_t)(b << 8);
    return (uint16_t)(b << 8 | sub);
}

uint32_t wd_probe_add_local(wd_module *m, uint32_t funcidx, uint64_t offset,
                            wd_probe_fn fn, void *user, wd_error *err)
{
    if (!m || !fn || funcidx >= m->nfuncs || funcidx < m->nfunc_imports || !m->funcs[funcidx].code) {
        wd__error_set(err, WD_ERR_ARG, m ? m->name : "", WD_NO_OFFSET,
                      "function %u has no code to probe", funcidx);
        return 0;
    }
    const wd_mfunc *mf = &m->funcs[funcidx];
    wd_cfunc *cf = mf->code;
    /* the probe patches compiled code: compile now if it never ran */
    if (!wd__compile_func(m, funcidx, err))
        return 0;
    if (!insn_start(m, mf, offset)) {
        wd__error_set(err, WD_ERR_ARG, m->name, offset,
                      "no instruction of function %u starts at this offset", funcidx);
        return 0;
    }
    if (!wd__side_ensure(cf)) {
        wd__error_set(err, WD_ERR_NOMEM, m->name, offset, "out of memory");
        return 0;
    }
    uint32_t pos = UINT32_MAX;
    /* side[0] is the entry SAFEPOINT, which calls do not execute */
    for (uint32_t i = 1; i < cf->nside; i++) {
        const wd_side *s = &cf->side[i];
        if (s->first <= offset && offset <= s->work) {
            pos = s->pos;
            break;
        }
    }
    if (pos == UINT32_MAX) {
        /* e.g. the final `end` of a body that ends in a branch */
        for (uint32_t i = 1; i < cf->nside; i++)
            if (cf->side[i].work >= offset && (pos == UINT32_MAX || cf->side[i].pos < pos) &&
                cf->side[i].first >= offset) {
                pos = cf->side[i].pos;
                break;
            }
    }
    if (pos == UINT32_MAX) {
        wd__error_set(err, WD_ERR_ARG, m->name, offset,
                      "the instruction at this offset is never executed");
        return 0;
    }
    if (!m->probes) {
        m->probes = wd__calloc(1, sizeof *m->probes);
        if (!m->probes)
            goto oom;
    }
    struct wd_probes *ps = m->probes;
    if (ps->n == ps->cap) {
        uint32_t nc = ps->cap ? ps->cap * 2 : 8;
        wd_lprobe *v = wd__realloc(ps->v, nc * sizeof *v);
        if (!v)
            goto oom;
        ps->v = v;
        ps->cap = nc;
    }
    wd_patch *pt = find_patch(ps, funcidx, pos);
    if (!pt) {
        if (ps->np == ps->capp) {
            uint32_t nc = ps->capp ? ps->capp * 2 : 8;
            wd_patch *p = wd__realloc(ps->p, nc * sizeof *p);
            if (!p)
                goto oom;
            ps->p = p;
            ps->capp = nc;
        }
        pt = &ps->p[ps->np++];
        pt->funcidx = funcidx;
        pt->pos = pos;
        wd__jit_drop(cf);   /* a probed function runs in the interpreter */
        pt->orig = cf->code[pos];
        pt->refs = 0;
        cf->code[pos] = WD_C_PROBE;
    }
    pt->refs++;
    wd_lprobe *p = &ps->v[ps->n++];
    p->id = ++ps->next_id;
    p->funcidx = funcidx;
    p->pos = pos;
    p->offset = offset;
    p->fn = fn;
    p->user = user;
    return p->id;
oom:
    wd__error_set(err, WD_ERR_NOMEM, m->name, WD_NO_OFFSET, "out of memory adding a probe");
    return 0;
}

bool wd_probe_remove_local(wd_module *m, uint32_t id)
{
    if (!m || !m->probes)
        return false;
    struct wd_probes *ps = m->probes;
    for (uint32_t i = 0; i < ps->n; i++) {
        if (ps->v[i].id != id)
            continue;
        wd_patch *pt = find_patch(ps, ps->v[i].funcidx, ps->v[i].pos);
        if (pt && --pt->refs == 0) {
            wd_cfunc *cf = m->funcs[pt->funcidx].code;
            uint32_t fi = pt->funcidx;
            cf->code[pt->pos] = pt->orig;
            *pt = ps->p[--ps->np];
            bool probed = false;
            for (uint32_t k = 0; k < ps->np; k++)
                probed |= ps->p[k].funcidx == fi;
            if (!probed)
                wd__jit_restore(cf);
        }
        memmove(&ps->v[i], &ps->v[i + 1], (ps->n - i - 1) * sizeof *ps->v);
        ps->n--;
        return true;
    }
    return false;
}

wd_word wd__probe_orig(const wd_module *m, const wd_cfunc *cf, uint32_t pos)
{
    if (m->probes) {
        wd_patch *pt = find_patch(m->probes, cf->funcidx, pos);
        if (pt)
            return pt->orig;
    }
    if (cf->code[pos] == WD_C_JIT)
        return wd__jit_orig(cf, pos);
    return cf->code[pos] == WD_C_PROBE ? WD_C_UNREACHABLE : cf->code[pos];
}

int wd__probe_fire_local(wd_exec *x, wd_instance *inst, const wd_cfunc *cf,
                         uint32_t pos, const uint64_t *fp, wd_word *orig)
{
    wd_module *m = (wd_module *)inst->module;
    *orig = wd__probe_orig(m, cf, pos);
    if (!m->probes)
        return WD_PROBE_CONTINUE;
    /* callbacks may add or remove probes: walk a copy of the ids */
    uint32_t ids[32];
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->probes->n && n < 32; i++)
        if (m->probes->v[i].funcidx == cf->funcidx && m->probes->v[i].pos == pos)
            ids[n++] = m->probes->v[i].id;
    for (uint32_t k = 0; k < n; k++) {
        struct wd_probes *ps = m->probes;
        if (!ps)
            break;
        wd_lprobe *p = NULL;
        for (uint32_t i = 0; i < ps->n; i++)
            if (ps->v[i].id == ids[k]) {
                p = &ps->v[i];
                break;
            }
        if (!p)
            continue;
        wd_probe_event ev = { inst, cf->funcidx, p->offset, opcode_at(m, p->offset), 0, {{0}} };
        wd__mem_accesses(inst, cf, pos, wd__side_at(cf, pos), fp, &ev);
        wd_probe_fn fn = p->fn;
        void *user = p->user;
        wd_probe_action a = fn(x, &ev, user);
        if (a != WD_PROBE_CONTINUE) {
            /* the probe may have been removed by its callback */
            *orig = wd__probe_orig(m, cf, pos);
            return a;
        }
    }
    *orig = wd__probe_orig(m, cf, pos);
    return WD_PROBE_CONTINUE;
}

/* wd__side_at through the exec's cache; an entry is used only if it still lies in
 * cf's side table and covers pos. */
static const wd_side *side_cached(wd_exec *x, const wd_cfunc *cf, uint32_t pos)
{
    uint32_t k = (pos ^ (uint32_t)((uintptr_t)cf >> 6)) & 255;
    const wd_side *s = x->sidecache[k].s;
    if (x->sidecache[k].cf == cf && s >= cf->side && s < cf->side + cf->nside && s->pos <= pos &&
        (s + 1 == cf->side + cf->nside || s[1].pos > pos))
        return s;
    s = wd__side_at(cf, pos);
    x->sidecache[k].cf = cf;
    x->sidecache[k].s = s;
    return s;
}

/* The global probe with this id (NULL: none, or removed by a callback). */
static wd_gprobe *find_gprobe(const wd_exec *x, uint32_t id)
{
    for (uint32_t i = 0; x && i < x->ngprobes; i++)
        if (x->gprobes[i].id == id)
            return &x->gprobes[i];
    return NULL;
}

/* Does memory probe g want the instruction whose accesses ev holds? */
static bool wants(const wd_exec *x, const wd_gprobe *g, const wd_probe_event *ev)
{
    if (!ev->nmem)
        return false;
    if (!g->filtered || x->nframes < g->min_frames)
        return true;
    for (uint32_t k = 0; k < ev->nmem; k++) {
        const wd_mem_access *a = &ev->mem[k];
        for (uint32_t i = 0; i < g->nranges; i++) {
            const wd_mem_range *r = &g->ranges[i];
            /* a bulk operation of length 0 touches nothing; sizes never wrap (both are
             * bounded by a 64-bit memory's size) */
            if (a->mem == r->mem && a->size && a->addr < r->addr + r->size &&
                r->addr < a->addr + a->size)
                return true;
        }
    }
    return false;
}

int wd__probe_fire_global(wd_exec *x, wd_instance *inst, const wd_cfunc *cf, uint32_t pos,
                          const uint64_t *fp)
{
    /* mem[] is not zeroed (a rep stos that cost more than the rest of this path):
     * wd__mem_accesses fills the nmem entries callbacks may read */
    wd_probe_event ev;
    ev.instance = inst;
    ev.funcidx = cf->funcidx;
    ev.offset = 0;
    ev.opcode = 0;
    ev.nmem = 0;
    if (x->ngprobes == x->nmemprobes) {
        /* memory probes only (watchpoints): the addresses decide whether any fires, and
         * most accesses stop here, before the side table is looked up */
        wd__mem_accesses(inst, cf, pos, NULL, fp, &ev);
        uint32_t i = 0;
        while (i < x->ngprobes && !wants(x, &x->gprobes[i], &ev))
            i++;
        if (i == x->ngprobes)
            return WD_PROBE_CONTINUE;
    }
    const wd_side *s = side_cached(x, cf, pos);
    ev.offset = s ? s->first : 0;
    ev.opcode = s ? opcode_at(inst->module, s->first) : 0;
    wd__mem_accesses(inst, cf, pos, s, fp, &ev);   /* now with the accesses' offsets */
    if (x->ngprobes == 1) {   /* the common case: no list to walk */
        const wd_gprobe *g = &x->gprobes[0];
        return (int)g->fn(x, &ev, g->user);
    }
    uint32_t ids[16];
    uint32_t n = 0;
    for (uint32_t i = 0; i < x->ngprobes && n < 16; i++)
        if (!x->gprobes[i].mem_only || wants(x, &x->gprobes[i], &ev))
            ids[n++] = x->gprobes[i].id;
    for (uint32_t k = 0; k < n; k++) {
        const wd_gprobe *g = find_gprobe(x, ids[k]);
        if (!g)
            continue;
        wd_probe_fn fn = g->fn;
        void *user = g->user;
        wd_probe_action a = fn(x, &ev, user);
        if (a != WD_PROBE_CONTINUE)
            return a;
    }
    return WD_PROBE_CONTINUE;
}

/* Folds the memory probes' filters into the interpreter's inline check (wd_exec.mf_*):
 * on only while every global probe is a filtered memory probe on memory 0; the ranges
 * become their hull, and the frame bound the largest. */
static void filter_fold(wd_exec *x)
{
    x->mf_on = x->ngprobes > 0 && x->ngprobes == x->nmemprobes;
    x->mf_lo = UINT64_MAX;
    x->mf_hi = 0;
    x->mf_min_frames = 0;
    for (uint32_t i = 0; i < x->ngprobes && x->mf_on; i++) {
        const wd_gprobe *g = &x->gprobes[i];
        x->mf_on = g->filtered;
        if (g->min_frames > x->mf_min_frames)
            x->mf_min_frames = g->min_frames;
        for (uint32_t k = 0; k < g->nranges; k++) {
            const wd_mem_range *r = &g->ranges[k];
            if (r->mem != 0 || r->addr > UINT64_MAX - r->size)
                x->mf_on = false;
            else if (r->size) {
                if (r->addr < x->mf_lo)
                    x->mf_lo = r->addr;
                if (r->addr + r->size > x->mf_hi)
                    x->mf_hi = r->addr + r->size;
            }
        }
    }
}

static uint32_t add_global(wd_exec *x, wd_probe_fn fn, void *user, bool mem_only)
{
    if (!x || !fn)
        return 0;
    if (mem_only)
        wd__memdesc_table();   /* the interpreter's inline filter reads wd__memdesc_tab */
    if (x->ngprobes == x->gcap) {
        uint32_t nc = x->gcap ? x->gcap * 2 : 4;
        wd_gprobe *g = wd__realloc(x->gprobes, nc * sizeof *g);
        if (!g)
            return 0;
        x->gprobes = g;
        x->gcap = nc;
    }
    wd_gprobe *g = &x->gprobes[x->ngprobes++];
    g->id = ++x->next_gid;
    g->fn = fn;
    g->user = user;
    g->mem_only = mem_only;
    g->filtered = false;
    g->min_frames = 0;
    g->nranges = 0;
    g->ranges = NULL;
    x->nmemprobes += mem_only;
    filter_fold(x);
    return g->id;
}

uint32_t wd_probe_add_global(wd_exec *x, wd_probe_fn fn, void *user)
{
    return add_global(x, fn, user, false);
}

uint32_t wd_probe_add_memory(wd_exec *x, wd_probe_fn fn, void *user)
{
    return add_global(x, fn, user, true);
}

bool wd_probe_filter_memory(wd_exec *x, uint32_t id, const wd_mem_range *ranges, uint32_t n,
                            uint32_t min_frames)
{
    wd_gprobe *g = find_gprobe(x, id);
    if (!g || !g->mem_only)
        return false;
    wd_mem_range *copy = NULL;
    if (ranges && n) {
        copy = wd__malloc((size_t)n * sizeof *copy);
        if (!copy)
            return false;
        memcpy(copy, ranges, (size_t)n * sizeof *copy);
    }
    wd__free(g->ranges);
    g->ranges = copy;
    g->nranges = copy ? n : 0;
    g->filtered = ranges != NULL;
    g->min_frames = ranges ? min_frames : 0;
    filter_fold(x);
    return true;
}

bool wd_probe_remove_global(wd_exec *x, uint32_t id)
{
    for (uint32_t i = 0; i < x->ngprobes; i++) {
        if (x->gprobes[i].id != id)
            continue;
        x->nmemprobes -= x->gprobes[i].mem_only;
        wd__free(x->gprobes[i].ranges);
        memmove(&x->gprobes[i], &x->gprobes[i + 1], (x->ngprobes - i - 1) * sizeof *x->gprobes);
        x->ngprobes--;
        filter_fold(x);
        return true;
    }
    return false;
}
