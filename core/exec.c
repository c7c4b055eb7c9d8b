/* exec.c: the execution API (wd.h): calls, resume, stop reasons, the budget
 * counter, traps, frames and backtraces.
 *
 * The budget counter: x->budget is decremented at every safepoint by the
 * safepoint's static weight (see code.h) and read/written with relaxed
 * atomics. It is armed to the distance to the nearest event (the user
 * budget's end, the next tick; at most WD_ARM_MAX), so the interpreter only
 * leaves its loop when something is due. Counted instructions are
 * counted + (armed - budget). wd_exec_interrupt() sets a flag and stores 0
 * into the counter: the next safepoint takes the slow path. (The part of
 * the current arming already consumed is then unknown and counted as
 * consumed in full: an interrupt may overcount by up to WD_ARM_MAX.)
 */
#include <stdio.h>
#include <string.h>

#include "code.h"
#include "jit.h"

#define WD_ARM_MAX ((int64_t)1 << 24)

/* ------------------------------------------------------------ lifetime */

wd_exec *wd__exec_new(wd_store *s)
{
    wd_exec *x = wd__calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->store = s;
    x->nstack = s->opts.max_stack_slots ? s->opts.max_stack_slots : ((uint64_t)1 << 20);
    x->max_frames = (s->opts.max_call_depth ? s->opts.max_call_depth : 10000) + 1;
    x->stack = wd__malloc((size_t)x->nstack * sizeof(uint64_t));
    x->frames = wd__calloc(x->max_frames + 1, sizeof(wd_xframe));
    if (!x->stack || !x->frames) {
        wd__free(x->stack);
        wd__free(x->frames);
        wd__free(x);
        return NULL;
    }
    x->armed = x->budget = WD_ARM_MAX;
    return x;
}

void wd__exec_free(wd_exec *x)
{
    if (!x)
        return;
    wd__free(x->stack);
    wd__free(x->frames);
    for (uint32_t i = 0; i < x->ngprobes; i++)
        wd__free(x->gprobes[i].ranges);
    wd__free(x->gprobes);
    wd__free(x);
}

/* ------------------------------------------------------------ budget */

static uint64_t now_count(const wd_exec *x)
{
    int64_t b = __atomic_load_n(&x->budget, __ATOMIC_RELAXED);
    return x->counted + (uint64_t)(x->armed - b);
}

void wd__exec_rearm(wd_exec *x)
{
    uint64_t now = now_count(x);
    x->counted = now;
    int64_t d = WD_ARM_MAX;
    if (x->has_limit) {
        uint64_t left = x->limit_at > now ? x->limit_at - now : 0;
        if ((uint64_t)d > left)
            d = (int64_t)left;
    }
    if (x->tick_fn && x->tick_period) {
        uint64_t left = x->next_tick > now ? x->next_tick - now : 0;
        if ((uint64_t)d > left)
            d = (int64_t)left;
    }
    x->armed = d;
    __atomic_store_n(&x->budget, d, __ATOMIC_RELAXED);
    /* an interrupt or tick request that raced with the store above */
    if (__atomic_load_n(&x->interrupt_req, __ATOMIC_RELAXED) ||
        __atomic_load_n(&x->tick_req, __ATOMIC_RELAXED))
        __atomic_store_n(&x->budget, 0, __ATOMIC_RELAXED);
}

wd_stop wd__exec_safepoint(wd_exec *x)
{
    uint64_t now = now_count(x);
    x->counted = now;
    x->armed = 0;
    __atomic_store_n(&x->budget, 0, __ATOMIC_RELAXED);
    if (__atomic_load_n(&x->interrupt_req, __ATOMIC_RELAXED)) {
        __atomic_store_n(&x->interrupt_req, 0, __ATOMIC_RELAXED);
        wd__exec_rearm(x);
        return WD_STOP_INTERRUPT;
    }
    bool tick = false;
    if (__atomic_load_n(&x->tick_req, __ATOMIC_RELAXED)) {
        __atomic_store_n(&x->tick_req, 0, __ATOMIC_RELAXED);
        tick = true;
    }
    if (x->tick_period && now >= x->next_tick) {
        /* keep the phase: ticks every `period` counted instructions */
        x->next_tick += x->tick_period;
        if (x->next_tick <= now)
            x->next_tick = now + x->tick_period;
        tick = true;
    }
    if (tick && x->tick_fn)
        x->tick_fn(x, x->tick_user);
    x->tick_native = 0;
    if (x->has_limit && x->counted >= x->limit_at) {
        x->has_limit = false;
        wd__exec_rearm(x);
        return WD_STOP_BUDGET;
    }
    wd__exec_rearm(x);
    return WD_STOP_DONE;
}

void wd_exec_set_budget(wd_exec *x, uint64_t insns)
{
    uint64_t now = now_count(x);
    x->has_limit = insns != 0;
    x->limit_at = now + insns;
    wd__exec_rearm(x);
}

uint64_t wd_exec_insn_count(const wd_exec *x) { return now_count(x); }

void wd_exec_interrupt(wd_exec *x)
{
    __atomic_store_n(&x->interrupt_req, 1, __ATOMIC_RELAXED);
    __atomic_store_n(&x->budget, 0, __ATOMIC_RELAXED);
}

void wd_exec_set_tick(wd_exec *x, uint64_t period, wd_tick_fn fn, void *user)
{
    if (period == 0 || !fn) {
        x->tick_period = 0;
        x->tick_fn = NULL;
        x->tick_user = NULL;
    } else {
        x->tick_period = period;
        x->tick_fn = fn;
        x->tick_user = user;
        x->next_tick = now_count(x) + period;
    }
    wd__exec_rearm(x);
}

void wd_exec_request_tick_pc(wd_exec *x, uintptr_t pc)
{
    if (pc)
        wd__jit_note_pc(x, pc);
    wd_exec_request_tick(x);
}

bool wd_exec_tick_native(const wd_exec *x, uint32_t *nframes, uint64_t *offset)
{
    uint32_t d = __atomic_load_n(&x->tick_native, __ATOMIC_RELAXED) ? x->tick_depth : 0;
    if (d == 0 || d > x->nframes)
        return false;
    const wd_xframe *fr = &x->frames[d - 1];
    /* the same activation as when the signal hit: not returned from since */
    if (fr->cf != x->tick_cf || fr->fp != x->tick_fp)
        return false;
    const wd_side *s = wd__side_at(fr->cf, x->tick_pos);
    if (!s)
        return false;
    *nframes = d;
    *offset = s->work;
    return true;
}

void wd_exec_request_tick(wd_exec *x)
{
    __atomic_store_n(&x->tick_req, 1, __ATOMIC_RELAXED);
    /* the safepoint path stays as the fallback (see interp.c) */
    __atomic_store_n(&x->budget, 0, __ATOMIC_RELAXED);
    wd__interp_tick_soon();
}

bool wd_exec_tick_backedge(const wd_exec *x, uint64_t *offset)
{
    if (!x->at_backedge || x->nframes == 0)
        return false;
    const wd_xframe *fr = &x->frames[x->nframes - 1];
    if (!fr->cf || !fr->ip || !wd__side_ensure(fr->cf))
        return false;
    /* The interpreter only says that a back-edge brought it here (no cost on the branch's
     * path). A loop with several back-edges (a `continue` at -O0, hand-written code) cannot
     * tell which one ran: the last one in the code, which ends the loop body. Clang's
     * optimised loops have one. The table is sorted by header, then branch: the last entry
     * whose header is <= this one. */
    uint32_t header = (uint32_t)(fr->ip - fr->cf->code);
    const wd_backedge *e = fr->cf->edges;
    uint32_t lo = 0, hi = fr->cf->nedges;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e[mid].header <= header)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || e[lo - 1].header != header)
        return false;
    *offset = e[lo - 1].offset;
    return true;
}

void wd__exec_exact_tick(wd_exec *x)
{
    if (!__atomic_exchange_n(&x->tick_req, 0, __ATOMIC_RELAXED))
        return;
    if (x->tick_fn)
        x->tick_fn(x, x->tick_user);
    x->tick_native = 0;
}

/* ------------------------------------------------------------ traps */

void wd__exec_set_trap(wd_exec *x, wd_trap t, const char *msg)
{
    x->trap = t;
    if (msg)
        snprintf(x->trapmsg, sizeof x->trapmsg, "%s", msg);
    else if (!(t == WD_TRAP_HOST && x->msg_set))
        snprintf(x->trapmsg, sizeof x->trapmsg, "%s", wd_trap_message(t));
    x->msg_set = false;
}

wd_trap wd_exec_trap(const wd_exec *x) { return x->trap; }

const char *wd_exec_trap_message(const wd_exec *x)
{
    if (x->trap == WD_TRAP_NONE)
        return NULL;
    return x->trapmsg[0] ? x->trapmsg : wd_trap_message(x->trap);
}

void wd_exec_set_trap_message(wd_exec *x, const char *msg)
{
    snprintf(x->trapmsg, sizeof x->trapmsg, "%s", msg ? msg : "");
    x->msg_set = true;
}

bool wd__exec_compile(wd_exec *x, const wd_instance *inst, const wd_cfunc *cf)
{
    wd_error err;
    wd_error_clear(&err);
    if (wd__compile_func((wd_module *)(uintptr_t)inst->module, cf->funcidx, &err))
        return true;
    wd_exec_set_trap_message(x, err.msg);
    return false;
}

void wd_exec_request_exit(wd_exec *x, int code) { x->exit_code = code; }
int wd_exec_exit_code(const wd_exec *x) { return x->exit_code; }

/* ------------------------------------------------------------ calls */

static void results_out(wd_exec *x, wd_value *results, uint32_t nresults)
{
    if (!x->entry || !results)
        return;
    const wd_ftype *ft = &x->entry->type->ft;
    uint32_t slot = 0;
    for (uint32_t i = 0; i < ft->nresults; i++) {
        if (i < nresults)
            wd__slots_to_value(ft->results[i], x->stack + slot, &results[i]);
        slot += wd_valtype_slots(ft->results[i]);
    }
}

static wd_stop fail_call(wd_exec *x, const char *msg)
{
    x->nframes = 0;
    x->state = WD_X_FINISHED;
    x->msg_set = false;
    wd__exec_set_trap(x, WD_TRAP_HOST, msg);
    return WD_STOP_TRAP;
}

wd_stop wd_exec_call(wd_exec *x, wd_func *f, const wd_value *args, uint32_t nargs,
                     wd_value *results, uint32_t nresults)
{
    if (x->state == WD_X_RUNNING)
        return WD_STOP_TRAP;     /* no nested calls: the running one is untouched */
    x->nframes = 0;
    x->state = WD_X_IDLE;
    x->resume_skip = WD_SKIP_NONE;
    x->trap = WD_TRAP_NONE;
    x->trapmsg[0] = '\0';
    x->msg_set = false;
    x->exit_code = 0;
    x->entry = NULL;
    if (!f)
        return fail_call(x, "no function");
    const wd_ftype *ft = &f->type->ft;
    if (nargs != ft->nparams || (nargs && !args))
        return fail_call(x, "wrong number of arguments");
    uint32_t slot = 0;
    for (uint32_t i = 0; i < nargs; i++) {
        if (args[i].type != ft->params[i])
            return fail_call(x, "argument type mismatch");
        slot += wd_valtype_slots(ft->params[i]);
    }
    uint32_t need = ft->param_slots > ft->result_slots ? ft->param_slots : ft->result_slots;
    if (!f->is_host && !wd__exec_compile(x, f->inst, f->code)) {
        x->nframes = 0;
        x->state = WD_X_FINISHED;
        wd__exec_set_trap(x, WD_TRAP_HOST, NULL);
        return WD_STOP_TRAP;
    }
    if (!f->is_host && f->code->frame_slots > need)
        need = f->code->frame_slots;
    if (need > x->nstack) {
        x->state = WD_X_FINISHED;
        wd__exec_set_trap(x, WD_TRAP_STACK_EXHAUSTED, NULL);
        return WD_STOP_TRAP;
    }
    slot = 0;
    for (uint32_t i = 0; i < nargs; i++) {
        wd__value_to_slots(&args[i], x->stack + slot);
        slot += wd_valtype_slots(ft->params[i]);
    }
    x->entry = f;
    wd_xframe *fr = &x->frames[0];
    memset(fr, 0, sizeof *fr);
    fr->fp = x->stack;
    x->nframes = 1;
    if (f->is_host) {
        fr->host = f;
        x->state = WD_X_RUNNING;
        int rc = f->host_fn(x, f->host_env, x->stack);
        if (rc == 0) {
            x->nframes = 0;
            x->state = WD_X_FINISHED;
            results_out(x, results, nresults);
            return WD_STOP_DONE;
        }
        x->state = WD_X_FINISHED;
        if (rc == WD_HOST_EXIT)
            return WD_STOP_EXIT;
        if (rc == WD_HOST_BLOCKED) {   /* nothing to come back to */
            wd__exec_set_trap(x, WD_TRAP_HOST, "host function would block");
            return WD_STOP_TRAP;
        }
        wd__exec_set_trap(x, (rc > 0 && rc < WD_TRAP__COUNT) ? (wd_trap)rc : WD_TRAP_HOST, NULL);
        return WD_STOP_TRAP;
    }
    const wd_cfunc *cf = f->code;
    fr->inst = f->inst;
    fr->cf = cf;
    fr->ip = cf->code;
    if (cf->local_slots > cf->param_slots)
        memset(x->stack + cf->param_slots, 0,
               (size_t)(cf->local_slots - cf->param_slots) * sizeof(uint64_t));
    x->state = WD_X_RUNNING;
    wd_stop st = wd__interp_run(x);
    if (st == WD_STOP_DONE)
        results_out(x, results, nresults);
    return st;
}

wd_stop wd_exec_resume(wd_exec *x, wd_value *results, uint32_t nresults)
{
    if (x->state != WD_X_SUSPENDED || x->nframes == 0 || !x->frames[x->nframes - 1].cf) {
        x->state = WD_X_FINISHED;
        wd__exec_set_trap(x, WD_TRAP_HOST, "nothing to resume");
        return WD_STOP_TRAP;
    }
    x->state = WD_X_RUNNING;
    wd_stop st = wd__interp_run(x);
    if (st == WD_STOP_DONE)
        results_out(x, results, nresults);
    return st;
}

void wd_exec_reset(wd_exec *x)
{
    if (x->state == WD_X_RUNNING)
        return;
    x->nframes = 0;
    x->state = WD_X_IDLE;
    x->resume_skip = WD_SKIP_NONE;
}

bool wd_exec_suspended(const wd_exec *x) { return x->state == WD_X_SUSPENDED; }

wd_memory *wd_exec_caller_memory(wd_exec *x, uint32_t memidx)
{
    for (uint32_t i = x->nframes; i-- > 0;) {
        const wd_xframe *fr = &x->frames[i];
        if (fr->inst) {
            if (memidx >= fr->inst->module->nmemories)
                return NULL;
            return fr->inst->memories[memidx];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ frames */

static const wd_xframe *frame_at(const wd_exec *x, uint32_t depth)
{
    if (depth >= x->nframes)
        return NULL;
    return &x->frames[x->nframes - 1 - depth];
}

/* The side entry for a frame: the current instruction for the innermost
 * frame, the call for callers. */
static const wd_side *frame_side(const wd_exec *x, uint32_t depth, const wd_xframe *fr)
{
    if (!fr->cf || !fr->ip)
        return NULL;
    uint32_t pos = (uint32_t)(fr->ip - fr->cf->code);
    if (depth > 0 && pos > 0)
        pos--;
    (void)x;
    return wd__side_at(fr->cf, pos);
}

uint32_t wd_exec_frame_count(const wd_exec *x) { return x->nframes; }

bool wd_exec_frame(const wd_exec *x, uint32_t depth, wd_frame_info *out)
{
    const wd_xframe *fr = frame_at(x, depth);
    if (!fr)
        return false;
    memset(out, 0, sizeof *out);
    if (!fr->cf) {
        out->instance = NULL;
        out->func_name = fr->host ? fr->host->host_name : NULL;
        out->offset = WD_NO_OFFSET;
        out->nlocals = fr->host ? fr->host->type->ft.nparams : 0;
        return true;
    }
    out->instance = fr->inst;
    out->funcidx = fr->cf->funcidx;
    out->func_name = wd_module_func_name(fr->inst->module, fr->cf->funcidx);
    const wd_side *s = frame_side(x, depth, fr);
    /* callers: their call; a trapped frame: the trapping instruction; a
     * frame stopped before an instruction: the first wasm instruction that
     * internal instruction covers (a folded local.get may come first) */
    if (!s)
        out->offset = fr->inst->module->funcs[fr->cf->funcidx].body_offset;
    else if (depth > 0)
        out->offset = s->work;
    else if (x->trap != WD_TRAP_NONE)
        out->offset = s->trap;
    else
        out->offset = s->first;
    out->nlocals = fr->cf->nlocals;
    out->stack_height = s ? s->height : 0;
    return true;
}

static bool local_loc(const wd_exec *x, const wd_xframe *fr, uint32_t idx, wd_valtype *t,
                      uint64_t **slot)
{
    if (fr->cf) {
        if (idx >= fr->cf->nlocals)
            return false;
        *t = fr->cf->local_types[idx];
        *slot = fr->fp + fr->cf->local_slot[idx];
        /* a frame that trapped on entry for want of stack may end past it */
        return *slot + wd_valtype_slots(*t) <= x->stack + x->nstack;
    }
    if (!fr->host)
        return false;
    const wd_ftype *ft = &fr->host->type->ft;
    if (idx >= ft->nparams)
        return false;
    uint32_t s = 0;
    for (uint32_t i = 0; i < idx; i++)
        s += wd_valtype_slots(ft->params[i]);
    *t = ft->params[idx];
    *slot = fr->fp + s;
    return true;
}

bool wd_exec_frame_local(const wd_exec *x, uint32_t depth, uint32_t localidx, wd_value *out)
{
    const wd_xframe *fr = frame_at(x, depth);
    wd_valtype t;
    uint64_t *slot;
    if (!fr || !local_loc(x, fr, localidx, &t, &slot))
        return false;
    wd__slots_to_value(t, slot, out);
    return true;
}

bool wd_exec_frame_set_local(wd_exec *x, uint32_t depth, uint32_t localidx, wd_value v)
{
    const wd_xframe *fr = frame_at(x, depth);
    wd_valtype t;
    uint64_t *slot;
    if (!fr || !local_loc(x, fr, localidx, &t, &slot) || t != v.type)
        return false;
    if (t == WD_V128) {
        memcpy(slot, v.of.v128, 16);
    } else {
        uint64_t tmp[2] = { 0, 0 };
        wd__value_to_slots(&v, tmp);
        slot[0] = tmp[0];
    }
    return true;
}

/* Operand stack values come from the static snapshot of the instruction:
 * a value still folded into a local.get reads the local (it is unchanged
 * until the value is consumed), a folded constant reads the code. For
 * caller frames the snapshot is taken before the call, so the argument
 * values shown are the callee's current parameter slots. */
bool wd_exec_frame_stack(const wd_exec *x, uint32_t depth, uint32_t i, wd_value *out)
{
    const wd_xframe *fr = frame_at(x, depth);
    if (!fr || !fr->cf)
        return false;
    const wd_side *s = frame_side(x, depth, fr);
    if (!s || i >= s->height)
        return false;
    const uint32_t *p = fr->cf->snaps + s->snap;
    uint32_t home = fr->cf->local_slots;
    for (uint32_t j = 0;; j++) {
        wd_valtype t = (wd_valtype)(p[0] & 0xFF);
        uint32_t kind = p[0] >> 8;
        if (j == i) {
            if (kind == WD_SE_LOCAL) {
                wd__slots_to_value(t, fr->fp + p[1], out);
            } else if (kind == WD_SE_CONST) {
                uint64_t c[2] = { p[1] | (uint64_t)p[2] << 32, 0 };
                wd__slots_to_value(t, c, out);
            } else {
                wd__slots_to_value(t, fr->fp + home, out);
            }
            return true;
        }
        home += wd_valtype_slots(t);
        p += kind == WD_SE_LOCAL ? 2 : kind == WD_SE_CONST ? 3 : 1;
    }
}

size_t wd_exec_backtrace(const wd_exec *x, char *buf, size_t size)
{
    size_t len = 0;
    if (size)
        buf[0] = '\0';
    for (uint32_t d = 0; d < x->nframes; d++) {
        wd_frame_info fi;
        if (!wd_exec_frame(x, d, &fi))
            break;
        char line[320];
        int n;
        if (!fi.instance) {
            n = snprintf(line, sizeof line, "#%u  %s (host)\n", d,
                         fi.func_name ? fi.func_name : "host");
        } else {
            const wd_module *m = fi.instance->module;
            uint64_t body = m->funcs[fi.funcidx].body_offset;
            char nb[32];
            const char *name = fi.func_name;
            if (!name) {
                snprintf(nb, sizeof nb, "func[%u]", fi.funcidx);
                name = nb;
            }
            n = snprintf(line, sizeof line, "#%u  %s+0x%llx (offset 0x%llx)\n", d, name,
                         (unsigned long long)(fi.offset - body),
                         (unsigned long long)fi.offset);
        }
        if (n < 0)
            break;
        size_t l = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
        if (size && len + 1 < size) {
            size_t c = l < size - 1 - len ? l : size - 1 - len;
            memcpy(buf + len, line, c);
            buf[len + c] = '\0';
        }
        len += l;
    }
    return len;
}
