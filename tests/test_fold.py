"""wl.fold: a long output shows its first lines or rows; the rest is behind a collapsed <details>."""

import pandas as pd
import pytest

import winnetlab as wl
from winnetlab.fronts.command import CommandResult

IIS = "mcr.microsoft.com/windows/servercore/iis"


def visible(html):
    """The HTML a reader sees without opening anything: everything before the <details>."""
    return html.split("<details", 1)[0]


def test_a_command_result_shows_its_first_lines_and_folds_the_rest():
    result = CommandResult("x", "\n".join(f"line {i}" for i in range(1, 31)), hints=("read line 3",))
    html = wl.fold(result, first=5)._repr_html_()
    assert "line 5\n" not in visible(html) and "line 5<" in visible(html) and "line 6" not in visible(html)
    assert "<summary" in html and "25 more lines</summary>" in html and "line 30" in html
    assert html.index("</details>") < html.index("read line 3")  # the hints stay in view, after the fold
    assert repr(wl.fold(result, first=5)) == str(result)  # the text form (nbval, terminals) is whole


def test_short_output_is_not_folded_and_one_line_is_singular():
    short = CommandResult("x", "a\nb")
    assert "<details" not in wl.fold(short, first=5)._repr_html_()
    assert "1 more line</summary>" in wl.fold("a\nb\nc", first=2)._repr_html_()


def test_a_table_caption_counts_every_row_and_the_rest_is_folded():
    table = wl.tables.unsupported()
    html = wl.fold(table, first=4)._repr_html_()
    assert f"unsupported: {len(table)} rows (first 4 shown; the rest below)" in visible(html)
    assert visible(html).count("<tr") == 1 + 4 and f"{len(table) - 4} more rows</summary>" in html
    assert html.count("<tr") == 2 + len(table)  # every row is there, the rest with its own header
    assert table.fold is None  # the table itself is unchanged
    assert html == wl.fold(wl.tables.unsupported(), first=4)._repr_html_()  # deterministic


def test_any_dataframe_folds_and_korean_summaries():
    frame = pd.DataFrame({"n": range(20)})
    html = wl.fold(frame, first=3)._repr_html_()
    assert visible(html).count("<tr") == 1 + 3 and "17 more rows" in html
    assert "17행 더 보기" in wl.fold(frame, first=3, lang="ko")._repr_html_()


def test_the_06_json_folds_after_the_first_network():
    lab = wl.Lab()
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    result = lab.powershell("Get-HnsNetwork | ConvertTo-Json")
    html = wl.fold(result, first=10)._repr_html_()
    assert "ActivityId" in visible(html) and "more lines</summary>" in html


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_bad_first_is_a_clear_error(bad):
    with pytest.raises(wl.InvalidParameter, match="first must be a whole number"):
        wl.fold("a\nb", first=bad)


def test_what_cannot_fold_says_so():
    with pytest.raises(wl.InvalidParameter, match="fold shows command results, tables .* got Lab"):
        wl.fold(wl.Lab())


def test_a_trace_shows_the_walk_and_folds_its_reply():
    lab = wl.Lab(hosts=2)
    lab.docker(f"run -d --name web -p 8080:80 {IIS}")
    lab.docker(f"run -d --name client {IIS}", host="host2")
    walk = lab.trace("client", "192.168.0.11", port=8080)
    html = walk._repr_html_()
    assert visible(html).count("<tr>") == 1 + len(walk.hops)
    assert f"Reply ({len(walk.reply.hops)} steps): 192.168.0.11 -&gt; client" in html
    assert html.count("<tr>") == 2 + len(walk.hops) + len(walk.reply.hops)
