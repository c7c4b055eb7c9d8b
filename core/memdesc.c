/* memdesc.c: which linear-memory access each internal instruction makes.
 *
 * The probe paths (probe.c) describe an instruction's memory accesses from
 * its operand words and the frame's slots, so a watchpoint sees a store
 * even when the compiler folded its address computation or fused it with
 * a load and a float op. The switch below names every internal opcode: one
 * without a case makes wd__memdesc return false, and the unit test walking
 * all opcodes fails, so a new superinstruction cannot slip past watchpoints.
 */
#include "code.h"

static bool none(wd_memdesc *d)
{
    *d = (wd_memdesc){ .mode = WD_MD_NONE };
    return true;
}

/* plain load/store layouts (code.h): word positions of addr, off, add, mem */
static bool addr_mode(wd_memdesc *d, uint8_t kind, uint8_t size, uint8_t a, uint8_t off,
                      uint8_t add, uint8_t mem, bool at_trap)
{
    *d = (wd_memdesc){ .mode = WD_MD_ADDR, .kind = kind, .size = size, .a = a, .off = off,
                       .add = add, .mem = mem, .at_trap = at_trap };
    return true;
}

static bool indexed(wd_memdesc *d, uint8_t kind, uint8_t size, uint8_t a, uint8_t b, uint8_t off,
                    uint8_t k)
{
    *d = (wd_memdesc){ .mode = WD_MD_INDEXED, .kind = kind, .size = size, .a = a, .b = b,
                       .off = off, .k = k };
    return true;
}

/* load: OP d addr off add [mem]; lane load: OP d addr off v lane [mem] */
#define MD_LOAD_IMM_MEMARG(ID, mb) \
    case WD_C_##ID: return addr_mode(d, WD_MEM_READ, mb, 2, 3, 4, 0, false); \
    case WD_C_##ID##_M: return addr_mode(d, WD_MEM_READ, mb, 2, 3, 4, 5, false);
#define MD_LOAD_IMM_MEMARG_LANE(ID, mb) \
    case WD_C_##ID: return addr_mode(d, WD_MEM_READ, mb, 2, 3, 0, 0, false); \
    case WD_C_##ID##_M: return addr_mode(d, WD_MEM_READ, mb, 2, 3, 0, 6, false);
/* store: OP addr v off add [mem]; lane store: OP addr v off lane [mem] */
#define MD_STORE_IMM_MEMARG(ID, mb) \
    case WD_C_##ID: return addr_mode(d, WD_MEM_WRITE, mb, 1, 3, 4, 0, false); \
    case WD_C_##ID##_M: return addr_mode(d, WD_MEM_WRITE, mb, 1, 3, 4, 5, false);
#define MD_STORE_IMM_MEMARG_LANE(ID, mb) \
    case WD_C_##ID: return addr_mode(d, WD_MEM_WRITE, mb, 1, 3, 0, 0, false); \
    case WD_C_##ID##_M: return addr_mode(d, WD_MEM_WRITE, mb, 1, 3, 0, 5, false);
#define MD_K_LOAD(ID, imm, mb) MD_LOAD_##imm(ID, mb)
#define MD_K_STORE(ID, imm, mb) MD_STORE_##imm(ID, mb)
#define MD_K_PURE(ID, imm, mb) case WD_C_##ID: return none(d);
#define MD_K_TRAP(ID, imm, mb) case WD_C_##ID: return none(d);
#define MD_K_CONST(ID, imm, mb) case WD_C_##ID: return none(d);
#define MD_K_SPECIAL(ID, imm, mb)   /* by hand below */

bool wd__memdesc(wd_word op, wd_memdesc *d)
{
    switch (op) {
#define OP(ID, name, prefix, code, imm, sig, kind, mb) MD_##kind(ID, imm, mb)
#include "opcodes.def"

    /* the wasm K_SPECIAL opcodes (those never emitted included) */
    case WD_C_MEMORY_FILL:
        *d = (wd_memdesc){ .mode = WD_MD_FILL, .kind = WD_MEM_WRITE, .mem = 1, .a = 2, .n = 4 };
        return true;
    case WD_C_MEMORY_COPY:
        *d = (wd_memdesc){ .mode = WD_MD_COPY, .kind = WD_MEM_WRITE, .mem = 1, .mem2 = 2,
                           .a = 3, .b = 4, .n = 5 };
        return true;
    case WD_C_MEMORY_INIT:
        *d = (wd_memdesc){ .mode = WD_MD_INIT, .kind = WD_MEM_WRITE, .mem = 2, .a = 3, .n = 5 };
        return true;
    case WD_C_UNREACHABLE: case WD_C_NOP: case WD_C_BLOCK: case WD_C_LOOP: case WD_C_IF:
    case WD_C_ELSE: case WD_C_END: case WD_C_BR: case WD_C_BR_IF: case WD_C_BR_TABLE:
    case WD_C_RETURN: case WD_C_CALL: case WD_C_CALL_INDIRECT: case WD_C_RETURN_CALL:
    case WD_C_RETURN_CALL_INDIRECT: case WD_C_DROP: case WD_C_SELECT: case WD_C_SELECT_T:
    case WD_C_LOCAL_GET: case WD_C_LOCAL_SET: case WD_C_LOCAL_TEE: case WD_C_GLOBAL_GET:
    case WD_C_GLOBAL_SET: case WD_C_TABLE_GET: case WD_C_TABLE_SET: case WD_C_MEMORY_SIZE:
    case WD_C_MEMORY_GROW: case WD_C_REF_NULL: case WD_C_REF_IS_NULL: case WD_C_REF_FUNC:
    case WD_C_DATA_DROP: case WD_C_TABLE_INIT: case WD_C_ELEM_DROP: case WD_C_TABLE_COPY:
    case WD_C_TABLE_GROW: case WD_C_TABLE_SIZE: case WD_C_TABLE_FILL:
        return none(d);

    /* IR-only opcodes (code.h) */
#define X(ID) case WD_C_##ID##_I:
    WD_IMM_OPS(X)
#undef X
#define X(ID, INV) case WD_C_BRC_##ID: case WD_C_BRCI_##ID:
    WD_CMP_OPS(X)
#undef X
#define X(ID) case WD_C_##ID:
    WD_MULADD_OPS(X)
#undef X
#define X(ID) case WD_C_##ID##_K64:
    WD_IMM64_OPS(X)
#undef X
#define X(ID) case WD_C_ADDBR_##ID: case WD_C_ADDBRI_##ID: case WD_C_ADDRBR_##ID: case WD_C_ADDRBRI_##ID:
    WD_ADDBR_OPS(X)
#undef X
    case WD_C_I32_ADD2_I: case WD_C_MOV: case WD_C_MOV2: case WD_C_CONST32: case WD_C_CONST64:
    case WD_C_JMP: case WD_C_BR_IF_EQZ: case WD_C_BR_IF64: case WD_C_BR_IF_EQZ64: case WD_C_RET:
    case WD_C_SAFEPOINT: case WD_C_CALL_IMPORT: case WD_C_SELECT2: case WD_C_GLOBAL_GET2:
    case WD_C_GLOBAL_SET2: case WD_C_LAZY:
        return none(d);
    /* OPK addr imm off add */
#define X(ID, T, N) case WD_C_##ID##_K: return addr_mode(d, WD_MEM_WRITE, N, 1, 3, 4, 0, false);
    WD_STOREK_OPS(X)
#undef X
    /* LB d a addr off add | LA d addr off add b | SB/SA addr a off add */
#define X(ID, T, LD, ST, N) \
    case WD_C_##ID##_LB: return addr_mode(d, WD_MEM_READ, N, 3, 4, 5, 0, true); \
    case WD_C_##ID##_LA: return addr_mode(d, WD_MEM_READ, N, 2, 3, 4, 0, true); \
    case WD_C_##ID##_SB: \
    case WD_C_##ID##_SA: return addr_mode(d, WD_MEM_READ | WD_MEM_WRITE, N, 1, 3, 4, 0, false);
    WD_LDOP_OPS(X)
#undef X
    /* ID_X d a b off k (loads) | ID_X a b v off k (stores) | ID_KX a b imm off k */
#define X(ID, T, N) case WD_C_##ID##_X: return indexed(d, WD_MEM_READ, N, 2, 3, 4, 5);
    WD_LDX_OPS(X)
#undef X
#define X(ID, T, N) case WD_C_##ID##_X: return indexed(d, WD_MEM_WRITE, N, 1, 2, 4, 5);
    WD_STX_OPS(X)
#undef X
#define X(ID, T, N) case WD_C_##ID##_KX: return indexed(d, WD_MEM_WRITE, N, 1, 2, 4, 5);
    WD_STOREK_OPS(X)
#undef X
    case WD_C_PROBE:   /* wd__mem_accesses looks through it */
    case WD_C_JIT:
        return none(d);
    default:
        return false;
    }
}

/* Concurrent first fills store the same values. */
wd_memdesc wd__memdesc_tab[WD_C__COUNT];

const wd_memdesc *wd__memdesc_table(void)
{
    wd_memdesc *table = wd__memdesc_tab;
    static int ready;
    if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
        for (wd_word op = 0; op < WD_C__COUNT; op++)
            if (!wd__memdesc(op, &table[op]))
                table[op] = (wd_memdesc){ .mode = WD_MD_NONE };
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    }
    return table;
}

void wd__mem_accesses(const wd_instance *inst, const wd_cfunc *cf, uint32_t pos,
                      const wd_side *s, const uint64_t *fp, wd_probe_event *ev)
{
    ev->nmem = 0;
    const wd_word *ip = cf->code + pos;
    wd_word op = *ip == WD_C_PROBE || *ip == WD_C_JIT ? wd__probe_orig(inst->module, cf, pos) : *ip;
    if (op >= WD_C__COUNT)
        return;
    const wd_memdesc d = wd__memdesc_table()[op];
    if (d.mode == WD_MD_NONE)
        return;
    uint64_t off = s ? (d.at_trap ? s->trap : s->work) : 0;
    wd_mem_access *m = &ev->mem[0];
    switch (d.mode) {
    case WD_MD_ADDR:
    case WD_MD_INDEXED: {
        uint64_t addr;
        uint32_t mem;
        wd__mem_addr(&d, ip, fp, &addr, &mem);
        *m = (wd_mem_access){ off, addr, d.size, mem, d.kind };
        ev->nmem = 1;
        return;
    }
    case WD_MD_COPY:
        *m++ = (wd_mem_access){ off, (uint32_t)fp[ip[d.b]], (uint32_t)fp[ip[d.n]], ip[d.mem2],
                                WD_MEM_READ };
        ev->nmem = 1;
        /* fall through */
    case WD_MD_FILL:
    case WD_MD_INIT:
        *m = (wd_mem_access){ off, (uint32_t)fp[ip[d.a]], (uint32_t)fp[ip[d.n]], ip[d.mem],
                              WD_MEM_WRITE };
        ev->nmem++;
        return;
    default:
        return;
    }
}
