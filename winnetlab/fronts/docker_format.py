"""Docker's view of a Windows host, rendered from HNS: table rows, inspect JSON, ``docker info``.

HNS is the source of truth: every row and every JSON document here is computed from the
engine's HNS networks, endpoints and containers at the moment it is asked for.

Time is simulated (``winnetlab.engine.clock``): one second per event of the host's log, so
"Created 7 seconds ago" means seven HNS/Docker steps ago.
"""

import re

from ..engine.addressing import docker_mac
from ..engine.clock import event_seq, latest_events, now, timestamp
from ..engine.docker_container import docker_endpoint_id
from ..engine.drivers import of
from ..engine.ids import base36, content_id, sha256_hex, short_id, uuid4_text
from ..engine.policies import PortMapping
from . import engines
from .command import ellipsis, go_quote, tabwrite

IMAGE_COMMANDS = {
    "mcr.microsoft.com/windows/servercore/iis": "C:\\ServiceMonitor.exe w3svc",
}
DEFAULT_COMMAND = "c:\\windows\\system32\\cmd.exe"
KERNELS = {
    "ltsc2016": "10.0 14393 (14393.7428.amd64fre.rs1_release.240926-1524)",
    "ltsc2019": "10.0 17763 (17763.1.amd64fre.rs5_release.180914-1434)",
    "ltsc2022": "10.0 20348 (20348.1.amd64fre.fe_release.210507-1500)",
    "ltsc2025": "10.0 26100 (26100.1.amd64fre.ge_release.240331-1435)",
}
OS_NAMES = {
    "ltsc2016": "Windows Server 2016 Datacenter Version 1607 (OS Build 14393.7428)",
    "ltsc2019": "Windows Server 2019 Datacenter Version 1809 (OS Build 17763.6414)",
    "ltsc2022": "Microsoft Windows Server Version 21H2 (OS Build 20348.2762)",
    "ltsc2025": "Microsoft Windows Server Version 24H2 (OS Build 26100.2033)",
}


# ---------------------------------------------------------------------------- durations and ids


def human_duration(seconds):
    """Docker's ``units.HumanDuration`` (go-units), as ps prints it."""
    if seconds < 1:
        return "Less than a second"
    if seconds == 1:
        return "1 second"
    if seconds < 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = round(seconds / 3600)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    return f"{hours // 24} days"


def swarm_token(lab, role="worker"):
    """A deterministic ``SWMTKN-1-…`` join token for the lab's swarm (worker or manager)."""
    return (
        "SWMTKN-1-" + base36(f"{lab.seed}:token:cluster", 50) + "-" + base36(f"{lab.seed}:token:{role}", 25)
    )


def node_id(lab, host_name):
    return base36(f"{lab.seed}:node:{host_name}", 25)


def natural_key(text):
    """``sortorder.NaturalLess``: digit runs compare as numbers (docker network ls order)."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part
    ]


# ---------------------------------------------------------------------------- networks


def network_rows(networks, no_trunc=False):
    rows = [["NETWORK ID", "NAME", "DRIVER", "SCOPE"]]
    for n in networks:
        rows.append([n.docker_id if no_trunc else short_id(n.docker_id), n.name, n.driver, n.scope])
    return rows


def classful_prefix(ip):
    """Go's ``IP.DefaultMask``: Docker records endpoint addresses with the classful mask."""
    first = int(str(ip).split(".")[0])
    return 8 if first < 128 else 16 if first < 192 else 24


def network_json(host, net):
    """``docker network inspect`` for one network (keys as a current engine prints them)."""
    config = []
    for s in net.subnets:
        entry = {"Subnet": str(s.prefix)}
        if s.gateway is not None:
            entry["Gateway"] = str(s.gateway)
        config.append(entry)
    if of(net).dhcp_without_subnet and not net.subnets:
        config = [{"Subnet": "0.0.0.0/0", "Gateway": "0.0.0.0"}]
    containers = {}
    for eid in net.endpoint_ids:
        ep = host.endpoints[eid]
        if ep.remote or ep.container is None or ep.container not in host.containers:
            continue
        c = host.containers[ep.container]
        ip = ep.ip_address
        containers[c.id] = {
            "Name": c.name,
            "EndpointID": docker_endpoint_id(net, c),
            "MacAddress": docker_mac(ep.mac_address),
            "IPv4Address": f"{ip}/{endpoint_prefix(host, c, ep)}" if ip is not None else "",
            "IPv6Address": "",
        }
    _latest = latest_events(host)
    return {
        "Name": net.name,
        "Id": net.docker_id,
        "Created": timestamp(
            _latest.get(("CreateNetwork", net.name)) or _latest.get(("AdoptNetwork", net.name), 0)
        )
        if net.id
        else "0001-01-01T00:00:00Z",
        "Scope": net.scope,
        "Driver": net.driver,
        **({"EnableIPv4": True} if engines.has_enable_ipv4(host.profile.docker_engine) else {}),
        "EnableIPv6": False,
        "IPAM": ipam_json(host, net, config),
        "Internal": bool(net.internal),
        "Attachable": bool(net.attachable),
        "Ingress": net.name == "ingress" and of(net).swarm_scoped,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": False,
        "Containers": dict(sorted(containers.items(), key=lambda kv: kv[1]["Name"])),
        "Options": dict(sorted(net.options.items())),
        "Labels": dict(sorted(net.labels.items())),
    }


def ipam_json(host, net, config):
    """The ``IPAM`` block: engines up to 19.03 name the ``windows`` IPAM driver and give the
    daemon's own nat network ``null`` options (samples 04 and 06); current engines store the
    CLI's ``default`` (reference: moby#29451, #50924)."""
    old = engines.engine_version(host.profile.docker_engine) < (20, 10)
    options = None if not of(net).attaches or (old and net.name == "nat") else {}
    return {
        "Driver": "windows" if old and of(net).attaches else "default",
        "Options": options,
        "Config": config,
    }


# ---------------------------------------------------------------------------- containers


def container_command(c):
    if c.command:
        return c.command
    if c.image_info is not None:
        return c.image_info.command
    return IMAGE_COMMANDS.get(c.image.split(":")[0], DEFAULT_COMMAND)


def container_status(c, t, latest, host):
    """``State.String()`` of moby ``container/state.go``: Created, Up …, Up … (Paused), Exited (N) … ago."""
    started = event_seq(host, "StartContainer", c.name, latest)
    if c.state == "running":
        return f"Up {human_duration(t - started)}"
    if c.state == "paused":
        return f"Up {human_duration(t - started)} (Paused)"
    if c.state == "exited":
        finished = event_seq(host, "ContainerDied", c.name, latest)
        return f"Exited ({c.exit_code}) {human_duration(t - finished)} ago"
    return "Created"


def published_ports(host, c):
    """``[(protocol, container port, host port)]`` of a container's endpoints, in order."""
    out = []
    for ep in host.endpoints_of(c):
        for p in ep.policies:
            if isinstance(p, PortMapping):
                out.append((p.protocol.lower(), p.internal_port, p.external_port))
    return out


def ps_ports(host, c):
    ports = sorted(published_ports(host, c), key=lambda t: (t[1], t[0], t[2]))
    return ", ".join(f"0.0.0.0:{h}->{cp}/{proto}" for proto, cp, h in ports)


def ps_rows(host, containers, no_trunc=False):
    rows = [["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]]
    t = now(host)
    latest = latest_events(host)
    for c in containers:
        created = event_seq(host, "CreateContainer", c.name, latest)
        cmd = container_command(c)
        status = container_status(c, t, latest, host)
        rows.append(
            [
                c.id if no_trunc else c.short_id,
                c.image,
                go_quote(cmd if no_trunc else ellipsis(cmd, 20)),
                f"{human_duration(t - created)} ago",
                status,
                ps_ports(host, c),
                c.name,
            ]
        )
    return rows


def go_time(rfc3339):
    """Go's ``time.Time.String()`` of an RFC 3339 UTC time, as ``{{.CreatedAt}}`` prints it."""
    date, _, clock = rfc3339.rstrip("Z").partition("T")
    return f"{date} {clock} +0000 UTC"


def ps_extras(host, containers):
    """The ``docker ps --format`` fields that are not columns of the default table."""
    latest = latest_events(host)
    return [
        {
            "CreatedAt": go_time(timestamp(event_seq(host, "CreateContainer", c.name, latest)).split(".")[0]),
            "State": c.state,
            "Networks": ",".join(ep.network for ep in host.endpoints_of(c)),
            "Labels": "",
            "Mounts": "",
            "LocalVolumes": "0",
            "Size": "0B",
        }
        for c in containers
    ]


def network_extras(host, networks):
    """The ``docker network ls --format`` fields beyond ID, Name, Driver and Scope."""
    out = []
    for n in networks:
        doc = network_json(host, n)
        out.append(
            {
                "IPv4": "true",
                "IPv6": "false",
                "Internal": "true" if doc["Internal"] else "false",
                "Labels": ",".join(f"{k}={v}" for k, v in sorted(doc["Labels"].items())),
                "CreatedAt": go_time(doc["Created"]),
            }
        )
    return out


def port_lines(host, c):
    ports = sorted(published_ports(host, c), key=lambda t: (t[1], t[0], t[2]))
    return [f"{cp}/{proto} -> 0.0.0.0:{h}" for proto, cp, h in ports]


def container_json(host, c):
    """``docker inspect`` of a container: the whole ``ContainerJSON`` in moby v27.3.1's key
    order (``api/types``), with the values a Windows host writes (compared with a real
    inspect of a servercore container, 2023: empty Linux-only fields, ``windowsfilter``,
    ``SandboxID`` = the container id, the top-level network fields empty because the
    network is not ``bridge``).  ``Pid`` is the main process's id while it runs (derived
    from the container and its start, deterministic), 0 otherwise."""
    req = c.requested or {}
    latest = latest_events(host)
    created = event_seq(host, "CreateContainer", c.name, latest)
    started = event_seq(host, "StartContainer", c.name, latest)
    finished = event_seq(host, "ContainerDied", c.name, latest)
    running = c.state in ("running", "paused")
    cmd = container_command(c)
    zero = "0001-01-01T00:00:00Z"
    ports = {}
    for proto, cp, h in sorted(published_ports(host, c), key=lambda t: (t[1], t[0])):
        ports.setdefault(f"{cp}/{proto}", []).append({"HostIp": "0.0.0.0", "HostPort": str(h)})
    bindings = {
        f"{s.container_port}/{s.protocol}": [{"HostIp": "", "HostPort": str(s.host_port or "")}]
        for s in req.get("ports", [])
    }
    pid = 1000 + host.ids.stable_number(f"pid:container:{c.id}:{started}", 8000) * 4 if running else 0
    doc = {
        "Id": c.id,
        "Created": timestamp(created),
        "Path": cmd.split(" ")[0],
        "Args": cmd.split(" ")[1:],
        "State": {
            "Status": c.state,
            "Running": running,
            "Paused": c.state == "paused",
            "Restarting": False,
            "OOMKilled": False,
            "Dead": False,
            "Pid": pid,
            "ExitCode": c.exit_code,
            "Error": c.error,
            "StartedAt": timestamp(started) if started else zero,
            "FinishedAt": timestamp(finished) if finished else zero,
        },
        "Image": c.image_info.id if c.image_info is not None else content_id(c.image),
        "ResolvConfPath": "",
        "HostnamePath": "",
        "HostsPath": "",
        "LogPath": f"C:\\ProgramData\\docker\\containers\\{c.id}\\{c.id}-json.log",
        "Name": "/" + c.name,
        "RestartCount": c.restart_count,
        "Driver": "windowsfilter",
        "Platform": "windows",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": None,
        "HostConfig": host_config_json(c, req, bindings),
        "GraphDriver": {
            "Data": {"dir": f"C:\\ProgramData\\docker\\windowsfilter\\{c.id}"},
            "Name": "windowsfilter",
        },
        "Mounts": [],
        "Config": {
            "Hostname": c.hostname,
            "Domainname": "",
            "User": "",
            "AttachStdin": False,
            "AttachStdout": False,
            "AttachStderr": False,
            **({"ExposedPorts": {k: {} for k in bindings}} if bindings else {}),
            "Tty": c.tty,
            "OpenStdin": c.interactive,
            "StdinOnce": False,
            "Env": None,
            "Cmd": cmd.split(" "),
            "Image": c.image,
            "Volumes": None,
            "WorkingDir": "",
            "Entrypoint": None,
            "OnBuild": None,
            "Labels": {},
        },
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": c.id if running else "",
            "SandboxKey": c.id if running else "",
            "Ports": ports,
            "HairpinMode": False,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "SecondaryIPAddresses": None,
            "SecondaryIPv6Addresses": None,
            "EndpointID": "",
            "Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "IPAddress": "",
            "IPPrefixLen": 0,
            "IPv6Gateway": "",
            "MacAddress": "",
            "Networks": endpoint_settings(host, c),
        },
    }
    return doc


def endpoint_prefix(host, c, ep):
    """The prefix length Docker records for an endpoint address: an address HNS chose
    gets Go's classful ``DefaultMask`` (the windows driver's ``CreateEndpoint``), one asked
    for with ``--ip`` keeps the IPAM pool's prefix (libnetwork allocated it, so the
    driver leaves ``ifInfo.Address`` alone: moby v27.3.1 ``drivers/windows/windows.go``)."""
    ip = ep.ip_address
    if c is not None and c.requested and c.requested.get("ip") == ip:
        net = host.hns_networks.get(ep.network_id)
        subnet = next((s for s in (net.subnets if net else ()) if ip in s.prefix), None)
        if subnet is not None:
            return subnet.prefix.prefixlen
    return classful_prefix(ip)


def endpoint_settings(host, c):
    networks = {}
    for ep in host.endpoints_of(c):
        net = host.hns_networks.get(ep.network_id)
        ip = ep.ip_address
        networks[ep.network] = {
            "IPAMConfig": {"IPv4Address": str(ip)}
            if ip is not None and c.requested and c.requested.get("ip") == ip
            else None,
            "Links": None,
            "Aliases": list(ep.aliases) or None,
            "MacAddress": docker_mac(ep.mac_address),
            "DriverOpts": None,
            "NetworkID": net.docker_id if net else "",
            "EndpointID": docker_endpoint_id(net, c) if net else "",
            "Gateway": str(ep.gateway) if ep.gateway is not None else "",
            "IPAddress": str(ip) if ip is not None else "",
            "IPPrefixLen": endpoint_prefix(host, c, ep) if ip is not None else 0,
            "IPv6Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "DNSNames": [c.name, c.short_id, *ep.aliases] if ep.enable_internal_dns else None,
        }
    return networks


def host_config_json(c, req, bindings):
    """``HostConfig`` (moby v27.3.1 ``container.HostConfig`` then ``Resources``): what
    ``docker run`` set, the rest at the zero values a Windows host prints."""
    return {
        "Binds": None,
        "ContainerIDFile": "",
        "LogConfig": {"Type": "json-file", "Config": {}},
        "NetworkMode": c.network_mode or (c.requested_networks[0] if c.requested_networks else "default"),
        "PortBindings": bindings,
        "RestartPolicy": {
            "Name": c.restart_policy.name,
            "MaximumRetryCount": c.restart_policy.maximum_retry_count,
        },
        "AutoRemove": c.auto_remove,
        "VolumeDriver": "",
        "VolumesFrom": None,
        "ConsoleSize": [0, 0],
        "CapAdd": None,
        "CapDrop": None,
        "CgroupnsMode": "",
        "Dns": list(req.get("dns", ())),
        "DnsOptions": [],
        "DnsSearch": list(c.dns_search),
        "ExtraHosts": None,
        "GroupAdd": None,
        "IpcMode": "",
        "Cgroup": "",
        "Links": None,
        "OomScoreAdj": 0,
        "PidMode": "",
        "Privileged": False,
        "PublishAllPorts": False,
        "ReadonlyRootfs": False,
        "SecurityOpt": None,
        "UTSMode": "",
        "UsernsMode": "",
        "ShmSize": 0,
        "Isolation": c.isolation,
        "CpuShares": 0,
        "Memory": 0,
        "NanoCpus": 0,
        "CgroupParent": "",
        "BlkioWeight": 0,
        "BlkioWeightDevice": [],
        "BlkioDeviceReadBps": [],
        "BlkioDeviceWriteBps": [],
        "BlkioDeviceReadIOps": [],
        "BlkioDeviceWriteIOps": [],
        "CpuPeriod": 0,
        "CpuQuota": 0,
        "CpuRealtimePeriod": 0,
        "CpuRealtimeRuntime": 0,
        "CpusetCpus": "",
        "CpusetMems": "",
        "Devices": [],
        "DeviceCgroupRules": None,
        "DeviceRequests": None,
        "MemoryReservation": 0,
        "MemorySwap": 0,
        "MemorySwappiness": None,
        "OomKillDisable": False,
        "PidsLimit": None,
        "Ulimits": None,
        "CpuCount": 0,
        "CpuPercent": 0,
        "IOMaximumIOps": 0,
        "IOMaximumBandwidth": 0,
        "MaskedPaths": None,
        "ReadonlyPaths": None,
    }


# ---------------------------------------------------------------------------- images


def image_rows(host, found, no_trunc=False, digests=False):
    """``docker images`` rows (docker/cli ``formatter/image.go`` columns).

    CREATED is when the image was built; the simulated registry says "2 weeks ago" for all."""
    head = ["REPOSITORY", "TAG"] + (["DIGEST"] if digests else []) + ["IMAGE ID", "CREATED", "SIZE"]
    rows = [head]
    for i in found:
        rows.append(
            [i.repository, i.tag]
            + ([i.digest] if digests else [])
            + [i.id if no_trunc else i.id[7:19], "2 weeks ago", i.size]
        )
    return rows


IMAGE_CREATED_AT = "2024-12-23 09:00:00 +0000 UTC"  # two weeks before the lab clock's EPOCH


def image_fields(found, no_trunc=False):
    """``docker images --format`` fields (docker/cli ``formatter/image.go`` imageContext):
    ``CreatedAt`` is Go's ``time.Time.String()`` of the build time — inferred two weeks
    before the lab's clock starts, to agree with CREATED "2 weeks ago" — and the counts the
    daemon does not compute for a plain list (``Containers``, ``SharedSize``,
    ``UniqueSize``) read ``N/A``."""
    return [
        {
            "ID": i.id if no_trunc else i.id[7:19],
            "Repository": i.repository,
            "Tag": i.tag,
            "Digest": i.digest,
            "CreatedSince": "2 weeks ago",
            "CreatedAt": IMAGE_CREATED_AT,
            "Size": i.size,
            "Containers": "N/A",
            "VirtualSize": i.size,
            "SharedSize": "N/A",
            "UniqueSize": "N/A",
        }
        for i in found
    ]


# ---------------------------------------------------------------------------- swarm services


def service_rows(lab):
    rows = [["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]]
    for svc in sorted(lab.swarm.services.values(), key=lambda s: natural_key(s.name)):
        ports = ", ".join(
            f"*:{pub}->{target}/{proto}" for proto, target, pub, mode in svc.ports if mode == "ingress"
        )
        running = sum(
            1
            for h in lab.hosts.values()
            for t in svc.tasks
            if t in h.containers and h.containers[t].state == "running"
        )
        rows.append([short_id(svc.id), svc.name, "replicated", f"{running}/{svc.replicas}", svc.image, ports])
    return rows


TASK_STATE_WIDTH = 9  # docker/cli longestState: "allocated"/"preparing"
MAX_PROGRESS_BARS = 20


def converge_progress(lab, host, svc, ref=None):
    """What ``docker service create`` shows while it waits for the service (docker/cli
    ``service/progress`` through ``jsonmessage``'s terminal display), as the terminal
    looks when it stops: ``overall progress: N out of M tasks``, one line per task slot
    (up to 20) with its state padded to 9 and a full bar (state 9 of 9 = running) or the
    task's error cut to 75 characters, and once every task runs ``verify: …``.  Each line
    ends with the space the display writes after the status.  ``ref`` is the service as the
    command named it (``scale``/``update`` wait on the name typed; ``create`` on the new id).
    Returns (lines, converged).

    Simplification: the screen after convergence, not the intermediate frames; a service
    whose tasks fail never converges, so the real CLI keeps waiting where the lab stops."""
    running = [
        t
        for t in svc.tasks
        if any(t in h.containers and h.containers[t].state == "running" for h in lab.hosts.values())
    ]
    done = len(running) == svc.replicas
    lines = [f"overall progress: {len(running)} out of {svc.replicas} tasks "]
    if svc.replicas <= MAX_PROGRESS_BARS:
        for slot in range(1, svc.replicas + 1):
            if slot <= len(running):
                bar = "[" + "=" * 50 + ">] "
                lines.append(f"{slot}/{svc.replicas}: {'running'.ljust(TASK_STATE_WIDTH)} {bar}")
            elif svc.task_error:
                error = svc.task_error.replace("\n", " ")
                error = error[:74] + "…" if len(error) > 75 else error
                lines.append(f"{slot}/{svc.replicas}: {error} ")
    if done:
        lines.append(f"verify: {engines.converged_text(ref or svc.id, host.profile.docker_engine)} ")
    return lines, done


# ---------------------------------------------------------------------------- docker info


def engine_uuid(lab, host):
    """The daemon's ``ID`` (a UUID since Docker 23, kept in ``engine-id``), from the seed."""
    return uuid4_text(sha256_hex(f"{lab.seed}:engine:{host.name}"))


def info_json(lab, host):
    """``docker info --format '{{json .}}'``: the daemon's ``system.Info`` fields the lab knows."""
    from ..engine.drivers import PLUGINS

    cs = host.containers.values()
    running = sum(1 for c in cs if c.state == "running")
    swarm = lab.swarm
    member = swarm is not None and host.name in swarm.nodes
    return {
        "ID": engine_uuid(lab, host),
        "Containers": len(cs),
        "ContainersRunning": running,
        "ContainersPaused": 0,
        "ContainersStopped": len(cs) - running,
        "Images": len({c.image for c in cs}),
        "Driver": "windowsfilter",
        "DriverStatus": [["Windows", ""]],
        "Plugins": {
            "Volume": ["local"],
            "Network": list(PLUGINS),
            "Authorization": None,
            "Log": [
                "awslogs",
                "etwlogs",
                "fluentd",
                "gcplogs",
                "gelf",
                "json-file",
                "local",
                "splunk",
                "syslog",
            ],
        },
        "Debug": False,
        "LoggingDriver": "json-file",
        "KernelVersion": KERNELS[host.profile.name],
        "OperatingSystem": OS_NAMES[host.profile.name],
        "OSType": "windows",
        "Architecture": "x86_64",
        "NCPU": 4,
        "MemTotal": 17179869184,
        "DockerRootDir": "C:\\ProgramData\\docker",
        "Name": host.name.upper(),
        "ExperimentalBuild": False,
        "ServerVersion": host.profile.docker_engine,
        "Swarm": {
            "NodeID": node_id(lab, host.name) if member else "",
            "NodeAddr": str(host.address) if member else "",
            "LocalNodeState": "active" if member else "inactive",
            "ControlAvailable": member and swarm.manager == host.name,
            "Error": "",
            "RemoteManagers": None,
        },
        "LiveRestoreEnabled": False,
        "Isolation": "process",
        "ProductLicense": "Community Engine",
    }


def info_text(lab, host):
    """``docker info`` as a 27.x client prints it on Windows (layout of real sample 15)."""
    info = info_json(lab, host)
    swarm = info["Swarm"]
    if swarm["LocalNodeState"] == "active":
        swarm_lines = [
            " Swarm: active",
            f"  NodeID: {swarm['NodeID']}",
            f"  Is Manager: {'true' if swarm['ControlAvailable'] else 'false'}",
            f"  Node Address: {swarm['NodeAddr']}",
        ]
    else:
        swarm_lines = [" Swarm: inactive"]
    return "\n".join(
        [
            "Client:",
            f" Version:    {host.profile.docker_engine}",
            " Context:    default",
            " Debug Mode: false",
            "",
            "Server:",
            f" Containers: {info['Containers']}",
            f"  Running: {info['ContainersRunning']}",
            "  Paused: 0",
            f"  Stopped: {info['ContainersStopped']}",
            f" Images: {info['Images']}",
            f" Server Version: {info['ServerVersion']}",
            " Storage Driver: windowsfilter",
            "  Windows:",
            " Logging Driver: json-file",
            " Plugins:",
            "  Volume: local",
            "  Network: " + " ".join(info["Plugins"]["Network"]),
            "  Log: " + " ".join(info["Plugins"]["Log"]),
            *swarm_lines,
            f" Default Isolation: {info['Isolation']}",
            f" Kernel Version: {info['KernelVersion']}",
            f" Operating System: {info['OperatingSystem']}",
            " OSType: windows",
            " Architecture: x86_64",
            f" CPUs: {info['NCPU']}",
            " Total Memory: 16GiB",
            f" Name: {info['Name']}",
            f" ID: {info['ID']}",
            " Docker Root Dir: C:\\ProgramData\\docker",
            " Debug Mode: false",
            " Experimental: false",
            " Insecure Registries:",
            "  127.0.0.0/8",
            " Live Restore Enabled: false",
            " Product License: Community Engine",
        ]
    )


def version_text(host):
    """``docker version``: docker/cli's default template through its tabwriter (min width 20)."""
    return tabwrite(engines.version_rows(host.profile.docker_engine), minwidth=20, padding=1)
