/* store.c: the store and the runtime objects it owns: interned function
 * types, functions, tables, memories, globals (instances: instance.c).
 *
 * Every object is malloc'd and linked into its store's list of that kind;
 * wd_store_free() frees them all. Memories reserve their whole address
 * space (the maximum size) up front with PROT_NONE and open pages with
 * mprotect as they grow, so a memory's data pointer never moves.
 */
#include "store.h"

#include <string.h>
#include <sys/mman.h>

#define WD_DEFAULT_CALL_DEPTH 10000u
#define WD_DEFAULT_STACK_SLOTS (1u << 20)

/* ------------------------------------------------------------ the store */

wd_store *wd_store_new(const wd_store_options *opts)
{
    wd_store *s = wd__calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (opts)
        s->opts = *opts;
    if (s->opts.max_call_depth == 0)
        s->opts.max_call_depth = WD_DEFAULT_CALL_DEPTH;
    if (s->opts.max_stack_slots == 0)
        s->opts.max_stack_slots = WD_DEFAULT_STACK_SLOTS;
    s->type_nbuckets = 64;
    s->type_buckets = wd__calloc(s->type_nbuckets, sizeof *s->type_buckets);
    if (!s->type_buckets) {
        wd__free(s);
        return NULL;
    }
    s->exec = wd__exec_new(s);
    if (!s->exec) {
        wd__free(s->type_buckets);
        wd__free(s);
        return NULL;
    }
    return s;
}

void wd_store_free(wd_store *s)
{
    if (!s)
        return;
    /* The exec first: it may point at any of the objects below. */
    if (s->exec)
        wd__exec_free(s->exec);
    for (wd_instance *i = s->instances, *n; i; i = n) {
        n = i->next_in_store;
        wd__free(i->types);
        wd__free(i->funcs);
        wd__free(i->tables);
        wd__free(i->memories);
        wd__free(i->globals);
        wd__free(i->elem_dropped);
        wd__free(i->data_dropped);
        wd__free(i);
    }
    for (wd_func *f = s->funcs, *n; f; f = n) {
        n = f->next_in_store;
        wd__free(f->host_name);
        wd__free(f);
    }
    for (wd_memory *m = s->memories, *n; m; m = n) {
        n = m->next_in_store;
        if (m->data)
            munmap(m->data, m->reserved);
        wd__free(m);
    }
    for (wd_table *t = s->tables, *n; t; t = n) {
        n = t->next_in_store;
        wd__free(t->elems);
        wd__free(t);
    }
    for (wd_global *g = s->globals, *n; g; g = n) {
        n = g->next_in_store;
        wd__free(g);
    }
    for (uint32_t b = 0; b < s->type_nbuckets; b++) {
        for (wd_itype *t = s->type_buckets[b], *n; t; t = n) {
            n = t->next;
            wd__free(t);
        }
    }
    wd__free(s->type_buckets);
    wd__free(s);
}

wd_exec *wd_store_exec(wd_store *s) { return s ? s->exec : NULL; }

/* ------------------------------------------------------------ types */

static uint64_t type_hash(const wd_ftype *ft)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a over the shape */
#define MIX(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ull)
    MIX(ft->nparams);
    for (uint32_t i = 0; i < ft->nparams; i++)
        MIX(ft->params[i]);
    MIX(0xFFu);
    MIX(ft->nresults);
    for (uint32_t i = 0; i < ft->nresults; i++)
        MIX(ft->results[i]);
#undef MIX
    return h;
}

static bool type_equal(const wd_ftype *a, const wd_ftype *b)
{
    if (a->nparams != b->nparams || a->nresults != b->nresults)
        return false;
    for (uint32_t i = 0; i < a->nparams; i++)
        if (a->params[i] != b->params[i])
            return false;
    for (uint32_t i = 0; i < a->nresults; i++)
        if (a->results[i] != b->results[i])
            return false;
    return true;
}

static void type_rehash(wd_store *s)
{
    uint32_t nb = s->type_nbuckets * 2;
    wd_itype **b = wd__calloc(nb, sizeof *b);
    if (!b)
        return;   /* keep the old table: longer chains, still correct */
    for (uint32_t i = 0; i < s->type_nbuckets; i++) {
        for (wd_itype *t = s->type_buckets[i], *n; t; t = n) {
            n = t->next;
            uint32_t k = (uint32_t)(t->hash & (nb - 1));
            t->next = b[k];
            b[k] = t;
        }
    }
    wd__free(s->type_buckets);
    s->type_buckets = b;
    s->type_nbuckets = nb;
}

const wd_itype *wd__store_intern_type(wd_store *s, const wd_ftype *ft)
{
    uint64_t h = type_hash(ft);
    uint32_t k = (uint32_t)(h & (s->type_nbuckets - 1));
    for (wd_itype *t = s->type_buckets[k]; t; t = t->next)
        if (t->hash == h && type_equal(&t->ft, ft))
            return t;
    /* One block: the record, then the params and results. */
    size_t n = (size_t)ft->nparams + ft->nresults;
    wd_itype *t = wd__calloc(1, sizeof *t + n * sizeof(wd_valtype));
    if (!t)
        return NULL;
    wd_valtype *v = (wd_valtype *)(t + 1);
    t->ft.nparams = ft->nparams;
    t->ft.nresults = ft->nresults;
    t->ft.params = v;
    t->ft.results = v + ft->nparams;
    uint32_t ps = 0, rs = 0;
    for (uint32_t i = 0; i < ft->nparams; i++) {
        v[i] = ft->params[i];
        ps += wd_valtype_slots(v[i]);
    }
    for (uint32_t i = 0; i < ft->nresults; i++) {
        v[ft->nparams + i] = ft->results[i];
        rs += wd_valtype_slots(ft->results[i]);
    }
    t->ft.param_slots = ps;
    t->ft.result_slots = rs;
    t->hash = h;
    t->next = s->type_buckets[k];
    s->type_buckets[k] = t;
    if (++s->type_count > s->type_nbuckets)
        type_rehash(s);
    return t;
}

/* ------------------------------------------------------------ functions */

wd_func *wd__func_new_wasm(wd_store *s, wd_instance *inst, uint32_t funcidx)
{
    const wd_module *m = inst->module;
    if (funcidx >= m->nfuncs)
        return NULL;
    wd_func *f = wd__calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->type = inst->types[m->funcs[funcidx].typeidx];
    f->inst = inst;
    f->funcidx = funcidx;
    f->code = m->funcs[funcidx].code;
    f->next_in_store = s->funcs;
    s->funcs = f;
    return f;
}

wd_func *wd_func_new_host(wd_store *s, const wd_functype *type,
                          wd_host_fn fn, void *env, const char *debug_name)
{
    if (!s || !type || !fn)
        return NULL;
    wd_ftype ft;
    memset(&ft, 0, sizeof ft);
    ft.nparams = type->nparams;
    ft.nresults = type->nresults;
    ft.params = (wd_valtype *)type->params;     /* only read by interning */
    ft.results = (wd_valtype *)type->results;
    const wd_itype *it = wd__store_intern_type(s, &ft);
    if (!it)
        return NULL;
    wd_func *f = wd__calloc(1, sizeof *f);
    if (!f)
        return NULL;
    if (debug_name) {
        size_t n = strlen(debug_name);
        f->host_name = wd__malloc(n + 1);
        if (!f->host_name) {
            wd__free(f);
            return NULL;
        }
        memcpy(f->host_name, debug_name, n + 1);
    }
    f->type = it;
    f->is_host = true;
    f->host_fn = fn;
    f->host_env = env;
    f->next_in_store = s->funcs;
    s->funcs = f;
    return f;
}

wd_functype wd_func_type(const wd_func *f)
{
    wd_functype t;
    memset(&t, 0, sizeof t);
    if (f && f->type) {
        t.nparams = f->type->ft.nparams;
        t.nresults = f->type->ft.nresults;
        t.params = f->type->ft.params;
        t.results = f->type->ft.results;
    }
    return t;
}

/* ------------------------------------------------------------ tables */

wd_table *wd_table_new(wd_store *s, wd_valtype elem, wd_limits lim, wd_ref init,
                       wd_error *err)
{
    if (lim.min > WD_MAX_TABLE_SIZE) {
        wd__error_set(err, WD_ERR_NOMEM, NULL, WD_NO_OFFSET,
                      "table size %llu is beyond the limit (%u)",
                      (unsigned long long)lim.min, WD_MAX_TABLE_SIZE);
        return NULL;
    }
    wd_table *t = wd__calloc(1, sizeof *t);
    if (!t)
        goto nomem;
    if (lim.min) {
        t->elems = wd__malloc((size_t)lim.min * sizeof *t->elems);
        if (!t->elems) {
            wd__free(t);
            goto nomem;
        }
        for (uint64_t i = 0; i < lim.min; i++)
            t->elems[i] = init;
    }
    t->size = t->capacity = (uint32_t)lim.min;
    t->elem = elem;
    t->lim = lim;
    t->next_in_store = s->tables;
    s->tables = t;
    return t;
nomem:
    wd__error_set(err, WD_ERR_NOMEM, NULL, WD_NO_OFFSET, "out of memory (table)");
    return NULL;
}

int64_t wd__table_grow(wd_table *t, uint32_t delta, wd_ref init)
{
    uint64_t old = t->size;
    uint64_t want = old + delta;
    uint64_t max = WD_MAX_TABLE_SIZE;
    if (t->lim.has_max && t->lim.max < max)
        max = t->lim.max;
    if (want > max)
        return -1;
    if (want > t->capacity) {
        uint64_t cap = (uint64_t)t->capacity * 2;
        if (cap < want)
            cap = want;
        if (cap > max)
            cap = max;
        wd_ref *e = wd__realloc(t->elems, (size_t)cap * sizeof *e);
        if (!e)
            return -1;
        t->elems = e;
        t->capacity = (uint32_t)cap;
    }
    for (uint64_t i = old; i < want; i++)
        t->elems[i] = init;
    t->size = (uint32_t)want;
    return (int64_t)old;
}

uint32_t wd_table_size(const wd_table *t) { return t ? t->size : 0; }

bool wd_table_get(const wd_table *t, uint32_t i, wd_ref *out)
{
    if (!t || i >= t->size)
        return false;
    *out = t->elems[i];
    return true;
}

bool wd_table_set(wd_table *t, uint32_t i, wd_ref v)
{
    if (!t || i >= t->size)
        return false;
    t->elems[i] = v;
    return true;
}

/* ------------------------------------------------------------ memories */

wd_memory *wd_memory_new(wd_store *s, wd_limits pages, wd_error *err)
{
    if (pages.min > WD_MAX_PAGES || (pages.has_max && pages.max > WD_MAX_PAGES)) {
        wd__error_set(err, WD_ERR_NOMEM, NULL, WD_NO_OFFSET,
                      "memory size is beyond the limit (%u pages)", WD_MAX_PAGES);
        return NULL;
    }
    uint64_t reserve_pages = pages.has_max ? pages.max : WD_MAX_PAGES;
    if (reserve_pages < pages.min)
        reserve_pages = pages.min;
    if (reserve_pages == 0)
        reserve_pages = 1;   /* a real mapping even for a 0-page memory */
    uint64_t reserved = reserve_pages * WD_PAGE_SIZE;
    wd_memory *m = wd__calloc(1, sizeof *m);
    if (!m)
        goto nomem;
    void *p = mmap(NULL, (size_t)reserved, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        wd__free(m);
        goto nomem;
    }
    m->data = p;
    m->reserved = reserved;
    if (pages.min && mprotect(p, (size_t)(pages.min * WD_PAGE_SIZE),
                              PROT_READ | PROT_WRITE) != 0) {
        munmap(p, (size_t)reserved);
        wd__free(m);
        goto nomem;
    }
    m->pages = pages.min;
    m->size = pages.min * WD_PAGE_SIZE;
    m->lim = pages;
    m->next_in_store = s->memories;
    s->memories = m;
    return m;
nomem:
    wd__error_set(err, WD_ERR_NOMEM, NULL, WD_NO_OFFSET,
                  "out of memory (memory of %llu pages)", (unsigned long long)pages.min);
    return NULL;
}

uint8_t *wd_memory_data(wd_memory *mem) { return mem ? mem->data : NULL; }
uint64_t wd_memory_size(const wd_memory *mem) { return mem ? mem->size : 0; }

bool wd_memory_read(const wd_memory *mem, uint64_t addr, void *dst, size_t len)
{
    if (!mem || addr > mem->size || len > mem->size - addr)
        return false;
    if (len)
        memcpy(dst, mem->data + addr, len);
    return true;
}

bool wd_memory_write(wd_memory *mem, uint64_t addr, const void *src, size_t len)
{
    if (!mem || addr > mem->size || len > mem->size - addr)
        return false;
    if (len)
        memcpy(mem->data + addr, src, len);
    return true;
}

int64_t wd_memory_grow(wd_memory *mem, uint64_t delta_pages)
{
    if (!mem)
        return -1;
    uint64_t old = mem->pages;
    uint64_t max = WD_MAX_PAGES;
    if (mem->lim.has_max && mem->lim.max < max)
        max = mem->lim.max;
    if (delta_pages > max || old + delta_pages > max)
        return -1;
    if (delta_pages == 0)
        return (int64_t)old;
    uint64_t new_size = (old + delta_pages) * WD_PAGE_SIZE;
    if (new_size > mem->reserved)
        return -1;
    if (mprotect(mem->data + mem->size, (size_t)(new_size - mem->size),
                 PROT_READ | PROT_WRITE) != 0)
        return -1;
    mem->pages = old + delta_pages;
    mem->size = new_size;
    return (int64_t)old;
}

/* ------------------------------------------------------------ globals */

wd_global *wd_global_new(wd_store *s, wd_value v, bool mutable_)
{
    wd_global *g = wd__calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->type = v.type;
    g->mut = mutable_;
    wd__value_to_slots(&v, g->val);
    g->next_in_store = s->globals;
    s->globals = g;
    return g;
}

wd_value wd_global_get(const wd_global *g)
{
    wd_value v;
    memset(&v, 0, sizeof v);
    if (g)
        wd__slots_to_value(g->type, g->val, &v);
    return v;
}

bool wd_global_set(wd_global *g, wd_value v)
{
    if (!g || !g->mut || g->type != v.type)
        return false;
    g->val[0] = g->val[1] = 0;
    wd__value_to_slots(&v, g->val);
    return true;
}

bool wd_global_is_mutable(const wd_global *g) { return g && g->mut; }
