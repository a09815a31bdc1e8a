"""A Trace as a table: the HTML that Jupyter shows for ``lab.trace(...)``, the DataFrame of
``trace.to_frame()``, and ``lab.reachability()``'s square of verdicts.

The walk (``winnetlab.walk``) computes; this module only renders (pandas loads here).
"""

import functools
from html import escape

from .. import i18n
from ..walk.trace import FRAME_COLUMNS, short_text, verdicts
from .fold import details


def trace_frame(trace):
    """The step table as a pandas DataFrame, one row per hop (index ``step`` from 1).

    The ``detail`` of a hop that delivers or drops is in the session's language.  A field
    that does not apply at a hop (no port for ICMP, no outer header before
    encapsulation) is an empty cell, and ports and VNIs stay integers (``4789``, not
    ``4789.0``): the columns hold Python values, not floats with NaN holes.
    """
    import pandas as pd

    rows = [
        tuple("" if v is None else v for v in h._replace(detail=i18n.speak(h.detail)).as_row())
        for h in trace.hops
    ]
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS), dtype=object)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="step")
    return frame


def trace_html(trace):
    """The trace as an HTML step table (what ``Trace._repr_html_`` returns); the reply's
    table is folded under it (a collapsed ``<details>``: click to open)."""
    parts = [_html_table(trace, trace.title())]
    reply = trace.reply
    if reply is not None:
        summary = i18n.tr(
            "Reply ({n} steps): {title} — {reason}",
            n=len(reply.hops),
            title=reply.title(),
            reason=reply.reason,
        )
        parts.append(details(summary, _html_table(reply, "Reply: " + reply.title())))
    return (
        "<div class='winnetlab-trace' style='overflow-x:auto'>" + "".join(parts) + "</div>"
    )  # wide: it scrolls


def reachability(lab, port=80, protocol="tcp"):
    """Who reaches whom: a square DataFrame over every container, every host and "internet".

    Each cell is the verdict of ``lab.trace(row, column, port, protocol)``; the diagonal (a
    place and itself) is left empty, since no packet crosses the network there.  ``ping``
    and ``Test-NetConnection`` use the same walk.  In a notebook, delivered cells are green
    and dropped ones red.
    """
    import pandas as pd

    names, rows = verdicts(lab, port, protocol)
    return _verdict_frame()(rows, index=pd.Index(names, name="from"), columns=pd.Index(names, name="to"))


VERDICT_STYLE = {
    "delivered": "background: #dafbe1; color: #1a7f37;",
    "dropped": "background: #ffebe9; color: #cf222e;",
}


@functools.cache
def _verdict_frame():
    """A DataFrame class whose notebook form colours the verdicts (fixed Styler id, so a
    re-run shows the same HTML)."""
    import pandas as pd

    def _repr_html_(self):
        styler = self.style.set_uuid("wnl-reachability").map(lambda v: VERDICT_STYLE.get(v, ""))
        return styler.set_table_styles([{"selector": "td, th", "props": "padding: 2px 8px;"}]).to_html()

    return type("Reachability", (pd.DataFrame,), {"_repr_html_": _repr_html_, "__module__": __name__})


def _endpoint_text(ip, port):
    return f"{ip}:{port}" if port is not None else f"{ip}"


def _html_table(trace, title):
    """A step table; a header field that changed at a hop is shown in bold."""
    colour = "#1a7f37" if trace.delivered else "#cf222e"
    rows = []
    prev = None
    for i, h in enumerate(trace.hops, 1):
        cells = {
            "src": _endpoint_text(h.src_ip, h.src_port),
            "dst": _endpoint_text(h.dst_ip, h.dst_port),
            "MACs": f"{h.src_mac}<br>&rarr; {h.dst_mac}",
            "VLAN": "" if not h.vlan else str(h.vlan),
            "outer": ""
            if h.outer is None
            else f"VNI {h.outer.vni}<br>{h.outer.src_ip} &rarr; {h.outer.dst_ip}:{h.outer.dst_port}",
        }
        if prev is not None:
            changed = {
                "src": (h.src_ip, h.src_port) != (prev.src_ip, prev.src_port),
                "dst": (h.dst_ip, h.dst_port) != (prev.dst_ip, prev.dst_port),
                "MACs": (h.src_mac, h.dst_mac) != (prev.src_mac, prev.dst_mac),
                "VLAN": h.vlan != prev.vlan,
                "outer": h.outer != prev.outer,
            }
            cells = {k: f"<b>{v}</b>" if changed[k] and v else v for k, v in cells.items()}
        prev = h
        style = f" style='color:{colour};font-weight:bold'" if h.action in ("drop", "deliver") else ""
        rows.append(
            f"<tr><td>{i}</td><td>{escape(h.host)}</td><td style='text-align:left'>{escape(short_text(h.component))}</td>"
            f"<td{style}>{escape(h.action)}</td><td style='text-align:left'>{escape(short_text(i18n.speak(h.detail)))}</td>"
            f"<td style='text-align:left'>{escape(short_text(h.rule))}</td>"
            + "".join(
                f"<td style='white-space:nowrap;font-family:monospace'>{cells[k]}</td>"
                for k in ("src", "dst", "MACs", "VLAN", "outer")
            )
            + "</tr>"
        )
    head = "".join(
        f"<th>{c}</th>"
        for c in ("#", "host", "component", "action", "detail", "rule", "src", "dst", "MACs", "VLAN", "outer")
    )
    return (
        f"<p><b>{escape(title)}</b> &mdash; <span style='color:{colour}'>"
        f"{escape(trace.reason)}</span></p>"
        f"<table class='winnetlab-trace-steps'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
