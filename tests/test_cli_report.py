"""winnetlab show / demo: summary, report files, exit codes, determinism."""

import base64
from pathlib import Path

from winnetlab.cli import main

DATA = Path(__file__).parent / "data" / "hns"
FILES = (
    "report.html",
    "topology.png",
    "topology.svg",
    "networks.csv",
    "endpoints.csv",
    "addresses.csv",
    "policies.csv",
    "port_mappings.csv",
    "vswitches.csv",
    "diagnose.csv",
)


def test_show_reads_dumps_and_writes_the_report(tmp_path, capsys):
    out = tmp_path / "r"
    code = main(
        [
            "show",
            str(DATA / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt"),
            str(DATA / "01-overlay-remote-endpoint-v1-flannel-test.json"),
            "--out",
            str(out),
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    # two machines: nothing links the network dump to the remote endpoint's file
    assert "host1 (10.138.0.5, Windows Server 2019): 2 HNS networks" in text
    assert "host2 (address unknown, Windows Server 2019): 1 HNS networks, 1 endpoints (1 remote)" in text
    assert "warnings: 0" in text and "L2Bridge" in text
    for name in FILES:
        assert (out / name).stat().st_size > 0, name
    html = (out / "report.html").read_text()
    png = (out / "topology.png").read_bytes()
    assert base64.b64encode(png).decode() in html and "<script" not in html
    assert (
        "10.138.0.5" in (out / "networks.csv").read_text() or "External" in (out / "networks.csv").read_text()
    )


def test_show_merge_puts_every_dump_on_one_host(tmp_path, capsys):
    dumps = [
        str(DATA / n)
        for n in (
            "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt",
            "01-overlay-remote-endpoint-v1-flannel-test.json",
        )
    ]
    assert main(["show", *dumps, "--merge", "--out", str(tmp_path / "r")]) == 0
    text = capsys.readouterr().out
    assert "3 HNS networks, 1 endpoints (1 remote)" in text and "host2" not in text
    html = (tmp_path / "r" / "report.html").read_text()
    assert "What this is:" in html and "Read it with care:" in html  # the two-line explanation
    assert '<abbr title="544A3CAB-A2FF-45FE-8E35-08C709B6E69F">544A3CAB-A2F…</abbr>' in html


def test_out_at_a_file_or_an_unwritable_place_is_one_line_and_exit_2(tmp_path, capsys):
    dump = str(DATA / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
    existing = tmp_path / "taken"
    existing.write_text("x")
    assert main(["show", dump, "--out", str(existing)]) == 2
    captured = capsys.readouterr()
    assert (
        captured.err.strip()
        == f"winnetlab show: cannot write the report to {existing}: it is a file, not a folder"
    )
    assert captured.out == "" and existing.read_text() == "x"
    assert main(["demo", "--out", str(existing / "sub")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("winnetlab demo: cannot write the report to") and "\n" not in err


def test_demo_into_a_closed_pipe_ends_quietly():
    import subprocess
    import sys

    code = "import sys; from winnetlab.cli import main; sys.exit(main(['demo', '--out', sys.argv[1]]))"
    with __import__("tempfile").TemporaryDirectory() as folder:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, folder], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        err = proc.stderr.read().decode()
        proc.wait(timeout=120)
    assert "Traceback" not in err and err == ""


def test_show_exits_2_with_one_line_when_nothing_is_usable(tmp_path, capsys):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01binary\xff" * 50)
    assert main(["show", str(junk), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "binary" in err
    assert main(["show", str(tmp_path / "missing.json"), "--out", str(tmp_path / "r")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_demo_transcript_and_deterministic_report(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "a")]) == 0
    first = capsys.readouterr().out
    for cmd in (
        "docker run -d --name web -p 8080:80",
        "-d l2bridge",
        "-d l2tunnel",
        "New-VMSwitch -Name CORP",
        "-d overlay",
        "service create --name api",
        "docker network ls",
    ):
        assert cmd in first
    assert main(["demo", "--out", str(tmp_path / "b")]) == 0
    assert capsys.readouterr().out.replace(str(tmp_path / "b"), "") == first.replace(str(tmp_path / "a"), "")
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    drivers = (tmp_path / "a" / "networks.csv").read_text()
    for driver in ("nat", "transparent", "overlay", "l2bridge", "l2tunnel"):
        assert f",{driver}," in drivers
