"""HNS networks of a type Docker does not create (ICS, Internal, Private, Mirrored…), read from a
real dump.  HNS made them for something else (the Default Switch, WSL, Hyper-V); Docker adopts
the ones with a switch it can use and lists them, but never creates one.

Simplification: for Docker's endpoint settings they act like ``nat`` (internal DNS, ports not
in VFP, HNS refusing a taken host port); in the packet walk they carry traffic without WinNAT.
"""

from .nat import NatDriver

INTERNAL_SWITCH = {"nat", "ics", "internal", "private"}  # HNS types on an Internal/Private vSwitch


class ImportedDriver(NatDriver):
    winnat = False
    resolver_on_gateway = False
    lan_visible = True

    def __init__(self, name, hns_type=""):
        self.name = name
        self.hns_type = hns_type
        self.external_switch = name not in INTERNAL_SWITCH
        self.translates_to_host = name == "ics"  # Internet Connection Sharing NATs it
