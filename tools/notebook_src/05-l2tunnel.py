# %% [markdown]
# # 05 · The `l2tunnel` driver: every packet goes to the physical host
#
# **Goal.** See what makes `l2tunnel` different from `l2bridge`: it is created the same way,
# but **all** container traffic — even between two containers on the same host and subnet —
# is hair-pinned to the *physical* Hyper-V host's vSwitch, where the Microsoft SDN stack
# (Azure, Azure Stack, SDN Network Controller) applies its policy.  It exists only for those
# cloud stacks.

# %% [markdown] lang=ko en=1954917f367e
# # 05 · `l2tunnel` 드라이버: 모든 패킷이 물리적 호스트로
#
# **목표.** `l2tunnel`이 `l2bridge`와 무엇이 다른지 봅니다. 만드는 방법은 같지만, 컨테이너의
# **모든** 트래픽 — 같은 호스트, 같은 서브넷의 두 컨테이너 사이의 트래픽까지 — 이 *물리적* Hyper-V
# 호스트의 가상 스위치로 되돌아갔다 옵니다. 그곳에서 Microsoft SDN 스택(Azure, Azure Stack, SDN
# 네트워크 컨트롤러)이 정책을 적용합니다. 이 드라이버는 그런 클라우드 스택을 위해서만 있습니다.

# %%
import winnetlab as wl

lab = wl.Lab()
IIS = "mcr.microsoft.com/windows/servercore/iis"

# %% [markdown]
# ## 1. The form
#
# l2tunnel takes a subnet, a gateway and the **VSID** (virtual subnet id) of the tenant
# network in the SDN stack.

# %% [markdown] lang=ko en=92245f4c42c7
# ## 1. 양식
#
# l2tunnel은 서브넷, 게이트웨이, 그리고 SDN 스택 속 테넌트 네트워크의 **VSID**(가상 서브넷 ID)를
# 받습니다.

# %%
builder = wl.widgets.NetworkBuilder(lab, driver="l2tunnel")
builder

# %% [markdown]
# ## 2. Create it like l2bridge, with a VSID

# %% [markdown] lang=ko en=1fb7480625cd
# ## 2. l2bridge처럼 만들되 VSID를 줍니다

# %%
# NBVAL_CHECK_OUTPUT
lab.docker("network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
           "-o com.docker.network.windowsshim.vsid=5001 tenant")

# %%
# NBVAL_CHECK_OUTPUT
lab.docker(f"run -d --name t1 --network tenant {IIS}")
lab.docker(f"run -d --name t2 --network tenant {IIS}")
lab.powershell("Get-HnsNetwork")

# %% [markdown]
# ## 3. Same host, same subnet — and still a trip to the physical host
#
# With l2bridge, t1 → t2 would be bridged inside the vSwitch.  With l2tunnel the frame goes
# up to the physical host (`physical-host` in the walk) and comes back:

# %% [markdown] lang=ko en=3c6a84a90041
# ## 3. 같은 호스트, 같은 서브넷인데도 물리적 호스트를 다녀옵니다
#
# l2bridge라면 t1 → t2는 가상 스위치 안에서 바로 전달됩니다. l2tunnel에서는 프레임이 물리적
# 호스트(따라가기의 `physical-host`)까지 올라갔다가 돌아옵니다.

# %%
# NBVAL_CHECK_OUTPUT
walk = lab.trace("t1", "t2", port=80)
walk.to_frame()[["host", "component", "action", "src_mac", "dst_mac"]]

# %%
wl.plot.trace(walk, lab)

# %% [markdown]
# ## 4. The outside is reached through the cloud's gateway
#
# External traffic must go through the Azure virtual network gateway, which this lab does
# not model: the container's address leaves the host untranslated and nothing outside can
# answer it.

# %% [markdown] lang=ko en=6d0e79f7c727
# ## 4. 바깥에는 클라우드의 게이트웨이를 거쳐 닿습니다
#
# 외부 트래픽은 Azure 가상 네트워크 게이트웨이를 거쳐야 하는데, 이 랩은 그것을 본뜨지 않습니다.
# 컨테이너 주소가 변환되지 않은 채 호스트를 떠나고, 바깥의 누구도 그 주소로 답할 수 없습니다.

# %%
# NBVAL_CHECK_OUTPUT
print(lab.trace("t1", "8.8.8.8", port=53, protocol="udp").reason)

# %%
# NBVAL_CHECK_OUTPUT
wl.tables.addresses(lab)

# %% [markdown]
# ## Exercise
#
# In a fresh lab: create the l2tunnel network `tenant` (10.50.0.0/24, gateway 10.50.0.1,
# VSID 5001), run `t1` and `t2` on it, and show that even t1 → t2 goes through the physical
# host.

# %% [markdown] lang=ko en=57ccd1d0ce12
# ## 연습 문제
#
# 새 랩에서: l2tunnel 네트워크 `tenant`(10.50.0.0/24, 게이트웨이 10.50.0.1, VSID 5001)를 만들고,
# 그 위에 `t1`과 `t2`를 실행한 뒤, t1 → t2조차 물리적 호스트를 거쳐 간다는 것을 보이세요.

# %%
# your lab for the exercise: type your commands in new cells below
mine = wl.Lab()

# %%
# NBVAL_CHECK_OUTPUT
# run this cell again after each step: it lists what is still to do
wl.exercises.check("05-l2tunnel", mine)

# %% [markdown]
# <details><summary><b>A solution</b> (try it yourself first; click to open)</summary>
#
# ```python
# mine.docker("network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
#             "-o com.docker.network.windowsshim.vsid=5001 tenant")
# mine.docker(f"run -d --name t1 --network tenant {IIS}")
# mine.docker(f"run -d --name t2 --network tenant {IIS}")
# ```
#
# </details>

# %% [markdown] lang=ko en=406d16b96af2
# <details><summary><b>풀이 예시</b> (먼저 직접 해 보세요. 눌러서 펼치기)</summary>
#
# ```python
# mine.docker("network create -d l2tunnel --subnet 10.50.0.0/24 --gateway 10.50.0.1 "
#             "-o com.docker.network.windowsshim.vsid=5001 tenant")
# mine.docker(f"run -d --name t1 --network tenant {IIS}")
# mine.docker(f"run -d --name t2 --network tenant {IIS}")
# ```
#
# </details>
