#!/usr/bin/env bash
# run.sh: start-up cost. Loads, validates, instantiates and runs two hello worlds that
# carry DWARF (clang -O0 -g): bench/startup/hello140.c (about 140-150 KB) and
# bench/startup/hello.c (about 210 KB), beside `wasmdbg --version` (the process alone)
# and the peers found on this machine (node:wasi; wasm-interp --wasi when wabt was built
# with WASI, else wasm-validate, which only decodes and validates), then the engine alone,
# inside the process (inproc.c: load, validate, instantiate, run, free; cold runs).
# Both tiers: `wasmdbg run --jit` compiles each function that runs to x86-64 code on its
# first call, which a hello world pays for with little to win back; its x columns are
# --jit over the interpreter (> 1: the JIT costs more).
#
# Each row: median wall ms, best and median CPU ms (user + sys) of RUNS runs, and the
# median and largest peak RSS of the runs, measured by rusage.c (wait4). The machine may be
# shared: CPU time is the figure to compare, wall time is for reference. Peak RSS varies by
# a few hundred KiB from run to run (the kernel's RSS counters are batched), hence both.
# Ratios are the peer's best CPU and median RSS over wasmdbg's on the same module (> 1:
# wasmdbg is cheaper).
#
#   bench/startup/run.sh [RUNS]      (default 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-50}
bash scripts/build.sh >/dev/null
out=build/bench/startup
mkdir -p "$out"
cc -O2 -o "$out/rusage" bench/startup/rusage.c
cc -O2 -Icore -Iwasi -o "$out/inproc" bench/startup/inproc.c build/libwdwasi.a build/libwdcore.a
for p in hello140 hello; do
    clang --target=wasm32-wasi -O0 -g "bench/startup/$p.c" -o "$out/$p.wasm"
done

# "wall_med cpu_best cpu_med rss_med rss_max" of RUNS runs of a command
measure() {
    "$out/rusage" "$runs" "$@" | python3 -c '
import sys, statistics
r = [l.split() for l in sys.stdin]
w = [float(x[0]) for x in r]; c = [float(x[1]) for x in r]; m = [int(x[2]) for x in r]
print("%.2f %.2f %.2f %d %d" % (statistics.median(w), min(c), statistics.median(c),
                                statistics.median(m), max(m)))'
}

cat > "$out/hello-node.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', args: ['hello'] });
const m = await WebAssembly.compile(readFileSync(process.argv[2]));
const inst = await WebAssembly.instantiate(m, wasi.getImportObject());
wasi.start(inst);
JS
interp_wasi=false
if command -v wasm-interp >/dev/null 2>&1 &&
    wasm-interp --wasi "$out/hello140.wasm" >/dev/null 2>&1; then
    interp_wasi=true
fi

printf '%-34s %8s %8s %8s %8s %8s %7s %7s\n' command "wall ms" "cpu best" "cpu med" \
    "RSS med" "RSS max" "cpu x" "RSS x"
row() {   # name, reference "cpu_best rss" or "", command...
    local name=$1 ref=$2; shift 2
    local r
    r=$(measure "$@")
    read -r w cb cm rss rssmax <<<"$r"
    local rc="" rr=""
    if [ -n "$ref" ]; then
        read -r refc refr <<<"$ref"
        rc=$(python3 -c "print('%.2f' % ($cb / max($refc, 0.001)))")
        rr=$(python3 -c "print('%.2f' % ($rss / $refr))")
    fi
    printf '%-34s %8s %8s %8s %8s %8s %7s %7s\n' "$name" "$w" "$cb" "$cm" "$rss" "$rssmax" \
        "$rc" "$rr"
    last="$cb $rss"
}
row "/bin/true (a process, nothing else)" "" /bin/true
row "wasmdbg --version" "" build/wasmdbg --version
for p in hello140 hello; do
    wasm="$out/$p.wasm"
    printf '\n%s.wasm: %d bytes (clang -O0 -g, DWARF included)\n' "$p" "$(stat -c %s "$wasm")"
    row "wasmdbg run $p.wasm" "" build/wasmdbg run "$wasm"
    ref=$last
    row "wasmdbg run --jit $p.wasm" "$ref" build/wasmdbg run --jit "$wasm"
    if command -v node >/dev/null 2>&1; then
        row "node:wasi $p.wasm" "$ref" node --no-warnings "$out/hello-node.mjs" "$wasm"
    fi
    if $interp_wasi; then
        row "wasm-interp --wasi $p.wasm" "$ref" wasm-interp --wasi "$wasm"
    elif command -v wasm-validate >/dev/null 2>&1; then
        row "wasm-validate $p.wasm (no run)" "$ref" wasm-validate "$wasm"
    fi
done
# The engine's own share, each run in a fresh (cold) child: see inproc.c.
printf '\nInside the process (inproc.c, %d cold runs; ms):\n' "$runs"
printf '%-16s %7s %7s %7s %7s %7s %7s %7s\n' module load inst run free "wall" "CPU" faults
for p in hello140 hello; do for tier in "" jit; do
    "$out/inproc" "$runs" "$out/$p.wasm" $tier | python3 -c '
import sys, statistics
r = [[float(v) for v in l.split()] for l in sys.stdin]
med = [statistics.median(x[i] for x in r) for i in range(11)]
print("%-16s %7.2f %7.2f %7.2f %7.2f %7.2f %7.2f %7d" % (
    sys.argv[1], med[0], med[1], med[2], med[3], med[4], med[10], med[9]))
print("%-16s %7s %7s %7s %7s %7.2f %7.2f   (best)" % (
    "", "", "", "", "", min(x[4] for x in r), min(x[10] for x in r)))' "$p.wasm${tier:+ jit}"
done; done
if ! $interp_wasi; then
    printf '\n(wasm-interp here has no WASI support: wasm-validate, which runs nothing, stands in)\n'
fi
printf '\nx columns: the peer (or --jit) over wasmdbg run on the same module, best CPU and median\n'
printf 'RSS (> 1: wasmdbg run is cheaper). RSS in KiB; the target is 5 ms and 3 MiB (3072 KiB).\n'
printf 'Wall time of a whole process includes what /bin/true pays; "Inside the process" is\n'
printf 'load, validate, instantiate, run and free, medians of cold runs (wall and CPU ms,\n'
printf 'page faults), then the best run.\n'
