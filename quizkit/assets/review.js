// The wrong-answer book: today's queue comes from scoring/review.py; each question is
// taken from its quiz page (the same HTML the quiz shows), answered, graded and rescheduled.

import { orderOptions, readAnswer } from "./answers.js";
import { today } from "./dates.js";
import { element } from "./dom.js";
import { newSeed, present } from "./draw.js";
import { engineFor } from "./engine-ui.js";
import { showQuestionFeedback } from "./feedback.js";
import { loadOrSetAside, ready, refresh, save, setAside, withLock } from "./store.js";

const root = document.querySelector("[data-review]");
const status = root.querySelector(".review-status");
const card = root.querySelector(".review-card");
const check = root.querySelector('[data-action="check"]');
const next = root.querySelector('[data-action="next"]');
const quizURLs = JSON.parse(root.querySelector("script.review-quizzes").textContent);
const titles = JSON.parse(root.querySelector("script.review-titles")?.textContent ?? "{}");
const titleOf = (quizId) => titles[quizId] ?? quizId;
const pages = new Map();
let queue = [];
let current = null;

async function quizPage(quizId) {
  if (!pages.has(quizId)) {
    const url = new URL(quizURLs[quizId], document.baseURI);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const data = JSON.parse(html.querySelector("script.quiz-data").textContent);
    pages.set(quizId, { url, html, data });
  }
  return pages.get(quizId);
}

async function showNext() {
  check.hidden = true;
  next.hidden = true;
  card.hidden = true;
  const book = loadOrSetAside("review");
  let reply = await engine.call({ op: "review_queue", state: book.value, today: today() });
  let movedAside = Boolean(book.setAside);
  if (!reply.ok && book.value != null) {
    movedAside = setAside("review") != null;
    reply = await engine.call({ op: "review_queue", state: null, today: today() });
  }
  if (!reply.ok) {
    status.textContent = reply.error.message;
    return;
  }
  const aside = movedAside ? "原来的错题本无法读取，已原样另存，可在学习档案中导出。" : "";
  const info = reply.result;
  root.dataset.due = String(info.due);
  root.dataset.total = String(info.total);
  listAll(book.setAside ? null : book.value);
  queue = info.questions;
  if (queue.length === 0) {
    status.textContent =
      aside +
      (info.total === 0
        ? `错题本是空的。${info.mastered ? `已掌握 ${info.mastered} 题。` : "做测验时答错的题会出现在这里。"}`
        : `今天的复习已完成（今天复习了 ${info.done_today} 题）。错题本里还有 ${info.total} 题，到期后再来。`);
    return;
  }
  const later = info.deferred ? `，另有 ${info.deferred} 题顺延到之后几天` : "";
  status.textContent = `${aside}今天要复习 ${queue.length} 题${later}。错题本共 ${info.total} 题，已掌握 ${info.mastered} 题。`;
  const item = queue[0];
  let page;
  try {
    page = await quizPage(item.quiz_id);
  } catch (error) {
    status.textContent = `这道题所在的测验页打不开（${error.message}），请联网后再试。错题本未改动。`;
    return;
  }
  const question = page.data.quiz.questions.find((q) => q.id === item.id);
  const source = page.html.querySelector(`[data-question-id="${CSS.escape(item.id)}"]`);
  if (!question || !source) {
    status.textContent = "这道题已不在题库中（测验已更新），它仍保留在错题本里。";
    return;
  }
  const box = document.importNode(source, true);
  box.hidden = false;
  box.disabled = false;
  box.querySelector(".quiz-number").textContent = "";
  box.querySelector(".quiz-hint")?.remove();
  box.querySelector(".quiz-feedback").before(element("p", { class: "daily-from", "data-from-quiz": item.quiz_id }, `出自：${titleOf(item.quiz_id)}`));
  const keys = present({ questions: [question] }, newSeed()).options[question.id];
  if (keys) orderOptions(box, question, question.type === "ordering" ? keys : Object.keys(question.options));
  card.replaceChildren(box);
  card.hidden = false;
  check.hidden = false;
  current = { item, question, box, page };
}

// Every question in the book, grouped by the module it came from; the stems come from the quiz
// pages (a page that cannot be fetched leaves its questions listed by number).
async function listAll(state) {
  const box = root.querySelector("[data-review-all]");
  const items = state?.items && typeof state.items === "object" ? state.items : {};
  const groups = new Map();
  for (const [id, item] of Object.entries(items)) {
    if (!groups.has(item.quiz_id)) groups.set(item.quiz_id, []);
    groups.get(item.quiz_id).push(id);
  }
  if (groups.size === 0) {
    box.hidden = true;
    return;
  }
  const sections = [];
  for (const [quizId, ids] of [...groups].sort(([a], [b]) => titleOf(a).localeCompare(titleOf(b), "zh-CN"))) {
    let html = null;
    try {
      if (quizURLs[quizId]) html = (await quizPage(quizId)).html;
    } catch {
      html = null;
    }
    const rows = ids.sort().map((id) => {
      const stem = html?.querySelector(`[data-question-id="${CSS.escape(id)}"] .quiz-stem`)?.textContent.trim();
      return element("li", { "data-review-item": id }, stem || `题目 ${id}`);
    });
    sections.push(element("section", { "data-review-group": quizId, "data-count": String(ids.length) }, element("h3", {}, `${titleOf(quizId)}（${ids.length} 题）`), element("ol", {}, ...rows)));
  }
  box.querySelector(".review-all__groups").replaceChildren(...sections);
  box.hidden = false;
}

check.addEventListener("click", async () => {
  const { question, box, page, item } = current;
  const reply = await withLock("review", async () => {
    // Read again under the lock: another tab may have changed the book meanwhile.
    await refresh("review");
    const book = loadOrSetAside("review");
    const answer = await engine.call({ op: "review_answer", state: book.value, question, answer: readAnswer(box, question), today: today() });
    if (answer.ok) {
      const kept = await save("review", answer.result.state);
      if (!kept.ok) status.textContent = `复习结果无法保存（${kept.reason}），错题本未改动。`;
    }
    return answer;
  });
  if (!reply.ok) {
    status.textContent = reply.error.message;
    return;
  }
  const href = page.data.hrefs[item.id] ? new URL(page.data.hrefs[item.id], page.url).href : "#";
  showQuestionFeedback(box, { ...reply.result, id: item.id }, href);
  box.disabled = true;
  check.hidden = true;
  next.hidden = false;
});
next.addEventListener("click", () => showNext());

const engine = engineFor(root, {
  onState: (state) => {
    if (state.status === "ready") showNext();
  },
});
await ready();
engine.start();
