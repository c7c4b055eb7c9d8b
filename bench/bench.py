#!/usr/bin/env python3
"""bench.py: builds the benchmark programs and times them under each runner.

Called by bench/run.sh (which first builds wasmdbg and installs node); see that file for
the options. Each program bench/<name>.c is built four ways into build/bench/:
  native/<name>          clang -O2 with bench/main_native.c (prints the checksum)
  wasm/<name>.wasm       clang --target=wasm32 -O2, no libc, no imports, exports
                         bench_<name>(n): what wasmdbg and node run
  interp/<name>-<n>.wasm the same code plus bench/main_interp.c, exporting bench_run()
                         with n built in: wabt's wasm-interp can only call exports
                         without arguments
  wasi/<name>.wasm       clang --target=wasm32-wasi -O2 with main_native.c: a WASI command
                         (not timed yet: for runners with WASI support)
Every run is a whole process (start-up, loading and compiling included), timed by wall
clock; a cell is the median of the runs and its ratio is against native.
"""
import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
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

COLUMNS = ["native", "wasmdbg", "v8", "liftoff", "turbofan", "wasm-interp"]
HEADERS = {"native": "native s", "wasmdbg": "wasmdbg s", "v8": "v8 s",
           "liftoff": "liftoff", "turbofan": "turbofan", "wasm-interp": "wasm-interp"}


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
    else:
        r["wasmdbg"] = "build/wasmdbg not built"

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


def measure(cmd, runs, timeout):
    """Median wall time and checksum of `runs` runs, or (None, reason)."""
    times, value = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, "timeout (%d s)" % timeout, None
        except OSError as e:
            return None, str(e), None
        t = time.perf_counter() - t0
        if p.returncode != 0:
            err = (p.stderr.strip() or p.stdout.strip()).splitlines()
            return None, "exit %d%s" % (p.returncode, (": " + err[0][:100]) if err else ""), None
        value = checksum(p.stdout)
        if value is None:
            return None, "printed no result: %r" % p.stdout[:80], None
        times.append(t)
    return statistics.median(times), None, value


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    ap.add_argument("--runs", type=int, default=3, help="runs per cell; the median is shown")
    ap.add_argument("--only", help="comma-separated program names")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per run")
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

    src = os.path.join(args.root, "bench")
    out = os.path.join(args.root, "build", "bench")
    print("bench: building %d programs into %s" % (len(programs), out), flush=True)
    build(src, out, programs, args.quick)
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
            if isinstance(run[col], str):
                row[col] = (None, "not run", None)
                continue
            t, why, value = measure(run[col](name, n), args.runs, args.timeout)
            row[col] = (t, why, value)
            expected = row["native"][2]
            if t is not None and col != "native" and expected is not None and value != expected:
                mismatches.append("%s under %s: checksum %d, native printed %d"
                                  % (name, col, value, expected))
                print("bench: *** CHECKSUM MISMATCH: %s" % mismatches[-1], flush=True)
            print("bench: %-10s n=%-8d %-12s %s" % (name, n, col,
                  "%.3f s  checksum %d" % (t, value) if t is not None else "FAIL: " + why),
                  flush=True)
        rows.append((name, row))

    # The table: time and ratio to native per cell, then the geometric mean of each ratio.
    ratios = {col: [] for col in COLUMNS}
    table = [["program"] + [HEADERS[c] for c in COLUMNS]]
    for name, row in rows:
        native = row["native"][0]
        cells = [name]
        for col in COLUMNS:
            t, why, value = row[col]
            if t is None:
                cells.append("fail")
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
    geo = ["geomean", "1.0x"]
    for col in COLUMNS[1:]:
        rs = ratios[col]
        if not rs:
            geo.append("-")
        else:
            g = "%.1fx" % math.exp(sum(math.log(x) for x in rs) / len(rs))
            geo.append(g if len(rs) == len(rows) else "%s (%d/%d)" % (g, len(rs), len(rows)))
    table.append(geo)

    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = []
    for i, r in enumerate(table):
        lines.append(" | ".join(c.ljust(w) if j == 0 else c.rjust(w)
                                for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0 or i == len(table) - 2:
            lines.append("-+-".join("-" * w for w in widths))
    report = "\n".join(lines)
    print()
    print(report)
    print("(wall time per whole process, median of %d; ratio = time / native time)" % args.runs)
    with open(os.path.join(out, "results.txt"), "w") as f:
        f.write(report + "\n")
    if mismatches:
        print("\nbench: CHECKSUM MISMATCHES:\n  " + "\n  ".join(mismatches), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
