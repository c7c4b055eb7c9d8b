/* pane_source.c: the source pane and the disassembly pane. */
#define _GNU_SOURCE   /* memmem */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane_util.h"

/* ------------------------------------------------------------ source */

typedef struct src_st {
    const char *file;   /* DWARF path (owned by the model) */
    int cur;            /* cursor line, 0-based */
    int top;
    int hscroll;
    uint64_t seq;
    bool seen;
} src_st;

static void src_init(tui_pane *p, tui_app *a)
{
    (void)a;
    p->st = calloc(1, sizeof(src_st));
}

static void src_resize(tui_pane *p, tui_rect r) { p->rect = r; }

static void src_fini(tui_pane *p) { free(p->st); }

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

void tui_source_show(tui_pane *p, tui_app *a, const char *file, uint32_t line)
{
    src_st *s = p->st;
    (void)a;
    s->file = file;
    s->cur = line > 0 ? (int)line - 1 : 0;
    int h = pu_inner(p).h;
    if (s->cur < s->top || s->cur >= s->top + h)
        s->top = s->cur - h / 3;
    if (s->top < 0)
        s->top = 0;
}

bool tui_source_cursor(tui_pane *p, const char **file, uint32_t *line)
{
    src_st *s = p->st;
    if (!s->file)
        return false;
    *file = s->file;
    *line = (uint32_t)s->cur + 1;
    return true;
}

static void follow_stop(tui_pane *p, tui_app *a)
{
    src_st *s = p->st;
    tm_model *m = tui_app_model(a);
    uint64_t seq = tm_stop_seq(m);
    if (s->seen && seq == s->seq)
        return;
    s->seen = true;
    s->seq = seq;
    tm_loc l;
    if (tm_view_loc(m, &l) && l.file[0])
        tui_source_show(p, a, l.file, l.line);
    else if (tm_view_loc(m, &l))
        s->file = NULL; /* no line info here: the pane says so */
}

static bool is_kw(const char *w, size_t n)
{
    static const char *const kws[] = {
        "if", "else", "for", "while", "do", "return", "struct", "union", "enum", "typedef",
        "static", "const", "int", "char", "void", "unsigned", "signed", "long", "short",
        "float", "double", "switch", "case", "break", "continue", "default", "sizeof",
        "#include", "#define", "bool", "uint8_t", "uint32_t", "int32_t", "uint64_t", "size_t",
        "fn", "let", "mut", "pub", "impl", "use", "goto", "extern", "inline", NULL,
    };
    for (int i = 0; kws[i]; i++)
        if (strlen(kws[i]) == n && memcmp(kws[i], w, n) == 0)
            return true;
    return false;
}

/* Draws one source line with light C-like highlighting; returns nothing. */
static void draw_code(tui_canvas *c, tui_rect r, int x, int y, const char *t, size_t n, int hscroll,
                      const char *search)
{
    /* expand tabs, apply horizontal scroll, then colour by token */
    char line[2048];
    size_t k = 0;
    int col = 0;
    for (size_t i = 0; i < n && k + 8 < sizeof line; i++) {
        if (t[i] == '\t') {
            do {
                if (col >= hscroll)
                    line[k++] = ' ';
                col++;
            } while (col % 8);
        } else {
            if (col >= hscroll || (t[i] & 0xc0) == 0x80)
                line[k++] = t[i];
            if ((t[i] & 0xc0) != 0x80)
                col++;
        }
    }
    line[k] = '\0';
    int sx = x;
    size_t i = 0;
    while (i < k) {
        size_t j = i;
        int st = TS_NORMAL;
        if (line[i] == '/' && line[i + 1] == '/') {
            j = k;
            st = TS_COMMENT;
        } else if (line[i] == '/' && line[i + 1] == '*') {
            const char *e = strstr(line + i + 2, "*/");
            j = e ? (size_t)(e - line) + 2 : k;
            st = TS_COMMENT;
        } else if (line[i] == '"' || line[i] == '\'') {
            char q = line[i];
            j = i + 1;
            while (j < k && line[j] != q) {
                if (line[j] == '\\' && j + 1 < k)
                    j++;
                j++;
            }
            if (j < k)
                j++;
            st = TS_STRING;
        } else if (isdigit((unsigned char)line[i])) {
            while (j < k && (isalnum((unsigned char)line[j]) || line[j] == '.'))
                j++;
            st = TS_NUMBER;
        } else if (isalpha((unsigned char)line[i]) || line[i] == '_' || line[i] == '#') {
            j = i + 1;
            while (j < k && (isalnum((unsigned char)line[j]) || line[j] == '_'))
                j++;
            st = is_kw(line + i, j - i) ? TS_KEYWORD : TS_NORMAL;
        } else {
            j = i + 1;
        }
        x = tui_textn(c, r, x, y, line + i, j - i, st);
        i = j;
    }
    if (search && *search) {
        size_t sl = strlen(search);
        for (const char *f = strstr(line, search); f; f = strstr(f + 1, search)) {
            char pre[2048];
            snprintf(pre, sizeof pre, "%.*s", (int)(f - line), line);
            tui_restyle(c, r, sx + tui_strwidth(pre), y, (int)sl, TS_MATCH, 0);
        }
    }
}

static void src_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    src_st *s = p->st;
    tm_model *m = tui_app_model(a);
    follow_stop(p, a);
    char title[300];
    snprintf(title, sizeof title, "1 Source%s%s", s->file ? ": " : "", s->file ? base_name(s->file) : "");
    tui_box(c, p->rect, title, focused);
    tui_rect r = pu_inner(p);
    if (r.w <= 0 || r.h <= 0)
        return;
    const tm_source *src = s->file ? tm_source_get(m, s->file) : NULL;
    if (!src || !src->data) {
        int y = r.y;
        if (s->file) {
            tui_textf(c, r, r.x + 1, y++, TS_ERROR, "source file not found:");
            tui_textf(c, r, r.x + 1, y++, TS_DIM, "%s", s->file);
        } else {
            tui_text(c, r, r.x + 1, y++, "no source for this location (no DWARF line info)", TS_DIM);
        }
        tui_text(c, r, r.x + 1, y + 1, "the disassembly (2) shows where the program is", TS_NORMAL);
        return;
    }
    int nl = (int)src->nlines;
    if (s->cur >= nl)
        s->cur = nl > 0 ? nl - 1 : 0;
    pu_scroll_fit(&s->top, s->cur, r.h);
    if (s->top > nl - 1)
        s->top = nl > 0 ? nl - 1 : 0;
    tm_loc here;
    bool paused = (tm_get_state(m) == TM_PAUSED || tm_get_state(m) == TM_TRAPPED) && tm_view_loc(m, &here) &&
                  here.file[0] && strcmp(here.file, s->file) == 0;
    char num[16];
    int digits = snprintf(num, sizeof num, "%d", nl);
    if (digits < 3)
        digits = 3;
    int heat = tui_heat_width(a, s->file);   /* the profile's per-line share, if any */
    int gut = 2 + digits + 1 + heat;
    const char *search = tui_app_search(a);
    for (int row = 0; row < r.h; row++) {
        int ln = s->top + row;
        int y = r.y + row;
        if (ln >= nl)
            break;
        uint32_t line = (uint32_t)ln + 1;
        bool cur_line = paused && here.line == line;
        int fl = tm_bp_line_flags(m, s->file, line);
        if (fl) {
            uint32_t mk = (fl & TM_BP_LINE_COND) ? 0x25c6 : (fl & TM_BP_LINE_ON) ? 0x25cf : 0x25cb;
            if ((fl & TM_BP_LINE_HIT) && (fl & TM_BP_LINE_ON) && !(fl & TM_BP_LINE_COND))
                mk = 0x25c9;
            char mb[8] = { 0 };
            tui_utf8_encode(mk, mb);
            tui_text(c, r, r.x, y, mb, (fl & TM_BP_LINE_ON) ? TS_BP : TS_BP_OFF);
        }
        if (cur_line)
            tui_text(c, r, r.x + 1, y, ">", TS_CURLINE);
        tui_textf(c, r, r.x + 2, y, cur_line ? TS_CURLINE : TS_LINENO, "%*u ", digits, line);
        if (heat)
            tui_heat_draw(a, c, r, r.x + 2 + digits + 1, y, line);
        size_t start = src->starts[ln];
        size_t end = ln + 1 < nl ? src->starts[ln + 1] : src->size;
        while (end > start && (src->data[end - 1] == '\n' || src->data[end - 1] == '\r'))
            end--;
        if (end - start > 4000)
            end = start + 4000;
        tui_rect tr = { r.x + gut, r.y, r.w - gut, r.h };
        draw_code(c, tr, r.x + gut, y, src->data + start, end - start, s->hscroll, search);
        if (cur_line) {
            tui_restyle(c, (tui_rect){ r.x + 1, y, r.w - 1, 1 }, r.x + 1, y, r.w - 1, TS_CURLINE, 0);
            if (here.column > 0) {
                int cx = r.x + gut + (int)here.column - 1 - s->hscroll;
                if (cx >= r.x + gut)
                    tui_restyle(c, r, cx, y, 1, TS_CURLINE, TC_UNDERLINE | TC_BOLD);
            }
        } else if (focused && ln == s->cur) {
            tui_restyle(c, (tui_rect){ r.x + 1, y, r.w - 1, 1 }, r.x + gut, y, r.w - gut, TS_CURSOR, 0);
        }
        if (ln == s->cur && focused)
            tui_text(c, r, r.x + 1, y, cur_line ? ">" : "-", cur_line ? TS_CURLINE : TS_CURSOR);
    }
}

/* The line holding byte offset off. */
static int line_of(const tm_source *src, size_t off)
{
    int lo = 0, hi = (int)src->nlines - 1;
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (src->starts[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static bool find_text(const tm_source *src, int from, int dir, const char *needle, int *out)
{
    int nl = (int)src->nlines;
    if (!needle || !*needle || nl == 0)
        return false;
    if (dir > 0 && !strchr(needle, '\n')) {
        /* forward: one memmem over the rest of the file, then from the top */
        size_t n = strlen(needle);
        size_t at = from + 1 < nl ? src->starts[from + 1] : src->size;
        const char *f = memmem(src->data + at, src->size - at, needle, n);
        if (!f)
            f = memmem(src->data, at + n - 1 < src->size ? at + n - 1 : src->size, needle, n);
        if (!f)
            return false;
        *out = line_of(src, (size_t)(f - src->data));
        return true;
    }
    for (int i = 1; i <= nl; i++) {
        int ln = ((from + dir * i) % nl + nl) % nl;
        size_t start = src->starts[ln];
        size_t end = ln + 1 < nl ? src->starts[ln + 1] : src->size;
        size_t n = strlen(needle);
        for (size_t k = start; k + n <= end; k++)
            if (memcmp(src->data + k, needle, n) == 0) {
                *out = ln;
                return true;
            }
    }
    return false;
}

static bool src_key(tui_pane *p, tui_app *a, uint32_t key)
{
    src_st *s = p->st;
    tm_model *m = tui_app_model(a);
    const tm_source *src = s->file ? tm_source_get(m, s->file) : NULL;
    int nl = src && src->data ? (int)src->nlines : 0;
    int h = pu_inner(p).h;
    if (pu_nav(key, &s->cur, nl, h)) {
        pu_scroll_fit(&s->top, s->cur, h);
        return true;
    }
    switch (key) {
    case 'l': case TK_RIGHT: s->hscroll += 4; return true;
    case 'h': case TK_LEFT: s->hscroll = s->hscroll > 4 ? s->hscroll - 4 : 0; return true;
    case ' ': {
        char cmd[600];
        if (!s->file)
            return true;
        snprintf(cmd, sizeof cmd, "toggle %s:%d", s->file, s->cur + 1);
        tui_app_command(a, cmd);
        return true;
    }
    case '/': case TK_F(3):
        if (key == TK_F(3) && tui_app_search(a)[0]) {
            int ln;
            if (src && src->data && find_text(src, s->cur, 1, tui_app_search(a), &ln))
                tui_source_show(p, a, s->file, (uint32_t)ln + 1);
            return true;
        }
        tui_app_prompt(a, "/", "", PROMPT_SEARCH);
        return true;
    case '.': case ',': {
        int ln;
        if (!src || !src->data)
            return true;
        if (find_text(src, s->cur, key == '.' ? 1 : -1, tui_app_search(a), &ln))
            tui_source_show(p, a, s->file, (uint32_t)ln + 1);
        else
            tui_app_message(a, TS_ERROR, "Pattern not found: %s", tui_app_search(a));
        return true;
    }
    case 'o':
        tui_app_prompt(a, ":", "open ", PROMPT_CMD);
        return true;
    case TK_ENTER: {
        tm_loc l;
        if (tm_view_loc(m, &l) && l.file[0])
            tui_source_show(p, a, l.file, l.line);
        return true;
    }
    default:
        return false;
    }
}

/* Called by the app after `/` search is entered. */
void tui_source_search(tui_pane *p, tui_app *a);
void tui_source_search(tui_pane *p, tui_app *a)
{
    src_st *s = p->st;
    const tm_source *src = s->file ? tm_source_get(tui_app_model(a), s->file) : NULL;
    int ln;
    if (src && src->data && find_text(src, s->cur, 1, tui_app_search(a), &ln))
        tui_source_show(p, a, s->file, (uint32_t)ln + 1);
    else
        tui_app_message(a, TS_ERROR, "Pattern not found: %s", tui_app_search(a));
}

static bool src_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    src_st *s = p->st;
    tui_rect r = pu_inner(p);
    if (button == TM_WHEEL_UP || button == TM_WHEEL_DOWN) {
        s->top += button == TM_WHEEL_UP ? -3 : 3;
        if (s->top < 0)
            s->top = 0;
        if (s->cur < s->top)
            s->cur = s->top;
        if (s->cur >= s->top + r.h)
            s->cur = s->top + r.h - 1;
        return true;
    }
    if (y < r.y || y >= r.y + r.h || !s->file)
        return false;
    s->cur = s->top + (y - r.y);
    if (button == TM_LEFT && x <= r.x + 1) { /* the gutter: toggle a breakpoint */
        char cmd[600];
        snprintf(cmd, sizeof cmd, "toggle %s:%d", s->file, s->cur + 1);
        tui_app_command(a, cmd);
    }
    return true;
}

/* ------------------------------------------------------------ disassembly */

typedef struct dis_row { int insn; uint32_t srcline; } dis_row;

typedef struct dis_st {
    uint32_t func;
    bool have;
    dis_row *rows;
    int nrows;
    int cur, top;
    uint64_t seq;
    bool seen;
    const char *file;
} dis_st;

static void dis_init(tui_pane *p, tui_app *a)
{
    (void)a;
    p->st = calloc(1, sizeof(dis_st));
}

static void dis_fini(tui_pane *p)
{
    dis_st *s = p->st;
    if (s)
        free(s->rows);
    free(s);
}

static void dis_load(dis_st *s, tm_model *m, uint32_t func, const char *file)
{
    const tm_asm_line *lines;
    size_t n = tm_disasm(m, func, &lines);
    free(s->rows);
    s->rows = calloc(2 * n + 1, sizeof *s->rows);
    s->nrows = 0;
    s->func = func;
    s->have = true;
    s->file = file;
    for (size_t i = 0; i < n && s->rows; i++) {
        if (lines[i].line)
            s->rows[s->nrows++] = (dis_row){ (int)i, lines[i].line };
        s->rows[s->nrows++] = (dis_row){ (int)i, 0 };
    }
}

static void dis_follow(tui_pane *p, tui_app *a)
{
    dis_st *s = p->st;
    tm_model *m = tui_app_model(a);
    uint64_t seq = tm_stop_seq(m);
    if (s->seen && seq == s->seq)
        return;
    s->seen = true;
    s->seq = seq;
    tm_loc l;
    if (!tm_view_loc(m, &l))
        return;
    dis_load(s, m, l.funcidx, l.file);
    const tm_asm_line *lines;
    tm_disasm(m, l.funcidx, &lines);
    for (int i = 0; i < s->nrows; i++)
        if (s->rows[i].srcline == 0 && lines[s->rows[i].insn].offset <= l.offset)
            s->cur = i;
    int h = pu_inner(p).h;
    if (s->cur < s->top || s->cur >= s->top + h)
        s->top = s->cur - h / 3;
    if (s->top < 0)
        s->top = 0;
}

static void dis_draw(tui_pane *p, tui_app *a, tui_canvas *c, bool focused)
{
    dis_st *s = p->st;
    tm_model *m = tui_app_model(a);
    dis_follow(p, a);
    tm_loc l;
    bool have_loc = tm_view_loc(m, &l);
    char title[200];
    /* a note when the line table names a file that cannot be read */
    const tm_source *src = have_loc && l.file[0] ? tm_source_get(m, l.file) : NULL;
    const char *base = have_loc ? strrchr(l.file, '/') : NULL;
    snprintf(title, sizeof title, "2 Disassembly%s%s%s%s%s", have_loc ? ": " : "", have_loc ? l.func : "",
             src && !src->data ? " (source not found: " : "", src && !src->data ? (base ? base + 1 : l.file) : "",
             src && !src->data ? ")" : "");
    tui_box(c, p->rect, title, focused);
    tui_rect r = pu_inner(p);
    if (!s->have || r.h <= 0) {
        tui_text(c, r, r.x + 1, r.y, "no function", TS_DIM);
        return;
    }
    const tm_asm_line *lines;
    tm_disasm(m, s->func, &lines);
    bool paused = tm_get_state(m) == TM_PAUSED || tm_get_state(m) == TM_TRAPPED;
    pu_scroll_fit(&s->top, s->cur, r.h);
    for (int row = 0; row < r.h; row++) {
        int i = s->top + row;
        int y = r.y + row;
        if (i >= s->nrows)
            break;
        const dis_row *dr = &s->rows[i];
        const tm_asm_line *al = &lines[dr->insn];
        if (dr->srcline) {
            const tm_source *src = s->file ? tm_source_get(m, s->file) : NULL;
            char text[300] = "";
            if (src && src->data && dr->srcline <= src->nlines) {
                size_t st = src->starts[dr->srcline - 1];
                size_t en = dr->srcline < src->nlines ? src->starts[dr->srcline] : src->size;
                while (en > st && (src->data[en - 1] == '\n' || src->data[en - 1] == '\r'))
                    en--;
                snprintf(text, sizeof text, "%.*s", (int)(en - st > 200 ? 200 : en - st), src->data + st);
            }
            int x = tui_textf(c, r, r.x + 1, y, TS_LINENO, "%5u: ", dr->srcline);
            tui_text(c, r, x, y, text, TS_COMMENT);
            continue;
        }
        bool cur = paused && have_loc && al->offset == l.offset;
        uint32_t addr = (uint32_t)(al->offset - (l.offset - l.addr));
        for (size_t b = 0; b < tm_bp_count(m); b++) {
            const tm_bp *bp = tm_bp_get(m, b);
            if (bp->addr == addr)
                tui_text(c, r, r.x, y, bp->enabled ? "\u25cf" : "\u25cb", bp->enabled ? TS_BP : TS_BP_OFF);
        }
        if (cur)
            tui_text(c, r, r.x + 1, y, ">", TS_CURLINE);
        int x = tui_textf(c, r, r.x + 2, y, cur ? TS_CURLINE : TS_DIM, "%06x  ", addr);
        x = tui_textf(c, r, x, y, TS_NORMAL, "%*s", 2 * al->depth, "");
        const char *sp = strchr(al->text, ' ');
        size_t mn = sp ? (size_t)(sp - al->text) : strlen(al->text);
        x = tui_textn(c, r, x, y, al->text, mn, TS_KEYWORD);
        if (sp)
            tui_text(c, r, x, y, sp, TS_NUMBER);
        if (cur)
            tui_restyle(c, r, r.x + 1, y, r.w - 1, TS_CURLINE, 0);
        else if (focused && i == s->cur)
            tui_restyle(c, r, r.x + 2, y, r.w - 2, TS_CURSOR, 0);
    }
}

static bool dis_key(tui_pane *p, tui_app *a, uint32_t key)
{
    dis_st *s = p->st;
    int h = pu_inner(p).h;
    if (pu_nav(key, &s->cur, s->nrows, h)) {
        pu_scroll_fit(&s->top, s->cur, h);
        return true;
    }
    if ((key == ' ' || key == TK_ENTER) && s->have && s->cur < s->nrows) {
        tm_model *m = tui_app_model(a);
        const tm_asm_line *lines;
        tm_disasm(m, s->func, &lines);
        tm_loc l;
        if (!tm_view_loc(m, &l))
            return true;
        uint32_t addr = (uint32_t)(lines[s->rows[s->cur].insn].offset - (l.offset - l.addr));
        char cmd[64];
        snprintf(cmd, sizeof cmd, "break *0x%x", addr);
        tui_app_command(a, cmd);
        return true;
    }
    return false;
}

static bool dis_mouse(tui_pane *p, tui_app *a, int x, int y, int button)
{
    dis_st *s = p->st;
    (void)a;
    (void)x;
    tui_rect r = pu_inner(p);
    if (button == TM_WHEEL_UP || button == TM_WHEEL_DOWN) {
        s->cur += button == TM_WHEEL_UP ? -3 : 3;
        if (s->cur < 0)
            s->cur = 0;
        if (s->cur >= s->nrows)
            s->cur = s->nrows - 1;
        return true;
    }
    if (y >= r.y && y < r.y + r.h && s->top + (y - r.y) < s->nrows)
        s->cur = s->top + (y - r.y);
    return true;
}

void tui_panes_source(tui_pane *src, tui_pane *dis);
void tui_panes_source(tui_pane *src, tui_pane *dis)
{
    *src = (tui_pane){
        .name = "source", .title = "Source",
        .help = "j k / arrows\tmove\nCtrl-d Ctrl-u PgDn PgUp\tpage\ng G\ttop / bottom\nh l\tscroll sideways\n"
                "Space F9 b\ttoggle breakpoint on the cursor line\nt\trun to the cursor line\n"
                "/ F3\tsearch; . next, , previous\no\topen a file\nEnter\tback to the current line\n"
                "click gutter\ttoggle breakpoint",
        .init = src_init, .resize = src_resize, .key = src_key, .draw = src_draw,
        .mouse = src_mouse, .fini = src_fini,
    };
    *dis = (tui_pane){
        .name = "disasm", .title = "Disassembly",
        .help = "j k / arrows\tmove\nSpace Enter\tbreakpoint at the instruction\nN S\tinstruction next / step",
        .init = dis_init, .resize = src_resize, .key = dis_key, .draw = dis_draw,
        .mouse = dis_mouse, .fini = dis_fini,
    };
}
