"""The event log entry: one step of the HNS/HCS story a host tells (``host.events``)."""

from dataclasses import dataclass
from string import Formatter

# The events every container start logs, as recipes: a recipe is one or more events, each
# (actor, action, target, detail), whose target and detail are ``str.format`` templates over
# the values the log keeps with the recipe's number (-1, -2, …; ``Host.log_recipe``).  With
# tens of thousands of containers, the actors, actions and templates are kept once, here,
# and one entry of the log can hold the four events of an endpoint.  Append only: lab files
# keep the numbers (-2 and -5 … -10 are written no more; files saved before -14 … -18 hold them).
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
    START_PROCESS,
    START_HYPERV,
    ENDPOINT_UP,
    ENDPOINT_UP_NO_DNS,
    ENDPOINT_DHCP,
) = range(-1, -19, -1)

_NAMESPACE = ("HNS", "CreateNamespace", "{0}", "namespace {1}, compartment {2}")
_PROCESS = ("HCS", "CreateComputeSystem", "{0}", "process isolation: host vNIC per endpoint")
_HYPERV = ("HCS", "CreateComputeSystem", "{0}", "Hyper-V isolation: utility VM with a synthetic vmNIC")
# an endpoint's values: container, network, id, MAC, vNIC/vmNIC, compartment, vSwitch[, IP,
# prefix length, gateway, DNS text]; its events name it container@network
_ENDPOINT = "{0}@{1}"
_CREATED = ("HNS", "CreateEndpoint", _ENDPOINT, "id {2}, {7}/{8}, MAC {3}")
_CREATED_DHCP = ("HNS", "CreateEndpoint", _ENDPOINT, "id {2}, no address in HNS (DHCP), MAC {3}")
_ATTACHED = ("HCS", "AttachEndpoint", _ENDPOINT, "{4} placed in compartment {5}")
_PORT = ("vSwitch", "CreatePort", "{6}", "port for {0}@{1} ({3})")
_CONFIGURED = ("HNS", "ConfigureEndpoint", _ENDPOINT, "IP {7}/{8}, gateway {9}, DNS {10}")
_CONFIGURED_NO_DNS = (*_CONFIGURED[:3], _CONFIGURED[3] + ", no internal DNS")
RECIPES = (
    (("Docker", "CreateContainer", "{0}", "image {1}, isolation {2}"),),
    (_NAMESPACE,),
    (_PROCESS,),
    (_HYPERV,),
    (("HNS", "CreateEndpoint", "{0}", "id {1}, {2}/{3}, MAC {4}"),),
    (("HNS", "CreateEndpoint", "{0}", "id {1}, no address in HNS (DHCP), MAC {2}"),),
    (("HCS", "AttachEndpoint", "{0}", "{1} placed in compartment {2}"),),
    (("vSwitch", "CreatePort", "{0}", "port for {1} ({2})"),),
    (("HNS", "ConfigureEndpoint", "{0}", "IP {1}/{2}, gateway {3}, DNS {4}"),),
    (("HNS", "ConfigureEndpoint", "{0}", "IP {1}/{2}, gateway {3}, DNS {4}, no internal DNS"),),
    (("HNS", "ConfigureEndpoint", "{0}", "IP no address in HNS (DHCP), gateway {1}, DNS {2}"),),
    (
        (
            "HNS",
            "ConfigureEndpoint",
            "{0}",
            "IP no address in HNS (DHCP), gateway {1}, DNS {2}, no internal DNS",
        ),
    ),
    (("Docker", "StartContainer", "{0}", "{1} endpoint(s)"),),
    (_NAMESPACE, _PROCESS),
    (_NAMESPACE, _HYPERV),
    (_CREATED, _ATTACHED, _PORT, _CONFIGURED),
    (_CREATED, _ATTACHED, _PORT, _CONFIGURED_NO_DNS),
    (_CREATED_DHCP, _ATTACHED, _PORT),
)


def _size(recipe):
    """How many values a recipe's entry keeps: one more than the highest ``{n}`` it reads."""
    fields = (int(f) for event in recipe for text in event[2:] for _, f, _, _ in Formatter().parse(text) if f)
    return max(fields, default=-1) + 1


RECIPE_SIZES = tuple(_size(r) for r in RECIPES)  # values each entry keeps


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One step of the HNS/HCS story of an operation, in order (``seq`` counts per host)."""

    seq: int
    actor: str  # "Docker", "HNS", "HCS", "WinNAT", "VFP", "Firewall", "vSwitch"
    action: str
    target: str
    detail: str = ""
