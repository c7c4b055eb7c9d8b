/* main_native.c: command-line driver for one benchmark core, used for the native build and
 * for the wasm32-wasi command build. BENCH_FN names the core (-DBENCH_FN=bench_fib).
 *
 *   <program> N     runs BENCH_FN(N) and prints the checksum as an unsigned decimal
 */
#include <stdio.h>
#include <stdlib.h>

#ifndef BENCH_FN
#error "compile with -DBENCH_FN=bench_<name>"
#endif

unsigned long long BENCH_FN(int n);

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    char *end;
    long n = strtol(argv[1], &end, 10);
    if (*end != '\0' || n < 0 || n > 1000000000L) {
        fprintf(stderr, "%s: bad N '%s'\n", argv[0], argv[1]);
        return 2;
    }
    printf("%llu\n", BENCH_FN((int)n));
    return 0;
}
