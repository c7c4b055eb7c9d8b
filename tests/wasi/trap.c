/* trap: output written before a trap is not lost; the trap ends the run with status 134,
 * "wasmdbg: trap: ..." and a backtrace naming the functions. */
#include <stdio.h>

__attribute__((noinline)) static void explode(int depth)
{
    if (depth == 0)
        __builtin_trap();
    explode(depth - 1);
    printf("unreachable %d\n", depth);
}

__attribute__((noinline)) int check_values(int v)
{
    printf("checking %d\n", v);
    fflush(stdout);
    if (v > 2)
        explode(2);
    return v;
}

int main(void)
{
    printf("before\n");
    for (int i = 0; i < 5; i++)
        check_values(i);
    return 0;
}
