"""The HNS dump reader: sources, encodings, formats, repairs, and hostile input."""

import json
from pathlib import Path

import pytest

from winnetlab.dumps.formatlist import parse_value
from winnetlab.dumps.jsontext import unescape_go
from winnetlab.dumps.reader import MAX_FILE_BYTES, classify, read

DATA = Path(__file__).parent / "data" / "hns"


def kinds(reading):
    return [(r.kind, r.schema, r.fmt) for r in reading.records]


# ---------------------------------------------------------------- the real dumps


@pytest.mark.parametrize(
    "name, expected",
    [
        ("01-overlay-remote-endpoint-v1-flannel-test.json", [("endpoint", "v1", "json")]),
        ("02-ics-defaultswitch-endpoint-v1-nanabox.json", [("endpoint", "v1", "json")]),
        ("04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt", [("network", "v1", "format-list")] * 2),
        ("06-private-network-v1-dockerd-debug-NetworkResponse.json", [("network", "v1", "json")]),
        ("07-l2bridge-remote-endpoint-v1-kubeproxy-log.json", [("endpoint", "v1", "json")]),
        ("08-overlay-endpoints-hnsdiag-list-endpoints.txt", [("endpoint", "v1", "hnsdiag")] * 4),
        ("10-nat-network-v1-2018-dockerd-debug-NetworkResponse.json", [("network", "v1", "json")]),
        ("12-calico-vxlan-endpoint-v2-create-request-Settings.json", [("endpoint", "v2", "json")]),
        (
            "14-overlay-flannel-network-v1-GetHnsNetwork-FormatList-TRUNCATED.txt",
            [("network", "v1", "format-list")],
        ),
        ("20-calico-overlay-loadbalancer-v2-kubeproxy-log-reformatted.txt", [("policylist", "v2", "json")]),
    ],
)
def test_each_real_dump_is_recognised(name, expected):
    reading = read(DATA / name)
    assert kinds(reading) == expected


def test_format_list_keeps_nested_hashtables_and_lists():
    reading = read(DATA / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
    nat, l2b = (r.data for r in reading.records)
    assert nat["Name"] == "nat" and nat["Type"] == "nat"
    assert nat["Subnets"][0]["AddressPrefix"] == "172.24.144.0/20"
    assert nat["Subnets"][0]["Policies"] == "System.Object[]"  # never printed by PowerShell
    assert nat["MacPools"] == [{"EndMacAddress": "00-15-5D-63-7F-FF", "StartMacAddress": "00-15-5D-63-70-00"}]
    assert [e["IsEnabled"] for e in nat["Extensions"]] == [False, False, True]
    assert nat["Health"]["RouteNotificationSequenceNumber"] == 0  # continuation line joined
    assert nat["Version"] == 38654705666 and nat["LayeredOn"] == "9F6FD7D8-8A8D-4003-A7E7-00817368DC5E"
    assert l2b["ManagementIP"] == "10.138.0.5" and l2b["Type"] == "L2Bridge"
    assert reading.warnings == []


def test_truncated_format_list_reads_what_is_there_and_warns():
    reading = read(DATA / "14-overlay-flannel-network-v1-GetHnsNetwork-FormatList-TRUNCATED.txt")
    (rec,) = reading.records
    assert rec.truncated
    assert rec.data["Policies"][0] == {"Type": "HostRoute"}
    assert rec.data["Policies"][1]["ProviderAddress"] == "192.168.79.39"
    assert "Microsoft-NDIS-Aufzeichnung" in [e["Name"] for e in rec.data["Extensions"]]
    assert len(reading.warnings) == 1 and "truncated" in reading.warnings[0]


def test_hnsdiag_blocks_map_labels_to_v1_names():
    reading = read(DATA / "08-overlay-endpoints-hnsdiag-list-endpoints.txt")
    first = reading.records[0].data
    assert first == {
        "ID": "358e0976-6127-45a9-97fb-7478f93a5eb9",
        "Name": "Ethernet",
        "IPAddress": "172.21.246.55",
    }


def test_hnsdiag_table_sections():
    text = """PS C:\\> hnsdiag list all
Networks:
Name             ID
nat              B5083512-BE1D-4326-B58F-56CA5154E8D5
Default Switch   6F7E13A2-8ADE-48EE-844E-AC0B0AFF235D

Endpoints:
Name             ID                                   Virtual Network Name
Ethernet         11796e63-07b3-4199-91d5-9bc25108fb41 vxlan0

Namespaces:
ID                                   | Endpoint IDs

LoadBalancers:
ID                                   | Virtual IPs      | Direct IP IDs
af826f8b-9f78-41ea-bc9e-6e433f8784df |  10.96.0.10      | fc0bbb8f-52a6-486f-bff8-10ab92859006 07f382ab-8884-40ba-8adf-efe4c92e8608
"""
    reading = read(text)
    assert [(r.kind, r.data.get("Name")) for r in reading.records] == [
        ("network", "nat"),
        ("network", "Default Switch"),
        ("endpoint", "Ethernet"),
        ("policylist", None),
    ]
    assert reading.records[2].data["VirtualNetworkName"] == "vxlan0"
    assert reading.records[3].data["HostComputeEndpoints"] == [
        "fc0bbb8f-52a6-486f-bff8-10ab92859006",
        "07f382ab-8884-40ba-8adf-efe4c92e8608",
    ]


def test_old_dockerd_log_json_with_spaced_separators():
    reading = read(DATA / "10-nat-network-v1-2018-dockerd-debug-NetworkResponse.json")
    assert reading.records[0].data["NATName"] == "H7535ff2a-9107-4a63-8302-b3c0f325bc6d"


def test_log_prefix_before_json():
    reading = read(DATA / "20-calico-overlay-loadbalancer-v2-kubeproxy-log-reformatted.txt")
    assert reading.records[0].data["FrontendVIPs"] == ["10.99.234.145"]
    line = (
        "I0702 10:00:00 1 proxier.go:1100] Hns Endpoint resource, "
        + (DATA / "07-l2bridge-remote-endpoint-v1-kubeproxy-log.json").read_text()
    )
    assert kinds(read(line)) == [("endpoint", "v1", "json")]


# ---------------------------------------------------------------- containers of objects

NET = {
    "ID": "0F82BC87-81F4-4473-989E-014FD5814DC7",
    "Name": "nat",
    "Type": "nat",
    "Subnets": [{"AddressPrefix": "172.24.144.0/20", "GatewayAddress": "172.24.144.1"}],
}
EP = {
    "ID": "fdd2853f-68cb-4451-8e09-f95b7a5ff944",
    "Name": "Ethernet",
    "VirtualNetwork": NET["ID"],
    "VirtualNetworkName": "nat",
    "MacAddress": "00-15-5D-D0-34-C9",
    "IPAddress": "172.24.147.17",
    "PrefixLength": 20,
    "GatewayAddress": "172.24.144.1",
}


def test_envelope_is_unwrapped_and_failure_reported():
    reading = read(json.dumps({"Output": [NET], "Success": True}))
    assert kinds(reading) == [("network", "v1", "json")]
    failed = read({"Success": False, "Error": "Element not found.", "Output": None})
    assert failed.records == [] and "Element not found." in failed.warnings[0]


def test_dump_hns_shape_and_parsed_json_sources():
    reading = read({"networks": [NET], "endpoints": [EP], "policylists": []})
    assert kinds(reading) == [("network", "v1", "json"), ("endpoint", "v1", "json")]
    assert kinds(read([NET, EP])) == kinds(reading)


def test_several_sources_merge_and_duplicates_fold(tmp_path):
    (tmp_path / "network.txt").write_text(json.dumps(NET))
    (tmp_path / "endpoint.txt").write_text(json.dumps([EP]))
    detailed = dict(NET, Flags=8)
    reading = read(tmp_path / "network.txt", tmp_path / "endpoint.txt", json.dumps(detailed))
    assert kinds(reading) == [("network", "v1", "json"), ("endpoint", "v1", "json")]
    assert reading.records[0].data["Flags"] == 8


def test_hnsdiag_line_is_enriched_by_the_full_object():
    diag = f"Endpoint         : {EP['ID']}\n    Name             : Ethernet\n    IP Address       : 172.24.147.17\n"
    reading = read(diag, json.dumps(EP))
    (rec,) = reading.records
    assert rec.fmt == "json" and rec.data["MacAddress"] == "00-15-5D-D0-34-C9"


def test_collectlogs_folder_by_name_and_content(tmp_path):
    (tmp_path / "network.txt").write_text(
        "Name Type Id                                   AddressPrefix\n---- ---- --                                   -------------\n"
        "nat  nat  0F82BC87-81F4-4473-989E-014FD5814DC7 {172.24.144.0/20}\n\n" + json.dumps(NET, indent=4)
    )
    (tmp_path / "ep-dump.json").write_text(json.dumps(EP))  # found by content
    (tmp_path / "notes.txt").write_text("nothing to see here")  # ignored
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    reading = read(tmp_path)
    assert kinds(reading) == [("endpoint", "v1", "json"), ("network", "v1", "json")]
    assert reading.warnings == []


def test_v2_objects_classified():
    assert classify({"ID": "x", "Ipams": [], "Type": "NAT"}) == ("network", "v2")
    assert classify({"ID": "x", "SchemaVersion": {"Major": 2, "Minor": 0}, "Policies": []}) == (
        "network",
        "v2",
    )
    assert classify({"ID": "x", "HostComputeNetwork": "y", "IpConfigurations": []}) == ("endpoint", "v2")
    assert classify({"ID": "x", "NamespaceId": 3, "Resources": []}) == ("namespace", "v2")
    assert classify({"ID": "x", "CompartmendId": 3}) == ("namespace", "v1")
    assert classify({"ID": "x", "References": ["/endpoints/y"], "Policies": []}) == ("policylist", "v1")
    assert classify({"ID": "x", "Type": "Overlay", "Name": "vxlan0"}) == ("network", "v1")
    assert classify({"hello": "world"}) is None


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_encodings(tmp_path, encoding, bom):
    text = (DATA / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt").read_text()
    path = tmp_path / "net.txt"
    path.write_bytes(bom + text.replace("\n", "\r\n").encode(encoding))
    reading = read(path)
    assert [r.data["Name"] for r in reading.records] == ["nat", "External"]
    assert reading.warnings == []


def test_windows_1252_text_is_read_with_a_warning():
    data = json.dumps(dict(NET, Name="Netzwerk für Tests"), ensure_ascii=False).encode("cp1252")
    reading = read(data)
    assert reading.records[0].data["Name"] == "Netzwerk für Tests"
    assert "Windows-1252" in reading.warnings[0]


# ---------------------------------------------------------------- repairs


def test_console_wrapped_reply_with_lost_spaces():
    reply = json.dumps(
        {
            "Output": [
                dict(
                    NET,
                    Name="my long network name",
                    Extensions=[{"Name": "Microsoft Windows Filtering Platform"}],
                )
            ],
            "Success": True,
        },
        separators=(",", ":"),
    )
    # wrap at 50 columns; where a space falls at the break the console drops it
    lines, rest = [], reply
    while rest:
        cut = rest[:50]
        if len(rest) > 50 and " " in cut[-8:]:
            at = cut.rindex(" ")
            lines.append(rest[:at])
            rest = rest[at + 1 :]
        else:
            lines.append(cut)
            rest = rest[50:]
    reading = read("VERBOSE: Invoke-HNSRequest Method[GET] Path[/networks]\n" + "\n".join(lines))
    (rec,) = reading.records
    assert rec.data["Subnets"] == NET["Subnets"]
    assert rec.data["Extensions"][0]["Name"] == "Microsoft Windows Filtering Platform"
    assert "wrapped" in reading.notes[0] and not reading.warnings


def test_logrus_escaped_message_quoted_in_an_issue():
    msg = "Network Response : " + json.dumps(NET)
    quoted = msg.replace("\\", "\\\\").replace('"', '\\"')
    log = (
        f'> time="2019-11-04T10:00:00Z" level=debug msg="{quoted}"\n'
        '> time="2019-11-04T10:00:01Z" level=debug msg="HNSNetwork Request ="\n'
    )
    reading = read(log)
    assert [r.data["Name"] for r in reading.records] == ["nat"]
    assert unescape_go(r"a\"b\\c\u00e9\x41") == 'a"b\\céA'


def test_truncated_json_array_keeps_complete_objects():
    text = json.dumps([NET, EP, dict(EP, ID="11111111-2222-3333-4444-555555555555")], indent=4)
    cut = text[: text.rindex("PrefixLength")]
    reading = read(cut)
    assert [r.kind for r in reading.records] == ["network", "endpoint", "endpoint"]
    assert reading.records[-1].truncated and "truncated" in reading.warnings[0]
    assert "PrefixLength" not in reading.records[-1].data


def test_concatenated_documents():
    reading = read(json.dumps(NET, indent=2) + "\n" + json.dumps(EP, indent=2))
    assert [r.kind for r in reading.records] == ["network", "endpoint"]


def test_parse_value_shapes():
    assert parse_value("@{a=1; b=; c=@{d=x y}; e=True}") == {"a": 1, "b": None, "c": {"d": "x y"}, "e": True}
    assert parse_value("{}") == []
    assert parse_value("{10.0.0.1, 10.0.0.2}") == ["10.0.0.1", "10.0.0.2"]
    assert parse_value("") is None


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "source, words",
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("hello world", "no HNS"),
        (b"\x00\x01\x02\x03\xff\xfe\x00garbage" * 100, "binary"),
        ("[" * 10000 + "]" * 10000, "no HNS"),
        ("{" * 100000, "no HNS"),
        ('{"a":' * 10000 + "1" + "}" * 10000, "no HNS"),
        ("missing-file.json", "no such file"),
        (42, "cannot read"),
        ([1, "two", None], "skipped"),
    ],
)
def test_bad_input_gives_a_warning_not_an_exception(source, words):
    reading = read(source)
    assert reading.records == []
    assert any(words in w for w in reading.warnings), reading.warnings


def test_deeply_nested_but_valid_object_is_skipped():
    deep = {"ID": "x", "Name": "n", "Type": "nat", "Subnets": []}
    node = deep
    for _ in range(200):
        node["AdditionalParams"] = {}
        node = node["AdditionalParams"]
    reading = read(json.dumps(deep))
    assert reading.records == [] and "nested" in reading.warnings[0]


def test_oversized_file_is_refused_without_reading(tmp_path):
    big = tmp_path / "huge.json"
    with open(big, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no memory, no disk
    reading = read(big)
    assert reading.records == [] and "limit" in reading.warnings[0]


def test_numbers_where_strings_belong_are_kept_for_the_importer():
    reading = read({"ID": 12, "Name": 7, "Type": "nat", "Subnets": 3})
    assert reading.records[0].data["Name"] == 7
