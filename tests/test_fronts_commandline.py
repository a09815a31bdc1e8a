"""The shared command-line machinery: tokenizer, pflag rules, help text, tabwriter, results."""

import pytest

from winnetlab.fronts.command import (
    CommandLineError,
    CommandResult,
    Flag,
    QuoteError,
    ellipsis,
    go_quote,
    parse_flags,
    powershell_parse_error,
    tabwrite,
    tokenize,
    usage_text,
)

FLAGS = (
    Flag("detach", "bool", "d"),
    Flag("interactive", "bool", "i"),
    Flag("tty", "bool", "t"),
    Flag("name"),
    Flag("publish", "list", "p"),
    Flag("replicas", "uint"),
)


def test_tokenize_quotes_escapes_and_pipeline():
    assert tokenize('network create --subnet "10.0.0.0/24" \'a b\' C:\\x `"q`"') == [
        ["network", "create", "--subnet", "10.0.0.0/24", "a b", "C:\\x", '"q"']
    ]
    assert tokenize("Get-VMSwitch | ConvertTo-Json -Depth 3") == [
        ["Get-VMSwitch"],
        ["ConvertTo-Json", "-Depth", "3"],
    ]
    assert tokenize('a \'it\'\'s\' "say ""hi"""') == [["a", "it's", 'say "hi"']]
    assert tokenize('x ""') == [["x", ""]]


def test_unbalanced_quote_gives_powershell_parser_error():
    with pytest.raises(QuoteError) as e:
        tokenize('docker run "abc')
    text = powershell_parse_error('docker run "abc', e.value)
    assert text.splitlines()[0] == "At line:1 char:12"
    assert 'The string is missing the terminator: ".' in text
    assert "TerminatorExpectedAtEndOfString" in text


def test_pflag_forms():
    values, args = parse_flags(
        ["-dit", "--name=web", "-p80:80", "-p", "81:81", "--replicas", "3", "img", "-x"],
        FLAGS,
        interspersed=False,
    )
    assert values["detach"] and values["interactive"] and values["tty"]
    assert values["name"] == "web" and values["publish"] == ["80:80", "81:81"] and values["replicas"] == 3
    assert args == ["img", "-x"]
    values, args = parse_flags(["a", "--name", "x", "--", "--name"], FLAGS)
    assert args == ["a", "--name"] and values["name"] == "x"
    assert parse_flags(["--detach=false"], FLAGS)[0]["detach"] is False


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--foo"], "unknown flag: --foo"),
        (["-x"], "unknown shorthand flag: 'x' in -x"),
        (["-dx"], "unknown shorthand flag: 'x' in -dx"),
        (["--name"], "flag needs an argument: --name"),
        (["-dp"], "flag needs an argument: 'p' in -dp"),
        (
            ["--detach=maybe"],
            'invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": '
            "invalid syntax",
        ),
        (
            ["--replicas", "-1"],
            'invalid argument "-1" for "--replicas" flag: strconv.ParseUint: parsing "-1": invalid syntax',
        ),
        (
            ["--replicas", "99999999999999999999999"],
            'invalid argument "99999999999999999999999" for "--replicas" flag: '
            'strconv.ParseUint: parsing "99999999999999999999999": value out of range',
        ),
    ],
)
def test_pflag_errors(argv, message):
    with pytest.raises(CommandLineError) as e:
        parse_flags(argv, FLAGS)
    assert e.value.message == message


def test_help_text_is_aligned_like_pflag():
    text = usage_text("docker x [OPTIONS]", "Do x", FLAGS)
    lines = text.splitlines()
    assert lines[:3] == ["Usage:  docker x [OPTIONS]", "", "Do x"]
    opts = lines[lines.index("Options:") + 1 :]
    assert opts[0] == "  -d, --detach"
    assert [o.split("--")[1].split()[0] for o in opts] == sorted(f.name for f in FLAGS)
    assert "      --replicas uint" in text


def test_tabwriter_matches_docker_layout():
    out = tabwrite(
        [
            ["NETWORK ID", "NAME", "DRIVER", "SCOPE"],
            ["aa11bb22cc33", "CORP", "transparent", "local"],
            ["bb22cc33dd44", "nat", "nat", "local"],
        ]
    )
    assert out.splitlines() == [
        "NETWORK ID     NAME      DRIVER        SCOPE",
        "aa11bb22cc33   CORP      transparent   local",
        "bb22cc33dd44   nat       nat           local",
    ]


def test_ps_command_column_is_quoted_after_truncation():
    assert go_quote(ellipsis("C:\\ServiceMonitor.exe w3svc", 20)) == '"C:\\\\ServiceMonitor.e…"'


def test_command_result_display():
    r = CommandResult("x", "a <b>", 1)
    assert str(r) == "a <b>" and not r.ok
    assert "&lt;b&gt;" in r._repr_html_() and r._repr_html_().startswith("<pre")
    assert CommandResult("x", "", 0).ok


def test_wide_output_scrolls_in_its_own_block_and_hints_wrap():
    wide = CommandResult("x", "NAME " + "x" * 300, 1, hints=("a long hint " * 30,))
    pre, hints = wide._repr_html_().split("<div", 1)
    assert "white-space: pre;" in pre and "overflow-x: auto" in pre  # scrolls, never wraps or cuts
    assert "white-space: normal" in hints and "overflow-wrap: anywhere" in hints  # prose wraps
