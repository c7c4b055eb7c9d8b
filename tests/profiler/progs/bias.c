/* bias.c: a hot loop whose body is one straight-line block (no branch, no call) with the
 * expensive work, a chain of dependent float divisions and square roots, on the line marked
 * EXPENSIVE, between cheap lines. A sampler that attributes time to the instruction that was executing
 * gives most of spin()'s line-level samples to EXPENSIVE; one that samples at safepoints
 * gives them all to the line of the loop header's first instruction (clang -O1 starts the
 * loop with CHEAP3's multiply). */
double spin(unsigned n)
{
    double a = 1.5, b = 0.75;
    unsigned k = 7, m = 3;
    for (unsigned i = 0; i < n; i++) {
        k = k * 1103515245u + 12345u;                           /* CHEAP1 */
        m ^= k >> 7;                                            /* CHEAP2 */
        a = __builtin_sqrt(__builtin_sqrt(a / b / (double)((m & 7) + 1) / 0.9999 / b) / 0.999 / a + 2.0) / 1.0003 / 0.9997 + 1.0; /* EXPENSIVE */
        b = b * 0.5 + a * 0.25 + 0.5;                           /* CHEAP3 */
    }
    return a + b + (double)m;
}
