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

# %% [markdown] lang=ko en=68e8f75537ed
# # 06 · HNS 들여다보기: 네트워크, 끝점, 정책을 만들 때 일어나는 일
#
# **목표.** Docker가 **호스트 네트워킹 서비스(HNS)**와 **호스트 계산 서비스(HCS)**에 무엇을 요청하고,
# 두 서비스가 가상 스위치, WinNAT, 방화벽, 컨테이너의 네트워크 네임스페이스(compartment)에 무엇을
# 하는지 단계별로 봅니다. 그다음 HNS 객체를 JSON으로 읽습니다. 실제 호스트에서
# `Get-HnsNetwork | ConvertTo-Json`이 출력하는 것과 같은 JSON입니다.
#
# | 단계 | HNS / HCS가 하는 일 |
# |---|---|
# | 네트워크 생성 | HNS가 가상 스위치를 만들거나(재사용하거나) NAT과 IP·MAC 풀을 만듭니다 |
# | 끝점 생성 | HNS가 네트워크 네임스페이스(compartment)를 만들고, HCS가 그 안에 vNIC를 넣고, HNS가 가상 스위치 포트를 만들어 IP, DNS, 경로를 할당합니다 |
# | 정책 생성 | `nat`: WinNAT 포트 매핑과 Windows 방화벽 허용 규칙, 그 밖의 드라이버: VFP 규칙 |

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# The management stack, with the path of `docker run -p` highlighted:

# %% [markdown] lang=ko en=36dc6fe81e2f
# 관리 스택입니다. `docker run -p`가 지나가는 경로를 강조했습니다.

# %%
wl.plot.stack(highlight="docker run -p")

# %% [markdown]
# ## 1. Docker starts: reconcile with HNS, create `nat`
#
# Every host event is recorded (`lab.host().events`, or as a table):

# %% [markdown] lang=ko en=dd2e8661ba53
# ## 1. Docker 시작: HNS와 상태를 맞추고 `nat`을 만듭니다
#
# 호스트의 이벤트는 모두 기록됩니다(`lab.host().events`, 또는 표로).

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.events(lab)

# %% [markdown]
# ## 2. Network creation
#
# HNS names a network after Docker's 64-hex id unless
# `com.docker.network.windowsshim.networkname` says otherwise — and a nat network's internal
# vSwitch is named after the HNS network.

# %% [markdown] lang=ko en=c5e49d5cf25e
# ## 2. 네트워크 생성
#
# `com.docker.network.windowsshim.networkname`으로 따로 정하지 않으면 HNS는 네트워크에 Docker의
# 64자리 16진수 ID를 이름으로 붙입니다. 그리고 nat 네트워크의 내부 가상 스위치는 HNS 네트워크의
# 이름을 따릅니다.

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
# *(The builder below is the same form as in the other tutorials: try a driver and watch the
# events table grow in `wl.tables.events(lab)`.)*

# %% [markdown] lang=ko en=f6cb82fb5bc3
# *(아래의 빌더는 다른 튜토리얼의 양식과 같습니다. 드라이버를 하나 골라 만들어 보고
# `wl.tables.events(lab)`의 이벤트 표가 늘어나는 것을 지켜보세요.)*

# %%
builder

# %% [markdown]
# ## 3. Endpoint and policy creation: one `docker run -p`
#
# Namespace first, then the compute system, the endpoint (IP and MAC from the pools — here
# a MAC we chose, which HNS writes with dashes), the vSwitch port, the IP configuration, and
# finally the policies: a WinNAT static mapping and its firewall rule.

# %% [markdown] lang=ko en=4e67ac76cc12
# ## 3. 끝점과 정책 생성: `docker run -p` 한 번
#
# 먼저 네트워크 네임스페이스, 그다음 컴퓨트 시스템, 끝점(풀에서 받은 IP와 MAC — 여기서는 우리가
# 정한 MAC이고, HNS는 이를 대시로 구분해 씁니다), 가상 스위치 포트, IP 구성, 마지막으로 정책:
# WinNAT 정적 매핑과 그 방화벽 규칙입니다.

# %%
# NBVAL_CHECK_OUTPUT
seen = len(lab.host().events)
lab.docker(f"run -d --name probe --network labnat -p 8080:80 --mac-address 00:15:5d:aa:bb:cc {IIS}")
wl.tables.events(lab).iloc[seen:]

# %% [markdown]
# The compartment is a real object on the host (`Get-NetCompartment`); the container's vNIC
# lives in it, away from the host's default compartment 1:

# %% [markdown] lang=ko en=e0e6d169c2ab
# 네트워크 네임스페이스(compartment)는 호스트의 실제 객체입니다(`Get-NetCompartment`). 컨테이너의
# vNIC는 그 안에 있어서, 호스트의 기본 compartment 1과 떨어져 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetCompartment")

# %% [markdown]
# ## 4. The HNS JSON
#
# `Get-HnsNetwork` prints PowerShell's list view.  `ConvertTo-Json` gives the JSON — but
# Windows PowerShell stops at **depth 2** unless told otherwise, turning deeper objects into
# strings like `@{Type=VLAN; VLAN=1}` (two networks make an array, which is one level more):

# %% [markdown] lang=ko en=7c298f742889
# ## 4. HNS JSON
#
# `Get-HnsNetwork`는 PowerShell의 목록 보기로 출력합니다. `ConvertTo-Json`을 쓰면 JSON이 나오지만,
# Windows PowerShell은 따로 지정하지 않으면 **깊이 2**에서 멈추고 그보다 깊은 객체를
# `@{Type=VLAN; VLAN=1}` 같은 문자열로 바꿉니다(네트워크가 둘이면 배열이 되어 한 단계가 더 깊어집니다).

# %%
# NBVAL_CHECK_OUTPUT
# the first network in full; click the grey line under it for the rest
wl.fold(lab.powershell("Get-HnsNetwork | ConvertTo-Json"), first=37)

# %%
# NBVAL_CHECK_OUTPUT
wl.fold(lab.powershell("Get-HnsNetwork | ConvertTo-Json -Depth 4"), first=48)

# %% [markdown]
# The endpoint, with its `NAT` policy (the published port) and its namespace:

# %% [markdown] lang=ko en=5fe0220781dc
# `NAT` 정책(게시한 포트)과 네트워크 네임스페이스를 가진 끝점입니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-HnsEndpoint | ConvertTo-Json -Depth 4")

# %% [markdown]
# Docker keeps only a thin record of its own and points at HNS through the
# `com.docker.network.windowsshim.hnsid` option: HNS is the source of truth.

# %% [markdown] lang=ko en=ad18c02cf008
# Docker는 자기 쪽에는 얇은 기록만 두고 `com.docker.network.windowsshim.hnsid` 옵션으로 HNS를
# 가리킵니다. 진짜 상태는 HNS에 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network inspect labnat")

# %% [markdown]
# ## 5. Tearing down
#
# Removing the container deletes the endpoint and its policies; removing the network deletes
# the vSwitch and the WinNAT instance that HNS created for it.

# %% [markdown] lang=ko en=9ee82dbea8d4
# ## 5. 지우기
#
# 컨테이너를 지우면 끝점과 그 정책이 지워지고, 네트워크를 지우면 HNS가 그 네트워크를 위해 만든 가상
# 스위치와 WinNAT 인스턴스가 지워집니다.

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

# %% [markdown] lang=ko en=5abf747b731d
# ## 연습 문제
#
# 새 랩에서: HNS 이름이 (64자리 ID가 아니라) `labnat`인 nat 네트워크를 만들고, 그 위에 MAC 주소
# 00-15-5D-AA-BB-CC로 `probe`를 실행하세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab()

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("06-hns-under-the-hood", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# mine.docker("network create -d nat --subnet 10.20.0.0/24 "
#             "-o com.docker.network.windowsshim.networkname=labnat labnat")
# mine.docker(f"run -d --name probe --network labnat --mac-address 00:15:5d:aa:bb:cc {IIS}")
# ```
#
# </details>

# %% [markdown] lang=ko en=7e931cd72d06
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# mine.docker("network create -d nat --subnet 10.20.0.0/24 "
#             "-o com.docker.network.windowsshim.networkname=labnat labnat")
# mine.docker(f"run -d --name probe --network labnat --mac-address 00:15:5d:aa:bb:cc {IIS}")
# ```
#
# </details>
