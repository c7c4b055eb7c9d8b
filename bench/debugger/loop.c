/* loop.c: a hot loop for bench/debugger: work() runs 4*10^8 iterations (over 10^8 wasm
 * instructions, about a second in the interpreter), the call `next` steps over. */
#include <stdio.h>

volatile int sink;

__attribute__((noinline)) void never_called(void) { sink = -1; }

__attribute__((noinline)) unsigned work(unsigned n)
{
    unsigned h = 2166136261u;
    for (unsigned i = 0; i < n; i++)
        h = (h ^ i) * 16777619u;
    sink = (int)h;
    return h;
}

int main(void)
{
    unsigned r = work(400000000);
    printf("%u\n", r);
    return 0;
}
