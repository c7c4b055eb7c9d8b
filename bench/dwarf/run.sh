#!/usr/bin/env bash
# run.sh: the DWARF targets of issue 4 on a generated module with ~5 MB of DWARF
# (gen.py: 20 units x 250 functions at -O1 -g, with structs, unions, enums, arrays,
# lexical blocks and always-inline helpers, so inlined subroutines and location lists).
#
#   bench/dwarf/run.sh [UNITS FUNCS]      (default 20 250; the module is cached)
#
# Prints what bench_dwarf.c measures: open + first symbolization (best of 5), a million
# random symbolizations (best of 3), a full sweep (every line row symbolized, every
# function's variables read), and the memory a swept wd_dwarf holds against the debug
# sections' size. Times are CPU time (user+sys), the machine being shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
units=${1:-20} funcs=${2:-250}
bash scripts/build.sh >/dev/null
out=build/bench/dwarf/u${units}x${funcs}
mkdir -p "$out"
if [ ! -f "$out/big.wasm" ]; then
    python3 bench/dwarf/gen.py "$out" "$units" "$funcs"
    ls "$out"/u*.c | xargs -P2 -I{} sh -c \
        'clang --target=wasm32 -O1 -g -c "$1" -o "${1%.c}.o"' _ {}
    # linked without -O: clang would run wasm-opt, which drops the DWARF
    clang --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export-all "$out"/u*.o -o "$out/big.wasm"
fi
cc -O2 -std=gnu11 -Wall -Wextra -Icore -Idwarf bench/dwarf/bench_dwarf.c \
    build/libwddwarf.a build/libwdcore.a -ldwarf -lz -lm -o build/bench/dwarf/bench_dwarf
build/bench/dwarf/bench_dwarf "$out/big.wasm" 1000000
