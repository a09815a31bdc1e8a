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

# %% [markdown] lang=ko en=c86d168f7754
# # 07 · Windows의 Docker가 지원하지 않는 것 — 그리고 그때 하는 말
#
# **목표.** Windows의 Docker에 없는 네트워킹 기능과 옵션을 모두 만나 보고, 디먼이 무엇이라고 답하는지
# (그 문구 그대로) 본 뒤, 이유를 이해합니다. 어떤 옵션은 오류와 함께 **거부**되고, 어떤 옵션은
# **받아들여지지만 아무 효과가 없습니다**. 뒤의 것이 가장 헷갈립니다. 실제 디먼은 그에 대해 아무것도
# 출력하지 않고, 랩의 출력도 마찬가지입니다. 랩은 출력 아래에 `hint:`를 덧붙입니다(Jupyter에서는
# 별도의 상자로 보이고, `wl.Lab(hints=False)`로 끌 수 있습니다). 그 줄은 시뮬레이터의 것이지,
# Windows가 출력하는 것이 아닙니다.
#
# Microsoft는 다음 기능을 지원하지 않는다고 밝힙니다: `nat`과 `overlay`의 IPv6, 컨테이너 트래픽
# 암호화(IPsec), 컨테이너용 HTTP 프록시, 실행 중인 Hyper-V 격리 컨테이너에 끝점 추가(hot-add),
# Azure에서의 투명 드라이버, 호스트 네트워킹.

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The whole list
#
# The lab keeps the list as data — each option, the Windows versions concerned, what the
# daemon does and its message:

# %% [markdown] lang=ko en=e80eedc1e6a7
# ## 1. 전체 목록
#
# 랩은 이 목록을 데이터로 가지고 있습니다. 옵션마다 해당하는 Windows 버전, 디먼의 동작, 그 메시지가
# 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
# the first rows; click the grey line under the table for the rest
wl.fold(wl.tables.unsupported(), first=8)

# %% [markdown]
# ## 2. Try it in the form
#
# The builder hands your values to the daemon unchanged: put `fd00::/64` into *subnet* and
# press Create to see the refusal — nothing is created.

# %% [markdown] lang=ko en=938db9fc6567
# ## 2. 양식으로 해 보기
#
# 빌더는 여러분이 넣은 값을 디먼에 그대로 넘깁니다. *서브넷*에 `fd00::/64`를 넣고 **만들기**를 눌러
# 거부되는 것을 보세요. 아무것도 만들어지지 않습니다.

# %%
builder = wl.widgets.NetworkBuilder(lab)
builder

# %% [markdown]
# ## 3. `docker run` options

# %% [markdown] lang=ko en=423919fbd080
# ## 3. `docker run` 옵션

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

# %% [markdown] lang=ko en=421fb438b97e
# Windows에는 `host` 네트워크가 아예 없습니다(`bridge`도 없습니다): `network host not found`. 포트
# 바인딩은 모든 주소에 대한 TCP 또는 UDP 호스트 포트 하나여야 합니다. `--dns-option`은 조용히
# 버려집니다. 컨테이너는 실행되지만 DNS 옵션은 컨테이너에 닿지 않고, 아무도 그 사실을 알려 주지
# 않습니다. `--ip6`은 컨테이너가 시작될 때에야 거부됩니다. IPv6 서브넷을 가진 Windows 네트워크가
# 없으므로 디먼의 끝점 검사가 `invalid endpoint settings`라고 답합니다(시작에 실패한 컨테이너가
# 늘 그렇듯, 컨테이너는 Created 상태로 남습니다).

# %% [markdown]
# ## 4. `docker network create` options

# %% [markdown] lang=ko en=b20a231c6b8f
# ## 4. `docker network create` 옵션

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

# %% [markdown] lang=ko en=752716f1f0b8
# 이유: Windows에서는 **주소 관리를 HNS가 합니다**. Docker의 `windows` IPAM 드라이버는 서브넷과
# 게이트웨이만 전달하는 통로일 뿐입니다. 그래서 하위 범위와 IPv6 풀은 거부되고, 보조 주소와 IPAM
# 옵션은 어디에도 전달되지 않으며, `--internal`은 기록만 될 뿐 Windows 드라이버는 네트워크를 격리하지
# 않습니다.

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

# %% [markdown] lang=ko en=f180156c08f3
# ## 5. 드라이버별 IPv6
#
# | 드라이버 | Windows의 IPv6 |
# |---|---|
# | nat | 없음 |
# | overlay | 없음 |
# | transparent | Server 2022부터: 자체 할당 주소만(HNS IPv6 IPAM, 부하 분산, ACL 없음) |
# | l2bridge | Server 2022부터: IPv6 스택 지원 |
# | l2tunnel | 문서에 없음 |
#
# Docker를 거치면 모든 드라이버가 IPv6 풀을 거부합니다. `windows` IPAM 드라이버가 거부하기 때문입니다.

# %%
# NBVAL_CHECK_OUTPUT
for driver in ("nat", "transparent", "l2bridge", "l2tunnel"):
    print(f"{driver:12}", lab.docker(f"network create -d {driver} --ipv6 v6{driver}").output.splitlines()[0])

# %% [markdown]
# ## 6. Encrypted overlay traffic (IPsec)
#
# `-o encrypted` is accepted on overlay networks, but the Windows overlay driver has no
# encryption: the VXLAN traffic between hosts stays in clear text.

# %% [markdown] lang=ko en=0defb0d10430
# ## 6. 오버레이 트래픽 암호화(IPsec)
#
# 오버레이 네트워크에서 `-o encrypted`는 받아들여지지만, Windows 오버레이 드라이버에는 암호화
# 기능이 없습니다. 호스트 사이의 VXLAN 트래픽은 평문 그대로입니다.

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

# %% [markdown] lang=ko en=4210dbd666b6
# ## 7. Hyper-V 격리 컨테이너에 끝점 추가하기(hot-add)
#
# 프로세스 격리 컨테이너는 실행 중에도 다른 네트워크에 참여할 수 있습니다(Server 1709 이상).
# Microsoft는 *실행 중인 Hyper-V 격리* 컨테이너에 끝점을 추가하는 것을 지원하지 않는다고 밝힙니다.
# HCS가 변경을 거부하므로, 컨테이너를 멈추고 연결한 뒤 다시 시작하세요.

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

# %% [markdown] lang=ko en=4e94a7905b69
# Windows Server 2016은 프로세스 격리에서도 이것을 할 수 없었습니다.

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

# %% [markdown] lang=ko en=20b6ad4e1717
# ## 8. 컨테이너용 HTTP 프록시 없음, Azure에서 투명 드라이버 없음
#
# * **HTTP 프록시**: Windows의 Docker에는 컨테이너에 HTTP 프록시를 주는 옵션이 없습니다(HNS에는
#   내부 `PROXY` 정책 유형이 있지만 Docker는 그것을 설정하지 않습니다). 대신 컨테이너 이미지 안에서
#   프록시를 구성하세요.
# * **Azure의 투명 드라이버**: 투명 네트워크의 프레임은 컨테이너 자신의 MAC을 달고 나가므로 VM NIC에
#   MAC 주소 스푸핑이 필요한데, Azure는 MAC 주소 스푸핑을 허용하지 않습니다. 결과는 튜토리얼 02에서
#   스푸핑 없는 VM으로 본 것과 같습니다: 프레임이 버려집니다.

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

# %% [markdown] lang=ko en=cffc5abbb011
# ## 연습 문제
#
# `--internal`이 Windows에서 아무것도 격리하지 않는다는 것을 보이세요. 새 랩에서 `--internal`로 nat
# 네트워크 `quiet`을 만들고, 그 위에 `q1`을 실행한 뒤, `q1`이 여전히 8.8.8.8:53/udp에 닿게 하세요.
# `--ipv6`도 해 보고, 그것이 네트워크를 남기지 않았는지 확인하세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab()

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("07-unsupported-features", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# print(mine.docker("network create -d nat --internal --subnet 10.30.0.0/24 quiet"))
# print(mine.docker(f"run -d --name q1 --network quiet {IIS}"))
# print(mine.docker("network create -d nat --ipv6 --subnet fd00::/64 v6net"))
# ```
#
# </details>

# %% [markdown] lang=ko en=903d51497ae8
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# print(mine.docker("network create -d nat --internal --subnet 10.30.0.0/24 quiet"))
# print(mine.docker(f"run -d --name q1 --network quiet {IIS}"))
# print(mine.docker("network create -d nat --ipv6 --subnet fd00::/64 v6net"))
# ```
#
# </details>
