# %% [markdown]
# # 01 · The `nat` driver: WinNAT, published ports, the firewall
#
# **Goal.** Build `nat` networks, publish container ports, and see what HNS does for each
# step: an internal vSwitch, a WinNAT instance, a static port mapping and a Windows Firewall
# allow rule.
#
# `nat` is the default driver.  Containers get addresses from a private *internal prefix*
# that HNS allocates; WinNAT translates their traffic to the host's address on the way out,
# and **only published ports** come in.

# %% [markdown] lang=ko en=4d42b532d901
# # 01 · `nat` 드라이버: WinNAT, 포트 매핑, 방화벽
#
# **목표.** `nat` 네트워크를 만들고 컨테이너 포트를 게시하면서, 단계마다 HNS가 무엇을 하는지
# 봅니다: 내부 가상 스위치, WinNAT 인스턴스, 정적 포트 매핑, Windows 방화벽 허용 규칙.
#
# `nat`은 기본 드라이버입니다. 컨테이너는 HNS가 할당한 사설 *내부 접두사*에서 주소를 받습니다.
# 나가는 트래픽은 WinNAT이 호스트 주소로 변환하고, 들어오는 트래픽은 **게시한 포트로만** 들어옵니다.

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. Build one with the form
#
# The form offers what `docker network create -d nat` really takes: a name, a subnet and a
# gateway (leave the subnet empty and HNS picks one).  *Containers* and *publish* add
# `docker run` lines: with `8080:80`, the first container gets host port 8080, the second 8081 —
# one host port can only map to one container.

# %% [markdown] lang=ko en=d54bd0dabf15
# ## 1. 양식으로 하나 만들기
#
# 양식에는 `docker network create -d nat`이 실제로 받는 설정만 있습니다: 이름, 서브넷, 게이트웨이
# (서브넷을 비워 두면 HNS가 고릅니다). *컨테이너 수*와 *포트 매핑*은 `docker run` 줄을 덧붙입니다.
# `8080:80`이면 첫 컨테이너가 호스트 포트 8080을, 두 번째가 8081을 받습니다. 호스트 포트 하나는
# 컨테이너 하나에만 매핑될 수 있기 때문입니다.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="nat")
builder

# %% [markdown]
# ## 2. The same with commands
#
# This is the example from Microsoft's documentation (`docker network create -d "nat"
# --subnet "10.244.0.0/24" my_nat`).  Docker prints the new network's 64-hex id.

# %% [markdown] lang=ko en=bd4ab5109008
# ## 2. 같은 일을 명령으로
#
# Microsoft 문서의 예제입니다(`docker network create -d "nat" --subnet "10.244.0.0/24" my_nat`).
# Docker는 새 네트워크의 16진수 64자리 ID를 출력합니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d nat --subnet 10.244.0.0/24 my_nat")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name web --network my_nat -p 8080:80 {IIS}")

# %% [markdown]
# HNS named the new network after Docker's id (the default network is the only one created
# with the name `nat`), so its internal vSwitch shows up in `Get-VMSwitch` under that
# 64-hex name:

# %% [markdown] lang=ko en=840b880fb3d3
# HNS는 새 네트워크에 Docker의 ID를 이름으로 붙였습니다(`nat`이라는 이름으로 만들어지는 것은 기본
# 네트워크뿐입니다). 그래서 내부 가상 스위치도 `Get-VMSwitch`에 그 64자리 이름으로 나옵니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-VMSwitch")

# %% [markdown]
# The default network itself is protected:

# %% [markdown] lang=ko en=b9d441f839aa
# 기본 네트워크 자체는 지울 수 없게 보호되어 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network rm nat")

# %% [markdown]
# ## 3. What `-p 8080:80` became
#
# On a `nat` network a published port is a **WinNAT static mapping** (host port → container
# IP and port) …

# %% [markdown] lang=ko en=c8eb2eacb108
# ## 3. `-p 8080:80`은 무엇이 되었나
#
# `nat` 네트워크에서 게시한 포트는 **WinNAT 정적 매핑**(호스트 포트 → 컨테이너 IP와 포트)이
# 되고 …

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetNatStaticMapping")

# %% [markdown]
# … plus a **Windows Firewall allow rule** for that port (both are removed when the
# container stops). A host has many more rules; the ones HNS made are named `HNS-…` here
# (their real names were never captured, so the lab's are its own):

# %% [markdown] lang=ko en=7fe0b6d36b60
# … 그 포트에 대한 **Windows 방화벽 허용 규칙**도 생깁니다(컨테이너가 멈추면 둘 다 지워집니다).
# 호스트에는 규칙이 훨씬 많습니다. HNS가 만든 규칙은 여기서 `HNS-…`라는 이름을 가집니다(실제 이름은
# 수집된 적이 없으므로, 이 이름은 랩이 붙인 것입니다).

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetFirewallRule -Name HNS-*")

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.port_mappings(lab)

# %%
# NBVAL_CHECK_OUTPUT
# from the host: is the published port open? (localhost works from Windows Server 2019 on)
lab.powershell("Test-NetConnection localhost -Port 8080")

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("curl.exe -s http://localhost:8080")

# %% [markdown]
# ## 4. One host port, one container
#
# WinNAT can map a host port to only one endpoint.  `docker run` is *create + start*: the
# create works, the start fails, and the container stays behind in the *Created* state —
# exactly as `docker ps -a` shows on a real host.

# %% [markdown] lang=ko en=9768dbb40460
# ## 4. 호스트 포트 하나에 컨테이너 하나
#
# WinNAT은 호스트 포트 하나를 끝점 하나에만 매핑할 수 있습니다. `docker run`은 *create + start*
# 이므로, 생성은 성공하고 시작은 실패하며 컨테이너는 *Created* 상태로 남습니다. 실제 호스트에서
# `docker ps -a`가 보여 주는 그대로입니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name web2 --network my_nat -p 8080:80 {IIS}")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker('ps -a --format "table {{.Names}}\t{{.Status}}"')

# %% [markdown]
# Without a host port (`-p 80`), HNS picks one for you; `docker port` reads it back:

# %% [markdown] lang=ko en=95ae4b0e2edf
# 호스트 포트 없이(`-p 80`) 게시하면 HNS가 포트를 골라 주고, `docker port`로 그 값을 읽을 수 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("rm web2")
lab.docker(f"run -d --name api --network my_nat -p 80 {IIS}")
lab.docker("port api")

# %% [markdown]
# ## 5. Addresses, policies and the picture

# %% [markdown] lang=ko en=4f0bd201fd23
# ## 5. 주소, 정책, 그림

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.policies(lab)

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## 6. Names: Docker's embedded DNS
#
# On `nat` (and overlay) networks the endpoint's first DNS server is the network's gateway,
# where Docker's embedded resolver answers with the containers of **the same network**.
# `api` finds `web`; a container on another network is unknown to it.

# %% [markdown] lang=ko en=e5e8b6838105
# ## 6. 이름: Docker의 내장 DNS
#
# `nat`(과 overlay) 네트워크에서는 끝점의 첫 번째 DNS 서버가 네트워크의 게이트웨이이고, 그곳에서
# Docker의 내장 DNS가 **같은 네트워크**의 컨테이너 이름에 답합니다. `api`는 `web`을 찾지만, 다른
# 네트워크의 컨테이너는 알지 못합니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("api", "nslookup web")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name elsewhere {IIS}")
lab.exec("api", "nslookup elsewhere")

# %% [markdown]
# ## 7. Going out: WinNAT rewrites the source
#
# A packet from `web` to the internet leaves through the host's `vEthernet` for `my_nat`, and
# WinNAT rewrites its source to the host's address (the packet walk is tutorial 08):

# %% [markdown] lang=ko en=21b9a6cfbe9c
# ## 7. 밖으로 나가기: WinNAT이 출발지를 바꿉니다
#
# `web`에서 인터넷으로 가는 패킷은 `my_nat`용 호스트 `vEthernet`을 지나 나가고, WinNAT이 출발지
# 주소를 호스트 주소로 바꿉니다(패킷 따라가기는 튜토리얼 08에서 다룹니다).

# %%
# NBVAL_CHECK_OUTPUT
trace = lab.trace("web", "8.8.8.8", port=53, protocol="udp")
print(trace.verdict, "-", trace.reason)

# %% [markdown]
# ## 8. Windows Server 2016: one NAT prefix per host
#
# WinNAT on Windows Server 2016 supports a single internal prefix.  A second `nat` network
# must be a *partition* of it (Windows 10 1703 and Server 2019 lifted that limit):

# %% [markdown] lang=ko en=1d471600f44b
# ## 8. Windows Server 2016: 호스트당 NAT 접두사 하나
#
# Windows Server 2016의 WinNAT은 내부 접두사를 하나만 지원합니다. 두 번째 `nat` 네트워크는 그
# 접두사를 *나눈* 일부여야 합니다(Windows 10 1703과 Server 2019에서 이 제한이 풀렸습니다).

# %%
# NBVAL_CHECK_OUTPUT
old = wl.Lab(windows="ltsc2016")
old.docker("network create -d nat --subnet 10.244.0.0/24 second")

# %%
# NBVAL_CHECK_OUTPUT
old.docker("network create -d nat --subnet=172.16.1.0/24 --gateway=172.16.1.1 CustomNat1")

# %% [markdown]
# ## Exercise
#
# Create a `nat` network `webnet` with the subnet 10.99.0.0/24 and run `web` on it,
# publishing host port 8080 to container port 80.  Work in a fresh lab — in the one above,
# port 8080 is already taken.

# %% [markdown] lang=ko en=da16bda67cb0
# ## 연습 문제
#
# 서브넷 10.99.0.0/24로 `nat` 네트워크 `webnet`을 만들고, 그 위에서 호스트 포트 8080을 컨테이너
# 포트 80에 게시하는 `web`을 실행하세요. 새 랩에서 하세요. 위의 랩에서는 포트 8080이 이미 쓰이고
# 있습니다.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab()

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("01-nat", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# print(mine.docker("network create -d nat --subnet 10.99.0.0/24 webnet"))
# print(mine.docker(f"run -d --name web --network webnet -p 8080:80 {IIS}"))
# ```
#
# </details>

# %% [markdown] lang=ko en=3d570f0be687
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# print(mine.docker("network create -d nat --subnet 10.99.0.0/24 webnet"))
# print(mine.docker(f"run -d --name web --network webnet -p 8080:80 {IIS}"))
# ```
#
# </details>
