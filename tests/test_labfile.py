"""lab.save / Lab.load: the whole lab, continuing exactly as the original would."""

import json
from pathlib import Path

import pytest

import winnetlab as wl

DATA = Path(__file__).parent / "data" / "hns"


def busy_lab():
    lab = wl.Lab(seed=3, hosts=2)
    h1 = lab.host("host1")
    h1.add_adapter("Ethernet 2")
    h1.create_network(
        "l2b",
        driver="l2bridge",
        subnet="10.5.0.0/24",
        gateway="10.5.0.1",
        options={"com.docker.network.windowsshim.interface": "Ethernet 2"},
    )
    lab.swarm_init()
    lab.swarm_join("host2")
    h1.run("web", publish=["8080:80"])
    lab.docker("network create -d overlay --attachable ov")
    lab.create_service("svc", replicas=2, networks=["ov"], publish=["8081:80"])
    return lab


def continue_(lab):
    lab.host().run("db", network="l2b")
    lab.docker(
        "run -d --name w2 -p 9090:80 --network ov mcr.microsoft.com/windows/servercore/iis", host="host2"
    )
    lab.host("host2").create_network("n2", subnet="10.77.0.0/24")
    return [
        (e.id, str(e.ip_address), e.mac_address) for h in lab.hosts.values() for e in h.endpoints.values()
    ]


def test_loaded_lab_continues_with_the_same_ids(tmp_path):
    lab = busy_lab()
    lab.save(tmp_path / "lab.json")
    copy = wl.Lab.load(tmp_path / "lab.json")
    assert str(copy.docker("network ls")) == str(lab.docker("network ls"))
    assert continue_(copy) == continue_(lab)
    assert wl.tables.events(copy).equals(wl.tables.events(lab))
    assert copy.trace("web", "8.8.8.8", 53, "udp").verdict == lab.trace("web", "8.8.8.8", 53, "udp").verdict


def test_save_is_byte_identical_and_versioned(tmp_path):
    lab = busy_lab()
    lab.save(tmp_path / "a.json")
    wl.Lab.load(tmp_path / "a.json").save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    doc = json.loads((tmp_path / "a.json").read_text())
    assert doc["format"] == "winnetlab-lab" and doc["version"] == 3


def test_imported_labs_round_trip(tmp_path):
    lab = wl.load_hns(DATA)
    lab.save(tmp_path / "imp.json")
    copy = wl.Lab.load(tmp_path / "imp.json")
    assert wl.dump_hns(copy) == wl.dump_hns(lab)
    assert copy.warnings == lab.warnings


@pytest.mark.parametrize(
    "content, words",
    [
        ("not json", "not a winnetlab lab file"),
        ('{"format": "other"}', "not a winnetlab lab file"),
        ('{"format": "winnetlab-lab", "version": 99}', "newer winnetlab"),
        (
            '{"format": "winnetlab-lab", "version": 1, "lab": {"$o": "os:system", "$id": 0, "f": {}}}',
            "damaged",
        ),
        (
            '{"format": "winnetlab-lab", "version": 1, "lab": {"$o": "winnetlab.lab:Lab", "$id": 0}}',
            "damaged",
        ),
        ('{"format": "winnetlab-lab", "version": 1, "lab": [1, 2]}', "does not hold a lab"),
        ("[" * 100000, "not a winnetlab lab file"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(wl.InvalidParameter) as err:
        wl.Lab.load(path)
    assert words in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(wl.NotFound):
        wl.Lab.load(tmp_path / "nope.json")


def test_a_lab_file_saved_by_0_1_loads_and_continues_as_0_1_did():
    """tests/data/labfiles/lab-0.1.json was saved by winnetlab 0.1 (flat module layout, the
    routing mesh's ports kept as "service:<name>" in the host's port table); the .continued.txt
    beside it is what 0.1 printed after loading it and running the steps below, but for what
    later versions print more faithfully: the HNS name of the overlay endpoint created after
    loading follows Docker's endpoint id (docker inspect's EndpointID), as the overlay driver
    names it; ``docker inspect`` prints the whole container JSON (with its restart policy) and a
    running ``Pid``; and ``Get-HnsEndpoint`` writes endpoint GUIDs in lower case, without an
    empty ``Policies``, as HNS does.  Today's winnetlab must print that."""
    data = Path(__file__).parent / "data" / "labfiles"
    lab = wl.Lab.load(data / "lab-0.1.json")
    out = [
        lab.docker("ps -a --no-trunc").output,
        lab.docker("service ls").output,
        lab.docker("network ls", host="host2").output,
    ]
    lab.host("host1").run("next", network="nat", publish=["8082:80"])
    lab.create_service("more", replicas=1, publish=["8090:80"])
    out += [
        lab.docker("ps -a --no-trunc").output,
        lab.docker("inspect next").output,
        str(lab.trace("internet", "host2", 8080)),
        str(lab.trace("internet", "host1", 8081)),
        lab.powershell("Get-HnsEndpoint | ConvertTo-Json", host="host2").output,
    ]
    assert "\n".join(out) + "\n" == (data / "lab-0.1.continued.txt").read_text(encoding="utf-8")
    assert lab.host("host1").mesh_ports == {("tcp", 8080): "svc", ("tcp", 8090): "more"}


def test_an_unknown_class_is_a_clear_error(tmp_path):
    doc = {"format": "winnetlab-lab", "version": 1, "lab": {"$o": "winnetlab.nowhere:Lab", "$id": 0, "f": {}}}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(wl.InvalidParameter, match="is damaged: unknown class"):
        wl.Lab.load(path)


def test_an_event_log_saved_before_the_compound_recipes_reads_as_it_did():
    """tests/data/labfiles/lab-v2-e538f14.json was saved by commit e538f14, whose log kept one
    recipe entry per event (today one entry holds an endpoint's four events); the .events.txt
    beside it is every event row that version read from it.  The old entries read the same,
    and the log goes on from there."""
    data = Path(__file__).parent / "data" / "labfiles"
    lab = wl.Lab.load(data / "lab-v2-e538f14.json")
    rows = [f"{name} {row}" for name, h in sorted(lab.hosts.items()) for row in h.event_rows()]
    assert "\n".join(rows) + "\n" == (data / "lab-v2-e538f14.events.txt").read_text(encoding="utf-8")
    host = lab.host("host1")
    before = host.event_count()
    host.run("after", publish=["8085:80"])
    new = host.event_rows()[before:]
    assert [r[0] for r in new] == list(range(before + 1, before + 1 + len(new)))
    assert [(r[2], r[3]) for r in new[:5]] == [
        ("CreateContainer", "after"),
        ("CreateNamespace", "after"),
        ("CreateComputeSystem", "after"),
        ("CreateEndpoint", "after@nat"),
        ("AttachEndpoint", "after@nat"),
    ]
    assert len(host.events) == host.event_count() == len(host.event_rows())
