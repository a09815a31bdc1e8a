"""wl.graph: node and edge kinds, structure that follows the data path, determinism."""

import networkx as nx
import pytest

import winnetlab as wl
from tests.views_labs import multi_lab, nat_lab
from winnetlab.views import netgraph as G


@pytest.fixture(scope="module")
def multi():
    return multi_lab()


def kinds(g, what="node"):
    items = g.nodes(data=True) if what == "node" else ((u, v, d) for u, v, d in g.edges(data=True))
    out = {}
    for *_, d in items:
        out[d["kind"]] = out.get(d["kind"], 0) + 1
    return out


def test_node_and_edge_kinds_are_from_the_contract(multi):
    g = wl.graph(multi)
    assert set(kinds(g)) == set(G.NODE_KINDS)
    assert set(kinds(g, "edge")) <= set(G.EDGE_KINDS)


def test_counts_match_the_engine(multi):
    g = wl.graph(multi)
    k = kinds(g)
    assert k["host"] == 3 and k["underlay"] == 1
    assert k["container"] == sum(len(h.containers) for h in multi.hosts.values())
    assert k["endpoint"] == sum(len(h.endpoints) for h in multi.hosts.values())
    assert k["network"] == sum(len(h.hns_networks) for h in multi.hosts.values())
    assert k["vswitch"] == sum(len(h.vswitches) for h in multi.hosts.values())
    assert k["winnat"] == 3
    assert k["tunnel"] == 2 * 3  # ingress and ov, one tunnel per pair of hosts
    remote = [n for n, d in g.nodes(data=True) if d["kind"] == "endpoint" and d["remote"]]
    assert len(remote) == 6 and all(g.edges[next(iter(g[n])), n]["kind"] == "remote" for n in remote)


def test_paths_follow_the_data_plane(multi):
    g = wl.graph(multi)
    overlay = nx.shortest_path(g, "host1/container/web1", "LAN")
    assert [g.nodes[n]["kind"] for n in overlay] == [
        "container",
        "endpoint",
        "network",
        "vswitch",
        "adapter",
        "underlay",
    ]
    nat = [g.nodes[n]["kind"] for n in nx.shortest_path(g, "host1/container/n1", "LAN")]
    assert nat[:5] == ["container", "endpoint", "network", "vswitch", "vnic"] and nat[-1] == "underlay"
    g.remove_nodes_from(["host1", "host2", "host3"])  # without the host stacks, WinNAT is the way out
    nat = [g.nodes[n]["kind"] for n in nx.shortest_path(g, "host1/container/n1", "LAN")]
    assert nat[5] == "winnat"


def test_vxlan_tunnel_attributes(multi):
    g = wl.graph(multi)
    t = g.nodes["tunnel/ov/host1-host2"]
    assert t["vni"] == multi.swarm.networks["ov"].vni
    assert t["endpoints"] == ("192.168.0.11", "192.168.0.12")
    assert {g.edges[e]["kind"] for e in g.edges("tunnel/ov/host1-host2")} == {"vxlan"}


def test_endpoint_attributes(multi):
    g = wl.graph(multi)
    ep = multi.host("host1").endpoints_of("web1")[0]
    d = g.nodes[f"host1/endpoint/{ep.id}"]
    assert (d["ip"], d["mac"], d["container"], d["driver"], d["ports"]) == (
        str(ep.ip_address),
        ep.mac_address,
        "web1",
        "overlay",
        "8080->80/tcp",
    )


def test_host_graph_has_no_tunnels_and_only_that_host(multi):
    g = wl.graph(multi.host("host2"))
    assert "tunnel" not in kinds(g)
    assert {d["host"] for _, d in g.nodes(data=True)} == {"", "host2"}


def test_deterministic():
    a, b = wl.graph(nat_lab()), wl.graph(nat_lab())
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_wl_graph_is_the_function_even_after_the_module_was_imported():
    import winnetlab.views.netgraph

    assert wl.graph is winnetlab.views.netgraph.graph
    assert wl.graph(nat_lab()).number_of_nodes() > 0


def test_bad_input():
    with pytest.raises(wl.InvalidParameter, match="expected a winnetlab Lab or Host, got str"):
        wl.graph("host1")


def test_networks_sharing_a_name_stay_apart():
    import winnetlab as wl

    lab = wl.load_hns(
        "tests/data/hns/10-nat-network-v1-2018-dockerd-debug-NetworkResponse.json",
        "tests/data/hns/04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt",
        merge=True,
    )
    host = lab.host()
    names = [n.name for n in host.hns_networks.values()]
    g = wl.graph(lab)
    nets = [n for n, d in g.nodes(data=True) if d["kind"] == "network"]
    assert len(nets) == len(names)
