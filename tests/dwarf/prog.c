/* prog.c: a freestanding test program for wasmdbg's DWARF layer (structs, arrays,
 * pointers, globals, recursion, inlining, enums, unions, bitfields, function pointers).
 * Built by tests/dwarf/run.sh at -O0 and -O2, DWARF 4 and 5; nothing here is run natively. */
#include "shapes.h"

enum color { RED, GREEN = 5, BLUE };
typedef unsigned int uint;

union num {
    int i;
    float f;
};

struct flags {
    unsigned a : 3;
    unsigned b : 5;
    signed c : 4;
};

struct shape {
    struct point corner[2];
    enum color color;
    struct flags fl;
    union num n;
    int grid[2][3];
};

struct point origin = {1, 2, "origin"};
static struct point far_pt = {30, 40, "far"};
int garr[4] = {1, 2, 3, 4};
const volatile int cv = 7;
char letter = 'A';
double ratio = 0.5;
struct shape the_shape = {{{1, 2, "a"}, {3, 4, "b"}}, BLUE, {5, 17, -3}, {42}, {{1, 2, 3}, {4, 5, 6}}};
int (*op_ptr)(int, int);
/* a flag enum (no two values share a bit) prints as gdb does: "(P_READ | P_EXEC)" */
enum perm { P_NONE = 0, P_READ = 1, P_WRITE = 2, P_EXEC = 4 };
struct handler {
    int (*fn)(int, int);
    enum perm perm;
} handler = {0, P_READ | P_EXEC};
/* referenced by nothing: the linker drops it and writes address -1 into its DWARF */
int unused_global = 9;

__attribute__((noinline)) int fact(int n)
{
    if (n <= 1)
        return 1;
    return n * fact(n - 1);
}

static int add(int a, int b)
{
    return a + b;
}

__attribute__((noinline)) int sum_array(const int *a, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        int v = a[i];
        s += v;
    }
    return s;
}

__attribute__((noinline)) int area(struct shape *sh)
{
    int w = sh->corner[1].x - sh->corner[0].x;
    int h = sh->corner[1].y - sh->corner[0].y;
    uint a = (uint)(w * h);
    return (int)a + sh->grid[1][2];
}

__attribute__((export_name("run"))) int run(int k)
{
    int total = 0;
    struct point local = {k, k + 1, "local"};
    op_ptr = add;
    handler.fn = add;
    total += dist2(&origin, &far_pt);
    total += dist2(&local, &origin);
    {
        int inner = sq(k);
        total += inner;
    }
    total += sum_array(garr, 4);
    total += area(&the_shape);
    total += fact(k & 7);
    total += op_ptr(k, (int)letter) + handler.fn(k, (int)handler.perm);
    total += the_shape.fl.c + (int)(ratio * 4) + cv;
    return total;
}

/* Line-table rows that do not fit dwarf/'s packed 8-byte rows (a line past 32767, a
 * column past 127) are kept whole: checked like every other row. */
#line 40000
__attribute__((export_name("far_line"))) int far_line(int k)
{
    int r = k * 3;                                                                                                                                          r += k >> 1;
    return r + fact(k & 3);
}
