# %% [markdown]
# # 10 · Troubleshooting: failures real users reported, reproduced and fixed
#
# **Goal.** Work through broken labs built from public bug reports and Microsoft's docs:
# see the symptom the user saw, run the commands an operator would run, find the root cause,
# fix it the way the real fix works, and let `s.check()` confirm it.
#
# Each scenario is `s = wl.scenarios.load(name)`: `s.story` (what the user saw, with its
# sources), `s.symptom()` (the failing command or packet walk), `s.hint(1)` … `s.hint(3)`
# (where to look, which command shows it, the cause), `s.check()` and `s.solution`.  The
# checks look at the lab itself; they fail if a running container lost its endpoint on the
# way.  The same labs open at a prompt with `winnetlab shell --scenario NAME`.

# %% [markdown] lang=ko en=3c242f6476ce
# # 10 · 문제 해결: 실제 사용자가 보고한 장애를 재현하고 고치기
#
# **목표.** 공개된 버그 보고와 Microsoft 문서로 만든 고장 난 랩을 차례로 풀어 봅니다. 사용자가 본
# 증상을 보고, 운영자가 실행할 명령을 실행하고, 근본 원인을 찾고, 실제 해결책과 같은 방법으로
# 고친 뒤 `s.check()`로 확인합니다.
#
# 시나리오는 `s = wl.scenarios.load(name)`입니다: `s.story`(출처와 함께 사용자가 본 것),
# `s.symptom()`(실패하는 명령이나 패킷 추적), `s.hint(1)` … `s.hint(3)`(어디를 볼지, 어떤 명령이
# 보여 주는지, 원인), `s.check()`, `s.solution`. 검사는 랩 자체를 보며, 실행 중인 컨테이너가
# 도중에 끝점을 잃으면 실패합니다. 같은 랩을 `winnetlab shell --scenario NAME`으로 프롬프트에서도
# 열 수 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
import winnetlab as wl

wl.scenarios.list()

# %% [markdown]
# ## 1. `docker run -p 1433:1433` fails: something holds the port
#
# Symptom: the container stays *Created*; the daemon's error ends in `(0x20)`.

# %% [markdown] lang=ko en=fd907e9aa148
# ## 1. `docker run -p 1433:1433` 실패: 무언가가 포트를 쥐고 있음
#
# 증상: 컨테이너는 *Created* 상태로 남고, 데몬 오류는 `(0x20)`으로 끝납니다.

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("sql-port-taken")
print(s.story)

# %%
# NBVAL_CHECK_OUTPUT
s.symptom()

# %% [markdown]
# The failing step is WinNAT's static mapping.  Who holds 1433 on the host?  The host's
# listening sockets (what `netstat -ano` lists) are part of the lab (`host.listen`):

# %% [markdown] lang=ko en=e26bd5bd88df
# 실패하는 단계는 WinNAT의 정적 매핑입니다. 호스트에서 1433을 쥔 것은 누구일까요? 호스트에서
# 대기 중인 소켓(`netstat -ano`가 보여 주는 것)도 랩의 일부입니다(`host.listen`):

# %%
# NBVAL_CHECK_OUTPUT
for sock in s.lab.host().listeners.values():
    print(f"{sock.protocol.upper():5} {sock.address}:{sock.port:<6} LISTENING {sock.pid:>6}  {sock.process}")

# %% [markdown]
# Root cause: `sqlservr.exe` on the host listens on `0.0.0.0:1433`; one host port has one
# owner.  Fix: stop the host's instance (or publish another host port), then start the
# container.

# %% [markdown] lang=ko en=1db9e7b1e98b
# 근본 원인: 호스트의 `sqlservr.exe`가 `0.0.0.0:1433`에서 대기합니다. 호스트 포트 하나에는 주인이
# 하나뿐입니다. 해결: 호스트의 인스턴스를 멈추고(또는 다른 호스트 포트를 게시하고) 컨테이너를
# 시작합니다.

# %%
# NBVAL_CHECK_OUTPUT
s.lab.powershell("Stop-Service MSSQLSERVER")
s.lab.docker("start mssql")
s.check()

# %% [markdown]
# ## 2. `docker swarm join` times out
#
# The second node waits and gives up.  The join's first step is a TCP connection to the
# manager's port 2377 — walk it:

# %% [markdown] lang=ko en=7a7a4fde044e
# ## 2. `docker swarm join` 시간 초과
#
# 두 번째 노드가 기다리다 포기합니다. 가입의 첫 단계는 관리자의 2377 포트로 가는 TCP 연결입니다.
# 그 길을 따라가 봅니다:

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("swarm-join-2377-blocked")
s.symptom()

# %%
# NBVAL_CHECK_OUTPUT
s.lab.trace("host2", "host1:2377")

# %% [markdown]
# Which inbound rules does the manager have for the swarm ports?  `Get-NetFirewallRule` does
# not show ports; pipe the rules to `Get-NetFirewallPortFilter`:

# %% [markdown] lang=ko en=e1fbde10cd60
# 관리자에게 스웜 포트용 인바운드 규칙이 있을까요? `Get-NetFirewallRule`은 포트를 보여 주지 않으니
# 규칙을 `Get-NetFirewallPortFilter`로 넘깁니다:

# %%
# NBVAL_CHECK_OUTPUT
s.lab.powershell("Get-NetFirewallRule -DisplayName 'Docker swarm*' | Format-Table Name,DisplayName,Enabled")

# %%
# NBVAL_CHECK_OUTPUT
s.lab.powershell("Get-NetFirewallRule -DisplayName 'Docker swarm*' | Get-NetFirewallPortFilter | Format-Table Protocol,LocalPort")

# %% [markdown]
# Root cause: no rule admits 2377/tcp on host1, and the default inbound action is Block.
# Fix: open the port (turning the firewall off would also "work", and the check refuses it).

# %% [markdown] lang=ko en=0750ca9cddc0
# 근본 원인: host1에는 2377/tcp를 받아들이는 규칙이 없고, 기본 인바운드 동작은 차단입니다.
# 해결: 포트를 엽니다(방화벽을 꺼도 "되긴" 하지만 검사가 받아들이지 않습니다).

# %%
# NBVAL_CHECK_OUTPUT
from winnetlab.fronts.docker_format import swarm_token

rule = s.lab.powershell(
    "New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP -LocalPort 2377 -Action Allow"
)
s.lab.docker(f"swarm join --token {swarm_token(s.lab)} 192.168.0.11:2377", host="host2")

# %%
# NBVAL_CHECK_OUTPUT
s.check()

# %% [markdown]
# ## 3. After patching, a container cannot start: a stale HNS endpoint
#
# The host was rebooted for updates without stopping the containers.

# %% [markdown] lang=ko en=d906d59da8d2
# ## 3. 패치 뒤 컨테이너가 시작되지 않음: 남아 있는 HNS 끝점
#
# 컨테이너를 멈추지 않은 채 업데이트 때문에 호스트가 다시 시작되었습니다.

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("stale-endpoint-after-patching")
s.symptom()

# %% [markdown]
# Ask HNS which endpoints it has, next to what Docker runs.  One endpoint holds
# 192.168.0.50 and no container owns it:

# %% [markdown] lang=ko en=eea9e965a53d
# Docker가 실행하는 것과 나란히 HNS가 가진 끝점을 물어봅니다. 한 끝점이 192.168.0.50을 쥐고
# 있는데, 그 주인인 컨테이너가 없습니다:

# %%
# NBVAL_CHECK_OUTPUT
s.lab.docker("ps -a --format '{{.Names}} {{.Status}}'")

# %%
# NBVAL_CHECK_OUTPUT
s.lab.powershell("Get-HnsEndpoint | Format-Table ID,VirtualNetworkName,IPAddress,State")

# %% [markdown]
# Remove exactly that endpoint — `Get-HnsEndpoint | Remove-HnsEndpoint` would also cut off
# `helper`, which is running — then start the container:

# %% [markdown] lang=ko en=02568705d6d4
# 정확히 그 끝점만 지웁니다. `Get-HnsEndpoint | Remove-HnsEndpoint`는 실행 중인 `helper`까지
# 끊어 버립니다. 그다음 컨테이너를 시작합니다:

# %%
# NBVAL_CHECK_OUTPUT
s.lab.powershell("Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint")
s.lab.docker("start my-container")
s.check()

# %% [markdown]
# ## 4. Someone removed the `nat` vSwitch

# %% [markdown] lang=ko en=de8ad3fd2bad
# ## 4. 누군가 `nat` vSwitch를 지웠음

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("nat-vswitch-removed")
s.symptom()

# %% [markdown]
# HNS still has the network, Hyper-V no longer has its switch.  HNS recreates the switches of
# its networks when it starts, and Docker then reattaches the running containers:

# %% [markdown] lang=ko en=95c62fd7c511
# HNS에는 네트워크가 아직 있지만 Hyper-V에는 그 스위치가 없습니다. HNS는 시작할 때 자기 네트워크의
# 스위치를 다시 만들고, 이어서 Docker가 실행 중인 컨테이너를 다시 붙입니다:

# %%
# NBVAL_CHECK_OUTPUT
s.lab.powershell("Restart-Service hns")
s.lab.powershell("Restart-Service docker")
s.lab.powershell("Get-VMSwitch")

# %%
# NBVAL_CHECK_OUTPUT
s.check()

# %% [markdown]
# ## 5. Windows Server 2016: `localhost:8080` does not answer on the host
#
# The fix here is an address, so the check takes one: `s.check("<ip>:<port>")`.

# %% [markdown] lang=ko en=7e55898e672e
# ## 5. Windows Server 2016: 호스트에서 `localhost:8080`이 대답하지 않음
#
# 여기서 해결책은 주소이므로 검사에 주소를 넘깁니다: `s.check("<ip>:<port>")`.

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("localhost-2016")
s.symptom()

# %%
# NBVAL_CHECK_OUTPUT
ip = s.lab.docker("inspect -f '{{.NetworkSettings.Networks.nat.IPAddress}}' web").output
ip

# %%
# NBVAL_CHECK_OUTPUT
s.check(f"{ip}:80")

# %% [markdown]
# ## 6. l2bridge pods reach the internet but not the LAN
#
# The request arrives; the answer is lost.  `t.reply` walks the answer back:

# %% [markdown] lang=ko en=5a824b0623d5
# ## 6. l2bridge 파드가 인터넷에는 닿지만 LAN에는 닿지 않음
#
# 요청은 도착하지만 응답이 사라집니다. `t.reply`가 응답이 돌아가는 길을 따라갑니다:

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("pods-cannot-reach-lan")
t = s.symptom()
(t.verdict, t.reply.verdict, t.reply.reason)

# %% [markdown]
# Root cause: host2 is in the OutBoundNAT ExceptionList, so it sees the pod's own address
# and answers through its default gateway, which has no route to 10.244.1.0/24.  Fix: give
# the LAN router that route (or take the LAN out of the ExceptionList):

# %% [markdown] lang=ko en=73b0470b3f09
# 근본 원인: host2가 OutBoundNAT ExceptionList에 들어 있어서 파드 자신의 주소를 보게 되고, 기본
# 게이트웨이로 응답하는데 그 라우터에는 10.244.1.0/24로 가는 경로가 없습니다. 해결: LAN 라우터에
# 그 경로를 줍니다(또는 LAN을 ExceptionList에서 뺍니다):

# %%
# NBVAL_CHECK_OUTPUT
s.lab.add_route("10.244.1.0/24", via="host1")
s.check()

# %% [markdown]
# ## Exercises
#
# The other scenarios are yours.  Load one, read its story, reproduce the symptom, use the
# hints only when stuck, fix it and run `s.check()`; `s.solution` has the answer.

# %% [markdown] lang=ko en=276176a447ae
# ## 연습 문제
#
# 나머지 시나리오는 여러분 몫입니다. 하나를 불러 이야기를 읽고, 증상을 재현하고, 막힐 때만 힌트를
# 보고, 고친 뒤 `s.check()`를 실행하세요. 답은 `s.solution`에 있습니다.

# %%
# NBVAL_CHECK_OUTPUT
done = {
    "sql-port-taken",
    "swarm-join-2377-blocked",
    "stale-endpoint-after-patching",
    "nat-vswitch-removed",
    "localhost-2016",
    "pods-cannot-reach-lan",
}
print("\n".join(f"{n:32} {wl.scenarios.load(n).title}" for n in wl.scenarios.names() if n not in done))

# %% [markdown]
# **Exercise.** Fix `overlay-4789-blocked`: api on host1 cannot reach db on host2.  Find
# the drop with `lab.trace`, then fix it on the right host without turning the firewall off.
# (A solution is folded below the check.)

# %% [markdown] lang=ko en=bd0c88d05478
# **연습 문제.** `overlay-4789-blocked`를 고치세요. host1의 api가 host2의 db에 닿지 못합니다.
# `lab.trace`로 버려지는 곳을 찾고, 방화벽을 끄지 말고 알맞은 호스트에서 고치세요. (풀이는 검사
# 아래에 접혀 있습니다.)

# %%
# NBVAL_CHECK_OUTPUT
s = wl.scenarios.load("overlay-4789-blocked")
lab = s.lab
print(s.story)

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("10-troubleshooting", lab)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# lab.powershell("Get-NetFirewallRule -Action Block | Format-Table Name,DisplayName,Enabled", host="host2")
# lab.powershell("Remove-NetFirewallRule -DisplayName 'Block VXLAN (security baseline)'", host="host2")
# ```
#
# </details>

# %% [markdown] lang=ko en=b0c41b51c066
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# lab.powershell("Get-NetFirewallRule -Action Block | Format-Table Name,DisplayName,Enabled", host="host2")
# lab.powershell("Remove-NetFirewallRule -DisplayName 'Block VXLAN (security baseline)'", host="host2")
# ```
#
# </details>
