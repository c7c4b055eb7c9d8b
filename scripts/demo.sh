#!/usr/bin/env bash
# demo.sh: install what is needed, build, and run the bundled example module
# (examples/fib.c, compiled to build/examples/fib.wasm) under wasmdbg.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== building wasmdbg (scripts/build.sh)"
bash scripts/build.sh

wasm=build/examples/fib.wasm
if [ ! -f "$wasm" ]; then
  echo "demo.sh: $wasm was not built (is clang with wasm-ld installed?)" >&2
  exit 1
fi

run() {
  echo "\$ $*"
  "$@"
  echo
}

echo
echo "== running the example: $wasm (source: examples/fib.c)"
echo "-- the recursive Fibonacci function, fib(25):"
run build/wasmdbg run "$wasm" --invoke fib 25
echo "-- sum_squares(100) fills an array in linear memory with i*i and adds it up:"
run build/wasmdbg run "$wasm" --invoke sum_squares 100
echo "== done. More: build/wasmdbg --help"
