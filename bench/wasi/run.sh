#!/usr/bin/env bash
# bench/wasi/run.sh [WASMDBG]: the cost of WASI host calls, wasmdbg next to node:wasi.
#   write_loop: 1,000,000 one-byte fd_write calls to /dev/null
#   read_file:  a 32 MiB file read 4 times in 4 KiB fd_read calls (32768 calls)
# Prints wall-clock seconds (best of 3) and ns per host call. The "strace" rows run
# `wasmdbg strace -o /dev/null`: every call decoded and formatted by the tracer, the "jit"
# rows `wasmdbg run --jit` (the JIT tier: each host call leaves native code for the
# interpreter, which makes the call). node runs the module with its optimising JIT, wasmdbg
# run with its interpreter, so the loop around each call costs more in wasmdbg; the
# write_loop body is tiny, so its time is dominated by the host call.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WASMDBG=${1:-$HERE/../../build/wasmdbg}
OUT=${TMPDIR:-/tmp}/wd-bench-wasi
mkdir -p "$OUT/data"
for p in write_loop read_file; do
    clang --target=wasm32-wasi -O2 "$HERE/$p.c" -o "$OUT/$p.wasm"
done
[ -f "$OUT/data/big.bin" ] || head -c $((32 * 1024 * 1024)) /dev/urandom > "$OUT/data/big.bin"

best() {  # best of 3 wall-clock runs of "$@", in seconds
    local b=""
    for _ in 1 2 3; do
        local s e t
        s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}
printf '%-12s %-8s %10s %14s\n' program runner seconds ns/call
for r in wasmdbg jit strace node; do
    if [ $r = wasmdbg ] || [ $r = jit ]; then
        tier=; [ $r = jit ] && tier=--jit
        t=$(best "$WASMDBG" run $tier "$OUT/write_loop.wasm" -- 1000000)
        t2=$(best "$WASMDBG" run $tier "$OUT/read_file.wasm" --dir "$OUT/data::/data" -- 4)
    elif [ $r = strace ]; then
        t=$(best "$WASMDBG" strace -o /dev/null "$OUT/write_loop.wasm" 1000000)
        t2=$(best "$WASMDBG" strace -o /dev/null --dir "$OUT/data::/data" "$OUT/read_file.wasm" 4)
    else
        t=$(best node --no-warnings "$HERE/run-node.mjs" "$OUT/write_loop.wasm" "$OUT/data" 1000000)
        t2=$(best node --no-warnings "$HERE/run-node.mjs" "$OUT/read_file.wasm" "$OUT/data" 4)
    fi
    printf '%-12s %-8s %10.3f %14.0f\n' write_loop $r "$t" "$(echo "$t * 1000000000 / 1000000" | bc -l)"
    printf '%-12s %-8s %10.3f %14.0f\n' read_file $r "$t2" "$(echo "$t2 * 1000000000 / 32768" | bc -l)"
done
