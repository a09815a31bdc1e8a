"""Physical adapters: ``wl.Lab(adapters=N)``, ``winnetlab shell --adapters N``, the adapter rule
(one External vSwitch per adapter) and hints that only name adapters that exist."""

import io
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from statecheck import check_invariants, snapshot

import winnetlab as wl
from winnetlab.engine.switching import adapters_for_every_driver
from winnetlab.fronts.shell import shell_main

SHIM = "com.docker.network.windowsshim."


def test_every_host_gets_n_adapters_named_as_windows_names_them():
    lab = wl.Lab(hosts=2, adapters=3)
    lab.add_host()
    for h in lab.hosts.values():
        phys = [a for a in h.adapters.values() if a.physical]
        assert [a.name for a in phys] == ["Ethernet", "Ethernet 2", "Ethernet 3"]
        assert phys[0].ip_interface.ip == h.address and phys[1].ip_interface is None
        assert phys[2].description.endswith("#3")
    out = lab.powershell("Get-NetAdapter").output
    assert re.search(r"^Ethernet 3 +Intel\(R\) 82574L Gigabit Network Conn\.\.\. +4 Up", out, re.M)
    assert wl.Lab().host().adapters.keys() == {"Ethernet", "vEthernet (nat)"}


@pytest.mark.parametrize("bad", [0, 17, -1, "2", 2.0, True, None])
def test_bad_adapter_counts_are_refused(bad):
    with pytest.raises(wl.InvalidParameter, match="adapters must be a whole number from 1 to 16"):
        wl.Lab(adapters=bad)


def test_adapters_survive_save_and_load(tmp_path):
    lab = wl.Lab(adapters=2)
    lab.save(tmp_path / "lab.json")
    loaded = wl.Lab.load(tmp_path / "lab.json")
    assert loaded.adapters == 2 and "Ethernet 2" in loaded.host().adapters
    assert loaded.add_host().adapters.keys() >= {"Ethernet", "Ethernet 2"}


def test_the_rule_counts_one_adapter_per_external_switch_driver():
    # overlay (shared with swarm's ingress), transparent, l2bridge, l2tunnel; nat needs none
    assert adapters_for_every_driver() == 4


def _advice(err):
    return err.value.hint


def test_hint_names_a_free_adapter_then_says_how_to_add_one():
    lab = wl.Lab(adapters=2)
    host = lab.host()
    lab.swarm_init()
    with pytest.raises(wl.Conflict, match="The parameter is incorrect") as err:
        host.create_network("tr", driver="transparent")
    assert f'-o {SHIM}interface="Ethernet 2"' in _advice(err)
    host.create_network("tr", driver="transparent", options={SHIM + "interface": "Ethernet 2"})
    before = snapshot(lab)
    with pytest.raises(wl.Conflict, match="The parameter is incorrect") as err:
        host.create_network(
            "l2", driver="l2bridge", subnet="10.5.0.0/24", options={SHIM + "interface": "Ethernet 2"}
        )
    hint = _advice(err)
    assert "Ethernet 3" not in hint.split("add_adapter")[0]  # never a missing adapter as "use"
    assert "winnetlab shell --adapters 3" in hint and 'host.add_adapter("Ethernet 3")' in hint
    with pytest.raises(wl.InvalidParameter) as err:
        host.create_network(
            "l2", driver="l2bridge", subnet="10.5.0.0/24", options={SHIM + "interface": "Ethernet 7"}
        )
    assert "use a free adapter" not in _advice(err) and "--adapters 3" in _advice(err)
    assert snapshot(lab) == before
    host.add_adapter("Ethernet 3")
    host.create_network(
        "l2", driver="l2bridge", subnet="10.5.0.0/24", options={SHIM + "interface": "Ethernet 3"}
    )
    check_invariants(lab)


def test_every_hint_names_only_existing_adapters():
    """Whatever is refused, a hint that says "use" names an adapter of the host."""
    lab = wl.Lab(adapters=2)
    host = lab.host()
    lab.swarm_init()
    tries = [
        ("transparent", None),
        ("transparent", "Ethernet 2"),
        ("transparent", "Ethernet 2"),
        ("l2tunnel", "Ethernet 2"),
        ("l2bridge", None),
        ("l2bridge", "vEthernet (nat)"),
    ]
    for i, (drv, nic) in enumerate(tries):
        opts = {SHIM + "interface": nic} if nic else {}
        try:
            host.create_network(f"n{i}", driver=drv, subnet=f"10.6.{i}.0/24", options=opts)
        except wl.WinNetLabError as e:
            for named in re.findall(r'interface="([^"]+)"', e.hint or ""):
                assert named in host.adapters and host.adapters[named].vswitch is None
    out = lab.powershell('New-VMSwitch -Name X -NetAdapterName "Ethernet"')
    assert not out.ok and all("Ethernet 3" not in h.split("add_adapter")[0] for h in out.hints)


def drive(text, adapters=None, **kw):
    args = SimpleNamespace(hosts=1, windows="ltsc2022", seed=0, no_hints=False, **kw)
    if adapters is not None:
        args.adapters = adapters
    out = io.StringIO()
    return shell_main(args, stdin=io.StringIO(text), stdout=out), out.getvalue()


def test_default_shell_host_builds_swarm_and_every_driver():
    lines = [
        "docker swarm init",
        "docker network create -d nat --subnet 10.10.0.0/24 mynat",
        f'docker network create -d transparent -o {SHIM}interface="Ethernet 2" tnet',
        f'docker network create -d l2bridge --subnet 10.20.0.0/24 -o {SHIM}interface="Ethernet 3" l2b',
        f'docker network create -d l2tunnel --subnet 10.30.0.0/24 -o {SHIM}interface="Ethernet 4" l2t',
        "docker network create -d overlay --attachable ov",
        "docker network ls",
    ]
    code, out = drive("\n".join(lines) + "\n")
    session = out.split("PS C:\\>", 1)[1]  # after the banner (and its Get-Command hint)
    assert code == 0 and "Error" not in session and "hint:" not in session
    table = out.split("PS C:\\> docker network ls\n")[1]
    for name, drv in [("mynat", "nat"), ("tnet", "transparent"), ("l2b", "l2bridge"), ("l2t", "l2tunnel")]:
        assert re.search(rf"{name} +{drv} +local", table)
    assert re.search(r"ov +overlay +swarm", table) and re.search(r"ingress +overlay +swarm", table)


def test_shell_adapters_flag():
    _, out = drive("Get-NetAdapter\n", adapters=2)
    assert "Ethernet 2 " in out and "Ethernet 3 " not in out
    _, out = drive(
        f'docker swarm init\ndocker network create -d transparent -o {SHIM}interface="Ethernet 2" t\n'
        f'docker network create -d l2bridge --subnet 10.2.0.0/24 -o {SHIM}interface="Ethernet 2" b\n',
        adapters=2,
    )
    assert "The parameter is incorrect" in out and "hint: " in out and "winnetlab shell --adapters 3" in out


@pytest.mark.parametrize("value", ["0", "17", "abc", "-2", ""])
def test_shell_bad_adapter_values_are_one_line_and_exit_2(value):
    p = subprocess.run(
        [sys.executable, "-m", "winnetlab", "shell", "--adapters", value],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 2 and p.stdout == ""
    assert len(p.stderr.splitlines()) == 1 and "--adapters" in p.stderr and "Traceback" not in p.stderr
