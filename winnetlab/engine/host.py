"""A Windows container host: adapters, vSwitches, HNS, WinNAT, the firewall and Docker.

``Host`` is the one object that changes state.  Every public mutating call first *plans*
— validates everything and works out every address, MAC and port without touching
anything — and then *commits*; a failed call leaves the host exactly as it was and
consumes no identifiers.  HNS is the source of truth: Docker's networks are the HNS
networks annotated with Docker's id and options, never a second copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .docker_container import Container
    from .hns import Endpoint, Network
    from .vfp import VfpLayer

import ipaddress
from types import MappingProxyType

from . import routing, vfp
from .containers import ContainersMixin
from .endpoints import EndpointsMixin
from .errors import NotFound
from .event import RECIPE_SIZES, RECIPES, Event
from .firewall import FirewallMixin
from .ids import IdSource
from .listeners import ListenersMixin
from .networking import NetworkingMixin
from .recovery import RecoveryMixin
from .switching import SwitchingMixin, adapter_name


class Host(
    RecoveryMixin,
    SwitchingMixin,
    NetworkingMixin,
    ContainersMixin,
    EndpointsMixin,
    FirewallMixin,
    ListenersMixin,
):
    """One simulated Windows Server running Docker (see the module docstring)."""

    LABFILE_TRANSIENT = ("_dated", "_derived")  # caches: lab files do not save them

    def __init__(self, lab, name, address, mac_address, index):
        self.lab = lab
        self.name = name
        self.index = index
        self.ids = IdSource(lab.seed, name)
        self.address = address
        self.prefix_length = lab.lan.prefix.prefixlen
        self.mac_address = mac_address
        self.gateway = lab.lan.router
        self.dns_servers = lab.lan.dns_servers
        self.is_vm = False
        self.mac_spoofing = False
        self.platform = "physical"
        self.boots = 0  # reboots so far (lab.reboot)
        self.inferred = {}  # imported host: (kind, name) -> why the dump implies it
        self.complete_kinds = None  # imported host: kinds its dumps list in full (None: all known)
        self._adapters = {}
        self._vswitches = {}
        self._networks = {}  # docker name -> Network (incl. none)
        self._hns = {}  # HNS id -> Network
        self._endpoints = {}
        self._containers = {}
        self._namespaces = {}
        self._nat = {}  # network id -> NetNat
        self._mappings = {}  # (proto, port) -> StaticMapping
        self._firewall = {}  # name -> FirewallRule
        self._ports = {}  # (proto, port) -> endpoint id
        self._mesh_ports = {}  # (proto, port) -> swarm service published on the routing mesh
        self._policy_lists = {}
        self._images = {}  # reference -> images.Image (the local image store)
        self._static_routes = []  # `route add` on the host: routing.plan_static_route tuples
        self._events = []  # flat: see log_event
        self._compartments = 1  # 1 is the host's default compartment
        self._mapping_ids = 0
        self._dated = {}  # values worked out from this host's state: key -> (log length then, value)
        self._derived = {}  # values derived from others, with those: network id -> (inputs, DNS list)
        self._init_firewall()
        self._init_listeners()
        self._add_physical_adapter(
            "Ethernet", ipaddress.IPv4Interface(f"{address}/{self.prefix_length}"), mac_address
        )
        for n in range(2, lab.adapters + 1):
            self._add_extra_adapter(adapter_name(n))
        self._seed_images()
        self._start_docker()

    # ------------------------------------------------------------------ views
    @property
    def profile(self):
        return self.lab.profile

    @property
    def networks(self):
        return MappingProxyType(self._networks)

    @property
    def hns_networks(self):
        return MappingProxyType(self._hns)

    @property
    def containers(self):
        return MappingProxyType(self._containers)

    @property
    def endpoints(self):
        return MappingProxyType(self._endpoints)

    @property
    def vswitches(self):
        return MappingProxyType(self._vswitches)

    @property
    def adapters(self):
        return MappingProxyType(self._adapters)

    @property
    def namespaces(self):
        return MappingProxyType(self._namespaces)

    @property
    def nat(self):
        return tuple(self._nat.values())

    @property
    def nat_mappings(self):
        return tuple(sorted(self._mappings.values(), key=lambda m: m.mapping_id))

    @property
    def firewall_rules(self):
        return tuple(self._firewall.values())

    @property
    def policy_lists(self):
        return tuple(self._policy_lists.values())

    @property
    def published(self):
        """Host ports published by an endpoint: (protocol, port) -> endpoint id."""
        return MappingProxyType(self._ports)

    @property
    def mesh_ports(self):
        """Ports the swarm routing mesh publishes on this node: (protocol, port) -> service."""
        return MappingProxyType(self._mesh_ports)

    def port_in_use(self, key: tuple[str, int]) -> bool:
        """Whether (protocol, port) is published here, by an endpoint or by the routing mesh."""
        return key in self._ports or key in self._mesh_ports

    def publish_mesh_ports(self, service, keys):
        """The routing mesh publishes ``keys`` ((protocol, port) pairs) for ``service`` here."""
        for key in keys:
            self._mesh_ports[key] = service

    def unpublish_mesh_ports(self, service):
        for key in [k for k, v in self._mesh_ports.items() if v == service]:
            del self._mesh_ports[key]

    @property
    def events(self):
        return tuple(
            Event(seq=seq, actor=actor, action=action, target=target, detail=detail)
            for seq, actor, action, target, detail in self.event_rows()
        )

    def event_rows(self):
        """The event log as plain (seq, actor, action, target, detail) tuples, for big tables."""
        log, rows, i, end = self._events, [], 0, len(self._events)
        while i < end:  # _entries, unrolled: tables read every event of every host
            n = log[i]
            if n < 0:
                k = RECIPE_SIZES[-1 - n]
                values = log[i + 1 : i + 1 + k]
                for actor, action, target, template in RECIPES[-1 - n]:
                    target = values[0] if target == "{0}" else target.format(*values)
                    rows.append((len(rows) + 1, actor, action, target, template.format(*values)))
                i += 1 + k
            else:
                detail = log[i + 4].format(*log[i + 5 : i + 5 + n]) if n else log[i + 4]
                rows.append((len(rows) + 1, log[i + 1], log[i + 2], log[i + 3], detail))
                i += 5 + n
        return rows

    def event_count(self) -> int:
        """How many events the log holds (``len(host.events)`` without making them)."""
        log, i, count = self._events, 0, 0
        while i < len(log):
            n = log[i]
            if n < 0:
                count += len(RECIPES[-1 - n])
                i += 1 + RECIPE_SIZES[-1 - n]
            else:
                count += 1
                i += 5 + n
        return count

    def latest_event_seqs(self) -> dict:
        """``{(action, target): seq}`` of the latest event of each kind (no detail text made)."""
        return {(action, target): seq for seq, (_, action, target, _, _) in enumerate(self._entries(), 1)}

    def _entries(self):
        """Each event as (actor, action, target, detail template, values): see log_event and
        log_recipe for the two shapes of an entry in the flat log."""
        log, i = self._events, 0
        while i < len(log):
            n = log[i]
            if n < 0:
                k = RECIPE_SIZES[-1 - n]
                values = log[i + 1 : i + 1 + k]
                for actor, action, target, template in RECIPES[-1 - n]:
                    yield (
                        actor,
                        action,
                        values[0] if target == "{0}" else target.format(*values),
                        template,
                        values,
                    )
                i += 1 + k
            else:
                yield log[i + 1], log[i + 2], log[i + 3], log[i + 4], log[i + 5 : i + 5 + n]
                i += 5 + n

    def network(self, name: str) -> Network:
        try:
            return self._networks[name]
        except KeyError:
            pass
        for net in self._networks.values():  # docker accepts an id prefix too
            if net.docker_id and len(name) >= 3 and net.docker_id.startswith(name):
                return net
        raise NotFound(f"network {name} not found")

    def container(self, name: str) -> Container:
        try:
            return self._containers[name]
        except KeyError:
            pass
        for c in self._containers.values():
            if len(name) >= 3 and c.id.startswith(name):
                return c
        raise NotFound(f"No such container: {name}")

    def hns_network(self, network_id: str) -> Network | None:
        """The HNS network with this id, or None (``hns_networks.get`` without a view)."""
        return self._hns.get(network_id)

    def has_container(self, name: str) -> bool:
        """Whether a container is called ``name`` here (a name only, not an id prefix)."""
        return name in self._containers

    def endpoints_of(self, container: str | Container) -> list[Endpoint]:
        c = self.container(container) if isinstance(container, str) else container
        return [self._endpoints[e] for e in c.endpoints if e in self._endpoints]

    def vfp_layers(self, endpoint: Endpoint) -> tuple[VfpLayer, ...] | list[VfpLayer]:
        """The VFP port of a local endpoint as ordered layers (none for nat: WinNAT does it).

        Like VFP itself, the port is programmed once and reused until HNS changes something
        on this host (every change writes an event, so the event log's length dates the program):
        the same tuple comes back until then, so its identity dates it too.
        """
        return self.dated(("vfp", endpoint.id), lambda: self._program_port(endpoint))

    def _program_port(self, endpoint):
        net = self._hns.get(endpoint.network_id)
        if net is None or endpoint.remote or not net.vfp_template:
            return []
        remotes = [self._endpoints[e] for e in net.endpoint_ids if self._endpoints[e].remote]
        lb = [
            vfp.VfpRule(
                name=f"LB_{pl.id[:8]}",
                priority=100,
                type="lb",
                direction="OUT",
                conditions=(("vip", ",".join(p.vips)),),
                action=p.describe(),
                terminating=False,
                policy=p,
            )
            for pl in self._policy_lists.values()
            if pl.network_id == net.id
            for p in pl.policies
        ]
        return tuple(vfp.port_layers(net, endpoint, self.address, remotes, lb))

    def dated(self, key, make):
        """``make()``, kept until this host changes (every change logs an event, so the log's
        length dates the value; imports, which log none, forget every dated value): the VFP
        ports as programmed, a container's route table, a vSwitch's endpoints by address."""
        known = self._dated.get(key)
        if known is not None and known[0] == len(self._events):
            return known[1]
        value = make()
        self._dated[key] = (len(self._events), value)
        return value

    # ------------------------------------------------------------------ events
    def log_event(self, actor, action, target, detail="", *args):
        """Append an event; Event objects and their text are made on read.

        With ``args``, ``detail`` is a ``str.format`` template filled in only when the log is
        read: the args are immutable values (names, ids, addresses, numbers), so the text is
        the same then as now. The log is one flat list, so a host running thousands of
        containers keeps no tuple or text per event: an entry is ``len(args), actor, action,
        target, detail, args...``, or one of ``log_recipe``.
        """
        self._events += (len(args), actor, action, target, detail, *args)

    def log_recipe(self, recipe, values):
        """Append the events of one of ``event.RECIPES`` (those every container start logs):
        the log keeps only the recipe's number and the values (a tuple) its templates read."""
        log = self._events
        log.append(recipe)
        log += values

    # ------------------------------------------------------------------ imported state
    # Objects read from a real HNS dump go in without Docker's validation and log no event,
    # so each insert also drops the values dated by the log (``dated``).
    def import_network(self, net, adopt=True):
        """Insert an HNS network; ``adopt=False`` keeps it in HNS only, as Docker does not
        adopt Internal/Private networks."""
        self._dated.clear()
        self._hns[net.id] = net
        if adopt and net.name not in self._networks:
            self._networks[net.name] = net

    def clear_for_import(self, address):
        """Make this host hold nothing a dump does not say: no simulated NIC, LAN address,
        MAC, router or DNS, no ``none`` network, no Docker start-up events.  ``address``
        is the one the dump holds, or None (unknown)."""
        self._adapters.clear()
        self._networks.clear()
        self._events.clear()
        self._dated.clear()
        self.address = address
        self.prefix_length = self.mac_address = self.gateway = None
        self.dns_servers = ()

    def import_endpoint(self, ep):
        self._dated.clear()
        self._endpoints[ep.id] = ep
        net = self._hns.get(ep.network_id)
        if net is not None:
            net.endpoint_ids[ep.id] = None

    def import_policy_list(self, pl):
        self._dated.clear()
        self._policy_lists[pl.id] = pl

    def import_namespace(self, ns):
        """Insert a namespace; its endpoints that name no namespace yet are placed in it."""
        self._namespaces[ns.id] = ns
        for eid in ns.endpoints:
            ep = self._endpoints.get(eid)
            if ep is not None and not ep.namespace:
                ep.namespace = ns.id

    def adopt_network(self, net, name, docker_id, options):
        """Docker adopts an imported HNS network at start-up: it gets a Docker name, id and
        options, and its endpoints are shown on that name."""
        self._dated.clear()
        net.name, net.docker_id, net.options = name, docker_id, options
        self.import_network(net, adopt=True)
        for eid in net.endpoint_ids:
            self._endpoints[eid].network = name

    def import_switch(self, sw):
        self._vswitches[sw.name] = sw

    def import_adapter(self, adapter):
        self._adapters[adapter.name] = adapter

    # ------------------------------------------------------------------ route add / delete
    @property
    def static_routes(self):
        return tuple(self._static_routes)

    def add_route(self, destination, mask, gateway, metric=1, persistent=False, container=None):
        """``route [-p] add``: on the host, or inside ``container`` (its own compartment)."""
        c = self.container(container) if isinstance(container, str) else container
        interfaces = routing.container_interfaces(self, c) if c is not None else routing.host_interfaces(self)
        dest, gw, interface, metric = routing.plan_static_route(
            interfaces, destination, mask, gateway, metric
        )
        entry = (dest, gw, interface, metric, bool(persistent))
        if c is not None:
            c.static_routes = tuple(r for r in c.static_routes if r[0] != dest) + (entry,)
        else:
            self._static_routes = [r for r in self._static_routes if r[0] != dest] + [entry]
        self.log_event("TCPIP", "AddRoute", c.name if c else self.name, f"{dest} via {gw or 'On-link'}")

    def delete_route(self, destination, container=None):
        """``route delete DEST``: every added route to that destination address."""
        c = self.container(container) if isinstance(container, str) else container
        routes = c.static_routes if c is not None else self._static_routes
        kept = tuple(r for r in routes if str(r[0].network_address) != str(destination))
        if len(kept) == len(routes):
            raise NotFound("The route deletion failed: Element not found.")
        if c is not None:
            c.static_routes = kept
        else:
            self._static_routes = list(kept)
        self.log_event("TCPIP", "DeleteRoute", c.name if c else self.name, str(destination))

    def upgrade_loaded_state(self):
        """A host read from a lab file starts with no VFP port programmed (the cache is not
        saved).  A version-1 file kept the routing mesh's ports in ``_ports`` as
        ``"service:<name>"``; they live in their own table now."""
        self._dated = {}
        self._derived = {}
        if not hasattr(self, "_mesh_ports"):
            self._mesh_ports = {
                k: v[len("service:") :] for k, v in self._ports.items() if v.startswith("service:")
            }
            self._ports = {k: v for k, v in self._ports.items() if not v.startswith("service:")}
        if not hasattr(self, "_fw_rules"):  # saved before the host firewall and listeners existed
            self._init_firewall()
            self._init_listeners()
            self.platform = "hyperv-vm" if self.is_vm else "physical"
            self.boots = 0
        if not hasattr(self, "_static_routes"):
            self._static_routes = []
        if not hasattr(self, "_images"):  # files older than the image store: seeded on first use
            self._images = None
        if self._events and isinstance(self._events[0], tuple):  # saved before the log was flat
            self._events = [x for e in self._events for x in (0, *e)]

    def __repr__(self):
        return (
            f"<Host {self.name} {self.address} {self.profile.name}: {len(self._hns)} HNS networks, "
            f"{len(self._containers)} containers>"
        )
