"""diagnose(): each check finds its problem, and a healthy lab has no findings."""

import json

import winnetlab as wl

NET = "0F82BC87-81F4-4473-989E-014FD5814DC7"


def net(type_="nat", prefix="172.24.144.0/20", gateway="172.24.144.1", **extra):
    return {
        "ID": extra.pop("ID", NET),
        "Name": extra.pop("Name", "nat"),
        "Type": type_,
        "Subnets": [
            {"AddressPrefix": prefix, "GatewayAddress": gateway, "Policies": extra.pop("subnet_policies", [])}
        ],
        **extra,
    }


def ep(n, ip, mac, network=NET, **extra):
    return {
        "ID": f"{n:08d}-0000-0000-0000-000000000000",
        "Name": f"ep{n}",
        "VirtualNetwork": network,
        "IPAddress": ip,
        "MacAddress": mac,
        **extra,
    }


def found(*objects):
    frame = wl.diagnose(wl.load_hns(json.loads(json.dumps(list(objects)))))
    assert list(frame.columns) == ["severity", "object", "finding", "hint"]
    return " | ".join(frame["finding"])


def test_healthy_simulated_lab_has_no_findings():
    lab = wl.Lab()
    lab.host().run("a", publish=["80:80"])
    assert len(wl.diagnose(lab)) == 0


def test_no_findings_is_said_not_shown_as_an_empty_table():
    lab = wl.Lab()
    lab.host().run("a", publish=["80:80"])
    frame = wl.diagnose(lab)
    assert list(frame.columns) == ["severity", "object", "finding", "hint"]  # still the DataFrame
    assert repr(frame).startswith("No findings: no check found a problem")
    assert "No findings" in frame._repr_html_() and "<table" not in frame._repr_html_()
    with wl.i18n.using("ko"):
        korean = wl.diagnose(lab)
    assert repr(korean).startswith("발견된 문제 없음") and "발견된 문제 없음" in korean._repr_html_()


def test_a_finding_shows_as_a_table():
    frame = wl.diagnose(wl.load_hns([net(), ep(1, "10.9.9.9", "00-15-5D-00-00-01")]))
    assert "No findings" not in repr(frame) and "<table" in frame._repr_html_()


def test_ip_outside_subnet_and_duplicates():
    text = found(
        net(),
        ep(1, "172.24.144.5", "00-15-5D-00-00-01"),
        ep(2, "172.24.144.5", "00-15-5D-00-00-01"),
        ep(3, "10.0.0.9", "00-15-5D-00-00-03"),
    )
    assert (
        "1 endpoint(s) have an IP outside the subnets of network nat (172.24.144.0/20): ep3 10.0.0.9" in text
    )
    assert "share the IP 172.24.144.5" in text and "share the MAC 00-15-5D-00-00-01" in text


def test_nat_prefix_overlapping_host_and_several_prefixes():
    text = found(
        net(prefix="10.138.0.0/16", gateway="10.138.0.1"),
        net(
            "L2Bridge",
            "192.168.255.0/30",
            "192.168.255.1",
            ID="544A3CAB-A2FF-45FE-8E35-08C709B6E69F",
            Name="External",
            ManagementIP="10.138.0.5",
        ),
        net(
            prefix="172.30.0.0/20",
            gateway="172.30.0.1",
            ID="744A3CAB-A2FF-45FE-8E35-08C709B6E69F",
            Name="nat2",
        ),
    )
    assert "NAT prefix 10.138.0.0/16 contains the host address 10.138.0.5" in text
    assert "2 NAT prefixes on one host" in text


def test_policy_list_missing_endpoints_remote_without_pa_apipa_vsid_l2bridge():
    overlay = net(
        "Overlay",
        "10.244.0.0/16",
        "10.244.0.1",
        ID="11111111-1111-1111-1111-111111111111",
        Name="vxlan0",
        ManagementIP="169.254.3.4",
        subnet_policies=[{"Type": "VSID", "VSID": 4096}],
    )
    overlay2 = net(
        "Overlay",
        "10.245.0.0/16",
        "10.245.0.1",
        ID="22222222-1111-1111-1111-111111111111",
        Name="vxlan1",
        subnet_policies=[{"Type": "VSID", "VSID": 4096}],
    )
    l2b = net("L2Bridge", "10.9.0.0/24", "10.9.0.1", ID="33333333-1111-1111-1111-111111111111", Name="cbr0")
    text = found(
        overlay,
        overlay2,
        l2b,
        ep(1, "10.244.1.2", "0E-2A-00-00-00-01", overlay["ID"], IsRemoteEndpoint=True),
        ep(2, "10.9.0.5", "00-15-5D-00-00-02", l2b["ID"]),
        {
            "ID": "44444444-1111-1111-1111-111111111111",
            "References": ["/endpoints/deadbeef-0000-0000-0000-000000000000"],
            "Policies": [
                {
                    "Type": "ELB",
                    "Protocol": 6,
                    "InternalPort": 80,
                    "ExternalPort": 80,
                    "VIPs": ["10.96.0.1"],
                    "ILB": True,
                }
            ],
        },
    )
    assert "references 1 endpoint(s) not in this dump: deadbeef-0000-0000-0000-000000000000" in text
    assert "has no provider address" in text
    assert "169.254.3.4 is a link-local" in text
    assert "share VSID (VXLAN VNI) 4096" in text
    assert "cannot reach the internet" in text


def test_simulated_l2bridge_without_outbound_nat_is_flagged():
    lab = wl.Lab()
    lab.host().create_network("l2b", driver="l2bridge", subnet="10.5.0.0/24", gateway="10.5.0.1")
    frame = wl.diagnose(lab)
    assert list(frame["severity"]) == ["warning"] and "l2b" in frame["object"][0]


LB = {
    "ID": "44444444-1111-1111-1111-111111111111",
    "References": ["/endpoints/deadbeef-0000-0000-0000-000000000000"],
    "Policies": [
        {"Type": "ELB", "Protocol": 6, "InternalPort": 80, "ExternalPort": 80, "VIPs": ["10.96.0.1"]}
    ],
}


def test_absence_in_a_partial_dump_is_never_an_error():
    frame = wl.diagnose(wl.load_hns(json.dumps([LB])))  # one Get-HnsPolicyList: no endpoints listed
    assert list(frame["severity"]) == ["info"]
    assert "Remove-" not in " ".join(frame["hint"])  # no deleting advice without evidence


def test_a_full_listing_is_evidence_and_the_advice_names_the_object():
    reply = {"Output": [net(), LB], "Success": True}  # Invoke-HNSRequest: every object of the host
    frame = wl.diagnose(wl.load_hns(json.dumps(reply)))
    (row,) = frame.itertuples()
    assert row.severity == "error" and "do not exist on the host: deadbeef" in row.finding
    assert "Verify first" in row.hint and "? ID -eq 44444444-1111-1111-1111-111111111111" in row.hint


def test_findings_about_many_objects_summarise():
    eps = [ep(n, f"172.24.{144 + n // 250}.{n % 250 + 2}", "00-15-5D-00-00-01") for n in range(1, 2001)]
    frame = wl.diagnose(wl.load_hns([net(), *eps]))
    (row,) = frame.itertuples()
    assert row.finding == "2000 endpoints share the MAC 00-15-5D-00-00-01: ep1, ep10, ep100 and 1,997 more"
    assert len(row.hint) < 400
