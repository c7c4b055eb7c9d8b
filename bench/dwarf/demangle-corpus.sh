#!/usr/bin/env bash
# demangle-corpus.sh: our demangler against GNU c++filt on every _Z symbol that the
# system's shared libraries define (nm -D), printed as three counts: the same as c++filt,
# left mangled by us (c++filt demangles them), and different. The differing names are
# written to build/bench/dwarf/demangle-diff.tsv (mangled, c++filt, ours).
#
#   bench/dwarf/demangle-corpus.sh [LIBRARY...]   (default: /usr/lib/x86_64-linux-gnu/*.so*
#                                                  and /usr/lib/llvm-*/lib/*.so*)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build.sh >/dev/null
out=build/bench/dwarf
mkdir -p "$out"
cc -O2 -std=gnu11 -Wall -Wextra -Icore -Idwarf bench/dwarf/demangle.c \
    build/libwddwarf.a build/libwdcore.a -ldwarf -lz -lm -o "$out/demangle"
if [ $# = 0 ]; then
    set -- /usr/lib/x86_64-linux-gnu/*.so* /usr/lib/llvm-*/lib/*.so*
fi
for f in "$@"; do nm -D --defined-only "$f" 2>/dev/null || true; done |
    awk '{ print $NF }' | grep '^_Z' | sort -u > "$out/syms.txt"
c++filt < "$out/syms.txt" > "$out/cxxfilt.txt"
"$out/demangle" < "$out/syms.txt" > "$out/ours.txt"
paste -d'\t' "$out/syms.txt" "$out/cxxfilt.txt" "$out/ours.txt" |
    awk -F'\t' -v diff="$out/demangle-diff.tsv" '
        BEGIN { printf "" > diff }
        $3 == $2 { same++; next }
        $3 == $1 { left++; next }
        { other++; print > diff }
        END { printf "%d symbols: %d as c++filt, %d left mangled, %d different (%s)\n",
                     NR, same, left, other, diff }'
