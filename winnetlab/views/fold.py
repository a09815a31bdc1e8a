"""Long output, folded: the first lines (or rows) shown, the rest behind a collapsed ``<details>``.

A learner reads the part of a long output the lesson is about; the rest is one click away,
not five screens of scrolling.  ``wl.fold(result_or_table, first=12)`` wraps a command
result (``lab.powershell(...)``, ``lab.docker(...)``), a table (``wl.tables.*``, any
DataFrame) or plain text.  Only the HTML view folds: the text form (what nbval compares,
what a terminal prints) stays whole, and the wrapped object is untouched
(``folded.value``).
"""

from html import escape
from typing import Any

from .. import i18n
from ..engine.errors import InvalidParameter

FIRST = 12


def details(summary: str, body_html: str) -> str:
    """``body_html`` behind a collapsed ``<details>`` whose summary line is ``summary``."""
    return (
        "<details class='winnetlab-fold' style='margin-top:2px'>"
        f"<summary style='cursor:pointer;color:#57606a'>{escape(summary)}</summary>"
        f"{body_html}</details>"
    )


def more(n: int, unit: str) -> str:
    """The summary line of a fold: "1 more line", "112 more rows" (in the session's language)."""
    return i18n.tr(f"{{n}} more {unit}" + ("" if n == 1 else "s"), n=n)


class Folded:
    """What :func:`fold` returns: shows ``value`` with only its first ``first`` lines/rows open."""

    def __init__(self, value: Any, first: int, lang: str | None) -> None:
        self.value = value
        self.first = first
        self.lang = lang and i18n.resolve(lang)  # None: the session's language when shown

    def __repr__(self) -> str:
        return repr(self.value) if hasattr(self.value, "iloc") else str(self.value)

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self))

    def _repr_html_(self) -> str:
        with i18n.using(self.lang):
            if isinstance(self.value, str) or hasattr(self.value, "hints_html"):
                return self._text_html()
            from .tables import Table

            table = self.value.copy()
            if isinstance(table, Table):  # it folds itself (its caption counts every row)
                table.fold = self.first
                table.lang = self.lang or table.lang
                return table._repr_html_()
            if len(table) <= self.first:
                return table._repr_html_()
            rest = table.iloc[self.first :]
            return table.iloc[: self.first]._repr_html_() + details(
                more(len(rest), "row"), rest._repr_html_()
            )

    def _text_html(self) -> str:
        from ..fronts.command import output_html

        text = self.value if isinstance(self.value, str) else self.value.output
        hints = "" if isinstance(self.value, str) else self.value.hints_html()
        lines = text.split("\n")
        if len(lines) <= self.first:
            return output_html(text) + hints
        rest = lines[self.first :]
        return (
            output_html("\n".join(lines[: self.first]))
            + details(more(len(rest), "line"), output_html("\n".join(rest)))
            + hints
        )


def fold(value: Any, first: int = FIRST, lang: str | None = None) -> Folded:
    """``value`` (a command result, a table or text) with its first ``first`` lines or rows
    shown and the rest behind a collapsed ``<details>`` (click to open)."""
    if isinstance(first, bool) or not isinstance(first, int) or first < 1:
        raise InvalidParameter(f"first must be a whole number of lines or rows, 1 or more (got {first!r})")
    foldable = isinstance(value, str) or hasattr(value, "hints_html") or hasattr(value, "iloc")
    if not foldable:
        raise InvalidParameter(
            f"fold shows command results, tables (DataFrames) and text; got {type(value).__name__}"
        )
    return Folded(value, first, lang)
