"""The training officer's command line: ``cadre-officer validate`` and ``cadre-officer report``.

Messages are in Chinese. Exit codes: 0 all well, 1 problems found (in the files or the
records), 2 the command could not run (bad arguments, missing folder, unwritable output).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import markdown
from mkdocs.config import load_config
from xlsxwriter.exceptions import FileCreateError

from scoring.errors import DataError, Problem
from scoring.quiz_schema import check_links

from .bank import load_bank
from .ledger_page import load_rule_sets
from .report import DEFAULT_UTC_OFFSET, Catalogue, build_report
from .report_output import write_csv, write_xlsx

OK, PROBLEMS, CANNOT_RUN = 0, 1, 2
ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')


def page_anchors(config_file: Path) -> dict[str, set[str]]:
    """Heading ids of every page, rendered with the site's own Markdown settings."""
    config = load_config(str(config_file))
    docs = Path(config.docs_dir)
    anchors = {}
    for page in sorted(docs.rglob("*.md")):
        renderer = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        html = renderer.convert(page.read_text(encoding="utf-8"))
        anchors[page.relative_to(docs).as_posix()] = set(ID_ATTRIBUTE.findall(html))
    return anchors


def validate(args: argparse.Namespace) -> int:
    root = args.config.parent
    problems: list[Problem] = []
    bank = None
    try:
        bank = load_bank(root / args.quizzes, root)
    except DataError as error:
        problems.extend(error.problems)
    rules_dir = root / args.quizzes / "rules"
    try:
        rule_sets = load_rule_sets(rules_dir, root) if rules_dir.is_dir() else []
    except DataError as error:
        problems.extend(error.problems)
        rule_sets = []
    if bank is not None:
        anchors = page_anchors(args.config)
        for spec in bank.specs.values():
            problems.extend(check_links(spec, anchors))
    for problem in problems:
        print(problem)
    if problems:
        print(f"共 {len(problems)} 处错误。", file=sys.stderr)
        return PROBLEMS
    questions = sum(len(s.quiz.questions) for s in bank.specs.values()) if bank else 0
    print(f"全部通过：{len(bank.quizzes) if bank else 0} 份测验、{questions} 道题、{len(rule_sets)} 套学时规则。")
    return OK


class Progress:
    """A one-line progress bar on a terminal; silent when output is redirected."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.tty or (done < total and now - self.last < 0.2):
            return
        self.last = now
        filled = int(30 * done / total) if total else 30
        print(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end="" if done < total else "\n", file=sys.stderr
        )


def report(args: argparse.Namespace) -> int:
    if not args.records.is_dir():
        print(f"找不到档案文件夹：{args.records}", file=sys.stderr)
        return CANNOT_RUN
    if not args.out.parent.is_dir():
        print(f"无法写出报表：没有文件夹 {args.out.parent}", file=sys.stderr)
        return CANNOT_RUN
    root = args.config.parent
    try:
        bank = load_bank(root / args.quizzes, root)
        rules_dir = root / args.quizzes / "rules"
        rule_sets = load_rule_sets(rules_dir, root) if rules_dir.is_dir() else []
    except DataError as error:
        print(f"题库或学时规则有错误，请先运行 cadre-officer validate：\n{error}", file=sys.stderr)
        return CANNOT_RUN
    catalogue = Catalogue.of(bank.quizzes.values(), rule_sets)
    result = build_report(args.records, catalogue, args.utc_offset, Progress())
    try:
        write_xlsx(result, args.out)
        write_csv(result, args.out.with_suffix(".csv"))
    except (OSError, FileCreateError) as error:
        print(f"无法写出报表：{error}", file=sys.stderr)
        return CANNOT_RUN
    flagged = sum(1 for row in result.learners if row.problems)
    print(f"已处理 {len(result.learners)} 份档案，{flagged} 份有问题，共 {len(result.problems)} 条问题。")
    print(f"报表：{args.out}（Excel/WPS），{args.out.with_suffix('.csv')}（学员汇总）")
    return PROBLEMS if result.problems else OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="cadre-officer", description="培训专员工具：校验题库和学时规则，汇总学员的学习档案。"
    )
    main.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="站点配置文件（默认 mkdocs.yml）")
    main.add_argument("--quizzes", type=Path, default=Path("quizzes"), help="题库文件夹，相对站点配置（默认 quizzes）")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="校验全部测验和学时规则，一次列出所有错误")
    rep = commands.add_parser("report", help="核验、重新评分并汇总一个文件夹里的学习档案")
    rep.add_argument("records", type=Path, help="放学员档案（.json）的文件夹")
    rep.add_argument("--out", type=Path, default=Path("学习档案汇总.xlsx"), help="报表文件（另写同名 .csv）")
    rep.add_argument(
        "--utc-offset",
        type=int,
        default=DEFAULT_UTC_OFFSET,
        help="学员所在时区与 UTC 相差的分钟数（默认 480，即北京时间）",
    )
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.config.is_file():
        print(f"找不到站点配置文件：{args.config}", file=sys.stderr)
        return CANNOT_RUN
    return validate(args) if args.command == "validate" else report(args)


if __name__ == "__main__":
    sys.exit(main())
