"""``winnetlab lab``: copy the tutorials to a working folder and open them in JupyterLab.

The tutorial notebooks ship inside the package (``winnetlab/notebooks/``, kept identical to
the repository's ``notebooks/`` by ``tools/sync_notebooks.py``).  A learner's edits live in
the working folder: notebooks already there are never overwritten, so running the command
again simply reopens the lab where they left it.  ``--lang ko`` copies the Korean edition
(``ko/`` in the folder) and opens ``ko/00-start-here.ipynb``.
"""

import shutil
import subprocess
import sys
from pathlib import Path

START_NOTEBOOK = "00-start-here.ipynb"
DEFAULT_FOLDER = "winnetlab-tutorials"
EDITIONS = {"en": "", "ko": "ko"}  # language -> sub-folder of the shipped tutorials


def tutorials_dir(lang="en"):
    """The folder inside the installed package that holds the shipped tutorials of ``lang``."""
    return Path(__file__).resolve().parent.parent / "notebooks" / EDITIONS[lang]


def start_notebook(lang="en"):
    """The notebook JupyterLab opens first, relative to the working folder."""
    return (Path(EDITIONS[lang]) / START_NOTEBOOK).as_posix()


def add_arguments(name, parser):
    """Options of ``winnetlab lab`` (``name`` is the sub-command, as cli.py passes it)."""
    parser.add_argument(
        "folder",
        nargs="?",
        default=DEFAULT_FOLDER,
        help=f"working folder for the tutorials (default: ./{DEFAULT_FOLDER})",
    )
    parser.add_argument(
        "--lang",
        choices=sorted(EDITIONS),
        default="en",
        help="edition of the tutorials: en (default) or ko, the Korean edition (한국어판)",
    )
    parser.add_argument("--port", type=int, default=None, help="port for JupyterLab")
    parser.add_argument(
        "--no-browser", action="store_true", help="start JupyterLab without opening a web browser"
    )
    parser.add_argument(
        "--allow-root",
        action="store_true",
        help="let JupyterLab run as root (implied when you are root: JupyterLab refuses root otherwise)",
    )
    parser.add_argument(
        "--copy-only",
        action="store_true",
        help="copy the tutorials and print how to open them; do not start JupyterLab",
    )


def copy_tutorials(folder, lang="en"):
    """Copy every shipped tutorial of ``lang`` that is not in ``folder`` yet (the Korean
    edition into ``folder/ko``); return the names copied."""
    source = tutorials_dir(lang)
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no tutorials found in {source} (broken installation?)")
    folder = folder / EDITIONS[lang]
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for notebook in notebooks:
        target = folder / notebook.name
        if not target.exists():
            shutil.copyfile(notebook, target)
            copied.append(notebook.name)
    return copied


def running_as_root():
    """True for the root user (a container, a cloud VM's default user), where JupyterLab
    stops with "Running as root is not recommended. Use --allow-root to bypass."."""
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


def jupyter_command(args):
    """The command line that starts JupyterLab on the first tutorial (with the
    ``--allow-root`` JupyterLab asks for when you are root)."""
    command = [sys.executable, "-m", "jupyterlab", start_notebook(getattr(args, "lang", "en"))]
    if args.port is not None:
        command.append(f"--port={args.port}")
    if args.no_browser:
        command.append("--no-browser")
    if args.allow_root or running_as_root():
        command.append("--allow-root")
    return command


def jupyterlab_installed():
    """True when the ``jupyterlab`` package can be imported by this Python."""
    import importlib.util

    return importlib.util.find_spec("jupyterlab") is not None


def lab_main(args):
    """Copy the tutorials (if absent) and run JupyterLab in that folder; return an exit code."""
    folder = Path(args.folder).expanduser()
    if folder.exists() and not folder.is_dir():
        print(f"winnetlab lab: {folder} exists and is not a folder", file=sys.stderr)
        return 2
    try:
        copied = copy_tutorials(folder, args.lang)
    except OSError as exc:
        print(f"winnetlab lab: cannot copy the tutorials to {folder}: {exc}", file=sys.stderr)
        return 2
    kept = "" if copied else " (all already there; your edits are kept)"
    print(f"Tutorials in {folder.resolve()}: {len(copied)} copied{kept}")
    command = jupyter_command(args)
    if args.copy_only:
        print(f"Open them with:  cd {folder} && jupyter lab {start_notebook(args.lang)}")
        return 0
    if not jupyterlab_installed():
        print(
            "winnetlab lab: JupyterLab is not installed; install it with 'pip install winnetlab[lab]'",
            file=sys.stderr,
        )
        return 2
    if running_as_root() and not args.allow_root:
        print("You are root: starting JupyterLab with --allow-root (it refuses to run as root otherwise).")
    try:
        return subprocess.call(command, cwd=folder)
    except KeyboardInterrupt:
        return 0
