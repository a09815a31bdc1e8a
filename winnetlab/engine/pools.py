"""What the lab hands out across hosts: DHCP leases on the LAN, overlay addresses and VXLAN
ids (swarm), blocks of container MACs (HNS MAC pools) and automatic nat prefixes.

A host never owns these: two hosts must not get the same lease, overlay address or MAC
block.  Like a host's own operations, each is planned (``plan_*``: nothing changes) and then
taken (``take_*``) once every plan of the operation holds.
"""

import ipaddress

from .errors import Conflict, Exhausted, InvalidParameter

MAC_BLOCKS = 1 << 12  # 00-15-5D-xx-x0-00: 4096 blocks of 4096 container MACs
MAC_BASE = 0x00155D000000
SWARM_POOL = ipaddress.IPv4Network("10.0.0.0/8")
FIRST_VNI = 4096
NAT_SPACE = ipaddress.IPv4Network("172.16.0.0/12")


class LabPools:
    """The lab-wide allocator (see the module docstring); ``lab.pools``."""

    def __init__(self, lab, used_mac_pools=()):
        self.lab = lab
        self.used_mac_pools = set(used_mac_pools)

    # ------------------------------------------------------------------ DHCP on the LAN
    def plan_dhcp_lease(self, others=()):
        lan = self.lab.lan
        n = sum(1 for p in others if p.lease is not None)
        got = lan.dhcp_pool.peek(n + 1)
        if got is None:
            raise Exhausted(
                "the LAN's DHCP server has no free lease",
                hint=(f"the DHCP scope {lan.dhcp_first}-{lan.dhcp_last} is full"),
            )
        return got[-1]

    def take_dhcp_lease(self, mac):
        lan = self.lab.lan
        ip = lan.dhcp_pool.peek(1)[0]
        lan.dhcp_pool.take(ip)
        lan.dhcp_leases[mac] = ip
        return ip

    def release_dhcp_lease(self, mac):
        lan = self.lab.lan
        ip = lan.dhcp_leases.pop(mac, None)
        lan.dhcp_pool.release(ip)

    # ------------------------------------------------------------------ HNS MAC pools
    def take_mac_pool(self):
        """The first address of a free block of container MACs (HNS picks one per network)."""
        n = self.lab.ids.number("macpool", MAC_BLOCKS)
        while n in self.used_mac_pools:
            n = (n + 1) % MAC_BLOCKS
        self.used_mac_pools.add(n)
        return MAC_BASE + (n << 12)

    def release_mac_pool(self, start):
        self.used_mac_pools.discard((start - MAC_BASE) >> 12)

    # ------------------------------------------------------------------ swarm overlay networks
    def next_vni(self):
        """The lowest VXLAN id from 4096 that no swarm network uses."""
        used = {n.vni for n in self.lab.swarm.networks.values()}
        v = FIRST_VNI
        while v in used:
            v += 1
        return v

    def free_overlay_subnet(self):
        """The first /24 of 10.0.0.0/8 that overlaps no swarm network, host network or the LAN."""
        lab = self.lab
        used = [n.subnet for n in lab.swarm.networks.values()]
        used += [s.prefix for h in lab.hosts.values() for n in h.hns_networks.values() for s in n.subnets]
        used.append(lab.lan.prefix)
        for cand in SWARM_POOL.subnets(new_prefix=24):
            if not any(cand.overlaps(u) for u in used):
                return cand
        raise Exhausted(
            "could not find an available, non-overlapping IPv4 address pool among the defaults to assign "
            "to the network"
        )

    def plan_overlay_address(self, network, ip, others):
        sn = self.lab.swarm.networks[network]
        if ip is not None:
            if ip not in sn.subnet:
                raise InvalidParameter(f'no matching subnet for IP "{ip}" in network "{sn.docker_id}"')
            if not sn.pool.is_free(ip) or any(p.ip == ip for p in others):
                raise Conflict(f"Address already in use: {ip}")
            return ip
        n = sum(1 for p in others if p.network.name == network and p.ip is not None)
        got = sn.pool.peek(n + 1)
        if got is None:
            raise Exhausted(
                f"could not allocate an address in {sn.subnet} for network {network}: pool exhausted"
            )
        return got[-1]

    def take_overlay_address(self, network, ip):
        self.lab.swarm.networks[network].pool.take(ip)

    def release_overlay_address(self, network, ip):
        swarm = self.lab.swarm
        if swarm and network in swarm.networks:
            swarm.networks[network].pool.release(ip)

    # ------------------------------------------------------------------ nat prefixes
    def nat_prefix(self, host):
        """The prefix of a host's default nat network (``Lab(nat_prefix=…)``)."""
        return self.auto_nat_prefix(host) if self.lab.nat_prefix == "auto" else self.lab.nat_prefix

    def auto_nat_prefix(self, host):
        """A free /20 inside 172.16.0.0/12 that overlaps nothing on the host, as HNS picks it."""
        blocks = list(NAT_SPACE.subnets(new_prefix=20))
        boot = f":boot{host.boots}" if host.boots else ""  # after a reboot HNS may choose another one
        start = self.lab.ids.stable_number(
            f"natprefix:{host.name}:{len(host.hns_networks)}{boot}", len(blocks)
        )
        taken = [s.prefix for n in host.hns_networks.values() for s in n.subnets]
        if host.address is not None:  # an imported host's address may be unknown
            taken.append(ipaddress.IPv4Network(f"{host.address}/{host.prefix_length or 32}", strict=False))
        for i in range(len(blocks)):
            b = blocks[(start + i) % len(blocks)]
            if not any(b.overlaps(t) for t in taken):
                return b
        raise Exhausted(
            "HNS failed with error : Unspecified error", hint="no free /20 is left inside 172.16.0.0/12"
        )
