"""Running a packet through the VFP layers of one switch port.

Outbound packets cross the port's layers top to bottom, inbound packets bottom to top
(``winnetlab.vfp.LAYER_ORDER``).  In each layer the first rule (lowest priority number)
whose direction and conditions match decides; its action changes the packet for real: a
``nat`` rule rewrites the destination of a published port, ``dynnat`` (OutboundNAT) the
source to the host address, ``lb`` picks a backend for a service VIP, ``macrewrite`` swaps
the container MAC for the host's, ``encap`` wraps the packet in VXLAN to the remote
endpoint's provider address, ``block`` drops it.

VFP flows are stateful: a reply skips the ACL rules (it belongs to an allowed flow) and the
NAT layers undo exactly what they did to the first packet.

The unified flow table: real VFP matches a flow's first packet against every layer, compiles
the rules it hit into one entry of the port's unified flow table (UFT) and applies that entry
to the flow's later packets without matching again.  ``compiled(host, ep)`` holds that table
per port: keyed by the packet's headers as it enters the port (a new source port is a new
flow, and misses), holding the rule each layer chose; it is dropped with the port's program
whenever anything changes on the host.  A hit changes nothing a trace shows — the same rules
act and write the same hops — it only skips the matching; ``trace.flow_hits`` names the ports
whose table held the flow.  Simplified: entries never age out (real flows idle out after a
timeout); a port keeps at most ``FLOW_TABLE_SIZE`` flows and starts afresh when full; replies
are not looked up (they follow the flow state the first packet left, as above).
"""

import functools
import ipaddress
import weakref

from ..engine.policies import (
    acl_list,
    acl_prefixes,
    address_listed,
    port_listed,
    protocol_listed,
    protocol_number,
)
from ..engine.swarm import gossip_blocked
from ..i18n import say
from .lookup import uplink_adapter
from .packet import ephemeral_port, flow_number, ip_text
from .trace import VXLAN_PORT, Outer

NAT_LAYERS = ("SLB_NAT_LAYER", "SLB_LB_LAYER")
ACL_LAYER = "ACL_ENDPOINT_LAYER"
ICMP_NAT_REASON = (
    "VFP cannot translate ICMP for NAT'ed outbound traffic on these networks: ping to the outside fails "
    "from overlay and l2bridge containers; probe with TCP or UDP instead"
)


_prefixes = functools.lru_cache(maxsize=4096)(acl_prefixes)
_words = functools.lru_cache(maxsize=4096)(acl_list)


def switch_mac(host, net):
    """The MAC the host uses on a network's vSwitch (its management vNIC, else the NIC)."""
    sw = host.vswitches.get(net.vswitch)
    vnic = host.adapters.get(sw.host_vnic) if sw is not None and sw.host_vnic else None
    return vnic.mac_address if vnic is not None else host.mac_address


def _rank(rule):
    return rule.priority, rule.name


FLOW_TABLE_SIZE = 1 << 14
_COMPILED = weakref.WeakKeyDictionary()  # host -> {endpoint id: CompiledPort}


class CompiledPort:
    """A port's program as the walk uses it: each layer's rules in match order, the flow table."""

    __slots__ = ("layers", "order", "flows")

    def __init__(self, layers):
        self.layers = layers  # the program these were compiled from (host.vfp_layers)
        self.order = {d: _ordered(layers, d) for d in ("OUT", "IN")}
        self.flows = {}  # (direction, headers) -> {layer index: the rule it chose, None: no match}


def _ordered(layers, direction):
    """(layer, its rules for ``direction`` in match order: lowest priority number first)."""
    seq = layers if direction == "OUT" else tuple(reversed(layers))
    return tuple(
        (layer, tuple(sorted((r for r in layer.rules if r.direction in (direction, "BOTH")), key=_rank)))
        for layer in seq
    )


def compiled(host, ep):
    """The compiled VFP port of local endpoint ``ep`` (recompiled when the host's program changed)."""
    layers = host.vfp_layers(ep)
    ports = _COMPILED.get(host)
    if ports is None:
        ports = _COMPILED[host] = {}
    port = ports.get(ep.id)
    if port is None or port.layers is not layers:
        port = ports[ep.id] = CompiledPort(layers)
    return port


class Port:
    """One endpoint's VFP port while a packet crosses it."""

    __slots__ = ("w", "host", "ep", "net", "direction", "is_local", "admitted")

    def __init__(self, w, host, ep, net, direction, is_local=None):
        self.w, self.host, self.ep, self.net = w, host, ep, net
        self.direction = direction
        self.is_local = is_local  # OUT: is_local(ip) -> the address is reached without leaving the host
        self.admitted = None  # IN: the published-port rule that let the packet in

    @property
    def leaving(self):
        return self.direction == "OUT" and not self.is_local(self.w.pkt.dst_ip)

    def run(self):
        """Cross every layer; returns True when a rule hairpinned the packet (l2tunnel)."""
        w = self.w
        reply = w.reply_of is not None
        port = compiled(self.host, self.ep)
        key = None if reply else self._flow_key()
        chosen = port.flows.get(key)
        if chosen is not None:
            w.flow_hits.append((self.host.name, self.ep.name, self.direction))
        elif key is not None:
            if len(port.flows) >= FLOW_TABLE_SIZE:
                port.flows.clear()
            chosen = port.flows[key] = {}  # layer index -> rule, filled as the first packet matches
        hairpin = False
        for i, (layer, rules) in enumerate(port.order[self.direction]):
            if reply and layer.name in NAT_LAYERS:
                self._reverse(layer)
                continue
            if reply and layer.name == ACL_LAYER:
                w.hop(
                    self.host.name,
                    f"VFP {layer.name}",
                    "allow",
                    "reply of a tracked flow (VFP flows are stateful)",
                    "flow table",
                )
                continue
            if layer.name == ACL_LAYER and self.admitted is not None:
                w.hop(
                    self.host.name,
                    f"VFP {layer.name}",
                    "allow",
                    "admitted by the published-port rule of SLB_NAT_LAYER",
                    self.admitted.name,
                )
                continue
            if chosen is not None and i in chosen:
                rule = chosen[i]
            else:  # a first packet (a drop below still leaves the flow compiled, as in VFP)
                rule = self._first_match(rules)
                if chosen is not None:
                    chosen[i] = rule
            if rule is not None:
                act = self.ACTIONS.get(rule.type)
                hairpin = (act(self, layer, rule) if act else self._unknown(layer, rule)) or hairpin
                if hairpin:
                    break
        return hairpin

    def _flow_key(self):
        """The packet as it enters the port: what every rule of every layer can look at."""
        p = self.w.pkt
        return (
            self.direction,
            p.protocol,
            int(p.src_ip),  # an int hashes faster than an IPv4Address and is looked up faster than its text
            p.src_port,
            int(p.dst_ip),
            p.dst_port,
            p.dst_mac,
            p.outer is not None,
        )

    # ------------------------------------------------------------------ matching
    def _first_match(self, rules):
        """The first of a layer's rules (in match order) that matches the packet, or None."""
        for rule in rules:
            if self._matches(rule):
                return rule
        return None

    def _matches(self, rule):
        """Whether ``rule`` (one of this direction's, see ``_ordered``) matches the packet."""
        p = self.w.pkt
        out = self.direction == "OUT"
        remote = p.dst_ip if out else p.src_ip
        local_port = p.src_port if out else p.dst_port
        for key, value in rule.conditions:
            if key == "protocols":
                if not protocol_listed(_words(value), p.protocol):
                    return False
            elif key == "protocol":
                if p.protocol != value.lower():
                    return False
            elif key == "dst_port":
                if p.dst_port is None or str(p.dst_port) != value:
                    return False
            elif key == "remote":
                if not address_listed(_prefixes(value), remote):
                    return False
            elif key == "local_ports":
                if not port_listed(_words(value), local_port):
                    return False
            elif key == "local_addresses":
                if not address_listed(_prefixes(value), p.src_ip if out else p.dst_ip):
                    return False
            elif key == "remote_ports":
                if not port_listed(_words(value), p.dst_port if out else p.src_port):
                    return False
            elif key == "destination":
                if value == "outside the network":
                    if not self.leaving or any(p.dst_ip in s.prefix for s in self.net.subnets):
                        return False
                elif ip_text(p.dst_ip) != value:
                    return False
            elif key == "vip":
                if ip_text(p.dst_ip) not in _words(value):
                    return False
            else:
                return False
        return self._applies(rule)

    def _applies(self, rule):
        p = self.w.pkt
        if rule.type == "macrewrite":
            return self.leaving if self.direction == "OUT" else p.dst_mac != self.ep.mac_address
        if rule.type == "nat":
            return p.dst_ip == self.host.address
        if rule.type == "lb":
            lb = rule.policy
            return (
                lb.external_port in (0, p.dst_port)
                and p.protocol != "icmp"
                and lb.protocol in (0, protocol_number(p.protocol))
            )
        if rule.type == "paroute":
            return p.outer is not None
        return True

    # ------------------------------------------------------------------ actions
    def _hop(self, layer, action, detail, rule):
        self.w.hop(self.host.name, f"VFP {layer.name}", action, detail, rule.name)

    def _allow(self, layer, rule):
        if layer.name == "SLB_NAT_LAYER":
            self._hop(layer, "no NAT", f"{rule.action}: the source address is kept", rule)
        else:
            self._hop(layer, "allow", f"{self.w.pkt.protocol.upper()} allowed by {rule.name}", rule)

    def _block(self, layer, rule):
        what = rule.policy.describe() if rule.policy is not None else rule.name
        if rule.policy is None and rule.name == "BLOCK_ALL_IN":
            reason = say(
                "VFP blocked unsolicited inbound {protocol} to {container}: {windows} denies inbound "
                "traffic by default (rule BLOCK_ALL_IN) and no rule allows it",
                protocol=self.w.pkt.protocol.upper(),
                container=self.ep.container,
                windows=self.host.profile.title,
            )
        else:
            reason = say(
                "the ACL policy '{acl}' on {container}'s endpoint blocked the packet",
                acl=what,
                container=self.ep.container,
            )
        self.w.drop(self.host.name, f"VFP {layer.name}", say("blocked: {acl}", acl=what), reason, rule.name)

    def _nat(self, layer, rule):
        p = self.w.pkt
        before = p.four_tuple
        p.dst_ip, p.dst_port = self.ep.address, rule.policy.internal_port
        p.dst_mac = self.ep.mac_address
        self.w.record(self.host.name, layer.name, before, self.ep)
        self.admitted = rule
        self._hop(
            layer, "DNAT", f"published port {self.host.address}:{before[3]} -> {p.dst_ip}:{p.dst_port}", rule
        )

    def _dynnat(self, layer, rule):
        p = self.w.pkt
        if p.protocol == "icmp":
            self.w.drop(
                self.host.name,
                f"VFP {layer.name}",
                say("OutboundNAT cannot translate ICMP"),
                say(ICMP_NAT_REASON),
                rule.name,
            )
        before = p.four_tuple
        p.src_ip = self.host.address
        p.src_port = ephemeral_port("vfp", self.host.name, *before)
        phys, vnic = uplink_adapter(self.host)
        if vnic is not None or phys is not None:  # SNAT to the host: the frame leaves as the host's
            p.src_mac = (vnic or phys).mac_address
        self.w.record(self.host.name, layer.name, before, self.ep)
        self._hop(
            layer,
            "SNAT",
            f"OutboundNAT: {ip_text(before[0])}:{before[1]} -> {ip_text(p.src_ip)}:{p.src_port}",
            rule,
        )

    def _lb(self, layer, rule):
        p = self.w.pkt
        backends = self._backends(rule)
        if not backends:
            self.w.drop(
                self.host.name,
                f"VFP {layer.name}",
                say("no backend behind {ip}", ip=p.dst_ip),
                say("the service VIP {ip} has no running backend", ip=p.dst_ip),
                rule.name,
            )
        before = p.four_tuple
        pick = backends[flow_number(*before, p.protocol, modulo=len(backends))]
        p.dst_ip, p.dst_port = pick, rule.policy.internal_port or p.dst_port
        self.w.record(self.host.name, layer.name, before, self.ep)
        self._hop(
            layer,
            "load-balance",
            f"VIP {before[2]}:{before[3]} -> backend {pick}:{p.dst_port} "
            f"(1 of {len(backends)}: {', '.join(map(str, backends))})",
            rule,
        )

    def _backends(self, rule):
        eps = self.host.endpoints
        for pl in self.host.policy_lists:
            if rule.policy in pl.policies:
                return sorted(
                    {eps[e].address for e in pl.references if e in eps and eps[e].address is not None},
                    key=int,
                )
        return []

    def _macrewrite(self, layer, rule):
        p = self.w.pkt
        if self.direction == "OUT":
            old, p.src_mac = p.src_mac, switch_mac(self.host, self.net)
            self._hop(layer, "rewrite MAC", f"source MAC {old} -> host MAC {p.src_mac}", rule)
        else:
            old, p.dst_mac = p.dst_mac, self.ep.mac_address
            self._hop(layer, "rewrite MAC", f"destination MAC {old} -> container MAC {p.dst_mac}", rule)

    def _encap(self, layer, rule):
        p = self.w.pkt
        remote = next(
            (
                self.host.endpoints[e]
                for e in self.net.endpoint_ids
                if self.host.endpoints[e].remote and self.host.endpoints[e].ip_address == p.dst_ip
            ),
            None,
        )
        pa = remote.provider_address if remote is not None else ipaddress.IPv4Address(rule.policy.pa)
        peer = next((h for h in self.w.lab.hosts.values() if h.address == pa), None)
        blocked = gossip_blocked(self.w.lab, self.host, peer) if peer is not None else ""
        if blocked:
            self.w.drop(
                self.host.name,
                f"VFP {layer.name}",
                say("no remote endpoint for {ip}", ip=ip_text(p.dst_ip)),
                say(
                    "{host} never learned where {ip} lives: swarm gossip with {peer} (7946/tcp+udp) is "
                    "blocked — {why}",
                    host=self.host.name,
                    ip=ip_text(p.dst_ip),
                    peer=peer.name,
                    why=blocked,
                ),
            )
        if remote is not None:
            p.dst_mac = remote.mac_address
        p.outer = Outer(
            switch_mac(self.host, self.net),
            peer.mac_address if peer else "",
            ip_text(self.host.address),
            ip_text(pa),
            ephemeral_port("vxlan", *p.four_tuple, p.protocol),
            VXLAN_PORT,
            self.net.vsid or 0,
        )
        o = p.outer
        self._hop(
            layer,
            "encap",
            f"VXLAN VNI {o.vni}: CA {ip_text(p.dst_ip)} lives at PA {o.dst_ip}; outer "
            f"{o.src_ip} -> {o.dst_ip} UDP {VXLAN_PORT}",
            rule,
        )

    def _paroute(self, layer, rule):
        self._hop(layer, "route", rule.action, rule)

    def _forward(self, layer, rule):
        p = self.w.pkt
        if self.direction == "OUT":
            p.src_mac = switch_mac(self.host, self.net)
            self._hop(layer, "hairpin", f"{rule.action} (source MAC -> {p.src_mac})", rule)
            return True
        p.dst_mac = self.ep.mac_address
        self._hop(
            layer, "accept", f"back from the physical Hyper-V host; destination MAC -> {p.dst_mac}", rule
        )
        return False

    def _unknown(self, layer, rule):
        self._hop(layer, rule.type, rule.action or rule.name, rule)

    ACTIONS = {  # a rule's type -> what it does to the packet
        "allow": _allow,
        "block": _block,
        "nat": _nat,
        "dynnat": _dynnat,
        "lb": _lb,
        "macrewrite": _macrewrite,
        "encap": _encap,
        "paroute": _paroute,
        "forward": _forward,
    }

    def _reverse(self, layer):
        t = self.w.reverse(self.host.name, layer.name, self.ep)
        if t is not None:
            p = self.w.pkt
            self.w.hop(
                self.host.name,
                f"VFP {layer.name}",
                "un-NAT",
                f"flow state: reply rewritten to {p.src_ip}:{p.src_port} -> {p.dst_ip}:{p.dst_port}",
                "flow table",
            )
