"""Address and MAC allocation — deterministic, and O(1) per allocation.

HNS hands out container addresses from a network's prefix (the gateway, the network and
the broadcast address are never handed out) and MAC addresses from a per-network pool of
4,096 Hyper-V MACs (OUI ``00-15-5D``).  Identifiers (GUIDs, Docker ids) come from ``ids``.
"""

import heapq
import ipaddress
import re
from collections.abc import Collection

from .errors import InvalidParameter
from .ids import sha256_bytes

MAC_POOL_SIZE = 4096


class IndexPool:
    """Hands out the lowest free index of ``range(size)`` not in ``reserved``.

    Freed indexes are reused first (smallest first, via a heap); otherwise a cursor moves
    forward.  ``peek(n)`` plans allocations without changing anything, so a caller can
    validate a whole operation before committing it.
    """

    __slots__ = ("size", "reserved", "used", "cursor", "freed")

    def __init__(self, size, reserved=()):
        self.size = size
        self.reserved = frozenset(reserved)
        self.used = set()
        self.cursor = 0
        self.freed = []
        self._advance(0)

    @property
    def free(self):
        return self.size - len(self.reserved) - len(self.used)

    def lowest_free(self):
        """The index ``peek(1)`` would give, or None: the cursor unless a freed one is lower."""
        if self.freed:
            got = self.peek(1)
            return None if got is None else got[0]
        return self.cursor if self.cursor < self.size else None

    def peek(self, n=1):
        out = []
        heap = list(self.freed) if self.freed else []
        seen = set()
        while heap and len(out) < n:
            i = heapq.heappop(heap)
            if i not in self.used and i not in seen:
                seen.add(i)
                out.append(i)
        c = self.cursor
        while len(out) < n and c < self.size:
            if c not in self.used and c not in self.reserved and c not in seen:
                out.append(c)
            c += 1
        return out if len(out) == n else None

    def take(self, i):
        if i in self.used or i in self.reserved or not 0 <= i < self.size:
            raise ValueError(i)
        self.used.add(i)
        while self.freed and self.freed[0] in self.used:
            heapq.heappop(self.freed)
        if i == self.cursor:
            self._advance(i + 1)

    def _advance(self, c):
        """Move the cursor to the first index from ``c`` on that is neither used nor reserved."""
        while c < self.size and (c in self.used or c in self.reserved):
            c += 1
        self.cursor = c

    def release(self, i):
        if i in self.used:
            self.used.discard(i)
            if i < self.cursor:
                heapq.heappush(self.freed, i)


class AddressPool:
    """The IPv4 addresses of one subnet that HNS (or a DHCP server) may hand out."""

    __slots__ = ("prefix", "pool", "first", "last")

    def __init__(self, prefix, reserved=(), first=None, last=None):
        self.prefix = prefix
        base = int(prefix.network_address)
        lo = int(first) if first is not None else base + (1 if prefix.prefixlen < 31 else 0)
        hi = (
            int(last)
            if last is not None
            else int(prefix.broadcast_address) - (1 if prefix.prefixlen < 31 else 0)
        )
        self.first, self.last = lo, hi
        res = {int(a) - lo for a in reserved if lo <= int(a) <= hi}
        self.pool = IndexPool(max(0, hi - lo + 1), res)

    def contains(self, ip):
        return self.first <= int(ip) <= self.last

    def is_free(self, ip):
        i = int(ip) - self.first
        return self.contains(ip) and i not in self.pool.used and i not in self.pool.reserved

    def peek(self, n=1):
        got = self.pool.peek(n)
        return None if got is None else [ipaddress.IPv4Address(self.first + i) for i in got]

    def peek_first(self):
        """The address ``peek(1)`` would give, or None."""
        i = self.pool.lowest_free()
        return None if i is None else ipaddress.IPv4Address(self.first + i)

    def take(self, ip):
        self.pool.take(int(ip) - self.first)

    def release(self, ip):
        if ip is not None and self.contains(ip):
            self.pool.release(int(ip) - self.first)

    @property
    def used_count(self):
        return len(self.pool.used)


class MacPool:
    """A network's Hyper-V MAC pool: 4,096 addresses ``00-15-5D-XX-Y0-00`` … ``XX-YF-FF``."""

    __slots__ = ("start", "pool")

    def __init__(self, start, size=MAC_POOL_SIZE):
        self.start = start
        self.pool = IndexPool(size)

    @property
    def start_mac(self):
        return format_mac(self.start)

    @property
    def end_mac(self):
        return format_mac(self.start + self.pool.size - 1)

    def peek(self, n=1):
        got = self.pool.peek(n)
        return None if got is None else [format_mac(self.start + i) for i in got]

    def peek_first(self):
        """The MAC ``peek(1)`` would give, or None."""
        i = self.pool.lowest_free()
        return None if i is None else format_mac(self.start + i)

    def owns(self, mac):
        i = parse_mac(mac) - self.start
        return 0 <= i < self.pool.size

    def is_free(self, mac):
        i = parse_mac(mac) - self.start
        return not (0 <= i < self.pool.size) or i not in self.pool.used

    def take(self, mac):
        """Take ``mac``, written as ``format_mac`` writes it (a planned MAC always is)."""
        i = int(mac.replace("-", ""), 16) - self.start
        if 0 <= i < self.pool.size:
            self.pool.take(i)

    def release(self, mac):
        i = parse_mac(mac) - self.start
        if 0 <= i < self.pool.size:
            self.pool.release(i)


def format_mac(value):
    """``00-15-5D-4D-A0-00``: the way HNS and ipconfig write a MAC."""
    return value.to_bytes(6, "big").hex("-").upper()


_HEX12 = re.compile(r"[0-9a-fA-F]{12}")


def parse_mac(text):
    """Accepts ``00-15-5d-…``, ``00:15:5D:…`` or 12 hex digits; returns an int."""
    s = str(text).strip().replace("-", "").replace(":", "").replace(".", "")
    if not _HEX12.fullmatch(s):
        raise InvalidParameter(f"invalid MAC address: {text}")
    return int(s, 16)


def normalize_mac(text):
    return format_mac(parse_mac(text))


def docker_mac(mac):
    """Docker prints MACs lower-case with colons (``00:15:5d:d0:34:c9``)."""
    return mac.replace("-", ":").lower() if mac else ""


def parse_prefix(text, what="subnet"):
    """An IPv4 prefix from user text; IPv6 and garbage get the daemon's wording."""
    try:
        net = ipaddress.ip_network(str(text).strip(), strict=False)
    except ValueError:
        raise InvalidParameter(f"invalid {what} {text}: invalid CIDR address: {text}") from None
    if net.version != 4:
        raise InvalidParameter("windowsshim driver doesn't support v6 subnets")
    return net


def parse_ip(text, what="IP address"):
    try:
        ip = ipaddress.ip_address(str(text).strip())
    except ValueError:
        raise InvalidParameter(f"invalid {what}: {text}") from None
    if ip.version != 4:
        raise InvalidParameter(f"invalid {what}: {text} (IPv6 is not supported by the Windows drivers)")
    return ip


APIPA = ipaddress.IPv4Network("169.254.0.0/16")  # IPv4 link-local (RFC 3927), "APIPA" on Windows
_APIPA_FIRST = int(ipaddress.IPv4Address("169.254.1.0"))
_APIPA_SPAN = 254 * 256  # 169.254.1.0 - 169.254.254.255: the first and last /24 are reserved


def apipa_address(mac: str, taken: Collection = ()) -> ipaddress.IPv4Address:
    """The address a DHCP client that got no offer gives itself (Windows' "Automatic Private
    IP Addressing"): RFC 3927 §2.1 picks a pseudo-random address in 169.254.1.0 -
    169.254.254.255, seeded from the MAC so that it stays the same, and probes it with ARP,
    taking the next candidate when another machine answers (``taken``).  Here the generator is
    a hash of the MAC (deterministic; Windows' own generator is not documented)."""
    attempt = 0
    while True:
        n = int.from_bytes(sha256_bytes(f"apipa:{mac}:{attempt}")[:4], "big") % _APIPA_SPAN
        ip = ipaddress.IPv4Address(_APIPA_FIRST + n)
        if ip not in taken:
            return ip
        attempt += 1


def ip_text(value):
    """An IPv4 address (or its integer) as text, ``172.16.0.2`` — what ``str()`` of an
    ``IPv4Address`` gives, several times faster."""
    value = int(value)
    return f"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}"
