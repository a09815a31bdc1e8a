"""winnetlab — Windows container networking (Docker on Windows + HNS) as a teaching lab.

``import winnetlab as wl`` loads only the standard-library engine; the presentation
modules (tables, plot, widgets) and the HNS importer load on first use — also after
``from winnetlab import *``, which binds them as lazy modules that run on first attribute
access (so pandas, matplotlib and ipywidgets load only when used).
"""

import importlib
import importlib.util
import sys

from . import i18n
from .engine.errors import Conflict, Exhausted, InvalidParameter, NotFound, Unsupported, WinNetLabError
from .engine.lab import Lab
from .i18n import set_language

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
    "scenarios": "scenarios",
}
_LAZY_FUNCTIONS = {
    "diagnose": ("dumps.diagnose", "diagnose"),
    "fold": ("views.fold", "fold"),
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
    "i18n",
    "set_language",
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
        return _lazy_module(f"{__name__}.{_LAZY_MODULES[name]}")
    raise AttributeError(f"module 'winnetlab' has no attribute {name!r}")


def _lazy_module(fullname):
    """The module ``fullname``, imported or — until an attribute is read — only located."""
    if fullname in sys.modules:
        return sys.modules[fullname]
    spec = importlib.util.find_spec(fullname)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[fullname] = module
    parent, _, child = fullname.rpartition(".")
    setattr(sys.modules[parent], child, module)
    spec.loader.exec_module(module)
    return module
