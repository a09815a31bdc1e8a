"""What operators paste: wrapped and quoted logs, Markdown hnsdiag listings, cut Format-List
records, elided values — read to the cut, nothing invented, nothing split or altered."""

import ipaddress
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import winnetlab as wl
from winnetlab.dumps.jsontext import display_width
from winnetlab.dumps.reader import read
from winnetlab.engine import policies as P

DATA = Path(__file__).parent / "data" / "hns"
NET = {
    "ID": "0F82BC87-81F4-4473-989E-014FD5814DC7",
    "Name": "nat",
    "Type": "nat",
    "MacPools": [{"StartMacAddress": "00-15-5D-63-70-00", "EndMacAddress": "00-15-5D-63-7F-FF"}],
    "Subnets": [{"AddressPrefix": "172.24.144.0/20", "GatewayAddress": "172.24.144.1"}],
}


def hard_wrap(line, width):
    """What a console does to a long line: cut at ``width`` display columns, mid-token."""
    out, current, used = [], "", 0
    for ch in line:
        w = display_width(ch)
        if used + w > width:
            out.append(current)
            current, used = "", 0
        current += ch
        used += w
    return out + [current]


def logrus(msg):
    escaped = msg.replace("\\", "\\\\").replace('"', '\\"')
    return f'time="2019-11-04T10:00:00Z" level=debug msg="{escaped}"'


# ---------------------------------------------------------------- the new formats


def test_logrus_line_wrapped_by_the_console_and_quoted_in_an_issue():
    line = logrus("HNSNetwork Request ={} Network Response : " + json.dumps(NET))
    text = "\n".join("> " + part for part in hard_wrap(line, 80))
    lab = wl.load_hns(text)
    (net,) = lab.host().hns_networks.values()
    assert net.hns_type == "NAT" and net.mac_pool.start_mac == "00-15-5D-63-70-00"
    assert lab.warnings == [] and any("wrapped at 80 columns" in n for n in lab.notes)
    assert "nat" in lab.host().networks  # a daemon log: Docker runs there, so its view is derived


def test_wide_characters_count_two_columns_when_finding_the_wrap():
    net = dict(NET, Name="네트워크-" * 6 + "nat")
    lines = hard_wrap(json.dumps({"Output": [net], "Success": True}), 50)
    reading = read("\n".join(lines))
    (rec,) = reading.records
    assert rec.data == net and not reading.warnings


def test_a_cut_network_leaves_no_phantom_endpoint():
    net = dict(
        NET,
        Resources={"Allocators": [{"ID": "11111111-2222-3333-4444-555555555555", "IPAddress": "10.0.0.5"}]},
        Policies=[],
    )
    text = json.dumps(net, indent=2)
    cut = text[: text.index('"Policies"')]
    reading = read(cut)
    assert [r.kind for r in reading.records] == ["network"]
    assert len(reading.warnings) == 1 and "truncated" in reading.warnings[0]


MARKDOWN_HNSDIAG = """> PS C:\\> hnsdiag list all
> Networks:
> Name             ID
> nat              B5083512-BE1D-4326-B58F-56CA5154E8D5
>
> cbr0             8E68213E-9443-4395-A50C-3977CB7BDBA7
>
> Endpoints:
> Name             ID                                   Virtual Network Name
> Ethernet         11796e63-07b3-4199-91d5-9bc25108fb41 nat
>
> cid-0c8e0e1c5b4f4d3a9d6a7c0e2b1f4a5d6c7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2 22796e63-07b3-4199-91d5-9bc25108fb41 cbr0
> Ethernet         33796e63-07b3-4199-91d5-9bc25108fb41 cbr0
>
> LoadBalancers:
> ID                                   | Virtual IPs      | Direct IP IDs
> 326f84d7-35ec-4355-a60a-e82e2b05ec24 |  10.96.0.1       | 22796e63-07b3-4199-91d5-9bc25108fb41
> 426f84d7-35ec-4355-a"""


def test_hnsdiag_list_all_pasted_in_markdown_reads_to_the_cut():
    lab = wl.load_hns(MARKDOWN_HNSDIAG)
    host = lab.host()
    assert sorted(n.name for n in host.hns_networks.values()) == ["cbr0", "nat"]
    assert len(host.endpoints) == 3 and len(host.policy_lists) == 1
    long_name = next(e for e in host.endpoints.values() if e.name.startswith("cid-"))
    assert long_name.network == "cbr0"
    (warning,) = lab.warnings  # the cut row alone
    assert "the last line is cut off ('426f84d7-35ec-4355-a')" in warning
    assert host.complete_kinds == {"network", "endpoint"}  # the cut section is not evidence


NAMESPACES = """PS C:\\> Get-HnsNamespace

CompartmentId : 3
ID            : 9D2B2C1D-1111-4F7E-A5E1-2D3C4B5A6978
IsDefault     : False
ResourceList  : {@{Data=@{ID=11796e63-07b3-4199-91d5-9bc25108fb41}; Type=Endpoint}}

CompartmentId : 4
ID            : 9D2B2C1D-2222-4F7E-A5E1-2D3C4B5A6978
IsDefault     : False
ResourceList  : {@{Data=@{ID=22796e63-07b3-4199-91d5-9bc25108fb41}; Type=Endpoint}}

CompartmentId : 5
ID            : 9D2B2C1D-3333-4F7E-A5E1-2D3C4B5A6978"""


def test_get_hnsnamespace_format_list_with_a_cut_last_record():
    lab = wl.load_hns(NAMESPACES)
    spaces = lab.host().namespaces
    assert len(spaces) == 3
    assert spaces["9D2B2C1D-1111-4F7E-A5E1-2D3C4B5A6978"].endpoints == (
        "11796e63-07b3-4199-91d5-9bc25108fb41",
    )
    (warning,) = lab.warnings
    assert "object 3" in warning and "cut off" in warning
    assert wl.load_hns(NAMESPACES.rsplit("\n\n", 1)[0] + "\n\n").warnings == []  # whole records only


POLICY_LIST_FL = """ID         : 326F84D7-35EC-4355-A60A-E82E2B05EC24
Policies   : {@{ExternalPort=443; InternalPort=6443; IsDSR=False; Protocol=6; SourceVIP=10.244.0.2; Type=ELB;
             VIPs=System.Object[]}}
References : {/endpoints/11796e63-07b3-4199-91d5-9bc25108fb41}
"""


def test_elided_values_are_unknown_and_never_split_into_characters():
    lab = wl.load_hns(POLICY_LIST_FL)
    (pl,) = lab.host().policy_lists
    (policy,) = pl.policies
    assert isinstance(policy, P.Unknown) and P.policy_type(policy) == "ELB"
    raw = dict(policy.raw)
    assert raw["VIPs"] == "System.Object[]" and raw["IsDSR"] is False and raw["SourceVIP"] == "10.244.0.2"
    assert lab.warnings == [] and any("not printed by PowerShell" in n for n in lab.notes)
    frame = wl.diagnose(lab)
    assert list(frame["severity"]) == ["info"]  # its endpoint is simply not in this dump


def test_one_bare_vip_is_one_vip():
    lb = {
        "ID": "426F84D7-35EC-4355-A60A-E82E2B05EC24",
        "References": [],
        "Policies": [
            {"Type": "ELB", "Protocol": 6, "InternalPort": 80, "ExternalPort": 80, "VIPs": "10.96.0.1"}
        ],
    }
    (pl,) = wl.load_hns([lb]).host().policy_lists
    assert pl.policies[0].vips == ("10.96.0.1",)


# ---------------------------------------------------------------- machines


def ep(n, network):
    return {
        "ID": f"{n:08d}-07b3-4199-91d5-9bc25108fb41",
        "Name": f"ep{n}",
        "VirtualNetwork": network,
        "IPAddress": f"172.24.144.{n + 1}",
    }


def test_files_link_by_references_then_management_ip():
    other = dict(NET, ID="1F82BC87-81F4-4473-989E-014FD5814DC7", Subnets=[{"AddressPrefix": "172.30.0.0/20"}])
    l2b = {
        "ID": "544A3CAB-A2FF-45FE-8E35-08C709B6E69F",
        "Name": "cbr0",
        "Type": "L2Bridge",
        "ManagementIP": "10.0.0.4",
    }
    l2b_again = dict(l2b, ID="644A3CAB-A2FF-45FE-8E35-08C709B6E69F", Name="cbr1")
    lab = wl.load_hns(json.dumps([NET]), json.dumps([ep(1, NET["ID"])]), json.dumps([other]))
    assert [len(h.hns_networks) + len(h.endpoints) for h in lab.hosts.values()] == [2, 1]
    assert [h.address for h in wl.load_hns(json.dumps([l2b]), json.dumps([l2b_again])).hosts.values()] == [
        ipaddress.IPv4Address("10.0.0.4")
    ]
    merged = wl.load_hns(json.dumps([NET]), json.dumps([other]), merge=True)
    assert list(merged.hosts) == ["host1"] and len(merged.host().hns_networks) == 2


def test_a_collectlogs_folder_stays_one_host(tmp_path):
    folder = tmp_path / "collectlogs"
    folder.mkdir()
    (folder / "network.txt").write_text(json.dumps([NET]))
    (folder / "endpoint.txt").write_text(json.dumps([ep(1, "7198D0AB-9758-4C83-8CED-311F4DD0CF9C")]))
    lab = wl.load_hns(folder)
    assert list(lab.hosts) == ["host1"] and lab.host().complete_kinds == {"network", "endpoint"}


def test_an_unknown_type_name_is_kept_as_written_with_a_warning():
    lab = wl.load_hns([dict(NET, Type="SuperBridge")])
    (net,) = lab.host().hns_networks.values()
    assert net.hns_type == "SuperBridge"
    (warning,) = lab.warnings
    assert "network type 'SuperBridge' is not one winnetlab knows; kept as written" in warning


# ---------------------------------------------------------------- every fixture

FIXTURES = sorted(p.name for p in DATA.iterdir())


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_warnings_are_only_the_real_problem(name):
    lab = wl.load_hns(DATA / name)
    if "TRUNCATED" in name:
        (warning,) = lab.warnings
        assert "cut off" in warning
    elif name.startswith("12-"):
        (warning,) = lab.warnings
        assert "'<your service cidr>' is a placeholder" in warning
    else:
        assert lab.warnings == []


@pytest.mark.parametrize("name", FIXTURES)
def test_no_value_split_into_characters(name):
    for host in wl.load_hns(DATA / name).hosts.values():
        policies = [p for e in host.endpoints.values() for p in e.policies]
        policies += [p for pl in host.policy_lists for p in pl.policies]
        for p in policies:
            for value in vars(p).values() if hasattr(p, "__dict__") else [getattr(p, s) for s in p.__slots__]:
                if isinstance(value, tuple) and len(value) > 3:
                    assert not all(isinstance(v, str) and len(v) == 1 for v in value), (name, p)


IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")


@pytest.mark.parametrize("name", FIXTURES)
def test_pictures_and_tables_show_no_address_the_dump_does_not_hold(name):
    source = (DATA / name).read_text(encoding="utf-8", errors="replace")
    lab = wl.load_hns(DATA / name)
    shown = set()
    for table in (wl.tables.networks, wl.tables.endpoints, wl.tables.vswitches, wl.tables.port_mappings):
        shown |= set(IPV4.findall(table(lab).to_csv()))
    g = wl.graph(lab)
    shown |= {a for _, d in g.nodes(data=True) for a in IPV4.findall(str(d.get("label", "")))}
    assert shown <= set(IPV4.findall(source)), shown - set(IPV4.findall(source))
    assert all(h.mac_address is None for h in lab.hosts.values())
    assert g.nodes["LAN"]["router"] == "" and g.nodes["LAN"]["prefix"] == ""


# ---------------------------------------------------------------- fuzz


objects = st.lists(
    st.tuples(
        st.integers(0, 255), st.sampled_from(["nat", "l2bridge", "overlay"]), st.text("abcxyz-", max_size=60)
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda t: t[0],
)


def _network(i, kind, name):
    return {"ID": f"{i:08X}-0000-4000-A000-000000000000", "Name": f"n{i}{name}", "Type": kind}


def _renderings(items, width):
    """The same networks as a wrapped, quoted logrus line; hnsdiag in Markdown; namespaces FL."""
    nets = [_network(*t) for t in items]
    log = "\n".join(
        "> " + part for part in hard_wrap(logrus("Network Response : " + json.dumps(nets)), width)
    )
    diag = "> Networks:\n> Name             ID\n" + "\n>\n".join(f"> {n['Name']:<16} {n['ID']}" for n in nets)
    spaces = "\n\n".join(
        f"CompartmentId : {i}\nID            : {n['ID']}\nIsDefault     : False"
        for i, n in enumerate(nets, 2)
    )
    return {"logrus": log, "hnsdiag": diag, "namespaces": spaces}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(objects, st.integers(40, 200), st.sampled_from(["logrus", "hnsdiag", "namespaces"]), st.floats(0, 1))
def test_fuzz_new_formats_read_whole_and_cut(items, width, fmt, where):
    text = _renderings(items, width)[fmt]
    whole = wl.load_hns(text)
    kinds = whole.host().namespaces if fmt == "namespaces" else whole.host().hns_networks
    assert len(kinds) == len(items) and whole.warnings == []
    cut = wl.load_hns(text[: int(len(text) * where)])  # never an exception, at most the cut warned
    found = cut.host().namespaces if fmt == "namespaces" else cut.host().hns_networks
    assert len(found) <= len(items)
    assert len(cut.warnings) <= 1
    for host in cut.hosts.values():
        for net in host.hns_networks.values():
            assert net.hns_type in ("NAT", "L2Bridge", "Overlay", "unknown") or net.extra.get("placeholder")


def test_a_real_markdown_hnsdiag_paste_from_a_public_issue():
    """kubernetes-sigs/sig-windows-tools#168: quoted, blank lines in Endpoints, a long cid-…
    name out of its column, cut off inside the LoadBalancers heading."""
    lab = wl.load_hns(DATA / "21-hnsdiag-list-all-markdown-sig-windows-tools-168-TRUNCATED.txt")
    host = lab.host()
    assert sorted(n.name for n in host.hns_networks.values()) == ["nat", "vpcbr06684cbed472"]
    assert len(host.endpoints) == 11 and {e.network for e in host.endpoints.values()} == {"vpcbr06684cbed472"}
    assert host.endpoints["391799da-1903-461b-9fb7-8562ab235445"].name.startswith("cid-69c0f0e2")
    (warning,) = lab.warnings
    assert "the last line is cut off ('LoadBalance')" in warning
