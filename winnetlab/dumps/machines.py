"""Which dumps came from which machine, and what a machine's own address is.

People paste ``Get-HnsNetwork`` from one node, ``Get-HnsEndpoint`` from another and a
kube-proxy log from a third.  Put on one host, three nodes' NAT prefixes would look like
one host with three prefixes.  So the sources given to ``load_hns`` are grouped:

1. by the objects' own references — an endpoint's ``VirtualNetwork`` GUID names a
   network of its machine, a policy list's ``References`` (or a load balancer's
   ``HostComputeEndpoints``) and a namespace's resources name endpoints of its machine,
   and the same object (kind and ID) seen in two sources is one object;
2. then by address — networks with the same ``ManagementIP`` (or local endpoints with
   the same PA) are on the same machine;
3. a source that links to nothing is its own machine.

A folder (the output of ``collectlogs.ps1``) is one source, so its files stay one host.
Names are not links: every Docker host has a network called ``nat``.
"""

import ipaddress

from .reader import get_field


def machines(reading):
    """The records of ``reading`` grouped by machine, in the order the sources came."""
    parts = sorted({r.part for r in reading.records})
    parent = {p: p for p in parts}

    def root(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a, b):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in reading.links:
        union(a, b)
    owner = {}  # (kind, lower id) -> part
    for r in reading.records:
        if isinstance(r.id, str) and r.id:
            owner.setdefault((r.kind, r.id.strip().lower()), r.part)
    for r in reading.records:
        for kind, ref in _references(r):
            other = owner.get((kind, ref))
            if other is not None:
                union(r.part, other)
    by_address = {}
    for r in reading.records:
        address = _own_address(r)
        if address is not None:
            union(r.part, by_address.setdefault(address, r.part))
    groups = {}
    for r in reading.records:
        groups.setdefault(root(r.part), []).append(r)
    return [groups[k] for k in sorted(groups)]


def _references(record):
    """``(kind, lower id)`` of the objects a record names by GUID."""
    d = record.data
    if record.kind == "endpoint":
        net = get_field(d, "VirtualNetwork", "HostComputeNetwork")
        if isinstance(net, str) and net:
            yield "network", net.strip().lower()
    elif record.kind == "policylist":
        for ref in _list(get_field(d, "References")) + _list(get_field(d, "HostComputeEndpoints")):
            if isinstance(ref, str) and ref:
                yield "endpoint", ref.rsplit("/", 1)[-1].strip().lower()
    elif record.kind == "namespace":
        for res in _list(get_field(d, "Resources", "ResourceList")):
            data = get_field(res, "Data") if isinstance(res, dict) else None
            rid = get_field(data if isinstance(data, dict) else res, "ID")
            if isinstance(rid, str) and rid:
                yield "endpoint", rid.strip().lower()


def _list(value):
    return value if isinstance(value, list) else []


def _own_address(record):
    """The address of the machine a record was taken on, when the record says it.

    A network's ``ManagementIP`` (v1) or ``ProviderAddress`` policy (v2), and the PA
    policy of a *local* endpoint (a remote endpoint's PA is the other machine's).
    """
    d = record.data
    if record.kind == "network":
        found = get_field(d, "ManagementIP")
        if not found:
            found = _policy_setting(d, ("provideraddress",), ("ProviderAddress",))
        return _ipv4(found)
    if record.kind == "endpoint" and not _remote(d):
        return _ipv4(_policy_setting(d, ("pa", "provideraddress"), ("PA", "ProviderAddress")))
    return None


def _remote(d):
    flag = get_field(d, "IsRemoteEndpoint")
    if flag is True or (isinstance(flag, str) and flag.lower() == "true"):
        return True
    flags = get_field(d, "Flags")
    return isinstance(flags, int) and not isinstance(flags, bool) and bool(flags & 1) and "SchemaVersion" in d


def _policy_setting(d, types, keys):
    for policy in _list(get_field(d, "Policies")):
        if not isinstance(policy, dict):
            continue
        ptype = get_field(policy, "Type")
        if isinstance(ptype, str) and ptype.lower() in types:
            settings = get_field(policy, "Settings")
            value = get_field(settings if isinstance(settings, dict) else policy, *keys)
            if value:
                return value
    return None


def _ipv4(value):
    try:
        address = ipaddress.ip_address(str(value).strip()) if value else None
    except ValueError:
        return None
    return address if address is not None and address.version == 4 else None


def host_address(records):
    """The machine's own address from its records (see :func:`_own_address`), or None."""
    for kind in ("network", "endpoint"):
        for r in records:
            if r.kind == kind:
                address = _own_address(r)
                if address is not None:
                    return address
    return None
