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

import functools
import ipaddress
from dataclasses import dataclass

from .addressing import APIPA, ip_text
from .hyperv import vnic_name

ON_LINK = "On-link"
LOOPBACK = ipaddress.IPv4Address("127.0.0.1")
LOOPBACK_METRIC = 331
CONTAINER_METRIC = 5256
HOST_NIC_METRIC = 25  # interface metric of a 1 Gbit/s adapter
HOST_VNIC_METRIC = 5000  # interface metric of vEthernet (nat)
ON_LINK_ROUTE_METRIC = 256

_DEFAULT = ipaddress.IPv4Network("0.0.0.0/0")
_MULTICAST = ipaddress.IPv4Network("224.0.0.0/4")
_LIMITED_BROADCAST = ipaddress.IPv4Network("255.255.255.255/32")
_LOOPBACK_ROUTES = (
    ipaddress.IPv4Network("127.0.0.0/8"),
    ipaddress.IPv4Network("127.0.0.1/32"),
    ipaddress.IPv4Network("127.255.255.255/32"),
    _MULTICAST,
    _LIMITED_BROADCAST,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """One row of the ``IPv4 Route Table`` (``Active Routes``) of ``route print``."""

    destination: ipaddress.IPv4Network
    gateway: object  # "On-link" or an IPv4Address
    interface: ipaddress.IPv4Address
    metric: int
    adapter: str = ""  # the interface's name ("Loopback Pseudo-Interface 1", "vEthernet (…)")
    added: bool = False  # added with ``route add`` (not brought by an interface's address)

    @property
    def netmask(self):
        return self.destination.netmask

    @property
    def next_hop(self):
        """The gateway as text: ``On-link`` or the gateway address."""
        return self.gateway if self.gateway == ON_LINK else str(self.gateway)


# Routes are computed as plain tuples of integers — (destination, prefix length, gateway or
# None for on-link, interface address, metric, adapter, interface order) — and turned into
# Route objects (route print) or text rows (the routes table) at the edge: a 10,000
# container lab has 110,000 routes.

_LOOPBACK = int(LOOPBACK)
ADDED_ORDER = 99  # the interface order of routes added with route add (after the interfaces' own)
_MULTICAST_INT, _ALL_ONES = int(_MULTICAST.network_address), 0xFFFFFFFF
_LOOPBACK_RAW = tuple(
    (int(d.network_address), d.prefixlen, None, _LOOPBACK, LOOPBACK_METRIC, "Loopback Pseudo-Interface 1", 0)
    for d in _LOOPBACK_ROUTES
)


def _interface_routes(address, network, prefixlen, gateway, metric, default_metric, adapter, order):
    """The routes one IPv4 address on one interface brings (subnet, host, broadcast…)."""
    routes = []
    if gateway is not None:
        routes.append((0, 0, gateway, address, default_metric, adapter, order))
    routes.append((network, prefixlen, None, address, metric, adapter, order))
    if prefixlen < 32:
        routes.append((address, 32, None, address, metric, adapter, order))
    if prefixlen < 31:
        routes.append((network | (_ALL_ONES >> prefixlen), 32, None, address, metric, adapter, order))
    routes.append((_MULTICAST_INT, 4, None, address, metric, adapter, order))
    routes.append((_ALL_ONES, 32, None, address, metric, adapter, order))
    return routes


def endpoint_interface(host, endpoint):
    """(address, prefix, gateway) a container NIC really has, or None when it has no address.

    An endpoint on a DHCP transparent network has no HNS address: the container uses the
    lease the LAN's DHCP server gave it, with the LAN's prefix and router — or, when no offer
    reached it, the link-local address it gave itself (169.254.0.0/16, no default gateway).
    """
    address = endpoint.address
    if address is None:
        return None
    if endpoint.ip_address is None and endpoint.dhcp_lease is None:  # no DHCP offer: APIPA, no gateway
        return address, APIPA, None
    if endpoint.ip_address is None:  # DHCP lease from the LAN
        lan = host.lab.lan
        return address, lan.prefix, lan.router
    network = host.hns_network(endpoint.network_id)
    prefix = None
    for subnet in network.subnets if network is not None else ():
        if address in subnet.prefix:
            prefix = subnet.prefix
            break
    if prefix is None:
        prefix = ipaddress.IPv4Network((int(address), endpoint.prefix_length or 32), strict=False)
    return address, prefix, endpoint.gateway


def _raw_container_routes(host, container):
    routes = list(_LOOPBACK_RAW)
    seen = {_LOOPBACK}
    for endpoint in host.endpoints_of(container):
        nic = endpoint_interface(host, endpoint)
        if nic is None or int(nic[0]) in seen:
            continue
        address, prefix, gateway = nic
        seen.add(int(address))
        routes += _interface_routes(
            int(address),
            int(prefix.network_address),
            prefix.prefixlen,
            None if gateway is None else int(gateway),
            CONTAINER_METRIC,
            CONTAINER_METRIC,
            vnic_name(endpoint.name),
            len(seen),
        )
    if container.static_routes:
        routes += _static_raw(
            container.static_routes, _interface_index(container_interfaces(host, container))
        )
    routes.sort(key=_order)
    return routes


def _static_raw(routes, interfaces):
    """Routes added with ``route add``: (destination, gateway or None, interface, metric, persistent)."""
    out = []
    for dest, gateway, interface, metric, _persistent in routes:
        adapter, base = interfaces.get(int(interface), ("", 0))
        out.append(
            (
                int(dest.network_address),
                dest.prefixlen,
                None if gateway is None else int(gateway),
                int(interface),
                metric + base,
                adapter,
                ADDED_ORDER,
            )
        )
    return out


def plan_static_route(owner_interfaces, dest, mask, gateway, metric):
    """Validate a ``route add`` the way route.exe does and return the route to store.

    ``owner_interfaces``: [(address, prefix, adapter name, interface metric)] of the host or
    container.  A gateway that is one of its own addresses makes the route On-link there
    (docker/for-win#12297: ``route -p add 169.254.169.0 mask 255.255.255.0 172.19.112.1`` on the
    host shows ``On-link 172.19.112.1 5001``)."""
    from .errors import InvalidParameter

    try:
        destination = ipaddress.IPv4Network(f"{dest}/{mask}")
        gw = ipaddress.IPv4Address(gateway)
    except ValueError:
        raise InvalidParameter("The route addition failed: The parameter is incorrect.") from None
    for address, _prefix, _name, _metric in owner_interfaces:
        if gw == address:
            return destination, None, address, int(metric)
    for address, prefix, _name, _metric in owner_interfaces:
        if gw in prefix:
            return destination, gw, address, int(metric)
    raise InvalidParameter(
        "The route addition failed: Either the interface index is wrong or the gateway does not lie on "
        "the same network as the interface. Check the IP Address Table for the machine.",
        hint=f"{gateway} is not on any subnet this machine has an address in",
    )


def host_interfaces(host):
    """[(address, prefix, adapter name, interface metric)] of the host's addressed adapters."""
    return [
        (
            a.ip_interface.ip,
            a.ip_interface.network,
            a.name,
            HOST_NIC_METRIC if a.gateway is not None else HOST_VNIC_METRIC,
        )
        for a in sorted(host.adapters.values(), key=lambda a: a.if_index)
        if a.ip_interface is not None
    ]


def container_interfaces(host, container):
    out = []
    for endpoint in host.endpoints_of(container):
        nic = endpoint_interface(host, endpoint)
        if nic is not None:
            out.append(
                (nic[0], nic[1], f"vEthernet ({endpoint.name})", CONTAINER_METRIC - ON_LINK_ROUTE_METRIC)
            )
    return out


def _interface_index(interfaces):
    return {int(a): (name, metric) for a, _p, name, metric in interfaces}


def _raw_host_routes(host):
    routes = list(_LOOPBACK_RAW)
    seen = {_LOOPBACK}
    for adapter in sorted(
        (a for a in host.adapters.values() if a.ip_interface is not None), key=lambda a: a.if_index
    ):
        address = int(adapter.ip_interface.ip)
        if address in seen:
            continue
        seen.add(address)
        network = adapter.ip_interface.network
        nic_metric = HOST_NIC_METRIC if adapter.gateway is not None else HOST_VNIC_METRIC
        routes += _interface_routes(
            address,
            int(network.network_address),
            network.prefixlen,
            None if adapter.gateway is None else int(adapter.gateway),
            nic_metric + ON_LINK_ROUTE_METRIC,
            nic_metric,
            adapter.name,
            len(seen),
        )
    routes += _static_raw(host.static_routes, _interface_index(host_interfaces(host)))
    routes.sort(key=_order)
    return routes


def _order(route):
    """``route print`` order: by destination, then mask, then interface (loopback first)."""
    return route[0], route[1], route[6]


@functools.lru_cache(maxsize=1 << 12)
def _route(raw):
    """The Route of a raw table row (frozen: a row seen before gives the same Route)."""
    dest, prefixlen, gateway, interface, metric, adapter, order = raw
    return Route(
        destination=ipaddress.IPv4Network((dest, prefixlen)),
        gateway=ON_LINK if gateway is None else ipaddress.IPv4Address(gateway),
        interface=ipaddress.IPv4Address(interface),
        metric=metric,
        adapter=adapter,
        added=order == ADDED_ORDER,
    )


def _container(host, container):
    return host.container(container) if isinstance(container, str) else container


def _pick(raw, dst, first=()):
    """The route Windows picks for ``dst`` from a raw table: the longest matching prefix, then
    the lowest metric, then a route on an interface in ``first``, then the first listed;
    routes on the loopback interface left out.  None when no route matches (a sender then
    fails at once: ``PING: transmit failed. General failure.``)."""
    d, prefer = int(dst), {int(a) for a in first}
    best, best_key = None, None
    for r in raw:
        dest, prefixlen, _gw, interface, metric = r[:5]
        if interface == _LOOPBACK or (prefixlen and (d ^ dest) >> (32 - prefixlen)):
            continue
        key = (prefixlen, -metric, interface in prefer)
        if best_key is None or key > best_key:
            best, best_key = r, key
    return None if best is None else _route(best)


def container_route(host, container, dst, first=()):
    """The route ``container`` uses to reach ``dst`` (its ``route print`` table, ``route add``
    included), or None; ``first``: interface addresses whose routes win a tie."""
    c = _container(host, container)
    return _pick(host.dated(("routes", c.name), lambda: _raw_container_routes(host, c)), dst, first)


def host_route(host, dst):
    """The route the host itself uses to reach ``dst``, or None."""
    return _pick(_raw_host_routes(host), dst)


def container_routes(host, container):
    """The IPv4 routes inside ``container`` (a name or a Container), in ``route print`` order."""
    return [_route(r) for r in _raw_container_routes(host, _container(host, container))]


def host_routes(host):
    """The host's own IPv4 routes: its NIC (or management vNIC) and the vNICs it owns."""
    return [_route(r) for r in _raw_host_routes(host)]


@functools.lru_cache(maxsize=1 << 16)
def dotted(value):
    """An IPv4 address given as an integer, as text (``172.16.0.2``); remembered, as route
    tables name the same few addresses on every row."""
    return ip_text(value)


def _text_rows(raw):
    return [
        (f"{dotted(d)}/{p}", ON_LINK if g is None else dotted(g), dotted(i), m) for d, p, g, i, m, _, _ in raw
    ]


def container_route_text(host, container):
    """``container_routes`` as text rows (destination CIDR, next hop, interface, metric)."""
    return _text_rows(_raw_container_routes(host, _container(host, container)))


def host_route_text(host):
    """``host_routes`` as text rows (destination CIDR, next hop, interface, metric)."""
    return _text_rows(_raw_host_routes(host))
