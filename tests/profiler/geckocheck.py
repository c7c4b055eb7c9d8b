#!/usr/bin/env python3
"""geckocheck.py: checks of `wasmdbg profile -o X.gecko.json` for run-profile-tests.sh.

  geckocheck.py structure FILE STDERR
      the file has the fields of the Gecko format (version 27) and its tables point where
      they should; its samples (and cycles, when it has a threadCPUDelta column) add up to
      what wasmdbg's summary line in STDERR says
  geckocheck.py cli FILE STDERR FOLDED CALLER HOT DIR
      compares what the Firefox Profiler's own loader (profiler-cli, whose --json outputs
      run-profile-tests.sh saved in DIR) made of FILE with the file and with wasmdbg:
        DIR/samples.json   `thread samples --json`
        DIR/tree.json      `thread samples-top-down --json`
        DIR/info.json      `thread info --json`
        DIR/func.json      `function info --json` of the top function, if FOLDED is "-"
        DIR/annotate.json  `function annotate --mode src --json` of it, likewise
      FOLDED is wasmdbg's .samples.folded of the same (deterministic) run; the top-down
      tree must hold exactly its stacks and counts. With "-" (a cycles-mode run, where a
      second run gives other counts) the file's own stacks are the reference, and the
      function's source file and per-line times are checked instead.
The call tree checked is by function: profiler-cli names a function "library!name", the
library being the module or source file from the frame's location string.
"""
import json
import os
import re
import sys


def summary(stderr_path):
    text = open(stderr_path).read()
    m = re.search(r"(\d+) samples, \d+ distinct stacks, (\d+) (instructions|cycles)", text)
    assert m, "no summary line in %s: %r" % (stderr_path, text)
    return int(m.group(1)), int(m.group(2)), m.group(3)


def short(name):
    """profiler-cli's "library!function" -> "function"; "hot (in m)" -> "hot"."""
    name = name.split("!")[-1]
    return re.sub(r" \((in .*|.*:\d+)\)$", "", name)


def file_stacks(d):
    """The Gecko file's samples as {(caller, ..., leaf): count}, by function name."""
    t = d["threads"][0]
    ft, st = t["frameTable"]["data"], t["stackTable"]["data"]
    names = [short(s) for s in t["stringTable"]]
    stacks = {}
    for s in t["samples"]["data"]:
        path, i = [], s[0]
        while i is not None:
            prefix, frame = st[i]
            path.append(names[ft[frame][0]])
            i = prefix
        key = tuple(reversed(path))
        stacks[key] = stacks.get(key, 0) + 1
    return stacks


def structure(path, stderr_path):
    want_samples, want_weight, unit = summary(stderr_path)
    d = json.load(open(path))
    m = d["meta"]
    for k in ("version", "interval", "startTime", "processType", "product", "stackwalk",
              "categories", "markerSchema", "presymbolicated"):
        assert k in m, "meta." + k
    assert m["version"] == 27
    for k in ("libs", "pausedRanges", "processes", "threads"):
        assert isinstance(d[k], list), k
    t = d["threads"][0]
    for k in ("name", "processType", "processName", "pid", "tid", "registerTime",
              "unregisterTime", "stringTable", "frameTable", "stackTable", "samples", "markers"):
        assert k in t, "thread." + k
    ft, st, sm = t["frameTable"], t["stackTable"], t["samples"]
    assert ft["schema"] == {"location": 0, "relevantForJS": 1, "innerWindowID": 2,
                            "implementation": 3, "line": 4, "column": 5, "category": 6,
                            "subcategory": 7}
    assert st["schema"] == {"prefix": 0, "frame": 1}
    assert sm["schema"]["stack"] == 0 and sm["schema"]["time"] == 1
    ncat = len(m["categories"])
    for f in ft["data"]:
        assert 0 <= f[0] < len(t["stringTable"]) and 0 <= f[6] < ncat
    for i, (prefix, frame) in enumerate(st["data"]):
        assert prefix is None or 0 <= prefix < i, "prefix must point backwards"
        assert 0 <= frame < len(ft["data"])
    times = [s[1] for s in sm["data"]]
    assert times == sorted(times)
    assert all(0 <= s[0] < len(st["data"]) for s in sm["data"])
    assert len(sm["data"]) == want_samples, (len(sm["data"]), want_samples)
    # cycles: one column of per-sample cycles that adds up to the run's; insns: none (the
    # format has no unit for instructions)
    cpu = sm["schema"].get("threadCPUDelta")
    if unit == "cycles":
        assert cpu is not None, "no threadCPUDelta column in a cycles profile"
        assert m["sampleUnits"]["threadCPUDelta"] == "variable CPU cycles", m.get("sampleUnits")
        total = sum(s[cpu] for s in sm["data"])
        assert total == want_weight, ("cycles", total, want_weight)
    else:
        assert cpu is None and "sampleUnits" not in m
    stacks = file_stacks(d)
    count = {}
    for path, n in stacks.items():
        count[path[-1]] = count.get(path[-1], 0) + n
    top = max(count, key=count.get)
    assert top == "hot", count
    print("gecko structure OK: %d samples, self samples %s" % (len(sm["data"]), count))


def folded_stacks(path):
    stacks = {}
    for line in open(path):
        frames, n = line.rstrip("\n").rsplit(" ", 1)
        # folded names flag inlined frames with _[i]; the Gecko tree is by function too
        key = tuple(f[:-4] if f.endswith("_[i]") else f for f in frames.split(";"))
        stacks[key] = stacks.get(key, 0) + int(n)
    return stacks


def cli_stacks(node, path, out):
    """The top-down tree as {path: self samples} (nodes with self samples only)."""
    path = path + (short(node["name"]),)
    if node["selfSamples"]:
        out[path] = out.get(path, 0) + node["selfSamples"]
    kids = node.get("children", [])
    assert sum(k["totalSamples"] for k in kids) + node["selfSamples"] == node["totalSamples"], \
        "tree totals do not add up at %s" % (path,)
    for k in kids:
        cli_stacks(k, path, out)


def cli(path, stderr_path, folded, caller, hot, outdir):
    want_samples, want_weight, unit = summary(stderr_path)
    # path is a Gecko file, or a folded file (sample counts) the profiler imports as well
    is_folded = path.endswith(".folded")
    d = None if is_folded else json.load(open(path))
    load = lambda name: json.load(open(os.path.join(outdir, name)))
    samples, tree, info = load("samples.json"), load("tree.json"), load("info.json")

    # 1. every sample was read: the file's, wasmdbg's and the loader's counts agree
    nfile = sum(folded_stacks(path).values()) if is_folded else len(d["threads"][0]["samples"]["data"])
    ncli = samples["categoryBreakdown"]["totalSamples"]
    assert info["sampleCount"] == ncli == nfile == want_samples, \
        ("samples", info["sampleCount"], ncli, nfile, want_samples)

    # 2. the call tree: exactly wasmdbg's stacks (its folded output of the same run) or,
    #    for a cycles run, the file's own
    root = tree["regularCallTree"]
    assert root["totalSamples"] == want_samples, root["totalSamples"]
    got = {}
    for k in root["children"]:
        cli_stacks(k, (), got)
    ref = folded_stacks(folded) if folded != "-" else file_stacks(d)
    assert got == ref, "profiler-cli's call tree %s\n  differs from %s" % (got, ref)

    # 3. the hot function has the most self time, with the share wasmdbg gave it, and the
    #    heaviest stack is caller -> hot
    top = samples["topFunctionsBySelf"][0]
    hot_self = sum(n for p, n in ref.items() if p[-1] == hot)
    assert short(top["name"]) == hot, ("top self", top["name"])
    assert top["selfSamples"] == hot_self, (top["selfSamples"], hot_self)
    share = 100.0 * hot_self / want_samples
    assert abs(top["selfPercentage"] - share) < 0.01 and share >= 50, (top["selfPercentage"], share)
    heavy = [short(f["name"]) for f in samples["heaviestStack"]["frames"]]
    assert heavy == [caller, hot], ("heaviest stack", heavy)

    # 4. the per-sample cycles (cycles mode): the loader's "CPU activity" slices are the
    #    file's threadCPUDelta per time step, relative to the highest cycles/ms seen, in whole
    #    percent (as the profiler computes a sample's CPU ratio). Each slice it reports must
    #    hold what the file's cycles give for its time range. (Which slices it reports is its
    #    own heuristic: one stack with an outlying average, say after the thread was
    #    descheduled, leaves only that stack's slice.) Without the column there is none.
    act = info["cpuActivity"]
    if unit == "cycles" and not is_folded:
        sm = d["threads"][0]["samples"]
        cpu = sm["schema"].get("threadCPUDelta")
        rows = sm["data"]
        time = [r[1] for r in rows]
        dt = [0.0] + [time[i] - time[i - 1] for i in range(1, len(rows))]
        peak = max(rows[i][cpu] / dt[i] for i in range(1, len(rows)) if dt[i] > 0)
        busy = [0.0] + [min(1.0, round(100 * rows[i][cpu] / (peak * dt[i])) / 100) * dt[i]
                         if dt[i] > 0 else 0.0 for i in range(1, len(rows))]
        assert act, "profiler-cli shows no CPU activity: the cycles were not read"
        for a in act:
            want = sum(b for t, b in zip(time, busy)
                       if a["startTime"] + 1e-9 < t <= a["endTime"] + 1e-9)
            assert abs(a["cpuMs"] - want) <= max(0.01, 0.01 * want), ("CPU ms", a, want)
        top_ms = sum(a["cpuMs"] for a in act if a["depthLevel"] == 0)
        print("CPU activity: %.1f ms in %d slices over %.1f ms (file: %.1f ms busy), %d cycles" %
              (top_ms, len(act), time[-1] - time[0], sum(busy), sum(r[cpu] for r in rows)))
    else:
        assert not act, ("CPU activity without cycles", act)

    # 5. a cycles run of hot.c (DWARF): the function has its source file, and the loader's
    #    per-line times put hot()'s self time on the line its loop's body is on
    if folded == "-":
        func, ann = load("func.json"), load("annotate.json")
        assert func["name"] == hot, func["name"]
        res = func["resource"]["name"]
        assert res.endswith("/hot.c"), ("resource", res)
        src = ann["srcAnnotation"]
        assert src["filename"] == res and src["samplesWithLineInfo"] == want_samples, src
        body = next(i + 1 for i, l in enumerate(open(res)) if "s = s * 31" in l)
        best = max(src["lines"], key=lambda l: l["selfSamples"])
        assert best["lineNumber"] == body and best["selfSamples"] >= hot_self // 2, \
            ("hottest line", best, "want line", body)
    print("profiler-cli OK: %d samples; %s self %d (%.1f%%); heaviest stack %s; %d stacks" %
          (ncli, hot, top["selfSamples"], top["selfPercentage"], " -> ".join(heavy), len(got)))


if __name__ == "__main__":
    if sys.argv[1] == "structure":
        structure(*sys.argv[2:4])
    elif sys.argv[1] == "cli":
        cli(*sys.argv[2:8])
    else:
        sys.exit("usage: geckocheck.py structure|cli ...")
