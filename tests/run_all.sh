#!/usr/bin/env bash
# The project's whole test run: unit/property/golden/fuzz tests, the browser check and the
# tutorial notebooks under nbval.  Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
export MPLBACKEND=Agg
python -m pytest -p no:nbval -p no:cacheprovider tests "$@"
unset MPLBACKEND
python -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env \
    --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks
