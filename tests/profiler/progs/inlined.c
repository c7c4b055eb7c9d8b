/* inlined.c: hot() and cold() inlined into main() (wasm32-wasi, -O1 or -O2, -g), printing
 * between rounds. clang leaves the first instructions of hot()'s loop, the loop header,
 * outside the inlined subroutine's range: they are main()'s (line 0). insns-mode samples
 * are taken where the instruction budget runs out, at the loop's back-edge, and were
 * attributed to the header it jumps to: hot()'s time went to main(). They now go to the
 * branch that closes the loop, which is hot()'s. */
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
