/* steploop.c: next through a loop that -O2 inlines, unrolls and vectorises (the next_loop
 * case): every line of the loop is stopped at, not run past. */
#include <stdio.h>

struct shape {
    int sides;
    int lengths[6];
};

static int perimeter(const struct shape *s)
{
    int p = 0;
    for (int i = 0; i < s->sides; i++)
        p += s->lengths[i];
    return p;
}

int main(int argc, char **argv)
{
    (void)argv;
    /* sizes from argc: -O2 cannot compute the results at compile time */
    struct shape sq = { 3 + argc, { 2, 2, 2, 2 } };
    struct shape hex = { 5 + argc, { 1, 2, 3, 4, 5, 6 } };
    int a = perimeter(&sq);
    int b = perimeter(&hex);
    printf("%d %d\n", a, b);
    return 0;
}
