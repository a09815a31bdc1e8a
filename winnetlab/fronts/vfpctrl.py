"""``vfpctrl``: the VFP ports, layers and rules of a host, as the VFP control tool lists them.

Every local endpoint on a non-``nat`` network is a VFP port of its vSwitch; a port's
policy is a stack of layers, each a priority-ordered list of rules (reference §8).
``vfpctrl /list-vmswitch-port`` lists the ports, ``vfpctrl /port <id> /list-layer`` the
layers of one port and ``vfpctrl /port <id> /list-rule [/layer <name>]`` their rules.  A
port is named by its HNS endpoint id (a prefix of 8 or more characters is enough).

Simplification: groups are not shown (each layer has one implicit group); the text
layout follows the samples quoted in the reference (``ITEM LIST``, ``RULE :`` blocks).
"""

from ..engine.hns import ATTACHED

USAGE = (
    "Usage: vfpctrl /list-vmswitch-port\n"
    "       vfpctrl /port <port name> /list-layer\n"
    "       vfpctrl /port <port name> /list-rule [/layer <layer name>]"
)


def vfpctrl(host, args):
    """Run ``vfpctrl`` with ``args`` on ``host``: ``(output, exit code)``."""
    low = [a.lower() for a in args]
    if low == ["/list-vmswitch-port"]:
        return list_ports(host), 0
    if len(low) >= 3 and low[0] == "/port" and low[2] in ("/list-layer", "/list-rule"):
        ep = find_port(host, args[1])
        if ep is None:
            return f"ERROR: failed to find port {args[1]}\nCommand list-{low[2][6:]} failed.", 1
        layers = host.vfp_layers(ep)
        if low[2] == "/list-layer" and len(low) == 3:
            return list_layers(layers), 0
        if low[2] == "/list-rule" and len(low) in (3, 5) and (len(low) == 3 or low[3] == "/layer"):
            if len(low) == 5:
                layers = [layer for layer in layers if layer.name.lower() == low[4]]
                if not layers:
                    return f"ERROR: failed to find layer {args[4]}\nCommand list-rule failed.", 1
            return list_rules(layers), 0
    return USAGE, 1


def ports(host):
    """Local endpoints that are VFP ports (every driver but nat), by id."""
    out = []
    for ep in sorted(host.endpoints.values(), key=lambda e: e.id):
        net = host.hns_networks.get(ep.network_id)
        if not ep.remote and ep.state == ATTACHED and net is not None and net.vfp_template:
            out.append((ep, net))
    return out


def find_port(host, name):
    key = name.upper().strip("{}")
    hits = [
        ep
        for ep, _ in ports(host)
        if ep.id.upper() == key or (len(key) >= 8 and ep.id.upper().startswith(key))
    ]
    return hits[0] if len(hits) == 1 else None


def list_ports(host):
    lines = ["ITEM LIST", "===========", ""]
    for ep, net in ports(host):
        lines += [
            f"   Port name   : {ep.id}",
            f"   Port Friendly name : {ep.container or ep.name}",
            f"   Switch name : {host.vswitches[net.vswitch].id if net.vswitch in host.vswitches else ''}",
            f"   Switch Friendly name : {net.vswitch}",
            "   Port type   : Synthetic",
            f"   MAC address : {ep.mac_address}",
            f"   HNS network : {net.name} ({net.hns_type})",
            "",
        ]
    if len(lines) == 3:
        lines.append("   (no VFP port: nat endpoints are handled by WinNAT, not VFP)")
    return "\n".join(lines).rstrip()


def list_layers(layers):
    lines = ["ITEM LIST", "===========", ""]
    for layer in layers:
        lines += [
            f"   LAYER : {layer.name}",
            f"      Friendly name : {layer.name}",
            f"      Priority : {layer.priority}",
            "      Flags : 0x0",
            "",
        ]
    return "\n".join(lines).rstrip()


def list_rules(layers):
    lines = []
    for layer in layers:
        lines += [f"LAYER : {layer.name}", ""]
        for r in layer.rules:
            flags = "1 terminating" if r.terminating else "0"
            conditions = [f"        {k} : {v}" for k, v in r.conditions] or ["        <none>"]
            lines += [
                "RULE :",
                f"    Friendly name : {r.name}",
                f"    Priority : {r.priority}",
                f"    Flags : {flags}",
                f"    Type : {r.type}",
                f"    Direction : {r.direction}",
                "    Conditions:",
                *conditions,
                f"    Action : {r.action}",
                "",
            ]
    return "\n".join(lines).rstrip()
