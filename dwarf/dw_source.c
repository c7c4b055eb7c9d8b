/* dw_source.c: finding and reading source files named by the line tables, with
 * gdb-style `set substitute-path FROM TO` rules and --source-dir directories.
 * A file that cannot be found is reported once ("source file not found: ...").
 */
#include "dw_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A new rule may find files that were missing: forget them, so the next read looks again
 * (found files stay cached; a file still missing is warned about once more, without the
 * hint, since a rule now exists). */
static void forget_missing(wd_dwarf *d)
{
    size_t k = 0;
    for (size_t i = 0; i < d->nsrcfiles; i++) {
        if (d->srcfiles[i].missing) {
            free(d->srcfiles[i].path);
            free(d->srcfiles[i].data);
            free(d->srcfiles[i].line_starts);
        } else {
            d->srcfiles[k++] = d->srcfiles[i];
        }
    }
    d->nsrcfiles = k;
}

void wd_dwarf_add_substitution(wd_dwarf *d, const char *from, const char *to)
{
    if (!from || !to || !dw_grow((void **)&d->substs, &d->substs_cap, d->nsubsts, sizeof *d->substs))
        return;
    char *f = strdup(from), *t = strdup(to);
    if (!f || !t) {
        free(f);
        free(t);
        return;
    }
    /* drop a trailing slash so "/a/" and "/a" mean the same */
    size_t n = strlen(f);
    if (n > 1 && f[n - 1] == '/')
        f[n - 1] = '\0';
    d->substs[d->nsubsts].from = f;
    d->substs[d->nsubsts].to = t;
    d->nsubsts++;    forget_missing(d);
}

void wd_dwarf_add_source_dir(wd_dwarf *d, const char *dir)
{
    if (!dir || !dw_grow((void **)&d->srcdirs, &d->srcdirs_cap, d->nsrcdirs, sizeof *d->srcdirs))
        return;
    char *c = strdup(dir);
    if (c) {
        d->srcdirs[d->nsrcdirs++] = c;
        forget_missing(d);
    }
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *wd_dwarf_source_path(wd_dwarf *d, const char *path)
{
    if (!path || !*path)
        return NULL;
    char buf[4096];
    /* substitute-path: the first rule whose FROM is a whole-component prefix */
    const char *p = path;
    for (size_t i = 0; i < d->nsubsts; i++) {
        size_t n = strlen(d->substs[i].from);
        if (strncmp(path, d->substs[i].from, n) == 0 && (path[n] == '/' || path[n] == '\0')) {
            int k = snprintf(buf, sizeof buf, "%s%s", d->substs[i].to, path + n);
            if (k > 0 && (size_t)k < sizeof buf)
                p = buf;
            break;
        }
    }
    if (is_file(p))
        return strdup(p);
    /* source dirs: DIR + the path's trailing components, longest first */
    for (size_t i = 0; i < d->nsrcdirs; i++) {
        const char *tail = p;
        while (tail) {
            while (*tail == '/')
                tail++;
            char cand[8200];
            int k = snprintf(cand, sizeof cand, "%s/%s", d->srcdirs[i], tail);
            if (*tail && k > 0 && (size_t)k < sizeof cand && is_file(cand))
                return strdup(cand);
            tail = strchr(tail, '/');
        }
    }
    dw_warn(d, "source file not found: %s%s", path,
            d->nsrcdirs || d->nsubsts ? "" : " (use --source-dir or set substitute-path)");
    return NULL;
}

static dw_srcfile *load_source(wd_dwarf *d, const char *path)
{
    for (size_t i = 0; i < d->nsrcfiles; i++)
        if (strcmp(d->srcfiles[i].path, path) == 0)
            return d->srcfiles[i].missing ? NULL : &d->srcfiles[i];
    if (!dw_grow((void **)&d->srcfiles, &d->srcfiles_cap, d->nsrcfiles, sizeof *d->srcfiles))
        return NULL;
    dw_srcfile *f = &d->srcfiles[d->nsrcfiles];
    memset(f, 0, sizeof *f);
    f->path = strdup(path);
    if (!f->path)
        return NULL;
    d->nsrcfiles++;
    char *real = wd_dwarf_source_path(d, path);
    FILE *fp = real ? fopen(real, "rb") : NULL;
    free(real);
    if (!fp) {
        f->missing = true;
        return NULL;
    }
    size_t cap = 0;
    for (;;) {
        if (f->size + 1 >= cap) {
            size_t nc = cap ? cap * 2 : 16384;
            char *nd = realloc(f->data, nc);
            if (!nd)
                break;
            f->data = nd;
            cap = nc;
        }
        size_t k = fread(f->data + f->size, 1, cap - f->size - 1, fp);
        if (k == 0)
            break;
        f->size += k;
    }
    fclose(fp);
    if (!f->data) {
        f->missing = true;
        return NULL;
    }
    f->data[f->size] = '\0';
    size_t lcap = 0;
    size_t start = 0;
    for (size_t i = 0; i <= f->size; i++) {
        if (i == f->size && start == f->size)
            break;
        if (i == f->size || f->data[i] == '\n') {
            if (!dw_grow((void **)&f->line_starts, &lcap, f->nlines, sizeof *f->line_starts))
                break;
            f->line_starts[f->nlines++] = (uint32_t)start;
            start = i + 1;
        }
    }
    return f;
}

bool wd_dwarf_source_line(wd_dwarf *d, const char *path, uint32_t line, char *buf, size_t size)
{
    if (!path || !*path || line == 0 || size == 0)
        return false;
    dw_srcfile *f = load_source(d, path);
    if (!f || line > f->nlines)
        return false;
    const char *s = f->data + f->line_starts[line - 1];
    size_t n = strcspn(s, "\n");
    if (n && s[n - 1] == '\r')
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return true;
}
