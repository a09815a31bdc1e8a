"""The lab: one or more Windows container hosts on one underlay LAN, and the world beyond.

Hosts sit on a LAN (192.168.0.0/24) whose router (``.1``) leads to an "internet" with a
few well-known addresses; the router does not NAT — the LAN is treated as routable, so an
outside client reaches a host's published port directly (a documented simplification).
The LAN also has a DHCP server, which hands out addresses to containers on transparent
networks.  Swarm state (managers, overlay networks, services) spans the hosts.
"""

import ipaddress
from dataclasses import dataclass, field

from . import dnsworld
from . import swarm as swarm_ops
from .addressing import AddressPool, IdSource, format_mac
from .errors import Conflict, Exhausted, InvalidParameter, NotFound
from .host import Host
from .profiles import profile as get_profile

NAT_SPACE = ipaddress.IPv4Network("172.16.0.0/12")


@dataclass
class Underlay:
    """The physical LAN the hosts share, its router, DNS and DHCP server."""

    prefix: ipaddress.IPv4Network = ipaddress.IPv4Network("192.168.0.0/24")
    router: ipaddress.IPv4Address = ipaddress.IPv4Address("192.168.0.1")
    router_mac: str = "00-1C-7F-00-00-01"
    dns_servers: tuple = (ipaddress.IPv4Address("192.168.0.1"),)
    outside: dict = field(  # the internet's DNS names (engine.dnsworld), lab records included
        default_factory=lambda: {n: ipaddress.IPv4Address(a) for n, a in dnsworld.WELL_KNOWN.items()}
    )
    dhcp_first: ipaddress.IPv4Address = ipaddress.IPv4Address("192.168.0.100")
    dhcp_last: ipaddress.IPv4Address = ipaddress.IPv4Address("192.168.0.199")
    dhcp_leases: dict = field(default_factory=dict)  # MAC -> IPv4Address
    dhcp_pool: object = None
    routes: dict = field(default_factory=dict)  # IPv4Network -> next hop (IPv4Address) on the LAN

    def __post_init__(self):
        self.dhcp_pool = AddressPool(self.prefix, first=self.dhcp_first, last=self.dhcp_last)

    def upgrade_loaded_state(self):
        """An underlay read from a lab file saved before the router had static routes."""
        if not hasattr(self, "routes"):
            self.routes = {}

    def dhcp_range(self):
        first, last = int(self.dhcp_first), int(self.dhcp_last)
        return [ipaddress.IPv4Address(i) for i in range(first, last + 1)]


class Lab:
    """A simulated set of Windows container hosts (see the module docstring).

    ``nat_prefix``: the default nat network's prefix (documented default 172.16.0.0/16);
    ``"auto"`` picks a free /20 inside 172.16.0.0/12 as HNS really does; ``"none"`` is
    daemon.json ``"bridge": "none"`` (no default nat network).  ``hints=False``: command
    results carry no teaching hints, only what the real tools print.
    """

    hints = True  # class default: lab files saved before hints existed load with hints on

    def __init__(self, seed=0, windows="ltsc2022", hosts=1, nat_prefix="172.16.0.0/16", hints=True):
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise InvalidParameter(f"seed must be an integer, not {seed!r}")
        if not isinstance(hosts, int) or isinstance(hosts, bool) or not 0 <= hosts <= 64:
            raise InvalidParameter(f"hosts must be a whole number from 0 to 64, not {hosts!r}")
        self.seed = seed
        self.hints = bool(hints)
        self.profile = get_profile(windows)
        self.nat_prefix = self._check_nat_prefix(nat_prefix)
        self.ids = IdSource(seed, "lab")
        self.lan = Underlay()
        self.used_mac_pools = set()
        self.hosts = {}
        self.swarm = None
        self.warnings = []  # what may be wrong or missing (a lab read from real dumps)
        self.notes = []  # plain information: repairs made, what was inferred and why
        self.imported = False  # True for a lab read from real dumps: its LAN is unknown
        for _ in range(hosts):
            self.add_host()

    @property
    def windows(self):
        return self.profile.name

    @staticmethod
    def _check_nat_prefix(value):
        if value in ("auto", "none"):
            return value
        net = ipaddress.ip_network(str(value), strict=False) if _is_network(value) else None
        if net is None or net.version != 4 or net.prefixlen > 30:
            raise InvalidParameter(
                f'nat_prefix must be an IPv4 prefix such as "172.16.0.0/16", "auto" or "none", not {value!r}'
            )
        return net

    # ------------------------------------------------------------------ hosts
    def add_host(self, name=None, address=None):
        """Add a Windows Server (with Docker started) to the LAN."""
        n = len(self.hosts) + 1
        name = name or next(f"host{i}" for i in range(n, n + 1000) if f"host{i}" not in self.hosts)
        if not isinstance(name, str) or not name.strip() or any(c.isspace() for c in name):
            raise InvalidParameter(f"invalid host name {name!r}")
        if name in self.hosts:
            raise Conflict(f"a host named {name} already exists")
        used = {h.address for h in self.hosts.values()}
        if address is None:
            address = next(
                (
                    a
                    for a in (self.lan.prefix.network_address + 10 + i for i in range(1, 80))
                    if a not in used
                ),
                None,
            )
            if address is None:
                raise Exhausted("no free host address left on the LAN")
        else:
            try:
                address = ipaddress.IPv4Address(str(address))
            except ValueError:
                raise InvalidParameter(f"invalid host address {address!r}") from None
            bad = (
                address not in self.lan.prefix
                or address in used
                or address == self.lan.router
                or address in (self.lan.prefix.network_address, self.lan.prefix.broadcast_address)
                or self.lan.dhcp_first <= address <= self.lan.dhcp_last
            )
            if bad:
                raise InvalidParameter(
                    f"{address} is not a free address of the LAN {self.lan.prefix} (router "
                    f"{self.lan.router}, DHCP range {self.lan.dhcp_first}-{self.lan.dhcp_last})"
                )
        mac = format_mac(0x001B21000000 + self.ids.number("nic", 1 << 24))
        host = Host(self, name, address, mac, n)
        self.hosts[name] = host
        return host

    def host(self, name=None):
        if name is None:
            if not self.hosts:
                raise NotFound("this lab has no host")
            return next(iter(self.hosts.values()))
        if isinstance(name, Host):
            return name
        try:
            return self.hosts[name]
        except KeyError:
            raise NotFound(f"no host named {name!r} (hosts: {', '.join(self.hosts) or 'none'})") from None

    def reboot(self, host, clean=True):
        """Restart a host (``Restart-Computer``); ``clean=False`` is a crash (see engine.recovery)."""
        return self.host(host).reboot(clean=bool(clean))

    def add_route(self, prefix, via):
        """Give the LAN router a static route: ``prefix`` via a host (name) or a LAN address.

        The router knows the LAN and the internet, and only the routes it was given: an
        l2bridge pod subnet is reachable from the LAN only where someone added its route.
        """
        net = ipaddress.IPv4Network(str(prefix), strict=False) if _is_network(prefix) else None
        if net is None or net.version != 4:
            raise InvalidParameter(f"invalid route prefix {prefix!r}: an IPv4 prefix such as 10.244.1.0/24")
        hop = self.hosts[via].address if via in self.hosts else None
        if hop is None:
            try:
                hop = ipaddress.IPv4Address(str(via))
            except ValueError:
                raise InvalidParameter(f"invalid next hop {via!r}: a host name or a LAN address") from None
        if hop not in self.lan.prefix or hop == self.lan.router:
            raise InvalidParameter(f"the next hop {hop} is not on the LAN {self.lan.prefix}")
        if net.overlaps(self.lan.prefix):
            raise InvalidParameter(
                f"{net} overlaps the LAN {self.lan.prefix}, which the router reaches on-link"
            )
        self.lan.routes[net] = hop
        return net, hop

    def remove_route(self, prefix):
        net = ipaddress.IPv4Network(str(prefix), strict=False) if _is_network(prefix) else None
        if net not in self.lan.routes:
            raise NotFound(f"the router has no route for {prefix}")
        del self.lan.routes[net]

    # ------------------------------------------------------------------ containers across hosts
    def container_name_taken(self, name):
        return any(name in h.containers for h in self.hosts.values())

    def find_container(self, name):
        """``(host, container)`` for a container name (or id prefix) anywhere in the lab."""
        for h in self.hosts.values():
            if name in h.containers:
                return h, h.containers[name]
        for h in self.hosts.values():
            for c in h.containers.values():
                if len(name) >= 3 and c.id.startswith(name):
                    return h, c
        raise NotFound(f"No such container: {name}")

    # ------------------------------------------------------------------ NAT prefix choice
    def default_nat_prefix(self, host):
        return self.auto_nat_prefix(host) if self.nat_prefix == "auto" else self.nat_prefix

    def auto_nat_prefix(self, host):
        """A free /20 inside 172.16.0.0/12 that overlaps nothing on the host, as HNS picks it."""
        blocks = list(NAT_SPACE.subnets(new_prefix=20))
        boot = f":boot{host.boots}" if host.boots else ""  # after a reboot HNS may choose another one
        start = self.ids.stable_number(f"natprefix:{host.name}:{len(host.hns_networks)}{boot}", len(blocks))
        taken = [s.prefix for n in host.hns_networks.values() for s in n.subnets]
        if host.address is not None:  # an imported host's address may be unknown
            taken.append(ipaddress.IPv4Network(f"{host.address}/{host.prefix_length or 32}", strict=False))
        for i in range(len(blocks)):
            b = blocks[(start + i) % len(blocks)]
            if not any(b.overlaps(t) for t in taken):
                return b
        raise Exhausted(
            "HNS failed with error : Unspecified error", hint="no free /20 is left inside 172.16.0.0/12"
        )

    # ------------------------------------------------------------------ DHCP on the LAN
    def plan_dhcp_lease(self, others=()):
        n = sum(1 for p in others if p.lease is not None)
        got = self.lan.dhcp_pool.peek(n + 1)
        if got is None:
            raise Exhausted(
                "the LAN's DHCP server has no free lease",
                hint=(f"the DHCP scope {self.lan.dhcp_first}-{self.lan.dhcp_last} is full"),
            )
        return got[-1]

    def take_dhcp_lease(self, mac):
        ip = self.lan.dhcp_pool.peek(1)[0]
        self.lan.dhcp_pool.take(ip)
        self.lan.dhcp_leases[mac] = ip
        return ip

    def release_dhcp_lease(self, mac):
        ip = self.lan.dhcp_leases.pop(mac, None)
        self.lan.dhcp_pool.release(ip)

    # ------------------------------------------------------------------ swarm and overlay (see swarm.py)
    def swarm_init(self, host=None):
        return swarm_ops.init(self, self.host(host))

    def swarm_join(self, host):
        return swarm_ops.join(self, self.host(host))

    def swarm_leave(self, host, force=False):
        return swarm_ops.leave(self, self.host(host), force)

    def create_service(self, name, image=None, replicas=1, networks=(), publish=(), endpoint_mode="vip"):
        return swarm_ops.create_service(self, name, image, replicas, networks, publish, endpoint_mode)

    def remove_service(self, name):
        return swarm_ops.remove_service(self, name)

    def plan_overlay_address(self, network, ip, others):
        return swarm_ops.plan_address(self, network, ip, others)

    def take_overlay_address(self, network, ip):
        self.swarm.networks[network].pool.take(ip)

    def release_overlay_address(self, network, ip):
        if self.swarm and network in self.swarm.networks:
            self.swarm.networks[network].pool.release(ip)

    def on_overlay_endpoint(self, host, ep):
        swarm_ops.endpoint_added(self, host, ep)

    def on_overlay_endpoint_removed(self, host, ep):
        swarm_ops.endpoint_removed(self, host, ep)

    def l2bridge_routes(self):
        """Host-gw routing of l2bridge pod subnets, as flannel/win-bridge set it up.

        When several hosts have an l2bridge network of the same name with different
        subnets, each subnet is routed to the host that owns it: ``[(prefix, host name,
        host address)]``, sorted.  A pod then reaches a pod on another host with its own IP.
        """
        by_name = {}
        for h in self.hosts.values():
            for net in h.hns_networks.values():
                if net.driver == "l2bridge":
                    by_name.setdefault(net.name, []).extend(
                        (s.prefix, h.name, h.address) for s in net.subnets
                    )
        routes = []
        for entries in by_name.values():
            if len({e[1] for e in entries}) > 1 and len({e[0] for e in entries}) == len(entries):
                routes.extend(entries)
        return sorted(routes, key=lambda r: (int(r[0].network_address), r[0].prefixlen, r[1]))

    # ------------------------------------------------------------------ fronts, walk, files
    def add_dns_record(self, name, ip):
        """Add an A record to the lab's internet DNS (``app.contoso.com`` -> ``203.0.113.7``)."""
        dnsworld.add_record(self, name, ip)

    def resolve_name(self, name):
        """The address the lab's internet DNS gives ``name``, or None (NXDOMAIN)."""
        return dnsworld.lookup(self, name)

    def docker(self, command, host=None):
        """Run a ``docker …`` command line on a host; returns a CommandResult."""
        from ..fronts.docker import docker

        return self._shown(docker(self, command, host))

    def powershell(self, command, host=None):
        """Run a PowerShell command line on a host; returns a CommandResult."""
        from ..fronts.powershell import powershell

        return self._shown(powershell(self, command, host))

    def exec(self, container, command):
        """Run a command inside a container (``docker exec``); returns a CommandResult."""
        from ..fronts.in_container import exec_command

        return self._shown(exec_command(self, container, command))

    def _shown(self, result):
        """The result as this lab shows it: with its teaching hints, or (``hints=False``)
        exactly what the real tool prints."""
        return result if self.hints else result.without_hints()

    def trace(self, src, dst, port=None, protocol="tcp"):
        """Walk a packet from ``src`` to ``dst`` hop by hop; returns a Trace."""
        from ..walk.trace import trace

        return trace(self, src, dst, port, protocol)

    def reachability(self, port=80, protocol="tcp"):
        """Who can reach whom: a square DataFrame of trace verdicts."""
        from ..walk.trace import reachability

        return reachability(self, port, protocol)

    def save(self, path):
        """Save the whole lab as versioned JSON (see ``Lab.load``)."""
        from ..dumps.labfile import save

        return save(self, path)

    @classmethod
    def load(cls, path):
        from ..dumps.labfile import load

        return load(path)

    def __repr__(self):
        return (
            f"<Lab seed={self.seed} windows={self.profile.name} hosts={list(self.hosts)}"
            + (f" swarm manager={self.swarm.manager}" if self.swarm else "")
            + ">"
        )


def _is_network(value):
    try:
        ipaddress.ip_network(str(value), strict=False)
        return True
    except ValueError:
        return False
