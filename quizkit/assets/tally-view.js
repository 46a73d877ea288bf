// Renders a tally (the reply of scoring's "tally" operation) as plain HTML, for the ledger
// page (progress bars) and the printable summary (tables).

import { element } from "./dom.js";
import { REQUIREMENT_STATUS } from "./labels.js";

function bar(fraction, label) {
  const percent = Math.round(Math.min(1, fraction) * 100);
  const fill = element("span", { class: "ledger-bar__fill" });
  fill.style.width = `${percent}%`;
  return element(
    "div",
    { class: "ledger-bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(percent), "aria-label": label },
    fill,
  );
}

function windowsList(requirement) {
  if (requirement.windows.length < 2) return null;
  return element(
    "ul",
    { class: "ledger-windows" },
    ...requirement.windows.map((w) =>
      element("li", { "data-status": w.status }, `${w.label}：${w.achieved} / ${requirement.at_least} ${requirement.unit} · ${REQUIREMENT_STATUS[w.status]}`),
    ),
  );
}

export function requirementItem(requirement) {
  const done = requirement.every === "period" ? `${requirement.achieved} / ${requirement.at_least} ${requirement.unit}` : "";
  return element(
    "li",
    { class: "ledger-req", "data-requirement": requirement.id, "data-status": requirement.status },
    element("div", { class: "ledger-req__head" }, element("strong", {}, requirement.title), element("span", { class: "ledger-req__badge" }, REQUIREMENT_STATUS[requirement.status] ?? "…")),
    bar(requirement.progress, requirement.title),
    element("p", { class: "ledger-req__message" }, done ? `${done} · ${requirement.message}` : requirement.message),
    windowsList(requirement),
  );
}

export function kindsTable(tally) {
  const rows = tally.kinds.map((kind) =>
    element(
      "tr",
      { "data-kind": kind.id },
      element("td", {}, kind.title),
      element("td", {}, String(kind.count)),
      element("td", {}, String(kind.hours)),
      element("td", {}, kind.capped_hours ? `${kind.capped_hours}（超出上限未计）` : "—"),
    ),
  );
  return element(
    "table",
    { class: "ledger-table ledger-kinds" },
    element("thead", {}, element("tr", {}, element("th", {}, "类别"), element("th", {}, "条数"), element("th", {}, "计入学时"), element("th", {}, "上限"))),
    element("tbody", {}, ...rows),
  );
}

// Until the engine has tallied: the same list and table for the chosen rules, with no figures yet,
// so the real tally takes the same room and nothing below it moves (no [data-tally] hook here).
export function renderPending(container, rules, text) {
  const requirements = rules.requirements.map((r) => ({ id: r.id, title: r.title, status: "pending", every: "pending", progress: 0, message: text, windows: [] }));
  const kinds = rules.kinds.map((k) => ({ id: k.id, title: k.title, count: "—", hours: "—", capped_hours: 0 }));
  container.replaceChildren(
    element(
      "div",
      { class: "ledger-pending", "aria-busy": "true" },
      element("p", { class: "ledger-total" }, text),
      element("ul", { class: "ledger-reqs" }, ...requirements.map(requirementItem)),
      kindsTable({ kinds }),
    ),
  );
}

// The element the tests look for: [data-tally] with data-total-hours.
export function renderTally(container, tally) {
  const flagged = tally.entries.filter((s) => s.flag && s.flag !== "outside_period").length;
  const box = element(
    "div",
    { "data-tally": "", "data-total-hours": String(tally.total_hours), "data-all-met": String(tally.all_met), "data-rules-version": tally.rules.version },
    element("p", { class: "ledger-total" }, `${tally.period.label} · 已计 `, element("strong", {}, String(tally.total_hours)), ` 学时（${tally.rules.title}，截至 ${tally.as_of}）`),
    element("ul", { class: "ledger-reqs" }, ...tally.requirements.map(requirementItem)),
    kindsTable(tally),
    flagged ? element("p", { class: "ledger-flagged" }, `有 ${flagged} 条记录未计入，原因见“我的记录”中的标注。`) : null,
    tally.quiz_credits.length ? element("p", {}, `本期自测通过自动计入 ${tally.quiz_credits.filter((c) => c.counted).length} 份（每份测验每年计一次）。`) : null,
  );
  container.replaceChildren(box);
  return box;
}
