"""Swarm mode on Windows: managers and workers, overlay networks, services, VIPs.

``docker swarm init`` creates the ``ingress`` overlay network (10.0.0.0/24, VNI 4096).
Overlay networks are global: swarm's manager allocates each a /24 from 10.0.0.0/8 and a
VXLAN id from 4096, and HNS creates the network on every node with the node's provider
address.  Each container endpoint shows up on every other node as a *remote endpoint*
(``IsRemoteEndpoint`` + ``PA`` policy).  A service's tasks are spread over the nodes; from
Windows Server 1709 on Docker programs HNS policy lists for it — an ILB policy for the
service VIP and an ELB policy for each port published on the routing mesh.

Simplification: the lab creates a swarm network on every node at once (Docker creates it
on a worker when the first task lands there).
"""

import ipaddress
from dataclasses import dataclass, field

from . import policies as P
from .addressing import AddressPool, parse_ip, parse_prefix
from .drivers.base import parse_options
from .errors import Conflict, Exhausted, InvalidParameter, NotFound, Unsupported, hns_call_error
from .hns import PolicyList
from .ids import base36
from .pools import FIRST_VNI
from .ports import parse_publish

NOT_IN_SWARM = (
    'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect '
    "this node to swarm and try again."
)
JOIN_TIMEOUT = (
    "Timeout was reached before node joined. The attempt to join the swarm will continue in the "
    'background. Use the "docker info" command to see the current swarm status of your node.'
)
NOT_MANAGER = (
    "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. "
    "Please run this command on a manager node or promote the current node to a manager."
)


@dataclass(kw_only=True)
class SwarmNetwork:
    name: str
    docker_id: str
    subnet: ipaddress.IPv4Network
    gateway: ipaddress.IPv4Address
    vni: int
    attachable: bool
    pool: AddressPool
    options: dict = field(default_factory=dict)
    internal: bool = False
    ingress: bool = False
    lb_ips: dict = field(default_factory=dict)  # host name -> load-balancer (SourceVIP) address


@dataclass(kw_only=True)
class Service:
    name: str
    id: str
    image: str
    replicas: int
    networks: tuple
    vips: dict
    ports: tuple  # (protocol, target, published, mode)
    tasks: tuple = ()
    endpoint_mode: str = "vip"
    task_error: str = ""  # why every task was rejected ("" when the tasks run)
    rejected: tuple = ()  # RejectedTask records of a service whose tasks HNS rejects
    previous_replicas: int | None = None  # the replicas before the last update (PreviousSpec)


@dataclass(kw_only=True)
class Swarm:
    manager: str
    nodes: tuple
    networks: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)


def _require_manager(lab, host):
    if lab.swarm is None or host.name not in lab.swarm.nodes:
        raise Unsupported(
            NOT_IN_SWARM, hint="overlay networks and services need swarm mode: run 'docker swarm init' first"
        )
    if host.name != lab.swarm.manager:
        raise Unsupported(NOT_MANAGER)


def init(lab, host):
    if lab.swarm is not None:
        raise Conflict(
            'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and '
            "join another one."
        )
    lab.swarm = Swarm(manager=host.name, nodes=(host.name,))
    try:
        _add_network(
            lab, host, "ingress", "10.0.0.0/24", None, {}, attachable=False, internal=False, ingress=True
        )
    except Exception:
        lab.swarm = None  # _add_network validated before changing anything
        raise
    host.log_event("Docker", "SwarmInit", host.name, f"manager, advertise address {host.address}:2377")
    return lab.swarm


def join(lab, host):
    """``docker swarm join``: the node gets every swarm network, a load-balancer address on
    each network that has one per node, the routing mesh's published ports and the remote
    endpoints of the other nodes.  Everything is planned first: a refused join changes no
    host and no pool.

    Simplification (inferred, not from a source): when the node already publishes one of the
    mesh ports itself, Docker would join and fail to program that port there; the lab refuses
    the join instead, in its own words.
    """
    if lab.swarm is None:
        raise NotFound("no swarm to join: run 'docker swarm init' on the manager first")
    if host.name in lab.swarm.nodes:
        raise Conflict(
            'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and '
            "join another one."
        )
    check_manager_reachable(lab, host)
    plans = [
        host.plan_network(
            sn.name,
            "overlay",
            str(sn.subnet),
            str(sn.gateway),
            sn.options,
            sn.attachable,
            sn.internal,
            swarm=sn,
        )
        for sn in lab.swarm.networks.values()
    ]
    mesh = {svc.name: _mesh_keys(svc) for svc in lab.swarm.services.values()}
    for service, keys in mesh.items():
        for proto, port in keys:
            if host.port_in_use((proto, port)):
                raise Conflict(
                    f"port {port}/{proto} is published on {host.name}, and the service {service} publishes "
                    "it on every node of the routing mesh",
                    hint=f"free the port on {host.name} (docker rm -f the container that publishes it) first",
                )
    lb_nets = [sn for sn in lab.swarm.networks.values() if sn.lb_ips]
    for sn in lb_nets:
        if sn.pool.peek(1) is None:
            raise Exhausted(
                f"could not allocate a load-balancer address on network {sn.name}: pool exhausted"
            )
    # commit
    lab.swarm.nodes = lab.swarm.nodes + (host.name,)
    host.log_event(
        "Docker", "SwarmJoin", host.name, f"worker of {lab.swarm.manager}; gossip on 7946, VXLAN on UDP 4789"
    )
    blocked = gossip_blocked(lab, host, lab.hosts[lab.swarm.manager])
    if blocked:
        host.log_event("Docker", "GossipFailed", lab.swarm.manager, f"failed to join memberlist: {blocked}")
    for plan in plans:
        net = host.commit_network(plan)
        _mirror_existing(lab, host, net)
    for sn in lb_nets:
        sn.lb_ips[host.name] = _take_address(sn)
    for service, keys in mesh.items():
        host.publish_mesh_ports(service, keys)
    _refresh_services(lab)
    return lab.swarm


def _take_address(sn):
    ip = sn.pool.peek(1)[0]
    sn.pool.take(ip)
    return ip


GOSSIP_PORTS = (("tcp", 7946), ("udp", 7946))


def gossip_blocked(lab, a, b) -> str:
    """Why swarm nodes ``a`` and ``b`` cannot gossip, or "" when they can.

    The nodes' network control plane (memberlist/networkdb: which overlay endpoints live on
    which node, the names Docker's DNS answers) travels on 7946/tcp+udp between every pair of
    nodes; cluster management (2377) does not need it, so ``docker node ls`` still shows the
    nodes Ready.  Where it is blocked a node learns nothing of the other's containers: their
    names do not resolve (moby/moby#35688: "Failed to join memberlist … dial tcp …:7946", then
    "ping mymongo: unknown host"; moby/swarmkit#1429) and no remote endpoint leads to them
    (moby/moby#30972: the other node missing from the network's peers).  Simplification: a
    block in either direction, on either protocol, stops the pair's gossip completely."""
    if a is b or lab.swarm is None or not {a.name, b.name} <= set(lab.swarm.nodes):
        return ""
    for src, dst in ((a, b), (b, a)):
        for proto, port in GOSSIP_PORTS:
            allowed, _rule, why = dst.firewall_verdict(proto, port, src.address)
            if not allowed:
                return f"{dst.name}'s firewall drops {port}/{proto} from {src.name} ({why})"
    return ""


def check_manager_reachable(lab, host):
    """A joining node first talks to the manager on 2377/tcp; a firewall that drops it makes
    ``docker swarm join`` wait and give up (moby/moby#30972, docker/for-win#1476, Microsoft's
    swarm-mode page).  The lab stops there; Docker would keep trying in the background."""
    manager = lab.hosts[lab.swarm.manager]
    allowed, _rule, why = manager.firewall_verdict("tcp", 2377, host.address)
    if not allowed:
        raise Conflict(
            JOIN_TIMEOUT,
            hint=f"{host.name} cannot reach {manager.name}:2377/tcp (cluster management): {why}. Open it on "
            f"{manager.name}: New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP "
            "-LocalPort 2377 -Action Allow",
        )


def leave(lab, host, force=False):
    sw = lab.swarm
    if sw is None or host.name not in sw.nodes:
        raise NotFound("This node is not part of a swarm")
    if host.name == sw.manager and (len(sw.nodes) > 1 or not force):
        raise Conflict(
            "You are attempting to leave the swarm on a node that is participating as a manager. "
            "Removing the last manager erases all current state of the swarm. Use `--force` to ignore "
            "this message."
        )
    busy = [
        c.name
        for c in host.containers.values()
        if not c.service
        and any(host.endpoints[e].network in sw.networks for e in c.endpoints if e in host.endpoints)
    ]
    if busy:
        raise Conflict(
            f"containers on overlay networks still run on {host.name}: {', '.join(sorted(busy))}",
            hint="remove them first (docker rm -f)",
        )
    for svc in list(sw.services.values()):
        for task in [t for t in svc.tasks if t in host.containers]:
            _drop_task(lab, host, task, svc)
        host.unpublish_mesh_ports(svc.name)
    for name in list(sw.networks):
        net = host.networks.get(name)
        if net is not None:
            host.commit_remove_network(net)
    sw.nodes = tuple(n for n in sw.nodes if n != host.name)
    host.log_event("Docker", "SwarmLeave", host.name)
    if not sw.nodes:
        lab.swarm = None
    else:
        _refresh_services(lab)


def _drop_task(lab, host, task, svc):
    c = host.containers[task]
    c.service = ""
    host.remove_container(task)
    svc.tasks = tuple(t for t in svc.tasks if t != task)


def create_overlay(
    lab, host, name, subnet, gateway, options, attachable, internal, ip_range, ipv6, ipv4, ipam_driver, labels
):
    host.check_network_request(name, "overlay", ipv4, ipv6, ip_range, ipam_driver)
    _require_manager(lab, host)
    if name in lab.swarm.networks:
        raise Conflict(f"network with name {name} already exists")
    return _add_network(
        lab, host, name, subnet, gateway, dict(options or {}), attachable, internal, labels=labels
    )


def _add_network(lab, host, name, subnet, gateway, options, attachable, internal, ingress=False, labels=None):
    if subnet in (None, ""):
        if gateway not in (None, ""):
            raise InvalidParameter("gateway specified without a subnet")
        prefix = lab.pools.free_overlay_subnet()
    else:
        prefix = parse_prefix(subnet)
        if any(prefix.overlaps(n.subnet) for n in lab.swarm.networks.values()):
            raise Conflict("invalid pool request: Pool overlaps with other one on this address space")
    vni_opt = options.get("com.docker.network.driver.overlay.vxlanid_list")
    shim = parse_options(options)
    vni = shim.vxlanids[0] if vni_opt else lab.pools.next_vni()
    if vni_opt and not shim.vxlanids:
        raise InvalidParameter(
            "insufficient vnis(0) passed to overlay. Windows driver requires VNIs to be prepopulated"
        )
    if vni_opt and vni < FIRST_VNI:
        raise InvalidParameter(
            hns_call_error("The parameter is incorrect.", 0x57, lab.profile),
            hint=f"VXLAN id {vni}: Windows overlay networks need a VNI/VSID of 4096 or more "
            "(moby#32935 era, flannel requires VNI >= 4096 on Windows)",
        )
    if vni_opt and any(n.vni == vni for n in lab.swarm.networks.values()):
        raise Conflict(f"VNI {vni} is already used by another overlay network")
    gw = None
    if gateway not in (None, ""):
        gw = parse_ip(gateway, "gateway")
        if gw not in prefix:
            raise InvalidParameter(f"no matching subnet for gateway {gw}")
    gw = gw or next(prefix.hosts())
    options = dict(options)
    options["com.docker.network.driver.overlay.vxlanid_list"] = str(vni)
    sn = SwarmNetwork(
        name=name,
        docker_id="",
        subnet=prefix,
        gateway=gw,
        vni=vni,
        attachable=bool(attachable),
        pool=AddressPool(prefix, reserved={gw}),
        options=options,
        internal=bool(internal),
        ingress=ingress,
    )
    nodes = [lab.hosts[n] for n in lab.swarm.nodes]
    plans = [
        h.plan_network(
            name, "overlay", str(prefix), str(gw), options, attachable, internal, labels=labels, swarm=sn
        )
        for h in nodes
    ]
    sn.docker_id = lab.ids.hex64("swarm-network")
    lab.swarm.networks[name] = sn
    nets = [h.commit_network(p) for h, p in zip(nodes, plans)]
    return nets[nodes.index(host)]


def remove_overlay(lab, name):
    sn = lab.swarm.networks[name]
    if sn.ingress and any(s.ports for s in lab.swarm.services.values()):
        raise Conflict("ingress network cannot be removed because service(s) publish ports on it")
    users = sorted({s.name for s in lab.swarm.services.values() if name in s.networks})
    if users:
        raise Conflict(
            f"rpc error: code = FailedPrecondition desc = network {sn.docker_id[:25]} is in use by "
            f"service {users[0]}"
        )
    for h in (lab.hosts[n] for n in lab.swarm.nodes):
        net = h.networks.get(name)
        if net is not None and any(not h.endpoints[e].remote for e in net.endpoint_ids):
            raise Conflict(
                f"error while removing network: network {name} id {sn.docker_id} has active endpoints"
            )
    for h in (lab.hosts[n] for n in lab.swarm.nodes):
        if name in h.networks:
            h.commit_remove_network(h.networks[name])
    del lab.swarm.networks[name]


def _mirror_existing(lab, host, net):
    """A node that joins learns every existing endpoint of the network as a remote endpoint."""
    for other in lab.hosts.values():
        if other is host or net.name not in other.networks:
            continue
        onet = other.networks[net.name]
        for eid in list(onet.endpoint_ids):
            ep = other.endpoints[eid]
            if not ep.remote:
                host.add_remote_endpoint(net, ep, other.address)


def endpoint_added(lab, host, ep):
    for name in lab.swarm.nodes if lab.swarm else ():
        other = lab.hosts[name]
        if other is not host and ep.network in other.networks:
            other.add_remote_endpoint(other.networks[ep.network], ep, host.address)


def endpoint_removed(lab, host, ep):
    for name in lab.swarm.nodes if lab.swarm else ():
        other = lab.hosts[name]
        if other is not host and ep.network in other.networks:
            other.remove_remote_endpoints(other.networks[ep.network], ep.ip_address)


# ---------------------------------------------------------------------- services
def _parse_service_port(spec):
    """``8080:80`` or ``published=8080,target=80,mode=host,protocol=udp`` -> tuple."""
    spec = str(spec)
    if "=" in spec:
        kv = {}
        for part in spec.split(","):
            k, sep, v = part.partition("=")
            if not sep:
                raise InvalidParameter(f"invalid field '{part}' must be a key=value pair")
            kv[k.strip()] = v.strip()
        unknown = set(kv) - {"published", "target", "mode", "protocol"}
        if unknown:
            raise InvalidParameter(f"invalid field key {sorted(unknown)[0]}")
        if "target" not in kv:
            raise InvalidParameter('missing mandatory field "target"')
        mode = kv.get("mode", "ingress")
        if mode not in ("ingress", "host"):
            raise InvalidParameter(f'invalid publish mode value ({mode}): must be either "ingress" or "host"')
        proto = kv.get("protocol", "tcp")
        text = f"{kv.get('published', '')}{':' if kv.get('published') else ''}{kv['target']}/{proto}"
        spec_obj = parse_publish(text)
        return spec_obj.protocol, spec_obj.container_port, spec_obj.host_port, mode
    s = parse_publish(spec)
    return s.protocol, s.container_port, s.host_port, "ingress"


def _task_id(lab, service, slot, salt=""):
    return base36(f"{lab.seed}:{service}:{slot}{salt}", 25)


def create_service(lab, name, image, replicas, networks, publish, endpoint_mode):
    if lab.swarm is None:
        raise Unsupported(NOT_IN_SWARM)
    if not isinstance(replicas, int) or isinstance(replicas, bool) or not 0 <= replicas <= 1000:
        raise InvalidParameter(f"invalid replicas value {replicas!r}: must be a whole number from 0 to 1000")
    if not name or not isinstance(name, str) or any(c in name for c in " ./:"):
        raise InvalidParameter(
            "rpc error: code = InvalidArgument desc = name must be valid as a DNS name component"
        )
    if name in lab.swarm.services:
        raise Conflict("rpc error: code = AlreadyExists desc = name conflicts with an existing object")
    if endpoint_mode not in ("vip", "dnsrr"):
        raise InvalidParameter(f"invalid endpoint mode {endpoint_mode!r}: must be vip or dnsrr")
    profile = lab.profile
    nets = tuple(networks)
    for n in nets:
        if n not in lab.swarm.networks or lab.swarm.networks[n].ingress:
            raise NotFound(f"network {n} not found")
    ports = tuple(_parse_service_port(p) for p in publish)
    if any(m == "ingress" for *_, m in ports) and endpoint_mode == "dnsrr":
        raise InvalidParameter("port published with ingress mode can't be used with dnsrr mode")
    nodes = [lab.hosts[n] for n in lab.swarm.nodes]
    mesh = [p for p in ports if p[3] == "ingress"]
    for proto, _, published, _ in mesh:
        for h in nodes:
            if published and h.port_in_use((proto, published)):
                raise Conflict(
                    f"rpc error: code = InvalidArgument desc = port '{published}' is already in use by "
                    "another service or container"
                )
    all_nets = nets + (("ingress",) if mesh else ())
    placement = [nodes[i % len(nodes)] for i in range(replicas)]
    for n in all_nets:
        sn = lab.swarm.networks[n]
        need = (
            replicas + (1 if endpoint_mode == "vip" else 0) + sum(1 for h in nodes if h.name not in sn.lb_ips)
        )
        if sn.pool.pool.free < need:
            raise Exhausted(f"could not allocate {need} addresses on network {n}: pool exhausted")
    hostmode = [p for p in ports if p[3] == "host"]
    for h in nodes:
        count = placement.count(h)
        for proto, _, published, _ in hostmode:
            if published and count > 1:
                raise Conflict(
                    f"host-mode port {published}/{proto} can serve one task per node, but {count} tasks "
                    f"would land on {h.name}",
                    hint="lower --replicas or drop the published port",
                )
            if published and count and h.port_in_use((proto, published)):
                raise Conflict(f"Bind for 0.0.0.0:{published} failed: port is already allocated")
    image = image or f"mcr.microsoft.com/windows/servercore/iis:windowsservercore-{profile.name}"
    if mesh and not profile.routing_mesh:
        return _rejected_service(lab, name, image, replicas, nets, ports, endpoint_mode, placement)
    _plan_tasks(lab, name, image, placement, ports, all_nets)  # validates every task first
    # commit
    sid = _task_id(lab, name, 0)
    vips = {}
    if endpoint_mode == "vip":
        for n in all_nets:
            vips[n] = _take_address(lab.swarm.networks[n])
    for n in all_nets:
        sn = lab.swarm.networks[n]
        for h in nodes:
            if h.name not in sn.lb_ips:
                sn.lb_ips[h.name] = _take_address(sn)
    mesh_ports, cursor = [], 30000
    for proto, target, published, mode in ports:
        if mode == "ingress" and not published:
            while any(h.port_in_use((proto, cursor)) for h in nodes):
                cursor += 1
            published = cursor
            cursor += 1
        mesh_ports.append((proto, target, published, mode))
    svc = Service(
        name=name,
        id=sid,
        image=image,
        replicas=replicas,
        networks=nets,
        vips=vips,
        ports=tuple(mesh_ports),
        tasks=(),
        endpoint_mode=endpoint_mode,
    )
    lab.swarm.services[name] = svc
    manager = lab.hosts[lab.swarm.manager]
    manager.log_event(
        "Docker",
        "CreateService",
        name,
        f"{replicas} replica(s) on {', '.join(all_nets) or 'no network'}"
        + (f", VIPs {', '.join(f'{k}={v}' for k, v in vips.items())}" if vips else ""),
    )
    for h in nodes:
        h.publish_mesh_ports(name, _mesh_keys(svc))
    tasks = _plan_tasks(lab, name, image, placement, svc.ports, all_nets)
    for h, c, plans in tasks:
        h.commit_container(c)
        h.commit_start(c, plans)
    svc.tasks = tuple(c.name for _, c, _ in tasks)
    _refresh_services(lab)
    return svc


def _mesh_keys(svc):
    """The (protocol, port) pairs a service publishes on the routing mesh of every node
    (none for a service whose tasks are all rejected)."""
    if svc.task_error:
        return []
    return [(proto, published) for proto, _target, published, mode in svc.ports if mode == "ingress"]


@dataclass(frozen=True, kw_only=True)
class RejectedTask:
    """A task the node rejected (``docker service ps``: CURRENT STATE ``Rejected``, the error in
    ERROR).  ``attempt`` 1 is the swarm's retry after the default 5 s restart delay (desired
    state Running), 0 the first task (desired state Shutdown, listed under it as ``" \\_ web.1"``)."""

    id: str
    slot: int
    node: str
    attempt: int


def _rejected_tasks(lab, name, placement, first_slot=1):
    """The RejectedTask records of the slots placed on ``placement``'s nodes (two attempts each)."""
    return tuple(
        RejectedTask(
            id=base36(f"{lab.seed}:{name}:{slot}:{attempt}", 25), slot=slot, node=h.name, attempt=attempt
        )
        for slot, h in enumerate(placement, start=first_slot)
        for attempt in (1, 0)
    )


def _rejected_service(lab, name, image, replicas, nets, ports, endpoint_mode, placement):
    """Windows Server 2016 has no routing mesh: the daemon accepts a service that publishes
    in ingress mode, and HNS then rejects every task (docker/for-win#1552: ``1/1: HNS failed
    with error : Catastrophic failure``; fixed there with ``--publish mode=host,…``).
    The rejected tasks are not kept as containers.  The swarm retries each slot forever; the
    lab shows each slot as it stands after its first retry (both attempts rejected, on the
    node the first was placed on) and never retries again."""
    error = hns_call_error("Catastrophic failure", 0x8000FFFF, lab.profile)
    rejected = _rejected_tasks(lab, name, placement)
    svc = Service(
        name=name,
        id=_task_id(lab, name, 0),
        image=image,
        replicas=replicas,
        networks=nets,
        vips={},
        ports=ports,
        tasks=(),
        endpoint_mode=endpoint_mode,
        task_error=error,
        rejected=rejected,
    )
    lab.swarm.services[name] = svc
    manager = lab.hosts[lab.swarm.manager]
    manager.log_event("Docker", "CreateService", name, f"{replicas} replica(s); ingress publishing")
    manager.log_event("HNS", "RejectTask", name, f"{error} ({lab.profile.title} has no routing mesh)")
    return svc


def _plan_tasks(lab, service, image, placement, ports, networks, first_slot=1, salt=""):
    """Plan every task container of a service (one per slot) without changing anything;
    ``salt`` makes the ids of tasks added later new ones (a slot refilled gets a new task)."""
    out, pending = [], []
    host_ports = [f"{pub}:{tgt}/{pr}" for pr, tgt, pub, m in ports if m == "host"]
    for slot, h in enumerate(placement, start=first_slot):
        c = h.plan_container(
            f"{service}.{slot}.{_task_id(lab, service, slot, salt)}",
            image,
            networks[0] if networks else "nat",
            host_ports,
            False,
            None,
            None,
            (),
            (),
            None,
            "process",
            (service,),
            (),
            service=service,
            interactive=False,  # a task's process has neither stdin nor a console
            tty=False,
        )
        c.requested_networks = networks or ("nat",)
        c.service = service
        plans = h.plan_start(c, pending)
        pending.extend(plans)
        out.append((h, c, plans))
    return out


def scale_service(lab, name, replicas):
    """``docker service scale NAME=N`` / ``docker service update --replicas N NAME``.

    Validates everything first (a refused scale changes nothing on any node), then starts
    the new tasks or removes the extra ones; the VIP, DNS answers (``tasks.NAME``) and the
    load balancer's policy lists follow the tasks.  Placement follows swarmkit's spread
    strategy: each new task goes to the node running the fewest tasks of the service (the
    first such node in join order).  Simplification: scaling down removes the highest
    slots (swarmkit picks the tasks to remove among the most loaded nodes)."""
    if lab.swarm is None:
        raise Unsupported(NOT_IN_SWARM)
    svc = lab.swarm.services.get(name)
    if svc is None:
        raise NotFound(f"service {name} not found")
    if not isinstance(replicas, int) or isinstance(replicas, bool) or not 0 <= replicas <= 1000:
        raise InvalidParameter(f"invalid replicas value {replicas!r}: must be a whole number from 0 to 1000")
    manager = lab.hosts[lab.swarm.manager]
    tasks = list(svc.tasks)
    previous = svc.replicas
    if svc.task_error:  # rejected tasks are not kept (see _rejected_service): their records follow
        kept = tuple(r for r in svc.rejected if r.slot <= replicas)
        nodes = [lab.hosts[n] for n in lab.swarm.nodes]
        have = min(previous, replicas)
        added = [nodes[(slot - 1) % len(nodes)] for slot in range(have + 1, replicas + 1)]
        svc.rejected = kept + _rejected_tasks(lab, name, added, have + 1)
    if svc.task_error or replicas == len(tasks):
        svc.replicas, svc.previous_replicas = replicas, previous
        manager.log_event("Docker", "UpdateService", name, f"{replicas} replica(s)")
        return svc
    if replicas < len(tasks):
        for t in tasks[replicas:]:
            h, c = lab.find_container(t)
            c.service = ""
            h.remove_container(t)
        svc.tasks, svc.replicas = tuple(tasks[:replicas]), replicas
    else:
        placement = _spread(lab, svc, replicas - len(tasks))
        nets = svc.networks + (("ingress",) if any(m == "ingress" for *_, m in svc.ports) else ())
        for h in dict.fromkeys(placement):
            running = sum(1 for t in tasks if t in h.containers) + placement.count(h)
            for proto, _, published, mode in svc.ports:
                if mode == "host" and published and running > 1:
                    raise Conflict(
                        f"host-mode port {published}/{proto} can serve one task per node, but {running} tasks "
                        f"would land on {h.name}",
                        hint="lower the replicas or drop the published port",
                    )
        salt = f":{len(manager.events)}"
        planned = _plan_tasks(lab, name, svc.image, placement, svc.ports, nets, _next_slot(svc), salt)
        for h, c, plans in planned:
            h.commit_container(c)
            h.commit_start(c, plans)
        svc.tasks, svc.replicas = tuple(tasks) + tuple(c.name for _, c, _ in planned), replicas
    svc.previous_replicas = previous
    manager.log_event("Docker", "UpdateService", name, f"{replicas} replica(s)")
    _refresh_services(lab)
    return svc


def _next_slot(svc):
    """The first slot number after the service's tasks (``web.<slot>.<task id>``)."""
    return 1 + max((int(t.split(".")[1]) for t in svc.tasks), default=0)


def _spread(lab, svc, count):
    """Nodes for ``count`` new tasks: each to the node with the fewest tasks of the service."""
    nodes = [lab.hosts[n] for n in lab.swarm.nodes]
    load = {h.name: sum(1 for t in svc.tasks if t in h.containers) for h in nodes}
    out = []
    for _ in range(count):
        h = min(nodes, key=lambda n: load[n.name])
        load[h.name] += 1
        out.append(h)
    return out


def remove_service(lab, name):
    if lab.swarm is None:
        raise Unsupported(NOT_IN_SWARM)
    svc = lab.swarm.services.get(name)
    if svc is None:
        raise NotFound(f"service {name} not found")
    for t in svc.tasks:
        h, c = lab.find_container(t)
        c.service = ""
        h.remove_container(t)
    for h in (lab.hosts[n] for n in lab.swarm.nodes):
        h.set_policy_lists(name, [])
        h.unpublish_mesh_ports(name)
    for n, vip in svc.vips.items():
        lab.swarm.networks[n].pool.release(vip)
    del lab.swarm.services[name]
    lab.hosts[lab.swarm.manager].log_event("Docker", "RemoveService", name)


def _refresh_services(lab):
    """Rebuild every node's policy lists (ILB per VIP, ELB per mesh port) from the backends."""
    for svc in lab.swarm.services.values():
        if svc.endpoint_mode != "vip" or not lab.profile.routing_mesh:
            continue  # Windows Server 2016 programs no VIP load balancing (DNS round-robin only)
        for h in (lab.hosts[n] for n in lab.swarm.nodes):
            lists = []
            for n, vip in sorted(svc.vips.items()):
                net = h.networks.get(n)
                if net is None:
                    continue
                sn = lab.swarm.networks[n]
                refs = tuple(e for e in net.endpoint_ids if _backend(lab, h, h.endpoints[e], svc))
                if not refs:
                    continue
                if sn.ingress:
                    pols = tuple(
                        P.LoadBalancer(
                            protocol=P.PROTOCOL_NUMBERS[pr.upper()],
                            internal_port=tgt,
                            external_port=pub,
                            source_vip=str(sn.lb_ips[h.name]),
                            vips=(),
                            ilb=False,
                        )
                        for pr, tgt, pub, m in svc.ports
                        if m == "ingress"
                    )
                else:
                    pols = (
                        P.LoadBalancer(
                            protocol=0,
                            internal_port=0,
                            external_port=0,
                            source_vip=str(sn.lb_ips[h.name]),
                            vips=(str(vip),),
                            ilb=True,
                        ),
                    )
                if pols:
                    pid = h.ids.guid("policylist")
                    lists.append(
                        PolicyList(
                            id=pid, references=refs, policies=pols, network_id=net.id, service=svc.name
                        )
                    )
            h.set_policy_lists(svc.name, lists)


def _backend(lab, host, ep, svc):
    if ep.remote:
        owner = (ep.extra or {}).get("owner_container")
        return owner in svc.tasks
    return ep.container in svc.tasks
