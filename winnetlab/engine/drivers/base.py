"""What every Windows network driver shares: the ``windowsshim`` options and the Driver base.

Docker passes ``-o com.docker.network.windowsshim.*`` options to the Windows driver, which
parses them the way Go does (``strconv.ParseBool``, ``strconv.ParseUint``) and turns them
into fields and policies of the HNS network it asks HNS to create (reference §5).
Options the driver does not know are ignored, as the real driver ignores them.
"""

from dataclasses import dataclass, field

from .. import policies as P
from ..addressing import parse_mac, parse_prefix
from ..errors import InvalidParameter

SHIM = "com.docker.network.windowsshim."
VXLANID_LIST = "com.docker.network.driver.overlay.vxlanid_list"

GO_TRUE = ("1", "t", "T", "TRUE", "true", "True")
GO_FALSE = ("0", "f", "F", "FALSE", "false", "False")


def parse_bool(value):
    """Go's ``strconv.ParseBool``, with its error text."""
    if value in GO_TRUE:
        return True
    if value in GO_FALSE:
        return False
    raise InvalidParameter(f'strconv.ParseBool: parsing "{value}": invalid syntax')


def parse_uint(value, bits=32):
    """Go's ``strconv.ParseUint(value, 10, bits)``, with its error texts."""
    if not value.isdigit() or not value.isascii():
        raise InvalidParameter(f'strconv.ParseUint: parsing "{value}": invalid syntax')
    n = int(value)
    if n >= 1 << bits:
        raise InvalidParameter(f'strconv.ParseUint: parsing "{value}": value out of range')
    return n


@dataclass(frozen=True, slots=True, kw_only=True)
class ShimOptions:
    """The parsed ``windowsshim`` options of one ``docker network create``."""

    networkname: str = ""
    interface: tuple = ()
    vlanid: int = 0
    vsid: int = 0
    dnsservers: tuple = ()
    dnssuffix: str = ""
    hnsid: str = ""
    disable_gatewaydns: bool = False
    enable_outboundnat: bool = False
    outboundnat_exceptions: tuple = ()
    macpools: tuple = ()
    vxlanids: tuple = ()
    ignored: tuple = field(default=())  # option keys accepted but without effect


def parse_options(options):
    """Parse a ``-o key=value`` dict like moby's ``parseNetworkOptions`` (reference §5)."""
    kw = {}
    ignored = []
    for key in sorted(options):
        value = str(options[key])
        short = key[len(SHIM) :] if key.startswith(SHIM) else None
        if short == "networkname":
            kw["networkname"] = value
        elif short == "interface":
            kw["interface"] = tuple(v.strip().strip('"') for v in value.split(",") if v.strip())
        elif short == "vlanid":
            kw["vlanid"] = parse_uint(value)
        elif short == "vsid":
            kw["vsid"] = parse_uint(value)
        elif short == "dnsservers":
            kw["dnsservers"] = tuple(v.strip() for v in value.split(",") if v.strip())
        elif short == "dnssuffix":
            kw["dnssuffix"] = value
        elif short == "hnsid":
            kw["hnsid"] = value
        elif short == "disable_gatewaydns":
            kw["disable_gatewaydns"] = parse_bool(value)
        elif short == "enable_outboundnat":
            kw["enable_outboundnat"] = parse_bool(value)
        elif short == "outboundnat_exceptions":
            kw["outboundnat_exceptions"] = tuple(
                str(parse_prefix(v, "outboundnat exception")) for v in value.split(",") if v.strip()
            )
        elif short == "macpool":
            kw["macpools"] = parse_macpools(value)
        elif key == VXLANID_LIST:
            kw["vxlanids"] = parse_vxlanids(value)
        elif short in ("sourcemac", "routingdomain", "hnsowned") or key == "encrypted":
            ignored.append(key)
    return ShimOptions(ignored=tuple(ignored), **kw)


def parse_macpools(value):
    parts = [v.strip() for v in value.split(",") if v.strip()]
    if len(parts) % 2:
        raise InvalidParameter("invalid mac pool. You must specify both a start range and an end range")
    pools = tuple((parse_mac(parts[i]), parse_mac(parts[i + 1])) for i in range(0, len(parts), 2))
    for start, end in pools:
        if end < start:
            raise InvalidParameter("invalid mac pool. You must specify both a start range and an end range")
    return pools


def parse_vxlanids(value):
    out = []
    for v in value.split(","):
        v = v.strip()
        if not v.isdigit():
            raise InvalidParameter(f'invalid vxlan id value "{v}" passed')
        out.append(int(v))
    return tuple(out)


class Driver:
    """A Docker network driver on Windows: which vSwitch, which addresses, which policies, and
    how its packets travel.  The engine, the walk, the views and the dumps ask the driver of a
    network (``drivers.of(network)``) instead of comparing driver names.

    Subclasses set the class attributes and override the hooks they need.
    """

    name = ""
    hns_type = ""
    scope = "local"  # "swarm": the manager creates the network on every node (docker network ls SCOPE)
    swarm_scoped = False  # True exactly when scope is "swarm"
    attaches = True  # False: the null driver (network "none") gives a container no endpoint
    # the vSwitch and the addresses
    external_switch = True  # needs an External vSwitch bound to a host adapter
    shares_switch = True  # a second network of the driver reuses that vSwitch (transparent: no)
    dhcp_without_subnet = False  # no --subnet: addresses come from a DHCP server on the LAN
    multi_subnet = False  # several --subnet (where the Windows version allows it: 2025)
    internal_dns = False  # HNS sets EnableInternalDNS (Docker's resolver on the gateway)
    resolver_on_gateway = False  # Docker's embedded DNS answers on UDP/TCP 53 at the gateway
    # published ports and policies
    uses_vfp = True  # policies programmed in VFP (False: WinNAT + firewall)
    docker_allocates_ports = True  # Docker picks host ports (l2bridge/l2tunnel/overlay)
    # how packets travel (the VFP template and the packet walk)
    winnat = False  # the host vNIC holds the gateway; WinNAT translates what leaves the network
    keeps_container_mac = False  # frames reach the LAN with the container's own MAC
    rewrites_mac = False  # VFP puts the host MAC on frames leaving (VNET_MAC_REWRITE_LAYER)
    hairpins_to_physical_host = False  # VFP sends every packet to the physical Hyper-V host
    encapsulates = False  # VXLAN between hosts: provider addresses, remote endpoints
    host_gw = False  # each host's subnet is routed to that host (flannel host-gw style)
    lan_visible = True  # container addresses answer ARP on the LAN (not behind NAT or VXLAN)
    translates_to_host = False  # the host NATs the network's prefix (WinNAT for nat, ICS for ics)
    needs_outbound_nat = False  # the internet answers only with OutboundNAT on (l2bridge)

    def network_policies(self, shim, profile):
        """Network-level HNS policies from the parsed options (VLAN, VSID)."""
        pols = []
        if shim.vlanid:
            pols.append(P.Vlan(vlan=shim.vlanid))
        if shim.vsid:
            pols.append(P.Vsid(vsid=shim.vsid))
        return tuple(pols)

    def shared_endpoint_policies(self, network, shim, host):
        """Policies every local endpoint of the network inherits (one shared object each)."""
        return ()

    def switch_adapter(self, host, physical):
        """The physical adapter a new network's External vSwitch binds to (the first one)."""
        return physical[0].name

    def endpoint_name(self, network, container):
        """The HNS name of a container's endpoint: HNS calls a Docker endpoint "Ethernet" (the
        container sees "vEthernet (Ethernet)")."""
        return "Ethernet"

    def default_gateway(self, prefix):
        return next(prefix.hosts()) if prefix.num_addresses > 2 else None
