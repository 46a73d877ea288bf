"""Playwright driving Debian's Chromium (``playwright install`` cannot download browsers here).

Browser tests get their pages from the ``new_page`` fixture (conftest): every context it opens
is closed when the test ends, and a Playwright trace of it is kept under ``test-results/`` when
the test fails (open it with ``playwright show-trace``).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, Response
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "zh-CN"}
TRACES = Path(__file__).parent.parent / "test-results"


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


class Contexts:
    """Fresh browser contexts (empty storage) for one test, traced, and all closed at its end."""

    def __init__(self, browser: Browser, test_name: str) -> None:
        self.browser = browser
        self.test_name = re.sub(r"[^\w.-]+", "-", test_name)
        self.opened: list[BrowserContext] = []

    def new_context(self, **options: object) -> BrowserContext:
        context = self.browser.new_context(**(PHONE | options))  # type: ignore[arg-type]
        context.tracing.start(screenshots=True, snapshots=True)
        self.opened.append(context)
        return context

    def new_page(self, origin: str, **options: object) -> tuple[Page, Traffic]:
        """A page in a fresh context whose traffic (engine worker included) is recorded."""
        context = self.new_context(**options)
        traffic = Traffic(origin.rstrip("/"))
        context.on("response", traffic.on_response)
        context.on("request", lambda request: traffic.on_request(request.url))
        return context.new_page(), traffic

    def close(self, failed: bool) -> None:
        for index, context in enumerate(self.opened):
            # A test may have closed a context itself (to end a session); then there is nothing to keep.
            with contextlib.suppress(PlaywrightError):
                if failed:
                    TRACES.mkdir(exist_ok=True)
                    context.tracing.stop(path=TRACES / f"{self.test_name}-{index}.zip")
                else:
                    context.tracing.stop()
            with contextlib.suppress(PlaywrightError):
                context.close()


# The new_page fixture's type: new_page(origin, **context_options) -> (page, traffic).
NewPage = Callable[..., tuple[Page, Traffic]]
