"""Playwright driving Debian's Chromium (``playwright install`` cannot download browsers here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page, Response

# Without the background-networking flags Chromium keeps calling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Traffic:
    """Every response a page got, to assert no 404 and no other origin."""

    origin: str
    failures: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")

    def on_request(self, url: str) -> None:
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "ws", "wss") and f"{parsed.scheme}://{parsed.netloc}" != self.origin:
            self.foreign.append(url)


def open_page(browser: Browser, origin: str) -> tuple[Page, Traffic]:
    """A fresh context (empty storage) whose traffic is recorded."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    traffic = Traffic(origin.rstrip("/"))
    # Context-level events also see requests made by the engine's worker.
    context.on("response", traffic.on_response)
    context.on("request", lambda request: traffic.on_request(request.url))
    return page, traffic
