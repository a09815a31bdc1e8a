"""Windows Server versions and the container-networking differences between them.

The reference's timeline (§15) boils down to a handful of switches that change what a
learner sees: how many NAT networks a host may have, whether published ports answer on
``localhost``, how overlay containers reach the internet, whether endpoints can be
hot-added to a running container, whether swarm has a routing mesh, and the firewall's
inbound default.

Each profile also names the Docker engine it pairs with, which decides what the docker
front prints where engines differ (table widths, hcsshim's error wording): Docker EE 18.09
on Server 2016 (the samples from 2017-2018 hosts print 17.x/18.x text), 19.03.1 on Server
2019 (the version in samples 19 and 24), 27.3.1 on 2022 and 2025 (sample 15).
"""

from dataclasses import dataclass, replace

from .errors import InvalidParameter
from .hyperv import vnic_name


@dataclass(frozen=True, slots=True, kw_only=True)
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
    docker_engine: str = "27.3.1"  # the Docker engine this profile pairs with

    def upgrade_loaded_state(self):
        """A lab file saved before profiles named their engine gets this version's engine."""
        if not hasattr(self, "docker_engine"):
            object.__setattr__(self, "docker_engine", PROFILES[self.name].docker_engine)

    @property
    def hns_version_number(self):
        major, minor = self.hns_version
        return (major << 32) | minor


# Each version is the one before plus what changed (the reference's timeline).
LTSC2016 = Profile(
    name="ltsc2016",
    title="Windows Server 2016",
    build=14393,
    hns_version=(5, 1),
    multiple_nat=False,
    localhost_published=False,
    overlay_egress="nat-endpoint",
    hot_add=False,
    routing_mesh=False,
    inbound_default="deny",
    nat_vnic=vnic_name("HNS Internal NIC"),
    nat_prefix_letter="H",
    container_nic="Container NIC",
    l2bridge_cross_host=False,
    nat_vlan_policy=False,
    network_flags=0,
    multi_subnet=False,
    docker_engine="18.09.9",
)
LTSC2019 = replace(
    LTSC2016,
    name="ltsc2019",
    title="Windows Server 2019",
    build=17763,
    hns_version=(9, 2),
    multiple_nat=True,
    localhost_published=True,
    overlay_egress="outboundnat",
    hot_add=True,
    routing_mesh=True,
    inbound_default="allow",
    nat_vnic=vnic_name("nat"),
    nat_prefix_letter="NAT",
    container_nic="Ethernet",
    l2bridge_cross_host=True,
    docker_engine="19.03.1",
)
LTSC2022 = replace(
    LTSC2019,
    name="ltsc2022",
    title="Windows Server 2022",
    build=20348,
    hns_version=(13, 2),
    nat_vlan_policy=True,
    network_flags=8,
    docker_engine="27.3.1",
)
LTSC2025 = replace(
    LTSC2022,
    name="ltsc2025",
    title="Windows Server 2025",
    build=26100,
    hns_version=(15, 1),
    multi_subnet=True,
)
PROFILES = {p.name: p for p in (LTSC2016, LTSC2019, LTSC2022, LTSC2025)}


def profile(name):
    try:
        return PROFILES[str(name).lower()]
    except KeyError:
        raise InvalidParameter(
            f"unknown Windows version {name!r}: choose one of " + ", ".join(PROFILES)
        ) from None


# The Docker engines whose printed differences the fronts know (fronts/engines.py).
DOCKER_ENGINES = ("18.09.9", "19.03.1", "27.3.1", "28.0.4")


def with_engine(profile: Profile, engine: str) -> Profile:
    """``profile`` running another Docker engine (``Lab(docker_engine=…)``)."""
    if engine not in DOCKER_ENGINES:
        raise InvalidParameter(
            f"unknown Docker engine {engine!r}: choose one of " + ", ".join(DOCKER_ENGINES)
        )
    return replace(profile, docker_engine=engine)
