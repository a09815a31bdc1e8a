"""The packet being walked, the record of its hops and the flow state NAT leaves behind.

A ``Walk`` carries one packet (mutable headers) through the components; every component
calls ``walk.hop(...)`` after it has changed the headers, so each hop shows the packet as it
leaves that component.  ``drop``/``deliver`` end the walk.  NAT components (WinNAT, VFP's
SLB layers) record a ``Translation`` so the reply can be translated back, as the real flow
tables do.
"""

import functools
import zlib
from dataclasses import dataclass
from ipaddress import IPv4Address

from ..engine.ports import EPHEMERAL_FIRST, EPHEMERAL_LAST
from ..i18n import say
from .trace import Hop

# str(IPv4Address) is slow and a walk meets the same few address objects again and again:
# id(address) -> (the address, its text).  Holding the address keeps its id from being reused.
_TEXTS = {}
_TEXTS_MAX = 1 << 16


def ip_text(ip):
    """``str(ip)`` of an address (immutable), remembered per address object."""
    known = _TEXTS.get(id(ip))
    if known is not None and known[0] is ip:
        return known[1]
    if len(_TEXTS) >= _TEXTS_MAX:
        _TEXTS.clear()
    text = str(ip)
    _TEXTS[id(ip)] = (ip, text)
    return text


_new_hop = functools.partial(tuple.__new__, Hop)  # Hop(*fields) without its Python-level __new__


class Stop(Exception):
    """Raised by ``deliver``/``drop``: the walk is over."""


class Packet:
    """Headers: addresses are ``IPv4Address``; ports None for ICMP; ``outer`` an Outer or None."""

    __slots__ = (
        "src_ip",
        "dst_ip",
        "src_port",
        "dst_port",
        "protocol",
        "src_mac",
        "dst_mac",
        "vlan",
        "outer",
    )

    def __init__(self, src_ip, dst_ip, src_port, dst_port, protocol, src_mac="", dst_mac="", vlan=0):
        self.src_ip = src_ip
        self.dst_ip = dst_ip
        self.src_port = src_port
        self.dst_port = dst_port
        self.protocol = protocol
        self.src_mac = src_mac
        self.dst_mac = dst_mac
        self.vlan = vlan
        self.outer = None

    @property
    def four_tuple(self):
        return (self.src_ip, self.src_port, self.dst_ip, self.dst_port)

    def describe(self):
        proto, src, dst = self.protocol.upper(), ip_text(self.src_ip), ip_text(self.dst_ip)
        if self.src_port is None:
            return f"{proto} {src} -> {dst}"
        return f"{proto} {src}:{self.src_port} -> {dst}:{self.dst_port}"


@dataclass(frozen=True, slots=True)
class Translation:
    """One NAT decision: the packet's 4-tuple before and after, where it happened."""

    host: str
    where: str  # "WinNAT" or a VFP layer name
    before: tuple
    after: tuple
    endpoint: object = None  # the VFP port (Endpoint) that holds the flow, if any


def flow_number(*parts, modulo):
    """A deterministic number from a flow (CRC-32: the same in every process, unlike hash())."""
    return (
        zlib.crc32("|".join([ip_text(p) if type(p) is IPv4Address else str(p) for p in parts]).encode())
        % modulo
    )


def ephemeral_port(*parts):
    return EPHEMERAL_FIRST + flow_number(*parts, modulo=EPHEMERAL_LAST - EPHEMERAL_FIRST + 1)


class Walk:
    """One packet's journey: hops so far, the verdict, and NAT state for the reply."""

    __slots__ = (
        "lab",
        "pkt",
        "hops",
        "verdict",
        "reason",
        "translations",
        "reply_of",
        "end",
        "target",
        "flow_hits",
        "via",
        "_texts",
    )

    def __init__(self, lab, pkt, reply_of=None):
        self.lab = lab
        self.pkt = pkt
        self.hops = []
        self.verdict = None
        self.reason = ""
        self.translations = []
        self.reply_of = reply_of  # the forward Walk when this walk is a reply
        self.end = None  # where it was delivered: ("container", host, ep) / ("host", host) / …
        self.target = None  # the container a named destination meant (checked at delivery)
        self.flow_hits = []  # (host, port, direction) whose VFP flow table held this flow
        self.via = None  # the sender's `route add` route with a gateway, when it chose the next hop
        self._texts = (None, "None", None, "None")  # the last (src, its text, dst, its text)

    @property
    def is_reply(self):
        return self.reply_of is not None

    def route_why(self, next_hop, why):
        """``why`` nothing answers ARP for ``next_hop``, naming the sender's ``route add``
        route when that route chose it."""
        r = self.via
        if r is None or r.gateway != next_hop:
            return why
        return say(
            "the route {route} via {gateway} (added with route add) sends the packet to {gateway}, and "
            "nothing answers ARP for it: {why}",
            route=r.destination,
            gateway=r.gateway,
            why=why,
        )

    def hop(self, host, component, action, detail, rule=None):
        p = self.pkt
        src, src_text, dst, dst_text = self._texts
        if p.src_ip is not src or p.dst_ip is not dst:  # most hops keep both addresses
            src, dst = p.src_ip, p.dst_ip
            src_text, dst_text = ip_text(src), ip_text(dst)
            self._texts = (src, src_text, dst, dst_text)
        self.hops.append(
            _new_hop(
                (
                    host,
                    component,
                    action,
                    detail,
                    rule,
                    src_text,
                    dst_text,
                    p.src_port,
                    p.dst_port,
                    p.protocol,
                    p.src_mac,
                    p.dst_mac,
                    p.vlan,
                    p.outer,
                )
            )
        )

    def drop(self, host, component, detail, reason, rule=None):
        self.hop(host, component, "drop", detail, rule)
        self.verdict = "dropped"
        self.reason = reason
        raise Stop

    def deliver(self, host, component, detail, reason, end):
        self.hop(host, component, "deliver", detail)
        self.verdict = "delivered"
        self.reason = reason
        self.end = end
        raise Stop

    def record(self, host, where, before, endpoint=None):
        self.translations.append(Translation(host, where, before, self.pkt.four_tuple, endpoint))

    def reverse(self, host, where, endpoint=None):
        """In a reply walk: undo the forward walk's translation at (host, where[, port]), if it matches."""
        if self.reply_of is None:
            return None
        p = self.pkt
        for t in self.reply_of.translations:
            if t.host == host and t.where == where and (endpoint is None or t.endpoint is endpoint):
                asip, asport, adip, adport = t.after
                if (p.src_ip, p.src_port, p.dst_ip, p.dst_port) == (adip, adport, asip, asport):
                    bsip, bsport, bdip, bdport = t.before
                    p.src_ip, p.src_port, p.dst_ip, p.dst_port = bdip, bdport, bsip, bsport
                    return t
        return None

    def reply_flow_at(self, host, ip, port):
        """The forward translation on ``host`` whose translated source is ``ip:port`` (a reply's target)."""
        if self.reply_of is None:
            return None
        for t in self.reply_of.translations:
            if t.host == host and t.after[0] == ip and t.after[1] == port:
                return t
        return None
