// libcxx.cc: a small program on wasi-libc++ (Debian libc++-14-dev-wasm32): std::string,
// std::vector and std::map bring in libc++'s variadic templates, whose names use pack
// expansions (Dp) and argument packs; run.sh compares their demangled names with
// llvm-symbolizer's.
#include <vector>
#include <string>
#include <map>
#include <cstdio>
namespace app {
struct Item { std::string name; int qty; };
template <typename T> T total(const std::vector<T> &v) { T s{}; for (auto &x : v) s += x; return s; }
class Store {
public:
    void add(const std::string &n, int q) { items_.push_back({n, q}); index_[n] = q; }
    int sum() const { std::vector<int> q; for (auto &i : items_) q.push_back(i.qty); return total(q); }
private:
    std::vector<Item> items_;
    std::map<std::string, int> index_;
};
}
int main() {
    app::Store s;
    s.add("apple", 3);
    s.add("pear", 4);
    auto f = [&](int k) { return s.sum() * k; };
    std::printf("%d\n", f(2));
}
