// Printable year summary (年度学习小结) as a 学时证明: the tally of the chosen rules on one A4 page,
// printed to paper or to PDF on a phone. Reads the same device data as the ledger page.

import { localToday } from "./dates.js";
import { element, sayIn } from "./dom.js";
import { tallyEngine } from "./engine-ui.js";
import { REQUIREMENT_STATUS } from "./labels.js";
import { readDevice, readYear, saveProfile, saveYear } from "./record.js";
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

// A blank to write on by hand where the device holds nothing.
const blank = (text) => (text ? element("span", {}, text) : element("span", { class: "cert-blank", "data-blank": "" }, ""));

// The 学时证明: one A4 page to hand in (name, unit, year, 学时 by kind against the requirements, the
// passed modules, lines for the unit's opinion, signature and seal). The list of activities is for the
// screen: a full year of them would not fit the page, and the exported record holds them all.
function render(sheet, tally, device, data, year) {
  const kinds = new Map(data.kinds.map((k) => [k.id, k.title]));
  const byId = new Map(device.entries.map((e) => [e.id, e]));
  const shown = tally.entries.filter((s) => s.flag !== "outside_period" && byId.has(s.id));
  const entryRows = shown
    .map((s) => ({ s, e: byId.get(s.id) }))
    .sort((a, b) => a.e.date.localeCompare(b.e.date))
    .map(({ s, e }) => [e.date, kinds.get(e.kind) ?? e.kind, e.days != null ? `${e.days} 天` : e.hours != null ? `${e.hours} 学时` : "1 次", s.counted ? s.hours : s.message, e.note ?? ""]);
  const passed = tally.quiz_credits.map((c) =>
    element("li", { "data-quiz-id": c.quiz_id }, `${data.quizzes[c.quiz_id] ?? c.quiz_id}`, element("small", {}, `（${c.date.slice(5)}${c.counted ? "" : "，未计入"}）`)),
  );
  const field = (label, value) => [element("th", { scope: "row" }, label), element("td", {}, value)];
  const heading = year ? `${year} 年度学时证明` : `${tally.period.label}学时证明`;
  sheet.replaceChildren(
    element(
      "div",
      { class: "cert", "data-tally": "", "data-total-hours": String(tally.total_hours) },
      element("h2", { class: "cert-title" }, heading),
      element(
        "table",
        { class: "ledger-table cert-who" },
        element("tbody", {}, element("tr", {}, ...field("姓名", blank(device.profile.name)), ...field("单位", blank(device.profile.unit))), element("tr", {}, ...field("适用规则", tally.rules.title), ...field("统计期", `${tally.period.start} 至 ${tally.period.end}（截至 ${tally.as_of}）`))),
      ),
      element("p", { class: "ledger-total" }, "本期计入 ", element("strong", {}, String(tally.total_hours)), " 学时", tally.all_met ? "，各项要求均已完成。" : "。"),
      element("h3", {}, "要求完成情况"),
      table(
        ["要求", "完成 / 要求", "状态"],
        tally.requirements.map((r) => [r.title, r.windows.map((w) => (r.windows.length > 1 ? `${w.label} ${w.achieved}` : w.achieved)).join("；") + ` / ${r.at_least} ${r.unit}`, REQUIREMENT_STATUS[r.status]]),
        { class: "ledger-table ledger-summary__reqs" },
      ),
      element("h3", {}, "各类学时"),
      kindsTable(tally),
      element("h3", {}, `通过的自测模块（${passed.length} 个）`),
      passed.length ? element("ol", { class: "cert-modules", "data-passed-modules": "" }, ...passed) : element("p", { "data-passed-modules": "" }, "本期没有通过的自测。"),
      element(
        "div",
        { class: "ledger-no-print" },
        element("h3", {}, "登记的活动"),
        entryRows.length ? table(["日期", "类别", "数量", "计入学时", "备注"], entryRows) : element("p", {}, "本期没有登记。"),
      ),
      element("p", { class: "cert-print-only" }, `本期登记活动 ${entryRows.length} 条，明细见导出的学习档案。`),
      element(
        "div",
        { class: "cert-sign" },
        element("p", { class: "cert-opinion" }, "单位意见："),
        element("p", { class: "cert-line" }, "负责人签字：", element("span", { class: "cert-blank" }, ""), "单位（盖章）"),
        element("p", { class: "cert-date" }, "年　　月　　日"),
      ),
      element("p", { class: "ledger-summary__foot" }, "本页由学员本机的学习记录生成，学时以所在单位和组织部门的登记为准。"),
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
    else render(sheet, reply.result, device, data, isTerm ? null : Number(yearInput.value) || null);
  };
  const engine = tallyEngine(root, tally);
  // Name and unit as on the ledger (one profile): typed here, they are on the paper and in the record.
  const profile = readDevice().device.profile;
  for (const name of ["name", "unit"]) {
    const input = root.querySelector(`input[name="${name}"]`);
    input.value = profile[name] ?? "";
    input.addEventListener("change", async () => {
      const kept = await saveProfile({ ...readDevice().device.profile, [name]: input.value.trim() });
      if (!kept.ok) sayIn(root.querySelector(".quiz-notice"))(`姓名和单位无法保存（${kept.reason}）。`);
      if (engine.status === "ready") tally();
    });
  }
  yearInput.addEventListener("change", () => {
    saveYear(Number(yearInput.value) || null);
    if (engine.status === "ready") tally();
  });
}

const root = document.querySelector("[data-summary]");
if (root) ready().then(() => start(root));
