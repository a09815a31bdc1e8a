"""The packet walk (issue 5): one test per behaviour the walk must get right."""

import subprocess
import sys

import pytest

import winnetlab as wl
from winnetlab.engine import policies as P

OUTBOUNDNAT = {"com.docker.network.windowsshim.enable_outboundnat": "true"}


def hop(t, component, action=None):
    found = t.find(component, action)
    assert found, f"no hop {component!r}/{action!r} in:\n{t!r}"
    return found[0]


@pytest.fixture
def nat_lab():
    lab = wl.Lab(hosts=2)
    h1 = lab.host("host1")
    h1.run("web", publish=["8080:80"])
    h1.run("cli")
    lab.host("host2").run("far")
    return lab


# ---------------------------------------------------------------- nat
def test_nat_egress_snat_to_host_ip_and_back(nat_lab):
    t = nat_lab.trace("web", "8.8.8.8", port=53, protocol="udp")
    assert t.verdict == "delivered"
    snat = hop(t, "WinNAT", "SNAT")
    assert snat.src_ip == "192.168.0.11" and snat.rule.startswith("NAT")
    assert t.hops[0].src_ip == "172.16.0.2"
    assert t.last.host == "internet" and t.last.src_ip == "192.168.0.11"
    back = t.reply
    assert back.verdict == "delivered"
    un = hop(back, "WinNAT", "un-SNAT")
    assert un.dst_ip == "172.16.0.2" and un.dst_port == t.hops[0].src_port
    assert back.last.component == "container web"


def test_nat_inbound_only_through_published_port_and_firewall_rule(nat_lab):
    t = nat_lab.trace("host2", "host1:8080")
    assert t.verdict == "delivered"
    dnat = hop(t, "WinNAT", "DNAT")
    assert (dnat.dst_ip, dnat.dst_port) == ("172.16.0.2", 80)
    fw = hop(t, "Windows Firewall", "allow")
    assert fw.rule.startswith("HNS-")
    closed = nat_lab.trace("host2", "host1:8081")
    assert closed.verdict == "dropped" and "default inbound action is Block" in closed.reason
    direct = nat_lab.trace("internet", "172.16.0.2", port=80)
    assert direct.verdict == "dropped" and "172.16.0.2" in direct.reason


def test_container_to_own_host_published_port_hairpins(nat_lab):
    t = nat_lab.trace("cli", "host1:8080")
    assert t.verdict == "delivered" and t.last.component == "container web"
    assert "hairpin" in hop(t, "WinNAT", "DNAT").detail
    assert t.reply.verdict == "delivered" and t.reply.last.component == "container cli"
    assert t.reply.last.src_ip == "192.168.0.11" and t.reply.last.src_port == 8080


@pytest.mark.parametrize(
    "windows, verdict", [("ltsc2016", "dropped"), ("ltsc2019", "delivered"), ("ltsc2022", "delivered")]
)
def test_host_to_own_published_port_via_localhost_from_ltsc2019(windows, verdict):
    lab = wl.Lab(windows=windows)
    lab.host().run("web", publish=["8080:80"])
    assert lab.trace("host1", "localhost:8080").verdict == verdict
    own = lab.trace("host1", "host1:8080")
    assert own.verdict == "dropped" and "own address" in own.reason


def test_cross_subnet_nat_networks_are_not_routed():
    lab = wl.Lab()
    h = lab.host()
    h.create_network("nat2", driver="nat", subnet="10.10.0.0/24")
    h.run("a")
    h.run("b", network="nat2")
    t = lab.trace("a", "b", port=80)
    assert t.verdict == "dropped" and "not routed" in t.reason
    assert t.last.component == "WinNAT"


def test_ltsc2016_denies_unsolicited_inbound_to_nat_containers():
    lab = wl.Lab(windows="ltsc2016")
    h = lab.host()
    h.run("a")
    h.run("b")
    assert lab.trace("a", "b", port=80).verdict == "dropped"
    assert lab.trace("a", "b").verdict == "delivered"  # ICMP is "common" traffic


# ---------------------------------------------------------------- transparent
@pytest.fixture
def transparent_lab():
    lab = wl.Lab(hosts=2)
    for h in lab.hosts.values():
        h.create_network("tp", driver="transparent")
    lab.host("host1").run("t1", network="tp")
    lab.host("host2").run("t2", network="tp")
    return lab


def test_transparent_container_is_seen_with_its_own_mac(transparent_lab):
    t = transparent_lab.trace("t1", "t2", port=80)
    ep = transparent_lab.host("host1").endpoints_of("t1")[0]
    assert t.verdict == "delivered"
    wire = hop(t, "LAN switch")
    assert wire.src_mac == ep.mac_address and wire.src_ip == str(ep.dhcp_lease)
    assert not t.find("WinNAT") and not t.find("MAC_REWRITE")


def test_transparent_dropped_on_vm_host_without_mac_spoofing(transparent_lab):
    transparent_lab.host("host1").configure(is_vm=True)
    t = transparent_lab.trace("t1", "t2", port=80)
    assert t.verdict == "dropped" and t.last.host == "physical-host" and "MacAddressSpoofing" in t.reason
    transparent_lab.host("host1").configure(mac_spoofing=True)
    assert transparent_lab.trace("t1", "t2", port=80).verdict == "delivered"


# ---------------------------------------------------------------- l2bridge
@pytest.fixture
def l2bridge_lab():
    lab = wl.Lab(hosts=2)
    lab.host("host1").create_network("l2b", driver="l2bridge", subnet="10.244.1.0/24")
    lab.host("host2").create_network(
        "l2b",
        driver="l2bridge",
        subnet="10.244.2.0/24",
        options={**OUTBOUNDNAT, "com.docker.network.windowsshim.outboundnat_exceptions": "10.244.0.0/16"},
    )
    lab.host("host1").run("p1", network="l2b")
    lab.host("host2").run("p2", network="l2b")
    return lab


def test_l2bridge_rewrites_mac_to_host_and_back_host_gw(l2bridge_lab):
    h1, h2 = l2bridge_lab.host("host1"), l2bridge_lab.host("host2")
    t = l2bridge_lab.trace("p1", "p2", port=80)
    assert t.verdict == "delivered"
    out = hop(t, "VNET_MAC_REWRITE_LAYER", "rewrite MAC")
    assert out.host == "host1" and out.src_mac == h1.mac_address
    wire = hop(t, "LAN switch")
    assert wire.src_ip == "10.244.1.2" and wire.dst_mac == h2.mac_address  # own IP, host-gw route
    back = [x for x in t.find("VNET_MAC_REWRITE_LAYER") if x.host == "host2"][0]
    assert back.dst_mac == h2.endpoints_of("p2")[0].mac_address


def test_l2bridge_no_internet_without_outboundnat(l2bridge_lab):
    t = l2bridge_lab.trace("p1", "internet", port=80)
    assert t.verdict == "dropped" and "enable_outboundnat" in t.reason
    ok = l2bridge_lab.trace("p2", "internet", port=80)
    assert ok.verdict == "delivered" and hop(ok, "SLB_NAT_LAYER", "SNAT").src_ip == "192.168.0.12"


def test_l2bridge_outboundnat_exceptions_keep_the_source(l2bridge_lab):
    t = l2bridge_lab.trace("p2", "p1", port=80)
    assert t.verdict == "delivered"
    assert hop(t, "SLB_NAT_LAYER", "no NAT").rule.startswith("ALLOW_NAT_EXCEPTION")
    assert t.last.src_ip == "10.244.2.2"


# ---------------------------------------------------------------- overlay and swarm
@pytest.fixture
def swarm_lab():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.host("host1").create_network("ov", driver="overlay", attachable=True)
    lab.host("host1").run("o1", network="ov")
    lab.host("host1").run("o3", network="ov")
    lab.host("host2").run("o2", network="ov")
    return lab


def test_overlay_same_host_is_bridged_without_vxlan(swarm_lab):
    t = swarm_lab.trace("o1", "o3", port=80)
    assert t.verdict == "delivered" and all(h.outer is None for h in t.hops)
    assert set(t.hosts()) == {"host1"}


def test_overlay_cross_host_vxlan_between_provider_addresses(swarm_lab):
    t = swarm_lab.trace("o1", "o2", port=80)
    assert t.verdict == "delivered"
    enc = hop(t, "VNET_ENCAP_LAYER", "encap")
    vni = swarm_lab.swarm.networks["ov"].vni
    assert enc.outer.vni == vni >= 4096 and enc.outer.dst_port == 4789
    assert (enc.outer.src_ip, enc.outer.dst_ip) == ("192.168.0.11", "192.168.0.12")
    assert enc.src_ip.startswith("10.0.") and enc.dst_ip == str(
        swarm_lab.host("host2").endpoints_of("o2")[0].ip_address
    )
    assert hop(t, "LAN switch").outer is not None
    dec = hop(t, "VNET_ENCAP_LAYER", "decap")
    assert dec.host == "host2" and dec.outer is None
    assert t.reply.verdict == "delivered"


def test_overlay_egress_outboundnat_and_no_icmp_out(swarm_lab):
    t = swarm_lab.trace("o1", "internet", port=443)
    assert t.verdict == "delivered" and hop(t, "SLB_NAT_LAYER", "SNAT").src_ip == "192.168.0.11"
    ping = swarm_lab.trace("o1", "8.8.8.8")
    assert ping.verdict == "dropped" and "ICMP" in ping.reason
    assert swarm_lab.trace("o1", "o2").verdict == "delivered"  # ICMP inside the overlay is fine


def test_swarm_vip_selects_a_backend(swarm_lab):
    svc = swarm_lab.create_service("web", replicas=2, networks=["ov"])
    backends = set()
    for port in range(80, 100):
        t = swarm_lab.trace("o1", "web", port=port)
        assert t.verdict == "delivered"
        assert hop(t, "DNS").detail.endswith("(the service VIP on ov)")
        lb = hop(t, "SLB_LB_LAYER", "load-balance")
        assert lb.dst_port == port
        backends.add(lb.dst_ip)
        assert t.reply.last.src_ip == str(svc.vips["ov"])  # the reply comes back from the VIP
    assert len(backends) == 2


def test_routing_mesh_reaches_a_task_through_any_node(swarm_lab):
    swarm_lab.create_service("web", replicas=1, networks=["ov"], publish=["8080:80"])
    for node in ("host1", "host2"):
        t = swarm_lab.trace("internet", f"{node}:8080")
        assert t.verdict == "delivered" and t.last.component.startswith("container web.")
        assert t.reply.verdict == "delivered"


def test_ltsc2016_overlay_uses_the_nat_endpoint_for_the_internet():
    lab = wl.Lab(windows="ltsc2016")
    lab.swarm_init()
    lab.host().create_network("ov", driver="overlay", attachable=True)
    lab.host().run("o", network="ov")
    t = lab.trace("o", "8.8.8.8")
    assert t.verdict == "delivered" and hop(t, "WinNAT", "SNAT")


# ---------------------------------------------------------------- l2tunnel
def test_l2tunnel_hairpins_every_packet_to_the_physical_host():
    lab = wl.Lab()
    h = lab.host()
    h.create_network("tun", driver="l2tunnel", subnet="10.1.0.0/24")
    h.run("a", network="tun")
    h.run("b", network="tun")
    t = lab.trace("a", "b", port=80)
    assert t.verdict == "delivered"
    assert [x.action for x in t.hops if x.host == "physical-host"] == ["apply", "hairpin"]
    assert hop(t, "VNET_MAC_REWRITE_LAYER", "hairpin").src_mac == h.mac_address


# ---------------------------------------------------------------- ACLs
def test_acl_block_and_priority_decide(l2bridge_lab):
    h2 = l2bridge_lab.host("host2")
    net = h2.endpoints_of("p2")[0].network
    h2.add_acl("p2", net, "Block", "In", 200, protocols="TCP")
    h2.add_acl("p2", net, "Allow", "In", 100, protocols="6", local_ports="443")
    blocked = l2bridge_lab.trace("p1", "p2", port=80)
    assert blocked.verdict == "dropped" and "Block In" in blocked.reason
    assert blocked.last.component == "VFP ACL_ENDPOINT_LAYER"
    assert l2bridge_lab.trace("p1", "p2", port=443).verdict == "delivered"  # priority 100 wins
    assert l2bridge_lab.trace("p1", "p2", port=53, protocol="udp").verdict == "delivered"


# The Host ACL check (WFP) and the VFP ACL layer used to disagree on these: a port-less packet
# (ICMP) against a rule with ports, and protocol "0"/"256" (any).  Both match with
# policies.Acl.matches's rules now; each case runs through both enforcement points.
@pytest.mark.parametrize("rule_type", ["Switch", "Host"])
@pytest.mark.parametrize(
    "protocols, local_ports, probe, verdict",
    [
        ("", "80", dict(protocol="icmp"), "delivered"),  # ports are not a condition ICMP can meet
        ("", "80", dict(port=80), "dropped"),
        ("256", "", dict(protocol="icmp"), "dropped"),  # 256: any protocol
        ("256", "", dict(port=80, protocol="udp"), "dropped"),
        ("256", "80", dict(protocol="icmp"), "delivered"),
        ("icmp", "", dict(port=80), "delivered"),
    ],
)
def test_host_and_switch_acls_match_alike(l2bridge_lab, rule_type, protocols, local_ports, probe, verdict):
    h2 = l2bridge_lab.host("host2")
    net = h2.endpoints_of("p2")[0].network
    h2.add_acl(
        "p2", net, "Block", "In", 100, protocols=protocols, local_ports=local_ports, rule_type=rule_type
    )
    t = l2bridge_lab.trace("p1", "p2", **probe)
    assert t.verdict == verdict, t.reason
    if verdict == "dropped":
        assert ("VFP" in t.last.component) == (rule_type == "Switch")


def test_acl_fields_mean_the_same_everywhere():
    from ipaddress import ip_address

    def m(acl, protocol="tcp", local_port=80, remote="10.0.0.5", remote_port=50000):
        return acl.matches(
            protocol,
            local_ip=ip_address("10.1.0.2"),
            local_port=local_port,
            remote_ip=remote,
            remote_port=remote_port,
        )

    assert m(P.Acl(protocols="0")) and m(
        P.Acl(protocols="0"), "icmp", None, remote_port=None
    )  # 0: no condition
    assert (
        m(P.Acl(protocols="256")) and m(P.Acl(protocols="6,17"), "udp") and not m(P.Acl(protocols="6"), "udp")
    )
    assert not m(P.Acl(local_ports="80"), "icmp", None, remote_port=None)
    assert m(P.Acl(local_ports="79-81")) and not m(P.Acl(local_ports="81-90"))
    assert m(P.Acl(remote_ports="50000")) and not m(P.Acl(remote_ports="53"))
    assert m(P.Acl(remote_addresses="10.0.0.0/24")) and not m(P.Acl(remote_addresses="10.0.1.0/24"))
    assert m(P.Acl(local_addresses="10.1.0.2")) and not m(P.Acl(local_addresses="10.1.0.3"))
    assert P.Acl(protocols="256", remote_ports="53").conditions == (
        ("protocols", "256"),
        ("remote_ports", "53"),
    )


def test_vfp_flow_table_holds_a_flow_without_changing_what_a_trace_shows(swarm_lab, tmp_path):
    first = swarm_lab.trace("o1", "o2", port=80)
    again = swarm_lab.trace("o1", "o2", port=80)
    assert first.flow_hits == () and again.flow_hits  # the second packet of the flow hits the table
    assert {(host, d) for host, _, d in again.flow_hits} == {("host1", "OUT"), ("host2", "IN")}
    assert again.hops == first.hops and repr(again) == repr(first)
    assert again._repr_html_() == first._repr_html_() and again.reply.hops == first.reply.hops
    assert swarm_lab.trace("o1", "o2", port=81).flow_hits == ()  # a new port is a new flow
    before = wl.dump_hns(swarm_lab)
    swarm_lab.host("host1").run("o4", network="ov")  # any change on the host reprograms its ports
    assert [h for h in swarm_lab.trace("o1", "o2", port=80).flow_hits if h[0] == "host1"] == []
    fresh = wl.Lab(hosts=2)
    fresh.swarm_init()
    fresh.swarm_join("host2")
    fresh.host("host1").create_network("ov", driver="overlay", attachable=True)
    for name, host in (("o1", "host1"), ("o3", "host1"), ("o2", "host2")):
        fresh.host(host).run(name, network="ov")
    assert wl.dump_hns(fresh) == before  # the table is not HNS state: dumps do not carry it
    fresh.host("host1").run("o4", network="ov")
    swarm_lab.save(tmp_path / "a.json")
    fresh.save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_vfp_flow_table_decides_like_matching_after_an_acl_change(l2bridge_lab):
    h2 = l2bridge_lab.host("host2")
    assert l2bridge_lab.trace("p1", "p2", port=80).verdict == "delivered"
    assert l2bridge_lab.trace("p1", "p2", port=80).flow_hits
    h2.add_acl("p2", h2.endpoints_of("p2")[0].network, "Block", "In", 100, protocols="6")
    blocked = l2bridge_lab.trace("p1", "p2", port=80)
    assert blocked.verdict == "dropped" and not [h for h in blocked.flow_hits if h[0] == "host2"]
    assert l2bridge_lab.trace("p1", "p2", port=80).verdict == "dropped"  # the compiled drop holds


# ---------------------------------------------------------------- the Trace object, reachability, errors
def test_trace_is_deterministic_and_renders(nat_lab):
    a = wl.Lab(hosts=2)
    a.host("host1").run("web", publish=["8080:80"])
    a.host("host1").run("cli")
    a.host("host2").run("far")
    t1, t2 = nat_lab.trace("cli", "8.8.8.8", port=443), a.trace("cli", "8.8.8.8", port=443)
    assert t1.hops == t2.hops and repr(t1) == repr(t2) and t1._repr_html_() == t2._repr_html_()
    frame = t1.to_frame()
    assert list(frame.index) == list(range(1, len(t1.hops) + 1))
    assert {"host", "component", "src_ip", "dst_mac", "vni", "outer_dst_port"} <= set(frame.columns)
    assert frame["vni"].tolist() == [""] * len(frame)  # not applicable: an empty cell, no NaN
    ports = [p for p in frame["src_port"] if p != ""]
    assert ports and all(type(p) is int for p in ports)  # 443, not 443.0
    assert "<b>192.168.0.11:" in t1._repr_html_()  # the SNAT'ed source is highlighted


def test_reachability_is_square_over_containers_hosts_and_internet(nat_lab):
    frame = nat_lab.reachability(port=80)
    names = ["cli", "far", "web", "host1", "host2", "internet"]
    assert list(frame.index) == names and list(frame.columns) == names
    assert frame.loc["cli", "web"] == "delivered"
    assert frame.loc["internet", "web"] == "dropped"
    assert frame.loc["far", "internet"] == "delivered"
    assert set(frame.values.ravel()) <= {"delivered", "dropped", ""}
    assert [frame.loc[n, n] for n in names] == [""] * len(names)  # no place is walked to itself
    html = frame._repr_html_()
    assert "#dafbe1" in html and "#ffebe9" in html and html == nat_lab.reachability(port=80)._repr_html_()


def test_bad_input_raises_clear_errors_and_changes_nothing(nat_lab):
    before = [len(h.events) for h in nat_lab.hosts.values()]
    with pytest.raises(wl.NotFound):
        nat_lab.trace("nobody", "web")
    with pytest.raises(wl.NotFound):
        nat_lab.trace("web", "nowhere")
    with pytest.raises(wl.InvalidParameter):
        nat_lab.trace("web", "cli", port=70000)
    with pytest.raises(wl.InvalidParameter):
        nat_lab.trace("web", "cli", port=80, protocol="sctp")
    assert [len(h.events) for h in nat_lab.hosts.values()] == before


def test_trace_module_does_not_import_pandas():
    code = (
        "import sys, winnetlab as wl; lab = wl.Lab(); lab.host().run('a'); lab.trace('a', 'internet', 80); "
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_host_acl_is_enforced_by_the_windows_filtering_platform(l2bridge_lab):
    h2 = l2bridge_lab.host("host2")
    net = h2.endpoints_of("p2")[0].network
    h2.add_acl("p2", net, "Block", "In", 100, protocols="TCP", local_ports="8443", rule_type="Host")
    blocked = l2bridge_lab.trace("p1", "p2", port=8443)
    assert blocked.verdict == "dropped" and "Block In" in blocked.reason
    assert "VFP" not in blocked.last.component, "a Host ACL is not a VFP rule"
    assert l2bridge_lab.trace("p1", "p2", port=8080).verdict == "delivered"


def test_l2bridge_on_the_lan_subnet_bridges_across_hosts():
    lab = wl.Lab(hosts=2)
    for h in ("host1", "host2"):
        lab.host(h).create_network("lan", driver="l2bridge", subnet="192.168.0.0/24", gateway="192.168.0.1")
    lab.host("host1").run("a", network="lan")
    lab.host("host2").run("b", network="lan", ip="192.168.0.60")
    t = lab.trace("a", "b", port=80)
    assert t.verdict == "delivered"
    assert any(h.host == "LAN" for h in t.hops), "same subnet: bridged over the LAN, no router"
    assert not any("router" in h.component for h in t.hops)
    lab.host("host2").run("d", network="lan")  # HNS on host2 also hands out 192.168.0.2
    clash = lab.trace("a", "d", port=80)
    assert clash.verdict == "dropped" and "static addresses (--ip)" in clash.reason


def test_the_lan_router_itself_answers(nat_lab):
    t = nat_lab.trace("cli", "192.168.0.1", protocol="icmp")
    assert t.verdict == "delivered" and "LAN router" in t.reason
    assert t.reply.verdict == "delivered"
    assert nat_lab.trace("cli", "192.168.0.1", port=53, protocol="udp").verdict == "delivered"


def test_overlay_outboundnat_leaves_with_the_host_mac():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    h1 = lab.host("host1")
    h1.create_network("ov", driver="overlay", attachable=True)
    h1.run("a", network="ov")
    t = lab.trace("a", "8.8.8.8", port=53, protocol="udp")
    wire = next(h for h in t.hops if h.host == "LAN")
    assert wire.src_ip == str(h1.address) and wire.src_mac == h1.mac_address


def test_every_lan_and_outside_address_gets_a_verdict(nat_lab):
    targets = [f"192.168.0.{i}" for i in range(256)] + [
        "8.8.8.8",
        "10.0.0.1",
        "172.16.0.2",
        "0.0.0.0",
        "255.255.255.255",
        "127.0.0.1",
        "localhost",
    ]
    for src in ("web", "host1", "internet"):
        for dst in targets:
            for port, proto in ((None, "tcp"), (80, "tcp"), (53, "udp")):
                try:
                    t = nat_lab.trace(src, dst, port=port, protocol=proto)
                except wl.WinNetLabError:
                    continue
                assert t.verdict in ("delivered", "dropped") and t.reason
