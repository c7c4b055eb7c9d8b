/* fused.c: memory updates the engine runs as superinstructions at -O2
 * (read-modify-write of a double, indexed stores); the watch_fused case. */
#include <stdio.h>

volatile double dsum;
int hist[8];

__attribute__((noinline)) static void fill(const double *xs, int n)
{
    for (int i = 0; i < n; i++) {
        dsum += xs[i];
        hist[n - i] = i + 1;
    }
}

int main(int argc, char **argv)
{
    (void)argv;
    double xs[4] = { 0.5, 1.5, 2.5, 3.5 };
    fill(xs, argc + 3);
    printf("dsum=%g hist[1]=%d\n", dsum, hist[1]);
    return 0;
}
