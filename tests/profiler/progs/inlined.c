/* inlined.c: hot() and cold() inlined into main(), printing between rounds (wasm32-wasi).
 * clang puts the first instructions of hot()'s loop (its header) outside the inlined
 * subroutine's range, in main(): samples taken at the loop's back-edge safepoint gave
 * hot()'s time to main(). */
#include <stdio.h>

static unsigned hot(unsigned n)
{
    unsigned s = 0;
    for (unsigned i = 0; i < n; i++)
        s = s * 31 + i;
    return s;
}

static unsigned cold(unsigned n)
{
    unsigned s = 0;
    for (unsigned i = 0; i < n; i++)
        s ^= i;
    return s;
}

int main(int argc, char **argv)
{
    (void)argv;
    unsigned n = argc > 1 ? 3000000u : 300000u, t = 0;
    for (int k = 0; k < 40; k++) {
        t += hot(n);
        t += cold(n / 10);
        printf("round %d %u\n", k, t);
    }
    return 0;
}
