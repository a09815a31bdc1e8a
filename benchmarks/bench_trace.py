"""Packet-walk throughput: traces per second on a two-host overlay lab, and reachability.

CPU time of this process (time.process_time), so a busy machine does not skew the figures.
Budgets (issue 5): >= 5,000 traces/s with varied ports (no cache of whole traces);
``lab.reachability()`` over 50 containers (2,500+ pairs) < 2 s.  Prints a table.
"""

import time

import winnetlab as wl


def overlay_lab():
    lab = wl.Lab(hosts=2)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.host("host1").create_network("ov", driver="overlay", attachable=True)
    lab.host("host1").run("a", network="ov")
    lab.host("host2").run("b", network="ov")
    lab.host("host1").run("c", network="ov")
    return lab


def traces_per_second(lab, pairs, n=6000, reply=False):
    start = time.process_time()
    for i in range(n):
        src, dst = pairs[i % len(pairs)]
        t = lab.trace(src, dst, 1024 + i % 30000)
        if reply:
            _ = t.reply
    return n / (time.process_time() - start)


def reachability_seconds(containers=50):
    lab = wl.Lab(hosts=2)
    for i in range(containers):
        lab.host(f"host{1 + i % 2}").run(f"c{i:02d}", publish=[f"{8000 + i}:80"] if i % 5 == 0 else ())
    start = time.process_time()
    frame = lab.reachability(port=80)
    return time.process_time() - start, frame.size


def main():
    lab = overlay_lab()
    pairs = [("a", "b"), ("b", "a"), ("a", "c"), ("a", "internet"), ("internet", "host1")]
    traces_per_second(lab, pairs, n=2000)  # warm-up: steady-state throughput is the figure
    rows = [
        ("traces/s, two-host overlay, varied ports (forward only)", traces_per_second(lab, pairs), ">= 5000"),
        (
            "traces/s, same, reading trace.reply too (forward + reply walk)",
            traces_per_second(lab, pairs, reply=True),
            "-",
        ),
    ]
    secs, cells = reachability_seconds()
    rows.append((f"reachability, 50 containers ({cells} cells), seconds", secs, "< 2"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  budget")
    for name, value, budget in rows:
        print(f"{name:<{width}}  {value:>10.2f}  {budget}")


if __name__ == "__main__":
    main()
