# %% [markdown]
# # 09 · Real host dumps: read `Get-HnsNetwork` output from a real machine
#
# **Goal.** Load what real Windows hosts printed — `Get-HnsNetwork` in PowerShell's list
# view, `Get-HnsEndpoint | ConvertTo-Json`, `hnsdiag list endpoints` — into a lab, and look
# at it with the same tables, pictures and commands as a simulated one.  Then go the other
# way: export a simulated host as HNS JSON.
#
# winnetlab ships a few real dumps from public bug reports (their sources are listed in
# `winnetlab/data/README.md`).  On your own host, collect them with:
#
# ```powershell
# Get-HnsNetwork  | ConvertTo-Json -Depth 10 > hnsnetwork.json
# Get-HnsEndpoint | ConvertTo-Json -Depth 10 > hnsendpoint.json
# Get-HnsPolicyList | ConvertTo-Json -Depth 10 > hnspolicylist.json
# hnsdiag list all > hnsdiag.txt
# ```

# %%
from importlib.resources import files

import winnetlab as wl

DUMPS = files("winnetlab") / "data"
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. A real `Get-HnsNetwork`, as the console printed it
#
# A Windows 10 host with Kubernetes tooling: a `nat` network layered on ICS (note the
# `ICS…` NatName and the HNS-chosen /20) and an `L2Bridge` network named `External`.

# %%
# NBVAL_CHECK_OUTPUT
text = (DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt").read_text()
print("\n".join(text.splitlines()[:28]))

# %% [markdown]
# ## 2. Load it
#
# `wl.load_hns` reads JSON, PowerShell list views, `hnsdiag` text and log excerpts.  It
# never gives up on a whole file for one odd object: what it had to guess is in
# `lab.warnings`.

# %%
# NBVAL_CHECK_OUTPUT
lab = wl.load_hns(DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
lab.warnings

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.networks(lab)

# %% [markdown]
# Docker on that host would have adopted both networks (they were not created by this
# daemon, so they carry `hnsowned=true` and are never pruned):

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network ls")

# %%
wl.plot.topology(lab)

# %% [markdown]
# `wl.diagnose` looks for the classic causes of broken container networking in HNS state
# (endpoints outside their subnet, duplicate IPs or MACs, a NAT prefix overlapping the
# host's address, overlay endpoints without a provider address, l2bridge without
# OutboundNAT…).  This host has none of them:

# %%
# NBVAL_CHECK_OUTPUT
wl.diagnose(lab)

# %% [markdown]
# ## 3. Endpoints from two sources at once
#
# An overlay **remote endpoint** from flannel (its `PA` policy names the other node's
# provider address) and an `hnsdiag list endpoints` listing from another cluster.  The
# listing does not say which network each endpoint belongs to — the warnings say so.

# %%
# NBVAL_CHECK_OUTPUT
cluster = wl.load_hns(DUMPS / "01-overlay-remote-endpoint-v1-flannel-test.json",
                      DUMPS / "08-overlay-endpoints-hnsdiag-list-endpoints.txt")
for warning in cluster.warnings:
    print("-", warning)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.endpoints(cluster)

# %% [markdown]
# ## 4. The other way: export a simulated host as HNS JSON
#
# `wl.dump_hns(lab)` writes what `Get-HnsNetwork`/`Get-HnsEndpoint` would print on the
# simulated host (`version=2` for the HCN schema).  Saved to a file, it loads back:

# %%
# NBVAL_CHECK_OUTPUT
import json
import tempfile
from pathlib import Path

sim = wl.Lab()
sim.docker(f"run -d --name web -p 8080:80 {IIS}")
dump = wl.dump_hns(sim)
print(json.dumps(dump["endpoints"][0], indent=2)[:900])

# %%
# NBVAL_CHECK_OUTPUT
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "hns.json"
    path.write_text(json.dumps(dump))
    again = wl.load_hns(path)
wl.tables.endpoints(again)

# %% [markdown]
# ## 5. Keep building on an imported host
#
# An imported lab is a lab like any other: the builder and `lab.docker` work next to the
# imported networks.

# %%
builder = wl.widgets.NetworkBuilder(lab)
builder

# %% [markdown]
# ## Exercise
#
# Load the `Get-HnsNetwork` dump above into a lab of your own, then add the nat network
# `mine` (10.77.0.0/24) with a container `probe` on it next to the imported networks.

# %%
# NBVAL_CHECK_OUTPUT
mine = wl.load_hns(DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
wl.exercises.check("09-real-host-dumps", mine)

# %% [markdown]
# A solution:

# %%
# NBVAL_CHECK_OUTPUT
mine.docker("network create -d nat --subnet 10.77.0.0/24 mine")
mine.docker(f"run -d --name probe --network mine {IIS}")
wl.exercises.check("09-real-host-dumps", mine)
