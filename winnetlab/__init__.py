"""winnetlab — Windows container networking (Docker on Windows + HNS) as a teaching lab.

``import winnetlab as wl`` loads only the standard-library engine; the presentation
modules (tables, plot, widgets) and the HNS importer load on first use.
"""

import importlib

from .errors import Conflict, Exhausted, InvalidParameter, NotFound, Unsupported, WinNetLabError
from .lab import Lab
from .diagnose import diagnose   # stdlib-only; imported now so the module never shadows the function

__version__ = "0.1.0"

_LAZY_MODULES = {"tables", "plot", "widgets", "exercises", "hnsjson", "trace", "report"}
_LAZY_FUNCTIONS = {
    "graph": ("netgraph", "graph"),
    "load_hns": ("hnsjson", "load_hns"),
    "dump_hns": ("hnsjson", "dump_hns"),
}

__all__ = ["Lab", "WinNetLabError", "InvalidParameter", "NotFound", "Conflict", "Exhausted",
           "Unsupported", "__version__", "diagnose", *sorted(_LAZY_MODULES), *sorted(_LAZY_FUNCTIONS)]


def __getattr__(name):
    if name in _LAZY_FUNCTIONS:
        module, attr = _LAZY_FUNCTIONS[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attr)
        globals()[name] = value      # importing the module bound its name here; the function wins
        return value
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'winnetlab' has no attribute {name!r}")
