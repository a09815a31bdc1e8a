"""``overlay``: VXLAN between swarm hosts; one VNI (VSID) per subnet, from 4096 upward.

Swarm's manager hands out the subnet (10.0.0.0/8 carved into /24s) and the VNI; HNS
creates the network on each node with the host's provider address (PA) as VXLAN tunnel
endpoint.  Every endpoint gets a ``PA`` policy and, from Windows Server 2019 on, an
``OutBoundNAT`` policy (VFP SNAT to the host address) for internet access; Windows Server
2016 used a second endpoint on the ``nat`` network instead.  Containers on other hosts
appear as *remote endpoints* whose PA tells VFP where to encapsulate.
"""

from .. import policies as P
from ..docker_container import docker_endpoint_id
from .base import Driver


class OverlayDriver(Driver):
    name = "overlay"
    hns_type = "Overlay"
    internal_dns = True
    scope = "swarm"
    swarm_scoped = True
    encapsulates = True
    resolver_on_gateway = True
    lan_visible = False

    def endpoint_name(self, network, container):
        """The overlay driver names the HNS endpoint after Docker's endpoint id."""
        return docker_endpoint_id(network, container)

    def switch_adapter(self, host, physical):
        """Simplification: swarm's manager creates overlay networks on every node at once, so
        the first NIC that is free or already carries only overlay networks is used."""
        for a in physical:
            users = [n for n in host.hns_networks.values() if n.vswitch == a.vswitch] if a.vswitch else []
            if a.vswitch is None or (users and all(n.driver == self.name for n in users)):
                return a.name
        return physical[0].name

    def network_policies(self, shim, profile):
        return ()

    def shared_endpoint_policies(self, network, shim, host):
        pols = [P.ProviderAddress(pa=str(host.address))]
        if host.profile.overlay_egress == "outboundnat":
            pols.append(P.OutboundNat())
        return tuple(pols)
