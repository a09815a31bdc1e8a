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


@dataclass(frozen=True, slots=True, kw_only=True)
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
        feature="IPv6 container address",
        command="docker run",
        option="--ip6",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="invalid endpoint settings:\nuser specified IP address is supported only when connecting to "
        "networks with user configured subnets",
        source="moby v27.3.1 daemon/container_operations.go validateEndpointSettings + api/types/network "
        "endpoint.go validateEndpointIPAddress (no IPv6 subnet on Windows networks)",
    ),
    UnsupportedOption(
        feature="DNS resolver options",
        command="docker run",
        option="--dns-option",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message="only DNS servers (--dns) and the search list (--dns-search) reach a Windows container",
        source="MS arch; moby oci_windows.go",
    ),
    UnsupportedOption(
        feature="auxiliary addresses",
        command="docker network create",
        option="--aux-address",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message="the 'windows' IPAM driver accepts them but never sends them to HNS",
        source="MS arch; moby windowsipam.go",
    ),
    UnsupportedOption(
        feature="internal network",
        command="docker network create",
        option="--internal",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message='the network is shown as "Internal": true but the Windows driver does not isolate it '
        "(its only effect: --dns servers are not given to its endpoints)",
        source="MS arch; moby windows.go CreateEndpoint",
    ),
    UnsupportedOption(
        feature="IPAM sub-range",
        command="docker network create",
        option="--ip-range",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="this request is not supported by the 'windows' ipam driver",
        source="moby windowsipam.go",
    ),
    UnsupportedOption(
        feature="IPAM driver choice",
        command="docker network create",
        option="--ipam-driver",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message="HNS owns address management; local Windows networks always use the 'windows' IPAM driver",
        source="MS arch; moby windowsipam.go",
    ),
    UnsupportedOption(
        feature="IPAM driver options",
        command="docker network create",
        option="--ipam-opt",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message="HNS owns address management; the 'windows' IPAM driver ignores its options",
        source="MS arch; moby windowsipam.go",
    ),
    UnsupportedOption(
        feature="IPv6 networks",
        command="docker network create",
        option="--ipv6",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="this request is not supported by the 'windows' ipam driver",
        source="moby windowsipam.go; Windows-Containers#230",
    ),
    UnsupportedOption(
        feature="IPv4 switched off",
        command="docker network create",
        option="--ipv4=false",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="IPv4 cannot be disabled on Windows",
        source="moby windows.go CreateNetwork",
    ),
    UnsupportedOption(
        feature="encrypted overlay (IPsec)",
        command="docker network create",
        option="-o encrypted",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message="the Windows overlay driver has no encryption: traffic stays unencrypted VXLAN",
        source="MS arch; MS swarm",
    ),
    UnsupportedOption(
        feature="host networking",
        command="docker run",
        option="--network host",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="network host not found",
        source="moby hostconfig_windows.go; moby#38166",
    ),
    UnsupportedOption(
        feature="host IP in a port binding",
        command="docker run",
        option="-p 127.0.0.1:80:80",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="Windows does not support host IP addresses in NAT settings",
        source="moby drivers/windows port_mapping.go",
    ),
    UnsupportedOption(
        feature="host port range",
        command="docker run",
        option="-p 8000-8010:80",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="Windows does not support more than one host port in NAT settings",
        source="moby drivers/windows port_mapping.go",
    ),
    UnsupportedOption(
        feature="protocols other than tcp/udp",
        command="docker run",
        option="-p 80:80/sctp",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="invalid protocol sctp",
        source="moby drivers/windows port_mapping.go",
    ),
    UnsupportedOption(
        feature="privileged containers",
        command="docker run",
        option="--privileged",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="Windows does not support privileged mode",
        source="moby runconfig hostconfig_windows.go",
    ),
    UnsupportedOption(
        feature="read-only root filesystem",
        command="docker run",
        option="--read-only",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="Windows does not support root filesystem in read-only mode",
        source="moby runconfig hostconfig_windows.go",
    ),
    UnsupportedOption(
        feature="sharing a Hyper-V container's network",
        command="docker run",
        option="--network container:<name> --isolation hyperv",
        windows=ALL_VERSIONS,
        action=REJECTED,
        message="invalid network-mode: using the network stack of another container is not supported "
        "while using Hyper-V Containers",
        source="moby oci_windows.go",
    ),
    UnsupportedOption(
        feature="MTU of the default network",
        command="daemon.json",
        option="mtu",
        windows=ALL_VERSIONS,
        action=NO_EFFECT,
        message="MTU for the default network is not configurable on Windows, and this option will be ignored",
        source="moby config_windows.go",
    ),
    UnsupportedOption(
        feature="swarm routing mesh",
        command="docker service create",
        option="--publish 8080:80",
        windows=("ltsc2016",),
        action=UNSUPPORTED,
        message="the ingress routing mesh arrived with Windows Server 1709; on Windows Server 2016 "
        "publish with mode=host",
        source="MS swarm; blog 2017-09-26",
    ),
    UnsupportedOption(
        feature="VIP service load balancing",
        command="docker service create",
        option="--endpoint-mode vip",
        windows=("ltsc2016",),
        action=UNSUPPORTED,
        message="Windows Server 2016 only balances services by DNS round robin (--endpoint-mode dnsrr)",
        source="MS swarm",
    ),
    UnsupportedOption(
        feature="hot-adding a network to a running container",
        command="docker network connect",
        option="",
        windows=("ltsc2016",),
        action=UNSUPPORTED,
        message="Windows Server 2016 changes a container's networks only while it is stopped",
        source="MS advanced; moby windows.go Join",
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
