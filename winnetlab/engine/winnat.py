"""WinNAT and the Windows Firewall rules HNS creates for the ``nat`` driver.

A ``NetNat`` instance translates an internal prefix to the host's external address
(NAT + PAT).  Published ports become *static mappings* (``Get-NetNatStaticMapping``):
``0.0.0.0:<external port>`` to ``<container IP>:<internal port>``, one mapping per
external port and protocol, plus a Windows Firewall allow rule for that port.  WinNAT has
no dynamic mappings of its own; for ``-p 80`` HNS picks the host port.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class NetNat:
    name: str  # "NAT<guid>" (H<guid> on WS2016)
    internal_prefix: object  # IPv4Network
    gateway: object  # IPv4Address held by the host vNIC
    network_id: str

    @property
    def internal_interface_prefix(self):
        """``InternalIPInterfaceAddressPrefix`` as Get-NetNat prints it (gateway/len)."""
        return f"{self.gateway}/{self.internal_prefix.prefixlen}"


@dataclass(frozen=True, slots=True, kw_only=True)
class StaticMapping:
    mapping_id: int
    nat_name: str
    protocol: str
    external_port: int
    internal_ip: object
    internal_port: int
    endpoint_id: str
    external_ip: str = "0.0.0.0"


@dataclass(frozen=True, slots=True, kw_only=True)
class FirewallRule:
    """An inbound allow rule for a published port.

    The real rule names HNS uses were not captured (reference §17); the name here is the
    simulator's own, built from the endpoint and port so that it is unique and stable.
    """

    name: str
    protocol: str
    local_port: int
    endpoint_id: str
    action: str = "Allow"
    direction: str = "Inbound"

    @property
    def display_name(self):
        return f"HNS Container Networking - {self.protocol} {self.local_port}"
