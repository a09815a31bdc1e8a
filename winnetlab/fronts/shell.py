"""``winnetlab shell``: an interactive ``PS C:\\>`` prompt on a simulated Windows host.

Each line is a PowerShell pipeline (``Get-VMSwitch``, ``docker network ls``, ``docker exec
web ipconfig /all`` …) run on the current host, exactly as ``lab.powershell`` runs it.
The simulator's teaching hints follow the output as ``hint: …`` lines (the first, under the
banner, says that ``Get-Command`` lists what this host knows); ``--no-hints`` shows only what
a real host prints.  ``cls`` clears a terminal.
``--scenario NAME`` opens the broken lab of a troubleshooting scenario (``wl.scenarios``) and
prints its story; at the prompt ``check [answer]`` runs the scenario's check, ``hint [1-3]`` gives a
hint and ``story`` repeats the story (these three words are the lab's, not PowerShell's).
A line ending with a backtick continues at the ``>>`` prompt, as in the console.
``Enter-PSSession host2`` switches host (``Exit-PSSession`` or ``exit`` comes back), ``exit``
on the first host leaves; line editing and history come from
``readline`` when the terminal has it.  Driven through standard input it reads lines
until end of file, so it can be scripted and tested.

Every host of the shell's lab has ``--adapters`` physical NICs (``Ethernet``, ``Ethernet 2``
…); the default is enough for ``docker swarm init`` plus one network of every driver under the
rule of ``engine.switching`` (one External vSwitch per adapter; only networks of the same kind
share one, and transparent networks never do), so a learner can build all five drivers on one
host by naming ``-o com.docker.network.windowsshim.interface="Ethernet 2"`` and so on.

On a terminal, ``docker run -it IMAGE cmd`` and ``docker exec -it NAME cmd|powershell`` open
a prompt inside the container (``C:\\>`` or ``PS C:\\>``, step one of Microsoft's quick start)
until ``exit``; without a terminal the Docker CLI refuses ``-it`` (``the input device is not a
TTY``).  Ctrl-C at the prompt cancels the line and shows a new prompt, as the console does.
"""

import sys

from .. import i18n
from ..engine.switching import MAX_ADAPTERS, adapters_for_every_driver
from .command import QuoteError, tokenize

BANNER = (
    "Windows PowerShell (simulated by winnetlab)\nCopyright (C) Microsoft Corporation. All rights reserved.\n"
)
BANNER_HINT = "Get-Command lists the commands this host knows; Get-Help NAME shows a command's syntax."
CLEAR_SCREEN = "\033[H\033[2J"


def add_arguments(name, parser):
    parser.add_argument("--hosts", type=int, default=1, help="number of simulated hosts (default 1)")
    parser.add_argument(
        "--adapters",
        type=int,
        default=adapters_for_every_driver(),
        help="physical network adapters of every host (default %(default)s: enough for swarm plus one "
        "network of every driver)",
    )
    parser.add_argument(
        "--windows",
        default="ltsc2022",
        help="Windows Server version: ltsc2016, ltsc2019, ltsc2022 (default), ltsc2025",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the lab's identifiers (default 0)")
    parser.add_argument(
        "--scenario",
        default=None,
        help="open the broken lab of a troubleshooting scenario (see wl.scenarios.list())",
    )
    parser.add_argument(
        "--no-hints",
        action="store_true",
        help="print only what a real host prints (no 'hint:' lines from the simulator)",
    )


def shell_main(args, stdin=None, stdout=None):
    """Run the prompt; returns the process exit code."""
    from .. import Lab, WinNetLabError

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    scenario = None
    if args.hosts < 1:
        print(f"winnetlab shell: --hosts must be at least 1 (got {args.hosts})", file=sys.stderr)
        return 2
    adapters = getattr(args, "adapters", adapters_for_every_driver())
    if not 1 <= adapters <= MAX_ADAPTERS:
        print(
            f"winnetlab shell: --adapters must be from 1 to {MAX_ADAPTERS} (got {adapters})", file=sys.stderr
        )
        return 2
    try:
        if getattr(args, "scenario", None):
            from .. import scenarios

            scenario = scenarios.load(args.scenario, seed=args.seed, hints=not args.no_hints)
            lab = scenario.lab
        else:
            lab = Lab(
                seed=args.seed,
                windows=args.windows,
                hosts=args.hosts,
                hints=not args.no_hints,
                adapters=adapters,
            )
    except WinNetLabError as e:
        print(f"winnetlab shell: {e.message}", file=sys.stderr)
        return 2
    interactive = stdin.isatty() and stdout.isatty()
    if interactive:
        _enable_readline()
    session = Session(lab, scenario, terminal=interactive)
    stdout.write(BANNER + "\n")
    if lab.hints:
        stdout.write(f"{i18n.tr('hint')}: {i18n.hint(BANNER_HINT)}\n\n")
    if scenario is not None:
        stdout.write(session.story() + "\n\n")
    while True:
        prompt = session.prompt()
        line = _read(prompt, stdin, stdout, interactive)
        if line is None:
            stdout.write("\n")
            return 0
        if not interactive:
            stdout.write(line + "\n")
        while line.rstrip().endswith("`"):  # PowerShell's line continuation: more at the >> prompt
            more = _read(">> ", stdin, stdout, interactive)
            if more is None:
                break
            if not interactive:
                stdout.write(more + "\n")
            line = line.rstrip() + "\n" + more
        if line.strip().lower() == "exit" and not session.remote:
            return 0
        text = session.run(line)
        if text:
            stdout.write(text + "\n")
        stdout.flush()


def _read(prompt, stdin, stdout, interactive):
    if interactive:
        while True:
            try:
                return input(prompt)
            except EOFError:
                return None
            except KeyboardInterrupt:  # Ctrl-C cancels the line, as the console does
                stdout.write("\n")
    stdout.write(prompt)
    line = stdin.readline()
    return None if line == "" else line.rstrip("\r\n")


def _enable_readline():
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:
        pass


class Session:
    """The state of one prompt: the lab and the host the user is on."""

    def __init__(self, lab, scenario=None, terminal=False):
        self.lab = lab
        self.scenario = scenario
        self.host = next(iter(lab.hosts))
        self.terminal = terminal
        self.inside = None  # (container, "cmd"|"powershell", started by run -it) at a container prompt

    def story(self):
        s = self.scenario
        return "\n".join(
            [
                f"Scenario {s.name}: {s.title}",
                "",
                s.story,
                "",
                *(f"source: {u}" for u in s.sources),
                "",
                "Type 'check' to test your fix, 'hint 1' .. 'hint 3' for help, 'story' to read this again.",
            ]
        )

    def scenario_command(self, low):
        """``check``, ``hint [n]`` and ``story`` at a scenario's prompt; None for anything else."""
        if self.scenario is None or not low:
            return None
        if low[0] == "check" and len(low) <= 2:
            return str(self.scenario.check(*low[1:]))
        if low == ["story"]:
            return self.story()
        if low[0] == "hint" and len(low) <= 2:
            n = low[1] if len(low) == 2 else "1"
            if n not in ("1", "2", "3"):
                return "hint: choose 1, 2 or 3"
            return f"hint {n}: {self.scenario.hint(int(n))}"
        return None

    @property
    def remote(self):
        return self.host != next(iter(self.lab.hosts))

    def prompt(self):
        if self.inside is not None:
            return "C:\\>" if self.inside[1] == "cmd" else "PS C:\\> "
        return f"[{self.host}]: PS C:\\> " if self.remote else "PS C:\\> "

    def run(self, line):
        if self.inside is not None:
            return self.in_container(line)
        if not line.strip():
            return ""
        attach = self.attach(line) if self.terminal else None
        if attach is not None:
            return attach
        try:
            words = tokenize(line)[0]
        except QuoteError:
            words = []
        low = [w.lower() for w in words]
        if low[:1] in (["exit"], ["exit-pssession"]) and len(low) == 1:
            self.host = next(iter(self.lab.hosts))
            return ""
        answer = self.scenario_command(low)
        if answer is not None:
            return answer
        if self.terminal and low in (["cls"], ["clear"], ["clear-host"]):
            return CLEAR_SCREEN
        if low[:1] == ["enter-pssession"]:
            return self.enter([w for w in words[1:] if w.lower() != "-computername"])
        return str(self.lab.powershell(line, host=self.host))

    def enter(self, names):
        if len(names) == 1 and names[0] in self.lab.hosts:
            self.host = names[0]
            return ""
        name = names[0] if names else ""
        return (
            f"Enter-PSSession : Connecting to remote server {name} failed with the following error message : "
            "WinRM cannot process the request. The computer name is not known. (simulated hosts: "
            f"{', '.join(self.lab.hosts)})"
        )

    # ------------------------------------------------------------------ a prompt inside a container
    def attach(self, line):
        """``docker run -it …`` / ``docker exec -it NAME cmd|powershell`` on a terminal."""
        try:
            words = tokenize(line)[0]
        except QuoteError:
            return None
        if len(words) < 3 or words[0].lower() != "docker" or words[1] not in ("run", "exec"):
            return None
        flags = [w for w in words[2:] if w.startswith("-")]
        letters = "".join(f[1:] for f in flags if not f.startswith("--"))
        if not ("i" in letters and "t" in letters) or "d" in letters:
            return None
        if words[1] == "exec":
            rest = [w for w in words[2:] if not w.startswith("-")]
            if len(rest) != 2 or rest[1].lower().removesuffix(".exe") not in ("cmd", "powershell"):
                return None
            check = self.lab.exec(rest[0], "hostname")
            if not check.ok:
                return str(check)
            self.inside = (rest[0], rest[1].lower().removesuffix(".exe"), False)
            return self._banner()
        program = words[-1].lower().removesuffix(".exe")
        if program not in ("cmd", "powershell"):
            return None
        detached = line.replace(" -it ", " -dit ", 1).replace(" -ti ", " -dit ", 1)
        result = self.lab.docker(detached.split(" ", 1)[1], host=self.host)
        if not result.ok:
            return str(result)
        cid = result.output.splitlines()[-1]
        name = next(c.name for c in self.lab.host(self.host).containers.values() if c.id == cid)
        self.inside = (name, program, True)
        return self._banner()

    def _banner(self):
        from ..engine.images import cmd_banner

        name, program, _ = self.inside
        if program == "powershell":
            return "Windows PowerShell\nCopyright (C) Microsoft Corporation. All rights reserved.\n"
        host, c = self.lab.find_container(name)
        build = c.image_info.build if c.image_info else host.profile.build
        return cmd_banner(build).rsplit("\n", 1)[0]

    def in_container(self, line):
        name, program, owned = self.inside
        if line.strip().lower() == "exit":
            self.inside = None
            if owned:  # the shell was the container's main process: the container ends
                host, c = self.lab.find_container(name)
                if c.state == "running":
                    host.finish(name, 0)
            return ""
        if not line.strip():
            return ""
        wrapped = ("cmd /c " if program == "cmd" else "powershell -Command ") + line
        return str(self.lab.exec(name, wrapped))
