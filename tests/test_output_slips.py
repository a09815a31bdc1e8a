"""Format slips fixed against their sources: the --ip prefix, HNS endpoint keys and GUID
case, and service create's converge progress."""

import json
from pathlib import Path

import winnetlab as wl
from winnetlab.dumps.export import endpoint_v1

FIXTURES = Path(__file__).parent / "data" / "hns"


def test_static_ip_keeps_the_subnet_prefix_hns_chosen_ones_are_classful():
    """moby v27.3.1 drivers/windows CreateEndpoint: an address libnetwork allocated (--ip)
    keeps the pool's mask; one HNS chose gets Go's classful DefaultMask."""
    lab = wl.Lab(seed=4)
    lab.docker("network create -d transparent --subnet 10.1.0.0/23 --gateway 10.1.0.1 tn")
    lab.docker("run -d --name fixed --network tn --ip 10.1.1.5 img")
    lab.docker("run -d --name auto --network tn img")
    containers = json.loads(lab.docker('network inspect tn -f "{{json .Containers}}"').output)
    prefixes = {c["Name"]: c["IPv4Address"].split("/")[1] for c in containers.values()}
    assert prefixes == {"fixed": "23", "auto": "8"}
    assert lab.docker('inspect fixed -f "{{.NetworkSettings.Networks.tn.IPPrefixLen}}"').output == "23"


def test_hns_endpoint_keys_and_guid_case_as_hns_writes_them():
    """Fixture 02 (a real Get-HnsEndpoint of newer HNS): ID, Name, Version, AdditionalParams,
    Resources, State, VirtualNetwork, VirtualNetworkName, MacAddress …, no empty Policies,
    endpoint GUIDs in lower case; moby#43479's response: EnableInternalDNS after MacAddress."""
    real = json.loads(
        (FIXTURES / "02-ics-defaultswitch-endpoint-v1-nanabox.json").read_text(encoding="utf-8")
    )
    real = real[0] if isinstance(real, list) else real
    lab = wl.Lab(seed=4, windows="ltsc2022")
    lab.docker("run -d --name web img")
    host = lab.host()
    (ep,) = host.endpoints_of("web")
    mine = endpoint_v1(ep, host)
    common = [k for k in real if k in mine]
    assert [k for k in mine if k in real] == common
    assert list(mine["Resources"]) == list(real["Resources"])
    assert "Policies" not in mine and "Policies" not in real
    assert mine["ID"] == mine["ID"].lower() and mine["VirtualNetwork"] == mine["VirtualNetwork"].lower()
    assert real["ID"] == real["ID"].lower()
    keys = list(mine)
    assert keys.index("EnableInternalDNS") == keys.index("MacAddress") + 1
    out = lab.powershell("Get-HnsEndpoint").output
    assert f"ID                 : {ep.id.lower()}\n" in out
    network = lab.powershell("Get-HnsNetwork").output
    assert f"ID                     : {ep.network_id}\n" in network  # networks keep upper case (sample 17)


def test_service_create_prints_the_converge_progress():
    """docker/cli v27.3.1 service/progress: states padded to 9, a 50-wide bar, the
    ``verify: Service <id> converged`` of 26.0 and later; 18.09 says ``Service converged``."""
    lab = wl.Lab(seed=4, hosts=2)
    lab.docker("swarm init")
    r = lab.docker("service create --name web --replicas 2 img")
    sid = r.output.split("\n")[0]
    assert r.output.split("\n")[1:] == [
        "overall progress: 2 out of 2 tasks ",
        "1/2: running   [==================================================>] ",
        "2/2: running   [==================================================>] ",
        f"verify: Service {sid} converged ",
    ]
    assert lab.docker("service create -d --name quiet img").output.count("\n") == 0
    old = wl.Lab(seed=4, windows="ltsc2016")
    old.docker("swarm init")
    old.docker("service create --name a mcr.microsoft.com/windows/nanoserver:sac2016")
    r = old.docker("service create --name web -p 8080:80 img")  # routing mesh: tasks rejected on 2016
    assert r.output.split("\n")[1:] == [
        "overall progress: 0 out of 1 tasks ",
        "1/1: HNS failed with error : Catastrophic failure ",
    ]
    assert any("keeps waiting" in h for h in r.hints)
