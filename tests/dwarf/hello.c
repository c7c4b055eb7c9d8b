/* hello.c: a WASI test program (wasi-libc's DWARF 4 units mixed with ours). */
#include <stdio.h>
#include <string.h>

#include "shapes.h"

static struct point pts[3] = {{0, 0, "zero"}, {3, 4, "three-four"}, {-1, 1, "minus"}};

int main(int argc, char **argv)
{
    char buf[64];
    int best = 0;
    pts[1].x += argc;   /* keeps the loop from being folded at -O2 */
    for (int i = 0; i < 3; i++) {
        int d = dist2(&pts[0], &pts[i]);
        if (d > best)
            best = d;
    }
    snprintf(buf, sizeof buf, "%d %s %d", argc, argv[0], best);
    puts(buf);
    return (int)strlen(buf) > 100;
}
