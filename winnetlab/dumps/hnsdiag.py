"""``hnsdiag list …`` text back into v1-shaped dicts.

``hnsdiag.exe`` (the HNS diagnostics tool in System32) prints two layouts, depending on
the Windows build:

* blocks, one per object (Windows 10 2004 and later)::

      Endpoint         : 358e0976-6127-45a9-97fb-7478f93a5eb9
          Name             : Ethernet
          IP Address       : 172.21.246.55

* sections of tables (WS2019-era builds)::

      Networks:
      Name             ID
      nat              B5083512-BE1D-4326-B58F-56CA5154E8D5

      Endpoints:
      Name             ID                                   Virtual Network Name
      Ethernet         11796e63-07b3-4199-91d5-9bc25108fb41 vxlan0

      LoadBalancers:
      ID                                   | Virtual IPs      | Direct IP IDs
      326f84d7-35ec-4355-a60a-e82e2b05ec24 |  10.96.0.1       | ba06178e-…

Both carry only a few fields per object (names, ids, addresses).  The labels are mapped
to the HNS v1 field names (``IP Address`` -> ``IPAddress``); labels this parser does not
know are kept under their own text.
"""

import re

GUID = r"\{?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}?"
_BLOCK_HEAD = re.compile(
    rf"^(Network|Endpoint|Namespace|LoadBalancer|Load Balancer|Policy ?List)\s*:\s*{GUID}\s*$", re.IGNORECASE
)
_BLOCK_LINE = re.compile(r"^\s+([A-Za-z][\w ()./-]*?)\s*:\s*(.*?)\s*$")
_SECTION = re.compile(
    r"^(Networks|Endpoints|Namespaces|LoadBalancers|Load Balancers|PolicyLists)\s*:\s*$", re.IGNORECASE
)
_ROW_WITH_GUID = re.compile(rf"^(.*?)\s*{GUID}\s*(.*?)\s*$")
_GUID_ONLY = re.compile(GUID)

KINDS = {
    "network": "network",
    "endpoint": "endpoint",
    "namespace": "namespace",
    "loadbalancer": "policylist",
    "load balancer": "policylist",
    "policylist": "policylist",
    "policy list": "policylist",
    "networks": "network",
    "endpoints": "endpoint",
    "namespaces": "namespace",
    "loadbalancers": "policylist",
    "load balancers": "policylist",
    "policylists": "policylist",
}

LABELS = {
    "name": "Name",
    "ip address": "IPAddress",
    "ipaddress": "IPAddress",
    "type": "Type",
    "mac address": "MacAddress",
    "macaddress": "MacAddress",
    "virtual network": "VirtualNetwork",
    "virtual network name": "VirtualNetworkName",
    "network": "VirtualNetwork",
    "network name": "VirtualNetworkName",
    "prefix length": "PrefixLength",
    "gateway": "GatewayAddress",
    "gateway address": "GatewayAddress",
    "state": "State",
    "management ip": "ManagementIP",
    "network adapter name": "NetworkAdapterName",
}


def looks_like_hnsdiag(text):
    head = text[:200_000]
    return bool(
        re.search(
            rf"^(Network|Endpoint|Namespace|LoadBalancer)\s*:\s*{GUID}\s*$",
            head,
            re.IGNORECASE | re.MULTILINE,
        )
        or re.search(r"^(Networks|Endpoints|LoadBalancers):\s*$", head, re.MULTILINE)
    )


def parse_hnsdiag(text):
    """Every object in hnsdiag text: a list of ``(kind, fields dict)``."""
    objects = []
    current = None
    section = None
    header_seen = False
    for raw in text.splitlines():
        line = raw.rstrip()
        head = _BLOCK_HEAD.match(line)
        if head:
            current = (KINDS[head.group(1).lower()], {"ID": head.group(2)})
            objects.append(current)
            section = None
            continue
        sect = _SECTION.match(line)
        if sect:
            section, header_seen, current = KINDS[sect.group(1).lower()], False, None
            continue
        if not line.strip():
            section = None if section and header_seen else section
            current = None
            continue
        if current is not None:
            item = _BLOCK_LINE.match(line)
            if item:
                current[1][LABELS.get(item.group(1).lower(), item.group(1))] = item.group(2)
            continue
        if section is not None:
            if not _GUID_ONLY.search(line):
                header_seen = True  # the column header line
                continue
            header_seen = True
            row = _row(section, line)
            if row:
                objects.append((section, row))
    return [(kind, fields) for kind, fields in objects if fields.get("ID")]


def _row(kind, line):
    if "|" in line:
        cells = [c.strip() for c in line.split("|")]
        guid = _GUID_ONLY.fullmatch(cells[0])
        if not guid:
            return None
        if kind == "policylist":
            vips = cells[1].split() if len(cells) > 1 else []
            dips = [g for g in (cells[2].split() if len(cells) > 2 else []) if _GUID_ONLY.fullmatch(g)]
            return {"ID": guid.group(1), "FrontendVIPs": vips, "HostComputeEndpoints": dips}
        if kind == "namespace":
            eps = [g for g in (cells[1].split() if len(cells) > 1 else []) if _GUID_ONLY.fullmatch(g)]
            return {"ID": guid.group(1), "Resources": [{"Type": "Endpoint", "Data": {"ID": e}} for e in eps]}
        return {"ID": guid.group(1)}
    match = _ROW_WITH_GUID.match(line)
    if not match:
        return None
    fields = {"ID": match.group(2)}
    if match.group(1):
        fields["Name"] = match.group(1)
    if match.group(3) and kind == "endpoint":
        fields["VirtualNetworkName"] = match.group(3)
    return fields
