#!/bin/bash
# trap.sh: `wasmdbg run`'s backtrace on a trap names source lines where DWARF exists.
#
#   trap.sh WASMDBG SRCDIR WORKDIR
#
# Builds trap.c for wasm32-wasi at -O1 -g and runs it three ways (integer divide by zero
# through an inlined helper, unreachable under recursion, out-of-bounds load). Each
# backtrace line must name the function and the file:line of trap.c's "@NAME" marker
# comment; the inlined helper is its own "[inlined]" line in its wasm frame's group. Then
# the same module without its .debug_* sections must still name every function, with no
# source lines. Exit 77 (SKIP) without a wasm32-wasi clang.
set -u
WASMDBG=$1 SRC=$2 WORK=$3
STRIP=$(command -v llvm-objcopy-14 || command -v llvm-objcopy || true)
. "$SRC/wasi-build.sh"
wasi_build trap 1 "$STRIP"
"$STRIP" --strip-debug "$WORK/trap.wasm" "$WORK/stripped.wasm"

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

line_of() { grep -n "@$1 \*/" "$SRC/trap.c" | cut -d: -f1; }

# run MODULE HOW: stderr into $WORK/HOW.err, checks status 134 and the trap message
run() {
    local m=$1 how=$2 msg=$3
    "$WASMDBG" run "$WORK/$m.wasm" "$how" >"$WORK/$m-$how.out" 2>"$WORK/$m-$how.err"
    local st=$?
    if [ $st = 134 ] && grep -qx "wasmdbg: trap: $msg" "$WORK/$m-$how.err"; then
        ok "$m $how: status 134, trap: $msg"
    else
        bad "$m $how: status $st, stderr:"
        cat "$WORK/$m-$how.err"
    fi
}

# want FILE REGEX: FILE has a line matching REGEX exactly
want() {
    if grep -Eqx -- "$2" "$1"; then
        ok "$(basename "$1" .err): $2"
    else
        bad "$(basename "$1" .err): no line '$2' in:"
        cat "$1"
    fi
}

hex='0x[0-9a-f]+'
at() { echo "at .*/trap\\.c:$(line_of "$1"):[0-9]+"; }
frame() { echo "#$1 +$2\\+$hex \\(offset $hex\\) $(at "$3")"; }
cont() { echo "    $1\\+$hex \\(offset $hex\\) $(at "$2")"; }

run trap div "integer divide by zero"
want "$WORK/trap-div.err" "$(frame 0 divide div)"
want "$WORK/trap-div.err" "#1  scaled \\[inlined\\] $(at inl)"
want "$WORK/trap-div.err" "$(cont average avg)"
want "$WORK/trap-div.err" "$(frame 2 main main_div)"

run trap unreachable unreachable
want "$WORK/trap-unreachable.err" "$(frame 0 halt unr)"
want "$WORK/trap-unreachable.err" "$(frame 1 halt rec)"
want "$WORK/trap-unreachable.err" "$(frame 2 halt rec)"
want "$WORK/trap-unreachable.err" "$(frame 3 main main_unr)"

run trap oob "out of bounds memory access"
want "$WORK/trap-oob.err" "$(frame 0 peek oob)"
want "$WORK/trap-oob.err" "$(frame 1 main main_oob)"

# no DWARF: names and offsets only
run stripped div "integer divide by zero"
want "$WORK/stripped-div.err" "#0  divide\\+$hex \\(offset $hex\\)"
want "$WORK/stripped-div.err" "#1  average\\+$hex \\(offset $hex\\)"
want "$WORK/stripped-div.err" "#2  main\\+$hex \\(offset $hex\\)"
if grep -q ' at \|inlined' "$WORK/stripped-div.err"; then
    bad "stripped: source lines without DWARF:"
    cat "$WORK/stripped-div.err"
else
    ok "stripped: no source lines"
fi
# output written before the trap is kept
if grep -qx 'trapping: div' "$WORK/trap-div.out"; then ok "stdout kept"; else bad "stdout lost"; fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
