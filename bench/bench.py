#!/usr/bin/env python3
"""bench.py: builds the benchmark programs and times them under each runner.

Called by bench/run.sh (which first builds wasmdbg and installs node); see that file for
the options and the columns. Each program bench/<name>.c is built four ways into
build/bench/:
  native/<name>          clang -O2 with bench/main_native.c (prints the checksum)
  wasm/<name>.wasm       clang --target=wasm32 -O2, no libc, no imports, exports
                         bench_<name>(n): what wasmdbg (both tiers) and node run
  interp/<name>-<n>.wasm the same code plus bench/main_interp.c, exporting bench_run()
                         with n built in: wabt's wasm-interp can only call exports
                         without arguments
  wasi/<name>.wasm       clang --target=wasm32-wasi -O2 with main_native.c: a WASI command
                         (not timed yet: for runners with WASI support)
Every run is a whole process (start-up, loading and compiling included), timed by wall
clock; a cell is the median of the runs and its ratio is against native. Each run goes
through obj/maxrss (bench/maxrss.c), which also gives the process's peak RSS: a second
table shows the median per cell as a ratio to wasmdbg's (the interpreter's).
"""
import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import signal
import tempfile
import time

# name, default n (native run of about 0.1-0.3 s on the reference machine), --quick n
PROGRAMS = [
    ("fib", 38, 32),
    ("sieve", 20, 2),
    ("nbody", 2000000, 200000),
    ("matmul", 660, 300),
    ("hash", 80, 8),
    ("mandelbrot", 1000, 320),
    ("sort", 2000000, 200000),
    ("strings", 60, 6),
]

COLUMNS = ["native", "wasmdbg", "wasmdbg-jit", "v8", "liftoff", "turbofan", "wasm-interp"]
HEADERS = {"native": "native s", "wasmdbg": "wasmdbg s", "wasmdbg-jit": "wasmdbg-jit",
           "v8": "v8 s", "liftoff": "liftoff", "turbofan": "turbofan",
           "wasm-interp": "wasm-interp"}


def sh(cmd):
    """Runs a build command; stops the whole benchmark if it fails."""
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit("bench: build failed: %s\n%s" % (" ".join(cmd), r.stdout))


def build(src, out, programs, quick):
    for sub in ("native", "wasm", "interp", "wasi", "obj"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    clang = shutil.which("clang") or sys.exit("bench: clang not found (run scripts/setup.sh)")
    builtins = subprocess.run([clang, "--target=wasm32-wasi", "-print-libgcc-file-name"],
                              stdout=subprocess.PIPE, text=True).stdout.strip()
    if not os.path.exists(builtins):
        sys.exit("bench: %s not found (Debian package libclang-rt-14-dev-wasm32)" % builtins)
    w32 = [clang, "--target=wasm32", "-O2"]
    wlink = w32 + ["-nostdlib", "-Wl,--no-entry"]
    rt = os.path.join(out, "obj", "wasm_rt.o")
    sh(w32 + ["-fno-builtin", "-c", os.path.join(src, "wasm_rt.c"), "-o", rt])
    sh([clang, "-O2", os.path.join(src, "maxrss.c"), "-o", os.path.join(out, "obj", "maxrss")])
    driver = os.path.join(src, "main_native.c")
    for name, n_default, n_quick in programs:
        n = n_quick if quick else n_default
        fn = "-DBENCH_FN=bench_" + name
        core = os.path.join(src, name + ".c")
        sh([clang, "-O2", fn, core, driver, "-lm", "-o", os.path.join(out, "native", name)])
        obj = os.path.join(out, "obj", name + ".o")
        sh(w32 + ["-c", core, "-o", obj])
        sh(wlink + ["-Wl,--export=bench_" + name, obj, rt, builtins,
                    "-o", os.path.join(out, "wasm", name + ".wasm")])
        entry = os.path.join(out, "obj", "%s-run-%d.o" % (name, n))
        sh(w32 + [fn, "-DBENCH_N=%d" % n, "-c", os.path.join(src, "main_interp.c"), "-o", entry])
        sh(wlink + ["-Wl,--export=bench_run", obj, entry, rt, builtins,
                    "-o", os.path.join(out, "interp", "%s-%d.wasm" % (name, n))])
        sh([clang, "--target=wasm32-wasi", "-O2", fn, core, driver,
            "-o", os.path.join(out, "wasi", name + ".wasm")])


def runners(root, src, out):
    """Column -> function (name, n) -> command, or a string saying why it cannot run."""
    wasm = lambda name: os.path.join(out, "wasm", name + ".wasm")
    r = {"native": lambda name, n: [os.path.join(out, "native", name), str(n)]}

    wasmdbg = os.path.join(root, "build", "wasmdbg")
    if os.access(wasmdbg, os.X_OK):
        r["wasmdbg"] = lambda name, n: [wasmdbg, "run", wasm(name), "--invoke", "bench_" + name, str(n)]
        # The JIT tier: the same run with --jit (functions become x86-64 code on first call).
        r["wasmdbg-jit"] = lambda name, n: [wasmdbg, "run", "--jit", wasm(name),
                                            "--invoke", "bench_" + name, str(n)]
    else:
        r["wasmdbg"] = r["wasmdbg-jit"] = "build/wasmdbg not built"

    node = shutil.which("node")
    if node:
        v8opts = subprocess.run([node, "--v8-options"], stdout=subprocess.PIPE, text=True).stdout
        script = os.path.join(src, "run-node.mjs")
        for col, flags in (("v8", []), ("liftoff", ["--liftoff-only"]), ("turbofan", ["--no-liftoff"])):
            # V8 lists each boolean flag once, by its positive name: --liftoff, --liftoff-only.
            names = [re.sub(r"^--(no-)?", "", f) for f in flags]
            if all(re.search(r"^\s*--%s\s" % re.escape(x), v8opts, re.M) for x in names):
                r[col] = (lambda fl: lambda name, n:
                          [node] + fl + [script, wasm(name), "bench_" + name, str(n)])(flags)
            else:
                r[col] = "node has no %s" % " ".join(flags)
    else:
        for col in ("v8", "liftoff", "turbofan"):
            r[col] = "node not installed"

    interp = shutil.which("wasm-interp")
    if interp:
        r["wasm-interp"] = lambda name, n: [
            interp, os.path.join(out, "interp", "%s-%d.wasm" % (name, n)), "--run-all-exports"]
    else:
        r["wasm-interp"] = "wasm-interp not installed (wabt)"
    return r


def checksum(text):
    """The result a runner printed: i64:N (wasmdbg, wasm-interp) or the last integer."""
    m = re.search(r"i64:(-?\d+)", text)
    if not m:
        nums = re.findall(r"-?\d+", text)
        if not nums:
            return None
        return int(nums[-1]) % (1 << 64)
    return int(m.group(1)) % (1 << 64)


def run_once(cmd, timeout, maxrss):
    """One run: (wall seconds, exit status, stdout, stderr, peak RSS in KiB), or raises
    subprocess.TimeoutExpired. The command runs under the maxrss helper (bench/maxrss.c):
    a child of python would count python's own RSS as its peak."""
    with tempfile.NamedTemporaryFile(mode="r") as rssf:
        t0 = time.perf_counter()
        p = subprocess.Popen([maxrss, rssf.name] + cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                             start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)   # the helper and the command under it
            p.communicate()
            raise
        t = time.perf_counter() - t0
        text = rssf.read().strip()
        return t, p.returncode, out, err, int(text) if text else None


def measure(cmd, runs, timeout, maxrss):
    """Median wall time, reason for a failure (or None), checksum and median peak RSS (KiB)
    of `runs` runs."""
    times, rss, value = [], [], None
    for _ in range(runs):
        try:
            t, rc, out, err, kib = run_once(cmd, timeout, maxrss)
        except subprocess.TimeoutExpired:
            return None, "timeout (%d s)" % timeout, None, None
        except OSError as e:
            return None, str(e), None, None
        if rc != 0:
            lines = (err.strip() or out.strip()).splitlines()
            return None, "exit %d%s" % (rc, (": " + lines[0][:100]) if lines else ""), None, None
        value = checksum(out)
        if value is None:
            return None, "printed no result: %r" % out[:80], None, None
        times.append(t)
        rss.append(kib)
    return statistics.median(times), None, value, statistics.median(rss)


def geomean(values, total, fmt):
    """The geometric mean of a ratio column, "-" if empty, with how many cells it covers
    when some of the `total` failed."""
    if not values:
        return "-"
    g = fmt % math.exp(sum(math.log(x) for x in values) / len(values))
    return g if len(values) == total else "%s (%d/%d)" % (g, len(values), total)


def render(table):
    """Aligned text: a rule under the header and above the last (geomean) row."""
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = []
    for i, r in enumerate(table):
        lines.append(" | ".join(c.ljust(w) if j == 0 else c.rjust(w)
                                for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0 or i == len(table) - 2:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    ap.add_argument("--runs", type=int, default=3, help="runs per cell; the median is shown")
    ap.add_argument("--only", help="comma-separated program names")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per run")
    ap.add_argument("--skip", default="", help="comma-separated columns not to run "
                    "(e.g. wasm-interp, the slowest); native always runs")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    programs = PROGRAMS
    if args.only:
        wanted = args.only.split(",")
        unknown = set(wanted) - {p[0] for p in PROGRAMS}
        if unknown:
            ap.error("unknown program(s): %s" % ", ".join(sorted(unknown)))
        programs = [p for p in PROGRAMS if p[0] in wanted]

    skip = set(args.skip.split(",")) - {""}
    if skip - set(COLUMNS[1:]):
        ap.error("--skip: unknown column(s): %s (one of %s)"
                 % (", ".join(sorted(skip - set(COLUMNS[1:]))), ", ".join(COLUMNS[1:])))

    src = os.path.join(args.root, "bench")
    out = os.path.join(args.root, "build", "bench")
    print("bench: building %d programs into %s" % (len(programs), out), flush=True)
    build(src, out, programs, args.quick)
    maxrss = os.path.join(out, "obj", "maxrss")
    run = runners(args.root, src, out)
    for col in COLUMNS:
        if isinstance(run[col], str):
            print("bench: %s: %s" % (col, run[col]), flush=True)

    print("bench: %d run(s) per cell, timeout %d s, %s inputs"
          % (args.runs, args.timeout, "quick" if args.quick else "full"), flush=True)
    rows, mismatches = [], []
    for name, n_default, n_quick in programs:
        n = n_quick if args.quick else n_default
        row = {}
        for col in COLUMNS:
            if col in skip:
                row[col] = (None, "skipped", None, None)
                continue
            if isinstance(run[col], str):
                row[col] = (None, "not run", None, None)
                continue
            t, why, value, rss = measure(run[col](name, n), args.runs, args.timeout, maxrss)
            row[col] = (t, why, value, rss)
            expected = row["native"][2]
            if t is not None and col != "native" and expected is not None and value != expected:
                mismatches.append("%s under %s: checksum %d, native printed %d"
                                  % (name, col, value, expected))
                print("bench: *** CHECKSUM MISMATCH: %s" % mismatches[-1], flush=True)
            print("bench: %-10s n=%-8d %-12s %s" % (name, n, col,
                  "%.3f s  checksum %d" % (t, value) if t is not None else "FAIL: " + why),
                  flush=True)
        rows.append((name, row))

    # The time table: time and ratio to native per cell, then the geometric mean of each ratio.
    ratios = {col: [] for col in COLUMNS}
    table = [["program"] + [HEADERS[c] for c in COLUMNS]]
    for name, row in rows:
        native = row["native"][0]
        cells = [name]
        for col in COLUMNS:
            t, why, value, _ = row[col]
            if t is None:
                cells.append("skip" if why == "skipped" else "fail")
            elif col != "native" and value != row["native"][2]:
                cells.append("MISMATCH")
            elif col == "native":
                cells.append("%.3f" % t)
            elif native:
                ratios[col].append(t / native)
                cells.append("%.3f (%.1fx)" % (t, t / native))
            else:
                cells.append("%.3f" % t)
        table.append(cells)
    table.append(["geomean", "1.0x"] + [geomean(ratios[c], len(rows), "%.1fx")
                                         for c in COLUMNS[1:]])

    # The memory table: each process's peak RSS, as a ratio to wasmdbg's (the interpreter)
    # on the same program; native's is the floor (a C program and its libc).
    mratios = {col: [] for col in COLUMNS}
    mtable = [["program"] + [HEADERS[c].replace(" s", "") + " MiB" for c in COLUMNS]]
    for name, row in rows:
        base = row["wasmdbg"][3]
        cells = [name]
        for col in COLUMNS:
            rss = row[col][3]
            if rss is None:
                cells.append("skip" if row[col][1] == "skipped" else "fail")
            elif col == "wasmdbg" or not base:
                cells.append("%.1f" % (rss / 1024))
            else:
                mratios[col].append(rss / base)
                cells.append("%.1f (%.2fx)" % (rss / 1024, rss / base))
        mtable.append(cells)
    mtable.append(["geomean"] + [("1.00x" if c == "wasmdbg" else
                                  geomean(mratios[c], len(rows), "%.2fx")) for c in COLUMNS])

    report = render(table)
    mreport = render(mtable)
    print()
    print(report)
    print("(wall time per whole process, median of %d; ratio = time / native time)" % args.runs)
    print()
    print(mreport)
    print("(peak RSS per whole process (wait4), median of %d; ratio = RSS / wasmdbg's RSS)"
          % args.runs)
    with open(os.path.join(out, "results.txt"), "w") as f:
        f.write(report + "\n\n" + mreport + "\n")
    if mismatches:
        print("\nbench: CHECKSUM MISMATCHES:\n  " + "\n  ".join(mismatches), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
