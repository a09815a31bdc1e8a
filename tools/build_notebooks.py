"""Build the tutorials: tools/notebook_src/NN-name.py -> notebooks/NN-name.ipynb, executed.

    python tools/build_notebooks.py              # every tutorial
    python tools/build_notebooks.py 01-nat       # only these

The sources are plain Python in the "percent" format (``# %%`` starts a code cell,
``# %% [markdown]`` a Markdown cell whose lines start with ``# ``), which keeps reviews and
diffs readable.  Each notebook is then executed on a fresh kernel with
``jupyter nbconvert --execute --to notebook --inplace`` (outputs are kept for nbval and for
readers), what changes from run to run without meaning is stripped (see
:func:`strip_run_noise`), and the result is copied into the package by
tools/sync_notebooks.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import sync_notebooks

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "notebook_src"
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def cells_from_source(text):
    """Split a percent-format source into (cell_type, source) pairs."""
    cells, kind, lines = [], None, []
    for line in text.splitlines():
        if line.startswith("# %%"):
            if kind is not None:
                cells.append((kind, lines))
            kind, lines = ("markdown" if "[markdown]" in line else "code"), []
        elif kind == "markdown":
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        elif kind is not None:
            lines.append(line)
    if kind is not None:
        cells.append((kind, lines))
    return [(k, "\n".join(ls).strip("\n")) for k, ls in cells if "\n".join(ls).strip()]


def notebook(cells):
    """An nbformat-4 notebook dict with outputs cleared."""

    def cell(kind, source):
        body = {"cell_type": kind, "metadata": {}, "source": source.splitlines(True)}
        if kind == "code":
            body.update(execution_count=None, outputs=[])
        return body

    return {
        "cells": [cell(k, s) for k, s in cells],
        "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write(path, nb):
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def execute(path):
    """Run the notebook top to bottom on a fresh kernel, keeping the outputs."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--execute",
            "--to",
            "notebook",
            "--inplace",
            "--ExecutePreprocessor.timeout=300",
            str(path),
        ],
        check=True,
        env=env,
        cwd=path.parent,
    )


def strip_run_noise(path):
    """Remove what changes from run to run without teaching anything, so a rebuild is
    byte-identical: ``metadata.widgets`` (widget state), per-cell execution timestamps, and
    the random widget model ids in outputs (replaced by the cell's id; a saved widget view
    only renders after the cell is run again anyway, since its state is not kept)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"].pop("widgets", None)
    for number, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{number:02d}"
        cell["metadata"].pop("execution", None)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = f"{cell['id']}-widget"
    write(path, nb)


def build(name):
    source = SOURCES / f"{name}.py"
    target = NOTEBOOKS / f"{name}.ipynb"
    nb = notebook(cells_from_source(source.read_text(encoding="utf-8")))
    for number, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{number:02d}"
    write(target, nb)
    execute(target)
    strip_run_noise(target)
    print(f"built {target.relative_to(ROOT)}")


def main(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or sorted(p.stem for p in SOURCES.glob("*.py"))
    NOTEBOOKS.mkdir(exist_ok=True)
    for name in names:
        build(name)
    for name, problem in sync_notebooks.sync():
        print(f"synced {name} ({problem})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
