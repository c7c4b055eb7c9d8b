#!/bin/bash
# run.sh: compares wasmdbg's DWARF answers with LLVM's on test programs built at test time.
#
#   run.sh WASMDBG SRCDIR WORKDIR CC OPT DWARF
#
# CC is a clang (clang-14, clang-19, ...), OPT 0 or 2, DWARF 4 or 5. Builds prog.c
# (freestanding wasm32) and hello.c (wasm32-wasi, with wasi-libc's DWARF 4 units) and checks:
#   1. `wasmdbg symbolize --dwarf-only` equals llvm-symbolizer-14 for EVERY offset of the
#      Code section (and a few past it), inlined frames included;
#   2. `wasmdbg lines` has the rows of llvm-dwarfdump-14 --debug-line (address, line,
#      column, is_stmt, end_sequence), linker tombstones dropped;
#   3. `wasmdbg lines M shapes.h --line N` (breakpoint addresses) all symbolize to that line
#      in llvm-symbolizer, and the inlined helper has more than one copy at -O2;
#   4. without --dwarf-only, code without DWARF gets its name from the name section;
#   5. cxx.cc (freestanding C++) gets 1-3 too: demangled names equal llvm-symbolizer's.
# Exits 77 (ctest SKIP) when CC cannot build wasm32 or the LLVM 14 tools are missing.
# Prints "N passed, N failed".
set -u
WASMDBG=$1 SRC=$2 WORK=$3 CC=$4 OPT=$5 DW=$6

SYMBOLIZER=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
DWARFDUMP=$(command -v llvm-dwarfdump-14 || command -v llvm-dwarfdump || true)
OBJDUMP=$(command -v llvm-objdump-14 || command -v llvm-objdump || true)
if [ -z "$SYMBOLIZER" ] || [ -z "$DWARFDUMP" ] || [ -z "$OBJDUMP" ]; then
    echo "SKIP: llvm-symbolizer-14 / llvm-dwarfdump-14 / llvm-objdump-14 not found (Debian package llvm-14)"
    exit 77
fi
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "SKIP: $CC not installed (Debian: clang-19 lld-19 libclang-rt-19-dev-wasm32 for clang-19)"
    exit 77
fi
mkdir -p "$WORK"
probe="$WORK/probe.c"
echo 'int f(void){return 1;}' > "$probe"
if ! "$CC" --target=wasm32 -c "$probe" -o "$WORK/probe.o" 2>/dev/null ||
   ! "$CC" --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export-all "$WORK/probe.o" -o "$WORK/probe.wasm" 2>/dev/null; then
    echo "SKIP: $CC cannot compile and link for wasm32 (needs its lld: wasm-ld)"
    exit 77
fi

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# build NAME SRC.c TARGET LINKFLAGS...: compile with -c and link separately (no -O at link:
# clang would run wasm-opt, which rewrites code and drops the DWARF)
build() {
    local name=$1 src=$2 target=$3 lang=()
    shift 3
    case $src in *.cc) lang=(-x c++ -fno-exceptions -fno-rtti) ;; esac
    "$CC" --target="$target" "${lang[@]}" -O"$OPT" -gdwarf-"$DW" -I"$SRC" -c "$SRC/$src" -o "$WORK/$name.o" &&
        "$CC" --target="$target" "$WORK/$name.o" "$@" -o "$WORK/$name.wasm"
}

code_size() {
    local hex
    hex=$("$OBJDUMP" -h "$1" | awk '$2 == "CODE" { print $3 }')
    [ -n "$hex" ] && echo $((16#$hex))
}

check_module() {
    local name=$1 w="$WORK/$1.wasm"
    local size
    size=$(code_size "$w")
    if [ -z "$size" ]; then
        bad "$name: no Code section"
        return
    fi
    # 1. every offset
    awk -v n="$size" 'BEGIN { for (i = 0; i <= n + 2; i++) printf "0x%x\n", i }' > "$WORK/$name.offsets"
    "$SYMBOLIZER" --obj="$w" < "$WORK/$name.offsets" > "$WORK/$name.llvm.sym" 2>/dev/null
    if "$WASMDBG" symbolize --dwarf-only "$w" < "$WORK/$name.offsets" > "$WORK/$name.wd.sym" 2>"$WORK/$name.wd.err" &&
        cmp -s "$WORK/$name.llvm.sym" "$WORK/$name.wd.sym"; then
        ok "$name: symbolize matches llvm-symbolizer at all $((size + 3)) offsets"
    else
        bad "$name: symbolize differs from llvm-symbolizer (diff $WORK/$name.llvm.sym $WORK/$name.wd.sym)"
        diff "$WORK/$name.llvm.sym" "$WORK/$name.wd.sym" | head -20
    fi
    # inlined frames must be there at -O2 (the comparison above checks them)
    if [ "$OPT" != 0 ] && [ "$name" = prog ]; then
        if grep -q '^sq$' "$WORK/$name.wd.sym" && grep -q 'shapes.h' "$WORK/$name.wd.sym"; then
            ok "$name: inlined frames (sq from shapes.h) reported"
        else
            bad "$name: no inlined frames reported at -O$OPT"
        fi
    fi
    # JSON parses as one array with an entry per offset
    if "$WASMDBG" symbolize --json --dwarf-only "$w" 0x0 0x10 0x20 | grep -q '^\[{"Address":"0x0".*"Address":"0x20".*\]$'; then
        ok "$name: --json layout"
    else
        bad "$name: --json layout"
    fi
    # 2. line table rows
    "$DWARFDUMP" --debug-line "$w" | awk '
        /^0x[0-9a-f]+ +[0-9]+ +[0-9]+ / {
            addr = substr($1, length($1) - 7); flags = ""
            for (i = 7; i <= NF; i++) if ($i == "is_stmt" || $i == "end_sequence") flags = flags " " $i
            if (n == 0) first = addr
            if (index(flags, "end_sequence")) row[n++] = sprintf("0x%s end_sequence", addr)
            else row[n++] = sprintf("0x%s %d:%d%s", addr, $2, $3, flags)
            if (index(flags, "end_sequence")) {
                if (substr($1, 3, 8) == "00000000" && first < "fffffffe" && addr > first) for (i = 0; i < n; i++) print row[i]
                n = 0
            }
        }' > "$WORK/$name.llvm.lines"
    "$WASMDBG" lines "$w" | awk '
        $2 == "end_sequence" { print; next }
        {
            loc = $2; sub(/^.*:([0-9]+):([0-9]+)$/, "", loc)
            n = split($2, p, ":"); flags = ""
            for (i = 3; i <= NF; i++) if ($i == "is_stmt") flags = " is_stmt"
            printf "%s %s:%s%s\n", $1, p[n - 1], p[n], flags
        }' > "$WORK/$name.wd.lines"
    if [ -s "$WORK/$name.llvm.lines" ] && cmp -s "$WORK/$name.llvm.lines" "$WORK/$name.wd.lines"; then
        ok "$name: lines match llvm-dwarfdump ($(wc -l < "$WORK/$name.wd.lines") rows)"
    else
        bad "$name: lines differ from llvm-dwarfdump (diff $WORK/$name.llvm.lines $WORK/$name.wd.lines)"
        diff "$WORK/$name.llvm.lines" "$WORK/$name.wd.lines" | head -10
    fi
    # a file that is not in the line table is an error, not an empty table
    if "$WASMDBG" lines "$w" no_such_file.c > "$WORK/$name.nofile" 2>&1; then
        bad "$name: lines with an unknown file succeeded"
    elif grep -q "no line-table rows for 'no_such_file.c'" "$WORK/$name.nofile"; then
        ok "$name: lines names an unknown file"
    else
        bad "$name: lines with an unknown file: $(cat "$WORK/$name.nofile")"
    fi
    # 3. breakpoint addresses of `return v * v;` in shapes.h
    local line
    line=$(grep -n 'return v \* v;' "$SRC/shapes.h" | cut -d: -f1)
    "$WASMDBG" lines "$w" shapes.h --line "$line" > "$WORK/$name.bp" 2>&1
    local nbp
    nbp=$(grep -c -- '->' "$WORK/$name.bp")
    local badbp=0
    for a in $(awk '{ print $4 }' "$WORK/$name.bp"); do
        # each breakpoint address is in shapes.h:line in some frame of llvm's answer
        if ! "$SYMBOLIZER" --obj="$w" "$a" | grep -q "shapes.h:$line:"; then
            badbp=$((badbp + 1))
        fi
    done
    local want=1
    if [ "$OPT" != 0 ] && [ "$name" = prog ]; then want=2; fi
    if [ "$nbp" -ge "$want" ] && [ "$badbp" = 0 ]; then
        ok "$name: shapes.h:$line has $nbp breakpoint address(es), all at that line"
    else
        bad "$name: shapes.h:$line breakpoints: $nbp found (want >= $want), $badbp wrong"
        cat "$WORK/$name.bp"
    fi
}

if build prog prog.c wasm32 -nostdlib -Wl,--no-entry -Wl,--export-dynamic; then
    check_module prog
else
    bad "prog: $CC -O$OPT -gdwarf-$DW failed to build"
fi

# 5. C++ (freestanding: Debian's wasi-libc has no libc++): names demangled as llvm-symbolizer
# demangles them (namespaces, classes, templates, operators, constructors, destructors)
if build cxx cxx.cc wasm32 -nostdlib -Wl,--no-entry -Wl,--export=run; then
    check_module cxx
    if [ "$OPT" = 0 ]; then
        if grep -q '^geo::vec<int, 3>::operator+(geo::vec<int, 3> const&) const$' "$WORK/cxx.wd.sym" &&
            grep -q '^geo::rect::~rect()$' "$WORK/cxx.wd.sym" &&
            grep -q '^int geo::detail::clamp<int>(int, int, int)$' "$WORK/cxx.wd.sym"; then
            ok "cxx: C++ names demangled"
        else
            bad "cxx: C++ names not demangled (see $WORK/cxx.wd.sym)"
        fi
    fi
else
    bad "cxx: $CC -O$OPT -gdwarf-$DW failed to build cxx.cc"
fi

if echo 'int main(void){return 0;}' > "$WORK/w.c" && "$CC" --target=wasm32-wasi -c "$WORK/w.c" -o "$WORK/w.o" 2>/dev/null &&
    "$CC" --target=wasm32-wasi "$WORK/w.o" -o "$WORK/w.wasm" 2>/dev/null; then
    if build hello hello.c wasm32-wasi; then
        check_module hello
        # 4. name-section fallback: wasi-libc's assembly/builtins have no DWARF subprogram
        "$WASMDBG" symbolize "$WORK/hello.wasm" < "$WORK/hello.offsets" > "$WORK/hello.names" 2>/dev/null
        q_dw=$(grep -c '^??$' "$WORK/hello.wd.sym")
        q_nm=$(grep -c '^??$' "$WORK/hello.names")
        if [ "$q_nm" -le "$q_dw" ]; then
            ok "hello: name section names code without DWARF ($q_dw -> $q_nm unknown)"
        else
            bad "hello: name-section fallback made things worse ($q_dw -> $q_nm)"
        fi
    else
        bad "hello: $CC -O$OPT -gdwarf-$DW failed to build"
    fi
else
    echo "note: $CC has no wasm32-wasi sysroot (Debian: wasi-libc); hello.c skipped"
fi

# 6. C++ on wasi-libc++ (once: clang-14 -O2 -gdwarf-5): every function name equals
# llvm-symbolizer's, except where ours stays mangled (template-argument expressions) or
# prints as c++filt does (decltype(nullptr) for std::nullptr_t, "operator< <T>" for
# "operator<<T>"); an inline function that several units claim belongs to the first unit
if [ "$CC $OPT $DW" = "clang-14 2 5" ]; then
    if ! "$CC" --target=wasm32-wasi -x c++ -fno-exceptions -O"$OPT" -gdwarf-"$DW" \
            -c "$SRC/libcxx.cc" -o "$WORK/libcxx.o" 2>"$WORK/libcxx.err" ||
       ! "$CC" --target=wasm32-wasi "$WORK/libcxx.o" -lc++ -lc++abi -o "$WORK/libcxx.wasm" 2>>"$WORK/libcxx.err"; then
        echo "note: no wasi-libc++ (Debian: libc++-14-dev-wasm32 libc++abi-14-dev-wasm32); libcxx.cc skipped"
    else
        size=$(code_size "$WORK/libcxx.wasm")
        awk -v n="$size" 'BEGIN { for (i = 0; i < n; i += 5) printf "0x%x\n", i }' > "$WORK/libcxx.offsets"
        "$SYMBOLIZER" --obj="$WORK/libcxx.wasm" < "$WORK/libcxx.offsets" > "$WORK/libcxx.llvm.sym" 2>/dev/null
        "$WASMDBG" symbolize --dwarf-only "$WORK/libcxx.wasm" < "$WORK/libcxx.offsets" > "$WORK/libcxx.wd.sym" 2>/dev/null
        read -r same mangled other < <(paste -d'\t' "$WORK/libcxx.llvm.sym" "$WORK/libcxx.wd.sym" | awk -F'\t' '
            $1 ~ /^\// || $1 == "" || $1 == $2 { same++; next }
            $2 ~ /^_Z/ { mangled++; next }
            { a = $1; b = $2; gsub(/std::nullptr_t/, "decltype(nullptr)", a); gsub(/operator< </, "operator<<", b)
              if (a == b) same++; else { other++; print > "/dev/stderr" } }
            END { print same + 0, mangled + 0, other + 0 }' 2>"$WORK/libcxx.diff")
        if [ "$other" = 0 ] && grep -q '^void std::__2::allocator<app::Item>::construct<app::Item, app::Item>(app::Item\*, app::Item&&)$' "$WORK/libcxx.wd.sym"; then
            ok "libcxx: names equal llvm-symbolizer's ($same lines, $mangled left mangled), pack expansions demangled"
        else
            bad "libcxx: $other names differ from llvm-symbolizer's (see $WORK/libcxx.diff)"
            head -5 "$WORK/libcxx.diff"
        fi
        # breakpoints on C++ names as gdb takes them (qualified, partly qualified, bare),
        # and a member named without this-> inside a member function (-O0 build), also in a
        # condition, which is checked when it is set
        if "$CC" --target=wasm32-wasi -x c++ -fno-exceptions -O0 -g -c "$SRC/libcxx.cc" -o "$WORK/libcxx0.o" &&
           "$CC" --target=wasm32-wasi "$WORK/libcxx0.o" -lc++ -lc++abi -o "$WORK/libcxx0.wasm"; then
            "$WASMDBG" -batch -ex 'break app::Store::sum if items_.__begin_ != 0' \
                -ex 'break Store::add' -ex 'break total' \
                -ex run -ex continue -ex continue -ex 'print items_.__begin_[1].qty' \
                -ex 'print this->items_.__begin_->qty' "$WORK/libcxx0.wasm" > "$WORK/libcxx0.out" 2>&1
            if grep -q '^Breakpoint 1 at .*: file .*libcxx.cc, line 15\.$' "$WORK/libcxx0.out" &&
               grep -q '^Breakpoint 2 at .*line 14\.$' "$WORK/libcxx0.out" &&
               grep -q '^Breakpoint 3 at .*line 11\.$' "$WORK/libcxx0.out" &&
               grep -q '^Breakpoint 1, app::Store::sum() const (this=0x' "$WORK/libcxx0.out" &&
               grep -qx '\$1 = 4' "$WORK/libcxx0.out" && grep -qx '\$2 = 3' "$WORK/libcxx0.out"; then
                ok "libcxx: break on C++ names, members without this->"
            else
                bad "libcxx: break on C++ names / members: $(cat "$WORK/libcxx0.out")"
            fi
        else
            bad "libcxx: -O0 build failed"
        fi
    fi
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
