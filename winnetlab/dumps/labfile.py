"""Save a whole lab to JSON and load it back, so that it continues exactly where it was.

A notebook hands its lab to the next one with ``lab.save("lab.json")`` and
``wl.Lab.load("lab.json")``.  The file holds the complete engine state — hosts, adapters,
vSwitches, HNS networks and endpoints, containers, WinNAT, swarm, address and MAC pools,
and the seed and counters behind every generated id — so the loaded lab gives the same
answers and the same *future* ids as the original would.

Format (versioned): ``{"format": "winnetlab-lab", "version": 2, "winnetlab": "<version>",
"lab": <object graph>}``.  The object graph is written generically: engine objects as
``{"$o": "module:Class", "$id": n, "f": {field: value}}`` (a second reference to the same
object is ``{"$ref": n}``, so shared and cyclic references survive), tuples, sets and
non-string-keyed dicts with ``$t``/``$s``/``$fs``/``$d`` markers, and IP addresses,
networks and interfaces as strings with ``$ip``/``$net``/``$if``.  Loading instantiates
only classes defined in ``winnetlab`` modules — nothing else in a file can be executed —
and a file that is not a lab file gives a one-line ``InvalidParameter``.
"""

import base64
import importlib
import ipaddress
import json
import os

from ..engine.errors import InvalidParameter, NotFound

FORMAT = "winnetlab-lab"
# 2: the lab-wide pools in Lab.pools, the routing mesh ports in Host._mesh_ports; 3: address and
# MAC pools as bitmaps (bytearray, "$ba").  1 and 2 still load.
VERSION = 3
_IP_TYPES = {
    ipaddress.IPv4Address: "$ip",
    ipaddress.IPv6Address: "$ip",
    ipaddress.IPv4Network: "$net",
    ipaddress.IPv6Network: "$net",
    ipaddress.IPv4Interface: "$if",
    ipaddress.IPv6Interface: "$if",
}
_IP_PARSERS = {"$ip": ipaddress.ip_address, "$net": ipaddress.ip_network, "$if": ipaddress.ip_interface}


def save(lab, path):
    """Write ``lab`` to ``path`` as versioned JSON (byte-identical for identical labs)."""
    from .. import __version__

    document = {"format": FORMAT, "version": VERSION, "winnetlab": __version__, "lab": _Encoder().encode(lab)}
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    with open(os.fspath(path), "w", encoding="utf-8") as fh:
        fh.write(text)
    return os.fspath(path)


def load(path):
    """Read a lab written by :func:`save`; raises ``NotFound``/``InvalidParameter`` otherwise."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as fh:
            document = json.load(fh)
    except FileNotFoundError:
        raise NotFound(f"no such lab file: {name}") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        raise InvalidParameter(f"{name} is not a winnetlab lab file ({_reason(err)})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidParameter(f'{name} is not a winnetlab lab file (no "format": "{FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise InvalidParameter(
            f"{name} was saved by a newer winnetlab ({document.get('winnetlab')}, "
            f"file version {version}); this one reads version {VERSION}"
        )
    try:
        lab = _Decoder().decode(document.get("lab"))
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as err:
        raise InvalidParameter(f"{name} is damaged: {_reason(err)}") from None
    from ..engine.lab import Lab

    if not isinstance(lab, Lab):
        raise InvalidParameter(f"{name} does not hold a lab")
    return lab


def _reason(err):
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text[:160]


class _Encoder:
    """Object graph -> JSON-able values, remembering objects already written."""

    def __init__(self):
        self.ids = {}

    def encode(self, value):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        kind = type(value)
        if kind is list:
            return [self.encode(v) for v in value]
        if kind is tuple:
            return {"$t": [self.encode(v) for v in value]}
        if kind in (set, frozenset):
            items = sorted((self.encode(v) for v in value), key=lambda e: json.dumps(e, sort_keys=True))
            return {"$s" if kind is set else "$fs": items}
        if kind is dict:
            if all(isinstance(k, str) and not k.startswith("$") for k in value):
                return {k: self.encode(v) for k, v in value.items()}
            return {"$d": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        if kind in _IP_TYPES:
            return {_IP_TYPES[kind]: str(value)}
        if kind is bytearray:
            return {"$ba": base64.b64encode(value).decode("ascii")}
        return self.encode_object(value)

    def encode_object(self, obj):
        cls = type(obj)
        if not cls.__module__.startswith("winnetlab.") or isinstance(obj, type):
            raise TypeError(f"cannot save a {cls.__module__}.{cls.__qualname__} in a lab file")
        key = id(obj)
        if key in self.ids:
            return {"$ref": self.ids[key]}
        n = self.ids[key] = len(self.ids)
        return {
            "$o": f"{cls.__module__}:{cls.__qualname__}",
            "$id": n,
            "f": {name: self.encode(v) for name, v in _fields(obj)},
        }


def _fields(obj):
    transient = getattr(type(obj), "LABFILE_TRANSIENT", ())
    if hasattr(obj, "__dict__"):
        yield from ((k, v) for k, v in vars(obj).items() if k not in transient)
    for klass in type(obj).__mro__:
        for name in getattr(klass, "__slots__", ()):
            if name != "__weakref__" and name != "__dict__" and hasattr(obj, name):
                yield name, getattr(obj, name)


class _Decoder:
    """JSON values -> object graph; only ``winnetlab`` classes are instantiated."""

    def __init__(self):
        self.objects = {}

    def decode(self, value):
        if value is None or isinstance(value, (bool, int, float, str)):
            return value
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if not isinstance(value, dict):
            raise TypeError(f"unexpected {type(value).__name__}")
        if "$o" in value:
            return self.decode_object(value)
        if "$ref" in value:
            return self.objects[value["$ref"]]
        if "$t" in value:
            return tuple(self.decode(v) for v in value["$t"])
        if "$s" in value:
            return {self.decode(v) for v in value["$s"]}
        if "$fs" in value:
            return frozenset(self.decode(v) for v in value["$fs"])
        if "$d" in value:
            return {self.decode(k): self.decode(v) for k, v in value["$d"]}
        if "$ba" in value:
            return bytearray(base64.b64decode(value["$ba"], validate=True))
        for marker, parse in _IP_PARSERS.items():
            if marker in value:
                return parse(value[marker])
        return {k: self.decode(v) for k, v in value.items()}

    def decode_object(self, value):
        cls = _class(value["$o"])
        obj = cls.__new__(cls)
        self.objects[value["$id"]] = obj
        former = {}
        for name, field_value in value["f"].items():
            decoded = self.decode(field_value)
            try:
                object.__setattr__(obj, name, decoded)
            except AttributeError:  # a field the class had when the file was saved, not now
                former[name] = decoded
        if former:
            upgrade_former = getattr(obj, "upgrade_former_fields", None)
            if upgrade_former is None:
                raise AttributeError(f"{cls.__qualname__} has no field {next(iter(former))!r}")
            upgrade_former(former)
        upgrade = getattr(obj, "upgrade_loaded_state", None)
        if upgrade is not None:  # a class whose saved form changed reads its older form
            upgrade()
        return obj


# where the classes of winnetlab 0.1's flat layout live now (lab files saved by 0.1 still load)
_MOVED = {
    f"winnetlab.{old}": f"winnetlab.engine.{old}"
    for old in (
        "addressing",
        "hns",
        "hyperv",
        "lab",
        "policies",
        "ports",
        "profiles",
        "swarm",
        "vfp",
        "winnat",
        "host",
        "drivers.base",
        "drivers.nat",
        "drivers.transparent",
        "drivers.overlay",
        "drivers.l2bridge",
        "drivers.l2tunnel",
    )
}
# classes whose module was split or renamed: old "module:Class" -> new module
_MOVED_CLASSES = {
    f"{module}:{cls}": new
    for module in ("winnetlab.records", "winnetlab.engine.records")
    for cls, new in (
        ("Event", "winnetlab.engine.event"),
        ("Container", "winnetlab.engine.docker_container"),
        ("StartConfig", "winnetlab.engine.docker_container"),
    )
} | {
    f"{module}:IdSource": "winnetlab.engine.ids"
    for module in ("winnetlab.addressing", "winnetlab.engine.addressing")
}


def _class(path):
    module_name, _, qualname = str(path).partition(":")
    if not module_name.startswith("winnetlab.") or not qualname or "<" in qualname:
        raise ValueError(f"refusing to create {path!r}: not a winnetlab class")
    module_name = _MOVED_CLASSES.get(f"{module_name}:{qualname}", _MOVED.get(module_name, module_name))
    try:
        obj = importlib.import_module(module_name)
    except ImportError:
        raise ValueError(f"unknown class {path!r}") from None
    for part in qualname.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, type):
        raise ValueError(f"{path!r} is not a class")
    return obj
