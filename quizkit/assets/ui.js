// Pieces shared by the quiz page and the review page.

import { Engine } from "./engine.js";

const STATUS_TEXT = { correct: "正确", partial: "部分正确", wrong: "错误", unanswered: "未作答" };

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

export const today = () => new Date().toLocaleDateString("sv-SE"); // YYYY-MM-DD in local time

// The engine for a page root carrying the engine's data-* attributes; its status box
// (.quiz-engine: progress bar, text, retry button) is kept up to date here.
export function engineFor(root, onState = () => {}) {
  const box = root.querySelector(".quiz-engine");
  const bar = box.querySelector("progress");
  const retry = box.querySelector('[data-action="retry"]');
  const engine = new Engine({
    workerURL: new URL(root.dataset.engine, document.baseURI).href,
    pyodideURL: new URL(root.dataset.pyodide, document.baseURI).href,
    archiveURL: new URL(root.dataset.archive, document.baseURI).href,
    archiveSha256: root.dataset.archiveSha256,
    timeoutMs: Number(root.dataset.engineTimeout) * 1000,
    onState(state) {
      box.dataset.engineStatus = state.status;
      box.querySelector(".quiz-engine__text").textContent = state.text;
      if (state.percent == null) bar.removeAttribute("value");
      else bar.value = state.percent;
      bar.hidden = state.status === "ready";
      retry.hidden = state.status !== "failed";
      onState(state);
    },
  });
  retry.addEventListener("click", () => engine.start());
  return engine;
}

export function showQuestionFeedback(box, item, href) {
  const feedback = box.querySelector(".quiz-feedback");
  box.dataset.status = item.status;
  const hint = item.hint_used ? "（看过提示）" : "";
  feedback.replaceChildren(
    element("p", { class: "quiz-feedback__status" }, `${STATUS_TEXT[item.status]} · ${item.points} / ${item.max_points} 分${hint}`),
    element("p", {}, element("strong", {}, "正确答案："), item.right_answer),
    element("p", {}, element("strong", {}, "解析："), item.explanation, " ", element("a", { href: href ?? "#" }, "查看讲解")),
  );
  feedback.hidden = false;
}

