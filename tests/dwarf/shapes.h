/* shapes.h: inline helpers in a header, so inlined frames come from another file. */
#ifndef SHAPES_H
#define SHAPES_H

struct point {
    int x, y;
    const char *name;
};

static inline int sq(int v)
{
    return v * v;
}

static inline int dist2(const struct point *a, const struct point *b)
{
    int dx = a->x - b->x;
    int dy = a->y - b->y;
    return sq(dx) + sq(dy);
}

#endif
