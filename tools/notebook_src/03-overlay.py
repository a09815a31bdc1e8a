# %% [markdown]
# # 03 · The `overlay` driver: two hosts, one swarm, VXLAN between them
#
# **Goal.** Join two Windows hosts in a Docker swarm, create an overlay network that spans
# both, and watch a packet travel between containers on different hosts inside a **VXLAN**
# tunnel (UDP 4789) between the hosts' *provider addresses*.

# %%
import winnetlab as wl

lab = wl.Lab(hosts=2)          # host1 (192.168.0.11) and host2 (192.168.0.12) on one LAN
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# An overlay network has a **subnet**, a **VNI** (VXLAN id; swarm allocates one from 4096
# when you leave 0) and spans the **hosts in the swarm** — the form adds hosts and runs
# `docker swarm init` / `join` when needed, and spreads the containers over the hosts.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="overlay")
builder

# %% [markdown]
# ## 2. Overlay needs swarm mode

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d overlay appnet")

# %%
# NBVAL_CHECK_OUTPUT
init = lab.docker("swarm init --advertise-addr 192.168.0.11")
init

# %% [markdown]
# Copy the join command to the second host, as you would on a real one.  Between swarm hosts
# TCP 2377 (cluster management), TCP+UDP 7946 (gossip) and UDP 4789 (VXLAN) must be open.

# %%
# NBVAL_CHECK_OUTPUT
join = init.output.split("docker swarm join ")[1].splitlines()[0]
lab.docker(f"swarm join {join}", host="host2")

# %% [markdown]
# ## 3. An attachable overlay network and a container on each host
#
# `--attachable` lets standalone containers (`docker run`, not only swarm services) join.
# Swarm's `ingress` network already took VNI 4096, so `appnet` gets the next one.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet")
lab.docker("network ls")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name front --network appnet {IIS}")
lab.docker(f"run -d --name back --network appnet {IIS}", host="host2")
wl.tables.addresses(lab)

# %% [markdown]
# ## 4. Remote endpoints: how host1 knows where `back` lives
#
# Each host learns the other hosts' containers as HNS **remote endpoints**
# (`IsRemoteEndpoint : True`) whose `PA` policy is the remote host's provider address.
# That is what VFP needs to encapsulate.  `front`'s own endpoint carries its host's PA and
# an `OutBoundNAT` policy (how overlay containers reach the outside since Server 2019).

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-HnsEndpoint", host="host1")

# %% [markdown]
# ## 5. The packet walk: VXLAN between the hosts
#
# VFP's `VNET_ENCAP_LAYER` wraps the frame in VXLAN: outer source and destination are the
# hosts' addresses, UDP port 4789, and the network's VNI.  host2 decapsulates it.

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("front", "back", port=80)
walk.to_frame()[["host", "component", "action", "outer_src_ip", "outer_dst_ip", "outer_dst_port", "vni"]]

# %%
wl.plot.trace(walk, lab)

# %% [markdown]
# ## 6. Going outside: OutboundNAT, and why `ping` fails
#
# Since Windows Server 2019 overlay containers leave through a VFP **OutboundNAT** rule
# (source rewritten to the host's address) — so each container has exactly one IP.  VFP
# cannot translate ICMP for that traffic, so `ping` to an outside address fails; probe with
# TCP or UDP instead.

# %%
# NBVAL_CHECK_OUTPUT
for protocol, port in (("icmp", None), ("udp", 53)):
    t = lab.trace("front", "8.8.8.8", port=port, protocol=protocol)
    print(f"{protocol:5} {t.verdict}: {t.reason}")

# %% [markdown]
# Windows Server 2016 did it differently: an overlay container got a **second endpoint on
# the `nat` network** for outbound traffic.

# %%
# NBVAL_CHECK_OUTPUT
old = wl.Lab(hosts=2, windows="ltsc2016")
old_join = old.docker("swarm init --advertise-addr 192.168.0.11").output.split("docker swarm join ")[1].splitlines()[0]
old.docker(f"swarm join {old_join}", host="host2")
old.docker("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet")
old.docker(f"run -d --name front --network appnet {IIS}")
[(ep.network, str(ep.address)) for ep in old.host().endpoints_of("front")]

# %% [markdown]
# ## 7. A swarm service with the routing mesh
#
# `docker service create --publish` puts the service behind a VIP; HNS programs a VFP
# load balancer (an `ELB` policy list) that spreads connections over the replicas.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"service create --name webfarm --replicas 2 --publish 8080:80 {IIS}")
lab.powershell("Get-HnsPolicyList")

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## Exercise
#
# In a fresh two-host lab: put both hosts in one swarm, create the attachable overlay
# network `appnet` (10.0.9.0/24), run `front` on host1 and `back` on host2, and let `front`
# reach `back:80`.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab(hosts=2)
wl.exercises.check("03-overlay", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
token = mine.docker("swarm init --advertise-addr 192.168.0.11").output.split("docker swarm join ")[1].splitlines()[0]
mine.docker(f"swarm join {token}", host="host2")
mine.docker("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet")
mine.docker(f"run -d --name front --network appnet {IIS}")
mine.docker(f"run -d --name back --network appnet {IIS}", host="host2")
wl.exercises.check("03-overlay", mine)
