"""The PowerShell front: the cmdlets a Windows container host answers, as Windows PowerShell 5.1.

``lab.powershell("Get-VMSwitch")`` runs one pipeline on a host: a cmdlet (Hyper-V,
NetAdapter, NetTCPIP, NetNat, NetSecurity, the HNS helper module, services), a native
command (``docker …``, ``vfpctrl …``) or a PowerShell parse error, then the pipeline
cmdlets of ``ps_pipeline`` (``Where-Object``, ``Select-Object``, ``Sort-Object``,
``Format-Table`` …) and ``Select-String``/``findstr``.  Every cmdlet's parameters bind the
PowerShell way (names, unambiguous prefixes, positions, ``a, b`` arrays, script blocks).
Cmdlets return objects; the console formats them the PowerShell way (see ``psformat``);
a native program's output travels the pipeline as lines of text.  Errors are PowerShell
error records, never Python exceptions; where it teaches something, a hint goes to
``CommandResult.hints`` (never into the output).

Simplifications: only the parameters listed for each cmdlet exist; ``Get-NetFirewallRule``
lists a few of Windows' built-in rules, the lab's swarm rules, the administrator's and the
ones HNS created for published ports (a real host has hundreds more); ``Remove-VMSwitch``
does not ask for confirmation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine.docker_container import Container
    from ..engine.host import Host
    from ..engine.lab import Lab

from dataclasses import dataclass, field

from ..dumps import export
from ..engine.errors import WinNetLabError
from ..engine.hyperv import Adapter
from . import ps_format as fmt
from . import ps_host, ps_net, ps_netconfig, ps_pipeline, ps_script, ps_system
from .command import CommandResult, QuoteError, hint_tuple, powershell_parse_error, stage_spans, tokenize
from .ps_pipeline import render


class PSError(Exception):
    """A PowerShell error record (already formatted)."""

    def __init__(self, text, hint=None):
        super().__init__(text)
        self.text = text
        self.hint = hint


@dataclass
class Invocation:
    """One cmdlet call: its name as typed, bound parameters, and the line for error records.

    ``span`` is where this pipeline stage stands in ``line`` (error records point there);
    ``raw`` the text typed for each bound parameter; ``node`` is where it runs (a
    container, for ``powershell`` inside one); ``warnings`` are printed before the output
    (``WARNING: …``); ``hints`` go to CommandResult.hints."""

    name: str
    params: dict
    line: str
    host: object
    lab: object
    tokens: list = field(default_factory=list)
    node: object = None
    warnings: list = field(default_factory=list)
    hints: list = field(default_factory=list)
    span: tuple = (0, 0)
    raw: dict = field(default_factory=dict)

    def error(self, message, category, fqid, target="", hint=None, token=None):
        start, end = self.span if self.span != (0, 0) else (0, len(self.line.split("|")[0].rstrip()))
        at = self.line.find(token, start, end) if token else -1
        if at >= 0:
            start, end = at, at + len(token)
        return PSError(
            fmt.error_record(self.name, message, self.line, category, fqid, target, start + 1, end - start),
            hint,
        )

    def failure(self, text):
        """A PSError of already formatted records (several non-terminating errors)."""
        return PSError(text)

    def parse(self, block):
        """A script block's expression tree, or PowerShell's parse error."""
        try:
            return ps_script.parse(block.body)
        except ps_script.ScriptError as e:
            raise self.script_error(e, parse=True) from None

    def evaluate(self, node, obj):
        return self.guard(ps_script.evaluate, node, obj)

    def guard(self, fn, *args):
        """Run a comparison or evaluation; a conversion failure is PowerShell's error record."""
        try:
            return fn(*args)
        except ps_script.ScriptError as e:
            raise self.script_error(e) from None

    def script_error(self, e, parse=False):
        if e.message.startswith("The term "):
            return not_recognized(e.token, self.line, self.line.find(e.token, self.span[0]))
        at = self.line.find(e.token, self.span[0]) if e.token else -1
        start = at + 1 if at >= 0 else self.span[0] + 1
        if parse:
            width = max(1, len(e.token))
            if e.fqid == "ExpectedValueExpression":  # PowerShell points just after the operator
                start, width = start + len(e.token), 1
            return PSError(
                "\n".join(
                    [
                        f"At line:1 char:{start}",
                        f"+ {self.line}",
                        "+ " + " " * (start - 1) + "~" * width,
                        e.message,
                        "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
                        f"    + FullyQualifiedErrorId : {e.fqid}",
                    ]
                )
            )
        failed = e.fqid == "ComparisonFailure"
        return PSError(
            fmt.error_record(
                "",
                e.message,
                self.line,
                f"{'InvalidOperation' if failed else 'InvalidArgument'}: (:) [], RuntimeException",
                e.fqid if failed else "InvalidCastFromStringToInteger",
                start=start,
                length=max(1, len(e.token)),
            )
        )


@dataclass(frozen=True)
class Cmdlet:
    """A cmdlet: parameters (name -> kind "string"/"strings"/"switch"/"int"/"bool"/"script"),
    positional order, run, view, module (its ``Get-Command`` source)."""

    name: str
    run: object
    params: dict
    positional: tuple = ()
    view: tuple = ("list", None)  # ("table", columns) or ("list", properties or None)
    module: str = ""
    aliases: tuple = ()
    pipe: object = None  # run(inv, objects) when objects are piped into the cmdlet
    stage: object = None  # stage(inv, objects, view) -> (objects, view, text): pipeline cmdlets


# ---------------------------------------------------------------------------- entry point


def powershell(
    lab: Lab, cmd: str, host: str | Host | None = None, container: Container | None = None
) -> CommandResult:
    """Run one PowerShell pipeline on ``host`` (default: the lab's first host), or inside
    ``container`` (a Container on that host: only the cmdlets and programs a container has)."""
    line = str(cmd).strip()
    try:
        h = lab.host(host)
    except WinNetLabError as e:
        return CommandResult(line, e.message, 1)
    try:
        stages = tokenize(line, scriptblocks=True)
    except QuoteError as e:
        return CommandResult(line, powershell_parse_error(line, e), 1)
    if any(not s for s in stages[1:]) or (len(stages) > 1 and not stages[0]):
        col = line.index("|") + 1
        return CommandResult(
            line,
            "\n".join(
                [
                    f"At line:1 char:{col}",
                    f"+ {line}",
                    "+ " + " " * (col - 1) + "~",
                    "An empty pipe element is not allowed.",
                    "    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException",
                    "    + FullyQualifiedErrorId : EmptyPipeElement",
                ]
            ),
            1,
        )
    if not stages[0]:
        return CommandResult(line, "", 0)
    try:
        output, code, hints = run_pipeline(lab, h, line, stages, container)
    except PSError as e:
        return CommandResult(line, e.text, 1, hint_tuple(e.hint))
    return CommandResult(line, output, code, hints)


def run_pipeline(lab, host, line, stages, container=None):
    """Run the stages: a native program's output reaches the next stage as lines of text,
    a cmdlet's as objects; the last stage's objects are formatted for the console."""
    from . import nettools
    from .ps_net import CONTAINER_CMDLETS

    spans = stage_spans(line)
    first = stages[0]
    name = first[0]
    node = nettools.Node(lab, host, container)
    native = NATIVE.get(name.lower())
    if native is not None and container is not None and name.lower() not in _CONTAINER_NATIVE:
        native = None
    if native is not None:
        text, code, hints = native(lab, host, first[1:], node)
        if len(stages) == 1:
            return text, code, hints
        objects, view, warn = (text.split("\n") if text else []), ps_pipeline.AUTO, ""
    else:
        cmdlet = find_cmdlet(name)
        if cmdlet is None or (container is not None and cmdlet.name.lower() not in CONTAINER_CMDLETS):
            raise not_recognized(name, line)
        inv = bind(cmdlet, first, line, host, lab, spans[0])
        inv.node = node
        code = 0
        if cmdlet.run is None:
            objects, view, text = cmdlet.stage(inv, [], cmdlet.view)
            if text is not None:
                objects, view = [text], ps_pipeline.AUTO
        else:
            objects, view = cmdlet.run(inv), cmdlet.view
        warn = "".join(f"WARNING: {w}\n" for w in inv.warnings)
        hints = hint_tuple(*inv.hints)
    for stage, span in zip(stages[1:], spans[1:]):
        objects, view, text = object_filter(lab, host, line, stage, objects, view, span)
        if text is not None:
            objects, view = [text], ps_pipeline.AUTO
    body = render(objects, view)
    return (warn + "\n" + body if warn else body), code, hints


def not_recognized(name, line, at=-1):
    """PowerShell's CommandNotFoundException record for ``name`` (at ``at`` in the line)."""
    at = line.find(name) if at < 0 else at
    return PSError(
        fmt.error_record(
            name,
            f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
            "program. Check the spelling of the name, or if a path was included, verify that the path is correct and "
            "try again.",
            line,
            f"ObjectNotFound: ({name}:String) [], CommandNotFoundException",
            "CommandNotFoundException",
            start=max(at, 0) + 1,
            length=len(name),
        )
    )


# ---------------------------------------------------------------------------- parameters


def find_cmdlet(name):
    key = name.lower()
    return CMDLETS.get(key) or CMDLETS.get(CMDLET_ALIASES.get(key, ""))


def bind(cmdlet, words, line, host, lab, span=(0, 0)):
    """Bind ``-Name value``, ``-Name:value``, switches and positionals like PowerShell: a
    name may be any unambiguous prefix, ``a, b`` is one array argument, and a script
    block goes to the cmdlet's script-block parameter."""
    inv = Invocation(
        cmdlet.name if words[0].lower() == cmdlet.name.lower() else words[0], {}, line, host, lab, span=span
    )
    names = {p.lower(): p for p in cmdlet.params}
    positional = list(cmdlet.positional)
    i, args = 0, _join_arrays(words[1:])
    while i < len(args):
        a = args[i]
        i += 1
        if _is_parameter(a):
            raw, colon, value = a[1:].partition(":")
            pname = _resolve(names, raw, inv, a)
            kind = cmdlet.params[pname]
            if kind == "switch":
                inv.params[pname] = _switch_value(value) if colon else True
                continue
            if not colon:
                if i >= len(args) or _is_parameter(args[i]):
                    raise inv.error(
                        f"Missing an argument for parameter '{pname}'. Specify a parameter of type "
                        f"'{_type_name(kind)}' and try again.",
                        f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
                        f"MissingArgument,{fqid_tail(cmdlet)}",
                        token=a,
                    )
                value, i = args[i], i + 1
            inv.params[pname] = _convert(value, kind, pname, inv)
            inv.raw[pname] = value
            if pname in positional:
                positional.remove(pname)
        else:
            script = next(
                (p for p, k in cmdlet.params.items() if k == "script" and p not in inv.params), None
            )
            if isinstance(a, ps_script.ScriptBlock) and script is not None:
                inv.params[script] = a
                continue
            while positional and positional[0] in inv.params:
                positional.pop(0)
            if not positional:
                raise inv.error(
                    f"A positional parameter cannot be found that accepts argument '{a}'.",
                    f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
                    f"PositionalParameterNotFound,{fqid_tail(cmdlet)}",
                    token=a,
                )
            pname = positional.pop(0)
            inv.params[pname] = _convert(a, cmdlet.params[pname], pname, inv)
            inv.raw[pname] = a
    return inv


def _is_parameter(word):
    return (
        word.startswith("-")
        and len(word) > 1
        and not _is_number(word)
        and not isinstance(word, ps_script.ScriptBlock)
    )


def _join_arrays(args):
    """``Name, Type`` and ``Name ,Type`` are one argument (an array) in PowerShell."""
    out = []
    for a in args:
        if out and not isinstance(a, ps_script.ScriptBlock) and (out[-1].endswith(",") or a.startswith(",")):
            out[-1] = out[-1] + a
        else:
            out.append(a)
    return out


def _is_number(text):
    return text[1:].replace(".", "", 1).isdigit()


def _resolve(names, raw, inv, token):
    low = raw.lower()
    if low in names:
        return names[low]
    matches = sorted(n for n in names if n.startswith(low)) if low else []
    if len(matches) == 1:
        return names[matches[0]]
    if len(matches) > 1:
        raise inv.error(
            f"Parameter cannot be processed because the parameter name '{raw}' is ambiguous. "
            f"Possible matches include: {' '.join('-' + names[m] for m in matches)}.",
            f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
            f"AmbiguousParameter,{fqid_tail(find_cmdlet(inv.name))}",
            token=token,
        )
    raise inv.error(
        f"A parameter cannot be found that matches parameter name '{raw}'.",
        f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
        f"NamedParameterNotFound,{fqid_tail(find_cmdlet(inv.name))}",
        token=token,
    )


def _switch_value(value):
    return value.lower() not in ("$false", "false", "0")


def _type_name(kind):
    return {
        "string": "System.String",
        "strings": "System.String[]",
        "int": "System.Int32",
        "bool": "System.Boolean",
    }.get(kind, "System.String")


def _convert(value, kind, pname, inv):
    if kind == "int":
        if not value.lstrip("-").isdigit() or abs(int(value)) > 2147483647:
            raise inv.error(
                f"Cannot bind parameter '{pname}'. Cannot convert value \"{value}\" to type "
                '"System.Int32". Error: "Input string was not in a correct format."',
                f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
                f"CannotConvertArgumentNoMessage,{fqid_tail(find_cmdlet(inv.name))}",
                token=value,
            )
        return int(value)
    if kind == "bool":
        return value.lower() in ("$true", "true", "1")
    if kind == "strings":
        return [v for v in value.split(",") if v != ""]
    if kind == "script" and not isinstance(value, ps_script.ScriptBlock):
        raise inv.error(
            f'Cannot bind parameter \'{pname}\'. Cannot convert the "{value}" value of type "System.String" to '
            'type "System.Management.Automation.ScriptBlock".',
            f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
            f"CannotConvertArgumentNoMessage,{fqid_tail(find_cmdlet(inv.name))}",
            token=value,
        )
    return value


def fqid_tail(cmdlet):
    """The part after the comma of a FullyQualifiedErrorId: a compiled cmdlet's class
    (``Microsoft.PowerShell.Commands.SelectObjectCommand``; Hyper-V's classes have no
    ``Command`` suffix), a function's own name (``Get-NetAdapter``)."""
    return MODULES[cmdlet.module].error_id(cmdlet.name)


# ---------------------------------------------------------------------------- pipeline filters


def object_filter(lab, host, line, stage, objects, view, span=(0, 0)):
    """Apply one pipeline stage; returns (objects, view, text or None)."""
    name = stage[0].lower()
    if name in ("select-string", "sls", "findstr"):
        text = (
            "\n".join(o for o in objects if isinstance(o, str)) if _lines(objects) else render(objects, view)
        )
        return objects, view, text_filter(stage, text)
    piped = find_cmdlet(stage[0])
    if piped is not None and piped.stage is not None:
        return piped.stage(bind(piped, stage, line, host, lab, span), objects, view)
    if piped is not None and piped.pipe is not None:
        inv = bind(piped, stage, line, host, lab, span)
        return piped.pipe(inv, objects), piped.view, None
    if piped is None:
        raise not_recognized(stage[0], line, span[0])
    raise PSError(
        fmt.error_record(
            stage[0],
            "The input object cannot be bound to any parameters for the command either because the command "
            "does not take pipeline input or the input and its properties do not match any of the parameters that "
            "take pipeline input.",
            line,
            f"InvalidArgument: (:PSObject) [{stage[0]}], ParameterBindingException",
            "InputObjectNotBound",
            start=span[0] + 1,
            length=span[1] - span[0],
        )
    )


def _lines(objects):
    return all(not isinstance(o, dict) for o in objects)


def text_filter(stage, text):
    """``Select-String`` / ``findstr`` over text: the lines that contain the pattern
    (case-insensitive; a simplification of both)."""
    words = [a for a in stage[1:] if not a.startswith(("-", "/"))]
    if not words:
        return text
    pattern = words[0].lower()
    return "\n".join(l for l in text.split("\n") if pattern in l.lower())


# ---------------------------------------------------------------------------- native commands


def native_docker(lab, host, args, node=None):
    """``docker …`` typed at the prompt: ``(output, exit code, hints)``."""
    from .docker import Context, execute

    ctx = Context(lab, host)
    ctx.code = execute(ctx, args)
    result = ctx.result("")
    return result.output, result.exit_code, result.hints


def native_vfpctrl(lab, host, args, node=None):
    from .vfpctrl import vfpctrl

    return (*vfpctrl(host, args), ())


def native_windows(name):
    def run(lab, host, args, node=None):
        from . import nettools

        output, code, hints = nettools.program(node or nettools.Node(lab, host), name, args)
        return output, code, hint_tuple(*hints)

    return run


NATIVE = {
    "docker": native_docker,
    "docker.exe": native_docker,
    "vfpctrl": native_vfpctrl,
    "vfpctrl.exe": native_vfpctrl,
}
WINDOWS_PROGRAMS = ("ipconfig", "route", "hostname", "ping", "tracert", "nslookup", "netstat", "whoami")
NATIVE.update({n: native_windows(n) for n in WINDOWS_PROGRAMS})
NATIVE.update({n + ".exe": native_windows(n) for n in WINDOWS_PROGRAMS + ("curl",)})
_CONTAINER_NATIVE = frozenset(WINDOWS_PROGRAMS) | {n + ".exe" for n in WINDOWS_PROGRAMS + ("curl",)}


# ---------------------------------------------------------------------------- Hyper-V

HYPERV = "Microsoft.HyperV.PowerShell.Commands"


def switch_object(host, sw):
    adapter = host.adapters.get(sw.adapter) if sw.adapter else None
    return {
        "Name": sw.name,
        "Id": sw.id.lower(),
        "SwitchType": sw.switch_type,
        "AllowManagementOS": sw.allow_management_os,
        "NetAdapterInterfaceDescription": adapter.description if adapter else None,
        "NetAdapterInterfaceDescriptions": [adapter.description] if adapter else [],
        "IovEnabled": False,
        "EmbeddedTeamingEnabled": False,
    }


SWITCH_VIEW = (
    "table",
    [
        ("Name", "Name", None, "left"),
        ("SwitchType", "SwitchType", 10, "left"),
        ("NetAdapterInterfaceDescription", "NetAdapterInterfaceDescription", None, "left"),
    ],
)


def get_vmswitch(inv):
    switches = _named(
        inv,
        inv.host.vswitches.values(),
        lambda name: inv.error(
            f'Hyper-V was unable to find a virtual switch with name "{name}".',
            f"InvalidArgument: ({name}:String) [Get-VMSwitch], VirtualizationException",
            f"InvalidParameter,{HYPERV}.GetVMSwitch",
        ),
    )
    kind = inv.params.get("SwitchType")
    if kind is not None:
        switches = [s for s in switches if s.switch_type.lower() == kind.lower()]
    return [switch_object(inv.host, s) for s in switches]


def _like(text, pattern):
    import fnmatch

    return fnmatch.fnmatchcase(text.lower(), pattern.lower())


def _has_wildcard(text):
    return any(c in text for c in "*?[")


def new_vmswitch(inv):
    p = inv.params
    name = p.get("Name")
    if not name:
        raise inv.error(
            "Cannot validate argument on parameter 'Name'. The argument is null or empty. Provide an "
            "argument that is not null or empty, and then try the command again.",
            "InvalidData: (:) [New-VMSwitch], ParameterBindingValidationException",
            f"ParameterArgumentValidationError,{HYPERV}.NewVMSwitch",
        )
    adapter = p.get("NetAdapterName")
    kind = p.get("SwitchType")
    if adapter and kind:
        raise inv.error(
            "Parameter set cannot be resolved using the specified named parameters.",
            "InvalidArgument: (:) [New-VMSwitch], ParameterBindingException",
            f"AmbiguousParameterSet,{HYPERV}.NewVMSwitch",
        )
    if not adapter and not kind:
        raise inv.error(
            "Cannot process command because of one or more missing mandatory parameters: SwitchType.",
            "InvalidArgument: (:) [New-VMSwitch], ParameterBindingException",
            f"MissingMandatoryParameter,{HYPERV}.NewVMSwitch",
        )
    kind = "External" if adapter else kind.capitalize()
    try:
        sw = inv.host.add_vswitch(name, switch_type=kind, adapter=adapter)
    except WinNetLabError as e:
        raise inv.error(
            e.message,
            "InvalidOperation: (:) [New-VMSwitch], VirtualizationException",
            f"Unspecified,{HYPERV}.NewVMSwitch",
            hint=e.hint,
        ) from None
    return [switch_object(inv.host, sw)]


def remove_vmswitch(inv):
    name = inv.params.get("Name")
    if not name:
        raise inv.error(
            "Cannot process command because of one or more missing mandatory parameters: Name.",
            "InvalidArgument: (:) [Remove-VMSwitch], ParameterBindingException",
            f"MissingMandatoryParameter,{HYPERV}.RemoveVMSwitch",
        )
    try:
        inv.host.remove_vswitch(name)
    except WinNetLabError as e:
        raise inv.error(
            e.message,
            f"InvalidArgument: ({name}:String) [Remove-VMSwitch], VirtualizationException",
            f"InvalidParameter,{HYPERV}.RemoveVMSwitch",
            hint=e.hint,
        ) from None
    return []


# ---------------------------------------------------------------------------- adapters and addresses


def adapter_object(a, host=None):
    """``MSFT_NetAdapter``: a vNIC of an external switch reports its physical NIC's speed."""
    physical = a.physical
    if not physical and host is not None and a.vswitch in host.vswitches:
        physical = host.vswitches[a.vswitch].adapter is not None
    return {
        "Name": a.name,
        "InterfaceDescription": a.description,
        "ifIndex": a.if_index,
        "Status": "Up",
        "MacAddress": a.mac_address,
        "LinkSpeed": "1 Gbps" if physical else "10 Gbps",
        "MediaType": "802.3",
        "PhysicalMediaType": "802.3" if a.physical else "Unspecified",
        "AdminStatus": "Up",
        "MediaConnectionState": "Connected",
        "Virtual": not a.physical,
    }


ADAPTER_VIEW = (
    "table",
    [
        ("Name", "Name", 25, "left"),
        ("InterfaceDescription", "InterfaceDescription", 39, "left"),
        ("ifIndex", "ifIndex", 7, "right"),
        ("Status", "Status", 12, "left"),
        ("MacAddress", "MacAddress", 22, "left"),
        ("LinkSpeed", "LinkSpeed", 12, "right"),
    ],
)


def _container_adapters(inv):
    """The vNICs a container sees (``vEthernet (Ethernet)`` …), as adapters, or None on the host."""
    if inv.node is None or inv.node.c is None:
        return None
    return [
        Adapter(
            name=a["name"],
            mac_address=a["mac"],
            description=a["description"],
            physical=False,
            if_index=a["index"],
        )
        for a in inv.node.adapters()
    ]


def get_netadapter(inv):
    inside = _container_adapters(inv)
    adapters = _named(
        inv,
        inv.host.adapters.values() if inside is None else inside,
        lambda name: inv.error(
            f"No MSFT_NetAdapter objects found with property 'Name' equal to '{name}'.  Verify the value of the "
            "property and retry.",
            f"ObjectNotFound: ({name}:String) [Get-NetAdapter], CimJobException",
            "CmdletizationQuery_NotFound_Name,Get-NetAdapter",
        ),
    )
    return [adapter_object(a, inv.host) for a in adapters]


def _named(inv, objects, not_found):
    """Objects sorted by name, filtered by ``-Name`` (wildcards allowed) as the cmdlets do:
    a plain name that matches nothing is an error, a wildcard that matches nothing is not."""
    objects = sorted(objects, key=lambda o: o.name.lower())
    name = inv.params.get("Name")
    if name is None:
        return objects
    found = [o for o in objects if _like(o.name, name)]
    if not found and not _has_wildcard(name):
        raise not_found(name)
    return found


IP_PROPS = [
    "IPAddress",
    "InterfaceIndex",
    "InterfaceAlias",
    "AddressFamily",
    "Type",
    "PrefixLength",
    "PrefixOrigin",
    "SuffixOrigin",
    "AddressState",
    "ValidLifetime",
    "PreferredLifetime",
    "SkipAsSource",
    "PolicyStore",
]


INFINITE = "Infinite ([TimeSpan]::MaxValue)"
# How an IPv4 address came about: (PrefixOrigin, SuffixOrigin, lifetime).  A DHCP lease shows
# its lifetime (Windows Server's DHCP service leases for 8 days by default: the lab's LAN server
# is assumed to as well, and the lease was just obtained); an APIPA address shows WellKnown /
# Link and an infinite lifetime (public Get-NetIPAddress output of a 169.254 address).
_ORIGINS = {
    "manual": ("Manual", "Manual", INFINITE),
    "dhcp": ("Dhcp", "Dhcp", "8.00:00:00"),
    "apipa": ("WellKnown", "Link", INFINITE),
    "loopback": ("WellKnown", "WellKnown", INFINITE),  # 127.0.0.1 and ::1 (public samples)
}


def ip_object(ip, prefix, index, alias, origin="manual"):
    prefix_origin, suffix_origin, lifetime = _ORIGINS[origin]
    return {
        "IPAddress": str(ip),
        "InterfaceIndex": index,
        "InterfaceAlias": alias,
        "AddressFamily": "IPv4",
        "Type": "Unicast",
        "PrefixLength": prefix,
        "PrefixOrigin": prefix_origin,
        "SuffixOrigin": suffix_origin,
        "AddressState": "Preferred",
        "ValidLifetime": lifetime,
        "PreferredLifetime": lifetime,
        "SkipAsSource": False,
        "PolicyStore": "ActiveStore",
    }


def _origin(adapter):
    """``manual``, ``dhcp`` or ``apipa`` for an adapter dict of ``Node.adapters()``."""
    ep = adapter["endpoint"]
    if ep is None or ep.ip_address is not None:
        return "manual"
    return "dhcp" if ep.dhcp_lease is not None else "apipa"


def link_local_object(address, index, alias):
    """An IPv6 link-local ``MSFT_NetIPAddress`` (the ``fe80::`` that ``ipconfig`` shows)."""
    return {
        **ip_object(address, 64, index, alias),
        "AddressFamily": "IPv6",
        "PrefixOrigin": "WellKnown",
        "SuffixOrigin": "Link",
    }


def get_netipaddress(inv):
    """IPv6 addresses first (the link-local of every adapter with an address, then ``::1``),
    then IPv4, as Windows lists them."""
    from .in_container import link_local

    adapters = [a for a in inv.node.adapters() if a["ip"] is not None]
    v6 = [link_local_object(link_local(a["mac"], a["index"]), a["index"], a["name"]) for a in adapters]
    v6.append(
        {**ip_object("::1", 128, 1, "Loopback Pseudo-Interface 1", "loopback"), "AddressFamily": "IPv6"}
    )
    v4 = [ip_object(a["ip"], a["prefix"].prefixlen, a["index"], a["name"], _origin(a)) for a in adapters]
    v4.append(ip_object("127.0.0.1", 8, 1, "Loopback Pseudo-Interface 1", "loopback"))
    family = (inv.params.get("AddressFamily") or "").lower()
    rows = v6 if family == "ipv6" else v4 if family == "ipv4" else v6 + v4
    alias = inv.params.get("InterfaceAlias")
    if alias is not None:
        rows = [r for r in rows if _like(r["InterfaceAlias"], alias)]
        if not rows and not _has_wildcard(alias):
            raise inv.error(
                f"No matching MSFT_NetIPAddress objects found by CIM query for instances of the "
                "ROOT/StandardCimv2/MSFT_NetIPAddress class on the  CIM server: SELECT * FROM "
                f"MSFT_NetIPAddress  WHERE ((InterfaceAlias LIKE '{alias}')). Verify query parameters "
                "and retry.",
                "ObjectNotFound: (MSFT_NetIPAddress:String) [Get-NetIPAddress], CimJobException",
                "CmdletizationQuery_NotFound,Get-NetIPAddress",
            )
    index = inv.params.get("InterfaceIndex")
    if index is not None:
        rows = [r for r in rows if r["InterfaceIndex"] == index]
    return rows


# ---------------------------------------------------------------------------- WinNAT and firewall


def get_netnat(inv):
    rows = get_netnat_rows(inv.host)
    name = inv.params.get("Name")
    return [r for r in rows if name is None or _like(r["Name"], name)]


def get_netnat_rows(host):
    """``MSFT_NetNat`` of every WinNAT instance on the host."""
    return [
        {
            "Name": n.name,
            "ExternalIPInterfaceAddressPrefix": None,
            "InternalIPInterfaceAddressPrefix": n.internal_interface_prefix,
            "IcmpQueryTimeout": 30,
            "TcpEstablishedConnectionTimeout": 1800,
            "TcpTransientConnectionTimeout": 120,
            "TcpFilteringBehavior": "AddressDependentFiltering",
            "UdpFilteringBehavior": "AddressDependentFiltering",
            "UdpIdleSessionTimeout": 120,
            "UdpInboundRefresh": False,
            "Store": "Local",
            "Active": True,
        }
        for n in host.nat
    ]


def get_netnatstaticmapping(inv):
    rows = [
        {
            "StaticMappingID": m.mapping_id,
            "NatName": m.nat_name,
            "Protocol": m.protocol,
            "RemoteExternalIPAddressPrefix": "0.0.0.0/0",
            "ExternalIPAddress": m.external_ip,
            "ExternalPort": m.external_port,
            "InternalIPAddress": str(m.internal_ip),
            "InternalPort": m.internal_port,
            "InternalRoutingDomainId": "{00000000-0000-0000-0000-000000000000}",
            "Active": True,
        }
        for m in inv.host.nat_mappings
    ]
    name = inv.params.get("NatName")
    return [r for r in rows if name is None or _like(r["NatName"], name)]


def get_netcompartment(inv):
    rows = [
        {
            "CompartmentId": 1,
            "CompartmentDescription": "\\",
            "CompartmentGuid": "{b1062982-2b18-4b4f-b3d5-a78ddb9cdd49}",
        }
    ]
    for ns in sorted(inv.host.namespaces.values(), key=lambda n: n.compartment_id):
        c = inv.host.containers.get(ns.container)
        rows.append(
            {
                "CompartmentId": ns.compartment_id,
                "CompartmentDescription": "\\Container_" + (c.id if c else ns.id.lower()),
                "CompartmentGuid": "{" + ns.id.lower() + "}",
            }
        )
    return rows


# ---------------------------------------------------------------------------- HNS module


def _by_id(inv, objects):
    wanted = inv.params.get("Id")
    return [o for o in objects if wanted is None or o.id.lower() == wanted.lower()]


def get_hnsnetwork(inv):
    nets = sorted(inv.host.hns_networks.values(), key=lambda n: n.id)
    return [export.network_v1(n, inv.host) for n in _by_id(inv, nets)]


def get_hnsendpoint(inv):
    eps = sorted(inv.host.endpoints.values(), key=lambda e: e.id)
    return [export.endpoint_v1(e, inv.host) for e in _by_id(inv, eps)]


def get_hnspolicylist(inv):
    return [export.policylist_v1(pl, inv.host) for pl in sorted(inv.host.policy_lists, key=lambda p: p.id)]


# ---------------------------------------------------------------------------- services

SERVICES = {"hns": "Host Network Service", "docker": "Docker Engine"}


def restart_service(inv):
    name = inv.params.get("Name")
    if not name:
        raise inv.error(
            "Cannot process command because of one or more missing mandatory parameters: Name.",
            "InvalidArgument: (:) [Restart-Service], ParameterBindingException",
            "MissingMandatoryParameter,Microsoft.PowerShell.Commands.RestartServiceCommand",
        )
    if name.lower() not in SERVICES:
        raise inv.error(
            f"Cannot find any service with service name '{name}'.",
            f"ObjectNotFound: ({name}:String) [Restart-Service], ServiceCommandException",
            "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.RestartServiceCommand",
        )
    inv.host.restart_service(name.lower())
    return []


def get_service(inv):
    names = inv.params.get("Name") or sorted(SERVICES)
    rows = []
    for n in names:
        if n.lower() not in SERVICES:
            raise inv.error(
                f"Cannot find any service with service name '{n}'.",
                f"ObjectNotFound: ({n}:String) [Get-Service], ServiceCommandException",
                "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand",
            )
        rows.append({"Status": "Running", "Name": n.lower(), "DisplayName": SERVICES[n.lower()]})
    return rows


# ---------------------------------------------------------------------------- the cmdlet table

CMDLETS = {
    c.name.lower(): c
    for c in (
        Cmdlet(
            "Get-VMSwitch",
            get_vmswitch,
            {"Name": "string", "SwitchType": "string"},
            ("Name",),
            SWITCH_VIEW,
            "Hyper-V",
        ),
        Cmdlet(
            "New-VMSwitch",
            new_vmswitch,
            {
                "Name": "string",
                "NetAdapterName": "string",
                "SwitchType": "string",
                "AllowManagementOS": "bool",
            },
            ("Name",),
            SWITCH_VIEW,
            "Hyper-V",
        ),
        Cmdlet(
            "Remove-VMSwitch",
            remove_vmswitch,
            {"Name": "string", "Force": "switch"},
            ("Name",),
            SWITCH_VIEW,
            "Hyper-V",
        ),
        Cmdlet("Get-NetAdapter", get_netadapter, {"Name": "string"}, ("Name",), ADAPTER_VIEW, "NetAdapter"),
        Cmdlet(
            "Get-NetIPAddress",
            get_netipaddress,
            {
                "IPAddress": "string",
                "InterfaceAlias": "string",
                "InterfaceIndex": "int",
                "AddressFamily": "string",
            },
            ("IPAddress",),
            ("list", IP_PROPS),
            "NetTCPIP",
        ),
        Cmdlet("Get-NetNat", get_netnat, {"Name": "string"}, ("Name",), ("list", None), "NetNat"),
        Cmdlet(
            "Get-NetNatStaticMapping",
            get_netnatstaticmapping,
            {"NatName": "string"},
            ("NatName",),
            ("list", None),
            "NetNat",
        ),
        Cmdlet(
            "Get-NetFirewallRule",
            ps_host.get_netfirewallrule,
            {
                "Name": "string",
                "DisplayName": "string",
                "Direction": "string",
                "Action": "string",
                "Enabled": "string",
            },
            ("Name",),
            ("list", None),
            "NetSecurity",
        ),
        Cmdlet(
            "New-NetFirewallRule",
            ps_host.new_netfirewallrule,
            {
                "DisplayName": "string",
                "Name": "string",
                "Direction": "string",
                "LocalPort": "string",
                "RemoteAddress": "string",
                "Protocol": "string",
                "Action": "string",
                "Enabled": "string",
                "Profile": "string",
            },
            (),
            ("list", None),
            "NetSecurity",
        ),
        Cmdlet(
            "Remove-NetFirewallRule",
            ps_host.remove_netfirewallrule,
            {"Name": "string", "DisplayName": "string"},
            ("Name",),
            ("list", None),
            "NetSecurity",
            pipe=ps_host.remove_netfirewallrule,
        ),
        Cmdlet(
            "Enable-NetFirewallRule",
            ps_host.enable_netfirewallrule,
            {"Name": "string", "DisplayName": "string"},
            ("Name",),
            ("list", None),
            "NetSecurity",
            pipe=ps_host.enable_netfirewallrule,
        ),
        Cmdlet(
            "Disable-NetFirewallRule",
            ps_host.disable_netfirewallrule,
            {"Name": "string", "DisplayName": "string"},
            ("Name",),
            ("list", None),
            "NetSecurity",
            pipe=ps_host.disable_netfirewallrule,
        ),
        Cmdlet(
            "Get-NetFirewallPortFilter",
            lambda inv: [],
            {},
            (),
            ("list", None),
            "NetSecurity",
            pipe=ps_host.pipe_portfilter,
        ),
        Cmdlet(
            "Get-NetFirewallProfile",
            ps_host.get_netfirewallprofile,
            {"Name": "strings", "Profile": "strings"},
            ("Name",),
            ("list", None),
            "NetSecurity",
        ),
        Cmdlet(
            "Set-NetFirewallProfile",
            ps_host.set_netfirewallprofile,
            {"Name": "strings", "Profile": "strings", "Enabled": "string"},
            ("Name",),
            ("list", None),
            "NetSecurity",
        ),
        Cmdlet(
            "Stop-Service",
            ps_host.stop_service,
            {"Name": "string", "Force": "switch"},
            ("Name",),
            ("list", None),
            "Microsoft.PowerShell.Management",
        ),
        Cmdlet(
            "Restart-Computer",
            ps_host.restart_computer,
            {"Force": "switch"},
            (),
            ("list", None),
            "Microsoft.PowerShell.Management",
        ),
        Cmdlet(
            "Remove-HnsEndpoint",
            lambda inv: [],
            {},
            (),
            ("list", None),
            "HNS",
            pipe=ps_host.pipe_remove_hnsendpoint,
        ),
        Cmdlet(
            "Remove-HnsNetwork",
            lambda inv: [],
            {},
            (),
            ("list", None),
            "HNS",
            pipe=ps_host.pipe_remove_hnsnetwork,
        ),
        Cmdlet(
            "Get-NetCompartment", get_netcompartment, {"CompartmentId": "int"}, (), ("list", None), "NetTCPIP"
        ),
        Cmdlet(
            "Get-HnsNetwork", get_hnsnetwork, {"Version": "int", "Id": "string"}, (), ("list", None), "HNS"
        ),
        Cmdlet(
            "Get-HnsEndpoint", get_hnsendpoint, {"Version": "int", "Id": "string"}, (), ("list", None), "HNS"
        ),
        Cmdlet("Get-HnsPolicyList", get_hnspolicylist, {"Version": "int"}, (), ("list", None), "HNS"),
        Cmdlet(
            "Restart-Service",
            restart_service,
            {"Name": "string", "Force": "switch"},
            ("Name",),
            ("list", None),
            "Microsoft.PowerShell.Management",
        ),
        Cmdlet(
            "Get-Service",
            get_service,
            {"Name": "strings"},
            ("Name",),
            (
                "table",
                [
                    ("Status", "Status", 7, "left"),
                    ("Name", "Name", 18, "left"),
                    ("DisplayName", "DisplayName", None, "left"),
                ],
            ),
            "Microsoft.PowerShell.Management",
        ),
    )
}
CMDLETS.update({c.name.lower(): c for c in ps_net.cmdlets(Cmdlet)})
for _module in (ps_pipeline, ps_system, ps_netconfig):
    CMDLETS.update({c.name.lower(): c for c in _module.cmdlets(Cmdlet)})
CMDLET_ALIASES = {alias: c.name.lower() for c in CMDLETS.values() for alias in c.aliases}
CMDLET_ALIASES["gsv"] = "get-service"


@dataclass(frozen=True)
class Module:
    """A PowerShell module as ``Get-Command`` shows it.

    ``namespace`` is the .NET namespace of a binary module's cmdlet classes (their error
    ids end in ``Namespace.VerbNounCommand``); a module of functions (CDXML or script:
    NetAdapter, NetTCPIP, HNS …) has none, and its error ids end in the function's name.
    ``compiled`` names the cmdlets of a mostly-function module that are compiled cmdlets."""

    version: str
    namespace: str = ""
    suffix: str = "Command"
    compiled: tuple = ()

    def command_type(self, name: str) -> str:
        return "Cmdlet" if self.namespace and (not self.compiled or name in self.compiled) else "Function"

    def error_id(self, name: str) -> str:
        if self.command_type(name) == "Function":
            return name
        return f"{self.namespace}.{name.replace('-', '')}{self.suffix}"


# The versions a Windows Server 2019/2022 host with Windows PowerShell 5.1 reports (the
# in-box modules; HNS is the helper module from the PowerShell Gallery / microsoft/SDN,
# imported from its .psm1, which has no manifest and so no version).
MODULES = {
    "Hyper-V": Module("2.0.0.0", HYPERV, suffix=""),
    "NetAdapter": Module("2.0.0.0"),
    "NetTCPIP": Module("1.0.0.0"),
    "NetNat": Module("1.0.0.0"),
    "NetSecurity": Module("2.0.0.0"),
    "DnsClient": Module("1.0.0.0", "Microsoft.DnsClient.Commands", suffix="", compiled=("Resolve-DnsName",)),
    "HNS": Module("0.0"),
    "Microsoft.PowerShell.Management": Module("3.1.0.0", "Microsoft.PowerShell.Commands"),
    "Microsoft.PowerShell.Utility": Module("3.1.0.0", "Microsoft.PowerShell.Commands"),
    "Microsoft.PowerShell.Core": Module("3.0.0.0", "Microsoft.PowerShell.Commands"),
    "": Module(""),  # functions PowerShell defines itself (Clear-Host)
}
