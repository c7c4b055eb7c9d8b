#!/usr/bin/env bash
# run-tui-tests.sh WASMDBG SHAPES_WASM [CLANG [PART]]: the full-screen debugger in a real
# terminal (tmux). Part `shapes`: opens examples/shapes.wasm, sets a breakpoint with a key,
# runs to it, steps over and into, finishes, switches frames, expands a struct, follows a
# pointer in the memory pane, resizes (also below the minimum), checks traps, escape sequences
# in program output, and quits; at 80x24, the F-keys, mouse clicks (focus, the wheel, the
# breakpoint gutter) and a help taller than the screen; at 120x40, source search, the
# breakpoints pane (toggle, condition, delete) and the WASI log's filter. Part `tuiprog`: tests/tui/tuiprog.c compiled with CLANG: a
# program reading stdin (the UI stays live, "waiting for input", typed lines, Ctrl-D, Ctrl-C
# while it waits, R and :restart), poll on stdin with a timeout, Ctrl-C on a long loop and the
# keys while it runs, and a source file the line table names that is missing.
# Exit 77 (skip) when tmux is missing.
WASMDBG=${1:?usage: run-tui-tests.sh WASMDBG SHAPES_WASM [CLANG]}
SHAPES=${2:?usage: run-tui-tests.sh WASMDBG SHAPES_WASM [CLANG]}
CLANG=${3:-clang}   # compiles tuiprog.c (stdin, a long loop, poll) for wasm32-wasi
PART=${4:-all}      # shapes: the shapes.wasm sessions; tuiprog: the tuiprog.c ones; all
if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux not found (apt-get install tmux)"
    exit 77
fi
[ -f "$SHAPES" ] || { echo "SKIP: $SHAPES not built (clang with wasm32-wasi and wasi-libc needed)"; exit 77; }
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tmux-lib.sh
. "$HERE/tmux-lib.sh"
export ASAN_OPTIONS="log_path=$TUI_TMP/asan:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="log_path=$TUI_TMP/ubsan:print_stacktrace=1:${UBSAN_OPTIONS:-}"

if [ "$PART" != tuiprog ]; then
# --- a session at 100x30 ---------------------------------------------------------------------
tui_start 100x30 "$WASMDBG" "$SHAPES"
wait_for "not started" "opens, status line says not started"
wait_for "1 Source: shapes.c" "source pane shows main's file"
wait_for "F5/c Cont" "bottom bar names the keys"
# a breakpoint with a key: go to line 51 (:51), then b
typed ":51"; keys Enter
wait_for "(wasmdbg) 51" "the : line takes a line number"
keys b
wait_for "Breakpoint 1 at" "b sets a breakpoint on the cursor line"
keys c
wait_for "paused at shapes.c:51 in main (breakpoint 1)" "c runs to the breakpoint"
keys n
wait_for "paused at shapes.c:52 in main" "n steps over"
keys c
wait_for "paused at shapes.c:51 in main (breakpoint 1)" "c again: next iteration"
keys s
wait_for "in perimeter" "s steps into perimeter"
wait_for "#1  main" "the call stack shows the caller"
wait_for "  p = " "the locals pane shows perimeter's variables"
keys u
wait_for ">#1  main" "u selects the caller frame"
wait_for "#1  0x" "the debugger's up reports the frame in the console"
wait_for "▸ tri = {" "the locals pane moves to the caller's variables"
wait_for "◉> 51" "the source pane moves to the caller's line"
keys d
wait_for ">#0  perimeter" "d goes back down"
wait_for "> 24     int p = 0;" "the source pane follows back to perimeter"
keys f
wait_for "Run till exit" "f finishes"
wait_for "paused at shapes.c:51 in main" "finish returns to main"
# expand a struct in the locals pane: argc argv tri sq
keys 3
wait_for "▸ sq" "locals pane lists the structs collapsed"
keys j j j j Enter
wait_for "▾ sq" "Enter expands the struct"
wait_for "sides = 4" "its members are shown"
keys j j Enter
wait_for "▾ pos" "a nested struct expands"
keys h h
# follow a pointer: the list variable points at sq; sq.name at the string
keys G
keys k
keys Enter
wait_for "▾ list" "Enter on a pointer opens what it points to"
wait_for "*list = {" "the pointee comes from the debugger"
keys Enter
typed ":memory list"; keys Enter
wait_for "memory at 0x" ":memory VAR shows memory at a pointer's value"
wait_for "5 Memory 0x" "the memory pane has the focus"
keys Enter
wait_for "followed pointer to 0x" "Enter follows the pointer at the cursor"
wait_for "square" "the memory pane shows the string it points to"
keys BSpace
# the stack pane: select a frame with Enter
keys 4 j Enter
wait_for ">#1" "Enter in the stack pane selects a frame"
keys H
wait_for ">#0  main" "H goes back to the innermost frame"
# help overlay
keys '?'
wait_for "Help: keys" "? shows the help overlay"
keys Escape
wait_gone "Help: keys" "any key closes it"
# resize while paused, and below the minimum
tm resize-window -t t -x 80 -y 24
wait_for "80x24" "resize to 80x24 redraws"
wait_for "paused at shapes.c:51" "status line survives the resize"
tm resize-window -t t -x 40 -y 10
wait_for "terminal too small" "a terminal below the minimum shows a plain message"
tm resize-window -t t -x 120 -y 40
wait_for "120x40" "back to 120x40"
wait_for "1 Source: shapes.c" "layout restored"
# the : line takes every command of the debugger's table
typed ":print total"; keys Enter
wait_for "\$2 = 8" ":print shows a variable (finish's value was \$1)"
typed ":print sq.pos"; keys Enter
wait_for "\$3 = {x = 11, y = 21}" ":print takes C expressions (a member)"
typed ":x/4xw &sq"; keys Enter
wait_for "0x0000000b" ":x examines memory in the console"
wait_for "0x00000015" ":x shows the words after it"
typed ":info breakpoints"; keys Enter
wait_for "keep y   0x" ":info breakpoints lists it"
typed ":info wasm-g"; keys Tab
wait_for ":info wasm-globals" "Tab completes an info subcommand on the : line"
keys Enter
wait_for "global[0] mut i32 = " "the completed command runs"
typed ":p t"; keys Tab
wait_for "total  tri" "Tab lists the variables a word could be"
keys C-u Escape
typed ":run"; keys Enter
wait_for "paused at shapes.c:51 in main (breakpoint 1)" ":run restarts and hits it again"
keys N
wait_gone "main (breakpoint 1)" "N steps one instruction"
keys 1
typed ":51"; keys Enter
keys B
wait_for "○> 51" "B disables the breakpoint on the cursor line"
keys L
wait_for "layout source" "L switches the layout"
typed ":layout auto"; keys Enter
wait_for "layout auto" ""
keys 3 w
typed "total * 2"; keys Enter
wait_for "total * 2 = " "w in the locals pane adds a display"
typed ":delete 1"; keys Enter
keys c
wait_for "exited with status 0" "the program runs to its end"
wait_for "chain length 2, total 20" "program output in its own pane"
keys q
wait_dead 0

# --- 80x24: the F-keys, the mouse, a help taller than the screen ------------------------------
tui_start 80x24 "$WASMDBG" "$SHAPES"
wait_for "not started" ""
wait_for "1 Source: shapes.c" "80x24: the source pane"
wait_for "4 Call stack" "80x24: the stack pane"
wait_for "Program I/O" "80x24: the program I/O pane"
typed ":51"; keys Enter
keys F9
wait_for "Breakpoint 1 at" "F9 sets a breakpoint on the cursor line"
keys F5
wait_for "paused at shapes.c:51 in main (breakpoint 1)" "F5 runs to it"
keys F10
wait_for "paused at shapes.c:52 in main" "F10 steps over"
keys F5
wait_for "paused at shapes.c:51 in main (breakpoint 1)" "F5 continues to it again"
keys F11
wait_for "paused at shapes.c:24 in perimeter" "F11 steps into"
keys S-F11
wait_for "Value returned is \$1 = (int) 12" "Shift-F11 finishes, with the value and its C type"
wait_for "paused at shapes.c:51 in main" "Shift-F11 returns to the caller"
# the mouse: a click focuses a pane (the status line names it), the wheel scrolls the source,
# a click in the source gutter toggles a breakpoint
srow=$(screen | grep -n "│ *[0-9]* *> 51 " | head -1 | cut -d: -f1)
mouse 0 60 9   # the #0 row: focus, and frame 0 stays selected
wait_for "Call stack  auto" "a click focuses the stack pane"
mouse 0 10 5
wait_for "Source  auto" "a click focuses the source pane"
top=$(row 2)
mouse 65 10 5
CHECKS=$((CHECKS + 1))
deadline=$(( $(now_ms) + TUI_TIMEOUT * 1000 ))
while [ "$(row 2)" = "$top" ] && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
if [ "$(row 2)" != "$top" ]; then echo "ok: the wheel scrolls the source"; else fail "the wheel did not scroll"; fi
typed ":51"; keys Enter
srow=$(screen | grep -n "> 51 " | head -1 | cut -d: -f1)
mouse 0 1 $(( ${srow:-1} - 1 ))
wait_for "(wasmdbg) delete 1" "a click in the gutter removes the breakpoint there"
wait_gone "◉> 51" "its marker goes"
keys F1
wait_for "more below" "the help at 80x24 says it scrolls"
keys PgDn
wait_for "Ctrl-L" "PgDn shows the rest of the help"
keys x
wait_gone "Help: keys" "another key closes the help"
keys q
wait_dead 0

# --- 120x40: source search, the breakpoints pane, the WASI log's filter ------------------------
tui_start 120x40 "$WASMDBG" "$SHAPES"
wait_for "not started" ""
keys 1 '/'; typed "chain_length"; keys Enter
wait_for "(list)" "/ searches the source (the first match is line 54)"
keys .
wait_for "- 30 static int chain_length" ". goes to the next match"
typed ":break perimeter"; keys Enter
typed ":break 51"; keys Enter
keys c
wait_for "paused at shapes.c:51 in main (breakpoint 2)" "runs to the breakpoint"
typed ":memory &total"; keys Enter
wait_for "memory at 0x" ":memory EXPR"
keys e
wait_for "edit: type hex digits" "e edits memory in place"
typed "2a"; keys Escape
wait_for "2a 00 00 00" "the byte typed is in memory"
typed ":print total"; keys Enter
wait_for "= 42" "the program sees it (total = 0x2a)"
keys 6
wait_for "2 ● shapes.c:51 in main  hit 1" "the breakpoints pane lists them with hit counts"
keys Space
wait_for "1 ○ shapes.c:24 in perimeter" "Space disables the one at the cursor"
keys e
wait_for ":condition 1" "e edits its condition on the : line"
typed " s->sides == 3"; keys Enter
wait_for "1 ◆ shapes.c:24 in perimeter  if s->sides == 3" "the condition is shown"
keys j Delete
wait_gone "shapes.c:51 in main  hit" "Delete removes the one at the cursor"
keys c
wait_for "exited with status 0" "the disabled breakpoint does not stop"
keys 7 /; typed "fd_write"; keys Enter
wait_for "filter: fd_write" "/ in the WASI log sets a filter"
wait_for "fd_write(1<<stdout>>, \"chain length" "the log shows the calls that pass it"
wait_gone "args_sizes_get" "and hides the others"
keys q
wait_dead 0

# --- a trap ------------------------------------------------------------------------------------
tui_start 100x30 "$WASMDBG" "$SHAPES" --divide
wait_for "not started" "opens with arguments"
keys F5
wait_for "trapped: integer divide by zero" "F5 runs; the status line names the trap"
wait_for "chain length 2, total 20" "every line printed before the trap is in the I/O pane (its stdout is a terminal: line-buffered)"
wait_for "#0  main" "the stack shows where"
keys q
wait_dead 0

# --- escape sequences in program output stay inert --------------------------------------------
tui_start 100x30 "$WASMDBG" "$SHAPES" --escape
wait_for "not started" "opens"
keys c
wait_for "exited with status 0" "runs to the end"
wait_for "^[[2J^[[H^[[31mthis text tried" "escape bytes are shown, not obeyed"
if row 0 | grep -qF "wasmdbg shapes.wasm"; then echo "ok: status line intact"; else fail "status line overwritten"; fi
CHECKS=$((CHECKS + 1))
keys q
wait_dead 0

# --- Ctrl-C pauses a running program; missing source shows the disassembly -------------------
tui_start 100x30 "$WASMDBG" "$SHAPES"
wait_for "not started" ""
typed ":break perimeter"; keys Enter
wait_for "Breakpoint 1 at" ":break FUNCTION"
typed ":tbreak *_start"; keys Enter
wait_for "Temporary breakpoint 2 at" ":tbreak *FUNCTION"
typed ":run"; keys Enter
wait_for "in _start (breakpoint 2)" "run stops in the entry code"
wait_for "2 Disassembly" "no source for the entry code: disassembly with a note"
keys q
wait_dead 0

fi

# --- tuiprog.c: stdin while running, Ctrl-C, keys while running, a missing source file ----
PROG="$TUI_TMP/tuiprog.wasm"
NOSRC="$TUI_TMP/nosrc.wasm"
if [ "$PART" = shapes ]; then
    :
elif ! "$CLANG" --target=wasm32-wasi -g -O0 -o "$PROG" "$HERE/tuiprog.c" 2>"$TUI_TMP/cc.err" ||
   ! "$CLANG" --target=wasm32-wasi -g -O0 -fdebug-prefix-map="$HERE=/nonexistent/src" \
        -o "$NOSRC" "$HERE/tuiprog.c" 2>>"$TUI_TMP/cc.err"; then
    echo "note: tuiprog.c not built ($(head -1 "$TUI_TMP/cc.err")): its checks are skipped"
else
    # a program reading stdin: the UI stays responsive while it waits
    tui_start 100x30 "$WASMDBG" "$PROG"
    wait_for "not started" ""
    keys c
    wait_for "waiting for input" "the status line says the program waits for input"
    wait_for "type lines>" "its prompt is in the program I/O pane"
    wait_for "Program I/O: waiting for input (Enter)" "the I/O pane says how to answer"
    keys '?'
    wait_for "Help: keys" "keys still work while it waits (help)"
    keys Escape
    wait_gone "Help: keys" ""
    keys 0 Enter
    wait_for "stdin>" "Enter in the I/O pane opens a stdin line"
    typed "hello tui"; keys Enter
    wait_for "echo 1: [hello tui]" "the program reads the typed line"
    typed ":stdin second line"; keys Enter
    wait_for "echo 2: [second line]" ":stdin TEXT sends a line"
    keys n
    wait_for "The program is running (Ctrl-C pauses it)." "n while running is refused in words"
    keys C-c
    wait_for "Program received signal SIGINT" "Ctrl-C pauses a program waiting for input"
    wait_for "paused at" "the status line says where"
    keys c
    wait_for "waiting for input" "continue: waits for input again"
    keys 0 C-d
    wait_for "end of input after 2 lines" "Ctrl-D ends the input"
    wait_for "exited with status 0" "the program ends"
    keys R
    wait_for "waiting for input" "R runs it again, with a fresh stdin"
    typed ":stdin third"; keys Enter
    wait_for "echo 1: [third]" "the new run reads it"
    typed ":restart"; keys Enter
    wait_for "waiting for input" ":restart kills and runs it again"
    typed ":stdin fourth"; keys Enter
    wait_for "echo 1: [fourth]" "a new process reads from the start"
    keys q
    wait_dead 0

    # poll_oneoff on stdin with a timeout: the timeouts still come, the UI never blocks
    tui_start 100x30 "$WASMDBG" "$PROG" --poll
    wait_for "not started" ""
    keys c
    wait_for "poll timeout 3" "poll on stdin times out as it should"
    wait_for "waiting for input" "a poll on stdin is waiting for input"
    typed ":stdin polled"; keys Enter
    wait_for "polled after >= 3 timeouts: [polled]" "poll then sees the line"
    wait_for "exited with status 0" ""
    keys q
    wait_dead 0

    # Ctrl-C pauses a long loop; keys while it runs
    tui_start 100x30 "$WASMDBG" "$PROG" --spin
    wait_for "not started" ""
    keys c
    wait_for " running " "c runs the long loop"
    keys s
    wait_for "The program is running (Ctrl-C pauses it)." "s while running says why it does nothing"
    keys u
    wait_for "(wasmdbg) up" "u while running goes to the debugger"
    keys Tab
    wait_for "3 Locals" "Tab still moves the focus while running"
    keys z
    wait_for "(zoom)" "z still zooms while running"
    keys z
    tm resize-window -t t -x 140 -y 45
    wait_for "140x45" "a resize while it runs redraws"
    wait_for " running " "and it is still running"
    tm resize-window -t t -x 100 -y 30
    wait_for "100x30" ""
    keys Q
    wait_for "key 'Q' does nothing here" "an unbound key says so"
    keys 3 Enter
    wait_gone "key 'Q' does nothing here" ""
    if row 28 | grep -qF "The program is running (Ctrl-C pauses it)."; then
        echo "ok: Enter in the locals pane while running says why it does nothing"
    else
        fail "Enter in the locals pane while running: no message"
    fi
    CHECKS=$((CHECKS + 1))
    keys C-c
    wait_for "paused at tuiprog.c:3" "Ctrl-C pauses the loop at a source line"
    wait_for "Program received signal SIGINT" "the console reports the interrupt"
    keys c
    wait_for " running " "continue works after Ctrl-C"
    keys C-c
    wait_for "paused at tuiprog.c:3" "Ctrl-C pauses it again"
    keys q
    wait_dead 0

    # the source file named by DWARF is missing: disassembly with a note
    tui_start 100x30 "$WASMDBG" "$NOSRC"
    wait_for "not started" ""
    typed ":break echo_lines"; keys Enter
    wait_for "Breakpoint 1 at" ""
    keys c
    wait_for "paused at tuiprog.c:" "stops in the function without its source file"
    wait_for "2 Disassembly: echo_lines (source not found: tuiprog.c)" \
        "a missing source file: the disassembly takes its place, with a note"
    keys q
    wait_dead 0
fi

for f in "$TUI_TMP"/asan* "$TUI_TMP"/ubsan*; do
    [ -e "$f" ] || continue
    CHECKS=$((CHECKS + 1))
    fail "sanitizer report: $(head -20 "$f")"
done
tui_finish
