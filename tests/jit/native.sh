#!/usr/bin/env bash
# native.sh: `wasmdbg disasm --native` and `run --jit --perf-map` on native.wat.
#
#   native.sh WASMDBG SRCDIR WORKDIR
#
# disasm --native: the loop of sum has a jump back inside the body, its i32.load reads
# through r12 (the base of memory 0), i32.add has an add, br_table has its jump table as
# .long entries aimed at instruction starts, every wasm line is a line of `wasmdbg disasm`
# (same offset, bytes and text), and an import is refused with a message. --perf-map: the
# map has one "START SIZE wasm:NAME" line per function that ran, not for the one that did
# not, with the sizes disasm --native reports and ranges that do not overlap.
# Exit 77 (skip) without capstone or python3, and off x86-64.
set -u
W=$1
SRC=$2
WORK=$3
mkdir -p "$WORK"
cd "$WORK" || exit 1
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
[ "$(uname -m)" = x86_64 ] || { echo "SKIP: the JIT tier is x86-64 only"; exit 77; }

"$W" disasm --native "$SRC/native.wat" >native.out 2>native.err
rc=$?
if grep -q "cannot load libcapstone" native.err; then
    echo "SKIP: $(cat native.err)"
    exit 77
fi
[ $rc -eq 0 ] || { echo "FAIL: disasm --native exited $rc"; cat native.err; exit 1; }
"$W" disasm "$SRC/native.wat" >wasm.out 2>&1 || { echo "FAIL: disasm"; cat wasm.out; exit 1; }

fail=0
# an import: a clear error, status 1
echo '(module (import "env" "log" (func $log (param i32))) (func $f))' >import.wat
"$W" disasm --native import.wat log >imp.out 2>&1
if [ $? -ne 1 ] || ! grep -q "is an import: it has no code" imp.out; then
    echo "FAIL: disasm --native of an import"; cat imp.out; fail=1
fi

# --perf-map: the map of this very process (exec keeps the shell's pid)
WD_JIT_EAGER=1 sh -c 'echo $$ >pid; exec "$0" run --jit --perf-map "$1" --invoke main' "$W" "$SRC/native.wat" \
    >run.out 2>&1
rc=$?
pid=$(cat pid)
map=/tmp/perf-$pid.map
if [ $rc -ne 0 ] || [ "$(cat run.out)" != "i32:26" ]; then
    echo "FAIL: run --jit --perf-map: status $rc"; cat run.out; fail=1
fi
[ -f "$map" ] && mv "$map" perf.map || { echo "FAIL: no $map"; exit 1; }
"$W" run --perf-map "$SRC/native.wat" --invoke main >nojit.out 2>&1
if [ $? -ne 2 ] || ! grep -q "needs --jit" nojit.out; then
    echo "FAIL: --perf-map without --jit is not refused"; cat nojit.out; fail=1
fi

python3 - native.out wasm.out perf.map <<'PY' || fail=1
import re, sys
nat = open(sys.argv[1]).read().split('\n')
wasm = open(sys.argv[2]).read().split('\n')
pmap = open(sys.argv[3]).read().split('\n')
bad = []

# wasm disasm lines by offset: " 00002f: 20 00    | local.get 0"
wline = re.compile(r'^ ([0-9a-f]{6}): ')
wasm_lines = {m.group(1): l for l in wasm for m in [wline.match(l)] if m}

# native output per function: header, then sections
funcs = {}
cur = None
for l in nat:
    m = re.match(r'^func\[(\d+)\] <([^>]*)>: x86-64 code 0x0+\.\.0x([0-9a-f]+) at ', l)
    if m:
        cur = funcs[m.group(2)] = {'size': int(m.group(3), 16), 'part': 'entry',
                                   'wasm': None, 'insns': []}
        continue
    if cur is None or not l:
        continue
    if l == '  ; call entry':
        cur['part'] = 'entry'
    elif l == '  ; cold exits':
        cur['part'] = 'exits'
    elif wline.match(l):
        off = wline.match(l).group(1)
        if wasm_lines.get(off) != l:
            bad.append('wasm line %r is not in wasmdbg disasm (%r)' % (l, wasm_lines.get(off)))
        cur['part'] = 'body'
        cur['wasm'] = l.split('| ', 1)[1].strip()
    else:
        m = re.match(r'^    ([0-9a-f]{4}): .*\| (.*)$', l)
        if not m:
            bad.append('unexpected line %r' % l)
            continue
        cur['insns'].append((cur['part'], int(m.group(1), 16), cur['wasm'], m.group(2)))

for name in ('sum', 'pick', 'unused', 'main'):
    if name not in funcs:
        bad.append('no native code shown for ' + name)
if bad:
    print('\n'.join('FAIL: ' + b for b in bad)); sys.exit(1)

def body(f):
    return [i for i in funcs[f]['insns'] if i[0] == 'body']
starts = {f: {i[1] for i in funcs[f]['insns'] if not i[3].startswith('.long')} for f in funcs}

# sum: a backward jump inside the body (the loop's back-edge)
back = [i for i in body('sum') if re.match(r'j\w+ 0x([0-9a-f]+)$', i[3])
        and int(i[3].split()[1], 16) < i[1]]
if not back:
    bad.append('sum: no jump back in the body')
for i in back:
    if int(i[3].split()[1], 16) not in starts['sum']:
        bad.append('sum: back-edge %r does not land on an instruction' % (i,))
# sum's i32.load: memory 0 through r12
if not any(i[2].startswith('i32.load') and 'r12' in i[3] for i in body('sum')):
    bad.append('sum: no r12-based access under i32.load')
# i32.add: an add
if not any(i[2] == 'i32.add' and re.match(r'add \w+, ', i[3]) for i in body('sum')):
    bad.append('sum: no add under i32.add')
# the cold exits are there, after the body
for f in funcs:
    parts = [i[0] for i in funcs[f]['insns']]
    if 'exits' not in parts or parts != sorted(parts, key=['entry', 'body', 'exits'].index):
        bad.append('%s: entry, body, exits not in that order' % f)
    offs = [i[1] for i in funcs[f]['insns']]
    if offs != sorted(offs) or not offs or offs[0] != 0 or offs[-1] >= funcs[f]['size']:
        bad.append('%s: native offsets not increasing inside 0..size' % f)
# pick's br_table: 3 entries under it, each aimed at an instruction of the body
longs = [i for i in body('pick') if i[3].startswith('.long')]
if len(longs) != 3 or any(not l[2].startswith('br_table') for l in longs):
    bad.append('pick: %d jump table entries under br_table (want 3)' % len(longs))
for l in longs:
    to = int(l[3].split('-> 0x')[1], 16)
    if to not in {i[1] for i in body('pick')} or to not in starts['pick']:
        bad.append('pick: table entry %r misses the body' % (l,))

# the perf map
ranges = []
for l in pmap:
    if not l:
        continue
    m = re.match(r'^([0-9a-f]+) ([0-9a-f]+) wasm:(\S+)$', l)
    if not m:
        bad.append('perf map line %r' % l)
        continue
    start, size, name = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
    ranges.append((start, start + size, name))
    if name in funcs and size != funcs[name]['size']:
        bad.append('perf map: %s has %d bytes, disasm --native says %d'
                   % (name, size, funcs[name]['size']))
names = sorted(r[2] for r in ranges)
if names != ['main', 'pick', 'sum']:
    bad.append('perf map names %s, want main pick sum (unused never ran)' % names)
ranges.sort()
for a, b in zip(ranges, ranges[1:]):
    if a[1] > b[0]:
        bad.append('perf map: %s and %s overlap' % (a[2], b[2]))
if bad:
    print('\n'.join('FAIL: ' + b for b in bad)); sys.exit(1)
print('ok: %d functions disassembled, %d perf map entries' % (len(funcs), len(ranges)))
PY
[ $fail -eq 0 ] || { echo "--- native.out"; head -80 native.out; exit 1; }
