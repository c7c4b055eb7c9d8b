#!/usr/bin/env bash
# setup.sh: install the Debian packages wasmdbg needs to build, test and demo.
#
# Idempotent and silent when everything is already installed. Otherwise, as root, runs
# apt-get update and installs only what is missing; not as root, names the missing packages
# and exits 1. (bench/run.sh installs nodejs itself: only the benchmarks need it.)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config   # build
  clang lld wasi-libc libclang-rt-14-dev-wasm32  # C -> wasm for examples/ and bench/
  libc++-14-dev-wasm32 libc++abi-14-dev-wasm32   # C++ on wasi-libc++ for the DWARF tests
  clang-19 lld-19 libclang-rt-19-dev-wasm32      # a second toolchain for the DWARF tests
  llvm-14                                        # llvm-symbolizer/dwarfdump: DWARF references
  valgrind                                       # callgrind_annotate reads our profiles
  nodejs libxml2-utils golang-go                 # profile consumers: speedscope, pprof, SVG
  wabt                                           # wast2json for the spec tests, wasm-interp
  libcmocka-dev                                  # unit tests
  libdwarf-dev libcapstone-dev libncurses-dev    # DWARF, disassembly, TUI
  tmux python3 python3-pil fonts-dejavu-core     # TUI tests and screenshots
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: missing Debian packages: ${missing[*]}" >&2
  echo "setup.sh: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "setup.sh: installing ${missing[*]}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { apt-get update -qq &&
       DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
     >"$log" 2>&1 </dev/null; then
  cat "$log" >&2
  echo "setup.sh: apt-get failed" >&2
  exit 1
fi
