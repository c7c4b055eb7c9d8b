/* pane_vars.c: locals and the debugger's displays, call stack, memory, breakpoints. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_util.h"
#include "valtree.h"

static void generic_resize(tui_pane *p, tui_rect r) { p->rect = r; }

/* ------------------------------------------------------------ locals and displays */

typedef struct lrow {
    int depth;
    char *path;      /* "s.pos.x", "w:N" for display N */
    char *name, *value, *type;
    bool kids, expanded, changed, watch;
} lrow;

typedef struct kv { char *k, *v; } kv;

typedef struct loc_st {
    lrow *rows;
    size_t nrows, caprows;
    int cur, top;
    char **exp;      /* expanded paths */
    size_t nexp;
    kv *prev;        /* values at the previous stop */
    size_t nprev;
    kv *now;
    size_t nnow;
    uint64_t seq;
    bool seen, dirty;
    char prev_func[128];
    bool same_func;
    uint64_t disp_sig;   /* the display list drawn (ids and count) */
    bool hex;
} loc_st;

static void kv_free(kv *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].k);
        free(v[i].v);
    }
    free(v);
}

static void rows_free(loc_st *s)
{
    for (size_t i = 0; i < s->nrows; i++) {
        free(s->rows[i].path);
        free(s->rows[i].name);
        free(s->rows[i].value);
        free(s->rows[i].type);
    }
    s->nrows = 0;
}

static bool is_expanded(const loc_st *s, const char *path)
{
    for (size_t i = 0; i < s->nexp; i++)
        if (strcmp(s->exp[i], path) == 0)
            return true;
    return false;
}

static void toggle_expanded(loc_st *s, const char *path)
{
    for (size_t i = 0; i < s->nexp; i++)
        if (strcmp(s->exp[i], path) == 0) {
            free(s->exp[i]);
            s->exp[i] = s->exp[--s->nexp];
            return;
        }
    char **n = realloc(s->exp, (s->nexp + 1) * sizeof *n);
    if (!n)
        return;
    s->exp = n;
    s->exp[s->nexp] = strdup(path);
    if (s->exp[s->nexp])
        s->nexp++;
}

static const char *prev_value(const loc_st *s, const char *path)
{
    for (size_t i = 0; i < s->nprev; i++)
        if (strcmp(s->prev[i].k, path) == 0)
            return s->prev[i].v;
    return NULL;
}

static void add_now(loc_st *s, const char *path, const char *value)
{
    kv *n = realloc(s->now, (s->nnow + 1) * sizeof *n);
    if (!n)
        return;
    s->now = n;
    s->now[s->nnow].k = strdup(path);
    s->now[s->nnow].v = strdup(value);
    s->nnow++;
}

static void add_row(loc_st *s, int depth, const char *path, const char *name, const char *value,
                    const char *type, bool kids, bool watch)
{
    if (s->nrows == s->caprows) {
        size_t nc = s->caprows ? s->caprows * 2 : 64;
        lrow *n = realloc(s->rows, nc * sizeof *n);
        if (!n)
            return;
        s->rows = n;
        s->caprows = nc;
    }
    lrow *r = &s->rows[s->nrows++];
    r->depth = depth;
    r->path = strdup(path);
    r->name = strdup(name);
    r->value = strdup(value);
    r->type = strdup(type ? type : "");
    r->kids = kids;
    r->watch = watch;
    r->expanded = kids && is_expanded(s, path);
    const char *pv = s->same_func ? prev_value(s, path) : NULL;
    r->changed = pv && strcmp(pv, value) != 0;
}

/* A non-null pointer's value text ("0x114c8", "0x425 \"square\""). */
static bool pointer_text(const char *v)
{
    return v[0] == '0' && v[1] == 'x' && strtoull(v, NULL, 16) != 0;
}

/* One value and, when open, its members, elements or (for a pointer) what it points to.
 * path identifies the row (expansion state, change tracking); expr is the value as a C
 * expression, which the debugger evaluates to follow a pointer. */
static void add_tree(loc_st *s, tm_model *m, const tui_vnode *n, int depth, const char *path,
                     const char *expr, const char *type, bool watch, bool record)
{
    if (record)
        add_now(s, path, n->value);
    bool ptr = n->nkids == 0 && pointer_text(n->value) && depth < 32;
    add_row(s, depth, path, n->name, n->value, type, n->nkids > 0 || ptr, watch);
    bool open = (n->nkids > 0 || ptr) && is_expanded(s, path);
    if (ptr && open) {
        char target[600], tpath[600], tname[300], err[256];
        snprintf(target, sizeof target, "(*%s)", expr);
        snprintf(tpath, sizeof tpath, "%s/*", path);
        snprintf(tname, sizeof tname, "*%s", n->name);
        char *val = tm_eval(m, target, err, sizeof err);
        tui_vnode sub;
        if (tui_vparse(&sub, tname, val ? val : err) == 0)
            add_tree(s, m, &sub, depth + 1, tpath, target, NULL, watch, record && val);
        tui_vfree(&sub);
        free(val);
        return;
    }
    for (size_t i = 0; i < n->nkids; i++) {
        char sub[512], subexpr[700];
        const char *kn = n->kids[i].name;
        snprintf(sub, sizeof sub, "%s%s%s", path, kn[0] == '[' ? "" : ".", kn);
        snprintf(subexpr, sizeof subexpr, "%s%s%s", expr, kn[0] == '[' ? "" : ".", kn);
        if (open) {
            add_tree(s, m, &n->kids[i], depth + 1, sub, subexpr, NULL, watch, record);
        } else if (record) {
            /* remember collapsed members too, so expanding later shows what changed */
            add_now(s, sub, n->kids[i].value);
        }
    }
}

static void loc_rebuild(tui_pane *p, tui_app *a, bool new_stop)
{
    loc_st *s = p->st;
    tm_model *m = tui_app_model(a);
    rows_free(s);
    if (new_stop) {
        kv_free(s->prev, s->nprev);
        s->prev = s->now;
        s->nprev = s->nnow;
        s->now = NULL;
        s->nnow = 0;
        const tm_frame *f = tm_frame_get(m, tm_selected_frame(m));
        const char *fn = f ? f->loc.func : "";
        s->same_func = strcmp(fn, s->prev_func) == 0 && f != NULL;
        snprintf(s->prev_func, sizeof s->prev_func, "%s", fn);
    } else {
        kv_free(s->now, s->nnow);
        s->now = NULL;
        s->nnow = 0;
    }
    for (size_t i = 0; i < tm_var_count(m); i++) {
        const tm_var *v = tm_var_get(m, i);
        tui_vnode root;
        if (tui_vparse(&root, v->name, v->value ? v->value : "") == 0)
            add_tree(s, m, &root, 0, v->name, v->name, v->type, false, true);
        tui_vfree(&root);
    }
    tm_state st = tm_get_state(m);
    for (size_t i = 0; i < tm_display_count(m); i++) {
        int id;
        const char *expr;
        if (!tm_display_get(m, i, &id, &expr))
            continue;
        char err[256];
        char *val = st == TM_PAUSED || st == TM_TRAPPED ? tm_eval(m, expr, err, sizeof err) : NULL;
        if (!val)
            snprintf(err, sizeof err, "%s", st == TM_RUNNING ? "(running)" : "<not available>");
        char path[32], type[32];
        snprintf(path, sizeof path, "w:%d", id);
        snprintf(type, sizeof type, "display %d", id);
        tui_vnode root;
        char pexpr[300];
        snprintf(pexpr, sizeof pexpr, "(%s)", expr);
        if (tui_vparse(&root, expr, val ? val : err) == 0)
            add_tree(s, m, &root, 0, path, pexpr, type, true, val != NULL);
        tui_vfree(&root);
        free(val);
    }
    if (s->cur >= (int)s->nrows)
        s->cur = s->nrows ? (int)s->nrows - 1 : 0;
}

static void loc_init(tui_pane *p, tui_app *a)
{
    (void)a;
    p->st = calloc(1, sizeof(loc_st));
}

static void loc_fini(tui_pane *p)
{
    loc_st *s = p->st;
    if (!s)
        return;
    rows_free(s);
    free(s->rows);
    for (size_t i = 0; i < s->nexp; i++)
        free(s->exp[i]);
    free(s->exp);
    kv_free(s->prev, s->nprev);
    kv_free(s->now, s->nnow);
    free(s);
}

/* Changes when a display is added or removed. */
static uint64_t display_sig(tm_model *m)
{
    uint64_t sig = tm_display_count(m);
    for (size_t i = 0; i < tm_display_count(m); i++) {
        int id;
        const char *expr;
        if (tm_display_get(m, i, &id, &expr))
            sig = sig * 1000003u + (uint64_t)id;
    }
    return sig;
}

/* Decimal integers shown in hex when `x` is on. */
static void maybe_hex(const loc_st *s, const char *v, char *out, size_t size)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (s->hex && end != v && *end == '\0' && (isdigit((unsigned char)v[0]) || v[0] == '-'))
        snprintf(out, size, "0x%llx", (unsigned long long)n);
    else
        snprintf(out, size, "%s", v);
}

static void loc_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    loc_st *s = p->st;
    tm_model *m = tui_app_model(a);
    uint64_t seq = tm_stop_seq(m);
    uint64_t sig = display_sig(m);
    if (sig != s->disp_sig) {
        s->disp_sig = sig;
        s->dirty = true;
    }
    if (!s->seen || seq != s->seq) {
        s->seen = true;
        s->seq = seq;
        loc_rebuild(p, a, true);
        s->dirty = false;
    } else if (s->dirty) {
        loc_rebuild(p, a, false);
        s->dirty = false;
    }
    tui_box(c, p->rect, "3 Locals", focused);
    tui_rect r = pu_inner(p);
    if (r.h <= 0)
        return;
    tm_state st = tm_get_state(m);
    if (s->nrows == 0) {
        tui_text(c, r, r.x + 1, r.y, st == TM_RUNNING ? "(running)" :
                 st == TM_PAUSED || st == TM_TRAPPED ? "no locals" : "(program not paused)", TS_DIM);
        return;
    }
    pu_scroll_fit(&s->top, s->cur, r.h);
    for (int row = 0; row < r.h; row++) {
        int i = s->top + row;
        if (i >= (int)s->nrows)
            break;
        const lrow *lr = &s->rows[i];
        int y = r.y + row;
        int x = r.x + 2 * lr->depth;
        if (i > 0 && lr->watch && lr->depth == 0 && !s->rows[i - 1].watch) {
            /* a separator is implied by the watch style */
        }
        x = tui_text(c, r, x, y, lr->kids ? (lr->expanded ? "\u25be " : "\u25b8 ") : "  ", TS_DIM);
        x = tui_text(c, r, x, y, lr->name, lr->watch ? TS_PROMPT : TS_NORMAL);
        x = tui_text(c, r, x, y, " = ", TS_DIM);
        char val[1024];
        if (lr->expanded && lr->value[0] == '{')
            snprintf(val, sizeof val, "{...}");
        else
            maybe_hex(s, lr->value, val, sizeof val);
        int vx = x;
        x = tui_text(c, r, x, y, val, lr->changed ? TS_CHANGED : TS_NORMAL);
        if (lr->changed)
            tui_restyle(c, r, vx, y, x - vx, TS_CHANGED, TC_BOLD);
        if (lr->type[0] && lr->depth == 0 && x + 3 + tui_strwidth(lr->type) < r.x + r.w)
            tui_textf(c, r, r.x + r.w - tui_strwidth(lr->type), y, TS_DIM, "%s", lr->type);
        if (focused && i == s->cur) {
            tui_restyle(c, r, r.x, y, r.w, TS_CURSOR, 0);
            if (lr->changed) /* keep the change visible under the cursor */
                tui_restyle(c, r, vx, y, x - vx, TS_CHANGED, TC_BOLD | TC_UNDERLINE);
        }
    }
}

/* A pointer row: show its target in the memory pane. */
static void follow_in_memory(tui_app *a, const lrow *lr)
{
    if (!lr || lr->value[0] != '0' || lr->value[1] != 'x')
        return;
    char cmd[64];
    snprintf(cmd, sizeof cmd, "memory 0x%llx", strtoull(lr->value + 2, NULL, 16));
    tui_app_command(a, cmd);
}

static bool loc_key(tui_pane *p, tui_app *a, uint32_t key)
{
    loc_st *s = p->st;
    int h = pu_inner(p).h;
    if (pu_nav(key, &s->cur, (int)s->nrows, h))
        return true;
    const lrow *lr = s->cur < (int)s->nrows ? &s->rows[s->cur] : NULL;
    switch (key) {
    case 'x':
        s->hex = !s->hex;
        return true;
    case 'w':
        tui_app_prompt(a, ":", "display ", PROMPT_CMD);
        return true;
    case TK_DELETE:
        if (lr && lr->watch) {
            char cmd[64];
            snprintf(cmd, sizeof cmd, "undisplay %d", atoi(lr->path + 2));
            tui_app_command(a, cmd);
        }
        return true;
    case 'l': case TK_RIGHT:
        if (lr && lr->kids && !lr->expanded) {
            toggle_expanded(s, lr->path);
            s->dirty = true;
        }
        return true;
    case 'h': case TK_LEFT:
        if (lr && lr->kids && lr->expanded) {
            toggle_expanded(s, lr->path);
            s->dirty = true;
        } else if (lr && lr->depth > 0) {
            for (int i = s->cur - 1; i >= 0; i--)
                if (s->rows[i].depth < lr->depth) {
                    s->cur = i;
                    break;
                }
        }
        return true;
    case TK_ENTER: case ' ':
        if (!lr)
            return true;
        if (lr->kids) {
            toggle_expanded(s, lr->path);
            s->dirty = true;
        } else {
            follow_in_memory(a, lr);   /* an address without anything to open */
        }
        return true;
    case 'm':
        follow_in_memory(a, lr);
        return true;
    default:
        return false;
    }
}

static bool loc_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    loc_st *s = p->st;
    (void)x;
    tui_rect r = pu_inner(p);
    if (button == TM_WHEEL_UP || button == TM_WHEEL_DOWN) {
        s->cur += button == TM_WHEEL_UP ? -1 : 1;
        if (s->cur < 0)
            s->cur = 0;
        if (s->cur >= (int)s->nrows)
            s->cur = s->nrows ? (int)s->nrows - 1 : 0;
        return true;
    }
    int i = s->top + (y - r.y);
    if (y < r.y || i >= (int)s->nrows)
        return true;
    s->cur = i;
    if (s->rows[i].kids)
        loc_key(p, a, TK_ENTER);
    return true;
}

/* ------------------------------------------------------------ call stack */

typedef struct stk_st { int cur, top; uint64_t seq; bool seen; } stk_st;

static void stk_init(tui_pane *p, tui_app *a)
{
    (void)a;
    p->st = calloc(1, sizeof(stk_st));
}

static void free_st(tui_pane *p) { free(p->st); }

static const char *bname(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void stk_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    stk_st *s = p->st;
    tm_model *m = tui_app_model(a);
    if (!s->seen || s->seq != tm_stop_seq(m)) {
        s->seen = true;
        s->seq = tm_stop_seq(m);
        s->cur = (int)tm_selected_frame(m);
    }
    tui_box(c, p->rect, "4 Call stack", focused);
    tui_rect r = pu_inner(p);
    int n = (int)tm_frame_count(m);
    if (n == 0) {
        tui_text(c, r, r.x + 1, r.y, tm_get_state(m) == TM_RUNNING ? "(running)" : "no stack", TS_DIM);
        return;
    }
    if (s->cur >= n)
        s->cur = n - 1;
    pu_scroll_fit(&s->top, s->cur, r.h);
    int sel = (int)tm_selected_frame(m);
    for (int row = 0; row < r.h; row++) {
        int i = s->top + row;
        if (i >= n)
            break;
        const tm_frame *f = tm_frame_get(m, (size_t)i);
        int y = r.y + row;
        int x = tui_text(c, r, r.x, y, i == sel ? ">" : " ", i == sel ? TS_CURLINE : TS_NORMAL);
        x = tui_textf(c, r, x, y, TS_DIM, "#%-2d ", i);
        x = tui_text(c, r, x, y, f->loc.func, i == sel ? TS_KEYWORD : TS_NORMAL);
        if (f->inlined)
            x = tui_text(c, r, x, y, " [inlined]", TS_CHANGED);
        if (f->host)
            x = tui_text(c, r, x, y, " [host]", TS_DIM);
        else if (f->loc.file[0])
            tui_textf(c, r, x, y, TS_DIM, " %s:%u", bname(f->loc.file), f->loc.line);
        else
            tui_textf(c, r, x, y, TS_DIM, " +0x%" PRIx64, f->loc.offset);
        if (focused && i == s->cur)
            tui_restyle(c, r, r.x + 1, y, r.w - 1, TS_CURSOR, 0);
    }
}

static bool stk_key(tui_pane *p, tui_app *a, uint32_t key)
{
    stk_st *s = p->st;
    tm_model *m = tui_app_model(a);
    if (pu_nav(key, &s->cur, (int)tm_frame_count(m), pu_inner(p).h))
        return true;
    if (key == TK_ENTER || key == ' ') {
        char cmd[32];
        snprintf(cmd, sizeof cmd, "frame %d", s->cur);
        tui_app_command(a, cmd);
        return true;
    }
    return false;
}

static bool stk_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    stk_st *s = p->st;
    (void)x;
    tui_rect r = pu_inner(p);
    if (button != TM_LEFT || y < r.y)
        return true;
    int i = s->top + (y - r.y);
    if (i < (int)tm_frame_count(tui_app_model(a))) {
        s->cur = i;
        stk_key(p, a, TK_ENTER);
    }
    return true;
}

/* ------------------------------------------------------------ memory */

typedef struct mem_st {
    uint64_t top, cur;
    bool edit;
    int nibble;
    uint64_t back[32];
    int nback;
    int bpr;
} mem_st;

static void mem_init(tui_pane *p, tui_app *a)
{
    (void)a;
    mem_st *s = calloc(1, sizeof(mem_st));
    if (s) {
        s->cur = s->top = 1024; /* clang's default global base */
        s->bpr = 16;
    }
    p->st = s;
}

void tui_memory_goto(tui_pane *p, uint64_t addr)
{
    mem_st *s = p->st;
    if (s->nback < 32)
        s->back[s->nback++] = s->cur;
    s->cur = addr;
    s->top = addr - addr % (uint64_t)s->bpr;
}

static void mem_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    mem_st *s = p->st;
    tm_model *m = tui_app_model(a);
    char title[80];
    snprintf(title, sizeof title, "5 Memory 0x%08" PRIx64 "%s%s", s->cur,
             tm_mem_live(m) ? "" : " (module data)", s->edit ? " [edit]" : "");
    tui_box(c, p->rect, title, focused);
    tui_rect r = pu_inner(p);
    uint64_t size = tm_mem_size(m);
    if (size == 0) {
        tui_text(c, r, r.x + 1, r.y, "no memory (the program has not started)", TS_DIM);
        return;
    }
    int bpr = 16;
    while (bpr > 4 && 10 + bpr * 3 + bpr + 1 > r.w)
        bpr /= 2;
    if (bpr != s->bpr) {
        s->bpr = bpr;
        s->top -= s->top % (uint64_t)bpr;
    }
    if (s->cur >= size)
        s->cur = size - 1;
    if (s->cur < s->top)
        s->top = s->cur - s->cur % (uint64_t)bpr;
    if (s->cur >= s->top + (uint64_t)(r.h * bpr))
        s->top = s->cur - s->cur % (uint64_t)bpr - (uint64_t)((r.h - 1) * bpr);
    for (int row = 0; row < r.h; row++) {
        uint64_t a0 = s->top + (uint64_t)(row * bpr);
        if (a0 >= size)
            break;
        int y = r.y + row;
        tui_textf(c, r, r.x, y, TS_DIM, "%08" PRIx64, a0);
        for (int i = 0; i < bpr && a0 + (uint64_t)i < size; i++) {
            uint64_t ad = a0 + (uint64_t)i;
            uint8_t b = 0;
            tm_mem_read(m, ad, &b, 1);
            bool ch = tm_mem_changed(m, ad);
            int st = ch ? TS_CHANGED : (b ? TS_NORMAL : TS_DIM);
            int hx = r.x + 10 + i * 3 + (i >= 8 ? 1 : 0);
            if (bpr < 16)
                hx = r.x + 10 + i * 3;
            tui_textf(c, r, hx, y, st, "%02x", b);
            char asc[2] = { (b >= 0x20 && b < 0x7f) ? (char)b : '.', 0 };
            int ax = r.x + 10 + bpr * 3 + (bpr == 16 ? 1 : 0) + i;
            tui_text(c, r, ax, y, asc, ch ? TS_CHANGED : TS_DIM);
            if (ad == s->cur && focused) {
                tui_restyle(c, r, hx, y, 2, s->edit ? TS_MATCH : TS_CURSOR, TC_REVERSE);
                tui_restyle(c, r, ax, y, 1, TS_CURSOR, TC_REVERSE);
            }
        }
    }
}

static int hexval(uint32_t k)
{
    if (k >= '0' && k <= '9')
        return (int)(k - '0');
    if (k >= 'a' && k <= 'f')
        return (int)(k - 'a' + 10);
    if (k >= 'A' && k <= 'F')
        return (int)(k - 'A' + 10);
    return -1;
}

static bool mem_key(tui_pane *p, tui_app *a, uint32_t key)
{
    mem_st *s = p->st;
    tm_model *m = tui_app_model(a);
    int h = pu_inner(p).h;
    uint64_t bpr = (uint64_t)s->bpr;
    if (s->edit) {
        int v = hexval(key);
        if (key == TK_ESC || key == TK_ENTER) {
            s->edit = false;
            p->modal = false;
            return true;
        }
        if (v >= 0) {
            uint8_t b;
            if (tm_mem_read(m, s->cur, &b, 1)) {
                b = s->nibble == 0 ? (uint8_t)((b & 0x0f) | (v << 4)) : (uint8_t)((b & 0xf0) | v);
                if (!tm_mem_write(m, s->cur, &b, 1))
                    tui_app_message(a, TS_ERROR, "cannot write memory now");
            }
            if (++s->nibble == 2) {
                s->nibble = 0;
                s->cur++;
            }
            return true;
        }
        /* arrows still move while editing */
    }
    switch (key) {
    case 'j': case TK_DOWN: s->cur += bpr; break;
    case 'k': case TK_UP: if (s->cur >= bpr) s->cur -= bpr; break;
    case 'l': case TK_RIGHT: s->cur++; break;
    case 'h': case TK_LEFT: if (s->cur) s->cur--; break;
    case TK_PGDN: s->cur += bpr * (uint64_t)h; break;
    case TK_PGUP: s->cur = s->cur > bpr * (uint64_t)h ? s->cur - bpr * (uint64_t)h : 0; break;
    case 'g': tui_app_prompt(a, ":", "memory ", PROMPT_CMD); break;
    case 'e':
        s->edit = true;
        s->nibble = 0;
        p->modal = true;
        tui_app_message(a, TS_NORMAL, "edit: type hex digits, Esc ends");
        break;
    case TK_ENTER: {
        uint32_t ptr;
        if (tm_mem_read(m, s->cur, &ptr, 4)) {
            tui_memory_goto(p, ptr);
            tui_app_message(a, TS_NORMAL, "followed pointer to 0x%08x (Backspace goes back)", ptr);
        }
        break;
    }
    case TK_BACKSPACE:
        if (s->nback > 0) {
            s->cur = s->back[--s->nback];
            s->top = s->cur - s->cur % bpr;
        }
        break;
    default:
        return false;
    }
    s->nibble = 0;
    return true;
}

static bool mem_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    mem_st *s = p->st;
    (void)a;
    tui_rect r = pu_inner(p);
    if (button == TM_WHEEL_UP || button == TM_WHEEL_DOWN) {
        uint64_t d = (uint64_t)s->bpr * 3;
        if (button == TM_WHEEL_UP)
            s->cur = s->cur > d ? s->cur - d : 0;
        else
            s->cur += d;
        return true;
    }
    int col = x - r.x - 10;
    if (y >= r.y && col >= 0 && col < s->bpr * 3)
        s->cur = s->top + (uint64_t)((y - r.y) * s->bpr + col / 3);
    return true;
}

/* ------------------------------------------------------------ breakpoints */

typedef struct bp_st { int cur, top; } bp_st;

static void bp_init(tui_pane *p, tui_app *a)
{
    (void)a;
    p->st = calloc(1, sizeof(bp_st));
}

static void bp_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    bp_st *s = p->st;
    tm_model *m = tui_app_model(a);
    tui_box(c, p->rect, "6 Breakpoints", focused);
    tui_rect r = pu_inner(p);
    int n = (int)tm_bp_count(m);
    if (n == 0) {
        tui_text(c, r, r.x + 1, r.y, "no breakpoints (b or F9 in the source sets one)", TS_DIM);
        return;
    }
    if (s->cur >= n)
        s->cur = n - 1;
    pu_scroll_fit(&s->top, s->cur, r.h);
    for (int row = 0; row < r.h; row++) {
        int i = s->top + row;
        if (i >= n)
            break;
        const tm_bp *b = tm_bp_get(m, (size_t)i);
        int y = r.y + row;
        int x = tui_textf(c, r, r.x, y, TS_DIM, "%2d ", b->id);
        x = tui_text(c, r, x, y, b->cond[0] ? "\u25c6 " : b->enabled ? "\u25cf " : "\u25cb ",
                     b->enabled ? TS_BP : TS_BP_OFF);
        if (b->kind != 0) {
            static const char *const kinds[] = { "", "watch", "rwatch", "awatch" };
            x = tui_textf(c, r, x, y, TS_NORMAL, "%s %s", kinds[b->kind & 3], b->expr);
        } else {
            if (b->file[0])
                x = tui_textf(c, r, x, y, TS_NORMAL, "%s:%u", bname(b->file), b->line);
            else
                x = tui_textf(c, r, x, y, TS_NORMAL, "*0x%x", b->addr);
            x = tui_textf(c, r, x, y, TS_DIM, " in %s", b->func);
        }
        if (b->hits)
            x = tui_textf(c, r, x, y, TS_CHANGED, "  hit %u", b->hits);
        if (b->temporary)
            x = tui_text(c, r, x, y, "  temp", TS_DIM);
        if (b->cond[0])
            tui_textf(c, r, x, y, TS_PROMPT, "  if %s", b->cond);
        if (focused && i == s->cur)
            tui_restyle(c, r, r.x, y, r.w, TS_CURSOR, 0);
    }
}

static bool bp_key(tui_pane *p, tui_app *a, uint32_t key)
{
    bp_st *s = p->st;
    tm_model *m = tui_app_model(a);
    int n = (int)tm_bp_count(m);
    if (pu_nav(key, &s->cur, n, pu_inner(p).h))
        return true;
    const tm_bp *b = s->cur < n ? tm_bp_get(m, (size_t)s->cur) : NULL;
    char cmd[700];
    switch (key) {
    case ' ':
        if (b) {
            snprintf(cmd, sizeof cmd, "%s %d", b->enabled ? "disable" : "enable", b->id);
            tui_app_command(a, cmd);
        }
        return true;
    case TK_DELETE: case 'D':
        if (b) {
            snprintf(cmd, sizeof cmd, "delete %d", b->id);
            tui_app_command(a, cmd);
        }
        return true;
    case 'e':
        if (b) {
            snprintf(cmd, sizeof cmd, "condition %d %s", b->id, b->cond);
            tui_app_prompt(a, ":", cmd, PROMPT_CMD);
        }
        return true;
    case TK_ENTER:
        if (b && b->file[0]) {
            tui_source_show(tui_app_pane(a, P_SOURCE), a, b->file, b->line);
            tui_app_focus(a, P_SOURCE);
        }
        return true;
    default:
        return false;
    }
}

static bool bp_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    bp_st *s = p->st;
    tui_rect r = pu_inner(p);
    (void)button;
    if (y < r.y)
        return true;
    int i = s->top + (y - r.y);
    if (i < (int)tm_bp_count(tui_app_model(a))) {
        s->cur = i;
        if (x >= r.x + 3 && x <= r.x + 4)
            bp_key(p, a, ' ');
    }
    return true;
}

void tui_panes_vars(tui_pane *loc, tui_pane *stk, tui_pane *mem, tui_pane *bps);
void tui_panes_vars(tui_pane *loc, tui_pane *stk, tui_pane *mem, tui_pane *bps)
{
    *loc = (tui_pane){
        .name = "locals", .title = "Locals",
        .help = "j k\tmove\nEnter Space l h\texpand / collapse a struct or array\n"
                "Enter l on a pointer\tshow what it points to\nm\tfollow a pointer in the memory pane\n"
                "x\thex / decimal\n"
                "w\tadd a display (an expression shown at every stop)\nDel\tremove a display\nchanged values\tshown highlighted after a step",
        .init = loc_init, .resize = generic_resize, .key = loc_key, .draw = loc_draw,
        .mouse = loc_mouse, .fini = loc_fini,
    };
    *stk = (tui_pane){
        .name = "stack", .title = "Call stack",
        .help = "j k\tmove\nEnter click\tselect the frame (source, disassembly, locals follow)\n"
                "u d H\tframe up / down / back to the innermost",
        .init = stk_init, .resize = generic_resize, .key = stk_key, .draw = stk_draw,
        .mouse = stk_mouse, .fini = free_st,
    };
    *mem = (tui_pane){
        .name = "memory", .title = "Memory",
        .help = "hjkl arrows PgUp PgDn\tmove\ng\tgo to an address (:memory ADDR|EXPR)\n"
                "Enter\tfollow the pointer at the cursor (32-bit)\nBackspace\tgo back\n"
                "e\tedit in place (hex digits, Esc ends)\nchanged bytes\thighlighted after a step",
        .init = mem_init, .resize = generic_resize, .key = mem_key, .draw = mem_draw,
        .mouse = mem_mouse, .fini = free_st,
    };
    *bps = (tui_pane){
        .name = "breakpoints", .title = "Breakpoints",
        .help = "j k\tmove\nSpace\tenable / disable\nDel D\tdelete\ne\tedit the condition\n"
                "Enter\tshow in the source",
        .init = bp_init, .resize = generic_resize, .key = bp_key, .draw = bp_draw,
        .mouse = bp_mouse, .fini = free_st,
    };
}
