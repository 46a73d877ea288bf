"""The officer's report command on records as they arrive: hostile files, odd names, zips, the same
learner twice, another year, a roster, several processes. Run through ``cadre-officer report``."""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from quizkit.cli import main

from .officerdata import RIGHT, attempt, entry, file_bytes, raw_json, record, rehash
from .sites import copy_mini


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_mini(tmp_path / "project")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    records.mkdir()
    (records / "good.json").write_bytes(file_bytes(record("王晓明")))
    return records


def run(project: Path, folder: Path, *args: str) -> tuple[int, Path]:
    out = folder.parent / "out" / "report.xlsx"
    out.parent.mkdir(exist_ok=True)
    code = main(["--config", str(project / "mkdocs.yml"), "report", str(folder), "--out", str(out), *args])
    return code, out


def rows(out: Path, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows under its header: the first row with more than one cell filled (a title is one)."""
    values: list[list[Any]] = [list(r) for r in openpyxl.load_workbook(out)[sheet].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(values) if sum(v is not None for v in r) > 1)
    return [dict(zip(values[start], r, strict=True)) for r in values[start + 1 :]]


def learners(out: Path) -> dict[str, dict[str, str]]:
    with out.with_suffix(".csv").open(encoding="utf-8-sig") as handle:
        return {row["文件"]: row for row in csv.DictReader(handle)}


def problems_of(out: Path, file: str) -> list[str]:
    return [f"{r['问题']}：{r['说明']}" for r in rows(out, "问题清单") if r["文件"] == file]


def hostile(kind: str) -> bytes:
    """The five kinds of file that stopped the whole report (issue 15)."""
    if kind == "rules-string":
        data = record("李华")
        return file_bytes(rehash(data | {"rules": "township"}))
    if kind == "requirements-number":
        data = record("李华")
        return file_bytes(rehash(data | {"tally": data["tally"] | {"requirements": 5}}))
    if kind == "matching-list":
        data = record("李华", [attempt({"e-match": ["A"]}, quiz_id="engine")])
        data["attempts"][0]["answers"] = {"e-match": [["A"]]}
        return file_bytes(rehash(data))
    if kind == "lone-surrogate":
        data = record("李华")
        data["ledger"][0]["note"] = "\ud800"
        return raw_json(data)
    data = record("李华")
    deep: list[Any] = []
    for _ in range(int(kind.removeprefix("nested-")) - 1):
        deep = [deep]
    data["attempts"][0]["answers"]["s-single"] = deep
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)  # to hash and write it here, as a tool that knows the hash could
    try:
        return raw_json(rehash(data))
    finally:
        sys.setrecursionlimit(limit)


# Nested lists: the old code parsed 600 levels, then ran out of stack copying them (988 from a shallow stack).
@pytest.mark.parametrize(
    "kind", ["rules-string", "requirements-number", "matching-list", "lone-surrogate", "nested-600", "nested-988"]
)
def test_a_hostile_file_is_one_row_and_the_run_goes_on(project: Path, folder: Path, kind: str) -> None:
    """Each file that used to stop the report with a traceback is a row naming it; the good one is verified."""
    (folder / "bad.json").write_bytes(hostile(kind))
    code, out = run(project, folder)
    found = learners(out)
    assert (1, "已核验", True, True) == (
        code,
        found["good.json"]["核验"],
        found["bad.json"]["核验"] in ("有问题", "未通过核验"),
        len(problems_of(out, "bad.json")) >= 1,
    )


def test_problems_are_plain_chinese_sentences(project: Path, folder: Path) -> None:
    """A faked score is described in words, not as a Python dict with True/False and English keys."""
    faked = record("李华", [attempt({"s-single": "A"}, 2)])
    faked["attempts"][0]["result"] |= {"points": 8, "percent": 100, "passed": True}
    (folder / "faked.json").write_bytes(file_bytes(rehash(faked)))
    _, out = run(project, folder)
    assert [
        "成绩与档案不符：测验“样例测验”2026-03-01 提交的作答（编号 a2）：档案写得 8 分（满分 8 分，得分率 100%，及格），"
        "重新评分为得 0 分（满分 8 分，得分率 0%，不及格）。"
    ] == [p for p in problems_of(out, "faked.json") if p.startswith("成绩")]


def test_the_problems_sheet_names_the_learner(project: Path, folder: Path) -> None:
    """问题清单 shows whose file it is, not only the file name."""
    faked = record("李华", [attempt({"s-single": "A"}, 2)])
    faked["attempts"][0]["result"] |= {"points": 8}
    (folder / "faked.json").write_bytes(file_bytes(rehash(faked)))
    _, out = run(project, folder)
    assert {("李华", "城关镇")} == {(r["姓名"], r["单位"]) for r in rows(out, "问题清单") if r["文件"] == "faked.json"}


def test_file_names_as_they_arrive_are_read(project: Path, folder: Path) -> None:
    """.JSON (any case) and .json.txt (WeChat renames) are records; a stray file is listed as skipped."""
    (folder / "李华.JSON").write_bytes(file_bytes(record("李华")))
    (folder / "张强.json.txt").write_bytes(file_bytes(record("张强")))
    (folder / "通知.docx").write_bytes(b"PK\x03\x04")
    code, out = run(project, folder)
    assert (1, ["good.json", "张强.json.txt", "李华.JSON"], ["已跳过"]) == (
        code,
        sorted(learners(out)),
        [r["问题"] for r in rows(out, "问题清单") if r["文件"] == "通知.docx"],
    )


def test_subfolders_are_read(project: Path, folder: Path) -> None:
    """Records sorted into one folder per unit are all read, named with their folder."""
    (folder / "河西乡").mkdir()
    (folder / "河西乡" / "李华.json").write_bytes(file_bytes(record("李华", unit="河西乡")))
    code, out = run(project, folder)
    assert (0, ["good.json", "河西乡/李华.json"]) == (code, sorted(learners(out)))


def gbk_zip(members: dict[str, bytes]) -> bytes:
    """A zip as Chinese Windows writes it: names in GBK, without the UTF-8 flag."""
    buffer = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            placeholder = f"{number:0{len(raw) - 5}d}.json".encode("ascii")
            placeholders[placeholder] = raw
            archive.writestr(placeholder.decode("ascii"), data)
    data = buffer.getvalue()
    for placeholder, raw in placeholders.items():
        data = data.replace(placeholder, raw)
    return data


def test_a_zip_of_records_is_read_with_chinese_names(project: Path, folder: Path) -> None:
    """Records in a zip made on Chinese Windows are read, their GBK names decoded."""
    (folder / "城关镇.zip").write_bytes(
        gbk_zip({"李华.json": file_bytes(record("李华")), "张强.json": file_bytes(record("张强"))})
    )
    code, out = run(project, folder)
    assert (0, ["good.json", "城关镇.zip/张强.json", "城关镇.zip/李华.json"]) == (code, sorted(learners(out)))


def test_a_zip_bomb_is_refused_as_a_row(project: Path, folder: Path) -> None:
    """A member that unpacks thousands of times its size is not unpacked; it is one row."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("炸弹.json", b" " * 9_000_000)
        archive.writestr("李华.json", file_bytes(record("李华")))
    (folder / "records.zip").write_bytes(buffer.getvalue())
    code, out = run(project, folder)
    assert (1, "已核验", True) == (
        code,
        learners(out)["records.zip/李华.json"]["核验"],
        "压缩炸弹" in " ".join(problems_of(out, "records.zip/炸弹.json")),
    )


def test_a_broken_zip_is_a_row(project: Path, folder: Path) -> None:
    """A zip that is not one (a renamed .rar, a cut-off download) is listed, and the run goes on."""
    (folder / "records.zip").write_bytes(b"Rar!\x1a\x07\x00" + b"x" * 100)
    code, out = run(project, folder)
    assert (1, ["压缩包无法读取"]) == (code, [r["问题"] for r in rows(out, "问题清单") if r["文件"] == "records.zip"])


def test_the_same_learner_twice_is_one_row(project: Path, folder: Path) -> None:
    """王小明.json and 王小明(1).json (same name and unit once folded) are merged, counted once, flagged."""
    older = record("王小明", [attempt(RIGHT, 1)], [entry(1)], unit="第1村", today=date(2026, 6, 1))
    newer = record(
        "王小明", [attempt(RIGHT, 1), attempt({"s-single": "A"}, 2)], [entry(1), entry(2, "2026-07-01")], unit="第１村"
    )
    (folder / "王小明(1).json").write_bytes(file_bytes(older))
    (folder / "王小明.json").write_bytes(file_bytes(newer))
    code, out = run(project, folder)
    merged = [r for r in rows(out, "学员汇总") if r["姓名"] == "王小明"]
    assert (1, 1, "王小明(1).json、王小明.json", 2, 30.5, ["重复提交"]) == (
        code,
        len(merged),
        merged[0]["文件"],
        merged[0]["作答次数"],
        merged[0]["学时合计"],
        [r["问题"] for r in rows(out, "问题清单") if r["姓名"] == "王小明"],
    )


def test_the_year_is_the_officers_not_the_export_dates(
    project: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In January, a record exported on 2027-01-03 is tallied for --year 2026, its export date in a column."""
    monkeypatch.setattr("quizkit.cli.today", lambda: date(2027, 1, 10))
    (folder / "good.json").unlink()
    (folder / "late.json").write_bytes(file_bytes(record("李华", today=date(2027, 1, 3))))
    code, out = run(project, folder, "--year", "2026")
    row = learners(out)["late.json"]
    assert (0, "15.5", "2027-01-03", "2026 年") == (code, row["学时合计"], row["导出日期"], row["统计期"])


def test_the_first_row_says_the_year_and_the_rules(project: Path, folder: Path) -> None:
    """Row 1 of 学员汇总 names the year tallied and the rule sets."""
    _, out = run(project, folder, "--year", "2026")
    first = openpyxl.load_workbook(out)["学员汇总"]["A1"].value
    assert (True, True) == ("统计年度：2026 年" in first, "测试用年度规则（2026 年）" in first)


def test_the_year_defaults_to_this_year(project: Path, folder: Path) -> None:
    """Without --year the current year is tallied."""
    _, out = run(project, folder)
    assert f"统计年度：{date.today().year} 年" in openpyxl.load_workbook(out)["学员汇总"]["A1"].value


def roster_xlsx(path: Path, people: list[tuple[Any, str, str]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(["2026 年度培训名单"])
    sheet.append(["编号", "姓名", "工作单位"])
    for person in people:
        sheet.append(list(person))
    book.save(path)


def test_a_roster_lists_who_has_not_handed_in(project: Path, folder: Path, tmp_path: Path) -> None:
    """With --roster 名单.xlsx, 未交名单 holds the roster people without a record, with their 编号."""
    roster = tmp_path / "名单.xlsx"
    roster_xlsx(roster, [(1001, "王晓明", "城关镇"), (1002, "李华", "城关镇"), (1003, "赵六", "河西乡")])
    code, out = run(project, folder, "--roster", str(roster))
    assert (1, [("1002", "李华", "城关镇"), ("1003", "赵六", "河西乡")]) == (
        code,
        [(r["编号"], r["姓名"], r["单位"]) for r in rows(out, "未交名单")],
    )


def test_a_record_not_on_the_roster_is_flagged(project: Path, folder: Path, tmp_path: Path) -> None:
    """A learner missing from the roster is a row in 问题清单 and marked in 学员汇总."""
    (folder / "孙伟.json").write_bytes(file_bytes(record("孙伟")))
    roster = tmp_path / "名单.xlsx"
    roster_xlsx(roster, [(1001, "王晓明", "城关镇")])
    _, out = run(project, folder, "--roster", str(roster))
    assert (["不在名单上"], "不在名单", "在名单") == (
        [r["问题"] for r in rows(out, "问题清单") if r["姓名"] == "孙伟"],
        learners(out)["孙伟.json"]["名单"],
        learners(out)["good.json"]["名单"],
    )


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_roster_from_wps_is_read(project: Path, folder: Path, tmp_path: Path, encoding: str) -> None:
    """A CSV roster saved by WPS or Excel in GBK or UTF-8 (with or without BOM) gives the same people."""
    roster = tmp_path / "名单.csv"
    roster.write_bytes("姓名,单位\r\n王晓明,城关镇\r\n李华,河西乡\r\n".encode(encoding))
    code, out = run(project, folder, "--roster", str(roster))
    assert (1, [("李华", "河西乡")]) == (code, [(r["姓名"], r["单位"]) for r in rows(out, "未交名单")])


def test_a_roster_without_names_cannot_run(
    project: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A roster with no 姓名 column stops before any work, exit 2, saying what the header should be."""
    roster = tmp_path / "名单.csv"
    roster.write_text("name,unit\n王晓明,城关镇\n", encoding="utf-8")
    code, _ = run(project, folder, "--roster", str(roster))
    assert (2, True) == (code, "“姓名”列" in capsys.readouterr().err)


def test_all_verified_exits_0(project: Path, folder: Path) -> None:
    """Nothing to look at: exit code 0."""
    assert 0 == run(project, folder)[0]


def test_an_output_path_that_is_a_folder_cannot_run(
    project: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing the workbook fails (the path is a folder): exit 2 with a sentence, not a traceback."""
    target = tmp_path / "taken.xlsx"
    target.mkdir()
    code = main(["--config", str(project / "mkdocs.yml"), "report", str(folder), "--out", str(target)])
    assert (2, "无法写出报表") == (code, capsys.readouterr().err[:6])


def test_a_bad_year_cannot_run(project: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--year outside 2000–2100 exits 2 and says what is expected."""
    code, _ = run(project, folder, "--year", "1900")
    assert (2, True) == (code, "2000 到 2100" in capsys.readouterr().err)


def class_folder(folder: Path) -> None:
    """A class as an officer receives it: good, faked, broken, duplicated and zipped records."""
    for number in range(12):
        name = f"学员{number:02d}"
        answers = RIGHT if number % 3 else {"s-single": "A", "s-fill": ["半"]}
        (folder / f"{name}.json").write_bytes(file_bytes(record(name, [attempt(answers, number)])))
    (folder / "学员01(1).json").write_bytes(file_bytes(record("学员01", [attempt(RIGHT, 99)], today=date(2026, 5, 1))))
    faked = record("李华", [attempt({"s-single": "A"}, 2)])
    faked["attempts"][0]["result"] |= {"points": 8, "passed": True}
    (folder / "faked.json").write_bytes(file_bytes(rehash(faked)))
    (folder / "broken.json").write_bytes(b"{" * 5000)
    (folder / "records.zip").write_bytes(gbk_zip({"张强.json": file_bytes(record("张强"))}))


def test_jobs_give_the_same_workbook_byte_for_byte(project: Path, folder: Path) -> None:
    """--jobs 2 spreads the records over two processes and writes exactly the bytes --jobs 1 writes."""
    class_folder(folder)
    _, one = run(project, folder, "--year", "2026")
    first = (one.read_bytes(), one.with_suffix(".csv").read_bytes())
    _, two = run(project, folder, "--year", "2026", "--jobs", "2")
    assert first == (two.read_bytes(), two.with_suffix(".csv").read_bytes())


def test_the_same_report_twice_is_the_same_file(project: Path, folder: Path) -> None:
    """The workbook carries no clock time: two runs on the same day give identical bytes."""
    _, out = run(project, folder, "--year", "2026")
    first = out.read_bytes()
    _, out = run(project, folder, "--year", "2026")
    assert first == out.read_bytes()


def test_a_report_summary_line_counts_learners_once(
    project: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The closing line counts files, learners with merged files once and unreadable files apart, and says the year."""
    class_folder(folder)
    run(project, folder, "--year", "2026")
    # broken.json is a file nobody can be named for: a problem row, not a learner.
    assert "已处理 17 份档案文件（15 位学员，2026 年度），2 位有问题，1 份无法读取，" in capsys.readouterr().out


def test_json_of_another_kind_is_refused_plainly(project: Path, folder: Path) -> None:
    """A JSON file that is no record (another program's export) is refused with a reason, not a traceback."""
    (folder / "other.json").write_bytes(json.dumps({"hello": [1, 2, 3]}).encode())
    code, out = run(project, folder)
    assert (1, ["档案无法读取：这不是本平台导出的学习档案（缺少档案标记）。"]) == (code, problems_of(out, "other.json"))
