/* module.c: loading and freeing modules, and the read-only accessors of
 * wd.h over the decoded module (imports, exports, functions, customs).
 *
 * Loading is decode -> validate -> compile; a module that fails any step is
 * freed and NULL is returned with the error of that step.
 */
#include "insn.h"
#include "module.h"
#include "reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------ load / free */

static void set_name(wd_module *m, const char *name)
{
    if (!name)
        name = "";
    size_t n = strlen(name);
    if (n > sizeof m->name - 1)
        n = sizeof m->name - 1;
    memcpy(m->name, name, n);
    m->name[n] = '\0';
}

/* Decodes, validates and prepares module bytes buf (size bytes) that it
 * takes over: buf becomes m->bytes (a read-only mapping of the file when
 * mapped), or is released on failure. */
static wd_module *load_owned(uint8_t *buf, size_t size, bool mapped,
                             const wd_load_options *opts, wd_error *err)
{
    const char *name = opts && opts->name ? opts->name : "";
    wd_module *m = wd__calloc(1, sizeof *m);
    if (!m) {
        if (mapped)
            munmap(buf, size);
        else
            wd__free(buf);
        wd__error_set(err, WD_ERR_NOMEM, name, WD_NO_OFFSET, "out of memory");
        return NULL;
    }
    wd_arena_init(&m->arena);
    set_name(m, name);
    m->features = opts ? opts->features : 0;
    m->tier = opts && (opts->tier == WD_TIER_JIT || opts->tier == WD_TIER_JIT_EAGER)
                  ? (uint8_t)opts->tier : WD_TIER_INTERP;
    /* testing aid: WD_JIT_EAGER=1 makes every JIT-tier module compile every function at
     * its first call, so a test run through a front end exercises only native code */
    const char *eager = getenv("WD_JIT_EAGER");
    if (m->tier == WD_TIER_JIT && eager && *eager && *eager != '0')
        m->tier = WD_TIER_JIT_EAGER;
    m->bytes = buf;
    m->size = size;
    m->bytes_mapped = mapped;
    if (!wd__decode(m, err) || !wd__validate(m, err) || !wd__compile(m, err)) {
        wd_module_free(m);
        return NULL;
    }
    return m;
}

wd_module *wd_module_load(const uint8_t *bytes, size_t size,
                          const wd_load_options *opts, wd_error *err)
{
    const char *name = opts && opts->name ? opts->name : "";
    if (!bytes && size) {
        wd__error_set(err, WD_ERR_ARG, name, WD_NO_OFFSET, "no module bytes");
        return NULL;
    }
    uint8_t *copy = NULL;
    if (size) {
        copy = wd__malloc(size);
        if (!copy) {
            wd__error_set(err, WD_ERR_NOMEM, name, WD_NO_OFFSET,
                          "out of memory (%zu bytes)", size);
            return NULL;
        }
        memcpy(copy, bytes, size);
    }
    return load_owned(copy, size, false, opts, err);
}

/* Maps in, with one call, the pages of the sections the engine reads (all but custom
 * sections), rather than taking a page fault on each: in a VM a fault costs ~10 us. A
 * quick scan of the section headers only; whatever looks wrong ends it (the decoder
 * reports errors later). Best effort: kernels before 5.14 lack MADV_POPULATE_READ. */
static void populate_sections(const uint8_t *p, size_t size)
{
#ifdef MADV_POPULATE_READ
    size_t pos = 8, lo = SIZE_MAX, hi = 0;
    while (pos < size) {
        uint8_t id = p[pos++];
        uint64_t len = 0;
        unsigned shift = 0;
        for (;;) {
            if (pos >= size || shift > 28)
                goto done;
            uint8_t b = p[pos++];
            len |= (uint64_t)(b & 0x7f) << shift;
            shift += 7;
            if (!(b & 0x80))
                break;
        }
        if (len > size - pos)
            break;
        if (id != 0) {
            if (pos < lo)
                lo = pos;
            hi = pos + (size_t)len;
        }
        pos += (size_t)len;
    }
done:
    if (lo < hi) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        size_t start = lo & ~(page - 1);
        madvise((void *)(p + start), hi - start, MADV_POPULATE_READ);
    }
#else
    (void)p;
    (void)size;
#endif
}

/* Loads the text module in p (size bytes), which stays the caller's. */
static wd_module *load_text(const uint8_t *p, size_t size, const wd_load_options *opts,
                            wd_error *err)
{
    uint8_t *bin = NULL;
    size_t n = 0;
    if (!wd_wat_to_wasm((const char *)p, size, opts, &bin, &n, err))
        return NULL;
    return load_owned(bin, n, false, opts, err);
}

wd_module *wd_module_load_file(const char *path, const wd_load_options *opts,
                               wd_error *err)
{
    wd_load_options o;
    memset(&o, 0, sizeof o);
    if (opts)
        o = *opts;
    if (!o.name)
        o.name = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        wd__error_set(err, WD_ERR_IO, path, WD_NO_OFFSET, "cannot open %s: %s",
                      path, strerror(errno));
        return NULL;
    }
    /* A regular file is mapped, not read: only the pages the engine reads
     * become resident, never the custom sections (DWARF) nobody asked for. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= SIZE_MAX) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
        if (p != MAP_FAILED) {
            if (wd_wat_is_text(p, (size_t)st.st_size)) {
                fclose(f);
                wd_module *m = load_text(p, (size_t)st.st_size, &o, err);
                munmap(p, (size_t)st.st_size);
                return m;
            }
            /* no read-around: the DWARF next to the code stays out */
            madvise(p, (size_t)st.st_size, MADV_RANDOM);
            populate_sections(p, (size_t)st.st_size);
            fclose(f);
            return load_owned(p, (size_t)st.st_size, true, &o, err);
        }
    }
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            uint8_t *nb = wd__realloc(buf, ncap);
            if (!nb) {
                wd__free(buf);
                fclose(f);
                wd__error_set(err, WD_ERR_NOMEM, path, WD_NO_OFFSET,
                              "out of memory reading %s", path);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno;
                wd__free(buf);
                fclose(f);
                wd__error_set(err, WD_ERR_IO, path, WD_NO_OFFSET, "cannot read %s: %s",
                              path, strerror(e));
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    if (wd_wat_is_text(buf, len)) {
        wd_module *m = load_text(buf, len, &o, err);
        wd__free(buf);
        return m;
    }
    return load_owned(buf, len, false, &o, err);
}

void wd_module_free(wd_module *m)
{
    if (!m)
        return;
    wd__compile_free(m);
    wd_arena_free(&m->arena);
    if (m->bytes_mapped)
        munmap(m->bytes, m->size);
    else
        wd__free(m->bytes);
    wd__free(m);
}

/* ------------------------------------------------------------ imports / exports */

static wd_functype functype_of(const wd_module *m, uint32_t typeidx)
{
    wd_functype t;
    memset(&t, 0, sizeof t);
    if (typeidx < m->ntypes) {
        const wd_ftype *ft = &m->types[typeidx];
        t.nparams = ft->nparams;
        t.nresults = ft->nresults;
        t.params = ft->params;
        t.results = ft->results;
    }
    return t;
}

uint32_t wd_module_import_count(const wd_module *m) { return m ? m->nimports : 0; }

void wd_module_import(const wd_module *m, uint32_t i, wd_import_desc *out)
{
    memset(out, 0, sizeof *out);
    if (!m || i >= m->nimports)
        return;
    const wd_mimport *im = &m->imports[i];
    out->module = im->module;
    out->name = im->name;
    out->kind = im->kind;
    switch (im->kind) {
    case WD_EXTERN_FUNC:
        if (im->index < m->nfuncs)
            out->func = functype_of(m, m->funcs[im->index].typeidx);
        break;
    case WD_EXTERN_TABLE:
        if (im->index < m->ntables) {
            out->elem_type = m->tables[im->index].elem;
            out->limits = m->tables[im->index].lim;
        }
        break;
    case WD_EXTERN_MEMORY:
        if (im->index < m->nmemories)
            out->limits = m->memories[im->index].lim;
        break;
    case WD_EXTERN_GLOBAL:
        if (im->index < m->nglobals) {
            out->global_type = m->globals[im->index].type;
            out->global_mutable = m->globals[im->index].mut;
        }
        break;
    }
}

uint32_t wd_module_export_count(const wd_module *m) { return m ? m->nexports : 0; }

void wd_module_export(const wd_module *m, uint32_t i, wd_export_desc *out)
{
    memset(out, 0, sizeof *out);
    if (!m || i >= m->nexports)
        return;
    out->name = m->exports[i].name;
    out->kind = m->exports[i].kind;
    out->index = m->exports[i].index;
}

/* ------------------------------------------------------------ functions */

uint32_t wd_module_func_count(const wd_module *m) { return m ? m->nfuncs : 0; }

wd_functype wd_module_func_type(const wd_module *m, uint32_t funcidx)
{
    if (!m || funcidx >= m->nfuncs) {
        wd_functype t;
        memset(&t, 0, sizeof t);
        return t;
    }
    return functype_of(m, m->funcs[funcidx].typeidx);
}

const char *wd_module_func_name(const wd_module *m, uint32_t funcidx)
{
    if (!m || funcidx >= m->nfuncs)
        return NULL;
    if (m->funcs[funcidx].name)
        return m->funcs[funcidx].name;
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].kind == WD_EXTERN_FUNC && m->exports[i].index == funcidx)
            return m->exports[i].name;
    return NULL;
}

void wd_module_func_range(const wd_module *m, uint32_t funcidx,
                          uint64_t *body_start, uint64_t *body_end)
{
    uint64_t s = 0, e = 0;
    if (m && funcidx < m->nfuncs && m->funcs[funcidx].import < 0) {
        s = m->funcs[funcidx].body_offset;
        e = m->funcs[funcidx].end_offset;
    }
    if (body_start)
        *body_start = s;
    if (body_end)
        *body_end = e;
}

uint64_t wd_module_code_section_offset(const wd_module *m)
{
    return m ? m->code_section_offset : 0;
}

/* ------------------------------------------------------------ custom sections */

uint32_t wd_module_custom_count(const wd_module *m) { return m ? m->ncustoms : 0; }

void wd_module_custom(const wd_module *m, uint32_t i, wd_custom_section *out)
{
    memset(out, 0, sizeof *out);
    if (!m || i >= m->ncustoms)
        return;
    out->name = m->customs[i].name;
    out->data = m->customs[i].data;
    out->size = m->customs[i].size;
    out->offset = m->customs[i].offset;
}

/* ------------------------------------------------------------ data segments */

uint32_t wd_module_data_count(const wd_module *m) { return m ? m->ndatas : 0; }

bool wd_module_data(const wd_module *m, uint32_t i, wd_data_segment *out)
{
    memset(out, 0, sizeof *out);
    if (!m || i >= m->ndatas)
        return false;
    const wd_mdata *d = &m->datas[i];
    out->active = d->mode == WD_SEG_ACTIVE;
    out->memory = d->memory;
    out->bytes = d->bytes;
    out->size = d->len;
    out->name = d->name;
    if (out->active) {
        /* a constant and end; anything else (global.get, extended-const arithmetic) is
         * known only to an instance */
        wd_reader r = { d->offset.code, d->offset.code + d->offset.len, m->bytes, NULL, 0 };
        wd_insn c, end;
        if (wd_insn_read(&r, m->features, &c) && wd_insn_read(&r, m->features, &end) &&
            end.op == WD_OP_END && (c.op == WD_OP_I32_CONST || c.op == WD_OP_I64_CONST)) {
            /* an i32 address is unsigned */
            out->offset = c.op == WD_OP_I32_CONST ? (uint32_t)c.imm.i32 : (uint64_t)c.imm.i64;
            out->has_offset = true;
        }
    }
    return true;
}

uint64_t wd_module_memory_initial(const wd_module *m, uint32_t memidx)
{
    if (!m || memidx >= m->nmemories)
        return 0;
    return m->memories[memidx].lim.min * 65536u;
}
