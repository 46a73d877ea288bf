"""Credit rule sets: the shipped files are valid, and each kind of mistake is reported where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizkit.yaml_source import load_yaml
from scoring.credit_rules import RuleSet, check_rule_sets, parse_rule_sets, parse_rules
from scoring.errors import DataError, Source

from .ledgerdata import kind, requirement, rules
from .sites import ROOT

RULES_DIR = ROOT / "quizzes" / "rules"


def shipped() -> list[RuleSet]:
    return parse_rule_sets(load_yaml(path, path.name) for path in sorted(RULES_DIR.glob("*.yaml")))


def problems_of(data: Any) -> list[str]:
    with pytest.raises(DataError) as caught:
        parse_rules(data)
    return [str(p) for p in caught.value.problems]


def test_shipped_rule_sets_are_the_four_groups_in_order() -> None:
    """The site ships rule sets for the four groups of learners, listed in their set order."""
    assert ["乡科级及以下干部", "县处级及以上干部", "村级后备干部", "挂职干部"] == [r.title for r in shipped()]


def test_every_shipped_default_names_its_source() -> None:
    """Every kind, requirement and day conversion of the shipped rules says where it comes from."""
    missing = [
        f"{r.id}:{item}"
        for r in shipped()
        for item, source in [("hours_per_day", r.hours_per_day_source)]
        + [(k.id, k.source) for k in r.kinds]
        + [(q.id, q.source) for q in r.requirements]
        if len(source) < 6
    ]
    assert [] == missing


def test_shipped_requirements_follow_the_regulations() -> None:
    """The defaults are the figures of the 条例, the 规划 and the source texts."""
    figures = {(r.id, q.id): (q.measure, q.at_least, q.every) for r in shipped() for q in r.requirements}
    expected = {
        ("township", "centralised-yearly"): ("hours", 90, "period"),
        ("township", "online-yearly"): ("hours", 50, "period"),
        ("county", "centralised-five-years"): ("hours", 550, "period"),
        ("county", "online-yearly"): ("hours", 50, "year"),
        ("village-reserve", "centralised-twice"): ("count", 2, "period"),
        ("village-reserve", "centralised-three-days"): ("days", 3, "period"),
        ("secondment", "half-year-report"): ("count", 1, "half_year"),
        ("secondment", "research-report"): ("count", 1, "period"),
        ("secondment", "closing-summary"): ("count", 1, "period"),
    }
    assert expected == {key: figures[key] for key in expected}


def test_resolved_rules_read_back_equal() -> None:
    """``to_dict`` (what the page holds) parses back into the same rule set."""
    for rule_set in shipped():
        assert rule_set == parse_rules(rule_set.to_dict())


def test_version_changes_when_a_rule_changes() -> None:
    """The content hash follows any change of a figure."""
    before = parse_rules(rules()).version
    after = parse_rules(rules(requirements=[requirement(at_least=91)])).version
    assert before != after


def test_requirement_naming_an_unknown_kind_is_refused() -> None:
    """A requirement can only count kinds the file declares."""
    assert ["<数据>: requirements[0].kinds[0]: 本文件 kinds 中没有这类活动（可用：centralised；实际是'online'）"] == (
        problems_of(rules(requirements=[requirement(kinds=["online"])]))
    )


def test_source_is_required() -> None:
    """A default without its source is an error."""
    data = rules(requirements=[{k: v for k, v in requirement().items() if k != "source"}])
    assert ["<数据>: requirements[0].source: 缺少必填项"] == problems_of(data)


def test_time_kind_takes_no_hours_each() -> None:
    """Time is counted as entered; a fixed hours_each on it is a mistake."""
    assert ["<数据>: kinds[0].hours_each: 按时间登记的活动（unit: time）按实际学时或天数计，不用 hours_each"] == (
        problems_of(rules(kind(hours_each=2)))
    )


def test_yearly_windows_need_a_cycle() -> None:
    """every: year only makes sense inside a multi-year cycle."""
    assert ["<数据>: requirements[0].every: 只有多年周期（period.type: cycle）才能按年（every: year）分段"] == (
        problems_of(rules(requirements=[requirement(every="year")]))
    )


def test_duplicate_kind_id_is_refused() -> None:
    """Two kinds with one id are reported at the second."""
    assert ["<数据>: kinds[1].id: 活动类别 id 重复（实际是 'centralised'，已在前面用过）"] == (
        problems_of(rules(kind(), kind()))
    )


def test_negative_cap_is_refused() -> None:
    """A cap must be a positive number."""
    assert ["<数据>: kinds[0].cap_per_day: 应大于 0 且不超过 10000（实际是 -1）"] == problems_of(
        rules(kind(cap_per_day=-1))
    )


def test_problem_carries_file_and_line(tmp_path: Path) -> None:
    """Read from YAML, a problem names the file and the line of the field."""
    path = tmp_path / "r.yaml"
    path.write_text(
        "id: r\ntitle: 规则\nperiod: year\nhours_per_day: {value: 8, source: 约定}\n"
        "kinds:\n  - {id: online, title: 网络学习, unit: time, source: 依据}\n"
        "requirements:\n  - id: q\n    title: 要求\n    kinds: [online]\n    measure: weeks\n"
        "    at_least: 1\n    source: 依据\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        parse_rules(*load_yaml(path, "quizzes/rules/r.yaml"))
    assert "quizzes/rules/r.yaml:11: requirements[0].measure: 应为 hours、days、count 之一（实际是'weeks'）" == str(
        caught.value
    )


def test_same_kind_id_must_mean_the_same_across_files() -> None:
    """Entries are shared by all rule sets, so a kind id has one title and unit everywhere."""
    first = parse_rules(rules(kind()), Source("a.yaml"))
    second = parse_rules(rules(kind(title="别的名字"), id="other"), Source("b.yaml"))
    problems = [str(p) for p in check_rule_sets([(first, Source("a.yaml")), (second, Source("b.yaml"))])]
    assert [
        "b.yaml: kinds[0].id: 同一 id 的活动类别在各规则中的名称和单位应一致（a.yaml 中是 '类别 centralised'/time，这里是 '别的名字'/time）"
    ] == problems
