"""Widget budget: one Create with 10 containers, including the redraw of the topology picture
and the tables, must take under 0.5 s in process.  Prints a table of figures.

    MPLBACKEND=Agg python benchmarks/bench_widgets.py
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import floor

import winnetlab as wl
from winnetlab.notebook import widgets

BUDGET_S = 0.5
RUNS = 5
CONTAINERS = 10


def time_create(driver):
    """Median seconds of Create (commands + redraw), and of the redraw alone."""
    creates, redraws = [], []
    for seed in range(RUNS):
        builder = widgets.NetworkBuilder(wl.Lab(seed=seed), driver=driver)
        builder.containers.value = CONTAINERS
        start = time.process_time()
        builder.create.click()
        creates.append(time.process_time() - start)
        assert "Created network" in builder.message.value, builder.message.value
        made = sum(len(h.containers) for h in builder.lab.hosts.values())
        assert made == CONTAINERS, made
        start = time.process_time()
        builder.refresh()
        redraws.append(time.process_time() - start)
    return statistics.median(creates), statistics.median(redraws)


def main():
    widgets.NetworkBuilder(wl.Lab()).create.click()  # warm imports and font caches
    rows = [(driver, *time_create(driver)) for driver in widgets.DRIVERS]
    print(f"NetworkBuilder Create with {CONTAINERS} containers (median of {RUNS}), budget {BUDGET_S} s")
    fl = floor.floor_us()
    print(f"floor: {fl:.2f} µs CPU per record (k x floor: CPU time in thousands of floors)")
    print(f"{'driver':<12} {'create+redraw s':>16} {'k x floor':>10} {'redraw only s':>14}  within budget")
    for driver, create, redraw in rows:
        ok = "yes" if create < BUDGET_S else "NO"
        print(f"{driver:<12} {create:>16.3f} {create * 1e3 / fl:>10.1f} {redraw:>14.3f}  {ok}")
    return 0 if all(create < BUDGET_S for _, create, _ in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
