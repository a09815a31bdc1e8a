"""Copy the tutorials from notebooks/ (the source) into winnetlab/notebooks/ (what ships),
the Korean edition notebooks/ko/ included.

    python tools/sync_notebooks.py          # copy, and delete shipped notebooks with no source
    python tools/sync_notebooks.py --check  # exit 1 and list the differences, change nothing

tests/test_binder.py runs the same comparison, so a forgotten sync fails the tests.
"""

import argparse
import filecmp
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks"
SHIPPED = ROOT / "winnetlab" / "notebooks"
EDITIONS = ("", "ko")  # sub-folders: the English tutorials, the Korean edition


def _notebooks(folder):
    """relative name ("01-nat.ipynb", "ko/01-nat.ipynb") -> path, over both editions."""
    if not folder.is_dir():
        return {}
    found = {}
    for edition in EDITIONS:
        for path in (folder / edition).glob("*.ipynb"):
            found[path.relative_to(folder).as_posix()] = path
    return found


def differences(source=SOURCE, shipped=SHIPPED):
    """Sorted list of (name, problem) between the two folders' notebooks."""
    src, dst = _notebooks(source), _notebooks(shipped)
    problems = []
    for name in sorted(set(src) | set(dst)):
        if name not in dst:
            problems.append((name, "missing from the package"))
        elif name not in src:
            problems.append((name, "shipped but not in notebooks/"))
        elif not filecmp.cmp(src[name], dst[name], shallow=False):
            problems.append((name, "differs"))
    return problems


def sync(source=SOURCE, shipped=SHIPPED):
    """Make ``shipped`` an exact copy of ``source``'s notebooks; return what was changed."""
    shipped.mkdir(parents=True, exist_ok=True)
    changed = differences(source, shipped)
    for name, problem in changed:
        if problem == "shipped but not in notebooks/":
            (shipped / name).unlink()
        else:
            (shipped / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, shipped / name)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args(argv)
    if args.check:
        problems = differences()
        for name, problem in problems:
            print(f"{name}: {problem}")
        return 1 if problems else 0
    for name, problem in sync():
        print(f"synced {name} ({problem})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
