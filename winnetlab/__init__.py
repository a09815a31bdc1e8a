"""winnetlab — Windows container networking (Docker on Windows + HNS) as a teaching lab.

``import winnetlab as wl`` loads only the standard-library engine; the presentation
modules (tables, plot, widgets) and the HNS importer load on first use.
"""

import importlib

from .dumps.diagnose import diagnose
from .engine.errors import Conflict, Exhausted, InvalidParameter, NotFound, Unsupported, WinNetLabError
from .engine.lab import Lab

__version__ = "0.1.0"

# public name -> the module that holds it (loaded on first use: pandas, matplotlib and
# ipywidgets stay out of ``import winnetlab``)
_LAZY_MODULES = {
    "tables": "views.tables",
    "plot": "views.plot",
    "widgets": "notebook.widgets",
    "exercises": "notebook.exercises",
    "hnsjson": "dumps",
    "trace": "walk.trace",
    "report": "views.report",
}
_LAZY_FUNCTIONS = {
    "graph": ("views.netgraph", "graph"),
    "load_hns": ("dumps", "load_hns"),
    "dump_hns": ("dumps", "dump_hns"),
}

__all__ = [
    "Lab",
    "WinNetLabError",
    "InvalidParameter",
    "NotFound",
    "Conflict",
    "Exhausted",
    "Unsupported",
    "__version__",
    "diagnose",
    *sorted(_LAZY_MODULES),
    *sorted(_LAZY_FUNCTIONS),
]


def __getattr__(name):
    if name in _LAZY_FUNCTIONS:
        module, attr = _LAZY_FUNCTIONS[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attr)
        globals()[name] = value  # importing the module bound its name here; the function wins
        return value
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{_LAZY_MODULES[name]}", __name__)
    raise AttributeError(f"module 'winnetlab' has no attribute {name!r}")
