"""The PowerShell front: the cmdlets a Windows container host answers, as Windows PowerShell 5.1.

``lab.powershell("Get-VMSwitch")`` runs one pipeline on a host: a cmdlet (Hyper-V,
NetAdapter, NetTCPIP, NetNat, NetSecurity, the HNS helper module, services), a native
command (``docker …``, ``vfpctrl …``) or a PowerShell parse error, then optionally
``| Format-List``, ``| Format-Table``, ``| Select-Object``, ``| ConvertTo-Json [-Depth N]``
or ``| Select-String``/``findstr``.  Cmdlets return objects; the console formats them the
PowerShell way (see ``psformat``).  Errors are PowerShell error records, never Python
exceptions; where it teaches something, a hint goes to ``CommandResult.hints`` (never into
the output).

Simplifications: only the parameters listed for each cmdlet exist; ``Get-NetFirewallRule``
lists a few of Windows' built-in rules, the lab's swarm rules, the administrator's and the
ones HNS created for published ports (a real host has hundreds more); ``Where-Object``
takes one comparison (``? Prop -eq Value`` or ``? { $_.Prop -eq 'Value' }``);
``Remove-VMSwitch`` does not ask for confirmation.
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
from . import ps_format as fmt
from . import ps_host, ps_net
from .command import CommandResult, QuoteError, hint_tuple, powershell_parse_error, tokenize


class PSError(Exception):
    """A PowerShell error record (already formatted)."""

    def __init__(self, text, hint=None):
        super().__init__(text)
        self.text = text
        self.hint = hint


@dataclass
class Invocation:
    """One cmdlet call: its name as typed, bound parameters, and the line for error records.

    ``node`` is where it runs (a container, for ``powershell`` inside one); ``warnings`` are
    printed before the output (``WARNING: …``); ``hints`` go to CommandResult.hints."""

    name: str
    params: dict
    line: str
    host: object
    lab: object
    tokens: list = field(default_factory=list)
    node: object = None
    warnings: list = field(default_factory=list)
    hints: list = field(default_factory=list)

    def error(self, message, category, fqid, target="", hint=None, token=None):
        start, length = 1, len(self.name)
        if token is not None and token in self.line:
            start, length = self.line.index(token) + 1, len(token)
        else:
            length = len(self.line.split("|")[0].rstrip())
        return PSError(
            fmt.error_record(self.name, message, self.line, category, fqid, target, start, length), hint
        )


@dataclass(frozen=True)
class Cmdlet:
    """A cmdlet: parameters (name -> kind "string"/"switch"/"int"), positional order, run, view."""

    name: str
    run: object
    params: dict
    positional: tuple = ()
    view: tuple = ("list", None)  # ("table", columns) or ("list", properties or None)
    module: str = ""
    aliases: tuple = ()
    pipe: object = None  # run(inv, objects) when objects are piped into the cmdlet


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
        stages = tokenize(line)
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
    from . import nettools
    from .ps_net import CONTAINER_CMDLETS

    first = stages[0]
    name = first[0]
    node = nettools.Node(lab, host, container)
    native = NATIVE.get(name.lower())
    if native is not None and container is not None and name.lower() not in _CONTAINER_NATIVE:
        native = None
    if native is not None:
        text, code, hints = native(lab, host, first[1:], node)
        for stage in stages[1:]:
            text = text_filter(lab, host, line, stage, text)
        return text, code, hints
    cmdlet = find_cmdlet(name)
    if cmdlet is None or (container is not None and cmdlet.name.lower() not in CONTAINER_CMDLETS):
        raise not_recognized(name, line)
    inv = bind(cmdlet, first, line, host, lab)
    inv.node = node
    objects = cmdlet.run(inv)
    warn = "".join(f"WARNING: {w}\n" for w in inv.warnings)
    hints = hint_tuple(*inv.hints)
    view = cmdlet.view
    for stage in stages[1:]:
        objects, view, text = object_filter(lab, host, line, stage, objects, view)
        if text is not None:
            rest = stages[stages.index(stage) + 1 :]
            for s in rest:
                text = text_filter(lab, host, line, s, text)
            return warn + text, 0, hints
    body = render(objects, view)
    return (warn + "\n" + body if warn else body), 0, hints


def not_recognized(name, line):
    return PSError(
        fmt.error_record(
            name,
            f"The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable "
            "program. Check the spelling of the name, or if a path was included, verify that the path is correct and "
            "try again.",
            line,
            f"ObjectNotFound: ({name}:String) [], CommandNotFoundException",
            "CommandNotFoundException",
            length=len(name),
        )
    )


def render(objects, view):
    """Objects as the console shows them: a table with one blank line before it and two
    after, a list with two before and three after (what PowerShell 5.1 prints between the
    command and the next prompt; sample 03); nothing at all for no objects."""
    if not objects:
        return ""
    kind, spec = view
    if kind == "table":
        return "\n" + fmt.format_table(objects, spec) + "\n\n"
    return "\n\n" + fmt.format_list(objects, spec) + "\n\n\n"


# ---------------------------------------------------------------------------- parameters


def find_cmdlet(name):
    key = name.lower()
    return CMDLETS.get(key) or CMDLETS.get(CMDLET_ALIASES.get(key, ""))


def bind(cmdlet, words, line, host, lab):
    """Bind ``-Name value``, ``-Name:value``, switches and positionals like PowerShell."""
    inv = Invocation(
        cmdlet.name if words[0].lower() == cmdlet.name.lower() else words[0], {}, line, host, lab
    )
    names = {p.lower(): p for p in cmdlet.params}
    positional = list(cmdlet.positional)
    i, args = 0, words[1:]
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("-") and len(a) > 1 and not _is_number(a):
            raw, colon, value = a[1:].partition(":")
            pname = _resolve(names, raw, inv, a)
            kind = cmdlet.params[pname]
            if kind == "switch":
                inv.params[pname] = _switch_value(value) if colon else True
                continue
            if not colon:
                if i >= len(args) or (args[i].startswith("-") and not _is_number(args[i])):
                    raise inv.error(
                        f"Missing an argument for parameter '{pname}'. Specify a parameter of type "
                        f"'{_type_name(kind)}' and try again.",
                        f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
                        f"MissingArgument,{_fqid_tail(cmdlet)}",
                        token=a,
                    )
                value, i = args[i], i + 1
            inv.params[pname] = _convert(value, kind, pname, inv)
            if pname in positional:
                positional.remove(pname)
        else:
            while positional and positional[0] in inv.params:
                positional.pop(0)
            if not positional:
                raise inv.error(
                    f"A positional parameter cannot be found that accepts argument '{a}'.",
                    f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
                    f"PositionalParameterNotFound,{_fqid_tail(cmdlet)}",
                    token=a,
                )
            pname = positional.pop(0)
            inv.params[pname] = _convert(a, cmdlet.params[pname], pname, inv)
    return inv


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
            f"AmbiguousParameter,{_fqid_tail(CMDLETS[inv_key(inv)])}",
            token=token,
        )
    raise inv.error(
        f"A parameter cannot be found that matches parameter name '{raw}'.",
        f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
        f"NamedParameterNotFound,{_fqid_tail(CMDLETS[inv_key(inv)])}",
        token=token,
    )


def inv_key(inv):
    return find_cmdlet(inv.name).name.lower()


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
                f"CannotConvertArgumentNoMessage,{_fqid_tail(find_cmdlet(inv.name))}",
                token=value,
            )
        return int(value)
    if kind == "bool":
        return value.lower() in ("$true", "true", "1")
    if kind == "strings":
        return [v for v in value.split(",") if v != ""]
    return value


def _fqid_tail(cmdlet):
    return cmdlet.module + "." + cmdlet.name.replace("-", "")


# ---------------------------------------------------------------------------- pipeline filters


def object_filter(lab, host, line, stage, objects, view):
    """Apply one object-pipeline stage; returns (objects, view, text or None)."""
    name = stage[0].lower()
    args = stage[1:]
    if name in ("convertto-json",):
        depth, compress = 2, False
        i = 0
        while i < len(args):
            a = args[i].lower()
            if a.startswith("-d") and "-depth".startswith(a.split(":")[0]):
                value = (
                    args[i].split(":", 1)[1] if ":" in args[i] else (args[i + 1] if i + 1 < len(args) else "")
                )
                i += 1 if ":" in args[i] else 2
                if not value.isdigit() or not 0 <= int(value) <= 100:
                    raise PSError(
                        fmt.error_record(
                            "ConvertTo-Json",
                            f"Cannot validate argument on parameter 'Depth'. The {value or 'null'} "
                            "argument is less than the minimum allowed range of 0. Supply an argument that is greater "
                            "than or equal to 0 and then try the command again."
                            if value.startswith("-") or not value
                            else f"Cannot validate argument on parameter 'Depth'. The {value} argument is greater than "
                            "the maximum allowed range of 100. Supply an argument that is less than or equal to 100 and "
                            "then try the command again."
                            if value.isdigit()
                            else f"Cannot bind parameter 'Depth'. "
                            f'Cannot convert value "{value}" to type "System.Int32". Error: "Input string was not '
                            'in a correct format."',
                            line,
                            "InvalidData: (:) [ConvertTo-Json], ParameterBindingValidationException",
                            "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ConvertToJsonCommand",
                        )
                    )
                depth = int(value)
            elif a in ("-compress", "-c"):
                compress, i = True, i + 1
            else:
                raise PSError(
                    fmt.error_record(
                        "ConvertTo-Json",
                        f"A parameter cannot be found that matches parameter name '{args[i][1:]}'.",
                        line,
                        "InvalidArgument: (:) [ConvertTo-Json], ParameterBindingException",
                        "NamedParameterNotFound,Microsoft.PowerShell.Commands.ConvertToJsonCommand",
                    )
                )
        if not objects:
            return objects, view, ""
        value = objects[0] if len(objects) == 1 else objects
        return objects, view, fmt.convert_to_json(value, depth, compress)
    if name in ("format-list", "fl"):
        props = _property_args(args)
        return objects, ("list", None if props in (None, ["*"]) else props), None
    if name in ("format-table", "ft"):
        props = _property_args(args) or (view[1] and [c[1] for c in view[1]] if view[0] == "table" else None)
        props = props or (list(objects[0]) if objects else [])
        return objects, ("table", [(p, p, None, "left") for p in props]), None
    if name in ("select-object", "select"):
        props = _property_args(args) or ["*"]
        if props == ["*"]:
            return objects, ("list", None), None
        picked = [{p: o.get(p) for p in props} for o in objects]
        kind = "table" if len(props) <= 4 else "list"
        return picked, (kind, [(p, p, None, "left") for p in props] if kind == "table" else None), None
    if name in ("select-string", "sls", "findstr", "out-string"):
        return objects, view, text_filter(lab, host, line, stage, render(objects, view))
    if name in ("where-object", "where", "?"):
        picked = ps_host.where_object(args, objects)
        if picked is not None:
            return picked, view, None
    piped = find_cmdlet(stage[0])
    if piped is not None and piped.pipe is not None:
        inv = bind(piped, stage, line, host, lab)
        return piped.pipe(inv, objects), piped.view, None
    raise (
        not_recognized(stage[0], line)
        if find_cmdlet(stage[0]) is None
        else PSError(
            fmt.error_record(
                stage[0],
                "The input object cannot be bound to any parameters for the command either because the command "
                "does not take pipeline input or the input and its properties do not match any of the parameters that "
                "take pipeline input.",
                line,
                f"InvalidArgument: (:PSObject) [{stage[0]}], ParameterBindingException",
                "InputObjectNotBound",
            )
        )
    )


def _property_args(args):
    words = [a for a in args if not a.lower().startswith("-prop")]
    if not words:
        return None
    return [p for w in words for p in w.split(",") if p]


def text_filter(lab, host, line, stage, text):
    """A text-pipeline stage after a native command: Select-String / findstr / Out-String."""
    name = stage[0].lower()
    if name == "out-string":
        return text
    if name in ("select-string", "sls", "findstr"):
        words = [a for a in stage[1:] if not a.startswith(("-", "/"))]
        if not words:
            return text
        pattern = words[0].lower()
        return "\n".join(l for l in text.split("\n") if pattern in l.lower())
    if find_cmdlet(stage[0]) is None:
        raise not_recognized(stage[0], line)
    return text


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


def get_netadapter(inv):
    adapters = _named(
        inv,
        inv.host.adapters.values(),
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


def ip_object(ip, prefix, index, alias):
    return {
        "IPAddress": str(ip),
        "InterfaceIndex": index,
        "InterfaceAlias": alias,
        "AddressFamily": "IPv4",
        "Type": "Unicast",
        "PrefixLength": prefix,
        "PrefixOrigin": "Manual",
        "SuffixOrigin": "Manual",
        "AddressState": "Preferred",
        "ValidLifetime": "Infinite ([TimeSpan]::MaxValue)",
        "PreferredLifetime": "Infinite ([TimeSpan]::MaxValue)",
        "SkipAsSource": False,
        "PolicyStore": "ActiveStore",
    }


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

    adapters = [a for a in sorted(inv.host.adapters.values(), key=lambda a: a.if_index) if a.ip_interface]
    v6 = [link_local_object(link_local(a.mac_address, a.if_index), a.if_index, a.name) for a in adapters]
    loopback = ip_object("::1", 128, 1, "Loopback Pseudo-Interface 1")
    v6.append({**loopback, "AddressFamily": "IPv6", "PrefixOrigin": "WellKnown", "SuffixOrigin": "WellKnown"})
    v4 = [
        ip_object(a.ip_interface.ip, a.ip_interface.network.prefixlen, a.if_index, a.name) for a in adapters
    ]
    v4.append(ip_object("127.0.0.1", 8, 1, "Loopback Pseudo-Interface 1"))
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
        for n in inv.host.nat
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
            HYPERV,
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
            HYPERV,
        ),
        Cmdlet(
            "Remove-VMSwitch",
            remove_vmswitch,
            {"Name": "string", "Force": "switch"},
            ("Name",),
            SWITCH_VIEW,
            HYPERV,
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
            "Microsoft.PowerShell.Commands",
        ),
        Cmdlet(
            "Restart-Computer",
            ps_host.restart_computer,
            {"Force": "switch"},
            (),
            ("list", None),
            "Microsoft.PowerShell.Commands",
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
            "Microsoft.PowerShell.Commands",
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
            "Microsoft.PowerShell.Commands",
        ),
    )
}
CMDLETS.update({c.name.lower(): c for c in ps_net.cmdlets(Cmdlet)})
CMDLET_ALIASES = {
    "gsv": "get-service",
    "tnc": "test-netconnection",
    "iwr": "invoke-webrequest",
    "curl": "invoke-webrequest",
    "wget": "invoke-webrequest",
}
