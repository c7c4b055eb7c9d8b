#!/bin/bash
# bench/debugger/run.sh: the debugger's cost targets.
#   1. a breakpoint in a function that is never called vs none (target: <= 5% slower)
#   2. 100,000 stepi in batch mode (target: <= 1 s)
#   3. next over a call that executes ~10^8 instructions vs plain run (target: full speed)
#   4. a watchpoint's cost (the global probe checks every load and store)
# usage: run.sh WASMDBG [WORKDIR]      needs clang for wasm32-wasi
set -eu
WASMDBG=$1 WORK=${2:-/tmp/wd-bench-debugger}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"
cd "$WORK"
clang --target=wasm32-wasi -g -O2 -c "$HERE/loop.c" -o loop.o
clang --target=wasm32-wasi loop.o -o loop.wasm
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
base=$(t "$WASMDBG" -batch -ex run loop.wasm)
bp=$(t "$WASMDBG" -batch -ex 'break never_called' -ex run loop.wasm)
echo "run, no breakpoint:                  ${base}s"
echo "run, breakpoint never hit:           ${bp}s"
si=$(t "$WASMDBG" -batch -ex 'break work' -ex run -ex 'stepi 100000' loop.wasm)
echo "break + run + stepi 100000:          ${si}s"
nx=$(t "$WASMDBG" -batch -ex 'break main' -ex run -ex next -ex next -ex next loop.wasm)
echo "next over work() (~10^8 insns):      ${nx}s"
w=$(t "$WASMDBG" -batch -ex 'break main' -ex run -ex 'watch sink' -ex continue loop.wasm)
echo "run with a watchpoint (never hit):   ${w}s"
