"""Naming the two ends of a walk: containers, hosts, addresses, the internet, DNS names.

A source is a place that sends (a container, a host, or a machine outside).  A destination
is an address and a port; names become addresses the way the source itself would resolve
them: a container or service name through Docker's embedded DNS when the source shares a
network that has it (nat, overlay), otherwise — transparent, l2bridge, l2tunnel have no
embedded DNS — through the address the learner could read in ``docker inspect``.
"""

import ipaddress
from dataclasses import dataclass

from ..engine.errors import InvalidParameter, NotFound
from .packet import ip_text

INTERNET_CLIENT = ipaddress.IPv4Address("203.0.113.10")  # TEST-NET-3: "a client on the internet"
INTERNET_SERVER = "www.example.com"
LOOPBACK = ipaddress.IPv4Address("127.0.0.1")
LOCALHOST = ("localhost", str(LOOPBACK))
PROTOCOLS = ("tcp", "udp", "icmp")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a packet starts: ``kind`` "container", "host" or "outside"."""

    kind: str
    name: str
    host: object = None
    container: object = None
    ip: object = None


@dataclass(frozen=True, slots=True)
class Destination:
    ip: object
    port: object
    target: object = None  # (host, container) a container name meant
    dns: tuple = None  # (component, detail) of the name resolution, if any
    loopback: bool = False


def probe(port, protocol):
    """(protocol, port) of the probe; no port means an ICMP echo request."""
    proto = str(protocol).lower()
    if proto not in PROTOCOLS:
        raise InvalidParameter(f"invalid protocol {protocol}: choose tcp, udp or icmp")
    if port is None or proto == "icmp":
        return "icmp", None
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port <= 65535:
        raise InvalidParameter(f"invalid port {port!r}: a port is a whole number from 1 to 65535")
    return proto, port


def _ip(text):
    text = str(text).strip()
    if not text or text.strip("0123456789."):  # not dotted digits: a name, never an IPv4 address
        return None
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    return ip if ip.version == 4 else None


def endpoint_owners(lab, ip):
    """Every (host, container, endpoint) whose container uses ``ip`` (local endpoints only)."""
    out = []
    for h in lab.hosts.values():
        for ep in h.endpoints.values():
            if not ep.remote and ep.container and ep.address == ip:
                out.append((h, h.containers[ep.container], ep))
    return out


def source(lab, src):
    """Resolve a ``src`` argument to an Origin (bad names raise NotFound/InvalidParameter)."""
    text = str(src).strip()
    if text in lab.hosts:
        h = lab.hosts[text]
        return Origin("host", h.name, h, ip=h.address)
    if text == "internet":
        return Origin("outside", "internet", ip=INTERNET_CLIENT)
    if text in lab.lan.outside:
        return Origin("outside", text, ip=lab.lan.outside[text])
    try:
        h, c = lab.find_container(text)
        return Origin("container", c.name, h, c)
    except NotFound:
        pass
    ip = _ip(text)
    if ip is None:
        raise NotFound(
            f"no container, host or outside address named {text!r} to send from",
            hint="a source is a container name, a host name, an IPv4 address, 'internet' or one of "
            + ", ".join(sorted(lab.lan.outside)),
        )
    for h in lab.hosts.values():
        if h.address == ip:
            return Origin("host", h.name, h, ip=ip)
    owners = endpoint_owners(lab, ip)
    if len(owners) == 1:
        h, c, _ = owners[0]
        return Origin("container", c.name, h, c)
    if len(owners) > 1:
        raise InvalidParameter(
            f"{ip} is used by several containers ("
            + ", ".join(sorted(f"{c.name} on {h.name}" for h, c, _ in owners))
            + "): name the container instead"
        )
    if not ip.is_private and ip not in lab.lan.prefix:
        name = next((n for n, a in sorted(lab.lan.outside.items()) if a == ip), str(ip))
        return Origin("outside", name, ip=ip)
    raise NotFound(f"nothing in the lab uses the address {ip}")


def split_port(text, port):
    """``host1:8080`` -> ("host1", 8080); a plain name keeps ``port``."""
    name, sep, tail = text.rpartition(":")
    if sep and tail.isdigit() and name:
        if port is not None and int(tail) != port:
            raise InvalidParameter(f"two ports given: {text!r} and port={port}")
        return name, int(tail)
    return text, port


def destination(lab, origin, dst, port):
    """Resolve a ``dst`` argument seen from ``origin`` to a Destination."""
    text = str(dst).strip()
    if text in LOCALHOST:
        if origin.kind == "outside":
            raise InvalidParameter("'localhost' is the sender itself: trace from a host or a container")
        return Destination(LOOPBACK, port, loopback=True)
    if text in lab.hosts:
        return Destination(lab.hosts[text].address, port)
    if text == "internet":
        return Destination(lab.lan.outside[INTERNET_SERVER], port)
    if text in lab.lan.outside:
        return Destination(lab.lan.outside[text], port)
    ip = _ip(text)
    if ip is not None:
        return Destination(ip, port)
    service = lab.swarm.services.get(text) if lab.swarm else None
    if service is not None:
        return _service(lab, origin, service, port)
    try:
        h, c = lab.find_container(text)
    except NotFound:
        raise NotFound(f"no container, service, host or address named {text!r}") from None
    return _container(lab, origin, h, c, port)


def _resolver(origin):
    """The embedded-DNS networks of a container source: {network name: (gateway, network)}."""
    if origin.kind != "container":
        return {}
    h = origin.host
    out = {}
    for ep in h.endpoints_of(origin.container):
        net = h.hns_networks.get(ep.network_id)
        if net is not None and ep.enable_internal_dns and net.gateway is not None:
            out[net.name] = (net.gateway, net)
    return out


def _container(lab, origin, host, container, port):
    eps = [e for e in host.endpoints_of(container) if e.address is not None]
    if not eps:
        return Destination(None, port, (host, container))
    dns = _resolver(origin)
    same_scope = origin.kind == "container" and origin.host is host
    for ep in eps:
        net = host.hns_networks.get(ep.network_id)
        if ep.network in dns and (same_scope or net.scope == "swarm"):
            gw = dns[ep.network][0]
            return Destination(
                ep.address,
                port,
                (host, container),
                (
                    f"Docker embedded DNS ({ip_text(gw)})",
                    f"{container.name} -> {ip_text(ep.address)} (A record on network {ep.network})",
                ),
            )
    lan = lab.lan.prefix
    ep = next((e for e in eps if e.address in lan), eps[0])
    why = "no embedded DNS on this path" if not dns else "not on a network the sender shares"
    return Destination(
        ep.address,
        port,
        (host, container),
        ("name lookup", f"{container.name} -> {ip_text(ep.address)} (its address on {ep.network}; {why})"),
    )


def _service(lab, origin, service, port):
    dns = _resolver(origin)
    net = next((n for n in sorted(service.networks) if n in dns), None)
    if net is None:
        raise NotFound(
            f"{origin.name} cannot resolve the service {service.name}: it shares none of the "
            f"service's networks ({', '.join(sorted(service.networks)) or 'none'})"
        )
    gw = dns[net][0]
    if service.endpoint_mode == "vip" and net in service.vips:
        vip = ipaddress.IPv4Address(str(service.vips[net]))
        return Destination(
            vip,
            port,
            None,
            (f"Docker embedded DNS ({gw})", f"{service.name} -> {vip} (the service VIP on {net})"),
        )
    tasks = []
    for task in sorted(service.tasks):
        h, c = lab.find_container(task)
        tasks += [e.address for e in h.endpoints_of(c) if e.network == net and e.address is not None]
    if not tasks:
        raise NotFound(f"the service {service.name} has no running task on {net}")
    return Destination(
        tasks[0],
        port,
        None,
        (
            f"Docker embedded DNS ({gw})",
            f"{service.name} -> {', '.join(map(str, tasks))} (DNS round robin: "
            f"the first answer {tasks[0]} is used)",
        ),
    )
