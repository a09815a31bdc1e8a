"""The Host Networking Service's objects: networks, endpoints, namespaces, policy lists.

HNS is the source of truth on a Windows container host: Docker's view (``docker network
ls``/``inspect``) is rendered from these objects.  A *network* has a GUID, a type (NAT,
Transparent, Overlay, L2Bridge, L2Tunnel…), subnets with gateways, a MAC pool of 4,096
Hyper-V MACs, DNS settings, policies (VLAN, VSID…) and the vSwitch it is layered on.  An
*endpoint* is one vNIC: address, prefix, MAC, gateway, DNS list, policies and the
namespace (network compartment) of the container that owns it.
"""

from dataclasses import dataclass, field

# v1 endpoint State enum (hcsshim hnsendpoint.go)
ENDPOINT_STATES = {
    0: "Uninitialized",
    1: "Created",
    2: "Attached",
    3: "AttachedSharing",
    4: "Detached",
    5: "Degraded",
    6: "Destroyed",
}
CREATED, ATTACHED = 1, 2

HNS_TYPES = {
    "nat": "NAT",
    "transparent": "Transparent",
    "overlay": "Overlay",
    "l2bridge": "L2Bridge",
    "l2tunnel": "L2Tunnel",
    "ics": "ICS",
    "private": "Private",
    "internal": "Internal",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Subnet:
    prefix: object  # IPv4Network
    gateway: object = None  # IPv4Address or None
    policies: tuple = ()  # subnet policies (VSID for overlay)
    id: str = ""


@dataclass(slots=True, eq=False, kw_only=True)
class Network:
    """An HNS network, annotated with what Docker knows of it (its id, name, options)."""

    id: str
    name: str  # Docker's name (the HNS name when Docker adopted it)
    hns_name: str
    driver: str  # Docker driver: "nat", "transparent", …
    hns_type: str  # "NAT", "Transparent", …
    subnets: tuple
    vswitch: str
    docker_id: str = ""
    vsid: int | None = None
    policies: tuple = ()
    options: dict = field(default_factory=dict)
    dns_servers: tuple = ()
    dns_suffix: str = ""
    mac_pool: object = None  # MacPool
    pools: tuple = ()  # an AddressPool per subnet, in the order of ``subnets`` (none for DHCP, swarm)
    adapter: str | None = None
    management_ip: object = None
    dr_mac: str = ""
    nat_name: str = ""
    attachable: bool = False
    internal: bool = False
    scope: str = "local"
    created_by_docker: bool = True
    hns_owned: bool = False
    dhcp: bool = False
    labels: dict = field(default_factory=dict)
    endpoint_ids: dict = field(default_factory=dict)  # id -> None (insertion ordered set)
    extra: dict = field(default_factory=dict)  # unknown fields kept from a dump
    vfp_template: tuple = ()  # layers shared by every port
    shared_policies: tuple = ()  # policies every local endpoint inherits
    gateway_dns: bool = True  # gateway first in the DNS list (nat/overlay)

    @property
    def gateway(self):
        return self.subnets[0].gateway if self.subnets else None

    @property
    def prefix(self):
        return self.subnets[0].prefix if self.subnets else None

    @property
    def endpoint_count(self):
        return len(self.endpoint_ids)


@dataclass(slots=True, eq=False)
class Endpoint:
    """An HNS endpoint: one v(m)NIC of a container (or a remote endpoint on overlay)."""

    id: str
    name: str
    network: str  # network name
    network_id: str
    container: str | None = None
    ip_address: object = None
    prefix_length: int | None = None
    mac_address: str = ""
    gateway: object = None
    dns_servers: tuple = ()
    dns_suffix: str = ""
    policies: tuple = ()
    namespace: str | None = None
    remote: bool = False
    state: int = CREATED
    host: str = ""
    enable_internal_dns: bool = False
    dhcp_lease: object = None  # address a DHCP server on the LAN gave (transparent)
    aliases: tuple = ()
    provider_address: object = None  # remote overlay endpoints: the VTEP of their host
    disable_icc: bool = False
    extra: dict | None = None
    apipa: object = None  # DHCP got no offer: the 169.254 address the container gave itself

    @property
    def address(self):
        """The address the container really uses (static/HNS, its DHCP lease, or the
        link-local address it gave itself when no DHCP offer came)."""
        if self.ip_address is not None:
            return self.ip_address
        return self.dhcp_lease if self.dhcp_lease is not None else self.apipa

    def upgrade_loaded_state(self):
        """An endpoint read from a lab file saved before APIPA addresses existed."""
        if not hasattr(self, "apipa"):
            self.apipa = None

    @property
    def state_name(self):
        return ENDPOINT_STATES.get(self.state, str(self.state))


@dataclass(slots=True, eq=False, kw_only=True)
class Namespace:
    """A network namespace (compartment): one per container, several endpoints each."""

    id: str
    compartment_id: int
    container: str | None = None
    endpoints: tuple = ()  # endpoint ids, in attach order
    default: bool = False


@dataclass(slots=True, eq=False, kw_only=True)
class PolicyList:
    """A ``/policylists`` object: ELB/ILB load-balancer policies over some endpoints."""

    id: str
    references: tuple  # endpoint ids
    policies: tuple
    network_id: str = ""
    service: str = ""
    extra: dict | None = None  # unknown fields kept from a dump
