"""Pictures of Windows container networking: the HNS stack, a lab's topology, a packet walk.

Every function returns a :class:`matplotlib.figure.Figure` built directly (no pyplot, no
global state, never ``plt.show()``), so it works headless and in notebooks alike; the
figure shows itself in Jupyter through ``_repr_png_``.  Layouts are computed, never
randomised: the same lab always gives the same picture, in a size fixed by its shape.

* :func:`stack` — the management stack of a Windows container host (reference §1.2):
  orchestrator, the Docker engine with libnetwork and libcontainerd, the Host Network
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
"""

import functools
import io

from .errors import InvalidParameter

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

class LabFigure:
    """Mixin giving a figure a PNG form for Jupyter even when pyplot was never imported."""

    def _repr_png_(self):
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


@functools.cache
def _figure_class():
    from matplotlib.figure import Figure
    return type("Figure", (LabFigure, Figure), {"__module__": Figure.__module__})


def _canvas(width, height, scale=1.0):
    """A figure whose single axes spans it, in data units of 1 = ``scale`` inch."""
    figure = _figure_class()(figsize=(width * scale, height * scale), dpi=100)
    ax = figure.add_axes((0, 0, 1, 1))
    _prepare(ax, width, height)
    return figure, ax


def _prepare(ax, width, height):
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()


def _box(ax, x, y, w, h, text, color=INK, fill="white", gid=None, size=FONT, weight="normal",
         linewidth=1.0, linestyle="-", rounding=0.06, zorder=2, textcolor=INK, family=None):
    """A rounded box centred on (x, y) with its label; ``gid`` names it for tests and SVG."""
    from matplotlib.patches import FancyBboxPatch
    patch = FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                           boxstyle=f"round,pad=0,rounding_size={rounding}",
                           facecolor=fill, edgecolor=color, linewidth=linewidth,
                           linestyle=linestyle, zorder=zorder, gid=gid)
    ax.add_patch(patch)
    if text:
        ax.text(x, y, text, ha="center", va="center", fontsize=size, color=textcolor,
                weight=weight, zorder=zorder + 1, linespacing=1.25, family=family,
                gid=f"{gid}:label" if gid else None)
    return patch


def _line(ax, points, color=INK, width=1.0, style="-", zorder=1, gid=None):
    xs, ys = zip(*points)
    return ax.plot(xs, ys, color=color, linewidth=width, linestyle=style, zorder=zorder,
                   gid=gid, solid_capstyle="butt")[0]


def _arrow(ax, start, end, color=INK, width=1.0, style="-|>", zorder=1, gid=None, dashed=False):
    from matplotlib.patches import FancyArrowPatch
    patch = FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=10, color=color,
                            linewidth=width, linestyle="--" if dashed else "-", zorder=zorder,
                            gid=gid, shrinkA=0, shrinkB=0)
    ax.add_patch(patch)
    return patch


def _badge(ax, x, y, number, gid=None):
    """A numbered red disc marking one step of a highlighted operation."""
    from matplotlib.patches import Circle
    ax.add_patch(Circle((x, y), 0.13, facecolor=HIGHLIGHT, edgecolor="white", linewidth=1.0,
                        zorder=6, gid=gid))
    ax.text(x, y, str(number), ha="center", va="center", fontsize=7, color="white",
            weight="bold", zorder=7)


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
    "hns": (7.1, 3.55, 3.8, 0.7, "Host Network Service (HNS)\nservice hns"),
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
        ("api", "libcontainerd", "the engine hands the container to libcontainerd"),
        ("libcontainerd", "hcs", "libcontainerd asks HCS to create the compute system"),
        ("hcs", "compartment", "HCS starts the container in its own network compartment"),
        ("compartment", "vswitch", "the endpoint is attached: the container's vNIC plugs in"),
    ),
    "docker run -p": (
        ("api", "libnetwork", "docker run -p 8080:80: libnetwork asks the driver for an endpoint"),
        ("libnetwork", "hns", "POST /endpoints with a NAT policy {InternalPort 80, ExternalPort 8080}"),
        ("hns", "vswitch", "HNS adds a vSwitch port for the endpoint (on other drivers: a VFP NAT rule)"),
        ("hns", "winnat", "nat: HNS adds a WinNAT static mapping 0.0.0.0:8080 -> IP:80"),
        ("hns", "firewall", "nat: HNS adds a Windows Firewall allow rule for port 8080"),
        ("api", "libcontainerd", "the engine hands the container to libcontainerd"),
        ("libcontainerd", "hcs", "libcontainerd asks HCS to create the compute system"),
        ("hcs", "compartment", "HCS starts the container in its own network compartment"),
        ("compartment", "vswitch", "the endpoint is attached: the container's vNIC plugs in"),
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


def stack(highlight=None):
    """Draw the HNS management stack; ``highlight`` numbers the calls one operation makes.

    ``highlight`` is one of :data:`STACK_OPERATIONS` (``"docker run -p"``, ``"docker run"``,
    ``"docker network create"``, ``"docker network connect"``, ``"docker service create"``)
    or None.  Docker never touches the vSwitch, WinNAT or the firewall itself: libnetwork
    asks HNS, and libcontainerd asks HCS, which is what the numbered path shows.
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
            ax.text(x - w / 2 + 0.12, y + h / 2 - 0.2, _STACK_GROUPS[name], fontsize=FONT + 1,
                    weight="bold", color=color, va="center")
            continue
        _box(ax, x, y, w, h, label, color=color, fill=_tint(HIGHLIGHT, 0.9) if name in active
             else "white", gid=f"stack:{name}", linewidth=1.6 if name in active else 1.0)
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
    title = "Windows container host: management stack"
    if steps:
        title += f" — what `{highlight}` does"
        _step_list(ax, steps, rows)
    ax.text(0.3, 6.55, title, fontsize=FONT + 3, weight="bold", va="center")
    return figure


def _stack_steps(highlight):
    if highlight is None:
        return ()
    key = " ".join(str(highlight).split())
    if key not in STACK_OPERATIONS:
        raise InvalidParameter(f"stack(): cannot highlight {highlight!r}; choose one of "
                               + ", ".join(repr(k) for k in STACK_OPERATIONS))
    return STACK_OPERATIONS[key]


def _step_list(ax, steps, rows):
    """The numbered explanation under the stack, in two columns."""
    import textwrap
    for index, (_, _, text) in enumerate(steps):
        column, row = divmod(index, rows)
        x, y = 0.55 + 4.8 * column, -0.3 - 0.42 * row
        _badge(ax, x, y, index + 1)
        ax.text(x + 0.22, y, "\n".join(textwrap.wrap(text, 70)), fontsize=FONT, va="center",
                ha="left", linespacing=1.25)


# --------------------------------------------------------------------------- save()

def save(figure, path):
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
        raise InvalidParameter(f"save(): cannot write {suffix or 'a file without extension'!r}; "
                               "use a .png or .svg file name")
    return Path(path)
