"""``Get-Command``, ``Get-Help``, ``Get-ComputerInfo``, ``cls``: what this host is and knows.

``Get-Command`` lists exactly the commands the lab simulates, the way Windows PowerShell
5.1 lists commands: aliases, then functions (the CDXML and script modules: NetAdapter,
NetTCPIP, NetNat, NetSecurity, HNS …), then compiled cmdlets, each with its module
(``Source``) and version; ``-Name`` takes wildcards (``Get-Command *Hns*``), ``-Module``
filters by module.  A program (``docker``, ``ipconfig``) is found by its exact name as an
``Application``.  ``Get-Help X`` prints what PowerShell prints when no help files have been
downloaded — NAME, SYNTAX, ALIASES, REMARKS — with the syntax built from the parameters the
lab simulates for X (a real host lists more parameters, and several parameter sets).

``Get-ComputerInfo`` answers the properties that name the Windows build (WindowsProductName,
OsVersion, OsBuildNumber, CsName …) from the host's profile; ``cls`` prints nothing.

Simplifications: the REMARKS leave out the "view the Help topic online" line a real host
prints for cmdlets that have an online help link (the lab does not know each link);
``Get-Help`` without a name shows ``Get-Help``'s own syntax; program versions and paths are
inferred (``C:\\Windows\\system32\\ipconfig.exe`` carries the OS build).
"""

from __future__ import annotations

import fnmatch

from . import ps_format as fmt

COMMAND_VIEW = (
    "table",
    [
        ("CommandType", "CommandType", 15, "left"),
        ("Name", "Name", 50, "left"),
        ("Version", "Version", 10, "left"),
        ("Source", "Source", None, "left"),
    ],
)
_ORDER = {"Alias": 0, "Function": 1, "Cmdlet": 2, "Application": 3}


def _tables():
    from .powershell import CMDLET_ALIASES, CMDLETS, MODULES

    return CMDLETS, CMDLET_ALIASES, MODULES


def command_rows(lab) -> list[dict]:
    """Every simulated command as ``Get-Command`` shows it, in its order."""
    cmdlets, aliases, modules = _tables()
    rows = []
    for c in cmdlets.values():
        module = modules[c.module]
        rows.append(
            {
                "CommandType": module.command_type(c.name),
                "Name": c.name,
                "Version": module.version,
                "Source": c.module,
            }
        )
    for alias, target in aliases.items():
        c = cmdlets[target]
        exported = c.module if alias in _MODULE_ALIASES else ""
        rows.append(
            {
                "CommandType": "Alias",
                "Name": f"{alias} -> {c.name}",
                "Version": modules[c.module].version if exported else "",
                "Source": exported,
                "_alias": alias,
            }
        )
    return sorted(rows, key=lambda r: (_ORDER[r["CommandType"]], r["Name"].lower()))


# Aliases a module exports itself (Get-Command shows its module); the others are
# PowerShell's built-in aliases, which have no source.
_MODULE_ALIASES = frozenset({"tnc", "gip"})


def application_row(lab, host, name):
    """A program found on the path, as ``Get-Command ipconfig`` shows it (inferred
    version and path: see the module doc)."""
    from .powershell import NATIVE

    key = name.lower().removesuffix(".exe")
    if key not in NATIVE:
        return None
    exe = key + ".exe"
    if key == "docker":
        version = ".".join(host.profile.docker_engine.split(".")[:3]) + ".0"
        return {
            "CommandType": "Application",
            "Name": exe,
            "Version": version,
            "Source": f"C:\\Program Files\\Docker\\{exe}",
        }
    build = host.profile.build
    return {
        "CommandType": "Application",
        "Name": exe,
        "Version": f"10.0.{build}.1",
        "Source": f"C:\\Windows\\system32\\{exe}",
    }


def get_command(inv):
    rows = command_rows(inv.lab)
    names = inv.params.get("Name")
    modules = inv.params.get("Module")
    if modules:
        rows = [r for r in rows if any(fnmatch.fnmatchcase(r["Source"].lower(), m.lower()) for m in modules)]
    if not names:
        return [_public(r) for r in rows if r["CommandType"] != "Alias" or not modules]
    out = []
    for name in names:
        wild = any(ch in name for ch in "*?[")
        found = [r for r in rows if fnmatch.fnmatchcase(r.get("_alias", r["Name"]).lower(), name.lower())]
        if not found and not wild:
            app = application_row(inv.lab, inv.host, name)
            if app is None:
                raise inv.error(
                    f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
                    "program. Check the spelling of the name, or if a path was included, verify that the path is "
                    "correct and try again.",
                    f"ObjectNotFound: ({name}:String) [Get-Command], CommandNotFoundException",
                    "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand",
                )
            found = [app]
        out += [_public(r) for r in found if r not in out]
    return out


def _public(row):
    return {k: v for k, v in row.items() if not k.startswith("_")}


# ---------------------------------------------------------------------------- Get-Help

_TYPES = {
    "string": "string",
    "strings": "string[]",
    "int": "int",
    "bool": "bool",
    "script": "scriptblock",
}


def syntax(cmdlet) -> str:
    """The SYNTAX line of the lab's parameters: positional ones first, in position order
    (``[[-Name] <string>]``), then the named ones, then ``[<CommonParameters>]``."""
    parts = []
    for p in cmdlet.positional:
        parts.append(f"[[-{p}] <{_TYPES[cmdlet.params[p]]}>]")
    for p, kind in cmdlet.params.items():
        if p in cmdlet.positional:
            continue
        parts.append(f"[-{p}]" if kind == "switch" else f"[-{p} <{_TYPES[kind]}>]")
    return cmdlet.name + " " + " ".join(parts) + ("  " if parts else "") + "[<CommonParameters>]"


def _wrap(text, indent="    ", width=fmt.WIDTH - 1):
    lines, line = [], indent
    for word in text.split(" "):
        candidate = line + (" " if line.strip() else "") + word if word else line + " "
        if len(candidate) > width and line.strip():
            lines.append(line.rstrip())
            line = indent + word
        else:
            line = candidate
    lines.append(line.rstrip())
    return "\n".join(lines)


def help_text(cmdlet) -> str:
    _, aliases, _ = _tables()
    names = sorted(a for a, t in aliases.items() if t == cmdlet.name.lower())
    return "\n".join(
        [
            "",
            "NAME",
            f"    {cmdlet.name}",
            "",
            "SYNTAX",
            _wrap(syntax(cmdlet)),
            "",
            "",
            "ALIASES",
            *([f"    {a}" for a in names] or ["    None"]),
            "",
            "",
            "REMARKS",
            "    Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help.",
            "        -- To download and install Help files for the module that includes this cmdlet, use Update-Help.",
            "",
            "",
        ]
    )


def get_help(inv):
    from .powershell import find_cmdlet

    name = inv.params.get("Name") or "Get-Help"
    cmdlet = find_cmdlet(name)
    if cmdlet is None:
        raise inv.error(
            f"Get-Help could not find {name} in a help file in this session. To download updated help topics type: "
            '"Update-Help". To get help online, search for the help topic in the TechNet library at '
            "https:/go.microsoft.com/fwlink/?LinkID=107116.",
            "ResourceUnavailable: (:) [Get-Help], HelpNotFoundException",
            "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand",
        )
    return [help_text(cmdlet)]


def clear_host(inv):
    """``cls``: the console is cleared; nothing is printed (the shell clears a terminal)."""
    return []


# ---------------------------------------------------------------------------- Get-ComputerInfo

RELEASES = {
    14393: ("1607", "rs1_release"),
    17763: ("1809", "rs5_release"),
    20348: ("2009", "fe_release"),
    26100: ("2009", "ge_release"),
}


def get_computerinfo(inv):
    """The first properties of ``Get-ComputerInfo`` that say which Windows this is, in the
    order a real host lists them (a real host prints about 190; the lab keeps these)."""
    profile = inv.host.profile
    release, branch = RELEASES.get(profile.build, ("", ""))
    name = inv.host.name.upper()
    product = f"{profile.title} Datacenter"
    info = {
        "WindowsBuildLabEx": f"{profile.build}.1.amd64fre.{branch}",
        "WindowsCurrentVersion": "6.3",
        "WindowsEditionId": "ServerDatacenter",
        "WindowsInstallationType": "Server",
        "WindowsProductName": product,
        "WindowsSystemRoot": "C:\\Windows",
        "WindowsVersion": release,
        "CsDNSHostName": inv.host.name,
        "CsDomain": "WORKGROUP",
        "CsName": name,
        "CsPartOfDomain": False,
        "CsWorkgroup": "WORKGROUP",
        "OsName": f"Microsoft {product}",
        "OsType": "WINNT",
        "OsVersion": f"10.0.{profile.build}",
        "OsBuildNumber": str(profile.build),
        "OsSystemDirectory": "C:\\Windows\\system32",
        "OsArchitecture": "64-bit",
        "OsLanguage": "en-US",
        "HyperVisorPresent": True,
    }
    props = inv.params.get("Property")
    if props:
        keys = [k for k in info if any(fnmatch.fnmatchcase(k.lower(), p.lower()) for p in props)]
        info = {k: info[k] for k in keys}
    return [info]


def cmdlets(Cmdlet):
    """The entries of these commands in the cmdlet table."""
    return (
        Cmdlet(
            "Get-Command",
            get_command,
            {"Name": "strings", "Module": "strings"},
            ("Name",),
            COMMAND_VIEW,
            "Microsoft.PowerShell.Core",
            ("gcm",),
        ),
        Cmdlet(
            "Get-Help",
            get_help,
            {"Name": "string"},
            ("Name",),
            ("auto", None),
            "Microsoft.PowerShell.Core",
            ("help", "man"),
        ),
        Cmdlet("Clear-Host", clear_host, {}, (), ("auto", None), "", ("cls", "clear")),
        Cmdlet(
            "Get-ComputerInfo",
            get_computerinfo,
            {"Property": "strings"},
            ("Property",),
            ("list", None),
            "Microsoft.PowerShell.Management",
        ),
    )
