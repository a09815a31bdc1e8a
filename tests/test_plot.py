"""wl.plot: structure of the pictures (boxes, labels, colours, grouping), no overlaps, export."""

import io

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text

import winnetlab as wl
from tests.views_labs import crowded_lab, multi_lab, nat_lab
from winnetlab.views import plot


@pytest.fixture(scope="module")
def multi():
    return multi_lab()


def gids(figure, prefix):
    found = figure.findobj(lambda a: (a.get_gid() or "").startswith(prefix))
    return sorted(a.get_gid() for a in found if not a.get_gid().endswith(":label"))


def texts(figure):
    return [t for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]


def overlaps(figure):
    """Pairs of labels whose rendered boxes intersect."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer).expanded(0.98, 0.9)) for t in texts(figure)]
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if ba.overlaps(bb)]


# ------------------------------------------------------------------ stack


def test_stack_has_every_component():
    figure = plot.stack()
    names = {g.split(":")[1] for g in gids(figure, "stack:")}
    assert names == set(plot._STACK_BOXES)
    assert not gids(figure, "step:")
    assert overlaps(figure) == []


@pytest.mark.parametrize("operation", sorted(plot.STACK_OPERATIONS))
def test_stack_highlight_numbers_each_step(operation):
    figure = plot.stack(highlight=operation)
    assert len(gids(figure, "step:")) == len(plot.STACK_OPERATIONS[operation])
    assert overlaps(figure) == []


def test_stack_docker_run_p_goes_through_winnat_and_firewall():
    steps = [(a, b) for a, b, _ in plot.STACK_OPERATIONS["docker run -p"]]
    assert ("hns", "winnat") in steps and ("hns", "firewall") in steps and ("libnetwork", "hns") in steps


def test_stack_bad_highlight():
    with pytest.raises(wl.InvalidParameter, match="cannot highlight 'docker fly'"):
        plot.stack("docker fly")


# ------------------------------------------------------------------ topology


def test_topology_draws_every_part(multi):
    figure = plot.topology(multi)
    g = wl.graph(multi)
    local = [n for n, d in g.nodes(data=True) if d["kind"] == "endpoint" and not d["remote"]]
    assert len(gids(figure, "endpoint:")) == len(local)
    assert len(gids(figure, "container:")) == len(local)
    assert len(gids(figure, "network:")) == sum(len(h.hns_networks) for h in multi.hosts.values())
    assert len(gids(figure, "vswitch:")) == sum(len(h.vswitches) for h in multi.hosts.values())
    assert len(gids(figure, "winnat:")) == 3 and len(gids(figure, "host:")) == 3
    assert gids(figure, "tunnel:") == ["tunnel:ingress", "tunnel:ov"]
    labels = {t.get_text() for t in texts(figure)}
    assert {"web1", "web2", "web3", "tc", "pod", "n1", "n2"} <= labels
    assert any("10.0.1.2\n" in t for t in labels)


def test_one_colour_per_driver_and_a_legend(multi):
    figure = plot.topology(multi)
    for patch in figure.findobj(FancyBboxPatch):
        gid = patch.get_gid() or ""
        if gid.startswith("network:"):
            driver = wl.graph(multi).nodes[gid[len("network:") :]]["driver"]
            assert to_hex(patch.get_edgecolor()).upper() == plot.DRIVER_COLORS[driver].upper()
    legend = figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["nat", "transparent", "overlay", "l2bridge"]


@pytest.mark.parametrize("make", [nat_lab, multi_lab])
def test_no_overlapping_labels_on_tutorial_labs(make):
    assert overlaps(plot.topology(make())) == []


def test_grouping_above_the_threshold():
    figure = plot.topology(crowded_lab(30))
    assert len(gids(figure, "endpoint:")) == 11
    more = [t.get_text() for t in texts(figure) if t.get_text().startswith("+")]
    assert more == ["+19 more\nendpoints"]
    big = plot.topology(crowded_lab(500))
    assert len(gids(big, "endpoint:")) == 11
    assert tuple(big.get_size_inches()) == tuple(figure.get_size_inches())


def test_topology_is_deterministic():
    a, b = io.BytesIO(), io.BytesIO()
    plot.topology(nat_lab()).savefig(a, format="png")
    plot.topology(nat_lab()).savefig(b, format="png")
    assert a.getvalue() == b.getvalue()


def test_topology_into_given_axes():
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 6))
    ax = figure.add_subplot()
    assert plot.topology(nat_lab().host(), ax=ax) is figure
    assert gids(figure, "endpoint:")


def test_figures_show_in_jupyter_without_pyplot():
    png = plot.topology(nat_lab())._repr_png_()
    assert png.startswith(b"\x89PNG")
    assert "matplotlib.pyplot" not in plot.__dict__


def test_bad_input():
    with pytest.raises(wl.InvalidParameter):
        plot.topology([1, 2])


# ------------------------------------------------------------------ network_stack, trace


def test_network_stack(multi):
    host = multi.host("host2")
    figure = plot.network_stack(host)
    assert len(gids(figure, "vnic:")) == sum(1 for e in host.endpoints.values() if not e.remote)
    assert len(gids(figure, "hostvnic:")) == sum(1 for s in host.vswitches.values() if s.host_vnic)
    assert len(gids(figure, "adapter:")) == 2
    with pytest.raises(wl.InvalidParameter):
        plot.network_stack(multi)


def test_trace_marks_the_path(multi):
    walk = multi.trace("web1", "web2", port=80)
    figure = plot.trace(walk, multi)
    path = [g.split(":", 2)[2] for g in sorted(gids(figure, "path:"), key=lambda g: int(g.split(":")[1]))]
    ep1 = multi.host("host1").endpoints_of("web1")[0].id
    ep2 = multi.host("host2").endpoints_of("web2")[0].id
    assert path[0] == f"host1/endpoint/{ep1}" and path[-1] == f"host2/endpoint/{ep2}"
    assert "host1/adapter/Ethernet" in path and "host2/adapter/Ethernet" in path
    assert len(gids(figure, "badge:")) >= len(path)


def test_trace_through_winnat(multi):
    figure = plot.trace(multi.trace("internet", "host1:80"), multi)
    assert any("/winnat/" in g for g in gids(figure, "path:"))


def test_trace_draws_from_the_lab_it_carries(multi):
    t = multi.trace("web1", "web2", port=80)
    assert t.lab is multi
    assert plot.trace(t).axes, "wl.plot.trace(trace) needs no second argument"
    with pytest.raises(wl.InvalidParameter, match="pass a Trace"):
        plot.trace("not a trace")


# ------------------------------------------------------------------ save, mermaid


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_save_is_byte_stable(tmp_path, suffix):
    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    plot.save(plot.topology(nat_lab()), a)
    plot.save(plot.topology(nat_lab()), b)
    assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 1000


def test_save_bad_suffix(tmp_path):
    with pytest.raises(wl.InvalidParameter, match="use a .png or .svg"):
        plot.save(plot.stack(), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_mermaid(multi):
    text = plot.mermaid(multi)
    assert text.startswith("flowchart TB\n")
    assert text.count("subgraph ") == 3 and text.count("\n  end") == 3
    assert "web1<br>10.0.1.2" in text and "VXLAN VNI 4097" in text
    assert "classDef overlay" in text
    assert plot.mermaid(multi) == text


def test_mermaid_groups_endpoints():
    text = plot.mermaid(crowded_lab(30))
    assert '"+19 more endpoints"' in text
    assert text.count("c1<br>") == 1


def test_library_never_touches_pyplot_or_the_backend():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(plot))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not any("pyplot" in (name or "") for name in imported)
    assert not {"use", "show"} & called


@pytest.mark.parametrize("make", [nat_lab, multi_lab])
def test_box_labels_fit_inside_their_boxes(make):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = plot.topology(make())
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    patches = {p.get_gid(): p for p in figure.findobj(FancyBboxPatch) if p.get_gid()}
    labels = [t for t in figure.findobj(Text) if (t.get_gid() or "").endswith(":label")]
    assert labels
    for label in labels:
        box = patches[label.get_gid()[: -len(":label")]].get_window_extent(renderer)
        inner = label.get_window_extent(renderer)
        assert box.x0 - 1 <= inner.x0 and inner.x1 <= box.x1 + 1, label.get_text()
        assert box.y0 - 1 <= inner.y0 and inner.y1 <= box.y1 + 1, label.get_text()


def test_task_cards_show_service_and_slot():
    from winnetlab.views.layout import container_label

    assert container_label("api.1.p735ktv9s3zcpxgaqheufkd2a") == "api.1"
    assert container_label("web") == "web"
    assert container_label("a-very-long-container-name") == "a-very-long-conta…"
