"""Real HNS dumps in, HNS-shaped JSON out.

``load_hns(*sources)`` reads ``Get-HnsNetwork``/``Get-HnsEndpoint``/``Get-HnsPolicyList``
output (JSON or Format-List), HCN v2 JSON, ``hnsdiag`` text, logs and collectlogs folders
into a Lab whose single host holds the imported objects (:mod:`.reader`, :mod:`.importer`);
``dump_hns(lab)`` writes a host's state in the v1 or v2 shape (:mod:`.export`).
"""

from .export import dump_hns
from .importer import load_hns

__all__ = ["load_hns", "dump_hns"]
