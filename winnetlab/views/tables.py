"""The lab as pandas tables: networks, addresses, endpoints, routes, policies, ports…

Each function takes a ``Lab`` (every host) or a ``Host`` and returns a :class:`Table` — a
``pandas.DataFrame`` whose notebook form is a styled HTML table with a fixed id and whose
text form has no index column, so both are identical from run to run (nbval compares
them).  Rows are sorted deterministically: by host (creation order), then by the names
and numbers a learner reads (addresses numerically, not as text).  Empty values are
``""``; counts, ports and metrics are integers.

Column contract (names and order are promises; new columns are only ever appended):

=============== ============================================================================
table           columns
=============== ============================================================================
networks        host, name, driver, hns_type, hns_id, subnet, gateway, vswitch,
                vswitch_type, adapter, endpoints, options, inferred
addresses       host, container, network, driver, endpoint_id, ip_address, prefix_length,
                mac_address, gateway, dns_servers, namespace
endpoints       host, endpoint_id, name, network, driver, container, ip_address, mac_address,
                state, remote, provider_address, policies
routes          host, container, destination, next_hop, interface, metric
policies        host, scope, owner, type, enforced_by, settings
port_mappings   host, container, protocol, external_ip, external_port, internal_ip,
                internal_port, enforced_by
vswitches       host, name, id, switch_type, adapter, host_vnic, vnic_ip, networks,
                created_by, inferred
events          host, seq, actor, action, target, detail
unsupported     feature, command, option, windows, action, message, source
diagnose        severity, object, finding, hint (``wl.diagnose``; "No findings: …" when empty)
=============== ============================================================================

What a notebook shows: ``networks``, ``addresses``, ``endpoints`` and ``vswitches`` show
the columns a lesson reads (``NARROW``), with Docker's 64-hex ids cut to the 12 characters
``docker`` prints, so they fit a 1,000 px notebook column; ``wide=True`` shows every column
in full.  The DataFrame itself always holds every column and the full ids.

Notes on meaning:

* ``networks`` lists what ``docker network ls`` shows (including ``none``) plus HNS-only
  networks; ``endpoints`` counts the local endpoints (containers on this host);
  ``options`` are Docker's ``-o`` options except the ``hnsid`` repeated in ``hns_id``.
* ``inferred`` (networks, vswitches) is empty for what a host really holds; for an imported
  host it gives the reason an object was inferred from the dump (a vSwitch behind a
  network, a network only named by its endpoints).
* ``addresses`` has one row per local endpoint attached to a container: the address the
  container really uses (a DHCP lease on DHCP transparent networks).
* ``endpoints`` is HNS's view: every endpoint including the *remote* ones an overlay
  network keeps for containers on other hosts (``provider_address`` = their host).
* ``routes`` is each container's own table as ``route print`` shows it, then the host's
  routes (``container`` is ``""``) for the adapters and vNICs the host owns.
* ``policies``: ``scope`` is ``network``, ``subnet``, ``endpoint`` or ``policylist``;
  ``type`` is the HNS v1 policy type; ``enforced_by`` names the component that acts on it:
  WinNAT (+ the Windows Firewall allow rule) for published ports on nat, the Windows
  Firewall for Host ACLs, the vSwitch port for VLAN/QoS, otherwise the VFP layer.
* ``port_mappings``: nat ports are WinNAT static mappings; other drivers' ports are VFP
  NAT rules on the host address; swarm ingress ports are VFP load-balancer rules, one
  row per backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine.host import Host
    from ..engine.lab import Lab

import functools
import html
import re

import pandas as pd

from .. import i18n
from ..engine import policies as P
from ..engine import routing
from ..engine.drivers import of
from ..engine.drivers.base import SHIM
from .fold import details, more
from .netgraph import hosts_of

COLUMNS = {
    "networks": (
        "host",
        "name",
        "driver",
        "hns_type",
        "hns_id",
        "subnet",
        "gateway",
        "vswitch",
        "vswitch_type",
        "adapter",
        "endpoints",
        "options",
        "inferred",
    ),
    "addresses": (
        "host",
        "container",
        "network",
        "driver",
        "endpoint_id",
        "ip_address",
        "prefix_length",
        "mac_address",
        "gateway",
        "dns_servers",
        "namespace",
    ),
    "endpoints": (
        "host",
        "endpoint_id",
        "name",
        "network",
        "driver",
        "container",
        "ip_address",
        "mac_address",
        "state",
        "remote",
        "provider_address",
        "policies",
    ),
    "routes": ("host", "container", "destination", "next_hop", "interface", "metric"),
    "policies": ("host", "scope", "owner", "type", "enforced_by", "settings"),
    "port_mappings": (
        "host",
        "container",
        "protocol",
        "external_ip",
        "external_port",
        "internal_ip",
        "internal_port",
        "enforced_by",
    ),
    "vswitches": (
        "host",
        "name",
        "id",
        "switch_type",
        "adapter",
        "host_vnic",
        "vnic_ip",
        "networks",
        "created_by",
        "inferred",
    ),
    "events": ("host", "seq", "actor", "action", "target", "detail"),
    "unsupported": ("feature", "command", "option", "windows", "action", "message", "source"),
    "diagnose": ("severity", "object", "finding", "hint"),
}

# What a table shows by default: the columns a lesson reads, fitting a 1,000 px notebook
# column (``wide=True`` shows them all; the DataFrame always holds every column).
NARROW = {
    "networks": (
        "host",
        "name",
        "driver",
        "hns_type",
        "hns_id",
        "subnet",
        "gateway",
        "vswitch",
        "adapter",
        "endpoints",
    ),
    "addresses": (
        "host",
        "container",
        "network",
        "driver",
        "ip_address",
        "prefix_length",
        "mac_address",
        "gateway",
        "dns_servers",
    ),
    "endpoints": (
        "host",
        "endpoint_id",
        "network",
        "driver",
        "container",
        "ip_address",
        "mac_address",
        "remote",
        "provider_address",
        "policies",
    ),
    "vswitches": ("host", "name", "switch_type", "adapter", "host_vnic", "vnic_ip", "networks"),
}
# What an empty table says instead of a bare header row (a healthy host is an answer too).
EMPTY = {
    "diagnose": "No findings: no check found a problem (addresses inside their subnets, no duplicate "
    "IP or MAC, NAT prefixes, load-balancer backends, provider addresses, management IPs, VSIDs, "
    "OutboundNAT on l2bridge).",
}
HEX64 = re.compile(r"\b([0-9a-f]{12})[0-9a-f]{52}\b")
WINNAT = "WinNAT + Windows Firewall"
DRIVER_COLUMNS = ("driver",)


class Table(pd.DataFrame):
    """A DataFrame that shows itself the same way every run (fixed Styler id, no index)."""

    _metadata = ["table_name", "lang", "wide", "fold"]
    table_name = "table"
    lang = "en"  # the language of the HTML captions (set from wl.set_language or lang=)
    wide = True
    fold = None  # show this many rows, the rest behind a collapsed <details> (wl.fold)

    @property
    def _constructor(self):
        return Table

    def shown(self):
        """What the notebook shows: all columns when ``wide`` or when you picked columns
        yourself; else the lesson's columns (``NARROW``) with Docker's 64-hex ids cut to
        the 12 characters ``docker`` prints."""
        narrow = NARROW.get(self.table_name)
        if self.wide or narrow is None or tuple(self.columns) != COLUMNS[self.table_name]:
            return self
        frame = pd.DataFrame(self[list(narrow)])
        return frame.map(lambda v: HEX64.sub(r"\1", v) if isinstance(v, str) else v)

    def hidden(self):
        """How many columns :meth:`shown` leaves out."""
        return len(self.columns) - len(self.shown().columns)

    def empty_text(self):
        """What this table says when it has no rows (None: show the empty table)."""
        if len(self) or self.table_name not in EMPTY:
            return None
        with i18n.using(self.lang):
            return i18n.tr(EMPTY[self.table_name])

    def __repr__(self):
        if self.empty_text():
            return self.empty_text()
        max_rows = pd.get_option("display.max_rows")
        return self.shown().to_string(index=False, max_rows=max_rows, min_rows=min(10, max_rows))

    def _repr_html_(self):
        if self.empty_text():
            return f"<p class='winnetlab-empty' style='color:#1a7f37'>{html.escape(self.empty_text())}</p>"
        limit = pd.get_option("display.max_rows")
        frame = self.shown()
        shown = frame if len(frame) <= limit else frame.head(limit)
        first = self.fold if self.fold is not None and len(shown) > self.fold else None
        with i18n.using(self.lang):
            rows = "{table}: {n} row" if len(self) == 1 else "{table}: {n} rows"
            caption = i18n.tr(rows, table=i18n.caption(self.table_name), n=len(self))
            if shown is not frame:
                caption += i18n.tr(" (first {limit} shown)", limit=limit)
            if self.hidden():
                caption += i18n.tr("; {n} more columns with wide=True", n=self.hidden())
            if first is None:
                return self._styled(shown, "").set_caption(caption).to_html()
            caption += i18n.tr(" (first {n} shown; the rest below)", n=first)
            head = self._styled(shown.iloc[:first], "").set_caption(caption).to_html()
            rest = self._styled(shown.iloc[first:], "-rest").to_html()
            return head + details(more(len(shown) - first, "row"), rest)

    def _styled(self, frame, suffix):
        """The Styler of ``frame`` (a slice of :meth:`shown`): fixed id, no index, wrapped
        cells, driver names in their colour, captions in the table's language."""
        from .plot import driver_color

        styler = frame.style.set_uuid(f"wnl-{self.table_name}{suffix}").hide(axis="index")
        styler = styler.set_table_styles(
            [
                {"selector": "th", "props": "text-align: left; background: #f0f0f0; padding: 2px 8px;"},
                {
                    "selector": "td",
                    "props": "text-align: left; padding: 2px 8px; font-family: monospace; "
                    "max-width: 32em; overflow-wrap: break-word;",
                },
            ]
        )
        for column in DRIVER_COLUMNS:
            if column in frame.columns:
                styler = styler.map(
                    lambda v: f"color: {driver_color(v)}; font-weight: bold;", subset=[column]
                )
        if i18n.language() != "en":
            styler = styler.relabel_index([i18n.caption(c) for c in frame.columns], axis="columns")
        return styler


def _table(name, rows, wide=True):
    frame = Table(rows, columns=list(COLUMNS[name]))
    frame.table_name = name
    frame.lang = i18n.language()
    frame.wide = wide
    return frame


def _localized(make):
    """Accept ``lang=`` ("en", "ko"; default: ``wl.set_language``): it sets the language of
    the HTML captions only, never the column names."""

    @functools.wraps(make)
    def wrapper(*args, lang=None, **kwargs):
        with i18n.using(lang):
            return make(*args, **kwargs)

    return wrapper


def _text(value):
    return "" if value is None else str(value)


def _ip(address):
    """An IPv4Address (or None) as text, through the cached formatter of ``routing``."""
    return "" if address is None else routing.dotted(int(address))


def _host_address(host):
    """The host's address, or ``unknown`` for an imported host whose dump does not hold it."""
    return str(host.address) if host.address is not None else "unknown"


def _ip_key(address):
    """Sort key for an address (None first, then numerically)."""
    return -1 if address is None else int(address)


# --------------------------------------------------------------------------- networks


@_localized
def networks(lab_or_host: Lab | Host, wide: bool = False) -> Any:
    """One row per network of each host: Docker's name and driver, HNS's type and id."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        nets = {id(n): n for n in host.networks.values()}
        nets.update({id(n): n for n in host.hns_networks.values()})
        for net in sorted(nets.values(), key=lambda n: n.name):
            sw = host.vswitches.get(net.vswitch) if net.vswitch else None
            local = sum(1 for e in net.endpoint_ids if not host.endpoints[e].remote)
            options = "; ".join(f"{k}={v}" for k, v in sorted(net.options.items()) if k != SHIM + "hnsid")
            rows.append(
                (
                    host.name,
                    net.name,
                    net.driver,
                    net.hns_type,
                    net.id,
                    ", ".join(str(s.prefix) for s in net.subnets) or ("DHCP" if net.dhcp else ""),
                    ", ".join(str(s.gateway) for s in net.subnets if s.gateway),
                    net.vswitch or "",
                    sw.switch_type if sw else "",
                    net.adapter or "",
                    local,
                    options,
                    host.inferred.get(("network", net.name), ""),
                )
            )
    return _table("networks", rows, wide)


# --------------------------------------------------------------------------- addresses


def _local_endpoints(host):
    """(container name, endpoint, network) for every local endpoint: those of the containers
    first, then endpoints no known container owns (what an imported HNS dump holds), by name."""
    hns = host.hns_networks
    owned = set()
    for c in sorted(host.containers.values(), key=lambda c: c.name):
        for ep in host.endpoints_of(c):
            owned.add(ep.id)
            yield c.name, ep, hns.get(ep.network_id)
    orphans = (e for e in host.endpoints.values() if not e.remote and e.id not in owned)
    for ep in sorted(orphans, key=lambda e: (e.network, e.name, e.id)):
        yield ep.container or "", ep, hns.get(ep.network_id)


@_localized
def addresses(lab_or_host: Lab | Host, wide: bool = False) -> Any:
    """One row per container NIC: address, prefix, MAC, gateway, DNS, compartment."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        for c, ep, net in _local_endpoints(host):
            nic = routing.endpoint_interface(host, ep)
            address, prefix, gateway = nic if nic else (None, None, None)
            rows.append(
                (
                    host.name,
                    c,
                    ep.network,
                    net.driver if net else "",
                    ep.id,
                    _ip(address),
                    prefix.prefixlen if prefix else None,
                    ep.mac_address,
                    _ip(gateway),
                    ", ".join(map(str, ep.dns_servers)),
                    _text(ep.namespace),
                )
            )
    return _table("addresses", rows, wide)


# --------------------------------------------------------------------------- endpoints


@_localized
def endpoints(lab_or_host: Lab | Host, wide: bool = False) -> Any:
    """HNS's endpoints on each host, local and remote, with their policy types."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        hns = host.hns_networks
        eps = sorted(host.endpoints.values(), key=lambda e: (e.network, e.remote, _ip_key(e.address), e.id))
        for ep in eps:
            net = hns.get(ep.network_id)
            rows.append(
                (
                    host.name,
                    ep.id,
                    ep.name,
                    ep.network,
                    net.driver if net else "",
                    ep.container or "",
                    _ip(ep.address),
                    ep.mac_address,
                    ep.state_name,
                    bool(ep.remote),
                    _text(ep.provider_address),
                    ", ".join([P.policy_type(p) for p in ep.policies]),
                )
            )
    return _table("endpoints", rows, wide)


# --------------------------------------------------------------------------- routes


@_localized
def routes(lab_or_host: Lab | Host) -> Any:
    """Every container's ``route print`` table, then the host's own routes."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        tables = [("", routing.host_route_text(host))]
        tables += [
            (c.name, routing.container_route_text(host, c))
            for c in sorted(host.containers.values(), key=lambda c: c.name)
        ]
        name = host.name
        for owner, table in tables:
            rows += [(name, owner, *r) for r in table]
    return _table("routes", rows)


# --------------------------------------------------------------------------- policies

_VFP_LAYER = {
    "OutBoundNAT": "VFP SLB_NAT_LAYER",
    "ELB": "VFP SLB_LB_LAYER",
    "PA": "VFP VNET_ENCAP_LAYER",
    "VSID": "VFP VNET_ENCAP_LAYER",
    "ROUTE": "VFP VNET_PA_ROUTE_LAYER",
    "L2Driver": "VFP VNET_MAC_REWRITE_LAYER",
    "VLAN": "vSwitch port (VLAN)",
    "QOS": "vSwitch port (bandwidth)",
}


def enforced_by(policy, winnat=False):
    """Which component acts on ``policy`` (see module docstring); ``winnat``: the network's
    driver publishes ports through WinNAT rather than VFP."""
    if isinstance(policy, P.PortMapping):
        return WINNAT if winnat else "VFP SLB_NAT_LAYER"
    if isinstance(policy, P.Acl):
        return "Windows Firewall" if policy.rule_type.lower() == "host" else "VFP ACL_ENDPOINT_LAYER"
    if isinstance(policy, P.Unknown):
        return "not modelled"
    return _VFP_LAYER.get(policy.v1_type, "VFP")


@_localized
def policies(lab_or_host: Lab | Host) -> Any:
    """Every HNS policy: on networks, subnets, endpoints and policy lists, and who enforces it."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        hns = host.hns_networks
        for net in sorted(hns.values(), key=lambda n: n.name):
            rows += [
                (
                    host.name,
                    "network",
                    net.name,
                    P.policy_type(p),
                    enforced_by(p, of(net).winnat),
                    p.describe(),
                )
                for p in net.policies
            ]
            rows += [
                (
                    host.name,
                    "subnet",
                    f"{net.name} {s.prefix}",
                    P.policy_type(p),
                    enforced_by(p, of(net).winnat),
                    p.describe(),
                )
                for s in net.subnets
                for p in s.policies
            ]
        for c, ep, net in _local_endpoints(host):
            rows += [
                (
                    host.name,
                    "endpoint",
                    f"{c or ep.name} ({ep.network})",
                    P.policy_type(p),
                    enforced_by(p, net is not None and of(net).winnat),
                    p.describe(),
                )
                for p in ep.policies
            ]
        remote = sorted((e for e in host.endpoints.values() if e.remote), key=lambda e: (e.network, e.name))
        rows += [
            (
                host.name,
                "endpoint",
                f"remote {e.container or e.address} ({e.network})",
                P.policy_type(p),
                enforced_by(p),
                p.describe(),
            )
            for e in remote
            for p in e.policies
        ]
        for pl in sorted(host.policy_lists, key=lambda pl: (pl.service, pl.id)):
            owner = f"service {pl.service}" if pl.service else pl.id
            rows += [
                (host.name, "policylist", owner, P.policy_type(p), enforced_by(p), p.describe())
                for p in pl.policies
            ]
    return _table("policies", rows)


# --------------------------------------------------------------------------- port mappings


@_localized
def port_mappings(lab_or_host: Lab | Host) -> Any:
    """Published ports: WinNAT static mappings (nat) and VFP NAT / load-balancer rules."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        winnat = {(m.protocol, m.external_port): m for m in host.nat_mappings}
        for (protocol, port), eid in sorted(host.published.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            ep = host.endpoints.get(eid)
            if ep is None:
                continue
            mapping = winnat.get((protocol.upper(), port))
            if mapping is not None:
                rows.append(
                    (
                        host.name,
                        ep.container or "",
                        protocol.upper(),
                        mapping.external_ip,
                        port,
                        str(mapping.internal_ip),
                        mapping.internal_port,
                        WINNAT,
                    )
                )
                continue
            internal = next(
                (
                    p.internal_port
                    for p in ep.policies
                    if isinstance(p, P.PortMapping)
                    and p.protocol == protocol.upper()
                    and p.external_port == port
                ),
                port,
            )
            rows.append(
                (
                    host.name,
                    ep.container or "",
                    protocol.upper(),
                    _host_address(host),
                    port,
                    _text(ep.address),
                    internal,
                    "VFP SLB_NAT_LAYER",
                )
            )
        rows += _ingress_rows(host)
    return _table("port_mappings", rows)


def _ingress_rows(host):
    """Swarm routing mesh: an ELB policy per published port, one row per backend."""
    rows = []
    for pl in sorted(host.policy_lists, key=lambda pl: (pl.service, pl.id)):
        for p in pl.policies:
            if not isinstance(p, P.LoadBalancer) or p.ilb:
                continue
            protocol = P.lb_protocol_text(p.protocol)
            backends = [host.endpoints[e] for e in pl.references if e in host.endpoints]
            for ep in sorted(backends, key=lambda e: (e.container or "", e.id)):
                rows.append(
                    (
                        host.name,
                        ep.container or "",
                        protocol,
                        _host_address(host),
                        p.external_port,
                        _text(ep.address),
                        p.internal_port,
                        "VFP SLB_LB_LAYER (routing mesh)",
                    )
                )
    return rows


# --------------------------------------------------------------------------- vswitches, events


@_localized
def vswitches(lab_or_host: Lab | Host, wide: bool = False) -> Any:
    """Hyper-V virtual switches (``Get-VMSwitch``) with the host vNIC and the networks on each."""
    _, hosts = hosts_of(lab_or_host)
    rows = []
    for host in hosts:
        for sw in sorted(host.vswitches.values(), key=lambda s: s.name):
            vnic = host.adapters.get(sw.host_vnic) if sw.host_vnic else None
            nets = sorted(n.name for n in host.hns_networks.values() if n.vswitch == sw.name)
            rows.append(
                (
                    host.name,
                    sw.name,
                    sw.id,
                    sw.switch_type,
                    sw.adapter or "",
                    sw.host_vnic or "",
                    _text(vnic.ip_interface) if vnic else "",
                    ", ".join(nets),
                    sw.created_by,
                    host.inferred.get(("vswitch", sw.name), ""),
                )
            )
    return _table("vswitches", rows, wide)


@_localized
def events(lab_or_host: Lab | Host) -> Any:
    """The story of every operation: Docker, HNS, HCS, WinNAT, VFP, Firewall steps in order."""
    _, hosts = hosts_of(lab_or_host)
    rows = [(host.name, *e) for host in hosts for e in host.event_rows()]
    return _table("events", rows)


@_localized
def diagnose(lab_or_host: Lab | Host) -> Any:
    """``wl.diagnose``: what is wrong in the HNS state, one row per finding (see
    :mod:`winnetlab.dumps.diagnose`), findings and hints in the session's language; a healthy
    host shows "No findings: …"."""
    from ..dumps.diagnose import findings

    rows = [
        (sev, obj, i18n.speak(finding), i18n.speak(hint)) for sev, obj, finding, hint in findings(lab_or_host)
    ]
    return _table("diagnose", rows)


@_localized
def unsupported(lab_or_host: Lab | Host | None = None) -> Any:
    """Docker options Windows does not support and what the daemon does with each.

    Given a lab or host, only the rows that concern its Windows version are kept.
    """
    from ..engine.unsupported import OPTIONS

    version = hosts_of(lab_or_host)[0].profile.name if lab_or_host is not None else None
    columns = COLUMNS["unsupported"]
    return _table(
        "unsupported",
        [tuple(o.as_dict()[c] for c in columns) for o in OPTIONS if version is None or version in o.windows],
    )
