# %% [markdown]
# # 05 · The `l2tunnel` driver: every packet goes to the physical host
#
# **Goal.** See what makes `l2tunnel` different from `l2bridge`: it is created the same way,
# but **all** container traffic — even between two containers on the same host and subnet —
# is hair-pinned to the *physical* Hyper-V host's vSwitch, where the Microsoft SDN stack
# (Azure, Azure Stack, SDN Network Controller) applies its policy.  It exists only for those
# cloud stacks.

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# l2tunnel takes a subnet, a gateway and the **VSID** (virtual subnet id) of the tenant
# network in the SDN stack.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="l2tunnel")
builder

# %% [markdown]
# ## 2. Create it like l2bridge, with a VSID

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
           "-o com.docker.network.windowsshim.vsid=5001 tenant")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name t1 --network tenant {IIS}")
lab.docker(f"run -d --name t2 --network tenant {IIS}")
lab.powershell("Get-HnsNetwork")

# %% [markdown]
# ## 3. Same host, same subnet — and still a trip to the physical host
#
# With l2bridge, t1 → t2 would be bridged inside the vSwitch.  With l2tunnel the frame goes
# up to the physical host (`physical-host` in the walk) and comes back:

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("t1", "t2", port=80)
walk.to_frame()[["host", "component", "action", "src_mac", "dst_mac"]]

# %%
wl.plot.trace(walk, lab)

# %% [markdown]
# ## 4. The outside is reached through the cloud's gateway
#
# External traffic must go through the Azure virtual network gateway, which this lab does
# not model: the container's address leaves the host untranslated and nothing outside can
# answer it.

# %%
# NBVAL_CHECK_OUTPUT
print(lab.trace("t1", "8.8.8.8", port=53, protocol="udp").reason)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %% [markdown]
# ## Exercise
#
# In a fresh lab: create the l2tunnel network `tenant` (10.50.0.0/24, gateway 10.50.0.1,
# VSID 5001), run `t1` and `t2` on it, and show that even t1 → t2 goes through the physical
# host.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab()
wl.exercises.check("05-l2tunnel", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
mine.docker("network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
            "-o com.docker.network.windowsshim.vsid=5001 tenant")
mine.docker(f"run -d --name t1 --network tenant {IIS}")
mine.docker(f"run -d --name t2 --network tenant {IIS}")
wl.exercises.check("05-l2tunnel", mine)
