# %% [markdown]
# # 00 · Start here: how Windows containers get a network
#
# **Goal.** See the pieces that give a Windows container its network — the vNIC, the Hyper-V
# virtual switch, the Host Networking Service (HNS), WinNAT — on a simulated Windows Server
# 2022 host, using the same `docker` and PowerShell commands as on a real one.
#
# Everything here runs in a *lab*: a deterministic model of one or more Windows container
# hosts.  Same lab, same commands → same output, every time.

# %% [markdown] lang=ko en=1f86dcc80a26
# # 00 · 여기서 시작: Windows 컨테이너는 네트워크를 어떻게 얻는가
#
# **목표.** Windows 컨테이너에 네트워크를 주는 구성 요소들 — 가상 네트워크 어댑터(vNIC),
# Hyper-V 가상 스위치(vSwitch), 호스트 네트워킹 서비스(Host Networking Service, HNS), WinNAT — 를
# 시뮬레이션한 Windows Server 2022 호스트에서, 실제 호스트와 똑같은 `docker`·PowerShell 명령으로
# 살펴봅니다.
#
# 여기서는 모든 것이 *랩(lab)* 안에서 실행됩니다. 랩은 Windows 컨테이너 호스트 한 대 이상을 결정적으로
# 본뜬 모형입니다. 같은 랩에 같은 명령을 주면 언제나 같은 출력이 나옵니다.

# %% [markdown] lang=ko en=none
# ## 이 한국어판에 대해
#
# 설명은 한국어지만 **명령과 그 출력, 오류 메시지는 영어판 Windows가 출력하는 그대로** 둡니다.
# 컨테이너 이미지가 영어판이므로 컨테이너 안의 출력은 실제로도 영어입니다.
# (단순화: 표시 언어가 한국어인 호스트에서는 `ipconfig`의 출력과 HNS 오류 속 Win32 메시지가 한국어로
# 나오지만, 이 랩은 언제나 영어판의 문구를 출력합니다.)
#
# 아래 첫 코드 셀의 `wl.set_language("ko")`는 위젯, 표 제목, 그림, 연습 문제 점검 결과를 한국어로
# 바꿉니다. 표의 열 *제목*만 한국어이고, 코드에서 쓰는 DataFrame 열 이름(`ip_address` 등)은 그대로입니다.
#
# ### 용어
#
# 용어는 Microsoft의 한국어 문서 「Windows 컨테이너 네트워킹」과 「Windows 컨테이너 네트워크 드라이버」를
# 따릅니다. 처음 나올 때는 영어 용어를 괄호 안에 함께 적습니다. Microsoft의 최신 한국어 문서가 다른 말을
# 쓰는 경우 오른쪽 열에 적었습니다. 교재, 위젯, 보고서는 모두 이 표(`wl.i18n.GLOSSARY`)의 말을 씁니다.
#
# | English | 이 교재의 용어 | Microsoft의 최신 한국어 문서에서 다른 표기 |
# |---|---|---|
# | virtual switch (vSwitch) | 가상 스위치 | — |
# | virtual network adapter (vNIC) | 가상 네트워크 어댑터 | — |
# | endpoint | 끝점 | 엔드포인트 |
# | network namespace (compartment) | 네트워크 네임스페이스 | — |
# | Host Networking Service (HNS) | 호스트 네트워킹 서비스 | — |
# | Host Compute Service (HCS) | 호스트 계산 서비스 | 호스트 컴퓨팅 서비스 |
# | Virtual Filtering Platform (VFP) | 가상 필터링 플랫폼 | — |
# | load balancing | 부하 분산 | — |
# | encapsulation | 캡슐화 | — |
# | policy | 정책 | — |
# | isolation | 격리 | — |
# | container host | 컨테이너 호스트 | — |
# | network driver | 네트워크 드라이버 | — |
# | transparent (driver) | 투명 | — |
# | port mapping (publishing a port) | 포트 매핑 | — |
# | subnet | 서브넷 | — |
# | gateway | 게이트웨이 | — |
# | physical network | 물리적 네트워크 | — |
# | external / internal vSwitch | 외부 / 내부 Hyper-V 스위치 | — |
# | MAC address spoofing | MAC 주소 스푸핑 | — |
# | Docker daemon | Docker 디먼 | — |

# %%
# NBVAL_CHECK_OUTPUT
import winnetlab as wl

lab = wl.Lab()          # one host, Windows Server 2022 (windows="ltsc2022"), seed 0
host = lab.host()       # "host1"
lab

# %% [markdown]
# ## 1. The architecture in one picture
#
# Every container gets a **virtual NIC** plugged into a **Hyper-V virtual switch (vSwitch)**,
# much like a VM.  Docker does not build networks itself: its Windows driver asks **HNS**
# (Host Networking Service) for networks and endpoints, and **HCS** (Host Compute Service)
# puts the endpoint into the container when it starts.  HNS then programs **WinNAT** and the
# **Windows Firewall** (for `nat` networks) or **VFP**, the filtering extension inside the
# vSwitch (for all other drivers).

# %% [markdown] lang=ko en=4a965214d9f2
# ## 1. 그림 한 장으로 보는 구조
#
# 컨테이너마다 **가상 네트워크 어댑터**(vNIC)가 하나씩 생기고, VM처럼 **Hyper-V 가상 스위치**에
# 꽂힙니다. Docker는 네트워크를 직접 만들지 않습니다. Docker의 Windows 드라이버가 **HNS**에
# 네트워크와 끝점(endpoint)을 요청하고, 컨테이너가 시작될 때 **HCS**(호스트 계산 서비스, Host Compute
# Service)가 그 끝점을 컨테이너에 넣습니다. 그다음 HNS가 `nat` 네트워크라면 **WinNAT**과
# **Windows 방화벽**을, 그 밖의 드라이버라면 가상 스위치 안의 필터링 확장인 **VFP**(가상 필터링 플랫폼,
# Virtual Filtering Platform)를 프로그래밍합니다.

# %%
wl.plot.stack()

# %% [markdown]
# ## 2. What a fresh host has: `nat` and `none`
#
# The Docker CLI is the same as on Linux.  But there is **no `bridge` and no `host`
# network** on Windows: the first start of Docker creates a network called `nat` (driver
# `nat`), and `none` always exists.

# %% [markdown] lang=ko en=35f366500c21
# ## 2. 갓 설치한 호스트에 있는 것: `nat`과 `none`
#
# Docker CLI는 Linux와 같습니다. 하지만 Windows에는 **`bridge` 네트워크도 `host` 네트워크도
# 없습니다.** Docker가 처음 시작될 때 `nat`이라는 네트워크(드라이버 `nat`)를 만들고, `none`은 항상
# 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network ls")

# %% [markdown]
# The `nat` network sits on an **internal** vSwitch — one that is not bound to any physical
# adapter.  The host reaches it through its own vNIC, `vEthernet (nat)`, which holds the
# gateway address.

# %% [markdown] lang=ko en=f7d0342ae708
# `nat` 네트워크는 **내부** 가상 스위치, 즉 어떤 물리적 어댑터에도 연결되지 않은 스위치 위에 있습니다.
# 호스트는 자기 vNIC인 `vEthernet (nat)`을 통해 이 스위치에 닿고, 이 vNIC가 게이트웨이 주소를
# 가집니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-VMSwitch")

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetAdapter")

# %% [markdown]
# ## 3. The default prefix
#
# Microsoft documents the default internal prefix as **172.16.0.0/16** (gateway 172.16.0.1),
# and that is what this lab uses by default.  WinNAT translates everything from that prefix
# to the host's own address:

# %% [markdown] lang=ko en=2ebb44a565c8
# ## 3. 기본 접두사
#
# Microsoft 문서는 기본 내부 접두사를 **172.16.0.0/16**(게이트웨이 172.16.0.1)으로 설명하며, 이
# 랩도 기본으로 그 값을 씁니다. WinNAT은 이 접두사에서 나가는 모든 트래픽을 호스트 자신의 주소로
# 변환합니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetNat")

# %% [markdown]
# On real hosts since Windows Server 2016 RTM, Docker actually sends `0.0.0.0/0` and **HNS
# picks** a free /20 inside 172.16.0.0/12 that does not overlap the host's addresses (and it
# may pick another one after a reboot).  `nat_prefix="auto"` shows that behaviour:

# %% [markdown] lang=ko en=8371e88968d0
# 실제 호스트에서는 Windows Server 2016 RTM 이후로 Docker가 `0.0.0.0/0`을 보내고, **HNS가**
# 172.16.0.0/12 안에서 호스트 주소와 겹치지 않는 빈 /20을 **고릅니다**(재부팅 후에는 다른 것을 고를
# 수도 있습니다). `nat_prefix="auto"`로 그 동작을 볼 수 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
auto = wl.Lab(nat_prefix="auto")
[(str(s.prefix), str(s.gateway)) for s in auto.host().network("nat").subnets]

# %% [markdown]
# ## 4. Run a container — same syntax as on Linux
#
# `docker run` attaches the container to `nat` when no `--network` is given.  Behind the
# scenes HNS created an **endpoint** (the vNIC with its IP and MAC from the network's pools)
# and a network **namespace** (compartment) for the container.

# %% [markdown] lang=ko en=2b93831e6ec0
# ## 4. 컨테이너 실행 — 문법은 Linux와 같습니다
#
# `--network`를 주지 않으면 `docker run`은 컨테이너를 `nat`에 연결합니다. 그 뒤에서 HNS는
# **끝점**(네트워크의 풀에서 받은 IP와 MAC을 가진 vNIC)과 컨테이너의 **네트워크 네임스페이스**(network
# namespace, Windows에서는 compartment)를 만들었습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("run -d --name web -p 8080:80 mcr.microsoft.com/windows/servercore/iis")

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %% [markdown]
# Inside the container, Linux habits meet Windows: there is no `ifconfig`, `ip` or
# `/etc/resolv.conf` — DNS servers and routes are per-adapter settings in the container's
# registry.  `ipconfig` and `route print` are the tools.  `docker exec` starts the program
# directly (HCS *CreateProcess*), so a program the image does not have fails with exit code
# 126; under `cmd /c` the same word gets cmd.exe's "is not recognized" (exit 9009).

# %% [markdown] lang=ko en=cd617bdd6938
# 컨테이너 안에서는 Linux 습관이 Windows와 만납니다. `ifconfig`도 `ip`도 `/etc/resolv.conf`도
# 없습니다. DNS 서버와 경로는 컨테이너 레지스트리 안의 어댑터별 설정입니다. 도구는 `ipconfig`와
# `route print`입니다. `docker exec`은 프로그램을 직접 시작하므로(HCS *CreateProcess*), 이미지에
# 없는 프로그램은 종료 코드 126으로 실패합니다. `cmd /c` 아래에서는 같은 단어에 cmd.exe의
# "is not recognized"(종료 코드 9009)가 나옵니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("web", "ifconfig")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("web", "cmd /c ifconfig")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("web", "ipconfig /all")

# %%
# NBVAL_CHECK_OUTPUT
# docker stop ends the container: HNS deletes its endpoint with the WinNAT mapping and the
# firewall rule, and the compartment goes too (see docker ps -a: Exited (3221225786))
lab.docker("stop web")
lab.docker("ps -a")

# %%
# NBVAL_CHECK_OUTPUT
lab.powershell("Get-NetNatStaticMapping")  # nothing left for port 8080

# %%
# NBVAL_CHECK_OUTPUT
# docker start creates a new endpoint; HNS hands out another address (rancher/rancher#10567)
lab.docker("start web")
wl.tables.addresses(lab)

# %% [markdown]
# ## 5. The topology
#
# The physical adapter `Ethernet` connects the host to the LAN; the internal vSwitch `nat`
# connects the containers' vNICs and the host's `vEthernet (nat)`; WinNAT sits between them.

# %% [markdown] lang=ko en=6aacccfe7cd5
# ## 5. 토폴로지
#
# 물리적 어댑터 `Ethernet`이 호스트를 LAN에 연결합니다. 내부 가상 스위치 `nat`은 컨테이너들의 vNIC와
# 호스트의 `vEthernet (nat)`을 잇고, 그 사이에 WinNAT이 있습니다.

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## 6. Build networks with a form
#
# Every tutorial has this builder.  Pick a driver, fill in its settings, press **Create**:
# it runs the same `docker` commands you would type (see the *Commands* tab) and redraws the
# picture and the tables.  A mistake shows the daemon's own message and changes nothing.

# %% [markdown] lang=ko en=96da420e090b
# ## 6. 양식으로 네트워크 만들기
#
# 모든 튜토리얼에 이 빌더가 있습니다. 드라이버를 고르고 설정을 채운 뒤 **만들기**를 누르면, 여러분이
# 직접 입력했을 `docker` 명령을 그대로 실행하고(**명령** 탭에서 볼 수 있습니다) 그림과 표를 다시
# 그립니다. 잘못된 값을 넣으면 디먼이 내는 메시지를 그대로 보여 주고 아무것도 바꾸지 않습니다.

# %%
builder = wl.widgets.NetworkBuilder(lab)
builder

# %% [markdown]
# ## The tutorials
#
# | notebook | what you learn |
# |---|---|
# | `01-nat` | the default driver: WinNAT, published ports, the firewall rule |
# | `02-transparent` | containers directly on the LAN; external vSwitches; MAC spoofing |
# | `03-overlay` | two hosts in a swarm, VXLAN between them |
# | `04-l2bridge` | MAC rewrite, OutboundNAT and its exceptions |
# | `05-l2tunnel` | everything hair-pinned to the physical host (Azure / SDN) |
# | `06-hns-under-the-hood` | what HNS and HCS do, and the HNS JSON |
# | `07-unsupported-features` | what Docker on Windows refuses or ignores, and why |
# | `08-packet-walk` | follow one packet hop by hop |
# | `09-real-host-dumps` | load `Get-HnsNetwork` output from a real machine |
# | `10-troubleshooting` | failures users reported, reproduced, diagnosed and fixed |
#
# ## Exercise
#
# Run a container named `hello` on the default `nat` network, then find its address.
# The check below says what is still missing:

# %% [markdown] lang=ko en=9ccc45330d44
# ## 튜토리얼 목록
#
# | 노트북 | 배우는 것 |
# |---|---|
# | `01-nat` | 기본 드라이버: WinNAT, 포트 매핑, 방화벽 규칙 |
# | `02-transparent` | 컨테이너를 LAN에 바로 연결하기, 외부 가상 스위치, MAC 주소 스푸핑 |
# | `03-overlay` | swarm으로 묶은 호스트 두 대, 그 사이의 VXLAN |
# | `04-l2bridge` | MAC 주소 재작성, OutboundNAT과 그 예외 |
# | `05-l2tunnel` | 모든 트래픽을 물리적 호스트로 되돌려 보내기(Azure / SDN) |
# | `06-hns-under-the-hood` | HNS와 HCS가 하는 일, 그리고 HNS JSON |
# | `07-unsupported-features` | Windows의 Docker가 거부하거나 무시하는 것과 그 이유 |
# | `08-packet-walk` | 패킷 하나를 홉마다 따라가기 |
# | `09-real-host-dumps` | 실제 컴퓨터의 `Get-HnsNetwork` 출력 불러오기 |
# | `10-troubleshooting` | 사용자가 보고한 장애를 재현하고, 진단하고, 고치기 |
#
# ## 연습 문제
#
# 기본 `nat` 네트워크에서 `hello`라는 컨테이너를 실행하고 그 주소를 찾아보세요.
# 아래 점검 셀이 아직 남은 일을 알려 줍니다.

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("00-start-here", lab)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# lab.docker("run -d --name hello mcr.microsoft.com/windows/servercore/iis")
# ```
#
# </details>

# %% [markdown] lang=ko en=38895f020cac
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# lab.docker("run -d --name hello mcr.microsoft.com/windows/servercore/iis")
# ```
#
# </details>
