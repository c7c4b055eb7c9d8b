#!/usr/bin/env bash
# test.sh: the whole test suite, as CI runs it (.ci/run).
#
# Installs what is missing (scripts/setup.sh), then two passes, each a build with warnings
# as errors followed by ctest (unit tests and the spec suite):
#   normal  build/       RelWithDebInfo
#   asan    build-asan/  the same with AddressSanitizer + UndefinedBehaviorSanitizer
# Both passes always run; exits non-zero if either failed. Ends with one summary line each.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1

summary=()
failed=0

# run_pass NAME BUILDDIR BUILD-ARGS...
run_pass() {
  local name=$1 dir=$2
  shift 2
  echo "=== test.sh: $name pass: build ($dir)"
  if ! bash scripts/build.sh --werror "$@"; then
    summary+=("$name: build failed")
    failed=1
    return
  fi
  echo "=== test.sh: $name pass: ctest ($dir)"
  local log="$dir/ctest-output.log"
  ctest --test-dir "$dir" --output-on-failure -j2 </dev/null 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  # Counts from ctest's own closing lines:
  #   "97% tests passed, 5 tests failed out of 160" and, under "The following tests did not
  #   run:", one "(Skipped)" line per skipped test.
  local total nfail nskip
  total=$(sed -n 's/.*tests failed out of \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
  nfail=$(sed -n 's/.*tests passed, \([0-9][0-9]*\) tests\{0,1\} failed out of.*/\1/p' "$log" | tail -n 1)
  nskip=$(grep -c '(Skipped)$' "$log" || true)
  if [ -n "$total" ] && [ -n "$nfail" ]; then
    summary+=("$name: $((total - nfail - nskip)) passed, $nfail failed, $nskip skipped")
  else
    summary+=("$name: ctest exited $rc without a summary")
  fi
  [ "$rc" -eq 0 ] || failed=1
}

run_pass normal build
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_pass asan build-asan --asan

echo
echo "=== test.sh summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
