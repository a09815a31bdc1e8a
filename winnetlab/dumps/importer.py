"""Turn records read from real HNS dumps into a Lab whose host holds them.

The imported host is an ordinary engine Host (created with ``nat_prefix="none"`` so that it
starts without a simulated default network) into which the dump's networks, endpoints,
policy lists and namespaces are inserted as they are — no Docker validation, since real
hosts hold states Docker would refuse.  Docker's view is then derived as the daemon
derives it at start-up (reference §3.6): every HNS network of an adoptable type is listed
by ``docker network ls`` under its HNS name (``hnsowned``), the first NAT network is
adopted as ``nat`` if no network has that name, and Internal, Private and Mirrored networks
are not adopted.

Real data is messy, so every field is converted on its own: a bad value becomes a
plain-language warning and an empty field, never a failed import.  Fields the model does
not use are kept in each object's ``extra`` (and written back by ``dump_hns``).

Simplifications: containers are not reconstructed (dumps name endpoints, not containers);
vSwitches are inferred (one internal switch per NAT/ICS/Internal network, one private
switch per Private network, one external switch per adapter named after its first
network); the host keeps the simulated LAN address.
"""

import ipaddress

from ..engine import policies as P
from ..engine.addressing import MacPool, derived_hex64, format_mac, parse_mac
from ..engine.errors import WinNetLabError
from ..engine.hns import HNS_TYPES, Endpoint, Namespace, Network, PolicyList, Subnet
from ..engine.hyperv import Adapter, VSwitch, vnic_name
from .reader import content_guid, get_field, read

NOT_ADOPTED = {"internal", "private", "mirrored"}
INTERNAL_SWITCH_TYPES = {"nat", "ics", "internal", "constrainedics"}
PROTOCOL_NAMES = {6: "TCP", 17: "UDP", 1: "ICMP", 0: "ANY"}
MAX_MAC_POOL = 1 << 20
SUBNET_FIELDS = {"addressprefix", "ipaddressprefix", "gatewayaddress", "policies", "id", "routes"}


def load_hns(*sources, windows=None, seed=0):
    """A Lab with one host holding every HNS object found in ``sources``.

    ``sources``: paths, folders, text, bytes or parsed JSON (see :mod:`.reader`).
    ``windows``: the profile of the host; by default it is dated from the objects'
    ``Version`` fields.  ``lab.warnings`` lists what could not be read or was repaired.
    """
    from ..engine.lab import Lab

    reading = read(*sources)
    profile = windows or _profile_from_versions(reading.records)
    lab = Lab(seed=seed, windows=profile, hosts=0, nat_prefix="none")
    host = lab.add_host()
    lab.warnings.extend(reading.warnings)
    Importer(host, lab.warnings).run(reading.records)
    if windows is None and _versions(reading.records):
        major, minor = max(_versions(reading.records))
        lab.warnings.append(
            f"the objects were written by HNS {major}.{minor}; the lab uses the "
            f"{lab.profile.name} profile ({lab.profile.title})"
        )
    return lab


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
    """Converts records of one host; ``warnings`` collects what could not be used."""

    def __init__(self, host, warnings):
        self.host = host
        self.warnings = warnings
        self.subject = ""
        self.switches = {}  # adapter name -> external switch name
        self.subnet_fields = {}  # unknown subnet fields of the network being read

    # ------------------------------------------------------------ conversions with warnings
    def warn(self, text):
        self.warnings.append(f"{self.subject}: {text}" if self.subject else text)

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
        if value is None or value == "" or isinstance(value, (dict, list)):
            return None
        try:
            addr = ipaddress.ip_address(str(value).strip())
        except ValueError:
            self.warn(f"{what} {value!r} is not an IP address; left empty")
            return None
        if addr.version != 4:
            self.warn(f"{what} {addr} is IPv6, which the lab does not model; left empty")
            return None
        return addr

    def prefix(self, value, what):
        if value is None or value == "" or isinstance(value, (dict, list)):
            return None
        try:
            net = ipaddress.ip_network(str(value).strip(), strict=False)
        except ValueError:
            self.warn(f"{what} {value!r} is not an address prefix; skipped")
            return None
        if net.version != 4:
            self.warn(f"{what} {net} is IPv6, which the lab does not model; skipped")
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

    def items(self, data, *names):
        value = get_field(data, *names)
        if value is None or value == "" or value == "System.Object[]":
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
        self.warn(f"the {kind} has no ID (a create request?); it was given {made}")
        return made

    def extra(self, data, used, record):
        keep = {k: v for k, v in data.items() if isinstance(k, str) and k.lower() not in used}
        keep.update({"source": record.origin, "schema": record.schema, "format": record.fmt})
        if record.truncated:
            keep["truncated"] = True
        return keep

    # ------------------------------------------------------------ policies
    def policies(self, data, *names):
        out = []
        for raw in self.items(data, *names):
            policy = self.policy(raw)
            if policy is not None:
                out.append(policy)
        return tuple(out)

    def policy(self, raw):
        """One v1 (flat) or v2 (``{Type, Settings}``) policy; unmodelled ones kept verbatim."""
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
            return P.Unknown("Unknown", tuple(fields.items()))
        try:
            typed = self._typed_policy(ptype.lower(), fields)
        except (TypeError, ValueError):
            typed = None
        if typed is None:
            return P.Unknown(ptype, tuple(fields.items()))
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
                PROTOCOL_NAMES.get(_int_or_none(proto), str(proto).upper())
                if _int_or_none(proto) is not None
                else str(proto or "TCP").upper()
            )
            return P.PortMapping(proto, _port(g("InternalPort")), _port(g("ExternalPort")))
        if ptype == "outboundnat" and keys <= {"exceptionlist", "exceptions", "vip", "virtualip"}:
            ex = g("ExceptionList", "Exceptions") or []
            return P.OutboundNat(
                tuple(str(e) for e in ex) if isinstance(ex, list) else (str(ex),),
                str(g("VIP", "VirtualIP") or ""),
            )
        if ptype == "vlan" and keys <= {"vlan", "isolationid"}:
            return P.Vlan(int(g("VLAN", "IsolationId")))
        if ptype == "vsid" and keys <= {"vsid", "isolationid"}:
            return P.Vsid(int(g("VSID", "IsolationId")))
        if ptype in ("pa", "provideraddress") and keys <= {"pa", "provideraddress"}:
            return P.ProviderAddress(str(g("PA", "ProviderAddress")))
        if ptype in ("route", "sdnroute") and keys <= {"destinationprefix", "nexthop", "needencap"}:
            return P.Route(
                str(g("DestinationPrefix")), str(g("NextHop") or ""), str(g("NeedEncap")).lower() == "true"
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
                str(g("Action") or "Allow"),
                str(g("Direction") or "In"),
                int(g("Priority") or 0),
                str(g("Protocols", "Protocol") or ""),
                str(g("LocalPorts", "LocalPort") or ""),
                str(g("RemoteAddresses") or ""),
                str(g("RemotePorts", "RemotePort") or ""),
                str(g("LocalAddresses") or ""),
                str(g("RuleType") or "Switch"),
                str(g("Id") or ""),
            )
        if ptype == "qos" and keys <= {"maximumoutgoingbandwidthinbytes"}:
            return P.Qos(int(g("MaximumOutgoingBandwidthInBytes")))
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
            return P.LoadBalancer(
                int(g("Protocol") or 0),
                _port(g("InternalPort")),
                _port(g("ExternalPort")),
                str(g("SourceVIP") or ""),
                tuple(str(v) for v in vips),
                str(g("ILB")).lower() == "true",
                str(g("IsDSR")).lower() == "true",
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
                try:
                    convert(record)
                except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as err:
                    self.warn(f"could not be imported ({type(err).__name__}: {err}); skipped")
        self.subject = ""
        self.adopt()

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
        raw_type = self.text(d, "Type") or self.guess_type(d, record.schema)
        driver = raw_type.lower()
        hns_type = HNS_TYPES.get(driver, raw_type)
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
            rid,
            name,
            name,
            driver,
            hns_type,
            subnets,
            "",
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

    def guess_type(self, d, schema):
        """A network without ``Type``: NAT in v2 (HNS omits enum 0), else read from its clues."""
        if schema == "v2":
            return "NAT"
        text = str(d).lower()
        guess = (
            "Overlay"
            if any(k in text for k in ("drmacaddress", "remotesubnetroute", "'vsid'"))
            else "NAT"
            if get_field(d, "NatName", "NATName")
            else ""
        )
        self.warn(f"no Type (cut off?); taken as {guess}" if guess else "no Type (cut off?); type unknown")
        return guess or "Unknown"

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
        sub = Subnet(prefix, self.ip(gateway, "gateway"), self.policies(s, "Policies"), self.text(s, "ID"))
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
        kind = net.driver
        if kind in INTERNAL_SWITCH_TYPES or kind == "private":
            switch = VSwitch(
                net.hns_name,
                _guid("switch", net.id),
                "Private" if kind == "private" else "Internal",
                None,
                None if kind == "private" else vnic_name(net.hns_name),
                "HNS",
            )
        else:
            adapter = net.adapter or "Ethernet"
            known = self.switches.get(adapter)
            switch = (
                None
                if known
                else VSwitch(
                    net.hns_name,
                    _guid("switch", net.id),
                    "External",
                    adapter if adapter in self.host.adapters else None,
                    vnic_name(net.hns_name),
                    "HNS",
                )
            )
            net.vswitch = known or net.hns_name
            self.switches.setdefault(adapter, net.vswitch)
        if switch is not None and switch.name not in self.host.vswitches:
            net.vswitch = switch.name
            self.import_switch(switch, net)
        net.vswitch = net.vswitch or net.hns_name
        self.host.import_network(net, adopt=False)

    def import_switch(self, switch, net):
        """The switch and its host vNIC: an internal one holds the gateway, an external one
        takes over the bound adapter's MAC and address (as Hyper-V does)."""
        self.host.import_switch(switch)
        if switch.host_vnic is None:
            return
        phys = self.host.adapters.get(switch.adapter) if switch.adapter else None
        if phys is not None:
            vnic = Adapter(
                switch.host_vnic,
                phys.mac_address,
                "Hyper-V Virtual Ethernet Adapter",
                phys.ip_interface,
                phys.gateway,
                False,
                switch.name,
                len(self.host.adapters) + 2,
            )
            phys.vswitch, phys.ip_interface, phys.gateway = switch.name, None, None
        else:
            gw = net.gateway
            ip_if = ipaddress.IPv4Interface(f"{gw}/{net.prefix.prefixlen}") if gw is not None else None
            mac = format_mac(0x00155D000000 + int(derived_hex64("vnic", net.id)[:6], 16))
            vnic = Adapter(
                switch.host_vnic,
                mac,
                "Hyper-V Virtual Ethernet Adapter",
                ip_if,
                None,
                False,
                switch.name,
                len(self.host.adapters) + 2,
            )
        self.host.import_adapter(vnic)

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
            rid,
            self.text(d, "Name"),
            net.name if net else "",
            net.id if net else "",
            None,
            ip,
            plen,
            self.mac(get_field(d, "MacAddress")),
            gateway,
            _server_list(get_field(d, "DNSServerList") or get_field(dns, "ServerList")),
            self.text(d, "DNSSuffix") or self.text(dns, "Domain"),
            policies,
            ns_id or None,
            remote,
            self.integer(d, "State", default=1),
            self.host.name,
            self.boolean(d, "EnableInternalDNS"),
            provider_address=self.ip(pa, "PA") if pa else None,
            disable_icc=self.boolean(d, "DisableICC") or bool(flags & 2),
        )
        ep.extra = self.extra(d, used, record)
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
            self.warn("does not say which network it belongs to; put in the placeholder network 'unknown'")
            net_name = "unknown"
        else:
            self.warn(f"its network {net_name or net_id} is not in the dump; a placeholder network was added")
        placeholder_id = net_id or _guid("network", net_name)
        hns_type = self.text(d, "Type") or "Unknown"
        net = Network(
            placeholder_id,
            net_name or placeholder_id,
            net_name or placeholder_id,
            hns_type.lower(),
            HNS_TYPES.get(hns_type.lower(), hns_type),
            (),
            "",
            created_by_docker=False,
            hns_owned=True,
        )
        net.extra = {"source": record.origin, "placeholder": True}
        self.add_network(net)
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
            rid,
            compartment,
            None,
            [e for e in endpoints if e],
            self.boolean(d, "IsDefault") or self.text(d, "Type").endswith("Default"),
        )
        self.host.import_namespace(ns)
        for eid in ns.endpoints:
            ep = self.host.endpoints.get(eid)
            if ep is not None and not ep.namespace:
                ep.namespace = ns.id

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
        pl = PolicyList(rid, tuple(refs), policies, self.text(d, "HostComputeNetwork"))
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
                    self.integer(pm, "Protocol", default=0),
                    *ports,
                    self.text(d, "SourceVIP"),
                    vips,
                    bool(flags & 1),
                    bool(lb_flags & 1),
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
                net.driver == "nat"
                and "nat" not in self.host.networks
                and not any(
                    n.driver == "nat" and n.hns_name == "nat" for n in self.host.hns_networks.values()
                )
            ):
                docker_name = "nat"
            if docker_name in self.host.networks:
                self.warnings.append(
                    f"network {net.hns_name} ({net.id}): Docker already has a network named "
                    f"{docker_name}; not shown by docker network ls"
                )
                continue
            net.name = docker_name
            net.docker_id = net.hns_name if _is_docker_id(net.hns_name) else derived_hex64("docker", net.id)
            net.options = {
                "com.docker.network.windowsshim.hnsid": net.id,
                "com.docker.network.windowsshim.networkname": net.hns_name,
                "com.docker.network.windowsshim.hnsowned": "true",
            }
            self.host.import_network(net, adopt=True)
            for eid in net.endpoint_ids:
                self.host.endpoints[eid].network = docker_name


def _subject(kind, record):
    name = get_field(record.data, "Name")
    rid = record.id
    label = f"{kind} {name}" if isinstance(name, str) and name else kind
    if isinstance(rid, str) and rid:
        label += f" ({rid[:8]}…)"
    return f"{record.origin}: {label}"


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
    h = derived_hex64(*parts).upper()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
