"""Read real HNS dumps: find every network, endpoint, policy list and namespace in them.

People who debug Windows containers save HNS state in many shapes, and this module
accepts them all and hands the importer plain records:

* sources: file paths, a folder (e.g. the output folder of Microsoft's ``collectlogs.ps1``:
  ``network.txt``, ``endpoint.txt``, ``policy.txt``, ``namespaces.txt``, ``hnsdiag.txt``…
  found by name and by content), text, bytes, or already-parsed JSON (dicts/lists);
* encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (what ``>`` writes in
  Windows PowerShell 5.1), UTF-16 without BOM, and Windows-1252 as a last resort;
* formats: HNS v1 (``Get-Hns* | ConvertTo-Json``), HCN v2 (``HostCompute*`` objects with
  ``SchemaVersion``), the raw v1 reply envelope ``{"Output": …, "Success": true}``, JSON
  inside logs and consoles (see :mod:`.jsontext`), PowerShell Format-List text
  (:mod:`.formatlist`) and ``hnsdiag list`` text (:mod:`.hnsdiag`).

Nothing here raises on bad input: what cannot be read becomes a plain-language warning,
and one broken object never costs the rest of the file.  Sizes and nesting are capped so
that hostile input is refused in bounded time and memory.
"""

import json
import os
import re
from dataclasses import dataclass, field

from ..engine import ids
from .formatlist import looks_like_format_list, parse_format_list
from .hnsdiag import hnsdiag_kinds, looks_like_hnsdiag, parse_hnsdiag
from .jsontext import find_documents

MAX_FILE_BYTES = 64 * 1024 * 1024  # a dump of 20,000 endpoints is ~40 MB of ConvertTo-Json
MAX_FOLDER_FILES = 500
MAX_FOLDER_DEPTH = 4
MAX_OBJECTS = 200_000  # HNS objects per source
MAX_NESTING = 64  # real HNS objects nest < 15 levels
TEXT_SUFFIXES = {"", ".txt", ".json", ".log", ".out", ".csv"}
HNS_FILE_HINTS = ("network", "endpoint", "policy", "namespace", "hns", "loadbalancer", "collect")
HNS_MARKERS = (
    '"VirtualNetwork',
    '"Subnets',
    '"MacPool',
    '"Ipams',
    '"HostComputeNetwork',
    '"HostComputeEndpoints',
    '"IsRemoteEndpoint',
    '"References',
    '"NamespaceId',
    "VirtualNetwork",
    "MacPools",
    "Endpoint  ",
    "Networks:",
    "Network  ",
    "IPAddress",
)

NETWORK_TYPES = {
    "nat",
    "ics",
    "transparent",
    "l2bridge",
    "l2tunnel",
    "overlay",
    "private",
    "internal",
    "mirrored",
    "infiniband",
    "constrainedics",
    "layered",
}
KINDS = ("network", "endpoint", "policylist", "namespace")
# a Docker daemon log line (``level=debug msg=…``) or dockerd's HNS call trace
DOCKERD = re.compile(r"level=\w+ msg=|Network Response :|HNSNetwork Request|dockerd", re.IGNORECASE)
_CONTAINER_KEYS = {
    "networks": "network",
    "endpoints": "endpoint",
    "policylists": "policylist",
    "policylist": "policylist",
    "loadbalancers": "policylist",
    "namespaces": "namespace",
}


@dataclass
class Record:
    """One HNS object as found in a dump: ``kind``, ``schema`` ("v1"/"v2"), the raw fields."""

    kind: str
    schema: str
    data: dict
    origin: str  # "network.txt", "text", "object 3 of network.txt" …
    fmt: str = "json"  # "json", "format-list", "hnsdiag"
    truncated: bool = False
    part: int = 0  # which of the sources given to read() it came from (a file, a folder…)
    dockerd: bool = False  # found in a Docker daemon log: Docker runs on that machine

    @property
    def id(self):
        return get_field(self.data, "ID", "Id")


@dataclass
class Reading:
    """What :func:`read` found: records (merged by kind and ID), warnings and notes, in order.

    ``complete`` holds ``(part, kind)`` for the sources that list *every* object of a kind
    on their machine (``hnsdiag list all``, a collectlogs ``endpoint.txt``, an HNS reply
    envelope or a ``dump_hns`` file): only there does "not in the dump" mean "not on the host".
    ``links`` holds pairs of parts that hold the same object (by kind and ID).
    """

    records: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    complete: set = field(default_factory=set)
    links: set = field(default_factory=set)


_LOWERED = [None, None, 0]  # the last dict looked into, its lower-case key map, its size


def get_field(data, *names):
    """The value of the first of ``names`` present in ``data``, matching case-insensitively.

    Exact names are tried first; the lower-case key map of the last dict asked about is
    kept, since the importer asks one object for many fields in a row.
    """
    if not isinstance(data, dict):
        return None
    for name in names:
        if name in data:
            return data[name]
    if _LOWERED[0] is not data or _LOWERED[2] != len(data):
        lowered = {}
        for key in data:
            if isinstance(key, str):
                lowered.setdefault(key.lower(), key)
        _LOWERED[:] = [data, lowered, len(data)]
    lowered = _LOWERED[1]
    for name in names:
        key = lowered.get(name.lower())
        if key is not None:
            return data[key]
    return None


def read(*sources):
    """Read every source; never raises on bad input (problems become ``warnings``)."""
    reading = Reading()
    merged = {}
    for part, source in enumerate(sources):
        in_folder = (
            isinstance(source, (str, os.PathLike)) and _is_path(os.fspath(source)) and os.path.isdir(source)
        )
        for label, payload in _expand(source, reading):
            full = _complete_kinds(label, payload, in_folder)
            records = _records_of(label, payload, reading, full)
            cut = {r.kind for r in records if r.truncated}
            reading.complete.update((part, kind) for kind in full - cut)
            for record in records:
                record.part = part
                _merge(record, merged, reading)
    return reading


def _complete_kinds(label, payload, in_folder):
    """The kinds a source lists in full, known before parsing: collectlogs files by name,
    ``hnsdiag list`` sections (the JSON shapes are recognised in :func:`_from_json`).

    ``Get-HnsEndpoint | ConvertTo-Json`` cannot be told apart from a filtered
    ``Get-HnsEndpoint | ? Name -like …``, so a bare array is never taken as complete.
    """
    name = os.path.basename(label).lower()
    by_name = {"network.txt": "network", "endpoint.txt": "endpoint", "policy.txt": "policylist"}
    if name in by_name and in_folder:  # a file of a collectlogs folder
        return {by_name[name]}
    if isinstance(payload, str) and looks_like_hnsdiag(payload):
        return hnsdiag_kinds(payload)
    return set()


def _merge(record, merged, reading):
    """Same kind and ID seen again (network.txt and networkdetailed.txt…): one record.

    The first schema seen wins; a second copy in the same schema adds the fields the first
    lacked (an ``hnsdiag`` line and the full JSON of the same endpoint become one).
    """
    rid = record.id
    key = (record.kind, str(rid).lower()) if isinstance(rid, str) and rid else None
    if key is None:
        reading.records.append(record)
        return
    first = merged.get(key)
    if first is None:
        merged[key] = record
        reading.records.append(record)
        return
    if first.part != record.part:
        reading.links.add((first.part, record.part))
    record.part = first.part
    if first.fmt == "hnsdiag" and record.fmt != "hnsdiag":
        record.data = {**first.data, **record.data}
        reading.records[reading.records.index(first)] = record
        merged[key] = record
        return
    if first.schema == record.schema:
        for k, v in record.data.items():
            first.data.setdefault(k, v)
        first.truncated = first.truncated and record.truncated


# ---------------------------------------------------------------- sources


def _expand(source, reading):
    """Yield ``(label, payload)`` pairs: payload is text, or parsed JSON (dict/list)."""
    if isinstance(source, (dict, list, tuple)):
        yield "JSON value", list(source) if isinstance(source, tuple) else source
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > MAX_FILE_BYTES:
            reading.warnings.append(
                f"bytes: {_mb(len(data))} is more than the {_mb(MAX_FILE_BYTES)} limit; not read"
            )
            return
        text = _decode("bytes", data, reading)
        if text is not None:
            yield "bytes", text
    elif isinstance(source, os.PathLike) or (isinstance(source, str) and _is_path(source)):
        yield from _expand_path(os.fspath(source), reading)
    elif isinstance(source, str):
        if len(source) > MAX_FILE_BYTES:
            reading.warnings.append(
                f"text: {_mb(len(source))} is more than the {_mb(MAX_FILE_BYTES)} limit; not read"
            )
            return
        if _looks_like_missing_path(source):
            reading.warnings.append(f"{source}: no such file or folder")
            return
        yield "text", source
    else:
        reading.warnings.append(
            f"cannot read a {type(source).__name__}: give a path, a folder, text, bytes or parsed JSON"
        )


def _is_path(text):
    if "\n" in text or len(text) > 4096 or text.lstrip()[:1] in ("{", "["):
        return False
    try:
        return os.path.exists(text)
    except (OSError, ValueError):
        return False


def _looks_like_missing_path(text):
    s = text.strip()
    return (
        bool(s)
        and "\n" not in s
        and len(s) < 300
        and " : " not in s
        and s[:1] not in "{[<"
        and (os.sep in s or "/" in s or os.path.splitext(s)[1].lower() in (".json", ".txt", ".log"))
    )


def _expand_path(path, reading):
    name = os.path.basename(path.rstrip("/\\")) or path
    if os.path.isdir(path):
        yield from _expand_folder(path, reading)
        return
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            reading.warnings.append(
                f"{name}: {_mb(size)} is more than the {_mb(MAX_FILE_BYTES)} limit for one dump; not read"
            )
            return
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        reading.warnings.append(f"{name}: cannot be read ({err.strerror or err})")
        return
    reading.sources.append(path)
    text = _decode(name, data, reading)
    if text is not None:
        yield name, text


def _expand_folder(folder, reading):
    """The HNS files of a folder (collectlogs output…), chosen by name and by content."""
    found = []
    base_depth = folder.rstrip(os.sep).count(os.sep)
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        if root.rstrip(os.sep).count(os.sep) - base_depth >= MAX_FOLDER_DEPTH:
            dirs[:] = []
        for fname in sorted(files):
            if os.path.splitext(fname)[1].lower() in TEXT_SUFFIXES:
                found.append(os.path.join(root, fname))
    if len(found) > MAX_FOLDER_FILES:
        reading.warnings.append(
            f"{os.path.basename(folder)}: {len(found)} files; only the first "
            f"{MAX_FOLDER_FILES} were looked at"
        )
        found = found[:MAX_FOLDER_FILES]
    used = 0
    for path in found:
        rel = os.path.relpath(path, folder)
        named = any(h in os.path.basename(path).lower() for h in HNS_FILE_HINTS)
        sink = Reading()
        items = list(_expand_path(path, sink))
        if not named and not any(any(m in text[:1_000_000] for m in HNS_MARKERS) for _, text in items):
            continue
        reading.warnings.extend(sink.warnings)
        reading.sources.extend(sink.sources)
        used += 1
        for _, text in items:
            yield rel, text
    if not used:
        reading.warnings.append(
            f"{os.path.basename(folder.rstrip(os.sep)) or folder}: no HNS dump files found in this folder"
        )


def _mb(n):
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


# ---------------------------------------------------------------- encodings

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xef\xbb\xbf", "utf-8", 3),
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\xfe\xff", "utf-16-be", 2),
)


def _decode(label, data, reading):
    """Bytes to text: BOM first, then UTF-16 without BOM, UTF-8, Windows-1252."""
    text = None
    for bom, codec, n in _BOMS:
        if data.startswith(bom):
            text = data[n:].decode(codec, errors="replace")
            break
    if text is None:
        codec = _bomless_utf16(data)
        if codec:
            text = data.decode(codec, errors="replace")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            if not _binary(text):
                reading.warnings.append(f"{label}: not valid UTF-8; read as Windows-1252 text")
    if _binary(text):
        reading.warnings.append(f"{label}: looks like a binary file, not a text dump; not read")
        return None
    if "\ufffd" in text[:1_000_000] and text.count("\ufffd") > 16:
        reading.warnings.append(f"{label}: {text.count(chr(0xFFFD))} characters could not be decoded")
    return text


def _bomless_utf16(data):
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _binary(text):
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v\x1b")
    return "\x00" in sample or controls > 0.02 * len(sample)


# ---------------------------------------------------------------- formats


def _records_of(label, payload, reading, full):
    if not isinstance(payload, str):
        return _from_json(label, payload, reading, full=full)
    if not payload.strip():
        reading.warnings.append(f"{label}: empty")
        return []
    records = []
    documents = find_documents(payload) if '"' in payload else ()  # JSON keys are quoted
    for doc in documents:
        found = _from_json(label, doc.value, reading, truncated=doc.truncated, scanned=True, full=full)
        if found:
            reading.notes.extend(f"{label}: {note}" for note in doc.notes)
            reading.warnings.extend(f"{label}: {problem}" for problem in doc.problems)
        records.extend(found)
    cut = []
    if looks_like_hnsdiag(payload):
        listing = parse_hnsdiag(payload)
        records.extend(Record(kind, "v1", fields, label, fmt="hnsdiag") for kind, fields in listing.objects)
        cut = listing.cut
        reading.warnings.extend(f"{label}: {c}" for c in cut)
    if not records and looks_like_format_list(payload):
        records.extend(_from_format_list(label, payload, reading))
    if DOCKERD.search(payload[:1_000_000]):
        for record in records:
            record.dockerd = True
    if not records and not cut:  # (a listing cut before its first row: the cut says it)
        reading.warnings.append(
            f"{label}: no HNS networks, endpoints, policy lists or namespaces "
            "found (expected Get-Hns* output as JSON or Format-List, HCN JSON "
            "or hnsdiag text)"
        )
    return records


def _from_format_list(label, text, reading):
    out = []
    for n, (fields, truncated) in enumerate(parse_format_list(text), 1):
        kind = classify(fields)
        if kind is None:
            continue
        if truncated:
            reading.warnings.append(
                f"{label}: object {n} ({kind[0]} {get_field(fields, 'Name') or ''})".rstrip()
                + " is cut off at the end of the text (truncated); "
                "read what is there"
            )
        out.append(Record(kind[0], kind[1], fields, label, fmt="format-list", truncated=truncated))
    return out


def _from_json(label, value, reading, truncated=False, scanned=False, full=None):
    """Records from one parsed JSON value: an object, an array, an envelope, a dump_hns dict.

    An envelope whose ``Output`` is a list answers a "list all" request, and a ``dump_hns``
    dict holds whole listings: their kinds are added to ``full``.
    """
    if full is not None and isinstance(value, dict):
        keys = {str(k).lower() for k in value}
        if "output" in keys and isinstance(get_field(value, "Output"), list):
            full.update(KINDS)
        elif keys and keys <= set(_CONTAINER_KEYS) | {"schemaversion", "version", "host"}:
            full.update(kind for key, kind in _CONTAINER_KEYS.items() if key in keys)
    out = []
    for index, (item, expected) in enumerate(_objects(value, label, reading, scanned), 1):
        if index > MAX_OBJECTS:
            reading.warnings.append(f"{label}: more than {MAX_OBJECTS:,} objects; the rest was not read")
            break
        if _too_deep(item):
            reading.warnings.append(
                f"{label}: object {index} is nested more than {MAX_NESTING} "
                "levels deep; not an HNS object, skipped"
            )
            continue
        kind = classify(item, expected)
        if kind is None:
            if not scanned or _hnsish(item):
                keys = ", ".join(sorted(str(k) for k in item)[:6])
                reading.warnings.append(
                    f"{label}: object {index} is not an HNS network, endpoint, "
                    f"policy list or namespace (keys: {keys or 'none'}); skipped"
                )
            continue
        out.append(Record(kind[0], kind[1], item, label, truncated=truncated))
    return out


def _objects(value, label, reading, scanned):
    """Every object in a JSON value, arrays flattened and containers opened (no recursion)."""
    stack = [iter([(value, None)])]
    while stack:
        for item, expected in stack[-1]:
            if isinstance(item, list):
                stack.append((x, expected) for x in item)
                break
            if not isinstance(item, dict):
                if not scanned:
                    reading.warnings.append(
                        f"{label}: skipped a JSON {_json_type(item)} where an HNS object was expected"
                    )
                continue
            inner = _unwrap_container(item, label, reading)
            if inner is not None:
                stack.append(iter(inner))
                break
            yield item, expected
        else:
            stack.pop()


def _unwrap_container(item, label, reading):
    """``{"Output": …, "Success": …}`` and ``{"networks": […], …}`` hold objects, not are them."""
    keys = {k.lower(): k for k in item if isinstance(k, str)}
    if "output" in keys and ("success" in keys or "error" in keys):
        if item.get(keys.get("success")) is False or (
            item.get(keys.get("error")) and not item.get(keys["output"])
        ):
            reading.warnings.append(
                f"{label}: the HNS reply says it failed: {item.get(keys.get('error')) or 'no error text'}"
            )
        output = item.get(keys["output"])
        return [(output, None)] if output is not None else []
    if keys and set(keys) <= set(_CONTAINER_KEYS) | {"schemaversion", "version", "host"}:
        lists = [(item[keys[k]], kind) for k, kind in _CONTAINER_KEYS.items() if k in keys]
        if lists:
            return lists
    return None


def _json_type(value):
    return {str: "string", int: "number", float: "number", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _too_deep(item):
    stack = [(item, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return False


def _hnsish(item):
    keys = {str(k).lower() for k in item}
    return "id" in keys and bool(keys & {"name", "type", "policies", "state", "version"})


def classify(obj, expected=None):
    """``(kind, schema)`` of an HNS object from its keys, or None when it is not one.

    v1 and v2 spell the same things differently (``VirtualNetwork`` vs
    ``HostComputeNetwork``, ``Subnets`` vs ``Ipams``, policy lists vs load balancers);
    keys are compared case-insensitively, as HNS itself does.
    """
    keys = {k.lower() for k in obj if isinstance(k, str)}
    v2 = _schema_major(obj) == 2
    if keys & {"hostcomputeendpoints", "frontendvips", "portmappings", "sourcevip"}:
        return "policylist", "v2"
    if "references" in keys:
        return "policylist", "v2" if v2 else "v1"
    if keys & {"namespaceid", "namespaceguid"}:
        return "namespace", "v2"
    if keys & {
        "resourcelist",
        "compartmentid",
        "compartmendid",
        "compartmentguid",
        "containers",
    } and not keys & {"virtualnetwork", "ipaddress", "subnets", "macaddress"}:
        return "namespace", "v1"
    if keys & {"ipams", "macpool"}:
        return "network", "v2"
    if keys & {"hostcomputenetwork", "ipconfigurations", "hostcomputenamespace"}:
        return "endpoint", "v2"
    if keys & {
        "virtualnetwork",
        "virtualnetworkname",
        "ipaddress",
        "isremoteendpoint",
        "encapoverhead",
        "sharedcontainers",
        "gatewayaddress",
    }:
        return "endpoint", "v1"
    if keys & {
        "subnets",
        "macpools",
        "networkadaptername",
        "managementip",
        "natname",
        "layeredon",
        "drmacaddress",
        "totalendpoints",
        "currentendpointcount",
        "extensions",
    }:
        return "network", "v1"
    net_type = get_field(obj, "Type")
    if isinstance(net_type, str) and net_type.lower() in NETWORK_TYPES and "macaddress" not in keys:
        return "network", "v2" if v2 else "v1"
    if expected and "id" in keys:
        return expected, "v2" if v2 else "v1"
    if v2 and keys & {"dns", "policies", "type"} and "macaddress" not in keys:
        return "network", "v2"
    if "macaddress" in keys and keys & {"id", "name"}:
        return "endpoint", "v2" if v2 else "v1"
    return None


def _schema_major(obj):
    sv = get_field(obj, "SchemaVersion")
    if isinstance(sv, dict):
        major = get_field(sv, "Major")
        return major if isinstance(major, int) and not isinstance(major, bool) else None
    return None


def content_guid(data):
    """A stable made-up GUID for an object that came without an ID (a create request…)."""
    return ids.plain_guid(ids.sha256_hex(json.dumps(data, sort_keys=True, default=str)))
