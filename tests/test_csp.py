"""The site under its own Content-Security-Policy, sent as a header: nothing blocked, the engine runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from quizkit.csp import inline_script_hashes

from .browser import NewPage
from .sites import StaticServer

pytestmark = pytest.mark.browser
WATCH = """document.addEventListener("securitypolicyviolation", (e) => {
  (window.__violations ||= []).push(`${e.violatedDirective} ${e.blockedURI}`);
});"""


def csp_of(site: Path) -> str:
    return (site / "csp.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="module")
def serve_real_csp(real_site: Path) -> Iterator[StaticServer]:
    server = StaticServer(real_site, {"Content-Security-Policy": csp_of(real_site)})
    yield server
    server.close()


def watched(new_page: NewPage, server: StaticServer) -> tuple[Page, list[str]]:
    page, _ = new_page(server.url)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.on(
        "worker",
        lambda w: w.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None),
    )
    page.add_init_script(WATCH)
    return page, console


def test_policy_allows_wasm_and_nothing_unsafe_for_scripts(real_site: Path) -> None:
    """'wasm-unsafe-eval' is there; 'unsafe-eval' and 'unsafe-inline' are not allowed for scripts."""
    script_src = next(d for d in csp_of(real_site).split("; ") if d.startswith("script-src"))
    assert ("'wasm-unsafe-eval'" in script_src, "'unsafe-eval'" in script_src, "'unsafe-inline'" in script_src) == (
        True,
        False,
        False,
    )


def test_inline_script_hashing_skips_data_and_external_scripts() -> None:
    """Only inline scripts a browser would run are hashed."""
    html = '<script>a()</script><script src="x.js"></script><script type="application/json">{}</script><script type="module">b()</script>'
    assert 2 == len(inline_script_hashes(html))


def test_every_page_runs_under_the_policy(new_page: NewPage, serve_real_csp: StaticServer, real_site: Path) -> None:
    """No page, and nothing it loads, violates the policy."""
    page, console = watched(new_page, serve_real_csp)
    violations = []
    paths = sorted(p.parent.relative_to(real_site).as_posix() + "/" for p in real_site.rglob("index.html"))
    for path in paths:
        page.goto(serve_real_csp.url + path.removeprefix("./"), wait_until="load")
        violations += page.evaluate("window.__violations || []")
    assert ([], []) == (violations, console)


def test_engine_scores_under_the_policy(new_page: NewPage, serve_real_csp: StaticServer) -> None:
    """Pyodide starts in its worker and a quiz is scored with the header in force."""
    page, console = watched(new_page, serve_real_csp)
    page.goto(serve_real_csp.url + "quiz/quick-check/")
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')  # nothing answered: the page asks first
    page.locator("[data-result]").wait_for(timeout=60_000)
    assert ([], []) == (page.evaluate("window.__violations || []"), console)


def test_without_wasm_allowance_the_learner_is_told(new_page: NewPage, mini_site: Path) -> None:
    """A server that leaves out 'wasm-unsafe-eval' makes the engine fail with a plain message, answers kept."""
    strict = csp_of(mini_site).replace(" 'wasm-unsafe-eval'", "")
    server = StaticServer(mini_site, {"Content-Security-Policy": strict})
    try:
        page, _ = new_page(server.url)
        page.goto(server.url + "quiz/sample/")
        page.check('[data-question-id="s-single"] input[value="B"]')
        page.wait_for_selector('[data-engine-status="failed"]', timeout=60_000)
        assert (True, True) == (
            "作答已保存在本机" in page.inner_text(".quiz-engine"),
            page.is_checked('[data-question-id="s-single"] input[value="B"]'),
        )
    finally:
        server.close()
