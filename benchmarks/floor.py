"""The floor every benchmark is measured against, in the same run (issue 17).

The machine is shared, so a figure in seconds says as much about the neighbours as about the
code.  Each benchmark therefore also times a *floor* — the cheapest honest Python version of
one unit of work: a ``__slots__`` record holding a seeded GUID, an ``IPv4Address`` and a MAC
(what the engine must at least build for one container) — and prints its figures as a
multiple of that floor.  Both are CPU time of this process (``time.process_time``), best of
several repeats, so load from other processes moves neither much, and moves both alike.

A target in the issue is given in traces/s or seconds on this machine when quiet; it becomes
a ratio through ``FLOOR_QUIET_US``, the floor measured there and then (``floors_for_rate``,
``floors_for_seconds``); ``quiet_rate`` turns a measured ratio back into a rate on that machine.
"""

import ipaddress
import random
import time
import uuid

FLOOR_QUIET_US = 2.2  # the floor on this project's 2-core machine (2026-11-30, best of 4 x 7 batches)


class _Record:
    __slots__ = ("id", "ip", "mac")

    def __init__(self, id, ip, mac):
        self.id, self.ip, self.mac = id, ip, mac


def _floor_batch(n):
    rnd = random.Random(0)
    out = []
    for i in range(n):
        guid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
        ip = ipaddress.IPv4Address(0x0A000000 + i)
        mac = f"00-15-5D-{i >> 16 & 255:02X}-{i >> 8 & 255:02X}-{i & 255:02X}"
        out.append(_Record(guid, ip, mac))
    return out


def best_cpu(fn, repeat=5):
    """Best CPU seconds of ``fn()`` over ``repeat`` runs, and its last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def floor_us(n=20_000, repeat=7):
    """CPU microseconds of one floor record, best of ``repeat`` batches of ``n``."""
    seconds, _ = best_cpu(lambda: _floor_batch(n), repeat)
    return seconds / n * 1e6


def quiet_rate(ratio):
    """Units per second on the quiet machine of a unit that costs ``ratio`` floors."""
    return 1e6 / (ratio * FLOOR_QUIET_US)


def floors_for_rate(rate):
    """The ratio to the floor that ``rate`` units/s on the quiet machine allows."""
    return 1e6 / (rate * FLOOR_QUIET_US)


def floors_for_seconds(seconds):
    """The ratio to the floor that ``seconds`` on the quiet machine allows."""
    return seconds * 1e6 / FLOOR_QUIET_US


def table(rows, floor):
    """Print rows of (figure, measured text, ratio to floor, target text, ok); return all ok."""
    print(f"floor: {floor:.2f} µs CPU per record (quiet machine: {FLOOR_QUIET_US} µs)")
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':>14}  {'x floor':>10}  {'target':>16}  ok")
    for name, measured, ratio, target, ok in rows:
        r = "" if ratio is None else f"{ratio:,.1f}"
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"{name:<{width}}  {measured:>14}  {r:>10}  {target:>16}  {mark}")
    return all(r[4] is not False for r in rows)
