"""Host operations on containers: the lifecycle (``docker create``/``start``/``stop``/
``restart``/``kill``/``pause``/``unpause``/``rm``) and ``network connect``/``disconnect``.

``run`` is create + start: when the start fails (port in use, pool exhausted) the
container stays behind in the Created state, as with Docker; ``Host.run`` itself is
atomic.  Hot-adding an endpoint to a running container needs Windows Server 1709 or later
and process isolation.

Stopping a container ends its compute system, and Docker releases its network sandbox:
the HNS endpoints are deleted — with their WinNAT static mappings and firewall rules, or
their VFP rules — and so is the namespace (compartment) (moby ``daemon.Cleanup`` ->
``releaseNetwork``).  Starting it again creates new endpoints.  HNS does not give the
endpoint its old address back: reports show the IP changing on restart on nat
(rancher/rancher#10567, microsoft/navcontainerhelper#139) and the MAC changing even with
``--ip`` on transparent (moby/moby#37662: ``00:15:5d:71:18:58`` -> ``00:15:5d:71:1e:f4``).
Here a restarted endpoint gets the lowest free address and MAC other than the ones it had
(simplification: which new address HNS picks is not documented), unless ``--ip`` /
``--mac-address`` fix them; on a DHCP network the new MAC gets a new lease.

Exit codes: ``docker stop`` shuts the compute system down and the process ends with
3221225786 (0xC000013A, STATUS_CONTROL_C_EXIT; dotnet/dotnet-framework-docker#431 shows
``Exited (3221225786)`` for servercore and aspnet); ``docker kill`` (and ``stop -t 0``)
terminates it, and the exit code cannot be read back, which moby's Windows runtime reports
as -1, i.e. 4294967295 (moby ``libcontainerd/local`` reapProcess; docker/docs#9870 shows
``exited with code 4294967295``).  ``pause`` works only under Hyper-V isolation: moby's
Windows runtime answers ``not implemented`` for process isolation.
"""

from __future__ import annotations

import sys
from types import MappingProxyType
from typing import Any

from . import event as E
from . import images
from .addressing import normalize_mac, parse_ip
from .docker_container import NAME_RE, NO_RESTART, NO_SETTINGS, Container, RestartPolicy, StartConfig
from .drivers import of
from .errors import Conflict, InvalidParameter, NotFound, Unsupported
from .hns import Namespace
from .ids import short_id
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


STOPPED = 3221225786  # 0xC000013A STATUS_CONTROL_C_EXIT: what docker stop leaves
TERMINATED = 4294967295  # uint32(-1): exit code of a terminated compute system


def default_image(profile):
    """The image of ``docker run`` without one: interned, so thousands of containers share it."""
    return sys.intern(
        f"mcr.microsoft.com/windows/nanoserver:{images.tag_for(images.REGISTRY + '/windows/nanoserver', profile.name)}"
    )


ISOLATIONS = {"default": "process", "process": "process", "hyperv": "hyperv"}

# what create_container takes besides name, image and network (docker create's flags); run
# takes them all but auto_remove (the last)
CONTAINER_SETTINGS = (
    "publish",
    "publish_all",
    "ip",
    "mac",
    "dns",
    "dns_search",
    "hostname",
    "isolation",
    "aliases",
    "expose",
    "command",
    "interactive",
    "tty",
    "restart",
    "auto_remove",
)
CREATE_SETTINGS = frozenset(CONTAINER_SETTINGS)
RUN_SETTINGS = CREATE_SETTINGS - {"auto_remove"}


class ContainersMixin:
    """Containers of a Host (mixed into ``Host``)."""

    # ------------------------------------------------------------------ containers
    def create_container(
        self, name: str | None = None, image: str | None = None, network: str | None = None, **settings: Any
    ) -> Container:
        """``docker create``: the container exists (state Created) but has no endpoint yet.

        ``settings`` (as ``docker create``'s flags): ``publish`` (["8080:80"]), ``publish_all``,
        ``ip``, ``mac``, ``dns``, ``dns_search``, ``hostname``, ``isolation`` ("process" or
        "hyperv"), ``aliases``, ``expose`` (the ports of ``-P``), ``command``, ``interactive``,
        ``tty``, ``auto_remove``.  The typed API keeps stdin open by default (like ``docker run
        -dit``), so a base image's ``cmd.exe`` keeps running; the docker front passes ``-i``/``-t``
        as typed."""
        return self.commit_container(self._planned(name, image, network, settings, CREATE_SETTINGS))

    def start(self, name):
        """``docker start``: HNS creates and attaches the endpoints; on failure it stays Created.

        A base image's ``cmd.exe`` with no stdin exits at once (``Exited (0)``) and its
        endpoints go away again; a missing executable fails like HCS CreateProcess does."""
        c = self.container(name)
        if c.state == "paused":
            raise Conflict("cannot start a paused container, try unpause instead")
        if c.state == "running":
            return c
        plans = self.plan_start(c)
        self.commit_start(c, plans)
        c.manually_stopped = False  # moby daemon/start.go
        self._after_start(c)
        return c

    def run(
        self, name: str | None = None, image: str | None = None, network: str | None = None, **settings: Any
    ) -> Container:
        """Create and start a container in one atomic step (nothing remains if it fails); the
        ``settings`` of :meth:`create_container` but ``auto_remove``."""
        c = self._planned(name, image, network, settings, RUN_SETTINGS)
        plans = self.plan_start(c)
        self.commit_container(c)
        self.commit_start(c, plans)
        self._after_start(c)
        return c

    def _planned(self, name, image, network, settings, allowed):
        if not allowed.issuperset(settings):
            raise TypeError(f"unexpected keyword argument {sorted(settings.keys() - allowed)[0]!r}")
        restart = self._restart_policy(settings.pop("restart", ""), settings.get("auto_remove"))
        return self.plan_container(name, image, network, restart=restart, **settings)

    def _restart_policy(self, restart, auto_remove):
        if not restart:  # the default ("no"): valid on every engine, with --rm too
            return NO_RESTART
        policy = restart if isinstance(restart, RestartPolicy) else RestartPolicy.parse(restart)
        policy.validate(self.profile.docker_engine)
        if auto_remove and policy.name != "no":  # moby daemon/container.go verifyContainerSettings
            raise InvalidParameter("can't create 'AutoRemove' container with restart policy")
        return policy

    def process_kind(self, name):
        """What the main process of ``name`` does: "service", "exits", "oneshot" or "missing"."""
        c = self.container(name)
        return images.process_kind(c.image_info, c.command, c.interactive or c.tty)

    def record_start_failure(self, name, error):
        """What the daemon keeps of a failed ``docker start``: State.Error, and ExitCode 127 for
        a missing file, else 128 (moby ``daemon/start.go`` setExitCodeFromError).  ``start``
        itself changes nothing when it fails; the docker front records this afterwards."""
        c = self.container(name)
        c.error = error.message
        c.exit_code = 127 if "cannot find the file specified" in error.message else 128

    def _after_start(self, c):
        """A shell with neither stdin nor a console exits as soon as it starts."""
        interactive = c.interactive or c.tty  # then nothing exits at once: no kind to work out
        if not interactive and images.process_kind(c.image_info, c.command, interactive) == "exits":
            self.finish(c.name, 0, images.cmd_banner(c.image_info.build))

    # ------------------------------------------------------------------ the image store
    @property
    def images(self):
        """The local image store (``docker images``): reference -> images.Image."""
        if self._images is None:
            self._seed_images()
        return MappingProxyType(self._images)

    def plan_image(self, ref):
        """The image ``ref`` names: from the local store, else as ``docker pull`` would get it."""
        if self._images is None:
            self._seed_images()
        known = self._images.get(ref) if isinstance(ref, str) else None  # typed as the store keeps it
        if known is not None:
            return known
        repo, tag = images.split_reference(ref)
        known = self._images.get(f"{repo}:{tag}")
        return known if known is not None else images.resolve(ref, self.profile.build, len(self._images) + 1)

    def pull(self, ref):
        """``docker pull``: returns (image, newly downloaded)."""
        image = self.plan_image(ref)
        if image.reference in self._images:
            return image, False
        self._store_image(image)
        return image, True

    def _store_image(self, image):
        self._images[image.reference] = image
        self.log_event(
            "Docker", "PullImage", image.reference, f"{image.digest[:19]}…, Windows build {image.build}"
        )

    def _seed_images(self):
        """A prepared lab host: the Microsoft images of its Windows version are already pulled."""
        self._images = {}
        for repo in ("windows/servercore", "windows/nanoserver", "windows/servercore/iis"):
            name = f"{images.REGISTRY}/{repo}"
            for tag in (images.tag_for(name, self.profile.name),) + (
                ("latest",) if repo.endswith("iis") else ()
            ):
                image = images.resolve(f"{name}:{tag}", self.profile.build, len(self._images) + 1)
                self._images[image.reference] = image

    # ------------------------------------------------------------------ the lifecycle
    def finish(self, name, exit_code, output=""):
        """The main process of a running container ended: it is Exited (code), its network released."""
        c = self.container(name)
        if c.state not in ("running", "paused"):
            raise Conflict(f"container {c.id} is not running")
        c.logs = c.logs + tuple(output.split("\n")) if output else c.logs
        self.log_event("HCS", "ProcessExited", c.name, f"exit code {exit_code}")
        self._end(c, exit_code)
        return c

    def stop(self, name, timeout=None):
        """``docker stop [-t N]``: shut the compute system down (``-t 0``: terminate at once).

        Returns False when it was not running (Docker answers 304 Not Modified)."""
        c = self.container(name)
        if c.state not in ("running", "paused"):
            return False
        c.manually_stopped = True  # moby daemon/kill.go: the restart policy no longer applies
        if timeout is not None and int(timeout) == 0:
            self._terminate(c)
            return True
        self.log_event("Docker", "StopContainer", c.name, "CTRL_SHUTDOWN_EVENT to the container")
        self.log_event("HCS", "ShutdownComputeSystem", c.name, f"exit code {STOPPED}")
        self._end(c, STOPPED)
        return True

    def kill(self, name):
        """``docker kill``: terminate the compute system (no graceful shutdown on Windows)."""
        c = self.container(name)
        if c.state not in ("running", "paused"):
            raise Conflict(f"container {c.id} is not running")
        c.manually_stopped = True
        self._terminate(c)
        return c

    def _terminate(self, c):
        self.log_event("Docker", "KillContainer", c.name, "SIGKILL: terminate the compute system")
        self.log_event("HCS", "TerminateComputeSystem", c.name, f"exit code {TERMINATED}")
        self._end(c, TERMINATED)

    def restart(self, name, timeout=None):
        """``docker restart``: stop when running, then start (new endpoints, see the module docstring)."""
        c = self.container(name)
        if c.state in ("running", "paused"):
            self.stop(c.name, timeout)
        return self.start(c.name)

    def pause(self, name):
        """``docker pause``: freeze a Hyper-V isolated container (process isolation refuses)."""
        c = self.container(name)
        if c.state not in ("running", "paused"):
            raise Conflict(f"container {c.id} is not running")
        if c.state == "paused":
            raise Conflict(f"container {c.id} is already paused")
        if c.isolation != "hyperv":
            raise Unsupported(
                f"cannot pause container {c.id}: not implemented",
                hint="Windows can pause only Hyper-V isolated containers (--isolation hyperv)",
            )
        c.state = "paused"
        self.log_event("HCS", "PauseComputeSystem", c.name, "utility VM paused; endpoints stay attached")
        return c

    def unpause(self, name):
        """``docker unpause``."""
        c = self.container(name)
        if c.state != "paused":
            raise Conflict(f"Container {c.id} is not paused")
        c.state = "running"
        self.log_event("HCS", "ResumeComputeSystem", c.name)
        return c

    def _end(self, c, exit_code):
        """The container is no longer running: release what Docker releases (``Cleanup``)."""
        c.previous = (
            tuple((ep.network, ep.ip_address, ep.mac_address) for ep in self.endpoints_of(c)) or c.previous
        )
        self._release_network(c)
        c.state, c.exit_code, c.error = "exited", exit_code, ""
        self.log_event("Docker", "ContainerDied", c.name, f"exit code {exit_code}")
        if c.auto_remove:
            self.remove_container(c.name)

    def _release_network(self, c):
        for eid in c.endpoints:
            if eid in self._endpoints:
                self._drop_endpoint(self._endpoints[eid])
        c.endpoints, c.static_routes = (), ()  # the compartment's routes go with it
        if c.namespace in self._namespaces and self._namespaces[c.namespace].container == c.name:
            ns = self._namespaces.pop(c.namespace)
            self.log_event("HNS", "DeleteNamespace", c.name, f"compartment {ns.compartment_id}")
        c.namespace = None

    def plan_container(
        self,
        name,
        image,
        network,
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
        service="",
        command="",
        interactive=True,
        tty=True,
        auto_remove=False,
        restart=NO_RESTART,
    ):
        """The Container ``docker create`` would make (nothing changes); ``restart`` is a
        checked RestartPolicy.  Stdin and a console by default, as the typed API keeps them
        (``docker run -dit``)."""
        if name in (None, ""):
            name = self._generated_name()
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise InvalidParameter(
                f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )
        if self.lab.container_name_taken(name):
            other = self.lab.find_container(name)[1]
            raise Conflict(
                f'Conflict. The container name "/{name}" is already in use by container "{other.id}". '
                "You have to remove (or rename) that container to be able to reuse that name."
            )
        asked = (isolation or "process").lower()
        isolation = ISOLATIONS.get(asked)  # the constant text: thousands of containers share it
        if isolation is None:
            raise InvalidParameter(
                f"Invalid isolation: \"{asked}\". Windows supports 'default', 'process', or 'hyperv'"
            )
        image = image or self._default_image()
        info = self.plan_image(image)
        mode = network or "default"  # docker run without --network: NetworkMode "default" (nat on Windows)
        network = "nat" if mode == "default" else network
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
            drv = of(net)
            if drv.swarm_scoped and not net.attachable and not service:
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
            if not drv.attaches and publish:
                raise InvalidParameter(
                    "conflicting options: port publishing and the container type network mode"
                )
        ports = [parse_publish(p) for p in publish] if publish else []
        if publish_all:
            exposed = tuple(expose) or IMAGE_EXPOSES.get(image.split(":")[0], ())
            ports += [
                parse_publish(str(p)) for p in exposed if int(p) not in [s.container_port for s in ports]
            ]
        mac = normalize_mac(mac) if mac not in (None, "") else None
        dns = tuple(str(parse_ip(d, "DNS server")) for d in dns) if dns else ()
        # Class(k=v) would hand the keywords to __init__ in a dict (CPython): twice as slow
        c = object.__new__(Container)
        c.__init__(
            name=name,
            id="",
            image=image,
            isolation=isolation,
            host=self.name,
            state="created",
            hostname=hostname or "",
            dns_search=tuple(dns_search),
            requested_networks=(network,),
            network_mode=mode,
            requested=StartConfig(
                ip=ip or None,
                mac=mac,
                aliases=tuple(aliases),
                ports=tuple(ports),
                dns=dns,
                shared=shared.name if shared else None,
            )
            if ip or mac or aliases or ports or dns or shared
            else NO_SETTINGS,  # frozen: every container without settings shares it
            image_info=info,
            command=str(command or ""),
            interactive=bool(interactive),
            tty=bool(tty),
            auto_remove=bool(auto_remove),
            restart_policy=restart,
        )
        return c

    def _default_image(self):
        """``default_image`` of this host's profile, worked out once per profile."""
        known = self._derived.get("default image")
        if known is None or known[0] is not self.profile:
            known = self._derived["default image"] = (self.profile, default_image(self.profile))
        return known[1]

    def _generated_name(self):
        n = self.ids.counters.get("container", 0)
        a, b = ADJECTIVES[n % len(ADJECTIVES)], SCIENTISTS[(n // len(ADJECTIVES)) % len(SCIENTISTS)]
        name = f"{a}_{b}"
        return name if not self.lab.container_name_taken(name) else f"{name}{n}"

    def commit_container(self, c):
        c.id = self.ids.hex64("container")
        c.hostname = c.hostname or short_id(c.id)
        c.seq = len(self._containers) + 1
        if c.image_info is not None and c.image_info.reference not in self._images:
            self._store_image(c.image_info)
        self._containers[c.name] = c
        self.log_recipe(E.CREATE_CONTAINER, (c.name, c.image, c.isolation))
        return c

    def plan_start(self, c, others=()):
        """Plan every endpoint of a starting container; ``others`` are plans not yet committed
        (the other tasks of a service), so that no address, MAC or port is planned twice."""
        self._check_process(c)
        req = c.requested
        if req.shared:
            self.container(req.shared)
            return []
        previous = {net: (ip, mac) for net, ip, mac in c.previous} if c.previous else None
        plans = []
        others = list(others) if others else ()
        for i, netname in enumerate(c.requested_networks):
            net = self.network(netname)
            drv = of(net)
            if not drv.attaches:
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
                    others=[*others, *plans] if others or plans else (),
                    avoid=previous.get(net.name, ()) if previous else (),
                )
            )
            if drv.encapsulates and self.profile.overlay_egress == "nat-endpoint" and "nat" in self._networks:
                plans.append(
                    self._plan_endpoint(
                        self._networks["nat"], c.name, None, None, [], (), (), others=[*others, *plans]
                    )
                )
        return plans

    def _check_process(self, c):
        """HCS refuses an image of another Windows build under process isolation and a
        command whose executable the image does not have (the CLI then exits 127)."""
        info = c.image_info
        if info is None:
            return
        if info.build != self.profile.build and (c.isolation == "process" or info.build > self.profile.build):
            raise Unsupported(
                f"hcs::CreateComputeSystem {c.id}: The container operating system does not match the "
                "host operating system.",
                hint=f"{info.reference} is built for Windows build {info.build}, this host is build "
                f"{self.profile.build}: use the image's tag for this host, or --isolation hyperv for an older image",
            )
        if c.command and images.process_kind(info, c.command, c.interactive or c.tty) == "missing":
            exe = images.executable(c.command)
            raise NotFound(
                f"container {c.id} encountered an error during hcs::System::CreateProcess: "
                f"{c.command.split(' ', 1)[0]}: failure in a Windows system call: The system cannot find "
                "the file specified. (0x2)",
                hint=(
                    "Nano Server has no PowerShell (since 1709): use cmd, or an image with PowerShell"
                    if exe in ("powershell", "pwsh")
                    else f"{info.reference} has no {exe}.exe"
                ),
            )

    def commit_start(self, c, plans):
        c.started, c.exit_code, c.error = True, 0, ""
        shared = c.requested.shared
        if shared:
            other = self.container(shared)
            c.namespace = other.namespace
            c.state = "running"
            self.log_event(
                "HCS", "CreateComputeSystem", c.name, f"shares the network namespace of {other.name}"
            )
            return
        hyperv = c.isolation == "hyperv"
        if c.namespace is None:
            ns = self._new_namespace(c)
            self.log_recipe(E.START_HYPERV if hyperv else E.START_PROCESS, (c.name, ns.id, ns.compartment_id))
        else:
            ns = self._namespaces[c.namespace]
            self.log_recipe(E.COMPUTE_SYSTEM_HYPERV if hyperv else E.COMPUTE_SYSTEM_PROCESS, (c.name,))
        for plan in plans:
            self._commit_endpoint(c, plan, ns)
        c.state = "running"
        self.log_recipe(E.START_CONTAINER, (c.name, len(plans)))

    def _new_namespace(self, c):
        """HNS creates the container's namespace: its own network compartment."""
        self._compartments += 1
        # Class(k=v) would hand the keywords to __init__ in a dict (CPython): twice as slow
        ns = object.__new__(Namespace)
        ns.__init__(id=self.ids.guid("namespace"), compartment_id=self._compartments, container=c.name)
        self._namespaces[ns.id] = ns
        c.namespace = ns.id
        return ns

    def remove_container(self, name, force=True):
        """``docker rm [-f]``: a running container needs ``-f`` (it is killed), then its endpoints
        and namespace go (moby ``daemon/delete.go``)."""
        c = self.container(name)
        if c.state in ("running", "paused") and not force:
            raise Conflict(
                f'cannot remove container "/{c.name}": container is paused and must be unpaused first'
                if c.state == "paused"
                else f'cannot remove container "/{c.name}": container is running: stop the container '
                "before removing or force remove"
            )
        if c.service and self.lab.swarm and c.service in self.lab.swarm.services:
            raise Conflict(
                f"container {c.name} is a task of the service {c.service}",
                hint=f"remove the service instead: docker service rm {c.service}",
            )
        self._release_network(c)
        del self._containers[c.name]
        self.log_event("Docker", "RemoveContainer", c.name)

    # ------------------------------------------------------------------ connect / disconnect
    def connect(self, container, network, ip=None, aliases=()):
        """``docker network connect``: one more endpoint (a second vNIC) in the container.

        A container that is not running (created or exited) only has the network added to its
        settings, and gets the endpoint when it starts (moby ``daemon.ConnectToNetwork``)."""
        c = self.container(container)
        net = self.network(network)
        stopped = c.state not in ("running", "paused")
        if not of(net).attaches:
            raise Unsupported(
                "container cannot be disconnected from host network or connected to host network"
            )
        if net.name in c.requested_networks and (
            stopped
            or any(self._endpoints[e].network_id == net.id for e in c.endpoints if e in self._endpoints)
        ):
            raise Conflict(f"endpoint with name {c.name} already exists in network {net.name}")
        if of(net).swarm_scoped and not net.attachable:
            raise Unsupported(
                f"Could not attach to network {net.name}: rpc error: code = PermissionDenied desc = "
                f"network {net.name} not manually attachable"
            )
        ip = parse_ip(ip) if ip not in (None, "") else None
        if stopped:
            c.requested_networks = c.requested_networks + (net.name,)
            return c
        self._check_hot_add(c)
        plan = self._plan_endpoint(net, c.name, ip, None, [], c.requested.dns, tuple(aliases))
        c.requested_networks = c.requested_networks + (net.name,)
        self._commit_endpoint(c, plan, self._namespaces[c.namespace])
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
        if not eps and not (c.state not in ("running", "paused") and net.name in c.requested_networks):
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
