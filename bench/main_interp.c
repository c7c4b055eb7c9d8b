/* main_interp.c: a no-argument entry point for interpreters that can only call exports
 * without arguments (wabt's wasm-interp --run-all-exports). Compiled as its own object
 * with -DBENCH_FN=bench_<name> -DBENCH_N=<n>, so the core's code is the same as in the
 * other wasm builds (nothing is inlined across the two files). */

#if !defined(BENCH_FN) || !defined(BENCH_N)
#error "compile with -DBENCH_FN=bench_<name> -DBENCH_N=<n>"
#endif

unsigned long long BENCH_FN(int n);

unsigned long long bench_run(void)
{
    return BENCH_FN(BENCH_N);
}
