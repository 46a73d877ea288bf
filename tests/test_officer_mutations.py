"""Hostile records: real exports mutated at random (types swapped, keys dropped, lone surrogates,
nesting 900–1,100 levels deep, huge numbers, another schema), rehashed or not. The report always
completes, every file is a row, and no row is the last-resort "程序出错"."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import zipfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizkit.officer.report_assess import PROGRAM_FAULT
from quizkit.officer.report_tables import tables
from quizkit.officer.report_workbook import csv_bytes, workbook_bytes
from scoring.attempts import grade_attempt
from scoring.draw import present
from scoring.record import record_hash

from .officerdata import RIGHT, attempt, catalogue, entry, file_bytes, record, report_of

DEEP, HUGE = "@@deep@@", "@@huge@@"


def engine_attempt(seed: int, number: int) -> dict[str, Any]:
    """An attempt at the mini engine quiz (draw, shuffles, ordering, matching, scenario) with a seed."""
    quiz = next(q for q in catalogue().quizzes.values() if q.id == "engine")
    answers: dict[str, Any] = {}
    for qid in present(quiz, seed).question_ids:
        question = next(q for q in quiz.questions if q.id == qid)
        keys = [key for key, _ in question.options]
        if question.type == "ordering":
            answers[qid] = {key: index + 1 for index, key in enumerate(reversed(keys))}
        elif question.type == "matching":
            answers[qid] = [keys[0]] * len(question.prompts)
        else:
            answers[qid] = keys[-1]
    data = attempt({}, number, quiz_id="engine")
    data |= {"seed": seed, "answers": answers}
    result = grade_attempt(quiz, data)
    return data | {"result": {key: result[key] for key in ("points", "max_points", "percent", "passed")}}


@functools.cache
def base_records() -> list[dict[str, Any]]:
    return [
        record(
            "王晓明",
            [attempt(RIGHT, 1), engine_attempt(7, 2), engine_attempt(99, 3)],
            [entry(1), entry(2, "2026-05-02", None, 3)],
        ),
        record(
            "李华", [attempt({"s-single": "A", "s-fill": ["半"]}, 1), attempt({}, 2, "timed")], [entry(1, days=1.5)]
        ),
    ]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from([10**4000, -(10**300), 2**63, 1e308, -0.0, 5e-324])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6)
    | st.sampled_from(["\ud800", "a\udfffb", "\u202e", "=1+1", "9999-12-31", "0001-01-01T00:00:00+14:00", ""]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=8,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, prefix + (index,))
    return found


def mutate(data: Any, path: tuple[Any, ...], operation: str, replacement: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced, dropped or wrapped."""
    if not path:
        return replacement if operation == "replace" else data
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if not rest and operation == "drop":
            copy.pop(head, None)
        else:
            copy[head] = mutate(data[head], rest, operation, replacement)
        return copy
    copy_list = list(data)
    if not rest and operation == "drop":
        del copy_list[head]
    else:
        copy_list[head] = mutate(data[head], rest, operation, replacement)
    return copy_list


@st.composite
def target(draw: st.DrawFn, data: Any) -> tuple[Any, ...]:
    """A place to mutate: a part of the record first (so attempts and ledger are hit as often as
    the bulky advisory tally), then anywhere inside it."""
    if not isinstance(data, dict) or not data:
        return ()
    key = draw(st.sampled_from(sorted(data)))
    inner: tuple[Any, ...] = draw(st.sampled_from(paths(data[key])))
    return (key, *inner)


@st.composite
def hostile_files(draw: st.DrawFn) -> tuple[str, bytes]:
    data: Any = dict(draw(st.sampled_from(base_records())))
    text_level = False
    for _ in range(draw(st.integers(1, 3))):
        path = draw(target(data))
        operation = draw(st.sampled_from(["replace"] * 6 + ["drop"] * 2 + ["deep", "huge", "surrogate", "schema"]))
        if operation == "schema":
            if isinstance(data, dict):
                data = data | {"schema": draw(st.sampled_from([2, 0, "1", None, 1.0, True, [False]]))}
        elif operation in ("deep", "huge"):
            data = mutate(data, path, "replace", DEEP if operation == "deep" else HUGE)
            text_level = True
        elif operation == "surrogate":
            data = mutate(data, path, "replace", "\ud800" + draw(st.text(max_size=3)))
        else:
            data = mutate(data, path, operation, draw(json_values))
    if isinstance(data, dict) and not text_level and draw(st.integers(0, 3)):
        with contextlib.suppress(UnicodeEncodeError, ValueError):
            data["sha256"] = record_hash(data)  # as someone who knows the public hash would
    text = json.dumps(data, ensure_ascii=True, allow_nan=True)
    depth = draw(st.integers(900, 1100))
    deep = draw(st.sampled_from(["[" * depth + "]" * depth, '{"a":' * depth + "0" + "}" * depth]))
    huge = draw(st.sampled_from(["1e999", "-1e400", "9" * 5000, "NaN", "Infinity", "1" * 4000]))
    text = text.replace(json.dumps(DEEP), deep).replace(json.dumps(HUGE), huge)
    return draw(st.sampled_from(["bad.json", "坏档案.JSON", "x.json.txt"])), text.encode("ascii")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.lists(hostile_files(), min_size=1, max_size=3))
def test_mutated_records_never_stop_the_report(files: list[tuple[str, bytes]]) -> None:
    """Whatever the mutation, the report and its workbook are made, each file is in a row, none is a program fault."""
    named = [(f"{index}-{name}", data) for index, (name, data) in enumerate(files)]
    named.append(("good.json", file_bytes(base_records()[0] | {})))
    report = report_of(named)
    workbook_bytes(report)
    csv_bytes(report)
    covered = sorted(file for row in report.learners for file in row.files)
    faults = [p.message for p in report.problems if p.kind == PROGRAM_FAULT]
    unplain = [
        cell
        for table in tables(report)
        for row in table.rows
        for cell in row
        if isinstance(cell, str) and any(mark in cell for mark in ("{'", "True", "False", "[{"))
    ]
    assert (sorted(name for name, _ in named), [], []) == (covered, faults, unplain)


@settings(max_examples=100, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_zip_never_stops_the_report(flips: list[tuple[int, int]]) -> None:
    """A zip of records with bytes overwritten anywhere gives rows, never an exception."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, data in enumerate(base_records()):
            archive.writestr(f"r{number}.json", file_bytes(data))
    damaged = bytearray(buffer.getvalue())
    for offset, value in flips:
        damaged[offset % len(damaged)] = value
    report = report_of([("class.zip", bytes(damaged))])
    workbook_bytes(report)
    assert [] == [p.message for p in report.problems if p.kind == PROGRAM_FAULT]


EDGE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    2**32,
    10**4000,
    -(10**300),
    1e308,
    -0.0,
    "",
    "长" * 20_000,
    "\ud800",
    "=HYPERLINK(1)",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00+14:00",
    "2026-03-01T02:00:00",
    [],
    {},
    [[["A"]]],
    {"a": {"b": []}},
    ["A", None],
    {"B": 1},
]


def field_paths(data: Any) -> list[tuple[Any, ...]]:
    """One path for each field name under each part of the record (the first place it occurs)."""
    chosen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for path in paths(data):
        if path and isinstance(path[-1], str):
            chosen.setdefault((path[0], path[-1], len(path)), path)
    return list(chosen.values())


def test_every_field_set_to_every_edge_value_is_a_row() -> None:
    """Each field of a real record set to each awkward value and rehashed: all rows, no program fault."""
    files = []
    for number, base in enumerate(base_records()):
        for path in field_paths(base):
            for index, value in enumerate(EDGE_VALUES):
                data = mutate(base, path, "replace", value)
                with contextlib.suppress(UnicodeEncodeError, ValueError):
                    data["sha256"] = record_hash(data)
                files.append(
                    (f"{number}-{'.'.join(map(str, path))}-{index}.json", json.dumps(data, ensure_ascii=True).encode())
                )
    report = report_of(files)
    workbook_bytes(report)
    faults = sorted({p.message for p in report.problems if p.kind == PROGRAM_FAULT})
    assert (len(files), []) == (sum(len(row.files) for row in report.learners), faults)
