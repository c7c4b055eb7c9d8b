#!/usr/bin/env bash
# Run one spec .wast file through wasmdbg (called by ctest, see tests/CMakeLists.txt).
#
#   run-wast.sh WASMDBG FILE.wast OUTDIR [FEATURE-FLAGS...] [--check-wat] [--jit]
#
# Converts FILE.wast with wast2json (default features plus FEATURE-FLAGS, e.g.
# --enable-tail-call) into OUTDIR, then runs `WASMDBG spectest FEATURE-FLAGS NAME.json` from
# inside OUTDIR. --check-wat and --jit go to wasmdbg only: --check-wat also encodes every text
# module of the .wast with wasmdbg's own text parser and compares the bytes with wast2json's;
# --jit runs the modules in the JIT tier. Exit status is wasmdbg's; 77 (ctest: skipped) when
# wast2json is missing.
set -u

if [ $# -lt 3 ]; then
  echo "usage: $0 WASMDBG FILE.wast OUTDIR [FEATURE-FLAGS...]" >&2
  exit 2
fi
wasmdbg=$1 wast=$2 outdir=$3
shift 3
features=() runner=()
for a in "$@"; do
  case "$a" in
    --check-wat|--jit) runner+=("$a") ;;
    *) features+=("$a") ;;
  esac
done

if ! command -v wast2json >/dev/null 2>&1; then
  echo "SKIP: wast2json not found (install Debian package wabt, or run scripts/setup.sh)"
  exit 77
fi

name=$(basename "$wast" .wast)
# wasmdbg runs from inside OUTDIR, so a relative path to it must be made absolute first.
case "$wasmdbg" in /*) ;; */*) wasmdbg=$PWD/$wasmdbg ;; esac
rm -rf "$outdir"
mkdir -p "$outdir" || exit 1
if ! wast2json "${features[@]}" "$wast" -o "$outdir/$name.json"; then
  echo "FAIL: wast2json ${features[*]} $wast could not convert it" >&2
  exit 1
fi

cd "$outdir" || exit 1
echo "+ wasmdbg spectest ${*:+$* }$name.json   (in $outdir)"
"$wasmdbg" spectest "$@" "$name.json"
status=$?
# 77 means "skipped" to ctest; a wasmdbg that happened to exit 77 has failed, not skipped.
if [ "$status" -eq 77 ]; then
  echo "FAIL: wasmdbg exited 77" >&2
  exit 1
fi
exit "$status"
