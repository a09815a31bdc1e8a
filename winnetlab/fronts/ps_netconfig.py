"""The host's IP configuration and WinNAT as the NetTCPIP and NetNat modules show them.

* ``Get-NetIPInterface``: one row per interface and address family — IPv6 rows, then IPv4,
  each by descending ``ifIndex`` with the loopback last (the order public samples show) —
  with the interface metric the route table uses (25 for an adapter with a default gateway,
  5000 for a host vNIC such as ``vEthernet (nat)``, 75 for the loopback) and the table
  layout of the NetTCPIP format view (``NlMtu(Bytes)`` and ``InterfaceMetric`` right-aligned).
* ``Get-NetIPConfiguration``: the custom view: alias, index, description, network profile,
  IPv4 address, default gateways and DNS servers (one per line).
* ``New-NetNat`` / ``Remove-NetNat``: WinNAT instances, with WinNAT's own refusals (see
  ``Host.add_netnat``), printed as CIM errors (``Windows System Error 87,New-NetNat``).

Simplifications: only IPv4 is configured (an IPv6 row shows the interface, no addresses);
``NetProfile.Name`` reads ``Network`` for an adapter with a gateway and ``Unidentified
network`` otherwise; ``Remove-NetNat`` does not ask for confirmation.
"""

from __future__ import annotations

from ..engine import routing
from ..engine.errors import WinNetLabError

IP_INTERFACE_VIEW = (
    "table",
    [
        ("ifIndex", "ifIndex", 7, "left"),
        ("InterfaceAlias", "InterfaceAlias", 31, "left"),
        ("AddressFamily", "AddressFamily", 13, "left"),
        ("NlMtu(Bytes)", "NlMtu", 12, "right"),
        ("InterfaceMetric", "InterfaceMetric", 15, "right"),
        ("Dhcp", "Dhcp", 8, "left"),
        ("ConnectionState", "ConnectionState", 15, "left"),
        ("PolicyStore", "PolicyStore", None, "left"),
    ],
)
LOOPBACK = "Loopback Pseudo-Interface 1"


def _interfaces(host):
    """(index, alias, mtu, metric, dhcp) of every interface with an address, loopback last."""
    rows = [
        (
            a.if_index,
            a.name,
            1500,
            routing.HOST_NIC_METRIC if a.gateway is not None else routing.HOST_VNIC_METRIC,
            "Disabled",
        )
        for a in sorted(host.adapters.values(), key=lambda a: -a.if_index)
        if a.ip_interface is not None
    ]
    return rows + [(1, LOOPBACK, 4294967295, 75, "Disabled")]


def get_netipinterface(inv):
    family = (inv.params.get("AddressFamily") or "").lower()
    alias = inv.params.get("InterfaceAlias")
    families = [f for f in ("IPv6", "IPv4") if family in ("", f.lower())]
    rows = [
        {
            "ifIndex": index,
            "InterfaceAlias": name,
            "AddressFamily": fam,
            "NlMtu": mtu,
            "InterfaceMetric": metric,
            "Dhcp": dhcp,
            "ConnectionState": "Connected",
            "PolicyStore": "ActiveStore",
        }
        for fam in families
        for index, name, mtu, metric, dhcp in _interfaces(inv.host)
    ]
    if alias is not None:
        rows = [r for r in rows if _like(r["InterfaceAlias"], alias)]
        if not rows and not any(c in alias for c in "*?["):
            raise inv.error(
                f"No matching MSFT_NetIPInterface objects found by CIM query for instances of the "
                "ROOT/StandardCimv2/MSFT_NetIPInterface class on the  CIM server: SELECT * FROM "
                f"MSFT_NetIPInterface  WHERE ((InterfaceAlias LIKE '{alias}')). Verify query parameters and retry.",
                "ObjectNotFound: (MSFT_NetIPInterface:String) [Get-NetIPInterface], CimJobException",
                "CmdletizationQuery_NotFound,Get-NetIPInterface",
            )
    return rows


def _like(text, pattern):
    import fnmatch

    return fnmatch.fnmatchcase(text.lower(), pattern.lower())


def get_netipconfiguration(inv):
    rows = []
    alias = inv.params.get("InterfaceAlias") or "*"
    for a in sorted(inv.host.adapters.values(), key=lambda a: a.if_index):
        if a.ip_interface is None or not _like(a.name, alias):
            continue
        rows.append(
            {
                "InterfaceAlias": a.name,
                "InterfaceIndex": a.if_index,
                "InterfaceDescription": a.description,
                "NetProfile.Name": "Network" if a.gateway is not None else "Unidentified network",
                "IPv4Address": str(a.ip_interface.ip),
                "IPv6DefaultGateway": None,
                "IPv4DefaultGateway": str(a.gateway) if a.gateway is not None else None,
                "DNSServer": [str(d) for d in inv.host.dns_servers] if a.gateway is not None else [],
            }
        )
    return rows


def ip_configuration_text(objects, width=None):
    """The custom view of ``MSFT_NetIPConfiguration``: labels padded to 20, DNS servers
    one per line under the first."""
    blocks = []
    for o in objects:
        lines = []
        for key, value in o.items():
            values = value if isinstance(value, list) else [value]
            first = "" if not values or values[0] is None else str(values[0])
            lines.append(f"{key.ljust(20)} : {first}".rstrip())
            lines += [" " * 23 + str(v) for v in values[1:]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


IP_CONFIGURATION_VIEW = ("custom", ip_configuration_text)


# ---------------------------------------------------------------------------- WinNAT


def _cim_error(inv, e, verb):
    code = 52 if "duplicate name" in e.message else 87
    category = "NotSpecified" if code == 52 else "InvalidArgument"
    return inv.error(
        e.message,
        f"{category}: (MSFT_NetNat:root/StandardCimv2/MSFT_NetNat) [{verb}], CimException",
        f"Windows System Error {code},{verb}",
        hint=e.hint,
    )


def new_netnat(inv):
    from .powershell import get_netnat_rows

    name = inv.params.get("Name")
    prefix = inv.params.get("InternalIPInterfaceAddressPrefix")
    missing = [p for p, v in (("Name", name), ("InternalIPInterfaceAddressPrefix", prefix)) if not v]
    if missing:
        raise inv.error(
            f"Cannot process command because of one or more missing mandatory parameters: {' '.join(missing)}.",
            "InvalidArgument: (:) [New-NetNat], ParameterBindingException",
            "MissingMandatoryParameter,New-NetNat",
        )
    try:
        nat = inv.host.add_netnat(name, prefix)
    except WinNetLabError as e:
        raise _cim_error(inv, e, "New-NetNat") from None
    return [r for r in get_netnat_rows(inv.host) if r["Name"] == nat.name]


def remove_netnat(inv, objects=None):
    names = [o["Name"] for o in objects] if objects is not None else None
    if names is None:
        pattern = inv.params.get("Name") or "*"
        names = [n.name for n in inv.host.nat if _like(n.name, pattern)]
        if not names and not any(c in pattern for c in "*?["):
            raise inv.error(
                f"No MSFT_NetNat objects found with property 'Name' equal to '{pattern}'.  Verify the value of the "
                "property and retry.",
                f"ObjectNotFound: ({pattern}:String) [Remove-NetNat], CimJobException",
                "CmdletizationQuery_NotFound_Name,Remove-NetNat",
            )
    for name in names:
        inv.host.remove_netnat(name)
    return []


def cmdlets(Cmdlet):
    """The entries of these cmdlets in the cmdlet table."""
    return (
        Cmdlet(
            "Get-NetIPInterface",
            get_netipinterface,
            {"InterfaceAlias": "string", "AddressFamily": "string"},
            ("InterfaceAlias",),
            IP_INTERFACE_VIEW,
            "NetTCPIP",
        ),
        Cmdlet(
            "Get-NetIPConfiguration",
            get_netipconfiguration,
            {"InterfaceAlias": "string", "Detailed": "switch"},
            ("InterfaceAlias",),
            IP_CONFIGURATION_VIEW,
            "NetTCPIP",
            ("gip",),
        ),
        Cmdlet(
            "New-NetNat",
            new_netnat,
            {"Name": "string", "InternalIPInterfaceAddressPrefix": "string"},
            ("Name",),
            ("list", None),
            "NetNat",
        ),
        Cmdlet(
            "Remove-NetNat",
            remove_netnat,
            {"Name": "string", "Confirm": "switch"},
            ("Name",),
            ("list", None),
            "NetNat",
            pipe=remove_netnat,
        ),
    )
