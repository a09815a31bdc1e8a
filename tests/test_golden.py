"""Golden transcripts: one scripted session per driver, its full text compared byte for byte.

Each script is what a learner would type at ``PS C:\\>`` (docker, PowerShell, ``docker exec``),
run through ``winnetlab.fronts.shell.Session`` exactly as ``winnetlab shell`` runs it.  After an
intended change, regenerate explicitly and review the diff:

    python -m tests.test_golden --update        (or WINNETLAB_UPDATE_GOLDEN=1 pytest tests/test_golden.py)

Get-Hns* output is left out of the goldens: its JSON comes from the HNS exporter and is
tested there.
"""

import os
import sys
from pathlib import Path

import pytest

import winnetlab as wl
from winnetlab.fronts.docker_format import swarm_token
from winnetlab.fronts.shell import Session

GOLDEN = Path(__file__).parent / "golden"
IIS = "mcr.microsoft.com/windows/servercore/iis"
NANO = "mcr.microsoft.com/windows/nanoserver:ltsc2022"
CORE = "mcr.microsoft.com/windows/servercore:ltsc2022"


def nat_script(lab):
    return [
        "docker network ls",
        "docker network create -d nat --subnet 10.10.0.0/24 mynat",
        f"docker run -d --name web -p 8080:80 {IIS}",
        f"docker run -d --name web2 -p 8080:80 {IIS}",
        f"docker run -dit --name db --network mynat {NANO}",
        "docker ps -a",
        "docker port web",
        "docker network inspect mynat",
        "Get-VMSwitch",
        "Get-NetNat",
        "Get-NetNatStaticMapping",
        "Get-NetFirewallRule",
        "docker exec web ipconfig /all",
        "docker exec web route print",
        "docker exec web nslookup web2",
        "docker exec db nslookup www.example.com",
        "docker exec web ping -n 1 db",
        "docker rm web2 nosuch",
        "docker network rm nat",
        "docker exec web ifconfig",
    ]


def transparent_script(lab):
    return [
        "New-VMSwitch -Name CORP -NetAdapterName Ethernet",
        "docker network ls",
        "Restart-Service docker",
        "docker network ls",
        "Get-NetAdapter",
        f"docker run -dit --name t1 --network CORP {NANO}",
        f"docker run -dit --name t2 --network CORP {NANO}",
        "docker network inspect CORP",
        "docker exec t1 ipconfig /all",
        "docker exec t1 nslookup t2",
        "docker network create -d transparent tr2",
        "Get-VMSwitch",
    ]


def l2bridge_script(lab):
    shim = "com.docker.network.windowsshim."
    return [
        "docker network create -d l2bridge --subnet 10.244.1.0/24 --gateway 10.244.1.1 l2b",
        f"docker network create -d l2bridge --subnet 10.244.2.0/24 --gateway 10.244.2.1 "
        f"-o {shim}enable_outboundnat=true -o {shim}outboundnat_exceptions=10.244.0.0/16 l2bnat",
        f"docker run -d --name pod1 --network l2b -p 8081:80 {IIS}",
        f"docker run -dit --name pod2 --network l2bnat {CORE}",
        "docker ps",
        "Get-VMSwitch",
        "vfpctrl /list-vmswitch-port",
        "docker exec pod1 ping -n 1 8.8.8.8",
        "docker exec pod2 powershell Test-NetConnection www.example.com -Port 80",
        "docker exec pod1 nslookup pod2",
        "docker network create -d transparent tr",
    ]


def l2tunnel_script(lab):
    return [
        "docker network create -d l2tunnel --subnet 10.0.5.0/24 --gateway 10.0.5.1 azure",
        f"docker run -dit --name vnet1 --network azure {CORE}",
        f"docker run -dit --name vnet2 --network azure {NANO}",
        "docker network inspect azure",
        "docker exec vnet1 ipconfig",
        "docker exec vnet1 powershell -Command Test-NetConnection 10.0.5.3 -Port 445",
        "docker exec vnet1 route print",
    ]


def overlay_script(lab):
    return [
        "docker network create -d overlay ov",
        "docker swarm init",
        "Enter-PSSession host2",
        f"docker swarm join --token {swarm_token(lab)} {lab.host('host1').address}:2377",
        "exit",
        "docker network create -d overlay --attachable --subnet 10.0.9.0/24 ov",
        f"docker run -dit --name a1 --network ov {NANO}",
        "Enter-PSSession host2",
        f"docker run -dit --name b1 --network ov {NANO}",
        "docker network ls",
        "exit",
        "docker exec a1 nslookup b1",
        "docker exec a1 ping -n 1 b1",
        f"docker service create --name web --replicas 2 --publish 8080:80 {IIS}",
        "docker service ls",
        "docker network inspect ov",
        "docker info",
    ]


SCRIPTS = {
    "nat": (nat_script, 1),
    "transparent": (transparent_script, 1),
    "overlay": (overlay_script, 2),
    "l2bridge": (l2bridge_script, 1),
    "l2tunnel": (l2tunnel_script, 1),
}


def transcript(driver):
    script, hosts = SCRIPTS[driver]
    lab = wl.Lab(seed=0, hosts=hosts)
    session = Session(lab)
    out = []
    for line in script(lab):
        out.append(session.prompt() + line)
        text = session.run(line)
        if text:
            out.append(text)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("driver", sorted(SCRIPTS))
def test_golden_transcript(driver):
    path = GOLDEN / f"{driver}.txt"
    text = transcript(driver)
    if os.environ.get("WINNETLAB_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path}: run python -m tests.test_golden --update"
    assert text == path.read_text(encoding="utf-8")


def test_transcripts_are_deterministic():
    assert transcript("nat") == transcript("nat")


if __name__ == "__main__":
    if "--update" not in sys.argv[1:]:
        sys.exit("usage: python -m tests.test_golden --update")
    for name in sorted(SCRIPTS):
        (GOLDEN / f"{name}.txt").write_text(transcript(name), encoding="utf-8")
        print(f"wrote {GOLDEN / (name + '.txt')}")
