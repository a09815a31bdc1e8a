"""The widgets without a browser: set .value, .click(), and look at the lab and the renders."""

import pytest

import winnetlab as wl
from winnetlab.notebook import widgets as w

IIS = "mcr.microsoft.com/windows/servercore/iis"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def state(lab):
    """Everything a failed Create must leave untouched."""
    return {
        name: (
            sorted(h.networks),
            sorted(h.containers),
            sorted(h.endpoints),
            h.nat_mappings,
            h.firewall_rules,
            sorted(h.vswitches),
        )
        for name, h in lab.hosts.items()
    }


# ----------------------------------------------------------------------------- the plan


def test_plan_for_the_nat_defaults_is_the_docker_cli():
    lab = wl.Lab()
    settings = {"driver": "nat", **w.DRIVER_DEFAULTS["nat"], "containers": 2}
    assert [(s.host, s.command) for s in w.plan(lab, settings)] == [
        ("host1", "network create -d nat --subnet 10.10.0.0/24 --gateway 10.10.0.1 mynat"),
        ("host1", f"run -d --name mynat-1 --network mynat -p 8080:80 {IIS}"),
        ("host1", f"run -d --name mynat-2 --network mynat -p 8081:80 {IIS}"),
    ]


def test_publish_flags_count_host_ports_up_and_pass_odd_specs_through():
    assert w.publish_flags("8080:80, 4430:443/udp", 2) == ["-p 8082:80", "-p 4432:443/udp"]
    assert w.publish_flags("80", 3) == ["-p 80"]
    assert w.publish_flags("127.0.0.1:80:80", 1) == ["-p 127.0.0.1:80:80"]
    assert w.publish_flags(" , ", 0) == []


def test_network_command_offers_each_drivers_real_settings():
    transparent = {
        "driver": "transparent",
        "name": "t",
        "adapter": "Ethernet 2",
        "dhcp": False,
        "subnet": "192.168.0.0/24",
        "gateway": "192.168.0.1",
        "vlan": 7,
    }
    assert w.network_command(transparent) == (
        "network create -d transparent --subnet 192.168.0.0/24 --gateway 192.168.0.1 "
        '-o com.docker.network.windowsshim.interface="Ethernet 2" '
        "-o com.docker.network.windowsshim.vlanid=7 t"
    )
    dhcp = {**transparent, "dhcp": True, "vlan": 0, "adapter": "Ethernet"}
    assert w.network_command(dhcp) == (
        "network create -d transparent -o com.docker.network.windowsshim.interface=Ethernet t"
    )
    l2bridge = {
        "driver": "l2bridge",
        "name": "b",
        "subnet": "10.244.1.0/24",
        "gateway": "10.244.1.1",
        "outboundnat": True,
        "exceptions": "10.0.0.0/8, 192.168.0.0/16",
        "vlan": 0,
    }
    assert w.network_command(l2bridge).endswith(
        "-o com.docker.network.windowsshim.enable_outboundnat=true "
        '-o com.docker.network.windowsshim.outboundnat_exceptions="10.0.0.0/8,192.168.0.0/16" b'
    )
    overlay = {"driver": "overlay", "name": "o", "subnet": "10.0.9.0/24", "vni": 5000}
    assert w.network_command(overlay) == (
        "network create -d overlay --attachable --subnet 10.0.9.0/24 "
        "-o com.docker.network.driver.overlay.vxlanid_list=5000 o"
    )
    l2tunnel = {"driver": "l2tunnel", "name": "x", "subnet": "", "gateway": "", "vsid": 5001}
    assert w.network_command(l2tunnel) == (
        "network create -d l2tunnel -o com.docker.network.windowsshim.vsid=5001 x"
    )


def test_overlay_plan_adds_hosts_and_forms_the_swarm_first():
    lab = wl.Lab()
    settings = {"driver": "overlay", **w.DRIVER_DEFAULTS["overlay"], "containers": 3, "swarm_hosts": 2}
    steps = w.plan(lab, settings)
    assert [s.kind for s in steps[:3]] == ["lab", "docker", "docker"]
    assert steps[1].command == "swarm init --advertise-addr 192.168.0.11"
    assert steps[2].command.startswith("swarm join --token SWMTKN-1-") and steps[2].host == "host2"
    assert [s.host for s in steps[-3:]] == ["host1", "host2", "host1"]


# ----------------------------------------------------------------------------- NetworkBuilder


@pytest.mark.parametrize("driver", w.DRIVERS)
def test_the_form_shows_exactly_the_drivers_settings(driver):
    builder = w.NetworkBuilder(wl.Lab())
    builder.driver.value = driver
    assert builder.form.children == tuple(builder.fields[f] for f in w.DRIVER_FIELDS[driver])
    assert builder.settings()["name"] == w.DRIVER_DEFAULTS[driver]["name"]
    assert "winnetlab-builder" in builder._dom_classes


def test_create_builds_the_network_and_redraws():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab)
    picture, addresses = builder.picture.value, builder.tables["addresses"].value
    assert bytes(picture).startswith(PNG_MAGIC)
    builder.create.click()
    host = lab.host()
    assert host.network("mynat").driver == "nat"
    assert sorted(host.containers) == ["mynat-1", "mynat-2"]
    assert {m.external_port for m in host.nat_mappings} == {8080, 8081}
    assert builder.picture.value != picture and bytes(builder.picture.value).startswith(PNG_MAGIC)
    assert builder.tables["addresses"].value != addresses
    assert "mynat-2" in builder.tables["addresses"].value
    assert "PS C:\\&gt; docker network create -d nat" in builder.commands.value
    assert "Created network" in builder.message.value


def test_a_daemon_error_is_shown_and_nothing_is_lost():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab)
    builder.create.click()
    before = state(lab)
    builder.fields["name"].value = "mynat"  # the form offers mynat2 now; type the old name
    builder.create.click()
    assert state(lab) == before
    assert "Error response from daemon" in builder.message.value
    assert "mynat already exists" in builder.message.value

    builder.fields["name"].value = "other"
    builder.fields["subnet"].value = "10.10.0.0/33"
    builder.create.click()
    assert state(lab) == before
    assert "Error response from daemon" in builder.message.value


def test_reset_removes_only_what_the_builder_created():
    lab = wl.Lab()
    lab.host().run("mine")
    builder = w.NetworkBuilder(lab)
    builder.fields["name"].value = "changed"
    builder.create.click()
    builder.reset.click()
    assert sorted(lab.host().networks) == ["nat", "none"]
    assert sorted(lab.host().containers) == ["mine"]
    assert builder.fields["name"].value == "mynat"
    assert "docker network rm changed" in builder.commands.value


def test_overlay_builder_forms_a_swarm_across_hosts():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab, driver="overlay")
    builder.containers.value = 2
    builder.create.click()
    assert sorted(lab.hosts) == ["host1", "host2"]
    assert set(lab.swarm.nodes) == {"host1", "host2"}
    assert lab.find_container("myoverlay-1")[0].name == "host1"
    assert lab.find_container("myoverlay-2")[0].name == "host2"
    assert lab.host().network("myoverlay").attachable


def test_l2bridge_builder_sets_outboundnat_exceptions():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab, driver="l2bridge")
    builder.fields["exceptions"].value = "10.0.0.0/8"
    builder.containers.value = 1
    builder.create.click()
    (ep,) = lab.host().endpoints_of("myl2bridge-1")
    outbound = [p.v1() for p in ep.policies if p.v1_type == "OutBoundNAT"]
    assert outbound and outbound[0]["ExceptionList"] == ["10.0.0.0/8"]


def test_l2tunnel_and_transparent_builders_carry_vsid_and_vlan():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab, driver="l2tunnel")
    builder.create.click()
    assert lab.host().network("myl2tunnel").vsid == 5001
    lab2 = wl.Lab()
    builder = w.NetworkBuilder(lab2, driver="transparent")
    builder.fields["vlan"].value = 7
    builder.create.click()
    net = lab2.host().network("mytransparent")
    assert net.driver == "transparent"
    assert any(p.v1() == {"Type": "VLAN", "VLAN": 7} for p in net.policies)


def test_the_builder_is_deterministic():
    a, b = w.NetworkBuilder(wl.Lab(seed=3)), w.NetworkBuilder(wl.Lab(seed=3))
    a.create.click()
    b.create.click()
    assert a.picture.value == b.picture.value
    assert all(a.tables[k].value == b.tables[k].value for k in a.tables)
    assert a.commands.value == b.commands.value


# ----------------------------------------------------------------------------- TraceExplorer


def explorer_lab():
    lab = wl.Lab()
    lab.host().run("web", publish=["8080:80"])
    lab.host().run("db")
    return lab


def test_trace_choices_list_containers_hosts_and_outside_names():
    sources, destinations = w.trace_choices(explorer_lab())
    assert sources == [("db (host1)", "db"), ("web (host1)", "web")]
    assert destinations[:3] == ["db", "web", "host1"] and "8.8.8.8" in destinations


def test_trace_explorer_walks_and_draws():
    explorer = w.TraceExplorer(explorer_lab())
    assert (explorer.source.value, explorer.destination.value) == ("db", "web")
    explorer.go.click()
    assert "delivered" in explorer.verdict.value
    assert bytes(explorer.picture.value).startswith(PNG_MAGIC)
    assert "<table" in explorer.steps.value


def test_trace_explorer_defaults_to_a_destination_the_first_walk_reaches():
    lab = wl.Lab(hosts=2)  # 08's lab: from client on host2, nothing on host1 answers TCP 80
    lab.host("host1").run("web", publish=["8080:80"])
    lab.host("host1").run("db")
    lab.host("host2").run("client")
    explorer = w.TraceExplorer(lab)
    assert explorer.source.value == "client"
    assert lab.trace("client", "db", port=80).verdict == "dropped"  # the first candidate
    assert explorer.destination.value == "dns.google"
    explorer.go.click()
    assert "delivered" in explorer.verdict.value


def test_trace_explorer_shows_the_labs_refusal():
    explorer = w.TraceExplorer(explorer_lab())
    explorer.go.click()
    explorer.destination.value = "nosuch"
    explorer.go.click()
    assert "nosuch" in explorer.verdict.value and "#cf222e" in explorer.verdict.value
    assert explorer.steps.value == "" and bytes(explorer.picture.value) == b""  # no stale walk


def test_trace_explorer_on_an_empty_lab_says_so():
    explorer = w.TraceExplorer(wl.Lab())
    assert explorer.source.options == ()
    explorer.go.click()
    assert "no containers yet" in explorer.verdict.value


def test_trace_explorer_reload_keeps_the_source():
    lab = explorer_lab()
    explorer = w.TraceExplorer(lab)
    explorer.source.value = "web"
    lab.host().run("cache")
    explorer.reload.click()
    assert explorer.source.value == "web"
    assert ("cache (host1)", "cache") in explorer.source.options


# ----------------------------------------------------------------------------- DriverComparison


@pytest.fixture(scope="module")
def comparison():
    return w.DriverComparison()


def test_comparison_shows_what_each_driver_does(comparison):
    f = comparison.frame
    assert list(f.columns) == list(w.DRIVERS)
    assert f.loc["vSwitch", "nat"] == "Internal"
    assert all(f.loc["vSwitch", d].startswith("External") for d in w.DRIVERS[1:])
    assert f.loc["-p 8080:80 becomes", "nat"] == "WinNAT static mapping + firewall rule"
    assert f.loc["-p 8080:80 becomes", "l2bridge"] == "VFP NAT rule"
    host_mac = comparison.labs["l2bridge"].host().mac_address
    assert f.loc["MAC on the wire (c1 → 8.8.8.8)", "l2bridge"] == host_mac
    assert f.loc["MAC on the wire (c1 → 8.8.8.8)", "transparent"] == f.loc["c1 MAC", "transparent"]
    assert f.loc["c1 → 8.8.8.8:53/udp", "l2tunnel"] == "dropped"
    assert f.loc["c2 → c1:80"].tolist() == ["delivered"] * 5


def test_comparison_highlights_differences_from_the_baseline(comparison):
    html = w.comparison_html(comparison.frame, "nat")
    row = html.split("<th style='text-align:left'>vSwitch</th>")[1].split("</tr>")[0]
    cells = row.split("<td")[1:]
    assert "background" not in cells[0]  # the baseline itself
    assert all("background" in c for c in cells[1:])  # External differs from Internal
    comparison.baseline.value = "l2bridge"
    assert comparison.table.value == w.comparison_html(comparison.frame, "l2bridge")
    assert comparison.table.value != html


def test_comparison_keeps_the_commands_that_built_each_lab(comparison):
    assert comparison.transcripts["l2bridge"][0].startswith(
        "[host1]: PS C:\\> docker network create -d l2bridge"
    )
    assert all(not any("Error" in line for line in t) for t in comparison.transcripts.values())


def test_unknown_driver_is_the_daemons_plugin_not_found():
    with pytest.raises(wl.NotFound, match="could not find plugin bridge in v1 plugin registry"):
        w.NetworkBuilder(wl.Lab(), driver="bridge")


def test_adapter_choices_follow_the_lab():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab, driver="transparent")
    assert builder.fields["adapter"].options == ("Ethernet",)
    lab.host().add_adapter("Ethernet 2")
    builder.catch_up()  # what the kernel's post_run_cell event does after each cell
    assert builder.fields["adapter"].options == ("Ethernet", "Ethernet 2")
    builder.fields["adapter"].value = "Ethernet 2"
    builder.create.click()
    assert lab.host().network("mytransparent").adapter == "Ethernet 2"


def test_a_failed_create_takes_back_what_it_did_through_docker_commands():
    lab = wl.Lab()
    lab.host().run("blocker", publish=["8080:80"])
    before = state(lab)
    builder = w.NetworkBuilder(lab)
    assert builder.publish.value == "8081:80"  # the form's default avoids the taken port
    builder.publish.value = "8080:80"  # the learner's own (taken) value
    builder.create.click()  # network made, the first run fails on 8080 (its container is left Created)
    assert "Error response from daemon" in builder.message.value
    assert "took back its 2 earlier command(s)" in builder.message.value
    assert state(lab) == before
    commands = builder.commands.value
    assert commands.index("docker run -d --name mynat-1") < commands.index("docker rm -f mynat-1")
    assert commands.index("docker rm -f mynat-1") < commands.index("docker network rm mynat")
    builder.publish.value = "9090:80"  # fix the field, press Create again: no "already exists"
    builder.create.click()
    assert "Created network" in builder.message.value
    assert sorted(lab.host().containers) == ["blocker", "mynat-1", "mynat-2"]
    builder.reset.click()
    assert "mynat" not in lab.host().networks
    assert sorted(lab.host().containers) == ["blocker"]


def test_a_failed_overlay_create_leaves_the_swarm_it_formed():
    lab = wl.Lab()
    lab.host().run("x")
    builder = w.NetworkBuilder(lab, driver="overlay")
    builder.fields["subnet"].value = "10.0.0.0/24"  # swarm's ingress network has it
    builder.create.click()
    assert "Error response from daemon" in builder.message.value
    assert lab.swarm is None or not lab.swarm.nodes
    assert "docker swarm leave --force" in builder.commands.value


@pytest.mark.parametrize("driver", w.DRIVERS)
def test_defaults_work_on_a_lab_that_already_took_the_reference_values(driver):
    lab = wl.Lab()
    lab.host().add_adapter("Ethernet 2")
    for d in w.DRIVERS:  # every driver's example network with its containers, ports and subnet
        w.NetworkBuilder(lab, driver=d).create.click()
    taken = {(n, c) for n in lab.host().networks for c in lab.host().containers}
    builder = w.NetworkBuilder(lab, driver=driver)
    if driver in ("transparent", "l2bridge", "l2tunnel") and builder.create.disabled:
        assert "add_adapter" in builder.message.value
        return
    builder.create.click()
    assert "Created network" in builder.message.value, builder.message.value
    assert {(n, c) for n in lab.host().networks for c in lab.host().containers} > taken


def test_defaults_move_on_after_each_create():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab)
    for name, publish in (("mynat", "8080:80"), ("mynat2", "8082:80"), ("mynat3", "8084:80")):
        assert (builder.fields["name"].value, builder.publish.value) == (name, publish)
        builder.create.click()
        assert "Created network" in builder.message.value
    assert builder.fields["subnet"].value == "10.10.3.0/24"  # next to mynat..mynat3's subnets
    assert builder.fields["gateway"].value == "10.10.3.1"


def test_learners_own_values_survive_a_refresh():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab)
    builder.fields["name"].value = "shop"
    lab.host().run("web", publish=["8080:80"])
    builder.catch_up()
    assert builder.fields["name"].value == "shop"  # typed: kept
    assert builder.publish.value == "8081:80"  # untouched default: moved past the taken port


def test_no_free_adapter_disables_create_and_says_what_to_do():
    lab = wl.Lab()
    lab.docker("network create -d transparent t1")
    builder = w.NetworkBuilder(lab, driver="transparent")
    assert builder.create.disabled
    assert "No adapter of host1 is free" in builder.message.value
    assert "lab.host().add_adapter(&quot;Ethernet 2&quot;)" in builder.message.value
    lab.host().add_adapter("Ethernet 2")
    w.catch_up_all()
    assert not builder.create.disabled and builder.fields["adapter"].value == "Ethernet 2"
    builder.create.click()
    assert lab.host().network("mytransparent").adapter == "Ethernet 2"


def test_create_stays_off_while_every_adapter_stays_taken():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab, driver="transparent")
    lab.docker("network create -d transparent t1")
    builder.catch_up()
    lab.host().add_adapter("Ethernet 2")  # added and taken in the same cell
    lab.docker('network create -d transparent -o com.docker.network.windowsshim.interface="Ethernet 2" t2')
    builder.catch_up()
    lab.docker(f"run -d --name later --network t1 {IIS}")  # any later change to the lab
    builder.catch_up()
    assert builder.create.disabled and "No adapter of host1 is free" in builder.message.value


def test_the_status_line_follows_the_driver():
    builder = w.NetworkBuilder(wl.Lab())
    builder.create.click()
    builder.driver.value = "l2bridge"
    assert "l2bridge network 'myl2bridge'" in builder.message.value.replace("&#x27;", "'")
    assert "Created" not in builder.message.value


def test_the_picture_and_tables_follow_the_lab_after_any_cell():
    lab = wl.Lab()
    builder = w.NetworkBuilder(lab)
    picture = builder.picture.value
    lab.host().run("late")
    w.catch_up_all()  # IPython calls it after every cell
    assert builder.picture.value != picture
    assert "late" not in builder.tables["addresses"].value  # tables redraw when their tab opens
    builder.tabs.selected_index = 1
    assert "late" in builder.tables["addresses"].value


def test_the_commands_tab_shows_the_newest_command():
    html = w.transcript_html(["first", "newest"])
    assert "column-reverse" in html and html.index("first") < html.index("newest")


def test_overlay_network_is_created_on_the_existing_swarm_manager():
    lab = wl.Lab(hosts=2)
    lab.swarm_init("host2")
    steps = w.plan(lab, {"driver": "overlay", **w.DRIVER_DEFAULTS["overlay"], "containers": 2})
    assert [s.command.split()[:2] for s in steps[:1]] == [["swarm", "join"]] and steps[0].host == "host1"
    assert steps[1].host == "host2" and steps[1].command.startswith("network create -d overlay")
    builder = w.NetworkBuilder(lab, driver="overlay")
    builder.create.click()
    assert "Created network" in builder.message.value
    assert set(lab.swarm.nodes) == {"host1", "host2"}


def test_saved_notebooks_show_a_hint_instead_of_the_widget_tree():
    assert repr(w.NetworkBuilder(wl.Lab(), driver="l2bridge")) == (
        "NetworkBuilder (driver l2bridge): run this cell to show the form"
    )
    assert repr(w.TraceExplorer(wl.Lab())).startswith("TraceExplorer: run this cell")


def test_settings_that_do_not_apply_are_greyed_out():
    builder = w.NetworkBuilder(wl.Lab(), driver="transparent")
    assert builder.fields["subnet"].disabled and builder.fields["gateway"].disabled  # DHCP
    builder.fields["dhcp"].value = False
    assert not builder.fields["subnet"].disabled
    builder.driver.value = "l2bridge"
    assert not builder.fields["subnet"].disabled and not builder.fields["exceptions"].disabled
    builder.fields["outboundnat"].value = False
    assert builder.fields["exceptions"].disabled
    explorer = w.TraceExplorer(explorer_lab())
    explorer.protocol.value = "icmp"
    assert explorer.port.disabled


def test_something_else_than_a_lab_is_a_clear_error():
    with pytest.raises(wl.InvalidParameter, match="NetworkBuilder\\(lab\\): lab must be"):
        w.NetworkBuilder("host1")
    with pytest.raises(wl.InvalidParameter, match="TraceExplorer\\(lab\\): lab must be"):
        w.TraceExplorer(None)
