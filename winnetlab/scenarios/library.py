"""The scenarios: each one a public report (or Microsoft doc) turned into a broken lab.

Every entry names its sources, builds the broken state with the lab's public API, shows
the symptom the source shows (the same error text, or a packet dropped for the same cause),
and checks the lab the way the real fix leaves it.
"""

from ..engine.drivers import of
from ..notebook.exercises import Check
from .spec import Spec

IIS = "mcr.microsoft.com/windows/servercore/iis"
MSSQL = "mcr.microsoft.com/mssql/server"


# ----------------------------------------------------------------------------- helpers


def _host(lab, name="host1"):
    return lab.host(name)


def _running(lab, name):
    host, c = lab.find_container(name)
    return c.state == "running" and bool(host.endpoints_of(c))


def _delivered(lab, src, dst, port=None, protocol="tcp", reply=False):
    t = lab.trace(src, dst, port=port, protocol=protocol)
    if t.verdict != "delivered":
        return False
    return not reply or (t.reply is not None and t.reply.verdict == "delivered")


def _published_to(lab, container, container_port):
    """Host ports of ``container`` that lead to ``container_port`` (WinNAT mappings)."""
    host, c = lab.find_container(container)
    ids = {ep.id for ep in host.endpoints_of(c)}
    return [
        m.external_port
        for m in host.nat_mappings
        if m.endpoint_id in ids and m.internal_port == container_port and m.protocol.lower() == "tcp"
    ]


def _reachable_from_lan(lab, container, container_port):
    ports = _published_to(lab, container, container_port)
    host, _ = lab.find_container(container)
    return any(_delivered(lab, "internet", f"{host.name}:{p}") for p in ports)


def _firewall_on(lab, host="host1"):
    return all(_host(lab, host).firewall_profiles.values())


# ----------------------------------------------------------------------------- 1 SQL Server on the host


def _build_sql(lab):
    h = _host(lab)
    h.listen(1433, process="sqlservr.exe", service="MSSQLSERVER")
    lab.docker(f"run -d --name mssql -p 1433:1433 -e ACCEPT_EULA=Y {MSSQL}")


SQL = Spec(
    "sql-port-taken",
    "docker run -p 1433:1433 fails: SQL Server on the host holds the port",
    "nat",
    "ltsc2022",
    (
        "https://github.com/microsoft/vscode-docker/issues/1299",
        "https://github.com/Dynatrace/superdump/issues/231",
        "https://github.com/docker/for-win/issues/1745",
    ),
    "A developer with SQL Server installed on the machine starts the SQL Server container image "
    "with -p 1433:1433. Docker refuses to start it: 'failed to create endpoint mssql on network nat: "
    "… The process cannot access the file because it is being used by another process. (0x20)'. "
    "The container is left in the Created state.",
    lambda lab: lab.docker("start mssql"),
    "The process cannot access the file because it is being used by another process. (0x20)",
    (
        Check(
            "mssql is running with an endpoint on nat",
            lambda lab: _running(lab, "mssql"),
            "docker start mssql (after freeing the port) or recreate it on another host port",
        ),
        Check(
            "port 1433 of mssql is published and reachable from the LAN",
            lambda lab: _reachable_from_lan(lab, "mssql", 1433),
            "publish a host port that nothing holds (-p 14330:1433), or stop the host's SQL Server first",
        ),
    ),
    (
        "The error comes from HNS creating the endpoint, at the step where WinNAT maps the host port.",
        "netstat -ano | findstr :1433 (or Get-NetTCPConnection -State Listen) shows who holds port 1433; "
        "Get-NetNatStaticMapping shows WinNAT's mappings.",
        "sqlservr.exe on the host listens on 0.0.0.0:1433, so WinNAT cannot map that port for the "
        "container: one host port, one owner.",
    ),
    "Either publish another host port — docker rm mssql; docker run -d --name mssql -p 14330:1433 "
    f"{MSSQL} — or stop the host's instance (Stop-Service MSSQLSERVER) and docker start mssql.",
    build=_build_sql,
)


# ----------------------------------------------------------------------------- 2 a container holds the port


def _build_port_container(lab):
    lab.docker(f"run -d --name oldsite -p 8080:80 {IIS}")
    lab.docker(f"run -d --name newsite -p 8080:80 {IIS}")


PORT_CONTAINER = Spec(
    "port-taken-by-container",
    "A second container cannot publish 8080: an old one still holds it",
    "nat",
    "ltsc2016",
    ("https://github.com/docker/for-win/issues/1755", "https://github.com/docker/for-win/issues/1951"),
    "After a redeploy the new web container will not start: 'Cannot start service …: failed to create "
    "endpoint … on network nat: HNS failed with error : The process cannot access the file because it is "
    "being used by another process.' Nothing on the host seems to use the port.",
    lambda lab: lab.docker("start newsite"),
    "HNS failed with error : The process cannot access the file because it is being used by another process.",
    (
        Check(
            "newsite is running with an endpoint on nat",
            lambda lab: _running(lab, "newsite"),
            "free the port first (docker rm -f oldsite), then docker start newsite",
        ),
        Check(
            "newsite's port 80 is reachable from the LAN through a published port",
            lambda lab: _reachable_from_lan(lab, "newsite", 80),
            "the published host port of newsite must reach its port 80",
        ),
    ),
    (
        "Look at what already publishes host ports: the failing step is WinNAT's static mapping.",
        "docker ps -a shows the PORTS column; Get-NetNatStaticMapping shows 8080 mapped to another "
        "container's address.",
        "oldsite still publishes 8080/tcp: WinNAT maps one host port to one endpoint.",
    ),
    "Remove (or re-publish) the old container: docker rm -f oldsite; docker start newsite.",
    build=_build_port_container,
)


# ----------------------------------------------------------------------------- 3 localhost on 2016


def _build_localhost(lab):
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")


def _answer_reaches_web(lab, answer):
    if not answer:
        return False
    text = str(answer).strip().removeprefix("http://").rstrip("/")
    host, c = lab.find_container("web")
    ips = {str(ep.address) for ep in host.endpoints_of(c)}
    addr, _, port = text.partition(":")
    if addr not in ips:
        return False
    t = lab.trace("host1", f"{addr}:{port or 80}")
    return t.verdict == "delivered" and t.last.component == "container web"


LOCALHOST = Spec(
    "localhost-2016",
    "Server 2016: http://localhost:8080 does not answer on the host",
    "nat",
    "ltsc2016",
    (
        "https://github.com/microsoft/aspnet-docker/issues/13",
        "https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/253",
        "https://github.com/moby/moby/issues/21558",
    ),
    "On Windows Server 2016 the IIS container runs with -p 8080:80. Other machines reach it at the "
    "host's address, port 8080, but on the host itself http://localhost:8080 (and the host's own IP) "
    "cannot connect.",
    lambda lab: lab.trace("host1", "localhost:8080"),
    "published ports answer on localhost only from Windows Server 2019",
    (
        Check(
            "the address you give reaches web from the host (s.check('<ip>:<port>'))",
            _answer_reaches_web,
            "from the host use the container's own address and port: docker inspect web shows it",
        ),
    ),
    (
        "This is a WinNAT limitation on Server 2016, not a firewall problem.",
        "docker inspect -f '{{.NetworkSettings.Networks.nat.IPAddress}}' web gives the container's address; "
        "lab.trace('host1', 'localhost:8080') shows where it stops.",
        "Internal endpoints cannot be reached through the NAT's own mappings from the NAT host; Microsoft's "
        "workaround: address the container directly by its internal IP and port (loopback came with 1809).",
    ),
    "From the host, browse to the container's IP and its own port: http://<container IP>:80 (on "
    "Windows Server 2019 and later localhost:8080 works).",
    answer="<container IP>:<port>",
    build=_build_localhost,
)


# ----------------------------------------------------------------------------- 4 routing mesh on 2016


def _build_mesh(lab):
    lab.swarm_init()
    lab.docker(f"service create --name web --replicas 1 --publish 8080:80 {IIS}")


def _service_runs(lab, name):
    svc = lab.swarm.services.get(name) if lab.swarm else None
    if svc is None or svc.task_error or not svc.tasks:
        return False
    return all(_running(lab, t) for t in svc.tasks)


MESH_2016 = Spec(
    "routing-mesh-2016",
    "Server 2016 swarm: a service with --publish never starts",
    "nat",
    "ltsc2016",
    ("https://github.com/docker/for-win/issues/1552", "https://github.com/moby/moby/issues/32935"),
    "On Windows Server 2016 'docker service create --publish 8080:80 …' is accepted, but the service "
    "stays at 0/1 replicas and every task fails with 'HNS failed with error : Catastrophic failure'. "
    "Without --publish it runs.",
    lambda lab: lab.docker("service ls"),
    "0/1",
    (
        Check(
            "the service web runs all its tasks",
            lambda lab: _service_runs(lab, "web"),
            "recreate the service with host-mode publishing: --publish mode=host,target=80,published=8080",
        ),
        Check(
            "web answers on host1:8080 from the LAN",
            lambda lab: _delivered(lab, "internet", "host1:8080"),
            "a host-mode port is mapped on the node that runs the task",
        ),
    ),
    (
        "Compare the Windows Server version with the features the service uses (routing mesh, VIP).",
        "docker service ls shows 0/1; docker service ps web --no-trunc shows each task Rejected and the "
        "daemon's error in the ERROR column.",
        "Windows Server 2016 has no ingress routing mesh: a port published in ingress mode (the default) "
        "fails every task. Host-mode publishing (and DNS round-robin) works.",
    ),
    "docker service rm web; docker service create --name web --replicas 1 --endpoint-mode dnsrr --publish "
    f"mode=host,target=80,published=8080 {IIS}",
    build=_build_mesh,
)


# ----------------------------------------------------------------------------- 5 swarm join and 2377


def _build_join(lab):
    lab.swarm_init("host1")
    h = _host(lab)
    h.remove_firewall_rule("Swarm-TCP-2377")


JOIN = Spec(
    "swarm-join-2377-blocked",
    "docker swarm join times out: the manager's firewall drops 2377/tcp",
    "overlay",
    "ltsc2022",
    (
        "https://github.com/docker/for-linux/issues/34",
        "https://github.com/docker/for-win/issues/10135",
        "https://github.com/moby/moby/issues/35110",
    ),
    "The manager was initialised on host1. On host2 'docker swarm join --token … 192.168.0.11:2377' waits "
    "and ends with 'Timeout was reached before node joined. The attempt to join the swarm will continue in "
    "the background.' With the Windows Firewall turned off the join works.",
    lambda lab: lab.docker(
        "swarm join --token " + _token(lab) + f" {_host(lab).address}:2377",
        host="host2",
    ),
    "Timeout was reached before node joined.",
    (
        Check(
            "host2 is a node of the swarm",
            lambda lab: lab.swarm is not None and "host2" in lab.swarm.nodes,
            "open 2377/tcp on the manager, then run the join again",
        ),
        Check(
            "the manager's Windows Firewall is still on (open the port, do not turn the firewall off)",
            lambda lab: _firewall_on(lab, "host1"),
            "Set-NetFirewallProfile -Enabled True, then add an allow rule for 2377/tcp",
        ),
    ),
    (
        "A join first opens a TCP connection to the manager's port 2377.",
        "On host1: Get-NetFirewallRule | Get-NetFirewallPortFilter, or lab.trace('host2', 'host1:2377').",
        "No inbound rule allows 2377/tcp on host1, so its firewall drops the join (the default inbound "
        "action is Block). Microsoft's swarm page lists 2377/tcp, 7946/tcp+udp and 4789/udp.",
    ),
    "On host1: New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP -LocalPort "
    "2377 -Action Allow; then on host2 run the docker swarm join command again.",
    hosts=2,
    build=_build_join,
)


def _token(lab):
    from ..fronts.docker_format import swarm_token

    return swarm_token(lab)


# ----------------------------------------------------------------------------- 6 VXLAN blocked


def _build_vxlan(lab):
    lab.swarm_init("host1")
    lab.swarm_join("host2")
    lab.host("host1").create_network("appnet", driver="overlay", attachable=True)
    lab.host("host1").run("api", network="appnet", image=IIS)
    lab.host("host2").run("db", network="appnet", image=MSSQL)
    lab.host("host2").add_firewall_rule(
        "Block VXLAN (security baseline)", protocol="UDP", local_port=4789, action="Block"
    )


VXLAN = Spec(
    "overlay-4789-blocked",
    "Overlay containers on two nodes cannot talk: UDP 4789 is blocked",
    "overlay",
    "ltsc2022",
    ("https://github.com/docker/for-linux/issues/34", "https://github.com/moby/moby/issues/32992"),
    "Both nodes joined the swarm and an overlay network was created; containers on the same node talk, "
    "but api on host1 cannot reach db on host2. A security baseline was applied to host2's firewall.",
    lambda lab: lab.trace("api", "db", port=1433),
    "overlay traffic between swarm nodes needs UDP 4789 open",
    (
        Check(
            "api reaches db:1433 and the answer comes back",
            lambda lab: _delivered(lab, "api", "db", 1433, reply=True),
            "VXLAN rides on UDP 4789 between the nodes' addresses",
        ),
        Check(
            "host2's Windows Firewall is still on",
            lambda lab: _firewall_on(lab, "host2"),
            "remove or disable only the rule that blocks 4789",
        ),
    ),
    (
        "The packet leaves host1 encapsulated (VXLAN); look at where it enters host2.",
        "lab.trace('api', 'db', port=1433); on host2: Get-NetFirewallRule -Action Block | Get-NetFirewallPortFilter",
        "A block rule for UDP 4789 on host2 wins over every allow rule: the VXLAN packets are dropped.",
    ),
    "On host2: Remove-NetFirewallRule -DisplayName 'Block VXLAN (security baseline)' (or "
    "Disable-NetFirewallRule).",
    hosts=2,
    build=_build_vxlan,
)


# ----------------------------------------------------------------------------- 6b gossip (7946) blocked


def _build_gossip(lab):
    lab.swarm_init("host1")
    lab.swarm_join("host2")
    lab.host("host1").create_network("appnet", driver="overlay", attachable=True)
    lab.host("host1").run("api", network="appnet", image=IIS)
    lab.host("host2").run("mymongo", network="appnet", image=IIS)
    lab.host("host2").remove_firewall_rule("Swarm-UDP-7946")
    lab.host("host2").remove_firewall_rule("Swarm-TCP-7946")


GOSSIP = Spec(
    "swarm-gossip-7946-blocked",
    "Swarm: a container on another node is 'unknown host', yet both nodes are Ready",
    "overlay",
    "ltsc2022",
    (
        "https://github.com/moby/moby/issues/35688",
        "https://github.com/moby/swarmkit/issues/1429",
        "https://github.com/moby/moby/issues/30972",
    ),
    "Two nodes, one manager and one worker, both Ready in docker node ls. On the overlay network appnet, api "
    "(host1) cannot find mymongo (host2): ping says 'Ping request could not find host mymongo'. Only 2377 "
    "and 4789 were opened on host2 when it was set up.",
    lambda lab: lab.docker("exec api ping -n 1 mymongo"),
    "Ping request could not find host mymongo",
    (
        Check(
            "api resolves mymongo and reaches it on port 80",
            lambda lab: (
                lab.docker("exec api ping -n 1 mymongo").exit_code == 0
                and _delivered(lab, "api", "mymongo", 80, reply=True)
            ),
            "the nodes exchange their containers' names and locations on 7946/tcp and 7946/udp",
        ),
        Check(
            "host2's Windows Firewall is still on",
            lambda lab: _firewall_on(lab, "host2"),
            "open 7946/tcp and 7946/udp on host2 instead of turning the firewall off",
        ),
    ),
    (
        "Name resolution and the overlay path to another node both depend on what the nodes tell each other.",
        "docker node ls (both Ready: that is 2377); lab.trace('api', 'mymongo', port=80); on host2: "
        "Get-NetFirewallRule | Get-NetFirewallPortFilter — which of 2377, 7946 and 4789 are open?",
        "Swarm nodes gossip on 7946/tcp+udp (memberlist/networkdb): which containers live where and their "
        "names. host2's firewall drops it, so host1 never learns of mymongo.",
    ),
    "On host2: New-NetFirewallRule -DisplayName 'Swarm 7946 TCP' -Direction Inbound -Protocol TCP -LocalPort "
    "7946 -Action Allow; New-NetFirewallRule -DisplayName 'Swarm 7946 UDP' -Direction Inbound -Protocol UDP "
    "-LocalPort 7946 -Action Allow.",
    hosts=2,
    build=_build_gossip,
)


# ----------------------------------------------------------------------------- 7 VNI below 4096

VNI_CMD = (
    "network create -d overlay --attachable -o com.docker.network.driver.overlay.vxlanid_list=256 appnet"
)


def _build_vni(lab):
    lab.swarm_init()
    lab.docker(VNI_CMD)


def _vni_ok(lab):
    net = _host(lab).networks.get("appnet")
    return net is not None and of(net).encapsulates and (net.vsid or 0) >= 4096


VNI = Spec(
    "overlay-vni-below-4096",
    "An overlay network with VXLAN id 256 is refused",
    "overlay",
    "ltsc2022",
    (
        "https://github.com/rancher/rke2/issues/5952",
        "https://github.com/flannel-io/flannel/pull/1215",
        "https://github.com/flannel-io/flannel/issues/1966",
    ),
    "A script copied from a Linux cluster creates the overlay network with VXLAN id 256 (Linux tools "
    "default to small VNIs such as 1). On Windows the network is never created: HNS answers 'The "
    "parameter is incorrect. (0x57)'.",
    lambda lab: lab.docker(VNI_CMD),
    "The parameter is incorrect. (0x57)",
    (
        Check(
            "the overlay network appnet exists with a VNI of 4096 or more",
            _vni_ok,
            "Windows needs VXLAN ids (VSIDs) from 4096: -o com.docker.network.driver.overlay.vxlanid_list=4097",
        ),
    ),
    (
        "The refusal comes from HNS, not from Docker's option parsing.",
        "docker network ls; compare the vxlanid_list option with the ingress network's VNI (docker network "
        "inspect ingress).",
        "Windows overlay networks take VXLAN ids from 4096 up; flannel and rke2 had to move their default "
        "VNI from 1 to 4096 for Windows nodes.",
    ),
    "docker network create -d overlay --attachable -o com.docker.network.driver.overlay.vxlanid_list=4097 "
    "appnet (or leave the option out: swarm picks a free VNI from 4096).",
    build=_build_vni,
)


# ----------------------------------------------------------------------------- 8 nat vSwitch removed


def _build_switch(lab):
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    lab.powershell("Remove-VMSwitch nat")


SWITCH = Spec(
    "nat-vswitch-removed",
    "Containers lost the network after the nat vSwitch was removed",
    "nat",
    "ltsc2022",
    ("https://github.com/docker/for-win/issues/679", "https://github.com/docker/for-win/issues/294"),
    "While cleaning up Hyper-V, someone removed the 'nat' virtual switch. Since then nothing works "
    "inside the containers ('Ping request could not find host github.com') and the published port is "
    "dead; reinstalling Docker did not help.",
    lambda lab: lab.trace("web", "dns.google", port=53, protocol="udp"),
    "was removed (Remove-VMSwitch)",
    (
        Check(
            "the nat vSwitch exists again",
            lambda lab: any(
                n.vswitch in _host(lab).vswitches for n in _host(lab).hns_networks.values() if n.name == "nat"
            ),
            "HNS recreates the switch of its networks when it starts: Restart-Service hns",
        ),
        Check(
            "web resolves and reaches the internet (UDP 53 to dns.google)",
            lambda lab: _delivered(lab, "web", "dns.google", 53, "udp"),
            "after HNS, restart Docker so that it reattaches the running containers",
        ),
        Check(
            "web answers on host1:8080 from the LAN",
            lambda lab: _delivered(lab, "internet", "host1:8080"),
            "the WinNAT mapping returns with the container's new endpoint",
        ),
    ),
    (
        "Compare Get-VMSwitch with the networks HNS still has (Get-HnsNetwork).",
        "Get-VMSwitch no longer lists 'nat' while Get-HnsNetwork still has it; lab.trace('web', 'dns.google', "
        "port=53, protocol='udp') stops at the missing switch.",
        "Remove-VMSwitch deleted the switch under HNS: the network's ports lead nowhere until HNS recreates "
        "it and Docker reattaches the containers.",
    ),
    "Restart-Service hns; Restart-Service docker (never remove HNS's switches by hand; docker network rm "
    "removes a network with its switch).",
    build=_build_switch,
)


# ----------------------------------------------------------------------------- 9 stale endpoint after patching


def _build_stale(lab):
    h = _host(lab)
    lab.docker(
        "network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 transparent-network"
    )
    lab.docker(
        f"run -d --name my-container --restart always --network transparent-network --ip 192.168.0.50 {IIS}"
    )
    lab.docker(f"run -d --name helper --restart always -p 8080:80 {IIS}")
    h.reboot(clean=False)


def _stale_cleared(lab):
    return not any(
        ep.address is not None and str(ep.address) == "192.168.0.50" for ep in _host(lab).stale_endpoints()
    )


STALE = Spec(
    "stale-endpoint-after-patching",
    "After Windows patching a container on a transparent network cannot start",
    "transparent",
    "ltsc2022",
    ("https://github.com/moby/moby/issues/47576", "https://github.com/docker/for-win/issues/13965"),
    "After the monthly patching reboot (the containers were not stopped first) my-container, with a fixed "
    "address on a transparent network, will not start: 'failed to create endpoint my-container on network "
    "transparent-network: failed during hnsCallRawResponse: hnsCall failed in Win32: An address provided "
    "is invalid or reserved. (0x803b002f)'. Get-HnsEndpoint still lists an endpoint with its address.",
    lambda lab: lab.docker("start my-container"),
    "An address provided is invalid or reserved. (0x803b002f)",
    (
        Check(
            "no stale HNS endpoint holds 192.168.0.50 any more",
            _stale_cleared,
            "remove exactly the endpoint that holds the address: Get-HnsEndpoint | ? IPAddress -eq "
            "192.168.0.50 | Remove-HnsEndpoint",
        ),
        Check(
            "my-container is running with its endpoint",
            lambda lab: _running(lab, "my-container"),
            "docker start my-container once the address is free",
        ),
        Check(
            "helper still answers on host1:8080",
            lambda lab: _delivered(lab, "internet", "host1:8080"),
            "do not delete the endpoints of running containers",
        ),
    ),
    (
        "Ask HNS, not Docker: which endpoints does it still have, and who owns them?",
        "Get-HnsEndpoint (look at IPAddress and the VirtualNetworkName) next to docker ps -a.",
        "The unclean shutdown left my-container's old endpoint in HNS, owned by nobody; it still reserves "
        "192.168.0.50, so the new endpoint cannot take it.",
    ),
    "Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint; docker start my-container "
    "(Get-HnsEndpoint | Remove-HnsEndpoint would also cut helper off). Stop the containers before patching.",
    build=_build_stale,
)


# ----------------------------------------------------------------------------- 10 transparent on Azure


def _build_azure(lab):
    _host(lab).configure(platform="azure-vm")
    lab.docker("network create -d transparent trans")
    lab.docker(f"run -d --name app --network trans {IIS}")


def _app_online_not_transparent(lab):
    host, c = lab.find_container("app")
    eps = host.endpoints_of(c)
    if not eps or any(of(host.hns_networks[e.network_id]).keeps_container_mac for e in eps):
        return False
    return _delivered(lab, "app", "dns.google", 53, "udp")


AZURE = Spec(
    "transparent-on-azure",
    "Azure VM: a container on a transparent network reaches nothing",
    "transparent",
    "ltsc2022",
    (
        "https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/430",
        "https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/802",
    ),
    "On a Windows Server VM in Azure a transparent network was created so that containers get addresses "
    "of the virtual network. Containers can reach each other, but nothing beyond the VM — not other VMs, "
    "not the internet — and MAC address spoofing cannot be turned on in Azure.",
    lambda lab: lab.trace("app", "dns.google", port=53, protocol="udp"),
    "transparent networks do not work on Azure",
    (
        Check(
            "app runs on a network that works on Azure (not transparent) and reaches dns.google:53/udp",
            _app_online_not_transparent,
            "move app to nat (with -p), l2bridge or overlay",
        ),
    ),
    (
        "Where does the frame die: inside the VM or in the network the VM is plugged into?",
        "lab.trace('app', 'dns.google', port=53, protocol='udp'); host.configure(mac_spoofing=True) is refused.",
        "Azure's virtual network forwards only the VM's own MAC and addresses; transparent containers send "
        "their own MACs, and MAC spoofing cannot be enabled on Azure.",
    ),
    "Use nat with published ports (or l2bridge/overlay, with the Azure CNI on AKS): docker network "
    "disconnect trans app; docker network connect nat app.",
    build=_build_azure,
)


# ----------------------------------------------------------------------------- 11 MAC spoofing on Hyper-V


def _build_spoof(lab):
    _host(lab).configure(platform="hyperv-vm", mac_spoofing=False)
    lab.docker("network create -d transparent ext")
    lab.docker(f"run -d --name app --network ext {IIS}")


def _app_online_transparent(lab):
    host, c = lab.find_container("app")
    eps = host.endpoints_of(c)
    on_transparent = any(of(host.hns_networks[e.network_id]).keeps_container_mac for e in eps)
    return on_transparent and _delivered(lab, "app", "dns.google", 53, "udp")


SPOOF = Spec(
    "transparent-no-mac-spoofing",
    "Hyper-V VM: transparent containers are cut off until MAC spoofing is on",
    "transparent",
    "ltsc2022",
    (
        "https://github.com/moby/moby/issues/30342",
        "https://github.com/MicrosoftDocs/Virtualization-Documentation/pull/795",
    ),
    "The container host is a Hyper-V VM. A container on a transparent network (addresses from the LAN's "
    "DHCP server) starts, but ipconfig shows a 169.254 address and no default gateway: its frames carry "
    "the container's own MAC.",
    lambda lab: lab.trace("app", "dns.google", port=53, protocol="udp"),
    "without MAC address spoofing",
    (
        Check(
            "app, still on the transparent network, reaches dns.google:53/udp",
            _app_online_transparent,
            "on the Hyper-V host: Get-VMNetworkAdapter -VMName host1 | Set-VMNetworkAdapter "
            "-MacAddressSpoofing On (lab.host('host1').configure(mac_spoofing=True)), then docker restart app",
        ),
    ),
    (
        "The container host is a VM: its frames cross the physical host's vSwitch.",
        "lab.trace('app', 'dns.google', port=53, protocol='udp') shows which switch drops the frame.",
        "The Hyper-V host only forwards frames whose source MAC is the VM's own, unless MAC address spoofing "
        "is enabled on the VM's network adapter.",
    ),
    "On the Hyper-V host: Get-VMNetworkAdapter -VMName host1 | Set-VMNetworkAdapter -MacAddressSpoofing On "
    "(in the lab: lab.host('host1').configure(mac_spoofing=True)), then docker restart app: its DHCP client "
    "never got an offer and holds a 169.254 address until it asks again.",
    build=_build_spoof,
)


# ----------------------------------------------------------------------------- 12 pods and the LAN


def _build_pods(lab):
    h1, h2 = lab.host("host1"), lab.host("host2")
    h1.create_network(
        "cbr0",
        driver="l2bridge",
        subnet="10.244.1.0/24",
        gateway="10.244.1.1",
        options={
            "com.docker.network.windowsshim.enable_outboundnat": "true",
            "com.docker.network.windowsshim.outboundnat_exceptions": "10.244.0.0/16,192.168.0.0/24",
        },
    )
    h1.run("pod1", network="cbr0", image=IIS)
    h2.listen(8080, process="java.exe")
    h2.add_firewall_rule("App server 8080", protocol="TCP", local_port=8080)


PODS = Spec(
    "pods-cannot-reach-lan",
    "l2bridge pods reach the internet but not the servers on their own LAN",
    "l2bridge",
    "ltsc2022",
    (
        "https://github.com/flannel-io/flannel/issues/1405",
        "https://github.com/microsoft/SDN/issues/313",
        "https://github.com/kubernetes-sigs/sig-windows-tools/pull/172",
    ),
    "Pods on a Windows node reach the internet and other pods, but connections to servers on the node's "
    "own network (192.168.0.0/24) time out. The network's OutBoundNAT ExceptionList contains the cluster "
    "range and the whole management subnet.",
    lambda lab: lab.trace("pod1", "host2:8080"),
    "the router has no route to 10.244.1.",
    (
        Check(
            "pod1 reaches host2:8080 and the answer comes back",
            lambda lab: _delivered(lab, "pod1", "host2:8080", reply=True),
            "the reply to a pod address needs a route on the LAN (or the traffic must be SNAT'd)",
        ),
    ),
    (
        "The request arrives; follow the answer back (t.reply).",
        "t = lab.trace('pod1', 'host2:8080'); t.reply shows where the answer dies; Get-HnsPolicyList / "
        "the endpoint's OutBoundNAT ExceptionList shows which destinations keep the pod address.",
        "Destinations in the ExceptionList see the pod's own address (10.244.1.x); host2 answers through its "
        "default gateway, the LAN router, which has no route to the pod subnet.",
    ),
    "Give the LAN a route to the pod subnet — lab.add_route('10.244.1.0/24', via='host1') (on a real network: "
    "a static route on the router) — or take the LAN out of the ExceptionList so the traffic is SNAT'd.",
    hosts=2,
    build=_build_pods,
)


# ----------------------------------------------------------------------------- 13 DNS: the container's server order

VPN_DNS = "10.77.65.66"  # moby/moby#43273: the DNS server of a disconnected TAP (VPN) adapter


def _build_dns(lab):
    lab.docker(f"network create -d nat -o com.docker.network.windowsshim.dnsservers={VPN_DNS} appnet")
    lab.docker(f"run -d --name web --network appnet {IIS}")
    lab.docker(f"run -d --name app --network appnet {IIS}")


def _on_appnet(lab, name):
    host, c = lab.find_container(name)
    return c.state == "running" and any(ep.network == "appnet" for ep in host.endpoints_of(c))


def _app_pings(lab, target):
    return _on_appnet(lab, "app") and lab.docker(f"exec app ping -n 1 {target}").exit_code == 0


DNS_ORDER = Spec(
    "nat-dns-server-failed",
    "Windows container: names do not resolve, but nslookup with 8.8.8.8 works",
    "nat",
    "ltsc2019",
    (
        "https://github.com/microsoft/Windows-Containers/issues/216",
        "https://github.com/moby/moby/issues/43273",
        "https://github.com/moby/moby/issues/34458",
        "https://github.com/docker/for-win/issues/12753",
    ),
    "Inside a Windows Server 2019 container on a nat network, 'nslookup www.google.com' answers "
    "'*** UnKnown can't find www.google.com: Server failed' and ping says 'Ping request could not find "
    "host www.google.com', yet 'nslookup www.google.com 8.8.8.8' answers at once. ipconfig /all in the "
    f"container lists two DNS servers: the nat gateway and {VPN_DNS}. Container names (web) resolve. In the "
    "report the second server came from the host's disconnected VPN (TAP) adapter; in this lab the network "
    "appnet was created with it (com.docker.network.windowsshim.dnsservers).",
    lambda lab: lab.docker("exec app nslookup www.google.com"),
    "*** UnKnown can't find www.google.com: Server failed",
    (
        Check(
            "app (on appnet) resolves internet names the way Windows does (ping www.google.com)",
            lambda lab: _app_pings(lab, "www.google.com"),
            "give app a DNS server it can reach after Docker's own: docker run … --dns 192.168.0.1",
        ),
        Check(
            "app still resolves container names through Docker's DNS (ping web)",
            lambda lab: _app_pings(lab, "web") and _on_appnet(lab, "web"),
            "keep the gateway (Docker's DNS) as the first server: do not turn gateway DNS off",
        ),
    ),
    (
        "Compare what resolves: a container name (nslookup web), an internet name (nslookup www.google.com) "
        "and the same name asked of a server you choose (nslookup www.google.com 8.8.8.8).",
        "ipconfig /all (or Get-DnsClientServerAddress) in app lists its DNS servers in order. nslookup asks only "
        f"the first; ping and Resolve-DnsName go on to the next. Ask each one: nslookup www.google.com {VPN_DNS}; "
        f"lab.trace('app', '{VPN_DNS}', port=53, protocol='udp'); docker network inspect appnet.",
        "The first server is Docker's DNS on the gateway: Docker 19.03 answers only container names there and "
        "returns SERVFAIL for the rest (Docker 26 forwards them). The second, "
        f"{VPN_DNS}, was a VPN's resolver and cannot be reached from here, so no server answers.",
    ),
    "docker rm -f app; docker run -d --name app --network appnet --dns 192.168.0.1 "
    f"{IIS} — --dns replaces the network's DNS servers after Docker's gateway. For every container: daemon.json "
    '"dns": ["192.168.0.1"] (docker/for-win#12753), or create the network without the stale dnsservers option.',
    build=_build_dns,
)


SCENARIOS = (
    SQL,
    PORT_CONTAINER,
    LOCALHOST,
    MESH_2016,
    JOIN,
    VXLAN,
    GOSSIP,
    VNI,
    SWITCH,
    STALE,
    AZURE,
    SPOOF,
    PODS,
    DNS_ORDER,
)
