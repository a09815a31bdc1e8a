"""PowerShell pipeline cmdlets: parameters bind as parameters, output as Windows PowerShell 5.1."""

import json

import pytest

import winnetlab as wl
from winnetlab.fronts.command import tokenize
from winnetlab.fronts.ps_script import ScriptBlock


@pytest.fixture
def lab():
    lab = wl.Lab(seed=3, windows="ltsc2022")
    lab.docker("run -d --name web -p 8080:80 img")
    return lab


def ps(lab, line):
    r = lab.powershell(line)
    assert r.ok, r.output
    return r.output


def test_format_table_prints_the_named_columns_and_autosize_is_a_switch(lab):
    out = ps(lab, "Get-HnsNetwork | Format-Table Name, Type -AutoSize")
    assert out == "\nName Type\n---- ----\nnat  NAT\n\n"
    assert ps(lab, "Get-HnsNetwork | ft name,type") == out  # alias; names resolve to the object's case
    assert ps(lab, "Get-HnsNetwork | Format-Table -Property Name,Type") == out
    assert ps(lab, "Get-NetAdapter | ft Name, Status") == (
        "\nName            Status\n----            ------\nEthernet        Up\nvEthernet (nat) Up\n\n"
    )
    nums = ps(lab, "Get-NetAdapter | Format-Table Name, ifIndex").splitlines()
    assert nums[1:3] == ["Name            ifIndex", "----            -------"]
    assert nums[3].endswith("      2")  # numbers right-aligned


def test_select_object_expand_first_last_and_properties(lab):
    subnets = ps(lab, "Get-HnsNetwork | Select-Object -ExpandProperty Subnets")
    assert "-ExpandProperty" not in subnets
    assert subnets.startswith("\n\nAdditionalParams :\nAddressPrefix    : 172.16.0.0/16\n")
    assert ps(lab, "Get-NetAdapter | Select-Object -ExpandProperty Name") == "Ethernet\nvEthernet (nat)"
    assert ps(lab, "Get-NetAdapter | select -First 1 -ExpandProperty Name") == "Ethernet"
    assert ps(lab, "Get-NetAdapter | select -Last:1 -exp name") == "vEthernet (nat)"
    # -First without properties keeps the objects and their view (Get-NetAdapter's table)
    first = ps(lab, "Get-NetAdapter | Select-Object -First 1")
    assert first.splitlines()[1].startswith("Name                      InterfaceDescription")
    assert len(first.splitlines()) == 5
    two = ps(lab, "Get-NetAdapter | Select-Object Name,ifIndex")
    assert two.splitlines()[1:3] == ["Name            ifIndex", "----            -------"]
    five = ps(lab, "Get-NetAdapter | Select-Object Name,ifIndex,Status,MacAddress,LinkSpeed")
    assert five.startswith("\n\nName       : Ethernet\nifIndex    : 2\n")  # five properties: a list


def test_where_object_simple_and_script_block_forms(lab):
    nat = "Get-HnsNetwork | Where-Object Type -eq 'nat' | Select-Object -ExpandProperty Name"
    assert ps(lab, nat) == "nat"
    assert ps(lab, "Get-HnsNetwork | Where-Object Type -eq 'l2bridge'") == ""
    assert ps(lab, "Get-HnsNetwork | ? { $_.Type -eq 'nat' } | % { $_.Name }") == "nat"
    assert ps(lab, "Get-NetAdapter | where { $_.Status -eq 'up' -and $_.Name -like 'v*' } | % Name") == (
        "vEthernet (nat)"
    )
    assert ps(lab, "Get-NetAdapter | ? { $_.Name -match '^E' -or $_.Name -eq 'x' } | % Name") == "Ethernet"
    assert ps(lab, "Get-NetAdapter | ? { $_.ifIndex -gt '2' } | % Name") == "vEthernet (nat)"
    assert ps(lab, "Get-NetAdapter | ? ifIndex -lt 3 | % Name") == "Ethernet"
    assert ps(lab, "Get-NetAdapter | ? { -not ($_.ifIndex -lt 3) } | % Name") == "vEthernet (nat)"
    assert ps(lab, "Get-NetAdapter | ? Virtual -eq $false | % Name") == "Ethernet"
    assert ps(lab, "Get-NetAdapter | Where-Object -Property Name -Like 'v*' | % Name") == "vEthernet (nat)"
    assert ps(lab, 'Get-HnsNetwork | % { "$($_.Name) is $($_.Type)" }') == "nat is NAT"


def test_sort_measure_out_string_and_format_list(lab):
    assert ps(lab, "Get-NetAdapter | Sort-Object -Property ifIndex -Descending | % Name") == (
        "vEthernet (nat)\nEthernet"
    )
    assert ps(lab, "Get-NetAdapter | sort Name | % Name") == "Ethernet\nvEthernet (nat)"
    assert ps(lab, "Get-NetAdapter | Measure-Object") == (
        "\n\nCount    : 2\nAverage  :\nSum      :\nMaximum  :\nMinimum  :\nProperty :\n\n\n"
    )
    m = ps(lab, "Get-NetAdapter | measure ifIndex -Sum -Average -Maximum -Minimum")
    assert "Average  : 2.5\nSum      : 5\nMaximum  : 3\nMinimum  : 2\nProperty : ifIndex" in m
    assert ps(lab, "Get-HnsNetwork | Out-String") == ps(lab, "Get-HnsNetwork")
    fl = ps(lab, "Get-NetAdapter | Format-List Name,ifIndex")
    assert fl == "\n\nName    : Ethernet\nifIndex : 2\n\nName    : vEthernet (nat)\nifIndex : 3\n\n\n"
    assert ps(lab, "Get-NetAdapter | fl *") == ps(lab, "Get-NetAdapter | Format-List")
    assert ps(lab, "docker ps -q | Measure-Object").startswith("\n\nCount    : 1\n")
    assert ps(lab, "docker network ls | Select-Object -Skip 1 | sort | select -First 1").split()[1] == "nat"


def test_convert_to_json_depth_and_layout(lab):
    out = ps(lab, "Get-NetAdapter | Select-Object Name,ifIndex | ConvertTo-Json")
    assert out.splitlines()[:4] == ["[", "    {", '        "Name":  "Ethernet",', '        "ifIndex":  2']
    deep = json.loads(ps(lab, "Get-HnsNetwork | ConvertTo-Json -Depth 5"))
    assert deep["Subnets"][0]["AddressPrefix"] == "172.16.0.0/16"
    shallow = json.loads(ps(lab, "Get-HnsNetwork | ConvertTo-Json -Depth 1"))
    assert isinstance(shallow["Subnets"][0], str)  # deeper than -Depth: its string form
    assert (
        ps(lab, "Get-NetAdapter | Select-Object -ExpandProperty ifIndex | ConvertTo-Json")
        == "[\n    2,\n    3\n]"
    )


def test_parameter_binding_errors_in_powershell_words(lab):
    r = lab.powershell("Get-HnsNetwork | Select-Object -Foo")
    assert r.output == "\n".join(
        [
            "Select-Object : A parameter cannot be found that matches parameter name 'Foo'.",
            "At line:1 char:32",
            "+ Get-HnsNetwork | Select-Object -Foo",
            "+                                ~~~~",
            "    + CategoryInfo          : InvalidArgument: (:) [Select-Object], ParameterBindingException",
            "    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand",
        ]
    )
    r = lab.powershell("Get-HnsNetwork | Select-Object -First x")
    assert 'Cannot bind parameter \'First\'. Cannot convert value "x" to type "System.Int32".' in r.output
    r = lab.powershell("Get-HnsNetwork | Select-Object -ExpandProperty Nope")
    assert r.output.startswith('Select-Object : Property "Nope" cannot be found.\nAt line:1 char:18\n')
    assert "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand" in r.output
    r = lab.powershell("Get-HnsNetwork | Sort-Object -D Name")
    assert (
        "Parameter cannot be processed because the parameter name 'D' is ambiguous." not in r.output
    )  # -Descending
    assert r.ok
    r = lab.powershell("Get-HnsNetwork | Measure-Object -Property Name -Sum")
    assert r.output.startswith('Measure-Object : Input object "nat" is not numeric.')
    r = lab.powershell("Get-HnsNetwork | Measure-Object -Property Nope")
    assert 'The property "Nope" cannot be found in the input for any objects.' in r.output
    r = lab.powershell("Get-HnsNetwork | ConvertTo-Json -Depth 0")
    assert "The 0 argument is less than the minimum allowed range of 1." in r.output
    assert (
        "maximum depth allowed for serialization is 100"
        in lab.powershell("Get-HnsNetwork | ConvertTo-Json -Depth 101").output
    )
    r = lab.powershell("Get-HnsNetwork | Where-Object { $_.Type -eq }")
    assert r.output.splitlines()[:4] == [
        "At line:1 char:44",
        "+ Get-HnsNetwork | Where-Object { $_.Type -eq }",
        "+ " + " " * 43 + "~",  # just after the operator
        "You must provide a value expression following the '-eq' operator.",
    ]
    assert r.output.endswith("FullyQualifiedErrorId : ExpectedValueExpression")
    r = lab.powershell("Get-HnsNetwork | ? { $_.Name")
    assert r.output.endswith("FullyQualifiedErrorId : MissingEndCurlyBrace")
    r = lab.powershell("Get-HnsNetwork | Where-Object -FilterScript Name")
    assert 'to type "System.Management.Automation.ScriptBlock".' in r.output
    r = lab.powershell("Get-HnsNetwork | Frob-Object")
    assert r.output.startswith("Frob-Object : The term 'Frob-Object' is not recognized")
    assert "At line:1 char:18" in r.output


def test_backtick_continues_a_line_and_script_blocks_are_one_token():
    assert tokenize("Get-HnsNetwork `\n  | Format-Table Name") == [
        ["Get-HnsNetwork"],
        ["Format-Table", "Name"],
    ]
    stages = tokenize("Get-X | ? { $_.A -eq 'a|b' }", scriptblocks=True)
    assert stages[1] == ["?", "{ $_.A -eq 'a|b' }"] and isinstance(stages[1][1], ScriptBlock)
    assert tokenize("docker inspect -f {{.Id}} web") == [["docker", "inspect", "-f", "{{.Id}}", "web"]]
    lab = wl.Lab(seed=1)
    assert lab.powershell("Get-HnsNetwork `\n | Select-Object -ExpandProperty Name").output == "nat"


def test_shell_reads_continuation_lines():
    import io
    from types import SimpleNamespace

    from winnetlab.fronts.shell import shell_main

    out = io.StringIO()
    shell_main(
        SimpleNamespace(hosts=1, windows="ltsc2022", seed=0, no_hints=False),
        stdin=io.StringIO("Get-HnsNetwork `\n| % Name\nexit\n"),
        stdout=out,
    )
    assert "PS C:\\> Get-HnsNetwork `\n>> | % Name\nnat\n" in out.getvalue()


def test_convert_to_json_layout_is_windows_powershell_5_1s():
    """Fixture 01 is a real ``Get-HnsEndpoint | ConvertTo-Json`` (PowerShell 5.1): the same
    object converted here prints byte for byte the same (4-space indent, ``"key":  value``,
    nested blocks indented to their key's column, empty arrays as ``[`` blank line ``]``)."""
    from pathlib import Path

    from winnetlab.fronts.ps_format import convert_to_json

    real = (
        Path(__file__).parent / "data" / "hns" / "01-overlay-remote-endpoint-v1-flannel-test.json"
    ).read_text(encoding="utf-8")
    body = real.strip("\n")
    obj = json.loads(body)
    mine = convert_to_json(obj, depth=10)
    assert "\n".join("    " + line if line else line for line in mine.split("\n")) == body.rstrip()


def test_comparison_and_validation_errors(lab):
    r = lab.powershell("Get-NetAdapter | ? { $_.ifIndex -gt 'abc' }")
    assert r.output.startswith('Could not compare "2" to "abc".')
    assert r.output.endswith("FullyQualifiedErrorId : ComparisonFailure")
    assert lab.powershell("Get-NetAdapter | ? { $_.ifIndex -eq 'abc' }").output == ""  # not equal, no error
    r = lab.powershell("Get-NetAdapter | select -First -1")
    assert "The -1 argument is less than the minimum allowed range of 0." in r.output and r.exit_code == 1
    r = lab.powershell("Get-NetAdapter | select Name, @{n='x';e={1}}")
    assert r.exit_code == 1 and r.output.startswith("winnetlab: Select-Object's calculated properties")
