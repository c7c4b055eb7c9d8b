#!/bin/bash
# bench/debugger/run.sh: the debugger's cost targets (see bench.py for what is measured):
#   1. a breakpoint in a function that is never called vs none, on bench/*.c (target <= 5%)
#   2. a watchpoint that is never hit vs none (the cost of checking every access)
#   3. next over a call that executes ~10^8 instructions vs a plain run (target: full speed)
#   4. 100,000 stepi in batch mode (target: <= 1 s): one `stepi 100000`, and 100,000 `stepi`
#      commands from a file (each a stop with its location printed)
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
# 4a: one command, stepi 100000 (counted inside the probe: one stop);
# 4b: 100,000 stepi commands from a -x file, each a stop and a reported location
{ echo 'break work'; echo run; for _ in $(seq 100000); do echo stepi; done; echo kill; } > stepi100k.cmds
# CPU time (user + sys) of one batch session, in ms resolution (bash's time keyword)
cpu_of() {
    local TIMEFORMAT='%3U %3S' t
    t=$( { time "$WASMDBG" -batch "$@" loop.wasm > /dev/null 2>&1; } 2>&1 ) || true
    awk '{ printf "%.3f", $1 + $2 }' <<<"$t"
}
best_of3() {
    local best="" t
    for _ in 1 2 3; do
        t=$(cpu_of "$@")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    echo "$best"
}
one=$(best_of3 -ex 'break work' -ex run -ex 'stepi 100000' -ex kill)
many=$(best_of3 -x stepi100k.cmds)
echo
echo "4. 100,000 stepi in batch mode (target <= 1 s), CPU time, best of 3:"
echo "   break work + run + 'stepi 100000' (one command):       ${one} s"
echo "   break work + run + 100,000 'stepi' commands (-x file): ${many} s"
echo "   break work + run (the session without the steps):      $(best_of3 -ex 'break work' -ex run -ex kill) s"
