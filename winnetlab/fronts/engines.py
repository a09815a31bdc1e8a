"""What the Docker CLI and daemon print differently from one engine version to another.

Each Windows profile names the engine it pairs with (``Profile.docker_engine``); the docker
front asks here for what depends on it.  Only differences a real sample or the source
shows are modelled:

* table columns: docker/cli's tabwriter had a minimum cell width of 20 up to 19.03 and
  10 from 20.10 (``cli/command/formatter/formatter.go``; samples 01 and 04 vs 15);
* HNS failures as hcsshim wraps them (``engine.errors.hns_words``): errors raised with
  ``hns_error`` are reworded here for the host's engine;
* ``docker run``'s error wrapper: ``docker: <message>.`` and ``See 'docker run --help'.``
  (after a create error only) up to 27.x (docker/cli ``reportError``); from 28.0 every
  create and start error reads ``docker: <message>``, a blank line and ``Run 'docker run
  --help' for more information`` (``withHelp``, docker/cli v28.0.0 ``container/run.go``);
* ``network inspect`` prints ``EnableIPv4`` from 28.0 (moby v28.0.0 ``network.Inspect``);
* ``docker service create``'s last progress line: ``verify: Service converged`` up to 25.x,
  ``verify: Service <id> converged`` from 26.0 (docker/cli ``service/progress``).

No Windows profile pairs with 28.x; ``wl.Lab(docker_engine="28.0.4")`` runs it.

Where no source shows a difference, every engine prints the current engine's text.  The
``build`` of ``docker --version`` is the docker/cli tag commit of that version (inferred
for 18.09/19.03: docker-ce packages printed their own commit).
"""

from dataclasses import dataclass

from ..engine.errors import engine_version, hns_words


@dataclass(frozen=True)
class Engine:
    """``docker version`` facts of one release: the CLI and daemon commits (their git tags),
    API versions (moby ``api/common*.go``) and Go version (moby ``Dockerfile``).  Build times
    are the daemon tag's commit time (inferred: release builds ran minutes to days later)."""

    version: str
    cli_commit: str
    engine_commit: str
    api: str
    go: str
    built: str


ENGINES = {
    e.version: e
    for e in (
        Engine("18.09.9", "1752eb3", "9552f2b", "1.39", "go1.11.13", "Thu Aug 22 11:07:41 2019"),
        Engine("19.03.1", "5b38d82", "fa8dd90", "1.40", "go1.12.5", "Thu Jul 25 16:39:05 2019"),
        Engine("27.3.1", "ce12230", "41ca978", "1.47", "go1.22.7", "Wed Sep 18 10:25:38 2024"),
        Engine("28.0.4", "b8034c0", "6430e49", "1.48", "go1.23.7", "Tue Mar 25 14:53:08 2025"),
    )
}
MIN_API = "1.24"  # api/common_windows.go MinVersion on every engine here


def table_minwidth(engine: str) -> int:
    """docker/cli's tabwriter minimum cell width for ``ls``/``ps`` tables."""
    return 20 if engine_version(engine) < (20, 10) else 10


def run_error_text(message: str, engine: str, with_help: bool) -> str:
    """``docker run``'s wrapping of an error ``message`` (see the module doc)."""
    if engine_version(engine) >= (28, 0):
        return f"docker: {message}\n\nRun 'docker run --help' for more information"
    text = "docker: " + message.rstrip(".") + "."
    return text + "\nSee 'docker run --help'." if with_help else text


def converged_text(service_id: str, engine: str) -> str:
    """The ``verify`` line's action once a service converged (see the module doc)."""
    return f"Service {service_id} converged" if engine_version(engine) >= (26, 0) else "Service converged"


def has_enable_ipv4(engine: str) -> bool:
    return engine_version(engine) >= (28, 0)


def daemon_message(e, engine: str) -> str:
    """The text of an engine error as the host's Docker engine prints it."""
    hns = getattr(e, "hns", None)
    if not hns:
        return e.message
    prefix, message, code = hns
    return prefix + hns_words(message, code, engine)


def version_json(engine: str) -> dict:
    """``docker version --format '{{json .}}'``: the CLI's ``versionInfo`` (Client, Server)."""
    e = ENGINES[engine]
    details = {
        "ApiVersion": e.api,
        "Arch": "amd64",
        "BuildTime": e.built,
        "Experimental": "false",
        "GitCommit": e.engine_commit,
        "GoVersion": e.go,
        "MinAPIVersion": MIN_API,
        "Os": "windows",
    }
    return {
        "Client": {
            "Version": e.version,
            "ApiVersion": e.api,
            "DefaultAPIVersion": e.api,
            "GitCommit": e.cli_commit,
            "GoVersion": e.go,
            "Os": "windows",
            "Arch": "amd64",
            "BuildTime": e.built,
            "Context": "default",
        },
        "Server": {
            "Platform": {"Name": "Docker Engine - Community"},
            "Version": e.version,
            "ApiVersion": e.api,
            "MinAPIVersion": MIN_API,
            "Os": "windows",
            "Arch": "amd64",
            "Components": [{"Name": "Engine", "Version": e.version, "Details": details}],
            "GitCommit": e.engine_commit,
            "GoVersion": e.go,
        },
    }


def version_rows(engine: str) -> list:
    """``docker version`` as docker/cli's default template lays it out, as tabwriter cells
    (up to 19.03 the client block ends with ``Experimental:``, later with ``Context:``).
    The ``Server:`` line names Docker CE's platform on every engine (inferred for 18.09 and
    19.03, which Windows Server got as Docker EE)."""
    v = version_json(engine)
    c, d = v["Client"], v["Server"]["Components"][0]["Details"]
    last = [" Experimental:", "false"] if engine_version(engine) < (20, 10) else [" Context:", c["Context"]]
    return [
        ["Client:"],
        [" Version:", c["Version"]],
        [" API version:", c["ApiVersion"]],
        [" Go version:", c["GoVersion"]],
        [" Git commit:", c["GitCommit"]],
        [" Built:", c["BuildTime"]],
        [" OS/Arch:", f"{c['Os']}/{c['Arch']}"],
        last,
        [""],
        [f"Server: {v['Server']['Platform']['Name']}"],
        [" Engine:"],
        ["  Version:", v["Server"]["Version"]],
        ["  API version:", f"{d['ApiVersion']} (minimum version {d['MinAPIVersion']})"],
        ["  Go version:", d["GoVersion"]],
        ["  Git commit:", d["GitCommit"]],
        ["  Built:", d["BuildTime"]],
        ["  OS/Arch:", f"{d['Os']}/{d['Arch']}"],
        ["  Experimental:", d["Experimental"]],
    ]
