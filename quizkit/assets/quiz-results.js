// What the learner sees after scoring: the result panel ([data-result]) and the attempt history.

import { element } from "./dom.js";
import { COMBINE } from "./labels.js";
import { load } from "./store.js";

// Where to go from a result: the 错题本 (with how many questions it holds), back to the module, the
// next module's quiz. way: {review, module?: {href, title}, next?: {href, title}} (written by the build).
function reviewCount() {
  const items = load("review").value?.items;
  return items && typeof items === "object" ? Object.keys(items).length : 0;
}

// The result is shown before the misses are written to the book; once they are, the link's count follows.
export function recountReview(root) {
  const link = root.querySelector('[data-result-links] [data-way="review"]');
  if (link) link.textContent = `错题本（${reviewCount()} 题）`;
}

function wayLinks(way) {
  if (!way?.review) return null;
  const links = [element("a", { href: way.review, "data-way": "review" }, `错题本（${reviewCount()} 题）`)];
  if (way.module) links.push(element("a", { href: way.module.href, "data-way": "module" }, `回到本模块：${way.module.title}`));
  if (way.next) links.push(element("a", { href: way.next.href, "data-way": "next" }, `下一个模块自测：${way.next.title}`));
  return element("ul", { class: "quiz-result__links", "data-result-links": "" }, ...links.map((link) => element("li", {}, link)));
}

function resultPanel(root, result) {
  let panel = root.querySelector("[data-result]");
  if (!panel) {
    panel = element("section", { "data-result": "", class: "quiz-result", tabindex: "-1", "aria-live": "polite" });
    root.querySelector(".quiz-form").after(panel);
  }
  panel.dataset.points = String(result.points);
  panel.dataset.maxPoints = String(result.max_points);
  panel.dataset.percent = String(result.percent);
  panel.dataset.passed = String(result.passed);
  panel.hidden = false;
  return panel;
}

// A submitted attempt as it was saved (its score, no per-question detail yet): shown at once when the
// learner comes back to the page, until the engine has re-graded it.
export function showSavedResult(root, result, way = null) {
  const panel = resultPanel(root, result);
  panel.replaceChildren(
    element("h2", {}, result.passed ? "已通过" : "未通过"),
    element("p", { class: "quiz-result__score" }, `得分 ${result.points} / ${result.max_points}（${result.percent}%）`),
    element("p", {}, "这是你上次提交的成绩。每道题的对错和解析在评分程序加载后显示在题目下方。"),
    wayLinks(way),
  );
}

// focus: false when the learner comes back to the page (the browser puts them where they were).
export function showResult(root, result, { focus = true, way = null } = {}) {
  const panel = resultPanel(root, result);
  const rows = result.areas.map((area) =>
    element("tr", {}, element("td", {}, area.area), element("td", {}, `${area.points} / ${area.max_points}`), element("td", {}, `${area.percent}%`)),
  );
  const missed = result.questions.filter((q) => q.status === "wrong" || q.status === "partial").length;
  const blank = result.questions.filter((q) => q.status === "unanswered").length;
  panel.replaceChildren(
    element("h2", {}, result.passed ? "已通过" : "未通过"),
    element("p", { class: "quiz-result__score" }, `得分 ${result.points} / ${result.max_points}（${result.percent}%），及格线 ${result.pass_mark}%`),
    element("table", {}, element("thead", {}, element("tr", {}, element("th", {}, "领域"), element("th", {}, "得分"), element("th", {}, "得分率"))), element("tbody", {}, ...rows)),
    element(
      "p",
      {},
      "每道题下方已标出对错、正确答案和解析。",
      missed ? `没有全对的 ${missed} 题已记入错题本，可到“错题本”复习。` : "",
      blank ? `没有作答的 ${blank} 题不记入错题本。` : "",
    ),
    wayLinks(way),
  );
  if (focus) panel.focus();
}

function masteryLines(mastery) {
  const m = mastery;
  const text = m.mastered
    ? `已掌握：最近 ${m.answered} 题答对 ${m.correct} 题。`
    : `掌握进度：最近 ${m.answered} 题答对 ${m.correct} 题，需要最近 ${m.of} 题中答对 ${m.need} 题。`;
  return [element("p", { "data-mastery": m.mastered ? "mastered" : "progress" }, text), element("progress", { max: String(m.need), value: String(Math.min(m.correct, m.need)) })];
}

export function showHistory(box, quiz, summary) {
  const items = summary.attempts.map((row) => {
    const when = row.submitted_at ? new Date(row.submitted_at).toLocaleString("zh-CN", { hour12: false }) : "时间不详";
    if (row.status === "scored") {
      const older = row.older_version ? "，按作答时的答案计分" : "";
      return element("li", { "data-attempt-status": row.older_version ? "older" : "scored" }, `${when}：${row.percent}%（${row.passed ? "通过" : "未通过"}${older}）`);
    }
    return element("li", { class: "quiz-history__kept", "data-attempt-status": row.status }, `${when}：${row.message}`);
  });
  const lines = [element("h2", {}, "作答记录")];
  if (summary.mastery) {
    lines.push(...masteryLines(summary.mastery));
  } else if (summary.counted) {
    lines.push(element("p", {}, `已计分 ${summary.counted} 次，${COMBINE[quiz.combine ?? "highest"]}：${summary.percent}%（${summary.passed ? "通过" : "未通过"}）。`));
  }
  lines.push(element("ol", {}, ...items));
  box.replaceChildren(...lines);
  box.hidden = summary.attempts.length === 0;
}
