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

import ipaddress

from ..engine import routing
from ..engine.errors import WinNetLabError
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


def not_recognized(name):
    return f"'{name}' is not recognized as an internal or external command,\noperable program or batch file."


# ---------------------------------------------------------------------------- entry points


def exec_command(lab, container, cmd):
    """``docker exec <container> <cmd>``: run ``cmd`` inside ``container`` (found on any host)."""
    line = str(cmd)
    try:
        host, c = lab.find_container(str(container))
    except WinNetLabError as e:
        return CommandResult(line, f"Error response from daemon: {e.message}", 1)
    if c.state != "running":
        return CommandResult(line, f"Error response from daemon: container {c.id} is not running", 1)
    try:
        words = tokenize(line)[0]
    except QuoteError as e:
        return CommandResult(line, powershell_parse_error(line, e), 1)
    words = _strip_shell(words)
    if not words:
        return CommandResult(line, "", 0)
    shell = ContainerShell(lab, host, c)
    output, code = shell.run(words)
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


def _strip_shell(words):
    """``cmd /c X`` and ``powershell -Command X`` run X."""
    if len(words) >= 2 and words[0].lower() in ("cmd", "cmd.exe") and words[1].lower() in ("/c", "/k", "/s"):
        return words[2:]
    if (
        len(words) >= 2
        and words[0].lower() in ("powershell", "powershell.exe", "pwsh")
        and words[1].lower() in ("-command", "-c")
    ):
        return words[2:]
    return words


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
        seen[base] = seen.get(base, 0) + 1
        name = f"vEthernet ({base})" + (f" {seen[base]}" if seen[base] > 1 else "")
        hyperv = c.isolation == "hyperv"
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
    b = [int(x, 16) for x in mac.split("-")]
    b[0] ^= 0x02
    words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xFF, 0xFE00 | b[3], (b[4] << 8) | b[5]]
    return "fe80::" + ":".join(f"{w:x}" for w in words) + f"%{index}"


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
    "dns": "DNS Servers . . . . . . . . . . . ",
    "netbios": "NetBIOS over Tcpip. . . . . . . . ",
}
CONTINUATION = " " * 39


def ipconfig(hostname, adapters, full, search):
    lines = ["Windows IP Configuration", ""]
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
    """The commands a learner types in a container, answered from the lab's state."""

    def __init__(self, lab, host, container):
        self.lab, self.host, self.c = lab, host, container
        self.hints = []

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
        flags = [a.lower() for a in args]
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
        lines = [f"Pinging {shown} with 32 bytes of data:"]
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
