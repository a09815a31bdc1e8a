"""The end-of-tutorial exercises and their checks: ``wl.exercises.check("01-nat", lab)``.

Each tutorial ends with a task stated in plain words ("create a nat network webnet …").
:func:`check` looks at the lab the learner built — never at the commands they typed, so
``lab.docker``, ``lab.powershell`` and the typed Python API all count — and answers with
what passed, what failed, and for each failure one hint.  The hint diagnoses when it can
("you published 8081; the exercise asks for host port 8080") and otherwise names the
Windows concept or the command that gets there.  Every check can fail on a lab that did
nothing, so a check cell run before the work shows the whole task as still to do.

``check(..., lang="ko")`` (or ``wl.set_language("ko")``) reports in Korean: the summary and
labels always, each task, description and hint where :data:`winnetlab.i18n.MESSAGES` has it
(English otherwise; tests/test_i18n.py lists what is missing).
"""

import html
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network

from .. import i18n
from ..engine.drivers.base import SHIM
from ..engine.errors import InvalidParameter, NotFound, WinNetLabError
from ..engine.lab import Lab

# check marks from plain fonts (emoji fonts are missing on many Linux desktops)
PASS_MARK = '<span style="color:#1a7f37;font-weight:bold">&#10003;</span>'
FAIL_MARK = '<span style="color:#cf222e;font-weight:bold">&#10007;</span>'


@dataclass(frozen=True)
class Check:
    """One thing the exercise asks for: a description, a test of the lab, a hint."""

    description: str
    test: object  # callable(lab) -> bool; a WinNetLabError counts as "not yet"
    hint: str
    diagnose: object = None  # callable(lab) -> what is wrong in this lab, or None

    def hint_for(self, lab):
        """The diagnosis for this lab when there is one, else the general hint."""
        if self.diagnose is not None:
            try:
                found = self.diagnose(lab)
            except (WinNetLabError, LookupError):
                found = None
            if found:
                return found
        return i18n.tr(self.hint)


@dataclass(frozen=True)
class Exercise:
    name: str
    task: str
    checks: tuple


@dataclass
class Result:
    """What :func:`check` found: descriptions that passed and failed, a hint per failure."""

    exercise: str
    task: str
    passed: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    hints: list = field(default_factory=list)
    lang: str = "en"

    @property
    def ok(self):
        return not self.failed

    def summary(self):
        total = len(self.passed) + len(self.failed)
        done = i18n.tr("all done!" if self.ok else "keep going", self.lang)
        return i18n.tr(
            "{exercise}: {passed} of {total} checks passed — {done}",
            self.lang,
            exercise=self.exercise,
            passed=len(self.passed),
            total=total,
            done=done,
        )

    def __str__(self):
        hint = i18n.tr("hint", self.lang)
        lines = [self.summary()]
        lines += [f"  [x] {d}" for d in self.passed]
        lines += [f"  [ ] {d}\n      {hint}: {h}" for d, h in zip(self.failed, self.hints)]
        return "\n".join(lines)

    def __repr__(self):
        return str(self)

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        rows = [f"<li>{PASS_MARK} {html.escape(d)}</li>" for d in self.passed]
        rows += [
            f"<li>{FAIL_MARK} {html.escape(d)}<br><i>{i18n.tr('hint', self.lang)}: {html.escape(h)}</i></li>"
            for d, h in zip(self.failed, self.hints)
        ]
        return (
            f"<div><b>{html.escape(self.summary())}</b><ul style='list-style:none'>{''.join(rows)}</ul></div>"
        )


def check(exercise, lab, lang=None):
    """Run the checks of ``exercise`` (a tutorial name such as "01-nat") against ``lab``;
    ``lang="ko"`` reports in Korean."""
    lang = i18n.resolve(lang)
    if exercise not in EXERCISES:
        raise NotFound(f"no exercise called {exercise!r}; the exercises are: " + ", ".join(sorted(EXERCISES)))
    if not isinstance(lab, Lab):
        raise InvalidParameter(
            f"check({exercise!r}, lab): lab must be a winnetlab Lab "
            f"(wl.Lab() or wl.load_hns(...)), not {type(lab).__name__}"
        )
    ex = EXERCISES[exercise]
    result = Result(ex.name, i18n.tr(ex.task, lang), lang=lang)
    with i18n.using(lang):  # diagnoses speak the report's language
        for c in ex.checks:
            if passes(c, lab):
                result.passed.append(i18n.tr(c.description, lang))
            else:
                result.failed.append(i18n.tr(c.description, lang))
                result.hints.append(c.hint_for(lab))
    return result


def passes(c, lab):
    """True when the check holds; a lookup that fails in the lab means "not yet"."""
    try:
        return bool(c.test(lab))
    except (WinNetLabError, LookupError):
        return False


# ----------------------------------------------------------------------------- lab helpers


def where(lab, container):
    """(Host, Container) of a container anywhere in the lab."""
    return lab.find_container(container)


def endpoints_on(lab, container, network):
    """The container's endpoints on the named network."""
    host, _ = where(lab, container)
    return [ep for ep in host.endpoints_of(container) if ep.network == network]


def network(lab, name):
    """The named network on the lab's first host."""
    return lab.host().network(name)


def uses_driver(net, expected):
    """The check's expected answer: the network was created with the driver ``expected``."""
    return net.driver == expected


def in_subnet(address, net):
    """True when the address lies in one of the network's subnets."""
    return address is not None and any(IPv4Address(str(address)) in s.prefix for s in net.subnets)


def has_policy(endpoint, v1_type, **fields):
    """The endpoint carries a policy of that HNS v1 type whose v1 JSON has those fields."""
    for policy in endpoint.policies:
        body = policy.v1()
        if body.get("Type") == v1_type and all(body.get(k) == v for k, v in fields.items()):
            return True
    return False


def traced(lab, src, dst, port=None, protocol="tcp"):
    """The packet walk from ``src`` to ``dst``."""
    return lab.trace(src, dst, port=port, protocol=protocol)


def delivered(lab, src, dst, port=None, protocol="tcp"):
    """True when the packet walk delivers."""
    return traced(lab, src, dst, port, protocol).verdict == "delivered"


def mapping(lab, container, port, protocol="TCP"):
    """The WinNAT static mapping that forwards host ``port`` to the container, or None."""
    host, _ = where(lab, container)
    ids = {ep.id for ep in host.endpoints_of(container)}
    return next(
        (
            m
            for m in host.nat_mappings
            if m.endpoint_id in ids and m.external_port == port and m.protocol == protocol
        ),
        None,
    )


# ----------------------------------------------------------------------------- diagnoses

# What a diagnosis says (wl.i18n.MESSAGES has each in Korean).
NO_PORT = "'{container}' publishes no port; add -p {port}:80 to its docker run"
OTHER_PORT = (
    "you published {ports}; the exercise asks for host port {port} "
    "(remove the container and run it again with -p {port}:80)"
)
OTHER_SUBNET = "'{name}' has {have}; the exercise asks for {want} (docker network rm {name}, create it again)"
OTHER_DRIVER = (
    "'{name}' uses the {have} driver; the exercise asks for {want} (docker network rm {name} first)"
)
OTHER_NETWORK = "'{container}' is on {have}; the exercise asks for --network {want}"
NO_HOST = "the lab has no {want} yet: wl.Lab(hosts=2), or lab.add_host()"
OTHER_HOST = "'{container}' runs on {have}; the exercise asks for {want} (lab.docker('run …', host='{want}'))"
ONE_HOST = "the lab has one host; an overlay across hosts needs two: wl.Lab(hosts=2)"
NO_SWARM = "the lab already has {n} hosts; they are not in the same swarm: docker swarm init on host1"
NOT_JOINED = "{hosts} is not in the swarm yet: docker swarm join --token … on it"


def published_ports(lab, container):
    """The host ports a container publishes (WinNAT mappings and VFP NAT rules alike)."""
    host, _ = where(lab, container)
    ids = {ep.id for ep in host.endpoints_of(container)}
    return sorted({port for (_, port), owner in host.published.items() if owner in ids})


def wrong_port(container, port):
    """Diagnose a publish on the wrong host port (or none at all)."""

    def diagnose(lab):
        ports = published_ports(lab, container)
        if port in ports:
            return None
        if not ports:
            return i18n.tr(NO_PORT, container=container, port=port)
        return i18n.tr(OTHER_PORT, ports=", ".join(map(str, ports)), port=port)

    return diagnose


def wrong_subnet(name, want):
    """Diagnose a network created with another subnet."""

    def diagnose(lab):
        have = ", ".join(str(s.prefix) for s in network(lab, name).subnets) or "no subnet"
        if have == want:
            return None
        return i18n.tr(OTHER_SUBNET, name=name, have=have, want=want)

    return diagnose


def wrong_driver(name, want):
    """Diagnose a network of the right name on the wrong driver."""

    def diagnose(lab):
        have = network(lab, name).driver
        if have == want:
            return None
        return i18n.tr(OTHER_DRIVER, name=name, have=have, want=want)

    return diagnose


def wrong_network(container, want):
    """Diagnose a container that runs, but on another network."""

    def diagnose(lab):
        host, _ = where(lab, container)
        nets = sorted({ep.network for ep in host.endpoints_of(container)})
        if want in nets:
            return None
        return i18n.tr(OTHER_NETWORK, container=container, have=", ".join(nets) or "-", want=want)

    return diagnose


def wrong_host(container, want):
    """Diagnose a container on the wrong host."""

    def diagnose(lab):
        if want not in lab.hosts:
            return i18n.tr(NO_HOST, want=want)
        have = where(lab, container)[0].name
        if have == want:
            return None
        return i18n.tr(OTHER_HOST, container=container, have=have, want=want)

    return diagnose


def first_of(*diagnoses):
    """The first diagnosis that finds something (each may find nothing or fail a lookup)."""

    def diagnose(lab):
        for d in diagnoses:
            try:
                found = d(lab)
            except (WinNetLabError, LookupError):
                found = None
            if found:
                return found
        return None

    return diagnose


def not_one_swarm(lab):
    """Diagnose hosts that are not (all) in one swarm."""
    if len(lab.hosts) < 2:
        return i18n.tr(ONE_HOST)
    if lab.swarm is None:
        return i18n.tr(NO_SWARM, n=len(lab.hosts))
    missing = sorted(set(lab.hosts) - set(lab.swarm.nodes))
    return i18n.tr(NOT_JOINED, hosts=", ".join(missing)) if missing else None


# ----------------------------------------------------------------------------- the exercises


def _ex00():
    return Exercise(
        "00-start-here",
        ("Run a container named 'hello' on the default nat network and find its address."),
        (
            Check(
                "a container named 'hello' exists",
                lambda lab: where(lab, "hello"),
                "docker run -d --name hello mcr.microsoft.com/windows/servercore/iis",
            ),
            Check(
                "'hello' is running",
                lambda lab: where(lab, "hello")[1].state == "running",
                "docker create only creates it; docker start (or docker run) starts it",
            ),
            Check(
                "'hello' has an endpoint on the default 'nat' network",
                lambda lab: endpoints_on(lab, "hello", "nat"),
                "without --network a Windows container joins the network called nat",
            ),
            Check(
                "its address is inside the nat network's internal prefix",
                lambda lab: in_subnet(endpoints_on(lab, "hello", "nat")[0].ip_address, network(lab, "nat")),
                "HNS hands out addresses from the nat prefix; see docker network inspect nat",
            ),
        ),
    )


def _ex01():
    return Exercise(
        "01-nat",
        (
            "Create a nat network 'webnet' with subnet 10.99.0.0/24 and run 'web' on it, "
            "publishing host port 8080 to container port 80."
        ),
        (
            Check(
                "network 'webnet' exists and uses the nat driver",
                lambda lab: uses_driver(network(lab, "webnet"), "nat"),
                "docker network create -d nat --subnet 10.99.0.0/24 webnet",
                wrong_driver("webnet", "nat"),
            ),
            Check(
                "'webnet' has the subnet 10.99.0.0/24",
                lambda lab: (
                    [s.prefix for s in network(lab, "webnet").subnets] == [IPv4Network("10.99.0.0/24")]
                ),
                "--subnet 10.99.0.0/24 (remove the network and create it again to change it)",
                wrong_subnet("webnet", "10.99.0.0/24"),
            ),
            Check(
                "'web' has an endpoint on 'webnet'",
                lambda lab: endpoints_on(lab, "web", "webnet"),
                "docker run -d --name web --network webnet -p 8080:80 <image>",
                wrong_network("web", "webnet"),
            ),
            Check(
                "WinNAT forwards TCP 8080 to web's port 80",
                lambda lab: (m := mapping(lab, "web", 8080)) is not None and m.internal_port == 80,
                "-p 8080:80 makes HNS add a WinNAT static mapping (Get-NetNatStaticMapping)",
                wrong_port("web", 8080),
            ),
            Check(
                "a Windows Firewall rule allows TCP 8080",
                lambda lab: any(
                    r.local_port == 8080 and r.action == "Allow" for r in where(lab, "web")[0].firewall_rules
                ),
                "HNS adds the firewall allow rule together with the static mapping",
            ),
        ),
    )


def _ex02():
    return Exercise(
        "02-transparent",
        (
            "The container host is a Hyper-V VM. Create a transparent network 'lan' with the static "
            "subnet 192.168.0.0/24 (gateway 192.168.0.1), run 'printer' at 192.168.0.50 and make "
            "sure its frames are not dropped by the Hyper-V host."
        ),
        (
            Check(
                "network 'lan' exists and uses the transparent driver",
                lambda lab: uses_driver(network(lab, "lan"), "transparent"),
                "docker network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan",
            ),
            Check(
                "'printer' has the address 192.168.0.50 on 'lan'",
                lambda lab: str(endpoints_on(lab, "printer", "lan")[0].ip_address) == "192.168.0.50",
                "docker run -d --name printer --network lan --ip 192.168.0.50 <image>",
            ),
            Check(
                "MAC address spoofing is on for the VM's network adapter",
                lambda lab: lab.host().mac_spoofing,
                "transparent frames carry the container's own MAC: "
                "Set-VMNetworkAdapter -MacAddressSpoofing On (host.configure(mac_spoofing=True))",
            ),
            Check(
                "'printer' reaches 8.8.8.8:53/udp",
                lambda lab: delivered(lab, "printer", "8.8.8.8", 53, "udp"),
                "lab.trace('printer', '8.8.8.8', port=53, protocol='udp') says why it is dropped",
            ),
        ),
    )


def _ex03():
    return Exercise(
        "03-overlay",
        (
            "With two hosts in one swarm, create the attachable overlay network 'appnet' "
            "(10.0.9.0/24), run 'front' on host1 and 'back' on host2, and let front reach back:80."
        ),
        (
            Check(
                "host1 and host2 are in one swarm",
                lambda lab: lab.swarm is not None and {"host1", "host2"} <= set(lab.swarm.nodes),
                "docker swarm init on host1, docker swarm join on host2",
                not_one_swarm,
            ),
            Check(
                "'appnet' is an attachable overlay network",
                lambda lab: uses_driver(n := network(lab, "appnet"), "overlay") and n.attachable,
                "docker network create -d overlay --attachable --subnet 10.0.9.0/24 appnet",
            ),
            Check(
                "'front' runs on host1 and 'back' on host2, both on 'appnet'",
                lambda lab: (
                    where(lab, "front")[0].name == "host1"
                    and where(lab, "back")[0].name == "host2"
                    and endpoints_on(lab, "front", "appnet")
                    and endpoints_on(lab, "back", "appnet")
                ),
                "lab.docker('run … --network appnet …', host='host2') runs on host2",
                first_of(wrong_host("front", "host1"), wrong_host("back", "host2")),
            ),
            Check(
                "host1's HNS knows 'back' as a remote endpoint",
                lambda lab: any(
                    ep.remote and ep.network == "appnet" for ep in lab.host("host1").endpoints.values()
                ),
                "each node learns the others' containers as remote endpoints (IsRemoteEndpoint)",
            ),
            Check(
                "front reaches back:80 through a VXLAN tunnel",
                lambda lab: (
                    (t := traced(lab, "front", "back", 80)).verdict == "delivered"
                    and any(h.outer is not None for h in t.hops)
                ),
                "the packet walk shows the VXLAN outer header (UDP 4789, the VNI) between hosts",
            ),
        ),
    )


def _ex04():
    return Exercise(
        "04-l2bridge",
        (
            "Create the l2bridge network 'podnet' (10.244.5.0/24, gateway 10.244.5.1) with "
            "OutboundNAT except for 10.0.0.0/8, run 'pod1' on it, and let pod1 query 8.8.8.8:53/udp."
        ),
        (
            Check(
                "'podnet' is an l2bridge network with subnet 10.244.5.0/24",
                lambda lab: (
                    uses_driver(n := network(lab, "podnet"), "l2bridge")
                    and n.subnets[0].prefix == IPv4Network("10.244.5.0/24")
                ),
                "docker network create -d l2bridge --subnet 10.244.5.0/24 --gateway 10.244.5.1 podnet",
                first_of(wrong_driver("podnet", "l2bridge"), wrong_subnet("podnet", "10.244.5.0/24")),
            ),
            Check(
                "pod1's endpoint has an OutBoundNAT policy excepting 10.0.0.0/8",
                lambda lab: has_policy(
                    endpoints_on(lab, "pod1", "podnet")[0], "OutBoundNAT", ExceptionList=["10.0.0.0/8"]
                ),
                f"-o {SHIM}enable_outboundnat=true -o {SHIM}outboundnat_exceptions=10.0.0.0/8",
            ),
            Check(
                "pod1 reaches 8.8.8.8:53/udp",
                lambda lab: delivered(lab, "pod1", "8.8.8.8", 53, "udp"),
                "without OutboundNAT an l2bridge container cannot leave its subnet to the internet",
            ),
            Check(
                "on the wire pod1's frames carry the host's MAC",
                lambda lab: any(
                    h.host == "LAN" and h.src_mac == lab.host().mac_address
                    for h in traced(lab, "pod1", "8.8.8.8", 53, "udp").hops
                ),
                "l2bridge rewrites the source MAC to the host's (VFP MAC rewrite)",
            ),
        ),
    )


def _ex05():
    return Exercise(
        "05-l2tunnel",
        (
            "Create the l2tunnel network 'tenant' (10.50.0.0/24, gateway 10.50.0.1, VSID 5001), run "
            "'t1' and 't2' on it and show that even t1 -> t2 goes through the physical host."
        ),
        (
            Check(
                "'tenant' is an l2tunnel network",
                lambda lab: uses_driver(network(lab, "tenant"), "l2tunnel"),
                "docker network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
                f"-o {SHIM}vsid=5001 tenant",
            ),
            Check(
                "'tenant' carries the VSID 5001",
                lambda lab: network(lab, "tenant").vsid == 5001,
                f"-o {SHIM}vsid=5001 adds the HNS policy {{Type: VSID}}",
            ),
            Check(
                "'t1' and 't2' have endpoints on 'tenant'",
                lambda lab: endpoints_on(lab, "t1", "tenant") and endpoints_on(lab, "t2", "tenant"),
                "two docker run --network tenant …",
            ),
            Check(
                "t1 -> t2 is hair-pinned through the physical Hyper-V host",
                lambda lab: any(h.host == "physical-host" for h in traced(lab, "t1", "t2", 80).hops),
                "l2tunnel forwards every packet to the physical host, where SDN policy applies",
            ),
        ),
    )


def _ex06():
    return Exercise(
        "06-hns-under-the-hood",
        (
            "Create a nat network whose HNS name is 'labnat' (not the 64-hex id) and run 'probe' on "
            "it with the MAC address 00-15-5D-AA-BB-CC."
        ),
        (
            Check(
                "a nat network is called 'labnat' in HNS",
                lambda lab: any(
                    n.hns_name == "labnat" and uses_driver(n, "nat") for n in lab.host().hns_networks.values()
                ),
                f"-o {SHIM}networkname=labnat",
            ),
            Check(
                "its internal vSwitch is named 'labnat' too",
                lambda lab: lab.host().vswitches["labnat"].switch_type == "Internal",
                "HNS names the nat network's internal vSwitch after the HNS network",
            ),
            Check(
                "'probe' has the MAC 00-15-5D-AA-BB-CC",
                lambda lab: lab.host().endpoints_of("probe")[0].mac_address == "00-15-5D-AA-BB-CC",
                "docker run --mac-address 00:15:5d:aa:bb:cc … (HNS writes it with dashes)",
            ),
            Check(
                "HNS logged the endpoint for 'probe'",
                lambda lab: any(
                    e.actor == "HNS" and "probe" in f"{e.target} {e.detail}" for e in lab.host().events
                ),
                "wl.tables.events(lab) lists what Docker, HNS and HCS did, in order",
            ),
        ),
    )


def _ex07():
    return Exercise(
        "07-unsupported-features",
        (
            "Show that --internal does not isolate anything on Windows: create the nat network "
            "'quiet' with --internal, run 'q1' on it, and let q1 still reach 8.8.8.8:53/udp; "
            "try --ipv6 on it too and see that quiet stays IPv4 only."
        ),
        (
            Check(
                "'quiet' exists and is marked Internal",
                lambda lab: network(lab, "quiet").internal,
                "docker network create -d nat --internal quiet (accepted, with a warning)",
            ),
            Check(
                "'q1' has an endpoint on 'quiet'",
                lambda lab: endpoints_on(lab, "q1", "quiet"),
                "docker run -d --name q1 --network quiet <image>",
            ),
            Check(
                "q1 still reaches 8.8.8.8:53/udp",
                lambda lab: delivered(lab, "q1", "8.8.8.8", 53, "udp"),
                "the Windows driver ignores --internal: WinNAT still routes the traffic out",
            ),
            Check(
                "'quiet' has IPv4 subnets only",
                lambda lab: (
                    (subnets := network(lab, "quiet").subnets) and all(s.prefix.version == 4 for s in subnets)
                ),
                "Windows container networks are IPv4 here: --ipv6 is refused and nothing is created",
            ),
        ),
    )


def _ex08():
    return Exercise(
        "08-packet-walk",
        (
            "Two hosts: run 'web' on host1's default nat network publishing 8080:80 and 'client' "
            "on host2, then make client reach host1:8080."
        ),
        (
            Check(
                "'web' runs on host1 on the nat network",
                lambda lab: where(lab, "web")[0].name == "host1" and endpoints_on(lab, "web", "nat"),
                "docker run -d --name web -p 8080:80 <image>",
            ),
            Check(
                "'web' publishes TCP 8080",
                lambda lab: mapping(lab, "web", 8080) is not None,
                "-p 8080:80",
                wrong_port("web", 8080),
            ),
            Check(
                "'client' runs on host2",
                lambda lab: where(lab, "client")[0].name == "host2",
                "lab.add_host() then lab.docker('run …', host='host2')",
                wrong_host("client", "host2"),
            ),
            Check(
                "client reaches host1:8080",
                lambda lab: delivered(lab, "client", str(lab.host("host1").address), 8080),
                "nat containers on other hosts are reached through the host's published port",
            ),
        ),
    )


def _ex09():
    return Exercise(
        "09-real-host-dumps",
        (
            "Load a real Get-HnsNetwork dump, then add the nat network 'mine' (10.77.0.0/24) with a "
            "container 'probe' on it next to the imported networks."
        ),
        (
            Check(
                "the lab holds imported HNS networks",
                lambda lab: any(
                    not n.created_by_docker for h in lab.hosts.values() for n in h.hns_networks.values()
                ),
                "lab = wl.load_hns(path) reads Get-HnsNetwork / Get-HnsEndpoint output",
            ),
            Check(
                "network 'mine' exists with subnet 10.77.0.0/24",
                lambda lab: network(lab, "mine").subnets[0].prefix == IPv4Network("10.77.0.0/24"),
                "lab.docker('network create -d nat --subnet 10.77.0.0/24 mine')",
                wrong_subnet("mine", "10.77.0.0/24"),
            ),
            Check(
                "'probe' has an address in 10.77.0.0/24",
                lambda lab: in_subnet(endpoints_on(lab, "probe", "mine")[0].ip_address, network(lab, "mine")),
                "lab.docker('run -d --name probe --network mine <image>')",
            ),
        ),
    )


def _ex10():
    def answered(lab):
        t = lab.trace("api", "db", port=1433)
        return t.verdict == "delivered" and t.reply is not None and t.reply.verdict == "delivered"

    return Exercise(
        "10-troubleshooting",
        (
            "Load the scenario 'overlay-4789-blocked' (s = wl.scenarios.load(...)) and fix its lab the way "
            "the real fix works: api on host1 must reach db on host2 with the firewall still on."
        ),
        (
            Check(
                "api reaches db:1433 and the answer comes back",
                answered,
                "lab.trace('api', 'db', port=1433) shows which host's firewall drops the VXLAN packets",
            ),
            Check(
                "the Windows Firewall of host2 is still on",
                lambda lab: all(lab.host("host2").firewall_profiles.values()) and answered(lab),
                "remove or disable only the rule that blocks UDP 4789, not the whole firewall",
            ),
        ),
    )


EXERCISES = {
    ex.name: ex
    for ex in (f() for f in (_ex00, _ex01, _ex02, _ex03, _ex04, _ex05, _ex06, _ex07, _ex08, _ex09, _ex10))
}
