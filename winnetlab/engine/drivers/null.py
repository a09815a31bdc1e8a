"""``null``: the network ``none``.  A container on it gets no endpoint at all — no vNIC, no
address, only its loopback — so nothing can be published on it.  Docker creates it at start-up;
it cannot be created or removed.
"""

from .base import Driver


class NullDriver(Driver):
    name = "null"
    attaches = False
    external_switch = False
