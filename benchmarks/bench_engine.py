"""Engine performance figures (issue: import time, 10,000 containers, memory per container).

Run: ``python benchmarks/bench_engine.py``.  Prints a table; exits non-zero if a budget is
missed, so it can be run in CI as a check too.
"""

import subprocess
import sys
import time
import tracemalloc

import winnetlab as wl

BUDGETS = {"import_ms": 150, "10k_total_s": 2.0, "last_vs_first": 2.0, "bytes_per_container": 4096}


def import_time_ms():
    code = (
        "import time,sys; t=time.perf_counter(); import winnetlab; d=time.perf_counter()-t; "
        "heavy=[m for m in ('pandas','matplotlib','networkx','ipywidgets') if m in sys.modules]; "
        "print(d*1000, ','.join(heavy) or '-')"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(5)
    ]
    return min(float(r[0]) for r in runs), runs[0][1]


def build_10k():
    lab = wl.Lab(nat_prefix="none")
    host = lab.host()
    nets = [host.create_network(f"nat{i}", subnet=f"10.{i}.0.0/16") for i in range(3)]
    per_thousand = []
    t0 = time.perf_counter()
    t = t0
    for i in range(10_000):
        host.run(f"c{i}", network=nets[i % 3].name)
        if i % 1000 == 999:
            now = time.perf_counter()
            per_thousand.append(now - t)
            t = now
    total = time.perf_counter() - t0
    refused = None
    extra = host.create_network("full", subnet="10.9.0.0/16")
    for i in range(4096):
        host.run(f"f{i}", network="full")
    try:
        host.run("f4096", network="full")
    except wl.Exhausted as e:
        refused = str(e)
    return total, per_thousand, refused, extra


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
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    return grown / n


def main():
    imp, heavy = import_time_ms()
    total, per_k, refused, _ = build_10k()
    ratio = per_k[-1] / per_k[0]
    mem = memory_per_container()
    rows = [
        (
            "import winnetlab (best of 5)",
            f"{imp:.1f} ms",
            f"< {BUDGETS['import_ms']} ms",
            imp < BUDGETS["import_ms"],
        ),
        ("heavy modules loaded by import", heavy, "none", heavy == "-"),
        (
            "10,000 containers on 3 nat networks",
            f"{total:.2f} s",
            f"< {BUDGETS['10k_total_s']} s",
            total < BUDGETS["10k_total_s"],
        ),
        (
            "last 1,000 / first 1,000",
            f"{ratio:.2f}x",
            f"<= {BUDGETS['last_vs_first']}x",
            ratio <= BUDGETS["last_vs_first"],
        ),
        ("4,097th endpoint of a network refused", "yes" if refused else "NO", "yes", bool(refused)),
        (
            "memory per container + endpoint",
            f"{mem:.0f} B",
            f"<= {BUDGETS['bytes_per_container']} B",
            mem <= BUDGETS["bytes_per_container"],
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':>12}  {'budget':>10}  ok")
    for name, value, budget, ok in rows:
        print(f"{name:<{width}}  {value:>12}  {budget:>10}  {'yes' if ok else 'NO'}")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
