"""The registry of Windows network drivers: one module each, one small base.

Adding a driver (ics, private, internal…) means one new module and one line here.
"""

from ..errors import NotFound
from .l2bridge import L2BridgeDriver
from .l2tunnel import L2TunnelDriver
from .nat import NatDriver
from .overlay import OverlayDriver
from .transparent import TransparentDriver

DRIVERS = {d.name: d() for d in (NatDriver, TransparentDriver, OverlayDriver, L2BridgeDriver, L2TunnelDriver)}
# `docker info` "Network:" plugins line of a current engine on Windows Server
PLUGINS = ("ics", "internal", "l2bridge", "l2tunnel", "nat", "null", "overlay", "private", "transparent")


def is_swarm_scoped(name):
    """Whether networks of the driver called ``name`` are swarm-wide (created by the manager on
    every node) rather than local to one host."""
    d = DRIVERS.get(name)
    return d is not None and d.scope == "swarm"


def driver(name):
    """The driver called ``name``; names are lower-case exactly as Docker requires."""
    try:
        return DRIVERS[name]
    except KeyError:
        raise NotFound(
            f"could not find plugin {name} in v1 plugin registry: plugin not found",
            hint=(
                f"Docker on Windows has no {name!r} driver; the drivers are "
                + ", ".join(DRIVERS)
                + " (names are lower-case)"
            ),
        ) from None
