#!/usr/bin/env bash
# run-flame-tests.sh WASMDBG HOT_C: the profile pane (8) in a real terminal (tmux).
# Builds tests/profiler/progs/hot.c (hot() does 8x the work of warm(), 32x that of cold()),
# opens it in the full-screen debugger, profiles a run in insns mode (deterministic), and
# checks that hot() is the widest frame under run() and the table's first row, the table's
# sort and its jump to the source, the heat gutter, that the pane fills in live while a
# longer run is recording, and its colours (256, 8, none under NO_COLOR). Exit 77 (skip) without tmux or a wasm32 clang.
WASMDBG=${1:?usage: run-flame-tests.sh WASMDBG HOT_C}
HOT_C=${2:?usage: run-flame-tests.sh WASMDBG HOT_C}
if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux not found (apt-get install tmux)"
    exit 77
fi
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tmux-lib.sh
. "$HERE/tmux-lib.sh"
HOT="$TUI_TMP/hot.wasm"
if ! clang --target=wasm32 -O1 -g -nostdlib -Wl,--no-entry -Wl,--export=run -o "$HOT" "$HOT_C" \
        2>"$TUI_TMP/cc.err"; then
    echo "SKIP: clang cannot build wasm32 modules: $(head -c 300 "$TUI_TMP/cc.err")"
    exit 77
fi
export ASAN_OPTIONS="log_path=$TUI_TMP/asan:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="log_path=$TUI_TMP/ubsan:print_stacktrace=1:${UBSAN_OPTIONS:-}"

# check COND DESCRIPTION: one more check, failed unless COND (a command) succeeds
check() {
    CHECKS=$((CHECKS + 1))
    if eval "$1"; then echo "ok: $2"; else fail "$2"; fi
}

# the icicle row under run(): hot's frame must be wider than warm's and cold's (left-heavy:
# hot, warm, then cold's frame, too narrow for its name)
hot_is_widest() {
    screen | python3 -c '
import sys
for line in sys.stdin:
    i, j = line.find("│hot "), line.find(" warm ")
    if i >= 0 and j > i:
        hot = j + 1 - (i + 1)
        rest = line.rstrip().rfind("│") - (j + 1)
        sys.exit(0 if hot > 2 * rest and hot > 0.8 * (hot + rest) else 1)
sys.exit(1)'
}

# what `wasmdbg profile` counts for the same run: "# 19425 samples, ..." -> 19,425
EXPECT_SAMPLES=$("$WASMDBG" profile --mode insns --interval 1000 --top=1 "$HOT" --invoke run 100000 2>/dev/null |
                 sed -n 's/^# \([0-9]*\) samples.*/\1/p' | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
[ -n "$EXPECT_SAMPLES" ] || { echo "FAIL: wasmdbg profile gave no sample count"; exit 1; }

# --- a whole run in insns mode at 120x36 -------------------------------------------------------
tui_start 120x36 "$WASMDBG" "$HOT" --invoke run 100000
wait_for "not started" "opens hot.wasm"
keys 8
wait_for "No profile yet." "the profile pane says there is no profile"
wait_for "P starts the profiler" "... and how to start one"
typed ":profile start --mode insns --interval 1000"; keys Enter
wait_for "Profiling (insns mode, a sample every 1000 instructions)" ":profile start works in the session"
wait_for "8 Profile: flamegraph  (profiler on)" "the pane knows the profiler is on"
keys c
wait_for "exited with status 0" "c runs the program to its end"
wait_for "all  total 100.0%" "the flamegraph is drawn, the root selected"
wait_for "$EXPECT_SAMPLES samples, " "the same sample count as wasmdbg profile (insns mode is exact)"
check hot_is_widest "hot() is the widest frame under run()"
keys j j
wait_for "hot  hot.c:6  total 86.5%  self 86.5%" "j twice selects the heaviest path: hot, 86.5%"
keys Enter
wait_for "flamegraph, zoom: hot" "Enter zooms into hot()"
wait_for "hot at " "... and shows it in the source pane"
keys BSpace
wait_gone "flamegraph, zoom: hot" "Backspace zooms out"
keys /
typed "^(warm|cold)$"; keys Enter
wait_for "/^(warm|cold)$/ 13.5%" "/ search shows the matched share"
keys t
wait_for "8 Profile: table" "t opens the table"
check "screen | grep -A1 'self%▼' | tail -1 | grep -Eq '│ *8[0-9]\.[0-9]+ +8[0-9]\.[0-9]+ +[0-9]+ +hot +hot\.c:6'" \
      "hot() is the table's first row"
keys s
wait_for "sorted by total" "s sorts by total %"
check "screen | grep -A1 'total%▼' | tail -1 | grep -q ' run '" "run() is first by total"
keys Enter
wait_for "run at " "Enter on a row opens the function in the source pane"
# the heat gutter: hot's loop carries its share beside the line number, on its for line (insns
# samples are taken at the back-edge and go to the branch that closes the loop)
typed ":goto hot.c:6"; keys Enter
check "sleep 0.2; screen | grep -Eq '│[ >-]+ +6  (8[0-9]|7[0-9]|6[0-9])% '" "the heat gutter shows line 6's share"
keys %
wait_for "heat gutter off" "% turns the gutter off"
check "sleep 0.2; ! screen | grep -Eq '│[ >-]+ +6 +[0-9.]+% '" "the gutter is gone"
keys q
wait_dead 0

# --- live: the pane fills in while the program runs --------------------------------------------
tui_start 100x30 "$WASMDBG" "$HOT" --invoke run 40000000
wait_for "not started" ""
typed ":layout profile"; keys Enter
wait_for "layout profile" ":layout profile puts the flamegraph beside the source"
keys P
wait_for "Profiling (cycles mode" "P starts the profiler (cycles mode by default)"
keys 8 c
wait_for "● recording" "the pane says it is recording while the program runs"
first=$(screen | grep -o '│[0-9,]* samples' | head -1)
deadline=$(( $(now_ms) + TUI_TIMEOUT * 1000 ))
while now=$(screen | grep -o '│[0-9,]* samples' | head -1); [ "$now" = "$first" ] || [ -z "$now" ]; do
    [ "$(now_ms)" -lt "$deadline" ] || break
    sleep 0.05
done
check "[ -n \"\$now\" ] && [ \"\$now\" != \"\$first\" ]" \
      "the sample count moves while the program runs ($first -> $now)"
keys C-c
wait_for "paused" "Ctrl-C pauses the run"
keys P
wait_for "Profiling stopped" "P stops the profiler"
keys q
wait_dead 0

# --- colours: 256 colours, the 8-colour fallback (TERM=screen), none under NO_COLOR --------------
# frame_row: the icicle row holding hot's frame, with its SGR sequences
frame_row() { tm capture-pane -p -e -t "$T" | grep 'hot ' | grep -v 'hot(n' | head -1; }
for setting in "" "TERM=screen" "NO_COLOR=1"; do
    tui_start 100x30 env $setting "$WASMDBG" "$HOT" --invoke run 100000
    wait_for "not started" ""
    typed ":profile start --mode insns"; keys Enter
    keys 8 c
    wait_for "all  total 100.0%" "${setting:-256 colours}: the flamegraph is drawn"
    case "$setting" in
    "") check "frame_row | grep -q '48;5;'" "256 colours: frames have 256-colour backgrounds" ;;
    TERM=screen) check "frame_row | grep -Eq $'\e\\[4[1-6]m' && ! frame_row | grep -q '48;5;'" \
                       "TERM=screen: frames fall back to the 8 colours" ;;
    *) check "frame_row | grep -q $'\e\\[7mhot' && ! frame_row | grep -Eq $'\e\\[(3|4)[0-7]m|[34]8;5;'" \
             "NO_COLOR: frames are reverse video, no colour" ;;
    esac
    keys q
    wait_dead 0
done

for f in "$TUI_TMP"/asan* "$TUI_TMP"/ubsan*; do
    [ -e "$f" ] || continue
    CHECKS=$((CHECKS + 1))
    fail "sanitizer report: $(head -20 "$f")"
done
tui_finish
