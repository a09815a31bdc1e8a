"""The simulated clock: one second per event of a host's log, from ``EPOCH``.

Every operation writes events, so a time is an event number: "Created 7 seconds ago" means
seven HNS/Docker steps ago, and every output stays byte-for-byte reproducible (no wall clock).
"""

import datetime

EPOCH = datetime.datetime(2025, 1, 6, 9, 0, 0, tzinfo=datetime.timezone.utc)


def latest_events(host):
    """``{(action, target): seq}`` of the latest event of each kind, in one pass over the log."""
    return host.latest_event_seqs()


def event_seq(host, action, target, latest=None):
    """Seq of the latest event ``action`` on ``target`` (0 if none)."""
    return (latest if latest is not None else latest_events(host)).get((action, target), 0)


def timestamp(seq):
    """RFC 3339 time of event ``seq`` on the simulated clock, as Docker on Windows writes it.

    Windows clocks tick in 100 ns, so Docker's times carry up to 7 fractional digits, printed
    the way Go's ``RFC3339Nano`` does (trailing zeros dropped): ``…:33.3446158Z``.  The
    fraction is derived from the event number (deterministic, not a measured time).
    """
    seconds = (EPOCH + datetime.timedelta(seconds=seq)).strftime("%Y-%m-%dT%H:%M:%S")
    fraction = f"{seq * 2654435761 % 10**7:07d}".rstrip("0")
    return f"{seconds}.{fraction}Z" if fraction else f"{seconds}Z"


def now(host):
    """The current time of ``host``: the seq its next event will get."""
    return host.event_count() + 1
