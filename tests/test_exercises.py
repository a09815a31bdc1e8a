"""wl.exercises.check: every tutorial's exercise fails on a fresh lab, passes once solved,
names exactly what is missing, and never raises on a lab in an unexpected state."""

import pytest

import winnetlab as wl
from winnetlab.notebook import exercises

IIS = "mcr.microsoft.com/windows/servercore/iis"
TUTORIALS = (
    "00-start-here",
    "01-nat",
    "02-transparent",
    "03-overlay",
    "04-l2bridge",
    "05-l2tunnel",
    "06-hns-under-the-hood",
    "07-unsupported-features",
    "08-packet-walk",
    "09-real-host-dumps",
    "10-troubleshooting",
)


def swarm(lab):
    init = lab.docker("swarm init --advertise-addr 192.168.0.11")
    join = init.output.split("docker swarm join ")[1].splitlines()[0]
    assert lab.docker(f"swarm join {join}", host="host2").ok


# exercise -> (Lab kwargs, setup(lab), [(command, host)])
SOLUTIONS = {
    "00-start-here": ({}, None, [(f"run -d --name hello {IIS}", None)]),
    "01-nat": (
        {},
        None,
        [
            ("network create -d nat --subnet 10.99.0.0/24 webnet", None),
            (f"run -d --name web --network webnet -p 8080:80 {IIS}", None),
        ],
    ),
    "02-transparent": (
        {},
        lambda lab: lab.host().configure(is_vm=True, mac_spoofing=True),
        [
            ("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan", None),
            (f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}", None),
        ],
    ),
    "03-overlay": (
        {"hosts": 2},
        swarm,
        [
            ("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet", None),
            (f"run -d --name front --network appnet {IIS}", "host1"),
            (f"run -d --name back --network appnet {IIS}", "host2"),
        ],
    ),
    "04-l2bridge": (
        {},
        None,
        [
            (
                "network create -d l2bridge --subnet 10.244.5.0/24 --gateway 10.244.5.1 "
                "-o com.docker.network.windowsshim.enable_outboundnat=true "
                "-o com.docker.network.windowsshim.outboundnat_exceptions=10.0.0.0/8 podnet",
                None,
            ),
            (f"run -d --name pod1 --network podnet {IIS}", None),
        ],
    ),
    "05-l2tunnel": (
        {},
        None,
        [
            (
                "network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
                "-o com.docker.network.windowsshim.vsid=5001 tenant",
                None,
            ),
            (f"run -d --name t1 --network tenant {IIS}", None),
            (f"run -d --name t2 --network tenant {IIS}", None),
        ],
    ),
    "06-hns-under-the-hood": (
        {},
        None,
        [
            (
                "network create -d nat --subnet 10.20.0.0/24 "
                "-o com.docker.network.windowsshim.networkname=labnat labnat",
                None,
            ),
            (f"run -d --name probe --network labnat --mac-address 00:15:5d:aa:bb:cc {IIS}", None),
        ],
    ),
    "07-unsupported-features": (
        {},
        None,
        [
            ("network create -d nat --internal --subnet 10.30.0.0/24 quiet", None),
            (f"run -d --name q1 --network quiet {IIS}", None),
        ],
    ),
    "08-packet-walk": (
        {"hosts": 2},
        None,
        [(f"run -d --name web -p 8080:80 {IIS}", "host1"), (f"run -d --name client {IIS}", "host2")],
    ),
}


def solved(name):
    kwargs, setup, commands = SOLUTIONS[name]
    lab = wl.Lab(**kwargs)
    if setup:
        setup(lab)
    for command, host in commands:
        result = lab.docker(command, host=host)
        assert result.ok, result.output
    return lab


def test_every_tutorial_has_an_exercise():
    assert sorted(exercises.EXERCISES) == sorted(TUTORIALS)


def test_unknown_exercise_names_the_real_ones():
    with pytest.raises(wl.NotFound, match="00-start-here"):
        exercises.check("99-nothing", wl.Lab())


def test_something_else_than_a_lab_is_a_clear_error():
    with pytest.raises(wl.InvalidParameter, match="lab must be a winnetlab Lab"):
        exercises.check("01-nat", "lab")


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
def test_fresh_lab_fails_with_one_hint_per_failure(name):
    kwargs = SOLUTIONS[name][0]
    result = exercises.check(name, wl.Lab(**kwargs))
    assert not result.ok and result.failed
    assert len(result.hints) == len(result.failed) and all(result.hints)
    assert "keep going" in str(result)


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
def test_the_solution_passes_every_check(name):
    result = exercises.check(name, solved(name))
    assert result.ok, str(result)
    assert result.failed == [] and result.hints == []
    assert len(result.passed) == len(exercises.EXERCISES[name].checks)


def test_a_partial_solution_names_exactly_what_is_missing():
    lab = wl.Lab()
    lab.host().configure(is_vm=True)
    lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
    lab.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")
    result = exercises.check("02-transparent", lab)
    assert result.failed == [
        "MAC address spoofing is on for the VM's network adapter",
        "'printer' reaches 8.8.8.8:53/udp",
    ]
    assert "MacAddressSpoofing" in result.hints[0]


def test_wrong_values_fail_the_specific_check():
    lab = wl.Lab()
    lab.docker("network create -d nat --subnet 10.98.0.0/24 webnet")
    lab.docker(f"run -d --name web --network webnet -p 8081:80 {IIS}")
    result = exercises.check("01-nat", lab)
    assert result.failed == [
        "'webnet' has the subnet 10.99.0.0/24",
        "WinNAT forwards TCP 8080 to web's port 80",
        "a Windows Firewall rule allows TCP 8080",
    ]


def odd_lab():
    """Names the exercises look for, but on the wrong networks, hosts and states."""
    lab = wl.Lab()
    host = lab.host()
    host.create_container("hello")  # created, never started
    host.create_network("webnet", driver="l2bridge", subnet="10.99.0.0/24")
    host.run("web", network="webnet")
    host.run("front")
    host.create_network("appnet", driver="nat", subnet="10.0.9.0/24")
    return lab


@pytest.mark.parametrize("name", TUTORIALS)
def test_checks_never_raise_on_an_unexpected_lab(name):
    result = exercises.check(name, odd_lab())
    assert not result.ok
    assert len(result.passed) + len(result.failed) == len(exercises.EXERCISES[name].checks)


def test_result_renders_as_text_and_html():
    result = exercises.check("00-start-here", solved("00-start-here"))
    assert str(result).splitlines()[0] == "00-start-here: 4 of 4 checks passed — all done!"
    assert "[x] a container named 'hello' exists" in str(result)
    html = result._repr_html_()
    assert html.count("<li>") == 4 and html.count(exercises.PASS_MARK) == 4
    failing = exercises.check("00-start-here", wl.Lab())._repr_html_()
    assert failing.count(exercises.FAIL_MARK) == 4 and failing.count("hint:") == 4
