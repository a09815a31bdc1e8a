"""The packet walk follows the container's own route table: ``route add`` inside a container
changes where its packets go (the longest prefix, then the lowest metric), as ``route print``
shows it."""

import io
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from statecheck import check_invariants

import winnetlab as wl
from winnetlab.fronts.shell import shell_main

IIS = "mcr.microsoft.com/windows/servercore/iis"


def _components(trace):
    return [h.component for h in trace.hops]


def test_route_to_a_lan_host_via_a_bogus_gateway_drops_naming_the_route():
    lab = wl.Lab()
    lab.docker(f"run -d --name web {IIS}")
    assert lab.trace("web", "192.168.0.1", port=53, protocol="udp").verdict == "delivered"
    assert lab.exec("web", "route add 192.168.0.1 mask 255.255.255.255 172.16.0.99").output == " OK!"
    t = lab.trace("web", "192.168.0.1", port=53, protocol="udp")
    assert t.verdict == "dropped" and t.last.detail == "ARP: who has 172.16.0.99? no answer"
    assert "the route 192.168.0.1/32 via 172.16.0.99 (added with route add)" in t.reason
    route_hop = next(h for h in t.hops if h.action == "route")
    assert route_hop.detail == "192.168.0.1 via 172.16.0.99 on vEthernet (Ethernet)"
    assert route_hop.rule == "192.168.0.1/32 -> 172.16.0.99 (route add)"
    ping = lab.exec("web", "ping -n 1 192.168.0.1")
    assert "Request timed out." in ping.output and any("route add" in h for h in ping.hints)
    # other destinations still use the default route; deleting the route restores the path
    assert lab.trace("web", "8.8.8.8", port=53, protocol="udp").verdict == "delivered"
    assert lab.exec("web", "route delete 192.168.0.1").output == " OK!"
    assert lab.trace("web", "192.168.0.1", port=53, protocol="udp").verdict == "delivered"


def test_a_more_specific_route_picks_the_other_nic():
    lab = wl.Lab()
    lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
    lab.docker(f"run -d --name two --network lan --ip 192.168.0.60 {IIS}")
    lab.docker("network connect nat two")
    before = lab.trace("two", "8.8.8.8", port=53, protocol="udp")
    first = "vSwitch 'nat'" if "vSwitch 'nat'" in _components(before) else "lan"
    gateway = "192.168.0.1" if first == "vSwitch 'nat'" else "172.16.0.1"
    assert lab.exec("two", f"route add 8.8.8.8 mask 255.255.255.255 {gateway}").output == " OK!"
    after = lab.trace("two", "8.8.8.8", port=53, protocol="udp")
    assert after.verdict == "delivered"
    assert ("vSwitch 'nat'" in _components(after)) != ("vSwitch 'nat'" in _components(before)), (
        "the /32 route must take the packet out of the other NIC"
    )


def test_transparent_container_route_via_missing_lan_gateway():
    lab = wl.Lab()
    lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
    lab.docker(f"run -d --name t --network lan --ip 192.168.0.60 {IIS}")
    assert lab.exec("t", "route add 8.8.8.0 mask 255.255.255.0 192.168.0.77").output == " OK!"
    t = lab.trace("t", "8.8.8.8", port=53, protocol="udp")
    assert t.verdict == "dropped" and t.last.component == "LAN switch"
    assert "the route 8.8.8.0/24 via 192.168.0.77 (added with route add)" in t.reason
    assert "nothing on the LAN 192.168.0.0/24 answers for 192.168.0.77" in t.reason


def test_through_powershell_and_the_shell():
    lab = wl.Lab()
    lab.docker(f"run -d --name web {IIS}")
    assert lab.powershell("docker exec web route add 192.168.0.1 mask 255.255.255.255 172.16.0.99").ok
    assert "route add" in lab.trace("web", "192.168.0.1", port=53, protocol="udp").reason
    out = io.StringIO()
    args = SimpleNamespace(hosts=1, windows="ltsc2022", seed=0, no_hints=False)
    lines = (
        f"docker run -d --name web {IIS}\n"
        "docker exec web route add 192.168.0.1 mask 255.255.255.255 172.16.0.99\n"
        "docker exec web ping -n 1 192.168.0.1\n"
    )
    assert shell_main(args, stdin=io.StringIO(lines), stdout=out) == 0
    assert "hint: the route 192.168.0.1/32 via 172.16.0.99 (added with route add)" in out.getvalue()


DESTS = st.sampled_from(["192.168.0.1", "192.168.0.0", "8.8.8.8", "8.8.0.0", "10.0.0.0", "0.0.0.0"])
MASKS = st.sampled_from(["255.255.255.255", "255.255.255.0", "255.255.0.0", "0.0.0.0", "255.0.0.0"])
GATEWAYS = st.sampled_from(["172.16.0.1", "172.16.0.99", "172.16.0.2", "192.168.0.1", "10.9.9.9"])
TARGETS = st.sampled_from(["8.8.8.8", "192.168.0.1", "192.168.0.11", "172.16.0.1", "10.0.0.5"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(DESTS, MASKS, GATEWAYS), max_size=3), TARGETS)
def test_fuzz_routes_then_walk(routes, target):
    """Random route add lines, then a walk: it never raises, and a drop that blames an added
    route names one that route print shows."""
    lab = wl.Lab()
    lab.docker(f"run -d --name web {IIS}")
    for dest, mask, gw in routes:
        assert isinstance(lab.exec("web", f"route add {dest} mask {mask} {gw}").output, str)
    t = lab.trace("web", target, port=53, protocol="udp")
    assert t.verdict in ("delivered", "dropped")
    if "(added with route add)" in t.reason:
        via = t.reason.split("via ")[1].split(" ")[0]
        assert f" {via} " in lab.exec("web", "route print").output
    check_invariants(lab)
