"""Everything an officer writes that reaches a page is sanitised the same way (quizkit/sanitize.py),
and fits a phone however it is written.

One hostile set goes into every field a quiz, a rule set and a curriculum page have; a real
``mkdocs build --strict`` (with the real site's Markdown extensions, attr_list among them) must
produce no attribute, link or element that runs, restyles, frames, submits or redirects, on any
page, and Chromium (no CSP header sent) must open no dialog. A second quiz puts long unbroken runs
(a 110-character URL, a 60-digit number) into every field; at 360 px nothing scrolls sideways.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Dialog, Page

from quizkit import sanitize

from .browser import NewPage
from .sites import StaticServer, copy_mini, mkdocs_build
from .test_layout_shift import PHONE

pytestmark = pytest.mark.xdist_group("hostile-officer")
ENGINE_WAIT_MS = 60_000

# Every payload carries "alert", so a built page can be scanned for it in places code could run.
HOSTILE_BLOCKS = [
    "![图](data:,x){: onerror=alert(1) }",
    "[脚本链接](javascript:alert(2))",
    "[数据链接](data:text/html,alert(3))",
    "[改址链接](#){: href=javascript:alert(4) }",
    '[新窗口](https://example.org/new-window){: target="_blank" }',
    '隐藏全页的段落 {: style="font-size:999px;color:#fff;--alert:1" }',
    "<img src=x onerror=alert(5)>",
    "<script>alert(6)</script>",
    "<iframe src='https://alert.example/'></iframe>",
    "<base href='https://alert.example/'>",
    "<meta http-equiv='refresh' content='0;url=https://alert.example/'>",
    "<form action='https://alert.example/'><input name='alert'></form>",
    "脚注[^h]\n\n[^h]: [脚注链接](javascript:alert(7))",
]
HOSTILE_TEXT = "\n\n".join(HOSTILE_BLOCKS)
HOSTILE_LINE = " ".join(block.replace("\n\n", " ") for block in HOSTILE_BLOCKS)
HOSTILE_TITLE = "恶意测验 {: onclick=alert(8) style=color:#fff }"
# Attributes through which a value can run code, load, submit or restyle.
ACTIVE = re.compile(r"^(on.*|style|srcset|action|formaction|content|http-equiv|background)$")
# A link or source that runs code or leaves for the payloads' host (a quoted relative path does neither).
LINKS = {"href", "src", "xlink:href"}
RUNNING_URL = re.compile(r"^\s*(javascript|data|vbscript):|alert\.example", re.IGNORECASE)
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "base", "meta", "form", "link", "style", "script"}


def hostile_quiz() -> dict[str, object]:
    question = {
        "id": "h-single",
        "type": "single",
        "stem": HOSTILE_LINE,
        "options": {"A": HOSTILE_LINE, "B": "正常选项"},
        "answer": "B",
        "explanation": HOSTILE_TEXT,
        "hint": HOSTILE_LINE,
        "link": "secondment.md#考核要求",
    }
    return {
        "id": "hostile",
        "title": HOSTILE_TITLE,
        "description": HOSTILE_TEXT,
        "area": "政策制度",
        "pass_mark": 60,
        "questions": [question],
    }


LONG_URL = "https://www.example.org/" + "a" * 60 + "/policy-document-with-a-very-long-name-2026.html"
DIGITS = "1234567890" * 6
LONG = f"{LONG_URL}{DIGITS}"


def long_quiz() -> dict[str, object]:
    """Every field a learner sees on the quiz page, each with an unbroken run far wider than a phone."""
    common: dict[str, object] = {"explanation": f"解析{LONG}", "hint": f"提示{LONG}", "link": "secondment.md#考核要求"}
    questions: list[dict[str, object]] = [
        {"id": "l-single", "type": "single", "stem": f"题干{LONG}", "answer": "A"}
        | {"options": {"A": LONG_URL, "B": DIGITS, "C": f"选项{LONG}"}},
        {"id": "l-fill", "type": "fill", "stem": f"{LONG}____{DIGITS}____", "answer": [[LONG_URL], [DIGITS]]},
        {"id": "l-ordering", "type": "ordering", "stem": LONG, "answer": ["A", "B", "C"]}
        | {"options": {"A": LONG_URL, "B": DIGITS, "C": LONG}},
        {"id": "l-matching", "type": "matching", "stem": LONG, "prompts": [LONG_URL, DIGITS], "answer": ["A", "B"]}
        | {"options": {"A": LONG_URL, "B": DIGITS, "C": LONG}},
        {"id": "l-scenario", "type": "scenario", "stem": LONG}
        | {"options": {"A": {"text": LONG_URL, "weight": 1, "note": LONG}, "B": {"text": DIGITS, "weight": 0}}},
    ]
    return {
        "id": "long",
        "title": "长文字测验",
        "description": f"说明{LONG}",
        "area": "政策制度",
        "pass_mark": 60,
        "questions": [common | q for q in questions],
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_mini(tmp_path_factory.mktemp("hostile") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extensions = "markdown_extensions:\n  - attr_list\n  - footnotes\n  - md_in_html\n  - tables\n"
    config.write_text(text.replace("markdown_extensions:\n", extensions), encoding="utf-8")
    (project / "quizzes" / "hostile.yaml").write_text(
        yaml.safe_dump(hostile_quiz(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (project / "quizzes" / "long.yaml").write_text(
        yaml.safe_dump(long_quiz(), allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    rules_file = project / "quizzes" / "rules" / "yearly.yaml"
    rules = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
    rules["title"] = HOSTILE_TITLE
    rules["description"] = HOSTILE_LINE
    rules["requirements"][0]["title"] = HOSTILE_LINE
    rules["requirements"][0]["note"] = HOSTILE_LINE
    rules["kinds"][0]["title"] = HOSTILE_LINE
    rules_file.write_text(yaml.safe_dump(rules, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "docs" / "hostile.md").write_text(f'# 专员页 {{: onclick="alert(9)" }}\n\n{HOSTILE_TEXT}\n', "utf-8")
    nav_entry = "  - 挂职锻炼: secondment.md\n"
    config.write_text(
        config.read_text(encoding="utf-8").replace(nav_entry, nav_entry + "  - 专员页: hostile.md\n"), "utf-8"
    )
    site = project / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


class Scan(HTMLParser):
    """Where a built page lets an officer's "alert" act: an active attribute, a dangerous element, a
    new-window link of the officer's without rel=noopener noreferrer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value and "alert" in value.lower() and ACTIVE.match(name):
                self.found.append(f"<{tag} {name}={value!r}>")
            if value and name in LINKS and RUNNING_URL.search(value):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS and any(v and "alert" in v.lower() for v in values.values()):
            self.found.append(f"<{tag}> {values}")
        # The officer's new-window link (Material's own footer link is rel=noopener, its choice).
        if tag == "a" and values.get("target") == "_blank" and "example.org" in (values.get("href") or ""):
            rel = set((values.get("rel") or "").split())
            if not {"noopener", "noreferrer"} <= rel:
                self.found.append(f"<a target=_blank rel={values.get('rel')!r}>")
        # Only JSON data (which no "<" can close) may carry officer text inside a script element.
        self.open.append("json" if values.get("type") == "application/json" else tag)

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in {"script", "style"} and "alert(" in data:
            self.found.append(f"<{self.open[-1]}> {data[:80]!r}")

    def handle_endtag(self, tag: str) -> None:
        tag = "json" if tag == "script" and self.open and self.open[-1] == "json" else tag
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def findings(html: str) -> list[str]:
    scan = Scan()
    scan.feed(html)
    return scan.found


def test_hostile_officer_text_is_inert_on_every_built_page(hostile_site: Path) -> None:
    """Quiz title, description, stem, options, explanation, hint, rule texts and a curriculum page."""
    pages = sorted(hostile_site.rglob("*.html"))
    problems = {str(p.relative_to(hostile_site)): findings(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}
    officer = (hostile_site / "hostile" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/new-window" target="_blank" rel="noopener noreferrer"' in officer
    quiz = (hostile_site / "quiz" / "hostile" / "index.html").read_text(encoding="utf-8")
    # The officer's text is still there, and so are our controls.
    assert all(text in quiz for text in ("恶意测验", "隐藏全页的段落", "脚注链接"))
    assert all(hook in quiz for hook in ('data-action="submit"', '<form class="quiz-form"'))


def test_new_window_links_get_noopener_noreferrer() -> None:
    html = sanitize.sanitize_html('<a href="https://example.org/" target="_blank" rel="opener">外链</a>')
    assert html == '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">外链</a>'


@pytest.mark.parametrize(
    "hostile",
    [
        '<p style="font-size:999px;color:#fff">藏起来</p>',
        "<base href='https://example.org/'>",
        "<meta http-equiv='refresh' content='0'>",
        "<img src='data:image/svg+xml,x'>",
        "<a href='data:text/html,x'>x</a>",
        "<frameset><frame src='x'></frameset>",
    ],
)
def test_sanitizer_drops_style_base_meta_data_and_frames(hostile: str) -> None:
    html = sanitize.sanitize_html(hostile)
    assert not re.search(r"style=|<base|<meta|data:|<frame", html), html


def test_generated_page_keeps_only_the_trusted_html() -> None:
    page = (
        '<h1 onclick="x">题</h1><!-- quizkit:trusted --><form class="quiz-form"><input></form>'
        '<!-- /quizkit:trusted --><div class="footnote"><a href="javascript:x">注</a></div>'
    )
    assert (
        sanitize.sanitize_generated(page)
        == '<h1>题</h1><form class="quiz-form"><input></form><div class="footnote"><a>注</a></div>'
    )
    # An unpaired marker (officer Markdown swallowed the end) sanitises the rest as well.
    assert sanitize.sanitize_generated('<!-- quizkit:trusted --><form action="x"></form>') == ""


@pytest.fixture(scope="module")
def serve_hostile(hostile_site: Path) -> Iterator[StaticServer]:
    # No CSP header: the sanitiser alone must keep the officer's code from running.
    server = StaticServer(hostile_site)
    yield server
    server.close()


@pytest.mark.browser
def test_hostile_pages_open_no_dialog_in_chromium(new_page: NewPage, serve_hostile: StaticServer) -> None:
    """Quiz page (hint, submit, feedback), ledger, summary and the curriculum page: nothing fires."""
    page, _ = new_page(serve_hostile.url)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(serve_hostile.url + "quiz/hostile/")
    page.click('[data-question-id="h-single"] [data-action="hint"]')
    page.check('[data-question-id="h-single"] input[value="A"]')
    page.click('[data-action="submit"]')
    page.locator("[data-result]").wait_for(timeout=ENGINE_WAIT_MS)
    page.click("article h1")
    for path in ("tools/ledger/", "tools/summary/", "hostile/", "officer/"):
        page.goto(serve_hostile.url + path)
        page.wait_for_timeout(300)
    assert dialogs == []


def sideways(page: Page) -> dict[str, int]:
    widths: dict[str, int] = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    return widths


@pytest.mark.browser
def test_long_unbroken_text_wraps_on_a_phone(new_page: NewPage, serve_hostile: StaticServer) -> None:
    """360×640: no sideways scroll on the quiz page, before and after submitting (feedback shown)."""
    page, _ = new_page(serve_hostile.url, **PHONE)
    page.goto(serve_hostile.url + "quiz/long/")
    before = sideways(page)
    assert before["scroll"] <= before["client"], before
    page.click('[data-question-id="l-single"] [data-action="hint"]')
    page.check('[data-question-id="l-single"] input[value="B"]')
    page.fill('[data-question-id="l-fill"] input[data-blank="0"]', LONG_URL)
    page.click('[data-action="submit"]')
    page.click('[data-action="submit-anyway"]')
    page.locator("[data-result]").wait_for(timeout=ENGINE_WAIT_MS)
    after = sideways(page)
    assert after["scroll"] <= after["client"], after
