"""The host's Windows Firewall (Windows Defender Firewall with Advanced Security).

Three kinds of inbound rules live on a container host:

* **Windows' built-in rules** (``Windows Remote Management (HTTP-In)``, the ICMPv4 echo rule
  of *File and Printer Sharing*, *Remote Desktop*): real names and ports from a stock
  Windows Server; only the few that matter to a container host are modelled.
* **The rules HNS adds** for every port published on a ``nat`` network (``winnat.FirewallRule``;
  their real names were never captured, reference §17 — the lab's names are its own).
* **Rules an administrator adds** with ``New-NetFirewallRule`` (``host.add_firewall_rule``).
  Microsoft's swarm-mode page asks the operator to open 2377/tcp, 7946/tcp+udp and 4789/udp
  between the nodes before ``docker swarm init``/``join``: a fresh lab host has done that step,
  with rules whose names are the lab's own (marked ``inferred``; Docker itself adds none).
  The lab enforces each port where it matters: 2377/tcp at ``swarm join`` (``swarm.
  check_manager_reachable``), 7946/tcp+udp for the nodes' gossip (``swarm.gossip_blocked``:
  names and remote endpoints of the other node), 4789/udp on the VXLAN path (the walk).

How Windows decides (documented behaviour of WFP): when the firewall is on for the active
profile, a matching enabled **block** rule wins over any allow rule; otherwise a matching
enabled allow rule admits the packet; otherwise the profile's default inbound action
(Block) drops it.  ``Set-NetFirewallProfile -Enabled False`` turns filtering off for a
profile.  Simplifications: every host adapter is on the ``Public`` profile (a server that
was never domain-joined), rules match on direction, protocol, local port and remote
address only, and outbound filtering (default Allow) is not modelled.
"""

import ipaddress
from dataclasses import dataclass, replace

from .errors import InvalidParameter, NotFound

PROFILES = ("Domain", "Private", "Public")
ACTIVE_PROFILE = "Public"
SWARM_PORTS = (("TCP", 2377), ("TCP", 7946), ("UDP", 7946), ("UDP", 4789))


@dataclass(frozen=True, slots=True, kw_only=True)
class NetFirewallRule:
    """One inbound or outbound rule as ``Get-NetFirewallRule`` shows it.

    ``local_ports``/``remote_addresses`` are empty tuples for ``Any``; ``origin`` is
    "Windows" (built in), "Administrator" (New-NetFirewallRule) or "lab" (set up by the lab,
    name inferred).
    """

    name: str
    display_name: str
    direction: str = "Inbound"
    action: str = "Allow"
    protocol: str = "Any"  # "TCP", "UDP", "ICMPv4", "Any"
    local_ports: tuple = ()
    remote_addresses: tuple = ()  # IPv4Network objects
    enabled: bool = True
    group: str = ""
    origin: str = "Administrator"

    @property
    def inferred(self):
        return self.origin == "lab"

    def matches(self, protocol, port, remote):
        if self.protocol != "Any" and self.protocol.lower() != protocol.lower():
            return False
        if self.local_ports and port not in self.local_ports:
            return False
        return not self.remote_addresses or (
            remote is not None and any(remote in n for n in self.remote_addresses)
        )

    def describe(self):
        ports = ",".join(map(str, self.local_ports)) or "Any"
        remote = ",".join(map(str, self.remote_addresses)) or "Any"
        return f"{self.action} {self.direction} {self.protocol} port {ports} from {remote}"


BUILT_IN = (
    NetFirewallRule(
        name="WINRM-HTTP-In-TCP",
        display_name="Windows Remote Management (HTTP-In)",
        protocol="TCP",
        local_ports=(5985,),
        group="Windows Remote Management",
        origin="Windows",
    ),
    NetFirewallRule(
        name="FPS-ICMP4-ERQ-In",
        display_name="File and Printer Sharing (Echo Request - ICMPv4-In)",
        protocol="ICMPv4",
        group="File and Printer Sharing",
        origin="Windows",
    ),
    NetFirewallRule(
        name="RemoteDesktop-UserMode-In-TCP",
        display_name="Remote Desktop - User Mode (TCP-In)",
        protocol="TCP",
        local_ports=(3389,),
        enabled=False,
        group="Remote Desktop",
        origin="Windows",
    ),
)
SWARM_RULES = tuple(
    NetFirewallRule(
        name=f"Swarm-{proto}-{port}",
        display_name=f"Docker swarm {port}/{proto.lower()}",
        protocol=proto,
        local_ports=(port,),
        group="Docker swarm (lab setup)",
        origin="lab",
    )
    for proto, port in SWARM_PORTS
)


def _protocol(value):
    text = str(value or "Any").strip()
    names = {
        "tcp": "TCP",
        "6": "TCP",
        "udp": "UDP",
        "17": "UDP",
        "icmpv4": "ICMPv4",
        "1": "ICMPv4",
        "any": "Any",
    }
    if text.lower() not in names:
        raise InvalidParameter(
            f"The protocol '{text}' is not valid: use TCP, UDP, ICMPv4, Any or a protocol number"
        )
    return names[text.lower()]


def _ports(value, protocol):
    if value in (None, "", "Any", "any", ()):
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    out = []
    for item in items:
        text = str(item).strip()
        if not text.isdigit() or not 0 < int(text) <= 65535:
            raise InvalidParameter(f"The port '{text}' is not valid: use a number from 1 to 65535 or Any")
        out.append(int(text))
    if protocol not in ("TCP", "UDP"):
        raise InvalidParameter("The port is only valid when the protocol is TCP or UDP.")
    return tuple(out)


def _addresses(value):
    if value in (None, "", "Any", "any", ()):
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    out = []
    for item in items:
        try:
            out.append(ipaddress.IPv4Network(str(item).strip(), strict=False))
        except ValueError:
            raise InvalidParameter(
                f"The address '{item}' is not valid: use an IPv4 address, a prefix or Any"
            ) from None
    return tuple(out)


def _decide(protocol, port, remote, blocks, allows, extra):
    """The first matching block rule wins; else the first matching allow rule (``extra`` ones
    apply without matching); else Windows Firewall's default inbound action, Block."""
    proto = {"tcp": "TCP", "udp": "UDP", "icmp": "ICMPv4"}.get(protocol, protocol)
    for r in blocks:
        if r.matches(proto, port, remote):
            return False, r, f"the block rule '{r.display_name}' ({r.describe()}) wins over allow rules"
    for r in allows:
        if r.action == "Allow" and (r in extra or r.matches(proto, port, remote)):
            return True, r, f"allowed by '{r.display_name}'"
    what = f"{proto} {port}" if port is not None else proto
    return False, None, f"no enabled allow rule matches inbound {what}: the default inbound action is Block"


def _choice(value, choices, what):
    text = str(value).strip()
    for c in choices:
        if text.lower() == c.lower():
            return c
    raise InvalidParameter(f"The {what} '{text}' is not valid: use " + " or ".join(choices))


class FirewallMixin:
    """The Windows Firewall of a Host (mixed into ``Host``)."""

    def _init_firewall(self):
        self._fw_rules = {r.name: r for r in BUILT_IN + SWARM_RULES}
        self._fw_profiles = {p: True for p in PROFILES}

    @property
    def host_firewall_rules(self):
        """Built-in, lab and administrator rules (``firewall_rules`` are HNS's published-port rules)."""
        return tuple(self._fw_rules.values())

    @property
    def firewall_profiles(self):
        return dict(self._fw_profiles)

    def add_firewall_rule(
        self,
        display_name: str,
        direction: str = "Inbound",
        local_port=None,
        protocol: str = "Any",
        action: str = "Allow",
        remote_address=None,
        name: str | None = None,
        enabled: bool = True,
    ) -> NetFirewallRule:
        """``New-NetFirewallRule -DisplayName … -Direction … -LocalPort … -Protocol … -Action …``.

        Windows names a rule without ``-Name`` with a new GUID; the lab uses a stable one.
        """
        if not isinstance(display_name, str) or not display_name.strip():
            raise InvalidParameter(
                "Cannot validate argument on parameter 'DisplayName'. The argument is null or empty."
            )
        direction = _choice(direction, ("Inbound", "Outbound"), "direction")
        action = _choice(action, ("Allow", "Block"), "action")
        proto = _protocol(protocol)
        rule = NetFirewallRule(
            name=name or "{" + self.ids.guid("firewall-rule").lower() + "}",
            display_name=display_name.strip(),
            direction=direction,
            action=action,
            protocol=proto,
            local_ports=_ports(local_port, proto),
            remote_addresses=_addresses(remote_address),
            enabled=bool(enabled),
        )
        if rule.name in self._fw_rules:
            raise InvalidParameter(
                "Cannot create a file when that file already exists.", hint=f"a rule named {rule.name} exists"
            )
        self._fw_rules[rule.name] = rule
        self.log_event("Firewall", "NewNetFirewallRule", rule.display_name, rule.describe())
        return rule

    def find_firewall_rules(self, name=None, display_name=None):
        """Rules whose Name (or DisplayName) is ``name`` (``display_name``)."""
        return [
            r
            for r in self._fw_rules.values()
            if (name is None or r.name.lower() == str(name).lower())
            and (display_name is None or r.display_name.lower() == str(display_name).lower())
        ]

    def remove_firewall_rule(self, name: str) -> list:
        """``Remove-NetFirewallRule -Name/-DisplayName``: every rule with that Name or DisplayName."""
        gone = self.find_firewall_rules(name=name) or self.find_firewall_rules(display_name=name)
        if not gone:
            raise NotFound(
                f"No MSFT_NetFirewallRule objects found with property 'ElementName' equal to '{name}'.  "
                "Verify the value of the property and retry."
            )
        for r in gone:
            del self._fw_rules[r.name]
            self.log_event("Firewall", "RemoveNetFirewallRule", r.display_name, r.describe())
        return gone

    def set_firewall_rule_enabled(self, name: str, enabled: bool) -> list:
        """``Enable-/Disable-NetFirewallRule``."""
        rules = self.find_firewall_rules(name=name) or self.find_firewall_rules(display_name=name)
        if not rules:
            raise NotFound(
                f"No MSFT_NetFirewallRule objects found with property 'Name' equal to '{name}'.  "
                "Verify the value of the property and retry."
            )
        for r in rules:
            self._fw_rules[r.name] = replace(r, enabled=bool(enabled))
            self.log_event(
                "Firewall", "EnableNetFirewallRule" if enabled else "DisableNetFirewallRule", r.display_name
            )
        return rules

    def set_firewall_profile(self, profiles=PROFILES, enabled: bool = True):
        """``Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled True|False``."""
        names = [profiles] if isinstance(profiles, str) else list(profiles)
        chosen = [_choice(p, PROFILES, "profile") for n in names for p in str(n).split(",") if p.strip()]
        for p in chosen:
            self._fw_profiles[p] = bool(enabled)
        self.log_event("Firewall", "SetNetFirewallProfile", ",".join(chosen), f"Enabled {bool(enabled)}")

    def _firewall_state(self):
        """The enabled inbound rules (the block rules apart) and the verdicts already given
        with them, kept until the host changes (``Host.dated``: every rule or profile change
        logs an event) — walks ask the same questions: every overlay trace checks the nodes'
        gossip ports."""
        return self.dated("firewall", self._firewall_rules_now)

    def _firewall_rules_now(self):
        live = tuple(r for r in self._fw_rules.values() if r.enabled and r.direction == "Inbound")
        return tuple(r for r in live if r.action == "Block"), live, {}

    def firewall_verdict(self, protocol, port, remote, extra=()):
        """Decide an unsolicited inbound packet to the host: ``(allowed, rule or None, why)``.

        ``extra`` are further allow rules that apply (the HNS rule of a published port).
        """
        if not self._fw_profiles[ACTIVE_PROFILE]:
            return True, None, f"the firewall is off for the {ACTIVE_PROFILE} profile"
        blocks, live, verdicts = self._firewall_state()
        if extra:
            return _decide(protocol, port, remote, blocks, (*extra, *live), extra)
        key = (protocol, port, remote)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _decide(protocol, port, remote, blocks, live, ())
        return verdict
