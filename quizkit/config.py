"""Options of the ``quizzes`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class QuizzesConfig(Config):
    # Quiz YAML files, relative to mkdocs.yml.
    quiz_dir = c.Type(str, default="quizzes")
    # The pinned npm package; package.json holds the one version number.
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    # Seconds without a byte (or a word from the engine) before the page gives up and offers 重试.
    # Not a limit on the whole download: a slow link that keeps moving always finishes.
    engine_stall_timeout = c.Type(int, default=30)
    # The page that lists every quiz; its marker line is replaced by the list.
    index_page = c.Type(str, default="selftest/index.md")
    rules_page = c.Type(str, default="selftest/rules.md")
    # Credit rule YAML files (学时规则), relative to mkdocs.yml; without the folder no ledger pages.
    rules_dir = c.Type(str, default="quizzes/rules")
    ledger_page = c.Type(str, default="tools/ledger.md")
    summary_page = c.Type(str, default="tools/summary.md")
    # The 术语表: its headings (and bold terms of the curriculum) become single words for search.
    glossary_page = c.Type(str, default="glossary.md")
    # The officer's guide: left out of the learners' search dictionary and jargon rules.
    guide_dir = c.Type(str, default="guide/")
    # The officer's workbench (class report, bank import in the browser); not in the learners' menu.
    officer_page = c.Type(str, default="officer/index.md")
