# %% [markdown]
# # 03 · The `overlay` driver: two hosts, one swarm, VXLAN between them
#
# **Goal.** Join two Windows hosts in a Docker swarm, create an overlay network that spans
# both, and watch a packet travel between containers on different hosts inside a **VXLAN**
# tunnel (UDP 4789) between the hosts' *provider addresses*.

# %% [markdown] lang=ko en=35ca40a8a9c5
# # 03 · `overlay` 드라이버: 호스트 두 대, swarm 하나, 그 사이의 VXLAN
#
# **목표.** Windows 호스트 두 대를 Docker swarm으로 묶고, 두 호스트에 걸친 오버레이 네트워크를
# 만든 뒤, 서로 다른 호스트의 컨테이너 사이를 오가는 패킷이 호스트들의 *공급자 주소*(provider
# address, PA) 사이의 **VXLAN** 터널(UDP 4789) 안으로 캡슐화(encapsulation)되어 가는 모습을 봅니다.

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

# %% [markdown] lang=ko en=f3092d6c3cbb
# ## 1. 양식
#
# 오버레이 네트워크에는 **서브넷**, **VNI**(VXLAN ID, 0으로 두면 swarm이 4096부터 할당합니다), 그리고
# 네트워크가 걸칠 **swarm의 호스트 수**가 있습니다. 필요하면 양식이 호스트를 추가하고
# `docker swarm init` / `join`을 실행하며, 컨테이너를 호스트들에 고루 나눠 둡니다.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="overlay")
builder

# %% [markdown]
# ## 2. Overlay needs swarm mode

# %% [markdown] lang=ko en=2e3cb232d68e
# ## 2. 오버레이에는 swarm 모드가 필요합니다

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

# %% [markdown] lang=ko en=11ec0f73aac2
# 실제 호스트에서처럼 join 명령을 두 번째 호스트에 복사해 실행합니다. swarm 호스트들 사이에는
# TCP 2377(클러스터 관리), TCP+UDP 7946(가십), UDP 4789(VXLAN)가 열려 있어야 합니다.

# %%
# NBVAL_CHECK_OUTPUT
join = init.output.split("docker swarm join ")[1].splitlines()[0]
lab.docker(f"swarm join {join}", host="host2")

# %% [markdown]
# ## 3. An attachable overlay network and a container on each host
#
# `--attachable` lets standalone containers (`docker run`, not only swarm services) join.
# Swarm's `ingress` network already took VNI 4096, so `appnet` gets the next one.

# %% [markdown] lang=ko en=f34f284cc055
# ## 3. 연결 가능한 오버레이 네트워크와 호스트마다 컨테이너 하나
#
# `--attachable`이 있어야 swarm 서비스뿐 아니라 독립 컨테이너(`docker run`)도 참여할 수 있습니다.
# swarm의 `ingress` 네트워크가 VNI 4096을 이미 가져갔으므로 `appnet`은 그다음 번호를 받습니다.

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

# %% [markdown] lang=ko en=704b7a9483f8
# ## 4. 원격 끝점: host1은 `back`이 어디 있는지 어떻게 아는가
#
# 각 호스트는 다른 호스트의 컨테이너를 HNS **원격 끝점**(`IsRemoteEndpoint : True`)으로 알게 되고,
# 그 끝점의 `PA` 정책이 원격 호스트의 공급자 주소입니다. VFP가 캡슐화하는 데 필요한 것이 바로
# 이것입니다. `front` 자신의 끝점에는 자기 호스트의 PA와 `OutBoundNAT` 정책(Server 2019부터 오버레이
# 컨테이너가 바깥에 닿는 방법)이 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-HnsEndpoint", host="host1")

# %% [markdown]
# ## 5. The packet walk: VXLAN between the hosts
#
# VFP's `VNET_ENCAP_LAYER` wraps the frame in VXLAN: outer source and destination are the
# hosts' addresses, UDP port 4789, and the network's VNI.  host2 decapsulates it.

# %% [markdown] lang=ko en=1a1626de71ca
# ## 5. 패킷 따라가기: 호스트 사이의 VXLAN
#
# VFP의 `VNET_ENCAP_LAYER`가 프레임을 VXLAN으로 감쌉니다. 바깥 헤더의 출발지와 목적지는 두 호스트의
# 주소이고, UDP 포트는 4789, 그리고 네트워크의 VNI가 붙습니다. host2가 캡슐을 풉니다.

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

# %% [markdown] lang=ko en=00f672d48994
# ## 6. 밖으로 나가기: OutboundNAT, 그리고 `ping`이 실패하는 이유
#
# Windows Server 2019부터 오버레이 컨테이너는 VFP **OutboundNAT** 규칙(출발지를 호스트 주소로
# 변환)으로 밖에 나갑니다. 그래서 컨테이너마다 IP가 정확히 하나입니다. VFP는 이 트래픽의 ICMP를
# 변환하지 못하므로 바깥 주소로의 `ping`은 실패합니다. 대신 TCP나 UDP로 확인하세요.

# %%
# NBVAL_CHECK_OUTPUT
for protocol, port in (("icmp", None), ("udp", 53)):
    t = lab.trace("front", "8.8.8.8", port=port, protocol=protocol)
    print(f"{protocol:5} {t.verdict}: {t.reason}")

# %% [markdown]
# Windows Server 2016 did it differently: an overlay container got a **second endpoint on
# the `nat` network** for outbound traffic.

# %% [markdown] lang=ko en=aece118b17a6
# Windows Server 2016은 방식이 달랐습니다. 오버레이 컨테이너가 나가는 트래픽을 위해 **`nat`
# 네트워크에 두 번째 끝점**을 받았습니다.

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

# %% [markdown] lang=ko en=4a12f8386aac
# ## 7. 라우팅 메시를 쓰는 swarm 서비스
#
# `docker service create --publish`는 서비스를 VIP 뒤에 둡니다. HNS는 연결을 복제본들에 나눠 주는
# VFP 부하 분산기(`ELB` 정책 목록)를 프로그래밍합니다.

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

# %% [markdown] lang=ko en=635d9b0b19e2
# ## 연습 문제
#
# 호스트 두 대짜리 새 랩에서: 두 호스트를 한 swarm에 넣고, 연결 가능한 오버레이 네트워크
# `appnet`(10.0.9.0/24)을 만든 뒤, host1에 `front`, host2에 `back`을 실행하고 `front`가 `back:80`에
# 닿게 하세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab(hosts=2)

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("03-overlay", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# token = mine.docker("swarm init --advertise-addr 192.168.0.11").output.split("docker swarm join ")[1].splitlines()[0]
# mine.docker(f"swarm join {token}", host="host2")
# mine.docker("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet")
# mine.docker(f"run -d --name front --network appnet {IIS}")
# mine.docker(f"run -d --name back --network appnet {IIS}", host="host2")
# ```
#
# </details>

# %% [markdown] lang=ko en=b0f977fdb1f6
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# token = mine.docker("swarm init --advertise-addr 192.168.0.11").output.split("docker swarm join ")[1].splitlines()[0]
# mine.docker(f"swarm join {token}", host="host2")
# mine.docker("network create -d overlay --attachable --subnet 10.0.9.0/24 appnet")
# mine.docker(f"run -d --name front --network appnet {IIS}")
# mine.docker(f"run -d --name back --network appnet {IIS}", host="host2")
# ```
#
# </details>
