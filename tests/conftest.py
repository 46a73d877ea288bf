"""Shared fixtures: real MkDocs builds, a loopback web server, the banks, and Debian's Chromium.

Nothing here imports Playwright at module level, so the pure-core tests run without the browser
stack installed; the browser fixtures import it when a browser test asks for them.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quizkit.sources import Bank, load_bank

from .sites import MINI, ROOT, StaticServer, mkdocs_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from .browser import Contexts, NewPage

# Each test's outcome per phase, so fixtures can tell at teardown whether it failed.
OUTCOMES = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    item.stash.setdefault(OUTCOMES, {})[report.when] = report
    return report


def failed(request: pytest.FixtureRequest) -> bool:
    outcomes = request.node.stash.get(OUTCOMES, {})
    return any(report.failed for report in outcomes.values())


def built(config: Path, factory: pytest.TempPathFactory, name: str) -> Path:
    """``config`` built once per run: parallel workers (pytest-xdist) share one build, under a lock."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by every worker
    site, failure = root / f"site-{name}", root / f"site-{name}.failed"
    with (root / f"site-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not site.is_dir() and not failure.exists():
            result = mkdocs_build(config, site)
            if result.returncode != 0:
                failure.write_text(result.stderr[-4000:], encoding="utf-8")
    if failure.exists():
        pytest.fail(f"mkdocs build of the {name} site failed:\n{failure.read_text(encoding='utf-8')}")
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(ROOT / "mkdocs.yml", tmp_path_factory, "real")


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(MINI / "mkdocs.yml", tmp_path_factory, "mini")


@pytest.fixture(scope="session")
def real_bank() -> Bank:
    """The shipped quizzes, validated."""
    return load_bank(ROOT / "quizzes", ROOT)


@pytest.fixture(scope="session")
def mini_bank() -> Bank:
    """The mini project's quizzes, validated."""
    return load_bank(MINI / "quizzes", MINI)


@pytest.fixture(scope="session")
def serve_mini(mini_site: Path) -> Iterator[StaticServer]:
    server = StaticServer(mini_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def serve_real(real_site: Path) -> Iterator[StaticServer]:
    server = StaticServer(real_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (``playwright install`` cannot download browsers here)."""
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def contexts(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Contexts]:
    """Fresh browser contexts for this test: closed at its end, their traces kept if it failed."""
    from .browser import Contexts

    opened = Contexts(browser, request.node.nodeid)
    yield opened
    opened.close(failed(request))


@pytest.fixture
def new_page(contexts: Contexts) -> NewPage:
    """``new_page(origin, **context_options)``: a page in a fresh context, with its traffic recorded."""
    return contexts.new_page


@pytest.fixture
def page(contexts: Contexts) -> Page:
    """One page in a fresh context (phone-sized viewport, zh-CN)."""
    return contexts.new_context().new_page()
