"""The errors the engine raises, each carrying the wording of the real daemon or HNS.

The typed Python API raises these; the text fronts catch them and print the message the
way the real tool does (``Error response from daemon: …``).  ``hint`` is an optional
one-line explanation for learners; it is never part of ``str(error)``.
"""


class WinNetLabError(Exception):
    """Base class: ``str(e)`` is the message the real Windows tool prints."""

    def __init__(self, message, hint=None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class InvalidParameter(WinNetLabError, ValueError):
    """A value the daemon or HNS refuses (bad subnet, bad option, bad port…)."""


class NotFound(WinNetLabError, LookupError):
    """A network, container, vSwitch or adapter that does not exist."""


class Conflict(WinNetLabError):
    """The object exists already, a port is mapped already, an adapter is bound already."""


class Exhausted(WinNetLabError):
    """An address pool, MAC pool or port range has no free entry left."""


class Unsupported(WinNetLabError):
    """A feature that Docker on Windows (or this Windows version) does not have."""


def hns_error(message, hint=None, cls=Conflict):
    """An error as hcsshim wraps an HNS failure: ``HNS failed with error : <message>``."""
    return cls(f"HNS failed with error : {message}", hint=hint)


def hns_call_error(message, code, profile=None):
    """An HNS failure as the engine of that Windows version words it (reference §18).

    Current engines (Docker 27, the lab's engine from Server 2019 on) print ``failed during
    hnsCallRawResponse: hnsCall failed in Win32: <message> (0xNN)``; every public report
    from Server 2016 shows the older ``HNS failed with error : <message>`` (Docker 17/18),
    so the ``ltsc2016`` profile words it that way.
    """
    if profile is not None and profile.name == "ltsc2016":
        return f"HNS failed with error : {message}"
    return f"failed during hnsCallRawResponse: hnsCall failed in Win32: {message} ({code:#x})"
