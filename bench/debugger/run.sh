#!/bin/bash
# bench/debugger/run.sh: the debugger's cost targets (see bench.py for what is measured):
#   1. a breakpoint in a function that is never called vs none, on bench/*.c (target <= 5%)
#   2. a watchpoint that is never hit vs none (the cost of checking every access)
#   3. next over a call that executes ~10^8 instructions vs a plain run (target: full speed)
#   4. 100,000 stepi in batch mode (target: <= 1 s)
# usage: run.sh WASMDBG [WORKDIR] [bench.py options: --runs N --only a,b --min-seconds S]
# needs clang for wasm32-wasi. Figures are CPU time (user+sys), best of N.
set -eu
WASMDBG=$(realpath "$1")
WORK=${2:-/tmp/wd-bench-debugger}
shift $(( $# >= 2 ? 2 : 1 ))
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK"
python3 "$HERE/bench.py" "$WASMDBG" --work "$WORK" "$@"
cd "$WORK"
clang --target=wasm32-wasi -g -O2 "$HERE/loop.c" -o loop.wasm
best=""
for _ in 1 2 3; do
    /usr/bin/time -o stepi.time -f "%U %S" "$WASMDBG" -batch -ex 'break work' -ex run \
        -ex 'stepi 100000' -ex kill loop.wasm > /dev/null 2>&1 || true
    t=$(awk '{print $1 + $2}' stepi.time)
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
done
echo
echo "4. break work + run + stepi 100000: ${best} s CPU (best of 3; target <= 1 s)"
