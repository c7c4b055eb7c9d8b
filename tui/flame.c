/* flame.c: the flamegraph view (see flame.h). */
#define _GNU_SOURCE
#include "flame.h"

#include <inttypes.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"

typedef struct tf_box {
    uint32_t frame;
    int depth, x0, x1;   /* x relative to the drawing rectangle */
} tf_box;

struct tui_flame {
    tm_profile prof;
    bool by_line;
    /* children of each frame, heaviest first: kids[kstart[i] .. kstart[i+1]) */
    uint32_t *kstart, *kids;
    uint32_t root, sel;
    uint32_t *zstack;         /* previous zoom roots */
    size_t nz, cz;
    bool table, heat_colour;
    int sort;
    size_t *order;            /* table rows in sort order */
    int tcur, ttop;
    char search[128];
    regex_t re;
    bool has_re;
    bool *match;              /* per frame */
    tf_box *boxes;
    size_t nboxes, cboxes;
    int rows_drawn;           /* icicle rows in the last layout */
    tui_rect body;            /* where the last draw put the icicle or the table rows */
};

tui_flame *tui_flame_new(void)
{
    tui_flame *f = calloc(1, sizeof *f);
    if (f)
        f->prof.unit = "";
    return f;
}

static void clear_derived(tui_flame *f)
{
    free(f->kstart);
    free(f->kids);
    free(f->order);
    free(f->match);
    f->kstart = f->kids = NULL;
    f->order = NULL;
    f->match = NULL;
    f->nboxes = 0;
}

void tui_flame_free(tui_flame *f)
{
    if (!f)
        return;
    clear_derived(f);
    tm_profile_free(&f->prof);
    if (f->has_re)
        regfree(&f->re);
    free(f->zstack);
    free(f->boxes);
    free(f);
}

const tm_profile *tui_flame_profile(const tui_flame *f) { return &f->prof; }
bool tui_flame_table(const tui_flame *f) { return f->table; }
int tui_flame_sort(const tui_flame *f) { return f->sort; }

/* ------------------------------------------------------------ derived data */

/* The view being sorted (qsort has no context argument; the TUI has one thread). */
static const tui_flame *sort_ctx;

static int cmp_kids(const void *a, const void *b)
{
    const tm_prof_frame *x = &sort_ctx->prof.frames[*(const uint32_t *)a];
    const tm_prof_frame *y = &sort_ctx->prof.frames[*(const uint32_t *)b];
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static int cmp_rows(const void *a, const void *b)
{
    const tm_prof_func *x = &sort_ctx->prof.funcs[*(const size_t *)a];
    const tm_prof_func *y = &sort_ctx->prof.funcs[*(const size_t *)b];
    int c = 0;
    switch (sort_ctx->sort) {
    case TF_SORT_TOTAL: c = x->total == y->total ? 0 : x->total > y->total ? -1 : 1; break;
    case TF_SORT_SAMPLES:
        c = x->self_samples == y->self_samples ? 0 : x->self_samples > y->self_samples ? -1 : 1;
        break;
    case TF_SORT_NAME: c = strcmp(x->name, y->name); break;
    case TF_SORT_FILE:
        c = strcmp(x->file, y->file);
        if (!c)
            c = x->line == y->line ? 0 : x->line < y->line ? -1 : 1;
        break;
    default: c = x->self == y->self ? 0 : x->self > y->self ? -1 : 1; break;
    }
    if (!c)  /* ties: the profile's own order (hottest first) */
        c = *(const size_t *)a < *(const size_t *)b ? -1 : 1;
    return c;
}

static void sort_table(tui_flame *f)
{
    if (!f->order)
        return;
    for (size_t i = 0; i < f->prof.nfuncs; i++)
        f->order[i] = i;
    sort_ctx = f;
    qsort(f->order, f->prof.nfuncs, sizeof *f->order, cmp_rows);
}

static void compute_matches(tui_flame *f)
{
    if (!f->match)
        return;
    for (size_t i = 0; i < f->prof.nframes; i++)
        f->match[i] = f->has_re && i > 0 && regexec(&f->re, f->prof.frames[i].name, 0, NULL, 0) == 0;
}

static bool build_derived(tui_flame *f)
{
    size_t n = f->prof.nframes;
    f->kstart = calloc(n + 2, sizeof *f->kstart);
    f->kids = malloc((n ? n : 1) * sizeof *f->kids);
    f->match = calloc(n ? n : 1, sizeof *f->match);
    f->order = malloc((f->prof.nfuncs ? f->prof.nfuncs : 1) * sizeof *f->order);
    if (!f->kstart || !f->kids || !f->match || !f->order)
        return false;
    /* counting sort by parent, then each run sorted heaviest first */
    for (size_t i = 1; i < n; i++)
        f->kstart[f->prof.frames[i].parent + 1]++;
    for (size_t i = 0; i < n; i++)
        f->kstart[i + 1] += f->kstart[i];
    uint32_t *fill = calloc(n ? n : 1, sizeof *fill);
    if (!fill)
        return false;
    for (size_t i = 1; i < n; i++) {
        uint32_t par = f->prof.frames[i].parent;
        f->kids[f->kstart[par] + fill[par]++] = (uint32_t)i;
    }
    free(fill);
    sort_ctx = f;
    for (size_t i = 0; i < n; i++)
        qsort(f->kids + f->kstart[i], f->kstart[i + 1] - f->kstart[i], sizeof *f->kids, cmp_kids);
    sort_table(f);
    compute_matches(f);
    return true;
}

/* ------------------------------------------------------------ paths (kept across snapshots) */

/* "name\x1fline\x1e..." from the root's child down to frame i. */
static char *path_of(const tm_profile *p, uint32_t i)
{
    size_t len = 1;
    for (uint32_t k = i; k != 0 && k < p->nframes; k = p->frames[k].parent)
        len += strlen(p->frames[k].name) + 16;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (uint32_t k = i; k != 0 && k < p->nframes; k = p->frames[k].parent) {
        char seg[32];
        snprintf(seg, sizeof seg, "\x1f%" PRIu32 "\x1e", p->frames[k].line);
        size_t nl = strlen(p->frames[k].name), sl = strlen(seg), cur = strlen(s);
        memmove(s + nl + sl, s, cur + 1);
        memcpy(s, p->frames[k].name, nl);
        memcpy(s + nl, seg, sl);
    }
    return s;
}

static uint32_t find_path(const tui_flame *f, const char *path)
{
    uint32_t cur = 0;
    const char *s = path;
    while (s && *s) {
        const char *us = strchr(s, '\x1f');
        const char *rs = us ? strchr(us, '\x1e') : NULL;
        if (!us || !rs)
            break;
        uint32_t line = (uint32_t)strtoul(us + 1, NULL, 10);
        uint32_t next = UINT32_MAX;
        for (uint32_t k = f->kstart[cur]; k < f->kstart[cur + 1]; k++) {
            const tm_prof_frame *fr = &f->prof.frames[f->kids[k]];
            if (strlen(fr->name) == (size_t)(us - s) && memcmp(fr->name, s, (size_t)(us - s)) == 0 &&
                fr->line == line) {
                next = f->kids[k];
                break;
            }
        }
        if (next == UINT32_MAX)
            return cur;  /* as deep as the path still exists */
        cur = next;
        s = rs + 1;
    }
    return cur;
}

static bool is_under(const tm_profile *p, uint32_t i, uint32_t anc)
{
    for (uint32_t k = i; k < p->nframes; k = p->frames[k].parent) {
        if (k == anc)
            return true;
        if (k == 0)
            break;
    }
    return false;
}

void tui_flame_set(tui_flame *f, tm_profile *p, bool by_line)
{
    /* remember the zoom stack and the selection as paths */
    size_t nkeep = f->nz + 2;
    char **keep = calloc(nkeep, sizeof *keep);
    bool same_kind = f->by_line == by_line;
    if (keep && same_kind && f->prof.nframes) {
        for (size_t i = 0; i < f->nz; i++)
            keep[i] = path_of(&f->prof, f->zstack[i]);
        keep[f->nz] = path_of(&f->prof, f->root);
        keep[f->nz + 1] = path_of(&f->prof, f->sel);
    }
    /* a switch between functions and lines keeps the function path of the selection */
    char *sel_func = NULL;
    if (!same_kind && f->prof.nframes && f->sel < f->prof.nframes)
        sel_func = strdup(f->prof.frames[f->sel].name);
    clear_derived(f);
    tm_profile_free(&f->prof);
    f->prof = *p;
    memset(p, 0, sizeof *p);
    p->unit = "";
    f->by_line = by_line;
    f->root = f->sel = 0;
    size_t nz = f->nz;
    f->nz = 0;
    if (!build_derived(f)) {
        clear_derived(f);
        tm_profile_free(&f->prof);
    } else if (keep && same_kind && keep[nz + 1]) {
        for (size_t i = 0; i < nz; i++)
            f->zstack[f->nz++] = keep[i] ? find_path(f, keep[i]) : 0;
        f->root = keep[nz] ? find_path(f, keep[nz]) : 0;
        f->sel = find_path(f, keep[nz + 1]);
        if (!is_under(&f->prof, f->sel, f->root))
            f->sel = f->root;
    } else if (sel_func) {
        for (size_t i = 1; i < f->prof.nframes; i++)
            if (strcmp(f->prof.frames[i].name, sel_func) == 0) {
                f->sel = (uint32_t)i;
                break;
            }
    }
    if (keep)
        for (size_t i = 0; i < nkeep; i++)
            free(keep[i]);
    free(keep);
    free(sel_func);
    if (f->tcur >= (int)f->prof.nfuncs)
        f->tcur = f->prof.nfuncs ? (int)f->prof.nfuncs - 1 : 0;
}

/* ------------------------------------------------------------ layout */

static bool push_box(tui_flame *f, tf_box b)
{
    if (f->nboxes == f->cboxes) {
        size_t nc = f->cboxes ? f->cboxes * 2 : 256;
        tf_box *nb = realloc(f->boxes, nc * sizeof *nb);
        if (!nb)
            return false;
        f->boxes = nb;
        f->cboxes = nc;
    }
    f->boxes[f->nboxes++] = b;
    return true;
}

/* Frames in rows [0, rows) of width w, breadth-first so each row's boxes are in x order. */
static void layout(tui_flame *f, int w, int rows)
{
    f->nboxes = 0;
    f->rows_drawn = rows;
    if (!f->prof.nframes || w <= 0 || rows <= 0)
        return;
    double total = (double)f->prof.frames[f->root].total;
    if (total <= 0)
        total = 1;
    /* offsets of frames in the view: a parallel array over boxes */
    size_t cap = 256, n = 0;
    double *off = malloc(cap * sizeof *off);
    if (!off || !push_box(f, (tf_box){ f->root, 0, 0, w })) {
        free(off);
        return;
    }
    off[n++] = 0;
    for (size_t b = 0; b < f->nboxes; b++) {
        tf_box parent = f->boxes[b];
        if (parent.depth + 1 >= rows)
            continue;
        double o = off[b];
        for (uint32_t k = f->kstart[parent.frame]; k < f->kstart[parent.frame + 1]; k++) {
            uint32_t c = f->kids[k];
            double t = (double)f->prof.frames[c].total;
            int x0 = (int)(o / total * w), x1 = (int)((o + t) / total * w);
            if (x1 > w)
                x1 = w;
            if (x1 > x0) {
                if (n == cap) {
                    double *no = realloc(off, cap * 2 * sizeof *no);
                    if (!no)
                        break;
                    off = no;
                    cap *= 2;
                }
                if (!push_box(f, (tf_box){ c, parent.depth + 1, x0, x1 }))
                    break;
                off[n++] = o;
            }
            o += t;
        }
    }
    free(off);
}

static const tf_box *box_of(const tui_flame *f, uint32_t frame)
{
    for (size_t i = 0; i < f->nboxes; i++)
        if (f->boxes[i].frame == frame)
            return &f->boxes[i];
    return NULL;
}

bool tui_flame_box(const tui_flame *f, const char *name, int *x0, int *x1, int *depth)
{
    for (size_t i = 0; i < f->nboxes; i++)
        if (strcmp(f->prof.frames[f->boxes[i].frame].name, name) == 0) {
            *x0 = f->boxes[i].x0;
            *x1 = f->boxes[i].x1;
            *depth = f->boxes[i].depth;
            return true;
        }
    return false;
}

const char *tui_flame_selected(const tui_flame *f)
{
    if (f->table)
        return tui_flame_row(f, (size_t)f->tcur);
    return f->prof.nframes ? f->prof.frames[f->sel].name : NULL;
}

bool tui_flame_zoomed(const tui_flame *f) { return f->root != 0; }

const char *tui_flame_zoom_root(const tui_flame *f)
{
    return f->prof.nframes ? f->prof.frames[f->root].name : NULL;
}

const char *tui_flame_row(const tui_flame *f, size_t i)
{
    if (!f->order || i >= f->prof.nfuncs)
        return NULL;
    return f->prof.funcs[f->order[i]].name;
}

/* ------------------------------------------------------------ search */

bool tui_flame_search(tui_flame *f, const char *re, char *err, size_t errsize)
{
    regex_t nre;
    if (re && *re) {
        int rc = regcomp(&nre, re, REG_EXTENDED | REG_ICASE | REG_NOSUB);
        if (rc != 0) {
            char msg[128];
            regerror(rc, &nre, msg, sizeof msg);
            snprintf(err, errsize, "bad search expression \"%s\": %s", re, msg);
            return false;
        }
    }
    if (f->has_re)
        regfree(&f->re);
    f->has_re = re && *re;
    if (f->has_re)
        f->re = nre;
    snprintf(f->search, sizeof f->search, "%s", f->has_re ? re : "");
    compute_matches(f);
    return true;
}

double tui_flame_match_share(const tui_flame *f)
{
    if (!f->has_re || !f->prof.nframes || !f->match || f->prof.frames[f->root].total == 0)
        return 0;
    /* iterative: the tree can be deep */
    uint64_t sum = 0;
    size_t n = f->prof.nframes, sp = 0;
    uint32_t *stack = malloc(n * sizeof *stack);
    if (!stack)
        return 0;
    stack[sp++] = f->root;
    while (sp) {
        uint32_t i = stack[--sp];
        if (f->match[i]) {
            sum += f->prof.frames[i].total;
            continue;
        }
        for (uint32_t k = f->kstart[i]; k < f->kstart[i + 1] && sp < n; k++)
            stack[sp++] = f->kids[k];
    }
    free(stack);
    return (double)sum / (double)f->prof.frames[f->root].total;
}

/* ------------------------------------------------------------ drawing */

static void group(uint64_t v, char *buf, size_t size)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = '\0';
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void frame_label(const tui_flame *f, const tm_prof_frame *fr, char *buf, size_t size)
{
    if (f->by_line && fr->line && fr->file[0] && !fr->host)
        snprintf(buf, size, "%s at %s:%" PRIu32, fr->name, base_name(fr->file), fr->line);
    else
        snprintf(buf, size, "%s", fr->name);
}

static int frame_style(const tui_flame *f, uint32_t i)
{
    const tm_prof_frame *fr = &f->prof.frames[i];
    if (fr->host)
        return TS_FLAME_HOST;
    if (f->heat_colour) {
        double all = f->prof.frames[0].total ? (double)f->prof.frames[0].total : 1.0;
        double h = (double)fr->self / all;
        int lvl = h >= 0.40 ? 5 : h >= 0.20 ? 4 : h >= 0.10 ? 3 : h >= 0.05 ? 2 : h > 0.01 ? 1 : 0;
        return TS_FLAME_0 + lvl;
    }
    /* a warm colour hashed from the name: stable across refreshes */
    uint32_t hsh = 2166136261u;
    for (const char *s = fr->name; *s; s++)
        hsh = (hsh ^ (uint8_t)*s) * 16777619u;
    return TS_FLAME_0 + (int)(hsh % 6);
}

/* Text of width at most w cells: s, or its start and an ellipsis. */
static void fit(const char *s, int w, char *out, size_t size)
{
    out[0] = '\0';
    if (w <= 0)
        return;
    if (tui_strwidth(s) <= w) {
        snprintf(out, size, "%s", s);
        return;
    }
    if (w < 2)
        return;
    size_t k = 0;
    int cw = 0;
    const char *p = s;
    while (*p && k + 8 < size) {
        uint32_t cp;
        size_t l = tui_utf8_decode(p, strlen(p), &cp);
        int pw = tui_cpwidth(cp);
        if (cw + pw > w - 1)
            break;
        memcpy(out + k, p, l);
        k += l;
        cw += pw;
        p += l;
    }
    memcpy(out + k, "\xe2\x80\xa6", 3);   /* U+2026 */
    out[k + 3] = '\0';
}

static void pct(char *buf, size_t size, uint64_t part, uint64_t whole)
{
    snprintf(buf, size, "%.1f%%", whole ? 100.0 * (double)part / (double)whole : 0.0);
}

/* "19.4M" */
static void compact(uint64_t v, char *buf, size_t size)
{
    static const char *const suf[] = { "", "k", "M", "G", "T", "P" };
    double d = (double)v;
    int k = 0;
    while (d >= 1000.0 && k < 5) {
        d /= 1000.0;
        k++;
    }
    if (k == 0)
        snprintf(buf, size, "%" PRIu64, v);
    else
        snprintf(buf, size, "%.*f%s", d < 10 ? 2 : d < 100 ? 1 : 0, d, suf[k]);
}

static void draw_header(tui_flame *f, tui_canvas *c, tui_rect r)
{
    char s[40], w[40], right[200];
    group(f->prof.samples, s, sizeof s);
    compact(f->prof.weight, w, sizeof w);
    int rs = TS_DIM;
    if (f->has_re) {   /* the search and its share take the right side */
        snprintf(right, sizeof right, " /%s/ %.1f%%", f->search, 100.0 * tui_flame_match_share(f));
        rs = TS_MATCH;
    } else {
        snprintf(right, sizeof right, "%s", f->table ? "  t flamegraph  s sort  Enter source"
                                                     : "  t table  / search  Enter zoom  u back");
    }
    char left[200];
    snprintf(left, sizeof left, "%s samples, %s %s, %s mode", s, w, f->prof.unit,
             f->prof.insns ? "insns" : "cycles");
    int rw = tui_strwidth(right);
    if (!f->has_re && tui_strwidth(left) + rw > r.w)
        rw = 0;   /* the hint goes first when space is short */
    if (rw > r.w)
        rw = r.w;
    tui_text(c, (tui_rect){ r.x, r.y, r.w - rw, 1 }, r.x, r.y, left, TS_DIM);
    if (rw > 0)
        tui_text(c, r, r.x + r.w - rw, r.y, right, rs);
}

static void draw_details(tui_flame *f, tui_canvas *c, tui_rect r, int y)
{
    const tm_prof_frame *fr = &f->prof.frames[f->sel];
    uint64_t all = f->prof.frames[0].total;
    char tot[16], self[16], label[300], s[40];
    pct(tot, sizeof tot, fr->total, all);
    pct(self, sizeof self, fr->self, all);
    frame_label(f, fr, label, sizeof label);
    group(fr->total_samples, s, sizeof s);
    int x = tui_text(c, r, r.x, y, label, TS_KEYWORD);
    if (!f->by_line && fr->file[0] && fr->line)
        x = tui_textf(c, r, x, y, TS_DIM, "  %s:%" PRIu32, base_name(fr->file), fr->line);
    x = tui_textf(c, r, x, y, TS_NORMAL, "  total %s  self %s  %s samples%s", tot, self, s,
                  fr->inlined ? "  (inlined)" : "");
    (void)x;
}

static void draw_icicle(tui_flame *f, tui_canvas *c, tui_rect r, bool focused)
{
    layout(f, r.w, r.h);
    for (size_t i = 0; i < f->nboxes; i++) {
        const tf_box *b = &f->boxes[i];
        int y = r.y + b->depth, x0 = r.x + b->x0, w = b->x1 - b->x0;
        int st = f->match && f->match[b->frame] ? TS_FLAME_MATCH : frame_style(f, b->frame);
        bool sel = b->frame == f->sel;
        if (sel && focused)
            st = TS_CURSOR;
        int body = w >= 2 ? w - 1 : w;   /* the last cell is a gap between frames */
        tui_fill(c, (tui_rect){ x0, y, body, 1 }, ' ', st);
        char label[300], shown[300];
        frame_label(f, &f->prof.frames[b->frame], label, sizeof label);
        fit(label, body, shown, sizeof shown);
        if (body >= 2 || (body == 1 && w == 1 && tui_strwidth(label) == 1))
            tui_text(c, (tui_rect){ x0, y, body, 1 }, x0, y, shown, st);
        if (sel)
            tui_restyle(c, r, x0, y, body, st, TC_BOLD);
    }
}

static const char *const sort_names[TF_SORT__COUNT] = { "self", "total", "samples", "function", "file" };

static void draw_table(tui_flame *f, tui_canvas *c, tui_rect r, bool focused)
{
    uint64_t all = f->prof.weight ? f->prof.weight : 1;
    /* the numbers take 28 cells; the function and file:line columns share the rest */
    int locw = r.w - 28 - 2 - 14;
    locw = locw > 24 ? 24 : locw < 8 ? 8 : locw;
    int fw = r.w - 28 - 2 - locw;
    if (fw < 8)
        fw = 8;
    char head[400];
    snprintf(head, sizeof head, "%6s%s %6s%s %9s%s  %-*s%s %s%s", "self%",
             f->sort == TF_SORT_SELF ? "\xe2\x96\xbc" : " ", "total%",
             f->sort == TF_SORT_TOTAL ? "\xe2\x96\xbc" : " ", "samples",
             f->sort == TF_SORT_SAMPLES ? "\xe2\x96\xbc" : " ", fw, "function",
             f->sort == TF_SORT_NAME ? "\xe2\x96\xb2" : " ", "file:line",
             f->sort == TF_SORT_FILE ? "\xe2\x96\xb2" : "");
    tui_text(c, r, r.x, r.y, head, TS_TITLE);
    int h = r.h - 1;
    int n = (int)f->prof.nfuncs;
    if (h <= 0)
        return;
    if (f->tcur < f->ttop)
        f->ttop = f->tcur;
    if (f->tcur >= f->ttop + h)
        f->ttop = f->tcur - h + 1;
    for (int row = 0; row < h && f->ttop + row < n; row++) {
        int i = f->ttop + row;
        const tm_prof_func *fn = &f->prof.funcs[f->order[i]];
        char name[300], loc[300];
        fit(fn->name, fw, name, sizeof name);
        if (fn->host)
            snprintf(loc, sizeof loc, "(host)");
        else if (fn->line)
            snprintf(loc, sizeof loc, "%s:%" PRIu32, base_name(fn->file), fn->line);
        else
            snprintf(loc, sizeof loc, "%s", base_name(fn->file));
        char locs[300];
        fit(loc, locw, locs, sizeof locs);
        int y = r.y + 1 + row;
        int pad = fw - tui_strwidth(name);
        tui_textf(c, r, r.x, y, TS_NORMAL, "%6.2f  %6.2f  %9" PRIu64 "   %s%*s  %s",
                  100.0 * (double)fn->self / (double)all, 100.0 * (double)fn->total / (double)all,
                  fn->self_samples, name, pad > 0 ? pad : 0, "", locs);
        bool m = f->has_re && regexec(&f->re, fn->name, 0, NULL, 0) == 0;
        if (i == f->tcur && focused)
            tui_restyle(c, r, r.x, y, r.w, TS_CURSOR, TC_BOLD);
        else if (m)
            tui_restyle(c, r, r.x + 28, y, tui_strwidth(name), TS_MATCH, 0);
    }
}

void tui_flame_draw(tui_flame *f, tui_canvas *c, tui_rect r, bool focused)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (!f->prof.nframes || f->prof.frames[0].total == 0) {
        f->nboxes = 0;
        return;
    }
    int top = r.h >= 5 ? 1 : 0, bottom = r.h >= 4 ? 1 : 0;
    if (top)
        draw_header(f, c, r);
    tui_rect body = { r.x, r.y + top, r.w, r.h - top - bottom };
    f->body = f->table ? (tui_rect){ body.x, body.y + 1, body.w, body.h - 1 } : body;
    if (f->table)
        draw_table(f, c, body, focused);
    else
        draw_icicle(f, c, body, focused);
    if (bottom && !f->table)
        draw_details(f, c, r, r.y + r.h - 1);
    else if (bottom)
        tui_textf(c, r, r.x, r.y + r.h - 1, TS_DIM, "%zu functions, sorted by %s (s cycles)",
                  f->prof.nfuncs, sort_names[f->sort]);
}

/* ------------------------------------------------------------ keys */

static void select_frame(tui_flame *f, uint32_t i) { f->sel = i; }

static void move_row(tui_flame *f, int dir)
{
    const tf_box *b = box_of(f, f->sel);
    if (!b)
        return;
    const tf_box *best = NULL;
    for (size_t i = 0; i < f->nboxes; i++) {
        const tf_box *o = &f->boxes[i];
        if (o->depth != b->depth || o == b)
            continue;
        if (dir > 0 && o->x0 >= b->x1 && (!best || o->x0 < best->x0))
            best = o;
        if (dir < 0 && o->x1 <= b->x0 && (!best || o->x0 > best->x0))
            best = o;
    }
    if (best)
        select_frame(f, best->frame);
}

static void next_match(tui_flame *f, int dir)
{
    if (!f->has_re || !f->nboxes)
        return;
    /* boxes are in row order then x order: walk them cyclically from the selection */
    size_t start = 0;
    for (size_t i = 0; i < f->nboxes; i++)
        if (f->boxes[i].frame == f->sel)
            start = i;
    for (size_t k = 1; k <= f->nboxes; k++) {
        size_t i = (start + (dir > 0 ? k : f->nboxes - k)) % f->nboxes;
        if (f->match[f->boxes[i].frame]) {
            select_frame(f, f->boxes[i].frame);
            return;
        }
    }
}

static void zoom_in(tui_flame *f)
{
    if (f->sel == f->root)
        return;
    if (f->nz == f->cz) {
        size_t nc = f->cz ? f->cz * 2 : 16;
        uint32_t *nz = realloc(f->zstack, nc * sizeof *nz);
        if (!nz)
            return;
        f->zstack = nz;
        f->cz = nc;
    }
    f->zstack[f->nz++] = f->root;
    f->root = f->sel;
}

static bool zoom_out(tui_flame *f)
{
    if (f->root == 0)
        return false;
    uint32_t old = f->root;
    f->root = f->nz ? f->zstack[--f->nz] : 0;
    f->sel = old;
    return true;
}

int tui_flame_key(tui_flame *f, uint32_t key)
{
    if (key == 't') {
        f->table = !f->table;
        if (f->table && f->prof.nframes) {   /* the table opens on the selected function */
            for (size_t i = 0; i < f->prof.nfuncs; i++)
                if (strcmp(f->prof.funcs[f->order[i]].name, f->prof.frames[f->sel].name) == 0)
                    f->tcur = (int)i;
        }
        return TF_KEY_HANDLED;
    }
    if (key == '/')
        return TF_KEY_SEARCH;
    if (key == 'v')
        return TF_KEY_LINES;
    if (key == 'C') {
        f->heat_colour = !f->heat_colour;
        return TF_KEY_HANDLED;
    }
    if (f->table) {
        int n = (int)f->prof.nfuncs, c = f->tcur;
        switch (key) {
        case 's':
            f->sort = (f->sort + 1) % TF_SORT__COUNT;
            sort_table(f);
            f->tcur = 0;
            return TF_KEY_HANDLED;
        case 'j': case TK_DOWN: c++; break;
        case 'k': case TK_UP: c--; break;
        case TK_PGDN: c += 10; break;
        case TK_PGUP: c -= 10; break;
        case 'g': case TK_HOME: c = 0; break;
        case 'G': case TK_END: c = n - 1; break;
        case TK_ENTER: return n > 0 ? TF_KEY_JUMP : TF_KEY_HANDLED;
        case TK_ESC: case TK_BACKSPACE:
            f->table = false;
            return TF_KEY_HANDLED;
        default: return TF_KEY_NONE;
        }
        f->tcur = c >= n ? n - 1 : c < 0 ? 0 : c;
        return TF_KEY_HANDLED;
    }
    if (!f->prof.nframes)
        return TF_KEY_NONE;
    switch (key) {
    case 'j': case TK_DOWN:
        for (uint32_t k = f->kstart[f->sel]; k < f->kstart[f->sel + 1]; k++)
            if (box_of(f, f->kids[k]) || !f->nboxes) {   /* the heaviest drawn child */
                select_frame(f, f->kids[k]);
                break;
            }
        return TF_KEY_HANDLED;
    case 'k': case TK_UP:
        if (f->sel != f->root)
            select_frame(f, f->prof.frames[f->sel].parent);
        return TF_KEY_HANDLED;
    case 'h': case TK_LEFT: move_row(f, -1); return TF_KEY_HANDLED;
    case 'l': case TK_RIGHT: move_row(f, 1); return TF_KEY_HANDLED;
    case 'g': case TK_HOME: select_frame(f, f->root); return TF_KEY_HANDLED;
    case '.': next_match(f, 1); return TF_KEY_HANDLED;
    case ',': next_match(f, -1); return TF_KEY_HANDLED;
    case TK_ENTER:
        zoom_in(f);
        return f->sel != 0 ? TF_KEY_JUMP : TF_KEY_HANDLED;
    case TK_BACKSPACE: case 'u':
        zoom_out(f);
        return TF_KEY_HANDLED;
    case TK_ESC:
        return zoom_out(f) ? TF_KEY_HANDLED : TF_KEY_NONE;
    default:
        return TF_KEY_NONE;
    }
}

bool tui_flame_click(tui_flame *f, int x, int y)
{
    tui_rect b = f->body;
    if (x < b.x || x >= b.x + b.w || y < b.y || y >= b.y + b.h)
        return false;
    if (f->table) {
        int i = f->ttop + (y - b.y);
        if (i >= (int)f->prof.nfuncs)
            return false;
        f->tcur = i;
        return true;
    }
    for (size_t i = 0; i < f->nboxes; i++) {
        const tf_box *o = &f->boxes[i];
        if (o->depth == y - b.y && x - b.x >= o->x0 && x - b.x < o->x1) {
            select_frame(f, o->frame);
            return true;
        }
    }
    return false;
}

bool tui_flame_target(const tui_flame *f, const char **name, const char **file, uint32_t *line)
{
    if (f->table) {
        if (!f->order || f->tcur < 0 || (size_t)f->tcur >= f->prof.nfuncs)
            return false;
        const tm_prof_func *fn = &f->prof.funcs[f->order[f->tcur]];
        if (fn->host)
            return false;
        *name = fn->name;
        *file = fn->file;
        *line = fn->line;
        return true;
    }
    if (!f->prof.nframes || f->sel == 0)
        return false;
    const tm_prof_frame *fr = &f->prof.frames[f->sel];
    if (fr->host)
        return false;
    *name = fr->name;
    *file = fr->file;
    *line = fr->line;
    return true;
}
