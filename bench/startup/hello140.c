/* hello140.c: the smaller start-up program: hello.c without files and time, about
 * 140-150 KB with clang -O0 -g and wasi-libc (see run.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(int argc, char **argv)
{
    int v[4] = {3, 1, 2, 0};
    qsort(v, 4, sizeof v[0], cmp);
    char buf[64];
    snprintf(buf, sizeof buf, "%d %s", v[0], argc > 1 ? argv[1] : "");
    printf("hello, world (%zu)\n", strlen(buf));
    return 0;
}
