"""IPv4 route tables as ``route print`` shows them: inside a container and on the host.

A Windows container does not inherit the host's routes (microsoft/Windows-Containers#386):
its table holds only what its own vNICs bring — for each endpoint the subnet, the
address itself and the subnet broadcast *On-link*, a default route to the network's
gateway, the multicast and limited-broadcast entries — plus the loopback interface's
routes.  The host's table is built the same way from every adapter that holds an
address: the physical NIC (or the ``vEthernet (<switch>)`` management vNIC that took the
host address over when an External vSwitch was bound to it) and the host vNICs of
internal switches such as ``vEthernet (nat)``, which hold the NAT gateway address.

The ``Metric`` column is the route metric plus the interface metric.  Windows gives a
1 Gbit/s NIC interface metric 25 and on-link routes metric 256 (default routes 0); the
loopback interface has 75; ``Get-NetIPInterface`` shows 5000 for ``vEthernet (nat)``
(for-win#2760).  The in-container metric is not documented: 5256, as in the reference's
illustrative ``route print`` (§13.5), is a deliberate assumption.

This module is the one implementation behind both ``route print`` (the command front)
and ``wl.tables.routes``.
"""

import ipaddress
from dataclasses import dataclass

ON_LINK = "On-link"
LOOPBACK = ipaddress.IPv4Address("127.0.0.1")
LOOPBACK_METRIC = 331
CONTAINER_METRIC = 5256
HOST_NIC_METRIC = 25          # interface metric of a 1 Gbit/s adapter
HOST_VNIC_METRIC = 5000       # interface metric of vEthernet (nat)
ON_LINK_ROUTE_METRIC = 256

_DEFAULT = ipaddress.IPv4Network("0.0.0.0/0")
_MULTICAST = ipaddress.IPv4Network("224.0.0.0/4")
_LIMITED_BROADCAST = ipaddress.IPv4Network("255.255.255.255/32")
_LOOPBACK_ROUTES = (ipaddress.IPv4Network("127.0.0.0/8"), ipaddress.IPv4Network("127.0.0.1/32"),
                    ipaddress.IPv4Network("127.255.255.255/32"), _MULTICAST, _LIMITED_BROADCAST)


@dataclass(frozen=True, slots=True)
class Route:
    """One row of the ``IPv4 Route Table`` (``Active Routes``) of ``route print``."""

    destination: ipaddress.IPv4Network
    gateway: object               # "On-link" or an IPv4Address
    interface: ipaddress.IPv4Address
    metric: int
    adapter: str = ""             # the interface's name ("Loopback Pseudo-Interface 1", "vEthernet (…)")

    @property
    def netmask(self):
        return self.destination.netmask

    @property
    def next_hop(self):
        """The gateway as text: ``On-link`` or the gateway address."""
        return self.gateway if self.gateway == ON_LINK else str(self.gateway)


def _interface_routes(address, prefix, gateway, metric, default_metric, adapter):
    """The routes one IPv4 address on one interface brings (subnet, host, broadcast…)."""
    routes = []
    if gateway is not None:
        routes.append(Route(_DEFAULT, gateway, address, default_metric, adapter))
    routes.append(Route(prefix, ON_LINK, address, metric, adapter))
    if prefix.prefixlen < 32:
        routes.append(Route(ipaddress.IPv4Network((int(address), 32)), ON_LINK, address, metric, adapter))
    if prefix.prefixlen < 31:
        routes.append(Route(ipaddress.IPv4Network((int(prefix.broadcast_address), 32)), ON_LINK, address,
                            metric, adapter))
    routes.append(Route(_MULTICAST, ON_LINK, address, metric, adapter))
    routes.append(Route(_LIMITED_BROADCAST, ON_LINK, address, metric, adapter))
    return routes


def _loopback_routes():
    return [Route(dest, ON_LINK, LOOPBACK, LOOPBACK_METRIC, "Loopback Pseudo-Interface 1")
            for dest in _LOOPBACK_ROUTES]


def _sorted(routes, order):
    """``route print`` order: by destination, then mask, then interface (loopback first)."""
    return sorted(routes, key=lambda r: (int(r.destination.network_address), r.destination.prefixlen,
                                         order[r.interface]))


def endpoint_interface(host, endpoint):
    """(address, prefix, gateway) a container NIC really has, or None when it has no address.

    An endpoint on a DHCP transparent network has no HNS address: the container uses the
    lease the LAN's DHCP server gave it, with the LAN's prefix and router.
    """
    address = endpoint.address
    if address is None:
        return None
    network = host.hns_networks.get(endpoint.network_id)
    if endpoint.ip_address is None:   # DHCP lease from the LAN
        lan = host.lab.lan
        return address, lan.prefix, lan.router
    prefix = None
    if network is not None:
        prefix = next((s.prefix for s in network.subnets if address in s.prefix), None)
    if prefix is None:
        prefix = ipaddress.IPv4Network((int(address), endpoint.prefix_length or 32), strict=False)
    return address, prefix, endpoint.gateway


def container_routes(host, container):
    """The IPv4 routes inside ``container`` (a name or a Container), in ``route print`` order."""
    c = host.container(container) if isinstance(container, str) else container
    routes = _loopback_routes()
    order = {LOOPBACK: 0}
    for endpoint in host.endpoints_of(c):
        nic = endpoint_interface(host, endpoint)
        if nic is None or nic[0] in order:
            continue
        address, prefix, gateway = nic
        order[address] = len(order)
        routes += _interface_routes(address, prefix, gateway, CONTAINER_METRIC, CONTAINER_METRIC,
                                    f"vEthernet ({endpoint.name})")
    return _sorted(routes, order)


def host_routes(host):
    """The host's own IPv4 routes: its NIC (or management vNIC) and the vNICs it owns."""
    routes = _loopback_routes()
    order = {LOOPBACK: 0}
    adapters = sorted((a for a in host.adapters.values() if a.ip_interface is not None),
                      key=lambda a: a.if_index)
    for adapter in adapters:
        address = adapter.ip_interface.ip
        if address in order:
            continue
        order[address] = len(order)
        nic_metric = HOST_NIC_METRIC if adapter.gateway is not None else HOST_VNIC_METRIC
        routes += _interface_routes(address, adapter.ip_interface.network, adapter.gateway,
                                    nic_metric + ON_LINK_ROUTE_METRIC, nic_metric, adapter.name)
    return _sorted(routes, order)
