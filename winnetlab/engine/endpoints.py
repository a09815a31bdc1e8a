"""Host operations on HNS endpoints: planning and creating a container's vNICs, their
addresses, MACs, DNS list, published ports (WinNAT + firewall for nat, VFP otherwise),
tearing them down, and the remote endpoints and policy lists of swarm."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from . import event as E
from . import policies as P
from . import swarm
from .addressing import apipa_address, parse_prefix
from .drivers import of
from .errors import Conflict, Exhausted, InvalidParameter, NotFound, hns_call_error, hns_error
from .hns import ATTACHED, Endpoint, Network
from .ports import EPHEMERAL_FIRST, EPHEMERAL_LAST
from .recovery import stale_address_error
from .winnat import FirewallRule, StaticMapping


def _skip(candidates, avoid, n):
    """The n-th (0-based) of ``candidates`` that is not in ``avoid``; None if there is none."""
    left = [c for c in candidates or () if c not in avoid]
    return left[n] if len(left) > n else None


def _label(ep):
    """How the event log names an endpoint: ``container@network`` (``remote@…`` for remote ones)."""
    return f"{ep.container or ('remote ' + str(ep.ip_address))}@{ep.network}"


def _subnet_of(net, ip):
    """The subnet of ``net`` that holds ``ip`` (None if none does, or ``ip`` is None)."""
    return None if ip is None else next((s for s in net.subnets if ip in s.prefix), None)


def _failed(container, net):
    """How an endpoint error starts (made only when there is an error)."""
    return f"failed to create endpoint {container} on network {net.name}: "


@dataclass(slots=True, kw_only=True)
class EndpointPlan:
    """Everything an endpoint will be, worked out before anything changes."""

    network: Network
    driver: object  # drivers.of(network)
    container: str
    ip: object
    mac: str
    subnet: object  # the Subnet of ``ip`` (None without an address)
    pool: object  # the AddressPool ``ip`` comes from (None: no address, or the swarm's pools)
    ports: tuple | list  # the PortMappings it publishes
    dns: tuple
    dns_text: str  # ``dns`` as the event log writes it
    policies: tuple
    aliases: tuple = ()
    lease: object = None
    apipa: object = None  # no DHCP offer can come: the link-local address the container takes


class EndpointsMixin:
    """Endpoints of a Host (mixed into ``Host``)."""

    def _plan_endpoint(
        self, net, container, ip=None, mac=None, ports=(), dns=(), aliases=(), others=(), avoid=()
    ):
        """Work out an endpoint (address, MAC, ports, DNS, policies) without changing anything.

        ``avoid`` is the (ip, mac) the container had before a stop: HNS hands out others."""
        if others and any(p.network is net and p.container == container for p in others):
            raise Conflict(f"endpoint with name {container} already exists in network {net.name}")
        known = self._containers.get(container)
        if (
            known is not None
            and known.endpoints
            and any(self._endpoints[e].network_id == net.id for e in known.endpoints if e in self._endpoints)
        ):
            raise Conflict(f"endpoint with name {container} already exists in network {net.name}")
        lease = pool = subnet = None
        drv = of(net)
        if drv.swarm_scoped:
            ip = self.lab.pools.plan_overlay_address(net.name, ip, others)
            subnet = _subnet_of(net, ip)
        elif ip is not None:
            k = next((k for k, p in enumerate(net.pools) if p.prefix is not None and ip in p.prefix), None)
            if k is None:
                raise InvalidParameter(
                    _failed(container, net) + f'no matching subnet for IP "{ip}" in network "{net.docker_id}"'
                )
            if any(e.ip_address == ip for e in self.stale_endpoints() if e.network_id == net.id):
                raise stale_address_error(self.profile, container, net.name)
            pool, subnet = net.pools[k], net.subnets[k]
            if not pool.is_free(ip) or any(p.ip == ip for p in others):
                raise hns_error(
                    "The object already exists.",
                    prefix=_failed(container, net),
                    hint=f"{ip} is the gateway, a reserved address, or already used in {net.name}",
                )
        elif net.dhcp:  # no offer reaches a container whose frames die below the host: APIPA
            lease = None if self.drops_foreign_macs(net) else self.lab.pools.plan_dhcp_lease(others)
        elif not net.pools:
            raise InvalidParameter(
                _failed(container, net) + "the network does not have a subnet for this endpoint",
                hint=f"{net.driver} needs --subnet and --gateway: there is no DHCP on this driver",
            )
        else:
            k, ip = self._peek_address(net, others, avoid[:1])
            if ip is None:
                raise hns_error(
                    "The IP address pool of the network is exhausted.",
                    cls=Exhausted,
                    prefix=_failed(container, net),
                    hint=f"every address of {', '.join(str(s.prefix) for s in net.subnets)} is in use",
                )
            pool, subnet = net.pools[k], net.subnets[k]
        if mac is not None:
            if not net.mac_pool.is_free(mac) or any(
                e.mac_address == mac for e in (self._endpoints[i] for i in net.endpoint_ids)
            ):
                raise hns_error(
                    "The object already exists.",
                    prefix=_failed(container, net),
                    hint=f"MAC {mac} is already used in {net.name}",
                )
        else:
            got = (
                net.mac_pool.peek_first()
                if not others and not avoid[1:]
                else self._peek_mac(net, others, avoid)
            )
            if got is None:
                raise hns_error(
                    "The MAC address pool of the network is exhausted.",
                    cls=Exhausted,
                    prefix=_failed(container, net),
                    hint=f"a network has {net.mac_pool.pool.size} MACs "
                    f"({net.mac_pool.start_mac}..{net.mac_pool.end_mac})",
                )
            mac = got
        port_pols = self._plan_ports(net, container, ports, others, _failed(container, net)) if ports else ()
        dns, dns_text = self._endpoint_dns(net, drv, dns)
        # Class(k=v) would hand the keywords to __init__ in a dict (CPython): twice as slow
        plan = object.__new__(EndpointPlan)
        plan.__init__(
            network=net,
            driver=drv,
            container=container,
            ip=ip,
            mac=mac,
            subnet=subnet,
            pool=pool,
            ports=port_pols,
            dns=dns,
            dns_text=dns_text,
            policies=net.shared_policies + tuple(port_pols) if port_pols else net.shared_policies,
            aliases=tuple(aliases),
            lease=lease,
            apipa=self._plan_apipa(mac, others) if net.dhcp and lease is None and ip is None else None,
        )
        return plan

    def _plan_apipa(self, mac, others):
        """The 169.254 address a container without a DHCP offer gives itself (unique on the LAN:
        RFC 3927 probes with ARP before it takes one).  Simplification: Windows' DHCP client
        keeps asking in the background (every five minutes while autoconfigured, per Microsoft's
        APIPA article); the lab has no background time, so the container asks again only when
        it starts (``docker restart``)."""
        taken = {e.apipa for h in self.lab.hosts.values() for e in h.endpoints.values() if e.apipa}
        return apipa_address(mac, taken | {p.apipa for p in others if p.apipa})

    def _peek_address(self, net, others, avoid=()):
        """(k, address): the next free address of ``net`` after ``others``, from its k-th
        pool (that of its k-th subnet); (None, None) when every pool is used up."""
        for k, pool in enumerate(net.pools):
            if not others and not avoid:  # the common case: the pool's lowest free address
                got = pool.peek_first()
            else:
                n = sum(1 for p in others if p.network is net and p.ip is not None and pool.contains(p.ip))
                got = _skip(pool.peek(n + 1 + len(avoid)), avoid, n)
            if got is not None:
                return k, got
        return None, None

    def _peek_mac(self, net, others, avoid):
        """The MAC after those ``others`` plan on ``net``, avoiding ``avoid[1:]``."""
        taken = sum(1 for p in others if p.network is net)
        return _skip(net.mac_pool.peek(taken + 1 + len(avoid[1:])), avoid[1:], taken)

    def _plan_ports(self, net, container, ports, others, prefix):
        pending = {
            (m.protocol.lower(), m.external_port)
            for p in others
            if self._hns.get(p.network.id) is p.network
            for m in p.ports
        }
        out, cursor = [], EPHEMERAL_FIRST
        for spec in ports:
            host_port = spec.host_port
            if host_port == 0:
                while cursor <= EPHEMERAL_LAST and (
                    self.port_in_use((spec.protocol, cursor))
                    or (spec.protocol, cursor) in pending
                    or (spec.protocol, cursor) in self._listeners
                ):
                    cursor += 1
                if cursor > EPHEMERAL_LAST:
                    raise Exhausted(prefix + "no free host port in the dynamic range 49152-65535")
                host_port = cursor
            elif (
                self.port_in_use((spec.protocol, host_port))
                or (spec.protocol, host_port) in pending
                or (not of(net).docker_allocates_ports and (spec.protocol, host_port) in self._listeners)
            ):
                who = self._port_holder(spec.protocol, host_port, pending)
                if not of(net).docker_allocates_ports:  # HNS/WinNAT refuses it
                    raise Conflict(
                        prefix
                        + hns_call_error(
                            "The process cannot access the file because it is being used by another process.",
                            0x20,
                            self.profile,
                        ),
                        hint=f"host port {host_port}/{spec.protocol} is held by {who}: WinNAT cannot map a "
                        "port that is already taken; publish another host port or free that one",
                    )
                raise Conflict(
                    prefix + f"Bind for 0.0.0.0:{host_port} failed: port is already allocated",
                    hint=f"host port {host_port}/{spec.protocol} is already published by {who}",
                )
            pending.add((spec.protocol, host_port))
            out.append(
                P.PortMapping(
                    protocol=spec.protocol.upper(), internal_port=spec.container_port, external_port=host_port
                )
            )
        return out

    def _port_holder(self, protocol, port, pending):
        """Who holds a host port, in words: a container, a swarm service or a host process."""
        service = self._mesh_ports.get((protocol, port))
        if service is not None:
            return f"the routing mesh of the swarm service {service}"
        owner = self._ports.get((protocol, port))
        ep = self._endpoints.get(owner) if owner else None
        if ep is not None and ep.container:
            return f"the container {ep.container}"
        proc = self._listeners.get((protocol, port))
        if proc is not None:
            return f"the host process {proc.process} (PID {proc.pid})"
        return "another endpoint being created" if (protocol, port) in pending else "another endpoint"

    def _endpoint_dns(self, net, drv, dns):
        """The DNS server list of a new endpoint on ``net`` (``dns``: ``--dns``) and its text
        in the event log.  Without ``--dns`` every endpoint of a network shares one of each,
        worked out once per network."""
        if dns and not net.internal:
            servers = self._dns_list(net, drv, tuple(dns))
            return servers, ", ".join(servers) or "none"
        inputs = (net, drv, self.dns_servers, net.subnets, net.gateway_dns, net.internal)
        shared = self._derived.get(net.id)
        if shared is None or shared[0] != inputs:  # equal inputs, the same list
            servers = self._dns_list(net, drv, None)
            shared = self._derived[net.id] = (inputs, servers, ", ".join(servers) or "none")
        return shared[1], shared[2]

    def _dns_list(self, net, drv, rest):
        if rest is None:
            rest = net.dns_servers or tuple(sys.intern(str(d)) for d in self.dns_servers)
        if drv.internal_dns and net.gateway_dns and net.gateway:
            gateway = sys.intern(str(net.gateway))  # shared by every endpoint of the network
            return (gateway,) + tuple(d for d in rest if d != gateway)
        return rest

    def _commit_endpoint(self, c, plan, ns):
        """Create the endpoint ``plan`` worked out, in the namespace ``ns`` of ``c``."""
        net, drv = plan.network, plan.driver
        ep_id = self.ids.guid("endpoint")
        ip, lease, subnet = plan.ip, None, plan.subnet
        if drv.swarm_scoped:
            self.lab.pools.take_overlay_address(net.name, ip)
        elif plan.pool is not None:
            plan.pool.take(ip)
        if plan.lease is not None:
            lease = self.lab.pools.take_dhcp_lease(plan.mac)
        net.mac_pool.take(plan.mac)
        name = drv.endpoint_name(net, c)
        # Class(k=v) would hand the keywords to __init__ in a dict (CPython): twice as slow
        ep = object.__new__(Endpoint)
        ep.__init__(
            id=ep_id,
            name=name,
            network=net.name,
            network_id=net.id,
            container=c.name,
            ip_address=ip,
            prefix_length=subnet.prefix.prefixlen if subnet else None,
            mac_address=plan.mac,
            gateway=subnet.gateway if subnet else None,
            dns_servers=plan.dns,
            dns_suffix=net.dns_suffix,
            policies=plan.policies,
            namespace=c.namespace,
            state=ATTACHED,
            host=self.name,
            enable_internal_dns=drv.internal_dns,
            dhcp_lease=lease,
            aliases=plan.aliases,
            provider_address=self.address if drv.encapsulates else None,
        )
        self._endpoints[ep_id] = ep
        net.endpoint_ids[ep_id] = None
        c.endpoints = c.endpoints + (ep_id,)
        ns.endpoints = (*ns.endpoints, ep_id)
        # event details are templates filled in on read (Host.log_recipe): the address and
        # the gateway go in as the endpoint's and the subnet's own (immutable) objects
        nic = "vmNIC" if c.isolation == "hyperv" else "vNIC"
        values = (c.name, net.name, ep_id, plan.mac, nic, ns.compartment_id, net.vswitch)
        if ip is not None:  # created, attached, its port made, configured: one entry
            recipe = E.ENDPOINT_UP if ep.enable_internal_dns else E.ENDPOINT_UP_NO_DNS
            self.log_recipe(recipe, values + (ip, ep.prefix_length, ep.gateway, plan.dns_text))
        else:
            self.log_recipe(E.ENDPOINT_DHCP, values)
            self._log_dhcp(ep, plan)
        for pm in plan.ports:
            self._commit_port(net, ep, pm)
        if drv.swarm_scoped:
            swarm.endpoint_added(self.lab, self, ep)

    def _log_dhcp(self, ep, plan):
        """How an endpoint without an address in HNS got one: a lease, APIPA, or none yet."""
        label = _label(ep)
        if ep.dhcp_lease is not None:
            self.log_event(
                "DHCP", "Lease", label, f"{ep.dhcp_lease} from the LAN's DHCP server for {plan.mac}"
            )
        elif plan.apipa is not None:
            ep.apipa = plan.apipa
            self.log_event(
                "DHCP",
                "NoOffer",
                label,
                f"no DHCPOFFER for {plan.mac}: {self.name}'s frames from that MAC (not the VM's own) are "
                f"dropped below the VM; autoconfigured {plan.apipa}/16 (APIPA)",
            )
        else:
            recipe = E.CONFIGURE_ENDPOINT_DHCP if ep.enable_internal_dns else E.CONFIGURE_ENDPOINT_DHCP_NO_DNS
            self.log_recipe(recipe, (label, ep.gateway, plan.dns_text))

    def _commit_port(self, net, ep, pm):
        key = (pm.protocol.lower(), pm.external_port)
        self._ports[key] = ep.id
        if not of(net).uses_vfp:  # nat: WinNAT static mapping + firewall rule
            self._mapping_ids += 1
            nat_name = net.nat_name
            m = StaticMapping(
                mapping_id=self._mapping_ids - 1,
                nat_name=nat_name,
                protocol=pm.protocol,
                external_port=pm.external_port,
                internal_ip=ep.ip_address,
                internal_port=pm.internal_port,
                endpoint_id=ep.id,
            )
            self._mappings[key] = m
            self.log_event(
                "WinNAT",
                "AddStaticMapping",
                nat_name,
                f"{pm.protocol} 0.0.0.0:{pm.external_port} -> {ep.ip_address}:{pm.internal_port}",
            )
            rule = FirewallRule(
                name=f"HNS-{ep.id[:8]}-{pm.protocol}-{pm.external_port}",
                protocol=pm.protocol,
                local_port=pm.external_port,
                endpoint_id=ep.id,
            )
            self._firewall[rule.name] = rule
            self.log_event(
                "Firewall", "NewNetFirewallRule", rule.name, f"Allow inbound {pm.protocol} {pm.external_port}"
            )
        else:
            self.log_event(
                "VFP",
                "AddRule",
                _label(ep),
                f"SLB_NAT_LAYER: {pm.protocol} host port {pm.external_port} -> "
                f"{ep.address}:{pm.internal_port}",
            )

    def _drop_endpoint(self, ep):
        """Tear down an endpoint: policies, mappings, pools, namespace membership."""
        net = self._hns.get(ep.network_id)
        for pm in ep.policies:
            if isinstance(pm, P.PortMapping):
                key = (pm.protocol.lower(), pm.external_port)
                self._ports.pop(key, None)
                if self._mappings.pop(key, None) is not None:
                    self.log_event(
                        "WinNAT",
                        "RemoveStaticMapping",
                        net.nat_name if net else "",
                        f"{pm.protocol} 0.0.0.0:{pm.external_port}",
                    )
                    self._firewall.pop(f"HNS-{ep.id[:8]}-{pm.protocol}-{pm.external_port}", None)
                    self.log_event(
                        "Firewall",
                        "RemoveNetFirewallRule",
                        f"HNS-{ep.id[:8]}-{pm.protocol}-{pm.external_port}",
                    )
                else:
                    self.log_event(
                        "VFP", "RemoveRule", _label(ep), f"SLB_NAT_LAYER host port {pm.external_port}"
                    )
        if net is not None:
            net.endpoint_ids.pop(ep.id, None)
            if not ep.remote:
                net.mac_pool.release(ep.mac_address)
                if of(net).swarm_scoped:
                    self.lab.pools.release_overlay_address(net.name, ep.ip_address)
                else:
                    for pool in net.pools:
                        pool.release(ep.ip_address)
        if ep.dhcp_lease is not None:
            self.lab.pools.release_dhcp_lease(ep.mac_address)
        ns = self._namespaces.get(ep.namespace)
        if ns is not None and ep.id in ns.endpoints:
            ns.endpoints = tuple(e for e in ns.endpoints if e != ep.id)
        del self._endpoints[ep.id]
        self.log_event("HNS", "DeleteEndpoint", _label(ep), f"id {ep.id}")
        if net is not None and of(net).swarm_scoped and not ep.remote:
            swarm.endpoint_removed(self.lab, self, ep)

    # ------------------------------------------------------------------ remote endpoints, policy lists
    def add_remote_endpoint(self, net, ep, pa):
        rid = self.ids.guid("endpoint")
        r = Endpoint(
            id=rid,
            name=ep.name,
            network=net.name,
            network_id=net.id,
            container=None,
            ip_address=ep.ip_address,
            prefix_length=ep.prefix_length,
            mac_address=ep.mac_address,
            gateway=ep.gateway,
            dns_servers=(),
            dns_suffix="",
            policies=(P.ProviderAddress(pa=str(pa)),),
            namespace=None,
            remote=True,
            state=1,
            host=self.name,
            provider_address=pa,
            extra={"owner_host": ep.host, "owner_container": ep.container},
        )
        self._endpoints[rid] = r
        net.endpoint_ids[rid] = None
        self.log_event(
            "HNS",
            "CreateEndpoint",
            _label(r),
            f"IsRemoteEndpoint, PA {pa} ({ep.container} on {ep.host}); "
            f"VFP encap rule CA {ep.ip_address} -> PA {pa}",
        )

    def remove_remote_endpoints(self, net, ip):
        for eid in [
            e for e in net.endpoint_ids if self._endpoints[e].remote and self._endpoints[e].ip_address == ip
        ]:
            self._drop_endpoint(self._endpoints[eid])

    def set_policy_lists(self, service, lists):
        for pid in [i for i, pl in self._policy_lists.items() if pl.service == service]:
            del self._policy_lists[pid]
            self.log_event("HNS", "DeletePolicyList", service, f"id {pid}")
        for pl in lists:
            self._policy_lists[pl.id] = pl
            self.log_event(
                "HNS",
                "CreatePolicyList",
                service,
                "; ".join(p.describe() for p in pl.policies) + f" over {len(pl.references)} endpoint(s)",
            )

    # ------------------------------------------------------------------ endpoint ACLs
    def add_acl(
        self,
        container: str,
        network: str,
        action: str = "Block",
        direction: str = "In",
        priority: int = 100,
        protocols: str = "",
        local_ports: str = "",
        remote_addresses: str = "",
        rule_type: str = "Switch",
    ):
        """Add an ACL policy to a container's endpoint, as HNS's *modify endpoint* (policy add)
        request does — what Kubernetes network policies and ``New-HnsEndpoint -Policies`` use.

        ``rule_type`` ``Switch`` is enforced by VFP (ACL_ENDPOINT_LAYER), ``Host`` by the Windows
        Filtering Platform; among matching rules the lowest priority number wins.
        """
        ep = self._endpoint_on(container, network)
        acl = _acl(action, direction, priority, protocols, local_ports, remote_addresses, rule_type)
        ep.policies = ep.policies + (acl,)
        self.log_event(
            "HNS",
            "ModifyEndpoint",
            _label(ep),
            f"add policy ACL: {acl.describe()}, RuleType {acl.rule_type}"
            + (" (VFP ACL_ENDPOINT_LAYER)" if acl.rule_type == "Switch" else " (Windows Filtering Platform)"),
        )
        return acl

    def remove_acls(self, container: str, network: str):
        """Remove every ACL policy that was added to the container's endpoint on ``network``."""
        ep = self._endpoint_on(container, network)
        kept = tuple(p for p in ep.policies if not isinstance(p, P.Acl))
        if len(kept) != len(ep.policies):
            ep.policies = kept
            self.log_event("HNS", "ModifyEndpoint", _label(ep), "remove ACL policies")

    def _endpoint_on(self, container, network):
        c = self.container(container)
        net = self.network(network)
        for ep in self.endpoints_of(c):
            if ep.network_id == net.id:
                return ep
        raise NotFound(f"container {c.id} is not connected to network {net.name}")


def _acl(action, direction, priority, protocols, local_ports, remote_addresses, rule_type):
    """Validate an ACL's settings with HNS's vocabulary (reference §3.7, hns-schema §3.2)."""
    action, direction, rule_type = (
        str(action).capitalize(),
        str(direction).capitalize(),
        str(rule_type).capitalize(),
    )
    if action not in ("Allow", "Block"):
        raise InvalidParameter(f"invalid ACL Action {action!r}: Allow or Block")
    if direction not in ("In", "Out"):
        raise InvalidParameter(f"invalid ACL Direction {direction!r}: In or Out")
    if rule_type not in ("Switch", "Host"):
        raise InvalidParameter(f"invalid ACL RuleType {rule_type!r}: Switch (VFP) or Host (WFP)")
    if not isinstance(priority, int) or isinstance(priority, bool) or not 0 <= priority <= 65535:
        raise InvalidParameter(f"invalid ACL Priority {priority!r}: a number from 0 to 65535")
    names = {"": "", "256": "256"} | {  # 256: any protocol (see Acl.matches)
        key: str(n)
        for name, n in P.PROTOCOL_NUMBERS.items()
        if name != "ANY"
        for key in (name.lower(), str(n))
    }
    protos = [p.strip().lower() for p in str(protocols).split(",")] if protocols else []
    if any(p not in names for p in protos):
        raise InvalidParameter(
            f"invalid ACL Protocols {protocols!r}: TCP, UDP, ICMP, their numbers 6, 17, 1, or 256 (any)"
        )
    ports = [p.strip() for p in str(local_ports).split(",")] if local_ports else []
    if any(not p.isdigit() or not 0 < int(p) <= 65535 for p in ports):
        raise InvalidParameter(f"invalid ACL LocalPorts {local_ports!r}: comma-separated port numbers")
    remotes = [r.strip() for r in str(remote_addresses).split(",")] if remote_addresses else []
    for r in remotes:
        parse_prefix(r, "ACL RemoteAddresses")
    return P.Acl(
        action=action,
        direction=direction,
        priority=priority,
        protocols=",".join(names[p] for p in protos),
        local_ports=",".join(ports),
        remote_addresses=",".join(remotes),
        remote_ports="",
        local_addresses="",
        rule_type=rule_type,
    )
