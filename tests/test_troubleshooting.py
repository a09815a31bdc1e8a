"""Issue 14: the failures users report — host processes holding ports, the host firewall,
Server 2016 specifics, HNS rules, reboots and stale endpoints, where the host runs, LAN
routing — through the text fronts and the walk; and the scenario library."""

import pytest

import winnetlab as wl
from winnetlab.fronts.docker_format import swarm_token

IIS = "mcr.microsoft.com/windows/servercore/iis"
PORT_IN_USE = (
    "failed during hnsCallRawResponse: hnsCall failed in Win32: The process cannot access the file because "
    "it is being used by another process. (0x20)"
)


def state(lab):
    """A fingerprint of everything a failed command must leave alone."""
    return [
        (
            h.name,
            sorted(h.endpoints),
            sorted(h.containers),
            sorted(h.published),
            sorted(r.name for r in h.host_firewall_rules),
            sorted(h.listeners),
            h.firewall_profiles,
        )
        for h in lab.hosts.values()
    ]


# ----------------------------------------------------------------------------- host processes holding ports


def test_host_process_holding_the_port_blocks_publish_with_the_current_engine_error():
    """microsoft/vscode-docker#1299, Dynatrace/superdump#231 (0x20)."""
    lab = wl.Lab()
    h = lab.host()
    proc = h.listen(1433, process="sqlservr.exe", service="MSSQLSERVER")
    r = lab.docker("run -d --name db -p 1433:1433 mcr.microsoft.com/mssql/server")
    assert r.exit_code == 125
    assert r.output.splitlines()[0] == "Unable to find image 'mcr.microsoft.com/mssql/server:latest' locally"
    assert r.output.splitlines()[-1] == (
        f"docker: Error response from daemon: failed to create endpoint db on network nat: {PORT_IN_USE}."
    )
    assert f"sqlservr.exe (PID {proc.pid})" in r.hints[0]
    assert lab.host().container("db").state == "created"
    assert lab.powershell("Stop-Service MSSQLSERVER").exit_code == 0
    assert lab.docker("start db").exit_code == 0
    assert lab.trace("internet", "host1:1433").last.component == "container db"


def test_server_2016_words_the_same_failure_the_old_way():
    """docker/for-win#1755 (2018 engine): HNS failed with error : …"""
    lab = wl.Lab(windows="ltsc2016")
    lab.host().listen(80, process="w3wp.exe")
    r = lab.docker(f"run -d --name web -p 80:80 {IIS}")
    assert (
        "on network nat: HNS failed with error : The process cannot access the file because it is being "
        in (r.output)
    )


def test_port_held_by_a_container_or_a_swarm_service_names_the_holder():
    lab = wl.Lab()
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    r = lab.docker(f"run -d --name web2 -p 8080:80 {IIS}")
    assert PORT_IN_USE in r.output and "the container web" in r.hints[0]
    lab.swarm_init()
    lab.docker(f"service create --name api --replicas 1 --publish 9090:80 {IIS}")
    r = lab.docker(f"run -d --name web3 -p 9090:80 {IIS}")
    assert r.exit_code != 0 and "swarm service api" in r.hints[0]


def test_listen_refuses_a_taken_port_and_bad_input_without_changing_anything():
    lab = wl.Lab()
    h = lab.host()
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    before = state(lab)
    for call in (
        lambda: h.listen(8080),
        lambda: h.listen(5985, process="x.exe"),  # WinRM (System) holds it already
        lambda: h.listen(0),
        lambda: h.listen(80, protocol="icmp"),
        lambda: h.listen(80, process=""),
        lambda: h.stop_listening(1433),
    ):
        with pytest.raises(wl.WinNetLabError):
            call()
    assert state(lab) == before
    assert lab.powershell("Stop-Service nothing").exit_code == 1


def test_ephemeral_host_port_skips_listening_processes():
    lab = wl.Lab()
    lab.host().listen(49152, process="app.exe")
    lab.docker(f"run -d --name web -p 80 {IIS}")
    assert ("tcp", 49153) in lab.host().published


# ----------------------------------------------------------------------------- the host firewall


def test_firewall_cmdlets_and_the_walk_enforce_block_over_allow():
    lab = wl.Lab(hosts=2)
    h1 = lab.host("host1")
    h1.listen(8080, process="java.exe")
    t = lab.trace("host2", "host1:8080")
    assert t.verdict == "dropped" and "default inbound action is Block" in t.reason
    r = lab.powershell(
        "New-NetFirewallRule -DisplayName 'App 8080' -Direction Inbound -Protocol TCP -LocalPort 8080 -Action Allow"
    )
    assert r.exit_code == 0 and "DisplayName           : App 8080" in r.output
    t = lab.trace("host2", "host1:8080")
    assert t.verdict == "delivered" and t.last.component == "java.exe"
    lab.powershell(
        "New-NetFirewallRule -DisplayName 'No 8080 from host2' -Protocol TCP -LocalPort 8080 "
        "-RemoteAddress 192.168.0.12 -Action Block"
    )
    t = lab.trace("host2", "host1:8080")
    assert t.verdict == "dropped" and "block rule 'No 8080 from host2'" in t.reason
    assert lab.trace("internet", "host1:8080").verdict == "delivered"  # other sources still allowed
    pf = lab.powershell("Get-NetFirewallRule -DisplayName 'App 8080' | Get-NetFirewallPortFilter").output
    assert pf.splitlines()[2:4] == ["Protocol      : TCP", "LocalPort     : 8080"]
    assert lab.powershell("Remove-NetFirewallRule -DisplayName 'No 8080 from host2'").exit_code == 0
    assert lab.trace("host2", "host1:8080").verdict == "delivered"


def test_firewall_profile_off_admits_everything_and_bad_values_change_nothing():
    lab = wl.Lab(hosts=2)
    before = state(lab)
    bad = lab.powershell("Set-NetFirewallProfile -Profile Public -Enabled Maybe")
    assert bad.exit_code == 1 and "GpoBoolean" in bad.output
    assert lab.powershell("New-NetFirewallRule -DisplayName x -Protocol TCP -LocalPort 99999").exit_code == 1
    assert lab.powershell("Remove-NetFirewallRule -DisplayName nope").exit_code == 1
    assert state(lab) == before
    assert lab.trace("host2", "host1:135").verdict == "dropped"
    lab.powershell("Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled False")
    assert lab.trace("host2", "host1:135").last.component == "svchost.exe"
    prof = lab.powershell("Get-NetFirewallProfile -Name Public").output
    assert "Enabled                         : False" in prof


def test_default_rules_are_windows_builtins_and_the_labs_swarm_rules_are_marked_inferred():
    h = wl.Lab().host()
    rules = {r.name: r for r in h.host_firewall_rules}
    assert rules["WINRM-HTTP-In-TCP"].display_name == "Windows Remote Management (HTTP-In)"
    assert not rules["RemoteDesktop-UserMode-In-TCP"].enabled
    swarm = [r for r in rules.values() if r.inferred]
    assert sorted((r.protocol, r.local_ports) for r in swarm) == [
        ("TCP", (2377,)),
        ("TCP", (7946,)),
        ("UDP", (4789,)),
        ("UDP", (7946,)),
    ]


def test_swarm_join_times_out_when_2377_is_closed_on_the_manager():
    """docker/for-linux#34, docker/for-win#10135: the join waits and gives up."""
    lab = wl.Lab(hosts=2)
    lab.docker("swarm init")
    lab.powershell("Remove-NetFirewallRule -Name Swarm-TCP-2377")
    before = state(lab)
    r = lab.docker("swarm join --token wrong 192.168.0.11:2377", host="host2")  # reach first, token later
    assert r.output.splitlines()[0] == (
        "Error response from daemon: Timeout was reached before node joined. The attempt to join the swarm "
        'will continue in the background. Use the "docker info" command to see the current swarm status of '
        "your node."
    )
    assert state(lab) == before and lab.swarm.nodes == ("host1",)
    assert lab.trace("host2", "host1:2377").verdict == "dropped"
    lab.powershell("New-NetFirewallRule -DisplayName 'Swarm 2377' -Protocol TCP -LocalPort 2377")
    ok = lab.docker(f"swarm join --token {swarm_token(lab)} 192.168.0.11:2377", host="host2")
    assert ok.output == "This node joined a swarm as a worker."


def test_vxlan_blocked_on_one_node_drops_overlay_traffic():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.host().create_network("ov", driver="overlay", attachable=True)
    lab.host("host1").run("a", network="ov")
    lab.host("host2").run("b", network="ov")
    assert lab.trace("a", "b", port=80).verdict == "delivered"
    lab.host("host2").add_firewall_rule("no vxlan", protocol="UDP", local_port=4789, action="Block")
    t = lab.trace("a", "b", port=80)
    assert t.verdict == "dropped" and "UDP 4789" in t.reason and t.last.host == "host2"


# ----------------------------------------------------------------------------- Server 2016


def test_server_2016_host_reaches_a_container_by_its_own_ip_and_port():
    lab = wl.Lab(windows="ltsc2016")
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    ip = lab.host().endpoints_of("web")[0].address
    assert lab.trace("host1", "localhost:8080").verdict == "dropped"
    t = lab.trace("host1", f"{ip}:80")
    assert (
        t.verdict == "delivered" and "behind the published port 8080" in t.find("Windows Firewall")[0].detail
    )
    assert lab.trace("host1", f"{ip}:81").verdict == "dropped"  # nothing published there


def test_server_2016_mesh_service_is_accepted_and_its_tasks_rejected_mode_host_works():
    lab = wl.Lab(windows="ltsc2016")
    lab.swarm_init()
    r = lab.docker(f"service create --name web --replicas 1 --publish 8080:80 {IIS}")
    assert r.exit_code == 0
    assert lab.swarm.services["web"].task_error == "HNS failed with error : Catastrophic failure"
    assert "0/1" in lab.docker("service ls").output
    lab.docker("service rm web")
    lab.docker(
        f"service create --name web --replicas 1 --endpoint-mode dnsrr --publish mode=host,target=80,published=8080 {IIS}"
    )
    assert "1/1" in lab.docker("service ls").output
    assert lab.trace("internet", "host1:8080").verdict == "delivered"


# ----------------------------------------------------------------------------- HNS rules


@pytest.mark.parametrize(
    "windows, text",
    [
        ("ltsc2016", "Error response from daemon: HNS failed with error : The parameter is incorrect."),
        (
            "ltsc2022",
            "Error response from daemon: failed during hnsCallRawResponse: hnsCall failed in Win32: The "
            "parameter is incorrect. (0x57)",
        ),
    ],
)
def test_vni_below_4096_is_refused(windows, text):
    lab = wl.Lab(windows=windows)
    lab.swarm_init()
    r = lab.docker("network create -d overlay -o com.docker.network.driver.overlay.vxlanid_list=4095 ov")
    assert r.output.splitlines()[0] == text and "ov" not in lab.host().networks
    assert lab.docker(
        "network create -d overlay -o com.docker.network.driver.overlay.vxlanid_list=4100 ov"
    ).ok


# ----------------------------------------------------------------------------- reboots and stale endpoints


def test_clean_reboot_recreates_nat_from_2019_and_keeps_it_on_2016():
    for windows, kept in (("ltsc2016", True), ("ltsc2022", False)):
        lab = wl.Lab(windows=windows)
        lab.docker(f"run -d --name web --restart always -p 8080:80 {IIS}")
        nat_id = lab.host().network("nat").id
        assert lab.powershell("Restart-Computer -Force").exit_code == 0
        assert (lab.host().network("nat").id == nat_id) is kept
        assert lab.host().container("web").state == "running"
        assert lab.trace("internet", "host1:8080").verdict == "delivered"
        assert not lab.host().stale_endpoints()


def test_auto_nat_prefix_may_change_across_a_reboot():
    lab = wl.Lab(nat_prefix="auto")
    before = lab.host().network("nat").subnets[0].prefix
    lab.reboot("host1")
    after = lab.host().network("nat").subnets[0].prefix
    assert before != after  # HNS chose another free /20 (deterministic for the seed)


def test_unclean_reboot_leaves_a_stale_endpoint_and_a_filtered_pipeline_removes_only_it():
    """moby/moby#47576, docker/for-win#13965 (0x803b002f)."""
    lab = wl.Lab()
    lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 tn")
    lab.docker(f"run -d --name app --restart always --network tn --ip 192.168.0.50 {IIS}")
    lab.docker(f"run -d --name helper --restart unless-stopped {IIS}")
    lab.reboot("host1", clean=False)
    h = lab.host()
    assert [str(e.address) for e in h.stale_endpoints()] == ["192.168.0.50"]
    assert h.container("app").state == "exited" and h.container("helper").state == "running"
    assert h.container("app").exit_code == 128 and "0x803b002f" in h.container("app").error
    r = lab.docker("start app")
    assert r.output.splitlines()[0] == (
        "Error response from daemon: failed to create endpoint app on network tn: failed during "
        "hnsCallRawResponse: hnsCall failed in Win32: An address provided is invalid or reserved. (0x803b002f)"
    )
    assert "Get-HnsEndpoint | ? IPAddress -eq" in r.hints[0]
    lab.powershell("Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint")
    assert not h.stale_endpoints() and h.endpoints_of("helper")
    assert lab.docker("start app").ok and h.endpoints_of("app")


# ----------------------------------------------------------------------------- restart policies across a reboot
POLICIES = ("always", "unless-stopped", "on-failure", "on-failure:2", "no")


@pytest.mark.parametrize("clean", [True, False])
def test_restart_policies_decide_which_containers_come_back_after_a_reboot(clean):
    """moby daemon/daemon.go restore + restartmanager.ShouldRestart: always, unless-stopped and
    on-failure (the shutdown left a non-zero exit code) come back; no stays Exited; after docker
    stop, always still comes back and unless-stopped does not."""
    lab = wl.Lab()
    for policy in POLICIES:
        lab.docker(f"run -d --name {policy.replace(':', '-')} --restart {policy} {IIS}")
    lab.docker(f"run -d --name stopped-always --restart always {IIS}")
    lab.docker(f"run -d --name stopped-unless --restart unless-stopped {IIS}")
    lab.docker("stop stopped-always stopped-unless")
    lab.reboot("host1", clean=clean)
    h = lab.host()
    up = {n for n, c in h.containers.items() if c.state == "running"}
    assert up == {"always", "unless-stopped", "on-failure", "on-failure-2", "stopped-always"}
    assert all(h.endpoints_of(n) for n in up)
    code = 3221225786 if clean else 255
    assert h.container("no").exit_code == code and not h.endpoints_of("no")
    status = lab.docker('ps -a --format "{{.Names}} {{.Status}}"').output.splitlines()
    assert [s for s in status if s.startswith("no ")][0].startswith(f"no Exited ({code})")
    assert lab.docker("start no").ok  # it was only not started: docker start works


def test_on_failure_with_its_retries_used_up_stays_exited():
    lab = wl.Lab()
    lab.docker(f"run -d --name app --restart on-failure:1 {IIS}")
    lab.host().container("app").restart_count = 1  # the daemon restarted it once already
    lab.reboot("host1")
    assert lab.host().container("app").state == "exited"
    assert ("RestartPolicy", "app", "on-failure:1: stays Exited (3221225786)") in [
        r[2:] for r in lab.host().event_rows()
    ]


def test_docker_inspect_shows_the_restart_policy_and_count():
    lab = wl.Lab()
    lab.docker(f"run -d --name app --restart on-failure:3 {IIS}")
    r = lab.docker('inspect -f "{{json .HostConfig.RestartPolicy}} {{.RestartCount}}" app')
    assert r.output == '{"Name":"on-failure","MaximumRetryCount":3} 0'
    lab.docker(f"run -d --name plain {IIS}")
    r = lab.docker('inspect -f "{{.HostConfig.RestartPolicy.Name}}" plain')
    assert r.output == "no"


@pytest.mark.parametrize(
    "flags, windows, message",
    [
        (
            "--restart bogus",
            "ltsc2022",
            "docker: Error response from daemon: invalid restart policy: unknown "
            "policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'.",
        ),
        (
            "--restart bogus",
            "ltsc2019",
            "docker: Error response from daemon: invalid restart policy 'bogus'.",
        ),
        (
            "--restart always:3",
            "ltsc2022",
            "docker: Error response from daemon: invalid restart policy: "
            "maximum retry count can only be used with 'on-failure'.",
        ),
        (
            "--restart always:3",
            "ltsc2019",
            "docker: Error response from daemon: maximum retry count cannot be "
            "used with restart policy 'always'.",
        ),
        (
            "--restart on-failure:-1",
            "ltsc2022",
            "docker: Error response from daemon: invalid restart policy: "
            "maximum retry count cannot be negative.",
        ),
        (
            "--restart on-failure:x",
            "ltsc2022",
            "docker: invalid restart policy format: maximum retry count must be an integer.",
        ),
        (
            "--restart :3",
            "ltsc2022",
            "docker: invalid restart policy format: no policy provided before colon.",
        ),
        (
            "--rm --restart always",
            "ltsc2022",
            "docker: conflicting options: cannot specify both --restart and --rm.",
        ),
    ],
)
def test_bad_restart_policies_are_refused_in_the_tools_words(flags, windows, message):
    """docker/cli opts.ParseRestartPolicy and container/opts.go; moby ValidateRestartPolicy
    (25.0+) and daemon/container.go (19.03)."""
    lab = wl.Lab(windows=windows)
    r = lab.docker(f"run -d --name app {flags} {IIS}")
    assert r.exit_code == 125 and r.output.splitlines() == [message, "See 'docker run --help'."]
    assert "app" not in lab.host().containers


def test_restart_policy_through_the_python_api():
    lab = wl.Lab()
    h = lab.host()
    h.run("a", network="nat", restart="unless-stopped")
    with pytest.raises(wl.WinNetLabError, match="can't create 'AutoRemove' container with restart policy"):
        h.create_container("b", restart="always", auto_remove=True)
    assert "b" not in h.containers
    h.reboot()
    assert h.container("a").state == "running"


def test_removing_every_endpoint_cuts_running_containers_off():
    lab = wl.Lab()
    lab.docker(f"run -d --name web {IIS}")
    lab.powershell("Get-HnsEndpoint | Remove-HnsEndpoint")
    assert lab.host().endpoints_of("web") == []
    assert lab.trace("web", "dns.google", port=53, protocol="udp").verdict == "dropped"
    lab.powershell("Get-HnsNetwork | ? Name -eq nat | Remove-HnsNetwork")
    assert "nat" not in lab.host().networks
    lab.powershell("Restart-Service docker")
    assert "nat" in lab.host().networks and lab.host().endpoints_of("web")


# ----------------------------------------------------------------------------- where the host runs, LAN routing


def test_platform_azure_refuses_mac_spoofing_and_drops_transparent_frames():
    lab = wl.Lab()
    h = lab.host().configure(platform="azure-vm")
    assert h.is_vm and h.platform == "azure-vm"
    with pytest.raises(wl.Unsupported) as e:
        h.configure(mac_spoofing=True)
    assert "l2bridge or overlay" in e.value.hint and not h.mac_spoofing
    with pytest.raises(wl.InvalidParameter):
        h.configure(platform="aws")
    lab.docker("network create -d transparent t")
    lab.docker(f"run -d --name app --network t {IIS}")
    t = lab.trace("app", "dns.google", port=53, protocol="udp")  # no DHCP offer: APIPA, no route
    assert t.verdict == "dropped" and "169.254." in t.reason and "Azure's virtual network" in t.reason
    assert "docker restart" not in t.reason  # nothing to fix and restart on Azure
    assert wl.Lab().host().configure(is_vm=True).platform == "hyperv-vm"  # is_vm= still works


def test_lan_router_knows_only_routes_it_was_given():
    lab = wl.Lab(hosts=2)
    lab.host().create_network("l2", driver="l2bridge", subnet="10.244.1.0/24", gateway="10.244.1.1")
    lab.host().run("pod", network="l2")
    t = lab.trace("host2", "10.244.1.2", port=80)
    assert t.verdict == "dropped" and "lab.add_route('10.244.1.0/24', via='host1')" in t.reason
    with pytest.raises(wl.InvalidParameter):
        lab.add_route("192.168.0.0/25", via="host1")  # overlaps the LAN
    with pytest.raises(wl.InvalidParameter):
        lab.add_route("10.244.1.0/24", via="8.8.8.8")
    lab.add_route("10.244.1.0/24", via="host1")
    assert lab.trace("host2", "10.244.1.2", port=80).verdict == "delivered"


def test_lab_file_keeps_firewall_listeners_routes_and_platform(tmp_path):
    lab = wl.Lab(hosts=2)
    h = lab.host()
    h.listen(1433, process="sqlservr.exe")
    h.add_firewall_rule("sql", protocol="TCP", local_port=1433)
    h.configure(platform="hyperv-vm", mac_spoofing=True)
    lab.add_route("10.244.1.0/24", via="host2")
    again = wl.Lab.load(lab.save(tmp_path / "lab.json"))
    g = again.host()
    assert g.listener("tcp", 1433).process == "sqlservr.exe" and g.find_firewall_rules(display_name="sql")
    assert (g.platform, g.mac_spoofing) == ("hyperv-vm", True) and again.lan.routes == lab.lan.routes
    assert again.trace("host2", "host1:1433").verdict == "delivered"


# ----------------------------------------------------------------------------- the scenario library

FIXES = {
    "sql-port-taken": ["ps:Stop-Service MSSQLSERVER", "docker:start mssql"],
    "port-taken-by-container": ["docker:rm -f oldsite", "docker:start newsite"],
    "routing-mesh-2016": [
        "docker:service rm web",
        "docker:service create --name web --replicas 1 --endpoint-mode dnsrr --publish "
        f"mode=host,target=80,published=8080 {IIS}",
    ],
    "swarm-join-2377-blocked": [
        "ps:New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP -LocalPort 2377 -Action Allow",
        "join",
    ],
    "overlay-4789-blocked": ["ps2:Remove-NetFirewallRule -DisplayName 'Block VXLAN (security baseline)'"],
    "overlay-vni-below-4096": [
        "docker:network create -d overlay --attachable -o com.docker.network.driver.overlay.vxlanid_list=4097 appnet"
    ],
    "nat-vswitch-removed": ["ps:Restart-Service hns", "ps:Restart-Service docker"],
    "stale-endpoint-after-patching": [
        "ps:Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint",
        "docker:start my-container",
    ],
    "transparent-on-azure": ["docker:network disconnect trans app", "docker:network connect nat app"],
    "transparent-no-mac-spoofing": ["py:spoof", "docker:restart app"],
    "pods-cannot-reach-lan": ["py:route"],
    "swarm-gossip-7946-blocked": [
        "ps2:New-NetFirewallRule -DisplayName 'Swarm 7946 TCP' -Direction Inbound -Protocol TCP -LocalPort 7946 "
        "-Action Allow",
        "ps2:New-NetFirewallRule -DisplayName 'Swarm 7946 UDP' -Direction Inbound -Protocol UDP -LocalPort 7946 "
        "-Action Allow",
    ],
    "nat-dns-server-failed": [
        "docker:rm -f app",
        f"docker:run -d --name app --network appnet --dns 192.168.0.1 {IIS}",
    ],
}


def apply(s, step):
    kind, _, cmd = step.partition(":")
    lab = s.lab
    if kind == "docker":
        return lab.docker(cmd)
    if kind in ("ps", "ps2"):
        return lab.powershell(cmd, host="host2" if kind == "ps2" else None)
    if step == "join":
        return lab.docker(f"swarm join --token {swarm_token(lab)} 192.168.0.11:2377", host="host2")
    if cmd == "spoof":
        return lab.host().configure(mac_spoofing=True)
    return lab.add_route("10.244.1.0/24", via="host1")


def test_the_library_lists_at_least_twelve_scenarios_with_sources():
    frame = wl.scenarios.list()
    assert len(frame) >= 12 and list(frame.columns) == ["title", "driver", "windows", "source"]
    assert all(u.startswith("https://") for u in frame["source"])
    with pytest.raises(wl.NotFound):
        wl.scenarios.load("nope")


@pytest.mark.parametrize("name", sorted(wl.scenarios.names()))
def test_each_scenario_shows_its_symptom_fails_until_fixed_the_real_way(name):
    s = wl.scenarios.load(name)
    out = s.symptom()
    text = repr(out) if hasattr(out, "reason") else str(out)
    assert s.spec.expect in text
    assert not s.check().ok
    assert [s.hint(i) for i in (1, 2, 3)] and s.solution and s.story
    with pytest.raises(wl.InvalidParameter):
        s.hint(4)
    if name == "localhost-2016":
        ip = s.lab.host().endpoints_of("web")[0].address
        assert not s.check("localhost:8080").ok and not s.check().ok
        assert s.check(f"{ip}:80").ok
        return
    for step in FIXES[name]:
        apply(s, step)
    result = s.check()
    assert result.ok, str(result)


def test_scenarios_are_deterministic():
    a, b = (
        wl.scenarios.load("stale-endpoint-after-patching"),
        wl.scenarios.load("stale-endpoint-after-patching"),
    )
    assert str(a.symptom()) == str(b.symptom())
    assert a.lab.powershell("Get-HnsEndpoint").output == b.lab.powershell("Get-HnsEndpoint").output


def test_removing_all_endpoints_does_not_pass_the_stale_endpoint_scenario():
    s = wl.scenarios.load("stale-endpoint-after-patching")
    s.lab.powershell("Get-HnsEndpoint | Remove-HnsEndpoint")
    s.lab.docker("start my-container")
    result = s.check()
    assert not result.ok
    assert "every running container still has its network endpoints" in result.failed


@pytest.mark.parametrize(
    "wrong",
    [
        f"run -d --name app {IIS}",  # moved to the default nat network
        f"run -d --name app --network appnet --dns 10.77.65.66 {IIS}",  # the same unreachable server
    ],
)
def test_the_dns_scenario_is_not_passed_by_moving_or_repeating(wrong):
    s = wl.scenarios.load("nat-dns-server-failed")
    s.lab.docker("rm -f app")
    s.lab.docker(wrong)
    assert not s.check().ok


def test_opening_only_one_protocol_of_7946_does_not_pass_the_gossip_scenario():
    s = wl.scenarios.load("swarm-gossip-7946-blocked")
    s.lab.powershell(
        "New-NetFirewallRule -DisplayName 'Swarm 7946 TCP' -Direction Inbound -Protocol TCP -LocalPort 7946 "
        "-Action Allow",
        host="host2",
    )
    assert not s.check().ok
    s.lab.powershell("Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled False", host="host2")
    result = s.check()
    assert not result.ok and "host2's Windows Firewall is still on" in result.failed


def test_the_dns_scenario_is_not_passed_by_turning_gateway_dns_off():
    s = wl.scenarios.load("nat-dns-server-failed")
    s.lab.docker("rm -f app web")
    s.lab.docker("network rm appnet")
    s.lab.docker("network create -d nat -o com.docker.network.windowsshim.disable_gatewaydns=true appnet")
    s.lab.docker(f"run -d --name web --network appnet {IIS}")
    s.lab.docker(f"run -d --name app --network appnet {IIS}")
    result = s.check()
    assert (
        not result.ok
        and "app still resolves container names through Docker's DNS (ping web)" in result.failed
    )


def test_turning_the_firewall_off_does_not_pass_the_join_scenario():
    s = wl.scenarios.load("swarm-join-2377-blocked")
    s.lab.powershell("Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled False")
    apply(s, "join")
    result = s.check()
    assert "host2 is a node of the swarm" in result.passed and not result.ok


def test_shell_opens_a_scenario_prints_its_story_and_checks_at_the_prompt():
    import io
    from types import SimpleNamespace

    from winnetlab.fronts.shell import shell_main

    args = SimpleNamespace(seed=0, windows="ltsc2022", hosts=1, no_hints=False, scenario="localhost-2016")
    out = io.StringIO()
    script = "check\nhint 2\ncheck 172.16.0.2:80\nhint 9\nexit\n"
    assert shell_main(args, io.StringIO(script), out) == 0
    text = out.getvalue()
    assert (
        "Scenario localhost-2016" in text
        and "source: https://github.com/microsoft/aspnet-docker/issues/13" in text
    )
    assert "0 of 2 checks passed" not in text and "1 of 2 checks passed — keep going" in text
    assert "2 of 2 checks passed — all done!" in text
    assert "hint 2: docker inspect" in text and "hint: choose 1, 2 or 3" in text
    err = io.StringIO()
    args.scenario = "nope"
    assert shell_main(args, io.StringIO(""), err) == 2


# ----------------------------------------------------------------------------- docker service ps: rejected tasks


def test_service_ps_shows_the_rejected_tasks_error_as_docker_cli_prints_it():
    """docker/for-win#1998 (a real ``docker stack ps``: ``Shutdown  Rejected 39 seconds ago
    "HNS failed with error : Unspe…"``), docker/for-win#1552 (the error text); docker/cli
    task/formatter.go: the error quoted and cut to 30 characters, full with --no-trunc."""
    s = wl.scenarios.load("routing-mesh-2016")
    lines = s.lab.docker("service ps web").output.splitlines()
    assert lines[0].split() == [
        "ID",
        "NAME",
        "IMAGE",
        "NODE",
        "DESIRED",
        "STATE",
        "CURRENT",
        "STATE",
        "ERROR",
        "PORTS",
    ]
    assert len(lines) == 3
    assert lines[1].split()[1:] == [
        "web.1",
        IIS,
        "HOST1",
        "Running",
        "Rejected",
        "less",
        "than",
        "a",
        "second",
        "ago",
        '"HNS',
        "failed",
        "with",
        "error",
        ":",
        'Catas…"',
    ]
    assert (
        lines[2].split()[1:4] == ["\\_", "web.1", IIS]
        and "Shutdown        Rejected 5 seconds ago" in lines[2]
    )
    assert len(lines[1].split()[0]) == 12
    full = s.lab.docker("service ps --no-trunc web").output.splitlines()
    assert '"HNS failed with error : Catastrophic failure"' in full[1] and len(full[1].split()[0]) == 25
    assert "mode=host" in s.lab.docker("service ps web").hints[0]


def test_service_ps_of_a_running_service_has_no_error_and_no_hint():
    lab = wl.Lab()
    lab.swarm_init()
    lab.docker(f"service create --name web --replicas 2 {IIS}")
    r = lab.docker("service ps web")
    assert len(r.output.splitlines()) == 3 and '"' not in r.output and not r.hints


# ----------------------------------------------------------------------------- 7946: swarm gossip


def _two_node_overlay():
    lab = wl.Lab(hosts=2)
    lab.swarm_init("host1")
    lab.swarm_join("host2")
    lab.host("host1").create_network("appnet", driver="overlay", attachable=True)
    lab.host("host1").run("api", network="appnet", image=IIS)
    lab.host("host2").run("db", network="appnet", image=IIS)
    return lab


@pytest.mark.parametrize("rule", ["Swarm-TCP-7946", "Swarm-UDP-7946"])
def test_blocked_gossip_hides_the_other_node_s_containers(rule):
    """moby/moby#35688 ("Failed to join memberlist … :7946", then "ping mymongo: unknown host"),
    moby/swarmkit#1429, moby/moby#30972: names and overlay paths to the other node's containers
    fail; the nodes stay Ready (their heartbeat rides 2377)."""
    lab = _two_node_overlay()
    assert lab.trace("api", "db", port=80).verdict == "delivered"
    assert "Address:  10.0.1.3" in lab.exec("api", "nslookup db").output
    lab.host("host2").remove_firewall_rule(rule)
    t = lab.trace("api", "db", port=80)
    assert t.verdict == "dropped" and "7946" in t.reason and "host2's firewall" in t.reason
    r = lab.exec("api", "ping -n 1 db")
    assert r.output == "Ping request could not find host db. Please check the name and try again."
    assert "gossip (7946/tcp+udp)" in r.hints[0]
    assert lab.exec("api", "nslookup db").output.endswith("*** UnKnown can't find db: Non-existent domain")
    assert [line.count(" Ready ") for line in lab.docker("node ls").output.splitlines()[1:]] == [1, 1]
    # a container's own node still knows it, and the allow rule brings everything back
    lab.host("host2").add_firewall_rule("Swarm gossip", protocol=rule.split("-")[1], local_port=7946)
    assert lab.trace("api", "db", port=80).verdict == "delivered"


def test_service_names_of_tasks_on_a_silent_node_do_not_resolve():
    lab = wl.Lab(hosts=2)
    lab.swarm_init("host1")
    lab.swarm_join("host2")
    lab.docker("network create -d overlay --attachable appnet")
    lab.host("host2").add_firewall_rule("Block gossip", protocol="UDP", local_port=7946, action="Block")
    lab.create_service("web", replicas=1, networks=("appnet",))
    host = lab.find_container(lab.swarm.services["web"].tasks[0])[0].name
    client = "host2" if host == "host1" else "host1"
    lab.host(client).run("c", network="appnet", image=IIS)
    r = lab.exec("c", "nslookup web")
    assert "Non-existent domain" in r.output and "7946" in r.hints[0]


def test_a_join_while_gossip_is_blocked_is_logged_but_succeeds():
    lab = wl.Lab(hosts=2)
    lab.swarm_init("host1")
    lab.host("host1").remove_firewall_rule("Swarm-TCP-7946")
    lab.swarm_join("host2")
    assert "host2" in lab.swarm.nodes
    assert any(e[2] == "GossipFailed" and "7946/tcp" in e[4] for e in lab.host("host2").event_rows())
