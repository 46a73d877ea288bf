"""Write quiz data as YAML like a hand-written quiz file, without PyYAML (which the browser does not have).

Block style throughout; lists of keys and of accepted answers in flow style, as officers write them.
Option texts, prompts, answers and notes are always quoted; other text is quoted whenever YAML could
read it as something else (yes/no, numbers, dates, ``: ``, `` #``, leading indicators, spaces at
either end), and written in double quotes with escapes when it holds line breaks or control characters.
The output is deterministic: the same data always gives the same bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

INDENT = "  "
# Fields whose text is always quoted: what a learner's answer is compared with, or a choice shown.
ALWAYS_QUOTED = {"options", "prompts", "answer", "text", "note"}
PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# YAML 1.1 reads these (in any case) as booleans or null; "y" and "n" too, in some parsers.
SPECIAL_WORDS = {"yes", "no", "true", "false", "on", "off", "y", "n", "null", "~", "<<", ""}
INDICATORS = set("-?:,[]{}#&*!|>'\"%@`=~")
# Characters YAML does not allow raw in a document, or that it reads as line breaks: escaped in double quotes.
UNPRINTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _plain_ok(text: str) -> bool:
    """True when YAML reads ``text`` written bare as exactly this string (checked conservatively)."""
    if text != text.strip() or text.casefold() in SPECIAL_WORDS or UNPRINTABLE.search(text):
        return False
    first = text[0]
    if first in INDICATORS or first.isdigit() or first in "+.":
        return False
    return ": " not in text and " #" not in text and not text.endswith(":") and "\t" not in text


def quote(text: str) -> str:
    """Single quotes when the text is one printable line; double quotes with escapes otherwise."""
    if not UNPRINTABLE.search(text) and "\t" not in text:
        return "'" + text.replace("'", "''") + "'"
    out = []
    for char in text:
        if char in ESCAPES:
            out.append(ESCAPES[char])
        elif UNPRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def number(value: float) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot write {value!r} in a quiz file")
    text = repr(value)
    # YAML 1.1 needs a dot in the mantissa and a signed exponent: 1e-05 -> 1.0e-05.
    if "e" in text:
        mantissa, exponent = text.split("e")
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        exponent = exponent if exponent[0] in "+-" else "+" + exponent
        text = f"{mantissa}e{exponent}"
    return text


def scalar(value: Any, quoted: bool) -> str:
    if isinstance(value, str):
        return value if not quoted and _plain_ok(value) else quote(value)
    if isinstance(value, (bool, int, float)):
        return number(value)
    raise TypeError(f"cannot write {type(value).__name__} in a quiz file")


def _key(key: Any) -> str:
    text = str(key)
    return text if PLAIN_KEY.match(text) and text.casefold() not in SPECIAL_WORDS else quote(text)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, bool, int, float))


def _flow(items: Sequence[Any]) -> str:
    return "[" + ", ".join(scalar(item, True) for item in items) + "]"


def _lines(value: Any, indent: str, quoted: bool) -> list[str]:
    """The block lines of a mapping or a list, each starting with ``indent``."""
    lines: list[str] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            inner = quoted or key in ALWAYS_QUOTED
            head = f"{indent}{_key(key)}:"
            if _is_scalar(item):
                lines.append(f"{head} {scalar(item, inner)}")
            elif isinstance(item, Sequence) and key != "prompts" and all(_is_scalar(i) for i in item):
                lines.append(f"{head} {_flow(item)}")
            elif isinstance(item, Mapping) and not item:
                lines.append(f"{head} {{}}")
            else:
                lines.append(head)
                lines.extend(_lines(item, indent + INDENT, inner))
        return lines
    if isinstance(value, Sequence) and not isinstance(value, str):
        for item in value:
            if _is_scalar(item):
                lines.append(f"{indent}- {scalar(item, quoted)}")
            elif isinstance(item, Sequence) and not isinstance(item, str) and all(_is_scalar(i) for i in item):
                lines.append(f"{indent}- {_flow(item)}")
            elif isinstance(item, Mapping) and item:
                block = _lines(item, indent + INDENT, quoted)
                lines.append(f"{indent}- {block[0][len(indent) + len(INDENT) :]}")
                lines.extend(block[1:])
            else:
                raise TypeError("cannot write an empty or nested list item in a quiz file")
        return lines
    raise TypeError(f"cannot write {type(value).__name__} in a quiz file")


def comment_text(text: str) -> str:
    """A comment line: no line breaks or control characters can end it early."""
    return UNPRINTABLE.sub(" ", text).replace("\t", " ")


def emit_quiz(data: Mapping[str, Any], comment: str = "") -> str:
    """The quiz file's text (UTF-8, LF line ends, one trailing newline)."""
    head = [f"# {comment_text(line)}" for line in comment.splitlines() if line.strip()]
    return "\n".join([*head, *_lines(data, "", False)]) + "\n"
