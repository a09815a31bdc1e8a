"""Pictures of Windows container networking: the HNS stack, a lab's topology, a packet walk.

Every function returns a :class:`matplotlib.figure.Figure` built directly (no pyplot, no
global state, never ``plt.show()``), so it works headless and in notebooks alike; the
figure shows itself in Jupyter through ``_repr_png_``.  Layouts are computed, never
randomised: the same lab always gives the same picture, in a size fixed by its shape.

* :func:`stack` — the management stack of a Windows container host (reference §1.2):
  orchestrator, the Docker engine with libnetwork and libcontainerd, the Host Networking
  Service (HNS) and the Host Compute Service (HCS), and below HNS the pieces it programs:
  the Hyper-V vSwitch with its VFP extension, WinNAT, Windows Firewall and the TCP/IP
  stack with its per-container compartments.  ``highlight="docker run -p"`` numbers the
  calls one operation makes.
* :func:`topology` — every host of a lab: physical NIC, vSwitches, host vNICs, WinNAT,
  networks, endpoints and containers, the underlay LAN and the VXLAN tunnels of overlays.
* :func:`network_stack` — the simple picture of one host: container vNICs on vSwitches,
  the host vNIC and the physical NIC.
* :func:`trace` — a packet walk drawn over the topology.
* :func:`save` (``.png``/``.svg``, byte-stable) and :func:`mermaid` (GitHub-renderable
  text of the topology).

The drawing functions take ``lang="ko"`` (or follow ``wl.set_language``): titles, legends
and the stack's labels and steps come from :mod:`winnetlab.i18n`; names, addresses and
everything Windows prints stay as they are.  Korean text is drawn with the font shipped in
``winnetlab/data/fonts`` (a NanumGothic subset, OFL) as a fallback after DejaVu Sans, so it
renders without tofu on any machine and English figures are unchanged byte for byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import os

    from ..engine.host import Host
    from ..engine.lab import Lab
    from ..walk.trace import Trace

import functools
import io
from pathlib import Path

from .. import i18n
from ..engine.errors import InvalidParameter
from ..engine.hyperv import vnic_inner

# one colour per Docker driver (Okabe-Ito palette: readable for colour-blind learners)
DRIVER_COLORS = {
    "nat": "#0072B2",
    "transparent": "#E69F00",
    "overlay": "#009E73",
    "l2bridge": "#CC79A7",
    "l2tunnel": "#D55E00",
    "ics": "#56B4E9",
    "internal": "#7F7F7F",
    "private": "#7F7F7F",
    "null": "#7F7F7F",
}
OTHER_DRIVER_COLOR = "#7F7F7F"
HIGHLIGHT = "#D62728"
INK = "#222222"
MUTED = "#8A8A8A"
FONT = 8


def driver_color(driver):
    """The colour a driver is drawn in (grey for drivers Docker adopts but cannot create)."""
    return DRIVER_COLORS.get(driver, OTHER_DRIVER_COLOR)


# --------------------------------------------------------------------------- figures


HANGUL_FAMILY = "Winnetlab Hangul"
FONT_DIR = Path(__file__).resolve().parent.parent / "data" / "fonts"


@functools.cache
def _register_hangul_font():
    """Make the shipped Hangul font known to matplotlib (once, on the first Korean figure)."""
    from matplotlib import font_manager

    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))


def _hangul_fallback(figure):
    """Give every text holding Korean letters the Hangul font as a per-glyph fallback."""
    from matplotlib.text import Text

    for text in figure.findobj(Text):
        families = text.get_fontfamily()
        if i18n.has_hangul(text.get_text()) and HANGUL_FAMILY not in families:
            _register_hangul_font()
            text.set_fontfamily([*families, HANGUL_FAMILY])


def _localized(draw):
    """Run a drawing function in its ``lang`` (``tr`` in its helpers follows it) and give
    the figure's Korean texts their font."""

    @functools.wraps(draw)
    def wrapper(*args, lang=None, **kwargs):
        with i18n.using(lang):
            figure = draw(*args, **kwargs)
        _hangul_fallback(figure)
        return figure

    return wrapper


class LabFigure:
    """Mixin giving a figure a PNG form for Jupyter even when pyplot was never imported."""

    def _repr_png_(self):
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


@functools.cache
def _figure_class():
    from matplotlib.figure import Figure

    return type("Figure", (LabFigure, Figure), {"__module__": __name__})


OUTPUT_PX = 1000  # the width a notebook shows a picture at: a figure renders this wide


def _canvas(width, height, scale=1.0):
    """A figure whose single axes spans it, in data units of 1 = ``scale`` inch.

    Its resolution makes the PNG ``OUTPUT_PX`` pixels wide (at least 100 dpi), so a narrow
    lab fills the notebook's width and its smallest text stays readable (>= 10 px)."""
    dpi = max(100.0, OUTPUT_PX / (width * scale))
    figure = _figure_class()(figsize=(width * scale, height * scale), dpi=dpi)
    ax = figure.add_axes((0, 0, 1, 1))
    _prepare(ax, width, height)
    return figure, ax


def _prepare(ax, width, height):
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()


def _box(
    ax,
    x,
    y,
    w,
    h,
    text,
    color=INK,
    fill="white",
    gid=None,
    size=FONT,
    weight="normal",
    linewidth=1.0,
    linestyle="-",
    rounding=0.06,
    zorder=2,
    textcolor=INK,
    family=None,
):
    """A rounded box centred on (x, y) with its label; ``gid`` names it for tests and SVG."""
    from matplotlib.patches import FancyBboxPatch

    patch = FancyBboxPatch(
        (x - w / 2, y - h / 2),
        w,
        h,
        boxstyle=f"round,pad=0,rounding_size={rounding}",
        facecolor=fill,
        edgecolor=color,
        linewidth=linewidth,
        linestyle=linestyle,
        zorder=zorder,
        gid=gid,
    )
    ax.add_artist(patch)  # limits are fixed: skip add_patch's data-limit update
    if text:
        ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=size,
            color=textcolor,
            weight=weight,
            zorder=zorder + 1,
            linespacing=1.25,
            family=family,
            gid=f"{gid}:label" if gid else None,
        )
    return patch


def _line(ax, points, color=INK, width=1.0, style="-", zorder=1, gid=None):
    xs, ys = zip(*points)
    return ax.plot(
        xs, ys, color=color, linewidth=width, linestyle=style, zorder=zorder, gid=gid, solid_capstyle="butt"
    )[0]


def _arrow(ax, start, end, color=INK, width=1.0, style="-|>", zorder=1, gid=None, alpha=1.0):
    from matplotlib.patches import FancyArrowPatch

    patch = FancyArrowPatch(
        start,
        end,
        arrowstyle=style,
        mutation_scale=10,
        color=color,
        linewidth=width,
        zorder=zorder,
        gid=gid,
        shrinkA=0,
        shrinkB=0,
        alpha=alpha,
    )
    ax.add_artist(patch)
    return patch


def _badge(ax, x, y, number, gid=None):
    """A numbered red disc marking one step of a highlighted operation."""
    from matplotlib.patches import Circle

    ax.add_artist(
        Circle((x, y), 0.13, facecolor=HIGHLIGHT, edgecolor="white", linewidth=1.0, zorder=6, gid=gid)
    )
    ax.text(x, y, str(number), ha="center", va="center", fontsize=7.5, color="white", weight="bold", zorder=7)


def _tint(color, amount=0.85):
    """``color`` mixed with white (``amount`` of white), for box fills."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


# --------------------------------------------------------------------------- stack()

# component -> (x centre, y centre, width, height, label); data units are inches
_STACK_BOXES = {
    "orchestrator": (5.0, 6.15, 9.4, 0.5, "Orchestrator\nDocker Swarm / Kubernetes"),
    "dockerd": (5.0, 5.05, 9.4, 1.25, ""),
    "api": (4.6, 4.8, 1.5, 0.5, "API server\n(docker CLI)"),
    "libcontainerd": (2.3, 4.8, 2.8, 0.5, "libcontainerd"),
    "libnetwork": (7.25, 4.8, 3.5, 0.5, "libnetwork\n(windows driver: nat, transparent, overlay…)"),
    "hcs": (2.3, 3.55, 2.8, 0.7, "Host Compute Service (HCS)\nservice vmcompute"),
    "hns": (7.1, 3.55, 3.8, 0.7, "Host Networking Service (HNS)\nservice hns"),
    "vmwp": (1.35, 2.05, 2.2, 0.6, "VMWP\n(utility VM, Hyper-V isolation)"),
    "compartment": (3.75, 2.05, 2.0, 0.6, "container compartment\n(process isolation)"),
    "winnat": (6.3, 1.7, 1.4, 0.62, "WinNAT\nNAT + static\nmappings"),
    "firewall": (7.8, 1.7, 1.4, 0.62, "Windows Firewall\nallow rules"),
    "tcpip": (9.25, 1.7, 1.3, 0.62, "TCP/IP\ncompartments,\nIPs, routes, DNS"),
    "vswitch": (5.1, 0.5, 9.2, 0.5, "Hyper-V vSwitch  +  VFP extension (ports, policies, NAT, encap)"),
}
_STACK_GROUPS = {"dockerd": "Docker engine (dockerd)"}
# (from, to) -> the polyline of the arrow between the two boxes
_STACK_LINKS = {
    ("orchestrator", "api"): ((4.6, 5.9), (4.6, 5.05)),
    ("api", "libcontainerd"): ((3.85, 4.8), (3.7, 4.8)),
    ("api", "libnetwork"): ((5.35, 4.8), (5.5, 4.8)),
    ("libcontainerd", "hcs"): ((2.3, 4.55), (2.3, 3.9)),
    ("libnetwork", "hns"): ((7.25, 4.55), (7.25, 3.9)),
    ("hcs", "vmwp"): ((1.8, 3.2), (1.35, 2.35)),
    ("hcs", "compartment"): ((2.9, 3.2), (3.75, 2.35)),
    ("hns", "winnat"): ((6.3, 3.2), (6.3, 2.01)),
    ("hns", "firewall"): ((7.8, 3.2), (7.8, 2.01)),
    ("hns", "tcpip"): ((8.75, 3.2), (9.25, 2.01)),
    ("hns", "vswitch"): ((5.45, 3.2), (5.45, 0.75)),
    ("vmwp", "vswitch"): ((1.35, 1.75), (1.35, 0.75)),
    ("compartment", "vswitch"): ((3.75, 1.75), (3.75, 0.75)),
}

# the steps every container start shares once its endpoint exists (HCS and the compartment)
_CONTAINER_START = (
    ("api", "libcontainerd", "the engine hands the container to libcontainerd"),
    ("libcontainerd", "hcs", "libcontainerd asks HCS to create the compute system"),
    ("hcs", "compartment", "HCS starts the container in its own network compartment"),
    ("compartment", "vswitch", "the endpoint is attached: the container's vNIC plugs in"),
)

# operation -> ordered steps (from, to, what happens); reference §3.2–3.4, §4.1, §10
STACK_OPERATIONS = {
    "docker network create": (
        ("api", "libnetwork", "docker network create: libnetwork calls the windows driver"),
        ("libnetwork", "hns", "the driver sends POST /networks (Type, Subnets, Policies) to HNS"),
        ("hns", "vswitch", "HNS creates or reuses the vSwitch (Internal for nat, External otherwise)"),
        ("hns", "winnat", "nat only: HNS adds a NetNat for the internal prefix"),
        ("hns", "tcpip", "nat only: the host vNIC vEthernet (nat) gets the gateway address"),
    ),
    "docker run": (
        ("api", "libnetwork", "docker run: libnetwork asks the driver for an endpoint"),
        ("libnetwork", "hns", "the driver sends POST /endpoints: HNS picks IP and MAC"),
        ("hns", "vswitch", "HNS adds a vSwitch port (and its VFP layers) for the endpoint"),
        *_CONTAINER_START,
    ),
    "docker run -p": (
        ("api", "libnetwork", "docker run -p 8080:80: libnetwork asks the driver for an endpoint"),
        ("libnetwork", "hns", "POST /endpoints with a NAT policy {InternalPort 80, ExternalPort 8080}"),
        ("hns", "vswitch", "HNS adds a vSwitch port for the endpoint (on other drivers: a VFP NAT rule)"),
        ("hns", "winnat", "nat: HNS adds a WinNAT static mapping 0.0.0.0:8080 -> IP:80"),
        ("hns", "firewall", "nat: HNS adds a Windows Firewall allow rule for port 8080"),
        *_CONTAINER_START,
    ),
    "docker network connect": (
        ("api", "libnetwork", "docker network connect: libnetwork asks for a second endpoint"),
        ("libnetwork", "hns", "POST /endpoints on the other network"),
        ("hns", "vswitch", "HNS adds a vSwitch port for it"),
        ("api", "libcontainerd", "the engine asks libcontainerd to add the endpoint"),
        ("libcontainerd", "hcs", "HCS hot-adds it (WS1709 and later; WS2016: stopped containers only)"),
        ("hcs", "compartment", "a second vNIC appears in the container's compartment"),
    ),
    "docker service create": (
        ("orchestrator", "api", "the swarm manager schedules tasks on each node's engine"),
        ("api", "libnetwork", "libnetwork joins the overlay network and creates task endpoints"),
        ("libnetwork", "hns", "endpoints plus policy lists: ILB for the VIP, ELB per published port"),
        ("hns", "vswitch", "HNS programs VFP: VXLAN encap, load balancing, OutboundNAT"),
        ("api", "libcontainerd", "the engine hands each task to libcontainerd"),
        ("libcontainerd", "hcs", "HCS starts each task container"),
        ("hcs", "compartment", "each task gets its compartment and vNIC"),
    ),
}


@_localized
def stack(highlight: str | None = None) -> Any:
    """Draw the HNS management stack; ``highlight`` numbers the calls one operation makes.

    ``highlight`` is one of :data:`STACK_OPERATIONS` (``"docker run -p"``, ``"docker run"``,
    ``"docker network create"``, ``"docker network connect"``, ``"docker service create"``)
    or None.  Docker never touches the vSwitch, WinNAT or the firewall itself: libnetwork
    asks HNS, and libcontainerd asks HCS, which is what the numbered path shows.
    ``lang="ko"`` draws the labels and steps in Korean.
    """
    steps = _stack_steps(highlight)
    rows = (len(steps) + 1) // 2
    extra = 0.35 + 0.42 * rows if steps else 0.0
    figure, ax = _canvas(10.0, 6.7 + extra)
    ax.set_ylim(-extra, 6.7)
    active = {name for a, b, _ in steps for name in (a, b)}
    for name, (x, y, w, h, label) in _STACK_BOXES.items():
        color = HIGHLIGHT if name in active else INK
        if name in _STACK_GROUPS:
            _box(ax, x, y, w, h, "", color=color, fill="#F4F4F4", gid=f"stack:{name}", zorder=0)
            ax.text(
                x - w / 2 + 0.12,
                y + h / 2 - 0.2,
                i18n.tr(_STACK_GROUPS[name]),
                fontsize=FONT + 1,
                weight="bold",
                color=color,
                va="center",
            )
            continue
        _box(
            ax,
            x,
            y,
            w,
            h,
            i18n.tr(label),
            color=color,
            fill=_tint(HIGHLIGHT, 0.9) if name in active else "white",
            gid=f"stack:{name}",
            linewidth=1.6 if name in active else 1.0,
        )
    drawn = {(a, b) for a, b, _ in steps}
    for (a, b), (start, end) in _STACK_LINKS.items():
        if (a, b) not in drawn:
            _arrow(ax, start, end, color=MUTED, gid=f"link:{a}-{b}")
    for number, (a, b, _) in enumerate(steps, 1):
        start, end = _STACK_LINKS[(a, b)]
        _arrow(ax, start, end, color=HIGHLIGHT, width=2.0, gid=f"step:{number}", zorder=5)
        t = 0.8 if (a, b) == ("hns", "vswitch") else 0.5
        x, y = start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t
        vertical = abs(start[0] - end[0]) < abs(start[1] - end[1])
        _badge(ax, x + (0.2 if vertical else 0), y + (0 if vertical else 0.3), number)
    title = i18n.tr("Windows container host: management stack")
    if steps:
        title += i18n.tr(" — what `{operation}` does", operation=highlight)
        _step_list(ax, steps, rows)
    ax.text(0.3, 6.55, title, fontsize=FONT + 3, weight="bold", va="center")
    return figure


def _stack_steps(highlight):
    if highlight is None:
        return ()
    key = " ".join(str(highlight).split())
    if key not in STACK_OPERATIONS:
        raise InvalidParameter(
            f"stack(): cannot highlight {highlight!r}; choose one of "
            + ", ".join(repr(k) for k in STACK_OPERATIONS)
        )
    return STACK_OPERATIONS[key]


def _step_list(ax, steps, rows):
    """The numbered explanation under the stack, in two columns."""
    import textwrap

    for index, (_, _, text) in enumerate(steps):
        column, row = divmod(index, rows)
        x, y = 0.55 + 4.8 * column, -0.3 - 0.42 * row
        _badge(ax, x, y, index + 1)
        ax.text(
            x + 0.22,
            y,
            "\n".join(textwrap.wrap(i18n.tr(text), 70 if i18n.language() == "en" else 52)),
            fontsize=FONT,
            va="center",
            ha="left",
            linespacing=1.25,
        )


# --------------------------------------------------------------------------- save()


def save(figure: Any, path: str | os.PathLike[str]) -> str:
    """Write ``figure`` to ``path`` (``.png`` or ``.svg``), byte-identical from run to run.

    SVG files normally carry the date and random element ids; both are fixed here, so a
    saved picture can live in git and in nbval-checked notebooks.
    """
    from pathlib import Path

    from matplotlib import rc_context

    suffix = Path(path).suffix.lower()
    if suffix == ".svg":
        with rc_context({"svg.hashsalt": "winnetlab", "svg.fonttype": "none"}):
            figure.savefig(path, format="svg", metadata={"Date": None, "Creator": "winnetlab"})
    elif suffix == ".png":
        figure.savefig(path, format="png", metadata={"Software": "winnetlab"})
    else:
        raise InvalidParameter(
            f"save(): cannot write {suffix or 'a file without extension'!r}; use a .png or .svg file name"
        )
    return Path(path)


# --------------------------------------------------------------------------- topology()

SMALL = 6.5
TINY = 6
DRIVER_ORDER = ("nat", "transparent", "overlay", "l2bridge", "l2tunnel", "ics", "internal", "private")


def _surface(ax, width, height, scale=1.0):
    """A new figure of ``width`` x ``height`` units (``scale`` inch each), or the caller's
    axes, y growing down."""
    if ax is None:
        figure, ax = _canvas(width, height, scale)
    else:
        figure = ax.figure
        _prepare(ax, width, height)
    ax.set_ylim(height, 0)
    return figure, ax


@_localized
def topology(lab_or_host: Lab | Host, ax: Any = None) -> Any:
    """Draw every host of a lab (or one host): NICs, vSwitches, vNICs, WinNAT, networks, endpoints.

    Colours follow the network driver (legend at the bottom); above 12 endpoints a network
    groups the rest into ``+N more``; overlay networks spanning hosts are drawn as VXLAN
    tunnels riding on the LAN.  What an imported host's dump only implies is dashed with a
    ``?``; a host with more than 24 networks is drawn as a summary (counts per network
    type), and no figure is wider than a page (14 in, 1,400 px).  Returns the Figure.
    """
    from .layout import layout
    from .netgraph import graph, hosts_of

    lab, hosts = hosts_of(lab_or_host)
    if ax is None and any(len(h.hns_networks) > MAX_NETWORKS_DRAWN for h in hosts):
        return _summary_figure(lab, hosts)
    g = graph(lab_or_host)
    lay = layout(g, [h.name for h in hosts], physical=_under_physical_host(g, hosts))
    figure, ax = _surface(ax, lay.width, lay.height, min(1.0, PAGE_INCHES / lay.width))
    containers = sum(1 for _, d in g.nodes(data=True) if d["kind"] == "container")
    ax.text(
        0.25,
        0.28,
        i18n.tr(
            f"{{title}}: {{hosts}} host{'s' * (len(hosts) != 1)}, "
            f"{{containers}} container{'s' * (containers != 1)}",
            title=lab.profile.title,
            hosts=len(hosts),
            containers=containers,
        ),
        fontsize=FONT + 2,
        weight="bold",
        va="center",
    )
    _draw_underlay(ax, g, lab, lay)
    for host in hosts:
        _draw_frame(ax, host, lay.frames[host.name])
    _draw_edges(ax, g, lay)
    for node, box in lay.boxes.items():
        _draw_node(ax, node, g.nodes[node], box)
    for box, network, count in lay.more:
        _box(
            ax,
            box.x,
            box.y,
            box.w,
            box.h,
            i18n.tr("+{count} more\nendpoints", count=count),
            color=driver_color(g.nodes[network]["driver"]),
            linestyle="--",
            size=SMALL,
            gid=f"more:{network}",
        )
    if lay.physical is not None:
        _draw_physical_host(ax, lay)
    _legend(ax, g, lay)
    return figure


PAGE_INCHES = 14.0  # 1,400 px at 100 dpi: no topology picture is wider
MAX_NETWORKS_DRAWN = 24  # per host; beyond this one box per network is unreadable


def _summary_figure(lab, hosts):
    """Hosts too big to draw object by object: one row per host, one box per network type
    with its count of networks and endpoints (the tables list every object)."""
    rows = []
    for host in hosts:
        groups = {}
        for net in host.hns_networks.values():
            n, e = groups.get(net.hns_type, (0, 0))
            groups[net.hns_type] = (n + 1, e + len(net.endpoint_ids))
        rows.append((host, sorted(groups.items())))
    per_row = 6
    lines = sum(1 + (len(g) - 1) // per_row for _, g in rows) or 1
    height = 0.8 + 1.0 * lines + 0.4 * len(rows)
    figure, ax = _canvas(PAGE_INCHES, height)
    ax.set_ylim(height, 0)
    ax.text(
        0.25,
        0.35,
        f"{lab.profile.title}: summary (too many objects to draw one by one; the tables list each)",
        fontsize=FONT + 2,
        weight="bold",
        va="center",
    )
    y = 0.9
    for host, groups in rows:
        address = host.address if host.address is not None else "address unknown"
        ax.text(
            0.25,
            y,
            f"{host.name}  {address}: {len(host.hns_networks):,} networks, "
            f"{len(host.endpoints):,} endpoints, {len(host.policy_lists):,} policy lists",
            fontsize=FONT,
            weight="bold",
            va="center",
            color="#444444",
        )
        y += 0.55
        for i, (hns_type, (n, e)) in enumerate(groups):
            if i and i % per_row == 0:
                y += 1.0
            color = driver_color(hns_type.lower())
            _box(
                ax,
                1.3 + 2.2 * (i % per_row),
                y,
                2.0,
                0.7,
                f"{hns_type}\n{n:,} networks\n{e:,} endpoints",
                color=color,
                fill=_tint(color, 0.8),
                size=SMALL,
                gid=f"summary:{host.name}/{hns_type}",
            )
        y += 1.0 if groups else 0.3
    return figure


def _under_physical_host(g, hosts):
    """True when the picture must show the physical Hyper-V host: a host is itself a VM, or
    an l2tunnel network hairpins every frame to the physical host's vSwitch."""
    l2tunnel = any(d["kind"] == "network" and d.get("driver") == "l2tunnel" for _, d in g.nodes(data=True))
    return l2tunnel or any(getattr(h, "is_vm", False) for h in hosts)


def _draw_physical_host(ax, lay):
    """The physical Hyper-V host the container hosts run on, beside them and on the LAN."""
    box = lay.physical
    _line(ax, [(box.x, box.top), (box.x, lay.lan_y)], color="#555555", width=1.5)
    _box(
        ax,
        box.x,
        box.y,
        box.w,
        box.h,
        "physical Hyper-V host\nvSwitch + SDN policy",
        size=SMALL,
        color="#555555",
        fill="#F4F4F4",
        linestyle="--",
        gid="physical-host",
    )


def _draw_underlay(ax, g, lab, lay):
    right = lay.width - 0.25
    if lab.imported:  # the dumps say nothing about the LAN or its router: draw neither
        _draw_tunnels(ax, lay)
        return
    _line(ax, [(0.25, lay.lan_y), (right, lay.lan_y)], color="#555555", width=3, gid="underlay:LAN")
    ax.text(
        0.3,
        lay.lan_y + 0.16,
        i18n.tr("underlay LAN {prefix}", prefix=lab.lan.prefix),
        fontsize=SMALL,
        color="#555555",
        va="center",
    )
    router_x = right - 0.65
    _line(ax, [(router_x, 0.5), (router_x, lay.lan_y)], color="#555555", width=1.5)
    _box(
        ax,
        router_x,
        0.3,
        1.3,
        0.42,
        i18n.tr("router {router}\nto the internet", router=lab.lan.router),
        size=SMALL,
        fill="#F4F4F4",
        gid="router",
    )
    _draw_tunnels(ax, lay)


def _draw_tunnels(ax, lay):
    for name, vni, xs, y in lay.tunnels:
        color = driver_color("overlay")
        if len(xs) > 1:
            _line(ax, [(xs[0], y), (xs[-1], y)], color=color, width=1.6, style="--", gid=f"tunnel:{name}")
        for x in xs:
            _line(ax, [(x, y), (x, lay.lan_y)], color=color, width=1.0, style=":")
        ax.text(
            xs[0] + 0.06,
            y - 0.07,
            f"VXLAN {name}: VNI {vni}, UDP 4789",
            fontsize=SMALL,
            color=color,
            va="bottom",
        )


def _draw_frame(ax, host, frame):
    _box(
        ax,
        frame.x,
        frame.y,
        frame.w,
        frame.h,
        "",
        color="#9A9A9A",
        fill="#FBFBFB",
        zorder=0,
        gid=f"host:{host.name}",
        rounding=0.1,
    )
    ax.text(
        frame.left + 0.12,
        frame.bottom - 0.2,
        f"{host.name}  {host.address if host.address is not None else 'address unknown'}"
        + (f"  ·  {host.profile.title}" if frame.w > 3.6 else ""),  # narrow: the title says it
        fontsize=FONT,
        weight="bold",
        va="center",
        color="#444444",
    )


def _node_text(data):
    from .layout import short, short_vnic

    kind = data["kind"]
    if kind == "adapter":
        return "\n".join(x for x in (data["name"], data["ip"], data["mac"]) if x)
    if kind == "vnic":
        return "\n".join(x for x in (short_vnic(data["name"]), data["ip"]) if x)
    if kind == "winnat":
        mappings = data["mappings"]
        return f"WinNAT\n{data['internal_prefix']}" + (
            i18n.tr(f"\n{{n}} static mapping{'s' * (mappings != 1)}", n=mappings) if mappings else ""
        )
    if kind == "vswitch":
        return f"vSwitch {short(data['name'], 8)}\n{data['switch_type']}"
    if kind == "network":
        tag = "VSID" if data["driver"] == "l2tunnel" else "VNI"  # l2tunnel: the SDN virtual subnet id
        extra = f"\n{tag} {data['vsid']}" if data["vsid"] else ""
        return f"{data['name']}\n{data['driver']}\n{data['subnet'] or 'no subnet'}{extra}"
    return "\n".join(x for x in (data["ip"] or "(DHCP)", data["mac"], data["ports"]) if x)


def _draw_node(ax, node, data, box):
    kind = data["kind"]
    color = driver_color(data.get("driver", ""))
    styles = {
        "adapter": dict(color="#333333", fill="#E8E8E8"),
        "vnic": dict(color="#555555", fill="white"),
        "winnat": dict(color=driver_color("nat"), fill=_tint(driver_color("nat"), 0.8)),
        "vswitch": dict(color="#555555", fill="#EDEDED"),
        "network": dict(color=color, fill=_tint(color, 0.8), linewidth=1.4),
        "endpoint": dict(color=color, fill="white"),
    }
    if kind not in styles:
        return
    text = _node_text(data)
    if data.get("inferred"):  # implied by the dump, not in it: dashed, with a "?"
        styles[kind]["linestyle"] = "--"
        text = text.replace("\n", " ?\n", 1) if "\n" in text else text + " ?"
    if kind == "endpoint":
        _box(ax, box.x, box.y, box.w, box.h, "", gid=f"endpoint:{node}", **styles[kind])
        from .layout import container_label

        ax.text(
            box.x,
            box.top + 0.1,
            container_label(data["container"]),
            ha="center",
            va="center",
            fontsize=SMALL,
            weight="bold",
            gid=f"container:{data['host']}/{data['container']}",
            zorder=3,
        )
        ax.text(
            box.x,
            box.top + 0.19,
            text,
            ha="center",
            va="top",
            fontsize=TINY,
            zorder=3,
            linespacing=1.15,
            color="#333333",
        )
        return
    _box(ax, box.x, box.y, box.w, box.h, text, size=TINY, gid=f"{kind}:{node}", **styles[kind])


def _draw_edges(ax, g, lay):
    boxes = lay.boxes
    for u, v, data in sorted(g.edges(data=True)):
        kind = data["kind"]
        if u not in boxes or v not in boxes:
            if kind == "cable" and (u in boxes or v in boxes):
                a = boxes[u if u in boxes else v]
                _line(ax, [(a.x, a.top), (a.x, lay.lan_y)], color="#555555", width=1.2)
            continue
        a, b = (boxes[u], boxes[v]) if boxes[u].y <= boxes[v].y else (boxes[v], boxes[u])
        if kind == "binding":
            x = b.right - 0.08
            _line(ax, [(x, a.bottom), (x, b.top)], color="#333333", width=1.4)
        elif kind in ("port", "layered", "nat-internal"):
            _line(ax, [(b.x, a.bottom), (b.x, b.top)], color="#555555")
    for winnat, target, number in lay.wires:
        w, t = boxes[winnat], boxes[target]
        y = w.bottom + 0.06 * number
        x = t.left + 0.04 + 0.08 * number
        end_y = t.bottom if t.bottom < y else t.top
        points = [(w.right - 0.12, w.bottom), (w.right - 0.12, y), (x, y), (x, end_y)]
        _line(ax, points, color=driver_color("nat"), width=1.2, gid=f"wire:{winnat}")
    for column in lay.columns:
        _draw_bus(ax, g, column, boxes)


def _draw_bus(ax, g, column, boxes):
    """The network's 'bus': a line down each card column with a stub to every card."""
    from .layout import CARDS_PER_COLUMN, COLUMN_W

    net = boxes[column.network]
    color = driver_color(g.nodes[column.network]["driver"])
    cards = [boxes[c] for c in column.cards]
    count = len(cards) + (1 if column.hidden else 0)
    for sub in range((count + CARDS_PER_COLUMN - 1) // CARDS_PER_COLUMN):
        members = cards[sub * CARDS_PER_COLUMN : (sub + 1) * CARDS_PER_COLUMN]
        if not members:
            continue
        x = column.left + COLUMN_W * sub + COLUMN_W / 2
        _line(ax, [(x, net.bottom), (x, members[-1].y)], color=color, width=1.4)


def _legend(ax, g, lay):
    from matplotlib.patches import Patch

    drivers = {d["driver"] for _, d in g.nodes(data=True) if d["kind"] == "network"}
    ordered = [d for d in DRIVER_ORDER if d in drivers] + sorted(drivers - set(DRIVER_ORDER))
    handles = [
        Patch(facecolor=_tint(driver_color(d), 0.8), edgecolor=driver_color(d), label=d) for d in ordered
    ]
    if handles:
        legend = ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.2 / lay.width, 0.0),
            ncol=len(handles),
            frameon=False,
            fontsize=FONT,
            title=i18n.tr("network driver:"),
            title_fontsize=FONT,
            alignment="left",
            handlelength=1.2,
            columnspacing=1.2,
        )
        legend.set_gid("legend")


# --------------------------------------------------------------------------- trace()


def _hop_node(g, hop, lay):
    """The topology box a hop of a packet walk belongs to (None for route tables, DNS…)."""
    host, component = hop.host, hop.component
    if host == "LAN":
        return "router" if component.startswith("router") else "LAN"
    if host == "internet":
        return "router"
    if host == "physical-host":
        return "physical-host" if lay.physical is not None else None
    quoted = component.split("'")[1] if component.count("'") >= 2 else None
    if component.startswith("vSwitch") and quoted:
        return _existing(lay, f"{host}/vswitch/{quoted}")
    if component.startswith("physical adapter") and quoted:
        return _existing(lay, f"{host}/adapter/{quoted}")
    if component == "WinNAT":
        return next((n for n in sorted(lay.boxes) if n.startswith(f"{host}/winnat/")), None)
    if vnic_inner(component) is not None:
        vnic = _existing(lay, f"{host}/vnic/{component}")
        # a container's vNIC: the sender's card on the way out, the receiver's on the way in
        mine = (hop.dst_ip,) if hop.action in ("receive", "deliver") else (hop.src_ip,)
        return vnic or _card(g, lay, host, None, mine) or _card(g, lay, host, None, (hop.src_ip, hop.dst_ip))
    if component.startswith("container "):
        return _card(g, lay, host, component[len("container ") :], (hop.src_ip, hop.dst_ip))
    return None


def _point_box(node, lay, previous):
    """A zero-size box for the LAN (under the previous hop) or the router, to draw arrows to."""
    from .layout import Box

    if node == "router":
        return Box(lay.width - 0.9, 0.3, 1.3, 0.42)
    if node == "physical-host":
        return lay.physical
    return Box(previous.x if previous else lay.width / 2, lay.lan_y, 0.0, 0.0)


def _existing(lay, node):
    return node if node in lay.boxes else None


def _card(g, lay, host, container, addresses):
    """The endpoint card on ``host`` of ``container`` (any, if None) holding one of ``addresses``."""
    cards = [
        n
        for n in sorted(lay.boxes)
        if n.startswith(f"{host}/endpoint/") and (container is None or g.nodes[n]["container"] == container)
    ]
    return next(
        (n for n in cards if g.nodes[n]["ip"] in addresses), cards[0] if container and cards else None
    )


@_localized
def trace(walk: Trace, lab: Lab | None = None) -> Any:
    """Draw a packet walk (``lab.trace(...)``) over the lab's topology.

    The boxes the packet crosses get a red outline and a numbered badge in the order it
    reaches them (VFP layers, route tables and firewall checks happen inside the boxes
    and are listed in ``walk.to_frame()``); the verdict and its reason are written below.
    ``lab`` defaults to ``walk.lab`` when the walk carries its lab.
    """
    from .layout import layout
    from .netgraph import graph

    lab = lab if lab is not None else getattr(walk, "lab", None)
    if lab is None or not hasattr(walk, "hops"):
        raise InvalidParameter("plot.trace(walk, lab): pass a Trace from lab.trace(...) and its lab")
    g = graph(lab)
    lay = layout(g, list(lab.hosts), physical=_under_physical_host(g, lab.hosts.values()))
    figure = topology(lab)
    ax = figure.axes[0]
    visited = []
    for hop in walk.hops:
        node = _hop_node(g, hop, lay)
        if node is not None and (not visited or visited[-1] != node):
            visited.append(node)
    boxes, seen = [], {}
    for number, node in enumerate(visited, 1):
        box = lay.boxes.get(node) or _point_box(node, lay, boxes[-1] if boxes else None)
        if node in lay.boxes:
            _box(
                ax,
                box.x,
                box.y,
                box.w + 0.06,
                box.h + 0.06,
                "",
                color=HIGHLIGHT,
                fill="none",
                linewidth=2.2,
                zorder=5,
                gid=f"path:{number}:{node}",
            )
        again = seen.get(node, 0)  # a box passed twice: the second badge on its other corner
        seen[node] = again + 1
        x = box.right + 0.04 if again == 1 else box.left - 0.04 + 0.3 * max(0, again - 1)
        _badge(ax, x, box.top - 0.06, number, gid=f"badge:{number}")  # on the corner, off the label
        boxes.append(box)
    for a, b in zip(boxes, boxes[1:]):
        _arrow(ax, *_arrow_ends(a, b), color=HIGHLIGHT, width=1.6, zorder=4, alpha=0.6)
    color = "#1a7f37" if walk.verdict == "delivered" else HIGHLIGHT
    ax.text(
        lay.width - 0.25,
        lay.height - 0.3,
        f"{walk.title()}\n{walk.reason}",
        ha="right",
        va="center",
        fontsize=FONT,
        color=color,
        weight="bold",
        wrap=True,
    )
    return figure


def _arrow_ends(a, b):
    """Where the arrow from box ``a`` to box ``b`` runs: between boxes stacked in a column,
    up along their right edges and down along their left edges (labels sit in the middle,
    and the way back never covers the way out); between boxes side by side, from edge to
    edge (offset up going right, down going left)."""
    if max(a.left, b.left) <= min(a.right, b.right):
        if b.y < a.y:
            x = min(a.right, b.right) - 0.1
            return (x, a.top), (x, b.bottom)
        x = max(a.left, b.left) + 0.1
        return (x, a.bottom), (x, b.top)
    if b.x > a.x:
        return (a.right, a.y - 0.08), (b.left, b.y - 0.08)
    return (a.left, a.y + 0.08), (b.right, b.y + 0.08)


# --------------------------------------------------------------------------- mermaid()

_MERMAID_SHAPES = {
    "adapter": '["{}"]',
    "vnic": '("{}")',
    "winnat": '{{"{}"}}',
    "vswitch": '[["{}"]]',
    "network": '[/"{}"/]',
    "endpoint": '("{}")',
    "underlay": '[("{}")]',
    "tunnel": '>"{}"]',
}
_MERMAID_EDGES = {"cable": "---", "binding": "===", "vxlan": "-.-"}


def mermaid(lab_or_host: Lab | Host) -> str:
    """The topology as Mermaid flowchart text (renders in GitHub Markdown inside ```mermaid).

    One subgraph per host; container cards carry the container name, IP and MAC; networks
    are styled per driver; above 12 endpoints a network shows ``+N more``.
    """
    from .layout import grouped_cards, short, short_vnic
    from .netgraph import graph, hosts_of

    _, hosts = hosts_of(lab_or_host)
    g = graph(lab_or_host)
    hidden = {
        e: n for n, d in sorted(g.nodes(data=True)) if d["kind"] == "network" for e in grouped_cards(g, n)[1]
    }
    keep = [
        n
        for n, d in sorted(g.nodes(data=True))
        if d["kind"] not in ("host", "container") and not d.get("remote") and n not in hidden
    ]
    ids = {n: f"n{i}" for i, n in enumerate(keep)}

    def label(n):
        d = g.nodes[n]
        if d["kind"] == "endpoint":
            text = "\n".join(x for x in (d["container"], d["ip"], d["mac"], d["ports"]) if x)
        elif d["kind"] == "vnic":
            text = short_vnic(d["name"]).replace("\n", " ") + (f"\n{d['ip']}" if d["ip"] else "")
        elif d["kind"] == "vswitch":
            text = f"vSwitch {short(d['name'])}\n{d['switch_type']}"
        else:
            text = d["label"]
        return text.replace('"', "#quot;").replace("\n", "<br>")

    def node(n):
        return ids[n] + _MERMAID_SHAPES[g.nodes[n]["kind"]].format(label(n))

    lines = ["flowchart TB"]
    lines += [f"  {node(n)}" for n in keep if g.nodes[n]["host"] == ""]
    for host in hosts:
        address = host.address if host.address is not None else "address unknown"
        lines.append(f'  subgraph {host.name}["{host.name} {address}"]')
        lines += [f"    {node(n)}" for n in keep if g.nodes[n]["host"] == host.name]
        for network in sorted(set(hidden.values())):
            if g.nodes[network]["host"] == host.name:
                count = sum(1 for v in hidden.values() if v == network)
                lines.append(f'    {ids[network]}_more("+{count} more endpoints")')
        lines.append("  end")
    for u, v, d in sorted(g.edges(data=True)):
        if u in ids and v in ids:
            lines.append(f"  {ids[u]} {_MERMAID_EDGES.get(d['kind'], '---')} {ids[v]}")
    lines += [f"  {ids[n]} --- {ids[n]}_more" for n in sorted(set(hidden.values()))]
    drivers = sorted(
        {d["driver"] for n, d in g.nodes(data=True) if n in ids and d["kind"] in ("network", "endpoint")}
    )
    for driver in drivers:
        color = driver_color(driver)
        fill = "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in _tint(color, 0.8)))
        lines.append(f"  classDef {driver} fill:{fill},stroke:{color}")
        members = [
            ids[n]
            for n in ids
            if g.nodes[n].get("driver") == driver and g.nodes[n]["kind"] in ("network", "endpoint")
        ]
        lines.append(f"  class {','.join(members)} {driver}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- network_stack()


@_localized
def network_stack(host: Host) -> Any:
    """The simple network stack of one host: container vNICs on vSwitches, host vNICs, NICs.

    Containers (each in its own network compartment) sit on top with one vNIC per endpoint;
    each vSwitch is a bar; the host's default compartment on the right holds the host
    vNICs (the nat gateway, the management vNIC of an External switch) and WinNAT; the
    physical NICs at the bottom connect External switches to the LAN.
    """
    from .layout import CARDS_PER_COLUMN, MAX_SUBCOLUMNS, short, short_vnic
    from .netgraph import graph, hosts_of

    lab, hosts = hosts_of(host)
    if len(hosts) != 1 or hosts[0] is not host:
        raise InvalidParameter("network_stack() draws one host: pass lab.host(name)")
    g = graph(host)
    nodes = {
        kind: [n for n, d in sorted(g.nodes(data=True)) if d["kind"] == kind and d["host"] == host.name]
        for kind in ("container", "vswitch", "vnic", "adapter", "winnat")
    }
    limit = CARDS_PER_COLUMN * MAX_SUBCOLUMNS
    containers = nodes["container"][: limit - 1] if len(nodes["container"]) > limit else nodes["container"]
    switches = nodes["vswitch"]
    left_w = max(len(containers) + (len(containers) < len(nodes["container"])), 1) * 1.3
    width = 0.3 + left_w + 2.6
    height = 2.2 + 0.6 * len(switches) + 1.5
    figure, ax = _surface(None, width, height)
    title = i18n.tr("{host}: network stack", host=host.name)
    ax.text(0.3, 0.25, title, fontsize=FONT + 2, weight="bold", va="center")
    bar_y = {s: 2.1 + 0.6 * i for i, s in enumerate(switches)}
    host_x = 0.3 + left_w + 1.3
    for s in switches:
        d = g.nodes[s]
        _line(ax, [(0.3, bar_y[s]), (host_x - 0.6, bar_y[s])], color="#777777", width=7, zorder=1)
        ax.text(
            0.32,
            bar_y[s] - 0.17,
            f"vSwitch {short(d['name'])} ({d['switch_type']})",
            fontsize=TINY,
            va="center",
            gid=f"vswitch:{s}",
        )
    for i, c in enumerate(containers):
        x = 0.3 + 1.3 * i + 0.62
        _box(ax, x, 0.95, 1.15, 0.9, "", color="#555555", fill="#F7F7F7", gid=f"container:{c}")
        ax.text(x, 0.62, g.nodes[c]["name"], ha="center", fontsize=SMALL, weight="bold", va="center")
        endpoints = sorted(e for e in g[c] if g.nodes[e]["kind"] == "endpoint")
        for j, e in enumerate(endpoints):
            ex = x - 0.27 * (len(endpoints) - 1) + 0.54 * j
            d = g.nodes[e]
            network = next(n for n in g[e] if g.nodes[n]["kind"] == "network")
            switch = next((s for s in g[network] if g.nodes[s]["kind"] == "vswitch"), None)
            color = driver_color(d["driver"])
            _box(
                ax,
                ex,
                1.18,
                0.5,
                0.28,
                "vNIC",
                color=color,
                fill=_tint(color, 0.8),
                size=TINY,
                gid=f"vnic:{e}",
            )
            ax.text(ex, 0.88, d["ip"], ha="center", va="center", fontsize=TINY - 0.5)
            if switch in bar_y:
                _line(ax, [(ex, 1.32), (ex, bar_y[switch])], color=color, width=1.2, zorder=0)
    if len(containers) < len(nodes["container"]):
        x = 0.3 + 1.3 * len(containers) + 0.62
        _box(
            ax,
            x,
            0.95,
            1.15,
            0.9,
            i18n.tr("+{count} more\ncontainers", count=len(nodes["container"]) - len(containers)),
            linestyle="--",
            size=SMALL,
            gid="more:containers",
        )
    frame_top = 0.5
    frame_bottom = height - 1.1
    _box(
        ax,
        host_x,
        (frame_top + frame_bottom) / 2,
        2.3,
        frame_bottom - frame_top,
        "",
        color="#9A9A9A",
        fill="#FBFBFB",
        zorder=0,
        gid="host:stack",
    )
    ax.text(
        host_x,
        frame_top + 0.18,
        i18n.tr("host (default compartment)"),
        ha="center",
        fontsize=SMALL,
        weight="bold",
    )
    for s in switches:
        for v in sorted(n for n in g[s] if g.nodes[n]["kind"] == "vnic"):
            d = g.nodes[v]
            _box(
                ax,
                host_x,
                bar_y[s],
                2.0,
                0.42,
                short_vnic(d["name"]).replace("\n", " ") + f"\n{d['ip']}",
                size=TINY,
                gid=f"hostvnic:{v}",
            )
            _line(ax, [(host_x - 1.0, bar_y[s]), (host_x - 0.6, bar_y[s])], color="#777777", width=2)
    for w in nodes["winnat"]:
        _box(
            ax,
            host_x,
            frame_top + 0.55,
            1.4,
            0.4,
            f"WinNAT {g.nodes[w]['internal_prefix']}",
            size=TINY,
            color=driver_color("nat"),
            fill=_tint(driver_color("nat"), 0.8),
            gid=f"winnat:{w}",
        )
    lan_y = height - 0.35
    _line(ax, [(0.3, lan_y), (width - 0.3, lan_y)], color="#555555", width=3, gid="underlay:LAN")
    ax.text(0.32, lan_y - 0.14, f"LAN {lab.lan.prefix}", fontsize=TINY, va="center")
    for i, a in enumerate(nodes["adapter"]):
        d = g.nodes[a]
        x = 0.3 + 1.5 * i + 0.7
        y = height - 0.85
        _box(
            ax,
            x,
            y,
            1.3,
            0.42,
            f"NIC {d['name']}\n{d['ip'] or d['mac']}",
            size=TINY,
            fill="#E8E8E8",
            gid=f"adapter:{a}",
        )
        _line(ax, [(x, y + 0.21), (x, lan_y)], color="#555555", width=1.2)
        for s in (n for n in g[a] if g.nodes[n]["kind"] == "vswitch"):
            _line(ax, [(x + 0.5, y - 0.21), (x + 0.5, bar_y[s])], color="#333333", width=1.4)
    return figure
