# %% [markdown]
# # 07 · What Docker on Windows does not support — and what it says
#
# **Goal.** Meet every networking feature and option that Docker on Windows lacks, see what
# the daemon answers (its exact words), and understand why.  Some options are **rejected**
# with an error; others are **accepted and have no effect** — the most confusing kind: the
# real daemon prints nothing about them, and neither does the lab's output.  The lab adds a
# `hint:` under the output (a separate box in Jupyter; `wl.Lab(hints=False)` turns hints
# off) — that line is the simulator's, never Windows'.
#
# Microsoft lists these features as unsupported: IPv6 on `nat` and `overlay`, encrypted
# container traffic (IPsec), an HTTP proxy for containers, hot-adding endpoints to running
# Hyper-V-isolated containers, the transparent driver on Azure, and host networking.

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The whole list
#
# The lab keeps the list as data — each option, the Windows versions concerned, what the
# daemon does and its message:

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.unsupported()

# %% [markdown]
# ## 2. Try it in the form
#
# The builder hands your values to the daemon unchanged: put `fd00::/64` into *subnet* and
# press Create to see the refusal — nothing is created.

# %%
builder = wl.widgets.NetworkBuilder(lab)
builder

# %% [markdown]
# ## 3. `docker run` options

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name p1 {IIS}")
for flags in ["--network host", "-p 127.0.0.1:80:80", "-p 8000-8010:80", "-p 80:80/sctp",
              "--ip6 fd00::5", "--dns-option ndots:2", "--privileged", "--read-only",
              "--isolation hyperv --network container:p1"]:
    print(f"PS C:\\> docker run -d {flags} <image>")
    print(lab.docker(f"run -d {flags} {IIS}"), end="\n\n")

# %% [markdown]
# There is no `host` network on Windows at all (and no `bridge`): `network host not found`.
# Port bindings must be one TCP or UDP host port on all addresses.  `--dns-option` is
# silently dropped: the container runs, no DNS option reaches it, and nothing says so.
# `--ip6` is refused only when the container starts: no Windows network has an IPv6
# subnet, so the daemon's endpoint check says `invalid endpoint settings` (the container is
# left behind in the Created state, as every failed start leaves it).

# %% [markdown]
# ## 4. `docker network create` options

# %%
# NBVAL_CHECK_OUTPUT
for number, flags in enumerate(["--internal --subnet 10.30.0.0/24", "--aux-address a=10.40.0.5 --subnet 10.40.0.0/24",
              "--ip-range 10.41.0.0/25 --subnet 10.41.0.0/24", "--ipam-driver dhcp --subnet 10.42.0.0/24",
              "--ipam-opt foo=bar --subnet 10.43.0.0/24", "--ipv6", "--subnet fd00::/64",
              "--ipv4=false"]):
    name = f"net{number}"
    print(f"PS C:\\> docker network create -d nat {flags} {name}")
    print(lab.docker(f"network create -d nat {flags} {name}"), end="\n\n")

# %% [markdown]
# Why: on Windows **HNS does the address management**.  Docker's `windows` IPAM driver is a
# pass-through that only forwards the subnet and gateway — so sub-ranges and IPv6 pools are
# refused, auxiliary addresses and IPAM options go nowhere, and `--internal` is recorded
# but the Windows driver never isolates the network.

# %% [markdown]
# ## 5. IPv6, driver by driver
#
# | driver | IPv6 on Windows |
# |---|---|
# | nat | none |
# | overlay | none |
# | transparent | from Server 2022: self-assigned addresses only (no HNS IPv6 IPAM, load balancing or ACLs) |
# | l2bridge | from Server 2022: the IPv6 stack is supported |
# | l2tunnel | not documented |
#
# Through Docker every one of them refuses an IPv6 pool, because the `windows` IPAM driver
# does:

# %%
# NBVAL_CHECK_OUTPUT
for driver in ("nat", "transparent", "l2bridge", "l2tunnel"):
    print(f"{driver:12}", lab.docker(f"network create -d {driver} --ipv6 v6{driver}").output.splitlines()[0])

# %% [markdown]
# ## 6. Encrypted overlay traffic (IPsec)
#
# `-o encrypted` is accepted on overlay networks, but the Windows overlay driver has no
# encryption: the VXLAN traffic between hosts stays in clear text.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("swarm init --advertise-addr 192.168.0.11")
lab.docker("network create -d overlay --attachable -o encrypted secret")

# %% [markdown]
# ## 7. Hot-adding an endpoint to a Hyper-V-isolated container
#
# A process-isolated container can join another network while it runs (Server 1709 and
# later).  Microsoft lists hot-adding an endpoint to a *running Hyper-V-isolated* container
# as unsupported: HCS refuses the change; stop the container, connect it, start it again.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d nat --subnet 10.50.0.0/24 second")
lab.docker(f"run -d --name hv --isolation hyperv {IIS}")
lab.docker("network connect second hv")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network connect second p1")
[ep.network for ep in lab.host().endpoints_of("p1")]

# %% [markdown]
# Windows Server 2016 could not do it even for process isolation:

# %%
# NBVAL_CHECK_OUTPUT
old = wl.Lab(windows="ltsc2016")
old.docker(f"run -d --name p1 {IIS}")
old.docker("network create -d nat --subnet 172.16.5.0/24 --gateway 172.16.5.1 second")
old.docker("network connect second p1")

# %% [markdown]
# ## 8. No HTTP proxy for containers, no transparent on Azure
#
# * **HTTP proxy**: Docker on Windows has no option that gives containers an HTTP proxy (HNS
#   has an internal `PROXY` policy type, but Docker never sets it).  Configure the proxy
#   inside the container image instead.
# * **transparent on Azure**: transparent frames carry the container's own MAC, which needs
#   MAC spoofing on the VM's NIC — and Azure does not allow MAC spoofing.  The effect is the
#   one tutorial 02 showed for a VM without spoofing: the frames are dropped.

# %%
# NBVAL_CHECK_OUTPUT
azure = wl.Lab()
azure.host().configure(is_vm=True)
azure.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
azure.docker(f"run -d --name vm1 --network lan --ip 192.168.0.60 {IIS}")
print(azure.trace("vm1", "8.8.8.8", port=53, protocol="udp").reason)

# %% [markdown]
# ## Exercise
#
# Show that `--internal` isolates nothing on Windows: in a fresh lab create the nat network
# `quiet` with `--internal`, run `q1` on it, and let `q1` still reach 8.8.8.8:53/udp.  Try
# `--ipv6` too — and check that it left no network behind.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab()
wl.exercises.check("07-unsupported-features", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
print(mine.docker("network create -d nat --internal --subnet 10.30.0.0/24 quiet"))
print(mine.docker(f"run -d --name q1 --network quiet {IIS}"))
print(mine.docker("network create -d nat --ipv6 --subnet fd00::/64 v6net"))
wl.exercises.check("07-unsupported-features", mine)
