"""What differs by Docker engine and Windows build: images --format, 28.0's run wrapper,
the networkname option, the container adapter description."""

import json

import pytest

import winnetlab as wl


def test_images_format_fields_and_table():
    lab = wl.Lab(seed=1)
    nano = "mcr.microsoft.com/windows/nanoserver"
    out = lab.docker(
        f'images --format "{{{{.Repository}}}}:{{{{.Tag}}}} {{{{.ID}}}} {{{{.Size}}}}" {nano}'
    ).output
    image = lab.host().images["mcr.microsoft.com/windows/nanoserver:ltsc2022"]
    assert out == f"mcr.microsoft.com/windows/nanoserver:ltsc2022 {image.id[7:19]} {image.size}"
    table = lab.docker(
        f'images --format "table {{{{.Repository}}}}\\t{{{{.CreatedSince}}}}\\t{{{{.Digest}}}}" {nano}'
    ).output
    lines = table.splitlines()
    assert lines[0].split() == ["REPOSITORY", "CREATED", "DIGEST"]
    assert lines[1].split() == ["mcr.microsoft.com/windows/nanoserver", "2", "weeks", "ago", image.digest]
    row = json.loads(lab.docker(f"images --format json {nano}").output)
    assert list(row) == sorted(row) and row["Containers"] == "N/A" and row["CreatedAt"].endswith("+0000 UTC")
    r = lab.docker('images --format "{{.Nope}}"')
    assert r.exit_code == 1 and r.output.endswith("can't evaluate field Nope in type *formatter.imageContext")


def test_run_error_wrapper_changed_in_28():
    old = wl.Lab(seed=1)
    assert old.docker("run --network nope img").output.splitlines()[-2:] == [
        "docker: Error response from daemon: network nope not found.",
        "See 'docker run --help'.",
    ]
    new = wl.Lab(seed=1, docker_engine="28.0.4")
    r = new.docker("run --network nope img")
    assert r.exit_code == 125
    assert r.output.endswith(
        "docker: Error response from daemon: network nope not found\n\nRun 'docker run --help' for more information"
    )
    new.docker("run -d --name web -p 80:80 img")
    clash = new.docker("run -d -p 80:80 img").output  # a start error gets the pointer too from 28.0
    assert clash.endswith("(0x20)\n\nRun 'docker run --help' for more information")
    assert "API version:       1.48" in new.docker("version").output
    assert new.docker('network inspect nat -f "{{.EnableIPv4}}"').output == "true"
    assert "EnableIPv4" not in old.docker("network inspect nat").output
    with pytest.raises(wl.WinNetLabError, match="unknown Docker engine '29.0.0'"):
        wl.Lab(docker_engine="29.0.0")


def test_networkname_option_only_on_nat_given_or_after_a_daemon_restart():
    lab = wl.Lab(seed=1)
    lab.docker("network create -d nat --subnet 10.5.0.0/24 mynat")
    lab.docker(
        "network create -d nat --subnet 10.6.0.0/24 -o com.docker.network.windowsshim.networkname=named n2"
    )

    def options(name):
        return json.loads(lab.docker(f'network inspect {name} -f "{{{{json .Options}}}}"').output)

    assert list(options("mynat")) == ["com.docker.network.windowsshim.hnsid"]
    assert options("nat")["com.docker.network.windowsshim.networkname"] == "nat"
    assert options("n2")["com.docker.network.windowsshim.networkname"] == "named"
    lab.powershell("Restart-Service docker")
    assert options("mynat")["com.docker.network.windowsshim.networkname"] == "mynat"


@pytest.mark.parametrize(
    ("windows", "description"),
    [
        ("ltsc2019", "Hyper-V Virtual Ethernet Adapter #2"),
        ("ltsc2022", "Hyper-V Virtual Ethernet Container Adapter"),
    ],
)
def test_container_adapter_description_by_build(windows, description):
    lab = wl.Lab(seed=1, windows=windows)
    lab.docker("run -d --name c1 img")
    assert (
        f"   Description . . . . . . . . . . . : {description}" in lab.docker("exec c1 ipconfig /all").output
    )
