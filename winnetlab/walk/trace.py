"""The packet walk: follow one packet hop by hop through a simulated Windows container host.

``lab.trace(src, dst, port=None, protocol="tcp")`` sends one packet and records every
component it crosses — the container's compartment route table, its vNIC (or the vmNIC of a
Hyper-V isolated container), the vSwitch port, the VFP layers of that port (top to bottom on
the way out, bottom to top on the way in), WinNAT, the Windows Firewall, the host vNIC, the
physical adapter, the underlay LAN and its router, VXLAN encapsulation between provider
addresses, the physical Hyper-V host under ``l2tunnel`` — and the packet's headers *after*
each hop.  Rewrites (SNAT, DNAT, MAC rewrite, VXLAN encapsulation) are real changes of those
fields, so a learner can watch the source address turn into the host's address at WinNAT, or
the outer headers appear at ``VNET_ENCAP_LAYER``.

A delivered TCP/UDP/ICMP packet gets an answer: ``trace.reply`` walks the reply back through
the same translations (WinNAT and VFP keep the flow state the first packet created), which is
how "SNAT on the way out and back on the way in" becomes visible.

Sources and destinations (``src``/``dst``): a container name, a host name, an IPv4 address,
``"internet"``, a named outside address (``"dns.google"``), ``"host1:8080"`` (a host and a
port), ``"localhost"``/``"127.0.0.1"`` (the source host itself), or — as destination — a
container or swarm service name that the source resolves through Docker's embedded DNS where
its network has one.  ``port=None`` sends an ICMP echo request (what ``ping`` sends).

Simplifications (documented, deliberate):

* Every container listens on every port: the walk is about the network path, not about
  applications.  A host's own stack answers ICMP echo; TCP/UDP to a host port that nothing
  publishes is refused by the host's Windows Firewall (its inbound default is Block).
* The underlay router does not NAT: LAN addresses (192.168.0.0/24) are treated as routable
  on the internet.  The router refuses to forward to the internet packets whose source is
  not a LAN address (ingress filtering), because nothing could answer them — which is why an
  ``l2bridge`` container without OutboundNAT cannot reach the internet.
* ``"internet"`` as a destination is the web server ``www.example.com``; as a source it is a
  client at 203.0.113.10 (a documentation address).
* In a VFP layer the first matching rule (lowest priority number) decides; layers follow
  the order of ``winnetlab.vfp.LAYER_ORDER``.  ICMP is never translated by VFP NAT
  (reference §8: ping to the internet fails from overlay/l2bridge containers).
* Ephemeral source ports and VXLAN outer source ports are derived from the flow with CRC-32,
  so every run shows the same numbers.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

from .. import i18n

# Docker's 64-hex ids (HNS names of networks created without networkname, their vSwitches and
# vNICs) are shown the way Docker shows them: 12 characters.
_LONG_ID = re.compile(r"\b([0-9a-f]{12})[0-9a-f]{52}\b")


def short_text(text):
    return _LONG_ID.sub(r"\1…", text or "")


VXLAN_PORT = 4789
HEADER_FIELDS = ("src_ip", "dst_ip", "src_port", "dst_port", "protocol", "src_mac", "dst_mac", "vlan")
FRAME_COLUMNS = (
    "host",
    "component",
    "action",
    "detail",
    "rule",
    *HEADER_FIELDS,
    "outer_src_mac",
    "outer_dst_mac",
    "outer_src_ip",
    "outer_dst_ip",
    "outer_src_port",
    "outer_dst_port",
    "vni",
)


@dataclass(frozen=True, slots=True)
class Outer:
    """The outer headers of a VXLAN-encapsulated packet (provider addresses, UDP 4789, VNI)."""

    src_mac: str
    dst_mac: str
    src_ip: str
    dst_ip: str
    src_port: int
    dst_port: int = VXLAN_PORT
    vni: int = 0

    def __str__(self):
        return f"VXLAN {self.src_ip}:{self.src_port} -> {self.dst_ip}:{self.dst_port} VNI {self.vni}"


class Hop(NamedTuple):
    """One step of a walk and the packet's headers *after* it.

    ``host`` is a host name, ``"LAN"`` (the underlay), ``"internet"`` or ``"physical-host"``
    (the Hyper-V host below a VM container host).  Addresses are strings as ``ipconfig``
    prints them; MACs are written the HNS way (``00-15-5D-…``); ports are None for ICMP.
    (A named tuple: immutable, and the cheapest record Python builds — a walk makes a dozen.)
    """

    host: str
    component: str
    action: str
    detail: str
    rule: str
    src_ip: str
    dst_ip: str
    src_port: int
    dst_port: int
    protocol: str
    src_mac: str
    dst_mac: str
    vlan: int
    outer: Outer = None

    def as_row(self):
        o = self.outer
        outer = (
            (o.src_mac, o.dst_mac, o.src_ip, o.dst_ip, o.src_port, o.dst_port, o.vni) if o else (None,) * 7
        )
        return (*self[:13], *outer)


class Trace:
    """The result of ``lab.trace``: ``hops``, ``verdict`` ("delivered"/"dropped"), ``reason``.

    ``reason`` is said in the session's language (``wl.set_language("ko")``); ``said`` is the
    walk's own sentence — English text that remembers its template and facts
    (:class:`winnetlab.i18n.Said`), so ``i18n.speak(trace.said, lang)`` says it in any language.
    The ``detail`` of a hop that delivers or drops is such a sentence too.

    ``reply`` is the walk of the answer (a Trace, or None when the packet was dropped); it is
    walked on first access, from the flow state the first packet left, so read it before
    changing the lab.  ``src`` and ``dst`` are what was asked for, ``protocol`` and ``port``
    the probe.  ``flow_hits`` lists the VFP ports (host, endpoint, direction) whose unified
    flow table already held this flow from an earlier trace; it is kept out of the hops, the
    repr and the frame, which never depend on what ran before.
    """

    __slots__ = (
        "src",
        "dst",
        "protocol",
        "port",
        "hops",
        "verdict",
        "said",
        "lab",
        "flow_hits",
        "end",
        "_reply",
        "_answer",
    )

    def __init__(
        self, src, dst, protocol, port, hops, verdict, reason, answer=None, lab=None, flow_hits=(), end=None
    ):
        self.lab = lab  # the lab walked, so wl.plot.trace(t) can draw it
        self.end = end  # who received a delivered packet: ("container", host, endpoint), ("host", host) …
        self.src = src
        self.dst = dst
        self.protocol = protocol
        self.port = port
        self.hops = tuple(hops)
        self.verdict = verdict
        self.said = reason  # the walk's sentence (English); .reason says it in the session's language
        self.flow_hits = tuple(flow_hits)  # VFP ports whose flow table held the flow (not shown)
        self._reply = None
        self._answer = answer  # a function that walks the reply, or None

    @property
    def reply(self):
        if self._answer is not None:
            self._reply, self._answer = self._answer(), None
        return self._reply

    @property
    def reason(self):
        """Why the packet was delivered or dropped, in the session's language."""
        return i18n.speak(self.said)

    @property
    def delivered(self):
        return self.verdict == "delivered"

    @property
    def last(self):
        return self.hops[-1] if self.hops else None

    def hosts(self):
        """The places the packet visited, in order, without repeats in a row."""
        out = []
        for h in self.hops:
            if not out or out[-1] != h.host:
                out.append(h.host)
        return out

    def find(self, component=None, action=None):
        """Hops whose component contains ``component`` and whose action is ``action``."""
        return [
            h
            for h in self.hops
            if (component is None or component in h.component) and (action is None or h.action == action)
        ]

    def title(self):
        probe = self.protocol.upper() + (f" port {self.port}" if self.port is not None else " echo")
        return f"{self.src} -> {self.dst} ({probe}): {i18n.tr(self.verdict)}"

    def to_frame(self):
        """The step table as a pandas DataFrame, one row per hop (index ``step`` from 1)."""
        from ..views.trace_table import trace_frame

        return trace_frame(self)

    def __repr__(self):
        lines = [self.title(), "  " + self.reason]
        for i, h in enumerate(self.hops, 1):
            lines.append(
                f"{i:>3}. {h.host:<13} {short_text(h.component):<34} {h.action:<9} "
                + short_text(i18n.speak(h.detail))
            )
        if self.reply is not None:
            lines.append("reply: " + i18n.tr(self.reply.verdict) + " — " + self.reply.reason)
        return "\n".join(lines)

    def _repr_html_(self):
        from ..views.trace_table import trace_html

        return trace_html(self)


def trace(lab, src, dst, port=None, protocol="tcp"):
    """Walk one packet from ``src`` to ``dst`` in ``lab`` (see the module docstring)."""
    from . import run

    return run(lab, src, dst, port, protocol)


def reachability(lab, port=80, protocol="tcp"):
    """Who reaches whom: a square DataFrame over every container, every host and "internet"
    (see :func:`winnetlab.views.trace_table.reachability`)."""
    from ..views.trace_table import reachability as frame

    return frame(lab, port, protocol)


def verdicts(lab, port=80, protocol="tcp"):
    """(places, rows): the verdict of ``lab.trace(a, b, port, protocol)`` for every pair of
    places (containers, hosts, "internet"), one row per sender."""
    from . import places, run

    names = places(lab)
    return names, [
        [run(lab, a, b, port, protocol, reply=False).verdict if a != b else "" for b in names] for a in names
    ]  # a place and itself: no packet crosses the network, the cell stays empty
