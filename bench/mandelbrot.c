/* mandelbrot.c: benchmark core: escape-time Mandelbrot set over an n x n grid (f64
 * arithmetic in a tight loop with data-dependent exits). Freestanding. */

#define MANDEL_ITER 200

/* Grid over [-2, 0.5] x [-1.25, 1.25]. Checksum: the total iteration count, and a weighted
 * sum of the points inside the set. */
unsigned long long bench_mandelbrot(int n)
{
    unsigned long long iters = 0, inside = 0;
    for (int py = 0; py < n; py++) {
        double ci = -1.25 + 2.5 * py / n;
        for (int px = 0; px < n; px++) {
            double cr = -2.0 + 2.5 * px / n;
            double zr = 0, zi = 0;
            int k = 0;
            while (k < MANDEL_ITER && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                k++;
            }
            iters += (unsigned)k;
            if (k == MANDEL_ITER)
                inside += (unsigned long long)py * (unsigned)n + (unsigned)px;
        }
    }
    return iters * 1000003ull + inside;
}
