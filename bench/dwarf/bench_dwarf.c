/* bench_dwarf.c: the DWARF targets of issue 4, measured in one process.
 *
 *   bench_dwarf MODULE.wasm [N]
 *
 * 1. open + symbolize the first offset that has a line (target <= 50 ms), best of 5
 * 2. N random symbolizations (default 1,000,000; target <= 1 s), best of 3
 * 3. a sweep: every function symbolized at each of its line rows, and every variable
 *    in scope at its first row read (type name and value, from a zeroed fake memory)
 * 4. memory: peak RSS after all of it minus peak RSS once the module is loaded (the
 *    module holds the file's bytes, debug sections included), against the debug
 *    sections' total size (target <= 2x); also the bytes wd_dwarf has malloc'd, counted
 *    by wrapping malloc/calloc/realloc/free (see the note at the wrappers)
 * Times are CPU time (user+sys) of this process, as the machine is shared.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "wd.h"
#include "wd_dwarf.h"

/* ---------------------------------------------------------------- malloc accounting
 * Live heap bytes (malloc_usable_size of every live block) and their peak, counted
 * around glibc's allocator through its __libc_* entry points. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static size_t g_live, g_peak;

static void count_in(void *p)
{
    if (p) {
        g_live += malloc_usable_size(p);
        if (g_live > g_peak)
            g_peak = g_live;
    }
}

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    count_in(p);
    return p;
}

void *calloc(size_t a, size_t b)
{
    void *p = __libc_calloc(a, b);
    count_in(p);
    return p;
}

void *realloc(void *old, size_t n)
{
    size_t was = old ? malloc_usable_size(old) : 0;
    void *p = __libc_realloc(old, n);
    if (p || n == 0)
        g_live -= was;
    count_in(p);
    return p;
}

void free(void *p)
{
    if (p)
        g_live -= malloc_usable_size(p);
    __libc_free(p);
}

/* ---------------------------------------------------------------- measuring */

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long maxrss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

typedef struct fn_list {
    uint32_t *lo, *hi;
    size_t n, cap;
} fn_list;

static bool add_fn(void *user, const wd_dw_func *f)
{
    fn_list *l = user;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->lo = realloc(l->lo, l->cap * sizeof *l->lo);
        l->hi = realloc(l->hi, l->cap * sizeof *l->hi);
        if (!l->lo || !l->hi)
            return false;
    }
    l->lo[l->n] = f->low_pc;
    l->hi[l->n] = f->high_pc;
    l->n++;
    return true;
}

typedef struct sweep {
    wd_dwarf *d;
    const wd_dw_target *target;
    uint64_t frames, vars, rows, chars;
    uint32_t last_var_addr;
} sweep;

static bool row_fn(void *user, const wd_dw_row *r)
{
    sweep *s = user;
    if (r->flags & WD_DW_ROW_END_SEQUENCE)
        return true;
    s->rows++;
    wd_dw_frame fr[16];
    s->frames += wd_dwarf_symbolize(s->d, r->addr, true, fr, 16);
    return true;
}

static bool zero_mem(void *u, uint64_t a, void *dst, size_t len)
{
    (void)u;
    (void)a;
    memset(dst, 0, len);
    return true;
}

static bool zero_slot(void *u, uint32_t i, uint64_t *out)
{
    (void)u;
    *out = 0x10000u + i * 16u;   /* a plausible stack address for frame bases */
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_dwarf MODULE.wasm [N]\n");
        return 2;
    }
    long n_sym = argc > 2 ? atol(argv[2]) : 1000000;
    wd_error err;
    wd_error_clear(&err);
    wd_module *m = wd_module_load_file(argv[1], NULL, &err);
    if (!m) {
        char b[256];
        fprintf(stderr, "bench_dwarf: %s\n", wd_error_format(&err, b, sizeof b));
        return 1;
    }
    long rss0 = maxrss_kib();
    size_t heap0 = g_live;
    g_peak = g_live;

    /* 1. open + first symbolization, best of 5 (the last one is kept) */
    double t_open = 1e9;
    wd_dwarf *d = NULL;
    uint32_t a0 = 0;
    size_t nf0 = 0;
    wd_dw_frame fr[16];
    long rss_open = 0;
    size_t heap_open = 0;
    for (int rep = 0; rep < 5; rep++) {
        if (d)
            wd_dwarf_close(d);
        double t0 = cpu_s();
        d = wd_dwarf_open(m, NULL, NULL, &err);
        if (!d) {
            fprintf(stderr, "bench_dwarf: %s has no usable DWARF\n", argv[1]);
            return 1;
        }
        wd_dw_row first;
        /* the first offset that has a line: a trace's first question */
        for (a0 = 0; a0 < 1u << 20 && !wd_dwarf_line_at(d, a0, &first); a0++)
            ;
        nf0 = wd_dwarf_symbolize(d, a0, true, fr, 16);
        double t = cpu_s() - t0;
        if (t < t_open)
            t_open = t;
        if (rep == 0) {
            rss_open = maxrss_kib();
            heap_open = g_peak - heap0;
        }
    }

    wd_dwarf_summary sum;
    wd_dwarf_summarize(d, false, &sum);

    /* 2. random symbolizations over the functions' ranges */
    fn_list fl = { 0 };
    wd_dwarf_each_func(d, add_fn, &fl);
    uint64_t code = 0;
    for (size_t i = 0; i < fl.n; i++)
        if (fl.hi[i] > code)
            code = fl.hi[i];
    /* best of 3; the first pass also parses the units it meets */
    uint64_t frames = 0;
    double t_sym = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        uint32_t x = 12345;
        frames = 0;
        double t0 = cpu_s();
        for (long i = 0; i < n_sym; i++) {
            x = x * 1103515245u + 12345u;
            frames += wd_dwarf_symbolize(d, (uint32_t)((x >> 4) % (code ? code : 1)), true,
                                         fr, 16);
        }
        double t = cpu_s() - t0;
        if (t < t_sym)
            t_sym = t;
    }

    /* 3. the sweep: every row symbolized, every function's variables read */
    sweep s = { .d = d };
    wd_dw_target tg = { .read_local = zero_slot, .read_global = zero_slot,
                        .read_stack = zero_slot, .read_memory = zero_mem };
    s.target = &tg;
    double t0 = cpu_s();
    wd_dwarf_each_row(d, NULL, row_fn, &s);
    char buf[512];
    for (size_t i = 0; i < fl.n; i++) {
        const wd_dw_var *vars[64];
        wd_dw_row r;
        uint32_t at = fl.lo[i];
        /* a row inside the body, past the prologue, so locals are in scope */
        for (uint32_t a = fl.lo[i]; a < fl.hi[i] && a < fl.lo[i] + 64; a++)
            if (wd_dwarf_line_at(d, a, &r) && r.addr > fl.lo[i]) {
                at = r.addr;
                break;
            }
        size_t nv = wd_dwarf_vars_at(d, at, 0, vars, 64);
        for (size_t j = 0; j < nv && j < 64; j++) {
            const wd_dw_type *t = wd_dw_var_type(d, vars[j]);
            wd_dw_type_name(d, t, buf, sizeof buf);
            s.chars += wd_dwarf_format_var(d, vars[j], at, &tg, buf, sizeof buf);
            s.vars++;
        }
    }
    const wd_dw_var *globals[256];
    size_t ng = wd_dwarf_globals(d, globals, 256);
    for (size_t j = 0; j < ng && j < 256; j++)
        s.chars += wd_dwarf_format_var(d, globals[j], 0, &tg, buf, sizeof buf);
    double t_sweep = cpu_s() - t0;
    long rss_end = maxrss_kib();
    size_t heap_peak = g_peak - heap0;

    wd_dwarf_summarize(d, true, &sum);
    double dbg_mib = (double)sum.debug_bytes / (1 << 20);
    printf("module %s: %.2f MiB of .debug_* sections, %" PRIu32 " units, %" PRIu32
           " functions, %" PRIu32 " inlined, %" PRIu32 " line rows\n",
           argv[1], dbg_mib, sum.units, sum.functions, sum.inlined, sum.line_rows);
    printf("open + symbolize offset 0x%" PRIx32 " (%zu frames): %.1f ms CPU   (target <= 50 ms)\n",
           a0, nf0, t_open * 1e3);
    printf("%ld random symbolizations: %.3f s CPU (%" PRIu64 " frames)   (target <= 1 s)\n",
           n_sym, t_sym, frames);
    printf("sweep: %" PRIu64 " rows symbolized (%" PRIu64 " frames), %" PRIu64
           " variables and %zu globals read: %.3f s CPU\n",
           s.rows, s.frames, s.vars, ng, t_sweep);
    printf("memory after open:  RSS +%.2f MiB, heap peak +%.2f MiB\n",
           (rss_open - rss0) / 1024.0, heap_open / 1048576.0);
    printf("memory after sweep: RSS +%.2f MiB, heap peak +%.2f MiB = %.2fx the debug "
           "sections   (target <= 2x)\n",
           (rss_end - rss0) / 1024.0, heap_peak / 1048576.0,
           dbg_mib > 0 ? (double)heap_peak / (double)sum.debug_bytes : 0.0);
    wd_dwarf_mem mem;
    wd_dwarf_memory(d, &mem);
    printf("  of which: line rows %.2f MiB, scopes %.2f MiB, arena %.2f MiB (variables %.2f), "
           "type cache %.2f MiB; the rest (libdwarf, files, units) %.2f MiB\n",
           mem.line_rows / 1048576.0, mem.scopes / 1048576.0, mem.arena / 1048576.0,
           mem.vars / 1048576.0, mem.types / 1048576.0,
           ((double)g_live - (double)heap0 -
            (double)(mem.line_rows + mem.scopes + mem.arena + mem.types)) / 1048576.0);
    wd_dwarf_close(d);
    wd_module_free(m);
    free(fl.lo);
    free(fl.hi);
    return 0;
}
