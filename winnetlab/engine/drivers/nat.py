"""``nat``: an Internal vSwitch, WinNAT, and HNS handing out addresses from a private prefix.

The host vNIC ``vEthernet (nat)`` holds the gateway (normally ``.1``); WinNAT translates
the prefix to the host address on the way out, and published ports become WinNAT static
mappings plus a Windows Firewall allow rule.  HNS enables Docker's embedded DNS on every
endpoint: the gateway is the first DNS server.
"""

from .. import policies as P
from .base import Driver


class NatDriver(Driver):
    name = "nat"
    hns_type = "NAT"
    external_switch = False
    internal_dns = True
    uses_vfp = False
    docker_allocates_ports = False
    winnat = True
    resolver_on_gateway = True
    translates_to_host = True
    lan_visible = False

    def network_policies(self, shim, profile):
        """From Windows Server 2019 on, HNS gives a nat network a VLAN policy of 1."""
        pols = super().network_policies(shim, profile)
        return ((P.Vlan(vlan=1),) + pols) if profile.nat_vlan_policy else pols
