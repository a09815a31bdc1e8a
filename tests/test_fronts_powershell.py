"""The PowerShell front: cmdlet output shapes, ConvertTo-Json depth, error records."""

import json

import pytest

import winnetlab as wl
from winnetlab.fronts import ps_format as psformat


@pytest.fixture
def lab():
    lab = wl.Lab(seed=0)
    lab.docker("run -d --name web -p 8080:80 mcr.microsoft.com/windows/servercore/iis")
    return lab


def test_get_vmswitch_table(lab):
    lab.powershell("New-VMSwitch -Name CORP -NetAdapterName Ethernet")
    out = lab.powershell("Get-VMSwitch").output
    assert (
        out.startswith("\n") and out.endswith("\n\n") and not out.endswith("\n\n\n")
    )  # PowerShell's blank lines
    lines = out.splitlines()[1:]
    assert lines[0].split() == ["Name", "SwitchType", "NetAdapterInterfaceDescription"]
    assert lines[1].split() == ["----", "----------", "------------------------------"]
    assert lines[2].split()[:2] == ["CORP", "External"] and "Intel(R)" in lines[2]
    assert lines[3].rstrip() == "nat  Internal"


def test_new_vmswitch_shows_up_as_transparent_after_restart(lab):
    lab.powershell("New-VMSwitch -Name CORP -NetAdapterName Ethernet")
    assert "CORP" not in lab.docker("network ls").output  # Docker adopts it only at its next start
    assert lab.powershell("Restart-Service docker").ok
    row = next(l for l in lab.docker("network ls").output.splitlines() if " CORP " in l)
    assert row.split()[2] == "transparent"


def test_netnat_and_static_mapping(lab):
    out = lab.powershell("Get-NetNat").output
    assert out.startswith("\n\nName ") and out.endswith(" : True\n\n\n")  # a list: 2 blank lines, then 3
    nat = out.splitlines()[2:]
    assert nat[0].startswith("Name                             : NAT")
    assert "InternalIPInterfaceAddressPrefix : 172.16.0.1/16" in nat
    mapping = lab.powershell("Get-NetNatStaticMapping").output.splitlines()
    assert (
        "ExternalPort                  : 8080" in mapping
        and "InternalIPAddress             : 172.16.0.2" in mapping
    )
    assert (
        lab.powershell("Get-NetFirewallRule -Name HNS-*").output.count("Action                : Allow") == 1
    )
    lab.docker("rm -f web")
    assert lab.powershell("Get-NetNatStaticMapping").output == ""
    assert lab.powershell("Get-NetFirewallRule -Name HNS-*").output == ""


def test_convertto_json_layout_and_depth():
    obj = {"a": 1, "b": [1, {"c": [1, 2]}], "s": "x<y"}
    text = psformat.convert_to_json(obj)
    assert text.splitlines()[1] == '    "a":  1,'
    assert '"c":  "1 2"' in text  # deeper than -Depth 2: the string form
    assert "\\u003c" in text
    assert '"c":  [' in psformat.convert_to_json(obj, depth=5)
    assert json.loads(psformat.convert_to_json(obj, depth=5)) == {"a": 1, "b": [1, {"c": [1, 2]}], "s": "x<y"}


def test_hns_cmdlets(lab):
    out = lab.powershell("Get-HnsNetwork").output
    assert "Name" in out and ": nat" in out
    eps = json.loads(lab.powershell("Get-HnsEndpoint | ConvertTo-Json -Depth 5").output)
    ep = eps if isinstance(eps, dict) else eps[0]
    assert ep["IPAddress"] == "172.16.0.2" and ep["VirtualNetworkName"] == "nat"
    shallow = json.loads(lab.powershell("Get-HnsEndpoint | ConvertTo-Json").output)
    sep = shallow if isinstance(shallow, dict) else shallow[0]
    assert isinstance(sep["Policies"][0], (dict, str))
    assert lab.powershell("Get-HnsPolicyList").ok


def test_unknown_cmdlet_and_parameter_errors(lab):
    r = lab.powershell("Get-Frobnitz")
    assert r.exit_code == 1
    assert r.output.startswith(
        "Get-Frobnitz : The term 'Get-Frobnitz' is not recognized as the name of a cmdlet"
    )
    assert r.output.splitlines()[-1] == "    + FullyQualifiedErrorId : CommandNotFoundException"
    r = lab.powershell("Get-VMSwitch -Bogus 1")
    assert "A parameter cannot be found that matches parameter name 'Bogus'." in r.output
    assert "At line:1 char:14" in r.output
    r = lab.powershell("Get-VMSwitch nope")
    assert r.output.startswith('Get-VMSwitch : Hyper-V was unable to find a virtual switch with name "nope".')
    r = lab.powershell("Restart-Service spooler2")
    assert "Cannot find any service with service name 'spooler2'." in r.output
    assert "An empty pipe element is not allowed." in lab.powershell("Get-VMSwitch |").output


def test_remove_vmswitch_in_use_really_removes_it_until_hns_restarts(lab):
    """docker/for-win#679, #294: Hyper-V removes the switch; the containers are cut off."""
    lab.add_host("host2")
    r = lab.powershell("Remove-VMSwitch nat")
    assert r.exit_code == 0 and r.output == ""
    assert "nat" not in lab.host().vswitches
    t = lab.trace("web", "8.8.8.8", port=53, protocol="udp")
    assert t.verdict == "dropped" and "Remove-VMSwitch" in t.reason and "Restart-Service hns" in t.reason
    assert lab.powershell("Restart-Service hns").exit_code == 0
    assert "nat" in lab.host().vswitches
    assert lab.trace("web", "8.8.8.8", port=53, protocol="udp").verdict == "delivered"
    assert lab.trace("host2", "host1:8080").verdict == "delivered"


def test_pipelines(lab):
    assert lab.powershell("docker network ls | findstr none").output.split()[1:] == ["none", "null", "local"]
    t = lab.powershell("Get-NetAdapter | Select-Object Name,MacAddress").output.splitlines()[1:]
    assert t[0].split() == ["Name", "MacAddress"]
    fl = lab.powershell("Get-VMSwitch | Format-List").output
    assert "SwitchType" in fl and " : Internal" in fl


def test_vfpctrl(lab):
    assert "no VFP port" in lab.powershell("vfpctrl /list-vmswitch-port").output
    lab.docker("network create -d l2bridge --subnet 10.244.1.0/24 --gateway 10.244.1.1 l2b")
    lab.docker("run -d --name pod --network l2b -p 81:80 img")
    ep = lab.host().endpoints_of("pod")[0]
    assert ep.id in lab.powershell("vfpctrl /list-vmswitch-port").output
    layers = lab.powershell(f"vfpctrl /port {ep.id} /list-layer").output
    assert "LAYER : VNET_MAC_REWRITE_LAYER" in layers and "LAYER : SLB_NAT_LAYER" in layers
    rules = lab.powershell(f"vfpctrl /port {ep.id[:8]} /list-rule /layer SLB_NAT_LAYER").output
    assert "Friendly name : NAT_" in rules and "DNAT" in rules
    assert lab.powershell("vfpctrl /port nope /list-layer").exit_code == 1
