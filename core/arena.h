/* arena.h: a bump allocator. A module's decoded data lives in one arena and
 * is freed at once. Allocation goes through wd__malloc so tests can make the
 * Nth allocation fail (wd__alloc_fail_after). */
#ifndef WD_ARENA_H
#define WD_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wd_arena_chunk wd_arena_chunk;
typedef struct wd_arena {
    wd_arena_chunk *head;
    size_t total;          /* bytes handed out, for limits and statistics */
} wd_arena;

void wd_arena_init(wd_arena *a);
void wd_arena_free(wd_arena *a);
/* Zeroed, 16-byte aligned; NULL on failure (never aborts). */
void *wd_arena_alloc(wd_arena *a, size_t size);
/* Overflow-checked n * size. */
void *wd_arena_array(wd_arena *a, size_t n, size_t size);
char *wd_arena_strndup(wd_arena *a, const char *s, size_t n);

/* The engine's malloc/calloc/realloc/free. */
void *wd__malloc(size_t n);
void *wd__calloc(size_t n, size_t size);
void *wd__realloc(void *p, size_t n);
void wd__free(void *p);
/* Grows the array *p of *cap elements of elem bytes to at least need elements
 * (doubling from 16); false, with *p and *cap unchanged, when that fails. */
bool wd__grow(void **p, uint32_t *cap, uint32_t need, size_t elem);
/* Test hook: after `n` more successful allocations, fail every one
 * (n < 0 disables). */
void wd__alloc_fail_after(long n);

#endif
