"""HNS policies: the small typed objects HNS attaches to networks, endpoints and policy lists.

Each policy knows its HNS v1 shape (flat: ``{"Type": "NAT", "InternalPort": 80, …}``), its
HCN v2 shape (``{"Type": "PortMapping", "Settings": {…}}``) and a one-line readable form.
Policies are immutable, so one object can be shared by every endpoint of a network (the
OutBoundNAT policy of an l2bridge network, the PA policy of an overlay host…).
"""

from dataclasses import dataclass

PROTOCOL_NUMBERS = {"TCP": 6, "UDP": 17, "ICMP": 1, "ANY": 0}  # IANA numbers, as HNS writes them
PROTOCOL_NAMES = {n: name for name, n in PROTOCOL_NUMBERS.items()}


def protocol_number(name):
    """6 for "tcp"/"TCP" (any case); the number HNS and VFP use."""
    return PROTOCOL_NUMBERS[name.upper()]


def lb_protocol_text(number):
    """A load-balancer policy's protocol as words: 0 means both TCP and UDP."""
    return "TCP+UDP" if number == 0 else PROTOCOL_NAMES.get(number, str(number))


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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

    def matches(self, protocol, remote_ip, local_port):
        """True when this rule applies to a packet (used by the packet walk)."""
        import ipaddress

        if (
            self.protocols
            and self.protocols not in ("", "0")
            and str(PROTOCOL_NUMBERS.get(protocol.upper(), protocol)) not in self.protocols.split(",")
        ):
            return False
        if self.remote_addresses and remote_ip is not None:
            if not any(
                ipaddress.ip_address(remote_ip) in ipaddress.ip_network(p.strip(), strict=False)
                for p in self.remote_addresses.split(",")
            ):
                return False
        if self.local_ports and local_port is not None:
            if str(local_port) not in [p.strip() for p in self.local_ports.split(",")]:
                return False
        return True


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class L2Driver:
    v1_type = "L2Driver"
    v2_type = "L2Driver"

    def v1(self):
        return {"Type": "L2Driver"}

    def v2(self):
        return {"Type": "L2Driver", "Settings": {}}

    def describe(self):
        return "remote endpoint reached by MAC rewrite"


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
