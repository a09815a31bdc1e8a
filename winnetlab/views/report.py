"""``winnetlab show`` and ``winnetlab demo``: the headless report of a lab.

``show PATH... [--out DIR]`` reads real HNS dumps (``wl.load_hns``) and ``demo [--out DIR]``
builds a two-host showcase lab (all five drivers, published ports, a swarm service) while
printing its command transcript.  Both print a summary and write to DIR:
``topology.png``, ``topology.svg``, the tables as CSV (``networks.csv``, ``endpoints.csv``,
``addresses.csv``, ``policies.csv``, ``port_mappings.csv``, ``vswitches.csv``,
``diagnose.csv``) and one self-contained ``report.html`` (the PNG embedded as base64).
Every file is the same byte for byte from run to run.

``show a b c`` makes one host per machine (see :mod:`winnetlab.dumps.machines`);
``--merge`` puts every dump on one host.

Exit codes: 0 when something was read (or the demo ran); 2 with a one-line reason when no
usable HNS object was found or the report cannot be written (``--out`` is a file, or a
folder that cannot be created or written).
"""

import base64
import html
import os
import sys

from .. import i18n
from ..engine.drivers.base import SHIM

SUMMARY_ROWS = 20  # lines per list in the printed summary; the files hold everything
ID_CHARS = 12  # ids longer than this are shown shortened, the full id on hover
EXPLANATION = (
    "What this is: the state of Windows container hosts as winnetlab reads it (HNS networks, "
    "endpoints, policies; the vSwitches and addresses they imply), drawn and tabled.",
    "Read it with care: for imported dumps, only what the dumps hold is shown; inferred things "
    "are marked (dashed, '?', the inferred column) and unknown addresses say unknown.",
)
TABLES = ("networks", "endpoints", "addresses", "policies", "port_mappings", "vswitches")


def add_arguments(name, parser):
    if name == "show":
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="HNS dump files or folders (Get-Hns* JSON or Format-List, HCN JSON, "
            "hnsdiag text, collectlogs output)",
        )
        parser.add_argument(
            "--windows", default=None, help="profile of the imported host (default: dated from the dump)"
        )
        parser.add_argument(
            "--merge",
            action="store_true",
            help="put every dump on one host (default: one host per machine the dumps come from)",
        )
    else:
        parser.add_argument("--seed", type=int, default=0, help="seed of the showcase lab (default 0)")
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default="en",
        help="language of the report's headings, captions and picture (commands stay English)",
    )
    parser.add_argument(
        "--out",
        default=f"winnetlab-{name}",
        metavar="DIR",
        help=f"folder for the report files (default: winnetlab-{name})",
    )


def show_main(args):
    from ..dumps import load_hns
    from ..engine.errors import WinNetLabError

    try:
        lab = load_hns(*args.paths, windows=args.windows, merge=args.merge)
    except WinNetLabError as err:
        print(f"winnetlab show: {err}", file=sys.stderr)
        return 2
    if not any(h.hns_networks or h.endpoints or h.policy_lists for h in lab.hosts.values()):
        reason = lab.warnings[0] if lab.warnings else "no HNS objects found"
        print(f"winnetlab show: nothing usable: {reason}", file=sys.stderr)
        return 2
    names = ", ".join(os.path.basename(os.path.normpath(p)) for p in args.paths)
    with i18n.using(args.lang):
        title = i18n.tr("HNS dump: {names}", names=names)
        return _report(lab, args.out, title, transcript=(), prog="winnetlab show")


def demo_main(args):
    lab, transcript = showcase(args.seed)
    for command, output in transcript:
        print(command)
        if output:
            print(output)
    with i18n.using(args.lang):
        title = i18n.tr("winnetlab demo: two Windows container hosts")
        return _report(lab, args.out, title, transcript, prog="winnetlab demo")


# ---------------------------------------------------------------- the showcase lab

DEMO_COMMANDS = (
    # (host, command): every driver, published ports, a swarm service
    ("host1", "powershell", "Get-VMSwitch"),
    ("host1", "docker", "run -d --name web -p 8080:80 mcr.microsoft.com/windows/servercore/iis"),
    ("host1", "powershell", 'New-VMSwitch -Name CORP -NetAdapterName "Ethernet 2"'),
    ("host1", "powershell", "Restart-Service docker"),
    ("host1", "docker", "run -d --name lanbox --network CORP mcr.microsoft.com/windows/nanoserver:ltsc2022"),
    (
        "host2",
        "docker",
        "network create -d l2bridge --subnet 10.244.2.0/24 --gateway 10.244.2.1 "
        f"-o {SHIM}enable_outboundnat=true "
        f'-o {SHIM}interface="Ethernet 2" podnet',
    ),
    (
        "host2",
        "docker",
        "run -d --name pod1 --network podnet -p 8081:80 mcr.microsoft.com/windows/servercore/iis",
    ),
    (
        "host2",
        "docker",
        "network create -d l2tunnel --subnet 10.250.0.0/24 --gateway 10.250.0.1 "
        f'-o {SHIM}interface="Ethernet 3" tunnel',
    ),
    ("host2", "docker", "run -d --name tun1 --network tunnel mcr.microsoft.com/windows/nanoserver:ltsc2022"),
    ("host1", "docker", "swarm init --advertise-addr 192.168.0.11"),
    ("host2", "docker", "swarm join --token {token} 192.168.0.11:2377"),
    ("host1", "docker", "network create -d overlay --attachable --subnet 10.0.9.0/24 appnet"),
    (
        "host1",
        "docker",
        "service create --name api --replicas 2 --network appnet -p 8088:80 "
        "mcr.microsoft.com/windows/servercore/iis",
    ),
    ("host1", "docker", "network ls"),
    ("host1", "docker", "ps"),
    ("host1", "powershell", "Get-NetNatStaticMapping"),
)


def showcase(seed=0):
    """The demo lab and its transcript ``[(prompt + command, output)]``.

    An adapter carries one kind of external network, so host1 gets a second NIC for an
    external ``CORP`` switch (transparent) and host2 two more for the l2bridge and l2tunnel
    networks; the swarm's overlay networks use the first NICs.
    """
    from ..engine.lab import Lab

    lab = Lab(seed=seed, hosts=2)
    lab.host("host1").add_adapter("Ethernet 2")
    lab.host("host2").add_adapter("Ethernet 2")
    lab.host("host2").add_adapter("Ethernet 3")
    transcript = []
    token = ""
    for host, tool, command in DEMO_COMMANDS:
        command = command.format(token=token)
        run = lab.docker if tool == "docker" else lab.powershell
        result = run(command, host=host)
        prompt = f"PS C:\\> {'docker ' if tool == 'docker' else ''}{command}"
        transcript.append((f"[{host}] {prompt}", str(result).rstrip("\n")))
        if not result.ok:
            raise RuntimeError(f"demo command failed on {host}: {command}\n{result}")
        token = next((w for w in str(result).split() if w.startswith("SWMTKN-")), token)
    return lab, transcript


# ---------------------------------------------------------------- the report


def _report(lab, out, title, transcript, prog):
    problem = _unwritable(out)
    if problem:
        print(f"{prog}: cannot write the report to {out}: {problem}", file=sys.stderr)
        return 2
    try:
        return _write_report(lab, out, title, transcript)
    except BrokenPipeError:
        raise  # the reader went away: the command ends quietly (cli.main)
    except OSError as err:
        print(f"{prog}: cannot write the report to {out}: {err.strerror or err}", file=sys.stderr)
        return 2


def _unwritable(out):
    """Why ``out`` cannot hold the report ("" when it can): checked before any work."""
    if os.path.exists(out) and not os.path.isdir(out):
        return "it is a file, not a folder"
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as err:
        return err.strerror or str(err)
    if not os.access(out, os.W_OK | os.X_OK):
        return "the folder is not writable"
    return ""


def _write_report(lab, out, title, transcript):
    from ..dumps.diagnose import diagnose
    from . import plot, tables

    frames = {name: getattr(tables, name)(lab) for name in TABLES}
    frames["diagnose"] = diagnose(lab)
    for name, frame in frames.items():
        frame.to_csv(os.path.join(out, f"{name}.csv"), index=False, lineterminator="\n")
    figure = plot.topology(lab)
    plot.save(figure, os.path.join(out, "topology.png"))
    plot.save(figure, os.path.join(out, "topology.svg"))
    import matplotlib.pyplot as plt

    plt.close(figure)
    summary = _summary(lab, frames)
    print("\n".join(summary))
    with open(os.path.join(out, "topology.png"), "rb") as fh:
        png = base64.b64encode(fh.read()).decode("ascii")
    with open(os.path.join(out, "report.html"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(_html(title, summary, lab, frames, png, transcript))
    print(
        f"wrote {out}{os.sep}: report.html, topology.png, topology.svg, "
        + ", ".join(f"{n}.csv" for n in frames)
    )
    return 0


def _summary(lab, frames):
    lines = []
    for host in lab.hosts.values():
        eps = host.endpoints.values()
        remote = sum(1 for e in eps if e.remote)
        address = host.address if host.address is not None else i18n.tr("address unknown")
        lines.append(
            i18n.tr(
                "{host} ({title}): {networks} HNS networks, {endpoints} endpoints ({remote} remote), "
                "{lists} policy lists, {containers} containers",
                host=host.name,
                title=f"{address}, {host.profile.title}",
                networks=len(host.hns_networks),
                endpoints=len(eps),
                remote=remote,
                lists=len(host.policy_lists),
                containers=len(host.containers),
            )
        )
        nets = sorted(host.hns_networks.values(), key=lambda n: (n.hns_type, n.name))
        for net in nets[:SUMMARY_ROWS]:
            subnets = ", ".join(str(s.prefix) for s in net.subnets) or i18n.tr("no subnet")
            count = i18n.tr("({n} endpoints)", n=net.endpoint_count)
            lines.append(f"  {net.hns_type:<12} {net.name:<24} {subnets}  {count}")
        lines.extend(_more(len(nets), "networks.csv"))
    policies = frames["policies"]
    if len(policies):
        counts = policies["type"].value_counts().sort_index()
        lines.append(i18n.tr("policies: ") + ", ".join(f"{t} {n}" for t, n in counts.items()))
    for label, items in (("warnings: {n}", lab.warnings), ("notes: {n}", lab.notes)):
        lines.append(i18n.tr(label, n=len(items)))
        lines.extend(f"  - {w}" for w in items[:SUMMARY_ROWS])
        lines.extend(_more(len(items), "report.html"))
    findings = frames["diagnose"]
    lines.append(i18n.tr("diagnose: {n} finding(s)", n=len(findings)))
    lines.extend(
        f"  [{r.severity}] {r.object}: {r.finding}" for r in findings.head(SUMMARY_ROWS).itertuples()
    )
    lines.extend(_more(len(findings), "diagnose.csv"))
    return lines


def _more(count, where):
    """The line that says how many were left out of the printed summary (none: no line)."""
    if count <= SUMMARY_ROWS:
        return []
    return [f"  … {i18n.tr('and {n} more', n=f'{count - SUMMARY_ROWS:,}')} ({where})"]


def _html(title, summary, lab, frames, png, transcript):
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{i18n.language()}"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em auto;max-width:1400px}"
        "table{border-collapse:collapse;font-size:12px;margin-bottom:2em;width:100%}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top;"
        "overflow-wrap:anywhere;max-width:28em}"
        "th{background:#eee}pre{background:#f6f6f6;padding:1em;white-space:pre-wrap;overflow-wrap:anywhere}"
        "abbr{text-decoration:none;border-bottom:1px dotted #888}"
        "p.about{color:#444;margin:0}img{max-width:100%}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        *(f'<p class="about">{esc(i18n.tr(line))}</p>' for line in EXPLANATION),
        f"<h2>{i18n.tr('Summary')}</h2>",
        f"<pre>{esc(chr(10).join(summary))}</pre>",
        f"<h2>{i18n.tr('Topology')}</h2>",
        f'<img alt="topology" src="data:image/png;base64,{png}">',
    ]
    for heading, items in (("Warnings", lab.warnings), ("Notes", lab.notes)):
        if items:
            parts.append(
                f"<h2>{i18n.tr(heading)}</h2><ul>" + "".join(f"<li>{esc(w)}</li>" for w in items) + "</ul>"
            )
    if transcript:
        text = "\n".join(f"{c}\n{o}" if o else c for c, o in transcript)
        parts.append(f"<h2>{i18n.tr('Commands')}</h2><pre>{esc(text)}</pre>")
    for name, frame in frames.items():
        heading = i18n.caption(name) if i18n.language() != "en" else name.replace("_", " ")
        parts.append(f"<h2>{esc(heading)}</h2>")
        parts.append(_table_html(frame))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _table_html(frame):
    esc = html.escape
    if not len(frame):
        return f"<p>{i18n.tr('(none)')}</p>"
    head = "".join(f"<th>{esc(i18n.caption(str(c)))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value):
    """A table cell: ids and other long unbroken words shortened to 12 characters, the
    full text on hover; long text wraps (the page is 1,400 px wide)."""
    text = str(value)
    words = text.split(" ")
    if any(len(w) > ID_CHARS + 8 for w in words):
        short = " ".join(w if len(w) <= ID_CHARS + 8 else w[:ID_CHARS] + "…" for w in words)
        return f'<abbr title="{html.escape(text)}">{html.escape(short)}</abbr>'
    return html.escape(text)
