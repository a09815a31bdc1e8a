"""Windows Server versions and the container-networking differences between them.

The reference's timeline (§15) boils down to a handful of switches that change what a
learner sees: how many NAT networks a host may have, whether published ports answer on
``localhost``, how overlay containers reach the internet, whether endpoints can be
hot-added to a running container, whether swarm has a routing mesh, and the firewall's
inbound default.
"""

from dataclasses import dataclass

from .errors import InvalidParameter


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    title: str
    build: int
    hns_version: tuple  # (major, minor) of HNS; v1 objects carry (major << 32) | minor
    multiple_nat: bool  # False: nat networks must be partitions of one WinNAT prefix
    localhost_published: bool  # host -> localhost:<published port> works (1809+)
    overlay_egress: str  # "nat-endpoint" (second endpoint on nat) or "outboundnat" (VFP)
    hot_add: bool  # network connect/disconnect on a running container (1709+)
    routing_mesh: bool  # swarm ingress publishing + VIP load balancing (1709+)
    inbound_default: str  # firewall default for unsolicited inbound: "deny" or "allow"
    nat_vnic: str  # host vNIC of the nat network
    nat_prefix_letter: str  # WinNAT instance names: H<guid> (2016) or NAT<guid>
    container_nic: str  # "Container NIC" (2016/1709 naming) or "Ethernet"
    l2bridge_cross_host: bool  # l2bridge cross-subnet multi-node routing (1809+)
    nat_vlan_policy: bool  # WS2022+ nat networks carry {"Type":"VLAN","VLAN":1}
    network_flags: int  # Flags of the default nat network (8 = EnableNonPersistent)
    multi_subnet: bool  # several subnets per l2bridge/l2tunnel/overlay network

    @property
    def hns_version_number(self):
        major, minor = self.hns_version
        return (major << 32) | minor


PROFILES = {
    "ltsc2016": Profile(
        "ltsc2016",
        "Windows Server 2016",
        14393,
        (5, 1),
        False,
        False,
        "nat-endpoint",
        False,
        False,
        "deny",
        "vEthernet (HNS Internal NIC)",
        "H",
        "Container NIC",
        False,
        False,
        0,
        False,
    ),
    "ltsc2019": Profile(
        "ltsc2019",
        "Windows Server 2019",
        17763,
        (9, 2),
        True,
        True,
        "outboundnat",
        True,
        True,
        "allow",
        "vEthernet (nat)",
        "NAT",
        "Ethernet",
        True,
        False,
        0,
        False,
    ),
    "ltsc2022": Profile(
        "ltsc2022",
        "Windows Server 2022",
        20348,
        (13, 2),
        True,
        True,
        "outboundnat",
        True,
        True,
        "allow",
        "vEthernet (nat)",
        "NAT",
        "Ethernet",
        True,
        True,
        8,
        False,
    ),
    "ltsc2025": Profile(
        "ltsc2025",
        "Windows Server 2025",
        26100,
        (15, 1),
        True,
        True,
        "outboundnat",
        True,
        True,
        "allow",
        "vEthernet (nat)",
        "NAT",
        "Ethernet",
        True,
        True,
        8,
        True,
    ),
}


def profile(name):
    try:
        return PROFILES[str(name).lower()]
    except KeyError:
        raise InvalidParameter(
            f"unknown Windows version {name!r}: choose one of " + ", ".join(PROFILES)
        ) from None
