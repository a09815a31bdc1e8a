"""Commands inside a Windows container (``lab.exec``) and on the host: ipconfig, route print,
hostname, nslookup, ping, Test-NetConnection.

A Windows container has no ``ifconfig``, no ``ip`` and no ``/etc/resolv.conf``: its network
settings are per-adapter settings that HNS pushed into the container's compartment, and
``ipconfig`` shows them.  Linux habits get cmd.exe's answer (``'ifconfig' is not recognized
…``, exit 9009) and a hint (in ``CommandResult.hints``) naming the Windows command.

Name resolution follows Docker on Windows: on ``nat`` and ``overlay`` networks the first DNS
server is the network gateway, where Docker's embedded resolver answers the names of the
containers (and aliases, and swarm services) on that network and forwards the rest;
``transparent``, ``l2bridge`` and ``l2tunnel`` endpoints only have the configured servers,
so peers' names do not resolve there.  ``ping`` and ``Test-NetConnection`` are answered by
the packet walk (``lab.trace``).

Simplifications: in-container adapters are named ``vEthernet (<HNS endpoint name>)`` (or
``Container NIC <id>`` on Windows Server 2016), with `` 2``, `` 3`` appended when several
endpoints share a name; link-local IPv6 addresses and interface indexes are derived from
the MAC and compartment; ``nslookup`` does not walk the DNS packet itself; round-trip
times are fixed (``<1ms`` in the lab, ``12ms`` to the internet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine.lab import Lab
    from .command import CommandResult

import re

from ..engine import routing
from ..engine.errors import WinNetLabError
from ..engine.hyperv import vnic_name
from ..engine.ids import sha256_bytes
from .command import CommandResult, QuoteError, hint_tuple, powershell_parse_error, tokenize

LINUX_HABITS = {
    "ifconfig": "Windows containers have no ifconfig: use ipconfig (or ipconfig /all)",
    "ip": "Windows containers have no ip command: use ipconfig /all and route print",
    "cat": "there is no /etc/resolv.conf on Windows: DNS servers are per-adapter settings, see ipconfig /all",
    "dig": "use nslookup NAME on Windows",
    "traceroute": "Windows names it tracert",
    "netstat": "port mappings live on the host: Get-NetNatStaticMapping or docker port",
    "iptables": "Windows uses the Windows Firewall and VFP, not iptables: see Get-NetFirewallRule and vfpctrl",
}


# The default hosts file of Windows images (comments only; Docker does not write it on Windows).
HOSTS_FILE = """# Copyright (c) 1993-2009 Microsoft Corp.
#
# This is a sample HOSTS file used by Microsoft TCP/IP for Windows.
#
# This file contains the mappings of IP addresses to host names. Each
# entry should be kept on an individual line. The IP address should
# be placed in the first column followed by the corresponding host name.
# The IP address and the host name should be separated by at least one
# space.
#
# Additionally, comments (such as these) may be inserted on individual
# lines or following the machine name denoted by a '#' symbol.
#
# For example:
#
#      102.54.94.97     rhino.acme.com          # source server
#       38.25.63.10     x.acme.com              # x client host

# localhost name resolution is handled within DNS itself.
#\t127.0.0.1       localhost
#\t::1             localhost"""


PROGRAMS = frozenset(
    {
        "cmd",
        "powershell",
        "pwsh",
        "ping",
        "tracert",
        "nslookup",
        "netstat",
        "route",
        "curl",
        "hostname",
        "ipconfig",
        "whoami",
    }
)
IPCONFIG_USAGE = (
    "\nError: unrecognized or incomplete command line.\n\nUSAGE:\n    ipconfig [/allcompartments]"
    " [/? | /all | /renew [adapter] | /release [adapter] | /displaydns | /flushdns]"
)


def not_recognized(name):
    return f"'{name}' is not recognized as an internal or external command,\noperable program or batch file."


# ---------------------------------------------------------------------------- entry points


def exec_command(lab: Lab, container: str, cmd: str) -> CommandResult:
    """``docker exec <container> <cmd>``: run ``cmd`` inside ``container`` (found on any host)."""
    line = str(cmd)
    try:
        host, c = lab.find_container(str(container))
    except WinNetLabError as e:
        return CommandResult(line, f"Error response from daemon: {e.message}", 1)
    if c.state == "paused":  # moby daemon/errors.go errExecPaused (the name as given)
        return CommandResult(
            line,
            f"Error response from daemon: Container {container} is paused, unpause the container before exec",
            1,
        )
    if c.state != "running":
        return CommandResult(line, f"Error response from daemon: container {c.id} is not running", 1)
    try:
        words = tokenize(line)[0]
    except QuoteError as e:
        return CommandResult(line, powershell_parse_error(line, e), 1)
    if not words:
        return CommandResult(line, "", 0)
    shell = ContainerShell(lab, host, c)
    output, code = shell.start(line, words)
    return CommandResult(line, output, code, hint_tuple(*shell.hints))


def host_command(lab, host, name, args):
    """A Windows program typed on the host itself: ``(output, exit code, hints)``."""
    from . import nettools

    return nettools.program(nettools.Node(lab, host), name, args)


def create_process_error(c, program):
    """HCS CreateProcess of a program the image does not have (Windows-Containers#525 format;
    the CLI prints it without the daemon prefix for exec, microsoft/vscode-docker#1728)."""
    return (
        f"container {c.id} encountered an error during hcs::System::CreateProcess: {program}: "
        "failure in a Windows system call: The system cannot find the file specified. (0x2)"
    )


def cmd_segments(text):
    """Split a cmd.exe line at ``&&``, ``||`` and ``&`` outside double quotes: [(op, segment)]."""
    out, current, op, quoted, i = [], [], "", False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        if not quoted and ch in "&|":
            two = text[i : i + 2]
            sep = two if two in ("&&", "||") else ch
            out.append((op, "".join(current).strip()))
            current, op = [], sep
            i += len(sep)
            continue
        current.append(ch)
        i += 1
    out.append((op, "".join(current).strip()))
    return out


# ---------------------------------------------------------------------------- adapters


def container_adapter_description(host, compartment, k):
    """The ``Description`` of a process-isolated container's vNIC.

    Public samples differ by build: a Server 2019 host (17763.737, Docker's training demo
    "Single Host Networks") shows the container's vNIC as one more host Hyper-V vNIC,
    ``Hyper-V Virtual Ethernet Adapter #6``; Server 2022 (sample 08) and a 2020 Windows 10
    host (microsoft/navcontainerhelper#1042) show ``Hyper-V Virtual Ethernet Container
    Adapter``.  So ltsc2019 prints the numbered host-vNIC form and later builds the
    Container Adapter; no sample shows Server 2016's (it keeps the Container Adapter).  The
    number is inferred: the host's own Hyper-V vNICs come first, then one per container
    compartment in creation order."""
    if host.profile.build != 17763:
        return "Hyper-V Virtual Ethernet Container Adapter"
    vnics = sum(
        1 for a in host.adapters.values() if a.description.startswith("Hyper-V Virtual Ethernet Adapter")
    )
    return f"Hyper-V Virtual Ethernet Adapter #{vnics + compartment - 1 + k}"


def container_adapters(host, c):
    """The NICs a container sees, as dicts ipconfig and route print format."""
    out, seen = [], {}
    ns = host.namespaces.get(c.namespace)
    compartment = ns.compartment_id if ns else 1
    for k, ep in enumerate(host.endpoints_of(c)):
        nic = routing.endpoint_interface(host, ep)
        base = (
            f"Container NIC {ep.id[:8].lower()}" if host.profile.container_nic == "Container NIC" else ep.name
        )
        hyperv = c.isolation == "hyperv"
        if hyperv:  # the utility VM's synthetic NIC is a plain "Ethernet" (sample 33)
            base = "Ethernet"
        seen[base] = seen.get(base, 0) + 1
        name = base if hyperv else vnic_name(base)
        name += f" {seen[base]}" if seen[base] > 1 else ""
        dhcp = hyperv or ep.ip_address is None
        apipa = ep.ip_address is None and ep.dhcp_lease is None and ep.apipa is not None
        out.append(
            {
                "name": name,
                "suffix": ep.dns_suffix or "",
                "description": "Microsoft Hyper-V Network Adapter"
                if hyperv
                else container_adapter_description(host, compartment, k),
                "mac": ep.mac_address,
                "dhcp": dhcp,
                "index": 10 + compartment * 4 + k,
                "ip": nic[0] if nic else None,
                "prefix": nic[1] if nic else None,
                "gateway": nic[2] if nic else None,
                "dns": list(ep.dns_servers)
                if ep.ip_address is not None
                else []
                if apipa
                else [str(d) for d in host.lab.lan.dns_servers],
                "endpoint": ep,
                "apipa": apipa,
            }
        )
    return out


# What ``ipconfig /all`` lists as DNS servers of an adapter that has none (no DHCP offer, so no
# option 6): the deprecated IPv6 site-local defaults (public ipconfig /all output of an APIPA
# adapter); the IPv4 DNS list is empty.
NO_DNS_SERVERS = ("fec0:0:0:ffff::1%1", "fec0:0:0:ffff::2%1", "fec0:0:0:ffff::3%1")


def host_adapter(host, a):
    return {
        "name": a.name,
        "suffix": "",
        "description": a.description,
        "mac": a.mac_address,
        "dhcp": False,
        "index": a.if_index,
        "ip": a.ip_interface.ip,
        "prefix": a.ip_interface.network,
        "gateway": a.gateway,
        "dns": [str(d) for d in host.dns_servers] if a.gateway else [],
        "endpoint": None,
    }


def host_interfaces(host):
    return [
        host_adapter(host, a)
        for a in sorted(host.adapters.values(), key=lambda a: a.if_index)
        if a.ip_interface is not None
    ]


def link_local(mac, index):
    """The adapter's ``fe80::`` address: Windows randomizes the interface identifier
    (``RandomizeIdentifiers``, samples 08 and 33), so it is a hash of the MAC here."""
    digest = sha256_bytes(f"link-local:{mac}")
    words = [int.from_bytes(digest[i : i + 2], "big") for i in range(0, 8, 2)]
    return "fe80::" + ":".join(f"{w:x}" for w in words) + f"%{index}"


def dhcpv6_lines(mac, index):
    """``DHCPv6 IAID`` and ``DHCPv6 Client DUID`` of a DHCP adapter (sample 33: the IAID is
    the interface index then the MAC's first three bytes; the DUID is a DUID-LLT, type 1,
    hardware 1, a time, the MAC — the time is derived from the MAC here)."""
    b = [int(x, 16) for x in mac.split("-")]
    iaid = (index << 24) | (b[0] << 16) | (b[1] << 8) | b[2]
    stamp = sha256_bytes(f"duid:{mac}")[:4]
    duid = "-".join(f"{x:02X}" for x in (0, 1, 0, 1, *stamp, *b))
    return [_field(LABELS["iaid"], iaid), _field(LABELS["duid"], duid)]


# ---------------------------------------------------------------------------- ipconfig


def _field(label, value):
    """ipconfig's dotted label column (``   IPv4 Address. . . . . . . . . . . : x``)."""
    return f"   {label}: {value}"


LABELS = {
    "host": "Host Name . . . . . . . . . . . . ",
    "primary": "Primary Dns Suffix  . . . . . . . ",
    "node": "Node Type . . . . . . . . . . . . ",
    "routing": "IP Routing Enabled. . . . . . . . ",
    "wins": "WINS Proxy Enabled. . . . . . . . ",
    "search": "DNS Suffix Search List. . . . . . ",
    "suffix": "Connection-specific DNS Suffix  . ",
    "desc": "Description . . . . . . . . . . . ",
    "mac": "Physical Address. . . . . . . . . ",
    "dhcp": "DHCP Enabled. . . . . . . . . . . ",
    "auto": "Autoconfiguration Enabled . . . . ",
    "ll": "Link-local IPv6 Address . . . . . ",
    "ip": "IPv4 Address. . . . . . . . . . . ",
    "apipa": "Autoconfiguration IPv4 Address. . ",
    "mask": "Subnet Mask . . . . . . . . . . . ",
    "gw": "Default Gateway . . . . . . . . . ",
    "iaid": "DHCPv6 IAID . . . . . . . . . . . ",
    "duid": "DHCPv6 Client DUID. . . . . . . . ",
    "dns": "DNS Servers . . . . . . . . . . . ",
    "netbios": "NetBIOS over Tcpip. . . . . . . . ",
}
CONTINUATION = " " * 39


def ipconfig(hostname, adapters, full, search):
    lines = ["", "Windows IP Configuration", ""]
    if full:
        lines += [
            _field(LABELS["host"], hostname),
            _field(LABELS["primary"], ""),
            _field(LABELS["node"], "Hybrid"),
            _field(LABELS["routing"], "No"),
            _field(LABELS["wins"], "No"),
        ]
        if search:
            lines.append(_field(LABELS["search"], search[0]))
            lines += [CONTINUATION + s for s in search[1:]]
    for a in adapters:
        lines += ["", f"Ethernet adapter {a['name']}:", ""]
        lines.append(_field(LABELS["suffix"], a["suffix"]))
        if full:
            lines += [
                _field(LABELS["desc"], a["description"]),
                _field(LABELS["mac"], a["mac"]),
                _field(LABELS["dhcp"], "Yes" if a["dhcp"] else "No"),
                _field(LABELS["auto"], "Yes"),
            ]
        pref = "(Preferred)" if full else ""
        lines.append(_field(LABELS["ll"], link_local(a["mac"], a["index"]) + pref))
        if a["ip"] is not None:
            lines += [
                _field(LABELS["apipa" if a.get("apipa") else "ip"], f"{a['ip']}{pref}"),
                _field(LABELS["mask"], a["prefix"].netmask),
                _field(LABELS["gw"], a["gateway"] if a["gateway"] is not None else ""),
            ]
        else:
            lines.append(
                "   Autoconfiguration IPv4 Address. . : 169.254.0.1(Preferred)"
                if full
                else _field(LABELS["gw"], "")
            )
        if full and a["dhcp"]:
            lines += dhcpv6_lines(a["mac"], a["index"])
        if full:
            dns = a["dns"] or list(NO_DNS_SERVERS if a.get("apipa") else [""])
            lines.append(_field(LABELS["dns"], dns[0]))
            lines += [CONTINUATION + d for d in dns[1:]]
            lines.append(_field(LABELS["netbios"], "Disabled" if a["endpoint"] is not None else "Enabled"))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- route print

SEPARATOR = "=" * 75


def route_print(routes, adapters, args=(), persistent=()):
    lines = [SEPARATOR, "Interface List"]
    for a in adapters:
        mac = " ".join(a["mac"].lower().split("-"))
        lines.append(f"{a['index']:>3}...{mac} ......{a['description']}")
    lines += [
        "  1...........................Software Loopback Interface 1",
        SEPARATOR,
        "",
        "IPv4 Route Table",
        SEPARATOR,
        "Active Routes:",
        "Network Destination        Netmask          Gateway       Interface  Metric",
    ]
    for r in routes:
        left = f"{str(r.destination.network_address):>17}{str(r.netmask):>17}"
        gw = r.next_hop
        left += f"{gw:>16}" if gw == routing.ON_LINK else f"{gw:>17}"
        left += str(r.interface).rjust(68 - len(left))
        lines.append(f"{left}{r.metric:>7}")
    lines += [SEPARATOR, "Persistent Routes:"]
    if not persistent:
        lines.append("  None")
    else:  # docker/for-win#12297 shows the host's table after `route -p add`
        lines.append("  Network Address          Netmask  Gateway Address  Metric")
        lines += [
            f"{str(d.network_address):>17}{str(d.netmask):>17}{str(g if g is not None else i):>17}{m:>8}"
            for d, g, i, m, _p in persistent
        ]
        lines.append(SEPARATOR)
    return "\n".join(lines), 0


# ---------------------------------------------------------------------------- the container's shell


class ContainerShell:
    """The commands a learner types in a container, answered from the lab's state.

    ``start`` is HCS CreateProcess: the first word must be a program the image has
    (``powershell`` is not in Nano Server; ``type``, ``echo`` and ``set`` are cmd.exe
    built-ins, not programs); ``cmd /c`` then runs cmd.exe's line (``&&``, ``&``, ``||``,
    ``echo``, ``set``, ``type``, ``exit N``, ``%VAR%``), where an unknown word is cmd's
    ``'x' is not recognized …`` (exit 9009)."""

    def __init__(self, lab, host, container):
        self.lab, self.host, self.c = lab, host, container
        self.hints = []
        self.env = {}

    def start(self, line, words):
        from ..engine.images import executable

        exe = executable(words[0])
        info = self.c.image_info
        if exe not in PROGRAMS or (info is not None and not info.has(exe)):
            self.hints.append(
                LINUX_HABITS.get(exe)
                or ("Nano Server has no PowerShell: use cmd /c …" if exe in ("powershell", "pwsh") else None)
            )
            return create_process_error(self.c, words[0]), 126
        if exe == "cmd":
            return self.cmd(line)
        if exe in ("powershell", "pwsh"):
            return self.powershell(line)
        return self.run(words)

    # ------------------------------------------------------------------ cmd.exe
    def cmd(self, line):
        from ..engine.images import cmd_banner

        head, _, rest = line.strip().partition(" ")
        low = rest.lower()
        for switch in ("/s /c ", "/c ", "/k ", "/s /k "):
            if low.startswith(switch):
                return self.cmd_line(rest[len(switch) :])
        build = self.c.image_info.build if self.c.image_info else self.host.profile.build
        return cmd_banner(build), 0  # no stdin: cmd.exe prints its banner and ends

    def cmd_line(self, text):
        """Run one cmd.exe line: segments joined by ``&&`` (on success), ``||`` (on failure), ``&``."""
        outputs, code = [], 0
        for op, segment in cmd_segments(self._expand(text)):  # %VAR% expands when the line is read
            if (op == "&&" and code != 0) or (op == "||" and code == 0):
                continue
            if not segment:
                continue
            out, code, ended = self.cmd_statement(segment)
            if out is not None:
                outputs.append(out)
            if ended:
                break
        return "\n".join(outputs), code

    def _expand(self, text):
        for key, value in self.variables().items():
            text = re.sub(f"%{re.escape(key)}%", lambda _m, v=value: v, text, flags=re.IGNORECASE)
        return text

    def variables(self):
        """The environment cmd.exe sees (a small, documented subset of a real container's)."""
        user = (
            "ContainerAdministrator"
            if "powershell" in (self.c.image_info.tools if self.c.image_info else ())
            else "ContainerUser"
        )
        base = {
            "COMPUTERNAME": self.c.hostname.upper(),
            "ComSpec": "C:\\Windows\\system32\\cmd.exe",
            "PATH": "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;"
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\",
            "SystemRoot": "C:\\Windows",
            "USERNAME": user,
            "USERPROFILE": f"C:\\Users\\{user}",
        }
        base.update(self.env)
        return base

    def cmd_statement(self, segment):
        """One cmd.exe statement: (output, exit code, ends the line)."""
        word, _, rest = segment.partition(" ")
        name = word.lower()
        if name == "echo" or name.startswith("echo."):
            if name.startswith("echo."):
                return word[5:] + (" " + rest if rest else ""), 0, False  # echo. prints an empty line
            return (rest if rest.strip() else "ECHO is on."), 0, False
        if name == "exit":
            args = [a for a in rest.split() if a.lower() != "/b"]
            value = args[0] if args else "0"
            return None, int(value) if value.lstrip("-").isdigit() else 0, True
        if name == "set":
            return self.cmd_set(rest.strip())
        if name == "type":
            return self.cmd_type(rest.strip().strip('"'))
        try:
            words = tokenize(segment)[0]
        except QuoteError:
            words = segment.split()
        head, slash, switch = words[0].partition("/")
        if slash and head:  # cmd.exe ends a command's name at "/": ipconfig/all
            words = [head, "/" + switch, *words[1:]]
        from ..engine.images import executable

        exe = executable(words[0])
        info = self.c.image_info
        if (info is not None and not info.has(exe)) or exe not in PROGRAMS:
            self.hints.append(LINUX_HABITS.get(exe))
            return not_recognized(words[0]), 9009, False
        out, code = self.start(segment, words)
        return (out if out != "" else None), code, False

    def cmd_set(self, rest):
        if "=" in rest:
            key, _, value = rest.partition("=")
            self.env[key.strip()] = value
            return None, 0, False
        found = sorted((k, v) for k, v in self.variables().items() if k.lower().startswith(rest.lower()))
        if not found:
            return f"Environment variable {rest} not defined", 1, False
        return "\n".join(f"{k}={v}" for k, v in found), 0, False

    def cmd_type(self, path):
        if path.lower().replace("/", "\\") == "c:\\windows\\system32\\drivers\\etc\\hosts":
            return HOSTS_FILE, 0, False
        return "The system cannot find the file specified.", 1, False

    # ------------------------------------------------------------------ PowerShell
    def powershell(self, line):
        """``powershell [-NoLogo] [-NoProfile] [-Command] TEXT``: the PowerShell front, inside."""
        from .powershell import powershell

        rest = line.strip().split(" ", 1)[1] if " " in line.strip() else ""
        while True:
            head, _, tail = rest.partition(" ")
            if head.lower() in ("-nologo", "-noprofile", "-noninteractive", "-nop", "-command", "-c"):
                rest = tail.strip()
                continue
            break
        if not rest:
            return "Windows PowerShell\nCopyright (C) Microsoft Corporation. All rights reserved.\n", 0
        result = powershell(self.lab, rest, host=self.host.name, container=self.c)
        self.hints.extend(result.hints)
        return result.output, result.exit_code

    def run(self, words):
        """A program the image has: answered by ``nettools`` on this container."""
        from . import nettools

        name = words[0].lower().rsplit("\\", 1)[-1].removesuffix(".exe")
        output, code, hints = nettools.program(nettools.Node(self.lab, self.host, self.c), name, words[1:])
        self.hints.extend(h for h in hints if h)
        return output, code
