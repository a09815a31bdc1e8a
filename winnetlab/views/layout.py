"""Where each part of a host goes in the topology picture: a deterministic grid layout.

The picture reads top-down the way a packet leaves a container host, inverted: the
underlay LAN (and the VXLAN tunnels riding on it) at the top, then per host, in a frame:

* row A — physical adapters (under the LAN cable) and WinNAT;
* row B — host vNICs ``vEthernet (…)``: the NAT gateway vNIC of an Internal switch, the
  management vNIC that holds the host address once an External switch took the NIC;
* row C — the Hyper-V vSwitches, each as wide as the networks layered on it;
* row D — the HNS networks, one column each;
* then the endpoints, one card per container vNIC, stacked under their network.

A network shows at most ``CARDS_PER_COLUMN * MAX_SUBCOLUMNS`` cards; above that the last
card says ``+N more``, so a 500-container lab stays as readable as a 5-container one.
Everything is computed from the networkx graph (``winnetlab.netgraph``) in sorted order, so
the same lab always gives the same picture.  Coordinates are inches, y grows downwards.
"""

import math
import re
from dataclasses import dataclass, field

from ..engine.hyperv import vnic_inner

CARD_W, CARD_H, CARD_PITCH = 1.0, 0.6, 0.68
COLUMN_W, EMPTY_COLUMN_W = 1.12, 0.92
CARDS_PER_COLUMN, MAX_SUBCOLUMNS = 6, 2
ROW_A, ROW_B, ROW_C, ROW_D, FIRST_CARD = 0.45, 1.17, 1.73, 2.33, 3.05
BOX_H, SWITCH_H, NETWORK_H = 0.5, 0.36, 0.6
HOST_GAP, HOST_PAD, FOOTER = 0.3, 0.07, 0.42
TOP_BAND, TUNNEL_PITCH, LAN_GAP = 0.55, 0.3, 0.45
HEX_NAME = re.compile(r"^[0-9a-f]{64}$")


def short(name, length=12):
    """Docker's 64-hex HNS names shortened (to 12 characters, as ``docker network ls`` does)."""
    return name[:length] + "…" if HEX_NAME.match(name) else name


TASK_NAME = re.compile(r"^(.+\.\d+)\.[0-9a-z]{25}$")


def container_label(name, length=18):
    """A container's name as a card shows it: a swarm task ``web.1.<25-char task id>`` as
    ``web.1`` (service and slot), any other name cut to ``length`` characters."""
    task = TASK_NAME.match(name)
    if task:
        return task.group(1)
    return name if len(name) <= length else name[: length - 1] + "…"


def short_vnic(name):
    """``vEthernet (<64 hex>)`` as ``vEthernet\n(d371a39d…)``: two lines fit a card's width."""
    inner = vnic_inner(name)
    if inner is None or not HEX_NAME.match(inner):
        return name
    return f"vEthernet\n({short(inner, 8)})"


@dataclass
class Box:
    x: float  # centre
    y: float  # centre (y grows downwards)
    w: float
    h: float

    @property
    def top(self):
        return self.y - self.h / 2

    @property
    def bottom(self):
        return self.y + self.h / 2

    @property
    def left(self):
        return self.x - self.w / 2

    @property
    def right(self):
        return self.x + self.w / 2


@dataclass
class Column:
    network: str  # node id
    left: float
    width: float
    cards: list  # endpoint node ids shown
    hidden: int = 0  # endpoints grouped into "+N more"


@dataclass
class Layout:
    boxes: dict = field(default_factory=dict)  # node id -> Box
    columns: list = field(default_factory=list)
    more: list = field(default_factory=list)  # (Box, network node id, count)
    frames: dict = field(default_factory=dict)  # host -> Box
    wires: list = field(default_factory=list)  # (winnat node, target node, wire number)
    tunnels: list = field(default_factory=list)  # (tunnel network name, vni, [adapter xs], y)
    physical: Box = None  # the physical Hyper-V host under VM hosts / l2tunnel, when drawn
    lan_y: float = 0.0
    width: float = 0.0
    height: float = 0.0


def _nodes(g, host, kind):
    return sorted(n for n, d in g.nodes(data=True) if d["kind"] == kind and d["host"] == host)


def _neighbours(g, node, kind):
    return sorted(n for n in g[node] if g.nodes[n]["kind"] == kind)


def natural(text):
    """Sort key that puts ``c2`` before ``c10``."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text)]


def _cards(g, network):
    return sorted(
        (e for e in _neighbours(g, network, "endpoint") if not g.nodes[e]["remote"]),
        key=lambda e: (natural(g.nodes[e]["container"]), e),
    )


def grouped_cards(g, network):
    """(shown, grouped) local endpoints of a network: above the limit the rest is ``+N more``."""
    cards = _cards(g, network)
    limit = CARDS_PER_COLUMN * MAX_SUBCOLUMNS
    return (cards, []) if len(cards) <= limit else (cards[: limit - 1], cards[limit - 1 :])


def _column_width(count):
    if count == 0:
        return EMPTY_COLUMN_W
    return COLUMN_W * min(MAX_SUBCOLUMNS, math.ceil(count / CARDS_PER_COLUMN))


def _slots(g, host):
    """Ordered slots of a host: (kind, node, networks) with kind internal/external/adapter.

    Internal switches come first, then the slot holding the host address (its NIC or the
    External switch bound to it) so WinNAT's wire to it stays short, then the rest.
    """
    switches = _nodes(g, host, "vswitch")
    internal = [s for s in switches if g.nodes[s]["switch_type"] != "External"]
    internal.sort(key=lambda s: (g.nodes[s]["name"] != "nat", s))
    bound = {g.nodes[s]["adapter"]: s for s in switches if g.nodes[s]["switch_type"] == "External"}
    slots = [("internal", s, _neighbours(g, s, "network")) for s in internal]
    adapters = sorted(_nodes(g, host, "adapter"), key=lambda a: (not _holds_host_address(g, host, a), a))
    for adapter in adapters:
        switch = bound.get(g.nodes[adapter]["name"])
        if switch is None:
            slots.append(("adapter", adapter, []))
        else:
            slots.append(("external", switch, _neighbours(g, switch, "network")))
    placed = {node for _, node, _ in slots}
    for switch in switches:  # an imported External switch whose adapter the dump does not name
        if switch not in placed:
            slots.append(("external", switch, _neighbours(g, switch, "network")))
    loose = [n for n in _nodes(g, host, "network") if not _neighbours(g, n, "vswitch")]
    if loose:  # networks only named by an imported endpoint: no switch is drawn for them
        slots.append(("loose", None, loose))
    return slots


def _holds_host_address(g, host, adapter):
    """True for the NIC whose address the host uses, directly or through its switch's vNIC."""
    if g.has_edge(host, adapter):
        return True
    return any(
        g.has_edge(host, vnic)
        for switch in _neighbours(g, adapter, "vswitch")
        for vnic in _neighbours(g, switch, "vnic")
    )


def _place_host(g, host, x0, top, layout):
    """Place one host's boxes from ``x0``; returns the host's width and height."""
    x = x0 + HOST_PAD
    deepest = 0
    wire_level = 0
    for kind, node, networks in _slots(g, host):
        counts = [len(_cards(g, n)) for n in networks]
        widths = [_column_width(c) for c in counts]
        width = max(sum(widths), COLUMN_W)
        inner = width - 0.14
        if kind == "adapter":
            layout.boxes[node] = Box(x + width / 2, top + ROW_A, inner, BOX_H)
        elif kind != "loose":
            _place_switch(g, kind, node, x, width, top, layout)
            for winnat in _winnats(g, node):
                layout.boxes[winnat] = Box(x + width / 2, top + ROW_A, min(inner, 1.0), BOX_H)
                target = next(
                    (t for t in sorted(g[winnat]) if g.edges[winnat, t]["kind"] == "nat-external"), None
                )
                if target is not None:
                    wire_level += 1
                    layout.wires.append((winnat, target, wire_level))
        cx = x + (width - sum(widths)) / 2
        for network, _count, w in zip(networks, counts, widths):
            layout.boxes[network] = Box(cx + w / 2, top + ROW_D, w - 0.14, NETWORK_H)
            deepest = max(deepest, _place_cards(g, network, cx, top, layout))
            cx += w
        x += width
    width = x - x0 + HOST_PAD
    height = FIRST_CARD + max(deepest, 0) * CARD_PITCH - CARD_PITCH / 2 + 0.05 + FOOTER
    return width, max(height, ROW_D + NETWORK_H / 2 + 0.15 + FOOTER)


def _winnats(g, switch):
    """The WinNAT instances whose internal side is this switch's host vNIC."""
    return sorted(
        w
        for v in _neighbours(g, switch, "vnic")
        for w in _neighbours(g, v, "winnat")
        if g.edges[v, w]["kind"] == "nat-internal"
    )


def _place_switch(g, kind, switch, x, width, top, layout):
    inner = width - 0.14
    layout.boxes[switch] = Box(x + width / 2, top + ROW_C, inner, SWITCH_H)
    vnics = _neighbours(g, switch, "vnic")
    adapters = _neighbours(g, switch, "adapter")  # none: an imported switch's unnamed NIC
    if kind == "external" and adapters:
        layout.boxes[adapters[0]] = Box(x + width / 2, top + ROW_A, inner, BOX_H)
        for vnic in vnics:  # left-aligned: the binding line runs down the right edge
            layout.boxes[vnic] = Box(x + 0.07 + (inner - 0.22) / 2, top + ROW_B, inner - 0.22, BOX_H)
    else:
        for vnic in vnics:
            layout.boxes[vnic] = Box(x + width / 2, top + ROW_B, inner, BOX_H)


def _place_cards(g, network, left, top, layout):
    """Cards of one network, column by column; returns the number of card rows used."""
    shown, grouped = grouped_cards(g, network)
    hidden = len(grouped)
    width = _column_width(len(shown) + hidden)
    layout.columns.append(Column(network, left, width, shown, hidden))
    slots = len(shown) + (1 if hidden else 0)
    for i in range(slots):
        sub, row = divmod(i, CARDS_PER_COLUMN)
        box = Box(left + COLUMN_W * sub + COLUMN_W / 2, top + FIRST_CARD + row * CARD_PITCH, CARD_W, CARD_H)
        if i < len(shown):
            layout.boxes[shown[i]] = box
        else:
            layout.more.append((box, network, hidden))
    return min(slots, CARDS_PER_COLUMN)


PHYSICAL_W = 1.7


def layout(g, hosts, physical=False):
    """The :class:`Layout` of ``hosts`` (names, in order) of graph ``g``; ``physical``
    reserves room right of the hosts for the physical Hyper-V host they run on."""
    result = Layout()
    tunnels = _tunnel_rows(g)
    result.lan_y = TOP_BAND + TUNNEL_PITCH * len(tunnels) + 0.2
    top = result.lan_y + LAN_GAP
    x = 0.25
    height = 0.0
    for host in hosts:
        width, h = _place_host(g, host, x, top, result)
        result.frames[host] = Box(x + width / 2, top + h / 2, width, h)
        height = max(height, h)
        x += width + HOST_GAP
    for host in hosts:  # every frame as tall as the tallest
        frame = result.frames[host]
        result.frames[host] = Box(frame.x, top + height / 2, frame.w, height)
    for i, (name, vni, members) in enumerate(tunnels):
        xs = sorted(result.boxes[a].x for a in members if a in result.boxes)
        result.tunnels.append((name, vni, xs, TOP_BAND + TUNNEL_PITCH * i + 0.1))
    if physical:
        result.physical = Box(x + PHYSICAL_W / 2, top + ROW_A, PHYSICAL_W, BOX_H + 0.1)
        x += PHYSICAL_W + HOST_GAP
    result.width = max(x - HOST_GAP + 0.25, 6.0)
    result.height = top + height + 0.55
    return result


def _tunnel_rows(g):
    """(network, vni, adapters carrying it) for each overlay network that spans hosts."""
    rows = {}
    for t, d in sorted(g.nodes(data=True)):
        if d["kind"] != "tunnel":
            continue
        adapters = rows.setdefault(d["network"], (d["vni"], set()))[1]
        for network in _neighbours(g, t, "network"):
            for switch in _neighbours(g, network, "vswitch"):
                adapters.update(_neighbours(g, switch, "adapter"))
    return [(name, vni, sorted(adapters)) for name, (vni, adapters) in sorted(rows.items())]
