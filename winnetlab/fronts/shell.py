"""``winnetlab shell``: an interactive ``PS C:\\>`` prompt on a simulated Windows host.

Each line is a PowerShell pipeline (``Get-VMSwitch``, ``docker network ls``, ``docker exec
web ipconfig /all`` …) run on the current host, exactly as ``lab.powershell`` runs it.
The simulator's teaching hints follow the output as ``hint: …`` lines; ``--no-hints``
shows only what a real host prints.
``--scenario NAME`` opens the broken lab of a troubleshooting scenario (``wl.scenarios``) and
prints its story; at the prompt ``check [answer]`` runs the scenario's check, ``hint [1-3]`` gives a
hint and ``story`` repeats the story (these three words are the lab's, not PowerShell's).
``Enter-PSSession host2`` switches host (``Exit-PSSession`` or ``exit`` comes back), ``exit``
on the first host leaves; line editing and history come from
``readline`` when the terminal has it.  Driven through standard input it reads lines
until end of file, so it can be scripted and tested.
"""

import sys

from .command import QuoteError, tokenize

BANNER = (
    "Windows PowerShell (simulated by winnetlab)\nCopyright (C) Microsoft Corporation. All rights reserved.\n"
)


def add_arguments(name, parser):
    parser.add_argument("--hosts", type=int, default=1, help="number of simulated hosts (default 1)")
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
    try:
        if getattr(args, "scenario", None):
            from .. import scenarios

            scenario = scenarios.load(args.scenario, seed=args.seed, hints=not args.no_hints)
            lab = scenario.lab
        else:
            lab = Lab(seed=args.seed, windows=args.windows, hosts=args.hosts, hints=not args.no_hints)
    except WinNetLabError as e:
        print(f"winnetlab shell: {e.message}", file=sys.stderr)
        return 2
    interactive = stdin.isatty() and stdout.isatty()
    if interactive:
        _enable_readline()
    session = Session(lab, scenario)
    stdout.write(BANNER + "\n")
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
        if line.strip().lower() == "exit" and not session.remote:
            return 0
        text = session.run(line)
        if text:
            stdout.write(text + "\n")
        stdout.flush()


def _read(prompt, stdin, stdout, interactive):
    if interactive:
        try:
            return input(prompt)
        except EOFError:
            return None
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

    def __init__(self, lab, scenario=None):
        self.lab = lab
        self.scenario = scenario
        self.host = next(iter(lab.hosts))

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
        return f"[{self.host}]: PS C:\\> " if self.remote else "PS C:\\> "

    def run(self, line):
        if not line.strip():
            return ""
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
