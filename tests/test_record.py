"""The learner's record: hashed export, identical round trip, merge without loss or duplicates, refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scoring.api import call
from scoring.credit_rules import parse_rules
from scoring.record import record_hash

from .ledgerdata import attempt, entry, rules

TODAY = "2026-11-22"
RULES = parse_rules(rules()).to_dict()


def device(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "profile": {"name": "张三", "unit": "某乡"},
        "settings": {"rule_set": "sample", "term_start": None},
        "entries": [entry("e1", days=2, note="县委党校"), entry("e2", "2026-04-01", hours=3)],
        "attempts": [attempt("a1")],
    }
    data |= fields
    return data


def export(data: dict[str, Any]) -> str:
    reply = call({"op": "export_record", "rules": RULES, "device": data, "today": TODAY})
    assert reply["ok"], reply
    text: str = reply["result"]["text"]
    return text


def import_into(data: dict[str, Any], text: str) -> dict[str, Any]:
    return call({"op": "import_record", "text": text, "device": data})


EMPTY: dict[str, Any] = {"profile": {}, "settings": {}, "entries": [], "attempts": []}


def test_record_holds_everything_named() -> None:
    """Profile, ledger, attempts with raw answers, versions, tally, schema and hash are in the file."""
    record = json.loads(export(device()))
    assert (
        [
            "as_of",
            "attempts",
            "format",
            "ledger",
            "profile",
            "quizzes",
            "rules",
            "schema",
            "settings",
            "sha256",
            "tally",
        ],
        {"q1": "A"},
        {"quiz-a": ["v" * 64]},
        18,
    ) == (sorted(record), record["attempts"][0]["answers"], record["quizzes"], record["tally"]["total_hours"])


def test_hash_covers_the_canonical_form() -> None:
    """The stored SHA-256 is the hash of the record without it."""
    record = json.loads(export(device()))
    assert record["sha256"] == record_hash(record)


def test_export_clear_import_export_is_identical() -> None:
    """Export, import into an empty device, export again: the same file, byte for byte."""
    first = export(device())
    restored = import_into(EMPTY, first)["result"]["device"]
    assert first == export(restored)


def test_whole_and_fractional_numbers_hash_alike() -> None:
    """2.0 (from Python) and 2 (from JavaScript) give the same file."""
    assert export(device(entries=[entry("e1", days=2.0)])) == export(device(entries=[entry("e1", days=2)]))


def test_import_adds_what_the_device_lacks() -> None:
    """Entries and attempts missing on the device are added from the file."""
    text = export(device())
    reply = import_into(device(entries=[entry("e3", "2026-05-01")], attempts=[]), text)
    assert (["e1", "e2", "e3"], ["a1"]) == (
        [e["id"] for e in reply["result"]["device"]["entries"]],
        [a["id"] for a in reply["result"]["device"]["attempts"]],
    )


def test_importing_twice_duplicates_nothing() -> None:
    """Importing the same file into a device that has it changes nothing."""
    text = export(device())
    once = import_into(EMPTY, text)["result"]["device"]
    twice = import_into(once, text)["result"]
    assert (once, {"added": 0, "same": 2, "updated": 0, "kept": 0}) == (twice["device"], twice["summary"]["entries"])


def test_later_edit_wins_a_conflict() -> None:
    """The same entry edited on two sides: the later edit (updated_at) is kept."""
    text = export(device(entries=[entry("e1", hours=4, updated_at="2026-05-02T00:00:00Z")]))
    mine = device(entries=[entry("e1", hours=2, updated_at="2026-05-01T00:00:00Z")])
    merged = import_into(mine, text)["result"]["device"]
    assert 4 == merged["entries"][0]["hours"]


def test_device_attempt_is_kept_on_conflict() -> None:
    """An attempt id that differs on the two sides keeps the device's copy."""
    text = export(device())
    changed = attempt("a1")
    changed["answers"] = {"q1": "B"}
    reply = import_into(device(attempts=[changed]), text)["result"]
    assert ({"q1": "B"}, 1) == (reply["device"]["attempts"][0]["answers"], reply["summary"]["attempts"]["kept"])


def test_device_profile_fields_win_and_blanks_are_filled() -> None:
    """The device's unit stays; its blank name is filled from the file."""
    text = export(device())
    merged = import_into(device(profile={"name": "", "unit": "另一乡"}), text)["result"]["device"]
    assert {"name": "张三", "unit": "另一乡"} == merged["profile"]


def refusal(data: dict[str, Any], text: str) -> tuple[bool, str]:
    reply = import_into(data, text)
    return reply["ok"], reply.get("error", {}).get("message", "")


def test_edited_file_is_refused() -> None:
    """Changing one number after export is caught by the hash."""
    text = export(device()).replace('"hours": 3', '"hours": 30', 1)
    assert (False, "档案已损坏或导出后被改动过（校验值不符）。未导入，本机数据没有改动。") == refusal(EMPTY, text)


def test_truncated_file_is_refused() -> None:
    """A file cut short is not read."""
    ok, message = refusal(EMPTY, export(device())[:-200])
    assert (False, True) == (ok, message.startswith("这不是学习档案文件"))


def test_foreign_json_is_refused() -> None:
    """Another program's JSON is refused as not a record."""
    assert (False, "这不是本平台导出的学习档案（缺少档案标记）。未导入，本机数据没有改动。") == refusal(
        EMPTY, '{"a": 1}'
    )


def test_newer_schema_is_refused() -> None:
    """A record of an unknown schema version is refused even with a right hash."""
    record = json.loads(export(device()))
    record["schema"] = 2
    record["sha256"] = record_hash(record)
    ok, message = refusal(EMPTY, json.dumps(record))
    assert (False, "档案格式版本是 2，本站只能读取版本 1。未导入，本机数据没有改动。") == (ok, message)


def test_someone_elses_record_is_refused() -> None:
    """A record with another learner's name does not merge into this device."""
    text = export(device())
    ok, message = refusal(device(profile={"name": "李四"}), text)
    assert (False, "这份档案属于“张三”，本机登记的是“李四”。未导入，本机数据没有改动。") == (ok, message)


def test_record_exports_without_a_tally_when_rules_cannot_tally() -> None:
    """A term rule set with no start date still exports every entry, with the reason for no tally."""
    term = parse_rules(rules(period={"type": "term", "months": 12})).to_dict()
    reply = call({"op": "export_record", "rules": term, "device": device(), "today": TODAY})
    record = json.loads(reply["result"]["text"])
    assert (None, 2) == (record["tally"], len(record["ledger"]))


@pytest.mark.parametrize(
    "request_data",
    [
        {"op": "tally", "rules": RULES, "entries": [], "today": "22/11/2026"},
        {"op": "tally", "rules": {"id": "x"}, "entries": [], "today": TODAY},
        {"op": "tally", "rules": RULES, "entries": {}, "today": TODAY},
        {"op": "export_record", "rules": RULES, "device": [], "today": TODAY},
        {"op": "import_record", "text": None, "device": EMPTY},
    ],
)
def test_bad_ledger_requests_are_errors_as_data(request_data: dict[str, Any]) -> None:
    """Malformed ledger requests come back as ok=false with a message, never an exception."""
    reply = call(request_data)
    assert (False, True) == (reply["ok"], bool(reply["error"]["message"]))


def day(date: str, correct: int = 4) -> dict[str, Any]:
    """A 每日一练 day as the daily page keeps it (daily:<date>), with its date as id."""
    result = {
        "points": correct,
        "max_points": 5,
        "percent": correct * 20,
        "passed": True,
        "correct": correct,
        "count": 5,
    }
    kept = {"id": date, "date": date, "seed": int(date.replace("-", "")), "questions": ["q1"], "answers": {"q1": "A"}}
    return kept | {"result": result, "submitted_at": f"{date}T02:00:00Z"}


def test_daily_days_travel_in_the_record() -> None:
    """The days done carry to a new phone: exported, imported into an empty device, exported again
    byte for byte; a device that never practised exports no daily key (its file as before)."""
    first = export(device(daily=[day("2026-11-21"), day("2026-11-20", 3)]))
    assert ["2026-11-20", "2026-11-21"] == [d["id"] for d in json.loads(first)["daily"]]
    reply = import_into(EMPTY, first)["result"]
    assert {"added": 2, "same": 0, "updated": 0, "kept": 0} == reply["summary"]["daily"]
    assert first == export(reply["device"])
    assert "daily" not in json.loads(export(device()))


def test_the_devices_own_day_stays() -> None:
    """A date on both sides keeps the device's day; a date only in the file is added."""
    text = export(device(daily=[day("2026-11-21", 1), day("2026-11-20")]))
    mine = device(daily=[day("2026-11-21", 5)])
    reply = import_into(mine, text)["result"]
    assert {"added": 1, "same": 0, "updated": 0, "kept": 1} == reply["summary"]["daily"]
    assert [5, 4] == [
        d["result"]["correct"] for d in sorted(reply["device"]["daily"], key=lambda d: d["id"], reverse=True)
    ]


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ({"id": "yesterday", "result": {}}, "每日一练第 1 项的编号应为它的日期 YYYY-MM-DD（实际是 yesterday）"),
        ({"id": "2026-11-21", "date": "2026-11-20", "result": {}}, "每日一练第 1 项的编号应为它的日期"),
        ({"id": "2026-11-21"}, "每日一练 2026-11-21 缺少成绩"),
    ],
)
def test_a_bad_day_refuses_the_import_and_keeps_the_device(bad: dict[str, Any], said: str) -> None:
    """A day that is not a day is refused with what was expected and what was found."""
    record = json.loads(export(device()))
    record["daily"] = [bad]
    record["sha256"] = record_hash(record)
    reply = import_into(device(), json.dumps(record, ensure_ascii=False))
    assert not reply["ok"]
    assert said in reply["error"]["message"]
    assert "本机数据没有改动" in reply["error"]["message"]
