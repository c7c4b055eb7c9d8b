#!/usr/bin/env bash
# build.sh: configure and build wasmdbg.
#
#   scripts/build.sh [--asan] [--werror] [-- EXTRA-CMAKE-ARGS...]
#
# Builds into build/ (or build-asan/ with --asan: AddressSanitizer + UBSan, -DWD_SANITIZE=ON)
# with ninja and two jobs. --werror turns warnings into errors (-DWD_WERROR=ON); without it the
# build directory keeps whatever it was configured with. Runs scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=build
cmake_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --asan) builddir=build-asan; cmake_args+=(-DWD_SANITIZE=ON) ;;
    --werror) cmake_args+=(-DWD_WERROR=ON) ;;
    --) shift; cmake_args+=("$@"); break ;;
    -h|--help) sed -n '2,/^[^#]/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

bash scripts/setup.sh

# The generator can only be chosen when the build directory is first configured.
if [ ! -f "$builddir/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then
  cmake_args=(-G Ninja "${cmake_args[@]}")
fi
cmake -S . -B "$builddir" "${cmake_args[@]}" >/dev/null
cmake --build "$builddir" -j2
