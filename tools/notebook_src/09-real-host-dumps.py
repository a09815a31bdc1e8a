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

# %% [markdown] lang=ko en=f4a018963d47
# # 09 · 실제 호스트 덤프: 실제 컴퓨터의 `Get-HnsNetwork` 출력 읽기
#
# **목표.** 실제 Windows 호스트가 출력한 것 — PowerShell 목록 보기의 `Get-HnsNetwork`,
# `Get-HnsEndpoint | ConvertTo-Json`, `hnsdiag list endpoints` — 을 랩에 불러와, 시뮬레이션한 랩과
# 같은 표, 그림, 명령으로 살펴봅니다. 그다음 반대로, 시뮬레이션한 호스트를 HNS JSON으로 내보냅니다.
#
# winnetlab에는 공개된 버그 보고에서 가져온 실제 덤프가 몇 개 들어 있습니다(출처는
# `winnetlab/data/README.md`에 있습니다). 여러분의 호스트에서는 다음처럼 모으세요.
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

# %% [markdown] lang=ko en=148cba744385
# ## 1. 콘솔이 출력한 그대로의 실제 `Get-HnsNetwork`
#
# Kubernetes 도구가 깔린 Windows 10 호스트입니다: ICS 위에 올라간 `nat` 네트워크(`ICS…`로 시작하는
# NatName과 HNS가 고른 /20을 보세요)와 `External`이라는 이름의 `L2Bridge` 네트워크가 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
text = (DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt").read_text()
print("\n".join(text.splitlines()[:28]))

# %% [markdown]
# ## 2. Load it
#
# `wl.load_hns` reads JSON, PowerShell list views, `hnsdiag` text and log excerpts.  It
# never gives up on a whole file for one odd object.  What may be wrong or missing is in
# `lab.warnings` (a complete, clean dump gives none); what it repaired or inferred, and
# why, is in `lab.notes`.

# %% [markdown] lang=ko en=a984a39d2dda
# ## 2. 불러오기
#
# `wl.load_hns`는 JSON, PowerShell 목록 보기, `hnsdiag` 텍스트, 로그 발췌를 읽습니다. 이상한 객체
# 하나 때문에 파일 전체를 포기하지 않습니다. 잘못되었거나 빠졌을 수 있는 것은 `lab.warnings`에
# 있고(완전하고 깨끗한 덤프라면 비어 있습니다), 고치거나 추론한 것과 그 이유는 `lab.notes`에 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab = wl.load_hns(DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
lab.warnings

# %%
# NBVAL_CHECK_OUTPUT
print("\n".join(f"- {note}" for note in lab.notes))

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.networks(lab)

# %% [markdown]
# The imported host knows only what the dump says.  Its address is the L2Bridge
# network's `ManagementIP`; the LAN, the router and the NIC's MAC are not in the dump,
# so they stay unknown.  `Get-HnsNetwork` does not list Hyper-V switches either: the
# switch behind each network is *inferred* (the `inferred` column says why; the picture
# draws it dashed with a `?`).  And the dump has no Docker in it, so Docker's view stays
# empty — `docker network ls` lists nothing until you create something.

# %% [markdown] lang=ko en=5a4879cf8c66
# 불러온 호스트는 덤프가 말하는 것만 압니다. 호스트 주소는 L2Bridge 네트워크의 `ManagementIP`이고,
# LAN, 라우터, NIC의 MAC은 덤프에 없으므로 알 수 없는 채로 둡니다. `Get-HnsNetwork`는 Hyper-V
# 스위치도 나열하지 않습니다. 각 네트워크 뒤의 스위치는 *추론*한 것입니다(`inferred` 열이 그 이유를
# 말하고, 그림은 점선과 `?`로 그립니다). 그리고 이 덤프에는 Docker가 없으므로 Docker의 시점은 비어
# 있습니다 — 무언가를 만들기 전까지 `docker network ls`는 아무것도 나열하지 않습니다.

# %%
# NBVAL_CHECK_OUTPUT
print(lab.host().address)
wl.tables.vswitches(lab)[["name", "switch_type", "host_vnic", "vnic_ip", "inferred"]]

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

# %% [markdown] lang=ko en=089febf8cbbf
# `wl.diagnose`는 HNS 상태에서 컨테이너 네트워킹이 망가지는 고전적인 원인을 찾습니다(서브넷 밖의
# 끝점, 중복된 IP나 MAC, 호스트 주소와 겹치는 NAT 접두사, 공급자 주소 없는 오버레이 끝점,
# OutboundNAT 없는 l2bridge …). 이 호스트에는 그중 아무것도 없습니다.

# %%
# NBVAL_CHECK_OUTPUT
wl.diagnose(lab)

# %% [markdown]
# ## 3. Endpoints from two sources at once
#
# An overlay **remote endpoint** from flannel (its `PA` policy names the other node's
# provider address) and an `hnsdiag list endpoints` listing from another cluster.  Nothing
# links the two files (no shared object, reference or management IP), so they become two
# hosts; `merge=True` would force one.  The listing does not say which network each
# endpoint belongs to: the networks are inferred, and the notes say from what.

# %% [markdown] lang=ko en=fffb91ad4b78
# ## 3. 두 출처의 끝점을 한꺼번에
#
# flannel의 오버레이 **원격 끝점**(그 `PA` 정책이 다른 노드의 공급자 주소를 가리킵니다)과 다른
# 클러스터의 `hnsdiag list endpoints` 목록입니다. 두 파일을 잇는 것이 없으므로(공유 객체, 참조,
# 관리 IP 모두 없음) 두 호스트가 됩니다. `merge=True`를 주면 하나로 합칩니다. 목록에는 끝점이 어느
# 네트워크에 속하는지 나오지 않으므로 네트워크는 추론한 것이고, 무엇으로부터인지는 노트가 말해 줍니다.

# %%
# NBVAL_CHECK_OUTPUT
cluster = wl.load_hns(DUMPS / "01-overlay-remote-endpoint-v1-flannel-test.json",
                      DUMPS / "08-overlay-endpoints-hnsdiag-list-endpoints.txt")
print(list(cluster.hosts), cluster.warnings)
print("\n".join(f"- {note}" for note in cluster.notes))

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.endpoints(cluster)

# %% [markdown]
# ## 4. The other way: export a simulated host as HNS JSON
#
# `wl.dump_hns(lab)` writes what `Get-HnsNetwork`/`Get-HnsEndpoint` would print on the
# simulated host (`version=2` for the HCN schema).  Saved to a file, it loads back:

# %% [markdown] lang=ko en=9a6fd77da2ff
# ## 4. 반대로: 시뮬레이션한 호스트를 HNS JSON으로 내보내기
#
# `wl.dump_hns(lab)`은 시뮬레이션한 호스트에서 `Get-HnsNetwork`/`Get-HnsEndpoint`가 출력했을 내용을
# 씁니다(HCN 스키마는 `version=2`). 파일로 저장하면 다시 불러올 수 있습니다.

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

# %% [markdown] lang=ko en=7471e7a8d726
# ## 5. 불러온 호스트 위에서 계속 만들기
#
# 불러온 랩도 다른 랩과 똑같습니다. 불러온 네트워크 옆에서 빌더와 `lab.docker`가 그대로 동작합니다.

# %%
builder = wl.widgets.NetworkBuilder(lab)
builder

# %% [markdown]
# ## Exercise
#
# Load the `Get-HnsNetwork` dump above into a lab of your own, then add the nat network
# `mine` (10.77.0.0/24) with a container `probe` on it next to the imported networks.

# %% [markdown] lang=ko en=6e4a2bc17f35
# ## 연습 문제
#
# 위의 `Get-HnsNetwork` 덤프를 여러분의 랩에 불러온 뒤, 불러온 네트워크 옆에 nat 네트워크
# `mine`(10.77.0.0/24)과 그 위의 컨테이너 `probe`를 추가하세요.

# %%
# your lab for the exercise: load the dump into it, then type your commands in new cells below
mine = wl.Lab()

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("09-real-host-dumps", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# mine = wl.load_hns(DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
# mine.docker("network create -d nat --subnet 10.77.0.0/24 mine")
# mine.docker(f"run -d --name probe --network mine {IIS}")
# ```
#
# </details>

# %% [markdown] lang=ko en=8eb6b3a601de
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# mine = wl.load_hns(DUMPS / "04-nat+l2bridge-networks-v1-GetHnsNetwork-FormatList.txt")
# mine.docker("network create -d nat --subnet 10.77.0.0/24 mine")
# mine.docker(f"run -d --name probe --network mine {IIS}")
# ```
#
# </details>
