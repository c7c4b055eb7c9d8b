/* retvals.c: finish prints the returned value with its C type (the finish case): scalars of
 * every kind, a pointer, an enum, a void function, and a struct returned through memory. */
struct pair { int a, b; double d; };
static volatile int calls;   /* a side effect: -O2 keeps every call */
__attribute__((noinline)) struct pair mk(int a) { struct pair p = {a, a * 2, a / 4.0}; return p; }
__attribute__((noinline)) double half(int a) { return a / 2.0; }
__attribute__((noinline)) float third(float a) { return a / 3; }
__attribute__((noinline)) const char *name(int i) { return i ? "one" : "zero"; }
__attribute__((noinline)) char letter(int i) { return 'a' + i; }
__attribute__((noinline)) _Bool odd(int i) { return i & 1; }
__attribute__((noinline)) long long big(int i) { return (long long)i << 40; }
__attribute__((noinline)) unsigned u(int i) { return (unsigned)-i; }
__attribute__((noinline)) void nothing(int *p) { *p = 1; }
__attribute__((noinline)) struct pair *pp(struct pair *p) { calls++; return p; }
enum color { RED, GREEN, BLUE };
__attribute__((noinline)) enum color col(int i) { calls++; return (enum color)i; }
int main(void) {
    struct pair p = mk(3);
    int z = 0;
    nothing(&z);
    printf("%d %f %f %s %c %d %lld %u %p %d\n", p.b, half(3), third(1), name(1), letter(2), odd(3), big(1), u(1), (void*)pp(&p), col(2));
    return 0;
}
