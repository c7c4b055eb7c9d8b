#!/bin/bash
# bench/tui/redraw.sh: the redraw after a step in the full-screen debugger (issue 6: <= 16 ms
# for a 200x60 terminal on the bench programs). Each bench/<name>.c is built as a WASI command
# (clang -g at -O0 and -O2, with bench/main_native.c); wasmdbg opens it in a tmux terminal of
# COLSxROWS, stops at bench_<name>, resets the TUI's redraw clock (:timing reset), steps
# (n, and s every fourth key) STEPS times, then reads `:timing`: the number of redraws, their
# mean and maximum (wall time of drawing the panes into the canvas and writing the changed
# cells through ncurses, as measured inside wasmdbg) and the cells the last one wrote.
# usage: redraw.sh WASMDBG [WORKDIR] [COLSxROWS] [STEPS]      needs clang for wasm32-wasi, tmux
#        ONLY=fib,sieve redraw.sh ...   some programs only
set -u
WASMDBG=$(realpath "${1:?usage: redraw.sh WASMDBG [WORKDIR] [COLSxROWS] [STEPS]}")
WORK=${2:-/tmp/wd-bench-tui-redraw}
SIZE=${3:-200x60}
STEPS=${4:-40}
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=$(cd "$HERE/.." && pwd)
mkdir -p "$WORK"
# shellcheck source=../../tests/tui/tmux-lib.sh
. "$BENCH/../tests/tui/tmux-lib.sh"
top() { row 0; }
# waits (up to 2 s) until the status line differs from $1: a step that stays on its line
# (a loop of one line) leaves it as it was, hence the soft deadline
changed() {
    local deadline=$(( $(now_ms) + 2000 ))
    while [ "$(top)" = "$1" ] && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.02; done
}
printf '%-12s %4s %6s %8s %10s %10s %10s\n' program opt steps redraws "mean ms" "max ms" cells
# small arguments: next over a call stays short
for spec in fib:20 sieve:1 nbody:1000 matmul:20 hash:1 mandelbrot:20 sort:1000 strings:1; do
    name=${spec%%:*} n=${spec#*:}
    case ",${ONLY:-$name}," in *",$name,"*) ;; *) continue ;; esac
    for opt in 0 2; do
        wasm="$WORK/$name.O$opt.wasm"
        clang --target=wasm32-wasi -O$opt -g -DBENCH_FN=bench_$name "$BENCH/$name.c" \
            "$BENCH/main_native.c" -o "$wasm" || exit 1
        tui_start "$SIZE" "$WASMDBG" "$wasm" "$n"
        wait_for "not started" >/dev/null || continue
        typed ":break bench_$name"; keys Enter
        keys c
        wait_for "in bench_$name" >/dev/null || continue
        typed ":timing reset"; keys Enter
        wait_for "redraw timing reset" >/dev/null
        for ((k = 0; k < STEPS; k++)); do
            before=$(top)
            if [ $((k % 4)) = 3 ]; then keys s; else keys n; fi
            changed "$before"
            case "$(top)" in *exited*|*trapped*) k=$((k + 1)); break ;; esac
        done
        typed ":timing"; keys Enter
        wait_for "redraw: " >/dev/null
        screen | grep -o 'redraw: [0-9]* frames, last [0-9.]* ms ([0-9]* cells written), mean [0-9.]* ms, max [0-9.]* ms' | tail -1 |
            awk -v p="$name" -v o="O$opt" -v k="$k" '{ gsub(/[(,]/, ""); printf "%-12s %4s %6s %8s %10s %10s %10s\n", p, o, k, $2, $11, $14, $7 }'
        keys q
        tm kill-server >/dev/null 2>&1
    done
done
