#!/usr/bin/env bash
# The project's whole test run: lint and format check, the type check of the engine, the unit/property/golden/fuzz tests and
# the browser check (in parallel with pytest-xdist), then the tutorial notebooks under nbval
# (one notebook per worker: a notebook's cells share one kernel) — both editions: pytest
# collects notebooks/ recursively, so the Korean notebooks/ko/ run too.  Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check .
ruff format --check .
mypy  # [tool.mypy] in pyproject.toml: winnetlab/engine
export MPLBACKEND=Agg
python -m pytest -p no:nbval -p no:cacheprovider -n 2 tests "$@"
unset MPLBACKEND
python -m pytest -p no:cacheprovider -n 2 --dist loadfile --nbval-lax --nbval-current-env \
    --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks
