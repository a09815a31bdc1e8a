"""The two ends inside a container: its compartment (route table, vNIC) and its firewall.

A process-isolated container reaches the vSwitch through a host vNIC that lives in the
container's network compartment; a Hyper-V isolated container through the synthetic vmNIC
of its utility VM, which runs its own firewall (allow all, reference §7).  The route table
is the one ``route print`` shows inside the container (``winnetlab.routing``).
"""

import ipaddress

from ..engine import routing
from ..engine.hyperv import vnic_name
from ..i18n import say
from .packet import ip_text
from .underlay import AZURE_REASON, SPOOF_REASON
from .vfp import Port

DEFAULT = ipaddress.IPv4Network("0.0.0.0/0")
COMMON_INBOUND = (("udp", 53), ("udp", 67), ("udp", 68))  # DNS and DHCP: "common" traffic


def nic(host, container, ep):
    if container.isolation == "hyperv":
        return f"vmNIC of {container.name}'s utility VM"
    return vnic_name(ep.name)


def route(host, container, dst):
    """(route, gateway or None for on-link, endpoint) the container picks for ``dst``, or
    (None, None, None) when its table has no route.

    The container's own route table (``route print`` inside it, ``winnetlab.routing``),
    ``route add`` included: the longest matching prefix, then the lowest metric.  On Windows
    Server 2016 an overlay container also has an endpoint on ``nat`` for the internet
    (reference §4.3): of two equal default routes, nat's is used.
    """
    eps = {ep.address: ep for ep in host.endpoints_of(container) if ep.address is not None}
    nat_first = host.profile.overlay_egress == "nat-endpoint"
    first = [a for a, ep in eps.items() if ep.network == "nat"] if nat_first else ()
    r = routing.container_route(host, container, dst, first)
    if r is None or r.interface not in eps:
        return None, None, None
    return r, None if r.gateway == routing.ON_LINK else r.gateway, eps[r.interface]


def send(w, host, container, dns=None):
    """A container sends the walk's packet: DNS note, route lookup, vNIC.

    Returns (endpoint, next hop): the driver's egress (``driver_hops``) takes it from there.
    """
    p = w.pkt
    if container.state != "running":
        w.drop(
            host.name,
            f"container {container.name}",
            say("not running"),
            say(
                "{container} is {state}, not running: it has no network endpoint yet (docker start it)",
                container=container.name,
                state=container.state,
            ),
        )
    chosen, gateway, ep = route(host, container, p.dst_ip)
    w.via = chosen if chosen is not None and chosen.added and gateway is not None else None
    if ep is None:
        p.src_ip = next((e.address for e in host.endpoints_of(container) if e.address is not None), p.src_ip)
        w.drop(
            host.name,
            f"compartment of {container.name}",
            say("no route to {ip}", ip=p.dst_ip),
            _no_route(host, container, p.dst_ip),
        )
    p.src_ip = ep.address
    p.src_mac = ep.mac_address
    if dns is not None:
        w.hop(host.name, dns[0], "resolve", dns[1])
    w.hop(host.name, f"container {container.name}", "send", p.describe())
    next_hop = p.dst_ip if gateway is None else gateway
    via = "on-link" if gateway is None else f"via {gateway}"
    w.hop(
        host.name,
        f"compartment {host.namespaces[container.namespace].compartment_id} route table",
        "route",
        f"{ip_text(p.dst_ip)} {via} on vEthernet ({ep.name})",
        f"{chosen.destination} -> {gateway or routing.ON_LINK}" + (" (route add)" if chosen.added else ""),
    )
    w.hop(
        host.name,
        nic(host, container, ep),
        "transmit",
        f"into vSwitch '{host.hns_networks[ep.network_id].vswitch}'",
    )
    switch_present(w, host, host.hns_networks[ep.network_id])
    return ep, next_hop


def _no_route(host, container, ip):
    """Why a container has no route: no endpoint, or only an APIPA address because no DHCP
    offer reached it (its frames die below a VM without MAC address spoofing)."""
    eps = host.endpoints_of(container)
    if not eps:
        why = say("it has no network endpoint")
    else:
        ep = next(
            (e for e in eps if e.ip_address is None and e.dhcp_lease is None and e.apipa is not None), None
        )
        if ep is None:
            return say("{container} has no route to {ip}", container=container.name, ip=ip)
        azure = host.platform == "azure-vm"
        below = say(AZURE_REASON if azure else SPOOF_REASON, host=host.name, mac=ep.mac_address)
        why = say(
            "its only address is the link-local {apipa} (APIPA: no default gateway) because no DHCP offer "
            "reached it — its DHCP DISCOVER never left the VM: {below}"
            if azure
            else "its only address is the link-local {apipa} (APIPA: no default gateway) because no DHCP offer "
            "reached it — its DHCP DISCOVER never left the VM: {below}; then restart the container "
            "(docker restart) so that it asks for a lease again",
            apipa=ep.apipa,
            below=below,
        )
    return say("{container} has no route to {ip}: {why}", container=container.name, ip=ip, why=why)


def switch_present(w, host, net):
    """A vSwitch removed under HNS (``Remove-VMSwitch``) leaves the network's ports dangling."""
    if net.vswitch not in host.vswitches:
        w.drop(
            host.name,
            f"vSwitch '{net.vswitch}'",
            say("switch does not exist"),
            say(
                "the vSwitch '{switch}' of the HNS network '{network}' was removed (Remove-VMSwitch): its "
                "container ports lead nowhere until HNS recreates it (Restart-Service hns, then "
                "Restart-Service docker)",
                switch=net.vswitch,
                network=net.name,
            ),
        )


def receive(w, host, ep, admitted=None):
    """The packet reaches ``ep``'s switch port: VFP inbound or the Windows Firewall, then the container."""
    p = w.pkt
    net = host.hns_networks[ep.network_id]
    container = host.containers[ep.container]
    p.dst_mac = p.dst_mac if net.vfp_template else ep.mac_address
    switch_present(w, host, net)
    w.hop(
        host.name, f"vSwitch '{net.vswitch}'", "forward", f"to the port of {ep.container} ({ep.mac_address})"
    )
    if net.vfp_template:
        Port(w, host, ep, net, "IN").run()
    firewall(w, host, container, ep, admitted)
    w.hop(
        host.name, nic(host, container, ep), "receive", f"{ip_text(p.dst_ip)} is {container.name}'s address"
    )
    target = w.target
    if target is not None and target[1] is not container:
        lan = host.lab.lan.prefix
        why = (
            say(
                "HNS on each host handed out {ip} from {lan}, the LAN's own subnet: give containers "
                "there static addresses (--ip)",
                ip=p.dst_ip,
                lan=lan,
            )
            if any(s.prefix.overlaps(lan) for s in net.subnets)
            else say("{network} addresses are private to each host", network=ep.network)
        )
        w.drop(
            host.name,
            f"container {container.name}",
            say("wrong container"),
            say(
                "{ip} here is {container} on {host}, not {wanted} on {wanted_host}: {why}",
                ip=p.dst_ip,
                container=container.name,
                host=host.name,
                wanted=target[1].name,
                wanted_host=target[0].name,
                why=why,
            ),
        )
    w.deliver(
        host.name,
        f"container {container.name}",
        say("{packet} received", packet=p.describe()),
        _reason(w, container, host),
        ("container", host, ep),
    )


def _reason(w, container, host):
    if w.is_reply:
        return say("the reply reached {container} on {host}", container=container.name, host=host.name)
    return say("{container} on {host} received the packet", container=container.name, host=host.name)


def firewall(w, host, container, ep, admitted):
    """Windows Firewall for the container: Host ACLs (WFP), and the nat driver's defaults."""
    p = w.pkt
    comp = "Windows Firewall" + (" (utility VM)" if container.isolation == "hyperv" else "")
    if w.is_reply:
        return
    if container.isolation == "hyperv":
        w.hop(host.name, comp, "allow", "Hyper-V isolation: the utility VM's firewall allows all", None)
        return
    for acl in sorted(
        (a for a in ep.policies if getattr(a, "rule_type", "") == "Host" and a.direction == "In"),
        key=lambda a: a.priority,
    ):
        if acl.matches(
            p.protocol, local_ip=p.dst_ip, local_port=p.dst_port, remote_ip=p.src_ip, remote_port=p.src_port
        ):
            if acl.action.lower() == "block":
                w.drop(
                    host.name,
                    comp,
                    say("blocked: {acl}", acl=acl.describe()),
                    say(
                        "the Host ACL '{acl}' on {container}'s endpoint blocked the packet (WFP)",
                        acl=acl.describe(),
                        container=container.name,
                    ),
                    acl.describe(),
                )
            w.hop(host.name, comp, "allow", f"Host ACL {acl.describe()}", acl.describe())
            return
    if host.hns_networks[ep.network_id].vfp_template:
        return
    if admitted is not None:
        w.hop(
            host.name,
            comp,
            "allow",
            f"inbound {admitted.protocol} {admitted.local_port} allowed by the rule HNS "
            "created with the port mapping",
            admitted.name,
        )
    elif _published_container_port(ep, p) is not None:
        pm = _published_container_port(ep, p)
        w.hop(
            host.name,
            comp,
            "allow",
            f"inbound {pm.protocol} {pm.internal_port}: the container port behind the published port "
            f"{pm.external_port} (from the host, the documented way to reach a container on Windows Server "
            "2016 is its own address and port)",
            f"port mapping {pm.external_port} -> {pm.internal_port}",
        )
    elif (
        host.profile.inbound_default == "allow"
        or p.protocol == "icmp"
        or (p.protocol, p.dst_port) in COMMON_INBOUND
    ):
        w.hop(
            host.name,
            comp,
            "allow",
            f"inbound {p.protocol.upper()} allowed by default "
            + (
                "(ICMP, DNS and DHCP always)"
                if host.profile.inbound_default == "deny"
                else "(TCP, UDP, ICMP, IGMP since Windows Server 1709)"
            ),
        )
    else:
        w.drop(
            host.name,
            comp,
            say("no rule allows inbound {protocol} {port}", protocol=p.protocol.upper(), port=p.dst_port),
            say(
                "the Windows Firewall of {container} blocked unsolicited inbound {protocol} {port}: "
                "{windows} denies inbound by default; only a published port (-p) creates an allow rule",
                container=container.name,
                protocol=p.protocol.upper(),
                port=p.dst_port,
                windows=host.profile.title,
            ),
        )


def _published_container_port(ep, p):
    """The port mapping of ``ep`` whose container port is the packet's destination port, or None."""
    return next(
        (
            pm
            for pm in ep.policies
            if hasattr(pm, "internal_port")
            and hasattr(pm, "external_port")
            and pm.internal_port == p.dst_port
            and pm.protocol.lower() == p.protocol
        ),
        None,
    )
