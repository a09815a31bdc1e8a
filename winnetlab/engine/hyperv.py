"""Hyper-V: physical adapters, virtual switches and the host vNICs ``vEthernet (…)``.

Every container NIC plugs into a Hyper-V virtual switch, much like a VM's.  An *Internal*
switch is bound to no physical NIC (the ``nat`` driver uses one, with a host vNIC that
holds the NAT gateway address); an *External* switch is bound to one physical adapter —
an adapter carries at most one — and takes over the host's address on a management vNIC
``vEthernet (<switch>)``; a *Private* switch has no host vNIC at all.
"""

from dataclasses import dataclass, field

SWITCH_TYPES = ("Internal", "External", "Private")


@dataclass(slots=True, kw_only=True)
class Adapter:
    """A network adapter of the host as ``Get-NetAdapter`` lists it (physical or a vNIC)."""

    name: str
    mac_address: str
    description: str
    ip_interface: object = None  # IPv4Interface or None
    gateway: object = None  # IPv4Address or None
    physical: bool = True
    vswitch: str | None = None  # physical: the external switch bound to it; vNIC: its switch
    if_index: int = 0

    @property
    def ip_address(self):
        return self.ip_interface.ip if self.ip_interface is not None else None


@dataclass(slots=True, kw_only=True)
class VSwitch:
    """A Hyper-V virtual switch (``Get-VMSwitch``)."""

    name: str
    id: str
    switch_type: str
    adapter: str | None = None  # bound physical adapter (External only)
    host_vnic: str | None = None  # "vEthernet (<name>)" or None (Private)
    created_by: str = "HNS"  # "HNS" or "user" (out of band)
    extensions: tuple = field(
        default=(
            "Microsoft Windows Filtering Platform",
            "Microsoft Azure VFP Switch Extension",
            "Microsoft NDIS Capture",
        )
    )

    @property
    def allow_management_os(self):
        return self.host_vnic is not None


VNIC_PREFIX = "vEthernet ("


def vnic_name(switch_name):
    """The name Windows gives a Hyper-V virtual NIC: ``vEthernet (<switch or endpoint>)``."""
    return f"{VNIC_PREFIX}{switch_name})"


def vnic_inner(name):
    """What is inside ``vEthernet (…)``, or None when ``name`` is not a vNIC's name."""
    return name[len(VNIC_PREFIX) : -1] if name.startswith(VNIC_PREFIX) and name.endswith(")") else None
