"""The DNS of the lab's internet: which names exist and which address each has.

Well-known names resolve to their well-known addresses (``dns.google`` -> 8.8.8.8 …).  Any
other name under a common generic or country TLD resolves, deterministically, to an address
in the ranges RFC 5737 reserves for documentation (198.51.100.0/24 TEST-NET-2 and
203.0.113.0/24 TEST-NET-3): the lab invents no real company's address, and the same name
always gets the same address.  The TLDs RFC 6761 reserves (``.test``, ``.example``,
``.invalid``, ``.localhost``) and TLDs that do not exist do not resolve (NXDOMAIN).  A lab
adds its own names with ``lab.add_dns_record(name, ip)``.

``www.example.com`` keeps 93.184.216.34, the address IANA's example domain long had.
Simplification: one A record per generated name; no AAAA, CNAME or TTLs.
"""

import ipaddress
import re

from .addressing import parse_ip
from .errors import InvalidParameter
from .ids import sha256_hex

WELL_KNOWN = {
    "dns.google": "8.8.8.8",
    "one.one.one.one": "1.1.1.1",
    "dns.quad9.net": "9.9.9.9",
    "resolver1.opendns.com": "208.67.222.222",
    "www.example.com": "93.184.216.34",
    "example.com": "93.184.216.34",
}
RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost"})
COMMON_TLDS = frozenset(
    [
        "com",
        "net",
        "org",
        "edu",
        "gov",
        "mil",
        "int",
        "info",
        "biz",
        "io",
        "dev",
        "app",
        "cloud",
        "ai",
        "co",
        "me",
        "tv",
        "xyz",
        "online",
        "site",
        "tech",
        "uk",
        "de",
        "fr",
        "jp",
        "kr",
        "cn",
        "nl",
        "eu",
        "ca",
        "au",
        "us",
        "it",
        "es",
        "se",
        "no",
        "fi",
        "dk",
        "ch",
        "at",
        "be",
        "pl",
        "cz",
        "pt",
        "ie",
        "in",
        "br",
        "mx",
        "ru",
        "nz",
        "sg",
        "hk",
        "tw",
    ]
)
DOCUMENTATION = (ipaddress.IPv4Network("198.51.100.0/24"), ipaddress.IPv4Network("203.0.113.0/24"))
LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def valid_name(name: str) -> bool:
    labels = name.lower().rstrip(".").split(".")
    return len(name) <= 253 and all(LABEL.match(label) for label in labels)


def generated(name: str) -> ipaddress.IPv4Address:
    """The documentation address a name under a common TLD gets (same name, same address)."""
    digest = int(sha256_hex(name), 16)
    net = DOCUMENTATION[digest % 2]
    return net.network_address + 20 + (digest >> 8) % 230


def lookup(lab, name: str):
    """The IPv4 address of ``name`` on the lab's internet, or None (NXDOMAIN)."""
    key = str(name).lower().rstrip(".")
    if key in lab.lan.outside:
        return lab.lan.outside[key]
    if not valid_name(key) or "." not in key:
        return None
    tld = key.rsplit(".", 1)[1]
    if tld in RESERVED_TLDS or tld not in COMMON_TLDS:
        return None
    return generated(key)


def answers(lab, ip) -> str:
    """The name of the internet server at ``ip`` (every looked-up name has one), or ""."""
    named = sorted(n for n, a in lab.lan.outside.items() if a == ip)
    if named:
        return named[0]
    return "a web server" if any(ip in net for net in DOCUMENTATION) else ""


def add_record(lab, name, ip) -> None:
    """``lab.add_dns_record``: validate, then add (or replace) an A record."""
    if not isinstance(name, str) or not valid_name(name) or "." not in name:
        raise InvalidParameter(
            f"invalid DNS name {name!r}: use a fully qualified name such as app.contoso.com"
        )
    address = parse_ip(ip, "IP address")
    lab.lan.outside[name.lower().rstrip(".")] = address
