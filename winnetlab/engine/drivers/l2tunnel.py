"""``l2tunnel``: like l2bridge, but every packet — even between two containers on the same
host — is hairpinned to the *physical* Hyper-V host's vSwitch, where Azure/SDN policy
applies.  Meant for Microsoft cloud stacks only.
"""

from .l2bridge import L2BridgeDriver


class L2TunnelDriver(L2BridgeDriver):
    name = "l2tunnel"
    hns_type = "L2Tunnel"
    hairpins_to_physical_host = True
    host_gw = False  # the physical host's SDN policy routes it, not the lab's host-gw routes
    needs_outbound_nat = False  # its traffic leaves through the Azure VNet gateway
