"""Answers as officers write them in a bank (``ABD``, ``A、B、D``, ``√``, ``半|0.5；总结``, ``1-A,2-C``) and back.

Letters, digits and punctuation are folded from full width first, so ``Ａ，Ｂ`` reads as ``A,B``.
Fill answers keep their own characters: grading already treats full and half width alike.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from scoring.model import Question

from .bank_columns import OPTION_KEYS, fold


class AnswerTextError(ValueError):
    """An answer cell that cannot be read; the message says what was expected, in Chinese."""


TRUE_WORDS = {"对", "正确", "√", "✓", "✔", "☑", "是", "t", "true", "y", "yes", "对的", "正确的"}
FALSE_WORDS = {"错", "错误", "×", "✗", "✘", "x", "否", "f", "false", "n", "no", "不对", "不正确", "错的", "错误的"}
TRUE_LABEL, FALSE_LABEL = "正确", "错误"
KEY_SEPARATORS = re.compile(r"[,、;/]+")
ORDER_SEPARATORS = re.compile(r"[,、;/\->→—>]+")
BLANK_SEPARATORS = re.compile(r"[;；\n]")
VARIANT_SEPARATORS = re.compile(r"[|｜]")
MATCH_PAIRS = re.compile(r"(\d+)[-:=>→—~]*([A-Z])")
MATCH_WHOLE = re.compile(r"(?:\d+[-:=>→—~]*[A-Z][,、;/]*)+")
WEIGHT_PAIRS = re.compile(r"([A-Z])(?:[=:]?(\d+(?:\.\d+)?)(%?))?")
WEIGHT_WHOLE = re.compile(r"(?:[A-Z](?:[=:]?\d+(?:\.\d+)?%?)?[,、;/]*)+")
NUMBER = re.compile(r"^[+-]?(\d+)(\.\d+)?$")


def shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def cell_text(value: Any) -> str:
    """A spreadsheet value as the officer sees it: 2 not 2.0, a date as 2024-05-01."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def number_text(text: str) -> int | float | None:
    """``2``, ``2.5``, ``２分`` -> 2, 2.5, 2; None when not a plain number. Integers stay integers, as in YAML."""
    folded = fold(text).removesuffix("分")
    match = NUMBER.match(folded)
    if not match:
        return None
    return float(folded) if match.group(2) else int(folded)


def points_value(value: Any) -> int | float:
    if isinstance(value, bool):
        raise AnswerTextError(f"应为数字，如 2（实际是{cell_text(value)}）")
    if isinstance(value, (int, float)):
        return value
    number = number_text(cell_text(value))
    if number is None:
        raise AnswerTextError(f"应为数字，如 2（实际是'{shown(cell_text(value))}'）")
    return number


def _letters(text: str, separators: re.Pattern[str]) -> list[str]:
    folded = separators.sub("", fold(text).upper())
    wrong = [c for c in folded if c not in OPTION_KEYS]
    if wrong:
        raise AnswerTextError(f"只能写选项字母 A–H（实际是'{shown(text)}'）")
    return list(folded)


def single_answer(text: str) -> str:
    letters = _letters(text, KEY_SEPARATORS)
    if len(letters) != 1:
        raise AnswerTextError(f"单选题的答案应为一个选项字母，如 B（实际是'{shown(text)}'；几个选项都对请改为多选题）")
    return letters[0]


def multiple_answer(text: str) -> list[str]:
    letters = _letters(text, KEY_SEPARATORS)
    if len(letters) != len(set(letters)):
        raise AnswerTextError(f"答案中有重复的选项（实际是'{shown(text)}'）")
    if len(letters) < 2:
        raise AnswerTextError(
            f"多选题至少要有两个正确选项，如 ABD（实际是'{shown(text)}'；只有一个正确选项请改为单选题）"
        )
    return sorted(letters)


def truefalse_word(text: str) -> bool | None:
    word = fold(text).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def truefalse_answer(value: Any, option_words: dict[str, bool] | None = None) -> bool:
    """对/错/正确/错误/√/×/是/否 (or a TRUE/FALSE cell); ``A``/``B`` when the options spell 正确/错误."""
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    word = truefalse_word(text)
    if word is not None:
        return word
    letter = fold(text).upper()
    if option_words and letter in option_words:
        return option_words[letter]
    raise AnswerTextError(f"判断题的答案应为 对 或 错（也可写 正确/错误、√/×、是/否）（实际是'{shown(text)}'）")


def fill_answer(text: str) -> list[list[str]]:
    """Blanks separated by ``；``, accepted variants of one blank by ``|``."""
    blanks: list[list[str]] = []
    for number, part in enumerate(BLANK_SEPARATORS.split(text), start=1):
        variants = [v.strip() for v in VARIANT_SEPARATORS.split(part) if v.strip()]
        if not variants:
            raise AnswerTextError(
                f"第{number}个空没有答案（各空用“；”隔开，同一空的几种写法用“|”隔开）（实际是'{shown(text)}'）"
            )
        blanks.append(variants)
    return blanks


def ordering_answer(text: str) -> list[str]:
    letters = _letters(text, ORDER_SEPARATORS)
    if len(letters) != len(set(letters)):
        raise AnswerTextError(f"排序题的答案中每个选项只能出现一次，如 CAB（实际是'{shown(text)}'）")
    return letters


def matching_answer(text: str, prompts: int) -> list[str]:
    """``1-A,2-C,3-A`` (or ``ACA``, one letter per left item in order) -> the key of each left item."""
    folded = fold(text).upper()
    if not any(c.isdigit() for c in folded):
        letters = _letters(text, KEY_SEPARATORS)
        if len(letters) != prompts:
            raise AnswerTextError(
                f"有 {prompts} 个左项，答案应有 {prompts} 个字母，或写成 1-A,2-C（实际是'{shown(text)}'）"
            )
        return letters
    if not MATCH_WHOLE.fullmatch(folded):
        raise AnswerTextError(f"连线题的答案应写成 1-A,2-C,3-B（实际是'{shown(text)}'）")
    pairs = [(int(n), key) for n, key in MATCH_PAIRS.findall(folded)]
    numbers = [n for n, _ in pairs]
    if sorted(numbers) != list(range(1, prompts + 1)):
        raise AnswerTextError(f"连线题的答案应为左项 1 到 {prompts} 各连一个选项，如 1-A,2-C（实际是'{shown(text)}'）")
    wrong = [key for _, key in pairs if key not in OPTION_KEYS]
    if wrong:
        raise AnswerTextError(f"只能连到选项字母 A–H（实际是'{shown(text)}'）")
    return [key for _, key in sorted(pairs)]


def scenario_weights(text: str) -> dict[str, int | float]:
    """``B`` (B is best, the others earn nothing) or ``A=0,B=1,C=0.5`` (each option's share of the points)."""
    folded = fold(text).upper()
    if not WEIGHT_WHOLE.fullmatch(folded):
        raise AnswerTextError(f"情景题的答案写每个做法得几成分，如 B=1,C=0.5（实际是'{shown(text)}'）")
    weights: dict[str, int | float] = {}
    for key, number, percent in WEIGHT_PAIRS.findall(folded):
        if key in weights:
            raise AnswerTextError(f"情景题的答案中选项 {key} 写了两次（实际是'{shown(text)}'）")
        if not number:
            weights[key] = 1
        elif percent:
            weights[key] = float(number) / 100
        else:
            weights[key] = float(number) if "." in number else int(number)
    return weights


def weight_text(weight: float) -> str:
    return str(weight) if isinstance(weight, int) else repr(weight)


def answer_text(question: Question) -> str:
    """The 答案 cell our export writes; ``*_answer`` above read it back to the same question."""
    answer = question.answer
    if question.type in ("single", "multiple", "ordering"):
        return "".join(answer)
    if question.type == "truefalse":
        return TRUE_LABEL if answer[0] == "true" else FALSE_LABEL
    if question.type == "fill":
        for accepted in answer:
            for variant in accepted:
                if BLANK_SEPARATORS.search(variant) or VARIANT_SEPARATORS.search(variant):
                    raise AnswerTextError(f"填空题的答案含有分隔符“；”或“|”，表格里写不下（实际是'{shown(variant)}'）")
        return "；".join("|".join(accepted) for accepted in answer)
    if question.type == "matching":
        return ",".join(f"{number}-{key}" for number, key in enumerate(answer, start=1))
    return ",".join(
        f"{key}={weight_text(weight)}" for (key, _), weight in zip(question.options, question.weights, strict=True)
    )
