"""dump_hns: the v1/v2 shapes of simulated state, and load_hns(dump_hns(lab)) round trips."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import winnetlab as wl
from winnetlab.dumps.export import endpoint_v1, network_v1, policylist_v1

V1_NETWORK_KEYS = {
    "ActivityId",
    "AdditionalParams",
    "CurrentEndpointCount",
    "Extensions",
    "Flags",
    "Health",
    "ID",
    "IPv6",
    "LayeredOn",
    "MacPools",
    "MaxConcurrentEndpoints",
    "Name",
    "Policies",
    "State",
    "Subnets",
    "TotalEndpoints",
    "Type",
    "Version",
}


@pytest.fixture
def lab():
    lab = wl.Lab(seed=4)
    h = lab.host()
    h.run("web", publish=["8080:80"])
    h.create_network(
        "l2b",
        driver="l2bridge",
        subnet="10.5.0.0/24",
        gateway="10.5.0.1",
        options={"com.docker.network.windowsshim.enable_outboundnat": "true"},
    )
    h.run("pod", network="l2b")
    return lab


def test_v1_network_has_the_real_field_names_sorted(lab):
    host = lab.host()
    nat = network_v1(host.network("nat"), host)
    assert V1_NETWORK_KEYS | {"NatName"} == set(nat)
    assert list(nat) == sorted(nat)
    assert nat["Type"] == "NAT" and nat["Name"] == "nat" and nat["Flags"] == 8
    assert nat["Policies"] == [{"Type": "VLAN", "VLAN": 1}]  # WS2022+ nat networks
    assert [e["IsEnabled"] for e in nat["Extensions"]] == [False, False, True]
    l2b = network_v1(host.network("l2b"), host)
    assert l2b["Name"] == host.network("l2b").docker_id  # no networkname: HNS name is the id
    assert l2b["NetworkAdapterName"] == "Ethernet" and l2b["Extensions"][1]["IsEnabled"] is True


def test_v1_endpoint_and_policy_list(lab):
    host = lab.host()
    (ep,) = host.endpoints_of("web")
    d = endpoint_v1(ep, host)
    assert list(d)[:7] == [
        "ID",
        "Name",
        "Version",
        "AdditionalParams",
        "Resources",
        "State",
        "VirtualNetwork",
    ]
    assert d["ID"] == ep.id.lower() and d["VirtualNetwork"] == ep.network_id.lower()  # as HNS writes them
    assert d["VirtualNetworkName"] == "nat" and d["EnableInternalDNS"] is True
    assert {
        "Type": "NAT",
        "Protocol": "TCP",
        "InternalPort": 80,
        "ExternalPort": 8080,
        "ExternalPortReserved": True,
    } in d["Policies"]
    assert d["MacAddress"].startswith("00-15-5D-") and d["PrefixLength"] == 16


def test_older_hns_sorts_endpoint_keys():
    lab = wl.Lab(windows="ltsc2019")
    lab.host().run("a")
    host = lab.host()
    d = endpoint_v1(next(iter(host.endpoints.values())), host)
    assert list(d) == sorted(d)


def test_v2_shapes(lab):
    dump = wl.dump_hns(lab, version=2)
    nat = next(n for n in dump["networks"] if n["Name"] == "nat")
    assert "Type" not in nat and nat["SchemaVersion"] == {"Major": 2, "Minor": 11}
    assert nat["Ipams"][0]["Subnets"][0]["Routes"] == [
        {"NextHop": "172.16.0.1", "DestinationPrefix": "0.0.0.0/0"}
    ]
    ep = next(
        e for e in dump["endpoints"] if e["Name"] and e["IpConfigurations"][0]["IpAddress"].startswith("172.")
    )
    assert {
        "Type": "PortMapping",
        "Settings": {"Protocol": 6, "InternalPort": 80, "ExternalPort": 8080, "Flags": 4},
    } in ep["Policies"]
    assert dump["namespaces"] and all("NamespaceId" in ns for ns in dump["namespaces"])
    with pytest.raises(wl.Unsupported):
        wl.dump_hns(wl.Lab(windows="ltsc2016"), version=2)
    with pytest.raises(wl.InvalidParameter):
        wl.dump_hns(lab, version=3)


def test_swarm_policy_lists_export_as_elb_and_load_balancer():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.docker("network create -d overlay ov")
    lab.create_service("svc", replicas=2, networks=["ov"], publish=["8088:80"])
    host = lab.host()
    pls = [policylist_v1(pl, host) for pl in host.policy_lists]
    assert pls and all(p["References"][0].startswith("/endpoints/") for p in pls)
    assert {p["Policies"][0]["Type"] for p in pls} == {"ELB"}
    v2 = wl.dump_hns(lab, version=2)["policylists"]
    assert all("HostComputeEndpoints" in p and "FrontendVIPs" in p for p in v2)


def hns_view(lab, version=1):
    """What HNS holds, as rows comparable across an export/import round trip (v2 has no NatName)."""
    host = lab.host()
    nets = sorted(
        (
            n.id,
            n.hns_name,
            n.hns_type,
            tuple((str(s.prefix), str(s.gateway), s.policies) for s in n.subnets),
            n.policies,
            n.mac_pool and n.mac_pool.start_mac,
            str(n.management_ip),
            n.adapter,
            n.nat_name if version == 1 else "",
        )
        for n in host.hns_networks.values()
    )
    # HNS writes an endpoint's GUIDs in lower case (the engine makes them upper case): GUIDs
    # compare without case
    eps = sorted(
        (
            e.id.lower(),
            e.name,
            e.network_id.lower(),
            str(e.ip_address),
            e.prefix_length,
            e.mac_address,
            str(e.gateway),
            tuple(e.dns_servers),
            e.policies,
            e.remote,
        )
        for e in host.endpoints.values()
    )
    pls = sorted((p.id, tuple(r.lower() for r in p.references), p.policies) for p in host.policy_lists)
    return nets, eps, pls


def table_view(lab):
    """The HNS columns (Docker's names are not in a dump: a network created without the
    networkname option comes back named by its Docker id, as on a real host)."""
    cols = {
        "networks": ["driver", "hns_type", "hns_id", "subnet", "gateway"],
        "endpoints": ["endpoint_id", "driver", "ip_address", "mac_address", "remote", "policies"],
        "policies": ["scope", "type", "settings"],
    }
    view = {t: getattr(wl.tables, t)(lab)[c].values.tolist() for t, c in cols.items()}
    for row in view["endpoints"]:
        row[0] = row[0].lower()  # HNS writes endpoint ids in lower case
    return view


DRIVERS = st.sampled_from(["nat", "l2bridge", "transparent", "l2tunnel"])


@st.composite
def random_labs(draw):
    lab = wl.Lab(seed=draw(st.integers(0, 50)), windows=draw(st.sampled_from(["ltsc2019", "ltsc2022"])))
    host = lab.host()
    for i in range(draw(st.integers(0, 3))):
        host.run(f"c{i}", publish=[f"{8000 + i}:80"] if draw(st.booleans()) else [])
    driver = draw(DRIVERS)
    if driver != "nat":
        named = draw(st.booleans())
        host.create_network(
            "extra",
            driver=driver,
            subnet="10.9.0.0/24",
            gateway="10.9.0.1",
            options={"com.docker.network.windowsshim.networkname": "extra"} if named else None,
        )
        for i in range(draw(st.integers(0, 3))):
            host.run(f"x{i}", network="extra")
    return lab


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_labs(), st.sampled_from([1, 2]))
def test_round_trip_reproduces_what_hns_sees(lab, version):
    dump = wl.dump_hns(lab, version=version)
    back = wl.load_hns(json.loads(json.dumps(dump)), windows=lab.profile.name)
    assert hns_view(back, version) == hns_view(lab, version)
    assert [w for w in back.warnings if "HNS" not in w] == []
    if version == 1:
        assert wl.dump_hns(back) == json.loads(json.dumps(dump))  # a second trip changes nothing


def test_round_trip_tables_match(lab):
    back = wl.load_hns(wl.dump_hns(lab))
    original, restored = table_view(lab), table_view(back)
    hns_only = [r for r in original["networks"] if r[0] != "null"]
    assert sorted(hns_only) == sorted(r for r in restored["networks"] if r[0] != "null")
    assert sorted(original["endpoints"]) == sorted(restored["endpoints"])
    # endpoint policies are compared through the endpoints table (the policies table lists
    # endpoints by their container, and a dump has no containers)
    assert sorted(r for r in original["policies"] if r[0] != "endpoint") == sorted(
        r for r in restored["policies"] if r[0] != "endpoint"
    )


def test_export_is_deterministic():
    def make():
        lab = wl.Lab(seed=9)
        lab.host().run("a", publish=["80:80"])
        return json.dumps(wl.dump_hns(lab)) + json.dumps(wl.dump_hns(lab, version=2))

    assert make() == make()
