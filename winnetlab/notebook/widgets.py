"""ipywidgets front-ends: build networks with a form, walk packets, compare the five drivers.

The widgets are thin: a form turns into the same ``docker …`` command lines a learner would
type on a Windows container host, those lines run through ``lab.docker`` (which validates
and then commits, so a mistake leaves the lab as it was and prints the daemon's message),
and the tabs below the form re-render the lab with ``wl.plot`` and ``wl.tables``.  Every
piece that decides something — the command plan, the HTML of a table, the PNG of a figure,
the driver comparison — is a plain function that tests call without a browser.

No Output widget is used anywhere: pictures are ``Image`` widgets holding PNG bytes and
tables are ``HTML`` widgets, so a notebook re-run shows the same state and nbval has
nothing to trip over.

Every widget takes ``lang="ko"`` (default: ``wl.set_language``): :func:`localize` turns its
labels, buttons, placeholders and tab titles into the words of :mod:`winnetlab.i18n`, and its
messages, tables and pictures are made in that language.  The commands and what the daemon
answers stay as Windows prints them.
"""

import copy
import html
import io
import ipaddress
import weakref
from dataclasses import dataclass

import ipywidgets as W

from .. import i18n
from ..engine.drivers import DRIVERS as ENGINE_DRIVERS
from ..engine.drivers import driver as get_driver
from ..engine.drivers.base import SHIM, VXLANID_LIST, Driver
from ..engine.errors import InvalidParameter, WinNetLabError
from ..engine.lab import Lab
from ..fronts.docker_format import swarm_token

DRIVERS = tuple(ENGINE_DRIVERS)  # the form offers every driver of the engine
IMAGE = "mcr.microsoft.com/windows/servercore/iis"

# The settings each driver really has (reference §4), in form order.
DRIVER_FIELDS = {
    "nat": ("name", "subnet", "gateway"),
    "transparent": ("name", "adapter", "dhcp", "subnet", "gateway", "vlan"),
    "overlay": ("name", "subnet", "vni", "swarm_hosts"),
    "l2bridge": ("name", "adapter", "subnet", "gateway", "outboundnat", "exceptions", "vlan"),
    "l2tunnel": ("name", "adapter", "subnet", "gateway", "vsid"),
}
# Form defaults per driver: the values of the reference's own examples where it has them.
DRIVER_DEFAULTS = {
    "nat": {"name": "mynat", "subnet": "10.10.0.0/24", "gateway": "10.10.0.1", "publish": "8080:80"},
    "transparent": {
        "name": "mytransparent",
        "dhcp": True,
        "subnet": "",
        "gateway": "",
        "vlan": 0,
        "publish": "",
    },
    "overlay": {"name": "myoverlay", "subnet": "10.244.0.0/24", "vni": 0, "swarm_hosts": 2, "publish": ""},
    "l2bridge": {
        "name": "myl2bridge",
        "subnet": "10.244.1.0/24",
        "gateway": "10.244.1.1",
        "outboundnat": True,
        "exceptions": "",
        "vlan": 0,
        "publish": "8080:80",
    },
    "l2tunnel": {
        "name": "myl2tunnel",
        "subnet": "10.244.2.0/24",
        "gateway": "10.244.2.1",
        "vsid": 5001,
        "publish": "",
    },
}
DEFAULT_CONTAINERS = 2
# The builder's status lines (wl.i18n.MESSAGES has them in Korean).
READY = "Ready: Create runs {n} commands for the {driver} network {name!r}."
NO_ADAPTER = "No adapter of {host} is free for a {driver} network (vSwitches on {busy}); Create is off."
ADD_ADAPTER = (
    'Add one in a cell: lab.host().add_adapter("{name}") (the form picks it up), '
    "or remove the network that holds the adapter (docker network rm …)."
)
TOOK_BACK = (
    "Create took back its {n} earlier command(s) (see Commands): the lab is as it was. "
    "Change the setting the error names and press Create again."
)


def full_width():
    """A layout as wide as the box around it: no side margins (a widget's default 2 px margin
    on a 100 % width made the builder 4 px wider than the notebook column)."""
    return W.Layout(width="100%", margin="2px 0")


def fits():
    """A picture at most as wide as the box around it, margins included."""
    return W.Layout(max_width="100%", margin="2px 0")


TABS = ("topology", "addresses", "routes", "policies", "commands")  # the builder's tabs, in order
HOP_COLUMNS = ("host", "component", "action", "detail", "rule")  # the rest: trace.to_frame()


@dataclass(frozen=True)
class Step:
    """One line of the plan: a ``docker`` command on a host, or a lab call (``kind="lab"``)."""

    host: str
    command: str
    kind: str = "docker"
    creates: tuple = ()  # ("network" | "container", name): what Reset must remove

    @property
    def prompt(self):
        """How the transcript shows the step: a PowerShell prompt line, or a Python comment."""
        if self.kind == "lab":
            return f"# {self.command}"
        return f"[{self.host}]: PS C:\\> docker {self.command}"


def require_lab(lab, widget):
    """The lab itself, or the error a learner needs when they passed something else."""
    if not isinstance(lab, Lab):
        raise InvalidParameter(
            f"{widget}(lab): lab must be a winnetlab Lab (wl.Lab() or "
            f"wl.load_hns(...)), not {type(lab).__name__}"
        )
    return lab


# ----------------------------------------------------------------------------- the plan


def quote(value):
    """Quote a value for the docker command line when it holds spaces or commas."""
    text = str(value)
    return f'"{text}"' if any(c in text for c in ' ,"') else text


def publish_flags(spec, index):
    """``-p`` flags for the ``index``-th container: host ports count up from the form's value.

    One host port can map to one endpoint only (WinNAT and VFP alike), so the second
    container of "8080:80" publishes 8081:80.  Specs without a host port ("80") let the
    daemon pick one; anything unusual is passed through for the daemon to judge.
    """
    flags = []
    for item in (s.strip() for s in spec.split(",")):
        if not item:
            continue
        host_port, sep, rest = item.partition(":")
        if sep and host_port.isdigit() and index:
            item = f"{int(host_port) + index}:{rest}"
        flags.append(f"-p {item}")
    return flags


def network_command(settings):
    """The ``docker network create`` line for the form's driver and settings."""
    driver = settings["driver"]
    s = {k: settings[k] for k in DRIVER_FIELDS.get(driver, ()) if k in settings}  # the driver's own
    drv = ENGINE_DRIVERS.get(driver, Driver())
    parts = [f"network create -d {driver}"]
    if drv.swarm_scoped:
        parts.append("--attachable")
    static = not (drv.dhcp_without_subnet and s.get("dhcp"))
    for flag in ("subnet", "gateway"):
        if static and s.get(flag, "").strip():
            parts.append(f"--{flag} {quote(s[flag].strip())}")
    if s.get("adapter"):
        parts.append(f"-o {SHIM}interface={quote(s['adapter'])}")
    if s.get("vlan"):
        parts.append(f"-o {SHIM}vlanid={s['vlan']}")
    if s.get("outboundnat"):
        parts.append(f"-o {SHIM}enable_outboundnat=true")
        if s.get("exceptions", "").strip():
            parts.append(f"-o {SHIM}outboundnat_exceptions={quote(s['exceptions'].replace(' ', ''))}")
    if s.get("vsid"):
        parts.append(f"-o {SHIM}vsid={s['vsid']}")
    if s.get("vni"):
        parts.append(f"-o {VXLANID_LIST}={s['vni']}")
    parts.append(quote(s["name"]))
    return " ".join(parts)


def swarm_steps(lab, wanted_hosts):
    """Steps that give the lab ``wanted_hosts`` hosts, all in one swarm (overlay needs it).

    Returns the steps and the hosts to use, the swarm manager first (overlay networks are
    created on a manager).
    """
    steps = []
    names = list(lab.hosts)
    for n in range(len(names) + 1, wanted_hosts + 1):
        names.append(f"host{n}")
        steps.append(Step(f"host{n}", f'lab.add_host("host{n}")  # another Windows host on the LAN', "lab"))
    names = names[:wanted_hosts]
    if lab.swarm is None:
        manager, members = names[0], set()
        steps.append(Step(manager, f"swarm init --advertise-addr {lab.host(manager).address}"))
    else:
        manager, members = lab.swarm.manager, set(lab.swarm.nodes)
    address = lab.host(manager).address
    for name in names:
        if name not in members and name != manager:
            steps.append(Step(name, f"swarm join --token {swarm_token(lab)} {address}:2377"))
    return steps, [manager] + [n for n in names if n != manager]


def plan(lab, settings):
    """Every step one press of Create performs, in order (also what the transcript shows)."""
    hosts = [next(iter(lab.hosts))]
    steps = []
    if settings["driver"] == "overlay":
        steps, hosts = swarm_steps(lab, max(1, int(settings.get("swarm_hosts", 1))))
    name = settings["name"]
    steps.append(Step(hosts[0], network_command(settings), creates=("network", name)))
    for i in range(int(settings.get("containers", 0))):
        container = f"{name}-{i + 1}"
        flags = [
            f"--name {quote(container)}",
            f"--network {quote(name)}",
            *publish_flags(settings.get("publish", ""), i),
        ]
        steps.append(
            Step(hosts[i % len(hosts)], f"run -d {' '.join(flags)} {IMAGE}", creates=("container", container))
        )
    return steps


def run_step(lab, step):
    """Run one step on the lab; return (ok, transcript text)."""
    if step.kind == "lab":
        lab.add_host(step.host)
        return True, step.prompt
    result = lab.docker(step.command, host=step.host)
    return result.ok, f"{step.prompt}\n{result.output}".rstrip()


# ----------------------------------------------------------------------------- rendering


def localize(widget, lang):
    """Translate the texts a learner reads on ``widget`` and everything inside it (labels,
    button captions, placeholders, tab and accordion titles); values are never touched."""
    if i18n.resolve(lang) == "en":
        return widget
    for attribute in ("description", "placeholder"):
        text = getattr(widget, attribute, None)
        if isinstance(text, str) and text:
            setattr(widget, attribute, i18n.tr(text, lang))
    if isinstance(widget, (W.Tab, W.Accordion)):
        widget.titles = tuple(i18n.tr(t, lang) for t in widget.titles)
    for child in getattr(widget, "children", ()):
        localize(child, lang)
    return widget


def figure_png(fig):
    """PNG bytes of a matplotlib figure at its own fixed size (``wl.plot`` figures are not
    registered with pyplot, so there is nothing to close)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def topology_png(lab):
    """The lab's topology picture as PNG bytes."""
    from ..views import plot

    return figure_png(plot.topology(lab))


def table_html(frame, empty="(nothing yet)"):
    """A DataFrame as scrollable HTML (its own styled HTML when it has one)."""
    if frame is None or len(frame) == 0:
        return f"<p><i>{html.escape(i18n.tr(empty))}</i></p>"
    body = frame._repr_html_() if hasattr(frame, "_repr_html_") else frame.to_html()
    return f'<div style="max-height:320px;overflow:auto">{body}</div>'


def transcript_html(lines):
    """The transcript as a monospace block, newest at the bottom and scrolled into view (a
    ``column-reverse`` scroll box starts at its end, with no script)."""
    text = "\n\n".join(lines) if lines else i18n.tr("# the docker commands of each Create appear here")
    return (
        '<div style="max-height:320px;overflow:auto;display:flex;flex-direction:column-reverse">'
        '<pre style="font-family:Consolas,monospace;font-size:12px;white-space:pre-wrap;margin:0">'
        f"{html.escape(text)}</pre></div>"
    )


def message_html(text, ok):
    """The one-line status under the buttons: green when it worked, red with the daemon's words."""
    color = "#1a7f37" if ok else "#cf222e"
    return (
        f'<pre style="color:{color};white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;margin:0;'
        f'line-height:1.35">{html.escape(text)}</pre>'
    )


def lab_tables(lab):
    """The three tables the builder shows, as HTML: addresses (the columns that fit a
    notebook; ``wl.tables.addresses(lab, wide=True)`` shows them all), routes, policies."""
    from ..views import tables

    return {
        "addresses": table_html(tables.addresses(lab)),
        "routes": table_html(tables.routes(lab)),
        "policies": table_html(tables.policies(lab), "(no policies)"),
    }


# ----------------------------------------------------------------------------- NetworkBuilder


def physical_adapters(lab):
    """Names of the first host's physical adapters (what an external vSwitch can bind to)."""
    return sorted(a.name for a in lab.host().adapters.values() if a.physical)


def default_adapter(lab):
    """The adapter HNS binds when ``docker network create`` names none: the first physical NIC
    (None for an imported host whose dumps name no NIC)."""
    return next((a.name for a in lab.host().adapters.values() if a.physical), None)


def taken_prefixes(lab):
    """Every prefix a new network must not overlap: the LAN and all subnets on all hosts."""
    taken = [lab.lan.prefix]
    for host in lab.hosts.values():
        taken += [s.prefix for n in host.hns_networks.values() for s in n.subnets]
    return taken


def free_subnet(lab, subnet):
    """``subnet``, or the next block of its size that overlaps nothing in the lab."""
    block = ipaddress.ip_network(subnet)
    taken = taken_prefixes(lab)
    while any(block.overlaps(t) for t in taken):
        block = ipaddress.ip_network(f"{block.network_address + block.num_addresses}/{block.prefixlen}")
    return block


def free_name(lab, base, containers):
    """``base``, or ``base2``, ``base3``…: a network name no host uses, whose containers'
    names (``<name>-1``…) are free too."""
    networks = {n for host in lab.hosts.values() for n in host.networks}
    if lab.swarm is not None:
        networks |= set(lab.swarm.networks)
    for n in range(1, 1000):
        name = base if n == 1 else f"{base}{n}"
        if name not in networks and not any(
            lab.container_name_taken(f"{name}-{i}") for i in range(1, containers + 1)
        ):
            return name
    raise InvalidParameter(f"no free network name left for {base}")


def free_publish(lab, spec, containers):
    """The publish spec with its host port moved up until ``containers`` ports in a row
    (one per container, see :func:`publish_flags`) are free on every host."""
    host_port, sep, rest = spec.partition(":")
    if not (sep and host_port.isdigit()):
        return spec
    used = {port for host in lab.hosts.values() for (_, port) in host.published}
    port = int(host_port)
    while any(port + i in used for i in range(max(1, containers))):
        port += 1
    return f"{port}:{rest}"


def fresh_defaults(lab, driver, containers=DEFAULT_CONTAINERS):
    """The driver's form defaults made valid for the lab as it is now: the next free name,
    host port and subnet (the reference's example values when they are free)."""
    values = dict(DRIVER_DEFAULTS[driver])
    values["name"] = free_name(lab, values["name"], containers)
    if values.get("subnet"):
        block = free_subnet(lab, values["subnet"])
        values["subnet"] = str(block)
        if values.get("gateway"):
            values["gateway"] = str(block.network_address + 1)
    values["publish"] = free_publish(lab, values["publish"], containers)
    return values


def rehearse(lab, settings):
    """Run the plan on a copy of the lab: ``None`` when every step works, else the failing
    step's output.  The lab itself is untouched (the copy is thrown away)."""
    rehearsal = copy.deepcopy(lab)
    for step in plan(rehearsal, settings):
        ok, text = run_step(rehearsal, step)
        if not ok:
            return text
    return None


def output_of(text):
    """The daemon's answer in a transcript entry (the text after the prompt line)."""
    return text.partition("\n")[2] or text


def undo(step):
    """The command that takes one done step back, as a learner would type it (``None``
    when the step left nothing behind that Create can remove)."""
    if step.creates[:1] == ("container",):
        return Step(step.host, f"rm -f {quote(step.creates[1])}")
    if step.creates[:1] == ("network",):
        return Step(step.host, f"network rm {quote(step.creates[1])}")
    if step.command.startswith("swarm init"):
        return Step(step.host, "swarm leave --force")
    if step.command.startswith("swarm join"):
        return Step(step.host, "swarm leave")
    return None


def field_widget(name, lab):
    """The input widget for one driver setting."""
    style = {"description_width": "170px"}
    layout = W.Layout(width="440px")
    if name == "adapter":
        widget = W.Dropdown(options=physical_adapters(lab), description="adapter", style=style, layout=layout)
    elif name in ("dhcp", "outboundnat"):
        label = {"dhcp": "DHCP from the LAN", "outboundnat": "OutboundNAT (SNAT to the host)"}[name]
        widget = W.Checkbox(description=label, indent=False, layout=layout)
    elif name in ("vlan", "vni", "vsid", "swarm_hosts"):
        low, high, label = {
            "vlan": (0, 4094, "VLAN (0 = none)"),
            "vni": (0, 16777215, "VNI (0: swarm picks)"),
            "vsid": (1, 16777215, "VSID"),
            "swarm_hosts": (1, 4, "hosts in the swarm"),
        }[name]
        widget = W.BoundedIntText(min=low, max=high, description=label, style=style, layout=layout)
    else:
        label = {"exceptions": "OutboundNAT exceptions"}.get(name, name)
        widget = W.Text(
            description=label,
            style=style,
            layout=layout,
            placeholder={"subnet": "HNS picks one when empty", "exceptions": "CIDRs, comma-separated"}.get(
                name, ""
            ),
        )
    widget.add_class(f"winnetlab-field-{name}")
    return widget


def lab_version(lab):
    """A cheap fingerprint that changes whenever the lab does (hosts, their event logs, swarm)."""
    swarm = None if lab.swarm is None else (tuple(lab.swarm.nodes), tuple(lab.swarm.networks))
    return tuple((name, host.event_count()) for name, host in lab.hosts.items()), swarm


class NetworkBuilder(W.VBox):
    """A form that builds a Docker network on Windows and shows what it became.

    Pick a driver; the form offers exactly that driver's settings, filled with values that
    work on the lab as it is now (the next free name, host port, subnet and adapter; they
    move on after each Create and whenever a cell changes the lab, unless you typed your
    own).  Create runs the equivalent ``docker`` commands on the lab (shown in the Commands
    tab, so the form also teaches the CLI) — all of them or none: when one fails, the
    commands already done are taken back with ``docker rm -f`` / ``docker network rm`` /
    ``docker swarm leave``, as you would type them.  Reset removes the containers and
    networks this builder created (hosts it added and swarm memberships stay).  The tabs
    show the topology picture and the address, route and policy tables.

    Simplification: hosts a failed overlay Create added stay in the lab (a real machine is
    not un-installed either); only what Docker made is taken back.
    """

    def __init__(self, lab: Lab | None = None, driver: str = "nat", lang: str | None = None) -> None:
        get_driver(driver)  # an unknown driver: the daemon's "plugin not found"
        self.lang = i18n.resolve(lang)
        self.lab = Lab() if lab is None else require_lab(lab, "NetworkBuilder")
        self.created_networks, self.created_containers, self.transcript = [], [], []
        self.offered = {}  # setting -> the default last put in the form
        self.drawn = None  # lab_version() the picture and tables show
        self.stale = set()  # tables to redraw when their tab is opened
        self.driver = W.Dropdown(options=DRIVERS, value=driver, description="driver")
        self.fields = {
            name: field_widget(name, self.lab)
            for name in sorted({f for fs in DRIVER_FIELDS.values() for f in fs})
        }
        self.containers = W.BoundedIntText(min=0, max=20, value=DEFAULT_CONTAINERS, description="containers")
        self.publish = W.Text(description="publish (-p)", placeholder="8080:80, 4430:443")
        self.publish.add_class("winnetlab-field-publish")
        self.create = W.Button(description="Create", button_style="primary", icon="plus")
        self.reset = W.Button(description="Reset", icon="undo")
        self.message = W.HTML(layout=full_width())
        self.message.add_class("winnetlab-message")
        self.picture = W.Image(format="png", layout=fits())
        picture_box = W.Box([self.picture])
        picture_box.add_class("winnetlab-topology")
        self.tables = {name: W.HTML() for name in ("addresses", "routes", "policies")}
        for name, widget in self.tables.items():
            widget.add_class(f"winnetlab-{name}")
        self.commands = W.HTML()
        self.commands.add_class("winnetlab-commands")
        self.tabs = W.Tab(
            children=[picture_box, *self.tables.values(), self.commands],
            titles=("Topology", "Addresses", "Routes", "Policies", "Commands"),
        )
        self.form = W.VBox()
        super().__init__(
            [
                self.driver,
                self.form,
                W.HBox([self.containers, self.publish]),
                W.HBox([self.create, self.reset]),
                self.message,
                self.tabs,
            ]
        )
        self.add_class("winnetlab-builder")
        self.driver.observe(lambda change: self.show_driver(change["new"]), names="value")
        for name in ("dhcp", "outboundnat"):
            self.fields[name].observe(lambda _: self.update_enabled(), names="value")
        self.tabs.observe(lambda _: self.draw_tables(), names="selected_index")
        self.create.on_click(lambda _: self.on_create())
        self.reset.on_click(lambda _: self.on_reset())
        self.show_driver(driver)
        self.refresh()
        for widget in (self, *self.fields.values()):  # fields of other drivers are hidden now
            localize(widget, self.lang)
        follow_the_kernel(self)

    def __repr__(self):
        # what a saved notebook shows until the cell runs again (widget state is not saved)
        return f"NetworkBuilder (driver {self.driver.value}): run this cell to show the form"

    def _repr_mimebundle_(self, **kwargs):
        self.catch_up()  # shown again in a later cell: the lab as it is now
        return super()._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------------ the form's values

    def show_driver(self, driver):
        """Show the driver's own settings, filled with defaults that work on the lab now."""
        self.offered = {}
        self.form.children = [self.fields[name] for name in DRIVER_FIELDS[driver]]
        self.offer_defaults()

    def offer_defaults(self):
        """Put this moment's valid defaults into every setting the learner has not changed,
        then enable Create (or disable it and say why and what to do)."""
        driver = self.driver.value
        values = fresh_defaults(self.lab, driver, self.containers.value)
        widgets = {name: self.fields[name] for name in DRIVER_FIELDS[driver]} | {"publish": self.publish}
        for name, widget in widgets.items():
            if name in values and widget.value == self.offered.get(name, widget.value):
                widget.value = values[name]
                self.offered[name] = values[name]
        self.update_enabled()
        if "adapter" in DRIVER_FIELDS[driver]:
            problem = self.pick_adapter()
            self.create.disabled = problem is not None
        else:
            failure = rehearse(self.lab, self.settings())
            problem = failure and (
                f"{output_of(failure)}\n"
                + i18n.tr("These values would fail here: change them first.", self.lang)
            )
            self.create.disabled = False
        self.message.value = (
            message_html(problem, False) if problem else message_html(self.ready_line(), True)
        )

    def pick_adapter(self):
        """Choose the first adapter on which the plan works (``None``), or explain that no
        adapter is left."""
        adapter = self.fields["adapter"]
        current = adapter.value
        adapter.options = physical_adapters(self.lab)
        keep = (
            current
            if current in adapter.options and current != self.offered.get("adapter", current)
            else None
        )
        candidates = [keep] if keep else list(adapter.options)
        failure = None
        for name in candidates:
            adapter.value = name
            failure = rehearse(self.lab, self.settings())
            if failure is None:
                if keep is None:
                    self.offered["adapter"] = name
                return None
        if keep:
            return None  # the learner's own choice: Create shows the daemon's answer
        if adapter.options:
            adapter.value = current if current in adapter.options else adapter.options[0]
            self.offered["adapter"] = adapter.value  # still the form's value, not the learner's
        host = self.lab.host()
        busy = ", ".join(
            f"{a.name}: {a.vswitch[:12]}" for a in host.adapters.values() if a.physical and a.vswitch
        )
        return (
            i18n.tr(NO_ADAPTER, self.lang, host=host.name, driver=self.driver.value, busy=busy or "-")
            + "\n"
            + i18n.tr(ADD_ADAPTER, self.lang, name=f"Ethernet {len(adapter.options) + 1}")
        )

    def ready_line(self):
        """The status line when Create is ready: what it is about to do."""
        settings = self.settings()
        steps = plan(self.lab, settings)
        return i18n.tr(READY, self.lang, n=len(steps), driver=settings["driver"], name=settings["name"])

    def update_enabled(self):
        """Grey out settings that the other settings make meaningless (as the CLI ignores them):
        subnet and gateway under DHCP, the exception list without OutboundNAT."""
        transparent_dhcp = self.driver.value == "transparent" and self.fields["dhcp"].value
        self.fields["subnet"].disabled = self.fields["gateway"].disabled = transparent_dhcp
        self.fields["exceptions"].disabled = not self.fields["outboundnat"].value

    def settings(self):
        """The form as a plain dict (what :func:`plan` takes).  l2bridge and l2tunnel name
        the adapter only when it is not the one HNS binds anyway."""
        driver = self.driver.value
        values = {name: self.fields[name].value for name in DRIVER_FIELDS[driver]}
        implied = values.get("adapter") == default_adapter(self.lab)
        if implied and driver != "transparent":  # only transparent must name its adapter
            values["adapter"] = ""
        return {
            "driver": driver,
            **values,
            "containers": self.containers.value,
            "publish": self.publish.value,
        }

    # ------------------------------------------------------------------ the buttons

    def on_create(self):
        """Run the plan step by step; at the first failure take back what was done, show the
        daemon's words and say what to do."""
        done, failure = [], None
        for step in plan(self.lab, self.settings()):
            ok, text = run_step(self.lab, step)
            self.transcript.append(text)
            if not ok:
                failure = text
                if self.left_behind(step):
                    done.append(step)
                break
            done.append(step)
        name = self.settings()["name"]
        if failure is None:
            for step in done:
                self.remember(step)
            self.offered = {}  # the next Create gets fresh defaults
            self.refresh()
            self.offer_defaults()
            created = i18n.tr("Created network {name!r}.", self.lang, name=name)
            following = i18n.tr("The form now offers the next free values.", self.lang)
            self.message.value = message_html(f"{created} {following}", True)
            return
        undone = self.take_back(done)
        self.refresh()
        self.message.value = message_html(
            f"{output_of(failure)}\n" + i18n.tr(TOOK_BACK, self.lang, n=undone),
            False,
        )

    def take_back(self, done):
        """Undo the done steps, newest first, through the commands a learner would type."""
        undos = [u for u in (undo(step) for step in reversed(done)) if u is not None]
        if undos:
            self.transcript.append("# Create failed: taking back its commands")
        for step in undos:
            self.transcript.append(run_step(self.lab, step)[1])
        return len(undos)

    def left_behind(self, step):
        """A failed ``docker run`` still leaves its container in the Created state."""
        if step.creates[:1] != ("container",):
            return False
        try:
            self.lab.find_container(step.creates[1])
        except WinNetLabError:
            return False
        return True

    def remember(self, step):
        """Record what a step created, so Reset can remove it."""
        if step.creates:
            kind, name = step.creates
            created = self.created_networks if kind == "network" else self.created_containers
            created.append((step.host, name))

    def on_reset(self):
        """Remove the containers and networks this builder created, then restore the form."""
        steps = [Step(host, f"rm -f {quote(name)}") for host, name in reversed(self.created_containers)]
        steps += [Step(host, f"network rm {quote(name)}") for host, name in reversed(self.created_networks)]
        for step in steps:
            self.transcript.append(run_step(self.lab, step)[1])
        self.created_networks.clear()
        self.created_containers.clear()
        self.containers.value = DEFAULT_CONTAINERS
        self.refresh()
        self.show_driver(self.driver.value)
        self.message.value = message_html(
            i18n.tr("Reset: removed what this builder created.", self.lang), True
        )

    # ------------------------------------------------------------------ the tabs

    def refresh(self):
        """Redraw the picture, the tables and the transcript from the lab."""
        with i18n.using(self.lang):
            self.picture.value = topology_png(self.lab)
            self.commands.value = transcript_html(self.transcript)
        self.stale = set(self.tables)
        self.draw_tables(every=True)
        self.drawn = lab_version(self.lab)

    def draw_tables(self, every=False):
        """Render the stale tables (only the one on show unless ``every``: tables are slow)."""
        shown = TABS[self.tabs.selected_index or 0]
        with i18n.using(self.lang):
            for name in sorted(self.stale):
                if every or name == shown:
                    self.tables[name].value = lab_tables(self.lab)[name]
                    self.stale.discard(name)

    def catch_up(self):
        """After a cell changed the lab: new defaults, a new picture, tables marked stale."""
        if lab_version(self.lab) == self.drawn:
            return
        self.offer_defaults()
        with i18n.using(self.lang):
            self.picture.value = topology_png(self.lab)
        self.drawn = lab_version(self.lab)
        self.stale = set(self.tables)
        self.draw_tables()


LIVE_BUILDERS = weakref.WeakSet()


def follow_the_kernel(builder):
    """Let ``builder`` catch up with the lab after every notebook cell (IPython's
    ``post_run_cell`` event); outside IPython there are no cells and nothing to do."""
    LIVE_BUILDERS.add(builder)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and catch_up_all not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", catch_up_all)


def catch_up_all(*_):
    """Every live builder catches up with its lab (a failure in one never breaks a cell)."""
    for builder in list(LIVE_BUILDERS):
        try:
            builder.catch_up()
        except WinNetLabError:
            pass


# ----------------------------------------------------------------------------- TraceExplorer


def trace_choices(lab):
    """(sources, destinations) for the explorer: containers, then hosts and outside names."""
    containers = sorted((name, host.name) for host in lab.hosts.values() for name in host.containers)
    sources = [(f"{name} ({host})", name) for name, host in containers]
    destinations = (
        [name for name, _ in containers]
        + sorted(lab.hosts)
        + sorted(lab.lan.outside)
        + [str(a) for a in sorted(lab.lan.outside.values())]
    )
    return sources, destinations


def verdict_html(trace):
    """The walk's outcome in one coloured line: verdict and the sentence that explains it
    (the verdict in the session's language; the walk's own reason stays as it reads)."""
    ok = trace.verdict == "delivered"
    return message_html(f"{i18n.tr(trace.verdict)}: {trace.reason}", ok)


def hop_frame(trace):
    """The hops the explorer lists, with their column captions in the session's language
    (the Korean edition's captions come from :data:`winnetlab.i18n.CAPTIONS`)."""
    frame = trace.to_frame()[list(HOP_COLUMNS)]
    return frame.rename(columns=i18n.caption) if i18n.language() != "en" else frame


def trace_png(trace, lab):
    """The walk drawn on the lab's topology, as PNG bytes."""
    from ..views import plot

    return figure_png(plot.trace(trace, lab))


DEFAULT_CANDIDATES = 12  # destinations tried for a default that the first walk reaches


class TraceExplorer(W.VBox):
    """Pick a source, a destination, a protocol and a port; see the packet walk.

    The walk itself is ``lab.trace``; the explorer shows its hops as a table and highlights
    the path on the topology picture.
    """

    def __init__(self, lab: Lab | None, lang: str | None = None) -> None:
        self.lang = i18n.resolve(lang)
        self.lab = require_lab(lab, "TraceExplorer")
        self.source = W.Dropdown(description="from")
        self.destination = W.Combobox(
            description="to", ensure_option=False, placeholder="container, host, name or IP"
        )
        self.protocol = W.ToggleButtons(options=("tcp", "udp", "icmp"), description="protocol")
        self.port = W.BoundedIntText(value=80, min=0, max=65535, description="port")
        self.go = W.Button(description="Trace", button_style="primary", icon="route")
        self.reload = W.Button(description="Reload names", icon="refresh")
        self.verdict = W.HTML(layout=full_width())
        self.steps = W.HTML()
        self.picture = W.Image(format="png", layout=fits())
        super().__init__(
            [
                W.HBox([self.source, self.destination]),
                W.HBox([self.protocol, self.port]),
                W.HBox([self.go, self.reload]),
                self.verdict,
                W.Tab(children=[self.steps, self.picture], titles=("Hops", "Picture")),
            ]
        )
        self.add_class("winnetlab-trace-explorer")
        self.protocol.observe(
            lambda change: setattr(self.port, "disabled", change["new"] == "icmp"), names="value"
        )
        self.go.on_click(lambda _: self.on_trace())
        self.reload.on_click(lambda _: self.load_choices())
        self.load_choices()
        localize(self, self.lang)

    def __repr__(self):
        return "TraceExplorer: run this cell to show the packet-walk explorer"

    def load_choices(self):
        """Re-read the lab's containers and names into the pickers (keeping the choices made)."""
        sources, destinations = trace_choices(self.lab)
        current = self.source.value
        self.source.options = sources
        values = [value for _, value in sources]
        self.source.value = current if current in values else (values[0] if values else None)
        self.destination.options = destinations
        if not self.destination.value:
            others = [d for d in destinations if d != self.source.value]
            reachable = (d for d in others[:DEFAULT_CANDIDATES] if self.delivers(d))
            self.destination.value = next(reachable, others[0] if others else "")

    def delivers(self, destination):
        """Whether the walk with the current protocol and port reaches ``destination`` (the
        default destination is one that does, so the first click on Trace shows a whole walk)."""
        port = self.port.value if self.protocol.value != "icmp" else None
        try:
            return self.lab.trace(
                self.source.value, destination, port=port, protocol=self.protocol.value
            ).delivered
        except WinNetLabError:
            return False

    def on_trace(self):
        """Walk one packet and show it (or the reason the lab refused the question)."""
        port = self.port.value if self.protocol.value != "icmp" else None
        try:
            if self.source.value is None:
                raise WinNetLabError(
                    i18n.tr("the lab has no containers yet: run one, then Reload names", self.lang)
                )
            trace = self.lab.trace(
                self.source.value, self.destination.value.strip(), port=port, protocol=self.protocol.value
            )
        except WinNetLabError as exc:
            self.verdict.value = message_html(exc.message, False)
            self.steps.value, self.picture.value = "", b""
            return
        with i18n.using(self.lang):
            self.verdict.value = verdict_html(trace)
            self.steps.value = table_html(hop_frame(trace))
            self.picture.value = trace_png(trace, self.lab)


# ----------------------------------------------------------------------------- DriverComparison


def comparison_lab(driver, seed=0):
    """A fresh lab with the same two containers (the first publishing 8080:80) on one driver.

    Returns the lab and the transcript of the commands that built it.
    """
    lab = Lab(seed=seed)
    settings = {
        **DRIVER_DEFAULTS[driver],
        "driver": driver,
        "containers": 2,
        "publish": "8080:80",
        "swarm_hosts": 1,
    }
    transcript = [run_step(lab, step)[1] for step in plan(lab, settings)]
    return lab, transcript


def wire_mac(trace):
    """The source MAC of the walk's first frame on the LAN (the outer one when encapsulated)."""
    for hop in trace.hops:
        if hop.host == "LAN":
            return hop.outer.src_mac if hop.outer is not None else hop.src_mac
    return "(never on the LAN)"


def published_how(host, endpoint):
    """How the endpoint's published port is realised: WinNAT + firewall, or a VFP NAT rule."""
    if any(m.endpoint_id == endpoint.id for m in host.nat_mappings):
        return "WinNAT static mapping + firewall rule"
    if any(p.v1_type == "NAT" for p in endpoint.policies):
        return "VFP NAT rule"
    return "not published"


def _facts_in(facts, lang):
    """The comparison's aspects and the words it computed, in ``lang`` (results such as
    "delivered" and addresses stay as the lab reports them)."""
    return {i18n.tr(aspect, lang): i18n.tr(value, lang) for aspect, value in facts.items()}


def driver_facts(lab, driver):
    """One column of the comparison: what ``driver`` made of the same two containers."""
    host = lab.host()
    name = DRIVER_DEFAULTS[driver]["name"]
    network = host.network(name)
    switch = host.vswitches[network.vswitch]
    c1, c2 = (host.endpoints_of(f"{name}-{i}") for i in (1, 2))
    facts = {
        "vSwitch": switch.switch_type + (f", bound to {switch.adapter}" if switch.adapter else ""),
        "HNS network type": network.hns_type,
    }
    if not (c1 and c2):
        return {**facts, "containers": "not started (see the transcript)"}
    internet = lab.trace(f"{name}-1", "8.8.8.8", port=53, protocol="udp")
    return {
        **facts,
        "c1 address": str(c1[0].address),
        "c2 address": str(c2[0].address),
        "c1 MAC": c1[0].mac_address,
        "c1 endpoint policies": ", ".join(sorted({p.v1_type for p in c1[0].policies})) or "(none)",
        "-p 8080:80 becomes": published_how(host, c1[0]),
        "MAC on the wire (c1 → 8.8.8.8)": wire_mac(internet),
        "c1 → 8.8.8.8:53/udp": internet.verdict,
        "c2 → c1:80": lab.trace(f"{name}-2", f"{name}-1", port=80).verdict,
    }


def comparison_frame(labs, lang="en"):
    """DataFrame: one row per aspect, one column per driver (``labs``: driver -> Lab)."""
    import pandas as pd

    columns = {driver: _facts_in(driver_facts(lab, driver), lang) for driver, lab in labs.items()}
    return pd.DataFrame(columns)


def comparison_html(frame, baseline="nat"):
    """The comparison as an HTML table; cells that differ from ``baseline`` are highlighted."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    rows = []
    for aspect, row in frame.iterrows():
        cells = []
        for driver, value in row.items():
            differs = driver != baseline and value != row[baseline]
            style = ' style="background:#fff3bf"' if differs else ""
            cells.append(f"<td{style}>{html.escape(str(value))}</td>")
        rows.append(f"<tr><th style='text-align:left'>{html.escape(str(aspect))}</th>{''.join(cells)}</tr>")
    return (
        f"<table class='winnetlab-comparison-table'><thead><tr><th></th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


COMPARISON_INTRO = (
    "c1 and c2 are the same two containers on each driver (named <network>-1 and -2); "
    "c1 publishes 8080:80.  Highlighted: differs from the driver picked here."
)


class DriverComparison(W.VBox):
    """The same two containers and one published port on all five drivers, side by side.

    Highlighted cells differ from the baseline driver (``nat`` unless you pick another).
    """

    def __init__(self, seed: int = 0, lang: str | None = None) -> None:
        self.lang = i18n.resolve(lang)
        built = {driver: comparison_lab(driver, seed) for driver in DRIVERS}
        self.labs = {driver: lab for driver, (lab, _) in built.items()}
        self.transcripts = {driver: transcript for driver, (_, transcript) in built.items()}
        self.frame = comparison_frame(self.labs, self.lang)
        self.baseline = W.Dropdown(
            options=DRIVERS, value="nat", description="compare with", style={"description_width": "initial"}
        )
        self.table = W.HTML(comparison_html(self.frame, "nat"))
        pictures = W.Tab(
            children=[
                W.Image(value=self._picture(lab), format="png", layout=fits()) for lab in self.labs.values()
            ],
            titles=tuple(self.labs),  # one full-width topology per driver
        )
        pictures.add_class("winnetlab-comparison-pictures")
        commands = W.Accordion(
            children=[W.HTML(transcript_html(t)) for t in self.transcripts.values()],
            titles=tuple(
                i18n.tr("how the {driver} lab was built", self.lang, driver=d) for d in self.transcripts
            ),
        )
        intro = W.HTML(f"<i>{html.escape(i18n.tr(COMPARISON_INTRO, self.lang))}</i>")
        super().__init__([intro, self.baseline, self.table, pictures, commands])
        self.add_class("winnetlab-comparison")
        self.baseline.observe(
            lambda change: setattr(self.table, "value", comparison_html(self.frame, change["new"])),
            names="value",
        )
        localize(self, self.lang)

    def _picture(self, lab):
        with i18n.using(self.lang):
            return topology_png(lab)

    def __repr__(self):
        return "DriverComparison: run this cell to show the five drivers side by side"
