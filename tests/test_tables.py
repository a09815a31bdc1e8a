"""wl.tables: column contract, values from the engine, deterministic sort and display."""

import pandas as pd
import pytest

import winnetlab as wl
from tests.views_labs import multi_lab, nat_lab
from winnetlab.engine import policies as P
from winnetlab.engine import routing
from winnetlab.views import tables


@pytest.fixture(scope="module")
def nat():
    return nat_lab()


@pytest.fixture(scope="module")
def multi():
    return multi_lab()


@pytest.mark.parametrize("name", sorted(tables.COLUMNS))
def test_columns_are_the_documented_contract(nat, name):
    frame = getattr(tables, name)(nat)
    assert tuple(frame.columns) == tables.COLUMNS[name]
    assert f"  {name} " in tables.__doc__ or name in tables.__doc__


@pytest.mark.parametrize("name", sorted(tables.COLUMNS))
def test_tables_are_identical_run_to_run(name):
    a, b = getattr(tables, name)(nat_lab()), getattr(tables, name)(nat_lab())
    assert repr(a) == repr(b)
    assert a._repr_html_() == b._repr_html_()
    assert f'id="T_wnl-{name}' in a._repr_html_()


def test_html_has_fixed_uuid_no_index_and_driver_colours(nat):
    html = tables.networks(nat)._repr_html_()
    assert "T_wnl-networks" in html and "networks: 3 rows" in html
    assert "row_heading" not in html  # index hidden
    assert "#0072B2" in html  # nat colour on the driver column


def test_captions_count_one_row_in_the_singular():
    lab = wl.Lab()
    lab.host().run("only")
    assert "addresses: 1 row;" in tables.addresses(lab)._repr_html_()
    lab.host().run("second")
    assert "addresses: 2 rows;" in tables.addresses(lab)._repr_html_()


@pytest.mark.parametrize("name", sorted(tables.NARROW))
def test_wide_tables_show_the_lessons_columns_with_short_ids_unless_wide(multi, name):
    frame = getattr(tables, name)(multi)
    assert tuple(frame.columns) == tables.COLUMNS[name]  # the data keeps every column
    shown = frame.shown()
    assert tuple(shown.columns) == tables.NARROW[name]
    assert not any(tables.HEX64.search(v) for v in shown.to_numpy().ravel() if isinstance(v, str))
    hidden = len(tables.COLUMNS[name]) - len(tables.NARROW[name])
    assert f"{hidden} more columns with wide=True" in frame._repr_html_()
    assert repr(frame).splitlines()[0].split() == list(tables.NARROW[name])
    everything = getattr(tables, name)(multi, wide=True)
    assert tuple(everything.shown().columns) == tables.COLUMNS[name]
    assert "wide=True" not in everything._repr_html_()
    picked = frame[["host", list(tables.COLUMNS[name])[-1]]]  # your own selection is shown as is
    assert tuple(picked.shown().columns) == ("host", tables.COLUMNS[name][-1])


def test_short_ids_are_dockers_twelve_characters():
    lab = wl.Lab()
    lab.docker("network create -d transparent t")
    switch = lab.host().network("t").vswitch  # HNS names the vSwitch with Docker's 64-hex id
    assert len(switch) == 64
    text = repr(tables.networks(lab))
    assert switch[:12] in text and switch not in text
    assert switch in repr(tables.networks(lab, wide=True))


def test_text_form_has_no_index(nat):
    text = repr(tables.addresses(nat))
    assert text.splitlines()[0].split()[:3] == ["host", "container", "network"]


def test_large_table_html_is_truncated():
    frame = tables.routes(nat_lab())
    with pd.option_context("display.max_rows", 10):
        html = frame._repr_html_()
    assert f"{len(frame)} rows (first 10 shown)" in html
    assert html.count("<tr>") <= 12


def test_networks_rows(nat):
    frame = tables.networks(nat).set_index("name")
    assert list(frame.index) == ["mynat", "nat", "none"]
    assert frame.loc["nat", "subnet"] == "172.16.0.0/16"
    assert frame.loc["nat", "gateway"] == "172.16.0.1"
    assert frame.loc["nat", "vswitch_type"] == "Internal"
    assert frame.loc["nat", "endpoints"] == 3
    assert frame.loc["none", "driver"] == "null" and frame.loc["none", "hns_id"] == ""
    assert "hnsid" not in frame.loc["nat", "options"]
    assert frame.loc["nat", "hns_id"] == nat.host().network("nat").id


def test_addresses_rows(nat):
    frame = tables.addresses(nat)
    assert list(frame["container"]) == ["app", "app", "db", "web"]
    web = frame[frame.container == "web"].iloc[0]
    ep = nat.host().endpoints_of("web")[0]
    assert (web.ip_address, web.prefix_length, web.gateway) == ("172.16.0.2", 16, "172.16.0.1")
    assert web.mac_address == ep.mac_address and web.endpoint_id == ep.id
    assert web.dns_servers == ", ".join(map(str, ep.dns_servers))


def test_addresses_show_the_dhcp_lease(multi):
    tc = tables.addresses(multi).query("container == 'tc'").iloc[0]
    ep = multi.host("host2").endpoints_of("tc")[0]
    assert ep.ip_address is None and tc.ip_address == str(ep.dhcp_lease)
    assert (tc.prefix_length, tc.gateway) == (24, "192.168.0.1")


def test_host_argument_limits_rows(multi):
    assert set(tables.addresses(multi.host("host2"))["host"]) == {"host2"}
    assert len(tables.addresses(multi)) == sum(len(tables.addresses(h)) for h in multi.hosts.values())


def test_endpoints_include_remote_overlay_endpoints(multi):
    frame = tables.endpoints(multi.host("host1"))
    remote = frame[frame.remote]
    assert sorted(remote.ip_address) == ["10.0.1.3", "10.0.1.4"]
    assert sorted(remote.provider_address) == ["192.168.0.12", "192.168.0.13"]
    assert set(remote.policies) == {"PA"}


def test_routes_match_route_print_of_a_nat_container(nat):
    web = tables.routes(nat).query("container == 'web'")
    assert len(web) == 11
    first = web.iloc[0]
    assert (first.destination, first.next_hop, first.interface, first.metric) == (
        "0.0.0.0/0",
        "172.16.0.1",
        "172.16.0.2",
        5256,
    )
    assert ("172.16.255.255/32", "On-link") in set(zip(web.destination, web.next_hop))
    assert list(web.destination).count("224.0.0.0/4") == 2
    loop = web[web.interface == "127.0.0.1"]
    assert set(loop.metric) == {331} and len(loop) == 5


def test_multi_homed_container_has_two_default_routes(nat):
    app = tables.routes(nat).query("container == 'app' and destination == '0.0.0.0/0'")
    assert sorted(app.next_hop) == ["10.10.0.1", "172.16.0.1"]


def test_host_routes_cover_the_nic_and_the_vnics(nat):
    host = tables.routes(nat).query("container == ''")
    assert ("0.0.0.0/0", "192.168.0.1", "192.168.0.11", 25) in set(
        zip(host.destination, host.next_hop, host.interface, host.metric)
    )
    assert {"172.16.0.1", "10.10.0.1", "192.168.0.11", "127.0.0.1"} == set(host.interface)


def test_routing_objects_and_text_agree(nat):
    host = nat.host()
    routes = routing.container_routes(host, "web")
    text = routing.container_route_text(host, "web")
    assert [(str(r.destination), r.next_hop, str(r.interface), r.metric) for r in routes] == text
    assert str(routes[0].netmask) == "0.0.0.0"


def test_created_container_has_only_loopback_routes():
    lab = wl.Lab()
    lab.host().create_container("idle")
    assert [r.interface for r in routing.container_routes(lab.host(), "idle")] == [routing.LOOPBACK] * 5


def test_policies_name_the_enforcing_component(multi):
    frame = tables.policies(multi)
    by_owner = {(r.host, r.owner, r.type): r.enforced_by for r in frame.itertuples()}
    assert by_owner[("host1", "n2 (nat)", "NAT")] == "WinNAT + Windows Firewall"
    assert by_owner[("host1", "web1 (ov)", "NAT")] == "VFP SLB_NAT_LAYER"
    assert by_owner[("host1", "web1 (ov)", "OutBoundNAT")] == "VFP SLB_NAT_LAYER"
    assert by_owner[("host3", "pod (l2b)", "NAT")] == "VFP SLB_NAT_LAYER"
    assert by_owner[("host1", "ov 10.0.1.0/24", "VSID")] == "VFP VNET_ENCAP_LAYER"
    assert by_owner[("host1", "nat", "VLAN")] == "vSwitch port (VLAN)"
    assert ("host1", "remote 10.0.1.3 (ov)", "PA") in by_owner


def test_enforced_by_for_acls():
    assert tables.enforced_by(P.Acl(rule_type="Host"), "l2bridge") == "Windows Firewall"
    assert tables.enforced_by(P.Acl(), "overlay") == "VFP ACL_ENDPOINT_LAYER"


def test_port_mappings(multi):
    frame = tables.port_mappings(multi)
    rows = {(r.host, r.container): r for r in frame.itertuples()}
    n2 = rows[("host1", "n2")]
    assert (n2.protocol, n2.external_ip, n2.external_port, n2.internal_ip, n2.internal_port) == (
        "TCP",
        "0.0.0.0",
        80,
        "172.16.0.3",
        80,
    )
    assert n2.enforced_by == "WinNAT + Windows Firewall"
    pod = rows[("host3", "pod")]
    assert (pod.external_ip, pod.external_port, pod.internal_port, pod.enforced_by) == (
        "192.168.0.13",
        9000,
        80,
        "VFP SLB_NAT_LAYER",
    )
    assert len(frame) == sum(len(h.published) for h in multi.hosts.values())


def test_vswitches(nat):
    frame = tables.vswitches(nat).set_index("name")
    assert frame.loc["nat", "host_vnic"] == "vEthernet (nat)"
    assert frame.loc["nat", "vnic_ip"] == "172.16.0.1/16"
    assert frame.loc["nat", "networks"] == "nat"


def test_events_follow_the_host_log(nat):
    frame = tables.events(nat)
    host = nat.host()
    assert len(frame) == len(host.events)
    assert list(frame.seq) == [e.seq for e in host.events]
    assert tuple(frame.iloc[0][["actor", "action"]]) == (host.events[0].actor, host.events[0].action)


def test_unsupported_table_and_version_filter():
    from winnetlab.engine.unsupported import OPTIONS

    assert len(tables.unsupported()) == len(OPTIONS)
    only_2022 = tables.unsupported(wl.Lab(windows="ltsc2022"))
    assert "swarm routing mesh" not in set(only_2022.feature)
    assert "swarm routing mesh" in set(tables.unsupported(wl.Lab(windows="ltsc2016")).feature)


@pytest.mark.parametrize("bad", ["lab", 42, None])
def test_bad_input_is_a_clear_error(bad):
    with pytest.raises(wl.InvalidParameter, match="expected a winnetlab Lab or Host"):
        tables.addresses(bad)


def test_tables_do_not_change_the_lab(nat):
    before = (repr(tables.events(nat)), repr(tables.endpoints(nat)))
    for name in tables.COLUMNS:
        getattr(tables, name)(nat)
    assert before == (repr(tables.events(nat)), repr(tables.endpoints(nat)))


def test_filtered_table_keeps_the_display(nat):
    sub = tables.addresses(nat)[lambda f: f.container == "web"]
    assert isinstance(sub, tables.Table) and "T_wnl-addresses" in sub._repr_html_()
