#!/usr/bin/env bash
# run-jit-diff.sh WASMDBG CLANG BENCHDIR OUTDIR NAME N
#
# The JIT tier against the interpreter on a real program: bench/NAME.c with bench/main_native.c,
# built for wasm32-wasi (-O2, as bench/bench.py builds its WASI commands), runs as
#   wasmdbg run NAME.wasm N          and   wasmdbg run --jit NAME.wasm N
# and both must print the same checksum with the same exit status. Then an insns-mode profile
# of each tier (the JIT counts the same instructions at the same safepoints, so the samples
# land at the same places): the folded stacks, weighted and by sample count, must be byte for
# byte the same. N is small: the interpreter's run takes a fraction of a second.
# Exit: 0 pass, 1 fail, 77 skip (no wasm32-wasi toolchain).
set -u
WASMDBG=$1 CLANG=$2 BENCH=$3 OUT=$4 NAME=$5 N=$6
case "$WASMDBG" in /*) ;; */*) WASMDBG="$PWD/$WASMDBG" ;; esac
mkdir -p "$OUT" && cd "$OUT" || exit 1

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "SKIP: $CLANG not found (need clang with the wasm32-wasi target and wasi-libc)"
    exit 77
fi
if ! printf 'int main(void){return 0;}\n' | "$CLANG" --target=wasm32-wasi -x c - -o probe.wasm 2>probe.log; then
    echo "SKIP: clang cannot build wasm32-wasi programs (install wasi-libc, lld):"
    cat probe.log
    exit 77
fi
if ! "$CLANG" --target=wasm32-wasi -O2 -DBENCH_FN="bench_$NAME" "$BENCH/$NAME.c" \
        "$BENCH/main_native.c" -o "$NAME.wasm"; then
    echo "FAIL: $NAME.c does not compile"
    exit 1
fi

fail=0
run() {   # run TAG [OPTIONS]: stdout to TAG.out, stderr to TAG.err, status to TAG.status
    local tag=$1
    shift
    "$WASMDBG" run "$@" "$NAME.wasm" "$N" >"$tag.out" 2>"$tag.err"
    echo $? >"$tag.status"
}
run interp
run jit --jit
if ! grep -Eqx '[0-9]+' interp.out; then
    echo "FAIL: the interpreter printed no checksum:"; cat interp.out interp.err
    fail=1
fi
for f in out err status; do
    if ! cmp -s "interp.$f" "jit.$f"; then
        echo "FAIL: run --jit: $f differs from the interpreter's:"
        diff "interp.$f" "jit.$f" | head -20
        fail=1
    fi
done

for tier in interp jit; do
    opt=()
    [ $tier = jit ] && opt=(--jit)
    for f in folded samples.folded; do
        if ! "$WASMDBG" profile ${opt[@]+"${opt[@]}"} --mode insns --interval 997 \
                -o "$tier.$f" "$NAME.wasm" "$N" >/dev/null 2>"$tier.prof.err"; then
            echo "FAIL: profile (${tier}): $(cat "$tier.prof.err")"
            fail=1
        fi
    done
done
for f in folded samples.folded; do
    if ! cmp -s "interp.$f" "jit.$f"; then
        echo "FAIL: profile --jit --mode insns: .$f differs from the interpreter's:"
        diff "interp.$f" "jit.$f" | head -20
        fail=1
    fi
done
[ -s interp.folded ] || { echo "FAIL: empty profile"; fail=1; }
[ $fail = 0 ] && echo "PASS: $NAME $N: $(cat interp.out), profile identical ($(wc -l <interp.folded) stacks)"
exit $fail
