"""MkDocs plugin: quiz YAML -> validated bank -> quiz pages, plus the engine files in the site.

Event methods stay thin; the work is in ``bank``, ``render`` and ``archive``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scoring.errors import DataError
from scoring.model import AREAS
from scoring.quiz_schema import check_links

from . import offline
from .archive import build_scoring_archive, sha256_hex
from .bank import Bank, load_bank
from .config import QuizzesConfig
from .csp import write_policy
from .engine.files import engine_files
from .ledger_page import EngineSite, add_ledger_pages, load_rule_sets
from .render import EngineLinks, render_quiz_page, render_review_page
from .sanitize import sanitize_html

log = get_plugin_logger(__name__)

ASSET_DIR = Path(__file__).parent / "assets"
SCORING_DIR = Path(__file__).parent.parent / "scoring"
# The five files Pyodide's core needs; the npm package ships no wheels, and we need none.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SITE_ENGINE = "assets/quiz"
SITE_PYODIDE = "assets/pyodide"
QUIZ_LIST_MARKER = "<!-- quiz-list -->"
REVIEW_PAGE = "review.md"
ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')


def _fail(error: DataError) -> PluginError:
    count = len(error.problems)
    return PluginError(f"测验文件有 {count} 处错误：\n" + "\n".join(str(p) for p in error.problems))


class QuizzesPlugin(BasePlugin[QuizzesConfig]):
    bank: Bank

    command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.quiz_dir = self.root / self.config.quiz_dir
        self.pyodide_dir = self.root / self.config.pyodide_dir
        try:
            self.bank = load_bank(self.quiz_dir, self.root)
        except DataError as error:
            raise _fail(error) from None
        rules_dir = self.root / self.config.rules_dir
        try:
            self.rule_sets = load_rule_sets(rules_dir, self.root) if rules_dir.is_dir() else []
        except DataError as error:
            raise PluginError(f"学时规则文件有 {len(error.problems)} 处错误：\n{error}") from None
        missing = [name for name in PYODIDE_FILES if not (self.pyodide_dir / name).is_file()]
        if missing:
            raise PluginError(f"找不到 Pyodide 文件 {', '.join(missing)}（在 {self.pyodide_dir}）：请先运行 npm ci")
        config.extra_css.append(f"{SITE_ENGINE}/quiz.css")
        if self.rule_sets:
            config.extra_css.append(f"{SITE_ENGINE}/ledger.css")
        # A live preview must show each edit at once; a service worker would serve the cached page.
        if self.command != "serve":
            offline.configure(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for asset in sorted(ASSET_DIR.iterdir()):
            files.append(File.generated(config, f"{SITE_ENGINE}/{asset.name}", abs_src_path=str(asset)))
        # The stock core with the standard library cut to what scoring needs (quizkit.engine).
        for engine_file in engine_files(config, self.pyodide_dir, SITE_PYODIDE):
            files.append(engine_file)
        for offline_file in offline.files(config, self.pyodide_dir.parent):
            files.append(offline_file)
        archive = build_scoring_archive(SCORING_DIR)
        files.append(File.generated(config, f"{SITE_ENGINE}/scoring.zip", content=archive))
        archive_sha = sha256_hex(archive)
        rules = files.get_file_from_path(self.config.rules_page)
        quiz_pages = {
            quiz_id: File.generated(config, f"quiz/{quiz_id}.md", content="") for quiz_id in self.bank.quizzes
        }
        review = File.generated(config, REVIEW_PAGE, content="")
        review.content_string = render_review_page(
            {quiz_id: get_relative_url(page.url, review.url) for quiz_id, page in quiz_pages.items()},
            self._links(review, archive_sha, rules),
            get_relative_url(f"{SITE_ENGINE}/review.js", review.url),
        )
        files.append(review)
        for quiz in self.bank.quizzes.values():
            page = quiz_pages[quiz.id]
            hrefs = {}
            for question in quiz.questions:
                path, _, anchor = question.link.partition("#")
                target = files.get_file_from_path(path)
                # A missing target is reported with file:line in on_env, once pages are rendered.
                if target is not None:
                    hrefs[question.id] = f"{get_relative_url(target.url, page.url)}#{anchor}"

            links = self._links(page, archive_sha, rules)
            page.content_string = render_quiz_page(quiz, hrefs, links)
            files.append(page)
        if self.rule_sets:
            site = EngineSite(
                SITE_ENGINE, SITE_PYODIDE, f"{SITE_ENGINE}/scoring.zip", archive_sha, self.config.engine_timeout
            )
            add_ledger_pages(
                config,
                files,
                self.rule_sets,
                self.bank.quizzes,
                site,
                self.config.ledger_page,
                self.config.summary_page,
            )
        return files

    def _links(self, page: File, archive_sha: str, rules: File | None) -> EngineLinks:
        def rel(url: str) -> str:
            return get_relative_url(url, page.url)

        return EngineLinks(
            worker=rel(f"{SITE_ENGINE}/engine-worker.mjs"),
            script=rel(f"{SITE_ENGINE}/quiz.js"),
            pyodide=rel(f"{SITE_PYODIDE}/"),
            archive=rel(f"{SITE_ENGINE}/scoring.zip"),
            archive_sha256=archive_sha,
            rules=rel(rules.url) if rules else "#",
            timeout_seconds=self.config.engine_timeout,
        )

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri != self.config.index_page or QUIZ_LIST_MARKER not in markdown:
            return markdown
        return markdown.replace(QUIZ_LIST_MARKER, self._quiz_list(page))

    def _quiz_list(self, page: Page) -> str:
        groups: dict[str, list[str]] = {}
        for quiz in self.bank.quizzes.values():
            url = get_relative_url(f"quiz/{quiz.id}.md", page.file.src_uri)
            count = len(quiz.questions)
            groups.setdefault(quiz.area, []).append(f"- [{quiz.title}]({url})（{count} 题）")
        return "\n\n".join(f"### {area}\n\n" + "\n".join(groups[area]) for area in AREAS if area in groups)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Our own generated pages escape officer text already; officer-written pages are sanitised.
        if page.file.generated_by is not None:
            return html
        return sanitize_html(html)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Only now are all pages rendered, so heading ids are known.
        anchors = {
            file.src_uri: set(ID_ATTRIBUTE.findall(file.page.content or ""))
            for file in files.documentation_pages()
            if file.page is not None
        }
        problems = [p for spec in self.bank.specs.values() for p in check_links(spec, anchors)]
        if problems:
            raise _fail(DataError(problems))
        log.info(
            f"已校验 {len(self.bank.quizzes)} 份测验、{sum(len(s.quiz.questions) for s in self.bank.specs.values())} 道题"
        )
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return offline.head_tags(output, page.file.url, config)

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        # The policy first: csp.txt and _headers are then part of the precache like any file.
        write_policy(site_dir)
        entries = offline.write_service_worker(site_dir)
        log.info(f"离线缓存清单：{len(entries)} 个文件")

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.quiz_dir))
        server.watch(str(ASSET_DIR))
        server.watch(str(SCORING_DIR))
        return server
