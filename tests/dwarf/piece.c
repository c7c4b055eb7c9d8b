/* piece.c: at -O2 clang keeps the struct `p` in two wasm locals, so its location list is
 * made of DW_OP_pieces, and for a few instructions only the first piece exists. piece.sh
 * steps through f and checks every value the debugger prints for p. */
struct pair {
    int a;
    int b;
};

__attribute__((noinline)) int use(int x)
{
    return x * 3;
}

__attribute__((noinline)) int f(int x, int y)
{
    struct pair p = { x + 1, y * 2 };
    int r = use(p.a);
    r += use(p.b);
    return r + p.a - p.b;
}

int main(void)
{
    return f(3, 4) & 0x7f;
}
