"""Unit tests of the engine: defaults, each driver, Windows versions, and the real error wording."""

import ipaddress
import subprocess
import sys

import pytest
from statecheck import check_invariants, snapshot

import winnetlab as wl
from winnetlab.engine import policies as P
from winnetlab.fronts.docker_format import swarm_token

IP = ipaddress.IPv4Address
NET = ipaddress.IPv4Network
SHIM = "com.docker.network.windowsshim."


@pytest.fixture
def lab():
    return wl.Lab()


@pytest.fixture
def host(lab):
    return lab.host()


def test_fresh_host_has_nat_and_none_only(host):
    assert sorted(host.networks) == ["nat", "none"]
    nat = host.networks["nat"]
    assert (nat.driver, nat.hns_type, nat.hns_name) == ("nat", "NAT", "nat")
    assert nat.prefix == NET("172.16.0.0/16") and nat.gateway == IP("172.16.0.1")
    assert host.vswitches["nat"].switch_type == "Internal" and host.vswitches["nat"].adapter is None
    vnic = host.adapters["vEthernet (nat)"]
    assert vnic.ip_interface == ipaddress.IPv4Interface("172.16.0.1/16") and not vnic.physical
    assert host.nat[0].internal_prefix == NET("172.16.0.0/16") and host.nat[0].name.startswith("NAT")
    assert host.networks["none"].driver == "null" and "none" not in [
        n.name for n in host.hns_networks.values()
    ]
    assert host.adapters["Ethernet"].ip_interface.ip == host.address == IP("192.168.0.11")
    assert nat.mac_pool.pool.size == 4096 and nat.mac_pool.start_mac.startswith("00-15-5D-")
    assert nat.mac_pool.end_mac[-4:] == "F-FF" and nat.mac_pool.start_mac[-4:] == "0-00"


def test_no_host_or_bridge_network(host):
    with pytest.raises(wl.NotFound, match="network host not found"):
        host.run("x", network="host")
    with pytest.raises(
        wl.NotFound, match="could not find plugin bridge in v1 plugin registry: plugin not found"
    ):
        host.create_network("b", driver="bridge")
    with pytest.raises(wl.NotFound, match="could not find plugin NAT in v1 plugin registry"):
        host.create_network("b", driver="NAT")


def test_auto_nat_prefix_is_a_free_slash20_in_172_16_12():
    for seed in range(20):
        h = wl.Lab(seed=seed, nat_prefix="auto").host()
        prefix = h.networks["nat"].prefix
        assert prefix.prefixlen == 20 and prefix.subnet_of(NET("172.16.0.0/12"))
        assert h.networks["nat"].gateway == next(prefix.hosts())
    prefixes = {wl.Lab(seed=s, nat_prefix="auto").host().networks["nat"].prefix for s in range(20)}
    assert len(prefixes) > 5, "HNS picks differing prefixes"


def test_bridge_none_means_no_default_nat():
    h = wl.Lab(nat_prefix="none").host()
    assert sorted(h.networks) == ["none"] and not h.nat


@pytest.mark.parametrize("bad", ["x", "10.0.0.0/33", "fe80::/64", 5])
def test_bad_lab_arguments(bad):
    with pytest.raises(wl.InvalidParameter):
        wl.Lab(nat_prefix=bad)
    with pytest.raises(wl.InvalidParameter):
        wl.Lab(windows="ltsc1999")


@pytest.mark.parametrize("bad", [["mcr.microsoft.com/windows/nanoserver"], 123, {"x": 1}])
def test_an_image_that_is_not_text_is_refused_and_changes_nothing(host, bad):
    before = (dict(host.ids.counters), len(host.containers), host.event_count())
    with pytest.raises(wl.InvalidParameter, match="invalid reference format"):
        host.run("c", image=bad)
    assert (dict(host.ids.counters), len(host.containers), host.event_count()) == before


def test_nat_addresses_dns_and_published_ports(host):
    a = host.run("a", publish=["8080:80"])
    b = host.run("b", publish=["80", "53/udp"])
    ea, eb = host.endpoints_of(a.name)[0], host.endpoints_of(b.name)[0]
    assert ea.ip_address == IP("172.16.0.2") and eb.ip_address == IP("172.16.0.3")
    assert ea.dns_servers == ("172.16.0.1", "192.168.0.1") and ea.enable_internal_dns
    assert ea.gateway == IP("172.16.0.1") and ea.prefix_length == 16
    assert ea.mac_address != eb.mac_address and ea.name == "Ethernet"
    maps = {(m.protocol, m.external_port): m for m in host.nat_mappings}
    assert maps[("TCP", 8080)].internal_ip == ea.ip_address and maps[("TCP", 8080)].internal_port == 80
    assert ("TCP", 49152) in maps and ("UDP", 49152) in maps  # HNS picked ephemeral ports
    assert len(host.firewall_rules) == 3
    with pytest.raises(
        wl.Conflict, match="The process cannot access the file because it is being used by another"
    ):
        host.run("c", publish=["8080:80"])
    assert "c" not in host.containers


@pytest.mark.parametrize(
    "spec,message",
    [
        ("127.0.0.1:80:80", "Windows does not support host IP addresses in NAT settings"),
        ("8000-8010:80", "Windows does not support more than one host port in NAT settings"),
        ("80/sctp", "invalid protocol sctp"),
        ("99999:80", "invalid hostPort: 99999"),
    ],
)
def test_publish_refusals(host, spec, message):
    with pytest.raises(wl.WinNetLabError, match=message):
        host.run("x", publish=[spec])


def test_static_ip_rules(host):
    host.create_network("mynat", subnet="10.10.0.0/24")
    c = host.run("s", network="mynat", ip="10.10.0.50")
    assert host.endpoints_of(c.name)[0].ip_address == IP("10.10.0.50")
    with pytest.raises(wl.Conflict):
        host.run("t", network="mynat", ip="10.10.0.50")
    with pytest.raises(wl.Conflict):
        host.run("t", network="mynat", ip="10.10.0.1")
    with pytest.raises(wl.InvalidParameter, match="no matching subnet"):
        host.run("t", network="mynat", ip="10.99.0.5")


def test_network_create_refusals(host):
    with pytest.raises(wl.Unsupported, match="this request is not supported by the 'windows' ipam driver"):
        host.create_network("v6", ipv6=True)
    with pytest.raises(wl.Unsupported, match="this request is not supported by the 'windows' ipam driver"):
        host.create_network("r", subnet="10.1.0.0/16", ip_range="10.1.1.0/24")
    with pytest.raises(wl.InvalidParameter, match="IPv4 cannot be disabled on Windows"):
        host.create_network("v4", ipv4=False)
    with pytest.raises(wl.InvalidParameter, match="windowsshim driver doesn't support v6 subnets"):
        host.create_network("v6s", subnet="fd00::/64")
    with pytest.raises(wl.Conflict, match="network with name nat already exists"):
        host.create_network("nat")
    with pytest.raises(wl.Conflict, match="HNS failed with error : The object already exists."):
        host.create_network("overlap", subnet="172.16.5.0/24")
    with pytest.raises(wl.InvalidParameter, match='strconv.ParseUint: parsing "seven": invalid syntax'):
        host.create_network("v", driver="l2bridge", subnet="10.5.0.0/24", options={SHIM + "vlanid": "seven"})
    with pytest.raises(wl.InvalidParameter, match='strconv.ParseBool: parsing "yes": invalid syntax'):
        host.create_network(
            "o", driver="l2bridge", subnet="10.5.0.0/24", options={SHIM + "enable_outboundnat": "yes"}
        )
    with pytest.raises(wl.InvalidParameter, match="invalid mac pool. You must specify both a start range"):
        host.create_network("m", subnet="10.6.0.0/24", options={SHIM + "macpool": "00-15-5D-00-00-00"})
    with pytest.raises(wl.Conflict, match="nat is a pre-defined network and cannot be removed"):
        host.remove_network("nat")
    with pytest.raises(wl.Unsupported, match="This node is not a swarm manager"):
        host.create_network("ov", driver="overlay")


def test_remove_network_with_endpoints_and_teardown(host):
    net = host.create_network("mynat", subnet="10.10.0.0/24")
    host.run("a", network="mynat", publish=["81:80"])
    with pytest.raises(wl.Conflict, match="has active endpoints"):
        host.remove_network("mynat")
    host.remove_container("a")
    host.remove_network("mynat")
    assert net.vswitch not in host.vswitches and all(n.network_id != net.id for n in host.nat)
    assert not host.nat_mappings and not host.firewall_rules and not host.published


def test_user_nat_network_is_named_by_docker_id_in_hns(host):
    net = host.create_network("mynat", subnet="10.10.0.0/24")
    assert net.hns_name == net.docker_id and len(net.docker_id) == 64
    assert net.vswitch == net.docker_id and host.vswitches[net.docker_id].switch_type == "Internal"
    named = host.create_network("named", subnet="10.11.0.0/24", options={SHIM + "networkname": "Named"})
    assert named.hns_name == "Named" and named.options[SHIM + "hnsid"] == named.id


def test_ltsc2016_single_nat_prefix_and_no_hot_add():
    h = wl.Lab(windows="ltsc2016").host()
    assert "vEthernet (HNS Internal NIC)" in h.adapters and h.nat[0].name.startswith("H")
    h.create_network("CustomNat1", subnet="172.16.1.0/24", gateway="172.16.1.1")
    with pytest.raises(wl.Unsupported, match="HNS failed with error : Unspecified error"):
        h.create_network("Other", subnet="10.99.0.0/24")
    assert len(h.nat) == 1
    h.run("a")
    h.create_network("n2", subnet="172.16.2.0/24")
    with pytest.raises(wl.Unsupported, match="hcsshim::System::Modify"):
        h.connect("a", "n2")
    multi = wl.Lab(windows="ltsc2019").host()
    multi.create_network("Other", subnet="10.99.0.0/24")
    assert len(multi.nat) == 2


def test_hyperv_isolation_rules(host):
    host.run("v", isolation="hyperv")
    host.create_network("n2", subnet="10.20.0.0/24")
    with pytest.raises(wl.Unsupported):
        host.connect("v", "n2")
    with pytest.raises(wl.Unsupported, match="not supported while using Hyper-V Containers"):
        host.run("w", network="container:v", isolation="hyperv")
    assert any(e.detail.startswith("vmNIC") for e in host.events if e.action == "AttachEndpoint")


def test_hot_add_and_created_container_connect(host):
    host.create_network("n2", subnet="10.20.0.0/24")
    host.run("a")
    host.connect("a", "n2")
    assert [e.network for e in host.endpoints_of("a")] == ["nat", "n2"]
    host.disconnect("a", "n2")
    assert [e.network for e in host.endpoints_of("a")] == ["nat"]
    with pytest.raises(wl.NotFound, match="is not connected to network n2"):
        host.disconnect("a", "n2")
    host.create_container("b")
    host.connect("b", "n2")
    assert host.endpoints_of("b") == []
    host.start("b")
    assert [e.network for e in host.endpoints_of("b")] == ["nat", "n2"]


def test_docker_create_then_failed_start_leaves_created_container(host):
    host.run("a", publish=["8080:80"])
    host.create_container("b", publish=["8080:80"])
    with pytest.raises(wl.Conflict):
        host.start("b")
    assert host.containers["b"].state == "created" and host.endpoints_of("b") == []


def test_transparent_dhcp_static_and_adapter_rules(lab, host):
    t = host.create_network("tr", driver="transparent")
    assert t.dhcp and t.subnets == () and host.adapters["Ethernet"].ip_interface is None
    assert host.adapters[f"vEthernet ({t.hns_name})"].ip_interface.ip == host.address  # IP moved to the vNIC
    c = host.run("t1", network="tr")
    ep = host.endpoints_of(c.name)[0]
    assert ep.ip_address is None and ep.dhcp_lease == IP("192.168.0.100") and not ep.enable_internal_dns
    assert lab.lan.dhcp_leases[ep.mac_address] == ep.dhcp_lease
    with pytest.raises(wl.Conflict, match="The parameter is incorrect"):
        host.create_network("tr2", driver="transparent")
    host.add_adapter("Ethernet 2")
    t2 = host.create_network(
        "tr2",
        driver="transparent",
        subnet="192.168.0.0/24",
        gateway="192.168.0.1",
        options={SHIM + "interface": "Ethernet 2"},
    )
    c2 = host.run("t2", network="tr2", ip="192.168.0.50")
    assert host.endpoints_of(c2.name)[0].ip_address == IP("192.168.0.50")
    assert t2.adapter == "Ethernet 2"
    host.remove_container("t1")
    assert not lab.lan.dhcp_leases
    with pytest.raises(wl.InvalidParameter, match="The parameter is incorrect"):
        host.create_network("tr3", driver="transparent", options={SHIM + "interface": "vEthernet (nat)"})


def test_out_of_band_switch_adopted_only_after_restart(host):
    host.add_vswitch("CORP", "External", "Ethernet")
    assert "CORP" not in host.networks
    with pytest.raises(wl.Conflict) as err:
        host.create_network("tr", driver="transparent")
    assert "Restart-Service" in err.value.hint
    host.restart_service("docker")
    corp = host.networks["CORP"]
    assert (corp.driver, corp.hns_owned, corp.created_by_docker) == ("transparent", True, False)
    assert corp.options[SHIM + "hnsowned"] == "true"
    with pytest.raises(wl.Conflict, match="already bound to the Microsoft Virtual Switch protocol"):
        host.add_vswitch("Other", "External", "Ethernet")


def test_l2bridge_policies_and_vfp(host):
    host.create_network("l2nosub", driver="l2bridge")
    with pytest.raises(wl.InvalidParameter, match="the network does not have a subnet for this endpoint"):
        host.run("p0", network="l2nosub")
    host.remove_network("l2nosub")
    net = host.create_network(
        "l2b",
        driver="l2bridge",
        subnet="10.244.1.0/24",
        gateway="10.244.1.1",
        options={
            SHIM + "enable_outboundnat": "true",
            SHIM + "vlanid": "7",
            SHIM + "outboundnat_exceptions": "10.244.0.0/16,10.96.0.0/12",
        },
    )
    assert P.Vlan(vlan=7) in net.policies
    c = host.run("p1", network="l2b", publish=["8081:80"])
    ep = host.endpoints_of(c.name)[0]
    assert P.OutboundNat(exceptions=("10.244.0.0/16", "10.96.0.0/12")) in ep.policies
    assert ep.dns_servers == ("192.168.0.1",) and not ep.enable_internal_dns
    layers = {l.name: l for l in host.vfp_layers(ep)}
    assert list(layers) == ["ACL_ENDPOINT_LAYER", "SLB_NAT_LAYER", "VNET_MAC_REWRITE_LAYER"]
    assert {r.type for r in layers["SLB_NAT_LAYER"].rules} == {"nat", "allow", "dynnat"}
    assert not host.nat_mappings and host.published[("tcp", 8081)] == ep.id
    plain = host.create_network("l2c", driver="l2bridge", subnet="10.244.2.0/24")
    c2 = host.run("p2", network="l2c")
    assert not any(isinstance(p, P.OutboundNat) for p in host.endpoints_of(c2.name)[0].policies)
    assert plain.vswitch == net.vswitch, "HNS reuses the switch for a network of the same kind"


def test_l2tunnel_hairpins(host):
    host.create_network("l2t", driver="l2tunnel", subnet="10.50.0.0/24")
    ep = host.endpoints_of(host.run("t", network="l2t").name)[0]
    rules = [r for l in host.vfp_layers(ep) for r in l.rules]
    assert any(r.name == "FORWARD_TO_PHYSICAL_HOST" and r.terminating for r in rules)


def test_overlay_swarm_remote_endpoints_and_services():
    lab = wl.Lab(hosts=2)
    h1, h2 = lab.host("host1"), lab.host("host2")
    lab.swarm_init("host1")
    lab.swarm_join("host2")
    assert lab.swarm.networks["ingress"].vni == 4096 and lab.swarm.networks["ingress"].subnet == NET(
        "10.0.0.0/24"
    )
    with pytest.raises(wl.Unsupported, match="Worker nodes can't be used"):
        h2.create_network("ov2", driver="overlay")
    ov = h1.create_network("ov", driver="overlay", attachable=True)
    assert ov.vsid == 4097 and ov.prefix == NET("10.0.1.0/24") and ov.management_ip == h1.address
    assert h2.networks["ov"].management_ip == h2.address
    h1.run("a", network="ov"), h2.run("b", network="ov")
    ea = h1.endpoints_of("a")[0]
    assert P.ProviderAddress(pa="192.168.0.11") in ea.policies and P.OutboundNat() in ea.policies
    remote = [e for e in h2.endpoints.values() if e.remote]
    assert (
        len(remote) == 1
        and remote[0].ip_address == ea.ip_address
        and remote[0].provider_address == h1.address
    )
    encap = [r for l in h2.vfp_layers(h2.endpoints_of("b")[0]) for r in l.rules if r.type == "encap"]
    assert len(encap) == 1 and "PA 192.168.0.11" in encap[0].action
    h1.create_network("closed", driver="overlay")
    with pytest.raises(wl.Unsupported, match="not manually attachable"):
        h1.run("c", network="closed")
    svc = lab.create_service("web", replicas=3, networks=["ov"], publish=["8080:80"])
    assert [lab.find_container(t)[0].name for t in svc.tasks] == ["host1", "host2", "host1"]
    kinds = sorted((p.ilb, p.external_port) for pl in h2.policy_lists for p in pl.policies)
    assert kinds == [(False, 8080), (True, 0)]
    assert h1.mesh_ports[("tcp", 8080)] == "web" == h2.mesh_ports[("tcp", 8080)]
    assert ("tcp", 8080) not in h1.published  # published by the routing mesh, not by an endpoint
    lab.remove_service("web")
    assert not h1.policy_lists and not h2.policy_lists and not h1.mesh_ports and not h2.mesh_ports
    h2.remove_container("b")
    assert not [e for e in h1.endpoints.values() if e.remote]


def test_ltsc2016_overlay_uses_second_nat_endpoint_and_no_mesh():
    lab = wl.Lab(windows="ltsc2016")
    h = lab.host()
    lab.swarm_init()
    h.create_network("ov", driver="overlay", attachable=True)
    c = h.run("a", network="ov")
    assert [e.network for e in h.endpoints_of(c.name)] == ["ov", "nat"]
    assert not any(isinstance(p, P.OutboundNat) for e in h.endpoints_of(c.name) for p in e.policies)
    # docker/for-win#1552: accepted, then every task is rejected by HNS; mode=host works
    mesh = lab.create_service("mesh", networks=["ov"], publish=["8080:80"])
    assert mesh.task_error == "HNS failed with error : Catastrophic failure" and mesh.tasks == ()
    lab.remove_service("mesh")
    web = lab.create_service(
        "web", networks=["ov"], publish=["mode=host,target=80,published=8080"], endpoint_mode="dnsrr"
    )
    assert web.task_error == "" and len(web.tasks) == 1


def test_mac_pool_holds_4096_endpoints():
    h = wl.Lab(nat_prefix="none").host()
    h.create_network("big", subnet="10.0.0.0/16")
    for i in range(4096):
        h.run(f"c{i}", network="big")
    with pytest.raises(wl.Exhausted, match="MAC address pool"):
        h.run("one-too-many", network="big")
    assert "one-too-many" not in h.containers


def test_small_subnet_exhaustion(host):
    host.create_network("tiny", subnet="10.30.0.0/30")
    host.run("only", network="tiny")
    with pytest.raises(wl.Exhausted, match="IP address pool"):
        host.run("second", network="tiny")


def test_events_tell_the_hns_story(host):
    start = len(host.events)
    host.run("web", publish=["8080:80"])
    story = [(e.actor, e.action) for e in host.events[start:]]
    assert story == [
        ("Docker", "CreateContainer"),
        ("HNS", "CreateNamespace"),
        ("HCS", "CreateComputeSystem"),
        ("HNS", "CreateEndpoint"),
        ("HCS", "AttachEndpoint"),
        ("vSwitch", "CreatePort"),
        ("HNS", "ConfigureEndpoint"),
        ("WinNAT", "AddStaticMapping"),
        ("Firewall", "NewNetFirewallRule"),
        ("Docker", "StartContainer"),
    ]
    assert [e.seq for e in host.events] == list(range(1, len(host.events) + 1))


def test_l2bridge_host_gw_routes():
    lab = wl.Lab(hosts=2)
    lab.host("host1").create_network("cbr0", driver="l2bridge", subnet="10.244.1.0/24")
    lab.host("host2").create_network("cbr0", driver="l2bridge", subnet="10.244.2.0/24")
    lab.host("host2").create_network("lannet", driver="l2bridge", subnet="192.168.0.0/24")
    assert [(str(p), h.name, n) for p, h, n in lab.hostgw_routes()] == [
        ("10.244.1.0/24", "host1", "cbr0"),
        ("10.244.2.0/24", "host2", "cbr0"),
    ]  # an l2bridge network on the LAN's own subnet is bridged, not routed


def test_same_seed_same_everything_in_another_process():
    code = (
        "import winnetlab as wl; lab=wl.Lab(seed=7, hosts=2); h=lab.host(); "
        "h.run('a', publish=['80']); lab.swarm_init(); lab.swarm_join('host2'); "
        "h.create_network('ov', driver='overlay', attachable=True); h.run('b', network='ov'); "
        "print([(e.id, e.mac_address, str(e.ip_address)) for e in h.endpoints.values()]); "
        "print(h.events[-3:])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(s), "PATH": ""},
        ).stdout
        for s in (1, 2, 3)
    }
    assert len(outs) == 1
    other = subprocess.run(
        [sys.executable, "-c", code.replace("seed=7", "seed=8")], capture_output=True, text=True, check=True
    ).stdout
    assert other not in outs


def test_import_stays_light():
    code = (
        "import sys, time; t=time.perf_counter(); import winnetlab; "
        "print([m for m in ('pandas','matplotlib','networkx','ipywidgets') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_hnsid_option_wraps_an_existing_hns_network(host):
    with pytest.raises(wl.NotFound, match="The object identifier does not represent a valid object."):
        host.create_network("w", options={SHIM + "hnsid": "00000000-0000-0000-0000-000000000000"})
    nat = host.networks["nat"]
    with pytest.raises(wl.Conflict, match="already exists"):
        host.create_network("w", options={SHIM + "hnsid": nat.id})


def test_acl_policies_added_to_an_endpoint(host):
    host.create_network("l2b", driver="l2bridge", subnet="10.244.1.0/24")
    host.run("p", network="l2b")
    acl = host.add_acl("p", "l2b", "block", "in", 200, protocols="tcp,udp", local_ports="80")
    assert acl == P.Acl(
        action="Block",
        direction="In",
        priority=200,
        protocols="6,17",
        local_ports="80",
        remote_addresses="",
        remote_ports="",
        local_addresses="",
        rule_type="Switch",
    )
    ep = host.endpoints_of("p")[0]
    layer = next(l for l in host.vfp_layers(ep) if l.name == "ACL_ENDPOINT_LAYER")
    assert any(r.policy == acl for r in layer.rules), "a Switch ACL becomes a VFP rule"
    assert host.events[-1].action == "ModifyEndpoint"
    for bad in (
        dict(action="Deny"),
        dict(direction="Both"),
        dict(priority=70000),
        dict(protocols="sctp"),
        dict(local_ports="http"),
        dict(remote_addresses="10.0.0.0/33"),
        dict(rule_type="Router"),
    ):
        with pytest.raises(wl.InvalidParameter):
            host.add_acl("p", "l2b", **bad)
    with pytest.raises(wl.NotFound, match="is not connected to network nat"):
        host.add_acl("p", "nat")
    host.remove_acls("p", "l2b")
    assert not any(isinstance(p, P.Acl) for p in host.endpoints_of("p")[0].policies)


def _swarm_with_published_service():
    lab = wl.Lab(hosts=2)
    lab.swarm_init("host1")
    lab.create_service("web", replicas=2, publish=["8080:80"])
    return lab


def test_join_after_a_published_service():
    """Issue 10: this sequence raised KeyError and left host2 half-joined."""
    lab = _swarm_with_published_service()
    lab.swarm_join("host2")
    h2 = lab.host("host2")
    assert lab.swarm.nodes == ("host1", "host2") and "ingress" in h2.networks
    assert h2.mesh_ports == {("tcp", 8080): "web"}
    assert "host2" in lab.swarm.networks["ingress"].lb_ips
    elb = [p for pl in h2.policy_lists for p in pl.policies if not p.ilb]
    assert [(p.external_port, p.internal_port) for p in elb] == [(8080, 80)]
    assert lab.trace("internet", "host2", 8080).verdict == "delivered"  # the routing mesh on the new node
    check_invariants(lab)


def test_join_after_a_published_service_through_docker():
    lab = _swarm_with_published_service()
    r = lab.docker(f"swarm join --token {swarm_token(lab)} 192.168.0.11:2377", host="host2")
    assert r.exit_code == 0, r.output
    assert lab.swarm.nodes == ("host1", "host2")


def test_a_refused_join_leaves_every_host_as_it_was():
    lab = _swarm_with_published_service()
    lab.host("host2").run("blocker", network="nat", publish=["8080:80"])
    before = snapshot(lab)
    with pytest.raises(wl.Conflict, match="publishes it on every node"):
        lab.swarm_join("host2")
    assert snapshot(lab) == before
    r = lab.docker(f"swarm join --token {swarm_token(lab)} 192.168.0.11:2377", host="host2")
    assert r.exit_code != 0 and "Traceback" not in r.output and snapshot(lab) == before


def test_leave_takes_the_mesh_ports_with_it():
    lab = _swarm_with_published_service()
    lab.swarm_join("host2")
    lab.swarm_leave("host2")
    assert not lab.host("host2").mesh_ports and lab.host("host1").mesh_ports
    check_invariants(lab)
