"""Helpers for the engine's property tests: a full canonical snapshot of a lab and its invariants."""

import dataclasses


def _canon(value, depth=0):
    if depth > 8:
        return repr(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            (f.name, _canon(getattr(value, f.name), depth + 1)) for f in dataclasses.fields(value)
        )
    if isinstance(value, dict):
        return tuple((repr(k), _canon(v, depth + 1)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_canon(v, depth + 1) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(v) for v in value))
    if (
        hasattr(value, "__slots__")
        and not isinstance(value, (str, bytes))
        and type(value).__module__.startswith("winnetlab")
    ):
        return (type(value).__name__,) + tuple(
            (s, _canon(getattr(value, s, None), depth + 1)) for s in type(value).__slots__
        )
    return repr(value)


def snapshot(lab):
    """Everything a user could observe (and every counter that decides future ids)."""
    hosts = []
    for h in lab.hosts.values():
        hosts.append(
            (
                h.name,
                _canon(h.ids.counters),
                _canon(h._adapters),
                _canon(h._vswitches),
                _canon(h._networks),
                _canon(h._hns),
                _canon(h._endpoints),
                _canon(h._containers),
                _canon(h._namespaces),
                _canon(h._nat),
                _canon(h._mappings),
                _canon(h._firewall),
                _canon(h._ports),
                _canon(h._mesh_ports),
                _canon(h._policy_lists),
                _canon(h._images),
                tuple(h._events),
                h._compartments,
                h._mapping_ids,
            )
        )
    swarm = _canon(lab.swarm) if lab.swarm else None
    return (
        tuple(hosts),
        swarm,
        _canon(lab.ids.counters),
        _canon(lab.lan.dhcp_leases),
        _canon(lab.lan.dhcp_pool),
        tuple(sorted(lab.pools.used_mac_pools)),
    )


def check_invariants(lab):
    """The engine's promises; raises AssertionError naming the broken one."""
    apipas = {None}
    for h in lab.hosts.values():
        ports_seen = {}
        for net in h.hns_networks.values():
            ips, macs = set(), set()
            for eid in net.endpoint_ids:
                ep = h.endpoints[eid]
                assert ep.network_id == net.id, "endpoint listed in a network it does not belong to"
                if ep.remote:
                    continue
                if ep.ip_address is not None:
                    assert ep.ip_address not in ips, f"{ep.ip_address} handed out twice in {net.name}"
                    ips.add(ep.ip_address)
                    for s in net.subnets:
                        if ep.ip_address in s.prefix:
                            assert ep.ip_address != s.gateway, "gateway handed out"
                            assert ep.ip_address not in (s.prefix.network_address, s.prefix.broadcast_address)
                assert ep.mac_address not in macs, f"MAC {ep.mac_address} handed out twice in {net.name}"
                if net.dhcp and ep.ip_address is None and not lab.imported:  # a lease, or APIPA (no offer)
                    assert (ep.dhcp_lease is None) != (ep.apipa is None), "DHCP endpoint without one address"
                    assert ep.apipa is None or ep.apipa not in apipas, f"APIPA {ep.apipa} taken twice"
                    apipas.add(ep.apipa)
                macs.add(ep.mac_address)
            for pool in net.pools:
                assert pool.used_count == sum(
                    1
                    for e in net.endpoint_ids
                    if not h.endpoints[e].remote
                    and h.endpoints[e].ip_address is not None
                    and pool.contains(h.endpoints[e].ip_address)
                ), "pool count drift"
        for eid, ep in h.endpoints.items():
            assert ep.network_id in h.hns_networks, "endpoint without a network"
            assert eid in h.hns_networks[ep.network_id].endpoint_ids
            if not ep.remote:
                owners = [ns for ns in h.namespaces.values() if eid in ns.endpoints]
                assert len(owners) == 1, "local endpoint not in exactly one namespace"
                c = h.containers[ep.container]
                assert eid in c.endpoints
            for pol in ep.policies:
                if type(pol).__name__ == "PortMapping":
                    key = (pol.protocol.lower(), pol.external_port)
                    assert key not in ports_seen, f"host port {key} maps to two endpoints"
                    ports_seen[key] = eid
                    assert h.published[key] == eid
        for owner in h.published.values():
            assert owner in ports_seen.values()
        assert not set(h.published) & set(h.mesh_ports), "a host port published twice"
        if lab.swarm and h.name in lab.swarm.nodes:
            for svc in lab.swarm.services.values():
                mesh = {(pr, pub) for pr, _t, pub, m in svc.ports if m == "ingress" and not svc.task_error}
                assert all(h.mesh_ports.get(k) == svc.name for k in mesh), "a node misses a mesh port"
        else:
            assert not h.mesh_ports, "a host outside the swarm publishes mesh ports"
        assert len(h.nat_mappings) == sum(
            1 for k, v in ports_seen.items() if h.hns_networks[h.endpoints[v].network_id].driver == "nat"
        )
        assert len(h.firewall_rules) == len(h.nat_mappings)
        for c in h.containers.values():
            for eid in c.endpoints:
                assert eid in h.endpoints, "container lists a deleted endpoint"
            if c.state in ("created", "exited"):
                assert not c.endpoints, f"{c.state} container {c.name} still has endpoints"
                assert c.namespace is None, f"{c.state} container {c.name} keeps its compartment"
