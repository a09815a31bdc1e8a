"""Troubleshooting scenarios: the failures real users report, as broken labs to diagnose and fix.

``wl.scenarios.list()`` is a table of them (name, title, driver, Windows version, source);
``s = wl.scenarios.load(name)`` builds the broken lab, deterministic like every lab:

* ``s.lab`` — the lab in the state the user was in;
* ``s.story`` — what the user saw, paraphrased from the public report, and ``s.sources``;
* ``s.symptom()`` — runs the command (or walks the packet) that shows the symptom;
* ``s.hint(1)``, ``s.hint(2)``, ``s.hint(3)`` — where to look, which command shows it, the cause;
* ``s.check()`` — the same result shape as ``wl.exercises.check``: it passes once the lab is
  fixed the way the real fix works (rebuilding the lab from scratch does not count: it looks
  at the lab ``s.lab`` holds), and fails whenever a running container lost its endpoint;
* ``s.solution`` — the fix, in words and commands.

Each scenario's data (story, source URLs, checks) lives in ``library.py``.  After
``wl.set_language("ko")`` (or with ``lang="ko"`` on ``hint`` and ``check``) the title, story,
hints, check results and solution read in Korean where :data:`winnetlab.i18n.MESSAGES` has
them; commands inside them stay as they are typed.
"""

from .. import i18n
from ..engine.drivers import of
from ..engine.errors import InvalidParameter, NotFound
from ..notebook.exercises import Check, Result, passes
from . import library


def no_lost_endpoints(lab):
    """Every running container still has an endpoint on each network it was started on."""
    for h in lab.hosts.values():
        for c in h.containers.values():
            if c.state != "running" or c.requested.shared:
                continue
            nets = [n for n in c.requested_networks if n in h.networks and of(h.networks[n]).attaches]
            have = {ep.network for ep in h.endpoints_of(c)}
            if any(n not in have for n in nets):
                return False
    return True


KEEP = Check(
    "every running container still has its network endpoints",
    no_lost_endpoints,
    "a fix that deletes HNS state must name exactly the stale objects: filter the pipeline "
    "(Get-HnsEndpoint | ? IPAddress -eq <address> | Remove-HnsEndpoint), never remove them all",
)


class Scenario:
    """A loaded scenario (see the module docstring)."""

    def __init__(self, spec, seed=0, hints=True):
        from ..engine.lab import Lab

        self.spec = spec
        self.lab = Lab(seed=seed, windows=spec.windows, hosts=spec.hosts, hints=hints)
        spec.build(self.lab)

    name = property(lambda self: self.spec.name)
    title = property(lambda self: i18n.tr(self.spec.title))
    story = property(lambda self: i18n.tr(self.spec.story))
    sources = property(lambda self: self.spec.sources)
    solution = property(lambda self: i18n.tr(self.spec.solution))

    def symptom(self):
        """Show the symptom again (a command's output or a packet walk)."""
        return self.spec.symptom(self.lab)

    def hint(self, n=1, lang=None):
        """Hint ``n`` (1 = where to look, 2 = the command that shows it, 3 = the cause)."""
        hints = self.spec.hints
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(hints):
            raise InvalidParameter(f"hint number must be 1 to {len(hints)}, not {n!r}")
        return i18n.tr(hints[n - 1], lang)

    def check(self, answer=None, lang=None):
        """Is the lab fixed the way the real fix works?  ``answer``: see ``spec.answer``."""
        lang = i18n.resolve(lang)
        label = i18n.tr("scenario {name}", lang, name=self.name)
        result = Result(label, i18n.tr(self.spec.title, lang), lang=lang)
        for c in self.spec.checks + (KEEP,):
            test = c.test
            if self.spec.answer and c is not KEEP:
                bound = Check(c.description, lambda lab, t=test: t(lab, answer), c.hint)
            else:
                bound = c
            if passes(bound, self.lab):
                result.passed.append(i18n.tr(c.description, lang))
            else:
                result.failed.append(i18n.tr(c.description, lang))
                result.hints.append(i18n.tr(c.hint, lang))
        return result

    def __repr__(self):
        return f"<Scenario {self.name}: {self.title}>"

    def _repr_html_(self):
        import html

        links = "".join(f"<li><a href='{html.escape(u)}'>{html.escape(u)}</a></li>" for u in self.sources)
        return (
            f"<div><b>{html.escape(self.title)}</b> <code>{html.escape(self.name)}</code>"
            f"<p>{html.escape(self.story)}</p><ul>{links}</ul></div>"
        )


SPECS = {s.name: s for s in library.SCENARIOS}


def names():
    return [*SPECS]


def load(name, seed=0, hints=True):
    """Build the broken lab of scenario ``name`` (see ``list()``)."""
    if name not in SPECS:
        raise NotFound(f"no scenario called {name!r}; the scenarios are: " + ", ".join(SPECS))
    return Scenario(SPECS[name], seed, hints)


def list():
    """Every scenario: name, title, driver, Windows version and source URL (a DataFrame)."""
    import pandas as pd

    rows = [(s.name, i18n.tr(s.title), s.driver, s.windows, s.sources[0]) for s in SPECS.values()]
    return pd.DataFrame(rows, columns=["name", "title", "driver", "windows", "source"]).set_index("name")
