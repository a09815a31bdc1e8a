"""Turn records read from real HNS dumps into a Lab whose hosts hold them.

An imported host knows only what its sources say.  It is an engine Host with nothing
simulated left in it — no LAN address, NIC, MAC, router, ``none`` network or Docker
start-up — into which the dump's networks, endpoints, policy lists and namespaces are
inserted as they are (no Docker validation: real hosts hold states Docker would refuse).
Its address comes from a network's ``ManagementIP``, a ProviderAddress network policy or
a local endpoint's PA policy; otherwise it is unknown (``host.address is None``).

What the dump implies but does not hold is *inferred* and marked so in
``host.inferred`` (shown in tables and pictures) with the reason in ``lab.notes``: the
Hyper-V switch behind each network (an Internal switch for NAT/ICS/Internal, a Private
one for Private, an External one per adapter otherwise), a network that endpoints name
but the dump lacks.  Docker's view is derived only when a Docker daemon log is among the
sources (then as the daemon does at start-up, reference §3.6); a dump without Docker in it
gets no Docker networks.

Several sources are one host or several (:mod:`.machines`): ``load_hns(a, b, c)`` links
files by the objects' own references, then by ``ManagementIP``; ``merge=True`` forces one.

Real data is messy, so every field is converted on its own: a bad value becomes a
plain-language warning and an empty field, never a failed import.  Fields the model does
not use are kept in each object's ``extra`` (and written back by ``dump_hns``).  A value
PowerShell did not print (``System.Object[]``) stays as written and counts as unknown.

Simplifications: containers are not reconstructed (dumps name endpoints, not containers);
the host's physical adapter, its MAC and the LAN are never guessed.
"""

from __future__ import annotations

import gc
import ipaddress
import re
from typing import TYPE_CHECKING, Any

from ..engine import policies as P
from ..engine.addressing import MacPool, format_mac, parse_mac
from ..engine.drivers import of
from ..engine.drivers.base import SHIM
from ..engine.errors import WinNetLabError
from ..engine.hns import HNS_TYPES, Endpoint, Namespace, Network, PolicyList, Subnet
from ..engine.hyperv import Adapter, VSwitch, vnic_name
from ..engine.ids import derived_hex64, plain_guid
from .formatlist import is_elided
from .machines import host_address, machines
from .reader import content_guid, get_field, read

if TYPE_CHECKING:
    from ..engine.lab import Lab

NOT_ADOPTED = {"internal", "private", "mirrored"}
INTERNAL_SWITCH_TYPES = {"nat", "ics", "internal", "constrainedics"}
MAX_MAC_POOL = 1 << 20
SUBNET_FIELDS = {"addressprefix", "ipaddressprefix", "gatewayaddress", "policies", "id", "routes"}
PLACEHOLDER = re.compile(r"^<[^<>]{1,80}>$")  # "<your service cidr>" in a CNI config


def load_hns(*sources: Any, windows: str | None = None, seed: int = 0, merge: bool = False) -> Lab:
    """A Lab with one host per machine holding every HNS object found in ``sources``.

    ``sources``: paths, folders, text, bytes or parsed JSON (see :mod:`.reader`).
    ``windows``: the profile of the hosts; by default it is dated from the objects'
    ``Version`` fields.  ``merge=True`` puts everything on one host.  ``lab.warnings``
    lists what may be wrong or missing, ``lab.notes`` what was repaired or inferred.
    """
    gc_was_on = gc.isenabled()
    gc.disable()  # reading builds millions of small acyclic objects: no cycles to collect
    try:
        return _load(sources, windows, seed, merge)
    finally:
        if gc_was_on:
            gc.enable()


def _load(sources, windows, seed, merge):
    from ..engine.lab import Lab

    reading = read(*sources)
    profile = windows or _profile_from_versions(reading.records)
    lab = Lab(seed=seed, windows=profile, hosts=0, nat_prefix="none")
    lab.imported = True
    lab.warnings.extend(reading.warnings)
    lab.notes.extend(reading.notes)
    groups = [reading.records] if merge or not reading.records else machines(reading)
    if len(groups) > 1:
        lab.notes.append(
            f"the sources come from {len(groups)} machines (nothing links them: no shared object, "
            "reference or management IP); each is its own host (merge=True puts them on one)"
        )
    for records in groups:
        host = _blank_host(lab, host_address(records))
        parts = {r.part for r in records}
        host.complete_kinds = frozenset(kind for part, kind in reading.complete if part in parts)
        Importer(host, lab).run(records)
    if windows is None and _versions(reading.records):
        major, minor = max(_versions(reading.records))
        lab.notes.append(
            f"the objects were written by HNS {major}.{minor}; read with the "
            f"{lab.profile.name} profile ({lab.profile.title})"
        )
    return lab


def _blank_host(lab, address):
    """A host holding nothing the sources do not say: the LAN address, NIC, MAC, router,
    ``none`` network and Docker start-up that ``Lab.add_host`` gives a simulated host are
    taken away, and the address is the one the dump holds, or None."""
    host = lab.add_host()
    host.clear_for_import(address)
    return host


def _versions(records):
    out = set()
    for r in records:
        v = get_field(r.data, "Version")
        n = _int_or_none(v)
        if n is not None and 0 < n < 1 << 48:
            out.add((n >> 32, n & 0xFFFFFFFF))
    return out


def _profile_from_versions(records):
    versions = _versions(records)
    if not versions:
        return "ltsc2022"
    major = max(versions)[0]
    return "ltsc2016" if major < 7 else "ltsc2019" if major < 13 else "ltsc2022" if major < 15 else "ltsc2025"


def _int_or_none(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip(), 0) if value.strip() else None
        except ValueError:
            return None
    return None


class Importer:
    """Converts the records of one host into its objects.

    ``lab.warnings`` gets what may be wrong or missing, ``lab.notes`` what was inferred or
    is plain information.  Problems inside a record that is cut off are notes: the cut
    itself is the one warning about it.
    """

    def __init__(self, host, lab):
        self.host = host
        self.warnings = lab.warnings
        self.notes = lab.notes
        self.subject = ""
        self.cut = False  # the record being read is cut off
        self.switches = {}  # adapter name -> external switch name
        self.subnet_fields = {}  # unknown subnet fields of the network being read
        self.placeholders = {}  # "<your service cidr>" -> where it was found
        self.elided = []  # fields PowerShell did not print
        self.inferences = {}  # (source, kind, reason) -> names inferred for that reason

    # ------------------------------------------------------------ conversions with warnings
    def warn(self, text):
        (self.notes if self.cut else self.warnings).append(
            f"{self.subject}: {text}" if self.subject else text
        )

    def note(self, text):
        self.notes.append(f"{self.subject}: {text}" if self.subject else text)

    def infer(self, kind, name, reason):
        """Mark an object the dump implies but does not hold; the notes say why, one note
        per reason (see :meth:`report`)."""
        self.host.inferred[(kind, name)] = reason
        self.inferences.setdefault((self.subject.split(": ")[0], kind, reason), []).append(name)

    def text(self, data, *names):
        value = get_field(data, *names)
        if value is None or isinstance(value, (dict, list)):
            return ""
        return str(value).strip()

    def integer(self, data, *names, default=None):
        value = get_field(data, *names)
        if value is None or value == "":
            return default
        n = _int_or_none(value)
        if n is None:
            self.warn(f"{names[0]} {value!r} is not a number; ignored")
            return default
        return n

    def boolean(self, data, *names):
        value = get_field(data, *names)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value) if isinstance(value, (bool, int)) else False

    def ip(self, value, what):
        if value is None or value == "" or isinstance(value, (dict, list)) or self.unknown(value, what):
            return None
        try:
            addr = ipaddress.ip_address(str(value).strip())
        except ValueError:
            self.warn(f"{what} {value!r} is not an IP address; left empty")
            return None
        if addr.version != 4:
            self.note(f"{what} {addr} is IPv6, which the lab does not model; left empty")
            return None
        return addr

    def prefix(self, value, what):
        if value is None or value == "" or isinstance(value, (dict, list)) or self.unknown(value, what):
            return None
        try:
            net = ipaddress.ip_network(str(value).strip(), strict=False)
        except ValueError:
            self.warn(f"{what} {value!r} is not an address prefix; skipped")
            return None
        if net.version != 4:
            self.note(f"{what} {net} is IPv6, which the lab does not model; skipped")
            return None
        return net

    def mac(self, value):
        if not value or isinstance(value, (dict, list)):
            return ""
        try:
            return format_mac(parse_mac(value))
        except WinNetLabError:
            self.warn(f"MAC address {value!r} is not a MAC; kept as written")
            return str(value)

    def unknown(self, value, what):
        """True for a value the dump does not really hold: elided by PowerShell, or a
        placeholder such as ``<your service cidr>`` left in a CNI config (collected and
        reported once, see :meth:`report`)."""
        if is_elided(value):
            self.elided.append(f"{self.subject}: {what}")
            return True
        if isinstance(value, str) and PLACEHOLDER.match(value.strip()):
            self.placeholders.setdefault((self.subject, value.strip()), []).append(what)
            return True
        return False

    def items(self, data, *names, what=None):
        value = get_field(data, *names)
        if value is None or value == "" or self.unknown(value, what or names[0]):
            return []
        if isinstance(value, dict):
            return [value]
        if not isinstance(value, list):
            self.warn(f"{names[0]} is {value!r}, not a list; ignored")
            return []
        return value

    def record_id(self, record, kind):
        rid = record.id
        if isinstance(rid, str) and rid.strip():
            return rid.strip()
        if rid not in (None, ""):
            return str(rid)
        made = content_guid(record.data)
        self.note(f"the {kind} has no ID (a create request?); it was given {made}")
        return made

    def extra(self, data, used, record):
        keep = {k: v for k, v in data.items() if isinstance(k, str) and k.lower() not in used}
        keep.update({"source": record.origin, "schema": record.schema, "format": record.fmt})
        if record.truncated:
            keep["truncated"] = True
        return keep

    # ------------------------------------------------------------ policies
    def policies(self, data, *names, what=None):
        out = []
        for raw in self.items(data, *names, what=what):
            policy = self.policy(raw)
            if policy is not None:
                out.append(policy)
        return tuple(out)

    def policy(self, raw):
        """One v1 (flat) or v2 (``{Type, Settings}``) policy; unmodelled ones kept verbatim."""
        if self.unknown(raw, "a policy"):
            return P.Unknown(type=str(raw).strip())
        if not isinstance(raw, dict):
            self.warn(f"policy {raw!r} is not an object; skipped")
            return None
        ptype = self.text(raw, "Type")
        settings = get_field(raw, "Settings")
        fields = (
            dict(settings)
            if isinstance(settings, dict)
            else {k: v for k, v in raw.items() if str(k).lower() != "type"}
        )
        if not ptype:
            self.warn("a policy has no Type (cut off?); kept as 'Unknown'")
            return P.Unknown(type="Unknown", raw=tuple(fields.items()))
        hidden = [
            k
            for k, v in fields.items()
            for x in (v if isinstance(v, list) else [v])
            if self.unknown(x, f"{ptype} {k}") and is_elided(x)
        ]
        try:
            typed = None if hidden else self._typed_policy(ptype.lower(), fields)
        except (TypeError, ValueError):
            typed = None
        if typed is None or ptype not in (typed.v1_type, typed.v2_type):
            return P.Unknown(type=ptype, raw=tuple(fields.items()))  # kept as written
        return typed

    def _typed_policy(self, ptype, f):
        keys = {k.lower() for k in f}
        g = lambda *n: get_field(f, *n)
        if ptype in ("nat", "portmapping") and keys <= {
            "protocol",
            "internalport",
            "externalport",
            "externalportreserved",
            "flags",
        }:
            proto = g("Protocol")
            proto = (
                P.PROTOCOL_NAMES.get(_int_or_none(proto), str(proto).upper())
                if _int_or_none(proto) is not None
                else str(proto or "TCP").upper()
            )
            return P.PortMapping(
                protocol=proto, internal_port=_port(g("InternalPort")), external_port=_port(g("ExternalPort"))
            )
        if ptype == "outboundnat" and keys <= {"exceptionlist", "exceptions", "vip", "virtualip"}:
            ex = g("ExceptionList", "Exceptions") or []
            return P.OutboundNat(
                exceptions=tuple(str(e) for e in ex) if isinstance(ex, list) else (str(ex),),
                vip=str(g("VIP", "VirtualIP") or ""),
            )
        if ptype == "vlan" and keys <= {"vlan", "isolationid"}:
            return P.Vlan(vlan=int(g("VLAN", "IsolationId")))
        if ptype == "vsid" and keys <= {"vsid", "isolationid"}:
            return P.Vsid(vsid=int(g("VSID", "IsolationId")))
        if ptype in ("pa", "provideraddress") and keys <= {"pa", "provideraddress"}:
            return P.ProviderAddress(pa=str(g("PA", "ProviderAddress")))
        if ptype in ("route", "sdnroute") and keys <= {"destinationprefix", "nexthop", "needencap"}:
            return P.Route(
                destination=str(g("DestinationPrefix")),
                next_hop=str(g("NextHop") or ""),
                need_encap=str(g("NeedEncap")).lower() == "true",
            )
        if ptype == "acl" and keys <= {
            "action",
            "direction",
            "priority",
            "protocols",
            "protocol",
            "localports",
            "localport",
            "remoteaddresses",
            "remoteports",
            "remoteport",
            "localaddresses",
            "ruletype",
            "id",
        }:
            return P.Acl(
                action=str(g("Action") or "Allow"),
                direction=str(g("Direction") or "In"),
                priority=int(g("Priority") or 0),
                protocols=str(g("Protocols", "Protocol") or ""),
                local_ports=str(g("LocalPorts", "LocalPort") or ""),
                remote_addresses=str(g("RemoteAddresses") or ""),
                remote_ports=str(g("RemotePorts", "RemotePort") or ""),
                local_addresses=str(g("LocalAddresses") or ""),
                rule_type=str(g("RuleType") or "Switch"),
                id=str(g("Id") or ""),
            )
        if ptype == "qos" and keys <= {"maximumoutgoingbandwidthinbytes"}:
            return P.Qos(maximum_outgoing_bandwidth=int(g("MaximumOutgoingBandwidthInBytes")))
        if ptype == "l2driver" and not keys:
            return P.L2Driver()
        if ptype == "elb" and keys <= {
            "protocol",
            "internalport",
            "externalport",
            "sourcevip",
            "vips",
            "ilb",
            "isdsr",
        }:
            vips = g("VIPs") or []
            vips = vips if isinstance(vips, list) else [vips]  # one VIP written bare: not its characters
            return P.LoadBalancer(
                protocol=int(g("Protocol") or 0),
                internal_port=_port(g("InternalPort")),
                external_port=_port(g("ExternalPort")),
                source_vip=str(g("SourceVIP") or ""),
                vips=tuple(str(v) for v in vips),
                ilb=str(g("ILB")).lower() == "true",
                dsr=str(g("IsDSR")).lower() == "true",
            )
        return None

    # ------------------------------------------------------------ objects
    def run(self, records):
        """Networks first (endpoints name them), then endpoints, namespaces, policy lists."""
        by_name = {}
        steps = (
            ("network", self.network_record),
            ("endpoint", lambda r: self.endpoint(r, by_name)),
            ("namespace", self.namespace),
            ("policylist", self.policy_list),
        )
        for kind, convert in steps:
            if kind == "endpoint":
                for net in self.host.hns_networks.values():
                    by_name.setdefault(net.hns_name.lower(), net)
            for record in (r for r in records if r.kind == kind):
                self.subject = _subject(kind.replace("policylist", "policy list"), record)
                self.cut = record.truncated
                try:
                    convert(record)
                except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as err:
                    self.warn(f"could not be imported ({type(err).__name__}: {err}); skipped")
        self.subject, self.cut = "", False
        if any(r.dockerd for r in records):
            self.adopt()
        self.report()

    def report(self):
        """One warning per placeholder value, one note per reason for inferring, one note
        for the values PowerShell elided."""
        for (source, kind, reason), names in self.inferences.items():
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3:,} more" if len(names) > 3 else "")
            self.notes.append(f"{source}: {kind} {shown} inferred: {reason}")
        for (subject, value), where in self.placeholders.items():
            self.warnings.append(
                f"{subject}: {value!r} is a placeholder, not a value (in {', '.join(where)}); "
                "HNS refuses a request that holds it"
            )
        if self.elided:
            shown = "; ".join(self.elided[:3]) + (
                f" and {len(self.elided) - 3} more" if len(self.elided) > 3 else ""
            )
            self.notes.append(
                f"{len(self.elided)} value(s) were not printed by PowerShell (System.Object[] or @{{…}}: "
                f"the list view or ConvertTo-Json -Depth cut them) and are unknown: {shown}"
            )

    def network_record(self, record):
        net = self.network(record)
        if net is not None:
            self.add_network(net)

    def network(self, record):
        d = record.data
        rid = self.record_id(record, "network")
        if rid in self.host.hns_networks:
            self.warn(f"a second network with the ID {rid}; skipped")
            return None
        raw_type = self.text(d, "Type") or self.guess_type(d, record)
        driver = raw_type.lower()
        hns_type = HNS_TYPES.get(driver, raw_type)
        if driver not in HNS_TYPES and driver != "unknown":  # a type name read from a dump, checked
            self.warn(f"network type {raw_type!r} is not one winnetlab knows; kept as written")
        name = self.text(d, "Name") or rid
        used = {
            "id",
            "name",
            "type",
            "subnets",
            "ipams",
            "macpools",
            "macpool",
            "policies",
            "dnsserverlist",
            "dnssuffix",
            "dns",
            "networkadaptername",
            "managementip",
            "drmacaddress",
            "natname",
            "schemaversion",
        }
        policies = self.policies(d, "Policies")
        self.subnet_fields = {}
        subnets, dhcp = self.subnets(d, record.schema)
        vsid = next((p.vsid for s in subnets for p in s.policies if isinstance(p, P.Vsid)), None)
        adapter = self.text(d, "NetworkAdapterName") or _setting(
            policies, "netadaptername", "NetworkAdapterName"
        )
        mgmt = self.ip(
            get_field(d, "ManagementIP") or _setting(policies, "provideraddress", "ProviderAddress"),
            "ManagementIP",
        )
        dr_mac = self.text(d, "DrMacAddress") or _setting(policies, "drmacaddress", "Address")
        dns = get_field(d, "Dns") if isinstance(get_field(d, "Dns"), dict) else {}
        servers = _server_list(get_field(d, "DNSServerList") or get_field(dns, "ServerList"))
        net = Network(
            id=rid,
            name=name,
            hns_name=name,
            driver=driver,
            hns_type=hns_type,
            subnets=subnets,
            vswitch="",
            vsid=vsid,
            policies=tuple(p for p in policies if not _modelled_setting(p)),
            dns_servers=servers,
            dns_suffix=self.text(d, "DNSSuffix") or self.text(dns, "Domain"),
            mac_pool=self.mac_pool(d),
            adapter=adapter or None,
            management_ip=mgmt,
            dr_mac=self.mac(dr_mac) if dr_mac else "",
            nat_name=self.text(d, "NatName", "NATName"),
            created_by_docker=False,
            hns_owned=True,
            dhcp=dhcp,
        )
        net.extra = self.extra(d, used, record)
        if self.subnet_fields:
            net.extra["subnet_fields"] = self.subnet_fields  # per subnet id: the dump's other fields
        return net

    def guess_type(self, d, record):
        """A network without ``Type``: NAT in v2 (HNS omits enum 0), else read from its clues;
        ``hnsdiag list`` prints no type at all."""
        if record.schema == "v2":
            return "NAT"
        if record.fmt == "hnsdiag":
            self.infer(
                "type of network", self.text(d, "Name") or "?", "hnsdiag list does not print it: unknown"
            )
            return "unknown"
        text = str(d).lower()
        guess = (
            "Overlay"
            if any(k in text for k in ("drmacaddress", "remotesubnetroute", "'vsid'"))
            else "NAT"
            if get_field(d, "NatName", "NATName")
            else ""
        )
        if guess:
            self.infer(
                "type of network",
                self.text(d, "Name") or "?",
                f"no Type in the dump; {guess} from its fields",
            )
        else:
            self.warn("no Type (cut off?); type unknown")
        return guess or "unknown"

    def subnets(self, d, schema):
        out = []
        dhcp = False
        if schema == "v2" or get_field(d, "Ipams") is not None:
            for ipam in self.items(d, "Ipams"):
                if not isinstance(ipam, dict):
                    continue
                dhcp = dhcp or self.text(ipam, "Type").lower() == "dhcp"
                for s in self.items(ipam, "Subnets"):
                    sub = self.subnet(s, "IpAddressPrefix", _default_route(s))
                    if sub:
                        out.append(sub)
        else:
            for s in self.items(d, "Subnets"):
                sub = self.subnet(
                    s, "AddressPrefix", get_field(s, "GatewayAddress") if isinstance(s, dict) else None
                )
                if sub:
                    out.append(sub)
        return tuple(out), dhcp

    def subnet(self, s, prefix_key, gateway):
        if not isinstance(s, dict):
            self.warn(f"subnet {s!r} is not an object; skipped")
            return None
        prefix = self.prefix(get_field(s, prefix_key), "subnet")
        if prefix is None:
            return None
        sub = Subnet(
            prefix=prefix,
            gateway=self.ip(gateway, "gateway"),
            policies=self.policies(s, "Policies", what=f"Policies of subnet {prefix}"),
            id=self.text(s, "ID"),
        )
        unknown = {k: v for k, v in s.items() if isinstance(k, str) and k.lower() not in SUBNET_FIELDS}
        if unknown:
            self.subnet_fields[sub.id or str(prefix)] = unknown
        return sub

    def mac_pool(self, d):
        pools = self.items(d, "MacPools")
        if not pools:
            pool = get_field(d, "MacPool")
            pools = self.items(pool, "Ranges") if isinstance(pool, dict) else []
        if not pools or not isinstance(pools[0], dict):
            return None
        try:
            start = parse_mac(get_field(pools[0], "StartMacAddress"))
            end = parse_mac(get_field(pools[0], "EndMacAddress"))
        except WinNetLabError:
            self.warn("the MAC pool has an unreadable address; ignored")
            return None
        if not 0 <= end - start < MAX_MAC_POOL:
            self.warn("the MAC pool range is empty or implausibly large; ignored")
            return None
        return MacPool(start, end - start + 1)

    def add_network(self, net):
        """The network and the Hyper-V switch it implies (a dump never lists switches);
        a network of unknown type implies none."""
        kind = net.driver
        if kind not in HNS_TYPES:
            net.vswitch = ""
            self.host.import_network(net, adopt=False)
            return
        if kind in INTERNAL_SWITCH_TYPES or kind == "private":
            switch_type = "Private" if kind == "private" else "Internal"
            switch = VSwitch(
                name=net.hns_name,
                id=_guid("switch", net.id),
                switch_type=switch_type,
                adapter=None,
                host_vnic=None if kind == "private" else vnic_name(net.hns_name),
                created_by="HNS",
            )
            reason = f"HNS creates {_a(switch_type)} vSwitch for a {net.hns_type} network"
        else:
            known = self.switches.get(net.adapter) if net.adapter else None
            switch = (
                None
                if known
                else VSwitch(
                    name=net.hns_name,
                    id=_guid("switch", net.id),
                    switch_type="External",
                    adapter=net.adapter or None,
                    host_vnic=vnic_name(net.hns_name),
                    created_by="HNS",
                )
            )
            net.vswitch = known or net.hns_name
            if net.adapter:
                self.switches.setdefault(net.adapter, net.vswitch)
            reason = f"HNS binds {_a(net.hns_type)} network to an External vSwitch on " + (
                f"adapter {net.adapter}" if net.adapter else "an adapter the dump does not name"
            )
        if switch is not None and switch.name not in self.host.vswitches:
            net.vswitch = switch.name
            self.import_switch(switch, net)
            self.infer("vswitch", switch.name, reason)
        net.vswitch = net.vswitch or net.hns_name
        self.host.import_network(net, adopt=False)

    def import_adapter(self, name, switch, description, ip_interface, physical):
        """An adapter bound to ``switch``, numbered after the host's others; no MAC (dumps hold none)."""
        self.host.import_adapter(
            Adapter(
                name=name,
                mac_address="",
                description=description,
                ip_interface=ip_interface,
                gateway=None,
                physical=physical,
                vswitch=switch.name,
                if_index=len(self.host.adapters) + 1,
            )
        )

    def import_switch(self, switch, net):
        """The switch and its host vNIC: an Internal one holds the network's gateway, an
        External one the management IP (Hyper-V moves the NIC's address to it).  MACs
        and addresses the dump does not hold stay empty."""
        self.host.import_switch(switch)
        if switch.adapter and switch.adapter not in self.host.adapters:
            self.import_adapter(switch.adapter, switch, description="", ip_interface=None, physical=True)
        if switch.host_vnic is None:
            return
        if switch.switch_type == "External":
            address = net.management_ip
            ip_if = ipaddress.IPv4Interface(f"{address}/32") if address is not None else None
        else:
            gw = net.gateway
            ip_if = ipaddress.IPv4Interface(f"{gw}/{net.prefix.prefixlen}") if gw is not None else None
        self.import_adapter(
            switch.host_vnic,
            switch,
            description="Hyper-V Virtual Ethernet Adapter",
            ip_interface=ip_if,
            physical=False,
        )
        self.host.inferred[("vnic", switch.host_vnic)] = (
            f"the host vNIC of the inferred vSwitch {switch.name}"
        )

    def endpoint(self, record, by_name):
        d = record.data
        rid = self.record_id(record, "endpoint")
        if rid in self.host.endpoints:
            self.warn(f"a second endpoint with the ID {rid}; skipped")
            return
        net = self.endpoint_network(d, record, by_name)
        policies = self.policies(d, "Policies")
        ip, plen, gateway = self.endpoint_address(d, record.schema)
        flags = self.integer(d, "Flags", default=0) if record.schema == "v2" else 0
        remote = self.boolean(d, "IsRemoteEndpoint") or bool(flags & 1)
        dns = get_field(d, "Dns") if isinstance(get_field(d, "Dns"), dict) else {}
        namespace = get_field(d, "Namespace")
        ns_id = (
            self.text(namespace, "ID")
            if isinstance(namespace, dict)
            else self.text(d, "HostComputeNamespace")
        )
        pa = next((p.pa for p in policies if isinstance(p, P.ProviderAddress)), None)
        used = {
            "id",
            "name",
            "virtualnetwork",
            "virtualnetworkname",
            "hostcomputenetwork",
            "policies",
            "ipaddress",
            "prefixlength",
            "gatewayaddress",
            "ipconfigurations",
            "routes",
            "macaddress",
            "dnsserverlist",
            "dnssuffix",
            "dns",
            "isremoteendpoint",
            "state",
            "enableinternaldns",
            "disableicc",
            "namespace",
            "hostcomputenamespace",
            "schemaversion",
        }
        ep = Endpoint(
            id=rid,
            name=self.text(d, "Name"),
            network=net.name if net else "",
            network_id=net.id if net else "",
            container=None,
            ip_address=ip,
            prefix_length=plen,
            mac_address=self.mac(get_field(d, "MacAddress")),
            gateway=gateway,
            dns_servers=_server_list(get_field(d, "DNSServerList") or get_field(dns, "ServerList")),
            dns_suffix=self.text(d, "DNSSuffix") or self.text(dns, "Domain"),
            policies=policies,
            namespace=ns_id or None,
            remote=remote,
            state=self.integer(d, "State", default=1),
            host=self.host.name,
            enable_internal_dns=self.boolean(d, "EnableInternalDNS"),
            provider_address=self.ip(pa, "PA") if pa else None,
            disable_icc=self.boolean(d, "DisableICC") or bool(flags & 2),
        )
        ep.extra = self.extra(d, used, record)
        if is_elided(get_field(d, "Policies")) or record.fmt == "hnsdiag":
            ep.extra["policies_unknown"] = True  # not printed, or not in this listing
        self.host.import_endpoint(ep)

    def endpoint_address(self, d, schema):
        if schema == "v2" or get_field(d, "IpConfigurations") is not None:
            configs = [c for c in self.items(d, "IpConfigurations") if isinstance(c, dict)]
            v4 = next(
                (c for c in configs if self.ip(get_field(c, "IpAddress"), "IpAddress") is not None), None
            )
            ip = self.ip(get_field(v4, "IpAddress"), "IpAddress") if v4 else None
            plen = self.integer(v4, "PrefixLength") if v4 else None
            routes = [r for r in self.items(d, "Routes") if isinstance(r, dict)]
            return ip, plen, self.ip(_default_route({"Routes": routes}), "gateway")
        plen = self.integer(d, "PrefixLength")
        if plen is not None and not 0 <= plen <= 32:
            self.warn(f"PrefixLength {plen} is not 0-32; ignored")
            plen = None
        return (
            self.ip(get_field(d, "IPAddress"), "IPAddress"),
            plen,
            self.ip(get_field(d, "GatewayAddress"), "GatewayAddress"),
        )

    def endpoint_network(self, d, record, by_name):
        """The endpoint's network by GUID or name; a placeholder when the dump lacks it.

        hnsdiag lists endpoints without their network; CNI plugins name endpoints
        ``<container id>_<network name>``, which then tells the network's name.
        """
        net_id = self.text(d, "VirtualNetwork", "HostComputeNetwork")
        net_name = self.text(d, "VirtualNetworkName") or _cni_network(self.text(d, "Name"))
        nets = self.host.hns_networks
        net = (
            nets.get(net_id)
            or next((n for n in nets.values() if net_id and n.id.lower() == net_id.lower()), None)
            or (by_name.get(net_name.lower()) if net_name else None)
        )
        if net is not None:
            return net
        if not (net_id or net_name):
            net_name, why = "unknown", "its endpoints do not say which network they belong to"
        else:
            why = f"endpoint {self.text(d, 'Name') or '?'} names it; the dump does not hold it"
        driver, type_reason = _placeholder_type(net_name, d)
        placeholder_id = net_id or _guid("network", net_name)
        net = Network(
            id=placeholder_id,
            name=net_name or placeholder_id,
            hns_name=net_name or placeholder_id,
            driver=driver,
            hns_type=HNS_TYPES.get(driver, driver),
            subnets=(),
            vswitch="",
            created_by_docker=False,
            hns_owned=False,
        )
        net.extra = {"source": record.origin, "placeholder": True}
        self.host.import_network(net, adopt=False)
        self.infer("network", net.name, f"{why}; type {type_reason}")
        by_name.setdefault(net.hns_name.lower(), net)
        return net

    def namespace(self, record):
        d = record.data
        rid = self.record_id(record, "namespace")
        if rid in self.host.namespaces:
            return
        resources = self.items(d, "Resources", "ResourceList")
        endpoints = [
            self.text(get_field(r, "Data") if isinstance(get_field(r, "Data"), dict) else r, "ID")
            for r in resources
            if isinstance(r, dict) and self.text(r, "Type").lower() == "endpoint"
        ]
        compartment = self.integer(d, "NamespaceId", "CompartmentId", "CompartmendId", default=0)
        ns = Namespace(
            id=rid,
            compartment_id=compartment,
            container=None,
            endpoints=tuple(e for e in endpoints if e),
            default=self.boolean(d, "IsDefault") or self.text(d, "Type").endswith("Default"),
        )
        self.host.import_namespace(ns)

    def policy_list(self, record):
        d = record.data
        rid = self.record_id(record, "policy list")
        if any(pl.id == rid for pl in self.host.policy_lists):
            return
        if record.schema == "v2" and get_field(d, "References") is None:
            refs = [str(r) for r in self.items(d, "HostComputeEndpoints")]
            policies = self.load_balancer_policies(d)
        else:
            refs = [str(r).rsplit("/", 1)[-1] for r in self.items(d, "References")]
            policies = self.policies(d, "Policies")
        pl = PolicyList(
            id=rid, references=tuple(refs), policies=policies, network_id=self.text(d, "HostComputeNetwork")
        )
        used = {
            "id",
            "references",
            "policies",
            "hostcomputeendpoints",
            "sourcevip",
            "frontendvips",
            "portmappings",
            "hostcomputenetwork",
            "schemaversion",
        }
        pl.extra = self.extra(d, used, record)
        self.host.import_policy_list(pl)

    def load_balancer_policies(self, d):
        """A v2 load balancer's port mappings as ELB policies (ILB when flagged)."""
        lb_flags = self.integer(d, "Flags", default=0)
        vips = tuple(str(v) for v in self.items(d, "FrontendVIPs"))
        out = []
        for pm in self.items(d, "PortMappings"):
            if not isinstance(pm, dict):
                continue
            flags = self.integer(pm, "Flags", default=0)
            try:
                ports = _port(get_field(pm, "InternalPort")), _port(get_field(pm, "ExternalPort"))
            except ValueError as err:
                self.warn(f"a port mapping is unreadable ({err}); skipped")
                continue
            out.append(
                P.LoadBalancer(
                    protocol=self.integer(pm, "Protocol", default=0),
                    internal_port=ports[0],
                    external_port=ports[1],
                    source_vip=self.text(d, "SourceVIP"),
                    vips=vips,
                    ilb=bool(flags & 1),
                    dsr=bool(lb_flags & 1),
                )
            )
        return tuple(out)

    # ------------------------------------------------------------ Docker's view
    def adopt(self):
        """Register the adoptable HNS networks with Docker, as the daemon does at start-up."""
        for net in list(self.host.hns_networks.values()):  # HNS lists them in creation order
            if net.driver in NOT_ADOPTED or net.driver not in HNS_TYPES:
                continue
            docker_name = net.hns_name
            if (
                of(net).winnat
                and "nat" not in self.host.networks
                and not any(of(n).winnat and n.hns_name == "nat" for n in self.host.hns_networks.values())
            ):
                docker_name = "nat"
            if docker_name in self.host.networks:
                self.warnings.append(
                    f"network {net.hns_name} ({net.id}): Docker already has a network named "
                    f"{docker_name}; not shown by docker network ls"
                )
                continue
            self.host.adopt_network(
                net,
                docker_name,
                net.hns_name if _is_docker_id(net.hns_name) else derived_hex64("docker", net.id),
                {
                    f"{SHIM}hnsid": net.id,
                    f"{SHIM}networkname": net.hns_name,
                    f"{SHIM}hnsowned": "true",
                },
            )


def _subject(kind, record):
    name = get_field(record.data, "Name")
    rid = record.id
    label = f"{kind} {name}" if isinstance(name, str) and name else kind
    if isinstance(rid, str) and rid:
        label += f" ({rid[:8]}…)"
    return f"{record.origin}: {label}"


def _a(word):
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


FLANNEL_VXLAN = re.compile(r"^(vxlan0|flannel\.\d+)$")


def _placeholder_type(net_name, endpoint):
    """``(driver, reason)`` of a network known only by name from one of its endpoints."""
    name = (net_name or "").lower()
    if name in HNS_TYPES:
        return name, f"{HNS_TYPES[name]} from its name"
    if FLANNEL_VXLAN.match(name):
        return "overlay", "Overlay: flannel names its VXLAN network so"
    types = {
        str(get_field(p, "Type")).lower()
        for p in get_field(endpoint, "Policies") or []
        if isinstance(p, dict)
    }
    if types & {"pa", "provideraddress"}:
        return "overlay", "Overlay: its endpoint has a provider-address (VXLAN) policy"
    if "l2driver" in types:
        return "l2bridge", "L2Bridge: its endpoint has an L2Driver policy"
    return "unknown", "unknown"


def _port(value):
    n = _int_or_none(value)
    if n is None or not 0 <= n <= 65535:
        raise ValueError(f"not a port: {value!r}")
    return n


def _server_list(value):
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, str):
        return tuple(s.strip() for s in value.split(",") if s.strip())
    return ()


def _default_route(subnet):
    routes = get_field(subnet, "Routes") if isinstance(subnet, dict) else None
    for r in routes if isinstance(routes, list) else []:
        if isinstance(r, dict) and str(get_field(r, "DestinationPrefix")) in ("0.0.0.0/0", "None"):
            return get_field(r, "NextHop")
    return None


def _setting(policies, ptype, key):
    """A v2 network policy's setting that the model keeps as a field (adapter, PA, DR MAC)."""
    for p in policies:
        if isinstance(p, P.Unknown) and p.type.lower() == ptype:
            return dict(p.raw).get(key)
    if ptype == "provideraddress":
        return next((p.pa for p in policies if isinstance(p, P.ProviderAddress)), None)
    return None


def _modelled_setting(policy):
    """v2 network policies that became fields of the network (and are written back from them)."""
    kind = policy.type.lower() if isinstance(policy, P.Unknown) else ""
    return kind in ("netadaptername", "drmacaddress") or isinstance(policy, P.ProviderAddress)


def _cni_network(endpoint_name):
    """``<64-hex container id>_<network>`` -> the network name (CNI endpoint naming)."""
    head, sep, tail = endpoint_name.partition("_")
    return tail if sep and tail and _is_docker_id(head) else ""


def _is_docker_id(name):
    return len(name) == 64 and all(c in "0123456789abcdef" for c in name)


def _guid(*parts):
    return plain_guid(derived_hex64(*parts))
