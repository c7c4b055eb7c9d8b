/* matmul.c: benchmark core: dense double-precision matrix multiply C = A * B (f64 loads,
 * stores, multiply-add in the i-k-j order). Freestanding: matrices in static arrays. */

#define MATMUL_MAX 768

static double a[MATMUL_MAX * MATMUL_MAX], b[MATMUL_MAX * MATMUL_MAX], c[MATMUL_MAX * MATMUL_MAX];

static unsigned long long bits(double d)
{
    union { double d; unsigned long long u; } v = {d};
    return v.u;
}

/* Multiplies two n x n matrices (n clamped to 1..768) with small-integer-valued entries
 * divided by 8, so every product and sum is exact. Checksum: a hash of the bit patterns of
 * all of C's entries, in row order. */
unsigned long long bench_matmul(int n)
{
    if (n < 1)
        n = 1;
    if (n > MATMUL_MAX)
        n = MATMUL_MAX;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * 7 + j * 3) % 17 - 8) / 8;
            b[i * n + j] = (double)((i * 5 + j * 11) % 13 - 6) / 8;
            c[i * n + j] = 0;
        }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
    unsigned long long h = 0;
    for (int i = 0; i < n * n; i++)
        h = (h ^ bits(c[i])) * 0x100000001b3ull;
    return h;
}
