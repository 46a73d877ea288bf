"""Words a learner should never have to read: the programmer's and the officer's, and the one name
the pages do not use for the scoring program (评分程序, never 评分引擎)."""

from __future__ import annotations

import re

JARGON = re.compile(
    r"Python|Pyodide|WebAssembly|Worker|SHA-256|校验值|哈希|YAML|评分引擎|种子材料|本课程资料索引|quizzes/"
    r"|\b[\w-]+\.ya?ml\b|\b[a-z]+(?:_[a-z]+)+\b"
)
