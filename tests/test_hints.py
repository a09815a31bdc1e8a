"""Teaching hints are kept apart from what the real tools print."""

import winnetlab as wl
from winnetlab.fronts.command import CommandResult, hint_tuple

IIS = "mcr.microsoft.com/windows/servercore/iis"

# Commands whose real output is an error or silence, and the simulator explains why.
EXPLAINED = [
    ("docker", "run --network host img"),
    ("docker", "network create -d overlay ov"),
    ("docker", "network create -d nat --internal --subnet 10.9.0.0/24 inside"),
    ("docker", "network prune"),
    ("powershell", "Stop-Service hns"),
    ("powershell", "docker run --network host img"),
    ("exec", "ifconfig"),
    ("exec", "docker exec web ifconfig"),
]


def run(lab, front, line):
    if front == "exec":
        if line.startswith("docker "):
            return lab.docker(line)
        return lab.exec("web", line)
    return getattr(lab, front)(line)


def test_str_is_output_then_hints_and_html_boxes_them_apart():
    r = CommandResult("x", "Error response from daemon: nope", 1, ("try <this>", "then that"))
    assert str(r) == "Error response from daemon: nope\nhint: try <this>\nhint: then that"
    html = r._repr_html_()
    pre, box = html.split("</pre>")
    assert "nope" in pre and "hint" not in pre
    assert 'class="winnetlab-hints"' in box and "try &lt;this&gt;" in box and "border-left" in box
    assert str(r.without_hints()) == r.output and r.without_hints().exit_code == 1
    assert str(CommandResult("x", "", 0, ("only a hint",))) == "hint: only a hint"
    assert "winnetlab-hints" not in CommandResult("x", "out")._repr_html_()
    assert hint_tuple(None, "a", "", "a", "b") == ("a", "b")


def test_hints_never_in_output_and_off_with_hints_false():
    for hints in (True, False):
        lab = wl.Lab(hints=hints)
        lab.docker(f"run -d --name web {IIS}")
        for front, line in EXPLAINED:
            r = run(lab, front, line)
            assert "hint:" not in r.output, line
            assert bool(r.hints) == hints, line
            if not hints:
                assert str(r) == r.output


def test_hints_speak_of_commands_not_python():
    lab = wl.Lab()
    lab.docker(f"run -d --name web {IIS}")
    for front, line in EXPLAINED:
        for h in run(lab, front, line).hints:
            assert "lab." not in h and "§" not in h and "()" not in h, h


def test_every_notebook_command_without_hints(monkeypatch):
    """``Lab(hints=False)``: every docker/PowerShell/exec command of every tutorial gives
    only what the real tool prints."""
    import runpy
    from pathlib import Path

    from winnetlab.engine.lab import Lab

    results, explained = [], []
    shown = Lab._shown

    def record(self, result):
        explained.append(bool(result.hints))
        self.hints = False
        out = shown(self, result)
        results.append(out)
        return out

    monkeypatch.setattr(Lab, "_shown", record)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    sources = sorted((Path(__file__).parent.parent / "tools" / "notebook_src").glob("*.py"))
    for path in sources:
        runpy.run_path(str(path), run_name="__notebook__")
    assert len(results) > 100 and any(explained)  # some commands would have had hints
    assert all(r.hints == () and str(r) == r.output for r in results)
    assert not any(line.startswith("hint:") for r in results for line in r.output.splitlines())
