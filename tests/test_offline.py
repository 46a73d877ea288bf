"""Offline after one visit, updates that wait for the learner, the web app manifest, warm starts."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .browser import Contexts, NewPage
from .sites import StaticServer, copy_mini, mkdocs_build
from .test_e2e_quiz import answer_sample, result_of

# Precached by Workbox; the Pyodide files and the archive are kept in the engine's own cache
# (test_delivery checks sw.js lists them with their hashes).
ENGINE_FILES = [
    "assets/pyodide/engine.json",
    "assets/quiz/engine-boot.mjs",
    "assets/quiz/engine-files.js",
    "assets/quiz/engine-worker.mjs",
]


def precache_of(site: Path) -> dict[str, str]:
    """URL -> revision, as listed in the built sw.js."""
    match = re.search(r"const PRECACHE = (\[.*?\]);", (site / "sw.js").read_text(encoding="utf-8"))
    assert match is not None
    return {entry["url"]: entry["revision"] for entry in json.loads(match.group(1))}


def wait_until_offline_ready(page: Page) -> None:
    """The service worker has precached everything and controls the page."""
    page.wait_for_selector('html[data-offline-ready="true"]', timeout=60_000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)


def test_precache_lists_engine_files_with_their_revisions(mini_site: Path) -> None:
    """sw.js lists the engine's modules and engine.json, each with the hash of the file that was built."""
    precache = precache_of(mini_site)
    expected = {url: hashlib.sha256((mini_site / url).read_bytes()).hexdigest()[:16] for url in ENGINE_FILES}
    assert expected == {url: precache.get(url) for url in ENGINE_FILES}


def test_precache_lists_pages_search_and_skips_maps(mini_site: Path) -> None:
    """Pages, the search index and Material's search worker are listed; source maps and sw.js are not."""
    precache = precache_of(mini_site)
    worker = next(url for url in precache if url.startswith("assets/javascripts/workers/search."))
    wanted = ["index.html", "secondment/index.html", "quiz/sample/index.html", "search/search_index.json", worker]
    assert ([True] * 5, [], False) == (
        [url in precache for url in wanted],
        [url for url in precache if url.endswith(".map")],
        "sw.js" in precache,
    )


def test_workbox_comes_from_this_site(mini_site: Path) -> None:
    """Every script sw.js imports is a file of the site (Workbox's own loader would use a CDN)."""
    call = re.search(r"importScripts\(([^)]*)\)", (mini_site / "sw.js").read_text(encoding="utf-8"))
    assert call is not None
    imported = re.findall(r'"([^"]+)"', call.group(1))
    # Workbox's four modules and the engine files' checker (engine-files.js), all from this site.
    assert (5, []) == (len(imported), [url for url in imported if not (mini_site / url).is_file()])


def png_size(data: bytes) -> tuple[int, int]:
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_manifest_names_the_site_and_real_icons(mini_site: Path) -> None:
    """The web app manifest opens the site standalone, and each icon is a PNG of its stated size."""
    manifest = json.loads((mini_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    sizes = {icon["sizes"]: png_size((mini_site / icon["src"]).read_bytes()) for icon in manifest["icons"]}
    assert ("测试站点", "./", "standalone", {"192x192": (192, 192), "512x512": (512, 512)}) == (
        manifest["name"],
        manifest["start_url"],
        manifest["display"],
        sizes,
    )


def test_every_page_links_the_manifest(mini_site: Path) -> None:
    """Each built page links the manifest (relative to the page) and sets the theme colour."""
    pages = sorted(mini_site.rglob("index.html"))
    missing = [
        str(path.relative_to(mini_site))
        for path in pages
        if 'rel="manifest"' not in (text := path.read_text(encoding="utf-8")) or 'name="theme-color"' not in text
    ]
    assert [] == missing
    assert 'href="../manifest.webmanifest"' in (mini_site / "secondment/index.html").read_text(encoding="utf-8")


def search(page: Page, word: str) -> int:
    """Type ``word`` in Material's search box and count the results (typing again until its index is loaded)."""
    page.fill("input.md-search__input", word)
    for _ in range(20):
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1_000)
        except PlaywrightTimeout:
            page.press("input.md-search__input", "Space")
            page.press("input.md-search__input", "Backspace")
            continue
        return page.locator(".md-search-result__item").count()
    return 0


@pytest.fixture
def own_server(mini_site: Path) -> Iterator[StaticServer]:
    """A server this test may stop (the offline test cuts the network by closing it)."""
    server = StaticServer(mini_site)
    yield server
    server.close()


@pytest.mark.browser
def test_site_works_offline_after_one_visit(new_page: NewPage, own_server: StaticServer) -> None:
    """After one visit, with the server gone and the browser offline: pages, search and a quiz work."""
    page, traffic = new_page(own_server.url)
    page.goto(own_server.url)
    wait_until_offline_ready(page)
    assert "本站已保存在本机" in page.inner_text("[data-offline-status]")
    own_server.close()  # the network is cut: nothing answers on this origin any more
    page.set_viewport_size({"width": 1280, "height": 900})  # the search box is folded away on a phone
    page.goto(own_server.url + "secondment/")
    assert "考核要求" in page.inner_text("article")
    assert search(page, "挂职") > 0
    # Playwright's offline emulation also stops Material's search worker (as does blocking service
    # workers, even online), so the browser goes offline after the search, before the quiz.
    page.context.set_offline(True)
    page.goto(own_server.url + "index.html")
    assert "成长渠道" in page.inner_text("article")
    page.goto(own_server.url + "quiz/sample/")
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert ("6", "8", "75") == result_of(page)
    assert ([], []) == (traffic.failures, traffic.foreign)


def cache_revisions(page: Page, path: str) -> list[str]:
    """Revisions of ``path`` held in the service worker's precache."""
    keys: list[str] = page.evaluate(
        """async () => {
          const names = (await caches.keys()).filter((name) => name.includes("precache"));
          const urls = [];
          for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
          return urls;
        }"""
    )
    return sorted(re.sub(r".*__WB_REVISION__=", "", key) for key in keys if f"/{path}?" in key)


@pytest.mark.browser
def test_new_version_waits_until_the_learner_accepts(new_page: NewPage, tmp_path: Path) -> None:
    """A new deploy shows a banner and does not reload the page; on accept it takes over, old entries go."""
    project = copy_mini(tmp_path / "project")
    site = tmp_path / "site"
    assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
    old = precache_of(site)["secondment/index.html"]
    server = StaticServer(site)
    page, _ = new_page(server.url)
    try:
        page.goto(server.url)
        wait_until_offline_ready(page)
        page.evaluate("window.__sameDocument = true")
        page_md = project / "docs/secondment.md"
        page_md.write_text(page_md.read_text(encoding="utf-8") + "\n新版本的一段话。\n", encoding="utf-8")
        assert 0 == mkdocs_build(project / "mkdocs.yml", site).returncode
        new = precache_of(site)["secondment/index.html"]
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.wait_for_selector(".offline-update", timeout=30_000)
        page.wait_for_timeout(500)
        # Waiting: the page was not reloaded, and the version in use is still in the cache.
        assert (True, True) == (
            page.evaluate("window.__sameDocument === true"),
            old in cache_revisions(page, "secondment/index.html"),
        )
        with page.expect_navigation():
            page.click('[data-action="update"]')
        page.wait_for_selector('html[data-offline-ready="true"]', timeout=30_000)
        page.goto(server.url + "secondment/")
        assert (None, True, [new]) == (
            page.evaluate("window.__sameDocument"),
            "新版本的一段话" in page.inner_text("article"),
            cache_revisions(page, "secondment/index.html"),
        )
    finally:
        server.close()


def snapshot_keys(context: BrowserContext, page: Page) -> Any:
    return page.evaluate("caches.open('quizkit-engine-snapshot').then((c) => c.keys()).then((k) => k.length)")


@pytest.mark.browser
def test_second_visit_restores_the_engine_from_its_snapshot(contexts: Contexts, serve_mini: StaticServer) -> None:
    """After one boot the engine's memory is saved; the next visit scores without fetching the archive."""
    context = contexts.new_context(service_workers="block")  # the network, not the precache, must serve
    page = context.new_page()
    page.goto(serve_mini.url + "quiz/sample/")
    page.wait_for_selector('[data-engine-status="ready"]', timeout=60_000)
    for _ in range(100):
        if snapshot_keys(context, page) == 1:
            break
        page.wait_for_timeout(200)
    context.route("**/scoring.zip", lambda route: route.fulfill(status=404, body="gone"))
    page.reload()
    answer_sample(page)
    page.click('[data-action="submit"]')
    assert ("6", "8", "75") == result_of(page)
