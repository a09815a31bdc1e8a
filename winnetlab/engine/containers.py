"""Host operations on containers: ``docker create``/``start``/``run``/``rm`` and
``network connect``/``disconnect``.

``run`` is create + start: when the start fails (port in use, pool exhausted) the
container stays behind in the Created state, as with Docker; ``Host.run`` itself is
atomic.  Hot-adding an endpoint to a running container needs Windows Server 1709 or later
and process isolation."""

from .addressing import normalize_mac, parse_ip
from .docker_container import NAME_RE, Container, StartConfig
from .errors import Conflict, InvalidParameter, NotFound, Unsupported
from .hns import Namespace
from .ports import parse_publish

IMAGE_EXPOSES = {"mcr.microsoft.com/windows/servercore/iis": (80,)}
ADJECTIVES = (
    "admiring",
    "brave",
    "clever",
    "eager",
    "focused",
    "gifted",
    "happy",
    "jolly",
    "keen",
    "nifty",
    "quirky",
    "serene",
    "trusting",
    "vibrant",
    "wizardly",
    "zealous",
)
SCIENTISTS = (
    "babbage",
    "curie",
    "dijkstra",
    "hopper",
    "lamport",
    "lovelace",
    "noether",
    "ritchie",
    "shannon",
    "turing",
    "wozniak",
    "yonath",
)


def default_image(profile):
    return f"mcr.microsoft.com/windows/nanoserver:{profile.name}"


class ContainersMixin:
    """Containers of a Host (mixed into ``Host``)."""

    # ------------------------------------------------------------------ containers
    def create_container(
        self,
        name=None,
        image=None,
        network="nat",
        publish=(),
        publish_all=False,
        ip=None,
        mac=None,
        dns=(),
        dns_search=(),
        hostname=None,
        isolation="process",
        aliases=(),
        expose=(),
        command="",
    ):
        """``docker create``: the container exists (state Created) but has no endpoint yet."""
        c = self.plan_container(
            name,
            image,
            network,
            publish,
            publish_all,
            ip,
            mac,
            dns,
            dns_search,
            hostname,
            isolation,
            aliases,
            expose,
        )
        c.command = str(command or "")
        return self.commit_container(c)

    def start(self, name):
        """``docker start``: HNS creates and attaches the endpoints; on failure it stays Created."""
        c = self.container(name)
        if c.state == "running":
            return c
        plans = self.plan_start(c)
        self.commit_start(c, plans)
        return c

    def run(
        self,
        name=None,
        image=None,
        network="nat",
        publish=(),
        publish_all=False,
        ip=None,
        mac=None,
        dns=(),
        dns_search=(),
        hostname=None,
        isolation="process",
        aliases=(),
        expose=(),
        command="",
    ):
        """Create and start a container in one atomic step (nothing remains if it fails)."""
        c = self.plan_container(
            name,
            image,
            network,
            publish,
            publish_all,
            ip,
            mac,
            dns,
            dns_search,
            hostname,
            isolation,
            aliases,
            expose,
        )
        c.command = str(command or "")
        plans = self.plan_start(c)
        self.commit_container(c)
        self.commit_start(c, plans)
        return c

    def plan_container(
        self,
        name,
        image,
        network,
        publish,
        publish_all,
        ip,
        mac,
        dns,
        dns_search,
        hostname,
        isolation,
        aliases,
        expose,
        service="",
    ):
        if name in (None, ""):
            name = self._generated_name()
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise InvalidParameter(
                f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )
        if name in self._containers or self.lab.container_name_taken(name):
            other = self.lab.find_container(name)[1]
            raise Conflict(
                f'Conflict. The container name "/{name}" is already in use by container "{other.id}". '
                "You have to remove (or rename) that container to be able to reuse that name."
            )
        isolation = (isolation or "process").lower()
        if isolation == "default":
            isolation = "process"
        if isolation not in ("process", "hyperv"):
            raise InvalidParameter(
                f"Invalid isolation: \"{isolation}\". Windows supports 'default', 'process', or 'hyperv'"
            )
        image = image or default_image(self.profile)
        network = network or "nat"
        shared = None
        if network.startswith("container:"):
            if isolation == "hyperv":
                raise Unsupported(
                    "invalid network-mode: using the network stack of another container is not "
                    "supported while using Hyper-V Containers"
                )
            shared = self.container(network.split(":", 1)[1])
        elif network == "host":
            raise NotFound(
                "network host not found",
                hint="Windows has no host networking mode: use nat with -p, or a transparent network",
            )
        else:
            net = self.network(network)
            network = net.name
            if net.driver == "overlay" and not net.attachable and not service:
                raise Unsupported(
                    f"Could not attach to network {net.name}: rpc error: code = PermissionDenied "
                    f"desc = network {net.name} not manually attachable",
                    hint="create the overlay network with --attachable to run standalone containers on it",
                )
            if ip not in (None, ""):
                ip = parse_ip(ip)
                if not net.subnets:
                    raise InvalidParameter(
                        "user specified IP address is supported only when connecting to "
                        "networks with user configured subnets"
                    )
            if net.driver == "null" and publish:
                raise InvalidParameter(
                    "conflicting options: port publishing and the container type network mode"
                )
        ports = [parse_publish(p) for p in publish]
        if publish_all:
            exposed = tuple(expose) or IMAGE_EXPOSES.get(image.split(":")[0], ())
            ports += [
                parse_publish(str(p)) for p in exposed if int(p) not in [s.container_port for s in ports]
            ]
        mac = normalize_mac(mac) if mac not in (None, "") else None
        dns = tuple(str(parse_ip(d, "DNS server")) for d in dns)
        c = Container(
            name,
            "",
            image,
            isolation,
            (),
            self.name,
            "created",
            hostname or "",
            tuple(dns_search),
            None,
            (network,),
            StartConfig(ip or None, mac, tuple(aliases), tuple(ports), dns, shared.name if shared else None),
        )
        return c

    def _generated_name(self):
        n = self.ids.counters.get("container", 0)
        a, b = ADJECTIVES[n % len(ADJECTIVES)], SCIENTISTS[(n // len(ADJECTIVES)) % len(SCIENTISTS)]
        name = f"{a}_{b}"
        return name if not self.lab.container_name_taken(name) else f"{name}{n}"

    def commit_container(self, c):
        c.id = self.ids.hex64("container")
        c.hostname = c.hostname or c.id[:12]
        c.seq = len(self._containers) + 1
        self._containers[c.name] = c
        self.log_event("Docker", "CreateContainer", c.name, f"image {c.image}, isolation {c.isolation}")
        return c

    def plan_start(self, c, others=()):
        """Plan every endpoint of a starting container; ``others`` are plans not yet committed
        (the other tasks of a service), so that no address, MAC or port is planned twice."""
        req = c.requested
        if req.shared:
            self.container(req.shared)
            return []
        plans = []
        others = list(others)
        for i, netname in enumerate(c.requested_networks):
            net = self.network(netname)
            if net.driver == "null":
                continue
            first = i == 0
            plans.append(
                self._plan_endpoint(
                    net,
                    c.name,
                    req.ip if first else None,
                    req.mac if first else None,
                    req.ports if first else (),
                    req.dns,
                    req.aliases if first else (),
                    others=others + plans,
                )
            )
            if (
                net.driver == "overlay"
                and self.profile.overlay_egress == "nat-endpoint"
                and "nat" in self._networks
            ):
                plans.append(
                    self._plan_endpoint(
                        self._networks["nat"], c.name, None, None, [], (), (), others=others + plans
                    )
                )
        return plans

    def commit_start(self, c, plans):
        shared = c.requested.shared
        if shared:
            other = self.container(shared)
            c.namespace = other.namespace
            c.state = "running"
            self.log_event(
                "HCS", "CreateComputeSystem", c.name, f"shares the network namespace of {other.name}"
            )
            return
        self._ensure_namespace(c)
        self.log_event(
            "HCS",
            "CreateComputeSystem",
            c.name,
            "Hyper-V isolation: utility VM with a synthetic vmNIC"
            if c.isolation == "hyperv"
            else "process isolation: host vNIC per endpoint",
        )
        for plan in plans:
            self._commit_endpoint(c, plan)
        c.state = "running"
        self.log_event("Docker", "StartContainer", c.name, f"{len(plans)} endpoint(s)")

    def _ensure_namespace(self, c):
        if c.namespace is None:
            self._compartments += 1
            ns = Namespace(self.ids.guid("namespace"), self._compartments, c.name)
            self._namespaces[ns.id] = ns
            c.namespace = ns.id
            self.log_event(
                "HNS", "CreateNamespace", c.name, f"namespace {ns.id}, compartment {ns.compartment_id}"
            )
        return self._namespaces[c.namespace]

    def remove_container(self, name, force=True):
        """``docker rm [-f]``: detach and delete every endpoint, then the namespace."""
        c = self.container(name)
        if c.state == "running" and not force:
            raise Conflict(
                f"You cannot remove a running container {c.id}. Stop the container before attempting "
                "removal or force remove"
            )
        if c.service and self.lab.swarm and c.service in self.lab.swarm.services:
            raise Conflict(
                f"container {c.name} is a task of the service {c.service}",
                hint=f"remove the service instead: docker service rm {c.service}",
            )
        for eid in c.endpoints:
            if eid in self._endpoints:
                self._drop_endpoint(self._endpoints[eid])
        if c.namespace in self._namespaces and self._namespaces[c.namespace].container == c.name:
            ns = self._namespaces.pop(c.namespace)
            self.log_event("HNS", "DeleteNamespace", c.name, f"compartment {ns.compartment_id}")
        del self._containers[c.name]
        self.log_event("Docker", "RemoveContainer", c.name)

    # ------------------------------------------------------------------ connect / disconnect
    def connect(self, container, network, ip=None, aliases=()):
        """``docker network connect``: one more endpoint (a second vNIC) in the container."""
        c = self.container(container)
        net = self.network(network)
        if net.driver == "null":
            raise Unsupported(
                "container cannot be disconnected from host network or connected to host network"
            )
        if net.name in c.requested_networks and (
            c.state == "created"
            or any(self._endpoints[e].network_id == net.id for e in c.endpoints if e in self._endpoints)
        ):
            raise Conflict(f"endpoint with name {c.name} already exists in network {net.name}")
        if net.driver == "overlay" and not net.attachable:
            raise Unsupported(
                f"Could not attach to network {net.name}: rpc error: code = PermissionDenied desc = "
                f"network {net.name} not manually attachable"
            )
        ip = parse_ip(ip) if ip not in (None, "") else None
        if c.state == "created":
            c.requested_networks = c.requested_networks + (net.name,)
            return c
        self._check_hot_add(c)
        plan = self._plan_endpoint(net, c.name, ip, None, [], c.requested.dns, tuple(aliases))
        c.requested_networks = c.requested_networks + (net.name,)
        self._commit_endpoint(c, plan)
        self.log_event(
            "HCS", "HotAttachEndpoint", c.name, f"endpoint on {net.name} added to the running container"
        )
        return c

    def _check_hot_add(self, c):
        if c.isolation == "hyperv":
            raise Unsupported(
                f"container {c.id} encountered an error during hcsshim::System::Modify: The request "
                "is not supported.",
                hint="endpoints cannot be hot-added to or removed from a running "
                "Hyper-V isolated container: stop it, connect, start it",
            )
        if not self.profile.hot_add:
            raise Unsupported(
                f"container {c.id} encountered an error during hcsshim::System::Modify: The request "
                "is not supported.",
                hint=f"{self.profile.title} cannot change the networks of a "
                "running container (hot-add arrived with Windows Server 1709)",
            )

    def disconnect(self, container, network):
        """``docker network disconnect``: remove that network's endpoint from the container."""
        c = self.container(container)
        net = self.network(network)
        eps = [
            self._endpoints[e]
            for e in c.endpoints
            if e in self._endpoints and self._endpoints[e].network_id == net.id
        ]
        if not eps and not (c.state == "created" and net.name in c.requested_networks):
            raise NotFound(f"container {c.id} is not connected to network {net.name}")
        if c.state == "running":
            self._check_hot_add(c)
        for ep in eps:
            self._drop_endpoint(ep)
            c.endpoints = tuple(e for e in c.endpoints if e != ep.id)
        c.requested_networks = tuple(n for n in c.requested_networks if n != net.name)
        if eps:
            self.log_event("HCS", "HotDetachEndpoint", c.name, f"endpoint on {net.name} removed")
        return c
