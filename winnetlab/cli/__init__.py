"""``winnetlab`` on the command line: ``demo``, ``show``, ``lab`` and ``shell``.

Each sub-command lives in the module named for it and is imported only when used, so
``winnetlab --version`` stays instant.
"""

import argparse
import importlib
import os
import sys

from .. import __version__

COMMANDS = {
    "demo": ("..views.report", "demo_main", "write the report of a built-in two-host showcase lab"),
    "show": ("..views.report", "show_main", "read real HNS dumps and write their tables, picture and report"),
    "lab": (".tutorials", "lab_main", "copy the tutorials to a folder and open JupyterLab"),
    "shell": ("..fronts.shell", "shell_main", "an interactive PS C:\\> prompt on a simulated host"),
}


def main(argv=None):
    """Run a sub-command; a reader that closed the pipe (``winnetlab demo | head``) ends it
    quietly, without a traceback."""
    try:
        return _run(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # nothing more can reach the reader
        os.dup2(devnull, sys.stdout.fileno())
        return 1


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``winnetlab shell: error: …`` and exit code 2."""

    def error(self, message):
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(2)


def _run(argv):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "--version"):
        parser = argparse.ArgumentParser(
            prog="winnetlab", description=("Learn Windows container networking without a Windows host.")
        )
        parser.add_argument("--version", action="version", version=f"winnetlab {__version__}")
        parser.add_argument(
            "command",
            nargs="?",
            choices=sorted(COMMANDS),
            help="; ".join(f"{k}: {v[2]}" for k, v in COMMANDS.items()),
        )
        parser.parse_args(argv)
        parser.print_help()
        return 0
    if argv[0] not in COMMANDS:
        print(
            f"winnetlab: unknown command {argv[0]!r} (choose from {', '.join(sorted(COMMANDS))})",
            file=sys.stderr,
        )
        return 2
    module, func, help_text = COMMANDS[argv[0]]
    mod = importlib.import_module(module, __package__)
    parser = _Parser(prog=f"winnetlab {argv[0]}", description=help_text)
    mod.add_arguments(argv[0], parser)
    args = parser.parse_args(argv[1:])
    return getattr(mod, func)(args)
