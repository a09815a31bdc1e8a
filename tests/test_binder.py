"""Binder and packaging of the tutorials: pins match the project, the README's notebooks exist,
the shipped copies equal notebooks/, and every tutorial ends with its exercise check."""

import json
import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402
import sync_notebooks  # noqa: E402

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

TUTORIALS = (
    "00-start-here",
    "01-nat",
    "02-transparent",
    "03-overlay",
    "04-l2bridge",
    "05-l2tunnel",
    "06-hns-under-the-hood",
    "07-unsupported-features",
    "08-packet-walk",
    "09-real-host-dumps",
    "10-troubleshooting",
)
BINDER_URLPATH = "urlpath=lab/tree/notebooks/00-start-here.ipynb"


def binder_pins():
    """name -> Requirement for every line of binder/requirements.txt."""
    pins = {}
    for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            pins[canonicalize_name(req.name)] = req
    return pins


def project_requirements(extras=("lab",)):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def pinned_version(req):
    (spec,) = req.specifier
    return spec.version


def test_every_binder_line_is_an_exact_pin():
    for name, req in binder_pins().items():
        assert len(req.specifier) == 1 and next(iter(req.specifier)).operator == "==", name


def test_binder_pins_satisfy_the_project_requirements():
    pins = binder_pins()
    for req in project_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is a requirement of the project but not pinned for Binder"
        assert req.specifier.contains(pinned_version(pins[name])), (
            f"Binder pins {pins[name]}, the project asks for {req}"
        )


def test_postbuild_installs_the_package_and_stops_on_errors():
    text = (ROOT / "binder" / "postBuild").read_text()
    commands = [
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    assert commands[0] == "set -e"
    assert any(re.search(r"pip install .*\.\s*$", c) for c in commands), commands


def readme_notebooks(text):
    return set(re.findall(r"notebooks/([0-9]{2}-[a-z0-9-]+)\.ipynb", text))


def test_readme_names_only_existing_notebooks_and_links_binder():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = readme_notebooks(text)
    assert named, "the README should list the tutorials as notebooks/NN-name.ipynb"
    missing = sorted(n for n in named if not (ROOT / "notebooks" / f"{n}.ipynb").exists())
    assert not missing, f"README names notebooks that do not exist: {missing}"
    assert BINDER_URLPATH in text, "the README's Binder badge should open 00-start-here"


def test_readme_notebook_pattern_finds_names():
    text = "see [NAT](notebooks/01-nat.ipynb) and notebooks/06-hns-under-the-hood.ipynb."
    assert readme_notebooks(text) == {"01-nat", "06-hns-under-the-hood"}


def test_all_tutorials_exist():
    present = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert present == list(TUTORIALS)


def test_shipped_tutorials_equal_the_notebooks_folder():
    assert sync_notebooks.differences() == []


def test_sync_detects_and_repairs_a_difference(tmp_path):
    source, shipped = tmp_path / "src", tmp_path / "pkg"
    source.mkdir()
    (source / "01-a.ipynb").write_text("{}")
    (source / "02-b.ipynb").write_text("{}")
    shipped.mkdir()
    (shipped / "01-a.ipynb").write_text('{"old": 1}')
    (shipped / "99-stale.ipynb").write_text("{}")
    assert sync_notebooks.differences(source, shipped) == [
        ("01-a.ipynb", "differs"),
        ("02-b.ipynb", "missing from the package"),
        ("99-stale.ipynb", "shipped but not in notebooks/"),
    ]
    sync_notebooks.sync(source, shipped)
    assert sync_notebooks.differences(source, shipped) == []
    assert sorted(p.name for p in shipped.iterdir()) == ["01-a.ipynb", "02-b.ipynb"]


@pytest.mark.parametrize("name", TUTORIALS)
def test_tutorial_is_executed_and_has_one_exercise_check(name):
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["execution_count"] is not None for c in code), "not executed"
    assert "widgets" not in nb["metadata"], "strip metadata.widgets after executing"
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    checks = [c for c in code if f'check("{name}"' in "".join(c["source"])]
    assert len(checks) == 1, f"{name} needs exactly one wl.exercises.check({name!r}, lab) cell"
    assert "keep going" in json.dumps(checks[0]["outputs"]), "the stored check shows what is left to do"
    solutions = [
        c for c in nb["cells"] if c["cell_type"] == "markdown" and "<details>" in "".join(c["source"])
    ]
    assert solutions, "the solution lives in a collapsed <details> block, not in a cell Run All runs"


def text_only(cell):
    """True when a code cell shows output and all of it is text (no picture, no widget)."""
    kinds = set()
    for output in cell["outputs"]:
        kinds |= set(output.get("data", {})) if "data" in output else {output["output_type"]}
    return bool(kinds) and not kinds & {"image/png", "application/vnd.jupyter.widget-view+json"}


@pytest.mark.parametrize("name", TUTORIALS)
def test_every_text_output_is_checked_by_nbval(name):
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    unchecked = [
        "".join(c["source"]).splitlines()[-1]
        for c in nb["cells"]
        if c["cell_type"] == "code"
        and text_only(c)
        and "nbval-check-output" not in c["metadata"].get("tags", [])
    ]
    assert not unchecked, f"text outputs without the nbval-check-output tag: {unchecked}"
    shown = [c for c in nb["cells"] if "NBVAL" in "".join(c["source"])]
    assert not shown, "test markers belong in cell tags, not in what the learner reads"
    source = (ROOT / "tools" / "notebook_src" / f"{name}.py").read_text(encoding="utf-8")
    tagged = sum("nbval-check-output" in c["metadata"].get("tags", []) for c in nb["cells"])
    assert tagged == source.count("# NBVAL_CHECK_OUTPUT")  # every marker became a tag


def test_nbval_markers_become_cell_tags():
    nb = build_notebooks.notebook(
        [("code", "# NBVAL_CHECK_OUTPUT\nx = 1\nx"), ("code", "#  NBVAL_SKIP\ny"), ("code", "z  # NBVAL_x")]
    )
    assert [(c["metadata"], "".join(c["source"])) for c in nb["cells"]] == [
        ({"tags": ["nbval-check-output"]}, "x = 1\nx"),
        ({"tags": ["nbval-skip"]}, "y"),
        ({}, "z  # NBVAL_x"),
    ]


def test_percent_sources_split_into_markdown_and_code_cells():
    source = (
        "# %% [markdown]\n# # Title\n#\n# text with `code`\n\n"
        "# %%\n# NBVAL_CHECK_OUTPUT\nx = 1\nx\n\n# %%\n\n"
    )
    assert build_notebooks.cells_from_source(source) == [
        ("markdown", "# Title\n\ntext with `code`"),
        ("code", "# NBVAL_CHECK_OUTPUT\nx = 1\nx"),
    ]


def test_every_tutorial_has_its_source():
    sources = sorted(p.stem for p in (ROOT / "tools" / "notebook_src").glob("*.py"))
    assert sources == list(TUTORIALS)
