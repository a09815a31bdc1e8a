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

import hashlib
import ipaddress
import re

from ..engine import routing
from ..engine.errors import WinNetLabError
from ..engine.hyperv import vnic_name
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


def host_command(host, line):
    """ipconfig / route print / hostname typed on the host itself: ``(output, exit code)``."""
    words = tokenize(line)[0]
    name = words[0].lower().removesuffix(".exe")
    if name == "ipconfig":
        adapters = [
            host_adapter(host, a)
            for a in sorted(host.adapters.values(), key=lambda a: a.if_index)
            if a.ip_interface is not None
        ]
        return ipconfig(host.name.upper(), adapters, "/all" in [w.lower() for w in words[1:]], ()), 0
    if name == "route":
        return route_print(routing.host_routes(host), host_interfaces(host), words[1:])
    return host.name.upper(), 0


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
        out.append(
            {
                "name": name,
                "suffix": ep.dns_suffix or "",
                "description": "Microsoft Hyper-V Network Adapter"
                if hyperv
                else "Hyper-V Virtual Ethernet Container Adapter",
                "mac": ep.mac_address,
                "dhcp": dhcp,
                "index": 10 + compartment * 4 + k,
                "ip": nic[0] if nic else None,
                "prefix": nic[1] if nic else None,
                "gateway": nic[2] if nic else None,
                "dns": list(ep.dns_servers)
                if ep.ip_address is not None
                else [str(d) for d in host.lab.lan.dns_servers],
                "endpoint": ep,
            }
        )
    return out


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
    digest = hashlib.sha256(f"link-local:{mac}".encode()).digest()
    words = [int.from_bytes(digest[i : i + 2], "big") for i in range(0, 8, 2)]
    return "fe80::" + ":".join(f"{w:x}" for w in words) + f"%{index}"


def dhcpv6_lines(mac, index):
    """``DHCPv6 IAID`` and ``DHCPv6 Client DUID`` of a DHCP adapter (sample 33: the IAID is
    the interface index then the MAC's first three bytes; the DUID is a DUID-LLT, type 1,
    hardware 1, a time, the MAC — the time is derived from the MAC here)."""
    b = [int(x, 16) for x in mac.split("-")]
    iaid = (index << 24) | (b[0] << 16) | (b[1] << 8) | b[2]
    stamp = hashlib.sha256(f"duid:{mac}".encode()).digest()[:4]
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
                _field(LABELS["ip"], f"{a['ip']}{pref}"),
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
            dns = a["dns"] or [""]
            lines.append(_field(LABELS["dns"], dns[0]))
            lines += [CONTINUATION + d for d in dns[1:]]
            lines.append(_field(LABELS["netbios"], "Disabled" if a["endpoint"] is not None else "Enabled"))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- route print

SEPARATOR = "=" * 75


def route_print(routes, adapters, args=()):
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
    lines += [SEPARATOR, "Persistent Routes:", "  None"]
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
        if exe not in self.PROGRAMS or (info is not None and not info.has(exe)):
            self.hints.append(
                LINUX_HABITS.get(exe)
                or ("Nano Server has no PowerShell: use cmd /c …" if exe in ("powershell", "pwsh") else None)
            )
            return create_process_error(self.c, words[0]), 126
        if exe == "cmd":
            return self.cmd(line)
        if exe in ("powershell", "pwsh"):
            return self.powershell(words[1:])
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
        if (info is not None and not info.has(exe)) or exe not in self.PROGRAMS:
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
    def powershell(self, args):
        rest = list(args)
        while rest and rest[0].lower() in ("-nologo", "-noprofile", "-noninteractive", "-nop"):
            rest.pop(0)
        if rest and rest[0].lower() in ("-command", "-c"):
            rest.pop(0)
        if not rest:
            return "Windows PowerShell\nCopyright (C) Microsoft Corporation. All rights reserved.\n", 0
        return self.run(rest)

    PROGRAMS = frozenset({"cmd", "powershell", "pwsh", "ipconfig", "route", "hostname", "nslookup", "ping"})

    def run(self, words):
        name = words[0].lower().removesuffix(".exe")
        handler = {
            "ipconfig": self.ipconfig,
            "route": self.route,
            "hostname": self.hostname,
            "nslookup": self.nslookup,
            "ping": self.ping,
            "test-netconnection": self.tnc,
            "tnc": self.tnc,
        }.get(name)
        if handler is not None:
            return handler(words[1:])
        self.hints.append(LINUX_HABITS.get(name))
        return not_recognized(words[0]), 9009

    def adapters(self):
        return container_adapters(self.host, self.c)

    def ipconfig(self, args):
        flags = ["/" + a[1:].lower() if a[:1] in "-/" else a.lower() for a in args]  # -all is /all
        if any(f not in ("/all",) for f in flags):
            return (
                "\nError: unrecognized or incomplete command line.\n\nUSAGE:\n    ipconfig [/allcompartments]"
                " [/? | /all | /renew [adapter] | /release [adapter] | /displaydns | /flushdns]"
            ), 1
        return ipconfig(self.c.hostname, self.adapters(), "/all" in flags, self.c.dns_search), 0

    def route(self, args):
        if not args or args[0].lower() != "print":
            return (
                "\nManipulates network routing tables.\n\nROUTE [-f] [-p] [-4|-6] command [destination]\n"
                "                  [MASK netmask]  [gateway] [METRIC metric]  [IF interface]"
            ), 1
        return route_print(routing.container_routes(self.host, self.c), self.adapters(), args[1:])

    def hostname(self, args):
        return self.c.hostname, 0

    # ------------------------------------------------------------------ DNS
    def dns_server(self):
        for a in self.adapters():
            if a["dns"]:
                return a["dns"][0]
        return ""

    def resolve(self, name):
        """``(addresses, authoritative)`` for ``name`` as the container's DNS answers it."""
        key = name.lower().rstrip(".")
        for a in self.adapters():
            ep = a["endpoint"]
            if ep is None or not ep.enable_internal_dns:
                continue
            found = self._embedded(ep, key)
            if found:
                return found, True
        outside = self.lab.lan.outside.get(key)
        return ([outside], False) if outside is not None else ([], False)

    def _embedded(self, ep, key):
        """Docker's embedded DNS on the gateway: containers, aliases and services of ep's network."""
        hits = []
        net = self.host.hns_networks.get(ep.network_id)
        hosts = self.lab.hosts.values() if net is not None and net.scope == "swarm" else [self.host]
        for h in hosts:
            for other in h.endpoints.values():
                if other.remote or other.network != ep.network or other.container is None:
                    continue
                c = h.containers.get(other.container)
                names = {other.container.lower(), *(al.lower() for al in other.aliases)}
                if c is not None:
                    names.add(c.short_id)
                if key in names and other.address is not None:
                    hits.append(other.address)
        swarm = self.lab.swarm
        if swarm is not None and key in swarm.services:
            svc = swarm.services[key]
            if ep.network in svc.vips and svc.endpoint_mode == "vip":
                hits.append(ipaddress.IPv4Address(str(svc.vips[ep.network])))
        return sorted(set(hits))

    def nslookup(self, args):
        if not args:
            return "Default Server:  UnKnown\nAddress:  " + self.dns_server() + "\n\n> ", 0
        name = args[0]
        server = self.dns_server()
        head = f"Server:  UnKnown\nAddress:  {server}\n"
        if not server:
            return "*** Default servers are not available\n" + head, 1
        addrs, authoritative = self.resolve(name)
        if not addrs:
            return head + f"\n*** UnKnown can't find {name}: Non-existent domain", 1
        label = "Address:" if len(addrs) == 1 else "Addresses:"
        body = [f"Name:    {name}", f"{label}  {addrs[0]}"] + [f"          {a}" for a in addrs[1:]]
        return head + "\n" + ("" if authoritative else "Non-authoritative answer:\n") + "\n".join(body), 0

    # ------------------------------------------------------------------ ping / Test-NetConnection
    def _target(self, name):
        try:
            return ipaddress.IPv4Address(name), False
        except ValueError:
            addrs, _ = self.resolve(name)
            return (addrs[0], True) if addrs else (None, True)

    def _trace(self, ip, port):
        try:
            return self.lab.trace(self.c.name, str(ip), port=port, protocol="tcp")
        except WinNetLabError as e:
            return e

    def ping(self, args):
        count = 4
        words = list(args)
        if "-n" in [w.lower() for w in words]:
            i = [w.lower() for w in words].index("-n")
            if i + 1 >= len(words) or not words[i + 1].isdigit() or not 0 < int(words[i + 1]) <= 100:
                return "Bad value for option -n, valid range is from 1 to 4294967295.", 1
            count = int(words[i + 1])
            del words[i : i + 2]
        if not words:
            return "IP address must be specified.", 1
        target = words[0]
        ip, named = self._target(target)
        if ip is None:
            return f"Ping request could not find host {target}. Please check the name and try again.", 1
        shown = f"{target} [{ip}]" if named else str(ip)
        t = self._trace(ip, None)
        ok = not isinstance(t, WinNetLabError) and t.delivered
        outside = ip in self.lab.lan.outside.values()
        lines = ["", f"Pinging {shown} with 32 bytes of data:"]  # ping starts with a blank line (sample 10)
        reply = f"Reply from {ip}: bytes=32 " + ("time=12ms TTL=117" if outside else "time<1ms TTL=128")
        lines += [reply if ok else "Request timed out."] * count
        got = count if ok else 0
        lines += [
            "",
            f"Ping statistics for {ip}:",
            f"    Packets: Sent = {count}, Received = {got}, Lost = {count - got} "
            f"({0 if ok else 100}% loss),",
        ]
        if ok:
            ms = 12 if outside else 0
            lines += [
                "Approximate round trip times in milli-seconds:",
                f"    Minimum = {ms}ms, Maximum = {ms}ms, Average = {ms}ms",
            ]
        else:
            self.hints.append(t.message if isinstance(t, WinNetLabError) else t.reason)
        return "\n".join(lines), 0 if ok else 1

    def tnc(self, args):
        words = list(args)
        port = None
        low = [w.lower() for w in words]
        for flag in ("-port", "-p"):
            if flag in low:
                i = low.index(flag)
                if i + 1 >= len(words) or not words[i + 1].isdigit() or not 0 < int(words[i + 1]) <= 65535:
                    return (
                        "Test-NetConnection : Cannot validate argument on parameter 'Port'. The argument is "
                        "not valid."
                    ), 1
                port = int(words[i + 1])
                del words[i : i + 2]
                break
        target = words[0] if words else "internetbeacon.msedge.net"
        ip, _ = self._target(target)
        first = self.adapters()[0] if self.adapters() else None
        alias = first["name"] if first else ""
        source = str(first["ip"]) if first and first["ip"] is not None else ""
        if ip is None:
            return (
                f"WARNING: Name resolution of {target} failed\n\nComputerName   : {target}\nRemoteAddress  :\n"
                f"InterfaceAlias : {alias}\nSourceAddress  : {source}"
            ), 1
        t = self._trace(ip, port)
        ok = not isinstance(t, WinNetLabError) and t.delivered
        why = t.message if isinstance(t, WinNetLabError) else t.reason
        if port is None:
            rows = [
                ("ComputerName", target),
                ("RemoteAddress", str(ip)),
                ("InterfaceAlias", alias),
                ("SourceAddress", source),
                ("PingSucceeded", "True" if ok else "False"),
                ("PingReplyDetails (RTT)", "0 ms" if ok else "0 ms"),
            ]
            warn = "" if ok else f"WARNING: Ping to {ip} failed with status: TimedOut\n"
        else:
            rows = [
                ("ComputerName", target),
                ("RemoteAddress", str(ip)),
                ("RemotePort", str(port)),
                ("InterfaceAlias", alias),
                ("SourceAddress", source),
                ("TcpTestSucceeded", "True" if ok else "False"),
            ]
            warn = "" if ok else f"WARNING: TCP connect to ({ip} : {port}) failed\n"
        width = max(len(k) for k, _ in rows)
        body = "\n".join(f"{k.ljust(width)} : {v}".rstrip() for k, v in rows)
        if not ok:
            self.hints.append(why)
        return warn + ("\n" if warn else "") + body, 0 if ok else 1
