#!/usr/bin/env bash
# run-wasi-test.sh WASMDBG CLANG SRCDIR OUTDIR NAME [VARIANT]
#
# Compiles tests/wasi/NAME.c with `clang --target=wasm32-wasi -O1 -g`, builds a fresh sandbox
# and runs `wasmdbg run [OPTIONS] NAME.wasm [ARGS]` with the options and arguments of NAME.args
# (one line, shell words; @SANDBOX@, @WORK@ and @OUT@ are replaced), stdin from NAME.stdin (or
# /dev/null). Then checks, each only if its file exists:
#   NAME.out     stdout, exactly              NAME.status  the exit status (default 0)
#   NAME.err     stderr, exactly (masked)     NAME.trace   @OUT@/trace.txt (masked)
#   NAME.jsonl   @OUT@/trace.jsonl (masked)   NAME.check   a bash snippet that must succeed
#                                             (run in @OUT@, WASMDBG exported, bash -e)
# NAME.cmd (optional) holds the subcommand, "run" by default; with "strace" the driver runs
# `wasmdbg strace [OPTIONS] NAME.wasm [ARGS]`. NAME.feed (optional) is a bash snippet run
# next to the guest (SANDBOX, WORK and OUT exported) whose stdout is the guest's stdin, a
# pipe: it can wait for the guest (files it creates, lines in @OUT@/stderr) and must end on
# its own. VARIANT (optional) names a second run of the same test (its own @OUT@), e.g.
# under another environment set by ctest; VARIANT "jit" also runs the guest in the JIT tier
# (`wasmdbg run --jit`), against the same golden files, which are what the interpreter prints.
# Masking replaces durations, timestamps and guest addresses, which vary between builds.
# The sandbox (@SANDBOX@, preopened by NAME.args) sits in @WORK@ next to secret.txt, with
# symlinks that point out of it for the escape tests.
# Exit: 0 pass, 1 fail, 77 skip (no wasm32-wasi toolchain).
set -u
WASMDBG=$1 CLANG=$2 SRC=$3 OUTDIR=$4 NAME=$5 VARIANT=${6:-}
SRC=$(cd "$SRC" && pwd)
mkdir -p "$OUTDIR" && OUTDIR=$(cd "$OUTDIR" && pwd)
case "$WASMDBG" in /*) ;; */*) WASMDBG="$PWD/$WASMDBG" ;; esac
OUT="$OUTDIR/$NAME${VARIANT:+-$VARIANT}"
WORK="$OUT/work"
SANDBOX="$WORK/sandbox"

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "SKIP: $CLANG not found (need clang with the wasm32-wasi target and wasi-libc)"
    exit 77
fi
mkdir -p "$OUT"
if ! printf 'int main(void){return 0;}\n' | "$CLANG" --target=wasm32-wasi -x c - -o "$OUT/probe.wasm" 2>"$OUT/probe.log"; then
    echo "SKIP: clang cannot build wasm32-wasi programs (install wasi-libc, lld):"
    cat "$OUT/probe.log"
    exit 77
fi
if ! "$CLANG" --target=wasm32-wasi -O1 -g -Wall -Wextra -I"$SRC" "$SRC/$NAME.c" -o "$OUT/$NAME.wasm"; then
    echo "FAIL: $NAME.c does not compile"
    exit 1
fi

# the sandbox (made again for a second run)
make_sandbox() {
    rm -rf "$WORK"
    mkdir -p "$SANDBOX/sub"
    printf 'secret\n' > "$WORK/secret.txt"
    printf 'hello, sandbox\n' > "$SANDBOX/hello.txt"
    printf 'inner\n' > "$SANDBOX/sub/inner.txt"
    ln -s ../secret.txt "$SANDBOX/escape_rel"
    ln -s "$WORK/secret.txt" "$SANDBOX/escape_abs"
    ln -s ../../secret.txt "$SANDBOX/sub/up"
    ln -s .. "$SANDBOX/escdir"
    ln -s loop "$SANDBOX/loop"
    ln -s chain2 "$SANDBOX/chain1"
    ln -s sub/up "$SANDBOX/chain2"
    ln -s sub "$SANDBOX/dirlink"
    ln -s hello.txt "$SANDBOX/inlink"
    ln -s ../created_outside.txt "$SANDBOX/escape_new"
}
make_sandbox

ARGS=()
if [ -f "$SRC/$NAME.args" ]; then
    line=$(sed -e "s|@SANDBOX@|$SANDBOX|g" -e "s|@WORK@|$WORK|g" -e "s|@OUT@|$OUT|g" "$SRC/$NAME.args")
    eval "ARGS=($line)"
fi
# NAME.args: the WASI options, then "--", then the guest's arguments
OPTS=() GARGS=() seen=0
for a in ${ARGS[@]+"${ARGS[@]}"}; do
    if [ $seen = 0 ] && [ "$a" = "--" ]; then seen=1; continue; fi
    if [ $seen = 0 ]; then OPTS+=("$a"); else GARGS+=("$a"); fi
done
[ "$VARIANT" = jit ] && OPTS=(--jit ${OPTS[@]+"${OPTS[@]}"})
STDIN=/dev/null
[ -f "$SRC/$NAME.stdin" ] && STDIN="$SRC/$NAME.stdin"

CMD=run
[ -f "$SRC/$NAME.cmd" ] && CMD=$(cat "$SRC/$NAME.cmd")
rm -f "$OUT/trace.txt" "$OUT/trace.jsonl" "$OUT/stdout" "$OUT/stderr"
: >"$OUT/stderr"
guest() {
    if [ "$CMD" = run ]; then
        "$WASMDBG" run "$NAME.wasm" ${OPTS[@]+"${OPTS[@]}"} -- ${GARGS[@]+"${GARGS[@]}"}
    else
        "$WASMDBG" "$CMD" ${OPTS[@]+"${OPTS[@]}"} "$NAME.wasm" ${GARGS[@]+"${GARGS[@]}"}
    fi
}
if [ -f "$SRC/$NAME.feed" ]; then
    (cd "$OUT" && export WORK SANDBOX OUT &&
        timeout 60 bash "$SRC/$NAME.feed" | guest >"$OUT/stdout" 2>"$OUT/stderr"
        exit "${PIPESTATUS[1]}")
else
    (cd "$OUT" && guest <"$STDIN" >"$OUT/stdout" 2>"$OUT/stderr")
fi
status=$?
if grep -q "WASI imports are not supported yet" "$OUT/stderr"; then
    echo "SKIP: this wasmdbg's run command does not call wd_cli_run_wasi yet"
    exit 77
fi

mask() {
    sed -E -e 's/ <[0-9]+\.[0-9]{6}>$/ <T>/' \
           -e 's/"(start_ns|duration_ns)":[0-9]+/"\1":0/g' \
           -e 's/0x[0-9a-f]+/0xADDR/g' \
           -e 's/"kind":"ptr","value":[0-9]+/"kind":"ptr","value":0/g' \
           -e 's/"kind":"struct","value":[0-9]+/"kind":"struct","value":0/g' \
           -e "s|$WORK|@WORK@|g" "$1"
}

fail=0
want_status=0
[ -f "$SRC/$NAME.status" ] && want_status=$(cat "$SRC/$NAME.status")
if [ "$status" != "$want_status" ]; then
    echo "FAIL: exit status $status, expected $want_status"
    fail=1
fi
if [ -f "$SRC/$NAME.out" ] && ! diff -u "$SRC/$NAME.out" "$OUT/stdout"; then
    echo "FAIL: stdout differs (above)"
    fail=1
fi
if [ -f "$SRC/$NAME.err" ] && ! diff -u "$SRC/$NAME.err" <(mask "$OUT/stderr"); then
    echo "FAIL: stderr differs (above)"
    fail=1
fi
if [ -f "$SRC/$NAME.trace" ] && ! diff -u "$SRC/$NAME.trace" <(mask "$OUT/trace.txt"); then
    echo "FAIL: trace differs (above)"
    fail=1
fi
if [ -f "$SRC/$NAME.jsonl" ] && ! diff -u "$SRC/$NAME.jsonl" <(mask "$OUT/trace.jsonl"); then
    echo "FAIL: JSON trace differs (above)"
    fail=1
fi
if [ -f "$SRC/$NAME.check" ]; then
    if ! (export WORK SANDBOX OUT WASMDBG; cd "$OUT" && bash -e "$SRC/$NAME.check"); then
        echo "FAIL: $NAME.check"
        fail=1
    fi
fi
# VARIANT jit: the golden files do not hold every stderr (a trap's backtrace is checked by
# patterns), so the interpreter runs the guest once more, in a fresh sandbox, and must print
# the same: stdout, masked stderr, exit status. Not for a guest fed by a script (its timing
# varies) or one that writes into @OUT@ (its files would be overwritten).
if [ "$VARIANT" = jit ] && [ ! -f "$SRC/$NAME.feed" ] &&
   ! grep -qs '@OUT@' "$SRC/$NAME.args"; then
    make_sandbox
    OPTS=(${OPTS[@]+"${OPTS[@]:1}"})   # without the --jit put first
    (cd "$OUT" && guest <"$STDIN" >"$OUT/interp.stdout" 2>"$OUT/interp.stderr")
    istatus=$?
    if [ "$istatus" != "$status" ]; then
        echo "FAIL: exit status $status with --jit, $istatus in the interpreter"
        fail=1
    fi
    if ! diff -u "$OUT/interp.stdout" "$OUT/stdout"; then
        echo "FAIL: stdout with --jit differs from the interpreter's (above)"
        fail=1
    fi
    if ! diff -u <(mask "$OUT/interp.stderr") <(mask "$OUT/stderr"); then
        echo "FAIL: stderr with --jit differs from the interpreter's (above)"
        fail=1
    fi
fi
if [ $fail = 0 ]; then
    echo "PASS: $NAME"
else
    echo "--- stderr:"; head -50 "$OUT/stderr"
fi
exit $fail
