"""The network-testing cmdlets of Windows PowerShell 5.1, on a host or inside a container:
Test-NetConnection, Test-Connection, Resolve-DnsName, Invoke-WebRequest (aliases ``iwr``,
``curl`` and ``wget`` — in Windows PowerShell ``curl`` is Invoke-WebRequest, ``curl.exe`` is
curl), Get-NetTCPConnection and Get-DnsClientServerAddress.  Answers come from
``nettools`` (the packet walk and the lab's DNS path).

Formats: Test-NetConnection as real-outputs 13; Resolve-DnsName's default table (Name,
Type, TTL, Section, IPAddress); Test-Connection's PS 5.1 table; Invoke-WebRequest's
response object (simplified: StatusCode, StatusDescription, Content, RawContentLength).
Error records use the cmdlets' real FullyQualifiedErrorIds (DNS_ERROR_RCODE_NAME_ERROR,
WebCmdletWebResponseException …).  Simplification: TTLs are a fixed 300 s.
"""

from . import nettools


def required(inv, param, cmdlet_class):
    """A mandatory parameter left out: the console would prompt; with no console it is this error."""
    value = inv.params.get(param)
    if value in (None, ""):
        raise inv.error(
            f"Cannot process command because of one or more missing mandatory parameters: {param}.",
            f"InvalidArgument: (:) [{inv.name}], ParameterBindingException",
            f"MissingMandatoryParameter,{cmdlet_class}",
        )
    return value


def node_of(inv):
    return inv.node if getattr(inv, "node", None) is not None else nettools.Node(inv.lab, inv.host)


def test_netconnection(inv):
    port = inv.params.get("Port")
    common = (inv.params.get("CommonTCPPort") or "").upper()
    if port is None and common:
        port = {"HTTP": 80, "RDP": 3389, "SMB": 445, "WINRM": 5985}.get(common)
    if port is not None and not 0 < port <= 65535:
        raise inv.error(
            f"Cannot validate argument on parameter 'Port'. The {port} argument is greater than the maximum "
            "allowed range of 65535. Supply an argument that is less than or equal to 65535 and then try the "
            "command again.",
            "InvalidData: (:) [Test-NetConnection], ParameterBindingValidationException",
            "ParameterArgumentValidationError,Test-NetConnection",
        )
    rows, warnings, hints = nettools.test_netconnection(node_of(inv), inv.params.get("ComputerName"), port)
    inv.warnings.extend(warnings)
    inv.hints.extend(h for h in hints if h)
    if (inv.params.get("InformationLevel") or "").lower() == "quiet":
        return [{"": rows[-2 if port is None else -1][1]}]
    return [dict(rows)]


def test_connection(inv):
    node = node_of(inv)
    target = required(inv, "ComputerName", "Microsoft.PowerShell.Commands.TestConnectionCommand")
    count = inv.params.get("Count") or 4
    answer = node.resolve(target)
    ok = False
    if answer.addresses:
        ip = answer.addresses[0]
        leg = (
            node.walk(ip)
            if node.vip_service(ip) is None
            else nettools.Leg(False, "a service VIP does not answer ping", None)
        )
        ok = leg.ok or ip in node.addresses()
        why = leg.why
    else:
        why = answer.why
    if inv.params.get("Quiet"):
        return [{"": str(ok)}]
    if not ok:
        inv.hints.append(why)
        raise inv.error(
            f"Testing connection to computer '{target}' failed: "
            + ("No such host is known" if not answer.addresses else "Error due to lack of resources"),
            f"ResourceUnavailable: ({target}:String) [Test-Connection], PingException",
            "TestConnectionException,Microsoft.PowerShell.Commands.TestConnectionCommand",
            hint=why,
        )
    ms = 12 if nettools.outside(inv.lab, ip) else 0
    return [
        {
            "Source": node.hostname,
            "Destination": target,
            "IPV4Address": str(ip),
            "IPV6Address": "",
            "Bytes": 32,
            "Time(ms)": ms,
        }
        for _ in range(min(count, 100))
    ]


TEST_CONNECTION_VIEW = (
    "table",
    [
        ("Source", "Source", 13, "left"),
        ("Destination", "Destination", 15, "left"),
        ("IPV4Address", "IPV4Address", 16, "left"),
        ("IPV6Address", "IPV6Address", 40, "left"),
        ("Bytes", "Bytes", 8, "left"),
        ("Time(ms)", "Time(ms)", 8, "left"),
    ],
)


def resolve_dnsname(inv):
    """``Resolve-DnsName NAME [-Server IP]``: the Windows DNS client (every DNS server in turn,
    see ``nettools.Node.resolve``), or only ``-Server``.  A SERVFAIL is ``DNS server failure``
    (RCODE_SERVER_FAILURE, microsoft/Windows-Containers#606)."""
    name = required(inv, "Name", "Microsoft.DnsClient.Commands.ResolveDnsName")
    server = inv.params.get("Server")
    answer = node_of(inv).resolve(name, server=str(server) if server else None)
    if not answer.addresses:
        inv.hints.append(answer.why)
        if answer.error == "servfail":
            raise inv.error(
                f"{name} : DNS server failure",
                f"ResourceUnavailable: ({name}:String) [Resolve-DnsName], Win32Exception",
                "RCODE_SERVER_FAILURE,Microsoft.DnsClient.Commands.ResolveDnsName",
                hint=answer.why,
            )
        if answer.error == "timeout":
            raise inv.error(
                f"{name} : This operation returned because the timeout period expired",
                f"OperationTimeout: ({name}:String) [Resolve-DnsName], Win32Exception",
                "ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName",
                hint=answer.why,
            )
        raise inv.error(
            f"{name} : DNS name does not exist",
            f"ResourceUnavailable: ({name}:String) [Resolve-DnsName], Win32Exception",
            "DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName",
            hint=answer.why,
        )
    return [
        {
            "Name": name,
            "Type": "A",
            "TTL": 600 if answer.authoritative or answer.docker else 300,
            "Section": "Answer",
            "IPAddress": str(a),
        }
        for a in answer.addresses
    ]


RESOLVE_VIEW = (
    "table",
    [
        ("Name", "Name", 46, "left"),
        ("Type", "Type", 6, "left"),
        ("TTL", "TTL", 5, "left"),
        ("Section", "Section", 10, "left"),
        ("IPAddress", "IPAddress", None, "left"),
    ],
)


def invoke_webrequest(inv):
    uri = required(inv, "Uri", "Microsoft.PowerShell.Commands.InvokeWebRequestCommand")
    res, host_text, port = nettools.http_get(node_of(inv), uri)
    if res.failure:
        inv.hints.append(res.why)
        message = {
            "resolve": f"The remote name could not be resolved: '{host_text}'",
            "timeout": "Unable to connect to the remote server",
            "refused": "Unable to connect to the remote server",
        }[res.failure]
        raise inv.error(
            message,
            "InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException",
            "WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand",
            hint=res.why,
        )
    return [
        {
            "StatusCode": res.status,
            "StatusDescription": "OK",
            "Content": res.body.replace("\n", " ")[:60] + "...",
            "RawContentLength": len(res.body),
        }
    ]


def get_nettcpconnection(inv):
    rows = nettools.tcp_connections(node_of(inv))
    port = inv.params.get("LocalPort")
    state = inv.params.get("State")
    if port is not None:
        rows = [r for r in rows if r["LocalPort"] == port]
    if state is not None:
        rows = [r for r in rows if r["State"].lower() == state.lower()]
    if not rows and (port is not None or state is not None):
        raise inv.error(
            "No matching MSFT_NetTCPConnection objects found by CIM query for instances of the "
            "ROOT/StandardCimv2/MSFT_NetTCPConnection class on the  CIM server: SELECT * FROM "
            "MSFT_NetTCPConnection  WHERE ((LocalPort = "
            f"{port})). Verify query parameters and retry.",
            "ObjectNotFound: (MSFT_NetTCPConnection:String) [Get-NetTCPConnection], CimJobException",
            "CmdletizationQuery_NotFound,Get-NetTCPConnection",
        )
    return rows


TCP_VIEW = (
    "table",
    [
        ("LocalAddress", "LocalAddress", 35, "left"),
        ("LocalPort", "LocalPort", 9, "left"),
        ("RemoteAddress", "RemoteAddress", 35, "left"),
        ("RemotePort", "RemotePort", 10, "left"),
        ("State", "State", 11, "left"),
        ("AppliedSetting", "AppliedSetting", 14, "left"),
        ("OwningProcess", "OwningProcess", None, "left"),
    ],
)


def get_dnsclientserveraddress(inv):
    rows = []
    for a in node_of(inv).adapters():
        rows.append(
            {
                "InterfaceAlias": a["name"],
                "Interface Index": a["index"],
                "AddressFamily": "IPv4",
                "ServerAddresses": "{" + ", ".join(a["dns"]) + "}",
            }
        )
    return rows


DNS_SERVER_VIEW = (
    "table",
    [
        ("InterfaceAlias", "InterfaceAlias", 29, "left"),
        ("Interface Index", "Interface Index", 9, "right"),
        ("AddressFamily", "AddressFamily", 7, "left"),
        ("ServerAddresses", "ServerAddresses", None, "left"),
    ],
)


def cmdlets(Cmdlet):
    """The cmdlet table entries of this module (built by the PowerShell front)."""
    return (
        Cmdlet(
            "Test-NetConnection",
            test_netconnection,
            {
                "ComputerName": "string",
                "Port": "int",
                "CommonTCPPort": "string",
                "InformationLevel": "string",
            },
            ("ComputerName",),
            ("list", None),
            "NetTCPIP",
            ("tnc",),
        ),
        Cmdlet(
            "Test-Connection",
            test_connection,
            {"ComputerName": "string", "Count": "int", "Quiet": "switch"},
            ("ComputerName",),
            TEST_CONNECTION_VIEW,
            "Microsoft.PowerShell.Management",
        ),
        Cmdlet(
            "Resolve-DnsName",
            resolve_dnsname,
            {"Name": "string", "Type": "string", "Server": "string"},
            ("Name",),
            RESOLVE_VIEW,
            "DnsClient",
        ),
        Cmdlet(
            "Invoke-WebRequest",
            invoke_webrequest,
            {"Uri": "string", "UseBasicParsing": "switch", "Method": "string"},
            ("Uri",),
            ("list", None),
            "Microsoft.PowerShell.Utility",
            ("iwr", "curl", "wget"),
        ),
        Cmdlet(
            "Get-NetTCPConnection",
            get_nettcpconnection,
            {"LocalPort": "int", "State": "string"},
            (),
            TCP_VIEW,
            "NetTCPIP",
        ),
        Cmdlet(
            "Get-DnsClientServerAddress",
            get_dnsclientserveraddress,
            {"AddressFamily": "string", "InterfaceAlias": "string"},
            (),
            DNS_SERVER_VIEW,
            "DnsClient",
        ),
    )


CONTAINER_CMDLETS = (
    "test-netconnection",
    "test-connection",
    "resolve-dnsname",
    "invoke-webrequest",
    "get-nettcpconnection",
    "get-dnsclientserveraddress",
    "get-netipaddress",
    "get-netadapter",
)
