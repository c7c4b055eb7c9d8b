/* valtree.c: parsing gdb-style aggregate values into a tree (see valtree.h). */
#include "valtree.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Index just past the quoted string starting at s[i] (a quote char). */
static size_t skip_quote(const char *s, size_t i, size_t n)
{
    char q = s[i++];
    while (i < n && s[i] != q) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        i++;
    }
    return i < n ? i + 1 : n;
}

/* The matching close brace of s[i] == '{', or n. */
static size_t match_brace(const char *s, size_t i, size_t n)
{
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            i = skip_quote(s, i, n);
            continue;
        }
        if (c == '{')
            depth++;
        else if (c == '}' && --depth == 0)
            return i;
        i++;
    }
    return n;
}

static int parse_into(tui_vnode *node, const char *name, size_t nlen, const char *t, size_t n)
{
    while (n > 0 && isspace((unsigned char)*t))
        t++, n--;
    while (n > 0 && isspace((unsigned char)t[n - 1]))
        n--;
    node->name = dupn(name, nlen);
    node->value = dupn(t, n);
    node->kids = NULL;
    node->nkids = 0;
    if (!node->name || !node->value)
        return -1;
    if (n < 2 || t[0] != '{' || match_brace(t, 0, n) != n - 1)
        return 0;
    /* split the inside at top-level commas */
    size_t i = 1, end = n - 1, idx = 0;
    while (i < end) {
        while (i < end && isspace((unsigned char)t[i]))
            i++;
        if (i >= end)
            break;
        size_t start = i;
        while (i < end && t[i] != ',') {
            if (t[i] == '"' || t[i] == '\'')
                i = skip_quote(t, i, end);
            else if (t[i] == '{')
                i = match_brace(t, i, end) + 1;
            else
                i++;
        }
        size_t elen = i - start;
        const char *e = t + start;
        /* "ident = value" or a bare element */
        size_t k = 0;
        while (k < elen && (isalnum((unsigned char)e[k]) || e[k] == '_'))
            k++;
        char ibuf[32];
        const char *mname = e;
        size_t mlen = k;
        const char *val = e;
        size_t vlen = elen;
        if (k > 0 && !isdigit((unsigned char)e[0]) && k + 3 <= elen && memcmp(e + k, " = ", 3) == 0) {
            val = e + k + 3;
            vlen = elen - k - 3;
        } else {
            snprintf(ibuf, sizeof ibuf, "[%zu]", idx);
            mname = ibuf;
            mlen = strlen(ibuf);
        }
        tui_vnode *nk = realloc(node->kids, (node->nkids + 1) * sizeof *nk);
        if (!nk)
            return -1;
        node->kids = nk;
        if (parse_into(&node->kids[node->nkids++], mname, mlen, val, vlen) != 0)
            return -1;
        idx++;
        if (i < end)
            i++; /* the comma */
    }
    return 0;
}

int tui_vparse(tui_vnode *root, const char *name, const char *text)
{
    memset(root, 0, sizeof *root);
    return parse_into(root, name, strlen(name), text, strlen(text));
}

void tui_vfree(tui_vnode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        tui_vfree(&n->kids[i]);
    free(n->kids);
    free(n->name);
    free(n->value);
    n->kids = NULL;
    n->nkids = 0;
    n->name = n->value = NULL;
}

const tui_vnode *tui_vfind(const tui_vnode *root, const char *path)
{
    const tui_vnode *cur = root;
    const char *p = path;
    while (*p && cur) {
        char part[64];
        size_t k = 0;
        if (*p == '.')
            p++;
        if (*p == '[') {
            while (*p && *p != ']' && k + 2 < sizeof part)
                part[k++] = *p++;
            if (*p == ']')
                part[k++] = *p++;
        } else {
            while (*p && *p != '.' && *p != '[' && k + 1 < sizeof part)
                part[k++] = *p++;
        }
        part[k] = '\0';
        const tui_vnode *next = NULL;
        for (size_t i = 0; i < cur->nkids; i++)
            if (strcmp(cur->kids[i].name, part) == 0) {
                next = &cur->kids[i];
                break;
            }
        cur = next;
    }
    return cur;
}
