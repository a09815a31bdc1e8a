"""Fuzzing the importer: random bytes, random JSON, mutated real dumps — no exception escapes."""

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import winnetlab as wl

DATA = Path(__file__).parent / "data" / "hns"
REAL = sorted(p.read_bytes() for p in DATA.iterdir())
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                [
                    "ID",
                    "Name",
                    "Type",
                    "Subnets",
                    "IPAddress",
                    "VirtualNetwork",
                    "Policies",
                    "MacAddress",
                    "PrefixLength",
                    "References",
                    "Ipams",
                    "MacPools",
                    "HostComputeEndpoints",
                    "Settings",
                    "AddressPrefix",
                    "GatewayAddress",
                    "Output",
                    "Success",
                    "networks",
                    "Flags",
                    "IpConfigurations",
                    "NamespaceId",
                    "Resources",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=40,
)


def check(lab):
    """The imported lab is usable: export, tables, diagnose all work."""
    assert isinstance(lab.warnings, list) and all(isinstance(w, str) for w in lab.warnings)
    wl.dump_hns(lab)
    wl.tables.networks(lab)
    wl.tables.endpoints(lab)
    wl.diagnose(lab)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    check(wl.load_hns(data))


@FUZZ
@given(json_values)
def test_random_json_values(value):
    check(wl.load_hns(value))
    check(wl.load_hns(json.dumps(value)))


@FUZZ
@given(st.sampled_from(REAL), st.randoms(use_true_random=False), st.integers(1, 8))
def test_mutated_real_dumps(data, rnd, n):
    buf = bytearray(data)
    for _ in range(n):
        op = rnd.choice(("flip", "cut", "dup", "insert"))
        i = rnd.randrange(len(buf)) if buf else 0
        if op == "flip" and buf:
            buf[i] = rnd.randrange(256)
        elif op == "cut":
            del buf[i : i + rnd.randrange(1, 50)]
        elif op == "dup":
            buf[i:i] = buf[i : i + rnd.randrange(1, 80)]
        else:
            buf[i:i] = rnd.choice(
                [b"{", b"}", b"[", b"]", b'"', b",", b":", b"\n", b"@{", b"; ", b"null", b"1e999"]
            )
    check(wl.load_hns(bytes(buf)))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(REAL), st.sampled_from(["utf-16-le", "utf-16-be", "utf-8-sig", "cp1252", "latin-1"]))
def test_real_dumps_in_other_encodings(data, encoding):
    text = data.decode("utf-8")
    try:
        encoded = text.encode(encoding)
    except UnicodeEncodeError:
        encoded = text.encode(encoding, errors="replace")
    check(wl.load_hns(encoded))


def test_numbers_where_strings_belong_in_every_field():
    rnd = random.Random(7)
    objects = [o for raw in REAL if _is_json(raw) for o in _as_list(json.loads(raw))]
    assert len(objects) >= 5
    for value in objects:
        for _ in range(20):
            broken = {k: rnd.choice([12, 3.5, True, None, [], {}, "x", [1, "a"], {"Type": 5}]) for k in value}
            check(wl.load_hns(broken))


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _is_json(raw):
    try:
        json.loads(raw)
        return True
    except ValueError:
        return False
