"""``winnetlab show`` of a Kubernetes node's HNS dump (issue 17).

Targets (this machine, quiet; printed as multiples of the floor of ``floor.py``):

* ``winnetlab show`` of a 500-endpoint, 300-policy-list node dump: under 1 s of CPU beyond
  what a fresh interpreter needs to import pandas and matplotlib (both measured here, as
  child processes, best of 3);
* linear in the input: CPU per object of load + report at 20,000 objects within 1.5x of the
  per-object cost at 2,404 (in process, imports done).

Run: ``MPLBACKEND=Agg python benchmarks/bench_show.py``.
"""

import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

import floor
from bench_import import synthesize

import winnetlab as wl

SHOW = "import sys; from winnetlab.cli import main; sys.exit(main(sys.argv[1:]))"
IMPORTS = "import pandas, matplotlib, matplotlib.pyplot"


def child_cpu(args):
    """CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, *args], check=True, capture_output=True, env={**os.environ, "MPLBACKEND": "Agg"}
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def write_dump(folder, endpoints, policy_lists):
    nets, eps, pls = synthesize(endpoints, policy_lists)
    path = os.path.join(folder, f"node-{endpoints}.json")
    with open(path, "w") as fh:
        json.dump(nets + eps + pls, fh, indent=4)
    return path, len(nets) + len(eps) + len(pls)


def show_in_process(path, out):
    from winnetlab.views.report import _report

    lab = wl.load_hns(path)
    with contextlib.redirect_stdout(io.StringIO()):
        _report(lab, out, "bench", transcript=(), prog="winnetlab show")


def main():
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        node, _ = write_dump(tmp, 500, 300)
        out = os.path.join(tmp, "out")
        fl = floor.floor_us()
        show = min(child_cpu(["-c", SHOW, "show", node, "--out", out]) for _ in range(3))
        imports = min(child_cpu(["-c", IMPORTS]) for _ in range(3))
        beyond = show - imports
        limit = floor.floors_for_seconds(1.0)
        rows.append(("show, 500 endpoints + 300 policy lists", f"{show:.2f} s", None, "-", None))
        rows.append(("  of which: import pandas + matplotlib", f"{imports:.2f} s", None, "-", None))
        rows.append(
            (
                "  beyond those imports",
                f"{beyond:.2f} s",
                beyond * 1e6 / fl,
                f"<= {limit:,.0f} (< 1 s)",
                beyond * 1e6 / fl <= limit,
            )
        )
        show_in_process(node, out)  # imports and font caches
        per_object = {}
        for endpoints, policy_lists in ((1500, 900), (3000, 1800), (6000, 3600), (12_000, 7_996)):
            path, objects = write_dump(tmp, endpoints, policy_lists)
            secs, _ = floor.best_cpu(lambda p=path: show_in_process(p, out), repeat=2)
            per_object[objects] = secs / objects
            rows.append(
                (
                    f"load + report, {objects:,} objects",
                    f"{secs:.2f} s",
                    secs / objects * 1e6 / fl,
                    "per object",
                    None,
                )
            )
        sizes = sorted(per_object)
        growth = per_object[sizes[-1]] / per_object[sizes[0]]
        rows.append(
            (
                f"per object at {sizes[-1]:,} / at {sizes[0]:,}",
                f"{growth:.2f}x",
                None,
                "<= 1.5x (linear)",
                growth <= 1.5,
            )
        )
    return 0 if floor.table(rows, fl) else 1


if __name__ == "__main__":
    sys.exit(main())
