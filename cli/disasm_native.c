/* disasm_native.c: `wasmdbg disasm --native MODULE [FUNCTION...]`, the JIT tier's x86-64
 * code of each function, disassembled by capstone.
 *
 *   func[0] <sum>: x86-64 code 0x0000..0x0179 at 0x7f6c85e35000
 *     ; call entry
 *       0000: 48 8d 43 28                       | lea rax, [rbx + 0x28]
 *       ...
 *    00000e: 20 02                    |     local.get 2
 *    000010: 20 00                    |     local.get 0
 *    000012: 28 02 00                 |     i32.load
 *       007f: 8b 03                             | mov eax, dword ptr [rbx]
 *       ...
 *    000015: 6a                       |     i32.add
 *       0096: 8b 43 10                          | mov eax, dword ptr [rbx + 0x10]
 *       0099: 8b 4b 20                          | mov ecx, dword ptr [rbx + 0x20]
 *       009c: 01 c8                             | add eax, ecx
 *       ...
 *     ; cold exits
 *       00e0: 48 b8 48 bb 9c b1 82 55 00 00     | movabs rax, 0x5582b19cbb48
 *
 * The core maps each piece of native code (one per internal instruction) to the wasm
 * instruction doing its work (wd_module_native_code). Wasm instructions print as
 * `wasmdbg disasm` prints them, in order; the ones between two pieces that have no code of
 * their own (folded into a neighbour: the local.get an add reads, the local.set of its
 * result) come just above the next piece: the map does not say which neighbour. A piece
 * whose instruction was printed already (code out of wasm order) repeats just that one.
 * Native addresses are offsets from the function's code, jump targets included. br_table's
 * jump tables are data inside the body: shown as .long entries with their targets.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "disasm.h"

/* capstone is loaded with dlopen by --native, not linked, as libdwarf and ncursesw are
 * (docs/architecture.md, "Shared libraries"): the other subcommands never map it. Calls
 * go through csl; the macros keep the call sites plain. */
#ifndef WD_CAPSTONE_SONAME
#define WD_CAPSTONE_SONAME "libcapstone.so.4"
#endif
#define CS_FUNCS(X) \
    X(cs_open) X(cs_option) X(cs_malloc) X(cs_disasm_iter) X(cs_free) X(cs_close) X(cs_strerror)

static struct {
#define X(f) __typeof__(f) *p_##f;
    CS_FUNCS(X)
#undef X
} csl;

#define cs_open (*csl.p_cs_open)
#define cs_option (*csl.p_cs_option)
#define cs_malloc (*csl.p_cs_malloc)
#define cs_disasm_iter (*csl.p_cs_disasm_iter)
#define cs_free (*csl.p_cs_free)
#define cs_close (*csl.p_cs_close)
#define cs_strerror (*csl.p_cs_strerror)

static void *cs_dl;          /* the library, once loaded */
static csh cs_h;             /* an x86-64 disassembler, Intel syntax */
static cs_insn *cs_one;      /* cs_disasm_iter's buffer */

bool wd_dis_native_init(void)
{
    if (cs_one)
        return true;
    cs_dl = dlopen(WD_CAPSTONE_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (!cs_dl) {
        fprintf(stderr, "wasmdbg: disasm --native needs capstone: cannot load %s: %s\n",
                WD_CAPSTONE_SONAME, dlerror());
        return false;
    }
#define X(f) \
    if (!(*(void **)&csl.p_##f = dlsym(cs_dl, #f))) { \
        fprintf(stderr, "wasmdbg: %s has no %s\n", WD_CAPSTONE_SONAME, #f); \
        wd_dis_native_done(); \
        return false; \
    }
    CS_FUNCS(X)
#undef X
    cs_err e = cs_open(CS_ARCH_X86, CS_MODE_64, &cs_h);
    if (e != CS_ERR_OK) {
        fprintf(stderr, "wasmdbg: capstone (%s): %s\n", WD_CAPSTONE_SONAME, cs_strerror(e));
        wd_dis_native_done();
        return false;
    }
    cs_one = cs_malloc(cs_h);
    if (!cs_one) {
        fprintf(stderr, "wasmdbg: capstone (%s): out of memory\n", WD_CAPSTONE_SONAME);
        wd_dis_native_done();
        return false;
    }
    return true;
}

void wd_dis_native_done(void)
{
    if (cs_one)
        cs_free(cs_one, 1);
    if (cs_h)
        cs_close(&cs_h);
    if (cs_dl)
        dlclose(cs_dl);
    cs_one = NULL;
    cs_h = 0;
    cs_dl = NULL;
    memset(&csl, 0, sizeof csl);
}

typedef struct nat {
    const wd_native_code *nc;
    int width;          /* hex digits of a native offset */
    uint32_t data;      /* the next jump table not yet passed */
} nat;

static void print_native(const nat *n, uint32_t off, const uint8_t *bytes, uint32_t len)
{
    printf("    %0*x: ", n->width, off);
    wd_dis_print_bytes(bytes, len, WD_DIS_X86_BYTES);
}

/* A jump table's entries from..to (inside table t). */
static void print_table(const nat *n, const wd_native_range *t, uint32_t from, uint32_t to)
{
    for (uint32_t at = from; at + 4 <= to; at += 4) {
        int32_t rel;
        memcpy(&rel, n->nc->code + at, 4);
        print_native(n, at, n->nc->code + at, 4);
        printf(".long 0x%x  ; -> 0x%0*x\n", (uint32_t)rel, n->width, t->off + (uint32_t)rel);
    }
}

/* Disassembles native bytes [from, to), jump tables shown as data. */
static void print_range(nat *n, uint32_t from, uint32_t to)
{
    const wd_native_code *nc = n->nc;
    uint32_t at = from;
    while (at < to) {
        while (n->data < nc->ndata && nc->data[n->data].off + nc->data[n->data].size <= at)
            n->data++;
        uint32_t stop = to;
        if (n->data < nc->ndata && nc->data[n->data].off < to) {
            const wd_native_range *t = &nc->data[n->data];
            if (t->off <= at) {
                uint32_t end = t->off + t->size < to ? t->off + t->size : to;
                print_table(n, t, at, end);
                at = end;
                continue;
            }
            stop = t->off;
        }
        const uint8_t *p = nc->code + at;
        size_t left = stop - at;
        uint64_t addr = at;
        while (left && cs_disasm_iter(cs_h, &p, &left, &addr, cs_one)) {
            print_native(n, (uint32_t)cs_one->address, cs_one->bytes, cs_one->size);
            printf("%s%s%s\n", cs_one->mnemonic, cs_one->op_str[0] ? " " : "", cs_one->op_str);
        }
        at = (uint32_t)addr;
        if (left) {   /* not an instruction capstone knows: show the byte, go on */
            print_native(n, at, nc->code + at, 1);
            printf(".byte 0x%02x\n", nc->code[at]);
            at++;
        }
    }
}

bool wd_dis_native(wd_cli_debug *dbg, uint32_t idx, bool source)
{
    const char *name = wd_dis_func_name(dbg, idx);
    wd_native_code nc;
    wd_error err;
    wd_error_clear(&err);
    if (!wd_module_native_code(dbg->m, idx, &nc, &err)) {
        fprintf(stderr, "wasmdbg: disasm --native: func[%u] <%s>: %s\n", idx, name ? name : "?",
                err.msg);
        return false;
    }
    wd_dis_body b;
    if (!wd_dis_body_decode(dbg, idx, &b)) {
        fprintf(stderr, "wasmdbg: disasm --native: func[%u]: cannot decode its wasm body\n", idx);
        wd_native_code_free(&nc);
        return false;
    }
    nat n = { &nc, nc.size > 0xFFFF ? 6 : 4, 0 };
    uint64_t base = wd_module_code_section_offset(dbg->m);
    printf("func[%u] <%s>: x86-64 code 0x%0*x..0x%0*zx at %p\n", idx, name ? name : "?",
           n.width, 0, n.width, nc.size, (const void *)nc.code);
    printf("  ; call entry\n");
    print_range(&n, 0, nc.body_off);
    wd_dis_src last = { NULL, 0 };
    size_t next = 0;   /* the first wasm instruction not printed yet */
    for (uint32_t i = 0; i < nc.nlines;) {
        /* a piece: the lines of one wasm instruction in a row */
        uint32_t j = i + 1;
        while (j < nc.nlines && nc.lines[j].wasm_offset == nc.lines[i].wasm_offset)
            j++;
        uint32_t from = nc.lines[i].native_off;
        uint32_t to = j < nc.nlines ? nc.lines[j].native_off : nc.body_end;
        uint64_t w = nc.lines[i].wasm_offset;
        size_t k = wd_dis_body_find(&b, w);
        if (k == SIZE_MAX) {
            printf(" %06llx: (not an instruction boundary)\n", (unsigned long long)(w - base));
        } else {
            /* in order: those before it too; code for an earlier one again: just it */
            size_t first = k >= next ? next : k;
            for (size_t q = first; q <= k; q++) {
                if (source)
                    wd_dis_print_source(dbg, (uint32_t)(b.v[q].off - base), &last);
                wd_dis_print_insn(dbg, &b, q);
            }
            if (k >= next)
                next = k + 1;
        }
        print_range(&n, from, to);
        i = j;
    }
    for (; next < b.n; next++) {   /* the tail without code of its own (the last end) */
        if (source)
            wd_dis_print_source(dbg, (uint32_t)(b.v[next].off - base), &last);
        wd_dis_print_insn(dbg, &b, next);
    }
    printf("  ; cold exits\n");
    print_range(&n, nc.body_end, (uint32_t)nc.size);
    putchar('\n');
    wd_dis_body_free(&b);
    wd_native_code_free(&nc);
    return true;
}
