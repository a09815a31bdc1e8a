"""The container host's own stack: its vNICs and adapters, WinNAT, its firewall, its routes.

Packets reach the host's TCP/IP stack from a nat network's host vNIC (the gateway), from a
container on an External vSwitch (through the management vNIC), or from the LAN through the
physical adapter.  WinNAT translates nat traffic both ways: SNAT to the host address on the
way out, a static mapping (plus its Windows Firewall allow rule) on the way in, and a
hairpin when a container calls the host's own address and published port.  The host routes
what leaves it: the LAN on-link, the other hosts' l2bridge subnets host-gw style, the rest
to the LAN router.
"""

import ipaddress

from ..engine import policies as P
from ..engine.drivers import of
from ..i18n import say
from . import container, underlay
from .lookup import lan_next_hop, local_peer, overlay_peer_host, uplink_adapter, vnic_holding
from .packet import ephemeral_port, flow_number, ip_text
from .trace import VXLAN_PORT, Outer

HOST_STACK = "host TCP/IP stack"


def _nat_networks(host):
    return [n for n in host.hns_networks.values() if of(n).winnat and n.prefix is not None]


def _reply_reached(host):
    return say("the reply reached {host}", host=host.name)


def send(w, host, dest_loopback=False):
    """The host itself sends the walk's packet."""
    p = w.pkt
    p.src_ip = host.address
    nat = next((n for n in _nat_networks(host) if p.dst_ip in n.prefix), None)
    if nat is not None:
        p.src_ip = nat.gateway
    w.hop(host.name, HOST_STACK, "send", p.describe())
    if dest_loopback:
        return _loopback(w, host)
    if p.dst_ip == host.address or vnic_holding(host, p.dst_ip) is not None:
        if w.is_reply:
            w.deliver(host.name, HOST_STACK, "loopback", _reply_reached(host), ("host", host))
        return _own_address(w, host)
    if nat is not None:
        vnic = vnic_holding(host, nat.gateway)
        if vnic is None:
            container.switch_present(w, host, nat)
        w.hop(
            host.name,
            "host route table",
            "route",
            f"{p.dst_ip} on-link on {vnic.name}",
            f"{nat.prefix} -> On-link",
        )
        return inward(w, host, nat, vnic)
    for net in host.hns_networks.values():
        if (
            not of(net).winnat
            and any(p.dst_ip in s.prefix for s in net.subnets)
            and net.vswitch in host.vswitches
        ):
            ep = local_peer(host, net, p.dst_ip)
            if ep is not None:
                vnic = host.adapters.get(host.vswitches[net.vswitch].host_vnic)
                w.hop(
                    host.name,
                    "host route table",
                    "route",
                    f"{p.dst_ip} through {vnic.name if vnic else net.vswitch}",
                    f"{net.subnets[0].prefix} -> On-link",
                )
                container.receive(w, host, ep)
    send_out(w, host)


def _loopback(w, host):
    p = w.pkt
    key = (p.protocol, p.dst_port)
    owner = host.endpoints.get(host.published.get(key, ""))
    if owner is None:
        if p.dst_port is None:
            w.deliver(
                host.name,
                "Loopback Pseudo-Interface 1",
                "127.0.0.1",
                say("{host} answered itself", host=host.name),
                ("host", host),
            )
        w.drop(
            host.name,
            "Loopback Pseudo-Interface 1",
            say("nothing listens on 127.0.0.1:{port}", port=p.dst_port),
            say(
                "no port {port}/{protocol} is published on {host}",
                port=p.dst_port,
                protocol=p.protocol,
                host=host.name,
            ),
        )
    net = host.hns_networks[owner.network_id]
    if not of(net).winnat or not host.profile.localhost_published:
        why = (
            say(
                "published ports answer on localhost only from Windows Server 2019 (1809); {windows} "
                "does not: use the container's own address",
                windows=host.profile.title,
            )
            if of(net).winnat
            else say("VFP port mappings are not reachable from the host itself (no NodePort from the node)")
        )
        w.drop(
            host.name,
            "Loopback Pseudo-Interface 1",
            say("localhost:{port} is not forwarded", port=p.dst_port),
            why,
        )
    p.src_ip = host.address
    _winnat_in(w, host, owner, net)


def _own_address(w, host):
    p = w.pkt
    if host.port_in_use((p.protocol, p.dst_port)):
        w.drop(
            host.name,
            HOST_STACK,
            say("{ip}:{port} from the host itself", ip=p.dst_ip, port=p.dst_port),
            say(
                "from the NAT host itself a published port cannot be reached through its own address "
                "{ip}:{port} (WinNAT limitation): use localhost (Windows Server 2019+) or the "
                "container's address",
                ip=p.dst_ip,
                port=p.dst_port,
            ),
        )
    w.deliver(
        host.name, HOST_STACK, "loopback", say("{host} answered itself", host=host.name), ("host", host)
    )


def send_out(w, host):
    """Route onto the LAN through the management vNIC / physical adapter."""
    p = w.pkt
    hop, why = lan_next_hop(host, p.dst_ip)
    w.hop(
        host.name,
        "host route table",
        "route",
        f"{ip_text(p.dst_ip)}: {why}",
        "0.0.0.0/0 -> " + str(host.lab.lan.router) if hop == host.lab.lan.router else why,
    )
    phys, vnic = uplink_adapter(host)
    p.src_mac = (vnic or phys).mac_address
    if vnic is not None:
        w.hop(host.name, vnic.name, "transmit", f"management vNIC on vSwitch '{vnic.vswitch}'")
        w.hop(host.name, f"vSwitch '{vnic.vswitch}'", "uplink", f"to the physical adapter '{phys.name}'")
    uplink(w, host, phys.name, hop)


def uplink(w, host, adapter, next_hop):
    """Put the packet (or its outer VXLAN headers) on the wire toward ``next_hop``."""
    w.hop(host.name, f"physical adapter '{adapter}'", "transmit", f"onto the LAN toward {ip_text(next_hop)}")
    underlay.vm_port(w, host, outbound=True)
    arrive(w, underlay.lan(w, next_hop))


def arrive(w, host):
    """A frame from the LAN reaches the host's physical adapter."""
    p = w.pkt
    underlay.vm_port(w, host, outbound=False)
    phys, vnic = uplink_adapter(host)
    w.hop(host.name, f"physical adapter '{phys.name}'", "receive", "from the LAN")
    if p.outer is not None:
        return _vxlan_in(w, host, phys, vnic)
    if p.dst_ip != host.address:
        return _to_container_on_switch(w, host)
    if vnic is not None:
        w.hop(host.name, f"vSwitch '{vnic.vswitch}'", "forward", f"to the management vNIC {vnic.name}")
    to_host(w, host)


def _to_container_on_switch(w, host):
    p = w.pkt
    for net in host.hns_networks.values():
        if of(net).winnat or net.vswitch not in host.vswitches:
            continue
        ep = local_peer(host, net, p.dst_ip)
        if ep is not None:
            if of(net).hairpins_to_physical_host:
                w.hop(
                    "physical-host",
                    "Hyper-V host vSwitch (SDN policy)",
                    "apply",
                    f"SDN policy for {p.dst_ip} before it reaches {host.name}",
                )
            container.receive(w, host, ep)
    w.drop(
        host.name,
        "physical adapter",
        say("no endpoint {ip} here", ip=p.dst_ip),
        say("{host} has no container with the address {ip}", host=host.name, ip=p.dst_ip),
    )


def _vxlan_in(w, host, phys, vnic):
    p = w.pkt
    o = p.outer
    net = next((n for n in host.hns_networks.values() if of(n).encapsulates and n.vsid == o.vni), None)
    if net is None:
        w.drop(
            host.name,
            "VFP VNET_ENCAP_LAYER",
            say("unknown VNI {vni}", vni=o.vni),
            say("{host} has no overlay network with VNI {vni}", host=host.name, vni=o.vni),
        )
    allowed, rule, why = host.firewall_verdict("udp", o.dst_port, o.src_ip)
    if not allowed:
        w.drop(
            host.name,
            "Windows Firewall (host)",
            say("inbound UDP {port} (VXLAN) blocked", port=o.dst_port),
            say(
                "the Windows Firewall of {host} drops VXLAN from {ip}: {why} (overlay traffic between "
                "swarm nodes needs UDP 4789 open)",
                host=host.name,
                ip=o.src_ip,
                why=why,
            ),
            rule.name if rule else "default inbound action: Block",
        )
    w.hop(host.name, f"vSwitch '{net.vswitch}'", "forward", f"UDP {o.dst_port} (VXLAN) to VFP")
    p.outer = None
    w.hop(
        host.name,
        "VFP VNET_ENCAP_LAYER",
        "decap",
        f"VXLAN VNI {o.vni} from PA {o.src_ip}: inner {ip_text(p.src_ip)} -> {ip_text(p.dst_ip)}",
        f"VNI {o.vni}",
    )
    ep = local_peer(host, net, p.dst_ip, same_network=True)
    if ep is None and overlay_peer_host(w.lab, net, p.dst_ip) is host:
        lb_return(w, host)
    if ep is None:
        w.drop(
            host.name,
            f"vSwitch '{net.vswitch}'",
            say("no endpoint {ip}", ip=p.dst_ip),
            say(
                "no endpoint with {ip} on the overlay network '{network}' of {host}",
                ip=p.dst_ip,
                network=net.name,
                host=host.name,
            ),
        )
    container.receive(w, host, ep)


def lb_return(w, host):
    """A reply to this host's swarm load-balancer address: undo the routing mesh's NAT."""
    p = w.pkt
    if w.reverse(host.name, "SLB_LB_LAYER") is None:
        w.drop(
            host.name,
            "VFP SLB_LB_LAYER",
            say("no flow for {ip}:{port}", ip=p.dst_ip, port=p.dst_port),
            say(
                "{ip} is {host}'s load-balancer address and no connection through the routing mesh expects "
                "this reply",
                ip=p.dst_ip,
                host=host.name,
            ),
        )
    w.hop(
        host.name,
        "VFP SLB_LB_LAYER",
        "un-NAT",
        f"flow state: reply {p.src_ip}:{p.src_port} -> {p.dst_ip}:{p.dst_port}",
        "flow table",
    )
    send_out(w, host)


def _embedded_dns(host, ip):
    """Docker binds its resolver on UDP/TCP 53 at the gateway of every network with internal DNS."""
    return any(
        net.gateway == ip and net.gateway_dns and of(net).resolver_on_gateway
        for net in host.hns_networks.values()
    )


def to_host(w, host, from_container=False):
    """A packet for the host's own address: a reply, a published port, or the host itself."""
    p = w.pkt
    if w.is_reply:
        t = w.reply_flow_at(host.name, p.dst_ip, p.dst_port)
        if t is not None and t.where == "WinNAT":
            w.reverse(host.name, "WinNAT")
            w.hop(
                host.name,
                "WinNAT",
                "un-SNAT",
                f"session: reply goes back to {p.dst_ip}:{p.dst_port}",
                "NAT session",
            )
            return _inward_to(w, host, p.dst_ip)
        if t is not None:
            ep = t.endpoint
            container.receive(w, host, ep)
        w.deliver(host.name, HOST_STACK, "receive", _reply_reached(host), ("host", host))
    if p.dst_port == 53 and p.protocol in ("udp", "tcp") and _embedded_dns(host, p.dst_ip):
        w.deliver(
            host.name,
            f"Docker embedded DNS ({p.dst_ip}:53)",
            "receive",
            say(
                "dockerd's resolver on the gateway {ip} answers DNS (moby network_windows.go startResolver)",
                ip=p.dst_ip,
            ),
            ("host", host),
        )
    service = host.mesh_ports.get((p.protocol, p.dst_port))
    if service is not None:
        return routing_mesh(w, host, service)
    owner_id = host.published.get((p.protocol, p.dst_port))
    ep = host.endpoints.get(owner_id) if owner_id else None
    if ep is not None:
        net = host.hns_networks[ep.network_id]
        if of(net).winnat:
            return _winnat_in(w, host, ep, net, hairpin=from_container)
        container.receive(w, host, ep)
    _host_service(w, host)


def _host_service(w, host):
    """Unsolicited traffic for the host itself: its Windows Firewall, then a listening process."""
    p = w.pkt
    remote = p.src_ip if p.src_ip != host.address else None
    if remote is not None and vnic_holding(host, p.src_ip) is None:
        allowed, rule, why = host.firewall_verdict(p.protocol, p.dst_port, remote)
        what = p.protocol.upper() + (f" {p.dst_port}" if p.dst_port is not None else " echo request")
        if not allowed:
            w.drop(
                host.name,
                "Windows Firewall (host)",
                say("inbound {what} blocked", what=what),
                say(
                    "the Windows Firewall of {host} drops inbound {what} from {ip}: {why}",
                    host=host.name,
                    what=what,
                    ip=p.src_ip,
                    why=why,
                ),
                rule.name if rule else "default inbound action: Block",
            )
        w.hop(host.name, "Windows Firewall (host)", "allow", why, rule.name if rule else "")
    if p.protocol == "icmp":
        w.deliver(
            host.name, HOST_STACK, "echo request", say("{host} answers ping", host=host.name), ("host", host)
        )
    proc = host.listener(p.protocol, p.dst_port)
    if proc is None:
        w.drop(
            host.name,
            HOST_STACK,
            say("nothing listens on {protocol} {port}", protocol=p.protocol.upper(), port=p.dst_port),
            say(
                "no process of {host} listens on port {port}/{protocol} and nothing is published "
                "there: the connection is refused",
                host=host.name,
                port=p.dst_port,
                protocol=p.protocol,
            ),
        )
    w.deliver(
        host.name,
        proc.process,
        f"listening on 0.0.0.0:{p.dst_port}",
        say(
            "{process} (PID {pid}) on {host} accepted the connection",
            process=proc.process,
            pid=proc.pid,
            host=host.name,
        ),
        ("host", host),
    )


def _winnat_in(w, host, ep, net, hairpin=False):
    """WinNAT static mapping (DNAT), its firewall rule, then into the nat network."""
    p = w.pkt
    key = (p.protocol, p.dst_port)
    m = next((m for m in host.nat_mappings if (m.protocol.lower(), m.external_port) == key), None)
    if m is None:
        w.drop(
            host.name,
            "WinNAT",
            say("no static mapping for {protocol} {port}", protocol=p.protocol.upper(), port=p.dst_port),
            say(
                "WinNAT on {host} has no static mapping for {protocol} {port}",
                host=host.name,
                protocol=p.protocol.upper(),
                port=p.dst_port,
            ),
        )
    before = p.four_tuple
    p.dst_ip, p.dst_port = m.internal_ip, m.internal_port
    detail = f"static mapping {m.protocol} 0.0.0.0:{m.external_port} -> {m.internal_ip}:{m.internal_port}"
    if hairpin:
        p.src_ip = net.gateway
        detail += f"; hairpin: source -> {net.gateway} so the reply returns through WinNAT"
    w.record(host.name, "WinNAT", before)
    w.hop(host.name, "WinNAT", "DNAT", detail, f"{m.nat_name} mapping {m.mapping_id}")
    rule = next(
        (
            r
            for r in host.firewall_rules
            if r.endpoint_id == ep.id and r.local_port == m.external_port and r.protocol == m.protocol
        ),
        None,
    )
    if rule is None:
        w.drop(
            host.name,
            "Windows Firewall",
            say("no allow rule for {protocol} {port}", protocol=m.protocol, port=m.external_port),
            say(
                "the Windows Firewall of {host} has no allow rule for {protocol} {port}",
                host=host.name,
                protocol=m.protocol,
                port=m.external_port,
            ),
        )
    allowed, decided, why = host.firewall_verdict(m.protocol.lower(), m.external_port, before[0], (rule,))
    if not allowed:
        w.drop(
            host.name,
            "Windows Firewall",
            say("inbound {what} blocked", what=f"{m.protocol} {m.external_port}"),
            say("the Windows Firewall of {host} drops it: {why}", host=host.name, why=why),
            decided.name,
        )
    w.hop(host.name, "Windows Firewall", "allow", f"{rule.display_name}", rule.name)
    return inward(w, host, net, vnic_holding(host, net.gateway), admitted=rule)


def inward(w, host, net, vnic, admitted=None):
    """From the host stack through a nat network's host vNIC to the endpoint owning dst."""
    p = w.pkt
    if vnic is None:
        container.switch_present(w, host, net)
    p.src_mac = vnic.mac_address
    w.hop(host.name, vnic.name, "transmit", f"into the internal vSwitch '{net.vswitch}'")
    container.receive(w, host, nat_peer(w, host, net), admitted)


def nat_peer(w, host, net):
    """The endpoint of nat network ``net`` that holds the packet's destination; a drop where
    the vSwitch's ARP request for it gets no answer."""
    ip = w.pkt.dst_ip
    ep = local_peer(host, net, ip, same_network=True)
    if ep is None:
        w.drop(
            host.name,
            f"vSwitch '{net.vswitch}'",
            f"ARP: who has {ip}? no answer",
            say(
                "no endpoint has {ip} on the nat network '{network}' of {host}",
                ip=ip,
                network=net.name,
                host=host.name,
            ),
        )
    return ep


def _inward_to(w, host, ip):
    net = next((n for n in _nat_networks(host) if ip in n.prefix), None)
    if net is None:
        w.drop(
            host.name,
            HOST_STACK,
            say("no route to {ip}", ip=ip),
            say("{host} has no nat network holding {ip}", host=host.name, ip=ip),
        )
    return inward(w, host, net, vnic_holding(host, net.gateway))


def from_nat(w, host, net):
    """A packet from a nat container reached the host vNIC (its gateway)."""
    p = w.pkt
    if w.is_reply and w.reverse(host.name, "WinNAT") is not None:
        w.hop(
            host.name, "WinNAT", "un-DNAT", f"session: reply source -> {p.src_ip}:{p.src_port}", "NAT session"
        )
        if p.dst_ip == host.address:
            w.deliver(host.name, HOST_STACK, "receive", _reply_reached(host), ("host", host))
        if any(p.dst_ip in n.prefix for n in _nat_networks(host)):
            return _inward_to(w, host, p.dst_ip)
        return send_out(w, host)
    if p.dst_ip == host.address or vnic_holding(host, p.dst_ip) is not None:
        return to_host(w, host, from_container=True)
    other = next((n for n in _nat_networks(host) if p.dst_ip in n.prefix), None)
    if other is not None:
        w.drop(
            host.name,
            "WinNAT",
            say("{ip} is on the nat network '{other}'", ip=p.dst_ip, other=other.name),
            say(
                "nat networks are not routed to each other: '{network}' cannot reach '{other}' "
                "(WinNAT keeps each internal prefix on its own)",
                network=net.name,
                other=other.name,
            ),
        )
    netnat = next((n for n in host.nat if p.src_ip in n.internal_prefix), None)
    if netnat is None:
        w.drop(
            host.name,
            "WinNAT",
            say("{ip} is in no NAT prefix", ip=p.src_ip),
            say("no WinNAT instance translates {ip}", ip=p.src_ip),
        )
    before = p.four_tuple
    p.src_ip = host.address
    if p.src_port is not None:
        p.src_port = ephemeral_port("winnat", host.name, *before)
    w.record(host.name, "WinNAT", before)
    w.hop(
        host.name,
        "WinNAT",
        "SNAT",
        f"{before[0]}"
        + (f":{before[1]}" if before[1] else "")
        + f" -> {p.src_ip}"
        + (f":{p.src_port}" if p.src_port else "")
        + f" (internal prefix {netnat.internal_prefix})",
        netnat.name,
    )
    send_out(w, host)


def routing_mesh(w, host, service):
    """Swarm ingress: the ELB policy of a published port picks a backend on any node."""
    p = w.pkt
    elb = None
    for pl in host.policy_lists:
        for pol in pl.policies if pl.service == service else ():
            if (
                not pol.ilb
                and pol.external_port == p.dst_port
                and pol.protocol in (0, P.protocol_number(p.protocol))
            ):
                elb = (pl, pol)
    if elb is None:
        w.drop(
            host.name,
            "VFP SLB_LB_LAYER",
            say("no backend for port {port}", port=p.dst_port),
            say(
                "the service {service} has no running task behind port {port} on {host}",
                service=service,
                port=p.dst_port,
                host=host.name,
            ),
        )
    pl, pol = elb
    eps = host.endpoints
    backends = sorted((eps[e] for e in pl.references if e in eps), key=lambda e: int(e.ip_address))
    before = p.four_tuple
    pick = backends[flow_number(*before, p.protocol, modulo=len(backends))]
    p.dst_ip, p.dst_port = pick.ip_address, pol.internal_port
    p.src_ip, p.src_port = ipaddress.IPv4Address(pol.source_vip), ephemeral_port("elb", host.name, *before)
    w.record(host.name, "SLB_LB_LAYER", before)
    net = host.hns_networks[pl.network_id]
    w.hop(
        host.name,
        "VFP SLB_LB_LAYER",
        "load-balance",
        f"routing mesh: {service} port {before[3]} -> backend {pick.ip_address}:{pol.internal_port} (1 of "
        f"{len(backends)}); source -> {pol.source_vip} (SourceVIP of {host.name} on '{net.name}')",
        f"ELB {pl.id[:8]}",
    )
    if not pick.remote:
        p.dst_mac = pick.mac_address
        container.receive(w, host, pick)
    encap_to(
        w, host, net, pick.provider_address, pick.mac_address, "backend on " + str(pick.provider_address)
    )


def encap_to(w, host, net, pa, inner_mac, why):
    """VXLAN-encapsulate toward provider address ``pa`` and put it on the LAN."""
    p = w.pkt
    peer = next((h for h in w.lab.hosts.values() if h.address == pa), None)
    p.dst_mac = inner_mac
    phys, _ = uplink_adapter(host)
    p.outer = Outer(
        phys.mac_address,
        peer.mac_address if peer else "",
        str(host.address),
        str(pa),
        ephemeral_port("vxlan", *p.four_tuple, p.protocol),
        VXLAN_PORT,
        net.vsid or 0,
    )
    w.hop(host.name, "VFP VNET_ENCAP_LAYER", "encap", f"VXLAN VNI {net.vsid} to PA {pa} ({why})", "encap")
    uplink(w, host, net.adapter or phys.name, pa)
