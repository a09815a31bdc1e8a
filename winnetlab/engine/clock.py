"""The simulated clock: one second per event of a host's log, from ``EPOCH``.

Every operation writes events, so a time is an event number: "Created 7 seconds ago" means
seven HNS/Docker steps ago, and every output stays byte-for-byte reproducible (no wall clock).
"""

import datetime

EPOCH = datetime.datetime(2025, 1, 6, 9, 0, 0, tzinfo=datetime.timezone.utc)


def latest_events(host):
    """``{(action, target): seq}`` of the latest event of each kind, in one pass over the log."""
    return {(ev.action, ev.target): ev.seq for ev in host.events}


def event_seq(host, action, target, latest=None):
    """Seq of the latest event ``action`` on ``target`` (0 if none)."""
    return (latest if latest is not None else latest_events(host)).get((action, target), 0)


def timestamp(seq):
    """RFC 3339 time of event ``seq`` on the simulated clock."""
    return (EPOCH + datetime.timedelta(seconds=seq)).strftime("%Y-%m-%dT%H:%M:%SZ")


def now(host):
    """The current time of ``host``: the seq its next event will get."""
    return len(host.events) + 1
