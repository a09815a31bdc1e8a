# %% [markdown]
# # 01 · The `nat` driver: WinNAT, published ports, the firewall
#
# **Goal.** Build `nat` networks, publish container ports, and see what HNS does for each
# step: an internal vSwitch, a WinNAT instance, a static port mapping and a Windows Firewall
# allow rule.
#
# `nat` is the default driver.  Containers get addresses from a private *internal prefix*
# that HNS allocates; WinNAT translates their traffic to the host's address on the way out,
# and **only published ports** come in.

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. Build one with the form
#
# The form offers what `docker network create -d nat` really takes: a name, a subnet and a
# gateway (leave the subnet empty and HNS picks one).  *Containers* and *publish* add
# `docker run` lines: with `8080:80`, the first container gets host port 8080, the second 8081 —
# one host port can only map to one container.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="nat")
builder

# %% [markdown]
# ## 2. The same with commands
#
# This is the example from Microsoft's documentation (`docker network create -d "nat"
# --subnet "10.244.0.0/24" my_nat`).  Docker prints the new network's 64-hex id.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d nat --subnet 10.244.0.0/24 my_nat")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name web --network my_nat -p 8080:80 {IIS}")

# %% [markdown]
# HNS named the new network after Docker's id (the default network is the only one created
# with the name `nat`), so its internal vSwitch shows up in `Get-VMSwitch` under that
# 64-hex name:

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-VMSwitch")

# %% [markdown]
# The default network itself is protected:

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network rm nat")

# %% [markdown]
# ## 3. What `-p 8080:80` became
#
# On a `nat` network a published port is a **WinNAT static mapping** (host port → container
# IP and port) …

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetNatStaticMapping")

# %% [markdown]
# … plus a **Windows Firewall allow rule** for that port (both are removed when the
# container stops):

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetFirewallRule")

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.port_mappings(lab)

# %% [markdown]
# ## 4. One host port, one container
#
# WinNAT can map a host port to only one endpoint.  `docker run` is *create + start*: the
# create works, the start fails, and the container stays behind in the *Created* state —
# exactly as `docker ps -a` shows on a real host.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name web2 --network my_nat -p 8080:80 {IIS}")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("ps -a")

# %% [markdown]
# Without a host port (`-p 80`), HNS picks one for you; `docker port` reads it back:

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("rm web2")
lab.docker(f"run -d --name api --network my_nat -p 80 {IIS}")
lab.docker("port api")

# %% [markdown]
# ## 5. Addresses, policies and the picture

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.policies(lab)

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## 6. Names: Docker's embedded DNS
#
# On `nat` (and overlay) networks the endpoint's first DNS server is the network's gateway,
# where Docker's embedded resolver answers with the containers of **the same network**.
# `api` finds `web`; a container on another network is unknown to it.

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("api", "nslookup web")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name elsewhere {IIS}")
lab.exec("api", "nslookup elsewhere")

# %% [markdown]
# ## 7. Going out: WinNAT rewrites the source
#
# A packet from `web` to the internet leaves through the host's `vEthernet` for `my_nat`, and
# WinNAT rewrites its source to the host's address (the packet walk is tutorial 08):

# %%
# NBVAL_CHECK_OUTPUT
trace = lab.trace("web", "8.8.8.8", port=53, protocol="udp")
print(trace.verdict, "-", trace.reason)

# %% [markdown]
# ## 8. Windows Server 2016: one NAT prefix per host
#
# WinNAT on Windows Server 2016 supports a single internal prefix.  A second `nat` network
# must be a *partition* of it (Windows 10 1703 and Server 2019 lifted that limit):

# %%
# NBVAL_CHECK_OUTPUT
old = wl.Lab(windows="ltsc2016")
old.docker("network create -d nat --subnet 10.244.0.0/24 second")

# %%
# NBVAL_CHECK_OUTPUT
old.docker("network create -d nat --subnet=172.16.1.0/24 --gateway=172.16.1.1 CustomNat1")

# %% [markdown]
# ## Exercise
#
# Create a `nat` network `webnet` with the subnet 10.99.0.0/24 and run `web` on it,
# publishing host port 8080 to container port 80.  Work in a fresh lab — in the one above,
# port 8080 is already taken.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab()
wl.exercises.check("01-nat", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
print(mine.docker("network create -d nat --subnet 10.99.0.0/24 webnet"))
print(mine.docker(f"run -d --name web --network webnet -p 8080:80 {IIS}"))
wl.exercises.check("01-nat", mine)
