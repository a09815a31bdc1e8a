# %% [markdown]
# # 04 · The `l2bridge` driver: MAC rewrite, OutboundNAT and its exceptions
#
# **Goal.** Build `l2bridge` networks (the driver Kubernetes' win-bridge CNI uses), see VFP
# rewrite the source MAC to the host's, find out why the containers cannot reach the
# internet by default, and fix it with **OutboundNAT** and its exception list.

# %% [markdown] lang=ko en=a75892a9c6c3
# # 04 · `l2bridge` 드라이버: MAC 재작성, OutboundNAT과 그 예외
#
# **목표.** `l2bridge` 네트워크(Kubernetes의 win-bridge CNI가 쓰는 드라이버)를 만들고, VFP가 출발지
# MAC을 호스트의 MAC으로 바꾸는 것을 보고, 컨테이너가 기본 상태에서 인터넷에 닿지 못하는 이유를
# 찾은 뒤 **OutboundNAT**과 그 예외 목록으로 고칩니다.

# %%
import winnetlab as wl

lab = wl.Lab(hosts=2)
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# l2bridge takes a subnet and gateway, whether to add an **OutboundNAT** policy (SNAT to the
# host's address for traffic leaving the subnet), the destinations **excepted** from that
# NAT, and an optional **VLAN**.

# %% [markdown] lang=ko en=42097651929a
# ## 1. 양식
#
# l2bridge는 서브넷과 게이트웨이, **OutboundNAT** 정책(서브넷 밖으로 나가는 트래픽을 호스트 주소로
# SNAT)을 추가할지, 그 NAT에서 **제외할** 목적지, 그리고 선택적인 **VLAN**을 받습니다.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="l2bridge")
builder

# %% [markdown]
# ## 2. An l2bridge network on each host
#
# Like Kubernetes nodes with host-gw routing: each host gets its own pod subnet, and the
# lab routes each subnet to its host.

# %% [markdown] lang=ko en=e73af459ae09
# ## 2. 호스트마다 l2bridge 네트워크 하나
#
# host-gw 라우팅을 쓰는 Kubernetes 노드처럼, 호스트마다 자기 파드 서브넷을 받고 랩이 각 서브넷을
# 그 호스트로 라우팅합니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2bridge --subnet 10.244.1.0/24 --gateway 10.244.1.1 podnet")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name pod1 --network podnet -p 8080:80 {IIS}")

# %% [markdown]
# ## 3. No way out without OutboundNAT
#
# By default an l2bridge endpoint has **no** OutboundNAT policy: its packets leave with the
# container's own address, which nothing outside can answer.

# %% [markdown] lang=ko en=081bd2831a6b
# ## 3. OutboundNAT 없이는 나갈 길이 없습니다
#
# 기본 상태의 l2bridge 끝점에는 OutboundNAT 정책이 **없습니다**. 패킷이 컨테이너 자신의 주소를 달고
# 나가는데, 바깥의 누구도 그 주소로 답할 수 없습니다.

# %%
# NBVAL_CHECK_OUTPUT
print(lab.trace("pod1", "8.8.8.8", port=53, protocol="udp").reason)

# %% [markdown]
# On host2 we add it, with an exception for the pod network 10.244.0.0/16 — pod-to-pod
# traffic must keep its source address:

# %% [markdown] lang=ko en=89a5cedfff8b
# host2에는 파드 네트워크 10.244.0.0/16을 예외로 두고 정책을 추가합니다. 파드 사이의 트래픽은
# 출발지 주소를 그대로 유지해야 하기 때문입니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2bridge --subnet 10.244.2.0/24 --gateway 10.244.2.1 "
           "-o com.docker.network.windowsshim.enable_outboundnat=true "
           "-o com.docker.network.windowsshim.outboundnat_exceptions=10.244.0.0/16 podnet",
           host="host2")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name pod2 --network podnet {IIS}", host="host2")
lab.powershell("Get-HnsEndpoint | Select-Object -ExpandProperty Policies", host="host2")

# %%
# NBVAL_CHECK_OUTPUT
print(lab.trace("pod2", "8.8.8.8", port=53, protocol="udp").reason)

# %% [markdown]
# ## 4. MAC rewrite on the wire
#
# Follow pod2 → pod1 across hosts.  VFP's `VNET_MAC_REWRITE_LAYER` replaces the container's
# source MAC with **host2's MAC** on the way out; on host1 the destination MAC is turned back
# into pod1's.  The IP addresses are untouched (the exception kept pod2's source IP), and
# the LAN switch never sees a container MAC — so a VM host needs no MAC spoofing.

# %% [markdown] lang=ko en=2649c3b43b43
# ## 4. 회선 위의 MAC 재작성
#
# 호스트를 건너는 pod2 → pod1을 따라가 봅니다. 나갈 때 VFP의 `VNET_MAC_REWRITE_LAYER`가 컨테이너의
# 출발지 MAC을 **host2의 MAC**으로 바꾸고, host1에서는 목적지 MAC이 다시 pod1의 것으로 돌아옵니다.
# IP 주소는 그대로이고(예외 덕분에 pod2의 출발지 IP가 유지됩니다), LAN 스위치는 컨테이너 MAC을 한
# 번도 보지 않습니다. 그래서 호스트가 VM이어도 MAC 주소 스푸핑이 필요 없습니다.

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("pod2", "pod1", port=80)
walk.to_frame()[["host", "action", "src_ip", "dst_ip", "src_mac", "dst_mac"]]

# %% [markdown]
# ## 5. Published ports are VFP NAT rules
#
# On l2bridge, `-p 8080:80` is not a WinNAT mapping: Docker allocates the host port and HNS
# programs a NAT rule into the endpoint's VFP port (`vfpctrl` shows the layers and rules).

# %% [markdown] lang=ko en=b583e23de39b
# ## 5. 게시한 포트는 VFP NAT 규칙입니다
#
# l2bridge에서 `-p 8080:80`은 WinNAT 매핑이 아닙니다. Docker가 호스트 포트를 할당하고, HNS가 끝점의
# VFP 포트에 NAT 규칙을 프로그래밍합니다(`vfpctrl`로 계층과 규칙을 볼 수 있습니다).

# %%
# NBVAL_CHECK_OUTPUT
pod1 = lab.host("host1").endpoints_of("pod1")[0]
lab.powershell(f"vfpctrl /port {pod1.id} /list-rule", host="host1")

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.policies(lab)

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## 6. A VLAN
#
# `-o com.docker.network.windowsshim.vlanid=7` adds a `VLAN` policy: the endpoints' vSwitch
# ports are in access mode on VLAN 7 (the physical NIC must be a trunk port).

# %% [markdown] lang=ko en=7f4bc25be432
# ## 6. VLAN
#
# `-o com.docker.network.windowsshim.vlanid=7`은 `VLAN` 정책을 추가합니다. 끝점들의 가상 스위치
# 포트가 VLAN 7의 액세스 모드가 됩니다(물리적 NIC는 트렁크 포트여야 합니다).

# %%
# NBVAL_CHECK_OUTPUT
vlan_lab = wl.Lab()
vlan_lab.docker("network create -d l2bridge --subnet 10.5.0.0/24 --gateway 10.5.0.1 "
                "-o com.docker.network.windowsshim.vlanid=7 vlan7")
wl.tables.policies(vlan_lab)

# %% [markdown]
# ## Exercise
#
# In a fresh lab: create the l2bridge network `podnet` (10.244.5.0/24, gateway 10.244.5.1)
# with OutboundNAT except for 10.0.0.0/8, run `pod1` on it, and let pod1 query
# 8.8.8.8:53/udp.

# %% [markdown] lang=ko en=6f5cc5f6268d
# ## 연습 문제
#
# 새 랩에서: 10.0.0.0/8을 예외로 둔 OutboundNAT을 켜고 l2bridge 네트워크 `podnet`(10.244.5.0/24,
# 게이트웨이 10.244.5.1)을 만든 뒤, 그 위에 `pod1`을 실행하고 pod1이 8.8.8.8:53/udp에 질의할 수 있게
# 하세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab()

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("04-l2bridge", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# mine.docker("network create -d l2bridge --subnet 10.244.5.0/24 --gateway 10.244.5.1 "
#             "-o com.docker.network.windowsshim.enable_outboundnat=true "
#             "-o com.docker.network.windowsshim.outboundnat_exceptions=10.0.0.0/8 podnet")
# mine.docker(f"run -d --name pod1 --network podnet {IIS}")
# ```
#
# </details>

# %% [markdown] lang=ko en=422a2a4ae4c9
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# mine.docker("network create -d l2bridge --subnet 10.244.5.0/24 --gateway 10.244.5.1 "
#             "-o com.docker.network.windowsshim.enable_outboundnat=true "
#             "-o com.docker.network.windowsshim.outboundnat_exceptions=10.0.0.0/8 podnet")
# mine.docker(f"run -d --name pod1 --network podnet {IIS}")
# ```
#
# </details>
