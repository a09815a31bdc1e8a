"""Packet-walk throughput on a two-host overlay lab, and a reachability matrix (issue 17).

Targets (this machine, quiet; printed as multiples of the floor of ``floor.py``):

* first packets — every trace a new flow (a port never used before, sources varied: two
  containers, a host and the internet): >= 20,000 traces/s;
* the same with the reply walked too (``trace.reply``): >= 10,000 traces/s;
* repeated flows (the same 5-tuples again: VFP's unified flow table answers) — reported;
* ``lab.reachability()`` over 110 containers on two hosts (12,769 cells): < 1 s.

CPU time of this process, best of 5 repeats.  Run: ``python benchmarks/bench_trace.py``.
"""

import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

import floor

import winnetlab as wl

PAIRS = [
    ("a", "b"),
    ("b", "a"),
    ("a", "c"),
    ("c", "b"),
    ("a", "internet"),
    ("internet", "host1"),
    ("host2", "b"),
]
N = 3000
_ports = itertools.count(1)  # every first-packet trace takes a port no trace used before


def overlay_lab():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.host("host1").create_network("ov", driver="overlay", attachable=True)
    lab.host("host1").run("a", network="ov")
    lab.host("host2").run("b", network="ov")
    lab.host("host1").run("c", network="ov")
    return lab


def new_flows(lab, reply=False):
    """N traces, each on a port not used before in this process (a first packet)."""
    start = next(_ports)
    for i in range(N):
        src, dst = PAIRS[i % len(PAIRS)]
        t = lab.trace(src, dst, 1 + (start + i) % 65535)
        if reply:
            t.reply  # noqa: B018 - walking the reply is the work measured
    for _ in range(N):
        next(_ports)


def same_flows(lab):
    """N traces over 35 flows seen before (VFP's flow table holds them)."""
    for i in range(N):
        src, dst = PAIRS[i % len(PAIRS)]
        lab.trace(src, dst, 8000 + i % 5)


def reachability_lab(containers=110):
    lab = wl.Lab(hosts=2)
    for i in range(containers):
        lab.host(f"host{1 + i % 2}").run(f"c{i:03d}", publish=[f"{8000 + i}:80"] if i % 5 == 0 else ())
    return lab


def main():
    import pandas  # noqa: F401 - reachability returns a DataFrame: import it outside the timing

    lab = overlay_lab()
    new_flows(lab)  # warm-up
    same_flows(lab)
    fl = floor.floor_us()
    rows = []
    for label, fn, target in (
        ("first packets, traces/s (forward)", lambda: new_flows(lab), 20_000),
        ("first packets + reply, traces/s", lambda: new_flows(lab, reply=True), 10_000),
        ("repeated flows (flow table), traces/s", lambda: same_flows(lab), None),
    ):
        secs, _ = floor.best_cpu(fn)
        ratio = secs / N * 1e6 / fl
        limit = floor.floors_for_rate(target) if target else None
        rows.append(
            (
                label,
                f"{N / secs:,.0f}/s",
                ratio,
                f"<= {limit:.1f} (>= {target:,}/s)" if target else "-",
                ratio <= limit if target else None,
            )
        )
    big = reachability_lab()
    secs, frame = floor.best_cpu(lambda: big.reachability(port=80), repeat=3)
    ratio = secs * 1e6 / fl
    limit = floor.floors_for_seconds(1.0)
    rows.append(
        (
            f"reachability, 110 containers ({frame.size:,} cells)",
            f"{secs:.3f} s",
            ratio,
            f"<= {limit:,.0f} (< 1 s)",
            ratio <= limit,
        )
    )
    ok = floor.table(rows, fl)
    print(f"first packets at the quiet floor: {floor.quiet_rate(rows[0][2]):,.0f} traces/s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
