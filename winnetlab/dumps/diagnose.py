"""Checks that find what is wrong in a host's HNS state — simulated or imported from a dump.

``diagnose(lab)`` returns a DataFrame with one row per finding: ``severity`` (``error``,
``warning``, ``info``), ``object`` (``host/kind name``), ``finding`` and ``hint`` (what to
look at on a real host).  The checks are the classic causes of broken Windows container
networking:

* an endpoint whose IP is outside its network's subnets, or two endpoints of a network
  with the same IP or MAC (stale endpoints left behind by a crashed CNI or daemon);
* a NAT internal prefix that contains an address of the host (WinNAT cannot translate
  between overlapping inside and outside prefixes), and several NAT prefixes on one host
  (one WinNAT prefix per host before Windows Server 2019);
* a policy list (load balancer) that references endpoints HNS does not have;
* an overlay remote endpoint without a provider address (PA): VFP cannot encapsulate to it;
* a management IP in 169.254.0.0/16: the adapter had no address when HNS created the
  network, so the overlay/l2bridge network is unusable;
* two overlay networks with the same VSID (VXLAN VNI) on one host;
* an l2bridge network whose containers have no OutBoundNAT policy: no internet access.

A finding is only as strong as its evidence.  On a host imported from dumps, an object
missing from a partial dump (one ``Get-HnsPolicyList``) is reported as ``info`` — "not in
this dump" — and only a source that lists every object of its kind (``hnsdiag list all``,
a collectlogs ``endpoint.txt``, an HNS reply envelope) makes it evidence that the object
does not exist on the host.  Advice that deletes state comes only with an ``error``, names
exactly which objects, and says what to verify first.  Findings about many objects give
the count and the first few.

pandas is imported when ``diagnose`` runs, not when this module is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine.host import Host
    from ..engine.lab import Lab

import ipaddress
from collections import defaultdict

from ..engine import policies as P
from ..engine.drivers import of
from ..engine.drivers.base import SHIM
from ..i18n import say

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
APIPA = ipaddress.IPv4Network("169.254.0.0/16")
FIRST_FEW = 3


def first_few(items, n=FIRST_FEW):
    """``a, b, c and 49,997 more``: a long list summarised for one finding."""
    items = list(items)
    shown = ", ".join(str(i) for i in items[:n])
    return say("{shown} and {n} more", shown=shown, n=f"{len(items) - n:,}") if len(items) > n else shown


def listed_in_full(host, kind):
    """True when the host's state of ``kind`` is known in full: a simulated host, or an
    imported one whose dumps list every object of that kind."""
    return host.complete_kinds is None or kind in host.complete_kinds


def diagnose(lab_or_host: Lab | Host) -> Any:
    """Every finding for a Lab (all hosts) or a Host, most severe first, as a DataFrame
    (shown as "No findings: …" when the checks found nothing)."""
    from ..views.tables import diagnose as table

    return table(lab_or_host)


def findings(lab_or_host: Lab | Host) -> list[tuple[str, str, str, str]]:
    """The same findings as plain ``(severity, object, finding, hint)`` tuples (no pandas)."""
    hosts = list(lab_or_host.hosts.values()) if hasattr(lab_or_host, "hosts") else [lab_or_host]
    rows = [row for host in hosts for check in CHECKS for row in check(host)]
    return sorted(rows, key=lambda r: (SEVERITY_ORDER[r[0]], r[1], r[2]))


def _net_label(host, net):
    return f"{host.name}/network {net.name}"


def _ep_label(host, ep):
    return f"{host.name}/endpoint {ep.name or ep.id} ({ep.id[:8]})"


def _endpoints_by_network(host):
    groups = defaultdict(list)
    for ep in host.endpoints.values():
        groups[ep.network_id].append(ep)
    return groups


def check_addresses_in_subnets(host):
    outside = defaultdict(list)
    for ep in host.endpoints.values():
        net = host.hns_networks.get(ep.network_id)
        if net is None or not net.subnets or ep.ip_address is None:
            continue
        if not any(ep.ip_address in s.prefix for s in net.subnets):
            outside[net.id].append(ep)
    for net_id, eps in sorted(outside.items()):
        net = host.hns_networks[net_id]
        subnets = ", ".join(str(s.prefix) for s in net.subnets)
        ids = [e.id for e in sorted(eps, key=lambda e: e.id)]
        label = _ep_label(host, eps[0]) if len(eps) == 1 else _net_label(host, net)
        yield (
            "error",
            label,
            say(
                "{n} endpoint(s) have an IP outside the subnets of network {network} ({subnets}): {which}",
                n=len(eps),
                network=net.hns_name,
                subnets=subnets,
                which=first_few(f"{e.name or e.id} {e.ip_address}" for e in sorted(eps, key=lambda e: e.id)),
            ),
            say(
                "a stale endpoint or a network re-created with another prefix. Verify first that no running "
                "container uses it (Get-HnsEndpoint -Id <id> shows no SharedContainers; docker ps / crictl "
                "pods); then remove only that endpoint (Remove-HnsEndpoint) and restart its container: {ids}",
                ids=first_few(ids),
            ),
        )


def check_duplicates(host):
    for net_id, eps in sorted(_endpoints_by_network(host).items()):
        net = host.hns_networks.get(net_id)
        label = _net_label(host, net) if net else f"{host.name}/network {net_id}"
        for what, key in (("IP", lambda e: e.ip_address), ("MAC", lambda e: e.mac_address.upper())):
            seen = defaultdict(list)
            for ep in eps:
                if key(ep):
                    seen[key(ep)].append(ep)
            for value, same in sorted(seen.items(), key=lambda kv: str(kv[0])):
                if len(same) > 1:
                    same = sorted(same, key=lambda e: (e.name or e.id, e.id))
                    yield (
                        "error",
                        label,
                        say(
                            "{n} endpoints share the {what} {value}: {which}",
                            n=len(same),
                            what=what,
                            value=value,
                            which=first_few(e.name or e.id for e in same),
                        ),
                        say(
                            "two endpoints with one address break ARP and VFP rules. Verify first which one a "
                            "running container holds (Get-HnsEndpoint | ? IPAddress -eq <ip>, docker inspect); "
                            "then remove only the stale one (Remove-HnsEndpoint -Id <id>) of: {ids}",
                            ids=first_few(e.id for e in same),
                        ),
                    )


def _host_addresses(host):
    addrs = {host.address} if host.address is not None else set()
    addrs |= {
        a.ip_address
        for a in host.adapters.values()
        if a.ip_address is not None
        and (
            a.physical
            or a.vswitch
            and host.vswitches.get(a.vswitch) is not None
            and host.vswitches[a.vswitch].switch_type == "External"
        )
    }
    addrs |= {n.management_ip for n in host.hns_networks.values() if n.management_ip is not None}
    return addrs


def check_nat_overlaps_host(host):
    addrs = _host_addresses(host)
    for net in host.hns_networks.values():
        if not of(net).translates_to_host:
            continue
        for s in net.subnets:
            inside = sorted(a for a in addrs if a in s.prefix)
            if inside:
                yield (
                    "error",
                    _net_label(host, net),
                    say("NAT prefix {prefix} contains the host address {ip}", prefix=s.prefix, ip=inside[0]),
                    say(
                        "WinNAT needs internal and external prefixes that do not overlap: set another "
                        "prefix (fixed-cidr in daemon.json, or --subnet)"
                    ),
                )


def check_several_nat_prefixes(host):
    prefixes = sorted(
        {str(n.internal_prefix) for n in host.nat}
        | {
            str(s.prefix)
            for n in host.hns_networks.values()
            if of(n).winnat and not host.nat
            for s in n.subnets
        }
    )
    if len(prefixes) > 1:
        severity = "warning" if host.profile.multiple_nat else "error"
        yield (
            severity,
            f"{host.name}/WinNAT",
            say("{n} NAT prefixes on one host: {prefixes}", n=len(prefixes), prefixes=", ".join(prefixes)),
            say(
                "Windows Server 2016 supports one WinNAT internal prefix per host; later versions allow "
                "several, but overlapping or leftover NetNat objects (Get-NetNat) are a common cause of "
                "lost outbound traffic"
            ),
        )


def check_policy_list_references(host):
    """Backends a load balancer names that the host does not have — or that this dump lacks."""
    known = listed_in_full(host, "endpoint")
    for pl in host.policy_lists:
        missing = sorted(r for r in pl.references if r not in host.endpoints)
        if not missing:
            continue
        if known:
            yield (
                "error",
                f"{host.name}/policylist {pl.id[:8]}",
                say(
                    "references {n} endpoint(s) that do not exist on the host: {which}",
                    n=len(missing),
                    which=first_few(missing),
                ),
                say(
                    "the load balancer sends traffic to backends that are gone. Verify first that each is "
                    "really gone (Get-HnsEndpoint -Id <id> returns nothing) and that kube-proxy/Docker is "
                    "running; then remove only this policy list (Get-HnsPolicyList | ? ID -eq {id} | "
                    "Remove-HnsPolicyList) and let its owner rebuild it",
                    id=pl.id,
                ),
            )
        else:
            yield (
                "info",
                f"{host.name}/policylist {pl.id[:8]}",
                say(
                    "references {n} endpoint(s) not in this dump: {which}",
                    n=len(missing),
                    which=first_few(missing),
                ),
                say(
                    "not a fault: the dump does not list every endpoint of the host; add Get-HnsEndpoint "
                    "output (or hnsdiag list all) to check them"
                ),
            )


def check_remote_without_pa(host):
    for ep in host.endpoints.values():
        net = host.hns_networks.get(ep.network_id)
        if (
            not ep.remote
            or net is None
            or not of(net).encapsulates
            or (ep.extra or {}).get("policies_unknown")
        ):
            continue
        if ep.provider_address is None and not any(isinstance(p, P.ProviderAddress) for p in ep.policies):
            yield (
                "error",
                _ep_label(host, ep),
                say(
                    "remote endpoint {ip} on overlay network {network} has no provider address (PA policy)",
                    ip=ep.ip_address,
                    network=net.hns_name,
                ),
                say(
                    "VFP cannot encapsulate traffic to it: the CNI or the swarm agent must add "
                    '{{"Type": "PA", "PA": <other host\'s address>}}'
                ),
            )


def check_management_ip(host):
    for net in host.hns_networks.values():
        if net.management_ip is not None and net.management_ip in APIPA:
            yield (
                "error",
                _net_label(host, net),
                say("management IP {ip} is a link-local (APIPA) address", ip=net.management_ip),
                say(
                    "the adapter had no address when HNS created the network (DHCP not ready). Verify first "
                    "that the adapter now has its address (Get-NetIPAddress) and which containers use the "
                    "network; then remove and re-create only network {network} ({id})",
                    network=net.hns_name,
                    id=net.id,
                ),
            )


def check_vsid_collisions(host):
    by_vsid = defaultdict(list)
    for net in host.hns_networks.values():
        if of(net).encapsulates and net.vsid is not None:
            by_vsid[net.vsid].append(net.hns_name)
    for vsid, names in sorted(by_vsid.items()):
        if len(names) > 1:
            yield (
                "error",
                f"{host.name}/VSID {vsid}",
                say(
                    "overlay networks {networks} share VSID (VXLAN VNI) {vsid}",
                    networks=", ".join(sorted(names)),
                    vsid=vsid,
                ),
                say(
                    "each overlay network needs its own VNI; Docker deletes the older network when a "
                    "new one reuses its VNI"
                ),
            )


def check_l2bridge_outbound_nat(host):
    eps = _endpoints_by_network(host)
    for net in host.hns_networks.values():
        if not of(net).needs_outbound_nat:
            continue
        local = [e for e in eps.get(net.id, ()) if not e.remote]
        shared = any(isinstance(p, P.OutboundNat) for p in net.shared_policies)
        imported = "source" in (net.extra or {})  # a dump's network says nothing until it has endpoints
        if (
            (local or not imported)
            and not shared
            and not any(isinstance(p, P.OutboundNat) for e in local for p in e.policies)
        ):
            yield (
                "warning",
                _net_label(host, net),
                say(
                    "no endpoint has an OutBoundNAT policy: containers on this l2bridge network cannot "
                    "reach the internet"
                ),
                say(
                    "create the network with -o {option} (or add an OutBoundNAT endpoint policy in the "
                    "CNI config)",
                    option=f"{SHIM}enable_outboundnat=true",
                ),
            )


CHECKS = (
    check_addresses_in_subnets,
    check_duplicates,
    check_nat_overlaps_host,
    check_several_nat_prefixes,
    check_policy_list_references,
    check_remote_without_pa,
    check_management_ip,
    check_vsid_collisions,
    check_l2bridge_outbound_nat,
)
