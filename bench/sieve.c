/* sieve.c: benchmark core: sieve of Eratosthenes over a byte array (linear memory
 * stores and strided loops). Freestanding: no libc, memory in a static array. */

#define SIEVE_LIMIT (1 << 22)

static unsigned char composite[SIEVE_LIMIT + 1];

/* n rounds; round r sieves [0, limit] with limit = SIEVE_LIMIT - r, so the rounds differ.
 * Checksum: the sum over the rounds of the number of primes found and of the largest one. */
unsigned long long bench_sieve(int n)
{
    unsigned long long sum = 0;
    for (int r = 0; r < n; r++) {
        unsigned limit = SIEVE_LIMIT - (unsigned)r;
        for (unsigned i = 0; i <= limit; i++)
            composite[i] = 0;
        for (unsigned p = 2; p * p <= limit; p++)
            if (!composite[p])
                for (unsigned m = p * p; m <= limit; m += p)
                    composite[m] = 1;
        unsigned count = 0, largest = 0;
        for (unsigned i = 2; i <= limit; i++)
            if (!composite[i]) {
                count++;
                largest = i;
            }
        sum += count + (unsigned long long)largest;
    }
    return sum;
}
