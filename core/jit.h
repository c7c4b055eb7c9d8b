/* jit.h: the x86-64 JIT tier (private to core/).
 *
 * The JIT translates a function's slot code (code.h), not its wasm, into
 * native code that works on the very same frame slots. So every instruction
 * boundary is a valid place to switch tiers in either direction: native
 * code can hand any instruction back to the interpreter, and the interpreter
 * can enter native code at a function's first instruction or a loop header.
 *
 * How the interpreter gets in: once a function is JIT-compiled, the opcode
 * words at its entry (code + 2) and at each loop header are replaced by
 * WD_C_JIT (the originals kept in wd_jitfn.patch, as local probes keep
 * theirs). The interpreter's JIT handler enters the native code there,
 * unless a global probe is set (single step, watchpoints, tracing: those
 * run in the interpreter), and a function that gets a local probe is
 * dropped back to the interpreter first (wd__jit_drop).
 *
 * How native code gets out: it runs calls between JIT-compiled functions of
 * one instance itself (pushing the same frame records as the interpreter),
 * and leaves for everything else: a host call, a trap (the interpreter runs
 * the instruction again and traps with its own message), an instruction it
 * does not translate, a budget counter run out at a safepoint. Leaving
 * unwinds the native stack at once; every frame's state is in its slots and
 * frame record, so the interpreter goes on from the innermost frame.
 *
 * Ownership: native code blocks belong to the module (wd_module.jit_all)
 * and are freed with it; a dropped function's block stays until then.
 */
#ifndef WD_JIT_H
#define WD_JIT_H

#include "code.h"

/* One JIT-compiled function. */
typedef struct wd_jitfn {
    const wd_cfunc *cf;
    uint8_t *code;          /* native code (read-only, executable) */
    uint32_t size;
    uint32_t body_end;      /* where the cold exits start */
    uint32_t nstart;        /* instruction starts in code order (for a pc) */
    struct { uint32_t noff, pos; } *start;
    /* the exits back to the interpreter: the cold stub of exit k loads k */
    uint32_t nexits;
    struct wd_jitexit { uint32_t pos; uint8_t reason, backedge; } *exits;
    uint32_t hits;          /* entries while not compiled yet (wd__jit_hot) */
    bool failed;            /* native compilation failed: stays interpreted */
    uint32_t *noff;         /* native offset of each instruction's first word
                               (UINT32_MAX inside an instruction), cf->ncode long */
    uint32_t npatch;
    struct { uint32_t pos; wd_word orig; } *patch;
    wd_native_range *tables;  /* br_table jump tables inside the body (data) */
    uint32_t ntables;
    bool live;              /* patched into cf (not dropped) */
    struct wd_jitfn *next;  /* wd_module.jit_all */
} wd_jitfn;

/* Why native code gave control back (wd__jit_run). */
enum {
    WD_JIT_RET = 1,      /* the entered frame returned: pop it (do_return) */
    WD_JIT_SLOW = 2,     /* a safepoint's counter ran out at *ip */
    WD_JIT_RESUME = 3,   /* interpret the instruction at *ip */
    WD_JIT_EXIT = 4,     /* (inside jit.c: a cold stub left; wd__jit_run decodes it) */
};

/* Readies cf (just slot-compiled) for the JIT tier, if the machine and the
 * module want it: patches its entry and loop headers with WD_C_JIT, while the
 * native code waits until the function proves hot (wd__jit_hot). false when
 * it stays interpreted (not an error). */
bool wd__jit_compile(wd_module *m, wd_cfunc *cf);
/* The interpreter reached a WD_C_JIT word of cf at pos without native code:
 * compiles it now if it is hot (a loop header, or the function's second
 * entry). True when cf->jit_call is then ready to enter at pos. */
bool wd__jit_hot(wd_cfunc *cf, uint32_t pos);
/* Puts cf back in the interpreter's hands (restores the patched words). */
void wd__jit_drop(wd_cfunc *cf);
/* Re-JIT cf once it has no local probe left (probe.c). */
void wd__jit_restore(wd_cfunc *cf);
/* The original opcode at a WD_C_JIT word. */
wd_word wd__jit_orig(const wd_cfunc *cf, uint32_t pos);
/* Async-signal-safe: if pc lies in the body of the native code x is running,
 * notes the frame and instruction (x->tick_*) for wd_exec_tick_native. */
void wd__jit_note_pc(wd_exec *x, uintptr_t pc);
/* Frees every native block of m. */
void wd__jit_free(wd_module *m);

/* Runs cf's native code from pos with frame fp, fr being the exec's top frame
 * (x->nframes already saved). Frames pushed and popped natively are left in
 * x->frames / x->nframes; *ip gets where the interpreter goes on, in the
 * innermost frame, and *backedge whether a SLOW stop is a loop's back-edge. */
int wd__jit_run(wd_exec *x, const wd_cfunc *cf, uint32_t pos, uint64_t *fp, wd_memory *mem0,
                const wd_word **ip, bool *backedge);

#endif
