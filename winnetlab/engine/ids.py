"""Identifiers: every GUID, Docker id and derived name in the lab is made here.

Windows and Docker name their objects with random identifiers; the lab derives them from
SHA-256 instead, so the same seed gives the same ids in every process.  Three GUID shapes
appear, each where its real counterpart appears:

- ``hns_guid``: what HNS prints for the objects it creates (``Get-HnsNetwork``'s ``Id``):
  upper case, a version-4 GUID whose variant digit is always ``A`` (a simplification: a real
  one is one of 8, 9, A, B);
- ``plain_guid``: upper case, the 32 hex digits as they come (no version digit) — for an
  object read from a dump or a request that came without an ``ID``;
- ``uuid4_text``: lower case RFC 4122 version 4, Docker's daemon ``ID`` (``docker info``).

Docker's ids are 64 hex digits (``hex64``), shown cut to 12 (``short_id``, Docker's
``TruncateID``); swarm's node, task and token ids are base 36 (``base36``).
Only this module hashes: nothing else in winnetlab imports ``hashlib``.
"""

from hashlib import sha256


def sha256_hex(text: str) -> str:
    """The 64 lower-case hex digits of SHA-256 over ``text``."""
    return sha256(text.encode()).hexdigest()


def sha256_bytes(text: str) -> bytes:
    """The 32 bytes of SHA-256 over ``text`` (for values derived bit by bit, e.g. a DUID)."""
    return sha256(text.encode()).digest()


def derived_hex64(*parts) -> str:
    """A 64-hex id derived from other values (no counter), e.g. a Docker endpoint id."""
    return sha256_hex(":".join(str(p) for p in parts))


def content_id(text: str) -> str:
    """A content-addressed id as Docker writes image ids and digests: ``sha256:<64 hex>``."""
    return "sha256:" + sha256_hex(text)


def hns_guid(hex_digits: str) -> str:
    """An HNS GUID (``94530BEE-C40A-4…-A…``) from at least 32 hex digits."""
    h = hex_digits.upper()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-A{h[17:20]}-{h[20:32]}"


def plain_guid(hex_digits: str) -> str:
    """An upper-case GUID that is the first 32 hex digits as they are (no version digit)."""
    h = hex_digits.upper()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def uuid4_text(hex_digits: str) -> str:
    """A lower-case RFC 4122 version-4 UUID (variant digit 8, 9, a or b) from 32 hex digits."""
    h = hex_digits.lower()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"


def short_id(docker_id: str) -> str:
    """The first 12 characters, as ``docker ps``/``network ls`` show an id (``TruncateID``)."""
    return docker_id[:12]


def base36(seed_text: str, length: int) -> str:
    """``length`` base-36 digits derived from ``seed_text`` (swarm ids: node, task, join token)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    n = int(sha256_hex(seed_text), 16)
    out = []
    for _ in range(length):
        n, r = divmod(n, 36)
        out.append(digits[r])
    return "".join(out)


class IdSource:
    """A host's (or the lab's) id counters: ``sha256(seed:scope:kind:n)``.

    A failed call never bumps a counter, so it consumes no id.
    """

    __slots__ = ("seed", "scope", "counters", "head")
    LABFILE_TRANSIENT = ("head",)  # made again from seed and scope

    def __init__(self, seed, scope):
        self.seed = seed
        self.scope = scope
        self.counters = {}
        self.head = f"{seed}:{scope}:"  # the text every id of this source starts from

    def upgrade_loaded_state(self):
        """A source read from a lab file: ``head`` is not saved, it is made again."""
        self.head = f"{self.seed}:{self.scope}:"

    def hex64(self, kind):
        """The next 64-hex Docker id of ``kind``: every id of this source is one of these."""
        n = self.counters.get(kind, 0) + 1
        self.counters[kind] = n
        return sha256(f"{self.head}{kind}:{n}".encode()).hexdigest()

    def guid(self, kind):
        """The next HNS GUID of ``kind``."""
        return hns_guid(self.hex64(kind))

    def number(self, kind, modulo):
        return int(self.hex64(kind)[:12], 16) % modulo

    def stable_number(self, key, modulo):
        """A number derived from ``key`` alone: planning may call it without consuming anything."""
        return int(sha256_hex(f"{self.seed}:{self.scope}:{key}")[:12], 16) % modulo
