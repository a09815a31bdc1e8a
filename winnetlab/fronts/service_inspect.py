"""``docker service inspect``: a swarm service as the Docker API returns it, and ``--pretty``.

The JSON is ``swarm.Service`` as moby returns it with ``InsertDefaults`` (what docker/cli v27
asks for): the spec with swarmkit's defaults filled in (``StopGracePeriod`` 10 s, restart
``any`` after 5 s, update/rollback one task at a time, ``pause`` on failure, a 5 s monitor,
``stop-first``), ``Endpoint`` with the published ports and one virtual IP per network, and
after an update the spec before it as ``PreviousSpec`` (public ``docker service inspect``
outputs, 2018-2024).  ``--pretty`` is docker/cli's ``serviceInspectPrettyTemplate``
(cli/command/service/formatter.go, v27.3.1) rendered for the fields a lab service has.

Simplifications: ``Version.Index`` is the simulated event number of the last change (swarm's
raft index is not modelled); network ids are the lab's 64-hex network ids (swarm shows 25-character
ids); the ingress network's virtual IP is listed first (inferred from the allocator's order);
images carry no ``@sha256:`` digest and so no ``Placement.Platforms``.
"""

from __future__ import annotations

from ..engine.clock import timestamp

SECOND = 1_000_000_000  # Go's time.Duration: nanoseconds
_ROLLOUT = {
    "Parallelism": 1,
    "FailureAction": "pause",
    "Monitor": 5 * SECOND,
    "MaxFailureRatio": 0,
    "Order": "stop-first",
}


def _events(lab, svc):
    """Seqs of the service's CreateService and latest UpdateService events on the manager."""
    log = lab.hosts[lab.swarm.manager].events
    created = next((e.seq for e in log if e.action == "CreateService" and e.target == svc.name), 1)
    updates = [e.seq for e in log if e.action == "UpdateService" and e.target == svc.name and e.seq > created]
    return created, updates


def _ports(svc):
    return [
        {"Protocol": proto, "TargetPort": target, "PublishedPort": published, "PublishMode": mode}
        for proto, target, published, mode in svc.ports
    ]


def _network_ids(lab, svc):
    return [lab.swarm.networks[n].docker_id for n in svc.networks]


def _spec(lab, svc, replicas, defaults=True):
    """``Spec`` (``defaults``: as inspected, with swarmkit's defaults) or ``PreviousSpec``."""
    container = {"Image": svc.image, "Init": False}
    if defaults:
        container["StopGracePeriod"] = 10 * SECOND
    container.update({"DNSConfig": {}, "Isolation": "default"})
    template = {"ContainerSpec": container, "Resources": {"Limits": {}, "Reservations": {}}}
    if defaults:
        template["RestartPolicy"] = {"Condition": "any", "Delay": 5 * SECOND, "MaxAttempts": 0}
    template["Placement"] = {}
    if svc.networks:
        template["Networks"] = [{"Target": nid} for nid in _network_ids(lab, svc)]
    template.update({"ForceUpdate": 0, "Runtime": "container"})
    spec = {
        "Name": svc.name,
        "Labels": {},
        "TaskTemplate": template,
        "Mode": {"Replicated": {"Replicas": replicas}},
    }
    if defaults:
        spec["UpdateConfig"] = dict(_ROLLOUT)
        spec["RollbackConfig"] = dict(_ROLLOUT)
    endpoint = {"Mode": svc.endpoint_mode}
    if svc.ports:
        endpoint["Ports"] = _ports(svc)
    spec["EndpointSpec"] = endpoint
    return spec


def service_object(lab, svc):
    """One ``swarm.Service`` (the JSON ``docker service inspect`` prints)."""
    created, updates = _events(lab, svc)
    obj = {
        "ID": svc.id,
        "Version": {"Index": updates[-1] if updates else created},
        "CreatedAt": timestamp(created),
        "UpdatedAt": timestamp(updates[-1] if updates else created),
        "Spec": _spec(lab, svc, svc.replicas),
    }
    if svc.previous_replicas is not None:
        obj["PreviousSpec"] = _spec(lab, svc, svc.previous_replicas, defaults=False)
    endpoint = {"Spec": {"Mode": svc.endpoint_mode}}
    if svc.ports:
        endpoint["Spec"]["Ports"] = _ports(svc)
        endpoint["Ports"] = _ports(svc)
    vips = sorted(svc.vips.items(), key=lambda kv: not lab.swarm.networks[kv[0]].ingress)
    if vips:
        prefix = {n: lab.swarm.networks[n].subnet.prefixlen for n, _ in vips}
        endpoint["VirtualIPs"] = [
            {"NetworkID": lab.swarm.networks[n].docker_id, "Addr": f"{ip}/{prefix[n]}"} for n, ip in vips
        ]
    obj["Endpoint"] = endpoint
    return obj


def _duration(ns):
    """Go's ``time.Duration.String()`` for whole seconds (``5s``)."""
    return f"{ns // SECOND}s"


def pretty(lab, svc):
    """``docker service inspect --pretty``: the template's text for this service."""
    lines = [
        "",
        f"ID:\t\t{svc.id}",
        f"Name:\t\t{svc.name}",
        "Service Mode:\tReplicated",
        f" Replicas:\t{svc.replicas}",
        "Placement:",
    ]
    for title, order in (("UpdateConfig", "Update order:     "), ("RollbackConfig", "Rollback order:   ")):
        lines += [
            f"{title}:",
            f" Parallelism:\t{_ROLLOUT['Parallelism']}",
            f" On failure:\t{_ROLLOUT['FailureAction']}",
            f" Monitoring Period: {_duration(_ROLLOUT['Monitor'])}",
            f" Max failure ratio: {_ROLLOUT['MaxFailureRatio']}",
            f" {order} {_ROLLOUT['Order']}",
        ]
    lines += ["ContainerSpec:", f" Image:\t\t{svc.image}", " Init:\t\tfalse", "Resources:"]
    if svc.networks:
        lines.append("Networks:" + "".join(f" {n}" for n in svc.networks) + " ")
    lines.append(f"Endpoint Mode:\t{svc.endpoint_mode}")
    if svc.ports:
        lines.append("Ports:")
        for proto, target, published, mode in svc.ports:
            lines += [
                f" PublishedPort = {published}",
                f"  Protocol = {proto}",
                f"  TargetPort = {target}",
                f"  PublishMode = {mode}",
            ]
        lines[-1] += " "
    return "\n".join(lines) + "\n"
