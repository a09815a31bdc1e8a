"""Host processes that listen on ports (SQL Server on 1433, IIS on 80 …).

A process on the container host that holds a TCP or UDP port keeps WinNAT from adding a
static mapping for it: ``docker run -p 1433:1433`` on ``nat`` then fails at endpoint
creation with ``The process cannot access the file because it is being used by another
process.`` (0x20) — docker/for-win#1745, #667, microsoft/vscode-docker#1299, reference §18.
``netstat -ano`` and ``Get-NetTCPConnection -State Listen`` show the listener and its PID;
``Stop-Service``/``stop_listening`` frees the port.

Simplification: the other drivers publish through VFP, which the lab does not check against
host listeners (no source shows that case).
"""

from dataclasses import dataclass

from .errors import Conflict, InvalidParameter, NotFound

SYSTEM_LISTENERS = ((135, "svchost.exe", "RpcSs"), (445, "System", ""), (5985, "System", "WinRM"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Listener:
    """A socket in the LISTENING state: protocol, local port, owning process and its PID."""

    protocol: str  # "tcp" / "udp"
    port: int
    process: str
    pid: int
    service: str = ""
    address: str = "0.0.0.0"


def _proto(protocol):
    p = str(protocol).lower()
    if p not in ("tcp", "udp"):
        raise InvalidParameter(f"invalid protocol {protocol!r}: tcp or udp")
    return p


def _port(port):
    if isinstance(port, bool) or not str(port).isdigit() or not 0 < int(port) <= 65535:
        raise InvalidParameter(f"invalid port {port!r}: a number from 1 to 65535")
    return int(port)


class ListenersMixin:
    """Listening host processes of a Host (mixed into ``Host``)."""

    def _init_listeners(self):
        self._listeners = {}
        for port, process, service in SYSTEM_LISTENERS:
            self._add_listener("tcp", port, process, service)

    def _add_listener(self, protocol, port, process, service=""):
        pid = 4 if process == "System" else 1000 + self.ids.stable_number(f"pid:{process}:{port}", 8000) * 4
        self._listeners[(protocol, port)] = Listener(
            protocol=protocol, port=port, process=process, pid=pid, service=service
        )
        return self._listeners[(protocol, port)]

    @property
    def listeners(self):
        """(protocol, port) -> Listener, in port order."""
        return dict(sorted(self._listeners.items(), key=lambda kv: (kv[0][1], kv[0][0])))

    def listen(
        self, port, process: str = "sqlservr.exe", protocol: str = "tcp", service: str = ""
    ) -> Listener:
        """Start a host process that listens on ``port`` (``0.0.0.0``)."""
        proto, port = _proto(protocol), _port(port)
        if not isinstance(process, str) or not process.strip():
            raise InvalidParameter("the process name is empty")
        if (proto, port) in self._listeners:
            other = self._listeners[(proto, port)]
            raise Conflict(
                "Only one usage of each socket address (protocol/network address/port) is normally permitted.",
                hint=f"{other.process} (PID {other.pid}) already listens on {proto} {port}",
            )
        if self.port_in_use((proto, port)):
            raise Conflict(
                "Only one usage of each socket address (protocol/network address/port) is normally permitted.",
                hint=f"{proto} {port} is published for a container: WinNAT holds it",
            )
        got = self._add_listener(proto, port, process.strip(), service)
        self.log_event("Host", "Listen", got.process, f"PID {got.pid} listens on 0.0.0.0:{port}/{proto}")
        return got

    def stop_listening(self, port, protocol: str = "tcp") -> Listener:
        """Stop the host process listening on ``port`` (as ``Stop-Service``/``Stop-Process`` would)."""
        proto, port = _proto(protocol), _port(port)
        got = self._listeners.pop((proto, port), None)
        if got is None:
            raise NotFound(f"nothing listens on {proto} port {port} on {self.name}")
        self.log_event(
            "Host", "StopListening", got.process, f"PID {got.pid} no longer listens on {port}/{proto}"
        )
        return got

    def listener(self, protocol, port):
        return self._listeners.get((protocol, port))
