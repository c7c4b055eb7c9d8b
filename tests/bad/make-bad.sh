#!/usr/bin/env bash
# Regenerates the hand-made malformed/invalid modules in tests/bad/.
#
#   tests/bad/make-bad.sh        (writes NAME.wasm and NAME.expect next to this script)
#
# Each NAME.expect holds the one-line error `wasmdbg run NAME.wasm` must print (the load
# error as wd_error_format formats it: "NAME.wasm:0xOFFSET: message") before exiting 1.
# Files whose problem is inside a function body or an index are rejected by the
# validator (core/validate.c), not the decoder; their .expect holds its message.
set -euo pipefail
cd "$(dirname "$0")"

# leb N: unsigned LEB128 of N as hex
leb() {
  local n=$1 out="" b
  while :; do
    b=$(( n & 0x7f )); n=$(( n >> 7 ))
    if (( n )); then out+=$(printf '%02x' $(( b | 0x80 ))); else out+=$(printf '%02x' "$b"); break; fi
  done
  printf '%s' "$out"
}
# sec ID HEX: a section with its size
sec() { printf '%02x%s%s' "$1" "$(leb $(( ${#2} / 2 )))" "$2"; }
# emit NAME HEX EXPECTED-MESSAGE-WITHOUT-NAME
emit() {
  printf '%s' "$2" | xxd -r -p > "$1.wasm"
  printf '%s.wasm:%s\n' "$1" "$3" > "$1.expect"
}

H=0061736d01000000
TYPE0=$(sec 1 01600000)            # one type: [] -> []
FUNC1=$(sec 3 0100)                # one function of type 0
EXPORT_START=$(sec 7 0106'5f7374617274'0000)   # export "_start" = func 0

# -- header
emit truncated-header 0061736d0100 "0x6: unexpected end"
emit bad-magic        00415341'01000000' "0x0: magic header not detected"
emit bad-version      0061736d02000000 "0x4: unknown binary version"

# -- sizes and counts
# a section claiming 4 GiB
emit huge-section-size "$H"01ffffffff0f "0x9: length out of bounds"
# a type vector of 2^32-1 entries in a 6-byte section: refused before allocating
emit huge-vector-count "$H"0106ffffffff0f60 "0xa: length out of bounds"
# a code section whose one body declares 4 billion locals
emit too-many-locals "$H$TYPE0$FUNC1$(sec 10 0108'01ffffffff0f7f0b')" "0x16: too many locals"

# -- names: an export named "a" + overlong NUL (C0 80)
emit bad-utf8-name "$H$TYPE0$FUNC1$(sec 7 010361c0800000)$(sec 10 0102000b)" \
  "0x15: malformed UTF-8 encoding"

# -- bodies (found by the validator)
# 100000 nested blocks that are never closed: the validator walks them all (no
# recursion) and finds the body ending while blocks are still open
body=00$(printf '0240%.0s' $(seq 100000))0b
entry=$(leb $(( ${#body} / 2 )))$body
code=$(sec 10 01"$entry")
emit deep-nesting "$H$TYPE0$FUNC1$EXPORT_START$code" \
  "0x$(printf '%x' $(( (${#H} + ${#TYPE0} + ${#FUNC1} + ${#EXPORT_START} + ${#code}) / 2 ))): END opcode expected"
# opcode 0x06 (a hole in the table) in a body
emit unknown-opcode "$H$TYPE0$FUNC1$EXPORT_START$(sec 10 010300060b)" "0x23: illegal opcode"
# call 5 in a module with one function
emit out-of-range-index "$H$TYPE0$FUNC1$EXPORT_START$(sec 10 010400'1005'0b)" "0x23: unknown function 5"

echo "wrote $(ls -1 ./*.wasm | wc -l) files in $(pwd)"
