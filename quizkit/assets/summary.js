// Printable year summary (年度学习小结): the tally of the chosen rules as tables, for
// printing to paper or to PDF on a phone. Reads the same device data as the ledger page.

import { localToday } from "./dates.js";
import { element } from "./dom.js";
import { tallyEngine } from "./engine-ui.js";
import { REQUIREMENT_STATUS } from "./labels.js";
import { readDevice, readYear, saveYear } from "./record.js";
import { ready } from "./store.js";
import { kindsTable } from "./tally-view.js";

function table(headers, rows, attributes = {}) {
  return element(
    "table",
    { class: "ledger-table", ...attributes },
    element("thead", {}, element("tr", {}, ...headers.map((h) => element("th", {}, h)))),
    element("tbody", {}, ...rows.map((cells) => element("tr", {}, ...cells.map((c) => element("td", {}, String(c)))))),
  );
}

function render(sheet, tally, device, data) {
  const kinds = new Map(data.kinds.map((k) => [k.id, k.title]));
  const byId = new Map(device.entries.map((e) => [e.id, e]));
  const shown = tally.entries.filter((s) => s.flag !== "outside_period" && byId.has(s.id));
  const entryRows = shown
    .map((s) => ({ s, e: byId.get(s.id) }))
    .sort((a, b) => a.e.date.localeCompare(b.e.date))
    .map(({ s, e }) => [e.date, kinds.get(e.kind) ?? e.kind, e.days != null ? `${e.days} 天` : e.hours != null ? `${e.hours} 学时` : "1 次", s.counted ? s.hours : s.message, e.note ?? ""]);
  const quizRows = tally.quiz_credits.map((c) => [c.date, data.quizzes[c.quiz_id] ?? c.quiz_id, c.counted ? c.hours : "日期在今天之后，未计入"]);
  const who = [device.profile.name, device.profile.unit].filter(Boolean).join(" · ") || "（未填姓名和单位）";
  sheet.replaceChildren(
    element(
      "div",
      { "data-tally": "", "data-total-hours": String(tally.total_hours) },
      element("h2", {}, `${tally.period.label}学习小结`),
      element("p", {}, `${who}｜适用规则：${tally.rules.title}｜统计期：${tally.period.start} 至 ${tally.period.end}｜截至 ${tally.as_of}`),
      element("p", { class: "ledger-total" }, "本期计入 ", element("strong", {}, String(tally.total_hours)), " 学时", tally.all_met ? "，各项要求均已完成。" : "。"),
      element("h3", {}, "要求完成情况"),
      table(
        ["要求", "完成", "状态"],
        tally.requirements.map((r) => [r.title, r.windows.map((w) => (r.windows.length > 1 ? `${w.label} ${w.achieved}` : w.achieved)).join("；") + ` / ${r.at_least} ${r.unit}`, `${REQUIREMENT_STATUS[r.status]}：${r.message}`]),
        { class: "ledger-table ledger-summary__reqs" },
      ),
      element("h3", {}, "各类活动"),
      kindsTable(tally),
      element("h3", {}, "登记的活动"),
      entryRows.length ? table(["日期", "类别", "数量", "计入学时", "备注"], entryRows) : element("p", {}, "本期没有登记。"),
      element("h3", {}, "本站自测（通过，每份每年计一次）"),
      quizRows.length ? table(["通过日期", "测验", "计入学时"], quizRows) : element("p", {}, "本期没有通过的自测。"),
      element("p", { class: "ledger-summary__foot" }, `规则版本 ${tally.rules.version.slice(0, 16)}；本页由本机记录生成，学时以组织部门登记为准。`),
    ),
  );
}

// The year shown is the one chosen on the ledger (remembered on the device), and can be changed here.
function start(root) {
  const data = JSON.parse(root.querySelector("script.ledger-data").textContent);
  const sheet = root.querySelector("[data-sheet]");
  const yearInput = root.querySelector('input[name="year"]');
  yearInput.value = String(readYear() ?? localToday().today.slice(0, 4));
  root.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  let run = 0;
  const tally = async () => {
    const read = readDevice();
    if (!read.ok) {
      sheet.replaceChildren(element("p", {}, `无法读取本机记录（${read.reason}）。`));
      return;
    }
    const device = read.device;
    const set = data.rule_sets.find((s) => s.id === device.settings.rule_set) ?? data.rule_sets[0];
    const isTerm = set.rules.period.type === "term";
    root.querySelector("[data-year]").hidden = isTerm;
    const mine = ++run;
    const reply = await engine.call({
      op: "tally",
      rules: set.rules,
      entries: device.entries,
      attempts: device.attempts,
      year: Number(yearInput.value) || Number(localToday().today.slice(0, 4)),
      term_start: isTerm ? device.settings.term_start : null,
      ...localToday(),
    });
    if (mine !== run) return; // a newer year was chosen meanwhile
    if (!reply.ok) sheet.replaceChildren(element("p", {}, reply.error.message));
    else render(sheet, reply.result, device, data);
  };
  const engine = tallyEngine(root, tally);
  yearInput.addEventListener("change", () => {
    saveYear(Number(yearInput.value) || null);
    if (engine.status === "ready") tally();
  });
}

const root = document.querySelector("[data-summary]");
if (root) ready().then(() => start(root));
