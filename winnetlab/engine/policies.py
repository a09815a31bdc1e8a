"""HNS policies: the small typed objects HNS attaches to networks, endpoints and policy lists.

Each policy knows its HNS v1 shape (flat: ``{"Type": "NAT", "InternalPort": 80, …}``), its
HCN v2 shape (``{"Type": "PortMapping", "Settings": {…}}``) and a one-line readable form.
Policies are immutable, so one object can be shared by every endpoint of a network (the
OutBoundNAT policy of an l2bridge network, the PA policy of an overlay host…).
"""

import ipaddress
from dataclasses import dataclass

PROTOCOL_NUMBERS = {"TCP": 6, "UDP": 17, "ICMP": 1, "ANY": 0}  # IANA numbers, as HNS writes them
PROTOCOL_NAMES = {n: name for name, n in PROTOCOL_NUMBERS.items()}


def protocol_number(name):
    """6 for "tcp"/"TCP" (any case); the number HNS and VFP use."""
    return PROTOCOL_NUMBERS[name.upper()]


def lb_protocol_text(number):
    """A load-balancer policy's protocol as words: 0 means both TCP and UDP."""
    return "TCP+UDP" if number == 0 else PROTOCOL_NAMES.get(number, str(number))


@dataclass(frozen=True, slots=True, kw_only=True)
class PortMapping:
    """Published port: v1 ``NAT``, v2 ``PortMapping``; WinNAT on nat, VFP elsewhere."""

    protocol: str
    internal_port: int
    external_port: int
    v1_type = "NAT"
    v2_type = "PortMapping"

    def v1(self):
        return {
            "Type": "NAT",
            "Protocol": self.protocol,
            "InternalPort": self.internal_port,
            "ExternalPort": self.external_port,
            "ExternalPortReserved": True,
        }

    def v2(self):
        return {
            "Type": "PortMapping",
            "Settings": {
                "Protocol": PROTOCOL_NUMBERS[self.protocol],
                "InternalPort": self.internal_port,
                "ExternalPort": self.external_port,
                "Flags": 4,
            },
        }

    def describe(self):
        return f"{self.protocol} 0.0.0.0:{self.external_port} -> :{self.internal_port}"


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboundNat:
    """SNAT to the host address for traffic leaving the host, except to ``exceptions``."""

    exceptions: tuple = ()
    vip: str = ""
    v1_type = "OutBoundNAT"
    v2_type = "OutBoundNAT"

    def v1(self):
        d = {"Type": "OutBoundNAT"}
        if self.vip:
            d["VIP"] = self.vip
        if self.exceptions:
            d["ExceptionList"] = [str(e) for e in self.exceptions]
        return d

    def v2(self):
        s = {}
        if self.vip:
            s["VirtualIP"] = self.vip
        if self.exceptions:
            s["Exceptions"] = [str(e) for e in self.exceptions]
        return {"Type": "OutBoundNAT", "Settings": s}

    def describe(self):
        ex = ", ".join(str(e) for e in self.exceptions)
        return "SNAT to host IP" + (f" except {ex}" if ex else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Vlan:
    vlan: int
    v1_type = "VLAN"
    v2_type = "VLAN"

    def v1(self):
        return {"Type": "VLAN", "VLAN": self.vlan}

    def v2(self):
        return {"Type": "VLAN", "Settings": {"IsolationId": self.vlan}}

    def describe(self):
        return f"VLAN {self.vlan} (access mode)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Vsid:
    vsid: int
    v1_type = "VSID"
    v2_type = "VSID"

    def v1(self):
        return {"Type": "VSID", "VSID": self.vsid}

    def v2(self):
        return {"Type": "VSID", "Settings": {"IsolationId": self.vsid}}

    def describe(self):
        return f"VSID {self.vsid}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderAddress:
    """Overlay: the provider address (VTEP) of the host where the endpoint lives."""

    pa: str
    v1_type = "PA"
    v2_type = "ProviderAddress"

    def v1(self):
        return {"Type": "PA", "PA": self.pa}

    def v2(self):
        return {"Type": "ProviderAddress", "Settings": {"ProviderAddress": self.pa}}

    def describe(self):
        return f"PA {self.pa}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Route:
    """v1 ``ROUTE`` / v2 ``SDNRoute``: send a prefix via a next hop, optionally encapsulated to the host."""

    destination: str
    next_hop: str = ""
    need_encap: bool = False
    v1_type = "ROUTE"
    v2_type = "SDNRoute"

    def v1(self):
        d = {"Type": "ROUTE", "DestinationPrefix": self.destination, "NeedEncap": self.need_encap}
        if self.next_hop:
            d["NextHop"] = self.next_hop
        return d

    def v2(self):
        s = {"DestinationPrefix": self.destination, "NeedEncap": self.need_encap}
        if self.next_hop:
            s["NextHop"] = self.next_hop
        return {"Type": "SDNRoute", "Settings": s}

    def describe(self):
        via = f" via {self.next_hop}" if self.next_hop else ""
        return f"{self.destination}{via}" + (" (encap to host)" if self.need_encap else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Acl:
    """An ACL rule; ``rule_type`` Switch is enforced by VFP, Host by Windows Firewall (WFP)."""

    action: str = "Allow"
    direction: str = "In"
    priority: int = 0
    protocols: str = ""
    local_ports: str = ""
    remote_addresses: str = ""
    remote_ports: str = ""
    local_addresses: str = ""
    rule_type: str = "Switch"
    id: str = ""
    v1_type = "ACL"
    v2_type = "ACL"

    def _fields(self):
        d = {"Action": self.action, "Direction": self.direction}
        for key, val in (
            ("Protocols", self.protocols),
            ("LocalAddresses", self.local_addresses),
            ("RemoteAddresses", self.remote_addresses),
            ("LocalPorts", self.local_ports),
            ("RemotePorts", self.remote_ports),
        ):
            if val:
                d[key] = val
        d["RuleType"] = self.rule_type
        d["Priority"] = self.priority
        if self.id:
            d["Id"] = self.id
        return d

    def v1(self):
        return {"Type": "ACL", **self._fields()}

    def v2(self):
        return {"Type": "ACL", "Settings": self._fields()}

    def describe(self):
        what = []
        if self.protocols:
            what.append("proto " + _protocol_words(self.protocols))
        if self.remote_addresses:
            what.append("remote " + self.remote_addresses)
        if self.local_ports:
            what.append("port " + self.local_ports)
        return f"{self.action} {self.direction} " + (" ".join(what) or "all") + f" (priority {self.priority})"

    @property
    def conditions(self):
        """The rule's conditions as VFP lists them (``vfpctrl /list-rule``): set fields only."""
        return tuple(
            (key, value)
            for key, value in (
                ("protocols", self.protocols),
                ("remote", self.remote_addresses),
                ("local_ports", self.local_ports),
                ("local_addresses", self.local_addresses),
                ("remote_ports", self.remote_ports),
            )
            if value
        )

    def matches(self, protocol, *, local_ip, local_port, remote_ip, remote_port):
        """True when this rule applies to a packet, seen from the endpoint.

        The one home for what an HNS ACL's fields mean: the Host ACL check (WFP) and the
        packet walk's VFP layers both match with ``protocol_listed``, ``port_listed`` and
        ``address_listed``.  Each field is a comma list; an empty field is no condition.

        - Protocols: IANA numbers.  "256" is any protocol — Windows Firewall's
          ``NET_FW_IP_PROTOCOL_ANY`` (icftypes.h), and what Calico's Windows CNI writes for its
          default deny-all HNS ACL (``Protocols: "256"``, RuleType Switch, Priority 65500).
          "0" means the same: hcsshim's v1 ``ACLPolicy`` has ``Protocol uint16`` with
          ``omitempty``, so a 0 is never sent and HNS sees no protocol condition (reading a
          literal "0" that way is inferred).
        - LocalPorts/RemotePorts: numbers or ranges ("8000-8080").  Only TCP and UDP headers
          carry ports, so a port-less packet (ICMP) never matches a rule that lists ports;
          Windows Firewall takes ports only once a rule's Protocol is set
          (``INetFwRule::put_LocalPorts``).  That WFP and VFP both skip such a rule for
          ICMP is inferred from that, not documented.
        - LocalAddresses/RemoteAddresses: addresses or prefixes.
        """
        return (
            protocol_listed(acl_list(self.protocols), protocol)
            and address_listed(acl_prefixes(self.local_addresses), local_ip)
            and address_listed(acl_prefixes(self.remote_addresses), remote_ip)
            and port_listed(acl_list(self.local_ports), local_port)
            and port_listed(acl_list(self.remote_ports), remote_port)
        )


# ---------------------------------------------------------------------------- ACL matching
ANY_PROTOCOL = frozenset({"0", "256"})


def acl_list(text):
    """The entries of a comma list field (``"6, 17"`` -> {"6", "17"})."""
    return frozenset(p.strip() for p in text.split(",") if p.strip())


def acl_prefixes(text):
    """The prefixes of an address field (a bare address is a /32)."""
    return tuple(ipaddress.ip_network(p, strict=False) for p in acl_list(text))


def protocol_listed(listed, protocol):
    """Whether a packet of ``protocol`` ("tcp", "udp", "icmp" or a number) matches ``listed``."""
    if not listed or not listed.isdisjoint(ANY_PROTOCOL):
        return True
    return str(PROTOCOL_NUMBERS.get(str(protocol).upper(), protocol)) in listed


def port_listed(listed, port):
    """Whether ``port`` (None for a port-less packet) matches a ports field's entries."""
    if not listed:
        return True
    if port is None:
        return False
    if str(port) in listed:
        return True
    return any(
        lo.isdigit() and hi.isdigit() and int(lo) <= port <= int(hi)
        for lo, sep, hi in (e.partition("-") for e in listed)
        if sep
    )


def address_listed(prefixes, ip):
    """Whether address ``ip`` lies in one of ``prefixes`` (none listed: any address)."""
    if not prefixes:
        return True
    if ip is None:
        return False
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip)
    return any(ip in n for n in prefixes)


@dataclass(frozen=True, slots=True, kw_only=True)
class Qos:
    maximum_outgoing_bandwidth: int
    v1_type = "QOS"
    v2_type = "QOS"

    def v1(self):
        return {"Type": "QOS", "MaximumOutgoingBandwidthInBytes": self.maximum_outgoing_bandwidth}

    def v2(self):
        return {
            "Type": "QOS",
            "Settings": {"MaximumOutgoingBandwidthInBytes": self.maximum_outgoing_bandwidth},
        }

    def describe(self):
        return f"egress cap {self.maximum_outgoing_bandwidth} B/s"


@dataclass(frozen=True, slots=True, kw_only=True)
class L2Driver:
    v1_type = "L2Driver"
    v2_type = "L2Driver"

    def v1(self):
        return {"Type": "L2Driver"}

    def v2(self):
        return {"Type": "L2Driver", "Settings": {}}

    def describe(self):
        return "remote endpoint reached by MAC rewrite"


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadBalancer:
    """A policy-list ELB policy: ``ILB`` for a service VIP, plain ELB for an ingress port."""

    protocol: int
    internal_port: int
    external_port: int
    source_vip: str = ""
    vips: tuple = ()
    ilb: bool = False
    dsr: bool = False
    v1_type = "ELB"
    v2_type = "LoadBalancer"

    def v1(self):
        d = {
            "Type": "ELB",
            "Protocol": self.protocol,
            "InternalPort": self.internal_port,
            "ExternalPort": self.external_port,
        }
        if self.source_vip:
            d["SourceVIP"] = self.source_vip
        if self.vips:
            d["VIPs"] = list(self.vips)
        d["ILB"] = self.ilb
        if self.dsr:
            d["IsDSR"] = True
        return d

    def v2(self):
        return {
            "Type": "LoadBalancer",
            "Settings": {
                "SourceVIP": self.source_vip,
                "FrontendVIPs": list(self.vips),
                "PortMappings": [
                    {
                        "Protocol": self.protocol,
                        "InternalPort": self.internal_port,
                        "ExternalPort": self.external_port,
                        "Flags": 1 if self.ilb else 0,
                    }
                ],
            },
        }

    def describe(self):
        proto = lb_protocol_text(self.protocol)
        front = ",".join(self.vips) if self.vips else "every host address"
        kind = "ILB" if self.ilb else "ELB"
        return f"{kind} {proto} {front}:{self.external_port} -> backends:{self.internal_port}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Unknown:
    """A policy read from a real dump that the simulator does not model; kept verbatim."""

    type: str
    raw: tuple = ()
    v1_type = ""
    v2_type = ""

    def v1(self):
        return {"Type": self.type, **dict(self.raw)}

    def v2(self):
        return {"Type": self.type, "Settings": dict(self.raw)}

    def describe(self):
        return ", ".join(f"{k}={v}" for k, v in self.raw) or self.type


def policy_type(policy):
    """The HNS v1 type name (``Unknown`` policies keep their own)."""
    return policy.type if isinstance(policy, Unknown) else policy.v1_type


def _protocol_words(protocols):
    """An ACL's Protocols ("6") as a name ("TCP"); a list or another number stays as it is."""
    return {str(n): name for n, name in PROTOCOL_NAMES.items() if n}.get(protocols, protocols)
