// cxx.cc: freestanding C++ (no libc++: -nostdlib, -fno-exceptions, -fno-rtti) for the
// demangler: namespaces (named and anonymous), classes with constructors, destructors,
// virtual and const member functions, operators, templates with type and integer
// arguments, references, pointers to functions and members; extern "C" entry points.
#include "shapes.h"

namespace geo {

template <typename T, int N>
struct vec {
    T v[N];
    vec() { for (int i = 0; i < N; i++) v[i] = T(); }
    explicit vec(T x) { for (int i = 0; i < N; i++) v[i] = x; }
    ~vec() { v[0] = T(); }
    T &operator[](int i) { return v[i]; }
    const T &operator[](int i) const { return v[i]; }
    vec operator+(const vec &o) const
    {
        vec r;
        for (int i = 0; i < N; i++)
            r.v[i] = v[i] + o.v[i];
        return r;
    }
    bool operator==(const vec &o) const
    {
        for (int i = 0; i < N; i++)
            if (v[i] != o.v[i])
                return false;
        return true;
    }
    T dot(const vec &o) const
    {
        T s = T();
        for (int i = 0; i < N; i++)
            s += v[i] * o.v[i];
        return s;
    }
};

class shape {
public:
    explicit shape(int id) : id_(id) {}
    virtual ~shape() {}
    virtual long area() const = 0;
    int id() const { return id_; }
private:
    int id_;
};

class rect : public shape {
public:
    rect(int id, int w, int h) : shape(id), w_(w), h_(h) {}
    long area() const override { return (long)w_ * h_; }
    int w_, h_;
};

namespace detail {
template <typename T>
T clamp(T x, T lo, T hi) { return x < lo ? lo : x > hi ? hi : x; }

template <typename F>
int apply(F f, int x) { return f(x); }

int twice(int x) { return 2 * x; }

unsigned mix(const char *s, unsigned long n, rect &r, const rect *p, int (*cb)(int))
{
    unsigned h = (unsigned)n;
    for (unsigned long i = 0; i < n; i++)
        h = h * 31 + (unsigned char)s[i];
    return h + (unsigned)r.area() + (unsigned)p->id() + (unsigned)cb(3);
}

long member_ptr(const rect &r, int rect::*m) { return r.*m; }
} // namespace detail

} // namespace geo

namespace {
int hidden(int a) { return sq(a) + 1; }
}

static int local_fn(short s, bool b, double d) { return b ? (int)(s * d) : hidden(s); }

void *operator new(unsigned long, void *p) noexcept { return p; }
void operator delete(void *) noexcept {}
void operator delete(void *, unsigned long) noexcept {}
extern "C" void __cxa_pure_virtual() { __builtin_trap(); }

extern "C" int run(int k)
{
    geo::vec<int, 3> a(k), b(2);
    geo::vec<int, 3> c = a + b;
    geo::vec<float, 2> f(1.5f);
    static char store[sizeof(geo::rect)];
    geo::rect *r = new (store) geo::rect(7, k, 3);
    const geo::shape *s = r;
    long ar = s->area();
    int cl = geo::detail::clamp<int>(k, 0, 10) + (int)geo::detail::clamp<double>(1.5, 0.0, 1.0);
    int ap = geo::detail::apply(geo::detail::twice, k);
    unsigned h = geo::detail::mix("abc", 3, *r, r, geo::detail::twice);
    long mp = geo::detail::member_ptr(*r, &geo::rect::h_);
    bool eq = a == b;
    struct point p1 = {1, 2, "a"}, p2 = {k, 6, "b"};
    int dd = dist2(&p1, &p2);
    return (int)(c[0] + c.dot(a) + (int)f.dot(f) + ar + cl + ap + (int)h + mp + eq + dd +
                 local_fn(3, k > 1, 2.5) + s->id());
}
