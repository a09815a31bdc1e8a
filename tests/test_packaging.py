"""What a non-editable install ships: the package, its ``py.typed`` marker and the tutorials
(both editions), so that ``winnetlab lab`` finds them outside the repository.

The tutorials have one hand-edited form, ``tools/notebook_src/*.py``; ``tools/build_notebooks.py``
executes them into ``notebooks/`` and copies those into ``winnetlab/notebooks/`` (what the
package ships), and tests/test_binder.py fails when the copy differs.  Here a wheel is built
from the working tree, installed into a scratch folder and run from elsewhere.
"""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    src = out / "src"  # a copy: building writes build/ and *.egg-info beside the sources
    junk = (".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis")
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*junk))
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "wheel", str(src), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        cwd=out,
    )
    (path,) = out.glob("winnetlab-*.whl")
    return path


def test_the_wheel_ships_the_typed_package_and_both_editions_of_the_tutorials(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "winnetlab/py.typed" in names
    assert "winnetlab/engine/lab.py" in names and "winnetlab/views/trace_table.py" in names
    sources = sorted(p.stem for p in (ROOT / "tools" / "notebook_src").glob("*.py"))
    for stem in sources:
        assert f"winnetlab/notebooks/{stem}.ipynb" in names
        assert f"winnetlab/notebooks/ko/{stem}.ipynb" in names
    assert not [n for n in names if n.startswith(("tests/", "tools/"))]


def test_winnetlab_lab_copies_the_shipped_tutorials_from_an_installed_wheel(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run(
        [sys.executable, "-c", "import winnetlab; print(winnetlab.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(target)  # the installed copy, not the repository
    run = subprocess.run(
        [sys.executable, "-m", "winnetlab", "lab", "--copy-only", "tutorials"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    copied = sorted(p.name for p in (work / "tutorials").glob("*.ipynb"))
    assert copied == sorted(p.stem + ".ipynb" for p in (ROOT / "tools" / "notebook_src").glob("*.py"))
