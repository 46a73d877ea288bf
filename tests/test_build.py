"""Real MkDocs builds: the site builds strict, and each kind of quiz mistake fails at its file and line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scoring.credit_rules import parse_rules
from scoring.quiz_schema import parse_quiz

from .sites import copy_mini, mkdocs_build


def test_real_site_has_engine_and_quiz_pages(real_site: Path) -> None:
    """The strict build of the real site ships the Pyodide core, the archive and every quiz page."""
    engine = {p.name for p in (real_site / "assets/pyodide").iterdir()}
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"} <= engine
    assert (real_site / "assets/quiz/scoring.zip").is_file()
    assert list((real_site / "quiz").glob("*/index.html"))


FOREIGN_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//|importScripts\(["'](?:https?:)?//"""
)


def test_no_page_loads_from_another_origin(real_site: Path) -> None:
    """No built HTML, CSS or JS loads anything from another origin (fonts, CDNs)."""
    offenders = [
        f"{path.relative_to(real_site)}: {match.group(0)}"
        for path in real_site.rglob("*")
        if path.suffix in {".html", ".css", ".js", ".mjs"}
        for match in FOREIGN_LOAD.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert [] == offenders


def test_foreign_load_pattern_catches_a_font_link() -> None:
    """The pattern above does see a Google Fonts stylesheet, so the test can fail."""
    assert FOREIGN_LOAD.search('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')


def test_headings_keep_chinese_anchors(mini_site: Path) -> None:
    """Heading ids keep Chinese characters so questions can link to sections."""
    html = (mini_site / "secondment/index.html").read_text(encoding="utf-8")
    assert 'id="考核要求"' in html


def test_search_index_is_segmented_into_words(mini_site: Path) -> None:
    """jieba segments Chinese at build time, so the index holds words like 挂职."""
    index = json.loads((mini_site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "挂职\u200b" in texts or "\u200b挂职" in texts


def test_quiz_page_is_plain_html_with_hooks(mini_site: Path) -> None:
    """The quiz is in the HTML itself, with the stable data-* hooks."""
    html = (mini_site / "quiz/sample/index.html").read_text(encoding="utf-8")
    hooks = [
        'data-quiz-id="sample"',
        'data-question-id="s-fill"',
        'value="B"',
        'data-blank="1"',
        'data-action="submit"',
    ]
    assert [h for h in hooks if h not in html] == []


BROKEN = [
    ("answer: B\n", "answer: E\n", "quizzes/sample.yaml:15: questions[0].answer: 应为选项 A、B、C 之一（实际是'E'）"),
    (
        "    points: 2\n    explanation: 组织",
        "    points: 2\n    level: 3\n    explanation: 组织",
        "quizzes/sample.yaml:17: questions[0].level: 未知的字段",
    ),
    ("    answer: B\n", "", "quizzes/sample.yaml:7: questions[0].answer: 缺少答案"),
    ("id: s-multiple", "id: s-single", "quizzes/sample.yaml:19: questions[1].id: 题目 id 重复"),
    (
        "link: index.md#成长渠道",
        "link: nowhere.md#成长渠道",
        "quizzes/sample.yaml:18: questions[0].link: 链接的页面不存在（实际是 'nowhere.md'）",
    ),
    (
        "link: index.md#成长渠道",
        "link: index.md#没有这节",
        "quizzes/sample.yaml:18: questions[0].link: 页面 index.md 中没有这个小节（实际是 '#没有这节'）",
    ),
    ("      A: 自我成才\n", "      A: [自我成才\n", "quizzes/sample.yaml:13: YAML 格式错误"),
    (
        "      C: 公平竞争\n",
        "      C: yes\n",
        "quizzes/sample.yaml:14: questions[0].options.C: 选项文字应为非空文字（实际是布尔值 true",
    ),
    (
        "    answer: B\n",
        "    answer: !!python/object/apply:os.system [touch pwned]\n",
        "quizzes/sample.yaml:15: 不允许的 YAML 标签",
    ),
]


def assert_build_fails_at(tmp_path: Path, file: str, old: str, new: str, expected: str) -> None:
    """Break ``file`` of a copy of the mini project; the build must stop with ``expected``, no traceback."""
    project = copy_mini(tmp_path / "project")
    broken = project / file
    text = broken.read_text(encoding="utf-8")
    assert old in text
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert (1, True, False) == (result.returncode, expected in result.stderr, "Traceback" in result.stderr), (
        result.stderr[-2000:]
    )
    assert not (project / "pwned").exists()


@pytest.mark.parametrize(("old", "new", "expected"), BROKEN)
def test_quiz_mistake_fails_build_at_file_and_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """A broken quiz stops the build with file:line and a Chinese message, no traceback."""
    assert_build_fails_at(tmp_path, "quizzes/sample.yaml", old, new, expected)


@pytest.mark.parametrize("name", ["officer.md", "officer/index.md", "tools/ledger.md"])
def test_docs_page_at_a_generated_address_fails_build(tmp_path: Path, name: str) -> None:
    """An officer's page where the plugin writes one of its own (the workbench, the ledger) would
    vanish from the site, or replace ours, without a word: the build names the file and stops."""
    project = copy_mini(tmp_path / "project")
    page = project / "docs" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# 专员自己的页面\n", encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    expected = f"docs/{name} 与系统生成的页面"
    assert (1, True, False) == (result.returncode, expected in result.stderr, "Traceback" in result.stderr), (
        result.stderr[-2000:]
    )


def test_page_versions_are_the_hashes_of_its_data(mini_site: Path) -> None:
    """data-version on the page is the scoring version Python computes from the page's own quiz JSON
    (what attempts and drafts are kept under), data-content-version its content hash (older ones)."""
    html = (mini_site / "quiz/engine/index.html").read_text(encoding="utf-8")
    version = re.search(r'data-version="([0-9a-f]{64})"', html)
    content = re.search(r'data-content-version="([0-9a-f]{64})"', html)
    data = re.search(r'<script type="application/json" class="quiz-data">(.*?)</script>', html, re.S)
    assert version is not None
    assert content is not None
    assert data is not None
    quiz = parse_quiz(json.loads(data.group(1))["quiz"])
    assert (version.group(1), content.group(1)) == (quiz.scoring_version, quiz.version)


RULES_BROKEN = [
    (
        "    at_least: 90\n",
        "    at_least: -5\n",
        "quizzes/rules/yearly.yaml:29: requirements[0].at_least: 应大于 0 且不超过 100000（实际是 -5）",
    ),
    (
        "    kinds: [centralised]\n",
        "    kinds: [self_study]\n",
        "quizzes/rules/yearly.yaml:27: requirements[0].kinds[0]: 本文件 kinds 中没有这类活动",
    ),
    (
        "    unit: time\n    source: 测试\n  - id: online",
        "    unit: hours\n    source: 测试\n  - id: online",
        "quizzes/rules/yearly.yaml:12: kinds[0].unit: 应为 time、count、quiz 之一",
    ),
    ("id: yearly\n", "id: annual\n", "quizzes/rules/yearly.yaml:2: id: 规则 id 应与文件名一致"),
    ("  value: 7.5\n", "  value: [7.5\n", "quizzes/rules/yearly.yaml:8: YAML 格式错误"),
    (
        "    source: 测试\nrequirements",
        "    source: !!python/object/apply:os.system [touch pwned]\nrequirements",
        "quizzes/rules/yearly.yaml:23: 不允许的 YAML 标签",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), RULES_BROKEN)
def test_rules_mistake_fails_build_at_file_and_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """A broken credit rules file stops the build with file:line and a Chinese message, no traceback."""
    assert_build_fails_at(tmp_path, "quizzes/rules/yearly.yaml", old, new, expected)


def test_ledger_page_carries_resolved_rules_with_hashes(mini_site: Path) -> None:
    """The generated ledger page holds every rule set as resolved JSON with its content hash."""
    html = (mini_site / "tools/ledger/index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" class="ledger-data">(.*?)</script>', html, re.S)
    data = json.loads(found.group(1) if found else "{}")
    rules = parse_rules(data["rule_sets"][0]["rules"])
    assert (["yearly"], rules.version, True) == (
        [s["id"] for s in data["rule_sets"]],
        data["rule_sets"][0]["version"],
        "data-ledger" in html,
    )


def test_summary_page_is_built(mini_site: Path) -> None:
    """The printable summary page is generated next to the ledger."""
    assert "data-summary" in (mini_site / "tools/summary/index.html").read_text(encoding="utf-8")


def test_live_preview_does_not_register_the_service_worker(tmp_path: Path) -> None:
    """mkdocs serve pages carry no service worker, so an officer's edit shows on the next reload."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    project = copy_mini(tmp_path / "project")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert ("测试站点" in page, "register.js" in page) == (True, False)
    finally:
        server.terminate()
        server.wait(timeout=30)
