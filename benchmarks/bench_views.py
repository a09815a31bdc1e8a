"""Performance of the views: every table for 10,000 endpoints, and the topology picture.

Budgets (issue 4; CPU time, also printed in floors of ``floor.py``): all tables for a
10,000-endpoint lab together under 1 s; ``topology`` of a
200-container, 3-host lab under 3 s.  Prints one table of figures; run with
``MPLBACKEND=Agg python benchmarks/bench_views.py``.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor

import winnetlab as wl

TABLES = (
    "networks",
    "addresses",
    "endpoints",
    "routes",
    "policies",
    "port_mappings",
    "vswitches",
    "events",
    "unsupported",
)


def big_lab(endpoints=10_000, hosts=3, networks=3):
    """A lab with ``endpoints`` nat endpoints spread over hosts and nat networks (a MAC pool
    holds 4,096 addresses, so one network cannot carry them all)."""
    lab = wl.Lab(seed=0, hosts=hosts)
    per_network = -(-endpoints // (hosts * networks))
    made = 0
    for h_index, host in enumerate(lab.hosts.values()):
        names = ["nat"] + [f"nat{i}" for i in range(1, networks)]
        for i in range(1, networks):
            host.create_network(f"nat{i}", driver="nat", subnet=f"10.{h_index}.{i * 16}.0/20")
        for net in names:
            for i in range(per_network):
                if made == endpoints:
                    break
                publish = [f"{20000 + i}:80"] if i % 10 == 0 and net == "nat" else []
                host.run(f"{host.name}-{net}-{i}", network=net, publish=publish)
                made += 1
    return lab


def tutorial_lab(containers=200, hosts=3):
    lab = wl.Lab(seed=0, hosts=hosts)
    lab.swarm_init()
    for name in list(lab.hosts)[1:]:
        lab.swarm_join(name)
    first = lab.host()
    first.create_network("ov", driver="overlay", attachable=True)
    for i in range(containers):
        host = list(lab.hosts.values())[i % hosts]
        host.run(f"c{i}", network="ov" if i % 2 else "nat")
    return lab


def timed(fn, *args):
    start = time.process_time()
    result = fn(*args)
    return result, time.process_time() - start


def main():
    rows = []
    lab, build = timed(big_lab)
    rows.append(("build 10,000-endpoint lab (engine)", build, None))
    total = 0.0
    for name in TABLES:
        frame, seconds = timed(getattr(wl.tables, name), lab)
        total += seconds
        rows.append((f"tables.{name} ({len(frame):,} rows)", seconds, None))
    rows.append(("all tables, 10,000 endpoints", total, 1.0))
    small, _ = timed(tutorial_lab)
    figure, seconds = timed(wl.plot.topology, small)
    rows.append(("plot.topology, 200 containers / 3 hosts, 1st", seconds, 3.0))
    figure, seconds = timed(wl.plot.topology, small)
    rows.append(("plot.topology, same lab again (imports done)", seconds, 3.0))
    _, render = timed(figure._repr_png_)
    rows.append(("  + rendering it to PNG", render, None))
    _, seconds = timed(wl.graph, small)
    rows.append(("graph, 200 containers / 3 hosts", seconds, None))
    fl = floor.floor_us()
    print(f"floor: {fl:.2f} µs CPU per record (k x floor: CPU time in thousands of floors)")
    print(f"{'measure':<48} {'seconds':>8} {'k x floor':>10} {'budget':>7}  ok")
    for label, seconds, budget in rows:
        verdict = "" if budget is None else ("yes" if seconds < budget else "NO")
        print(
            f"{label:<48} {seconds:>8.3f} {seconds * 1e3 / fl:>10.1f} {'' if budget is None else budget:>7}  {verdict}"
        )
    return 0 if all(b is None or s < b for _, s, b in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
