"""DHCP on a VM without MAC address spoofing gets no lease: the container autoconfigures an
APIPA (169.254/16) address, shown as Windows shows it, and the walk says why."""

import io
import ipaddress
import re
from types import SimpleNamespace

import pytest
from statecheck import check_invariants, snapshot

import winnetlab as wl
from winnetlab.fronts.shell import shell_main

IIS = "mcr.microsoft.com/windows/servercore/iis"


@pytest.fixture
def lab():
    lab = wl.Lab()
    lab.host().configure(platform="hyperv-vm", mac_spoofing=False)
    lab.docker("network create -d transparent ext")
    assert lab.docker(f"run -d --name app --network ext {IIS}").ok
    return lab


def _apipa(lab, name="app"):
    host, c = lab.find_container(name)
    return host.endpoints_of(c)[0]


def test_no_offer_means_an_apipa_address_without_gateway(lab):
    ep = _apipa(lab)
    assert ep.dhcp_lease is None and ep.ip_address is None and ep.apipa is not None
    assert ep.apipa.packed[:2] == b"\xa9\xfe" and 1 <= ep.apipa.packed[2] <= 254  # RFC 3927 range
    assert not lab.lan.dhcp_leases  # the LAN's DHCP server never saw the DISCOVER
    ip = str(ep.apipa)
    # ipconfig layout of an APIPA adapter (public transcripts: "Autoconfiguration IPv4 Address. . :")
    assert lab.exec("app", "ipconfig").output.endswith(
        f"   Autoconfiguration IPv4 Address. . : {ip}\n"
        "   Subnet Mask . . . . . . . . . . . : 255.255.0.0\n"
        "   Default Gateway . . . . . . . . . : "
    )
    full = lab.exec("app", "ipconfig /all").output
    assert f"   Autoconfiguration IPv4 Address. . : {ip}(Preferred)\n" in full
    assert "   DHCP Enabled. . . . . . . . . . . : Yes\n   Autoconfiguration Enabled . . . . : Yes" in full
    assert "   DNS Servers . . . . . . . . . . . : fec0:0:0:ffff::1%1\n" in full
    assert "IPv4 Address. . . . . . . . . . . :" not in full
    assert "Default Gateway . . . . . . . . . : \n" in full
    routes = lab.exec("app", "route print").output
    assert re.search(r"^ +169\.254\.0\.0 +255\.255\.0\.0 +On-link", routes, re.M)
    assert not re.search(r"^ +0\.0\.0\.0 ", routes, re.M)  # no default route


def test_apipa_is_deterministic_and_unique(lab):
    again = wl.Lab()
    again.host().configure(platform="hyperv-vm")
    again.docker("network create -d transparent ext")
    again.docker(f"run -d --name app --network ext {IIS}")
    assert _apipa(again).apipa == _apipa(lab).apipa
    lab.docker(f"run -d --name app2 --network ext {IIS}")
    assert _apipa(lab, "app2").apipa not in (None, _apipa(lab).apipa)
    check_invariants(lab)


def test_get_netipaddress_in_the_container_shows_wellknown_link(lab):
    out = lab.exec("app", "powershell Get-NetIPAddress -AddressFamily IPv4").output
    block = out.strip("\n").split("\n\n")[0]
    ip = str(_apipa(lab).apipa)
    assert block.splitlines()[:13] == [
        f"IPAddress         : {ip}",
        "InterfaceIndex    : 18",
        "InterfaceAlias    : vEthernet (Ethernet)",
        "AddressFamily     : IPv4",
        "Type              : Unicast",
        "PrefixLength      : 16",
        "PrefixOrigin      : WellKnown",
        "SuffixOrigin      : Link",
        "AddressState      : Preferred",
        "ValidLifetime     : Infinite ([TimeSpan]::MaxValue)",
        "PreferredLifetime : Infinite ([TimeSpan]::MaxValue)",
        "SkipAsSource      : False",
        "PolicyStore       : ActiveStore",
    ]
    assert "192.168.0.11" not in out  # the container's addresses, not the host's
    loopback = out.strip("\n").split("\n\n")[1].splitlines()
    assert loopback[0] == "IPAddress         : 127.0.0.1" and loopback[6:8] == [
        "PrefixOrigin      : WellKnown",  # public Get-NetIPAddress outputs
        "SuffixOrigin      : WellKnown",
    ]
    adapters = lab.exec("app", "powershell Get-NetAdapter").output
    assert "vEthernet (Ethernet)      Hyper-V Virtual Ethernet Container A...      18 Up" in adapters
    assert "Intel" not in adapters


def test_the_trace_and_ping_say_why(lab):
    t = lab.trace("app", "8.8.8.8", port=53, protocol="udp")
    assert t.verdict == "dropped" and t.last.component == "compartment of app"
    assert str(_apipa(lab).apipa) in t.reason and "no DHCP offer reached it" in t.reason
    assert "MAC address spoofing" in t.reason and _apipa(lab).mac_address in t.reason
    ping = lab.exec("app", "ping -n 2 8.8.8.8")
    assert ping.output.count("PING: transmit failed. General failure.") == 2 and ping.exit_code == 1
    events = [e for e in lab.host().events if e.actor == "DHCP"]
    assert [e.action for e in events] == ["NoOffer"]


def test_spoofing_then_restart_gets_a_lease(lab):
    old = _apipa(lab)
    lab.host().configure(mac_spoofing=True)
    assert _apipa(lab).apipa == old.apipa  # the DHCP client only asks again when it restarts
    assert lab.docker("restart app").ok
    ep = _apipa(lab)
    assert ep.apipa is None and ep.dhcp_lease == ipaddress.IPv4Address("192.168.0.100")
    out = lab.exec("app", "ipconfig").output
    assert "   IPv4 Address. . . . . . . . . . . : 192.168.0.100\n" in out and "Autoconfiguration" not in out
    assert lab.trace("app", "8.8.8.8", port=53, protocol="udp").verdict == "delivered"
    v4 = lab.exec("app", "powershell Get-NetIPAddress -AddressFamily IPv4").output
    assert "PrefixOrigin      : Dhcp" in v4


def test_physical_host_and_static_addresses_are_unaffected():
    lab = wl.Lab()
    lab.docker("network create -d transparent ext")
    lab.docker(f"run -d --name app --network ext {IIS}")
    assert _apipa(lab).dhcp_lease is not None and _apipa(lab).apipa is None
    vm = wl.Lab()
    vm.host().configure(platform="hyperv-vm")
    vm.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 ext")
    vm.docker(f"run -d --name app --network ext --ip 192.168.0.50 {IIS}")
    assert _apipa(vm).apipa is None and str(_apipa(vm).ip_address) == "192.168.0.50"


def test_through_powershell_and_the_shell(lab):
    ip = str(_apipa(lab).apipa)
    assert f"Autoconfiguration IPv4 Address. . : {ip}" in lab.powershell("docker exec app ipconfig").output
    out = io.StringIO()
    args = SimpleNamespace(
        hosts=1, windows="ltsc2022", seed=0, no_hints=False, scenario="transparent-no-mac-spoofing"
    )
    code = shell_main(
        args, stdin=io.StringIO("docker exec app ipconfig\ndocker exec app ping -n 1 8.8.8.8\n"), stdout=out
    )
    text = out.getvalue()
    assert code == 0 and "Autoconfiguration IPv4 Address. . : 169.254." in text
    assert "PING: transmit failed. General failure." in text and "no DHCP offer reached it" in text


def test_refused_run_changes_nothing_and_lab_files_keep_apipa(lab, tmp_path):
    before = snapshot(lab)
    assert not lab.docker(f"run -d --name app --network ext {IIS}").ok
    assert snapshot(lab) == before
    lab.save(tmp_path / "lab.json")
    loaded = wl.Lab.load(tmp_path / "lab.json")
    assert _apipa(loaded).apipa == _apipa(lab).apipa
    plain = wl.Lab()
    plain.docker(f"run -d --name web {IIS}")
    plain.save(tmp_path / "plain.json")
    text = (tmp_path / "plain.json").read_text()
    assert '"apipa":null' in text
    (tmp_path / "old.json").write_text(text.replace(',"apipa":null', ""))  # saved before APIPA existed
    old = wl.Lab.load(tmp_path / "old.json").host().endpoints_of("web")[0]
    assert old.apipa is None and str(old.address) == "172.16.0.2"
