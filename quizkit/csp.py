"""The Content-Security-Policy the built site needs, written beside it for the web server.

Scripts come only from the site itself, plus the inline scripts Material puts in every
page, allowed by hash, and the blob: URLs the engine imports its checked modules from. Pyodide compiles WebAssembly, which needs 'wasm-unsafe-eval' and
nothing more ('unsafe-eval' stays out). A <meta> policy would not cover the engine's
worker, so the policy is meant to be sent as an HTTP header.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Types a browser runs; anything else (application/json) is data and needs no allowance.
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html: str) -> set[str]:
    hashes = set()
    for attributes, body in SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        found = SCRIPT_TYPE.search(attributes)
        if (found.group(1).lower() if found else "") not in RUNNABLE_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return hashes


def policy(hashes: Iterable[str]) -> str:
    directives = [
        "default-src 'self'",
        # blob: for the engine's two Pyodide modules, imported from the bytes the engine checked
        # against their SHA-256 (engine-boot.mjs), so what runs is what was verified.
        "script-src 'self' blob: 'wasm-unsafe-eval' " + " ".join(sorted(hashes)),
        "worker-src 'self'",
        # Material and the county chart set style attributes; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
    return "; ".join(d.strip() for d in directives)


def headers_file(csp: str) -> str:
    """Netlify / Cloudflare Pages ``_headers`` format; other servers copy the same values."""
    # X-Frame-Options beside frame-ancestors: older browsers that ignore CSP still refuse framing.
    return (
        f"/*\n  Content-Security-Policy: {csp}\n  X-Frame-Options: SAMEORIGIN\n"
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n"
    )


def write_policy(site_dir: Path) -> str:
    """Hash every inline script of every built page; write csp.txt and _headers; return the policy."""
    hashes: set[str] = set()
    for page in site_dir.rglob("*.html"):
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"))
    csp = policy(hashes)
    (site_dir / "csp.txt").write_text(csp + "\n", encoding="utf-8")
    (site_dir / "_headers").write_text(headers_file(csp), encoding="utf-8")
    return csp
