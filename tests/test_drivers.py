"""Drivers own their behaviour: the rest of winnetlab reads a network's driver attributes and
hooks (``drivers.of(network)``) instead of comparing driver names, so a new driver is one class
plus its registry line.  Shown here with a toy sixth driver, registered only inside the test."""

import ast
import pathlib

import pytest

import winnetlab as wl
from winnetlab.engine import drivers
from winnetlab.engine.drivers.base import Driver

PACKAGE = pathlib.Path(wl.__file__).parent
MAX_NAME_BRANCHES = 5


def _names_a_driver(node):
    if isinstance(node, ast.Attribute) and node.attr in ("driver", "hns_type"):
        return True
    if isinstance(node, ast.Name) and node.id in ("driver", "hns_type"):
        return True
    # drv.name / plan.drv.name
    return isinstance(node, ast.Attribute) and node.attr == "name" and "drv" in ast.unparse(node.value)


def _literal_strings(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(_literal_strings(e) for e in node.elts)


def driver_name_branches():
    """``driver == "nat"``-style comparisons outside engine/drivers/: (path:line, source line)."""
    rows = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "drivers" in path.relative_to(PACKAGE).parts[:2] and path.parent.name == "drivers":
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            if any(_names_a_driver(o) for o in operands) and any(_literal_strings(o) for o in operands):
                rows.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", lines[node.lineno - 1]))
    return rows


def test_few_driver_name_branches_outside_the_drivers_each_with_its_reason():
    rows = driver_name_branches()
    assert len(rows) <= MAX_NAME_BRANCHES, rows
    assert all("#" in line for _, line in rows), [r for r in rows if "#" not in r[1]]


def test_the_branch_finder_finds_a_branch(tmp_path):
    tree = ast.parse('if net.driver == "nat" or n.hns_type in ("NAT", "ICS"): pass')
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Compare)]
    assert all(any(_names_a_driver(o) for o in [c.left, *c.comparators]) for c in found)
    assert all(any(_literal_strings(o) for o in [c.left, *c.comparators]) for c in found)


class BridgeDriver(Driver):
    """A toy sixth driver: an External vSwitch like transparent, but VFP puts the host MAC on
    leaving frames and each host's subnet is routed to it host-gw style, like l2bridge; every
    endpoint gets an OutboundNAT policy."""

    name = "toybridge"
    hns_type = "L2Bridge"
    rewrites_mac = True
    host_gw = True

    def shared_endpoint_policies(self, network, shim, host):
        from winnetlab.engine import policies as P

        return (P.OutboundNat(),)


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setitem(drivers.DRIVERS, BridgeDriver.name, BridgeDriver())
    lab = wl.Lab(hosts=2)
    lab.host("host1").create_network("pods", driver="toybridge", subnet="10.250.1.0/24")
    lab.host("host2").create_network("pods", driver="toybridge", subnet="10.250.2.0/24")
    lab.host("host1").run("a", network="pods")
    lab.host("host2").run("b", network="pods")
    return lab


def test_a_sixth_driver_is_one_class_and_its_registry_line(toy):
    net = toy.host("host1").network("pods")
    assert drivers.of(net).name == "toybridge" and net.hns_type == "L2Bridge"
    assert "toybridge" in toy.docker("network ls").output
    # the engine: the VFP template follows the driver's attributes
    layers = [layer.name for layer in toy.host("host1").vfp_layers(toy.host("host1").endpoints_of("a")[0])]
    assert "VNET_MAC_REWRITE_LAYER" in layers and "VNET_PA_ROUTE_LAYER" not in layers
    assert any(type(p).__name__ == "OutboundNat" for p in toy.host("host1").endpoints_of("a")[0].policies)
    # the lab routes each host's subnet to it (host-gw), and the walk follows it across hosts
    assert [(str(p), h.name) for p, h, _ in toy.hostgw_routes()] == [
        ("10.250.1.0/24", "host1"),
        ("10.250.2.0/24", "host2"),
    ]
    t = toy.trace("a", "b", 80)
    assert t.delivered, str(t)
    assert any(h.component == "VFP VNET_MAC_REWRITE_LAYER" for h in t.hops)
    # the views take it too
    assert len(wl.tables.networks(toy)) >= 2


def test_the_toy_driver_is_gone_after_the_test():
    with pytest.raises(wl.NotFound, match="could not find plugin toybridge"):
        wl.Lab().host().create_network("x", driver="toybridge")


def test_swarm_scoped_says_the_scope():
    for d in drivers.DRIVERS.values():
        assert d.swarm_scoped == (d.scope == "swarm"), d.name
