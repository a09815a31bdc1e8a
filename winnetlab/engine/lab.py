"""The lab: one or more Windows container hosts on one underlay LAN, and the world beyond.

Hosts sit on a LAN (192.168.0.0/24) whose router (``.1``) leads to an "internet" with a
few well-known addresses; the router does not NAT — the LAN is treated as routable, so an
outside client reaches a host's published port directly (a documented simplification).
The LAN also has a DHCP server, which hands out addresses to containers on transparent
networks.  Swarm state (managers, overlay networks, services) spans the hosts.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import dnsworld
from . import swarm as swarm_ops
from .addressing import AddressPool, format_mac
from .drivers import of
from .errors import Conflict, Exhausted, InvalidParameter, NotFound
from .host import Host
from .ids import IdSource
from .pools import LabPools
from .profiles import profile as get_profile
from .profiles import with_engine
from .switching import MAX_ADAPTERS

if TYPE_CHECKING:
    from ..fronts.command import CommandResult
    from ..walk.trace import Trace
    from .docker_container import Container
    from .swarm import Service, Swarm


@dataclass(kw_only=True)
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
    results carry no teaching hints, only what the real tools print.  ``adapters``: the
    physical NICs of every host, ``Ethernet``, ``Ethernet 2``… (only the first holds the
    host's LAN address; each External vSwitch needs an adapter of its own, see
    ``engine.switching``; ``switching.adapters_for_every_driver()`` is enough for swarm plus
    one network of every driver).  ``docker_engine``: run another Docker engine than the
    one the Windows profile pairs with (``profiles.DOCKER_ENGINES``, e.g. ``"28.0.4"``).
    """

    hints = True  # class default: lab files saved before hints existed load with hints on
    adapters = 1  # class default: lab files saved before Lab(adapters=N) load with one NIC a host

    def __init__(
        self,
        seed: int = 0,
        windows: str = "ltsc2022",
        hosts: int = 1,
        nat_prefix: str = "172.16.0.0/16",
        hints: bool = True,
        adapters: int = 1,
        docker_engine: str | None = None,
    ) -> None:
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise InvalidParameter(f"seed must be an integer, not {seed!r}")
        if not isinstance(hosts, int) or isinstance(hosts, bool) or not 0 <= hosts <= 64:
            raise InvalidParameter(f"hosts must be a whole number from 0 to 64, not {hosts!r}")
        if not isinstance(adapters, int) or isinstance(adapters, bool) or not 1 <= adapters <= MAX_ADAPTERS:
            raise InvalidParameter(
                f"adapters must be a whole number from 1 to {MAX_ADAPTERS}, not {adapters!r}"
            )
        self.adapters = adapters
        self.seed = seed
        self.hints = bool(hints)
        self.profile = get_profile(windows)
        if docker_engine is not None:
            self.profile = with_engine(self.profile, docker_engine)
        self.nat_prefix = self._check_nat_prefix(nat_prefix)
        self.ids = IdSource(seed, "lab")
        self.lan = Underlay()
        self.pools = LabPools(self)
        self.hosts: dict[str, Host] = {}
        self.swarm = None
        self.warnings: list[str] = []  # what may be wrong or missing (a lab read from real dumps)
        self.notes: list[str] = []  # plain information: repairs made, what was inferred and why
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
    def add_host(self, name: str | None = None, address: str | ipaddress.IPv4Address | None = None) -> Host:
        """Add a Windows Server (with Docker started) to the LAN."""
        n = len(self.hosts) + 1
        name = name or next(f"host{i}" for i in range(n, n + 1000) if f"host{i}" not in self.hosts)
        if not isinstance(name, str) or not name.strip() or any(c.isspace() for c in name):
            raise InvalidParameter(f"invalid host name {name!r}")
        if name in self.hosts:
            raise Conflict(f"a host named {name} already exists")
        used = {h.address for h in self.hosts.values()}
        if address is None:
            addr = next(
                (
                    a
                    for a in (self.lan.prefix.network_address + 10 + i for i in range(1, 80))
                    if a not in used
                ),
                None,
            )
            if addr is None:
                raise Exhausted("no free host address left on the LAN")
        else:
            try:
                addr = ipaddress.IPv4Address(str(address))
            except ValueError:
                raise InvalidParameter(f"invalid host address {address!r}") from None
            bad = (
                addr not in self.lan.prefix
                or addr in used
                or addr == self.lan.router
                or addr in (self.lan.prefix.network_address, self.lan.prefix.broadcast_address)
                or self.lan.dhcp_first <= addr <= self.lan.dhcp_last
            )
            if bad:
                raise InvalidParameter(
                    f"{addr} is not a free address of the LAN {self.lan.prefix} (router "
                    f"{self.lan.router}, DHCP range {self.lan.dhcp_first}-{self.lan.dhcp_last})"
                )
        mac = format_mac(0x001B21000000 + self.ids.number("nic", 1 << 24))
        host = Host(self, name, addr, mac, n)
        self.hosts[name] = host
        return host

    def host(self, name: str | Host | None = None) -> Host:
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
    def container_name_taken(self, name: str) -> bool:
        for h in self.hosts.values():  # noqa: SIM110 (a loop, not any(): it runs for every container)
            if h.has_container(name):
                return True
        return False

    def find_container(self, name: str) -> tuple[Host, Container]:
        """``(host, container)`` for a container name (or id prefix) anywhere in the lab."""
        for h in self.hosts.values():
            if name in h.containers:
                return h, h.containers[name]
        for h in self.hosts.values():
            for c in h.containers.values():
                if len(name) >= 3 and c.id.startswith(name):
                    return h, c
        raise NotFound(f"No such container: {name}")

    # ------------------------------------------------------------------ swarm and overlay (see swarm.py)
    def swarm_init(self, host: str | Host | None = None) -> Swarm:
        return swarm_ops.init(self, self.host(host))

    def swarm_join(self, host: str | Host) -> Swarm:
        return swarm_ops.join(self, self.host(host))

    def swarm_leave(self, host: str | Host, force: bool = False) -> None:
        return swarm_ops.leave(self, self.host(host), force)

    def create_service(
        self,
        name: str,
        image: str | None = None,
        replicas: int = 1,
        networks: Sequence[str] = (),
        publish: Sequence[str] = (),
        endpoint_mode: str = "vip",
    ) -> Service:
        return swarm_ops.create_service(self, name, image, replicas, networks, publish, endpoint_mode)

    def remove_service(self, name: str) -> None:
        return swarm_ops.remove_service(self, name)

    def scale_service(self, name: str, replicas: int) -> Service:
        """Set a service's replicas (``docker service scale``): tasks, VIP backends and DNS follow."""
        return swarm_ops.scale_service(self, name, replicas)

    def hostgw_routes(self) -> list[tuple[ipaddress.IPv4Network, Host, str]]:
        """Host-gw routing of l2bridge pod subnets, as flannel/win-bridge sets it up: each
        subnet of a host-gw driver (l2bridge) that is not on the LAN itself is routed to the host
        that owns it, by the LAN router and by the other hosts that have a network of the same
        name.  ``[(prefix, host, network name)]`` in host order."""
        return [
            (s.prefix, h, n.name)
            for h in self.hosts.values()
            for n in h.hns_networks.values()
            if of(n).host_gw
            for s in n.subnets
            if not s.prefix.overlaps(self.lan.prefix)
        ]

    # ------------------------------------------------------------------ fronts, walk, files
    def add_dns_record(self, name, ip):
        """Add an A record to the lab's internet DNS (``app.contoso.com`` -> ``203.0.113.7``)."""
        dnsworld.add_record(self, name, ip)

    def resolve_name(self, name):
        """The address the lab's internet DNS gives ``name``, or None (NXDOMAIN)."""
        return dnsworld.lookup(self, name)

    # Shortcuts to the fronts and the walk: imported on use (the engine imports no upper layer
    # at module level), by absolute name, as a relative import in a method resolves its
    # package again on every call.
    def docker(self, command: str, host: str | Host | None = None) -> CommandResult:
        """Run a ``docker …`` command line on a host; returns a CommandResult."""
        from winnetlab.fronts.docker import docker

        return self._shown(docker(self, command, host))

    def powershell(self, command: str, host: str | Host | None = None) -> CommandResult:
        """Run a PowerShell command line on a host; returns a CommandResult."""
        from winnetlab.fronts.powershell import powershell

        return self._shown(powershell(self, command, host))

    def exec(self, container: str, command: str) -> CommandResult:
        """Run a command inside a container (``docker exec``); returns a CommandResult."""
        from winnetlab.fronts.in_container import exec_command

        return self._shown(exec_command(self, container, command))

    def _shown(self, result):
        """The result as this lab shows it: with its teaching hints, or (``hints=False``)
        exactly what the real tool prints."""
        return result if self.hints else result.without_hints()

    def trace(self, src: str, dst: str, port: int | None = None, protocol: str = "tcp") -> Trace:
        """Walk a packet from ``src`` to ``dst`` hop by hop; returns a Trace."""
        from winnetlab.walk.trace import trace

        return trace(self, src, dst, port, protocol)

    def reachability(self, port: int = 80, protocol: str = "tcp") -> Any:
        """Who can reach whom: a square DataFrame of trace verdicts."""
        from winnetlab.walk.trace import reachability

        return reachability(self, port, protocol)

    def save(self, path: str | os.PathLike[str]) -> str:
        """Save the whole lab as versioned JSON (see ``Lab.load``)."""
        from ..dumps.labfile import save

        return save(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Lab:
        from ..dumps.labfile import load

        return load(path)

    def upgrade_loaded_state(self):
        """A lab file of version 1 kept the MAC blocks in ``Lab.used_mac_pools``."""
        if not hasattr(self, "pools"):
            self.pools = LabPools(self, vars(self).pop("used_mac_pools", ()))

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
