/* hot.c: a program with a known hot function, for the "hot function on top" checks and for
 * source lines (built with -g). hot() does 8x the work of warm(), 32x that of cold(). */
__attribute__((noinline)) static unsigned hot(unsigned n)
{
    unsigned s = 0;
    for (unsigned i = 0; i < n; i++)
        s = s * 31 + (i ^ (s >> 3));
    return s;
}

__attribute__((noinline)) static unsigned warm(unsigned n)
{
    unsigned s = 1;
    for (unsigned i = 0; i < n; i++)
        s = s * 17 + (i | (s >> 5));
    return s;
}

__attribute__((noinline)) static unsigned cold(unsigned n)
{
    unsigned s = 2;
    for (unsigned i = 0; i < n; i++)
        s = s * 13 + (i & (s >> 7));
    return s;
}

unsigned run(unsigned n)
{
    return hot(n * 8) + warm(n) + cold(n / 4);
}
