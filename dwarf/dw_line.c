/* dw_line.c: line programs (DWARF 2-5), decoded by our own reader into compact
 * rows, and the queries on them: address -> row, file:line -> addresses.
 *
 * Paths are built the way llvm-symbolizer builds them, so that outputs can be
 * compared byte for byte: an absolute file name is kept; otherwise the
 * include directory (DWARF 5: entry dir_index; DWARF 4: dir_index-1, with 0
 * meaning the compilation directory) is joined to it, and the unit's comp_dir
 * in front when that directory is relative (not for DWARF 5 dir 0).
 */
#include "dw_int.h"

#include <stdlib.h>
#include <string.h>

static void path_append(char *buf, size_t size, const char *comp)
{
    if (!comp || !*comp)
        return;
    size_t n = strlen(buf);
    if (n && buf[n - 1] != '/' && comp[0] != '/' && n + 1 < size) {
        buf[n++] = '/';
        buf[n] = '\0';
    }
    size_t c = strlen(comp);
    if (n + c >= size)
        c = size - n - 1;
    memcpy(buf + n, comp, c);
    buf[n + c] = '\0';
}

typedef struct lt_entry { const char *name; uint64_t dir; } lt_entry;

/* Reads one DWARF 5 directory/file entry format-described value. */
static bool read_form(wd_dwarf *d, dw_rd *r, uint64_t form, unsigned offsz, const char **str,
                      uint64_t *num)
{
    *str = NULL;
    *num = 0;
    switch (form) {
    case DW_FORM_string:
        *str = dw_cstr(r);
        return !r->bad;
    case DW_FORM_line_strp:
    case DW_FORM_strp: {
        uint64_t off = dw_uN(r, offsz);
        const dw_sec *s = &d->sec[form == DW_FORM_strp ? DW_SEC_STR : DW_SEC_LINE_STR];
        if (r->bad || !s->data || off >= s->size)
            return false;
        if (!memchr(s->data + off, 0, s->size - off))
            return false;
        *str = (const char *)s->data + off;
        return true;
    }
    case DW_FORM_udata:
        *num = dw_uleb(r);
        return !r->bad;
    case DW_FORM_data1:
        *num = dw_uN(r, 1);
        return !r->bad;
    case DW_FORM_data2:
        *num = dw_uN(r, 2);
        return !r->bad;
    case DW_FORM_data4:
        *num = dw_uN(r, 4);
        return !r->bad;
    case DW_FORM_data8:
        *num = dw_uN(r, 8);
        return !r->bad;
    case DW_FORM_data16:
        return dw_skip(r, 16);
    case DW_FORM_block:
        return dw_skip(r, dw_uleb(r));
    default:
        return false;
    }
}

static bool read_v5_table(wd_dwarf *d, dw_rd *r, unsigned offsz, lt_entry **out, uint64_t *count)
{
    uint8_t nfmt = dw_u8(r);
    uint64_t fmt[16][2];
    if (nfmt > 16)
        return false;
    for (unsigned i = 0; i < nfmt; i++) {
        fmt[i][0] = dw_uleb(r);
        fmt[i][1] = dw_uleb(r);
    }
    uint64_t n = dw_uleb(r);
    if (r->bad || n > (uint64_t)(r->end - r->p))
        return false;
    lt_entry *v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return false;
    for (uint64_t i = 0; i < n; i++) {
        for (unsigned k = 0; k < nfmt; k++) {
            const char *s;
            uint64_t num;
            if (!read_form(d, r, fmt[k][1], offsz, &s, &num)) {
                free(v);
                return false;
            }
            if (fmt[k][0] == DW_LNCT_path)
                v[i].name = s;
            else if (fmt[k][0] == DW_LNCT_directory_index)
                v[i].dir = num;
        }
    }
    *out = v;
    *count = n;
    return true;
}

static const char *make_path(wd_dwarf *d, dw_unit *u, uint16_t ver, const lt_entry *f,
                             const lt_entry *dirs, uint64_t ndirs)
{
    const char *name = f->name ? f->name : "";
    if (name[0] == '/')
        return name;
    const char *inc = NULL;
    if (ver >= 5) {
        if (f->dir < ndirs)
            inc = dirs[f->dir].name;
    } else if (f->dir > 0 && f->dir <= ndirs) {
        inc = dirs[f->dir - 1].name;
    }
    char buf[4096];
    buf[0] = '\0';
    if ((ver < 5 || f->dir != 0) && u->comp_dir && *u->comp_dir && !(inc && inc[0] == '/'))
        path_append(buf, sizeof buf, u->comp_dir);
    path_append(buf, sizeof buf, inc);
    path_append(buf, sizeof buf, name);
    return dw_strdup(&d->arena, buf);
}

/* Appends w packed (dw_prow), or whole in xrows when it does not pack. */
static bool push_row(dw_prow **rows, size_t *n, size_t *cap, dw_lrow **xrows, size_t *nx,
                     size_t *xcap, const dw_lrow *w)
{
    if (!dw_grow((void **)rows, cap, *n, sizeof **rows))
        return false;
    dw_prow *p = &(*rows)[(*n)++];
    p->addr = w->addr;
    if (w->line < 1u << DW_PROW_LINE_BITS && w->column < 1u << DW_PROW_COL_BITS &&
        w->file < 1u << DW_PROW_FILE_BITS && w->discr == 0 &&
        !(w->flags & WD_DW_ROW_END_SEQUENCE)) {
        uint32_t f = (w->flags & WD_DW_ROW_STMT) | ((w->flags >> 1) & 0xe);
        p->info = w->line | (uint32_t)w->column << DW_PROW_COL_SHIFT |
                  (uint32_t)w->file << DW_PROW_FILE_SHIFT | f << DW_PROW_FLAG_SHIFT;
        return true;
    }
    if (*nx >= DW_PROW_ESC || !dw_grow((void **)xrows, xcap, *nx, sizeof **xrows)) {
        (*n)--;
        return false;
    }
    (*xrows)[*nx] = *w;
    p->info = DW_PROW_ESC | (uint32_t)(*nx)++;
    return true;
}

static bool parse_lines(wd_dwarf *d, dw_unit *u)
{
    const dw_sec *s = &d->sec[DW_SEC_LINE];
    if (!s->data || u->stmt_list >= s->size)
        return false;
    dw_rd r = dw_rd_make(s->data + u->stmt_list, s->size - u->stmt_list);
    unsigned offsz = 4;
    uint64_t len = dw_uN(&r, 4);
    if (len == 0xffffffffu) {
        offsz = 8;
        len = dw_uN(&r, 8);
    }
    if (r.bad || len > (uint64_t)(r.end - r.p))
        return false;
    const uint8_t *end = r.p + len;
    r.end = end;
    uint16_t ver = (uint16_t)dw_uN(&r, 2);
    if (ver < 2 || ver > 5)
        return false;
    if (ver >= 5) {
        dw_u8(&r);   /* address_size */
        dw_u8(&r);   /* segment selector size */
    }
    uint64_t hlen = dw_uN(&r, offsz);
    if (r.bad || hlen > (uint64_t)(r.end - r.p))
        return false;
    const uint8_t *prog = r.p + hlen;
    uint8_t min_inst = dw_u8(&r);
    if (ver >= 4)
        dw_u8(&r);   /* max ops per instruction (VLIW only) */
    uint8_t default_stmt = dw_u8(&r);
    int8_t line_base = (int8_t)dw_u8(&r);
    uint8_t line_range = dw_u8(&r);
    uint8_t opcode_base = dw_u8(&r);
    uint8_t stdlen[256];
    memset(stdlen, 0, sizeof stdlen);
    for (unsigned i = 1; i < opcode_base; i++)
        stdlen[i] = dw_u8(&r);
    if (r.bad || line_range == 0 || opcode_base == 0)
        return false;

    lt_entry *dirs = NULL, *files = NULL;
    uint64_t ndirs = 0, nfiles = 0;
    bool ok = true;
    if (ver >= 5) {
        ok = read_v5_table(d, &r, offsz, &dirs, &ndirs) &&
             read_v5_table(d, &r, offsz, &files, &nfiles);
    } else {
        size_t cap = 0;
        for (;;) {
            const char *dn = dw_cstr(&r);
            if (!dn || !*dn)
                break;
            if (!dw_grow((void **)&dirs, &cap, ndirs, sizeof *dirs)) {
                ok = false;
                break;
            }
            dirs[ndirs].name = dn;
            dirs[ndirs].dir = 0;
            ndirs++;
        }
        cap = 0;
        while (ok) {
            const char *fn = dw_cstr(&r);
            if (!fn || !*fn)
                break;
            if (!dw_grow((void **)&files, &cap, nfiles, sizeof *files)) {
                ok = false;
                break;
            }
            files[nfiles].name = fn;
            files[nfiles].dir = dw_uleb(&r);
            dw_uleb(&r);
            dw_uleb(&r);
            nfiles++;
        }
        ok = ok && !r.bad;
    }
    if (!ok) {
        free(dirs);
        free(files);
        return false;
    }

    /* files[] of the unit: index as used by DW_LNS_set_file and DW_AT_decl_file */
    u->file_base = ver >= 5 ? 0 : 1;
    u->nfiles = (uint32_t)nfiles;
    u->files = dw_alloc(&d->arena, (nfiles ? nfiles : 1) * sizeof *u->files);
    if (!u->files) {
        free(dirs);
        free(files);
        return false;
    }
    for (uint64_t i = 0; i < nfiles; i++)
        u->files[i] = make_path(d, u, ver, &files[i], dirs, ndirs);

    /* the program */
    r.p = prog;
    dw_prow *rows = NULL;
    size_t nrows = 0, rcap = 0;
    dw_lrow *xrows = NULL;
    size_t nx = 0, xcap = 0, seq_nx = 0;
    dw_seq *seqs = NULL;
    size_t nseqs = 0, scap = 0;
    size_t seq_first = 0;
    uint64_t addr = 0;
    uint32_t file = 1, line = 1, col = 0, discr = 0;
    bool stmt = default_stmt != 0, bb = false, pend = false, ebegin = false;
    bool truncated = false;
    while (r.p < r.end && !r.bad) {
        uint8_t op = dw_u8(&r);
        bool emit = false, endseq = false;
        if (op >= opcode_base) {
            unsigned adj = op - opcode_base;
            addr += (uint64_t)(adj / line_range) * min_inst;
            line += (uint32_t)(line_base + (int)(adj % line_range));
            emit = true;
        } else if (op == 0) {
            uint64_t elen = dw_uleb(&r);
            if (r.bad || elen == 0 || elen > (uint64_t)(r.end - r.p)) {
                r.bad = true;
                break;
            }
            const uint8_t *next = r.p + elen;
            uint8_t sub = dw_u8(&r);
            switch (sub) {
            case DW_LNE_end_sequence:
                emit = endseq = true;
                break;
            case DW_LNE_set_address:
                addr = dw_uN(&r, (unsigned)(elen - 1 > 8 ? 8 : elen - 1));
                break;
            case DW_LNE_set_discriminator:
                discr = (uint32_t)dw_uleb(&r);
                break;
            default:
                break;
            }
            r.p = next;
        } else {
            switch (op) {
            case DW_LNS_copy:
                emit = true;
                break;
            case DW_LNS_advance_pc:
                addr += dw_uleb(&r) * min_inst;
                break;
            case DW_LNS_advance_line:
                line += (uint32_t)dw_sleb(&r);
                break;
            case DW_LNS_set_file:
                file = (uint32_t)dw_uleb(&r);
                break;
            case DW_LNS_set_column:
                col = (uint32_t)dw_uleb(&r);
                break;
            case DW_LNS_negate_stmt:
                stmt = !stmt;
                break;
            case DW_LNS_set_basic_block:
                bb = true;
                break;
            case DW_LNS_const_add_pc:
                addr += (uint64_t)((255 - opcode_base) / line_range) * min_inst;
                break;
            case DW_LNS_fixed_advance_pc:
                addr += dw_uN(&r, 2);
                break;
            case DW_LNS_set_prologue_end:
                pend = true;
                break;
            case DW_LNS_set_epilogue_begin:
                ebegin = true;
                break;
            default:
                for (unsigned i = 0; i < stdlen[op]; i++)
                    dw_uleb(&r);
                break;
            }
        }
        if (r.bad)
            break;
        if (!emit)
            continue;
        dw_lrow full;
        dw_lrow *w = &full;
        w->addr = (uint32_t)(addr > 0xffffffffu ? 0xffffffffu : addr);
        w->line = line;
        w->column = (uint16_t)(col > 0xffff ? 0xffff : col);
        uint32_t fi = file >= u->file_base ? file - u->file_base : UINT32_MAX;
        w->file = (uint16_t)(fi < u->nfiles && fi < 0xffff ? fi : 0xffff);
        w->flags = (uint8_t)((stmt ? WD_DW_ROW_STMT : 0) | (endseq ? WD_DW_ROW_END_SEQUENCE : 0) |
                             (pend ? WD_DW_ROW_PROLOGUE_END : 0) |
                             (ebegin ? WD_DW_ROW_EPILOGUE_BEGIN : 0) |
                             (bb ? WD_DW_ROW_BASIC_BLOCK : 0));
        w->pad = 0;
        w->discr = (uint16_t)(discr > 0xffff ? 0xffff : discr);
        if (!push_row(&rows, &nrows, &rcap, &xrows, &nx, &xcap, w)) {
            truncated = true;
            break;
        }
        discr = 0;
        bb = pend = ebegin = false;
        if (endseq) {
            uint32_t lo = rows[seq_first].addr, hi = w->addr;
            if (dw_is_tombstone(d, lo) || hi <= lo || nrows - seq_first < 2) {
                nrows = seq_first;   /* dead code (linker tombstone) or empty */
                nx = seq_nx;
            } else {
                if (!dw_grow((void **)&seqs, &scap, nseqs, sizeof *seqs)) {
                    truncated = true;
                    break;
                }
                seqs[nseqs].lo = lo;
                seqs[nseqs].hi = hi;
                seqs[nseqs].first = (uint32_t)seq_first;
                seqs[nseqs].last = (uint32_t)(nrows - 1);
                nseqs++;
            }
            seq_first = nrows;
            seq_nx = nx;
            addr = 0;
            file = 1;
            line = 1;
            col = 0;
            stmt = default_stmt != 0;
        }
    }
    nrows = seq_first;   /* drop an unterminated sequence */
    nx = seq_nx;
    if (r.bad || truncated)
        dw_warn(d, "DWARF: line table of %s is %s; it is used as far as it goes",
                u->name ? u->name : "?", truncated ? "too large" : "malformed");
    free(dirs);
    free(files);
    /* sort sequences by start (insertion sort: they are nearly sorted) */
    for (size_t i = 1; i < nseqs; i++) {
        dw_seq t = seqs[i];
        size_t j = i;
        while (j > 0 && seqs[j - 1].lo > t.lo) {
            seqs[j] = seqs[j - 1];
            j--;
        }
        seqs[j] = t;
    }
    /* the tables stay for the life of the wd_dwarf: give back the doubling's slack (up
     * to half of them; rows are most of the memory a swept wd_dwarf holds) */
    if (nrows < rcap) {
        dw_prow *fit = realloc(rows, (nrows ? nrows : 1) * sizeof *rows);
        if (fit)
            rows = fit;
    }
    if (nx < xcap) {
        dw_lrow *fit = realloc(xrows, (nx ? nx : 1) * sizeof *xrows);
        if (fit)
            xrows = fit;
    }
    if (nseqs < scap) {
        dw_seq *fit = realloc(seqs, (nseqs ? nseqs : 1) * sizeof *seqs);
        if (fit)
            seqs = fit;
    }
    u->rows = rows;
    u->nrows = (uint32_t)nrows;
    u->xrows = xrows;
    u->nxrows = (uint32_t)nx;
    u->seqs = seqs;
    u->nseqs = (uint32_t)nseqs;
    return true;
}

bool dw_unit_lines(wd_dwarf *d, dw_unit *u)
{
    if (u->lines_done)
        return u->nfiles > 0 || u->nrows > 0;
    u->lines_done = true;
    if (!u->has_stmt || u->broken)
        return false;
    if (!parse_lines(d, u)) {
        dw_warn(d, "DWARF: cannot read the line table of %s", u->name ? u->name : "?");
        return false;
    }
    return true;
}

const char *dw_unit_file(const dw_unit *u, uint64_t index)
{
    if (index < u->file_base)
        return NULL;
    index -= u->file_base;
    if (index >= u->nfiles)
        return NULL;
    return u->files[index];
}

static void fill_row(const dw_unit *u, const dw_lrow *w, wd_dw_row *out)
{
    out->addr = w->addr;
    out->line = w->line;
    out->column = w->column;
    out->flags = w->flags;
    out->discriminator = w->discr;
    out->file = w->file < u->nfiles ? u->files[w->file] : "";
}

/* Index of the row covering addr in u, or -1. */
static long row_index(const dw_unit *u, uint32_t addr)
{
    size_t lo = 0, hi = u->nseqs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u->seqs[mid].lo <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo, k = 0; i > 0 && k < 8; i--, k++) {
        const dw_seq *s = &u->seqs[i - 1];
        if (addr >= s->hi)
            continue;   /* an earlier, longer sequence may still cover addr */
        /* last row in [first, last) with row.addr <= addr */
        size_t a = s->first + 1, b = s->last;
        while (a < b) {
            size_t mid = (a + b) / 2;
            if (u->rows[mid].addr <= addr)
                a = mid + 1;
            else
                b = mid;
        }
        return (long)a - 1;
    }
    return -1;
}

bool wd_dwarf_line_at(wd_dwarf *d, uint32_t addr, wd_dw_row *out)
{
    dw_unit *u = dw_unit_for_addr(d, addr);
    if (!u || !dw_unit_lines(d, u))
        return false;
    long i = row_index(u, addr);
    if (i < 0)
        return false;
    dw_lrow w = dw_row(u, (uint32_t)i);
    fill_row(u, &w, out);
    return true;
}

bool wd_dwarf_file_matches(const char *path, const char *name)
{
    if (!path || !name)
        return false;
    if (strcmp(path, name) == 0)
        return true;
    size_t pl = strlen(path), nl = strlen(name);
    if (nl >= pl)
        return false;
    if (strcmp(path + pl - nl, name) != 0)
        return false;
    return path[pl - nl - 1] == '/' || name[0] == '/';
}

void wd_dwarf_each_row(wd_dwarf *d, const char *file, wd_dw_row_fn fn, void *user)
{
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!dw_unit_lines(d, u))
            continue;
        for (uint32_t i = 0; i < u->nrows; i++) {
            wd_dw_row row;
            dw_lrow w = dw_row(u, i);
            fill_row(u, &w, &row);
            if (file && !wd_dwarf_file_matches(row.file, file))
                continue;
            if (!fn(user, &row))
                return;
        }
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

size_t wd_dwarf_line_addrs(wd_dwarf *d, const char *file, uint32_t line, uint32_t *out,
                           size_t max, uint32_t *line_used)
{
    /* pass 1: the first line >= line that has a statement in a matching file */
    uint32_t best = UINT32_MAX;
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!dw_unit_lines(d, u))
            continue;
        bool any = false;
        for (uint32_t f = 0; f < u->nfiles; f++)
            if (wd_dwarf_file_matches(u->files[f], file))
                any = true;
        if (!any)
            continue;
        for (uint32_t i = 0; i < u->nrows; i++) {
            const dw_lrow row = dw_row(u, i), *w = &row;
            if ((w->flags & (WD_DW_ROW_STMT | WD_DW_ROW_END_SEQUENCE)) != WD_DW_ROW_STMT ||
                w->line < line || w->line >= best || w->file >= u->nfiles)
                continue;
            if (wd_dwarf_file_matches(u->files[w->file], file))
                best = w->line;
        }
    }
    if (line_used)
        *line_used = best == UINT32_MAX ? 0 : best;
    if (best == UINT32_MAX)
        return 0;
    /* pass 2: statement starts of that line */
    uint32_t *v = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t ui = 0; ui < d->nunits; ui++) {
        dw_unit *u = &d->units[ui];
        if (!u->lines_done || u->nrows == 0)
            continue;
        for (uint32_t si = 0; si < u->nseqs; si++) {
            const dw_seq *s = &u->seqs[si];
            for (uint32_t i = s->first; i < s->last; i++) {
                const dw_lrow row = dw_row(u, i), *w = &row;
                if (!(w->flags & WD_DW_ROW_STMT) || w->line != best || w->file >= u->nfiles ||
                    !wd_dwarf_file_matches(u->files[w->file], file))
                    continue;
                if (i > s->first) {
                    const dw_lrow prev = dw_row(u, i - 1), *p = &prev;
                    if (p->line == w->line && p->file == w->file)
                        continue;   /* same line, another column of it */
                }
                dw_lrow next = i + 1 <= s->last ? dw_row(u, i + 1) : row;
                if (i + 1 <= s->last && next.addr == w->addr &&
                    !(next.flags & WD_DW_ROW_END_SEQUENCE) && i + 1 < s->last &&
                    (next.line != w->line || next.file != w->file))
                    continue;   /* an empty row: the next one at the same address wins */
                if (!dw_grow((void **)&v, &cap, n, sizeof *v))
                    break;
                v[n++] = w->addr;
            }
        }
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_u32);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || v[k - 1] != v[i])
            v[k++] = v[i];
    for (size_t i = 0; i < k && i < max; i++)
        out[i] = v[i];
    free(v);
    return k;
}
