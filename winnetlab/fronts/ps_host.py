"""PowerShell cmdlets for the host itself: the Windows Firewall (NetSecurity), services that
hold ports, ``Restart-Computer`` and the clean-up functions of Microsoft's ``hns.psm1``.

Each function takes an ``Invocation`` (see ``powershell``); the ``pipe_*`` functions take the
objects of the previous pipeline stage as well (``Get-NetFirewallRule -DisplayName X |
Get-NetFirewallPortFilter``, ``Get-HnsEndpoint | ? IPAddress -eq … | Remove-HnsEndpoint``).

Simplifications: ``Get-NetFirewallRule`` shows the rules that matter to a container host (a
real one lists hundreds); the profile settings other than ``Enabled`` are Windows' defaults.
"""

from ..engine.errors import WinNetLabError

NETSEC = "Microsoft.Management.Infrastructure.CimCmdlets"


def rule_object(r):
    """``Get-NetFirewallRule`` properties of a rule (an administrator's, Windows' or HNS's)."""
    origin = getattr(r, "origin", "HNS")
    enabled = getattr(r, "enabled", True)
    return {
        "Name": r.name,
        "DisplayName": r.display_name,
        "Description": ""
        if origin != "HNS"
        else f"Allow inbound {r.protocol} {r.local_port} to HNS endpoint {r.endpoint_id}",
        "DisplayGroup": getattr(r, "group", "") or None,
        "Group": getattr(r, "group", "") or None,
        "Enabled": enabled,
        "Profile": "Any",
        "Platform": [],
        "Direction": r.direction,
        "Action": r.action,
        "EdgeTraversalPolicy": "Block",
        "LooseSourceMapping": False,
        "LocalOnlyMapping": False,
        "Owner": None,
        "PrimaryStatus": "OK",
        "Status": "The rule was parsed successfully from the store. (65536)",
        "EnforcementStatus": "NotApplicable",
        "PolicyStoreSource": "PersistentStore",
        "PolicyStoreSourceType": "Local",
    }


def all_rules(host):
    """Every rule of the host: Windows', the lab's, the administrator's, then HNS's, by name."""
    return sorted(list(host.host_firewall_rules) + list(host.firewall_rules), key=lambda r: r.name.lower())


def _like(text, pattern):
    from fnmatch import fnmatchcase

    return fnmatchcase(text.lower(), pattern.lower())


def _fail(inv, e, verb, kind="InvalidArgument"):
    return inv.error(
        e.message,
        f"{kind}: (MSFT_NetFirewallRule:root/standardcimv2/MSFT_NetFirewallRule) [{verb}], CimException",
        f"Windows System Error 87,{verb}",
        hint=e.hint,
    )


def get_netfirewallrule(inv):
    p = inv.params
    name, display = p.get("Name"), p.get("DisplayName")
    rules = [
        r
        for r in all_rules(inv.host)
        if (name is None or _like(r.name, name))
        and (display is None or _like(r.display_name, display))
        and (p.get("Direction") is None or r.direction.lower() == p["Direction"].lower())
        and (p.get("Action") is None or r.action.lower() == p["Action"].lower())
        and (p.get("Enabled") is None or str(getattr(r, "enabled", True)).lower() == p["Enabled"].lower())
    ]
    wanted = name or display
    if wanted is not None and not rules and not any(c in wanted for c in "*?["):
        prop = "ID" if name is not None else "DisplayName"
        raise inv.error(
            f"No MSFT_NetFirewallRule objects found with property '{prop}' equal to '{wanted}'.  "
            "Verify the value of the property and retry.",
            f"ObjectNotFound: ({wanted}:String) [Get-NetFirewallRule], CimJobException",
            f"CmdletizationQuery_NotFound_{prop},Get-NetFirewallRule",
        )
    return [rule_object(r) for r in rules]


def new_netfirewallrule(inv):
    p = inv.params
    try:
        rule = inv.host.add_firewall_rule(
            p.get("DisplayName", ""),
            direction=p.get("Direction", "Inbound"),
            local_port=p.get("LocalPort"),
            protocol=p.get("Protocol", "Any"),
            action=p.get("Action", "Allow"),
            remote_address=p.get("RemoteAddress"),
            name=p.get("Name"),
            enabled=str(p.get("Enabled", "True")).lower() != "false",
        )
    except WinNetLabError as e:
        raise _fail(inv, e, "New-NetFirewallRule") from None
    return [rule_object(rule)]


def _host_rules(inv, objects=None):
    """The administrator/Windows rules named by -Name/-DisplayName or by the piped objects."""
    if objects is not None:
        return [o["Name"] for o in objects if isinstance(o, dict) and "Name" in o]
    wanted = inv.params.get("Name") or inv.params.get("DisplayName")
    if not wanted:
        raise inv.error(
            "Cannot process command because of one or more missing mandatory parameters: Name.",
            f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
            f"MissingMandatoryParameter,{inv.name}",
        )
    rules = inv.host.find_firewall_rules(name=wanted) or inv.host.find_firewall_rules(display_name=wanted)
    if not rules:
        prop = "ID" if inv.params.get("Name") else "DisplayName"
        raise inv.error(
            f"No MSFT_NetFirewallRule objects found with property '{prop}' equal to '{wanted}'.  "
            "Verify the value of the property and retry.",
            f"ObjectNotFound: ({wanted}:String) [{inv.name}], CimJobException",
            f"CmdletizationQuery_NotFound_{prop},{inv.name}",
        )
    return [r.name for r in rules]


def remove_netfirewallrule(inv, objects=None):
    for name in _host_rules(inv, objects):
        if inv.host.find_firewall_rules(name=name):
            inv.host.remove_firewall_rule(name)
    return []


def enable_netfirewallrule(inv, objects=None):
    for name in _host_rules(inv, objects):
        if inv.host.find_firewall_rules(name=name):
            inv.host.set_firewall_rule_enabled(name, True)
    return []


def disable_netfirewallrule(inv, objects=None):
    for name in _host_rules(inv, objects):
        if inv.host.find_firewall_rules(name=name):
            inv.host.set_firewall_rule_enabled(name, False)
    return []


def pipe_portfilter(inv, objects):
    """``… | Get-NetFirewallPortFilter``: the protocol and ports of each piped rule."""
    by_name = {r.name: r for r in all_rules(inv.host)}
    out = []
    for o in objects:
        r = by_name.get(o.get("Name")) if isinstance(o, dict) else None
        if r is None:
            continue
        ports = getattr(r, "local_ports", None)
        if ports is None:  # an HNS rule for one published port
            ports = (r.local_port,)
        proto = r.protocol.upper() if r.protocol.lower() in ("tcp", "udp") else r.protocol
        out.append(
            {
                "Protocol": proto,
                "LocalPort": ",".join(map(str, ports)) or "Any",
                "RemotePort": "Any",
                "IcmpType": "Any",
                "DynamicTarget": "Any",
            }
        )
    return out


def profile_object(name, enabled):
    return {
        "Name": name,
        "Enabled": enabled,
        "DefaultInboundAction": "NotConfigured",
        "DefaultOutboundAction": "NotConfigured",
        "AllowInboundRules": "NotConfigured",
        "AllowLocalFirewallRules": "NotConfigured",
        "AllowLocalIPsecRules": "NotConfigured",
        "AllowUserApps": "NotConfigured",
        "AllowUserPorts": "NotConfigured",
        "AllowUnicastResponseToMulticast": "NotConfigured",
        "NotifyOnListen": False,
        "EnableStealthModeForIPsec": "NotConfigured",
        "LogFileName": "%systemroot%\\system32\\LogFiles\\Firewall\\pfirewall.log",
        "LogMaxSizeKilobytes": 4096,
        "LogAllowed": False,
        "LogBlocked": False,
        "LogIgnored": "NotConfigured",
        "DisabledInterfaceAliases": ["NotConfigured"],
    }


def get_netfirewallprofile(inv):
    names = inv.params.get("Name") or list(inv.host.firewall_profiles)
    profiles = inv.host.firewall_profiles
    out = []
    for n in names:
        match = next((p for p in profiles if p.lower() == n.lower()), None)
        if match is None:
            raise inv.error(
                f"No MSFT_NetFirewallProfile objects found with property 'Name' equal to '{n}'.  Verify the "
                "value of the property and retry.",
                f"ObjectNotFound: ({n}:String) [Get-NetFirewallProfile], CimJobException",
                "CmdletizationQuery_NotFound_Name,Get-NetFirewallProfile",
            )
        out.append(profile_object(match, profiles[match]))
    return out


def set_netfirewallprofile(inv):
    p = inv.params
    enabled = p.get("Enabled")
    if enabled is None:
        return []
    if str(enabled).lower() not in ("true", "false", "$true", "$false", "1", "0"):
        raise inv.error(
            f"Cannot process argument transformation on parameter 'Enabled'. Cannot convert value \"{enabled}\" "
            'to type "Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.GpoBoolean". Error: "Unable '
            f"to match the identifier name {enabled} to a valid enumerator name. Specify one of the following "
            'enumerator names and try again: False, True, NotConfigured"',
            "InvalidData: (:) [Set-NetFirewallProfile], ParameterBindingArgumentTransformationException",
            "ParameterArgumentTransformationError,Set-NetFirewallProfile",
        )
    try:
        inv.host.set_firewall_profile(
            p.get("Profile") or p.get("Name") or ["Domain", "Private", "Public"],
            str(enabled).lower() in ("true", "$true", "1"),
        )
    except WinNetLabError as e:
        raise _fail(inv, e, "Set-NetFirewallProfile") from None
    return []


# ---------------------------------------------------------------------------- services holding ports


def stop_service(inv):
    name = inv.params.get("Name") or ""
    held = [l for l in inv.host.listeners.values() if l.service and l.service.lower() == name.lower()]
    if not held:
        raise inv.error(
            f"Cannot find any service with service name '{name}'.",
            f"ObjectNotFound: ({name}:String) [Stop-Service], ServiceCommandException",
            "NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.StopServiceCommand",
            hint="the lab stops the services that hold ports (host.listen(..., service=...)); "
            "hns and docker are restarted with Restart-Service"
            if name.lower() in ("hns", "docker")
            else None,
        )
    for l in held:
        inv.host.stop_listening(l.port, l.protocol)
    return []


def restart_computer(inv):
    inv.lab.reboot(inv.host.name, clean=True)
    return []


# ---------------------------------------------------------------------------- hns.psm1 clean-up


def _ids(objects):
    return [o.get("ID") for o in objects if isinstance(o, dict) and o.get("ID")]


def pipe_remove_hnsendpoint(inv, objects):
    for eid in _ids(objects):
        key = next((k for k in inv.host.endpoints if k.lower() == eid.lower()), None)
        if key is not None:
            inv.host.remove_hns_endpoint(key)
    return []


def pipe_remove_hnsnetwork(inv, objects):
    for nid in _ids(objects):
        key = next((k for k in inv.host.hns_networks if k.lower() == nid.lower()), None)
        if key is not None:
            inv.host.remove_hns_network(key)
    return []
