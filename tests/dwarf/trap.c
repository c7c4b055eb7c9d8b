/* trap.c: traps three ways in nested calls, one of them through an inlined helper, for
 * trap.sh, which checks that `wasmdbg run`'s backtrace names each frame's file:line. The
 * comments "@NAME" mark the lines the backtrace must name. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static volatile int zero = 0;
static volatile unsigned far = 0x7ffffff0u;

__attribute__((noinline)) static int divide(int a, int b)
{
    return a / b; /* @div */
}

static inline __attribute__((always_inline)) int scaled(int v)
{
    return divide(v * 3, zero) + 1; /* @inl */
}

__attribute__((noinline)) static int average(int v)
{
    int r = scaled(v); /* @avg */
    return r / 2;
}

__attribute__((noinline)) static void halt(int depth)
{
    if (depth == 0)
        __builtin_trap(); /* @unr */
    halt(depth - 1); /* @rec */
}

__attribute__((noinline)) static int peek(void)
{
    return *(volatile int *)(uintptr_t)far; /* @oob */
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "";
    printf("trapping: %s\n", how);
    fflush(stdout);
    if (strcmp(how, "div") == 0)
        return average(argc); /* @main_div */
    if (strcmp(how, "unreachable") == 0)
        halt(2); /* @main_unr */
    if (strcmp(how, "oob") == 0)
        return peek(); /* @main_oob */
    return 0;
}
