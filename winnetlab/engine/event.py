"""The event log entry: one step of the HNS/HCS story a host tells (``host.events``)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One step of the HNS/HCS story of an operation, in order (``seq`` counts per host)."""

    seq: int
    actor: str  # "Docker", "HNS", "HCS", "WinNAT", "VFP", "Firewall", "vSwitch"
    action: str
    target: str
    detail: str = ""
