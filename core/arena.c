/* arena.c: chunked bump allocator and the engine's allocation hooks. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ malloc hooks */

/* Successful allocations left before every allocation fails; < 0: never. */
static long wd_alloc_budget = -1;

void wd__alloc_fail_after(long n) { wd_alloc_budget = n < 0 ? -1 : n; }

/* true if this allocation may proceed (and consumes one unit of budget). */
static int wd_alloc_allowed(void)
{
    if (wd_alloc_budget < 0)
        return 1;
    if (wd_alloc_budget == 0)
        return 0;
    wd_alloc_budget--;
    return 1;
}

void *wd__malloc(size_t n)
{
    if (!wd_alloc_allowed())
        return NULL;
    return malloc(n ? n : 1);
}

void *wd__calloc(size_t n, size_t size)
{
    if (!wd_alloc_allowed())
        return NULL;
    if (n == 0 || size == 0)
        return calloc(1, 1);
    return calloc(n, size);
}

void *wd__realloc(void *p, size_t n)
{
    if (!wd_alloc_allowed())
        return NULL;
    return realloc(p, n ? n : 1);
}

void wd__free(void *p) { free(p); }

bool wd__grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    uint64_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    if (n > SIZE_MAX / elem)
        return false;
    void *q = wd__realloc(*p, (size_t)n * elem);
    if (!q)
        return false;
    *p = q;
    *cap = (uint32_t)n;
    return true;
}

/* ------------------------------------------------------------ the arena */

#define WD_ARENA_ALIGN 16u
#define WD_ARENA_CHUNK (64u * 1024u)   /* default chunk payload */

struct wd_arena_chunk {
    wd_arena_chunk *next;
    size_t size;        /* payload bytes */
    size_t used;
    /* keep the payload 16-aligned: header padded to 32 bytes */
    size_t pad_;
    _Alignas(16) unsigned char data[];
};

void wd_arena_init(wd_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void wd_arena_free(wd_arena *a)
{
    wd_arena_chunk *c = a->head;
    while (c) {
        wd_arena_chunk *next = c->next;
        wd__free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

static size_t wd_round16(size_t n) { return (n + (WD_ARENA_ALIGN - 1)) & ~(size_t)(WD_ARENA_ALIGN - 1); }

void *wd_arena_alloc(wd_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t need = wd_round16(size);
    wd_arena_chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t payload = need > WD_ARENA_CHUNK ? need : WD_ARENA_CHUNK;
        wd_arena_chunk *n = wd__malloc(sizeof(wd_arena_chunk) + payload);
        if (!n)
            return NULL;
        n->size = payload;
        n->used = 0;
        n->pad_ = 0;
        if (c && need > WD_ARENA_CHUNK && c->size - c->used >= WD_ARENA_ALIGN) {
            /* A big dedicated chunk: slot it behind the current one so the
             * current chunk's free space stays usable. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->total += need;
    memset(p, 0, size);
    return p;
}

void *wd_arena_array(wd_arena *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return wd_arena_alloc(a, n * size);
}

char *wd_arena_strndup(wd_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *d = wd_arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
