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
    "publish (-p)": "포트 매핑 (-p)",
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
    " (first {limit} shown)": " (처음 {limit}행만 표시)",
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
    "Windows container host: management stack": "Windows 컨테이너 호스트: 관리 스택",
    " — what `{operation}` does": " — {operation}이(가) 하는 일",
    "Orchestrator\nDocker Swarm / Kubernetes": "오케스트레이터\nDocker Swarm / Kubernetes",
    "API server\n(docker CLI)": "API 서버\n(docker CLI)",
    "libnetwork\n(windows driver: nat, transparent, overlay…)": "libnetwork\n(windows 드라이버: nat, transparent, overlay…)",
    "Host Compute Service (HCS)\nservice vmcompute": "호스트 계산 서비스 (HCS)\n서비스 vmcompute",
    "Host Network Service (HNS)\nservice hns": "호스트 네트워킹 서비스 (HNS)\n서비스 hns",
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
    "HNS creates or reuses the vSwitch (Internal for nat, External otherwise)": "HNS가 가상 스위치를 만들거나 재사용합니다(nat는 내부, 나머지는 외부)",
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
    "diagnose: {n} finding(s)": "진단: 발견 {n}건",
    "Summary": "요약",
    "Warnings": "경고",
    # exercises
    "{exercise}: {passed} of {total} checks passed — {done}": "{exercise}: 점검 {total}개 중 {passed}개 통과 — {done}",
    "all done!": "모두 끝났습니다!",
    "keep going": "계속해 보세요",
    "hint": "힌트",
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
