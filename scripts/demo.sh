#!/usr/bin/env bash
# demo.sh: install what is needed, build, and show wasmdbg's main jobs on the bundled
# example examples/shapes.c (a wasm32-wasi C program built with -g): a gdb-like debugging
# session in batch mode, a WASI syscall trace, a source-level symbolization, a profile and
# the same run in the interpreter and in the JIT tier.
# On a terminal it ends by saying how to open the full-screen debugger on the same program.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== building wasmdbg (scripts/build.sh)"
bash scripts/build.sh

wasm=build/examples/shapes.wasm
if [ ! -f "$wasm" ]; then
  echo "demo.sh: $wasm was not built (are clang, wasm-ld and wasi-libc installed?)" >&2
  exit 1
fi

run() {
  echo "\$ $*"
  "$@"
  echo
}

echo
echo "== 1. debug examples/shapes.c in batch mode: break in a function, run to it, look around"
run build/wasmdbg -batch -ex 'break perimeter' -ex run -ex bt -ex 'print *s' \
  -ex 'print s->lengths' -ex finish -ex 'info locals' -ex delete -ex continue "$wasm"

echo "== 2. the same program's WASI system calls, strace-style"
run build/wasmdbg run --trace-wasi "$wasm"

echo "== 3. a wasm code offset mapped back to source, with inlined frames"
offset=$(build/wasmdbg lines "$wasm" shapes.c --line 24 | awk 'NR==1 {print $4}')
run build/wasmdbg symbolize "$wasm" "$offset"

echo "== 4. a deterministic profile (one sample per 1000 instructions) of fib(27)"
run build/wasmdbg profile --mode insns --interval 1000 --top=5 build/examples/fib.wasm --invoke fib 27

echo "== 5. the same fib(35) in the interpreter and in the JIT tier (--jit), timed"
for tier in "" --jit; do
  echo "\$ build/wasmdbg run ${tier:+$tier }build/examples/fib.wasm --invoke fib 35"
  start=$(date +%s%N)
  build/wasmdbg run $tier build/examples/fib.wasm --invoke fib 35
  echo "  ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
done
echo

echo "== done. More: build/wasmdbg --help"
if [ -t 1 ]; then
  echo "   The full-screen debugger on the same program: build/wasmdbg $wasm"
fi
