"""The docker front: real formats, real errors, Docker's own semantics, no raise on mistakes."""

import json

import pytest

import winnetlab as wl
from winnetlab.engine import unsupported

IIS = "mcr.microsoft.com/windows/servercore/iis"


@pytest.fixture
def lab():
    return wl.Lab(seed=0)


def test_network_ls_fresh_host_has_nat_and_none(lab):
    r = lab.docker("network ls")
    assert r.ok
    lines = r.output.splitlines()
    assert lines[0] == "NETWORK ID     NAME      DRIVER    SCOPE"
    assert [l.split()[1:] for l in lines[1:]] == [["nat", "nat", "local"], ["none", "null", "local"]]
    assert all(len(l.split()[0]) == 12 for l in lines[1:])
    assert lab.docker("docker network ls").output == r.output  # a leading "docker" is accepted
    assert lab.docker("network ls -q").output.splitlines() == [l.split()[0] for l in lines[1:]]


def test_network_create_prints_id_and_inspect_has_real_keys(lab):
    r = lab.docker("network create -d nat --subnet=10.10.0.0/24 --gateway 10.10.0.1 mynat")
    assert r.ok and len(r.output) == 64
    doc = json.loads(lab.docker("network inspect mynat").output)
    net = doc[0]
    assert list(net) == [
        "Name",
        "Id",
        "Created",
        "Scope",
        "Driver",
        "EnableIPv6",
        "IPAM",
        "Internal",
        "Attachable",
        "Ingress",
        "ConfigFrom",
        "ConfigOnly",
        "Containers",
        "Options",
        "Labels",
    ]
    assert net["Id"] == r.output
    assert net["IPAM"]["Config"] == [{"Subnet": "10.10.0.0/24", "Gateway": "10.10.0.1"}]
    hnsid = net["Options"]["com.docker.network.windowsshim.hnsid"]
    assert hnsid == lab.host().network("mynat").id
    lab.docker("run -d --name web --network mynat " + IIS)
    c = json.loads(lab.docker("network inspect mynat").output)[0]["Containers"]
    entry = next(iter(c.values()))
    assert (
        entry["Name"] == "web" and entry["IPv4Address"] == "10.10.0.2/8"
    )  # classful mask, as Docker records it
    assert entry["MacAddress"].startswith("00:15:5d:")


def test_run_publish_ps_and_port(lab):
    r = lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    assert r.ok and r.output == lab.host().container("web").id
    ps = lab.docker("ps").output.splitlines()
    assert ps[0].split() == ["CONTAINER", "ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
    assert '"C:\\\\ServiceMonitor.e…"' in ps[1] and "0.0.0.0:8080->80/tcp" in ps[1] and ps[1].endswith("web")
    assert lab.docker("port web").output == "80/tcp -> 0.0.0.0:8080"
    assert lab.docker("port web 80").output == "0.0.0.0:8080"


def test_run_start_failure_leaves_created_container(lab):
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    before = {k: v for k, v in lab.host().endpoints.items()}
    r = lab.docker(f"run -d --name web2 -p 8080:80 {IIS}")
    assert r.exit_code == 125
    first = r.output.splitlines()[0]
    assert first == (
        "docker: Error response from daemon: failed to create endpoint web2 on network nat: "
        "failed during hnsCallRawResponse: hnsCall failed in Win32: The process cannot access the file "
        "because it is being used by another process. (0x20)."
    )
    assert "See 'docker run --help'." not in r.output  # start errors carry no help pointer
    assert len(r.output.splitlines()) == 1 and "host port 8080/tcp" in r.hints[0]
    assert dict(lab.host().endpoints) == before
    assert lab.host().container("web2").state == "created"
    assert any(l.split()[-1] == "web2" and "Created" in l for l in lab.docker("ps -a").output.splitlines())
    assert all(l.split()[-1] != "web2" for l in lab.docker("ps").output.splitlines())


def test_run_create_errors_have_help_pointer_and_exit_125(lab):
    r = lab.docker(f"run --network host {IIS}")
    assert r.exit_code == 125
    assert r.output.splitlines()[:2] == [
        "docker: Error response from daemon: network host not found.",
        "See 'docker run --help'.",
    ]
    assert "web" not in lab.host().containers


def test_rm_removes_first_even_when_second_fails(lab):
    lab.docker("run -d --name a img")
    r = lab.docker("rm -f a nope")
    assert r.exit_code == 1
    assert r.output.splitlines() == ["a", "Error response from daemon: No such container: nope"]
    assert "a" not in lab.host().containers


def test_rm_running_without_force_is_refused(lab):
    lab.docker("run -d --name a img")
    r = lab.docker("rm a")
    assert r.exit_code == 1 and r.output == (
        'Error response from daemon: cannot remove container "/a": container is running: '
        "stop the container before removing or force remove"
    )  # moby v27 daemon/delete.go
    assert "a" in lab.host().containers


def test_predefined_network_cannot_be_removed(lab):
    r = lab.docker("network rm nat")
    assert r.output == "Error response from daemon: nat is a pre-defined network and cannot be removed"
    assert r.exit_code == 1


def test_usage_errors(lab):
    r = lab.docker("network create --foo x")
    assert r.output == "unknown flag: --foo\nSee 'docker network create --help'." and r.exit_code == 125
    r = lab.docker("network create")
    assert r.exit_code == 1
    assert r.output.startswith(
        "docker: 'docker network create' requires 1 argument\n\nUsage:  docker network create"
    )
    r = lab.docker("frobnicate")
    assert r.exit_code == 1 and "unknown command: docker frobnicate" in r.output
    r = lab.docker('network create "unterminated')
    assert r.exit_code == 1 and "The string is missing the terminator" in r.output


def test_help_lists_flags(lab):
    r = lab.docker("network create --help")
    assert r.ok and "--subnet strings" in r.output and "-o, --opt map" in r.output
    assert "Usage:  docker network create [OPTIONS] NETWORK" in r.output
    assert "--network-alias list" in lab.docker("run --help").output
    assert "connect" in lab.docker("network").output


def test_unsupported_options_follow_the_table(lab):
    r = lab.docker("network create -d nat --ipv6 v6net")
    assert r.output.startswith(
        "Error response from daemon: this request is not supported by the 'windows' ipam driver"
    )
    assert "v6net" not in lab.host().networks
    r = lab.docker("network create -d nat --ip-range 10.1.0.0/25 --subnet 10.1.0.0/24 rng")
    assert "not supported by the 'windows' ipam driver" in r.output and r.exit_code == 1
    r = lab.docker("network create -d nat --ipv4=false v4")
    assert r.output.startswith("Error response from daemon: IPv4 cannot be disabled on Windows")
    r = lab.docker("network create -d nat --internal --subnet 10.9.0.0/24 inside")
    assert r.ok and r.output == lab.host().network("inside").docker_id  # silently accepted
    assert r.hints == (unsupported.lookup("docker network create", "--internal").hint(),)
    assert json.loads(lab.docker("network inspect inside").output)[0]["Internal"] is True
    r = lab.docker("run -d --privileged --name p img")
    assert r.exit_code == 125 and "Windows does not support privileged mode." in r.output
    r = lab.docker(f"run -d --ip6 2001:db8::2 --name six {IIS}")
    assert r.exit_code == 125 and r.output == (
        "docker: Error response from daemon: invalid endpoint settings:\n"
        "user specified IP address is supported only when connecting to networks with user configured "
        "subnets."
    )
    assert lab.host().container("six").state == "created"
    r = lab.docker(f"run -d --dns-option ndots:2 --name opt {IIS}")
    assert r.ok and r.output == lab.host().container("opt").id and "--dns-option" in r.hints[0]
    r = lab.docker("run -d -p 127.0.0.1:80:80 --name h img")
    assert "Windows does not support host IP addresses in NAT settings" in r.output and r.exit_code == 125
    r = lab.docker("run -d -p 8000-8010:80 --name rg img")
    assert "Windows does not support more than one host port in NAT settings" in r.output


def test_default_driver_bridge_does_not_exist_on_windows(lab):
    r = lab.docker("network create localnet")
    assert r.exit_code == 1 and "bridge" in r.output and r.output.startswith("Error response from daemon: ")


def test_info_network_plugins_line(lab):
    out = lab.docker("info").output
    assert (
        "  Network: ics internal l2bridge l2tunnel nat null overlay private transparent" in out.splitlines()
    )
    assert " OSType: windows" in out.splitlines()


def test_swarm_overlay_and_service(lab):
    lab2 = wl.Lab(seed=1, hosts=2)
    r = lab2.docker("network create -d overlay ov")
    assert r.output.startswith("Error response from daemon: This node is not a swarm manager.")
    init = lab2.docker("swarm init")
    assert init.ok and init.output.startswith("Swarm initialized: current node (")
    join = next(l.strip() for l in init.output.splitlines() if l.strip().startswith("docker swarm join"))
    assert lab2.docker(join, host="host2").output == "This node joined a swarm as a worker."
    assert lab2.docker("network create -d overlay --attachable ov").ok
    r = lab2.docker(f"service create --name web --replicas 2 --publish 8080:80 {IIS}")
    assert r.ok, r.output
    ls = lab2.docker("service ls").output.splitlines()
    assert ls[0].split() == ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
    assert "*:8080->80/tcp" in ls[1] and "2/2" in ls[1]
    assert lab2.docker("service ls", host="host2").output.startswith(
        "Error response from daemon: This node is not a swarm manager."
    )


def test_exec_through_docker(lab):
    lab.docker("run -d --name web img")
    r = lab.docker("exec web ipconfig")
    assert r.ok and "IPv4 Address. . . . . . . . . . . : 172.16.0.2" in r.output
    assert lab.docker("exec nope ipconfig").output == "Error response from daemon: No such container: nope"


def test_network_connect_disconnect(lab):
    lab.docker("network create -d nat --subnet 10.20.0.0/24 second")
    lab.docker("run -d --name web img")
    assert lab.docker("network connect second web").ok
    assert len(lab.host().endpoints_of("web")) == 2
    assert lab.docker("network disconnect second web").ok
    assert len(lab.host().endpoints_of("web")) == 1
    r = lab.docker("network connect nope web")
    assert r.output == "Error response from daemon: network nope not found"


def test_prune_needs_force_without_a_keyboard(lab):
    lab.docker("network create -d nat --subnet 10.30.0.0/24 spare")
    r = lab.docker("network prune")
    assert "Are you sure you want to continue? [y/N]" in r.output and "spare" in lab.host().networks
    r = lab.docker("network prune -f")
    assert r.output.startswith("Deleted Networks:\nspare") and "spare" not in lab.host().networks
    assert "nat" in lab.host().networks


def test_outputs_are_deterministic():
    def session():
        lab = wl.Lab(seed=5)
        return [
            lab.docker(c).output
            for c in (
                "network create -d nat --subnet 10.1.1.0/24 n",
                f"run -d --name w -p 80 {IIS}",
                "ps -a",
                "inspect w",
                "network inspect n",
            )
        ]

    assert session() == session()


def test_help_of_a_command_without_flags_has_no_options_section():
    """Found by the fuzz test: ``docker port --help`` (no flags but the hidden --help) raised."""
    lab = wl.Lab(seed=0)
    out = lab.docker("port --help")
    assert out.exit_code == 0
    assert out.output.startswith("Usage:  docker port CONTAINER")
    assert "Options:" not in out.output
