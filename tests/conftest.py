"""Shared test settings.

In CI (``CI`` set, as `.ci/run` runs) hypothesis is derandomized, so a green build is the same
build every time; locally it explores new examples on every run.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
