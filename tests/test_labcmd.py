"""`winnetlab lab`: copies the shipped tutorials without overwriting, then starts JupyterLab."""

import argparse
import sys

import pytest

from winnetlab import cli
from winnetlab.cli import tutorials as labcmd


def parse(argv):
    parser = argparse.ArgumentParser()
    labcmd.add_arguments("lab", parser)
    return parser.parse_args(argv)


def test_the_package_ships_every_tutorial():
    names = sorted(p.name for p in labcmd.tutorials_dir().glob("*.ipynb"))
    assert labcmd.START_NOTEBOOK in names and len(names) == 11


def test_copy_only_copies_the_tutorials_and_keeps_edits(tmp_path, capsys):
    folder = tmp_path / "work"
    assert cli.main(["lab", str(folder), "--copy-only"]) == 0
    shipped = sorted(p.name for p in labcmd.tutorials_dir().glob("*.ipynb"))
    assert sorted(p.name for p in folder.iterdir()) == shipped
    out = capsys.readouterr().out
    assert f"{len(shipped)} copied" in out and "jupyter lab 00-start-here.ipynb" in out

    edited = folder / "01-nat.ipynb"
    edited.write_text("my notes")
    (folder / "02-transparent.ipynb").unlink()
    assert cli.main(["lab", str(folder), "--copy-only"]) == 0
    assert edited.read_text() == "my notes"
    assert (folder / "02-transparent.ipynb").exists()
    assert "1 copied" in capsys.readouterr().out


def test_a_file_in_the_way_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "tutorials"
    blocker.write_text("not a folder")
    assert cli.main(["lab", str(blocker)]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_jupyter_command_opens_the_first_tutorial(monkeypatch):
    monkeypatch.setattr(labcmd, "running_as_root", lambda: False)
    command = labcmd.jupyter_command(parse(["--port", "9999", "--no-browser", "--allow-root"]))
    assert command == [
        sys.executable,
        "-m",
        "jupyterlab",
        "00-start-here.ipynb",
        "--port=9999",
        "--no-browser",
        "--allow-root",
    ]
    assert labcmd.jupyter_command(parse([])) == [sys.executable, "-m", "jupyterlab", "00-start-here.ipynb"]


def test_as_root_jupyterlab_gets_allow_root_and_the_learner_is_told(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(labcmd, "running_as_root", lambda: True)
    monkeypatch.setattr(labcmd.subprocess, "call", lambda cmd, cwd: calls.append(cmd) or 0)
    assert labcmd.lab_main(parse([str(tmp_path / "w")])) == 0
    assert calls[0].count("--allow-root") == 1
    assert "You are root: starting JupyterLab with --allow-root" in capsys.readouterr().out
    assert labcmd.jupyter_command(parse(["--allow-root"])).count("--allow-root") == 1


def test_lab_main_starts_jupyterlab_in_the_folder(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(labcmd.subprocess, "call", lambda cmd, cwd: calls.append((cmd, cwd)) or 0)
    assert labcmd.lab_main(parse([str(tmp_path / "w")])) == 0
    ((cmd, cwd),) = calls
    assert cwd == tmp_path / "w" and cmd[1:4] == ["-m", "jupyterlab", "00-start-here.ipynb"]


def test_missing_jupyterlab_is_explained(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(labcmd, "jupyterlab_installed", lambda: False)
    assert labcmd.lab_main(parse([str(tmp_path / "w")])) == 2
    assert "pip install winnetlab[lab]" in capsys.readouterr().err


def test_bad_port_is_an_argparse_error(capsys):
    with pytest.raises(SystemExit) as exc:
        parse(["--port", "eighty"])
    assert exc.value.code == 2
