#!/usr/bin/env bash
# Install the test dependencies (Debian's chromium when missing and we are root) and run every test:
# lint, types, unit, build, Pyodide-under-Node parity and Chromium end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "缺少 /usr/bin/chromium：请以 root 运行本脚本，或先执行 sudo apt-get install chromium" >&2
    exit 1
  fi
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# Independent tests run in parallel workers (pytest-xdist); TEST_WORKERS=0 runs them in this process.
# --dist loadgroup keeps a module's shared site tour (tests marked xdist_group) in one worker.
exec .venv/bin/pytest -n "${TEST_WORKERS:-3}" --dist loadgroup "$@"
