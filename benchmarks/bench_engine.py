"""Engine figures: import time, 10,000 containers, memory per container (issues 3 and 17).

Targets (printed as multiples of the floor of ``floor.py``, measured in the same run):

* ``import winnetlab``: reported with bytecode cached and with the package's bytecode neither
  cached nor written (a copy without ``__pycache__`` imported with ``-B``: what a read-only
  install pays; the standard library's bytecode stays cached);
  ``from winnetlab import *`` loads none of pandas, matplotlib, networkx, ipywidgets;
* 10,000 containers over three nat networks: <= 5x the floor per container (CPU time), the
  last 1,000 <= 1.2x the first 1,000; the 4,097th endpoint of a network is refused;
* memory per container + endpoint <= 2 KB (tracemalloc).

Run: ``python benchmarks/bench_engine.py``; exits non-zero when a target is missed.
"""

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(__file__))

import floor

import winnetlab as wl

NO_CACHE = shutil.ignore_patterns("__pycache__")
RUNS = 5  # 10,000-container builds, the best counts (the floor is the best of 7 batches)
HEAVY = ("pandas", "matplotlib", "networkx", "ipywidgets")
CHILD = (
    "import time,sys; t=time.process_time(); {stmt}; d=time.process_time()-t; "
    f"heavy=[m for m in {HEAVY!r} if m in sys.modules]; print(d*1000, ','.join(heavy) or '-')"
)


def child_import(stmt, *flags, env=None, repeat=5):
    """(best CPU ms, heavy modules loaded) of ``stmt`` in a fresh interpreter."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, *flags, "-c", CHILD.format(stmt=stmt)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **(env or {})},
        ).stdout.split()
        runs.append((float(out[0]), out[1]))
    return min(r[0] for r in runs), runs[0][1]


def build_10k():
    gc.collect()  # the labs of earlier runs are garbage: their collection is not this run's cost
    lab = wl.Lab(nat_prefix="none")
    host = lab.host()
    nets = [host.create_network(f"nat{i}", subnet=f"10.{i}.0.0/16").name for i in range(3)]
    per_thousand = []
    t0 = t = time.process_time()
    for i in range(10_000):
        host.run(f"c{i}", network=nets[i % 3])
        if i % 1000 == 999:
            now = time.process_time()
            per_thousand.append(now - t)
            t = now
    total = time.process_time() - t0
    host.create_network("full", subnet="10.9.0.0/16")
    for i in range(4096):
        host.run(f"f{i}", network="full")
    try:
        host.run("f4096", network="full")
        refused = False
    except wl.Exhausted:
        refused = True
    return total, per_thousand, refused


def memory_per_container(n=2000):
    lab = wl.Lab(nat_prefix="none")
    host = lab.host()
    host.create_network("m", subnet="10.50.0.0/16")
    for i in range(50):
        host.run(f"w{i}", network="m")
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(n):
        host.run(f"m{i}", network="m")
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return sum(s.size_diff for s in after.compare_to(before, "filename")) / n


def main():
    fl = floor.floor_us()
    rows = []
    cached, _ = child_import("import winnetlab")
    with tempfile.TemporaryDirectory() as tmp:  # a copy without __pycache__, imported with -B
        shutil.copytree(os.path.dirname(wl.__file__), os.path.join(tmp, "winnetlab"), ignore=NO_CACHE)
        cold, _ = child_import("import winnetlab", "-B", env={"PYTHONPATH": tmp})
    _, heavy = child_import("from winnetlab import *", repeat=1)
    rows.append(("import winnetlab (bytecode cached)", f"{cached:.0f} ms", cached * 1e3 / fl, "-", None))
    rows.append(("import winnetlab (no bytecode written)", f"{cold:.0f} ms", cold * 1e3 / fl, "-", None))
    rows.append(("heavy modules after from winnetlab import *", heavy, None, "none", heavy == "-"))
    runs = [build_10k() for _ in range(RUNS)]
    total, per_k, refused = min(runs, key=lambda r: r[0])
    per_container = total / 10_000 * 1e6 / fl
    rows.append(("10,000 containers on 3 nat networks", f"{total:.2f} s", None, "-", None))
    rows.append(("  per container", f"{total * 100:.1f} µs", per_container, "<= 5.0", per_container <= 5.0))
    # each 1,000 at its best of the runs: a full garbage collection lands in some 1,000
    # (its cost grows with the heap, not with the engine's work) and is reported apart
    slots = [min(r[1][k] for r in runs) for k in range(10)]
    ratio = slots[-1] / slots[0]
    rows.append(
        (f"last 1,000 / first 1,000 (each best of {RUNS})", f"{ratio:.2f}x", None, "<= 1.2x", ratio <= 1.2)
    )
    worst = max(max(r[1]) for r in runs) / slots[0]
    rows.append(("  slowest 1,000 of all runs / first", f"{worst:.2f}x", None, "- (gc)", None))
    rows.append(("4,097th endpoint of a network refused", "yes" if refused else "NO", None, "yes", refused))
    mem = memory_per_container()
    rows.append(("memory per container + endpoint", f"{mem:,.0f} B", None, "<= 2,048 B", mem <= 2048))
    return 0 if floor.table(rows, fl) else 1


if __name__ == "__main__":
    sys.exit(main())
