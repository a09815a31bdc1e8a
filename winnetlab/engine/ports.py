"""Published ports: parsing ``-p`` specs the way Docker on Windows does.

``[hostPort:]containerPort[/protocol]``; a host IP or a host-port range is refused by the
Windows driver, only tcp and udp exist, and a host port of 0 (``-p 80``, ``-P``) lets HNS
(nat) or Docker's port allocator (other drivers) pick an ephemeral port.
"""

from dataclasses import dataclass

from .errors import InvalidParameter, Unsupported

EPHEMERAL_FIRST = 49152
EPHEMERAL_LAST = 65535


@dataclass(frozen=True, slots=True, kw_only=True)
class PortSpec:
    protocol: str  # "tcp" / "udp"
    host_port: int  # 0 = pick one
    container_port: int

    def __str__(self):
        return f"{self.host_port or ''}{':' if self.host_port else ''}{self.container_port}/{self.protocol}"


def _port(text, what):
    if not text.isdigit() or not 0 < int(text) <= 65535:
        raise InvalidParameter(f"invalid {what}: {text}")
    return int(text)


def parse_publish(spec):
    """One ``-p`` value -> PortSpec, with the daemon's refusals."""
    spec = str(spec).strip()
    if not spec:
        raise InvalidParameter('invalid port specification: ""')
    body, _, proto = spec.partition("/")
    proto = (proto or "tcp").lower()
    parts = body.split(":")
    if len(parts) > 3 or any(p == "" for p in parts[-1:]):
        raise InvalidParameter(f'invalid port specification: "{spec}"')
    if len(parts) == 3:
        if parts[0]:
            raise Unsupported("Windows does not support host IP addresses in NAT settings")
        parts = parts[1:]
    host_text = parts[0] if len(parts) == 2 else ""
    cont_text = parts[-1]
    if "-" in cont_text:
        raise Unsupported("Windows does not support more than one host port in NAT settings")
    container_port = _port(cont_text, "containerPort")
    if "-" in host_text:
        lo, _, hi = host_text.partition("-")
        if lo != hi:
            raise Unsupported("Windows does not support more than one host port in NAT settings")
        host_text = lo
    host_port = _port(host_text, "hostPort") if host_text not in ("", "0") else 0
    if proto not in ("tcp", "udp"):
        raise InvalidParameter(f"invalid protocol {proto}")
    return PortSpec(protocol=proto, host_port=host_port, container_port=container_port)
