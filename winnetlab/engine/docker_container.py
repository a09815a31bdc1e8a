"""What the Docker engine keeps about a container: the Container record, the network settings
it was created with (StartConfig), and the rule for Docker object names."""

import re
from dataclasses import dataclass, fields

from .ids import derived_hex64, short_id

# Docker object names (networks, containers)
NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")


def docker_endpoint_id(network, container):
    """Docker's id for a container's endpoint on a network (``docker inspect``'s EndpointID);
    the overlay driver also names the HNS endpoint after it."""
    return derived_hex64("endpoint", network.docker_id, container.id)


@dataclass(slots=True, eq=False)
class Container:
    """A container (or a swarm task) as the Docker engine knows it."""

    name: str
    id: str
    image: str
    isolation: str = "process"  # "process" (vNIC) or "hyperv" (vmNIC)
    endpoints: tuple = ()  # HNS endpoint ids, in attach order
    host: str = ""
    state: str = "running"  # "created", "running", "paused" or "exited" (Docker's State.Status)
    hostname: str = ""
    dns_search: tuple = ()
    namespace: str | None = None
    requested_networks: tuple = ()  # network names asked for at create time
    requested: object = None  # StartConfig: what `docker run` asked for the first network
    service: str = ""
    seq: int = 0
    command: str = ""  # the command given after the image (docker run IMAGE CMD)
    image_info: object = None  # images.Image from the host's store (None for imported labs)
    interactive: bool = False  # -i: stdin kept open, so a shell (cmd.exe) keeps running
    tty: bool = False  # -t
    auto_remove: bool = False  # --rm
    started: bool = False  # started at least once ("Exited" rather than "Created")
    exit_code: int = 0
    error: str = ""  # State.Error: why the last start failed
    logs: tuple = ()  # what the main process printed (docker logs)
    previous: tuple = ()  # ((network, ip, mac), ...) the endpoints had before the last stop
    static_routes: tuple = ()  # routes added with `route add` inside (routing.plan_static_route)

    @property
    def short_id(self):
        return short_id(self.id)

    def upgrade_loaded_state(self):
        """A container read from a lab file older than the lifecycle gets the new fields' defaults."""
        for f in fields(self):
            if not hasattr(self, f.name):
                object.__setattr__(self, f.name, f.default)
        if self.state == "running":
            self.started = True


@dataclass(frozen=True, slots=True)
class StartConfig:
    """The network settings a container was created with, applied when it starts."""

    ip: object = None
    mac: str | None = None
    aliases: tuple = ()
    ports: tuple = ()
    dns: tuple = ()
    shared: str | None = None  # --network container:<name>

    def get(self, key, default=None):
        return getattr(self, key, default)
