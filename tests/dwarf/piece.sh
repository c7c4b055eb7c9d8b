#!/bin/bash
# piece.sh: a struct split into DW_OP_pieces prints right on a live frame.
#
#   piece.sh WASMDBG SRCDIR WORKDIR
#
# Builds piece.c for wasm32-wasi at -O2 -g, checks (llvm-dwarfdump-14) that p's location
# list really uses DW_OP_piece, then stops at f, steps one instruction at a time through
# it and prints p at each stop. Every value printed must be one of
#   <optimized out>   {a = 4, b = <optimized out>}   {a = 4, b = 8}
# (the second while only the first piece exists: never a made-up b), and the last two
# must both be seen. Exit 77 (SKIP) without clang for wasm32-wasi or llvm-dwarfdump.
set -u
WASMDBG=$1 SRC=$2 WORK=$3
DUMP=$(command -v llvm-dwarfdump-14 || command -v llvm-dwarfdump || true)
. "$SRC/wasi-build.sh"
wasi_build piece 2 "$DUMP"
fail=0
if ! "$DUMP" --debug-loc "$WORK/piece.wasm" | grep -q 'DW_OP_piece 0x4, DW_OP_WASM_location'; then
    echo "FAIL: clang no longer splits p into DW_OP_pieces; piece.c needs another shape"
    fail=1
fi
args=(-ex 'break f' -ex run -ex 'print p')
for _ in $(seq 12); do args+=(-ex stepi -ex 'print p'); done
(cd "$WORK" && "$WASMDBG" -batch "${args[@]}" piece.wasm) >"$WORK/out.txt" 2>&1
grep -E '^\$[0-9]+ = ' "$WORK/out.txt" | sed -E 's/^\$[0-9]+ = //' > "$WORK/values.txt"
if grep -vxF -e '<optimized out>' -e '{a = 4, b = <optimized out>}' -e '{a = 4, b = 8}' \
        "$WORK/values.txt"; then
    echo "FAIL: values above are not p's"
    fail=1
fi
for want in '{a = 4, b = <optimized out>}' '{a = 4, b = 8}'; do
    if ! grep -qxF "$want" "$WORK/values.txt"; then
        echo "FAIL: p never printed as $want"
        fail=1
    fi
done
if [ $fail = 0 ]; then
    echo "PASS: $(wc -l < "$WORK/values.txt") values of p, each right"
else
    cat "$WORK/out.txt"
fi
exit $fail
