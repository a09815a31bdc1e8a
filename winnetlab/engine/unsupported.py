"""Docker features and options that Windows does not support, as data (reference §12).

Microsoft lists the options that Docker on Windows does not support; the real daemon does
one of three things with each: it *rejects* it with its own error message, it *accepts* it
and nothing happens (the option is stored, but never reaches HNS), or the feature simply
*does not exist* on Windows.  The simulated daemon does the same: the command fronts look
an option up here to print the rejection; an accepted-but-ineffective option prints nothing
(no daemon warns about it) and the fronts give the reason as a teaching hint.  ``wl.tables.unsupported()`` shows this table.
"""

from dataclasses import dataclass

ALL_VERSIONS = ("ltsc2016", "ltsc2019", "ltsc2022", "ltsc2025")
REJECTED = "rejected"
NO_EFFECT = "accepted, no effect"
UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class UnsupportedOption:
    """One row: which option of which command, on which Windows versions, and what happens.

    ``message`` is the real daemon's error for rejected options, and the reason given in
    the hint for accepted-but-ineffective ones.
    """

    feature: str
    command: str  # "docker run", "docker network create", …
    option: str  # "--ip6", "-o encrypted", … ("" for a whole feature)
    windows: tuple  # profile names concerned
    action: str  # REJECTED, NO_EFFECT or UNSUPPORTED
    message: str
    source: str

    def hint(self):
        """The teaching hint for an option Windows accepts silently (the output shows nothing)."""
        return f"{self.option} is accepted but has no effect on Windows: {self.message}"

    def as_dict(self):
        return {
            "feature": self.feature,
            "command": self.command,
            "option": self.option,
            "windows": ", ".join(self.windows),
            "action": self.action,
            "message": self.message,
            "source": self.source,
        }


OPTIONS = (
    UnsupportedOption(
        "IPv6 container address",
        "docker run",
        "--ip6",
        ALL_VERSIONS,
        REJECTED,
        "invalid endpoint settings:\nuser specified IP address is supported only when connecting to "
        "networks with user configured subnets",
        "moby v27.3.1 daemon/container_operations.go validateEndpointSettings + api/types/network "
        "endpoint.go validateEndpointIPAddress (no IPv6 subnet on Windows networks)",
    ),
    UnsupportedOption(
        "DNS resolver options",
        "docker run",
        "--dns-option",
        ALL_VERSIONS,
        NO_EFFECT,
        "only DNS servers (--dns) and the search list (--dns-search) reach a Windows container",
        "MS arch; moby oci_windows.go",
    ),
    UnsupportedOption(
        "auxiliary addresses",
        "docker network create",
        "--aux-address",
        ALL_VERSIONS,
        NO_EFFECT,
        "the 'windows' IPAM driver accepts them but never sends them to HNS",
        "MS arch; moby windowsipam.go",
    ),
    UnsupportedOption(
        "internal network",
        "docker network create",
        "--internal",
        ALL_VERSIONS,
        NO_EFFECT,
        'the network is shown as "Internal": true but the Windows driver does not isolate it '
        "(its only effect: --dns servers are not given to its endpoints)",
        "MS arch; moby windows.go CreateEndpoint",
    ),
    UnsupportedOption(
        "IPAM sub-range",
        "docker network create",
        "--ip-range",
        ALL_VERSIONS,
        REJECTED,
        "this request is not supported by the 'windows' ipam driver",
        "moby windowsipam.go",
    ),
    UnsupportedOption(
        "IPAM driver choice",
        "docker network create",
        "--ipam-driver",
        ALL_VERSIONS,
        NO_EFFECT,
        "HNS owns address management; local Windows networks always use the 'windows' IPAM driver",
        "MS arch; moby windowsipam.go",
    ),
    UnsupportedOption(
        "IPAM driver options",
        "docker network create",
        "--ipam-opt",
        ALL_VERSIONS,
        NO_EFFECT,
        "HNS owns address management; the 'windows' IPAM driver ignores its options",
        "MS arch; moby windowsipam.go",
    ),
    UnsupportedOption(
        "IPv6 networks",
        "docker network create",
        "--ipv6",
        ALL_VERSIONS,
        REJECTED,
        "this request is not supported by the 'windows' ipam driver",
        "moby windowsipam.go; Windows-Containers#230",
    ),
    UnsupportedOption(
        "IPv4 switched off",
        "docker network create",
        "--ipv4=false",
        ALL_VERSIONS,
        REJECTED,
        "IPv4 cannot be disabled on Windows",
        "moby windows.go CreateNetwork",
    ),
    UnsupportedOption(
        "encrypted overlay (IPsec)",
        "docker network create",
        "-o encrypted",
        ALL_VERSIONS,
        NO_EFFECT,
        "the Windows overlay driver has no encryption: traffic stays unencrypted VXLAN",
        "MS arch; MS swarm",
    ),
    UnsupportedOption(
        "host networking",
        "docker run",
        "--network host",
        ALL_VERSIONS,
        REJECTED,
        "network host not found",
        "moby hostconfig_windows.go; moby#38166",
    ),
    UnsupportedOption(
        "host IP in a port binding",
        "docker run",
        "-p 127.0.0.1:80:80",
        ALL_VERSIONS,
        REJECTED,
        "Windows does not support host IP addresses in NAT settings",
        "moby drivers/windows port_mapping.go",
    ),
    UnsupportedOption(
        "host port range",
        "docker run",
        "-p 8000-8010:80",
        ALL_VERSIONS,
        REJECTED,
        "Windows does not support more than one host port in NAT settings",
        "moby drivers/windows port_mapping.go",
    ),
    UnsupportedOption(
        "protocols other than tcp/udp",
        "docker run",
        "-p 80:80/sctp",
        ALL_VERSIONS,
        REJECTED,
        "invalid protocol sctp",
        "moby drivers/windows port_mapping.go",
    ),
    UnsupportedOption(
        "privileged containers",
        "docker run",
        "--privileged",
        ALL_VERSIONS,
        REJECTED,
        "Windows does not support privileged mode",
        "moby runconfig hostconfig_windows.go",
    ),
    UnsupportedOption(
        "read-only root filesystem",
        "docker run",
        "--read-only",
        ALL_VERSIONS,
        REJECTED,
        "Windows does not support root filesystem in read-only mode",
        "moby runconfig hostconfig_windows.go",
    ),
    UnsupportedOption(
        "sharing a Hyper-V container's network",
        "docker run",
        "--network container:<name> --isolation hyperv",
        ALL_VERSIONS,
        REJECTED,
        "invalid network-mode: using the network stack of another container is not supported "
        "while using Hyper-V Containers",
        "moby oci_windows.go",
    ),
    UnsupportedOption(
        "MTU of the default network",
        "daemon.json",
        "mtu",
        ALL_VERSIONS,
        NO_EFFECT,
        "MTU for the default network is not configurable on Windows, and this option will be ignored",
        "moby config_windows.go",
    ),
    UnsupportedOption(
        "swarm routing mesh",
        "docker service create",
        "--publish 8080:80",
        ("ltsc2016",),
        UNSUPPORTED,
        "the ingress routing mesh arrived with Windows Server 1709; on Windows Server 2016 "
        "publish with mode=host",
        "MS swarm; blog 2017-09-26",
    ),
    UnsupportedOption(
        "VIP service load balancing",
        "docker service create",
        "--endpoint-mode vip",
        ("ltsc2016",),
        UNSUPPORTED,
        "Windows Server 2016 only balances services by DNS round robin (--endpoint-mode dnsrr)",
        "MS swarm",
    ),
    UnsupportedOption(
        "hot-adding a network to a running container",
        "docker network connect",
        "",
        ("ltsc2016",),
        UNSUPPORTED,
        "Windows Server 2016 changes a container's networks only while it is stopped",
        "MS advanced; moby windows.go Join",
    ),
)


def rows():
    """Every row as a plain dict, in the table's order (for ``wl.tables.unsupported``)."""
    return [o.as_dict() for o in OPTIONS]


def lookup(command, option):
    """The row for ``option`` of ``command`` (e.g. ``"docker run"``, ``"--ip6"``)."""
    for o in OPTIONS:
        if o.command == command and o.option == option:
            return o
    raise KeyError((command, option))
