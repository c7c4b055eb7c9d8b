/* dw_open.c: opening a module's DWARF with libdwarf, the unit index, and the
 * small shared readers (arena, LEB128, .debug_addr, range and location lists).
 *
 * libdwarf sees the module's `.debug_*` custom sections through its object
 * access interface (section 0 is an empty dummy, as in ELF). Opening reads
 * each unit's header and unit DIE only; dw_line.c and dw_die.c parse a unit's
 * line program and DIE tree when first needed.
 */
#include "dw_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ arena */

struct dw_chunk {
    dw_chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void *dw_alloc(dw_arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size == 0)
        size = 8;
    dw_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        /* a large block (a unit's scopes, variables) gets a chunk of its own, put
         * behind the head so the head's free space still serves small blocks */
        bool own = size > 16384;
        size_t csize = size > 65536 || own ? size : 65536;
        c = malloc(sizeof *c + csize);
        if (!c)
            return NULL;
        c->size = csize;
        c->used = 0;
        if (own && a->head) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
        a->used += sizeof *c + csize;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *dw_strdup(dw_arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = dw_alloc(a, n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

void dw_arena_free(dw_arena *a)
{
    dw_chunk *c = a->head;
    while (c) {
        dw_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->used = 0;
}

bool dw_grow(void **ptr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*ptr, nc * elem);
    if (!p)
        return false;
    *ptr = p;
    *cap = nc;
    return true;
}

/* ------------------------------------------------------------ reader */

uint64_t dw_uleb(dw_rd *r)
{
    uint64_t v = 0;
    unsigned shift = 0;
    while (!r->bad) {
        if (r->p >= r->end) {
            r->bad = true;
            break;
        }
        uint8_t b = *r->p++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    return r->bad ? 0 : v;
}

int64_t dw_sleb(dw_rd *r)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b = 0;
    while (!r->bad) {
        if (r->p >= r->end) {
            r->bad = true;
            return 0;
        }
        b = *r->p++;
        if (shift < 64)
            v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    if (shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
    return (int64_t)v;
}

uint64_t dw_uN(dw_rd *r, unsigned n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

const char *dw_cstr(dw_rd *r)
{
    if (r->bad)
        return NULL;
    const uint8_t *z = memchr(r->p, 0, (size_t)(r->end - r->p));
    if (!z) {
        r->bad = true;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->p = z + 1;
    return s;
}

/* ------------------------------------------------------------ warnings */

void dw_warn(wd_dwarf *d, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* names from a corrupt .debug_str may hold any byte: no control characters to the terminal */
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    for (size_t i = 0; i < d->nwarned; i++)
        if (strcmp(d->warned[i], msg) == 0)
            return;
    /* each message once; past DW_MAX_WARNINGS distinct ones, one last line and then silence */
    bool last = d->nwarned == DW_MAX_WARNINGS;
    if (d->nwarned > DW_MAX_WARNINGS)
        return;
    if (!dw_grow((void **)&d->warned, &d->warned_cap, d->nwarned, sizeof *d->warned))
        return;
    char *c = strdup(last ? "" : msg);
    if (!c)
        return;
    d->warned[d->nwarned++] = c;
    if (last)
        snprintf(msg, sizeof msg, "more than %d DWARF warnings; the rest are not shown",
                 DW_MAX_WARNINGS);
    if (d->warn)
        d->warn(d->warn_user, msg);
    else
        fprintf(stderr, "wasmdbg: warning: %s\n", msg);
}

void dw_dwerr(wd_dwarf *d, Dwarf_Error e)
{
    if (!e)
        return;
    dw_warn(d, "DWARF: %s", dwarf_errmsg(e));
    dwarf_dealloc(d->dbg, e, DW_DLA_ERROR);
}

/* ------------------------------------------------------------ libdwarf object access */

static int oa_section_info(void *obj, Dwarf_Half idx, Dwarf_Obj_Access_Section *s, int *error)
{
    wd_dwarf *d = obj;
    (void)error;
    if (idx >= d->nlsecs)
        return DW_DLV_NO_ENTRY;
    memset(s, 0, sizeof *s);
    s->size = d->lsecs[idx].size;
    s->name = d->lsecs[idx].name;
    return DW_DLV_OK;
}

static Dwarf_Endianness oa_byte_order(void *obj)
{
    (void)obj;
    return DW_OBJECT_LSB;
}

static Dwarf_Small oa_length_size(void *obj)
{
    (void)obj;
    return 4;
}

static Dwarf_Small oa_pointer_size(void *obj)
{
    (void)obj;
    return 4;
}

static Dwarf_Unsigned oa_section_count(void *obj)
{
    return ((wd_dwarf *)obj)->nlsecs;
}

static int oa_load_section(void *obj, Dwarf_Half idx, Dwarf_Small **data, int *error)
{
    wd_dwarf *d = obj;
    (void)error;
    if (idx >= d->nlsecs || idx == 0)
        return DW_DLV_NO_ENTRY;
    /* libdwarf only reads the bytes; the module keeps them alive. */
    *data = (Dwarf_Small *)(uintptr_t)d->lsecs[idx].data;
    return DW_DLV_OK;
}

/* ------------------------------------------------------------ attribute helpers */

static bool attr_udata(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at, uint64_t *out, Dwarf_Half *form)
{
    Dwarf_Error e = 0;
    Dwarf_Attribute a = 0;
    if (dwarf_attr(die, at, &a, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return false;
    }
    Dwarf_Half f = 0;
    bool ok = false;
    if (dwarf_whatform(a, &f, &e) == DW_DLV_OK) {
        Dwarf_Unsigned u = 0;
        Dwarf_Off o = 0;
        if (f == DW_FORM_sec_offset) {
            if (dwarf_global_formref(a, &o, &e) == DW_DLV_OK) {
                *out = o;
                ok = true;
            }
        } else if (dwarf_formudata(a, &u, &e) == DW_DLV_OK) {
            *out = u;
            ok = true;
        }
    }
    if (!ok)
        dw_dwerr(d, e);
    if (form)
        *form = f;
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return ok;
}

static const char *attr_str(wd_dwarf *d, Dwarf_Die die, Dwarf_Half at)
{
    Dwarf_Error e = 0;
    Dwarf_Attribute a = 0;
    if (dwarf_attr(die, at, &a, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        return NULL;
    }
    char *s = NULL;
    if (dwarf_formstring(a, &s, &e) != DW_DLV_OK) {
        dw_dwerr(d, e);
        s = NULL;
    }
    dwarf_dealloc(d->dbg, a, DW_DLA_ATTR);
    return s;   /* points into the string section: lives as long as the module */
}

bool dw_is_tombstone(const wd_dwarf *d, uint64_t lo)
{
    return lo >= 0xfffffffeu || lo >= d->code_size;
}

/* ------------------------------------------------------------ .debug_addr, ranges, loclists */

bool dw_addrx(wd_dwarf *d, const dw_unit *u, uint64_t index, uint64_t *out)
{
    const dw_sec *s = &d->sec[DW_SEC_ADDR];
    uint64_t base = u->addr_base ? u->addr_base : 8;
    uint64_t at = base + index * u->addr_size;
    if (!s->data || at + u->addr_size > s->size || at < base)
        return false;
    dw_rd r = dw_rd_make(s->data + at, u->addr_size);
    *out = dw_uN(&r, u->addr_size);
    return !r.bad;
}

static bool push_range(dw_range **v, uint32_t *n, size_t *cap, uint64_t lo, uint64_t hi)
{
    if (lo >= 0xfffffffeu || hi <= lo || hi > 0xffffffffu)
        return true;    /* tombstone or empty */
    if (!dw_grow((void **)v, cap, *n, sizeof **v))
        return false;
    (*v)[*n].lo = (uint32_t)lo;
    (*v)[*n].hi = (uint32_t)hi;
    (*n)++;
    return true;
}

static bool list_offset(wd_dwarf *d, const dw_sec *s, uint64_t base, uint64_t index, uint64_t *off)
{
    (void)d;
    uint64_t at = base + index * 4;
    if (!s->data || at + 4 > s->size)
        return false;
    dw_rd r = dw_rd_make(s->data + at, 4);
    *off = base + dw_uN(&r, 4);
    return true;
}

bool dw_read_ranges(wd_dwarf *d, const dw_unit *u, uint64_t value, bool is_index,
                    dw_arena *a, dw_range **out, uint32_t *nout)
{
    dw_range *v = NULL;
    uint32_t n = 0;
    size_t cap = 0;
    bool ok = true;
    unsigned as = u->addr_size;
    if (u->version < 5) {
        const dw_sec *s = &d->sec[DW_SEC_RANGES];
        if (!s->data || value >= s->size)
            return false;
        dw_rd r = dw_rd_make(s->data + value, s->size - value);
        uint64_t base = u->base_pc;
        uint64_t maxa = as == 8 ? UINT64_MAX : 0xffffffffu;
        for (;;) {
            uint64_t lo = dw_uN(&r, as), hi = dw_uN(&r, as);
            if (r.bad) {
                ok = false;
                break;
            }
            if (lo == 0 && hi == 0)
                break;
            if (lo == maxa) {
                base = hi;
                continue;
            }
            if (lo >= 0xfffffffeu)
                continue;
            if (!push_range(&v, &n, &cap, base + lo, base + hi)) {
                ok = false;
                break;
            }
        }
    } else {
        const dw_sec *s = &d->sec[DW_SEC_RNGLISTS];
        uint64_t off = value;
        if (is_index && !list_offset(d, s, u->rnglists_base ? u->rnglists_base : 12, value, &off))
            return false;
        if (!s->data || off >= s->size)
            return false;
        dw_rd r = dw_rd_make(s->data + off, s->size - off);
        uint64_t base = u->base_pc;
        bool base_dead = false;
        for (;;) {
            uint8_t k = dw_u8(&r);
            uint64_t x, y, lo = 0, hi = 0;
            bool have = false;
            if (r.bad) {
                ok = false;
                break;
            }
            if (k == DW_RLE_end_of_list)
                break;
            switch (k) {
            case DW_RLE_base_addressx:
                x = dw_uleb(&r);
                if (!dw_addrx(d, u, x, &base))
                    base = 0xffffffffu;
                base_dead = base >= 0xfffffffeu;
                break;
            case DW_RLE_startx_endx:
                x = dw_uleb(&r);
                y = dw_uleb(&r);
                have = dw_addrx(d, u, x, &lo) && dw_addrx(d, u, y, &hi);
                break;
            case DW_RLE_startx_length:
                x = dw_uleb(&r);
                y = dw_uleb(&r);
                have = dw_addrx(d, u, x, &lo);
                hi = lo + y;
                break;
            case DW_RLE_offset_pair:
                x = dw_uleb(&r);
                y = dw_uleb(&r);
                have = !base_dead;
                lo = base + x;
                hi = base + y;
                break;
            case DW_RLE_base_address:
                base = dw_uN(&r, as);
                base_dead = base >= 0xfffffffeu;
                break;
            case DW_RLE_start_end:
                lo = dw_uN(&r, as);
                hi = dw_uN(&r, as);
                have = true;
                break;
            case DW_RLE_start_length:
                lo = dw_uN(&r, as);
                hi = lo + dw_uleb(&r);
                have = true;
                break;
            default:
                r.bad = true;
                break;
            }
            if (r.bad) {
                ok = false;
                break;
            }
            if (have && !push_range(&v, &n, &cap, lo, hi)) {
                ok = false;
                break;
            }
        }
    }
    if (!ok)
        dw_warn(d, "DWARF: malformed range list at 0x%llx in unit %s", (unsigned long long)value,
                u->name ? u->name : "?");
    *out = NULL;
    *nout = 0;
    if (n) {
        *out = dw_alloc(a, n * sizeof *v);
        if (*out) {
            memcpy(*out, v, n * sizeof *v);
            *nout = n;
        }
    }
    free(v);
    return ok;
}

bool dw_loclist_find(wd_dwarf *d, const dw_unit *u, uint64_t off, uint32_t addr,
                     const uint8_t **expr, size_t *len, bool *found)
{
    *found = false;
    unsigned as = u->addr_size;
    if (u->version < 5) {
        const dw_sec *s = &d->sec[DW_SEC_LOC];
        if (!s->data || off >= s->size)
            return false;
        dw_rd r = dw_rd_make(s->data + off, s->size - off);
        uint64_t base = u->base_pc;
        uint64_t maxa = as == 8 ? UINT64_MAX : 0xffffffffu;
        for (;;) {
            uint64_t lo = dw_uN(&r, as), hi = dw_uN(&r, as);
            if (r.bad)
                return false;
            if (lo == 0 && hi == 0)
                return true;
            if (lo == maxa) {
                base = hi;
                continue;
            }
            uint64_t n = dw_uN(&r, 2);
            const uint8_t *e = r.p;
            if (!dw_skip(&r, n))
                return false;
            if (lo >= 0xfffffffeu)
                continue;
            if (addr >= base + lo && addr < base + hi) {
                *expr = e;
                *len = (size_t)n;
                *found = true;
                return true;
            }
        }
    }
    const dw_sec *s = &d->sec[DW_SEC_LOCLISTS];
    if (!s->data || off >= s->size)
        return false;
    dw_rd r = dw_rd_make(s->data + off, s->size - off);
    uint64_t base = u->base_pc;
    const uint8_t *dflt = NULL;
    size_t dflt_len = 0;
    for (;;) {
        uint8_t k = dw_u8(&r);
        uint64_t x, y, lo = 0, hi = 0;
        bool have = false, isdef = false;
        if (r.bad)
            return false;
        if (k == DW_LLE_end_of_list)
            break;
        switch (k) {
        case DW_LLE_base_addressx:
            x = dw_uleb(&r);
            if (!dw_addrx(d, u, x, &base))
                base = 0xffffffffu;
            continue;
        case DW_LLE_startx_endx:
            x = dw_uleb(&r);
            y = dw_uleb(&r);
            have = dw_addrx(d, u, x, &lo) && dw_addrx(d, u, y, &hi);
            break;
        case DW_LLE_startx_length:
            x = dw_uleb(&r);
            y = dw_uleb(&r);
            have = dw_addrx(d, u, x, &lo);
            hi = lo + y;
            break;
        case DW_LLE_offset_pair:
            x = dw_uleb(&r);
            y = dw_uleb(&r);
            have = base < 0xfffffffeu;
            lo = base + x;
            hi = base + y;
            break;
        case DW_LLE_default_location:
            isdef = true;
            break;
        case DW_LLE_base_address:
            base = dw_uN(&r, as);
            continue;
        case DW_LLE_start_end:
            lo = dw_uN(&r, as);
            hi = dw_uN(&r, as);
            have = true;
            break;
        case DW_LLE_start_length:
            lo = dw_uN(&r, as);
            hi = lo + dw_uleb(&r);
            have = true;
            break;
        default:
            return false;
        }
        uint64_t n = dw_uleb(&r);
        const uint8_t *e = r.p;
        if (!dw_skip(&r, n))
            return false;
        if (isdef) {
            dflt = e;
            dflt_len = (size_t)n;
        } else if (have && lo < 0xfffffffeu && addr >= lo && addr < hi) {
            *expr = e;
            *len = (size_t)n;
            *found = true;
            return true;
        }
    }
    if (dflt) {
        *expr = dflt;
        *len = dflt_len;
        *found = true;
    }
    return true;
}

/* ------------------------------------------------------------ units */

static int cmp_cu_range(const void *a, const void *b)
{
    const dw_cu_range *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static void read_unit_die(wd_dwarf *d, dw_unit *u, Dwarf_Die die)
{
    Dwarf_Error e = 0;
    Dwarf_Off off = 0;
    if (dwarf_dieoffset(die, &off, &e) == DW_DLV_OK)
        u->die_off = off;
    else
        dw_dwerr(d, e);
    u->name = attr_str(d, die, DW_AT_name);
    u->comp_dir = attr_str(d, die, DW_AT_comp_dir);
    u->producer = attr_str(d, die, DW_AT_producer);
    uint64_t v;
    if (attr_udata(d, die, DW_AT_language, &v, NULL))
        u->language = (uint32_t)v;
    if (attr_udata(d, die, DW_AT_stmt_list, &v, NULL)) {
        u->has_stmt = true;
        u->stmt_list = v;
    }
    if (attr_udata(d, die, DW_AT_addr_base, &v, NULL) ||
        attr_udata(d, die, DW_AT_GNU_addr_base, &v, NULL))
        u->addr_base = v;
    if (attr_udata(d, die, DW_AT_rnglists_base, &v, NULL))
        u->rnglists_base = v;
    if (attr_udata(d, die, DW_AT_loclists_base, &v, NULL))
        u->loclists_base = v;
    if (attr_udata(d, die, DW_AT_str_offsets_base, &v, NULL))
        u->str_offsets_base = v;
    Dwarf_Addr lo = 0;
    Dwarf_Bool has = 0;
    bool have_lo = false;
    if (dwarf_hasattr(die, DW_AT_low_pc, &has, &e) == DW_DLV_OK && has) {
        if (dwarf_lowpc(die, &lo, &e) == DW_DLV_OK) {
            u->base_pc = (uint32_t)lo;
            have_lo = true;
        } else
            dw_dwerr(d, e);
    } else
        dw_dwerr(d, e);
    Dwarf_Half form = 0;
    if (attr_udata(d, die, DW_AT_ranges, &v, &form)) {
        dw_read_ranges(d, u, v, form == DW_FORM_rnglistx, &d->arena, &u->ranges, &u->nranges);
    } else if (have_lo) {
        Dwarf_Addr hi = 0;
        Dwarf_Half hf = 0;
        enum Dwarf_Form_Class cls = DW_FORM_CLASS_UNKNOWN;
        if (dwarf_highpc_b(die, &hi, &hf, &cls, &e) == DW_DLV_OK) {
            if (cls == DW_FORM_CLASS_CONSTANT)
                hi += lo;
            if (lo < 0xfffffffeu && hi > lo && hi <= 0xffffffffu) {
                u->ranges = dw_alloc(&d->arena, sizeof *u->ranges);
                if (u->ranges) {
                    u->ranges[0].lo = (uint32_t)lo;
                    u->ranges[0].hi = (uint32_t)hi;
                    u->nranges = 1;
                }
            }
        } else
            dw_dwerr(d, e);
    }
}

static bool scan_units(wd_dwarf *d)
{
    size_t cap = 0;
    Dwarf_Unsigned hdr_off = 0;
    for (;;) {
        Dwarf_Error e = 0;
        Dwarf_Unsigned len = 0, typeoff = 0, next = 0;
        Dwarf_Half ver = 0, asz = 0, lsz = 0, esz = 0, utype = 0;
        Dwarf_Off abbrev = 0;
        Dwarf_Sig8 sig;
        int rc = dwarf_next_cu_header_d(d->dbg, 1, &len, &ver, &abbrev, &asz, &lsz, &esz, &sig,
                                        &typeoff, &next, &utype, &e);
        if (rc == DW_DLV_NO_ENTRY)
            break;
        if (rc != DW_DLV_OK) {
            dw_dwerr(d, e);
            dw_warn(d, "DWARF: .debug_info is corrupt after unit %u; the rest is ignored",
                    d->nunits);
            break;
        }
        if (!dw_grow((void **)&d->units, &cap, d->nunits, sizeof *d->units))
            return false;
        dw_unit *u = &d->units[d->nunits++];
        memset(u, 0, sizeof *u);
        u->hdr_off = hdr_off;
        u->version = ver;
        u->addr_size = (uint8_t)(asz ? asz : 4);
        if (u->addr_size != 4 && u->addr_size != 8)
            u->addr_size = 4;
        hdr_off = next;
        Dwarf_Die die = 0;
        rc = dwarf_siblingof_b(d->dbg, NULL, 1, &die, &e);
        if (rc != DW_DLV_OK) {
            dw_dwerr(d, e);
            u->broken = true;
            continue;
        }
        read_unit_die(d, u, die);
        dwarf_dealloc_die(die);
    }
    if (d->nunits == 0)   /* libdwarf may find no unit at all without an error (no abbrevs) */
        dw_warn(d, "DWARF: no compilation unit of .debug_info (%zu bytes) could be read%s",
                d->sec[DW_SEC_INFO].size,
                d->sec[DW_SEC_ABBREV].size ? "" : ": .debug_abbrev is missing");
    /* the address index */
    size_t n = 0;
    for (uint32_t i = 0; i < d->nunits; i++)
        n += d->units[i].nranges;
    d->cu_ranges = calloc(n ? n : 1, sizeof *d->cu_ranges);
    if (!d->cu_ranges)
        return false;
    for (uint32_t i = 0; i < d->nunits; i++)
        for (uint32_t j = 0; j < d->units[i].nranges; j++) {
            dw_range r = d->units[i].ranges[j];
            if (dw_is_tombstone(d, r.lo))
                continue;
            d->cu_ranges[d->ncu_ranges].lo = r.lo;
            d->cu_ranges[d->ncu_ranges].hi = r.hi;
            d->cu_ranges[d->ncu_ranges].unit = i;
            d->ncu_ranges++;
        }
    qsort(d->cu_ranges, d->ncu_ranges, sizeof *d->cu_ranges, cmp_cu_range);
    return true;
}

dw_unit *dw_unit_for_addr(wd_dwarf *d, uint32_t addr)
{
    /* last range with lo <= addr, scanning back a little: units can overlap in linked
     * output (wasm-ld points every unit that emitted an inline function, e.g. libc++'s
     * header functions, at the one copy it kept). Then the first unit in .debug_info
     * order has it, as llvm-symbolizer decides. */
    size_t lo = 0, hi = d->ncu_ranges;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->cu_ranges[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    dw_unit *best = NULL;
    for (size_t i = lo, k = 0; i > 0 && k < 8; i--, k++) {
        const dw_cu_range *r = &d->cu_ranges[i - 1];
        if (addr >= r->lo && addr < r->hi && !d->units[r->unit].broken &&
            (!best || &d->units[r->unit] < best))
            best = &d->units[r->unit];
    }
    return best;
}

/* ------------------------------------------------------------ open / close */

static uint32_t code_size_of(const wd_module *m)
{
    uint32_t n = wd_module_func_count(m);
    uint64_t end = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t s, e;
        wd_module_func_range(m, i, &s, &e);
        if (e > end)
            end = e;
    }
    uint64_t base = wd_module_code_section_offset(m);
    return end > base ? (uint32_t)(end - base) : 0;
}

wd_dwarf *wd_dwarf_open(const wd_module *m, wd_dwarf_warn_fn warn, void *warn_user,
                        wd_error *err)
{
    static const char *const names[DW_SEC__COUNT] = {
        ".debug_info", ".debug_abbrev", ".debug_line", ".debug_str", ".debug_line_str",
        ".debug_str_offsets", ".debug_addr", ".debug_ranges", ".debug_rnglists", ".debug_loc",
        ".debug_loclists",
    };
    if (err)
        wd_error_clear(err);
    char why[256];
    if (!dw_lib_load(why, sizeof why)) {
        if (err) {
            err->status = WD_ERR_IO;
            snprintf(err->msg, sizeof err->msg, "%s", why);
        }
        return NULL;
    }
    wd_dwarf *d = calloc(1, sizeof *d);
    if (!d) {
        if (err) {
            err->status = WD_ERR_NOMEM;
            snprintf(err->msg, sizeof err->msg, "out of memory");
        }
        return NULL;
    }
    d->m = m;
    d->warn = warn;
    d->warn_user = warn_user;
    d->code_size = code_size_of(m);
    uint32_t nc = wd_module_custom_count(m);
    d->lsecs = calloc((size_t)nc + 1, sizeof *d->lsecs);
    if (!d->lsecs)
        goto nomem;
    d->lsecs[0].name = "";
    d->nlsecs = 1;
    for (uint32_t i = 0; i < nc; i++) {
        wd_custom_section cs;
        wd_module_custom(m, i, &cs);
        if (!cs.name || strncmp(cs.name, ".debug_", 7) != 0)
            continue;
        d->debug_bytes += cs.size;
        bool dup = false;
        for (uint32_t k = 1; k < d->nlsecs; k++)
            if (strcmp(d->lsecs[k].name, cs.name) == 0)
                dup = true;
        if (dup) {
            dw_warn(d, "DWARF: duplicate section %s ignored", cs.name);
            continue;
        }
        d->lsecs[d->nlsecs].name = cs.name;
        d->lsecs[d->nlsecs].data = cs.data;
        d->lsecs[d->nlsecs].size = cs.size;
        d->nlsecs++;
        for (int k = 0; k < DW_SEC__COUNT; k++)
            if (strcmp(cs.name, names[k]) == 0) {
                d->sec[k].data = cs.data;
                d->sec[k].size = cs.size;
            }
    }
    if (!d->sec[DW_SEC_INFO].data || d->sec[DW_SEC_INFO].size == 0) {
        if (err) {
            err->status = WD_ERR_NOTFOUND;
            snprintf(err->msg, sizeof err->msg, "no DWARF debug information (.debug_info)");
        }
        wd_dwarf_close(d);
        return NULL;
    }
    d->methods.get_section_info = oa_section_info;
    d->methods.get_byte_order = oa_byte_order;
    d->methods.get_length_size = oa_length_size;
    d->methods.get_pointer_size = oa_pointer_size;
    d->methods.get_section_count = oa_section_count;
    d->methods.load_section = oa_load_section;
    d->methods.relocate_a_section = NULL;
    d->iface.object = d;
    d->iface.methods = &d->methods;
    Dwarf_Error e = 0;
    int rc = dwarf_object_init_b(&d->iface, NULL, NULL, DW_GROUPNUMBER_ANY, &d->dbg, &e);
    if (rc != DW_DLV_OK) {
        if (err) {
            err->status = rc == DW_DLV_NO_ENTRY ? WD_ERR_NOTFOUND : WD_ERR_MALFORMED;
            snprintf(err->msg, sizeof err->msg, "libdwarf cannot read the debug sections: %s",
                     e ? dwarf_errmsg(e) : "no DWARF");
        }
        if (e && d->dbg)
            dwarf_dealloc(d->dbg, e, DW_DLA_ERROR);
        d->dbg = NULL;
        wd_dwarf_close(d);
        return NULL;
    }
    if (!scan_units(d))
        goto nomem;
    return d;
nomem:
    if (err) {
        err->status = WD_ERR_NOMEM;
        snprintf(err->msg, sizeof err->msg, "out of memory reading DWARF");
    }
    wd_dwarf_close(d);
    return NULL;
}

void wd_dwarf_close(wd_dwarf *d)
{
    if (!d)
        return;
    if (d->dbg) {
        Dwarf_Error e = 0;
        if (dwarf_object_finish(d->dbg, &e) != DW_DLV_OK && e)
            dwarf_dealloc(d->dbg, e, DW_DLA_ERROR);
    }
    for (uint32_t i = 0; i < d->nunits; i++) {
        free(d->units[i].rows);
        free(d->units[i].xrows);
        free(d->units[i].scopes);
        free(d->units[i].seqs);
    }
    free(d->units);
    free(d->cu_ranges);
    free(d->lsecs);
    free(d->types);
    free(d->tnames);
    for (size_t i = 0; i < d->nsubsts; i++) {
        free(d->substs[i].from);
        free(d->substs[i].to);
    }
    free(d->substs);
    for (size_t i = 0; i < d->nsrcdirs; i++)
        free(d->srcdirs[i]);
    free(d->srcdirs);
    for (size_t i = 0; i < d->nsrcfiles; i++) {
        free(d->srcfiles[i].path);
        free(d->srcfiles[i].data);
        free(d->srcfiles[i].line_starts);
    }
    free(d->srcfiles);
    for (size_t i = 0; i < d->nwarned; i++)
        free(d->warned[i]);
    free(d->warned);
    dw_made_free(d);
    dw_arena_free(&d->arena);
    free(d);
}

const wd_module *wd_dwarf_module(const wd_dwarf *d) { return d ? d->m : NULL; }

uint32_t wd_dwarf_unit_count(const wd_dwarf *d) { return d ? d->nunits : 0; }

bool wd_dwarf_unit(const wd_dwarf *d, uint32_t i, wd_dwarf_unit_info *out)
{
    if (!d || i >= d->nunits)
        return false;
    const dw_unit *u = &d->units[i];
    out->name = u->name;
    out->comp_dir = u->comp_dir;
    out->producer = u->producer;
    out->version = u->version;
    out->language = u->language;
    out->offset = u->die_off;
    return true;
}
