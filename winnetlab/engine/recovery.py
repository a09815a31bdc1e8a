"""What survives a service restart, a removed vSwitch and a reboot — and how to clean up.

* ``Remove-VMSwitch`` of a switch HNS still uses really removes it (Hyper-V does not ask HNS):
  the containers on it lose their network (docker/for-win#679, #294).  ``Restart-Service
  hns`` / ``Restart-Service docker`` make HNS recreate the switch of each network it still
  has and Docker reattach the running containers.
* A **reboot** (``lab.reboot(host, clean=True)``, ``Restart-Computer``): Docker stops the
  containers and HNS deletes their endpoints; from Windows Server 2019 on HNS does not
  persist NAT networks, so the ``nat`` network, its vSwitch and its WinNAT instance are gone
  and Docker creates ``nat`` again at start — with ``nat_prefix="auto"`` HNS may choose
  another prefix (Microsoft's container networking docs, reference §15/§18).  Windows Server
  2016 keeps them.  Other networks (transparent, l2bridge …) persist on every version.
* An **unclean** reboot (``clean=False``: a crash, or patching that did not stop the
  containers) leaves the endpoints of persisted networks behind in HNS, owned by nobody;
  Docker no longer knows them.  Starting the container again fails while the stale endpoint
  holds its address: ``failed to create endpoint my-container on network transparent-network:
  failed during hnsCallRawResponse: hnsCall failed in Win32: An address provided is invalid
  or reserved. (0x803b002f)`` (moby/moby#47576, docker/for-win#13965; moby PR#36603 for the
  Server 2016 variant).  ``Get-HnsEndpoint | … | Remove-HnsEndpoint`` (hns.psm1) clears them.

* **Restart policies** decide which containers come back when Docker starts after the reboot
  (moby ``daemon/daemon.go`` restore, ``restartmanager.ShouldRestart``): Docker stopped every
  container at shutdown (exit code 3221225786, the same as ``docker stop``, but not counted as
  stopped by hand); after an unclean reboot the daemon finds no task and records exit code 255.
  ``--restart always`` comes back (even after ``docker stop``), ``unless-stopped`` unless it
  was stopped by hand (``docker stop``/``kill`` since its last start), ``on-failure[:N]`` since
  the exit code is not 0 (while RestartCount < N), ``no`` (the default) stays Exited.

Simplifications: the daemon's restart of a container whose process exits on its own (the
back-off loop that counts RestartCount) is not modelled: such a container stays Exited and
RestartCount stays 0.  Swarm tasks running before the reboot are started again in place
(a real swarm schedules new tasks); the swarm keeps its state.  ``Restart-Service docker``
reattaches running containers without stopping them (a real daemon restart stops them, as
at a reboot).
"""

from .containers import STOPPED  # a container stopped at shutdown exits as after docker stop
from .drivers import of
from .errors import Conflict, NotFound, hns_call_error
from .hns import CREATED

NO_TASK = 255  # moby daemon.restore: no task left after a crash -> ExitCode 255


class RecoveryMixin:
    """Service restarts, reboots and HNS clean-up of a Host (mixed into ``Host``)."""

    # ------------------------------------------------------------------ vSwitch removal and restarts
    def remove_vswitch(self, name):
        """``Remove-VMSwitch``: Hyper-V removes the switch even when HNS networks still use it."""
        sw = self._vswitches.get(name)
        if sw is None:
            raise NotFound(f'Hyper-V was unable to find a virtual switch with name "{name}".')
        users = sorted(n.name for n in self._hns.values() if n.vswitch == name)
        self._delete_switch(name)
        if users:
            self.log_event(
                "vSwitch",
                "OrphanNetworks",
                name,
                f"HNS network(s) {', '.join(users)} lost their switch; their containers are cut off",
            )

    def restart_service(self, name):
        """``Restart-Service hns`` / ``docker``: HNS recreates missing switches, Docker reconciles."""
        if str(name).lower() not in ("hns", "docker"):
            raise NotFound(f"Cannot find any service with service name '{name}'.")
        self.log_event("Host", "RestartService", str(name).lower())
        broken = [n for n in self._hns.values() if n.vswitch and n.vswitch not in self._vswitches]
        for net in broken:
            self._recreate_switch(net)
        self._start_docker()
        self._reattach({n.id for n in broken})

    def _recreate_switch(self, net):
        if of(net).winnat:
            self._nat_switch(net, net.name == "nat" and net.created_by_docker)
        else:
            self._create_switch(net.vswitch, "External", net.adapter)
            self._adapters[net.adapter].vswitch = net.vswitch
        self.log_event("HNS", "RecreateSwitch", net.vswitch, f"for the HNS network {net.name}")

    def _reattach(self, network_ids):
        """Docker starts again the running containers whose endpoints are gone or broken."""
        for c in sorted(self._containers.values(), key=lambda c: c.seq):
            if c.state != "running" or c.requested.shared:
                continue
            eps = self.endpoints_of(c)
            lost = len(eps) < len([n for n in c.requested_networks if self._networks.get(n) is not None])
            if not lost and not any(ep.network_id in network_ids for ep in eps):
                continue
            for ep in eps:
                self._drop_endpoint(ep)
            c.endpoints = ()
            try:
                plans = self.plan_start(c)
            except Conflict as e:
                self._failed_restart(c, e)
                continue
            for plan in plans:
                self._commit_endpoint(c, plan, self._namespaces[c.namespace])
            self.log_event("Docker", "RestartContainer", c.name, f"{len(plans)} endpoint(s)")

    # ------------------------------------------------------------------ reboot
    def reboot(self, clean=True):
        """Restart the computer (see the module docstring for what survives)."""
        self.log_event(
            "Host", "Reboot", self.name, "clean shutdown" if clean else "unclean (crash or forced)"
        )
        self.boots += 1
        persist_nat = not self.profile.multiple_nat  # Windows Server 2016 persists NAT networks
        was_running = set()
        for c in sorted(self._containers.values(), key=lambda c: c.seq):
            if c.state in ("running", "paused"):
                was_running.add(c.name)
                self.log_event("Docker", "ContainerDied", c.name, "the host shut down")
                c.state, c.exit_code = "exited", STOPPED if clean else NO_TASK
            for ep in self.endpoints_of(c):
                net = self._hns.get(ep.network_id)
                persisted = net is not None and (not of(net).winnat or persist_nat)
                if not clean and persisted:
                    self._leave_stale(c, ep)
                else:
                    self._drop_endpoint(ep)
            c.endpoints = ()
            if c.namespace in self._namespaces and self._namespaces[c.namespace].container == c.name:
                del self._namespaces[c.namespace]
            c.namespace = None
        if not persist_nat:
            for net in [n for n in self._hns.values() if of(n).winnat]:
                self.log_event(
                    "HNS", "NotPersisted", net.name, "NAT networks are not persisted across a reboot"
                )
                self.commit_remove_network(net)
        self._start_docker()
        back = [
            c
            for c in sorted(self._containers.values(), key=lambda c: c.seq)
            if self._comes_back(c, was_running)
        ]
        for c in back:
            if not c.requested.shared:
                self._restart_after_boot(c)
        for c in back:
            if c.requested.shared and self._containers[c.requested.shared].state == "running":
                self.commit_start(c, [])

    def _comes_back(self, c, was_running):
        """Does the daemon start ``c`` when it starts (moby ``daemon.restore``)?  A swarm task
        is the swarm's: the lab starts the tasks that were running again."""
        if c.service:
            return c.name in was_running
        policy = c.restart_policy
        back = c.started and policy.restarts(c.exit_code, c.manually_stopped, c.restart_count)
        spec = policy.name + (f":{policy.maximum_retry_count}" if policy.maximum_retry_count else "")
        self.log_event(
            "Docker",
            "RestartPolicy",
            c.name,
            f"{spec}: started again" if back else f"{spec}: stays Exited ({c.exit_code})",
        )
        return back

    def _leave_stale(self, c, ep):
        ep.container = None
        ep.namespace = None
        ep.state = CREATED
        ep.extra = dict(ep.extra or {}, stale_of=c.name)
        self.log_event(
            "HNS", "StaleEndpoint", ep.network, f"endpoint {ep.id} of {c.name} ({ep.address}) was not deleted"
        )

    def _restart_after_boot(self, c):
        try:
            plans = self.plan_start(c)
        except Conflict as e:
            self._failed_restart(c, e)
            return
        self.commit_start(c, plans)
        c.manually_stopped = False
        self._after_start(c)

    def _failed_restart(self, c, error):
        """Docker could not start a container again: it stays Exited with the daemon's error."""
        c.state = "exited"
        self.record_start_failure(c.name, error)
        self.log_event("Docker", "StartFailed", c.name, error.message)

    def stale_endpoints(self):
        """Endpoints HNS still has and no container owns (left by an unclean shutdown)."""
        return [ep for ep in self._endpoints.values() if not ep.remote and ep.container is None]

    # ------------------------------------------------------------------ hns.psm1
    def remove_hns_endpoint(self, endpoint_id):
        """``Remove-HnsEndpoint``: HNS deletes the endpoint, whoever owns it.

        A running container whose endpoint is deleted keeps running without that network.
        """
        ep = self._endpoints.get(endpoint_id)
        if ep is None or ep.remote:
            raise NotFound(
                hns_call_error("Element not found.", 0x490, self.profile),
            )
        owner = self._containers.get(ep.container) if ep.container else None
        self._drop_endpoint(ep)
        if owner is not None:
            owner.endpoints = tuple(e for e in owner.endpoints if e != ep.id)
            self.log_event(
                "HNS",
                "EndpointRemovedUnderContainer",
                owner.name,
                f"{owner.name} lost its endpoint on {ep.network}",
            )
        return ep

    def remove_hns_network(self, network_id):
        """``Remove-HnsNetwork``: HNS deletes the network and every endpoint on it."""
        net = self._hns.get(network_id)
        if net is None:
            raise NotFound(hns_call_error("Element not found.", 0x490, self.profile))
        owners = {self._endpoints[e].container for e in net.endpoint_ids if not self._endpoints[e].remote}
        for c in (self._containers[o] for o in owners if o in self._containers):
            c.endpoints = tuple(e for e in c.endpoints if e not in net.endpoint_ids)
        self.commit_remove_network(net)
        return net


def stale_address_error(profile, container, network):
    """The daemon's error when a stale endpoint still holds the address (moby/moby#47576)."""
    return Conflict(
        f"failed to create endpoint {container} on network {network}: "
        + hns_call_error("An address provided is invalid or reserved.", 0x803B002F, profile),
        hint="a stale HNS endpoint (left by an unclean shutdown) still holds that address: find it with "
        "Get-HnsEndpoint and remove only it (Get-HnsEndpoint | ? IPAddress -eq <address> | Remove-HnsEndpoint)",
    )
