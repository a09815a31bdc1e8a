"""Throughput of the command fronts: commands per second on a small lab (prints a table).

CPU time of this process; each command's cost is also printed as a multiple of the floor of
``floor.py`` measured in the same run, so runs on a busy machine compare.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))

import floor

import winnetlab as wl


def bench(label, fn, n):
    start = time.process_time()
    for i in range(n):
        fn(i)
    dt = time.process_time() - start
    return label, n, dt, n / dt


def main():
    lab = wl.Lab(seed=0, hosts=1)
    for i in range(20):
        lab.docker(f"run -d --name c{i} -p {8000 + i}:80 img")
    rows = [
        bench("docker network ls", lambda i: lab.docker("network ls"), 2000),
        bench("docker ps -a (20 containers)", lambda i: lab.docker("ps -a"), 500),
        bench("docker inspect", lambda i: lab.docker("inspect c1"), 1000),
        bench(
            "docker run + rm -f",
            lambda i: (lab.docker(f"run -d --name t{i} img"), lab.docker(f"rm -f t{i}")),
            500,
        ),
        bench("Get-NetNatStaticMapping", lambda i: lab.powershell("Get-NetNatStaticMapping"), 500),
        bench(
            "Get-HnsEndpoint | ConvertTo-Json",
            lambda i: lab.powershell("Get-HnsEndpoint | ConvertTo-Json"),
            200,
        ),
        bench("exec ipconfig /all", lambda i: lab.exec("c1", "ipconfig /all"), 1000),
        bench("unknown flag (usage error)", lambda i: lab.docker("run --bogus img"), 2000),
    ]
    fl = floor.floor_us()
    print(f"floor: {fl:.2f} µs CPU per record")
    print(f"{'command':36} {'runs':>6} {'seconds':>8} {'commands/s':>11} {'x floor':>9}")
    for label, n, dt, rate in rows:
        print(f"{label:36} {n:>6} {dt:>8.3f} {rate:>11.0f} {dt / n * 1e6 / fl:>9.1f}")


if __name__ == "__main__":
    main()
