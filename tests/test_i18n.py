"""The Korean edition: translations kept in step with the English, one glossary, Korean
widgets, captions, pictures, checks and reports, and a font that draws every Korean word."""

import html
import io
import json
import logging
import sys
import warnings
from pathlib import Path

import pytest

import winnetlab as wl
from winnetlab import i18n
from winnetlab.cli import tutorials as labcmd
from winnetlab.views import plot, report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

SOURCES = sorted((ROOT / "tools" / "notebook_src").glob("*.py"))
IMAGE = "mcr.microsoft.com/windows/servercore/iis"


def source_cells(path):
    return build_notebooks.parse_source(path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def english_session():
    """Every test starts (and leaves the session) in English."""
    wl.set_language("en")
    yield
    wl.set_language("en")


# ----------------------------------------------------------------------------- the sources


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_every_english_cell_has_a_korean_translation(path):
    missing = [c["source"].splitlines()[0] for c in build_notebooks.untranslated(source_cells(path))]
    assert not missing, f"{path.name}: English cells without a Korean cell after them: {missing}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_translations_were_revisited_after_the_english_changed(path):
    stale = []
    for english, korean in build_notebooks.translations(source_cells(path)):
        if korean["en"] == "none":
            continue
        assert english is not None, f"{path.name}:{korean['line']}: a Korean cell must follow an English one"
        if korean["en"] != build_notebooks.prose_hash(english["source"]):
            stale.append(f"line {korean['line']} ({english['source'].splitlines()[0]!r})")
    assert not stale, (
        f"{path.name}: the English changed under these translations; revisit each Korean cell, "
        f"delete its en=… and run `python tools/build_notebooks.py --stamp`: {stale}"
    )


def test_a_changed_english_cell_is_reported_stale():
    source = (
        "# %% [markdown]\n# Hello\n\n"
        f"# %% [markdown] lang=ko en={build_notebooks.prose_hash('Hello')}\n# 안녕하세요\n\n"
        "# %%\nx = 1\n"
    )
    ((english, korean),) = build_notebooks.translations(build_notebooks.parse_source(source))
    assert korean["en"] == build_notebooks.prose_hash(english["source"])
    changed = source.replace("# Hello", "# Hello, world")
    ((english, korean),) = build_notebooks.translations(build_notebooks.parse_source(changed))
    assert korean["en"] != build_notebooks.prose_hash(english["source"])
    missing = "# %% [markdown]\n# One\n\n# %% [markdown]\n# Two\n\n# %% [markdown] lang=ko en=x\n# 둘\n"
    assert [c["source"] for c in build_notebooks.untranslated(build_notebooks.parse_source(missing))] == [
        "One"
    ]


def test_stamp_records_the_hash_of_new_translations_only(tmp_path):
    path = tmp_path / "x.py"
    path.write_text(
        "# %% [markdown]\n# One\n\n# %% [markdown] lang=ko\n# 하나\n\n"
        "# %% [markdown]\n# Two\n\n# %% [markdown] lang=ko en=oldhash\n# 둘\n",
        encoding="utf-8",
    )
    assert build_notebooks.stamp(path) == 1
    text = path.read_text(encoding="utf-8")
    assert f"lang=ko en={build_notebooks.prose_hash('One')}\n" in text
    assert "lang=ko en=oldhash\n" in text  # a stale hash is never refreshed silently


def test_editions_share_their_code_cells():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        en = [s for k, s in build_notebooks.cells_from_source(text, "en") if k == "code"]
        ko = [s for k, s in build_notebooks.cells_from_source(text, "ko") if k == "code"]
        assert ko == [build_notebooks.KO_PREAMBLE, *en], path.name
        assert not any(i18n.has_hangul(s) for k, s in build_notebooks.cells_from_source(text, "en")), (
            path.name
        )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_the_korean_notebook_is_built_from_the_current_source(path):
    built = json.loads((ROOT / "notebooks" / "ko" / f"{path.stem}.ipynb").read_text(encoding="utf-8"))
    cells = [(c["cell_type"], "".join(c["source"])) for c in built["cells"]]
    expected = build_notebooks.notebook(
        build_notebooks.cells_from_source(path.read_text(encoding="utf-8"), "ko")
    )
    assert cells == [(c["cell_type"], "".join(c["source"])) for c in expected["cells"]], (
        f"rebuild it: python tools/build_notebooks.py {path.stem}"
    )
    markdown = [s for k, s in cells if k == "markdown"]
    assert all(i18n.has_hangul(s) for s in markdown), "every Markdown cell of the Korean edition is Korean"


def test_the_glossary_table_of_korean_00_is_the_glossary_in_the_code():
    text = (ROOT / "tools" / "notebook_src" / "00-start-here.py").read_text(encoding="utf-8")
    korean = "\n".join(s for k, s in build_notebooks.cells_from_source(text, "ko") if k == "markdown")
    assert i18n.glossary_markdown() in korean
    for english, (term, _newer) in i18n.GLOSSARY.items():
        assert f"| {english} | {term} |" in korean
    assert i18n.GLOSSARY["endpoint"] == ("끝점", "엔드포인트")
    assert i18n.GLOSSARY["Host Compute Service (HCS)"][1] == "호스트 컴퓨팅 서비스"


# ----------------------------------------------------------------------------- the switch


def test_set_language_and_explicit_lang():
    assert wl.set_language("ko") == "ko" == i18n.language()
    assert i18n.tr("Create") == "만들기"
    assert i18n.tr("Create", "en") == "Create"
    with i18n.using("en"):
        assert i18n.tr("Create") == "Create"
    assert i18n.language() == "ko"
    with pytest.raises(wl.InvalidParameter, match="unknown language 'kr'"):
        wl.set_language("kr")
    assert i18n.language() == "ko"  # a bad choice changes nothing


def test_untranslated_text_falls_back_to_english():
    assert i18n.tr("no such message", "ko") == "no such message"
    assert i18n.tr("Created network {name!r}.", "ko", name="web") == "네트워크 'web'을(를) 만들었습니다."


# ----------------------------------------------------------------------------- font and pictures


def korean_texts():
    texts = [v for v in i18n.MESSAGES.values()] + list(i18n.CAPTIONS.values())
    texts += list(i18n.SAID.values()) + list(i18n.HINTS.values())  # walk reasons reach plot.trace
    texts += [t for pair in i18n.GLOSSARY.values() for t in pair if t]
    return [t for t in texts if i18n.has_hangul(t)]


def test_the_shipped_font_draws_every_korean_word_we_print():
    from fontTools.ttLib import TTFont

    for style in ("Regular", "Bold"):
        path = plot.FONT_DIR / f"WinnetlabHangul-{style}.ttf"
        cmap = TTFont(path)["cmap"].getBestCmap()
        missing = sorted(
            {ch for t in korean_texts() for ch in t if i18n.has_hangul(ch) and ord(ch) not in cmap}
        )
        assert not missing, (
            f"{path.name} lacks {''.join(missing)}: widen the subset (tools/make_hangul_font.py)"
        )
    assert (plot.FONT_DIR / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") == 1


def render(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def korean_lab():
    lab = wl.Lab()
    lab.docker(f"run -d --name web -p 8080:80 {IMAGE}")
    return lab


@pytest.mark.parametrize("draw", ["stack", "topology", "network_stack", "trace"])
def test_korean_figures_have_no_missing_glyph_and_are_byte_stable(draw, caplog):
    lab = korean_lab()
    make = {
        "stack": lambda: plot.stack(highlight="docker run -p", lang="ko"),
        "topology": lambda: plot.topology(lab, lang="ko"),
        "network_stack": lambda: plot.network_stack(lab.host(), lang="ko"),
        "trace": lambda: plot.trace(lab.trace("web", "8.8.8.8", port=53, protocol="udp"), lab, lang="ko"),
    }[draw]
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING, logger="matplotlib"):
        warnings.simplefilter("error")
        figure = make()
        first = render(figure)
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert render(make()) == first
    texts = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert any(i18n.has_hangul(t) for t in texts)


def test_english_figures_do_not_use_the_hangul_font():
    figure = plot.topology(korean_lab())
    families = {tuple(t.get_fontfamily()) for t in figure.findobj(lambda a: hasattr(a, "get_fontfamily"))}
    assert not any(plot.HANGUL_FAMILY in f for f in families)
    assert all(not i18n.has_hangul(t.get_text()) for t in figure.findobj(lambda a: hasattr(a, "get_text")))


def test_set_language_makes_pictures_korean():
    wl.set_language("ko")
    title = plot.stack().axes[0].texts[-1].get_text()
    assert title == "Windows 컨테이너 호스트: 관리 스택"


# ----------------------------------------------------------------------------- tables


def test_table_captions_are_korean_and_column_names_stay():
    lab = korean_lab()
    frame = wl.tables.addresses(lab, lang="ko")
    assert list(frame.columns) == list(wl.tables.addresses(lab).columns)
    html = frame._repr_html_()
    assert (
        "<caption>주소: 1행; wide=True로 열 2개를 더 볼 수 있습니다</caption>" in html
        and ">IP 주소</th>" in html
        and ">ip_address</th>" not in html
    )
    assert "addresses: 1 row" in wl.tables.addresses(lab)._repr_html_()
    for name in wl.tables.COLUMNS:
        for column in wl.tables.COLUMNS[name]:
            assert column in i18n.CAPTIONS, column
        assert i18n.has_hangul(i18n.caption(name, "ko")), name


# ----------------------------------------------------------------------------- widgets


def texts_of(widget):
    """Every label a learner reads on a widget tree: descriptions, placeholders, tab titles."""
    found = []
    for attribute in ("description", "placeholder"):
        value = getattr(widget, attribute, None)
        if isinstance(value, str) and value:
            found.append(value)
    found += list(getattr(widget, "titles", ()))
    for child in getattr(widget, "children", ()):
        found += texts_of(child)
    return found


def assert_korean(labels):
    words = [t for t in labels if any(c.isalpha() for c in t)]  # not "\u200b" or "8080:80, 4430:443"
    english = [t for t in words if not i18n.has_hangul(t) and t not in i18n.UNTRANSLATED]
    assert not english, f"labels left in English: {english}"


def test_network_builder_speaks_korean():
    builder = wl.widgets.NetworkBuilder(lang="ko")
    assert_korean(texts_of(builder) + [texts_of(f)[0] for f in builder.fields.values()])
    assert builder.create.description == "만들기" and builder.tabs.titles[0] == "토폴로지"
    builder.on_create()
    assert "네트워크 'mynat'을(를) 만들었습니다." in html.unescape(builder.message.value)
    assert "주소:" in builder.tables["addresses"].value
    builder.fields["subnet"].value = "not-a-subnet"
    builder.fields["name"].value = "broken"
    builder.on_create()
    assert "#cf222e" in builder.message.value  # the daemon's own (English) words, in red
    english = wl.widgets.NetworkBuilder()
    assert english.create.description == "Create" and english.tabs.titles[0] == "Topology"


def test_trace_explorer_and_driver_comparison_speak_korean():
    lab = korean_lab()
    lab.docker(f"run -d --name db {IMAGE}")
    explorer = wl.widgets.TraceExplorer(lab, lang="ko")
    assert_korean(texts_of(explorer))
    explorer.on_trace()
    assert ">구성 요소</th>" in explorer.steps.value
    assert ">전달됨: " in explorer.verdict.value
    empty = wl.widgets.TraceExplorer(wl.Lab(), lang="ko")
    empty.on_trace()
    assert "랩에 아직 컨테이너가 없습니다" in empty.verdict.value


def test_driver_comparison_in_korean():
    wl.set_language("ko")
    comparison = wl.widgets.DriverComparison()
    assert_korean([t for t in texts_of(comparison) if t not in wl.widgets.DRIVERS])
    assert "c1 끝점 정책" in comparison.frame.index
    assert comparison.frame.loc["-p 8080:80의 구현", "nat"] == "WinNAT 정적 매핑 + 방화벽 규칙"


# ----------------------------------------------------------------------------- checks, CLI


def test_exercise_checks_report_in_korean():
    result = wl.exercises.check("00-start-here", wl.Lab(), lang="ko")
    assert result.summary().startswith("00-start-here: 점검 ") and "계속해 보세요" in result.summary()
    assert "힌트:" in str(result)
    wl.set_language("ko")
    lab = wl.Lab()
    lab.docker(f"run -d --name hello {IMAGE}")
    assert "모두 끝났습니다!" in wl.exercises.check("00-start-here", lab).summary()


def test_demo_report_in_korean(tmp_path, capsys):
    from argparse import Namespace

    assert report.demo_main(Namespace(seed=0, out=str(tmp_path), lang="ko")) == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in page and "<h2>요약</h2>" in page and "<h2>포트 매핑</h2>" in page
    assert "PS C:\\> docker network ls" in capsys.readouterr().out  # commands stay English
    assert i18n.language() == "en"


def test_lab_lang_ko_copies_the_korean_edition(tmp_path, capsys):
    parser = __import__("argparse").ArgumentParser()
    labcmd.add_arguments("lab", parser)
    args = parser.parse_args([str(tmp_path), "--lang", "ko", "--copy-only"])
    assert labcmd.lab_main(args) == 0
    copied = sorted(p.name for p in (tmp_path / "ko").glob("*.ipynb"))
    assert copied == sorted(p.stem + ".ipynb" for p in SOURCES)
    assert "ko/00-start-here.ipynb" in capsys.readouterr().out
    assert labcmd.jupyter_command(args)[3] == "ko/00-start-here.ipynb"


def looks_like_a_command(hint):
    return hint.startswith(("docker ", "-", "lab", "wl.", "'", "two docker", "--"))


def test_every_exercise_speaks_korean():
    from winnetlab.notebook.exercises import EXERCISES

    missing = []
    for exercise in EXERCISES.values():
        texts = [exercise.task] + [c.description for c in exercise.checks]
        texts += [c.hint for c in exercise.checks if not looks_like_a_command(c.hint)]
        missing += [t for t in texts if not i18n.has_hangul(i18n.tr(t, "ko"))]
    assert not missing, f"add these to winnetlab.i18n.MESSAGES: {missing}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_korean_tutorial_is_executed_and_its_check_shows_what_is_left(path):
    nb = json.loads((ROOT / "notebooks" / "ko" / f"{path.stem}.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in code), "not executed"
    assert "widgets" not in nb["metadata"]
    outputs = json.dumps([c["outputs"] for c in code], ensure_ascii=False)
    assert '"output_type": "error"' not in outputs
    assert "missing from font" not in outputs  # matplotlib's "Glyph … missing from font(s)"
    check = next(c for c in code if "wl.exercises.check(" in "".join(c["source"]))
    assert "계속해 보세요" in json.dumps(check["outputs"], ensure_ascii=False)  # what is left to do


def test_readme_has_the_korean_commands_and_binder_link():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "winnetlab lab --lang ko" in text and "winnetlab demo --lang ko" in text
    assert "urlpath=lab/tree/notebooks/ko/00-start-here.ipynb" in text


def test_sync_ships_the_korean_edition(tmp_path):
    import sync_notebooks

    source, shipped = tmp_path / "src", tmp_path / "pkg"
    (source / "ko").mkdir(parents=True)
    (source / "01-a.ipynb").write_text("{}")
    (source / "ko" / "01-a.ipynb").write_text('{"ko": 1}')
    assert sync_notebooks.differences(source, shipped) == [
        ("01-a.ipynb", "missing from the package"),
        ("ko/01-a.ipynb", "missing from the package"),
    ]
    sync_notebooks.sync(source, shipped)
    assert (shipped / "ko" / "01-a.ipynb").read_text() == '{"ko": 1}'
    (source / "ko" / "01-a.ipynb").unlink()
    assert sync_notebooks.differences(source, shipped) == [("ko/01-a.ipynb", "shipped but not in notebooks/")]


def text_outputs(cell):
    """A code cell's text outputs (streams, text/plain, text/html), in order."""
    texts = []
    for output in cell["outputs"]:
        if "text" in output:
            texts.append("".join(output["text"]))
        for kind in ("text/plain", "text/html"):
            if kind in output.get("data", {}):
                texts.append("".join(output["data"][kind]))
    return texts


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_korean_outputs_equal_the_english_except_translated_texts(path):
    """Commands print the same bytes in both editions; only outputs holding Korean differ."""
    editions = [ROOT / "notebooks" / f"{path.stem}.ipynb", ROOT / "notebooks" / "ko" / f"{path.stem}.ipynb"]
    en, ko = (
        [c for c in json.loads(p.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
        for p in editions
    )
    ko = ko[1:]  # the preamble
    assert ["".join(c["source"]) for c in ko] == ["".join(c["source"]) for c in en]
    compared = 0
    for english, korean in zip(en, ko):
        for e, k in zip(text_outputs(english), text_outputs(korean)):
            if not i18n.has_hangul(k):
                assert k == e, "".join(english["source"])
                compared += 1
    assert compared


def test_command_hints_speak_korean_and_the_output_stays():
    lab = korean_lab()
    english = lab.docker(f"run -d --name web2 -p 8080:80 {IMAGE}")
    wl.set_language("ko")
    korean = lab.docker(f"run -d --name web3 -p 8080:80 {IMAGE}")
    assert korean.output == english.output.replace("web2", "web3")
    assert korean.hints == english.hints  # the data stays English; only its display changes
    assert str(korean).endswith(
        "힌트: 호스트 포트 8080/tcp은(는) 컨테이너 web이(가) 쓰고 있습니다. "
        "WinNAT은 이미 쓰이는 포트를 매핑할 수 없습니다. 다른 호스트 포트를 게시하거나 그 포트를 비우세요"
    )
    assert "<b>힌트:</b> 호스트 포트 8080/tcp" in korean._repr_html_()
    assert i18n.hint("a hint nobody translated", "ko") == "a hint nobody translated"
    assert i18n.hint("Windows names it tracert", "en") == "Windows names it tracert"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_every_hint_in_the_korean_notebooks_is_korean(path):
    import re

    nb = json.loads((ROOT / "notebooks" / "ko" / f"{path.stem}.ipynb").read_text(encoding="utf-8"))
    pages = [
        "".join(o.get("data", {}).get("text/html", "")) for c in nb["cells"] for o in c.get("outputs", [])
    ]
    hints = [h for page in pages for h in re.findall(r"<b>(?:hint|힌트):</b> (.*?)(?:<br>|</div>)", page)]
    assert all(i18n.has_hangul(h) for h in hints), [h for h in hints if not i18n.has_hangul(h)]


def test_every_scenario_speaks_korean():
    from winnetlab import scenarios

    missing = []
    for spec in scenarios.SPECS.values():
        texts = [spec.title, spec.story, spec.solution, *spec.hints]
        texts += [t for c in (*spec.checks, scenarios.KEEP) for t in (c.description, c.hint)]
        missing += [t for t in texts if not looks_like_a_command(t) and not i18n.has_hangul(i18n.tr(t, "ko"))]
    assert not missing, f"add these to winnetlab.i18n.MESSAGES: {missing}"


def test_a_scenario_in_korean():
    from winnetlab import scenarios

    s = scenarios.load("sql-port-taken")
    result = s.check(lang="ko")
    assert result.summary().startswith("시나리오 sql-port-taken: 점검 ")
    assert "계속해 보세요" in result.summary() and "힌트:" in str(result)
    assert s.hint(1, lang="ko").startswith("오류는 HNS가 끝점을 만들 때")
    assert s.hint(1).startswith("The error comes from HNS")
    wl.set_language("ko")
    assert s.title.startswith("docker run -p 1433:1433 실패") and "Created 상태" in s.story
    assert "호스트의 SQL Server가" in scenarios.list().loc["sql-port-taken", "title"]
