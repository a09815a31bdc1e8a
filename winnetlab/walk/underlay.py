"""Beyond the host: the underlay LAN, its router, the internet, the physical Hyper-V host.

The LAN (``lab.lan``) is one broadcast domain: hosts, containers of transparent networks
(their own MACs) and the router ``.1``.  The router knows the LAN, the static routes it was
given (``lab.add_route(prefix, via)``) and sends everything else to the internet; the hosts
route each other's l2bridge subnets themselves (flannel host-gw style).  It does not NAT; it refuses to send to the
internet a packet whose source is not a LAN address (nothing could answer it).

A host that is itself a Hyper-V VM sits behind a port of its physical host's vSwitch: that
port passes only frames with the VM's own MAC unless MAC address spoofing is on.
"""

import ipaddress

from ..engine import dnsworld
from ..engine.drivers import of
from ..engine.drivers.base import SHIM
from ..i18n import say
from .lookup import uplink_adapter
from .packet import ip_text
from .resolve import INTERNET_CLIENT
from .trace import Outer

PRIVATE = tuple(
    ipaddress.IPv4Network(p) for p in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")
)
LAN = "LAN"
INTERNET = "internet"
SPOOF_REASON = (
    "{host} is a Hyper-V VM without MAC address spoofing: its Hyper-V host drops frames for the "
    "container MAC {mac}, which is not the VM's own (on the Hyper-V host: Get-VMNetworkAdapter -VMName "
    "{host} | Set-VMNetworkAdapter -MacAddressSpoofing On)"
)

AZURE_REASON = (
    "{host} is an Azure VM: Azure's virtual network forwards only the VM's own MAC and addresses, "
    "so the container MAC {mac} never gets through and MAC spoofing cannot be enabled there — "
    "transparent networks do not work on Azure; use l2bridge or overlay (the Azure CNI on AKS)"
)


def router_route(lab, ip):
    """The router's longest static route for ``ip`` (``lab.add_route``): (prefix, next hop) or None."""
    hits = [(n, hop) for n, hop in lab.lan.routes.items() if ip in n]
    return max(hits, key=lambda r: r[0].prefixlen) if hits else None


def owner(lab, ip):
    """Who answers ARP for ``ip`` on the LAN: (label, mac, kind, host, endpoint) or None."""
    lan = lab.lan
    if ip == lan.router:
        return "the LAN router", lan.router_mac, "router", None, None
    for h in lab.hosts.values():
        if h.address == ip:
            return h.name, uplink_adapter(h)[0].mac_address, "host", h, None
    for h in lab.hosts.values():
        for ep in h.endpoints.values():
            if ep.remote or ep.address != ip or ep.container is None:
                continue
            net = h.hns_networks.get(ep.network_id)
            if net is None or not of(net).lan_visible:
                continue
            mac = ep.mac_address if of(net).keeps_container_mac else uplink_adapter(h)[0].mac_address
            return f"{ep.container} on {h.name}", mac, "container", h, ep
    return None


def vm_port(w, host, outbound):
    """The physical Hyper-V host's port of a VM container host (MAC spoofing check)."""
    if not host.is_vm:
        return
    p = w.pkt
    if p.outer is not None:
        mac = p.outer.src_mac if outbound else p.outer.dst_mac
    else:
        mac = p.src_mac if outbound else p.dst_mac
    own = {a.mac_address for a in host.adapters.values() if a.physical}
    comp = f"Hyper-V vSwitch port of VM {host.name}"
    if mac in own or host.mac_spoofing:
        why = "the VM's own MAC" if mac in own else "MAC address spoofing is on"
        w.hop("physical-host", comp, "forward", f"{'from' if outbound else 'to'} {host.name}: {mac} ({why})")
        return
    if host.platform == "azure-vm":
        w.drop(
            "physical-host",
            f"Azure virtual network (NIC of VM {host.name})",
            f"frame {'from' if outbound else 'to'} {mac} dropped",
            say(AZURE_REASON, host=host.name, mac=mac),
            "Azure SDN: VM MAC only",
        )
    w.drop(
        "physical-host",
        comp,
        f"frame {'from' if outbound else 'to'} {mac} dropped (MAC spoofing off)",
        say(SPOOF_REASON, host=host.name, mac=mac),
        "MacAddressSpoofing Off",
    )


def _set_dst_mac(p, mac):
    if p.outer is not None:
        o = p.outer
        p.outer = Outer(o.src_mac, mac, o.src_ip, o.dst_ip, o.src_port, o.dst_port, o.vni)
    else:
        p.dst_mac = mac


def lan(w, next_hop):
    """The LAN switch delivers the frame to whoever owns ``next_hop``: the host it reaches is
    returned (the caller hands the frame to that host's stack), the router routes it on."""
    found = owner(w.lab, next_hop)
    if found is None:
        w.drop(
            LAN,
            "LAN switch",
            f"ARP: who has {next_hop}? no answer",
            w.route_why(
                next_hop, say("nothing on the LAN {lan} answers for {ip}", lan=w.lab.lan.prefix, ip=next_hop)
            ),
        )
    label, mac, kind, h, _ = found
    _set_dst_mac(w.pkt, mac)
    w.hop(LAN, "LAN switch", "forward", f"to {mac} ({label})")
    if kind == "router":
        return router(w)
    return h


def router(w):
    """The LAN router: LAN on-link, host-gw routes to l2bridge subnets, else the internet."""
    p = w.pkt
    lab = w.lab
    comp = f"router {ip_text(lab.lan.router)}"
    if p.dst_ip == lab.lan.router:
        w.deliver(
            LAN,
            comp,
            say("{packet} received", packet=p.describe()),
            say(
                "the LAN router {router} received the packet from {ip}",
                router=ip_text(p.dst_ip),
                ip=ip_text(p.src_ip),
            )
            if not w.is_reply
            else say("the reply reached the LAN router"),
            ("outside", comp),
        )
    if p.dst_ip in lab.lan.prefix:
        p.src_mac = lab.lan.router_mac
        w.hop(LAN, comp, "route", f"{ip_text(p.dst_ip)} is on the LAN", f"{lab.lan.prefix} -> On-link")
        return lan(w, p.dst_ip)
    route = router_route(lab, p.dst_ip)
    if route is not None:
        prefix, hop = route
        p.src_mac = lab.lan.router_mac
        w.hop(LAN, comp, "route", f"{p.dst_ip} via {hop} (static route)", f"{prefix} -> {hop}")
        return lan(w, hop)
    pod = next(((pfx, h) for pfx, h, _ in lab.hostgw_routes() if p.dst_ip in pfx), None)
    if pod is not None:
        w.drop(
            LAN,
            comp,
            say("no route to {ip}", ip=p.dst_ip),
            say(
                "the router has no route to {ip}, in the l2bridge subnet {subnet} of {host}: the LAN "
                "reaches pod subnets only where someone added a route (lab.add_route('{subnet}', via='{host}'))",
                ip=p.dst_ip,
                subnet=pod[0],
                host=pod[1].name,
            ),
        )
    if any(p.dst_ip in n for n in PRIVATE):
        w.drop(
            LAN,
            comp,
            say("no route to {ip}", ip=p.dst_ip),
            say(
                "the router has no route to {ip}: that private address lives behind a host (nat/overlay "
                "addresses are not on the LAN); reach it through a published port of its host",
                ip=p.dst_ip,
            ),
        )
    if p.src_ip not in lab.lan.prefix:
        w.drop(
            LAN,
            comp,
            say("source {ip} is not a LAN address", ip=p.src_ip),
            say(
                "{ip} left the host untranslated: the router does not NAT and the internet could not "
                "answer that address (on l2bridge enable OutboundNAT: -o {option}; l2tunnel traffic "
                "leaves through the Azure VNet gateway, which the lab does not model)",
                ip=p.src_ip,
                option=f"{SHIM}enable_outboundnat=true",
            ),
        )
    w.hop(
        LAN,
        comp,
        "route",
        f"{ip_text(p.dst_ip)} via the internet uplink (no NAT: the LAN is routable)",
        "0.0.0.0/0 -> internet",
    )
    internet(w)


def internet(w):
    p = w.pkt
    name = dnsworld.answers(w.lab, p.dst_ip) or None
    if p.dst_ip == INTERNET_CLIENT:
        name = "internet client"
    if name is None:
        w.drop(
            INTERNET,
            "internet",
            say("nothing answers at {ip}", ip=p.dst_ip),
            say(
                "no server answers at {ip} (the lab's internet answers at the addresses its DNS "
                "gives out: well-known names, lab.add_dns_record names, and 198.51.100.0/24 or "
                "203.0.113.0/24 for other names)",
                ip=p.dst_ip,
            ),
        )
    w.deliver(
        INTERNET,
        name,
        say("{packet} received", packet=p.describe()),
        say(
            "{name} ({ip}) received the packet from {source}",
            name=name,
            ip=ip_text(p.dst_ip),
            source=ip_text(p.src_ip),
        )
        if not w.is_reply
        else say("the reply reached {host}", host=name),
        ("outside", name),
    )


def from_outside(w, name):
    """A machine on the internet sends the walk's packet toward the LAN."""
    p = w.pkt
    comp = f"router {ip_text(w.lab.lan.router)}"
    if name == comp:  # the LAN router itself answers (the reply of a walk that ended there)
        p.src_mac = w.lab.lan.router_mac
        w.hop(LAN, comp, "send", p.describe())
        return lan(w, p.dst_ip)
    p.src_mac = "00-00-5E-00-53-01"
    w.hop(INTERNET, name if name != INTERNET else "internet client", "send", p.describe())
    if p.dst_ip in w.lab.lan.outside.values() or p.dst_ip == INTERNET_CLIENT:
        return internet(w)
    if router_route(w.lab, p.dst_ip) is None:
        if p.dst_ip not in w.lab.lan.prefix:
            w.drop(
                LAN,
                comp,
                say("no route to {ip}", ip=p.dst_ip),
                say(
                    "{ip} is not reachable from the internet: only LAN addresses are routed "
                    "(publish a port on the container's host)",
                    ip=p.dst_ip,
                ),
            )
    return router(w)
