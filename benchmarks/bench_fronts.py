"""Throughput of the command fronts: commands per second on a small lab (prints a table)."""

import time

import winnetlab as wl


def bench(label, fn, n):
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    dt = time.perf_counter() - start
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
    print(f"{'command':36} {'runs':>6} {'seconds':>8} {'commands/s':>11}")
    for label, n, dt, rate in rows:
        print(f"{label:36} {n:>6} {dt:>8.3f} {rate:>11.0f}")


if __name__ == "__main__":
    main()
