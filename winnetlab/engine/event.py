"""The event log entry: one step of the HNS/HCS story a host tells (``host.events``)."""

from dataclasses import dataclass

# The events every container start logs, by (actor, action, detail template).  The host's log
# stores one of these as its number (-1, -2, …) and its target and arguments only
# (``Host.log_recipe``): with tens of thousands of containers, the actor, action and template
# are kept once, here.  Append only — lab files keep the numbers.
(
    CREATE_CONTAINER,
    CREATE_NAMESPACE,
    COMPUTE_SYSTEM_PROCESS,
    COMPUTE_SYSTEM_HYPERV,
    CREATE_ENDPOINT,
    CREATE_ENDPOINT_DHCP,
    ATTACH_ENDPOINT,
    CREATE_PORT,
    CONFIGURE_ENDPOINT,
    CONFIGURE_ENDPOINT_NO_DNS,
    CONFIGURE_ENDPOINT_DHCP,
    CONFIGURE_ENDPOINT_DHCP_NO_DNS,
    START_CONTAINER,
) = range(-1, -14, -1)
RECIPES = (
    ("Docker", "CreateContainer", "image {}, isolation {}"),
    ("HNS", "CreateNamespace", "namespace {}, compartment {}"),
    ("HCS", "CreateComputeSystem", "process isolation: host vNIC per endpoint"),
    ("HCS", "CreateComputeSystem", "Hyper-V isolation: utility VM with a synthetic vmNIC"),
    ("HNS", "CreateEndpoint", "id {}, {}/{}, MAC {}"),
    ("HNS", "CreateEndpoint", "id {}, no address in HNS (DHCP), MAC {}"),
    ("HCS", "AttachEndpoint", "{} placed in compartment {}"),
    ("vSwitch", "CreatePort", "port for {} ({})"),
    ("HNS", "ConfigureEndpoint", "IP {}/{}, gateway {}, DNS {}"),
    ("HNS", "ConfigureEndpoint", "IP {}/{}, gateway {}, DNS {}, no internal DNS"),
    ("HNS", "ConfigureEndpoint", "IP no address in HNS (DHCP), gateway {}, DNS {}"),
    ("HNS", "ConfigureEndpoint", "IP no address in HNS (DHCP), gateway {}, DNS {}, no internal DNS"),
    ("Docker", "StartContainer", "{} endpoint(s)"),
)
RECIPE_ARGS = tuple(template.count("{}") for _, _, template in RECIPES)  # arguments each takes


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One step of the HNS/HCS story of an operation, in order (``seq`` counts per host)."""

    seq: int
    actor: str  # "Docker", "HNS", "HCS", "WinNAT", "VFP", "Firewall", "vSwitch"
    action: str
    target: str
    detail: str = ""
