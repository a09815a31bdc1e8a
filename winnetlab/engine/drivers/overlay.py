"""``overlay``: VXLAN between swarm hosts; one VNI (VSID) per subnet, from 4096 upward.

Swarm's manager hands out the subnet (10.0.0.0/8 carved into /24s) and the VNI; HNS
creates the network on each node with the host's provider address (PA) as VXLAN tunnel
endpoint.  Every endpoint gets a ``PA`` policy and, from Windows Server 2019 on, an
``OutBoundNAT`` policy (VFP SNAT to the host address) for internet access; Windows Server
2016 used a second endpoint on the ``nat`` network instead.  Containers on other hosts
appear as *remote endpoints* whose PA tells VFP where to encapsulate.
"""

from .. import policies as P
from .base import Driver


class OverlayDriver(Driver):
    name = "overlay"
    hns_type = "Overlay"
    internal_dns = True
    scope = "swarm"

    def network_policies(self, shim):
        return ()

    def shared_endpoint_policies(self, network, shim, host):
        pols = [P.ProviderAddress(str(host.address))]
        if host.profile.overlay_egress == "outboundnat":
            pols.append(P.OutboundNat())
        return tuple(pols)
