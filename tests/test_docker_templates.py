"""``--format``/``-f`` Go templates, with docker/cli's rules for lists and for objects."""

import json

import pytest

import winnetlab as wl
from winnetlab.fronts.go_template import TemplateError, render

IIS = "mcr.microsoft.com/windows/servercore/iis"


@pytest.fixture
def lab():
    lab = wl.Lab()
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    return lab


def test_microsofts_most_copied_line_prints_the_address(lab):
    r = lab.docker('inspect -f "{{ .NetworkSettings.Networks.nat.IPAddress }}" web')
    assert r.ok and r.output == "172.16.0.2"
    r = lab.docker("inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web")
    assert r.output == "172.16.0.2"
    r = lab.docker("inspect -f '{{index .NetworkSettings.Networks \"nat\"}}' web")
    assert r.output.startswith("map[Aliases:<nil>")


def test_inspect_prints_tab_escapes_literally_lists_turn_them_into_tabs(lab):
    assert lab.docker(r'inspect -f "{{.Name}}\t{{.Id}}" web').output.startswith("/web\\t")
    assert lab.docker(r'ps --format "{{.Names}}\t{{.Ports}}"').output == "web\t0.0.0.0:8080->80/tcp"
    assert lab.docker(r'network ls --format "{{.Name}}\n"').output == "nat\n\nnone\n"


def test_missing_key_fails_with_gos_words_after_the_objects_that_printed(lab):
    r = lab.docker('inspect -f "{{.NetworkSettings.Networks.mynat.IPAddress}}" web nope')
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        'template parsing error: template: :1:2: executing "" at '
        '<.NetworkSettings.Networks.mynat.IPAddress>: map has no entry for key "mynat"',
        "Error: No such object: nope",
    ]
    r = lab.docker('network inspect -f "{{.Name}} {{.Driver}}" nat none')
    assert r.output == "nat nat\nnone null"


def test_template_that_does_not_parse_exits_64_for_inspect(lab):
    r = lab.docker('inspect -f "{{.Name" web')
    assert r.exit_code == 64 and r.output == "template parsing error: template: :1: unclosed action"
    r = lab.docker('inspect -f "{{nofunc .Name}}" web')
    assert r.output == 'template parsing error: template: :1: function "nofunc" not defined'


def test_table_format_has_docker_headers_and_tabwriter(lab):
    r = lab.docker('ps --format "table {{.ID}}\\t{{.Names}}\\t{{.Networks}}\\t{{.State}}"')
    lines = r.output.splitlines()
    assert lines[0] == "CONTAINER ID   NAMES     NETWORKS   STATE"
    assert lines[1].split() == [lab.host().container("web").short_id, "web", "nat", "running"]
    r = lab.docker('network ls --format "table {{.Name}}\\t{{.Driver}}\\t{{.IPv6}}"')
    assert r.output.splitlines() == [
        "NAME      DRIVER    IPV6",
        "nat       nat       false",
        "none      null      false",
    ]


def test_list_json_is_the_context_marshalled(lab):
    row = lab.docker("ps --format json").output
    assert '"Ports":"0.0.0.0:8080-\\u003e80/tcp"' in row
    assert list(json.loads(row)) == sorted(json.loads(row))
    r = lab.docker('network ls --format "{{.Nope}}"')
    assert r.exit_code == 1 and r.output.endswith(
        "at <.Nope>: can't evaluate field Nope in type *network.networkContext"
    )


def test_service_ls_info_and_version_formats(lab):
    lab.docker("swarm init")
    lab.docker(f"service create --name s --replicas 1 {IIS}")
    assert lab.docker('service ls --format "{{.Name}} {{.Mode}}"').output == "s replicated"
    assert lab.docker('info --format "{{.Swarm.LocalNodeState}} {{.OSType}}"').output == "active windows"
    assert lab.docker('version -f "{{.Server.Version}}"').output == "27.3.1"
    r = lab.docker('info -f "{{.Nope}}"')
    assert r.exit_code == 1
    assert (
        r.output
        == 'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type system.dockerInfo'
    )


def test_version_prints_client_and_server_blocks(lab):
    out = lab.docker("version").output.splitlines()
    assert out[0] == "Client:" and out[1] == " Version:           27.3.1"
    assert "Server: Docker Engine - Community" in out
    assert "  API version:      1.47 (minimum version 1.24)" in out
    assert lab.docker("--version").output == "Docker version 27.3.1, build ce12230"


@pytest.mark.parametrize(
    "template, expected",
    [
        ("{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}", "a=1;b=2;"),
        ("{{if .T}}yes{{else}}no{{end}}", "yes"),
        ("{{with .Missing0}}x{{else}}empty{{end}}", "empty"),
        ("{{json .M}}", '{"a":1,"b":2}'),
        ('{{.S | upper}} {{len .L}} {{join .L ","}}', "WEB 2 x,y"),
        ('{{printf "%s-%d" .S 3}}', "web-3"),
        ("{{- .S -}}  !", "web!"),
        ("{{.M}} {{.L}}", "map[a:1 b:2] [x y]"),
        ('{{(index .N "k").S}}', "in"),
    ],
)
def test_go_template_subset(template, expected):
    data = {
        "M": {"a": 1, "b": 2},
        "T": True,
        "Missing0": "",
        "S": "web",
        "L": ["x", "y"],
        "N": {"k": {"S": "in"}},
    }
    assert render(template, data) == expected


@pytest.mark.parametrize(
    "template, message",
    [
        ("{{range .L}}", "template: :1: unexpected EOF"),
        ("{{end}}", "template: :1: unexpected {{end}}"),
        (
            "{{.L.X}}",
            'template: :1:2: executing "" at <.L.X>: can\'t evaluate field X in type []interface {}',
        ),
    ],
)
def test_go_template_errors(template, message):
    with pytest.raises(TemplateError) as e:
        render(template, {"L": [1]})
    assert str(e.value) == message
