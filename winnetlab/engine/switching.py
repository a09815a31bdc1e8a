"""Host operations on Hyper-V: physical adapters, virtual switches and their host vNICs.

An External vSwitch binds one physical adapter (an adapter carries at most one) and takes
the host's address over onto its management vNIC ``vEthernet (<switch>)``; HNS reuses a
switch for another network of the same kind and refuses one of another kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .addressing import format_mac
from .drivers.base import SHIM
from .errors import Conflict, InvalidParameter, Unsupported, hns_error
from .hyperv import SWITCH_TYPES, Adapter, VSwitch, vnic_name

PLATFORMS = ("physical", "hyperv-vm", "azure-vm")

if TYPE_CHECKING:
    from typing_extensions import Self


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
            name,
            mac,
            desc,
            ip_interface,
            self.gateway if ip_interface else None,
            True,
            None,
            len(self._adapters) + 2,
        )

    def add_adapter(self, name: str):
        """Add a physical NIC (out of band), e.g. ``"Ethernet 2"`` for a second external network."""
        name = str(name).strip()
        if not name or name in self._adapters:
            raise Conflict(
                f"an adapter named '{name}' already exists" if name else "the adapter name is empty"
            )
        mac = format_mac(0x001B21000000 + self.lab.ids.number("nic", 1 << 24))
        self._add_physical_adapter(name, None, mac)
        self.log_event("Host", "AddAdapter", name, f"physical NIC {mac} (no IP configuration)")
        return self._adapters[name]

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

    def _create_switch(self, name, switch_type, adapter=None, created_by="HNS", vnic_ip=None):
        sw = VSwitch(
            name,
            self.ids.guid("vswitch"),
            switch_type,
            adapter,
            None if switch_type == "Private" else vnic_name(name),
            created_by,
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
                sw.host_vnic,
                mac,
                self._numbered("Hyper-V Virtual Ethernet Adapter"),
                ip_if,
                gw,
                False,
                name,
                len(self._adapters) + 2,
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
            phys = self._physical(adapter or "Ethernet")
            if phys.vswitch:
                raise Conflict(
                    "Failed while adding virtual Ethernet switch connections. External Ethernet adapter "
                    f"'{phys.description}' is already bound to the Microsoft Virtual Switch protocol.",
                    hint=f"'{phys.name}' already carries the vSwitch '{phys.vswitch}'; an adapter carries at most one",
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

    def _physical(self, name):
        a = self._adapters.get(name)
        if a is None or not a.physical:
            raise hns_error(
                "The parameter is incorrect.",
                cls=InvalidParameter,
                hint=f"'{name}' is not a physical adapter of {self.name}; pick a Name from Get-NetAdapter"
                " (not a vEthernet adapter)",
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
                "adopted it: Restart-Service hns; Restart-Service docker, remove it, or use "
                f"-o {SHIM}interface=<another adapter>"
            )
            if not users
            else (
                f"'{adapter.name}' already carries the external vSwitch '{adapter.vswitch}' of the "
                f"{users[0].driver} network '{users[0].name}'; each {plan.drv.name} network needs its own adapter "
                f'(-o {SHIM}interface="Ethernet 2")'
            )
        )
        raise hns_error("The parameter is incorrect.", cls=Conflict, hint=why)

    def _default_adapter(self, drv):
        """The adapter HNS binds when no ``interface`` option is given (the driver decides)."""
        return drv.switch_adapter(self, [a for a in self._adapters.values() if a.physical])
