"""The registry of Windows network drivers: one module each, one small base.

Adding a driver means one new module and one line in ``DRIVERS``; the rest of winnetlab
asks ``of(network)`` and reads the driver's attributes and hooks.
"""

from ..errors import NotFound
from .imported import ImportedDriver
from .l2bridge import L2BridgeDriver
from .l2tunnel import L2TunnelDriver
from .nat import NatDriver
from .null import NullDriver
from .overlay import OverlayDriver
from .transparent import TransparentDriver

DRIVERS = {d.name: d() for d in (NatDriver, TransparentDriver, OverlayDriver, L2BridgeDriver, L2TunnelDriver)}
# `docker info` "Network:" plugins line of a current engine on Windows Server
PLUGINS = ("ics", "internal", "l2bridge", "l2tunnel", "nat", "null", "overlay", "private", "transparent")
NULL = NullDriver()


def of(network):
    """The driver of ``network``: a registered driver, the null driver of ``none``, or an
    ImportedDriver for an HNS type Docker does not create."""
    found = DRIVERS.get(network.driver)
    if found is not None:
        return found
    if network.driver == NULL.name:
        return NULL
    return ImportedDriver(network.driver, network.hns_type)


def is_swarm_scoped(name):
    """Whether networks of the driver called ``name`` are swarm-wide (created by the manager on
    every node) rather than local to one host."""
    d = DRIVERS.get(name)
    return d is not None and d.swarm_scoped


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
