"""MkDocs plugin: quiz and rules YAML -> validated bank -> generated pages, plus the engine in the site.

Event methods stay thin; the work is in ``sources`` (reading the officer's files), ``pages``
(one module per generated page), ``engine`` and ``offline``.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from scoring.errors import DataError, ScoringError
from scoring.quiz_schema import check_links

from . import offline, theme
from .archive import build_scoring_archive, sha256_hex
from .config import QuizzesConfig
from .csp import write_policy
from .engine.files import download_size, engine_files
from .facts import fill_facts, page_facts
from .officer.template import TEMPLATE_PATH, template_bytes
from .pages.common import ARCHIVE, SITE_ASSETS, SITE_PYODIDE, EngineSite
from .pages.daily import add_daily_page
from .pages.labels import labels_module
from .pages.ledger import add_ledger_pages
from .pages.progress import home_lines, mark_area_index, mark_module_page, mark_quiz_list, module_quizzes, quiz_ways
from .pages.quiz import add_quiz_pages, quiz_list_markdown
from .pages.review import add_review_page
from .sanitize import sanitize_generated, sanitize_html
from .search_terms import add_terms, bold_terms, fix_query_segmentation, glossary_terms
from .sources import Bank, SiteFolders, load_bank, load_rule_sets
from .version_store import archive_path, update_archive
from .workbench.site import add_officer_page, write_site_bank

log = get_plugin_logger(__name__)

ASSET_DIR = Path(__file__).parent / "assets"
SCORING_DIR = Path(__file__).parent.parent / "scoring"
# The five files Pyodide's core needs; the npm package ships no wheels, and we need none.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
QUIZ_LIST_MARKER = "<!-- quiz-list -->"
# The officer's page downloads the whole stdlib too, on an office PC: a generous limit, in seconds.
OFFICER_TIMEOUT = 300
GUIDE_SEARCH_BOOST = 0.2
ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')
H1_END = re.compile(r"</h1>")
HOME_PAGE = "index.md"


def _fail(what: str, error: DataError) -> PluginError:
    return PluginError(f"{what}有 {len(error.problems)} 处错误：\n{error}")


def add_browser_files(config: MkDocsConfig, files: Files, pyodide_dir: Path) -> tuple[str, int]:
    """Our browser modules, the engine (reduced Pyodide and the scoring archive) and the offline layer;
    returns the archive's SHA-256, which pages carry so the engine can check it, and the engine's
    download size (gzip), which pages state."""
    for asset in sorted(ASSET_DIR.iterdir()):
        files.append(File.generated(config, f"{SITE_ASSETS}/{asset.name}", abs_src_path=str(asset)))
    files.append(File.generated(config, f"{SITE_ASSETS}/labels.js", content=labels_module()))
    archive = build_scoring_archive(SCORING_DIR)
    files.append(File.generated(config, ARCHIVE, content=archive))
    archive_from_engine = posixpath.relpath(ARCHIVE, SITE_PYODIDE)
    engine = engine_files(config, pyodide_dir, SITE_PYODIDE, {archive_from_engine: archive})
    for engine_file in engine:
        files.append(engine_file)
    for offline_file in offline.files(config, pyodide_dir.parent):
        files.append(offline_file)
    # The figure engine.json gives the progress bar, so the pages and the bar state the same size.
    return sha256_hex(archive), download_size(engine)


def add_search_terms(files: Files, glossary_page: str, guide_dir: str) -> int:
    """The glossary's terms and the curriculum's bold terms into jieba's dictionary (before any page is
    indexed by the search plugin, which runs later, on each page's context); returns how many."""
    terms: list[str] = []
    for file in files.documentation_pages():
        if file.generated_by is not None or file.src_uri.startswith(guide_dir):
            continue
        markdown = file.content_string
        if file.src_uri == glossary_page:
            terms += glossary_terms(markdown)
        terms += bold_terms(markdown)
    return add_terms(terms)


def patch_search_worker(site_dir: Path) -> None:
    """Material's search worker, made to look a whole Chinese query word up (see search_terms)."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    for worker in workers:
        fixed = fix_query_segmentation(worker.read_text(encoding="utf-8"))
        if fixed is None:
            log.warning(
                f"{worker.name}：没有找到要修正的中文查询分词循环（Material 升级了？请检查 quizkit/search_terms.py）"
            )
        else:
            worker.write_text(fixed, encoding="utf-8")


class QuizzesPlugin(BasePlugin[QuizzesConfig]):
    bank: Bank

    command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.folders = SiteFolders.of(Path(config.config_file_path).parent, self.config)
        self.pyodide_dir = self.folders.root / self.config.pyodide_dir
        try:
            self.bank = load_bank(self.folders.quiz_dir, self.folders.root)
        except DataError as error:
            raise _fail("测验文件", error) from None
        try:
            self.archive, added = update_archive(self.folders.quiz_dir, self.bank.quizzes.values())
        except ScoringError as error:
            raise PluginError(str(error)) from None
        if added:
            log.info(
                f"评分版本存档：{len(added)} 份测验有了新的评分版本（{'、'.join(added)}），"
                f"已写入 {archive_path(self.folders.quiz_dir)}，请一并提交"
            )
        try:
            self.rule_sets = load_rule_sets(self.folders.rules_dir, self.folders.root)
        except DataError as error:
            raise _fail("学时规则文件", error) from None
        missing = [name for name in PYODIDE_FILES if not (self.pyodide_dir / name).is_file()]
        if missing:
            raise PluginError(f"找不到 Pyodide 文件 {', '.join(missing)}（在 {self.pyodide_dir}）：请先运行 npm ci")
        theme.configure(config)
        config.extra_css.append(f"{SITE_ASSETS}/quiz.css")
        if self.rule_sets:
            config.extra_css.append(f"{SITE_ASSETS}/ledger.css")
        # A live preview must show each edit at once; a service worker would serve the cached page.
        if self.command != "serve":
            offline.configure(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        terms = add_search_terms(files, self.config.glossary_page, self.config.guide_dir)
        log.debug(f"搜索词典：加入 {terms} 个术语")
        archive_sha256, engine_bytes = add_browser_files(config, files, self.pyodide_dir)
        officer_bytes = add_officer_page(
            config,
            files,
            self.config.officer_page,
            self.pyodide_dir,
            self.bank.quizzes.values(),
            self.rule_sets,
            OFFICER_TIMEOUT,
            self.archive,
        )
        self.facts = page_facts(engine_bytes, officer_bytes)
        engine = EngineSite(archive_sha256, self.config.engine_stall_timeout)
        self.module_quizzes = module_quizzes(files, self.config.guide_dir)
        quiz_pages = add_quiz_pages(
            config,
            files,
            self.bank,
            engine,
            self.config.rules_page,
            lambda pages: quiz_ways(config.nav, files, self.module_quizzes, pages, "review/"),
            self.archive,
        )
        titles = {quiz_id: quiz.title for quiz_id, quiz in self.bank.quizzes.items()}
        add_review_page(config, files, quiz_pages, engine, titles)
        add_daily_page(config, files, self.bank, quiz_pages, engine)
        self.quiz_pages = quiz_pages
        files.append(File.generated(config, TEMPLATE_PATH, content=template_bytes()))
        if self.rule_sets:
            add_ledger_pages(
                config,
                files,
                self.rule_sets,
                self.bank.quizzes,
                engine,
                self.config.ledger_page,
                self.config.summary_page,
            )
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        markdown = fill_facts(markdown, self.facts)
        if page.file.src_uri.startswith(self.config.guide_dir):
            # Officers still find their guide by search; a learner's search lists the curriculum first.
            page.meta.setdefault("search", {}).setdefault("boost", GUIDE_SEARCH_BOOST)
        if page.file.src_uri != self.config.index_page or QUIZ_LIST_MARKER not in markdown:
            return markdown
        return markdown.replace(QUIZ_LIST_MARKER, quiz_list_markdown(self.bank, page.file.src_uri))

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Generated pages keep our controls (between trusted markers); officer text is sanitised on both.
        if page.file.generated_by is not None:
            return sanitize_generated(html)
        return self.progress_hooks(sanitize_html(html), page.file)

    def progress_hooks(self, html: str, file: File) -> str:
        """Our progress hooks (``pages/progress``), added to the officer's page once it is cleaned."""
        if file.src_uri == HOME_PAGE:
            lines = home_lines(file, self.bank.quizzes, self.quiz_pages)
            return H1_END.sub(lambda m: m.group(0) + lines, html, count=1)
        if file.src_uri == self.config.index_page:
            return mark_quiz_list(html, file, self.bank.quizzes)
        if file.url in self.module_quizzes:
            return mark_module_page(html, file, self.module_quizzes[file.url])
        if file.src_uri.endswith("index.md") and not file.src_uri.startswith(self.config.guide_dir):
            return mark_area_index(html, file, self.module_quizzes)
        return html

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Only now are all pages rendered, so heading ids are known.
        anchors = {
            file.src_uri: set(ID_ATTRIBUTE.findall(file.page.content or ""))
            for file in files.documentation_pages()
            if file.page is not None
        }
        problems = [p for spec in self.bank.specs.values() for p in check_links(spec, anchors)]
        if problems:
            raise _fail("测验文件", DataError(problems))
        write_site_bank(files, self.folders.quiz_dir, self.folders.root, anchors)
        questions = sum(len(s.quiz.questions) for s in self.bank.specs.values())
        log.info(f"已校验 {len(self.bank.quizzes)} 份测验、{questions} 道题")
        return env

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # Static templates (404.html) carry Material's header too.
        return theme.name_search_dialog(output_content)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = theme.text_size_control(theme.name_search_dialog(output), page.file.url)
        return offline.head_tags(output, page.file.url, config)

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        patch_search_worker(site_dir)
        # The policy first: csp.txt and _headers are then part of the precache like any file.
        write_policy(site_dir)
        entries = offline.write_service_worker(site_dir)
        log.info(f"离线缓存清单：{len(entries)} 个文件")

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.folders.quiz_dir))
        if self.folders.rules_dir.is_dir() and not self.folders.rules_dir.is_relative_to(self.folders.quiz_dir):
            server.watch(str(self.folders.rules_dir))
        server.watch(str(ASSET_DIR))
        server.watch(str(SCORING_DIR))
        return server
