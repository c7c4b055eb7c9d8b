/* fib.c: benchmark core: naive recursive Fibonacci (calls and returns, no memory).
 * Freestanding: builds natively, for wasm32 without libc or imports, and for wasm32-wasi. */

static unsigned long long fib(int n)
{
    return n < 2 ? (unsigned long long)n : fib(n - 1) + fib(n - 2);
}

/* fib(n); the checksum is the Fibonacci number itself. */
unsigned long long bench_fib(int n)
{
    return fib(n);
}
