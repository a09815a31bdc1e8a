"""``l2bridge``: External vSwitch, addresses from the given subnet, MAC rewrite in VFP.

On egress VFP replaces the container's source MAC with the host's MAC and on ingress puts
the container MAC back, so the LAN never learns container MACs.  Without the
``enable_outboundnat`` option there is no SNAT and containers cannot reach the internet;
with it, every endpoint inherits an ``OutBoundNAT`` policy whose ``ExceptionList`` keeps
the listed destinations un-NATed.  No DHCP: HNS allocates from ``--subnet``.
"""

from .. import policies as P
from .base import Driver


class L2BridgeDriver(Driver):
    name = "l2bridge"
    hns_type = "L2Bridge"
    rewrites_mac = True
    host_gw = True
    multi_subnet = True
    needs_outbound_nat = True

    def shared_endpoint_policies(self, network, shim, host):
        if shim.enable_outboundnat:
            return (P.OutboundNat(exceptions=tuple(shim.outboundnat_exceptions)),)
        return ()
