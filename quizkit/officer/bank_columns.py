"""The question-bank template's columns, question types and quiz settings, with the names officers use for them.

Exam systems in China import a common Excel template (题型, 题干, 选项A–H, 答案, 解析, 分值, 难度, 知识点);
their header names vary a little, so each field has its synonyms. Our own additions (编号, 讲解链接, 提示,
计分方式, 领域, 左项1–8, 点评A–H) carry what the site's quizzes hold beyond that template.
"""

from __future__ import annotations

import re
import unicodedata

from scoring.model import QUESTION_TYPES, TYPE_NAMES

OPTION_KEYS = "ABCDEFGH"
MAX_PROMPTS = 8

# Field key -> the header written on export, then the other names accepted on import.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("编号", "题目编号", "试题编号", "ID", "题目ID"),
    "type": ("题型", "题目类型", "试题类型", "类型", "题型名称"),
    "stem": ("题干", "题目", "题目内容", "试题内容", "试题题干", "题干内容", "问题", "试题", "内容"),
    "answer": ("答案", "正确答案", "参考答案", "标准答案", "答案选项"),
    "scoring": ("计分方式", "多选计分", "评分方式"),
    "points": ("分值", "分数", "题目分值", "试题分值", "每题分值"),
    "explanation": ("解析", "答案解析", "试题解析", "题目解析", "解释", "解答", "分析"),
    "hint": ("提示",),
    "link": ("讲解链接", "链接", "讲解", "讲解页面"),
    "area": ("领域", "所属领域"),
    "difficulty": ("难度", "难易程度", "难度等级", "难易度"),
    "topic": ("知识点", "考点", "所属知识点", "知识点名称"),
}
# Read but not used by the site: no quiz field holds them.
UNUSED_FIELDS = ("difficulty", "topic")
# Columns other exam templates carry that mean nothing here (a running number is not an id).
IGNORED_HEADERS = ("序号", "题号", "备注", "章节", "题库", "试题分类", "分类", "所属题库", "创建人", "创建时间")

OPTION_HEADER = re.compile(r"^(?:选项)?([A-H])(?:选项)?(?:内容)?$")
PROMPT_HEADER = re.compile(r"^左(?:侧)?(?:项目?)?([1-8])$")
NOTE_HEADER = re.compile(r"^(?:(?:选项)?点评([A-H])|([A-H])点评)$")
# "题型（必填）", "*题干", "答案(单选填A)": the part in brackets and the asterisk are notes for people.
HEADER_NOTE = re.compile(r"\(.*?\)|\[.*?\]|【.*?】|\*")

# Question type names officers write, after normalising (see ``type_key``).
TYPE_SYNONYMS: dict[str, str] = {
    "单选": "single",
    "单项选择": "single",
    "单选择": "single",
    "多选": "multiple",
    "多项选择": "multiple",
    "不定项选择": "multiple",
    "不定项": "multiple",
    "判断": "truefalse",
    "是非": "truefalse",
    "对错": "truefalse",
    "判断正误": "truefalse",
    "填空": "fill",
    "排序": "ordering",
    "连线": "matching",
    "匹配": "matching",
    "情景": "scenario",
    "情境": "scenario",
    "情景模拟": "scenario",
    "情景判断": "scenario",
    "情景选择": "scenario",
    "情境模拟": "scenario",
}
TYPE_SYNONYMS |= {key: key for key in QUESTION_TYPES}
# The short names shown in messages, in the site's order.
TYPE_CHOICES = "单选、多选、判断、填空、排序、连线（匹配）、情景"

# The quiz settings sheet (测验信息): label -> quiz field, with the labels accepted on import.
SETTINGS_SHEET = "测验信息"
SETTINGS_SHEET_NAMES = (SETTINGS_SHEET, "测验设置", "测验")
SETTING_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("测验编号", "测验id", "测验ID"),
    "title": ("标题", "测验名称", "测验标题", "名称"),
    "area": ("领域",),
    "pass_mark": ("及格线", "及格线（%）", "及格分数线"),
    "description": ("简介", "测验说明", "说明"),
    "draw": ("每次抽题数", "抽题数"),
    "shuffle_questions": ("打乱题目顺序", "题目乱序"),
    "shuffle_options": ("打乱选项顺序", "选项乱序"),
    "combine": ("多次作答取", "成绩合并", "多次作答"),
    "mastery": ("掌握度",),
    "time_limit": ("限时（分钟）", "限时"),
    "hint_cost": ("看提示扣分", "提示扣分"),
}
COMBINE_NAMES = {"highest": "最高分", "last": "最后一次", "first": "第一次", "average": "平均分"}
SCORING_NAMES = {"partial": "部分得分", "all_or_nothing": "全对才得分"}
SCORING_SYNONYMS = {
    "部分得分": "partial",
    "部分": "partial",
    "按比例": "partial",
    "partial": "partial",
    "全对才得分": "all_or_nothing",
    "全对得分": "all_or_nothing",
    "全对": "all_or_nothing",
    "all_or_nothing": "all_or_nothing",
}
NOTES_SHEETS = ("说明", "填写说明", "使用说明", "导入说明")


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation to their ASCII forms, and no spaces at all."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def header_key(header: str) -> str | None:
    """The field a header names (``option:A``, ``prompt:1``, ``note:A``, ``stem``…), or None."""
    name = HEADER_NOTE.sub("", fold(header)).upper()
    for key, names in FIELD_NAMES.items():
        if name in {fold(n).upper() for n in names}:
            return key
    if match := OPTION_HEADER.match(name):
        return f"option:{match.group(1)}"
    if match := PROMPT_HEADER.match(name):
        return f"prompt:{match.group(1)}"
    if match := NOTE_HEADER.match(name):
        return f"note:{match.group(1) or match.group(2)}"
    return None


def is_ignored_header(header: str) -> bool:
    return HEADER_NOTE.sub("", fold(header)) in IGNORED_HEADERS


def type_key(text: str) -> str | None:
    """``单选题``, ``【单项选择题】``, ``多选``… -> ``single``, ``multiple``…; None when unknown."""
    name = fold(text).strip("[]【】()").casefold()
    if name in TYPE_SYNONYMS:
        return TYPE_SYNONYMS[name]
    name = name.removesuffix("题").removesuffix("目")
    return TYPE_SYNONYMS.get(name)


def type_name(qtype: str) -> str:
    return TYPE_NAMES[qtype]


def setting_key(label: str) -> str | None:
    name = fold(label).casefold()
    for key, names in SETTING_NAMES.items():
        if name in {fold(n).casefold() for n in names}:
            return key
    return None


def header_for(key: str) -> str:
    """The column header our export writes for a field key."""
    kind, _, which = key.partition(":")
    if kind == "option":
        return f"选项{which}"
    if kind == "prompt":
        return f"左项{which}"
    if kind == "note":
        return f"点评{which}"
    return FIELD_NAMES[key][0]
