/* model_profile.c: the profile part of the TUI's model (tui_model.h): copies of the session's
 * profile (session_query.h: wd_dbg_profile, read with prof.h's report calls) for the
 * flamegraph pane and the heat gutter. Copies, because a `profile start` with other
 * settings frees the profile the pointers would point into. */
#include <stdlib.h>
#include <string.h>

#include "prof.h"
#include "session_query.h"
#include "tui_model.h"

/* model_session.c's session (the one accessor this file needs). */
wd_dbg *tm__session(tm_model *m);

void tm_profile_status(tm_model *m, tm_profile *out)
{
    memset(out, 0, sizeof *out);
    bool running = false;
    const wd_prof *p = wd_dbg_profile(tm__session(m), &running);
    out->unit = "";
    if (!p)
        return;
    wd_prof_stats st;
    wd_prof_get_stats(p, &st);
    out->exists = true;
    out->running = running;
    out->insns = wd_prof_get_mode(p) == WD_PROF_INSNS;
    out->unit = wd_prof_weight_unit(p);
    out->samples = st.samples;
    out->weight = st.weight;
}

void tm_profile_free(tm_profile *p)
{
    free(p->frames);
    free(p->funcs);
    free(p->strings);
    memset(p, 0, sizeof *p);
    p->unit = "";
}

/* The string block: sizes first, then copies. */
typedef struct strblock { char *buf; size_t len, cap; } strblock;

static const char *sb_put(strblock *b, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!b->buf || b->len + n > b->cap)
        return "";
    char *d = b->buf + b->len;
    memcpy(d, s, n);
    b->len += n;
    return d;
}

static int cmp_row_key(const void *a, const void *b)
{
    const wd_prof_row *x = *(const wd_prof_row *const *)a, *y = *(const wd_prof_row *const *)b;
    int c = strcmp(x->function, y->function);
    return c ? c : strcmp(x->file, y->file);
}

/* The hottest line of function name in file, from the rows sorted by (function, file). */
static uint32_t hottest_line(wd_prof_row **by_name, size_t nrows, const char *name,
                             const char *file)
{
    wd_prof_row key = { .function = name, .file = file };
    const wd_prof_row *kp = &key;
    wd_prof_row **hit = by_name ? bsearch(&kp, by_name, nrows, sizeof *by_name, cmp_row_key) : NULL;
    return hit ? (*hit)->line : 0;
}

void tm_profile_snapshot(tm_model *m, bool by_line, tm_profile *out)
{
    tm_profile_status(m, out);
    bool running;
    const wd_prof *p = wd_dbg_profile(tm__session(m), &running);
    if (!p)
        return;
    size_t nt = 0, nr = 0;
    wd_prof_tnode *t = wd_prof_tree(p, by_line, &nt);
    wd_prof_row *rows = wd_prof_rows(p, &nr);
    wd_prof_row **by_name = nr ? malloc(nr * sizeof *by_name) : NULL;
    for (size_t i = 0; by_name && i < nr; i++)
        by_name[i] = &rows[i];
    if (by_name)
        qsort(by_name, nr, sizeof *by_name, cmp_row_key);
    strblock sb = { NULL, 0, 0 };
    for (size_t i = 0; i < nt; i++)
        sb.cap += strlen(t[i].function) + strlen(t[i].file) + 2;
    for (size_t i = 0; i < nr; i++)
        sb.cap += strlen(rows[i].function) + strlen(rows[i].file) + 2;
    sb.cap += 4;
    sb.buf = malloc(sb.cap);
    out->frames = nt ? calloc(nt, sizeof *out->frames) : NULL;
    out->funcs = nr ? calloc(nr, sizeof *out->funcs) : NULL;
    if (!sb.buf || (nt && !out->frames) || (nr && !out->funcs)) {
        free(sb.buf);
        free(by_name);
        free(t);
        free(rows);
        tm_profile_free(out);
        tm_profile_status(m, out);
        return;
    }
    out->strings = sb.buf;
    for (size_t i = 0; i < nt; i++) {
        tm_prof_frame *f = &out->frames[i];
        f->parent = t[i].parent;
        f->name = sb_put(&sb, i == 0 ? "all" : t[i].function);
        f->file = sb_put(&sb, t[i].file);
        f->line = by_line ? t[i].line : hottest_line(by_name, nr, t[i].function, t[i].file);
        if (!f->line)
            f->line = t[i].line;
        f->host = t[i].is_host;
        f->inlined = t[i].inlined;
        f->self = t[i].self_weight;
        f->total = t[i].total_weight;
        f->self_samples = t[i].self_samples;
        f->total_samples = t[i].total_samples;
    }
    out->nframes = nt;
    for (size_t i = 0; i < nr; i++) {
        tm_prof_func *f = &out->funcs[i];
        f->name = sb_put(&sb, rows[i].function);
        f->file = sb_put(&sb, rows[i].file);
        f->line = rows[i].line;
        f->host = rows[i].is_host;
        f->self = rows[i].self_weight;
        f->total = rows[i].total_weight;
        f->self_samples = rows[i].self_samples;
        f->total_samples = rows[i].total_samples;
    }
    out->nfuncs = nr;
    free(by_name);
    free(t);
    free(rows);
}

typedef struct lines_acc { tm_line_weight *v; size_t n, cap; bool failed; } lines_acc;

static void add_line(void *user, uint32_t line, uint64_t self_samples, uint64_t self_weight)
{
    (void)self_samples;
    lines_acc *a = user;
    if (a->failed)
        return;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 64;
        tm_line_weight *nv = realloc(a->v, nc * sizeof *nv);
        if (!nv) {
            a->failed = true;
            return;
        }
        a->v = nv;
        a->cap = nc;
    }
    a->v[a->n++] = (tm_line_weight){ line, self_weight };
}

tm_line_weight *tm_profile_lines(tm_model *m, const char *file, size_t *n)
{
    *n = 0;
    bool running;
    const wd_prof *p = wd_dbg_profile(tm__session(m), &running);
    if (!p || !file || !*file)
        return NULL;
    lines_acc a = { NULL, 0, 0, false };
    wd_prof_file_lines(p, file, add_line, &a);
    if (a.failed || a.n == 0) {
        free(a.v);
        return NULL;
    }
    *n = a.n;
    return a.v;
}
