# %% [markdown]
# # 04 · The `l2bridge` driver: MAC rewrite, OutboundNAT and its exceptions
#
# **Goal.** Build `l2bridge` networks (the driver Kubernetes' win-bridge CNI uses), see VFP
# rewrite the source MAC to the host's, find out why the containers cannot reach the
# internet by default, and fix it with **OutboundNAT** and its exception list.

# %%
import winnetlab as wl

lab = wl.Lab(hosts=2)
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# l2bridge takes a subnet and gateway, whether to add an **OutboundNAT** policy (SNAT to the
# host's address for traffic leaving the subnet), the destinations **excepted** from that
# NAT, and an optional **VLAN**.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="l2bridge")
builder

# %% [markdown]
# ## 2. An l2bridge network on each host
#
# Like Kubernetes nodes with host-gw routing: each host gets its own pod subnet, and the
# lab routes each subnet to its host.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2bridge --subnet 10.244.1.0/24 --gateway 10.244.1.1 podnet")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name pod1 --network podnet -p 8080:80 {IIS}")

# %% [markdown]
# ## 3. No way out without OutboundNAT
#
# By default an l2bridge endpoint has **no** OutboundNAT policy: its packets leave with the
# container's own address, which nothing outside can answer.

# %%
# NBVAL_CHECK_OUTPUT
print(lab.trace("pod1", "8.8.8.8", port=53, protocol="udp").reason)

# %% [markdown]
# On host2 we add it, with an exception for the pod network 10.244.0.0/16 — pod-to-pod
# traffic must keep its source address:

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2bridge --subnet 10.244.2.0/24 --gateway 10.244.2.1 "
           "-o com.docker.network.windowsshim.enable_outboundnat=true "
           "-o com.docker.network.windowsshim.outboundnat_exceptions=10.244.0.0/16 podnet",
           host="host2")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name pod2 --network podnet {IIS}", host="host2")
lab.powershell("Get-HnsEndpoint", host="host2")

# %%
# NBVAL_CHECK_OUTPUT
print(lab.trace("pod2", "8.8.8.8", port=53, protocol="udp").reason)

# %% [markdown]
# ## 4. MAC rewrite on the wire
#
# Follow pod2 → pod1 across hosts.  VFP's `VNET_MAC_REWRITE_LAYER` replaces the container's
# source MAC with **host2's MAC** on the way out; on host1 the destination MAC is turned back
# into pod1's.  The IP addresses are untouched (the exception kept pod2's source IP), and
# the LAN switch never sees a container MAC — so a VM host needs no MAC spoofing.

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("pod2", "pod1", port=80)
walk.to_frame()[["host", "action", "src_ip", "dst_ip", "src_mac", "dst_mac"]]

# %% [markdown]
# ## 5. Published ports are VFP NAT rules
#
# On l2bridge, `-p 8080:80` is not a WinNAT mapping: Docker allocates the host port and HNS
# programs a NAT rule into the endpoint's VFP port (`vfpctrl` shows the layers and rules).

# %%
# NBVAL_CHECK_OUTPUT
pod1 = lab.host("host1").endpoints_of("pod1")[0]
lab.powershell(f"vfpctrl /port {pod1.id} /list-rule", host="host1")

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.policies(lab)

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## 6. A VLAN
#
# `-o com.docker.network.windowsshim.vlanid=7` adds a `VLAN` policy: the endpoints' vSwitch
# ports are in access mode on VLAN 7 (the physical NIC must be a trunk port).

# %%
# NBVAL_CHECK_OUTPUT
vlan_lab = wl.Lab()
vlan_lab.docker("network create -d l2bridge --subnet 10.5.0.0/24 --gateway 10.5.0.1 "
                "-o com.docker.network.windowsshim.vlanid=7 vlan7")
wl.tables.policies(vlan_lab)

# %% [markdown]
# ## Exercise
#
# In a fresh lab: create the l2bridge network `podnet` (10.244.5.0/24, gateway 10.244.5.1)
# with OutboundNAT except for 10.0.0.0/8, run `pod1` on it, and let pod1 query
# 8.8.8.8:53/udp.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab()
wl.exercises.check("04-l2bridge", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
mine.docker("network create -d l2bridge --subnet 10.244.5.0/24 --gateway 10.244.5.1 "
            "-o com.docker.network.windowsshim.enable_outboundnat=true "
            "-o com.docker.network.windowsshim.outboundnat_exceptions=10.0.0.0/8 podnet")
mine.docker(f"run -d --name pod1 --network podnet {IIS}")
wl.exercises.check("04-l2bridge", mine)
