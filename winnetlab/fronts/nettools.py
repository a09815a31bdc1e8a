"""Network tools on a Windows host or inside a container: ping, tracert, nslookup, netstat,
route, curl.exe, and the objects behind Test-NetConnection, Test-Connection, Resolve-DnsName,
Invoke-WebRequest and Get-NetTCPConnection.

A ``Node`` is where a tool runs (a host, or a container on a host).  Every answer to a
connection comes from the packet walk (``lab.trace``); a name is resolved along the path a
query really takes: a container on ``nat``/``overlay`` asks Docker's embedded DNS on its
gateway, which answers container, alias and service names itself (a service: its VIP in VIP
mode, its task IPs in dnsrr mode; ``tasks.<service>``: the task IPs — moby
``libnetwork/resolver``, Docker's swarm networking docs); other names it forwards to the
container's other DNS servers from Docker 26 on and answers SERVFAIL before (``Node.resolve``
says who asks which server in which order).  Other endpoints and the host ask their DNS
servers on the LAN.  Each leg to a DNS server is walked (UDP 53), so a drop shows where the
query died; the lab's internet DNS is ``engine.dnsworld``.

Output formats: ``ping``/``nslookup`` as in the reference's real outputs (§13, real-outputs
10); ``route add`` prints `` OK!`` and ``route print`` lists persistent routes
(real-outputs 31, docker/for-win#12297); Test-NetConnection's fields (real-outputs 13).
Simplifications: round-trip times are fixed (``<1ms`` in the lab, ``12ms`` to the
internet); a swarm VIP never answers ICMP (Windows load-balances TCP/UDP only); a
container's listening ports are its image's (IIS: 80; process ids there are simulated), a
host's are its listeners (``engine.listeners``).  A ``route add`` inside a container steers
the packet walk (``walk.container.route``: the container's next hop decides on nat and
transparent networks; on l2bridge, l2tunnel and overlay VFP and the host route the packet
whatever the container's gateway); on the host, routes added with ``route add`` are shown by
``route print`` but the host's part of the walk does not follow them.
"""

import ipaddress
from dataclasses import dataclass

from .. import i18n
from ..engine import dnsworld, routing
from ..engine.errors import WinNetLabError, engine_version
from ..engine.swarm import gossip_blocked

LOOPBACK = ipaddress.IPv4Address("127.0.0.1")


@dataclass
class Answer:
    """What a name lookup got: addresses, whether no server was needed (a literal, localhost,
    the node's own name) or Docker's DNS answered (TTL 600; like any server it does not set
    the authoritative flag, so nslookup says "Non-authoritative answer", moby/moby#40864), or
    why it failed."""

    addresses: list
    authoritative: bool = False
    docker: bool = False
    error: str = ""  # "", "nxdomain", "servfail" or "timeout"
    why: str = ""


class Node:
    """Where a command runs: ``host`` itself, or ``container`` on it."""

    def __init__(self, lab, host, container=None):
        self.lab, self.host, self.c = lab, host, container

    @property
    def name(self):
        return self.c.name if self.c is not None else self.host.name

    @property
    def hostname(self):
        return self.c.hostname if self.c is not None else self.host.name.upper()

    def adapters(self):
        from .in_container import container_adapters, host_interfaces

        return container_adapters(self.host, self.c) if self.c is not None else host_interfaces(self.host)

    def routes(self):
        if self.c is not None:
            return routing.container_routes(self.host, self.c)
        return routing.host_routes(self.host)

    def has_route(self, ip):
        """Whether this node's route table has a route to ``ip`` (``route print``)."""
        found = (
            routing.container_route(self.host, self.c, ip)
            if self.c is not None
            else routing.host_route(self.host, ip)
        )
        return found is not None

    def dns_servers(self):
        """The DNS servers of this node's first adapter that has any, in order (``ipconfig /all``)."""
        for a in self.adapters():
            if a["dns"]:
                return list(a["dns"])
        return []

    def dns_server(self):
        """The first DNS server: the one nslookup asks when no server is given."""
        servers = self.dns_servers()
        return servers[0] if servers else ""

    def addresses(self):
        return [a["ip"] for a in self.adapters() if a["ip"] is not None]

    # ------------------------------------------------------------------ names
    def resolve(self, name, server=None):
        """Resolve ``name`` as the Windows DNS client does (ping, Resolve-DnsName, curl …): ask
        each DNS server of the node in order, and pass on to the next one when a server times
        out or answers SERVFAIL; an answer or NXDOMAIN ends the search (Microsoft's "DNS client
        resolution timeouts"; moby commit 6c68be24a2: "When a tool like ping gets a SERVFAIL from
        the internal resolver, it tries the other nameservers. But, nslookup does not").  With
        ``server`` only that server is asked (nslookup, ``Resolve-DnsName -Server``).  When every
        server fails the first failure is reported (simplification: Windows picks among them)."""
        key = str(name).lower().rstrip(".")
        try:
            return Answer([ipaddress.IPv4Address(key)], True)
        except ValueError:
            pass
        if key == "localhost":
            return Answer([LOOPBACK], True)
        if key == self.hostname.lower():
            return Answer(self.addresses() or [LOOPBACK], True)
        if server:
            found = self.server_address(server)
            if found.error:
                return found
            server = str(found.addresses[0])
        servers = [server] if server else self.dns_servers()
        if not servers:
            return Answer([], error="timeout", why=f"{self.name} has no DNS server")
        failures = []
        for s in servers:
            answer = self.ask(s, key, name)
            if answer.error in ("", "nxdomain"):
                return answer
            failures.append(answer)
        why = "; ".join(f.why for f in failures)
        if len(servers) > 1:
            why = f"every DNS server of {self.name} failed ({', '.join(servers)}): {why}"
        return Answer([], error=failures[0].error, why=why)

    def server_address(self, server):
        try:
            return Answer([ipaddress.IPv4Address(str(server))], True)
        except ValueError:
            found = self.resolve(server)
            if not found.addresses:
                found.why = f"the DNS server {server} could not be found: {found.why}"
            return found

    def ask(self, server, key, name=None):
        """One query to one DNS server: the UDP 53 packet walks there (a drop is a timeout).
        Docker's resolver on the container's own nat/overlay gateway is asked directly (the
        lab does not walk that one hop) and answers the names it knows itself."""
        name = name or key
        if self.c is not None and self._is_gateway_dns(server):  # one hop: not walked
            return self._docker_resolver(server, key, name)
        leg = self.walk(ipaddress.IPv4Address(server), 53, "udp")
        if not leg.ok:
            return Answer([], error="timeout", why=f"the query to {server} was dropped: {leg.why}")
        return self._dns_server_answer(key, name)

    def _docker_resolver(self, server, key, name):
        """Docker's embedded DNS (moby ``libnetwork/resolver.go``): container, alias and service
        names of the networks this container is on; other names go to the endpoint's other DNS
        servers from Docker 26.0 on (``addEpToResolver``, "Windows resolvers don't consistently
        fall back to a secondary server if they get a SERVFAIL"), and get SERVFAIL before."""
        embedded = self._embedded(key)
        if embedded:
            return Answer(embedded, docker=True)
        answer = self._docker_forwarded(server, key, name)
        unlearned = self._unlearned(key)
        if unlearned and answer.error:
            answer.why = unlearned
        return answer

    def _unlearned(self, key):
        """Why Docker's DNS here does not know ``key`` although it lives on a swarm network this
        container shares: the node that runs it does not gossip with this one."""
        svc_name = key[len("tasks.") :] if key.startswith("tasks.") else key
        for ep in self.host.endpoints_of(self.c):
            for h in self.lab.hosts.values():
                blocked = gossip_blocked(self.lab, self.host, h)
                for other in h.endpoints.values() if blocked else ():
                    c = h.containers.get(other.container) if other.container else None
                    if other.remote or other.network != ep.network or c is None:
                        continue
                    if key == c.name.lower() or svc_name == c.service.lower():
                        return (
                            f"{key} runs on {h.name}, but {self.host.name} never learned its name: swarm "
                            f"gossip (7946/tcp+udp) between them is blocked — {blocked}"
                        )
        return ""

    def _docker_forwarded(self, server, key, name):
        engine = self.host.profile.docker_engine
        if engine_version(engine) < (26, 0):
            return Answer(
                [],
                error="servfail",
                why=f"Docker {engine}'s DNS on {server} answers only container and service names and "
                "returns SERVFAIL for the rest (Docker 26 forwards them); the Windows DNS client then "
                "asks the container's next DNS server, nslookup does not",
            )
        upstream = [d for d in self.dns_servers() if d != server]
        whys = []
        for ext in upstream:
            leg = Node(self.lab, self.host).walk(ipaddress.IPv4Address(ext), 53, "udp")
            if leg.ok:
                return self._dns_server_answer(key, name)
            whys.append(f"{ext}: {leg.why}")
        return Answer(
            [],
            error="servfail",
            why=f"Docker's DNS on {server} forwarded the query to {', '.join(upstream) or 'no server'} "
            "and got no answer (SERVFAIL)" + (": " + "; ".join(whys) if whys else ""),
        )

    def _dns_server_answer(self, key, name):
        """What a DNS server on the LAN or the internet answers (the lab's hosts, then ``engine.dnsworld``)."""
        if key in self.lab.hosts:  # the LAN's DNS knows the lab's hosts
            return Answer([self.lab.hosts[key].address])
        ip = dnsworld.lookup(self.lab, key)
        if ip is None and self.lab.container_name_taken(key):
            why = (
                f"{name} is a container: only Docker's embedded DNS (nat and overlay networks) answers "
                f"container names, and {self.name} does not share such a network with it"
            )
            return Answer([], error="nxdomain", why=why)
        if ip is None:
            return Answer([], error="nxdomain", why=f"{name} does not exist (no such name or TLD)")
        return Answer([ip])

    def _is_gateway_dns(self, server):
        return any(
            ep.enable_internal_dns and ep.gateway is not None and str(ep.gateway) == server
            for ep in self.host.endpoints_of(self.c)
        )

    def _embedded(self, key):
        """Docker's embedded DNS: names on the networks this container shares (nat, overlay)."""
        if self.c is None:
            return []
        hits = []
        for ep in self.host.endpoints_of(self.c):
            if ep.enable_internal_dns:
                hits += self._on_network(ep, key)
        return sorted(set(hits))

    def _on_network(self, ep, key):
        """Names Docker's DNS on this node knows on ``ep``'s network: its own containers, and on a
        swarm network those of the nodes it gossips with (``engine.swarm.gossip_blocked``)."""
        net = self.host.hns_networks.get(ep.network_id)
        swarm = self.lab.swarm
        svc_name = key[len("tasks.") :] if key.startswith("tasks.") else key
        if swarm is not None and svc_name in swarm.services:
            svc = swarm.services[svc_name]
            tasks = self._task_addresses(svc, ep.network)
            if ep.network in svc.vips and svc.endpoint_mode == "vip" and not key.startswith("tasks."):
                return [ipaddress.IPv4Address(str(svc.vips[ep.network]))] if tasks else []
            return tasks
        hits = []
        hosts = self._known_hosts() if net is not None and net.scope == "swarm" else [self.host]
        for h in hosts:
            for other in h.endpoints.values():
                if other.remote or other.network != ep.network or other.container is None:
                    continue
                c = h.containers.get(other.container)
                if c is None or c.service:
                    continue
                names = {other.container.lower(), c.short_id, *(al.lower() for al in other.aliases)}
                if key in names and other.address is not None:
                    hits.append(other.address)
        return hits

    def _known_hosts(self):
        return [h for h in self.lab.hosts.values() if not gossip_blocked(self.lab, self.host, h)]

    def _task_addresses(self, svc, network):
        """The addresses of the service's tasks this node knows of (its own, and the gossiping nodes')."""
        known = {h.name for h in self._known_hosts()}
        out = []
        for task in svc.tasks:
            h, c = self.lab.find_container(task)
            if h.name in known:
                out += [
                    e.address for e in h.endpoints_of(c) if e.network == network and e.address is not None
                ]
        return out

    # ------------------------------------------------------------------ connections
    def walk(self, ip, port=None, protocol="tcp"):
        """One packet from this node to ``ip`` (ICMP when ``port`` is None), through the walk."""
        try:
            t = self.lab.trace(self.name, str(ip), port=port, protocol=protocol)
        except WinNetLabError as e:
            return Leg(False, e.message, None)
        if t.delivered and t.reply is not None and not t.reply.delivered:
            return Leg(False, i18n.say("the answer never came back: {reason}", reason=t.reply.said), t)
        return Leg(t.delivered, t.said, t)  # the walk's sentence: a hint said in the session's language

    def vip_service(self, ip):
        swarm = self.lab.swarm
        if swarm is None:
            return None
        return next(
            (s for s in swarm.services.values() if any(str(v) == str(ip) for v in s.vips.values())), None
        )

    def source_for(self, ip):
        """(interface alias, source address) this node would use toward ``ip``."""
        if ip == LOOPBACK:
            return "Loopback Pseudo-Interface 1", str(LOOPBACK)
        adapters = [a for a in self.adapters() if a["ip"] is not None]
        for a in adapters:
            if ip in a["prefix"]:
                return a["name"], str(a["ip"])
        first = next((a for a in adapters if a["gateway"] is not None), adapters[0] if adapters else None)
        return (first["name"], str(first["ip"])) if first else ("", "")

    def listening(self):
        """Sockets something listens on here: [(protocol, port, pid)] — a container's image's
        ports, or the host's listeners (``engine.listeners``)."""
        if self.c is not None:
            info = self.c.image_info
            return [("tcp", p, 1000 + 4 * p) for p in (info.listens if info else (80,))]
        return [(proto, port, lst.pid) for (proto, port), lst in self.host.listeners.items()]


@dataclass
class Leg:
    ok: bool
    why: str
    trace: object


def outside(lab, ip):
    return not ip.is_private and ip not in lab.lan.prefix


def listens_at(lab, leg, port):
    """Whether the program at the end of a delivered TCP walk listens on ``port``."""
    end = getattr(leg.trace, "end", None) if leg.trace is not None else None
    if not leg.ok:
        return False
    if end and end[0] == "container" and end[2] is not None:
        host, ep = end[1], end[2]
        c = host.containers.get(ep.container)
        info = c.image_info if c is not None else None
        inner = next(
            (p.internal_port for p in ep.policies if getattr(p, "external_port", None) == port), port
        )  # a published port arrives on the container port it maps to
        return info is None or inner in info.listens or port in info.listens
    return True


# ---------------------------------------------------------------------------- ping


def ping(node, args):
    """``ping [-n N] target``: ICMP echo through the walk (a swarm VIP does not answer ICMP)."""
    words, count = list(args), 4
    low = [w.lower() for w in words]
    for flag in ("-n", "/n"):
        if flag in low:
            i = low.index(flag)
            if i + 1 >= len(words) or not words[i + 1].isdigit() or not 0 < int(words[i + 1]) <= 4294967295:
                return f"Bad value for option {flag}, valid range is from 1 to 4294967295.", 1, []
            count = min(int(words[i + 1]), 100)
            del words[i : i + 2]
            low = [w.lower() for w in words]
    if "-t" in low or "/t" in low:
        return "winnetlab: ping -t pings until Ctrl+C; use -n N here", 1, []
    if not words:
        return "IP address must be specified.", 1, []
    target = words[0]
    answer = node.resolve(target)
    if not answer.addresses:
        return (
            f"Ping request could not find host {target}. Please check the name and try again.",
            1,
            [answer.why],
        )
    ip = answer.addresses[0]
    named = target.lower() != str(ip)
    shown = f"{target} [{ip}]" if named else str(ip)
    svc = node.vip_service(ip)
    if svc is not None:
        ok, why = (
            False,
            (
                f"{ip} is the VIP of the service {svc.name}: the load balancer forwards TCP and UDP only, "
                f"so a VIP never answers ping; ping a task (nslookup tasks.{svc.name}) or test a port"
            ),
        )
    elif ip == LOOPBACK or ip in node.addresses():
        ok, why = True, ""
    else:
        leg = node.walk(ip)
        ok, why = leg.ok, leg.why
    far = outside(node.lab, ip)
    lines = ["", f"Pinging {shown} with 32 bytes of data:"]  # ping.exe starts with a blank line (sample 10)
    reply = f"Reply from {ip}: bytes=32 " + ("time=12ms TTL=117" if far else "time<1ms TTL=128")
    # no route at all: the send fails at once (Microsoft's secondary-NIC troubleshooting page)
    lost = (
        "Request timed out."
        if svc is not None or node.has_route(ip)
        else "PING: transmit failed. General failure."
    )
    lines += [reply if ok else lost] * count
    got = count if ok else 0
    lines += [
        "",
        f"Ping statistics for {ip}:",
        f"    Packets: Sent = {count}, Received = {got}, Lost = {count - got} ({0 if ok else 100}% loss),",
    ]
    if ok:
        ms = 12 if far else 0
        lines += [
            "Approximate round trip times in milli-seconds:",
            f"    Minimum = {ms}ms, Maximum = {ms}ms, Average = {ms}ms",
        ]
    return "\n".join(lines), 0 if ok else 1, [] if ok else [why]


# ---------------------------------------------------------------------------- tracert


def tracert(node, args):
    """``tracert [-d] [-h N] target``: the routers the walk crosses, then the target."""
    words = [w for w in args if w.lower() not in ("-d", "/d")]
    numeric = len(words) != len(args)
    hops_max = 30
    low = [w.lower() for w in words]
    if "-h" in low:
        i = low.index("-h")
        if i + 1 >= len(words) or not words[i + 1].isdigit():
            return "Bad value for option -h.", 1, []
        hops_max = max(1, min(int(words[i + 1]), 255))
        del words[i : i + 2]
    if not words:
        return TRACERT_USAGE, 1, []
    target = words[0]
    answer = node.resolve(target)
    if not answer.addresses:
        return f"Unable to resolve target system name {target}.", 1, [answer.why]
    ip = answer.addresses[0]
    label = f"{target} [{ip}]" if target.lower() != str(ip) and not numeric else str(ip)
    lines = ["", f"Tracing route to {label}", f"over a maximum of {hops_max} hops:", ""]
    leg = node.walk(ip)
    routers = _routers(node, ip, leg)
    far = outside(node.lab, ip)
    n = 0
    for n, router in enumerate(routers[: hops_max - 1], start=1):
        lines.append(f"{n:>3}{'<1 ms':>9}{'<1 ms':>9}{'<1 ms':>9}  {router}")
    if leg.ok and n < hops_max:
        ms = "12 ms" if far else "<1 ms"
        name = f"{target} [{ip}]" if target.lower() != str(ip) and not numeric else str(ip)
        lines.append(f"{n + 1:>3}{ms:>9}{ms:>9}{ms:>9}  {name}")
    else:
        for k in range(n + 1, hops_max + 1):
            lines.append(f"{k:>3}     *        *        *     Request timed out.")
    lines += ["", "Trace complete."]
    return "\n".join(lines), 0, [] if leg.ok else [leg.why]


TRACERT_USAGE = (
    "\nUsage: tracert [-d] [-h maximum_hops] [-j host-list] [-w timeout]\n"
    "               [-R] [-S srcaddr] [-4] [-6] target_name"
)


def _routers(node, ip, leg):
    """The IP routers between the node and ``ip``: its default gateway, then the LAN router."""
    out = []
    for r in node.routes():
        if r.destination.prefixlen == 0 and r.gateway != routing.ON_LINK:
            if not any(ip in a["prefix"] for a in node.adapters() if a["prefix"] is not None):
                out.append(str(r.gateway))
            break
    lan = node.lab.lan
    if (outside(node.lab, ip) or ip not in lan.prefix) and str(lan.router) not in out and ip != lan.router:
        if leg.trace is not None and any("router" in h.component for h in leg.trace.hops):
            out.append(str(lan.router))
    return out


# ---------------------------------------------------------------------------- nslookup


def nslookup(node, args):
    """``nslookup name [server]``: one query to one server — the node's first DNS server, or the
    one given — walked there (see Node.ask); nslookup never tries a second server.  The
    "Server:" line is the server's name from a reverse lookup (``dns.google`` for 8.8.8.8,
    microsoft/Windows-Containers#216), ``UnKnown`` when it has none or does not answer."""
    server = node.dns_server()
    if not args:
        return f"Default Server:  UnKnown\nAddress:  {server}\n\n> ", 0, []
    name = args[0]
    if len(args) > 1:
        found = node.server_address(args[1])
        if not found.addresses:
            return f"*** Can't find server address for '{args[1]}':", 1, [found.why]
        server = str(found.addresses[0])
    if not server:
        return "*** Default servers are not available\n" + f"Server:  UnKnown\nAddress:  {server}\n", 1, []
    answer = node.resolve(name, server=server)
    known = dnsworld.answers(node.lab, ipaddress.IPv4Address(server)) if answer.error != "timeout" else ""
    label = known if known and not known.startswith("a ") else "UnKnown"
    head = f"Server:  {label}\nAddress:  {server}\n"
    if answer.error == "timeout":
        timeout = "DNS request timed out.\n    timeout was 2 seconds."
        return (
            f"{timeout}\n{head}\n{timeout}\n{timeout}\n*** Request to {label} timed-out",
            1,
            [answer.why],
        )
    if answer.error == "servfail":
        return head + f"\n*** {label} can't find {name}: Server failed", 1, [answer.why]
    if not answer.addresses:
        return head + f"\n*** {label} can't find {name}: Non-existent domain", 1, [answer.why]
    addrs = answer.addresses
    tag = "Address:" if len(addrs) == 1 else "Addresses:"
    body = [f"Name:    {name}", f"{tag}  {addrs[0]}"] + [f"          {a}" for a in addrs[1:]]
    note = "" if answer.authoritative else "Non-authoritative answer:\n"
    return head + "\n" + note + "\n".join(body), 0, []


# ---------------------------------------------------------------------------- netstat


def netstat(node, args):
    """``netstat -an`` / ``-ano``: what listens here (TCP), as netstat prints it."""
    flags = "".join(a.lstrip("-/").lower() for a in args)
    if any(ch not in "anoq" for ch in flags):
        return NETSTAT_USAGE, 1, []
    pid = "o" in flags
    lines = ["", "Active Connections", "", "  Proto  Local Address          Foreign Address        State"]
    lines[-1] += "           PID" if pid else ""
    for proto, port, process_id in node.listening():
        if proto == "tcp":
            row = f"  TCP    {'0.0.0.0:' + str(port):<23}0.0.0.0:0              LISTENING"
        else:
            row = f"  UDP    {'0.0.0.0:' + str(port):<23}*:*                    "
        lines.append(row + (f"       {process_id}" if pid else "").rstrip())
    return "\n".join(lines), 0, []


NETSTAT_USAGE = (
    "\nDisplays protocol statistics and current TCP/IP network connections.\n\n"
    "NETSTAT [-a] [-b] [-e] [-f] [-i] [-n] [-o] [-p proto] [-r] [-s] [-t] [-x] [-y] [interval]"
)


def tcp_connections(node):
    """Get-NetTCPConnection objects for the listening sockets."""
    return [
        {
            "LocalAddress": "0.0.0.0",
            "LocalPort": port,
            "RemoteAddress": "0.0.0.0",
            "RemotePort": 0,
            "State": "Listen",
            "AppliedSetting": "",
            "OwningProcess": pid,
        }
        for proto, port, pid in node.listening()
        if proto == "tcp"
    ]


# ---------------------------------------------------------------------------- route


ROUTE_USAGE = (
    "\nManipulates network routing tables.\n\nROUTE [-f] [-p] [-4|-6] command [destination]\n"
    "                  [MASK netmask]  [gateway] [METRIC metric]  [IF interface]"
)


def route(node, args):
    """``route print`` / ``route [-p] add DEST MASK M GATEWAY [METRIC n]`` / ``route delete DEST``."""
    from .in_container import route_print

    words = list(args)
    persistent = any(w.lower() in ("-p", "/p") for w in words)
    words = [w for w in words if w.lower() not in ("-p", "/p", "-4", "/4")]
    if not words:
        return ROUTE_USAGE, 1, []
    verb = words[0].lower()
    owner = node.c if node.c is not None else node.host
    if verb == "print":
        persistent = [r for r in owner.static_routes if r[4]]
        text, code = route_print(node.routes(), node.adapters(), words[1:], persistent)
        return text, code, []
    if verb not in ("add", "delete", "change"):
        return ROUTE_USAGE, 1, []
    if node.c is not None and _is_user(node):
        return "The requested operation requires elevation.", 1, []
    try:
        if verb == "delete":
            if len(words) < 2:
                return ROUTE_USAGE, 1, []
            node.host.delete_route(words[1], container=node.c)
            return " OK!", 0, []
        dest, mask, gateway, metric = _route_args(words[1:])
        node.host.add_route(dest, mask, gateway, metric, persistent, container=node.c)
    except WinNetLabError as e:
        return e.message, 1, [e.hint] if e.hint else []
    except ValueError:
        return ROUTE_USAGE, 1, []
    return " OK!", 0, []


def _is_user(node):
    info = node.c.image_info
    return info is not None and "powershell" not in info.tools  # Nano Server runs as ContainerUser


def _route_args(words):
    if not words:
        raise ValueError("destination")  # route.exe prints its usage
    dest = words[0]
    mask, gateway, metric = "255.255.255.255", None, 1
    i = 1
    while i < len(words):
        w = words[i].lower()
        if w == "mask" and i + 1 < len(words):
            mask, i = words[i + 1], i + 2
        elif w == "metric" and i + 1 < len(words):
            metric, i = int(words[i + 1]), i + 2
        elif w == "if" and i + 1 < len(words):
            i += 2
        elif gateway is None:
            gateway, i = words[i], i + 1
        else:
            raise ValueError(w)
    if gateway is None:
        raise ValueError("gateway")
    return dest, mask, gateway, metric


# ---------------------------------------------------------------------------- Test-NetConnection


def test_netconnection(node, target, port):
    """The fields of Test-NetConnection (real-outputs 13), its warning and hint."""
    target = target or "internetbeacon.msedge.net"
    answer = node.resolve(target)
    alias, source = node.source_for(answer.addresses[0]) if answer.addresses else node.source_for(LOOPBACK)
    if not answer.addresses:
        rows = [
            ("ComputerName", target),
            ("RemoteAddress", ""),
            ("InterfaceAlias", alias),
            ("SourceAddress", source),
        ]
        key = "PingSucceeded" if port is None else "TcpTestSucceeded"
        rows.append((key, "False"))
        return rows, [f"Name resolution of {target} failed"], [answer.why]
    ip = answer.addresses[0]
    alias, source = node.source_for(ip)
    if port is None:
        svc = node.vip_service(ip)
        leg = (
            node.walk(ip)
            if svc is None
            else Leg(False, f"{ip} is a service VIP: it does not answer ping", None)
        )
        ok = leg.ok
        rows = [
            ("ComputerName", target),
            ("RemoteAddress", str(ip)),
            ("InterfaceAlias", alias),
            ("SourceAddress", source),
            ("PingSucceeded", str(ok)),
            ("PingReplyDetails (RTT)", ("12 ms" if outside(node.lab, ip) else "0 ms") if ok else "0 ms"),
        ]
        warn = [] if ok else [f"Ping to {ip} failed with status: TimedOut"]
        return rows, warn, [] if ok else [leg.why]
    leg = node.walk(ip, port, "tcp")
    ok = leg.ok and listens_at(node.lab, leg, port)
    why = leg.why if not leg.ok else f"nothing listens on port {port} there (the connection is refused)"
    rows = [
        ("ComputerName", target),
        ("RemoteAddress", str(ip)),
        ("RemotePort", str(port)),
        ("InterfaceAlias", alias),
        ("SourceAddress", source),
        ("TcpTestSucceeded", str(ok)),
    ]
    warn = [] if ok else [f"TCP connect to ({ip} : {port}) failed"]
    return rows, warn, [] if ok else [why]


def format_fields(rows):
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)} : {v}".rstrip() for k, v in rows)


# ---------------------------------------------------------------------------- HTTP (curl.exe, Invoke-WebRequest)

IIS_PAGE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />\n'
    "<title>IIS Windows Server</title>\n"
)
EXAMPLE_PAGE = "<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n"


@dataclass
class Http:
    """The outcome of one HTTP GET: status and body, or the failure (kind, host, port)."""

    status: int = 0
    body: str = ""
    server: str = ""
    failure: str = ""  # "", "resolve", "refused", "timeout"
    why: str = ""


def http_get(node, url):
    """GET ``url`` from the node: resolve, walk TCP to the port, and ask what answers there."""
    text = url if "://" in url else "http://" + url
    scheme, _, rest = text.partition("://")
    hostport = rest.split("/", 1)[0]
    host_text, _, port_text = hostport.partition(":")
    port = int(port_text) if port_text.isdigit() else (443 if scheme.lower() == "https" else 80)
    answer = node.resolve(host_text)
    if not answer.addresses:
        return Http(failure="resolve", why=answer.why), host_text, port
    ip = answer.addresses[0]
    leg = node.walk(ip, port, "tcp")
    if not leg.ok:
        return Http(failure="timeout", why=leg.why), host_text, port
    if not listens_at(node.lab, leg, port):
        return Http(failure="refused", why=f"nothing listens on port {port} there"), host_text, port
    end = leg.trace.end if leg.trace is not None else None
    if end and end[0] == "container" and end[2] is not None:
        c = end[1].containers.get(end[2].container)
        if (
            c is not None
            and c.image_info is not None
            and c.image_info.command.startswith("C:\\ServiceMonitor")
        ):
            return Http(200, IIS_PAGE, "Microsoft-IIS/10.0"), host_text, port
        return Http(200, f"<html><body>{c.name if c else 'app'}</body></html>\n", "Kestrel"), host_text, port
    return Http(200, EXAMPLE_PAGE, "ECS (simulated)"), host_text, port


def curl(node, args):
    """``curl.exe [-s] [-I] URL`` (Windows ships curl.exe since 1803)."""
    urls = [a for a in args if not a.startswith("-")]
    head = any(a in ("-I", "--head") for a in args)
    if not urls:
        return "curl: try 'curl --help' for more information", 2, []
    res, host_text, port = http_get(node, urls[0])
    if res.failure == "resolve":
        return f"curl: (6) Could not resolve host: {host_text}", 6, [res.why]
    if res.failure == "timeout":
        return (
            f"curl: (28) Failed to connect to {host_text} port {port} after 21045 ms: Timed out",
            28,
            [res.why],
        )
    if res.failure == "refused":
        return (
            f"curl: (7) Failed to connect to {host_text} port {port} after 0 ms: Couldn't connect to server",
            7,
            [res.why],
        )
    if head:
        return f"HTTP/1.1 {res.status} OK\nContent-Type: text/html\nServer: {res.server}\n", 0, []
    return res.body.rstrip("\n"), 0, []


# ---------------------------------------------------------------------------- dispatch


def hostname(node, args):
    return node.hostname, 0, []


def ipconfig(node, args):
    """``ipconfig [/all]`` with ``/`` or ``-`` switches (ipconfig accepts both)."""
    from .in_container import IPCONFIG_USAGE
    from .in_container import ipconfig as render

    flags = [a.lower().replace("-", "/", 1) if a.startswith("-") else a.lower() for a in args]
    if any(f not in ("/all",) for f in flags):
        return IPCONFIG_USAGE, 1, []
    search = node.c.dns_search if node.c is not None else ()
    return render(node.hostname, node.adapters(), "/all" in flags, search), 0, []


def whoami(node, args):
    user = "containeruser" if node.c is not None and _is_user(node) else "containeradministrator"
    return (
        (f"user manager\\{user}" if node.c is not None else f"{node.hostname.lower()}\\administrator"),
        0,
        [],
    )


PROGRAMS = {
    "ping": ping,
    "tracert": tracert,
    "nslookup": nslookup,
    "netstat": netstat,
    "route": route,
    "curl": curl,
    "hostname": hostname,
    "ipconfig": ipconfig,
    "whoami": whoami,
}


def program(node, name, args):
    """Run a Windows program on a node: (output, exit code, hints)."""
    return PROGRAMS[name](node, list(args))
