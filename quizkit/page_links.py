"""The strict build's own link and anchor checks on the officer's pages, without building the site.

``cadre-officer validate`` must reject what ``mkdocs build --strict`` rejects. MkDocs 1.6 checks
links while it renders each page (``_RelativePathTreeprocessor``: a missing file, an absolute
link) and anchors after all pages are rendered (``Page.validate_anchor_links`` against each page's
element ids). Here the same ``Page`` objects do the same work and their warnings are collected;
the files our plugin generates (quiz pages, the ledger, the bank template) are added as stubs, so links to them
count as found.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs.structure.pages import Page

from scoring.errors import Problem

from .config import QuizzesConfig
from .officer.template import TEMPLATE_PATH
from .pages.quiz import page_uri
from .pages.review import PAGE as REVIEW_PAGE

DOC_FILE = re.compile(r"^Doc file '([^']+)' ")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def page_link_problems(config_file: Path, quiz_ids: list[str]) -> list[Problem]:
    """One problem per link or anchor the strict build would warn about, named by its page."""
    config = load_config(str(config_file))
    files = get_files(config)
    generated = [page_uri(quiz_id) for quiz_id in quiz_ids] + [REVIEW_PAGE, TEMPLATE_PATH]
    options = getattr(config.plugins.get("quizzes"), "config", None)
    if isinstance(options, QuizzesConfig):
        generated += [options.ledger_page, options.summary_page, options.officer_page]
    for uri in generated:
        if files.get_file_from_path(uri) is None:
            stub = File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
            stub.generated_by = "quizzes"
            files.append(stub)
    logger = logging.getLogger("mkdocs.structure.pages")
    collect = _Collect()
    logger.addHandler(collect)
    # Warnings are what strict mode counts; ``-q`` on the command line must not hide them here.
    level, logger.level = logger.level, logging.WARNING
    try:
        pages = []
        for file in files.documentation_pages():
            if file.generated_by is not None:
                continue
            page = Page(None, file, config)
            page.read_source(config)
            page.render(config, files)
            pages.append(page)
        for page in pages:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    problems = []
    for message in collect.messages:
        named = DOC_FILE.match(message)
        if named:
            text = f"链接或锚点有误，mkdocs build --strict 会因此停下（{message}）"
            problems.append(Problem(f"{docs}/{named.group(1)}", None, (), text))
    return problems
