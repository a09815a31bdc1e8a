"""Fuzz every front: random command strings and well-formed commands with random values.

No Python exception may escape, and a command that fails (non-zero exit) must leave the
networks, endpoints, addresses, mappings and vSwitches exactly as they were — only Docker's
own rule may leave a trace: a ``run`` whose start fails keeps its Created container.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import winnetlab as wl
from tests.statecheck import _canon

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "docker",
        "network",
        "create",
        "ls",
        "inspect",
        "rm",
        "connect",
        "disconnect",
        "prune",
        "run",
        "ps",
        "-a",
        "port",
        "info",
        "swarm",
        "init",
        "join",
        "leave",
        "service",
        "exec",
        "-d",
        "--name",
        "-p",
        "-P",
        "--ip",
        "--network",
        "--net",
        "--subnet",
        "--gateway",
        "-o",
        "--driver",
        "nat",
        "transparent",
        "overlay",
        "l2bridge",
        "l2tunnel",
        "web",
        "db",
        "8080:80",
        "80",
        "0:80",
        "127.0.0.1:80:80",
        "10.0.0.0/24",
        "172.16.0.5",
        "-f",
        "--help",
        "--",
        "|",
        "'",
        '"',
        "`",
        "=",
        "Get-VMSwitch",
        "New-VMSwitch",
        "Remove-VMSwitch",
        "-Name",
        "-NetAdapterName",
        "-SwitchType",
        "Internal",
        "Ethernet",
        "ConvertTo-Json",
        "-Depth",
        "Format-List",
        "Restart-Service",
        "hns",
        "ipconfig",
        "/all",
        "route",
        "print",
        "nslookup",
        "ping",
        "vfpctrl",
        "/list-vmswitch-port",
        "/port",
        "/list-rule",
        "Get-NetNat",
        "Get-HnsEndpoint",
        "-1",
        "99999999999999999999",
        "",
        " ",
        "a b",
        "ä",
        "\x00",
        "%",
        "$true",
        "--mac-address",
        "00-15-5D-00-00-01",
        "--isolation",
        "hyperv",
        "--ipv6",
        "--ip-range",
        "--internal",
        "--aux-address",
        "x=10.0.0.9",
        "Test-NetConnection",
        "-Port",
    ]
)
LINES = st.one_of(st.text(max_size=60), st.lists(WORDS, max_size=9).map(" ".join))

NAMES = st.sampled_from(["web", "db", "a", "n1", "nat", "none", "ingress", "x y", "", "-bad", "a" * 70])
DRIVERS = st.sampled_from(
    ["nat", "transparent", "l2bridge", "l2tunnel", "overlay", "bridge", "NAT", "host", ""]
)
PREFIX = st.builds(
    lambda a, b, l: f"{a}.{b}.0.0/{l}", st.integers(0, 300), st.integers(0, 300), st.integers(0, 40)
)
IP = st.builds(lambda a, d: f"{a}.16.0.{d}", st.sampled_from([10, 172, 192, 999]), st.integers(0, 300))
PORT = st.one_of(
    st.integers(-1, 70000).map(str),
    st.builds(lambda h, c: f"{h}:{c}", st.integers(0, 70000), st.integers(0, 70000)),
    st.sampled_from(["80/udp", "80/sctp", "1-5:80", "a:b", ""]),
)
MAC = st.one_of(st.sampled_from(["00-15-5D-00-00-01", "zz", "00:15:5d:b2:90:00"]), st.text(max_size=12))


def _q(value):
    return "'" + value.replace("'", "''") + "'"


WELL_FORMED = st.one_of(
    st.builds(
        lambda d, s, g, n: f"network create -d {_q(d)} --subnet {_q(s)} --gateway {_q(g)} {_q(n)}",
        DRIVERS,
        PREFIX,
        IP,
        NAMES,
    ),
    st.builds(lambda d, n: f"network create -d {_q(d)} {_q(n)}", DRIVERS, NAMES),
    st.builds(
        lambda n, net, p, ip, mac: (
            f"run -d --name {_q(n)} --network {_q(net)} -p {_q(p)} --ip {_q(ip)} --mac-address {_q(mac)} img"
        ),
        NAMES,
        NAMES,
        PORT,
        IP,
        MAC,
    ),
    st.builds(lambda n, p: f"run -d --name {_q(n)} -p {_q(p)} img", NAMES, PORT),
    st.builds(lambda net, c: f"network connect {_q(net)} {_q(c)}", NAMES, NAMES),
    st.builds(lambda net, c: f"network disconnect {_q(net)} {_q(c)}", NAMES, NAMES),
    st.builds(lambda c: f"rm -f {_q(c)}", NAMES),
    st.builds(lambda n: f"network rm {_q(n)}", NAMES),
    st.builds(lambda n, p: f"service create --name {_q(n)} --publish {_q(p)} img", NAMES, PORT),
    st.builds(
        lambda n, r: f"service scale {_q(n)}={_q(r)}", NAMES, st.sampled_from(["0", "1", "3", "x", "-1", ""])
    ),
    st.builds(
        lambda n, r: f"service update -d --replicas {_q(r)} {_q(n)}", NAMES, st.sampled_from(["0", "2", "x"])
    ),
    st.builds(lambda n: f"service inspect --pretty {_q(n)}", NAMES),
    st.builds(lambda n: f"service inspect {_q(n)}", NAMES),
    st.just("swarm init"),
    st.just("swarm leave --force"),
)
PS_WELL_FORMED = st.one_of(
    st.builds(
        lambda n, a: f"New-VMSwitch -Name {_q(n)} -NetAdapterName {_q(a)}",
        NAMES,
        st.sampled_from(["Ethernet", "Ethernet 2", "vEthernet (nat)", ""]),
    ),
    st.builds(
        lambda n, t: f"New-VMSwitch -Name {_q(n)} -SwitchType {_q(t)}",
        NAMES,
        st.sampled_from(["Internal", "Private", "External", "Bogus"]),
    ),
    st.builds(lambda n: f"Remove-VMSwitch {_q(n)}", NAMES),
    st.builds(lambda n: f"Restart-Service {_q(n)}", st.sampled_from(["hns", "docker", "spooler", ""])),
    st.builds(lambda d: f"Get-HnsEndpoint | ConvertTo-Json -Depth {d}", st.integers(-3, 200)),
)
COMMANDS = st.one_of(
    st.tuples(st.just("docker"), st.one_of(LINES, WELL_FORMED)),
    st.tuples(
        st.just("powershell"), st.one_of(LINES, PS_WELL_FORMED, WELL_FORMED.map(lambda c: "docker " + c))
    ),
    st.tuples(st.just("exec"), LINES),
)


def networking(lab):
    """What a failing command must not change: networks, endpoints, addresses, mappings, switches."""
    out = []
    for h in lab.hosts.values():
        out.append(
            (
                _canon(h._networks),
                _canon(h._hns),
                _canon(h._endpoints),
                _canon(h._mappings),
                _canon(h._ports),
                _canon(h._nat),
                _canon(h._firewall),
                _canon(h._vswitches),
                _canon(h._adapters),
                _canon(h._policy_lists),
            )
        )
    return (tuple(out), _canon(lab.lan.dhcp_leases), _canon(lab.swarm) if lab.swarm else None)


def running(lab):
    return {c.id for h in lab.hosts.values() for c in h.containers.values() if c.state == "running"}


def fresh_lab():
    lab = wl.Lab(seed=3, hosts=2)
    lab.docker("run -d --name web -p 8080:80 mcr.microsoft.com/windows/servercore/iis")
    lab.docker("run -d --name db img")
    return lab


def run(lab, front, line):
    if front == "docker":
        return lab.docker(line)
    if front == "powershell":
        return lab.powershell(line)
    return lab.exec("web", line)


@SETTINGS
@given(st.lists(COMMANDS, min_size=1, max_size=12))
def test_no_exception_and_failures_change_nothing(commands):
    lab = fresh_lab()
    for front, line in commands:
        before, running_before = networking(lab), running(lab)
        result = run(lab, front, line)
        assert isinstance(result.output, str) and isinstance(result.exit_code, int)
        started = running(lab) - running_before if front == "docker" else set()
        # generated commands name one target: no partial success.  A foreground `docker run IMAGE CMD`
        # whose container started returns CMD's exit code: the daemon succeeded, the command failed.
        if result.exit_code != 0 and not started:
            assert networking(lab) == before, (front, line, result.output)


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_in_every_front(text):
    lab = fresh_lab()
    for front in ("docker", "powershell", "exec"):
        before = networking(lab)
        r = run(lab, front, text)
        if not r.ok:
            assert networking(lab) == before
