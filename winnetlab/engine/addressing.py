"""Address and MAC allocation — deterministic, and O(1) per allocation.

HNS hands out container addresses from a network's prefix (the gateway, the network and
the broadcast address are never handed out) and MAC addresses from a per-network pool of
4,096 Hyper-V MACs (OUI ``00-15-5D``).  Identifiers (GUIDs, Docker ids) come from ``ids``.
"""

import ipaddress
import re
from collections.abc import Collection

from .errors import InvalidParameter
from .ids import sha256_bytes

MAC_POOL_SIZE = 4096


class IndexPool:
    """Hands out the lowest free index of ``range(size)`` not in ``reserved``.

    ``taken`` is a bytearray with a 1 for every index used or reserved; it reaches only as far
    as the highest index handed out so far (a /8 network costs nothing before it is used) and
    grows by doubling.  ``cursor`` is always the lowest free index, so the next one is found
    at C speed (``bytearray.find``) and a freed index is simply the cursor again.  ``peek(n)``
    plans allocations without changing anything, so a caller can validate a whole operation
    before committing it.
    """

    __slots__ = ("size", "reserved", "taken", "cursor")

    def __init__(self, size, reserved=()):
        self.size = size
        self.reserved = frozenset(i for i in reserved if 0 <= i < size)
        self.taken = bytearray()
        self.cursor = self._free_from(0)

    @property
    def used_count(self):
        """How many indexes are handed out (reserved ones are not)."""
        return self.taken.count(1) - sum(1 for r in self.reserved if r < len(self.taken))

    @property
    def free(self):
        return self.size - len(self.reserved) - self.used_count

    def _reach(self, i):
        """Make ``taken`` reach index ``i`` (< size), marking the reserved indexes it adds."""
        old = len(self.taken)
        new = min(self.size, max(i + 1, 2 * old, 64))
        self.taken.extend(bytes(new - old))
        for r in self.reserved:
            if old <= r < new:
                self.taken[r] = 1

    def _free_from(self, c):
        """The lowest free index from ``c`` on (``size`` when there is none); beyond ``taken``
        only the reserved indexes are not free."""
        end = len(self.taken)
        if c < end:
            found = self.taken.find(0, c)
            if found >= 0:
                return found
            c = end
        while c < self.size and c in self.reserved:
            c += 1
        return min(c, self.size)

    def is_free(self, i):
        return 0 <= i < self.size and not (i < len(self.taken) and self.taken[i]) and i not in self.reserved

    def peek(self, n=1):
        out, c = [], self.cursor
        while len(out) < n and c < self.size:
            c = self._free_from(c)
            if c < self.size:
                out.append(c)
                c += 1
        return out if len(out) == n else None

    def take(self, i):
        if not i == self.cursor < self.size and not self.is_free(i):  # the cursor is free by definition
            raise ValueError(i)
        if i >= len(self.taken):
            self._reach(i)
        taken = self.taken
        taken[i] = 1
        if i == self.cursor:  # the next free one is most often just after it
            found = taken.find(0, i + 1)
            self.cursor = found if found >= 0 else self._free_from(i + 1)

    def upgrade_former_fields(self, former):
        """A pool from a lab file saved before the bitmap: ``used`` was a set of indexes (and
        ``freed`` a heap of some of the free ones, now the cursor's job)."""
        used = former.get("used", ())
        self.taken = bytearray()
        if used:
            self._reach(max(used))
        for i in used:
            self.taken[i] = 1
        self.cursor = self._free_from(0)

    def release(self, i):
        if 0 <= i < len(self.taken) and self.taken[i] and i not in self.reserved:
            self.taken[i] = 0
            self.cursor = min(self.cursor, i)


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
        return self.contains(ip) and self.pool.is_free(int(ip) - self.first)

    def peek(self, n=1):
        got = self.pool.peek(n)
        return None if got is None else [ipaddress.IPv4Address(self.first + i) for i in got]

    def peek_first(self):
        """The address ``peek(1)`` would give (the pool's cursor), or None."""
        i = self.pool.cursor
        return ipaddress.IPv4Address(self.first + i) if i < self.pool.size else None

    def take(self, ip):
        self.pool.take(int(ip) - self.first)

    def release(self, ip):
        if ip is not None and self.contains(ip):
            self.pool.release(int(ip) - self.first)

    @property
    def used_count(self):
        return self.pool.used_count


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
        """The MAC ``peek(1)`` would give (the pool's cursor), or None."""
        i = self.pool.cursor
        return format_mac(self.start + i) if i < self.pool.size else None

    def owns(self, mac):
        i = parse_mac(mac) - self.start
        return 0 <= i < self.pool.size

    def is_free(self, mac):
        i = parse_mac(mac) - self.start
        return not (0 <= i < self.pool.size) or self.pool.is_free(i)

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
