# %% [markdown]
# # 06 · HNS under the hood: what happens at network, endpoint and policy creation
#
# **Goal.** Watch, step by step, what Docker asks of the **Host Networking Service (HNS)**
# and the **Host Compute Service (HCS)**, and what they do with the vSwitch, WinNAT, the
# firewall and the container's compartment.  Then read the HNS objects as JSON — the same
# JSON `Get-HnsNetwork | ConvertTo-Json` prints on a real host.
#
# | step | what HNS / HCS do |
# |---|---|
# | network creation | HNS creates (or reuses) a vSwitch, creates the NAT and the IP and MAC pools |
# | endpoint creation | HNS creates a namespace (compartment), HCS places the vNIC in it, HNS creates the vSwitch port and assigns IP, DNS and routes |
# | policy creation | `nat`: WinNAT port mappings plus Windows Firewall allow rules; other drivers: VFP rules |

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# The management stack, with the path of `docker run -p` highlighted:

# %%
wl.plot.stack(highlight="docker run -p")

# %% [markdown]
# ## 1. Docker starts: reconcile with HNS, create `nat`
#
# Every host event is recorded (`lab.host().events`, or as a table):

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.events(lab)

# %% [markdown]
# ## 2. Network creation
#
# HNS names a network after Docker's 64-hex id unless
# `com.docker.network.windowsshim.networkname` says otherwise — and a nat network's internal
# vSwitch is named after the HNS network.

# %%
# NBVAL_CHECK_OUTPUT
seen = len(lab.host().events)
lab.docker("network create -d nat --subnet 10.20.0.0/24 "
           "-o com.docker.network.windowsshim.networkname=labnat labnat")
wl.tables.events(lab).iloc[seen:]

# %%
# NBVAL_CHECK_OUTPUT
builder = wl.widgets.NetworkBuilder(lab)
lab.powershell("Get-VMSwitch")

# %% [markdown]
# *(The builder above is the same form as in the other tutorials: try a driver and watch the
# events table grow in `wl.tables.events(lab)`.)*

# %%
builder

# %% [markdown]
# ## 3. Endpoint and policy creation: one `docker run -p`
#
# Namespace first, then the compute system, the endpoint (IP and MAC from the pools — here
# a MAC we chose, which HNS writes with dashes), the vSwitch port, the IP configuration, and
# finally the policies: a WinNAT static mapping and its firewall rule.

# %%
# NBVAL_CHECK_OUTPUT
seen = len(lab.host().events)
lab.docker(f"run -d --name probe --network labnat -p 8080:80 --mac-address 00:15:5d:aa:bb:cc {IIS}")
wl.tables.events(lab).iloc[seen:]

# %% [markdown]
# The compartment is a real object on the host (`Get-NetCompartment`); the container's vNIC
# lives in it, away from the host's default compartment 1:

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetCompartment")

# %% [markdown]
# ## 4. The HNS JSON
#
# `Get-HnsNetwork` prints PowerShell's list view.  `ConvertTo-Json` gives the JSON — but
# Windows PowerShell stops at **depth 2** unless told otherwise, turning deeper objects into
# strings like `@{Type=VLAN; VLAN=1}` (two networks make an array, which is one level more):

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-HnsNetwork | ConvertTo-Json")

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-HnsNetwork | ConvertTo-Json -Depth 4")

# %% [markdown]
# The endpoint, with its `NAT` policy (the published port) and its namespace:

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-HnsEndpoint | ConvertTo-Json -Depth 4")

# %% [markdown]
# Docker keeps only a thin record of its own and points at HNS through the
# `com.docker.network.windowsshim.hnsid` option: HNS is the source of truth.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network inspect labnat")

# %% [markdown]
# ## 5. Tearing down
#
# Removing the container deletes the endpoint and its policies; removing the network deletes
# the vSwitch and the WinNAT instance that HNS created for it.

# %%
# NBVAL_CHECK_OUTPUT
seen = len(lab.host().events)
lab.docker("rm -f probe")
lab.docker("network rm labnat")
wl.tables.events(lab).iloc[seen:]

# %% [markdown]
# ## Exercise
#
# In a fresh lab: create a nat network whose HNS name is `labnat` (not the 64-hex id) and run
# `probe` on it with the MAC address 00-15-5D-AA-BB-CC.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab()
wl.exercises.check("06-hns-under-the-hood", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
mine.docker("network create -d nat --subnet 10.20.0.0/24 "
            "-o com.docker.network.windowsshim.networkname=labnat labnat")
mine.docker(f"run -d --name probe --network labnat --mac-address 00:15:5d:aa:bb:cc {IIS}")
wl.exercises.check("06-hns-under-the-hood", mine)
