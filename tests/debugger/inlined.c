/* inlined.c: a static function that -O2 inlines into two callers (the inline case):
 * breakpoints on every copy, backtraces through them, finish out of an inlined frame. */
#include <stdio.h>

static inline int twice(int v)
{
    int r = v * 2;
    return r + 1;
}

__attribute__((noinline)) int left(int x)
{
    return twice(x) + 3;
}

__attribute__((noinline)) int right(int x)
{
    return twice(x * 5) - 1;
}

int main(int argc, char **argv)
{
    (void)argv;
    printf("%d %d\n", left(argc), right(argc));
    return 0;
}
