#!/bin/bash
# profile.sh: the profiler inside a debugging session (`profile start/stop/show/save`), beyond
# the golden transcripts (cases/profile*.cmds):
#   1. `profile save` writes every format, each loaded by a reader (python's json, xml and
#      gzip modules, a protobuf wire-format walk, xmllint and callgrind_annotate when
#      installed); the .folded lines add up to the weight `profile show` reports; no
#      temporary files are left; an existing file is replaced; an unwritable path fails;
#   2. insns mode: a session stopped at breakpoints and stepped gives the byte-identical
#      .folded of a straight run, and the same stacks as `wasmdbg profile` (both name C's
#      main main, as backtraces do, not by clang's symbol __main_argc_argv);
#   3. cycles mode: two seconds spent stopped at a breakpoint are not attributed to the
#      program (the profile's wall time and TSC weight stay far below them).
#   profile.sh WASMDBG SRCDIR WORKDIR     (77 without a wasm32-wasi clang or python3)
set -u
WASMDBG=$1 SRC=$2 WORK=$3
mkdir -p "$WORK"
cd "$WORK" || exit 1
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
if ! clang --target=wasm32-wasi -g -O0 -c "$SRC/prog.c" -o prog.o 2>cc.err ||
   ! clang --target=wasm32-wasi prog.o -o prog.wasm 2>>cc.err; then
    echo "SKIP: clang cannot build wasm32-wasi programs"; head -5 cc.err; exit 77
fi
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok   $*"; }

# ---------------------------------------------------------------- 1. every format
rm -rf out && mkdir out
FILES="p.folded p.samples.folded p.svg p.speedscope.json p.pb.gz callgrind.out.p p.gecko.json p.txt"
cmds=(-ex 'profile start --mode insns --interval 50' -ex 'break square' -ex 'break fact'
      -ex run -ex next -ex step -ex stepi -ex nexti -ex continue -ex finish -ex delete
      -ex continue)
for f in $FILES; do cmds+=(-ex "profile save out/$f"); done
cmds+=(-ex 'profile save out/noext --format pprof' -ex 'profile show --top 0')
"$WASMDBG" -batch --json "${cmds[@]}" prog.wasm >session.json 2>session.err
[ $? -eq 8 ] || fail "the session did not end with the program's status 8: $(cat session.err)"
python3 - session.json out $FILES <<'PY' || fail "a saved profile does not load"
import gzip, json, os, sys, xml.etree.ElementTree as ET
log, d, files = sys.argv[1], sys.argv[2], sys.argv[3:]
show = None
for line in open(log):
    o = json.loads(line)
    if o.get("type") == "result" and o["command"].startswith("profile save"):
        assert o["ok"], o
    if o.get("type") == "result" and o["command"].startswith("profile show"):
        show = o
assert show and show["samples"] > 100 and show["unit"] == "instructions", show
assert sum(r["self_weight"] for r in show["rows"]) == show["weight"], "rows do not add up"
def folded(path):
    total = 0
    for line in open(path):
        stack, _, n = line.rstrip("\n").rpartition(" ")
        assert stack and n.isdigit() and ";" in stack, line
        total += int(n)
    return total
assert folded(os.path.join(d, "p.folded")) == show["weight"], "folded weights != show"
assert folded(os.path.join(d, "p.samples.folded")) == show["samples"], "sample counts"
sp = json.load(open(os.path.join(d, "p.speedscope.json")))
assert sum(sp["profiles"][0]["weights"]) == show["weight"], "speedscope weights"
ge = json.load(open(os.path.join(d, "p.gecko.json")))
assert ge["meta"] and ge["threads"], "gecko"
root = ET.parse(os.path.join(d, "p.svg")).getroot()
assert root.tag.endswith("svg"), root.tag
def pb_walk(b):   # protobuf wire format: every field well formed, to the last byte
    i = 0
    def varint():
        nonlocal i
        v = s = 0
        while True:
            c = b[i]; i += 1
            v |= (c & 0x7f) << s; s += 7
            if c < 0x80:
                return v
    n = 0
    while i < len(b):
        key = varint(); wt = key & 7
        if wt == 0: varint()
        elif wt == 1: i += 8
        elif wt == 2: ln = varint(); i += ln
        elif wt == 5: i += 4
        else: raise AssertionError("bad wire type %d" % wt)
        assert i <= len(b); n += 1
    return n
for name in ("p.pb.gz", "noext"):
    assert pb_walk(gzip.decompress(open(os.path.join(d, name), "rb").read())) > 10, name
assert open(os.path.join(d, "p.txt")).read().startswith("# "), "top table"
cg = open(os.path.join(d, "callgrind.out.p")).read()
assert "events:" in cg and "fn=" in cg, "callgrind"
left = sorted(set(os.listdir(d)) - set(files) - {"noext"})
assert not left, "temporary files left: %s" % left
PY
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout out/p.svg || fail "xmllint rejects the SVG"
fi
if command -v callgrind_annotate >/dev/null 2>&1; then
    callgrind_annotate out/callgrind.out.p >ann.txt 2>&1 || fail "callgrind_annotate: $(head -5 ann.txt)"
    grep -q 'PROGRAM TOTALS' ann.txt || fail "callgrind_annotate shows no totals"
fi
ok "profile save: 9 files, each loads; weights add up; no temporary files"

# an existing file is replaced; an unwritable path fails and leaves nothing behind
echo old > out/p.folded
"$WASMDBG" -batch -ex 'profile start --mode insns --interval 50' -ex run \
    -ex 'profile save out/p.folded' -ex 'profile save out/none/x.folded' prog.wasm \
    >replace.out 2>&1
[ $? -eq 126 ] || fail "an unwritable path did not fail the session: $(cat replace.out)"
grep -q 'profile save: cannot write out/none/x.folded' replace.out || fail "$(cat replace.out)"
grep -q '^_start' out/p.folded || fail "the existing file was not replaced"
[ "$(ls -A out | wc -l)" -eq 9 ] || fail "stray files: $(ls -A out)"
ok "profile save replaces an existing file; an unwritable path fails"

# ---------------------------------------------------------------- 2. stepping changes nothing
"$WASMDBG" -batch -ex 'profile start --mode insns --interval 50' -ex run \
    -ex 'profile save straight.folded' prog.wasm >straight.out 2>&1
cmp -s straight.folded out/p.folded ||
    { diff straight.folded out/p.folded | head; fail "stepping changed the insns profile"; }
"$WASMDBG" profile --mode insns --interval 50 -o cli.folded prog.wasm >cli.out 2>&1
[ $? -eq 8 ] || fail "wasmdbg profile: $(cat cli.out)"
sort cli.folded >cli.sorted
sort straight.folded >straight.sorted
cmp -s cli.sorted straight.sorted ||
    { diff cli.sorted straight.sorted | head; fail "the session's profile differs from wasmdbg profile's"; }
ok "insns profile identical with breakpoints and stepping, and to wasmdbg profile's"

# ---------------------------------------------------------------- 3. cycles: pauses excluded
{
    echo 'profile start --mode cycles --interval 100'
    echo 'break square'
    echo 'run'
    sleep 2
    echo 'delete'
    echo 'continue'
    echo 'profile show --top 3'
} | "$WASMDBG" --cli --json prog.wasm >cycles.json 2>cycles.err
python3 - cycles.json <<'PY' || fail "cycles mode attributed the pause: $(cat cycles.json)"
import json, re, sys
show = None
for line in open(sys.argv[1]):
    line = line[line.find("{"):]       # the non-tty CLI prints its prompt before each line
    if line.strip():
        o = json.loads(line)
        if o.get("command", "").startswith("profile show"):
            show = o
assert show and show["ok"] and show["unit"] == "cycles", show
m = re.search(r"([0-9.]+) ms CPU, ([0-9.]+) ms wall", show["output"])
cpu, wall = float(m.group(1)), float(m.group(2))
# 2 s were spent stopped at the breakpoint; the program itself runs a few ms (more under
# sanitizers or on a loaded machine, never near 2 s). A TSC runs at >= 1 GHz: a leaked pause
# would weigh >= 2e9.
assert wall < 1000, "profiled wall time %.1f ms includes the pause" % wall
assert show["weight"] < 1e9, "weight %d includes the pause" % show["weight"]
print("cycles: %d samples, %d cycles, %.1f ms CPU, %.1f ms wall" %
      (show["samples"], show["weight"], cpu, wall))
PY

ok "cycles mode: 2 s stopped at a breakpoint are not attributed"
echo "4 passed, 0 failed"
