# %% [markdown]
# # 00 · Start here: how Windows containers get a network
#
# **Goal.** See the pieces that give a Windows container its network — the vNIC, the Hyper-V
# virtual switch, the Host Networking Service (HNS), WinNAT — on a simulated Windows Server
# 2022 host, using the same `docker` and PowerShell commands as on a real one.
#
# Everything here runs in a *lab*: a deterministic model of one or more Windows container
# hosts.  Same lab, same commands → same output, every time.

# %%
# NBVAL_CHECK_OUTPUT
import winnetlab as wl

lab = wl.Lab()          # one host, Windows Server 2022 (windows="ltsc2022"), seed 0
host = lab.host()       # "host1"
lab

# %% [markdown]
# ## 1. The architecture in one picture
#
# Every container gets a **virtual NIC** plugged into a **Hyper-V virtual switch (vSwitch)**,
# much like a VM.  Docker does not build networks itself: its Windows driver asks **HNS**
# (Host Networking Service) for networks and endpoints, and **HCS** (Host Compute Service)
# puts the endpoint into the container when it starts.  HNS then programs **WinNAT** and the
# **Windows Firewall** (for `nat` networks) or **VFP**, the filtering extension inside the
# vSwitch (for all other drivers).

# %%
wl.plot.stack()

# %% [markdown]
# ## 2. What a fresh host has: `nat` and `none`
#
# The Docker CLI is the same as on Linux.  But there is **no `bridge` and no `host`
# network** on Windows: the first start of Docker creates a network called `nat` (driver
# `nat`), and `none` always exists.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network ls")

# %% [markdown]
# The `nat` network sits on an **internal** vSwitch — one that is not bound to any physical
# adapter.  The host reaches it through its own vNIC, `vEthernet (nat)`, which holds the
# gateway address.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-VMSwitch")

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetAdapter")

# %% [markdown]
# ## 3. The default prefix
#
# Microsoft documents the default internal prefix as **172.16.0.0/16** (gateway 172.16.0.1),
# and that is what this lab uses by default.  WinNAT translates everything from that prefix
# to the host's own address:

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetNat")

# %% [markdown]
# On real hosts since Windows Server 2016 RTM, Docker actually sends `0.0.0.0/0` and **HNS
# picks** a free /20 inside 172.16.0.0/12 that does not overlap the host's addresses (and it
# may pick another one after a reboot).  `nat_prefix="auto"` shows that behaviour:

# %%
# NBVAL_CHECK_OUTPUT
auto = wl.Lab(nat_prefix="auto")
[(str(s.prefix), str(s.gateway)) for s in auto.host().network("nat").subnets]

# %% [markdown]
# ## 4. Run a container — same syntax as on Linux
#
# `docker run` attaches the container to `nat` when no `--network` is given.  Behind the
# scenes HNS created an **endpoint** (the vNIC with its IP and MAC from the network's pools)
# and a network **namespace** (compartment) for the container.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("run -d --name web -p 8080:80 mcr.microsoft.com/windows/servercore/iis")

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %% [markdown]
# Inside the container, Linux habits meet Windows: there is no `ifconfig`, `ip` or
# `/etc/resolv.conf` — DNS servers and routes are per-adapter settings in the container's
# registry.  `ipconfig` and `route print` are the tools.

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("web", "ifconfig")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("web", "ipconfig /all")

# %% [markdown]
# ## 5. The topology
#
# The physical adapter `Ethernet` connects the host to the LAN; the internal vSwitch `nat`
# connects the containers' vNICs and the host's `vEthernet (nat)`; WinNAT sits between them.

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## 6. Build networks with a form
#
# Every tutorial has this builder.  Pick a driver, fill in its settings, press **Create**:
# it runs the same `docker` commands you would type (see the *Commands* tab) and redraws the
# picture and the tables.  A mistake shows the daemon's own message and changes nothing.

# %%
builder = wl.widgets.NetworkBuilder(lab)
builder

# %% [markdown]
# ## The tutorials
#
# | notebook | what you learn |
# |---|---|
# | `01-nat` | the default driver: WinNAT, published ports, the firewall rule |
# | `02-transparent` | containers directly on the LAN; external vSwitches; MAC spoofing |
# | `03-overlay` | two hosts in a swarm, VXLAN between them |
# | `04-l2bridge` | MAC rewrite, OutboundNAT and its exceptions |
# | `05-l2tunnel` | everything hair-pinned to the physical host (Azure / SDN) |
# | `06-hns-under-the-hood` | what HNS and HCS do, and the HNS JSON |
# | `07-unsupported-features` | what Docker on Windows refuses or ignores, and why |
# | `08-packet-walk` | follow one packet hop by hop |
# | `09-real-host-dumps` | load `Get-HnsNetwork` output from a real machine |
#
# ## Exercise
#
# Run a container named `hello` on the default `nat` network, then find its address.
# The check below says what is still missing:

# %%
# NBVAL_CHECK_OUTPUT
wl.exercises.check("00-start-here", lab)

# %% [markdown]
# A solution (try it yourself first):

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("run -d --name hello mcr.microsoft.com/windows/servercore/iis")

# %%
# NBVAL_CHECK_OUTPUT
wl.exercises.check("00-start-here", lab)
