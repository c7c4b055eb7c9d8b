/* valtree.h: gdb-style value text ("{x = 1, p = {a = 2}, v = {1, 2}}") as a tree, so the
 * locals pane can expand and collapse structs and arrays. */
#ifndef WD_TUI_VALTREE_H
#define WD_TUI_VALTREE_H

#include <stddef.h>

typedef struct tui_vnode {
    char *name;                /* member name, "[i]" for array elements */
    char *value;               /* the whole value text */
    struct tui_vnode *kids;    /* members when value is a {...} aggregate */
    size_t nkids;
} tui_vnode;

/* Parses text into *root (name copied from `name`). Always succeeds unless out of memory
 * (then returns -1); text that is not an aggregate becomes a leaf. */
int tui_vparse(tui_vnode *root, const char *name, const char *text);
void tui_vfree(tui_vnode *n);
/* Finds a member by a path like "p.x" or "v[2]" below root; NULL if absent. */
const tui_vnode *tui_vfind(const tui_vnode *root, const char *path);

#endif
