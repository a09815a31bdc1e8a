"""wl.exercises.check: every tutorial's exercise fails on a fresh lab — each of its checks —,
passes with the solution the notebook keeps in a collapsed <details> block (run here, not by
Run All), names exactly what is missing, diagnoses wrong values, and never raises on a lab
in an unexpected state."""

import sys
from pathlib import Path

import pytest

import winnetlab as wl
from winnetlab.notebook import exercises

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "notebook_src"
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

IIS = "mcr.microsoft.com/windows/servercore/iis"
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


def exercise_cells(name):
    """(setup code, solution code) of a tutorial's exercise, from its percent source: the
    notebook's first code cell and the exercise's code cells before the check (the lab the
    learner works in), and the Python block in the collapsed <details> solution."""
    cells = build_notebooks.cells_from_source((SOURCES / f"{name}.py").read_text(encoding="utf-8"))
    start = next(
        i
        for i, (kind, text) in enumerate(cells)
        if kind == "markdown" and ("## Exercise" in text or "**Exercise.**" in text)
    )
    code = [text for kind, text in cells if kind == "code"]
    setup = [code[0]] + [
        text for kind, text in cells[start:] if kind == "code" and "wl.exercises.check(" not in text
    ]
    solution = next(text for kind, text in cells[start:] if kind == "markdown" and "<details>" in text)
    python = solution.split("```python\n", 1)[1].split("```", 1)[0]
    return "\n".join(setup), python


def learners_lab(name, solve):
    """The lab the exercise's check cell looks at, after the setup (and the solution)."""
    setup, solution = exercise_cells(name)
    namespace = {"__name__": "__exercise__", "print": lambda *a, **k: None}
    exec(setup + ("\n" + solution if solve else ""), namespace)
    call = next(
        text
        for kind, text in build_notebooks.cells_from_source((SOURCES / f"{name}.py").read_text("utf-8"))
        if kind == "code" and f'wl.exercises.check("{name}"' in text
    )
    return namespace[call.split(f'wl.exercises.check("{name}", ', 1)[1].split(")", 1)[0]]


def solved(name):
    return learners_lab(name, solve=True)


def test_every_tutorial_has_an_exercise():
    assert sorted(exercises.EXERCISES) == sorted(TUTORIALS)


def test_unknown_exercise_names_the_real_ones():
    with pytest.raises(wl.NotFound, match="00-start-here"):
        exercises.check("99-nothing", wl.Lab())


def test_something_else_than_a_lab_is_a_clear_error():
    with pytest.raises(wl.InvalidParameter, match="lab must be a winnetlab Lab"):
        exercises.check("01-nat", "lab")


@pytest.mark.parametrize("name", TUTORIALS)
def test_every_check_fails_on_a_lab_that_did_nothing(name):
    result = exercises.check(name, learners_lab(name, solve=False))
    assert result.passed == [] and len(result.failed) == len(exercises.EXERCISES[name].checks)
    assert len(result.hints) == len(result.failed) and all(result.hints)
    assert "keep going" in str(result)


@pytest.mark.parametrize("name", TUTORIALS)
def test_the_notebooks_solution_passes_every_check(name):
    result = exercises.check(name, solved(name))
    assert result.ok, str(result)
    assert result.failed == [] and result.hints == []
    assert len(result.passed) == len(exercises.EXERCISES[name].checks)


def test_hints_diagnose_what_the_lab_got_wrong():
    lab = wl.Lab()
    lab.docker("network create -d nat --subnet 10.99.0.0/24 webnet")
    lab.docker(f"run -d --name web --network webnet -p 8081:80 {IIS}")
    hints = dict(zip(*(lambda r: (r.failed, r.hints))(exercises.check("01-nat", lab))))
    assert hints["WinNAT forwards TCP 8080 to web's port 80"].startswith(
        "you published 8081; the exercise asks for host port 8080"
    )
    two = wl.Lab(hosts=2)
    result = exercises.check("03-overlay", two)
    assert result.hints[0].startswith("the lab already has 2 hosts; they are not in the same swarm")
    two.docker("network create -d l2bridge --subnet 10.244.5.0/24 podnet")
    assert "'podnet' uses the l2bridge driver" not in str(exercises.check("04-l2bridge", two))
    wrong = wl.Lab()
    wrong.docker("network create -d nat --subnet 10.244.5.0/24 podnet")
    assert "'podnet' uses the nat driver; the exercise asks for l2bridge" in str(
        exercises.check("04-l2bridge", wrong)
    )
    assert "'web' publishes no port" in str(exercises.check("08-packet-walk", lab_with_web_unpublished()))


def lab_with_web_unpublished():
    lab = wl.Lab(hosts=2)
    lab.docker(f"run -d --name web {IIS}")
    return lab


def test_diagnoses_speak_korean():
    lab = wl.Lab()
    lab.docker(f"run -d --name web -p 8081:80 {IIS}")
    hints = exercises.check("08-packet-walk", lab, lang="ko").hints
    assert any("게시한 포트는 8081" in h for h in hints), hints


def test_a_partial_solution_names_exactly_what_is_missing():
    lab = wl.Lab()
    lab.host().configure(is_vm=True)
    lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
    lab.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")
    result = exercises.check("02-transparent", lab)
    assert result.failed == [
        "MAC address spoofing is on for the VM's network adapter",
        "'printer' reaches 8.8.8.8:53/udp",
    ]
    assert "MacAddressSpoofing" in result.hints[0]


def test_wrong_values_fail_the_specific_check():
    lab = wl.Lab()
    lab.docker("network create -d nat --subnet 10.98.0.0/24 webnet")
    lab.docker(f"run -d --name web --network webnet -p 8081:80 {IIS}")
    result = exercises.check("01-nat", lab)
    assert result.failed == [
        "'webnet' has the subnet 10.99.0.0/24",
        "WinNAT forwards TCP 8080 to web's port 80",
        "a Windows Firewall rule allows TCP 8080",
    ]


def odd_lab():
    """Names the exercises look for, but on the wrong networks, hosts and states."""
    lab = wl.Lab()
    host = lab.host()
    host.create_container("hello")  # created, never started
    host.create_network("webnet", driver="l2bridge", subnet="10.99.0.0/24")
    host.run("web", network="webnet")
    host.run("front")
    host.create_network("appnet", driver="nat", subnet="10.0.9.0/24")
    return lab


@pytest.mark.parametrize("name", TUTORIALS)
def test_checks_never_raise_on_an_unexpected_lab(name):
    result = exercises.check(name, odd_lab())
    assert not result.ok
    assert len(result.passed) + len(result.failed) == len(exercises.EXERCISES[name].checks)


def test_result_renders_as_text_and_html():
    result = exercises.check("00-start-here", solved("00-start-here"))  # the notebook's lab
    assert str(result).splitlines()[0] == "00-start-here: 4 of 4 checks passed — all done!"
    assert "[x] a container named 'hello' exists" in str(result)
    html = result._repr_html_()
    assert html.count("<li>") == 4 and html.count(exercises.PASS_MARK) == 4
    failing = exercises.check("00-start-here", wl.Lab())._repr_html_()
    assert failing.count(exercises.FAIL_MARK) == 4 and failing.count("hint:") == 4
