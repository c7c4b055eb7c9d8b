#!/usr/bin/env bash
# run.sh: start-up cost. Loads, validates, instantiates and runs a hello world that
# carries DWARF (bench/startup/hello.c, clang -O0 -g) and reports the median wall time
# and the peak RSS, beside `wasmdbg --version` (the process alone) and node:wasi.
#
#   bench/startup/run.sh [RUNS]      (default 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-50}
bash scripts/build.sh >/dev/null
out=build/bench/startup
mkdir -p "$out"
clang --target=wasm32-wasi -O0 -g bench/startup/hello.c -o "$out/hello.wasm"
size=$(stat -c %s "$out/hello.wasm")

# median wall time in ms of RUNS runs of a command (stdout discarded)
median_ms() {
    python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time, statistics
n = int(sys.argv[1]); cmd = sys.argv[2:]
t = []
for _ in range(n):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    t.append((time.perf_counter() - s) * 1000)
print("%.2f" % statistics.median(t))
PY
}
# peak RSS in KiB (the largest of 5 runs)
rss_kib() {
    local best=0 r
    for _ in 1 2 3 4 5; do
        r=$( { /usr/bin/time -f '%M' "$@" >/dev/null; } 2>&1 | tail -n 1)
        [ "$r" -gt "$best" ] && best=$r
    done
    echo "$best"
}

printf 'hello.wasm: %d bytes (clang -O0 -g, DWARF included)\n\n' "$size"
printf '%-28s %10s %10s\n' "command" "median ms" "peak RSS"
row() {
    local name=$1; shift
    printf '%-28s %10s %8s KiB\n' "$name" "$(median_ms "$@")" "$(rss_kib "$@")"
}
row "wasmdbg --version" build/wasmdbg --version
row "wasmdbg run hello.wasm" build/wasmdbg run "$out/hello.wasm"
if command -v node >/dev/null 2>&1; then
    cat > "$out/hello-node.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const wasi = new WASI({ version: 'preview1', args: ['hello'] });
const m = await WebAssembly.compile(readFileSync(process.argv[2]));
const inst = await WebAssembly.instantiate(m, wasi.getImportObject());
wasi.start(inst);
JS
    row "node:wasi hello.wasm" node --no-warnings "$out/hello-node.mjs" "$out/hello.wasm"
fi
