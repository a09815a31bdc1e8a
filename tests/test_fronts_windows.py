"""In-container commands: ipconfig, route print, nslookup (embedded DNS), ping, Linux habits."""

import pytest

import winnetlab as wl

IIS = "mcr.microsoft.com/windows/servercore/iis"


@pytest.fixture
def lab():
    lab = wl.Lab(seed=0)
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    lab.docker("run -d --name db img")
    return lab


def test_ipconfig_all_shape(lab):
    out = lab.exec("web", "ipconfig /all").output.splitlines()
    assert out[:2] == ["", "Windows IP Configuration"]
    assert "   Host Name . . . . . . . . . . . . : " + lab.host().container("web").short_id in out
    assert "Ethernet adapter vEthernet (Ethernet):" in out
    assert "   Description . . . . . . . . . . . : Hyper-V Virtual Ethernet Container Adapter" in out
    assert "   IPv4 Address. . . . . . . . . . . : 172.16.0.2(Preferred)" in out
    assert "   Subnet Mask . . . . . . . . . . . : 255.255.0.0" in out
    i = out.index("   DNS Servers . . . . . . . . . . . : 172.16.0.1")
    assert out[i + 1] == " " * 39 + "192.168.0.1"


def test_hyperv_isolation_shows_the_vmnic(lab):
    lab.docker("run -d --isolation hyperv --name hv img")
    out = lab.exec("hv", "ipconfig /all").output
    assert "Microsoft Hyper-V Network Adapter" in out and "DHCP Enabled. . . . . . . . . . . : Yes" in out


def test_route_print(lab):
    out = lab.exec("web", "route print").output.splitlines()
    assert "Network Destination        Netmask          Gateway       Interface  Metric" in out
    assert "          0.0.0.0          0.0.0.0       172.16.0.1       172.16.0.2   5256" in out
    assert "        127.0.0.0        255.0.0.0         On-link         127.0.0.1    331" in out
    assert all(len(l) == 75 for l in out if l.endswith(("5256", " 331")))


def test_embedded_dns_on_nat_but_not_on_l2bridge(lab):
    r = lab.exec("web", "nslookup db")
    assert r.ok and r.output.splitlines()[-1] == "Address:  172.16.0.3"
    r = lab.exec("web", "nslookup www.example.com")
    assert "Non-authoritative answer:" in r.output and "93.184.216.34" in r.output
    lab.docker("network create -d l2bridge --subnet 10.244.1.0/24 --gateway 10.244.1.1 l2b")
    lab.docker("run -d --name p1 --network l2b img")
    lab.docker("run -d --name p2 --network l2b img")
    r = lab.exec("p1", "nslookup p2")
    assert r.exit_code == 1 and "*** UnKnown can't find p2: Non-existent domain" in r.output


def test_ping_and_test_netconnection_use_the_packet_walk(lab):
    r = lab.exec("web", "ping db")
    assert r.ok and "Reply from 172.16.0.3: bytes=32 time<1ms TTL=128" in r.output
    assert "Received = 4, Lost = 0 (0% loss)" in r.output
    r = lab.exec("web", "powershell Test-NetConnection db -Port 80")
    assert r.ok and "TcpTestSucceeded : True" in r.output
    r = lab.exec("web", "ping nosuchhost")
    assert r.exit_code == 1 and "could not find host nosuchhost" in r.output


def test_icmp_out_of_l2bridge_without_outboundnat_fails(lab):
    lab.docker("network create -d l2bridge --subnet 10.244.1.0/24 --gateway 10.244.1.1 l2b")
    lab.docker("run -d --name pod --network l2b img")
    r = lab.exec("pod", "ping -n 1 8.8.8.8")
    assert r.exit_code == 1 and "Request timed out." in r.output and "hint:" not in r.output
    assert "untranslated" in r.hints[0] and str(r).endswith("hint: " + r.hints[0])


@pytest.mark.parametrize(
    "cmd, word",
    [("ifconfig", "ipconfig"), ("ip addr", "ipconfig"), ("cat /etc/resolv.conf", "ipconfig /all")],
)
def test_linux_habits(lab, cmd, word):
    r = lab.exec("web", "cmd /c " + cmd)  # cmd.exe's answer
    assert r.exit_code == 9009
    assert (
        r.output.splitlines()[0]
        == f"'{cmd.split()[0]}' is not recognized as an internal or external command,"
    )
    assert len(r.output.splitlines()) == 2 and "hint:" not in r.output
    assert word in r.hints[0] and str(r).splitlines()[-1] == "hint: " + r.hints[0]
    r = lab.exec("web", cmd)  # docker exec starts the program itself: HCS CreateProcess fails
    cid = lab.host().container("web").id
    assert r.exit_code == 126 and r.output == (
        f"container {cid} encountered an error during hcs::System::CreateProcess: {cmd.split()[0]}: "
        "failure in a Windows system call: The system cannot find the file specified. (0x2)"
    )  # microsoft/vscode-docker#1728 (no daemon prefix), moby daemon/exec.go (exit 126)
    assert word in r.hints[0]


def test_exec_errors(lab):
    assert lab.exec("nope", "ipconfig").output == "Error response from daemon: No such container: nope"
    lab.docker("create --name idle img")
    r = lab.exec("idle", "ipconfig")
    assert r.exit_code == 1 and r.output.endswith("is not running")
    assert lab.exec("web", "hostname").output == lab.host().container("web").short_id
    assert lab.exec("web", "cmd /c hostname").output == lab.host().container("web").short_id


def test_host_side_commands(lab):
    out = lab.powershell("ipconfig").output
    assert "Ethernet adapter vEthernet (nat):" in out and "172.16.0.1" in out
    assert "0.0.0.0          0.0.0.0      192.168.0.1" in lab.powershell("route print").output
