"""The two ends inside a container: its compartment (route table, vNIC) and its firewall.

A process-isolated container reaches the vSwitch through a host vNIC that lives in the
container's network compartment; a Hyper-V isolated container through the synthetic vmNIC
of its utility VM, which runs its own firewall (allow all, reference §7).  The route table
is the one ``route print`` shows inside the container (``winnetlab.routing``).
"""

from .. import routing
from . import drivers
from .vfp import Port

COMMON_INBOUND = (("udp", 53), ("udp", 67), ("udp", 68))   # DNS and DHCP: "common" traffic


def nic(host, container, ep):
    if container.isolation == "hyperv":
        return f"vmNIC of {container.name}'s utility VM"
    return f"vEthernet ({ep.name})"


def route(host, container, dst):
    """(Route, endpoint) the container's table picks for ``dst``, or (None, None).

    Longest prefix first, then the lowest metric, then the first interface.  On Windows
    Server 2016 an overlay container also has an endpoint on ``nat`` for the internet
    (reference §4.3): its default route is the one used.
    """
    eps = {ep.address: ep for ep in host.endpoints_of(container) if ep.address is not None}
    best = None
    for r in routing.container_routes(host, container):
        if r.interface not in eps or dst not in r.destination:
            continue
        ep = eps[r.interface]
        prefer_nat = host.profile.overlay_egress == "nat-endpoint" and ep.network == "nat"
        key = (r.destination.prefixlen, -r.metric, prefer_nat)
        if best is None or key > best[0]:
            best = (key, r, ep)
    return (best[1], best[2]) if best else (None, None)


def send(w, host, container, dns=None):
    """A container sends the walk's packet: DNS note, route lookup, vNIC, then the driver."""
    p = w.pkt
    if container.state != "running":
        w.drop(host.name, f"container {container.name}", "not running",
               f"{container.name} is {container.state}, not running: it has no network endpoint yet (docker start it)")
    r, ep = route(host, container, p.dst_ip)
    if r is None:
        p.src_ip = next((e.address for e in host.endpoints_of(container) if e.address is not None), p.src_ip)
        w.drop(host.name, f"compartment of {container.name}", f"no route to {p.dst_ip}",
               f"{container.name} has no route to {p.dst_ip}" + ("" if host.endpoints_of(container) else
                                                                  ": it has no network endpoint"))
    p.src_ip = ep.address
    p.src_mac = ep.mac_address
    if dns is not None:
        w.hop(host.name, dns[0], "resolve", dns[1])
    w.hop(host.name, f"container {container.name}", "send", p.describe())
    next_hop = p.dst_ip if r.gateway == routing.ON_LINK else r.gateway
    via = "on-link" if r.gateway == routing.ON_LINK else f"via {r.gateway}"
    w.hop(host.name, f"compartment {host.namespaces[container.namespace].compartment_id} route table", "route",
          f"{p.dst_ip} {via} on {r.adapter}", f"{r.destination} -> {r.next_hop}")
    w.hop(host.name, nic(host, container, ep), "transmit", f"into vSwitch '{host.hns_networks[ep.network_id].vswitch}'")
    drivers.egress(w, host, ep, next_hop)


def receive(w, host, ep, admitted=None):
    """The packet reaches ``ep``'s switch port: VFP inbound or the Windows Firewall, then the container."""
    p = w.pkt
    net = host.hns_networks[ep.network_id]
    container = host.containers[ep.container]
    p.dst_mac = p.dst_mac if net.vfp_template else ep.mac_address
    w.hop(host.name, f"vSwitch '{net.vswitch}'", "forward", f"to the port of {ep.container} ({ep.mac_address})")
    if net.vfp_template:
        Port(w, host, ep, net, "IN").run()
    firewall(w, host, container, ep, admitted)
    w.hop(host.name, nic(host, container, ep), "receive", f"{p.dst_ip} is {container.name}'s address")
    target = w.target
    if target is not None and target[1] is not container:
        w.drop(host.name, f"container {container.name}", "wrong container",
               f"{p.dst_ip} here is {container.name} on {host.name}, not {target[1].name} on {target[0].name}: "
               f"{ep.network} addresses are private to each host")
    w.deliver(host.name, f"container {container.name}", f"{p.describe()} received",
              _reason(w, container, host), ("container", host, ep))


def _reason(w, container, host):
    if w.is_reply:
        return f"the reply reached {container.name} on {host.name}"
    return f"{container.name} on {host.name} received the packet"


def firewall(w, host, container, ep, admitted):
    """Windows Firewall for the container: Host ACLs (WFP), and the nat driver's defaults."""
    p = w.pkt
    comp = "Windows Firewall" + (" (utility VM)" if container.isolation == "hyperv" else "")
    if w.is_reply:
        return
    if container.isolation == "hyperv":
        w.hop(host.name, comp, "allow", "Hyper-V isolation: the utility VM's firewall allows all", None)
        return
    for acl in sorted((a for a in ep.policies if getattr(a, "rule_type", "") == "Host" and a.direction == "In"),
                      key=lambda a: a.priority):
        if acl.matches(p.protocol, p.src_ip, p.dst_port):
            if acl.action.lower() == "block":
                w.drop(host.name, comp, f"blocked: {acl.describe()}",
                       f"the Host ACL '{acl.describe()}' on {container.name}'s endpoint blocked the packet (WFP)",
                       acl.describe())
            w.hop(host.name, comp, "allow", f"Host ACL {acl.describe()}", acl.describe())
            return
    if host.hns_networks[ep.network_id].vfp_template:
        return
    if admitted is not None:
        w.hop(host.name, comp, "allow", f"inbound {admitted.protocol} {admitted.local_port} allowed by the rule HNS "
              "created with the port mapping", admitted.name)
    elif host.profile.inbound_default == "allow" or p.protocol == "icmp" or (p.protocol, p.dst_port) in COMMON_INBOUND:
        w.hop(host.name, comp, "allow", f"inbound {p.protocol.upper()} allowed by default "
              + ("(ICMP, DNS and DHCP always)" if host.profile.inbound_default == "deny" else
                 "(TCP, UDP, ICMP, IGMP since Windows Server 1709)"))
    else:
        w.drop(host.name, comp, f"no rule allows inbound {p.protocol.upper()} {p.dst_port}",
               f"the Windows Firewall of {container.name} blocked unsolicited inbound {p.protocol.upper()} "
               f"{p.dst_port}: {host.profile.title} denies inbound by default; only a published port (-p) "
               "creates an allow rule")
