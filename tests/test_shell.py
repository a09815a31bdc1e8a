"""``winnetlab shell`` driven through standard input."""

import io
import subprocess
import sys
from types import SimpleNamespace

from winnetlab.fronts.shell import shell_main


def drive(text, hosts=1, windows="ltsc2022", no_hints=False):
    out = io.StringIO()
    code = shell_main(
        SimpleNamespace(hosts=hosts, windows=windows, seed=0, no_hints=no_hints),
        stdin=io.StringIO(text),
        stdout=out,
    )
    return code, out.getvalue()


def test_prompt_runs_docker_powershell_and_exec():
    code, out = drive(
        "docker network ls\nGet-VMSwitch\ndocker run -d --name web -p 80:80 img\n"
        "docker exec web ipconfig\nexit\n"
    )
    assert code == 0
    assert "PS C:\\> docker network ls\nNETWORK ID     NAME      DRIVER    SCOPE" in out
    assert "nat  Internal" in out
    assert "IPv4 Address. . . . . . . . . . . : 172.16.0.2" in out
    assert out.rstrip().endswith("PS C:\\> exit")


def test_remote_session_and_end_of_input():
    code, out = drive("Enter-PSSession host2\ndocker ps\nexit\nGet-Frobnitz\n", hosts=2)
    assert code == 0
    assert "[host2]: PS C:\\> docker ps\nCONTAINER ID" in out
    assert "Get-Frobnitz : The term 'Get-Frobnitz' is not recognized" in out
    assert (
        "Enter-PSSession : Connecting to remote server nohost failed" in drive("Enter-PSSession nohost\n")[1]
    )


def test_bad_arguments_and_version():
    code, out = drive("exit\n", windows="ltsc2016")
    assert code == 0
    err = io.StringIO()
    assert (
        shell_main(
            SimpleNamespace(hosts=1, windows="vista", seed=0, no_hints=False),
            stdin=io.StringIO(""),
            stdout=err,
        )
        == 2
    )


def test_cli_entry_point():
    p = subprocess.run(
        [sys.executable, "-m", "winnetlab", "shell", "--hosts", "1"],
        input="docker ps -a\nexit\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 0 and "CONTAINER ID   IMAGE" in p.stdout


def test_hints_follow_the_output_unless_no_hints():
    line = "docker run --network host img\n"
    _, out = drive(line)
    assert "Error response from daemon:" in out and "\nhint: " in out
    _, quiet = drive(line, no_hints=True)
    assert "Error response from daemon:" in quiet and "hint:" not in quiet
