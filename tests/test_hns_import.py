"""Importing real HNS dumps into a lab: objects, Docker's adoption, warnings."""

import ipaddress
import json
from pathlib import Path

import winnetlab as wl
from winnetlab.engine import policies as P

DATA = Path(__file__).parent / "data" / "hns"


def test_format_list_networks_become_hns_networks_and_nothing_is_invented():
    lab = wl.load_hns(DATA / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
    host = lab.host()
    nat = host.hns_networks["0F82BC87-81F4-4473-989E-014FD5814DC7"]
    assert (nat.hns_type, nat.driver, nat.name) == ("NAT", "nat", "nat")
    assert nat.subnets[0].prefix == ipaddress.IPv4Network("172.24.144.0/20")
    assert nat.nat_name.startswith("ICS") and nat.mac_pool.start_mac == "00-15-5D-63-70-00"
    l2b = host.hns_networks["544A3CAB-A2FF-45FE-8E35-08C709B6E69F"]
    assert l2b.management_ip == ipaddress.IPv4Address("10.138.0.5")
    assert l2b.extra["Extensions"][1]["IsEnabled"] is True  # unknown fields kept
    assert lab.profile.name == "ltsc2019"  # Version 9.2 dates the dump
    assert lab.warnings == [] and any("HNS 9.2" in n for n in lab.notes)
    # the host's address is the one the dump holds; no LAN, MAC, none network or Docker
    assert host.address == ipaddress.IPv4Address("10.138.0.5") and host.mac_address is None
    assert dict(host.networks) == {} and not host.events
    assert all(a.mac_address == "" for a in host.adapters.values())
    assert host.inferred[("vswitch", "nat")].startswith("HNS creates an Internal vSwitch")
    assert ("vswitch", "External") in host.inferred


def test_docker_view_only_when_a_daemon_log_is_a_source():
    net = {"ID": "7535ff2a-9107-4a63-8302-b3c0f325bc6d", "Name": "nat", "Type": "nat"}
    body = json.dumps(net).replace('"', '\\"')
    log = f'time="2018-08-01T10:00:00Z" level=debug msg="Network Response : {body}"'
    lab = wl.load_hns(log)
    assert "nat" in lab.host().networks
    assert "hnsowned" in str(lab.host().network("nat").options)
    assert "none" not in lab.host().networks


def test_private_networks_are_not_adopted():
    lab = wl.load_hns(DATA / "06-private-network-v1-dockerd-debug-NetworkResponse.json")
    host = lab.host()
    assert [n.hns_type for n in host.hns_networks.values()] == ["Private"]
    assert "DockerNAT" not in host.networks
    assert host.vswitches["DockerNAT"].switch_type == "Private"


def test_overlay_remote_endpoint_with_pa_and_placeholder_network():
    lab = wl.load_hns(DATA / "01-overlay-remote-endpoint-v1-flannel-test.json")
    ep = lab.host().endpoints["8f109901-9970-4fda-bb2b-e9882fb3e8fb"]
    assert ep.remote and ep.mac_address == "0E-2A-0A-F4-02-8D"
    assert ep.policies == (P.ProviderAddress(pa="10.123.74.74"),)
    assert ep.provider_address == ipaddress.IPv4Address("10.123.74.74")
    assert ep.network == "vxlan0" and lab.host().hns_networks[ep.network_id].hns_type == "Overlay"
    assert ep.extra["EncapOverhead"] == 50
    assert lab.warnings == []  # a complete, valid file
    assert lab.host().inferred[("network", "vxlan0")].startswith("endpoint remote_10.244.2.141 names it")
    assert lab.host().address is None  # the PA of a remote endpoint is the other host's


def test_v2_endpoint_request_and_load_balancer():
    sources = (
        DATA / "12-calico-vxlan-endpoint-v2-create-request-Settings.json",
        DATA / "20-calico-overlay-loadbalancer-v2-kubeproxy-log-reformatted.txt",
    )
    assert list(wl.load_hns(*sources).hosts) == ["host1", "host2"]  # nothing links them
    lab = wl.load_hns(*sources, merge=True)
    host = lab.host()
    (ep,) = host.endpoints.values()
    assert ep.ip_address == ipaddress.IPv4Address("100.244.206.68")
    assert ep.gateway == ipaddress.IPv4Address("100.244.206.65")
    assert ep.dns_servers == ("10.96.0.10",)
    assert [type(p).__name__ for p in ep.policies] == ["OutboundNat", "Unknown", "ProviderAddress"]
    assert P.policy_type(ep.policies[1]) == "SDNROUTE"  # kept as written
    assert any("no ID" in n for n in lab.notes)
    (warning,) = lab.warnings  # the placeholder in the refused request, and nothing else
    assert "'<your service cidr>' is a placeholder" in warning
    (pl,) = host.policy_lists
    assert pl.policies == (
        P.LoadBalancer(
            protocol=6,
            internal_port=8080,
            external_port=80,
            source_vip="100.244.206.66",
            vips=("10.99.234.145",),
        ),
    )
    assert len(pl.references) == 3


def test_hnsdiag_endpoints_find_their_network_from_the_cni_name():
    lab = wl.load_hns(DATA / "08-overlay-endpoints-hnsdiag-list-endpoints.txt")
    host = lab.host()
    networks = sorted({e.network for e in host.endpoints.values()})
    assert networks == ["flannel.4096", "unknown"]


def test_truncated_overlay_network_type_is_inferred():
    lab = wl.load_hns(DATA / "14-overlay-flannel-network-v1-GetHnsNetwork-FormatList-TRUNCATED.txt")
    (net,) = lab.host().hns_networks.values()
    assert net.hns_type == "Overlay" and net.adapter == "Ethernet" and net.dr_mac == "00-15-5D-FB-CB-0D"
    assert any("truncated" in w for w in lab.warnings)


def test_v2_network_without_type_is_nat_and_bad_fields_warn():
    net = {
        "ID": "11111111-1111-1111-1111-111111111111",
        "Name": "n",
        "SchemaVersion": {"Major": 2, "Minor": 0},
        "Ipams": [
            {
                "Type": "Static",
                "Subnets": [
                    {
                        "IpAddressPrefix": "10.1.0.0/24",
                        "Routes": [{"NextHop": "10.1.0.1", "DestinationPrefix": "0.0.0.0/0"}],
                    }
                ],
            }
        ],
    }
    ep = {
        "ID": "22222222-2222-2222-2222-222222222222",
        "Name": 42,
        "VirtualNetwork": net["ID"],
        "IPAddress": "10.1.0.999",
        "PrefixLength": "twenty",
        "MacAddress": "zz",
        "Policies": [{"Type": "NAT", "InternalPort": "x"}],
    }
    lab = wl.load_hns(net, ep)
    host = lab.host()
    (n,) = host.hns_networks.values()
    assert n.hns_type == "NAT" and n.gateway == ipaddress.IPv4Address("10.1.0.1")
    e = host.endpoints[ep["ID"]]
    assert e.name == "42" and e.ip_address is None and e.prefix_length is None
    assert isinstance(e.policies[0], P.Unknown)
    joined = " ".join(lab.warnings)
    assert "not an IP address" in joined and "not a number" in joined and "not a MAC" in joined


def test_same_objects_from_several_files_merge(tmp_path):
    net = json.loads((DATA / "10-nat-network-v1-2018-dockerd-debug-NetworkResponse.json").read_text())
    ep = {
        "ID": "33333333-3333-3333-3333-333333333333",
        "Name": "Ethernet",
        "VirtualNetwork": net["ID"],
        "IPAddress": "192.168.112.5",
        "PrefixLength": 20,
        "MacAddress": "00:15:5d:48:a0:01",
    }
    (tmp_path / "network.txt").write_text(json.dumps(net))
    (tmp_path / "endpoint.txt").write_text(json.dumps({"Output": [ep], "Success": True}))
    lab = wl.load_hns(tmp_path)
    host = lab.host()
    e = host.endpoints[ep["ID"]]
    assert e.network == "nat" and e.mac_address == "00-15-5D-48-A0-01"
    assert list(host.hns_networks[net["ID"]].endpoint_ids) == [ep["ID"]]


def test_imported_lab_works_with_views_and_fronts():
    lab = wl.load_hns(DATA)
    for name in ("networks", "addresses", "endpoints", "routes", "policies", "port_mappings", "vswitches"):
        getattr(wl.tables, name)(lab)
    assert wl.graph(lab).number_of_nodes() > 0
    assert lab.powershell("Get-HnsNetwork | ConvertTo-Json").ok
    assert lab.docker("network ls").ok


def test_explicit_profile_and_seed_are_honoured():
    lab = wl.load_hns(
        DATA / "06-private-network-v1-dockerd-debug-NetworkResponse.json", windows="ltsc2022", seed=5
    )
    assert lab.profile.name == "ltsc2022" and lab.seed == 5
