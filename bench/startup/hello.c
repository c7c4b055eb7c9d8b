/* hello.c: the start-up benchmark's program: a hello world that pulls in a
 * realistic slice of wasi-libc (stdio, qsort, snprintf, time), built with
 * clang -O0 -g so the module carries its DWARF (about 210 KB with clang 19;
 * hello140.c is the smaller one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    int v[4] = {3, 1, 2, 0};
    qsort(v, 4, sizeof v[0], cmp);
    char buf[64];
    snprintf(buf, sizeof buf, "%d %s", v[0], argc > 1 ? argv[1] : "");
    FILE *f = fopen("/nonexistent", "r");
    if (f)
        fclose(f);
    printf("hello, world (%zu)\n", strlen(buf) + (size_t)(time(NULL) & 0));
    return 0;
}
