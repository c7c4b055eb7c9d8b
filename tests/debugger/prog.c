/* prog.c: the debugger's test program (built at test time at -O0 and -O2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point {
    int x, y;
    const char *name;
};

struct node {
    int value;
    struct node *next;
};

int counter;
int table[8] = {1, 1, 2, 3, 5, 8, 13, 21};
struct point origin = {0, 0, "origin"};
static struct node nodes[3];

__attribute__((noinline)) int square(int v)
{
    int r = v * v;
    return r;
}

__attribute__((noinline)) int fact(int n)
{
    if (n <= 1)
        return 1;
    return n * fact(n - 1);
}

__attribute__((noinline)) int sum_points(const struct point *p, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += p[i].x + p[i].y;
    return total;
}

__attribute__((noinline)) int divide(int a, int b)
{
    return a / b;
}

__attribute__((noinline)) void never_called(void)
{
    puts("never");
}

int main(int argc, char **argv)
{
    struct point pts[3] = {{1, 2, "a"}, {3, 4, "b"}, {5, 6, "c"}};
    int acc = 0;
    for (int i = 0; i < 5; i++) {
        acc += square(i);
        counter++;
    }
    for (int i = 0; i < 3; i++) {
        nodes[i].value = i * 10;
        nodes[i].next = i < 2 ? &nodes[i + 1] : NULL;
    }
    struct node *head = &nodes[0];
    int f = fact(5);
    int s = sum_points(pts, 3);
    printf("acc=%d fact=%d sum=%d head=%d\n", acc, f, s, head->value);
    if (argc > 1 && strcmp(argv[1], "trap") == 0)
        return divide(acc, argc - 2);
    if (argc > 1 && strcmp(argv[1], "spin") == 0) {
        volatile unsigned long long k = 0;
        for (;;)
            k++;
    }
    return table[3] + counter;
}
