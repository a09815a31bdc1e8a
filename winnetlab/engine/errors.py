"""The errors the engine raises, each carrying the wording of the real daemon or HNS.

The typed Python API raises these; the text fronts catch them and print the message the
way the real tool does (``Error response from daemon: …``).  ``hint`` is an optional
one-line explanation for learners; it is never part of ``str(error)``.
"""

import functools


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


CURRENT_ENGINE = "27.3.1"  # the Docker engine of the current Windows profiles


@functools.lru_cache(maxsize=16)
def engine_version(engine):
    """``"19.03.1"`` -> ``(19, 3)``: the release line of a Docker engine version (remembered:
    every table and ``docker run`` asks, and a lab knows a handful of engines)."""
    return tuple(int(part) for part in engine.split("-")[0].split(".")[:2])


# The Win32 error codes of the HNS failures that samples show as Win32 failures.
WIN32_CODES = {
    "The process cannot access the file because it is being used by another process.": 0x20,
    "The parameter is incorrect.": 0x57,
}


def hns_words(message, code, engine):
    """An HNS failure as the Docker ``engine`` words it (hcsshim changed its wrapping).

    Up to 18.09: ``HNS failed with error : <message>`` (samples 03, 21); 19.03: a Win32
    failure is ``hnsCall failed in Win32: <message> (0xNN)`` (sample 24); current engines:
    ``failed during hnsCallRawResponse: hnsCall failed in Win32: <message> (0xNN)``
    (sample 22).  A failure HNS itself reports (``code`` None) is ``hns failed with error :
    <message>`` on current engines, ``HNS failed with error : <message>`` before.
    """
    version = engine_version(engine)
    if version < (19, 3) or (code is None and version < (20, 10)):
        return f"HNS failed with error : {message}"
    if code is None:
        return f"hns failed with error : {message}"
    if version < (20, 10):
        return f"hnsCall failed in Win32: {message} ({code:#x})"
    return f"failed during hnsCallRawResponse: hnsCall failed in Win32: {message} ({code:#x})"


def hns_error(message, hint=None, cls=Conflict, prefix=""):
    """An HNS failure raised where the host's engine is not at hand: ``message`` holds the
    2016-era wording, ``hns`` keeps ``(prefix, message, Win32 code or None)`` so the docker
    front words it as the host's engine does (``hns_words``)."""
    e = cls(f"{prefix}HNS failed with error : {message}", hint=hint)
    e.hns = (prefix, message, WIN32_CODES.get(message))
    return e


def hns_call_error(message, code, profile=None):
    """An HNS failure as the engine of ``profile`` words it (the current engine without one)."""
    return hns_words(message, code, profile.docker_engine if profile is not None else CURRENT_ENGINE)
