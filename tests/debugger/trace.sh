#!/bin/bash
# trace.sh: `wasmdbg trace` is deterministic (two runs, same bytes), its JSON lines parse,
# --calls pairs enters and exits, --insns respects --limit, a trap leaves a complete trace.
#   trace.sh WASMDBG SRCDIR WORKDIR   (77 without clang)
set -u
WASMDBG=$1 SRC=$2 WORK=$3
mkdir -p "$WORK"
if ! clang --target=wasm32-wasi -g -O0 -c "$SRC/prog.c" -o "$WORK/prog.o" 2>/dev/null ||
   ! clang --target=wasm32-wasi "$WORK/prog.o" -o "$WORK/prog.wasm" 2>/dev/null; then
    echo "SKIP: clang cannot build wasm32-wasi programs"; exit 77
fi
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
cd "$WORK" || exit 1
for mode in "--calls" "--lines" "--insns --limit 5000" "--wasi" "--calls --lines --wasi --json"; do
    # shellcheck disable=SC2086
    "$WASMDBG" trace $mode -o a.trace prog.wasm > /dev/null 2>&1
    # shellcheck disable=SC2086
    "$WASMDBG" trace $mode -o b.trace prog.wasm > /dev/null 2>&1
    if [ -s a.trace ] && cmp -s a.trace b.trace; then ok "deterministic: $mode"; else bad "deterministic: $mode"; fi
done
"$WASMDBG" trace --calls prog.wasm > calls.txt 2>/dev/null
if grep -q '^ *> fact(i32:5)$' calls.txt && grep -q '^ *< fact = i32:120$' calls.txt &&
   [ "$(grep -c '> fact(' calls.txt)" = 5 ] && [ "$(grep -c '< fact =' calls.txt)" = 5 ]; then
    ok "--calls: enters and exits with arguments and results"
else
    bad "--calls: enters and exits"
fi
"$WASMDBG" trace --insns --limit 100 --json prog.wasm > insns.json 2>/dev/null
if [ "$(grep -c '"type":"insn"' insns.json)" = 100 ] && grep -q '"type":"end","status":"exit","code":8' insns.json; then
    ok "--insns --limit 100"
else
    bad "--insns --limit 100"
fi
if command -v python3 >/dev/null 2>&1 &&
   python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' insns.json; then
    ok "JSON lines parse"
else
    bad "JSON lines parse"
fi
"$WASMDBG" trace --calls --lines prog.wasm trap > trap.txt 2>/dev/null
rc=$?
if [ "$rc" = 134 ] && grep -q '^-- trap: integer divide by zero --' trap.txt && grep -q '> divide(i32:30, i32:0)' trap.txt; then
    ok "a trap leaves a complete trace (status 134)"
else
    bad "trap trace (status $rc)"
fi
# a module in the text format traces like a binary one, its $names naming the functions
cat > spin.wat <<'WAT'
(module
  (func $spin (param i32) (result i32)
    (loop local.get 0 i32.const 1 i32.sub local.set 0 local.get 0 br_if 0)
    local.get 0)
  (func $_start (export "_start") (drop (call $spin (i32.const 3)))))
WAT
"$WASMDBG" trace --calls spin.wat > wat.txt 2>&1
if grep -q '^ *> spin(i32:3)$' wat.txt && grep -q '^ *< spin = i32:0$' wat.txt; then
    ok "a .wat module traces, with its \$names"
else
    bad "a .wat module: $(cat wat.txt)"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
