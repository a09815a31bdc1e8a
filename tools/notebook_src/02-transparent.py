# %% [markdown]
# # 02 · The `transparent` driver: containers directly on the LAN
#
# **Goal.** Put containers straight onto the physical network through an **external**
# vSwitch, with static addresses or with DHCP from the LAN, and see the consequences: every
# container MAC appears on the wire, a VM host needs MAC spoofing, and each external vSwitch
# needs its own physical adapter.
#
# The lab's LAN is 192.168.0.0/24 with a router at 192.168.0.1 that also hands out DHCP
# leases; `host1` is 192.168.0.11.

# %% [markdown] lang=ko en=17dabfd6f352
# # 02 · `transparent`(투명) 드라이버: 컨테이너를 LAN에 바로
#
# **목표.** **외부** 가상 스위치를 통해 컨테이너를 물리적 네트워크에 바로 올립니다. 정적 주소로도,
# LAN의 DHCP로도 해 보고 그 결과를 확인합니다. 컨테이너마다 MAC이 회선에 나타나고, 호스트가 VM이면
# MAC 주소 스푸핑이 필요하며, 외부 가상 스위치마다 물리적 어댑터가 하나씩 있어야 합니다.
#
# 랩의 LAN은 192.168.0.0/24이고 192.168.0.1의 라우터가 DHCP 임대도 나눠 줍니다. `host1`은
# 192.168.0.11입니다.

# %%
import winnetlab as wl

lab = wl.Lab()
host = lab.host()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# A transparent network takes a physical **adapter** to bind its external vSwitch to, either
# **DHCP** from the LAN or a static subnet and gateway (the LAN's own), and optionally a
# **VLAN** id (the vSwitch port is put in access mode on it; the physical NIC must be a trunk).

# %% [markdown] lang=ko en=9b1f6ad9e1bd
# ## 1. 양식
#
# 투명 네트워크는 외부 가상 스위치를 연결할 물리적 **어댑터**, LAN의 **DHCP** 또는 정적
# 서브넷과 게이트웨이(LAN의 것), 그리고 선택적으로 **VLAN** ID를 받습니다(가상 스위치 포트가 그
# VLAN의 액세스 모드가 되며, 물리적 NIC는 트렁크여야 합니다).

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="transparent")
builder

# %% [markdown]
# ## 2. External vSwitches made outside Docker show up as `transparent` networks
#
# An external vSwitch created with Hyper-V's own cmdlet while Docker is running is unknown
# to Docker until HNS and Docker restart; then Docker adopts it as a `transparent` network
# named after the switch.

# %% [markdown] lang=ko en=5ae90ba4980f
# ## 2. Docker 밖에서 만든 외부 가상 스위치는 `transparent` 네트워크로 나타납니다
#
# Docker가 실행 중일 때 Hyper-V 자체 cmdlet으로 만든 외부 가상 스위치는 HNS와 Docker가 다시
# 시작될 때까지 Docker가 알지 못합니다. 다시 시작하면 Docker가 그 스위치를 스위치 이름의
# `transparent` 네트워크로 받아들입니다.

# %%
# NBVAL_CHECK_OUTPUT
oob = wl.Lab()
oob.powershell("New-VMSwitch -Name CORP -NetAdapterName Ethernet")

# %%
# NBVAL_CHECK_OUTPUT
oob.docker("network ls")

# %%
# NBVAL_CHECK_OUTPUT
oob.powershell("Restart-Service docker")
oob.docker("network ls")

# %% [markdown]
# ## 3. Static addresses from the LAN's prefix
#
# The container gets an address of the LAN itself (`--ip`), so no port publishing is needed:
# other machines reach it directly.

# %% [markdown] lang=ko en=6656709194ee
# ## 3. LAN 접두사의 정적 주소
#
# 컨테이너가 LAN 자체의 주소를 받으므로(`--ip`) 포트를 게시할 필요가 없습니다. 다른 컴퓨터가
# 컨테이너에 바로 닿습니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("printer", "ipconfig")

# %% [markdown]
# There is no service discovery on transparent networks: the container's DNS server is the
# LAN's, which has never heard of other containers' names.

# %% [markdown] lang=ko en=17f637195505
# 투명 네트워크에는 서비스 검색이 없습니다. 컨테이너의 DNS 서버는 LAN의 DNS 서버이고, 그 서버는
# 다른 컨테이너의 이름을 모릅니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name scanner --network lan --ip 192.168.0.51 {IIS}")
lab.exec("scanner", "nslookup printer")

# %% [markdown]
# ## 4. One external vSwitch per adapter
#
# `Ethernet` now carries the external vSwitch of `lan`.  Another external-switch network of
# a different kind needs another adapter:

# %% [markdown] lang=ko en=8cdefbbdd85d
# ## 4. 어댑터 하나에 외부 가상 스위치 하나
#
# 이제 `Ethernet`에는 `lan`의 외부 가상 스위치가 연결되어 있습니다. 다른 종류의 외부 스위치
# 네트워크를 만들려면 다른 어댑터가 필요합니다.

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2bridge --subnet 10.1.0.0/24 --gateway 10.1.0.1 l2b")

# %% [markdown]
# With a second NIC, `-o com.docker.network.windowsshim.interface` picks it.  This network
# uses **DHCP**: Docker knows no address at all — `docker network inspect` shows
# `0.0.0.0/0` and an empty `IPv4Address` — while the container got a lease from the LAN's
# DHCP server, as `ipconfig` inside it shows.

# %% [markdown] lang=ko en=f9839ee73bd9
# NIC가 하나 더 있으면 `-o com.docker.network.windowsshim.interface`로 그것을 고릅니다. 이 네트워크는
# **DHCP**를 씁니다. Docker는 주소를 전혀 모릅니다 — `docker network inspect`에는 `0.0.0.0/0`과 빈
# `IPv4Address`가 나옵니다 — 하지만 컨테이너 안의 `ipconfig`가 보여 주듯 컨테이너는 LAN의 DHCP
# 서버에서 주소를 임대받았습니다.

# %%
# NBVAL_CHECK_OUTPUT
host.add_adapter("Ethernet 2")
lab.docker('network create -d transparent -o com.docker.network.windowsshim.interface="Ethernet 2" TransparentNet2')

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name dhcpbox --network TransparentNet2 {IIS}")
lab.docker("network inspect TransparentNet2")

# %%
# NBVAL_CHECK_OUTPUT
lab.exec("dhcpbox", "ipconfig")

# %% [markdown]
# ## 5. The container's own MAC on the wire
#
# Frames leave with the **container's MAC** (`00-15-5D-…`), so the upstream switch learns
# every container.  Follow a DNS query from `printer` and look at the source MAC on the LAN:

# %% [markdown] lang=ko en=82386330c3c3
# ## 5. 회선 위의 컨테이너 자신의 MAC
#
# 프레임은 **컨테이너의 MAC**(`00-15-5D-…`)을 달고 나가므로, 상위 스위치가 컨테이너 하나하나를
# 학습합니다. `printer`의 DNS 질의를 따라가서 LAN 위의 출발지 MAC을 보세요.

# %%
# NBVAL_CHECK_OUTPUT
trace = lab.trace("printer", "8.8.8.8", port=53, protocol="udp")
trace.to_frame().query("host == 'LAN'")[["component", "action", "src_ip", "src_mac", "dst_mac"]]

# %% [markdown]
# If the container host is itself a **Hyper-V VM**, the Hyper-V host below it drops frames
# whose source MAC is not the VM's own — unless **MAC address spoofing** is enabled for the
# VM's network adapter (`Set-VMNetworkAdapter -MacAddressSpoofing On` on the Hyper-V host).
# On **Azure** VMs MAC spoofing is impossible, so transparent networking is not supported
# there at all.

# %% [markdown] lang=ko en=be82009c6c3b
# 컨테이너 호스트가 **Hyper-V VM**이면, 그 아래의 Hyper-V 호스트는 출발지 MAC이 VM 자신의 것이 아닌
# 프레임을 버립니다. VM 네트워크 어댑터에 **MAC 주소 스푸핑**을 켜야 합니다(Hyper-V 호스트에서
# `Set-VMNetworkAdapter -MacAddressSpoofing On`). **Azure** VM에서는 MAC 주소 스푸핑이 불가능하므로
# 투명 네트워킹을 아예 지원하지 않습니다.

# %%
# NBVAL_CHECK_OUTPUT
host.configure(is_vm=True)
print(lab.trace("printer", "8.8.8.8", port=53, protocol="udp").reason)

# %%
# NBVAL_CHECK_OUTPUT
host.configure(mac_spoofing=True)
print(lab.trace("printer", "8.8.8.8", port=53, protocol="udp").verdict)

# %% [markdown]
# ## 6. Tables and picture

# %% [markdown] lang=ko en=f4ca02aaa77d
# ## 6. 표와 그림

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.vswitches(lab)

# %%
wl.plot.topology(lab)

# %% [markdown]
# ## Exercise
#
# In a fresh lab whose host is a Hyper-V VM: create the transparent network `lan` with the
# static subnet 192.168.0.0/24 (gateway 192.168.0.1), run `printer` at 192.168.0.50, and
# make sure its frames are not dropped.

# %% [markdown] lang=ko en=a5af899faab3
# ## 연습 문제
#
# 호스트가 Hyper-V VM인 새 랩에서: 정적 서브넷 192.168.0.0/24(게이트웨이 192.168.0.1)로 투명
# 네트워크 `lan`을 만들고, 192.168.0.50에 `printer`를 실행한 뒤, 그 프레임이 버려지지 않게 하세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab()
mine.host().configure(is_vm=True);

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("02-transparent", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# mine.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
# mine.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")
# mine.host().configure(mac_spoofing=True)
# ```
#
# </details>

# %% [markdown] lang=ko en=4980c1ace31d
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# mine.docker("network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 lan")
# mine.docker(f"run -d --name printer --network lan --ip 192.168.0.50 {IIS}")
# mine.host().configure(mac_spoofing=True)
# ```
#
# </details>
