"""How a packet leaves a container's switch port, as its network's driver says.

The engine's driver classes describe the behaviour (``winnat``, ``keeps_container_mac``,
``rewrites_mac``, ``hairpins_to_physical_host``, ``encapsulates``, ``host_gw``); the hops
that follow from it are walked here, so the engine stays free of the walk.

* ``nat`` — an Internal vSwitch: same subnet is bridged; everything else goes to the host
  vNIC holding the gateway, into WinNAT.
* ``transparent`` — an External vSwitch: frames keep the container MAC and go straight to
  the LAN (the next hop is the container's own gateway or the destination).
* ``l2bridge`` — VFP rewrites the source MAC to the host's; other subnets are routed by
  the host (host-gw routes to the other hosts' subnets, else the LAN router).
* ``l2tunnel`` — VFP hairpins every packet to the physical Hyper-V host.
* ``overlay`` — same host bridged; a remote endpoint gets VXLAN-encapsulated to its
  provider address; the outside goes through OutboundNAT.
"""

import ipaddress

from ..engine.drivers import of
from ..i18n import say
from . import container, hoststack, underlay
from .lookup import lan_next_hop, local_peer, overlay_peer_host, vnic_holding
from .vfp import Port


def egress(w, host, ep, next_hop):
    net = host.hns_networks[ep.network_id]
    drv = of(net)
    if drv.winnat:
        return _nat(w, host, ep, net, next_hop)
    if drv.hairpins_to_physical_host:
        return _l2tunnel(w, host, ep, net, next_hop)
    return _switched(w, host, ep, net, next_hop)


def _nat(w, host, ep, net, next_hop):
    p = w.pkt
    vnic = vnic_holding(host, next_hop)
    if next_hop == p.dst_ip and vnic is None:
        peer = hoststack.nat_peer(w, host, net)
        p.dst_mac = peer.mac_address
        container.receive(w, host, peer)
    if vnic is None:
        w.drop(
            host.name,
            f"vSwitch '{net.vswitch}'",
            f"ARP: who has {next_hop}? no answer",
            w.route_why(
                next_hop,
                say(
                    "the gateway {gateway} of '{network}' is not on {host}",
                    gateway=next_hop,
                    network=net.name,
                    host=host.name,
                ),
            ),
        )
    p.dst_mac = vnic.mac_address
    w.hop(
        host.name, f"vSwitch '{net.vswitch}'", "forward", f"to the host vNIC {vnic.name} (gateway {next_hop})"
    )
    w.hop(host.name, vnic.name, "receive", "into the host's TCP/IP stack (default compartment)")
    hoststack.from_nat(w, host, net)


def _tag(w, net):
    vlan = next((pol.vlan for pol in net.policies if type(pol).__name__ == "Vlan"), 0)
    w.pkt.vlan = vlan


def _switched(w, host, ep, net, next_hop):
    """transparent, l2bridge, overlay: VFP outbound, then bridge, hand to the host, or uplink."""
    p = w.pkt
    _tag(w, net)
    drv = of(net)
    same = drv.encapsulates  # VXLAN peers are endpoints of the same network only

    def is_local(ip):
        return ip == host.address or local_peer(host, net, ip, same) is not None

    if net.vfp_template:
        Port(w, host, ep, net, "OUT", is_local).run()
    if p.outer is not None:
        w.hop(
            host.name,
            f"vSwitch '{net.vswitch}'",
            "uplink",
            f"encapsulated packet to the uplink '{net.adapter}'",
        )
        hoststack.uplink(w, host, net.adapter, ipaddress.IPv4Address(p.outer.dst_ip))
    peer = local_peer(host, net, p.dst_ip, same)
    if peer is not None:
        p.dst_mac = peer.mac_address
        container.receive(w, host, peer)
    if p.dst_ip == host.address:
        vnic = vnic_holding(host, host.address)
        p.dst_mac = vnic.mac_address
        w.hop(host.name, f"vSwitch '{net.vswitch}'", "forward", f"to the host vNIC {vnic.name}")
        hoststack.to_host(w, host, from_container=True)
    if drv.encapsulates:
        lb_host = overlay_peer_host(w.lab, net, p.dst_ip)
        if lb_host is host:
            hoststack.lb_return(w, host)
        if lb_host is not None:
            hoststack.encap_to(w, host, net, lb_host.address, "", f"load-balancer endpoint of {lb_host.name}")
        if any(p.dst_ip in s.prefix for s in net.subnets):
            w.drop(
                host.name,
                f"vSwitch '{net.vswitch}'",
                say("no VFP encapsulation rule for {ip}", ip=p.dst_ip),
                say(
                    "{ip} is not a known endpoint of the overlay network '{network}' on {host}",
                    ip=p.dst_ip,
                    network=net.name,
                    host=host.name,
                ),
            )
    if drv.keeps_container_mac:
        lan_hop, why = next_hop, "the container's own next hop"
    else:
        lan_hop, why = lan_next_hop(host, p.dst_ip)
        if drv.host_gw and not host.profile.l2bridge_cross_host and lan_hop != p.dst_ip:
            w.drop(
                host.name,
                f"vSwitch '{net.vswitch}'",
                say("cross-subnet l2bridge routing is not supported"),
                say(
                    "{windows} does not route l2bridge traffic to other subnets or hosts "
                    "(supported from Windows Server 2019)",
                    windows=host.profile.title,
                ),
            )
    w.hop(
        host.name,
        f"vSwitch '{net.vswitch}'",
        "uplink",
        f"to the physical adapter '{net.adapter}' ({why}: {lan_hop})",
    )
    hoststack.uplink(w, host, net.adapter, lan_hop)


def _l2tunnel(w, host, ep, net, next_hop):
    p = w.pkt
    _tag(w, net)
    Port(w, host, ep, net, "OUT", lambda ip: False).run()
    w.hop(
        host.name,
        f"vSwitch '{net.vswitch}'",
        "uplink",
        f"every packet goes to the physical adapter '{net.adapter}'",
    )
    w.hop(host.name, f"physical adapter '{net.adapter}'", "transmit", "to the physical Hyper-V host")
    w.hop(
        "physical-host",
        "Hyper-V host vSwitch (SDN policy)",
        "apply",
        "Azure/SDN policy of the physical host: ACLs, QoS, encapsulation",
    )
    peer = local_peer(host, net, p.dst_ip)
    if peer is not None:
        w.hop(
            "physical-host",
            "Hyper-V host vSwitch (SDN policy)",
            "hairpin",
            f"back to {host.name}: {p.dst_ip} is a container on the same host",
        )
        p.dst_mac = p.src_mac
        w.hop(host.name, f"physical adapter '{net.adapter}'", "receive", "from the physical Hyper-V host")
        container.receive(w, host, peer)
    lan_hop, _ = lan_next_hop(host, p.dst_ip)
    hoststack.arrive(w, underlay.lan(w, lan_hop))
