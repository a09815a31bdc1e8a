"""Small labs shared by the view tests (tables, graph, plot)."""

import winnetlab as wl

SHIM_IF = "com.docker.network.windowsshim.interface"


def nat_lab(seed=0):
    """One host: web and db publishing ports on nat, app on nat and a second nat network."""
    lab = wl.Lab(seed=seed)
    host = lab.host()
    host.run("web", publish=["8080:80"])
    host.run("db", publish=["1433:1433"])
    host.create_network("mynat", driver="nat", subnet="10.10.0.0/24")
    host.run("app", network="mynat")
    host.connect("app", "nat")
    return lab


def multi_lab(seed=1):
    """Three swarm hosts: an overlay across them, transparent (DHCP) on host2, l2bridge on host3."""
    lab = wl.Lab(seed=seed, hosts=3)
    lab.swarm_init()
    lab.swarm_join("host2")
    lab.swarm_join("host3")
    h1, h2, h3 = lab.hosts.values()
    h1.create_network("ov", driver="overlay", attachable=True)
    h1.run("web1", network="ov", publish=["8080:80"])
    h2.run("web2", network="ov")
    h3.run("web3", network="ov")
    h2.add_adapter("Ethernet 2")
    h2.create_network("tr", driver="transparent", options={SHIM_IF: "Ethernet 2"})
    h2.run("tc", network="tr")
    h3.add_adapter("Ethernet 2")
    h3.create_network(
        "l2b",
        driver="l2bridge",
        subnet="10.244.3.0/24",
        gateway="10.244.3.1",
        options={SHIM_IF: "Ethernet 2"},
    )
    h3.run("pod", network="l2b", publish=["9000:80"])
    h1.run("n1")
    h1.run("n2", publish=["80:80"])
    return lab


def crowded_lab(containers=30):
    lab = wl.Lab(seed=0)
    for i in range(containers):
        lab.host().run(f"c{i}")
    return lab
