"""``transparent``: containers sit directly on the physical LAN through an External vSwitch.

Addresses are static (``--subnet``/``--gateway`` and ``--ip``) or come from a DHCP server
on the LAN, in which case HNS — and Docker — do not know them.  Frames keep the
container's own MAC on the wire, so a host that is itself a Hyper-V VM needs MAC address
spoofing.  No embedded DNS: containers do not resolve each other's names.
"""

from .base import Driver


class TransparentDriver(Driver):
    name = "transparent"
    hns_type = "Transparent"
    dhcp_without_subnet = True
    shares_switch = False  # each transparent network needs an adapter of its own
    keeps_container_mac = True
