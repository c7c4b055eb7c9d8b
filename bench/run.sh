#!/usr/bin/env bash
# run.sh: benchmarks: wasmdbg (interpreter and JIT tier) against native code, node (V8)
# and wabt's wasm-interp.
#
#   bench/run.sh [--quick] [--runs N] [--only fib,sieve,...] [--skip COLUMN,...]
#                [--timeout SECONDS]
#
#   --quick     small inputs (native runs of a few milliseconds), for a smoke run
#   --runs N    runs per cell, the median is shown (default 3)
#   --only      a subset of: fib sieve nbody matmul hash mandelbrot sort strings
#   --skip      columns not to run (shown as "skip"), e.g. wasm-interp, by far the slowest
#   --timeout   seconds per run before it counts as failed (default 120)
#
# Columns: native (clang -O2), wasmdbg (`wasmdbg run`, the interpreter), wasmdbg-jit
# (`wasmdbg run --jit`, the x86-64 JIT tier), v8 (node's default tiering), liftoff
# (--liftoff-only), turbofan (--no-liftoff), wasm-interp (wabt's interpreter).
#
# Builds wasmdbg (scripts/build.sh; if that fails, its columns show "fail"), installs nodejs
# if it is missing, builds the programs of bench/*.c into build/bench/ and prints two
# tables: the median wall time of each program under each runner and its ratio to native,
# then the geometric mean of each ratio column; and the median peak RSS of each process as
# a ratio to wasmdbg's (the interpreter's). Every runner's checksum is compared with
# native's; a mismatch is reported loudly and makes the exit status 1. Tables also in
# build/bench/results.txt; bench/README.md has the last recorded run.
set -euo pipefail
cd "$(dirname "$0")/.."

for a in "$@"; do
  case "$a" in -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
done

if ! bash scripts/build.sh; then
  echo "run.sh: building wasmdbg failed; the wasmdbg column will show 'fail'" >&2
fi

if ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "run.sh: installing nodejs"
    { apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs; } \
      >/dev/null </dev/null || echo "run.sh: could not install nodejs; node columns will show 'fail'" >&2
  else
    echo "run.sh: node is not installed (apt-get install nodejs); node columns will show 'fail'" >&2
  fi
fi

exec python3 bench/bench.py "$@"
