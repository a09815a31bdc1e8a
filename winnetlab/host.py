"""A Windows container host: adapters, vSwitches, HNS, WinNAT, the firewall and Docker.

``Host`` is the one object that changes state.  Every public mutating call first *plans*
— validates everything and works out every address, MAC and port without touching
anything — and then *commits*; a failed call leaves the host exactly as it was and
consumes no identifiers.  HNS is the source of truth: Docker's networks are the HNS
networks annotated with Docker's id and options, never a second copy.
"""

import ipaddress
import re
from dataclasses import dataclass, field
from types import MappingProxyType

from . import policies as P
from . import vfp
from .addressing import AddressPool, MacPool, derived_hex64, format_mac, normalize_mac, parse_ip, parse_prefix
from .addressing import IdSource
from .drivers import driver as get_driver
from .drivers.base import parse_options
from .errors import Conflict, Exhausted, InvalidParameter, NotFound, Unsupported, WinNetLabError
from .hns import ATTACHED, HNS_TYPES, Endpoint, Namespace, Network, Subnet
from .hyperv import SWITCH_TYPES, Adapter, VSwitch, vnic_name
from .ports import EPHEMERAL_FIRST, EPHEMERAL_LAST, parse_publish
from .records import Container, Event, StartConfig
from .winnat import FirewallRule, NetNat, StaticMapping

NAME_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")
IMAGE_EXPOSES = {"mcr.microsoft.com/windows/servercore/iis": (80,)}
ADJECTIVES = ("admiring", "brave", "clever", "eager", "focused", "gifted", "happy", "jolly",
              "keen", "nifty", "quirky", "serene", "trusting", "vibrant", "wizardly", "zealous")
SCIENTISTS = ("babbage", "curie", "dijkstra", "hopper", "lamport", "lovelace", "noether",
              "ritchie", "shannon", "turing", "wozniak", "yonath")


def _label(ep):
    """How the event log names an endpoint: ``container@network`` (``remote@…`` for remote ones)."""
    return f"{ep.container or ('remote ' + str(ep.ip_address))}@{ep.network}"


def default_image(profile):
    return f"mcr.microsoft.com/windows/nanoserver:{profile.name}"


def hns_error(message, hint=None, cls=Conflict):
    return cls(f"HNS failed with error : {message}", hint=hint)


@dataclass
class EndpointPlan:
    """Everything an endpoint will be, worked out before anything changes."""

    network: Network
    container: str
    ip: object
    mac: str
    ports: list
    dns: tuple
    policies: tuple
    dhcp: bool = False
    aliases: tuple = ()
    name: str = ""
    lease: object = None


@dataclass
class NetworkPlan:
    name: str
    drv: object
    shim: object
    subnets: list
    adapter: str = None
    reuse_switch: str = None
    options: dict = field(default_factory=dict)
    attachable: bool = False
    internal: bool = False
    labels: dict = field(default_factory=dict)
    swarm: object = None      # SwarmNetwork for overlay
    default: bool = False
    bind: object = None       # existing HNS network named by the hnsid option


class Host:
    """One simulated Windows Server running Docker (see the module docstring)."""

    def __init__(self, lab, name, address, mac_address, index):
        self.lab = lab
        self.name = name
        self.index = index
        self.ids = IdSource(lab.seed, name)
        self.address = address
        self.prefix_length = lab.lan.prefix.prefixlen
        self.mac_address = mac_address
        self.gateway = lab.lan.router
        self.dns_servers = lab.lan.dns_servers
        self.is_vm = False
        self.mac_spoofing = False
        self._adapters = {}
        self._vswitches = {}
        self._networks = {}          # docker name -> Network (incl. none)
        self._hns = {}               # HNS id -> Network
        self._endpoints = {}
        self._containers = {}
        self._namespaces = {}
        self._nat = {}               # network id -> NetNat
        self._mappings = {}          # (proto, port) -> StaticMapping
        self._firewall = {}          # name -> FirewallRule
        self._ports = {}             # (proto, port) -> endpoint id
        self._policy_lists = {}
        self._events = []
        self._compartments = 1       # 1 is the host's default compartment
        self._mapping_ids = 0
        self._add_physical_adapter("Ethernet", ipaddress.IPv4Interface(f"{address}/{self.prefix_length}"),
                                   mac_address)
        self._start_docker()

    # ------------------------------------------------------------------ views
    @property
    def profile(self):
        return self.lab.profile

    @property
    def networks(self):
        return MappingProxyType(self._networks)

    @property
    def hns_networks(self):
        return MappingProxyType(self._hns)

    @property
    def containers(self):
        return MappingProxyType(self._containers)

    @property
    def endpoints(self):
        return MappingProxyType(self._endpoints)

    @property
    def vswitches(self):
        return MappingProxyType(self._vswitches)

    @property
    def adapters(self):
        return MappingProxyType(self._adapters)

    @property
    def namespaces(self):
        return MappingProxyType(self._namespaces)

    @property
    def nat(self):
        return tuple(self._nat.values())

    @property
    def nat_mappings(self):
        return tuple(sorted(self._mappings.values(), key=lambda m: m.mapping_id))

    @property
    def firewall_rules(self):
        return tuple(self._firewall.values())

    @property
    def policy_lists(self):
        return tuple(self._policy_lists.values())

    @property
    def published(self):
        return MappingProxyType(self._ports)

    @property
    def events(self):
        return tuple(Event(i, *e) for i, e in enumerate(self._events, start=1))

    def event_rows(self):
        """The event log as plain (seq, actor, action, target, detail) tuples, for big tables."""
        return [(i, *e) for i, e in enumerate(self._events, start=1)]

    def network(self, name):
        try:
            return self._networks[name]
        except KeyError:
            pass
        for net in self._networks.values():   # docker accepts an id prefix too
            if net.docker_id and len(name) >= 3 and net.docker_id.startswith(name):
                return net
        raise NotFound(f"network {name} not found")

    def container(self, name):
        try:
            return self._containers[name]
        except KeyError:
            pass
        for c in self._containers.values():
            if len(name) >= 3 and c.id.startswith(name):
                return c
        raise NotFound(f"No such container: {name}")

    def endpoints_of(self, container):
        c = self.container(container) if isinstance(container, str) else container
        return [self._endpoints[e] for e in c.endpoints if e in self._endpoints]

    def vfp_layers(self, endpoint):
        """The VFP port of a local endpoint as ordered layers (none for nat: WinNAT does it)."""
        net = self._hns.get(endpoint.network_id)
        if net is None or endpoint.remote or not net.vfp_template:
            return []
        remotes = [self._endpoints[e] for e in net.endpoint_ids if self._endpoints[e].remote]
        lb = [vfp.VfpRule(f"LB_{pl.id[:8]}", 100, "lb", "OUT", (("vip", ",".join(p.vips)),),
                          p.describe(), False, p)
              for pl in self._policy_lists.values() if pl.network_id == net.id
              for p in pl.policies]
        return vfp.port_layers(net, endpoint, self.address, remotes, lb)

    # ------------------------------------------------------------------ events
    def _log(self, actor, action, target, detail=""):
        self._events.append((actor, action, target, detail))   # Event objects are made on read

    # ------------------------------------------------------------------ adapters and switches
    def _add_physical_adapter(self, name, ip_interface, mac):
        desc = "Microsoft Hyper-V Network Adapter" if self.is_vm else "Intel(R) 82574L Gigabit Network Connection"
        if name != "Ethernet":
            desc += f" #{len([a for a in self._adapters.values() if a.physical]) + 1}"
        self._adapters[name] = Adapter(name, mac, desc, ip_interface, self.gateway if ip_interface else None,
                                       True, None, len(self._adapters) + 2)

    def add_adapter(self, name):
        """Add a physical NIC (out of band), e.g. ``"Ethernet 2"`` for a second external network."""
        name = str(name).strip()
        if not name or name in self._adapters:
            raise Conflict(f"an adapter named '{name}' already exists" if name else "the adapter name is empty")
        mac = format_mac(0x001B21000000 + self.lab.ids.number("nic", 1 << 24))
        self._add_physical_adapter(name, None, mac)
        self._log("Host", "AddAdapter", name, f"physical NIC {mac} (no IP configuration)")
        return self._adapters[name]

    def configure(self, is_vm=None, mac_spoofing=None):
        """Say whether this host is itself a Hyper-V VM and whether MAC spoofing is on for it."""
        if is_vm is not None:
            self.is_vm = bool(is_vm)
        if mac_spoofing is not None:
            self.mac_spoofing = bool(mac_spoofing)
        return self

    def _create_switch(self, name, switch_type, adapter=None, created_by="HNS", vnic_ip=None):
        sw = VSwitch(name, self.ids.guid("vswitch"), switch_type, adapter,
                     None if switch_type == "Private" else vnic_name(name), created_by)
        self._vswitches[name] = sw
        if sw.host_vnic:
            ip_if, gw = vnic_ip, None
            if adapter is not None:
                phys = self._adapters[adapter]
                phys.vswitch = name
                ip_if, gw, phys.ip_interface, phys.gateway = phys.ip_interface, phys.gateway, None, None
            mac = self._adapters[adapter].mac_address if adapter else format_mac(
                0x00155D000000 + self.lab.ids.number("vnic", 1 << 24))
            self._adapters[sw.host_vnic] = Adapter(sw.host_vnic, mac, "Hyper-V Virtual Ethernet Adapter",
                                                   ip_if, gw, False, name, len(self._adapters) + 2)
        kind = f"bound to '{adapter}'" if adapter else "not bound to any NIC"
        self._log("vSwitch", "CreateSwitch", name, f"{switch_type} switch {kind}"
                  + (f"; host vNIC '{sw.host_vnic}'" if sw.host_vnic else ""))
        return sw

    def _delete_switch(self, name):
        sw = self._vswitches.pop(name)
        vnic = self._adapters.pop(sw.host_vnic, None) if sw.host_vnic else None
        if sw.adapter:
            phys = self._adapters[sw.adapter]
            phys.vswitch = None
            if vnic is not None:
                phys.ip_interface, phys.gateway = vnic.ip_interface, vnic.gateway
        self._log("vSwitch", "DeleteSwitch", name, f"{sw.switch_type} switch removed"
                  + (f"; host address back on '{sw.adapter}'" if sw.adapter else ""))

    def add_vswitch(self, name, switch_type="External", adapter=None):
        """``New-VMSwitch`` out of band: Docker only adopts it at its next start."""
        name = str(name).strip()
        if not name:
            raise InvalidParameter("Cannot validate argument on parameter 'Name'. The argument is null or empty.")
        if switch_type not in SWITCH_TYPES:
            raise InvalidParameter(f"Cannot bind parameter 'SwitchType'. Cannot convert value \"{switch_type}\" "
                                   "to type \"Microsoft.HyperV.PowerShell.VMSwitchType\".")
        if name in self._vswitches:
            raise Conflict(f"Failed while adding virtual Ethernet switch connections. A virtual switch named "
                           f"'{name}' already exists.")
        if switch_type == "External":
            phys = self._physical(adapter or "Ethernet")
            if phys.vswitch:
                raise Conflict(
                    "Failed while adding virtual Ethernet switch connections. External Ethernet adapter "
                    f"'{phys.description}' is already bound to the Microsoft Virtual Switch protocol.",
                    hint=f"'{phys.name}' already carries the vSwitch '{phys.vswitch}'; an adapter carries at most one")
            adapter = phys.name
        elif adapter is not None:
            raise InvalidParameter("Parameter set cannot be resolved using the specified named parameters.")
        return self._create_switch(name, switch_type, adapter, created_by="user")

    def remove_vswitch(self, name):
        sw = self._vswitches.get(name)
        if sw is None:
            raise NotFound(f"Hyper-V was unable to find a virtual switch with name \"{name}\".")
        users = sorted(n.name for n in self._hns.values() if n.vswitch == name)
        if users:
            raise Conflict(f"the vSwitch '{name}' carries the HNS network(s) {', '.join(users)}",
                           hint="remove those networks first (docker network rm); removing the switch "
                                "under HNS leaves them broken")
        self._delete_switch(name)

    def _physical(self, name):
        a = self._adapters.get(name)
        if a is None or not a.physical:
            raise hns_error("The parameter is incorrect.", cls=InvalidParameter,
                            hint=f"'{name}' is not a physical adapter of {self.name}; pick a Name from Get-NetAdapter"
                                 " (not a vEthernet adapter)")
        return a

    # ------------------------------------------------------------------ docker engine start
    def _start_docker(self):
        self._log("Docker", "Start", "dockerd", f"{self.profile.title}: reconcile with HNS")
        self._adopt_switches()
        if "none" not in self._networks:
            self._networks["none"] = Network("", "none", "none", "null", "", (), "",
                                             docker_id=self.ids.hex64("docker-network"),
                                             created_by_docker=True)
        if "nat" not in self._networks and self.lab.nat_prefix != "none":
            prefix = self.lab.default_nat_prefix(self)
            plan = self._plan_network("nat", "nat", str(prefix), None, {"com.docker.network.windowsshim.networkname": "nat"},
                                      default=True)
            self._commit_network(plan)

    def _adopt_switches(self):
        taken = {n.vswitch for n in self._hns.values()}
        for sw in sorted(self._vswitches.values(), key=lambda s: s.name):
            if sw.switch_type == "External" and sw.name not in taken and sw.name not in self._networks:
                net = Network(self.ids.guid("network"), sw.name, sw.name, "transparent", "Transparent", (),
                              sw.name, docker_id=self.ids.hex64("docker-network"), adapter=sw.adapter,
                              mac_pool=MacPool(self._mac_pool_base()), created_by_docker=False, hns_owned=True,
                              dhcp=True, options={})
                net.options = {"com.docker.network.windowsshim.hnsid": net.id,
                               "com.docker.network.windowsshim.networkname": sw.name,
                               "com.docker.network.windowsshim.hnsowned": "true"}
                net.vfp_template = vfp.network_template(net, self._adapters[sw.host_vnic].mac_address, self.profile)
                self._register(net)
                self._log("Docker", "AdoptNetwork", sw.name,
                          f"external vSwitch '{sw.name}' shown as a transparent network")

    def restart_service(self, name):
        """``Restart-Service hns`` / ``docker``: re-runs Docker's start-up reconciliation."""
        if str(name).lower() not in ("hns", "docker"):
            raise NotFound(f"Cannot find any service with service name '{name}'.")
        self._log("Host", "RestartService", str(name).lower())
        self._start_docker()

    # ------------------------------------------------------------------ networks
    def create_network(self, name, driver="nat", subnet=None, gateway=None, options=None, attachable=False,
                       internal=False, ip_range=None, ipv6=False, ipv4=True, aux_addresses=None,
                       ipam_driver=None, labels=None):
        """``docker network create``: validate like the daemon, then ask HNS for the network."""
        if driver == "overlay":
            return self.lab._create_overlay(self, name, subnet, gateway, options, attachable, internal,
                                            ip_range, ipv6, ipv4, ipam_driver, labels)
        plan = self._plan_network(name, driver, subnet, gateway, options, attachable, internal, ip_range,
                                  ipv6, ipv4, ipam_driver, labels)
        return self._commit_network(plan)

    def _check_common(self, name, driver, ipv4, ipv6, ip_range, ipam_driver):
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise InvalidParameter(f'invalid name "{name}": must match [a-zA-Z0-9][a-zA-Z0-9_.-]')
        if name in self._networks:
            raise Conflict(f"network with name {name} already exists")
        drv = get_driver(driver)
        if not ipv4:
            raise InvalidParameter("IPv4 cannot be disabled on Windows")
        if ipam_driver not in (None, "", "default", "windows"):
            raise NotFound(f"could not find plugin {ipam_driver} in v1 plugin registry: plugin not found",
                           hint="HNS does the address management on Windows: only the 'windows' IPAM driver exists")
        if ipv6 or ip_range:
            raise Unsupported("this request is not supported by the 'windows' ipam driver",
                              hint="HNS allocates addresses itself; --ipv6 and --ip-range have no Windows equivalent")
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
        if len(out) > 1 and not (self.profile.multi_subnet and drv.name in ("l2bridge", "l2tunnel")):
            raise Unsupported("multiple subnets per network are supported only for l2bridge and l2tunnel "
                              "on Windows Server 2025")
        return out

    def _plan_network(self, name, driver, subnet=None, gateway=None, options=None, attachable=False,
                      internal=False, ip_range=None, ipv6=False, ipv4=True, ipam_driver=None, labels=None,
                      default=False, swarm=None):
        drv = self._check_common(name, driver, ipv4, ipv6, ip_range, ipam_driver)
        options = {str(k): str(v) for k, v in (options or {}).items()}
        shim = parse_options(options)
        subnets = self._plan_subnets(drv, subnet, gateway)
        plan = NetworkPlan(name, drv, shim, subnets, options=options, attachable=bool(attachable),
                           internal=bool(internal), labels=dict(labels or {}), swarm=swarm, default=default)
        if shim.hnsid:
            plan.bind = self._plan_bind(plan)
            return plan
        if drv.name == "nat":
            if not subnets:
                subnets.append(self._auto_nat_subnet())
                plan.subnets = subnets
            self._check_nat(plan)
        else:
            self._plan_switch(plan)
        self._check_overlaps(plan)
        hns_name = shim.networkname or "(docker id)"
        if shim.networkname and any(n.hns_name == shim.networkname for n in self._hns.values()):
            raise hns_error("A network with this name already exists.", hint=f"HNS already has a network "
                            f"named {hns_name}")
        return plan

    def _plan_bind(self, plan):
        """``-o …windowsshim.hnsid=<guid>``: Docker wraps an existing HNS network, no HNS call."""
        net = next((n for n in self._hns.values() if n.id.lower() == plan.shim.hnsid.lower()), None)
        if net is None:
            raise hns_error("The object identifier does not represent a valid object. ", cls=NotFound,
                            hint=f"no HNS network has the id {plan.shim.hnsid} (Get-HnsNetwork lists them)")
        if net.name in self._networks and self._networks[net.name] is net:
            raise Conflict(f"network with name {net.name} already exists",
                           hint=f"the HNS network {net.id} is already the Docker network '{net.name}'")
        if net.hns_type != plan.drv.hns_type:
            raise InvalidParameter(f"the HNS network {net.id} is of type {net.hns_type}, not {plan.drv.name}")
        return net

    def _commit_bind(self, plan):
        net = plan.bind
        net.name, net.driver = plan.name, plan.drv.name
        net.docker_id = self.ids.hex64("docker-network")
        net.options = {**plan.options, "com.docker.network.windowsshim.networkname": net.hns_name}
        net.attachable, net.internal, net.labels = plan.attachable, plan.internal, plan.labels
        self._networks[net.name] = net
        self._log("Docker", "CreateNetwork", plan.name, f"wraps the existing HNS network {net.hns_name} "
                  f"({net.id}); no HNS call")
        return net

    def _auto_nat_subnet(self):
        prefix = self.lab.auto_nat_prefix(self)
        return prefix, next(prefix.hosts())

    def _check_nat(self, plan):
        prefix = plan.subnets[0][0]
        if self.address in prefix:
            raise hns_error("Unspecified error", cls=InvalidParameter, hint=(
                f"the NAT internal prefix {prefix} contains the host address {self.address}; WinNAT needs the "
                "internal and external prefixes not to overlap"))
        if not self.profile.multiple_nat and self._nat:
            netnat = next(iter(self._nat.values()))
            inside = prefix.subnet_of(netnat.internal_prefix)
            clash = [n for n in self._hns.values() if n.driver == "nat" and n.name != "nat"
                     and n.prefix and n.prefix.overlaps(prefix)]
            if not inside or clash:
                raise hns_error("Unspecified error", cls=Unsupported, hint=(
                    f"{self.profile.title} has one WinNAT prefix ({netnat.internal_prefix}); another nat network "
                    "must be a partition of it (see Get-NetNat InternalIPInterfaceAddressPrefix)"))

    def _check_overlaps(self, plan):
        if plan.drv.name == "overlay":
            return
        nested_2016 = plan.drv.name == "nat" and not self.profile.multiple_nat
        for prefix, _ in plan.subnets:
            for net in self._hns.values():
                if net.driver == "overlay" or (nested_2016 and net.name == "nat"):
                    continue
                for s in net.subnets:
                    if s.prefix.overlaps(prefix):
                        raise hns_error("The object already exists.", hint=(
                            f"{prefix} overlaps {s.prefix} of the network '{net.name}'"))

    def _plan_switch(self, plan):
        shim = plan.shim
        adapter = self._physical(shim.interface[0] if shim.interface else self._default_adapter(plan.drv))
        plan.adapter = adapter.name
        if adapter.vswitch is None:
            return
        users = [n for n in self._hns.values() if n.vswitch == adapter.vswitch]
        same = users and all(n.hns_type == plan.drv.hns_type for n in users) and plan.drv.name != "transparent"
        if same:
            plan.reuse_switch = adapter.vswitch
            return
        why = (f"the vSwitch '{adapter.vswitch}' on '{adapter.name}' was created out of band and Docker has not "
               "adopted it: Restart-Service hns; Restart-Service docker, remove it, or use "
               "-o com.docker.network.windowsshim.interface=<another adapter>") if not users else (
               f"'{adapter.name}' already carries the external vSwitch '{adapter.vswitch}' of the "
               f"{users[0].driver} network '{users[0].name}'; each {plan.drv.name} network needs its own adapter "
               "(-o com.docker.network.windowsshim.interface=\"Ethernet 2\")")
        raise hns_error("The parameter is incorrect.", cls=Conflict, hint=why)

    def _default_adapter(self, drv):
        """The adapter HNS binds when no ``interface`` option is given: the first physical NIC.

        Simplification: for swarm's overlay networks, which the manager creates on every node
        at once, the first NIC that is free or already carries overlay networks is used.
        """
        physical = [a for a in self._adapters.values() if a.physical]
        if drv.name == "overlay":
            for a in physical:
                users = [n for n in self._hns.values() if n.vswitch == a.vswitch] if a.vswitch else []
                if a.vswitch is None or (users and all(n.hns_type == "Overlay" for n in users)):
                    return a.name
        return physical[0].name

    def _mac_pool_base(self):
        used = self.lab.used_mac_pools
        n = self.lab.ids.number("macpool", 1 << 12)
        while n in used:
            n = (n + 1) % (1 << 12)
        used.add(n)
        return 0x00155D000000 + (n << 12)

    def _commit_network(self, plan):
        if plan.bind is not None:
            return self._commit_bind(plan)
        drv, shim = plan.drv, plan.shim
        docker_id = plan.swarm.docker_id if plan.swarm else self.ids.hex64("docker-network")
        hid = self.ids.guid("network")
        hns_name = shim.networkname or docker_id
        subnets = tuple(Subnet(p, g, (P.Vsid(plan.swarm.vni),) if plan.swarm else (), self.ids.guid("subnet"))
                        for p, g in plan.subnets)
        dhcp = not subnets and drv.dhcp_without_subnet
        if shim.macpools:
            start, end = shim.macpools[0]
            mac_pool = MacPool(start, end - start + 1)
        else:
            mac_pool = MacPool(self._mac_pool_base())
        pools = () if plan.swarm else tuple(AddressPool(s.prefix, reserved=self._reserved(s)) for s in subnets)
        pols = drv.network_policies(shim)
        if drv.name == "nat" and self.profile.nat_vlan_policy:
            pols = (P.Vlan(1),) + pols
        net = Network(hid, plan.name, hns_name, drv.name, drv.hns_type, subnets, "", docker_id=docker_id,
                      vsid=plan.swarm.vni if plan.swarm else (shim.vsid or None), policies=pols,
                      dns_servers=tuple(shim.dnsservers), dns_suffix=shim.dnssuffix, mac_pool=mac_pool,
                      pools=pools, adapter=plan.adapter, attachable=plan.attachable, internal=plan.internal,
                      scope=drv.scope, dhcp=dhcp, labels=plan.labels)
        net.gateway_dns = not shim.disable_gatewaydns
        net.options = dict(plan.options)
        net.options["com.docker.network.windowsshim.hnsid"] = hid
        net.options["com.docker.network.windowsshim.networkname"] = hns_name
        self._log("Docker", "CreateNetwork", plan.name, f"driver {drv.name}, HNS name {hns_name}")
        subnet_text = ", ".join(f"{s.prefix} (gateway {s.gateway})" for s in subnets) or "none (DHCP on the LAN)"
        self._log("HNS", "CreateNetwork", hns_name, f"type {drv.hns_type}, id {hid}, subnets {subnet_text}")
        if drv.name == "nat":
            self._commit_nat_plumbing(net, plan.default)
        elif plan.reuse_switch:
            net.vswitch = plan.reuse_switch
            self._log("vSwitch", "ReuseSwitch", plan.reuse_switch,
                      f"External switch on '{plan.adapter}' already used by {drv.hns_type} networks")
        else:
            self._create_switch(hns_name, "External", plan.adapter)
            net.vswitch = hns_name
        if drv.name == "overlay":
            net.management_ip = self.address
            net.dr_mac = format_mac(0x00155D000000 + self.lab.ids.number("drmac", 1 << 24))
            self._log("HNS", "SetProviderAddress", hns_name,
                      f"management IP (PA, VXLAN tunnel endpoint) {self.address}, VNI {net.vsid}")
        host_mac = self._adapters[self._vswitches[net.vswitch].host_vnic].mac_address \
            if self._vswitches[net.vswitch].host_vnic else self.mac_address
        if drv.uses_vfp:
            net.vfp_template = vfp.network_template(net, host_mac, self.profile)
        net.shared_policies = drv.shared_endpoint_policies(net, shim, self)
        self._log("HNS", "CreatePools", hns_name,
                  f"MAC pool {mac_pool.start_mac}..{mac_pool.end_mac}"
                  + ("; IP pool " + ", ".join(str(s.prefix) for s in subnets) if subnets else "; no IP pool (DHCP)"))
        self._register(net)
        return net

    def _reserved(self, subnet):
        res = {subnet.gateway} if subnet.gateway else set()
        lan = self.lab.lan
        if subnet.prefix.overlaps(lan.prefix):
            res |= {lan.router, *lan.dns_servers, *(h.address for h in self.lab.hosts.values())}
            res |= set(lan.dhcp_range())
        return res

    def _commit_nat_plumbing(self, net, default):
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
        if self.profile.multiple_nat or not self._nat:
            nat = NetNat(f"{self.profile.nat_prefix_letter}{self.ids.guid('netnat')}", net.prefix, gw, net.id)
            self._nat[net.id] = nat
            net.nat_name = nat.name
            self._log("WinNAT", "NewNetNat", nat.name, f"internal prefix {net.prefix}, gateway {gw} on "
                      f"'{sw.host_vnic}'")
        else:
            net.nat_name = next(iter(self._nat.values())).name
            self._log("WinNAT", "ReuseNetNat", net.nat_name, f"{net.prefix} is a partition of the host's "
                      "single NAT prefix")

    def _register(self, net):
        self._hns[net.id] = net
        self._networks[net.name] = net

    def remove_network(self, name):
        """``docker network rm``: HNS deletes the network, its WinNAT and (if unused) its vSwitch."""
        net = self.network(name)
        if net.name in ("nat", "none") and (net.created_by_docker or net.name == "none"):
            raise Conflict(f"{net.name} is a pre-defined network and cannot be removed")
        if net.driver == "overlay":
            return self.lab._remove_overlay(net.name)
        if any(not self._endpoints[e].remote for e in net.endpoint_ids):
            raise Conflict(f"error while removing network: network {net.name} id {net.docker_id} has active endpoints")
        self._commit_remove_network(net)

    def _commit_remove_network(self, net):
        for eid in list(net.endpoint_ids):
            self._drop_endpoint(self._endpoints[eid])
        self._log("Docker", "RemoveNetwork", net.name)
        self._log("HNS", "DeleteNetwork", net.hns_name, f"id {net.id}")
        nat = self._nat.pop(net.id, None)
        if nat is not None:
            self._log("WinNAT", "RemoveNetNat", nat.name, f"internal prefix {nat.internal_prefix}")
        del self._hns[net.id]
        del self._networks[net.name]
        self.lab.used_mac_pools.discard((net.mac_pool.start - 0x00155D000000) >> 12)
        sw = self._vswitches.get(net.vswitch)
        if sw and sw.created_by == "HNS" and not any(n.vswitch == sw.name for n in self._hns.values()):
            self._delete_switch(sw.name)

    # ------------------------------------------------------------------ containers
    def create_container(self, name=None, image=None, network="nat", publish=(), publish_all=False, ip=None,
                         mac=None, dns=(), dns_search=(), hostname=None, isolation="process", aliases=(),
                         expose=(), command=""):
        """``docker create``: the container exists (state Created) but has no endpoint yet."""
        c = self._plan_container(name, image, network, publish, publish_all, ip, mac, dns, dns_search,
                                 hostname, isolation, aliases, expose)
        c.command = str(command or "")
        return self._commit_container(c)

    def start(self, name):
        """``docker start``: HNS creates and attaches the endpoints; on failure it stays Created."""
        c = self.container(name)
        if c.state == "running":
            return c
        plans = self._plan_start(c)
        self._commit_start(c, plans)
        return c

    def run(self, name=None, image=None, network="nat", publish=(), publish_all=False, ip=None, mac=None,
            dns=(), dns_search=(), hostname=None, isolation="process", aliases=(), expose=(), command=""):
        """Create and start a container in one atomic step (nothing remains if it fails)."""
        c = self._plan_container(name, image, network, publish, publish_all, ip, mac, dns, dns_search,
                                 hostname, isolation, aliases, expose)
        c.command = str(command or "")
        plans = self._plan_start(c)
        self._commit_container(c)
        self._commit_start(c, plans)
        return c

    def _plan_container(self, name, image, network, publish, publish_all, ip, mac, dns, dns_search, hostname,
                        isolation, aliases, expose, service=""):
        if name in (None, ""):
            name = self._generated_name()
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise InvalidParameter(f'Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed')
        if name in self._containers or self.lab.container_name_taken(name):
            other = self.lab.find_container(name)[1]
            raise Conflict(f'Conflict. The container name "/{name}" is already in use by container "{other.id}". '
                           "You have to remove (or rename) that container to be able to reuse that name.")
        isolation = (isolation or "process").lower()
        if isolation == "default":
            isolation = "process"
        if isolation not in ("process", "hyperv"):
            raise InvalidParameter(f"Invalid isolation: \"{isolation}\". Windows supports 'default', 'process', "
                                   "or 'hyperv'")
        image = image or default_image(self.profile)
        network = network or "nat"
        shared = None
        if network.startswith("container:"):
            if isolation == "hyperv":
                raise Unsupported("invalid network-mode: using the network stack of another container is not "
                                  "supported while using Hyper-V Containers")
            shared = self.container(network.split(":", 1)[1])
        elif network == "host":
            raise NotFound("network host not found", hint="Windows has no host networking mode: use nat with -p, "
                           "or a transparent network")
        else:
            net = self.network(network)
            network = net.name
            if net.driver == "overlay" and not net.attachable and not service:
                raise Unsupported(f"Could not attach to network {net.name}: rpc error: code = PermissionDenied "
                                  f"desc = network {net.name} not manually attachable",
                                  hint="create the overlay network with --attachable to run standalone containers on it")
            if ip not in (None, ""):
                ip = parse_ip(ip)
                if not net.subnets:
                    raise InvalidParameter("user specified IP address is supported only when connecting to "
                                           "networks with user configured subnets")
            if net.driver == "null" and publish:
                raise InvalidParameter("conflicting options: port publishing and the container type network mode")
        ports = [parse_publish(p) for p in publish]
        if publish_all:
            exposed = tuple(expose) or IMAGE_EXPOSES.get(image.split(":")[0], ())
            ports += [parse_publish(str(p)) for p in exposed if int(p) not in [s.container_port for s in ports]]
        mac = normalize_mac(mac) if mac not in (None, "") else None
        dns = tuple(str(parse_ip(d, "DNS server")) for d in dns)
        c = Container(name, "", image, isolation, (), self.name, "created",
                      hostname or "", tuple(dns_search), None, (network,),
                      StartConfig(ip or None, mac, tuple(aliases), tuple(ports), dns,
                                  shared.name if shared else None))
        return c

    def _generated_name(self):
        n = self.ids.counters.get("container", 0)
        a, b = ADJECTIVES[n % len(ADJECTIVES)], SCIENTISTS[(n // len(ADJECTIVES)) % len(SCIENTISTS)]
        name = f"{a}_{b}"
        return name if not self.lab.container_name_taken(name) else f"{name}{n}"

    def _commit_container(self, c):
        c.id = self.ids.hex64("container")
        c.hostname = c.hostname or c.id[:12]
        c.seq = len(self._containers) + 1
        self._containers[c.name] = c
        self._log("Docker", "CreateContainer", c.name, f"image {c.image}, isolation {c.isolation}")
        return c

    def _plan_start(self, c, others=()):
        """Plan every endpoint of a starting container; ``others`` are plans not yet committed
        (the other tasks of a service), so that no address, MAC or port is planned twice."""
        req = c.requested
        if req.shared:
            self.container(req.shared)
            return []
        plans = []
        others = list(others)
        for i, netname in enumerate(c.requested_networks):
            net = self.network(netname)
            if net.driver == "null":
                continue
            first = i == 0
            plans.append(self._plan_endpoint(net, c.name, req.ip if first else None,
                                             req.mac if first else None, req.ports if first else (),
                                             req.dns, req.aliases if first else (), others=others + plans))
            if net.driver == "overlay" and self.profile.overlay_egress == "nat-endpoint" and "nat" in self._networks:
                plans.append(self._plan_endpoint(self._networks["nat"], c.name, None, None, [], (), (),
                                                 others=others + plans))
        return plans

    def _plan_endpoint(self, net, container, ip=None, mac=None, ports=(), dns=(), aliases=(), others=()):
        """Work out an endpoint (address, MAC, ports, DNS, policies) without changing anything."""
        prefix = f"failed to create endpoint {container} on network {net.name}: "
        if any(p.network is net and p.container == container for p in others):
            raise Conflict(f"endpoint with name {container} already exists in network {net.name}")
        known = self._containers.get(container)
        if known is not None and any(self._endpoints[e].network_id == net.id for e in known.endpoints
                                     if e in self._endpoints):
            raise Conflict(f"endpoint with name {container} already exists in network {net.name}")
        lease = None
        if net.driver == "overlay":
            ip = self.lab.plan_overlay_address(net.name, ip, others)
        elif ip is not None:
            pool = next((p for p in net.pools if p.prefix is not None and ip in p.prefix), None)
            if pool is None:
                raise InvalidParameter(prefix + f"no matching subnet for IP \"{ip}\" in network \"{net.docker_id}\"")
            if not pool.is_free(ip) or any(p.ip == ip for p in others):
                raise Conflict(prefix + "HNS failed with error : The object already exists.",
                               hint=f"{ip} is the gateway, a reserved address, or already used in {net.name}")
        elif net.dhcp:
            lease = self.lab.plan_dhcp_lease(others)
        elif not net.pools:
            raise InvalidParameter(prefix + "the network does not have a subnet for this endpoint",
                                   hint=f"{net.driver} needs --subnet and --gateway: there is no DHCP on this driver")
        else:
            ip = self._peek_address(net, others)
            if ip is None:
                raise Exhausted(prefix + "HNS failed with error : The IP address pool of the network is exhausted.",
                                hint=f"every address of {', '.join(str(s.prefix) for s in net.subnets)} is in use")
        if mac is not None:
            if not net.mac_pool.is_free(mac) or any(e.mac_address == mac for e in
                                                    (self._endpoints[i] for i in net.endpoint_ids)):
                raise Conflict(prefix + "HNS failed with error : The object already exists.",
                               hint=f"MAC {mac} is already used in {net.name}")
        else:
            taken = sum(1 for p in others if p.network is net)
            got = net.mac_pool.peek(taken + 1)
            if got is None:
                raise Exhausted(prefix + "HNS failed with error : The MAC address pool of the network is exhausted.",
                                hint=f"a network has {net.mac_pool.pool.size} MACs "
                                     f"({net.mac_pool.start_mac}..{net.mac_pool.end_mac})")
            mac = got[-1]
        port_pols = self._plan_ports(net, container, ports, others, prefix)
        return EndpointPlan(net, container, ip, mac, port_pols, self._endpoint_dns(net, dns),
                            net.shared_policies + tuple(port_pols), net.dhcp, tuple(aliases), lease=lease)

    def _peek_address(self, net, others):
        for pool in net.pools:
            n = sum(1 for p in others if p.network is net and p.ip is not None and pool.contains(p.ip))
            got = pool.peek(n + 1)
            if got:
                return got[-1]
        return None

    def _plan_ports(self, net, container, ports, others, prefix):
        pending = {(m.protocol.lower(), m.external_port) for p in others
                   if self._hns.get(p.network.id) is p.network for m in p.ports}
        out, cursor = [], EPHEMERAL_FIRST
        for spec in ports:
            host_port = spec.host_port
            if host_port == 0:
                while cursor <= EPHEMERAL_LAST and ((spec.protocol, cursor) in self._ports
                                                    or (spec.protocol, cursor) in pending):
                    cursor += 1
                if cursor > EPHEMERAL_LAST:
                    raise Exhausted(prefix + "no free host port in the dynamic range 49152-65535")
                host_port = cursor
            elif (spec.protocol, host_port) in self._ports or (spec.protocol, host_port) in pending:
                owner = self._endpoints.get(self._ports.get((spec.protocol, host_port)))
                who = f" (used by {owner.container})" if owner and owner.container else ""
                if net.driver == "nat":
                    raise Conflict(prefix + "HNS failed with error : The process cannot access the file because "
                                   "it is being used by another process.",
                                   hint=f"host port {host_port}/{spec.protocol} is already mapped{who}: one host "
                                        "port maps to one endpoint")
                raise Conflict(prefix + f"Bind for 0.0.0.0:{host_port} failed: port is already allocated",
                               hint=f"host port {host_port}/{spec.protocol} is already published{who}")
            pending.add((spec.protocol, host_port))
            out.append(P.PortMapping(spec.protocol.upper(), spec.container_port, host_port))
        return out

    def _endpoint_dns(self, net, dns):
        rest = tuple(dns) if dns and not net.internal else (
            net.dns_servers or tuple(str(d) for d in self.dns_servers))
        if net.driver in ("nat", "overlay") and net.gateway_dns and net.gateway:
            return (str(net.gateway),) + tuple(d for d in rest if d != str(net.gateway))
        return rest

    def _commit_start(self, c, plans):
        shared = c.requested.shared
        if shared:
            other = self.container(shared)
            c.namespace = other.namespace
            c.state = "running"
            self._log("HCS", "CreateComputeSystem", c.name, f"shares the network namespace of {other.name}")
            return
        self._ensure_namespace(c)
        self._log("HCS", "CreateComputeSystem", c.name,
                  "Hyper-V isolation: utility VM with a synthetic vmNIC" if c.isolation == "hyperv"
                  else "process isolation: host vNIC per endpoint")
        for plan in plans:
            self._commit_endpoint(c, plan)
        c.state = "running"
        self._log("Docker", "StartContainer", c.name, f"{len(plans)} endpoint(s)")

    def _ensure_namespace(self, c):
        if c.namespace is None:
            self._compartments += 1
            ns = Namespace(self.ids.guid("namespace"), self._compartments, c.name)
            self._namespaces[ns.id] = ns
            c.namespace = ns.id
            self._log("HNS", "CreateNamespace", c.name, f"namespace {ns.id}, compartment {ns.compartment_id}")
        return self._namespaces[c.namespace]

    def _commit_endpoint(self, c, plan):
        net = plan.network
        ep_id = self.ids.guid("endpoint")
        ip, lease = plan.ip, None
        if net.driver == "overlay":
            self.lab.take_overlay_address(net.name, ip)
        elif ip is not None:
            next(p for p in net.pools if p.contains(ip)).take(ip)
        if plan.lease is not None:
            lease = self.lab.take_dhcp_lease(plan.mac)
        net.mac_pool.take(plan.mac)
        subnet = next((s for s in net.subnets if ip is not None and ip in s.prefix), None)
        # HNS names a Docker endpoint "Ethernet" (the container sees "vEthernet (Ethernet)");
        # the overlay driver names it after Docker's endpoint id.
        name = derived_hex64(net.docker_id, c.id) if net.driver == "overlay" else "Ethernet"
        ep = Endpoint(ep_id, name, net.name, net.id, c.name, ip,
                      subnet.prefix.prefixlen if subnet else None, plan.mac,
                      subnet.gateway if subnet else None, plan.dns, net.dns_suffix, plan.policies, c.namespace,
                      False, ATTACHED, self.name, net.driver in ("nat", "overlay"), lease, plan.aliases,
                      self.address if net.driver == "overlay" else None)
        self._endpoints[ep_id] = ep
        net.endpoint_ids[ep_id] = None
        c.endpoints = c.endpoints + (ep_id,)
        self._namespaces[c.namespace].endpoints.append(ep_id)
        addr = f"{ip}/{ep.prefix_length}" if ip is not None else "no address in HNS (DHCP)"
        label = _label(ep)
        self._log("HNS", "CreateEndpoint", label, f"id {ep_id}, {addr}, MAC {plan.mac}")
        nic = "vmNIC" if c.isolation == "hyperv" else "vNIC"
        self._log("HCS", "AttachEndpoint", label, f"{nic} placed in compartment "
                  f"{self._namespaces[c.namespace].compartment_id}")
        self._log("vSwitch", "CreatePort", net.vswitch, f"port for {label} ({plan.mac})")
        if lease is not None:
            self._log("DHCP", "Lease", label, f"{lease} from the LAN's DHCP server for {plan.mac}")
        else:
            self._log("HNS", "ConfigureEndpoint", label, f"IP {addr}, gateway {ep.gateway}, DNS "
                      f"{', '.join(plan.dns) or 'none'}" + ("" if ep.enable_internal_dns else ", no internal DNS"))
        for pm in plan.ports:
            self._commit_port(net, ep, pm)
        if net.driver == "overlay":
            self.lab.on_overlay_endpoint(self, ep)

    def _commit_port(self, net, ep, pm):
        key = (pm.protocol.lower(), pm.external_port)
        self._ports[key] = ep.id
        if net.driver == "nat":
            self._mapping_ids += 1
            nat_name = net.nat_name
            m = StaticMapping(self._mapping_ids - 1, nat_name, pm.protocol, pm.external_port, ep.ip_address,
                              pm.internal_port, ep.id)
            self._mappings[key] = m
            self._log("WinNAT", "AddStaticMapping", nat_name,
                      f"{pm.protocol} 0.0.0.0:{pm.external_port} -> {ep.ip_address}:{pm.internal_port}")
            rule = FirewallRule(f"HNS-{ep.id[:8]}-{pm.protocol}-{pm.external_port}", pm.protocol,
                                pm.external_port, ep.id)
            self._firewall[rule.name] = rule
            self._log("Firewall", "NewNetFirewallRule", rule.name, f"Allow inbound {pm.protocol} {pm.external_port}")
        else:
            self._log("VFP", "AddRule", _label(ep), f"SLB_NAT_LAYER: {pm.protocol} host port {pm.external_port} -> "
                      f"{ep.address}:{pm.internal_port}")

    def _drop_endpoint(self, ep):
        """Tear down an endpoint: policies, mappings, pools, namespace membership."""
        net = self._hns.get(ep.network_id)
        for pm in ep.policies:
            if isinstance(pm, P.PortMapping):
                key = (pm.protocol.lower(), pm.external_port)
                self._ports.pop(key, None)
                if self._mappings.pop(key, None) is not None:
                    self._log("WinNAT", "RemoveStaticMapping", net.nat_name if net else "",
                              f"{pm.protocol} 0.0.0.0:{pm.external_port}")
                    self._firewall.pop(f"HNS-{ep.id[:8]}-{pm.protocol}-{pm.external_port}", None)
                    self._log("Firewall", "RemoveNetFirewallRule", f"HNS-{ep.id[:8]}-{pm.protocol}-{pm.external_port}")
                else:
                    self._log("VFP", "RemoveRule", _label(ep), f"SLB_NAT_LAYER host port {pm.external_port}")
        if net is not None:
            net.endpoint_ids.pop(ep.id, None)
            if not ep.remote:
                net.mac_pool.release(ep.mac_address)
                if net.driver == "overlay":
                    self.lab.release_overlay_address(net.name, ep.ip_address)
                else:
                    for pool in net.pools:
                        pool.release(ep.ip_address)
        if ep.dhcp_lease is not None:
            self.lab.release_dhcp_lease(ep.mac_address)
        if ep.namespace in self._namespaces and ep.id in self._namespaces[ep.namespace].endpoints:
            self._namespaces[ep.namespace].endpoints.remove(ep.id)
        del self._endpoints[ep.id]
        self._log("HNS", "DeleteEndpoint", _label(ep), f"id {ep.id}")
        if net is not None and net.driver == "overlay" and not ep.remote:
            self.lab.on_overlay_endpoint_removed(self, ep)

    def remove_container(self, name, force=True):
        """``docker rm [-f]``: detach and delete every endpoint, then the namespace."""
        c = self.container(name)
        if c.state == "running" and not force:
            raise Conflict(f"You cannot remove a running container {c.id}. Stop the container before attempting "
                           "removal or force remove")
        if c.service and self.lab.swarm and c.service in self.lab.swarm.services:
            raise Conflict(f"container {c.name} is a task of the service {c.service}",
                           hint=f"remove the service instead: docker service rm {c.service}")
        for eid in c.endpoints:
            if eid in self._endpoints:
                self._drop_endpoint(self._endpoints[eid])
        if c.namespace in self._namespaces and self._namespaces[c.namespace].container == c.name:
            ns = self._namespaces.pop(c.namespace)
            self._log("HNS", "DeleteNamespace", c.name, f"compartment {ns.compartment_id}")
        del self._containers[c.name]
        self._log("Docker", "RemoveContainer", c.name)

    # ------------------------------------------------------------------ connect / disconnect
    def connect(self, container, network, ip=None, aliases=()):
        """``docker network connect``: one more endpoint (a second vNIC) in the container."""
        c = self.container(container)
        net = self.network(network)
        if net.driver == "null":
            raise Unsupported("container cannot be disconnected from host network or connected to host network")
        if net.name in c.requested_networks and (c.state == "created" or any(
                self._endpoints[e].network_id == net.id for e in c.endpoints if e in self._endpoints)):
            raise Conflict(f"endpoint with name {c.name} already exists in network {net.name}")
        if net.driver == "overlay" and not net.attachable:
            raise Unsupported(f"Could not attach to network {net.name}: rpc error: code = PermissionDenied desc = "
                              f"network {net.name} not manually attachable")
        ip = parse_ip(ip) if ip not in (None, "") else None
        if c.state == "created":
            c.requested_networks = c.requested_networks + (net.name,)
            return c
        self._check_hot_add(c)
        plan = self._plan_endpoint(net, c.name, ip, None, [], c.requested.dns, tuple(aliases))
        c.requested_networks = c.requested_networks + (net.name,)
        self._commit_endpoint(c, plan)
        self._log("HCS", "HotAttachEndpoint", c.name, f"endpoint on {net.name} added to the running container")
        return c

    def _check_hot_add(self, c):
        if c.isolation == "hyperv":
            raise Unsupported(f"container {c.id} encountered an error during hcsshim::System::Modify: The request "
                              "is not supported.", hint="endpoints cannot be hot-added to or removed from a running "
                              "Hyper-V isolated container: stop it, connect, start it")
        if not self.profile.hot_add:
            raise Unsupported(f"container {c.id} encountered an error during hcsshim::System::Modify: The request "
                              "is not supported.", hint=f"{self.profile.title} cannot change the networks of a "
                              "running container (hot-add arrived with Windows Server 1709)")

    def disconnect(self, container, network):
        """``docker network disconnect``: remove that network's endpoint from the container."""
        c = self.container(container)
        net = self.network(network)
        eps = [self._endpoints[e] for e in c.endpoints if e in self._endpoints and
               self._endpoints[e].network_id == net.id]
        if not eps and not (c.state == "created" and net.name in c.requested_networks):
            raise NotFound(f"container {c.id} is not connected to network {net.name}")
        if c.state == "running":
            self._check_hot_add(c)
        for ep in eps:
            self._drop_endpoint(ep)
            c.endpoints = tuple(e for e in c.endpoints if e != ep.id)
        c.requested_networks = tuple(n for n in c.requested_networks if n != net.name)
        if eps:
            self._log("HCS", "HotDetachEndpoint", c.name, f"endpoint on {net.name} removed")
        return c

    # ------------------------------------------------------------------ remote endpoints, policy lists
    def _add_remote_endpoint(self, net, ep, pa):
        rid = self.ids.guid("endpoint")
        r = Endpoint(rid, ep.name, net.name, net.id, None, ep.ip_address, ep.prefix_length, ep.mac_address,
                     ep.gateway, (), "", (P.ProviderAddress(str(pa)),), None, True, 1, self.name,
                     provider_address=pa, extra={"owner_host": ep.host, "owner_container": ep.container})
        self._endpoints[rid] = r
        net.endpoint_ids[rid] = None
        self._log("HNS", "CreateEndpoint", _label(r),
                  f"IsRemoteEndpoint, PA {pa} ({ep.container} on {ep.host}); VFP encap rule CA {ep.ip_address} -> PA {pa}")

    def _remove_remote_endpoints(self, net, ip):
        for eid in [e for e in net.endpoint_ids if self._endpoints[e].remote and self._endpoints[e].ip_address == ip]:
            self._drop_endpoint(self._endpoints[eid])

    def _set_policy_lists(self, service, lists):
        for pid in [i for i, pl in self._policy_lists.items() if pl.service == service]:
            del self._policy_lists[pid]
            self._log("HNS", "DeletePolicyList", service, f"id {pid}")
        for pl in lists:
            self._policy_lists[pl.id] = pl
            self._log("HNS", "CreatePolicyList", service, "; ".join(p.describe() for p in pl.policies)
                      + f" over {len(pl.references)} endpoint(s)")

    # ------------------------------------------------------------------ imported state
    def import_network(self, net, adopt=True):
        """Insert a network read from a real HNS dump (no Docker validation).

        ``adopt=False`` puts it in HNS only: Docker does not adopt Internal/Private networks.
        """
        self._hns[net.id] = net
        if adopt and net.name not in self._networks:
            self._networks[net.name] = net

    def import_endpoint(self, ep):
        self._endpoints[ep.id] = ep
        net = self._hns.get(ep.network_id)
        if net is not None:
            net.endpoint_ids[ep.id] = None

    def import_policy_list(self, pl):
        self._policy_lists[pl.id] = pl

    def import_namespace(self, ns):
        self._namespaces[ns.id] = ns

    def import_switch(self, sw):
        self._vswitches[sw.name] = sw

    def import_adapter(self, adapter):
        self._adapters[adapter.name] = adapter

    def __repr__(self):
        return (f"<Host {self.name} {self.address} {self.profile.name}: {len(self._hns)} HNS networks, "
                f"{len(self._containers)} containers>")
