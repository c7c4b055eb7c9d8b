#!/usr/bin/env bash
# run-bad.sh WASMDBG FILE: runs `wasmdbg run FILE` on one hand-made bad module (NAME.wasm,
# or NAME.wat in the text format) and checks that it fails cleanly: exit status 1 (not a
# crash, not a trap) and the exact error line from NAME.expect on stderr.
set -u
wasmdbg=$1 file=$2
name=${file%.*}
cd "$(dirname "$0")" || exit 1
expect=$(cat "$name.expect")
err=$("$wasmdbg" run "$file" 2>&1 >/dev/null)
status=$?
if [ "$status" -ne 1 ]; then
    printf 'FAIL %s: exit status %d, expected 1\nstderr:\n%s\n' "$name" "$status" "$err"
    exit 1
fi
if ! printf '%s\n' "$err" | grep -qxF -e "$expect" -e "wasmdbg: $expect"; then
    printf 'FAIL %s: expected the error\n  %s\ngot\n%s\n' "$name" "$expect" "$err"
    exit 1
fi
echo "ok $name: $expect"
