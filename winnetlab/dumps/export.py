"""HNS-shaped JSON of a host's state: what ``Get-HnsNetwork | ConvertTo-Json`` would print.

Two API generations describe the same objects (reference: hns-schema.md):

* **v1** (``Get-HnsNetwork``/``Get-HnsEndpoint``/``Get-HnsPolicyList`` from hns.psm1):
  flat objects, flat policies (``{"Type": "NAT", "InternalPort": 80, …}``), subnets as
  ``Subnets[].AddressPrefix/GatewayAddress``, the endpoint's network as ``VirtualNetwork``;
* **v2** (HCN, ``HostComputeNetwork``/``Endpoint``/``Namespace``/``LoadBalancer``):
  ``{Type, Settings}`` policies, ``Ipams[].Subnets[]`` with a default route, ``MacPool.Ranges``,
  ``IpConfigurations``, ``SchemaVersion`` on every object, and no ``Type`` at all on a NAT
  network (NAT is enum value 0, which HNS omits).

The per-object functions are public and stable: the ``Get-Hns*`` PowerShell front prints
their output.  Simulated objects get the fields a real host returns (``ActivityId``,
``Extensions``, ``Health``…) with deterministic values derived from the object's id;
objects imported from a real dump are written back from their own data — the fields the
model owns, then every unknown field the dump carried — and nothing is invented for them.

Simplifications: a simulated endpoint's ``Resources`` is newer HNS's summary block (no
allocator records), and only from HNS 13 (Server 2022); ``Health.LastUpdateTime`` is a fixed
FILETIME derived from the id, not a clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine.host import Host
    from ..engine.lab import Lab

from ..engine.drivers import of
from ..engine.errors import Unsupported
from ..engine.ids import derived_hex64, hns_guid

# vSwitch extensions as HNS lists them on a network; ids changed between WS2019 and WS2022
_EXTENSIONS_2019 = (
    ("E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A", "Microsoft Windows Filtering Platform"),
    ("E9B59CFA-2BE1-4B21-828F-B6FBDBDDC017", "Microsoft Azure VFP Switch Extension"),
    ("EA24CD6C-D17A-4348-9190-09F0D5BE83DD", "Microsoft NDIS Capture"),
)
_EXTENSIONS_2022 = (
    ("E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A", "Microsoft Windows Filtering Platform"),
    ("F74F241B-440F-4433-BB28-00F89EAD20D8", "Microsoft Azure VFP Switch Extension"),
    ("430BDADD-BAB0-41AB-A369-94B67FA5BE0A", "Microsoft NDIS Capture"),
)
# v2 schema version each Windows release answers with (HNS_Schema.md)
SCHEMA_VERSIONS = {"ltsc2019": (2, 0), "ltsc2022": (2, 11), "ltsc2025": (2, 16)}
# Newer HNS (WS2022, Windows 11) returns endpoints in this order (fixture 02; the create
# response of moby#43479: EnableInternalDNS right after MacAddress); older HNS, and
# networks on every build, sort the keys alphabetically.  HNS writes an endpoint's ID and
# VirtualNetwork in lower case (fixtures 01, 02) and a network's ID in upper case (sample 17).
_ENDPOINT_ORDER = (
    "ID",
    "Name",
    "Version",
    "AdditionalParams",
    "Resources",
    "State",
    "VirtualNetwork",
    "VirtualNetworkName",
    "Policies",
    "MacAddress",
    "EnableInternalDNS",
    "IPAddress",
    "PrefixLength",
    "GatewayAddress",
    "IPSubnetId",
    "DNSServerList",
    "DNSSuffix",
    "DisableICC",
    "IsRemoteEndpoint",
    "EncapOverhead",
    "Namespace",
    "Flags",
    "SharedContainers",
)
_FILETIME_BASE = 133_000_000_000_000_000  # 2022-06-15 in 100 ns ticks since 1601
REMOTE_ENDPOINT, DISABLE_ICC = 1, 2  # v2 EndpointFlags


# ---------------------------------------------------------------- helpers


def imported(obj):
    """True for an object read from a real dump (its extras are written back verbatim)."""
    return bool(obj.extra) and "source" in obj.extra


def _extras(obj):
    """The dump's own fields of an imported object (HNS keys are PascalCase; ours are not)."""
    return {k: v for k, v in (obj.extra or {}).items() if k[:1].isupper()}


def _guid(*parts):
    return hns_guid(derived_hex64(*parts))


def _health(object_id):
    return {
        "LastErrorCode": 0,
        "LastUpdateTime": _FILETIME_BASE + int(derived_hex64("health", object_id)[:10], 16) % 10**13,
    }


def _schema(host):
    try:
        major, minor = SCHEMA_VERSIONS[host.profile.name]
    except KeyError:
        raise Unsupported(
            f"{host.profile.title} has no HCN v2 API (it arrived with HNS 9.2 in Windows "
            "Server 2019); export version 1 instead"
        ) from None
    return {"Major": major, "Minor": minor}


def _text(value):
    return "" if value is None else str(value)


def _finish(model, obj, synthetic):
    """Imported objects: the model's fields plus the dump's own; simulated: plus ``synthetic``."""
    if imported(obj):
        return {**_extras(obj), **model}
    return {**synthetic, **model}


# ---------------------------------------------------------------- v1


def network_v1(network, host):
    """A network as ``Get-HnsNetwork | ConvertTo-Json`` prints it (keys sorted, as HNS does)."""
    n = network
    model = {
        "ID": n.id,
        "Name": n.hns_name,
        "Type": n.hns_type,
        "Policies": [p.v1() for p in n.policies],
        "Subnets": [_subnet_v1(s, n, host) for s in n.subnets],
    }
    if n.mac_pool is not None:
        model["MacPools"] = [{"EndMacAddress": n.mac_pool.end_mac, "StartMacAddress": n.mac_pool.start_mac}]
    if n.dns_servers:
        model["DNSServerList"] = ",".join(str(d) for d in n.dns_servers)
    if n.dns_suffix:
        model["DNSSuffix"] = n.dns_suffix
    if n.adapter and of(n).external_switch:
        model["NetworkAdapterName"] = n.adapter
    if n.management_ip is not None:
        model["ManagementIP"] = str(n.management_ip)
    if n.dr_mac:
        model["DrMacAddress"] = n.dr_mac
    if n.nat_name:
        model["NatName"] = n.nat_name
    local = sum(1 for e in n.endpoint_ids if e in host.endpoints and not host.endpoints[e].remote)
    vfp_on = of(n).external_switch
    extensions = _EXTENSIONS_2019 if host.profile.hns_version[0] < 13 else _EXTENSIONS_2022
    synthetic = {
        "ActivityId": _guid("activity", n.id),
        "AdditionalParams": {},
        "CurrentEndpointCount": local,
        "MaxConcurrentEndpoints": local,
        "TotalEndpoints": local,
        "Extensions": [
            {"Id": i, "IsEnabled": name != extensions[0][1] and (vfp_on or "VFP" not in name), "Name": name}
            for i, name in extensions
        ],
        "Flags": host.profile.network_flags if n.created_by_docker else 0,
        "Health": _health(n.id),
        "IPv6": False,
        "LayeredOn": _guid("layer", n.id),
        "State": 1,
        "Version": host.profile.hns_version_number,
    }
    return dict(sorted(_finish(model, n, synthetic).items()))


def _subnet_v1(subnet, network, host):
    d = {"AddressPrefix": str(subnet.prefix), "Policies": [p.v1() for p in subnet.policies]}
    if subnet.gateway is not None:
        d["GatewayAddress"] = str(subnet.gateway)
    if subnet.id:
        d["ID"] = subnet.id
    if imported(network):
        d = {**network.extra.get("subnet_fields", {}).get(subnet.id or str(subnet.prefix), {}), **d}
    else:
        d.update(
            {
                "AdditionalParams": {},
                "Flags": 0,
                "Health": _health(subnet.id or network.id),
                "IpSubnets": [
                    {
                        "AdditionalParams": {},
                        "Flags": 3,
                        "Health": _health(subnet.id + "ip"),
                        "ID": _guid("ipsubnet", subnet.id),
                        "IpAddressPrefix": str(subnet.prefix),
                        "ObjectType": 6,
                        "Policies": [],
                        "State": 0,
                    }
                ],
                "ObjectType": 5,
                "State": 0,
            }
        )
    return dict(sorted(d.items()))


def endpoint_v1(endpoint, host):
    """An endpoint as ``Get-HnsEndpoint | ConvertTo-Json`` prints it."""
    e = endpoint
    net = host.hns_networks.get(e.network_id)
    simulated = not imported(e)
    model = {
        "ID": e.id.lower() if simulated else e.id,
        "Name": e.name,
        "State": e.state,
        "VirtualNetwork": e.network_id.lower(),
        "VirtualNetworkName": net.hns_name if net is not None else e.network,
    }
    if e.policies:  # HNS leaves out an empty policy list (fixture 02)
        model["Policies"] = [p.v1() for p in e.policies]
    if e.mac_address:
        model["MacAddress"] = e.mac_address
    if e.ip_address is not None:
        model["IPAddress"] = str(e.ip_address)
        if e.prefix_length is not None:
            model["PrefixLength"] = e.prefix_length
    if e.gateway is not None:
        model["GatewayAddress"] = str(e.gateway)
    if e.dns_servers:
        model["DNSServerList"] = ",".join(str(d) for d in e.dns_servers)
    if e.dns_suffix:
        model["DNSSuffix"] = e.dns_suffix
    if e.enable_internal_dns:
        model["EnableInternalDNS"] = True
    if e.disable_icc:
        model["DisableICC"] = True
    if e.remote:
        model["IsRemoteEndpoint"] = True
    if e.namespace:
        model["Namespace"] = {"ID": e.namespace.lower()}
    synthetic = {"AdditionalParams": {}, "SharedContainers": [], "Version": host.profile.hns_version_number}
    if host.profile.hns_version[0] >= 13:
        synthetic["Resources"] = _endpoint_resources(e)
    subnet = _subnet_of(net, e.ip_address)
    if subnet is not None and subnet.id:
        synthetic["IPSubnetId"] = _guid("ipsubnet", subnet.id).lower()
    if e.remote and net is not None and of(net).encapsulates:
        synthetic["EncapOverhead"] = 50
    d = _finish(model, e, synthetic)
    if host.profile.hns_version[0] < 13:
        return dict(sorted(d.items()))
    rank = {k: i for i, k in enumerate(_ENDPOINT_ORDER)}
    return dict(sorted(d.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def _endpoint_resources(e):
    """The ``Resources`` block newer HNS returns on an endpoint (fixture 02's shape; its ids
    derived from the endpoint's)."""
    return {
        "AdditionalParams": {},
        "AllocationOrder": 0,
        "CompartmentOperationTime": 0,
        "Flags": 0,
        "Health": _health(e.id + "resources"),
        "ID": _guid("resources", e.id),
        "PortOperationTime": 0,
        "State": 1,
        "SwitchOperationTime": 0,
        "VfpOperationTime": 0,
        "parentId": _guid("resources-parent", e.network_id),
    }


def _subnet_of(net, ip):
    if net is None or ip is None:
        return None
    return next((s for s in net.subnets if ip in s.prefix), None)


def policylist_v1(policy_list, host=None):
    """A policy list as ``Get-HnsPolicyList | ConvertTo-Json`` prints it."""
    pl = policy_list
    model = {
        "ID": pl.id,
        "References": [f"/endpoints/{r if imported(pl) else r.lower()}" for r in pl.references],
        "Policies": [p.v1() for p in pl.policies],
    }
    synthetic = {"State": 1}
    if pl.network_id:
        synthetic["HostComputeNetwork"] = pl.network_id
    if host is not None:
        synthetic["Version"] = host.profile.hns_version_number
    return dict(sorted(_finish(model, pl, synthetic).items()))


# ---------------------------------------------------------------- v2


def network_v2(network, host):
    """A ``HostComputeNetwork`` (HCN v2); a NAT network has no ``Type``, as HNS omits enum 0."""
    n = network
    policies = [p.v2() for p in n.policies]
    if n.adapter and of(n).external_switch:
        policies.append({"Type": "NetAdapterName", "Settings": {"NetworkAdapterName": n.adapter}})
    if n.management_ip is not None:
        policies.append({"Type": "ProviderAddress", "Settings": {"ProviderAddress": str(n.management_ip)}})
    if n.dr_mac:
        policies.append({"Type": "DrMacAddress", "Settings": {"Address": n.dr_mac}})
    d = {"ID": n.id, "Name": n.hns_name}
    if n.hns_type != "NAT":  # HCN v2 omits an enum's zero value, and NAT is 0
        d["Type"] = n.hns_type
    d["Policies"] = policies
    if n.mac_pool is not None:
        d["MacPool"] = {
            "Ranges": [{"StartMacAddress": n.mac_pool.start_mac, "EndMacAddress": n.mac_pool.end_mac}]
        }
    _set_dns_v2(d, n.dns_suffix, n.dns_servers)
    d["Ipams"] = [{"Type": "Dhcp" if n.dhcp else "Static", "Subnets": [_subnet_v2(s) for s in n.subnets]}]
    d["Flags"] = (
        int((n.extra or {}).get("Flags", 0) or 0)
        if imported(n)
        else (host.profile.network_flags if n.created_by_docker else 0)
    )
    d["SchemaVersion"] = _schema(host)
    return d


def _set_dns_v2(d, suffix, servers):
    """HCN v2 ``Dns`` ({Domain, ServerList}) of a network or endpoint, when it has any."""
    dns = {}
    if suffix:
        dns["Domain"] = suffix
    if servers:
        dns["ServerList"] = [str(s) for s in servers]
    if dns:
        d["Dns"] = dns


def _subnet_v2(subnet):
    d = {"IpAddressPrefix": str(subnet.prefix), "Policies": [p.v2() for p in subnet.policies]}
    if subnet.id:
        d["ID"] = subnet.id
    if subnet.gateway is not None:
        d["Routes"] = [{"NextHop": str(subnet.gateway), "DestinationPrefix": "0.0.0.0/0"}]
    return d


def endpoint_v2(endpoint, host):
    """A ``HostComputeEndpoint`` (HCN v2)."""
    e = endpoint
    d = {"ID": e.id, "Name": e.name, "HostComputeNetwork": e.network_id}
    if e.namespace:
        d["HostComputeNamespace"] = e.namespace
    d["Policies"] = [p.v2() for p in e.policies]
    if e.ip_address is not None:
        ipc = {"IpAddress": str(e.ip_address)}
        if e.prefix_length is not None:
            ipc["PrefixLength"] = e.prefix_length
        d["IpConfigurations"] = [ipc]
    _set_dns_v2(d, e.dns_suffix, e.dns_servers)
    if e.gateway is not None:
        d["Routes"] = [{"NextHop": str(e.gateway), "DestinationPrefix": "0.0.0.0/0"}]
    if e.mac_address:
        d["MacAddress"] = e.mac_address
    d["Flags"] = (REMOTE_ENDPOINT if e.remote else 0) | (DISABLE_ICC if e.disable_icc else 0)
    d["SchemaVersion"] = _schema(host)
    return d


def namespace_v2(namespace, host):
    """A ``HostComputeNamespace``: the compartment and the endpoints in it."""
    ns = namespace
    resources = [{"Type": "Endpoint", "Data": {"ID": eid}} for eid in ns.endpoints]
    if ns.container:
        c = host.containers.get(ns.container)
        resources.insert(0, {"Type": "Container", "Data": {"ID": c.id if c else ns.container}})
    return {
        "ID": ns.id,
        "NamespaceId": ns.compartment_id,
        "Type": "HostDefault" if ns.default else "Host",
        "Resources": resources,
        "SchemaVersion": _schema(host),
    }


def policylist_v2(policy_list, host):
    """A load-balancer policy list as a ``HostComputeLoadBalancer``; other lists keep the v1 base shape."""
    pl = policy_list
    lbs = [p for p in pl.policies if p.v2_type == "LoadBalancer"]
    if not lbs or len(lbs) != len(pl.policies):
        return {
            "ID": pl.id,
            "References": [f"/endpoints/{r}" for r in pl.references],
            "Policies": [p.v2() for p in pl.policies],
            "SchemaVersion": _schema(host),
        }
    first = lbs[0]
    d = {
        "ID": pl.id,
        "HostComputeEndpoints": list(pl.references),
        "SourceVIP": first.source_vip,
        "FrontendVIPs": list(first.vips),
        "PortMappings": [
            {
                "Protocol": p.protocol,
                "InternalPort": p.internal_port,
                "ExternalPort": p.external_port,
                "Flags": 1 if p.ilb else 0,
            }
            for p in lbs
        ],
        "Flags": 1 if first.dsr else 0,
    }
    if pl.network_id:
        d["HostComputeNetwork"] = pl.network_id
    d["SchemaVersion"] = _schema(host)
    return d


# ---------------------------------------------------------------- whole host


def dump_hns(lab: Lab, version: int = 1, host: str | Host | None = None) -> dict[str, Any]:
    """Every HNS object of one host: ``{"networks": […], "endpoints": […], "policylists": […]}``.

    ``lab`` is a Lab (``host`` names which host; the first by default) or a Host.  Version 2
    also lists ``namespaces``.  Objects are sorted by id.  ``load_hns`` reads the result back.
    """
    if version not in (1, 2):
        from ..engine.errors import InvalidParameter

        raise InvalidParameter(f"version must be 1 or 2, not {version!r}")
    h = lab.host(host) if hasattr(lab, "hosts") else lab
    nets = sorted(h.hns_networks.values(), key=lambda n: n.id)
    eps = sorted(h.endpoints.values(), key=lambda e: e.id)
    pls = sorted(h.policy_lists, key=lambda p: p.id)
    if version == 1:
        return {
            "networks": [network_v1(n, h) for n in nets],
            "endpoints": [endpoint_v1(e, h) for e in eps],
            "policylists": [policylist_v1(p, h) for p in pls],
        }
    return {
        "networks": [network_v2(n, h) for n in nets],
        "endpoints": [endpoint_v2(e, h) for e in eps],
        "policylists": [policylist_v2(p, h) for p in pls],
        "namespaces": [namespace_v2(ns, h) for ns in sorted(h.namespaces.values(), key=lambda n: n.id)],
    }
