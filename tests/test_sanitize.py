"""Officer-written pages: what Markdown produces is kept, anything that could run is dropped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from playwright.sync_api import Dialog

from quizkit.sanitize import sanitize_html

from .browser import NewPage
from .sites import StaticServer

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
]
SAMPLE = """
## 小节标题 {#section}

!!! note "提示"
    正文，带脚注[^1]和 HTML 缩写。

| 列一 | 列二 |
| --- | --- |
| 1 | 2 |

??? example "展开"
    内容

<svg viewBox="0 0 100 20"><rect width="40" height="10" fill="#c62828"></rect><text x="45" y="10">40%</text></svg>

术语
:   解释

<div class="grid cards" markdown>
- [链接](other.md#a)
</div>

*[HTML]: 超文本标记语言
[^1]: 脚注内容。
"""


class Events(HTMLParser):
    """A page as a list of parse events, so equal markup compares equal however it is spelled."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, *sorted(f"{k}={v or ''}" for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("text", data.strip()))


def events(html: str) -> list[tuple[str, ...]]:
    parser = Events()
    parser.feed(html)
    # Void elements: "<hr />" and "<hr>" both parse as a start tag only.
    return [e for e in parser.events if not (e[0] == "end" and e[1] in {"hr", "br", "img", "input"})]


def test_sanitizer_keeps_what_our_markdown_produces() -> None:
    """Admonitions, footnotes, tables, details, SVG charts, abbreviations and ids pass unchanged."""
    html = markdown.markdown(SAMPLE, extensions=EXTENSIONS)
    assert events(html) == events(sanitize_html(html))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>",
        "onerror=",
        "javascript:",
        "<iframe",
        "onload=",
        "onclick=",
        "<object",
        "<embed",
        "<form",
        "position: fixed",
        "position:fixed",
    ],
)
def test_built_page_has_nothing_that_runs(mini_site: Path, hostile: str) -> None:
    """The hostile fixture page is built without scripts, handlers, script links, frames or forms."""
    article = (
        (mini_site / "hostile/index.html")
        .read_text(encoding="utf-8")
        .split('<article class="md-content__inner md-typeset">')[1]
        .split("</article>")[0]
    )
    assert hostile not in article


@pytest.mark.browser
def test_hostile_page_shows_its_text_and_runs_nothing(new_page: NewPage, serve_mini: StaticServer) -> None:
    """In Chromium the text is there, no dialog opens and no injected code has run."""
    page, _ = new_page(serve_mini.url)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(serve_mini.url + "hostile/")
    for link in page.query_selector_all("article a:not([href^='#'])"):
        link.click(no_wait_after=True)
    page.click("text=可点的文字")
    text = page.inner_text("article")
    shown = [
        t for t in ("看似正常的链接", "可点的文字", "加粗的文字", "矢量图里的文字", "最后一段正常文字") if t in text
    ]
    assert (5, [], None) == (len(shown), dialogs, page.evaluate("window.__pwned"))
