"""The ``docker`` command front: the Docker CLI on a simulated Windows container host.

``lab.docker("network ls")`` parses the line like the Docker CLI (cobra + pflag), calls the
engine the way the daemon calls HNS, and prints what ``docker.exe`` prints on Windows
Server: ``network ls`` and ``ps`` tables through Go's tabwriter, ``inspect`` JSON with the
real keys, and the real errors — ``Error response from daemon: …`` (exit 1), or for
``run`` ``docker: Error response from daemon: ….`` (exit 125).  Docker's own semantics
are kept where a learner would notice them: ``run`` is *create* then *start*, so a start
that fails leaves a Created container behind; ``rm a b`` removes ``a`` even when ``b``
fails.  A mistake never raises: it comes back as a ``CommandResult`` with a non-zero exit
code.  What the simulator adds for learners goes to ``CommandResult.hints``, never into the
output: a handler calls ``ctx.hint(text)``, and an engine error's own ``hint`` is collected
by ``ctx.daemon_error(e)``.  Options Windows accepts and ignores print nothing (as on a real
host); the hint says why.

Simplifications (documented, deliberate): the output of the container's own process is
not streamed (``run`` without ``-d`` prints nothing unless a command was given, which then
runs like ``docker exec``); times come from a simulated clock (see ``dockerviews``), not the
wall clock; ``inspect`` shows the networking part of Docker's JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine.host import Host
    from ..engine.lab import Lab

from dataclasses import dataclass, field

from ..engine import unsupported
from ..engine.docker_container import RestartPolicy
from ..engine.errors import NotFound, Unsupported, WinNetLabError
from ..engine.ids import short_id
from ..engine.images import split_reference
from ..engine.ports import parse_publish
from ..engine.swarm import JOIN_TIMEOUT, NOT_IN_SWARM, NOT_MANAGER, check_manager_reachable
from . import docker_format as views
from . import docker_templates as templates
from . import engines
from .command import (
    CommandLineError,
    CommandResult,
    Flag,
    QuoteError,
    hint_tuple,
    parse_flags,
    powershell_parse_error,
    tabwrite,
    tokenize,
    usage_text,
)

HELP_HINT = "Run 'docker COMMAND --help' for more information on a command."


@dataclass(frozen=True)
class Command:
    """One docker sub-command: its usage, flags, argument count and handler."""

    path: str
    use: str
    short: str
    run: object
    flags: tuple = ()
    min_args: int = 0
    max_args: int = None
    aliases: tuple = ()
    interspersed: bool = True
    not_simulated: tuple = ()  # real flags accepted by the parser but not modelled

    def usage(self):
        return usage_text(f"docker {self.use}", self.short, self.flags, self.aliases)


@dataclass
class Context:
    lab: object
    host: object
    out: list = field(default_factory=list)
    code: int = 0
    hints: list = field(default_factory=list)
    terminal: bool = False  # stdin is a terminal (winnetlab shell), so -it can attach

    def print(self, text):
        if text != "":
            self.out.append(text)

    def hint(self, text):
        """A teaching line for ``CommandResult.hints`` (never printed as output)."""
        if text:
            self.hints.append(text)

    def daemon_error(self, e, prefix="Error response from daemon: "):
        """The line a daemon error prints; the engine's explanation becomes a hint."""
        self.hint(getattr(e, "hint", None))
        if isinstance(e, StreamError):  # a pull's progress and error, printed as they came
            return [e.message]
        return [prefix + engines.daemon_message(e, self.host.profile.docker_engine)]

    @property
    def minwidth(self):
        """The tabwriter's minimum cell width of this host's docker CLI."""
        return engines.table_minwidth(self.host.profile.docker_engine)

    def table(self, rows):
        """Print ``rows`` through docker/cli's tabwriter, as this host's CLI sets it."""
        self.print(tabwrite(rows, minwidth=self.minwidth))

    def result(self, line):
        return CommandResult(line, "\n".join(self.out), self.code, hint_tuple(*self.hints))


class DaemonErrors(Exception):
    """Several per-object failures after partial success (``rm a b``), and their hints."""

    def __init__(self, lines, code=1, hints=()):
        super().__init__("\n".join(lines))
        self.lines = lines
        self.code = code
        self.hints = hints


# ---------------------------------------------------------------------------- entry point


def docker(lab: Lab, cmd: str, host: str | Host | None = None) -> CommandResult:
    """Run one ``docker …`` command line on ``host`` (default: the lab's first host)."""
    line = str(cmd)
    try:
        h = lab.host(host)
    except WinNetLabError as e:
        return CommandResult(line, f"error during connect: {e.message}", 1)
    try:
        stages = tokenize(line)
    except QuoteError as e:
        return CommandResult(line, powershell_parse_error(line, e), 1)
    args = stages[0]
    if args[:1] == ["docker"]:
        args = args[1:]
    if len(stages) > 1:
        return CommandResult(
            line,
            'winnetlab: pipelines are handled by lab.powershell(): try lab.powershell("docker ... | ...")',
            1,
        )
    ctx = Context(lab, h)
    ctx.code = execute(ctx, args)
    return ctx.result(line)


def execute(ctx, args):
    """Dispatch ``args`` (without the leading ``docker``) and return the exit code."""
    if not args or args[0] in ("--help", "-h", "help"):
        ctx.print(root_help())
        return 0
    if args[0] in ("-v", "--version"):
        engine = engines.ENGINES[ctx.host.profile.docker_engine]
        ctx.print(f"Docker version {engine.version}, build {engine.cli_commit}")
        return 0
    cmd, rest = find_command(args)
    if cmd is None:
        return unknown_command(ctx, args)
    if isinstance(cmd, str):  # a management command without a sub-command
        ctx.print(group_help(cmd))
        return 0
    return run_command(ctx, cmd, rest)


def find_command(args):
    head = args[0]
    if head in GROUPS:
        if len(args) == 1 or args[1] in ("--help", "-h"):
            return head, []
        sub = COMMANDS.get(f"{head} {args[1]}")
        return (sub, args[2:]) if sub else (None, args)
    cmd = COMMANDS.get(head)
    return (cmd, args[1:]) if cmd else (None, args)


def unknown_command(ctx, args):
    if args[0] in GROUPS:
        ctx.print(
            f"docker: unknown command: docker {args[0]} {args[1]}\n\nUsage:  docker {args[0]} COMMAND"
            f"\n\nRun 'docker {args[0]} --help' for more information"
        )
    elif args[0].startswith("-"):
        ctx.print(f"unknown flag: {args[0]}\nSee 'docker --help'.")
        return 125
    else:
        ctx.print(f"docker: unknown command: docker {args[0]}\n\nRun 'docker --help' for more information")
    return 1


def run_command(ctx, cmd, args):
    try:
        opts, positional = parse_flags(args, cmd.flags, cmd.interspersed)
    except CommandLineError as e:
        ctx.print(f"{e.message}\nSee 'docker {cmd.path} --help'.")
        return 125
    if opts["help"]:
        ctx.print(cmd.usage())
        return 0
    count_error = check_args(cmd, positional)
    if count_error:
        ctx.print(count_error)
        return 1
    for name in cmd.not_simulated:
        if name in opts.changed:
            ctx.print(
                f"winnetlab: the option --{name} of 'docker {cmd.path}' is real but not simulated; "
                "nothing was done"
            )
            return 1
    try:
        cmd.run(ctx, opts, positional)
    except CommandLineError as e:
        ctx.print(e.message)
        return e.exit_code
    except DaemonErrors as e:
        ctx.out.extend(e.lines)
        ctx.hints.extend(e.hints)
        return e.code
    except WinNetLabError as e:
        ctx.out.extend(ctx.daemon_error(e))
        return 1
    return ctx.code


def check_args(cmd, positional):
    n, lo, hi = len(positional), cmd.min_args, cmd.max_args
    if lo <= n and (hi is None or n <= hi):
        return ""
    use = f"docker {cmd.use}"
    if hi is None:
        what = f"requires at least {lo} argument{'s' if lo != 1 else ''}"
        tail = f"See 'docker {cmd.path} --help' for more information"
    elif lo == hi:
        what = f"requires {lo} argument{'s' if lo != 1 else ''}" if lo else "accepts no arguments"
        tail = f"Run 'docker {cmd.path} --help' for more information"
    else:
        what = f"requires at least {lo} and at most {hi} argument{'s' if hi != 1 else ''}"
        tail = f"Run 'docker {cmd.path} --help' for more information"
    return f"docker: 'docker {cmd.path}' {what}\n\nUsage:  {use}\n\n{tail}"


def run_error(ctx, e, with_help):
    """``docker run``'s way of printing an error, per engine (``engines.run_error_text``)."""
    engine = ctx.host.profile.docker_engine
    head = ""
    if isinstance(e, StreamError):
        head, _, message = e.message.rpartition("\n")
        head += "\n"
    elif isinstance(e, CommandLineError):
        message = e.message
    else:
        message = "Error response from daemon: " + engines.daemon_message(e, engine)
    text = head + engines.run_error_text(message, engine, with_help)
    return DaemonErrors([text], 125, hint_tuple(getattr(e, "hint", None)))


def no_effect(ctx, command, option):
    """An option Windows accepts and ignores: silence in the output, the reason as a hint."""
    ctx.hint(unsupported.lookup(command, option).hint())


# ---------------------------------------------------------------------------- network


def network_create(ctx, o, args):
    name = args[0]
    options = dict(o["opt"])
    subnets, gateways = o["subnet"], o["gateway"]
    if len(subnets) < len(o["ip-range"]) or len(subnets) < len(gateways):
        raise CommandLineError("every ip-range or gateway must have a corresponding subnet")
    if o["driver"] == "overlay" and options.get("encrypted") is not None:
        no_effect(ctx, "docker network create", "-o encrypted")
    for flag in ("aux-address", "ipam-opt"):
        if o[flag]:
            no_effect(ctx, "docker network create", f"--{flag}")
    if o["ipam-driver"] not in ("default", "windows"):
        no_effect(ctx, "docker network create", "--ipam-driver")
    if o["internal"]:
        no_effect(ctx, "docker network create", "--internal")
    net = ctx.host.create_network(
        name,
        driver=o["driver"],
        subnet=_one_or_list(subnets),
        gateway=_one_or_list(gateways),
        options=options,
        attachable=o["attachable"],
        internal=o["internal"],
        ip_range=o["ip-range"] or None,
        ipv6=o["ipv6"],
        ipv4=o["ipv4"],
        aux_addresses=dict(o["aux-address"]) or None,
        ipam_driver=None,
        labels=dict(o["label"]) or None,
    )
    ctx.print(net.docker_id)


def _one_or_list(values):
    """One value as itself (every driver takes it), several as a list (multi-subnet networks)."""
    return None if not values else values[0] if len(values) == 1 else list(values)


def network_ls(ctx, o, args):
    nets = sorted(ctx.host.networks.values(), key=lambda n: views.natural_key(n.name))
    nets = [n for n in nets if _network_matches(n, o["filter"])]
    if o["format"]:
        rows = templates.rows_as_fields(
            views.network_rows(nets, o["no-trunc"]),
            templates.NETWORK_HEADERS,
            views.network_extras(ctx.host, nets),
        )
        ctx.print(
            templates.list_format(
                o["format"], rows, templates.NETWORK_HEADERS, templates.NETWORK_TYPE, ctx.minwidth
            )
        )
        return
    if o["quiet"]:
        ctx.print("\n".join(n.docker_id if o["no-trunc"] else short_id(n.docker_id) for n in nets))
        return
    ctx.table(views.network_rows(nets, o["no-trunc"]))


def _network_matches(net, filters):
    for f in filters:
        key, _, value = f.partition("=")
        if key == "driver" and net.driver != value:
            return False
        if key == "name" and value not in net.name:
            return False
        if key == "id" and not net.docker_id.startswith(value):
            return False
        if key == "scope" and net.scope != value:
            return False
        if key not in ("driver", "name", "id", "scope"):
            raise WinNetLabError(f"invalid filter '{key}'")
    return True


def network_inspect(ctx, o, args):
    _inspect(ctx, args, (_network_json,), lambda name, e: ctx.daemon_error(e), o["format"])


def network_rm(ctx, o, args):
    errors = []
    for name in args:
        try:
            ctx.host.remove_network(name)
            ctx.print(name)
        except WinNetLabError as e:
            errors.extend(ctx.daemon_error(e))
    if errors:
        raise DaemonErrors(errors)


IP6_HINT = "Windows networks have no IPv6 subnet, so no IPv6 address can be asked for: leave --ip6 out"


def ip6_refused():
    """What the daemon answers for ``--ip6`` when the endpoint is set up: no Windows network
    has an IPv6 subnet, so moby's ``validateEndpointSettings`` refuses the address."""
    return WinNetLabError(unsupported.lookup("docker run", "--ip6").message, hint=IP6_HINT)


def network_connect(ctx, o, args):
    if o["ip6"]:
        ctx.host.container(args[1])
        raise ip6_refused()
    ctx.host.connect(args[1], args[0], ip=o["ip"] or None, aliases=tuple(o["alias"]))


def network_disconnect(ctx, o, args):
    ctx.host.disconnect(args[1], args[0])


PRUNE_PROMPT = (
    "WARNING! This will remove all custom networks not used by at least one container.\n"
    "Are you sure you want to continue? [y/N] "
)


def network_prune(ctx, o, args):
    if not o["force"]:
        ctx.print(PRUNE_PROMPT)
        ctx.hint("there is no keyboard here to answer y: run 'docker network prune -f'")
        return
    removed = []
    for net in sorted(ctx.host.networks.values(), key=lambda n: views.natural_key(n.name)):
        if (
            net.name in ("nat", "none")
            or net.hns_owned
            or not net.created_by_docker
            or net.scope != "local"
            or any(not ctx.host.endpoints[e].remote for e in net.endpoint_ids)
        ):
            continue
        ctx.host.remove_network(net.name)
        removed.append(net.name)
    if removed:
        ctx.print("Deleted Networks:\n" + "\n".join(removed) + "\n")


# ---------------------------------------------------------------------------- containers


def container_settings(ctx, o):
    """Client-side checks of ``run``/``create`` flags, then the engine's keyword arguments."""
    for name in ("privileged", "read-only"):
        if o[name]:
            raise WinNetLabError(unsupported.lookup("docker run", f"--{name}").message)
    if o["dns-option"]:
        no_effect(ctx, "docker run", "--dns-option")
    if o["mac-address"] and not _valid_mac(o["mac-address"]):
        raise CommandLineError(f"{o['mac-address']} is not a valid mac address", 125)
    if o["ip"] and not _valid_ipv4(o["ip"]):
        raise CommandLineError(f"invalid IPv4 address: {o['ip']}", 125)
    for spec in o["publish"]:
        try:
            parse_publish(spec)
        except WinNetLabError as e:
            if not isinstance(e, Unsupported):
                raise CommandLineError(e.message, 125) from None
    try:
        restart = RestartPolicy.parse(o["restart"])
    except WinNetLabError as e:
        raise CommandLineError(e.message, 125) from None
    if o["rm"] and restart.name != "no":  # docker/cli container/opts.go parse
        raise CommandLineError("conflicting options: cannot specify both --restart and --rm", 125)
    restart.validate(ctx.host.profile.docker_engine)  # the daemon checks before it looks at the image
    networks = o["network"] or ["default"]
    if len(networks) > 1:
        raise CommandLineError(
            "winnetlab: one --network per container here; add more with 'docker network connect'", 125
        )
    return dict(
        network=networks[0],
        publish=tuple(o["publish"]),
        publish_all=o["publish-all"],
        ip=o["ip"] or None,
        mac=o["mac-address"] or None,
        dns=tuple(o["dns"]),
        dns_search=tuple(o["dns-search"]),
        hostname=o["hostname"] or None,
        isolation=o["isolation"] or "process",
        aliases=tuple(o["network-alias"]),
        expose=tuple(o["expose"]),
        interactive=o["interactive"],
        tty=o["tty"],
        restart=restart,
    )


TTY_REFUSAL = (
    "the input device is not a TTY.  If you are using mintty, try prefixing the command with 'winpty'"
)
TTY_HINT = (
    "there is no terminal here: use 'docker run -dit …' and 'docker exec …', or winnetlab shell "
    "for an interactive prompt inside the container"
)


def _valid_mac(text):
    parts = text.replace("-", ":").split(":")
    return len(parts) == 6 and all(
        len(p) == 2 and all(c in "0123456789abcdefABCDEF" for c in p) for p in parts
    )


def _valid_ipv4(text):
    parts = text.split(".")
    return len(parts) == 4 and all(
        p.isdigit() and p.isascii() and int(p) <= 255 and len(p) <= 3 for p in parts
    )


def container_run(ctx, o, args):
    """``docker run``: pull if needed, create, start, then the main process (docker/cli run.go).

    Without ``-d`` a one-shot command's output is printed and its exit code returned; a
    service keeps running (the real CLI would stay attached; here the call returns).
    ``-it`` needs a terminal (the CLI's ``CheckTty``); start failures exit 125, or 127 when
    the executable is missing (``runStartContainerErr``)."""
    image, command = args[0], args[1:]
    if not o["detach"] and o["interactive"] and o["tty"] and not ctx.terminal:
        ctx.print(TTY_REFUSAL)
        ctx.hint(TTY_HINT)
        ctx.code = 1
        return
    try:
        settings = container_settings(ctx, o)
        _pull_if_missing(ctx, image)
        c = ctx.host.create_container(
            o["name"] or None, image, command=" ".join(command), auto_remove=o["rm"], **settings
        )
    except (WinNetLabError, CommandLineError) as e:
        raise run_error(ctx, e, with_help=True) from None
    try:
        if o["ip6"]:
            raise ip6_refused()
        ctx.host.start(c.name)
    except WinNetLabError as e:
        ctx.host.record_start_failure(c.name, e)
        err = run_error(ctx, e, with_help=False)
        err.code = 127 if "cannot find the file specified" in e.message else 125
        raise err from None
    output, code = run_main_process(ctx, c)
    if o["detach"]:
        ctx.print(c.id)
        return
    ctx.print(output)
    ctx.code = code


def run_main_process(ctx, c):
    """Run a one-shot main process to its end (its output, exit code); others print their logs."""
    kind = ctx.host.process_kind(c.name) if c.name in ctx.host.containers else "exits"
    if kind != "oneshot":
        return ("\n".join(c.logs) if kind == "exits" else ""), c.exit_code
    from .in_container import exec_command

    result = exec_command(ctx.lab, c.name, c.command)
    ctx.hints.extend(result.hints)
    ctx.host.finish(c.name, result.exit_code, result.output)
    return result.output, result.exit_code


def _pull_if_missing(ctx, ref):
    """``Unable to find image … locally`` and the pull, as ``docker run``/``create`` print it."""
    repo, tag = split_reference(ref)
    if f"{repo}:{tag}" in ctx.host.images:
        return
    ctx.print(f"Unable to find image '{repo}:{tag}' locally")
    ctx.print(pull_lines(ctx.host, repo, tag))


class StreamError(WinNetLabError):
    """An error that arrives in the pull's progress stream: printed without the daemon prefix."""


def pull_lines(host, repo, tag):
    """Pull an image and return what ``docker pull`` prints (one layer, simplified).

    ``no matching manifest …`` arrives after ``Pulling from`` (envoyproxy/envoy-build-tools#258)."""
    first, _, rest = repo.partition("/")
    path = rest if rest and ("." in first or ":" in first) else repo if rest else f"library/{repo}"
    try:
        image, new = host.pull(f"{repo}:{tag}")
    except NotFound as e:
        if e.message.startswith("no matching manifest"):
            raise StreamError(f"{tag}: Pulling from {path}\n{e.message}", hint=e.hint) from None
        raise
    if not new:
        return f"{tag}: Pulling from {path}\nDigest: {image.digest}\nStatus: Image is up to date for {image.reference}"
    layer = image.id[7:19]
    return (
        f"{tag}: Pulling from {path}\n{layer}: Pull complete\nDigest: {image.digest}\n"
        f"Status: Downloaded newer image for {image.reference}"
    )


def container_create(ctx, o, args):
    try:
        settings = container_settings(ctx, o)
        _pull_if_missing(ctx, args[0])
        c = ctx.host.create_container(
            o["name"] or None, args[0], command=" ".join(args[1:]), auto_remove=o["rm"], **settings
        )
    except CommandLineError as e:
        raise CommandLineError(e.message, 125) from None
    if o["ip6"]:
        ctx.hint("a real daemon accepts --ip6 here and refuses it at 'docker start'; " + IP6_HINT)
    ctx.print(c.id)


def container_start(ctx, o, args):
    errors = []
    for name in args:
        try:
            c = ctx.host.container(name)
            try:
                ctx.host.start(name)
            except WinNetLabError as e:
                if c.state != "paused":  # moby refuses a paused container before it records errors
                    ctx.host.record_start_failure(name, e)
                raise
            output, code = run_main_process(ctx, c)
            if o["attach"]:
                ctx.print(output)
                ctx.code = code
            else:
                ctx.print(name)
        except WinNetLabError as e:
            errors.extend(ctx.daemon_error(e))
    if errors:
        errors.append(
            f"Error: failed to start containers: {', '.join(a for a in args if not _running(ctx, a))}"
        )
        raise DaemonErrors(errors)


def _running(ctx, name):
    try:
        return ctx.host.container(name).state == "running"
    except WinNetLabError:
        return False


def _each(ctx, names, action, wrap=None):
    """Apply ``action`` to each container; print its name or collect the daemon's error
    (docker/cli stop.go, kill.go, pause.go …: ``errs`` joined after the successes)."""
    errors = []
    for name in names:
        try:
            action(name)
            ctx.print(name)
        except WinNetLabError as e:
            if wrap is not None and not isinstance(e, NotFound):
                e = type(e)(wrap(name, e.message), hint=e.hint)
            errors.extend(ctx.daemon_error(e))
    if errors:
        raise DaemonErrors(errors)


def container_stop(ctx, o, args):
    timeout = o["time"] if "time" in o.changed else None
    _each(ctx, args, lambda n: ctx.host.stop(n, timeout))


def container_restart(ctx, o, args):
    timeout = o["time"] if "time" in o.changed else None

    def restart(name):
        c = ctx.host.restart(name, timeout)
        run_main_process(ctx, c)

    _each(ctx, args, restart, lambda n, m: f"Cannot restart container {n}: {m}")


def container_kill(ctx, o, args):
    _each(ctx, args, ctx.host.kill, lambda n, m: f"cannot kill container: {n}: {m}")


def container_pause(ctx, o, args):
    _each(ctx, args, ctx.host.pause)


def container_unpause(ctx, o, args):
    _each(ctx, args, ctx.host.unpause)


def container_wait(ctx, o, args):
    """``docker wait``: the exit code of each container (a running one would block forever)."""
    errors = []
    for name in args:
        try:
            c = ctx.host.container(name)
        except WinNetLabError as e:
            errors.extend(ctx.daemon_error(e))
            continue
        if c.state in ("running", "paused"):
            raise CommandLineError(
                f"winnetlab: docker wait would block until {c.name} exits; it is running "
                "(stop it with docker stop, then wait)"
            )
        ctx.print(str(c.exit_code))
    if errors:
        raise DaemonErrors(errors)


def container_logs(ctx, o, args):
    """``docker logs``: what the container's main process printed."""
    c = ctx.host.container(args[0])
    lines = list(c.logs)
    if o["tail"].isdigit():
        lines = lines[len(lines) - int(o["tail"]) :] if int(o["tail"]) else []
    ctx.print("\n".join(lines))


def container_rm(ctx, o, args):
    errors = []
    for name in args:
        try:
            ctx.host.remove_container(name, force=o["force"])
            ctx.print(name)
        except WinNetLabError as e:
            errors.extend(ctx.daemon_error(e))
    if errors:
        raise DaemonErrors(errors)


def container_ps(ctx, o, args):
    cs = sorted(ctx.host.containers.values(), key=lambda c: -c.seq)
    if not o["all"]:
        cs = [c for c in cs if c.state in ("running", "paused")]
    if o["format"]:
        rows = templates.rows_as_fields(
            views.ps_rows(ctx.host, cs, o["no-trunc"]), templates.PS_HEADERS, views.ps_extras(ctx.host, cs)
        )
        ctx.print(
            templates.list_format(o["format"], rows, templates.PS_HEADERS, templates.PS_TYPE, ctx.minwidth)
        )
        return
    if o["quiet"]:
        ctx.print("\n".join(c.id if o["no-trunc"] else c.short_id for c in cs))
        return
    ctx.table(views.ps_rows(ctx.host, cs, o["no-trunc"]))


def container_port(ctx, o, args):
    c = ctx.host.container(args[0])
    lines = views.port_lines(ctx.host, c)
    if len(args) == 2:
        want = args[1] if "/" in args[1] else args[1] + "/tcp"
        lines = [line for line in lines if line.split(" ")[0] == want]
        if not lines:
            raise WinNetLabError(f"No public port '{want}' published for {c.name}")
        lines = [line.split(" -> ", 1)[1] for line in lines]
    ctx.print("\n".join(lines))


def container_inspect_cmd(ctx, o, args):
    _inspect(
        ctx, args, (_container_json,), lambda name, e: [f"Error: No such container: {name}"], o["format"]
    )


def inspect_any(ctx, o, args):
    """``docker inspect NAME``: a container first, then a network, as the CLI tries them."""
    _inspect(
        ctx,
        args,
        (_container_json, _network_json),
        lambda name, e: [f"Error: No such object: {name}"],
        o["format"],
    )


def _container_json(host, name):
    return views.container_json(host, host.container(name))


def _network_json(host, name):
    return views.network_json(host, host.network(name))


def _inspect(ctx, names, finders, not_found, fmt=None):
    """Print the JSON array of every object found (each name tried with each finder in
    turn), or each object through the ``--format`` template, then one error line per name
    that none found or the template failed on — as the CLI does."""
    show = templates.object_template(fmt) if fmt else None
    found, printed, errors = [], [], []
    for name in names:
        for find in finders:
            try:
                obj = find(ctx.host, name)
                break
            except NotFound as e:
                missing = e
        else:
            errors.extend(not_found(name, missing))
            continue
        found.append(obj)
        if show is not None:
            try:
                printed.append(show(obj))
            except CommandLineError as e:
                errors.append(e.message)
    ctx.print("\n".join(printed) if show is not None else dump_json(found))
    if errors:
        raise DaemonErrors(errors)


def container_exec(ctx, o, args):
    from .in_container import exec_command

    c = ctx.host.container(args[0])
    result = exec_command(ctx.lab, c.name, " ".join(args[1:]))
    ctx.print(result.output)
    ctx.hints.extend(result.hints)
    ctx.code = result.exit_code


def image_ls(ctx, o, args):
    """``docker images``: the local store, newest first (docker/cli image list)."""
    found = sorted(ctx.host.images.values(), key=lambda i: -i.seq)
    if args:
        repo, _, tag = args[0].partition(":")
        found = [i for i in found if i.repository == repo and (not tag or i.tag == tag)]
    if o["format"]:
        rows = [templates.RowContext(sorted(f.items())) for f in views.image_fields(found, o["no-trunc"])]
        ctx.print(
            templates.list_format(
                o["format"], rows, templates.IMAGE_HEADERS, templates.IMAGE_TYPE, ctx.minwidth
            )
        )
        return
    if o["quiet"]:
        ctx.print("\n".join(dict.fromkeys(i.id if o["no-trunc"] else i.id[7:19] for i in found)))
        return
    ctx.print(tabwrite(views.image_rows(ctx.host, found, o["no-trunc"], o["digests"])))


def image_pull(ctx, o, args):
    """``docker pull``: offline; the digest is derived from the reference."""
    repo, tag = split_reference(args[0])
    if ":" not in args[0].rsplit("/", 1)[-1]:
        ctx.print("Using default tag: latest")
    ctx.print(pull_lines(ctx.host, repo, tag))
    ctx.print(f"{repo}:{tag}")


def info(ctx, o, args):
    if o["format"]:
        ctx.print(
            templates.object_print(o["format"], views.info_json(ctx.lab, ctx.host), "system.dockerInfo")
        )
    else:
        ctx.print(views.info_text(ctx.lab, ctx.host))


def version(ctx, o, args):
    if o["format"]:
        version_info = engines.version_json(ctx.host.profile.docker_engine)
        ctx.print(templates.object_print(o["format"], version_info, "system.versionInfo"))
    else:
        ctx.print(views.version_text(ctx.host))


# ---------------------------------------------------------------------------- swarm


def swarm_init(ctx, o, args):
    ctx.lab.swarm_init(ctx.host.name)
    node = views.node_id(ctx.lab, ctx.host.name)
    ctx.print(
        f"Swarm initialized: current node ({node}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {views.swarm_token(ctx.lab)} {ctx.host.address}:2377\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the "
        "instructions.\n"
    )


def swarm_join(ctx, o, args):
    swarm = ctx.lab.swarm
    if swarm is None:
        raise WinNetLabError(
            'rpc error: code = Unavailable desc = connection error: desc = "transport: '
            f"Error while dialing: dial tcp {args[0]}: connectex: No connection could be made "
            'because the target machine actively refused it."',
            hint="run 'docker swarm init' on the manager first",
        )
    manager = ctx.lab.host(swarm.manager)
    if args[0].split(":")[0] != str(manager.address):
        raise WinNetLabError(
            JOIN_TIMEOUT,
            hint=f"the manager is {swarm.manager} at {manager.address}:2377",
        )
    if ctx.host.name not in swarm.nodes:
        check_manager_reachable(ctx.lab, ctx.host)
    if ctx.host.name not in swarm.nodes and o["token"] == views.swarm_token(ctx.lab, "manager"):
        raise CommandLineError(
            "winnetlab: a second manager is not simulated (the lab's swarm has one manager); "
            "join with the worker token"
        )
    if ctx.host.name not in swarm.nodes and o["token"] != views.swarm_token(ctx.lab):
        raise WinNetLabError("invalid join token", hint="copy the token that 'docker swarm init' printed")
    ctx.lab.swarm_join(ctx.host.name)
    ctx.print("This node joined a swarm as a worker.")


def swarm_join_token(ctx, o, args):
    """``docker swarm join-token [-q] worker|manager`` (docker/cli swarm/join_token.go)."""
    role = args[0]
    if role not in ("worker", "manager"):
        raise CommandLineError("unknown role " + role, 1)
    _require_manager(ctx)
    token = views.swarm_token(ctx.lab, role)
    if o["quiet"]:
        ctx.print(token)
        return
    ctx.print(
        f"To add a {role} to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {token} {ctx.host.address}:2377\n"
    )


def node_ls(ctx, o, args):
    """``docker node ls``: every node, the one asked marked ``*`` (docker/cli node/list.go)."""
    _require_manager(ctx)
    swarm = ctx.lab.swarm
    rows = [["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"]]
    for name in swarm.nodes:
        nid = views.node_id(ctx.lab, name) + (" *" if name == ctx.host.name else "")
        leader = "Leader" if name == swarm.manager else ""
        rows.append([nid, name.upper(), "Ready", "Active", leader, ctx.lab.host(name).profile.docker_engine])
    ctx.print(tabwrite(rows))


def service_ps(ctx, o, args):
    """``docker service ps [--no-trunc] SERVICE``: one row per task (docker/cli
    ``cli/command/task``): previous tasks of a slot indented ``" \\_ "``; ERROR is the task's
    error quoted, cut to 30 characters with "…" unless ``--no-trunc`` (``maxErrLength``,
    ``formatter.Ellipsis``), which also prints full task ids."""
    _require_manager(ctx)
    svc = ctx.lab.swarm.services.get(args[0])
    if svc is None:
        raise NotFound(f"no such service: {args[0]}")
    trunc = not o["no-trunc"]
    rows = [["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"]]
    for task in svc.tasks:
        host, c = ctx.lab.find_container(task)
        slot, task_id = task.split(".")[1:3]
        state = "Running" if c.state == "running" else "Shutdown"
        rows.append(
            [
                short_id(task_id) if trunc else task_id,
                f"{svc.name}.{slot}",
                svc.image,
                host.name.upper(),
                "Running",
                f"{state} less than a second ago",
                "",
                "",
            ]
        )
    for task in svc.rejected:
        error = svc.task_error if not trunc or len(svc.task_error) <= 30 else svc.task_error[:29] + "…"
        rows.append(
            [
                short_id(task.id) if trunc else task.id,
                ("" if task.attempt else " \\_ ") + f"{svc.name}.{task.slot}",
                svc.image,
                task.node.upper(),
                "Running" if task.attempt else "Shutdown",
                "Rejected " + ("less than a second ago" if task.attempt else "5 seconds ago"),
                f'"{error}"',
                "",
            ]
        )
    if svc.rejected:
        ctx.hint(
            f"every task of {svc.name} is rejected: {svc.task_error} — "
            + ("see the whole error with --no-trunc; " if trunc else "")
            + f"{ctx.host.profile.title} has no routing mesh: publish with mode=host"
        )
    ctx.print(tabwrite(rows))


def swarm_leave(ctx, o, args):
    ctx.lab.swarm_leave(ctx.host.name, force=o["force"])
    ctx.print("Node left the swarm.")


# ---------------------------------------------------------------------------- services


def service_create(ctx, o, args):
    _require_manager(ctx)
    image = args[0]
    mode = o["endpoint-mode"] or "vip"
    svc = ctx.lab.create_service(
        o["name"] or None,
        image=image,
        replicas=o["replicas"] if "replicas" in o.changed else 1,  # docker/cli: default 1 replica
        networks=tuple(o["network"]),
        publish=tuple(o["publish"]),
        endpoint_mode=mode,
    )
    ctx.print(svc.id)
    if not (o["detach"] or o["quiet"]):
        _wait_on_service(ctx, svc, svc.id)


def _wait_on_service(ctx, svc, ref):
    """docker/cli's ``WaitOnService``: the converge progress of ``svc``, named ``ref``."""
    lines, converged = views.converge_progress(ctx.lab, ctx.host, svc, ref)
    ctx.print("\n".join(lines))
    if not converged:
        ctx.hint(
            "the real docker CLI keeps waiting here until the tasks run (Ctrl-C stops waiting; "
            "-d returns at once): see docker service ps"
        )


def _require_manager(ctx):
    swarm = ctx.lab.swarm
    if swarm is None or ctx.host.name not in swarm.nodes:
        raise Unsupported(NOT_IN_SWARM)
    if swarm.manager != ctx.host.name:
        raise Unsupported(NOT_MANAGER)


def service_ls(ctx, o, args):
    _require_manager(ctx)
    rows = views.service_rows(ctx.lab)
    if o["format"]:
        fields = templates.rows_as_fields(rows, templates.SERVICE_HEADERS)
        ctx.print(
            templates.list_format(
                o["format"], fields, templates.SERVICE_HEADERS, templates.SERVICE_TYPE, ctx.minwidth
            )
        )
    elif o["quiet"]:
        ctx.print("\n".join(r[0] for r in rows[1:]))
    else:
        ctx.table(rows)


def _find_service(lab, ref):
    """A service by name, full ID or unique ID prefix (how the daemon looks it up)."""
    services = lab.swarm.services
    if ref in services:
        return services[ref]
    hits = [s for s in services.values() if ref and s.id.startswith(ref)]
    if len(hits) != 1:
        raise NotFound(f"Error: No such service: {ref}")
    return hits[0]


def service_inspect(ctx, o, args):
    """``docker service inspect [--pretty] [-f FORMAT] SERVICE…`` (docker/cli service/inspect.go):
    the JSON array of the services found, then ``Error: no such service: X`` for each other."""
    from .service_inspect import pretty, service_object

    _require_manager(ctx)
    if o["pretty"] and o["format"]:
        raise CommandLineError("--format is incompatible with human friendly format", 1)
    if o["pretty"] or o["format"] == "pretty":
        out = []
        for ref in args:
            try:
                out.append(pretty(ctx.lab, _find_service(ctx.lab, ref)))
            except NotFound:
                ctx.print("".join(out).rstrip("\n"))
                raise DaemonErrors([f"Error: no such service: {ref}"]) from None
        ctx.print("".join(out).rstrip("\n"))
        return
    _inspect(
        ctx,
        args,
        (lambda host, ref: service_object(ctx.lab, _find_service(ctx.lab, ref)),),
        lambda ref, e: [f"Error: no such service: {ref}"],
        o["format"],
    )


SCALE_USE = "docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]"


def service_scale(ctx, o, args):
    """``docker service scale NAME=N [NAME=N…]`` (docker/cli service/scale.go): each service
    is scaled through the engine's validate-then-commit path; failures are collected, as
    the CLI collects them, and printed after the rest."""
    _require_manager(ctx)
    for arg in args:
        name, sep, value = arg.partition("=")
        if not sep or not name or not value:
            raise CommandLineError(
                f"invalid scale specifier '{arg}'.\nSee 'docker service scale --help'.\n\nUsage:  {SCALE_USE}"
                "\n\nScale one or multiple replicated services",
                1,
            )
    errors, scaled = [], []
    for arg in args:
        ref, _, value = arg.partition("=")
        if not value.isdigit() or not value.isascii():
            errors.append(
                f'{ref}: invalid replicas value {value}: strconv.ParseUint: parsing "{value}": invalid syntax'
            )
            continue
        if int(value) >= 1 << 64:
            errors.append(
                f'{ref}: invalid replicas value {value}: strconv.ParseUint: parsing "{value}": value out of range'
            )
            continue
        try:
            svc = ctx.lab.scale_service(_find_service(ctx.lab, ref).name, int(value))
        except NotFound as e:
            errors.append(f"{ref}: {e.message}")
            continue
        except WinNetLabError as e:
            errors.extend(f"{ref}: {line}" for line in ctx.daemon_error(e))
            continue
        ctx.print(f"{ref} scaled to {int(value)}")
        scaled.append((ref, svc))
    if not o["detach"]:
        for ref, svc in scaled:
            _wait_on_service(ctx, svc, ref)
    if errors:
        raise DaemonErrors(errors)


def service_update(ctx, o, args):
    """``docker service update [--replicas N] SERVICE`` (docker/cli service/update.go): the
    name as given, then the converge progress unless ``-d``/``-q``.  An update without a
    change still writes a new version of the service (and its ``PreviousSpec``)."""
    _require_manager(ctx)
    try:
        svc = _find_service(ctx.lab, args[0])
    except NotFound as e:
        raise DaemonErrors([e.message]) from None
    replicas = o["replicas"] if "replicas" in o.changed else svc.replicas
    svc = ctx.lab.scale_service(svc.name, replicas)
    ctx.print(args[0])
    if not (o["detach"] or o["quiet"]):
        _wait_on_service(ctx, svc, args[0])


def service_rm(ctx, o, args):
    _require_manager(ctx)
    errors = []
    for name in args:
        try:
            ctx.lab.remove_service(name)
            ctx.print(name)
        except WinNetLabError as e:
            errors.extend(ctx.daemon_error(e))
    if errors:
        raise DaemonErrors(errors)


# ---------------------------------------------------------------------------- JSON


def dump_json(items):
    """``json.MarshalIndent`` with 4 spaces, HTML characters escaped like Go's encoder."""
    import json

    text = json.dumps(items, indent=4, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------------- command table

RUN_FLAGS = (
    Flag("detach", "bool", "d", help="Run container in background and print container ID"),
    Flag("name", help="Assign a name to the container"),
    Flag("network", "list", help="Connect a container to a network", metavar="network"),
    Flag("net", "list", help="Connect a container to a network (alias of --network)", metavar="network"),
    Flag("publish", "list", "p", help="Publish a container's port(s) to the host"),
    Flag("publish-all", "bool", "P", help="Publish all exposed ports to random ports"),
    Flag("expose", "list", help="Expose a port or a range of ports"),
    Flag("ip", help="IPv4 address (e.g., 172.30.100.104)"),
    Flag("ip6", help="IPv6 address (e.g., 2001:db8::33)"),
    Flag("mac-address", help="Container MAC address (e.g., 92:d0:c6:0a:29:33)"),
    Flag("dns", "list", help="Set custom DNS servers"),
    Flag("dns-search", "list", help="Set custom DNS search domains"),
    Flag("dns-option", "list", help="Set DNS options"),
    Flag("hostname", "string", "h", help="Container host name"),
    Flag("isolation", help="Container isolation technology"),
    Flag("network-alias", "list", help="Add network-scoped alias for the container"),
    Flag("net-alias", "list", help="Add network-scoped alias for the container (alias of --network-alias)"),
    Flag("privileged", "bool", help="Give extended privileges to this container"),
    Flag("read-only", "bool", help="Mount the container's root filesystem as read only"),
    Flag("interactive", "bool", "i", help="Keep STDIN open even if not attached"),
    Flag("tty", "bool", "t", help="Allocate a pseudo-TTY"),
    Flag(
        "rm",
        "bool",
        help="Automatically remove the container and its associated anonymous volumes when it exits",
    ),
    Flag("env", "list", "e", help="Set environment variables"),
    Flag("volume", "list", "v", help="Bind mount a volume"),
    Flag("restart", default="no", help="Restart policy to apply when a container exits"),
    Flag("entrypoint", help="Overwrite the default ENTRYPOINT of the image"),
    Flag("workdir", "string", "w", help="Working directory inside the container"),
    Flag("label", "list", "l", help="Set meta data on a container"),
    Flag("memory", "string", "m", help="Memory limit", metavar="bytes"),
    Flag("cpus", help="Number of CPUs", metavar="decimal"),
    Flag("user", "string", "u", help='Username or UID (format: "<name|uid>[:<group|gid>]")'),
    Flag("link", "list", help="Add link to another container"),
    Flag("add-host", "list", help="Add a custom host-to-IP mapping (host:ip)"),
)
RUN_NOT_SIMULATED = ("link", "add-host")
STOP_FLAGS = (
    Flag("signal", "string", "s", help="Signal to send to the container"),
    Flag("time", "int", "t", help="Seconds to wait before killing the container"),
)


def _merge_aliases(run):
    """``--net`` and ``--net-alias`` are aliases: fold them into the long names."""

    def wrapped(ctx, o, args):
        o["network"] = o["network"] + o.pop("net")
        o["network-alias"] = o["network-alias"] + o.pop("net-alias")
        return run(ctx, o, args)

    return wrapped


NETWORK_CREATE_FLAGS = (
    Flag("driver", "string", "d", default="bridge", help="Driver to manage the Network"),
    Flag("opt", "map", "o", help="Set driver specific options"),
    Flag("label", "map", help="Set metadata on a network", metavar="list"),
    Flag("internal", "bool", help="Restrict external access to the network"),
    Flag("ipv4", "bool", default=True, help="Enable or disable IPv4 address assignment"),
    Flag("ipv6", "bool", help="Enable or disable IPv6 address assignment"),
    Flag("attachable", "bool", help="Enable manual container attachment"),
    Flag("ingress", "bool", help="Create swarm routing-mesh network"),
    Flag("scope", help="Control the network's scope"),
    Flag("config-only", "bool", help="Create a configuration only network"),
    Flag("config-from", help="The network from which to copy the configuration"),
    Flag("ipam-driver", default="default", help="IP Address Management Driver"),
    Flag("subnet", "strings", help="Subnet in CIDR format that represents a network segment"),
    Flag("ip-range", "ipNetSlice", help="Allocate container ip from a sub-range"),
    Flag("gateway", "ipSlice", help="IPv4 or IPv6 Gateway for the master subnet"),
    Flag("aux-address", "map", help="Auxiliary IPv4 or IPv6 addresses used by Network driver"),
    Flag("ipam-opt", "map", help="Set IPAM driver specific options"),
)

# swarm init and swarm join take the same address flags
SWARM_ADDRESS_FLAGS = (
    Flag("advertise-addr", help='Advertised address (format: "<ip|interface>[:port]")'),
    Flag(
        "listen-addr",
        default="0.0.0.0:2377",
        help='Listen address (format: "<ip|interface>[:port]")',
        metavar="node-addr",
    ),
)
# docker service create/update: whether the CLI waits for the tasks and shows their progress
CONVERGE_FLAGS = (
    Flag("detach", "bool", "d", help="Exit immediately instead of waiting for the service to converge"),
    Flag("quiet", "bool", "q", help="Suppress progress output"),
)
COMMANDS = {
    c.path: c
    for c in (
        Command(
            "network create",
            "network create [OPTIONS] NETWORK",
            "Create a network",
            network_create,
            NETWORK_CREATE_FLAGS,
            1,
            1,
            not_simulated=("ingress", "scope", "config-only", "config-from"),
        ),
        Command(
            "network ls",
            "network ls [OPTIONS]",
            "List networks",
            network_ls,
            (
                Flag(
                    "filter", "list", "f", help='Provide filter values (e.g. "driver=nat")', metavar="filter"
                ),
                Flag("no-trunc", "bool", help="Do not truncate the output"),
                Flag("quiet", "bool", "q", help="Only display network IDs"),
                Flag("format", help="Format output using a custom template"),
            ),
            0,
            0,
            aliases=("docker network ls", "docker network list"),
        ),
        Command(
            "network inspect",
            "network inspect [OPTIONS] NETWORK [NETWORK...]",
            "Display detailed information on one or more networks",
            network_inspect,
            (
                Flag("format", "string", "f", help="Format output using a custom template"),
                Flag("verbose", "bool", "v", help="Verbose output for diagnostics"),
            ),
            1,
            not_simulated=("verbose",),
        ),
        Command(
            "network rm",
            "network rm NETWORK [NETWORK...]",
            "Remove one or more networks",
            network_rm,
            (Flag("force", "bool", "f", help="Do not error if the network does not exist"),),
            1,
            aliases=("docker network rm", "docker network remove"),
        ),
        Command(
            "network connect",
            "network connect [OPTIONS] NETWORK CONTAINER",
            "Connect a container to a network",
            network_connect,
            (
                Flag("ip", help='IPv4 address (e.g., "172.30.100.104")'),
                Flag("ip6", help='IPv6 address (e.g., "2001:db8::33")'),
                Flag("alias", "list", help="Add network-scoped alias for the container"),
                Flag("driver-opt", "list", help="driver options for the network"),
                Flag("link", "list", help="Add link to another container"),
            ),
            2,
            2,
            not_simulated=("driver-opt", "link"),
        ),
        Command(
            "network disconnect",
            "network disconnect [OPTIONS] NETWORK CONTAINER",
            "Disconnect a container from a network",
            network_disconnect,
            (Flag("force", "bool", "f", help="Force the container to disconnect from a network"),),
            2,
            2,
        ),
        Command(
            "network prune",
            "network prune [OPTIONS]",
            "Remove all unused networks",
            network_prune,
            (
                Flag("force", "bool", "f", help="Do not prompt for confirmation"),
                Flag(
                    "filter",
                    "list",
                    help='Provide filter values (e.g. "until=<timestamp>")',
                    metavar="filter",
                ),
            ),
            0,
            0,
            not_simulated=("filter",),
        ),
        Command(
            "run",
            "run [OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create and run a new container from an image",
            _merge_aliases(container_run),
            RUN_FLAGS,
            1,
            aliases=("docker container run", "docker run"),
            interspersed=False,
            not_simulated=RUN_NOT_SIMULATED,
        ),
        Command(
            "create",
            "create [OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create a new container",
            _merge_aliases(container_create),
            tuple(f for f in RUN_FLAGS if f.name != "detach"),
            1,
            aliases=("docker container create", "docker create"),
            interspersed=False,
            not_simulated=RUN_NOT_SIMULATED,
        ),
        Command(
            "start",
            "start [OPTIONS] CONTAINER [CONTAINER...]",
            "Start one or more stopped containers",
            container_start,
            (
                Flag("attach", "bool", "a", help="Attach STDOUT/STDERR and forward signals"),
                Flag("interactive", "bool", "i", help="Attach container's STDIN"),
            ),
            1,
            aliases=("docker container start", "docker start"),
        ),
        Command(
            "rm",
            "rm [OPTIONS] CONTAINER [CONTAINER...]",
            "Remove one or more containers",
            container_rm,
            (
                Flag("force", "bool", "f", help="Force the removal of a running container (uses SIGKILL)"),
                Flag("volumes", "bool", "v", help="Remove anonymous volumes associated with the container"),
                Flag("link", "bool", "l", help="Remove the specified link"),
            ),
            1,
            aliases=("docker container rm", "docker container remove", "docker rm"),
        ),
        Command(
            "stop",
            "stop [OPTIONS] CONTAINER [CONTAINER...]",
            "Stop one or more running containers",
            container_stop,
            STOP_FLAGS,
            1,
            aliases=("docker container stop", "docker stop"),
            not_simulated=("signal",),
        ),
        Command(
            "restart",
            "restart [OPTIONS] CONTAINER [CONTAINER...]",
            "Restart one or more containers",
            container_restart,
            STOP_FLAGS,
            1,
            aliases=("docker container restart", "docker restart"),
            not_simulated=("signal",),
        ),
        Command(
            "kill",
            "kill [OPTIONS] CONTAINER [CONTAINER...]",
            "Kill one or more running containers",
            container_kill,
            (Flag("signal", "string", "s", help="Signal to send to the container"),),
            1,
            aliases=("docker container kill", "docker kill"),
            not_simulated=("signal",),
        ),
        Command(
            "pause",
            "pause CONTAINER [CONTAINER...]",
            "Pause all processes within one or more containers",
            container_pause,
            (),
            1,
            aliases=("docker container pause", "docker pause"),
        ),
        Command(
            "unpause",
            "unpause CONTAINER [CONTAINER...]",
            "Unpause all processes within one or more containers",
            container_unpause,
            (),
            1,
            aliases=("docker container unpause", "docker unpause"),
        ),
        Command(
            "wait",
            "wait CONTAINER [CONTAINER...]",
            "Block until one or more containers stop, then print their exit codes",
            container_wait,
            (),
            1,
            aliases=("docker container wait", "docker wait"),
        ),
        Command(
            "logs",
            "logs [OPTIONS] CONTAINER",
            "Fetch the logs of a container",
            container_logs,
            (
                Flag("details", "bool", help="Show extra details provided to logs"),
                Flag("follow", "bool", "f", help="Follow log output"),
                Flag(
                    "since",
                    help='Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
                ),
                Flag(
                    "tail",
                    "string",
                    "n",
                    default="all",
                    help="Number of lines to show from the end of the logs",
                ),
                Flag("timestamps", "bool", "t", help="Show timestamps"),
                Flag(
                    "until",
                    help='Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
                ),
            ),
            1,
            1,
            aliases=("docker container logs", "docker logs"),
            not_simulated=("details", "follow", "since", "timestamps", "until"),
        ),
        Command(
            "images",
            "images [OPTIONS] [REPOSITORY[:TAG]]",
            "List images",
            image_ls,
            (
                Flag("all", "bool", "a", help="Show all images (default hides intermediate images)"),
                Flag("digests", "bool", help="Show digests"),
                Flag(
                    "filter", "list", "f", help="Filter output based on conditions provided", metavar="filter"
                ),
                Flag("format", help="Format output using a custom template"),
                Flag("no-trunc", "bool", help="Don't truncate output"),
                Flag("quiet", "bool", "q", help="Only show image IDs"),
            ),
            0,
            1,
            aliases=("docker image ls", "docker image list", "docker images"),
            not_simulated=("filter",),
        ),
        Command(
            "pull",
            "pull [OPTIONS] NAME[:TAG|@DIGEST]",
            "Download an image from a registry",
            image_pull,
            (
                Flag("all-tags", "bool", "a", help="Download all tagged images in the repository"),
                Flag("platform", help="Set platform if server is multi-platform capable"),
                Flag("quiet", "bool", "q", help="Suppress verbose output"),
            ),
            1,
            1,
            aliases=("docker image pull", "docker pull"),
            not_simulated=("all-tags", "platform"),
        ),
        Command(
            "ps",
            "ps [OPTIONS]",
            "List containers",
            container_ps,
            (
                Flag("all", "bool", "a", help="Show all containers (default shows just running)"),
                Flag("quiet", "bool", "q", help="Only display container IDs"),
                Flag("no-trunc", "bool", help="Don't truncate output"),
                Flag(
                    "filter", "list", "f", help="Filter output based on conditions provided", metavar="filter"
                ),
                Flag("format", help="Format output using a custom template"),
            ),
            0,
            0,
            aliases=("docker container ls", "docker container list", "docker container ps", "docker ps"),
            not_simulated=("filter",),
        ),
        Command(
            "port",
            "port CONTAINER [PRIVATE_PORT[/PROTO]]",
            "List port mappings or a specific mapping for the container",
            container_port,
            (),
            1,
            2,
            aliases=("docker container port", "docker port"),
        ),
        Command(
            "inspect",
            "inspect [OPTIONS] NAME|ID [NAME|ID...]",
            "Return low-level information on Docker objects",
            inspect_any,
            (
                Flag("format", "string", "f", help="Format output using a custom template"),
                Flag("size", "bool", "s", help="Display total file sizes if the type is container"),
                Flag("type", help="Only inspect objects of the given type"),
            ),
            1,
            not_simulated=("size", "type"),
        ),
        Command(
            "container inspect",
            "container inspect [OPTIONS] CONTAINER [CONTAINER...]",
            "Display detailed information on one or more containers",
            container_inspect_cmd,
            (Flag("format", "string", "f", help="Format output using a custom template"),),
            1,
        ),
        Command(
            "exec",
            "exec [OPTIONS] CONTAINER COMMAND [ARG...]",
            "Execute a command in a running container",
            container_exec,
            (
                Flag("detach", "bool", "d", help="Detached mode: run command in the background"),
                Flag("interactive", "bool", "i", help="Keep STDIN open even if not attached"),
                Flag("tty", "bool", "t", help="Allocate a pseudo-TTY"),
                Flag("user", "string", "u", help="Username or UID"),
                Flag("workdir", "string", "w", help="Working directory inside the container"),
            ),
            2,
            aliases=("docker container exec", "docker exec"),
            interspersed=False,
        ),
        Command(
            "info",
            "info [OPTIONS]",
            "Display system-wide information",
            info,
            (Flag("format", "string", "f", help="Format output using a custom template"),),
            0,
            0,
            aliases=("docker system info", "docker info"),
        ),
        Command(
            "version",
            "version [OPTIONS]",
            "Show the Docker version information",
            version,
            (Flag("format", "string", "f", help="Format output using a custom template"),),
            0,
            0,
        ),
        Command(
            "swarm init",
            "swarm init [OPTIONS]",
            "Initialize a swarm",
            swarm_init,
            (
                *SWARM_ADDRESS_FLAGS,
                Flag("force-new-cluster", "bool", help="Force create a new cluster from current state"),
            ),
            0,
            0,
        ),
        Command(
            "swarm join",
            "swarm join [OPTIONS] HOST:PORT",
            "Join a swarm as a node and/or manager",
            swarm_join,
            (
                Flag("token", help="Token for entry into the swarm"),
                *SWARM_ADDRESS_FLAGS,
            ),
            1,
            1,
        ),
        Command(
            "swarm join-token",
            "swarm join-token [OPTIONS] (worker|manager)",
            "Manage join tokens",
            swarm_join_token,
            (
                Flag("quiet", "bool", "q", help="Only display token"),
                Flag("rotate", "bool", help="Rotate join token"),
            ),
            1,
            1,
            not_simulated=("rotate",),
        ),
        Command(
            "node ls",
            "node ls [OPTIONS]",
            "List nodes in the swarm",
            node_ls,
            (Flag("quiet", "bool", "q", help="Only display IDs"),),
            0,
            0,
            aliases=("docker node ls", "docker node list"),
            not_simulated=("quiet",),
        ),
        Command(
            "service ps",
            "service ps [OPTIONS] SERVICE [SERVICE...]",
            "List the tasks of one or more services",
            service_ps,
            (Flag("no-trunc", "bool", help="Do not truncate output"),),
            1,
            1,
        ),
        Command(
            "swarm leave",
            "swarm leave [OPTIONS]",
            "Leave the swarm",
            swarm_leave,
            (Flag("force", "bool", "f", help="Force this node to leave the swarm, ignoring warnings"),),
            0,
            0,
        ),
        Command(
            "service create",
            "service create [OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create a new service",
            service_create,
            (
                Flag("name", help="Service name"),
                Flag("replicas", "uint", help="Number of tasks"),
                Flag("network", "list", help="Network attachments", metavar="network"),
                Flag("publish", "list", "p", help="Publish a port as a node port", metavar="port"),
                Flag("endpoint-mode", default="vip", help="Endpoint mode (vip or dnsrr)"),
                *CONVERGE_FLAGS,
                Flag("constraint", "list", help="Placement constraints"),
            ),
            1,
            interspersed=False,
            not_simulated=("constraint",),
        ),
        Command(
            "service inspect",
            "service inspect [OPTIONS] SERVICE [SERVICE...]",
            "Display detailed information on one or more services",
            service_inspect,
            (
                Flag("format", short="f", help="Format output using a custom template"),
                Flag("pretty", "bool", help="Print the information in a human friendly format"),
            ),
            1,
        ),
        Command(
            "service scale",
            "service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]",
            "Scale one or multiple replicated services",
            service_scale,
            (
                Flag(
                    "detach",
                    "bool",
                    "d",
                    help="Exit immediately instead of waiting for the service to converge",
                ),
            ),
            1,
        ),
        Command(
            "service update",
            "service update [OPTIONS] SERVICE",
            "Update a service",
            service_update,
            (
                Flag("replicas", "uint", help="Number of tasks"),
                *CONVERGE_FLAGS,
                Flag("image", help="Service image tag"),
                Flag("force", "bool", help="Force update even if no changes require it"),
                Flag("publish-add", "list", help="Add or update a published port", metavar="port"),
                Flag("network-add", "list", help="Add a network", metavar="network"),
                Flag("env-add", "list", help="Add or update an environment variable", metavar="list"),
                Flag("rollback", "bool", help="Rollback to previous specification"),
            ),
            1,
            1,
            not_simulated=("image", "force", "publish-add", "network-add", "env-add", "rollback"),
        ),
        Command(
            "service ls",
            "service ls [OPTIONS]",
            "List services",
            service_ls,
            (
                Flag("quiet", "bool", "q", help="Only display IDs"),
                Flag("format", help="Format output using a custom template"),
            ),
            0,
            0,
            aliases=("docker service ls", "docker service list"),
        ),
        Command(
            "service rm",
            "service rm SERVICE [SERVICE...]",
            "Remove one or more services",
            service_rm,
            (),
            1,
            aliases=("docker service rm", "docker service remove"),
        ),
    )
}

ALIASES = {
    "network list": "network ls",
    "network remove": "network rm",
    "container run": "run",
    "container create": "create",
    "container start": "start",
    "container rm": "rm",
    "container remove": "rm",
    "container ls": "ps",
    "container list": "ps",
    "container ps": "ps",
    "container port": "port",
    "container exec": "exec",
    "container stop": "stop",
    "container restart": "restart",
    "container kill": "kill",
    "container pause": "pause",
    "container unpause": "unpause",
    "container wait": "wait",
    "container logs": "logs",
    "image ls": "images",
    "image list": "images",
    "image pull": "pull",
    "system info": "info",
    "service list": "service ls",
    "service remove": "service rm",
}
COMMANDS.update({alias: COMMANDS[target] for alias, target in ALIASES.items()})
GROUPS = {
    "network": "Manage networks",
    "container": "Manage containers",
    "image": "Manage images",
    "swarm": "Manage Swarm",
    "node": "Manage Swarm nodes",
    "service": "Manage Swarm services",
    "system": "Manage Docker",
}


HIDDEN_ALIASES = (
    "network list",
    "network remove",
    "container list",
    "container ps",
    "container remove",
    "image list",
    "service list",
    "service remove",
)


def group_help(group):
    subs = sorted(
        (p.split(" ", 1)[1], c)
        for p, c in COMMANDS.items()
        if p.startswith(group + " ") and p not in HIDDEN_ALIASES
    )
    width = max(len(name) for name, _ in subs) + 3
    lines = [f"Usage:  docker {group} COMMAND", "", GROUPS[group], "", "Commands:"]
    lines += [f"  {name}{' ' * (width - len(name))}{cmd.short}" for name, cmd in subs]
    lines += ["", f"Run 'docker {group} COMMAND --help' for more information on a command."]
    return "\n".join(lines)


def root_help():
    top = sorted((p, c) for p, c in COMMANDS.items() if " " not in p)
    width = max(len(p) for p, _ in top) + 3
    lines = [
        "Usage:  docker [OPTIONS] COMMAND",
        "",
        "A self-sufficient runtime for containers",
        "",
        "Common Commands:",
    ]
    lines += [f"  {p}{' ' * (width - len(p))}{c.short}" for p, c in top]
    lines += ["", "Management Commands:"]
    lines += [f"  {g}{' ' * (width - len(g))}{short}" for g, short in sorted(GROUPS.items())]
    lines += ["", HELP_HINT]
    return "\n".join(lines)
