"""Walk reasons and diagnose findings in Korean: every sentence the walk or diagnose says
(``i18n.say``) has a Korean template with the same facts, English stays byte for byte, and a
Korean report carries no English finding."""

import ast
import copy
import json
import pickle
import string
from pathlib import Path

import pytest

import winnetlab as wl
from tests.test_diagnose import ep, net
from tests.views_labs import multi_lab
from winnetlab import i18n
from winnetlab.cli import main
from winnetlab.dumps.diagnose import findings as diagnose_findings
from winnetlab.walk import places

PACKAGE = Path(wl.__file__).parent
IIS = "mcr.microsoft.com/windows/servercore/iis"


def said_templates():
    """{template: where} for every ``say(...)`` in the package (a literal, a module constant
    or either branch of a conditional)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}
    constants = {
        t.id: node.value
        for tree in trees.values()
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    found = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "say"
            ):
                continue
            first = node.args[0]
            options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for option in options:
                option = constants.get(getattr(option, "id", None), option)
                template = ast.literal_eval(option)
                found[template] = f"{path.relative_to(PACKAGE)}:{node.lineno}"
    return found


def fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


TEMPLATES = said_templates()


def test_the_walk_and_diagnose_say_their_sentences_through_templates():
    places = " ".join(TEMPLATES.values())
    for module in (
        "walk/hoststack.py",
        "walk/container.py",
        "walk/underlay.py",
        "walk/vfp.py",
        "dumps/diagnose.py",
    ):
        assert module in places
    assert len(TEMPLATES) >= 100


@pytest.mark.parametrize("template", sorted(TEMPLATES), ids=lambda t: t[:40])
def test_every_reason_and_finding_has_a_korean_template_with_the_same_facts(template):
    korean = i18n.SAID.get(template)
    assert korean is not None, f"{TEMPLATES[template]}: add to winnetlab.i18n.SAID: {template!r}"
    assert fields(korean) == fields(template)
    assert i18n.has_hangul(korean)


def test_no_korean_template_is_left_over():
    assert set(i18n.SAID) - set(TEMPLATES) == set()


def test_english_is_byte_for_byte_the_formatted_template():
    said = i18n.say("{a} and {b:>3}", a="x", b=7)
    assert said == "x and   7" and type(str(said)) is str
    assert i18n.speak(said, "en") is said and i18n.speak("plain", "ko") == "plain"
    assert pickle.loads(pickle.dumps(said)).fields == {"a": "x", "b": 7}
    assert copy.deepcopy(said).template == said.template


def every_trace():
    """Traces that end in many different ways: every pair of places on a multi-driver lab
    and a few labs built to fail."""
    lab = multi_lab()
    traces = [
        lab.trace(a, b, port) for a in places(lab) for b in places(lab) for port in (80, None) if a != b
    ]
    old = wl.Lab(windows="ltsc2016")
    old.docker(f"run -d --name web -p 8080:80 {IIS}")
    traces += [old.trace("host1", "localhost", port=8080), old.trace("host1", "internet", port=80)]
    return traces


def test_every_walk_reason_and_drop_detail_speaks_korean():
    traces = every_trace()
    reasons = {t.said.template for t in traces}
    assert len(reasons) >= 8
    for t in traces:
        for said in (t.said, *(h.detail for h in t.hops if h.action in ("drop", "deliver"))):
            english = str(said)
            korean = i18n.speak(said, "ko")
            if isinstance(said, i18n.Said):
                assert i18n.has_hangul(korean) and korean != english
    with i18n.using("ko"):
        assert all(i18n.has_hangul(t.reason) for t in traces)
        assert "전달됨" in repr(traces[0]) or "버려짐" in repr(traces[0])
    assert all(not i18n.has_hangul(t.reason) for t in traces)  # English again


def test_a_korean_session_shows_korean_reasons_everywhere():
    lab = wl.Lab(hosts=2)
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    lab.docker(f"run -d --name client {IIS}", host="host2")
    english = lab.trace("client", "web", port=80).reason
    with i18n.using("ko"):
        walk = lab.trace("client", "web", port=80)
        assert walk.said == english  # the walk itself is the same
        assert walk.reason.startswith("여기서 172.16.0.2은(는)") and walk.reason in walk._repr_html_()
        assert walk.reason in repr(walk) and "버려짐" in walk.title()
        frame = walk.to_frame()
        assert i18n.has_hangul(frame["detail"].iloc[-1])
        ping = lab.exec("client", "ping -n 1 172.16.0.9")
        assert ping.hints and all(i18n.has_hangul(i18n.hint(h)) for h in ping.hints)
    assert (
        english
        == "172.16.0.2 here is client on host2, not web on host1: nat addresses are private to each host"
    )


def broken_dump(tmp_path):
    objects = [
        net(),
        ep(1, "10.9.9.9", "00-15-5D-00-00-01"),
        ep(2, "10.9.9.9", "00-15-5D-00-00-01"),
        net(
            "l2bridge",
            "10.30.0.0/24",
            "10.30.0.1",
            ID="11111111-81F4-4473-989E-014FD5814DC7",
            Name="cbr0",
            ManagementIP="169.254.10.10",
        ),
    ]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(objects), encoding="utf-8")
    return path


def test_a_korean_report_carries_no_english_finding(tmp_path, capsys):
    dump = broken_dump(tmp_path)
    findings = diagnose_findings(wl.load_hns(json.loads(dump.read_text())))
    assert len(findings) >= 4
    assert main(["show", str(dump), "--lang", "ko", "--out", str(tmp_path / "ko")]) == 0
    printed = capsys.readouterr().out
    page = (tmp_path / "ko" / "report.html").read_text(encoding="utf-8")
    csv = (tmp_path / "ko" / "diagnose.csv").read_text(encoding="utf-8")
    for _, _, finding, hint in findings:
        for english in (finding, hint):
            assert english not in page and english not in csv
            assert i18n.speak(english, "ko") in csv
        assert finding not in printed
    assert "링크 로컬(APIPA)" in page and "끝점 2개가 같은 IP 10.9.9.9을(를) 씁니다" in printed
    assert main(["show", str(dump), "--out", str(tmp_path / "en")]) == 0
    english = (tmp_path / "en" / "diagnose.csv").read_text(encoding="utf-8")
    assert all(f in english for _, _, f, _ in findings)


def test_every_drop_and_delivery_reason_is_said_through_a_template():
    """A new ``w.drop``/``w.deliver`` with an f-string reason would stay English in Korean."""
    loose = []
    for path in sorted((PACKAGE / "walk").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("drop", "deliver"):
                reason = node.args[3]
                if isinstance(reason, (ast.JoinedStr, ast.Constant, ast.BinOp)):
                    loose.append(f"{path.name}:{node.lineno}")
    assert not loose, f"say the reason with i18n.say(...) at {loose}"
