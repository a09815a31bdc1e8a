"""Host operations on Hyper-V: physical adapters, virtual switches and their host vNICs.

The adapter rule the engine follows:

- An External vSwitch binds one physical adapter and an adapter carries at most one
  External vSwitch ("A physical (or virtual) adapter in your host system can only be bound
  to a single External switch", PlagueHO/LabBuilder#366; reference §4.2 "One external
  vSwitch per physical adapter").  The switch takes the host's address over onto its
  management vNIC ``vEthernet (<switch>)``.
- ``nat`` uses an Internal vSwitch and needs no adapter.
- ``transparent``, ``l2bridge``, ``l2tunnel`` and ``overlay`` each need an External vSwitch.
  HNS shares one only between networks of the same kind: a second l2bridge, l2tunnel or
  overlay network reuses the switch (Kubernetes nodes create a throw-away External network
  first, then the pod network on the same switch; swarm's ``ingress`` and user overlay
  networks share one), while every transparent network needs an adapter of its own
  (Microsoft, "Advanced network options": a second transparent network is bound with
  ``-o com.docker.network.windowsshim.interface="Ethernet 2"``; reference §4.2, §9).
  A network of another kind on an adapter that is taken is refused with HNS's
  ``The parameter is incorrect``.  "An overlay network and a transparent network also
  compete for the same adapter" (reference §4.2, Microsoft's swarm page).

So a host needs one adapter for swarm (``ingress``) plus overlay, and one more for each of
transparent, l2bridge and l2tunnel: :func:`adapters_for_every_driver` counts them.
Simplification: without the ``interface`` option a network binds the first adapter (the
overlay driver the first free or overlay-only one); which adapter real HNS picks on a
multi-NIC host is not documented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .addressing import format_mac
from .drivers import DRIVERS, of
from .drivers.base import SHIM
from .errors import Conflict, InvalidParameter, Unsupported, hns_error
from .hyperv import SWITCH_TYPES, Adapter, VSwitch, vnic_name

PLATFORMS = ("physical", "hyperv-vm", "azure-vm")

if TYPE_CHECKING:
    from typing_extensions import Self

MAX_ADAPTERS = 16  # physical adapters a lab host may start with (wl.Lab(adapters=N))


def adapters_for_every_driver() -> int:
    """Physical adapters a host needs for swarm plus one network of every driver: one per
    driver that needs an External vSwitch (networks of different kinds never share one, and
    swarm's ``ingress`` shares the overlay driver's)."""
    return sum(1 for d in DRIVERS.values() if d.external_switch)


def adapter_name(n: int) -> str:
    """Windows names the n-th wired adapter ``Ethernet``, ``Ethernet 2``, ``Ethernet 3``…"""
    return "Ethernet" if n == 1 else f"Ethernet {n}"


class SwitchingMixin:
    """Adapters and vSwitches of a Host (mixed into ``Host``)."""

    # ------------------------------------------------------------------ adapters and switches
    def _add_physical_adapter(self, name, ip_interface, mac):
        desc = (
            "Microsoft Hyper-V Network Adapter"
            if self.is_vm
            else "Intel(R) 82574L Gigabit Network Connection"
        )
        if name != "Ethernet":
            desc += f" #{len([a for a in self._adapters.values() if a.physical]) + 1}"
        self._adapters[name] = Adapter(
            name=name,
            mac_address=mac,
            description=desc,
            ip_interface=ip_interface,
            gateway=self.gateway if ip_interface else None,
            physical=True,
            vswitch=None,
            if_index=len(self._adapters) + 2,
        )

    def add_adapter(self, name: str):
        """Add a physical NIC (out of band), e.g. ``"Ethernet 2"`` for a second external network."""
        name = str(name).strip()
        if not name or name in self._adapters:
            raise Conflict(
                f"an adapter named '{name}' already exists" if name else "the adapter name is empty"
            )
        mac = self._add_extra_adapter(name)
        self.log_event("Host", "AddAdapter", name, f"physical NIC {mac} (no IP configuration)")
        return self._adapters[name]

    def _add_extra_adapter(self, name):
        """A further NIC on the LAN without an IP configuration of its own (it is there to
        carry an External vSwitch); returns its MAC."""
        mac = format_mac(0x001B21000000 + self.lab.ids.number("nic", 1 << 24))
        self._add_physical_adapter(name, None, mac)
        return mac

    def _free_adapters(self, but=None):
        """Physical adapters that carry no vSwitch (``but`` left out)."""
        return [a.name for a in self._adapters.values() if a.physical and a.vswitch is None and a.name != but]

    def _adapter_advice(self, but=None, option=f"-o {SHIM}interface="):
        """Hint text naming an adapter that exists and is free (after ``option``), or how to
        add one."""
        free = self._free_adapters(but)
        if free:
            return f'use a free adapter: {option}"{free[0]}"'
        n = sum(1 for a in self._adapters.values() if a.physical)
        new = next(adapter_name(i) for i in range(n + 1, n + 100) if adapter_name(i) not in self._adapters)
        return (
            f"{self.name} has no free adapter: add one (winnetlab shell --adapters {n + 1}, or "
            f'host.add_adapter("{new}") in Python)'
        )

    def configure(
        self, platform: str | None = None, mac_spoofing: bool | None = None, is_vm: bool | None = None
    ) -> Self:
        """Say where this host runs: ``"physical"``, ``"hyperv-vm"`` or ``"azure-vm"``, and
        whether MAC address spoofing is on for its VM adapter (``is_vm=True`` is the older way
        to say ``platform="hyperv-vm"``).

        On Azure the VM's NIC belongs to Azure's SDN, which forwards only the VM's own MAC and
        addresses: MAC spoofing cannot be enabled there, so transparent networks do not work;
        Microsoft points at l2bridge/overlay with the Azure CNI instead (network-drivers-
        topologies page; MicrosoftDocs/Virtualization-Documentation#430, #802).
        """
        if platform is None and is_vm is not None:
            platform = "hyperv-vm" if is_vm else "physical"
        if platform is not None and platform not in PLATFORMS:
            raise InvalidParameter(f"invalid platform {platform!r}: choose one of " + ", ".join(PLATFORMS))
        target = platform or self.platform
        if target == "azure-vm" and mac_spoofing:
            raise Unsupported(
                "MAC address spoofing cannot be enabled on an Azure VM",
                hint="Azure's virtual network forwards only the VM's own MAC: use l2bridge or overlay "
                "networks (with the Azure CNI on AKS) instead of transparent",
            )
        if platform is not None:
            self.platform = platform
            self.is_vm = platform != "physical"
            if platform == "azure-vm":
                self.mac_spoofing = False
        if mac_spoofing is not None:
            self.mac_spoofing = bool(mac_spoofing)
        return self

    def drops_foreign_macs(self, net) -> bool:
        """Whether frames of ``net``'s containers die below this host because they carry the
        container's own MAC: a VM's Hyper-V port forwards other MACs only with MAC address
        spoofing on (Azure never).  Then a DHCP DISCOVER gets no offer (reference §4.2)."""
        return of(net).keeps_container_mac and self.is_vm and not self.mac_spoofing

    def _create_switch(self, name, switch_type, adapter=None, created_by="HNS", vnic_ip=None):
        sw = VSwitch(
            name=name,
            id=self.ids.guid("vswitch"),
            switch_type=switch_type,
            adapter=adapter,
            host_vnic=None if switch_type == "Private" else vnic_name(name),
            created_by=created_by,
        )
        self._vswitches[name] = sw
        if sw.host_vnic:
            ip_if, gw = vnic_ip, None
            if adapter is not None:
                phys = self._adapters[adapter]
                phys.vswitch = name
                ip_if, gw, phys.ip_interface, phys.gateway = phys.ip_interface, phys.gateway, None, None
            mac = (
                self._adapters[adapter].mac_address
                if adapter
                else format_mac(0x00155D000000 + self.lab.ids.number("vnic", 1 << 24))
            )
            self._adapters[sw.host_vnic] = Adapter(
                name=sw.host_vnic,
                mac_address=mac,
                description=self._numbered("Hyper-V Virtual Ethernet Adapter"),
                ip_interface=ip_if,
                gateway=gw,
                physical=False,
                vswitch=name,
                if_index=len(self._adapters) + 2,
            )
        kind = f"bound to '{adapter}'" if adapter else "not bound to any NIC"
        self.log_event(
            "vSwitch",
            "CreateSwitch",
            name,
            f"{switch_type} switch {kind}" + (f"; host vNIC '{sw.host_vnic}'" if sw.host_vnic else ""),
        )
        return sw

    def _delete_switch(self, name):
        sw = self._vswitches.pop(name)
        vnic = self._adapters.pop(sw.host_vnic, None) if sw.host_vnic else None
        if sw.adapter:
            phys = self._adapters[sw.adapter]
            phys.vswitch = None
            if vnic is not None:
                phys.ip_interface, phys.gateway = vnic.ip_interface, vnic.gateway
        self.log_event(
            "vSwitch",
            "DeleteSwitch",
            name,
            f"{sw.switch_type} switch removed"
            + (f"; host address back on '{sw.adapter}'" if sw.adapter else ""),
        )

    def add_vswitch(self, name: str, switch_type: str = "External", adapter: str | None = None):
        """``New-VMSwitch`` out of band: Docker only adopts it at its next start."""
        name = str(name).strip()
        if not name:
            raise InvalidParameter(
                "Cannot validate argument on parameter 'Name'. The argument is null or empty."
            )
        if switch_type not in SWITCH_TYPES:
            raise InvalidParameter(
                f"Cannot bind parameter 'SwitchType'. Cannot convert value \"{switch_type}\" "
                'to type "Microsoft.HyperV.PowerShell.VMSwitchType".'
            )
        if name in self._vswitches:
            raise Conflict(
                f"Failed while adding virtual Ethernet switch connections. A virtual switch named "
                f"'{name}' already exists."
            )
        if switch_type == "External":
            phys = self._physical(adapter or "Ethernet", option="-NetAdapterName ")
            if phys.vswitch:
                raise Conflict(
                    "Failed while adding virtual Ethernet switch connections. External Ethernet adapter "
                    f"'{phys.description}' is already bound to the Microsoft Virtual Switch protocol.",
                    hint=f"'{phys.name}' already carries the vSwitch '{phys.vswitch}'; an adapter carries at most "
                    f"one: {self._adapter_advice(but=phys.name, option='-NetAdapterName ')}",
                )
            adapter = phys.name
        elif adapter is not None:
            raise InvalidParameter("Parameter set cannot be resolved using the specified named parameters.")
        return self._create_switch(name, switch_type, adapter, created_by="user")

    def _numbered(self, description):
        """Windows numbers adapters of one model: ``X``, ``X #2``, ``X #3``… (sample 19)."""
        taken = {a.description for a in self._adapters.values()}
        n = 1
        while (description if n == 1 else f"{description} #{n}") in taken:
            n += 1
        return description if n == 1 else f"{description} #{n}"

    def _physical(self, name, option=f"-o {SHIM}interface="):
        a = self._adapters.get(name)
        if a is None or not a.physical:
            raise hns_error(
                "The parameter is incorrect.",
                cls=InvalidParameter,
                hint=f"'{name}' is not a physical adapter of {self.name}; pick a Name from Get-NetAdapter"
                f" (not a vEthernet adapter): {self._adapter_advice(option=option)}",
            )
        return a

    def _plan_switch(self, plan):
        shim = plan.shim
        adapter = self._physical(shim.interface[0] if shim.interface else self._default_adapter(plan.drv))
        plan.adapter = adapter.name
        if adapter.vswitch is None:
            return
        users = [n for n in self._hns.values() if n.vswitch == adapter.vswitch]
        same = users and all(n.hns_type == plan.drv.hns_type for n in users) and plan.drv.shares_switch
        if same:
            plan.reuse_switch = adapter.vswitch
            return
        why = (
            (
                f"the vSwitch '{adapter.vswitch}' on '{adapter.name}' was created out of band and Docker has not "
                "adopted it: Restart-Service hns; Restart-Service docker, or remove it; or "
                + self._adapter_advice(but=adapter.name)
            )
            if not users
            else (
                f"'{adapter.name}' already carries the external vSwitch '{adapter.vswitch}' of the "
                f"{users[0].driver} network '{users[0].name}'; "
                + (
                    f"each {plan.drv.name} network needs an adapter of its own"
                    if users[0].driver == plan.drv.name
                    else "networks of different kinds need adapters of their own"
                )
                + ": "
                + self._adapter_advice(but=adapter.name)
            )
        )
        raise hns_error("The parameter is incorrect.", cls=Conflict, hint=why)

    def _default_adapter(self, drv):
        """The adapter HNS binds when no ``interface`` option is given (the driver decides)."""
        return drv.switch_adapter(self, [a for a in self._adapters.values() if a.physical])
