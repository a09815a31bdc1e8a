"""``docker service inspect [--pretty]``, ``service update --replicas`` and ``service scale``:
docker/cli v27.3.1's words (cli/command/service/scale.go, update.go, inspect.go, formatter.go),
the engine's validate-then-commit path across hosts, and tasks, VIP backends and DNS following."""

import io
import json
from types import SimpleNamespace

import pytest
from statecheck import check_invariants, snapshot

import winnetlab as wl
from winnetlab.fronts.shell import shell_main

IMG = "mcr.microsoft.com/windows/servercore/iis"


@pytest.fixture
def lab():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.docker("network create -d overlay --attachable ov")
    assert lab.docker(f"service create --name web --replicas 2 --network ov -p 8080:80 {IMG}").ok
    return lab


def _tasks(lab, name="web"):
    return [(h.name, c) for h in lab.hosts.values() for c in h.containers if c.startswith(name + ".")]


def test_scale_prints_like_docker_cli_and_tasks_follow(lab):
    r = lab.docker("service scale web=5")
    bar = "[" + "=" * 50 + ">] "  # docker/cli's progress bar of a running task (state 9 of 9)
    assert r.output == (
        "web scaled to 5\noverall progress: 5 out of 5 tasks \n"
        + "".join(f"{i}/5: running   {bar}\n" for i in range(1, 6))
        + "verify: Service web converged "  # 26.0+: the service as the command named it
    )
    placed = [h for h, _ in _tasks(lab)]
    assert len(placed) == 5 and sorted(placed) == ["host1"] * 3 + ["host2"] * 2  # spread
    assert "5/5" in lab.docker("service ls").output
    svc = lab.swarm.services["web"]
    # the load balancer and DNS follow: every task is a backend, tasks.web answers them all
    for h in lab.hosts.values():
        lists = [p for p in h.policy_lists if p.service == "web"]
        assert lists and all(len(p.references) == 5 for p in lists if p.network_id == h.networks["ov"].id)
    first = svc.tasks[0]
    answer = lab.exec(first, "nslookup tasks.web").output
    assert sum(line.strip().startswith("10.0.1.") for line in answer.splitlines()) == 5
    assert lab.trace(first, "web", port=80).verdict == "delivered"
    check_invariants(lab)


def test_scale_down_frees_addresses_and_back_up_gets_new_tasks(lab):
    before = set(lab.swarm.services["web"].tasks)
    assert lab.docker("service scale -d web=0").output == "web scaled to 0"
    assert not _tasks(lab) and "0/0" in lab.docker("service ls").output
    assert lab.swarm.networks["ov"].pool.used_count == 1 + 2  # the VIP and two load balancers
    lab.docker("service scale -d web=2")
    after = set(lab.swarm.services["web"].tasks)
    assert len(after) == 2 and not after & before  # a refilled slot is a new task
    assert sorted(t.split(".")[1] for t in after) == ["1", "2"]
    check_invariants(lab)


def test_update_replicas_and_its_words(lab):
    r = lab.docker("service update --replicas 3 web")
    assert r.output.splitlines()[:2] == ["web", "overall progress: 3 out of 3 tasks "]
    assert r.output.endswith(">] \nverify: Service web converged ")
    assert lab.docker("service update -d --replicas 1 web").output == "web"
    assert lab.docker("service update -q --replicas 2 web").output == "web"
    short = lab.swarm.services["web"].id[:6]
    assert lab.docker(f"service update -d --replicas 1 {short}").output == short
    assert len(_tasks(lab)) == 1
    bad = lab.docker("service update --replicas x web")
    assert bad.exit_code == 125 and bad.output.startswith(
        'invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'
    )
    missing = lab.docker("service update --replicas 2 nosuch")
    assert (missing.exit_code, missing.output) == (1, "Error: No such service: nosuch")


def test_scale_errors_use_docker_cli_words_and_change_nothing(lab):
    before = snapshot(lab)
    r = lab.docker("service scale web=abc")
    assert (r.exit_code, r.output) == (
        1,
        'web: invalid replicas value abc: strconv.ParseUint: parsing "abc": invalid syntax',
    )
    assert lab.docker("service scale web=-1").output.endswith('parsing "-1": invalid syntax')
    huge = lab.docker("service scale web=99999999999999999999")
    assert huge.output.endswith('parsing "99999999999999999999": value out of range')
    spec = lab.docker("service scale web")
    assert spec.exit_code == 1 and spec.output.startswith(
        "invalid scale specifier 'web'.\nSee 'docker service scale --help'."
    )
    assert lab.docker("service scale").output.startswith(
        "docker: 'docker service scale' requires at least 1 argument"
    )
    assert lab.docker("service scale nosuch=2").output == "nosuch: Error: No such service: nosuch"
    assert snapshot(lab) == before
    both = lab.docker("service scale -d nosuch=2 web=3")  # the good one still happens, as in the CLI
    assert both.output == "web scaled to 3\nnosuch: Error: No such service: nosuch" and both.exit_code == 1
    worker = lab.docker("service scale web=1", host="host2")
    assert "This node is not a swarm manager" in worker.output


def test_a_refused_scale_changes_nothing_on_any_host():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.docker(f"service create --name h --replicas 2 --publish mode=host,target=80,published=9000 {IMG}")
    before = snapshot(lab)
    with pytest.raises(wl.Conflict, match="host-mode port 9000/tcp can serve one task per node"):
        lab.scale_service("h", 3)
    r = lab.docker("service scale h=3")
    assert r.exit_code == 1 and r.output.startswith("h: Error response from daemon: host-mode port 9000/tcp")
    assert snapshot(lab) == before
    lab.docker("network create -d overlay --subnet 10.9.9.0/29 tiny")  # 5 usable: VIP, 2 LBs, 2 tasks
    lab.docker(f"service create --name t --replicas 2 --network tiny {IMG}")
    before = snapshot(lab)
    with pytest.raises(wl.Exhausted):
        lab.scale_service("t", 4)
    assert snapshot(lab) == before
    with pytest.raises(wl.InvalidParameter):
        lab.scale_service("t", -1)
    with pytest.raises(wl.NotFound):
        lab.scale_service("nosuch", 1)
    assert snapshot(lab) == before


def test_inspect_json_as_moby_returns_it(lab):
    doc = json.loads(lab.docker("service inspect web").output)
    (svc,) = doc
    assert list(svc) == ["ID", "Version", "CreatedAt", "UpdatedAt", "Spec", "Endpoint"]
    spec = svc["Spec"]
    # key order and defaults of a public `docker service inspect` (InsertDefaults) output
    assert list(spec) == [
        "Name",
        "Labels",
        "TaskTemplate",
        "Mode",
        "UpdateConfig",
        "RollbackConfig",
        "EndpointSpec",
    ]
    assert list(spec["TaskTemplate"]) == [
        "ContainerSpec",
        "Resources",
        "RestartPolicy",
        "Placement",
        "Networks",
        "ForceUpdate",
        "Runtime",
    ]
    assert spec["TaskTemplate"]["ContainerSpec"] == {
        "Image": IMG,
        "Init": False,
        "StopGracePeriod": 10000000000,
        "DNSConfig": {},
        "Isolation": "default",
    }
    assert spec["UpdateConfig"] == {
        "Parallelism": 1,
        "FailureAction": "pause",
        "Monitor": 5000000000,
        "MaxFailureRatio": 0,
        "Order": "stop-first",
    }
    assert spec["Mode"] == {"Replicated": {"Replicas": 2}}
    vips = {v["NetworkID"]: v["Addr"] for v in svc["Endpoint"]["VirtualIPs"]}
    assert vips[lab.swarm.networks["ov"].docker_id] == f"{lab.swarm.services['web'].vips['ov']}/24"
    assert svc["Endpoint"]["Ports"] == [
        {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"}
    ]
    lab.docker("service scale -d web=3")
    after = json.loads(lab.docker("service inspect web").output)[0]
    assert after["Spec"]["Mode"]["Replicated"]["Replicas"] == 3
    assert after["PreviousSpec"]["Mode"]["Replicated"]["Replicas"] == 2
    assert after["Version"]["Index"] > svc["Version"]["Index"] and after["UpdatedAt"] != svc["UpdatedAt"]
    assert lab.docker("service inspect --format '{{.Spec.Mode.Replicated.Replicas}}' web").output == "3"


def test_inspect_pretty_and_errors(lab):
    out = lab.docker("service inspect --pretty web").output
    sid = lab.swarm.services["web"].id
    assert out.startswith(
        f"\nID:\t\t{sid}\nName:\t\tweb\nService Mode:\tReplicated\n Replicas:\t2\nPlacement:\n"
    )
    assert "\n Update order:      stop-first\n" in out and "\n Rollback order:    stop-first\n" in out
    assert out.endswith(
        "Networks: ov \nEndpoint Mode:\tvip\nPorts:\n PublishedPort = 8080\n  Protocol = tcp\n"
        "  TargetPort = 80\n  PublishMode = ingress "
    )
    r = lab.docker("service inspect web nosuch")
    assert r.exit_code == 1 and r.output.endswith("]\nError: no such service: nosuch")
    assert lab.docker("service inspect nosuch").output == "[]\nError: no such service: nosuch"
    both = lab.docker("service inspect --pretty -f '{{.ID}}' web")
    assert (both.exit_code, both.output) == (1, "--format is incompatible with human friendly format")


def test_through_powershell_and_the_shell(lab):
    assert lab.powershell("docker service scale -d web=3").output == "web scaled to 3"
    out = io.StringIO()
    args = SimpleNamespace(hosts=2, windows="ltsc2022", seed=0, no_hints=False)
    lines = (
        "docker swarm init\n"
        f"docker service create --name web {IMG}\n"
        "docker service scale web=2\n"
        "docker service update -d --replicas 3 web\n"
        "docker service inspect --format '{{.Spec.Mode.Replicated.Replicas}}' web\n"
        "docker service scale web=x\n"
    )
    assert shell_main(args, stdin=io.StringIO(lines), stdout=out) == 0
    text = out.getvalue()
    assert "web scaled to 2\noverall progress: 2 out of 2 tasks" in text
    assert "PS C:\\> docker service inspect --format '{{.Spec.Mode.Replicated.Replicas}}' web\n3\n" in text
    assert 'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax' in text


def test_windows_server_2016_rejected_service_scales_its_spec_only():
    lab = wl.Lab(windows="ltsc2016")
    lab.swarm_init()
    lab.docker(f"service create --name web -p 8080:80 {IMG}")  # 2016: no routing mesh, tasks rejected
    r = lab.docker("service scale web=3")
    assert r.output.startswith(
        "web scaled to 3\noverall progress: 0 out of 3 tasks \n1/3: HNS failed with error"
    )
    assert "verify" not in r.output and any("keeps waiting" in h for h in r.hints)
    assert lab.swarm.services["web"].replicas == 3 and not _tasks(lab)
