"""VFP, the Virtual Filtering Platform: the vSwitch extension HNS programs for every
driver except ``nat``.

Each endpoint is a VFP *port*; a port's policy is split into ordered *layers*, each a
match-action table of *rules* (conditions + action, highest priority wins, a
*terminating* rule stops the walk).  Outbound packets cross the layers top to bottom,
inbound packets bottom to top.  Layer names follow what ``vfpctrl /list-layer`` shows on
real hosts (reference §8); the exact layer set for plain Docker hosts is not documented,
so the order used here — ACL, load balancing, NAT, MAC rewrite, encapsulation, PA route —
is a modelling choice.

Rules that are the same for every endpoint of a network are built once per network (the
network's *template*); per-endpoint rules (port mappings, SNAT source, encapsulation to
remote endpoints) are derived from the endpoint's HNS policies when asked for, never
stored, so 10,000 endpoints cost no VFP memory.
"""

from dataclasses import dataclass

from . import policies as P
from .drivers import of

LAYER_ORDER = (
    "ACL_ENDPOINT_LAYER",
    "SLB_LB_LAYER",
    "SLB_NAT_LAYER",
    "VNET_MAC_REWRITE_LAYER",
    "VNET_ENCAP_LAYER",
    "VNET_PA_ROUTE_LAYER",
)
LAYER_PRIORITY = {name: 100 * (i + 1) for i, name in enumerate(LAYER_ORDER)}


@dataclass(frozen=True, slots=True, kw_only=True)
class VfpRule:
    name: str
    priority: int
    type: str  # allow, block, nat, dynnat, lb, macrewrite, encap, paroute, forward
    direction: str  # IN, OUT or BOTH
    conditions: tuple = ()  # (("protocol", "6"), ("remote", "10.0.0.0/8"), …)
    action: str = ""
    terminating: bool = False
    policy: object = None  # the HNS policy the rule was made from, if any


@dataclass(frozen=True, slots=True, kw_only=True)
class VfpLayer:
    name: str
    priority: int
    rules: tuple = ()


def default_acl_rules(profile):
    """The default port ACLs: outbound allow all; inbound TCP/UDP/ICMP/IGMP allowed from
    Windows Server 1709 on (deny all before), every other protocol blocked."""
    rules = [VfpRule(name="ALLOW_ALL_OUT", priority=65500, type="allow", direction="OUT", action="allow")]
    name, protocols = (
        ("ALLOW_TCP_UDP_ICMP_IGMP_IN", "1,2,6,17")
        if profile.inbound_default == "allow"
        else ("ALLOW_ICMP_DNS_DHCP_IN", "1")
    )
    rules.append(
        VfpRule(
            name=name,
            priority=65500,
            type="allow",
            direction="IN",
            conditions=(("protocols", protocols),),
            action="allow",
        )
    )
    rules.append(VfpRule(name="BLOCK_ALL_IN", priority=65535, type="block", direction="IN", action="block"))
    return tuple(rules)


def network_template(network, host_mac, profile):
    """Layers whose rules are the same for every local endpoint of ``network``."""
    layers = [
        VfpLayer(
            name="ACL_ENDPOINT_LAYER",
            priority=LAYER_PRIORITY["ACL_ENDPOINT_LAYER"],
            rules=default_acl_rules(profile),
        )
    ]
    drv = of(network)
    if drv.rewrites_mac:
        rules = [
            VfpRule(
                name="MAC_REWRITE_OUT",
                priority=100,
                type="macrewrite",
                direction="OUT",
                action=f"set source MAC to the host MAC {host_mac}",
            ),
            VfpRule(
                name="MAC_REWRITE_IN",
                priority=100,
                type="macrewrite",
                direction="IN",
                action="set destination MAC back to the container MAC",
            ),
        ]
        if drv.hairpins_to_physical_host:
            rules.append(
                VfpRule(
                    name="FORWARD_TO_PHYSICAL_HOST",
                    priority=50,
                    type="forward",
                    direction="BOTH",
                    action="hairpin every packet to the physical Hyper-V host's vSwitch",
                    terminating=True,
                )
            )
        layers.append(
            VfpLayer(
                name="VNET_MAC_REWRITE_LAYER",
                priority=LAYER_PRIORITY["VNET_MAC_REWRITE_LAYER"],
                rules=tuple(rules),
            )
        )
    if drv.encapsulates:
        layers.append(
            VfpLayer(
                name="VNET_PA_ROUTE_LAYER",
                priority=LAYER_PRIORITY["VNET_PA_ROUTE_LAYER"],
                rules=(
                    VfpRule(
                        name="PA_ROUTE",
                        priority=45535,
                        type="paroute",
                        direction="OUT",
                        action=f"route encapsulated packets via provider address {network.management_ip}",
                        terminating=True,
                    ),
                ),
            )
        )
    return tuple(layers)


def _nat_rules(endpoint, host_address):
    rules = []
    for pol in endpoint.policies:
        if isinstance(pol, P.PortMapping):
            rules.append(
                VfpRule(
                    name=f"NAT_{host_address}_{pol.external_port}_{pol.protocol}",
                    priority=100,
                    type="nat",
                    direction="IN",
                    conditions=(("protocol", pol.protocol), ("dst_port", str(pol.external_port))),
                    action=f"DNAT {host_address}:{pol.external_port} -> {endpoint.address}:{pol.internal_port}",
                    terminating=True,
                    policy=pol,
                )
            )
        elif isinstance(pol, P.OutboundNat):
            for i, exc in enumerate(pol.exceptions):
                rules.append(
                    VfpRule(
                        name=f"ALLOW_NAT_EXCEPTION_{exc}",
                        priority=200 + i,
                        type="allow",
                        direction="OUT",
                        conditions=(("remote", str(exc)),),
                        action=f"no SNAT towards {exc}",
                        terminating=True,
                        policy=pol,
                    )
                )
            rules.append(
                VfpRule(
                    name=f"SNAT_OUTBOUNDNAT_{host_address}",
                    priority=1000,
                    type="dynnat",
                    direction="OUT",
                    conditions=(("destination", "outside the network"),),
                    action=f"SNAT to {host_address} (port from the host's pool)",
                    terminating=True,
                    policy=pol,
                )
            )
    return tuple(rules)


def _acl_rules(endpoint):
    return tuple(
        VfpRule(
            name=f"ACL_{p.id or i}",
            priority=p.priority,
            type=p.action.lower(),
            direction="IN" if p.direction.lower() == "in" else "OUT",
            conditions=p.conditions,
            action=p.action.lower(),
            terminating=True,
            policy=p,
        )
        for i, p in enumerate(endpoint.policies)
        if isinstance(p, P.Acl) and p.rule_type.lower() == "switch"
    )


def port_layers(network, endpoint, host_address, remote_endpoints=(), lb_rules=()):
    """All layers of the VFP port of a local ``endpoint`` (template + derived rules)."""
    extra = {
        "ACL_ENDPOINT_LAYER": _acl_rules(endpoint),
        "SLB_NAT_LAYER": _nat_rules(endpoint, host_address),
        "SLB_LB_LAYER": tuple(lb_rules),
        "VNET_ENCAP_LAYER": tuple(
            VfpRule(
                name=f"ENCAP_{r.ip_address}",
                priority=100,
                type="encap",
                direction="OUT",
                conditions=(("destination", str(r.ip_address)),),
                action=f"VXLAN VNI {network.vsid}: CA {r.ip_address} -> PA {r.provider_address}",
                terminating=False,
                policy=next((p for p in r.policies if isinstance(p, P.ProviderAddress)), None),
            )
            for r in remote_endpoints
        ),
    }
    layers = {layer.name: layer for layer in network.vfp_template}
    for name, rules in extra.items():
        if rules:
            base = layers.get(name)
            merged = tuple(sorted((base.rules if base else ()) + rules, key=lambda r: (r.priority, r.name)))
            layers[name] = VfpLayer(name=name, priority=LAYER_PRIORITY[name], rules=merged)
    return [layers[name] for name in LAYER_ORDER if name in layers]
