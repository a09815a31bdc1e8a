"""Get-Command, Get-Help, Get-ComputerInfo, cls, Get-NetIPInterface/-Configuration, New-/Remove-NetNat."""

import io
from types import SimpleNamespace

import pytest

import winnetlab as wl
from winnetlab.fronts.powershell import CMDLETS
from winnetlab.fronts.shell import shell_main


@pytest.fixture
def lab():
    return wl.Lab(seed=5, windows="ltsc2022")


def test_get_command_lists_exactly_the_simulated_commands(lab):
    out = lab.powershell("Get-Command").output
    lines = out.splitlines()
    assert lines[1] == "CommandType     Name                                               Version    Source"
    assert lines[2] == "-----------     ----                                               -------    ------"
    names = {line[16:66].rstrip() for line in lines[3:] if line and not line.startswith("Alias")}
    assert names == {c.name for c in CMDLETS.values()}
    kinds = [line.split()[0] for line in lines[3:] if line]
    assert kinds == sorted(kinds, key=["Alias", "Function", "Cmdlet"].index)  # PowerShell's order
    assert "Alias           ft -> Format-Table" in lines
    assert "Alias           tnc -> Test-NetConnection                          1.0.0.0    NetTCPIP" in lines
    assert "Cmdlet          Get-VMSwitch                                       2.0.0.0    Hyper-V" in lines
    assert "Function        Get-NetNat                                         1.0.0.0    NetNat" in lines
    assert (
        "Cmdlet          Where-Object                                       3.0.0.0    Microsoft.PowerShell.Core"
        in lines
    )
    assert "Function        Clear-Host" in lines


def test_get_command_wildcards_modules_programs_and_errors(lab):
    hns = [line for line in lab.powershell("Get-Command *Hns*").output.splitlines()[3:] if line]
    assert [line.split()[1] for line in hns] == [
        "Get-HnsEndpoint",
        "Get-HnsNetwork",
        "Get-HnsPolicyList",
        "Remove-HnsEndpoint",
        "Remove-HnsNetwork",
    ]
    nat = lab.powershell("Get-Command -Module NetNat").output
    assert "New-NetNat" in nat and "Remove-NetNat" in nat and "Get-VMSwitch" not in nat
    ipconfig = lab.powershell("Get-Command ipconfig").output.splitlines()[3]
    assert ipconfig.split() == [
        "Application",
        "ipconfig.exe",
        "10.0.20...",  # the Version column is 10 wide: cut as PowerShell cuts it
        "C:\\Windows\\system32\\ipconfig.exe",
    ]
    r = lab.powershell("Get-Command Get-Frobnitz")
    assert r.exit_code == 1 and r.output.startswith("Get-Command : The term 'Get-Frobnitz' is not recognized")
    assert r.output.endswith("CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand")
    assert lab.powershell("Get-Command *Frob*").output == ""


def test_get_help_shows_the_partial_help_layout(lab):
    out = lab.powershell("Get-Help Get-NetAdapter").output
    assert out == "\n".join(
        [
            "",
            "NAME",
            "    Get-NetAdapter",
            "",
            "SYNTAX",
            "    Get-NetAdapter [[-Name] <string>]  [<CommonParameters>]",
            "",
            "",
            "ALIASES",
            "    None",
            "",
            "",
            "REMARKS",
            "    Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help.",
            "        -- To download and install Help files for the module that includes this cmdlet, use Update-Help.",
            "",
            "",
        ]
    )
    assert "ALIASES\n    ?\n    where\n" in lab.powershell("Get-Help Where-Object").output
    assert "    Format-Table" in lab.powershell("Get-Help ft").output
    assert all(len(line) < 120 for line in lab.powershell("Get-Help Where-Object").output.splitlines())
    r = lab.powershell("Get-Help Nope")
    assert r.output.startswith("Get-Help : Get-Help could not find Nope in a help file in this session.")


def test_get_computerinfo_cls_and_whoami(lab):
    out = lab.powershell("Get-ComputerInfo").output
    assert "WindowsProductName      : Windows Server 2022 Datacenter" in out
    assert "OsVersion               : 10.0.20348" in out and "OsBuildNumber           : 20348" in out
    assert "CsName                  : HOST1" in out
    old = wl.Lab(seed=1, windows="ltsc2016").powershell(
        "Get-ComputerInfo -Property WindowsVersion,OsBuildNumber"
    )
    assert old.output == "\n\nWindowsVersion : 1607\nOsBuildNumber  : 14393\n\n\n"
    assert lab.powershell("cls").output == "" and lab.powershell("cls").ok
    assert lab.powershell("whoami").output == "host1\\administrator"


def test_get_netipinterface_and_netipconfiguration(lab):
    rows = lab.powershell("Get-NetIPInterface -AddressFamily IPv4").output.splitlines()
    assert rows[1] == (
        "ifIndex InterfaceAlias                  AddressFamily NlMtu(Bytes) InterfaceMetric Dhcp     "
        "ConnectionState PolicyStore"
    )
    assert rows[3] == (
        "3       vEthernet (nat)                 IPv4                  1500            5000 Disabled Connected       "
        "ActiveStore"
    )
    assert rows[5].startswith(
        "1       Loopback Pseudo-Interface 1     IPv4            4294967295              75"
    )
    out = lab.powershell("Get-NetIPConfiguration -InterfaceAlias Ethernet").output
    assert out.startswith("\nInterfaceAlias       : Ethernet\nInterfaceIndex       : 2\n")
    assert "IPv6DefaultGateway   :\nIPv4DefaultGateway   : 192.168.0.1\n" in out
    r = lab.powershell("Get-NetIPInterface nope")
    assert "No matching MSFT_NetIPInterface objects found" in r.output


def test_new_and_remove_netnat_with_winnat_refusals(lab):
    lab.docker("run -d --name web img")
    r = lab.powershell("New-NetNat -Name MyNAT -InternalIPInterfaceAddressPrefix 10.99.0.0/24")
    assert r.ok and "Name                             : MyNAT" in r.output
    assert "InternalIPInterfaceAddressPrefix : 10.99.0.0/24" in r.output
    dup = lab.powershell("New-NetNat -Name mynat -InternalIPInterfaceAddressPrefix 10.98.0.0/24")
    assert dup.output.startswith(
        "New-NetNat : You were not connected because a duplicate name exists on the network."
    )
    assert dup.output.endswith("FullyQualifiedErrorId : Windows System Error 52,New-NetNat")
    overlap = lab.powershell("New-NetNat -Name Other -InternalIPInterfaceAddressPrefix 192.168.0.0/24")
    assert overlap.output.startswith("New-NetNat : The parameter is incorrect.")
    assert (
        "InvalidArgument: (MSFT_NetNat:root/StandardCimv2/MSFT_NetNat) [New-NetNat], CimException"
        in overlap.output
    )
    assert overlap.output.endswith("Windows System Error 87,New-NetNat")
    assert len(lab.host().nat) == 2
    assert lab.powershell("Remove-NetNat MyNAT").ok and len(lab.host().nat) == 1
    assert lab.trace("web", "8.8.8.8", port=53, protocol="udp").verdict == "delivered"
    assert lab.powershell("Get-NetNat | Remove-NetNat").ok and lab.host().nat == ()
    t = lab.trace("web", "8.8.8.8", port=53, protocol="udp")
    assert t.verdict == "dropped" and "no WinNAT instance translates" in t.reason
    r = lab.powershell("Remove-NetNat MyNAT")
    assert r.output.endswith("CmdletizationQuery_NotFound_Name,Remove-NetNat")


def test_winnat_on_server_2016_keeps_one_instance():
    lab = wl.Lab(seed=2, windows="ltsc2016")
    r = lab.powershell("New-NetNat -Name Second -InternalIPInterfaceAddressPrefix 10.99.0.0/24")
    assert "Windows System Error 52,New-NetNat" in r.output and len(lab.host().nat) == 1


def test_shell_banner_names_get_command_as_a_hint():
    def drive(no_hints):
        out = io.StringIO()
        shell_main(
            SimpleNamespace(hosts=1, windows="ltsc2022", seed=0, no_hints=no_hints),
            stdin=io.StringIO("exit\n"),
            stdout=out,
        )
        return out.getvalue()

    assert "hint: Get-Command lists the commands this host knows" in drive(False)
    assert "Get-Command" not in drive(True)
