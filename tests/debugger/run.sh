#!/bin/bash
# run.sh: golden-transcript tests of the debugger (batch mode).
#
#   run.sh WASMDBG SRCDIR WORKDIR OPT [CASE...]
#
# Builds prog.c with `clang --target=wasm32-wasi -g -O$OPT` (compile, then link without -O,
# so wasm-opt does not rewrite the code), then for every cases/NAME.cmds runs
#   wasmdbg -batch [--json] -x NAME.cmds prog.wasm ARGS      (in WORKDIR, stdout+stderr)
# and compares the transcript, followed by a line "[exit STATUS]", with
# cases/NAME.O$OPT.expect. A .cmds file may start with "# args: ..." (guest arguments),
# "# json" (JSON mode) and "# prog: NAME" (debug NAME.c, built the same way, not prog.c). Source paths are shown as @SRC@ in the expectations.
# WD_UPDATE_GOLDEN=1 rewrites the expectations instead of comparing. WD_GOLDEN_JIT=1 debugs
# with --jit (the JIT tier): the transcripts must be the very same.
# Exits 77 (ctest SKIP) when clang cannot build for wasm32-wasi.
set -u
WASMDBG=$1 SRC=$2 WORK=$3 OPT=$4
shift 4
CC=${WD_DEBUGGER_CC:-clang}
mkdir -p "$WORK"
if ! command -v "$CC" >/dev/null 2>&1 ||
   ! (cd "$SRC" && "$CC" --target=wasm32-wasi -g -O"$OPT" -c prog.c -o "$WORK/prog.o") 2>"$WORK/cc.err" ||
   ! "$CC" --target=wasm32-wasi "$WORK/prog.o" -o "$WORK/prog.wasm" 2>>"$WORK/cc.err"; then
    echo "SKIP: $CC cannot build wasm32-wasi programs (needs clang, lld and wasi-libc)"
    cat "$WORK/cc.err" 2>/dev/null | head -5
    exit 77
fi
pass=0 fail=0
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
    for f in "$SRC"/cases/*.cmds; do cases+=("$(basename "$f" .cmds)"); done
fi
for name in "${cases[@]}"; do
    cmds="$SRC/cases/$name.cmds"
    expect="$SRC/cases/$name.O$OPT.expect"
    args=$(sed -n 's/^# args: *//p' "$cmds" | head -1)
    json=()
    grep -q '^# json' "$cmds" && json=(--json)
    [ "${WD_GOLDEN_JIT:-0}" = 1 ] && json+=(--jit)
    prog=$(sed -n 's/^# prog: *//p' "$cmds" | head -1)
    prog=${prog:-prog}
    if [ ! -f "$WORK/$prog.wasm" ] &&
       ! { (cd "$SRC" && "$CC" --target=wasm32-wasi -g -O"$OPT" -c "$prog.c" -o "$WORK/$prog.o") &&
           "$CC" --target=wasm32-wasi "$WORK/$prog.o" -o "$WORK/$prog.wasm"; } 2>>"$WORK/cc.err"; then
        fail=$((fail + 1)); echo "FAIL $name (O$OPT): cannot build $prog.c"; continue
    fi
    only=$(sed -n 's/^# only: *//p' "$cmds" | head -1)
    if [ -n "$only" ] && [ "$only" != "O$OPT" ]; then
        continue
    fi
    got="$WORK/$name.out"
    # shellcheck disable=SC2086
    (cd "$WORK" && timeout 60 "$WASMDBG" -batch "${json[@]}" -x "$cmds" "$prog.wasm" $args > "$got.raw" 2>&1; echo "[exit $?]" >> "$got.raw")
    sed -e "s|$SRC|@SRC@|g" "$got.raw" > "$got"
    if [ "${WD_UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$got" "$expect"
        echo "updated $name (O$OPT)"
        continue
    fi
    if [ -f "$expect" ] && diff -u "$expect" "$got" > "$WORK/$name.diff"; then
        pass=$((pass + 1))
        echo "ok   $name (O$OPT)"
    else
        fail=$((fail + 1))
        echo "FAIL $name (O$OPT)"
        if [ -f "$expect" ]; then head -40 "$WORK/$name.diff"; else echo "  missing $expect"; fi
    fi
done
# JSON mode: every stdout line parses as JSON, with no key twice in an object (a second
# "type" used to hide the line's kind from parsers that keep the last one)
if command -v python3 >/dev/null 2>&1; then
    (cd "$WORK" && "$WASMDBG" -batch --json -ex 'break fact' -ex run -ex bt -ex 'p n' -ex 'info locals' \
        -ex 'ptype n' -ex finish -ex 'p nosuch' -ex continue prog.wasm > "$WORK/json.out" 2>/dev/null)
    if python3 -c '
import json, sys
def once(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        sys.exit("repeated key in %r" % keys)
    return dict(pairs)
n = 0
for line in open(sys.argv[1]):
    json.loads(line, object_pairs_hook=once); n += 1
sys.exit(0 if n >= 9 else 1)' "$WORK/json.out"; then
        pass=$((pass + 1)); echo "ok   json-lines parse (O$OPT)"
    else
        fail=$((fail + 1)); echo "FAIL json-lines parse (O$OPT)"
    fi
fi
# exit statuses the transcripts do not show: an unreadable -x file is a failed command (126);
# a command file that quits before a bad command leaves the program's own status (8)
(cd "$WORK" && "$WASMDBG" -batch -x nonexistent.cmds -ex run prog.wasm > /dev/null 2>&1)
st=$?
printf 'run\nquit\nfrobnicate\n' > "$WORK/quit.cmds"
(cd "$WORK" && "$WASMDBG" -batch -x quit.cmds prog.wasm > /dev/null 2>&1)
st2=$?
if [ "$st" -eq 126 ] && [ "$st2" -eq 8 ]; then
    pass=$((pass + 1)); echo "ok   exit statuses: unreadable -x, quit (O$OPT)"
else
    fail=$((fail + 1)); echo "FAIL exit statuses (O$OPT): unreadable -x gave $st (want 126), quit gave $st2 (want 8)"
fi
# without a terminal `wasmdbg MODULE` is the line-mode debugger reading commands from stdin
printf 'break fact\nrun\nbt 1\nquit\n' | (cd "$WORK" && "$WASMDBG" prog.wasm > "$WORK/notty.out" 2>&1)
if grep -q "Breakpoint 1, fact (n=5)" "$WORK/notty.out" && grep -q "^(wasmdbg) #0  fact" "$WORK/notty.out"; then
    pass=$((pass + 1)); echo "ok   no terminal: the line-mode debugger (O$OPT)"
else
    fail=$((fail + 1)); echo "FAIL no terminal (O$OPT):"; head -5 "$WORK/notty.out"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
