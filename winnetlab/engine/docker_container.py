"""What the Docker engine keeps about a container: the Container record, the network settings
it was created with (StartConfig), its restart policy, and the rule for Docker object names."""

import re
from dataclasses import dataclass, fields

from .errors import InvalidParameter, engine_version
from .ids import derived_hex64, short_id

# Docker object names (networks, containers)
NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")


def docker_endpoint_id(network, container):
    """Docker's id for a container's endpoint on a network (``docker inspect``'s EndpointID);
    the overlay driver also names the HNS endpoint after it."""
    return derived_hex64("endpoint", network.docker_id, container.id)


RESTART_POLICIES = ("no", "always", "on-failure", "unless-stopped")


@dataclass(frozen=True, slots=True, kw_only=True)
class RestartPolicy:
    """``docker run --restart``: what the daemon does with the container when it starts again.

    ``parse`` is docker/cli's ``opts.ParseRestartPolicy`` (syntax only); ``validate`` is the
    daemon's check, worded per engine: moby ``api/types/container/hostconfig.go``
    ``ValidateRestartPolicy`` from 25.0, ``daemon/container.go`` before (19.03.1, 20.10).
    """

    name: str = "no"
    maximum_retry_count: int = 0

    @classmethod
    def parse(cls, text: str) -> "RestartPolicy":
        """``"on-failure:3"`` -> ``RestartPolicy(name="on-failure", maximum_retry_count=3)``; ``""`` is the default ("no")."""
        text = str(text or "")
        if not text:
            return NO_RESTART
        name, colon, count = text.partition(":")
        if colon and not name:
            raise InvalidParameter("invalid restart policy format: no policy provided before colon")
        try:
            retries = int(count) if count else 0
        except ValueError:
            raise InvalidParameter(
                "invalid restart policy format: maximum retry count must be an integer"
            ) from None
        return cls(name=name, maximum_retry_count=retries)

    def validate(self, engine: str) -> None:
        """The daemon refuses an unknown policy, or a retry count where it has no meaning."""
        old = engine_version(engine) < (25, 0)
        if self.name not in RESTART_POLICIES:
            raise InvalidParameter(
                f"invalid restart policy '{self.name}'"
                if old
                else f"invalid restart policy: unknown policy '{self.name}'; use one of "
                "'no', 'always', 'on-failure', or 'unless-stopped'"
            )
        if self.name != "on-failure" and self.maximum_retry_count:
            negative = " and cannot be negative" if self.maximum_retry_count < 0 else ""
            raise InvalidParameter(
                f"maximum retry count cannot be used with restart policy '{self.name}'"
                if old
                else "invalid restart policy: maximum retry count can only be used with 'on-failure'"
                + negative
            )
        if self.maximum_retry_count < 0:
            raise InvalidParameter(
                "maximum retry count cannot be negative"
                if old
                else "invalid restart policy: maximum retry count cannot be negative"
            )

    def restarts(self, exit_code: int, manually_stopped: bool, restart_count: int) -> bool:
        """Whether the daemon starts the container again when it starts (moby
        ``restartmanager.ShouldRestart``): ``always`` even after ``docker stop``,
        ``unless-stopped`` unless it was stopped by hand, ``on-failure[:N]`` after a non-zero
        exit while fewer than N restarts were counted (0: no limit)."""
        if self.name == "always":
            return True
        if self.name == "unless-stopped":
            return not manually_stopped
        if self.name == "on-failure":
            limit = self.maximum_retry_count
            return exit_code != 0 and (limit == 0 or restart_count < limit)
        return False


NO_RESTART = RestartPolicy()  # the default, shared by every container


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
    restart_policy: RestartPolicy = NO_RESTART  # HostConfig.RestartPolicy
    restart_count: int = 0  # RestartCount (restarts after the process exited on its own)
    manually_stopped: bool = False  # HasBeenManuallyStopped: docker stop/kill since the last start
    network_mode: str = ""  # HostConfig.NetworkMode as asked ("default": no --network, the nat network)

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


@dataclass(frozen=True, slots=True, kw_only=True)
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


NO_SETTINGS = StartConfig()  # docker run without --ip, --mac-address, -p, --dns, --network-alias
