"""What the walk asks about hosts and the LAN without moving a packet.

Which adapter holds an address, which adapter is a host's uplink, where a host routes a
LAN-bound packet, the host-gw routes of l2bridge subnets, the local endpoint that owns an
address, the host behind a swarm load-balancer address.  Every other walk module may use
these; this module imports none of them.
"""

from ..engine.drivers import of


def vnic_holding(host, ip):
    """The host adapter (vNIC or NIC) that holds ``ip``, or None."""
    if ip is None:
        return None
    wanted = int(ip)  # an IPv4Interface is an address too: compare numbers, build no objects
    for a in host.adapters.values():
        if a.ip_interface is not None and int(a.ip_interface) == wanted:
            return a
    return None


def uplink_adapter(host):
    """(physical adapter, management vNIC or None) that carry the host address."""
    holder = vnic_holding(host, host.address)
    if holder is None or holder.physical:
        return holder, None
    sw = host.vswitches[holder.vswitch]
    return host.adapters[sw.adapter], holder


def lan_next_hop(host, dst):
    """(next hop, why) for a packet the host routes onto the LAN."""
    lab = host.lab
    if dst in lab.lan.prefix:
        return dst, "on-link on the LAN"
    local = {n.name for n in host.hns_networks.values() if of(n).host_gw}
    for prefix, owner, name in lab.hostgw_routes():
        if owner is not host and name in local and dst in prefix:
            return owner.address, f"host-gw route {prefix} via {owner.address}"
    return lab.lan.router, "default route via the LAN router"


def local_peer(host, net, ip, same_network=False):
    """A local, attached endpoint with address ``ip`` on ``net``'s vSwitch (or network), or None."""
    if ip is None:
        return None
    peers = host.dated(("peers", net.vswitch), lambda: _peers(host, net.vswitch))
    for ep in peers.get(int(ip), ()):
        if not same_network or ep.network_id == net.id:
            return ep
    return None


def _peers(host, vswitch):
    """The container endpoints on ``vswitch``'s networks by address (as an int), in HNS order:
    what the switch's ports answer for (kept until the host changes, ``Host.dated``)."""
    peers = {}
    for other in host.hns_networks.values():
        if other.vswitch != vswitch:
            continue
        for eid in other.endpoint_ids:
            ep = host.endpoints[eid]
            if not ep.remote and ep.container and ep.address is not None:
                peers.setdefault(int(ep.address), []).append(ep)
    return peers


def overlay_peer_host(lab, net, ip):
    """The host whose swarm load-balancer endpoint on ``net`` has ``ip``, or None."""
    sn = lab.swarm.networks.get(net.name) if lab.swarm else None
    if sn is None:
        return None
    for name, lb in sn.lb_ips.items():
        if lb == ip:
            return lab.hosts.get(name)
    return None
