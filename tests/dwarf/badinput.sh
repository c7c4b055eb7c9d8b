#!/bin/bash
# badinput.sh: damaged DWARF and missing sources cost a warning, never the program.
#
#   badinput.sh WASMDBG SRCDIR WORKDIR
#
# 1. Missing sources: hello.c is built in WORKDIR/src, which is then renamed. The debugger
#    stops and steps with line numbers, warns once that the file is missing, `list` says
#    "No such file or directory."; `set substitute-path` given after the warning, and
#    --source-dir, find the file (a missing file is looked up again once a rule is added).
# 2. Damaged DWARF (damage.py: random bytes, sections cut short or removed, unknown forms,
#    unknown location ops, unknown unit versions): info, symbolize, lines, disasm --source,
#    a batch session and a profile all finish without a signal; the program prints and exits
#    as the intact one does; no warning line is printed twice by one command; a module whose
#    DWARF cannot be read at all says so in a warning.
# Exit 77 (SKIP) without a wasm32-wasi clang or python3.
set -u
WASMDBG=$1 SRC=$2 WORK=$3
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
CC=$(command -v clang || command -v clang-14 || true)
rm -rf "$WORK"
mkdir -p "$WORK/src"
cp "$SRC/hello.c" "$SRC/shapes.h" "$WORK/src/"
if [ -z "$CC" ] ||
   ! (cd "$WORK/src" && "$CC" --target=wasm32-wasi -O0 -g -c hello.c -o ../hello.o) 2>"$WORK/cc.log" ||
   ! "$CC" --target=wasm32-wasi "$WORK/hello.o" -o "$WORK/hello.wasm" 2>>"$WORK/cc.log"; then
    echo "SKIP: no clang for wasm32-wasi (clang, lld, wasi-libc)"
    cat "$WORK/cc.log"
    exit 77
fi
mv "$WORK/src" "$WORK/moved"
cd "$WORK" || exit 1

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# has FILE TEXT: FILE holds the fixed string TEXT
has() { grep -qF -- "$2" "$1"; }

# ---- 1. missing sources
loop_line=$(grep -n 'for (int i = 0; i < 3; i++)' moved/hello.c | cut -d: -f1)
body_line=$((loop_line + 1))
"$WASMDBG" -batch -ex 'break main' -ex run -ex next -ex next -ex list \
    -ex "set substitute-path $WORK/src $WORK/moved" -ex next -ex bt hello.wasm >miss.out 2>&1
nwarn=$(grep -c "source file not found: $WORK/src/hello.c" miss.out)
if [ "$nwarn" = 1 ]; then ok "missing source: warned once"; else bad "missing source: warned $nwarn times"; cat miss.out; fi
# the warning comes on a line of its own, before the stop report (not inside "Breakpoint 1, ")
if grep -q '^warning: source file not found' miss.out && grep -q '^Breakpoint 1, main (' miss.out; then
    ok "missing source: the warning precedes the stop line"
else
    bad "missing source: warning inside the stop line:"; cat miss.out
fi
if has miss.out "in hello.c" && has miss.out "hello.c: No such file or directory."; then
    ok "missing source: line numbers kept, list says the file is missing"
else
    bad "missing source: stop lines / list:"; cat miss.out
fi
if grep -Eq "^$body_line"$'\t'" +int d = dist2\\(" miss.out; then
    ok "set substitute-path after the warning: the source shows"
else
    bad "set substitute-path after the warning: no source line $body_line:"; cat miss.out
fi
if grep -q '^#0  main (argc=1, argv=0x[0-9a-f]*) at hello.c:' miss.out; then
    ok "missing source: bt keeps file:line"
else
    bad "missing source: bt"; cat miss.out
fi
"$WASMDBG" -batch --source-dir moved -ex 'break main' -ex run -ex next -ex next hello.wasm >dir.out 2>&1
if grep -Eq "^$loop_line"$'\t'" +for " dir.out && ! has dir.out "not found"; then
    ok "--source-dir finds the file"
else
    bad "--source-dir:"; cat dir.out
fi
"$WASMDBG" disasm hello.wasm main --source >dis.out 2>dis.err
nwarn=$(grep -c "source file not found: $WORK/src/hello.c" dis.err)
if [ "$nwarn" = 1 ] && grep -q "^; $WORK/src/hello.c:$loop_line" dis.out; then
    ok "disasm --source: warned once, file:line headers kept"
else
    bad "disasm --source: $nwarn warnings"; cat dis.err; head -20 dis.out
fi

# ---- 2. damaged DWARF
cp hello.wasm d.wasm   # argv[0] is printed
"$WASMDBG" run d.wasm >intact.out 2>&1
intact_rc=$?
# check NAME RC LOG: no signal, each warning once
check() {
    local what=$1 rc=$2 log=$3
    if [ "$rc" -ge 128 ] || [ "$rc" = 124 ]; then   # 126: a batch command failed
        bad "$what: status $rc"; tail -5 "$log"; return 1
    fi
    local dup
    dup=$(grep -a 'warning' "$log" | sort | uniq -d | head -3)
    if [ -n "$dup" ]; then bad "$what: a warning printed twice: $dup"; return 1; fi
    return 0
}
for kind in scribble truncate drop forms ops version; do
    for seed in 1 2 3 4 5 6; do
        desc=$(python3 "$SRC/damage.py" hello.wasm d.wasm $kind $seed) || { bad "damage.py $kind $seed"; continue; }
        good=1
        timeout 60 "$WASMDBG" run d.wasm >run.out 2>&1; rc=$?
        if [ $rc != $intact_rc ] || ! cmp -s intact.out run.out; then
            bad "$desc: run differs from the intact module (status $rc)"; diff intact.out run.out | head -5; good=0
        fi
        timeout 60 "$WASMDBG" info d.wasm >info.out 2>&1; rc=$?
        check "$desc: info" $rc info.out || good=0
        if ! grep -q '^DWARF: ' info.out || ! grep -Eq '^  \[[0-9]+\] main ' info.out; then
            bad "$desc: info lacks the functions or the DWARF line"; good=0
        fi
        if grep -q '^DWARF: 0 units' info.out && ! grep -q 'warning: DWARF' info.out; then
            bad "$desc: no DWARF unit read, and no warning"; good=0
        fi
        timeout 60 "$WASMDBG" symbolize d.wasm 0x0 0x10 0x100 0x200 0x400 0x800 >sym.out 2>&1; rc=$?
        check "$desc: symbolize" $rc sym.out || good=0
        timeout 60 "$WASMDBG" lines d.wasm >lines.out 2>&1; rc=$?
        check "$desc: lines" $rc lines.out || good=0
        timeout 60 "$WASMDBG" disasm --source d.wasm main >dis.out 2>&1; rc=$?
        check "$desc: disasm" $rc dis.out || good=0
        timeout 60 "$WASMDBG" -batch --source-dir moved -ex 'break main' -ex run -ex bt \
            -ex 'info locals' -ex 'info args' -ex next -ex next -ex 'print pts' -ex 'ptype pts' \
            -ex 'info frame' -ex finish -ex continue d.wasm >batch.out 2>&1; rc=$?
        check "$desc: batch" $rc batch.out || good=0
        grep -q '^1 d.wasm ' batch.out || { bad "$desc: batch: the program did not finish"; good=0; }
        rm -f p.folded
        timeout 60 "$WASMDBG" profile --mode insns --interval 1000 -o p.folded d.wasm >prof.out 2>&1; rc=$?
        check "$desc: profile" $rc prof.out || good=0
        [ $rc = $intact_rc ] && grep -Eq ';(main|__main_argc_argv)[ ;]' p.folded || { bad "$desc: profile: status $rc"; good=0; }
        [ $good = 1 ] && ok "$desc: every command works at the wasm level"
    done
done
# unknown forms are named in the warning
python3 "$SRC/damage.py" hello.wasm d.wasm forms 1 >/dev/null
"$WASMDBG" info d.wasm >sym.out 2>&1
if has sym.out 'warning: DWARF' && grep -qi 'form' sym.out; then
    ok "unknown form: warned"
else
    bad "unknown form: no warning"; cat sym.out
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
