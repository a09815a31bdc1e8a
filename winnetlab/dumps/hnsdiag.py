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

Pasted into a Markdown reply, the listing arrives quoted with ``> ``, with blank lines
inside a section and a long ``cid-…`` name pushing its row out of the columns; rows are
therefore found by their GUID, not by column positions, and a section ends only at the
next section or a prompt.  A listing cut off by the paste ends in a partial row: that row
alone is reported (:attr:`Listing.cut`), and its kind is not taken as listed in full.
"""

import re
from dataclasses import dataclass, field

from .jsontext import unquote

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
_NOT_A_ROW = re.compile(r'^\s*(PS [A-Za-z]:|[A-Za-z]:\\|[{}\[\]"])|[{}"]')

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


@dataclass
class Listing:
    """What :func:`parse_hnsdiag` found: ``objects`` as ``(kind, fields)``, the kinds
    listed in full, and a description of each cut-off row or block."""

    objects: list = field(default_factory=list)
    kinds: set = field(default_factory=set)
    cut: list = field(default_factory=list)


def looks_like_hnsdiag(text):
    head = unquote(text[:200_000])
    return bool(
        re.search(
            rf"^(Network|Endpoint|Namespace|LoadBalancer)\s*:\s*{GUID}\s*$",
            head,
            re.IGNORECASE | re.MULTILINE,
        )
        or re.search(r"^(Networks|Endpoints|LoadBalancers):\s*$", head, re.MULTILINE)
    )


def hnsdiag_kinds(text):
    """The kinds an ``hnsdiag list`` text lists in full (every section or block kind not cut)."""
    return parse_hnsdiag(text).kinds


def parse_hnsdiag(text):
    """Every object in hnsdiag text, the kinds listed in full and the cut-off record."""
    listing = Listing()
    current = None
    section = None
    header_seen = False
    last = None  # (kind, line) of the last non-blank line inside a section or block
    for raw in unquote(text).splitlines():
        line = raw.rstrip()
        head = _BLOCK_HEAD.match(line)
        if head:
            current = (KINDS[head.group(1).lower()], {"ID": head.group(2)})
            listing.objects.append(current)
            listing.kinds.add(current[0])
            section, last = None, (current[0], line)
            continue
        sect = _SECTION.match(line)
        if sect:
            section, header_seen, current = KINDS[sect.group(1).lower()], False, None
            listing.kinds.add(section)
            last = None
            continue
        if not line.strip():
            current = None  # a block ends at a blank line; a section does not (Markdown)
            continue
        if current is not None:
            item = _BLOCK_LINE.match(line)
            if item:
                current[1][LABELS.get(item.group(1).lower(), item.group(1))] = item.group(2)
                last = (current[0], line)
                continue
            current = None
        if section is None:
            last = ("block", line) if _block_head_start(line) else None
            continue
        if _NOT_A_ROW.search(line):
            section, last = None, None
            continue
        if not _GUID_ONLY.search(line):
            last = (section, line) if header_seen else None
            header_seen = True  # the column header line
            continue
        header_seen = True
        row = _row(section, line)
        if row:
            listing.objects.append((section, row))
        last = None
    _mark_cut(listing, last)
    return listing


def _block_head_start(line):
    return re.match(r"^(Network|Endpoint|Namespace|LoadBalancer)\s*:\s*\S", line, re.IGNORECASE)


def _mark_cut(listing, last):
    """Report the record the text ends in when it is incomplete: a block head or a row
    cut inside its GUID, or a last block that lacks labels every earlier block has."""
    if last is None:
        return
    kind, line = last
    if kind == "block" or not (_BLOCK_LINE.match(line) or _GUID_ONLY.search(line)):
        listing.kinds.discard(kind)
        listing.cut.append(f"the last line is cut off ({line.strip()[:60]!r}); the rest was read")
    elif _block_short(listing.objects):
        listing.kinds.discard(kind)
        listing.cut.append(
            f"the last {kind} ({listing.objects[-1][1]['ID']}) is cut off after "
            f"{line.strip()[:60]!r}; the rest was read"
        )


def _block_short(objects):
    """True when the last block lacks labels that every earlier block of its kind has."""
    kind, fields = objects[-1]
    earlier = [set(f) for k, f in objects[:-1] if k == kind]
    return bool(earlier) and bool(set.intersection(*earlier) - set(fields))


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
