"""Container images: the simulated registry, a host's local image store, and what an image runs.

A Windows container image is built for one Windows build; Microsoft publishes each base image
under tags that are manifest lists whose entries carry ``os.version`` (``10.0.20348.x``…).
``docker pull`` skips entries newer than the host's build and prefers the host's own build
(moby ``distribution/pull_v2_windows.go`` filterManifests); if no entry is left it fails with
``no matching manifest for windows/amd64 10.0.<build> in the manifest list entries``
(microsoft/Windows-Containers#334, pulling ``ltsc2022`` on Server 2019).  A tag that does not
exist at all is ``manifest for <ref> not found: manifest unknown: manifest unknown`` — the
base images have no ``latest`` tag (Microsoft's base-image docs list only versioned tags).
Under process isolation the image's build must equal the host's
(``hcs::CreateComputeSystem <id>: The container operating system does not match the host
operating system.``, microsoft/Windows-Containers#399); Hyper-V isolation runs older builds.

What an image runs: Microsoft's base images (servercore, nanoserver, server, windows) start
``c:\\windows\\system32\\cmd.exe``, which exits at once (code 0) when no terminal keeps its
stdin open — ``docker run -dit`` is the idiom that keeps one running; the IIS image starts
``C:\\ServiceMonitor.exe w3svc`` and keeps running (its Dockerfile, microsoft/iis-docker).
Nano Server ships no Windows PowerShell since 1709 (Microsoft's Nano Server docs;
microsoft/Windows-Containers#252); ``curl.exe`` is in Windows since 1803, so not in the 2016
images.  An image this catalog does not know is "pulled" from the simulated registry as a
single-build image for the host and runs like a long-lived service (a simulated
``C:\\app\\service.exe`` — an invented stand-in, so that labs may use any image name).

Simplifications: digests and image ids are derived from the reference (sha256 of the
name), sizes are fixed per repository, and layers are not modelled.
"""

from dataclasses import dataclass

from .errors import InvalidParameter, NotFound
from .ids import content_id

REGISTRY = "mcr.microsoft.com"
CMD = "c:\\windows\\system32\\cmd.exe"
# Executables of the base images (lower case, without .exe); see the module docstring.
# Only programs the lab simulates are listed: a program outside this set fails to start.
BASE_TOOLS = frozenset(
    {"cmd", "hostname", "ipconfig", "netstat", "nslookup", "ping", "route", "tracert", "whoami"}
)
POWERSHELL = frozenset({"powershell"})
CURL = frozenset({"curl"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Repository:
    """One image repository: its tags (tag -> Windows builds of its manifest list) and what runs."""

    name: str
    tags: dict
    command: str
    service: bool  # the default command keeps running without a terminal
    tools: frozenset
    size: str
    listens: tuple = ()  # TCP ports its default command listens on


_BUILDS = {"ltsc2016": 14393, "ltsc2019": 17763, "ltsc2022": 20348, "ltsc2025": 26100}
_SERVERCORE_TOOLS = BASE_TOOLS | POWERSHELL

CATALOG = {
    r.name: r
    for r in (
        Repository(
            name=f"{REGISTRY}/windows/servercore",
            tags={
                "ltsc2016": (14393,),
                "ltsc2019": (17763,),
                "1809": (17763,),
                "ltsc2022": (20348,),
                "ltsc2025": (26100,),
            },
            command=CMD,
            service=False,
            tools=_SERVERCORE_TOOLS,
            size="5.1GB",
        ),
        Repository(
            name=f"{REGISTRY}/windows/nanoserver",
            tags={"sac2016": (14393,), "1809": (17763,), "ltsc2022": (20348,), "ltsc2025": (26100,)},
            command=CMD,
            service=False,
            tools=BASE_TOOLS,
            size="297MB",
        ),
        Repository(
            name=f"{REGISTRY}/windows/server",
            tags={"ltsc2022": (20348,), "ltsc2025": (26100,)},
            command=CMD,
            service=False,
            tools=_SERVERCORE_TOOLS,
            size="9.4GB",
        ),
        Repository(
            name=f"{REGISTRY}/windows",
            tags={"1809": (17763,), "ltsc2019": (17763,)},
            command=CMD,
            service=False,
            tools=_SERVERCORE_TOOLS,
            size="13.9GB",
        ),
        Repository(
            name=f"{REGISTRY}/windows/servercore/iis",
            tags={
                "windowsservercore-ltsc2016": (14393,),
                "windowsservercore-ltsc2019": (17763,),
                "windowsservercore-ltsc2022": (20348,),
                "windowsservercore-ltsc2025": (26100,),
                "latest": (14393, 17763, 20348, 26100),
            },
            command="C:\\ServiceMonitor.exe w3svc",
            service=True,
            tools=_SERVERCORE_TOOLS,
            size="5.3GB",
            listens=(80,),
        ),
    )
}
APP_COMMAND = "C:\\app\\service.exe"


@dataclass(frozen=True, slots=True, kw_only=True)
class Image:
    """An image in a host's local store (``docker images``)."""

    repository: str
    tag: str
    build: int
    command: str
    service: bool
    tools: frozenset
    size: str
    listens: tuple = ()
    seq: int = 0  # pull order on the host (newest first in ``docker images``)

    @property
    def reference(self) -> str:
        return f"{self.repository}:{self.tag}"

    @property
    def id(self) -> str:
        return content_id(self.reference)

    @property
    def digest(self) -> str:
        return content_id(f"digest:{self.reference}")

    def has(self, executable: str) -> bool:
        """Whether ``executable`` (``powershell``, ``curl.exe`` …) is on the image's PATH."""
        name = executable.lower().rsplit("\\", 1)[-1].removesuffix(".exe")
        if name == "curl":
            return "curl" in self.tools or (self.build >= 17763 and "cmd" in self.tools)
        return name in self.tools


def split_reference(ref: str) -> tuple:
    """``name[:tag]`` -> (repository, tag); ``latest`` when no tag is given (Docker's default)."""
    if not isinstance(ref, str):  # the typed API: what Docker's CLI can only pass as text
        raise InvalidParameter("invalid reference format")
    text = ref.strip()
    if not text or text != text.lower() or " " in text:
        raise InvalidParameter(
            f"invalid reference format: repository name (library/{text}) must be lowercase"
            if text and text != text.lower()
            else "invalid reference format"
        )
    name, _, tag = text.rpartition(":") if ":" in text.rsplit("/", 1)[-1] else (text, "", "")
    return name, tag or "latest"


def resolve(ref: str, build: int, seq: int = 0) -> Image:
    """The image ``docker pull ref`` would store on a host of Windows build ``build``."""
    repo_name, tag = split_reference(ref)
    repo = CATALOG.get(repo_name)
    if repo is None:
        if repo_name.startswith(REGISTRY + "/windows"):
            raise NotFound(
                f"manifest for {repo_name}:{tag} not found: manifest unknown: manifest unknown",
                hint=f"{repo_name} is not one of Microsoft's images: check the name",
            )
        return Image(
            repository=repo_name,
            tag=tag,
            build=build,
            command=APP_COMMAND,
            service=True,
            tools=BASE_TOOLS,
            size="312MB",
            listens=(80,),
            seq=seq,
        )
    builds = repo.tags.get(tag)
    if builds is None:
        raise NotFound(
            f"manifest for {repo_name}:{tag} not found: manifest unknown: manifest unknown",
            hint=f"{repo_name} has the tags " + ", ".join(repo.tags),
        )
    usable = [b for b in builds if b <= build]  # moby distribution/pull_v2_windows.go filterManifests
    if not usable:
        raise NotFound(
            f"no matching manifest for windows/amd64 10.0.{build} in the manifest list entries",
            hint=f"{repo_name}:{tag} is built for Windows build "
            + ", ".join(str(b) for b in builds)
            + f"; this host is build {build}: pick the tag of the host's version",
        )
    chosen = build if build in usable else max(usable)
    return Image(
        repository=repo.name,
        tag=tag,
        build=chosen,
        command=repo.command,
        service=repo.service,
        tools=repo.tools,
        size=repo.size,
        listens=repo.listens,
        seq=seq,
    )


def tag_for(repository: str, profile_name: str) -> str:
    """The tag of ``repository`` that matches a Windows version (``ltsc2022`` …)."""
    repo = CATALOG[repository]
    build = _BUILDS[profile_name]
    return next(t for t, builds in repo.tags.items() if builds == (build,))


# ---------------------------------------------------------------------------- the main process

REVISIONS = {14393: 7428, 17763: 6414, 20348: 2762, 26100: 2033}  # as the profiles' OS builds
COPYRIGHT = {
    14393: "(c) 2016 Microsoft Corporation. All rights reserved.",
    17763: "(c) 2018 Microsoft Corporation. All rights reserved.",
}
SHELLS = ("cmd", "powershell", "pwsh")
# Commands that never end on their own (simplification: recognised by these words).
ENDLESS = ("servicemonitor", "start-sleep", "ping -t", "ping /t", "timeout -1", "timeout /t -1")


def executable(command: str) -> str:
    """The program a command line starts, as HCS looks it up (``powershell``, ``cmd`` …)."""
    first = command.strip().split(" ", 1)[0].strip('"')
    return first.lower().rsplit("\\", 1)[-1].removesuffix(".exe")


def process_kind(image, command: str, interactive: bool) -> str:
    """What the container's main process does once started.

    ``"missing"``: the executable is not in the image (HCS CreateProcess fails);
    ``"service"``: it runs until stopped; ``"exits"``: a shell with no stdin exits at once
    with code 0; ``"oneshot"``: a command that runs, prints and exits with its own code.
    ``interactive`` is true when the shell has stdin or a console (``-i`` or ``-t``: Docker's
    own demo runs ``docker run -dt nanoserver`` and execs into it, sample 35).
    """
    if image is None:
        return "service"
    line = command.strip() if command else ""
    if not command or line == image.command:
        return "service" if image.service or interactive else "exits"
    exe = executable(line)
    if not image.has(exe):
        return "missing"
    if exe in SHELLS and len(line.split()) == 1:
        return "service" if interactive else "exits"
    low = " ".join(line.lower().split())
    return "service" if any(word in low for word in ENDLESS) else "oneshot"


def cmd_banner(build: int) -> str:
    """What cmd.exe prints when it starts with no terminal (moby/moby#38306 shows it)."""
    copyright_line = COPYRIGHT.get(build, "(c) Microsoft Corporation. All rights reserved.")
    return f"Microsoft Windows [Version 10.0.{build}.{REVISIONS.get(build, 1)}]\n{copyright_line}\n\nC:\\>"
