"""Container lifecycle as Docker on Windows runs it: create/start/stop/restart/kill/pause/
unpause/wait/logs/rm, the states ``ps`` and ``inspect`` show, and what a stop releases.

Sources: moby v27.3.1 ``container/state.go`` (State.String), ``daemon/delete.go``,
``daemon/kill.go``, ``daemon/pause.go``, ``libcontainerd/local/local_windows.go`` (Pause:
not implemented under process isolation; reapProcess: -1 when the exit code is lost);
docker/cli v27.3.1 ``cli/command/container/{stop,kill,pause,run}.go`` and
``cli/streams/in.go`` (CheckTty); dotnet/dotnet-framework-docker#431 (``Exited
(3221225786)`` after docker stop); rancher/rancher#10567 and moby/moby#37662 (IP and MAC
change on restart); moby/moby#38306 (cmd.exe's banner when run without a terminal);
microsoft/Windows-Containers#252 (nanoserver has no PowerShell: CreateProcess 0x2).
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statecheck import check_invariants, snapshot

import winnetlab as wl
from winnetlab.engine.containers import STOPPED, TERMINATED

IIS = "mcr.microsoft.com/windows/servercore/iis"
NANO = "mcr.microsoft.com/windows/nanoserver:ltsc2022"


@pytest.fixture
def lab():
    return wl.Lab()


def _status(lab, name):
    for line in lab.docker("ps -a").output.splitlines()[1:]:
        if line.split()[-1] == name:
            return line
    return None


def test_stop_releases_endpoint_mapping_firewall_and_compartment(lab):
    h = lab.host()
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    c = h.container("web")
    ep = h.endpoints_of(c)[0]
    assert len(h.nat_mappings) == 1 and len(h.firewall_rules) == 1 and c.namespace in h.namespaces
    r = lab.docker("stop web")
    assert r.ok and r.output == "web"
    assert ep.id not in h.endpoints and not c.endpoints and c.namespace is None
    assert not h.nat_mappings and not h.firewall_rules and not h.published
    assert c.state == "exited" and c.exit_code == STOPPED
    assert "Exited (3221225786) " in _status(lab, "web")
    actions = [e.action for e in h.events[-8:]]
    assert "RemoveStaticMapping" in actions and "DeleteEndpoint" in actions and "DeleteNamespace" in actions
    check_invariants(lab)


def test_start_again_recreates_with_a_new_address_and_mac(lab):
    h = lab.host()
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    before = h.endpoints_of("web")[0]
    lab.docker("stop web")
    assert lab.docker("start web").output == "web"
    after = h.endpoints_of("web")[0]
    assert after.id != before.id
    assert after.ip_address != before.ip_address and after.mac_address != before.mac_address
    assert len(h.nat_mappings) == 1 and h.nat_mappings[0].internal_ip == after.ip_address
    assert "Up " in _status(lab, "web")
    check_invariants(lab)


def test_fixed_ip_is_kept_but_mac_changes_on_transparent():
    lab = wl.Lab()
    lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 tr")
    lab.docker(f"create --name t --network tr --ip 192.168.0.251 {IIS}")  # moby/moby#37662
    lab.docker("start t")
    first = lab.host().endpoints_of("t")[0]
    lab.docker("stop t")
    lab.docker("start t")
    second = lab.host().endpoints_of("t")[0]
    assert str(first.ip_address) == str(second.ip_address) == "192.168.0.251"
    assert first.mac_address != second.mac_address


def test_stop_of_a_stopped_container_prints_its_name(lab):
    lab.docker(f"create --name web {IIS}")
    r = lab.docker("stop web")  # 304 Not Modified: the CLI prints the name
    assert r.ok and r.output == "web"
    assert _status(lab, "web").split("   ")[4].strip() == "Created"


def test_kill_and_stop_t0_terminate(lab):
    lab.docker(f"run -d --name a {IIS}")
    lab.docker(f"run -d --name b {IIS}")
    assert lab.docker("kill a").output == "a"
    assert lab.docker("stop -t 0 b").ok
    for name in "ab":
        assert lab.host().container(name).exit_code == TERMINATED
    r = lab.docker("kill a")
    cid = lab.host().container("a").id
    assert r.exit_code == 1
    assert r.output == f"Error response from daemon: cannot kill container: a: container {cid} is not running"


def test_pause_needs_hyperv_isolation(lab):
    lab.docker(f"run -d --name p {IIS}")
    cid = lab.host().container("p").id
    r = lab.docker("pause p")
    assert r.exit_code == 1
    assert (
        r.output.splitlines()[0]
        == f"Error response from daemon: cannot pause container {cid}: not implemented"
    )
    assert lab.host().container("p").state == "running"
    lab.docker(f"run -d --name h --isolation hyperv {IIS}")
    assert lab.docker("pause h").output == "h"
    assert "(Paused)" in _status(lab, "h")
    state = json.loads(lab.docker("inspect h").output)[0]["State"]
    assert state["Status"] == "paused" and state["Paused"] and state["Running"]
    assert lab.host().endpoints_of("h"), "a paused container keeps its endpoints"
    hid = lab.host().container("h").id
    assert lab.docker("pause h").output == f"Error response from daemon: container {hid} is already paused"
    assert lab.docker("start h").output.startswith(
        "Error response from daemon: cannot start a paused container, try unpause instead"
    )
    assert lab.docker("rm h").output == (
        'Error response from daemon: cannot remove container "/h": container is paused and must be unpaused first'
    )
    r = lab.docker("exec h hostname")
    assert r.exit_code == 1 and "is paused, unpause the container before exec" in r.output
    assert lab.docker("unpause h").output == "h"
    assert lab.docker("unpause h").output == f"Error response from daemon: Container {hid} is not paused"


def test_inspect_state_after_stop(lab):
    lab.docker(f"run -d --name web {IIS}")
    lab.docker("stop web")
    state = json.loads(lab.docker("inspect web").output)[0]["State"]
    assert state["Status"] == "exited" and not state["Running"] and state["ExitCode"] == STOPPED
    assert state["FinishedAt"] > state["StartedAt"] != "0001-01-01T00:00:00Z"
    assert json.loads(lab.docker("inspect web").output)[0]["NetworkSettings"]["Networks"] == {}


def test_restart_gives_new_endpoint_and_prints_name(lab):
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    old = lab.host().endpoints_of("web")[0].id
    assert lab.docker("restart -t 5 web").output == "web"
    assert lab.host().endpoints_of("web")[0].id != old
    assert lab.docker("restart nope").output == "Error response from daemon: No such container: nope"


def test_base_image_cmd_exits_at_once_without_a_terminal(lab):
    r = lab.docker(f"run -d --name n {NANO}")
    assert r.ok
    c = lab.host().container("n")
    assert c.state == "exited" and c.exit_code == 0 and not c.endpoints
    assert "Exited (0)" in _status(lab, "n")
    assert lab.docker("logs n").output.splitlines()[:2] == [
        "Microsoft Windows [Version 10.0.20348.2762]",
        "(c) Microsoft Corporation. All rights reserved.",
    ]
    assert lab.docker("wait n").output == "0"
    lab.docker(f"run -dit --name k {NANO}")
    assert lab.host().container("k").state == "running"


def test_foreground_command_prints_output_returns_code_and_releases(lab):
    r = lab.docker(f"run --name once {NANO} cmd /c exit 3")
    assert r.exit_code == 3
    c = lab.host().container("once")
    assert c.state == "exited" and c.exit_code == 3 and not c.endpoints
    r = lab.docker(f"run --rm {NANO} hostname")
    assert r.ok and r.output.strip()
    assert len(lab.host().containers) == 1  # --rm removed it
    check_invariants(lab)


def test_missing_executable_fails_like_hcs_with_127(lab):
    r = lab.docker(f"run --name ps {NANO} powershell")
    cid = lab.host().container("ps").id
    assert r.exit_code == 127
    assert r.output.splitlines()[0] == (
        f"docker: Error response from daemon: container {cid} encountered an error during "
        "hcs::System::CreateProcess: powershell: failure in a Windows system call: The system cannot "
        "find the file specified. (0x2)."
    )
    c = lab.host().container("ps")
    assert c.state == "created" and not c.endpoints and c.exit_code == 127
    assert "Created" in _status(lab, "ps")


def test_it_without_a_terminal_is_refused(lab):
    r = lab.docker(f"run -it {NANO} cmd")
    assert r.exit_code == 1
    assert r.output.splitlines()[0] == (
        "the input device is not a TTY.  If you are using mintty, try prefixing the command with 'winpty'"
    )
    assert not lab.host().containers


def test_unknown_image_is_pulled_and_runs_as_a_service(lab):
    r = lab.docker("run -d --name app contoso/web:1.0")
    lines = r.output.splitlines()
    assert lines[0] == "Unable to find image 'contoso/web:1.0' locally"
    assert lines[1] == "1.0: Pulling from contoso/web"
    assert lines[-2] == "Status: Downloaded newer image for contoso/web:1.0"
    assert lines[-1] == lab.host().container("app").id
    assert lab.host().container("app").state == "running"
    assert any(l.startswith("contoso/web ") for l in lab.docker("images").output.splitlines())


def test_image_errors_are_the_registry_s():
    lab = wl.Lab(windows="ltsc2019")
    r = lab.docker("pull mcr.microsoft.com/windows/servercore:ltsc2022")  # Windows-Containers#334
    assert r.exit_code == 1
    assert r.output.splitlines()[:2] == [
        "ltsc2022: Pulling from windows/servercore",
        "no matching manifest for windows/amd64 10.0.17763 in the manifest list entries",
    ]
    r = lab.docker("pull mcr.microsoft.com/windows/nanoserver")
    assert r.output.splitlines()[:2] == [
        "Using default tag: latest",
        "Error response from daemon: manifest for mcr.microsoft.com/windows/nanoserver:latest not found: "
        "manifest unknown: manifest unknown",
    ]
    lab2 = wl.Lab()
    assert lab2.docker("pull mcr.microsoft.com/windows/nanoserver:1809").ok
    r = lab2.docker("run -d mcr.microsoft.com/windows/nanoserver:1809")
    assert (
        r.exit_code == 125
        and "The container operating system does not match the host operating system." in r.output
    )
    assert lab2.docker("run -dit --isolation hyperv mcr.microsoft.com/windows/nanoserver:1809").ok


def test_default_images_are_the_hosts_version():
    for windows, tag in (("ltsc2019", "1809"), ("ltsc2022", "ltsc2022"), ("ltsc2016", "sac2016")):
        lab = wl.Lab(windows=windows)
        refs = lab.host().images
        assert f"mcr.microsoft.com/windows/nanoserver:{tag}" in refs
        c = lab.host().run("x")
        assert c.image.endswith(":" + tag) and c.state == "running"


def test_typed_api_lifecycle_and_errors(lab):
    h = lab.host()
    h.run("web", image=IIS, publish=["8080:80"])
    with pytest.raises(wl.WinNetLabError):
        h.remove_container("web", force=False)
    assert h.stop("web") is True and h.stop("web") is False
    with pytest.raises(wl.Conflict):
        h.kill("web")
    h.start("web")
    with pytest.raises(wl.Unsupported):
        h.pause("web")
    h.stop("web")
    h.remove_container("web", force=False)
    assert "web" not in h.containers


def test_a_stopped_container_is_connected_and_disconnected_in_its_settings(lab):
    """Found by a random sequence (run, stop, network connect): the connect of an exited
    container failed with a raw KeyError (it has no namespace until it starts again), and an
    earlier version left a half-made endpoint behind.  Docker adds the network to a stopped
    container's settings; the endpoint comes with the next start (moby ``ConnectToNetwork``)."""
    h = lab.host()
    lab.docker("network create -d nat --subnet 10.9.0.0/29 small")
    lab.docker(f"run -d --name web --network small {IIS}")
    assert lab.docker("stop web").ok
    before = len(h.endpoints)
    r = lab.docker("network connect nat web")
    assert r.ok and len(h.endpoints) == before and h.container("web").requested_networks == ("small", "nat")
    assert "already exists" in lab.docker("network connect nat web").output
    assert lab.docker("start web").ok
    assert sorted(e.network for e in h.endpoints_of("web")) == ["nat", "small"]
    assert lab.docker("stop web").ok and lab.docker("network disconnect small web").ok
    assert lab.docker("start web").ok and [e.network for e in h.endpoints_of("web")] == ["nat"]
    check_invariants(lab)


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "stop",
                "start",
                "restart",
                "kill",
                "rm",
                "rm -f",
                "pause",
                "unpause",
                "run",
                "stop -t 0",
                "network connect nat",
                "network disconnect nat",
            ]
        ),
        st.sampled_from(["a", "b", "c"]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_random_lifecycle_keeps_invariants_and_frees_everything(ops):
    lab = wl.Lab()
    lab.docker("network create -d nat --subnet 10.9.0.0/29 small")
    h = lab.host()
    pools_before = {n.name: [p.used_count for p in n.pools] for n in h.networks.values()}
    for op, name in ops:
        if op == "run":
            line = f"run -d --name {name} -p 80{ord(name) - 90}:80 --network small"
            line += " --isolation hyperv" if name == "c" else ""
            r = lab.docker(f"{line} {IIS}")
        else:
            before = snapshot(lab)
            r = lab.docker(f"{op} {name}")
            if r.exit_code != 0:
                assert snapshot(lab) == before, f"{op} {name} failed but changed the lab"
        check_invariants(lab)
    for name in list(h.containers):
        assert lab.docker(f"rm -f {name}").ok
    check_invariants(lab)
    assert not h.published and not h.nat_mappings and not h.firewall_rules
    assert {n.name: [p.used_count for p in n.pools] for n in h.networks.values()} == pools_before
    assert not [e for e in h.endpoints.values() if not e.remote]
