"""Golden event logs: the HNS/HCS story of a scripted session per driver, byte for byte.

Regenerate after an intended change with ``WINNETLAB_UPDATE_GOLDEN=1 pytest tests/test_events_golden.py``
and review the diff.
"""

import os
from pathlib import Path

import pytest

import winnetlab as wl

GOLDEN = Path(__file__).parent / "golden" / "events"
SHIM = "com.docker.network.windowsshim."


def nat(lab):
    h = lab.host()
    h.create_network("mynat", subnet="10.10.0.0/24")
    h.run("web", network="mynat", publish=["8080:80"])
    h.run("db", publish=["1433:1433"])
    h.remove_container("web")
    h.remove_network("mynat")


def transparent(lab):
    h = lab.host()
    h.create_network("tr", driver="transparent")
    h.run("t1", network="tr")
    h.remove_container("t1")


def l2bridge(lab):
    h = lab.host()
    h.create_network(
        "l2b",
        driver="l2bridge",
        subnet="10.244.1.0/24",
        gateway="10.244.1.1",
        options={SHIM + "enable_outboundnat": "true", SHIM + "outboundnat_exceptions": "10.244.0.0/16"},
    )
    h.run("pod", network="l2b", publish=["8081:80"])


def l2tunnel(lab):
    h = lab.host()
    h.create_network("l2t", driver="l2tunnel", subnet="10.50.0.0/24", options={SHIM + "vsid": "5001"})
    h.run("t", network="l2t")


def overlay(lab):
    lab.add_host()
    lab.swarm_init("host1")
    lab.swarm_join("host2")
    lab.host("host1").create_network("ov", driver="overlay", attachable=True)
    lab.host("host1").run("a", network="ov")
    lab.host("host2").run("b", network="ov")
    lab.create_service("web", replicas=2, networks=["ov"], publish=["8080:80"])


SCENARIOS = {f.__name__: f for f in (nat, transparent, l2bridge, l2tunnel, overlay)}


def render(lab):
    lines = []
    for h in lab.hosts.values():
        lines += [
            f"{h.name} {e.seq:3} {e.actor:<8} {e.action:<20} {e.target}  {e.detail}".rstrip()
            for e in h.events
        ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_event_log_matches_golden(name):
    lab = wl.Lab(seed=1)
    SCENARIOS[name](lab)
    text = render(lab)
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("WINNETLAB_UPDATE_GOLDEN"):
        path.write_text(text)
    assert path.read_text() == text
