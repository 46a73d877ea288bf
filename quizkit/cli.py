"""The training officer's command line: ``validate``, ``report``, ``import-bank``, ``export-bank``…

Messages are in Chinese. Exit codes: 0 all well, 1 problems found (in the files or the
records), 2 the command could not run (bad arguments, missing folder, unwritable output).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from xlsxwriter.exceptions import FileCreateError

from scoring.daily import daily_seed, draw_daily
from scoring.draw import MAX_SEED
from scoring.errors import DataError, Problem, ScoringError
from scoring.model import TYPE_NAMES, Quiz
from scoring.quiz_schema import check_links, parse_quiz_spec
from scoring.versions import made_under

from .officer.bank_errors import BankError, BankProblem, Where
from .officer.bank_export import export_bank
from .officer.bank_import import BankImport, import_bank
from .officer.bank_rows import Setting
from .officer.bank_site import site_problems
from .officer.paper_layout import VERSION_LETTERS, version_seeds
from .officer.paper_sheet import registration_workbook, score_sheet
from .officer.paper_tables import tables as paper_tables
from .officer.paper_tables import title as paper_title
from .officer.report import build_report
from .officer.report_assess import DEFAULT_UTC_OFFSET, REFUSED_STATUS, Options
from .officer.report_catalogue import Catalogue
from .officer.report_errors import OfficerError
from .officer.report_roster import read_roster
from .officer.report_workbook import write_tables
from .page_links import page_link_problems
from .paper import answer_document, paper_document
from .publish import previous_of, publish, rollback
from .report_cli import collect_files, examine_in_processes, seldom_collected, write_outputs
from .sources import Bank, daily_pool, load_bank, load_rule_sets, site_folders
from .version_store import load_archive
from .version_warnings import version_warnings
from .yaml_source import load_yaml

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
    folders = site_folders(args.config)
    problems: list[Problem] = []
    bank = None
    try:
        bank = load_bank(folders.quiz_dir, folders.root)
    except DataError as error:
        problems.extend(error.problems)
    try:
        rule_sets = load_rule_sets(folders.rules_dir, folders.root)
    except DataError as error:
        problems.extend(error.problems)
        rule_sets = []
    if bank is not None:
        anchors = page_anchors(args.config)
        for spec in bank.specs.values():
            problems.extend(check_links(spec, anchors))
        problems.extend(page_link_problems(args.config, list(bank.quizzes)))
    errors: list[Problem | str] = list(problems)
    warnings: list[str] = []
    if bank is not None:
        try:
            warnings = version_warnings(bank, load_archive(folders.quiz_dir))
        except ScoringError as error:
            errors.append(str(error))  # a damaged archive stops the build too
    for problem in errors:
        print(problem)
    for warning in warnings:
        print(warning)
    if errors:
        print(f"共 {len(errors)} 处错误。", file=sys.stderr)
        return PROBLEMS
    questions = sum(len(s.quiz.questions) for s in bank.specs.values()) if bank else 0
    remarks = f"另有 {len(warnings)} 条提醒（见上，不影响使用）。" if warnings else ""
    print(
        f"全部通过：{len(bank.quizzes) if bank else 0} 份测验、{questions} 道题、{len(rule_sets)} 套学时规则。{remarks}"
    )
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


def today() -> date:
    """The report's date (a function, so tests can pick the day)."""
    return date.today()


def site_bank(config: Path) -> Bank:
    """The site's validated quizzes; a bad bank stops the command with a pointer to validate."""
    folders = site_folders(config)
    try:
        return load_bank(folders.quiz_dir, folders.root)
    except DataError as error:
        raise OfficerError(f"题库有错误，请先运行 cadre-officer validate：\n{error}") from None


def named_quiz(bank: Bank, quiz_id: str) -> Quiz:
    quiz = bank.quizzes.get(quiz_id)
    if quiz is None:
        raise OfficerError(f"没有这份测验：{quiz_id}（可用：{'、'.join(sorted(bank.quizzes))}）")
    return quiz


def load_catalogue(config: Path) -> Catalogue:
    folders = site_folders(config)
    try:
        bank = load_bank(folders.quiz_dir, folders.root)
        rule_sets = load_rule_sets(folders.rules_dir, folders.root)
    except DataError as error:
        raise OfficerError(f"题库或学时规则有错误，请先运行 cadre-officer validate：\n{error}") from None
    try:
        return Catalogue.of(bank.quizzes.values(), rule_sets, load_archive(folders.quiz_dir))
    except ScoringError as error:
        raise OfficerError(str(error)) from None


def report(args: argparse.Namespace) -> int:
    if args.year is not None and not 2000 <= args.year <= 2100:
        raise OfficerError(f"--year 应为 2000 到 2100 之间的年份（实际是 {args.year}）")
    if args.jobs < 1:
        raise OfficerError(f"--jobs 应为正整数（实际是 {args.jobs}）")
    if not args.out.parent.is_dir():
        raise OfficerError(f"无法写出报表：没有文件夹 {args.out.parent}")
    roster = None
    if args.roster is not None:
        try:
            roster = read_roster(args.roster.name, args.roster.read_bytes())
        except OSError as error:
            raise OfficerError(f"无法读取名单 {args.roster}：{error.strerror or error}") from None
    outputs = {args.out, args.out.with_suffix(".csv"), *([args.roster] if args.roster else [])}
    files = collect_files(args.records, skip=outputs)
    catalogue = load_catalogue(args.config)
    options = Options(year=args.year or today().year, today=today(), utc_offset=args.utc_offset, regrade=args.regrade)
    examine_all = examine_in_processes(args.jobs, catalogue, options) if args.jobs > 1 else None
    with seldom_collected():
        result = build_report(files, catalogue, options, roster=roster, examine_all=examine_all, progress=Progress())
        write_outputs(result, args.out)
    # A file that could not be read is a row of its own but nobody known: it is counted as a file, not a learner.
    unreadable = sum(1 for row in result.learners if row.assessment.status == REFUSED_STATUS)
    flagged = sum(1 for row in result.learners if row.problems) - unreadable
    print(
        f"已处理 {sum(len(row.files) for row in result.learners)} 份档案文件"
        f"（{len(result.learners) - unreadable} 位学员，{options.year} 年度），{flagged} 位有问题，"
        + (f"{unreadable} 份无法读取，" if unreadable else "")
        + f"共 {len(result.problems)} 条问题。"
        + (f"名单上 {len(result.missing)} 人未交。" if roster is not None else "")
    )
    if args.regrade:
        print(f"按更正后的答案重新评分：{result.regraded} 次作答的成绩有变化，见“重新评分”工作表。")
    elif result.older_key:
        print(
            f"有 {result.older_key} 次作答是在题目答案更正之前做的，按当时的答案评分；"
            "要按更正后的答案重新评分，请加 --regrade。"
        )
    print(f"报表：{args.out}（Excel/WPS），{args.out.with_suffix('.csv')}（学员汇总）")
    return PROBLEMS if result.needs_attention else OK


ARGUMENTS = "命令参数"
BANK_ARGUMENTS = {"id": "--quiz", "title": "--title", "area": "--area", "pass_mark": "--pass-mark", "link": "--link"}


def _bank_settings(args: argparse.Namespace) -> dict[str, Setting]:
    """The quiz settings given on the command line; id, title and area always, so a missing one is named."""
    settings = {}
    for key, flag in BANK_ARGUMENTS.items():
        value = getattr(args, key)
        if value is not None or key in ("id", "title", "area"):
            settings[key] = Setting(value or "", Where(ARGUMENTS, column=flag))
    return settings


def _print_problems(problems: list[BankProblem | Problem]) -> int:
    for problem in problems:
        print(problem)
    print(f"共 {len(problems)} 处问题，没有写出任何文件。", file=sys.stderr)
    return PROBLEMS


def _bank_problems(args: argparse.Namespace, imported: BankImport, target: Path) -> list[BankProblem | Problem]:
    """What only the whole site can tell: ids used by other quizzes, and links to pages and sections."""
    folders = site_folders(args.config)
    bank = load_bank(folders.quiz_dir, folders.root)
    others = [spec for spec in bank.specs.values() if spec.quiz.id != target.stem]
    return site_problems(imported, others, page_anchors(args.config))


def import_bank_command(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(f"找不到题库文件：{args.file}", file=sys.stderr)
        return CANNOT_RUN
    quiz_dir = site_folders(args.config).quiz_dir
    if not quiz_dir.is_dir():
        print(f"找不到题库文件夹：{quiz_dir}", file=sys.stderr)
        return CANNOT_RUN
    try:
        imported = import_bank(args.file.name, args.file.read_bytes(), _bank_settings(args))
    except BankError as error:
        return _print_problems(list(error.problems))
    quiz = imported.spec.quiz
    target = quiz_dir / f"{quiz.id}.yaml"
    if (target.exists() or target.with_suffix(".yml").exists()) and not args.replace:
        print(f"已有测验文件 {target}：要用导入的题目替换它，请加 --replace", file=sys.stderr)
        return PROBLEMS
    try:
        problems = _bank_problems(args, imported, target)
    except DataError as error:
        print(f"题库文件夹里的测验有错误，请先运行 cadre-officer validate：\n{error}", file=sys.stderr)
        return CANNOT_RUN
    if problems:
        return _print_problems(problems)
    # Written beside the target, read back exactly as the build reads it, then moved into place.
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(imported.yaml, encoding="utf-8")
        data, source = load_yaml(partial, target.name)
        if parse_quiz_spec(data, source).quiz != quiz:
            print("内部错误：写出的文件读回后与导入的题目不一致，未写出", file=sys.stderr)
            return CANNOT_RUN
        os.replace(partial, target)
    except (OSError, DataError) as error:
        print(f"无法写出测验文件：{error}", file=sys.stderr)
        return CANNOT_RUN
    finally:
        partial.unlink(missing_ok=True)
    for notice in imported.notices:
        print(notice)
    kinds = "、".join(
        f"{name} {count}"
        for qtype, name in TYPE_NAMES.items()
        if (count := sum(q.type == qtype for q in quiz.questions))
    )
    print(f"已写出 {target}：{len(quiz.questions)} 道题（{kinds}）。")
    return OK


def export_bank_command(args: argparse.Namespace) -> int:
    bank = site_bank(args.config)
    quiz = named_quiz(bank, args.quiz)
    out = args.out or Path(f"{quiz.id}.xlsx")
    try:
        content = export_bank(quiz)
    except BankError as error:
        return _print_problems(list(error.problems))
    try:
        out.write_bytes(content)
    except OSError as error:
        print(f"无法写出题库：{error}", file=sys.stderr)
        return CANNOT_RUN
    if bank.specs[quiz.id].includes:
        print(f"注意：{quiz.id} 引用了其他测验的题目，导出的是展开后的全部题目，编号沿用原测验。")
    print(f"已写出 {out}：{len(quiz.questions)} 道题。")
    return OK


def paper_command(args: argparse.Namespace) -> int:
    bank = site_bank(args.config)
    quiz = named_quiz(bank, args.quiz)
    if not 1 <= args.versions <= len(VERSION_LETTERS):
        print(f"试卷套数应为 1 到 {len(VERSION_LETTERS)}（实际是 {args.versions}）", file=sys.stderr)
        return CANNOT_RUN
    base = args.seed if args.seed is not None else secrets.randbelow(MAX_SEED + 1)
    seeds = dict(zip(VERSION_LETTERS, version_seeds(args.versions, base), strict=False))
    out: Path = args.out
    key = out.with_name(f"{out.stem}-答案与评分标准.docx")
    sheet = out.with_name(f"{out.stem}-答题登记表.xlsx")
    try:
        files = {
            out: paper_document(quiz, seeds),
            key: answer_document(quiz, seeds),
            sheet: registration_workbook(quiz, seeds),
        }
        for path, content in files.items():
            path.write_bytes(content)
    except OSError as error:
        print(f"无法写出试卷：{error}", file=sys.stderr)
        return CANNOT_RUN
    shown_seeds = "，".join(f"{letter}卷种子 {seed}" for letter, seed in seeds.items())
    print(f"已写出 {len(seeds)} 套试卷（{shown_seeds}）：")
    for path in files:
        print(f"  {path}")
    return OK


def daily_command(args: argparse.Namespace) -> int:
    """每日一练's questions for some dates, as every learner's page draws them."""
    bank = site_bank(args.config)
    try:
        first = date.fromisoformat(args.date) if args.date else today()
    except ValueError:
        print(f"日期应写成 YYYY-MM-DD（实际是 {args.date!r}）", file=sys.stderr)
        return CANNOT_RUN
    if not 1 <= args.days <= 366:
        print(f"--days 应在 1 到 366 之间（实际是 {args.days}）", file=sys.stderr)
        return CANNOT_RUN
    pool = daily_pool(bank)
    for offset in range(args.days):
        day = first + timedelta(days=offset)
        print(f"{day.isoformat()}（种子 {daily_seed(day)}）：")
        for number, item in enumerate(draw_daily(pool, day), start=1):
            quiz = bank.quizzes[item.quiz_id]
            stem = quiz.question_index[item.question_id].stem
            print(f"  {number}. {item.question_id}（{quiz.title}）{stem[:30]}{'…' if len(stem) > 30 else ''}")
    return OK


def score_paper_command(args: argparse.Namespace) -> int:
    if not args.sheet.is_file():
        print(f"找不到答题登记表：{args.sheet}", file=sys.stderr)
        return CANNOT_RUN
    bank = site_bank(args.config)

    def printed_quiz(quiz_id: str, version: str) -> Quiz | None:
        """The quiz as printed: the same id and the same scoring version (or, for sheets printed
        before scoring versions, the same content hash), or none."""
        quiz = bank.quizzes.get(quiz_id)
        return quiz if quiz is not None and made_under(quiz, version) else None

    try:
        scores = score_sheet(args.sheet.name, args.sheet.read_bytes(), printed_quiz)
    except BankError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return CANNOT_RUN
    day = today()
    try:
        write_tables(paper_title(scores, day.isoformat()), day, paper_tables(scores), args.out)
    except (OSError, FileCreateError) as error:
        print(f"无法写出成绩表：{error}", file=sys.stderr)
        return CANNOT_RUN
    for problem in scores.problems:
        print(problem)
    scored = sum(1 for row in scores.learners if row.results)
    print(f"已评分 {scored} 位学员（共 {len(scores.learners)} 行），{len(scores.problems)} 处问题。成绩表：{args.out}")
    return PROBLEMS if scores.problems else OK


def publish_command(args: argparse.Namespace) -> int:
    dest: Path = args.dest
    if args.rollback:
        try:
            rollback(dest)
        except FileNotFoundError:
            print(f"没有可以退回的上一版（{previous_of(dest)} 不存在）", file=sys.stderr)
            return CANNOT_RUN
        print(f"已退回上一版：{dest}（刚才的版本留在 {previous_of(dest)}）")
        return OK
    if not publish(args.config, dest):
        print(f"构建没有成功（含严格模式下的警告），{dest} 保持原样，没有改动。", file=sys.stderr)
        return PROBLEMS
    print(f"已发布到 {dest}（上一版留在 {previous_of(dest)}，可用 --rollback 退回）")
    return OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="cadre-officer", description="培训专员工具：校验题库和学时规则，汇总学员的学习档案。"
    )
    main.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="站点配置文件（默认 mkdocs.yml）")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="校验全部测验和学时规则，一次列出所有错误")
    rep = commands.add_parser("report", help="核验、重新评分并汇总一个文件夹里的学习档案")
    rep.add_argument("records", type=Path, nargs="+", help="放学员档案的文件夹（含子文件夹），或档案文件、.zip 压缩包")
    rep.add_argument("--out", type=Path, default=Path("学习档案汇总.xlsx"), help="报表文件（另写同名 .csv）")
    rep.add_argument("--year", type=int, help="统计哪一年的学时（默认今年）")
    rep.add_argument("--roster", type=Path, help="名单（.xlsx 或 .csv，列：姓名、单位、编号）：列出未交的人")
    rep.add_argument("--jobs", type=int, default=1, help="同时用几个处理器核心（默认 1）")
    rep.add_argument(
        "--utc-offset",
        type=int,
        default=DEFAULT_UTC_OFFSET,
        help="学员所在时区与 UTC 相差的分钟数（默认 480，即北京时间）",
    )
    rep.add_argument(
        "--regrade",
        action="store_true",
        help="按更正后的答案重新评分：旧版本题目上的作答按现在的答案计分，变化列在“重新评分”工作表",
    )
    bank_import = commands.add_parser(
        "import-bank",
        help="把 Excel 题库（.xlsx）、Word 试卷（.docx）或它的文本（.txt）导入为测验文件 quizzes/编号.yaml",
    )
    bank_import.add_argument(
        "file", type=Path, help="题库文件：.xlsx（题库模板）、.docx（Word 试卷）或 .txt（试卷另存的文本）"
    )
    bank_import.add_argument("--quiz", dest="id", help="测验编号，也是文件名（如 policy-secondment）")
    bank_import.add_argument("--title", help="测验标题")
    bank_import.add_argument("--area", help="领域：理论学习、政策制度、基层工作方法、案例、综合")
    bank_import.add_argument("--link", help="没写讲解链接的题目都用这个链接（如 policy/secondment.md#考核要求）")
    bank_import.add_argument("--pass-mark", dest="pass_mark", help="及格线，百分比（默认 60）")
    bank_import.add_argument("--replace", action="store_true", help="已有同名测验文件时替换它")
    bank_export = commands.add_parser("export-bank", help="把一份测验写回题库模板（.xlsx），改好后可再导入")
    bank_export.add_argument("quiz", help="测验编号")
    bank_export.add_argument("--out", type=Path, help="写出的工作簿（默认 测验编号.xlsx）")
    paper = commands.add_parser("paper", help="由一份测验生成纸质试卷（A、B… 卷，Word）、答案与评分标准和答题登记表")
    paper.add_argument("quiz", help="测验编号")
    paper.add_argument("--versions", type=int, default=2, help="试卷套数（默认 2：A 卷和 B 卷）")
    paper.add_argument(
        "--out", type=Path, default=Path("试卷.docx"), help="试卷文件（默认 试卷.docx；答案和登记表写在旁边）"
    )
    paper.add_argument("--seed", type=int, help="抽题种子（默认随机）；同一种子生成同样的几套试卷")
    score = commands.add_parser("score-paper", help="按答题登记表给纸质考试评分（按各卷种子还原题序），写出成绩表")
    score.add_argument("sheet", type=Path, help="填好的答题登记表（cadre-officer paper 生成的 .xlsx）")
    score.add_argument("--out", type=Path, default=Path("成绩.xlsx"), help="成绩表（默认 成绩.xlsx）")
    daily = commands.add_parser("daily", help="列出某天（默认今天）每日一练的 5 道题，与学员页面上抽到的相同")
    daily.add_argument("--date", help="从哪一天开始（YYYY-MM-DD，默认今天）")
    daily.add_argument("--days", type=int, default=1, help="列出几天（默认 1）")
    publish_parser = commands.add_parser(
        "publish", help="严格构建网站，成功后才整体换掉发布目录（上一版保留，可退回）；失败时发布目录不动"
    )
    publish_parser.add_argument("dest", type=Path, help="发布目录，如 /var/www/cadre-site 或 发布/cadre-site")
    publish_parser.add_argument("--rollback", action="store_true", help="不构建，退回上一次发布的版本")
    return main


COMMANDS = {
    "publish": publish_command,
    "daily": daily_command,
    "import-bank": import_bank_command,
    "export-bank": export_bank_command,
    "paper": paper_command,
    "score-paper": score_paper_command,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.config.is_file():
        print(f"找不到站点配置文件：{args.config}", file=sys.stderr)
        return CANNOT_RUN
    try:
        if args.command in COMMANDS:
            return COMMANDS[args.command](args)
        return validate(args) if args.command == "validate" else report(args)
    except ConfigurationError as error:
        print(f"站点配置文件 {args.config} 有误：{error}", file=sys.stderr)
        return CANNOT_RUN
    except OfficerError as error:  # a command could not run: one message, exit 2
        print(error, file=sys.stderr)
        return CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())
