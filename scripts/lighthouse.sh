#!/usr/bin/env bash
# Lighthouse (npm devDependency, Debian's Chromium) on a curriculum page and a quiz page of the
# built site, mobile form factor; prints the category scores. Run .venv/bin/mkdocs build first.
# Usage: scripts/lighthouse.sh [site dir]   (reports are left in .lighthouse/)
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error  # Lighthouse is a devDependency; setup.sh leaves it out
site="${1:-site}"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
.venv/bin/python -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill "$server"' EXIT
sleep 2
mkdir -p .lighthouse
for path in policy/secondment/ quiz/quick-check/; do
  name="$(echo "$path" | tr '/' '_')"
  CHROME_PATH=/usr/bin/chromium npx --no-install lighthouse "http://127.0.0.1:$port/$path" \
    --quiet --output=json --output-path=".lighthouse/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]);
    const s = Object.values(r.categories).map((c) => `${c.title} ${Math.round(c.score * 100)}`).join(", ");
    console.log(`${process.argv[2]}: ${s}`);
  ' "$PWD/.lighthouse/$name.json" "$path"
done
