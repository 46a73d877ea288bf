#!/usr/bin/env bash
# Shared set-up: a virtual environment with the project (and extras), and the pinned npm packages.
# Usage: scripts/setup.sh [extra]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
spec="."
[ -n "$extra" ] && spec=".[$extra]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
# npm ci installs exactly what package-lock.json records (Pyodide, Workbox); the test extra also
# brings the devDependencies the tests and the audit use (axe-core, Lighthouse).
omit="--omit=dev"
[ "$extra" = test ] && omit=""
npm ci $omit --no-audit --no-fund --loglevel=error
