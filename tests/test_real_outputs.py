"""The fronts against real outputs: one test per sample in tests/data/real-outputs/.

Each sample is an output posted in a public issue, blog or Microsoft's docs (line 1 names
the source, line 2 the setup).  Each test builds the closest lab, runs the same command and
compares line for line after normalizing only what must differ between two hosts: ids,
GUIDs, MAC and IP addresses, times, host names (``normalize``), and the trailing spaces
that posts drop.  Where a sample cannot match exactly, the test says why and compares what
can match; /work/notes/issue-12.md lists each sample as exact, layout-same or different.
"""

import ipaddress
import json
import re
from pathlib import Path

import pytest

import winnetlab as wl

DATA = Path(__file__).parent / "data" / "real-outputs"
IIS = "mcr.microsoft.com/windows/servercore/iis"
NANO = "mcr.microsoft.com/windows/nanoserver:ltsc2022"

SUBSTITUTIONS = [
    (re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\b"), "<guid>"),
    (re.compile(r"Container NIC [0-9a-f]{8}"), "Container NIC <id8>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<id64>"),
    (re.compile(r"\b[0-9a-f]{12}\b"), "<id12>"),
    (re.compile(r"\b(?:[0-9A-Fa-f]{2}[-:]){5}[0-9A-Fa-f]{2}\b"), "<mac>"),
    (re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)"), "<time>"),
    (re.compile(r"fe80::[0-9a-f:]+%\d+"), "<ll>"),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?\b"), "<ip>"),
]


def normalize(text: str) -> str:
    """Ids, GUIDs, MACs, times, link-local and IPv4 addresses replaced; trailing spaces dropped."""
    for pattern, repl in SUBSTITUTIONS:
        text = pattern.sub(repl, text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def sample(name: str, unquote: str = "") -> str:
    """The sample's text without its two header lines (and without ``unquote`` prefixes)."""
    lines = (DATA / name).read_text(encoding="utf-8").split("\n")[2:]
    if unquote:
        lines = [
            line[len(unquote) :] if line.startswith(unquote) else line.lstrip(unquote[0]) for line in lines
        ]
    return "\n".join(lines).rstrip("\n")


def after_prompt(text: str, command: str) -> str:
    """The output printed after ``command`` up to the next prompt."""
    block = text.split(command + "\n", 1)[1]
    return re.split(r"\nPS [^\n]*> ", block)[0]


def assert_same(real: str, lab: str):
    assert normalize(lab) == normalize(real)


def test_every_sample_has_a_test():
    names = sorted(p.name for p in DATA.glob("*.txt"))
    tested = {n.split("-")[0] for n in names}
    here = Path(__file__).read_text(encoding="utf-8")
    assert all(f"def test_{n}_" in here for n in tested)


# ---------------------------------------------------------------------------- Server 2016


@pytest.fixture
def ws2016():
    lab = wl.Lab(windows="ltsc2016")
    lab.docker("network create -d transparent external-virtual")
    return lab


def test_01_docker_network_ls_ws2016(ws2016):
    """Exact: Docker 18.09's tabwriter (minimum cell width 20) prints the 17.x layout."""
    real = after_prompt(
        sample("01-docker-network-ls-ws2016.txt", "> "), "PS C:\\Users\\Administrator> docker network ls"
    )
    assert_same(real, ws2016.docker("network ls").output)


def test_02_get_vmswitch_ws2016():
    """Exact: an external switch on the Intel NIC, an unrelated internal switch, nat."""
    lab = wl.Lab(windows="ltsc2016")
    lab.powershell("New-VMSwitch -Name external-virtual -NetAdapterName Ethernet")
    lab.powershell("New-VMSwitch -Name internal-virtual -SwitchType Internal")
    real = after_prompt(
        sample("02-get-vmswitch-ws2016.txt", "> "), "PS C:\\Users\\Administrator> Get-VMSwitch"
    )
    out = lab.powershell("Get-VMSwitch").output
    assert out.endswith("\n\n")  # the excerpt ends at the last row; PowerShell adds two blank lines
    assert_same(real, out.rstrip("\n"))


def test_03_get_netnat_ws2016():
    """Exact (address normalized): the WinNAT name is H<lower-case guid>, the list keeps
    PowerShell's blank lines, and Get-NetNatStaticMapping prints nothing without mappings."""
    lab = wl.Lab(windows="ltsc2016")
    text = sample("03-get-netnat-ws2016.txt", "> ")
    real = after_prompt(text, "PS C:\\Users\\Administrator> Get-NetNat")
    out = lab.powershell("Get-NetNat").output
    assert_same(real, out.rstrip("\n") + "\n\n\n")
    assert re.search(r"Name +: H[0-9a-f]{8}-", out)
    assert "PS C:\\Users\\Administrator> Get-NetNatStaticMapping\nPS C:\\Users\\Admini" in text
    assert lab.powershell("Get-NetNatStaticMapping").output == ""


def test_13_container_test_netconnection():
    """Layout-same: the six properties and their alignment match; the sample's first lines
    are a nanoserver error (Find-NetIPsecRule missing) that the lab does not reproduce."""
    lab = wl.Lab(windows="ltsc2016")
    lab.lan.outside["google.com"] = ipaddress.IPv4Address("172.217.3.206")
    lab.docker("run -dit --name c1 mcr.microsoft.com/windows/servercore:ltsc2016")
    real = sample("13-container-test-netconnection.txt").split("\n\n\n", 1)[1]
    out = lab.exec("c1", "powershell -Command Test-NetConnection google.com -port 80").output
    assert out.startswith("\n\nComputerName")  # PowerShell's two blank lines before a list
    assert_same(real.strip("\n"), out.strip("\n"))


def test_21_err_port_conflict_hns():
    """Exact (the daemon's message): 2016-era engines say ``HNS failed with error : …``."""
    lab = wl.Lab(windows="ltsc2016")
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    r = lab.docker(f"run -d --name iisdemo12 -p 8080:80 {IIS}")
    log = sample("21-err-port-conflict-hns.txt").split("returned error: ", 1)[1]
    assert r.output == f"docker: Error response from daemon: {log.rstrip('.')}."


# ---------------------------------------------------------------------------- Server 2019


@pytest.fixture
def ws2019():
    return wl.Lab(windows="ltsc2019")


def test_04_docker_network_ls_inspect_nat_ws2019(ws2019):
    """ls: exact.  inspect: same keys, order and values (ids, time, addresses normalized);
    the author re-flowed the brackets ("[ {"), so the JSON is compared parsed."""
    text = sample("04-docker-network-ls-inspect-nat-ws2019.txt")
    real_ls = after_prompt(text, "PS C:\\Users\\capi> docker network ls").rstrip("\n")
    assert_same(real_ls, ws2019.docker("network ls").output)
    real = json.loads(normalize(after_prompt(text, "PS C:\\Users\\capi> docker network inspect nat")))
    lab = json.loads(normalize(ws2019.docker("network inspect nat").output))
    assert json.dumps(lab, indent=1) == json.dumps(real, indent=1)  # keys in the same order too
    created = json.loads(ws2019.docker("network inspect nat").output)[0]["Created"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,7}Z", created)


def test_10_container_ping_by_name_ws2019(ws2019):
    """Exact for the reply; the not-found line is one line (the post wrapped it)."""
    ws2019.docker("run -dit --name c1 mcr.microsoft.com/windows/nanoserver:1809")
    ws2019.docker("run -dit --name c2 mcr.microsoft.com/windows/nanoserver:1809")
    text = "\n".join(line[4:] for line in sample("10-container-ping-by-name-ws2019.txt").split("\n"))
    real = after_prompt(text, "PS: node-1 Administrator> docker container exec c1 ping c2")
    real = real.split("\n\nPS: ")[0]
    assert_same(real, ws2019.docker("container exec c1 ping c2").output)
    r = ws2019.docker("exec c1 ping newname")
    assert r.output == "Ping request could not find host newname. Please check the name and try again."
    assert "Ping request could not find host <new container name>. \n" in text


def test_19_get_netadapter_ws2019_host(ws2019):
    """Layout-exact: column widths, '#2' on the second Hyper-V vNIC, the external vNIC's
    1 Gbps.  The lab's NIC is an Intel 82574L, the sample's an I350 named PROD."""
    ws2019.powershell("New-VMSwitch -Name prodSwitch -NetAdapterName Ethernet")
    real = sample("19-get-netadapter-ws2019-host.txt").split("\n")
    out = ws2019.powershell("Get-NetAdapter").output.strip("\n").split("\n")
    assert out[:2] == real[:2]
    vnic = next(line for line in out if line.startswith("vEthernet (prodSwitch)"))
    assert normalize(vnic).split()[-4:] == normalize(real[3]).split()[-4:]  # "Up <mac> 1 Gbps"
    assert "Hyper-V Virtual Ethernet Adapter #2" in vnic and "Hyper-V Virtual Ethernet Adapter #2" in real[3]
    assert len(vnic) == len(real[3]) and vnic.index("Up") == real[3].index("Up")


def test_24_err_transparent_vethernet_interface(ws2019):
    """Exact: Docker 19.03 words the refusal as hcsshim's ``hnsCall failed in Win32``."""
    ws2019.powershell("New-VMSwitch -Name prodSwitch -NetAdapterName Ethernet")
    command, real = sample("24-err-transparent-vethernet-interface.txt").split("\n")
    assert ws2019.docker(command.removeprefix("docker ")).output == real


# ---------------------------------------------------------------------------- Server 2022 / current


@pytest.fixture
def ws2022():
    return wl.Lab(windows="ltsc2022")


def test_06_docker_network_inspect_transparent_dhcp():
    """Layout-same: every line of the (partial) sample appears in order.  The sample's Docker
    17.04 predates ConfigFrom/ConfigOnly (API 1.30), which 18.09 adds."""
    ws2016 = wl.Lab(windows="ltsc2016")
    ws2016.docker("network create -d transparent TransparentNetwork1")
    ws2016.docker("run -d --name sharp_jackson --network TransparentNetwork1 microsoft/nanoserver")
    real = after_prompt(
        sample("06-docker-network-inspect-transparent-dhcp.txt"),
        "PS C:\\WINDOWS\\system32> docker network inspect TransparentNetwork1",
    )
    lab = normalize(ws2016.docker("network inspect TransparentNetwork1").output).split("\n")
    rest = iter(lab)
    for line in normalize(real).split("\n"):
        assert any(line == mine for mine in rest), (line, lab)


def test_08_container_ipconfig_all_ltsc2022(ws2022):
    """Layout-same: the sample host's DHCP gave a DNS suffix ('lan') that the lab's LAN does
    not, so the suffix lines are left out of the comparison; everything else is exact."""
    ws2022.docker(f"run -dit --name web {NANO}")
    real = after_prompt(sample("08-container-ipconfig-all-ltsc2022.txt"), "C:\\>ipconfig/all")
    suffix = re.compile(r"DNS Suffix|^ +lan$")
    keep = [line for line in normalize(real).split("\n") if not suffix.search(line)]
    out = normalize(ws2022.exec("web", "cmd /c ipconfig/all").output)  # typed in cmd.exe, as in the sample
    out = re.sub(r"Host Name [. ]+: \S+", "Host Name . . . . . . . . . . . . : <host>", out)
    keep = [re.sub(r"Host Name [. ]+: \S+", "Host Name . . . . . . . . . . . . : <host>", k) for k in keep]
    assert [line for line in out.split("\n") if not suffix.search(line)] == keep


def test_15_docker_info_27_3_1(ws2022):
    """Layout-exact.  Host facts differ (a Windows 11 laptop with 16 CPUs and Hyper-V
    isolation by default): Kernel Version, Operating System, CPUs, Total Memory, Name, ID and
    Default Isolation are compared by their label only."""
    real = sample("15-docker-info-27.3.1.txt").split("\n", 1)[1]
    host_facts = re.compile(
        r"^( (?:Kernel Version|Operating System|CPUs|Total Memory|Name|ID|Default Isolation): ).*$", re.M
    )
    assert host_facts.sub(r"\1<host>", ws2022.docker("info").output) == host_facts.sub(r"\1<host>", real)


def test_17_get_hnsnetwork_nat_ws2022(ws2022):
    """Layout-same: the same properties in the same order and the same value forms
    (``@{…}``, ``{@{…}}``); the sample's console was wider than 120 columns, so its long
    values wrap elsewhere, and its network had no endpoint (MaxConcurrentEndpoints 0)."""
    real = sample("17-get-hnsnetwork-nat-ws2022.txt")
    out = ws2022.powershell("Get-HnsNetwork | Where-Object Name -eq nat").output.strip("\n")
    labels = re.compile(r"^(\w+) +:(?: |$)", re.M)
    assert labels.findall(out)[: len(labels.findall(real))] == labels.findall(real)
    for key in ("Health", "MacPools", "Policies", "Name", "IPv6", "State", "Flags"):
        mine = re.search(rf"^{key} +: (.*)$", out, re.M).group(1)
        theirs = re.search(rf"^{key} +: (.*)$", real, re.M).group(1)
        assert re.sub(r"\d+", "N", normalize(mine)) == re.sub(r"\d+", "N", normalize(theirs)), key


def test_22_err_port_conflict_hnscall(ws2022):
    """Exact on the current engine; the 2019 variant (vscode-docker#1299) on Docker 19.03."""
    text = sample("22-err-port-conflict-hnscall.txt")
    ws2022.docker(f"run -d --name web -p 1433:80 {IIS}")
    r = ws2022.docker(f"run -d --name X -p 1433:80 {IIS}")
    assert "> " + r.output == text.split("\n")[0]
    old = wl.Lab(windows="ltsc2019")
    old.docker(f"run -d --name web -p 1433:80 {IIS}")
    r = old.docker(f"run -d --name condescending_mclean -p 1433:80 {IIS}")
    daemon = text.split("server error - ", 1)[1].rstrip()
    assert r.output == f"docker: Error response from daemon: {daemon.rstrip('.')}."


def test_25_err_network_rm_nat(ws2022):
    """Exact."""
    assert ws2022.docker("network rm nat").output == sample("25-err-network-rm-nat.txt")


def test_27_err_ipv6_ipam(ws2022):
    """Exact for the current wording (moby's own test comment); Docker 20.10's 'null ipam
    driver' text has no profile (the lab's engines are 18.09, 19.03 and 27.3)."""
    current = sample("27-err-ipv6-ipam.txt").split("message: ", 1)[1]
    assert ws2022.docker("network create -d l2bridge --ipv6 test").output == current


def test_29_netnatstaticmapping():
    """Layout-exact (list of MSFT_NetNatStaticMapping); the NAT name and mapping id differ
    (a Technical Preview host's 'ContainerNat' and a hand-made mapping)."""
    lab = wl.Lab(windows="ltsc2016")
    lab.docker(f"run -d --name web -p 80:80 {IIS}")
    real = sample("29-netnatstaticmapping.txt").split("-InternalPort 80 -ExternalPort 80\n", 1)[1]
    out = lab.powershell("Get-NetNatStaticMapping").output
    ids = re.compile(r"^((?:StaticMappingID|NatName) +: ).*$", re.M)
    assert ids.sub(r"\1<id>", normalize(out.rstrip("\n"))) == ids.sub(r"\1<id>", normalize(real))


def test_31_host_route_print_nat_vnic(ws2022):
    """Layout-same: the same banners, headers and column alignment; an Azure VM's routes
    (169.254.169.0/24 added by the user, the wire server) are not the lab's."""
    real = after_prompt(sample("31-host-route-print-nat-vnic.txt"), "PS D:\\Users\\test> route print").split(
        "\n"
    )
    out = ws2022.powershell("route print").output.split("\n")
    structure = re.compile(r"^(=+|Interface List|IPv4 Route Table|Active Routes:|Network Destination.*)$")
    assert [line for line in out if structure.match(line)][:7] == [
        line for line in real if structure.match(line)
    ]
    loopback = [line for line in real if line.split()[:1] and line.split()[0].startswith("127.")]
    assert len(loopback) == 3 and all(line in out for line in loopback)  # same routes, same columns
    vnic = [line for line in out if "Hyper-V Virtual Ethernet Adapter" in line][0]
    assert re.fullmatch(r" {1,2}\d+\.\.\.([0-9a-f]{2} ){6}\.\.\.\.\.\.Hyper-V Virtual Ethernet Adapter", vnic)


def test_33_container_ipconfig_hyperv_isolation(ws2022):
    """Exact after normalizing (addresses, MAC, link-local, DUID): a Hyper-V-isolated
    container sees the utility VM's 'Ethernet' with DHCP and its DHCPv6 lines."""
    ws2022.docker("run -dit --name hv --isolation hyperv mcr.microsoft.com/windows/servercore:ltsc2022")
    real = sample("33-container-ipconfig-hyperv-isolation.txt").split("> ipconfig -all\n", 1)[1]
    out = ws2022.exec("hv", "ipconfig -all").output
    facts = re.compile(r"^(   (?:Host Name|DHCPv6 IAID|DHCPv6 Client DUID)[ .]+: ).*$", re.M)
    assert facts.sub(r"\1<x>", normalize(out)) == facts.sub(r"\1<x>", normalize(real))


# ---------------------------------------------------------------------------- added this session


def _keys(value):
    """The key structure of a JSON value: ``{key: structure}`` in order, lists by their first item."""
    if isinstance(value, dict):
        return {k: _keys(v) for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [_keys(value[0])]
    return None


def test_34_docker_inspect_container_servercore(ws2022):
    """Layout-same: every key of the real container JSON in the same place, except where
    moby changed it between the sample's engine (23/24) and 27.3.1: NetworkSettings'
    fields were regrouped (same set) and each network entry moved MacAddress/DriverOpts up
    and gained DNSNames.  Values Windows writes (windowsfilter, empty Linux fields,
    SandboxID = the id, the json-file LogPath, the classful IPPrefixLen) are compared; the
    running Pid is a non-zero multiple of 4; ``NetworkMode`` is ``default`` for a container
    started without ``--network``.  Still different: ``ConsoleSize`` is the poster's terminal."""
    ws2022.docker("run -it -d --name=testcont mcr.microsoft.com/windows/servercore:ltsc2022")
    text = after_prompt(
        sample("34-docker-inspect-container-servercore.txt"),
        "PS C:\\Users\\Ankit> docker inspect 0bbb49135bb1",
    )
    real = json.loads(text.replace("**", "").split("\nPS C:")[0])[0]
    lab = json.loads(ws2022.docker("inspect testcont").output)[0]
    real_keys, lab_keys = _keys(real), _keys(lab)
    real_net = real_keys.pop("NetworkSettings")
    lab_net = lab_keys.pop("NetworkSettings")
    assert lab_keys == real_keys
    real_ep, lab_ep = real_net.pop("Networks")["nat"], lab_net.pop("Networks")["nat"]
    assert set(lab_net) == set(real_net)
    assert set(lab_ep) - set(real_ep) == {"DNSNames"} and set(real_ep) <= set(lab_ep)
    state = lab["State"]
    assert state["Running"] and state["Pid"] > 0 and state["Pid"] % 4 == 0
    for key in ("Driver", "Platform", "ResolvConfPath", "MountLabel", "ExecIDs", "Mounts"):
        assert lab[key] == real[key]
    same = (
        "Binds",
        "LogConfig",
        "NetworkMode",
        "RestartPolicy",
        "CgroupnsMode",
        "Isolation",
        "Devices",
        "OomKillDisable",
    )
    assert {k: lab["HostConfig"][k] for k in same} == {k: real["HostConfig"][k] for k in same}
    assert lab["NetworkSettings"]["SandboxID"] == lab["Id"] and lab["LogPath"].endswith(
        f"\\{lab['Id']}-json.log"
    )
    assert lab["Config"]["Tty"] is lab["Config"]["OpenStdin"] is True
    assert (
        lab["NetworkSettings"]["Networks"]["nat"]["IPPrefixLen"]
        == real["NetworkSettings"]["Networks"]["nat"]["IPPrefixLen"]
    )
    ws2022.docker("stop testcont")
    assert json.loads(ws2022.docker("inspect testcont").output)[0]["State"]["Pid"] == 0


def test_35_container_ipconfig_all_ws2019_17763(ws2019):
    """Layout-same: on Server 2019 the container's vNIC is described as one more host
    Hyper-V vNIC, ``Hyper-V Virtual Ethernet Adapter #N`` (N inferred); the sample's adapter
    name ``vEthernet (Ethernet) 4`` carries a host-wide number the lab does not model, and
    its DNS suffix lines come from AWS's DHCP.  Every other line matches."""
    ws2019.docker("run --name=c1 -dt mcr.microsoft.com/windows/nanoserver:1809")
    text = "\n".join(line[4:] for line in sample("35-container-ipconfig-all-ws2019-17763.txt").split("\n"))
    real = after_prompt(text, "PS: node-1 Administrator> docker container exec c1 ipconfig /all")
    out = ws2019.docker("container exec c1 ipconfig /all").output

    def shape(t):
        t = normalize(t)
        t = re.sub(r"Host Name [. ]+: \S+", "Host Name: <host>", t)
        t = re.sub(r"Adapter #\d+", "Adapter #<n>", t)
        t = re.sub(r"\(Ethernet\)( \d+)?:", "(Ethernet):", t)
        suffix = re.compile(r"DNS Suffix|compute\.internal|^ +<ip>$")
        return [line for line in t.split("\n") if line and not suffix.search(line)]

    assert shape(out) == shape(real)
    assert re.search(r"Description [. ]+: Hyper-V Virtual Ethernet Adapter #\d+\n", out)
