/* shapes.c: the TUI demo program (WASI; built with clang --target=wasm32-wasi -g -O0).
 * Structs, arrays, pointers and recursion to look at in the debugger.
 *   shapes.wasm            prints the shapes and their perimeters
 *   shapes.wasm --divide   then divides by zero (a trap)
 *   shapes.wasm --escape   writes terminal escape sequences (the TUI must show them inert)
 */
#include <stdio.h>
#include <string.h>

struct point {
    int x, y;
};

struct shape {
    const char *name;
    struct point pos;
    int sides;
    int lengths[4];
    struct shape *next;
};

static int perimeter(const struct shape *s)
{
    int p = 0;
    for (int i = 0; i < s->sides; i++)
        p += s->lengths[i];
    return p;
}

static int chain_length(const struct shape *s)
{
    if (!s)
        return 0;
    return 1 + chain_length(s->next);
}

static void move(struct shape *s, int dx, int dy)
{
    s->pos.x += dx;
    s->pos.y += dy;
}

int main(int argc, char **argv)
{
    struct shape tri = { "triangle", { 1, 2 }, 3, { 3, 4, 5, 0 }, NULL };
    struct shape sq = { "square", { 10, 20 }, 4, { 2, 2, 2, 2 }, &tri };
    struct shape *list = &sq;
    int total = 0;
    for (struct shape *s = list; s; s = s->next) {
        move(s, 1, 1);
        total += perimeter(s);
        printf("%s at (%d,%d): perimeter %d\n", s->name, s->pos.x, s->pos.y, perimeter(s));
    }
    printf("chain length %d, total %d\n", chain_length(list), total);
    if (argc > 1 && strcmp(argv[1], "--escape") == 0)
        printf("\033[2J\033[H\033[31mthis text tried to clear the screen\033[0m\n");
    if (argc > 1 && strcmp(argv[1], "--divide") == 0) {
        volatile int zero = 0;
        printf("%d\n", total / zero);
    }
    return 0;
}
