"""Read YAML safely and remember the line of every field, for ``file:line`` messages.

Only plain data is accepted: mappings, sequences, strings, numbers, booleans and
null. Any other tag (``!!python/object``, ``!!binary``, dates…) is refused at its
line and never constructed.
"""

from __future__ import annotations

import re
from pathlib import Path as FilePath
from typing import Any

import yaml

from scoring.errors import DataError, Path, Problem, Source

PLAIN_SCALARS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
MERGE_TAG = "tag:yaml.org,2002:merge"
PYTHON_TAG = "tag:yaml.org,2002:python/"
# What a Chinese keyboard slips in: a key followed by a full-width colon, a full-width-space indent.
FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*\s*：")
# Aliases can make a small file expand enormously; real quiz files stay far below this.
MAX_NODES = 200_000


def _tag_message(tag: str) -> str:
    if tag.startswith(PYTHON_TAG):
        return f"不允许的 YAML 标签 {tag}：测验文件只放文字和数字，请删除这个标签"
    return f"不允许的 YAML 标签（实际是 {tag}）"


def _typing_slip(text: str) -> tuple[int, str] | None:
    """The first line with a tab, a full-width colon after a key, or a full-width-space indent."""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            return number, f"第 {number} 行用了制表符（Tab）缩进，YAML 只认空格：请把 Tab 换成空格"
        if "\u3000" in indent:
            return number, f"第 {number} 行开头用了全角空格，请换成半角空格"
        if FULL_WIDTH_COLON.match(line):
            return number, f"第 {number} 行用了全角冒号“：”，请改成半角冒号“:”"
    return None


def _not_utf8(data: bytes) -> str:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return "文件不是 UTF-8 编码：请用记事本或 WPS 打开，“另存为”时编码选 UTF-8"
    return "文件像是 GBK（GB18030）编码，不是 UTF-8 编码：请用记事本或 WPS 打开，“另存为”时编码选 UTF-8"


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: dict[Path, int] = {}
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str) -> DataError:
        return DataError([Problem(self.name, node.start_mark.line + 1, (), message)])

    def value(self, node: yaml.Node, path: Path) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"文件展开后过大（超过 {MAX_NODES} 个节点），可能滥用了锚点和别名")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            if node.tag != MAP_TAG:
                raise self.fail(node, _tag_message(node.tag))
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == MERGE_TAG:
                    raise self.fail(key_node, "不支持 YAML 合并键 <<，请直接写出字段")
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in PLAIN_SCALARS:
                    raise self.fail(key_node, "字段名应为文字")
                key = self.constructor.construct_object(key_node)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise self.fail(key_node, f"字段名应为文字（实际是 {key!r}）")
                if key in result:
                    raise self.fail(key_node, f"字段重复（实际是 '{key}' 出现了两次）")
                self.lines[path + (str(key),)] = key_node.start_mark.line + 1
                result[key] = self.value(value_node, path + (str(key),))
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ_TAG:
                raise self.fail(node, _tag_message(node.tag))
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag.startswith(PYTHON_TAG):
            raise self.fail(node, f"不允许的 YAML 标签 {node.tag}：测验文件只放文字和数字，请删除这个标签")
        if node.tag not in PLAIN_SCALARS:
            raise self.fail(node, f"不允许的 YAML 标签或类型（实际是 {node.tag}；日期等请加引号写成文字）")
        return self.constructor.construct_object(node)


def load_yaml(path: FilePath, name: str) -> tuple[Any, Source]:
    """Parse ``path``; raise ``DataError`` with the file and line of the first problem."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(name, None, (), _not_utf8(data))]) from None
    node = _compose(text)
    if node is not None:
        return _read(node, name)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        # The parser's own words are English and often point a line off: name the slip at its line.
        slip = _typing_slip(text)
        if slip is not None:
            raise DataError([Problem(name, slip[0], (), slip[1])]) from None
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or error.context or "无法解析"
        raise DataError([Problem(name, line, (), f"YAML 格式错误：{what}")]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(name, None, (), f"YAML 格式错误：{error}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError([Problem(name, 1, (), "文件是空的")])
    return _read(node, name)


def _read(node: yaml.Node, name: str) -> tuple[Any, Source]:
    reader = _Reader(name)
    return reader.value(node, ()), Source(name, reader.lines)


# libyaml's parser, where PyYAML was built with it (not in the browser's pure-Python wheel).
_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree from libyaml, about ten times faster than the Python parser; None
    when libyaml is missing or finds a fault, so the Python parser (whose marks and words every
    message is built from) reports it, the same on the command line and in the browser."""
    if _C_LOADER is None:
        return None
    loader = _C_LOADER(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return node
