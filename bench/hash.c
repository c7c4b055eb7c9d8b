/* hash.c: benchmark core: FNV-1a (64-bit, byte at a time) and a 64-bit multiply-rotate
 * hash in the style of xxhash (8 bytes at a time) over a generated buffer: i64 multiply,
 * rotate and byte loads. Freestanding: the buffer is a static array. */

#define HASH_BUF (1 << 20)

static unsigned char buf[HASH_BUF];

static unsigned long long rotl64(unsigned long long x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static unsigned long long load64(const unsigned char *p)
{
    unsigned long long v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static unsigned long long fnv1a(const unsigned char *p, unsigned len, unsigned long long h)
{
    for (unsigned i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static unsigned long long mixhash(const unsigned char *p, unsigned len, unsigned long long seed)
{
    const unsigned long long p1 = 0x9e3779b185ebca87ull, p2 = 0xc2b2ae3d27d4eb4full;
    unsigned long long h = seed + p1;
    for (unsigned i = 0; i + 8 <= len; i += 8) {
        unsigned long long k = load64(p + i) * p2;
        h ^= rotl64(k, 31) * p1;
        h = rotl64(h, 27) * p1 + 0x165667b19e3779f9ull;
    }
    h ^= h >> 33;
    h *= p2;
    h ^= h >> 29;
    return h;
}

/* Fills 1 MiB from a linear congruential generator, then hashes it n times with each hash
 * (the seed of each round is the previous round's result). Checksum: the last hashes. */
unsigned long long bench_hash(int n)
{
    unsigned state = 12345;
    for (unsigned i = 0; i < HASH_BUF; i++) {
        state = state * 1103515245u + 12345u;
        buf[i] = (unsigned char)(state >> 16);
    }
    unsigned long long f = 0xcbf29ce484222325ull, m = 0;
    for (int r = 0; r < n; r++) {
        f = fnv1a(buf, HASH_BUF, f);
        m = mixhash(buf, HASH_BUF, m ^ f);
    }
    return f ^ rotl64(m, 17);
}
