# %% [markdown]
# # 02 · The `transparent` driver: containers directly on the LAN
#
# **Goal.** Put containers straight onto the physical network through an **external**
# vSwitch, with static addresses or with DHCP from the LAN, and see the consequences: every
# container MAC appears on the wire, a VM host needs MAC spoofing, and each external vSwitch
# needs its own physical adapter.
#
# The lab's LAN is 192.168.0.0/24 with a router at 192.168.0.1 that also hands out DHCP
# leases; `host1` is 192.168.0.11.

# %%
import winnetlab as wl

lab = wl.Lab()
host = lab.host()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# A transparent network takes a physical **adapter** to bind its external vSwitch to, either
# **DHCP** from the LAN or a static subnet and gateway (the LAN's own), and optionally a
# **VLAN** id (the vSwitch port is put in access mode on it; the physical NIC must be a trunk).

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="transparent")
builder

# %% [markdown]
# ## 2. External vSwitches made outside Docker show up as `transparent` networks
#
# An external vSwitch created with Hyper-V's own cmdlet while Docker is running is unknown
# to Docker until HNS and Docker restart; then Docker adopts it as a `transparent` network
# named after the switch.

# %%
# NBVAL_CHECK_OUTPUT
oob = wl.Lab()
oob.powershell("New-VMSwitch -Name CORP -NetAdapterName Ethernet")

# %%
# NBVAL_CHECK_OUTPUT
oob.docker("network ls")

# %%
# NBVAL_CHECK_OUTPUT
oob.powershell("Restart-Service docker")
oob.docker("network ls")

# %% [markdown]
# ## 3. Static addresses from the LAN's prefix
#
# The container gets an address of the LAN itself (`--ip`), so no port publishing is needed:
# other machines reach it directly.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("printer", "ipconfig")

# %% [markdown]
# There is no service discovery on transparent networks: the container's DNS server is the
# LAN's, which has never heard of other containers' names.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name scanner --network lan --ip 192.168.0.51 {IIS}")
lab.exec("scanner", "nslookup printer")

# %% [markdown]
# ## 4. One external vSwitch per adapter
#
# `Ethernet` now carries the external vSwitch of `lan`.  Another external-switch network of
# a different kind needs another adapter:

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2bridge --subnet 10.1.0.0/24 --gateway 10.1.0.1 l2b")

# %% [markdown]
# With a second NIC, `-o com.docker.network.windowsshim.interface` picks it.  This network
# uses **DHCP**: Docker knows no address at all — `docker network inspect` shows
# `0.0.0.0/0` and an empty `IPv4Address` — while the container got a lease from the LAN's
# DHCP server, as `ipconfig` inside it shows.

# %%
# NBVAL_CHECK_OUTPUT
host.add_adapter("Ethernet 2")
lab.docker('network create -d transparent -o com.docker.network.windowsshim.interface="Ethernet 2" TransparentNet2')

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name dhcpbox --network TransparentNet2 {IIS}")
lab.docker("network inspect TransparentNet2")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("dhcpbox", "ipconfig")

# %% [markdown]
# ## 5. The container's own MAC on the wire
#
# Frames leave with the **container's MAC** (`00-15-5D-…`), so the upstream switch learns
# every container.  Follow a DNS query from `printer` and look at the source MAC on the LAN:

# %%
# NBVAL_CHECK_OUTPUT
trace = lab.trace("printer", "8.8.8.8", port=53, protocol="udp")
trace.to_frame().query("host == 'LAN'")[["component", "action", "src_ip", "src_mac", "dst_mac"]]

# %% [markdown]
# If the container host is itself a **Hyper-V VM**, the Hyper-V host below it drops frames
# whose source MAC is not the VM's own — unless **MAC address spoofing** is enabled for the
# VM's network adapter (`Set-VMNetworkAdapter -MacAddressSpoofing On` on the Hyper-V host).
# On **Azure** VMs MAC spoofing is impossible, so transparent networking is not supported
# there at all.

# %%
# NBVAL_CHECK_OUTPUT
host.configure(is_vm=True)
print(lab.trace("printer", "8.8.8.8", port=53, protocol="udp").reason)

# %%
# NBVAL_CHECK_OUTPUT
host.configure(mac_spoofing=True)
print(lab.trace("printer", "8.8.8.8", port=53, protocol="udp").verdict)

# %% [markdown]
# ## 6. Tables and picture

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.vswitches(lab)

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## Exercise
#
# In a fresh lab whose host is a Hyper-V VM: create the transparent network `lan` with the
# static subnet 192.168.0.0/24 (gateway 192.168.0.1), run `printer` at 192.168.0.50, and
# make sure its frames are not dropped.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab()
mine.host().configure(is_vm=True)
wl.exercises.check("02-transparent", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
mine.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
mine.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")
mine.host().configure(mac_spoofing=True)
wl.exercises.check("02-transparent", mine)
