/* complete.c: Tab completion for every front end's command line (the CLI's line editor, the
 * TUI's `:` line): the word being typed is a command, an `info` subcommand, a function (after
 * a command that takes a location) or a variable visible in the selected frame or globally
 * (after one that takes an expression). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_int.h"

typedef struct cands {
    char **v;
    size_t n, max;
    const char *prefix;
    size_t plen;
} cands;

static void add(cands *c, const char *word)
{
    if (!word || strncmp(word, c->prefix, c->plen) != 0 || c->n >= c->max)
        return;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i], word))
            return;
    char *w = dbg_strdup(word);
    if (w)
        c->v[c->n++] = w;
}

static void add_words(cands *c, const char *list)   /* space-separated */
{
    char w[64];
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " ");
        if (n && n < sizeof w) {
            memcpy(w, p, n);
            w[n] = '\0';
            add(c, w);
        }
        p += n;
        while (*p == ' ')
            p++;
    }
}

static bool add_func(void *user, const wd_dw_func *f)
{
    cands *c = user;
    add(c, dbg_display_name(f->name));
    return c->n < c->max;
}

static void add_vars(wd_dbg *s, cands *c)
{
    if (!s->dw)
        return;
    enum { MAXV = 512 };
    const wd_dw_var **vs = malloc(MAXV * sizeof *vs);
    if (!vs)
        return;
    const dbg_vframe *f = dbg_running(s) || s->ps == PS_TRAPPED ? dbg_selected(s) : NULL;
    if (f && f->has_dw) {
        size_t n = wd_dwarf_vars_at(s->dw, f->addr, f->inl, vs, MAXV);
        for (size_t i = 0; i < n && i < MAXV; i++)
            add(c, wd_dw_var_name(vs[i]));
    }
    size_t n = wd_dwarf_globals(s->dw, vs, MAXV);
    for (size_t i = 0; i < n && i < MAXV; i++)
        add(c, wd_dw_var_name(vs[i]));
    free(vs);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t wd_dbg_complete(wd_dbg *s, const char *line, char **out, size_t max, size_t *word_at)
{
    size_t len = strlen(line), at = len;
    while (at > 0 && (isalnum((unsigned char)line[at - 1]) || line[at - 1] == '_' ||
                      line[at - 1] == '-'))
        at--;
    *word_at = at;
    cands c = { out, 0, max, line + at, len - at };
    const char *first = dbg_skip_ws(line);
    size_t flen = strcspn(first, " /");
    if (first + flen >= line + at) {   /* the command itself (aliases are its short forms) */
        for (size_t i = 0; i < dbg_ncommands; i++)
            add(&c, dbg_commands[i].name);
    } else {
        char name[32], err[128];
        snprintf(name, sizeof name, "%.*s", (int)(flen < 31 ? flen : 31), first);
        const dbg_command *cmd = dbg_find_command(name, err, sizeof err);
        dbg_cmd_fn fn = cmd ? cmd->fn : NULL;
        const char *rest = dbg_skip_ws(first + flen);
        bool member = at > 0 && (line[at - 1] == '.' || line[at - 1] == '>');
        /* the word after the subcommand: `info line`, `info symbol`, `frame function` */
        size_t sublen = strcspn(rest, " ");
        const char *subarg = rest[sublen] ? dbg_skip_ws(rest + sublen) : NULL;
        bool info_sub = fn == cmd_info && subarg && !strchr(subarg, ' ');
        if (fn == cmd_info && !strchr(rest, ' ')) {
            add_words(&c, dbg_info_names);
        } else if (fn == cmd_frame && !strchr(rest, ' ')) {
            add_words(&c, "level function");
        } else if (member) {
            /* members of a struct are not completed (the variable's type is not known here) */
        } else if ((fn == cmd_frame && sublen == 8 && !strncmp(rest, "function", 8)) ||
                   (info_sub && sublen >= 2 && !strncmp(rest, "line", sublen))) {
            if (s->dw)
                wd_dwarf_each_func(s->dw, add_func, &c);
        } else if (info_sub && sublen >= 2 && !strncmp(rest, "symbol", sublen)) {
            if (s->dw)
                wd_dwarf_each_func(s->dw, add_func, &c);
            add_vars(s, &c);
        } else if (fn == cmd_info || fn == cmd_frame) {
            /* the other info subcommands and frame levels take nothing to complete */
        } else if (fn == cmd_break || fn == cmd_tbreak || fn == cmd_until || fn == cmd_advance ||
                   fn == cmd_list || fn == cmd_disassemble) {
            if (s->dw)
                wd_dwarf_each_func(s->dw, add_func, &c);
        } else if (fn == cmd_print || fn == cmd_output || fn == cmd_display || fn == cmd_watch ||
                   fn == cmd_rwatch || fn == cmd_awatch || fn == cmd_ptype || fn == cmd_whatis ||
                   fn == cmd_x || fn == cmd_set || fn == cmd_find || fn == cmd_condition) {
            add_vars(s, &c);
        }
    }
    qsort(c.v, c.n, sizeof *c.v, cmp);
    return c.n;
}

char *wd_dbg_complete_apply(wd_dbg *s, const char *line, char **list)
{
    enum { MAXC = 256 };
    char *v[MAXC];
    size_t at, n = wd_dbg_complete(s, line, v, MAXC, &at);
    *list = NULL;
    char *res = NULL;
    if (n) {
        /* the longest common prefix; a single candidate gets a blank after it */
        size_t common = strlen(v[0]);
        for (size_t i = 1; i < n; i++) {
            size_t k = 0;
            while (k < common && v[i][k] == v[0][k])
                k++;
            common = k;
        }
        size_t word = strlen(line) - at;
        if (n == 1 || common > word) {
            res = malloc(at + common + 2);
            if (res)
                snprintf(res, at + common + 2, "%.*s%.*s%s", (int)at, line, (int)common, v[0],
                         n == 1 ? " " : "");
        } else {
            dbg_buf b = {0};
            for (size_t i = 0; i < n; i++)
                dbuf_printf(&b, "%s%s", i ? "  " : "", v[i]);
            *list = b.p;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    return res;
}
