"""What the Docker engine keeps about a container: the Container record, the network settings
it was created with (StartConfig), and the rule for Docker object names."""

import re
from dataclasses import dataclass

# Docker object names (networks, containers)
NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")


@dataclass(slots=True, eq=False)
class Container:
    """A container (or a swarm task) as the Docker engine knows it."""

    name: str
    id: str
    image: str
    isolation: str = "process"  # "process" (vNIC) or "hyperv" (vmNIC)
    endpoints: tuple = ()  # HNS endpoint ids, in attach order
    host: str = ""
    state: str = "running"  # "created" or "running"
    hostname: str = ""
    dns_search: tuple = ()
    namespace: str = None
    requested_networks: tuple = ()  # network names asked for at create time
    requested: object = None  # StartConfig: what `docker run` asked for the first network
    service: str = ""
    seq: int = 0
    command: str = ""  # the command given after the image (docker run IMAGE CMD)

    @property
    def short_id(self):
        return self.id[:12]


@dataclass(frozen=True, slots=True)
class StartConfig:
    """The network settings a container was created with, applied when it starts."""

    ip: object = None
    mac: str = None
    aliases: tuple = ()
    ports: tuple = ()
    dns: tuple = ()
    shared: str = None  # --network container:<name>

    def get(self, key, default=None):
        return getattr(self, key, default)
