# %% [markdown]
# # 08 · The packet walk: follow one packet hop by hop
#
# **Goal.** Send a packet through the lab and read every step it takes — route table, vNIC,
# vSwitch, VFP layers, WinNAT, the firewall, the LAN — and the one rule that delivers or
# drops it.  Then compare the five drivers side by side.

# %%
# NBVAL_CHECK_OUTPUT
import winnetlab as wl

lab = wl.Lab(hosts=2)
IIS = "mcr.microsoft.com/windows/servercore/iis"
lab.docker(f"run -d --name web -p 8080:80 {IIS}")
lab.docker(f"run -d --name db {IIS}")
lab.docker(f"run -d --name client {IIS}", host="host2")
wl.tables.addresses(lab)

# %% [markdown]
# ## 1. From a container on host2 to a published port on host1
#
# `client` (nat on host2) opens TCP to host1's address, port 8080.  On host2 WinNAT
# rewrites the source to host2's address; on host1 WinNAT's static mapping rewrites the
# destination to `web`, and the firewall rule HNS created lets it in.

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("client", "192.168.0.11", port=8080)
walk

# %%
wl.plot.trace(walk, lab)

# %% [markdown]
# The hops are also a DataFrame, with every header field at every step:

# %%
# NBVAL_CHECK_OUTPUT
walk.to_frame()[["host", "component", "action", "src_ip", "src_port", "dst_ip", "dst_port"]]

# %% [markdown]
# The same question on an overlay network: no WinNAT on the way, but VFP layers in the
# vSwitch — the endpoint ACLs, then VXLAN encapsulation to the other host's provider
# address, decapsulation there.

# %%
# NBVAL_CHECK_OUTPUT
ov = wl.Lab(hosts=2)
join = ov.docker("swarm init --advertise-addr 192.168.0.11").output.split("docker swarm join ")[1].splitlines()[0]
ov.docker(f"swarm join {join}", host="host2")
ov.docker("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet")
ov.docker(f"run -d --name front --network appnet {IIS}")
ov.docker(f"run -d --name back --network appnet {IIS}", host="host2")
ov.trace("front", "back", port=80).to_frame()[["host", "component", "action", "outer_dst_ip", "vni"]]

# %% [markdown]
# ## 2. Drops, and the rule (or missing rule) behind them
#
# nat addresses are private to each host: both hosts handed out 172.16.0.2, so `client`
# cannot reach `web` by its container address.  And from the NAT host itself a published
# port is not reachable through the host's own address — WinNAT's known limitation; use
# `localhost` (Server 2019 and later) or the container's address.

# %%
# NBVAL_CHECK_OUTPUT
for src, dst, port in [("client", "web", 80), ("host1", "192.168.0.11", 8080),
                       ("host1", "localhost", 8080), ("db", "192.168.0.11", 8080)]:
    t = lab.trace(src, dst, port=port)
    print(f"{src:>6} -> {dst}:{port}  {t.verdict}: {t.reason}")

# %% [markdown]
# On Windows Server 2016 even `localhost` does not reach a published port:

# %%
# NBVAL_CHECK_OUTPUT
old = wl.Lab(windows="ltsc2016")
old.docker(f"run -d --name web -p 8080:80 {IIS}")
print(old.trace("host1", "localhost", port=8080).reason)

# %% [markdown]
# ### ACL policies decide too
#
# On the VFP drivers an endpoint can carry ACL policies (Kubernetes network policies become
# exactly these).  `RuleType Switch` rules sit in VFP's `ACL_ENDPOINT_LAYER`, `Host` rules in
# the Windows Filtering Platform; among the rules that match, the lowest priority number wins.
# Block all TCP into `back`, but allow port 443 with a better priority:

# %%
# NBVAL_CHECK_OUTPUT
back_host = ov.host("host2")
back_host.add_acl("back", "appnet", "Block", "In", priority=200, protocols="TCP")
back_host.add_acl("back", "appnet", "Allow", "In", priority=100, protocols="TCP", local_ports="443")
for port in (80, 443):
    t = ov.trace("front", "back", port=port)
    print(f"TCP {port}: {t.verdict} — {t.reason}")

# %% [markdown]
# ## 3. The same walk from inside the container
#
# `Test-NetConnection -Port` and `ping` inside a container are answered by the same walk:

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("client", "Test-NetConnection 192.168.0.11 -Port 8080")

# %% [markdown]
# ## 4. Who can reach whom
#
# `lab.reachability()` walks every pair (TCP port 80 by default; the hosts' own published
# ports count):

# %%
# NBVAL_CHECK_OUTPUT
lab.reachability()

# %% [markdown]
# ## 5. Explore
#
# Pick a source, a destination, a protocol and a port:

# %%
explorer = wl.widgets.TraceExplorer(lab)
explorer

# %% [markdown]
# Add networks with the builder and walk them in the explorer (press *Reload names* there):

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="l2bridge")
builder

# %% [markdown]
# ## 6. Five drivers, side by side
#
# The same two containers, the first publishing 8080:80, built on each driver.  Highlighted
# cells differ from the baseline you pick: the vSwitch, the addresses, what `-p` became, the
# MAC a switch on the LAN sees, and what is reachable.

# %%
comparison = wl.widgets.DriverComparison()
comparison

# %%
# NBVAL_CHECK_OUTPUT
comparison.frame

# %% [markdown]
# ## Exercise
#
# In a fresh two-host lab: run `web` on host1's default nat network publishing 8080:80 and
# `client` on host2, then make `client` reach host1:8080.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.Lab(hosts=2)
wl.exercises.check("08-packet-walk", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
mine.docker(f"run -d --name web -p 8080:80 {IIS}")
mine.docker(f"run -d --name client {IIS}", host="host2")
wl.exercises.check("08-packet-walk", mine)
