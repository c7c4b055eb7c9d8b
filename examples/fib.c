/* fib.c: the bundled example module for wasmdbg (scripts/demo.sh runs it).
 *
 * Freestanding C: no libc and no imports, so the module runs on the engine alone. Built by
 * examples/CMakeLists.txt with clang --target=wasm32 -O1 -g into build/examples/fib.wasm,
 * exporting two functions:
 *   fib(n)          recursive Fibonacci: deep call stacks, good for backtraces and stepping.
 *   sum_squares(n)  fills a global array in linear memory with i*i, then adds it up: memory
 *                   to inspect and watch.
 */

#define SQUARES_MAX 1024

/* Not static, so the stores stay in linear memory where a debugger can see them. */
int squares[SQUARES_MAX];

int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

static void fill_squares(int n)
{
    for (int i = 0; i < n; i++)
        squares[i] = i * i;
}

/* Sum of i*i for 0 <= i < n; n is clamped to [0, 1024], so the result fits in an i32. */
int sum_squares(int n)
{
    if (n < 0)
        n = 0;
    if (n > SQUARES_MAX)
        n = SQUARES_MAX;
    fill_squares(n);
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += squares[i];
    return sum;
}
