#!/usr/bin/env bash
# screenshots.sh [BUILD_DIR]: regenerates screenshots/*.png from real runs of the bundled
# examples in the full-screen debugger (tui-flamegraph profiles one): tmux runs wasmdbg, keys
# are sent, the screen is waited on (text, never fixed sleeps), captured with colours and
# rendered to PNG by scripts/ansi2png.py (python3-pil, fonts-dejavu-core).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
# absolute: the script changes directory before starting wasmdbg
BUILD=$(cd "$BUILD" 2>/dev/null && pwd) || { echo "screenshots: no build directory ${1:-$ROOT/build}" >&2; exit 1; }
WASMDBG=$BUILD/wasmdbg
SHAPES=$BUILD/examples/shapes.wasm
OUT=$ROOT/screenshots
PY=/usr/bin/python3
[ -x "$WASMDBG" ] || { echo "screenshots: $WASMDBG not built" >&2; exit 1; }
[ -f "$SHAPES" ] || { echo "screenshots: $SHAPES not built (make examples_shapes)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "screenshots: tmux missing" >&2; exit 1; }
"$PY" -c 'import PIL' 2>/dev/null || { echo "screenshots: python3-pil missing" >&2; exit 1; }
# shellcheck source=../tests/tui/tmux-lib.sh
. "$ROOT/tests/tui/tmux-lib.sh"
mkdir -p "$OUT"
cd "$ROOT/examples" # the program's own path is shown in the status line

# stable SIZE: wait until the screen has not changed for 300 ms, then save NAME
stable_shot() {
    local name=$1 size=$2 a b
    a=$(tm capture-pane -p -e -t "$T")
    while :; do
        sleep 0.3
        b=$(tm capture-pane -p -e -t "$T")
        [ "$a" = "$b" ] && break
        a=$b
    done
    tm capture-pane -p -e -N -t "$T" >"$TUI_TMP/$name.ans"
    "$PY" "$ROOT/scripts/ansi2png.py" "$TUI_TMP/$name.ans" "$OUT/$name.png" "${size%x*}" "${size#*x}"
    echo "screenshots: $OUT/$name.png"
}

# 1. paused in perimeter, called from main, structs expanded (120x36)
tui_start 120x36 "$WASMDBG" "$SHAPES"
wait_for "not started" >/dev/null
typed ":51"; keys Enter; keys b
wait_for "Breakpoint 1 at" >/dev/null
keys c; wait_for "(breakpoint 1)" >/dev/null
keys n; wait_for "shapes.c:52" >/dev/null
keys c; wait_for "(breakpoint 1)" >/dev/null
keys s; wait_for "in perimeter" >/dev/null
keys n; wait_for "shapes.c:25" >/dev/null
keys n; wait_for "shapes.c:26" >/dev/null
keys u; wait_for ">#1  main" >/dev/null
keys 3 j j j j Enter; wait_for "▾ sq" >/dev/null
keys 1
stable_shot tui-main 120x36
# 2. the memory pane following a pointer
typed ":memory list"; keys Enter; wait_for "memory at" >/dev/null
keys Enter; wait_for "followed pointer" >/dev/null
stable_shot tui-memory 120x36
# 3. help overlay
keys '?'; wait_for "Help: keys" >/dev/null
stable_shot tui-help 120x36
keys Escape q

# 4. the default layout at 80x24
tui_start 80x24 "$WASMDBG" "$SHAPES"
wait_for "not started" >/dev/null
keys s; wait_for "paused at shapes.c:45" >/dev/null
for l in 46 47 48 49 50; do keys n; wait_for "shapes.c:$l" >/dev/null; done
keys s; wait_for "in move" >/dev/null
stable_shot tui-80x24 80x24
keys q

# 5. a large terminal and a trap
tui_start 170x48 "$WASMDBG" "$SHAPES" --divide
wait_for "not started" >/dev/null
keys c; wait_for "trapped: integer divide by zero" >/dev/null
stable_shot tui-trap 170x48
keys q
# 6. the profile layout: the flamegraph of a whole run (insns mode) beside the source with
#    its heat gutter, a search highlighting two functions
tui_start 120x36 "$WASMDBG" "$SHAPES"
wait_for "not started" >/dev/null
typed ":layout profile"; keys Enter
typed ":profile start --mode insns --interval 20"; keys Enter
wait_for "Profiling (insns mode" >/dev/null
keys c; wait_for "exited with status 0" >/dev/null
typed ":goto perimeter"; keys Enter
keys 8 j j j j j; wait_for "main  shapes.c:" >/dev/null
keys /; typed "perimeter|chain_length"; keys Enter
wait_for "/perimeter|chain_length/" >/dev/null
stable_shot tui-flamegraph 120x36
keys q
echo "screenshots: done"
