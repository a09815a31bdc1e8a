"""The Korean edition's words: one glossary, one message catalogue, one language switch.

Korean-speaking learners meet the same Windows concepts in Microsoft's Korean page
"Windows 컨테이너 네트워킹".  :data:`GLOSSARY` holds the terms of that page and, where
Microsoft's current Korean documentation says it differently, that newer word too; the
tutorials' glossary table (``notebooks/ko/00-start-here``), the widgets, tables, pictures
and reports all take their words from here, so they never vary.

:data:`MESSAGES` translates the presentation layer's own texts (labels, captions,
titles, check results, hints).  What Windows, Docker or HNS print is never translated:
a command's output stays byte for byte what an English-language host prints.
(Simplification: a host whose display language is Korean localizes ``ipconfig`` and the
Win32 texts inside HNS errors; the lab always prints the English ones.)

``lang`` arguments accept ``"en"``, ``"ko"`` or ``None`` (the notebook-wide choice made
with :func:`set_language`, English by default).  Standard library only.
"""

import contextlib
import functools
import re

LANGUAGES = ("en", "ko")
_current = {"lang": "en"}


# English term -> (term of the Korean "Windows 컨테이너 네트워킹" page,
#                  term of Microsoft's current Korean docs where it differs, else None)
GLOSSARY = {
    "virtual switch (vSwitch)": ("가상 스위치", None),
    "virtual network adapter (vNIC)": ("가상 네트워크 어댑터", None),
    "endpoint": ("끝점", "엔드포인트"),
    "network namespace (compartment)": ("네트워크 네임스페이스", None),
    "Host Networking Service (HNS)": ("호스트 네트워킹 서비스", None),
    "Host Compute Service (HCS)": ("호스트 계산 서비스", "호스트 컴퓨팅 서비스"),
    "Virtual Filtering Platform (VFP)": ("가상 필터링 플랫폼", None),
    "load balancing": ("부하 분산", None),
    "encapsulation": ("캡슐화", None),
    "policy": ("정책", None),
    "isolation": ("격리", None),
    # the words of Microsoft's Korean "Windows 컨테이너 네트워크 드라이버" page
    "container host": ("컨테이너 호스트", None),
    "network driver": ("네트워크 드라이버", None),
    "transparent (driver)": ("투명", None),
    "port mapping (publishing a port)": ("포트 매핑", None),
    "subnet": ("서브넷", None),
    "gateway": ("게이트웨이", None),
    "physical network": ("물리적 네트워크", None),
    "external / internal vSwitch": ("외부 / 내부 Hyper-V 스위치", None),
    "MAC address spoofing": ("MAC 주소 스푸핑", None),
    "Docker daemon": ("Docker 디먼", None),
}


def glossary_rows():
    """(English, Korean page's term, current docs' term or "") rows for the glossary table."""
    return [(en, ko, newer or "") for en, (ko, newer) in GLOSSARY.items()]


def glossary_markdown():
    """The glossary as the Markdown table ``ko/00-start-here`` shows."""
    lines = [
        "| English | 이 교재의 용어 | Microsoft의 최신 한국어 문서에서 다른 표기 |",
        "|---|---|---|",
    ]
    lines += [f"| {en} | {ko} | {newer or '—'} |" for en, ko, newer in glossary_rows()]
    return "\n".join(lines)


# English text (a str.format template where it has {fields}) -> Korean
MESSAGES = {
    # NetworkBuilder
    "driver": "드라이버",
    "name": "이름",
    "subnet": "서브넷",
    "gateway": "게이트웨이",
    "adapter": "물리적 어댑터",
    "containers": "컨테이너 수",
    "publish (-p)": "포트 (-p)",
    "DHCP from the LAN": "LAN의 DHCP로 주소 받기",
    "OutboundNAT (SNAT to the host)": "OutboundNAT (호스트 주소로 SNAT)",
    "OutboundNAT exceptions": "OutboundNAT 예외",
    "VLAN (0 = none)": "VLAN (0 = 없음)",
    "VNI (0: swarm picks)": "VNI (0: swarm이 고름)",
    "hosts in the swarm": "swarm의 호스트 수",
    "HNS picks one when empty": "비워 두면 HNS가 고릅니다",
    "CIDRs, comma-separated": "CIDR, 쉼표로 구분",
    "Create": "만들기",
    "Reset": "초기화",
    "Topology": "토폴로지",
    "Addresses": "주소",
    "Routes": "경로",
    "Policies": "정책",
    "Commands": "명령",
    "Created network {name!r}.": "네트워크 {name!r}을(를) 만들었습니다.",
    "Reset: removed what this builder created.": "초기화: 이 빌더가 만든 것을 모두 지웠습니다.",
    "The form now offers the next free values.": "양식에는 이제 다음으로 비어 있는 값이 들어 있습니다.",
    "Ready: Create runs {n} commands for the {driver} network {name!r}.": (
        "준비됨: Create는 {driver} 네트워크 {name!r}을(를) 위해 명령 {n}개를 실행합니다."
    ),
    "No adapter of {host} is free for a {driver} network (vSwitches on {busy}); Create is off.": (
        "{host}에는 {driver} 네트워크에 쓸 빈 어댑터가 없습니다(vSwitch가 있는 곳: {busy}). Create를 끕니다."
    ),
    'Add one in a cell: lab.host().add_adapter("{name}") (the form picks it up), '
    "or remove the network that holds the adapter (docker network rm …).": (
        '셀에서 어댑터를 하나 추가하거나(lab.host().add_adapter("{name}"), 양식이 알아서 반영합니다) '
        "그 어댑터를 쓰는 네트워크를 지우세요(docker network rm …)."
    ),
    "Create took back its {n} earlier command(s) (see Commands): the lab is as it was. "
    "Change the setting the error names and press Create again.": (
        "Create가 앞서 실행한 명령 {n}개를 되돌렸습니다(Commands 탭 참고). 랩은 이전 그대로입니다. "
        "오류가 가리키는 설정을 고친 뒤 Create를 다시 누르세요."
    ),
    "These values would fail here: change them first.": "이 값으로는 여기서 실패합니다. 먼저 값을 바꾸세요.",
    "'{container}' publishes no port; add -p {port}:80 to its docker run": (
        "'{container}'은(는) 포트를 게시하지 않았습니다. docker run에 -p {port}:80을 더하세요"
    ),
    "you published {ports}; the exercise asks for host port {port} "
    "(remove the container and run it again with -p {port}:80)": (
        "게시한 포트는 {ports}입니다. 연습 문제는 호스트 포트 {port}을(를) 요구합니다"
        "(컨테이너를 지우고 -p {port}:80으로 다시 실행하세요)"
    ),
    "'{name}' has {have}; the exercise asks for {want} (docker network rm {name}, create it again)": (
        "'{name}'의 서브넷은 {have}입니다. 연습 문제는 {want}을(를) 요구합니다"
        "(docker network rm {name} 후 다시 만드세요)"
    ),
    "'{name}' uses the {have} driver; the exercise asks for {want} (docker network rm {name} first)": (
        "'{name}'은(는) {have} 드라이버를 씁니다. 연습 문제는 {want}을(를) 요구합니다"
        "(먼저 docker network rm {name})"
    ),
    "'{container}' is on {have}; the exercise asks for --network {want}": (
        "'{container}'은(는) {have}에 있습니다. 연습 문제는 --network {want}을(를) 요구합니다"
    ),
    "the lab has no {want} yet: wl.Lab(hosts=2), or lab.add_host()": (
        "랩에 아직 {want}이(가) 없습니다: wl.Lab(hosts=2) 또는 lab.add_host()"
    ),
    "'{container}' runs on {have}; the exercise asks for {want} (lab.docker('run …', host='{want}'))": (
        "'{container}'은(는) {have}에서 실행 중입니다. 연습 문제는 {want}을(를) 요구합니다"
        "(lab.docker('run …', host='{want}'))"
    ),
    "the lab has one host; an overlay across hosts needs two: wl.Lab(hosts=2)": (
        "랩에 호스트가 하나뿐입니다. 호스트를 잇는 오버레이에는 두 대가 필요합니다: wl.Lab(hosts=2)"
    ),
    "the lab already has {n} hosts; they are not in the same swarm: docker swarm init on host1": (
        "랩에는 이미 호스트가 {n}대 있지만 같은 swarm에 있지 않습니다: host1에서 docker swarm init"
    ),
    "{hosts} is not in the swarm yet: docker swarm join --token … on it": (
        "{hosts}은(는) 아직 swarm에 없습니다: 그 호스트에서 docker swarm join --token …"
    ),
    "'quiet' has IPv4 subnets only": "'quiet'에는 IPv4 서브넷만 있습니다",
    "Windows container networks are IPv4 here: --ipv6 is refused and nothing is created": (
        "여기서 Windows 컨테이너 네트워크는 IPv4입니다: --ipv6은 거부되고 아무것도 만들어지지 않습니다"
    ),
    "(nothing yet)": "(아직 없음)",
    "(no policies)": "(정책 없음)",
    "# the docker commands of each Create appear here": "# '만들기'를 누를 때마다 실행한 docker 명령이 여기에 나옵니다",
    # TraceExplorer
    "from": "출발",
    "to": "도착",
    "protocol": "프로토콜",
    "port": "포트",
    "container, host, name or IP": "컨테이너, 호스트, 이름 또는 IP",
    "Trace": "추적",
    "delivered": "전달됨",
    "dropped": "버려짐",
    "Reload names": "이름 다시 읽기",
    "Hops": "홉",
    "Picture": "그림",
    "the lab has no containers yet: run one, then Reload names": (
        "랩에 아직 컨테이너가 없습니다. 하나 실행한 뒤 '이름 다시 읽기'를 누르세요"
    ),
    # DriverComparison
    "compare with": "비교 기준",
    "how the {driver} lab was built": "{driver} 랩을 만든 명령",
    "aspect": "항목",
    "vSwitch": "가상 스위치",
    "HNS network type": "HNS 네트워크 유형",
    "c1 address": "c1 주소",
    "c2 address": "c2 주소",
    "c1 endpoint policies": "c1 끝점 정책",
    "-p 8080:80 becomes": "-p 8080:80의 구현",
    "MAC on the wire (c1 → 8.8.8.8)": "회선 위의 MAC (c1 → 8.8.8.8)",
    "not started (see the transcript)": "시작되지 않음 (명령 기록 참조)",
    "WinNAT static mapping + firewall rule": "WinNAT 정적 매핑 + 방화벽 규칙",
    "VFP NAT rule": "VFP NAT 규칙",
    "not published": "게시되지 않음",
    "(never on the LAN)": "(LAN에 나가지 않음)",
    "(none)": "(없음)",
    "c1 and c2 are the same two containers on each driver (named <network>-1 and -2); "
    "c1 publishes 8080:80.  Highlighted: differs from the driver picked here.": (
        "c1과 c2는 드라이버마다 똑같이 만든 두 컨테이너입니다(이름은 <네트워크>-1, -2). "
        "c1은 8080:80을 게시합니다. 강조된 칸은 여기서 고른 드라이버와 다른 값입니다."
    ),
    # tables (captions; the DataFrame's own column names are an API and stay English)
    "{table}: {n} row": "{table}: {n}행",
    "{table}: {n} rows": "{table}: {n}행",
    "; {n} more columns with wide=True": "; wide=True로 열 {n}개를 더 볼 수 있습니다",
    " (first {limit} shown)": " (처음 {limit}행만 표시)",
    " (first {n} shown; the rest below)": " (처음 {n}행을 표시, 나머지는 아래에 접혀 있음)",
    "Reply ({n} steps): {title} — {reason}": "응답({n}단계): {title} — {reason}",
    "No findings: no check found a problem (addresses inside their subnets, no duplicate "
    "IP or MAC, NAT prefixes, load-balancer backends, provider addresses, management IPs, VSIDs, "
    "OutboundNAT on l2bridge).": (
        "발견된 문제 없음: 어떤 점검도 문제를 찾지 못했습니다(끝점 주소가 서브넷 안에 있음, 중복된 IP나 "
        "MAC 없음, NAT 접두사, 부하 분산 백엔드, 공급자 주소, 관리 IP, VSID, l2bridge의 OutboundNAT)."
    ),
    "{n} more row": "{n}행 더 보기",
    "{n} more rows": "{n}행 더 보기",
    "{n} more line": "{n}줄 더 보기",
    "{n} more lines": "{n}줄 더 보기",
    # pictures: titles, legends and the labels of the stack
    "{host}: network stack": "{host}: 네트워크 스택",
    "host (default compartment)": "호스트 (기본 네트워크 네임스페이스)",
    "underlay LAN {prefix}": "언더레이 LAN {prefix}",
    "router {router}\nto the internet": "라우터 {router}\n인터넷으로",
    "+{count} more\nendpoints": "끝점 {count}개\n더 있음",
    "+{count} more\ncontainers": "컨테이너 {count}개\n더 있음",
    "{title}: {hosts} host, {containers} container": "{title}: 호스트 {hosts}대, 컨테이너 {containers}개",
    "{title}: {hosts} hosts, {containers} containers": "{title}: 호스트 {hosts}대, 컨테이너 {containers}개",
    "{title}: {hosts} host, {containers} containers": "{title}: 호스트 {hosts}대, 컨테이너 {containers}개",
    "{title}: {hosts} hosts, {containers} container": "{title}: 호스트 {hosts}대, 컨테이너 {containers}개",
    "network driver:": "네트워크 드라이버:",
    "\n{n} static mapping": "\n정적 매핑 {n}개",
    "\n{n} static mappings": "\n정적 매핑 {n}개",
    "Windows container host: management stack": "Windows 컨테이너 호스트: 관리 스택",
    " — what `{operation}` does": " — {operation}이(가) 하는 일",
    "Orchestrator\nDocker Swarm / Kubernetes": "오케스트레이터\nDocker Swarm / Kubernetes",
    "API server\n(docker CLI)": "API 서버\n(docker CLI)",
    "libnetwork\n(windows driver: nat, transparent, overlay…)": "libnetwork\n(windows 드라이버: nat, transparent, overlay…)",
    "Host Compute Service (HCS)\nservice vmcompute": "호스트 계산 서비스 (HCS)\n서비스 vmcompute",
    "Host Networking Service (HNS)\nservice hns": "호스트 네트워킹 서비스 (HNS)\n서비스 hns",
    "VMWP\n(utility VM, Hyper-V isolation)": "VMWP\n(유틸리티 VM, Hyper-V 격리)",
    "container compartment\n(process isolation)": "컨테이너 네임스페이스\n(프로세스 격리)",
    "WinNAT\nNAT + static\nmappings": "WinNAT\nNAT + 정적\n매핑",
    "Windows Firewall\nallow rules": "Windows 방화벽\n허용 규칙",
    "TCP/IP\ncompartments,\nIPs, routes, DNS": "TCP/IP\n네임스페이스,\nIP, 경로, DNS",
    "Hyper-V vSwitch  +  VFP extension (ports, policies, NAT, encap)": (
        "Hyper-V 가상 스위치  +  VFP 확장 (포트, 정책, NAT, 캡슐화)"
    ),
    "Docker engine (dockerd)": "Docker 엔진 (dockerd)",
    # the numbered steps under plot.stack(highlight=...)
    "docker network create: libnetwork calls the windows driver": "docker network create: libnetwork가 windows 드라이버를 부릅니다",
    "the driver sends POST /networks (Type, Subnets, Policies) to HNS": "드라이버가 HNS에 POST /networks(Type, Subnets, Policies)를 보냅니다",
    "HNS creates or reuses the vSwitch (Internal for nat, External otherwise)": "HNS가 가상 스위치를 만들거나 재사용합니다(nat은 내부, 나머지는 외부)",
    "nat only: HNS adds a NetNat for the internal prefix": "nat만: HNS가 내부 접두사에 대한 NetNat을 추가합니다",
    "nat only: the host vNIC vEthernet (nat) gets the gateway address": "nat만: 호스트 vNIC vEthernet (nat)이 게이트웨이 주소를 받습니다",
    "docker run: libnetwork asks the driver for an endpoint": "docker run: libnetwork가 드라이버에 끝점을 요청합니다",
    "the driver sends POST /endpoints: HNS picks IP and MAC": "드라이버가 POST /endpoints를 보내고, HNS가 IP와 MAC을 정합니다",
    "HNS adds a vSwitch port (and its VFP layers) for the endpoint": "HNS가 끝점용 가상 스위치 포트(와 그 VFP 계층)를 추가합니다",
    "the engine hands the container to libcontainerd": "엔진이 컨테이너를 libcontainerd에 넘깁니다",
    "libcontainerd asks HCS to create the compute system": "libcontainerd가 HCS에 컴퓨트 시스템 생성을 요청합니다",
    "HCS starts the container in its own network compartment": "HCS가 컨테이너를 자기 네트워크 네임스페이스(compartment)에서 시작합니다",
    "the endpoint is attached: the container's vNIC plugs in": "끝점이 연결되어 컨테이너의 vNIC가 꽂힙니다",
    "docker run -p 8080:80: libnetwork asks the driver for an endpoint": "docker run -p 8080:80: libnetwork가 드라이버에 끝점을 요청합니다",
    "POST /endpoints with a NAT policy {InternalPort 80, ExternalPort 8080}": "NAT 정책 {InternalPort 80, ExternalPort 8080}을 담은 POST /endpoints",
    "HNS adds a vSwitch port for the endpoint (on other drivers: a VFP NAT rule)": "HNS가 끝점용 가상 스위치 포트를 추가합니다(다른 드라이버에서는 VFP NAT 규칙)",
    "nat: HNS adds a WinNAT static mapping 0.0.0.0:8080 -> IP:80": "nat: HNS가 WinNAT 정적 매핑 0.0.0.0:8080 -> IP:80을 추가합니다",
    "nat: HNS adds a Windows Firewall allow rule for port 8080": "nat: HNS가 포트 8080에 대한 Windows 방화벽 허용 규칙을 추가합니다",
    "docker network connect: libnetwork asks for a second endpoint": "docker network connect: libnetwork가 두 번째 끝점을 요청합니다",
    "POST /endpoints on the other network": "다른 네트워크에 POST /endpoints",
    "HNS adds a vSwitch port for it": "HNS가 그 끝점의 가상 스위치 포트를 추가합니다",
    "the engine asks libcontainerd to add the endpoint": "엔진이 libcontainerd에 끝점 추가를 요청합니다",
    "HCS hot-adds it (WS1709 and later; WS2016: stopped containers only)": "HCS가 실행 중에 추가합니다(WS1709 이상, WS2016은 중지된 컨테이너만)",
    "a second vNIC appears in the container's compartment": "컨테이너의 네임스페이스에 두 번째 vNIC가 나타납니다",
    "the swarm manager schedules tasks on each node's engine": "swarm 관리자가 각 노드의 엔진에 태스크를 배치합니다",
    "libnetwork joins the overlay network and creates task endpoints": "libnetwork가 오버레이 네트워크에 합류하고 태스크 끝점을 만듭니다",
    "endpoints plus policy lists: ILB for the VIP, ELB per published port": "끝점과 정책 목록: VIP에는 ILB, 게시된 포트마다 ELB",
    "HNS programs VFP: VXLAN encap, load balancing, OutboundNAT": "HNS가 VFP를 프로그래밍합니다: VXLAN 캡슐화, 부하 분산, OutboundNAT",
    "the engine hands each task to libcontainerd": "엔진이 태스크마다 libcontainerd에 넘깁니다",
    "HCS starts each task container": "HCS가 태스크 컨테이너를 하나씩 시작합니다",
    "each task gets its compartment and vNIC": "태스크마다 자기 네임스페이스와 vNIC를 받습니다",
    # winnetlab show / demo
    "HNS dump: {names}": "HNS 덤프: {names}",
    "winnetlab demo: two Windows container hosts": "winnetlab 데모: Windows 컨테이너 호스트 두 대",
    "{host} ({title}): {networks} HNS networks, {endpoints} endpoints ({remote} remote), "
    "{lists} policy lists, {containers} containers": (
        "{host} ({title}): HNS 네트워크 {networks}개, 끝점 {endpoints}개(원격 {remote}개), "
        "정책 목록 {lists}개, 컨테이너 {containers}개"
    ),
    "({n} endpoints)": "(끝점 {n}개)",
    "no subnet": "서브넷 없음",
    "policies: ": "정책: ",
    "warnings: {n}": "경고: {n}개",
    "notes: {n}": "참고: {n}개",
    "and {n} more": "외 {n}개",
    "address unknown": "주소 알 수 없음",
    "diagnose: {n} finding(s)": "진단: 발견 {n}건",
    "Summary": "요약",
    "Warnings": "경고",
    "Notes": "참고",
    # exercises
    "{exercise}: {passed} of {total} checks passed — {done}": "{exercise}: 점검 {total}개 중 {passed}개 통과 — {done}",
    "all done!": "모두 끝났습니다!",
    "keep going": "계속해 보세요",
    "hint": "힌트",
    "scenario {name}": "시나리오 {name}",
    # the troubleshooting scenarios (winnetlab.scenarios): titles, stories, hints, checks, solutions
    "docker run -p 1433:1433 fails: SQL Server on the host holds the port": "docker run -p 1433:1433 실패: 호스트의 SQL Server가 포트를 쥐고 있습니다",
    "A developer with SQL Server installed on the machine starts the SQL Server container image with -p 1433:1433. Docker refuses to start it: 'failed to create endpoint mssql on network nat: … The process cannot access the file because it is being used by another process. (0x20)'. The container is left in the Created state.": "SQL Server가 설치된 컴퓨터에서 개발자가 SQL Server 컨테이너 이미지를 -p 1433:1433으로 시작합니다. Docker는 시작을 거부합니다: 'failed to create endpoint mssql on network nat: … The process cannot access the file because it is being used by another process. (0x20)'. 컨테이너는 Created 상태로 남습니다.",
    "The error comes from HNS creating the endpoint, at the step where WinNAT maps the host port.": "오류는 HNS가 끝점을 만들 때, WinNAT이 호스트 포트를 매핑하는 단계에서 납니다.",
    "netstat -ano | findstr :1433 (or Get-NetTCPConnection -State Listen) shows who holds port 1433; Get-NetNatStaticMapping shows WinNAT's mappings.": "netstat -ano | findstr :1433(또는 Get-NetTCPConnection -State Listen)으로 포트 1433을 누가 쥐고 있는지 보고, Get-NetNatStaticMapping으로 WinNAT의 매핑을 봅니다.",
    "sqlservr.exe on the host listens on 0.0.0.0:1433, so WinNAT cannot map that port for the container: one host port, one owner.": "호스트의 sqlservr.exe가 0.0.0.0:1433에서 수신 대기하므로 WinNAT은 그 포트를 컨테이너에 매핑할 수 없습니다. 호스트 포트 하나에 주인은 하나입니다.",
    "Either publish another host port — docker rm mssql; docker run -d --name mssql -p 14330:1433 mcr.microsoft.com/mssql/server — or stop the host's instance (Stop-Service MSSQLSERVER) and docker start mssql.": "다른 호스트 포트를 게시하거나 — docker rm mssql; docker run -d --name mssql -p 14330:1433 mcr.microsoft.com/mssql/server — 호스트의 인스턴스를 멈추고(Stop-Service MSSQLSERVER) docker start mssql을 실행하세요.",
    "mssql is running with an endpoint on nat": "mssql이 nat의 끝점을 가지고 실행 중입니다",
    "docker start mssql (after freeing the port) or recreate it on another host port": "(포트를 비운 뒤) docker start mssql, 또는 다른 호스트 포트로 다시 만드세요",
    "port 1433 of mssql is published and reachable from the LAN": "mssql의 포트 1433이 게시되어 LAN에서 닿습니다",
    "publish a host port that nothing holds (-p 14330:1433), or stop the host's SQL Server first": "아무도 쓰지 않는 호스트 포트를 게시하거나(-p 14330:1433), 먼저 호스트의 SQL Server를 멈추세요",
    "A second container cannot publish 8080: an old one still holds it": "두 번째 컨테이너가 8080을 게시하지 못합니다: 예전 컨테이너가 아직 쥐고 있습니다",
    "After a redeploy the new web container will not start: 'Cannot start service …: failed to create endpoint … on network nat: HNS failed with error : The process cannot access the file because it is being used by another process.' Nothing on the host seems to use the port.": "다시 배포한 뒤 새 웹 컨테이너가 시작되지 않습니다: 'Cannot start service …: failed to create endpoint … on network nat: HNS failed with error : The process cannot access the file because it is being used by another process.' 호스트에서는 그 포트를 쓰는 것이 없어 보입니다.",
    "Look at what already publishes host ports: the failing step is WinNAT's static mapping.": "이미 호스트 포트를 게시하고 있는 것을 보세요. 실패하는 단계는 WinNAT의 정적 매핑입니다.",
    "docker ps -a shows the PORTS column; Get-NetNatStaticMapping shows 8080 mapped to another container's address.": "docker ps -a에 PORTS 열이 있고, Get-NetNatStaticMapping을 보면 8080이 다른 컨테이너의 주소에 매핑되어 있습니다.",
    "oldsite still publishes 8080/tcp: WinNAT maps one host port to one endpoint.": "oldsite가 아직 8080/tcp를 게시하고 있습니다. WinNAT은 호스트 포트 하나를 끝점 하나에만 매핑합니다.",
    "Remove (or re-publish) the old container: docker rm -f oldsite; docker start newsite.": "예전 컨테이너를 지우거나 다른 포트로 다시 게시하세요: docker rm -f oldsite; docker start newsite.",
    "newsite is running with an endpoint on nat": "newsite가 nat의 끝점을 가지고 실행 중입니다",
    "free the port first (docker rm -f oldsite), then docker start newsite": "먼저 포트를 비우고(docker rm -f oldsite) docker start newsite를 실행하세요",
    "newsite's port 80 is reachable from the LAN through a published port": "newsite의 포트 80에 게시된 포트를 통해 LAN에서 닿습니다",
    "the published host port of newsite must reach its port 80": "newsite의 게시된 호스트 포트가 그 포트 80에 닿아야 합니다",
    "Server 2016: http://localhost:8080 does not answer on the host": "Server 2016: 호스트에서 http://localhost:8080이 응답하지 않습니다",
    "On Windows Server 2016 the IIS container runs with -p 8080:80. Other machines reach it at the host's address, port 8080, but on the host itself http://localhost:8080 (and the host's own IP) cannot connect.": "Windows Server 2016에서 IIS 컨테이너가 -p 8080:80으로 실행 중입니다. 다른 컴퓨터는 호스트 주소의 포트 8080으로 닿지만, 호스트 자신에서는 http://localhost:8080(과 호스트 자신의 IP)으로 연결되지 않습니다.",
    "This is a WinNAT limitation on Server 2016, not a firewall problem.": "방화벽 문제가 아니라 Server 2016 WinNAT의 제한입니다.",
    "docker inspect -f '{{.NetworkSettings.Networks.nat.IPAddress}}' web gives the container's address; lab.trace('host1', 'localhost:8080') shows where it stops.": "docker inspect -f '{{.NetworkSettings.Networks.nat.IPAddress}}' web으로 컨테이너 주소를 얻고, lab.trace('host1', 'localhost:8080')로 어디서 멈추는지 봅니다.",
    "Internal endpoints cannot be reached through the NAT's own mappings from the NAT host; Microsoft's workaround: address the container directly by its internal IP and port (loopback came with 1809).": "NAT 호스트에서는 NAT 자신의 매핑을 거쳐 내부 끝점에 닿을 수 없습니다. Microsoft의 해결 방법은 컨테이너의 내부 IP와 포트로 직접 접속하는 것입니다(루프백은 1809부터 됩니다).",
    "From the host, browse to the container's IP and its own port: http://<container IP>:80 (on Windows Server 2019 and later localhost:8080 works).": "호스트에서는 컨테이너의 IP와 그 자신의 포트로 접속하세요: http://<컨테이너 IP>:80 (Windows Server 2019 이상에서는 localhost:8080이 됩니다).",
    "the address you give reaches web from the host (s.check('<ip>:<port>'))": "여러분이 준 주소로 호스트에서 web에 닿습니다(s.check('<ip>:<port>'))",
    "from the host use the container's own address and port: docker inspect web shows it": "호스트에서는 컨테이너 자신의 주소와 포트를 쓰세요. docker inspect web에 나옵니다",
    "Server 2016 swarm: a service with --publish never starts": "Server 2016 swarm: --publish를 준 서비스가 끝내 시작되지 않습니다",
    "On Windows Server 2016 'docker service create --publish 8080:80 …' is accepted, but the service stays at 0/1 replicas and every task fails with 'HNS failed with error : Catastrophic failure'. Without --publish it runs.": "Windows Server 2016에서 'docker service create --publish 8080:80 …'은 받아들여지지만, 서비스는 0/1 복제본에 머물고 모든 태스크가 'HNS failed with error : Catastrophic failure'로 실패합니다. --publish가 없으면 실행됩니다.",
    "Compare the Windows Server version with the features the service uses (routing mesh, VIP).": "Windows Server 버전과 서비스가 쓰는 기능(라우팅 메시, VIP)을 비교해 보세요.",
    "docker service ls shows 0/1; the daemon's events (wl.tables.events(lab)) show HNS rejecting the task.": "docker service ls에는 0/1이 나오고, 디먼의 이벤트(wl.tables.events(lab))에는 HNS가 태스크를 거부한 기록이 있습니다.",
    "Windows Server 2016 has no ingress routing mesh: a port published in ingress mode (the default) fails every task. Host-mode publishing (and DNS round-robin) works.": "Windows Server 2016에는 ingress 라우팅 메시가 없습니다. ingress 모드(기본값)로 게시한 포트는 모든 태스크를 실패하게 만듭니다. 호스트 모드 게시(와 DNS 라운드 로빈)는 됩니다.",
    "the service web runs all its tasks": "서비스 web의 태스크가 모두 실행 중입니다",
    "recreate the service with host-mode publishing: --publish mode=host,target=80,published=8080": "호스트 모드 게시로 서비스를 다시 만드세요: --publish mode=host,target=80,published=8080",
    "web answers on host1:8080 from the LAN": "LAN에서 host1:8080으로 web이 응답합니다",
    "a host-mode port is mapped on the node that runs the task": "호스트 모드 포트는 태스크를 실행하는 노드에 매핑됩니다",
    "docker swarm join times out: the manager's firewall drops 2377/tcp": "docker swarm join 시간 초과: 관리자의 방화벽이 2377/tcp를 버립니다",
    "The manager was initialised on host1. On host2 'docker swarm join --token … 192.168.0.11:2377' waits and ends with 'Timeout was reached before node joined. The attempt to join the swarm will continue in the background.' With the Windows Firewall turned off the join works.": "관리자는 host1에서 초기화되었습니다. host2에서 'docker swarm join --token … 192.168.0.11:2377'은 기다리다가 'Timeout was reached before node joined. The attempt to join the swarm will continue in the background.'로 끝납니다. Windows 방화벽을 끄면 참여가 됩니다.",
    "A join first opens a TCP connection to the manager's port 2377.": "참여(join)는 먼저 관리자의 포트 2377로 TCP 연결을 엽니다.",
    "On host1: Get-NetFirewallRule | Get-NetFirewallPortFilter, or lab.trace('host2', 'host1:2377').": "host1에서: Get-NetFirewallRule | Get-NetFirewallPortFilter, 또는 lab.trace('host2', 'host1:2377').",
    "No inbound rule allows 2377/tcp on host1, so its firewall drops the join (the default inbound action is Block). Microsoft's swarm page lists 2377/tcp, 7946/tcp+udp and 4789/udp.": "host1에는 2377/tcp를 허용하는 인바운드 규칙이 없어서 방화벽이 참여 요청을 버립니다(기본 인바운드 동작은 Block). Microsoft의 swarm 문서는 2377/tcp, 7946/tcp+udp, 4789/udp를 열라고 합니다.",
    "On host1: New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP -LocalPort 2377 -Action Allow; then on host2 run the docker swarm join command again.": "host1에서: New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP -LocalPort 2377 -Action Allow. 그다음 host2에서 docker swarm join 명령을 다시 실행하세요.",
    "host2 is a node of the swarm": "host2가 swarm의 노드입니다",
    "open 2377/tcp on the manager, then run the join again": "관리자에서 2377/tcp를 연 뒤 참여 명령을 다시 실행하세요",
    "the manager's Windows Firewall is still on (open the port, do not turn the firewall off)": "관리자의 Windows 방화벽이 여전히 켜져 있습니다(방화벽을 끄지 말고 포트를 여세요)",
    "Set-NetFirewallProfile -Enabled True, then add an allow rule for 2377/tcp": "Set-NetFirewallProfile -Enabled True 다음에 2377/tcp 허용 규칙을 추가하세요",
    "Overlay containers on two nodes cannot talk: UDP 4789 is blocked": "두 노드의 오버레이 컨테이너가 서로 통신하지 못합니다: UDP 4789가 막혀 있습니다",
    "Both nodes joined the swarm and an overlay network was created; containers on the same node talk, but api on host1 cannot reach db on host2. A security baseline was applied to host2's firewall.": "두 노드가 swarm에 참여했고 오버레이 네트워크도 만들었습니다. 같은 노드의 컨테이너끼리는 통신하지만 host1의 api는 host2의 db에 닿지 못합니다. host2의 방화벽에는 보안 기준(security baseline)이 적용되었습니다.",
    "The packet leaves host1 encapsulated (VXLAN); look at where it enters host2.": "패킷은 캡슐화(VXLAN)되어 host1을 떠납니다. host2로 들어가는 지점을 보세요.",
    "A block rule for UDP 4789 on host2 wins over every allow rule: the VXLAN packets are dropped.": "host2의 UDP 4789 차단 규칙이 모든 허용 규칙보다 우선합니다. VXLAN 패킷이 버려집니다.",
    "On host2: Remove-NetFirewallRule -DisplayName 'Block VXLAN (security baseline)' (or Disable-NetFirewallRule).": "host2에서: Remove-NetFirewallRule -DisplayName 'Block VXLAN (security baseline)' (또는 Disable-NetFirewallRule).",
    "api reaches db:1433 and the answer comes back": "api가 db:1433에 닿고 응답이 돌아옵니다",
    "VXLAN rides on UDP 4789 between the nodes' addresses": "VXLAN은 노드 주소 사이의 UDP 4789 위로 다닙니다",
    "host2's Windows Firewall is still on": "host2의 Windows 방화벽이 여전히 켜져 있습니다",
    "remove or disable only the rule that blocks 4789": "4789를 막는 규칙만 지우거나 끄세요",
    "An overlay network with VXLAN id 256 is refused": "VXLAN ID 256으로 만든 오버레이 네트워크가 거부됩니다",
    "A script copied from a Linux cluster creates the overlay network with VXLAN id 256 (Linux tools default to small VNIs such as 1). On Windows the network is never created: HNS answers 'The parameter is incorrect. (0x57)'.": "Linux 클러스터에서 복사해 온 스크립트가 VXLAN ID 256으로 오버레이 네트워크를 만듭니다(Linux 도구는 1 같은 작은 VNI가 기본값입니다). Windows에서는 네트워크가 만들어지지 않고, HNS가 'The parameter is incorrect. (0x57)'이라고 답합니다.",
    "The refusal comes from HNS, not from Docker's option parsing.": "거부는 Docker의 옵션 해석이 아니라 HNS에서 옵니다.",
    "docker network ls; compare the vxlanid_list option with the ingress network's VNI (docker network inspect ingress).": "docker network ls를 보고, vxlanid_list 옵션을 ingress 네트워크의 VNI(docker network inspect ingress)와 비교하세요.",
    "Windows overlay networks take VXLAN ids from 4096 up; flannel and rke2 had to move their default VNI from 1 to 4096 for Windows nodes.": "Windows 오버레이 네트워크는 4096 이상의 VXLAN ID만 받습니다. flannel과 rke2도 Windows 노드를 위해 기본 VNI를 1에서 4096으로 옮겨야 했습니다.",
    "docker network create -d overlay --attachable -o com.docker.network.driver.overlay.vxlanid_list=4097 appnet (or leave the option out: swarm picks a free VNI from 4096).": "docker network create -d overlay --attachable -o com.docker.network.driver.overlay.vxlanid_list=4097 appnet (또는 옵션을 빼면 swarm이 4096부터 빈 VNI를 고릅니다).",
    "the overlay network appnet exists with a VNI of 4096 or more": "VNI가 4096 이상인 오버레이 네트워크 appnet이 있습니다",
    "Windows needs VXLAN ids (VSIDs) from 4096: -o com.docker.network.driver.overlay.vxlanid_list=4097": "Windows에는 4096 이상의 VXLAN ID(VSID)가 필요합니다: -o com.docker.network.driver.overlay.vxlanid_list=4097",
    "Containers lost the network after the nat vSwitch was removed": "nat 가상 스위치를 지운 뒤 컨테이너가 네트워크를 잃었습니다",
    "While cleaning up Hyper-V, someone removed the 'nat' virtual switch. Since then nothing works inside the containers ('Ping request could not find host github.com') and the published port is dead; reinstalling Docker did not help.": "Hyper-V를 정리하다가 누군가 'nat' 가상 스위치를 지웠습니다. 그 뒤로 컨테이너 안에서는 아무것도 되지 않고('Ping request could not find host github.com') 게시한 포트도 죽었습니다. Docker를 다시 설치해도 소용없었습니다.",
    "Compare Get-VMSwitch with the networks HNS still has (Get-HnsNetwork).": "Get-VMSwitch를 HNS가 아직 가진 네트워크(Get-HnsNetwork)와 비교하세요.",
    "Get-VMSwitch no longer lists 'nat' while Get-HnsNetwork still has it; lab.trace('web', 'dns.google', port=53, protocol='udp') stops at the missing switch.": "Get-VMSwitch에는 'nat'이 더 이상 없는데 Get-HnsNetwork에는 아직 있습니다. lab.trace('web', 'dns.google', port=53, protocol='udp')는 없어진 스위치에서 멈춥니다.",
    "Remove-VMSwitch deleted the switch under HNS: the network's ports lead nowhere until HNS recreates it and Docker reattaches the containers.": "Remove-VMSwitch가 HNS 밑에서 스위치를 지웠습니다. HNS가 스위치를 다시 만들고 Docker가 컨테이너를 다시 연결할 때까지 네트워크의 포트는 아무 데도 이어지지 않습니다.",
    "Restart-Service hns; Restart-Service docker (never remove HNS's switches by hand; docker network rm removes a network with its switch).": "Restart-Service hns; Restart-Service docker (HNS의 스위치를 손으로 지우지 마세요. docker network rm은 네트워크를 그 스위치와 함께 지웁니다).",
    "the nat vSwitch exists again": "nat 가상 스위치가 다시 있습니다",
    "HNS recreates the switch of its networks when it starts: Restart-Service hns": "HNS는 시작할 때 자기 네트워크의 스위치를 다시 만듭니다: Restart-Service hns",
    "web resolves and reaches the internet (UDP 53 to dns.google)": "web이 이름을 풀고 인터넷에 닿습니다(dns.google로 UDP 53)",
    "after HNS, restart Docker so that it reattaches the running containers": "HNS 다음에 Docker를 다시 시작해 실행 중인 컨테이너를 다시 연결하게 하세요",
    "the WinNAT mapping returns with the container's new endpoint": "컨테이너의 새 끝점과 함께 WinNAT 매핑이 돌아옵니다",
    "After Windows patching a container on a transparent network cannot start": "Windows 패치 후 투명 네트워크의 컨테이너가 시작되지 않습니다",
    "After the monthly patching reboot (the containers were not stopped first) my-container, with a fixed address on a transparent network, will not start: 'failed to create endpoint my-container on network transparent-network: failed during hnsCallRawResponse: hnsCall failed in Win32: An address provided is invalid or reserved. (0x803b002f)'. Get-HnsEndpoint still lists an endpoint with its address.": "월간 패치로 재부팅한 뒤(컨테이너를 먼저 멈추지 않았습니다) 투명 네트워크에서 고정 주소를 쓰는 my-container가 시작되지 않습니다: 'failed to create endpoint my-container on network transparent-network: failed during hnsCallRawResponse: hnsCall failed in Win32: An address provided is invalid or reserved. (0x803b002f)'. Get-HnsEndpoint에는 그 주소를 가진 끝점이 아직 있습니다.",
    "Ask HNS, not Docker: which endpoints does it still have, and who owns them?": "Docker가 아니라 HNS에 물어보세요: 어떤 끝점이 아직 남아 있고, 그 주인은 누구인가?",
    "Get-HnsEndpoint (look at IPAddress and the VirtualNetworkName) next to docker ps -a.": "Get-HnsEndpoint(IPAddress와 VirtualNetworkName을 보세요)를 docker ps -a와 나란히 보세요.",
    "The unclean shutdown left my-container's old endpoint in HNS, owned by nobody; it still reserves 192.168.0.50, so the new endpoint cannot take it.": "깨끗하지 않은 종료 때문에 my-container의 예전 끝점이 주인 없이 HNS에 남았습니다. 그 끝점이 아직 192.168.0.50을 잡고 있어서 새 끝점이 그 주소를 받을 수 없습니다.",
    "Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint; docker start my-container (Get-HnsEndpoint | Remove-HnsEndpoint would also cut helper off). Stop the containers before patching.": "Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint; docker start my-container (Get-HnsEndpoint | Remove-HnsEndpoint은 helper의 연결까지 끊습니다). 패치 전에는 컨테이너를 멈추세요.",
    "no stale HNS endpoint holds 192.168.0.50 any more": "192.168.0.50을 잡고 있는 낡은 HNS 끝점이 더는 없습니다",
    "remove exactly the endpoint that holds the address: Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint": "그 주소를 잡은 끝점만 정확히 지우세요: Get-HnsEndpoint | ? IPAddress -eq 192.168.0.50 | Remove-HnsEndpoint",
    "my-container is running with its endpoint": "my-container가 자기 끝점을 가지고 실행 중입니다",
    "docker start my-container once the address is free": "주소가 비면 docker start my-container",
    "helper still answers on host1:8080": "helper가 여전히 host1:8080에서 응답합니다",
    "do not delete the endpoints of running containers": "실행 중인 컨테이너의 끝점은 지우지 마세요",
    "Azure VM: a container on a transparent network reaches nothing": "Azure VM: 투명 네트워크의 컨테이너가 아무 데도 닿지 않습니다",
    "On a Windows Server VM in Azure a transparent network was created so that containers get addresses of the virtual network. Containers can reach each other, but nothing beyond the VM — not other VMs, not the internet — and MAC address spoofing cannot be turned on in Azure.": "Azure의 Windows Server VM에서 컨테이너가 가상 네트워크의 주소를 받도록 투명 네트워크를 만들었습니다. 컨테이너끼리는 닿지만 VM 바깥 — 다른 VM도, 인터넷도 — 에는 닿지 않고, Azure에서는 MAC 주소 스푸핑을 켤 수 없습니다.",
    "Where does the frame die: inside the VM or in the network the VM is plugged into?": "프레임은 어디서 사라질까요: VM 안일까요, VM이 연결된 네트워크일까요?",
    "lab.trace('app', 'dns.google', port=53, protocol='udp'); host.configure(mac_spoofing=True) is refused.": "lab.trace('app', 'dns.google', port=53, protocol='udp'); host.configure(mac_spoofing=True)는 거부됩니다.",
    "Azure's virtual network forwards only the VM's own MAC and addresses; transparent containers send their own MACs, and MAC spoofing cannot be enabled on Azure.": "Azure 가상 네트워크는 VM 자신의 MAC과 주소만 전달합니다. 투명 네트워크의 컨테이너는 자기 MAC을 보내는데, Azure에서는 MAC 주소 스푸핑을 켤 수 없습니다.",
    "Use nat with published ports (or l2bridge/overlay, with the Azure CNI on AKS): docker network disconnect trans app; docker network connect nat app.": "포트를 게시한 nat(또는 AKS의 Azure CNI와 함께 l2bridge/overlay)를 쓰세요: docker network disconnect trans app; docker network connect nat app.",
    "app runs on a network that works on Azure (not transparent) and reaches dns.google:53/udp": "app이 Azure에서 동작하는 (투명이 아닌) 네트워크에서 실행되고 dns.google:53/udp에 닿습니다",
    "move app to nat (with -p), l2bridge or overlay": "app을 nat(-p와 함께), l2bridge 또는 overlay로 옮기세요",
    "Hyper-V VM: transparent containers are cut off until MAC spoofing is on": "Hyper-V VM: MAC 주소 스푸핑을 켜기 전까지 투명 네트워크의 컨테이너가 고립됩니다",
    "The container host is a Hyper-V VM. A container on a transparent network (addresses from the LAN's DHCP server) starts, but ipconfig shows a 169.254 address and no default gateway: its frames carry the container's own MAC.": "컨테이너 호스트가 Hyper-V VM입니다. 투명 네트워크(주소는 LAN의 DHCP 서버에서 받음)의 컨테이너는 시작되지만, ipconfig에는 169.254 주소만 보이고 기본 게이트웨이가 없습니다. 그 프레임이 컨테이너 자신의 MAC을 달고 있기 때문입니다.",
    "The container host is a VM: its frames cross the physical host's vSwitch.": "컨테이너 호스트는 VM입니다. 그 프레임은 물리적 호스트의 가상 스위치를 건넙니다.",
    "lab.trace('app', 'dns.google', port=53, protocol='udp') shows which switch drops the frame.": "lab.trace('app', 'dns.google', port=53, protocol='udp')로 어느 스위치가 프레임을 버리는지 봅니다.",
    "The Hyper-V host only forwards frames whose source MAC is the VM's own, unless MAC address spoofing is enabled on the VM's network adapter.": "VM 네트워크 어댑터에 MAC 주소 스푸핑을 켜지 않으면, Hyper-V 호스트는 출발지 MAC이 VM 자신의 것인 프레임만 전달합니다.",
    "On the Hyper-V host: Get-VMNetworkAdapter -VMName host1 | Set-VMNetworkAdapter -MacAddressSpoofing On (in the lab: lab.host('host1').configure(mac_spoofing=True)), then docker restart app: its DHCP client never got an offer and holds a 169.254 address until it asks again.": "Hyper-V 호스트에서: Get-VMNetworkAdapter -VMName host1 | Set-VMNetworkAdapter -MacAddressSpoofing On (랩에서는 lab.host('host1').configure(mac_spoofing=True)), 그다음 docker restart app. app의 DHCP 클라이언트는 제안(offer)을 받지 못해, 다시 요청할 때까지 169.254 주소를 갖고 있습니다.",
    "app, still on the transparent network, reaches dns.google:53/udp": "app이 투명 네트워크에 그대로 있으면서 dns.google:53/udp에 닿습니다",
    "on the Hyper-V host: Get-VMNetworkAdapter -VMName host1 | Set-VMNetworkAdapter -MacAddressSpoofing On (lab.host('host1').configure(mac_spoofing=True)), then docker restart app": "Hyper-V 호스트에서: Get-VMNetworkAdapter -VMName host1 | Set-VMNetworkAdapter -MacAddressSpoofing On (lab.host('host1').configure(mac_spoofing=True)), 그다음 docker restart app",
    "l2bridge pods reach the internet but not the servers on their own LAN": "l2bridge 파드가 인터넷에는 닿지만 자기 LAN의 서버에는 닿지 않습니다",
    "Pods on a Windows node reach the internet and other pods, but connections to servers on the node's own network (192.168.0.0/24) time out. The network's OutBoundNAT ExceptionList contains the cluster range and the whole management subnet.": "Windows 노드의 파드는 인터넷과 다른 파드에는 닿지만, 노드 자신의 네트워크(192.168.0.0/24)에 있는 서버로의 연결은 시간 초과됩니다. 네트워크의 OutBoundNAT ExceptionList에는 클러스터 범위와 관리 서브넷 전체가 들어 있습니다.",
    "The request arrives; follow the answer back (t.reply).": "요청은 도착합니다. 돌아오는 응답을 따라가 보세요(t.reply).",
    "t = lab.trace('pod1', 'host2:8080'); t.reply shows where the answer dies; Get-HnsPolicyList / the endpoint's OutBoundNAT ExceptionList shows which destinations keep the pod address.": "t = lab.trace('pod1', 'host2:8080'); t.reply가 응답이 사라지는 곳을 보여 줍니다. Get-HnsPolicyList / 끝점의 OutBoundNAT ExceptionList를 보면 어떤 목적지가 파드 주소를 그대로 받는지 알 수 있습니다.",
    "Destinations in the ExceptionList see the pod's own address (10.244.1.x); host2 answers through its default gateway, the LAN router, which has no route to the pod subnet.": "ExceptionList에 있는 목적지는 파드 자신의 주소(10.244.1.x)를 봅니다. host2는 기본 게이트웨이인 LAN 라우터로 응답하는데, 그 라우터에는 파드 서브넷으로 가는 경로가 없습니다.",
    "Swarm: a container on another node is 'unknown host', yet both nodes are Ready": "Swarm: 다른 노드의 컨테이너가 'unknown host'인데 두 노드 모두 Ready입니다",
    "Two nodes, one manager and one worker, both Ready in docker node ls. On the overlay network appnet, api (host1) cannot find mymongo (host2): ping says 'Ping request could not find host mymongo'. Only 2377 and 4789 were opened on host2 when it was set up.": "관리자 하나와 작업자 하나, 두 노드가 docker node ls에서 모두 Ready입니다. 오버레이 네트워크 appnet에서 api(host1)가 mymongo(host2)를 찾지 못합니다: ping은 'Ping request could not find host mymongo'를 출력합니다. host2를 설정할 때 2377과 4789만 열었습니다.",
    "Name resolution and the overlay path to another node both depend on what the nodes tell each other.": "이름 풀이와 다른 노드로 가는 오버레이 경로는 둘 다 노드끼리 서로 알려 주는 정보에 달려 있습니다.",
    "docker node ls (both Ready: that is 2377); lab.trace('api', 'mymongo', port=80); on host2: Get-NetFirewallRule | Get-NetFirewallPortFilter — which of 2377, 7946 and 4789 are open?": "docker node ls(둘 다 Ready: 그것은 2377입니다); lab.trace('api', 'mymongo', port=80); host2에서: Get-NetFirewallRule | Get-NetFirewallPortFilter — 2377, 7946, 4789 중 무엇이 열려 있나요?",
    "Swarm nodes gossip on 7946/tcp+udp (memberlist/networkdb): which containers live where and their names. host2's firewall drops it, so host1 never learns of mymongo.": "Swarm 노드는 7946/tcp+udp로 가십(memberlist/networkdb)을 주고받습니다: 어떤 컨테이너가 어디에 있는지와 그 이름입니다. host2의 방화벽이 이를 버리므로 host1은 mymongo를 끝내 알지 못합니다.",
    "api resolves mymongo and reaches it on port 80": "api가 mymongo를 풀고 포트 80으로 닿습니다",
    "the nodes exchange their containers' names and locations on 7946/tcp and 7946/udp": "노드들은 컨테이너의 이름과 위치를 7946/tcp와 7946/udp로 주고받습니다",
    "open 7946/tcp and 7946/udp on host2 instead of turning the firewall off": "방화벽을 끄지 말고 host2에서 7946/tcp와 7946/udp를 여세요",
    "On host2: New-NetFirewallRule -DisplayName 'Swarm 7946 TCP' -Direction Inbound -Protocol TCP -LocalPort 7946 -Action Allow; New-NetFirewallRule -DisplayName 'Swarm 7946 UDP' -Direction Inbound -Protocol UDP -LocalPort 7946 -Action Allow.": "host2에서: New-NetFirewallRule -DisplayName 'Swarm 7946 TCP' -Direction Inbound -Protocol TCP -LocalPort 7946 -Action Allow; New-NetFirewallRule -DisplayName 'Swarm 7946 UDP' -Direction Inbound -Protocol UDP -LocalPort 7946 -Action Allow.",
    "Give the LAN a route to the pod subnet — lab.add_route('10.244.1.0/24', via='host1') (on a real network: a static route on the router) — or take the LAN out of the ExceptionList so the traffic is SNAT'd.": "LAN에 파드 서브넷으로 가는 경로를 주거나 — lab.add_route('10.244.1.0/24', via='host1')(실제 네트워크에서는 라우터의 정적 경로) — LAN을 ExceptionList에서 빼서 트래픽이 SNAT되게 하세요.",
    "Windows container: names do not resolve, but nslookup with 8.8.8.8 works": "Windows 컨테이너: 이름이 풀리지 않는데 8.8.8.8을 지정한 nslookup은 됩니다",
    "Inside a Windows Server 2019 container on a nat network, 'nslookup www.google.com' answers '*** UnKnown can't find www.google.com: Server failed' and ping says 'Ping request could not find host www.google.com', yet 'nslookup www.google.com 8.8.8.8' answers at once. ipconfig /all in the container lists two DNS servers: the nat gateway and 10.77.65.66. Container names (web) resolve. In the report the second server came from the host's disconnected VPN (TAP) adapter; in this lab the network appnet was created with it (com.docker.network.windowsshim.dnsservers).": "nat 네트워크의 Windows Server 2019 컨테이너 안에서 'nslookup www.google.com'은 '*** UnKnown can't find www.google.com: Server failed'로 답하고 ping은 'Ping request could not find host www.google.com'을 출력하지만, 'nslookup www.google.com 8.8.8.8'은 바로 답합니다. 컨테이너의 ipconfig /all에는 DNS 서버가 둘 나옵니다: nat 게이트웨이와 10.77.65.66. 컨테이너 이름(web)은 풀립니다. 보고에서는 두 번째 서버가 호스트의 연결이 끊긴 VPN(TAP) 어댑터에서 왔고, 이 랩에서는 네트워크 appnet을 만들 때 그 서버를 넣었습니다(com.docker.network.windowsshim.dnsservers).",
    "Compare what resolves: a container name (nslookup web), an internet name (nslookup www.google.com) and the same name asked of a server you choose (nslookup www.google.com 8.8.8.8).": "무엇이 풀리는지 비교해 보세요: 컨테이너 이름(nslookup web), 인터넷 이름(nslookup www.google.com), 그리고 직접 고른 서버에 물은 같은 이름(nslookup www.google.com 8.8.8.8).",
    "ipconfig /all (or Get-DnsClientServerAddress) in app lists its DNS servers in order. nslookup asks only the first; ping and Resolve-DnsName go on to the next. Ask each one: nslookup www.google.com 10.77.65.66; lab.trace('app', '10.77.65.66', port=53, protocol='udp'); docker network inspect appnet.": "app 안의 ipconfig /all(또는 Get-DnsClientServerAddress)은 DNS 서버를 순서대로 보여 줍니다. nslookup은 첫 번째에만 묻고, ping과 Resolve-DnsName은 다음 서버로 넘어갑니다. 각 서버에 물어보세요: nslookup www.google.com 10.77.65.66; lab.trace('app', '10.77.65.66', port=53, protocol='udp'); docker network inspect appnet.",
    "The first server is Docker's DNS on the gateway: Docker 19.03 answers only container names there and returns SERVFAIL for the rest (Docker 26 forwards them). The second, 10.77.65.66, was a VPN's resolver and cannot be reached from here, so no server answers.": "첫 번째 서버는 게이트웨이에 있는 Docker의 DNS입니다: Docker 19.03은 거기서 컨테이너 이름만 답하고 나머지에는 SERVFAIL을 돌려줍니다(Docker 26부터는 전달합니다). 두 번째인 10.77.65.66은 VPN의 리졸버였고 여기서는 닿지 않으므로, 답하는 서버가 없습니다.",
    "app (on appnet) resolves internet names the way Windows does (ping www.google.com)": "app(appnet)이 Windows 방식으로 인터넷 이름을 풉니다(ping www.google.com)",
    "give app a DNS server it can reach after Docker's own: docker run … --dns 192.168.0.1": "Docker 자체 DNS 다음에 닿을 수 있는 DNS 서버를 app에 주세요: docker run … --dns 192.168.0.1",
    "app still resolves container names through Docker's DNS (ping web)": "app이 여전히 Docker의 DNS로 컨테이너 이름을 풉니다(ping web)",
    "keep the gateway (Docker's DNS) as the first server: do not turn gateway DNS off": "게이트웨이(Docker의 DNS)를 첫 번째 서버로 두세요: 게이트웨이 DNS를 끄지 마세요",
    'docker rm -f app; docker run -d --name app --network appnet --dns 192.168.0.1 mcr.microsoft.com/windows/servercore/iis — --dns replaces the network\'s DNS servers after Docker\'s gateway. For every container: daemon.json "dns": ["192.168.0.1"] (docker/for-win#12753), or create the network without the stale dnsservers option.': 'docker rm -f app; docker run -d --name app --network appnet --dns 192.168.0.1 mcr.microsoft.com/windows/servercore/iis — --dns는 Docker 게이트웨이 뒤에 오는 네트워크의 DNS 서버를 바꿉니다. 모든 컨테이너에 적용하려면 daemon.json "dns": ["192.168.0.1"](docker/for-win#12753), 또는 오래된 dnsservers 옵션 없이 네트워크를 다시 만드세요.',
    "docker service ls shows 0/1; docker service ps web --no-trunc shows each task Rejected and the daemon's error in the ERROR column.": "docker service ls에는 0/1이 나오고, docker service ps web --no-trunc에는 각 태스크가 Rejected로, 디먼의 오류가 ERROR 열에 나옵니다.",
    "pod1 reaches host2:8080 and the answer comes back": "pod1이 host2:8080에 닿고 응답이 돌아옵니다",
    "the reply to a pod address needs a route on the LAN (or the traffic must be SNAT'd)": "파드 주소로 가는 응답에는 LAN의 경로가 필요합니다(아니면 트래픽이 SNAT되어야 합니다)",
    "every running container still has its network endpoints": "실행 중인 컨테이너가 모두 자기 네트워크 끝점을 가지고 있습니다",
    "a fix that deletes HNS state must name exactly the stale objects: filter the pipeline (Get-HnsEndpoint | ? IPAddress -eq <address> | Remove-HnsEndpoint), never remove them all": "HNS 상태를 지우는 해결책은 낡은 객체만 정확히 골라야 합니다. 파이프라인을 거르세요(Get-HnsEndpoint | ? IPAddress -eq <주소> | Remove-HnsEndpoint). 전부 지우면 안 됩니다",
    "lab.trace('api', 'db', port=1433); on host2: Get-NetFirewallRule -Action Block | Get-NetFirewallPortFilter": "lab.trace('api', 'db', port=1433); host2에서: Get-NetFirewallRule -Action Block | Get-NetFirewallPortFilter",
    # the exercises' tasks, check descriptions and hints (hints that are a command stay as they are)
    "Run a container named 'hello' on the default nat network and find its address.": "기본 nat 네트워크에서 'hello'라는 컨테이너를 실행하고 그 주소를 찾으세요.",
    "a container named 'hello' exists": "'hello'라는 컨테이너가 있습니다",
    "'hello' is running": "'hello'가 실행 중입니다",
    "docker create only creates it; docker start (or docker run) starts it": "docker create는 만들기만 합니다. docker start(또는 docker run)가 시작합니다",
    "'hello' has an endpoint on the default 'nat' network": "'hello'에 기본 'nat' 네트워크의 끝점이 있습니다",
    "without --network a Windows container joins the network called nat": "--network가 없으면 Windows 컨테이너는 nat라는 네트워크에 연결됩니다",
    "its address is inside the nat network's internal prefix": "그 주소가 nat 네트워크의 내부 접두사 안에 있습니다",
    "HNS hands out addresses from the nat prefix; see docker network inspect nat": "HNS는 nat 접두사에서 주소를 나눠 줍니다. docker network inspect nat를 보세요",
    "Create a nat network 'webnet' with subnet 10.99.0.0/24 and run 'web' on it, publishing host port 8080 to container port 80.": "서브넷 10.99.0.0/24로 nat 네트워크 'webnet'을 만들고, 그 위에서 호스트 포트 8080을 컨테이너 포트 80에 게시하는 'web'을 실행하세요.",
    "network 'webnet' exists and uses the nat driver": "네트워크 'webnet'이 있고 nat 드라이버를 씁니다",
    "'webnet' has the subnet 10.99.0.0/24": "'webnet'의 서브넷이 10.99.0.0/24입니다",
    "--subnet 10.99.0.0/24 (remove the network and create it again to change it)": "--subnet 10.99.0.0/24 (바꾸려면 네트워크를 지우고 다시 만드세요)",
    "'web' has an endpoint on 'webnet'": "'web'에 'webnet'의 끝점이 있습니다",
    "WinNAT forwards TCP 8080 to web's port 80": "WinNAT이 TCP 8080을 web의 포트 80으로 전달합니다",
    "-p 8080:80 makes HNS add a WinNAT static mapping (Get-NetNatStaticMapping)": "-p 8080:80이면 HNS가 WinNAT 정적 매핑을 추가합니다(Get-NetNatStaticMapping)",
    "a Windows Firewall rule allows TCP 8080": "Windows 방화벽 규칙이 TCP 8080을 허용합니다",
    "HNS adds the firewall allow rule together with the static mapping": "HNS는 정적 매핑과 함께 방화벽 허용 규칙을 추가합니다",
    "The container host is a Hyper-V VM. Create a transparent network 'lan' with the static subnet 192.168.0.0/24 (gateway 192.168.0.1), run 'printer' at 192.168.0.50 and make sure its frames are not dropped by the Hyper-V host.": "컨테이너 호스트는 Hyper-V VM입니다. 정적 서브넷 192.168.0.0/24(게이트웨이 192.168.0.1)로 투명 네트워크 'lan'을 만들고, 192.168.0.50에 'printer'를 실행한 뒤, Hyper-V 호스트가 그 프레임을 버리지 않게 하세요.",
    "network 'lan' exists and uses the transparent driver": "네트워크 'lan'이 있고 transparent(투명) 드라이버를 씁니다",
    "'printer' has the address 192.168.0.50 on 'lan'": "'printer'의 'lan' 주소가 192.168.0.50입니다",
    "MAC address spoofing is on for the VM's network adapter": "VM 네트워크 어댑터에 MAC 주소 스푸핑이 켜져 있습니다",
    "transparent frames carry the container's own MAC: Set-VMNetworkAdapter -MacAddressSpoofing On (host.configure(mac_spoofing=True))": "투명 네트워크의 프레임은 컨테이너 자신의 MAC을 답니다: Set-VMNetworkAdapter -MacAddressSpoofing On (host.configure(mac_spoofing=True))",
    "'printer' reaches 8.8.8.8:53/udp": "'printer'가 8.8.8.8:53/udp에 닿습니다",
    "lab.trace('printer', '8.8.8.8', port=53, protocol='udp') says why it is dropped": "lab.trace('printer', '8.8.8.8', port=53, protocol='udp')가 버려지는 이유를 알려 줍니다",
    "With two hosts in one swarm, create the attachable overlay network 'appnet' (10.0.9.0/24), run 'front' on host1 and 'back' on host2, and let front reach back:80.": "호스트 두 대를 한 swarm에 넣고, 연결 가능한 오버레이 네트워크 'appnet'(10.0.9.0/24)을 만든 뒤, host1에 'front', host2에 'back'을 실행하고 front가 back:80에 닿게 하세요.",
    "host1 and host2 are in one swarm": "host1과 host2가 한 swarm에 있습니다",
    "docker swarm init on host1, docker swarm join on host2": "host1에서 docker swarm init, host2에서 docker swarm join",
    "'appnet' is an attachable overlay network": "'appnet'이 연결 가능한(attachable) 오버레이 네트워크입니다",
    "'front' runs on host1 and 'back' on host2, both on 'appnet'": "'front'는 host1에서, 'back'은 host2에서, 둘 다 'appnet' 위에서 실행 중입니다",
    "lab.docker('run … --network appnet …', host='host2') runs on host2": "lab.docker('run … --network appnet …', host='host2')는 host2에서 실행됩니다",
    "host1's HNS knows 'back' as a remote endpoint": "host1의 HNS가 'back'을 원격 끝점으로 알고 있습니다",
    "each node learns the others' containers as remote endpoints (IsRemoteEndpoint)": "각 노드는 다른 노드의 컨테이너를 원격 끝점(IsRemoteEndpoint)으로 알게 됩니다",
    "front reaches back:80 through a VXLAN tunnel": "front가 VXLAN 터널을 지나 back:80에 닿습니다",
    "the packet walk shows the VXLAN outer header (UDP 4789, the VNI) between hosts": "패킷 따라가기가 호스트 사이의 VXLAN 바깥 헤더(UDP 4789, VNI)를 보여 줍니다",
    "Create the l2bridge network 'podnet' (10.244.5.0/24, gateway 10.244.5.1) with OutboundNAT except for 10.0.0.0/8, run 'pod1' on it, and let pod1 query 8.8.8.8:53/udp.": "10.0.0.0/8을 예외로 둔 OutboundNAT과 함께 l2bridge 네트워크 'podnet'(10.244.5.0/24, 게이트웨이 10.244.5.1)을 만들고, 그 위에 'pod1'을 실행한 뒤 pod1이 8.8.8.8:53/udp에 질의하게 하세요.",
    "'podnet' is an l2bridge network with subnet 10.244.5.0/24": "'podnet'이 서브넷 10.244.5.0/24의 l2bridge 네트워크입니다",
    "pod1's endpoint has an OutBoundNAT policy excepting 10.0.0.0/8": "pod1의 끝점에 10.0.0.0/8을 예외로 둔 OutBoundNAT 정책이 있습니다",
    "pod1 reaches 8.8.8.8:53/udp": "pod1이 8.8.8.8:53/udp에 닿습니다",
    "without OutboundNAT an l2bridge container cannot leave its subnet to the internet": "OutboundNAT이 없으면 l2bridge 컨테이너는 서브넷을 벗어나 인터넷으로 나갈 수 없습니다",
    "on the wire pod1's frames carry the host's MAC": "회선 위의 pod1 프레임에 호스트의 MAC이 붙어 있습니다",
    "l2bridge rewrites the source MAC to the host's (VFP MAC rewrite)": "l2bridge는 출발지 MAC을 호스트의 MAC으로 바꿉니다(VFP MAC 재작성)",
    "Create the l2tunnel network 'tenant' (10.50.0.0/24, gateway 10.50.0.1, VSID 5001), run 't1' and 't2' on it and show that even t1 -> t2 goes through the physical host.": "l2tunnel 네트워크 'tenant'(10.50.0.0/24, 게이트웨이 10.50.0.1, VSID 5001)를 만들고 그 위에 't1'과 't2'를 실행한 뒤, t1 -> t2조차 물리적 호스트를 거쳐 간다는 것을 보이세요.",
    "'tenant' is an l2tunnel network": "'tenant'가 l2tunnel 네트워크입니다",
    "'tenant' carries the VSID 5001": "'tenant'에 VSID 5001이 있습니다",
    "-o com.docker.network.windowsshim.vsid=5001 adds the HNS policy {Type: VSID}": "-o com.docker.network.windowsshim.vsid=5001이 HNS 정책 {Type: VSID}를 추가합니다",
    "'t1' and 't2' have endpoints on 'tenant'": "'t1'과 't2'에 'tenant'의 끝점이 있습니다",
    "two docker run --network tenant …": "docker run --network tenant … 두 번",
    "t1 -> t2 is hair-pinned through the physical Hyper-V host": "t1 -> t2가 물리적 Hyper-V 호스트를 돌아서 갑니다",
    "l2tunnel forwards every packet to the physical host, where SDN policy applies": "l2tunnel은 모든 패킷을 물리적 호스트로 보내고, 그곳에서 SDN 정책이 적용됩니다",
    "Create a nat network whose HNS name is 'labnat' (not the 64-hex id) and run 'probe' on it with the MAC address 00-15-5D-AA-BB-CC.": "HNS 이름이 (64자리 ID가 아니라) 'labnat'인 nat 네트워크를 만들고, 그 위에 MAC 주소 00-15-5D-AA-BB-CC로 'probe'를 실행하세요.",
    "a nat network is called 'labnat' in HNS": "HNS에 'labnat'이라는 nat 네트워크가 있습니다",
    "its internal vSwitch is named 'labnat' too": "그 내부 가상 스위치의 이름도 'labnat'입니다",
    "HNS names the nat network's internal vSwitch after the HNS network": "HNS는 nat 네트워크의 내부 가상 스위치에 HNS 네트워크의 이름을 붙입니다",
    "'probe' has the MAC 00-15-5D-AA-BB-CC": "'probe'의 MAC이 00-15-5D-AA-BB-CC입니다",
    "docker run --mac-address 00:15:5d:aa:bb:cc … (HNS writes it with dashes)": "docker run --mac-address 00:15:5d:aa:bb:cc … (HNS는 대시로 구분해 씁니다)",
    "HNS logged the endpoint for 'probe'": "HNS가 'probe'의 끝점을 기록했습니다",
    "wl.tables.events(lab) lists what Docker, HNS and HCS did, in order": "wl.tables.events(lab)는 Docker, HNS, HCS가 한 일을 순서대로 보여 줍니다",
    "Show that --internal does not isolate anything on Windows: create the nat network 'quiet' with --internal, run 'q1' on it, and let q1 still reach 8.8.8.8:53/udp; try --ipv6 on it too and see that quiet stays IPv4 only.": "--internal이 Windows에서 아무것도 격리하지 않는다는 것을 보이세요: --internal로 nat 네트워크 'quiet'을 만들고, 그 위에 'q1'을 실행한 뒤 q1이 여전히 8.8.8.8:53/udp에 닿게 하세요. --ipv6도 시도해 보고 quiet이 IPv4로만 남는 것을 확인하세요.",
    "'quiet' exists and is marked Internal": "'quiet'이 있고 Internal로 표시되어 있습니다",
    "docker network create -d nat --internal quiet (accepted, with a warning)": "docker network create -d nat --internal quiet (경고와 함께 받아들여집니다)",
    "'q1' has an endpoint on 'quiet'": "'q1'에 'quiet'의 끝점이 있습니다",
    "q1 still reaches 8.8.8.8:53/udp": "q1이 여전히 8.8.8.8:53/udp에 닿습니다",
    "the Windows driver ignores --internal: WinNAT still routes the traffic out": "Windows 드라이버는 --internal을 무시합니다. WinNAT이 여전히 트래픽을 밖으로 내보냅니다",
    "--ipv6 is rejected by the windows IPAM driver; nothing is created": "--ipv6은 windows IPAM 드라이버가 거부하므로 아무것도 만들어지지 않습니다",
    "Two hosts: run 'web' on host1's default nat network publishing 8080:80 and 'client' on host2, then make client reach host1:8080.": "호스트 두 대: host1의 기본 nat 네트워크에 8080:80을 게시하는 'web'을, host2에 'client'를 실행한 뒤 client가 host1:8080에 닿게 하세요.",
    "'web' runs on host1 on the nat network": "'web'이 host1의 nat 네트워크에서 실행 중입니다",
    "'web' publishes TCP 8080": "'web'이 TCP 8080을 게시합니다",
    "'client' runs on host2": "'client'가 host2에서 실행 중입니다",
    "lab.add_host() then lab.docker('run …', host='host2')": "lab.add_host() 다음에 lab.docker('run …', host='host2')",
    "client reaches host1:8080": "client가 host1:8080에 닿습니다",
    "nat containers on other hosts are reached through the host's published port": "다른 호스트의 nat 컨테이너에는 그 호스트의 게시된 포트로 닿습니다",
    "Load a real Get-HnsNetwork dump, then add the nat network 'mine' (10.77.0.0/24) with a container 'probe' on it next to the imported networks.": "실제 Get-HnsNetwork 덤프를 불러온 뒤, 불러온 네트워크 옆에 nat 네트워크 'mine'(10.77.0.0/24)과 그 위의 컨테이너 'probe'를 추가하세요.",
    "the lab holds imported HNS networks": "랩에 불러온 HNS 네트워크가 있습니다",
    "lab = wl.load_hns(path) reads Get-HnsNetwork / Get-HnsEndpoint output": "lab = wl.load_hns(path)가 Get-HnsNetwork / Get-HnsEndpoint 출력을 읽습니다",
    "network 'mine' exists with subnet 10.77.0.0/24": "서브넷 10.77.0.0/24의 네트워크 'mine'이 있습니다",
    "'probe' has an address in 10.77.0.0/24": "'probe'에 10.77.0.0/24 안의 주소가 있습니다",
    "Load the scenario 'overlay-4789-blocked' (s = wl.scenarios.load(...)) and fix its lab the way the real "
    "fix works: api on host1 must reach db on host2 with the firewall still on.": (
        "시나리오 'overlay-4789-blocked'를 불러와(s = wl.scenarios.load(...)) 실제 해결책과 같은 방법으로 그 "
        "랩을 고치세요. 방화벽을 켠 채로 host1의 api가 host2의 db에 닿아야 합니다."
    ),
    "lab.trace('api', 'db', port=1433) shows which host's firewall drops the VXLAN packets": (
        "lab.trace('api', 'db', port=1433)가 어느 호스트의 방화벽이 VXLAN 패킷을 버리는지 보여 줍니다"
    ),
    "the Windows Firewall of host2 is still on": "host2의 Windows 방화벽이 여전히 켜져 있습니다",
    "remove or disable only the rule that blocks UDP 4789, not the whole firewall": (
        "방화벽 전체가 아니라 UDP 4789를 막는 규칙만 지우거나 끄세요"
    ),
}

# Teaching hints under command results (CommandResult.hints), matched as templates: a
# "{field}" matches any text, which the Korean sentence repeats (itself translated when a
# template fits it, e.g. "the container web").  What the command printed
# is never translated; hints without a template here stay English.
HINTS = {
    "host port {port} is held by {who}: WinNAT cannot map a port that is already taken; "
    "publish another host port or free that one": (
        "호스트 포트 {port}은(는) {who}이(가) 쓰고 있습니다. WinNAT은 이미 쓰이는 포트를 매핑할 수 "
        "없습니다. 다른 호스트 포트를 게시하거나 그 포트를 비우세요"
    ),
    "host port {port} is already published by {who}": "호스트 포트 {port}은(는) 이미 {who}이(가) 게시했습니다",
    # the Windows Firewall's verdicts (engine.firewall), a field of the walk's reasons
    "the firewall is off for the {profile} profile": "{profile} 프로필의 방화벽이 꺼져 있습니다",
    "the block rule '{name}' ({rule}) wins over allow rules": (
        "차단 규칙 '{name}'({rule})이(가) 허용 규칙보다 우선합니다"
    ),
    "allowed by '{name}'": "'{name}'이(가) 허용합니다",
    "no enabled allow rule matches inbound {what}: the default inbound action is Block": (
        "인바운드 {what}에 맞는 사용 중인 허용 규칙이 없습니다. 기본 인바운드 동작은 Block입니다"
    ),
    # who holds a port (a field of the two hints above; fields are translated too)
    "the container {name}": "컨테이너 {name}",
    "the routing mesh of the swarm service {service}": "swarm 서비스 {service}의 라우팅 메시",
    "the host process {process} (PID {pid})": "호스트 프로세스 {process}(PID {pid})",
    "another endpoint being created": "함께 만들어지는 다른 끝점",
    "another endpoint": "다른 끝점",
    "{host} cannot reach {manager}:2377/tcp (cluster management): {why}. Open it on {manager2}: "
    "New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP -LocalPort 2377 "
    "-Action Allow": (
        "{host}에서 {manager}:2377/tcp(클러스터 관리)에 닿지 못합니다: {why}. {manager2}에서 포트를 "
        "여세요: New-NetFirewallRule -DisplayName 'Swarm 2377' -Direction Inbound -Protocol TCP "
        "-LocalPort 2377 -Action Allow"
    ),
    "a stale HNS endpoint (left by an unclean shutdown) still holds that address: find it with "
    "Get-HnsEndpoint and remove only it (Get-HnsEndpoint | ? IPAddress -eq <address> | Remove-HnsEndpoint)": (
        "깨끗하지 않은 종료가 남긴 HNS 끝점이 아직 그 주소를 쥐고 있습니다. Get-HnsEndpoint로 찾아 그것만 "
        "지우세요(Get-HnsEndpoint | ? IPAddress -eq <address> | Remove-HnsEndpoint)"
    ),
    "{windows} has one WinNAT prefix ({prefix}); another nat network must be a partition of it "
    "(see Get-NetNat InternalIPInterfaceAddressPrefix)": (
        "{windows}에는 WinNAT 접두사가 하나뿐입니다({prefix}). 다른 nat 네트워크는 그것을 나눈 일부여야 "
        "합니다(Get-NetNat의 InternalIPInterfaceAddressPrefix 참조)"
    ),
    "endpoints cannot be hot-added to or removed from a running Hyper-V isolated container: "
    "stop it, connect, start it": (
        "실행 중인 Hyper-V 격리 컨테이너에는 끝점을 추가하거나 뺄 수 없습니다. 멈추고, 연결하고, 다시 시작하세요"
    ),
    "{windows} cannot change the networks of a running container (hot-add arrived with Windows Server 1709)": (
        "{windows}에서는 실행 중인 컨테이너의 네트워크를 바꿀 수 없습니다(hot-add는 Windows Server 1709부터)"
    ),
    "overlay networks and services need swarm mode: run 'docker swarm init' first": (
        "오버레이 네트워크와 서비스에는 swarm 모드가 필요합니다. 먼저 'docker swarm init'을 실행하세요"
    ),
    "'{adapter}' already carries the external vSwitch '{switch}' of the {driver} network '{network}'; "
    "{why}: {advice}": (
        "'{adapter}'에는 이미 {driver} 네트워크 '{network}'의 외부 가상 스위치 '{switch}'가 연결되어 "
        "있습니다. {why}. {advice}"
    ),
    # the two fields of the hint above
    "each {other} network needs an adapter of its own": "{other} 네트워크마다 자기 어댑터가 필요합니다",
    "networks of different kinds need adapters of their own": "종류가 다른 네트워크에는 각자의 어댑터가 필요합니다",
    "use a free adapter: {option}": "비어 있는 어댑터를 쓰세요: {option}",
    "{host} has no free adapter: add one (winnetlab shell --adapters {n}, or "
    'host.add_adapter("{name}") in Python)': (
        "{host}에는 비어 있는 어댑터가 없습니다. 하나 추가하세요(winnetlab shell --adapters {n}, 또는 "
        'Python에서 host.add_adapter("{name}"))'
    ),
    "{option} is accepted but has no effect on Windows: {why}": (
        "{option}은(는) 받아들여지지만 Windows에서는 아무 효과가 없습니다: {why}"
    ),
    "Windows containers have no ifconfig: use ipconfig (or ipconfig /all)": (
        "Windows 컨테이너에는 ifconfig가 없습니다. ipconfig(또는 ipconfig /all)를 쓰세요"
    ),
    "Windows containers have no ip command: use ipconfig /all and route print": (
        "Windows 컨테이너에는 ip 명령이 없습니다. ipconfig /all과 route print를 쓰세요"
    ),
    "there is no /etc/resolv.conf on Windows: DNS servers are per-adapter settings, see ipconfig /all": (
        "Windows에는 /etc/resolv.conf가 없습니다. DNS 서버는 어댑터별 설정이니 ipconfig /all을 보세요"
    ),
    "use nslookup NAME on Windows": "Windows에서는 nslookup NAME을 쓰세요",
    "{name} is a container: only Docker's embedded DNS (nat and overlay networks) answers container "
    "names, and {node} does not share such a network with it": (
        "{name}은(는) 컨테이너입니다. 컨테이너 이름에는 Docker의 내장 DNS(nat와 overlay 네트워크)만 "
        "답하는데, {node}은(는) 그런 네트워크를 {name}와(과) 함께 쓰지 않습니다"
    ),
    "{name} does not exist (no such name or TLD)": "{name}은(는) 없습니다(그런 이름이나 TLD가 없습니다)",
    "nothing listens on port {port} there (the connection is refused)": (
        "그곳의 포트 {port}에서 듣고 있는 것이 없습니다(연결이 거부됩니다)"
    ),
    "nothing listens on port {port} there": "그곳의 포트 {port}에서 듣고 있는 것이 없습니다",
    "there is no terminal here: use 'docker run -dit …' and 'docker exec …', or winnetlab shell for "
    "an interactive prompt inside the container": (
        "여기에는 터미널이 없습니다. 'docker run -dit …'과 'docker exec …'을 쓰거나, 컨테이너 안의 대화형 "
        "프롬프트는 winnetlab shell에서 여세요"
    ),
    "Nano Server has no PowerShell: use cmd /c …": "Nano Server에는 PowerShell이 없습니다. cmd /c …를 쓰세요",
    "Windows names it tracert": "Windows에서는 tracert라고 합니다",
    "port mappings live on the host: Get-NetNatStaticMapping or docker port": (
        "포트 매핑은 호스트에 있습니다. Get-NetNatStaticMapping이나 docker port를 쓰세요"
    ),
    "Windows uses the Windows Firewall and VFP, not iptables: see Get-NetFirewallRule and vfpctrl": (
        "Windows는 iptables가 아니라 Windows 방화벽과 VFP를 씁니다. Get-NetFirewallRule과 vfpctrl을 보세요"
    ),
}


@functools.cache
def _hint_patterns():
    """(compiled regex, Korean template) for every hint template, longest first."""
    patterns = []
    for english, korean in sorted(HINTS.items(), key=lambda item: -len(item[0])):
        parts = re.split(r"\{(\w+)\}", english)
        regex = "".join(f"(?P<{p}>.+?)" if i % 2 else re.escape(p) for i, p in enumerate(parts))
        patterns.append((re.compile(regex + r"\Z", re.S), korean))
    return patterns


def hint(text: str, lang: str | None = None) -> str:
    """A teaching hint in ``lang`` (matched against :data:`HINTS`; English when none fits)."""
    if resolve(lang) != "ko":
        return text
    if isinstance(text, Said):
        return speak(text, lang)
    for pattern, korean in _hint_patterns():
        found = pattern.match(text)
        if found:
            return korean.format(**{k: hint(v, lang) for k, v in found.groupdict().items()})
    return text


class Said(str):
    """A sentence the walk or ``diagnose`` said: its English text (what ``str`` and ``==``
    see, byte for byte) that remembers its template and fields, so :func:`speak` can say it
    in another language.  The code that decides stays free of presentation: it only names
    the template and the facts."""

    template: str
    fields: dict

    def __new__(cls, template: str, fields: dict) -> "Said":
        said = super().__new__(cls, template.format(**fields))
        said.template, said.fields = template, fields
        return said

    def __reduce__(self):
        return (Said, (self.template, self.fields))


def say(template: str, **fields) -> Said:
    """``template.format(**fields)`` that can later be said in Korean (see :data:`SAID`)."""
    return Said(template, fields)


def speak(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang``: a :class:`Said` through its Korean template in :data:`SAID`, its
    fields said too (a field that is plain English text goes through :func:`hint`);
    anything else, and every text in English, unchanged."""
    if resolve(lang) != "ko" or not isinstance(text, Said) or text.template not in SAID:
        return text
    fields = {k: hint(v, lang) if isinstance(v, str) else v for k, v in text.fields.items()}
    return SAID[text.template].format(**fields)


# English template of a walk reason or a diagnose finding (i18n.say) -> Korean
SAID = {
    "it has no network endpoint": "네트워크 끝점이 없습니다",
    "{container} has no route to {ip}: {why}": "{container}에는 {ip}(으)로 가는 경로가 없습니다. {why}",
    "its only address is the link-local {apipa} (APIPA: no default gateway) because no DHCP offer reached it — its DHCP DISCOVER never left the VM: {below}": "DHCP 제안이 닿지 않아 유일한 주소가 링크 로컬 주소 {apipa}(APIPA: 기본 게이트웨이 없음)입니다 — DHCP DISCOVER가 VM을 떠나지 못했습니다: {below}",
    "its only address is the link-local {apipa} (APIPA: no default gateway) because no DHCP offer reached it — its DHCP DISCOVER never left the VM: {below}; then restart the container (docker restart) so that it asks for a lease again": "DHCP 제안이 닿지 않아 유일한 주소가 링크 로컬 주소 {apipa}(APIPA: 기본 게이트웨이 없음)입니다 — DHCP DISCOVER가 VM을 떠나지 못했습니다: {below}. 그다음 컨테이너를 다시 시작해(docker restart) 임대를 다시 요청하게 하세요",
    "the route {route} via {gateway} (added with route add) sends the packet to {gateway}, and nothing answers ARP for it: {why}": "route add로 추가한 경로 {route}(게이트웨이 {gateway})가 패킷을 {gateway}(으)로 보내는데, 그 주소에 ARP로 답하는 것이 없습니다: {why}",
    "{shown} and {n} more": "{shown} 외 {n}개",
    "{n} endpoint(s) have an IP outside the subnets of network {network} ({subnets}): {which}": "끝점 {n}개의 IP가 네트워크 {network}의 서브넷({subnets}) 밖에 있습니다: {which}",
    "a stale endpoint or a network re-created with another prefix. Verify first that no running container uses it (Get-HnsEndpoint -Id <id> shows no SharedContainers; docker ps / crictl pods); then remove only that endpoint (Remove-HnsEndpoint) and restart its container: {ids}": "남아 있는 오래된 끝점이거나 다른 접두사로 다시 만든 네트워크입니다. 먼저 실행 중인 컨테이너가 그것을 쓰지 않는지 확인하고(Get-HnsEndpoint -Id <id>에 SharedContainers가 없음, docker ps / crictl pods), 그 끝점만 지운 뒤(Remove-HnsEndpoint) 그 컨테이너를 다시 시작하세요: {ids}",
    "{n} endpoints share the {what} {value}: {which}": "끝점 {n}개가 같은 {what} {value}을(를) 씁니다: {which}",
    "two endpoints with one address break ARP and VFP rules. Verify first which one a running container holds (Get-HnsEndpoint | ? IPAddress -eq <ip>, docker inspect); then remove only the stale one (Remove-HnsEndpoint -Id <id>) of: {ids}": "주소 하나를 가진 끝점 두 개는 ARP와 VFP 규칙을 망가뜨립니다. 먼저 실행 중인 컨테이너가 어느 것을 쥐고 있는지 확인하고(Get-HnsEndpoint | ? IPAddress -eq <ip>, docker inspect), 다음 가운데 오래된 것만 지우세요(Remove-HnsEndpoint -Id <id>): {ids}",
    "NAT prefix {prefix} contains the host address {ip}": "NAT 접두사 {prefix}에 호스트 주소 {ip}이(가) 들어 있습니다",
    "WinNAT needs internal and external prefixes that do not overlap: set another prefix (fixed-cidr in daemon.json, or --subnet)": "WinNAT에는 겹치지 않는 내부 접두사와 외부 접두사가 필요합니다. 다른 접두사를 정하세요(daemon.json의 fixed-cidr, 또는 --subnet)",
    "{n} NAT prefixes on one host: {prefixes}": "호스트 하나에 NAT 접두사 {n}개: {prefixes}",
    "Windows Server 2016 supports one WinNAT internal prefix per host; later versions allow several, but overlapping or leftover NetNat objects (Get-NetNat) are a common cause of lost outbound traffic": "Windows Server 2016은 호스트마다 WinNAT 내부 접두사 하나만 지원합니다. 이후 버전은 여러 개를 허용하지만, 겹치거나 남아 있는 NetNat 객체(Get-NetNat)는 아웃바운드 트래픽이 사라지는 흔한 원인입니다",
    "references {n} endpoint(s) that do not exist on the host: {which}": "호스트에 없는 끝점 {n}개를 가리킵니다: {which}",
    "the load balancer sends traffic to backends that are gone. Verify first that each is really gone (Get-HnsEndpoint -Id <id> returns nothing) and that kube-proxy/Docker is running; then remove only this policy list (Get-HnsPolicyList | ? ID -eq {id} | Remove-HnsPolicyList) and let its owner rebuild it": "부하 분산기가 사라진 백엔드로 트래픽을 보냅니다. 먼저 각 끝점이 정말 없는지(Get-HnsEndpoint -Id <id>가 아무것도 돌려주지 않음)와 kube-proxy/Docker가 실행 중인지 확인하고, 이 정책 목록만 지운 뒤(Get-HnsPolicyList | ? ID -eq {id} | Remove-HnsPolicyList) 그 주인이 다시 만들게 하세요",
    "references {n} endpoint(s) not in this dump: {which}": "이 덤프에 없는 끝점 {n}개를 가리킵니다: {which}",
    "not a fault: the dump does not list every endpoint of the host; add Get-HnsEndpoint output (or hnsdiag list all) to check them": "결함이 아닙니다. 이 덤프는 호스트의 모든 끝점을 담고 있지 않습니다. 확인하려면 Get-HnsEndpoint 출력(또는 hnsdiag list all)을 더하세요",
    "remote endpoint {ip} on overlay network {network} has no provider address (PA policy)": "오버레이 네트워크 {network}의 원격 끝점 {ip}에 공급자 주소(PA 정책)가 없습니다",
    'VFP cannot encapsulate traffic to it: the CNI or the swarm agent must add {{"Type": "PA", "PA": <other host\'s address>}}': 'VFP가 그곳으로 가는 트래픽을 캡슐화할 수 없습니다. CNI나 swarm 에이전트가 {{"Type": "PA", "PA": <other host\'s address>}}를 더해야 합니다',
    "management IP {ip} is a link-local (APIPA) address": "관리 IP {ip}은(는) 링크 로컬(APIPA) 주소입니다",
    "the adapter had no address when HNS created the network (DHCP not ready). Verify first that the adapter now has its address (Get-NetIPAddress) and which containers use the network; then remove and re-create only network {network} ({id})": "HNS가 네트워크를 만들 때 어댑터에 주소가 없었습니다(DHCP 준비 안 됨). 먼저 어댑터가 이제 주소를 가졌는지(Get-NetIPAddress)와 어느 컨테이너가 그 네트워크를 쓰는지 확인하고, 네트워크 {network}({id})만 지웠다가 다시 만드세요",
    "overlay networks {networks} share VSID (VXLAN VNI) {vsid}": "오버레이 네트워크 {networks}이(가) 같은 VSID(VXLAN VNI) {vsid}을(를) 씁니다",
    "each overlay network needs its own VNI; Docker deletes the older network when a new one reuses its VNI": "오버레이 네트워크마다 자기 VNI가 필요합니다. 새 네트워크가 같은 VNI를 다시 쓰면 Docker는 오래된 네트워크를 지웁니다",
    "no endpoint has an OutBoundNAT policy: containers on this l2bridge network cannot reach the internet": "OutBoundNAT 정책을 가진 끝점이 없습니다. 이 l2bridge 네트워크의 컨테이너는 인터넷에 닿을 수 없습니다",
    "create the network with -o {option} (or add an OutBoundNAT endpoint policy in the CNI config)": "네트워크를 -o {option}(으)로 만드세요(또는 CNI 설정에 OutBoundNAT 끝점 정책을 더하세요)",
    "the answer never came back: {reason}": "응답이 돌아오지 않았습니다: {reason}",
    "VFP blocked unsolicited inbound {protocol} to {container}: {windows} denies inbound traffic by default (rule BLOCK_ALL_IN) and no rule allows it": "VFP가 {container}(으)로 오는 요청하지 않은 인바운드 {protocol}을(를) 막았습니다. {windows}은(는) 기본적으로 인바운드 트래픽을 거부하며(규칙 BLOCK_ALL_IN) 그것을 허용하는 규칙이 없습니다",
    "the ACL policy '{acl}' on {container}'s endpoint blocked the packet": "{container} 끝점의 ACL 정책 '{acl}'이(가) 패킷을 막았습니다",
    "OutboundNAT cannot translate ICMP": "OutboundNAT은 ICMP를 변환할 수 없음",
    "VFP cannot translate ICMP for NAT'ed outbound traffic on these networks: ping to the outside fails from overlay and l2bridge containers; probe with TCP or UDP instead": "이 네트워크에서 VFP는 NAT되는 아웃바운드 트래픽의 ICMP를 변환할 수 없습니다. overlay와 l2bridge 컨테이너에서 바깥으로 보내는 ping은 실패하니 TCP나 UDP로 확인하세요",
    "no backend behind {ip}": "{ip} 뒤에 백엔드 없음",
    "the service VIP {ip} has no running backend": "서비스 VIP {ip}에는 실행 중인 백엔드가 없습니다",
    "{host} is a Hyper-V VM without MAC address spoofing: its Hyper-V host drops frames for the container MAC {mac}, which is not the VM's own (on the Hyper-V host: Get-VMNetworkAdapter -VMName {host} | Set-VMNetworkAdapter -MacAddressSpoofing On)": "{host}은(는) MAC 주소 스푸핑이 꺼진 Hyper-V VM입니다. 그 Hyper-V 호스트는 VM 자신의 것이 아닌 컨테이너 MAC {mac}의 프레임을 버립니다(Hyper-V 호스트에서: Get-VMNetworkAdapter -VMName {host} | Set-VMNetworkAdapter -MacAddressSpoofing On)",
    "{host} is an Azure VM: Azure's virtual network forwards only the VM's own MAC and addresses, so the container MAC {mac} never gets through and MAC spoofing cannot be enabled there — transparent networks do not work on Azure; use l2bridge or overlay (the Azure CNI on AKS)": "{host}은(는) Azure VM입니다. Azure의 가상 네트워크는 VM 자신의 MAC과 주소만 전달하므로 컨테이너 MAC {mac}은(는) 결코 통과하지 못하고, 그곳에서는 MAC 스푸핑을 켤 수도 없습니다 — 투명 네트워크는 Azure에서 동작하지 않으니 l2bridge나 overlay(AKS의 Azure CNI)를 쓰세요",
    "nothing on the LAN {lan} answers for {ip}": "LAN {lan}에서 {ip}에 답하는 것이 없습니다",
    "the LAN router {router} received the packet from {ip}": "LAN 라우터 {router}이(가) {ip}에서 온 패킷을 받았습니다",
    "the reply reached the LAN router": "응답이 LAN 라우터에 닿았습니다",
    "the router has no route to {ip}, in the l2bridge subnet {subnet} of {host}: the LAN reaches pod subnets only where someone added a route (lab.add_route('{subnet}', via='{host}'))": "라우터에는 {host}의 l2bridge 서브넷 {subnet}에 있는 {ip}(으)로 가는 경로가 없습니다. LAN은 누군가 경로를 추가한 곳에서만 파드 서브넷에 닿습니다(lab.add_route('{subnet}', via='{host}'))",
    "the router has no route to {ip}: that private address lives behind a host (nat/overlay addresses are not on the LAN); reach it through a published port of its host": "라우터에는 {ip}(으)로 가는 경로가 없습니다. 그 사설 주소는 호스트 뒤에 있습니다(nat/overlay 주소는 LAN에 없습니다). 그 호스트의 게시된 포트로 닿으세요",
    "source {ip} is not a LAN address": "출발지 {ip}은(는) LAN 주소가 아님",
    "{ip} left the host untranslated: the router does not NAT and the internet could not answer that address (on l2bridge enable OutboundNAT: -o {option}; l2tunnel traffic leaves through the Azure VNet gateway, which the lab does not model)": "{ip}이(가) 변환되지 않은 채 호스트를 떠났습니다. 라우터는 NAT를 하지 않고 인터넷은 그 주소로 답할 수 없습니다(l2bridge에서는 OutboundNAT을 켜세요: -o {option}. l2tunnel 트래픽은 Azure VNet 게이트웨이로 나가는데, 랩은 그것을 모델링하지 않습니다)",
    "nothing answers at {ip}": "{ip}에서 답하는 것이 없음",
    "no server answers at {ip} (the lab's internet answers at the addresses its DNS gives out: well-known names, lab.add_dns_record names, and 198.51.100.0/24 or 203.0.113.0/24 for other names)": "{ip}에서 답하는 서버가 없습니다(랩의 인터넷은 자기 DNS가 나눠 주는 주소에서만 답합니다: 잘 알려진 이름, lab.add_dns_record로 넣은 이름, 그 밖의 이름에는 198.51.100.0/24나 203.0.113.0/24)",
    "{name} ({ip}) received the packet from {source}": "{name}({ip})이(가) {source}에서 온 패킷을 받았습니다",
    "{ip} is not reachable from the internet: only LAN addresses are routed (publish a port on the container's host)": "{ip}에는 인터넷에서 닿을 수 없습니다. LAN 주소만 라우팅됩니다(컨테이너 호스트에 포트를 게시하세요)",
    "{host} answered itself": "{host}이(가) 스스로 응답했습니다",
    "nothing listens on 127.0.0.1:{port}": "127.0.0.1:{port}에서 듣는 것이 없음",
    "no port {port}/{protocol} is published on {host}": "{host}에는 게시된 포트 {port}/{protocol}이(가) 없습니다",
    "published ports answer on localhost only from Windows Server 2019 (1809); {windows} does not: use the container's own address": "게시된 포트는 Windows Server 2019(1809)부터만 localhost에서 응답합니다. {windows}은(는) 그렇지 않으니 컨테이너 자신의 주소를 쓰세요",
    "VFP port mappings are not reachable from the host itself (no NodePort from the node)": "VFP 포트 매핑은 호스트 자신에서는 닿을 수 없습니다(노드에서 자기 NodePort로는 안 됨)",
    "localhost:{port} is not forwarded": "localhost:{port}은(는) 전달되지 않음",
    "{ip}:{port} from the host itself": "호스트 자신에서 {ip}:{port}(으)로",
    "from the NAT host itself a published port cannot be reached through its own address {ip}:{port} (WinNAT limitation): use localhost (Windows Server 2019+) or the container's address": "NAT 호스트 자신에서는 자기 주소 {ip}:{port}(으)로 게시된 포트에 닿을 수 없습니다(WinNAT의 제한). localhost(Windows Server 2019 이상)나 컨테이너 주소를 쓰세요",
    "no endpoint {ip} here": "여기에는 끝점 {ip}이(가) 없음",
    "{host} has no container with the address {ip}": "{host}에는 주소가 {ip}인 컨테이너가 없습니다",
    "unknown VNI {vni}": "알 수 없는 VNI {vni}",
    "{host} has no overlay network with VNI {vni}": "{host}에는 VNI가 {vni}인 오버레이 네트워크가 없습니다",
    "inbound UDP {port} (VXLAN) blocked": "인바운드 UDP {port}(VXLAN) 차단됨",
    "no remote endpoint for {ip}": "{ip}에 대한 원격 엔드포인트 없음",
    "{host} never learned where {ip} lives: swarm gossip with {peer} (7946/tcp+udp) is blocked — {why}": "{host}은(는) {ip}가 어디 있는지 끝내 알지 못했습니다: {peer}와의 swarm 가십(7946/tcp+udp)이 막혀 있습니다 — {why}",
    "the Windows Firewall of {host} drops VXLAN from {ip}: {why} (overlay traffic between swarm nodes needs UDP 4789 open)": "{host}의 Windows 방화벽이 {ip}에서 온 VXLAN을 버립니다: {why} (swarm 노드 사이의 오버레이 트래픽에는 UDP 4789가 열려 있어야 합니다)",
    "no endpoint {ip}": "끝점 {ip} 없음",
    "no endpoint with {ip} on the overlay network '{network}' of {host}": "{host}의 오버레이 네트워크 '{network}'에는 {ip}을(를) 가진 끝점이 없습니다",
    "no flow for {ip}:{port}": "{ip}:{port}에 대한 흐름 없음",
    "{ip} is {host}'s load-balancer address and no connection through the routing mesh expects this reply": "{ip}은(는) {host}의 부하 분산 주소인데, 라우팅 메시를 거친 어떤 연결도 이 응답을 기다리지 않습니다",
    "dockerd's resolver on the gateway {ip} answers DNS (moby network_windows.go startResolver)": "게이트웨이 {ip}에 있는 dockerd의 리졸버가 DNS에 답합니다(moby network_windows.go startResolver)",
    "inbound {what} blocked": "인바운드 {what} 차단됨",
    "the Windows Firewall of {host} drops inbound {what} from {ip}: {why}": "{host}의 Windows 방화벽이 {ip}에서 온 인바운드 {what}을(를) 버립니다: {why}",
    "{host} answers ping": "{host}이(가) ping에 응답합니다",
    "nothing listens on {protocol} {port}": "{protocol} {port}에서 듣는 것이 없음",
    "no process of {host} listens on port {port}/{protocol} and nothing is published there: the connection is refused": "{host}에는 포트 {port}/{protocol}에서 듣는 프로세스가 없고 그곳에 게시된 것도 없습니다. 연결이 거부됩니다",
    "{process} (PID {pid}) on {host} accepted the connection": "{host}의 {process}(PID {pid})이(가) 연결을 받아들였습니다",
    "no static mapping for {protocol} {port}": "{protocol} {port}에 대한 정적 매핑 없음",
    "WinNAT on {host} has no static mapping for {protocol} {port}": "{host}의 WinNAT에는 {protocol} {port}에 대한 정적 매핑이 없습니다",
    "no allow rule for {protocol} {port}": "{protocol} {port}에 대한 허용 규칙 없음",
    "the Windows Firewall of {host} has no allow rule for {protocol} {port}": "{host}의 Windows 방화벽에는 {protocol} {port}에 대한 허용 규칙이 없습니다",
    "the Windows Firewall of {host} drops it: {why}": "{host}의 Windows 방화벽이 패킷을 버립니다: {why}",
    "{host} has no nat network holding {ip}": "{host}에는 {ip}을(를) 담은 nat 네트워크가 없습니다",
    "{ip} is on the nat network '{other}'": "{ip}은(는) nat 네트워크 '{other}'에 있음",
    "nat networks are not routed to each other: '{network}' cannot reach '{other}' (WinNAT keeps each internal prefix on its own)": "nat 네트워크끼리는 서로 라우팅되지 않습니다. '{network}'에서 '{other}'에 닿을 수 없습니다(WinNAT은 내부 접두사를 저마다 따로 둡니다)",
    "{ip} is in no NAT prefix": "{ip}은(는) 어떤 NAT 접두사에도 없음",
    "no WinNAT instance translates {ip}": "{ip}을(를) 변환하는 WinNAT 인스턴스가 없습니다",
    "no backend for port {port}": "포트 {port}의 백엔드 없음",
    "the service {service} has no running task behind port {port} on {host}": "{host}의 포트 {port} 뒤에 서비스 {service}의 실행 중인 작업이 없습니다",
    "the reply reached {host}": "응답이 {host}에 닿았습니다",
    "no endpoint has {ip} on the nat network '{network}' of {host}": "{host}의 nat 네트워크 '{network}'에는 {ip}을(를) 가진 끝점이 없습니다",
    "the gateway {gateway} of '{network}' is not on {host}": "'{network}'의 게이트웨이 {gateway}이(가) {host}에 없습니다",
    "no VFP encapsulation rule for {ip}": "{ip}에 대한 VFP 캡슐화 규칙 없음",
    "{ip} is not a known endpoint of the overlay network '{network}' on {host}": "{ip}은(는) {host}에 있는 오버레이 네트워크 '{network}'의 알려진 끝점이 아닙니다",
    "cross-subnet l2bridge routing is not supported": "다른 서브넷으로 가는 l2bridge 라우팅은 지원되지 않음",
    "{windows} does not route l2bridge traffic to other subnets or hosts (supported from Windows Server 2019)": "{windows}은(는) l2bridge 트래픽을 다른 서브넷이나 호스트로 라우팅하지 않습니다(Windows Server 2019부터 지원)",
    "no address": "주소 없음",
    "{container} has no address: it is {state} without a network endpoint": "{container}에는 주소가 없습니다. 네트워크 끝점 없이 {state} 상태입니다",
    "loopback inside the compartment": "네임스페이스(compartment) 안의 루프백",
    "{container} talked to itself (loopback)": "{container}이(가) 자기 자신과 통신했습니다(루프백)",
    "the reply stayed inside": "응답이 안에 머물렀습니다",
    "not running": "실행 중 아님",
    "{container} is {state}, not running: it has no network endpoint yet (docker start it)": "{container}은(는) 실행 중이 아니라 {state} 상태입니다. 아직 네트워크 끝점이 없습니다(docker start로 시작하세요)",
    "no route to {ip}": "{ip}(으)로 가는 경로 없음",
    "{container} has no route to {ip}": "{container}에는 {ip}(으)로 가는 경로가 없습니다",
    "switch does not exist": "스위치가 없음",
    "the vSwitch '{switch}' of the HNS network '{network}' was removed (Remove-VMSwitch): its container ports lead nowhere until HNS recreates it (Restart-Service hns, then Restart-Service docker)": "HNS 네트워크 '{network}'의 가상 스위치 '{switch}'가 지워졌습니다(Remove-VMSwitch). HNS가 다시 만들 때까지 컨테이너 포트는 아무 데도 이어지지 않습니다(Restart-Service hns, 그다음 Restart-Service docker)",
    "HNS on each host handed out {ip} from {lan}, the LAN's own subnet: give containers there static addresses (--ip)": "호스트마다 HNS가 LAN 자신의 서브넷인 {lan}에서 {ip}을(를) 나눠 주었습니다. 그곳의 컨테이너에는 고정 주소를 주세요(--ip)",
    "{network} addresses are private to each host": "{network} 주소는 호스트마다 사설 주소입니다",
    "wrong container": "다른 컨테이너",
    "{ip} here is {container} on {host}, not {wanted} on {wanted_host}: {why}": "여기서 {ip}은(는) {wanted_host}의 {wanted}이(가) 아니라 {host}의 {container}입니다: {why}",
    "{packet} received": "{packet} 받음",
    "the reply reached {container} on {host}": "응답이 {host}의 {container}에 닿았습니다",
    "{container} on {host} received the packet": "{host}의 {container}이(가) 패킷을 받았습니다",
    "blocked: {acl}": "차단됨: {acl}",
    "the Host ACL '{acl}' on {container}'s endpoint blocked the packet (WFP)": "{container} 끝점의 Host ACL '{acl}'이(가) 패킷을 막았습니다(WFP)",
    "no rule allows inbound {protocol} {port}": "인바운드 {protocol} {port}을(를) 허용하는 규칙 없음",
    "the Windows Firewall of {container} blocked unsolicited inbound {protocol} {port}: {windows} denies inbound by default; only a published port (-p) creates an allow rule": "{container}의 Windows 방화벽이 요청하지 않은 인바운드 {protocol} {port}을(를) 막았습니다. {windows}은(는) 기본적으로 인바운드를 거부하며, 게시한 포트(-p)만 허용 규칙을 만듭니다",
}

# table name or column name -> the Korean caption shown above / in the header of a table
CAPTIONS = {
    "networks": "네트워크",
    "addresses": "주소",
    "endpoints": "끝점",
    "routes": "경로",
    "policies": "정책",
    "port_mappings": "포트 매핑",
    "vswitches": "가상 스위치",
    "events": "이벤트",
    "unsupported": "지원되지 않는 기능",
    "diagnose": "진단",
    "host": "호스트",
    "name": "이름",
    "driver": "드라이버",
    "hns_type": "HNS 유형",
    "hns_id": "HNS ID",
    "subnet": "서브넷",
    "gateway": "게이트웨이",
    "vswitch": "가상 스위치",
    "vswitch_type": "스위치 유형",
    "adapter": "어댑터",
    "options": "옵션",
    "container": "컨테이너",
    "network": "네트워크",
    "endpoint_id": "끝점 ID",
    "ip_address": "IP 주소",
    "prefix_length": "접두사 길이",
    "mac_address": "MAC 주소",
    "dns_servers": "DNS 서버",
    "namespace": "네임스페이스",
    "state": "상태",
    "remote": "원격",
    "provider_address": "공급자 주소(PA)",
    "destination": "대상",
    "next_hop": "다음 홉",
    "interface": "인터페이스",
    "metric": "메트릭",
    "scope": "범위",
    "owner": "소유자",
    "type": "유형",
    "enforced_by": "적용 주체",
    "settings": "설정",
    "protocol": "프로토콜",
    "external_ip": "외부 IP",
    "external_port": "외부 포트",
    "internal_ip": "내부 IP",
    "internal_port": "내부 포트",
    "id": "ID",
    "switch_type": "스위치 유형",
    "host_vnic": "호스트 vNIC",
    "vnic_ip": "vNIC IP",
    "created_by": "만든 주체",
    "inferred": "추론",
    "seq": "순서",
    "actor": "주체",
    "action": "동작",
    "target": "대상",
    "detail": "세부 내용",
    "feature": "기능",
    "command": "명령",
    "option": "옵션",
    "windows": "Windows 버전",
    "message": "메시지",
    "source": "출처",
    "component": "구성 요소",
    "rule": "규칙",
    "verdict": "판정",
    "step": "단계",
    "severity": "심각도",
    "object": "대상 객체",
    "finding": "발견 내용",
    "hint": "힌트",
}


def caption(name: str, lang: str | None = None) -> str:
    """The caption of a table or column ``name`` in ``lang`` (the name itself in English)."""
    return CAPTIONS.get(name, name) if resolve(lang) == "ko" else name


# words that stay as they are in Korean text (names, protocols, Windows' own terms)
UNTRANSLATED = frozenset({"VSID", "VLAN", "DHCP", "tcp", "udp", "icmp", "MAC"})


def set_language(lang: str) -> str:
    """Choose the language of widgets, captions, pictures and checks for the whole session.

    ``wl.set_language("ko")`` at the top of a notebook makes every later call speak Korean
    (an explicit ``lang=`` argument still wins).  Returns the language now in force.
    """
    _current["lang"] = resolve(lang)
    return _current["lang"]


def language() -> str:
    """The session's language ("en" unless :func:`set_language` chose another)."""
    return _current["lang"]


def resolve(lang: str | None) -> str:
    """``lang`` checked, or the session's language when it is None."""
    if lang is None:
        return _current["lang"]
    if lang not in LANGUAGES:
        from .engine.errors import InvalidParameter

        raise InvalidParameter(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


@contextlib.contextmanager
def using(lang: str | None):
    """Speak ``lang`` inside the ``with`` block (None: keep the session's language); the
    drawing and table functions use it so their helpers need no ``lang`` argument."""
    previous = _current["lang"]
    _current["lang"] = resolve(lang)
    try:
        yield _current["lang"]
    finally:
        _current["lang"] = previous


def tr(text: str, lang: str | None = None, **fields) -> str:
    """``text`` in ``lang`` (formatted with ``fields``); English when no translation exists."""
    template = MESSAGES.get(text, text) if resolve(lang) == "ko" else text
    return template.format(**fields) if fields else template


HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def has_hangul(text: str) -> bool:
    """True when ``text`` holds Korean letters (what needs the Korean font in a figure)."""
    return bool(HANGUL.search(text))
