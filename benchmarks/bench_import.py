"""Import benchmark: a synthesized v1 dump of 5,000 endpoints and 2,000 policy lists.

Budgets (issue 6): the JSON dump (``Get-Hns* | ConvertTo-Json`` shape) loads in under 2 s;
the same objects as PowerShell Format-List text in under 4 s.  Also reports the hostile
inputs' times (a 200 MB file is refused without being read).

Scale (issue 13): 20,000 Format-List networks, and a 60 MB Format-List file (90,000
networks), each load in under 10 s of CPU and 1 GB of memory (peak RSS of a fresh process
that only loads the file, so the figure is the load's own).

Run: ``python benchmarks/bench_import.py``; prints a table of figures.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.dirname(__file__))

import floor

import winnetlab as wl

N_ENDPOINTS, N_POLICY_LISTS = 5000, 2000


def synthesize(n_endpoints=N_ENDPOINTS, n_policy_lists=N_POLICY_LISTS):
    """Networks, endpoints and ELB policy lists with the fields a real v1 dump carries."""
    nets = [
        {
            "ActivityId": f"A{i:07d}-0000-4000-A000-000000000000",
            "ID": f"{i:08X}-0000-4000-A000-000000000000",
            "Name": f"net{i}",
            "Type": "L2Bridge",
            "Flags": 0,
            "State": 1,
            "Version": 38654705666,
            "MacPools": [
                {"StartMacAddress": f"00-15-5D-{i:02X}-00-00", "EndMacAddress": f"00-15-5D-{i:02X}-0F-FF"}
            ],
            "Subnets": [{"AddressPrefix": f"10.{i}.0.0/16", "GatewayAddress": f"10.{i}.0.1", "Policies": []}],
            "Policies": [],
            "ManagementIP": "192.168.0.11",
            "NetworkAdapterName": "Ethernet",
        }
        for i in range(4)
    ]
    eps = []
    for n in range(n_endpoints):
        net = nets[n % 4]
        eps.append(
            {
                "ActivityId": f"{n:08X}-1111-4000-A000-000000000000",
                "ID": f"{n:08X}-2222-4000-A000-000000000000",
                "Name": f"{n:064x}"[-64:] + "_cbr0",
                "State": 2,
                "Version": 38654705666,
                "VirtualNetwork": net["ID"],
                "VirtualNetworkName": net["Name"],
                "IPAddress": f"10.{n % 4}.{n // 250}.{n % 250 + 2}",
                "PrefixLength": 16,
                "GatewayAddress": f"10.{n % 4}.0.1",
                "MacAddress": f"00-15-5D-{n % 4:02X}-{n >> 8 & 255:02X}-{n & 255:02X}",
                "DNSServerList": "10.96.0.10",
                "DNSSuffix": "svc.cluster.local",
                "EnableInternalDNS": False,
                "IsRemoteEndpoint": False,
                "SharedContainers": [],
                "Namespace": {"ID": f"{n:08x}-3333-4000-a000-000000000000"},
                "Policies": [
                    {"Type": "OutBoundNAT", "ExceptionList": ["10.0.0.0/8"]},
                    {"Type": "ROUTE", "DestinationPrefix": "10.96.0.0/12", "NeedEncap": True},
                ],
                "Resources": {"AllocationOrder": 3, "Allocators": [{"Tag": "Endpoint Port", "State": 1}]},
            }
        )
    pls = [
        {
            "ID": f"{p:08X}-4444-4000-A000-000000000000",
            "State": 1,
            "Version": 38654705666,
            "References": [f"/endpoints/{eps[(p * 3 + k) % n_endpoints]['ID']}" for k in range(3)],
            "Policies": [
                {
                    "Type": "ELB",
                    "Protocol": 6,
                    "InternalPort": 8080,
                    "ExternalPort": 80,
                    "VIPs": [f"10.96.{p // 250}.{p % 250 + 1}"],
                    "ILB": True,
                }
            ],
        }
        for p in range(n_policy_lists)
    ]
    return nets, eps, pls


def format_list(objects):
    """PowerShell Format-List text of the objects (padded names, @{…} and {…} values)."""

    def value(v):
        if isinstance(v, dict):
            return (
                "@{"
                + "; ".join(
                    f"{k}={value(x) if not isinstance(x, (dict, list)) else 'System.Object[]' if isinstance(x, list) else value(x)}"
                    for k, x in v.items()
                )
                + "}"
            )
        if isinstance(v, list):
            return "{" + ", ".join(value(x) for x in v) + "}"
        if isinstance(v, bool):
            return "True" if v else "False"
        return str(v)

    blocks = []
    for obj in objects:
        width = max(len(k) for k in obj)
        blocks.append("\n".join(f"{k:<{width}} : {value(v)}" for k, v in obj.items()))
    return "\n\n".join(blocks) + "\n"


FL_NETWORK = """ActivityId             : {g}
CurrentEndpointCount   : 0
Extensions             : {{@{{Id=E7C3B2F0-F3C5-48DF-AF2B-10FED6D72E7A; IsEnabled=False; Name=Microsoft Windows Filtering Platform}}}}
Flags                  : 0
ID                     : {g}
MacPools               : {{@{{EndMacAddress=00-15-5D-63-7F-FF; StartMacAddress=00-15-5D-63-70-00}}}}
Name                   : net{i}
Policies               : {{}}
State                  : 1
Subnets                : {{@{{AddressPrefix=10.{a}.{b}.0/24; GatewayAddress=10.{a}.{b}.1; Policies=System.Object[]}}}}
Type                   : nat
Version                : 38654705666
"""


def format_list_networks(n):
    """``Get-HnsNetwork`` as PowerShell lists ``n`` NAT networks (about 670 bytes each)."""
    return "\n".join(
        FL_NETWORK.format(g=f"{i:08X}-0000-4000-A000-{i:012X}", i=i, a=i // 256 % 256, b=i % 256)
        for i in range(n)
    )


def load_in_child(path, networks):
    """CPU seconds and peak RSS (MB) of a fresh Python that loads ``path``."""
    code = (
        "import resource, sys, time; import winnetlab as wl; t = time.process_time(); "
        "lab = wl.load_hns(sys.argv[1]); t = time.process_time() - t; "
        "assert len(lab.host().hns_networks) == int(sys.argv[2]) and not lab.warnings; "
        "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(__file__), ".."))
    out = subprocess.run(
        [sys.executable, "-c", code, path, str(networks)], capture_output=True, text=True, env=env
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    secs, rss = out.stdout.split()
    return float(secs), float(rss)


def timed(fn):
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main():
    nets, eps, pls = synthesize()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        json_path = os.path.join(tmp, "dump.json")
        with open(json_path, "w") as fh:
            json.dump(nets + eps + pls, fh, indent=4)
        secs, lab = timed(lambda: wl.load_hns(json_path))
        host = lab.host()
        assert len(host.endpoints) == N_ENDPOINTS and len(host.policy_lists) == N_POLICY_LISTS
        rows.append(("v1 JSON, 5,000 endpoints + 2,000 policy lists", os.path.getsize(json_path), secs, 2.0))
        fl_path = os.path.join(tmp, "dump.txt")
        with open(fl_path, "w", encoding="utf-16") as fh:  # what '>' writes in PowerShell 5.1
            fh.write(format_list(nets) + "\n" + format_list(eps) + "\n" + format_list(pls))
        secs, lab = timed(lambda: wl.load_hns(fl_path))
        assert len(lab.host().endpoints) == N_ENDPOINTS and len(lab.host().policy_lists) == N_POLICY_LISTS
        rows.append(("same as Format-List text (UTF-16)", os.path.getsize(fl_path), secs, 4.0))
        secs, _ = timed(lambda: wl.dump_hns(lab))
        rows.append(("dump_hns of that lab (v1)", 0, secs, None))
        for label, n in (
            ("20,000 Format-List networks", 20_000),
            ("60 MB of Format-List (90,000 networks)", 90_000),
        ):
            path = os.path.join(tmp, f"networks-{n}.txt")
            with open(path, "w") as fh:
                fh.write(format_list_networks(n))
            secs, rss = load_in_child(path, n)
            rows.append((f"{label}, peak {rss:,.0f} MB (budget 1,024)", os.path.getsize(path), secs, 10.0))
            assert rss < 1024, f"{label}: {rss:.0f} MB"
        big = os.path.join(tmp, "big.json")
        with open(big, "wb") as fh:
            fh.truncate(200 * 1024 * 1024)
        secs, lab = timed(lambda: wl.load_hns(big))
        rows.append(("200 MB file (refused, not read)", 200 * 1024 * 1024, secs, 0.5))
        for label, text in (
            ("10,000-deep JSON", "[" * 10000 + "]" * 10000),
            ('4 MB of \'{"a":{"b":1,\'', '{"a":{"b":1,' * 350000),
            ("4 MB console-wrapped noise", ("x" * 119 + "{\n") * 33000),
        ):
            secs, _ = timed(lambda t=text: wl.load_hns(t))
            rows.append((label, len(text), secs, 2.0))
    fl = floor.floor_us()
    print(f"floor: {fl:.2f} µs CPU per record (x floor: the case's CPU time in floors, thousands)")
    print(f"{'case':<50} {'bytes':>12} {'seconds':>8} {'k x floor':>10} {'budget':>7}  ok")
    for label, size, secs, budget in rows:
        ok = "" if budget is None else ("yes" if secs < budget else "NO")
        print(
            f"{label:<50} {size:>12,} {secs:>8.2f} {secs * 1e3 / fl:>10.1f} {budget if budget else '':>7}  {ok}"
        )


if __name__ == "__main__":
    main()
