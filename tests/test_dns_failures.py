"""Issue 14: name-resolution failures in the shapes public threads show — Docker's DNS on the
nat gateway, the container's DNS server order, nslookup (first server only) against the
Windows DNS client (every server in turn), an explicit server."""

import pytest

import winnetlab as wl

IIS = "mcr.microsoft.com/windows/servercore/iis"


def _lab(windows, *run):
    lab = wl.Lab(windows=windows)
    for line in run:
        lab.docker(line)
    return lab


def test_docker_19_03_answers_servfail_for_internet_names_and_nslookup_stops_there():
    """microsoft/Windows-Containers#216, moby/moby#34458: the gateway answers "Server failed";
    ping goes on to the next server (moby commit 6c68be24a2: "When a tool like ping gets a
    SERVFAIL from the internal resolver, it tries the other nameservers. But, nslookup does not")."""
    lab = _lab("ltsc2019", f"run -d --name app {IIS}")
    gateway = str(lab.host().network("nat").subnets[0].gateway)
    r = lab.exec("app", "nslookup www.google.com")
    assert r.exit_code == 1
    assert r.output == (
        f"Server:  UnKnown\nAddress:  {gateway}\n\n*** UnKnown can't find www.google.com: Server failed"
    )
    assert "SERVFAIL" in r.hints[0] and "Docker 26" in r.hints[0]
    assert lab.exec("app", "ping -n 1 www.google.com").exit_code == 0  # the LAN resolver answers
    assert lab.exec("app", "powershell Resolve-DnsName www.google.com").exit_code == 0


def test_docker_27_forwards_to_the_endpoint_s_other_servers():
    """moby network_windows.go addEpToResolver (Docker 26+): nslookup gets an answer via the gateway."""
    lab = _lab("ltsc2022", f"run -d --name app {IIS}")
    r = lab.exec("app", "nslookup www.google.com")
    assert r.exit_code == 0 and "Non-authoritative answer:\nName:    www.google.com" in r.output


def test_nslookup_with_an_explicit_server_asks_only_it_and_names_it():
    """microsoft/Windows-Containers#216: ``nslookup www.google.com 8.8.8.8`` -> ``Server:  dns.google``."""
    lab = _lab("ltsc2019", f"run -d --name app {IIS}")
    r = lab.exec("app", "nslookup www.google.com 8.8.8.8")
    assert r.output.splitlines()[:5] == [
        "Server:  dns.google",
        "Address:  8.8.8.8",
        "",
        "Non-authoritative answer:",
        "Name:    www.google.com",
    ]
    # a container name is known only to Docker's DNS
    lab.docker(f"run -d --name web {IIS}")
    r = lab.exec("app", "nslookup web 8.8.8.8")
    assert r.output.endswith("*** dns.google can't find web: Non-existent domain")
    assert "only Docker's embedded DNS" in r.hints[0]


def test_container_names_from_docker_s_dns_are_non_authoritative():
    """moby/moby#40864: ``nslookup container1`` on the gateway prints "Non-authoritative answer:"
    (moby's resolver never sets the AA flag); Resolve-DnsName shows its TTL 600 (respTTL)."""
    lab = _lab("ltsc2022", f"run -d --name web {IIS}", f"run -d --name app {IIS}")
    r = lab.exec("app", "nslookup web")
    assert "\nNon-authoritative answer:\nName:    web\n" in r.output + "\n"
    rows = lab.exec("app", "powershell Resolve-DnsName web").output
    assert " 600 " in rows


def test_an_unreachable_second_server_breaks_every_tool_and_dns_fixes_it():
    """moby/moby#43273: DNS Servers = gateway + 10.77.65.66 (a disconnected VPN adapter's server)."""
    lab = _lab(
        "ltsc2019",
        "network create -d nat -o com.docker.network.windowsshim.dnsservers=10.77.65.66 appnet",
        f"run -d --name app --network appnet {IIS}",
    )
    servers = lab.exec("app", "ipconfig /all").output
    assert (
        "DNS Servers . . . . . . . . . . . : 172." in servers and "\n" + " " * 39 + "10.77.65.66" in servers
    )
    r = lab.exec("app", "ping -n 1 www.google.com")
    assert r.output == "Ping request could not find host www.google.com. Please check the name and try again."
    assert "10.77.65.66" in r.hints[0] and "no route" in r.hints[0]
    r = lab.exec("app", "powershell Resolve-DnsName www.google.com")
    assert "www.google.com : DNS server failure" in r.output
    assert "RCODE_SERVER_FAILURE,Microsoft.DnsClient.Commands.ResolveDnsName" in r.output
    r = lab.exec("app", "nslookup www.google.com 10.77.65.66")
    assert r.output.startswith("DNS request timed out.\n    timeout was 2 seconds.\nServer:  UnKnown\n")
    assert r.output.endswith("*** Request to UnKnown timed-out")
    lab.docker("rm -f app")
    lab.docker(f"run -d --name app --network appnet --dns 192.168.0.1 {IIS}")
    assert lab.exec("app", "ping -n 1 www.google.com").exit_code == 0


def test_resolve_dnsname_server_asks_only_that_server():
    lab = _lab("ltsc2019", f"run -d --name app {IIS}")
    gateway = str(lab.host().network("nat").subnets[0].gateway)
    r = lab.exec("app", f"powershell Resolve-DnsName www.google.com -Server {gateway}")
    assert "DNS server failure" in r.output
    assert lab.exec("app", "powershell Resolve-DnsName www.google.com -Server 8.8.8.8").exit_code == 0


@pytest.mark.parametrize("server", ["nosuch.invalid", "10.77.65.66"])
def test_nslookup_and_resolve_dnsname_with_a_bad_server_fail_in_their_own_words(server):
    lab = _lab("ltsc2022", f"run -d --name app {IIS}")
    r = lab.exec("app", f"nslookup www.google.com {server}")
    assert r.exit_code == 1 and r.hints
    if server == "nosuch.invalid":
        assert r.output == "*** Can't find server address for 'nosuch.invalid':"
    r = lab.exec("app", f"powershell Resolve-DnsName www.google.com -Server {server}")
    assert r.exit_code != 0 and "Traceback" not in r.output
