/* cmd_x.c: x/FMT ADDRESS (as gdb reads it) and find (memory search). */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"
#include "wd_wasmdis.h"

/* The address an expression denotes for x: a pointer's value, an integer, or an object's
 * address (arrays, structs). */
static bool addr_of(wd_dbg *s, const char *e, uint64_t *out)
{
    dbg_value v;
    char err[300];
    if (!dbg_eval(s, e, &v, err, sizeof err)) {
        dbg_error(s, "%s", err);
        return false;
    }
    if (v.kind == DV_AGG && v.lval)
        *out = v.addr;
    else if (v.kind == DV_INT || v.kind == DV_PTR)
        *out = v.u;
    else {
        dbg_error(s, "Invalid address \"%s\".", e);
        return false;
    }
    return true;
}

static void put_char(dbg_buf *b, unsigned ch, char q)
{
    if (ch == (unsigned char)q || ch == '\\')
        dbuf_printf(b, "\\%c", ch);
    else if (ch >= 0x20 && ch < 0x7f)
        dbuf_printf(b, "%c", ch);
    else if (ch == '\n')
        dbuf_puts(b, "\\n");
    else if (ch == '\t')
        dbuf_puts(b, "\\t");
    else
        dbuf_printf(b, "\\%03o", ch);
}

static int x_insns(wd_dbg *s, uint64_t addr, uint64_t count, dbg_buf *t)
{
    uint64_t off = addr + s->code_off;
    uint64_t pc = dbg_marked_pc(s);
    for (uint64_t i = 0; i < count; i++) {
        uint32_t f = off < s->nbytes ? dbg_func_of_off(s, off) : UINT32_MAX;
        if (f == UINT32_MAX)
            return i ? 0 : dbg_error(s, "Cannot access code at address 0x%" PRIx64, off - s->code_off);
        /* past a function's last `end`, go on with the next function's first instruction
         * (its size and local declarations in between are not code); an address in them
         * (a function's DWARF low_pc, which info line reports) starts at that instruction */
        uint64_t lo, hi;
        wd_module_func_range(s->m, f, &lo, &hi);
        if (off < lo)
            off = lo;
        if (off >= hi) {
            if (f + 1 >= wd_module_func_count(s->m))
                break;
            wd_module_func_range(s->m, ++f, &lo, &hi);
            off = lo;
        }
        wd_wasm_insn in;
        wd_wasm_decode(s->bytes + off, s->nbytes - off, &in);
        char nb[32];   /* as gdb: "=> 0x00000489 <perimeter+26>:\ti32.const 0" */
        dbuf_printf(t, "%s0x%08" PRIx64 " <%s+%" PRIu64 ">:\t%s\n", off == pc ? "=> " : "   ",
                    off - s->code_off, dbg_display_name(dbg_func_name(s, f, nb, sizeof nb)),
                    off - lo, in.text);
        off += in.len ? in.len : 1;
    }
    s->x_next = off - s->code_off;
    return 0;
}

int dbg_examine(wd_dbg *s, const char *a, const char *m, dbg_buf *out)
{
    uint64_t count = 1;
    char fmt = s->x_fmt, size = s->x_size;
    bool size_given = false;
    const char *p = m ? m : "";
    if (isdigit((unsigned char)*p)) {
        char *end;
        count = strtoull(p, &end, 10);
        p = end;
    }
    for (; *p; p++) {
        if (strchr("oxdutfacsiz", *p))
            fmt = *p == 'z' ? 'x' : *p;
        else if (strchr("bhwg", *p)) {
            size = *p;
            size_given = true;
        } else
            return dbg_error(s, "Invalid number \"%s\".", m);
    }
    if (fmt == 'c' && !size_given)
        size = 'b';
    if (fmt == 'a' && !size_given)
        size = 'w';
    uint64_t addr;
    if (*a) {
        if (!addr_of(s, a, &addr))
            return -1;
    } else if (s->x_valid) {
        addr = s->x_next;
    } else {
        return dbg_error(s, "Argument required (starting display address).");
    }
    s->x_fmt = fmt;
    if (fmt != 's' && fmt != 'i')
        s->x_size = size;
    s->x_valid = true;
    dbg_buf t = {0};
    if (fmt == 'i') {
        int rc = x_insns(s, addr, count, &t);
        if (t.p)
            dbuf_puts(out, t.p);
        dbuf_free(&t);
        return rc;
    }
    if (fmt == 's') {
        for (uint64_t i = 0; i < count; i++) {
            dbuf_printf(&t, "0x%" PRIx64 ":\t\"", addr);
            for (unsigned k = 0;; k++) {
                uint8_t c;
                if (!dbg_read(s, addr, &c, 1)) {
                    dbuf_free(&t);
                    return dbg_error(s, "Cannot access memory at address 0x%" PRIx64, addr);
                }
                addr++;
                if (!c)
                    break;
                if (k == 200) {
                    dbuf_puts(&t, "\"...");
                    break;
                }
                put_char(&t, c, '"');
            }
            dbuf_puts(&t, "\"\n");
        }
        s->x_next = addr;
        if (t.p)
            dbuf_puts(out, t.p);
        dbuf_free(&t);
        return 0;
    }
    unsigned sz = size == 'b' ? 1 : size == 'h' ? 2 : size == 'g' ? 8 : 4;
    if (fmt == 'f' && !size_given && s->x_size != 'w' && s->x_size != 'g')
        sz = 8;
    unsigned per = fmt == 'c' ? 8 : sz == 8 ? 2 : sz == 4 ? 4 : 8;
    if (count * sz > (1u << 20)) {
        dbuf_free(&t);
        return dbg_error(s, "Too many items (at most 1 MiB at once).");
    }
    if (!dbg_read(s, addr, (uint8_t[1]){0}, 1)) {
        dbuf_free(&t);
        return dbg_error(s, "Cannot access memory at address 0x%" PRIx64, addr);
    }
    for (uint64_t i = 0; i < count; i++) {
        uint8_t b[8] = {0};
        if (i % per == 0)
            dbuf_printf(&t, "%s0x%" PRIx64 ":", i ? "\n" : "", addr);
        if (!dbg_read(s, addr, b, sz)) {
            dbuf_puts(&t, "\n");
            if (t.p)
                dbuf_puts(out, t.p);
            dbuf_free(&t);
            return dbg_error(s, "Cannot access memory at address 0x%" PRIx64, addr);
        }
        uint64_t u = 0;
        for (unsigned k = 0; k < sz; k++)
            u |= (uint64_t)b[k] << (8 * k);
        int64_t sv = sz == 8 ? (int64_t)u : (int64_t)(u << (64 - 8 * sz)) >> (64 - 8 * sz);
        dbuf_puts(&t, "\t");
        switch (fmt) {
        case 'x': dbuf_printf(&t, "0x%0*" PRIx64, (int)(2 * sz), u); break;
        case 'd': dbuf_printf(&t, "%" PRId64, sv); break;
        case 'u': dbuf_printf(&t, "%" PRIu64, u); break;
        case 'o': dbuf_printf(&t, "0%" PRIo64, u); break;
        case 'a': dbuf_printf(&t, "0x%" PRIx64, u); break;
        case 't':
            for (int k = (int)(8 * sz) - 1; k >= 0; k--)
                dbuf_printf(&t, "%c", (int)('0' + ((u >> k) & 1)));
            break;
        case 'c':
            dbuf_printf(&t, "%" PRId64 " '", sv);
            put_char(&t, (unsigned)(u & 0xff), '\'');
            dbuf_puts(&t, "'");
            break;
        case 'f':
            if (sz == 4) {
                float f;
                uint32_t w = (uint32_t)u;
                memcpy(&f, &w, 4);
                dbuf_printf(&t, "%.9g", (double)f);
            } else if (sz == 8) {
                double d;
                memcpy(&d, &u, 8);
                dbuf_printf(&t, "%.17g", d);
            } else {
                dbuf_printf(&t, "%" PRId64, sv);
            }
            break;
        }
        addr += sz;
    }
    dbuf_puts(&t, "\n");
    s->x_next = addr;
    if (t.p)
        dbuf_puts(out, t.p);
    dbuf_free(&t);
    return 0;
}

int cmd_x(wd_dbg *s, const char *a, const char *m)
{
    dbg_buf t = {0};
    int rc = dbg_examine(s, a, m, &t);
    if (t.p)
        dbg_puts(s, t.p);
    dbuf_free(&t);
    return rc;
}

/* find[/SIZE] START, +LEN | END, VALUE [, VALUE...] */
int cmd_find(wd_dbg *s, const char *a, const char *m)
{
    wd_memory *mem = dbg_memory(s);
    if (!mem)
        return dbg_error(s, "The program is not being run.");
    unsigned vsize = 0;
    if (m && *m) {
        vsize = *m == 'b' ? 1 : *m == 'h' ? 2 : *m == 'w' ? 4 : *m == 'g' ? 8 : 0;
        if (!vsize)
            return dbg_error(s, "Invalid size granularity.");
    }
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", a);
    /* split on commas outside quotes */
    char *parts[64];
    int np = 0;
    bool inq = false;
    char *start = buf;
    for (char *p = buf;; p++) {
        if (*p == '"' && (p == buf || p[-1] != '\\'))
            inq = !inq;
        if ((*p == ',' && !inq) || !*p) {
            bool end = !*p;
            *p = '\0';
            if (np < 64)
                parts[np++] = (char *)dbg_skip_ws(start);
            start = p + 1;
            if (end)
                break;
        }
    }
    if (np < 3)
        return dbg_error(s, "Missing search parameters (find START, +LEN|END, VALUE...).");
    uint64_t lo, hi;
    if (!addr_of(s, parts[0], &lo))
        return -1;
    if (parts[1][0] == '+') {
        uint64_t len;
        if (!addr_of(s, parts[1] + 1, &len))
            return -1;
        hi = lo + len;
    } else {
        if (!addr_of(s, parts[1], &hi))
            return -1;
        hi++;
    }
    uint64_t msize = wd_memory_size(mem);
    if (lo >= msize || hi > msize || hi <= lo)
        return dbg_error(s, "Cannot access memory at address 0x%" PRIx64, lo >= msize ? lo : hi - 1);
    uint8_t pat[1024];
    size_t plen = 0;
    for (int i = 2; i < np; i++) {
        char *v = parts[i];
        size_t l = strlen(v);
        while (l && isspace((unsigned char)v[l - 1]))
            v[--l] = '\0';
        if (v[0] == '"' && l >= 2 && v[l - 1] == '"') {
            for (size_t k = 1; k + 1 < l && plen < sizeof pat; k++) {
                char c = v[k];
                if (c == '\\' && k + 2 < l) {
                    c = v[++k];
                    c = c == 'n' ? '\n' : c == 't' ? '\t' : c == '0' ? 0 : c;
                }
                pat[plen++] = (uint8_t)c;
            }
            continue;
        }
        dbg_value val;
        char err[300];
        if (!dbg_eval(s, v, &val, err, sizeof err))
            return dbg_error(s, "%s", err);
        unsigned sz = vsize ? vsize : (val.size && val.size <= 8 ? (unsigned)val.size : 4);
        uint64_t u = val.u;
        if (val.kind == DV_FLOAT) {
            if (sz == 4) {
                float f = (float)val.f;
                uint32_t w;
                memcpy(&w, &f, 4);
                u = w;
            } else {
                memcpy(&u, &val.f, 8);
            }
        }
        for (unsigned k = 0; k < sz && plen < sizeof pat; k++)
            pat[plen++] = (uint8_t)(u >> (8 * k));
    }
    if (!plen)
        return dbg_error(s, "Empty search pattern.");
    const uint8_t *data = wd_memory_data(mem);
    dbg_buf t = {0}, j = {0};
    dbuf_puts(&j, "[");
    uint64_t found = 0;
    for (uint64_t at = lo; at + plen <= hi && found < 1000; at++)
        if (memcmp(data + at, pat, plen) == 0) {
            dbuf_printf(&t, "0x%" PRIx64 "\n", at);
            dbuf_printf(&j, "%s\"0x%" PRIx64 "\"", found ? "," : "", at);
            found++;
        }
    dbuf_puts(&j, "]");
    if (found)
        dbuf_printf(&t, "%" PRIu64 " pattern%s found.\n", found, found == 1 ? "" : "s");
    else
        dbuf_puts(&t, "Pattern not found.\n");
    dbg_puts(s, t.p);
    dbg_jfield(s, "found", j.p);
    dbuf_free(&t);
    dbuf_free(&j);
    return 0;
}
