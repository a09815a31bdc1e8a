"""The packet walk's machinery (``winnetlab.trace`` is its public face).

``run`` resolves the two ends, builds the packet, lets the sender's component send it and
collects the hops until a component delivers or drops it; a delivered packet is answered,
and the reply walks back through the flow state the first packet left.
"""

from ..i18n import say
from . import container, driver_hops, hoststack, resolve, underlay
from .packet import Packet, Stop, Walk, ephemeral_port
from .trace import Trace


def places(lab):
    """Every name reachability covers: containers (by name), hosts (in order), "internet"."""
    names = sorted(c for h in lab.hosts.values() for c in h.containers)
    return names + list(lab.hosts) + ["internet"]


def run(lab, src, dst, port=None, protocol="tcp", reply=True):
    dst_text, port = resolve.split_port(str(dst).strip(), port)
    proto, port = resolve.probe(port, protocol)
    origin = resolve.source(lab, src)
    dest = resolve.destination(lab, origin, dst_text, port)
    w = Walk(lab, Packet(origin.ip, dest.ip, None, port, proto))
    w.target = dest.target
    try:
        _start(w, origin, dest)
    except Stop:
        pass
    answer = (lambda: _reply(w, str(src), str(dst))) if reply and w.verdict == "delivered" else None
    end = w.end if w.verdict == "delivered" else None
    return Trace(str(src), str(dst), proto, port, w.hops, w.verdict, w.reason, answer, lab, w.flow_hits, end)


def _start(w, origin, dest):
    p = w.pkt
    if dest.ip is None:
        host, c = dest.target
        w.drop(
            host.name,
            f"container {c.name}",
            say("no address"),
            say(
                "{container} has no address: it is {state} without a network endpoint",
                container=c.name,
                state=c.state,
            ),
        )
    if p.protocol != "icmp":
        p.src_port = ephemeral_port(origin.name, dest.ip, p.dst_port, p.protocol)
    if origin.kind == "container":
        if dest.loopback or (dest.target is not None and dest.target[1] is origin.container):
            _loopback_in_container(w, origin, dest)
        driver_hops.egress(w, origin.host, *container.send(w, origin.host, origin.container, dest.dns))
    elif origin.kind == "host":
        hoststack.send(w, origin.host, dest.loopback)
    else:
        hoststack.arrive(w, underlay.from_outside(w, origin.name))


def _loopback_in_container(w, origin, dest):
    h, c = origin.host, origin.container
    eps = h.endpoints_of(c)
    w.pkt.src_ip = w.pkt.dst_ip = dest.ip if not dest.loopback else resolve.LOOPBACK
    w.hop(h.name, f"container {c.name}", "send", w.pkt.describe())
    w.deliver(
        h.name,
        "Loopback Pseudo-Interface 1",
        say("loopback inside the compartment"),
        say("{container} talked to itself (loopback)", container=c.name),
        ("container", h, eps[0] if eps else None),
    )


def _reply(fw, fw_src, fw_dst):
    """Walk the answer to a delivered packet back through the same translations."""
    last = fw.pkt
    w = Walk(
        fw.lab, Packet(last.dst_ip, last.src_ip, last.dst_port, last.src_port, last.protocol), reply_of=fw
    )
    kind, *where = fw.end
    try:
        if kind == "container":
            host, ep = where
            if ep is None or last.src_ip == last.dst_ip:
                w.deliver(
                    host.name,
                    "Loopback Pseudo-Interface 1",
                    "loopback",
                    say("the reply stayed inside"),
                    fw.end,
                )
            driver_hops.egress(w, host, *container.send(w, host, host.containers[ep.container]))
        elif kind == "host":
            hoststack.send(w, where[0], last.dst_ip == resolve.LOOPBACK)
        else:
            hoststack.arrive(w, underlay.from_outside(w, where[0]))
    except Stop:
        pass
    return Trace(fw_dst, fw_src, last.protocol, last.src_port, w.hops, w.verdict, w.reason, lab=fw.lab)
