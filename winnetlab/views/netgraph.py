"""The lab as a networkx graph: what is plugged into what, on every host.

``wl.graph(lab_or_host)`` returns an undirected :class:`networkx.Graph` whose nodes carry
``kind`` — one of :data:`NODE_KINDS` — and whose edges carry ``kind`` — one of
:data:`EDGE_KINDS`.  The graph follows the data path of a Windows container host:

* a **container** has one **endpoint** (HNS endpoint = vNIC) per network it joined
  (edge ``nic``); the endpoint is a ``member`` of its HNS **network**;
* a network is ``layered`` on a Hyper-V **vswitch**: Internal for ``nat``, External
  (``binding`` to a physical **adapter**) for transparent, l2bridge, l2tunnel, overlay;
* a switch with a host vNIC (``vEthernet (<switch>)``) has a ``port`` to that **vnic**;
  the host's TCP/IP stack (node kind **host**) holds an address on the adapters and vNICs
  linked to it by ``tcpip`` edges;
* **winnat** sits between the internal vNIC of a nat network (``nat-internal``) and the
  interface holding the host address (``nat-external``);
* physical adapters are cabled to the **underlay** LAN (``cable``); an overlay network
  that spans hosts is joined to the same network on the other host by a VXLAN **tunnel**
  node (edges ``vxlan``) that carries the VNI and both provider addresses.

Nodes of an imported host that the dump implies but does not hold (a vSwitch, its vNIC, a
network only named by an endpoint) carry the reason in ``inferred`` (``""`` otherwise);
an imported host's unknown address is ``""``, and so are the LAN's prefix and router.

Remote endpoints of overlay networks (HNS's record of a container on another host) are
``endpoint`` nodes with ``remote=True`` joined by a ``remote`` edge.  Node ids are stable
strings (``"host1/network/nat"``), every node has ``label`` and ``host`` (``""`` for the
LAN and tunnels), so ``nx.shortest_path(g, "host1/container/web", "LAN")`` answers "which
way does web's traffic leave?".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine.host import Host
    from ..engine.lab import Lab

from ..engine.drivers import of
from ..engine.policies import PortMapping

NODE_KINDS = (
    "host",
    "adapter",
    "vswitch",
    "vnic",
    "winnat",
    "network",
    "endpoint",
    "container",
    "underlay",
    "tunnel",
)
EDGE_KINDS = (
    "cable",
    "tcpip",
    "binding",
    "port",
    "nat-internal",
    "nat-external",
    "layered",
    "member",
    "remote",
    "nic",
    "vxlan",
)
UNDERLAY = "LAN"


def node_id(host, kind, name):
    """The id of a host's node: ``"host1/network/nat"`` (hosts are just ``"host1"``)."""
    return host if kind == "host" else f"{host}/{kind}/{name}"


def hosts_of(lab_or_host):
    """(lab, hosts) for a Lab or a single Host; anything else is refused in plain words."""
    from ..engine.errors import InvalidParameter

    if hasattr(lab_or_host, "hosts") and hasattr(lab_or_host, "lan"):
        return lab_or_host, list(lab_or_host.hosts.values())
    if hasattr(lab_or_host, "lab") and hasattr(lab_or_host, "hns_networks"):
        return lab_or_host.lab, [lab_or_host]
    raise InvalidParameter(f"expected a winnetlab Lab or Host, got {type(lab_or_host).__name__}")


def graph(lab_or_host: Lab | Host) -> Any:
    """The networkx graph of a lab (every host, the LAN, VXLAN tunnels) or of one host."""
    import networkx as nx

    lab, hosts = hosts_of(lab_or_host)
    g = nx.Graph(name=f"winnetlab {lab.profile.name}")
    known = not lab.imported  # a lab read from dumps does not know its LAN or router
    g.add_node(
        UNDERLAY,
        kind="underlay",
        host="",
        label=f"LAN {lab.lan.prefix}" if known else "LAN (unknown)",
        prefix=str(lab.lan.prefix) if known else "",
        router=str(lab.lan.router) if known else "",
    )
    for host in hosts:
        _add_host(g, host)
    if len(hosts) > 1:
        _add_tunnels(g, hosts)
    return g


def _addr(host):
    return str(host.address) if host.address is not None else ""


def _ip(adapter):
    return str(adapter.ip_interface) if adapter.ip_interface is not None else ""


def _add_host(g, host):
    h = host.name
    address = str(host.address) if host.address is not None else ""
    g.add_node(
        h,
        kind="host",
        host=h,
        label=f"{h}\n{address or 'address unknown'}",
        address=address,
        windows=host.profile.name,
    )
    external_if = None
    for adapter in sorted(host.adapters.values(), key=lambda a: a.if_index):
        kind = "adapter" if adapter.physical else "vnic"
        nid = node_id(h, kind, adapter.name)
        g.add_node(
            nid,
            kind=kind,
            host=h,
            name=adapter.name,
            ip=_ip(adapter),
            mac=adapter.mac_address,
            description=adapter.description,
            vswitch=adapter.vswitch or "",
            inferred=host.inferred.get((kind, adapter.name), ""),
            label="\n".join(x for x in (adapter.name, _ip(adapter), adapter.mac_address) if x),
        )
        if adapter.physical:
            g.add_edge(UNDERLAY, nid, kind="cable")
        if adapter.ip_interface is not None:
            g.add_edge(h, nid, kind="tcpip")
            if adapter.gateway is not None and external_if is None:
                external_if = nid
    for sw in sorted(host.vswitches.values(), key=lambda s: s.name):
        nid = node_id(h, "vswitch", sw.name)
        g.add_node(
            nid,
            kind="vswitch",
            host=h,
            name=sw.name,
            switch_type=sw.switch_type,
            adapter=sw.adapter or "",
            created_by=sw.created_by,
            inferred=host.inferred.get(("vswitch", sw.name), ""),
            label=f"vSwitch {sw.name}\n({sw.switch_type})",
        )
        if sw.adapter:
            g.add_edge(node_id(h, "adapter", sw.adapter), nid, kind="binding")
        if sw.host_vnic:
            g.add_edge(nid, node_id(h, "vnic", sw.host_vnic), kind="port")
    _add_winnat(g, host, external_if)
    _add_networks(g, host)


def _add_winnat(g, host, external_if):
    for nat in sorted(host.nat, key=lambda n: n.name):
        nid = node_id(host.name, "winnat", nat.name)
        mappings = sum(1 for m in host.nat_mappings if m.nat_name == nat.name)
        g.add_node(
            nid,
            kind="winnat",
            host=host.name,
            name=nat.name,
            internal_prefix=str(nat.internal_prefix),
            gateway=str(nat.gateway),
            mappings=mappings,
            label=f"WinNAT\n{nat.internal_prefix}",
        )
        net = host.hns_networks.get(nat.network_id)
        sw = host.vswitches.get(net.vswitch) if net is not None else None
        if sw is not None and sw.host_vnic:
            g.add_edge(node_id(host.name, "vnic", sw.host_vnic), nid, kind="nat-internal")
        if external_if is not None:
            g.add_edge(nid, external_if, kind="nat-external")


def _subnet_text(net):
    return ", ".join(str(s.prefix) for s in net.subnets) or ("DHCP" if net.dhcp else "")


def _network_node(host, net):
    """``host/network/<name>``; a name that several HNS networks share (merged real dumps)
    gets the start of the HNS id so that the networks stay apart."""
    twins = sum(1 for n in host.hns_networks.values() if n.name == net.name) > 1
    return node_id(host.name, "network", f"{net.name}#{net.id[:8]}" if twins else net.name)


def _add_networks(g, host):
    h = host.name
    for net in sorted(host.hns_networks.values(), key=lambda n: n.name):
        nid = _network_node(host, net)
        g.add_node(
            nid,
            kind="network",
            host=h,
            name=net.name,
            driver=net.driver,
            hns_type=net.hns_type,
            hns_id=net.id,
            subnet=_subnet_text(net),
            vsid=net.vsid,
            inferred=host.inferred.get(("network", net.name), ""),
            label=f"{net.name} ({net.driver})\n{_subnet_text(net)}".rstrip(),
        )
        if net.vswitch in host.vswitches:
            g.add_edge(node_id(h, "vswitch", net.vswitch), nid, kind="layered")
        for eid in net.endpoint_ids:
            _add_endpoint(g, host, net, host.endpoints[eid])


def _add_endpoint(g, host, net, ep):
    h = host.name
    nid = node_id(h, "endpoint", ep.id)
    address = str(ep.address) if ep.address is not None else ""
    ports = ", ".join(
        f"{p.external_port}->{p.internal_port}/{p.protocol.lower()}"
        for p in ep.policies
        if isinstance(p, PortMapping)
    )
    g.add_node(
        nid,
        kind="endpoint",
        host=h,
        name=ep.name,
        network=net.name,
        driver=net.driver,
        ip=address,
        mac=ep.mac_address,
        container=ep.container or "",
        remote=bool(ep.remote),
        ports=ports,
        label="\n".join(x for x in (address, ep.mac_address, ports) if x),
    )
    if ep.remote:
        g.add_edge(_network_node(host, net), nid, kind="remote")
        return
    g.add_edge(_network_node(host, net), nid, kind="member")
    if ep.container and ep.container in host.containers:
        c = host.containers[ep.container]
        cid = node_id(h, "container", c.name)
        if cid not in g:
            g.add_node(
                cid,
                kind="container",
                host=h,
                name=c.name,
                image=c.image,
                state=c.state,
                isolation=c.isolation,
                service=c.service,
                label=c.name,
            )
        g.add_edge(nid, cid, kind="nic")


def _add_tunnels(g, hosts):
    """One VXLAN tunnel node per overlay network per pair of hosts that both carry it."""
    overlays = {}
    for host in hosts:
        for net in host.hns_networks.values():
            if of(net).encapsulates:
                overlays.setdefault(net.name, []).append((host, net))
    for name in sorted(overlays):
        members = overlays[name]
        for i, (a, net_a) in enumerate(members):
            for b, net_b in members[i + 1 :]:
                tid = f"tunnel/{name}/{a.name}-{b.name}"
                g.add_node(
                    tid,
                    kind="tunnel",
                    host="",
                    network=name,
                    vni=net_a.vsid,
                    endpoints=(_addr(a), _addr(b)),
                    label=f"VXLAN VNI {net_a.vsid}\n{_addr(a) or '?'} <-> {_addr(b) or '?'}",
                )
                g.add_edge(_network_node(a, net_a), tid, kind="vxlan")
                g.add_edge(tid, _network_node(b, net_b), kind="vxlan")
