/* loop.c: a hot loop (~10^8 wasm instructions) for bench/debugger/run.sh. */
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
    unsigned r = work(12000000);
    printf("%u\n", r);
    return 0;
}
