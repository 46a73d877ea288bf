"""The curriculum's own words for Chinese search: every 术语表 term and every bold term of the
curriculum go into jieba's user dictionary before the search plugin segments the pages, so that
三荐两考 is one word in the index (and in the query) rather than 三荐 + 两 + 考.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import jieba

GLOSSARY_HEADING = re.compile(r"^## +(.+?) *$", re.MULTILINE)
BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
# A term is a short run of Chinese characters, letters or digits; a bold list (甲、乙、丙) gives each
# item; bold text with a comma or a full stop is a phrase or sentence, not a term.
TERM = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,16}$")
LIST_SEPARATOR = re.compile(r"[、/／]")
SENTENCE = re.compile(r"[，,。；;：:！？]")


def glossary_terms(markdown: str) -> list[str]:
    """The glossary's entries: its second-level headings."""
    return [term for term in GLOSSARY_HEADING.findall(markdown) if TERM.match(term)]


def bold_terms(markdown: str) -> list[str]:
    """Words set in bold that look like terms (not whole phrases or sentences)."""
    terms = []
    for text in BOLD.findall(markdown):
        if not SENTENCE.search(text):
            terms += [part.strip() for part in LIST_SEPARATOR.split(text) if TERM.match(part.strip())]
    return terms


def add_terms(terms: Iterable[str]) -> int:
    """Adds each term to jieba's dictionary (process-wide); returns how many distinct terms."""
    unique = sorted(set(terms))
    for term in unique:
        jieba.add_word(term)
    return len(unique)


# Material's search worker splits a Chinese query into words it finds in the index, but its loop
# stops one character short (slice(i, j) for j < length), so a query that is itself one indexed
# word (三荐两考) is never looked up whole: it becomes 三* and matches everything starting with 三.
# Material is at its end of life (9.8.1 is final), so the built worker is fixed in place, by one
# character, and the build says so if the loop it fixes is not there.
SEGMENT_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


def fix_query_segmentation(worker_js: str) -> str | None:
    """The worker's code with the loop's bound made inclusive; None when the loop is not found."""
    fixed, count = SEGMENT_LOOP.subn(lambda m: m.group(0).replace("<", "<=", 1), worker_js)
    return fixed if count == 1 else None
