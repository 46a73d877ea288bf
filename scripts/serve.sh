#!/usr/bin/env bash
# Install what the site needs, build it and serve it on http://127.0.0.1:8000,
# rebuilding when docs/, quizzes/ or the engine change.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 "$@"
