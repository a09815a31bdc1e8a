"""Build the tutorials: tools/notebook_src/NN-name.py -> notebooks/NN-name.ipynb and the
Korean edition notebooks/ko/NN-name.ipynb, executed.

    python tools/build_notebooks.py              # every tutorial, both editions
    python tools/build_notebooks.py 01-nat       # only these
    python tools/build_notebooks.py --lang ko    # only one edition
    python tools/build_notebooks.py --stamp      # record the English text under new translations

The sources are plain Python in the "percent" format (``# %%`` starts a code cell,
``# %% [markdown]`` a Markdown cell whose lines start with ``# ``), which keeps reviews and
diffs readable.  A code cell's line ``# NBVAL_CHECK_OUTPUT`` (or ``# NBVAL_IGNORE_OUTPUT``,
``# NBVAL_SKIP``) in the source becomes nbval's cell tag (``nbval-check-output``…) in the
notebook, so the learner never sees test markers.

One source holds both editions.  Code cells are shared, so the two can never drift.  Each
English Markdown cell is followed by its Korean translation, a cell marked
``# %% [markdown] lang=ko en=<hash>``: ``<hash>`` is :func:`prose_hash` of the English text
the translation was made from, so tests/test_i18n.py fails when the English changes and the
Korean was not revisited (revisit it, delete its ``en=`` and run ``--stamp``).  ``en=none``
marks a cell only the Korean edition has (the glossary).  The Korean edition starts its code
with :data:`KO_PREAMBLE`, which switches widgets, captions, pictures and checks to Korean.  Each notebook is then executed on a fresh kernel with
``jupyter nbconvert --execute --to notebook --inplace`` (outputs are kept for nbval and for
readers), what changes from run to run without meaning is stripped (see
:func:`strip_run_noise`), and the result is copied into the package by
tools/sync_notebooks.py.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import sync_notebooks

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "notebook_src"
NOTEBOOKS = ROOT / "notebooks"
EDITIONS = {"en": NOTEBOOKS, "ko": NOTEBOOKS / "ko"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KO_MARK = re.compile(r"^# %% \[markdown\] lang=ko(?: en=(\w+))?\s*$")
KO_PREAMBLE = (
    "# 이 노트북의 위젯, 표 제목, 그림, 점검 결과를 한국어로 보여 줍니다.\n"
    "# (명령과 그 출력은 영어판 Windows가 출력하는 그대로입니다.)\n"
    "import winnetlab as wl\n\n"
    'wl.set_language("ko")'
)
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def prose_hash(text):
    """The fingerprint of an English Markdown cell that its translation records."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def parse_source(text):
    """Split a percent-format source into cells: dicts with ``kind`` ("code"/"markdown"),
    ``lang`` (None for shared code and English prose, "ko" for a translation), ``source``,
    and for translations ``en`` (the recorded hash, or None) and ``line`` (its header's line
    number)."""
    cells, current = [], None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# %%"):
            korean = KO_MARK.match(line)
            kind = "markdown" if "[markdown]" in line else "code"
            current = {"kind": kind, "lang": "ko" if korean else None, "lines": [], "line": number}
            if korean:
                current["en"] = korean.group(1)
            cells.append(current)
        elif current is not None and current["kind"] == "markdown":
            current["lines"].append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        elif current is not None:
            current["lines"].append(line)
    for cell in cells:
        cell["source"] = "\n".join(cell.pop("lines")).strip("\n")
    return [c for c in cells if c["source"].strip()]


def translations(cells):
    """(English cell or None, Korean cell) pairs: each translation with the cell it follows."""
    pairs = []
    for before, cell in zip([None, *cells], cells):
        if cell["lang"] == "ko":
            english = before if before is not None and before["lang"] is None else None
            pairs.append((english if cell["en"] != "none" else None, cell))
    return pairs


def untranslated(cells):
    """English Markdown cells that have no Korean cell right after them."""
    following = dict(zip(map(id, cells), [*cells[1:], None]))
    return [
        c
        for c in cells
        if c["kind"] == "markdown" and c["lang"] is None and (following[id(c)] or {}).get("lang") != "ko"
    ]


def cells_from_source(text, lang="en"):
    """The (cell_type, source) pairs of one edition: English prose and the shared code, or
    the Korean translations (English where one is missing) with the shared code."""
    cells = parse_source(text)
    korean = {id(english): ko for english, ko in translations(cells) if english is not None}
    edition = []
    for cell in cells:
        if cell["lang"] == "ko":
            if lang == "ko" and cell["en"] == "none":
                edition.append(("markdown", cell["source"]))
        elif cell["kind"] == "markdown" and lang == "ko" and id(cell) in korean:
            edition.append(("markdown", korean[id(cell)]["source"]))
        else:
            edition.append((cell["kind"], cell["source"]))
    if lang == "ko":
        first_code = next(i for i, (kind, _) in enumerate(edition) if kind == "code")
        edition.insert(first_code, ("code", KO_PREAMBLE))
    return edition


def stamp(path):
    """Record :func:`prose_hash` on every translation of ``path`` that has none yet; return
    how many were stamped."""
    lines = path.read_text(encoding="utf-8").splitlines(True)
    done = 0
    for english, korean in translations(parse_source("".join(lines))):
        if korean["en"] is None and english is not None:
            index = korean["line"] - 1
            lines[index] = lines[index].rstrip("\n").rstrip() + f" en={prose_hash(english['source'])}\n"
            done += 1
    path.write_text("".join(lines), encoding="utf-8")
    return done


NBVAL_MARKERS = ("NBVAL_CHECK_OUTPUT", "NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP")


def marker_tags(source):
    """(source without nbval marker lines, the nbval cell tags those lines stood for)."""
    kept, tags = [], []
    for line in source.splitlines():
        marker = line.strip().lstrip("#").strip()
        if line.strip().startswith("#") and marker in NBVAL_MARKERS:
            tags.append(marker.lower().replace("_", "-"))
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n"), tags


def notebook(cells):
    """An nbformat-4 notebook dict with outputs cleared and nbval markers turned into tags."""

    def cell(kind, source):
        tags = []
        if kind == "code":
            source, tags = marker_tags(source)
        body = {
            "cell_type": kind,
            "metadata": {"tags": tags} if tags else {},
            "source": source.splitlines(True),
        }
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


def build(name, lang="en"):
    source = SOURCES / f"{name}.py"
    target = EDITIONS[lang] / f"{name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nb = notebook(cells_from_source(source.read_text(encoding="utf-8"), lang))
    for number, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{number:02d}"
    write(target, nb)
    execute(target)
    strip_run_noise(target)
    print(f"built {target.relative_to(ROOT)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="tutorials to build (default: all)")
    parser.add_argument("--lang", choices=sorted(EDITIONS), action="append", help="edition(s) to build")
    parser.add_argument("--stamp", action="store_true", help="record the English hash on new translations")
    args = parser.parse_args(argv)
    names = args.names or sorted(p.stem for p in SOURCES.glob("*.py"))
    if args.stamp:
        for name in names:
            print(f"{name}: stamped {stamp(SOURCES / f'{name}.py')} translation(s)")
        return 0
    for name in names:
        for lang in args.lang or sorted(EDITIONS):
            build(name, lang)
    for name, problem in sync_notebooks.sync():
        print(f"synced {name} ({problem})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
