"""Pieces every generated page shares: the template environment, where the engine is, page files.

Generated pages are Markdown documents (front matter, a title, then plain HTML) rendered from
Jinja templates with autoescape on, so officer text is escaped unless it is marked safe.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

# Where the plugin puts the browser files and the engine in the site.
SITE_ASSETS = "assets/quiz"
SITE_PYODIDE = "assets/pyodide"
ARCHIVE = f"{SITE_ASSETS}/scoring.zip"
WORKER = f"{SITE_ASSETS}/engine-worker.mjs"


def json_script(data: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``: no ``<`` can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("quizkit.pages", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.filters["json_script"] = json_script


def render(template: str, **values: Any) -> str:
    return ENVIRONMENT.get_template(template).render(**values)


@dataclass(frozen=True)
class EngineSite:
    """What every page that scores or tallies needs to find and trust the engine."""

    archive_sha256: str
    stall_seconds: int

    def links(self, page: File) -> EngineLinks:
        def rel(url: str) -> str:
            return get_relative_url(url, page.url)

        return EngineLinks(
            worker=rel(WORKER),
            pyodide=rel(f"{SITE_PYODIDE}/"),
            archive=rel(ARCHIVE),
            archive_sha256=self.archive_sha256,
            stall_seconds=self.stall_seconds,
        )


@dataclass(frozen=True)
class EngineLinks:
    """Where one page finds the engine (relative to the page), written as its root's data-* attributes."""

    worker: str
    pyodide: str
    archive: str
    archive_sha256: str
    stall_seconds: int


def asset_url(name: str, page: File) -> str:
    """One of our browser files, relative to ``page``."""
    return get_relative_url(f"{SITE_ASSETS}/{name}", page.url)


def generated_page(config: MkDocsConfig, files: Files, src_uri: str) -> File:
    """An empty generated page, already in ``files``; its content is set once links can be resolved."""
    page = File.generated(config, src_uri, content="")
    # Files is keyed by source path, so an officer's docs page at the same address would be
    # replaced (or would overwrite ours) without a word: name it and stop the build instead.
    for existing in files:
        if existing.src_uri == src_uri or existing.dest_uri == page.dest_uri:
            raise PluginError(
                f"docs/{existing.src_uri} 与系统生成的页面 {page.url or 'index.html'} 用的是同一个地址"
                f"（{page.dest_uri}），这个文件的内容不会出现在网站上：请给它换个文件名"
                f"（或在 mkdocs.yml 的 quizkit 设置里把生成页面改到别处）"
            )
    files.append(page)
    return page
