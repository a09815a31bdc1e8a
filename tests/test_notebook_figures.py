"""Every picture the tutorials draw is readable: no text on top of other text, and none
smaller than 10 px when the notebook shows the figure 1,000 px wide.

Each tutorial's code cells run here in-process (as Run All would, without a kernel) with
``wl.plot``'s drawing functions wrapped, so the figures checked are exactly those the
notebooks draw — including the NetworkBuilder's, DriverComparison's and TraceExplorer's.
"""

import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

SOURCES = sorted((ROOT / "tools" / "notebook_src").glob("*.py"))
MIN_PX, OUTPUT_PX = 10.0, 1000.0


def drawn_figures(source, monkeypatch):
    """Run a tutorial's code cells; return (function name, figure) for each picture drawn."""
    from winnetlab.views import plot

    figures = []
    for name in ("topology", "trace", "stack", "network_stack"):
        original = getattr(plot, name)

        def recorded(*args, _original=original, _name=name, **kwargs):
            figure = _original(*args, **kwargs)
            figures.append((_name, figure))
            return figure

        monkeypatch.setattr(plot, name, recorded)
    cells = [
        text for kind, text in build_notebooks.cells_from_source(source.read_text("utf-8")) if kind == "code"
    ]
    exec(
        compile("\n".join(cells), str(source), "exec"),
        {"__name__": "__tutorial__", "print": lambda *a, **k: None},
    )
    return figures


def text_problems(figure):
    """(texts smaller than MIN_PX at OUTPUT_PX wide, pairs of overlapping texts)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    scale = min(1.0, OUTPUT_PX / (figure.get_size_inches()[0] * figure.dpi))
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    small = [
        (t.get_text(), round(px, 1))
        for t in texts
        if (px := t.get_fontsize() * figure.dpi / 72 * scale) < MIN_PX
    ]
    extents = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    overlaps = [
        (a, b)
        for (a, ea), (b, eb) in itertools.combinations(extents, 2)
        if min(ea.x1, eb.x1) - max(ea.x0, eb.x0) > 1 and min(ea.y1, eb.y1) - max(ea.y0, eb.y0) > 1
    ]
    return small, overlaps


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_every_figure_a_tutorial_draws_is_readable(source, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # whatever a tutorial writes stays out of the repository
    figures = drawn_figures(source, monkeypatch)
    problems = {}
    for number, (name, figure) in enumerate(figures):
        small, overlaps = text_problems(figure)
        if small or overlaps:
            problems[f"figure {number} ({name})"] = {"too small": small, "overlapping": overlaps}
    assert not problems, problems


def test_the_check_sees_overlaps_and_small_text():
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 2), dpi=100)
    figure.text(0.1, 0.5, "host1  192.168.0.11  ·  Windows Server 2022", fontsize=8)
    figure.text(0.2, 0.5, "host2", fontsize=8)
    figure.text(0.8, 0.5, "tiny", fontsize=6)
    small, overlaps = text_problems(figure)
    assert [t for t, _ in small] == ["tiny"]
    assert overlaps == [("host1  192.168.0.11  ·  Windows Server 2022", "host2")]
