# %% [markdown]
# # 08 · The packet walk: follow one packet hop by hop
#
# **Goal.** Send a packet through the lab and read every step it takes — route table, vNIC,
# vSwitch, VFP layers, WinNAT, the firewall, the LAN — and the one rule that delivers or
# drops it.  Then compare the five drivers side by side.

# %% [markdown] lang=ko en=c691e0398049
# # 08 · 패킷 따라가기: 패킷 하나를 홉마다 따라가기
#
# **목표.** 랩에 패킷을 보내고, 그 패킷이 거치는 모든 단계 — 라우팅 테이블, vNIC, 가상 스위치, VFP
# 계층, WinNAT, 방화벽, LAN — 와 패킷을 전달하거나 버리게 만든 규칙 하나를 읽습니다. 그다음 다섯
# 드라이버를 나란히 비교합니다.

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

# %% [markdown] lang=ko en=9c2b23b3ca04
# ## 1. host2의 컨테이너에서 host1의 게시된 포트로
#
# `client`(host2의 nat)가 host1 주소의 포트 8080으로 TCP 연결을 엽니다. host2에서는 WinNAT이
# 출발지를 host2의 주소로 바꾸고, host1에서는 WinNAT의 정적 매핑이 목적지를 `web`으로 바꾸며, HNS가
# 만든 방화벽 규칙이 들여보냅니다.

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("client", "192.168.0.11", port=8080)
walk

# %%
wl.plot.trace(walk, lab)

# %% [markdown]
# The hops are also a DataFrame, with every header field at every step:

# %% [markdown] lang=ko en=5c1d57b28d26
# 홉은 DataFrame으로도 볼 수 있고, 단계마다 모든 헤더 필드가 들어 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
walk.to_frame()[["host", "component", "action", "src_ip", "src_port", "dst_ip", "dst_port"]]

# %% [markdown]
# The same question on an overlay network: no WinNAT on the way, but VFP layers in the
# vSwitch — the endpoint ACLs, then VXLAN encapsulation to the other host's provider
# address, decapsulation there.

# %% [markdown] lang=ko en=5da8f93f37fe
# 오버레이 네트워크에서 같은 질문을 하면: 가는 길에 WinNAT은 없고 가상 스위치 안의 VFP 계층이
# 있습니다 — 끝점 ACL, 그다음 다른 호스트의 공급자 주소로 가는 VXLAN 캡슐화, 그리고 그곳에서의
# 캡슐 해제입니다.

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

# %% [markdown] lang=ko en=cec7bfd4491c
# ## 2. 버려지는 패킷과 그 뒤의 규칙(또는 없는 규칙)
#
# nat 주소는 호스트마다 사설 주소입니다. 두 호스트가 모두 172.16.0.2를 나눠 주었으므로 `client`는
# 컨테이너 주소로 `web`에 닿을 수 없습니다. 또한 NAT 호스트 자신에서는 호스트의 주소로 게시된 포트에
# 닿을 수 없습니다. WinNAT의 알려진 제한입니다. `localhost`(Server 2019 이상)나 컨테이너 주소를
# 쓰세요.

# %%
# NBVAL_CHECK_OUTPUT
for src, dst, port in [("client", "web", 80), ("host1", "192.168.0.11", 8080),
                       ("host1", "localhost", 8080), ("db", "192.168.0.11", 8080)]:
    t = lab.trace(src, dst, port=port)
    print(f"{src:>6} -> {dst}:{port}  {t.verdict}: {t.reason}")

# %% [markdown]
# On Windows Server 2016 even `localhost` does not reach a published port:

# %% [markdown] lang=ko en=287581af10b0
# Windows Server 2016에서는 `localhost`로도 게시된 포트에 닿지 않습니다.

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

# %% [markdown] lang=ko en=0c901f6b4596
# ### ACL 정책도 판정합니다
#
# VFP 드라이버에서는 끝점에 ACL 정책을 붙일 수 있습니다(Kubernetes 네트워크 정책이 바로 이것이
# 됩니다). `RuleType Switch` 규칙은 VFP의 `ACL_ENDPOINT_LAYER`에, `Host` 규칙은 Windows 필터링
# 플랫폼에 있습니다. 일치하는 규칙 가운데 우선순위 번호가 가장 낮은 것이 이깁니다. `back`으로 들어가는
# TCP를 모두 막되, 포트 443은 더 높은 우선순위로 허용해 봅니다.

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
# `Test-NetConnection -Port` (a PowerShell cmdlet, so it runs under `powershell`) and `ping`
# inside a container are answered by the same walk:

# %% [markdown] lang=ko en=4055a7729590
# ## 3. 컨테이너 안에서 본 같은 따라가기
#
# 컨테이너 안의 `Test-NetConnection -Port`(PowerShell cmdlet이므로 `powershell` 아래에서 실행합니다)와
# `ping`도 같은 따라가기로 답을 얻습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("client", "powershell Test-NetConnection 192.168.0.11 -Port 8080")

# %% [markdown]
# ## 4. Who can reach whom
#
# `lab.reachability()` walks every pair (TCP port 80 by default; the hosts' own published
# ports count):

# %% [markdown] lang=ko en=75a661ada2c9
# ## 4. 누가 누구에게 닿는가
#
# `lab.reachability()`는 모든 쌍을 따라가 봅니다(기본은 TCP 포트 80, 호스트 자신의 게시된 포트도
# 셉니다).

# %%
# NBVAL_CHECK_OUTPUT
lab.reachability()

# %% [markdown]
# ## 5. Explore
#
# Pick a source, a destination, a protocol and a port:

# %% [markdown] lang=ko en=8295eb23f6fc
# ## 5. 직접 탐색하기
#
# 출발지, 목적지, 프로토콜, 포트를 고르세요.

# %%
explorer = wl.widgets.TraceExplorer(lab)
explorer

# %% [markdown]
# Add networks with the builder and walk them in the explorer (press *Reload names* there):

# %% [markdown] lang=ko en=be625ea6d4e7
# 빌더로 네트워크를 추가하고 탐색기에서 따라가 보세요(탐색기의 **이름 다시 읽기**를 누르세요).

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="l2bridge")
builder

# %% [markdown]
# ## 6. Five drivers, side by side
#
# The same two containers, the first publishing 8080:80, built on each driver.  Highlighted
# cells differ from the baseline you pick: the vSwitch, the addresses, what `-p` became, the
# MAC a switch on the LAN sees, and what is reachable.

# %% [markdown] lang=ko en=075142992bd8
# ## 6. 다섯 드라이버를 나란히
#
# 같은 두 컨테이너를, 첫 번째가 8080:80을 게시하도록 드라이버마다 만들었습니다. 강조된 칸은 여러분이
# 고른 기준과 다른 값입니다: 가상 스위치, 주소, `-p`가 무엇이 되었는지, LAN의 스위치가 보는 MAC, 그리고
# 무엇에 닿는지.

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

# %% [markdown] lang=ko en=3f30441ea278
# ## 연습 문제
#
# 호스트 두 대짜리 새 랩에서: host1의 기본 nat 네트워크에 8080:80을 게시하는 `web`을, host2에
# `client`를 실행한 뒤 `client`가 host1:8080에 닿게 하세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab(hosts=2)

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("08-packet-walk", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# mine.docker(f"run -d --name web -p 8080:80 {IIS}")
# mine.docker(f"run -d --name client {IIS}", host="host2")
# ```
#
# </details>

# %% [markdown] lang=ko en=2d9d4f39924a
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# mine.docker(f"run -d --name web -p 8080:80 {IIS}")
# mine.docker(f"run -d --name client {IIS}", host="host2")
# ```
#
# </details>
