"""Host operations on networks: Docker's start-up, ``docker network create`` and ``rm``.

Creating a network validates like the daemon (name, driver, IPAM, options, subnets), then
HNS checks (overlaps, WinNAT's single prefix on Windows Server 2016, adapters), and only
then commits: the HNS network, its vSwitch (created or reused), WinNAT for nat, the IP and
MAC pools.  Docker's start-up adopts external vSwitches as transparent networks and
creates the default ``nat`` network."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import policies as P
from . import swarm, vfp
from .addressing import AddressPool, MacPool, format_mac, parse_ip, parse_prefix
from .docker_container import NAME_RE
from .drivers import driver as get_driver
from .drivers import is_swarm_scoped, of
from .drivers.base import SHIM, parse_options
from .errors import Conflict, InvalidParameter, NotFound, Unsupported, hns_error
from .hns import Network, Subnet
from .hyperv import vnic_name
from .winnat import NetNat

DUPLICATE_NAME = (
    "You were not connected because a duplicate name exists on the network. If joining a domain, go to System in "
    "Control Panel to change the computer name and try again. If joining a workgroup, choose another workgroup name."
)


@dataclass(slots=True, kw_only=True)
class NetworkPlan:
    name: str
    drv: object
    shim: object
    subnets: list
    adapter: str | None = None
    reuse_switch: str | None = None
    options: dict = field(default_factory=dict)
    attachable: bool = False
    internal: bool = False
    labels: dict = field(default_factory=dict)
    swarm: object = None  # SwarmNetwork for overlay
    default: bool = False
    bind: object = None  # existing HNS network named by the hnsid option


class NetworkingMixin:
    """Networks of a Host (mixed into ``Host``)."""

    # ------------------------------------------------------------------ docker engine start
    def _start_docker(self):
        """dockerd starts: it re-creates every local network it finds in HNS with the options
        ``networkname`` (its Docker name) and ``hnsid`` (moby ``daemon_windows.go``
        ``initNetworkController``, unchanged since 2016) — which is why a network created
        without ``-o …networkname`` shows that option only after the daemon restarted —
        adopts External switches HNS does not use, and creates ``none`` and the default
        ``nat`` (named ``nat`` by the same option)."""
        self.log_event("Docker", "Start", "dockerd", f"{self.profile.title}: reconcile with HNS")
        for net in self._networks.values():
            if net.id and not is_swarm_scoped(net.driver):
                net.options[f"{SHIM}networkname"] = net.name
        self._adopt_switches()
        if "none" not in self._networks:
            self._networks["none"] = Network(
                id="",
                name="none",
                hns_name="none",
                driver="null",
                hns_type="",
                subnets=(),
                vswitch="",
                docker_id=self.ids.hex64("docker-network"),
                created_by_docker=True,
            )
        if "nat" not in self._networks and self.lab.nat_prefix != "none":
            prefix = self.lab.pools.nat_prefix(self)
            plan = self.plan_network(
                "nat",
                "nat",
                str(prefix),
                None,
                {f"{SHIM}networkname": "nat"},
                default=True,
            )
            self.commit_network(plan)

    def _adopt_switches(self):
        taken = {n.vswitch for n in self._hns.values()}
        for sw in sorted(self._vswitches.values(), key=lambda s: s.name):
            if sw.switch_type == "External" and sw.name not in taken and sw.name not in self._networks:
                net = Network(
                    id=self.ids.guid("network"),
                    name=sw.name,
                    hns_name=sw.name,
                    driver="transparent",
                    hns_type="Transparent",
                    subnets=(),
                    vswitch=sw.name,
                    docker_id=self.ids.hex64("docker-network"),
                    adapter=sw.adapter,
                    mac_pool=MacPool(self.lab.pools.take_mac_pool()),
                    created_by_docker=False,
                    hns_owned=True,
                    dhcp=True,
                    options={},
                )
                net.options = {
                    f"{SHIM}hnsid": net.id,
                    f"{SHIM}networkname": sw.name,
                    f"{SHIM}hnsowned": "true",
                }
                net.vfp_template = vfp.network_template(
                    net, self._adapters[sw.host_vnic].mac_address, self.profile
                )
                self._register(net)
                self.log_event(
                    "Docker",
                    "AdoptNetwork",
                    sw.name,
                    f"external vSwitch '{sw.name}' shown as a transparent network",
                )

    # ------------------------------------------------------------------ networks
    def create_network(
        self,
        name: str,
        driver: str = "nat",
        subnet: str | None = None,
        gateway: str | None = None,
        options: Mapping[str, str] | None = None,
        attachable: bool = False,
        internal: bool = False,
        ip_range: str | None = None,
        ipv6: bool = False,
        ipv4: bool = True,
        aux_addresses: Mapping[str, str] | None = None,
        ipam_driver: str | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> Network:
        """``docker network create``: validate like the daemon, then ask HNS for the network.

        ``aux_addresses`` and ``internal`` are accepted as the daemon accepts them; the
        pass-through 'windows' IPAM never sends auxiliary addresses to HNS and the Windows
        driver does not isolate an internal network (it only keeps ``--dns`` off it).
        """
        request = dict(
            name=name,
            subnet=subnet,
            gateway=gateway,
            options=options,
            attachable=attachable,
            internal=internal,
            ip_range=ip_range,
            ipv6=ipv6,
            ipv4=ipv4,
            ipam_driver=ipam_driver,
            labels=labels,
        )
        if is_swarm_scoped(driver):  # the swarm manager creates it on every node
            return swarm.create_overlay(self.lab, self, **request)
        return self.commit_network(self.plan_network(driver=driver, **request))

    def check_network_request(self, name, driver, ipv4, ipv6, ip_range, ipam_driver):
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise InvalidParameter(f'invalid name "{name}": must match [a-zA-Z0-9][a-zA-Z0-9_.-]')
        if name in self._networks:
            raise Conflict(f"network with name {name} already exists")
        drv = get_driver(driver)
        if not ipv4:
            raise InvalidParameter("IPv4 cannot be disabled on Windows")
        if ipam_driver not in (None, "", "default", "windows"):
            raise NotFound(
                f"could not find plugin {ipam_driver} in v1 plugin registry: plugin not found",
                hint="HNS does the address management on Windows: only the 'windows' IPAM driver exists",
            )
        if ipv6 or ip_range:
            raise Unsupported(
                "this request is not supported by the 'windows' ipam driver",
                hint="HNS allocates addresses itself; --ipv6 and --ip-range have no Windows equivalent",
            )
        return drv

    def _plan_subnets(self, drv, subnet, gateway):
        if subnet in (None, ""):
            if gateway not in (None, ""):
                raise InvalidParameter("gateway specified without a subnet")
            return []
        prefixes = [parse_prefix(s) for s in (subnet if isinstance(subnet, (list, tuple)) else [subnet])]
        gws = list(gateway) if isinstance(gateway, (list, tuple)) else [gateway] * len(prefixes)
        out = []
        for prefix, gw in zip(prefixes, gws):
            if gw in (None, ""):
                gw_ip = drv.default_gateway(prefix)
            else:
                gw_ip = parse_ip(gw, "gateway")
                if gw_ip not in prefix:
                    raise InvalidParameter(f"no matching subnet for gateway {gw_ip}")
            out.append((prefix, gw_ip))
        if len(out) > 1 and not (self.profile.multi_subnet and drv.multi_subnet):
            raise Unsupported(
                "multiple subnets per network are supported only for l2bridge and l2tunnel "
                "on Windows Server 2025"
            )
        return out

    def plan_network(
        self,
        name,
        driver,
        subnet=None,
        gateway=None,
        options=None,
        attachable=False,
        internal=False,
        ip_range=None,
        ipv6=False,
        ipv4=True,
        ipam_driver=None,
        labels=None,
        default=False,
        swarm=None,
    ):
        drv = self.check_network_request(name, driver, ipv4, ipv6, ip_range, ipam_driver)
        options = {str(k): str(v) for k, v in (options or {}).items()}
        shim = parse_options(options)
        subnets = self._plan_subnets(drv, subnet, gateway)
        plan = NetworkPlan(
            name=name,
            drv=drv,
            shim=shim,
            subnets=subnets,
            options=options,
            attachable=bool(attachable),
            internal=bool(internal),
            labels=dict(labels or {}),
            swarm=swarm,
            default=default,
        )
        if shim.hnsid:
            plan.bind = self._plan_bind(plan)
            return plan
        if not drv.external_switch:  # nat: an Internal switch and WinNAT
            if not subnets:
                subnets.append(self._auto_nat_subnet())
                plan.subnets = subnets
            self._check_nat(plan)
        else:
            self._plan_switch(plan)
        self._check_overlaps(plan)
        hns_name = shim.networkname or "(docker id)"
        if shim.networkname and any(n.hns_name == shim.networkname for n in self._hns.values()):
            raise hns_error(
                "A network with this name already exists.", hint=f"HNS already has a network named {hns_name}"
            )
        return plan

    def _plan_bind(self, plan):
        """``-o …windowsshim.hnsid=<guid>``: Docker wraps an existing HNS network, no HNS call."""
        net = next((n for n in self._hns.values() if n.id.lower() == plan.shim.hnsid.lower()), None)
        if net is None:
            raise hns_error(
                "The object identifier does not represent a valid object. ",
                cls=NotFound,
                hint=f"no HNS network has the id {plan.shim.hnsid} (Get-HnsNetwork lists them)",
            )
        if net.name in self._networks and self._networks[net.name] is net:
            raise Conflict(
                f"network with name {net.name} already exists",
                hint=f"the HNS network {net.id} is already the Docker network '{net.name}'",
            )
        if net.hns_type != plan.drv.hns_type:
            raise InvalidParameter(f"the HNS network {net.id} is of type {net.hns_type}, not {plan.drv.name}")
        return net

    def _commit_bind(self, plan):
        net = plan.bind
        net.name, net.driver = plan.name, plan.drv.name
        net.docker_id = self.ids.hex64(
            f"docker-network:{plan.name}"
        )  # a name of its own: ids differ across labs
        net.options = {**plan.options, f"{SHIM}networkname": net.hns_name}
        net.attachable, net.internal, net.labels = plan.attachable, plan.internal, plan.labels
        self._networks[net.name] = net
        self.log_event(
            "Docker",
            "CreateNetwork",
            plan.name,
            f"wraps the existing HNS network {net.hns_name} ({net.id}); no HNS call",
        )
        return net

    def _auto_nat_subnet(self):
        prefix = self.lab.pools.auto_nat_prefix(self)
        return prefix, next(prefix.hosts())

    def _check_nat(self, plan):
        prefix = plan.subnets[0][0]
        if self.address is not None and self.address in prefix:
            raise hns_error(
                "Unspecified error",
                cls=InvalidParameter,
                hint=(
                    f"the NAT internal prefix {prefix} contains the host address {self.address}; WinNAT needs the "
                    "internal and external prefixes not to overlap"
                ),
            )
        if not self.profile.multiple_nat and self._nat:
            netnat = next(iter(self._nat.values()))
            inside = prefix.subnet_of(netnat.internal_prefix)
            clash = [
                n
                for n in self._hns.values()
                if of(n).winnat and n.name != "nat" and n.prefix and n.prefix.overlaps(prefix)
            ]
            if not inside or clash:
                raise hns_error(
                    "Unspecified error",
                    cls=Unsupported,
                    hint=(
                        f"{self.profile.title} has one WinNAT prefix ({netnat.internal_prefix}); another nat network "
                        "must be a partition of it (see Get-NetNat InternalIPInterfaceAddressPrefix)"
                    ),
                )

    def _check_overlaps(self, plan):
        if plan.drv.swarm_scoped:
            return
        nested_2016 = plan.drv.winnat and not self.profile.multiple_nat
        for prefix, _ in plan.subnets:
            for net in self._hns.values():
                if of(net).swarm_scoped or (nested_2016 and net.name == "nat"):
                    continue
                for s in net.subnets:
                    if s.prefix.overlaps(prefix):
                        raise hns_error(
                            "The object already exists.",
                            hint=(f"{prefix} overlaps {s.prefix} of the network '{net.name}'"),
                        )

    def commit_network(self, plan):
        if plan.bind is not None:
            return self._commit_bind(plan)
        drv, shim = plan.drv, plan.shim
        docker_id = plan.swarm.docker_id if plan.swarm else self.ids.hex64(f"docker-network:{plan.name}")
        hid = self.ids.guid("network")
        hns_name = shim.networkname or docker_id
        subnets = tuple(
            Subnet(
                prefix=p,
                gateway=g,
                policies=(P.Vsid(vsid=plan.swarm.vni),) if plan.swarm else (),
                id=self.ids.guid("subnet"),
            )
            for p, g in plan.subnets
        )
        dhcp = not subnets and drv.dhcp_without_subnet
        if shim.macpools:
            start, end = shim.macpools[0]
            mac_pool = MacPool(start, end - start + 1)
        else:
            mac_pool = MacPool(self.lab.pools.take_mac_pool())
        pools = (
            () if plan.swarm else tuple(AddressPool(s.prefix, reserved=self._reserved(s)) for s in subnets)
        )
        pols = drv.network_policies(shim, self.profile)
        net = Network(
            id=hid,
            name=plan.name,
            hns_name=hns_name,
            driver=drv.name,
            hns_type=drv.hns_type,
            subnets=subnets,
            vswitch="",
            docker_id=docker_id,
            vsid=plan.swarm.vni if plan.swarm else (shim.vsid or None),
            policies=pols,
            dns_servers=tuple(shim.dnsservers),
            dns_suffix=shim.dnssuffix,
            mac_pool=mac_pool,
            pools=pools,
            adapter=plan.adapter,
            attachable=plan.attachable,
            internal=plan.internal,
            scope=drv.scope,
            dhcp=dhcp,
            labels=plan.labels,
        )
        net.gateway_dns = not shim.disable_gatewaydns
        net.options = dict(plan.options)
        net.options[f"{SHIM}hnsid"] = hid  # the driver writes the HNS id back into the options
        self.log_event("Docker", "CreateNetwork", plan.name, f"driver {drv.name}, HNS name {hns_name}")
        subnet_text = (
            ", ".join(f"{s.prefix} (gateway {s.gateway})" for s in subnets) or "none (DHCP on the LAN)"
        )
        self.log_event(
            "HNS", "CreateNetwork", hns_name, f"type {drv.hns_type}, id {hid}, subnets {subnet_text}"
        )
        if not drv.external_switch:
            self._commit_nat_plumbing(net, plan.default)
        elif plan.reuse_switch:
            net.vswitch = plan.reuse_switch
            self.log_event(
                "vSwitch",
                "ReuseSwitch",
                plan.reuse_switch,
                f"External switch on '{plan.adapter}' already used by {drv.hns_type} networks",
            )
        else:
            self._create_switch(hns_name, "External", plan.adapter)
            net.vswitch = hns_name
        if drv.encapsulates:
            net.management_ip = self.address
            net.dr_mac = format_mac(0x00155D000000 + self.lab.ids.number("drmac", 1 << 24))
            self.log_event(
                "HNS",
                "SetProviderAddress",
                hns_name,
                f"management IP (PA, VXLAN tunnel endpoint) {self.address}, VNI {net.vsid}",
            )
        host_mac = (
            self._adapters[self._vswitches[net.vswitch].host_vnic].mac_address
            if self._vswitches[net.vswitch].host_vnic
            else self.mac_address
        )
        if drv.uses_vfp:
            net.vfp_template = vfp.network_template(net, host_mac, self.profile)
        net.shared_policies = drv.shared_endpoint_policies(net, shim, self)
        self.log_event(
            "HNS",
            "CreatePools",
            hns_name,
            f"MAC pool {mac_pool.start_mac}..{mac_pool.end_mac}"
            + (
                "; IP pool " + ", ".join(str(s.prefix) for s in subnets) if subnets else "; no IP pool (DHCP)"
            ),
        )
        self._register(net)
        return net

    def _reserved(self, subnet):
        res = {subnet.gateway} if subnet.gateway else set()
        lan = self.lab.lan
        if subnet.prefix.overlaps(lan.prefix):
            res |= {lan.router, *lan.dns_servers, *(h.address for h in self.lab.hosts.values())}
            res |= set(lan.dhcp_range())
        return res

    def _nat_switch(self, net, default):
        """The Internal vSwitch of a nat network and its host vNIC holding the gateway."""
        gw = net.gateway
        sw_name = net.hns_name
        vnic_ip = ipaddress.IPv4Interface(f"{gw}/{net.prefix.prefixlen}") if gw else None
        sw = self._create_switch(sw_name, "Internal", None, vnic_ip=vnic_ip)
        if default and self.profile.nat_vnic != vnic_name(sw_name):
            vnic = self._adapters.pop(sw.host_vnic)
            vnic.name = self.profile.nat_vnic
            sw.host_vnic = vnic.name
            self._adapters[vnic.name] = vnic
        net.vswitch = sw_name
        return sw

    def _commit_nat_plumbing(self, net, default):
        gw = net.gateway
        sw = self._nat_switch(net, default)
        if self.profile.multiple_nat or not self._nat:
            guid = self.ids.guid("netnat")  # Server 2016 names it H<lower-case guid> (sample 03)
            nat_guid = guid.lower() if self.profile.nat_prefix_letter == "H" else guid
            nat = NetNat(
                name=f"{self.profile.nat_prefix_letter}{nat_guid}",
                internal_prefix=net.prefix,
                gateway=gw,
                network_id=net.id,
            )
            self._nat[net.id] = nat
            net.nat_name = nat.name
            self.log_event(
                "WinNAT",
                "NewNetNat",
                nat.name,
                f"internal prefix {net.prefix}, gateway {gw} on '{sw.host_vnic}'",
            )
        else:
            net.nat_name = next(iter(self._nat.values())).name
            self.log_event(
                "WinNAT",
                "ReuseNetNat",
                net.nat_name,
                f"{net.prefix} is a partition of the host's single NAT prefix",
            )

    def add_netnat(self, name: str, prefix: str) -> NetNat:
        """``New-NetNat``: an administrator's own WinNAT instance (the manual recipe for VMs).

        WinNAT refuses a name that is taken — ``ERROR_DUP_NAME`` (52), the text a Server
        2019 host printed when HNS already held the name (MicrosoftDocs/Virtualization-
        Documentation#1244) — and a prefix that overlaps a host address or another NAT's
        prefix — ``ERROR_INVALID_PARAMETER`` (87, Virtualization-Documentation#361). Server
        2016 keeps one WinNAT instance per host, so a second one is refused the same way as
        a taken name (inferred from the one-instance limit; no sample shows its text)."""
        try:
            net = ipaddress.IPv4Network(prefix, strict=False)
        except ValueError:
            raise InvalidParameter("The parameter is incorrect.") from None
        if any(n.name.lower() == name.lower() for n in self._nat.values()) or (
            self._nat and not self.profile.multiple_nat
        ):
            raise Conflict(DUPLICATE_NAME)
        held = [a.ip_interface.ip for a in self._adapters.values() if a.ip_interface is not None]
        if any(ip in net for ip in held) or any(net.overlaps(n.internal_prefix) for n in self._nat.values()):
            raise InvalidParameter("The parameter is incorrect.")
        nat = NetNat(name=name, internal_prefix=net, gateway=net.network_address, network_id="")
        self._nat[f"netnat:{name}"] = nat
        self.log_event("WinNAT", "NewNetNat", name, f"internal prefix {net} (New-NetNat)")
        return nat

    def remove_netnat(self, name: str) -> None:
        """``Remove-NetNat``: WinNAT drops the instance and its static mappings; the nat
        network that used it stays in HNS, but nothing translates its containers any more
        until HNS re-creates the NAT (``Restart-Service hns``)."""
        key = next(k for k, n in self._nat.items() if n.name == name)
        del self._nat[key]
        for k, m in list(self._mappings.items()):
            if m.nat_name == name:
                del self._mappings[k]
        self.log_event("WinNAT", "RemoveNetNat", name, "Remove-NetNat")

    def _register(self, net):
        self._hns[net.id] = net
        self._networks[net.name] = net

    def remove_network(self, name: str) -> None:
        """``docker network rm``: HNS deletes the network, its WinNAT and (if unused) its vSwitch."""
        net = self.network(name)
        if net.name in ("nat", "none") and (net.created_by_docker or net.name == "none"):
            raise Conflict(f"{net.name} is a pre-defined network and cannot be removed")
        if is_swarm_scoped(net.driver):
            return swarm.remove_overlay(self.lab, net.name)
        if any(not self._endpoints[e].remote for e in net.endpoint_ids):
            raise Conflict(
                f"error while removing network: network {net.name} id {net.docker_id} has active endpoints"
            )
        self.commit_remove_network(net)

    def commit_remove_network(self, net):
        for eid in list(net.endpoint_ids):
            self._drop_endpoint(self._endpoints[eid])
        self.log_event("Docker", "RemoveNetwork", net.name)
        self.log_event("HNS", "DeleteNetwork", net.hns_name, f"id {net.id}")
        nat = self._nat.pop(net.id, None)
        if nat is not None:
            self.log_event("WinNAT", "RemoveNetNat", nat.name, f"internal prefix {nat.internal_prefix}")
        del self._hns[net.id]
        del self._networks[net.name]
        self._derived.pop(net.id, None)
        self.lab.pools.release_mac_pool(net.mac_pool.start)
        sw = self._vswitches.get(net.vswitch)
        if sw and sw.created_by == "HNS" and not any(n.vswitch == sw.name for n in self._hns.values()):
            self._delete_switch(sw.name)
