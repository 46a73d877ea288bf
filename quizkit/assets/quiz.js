// Quiz page: answers are saved on the device as they are given; the scoring engine
// (Pyodide in a module worker) loads meanwhile; submit sends the answers to
// scoring.api.handle and shows the result. The form works before the engine is ready.

import { Engine } from "./engine.js";
import { addAttempt, load, save } from "./store.js";

const STATUS_TEXT = { correct: "正确", partial: "部分正确", wrong: "错误", unanswered: "未作答" };

function readAnswers(form, quiz) {
  const answers = {};
  for (const question of quiz.questions) {
    const box = form.querySelector(`[data-question-id="${CSS.escape(question.id)}"]`);
    if (question.type === "fill") {
      answers[question.id] = [...box.querySelectorAll("input[data-blank]")].map((input) => input.value);
    } else if (question.type === "multiple") {
      answers[question.id] = [...box.querySelectorAll("input:checked")].map((input) => input.value);
    } else {
      const checked = box.querySelector("input:checked");
      answers[question.id] = checked ? checked.value : null;
    }
  }
  return answers;
}

function writeAnswers(form, quiz, answers) {
  for (const question of quiz.questions) {
    const given = answers[question.id];
    const box = form.querySelector(`[data-question-id="${CSS.escape(question.id)}"]`);
    if (!box || given == null) continue;
    if (question.type === "fill") {
      box.querySelectorAll("input[data-blank]").forEach((input) => {
        input.value = given[Number(input.dataset.blank)] ?? "";
      });
    } else {
      const chosen = new Set(Array.isArray(given) ? given : [given]);
      box.querySelectorAll("input").forEach((input) => {
        input.checked = chosen.has(input.value);
      });
    }
  }
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function showFeedback(form, result, hrefs) {
  for (const item of result.questions) {
    const box = form.querySelector(`[data-question-id="${CSS.escape(item.id)}"]`);
    const feedback = box.querySelector(".quiz-feedback");
    box.dataset.status = item.status;
    const link = element("a", { href: hrefs[item.id] ?? "#" }, "查看讲解");
    feedback.replaceChildren(
      element("p", { class: "quiz-feedback__status" }, `${STATUS_TEXT[item.status]} · ${item.points} / ${item.max_points} 分`),
      element("p", {}, element("strong", {}, "正确答案："), item.right_answer),
      element("p", {}, element("strong", {}, "解析："), item.explanation, " ", link),
    );
    feedback.hidden = false;
  }
}

function showResult(root, result) {
  let panel = root.querySelector("[data-result]");
  if (!panel) {
    panel = element("section", { "data-result": "", class: "quiz-result", tabindex: "-1", "aria-live": "polite" });
    root.querySelector(".quiz-form").after(panel);
  }
  panel.dataset.points = String(result.points);
  panel.dataset.maxPoints = String(result.max_points);
  panel.dataset.percent = String(result.percent);
  panel.dataset.passed = String(result.passed);
  const rows = result.areas.map((area) =>
    element("tr", {}, element("td", {}, area.area), element("td", {}, `${area.points} / ${area.max_points}`), element("td", {}, `${area.percent}%`)),
  );
  panel.replaceChildren(
    element("h2", {}, result.passed ? "已通过" : "未通过"),
    element("p", { class: "quiz-result__score" }, `得分 ${result.points} / ${result.max_points}（${result.percent}%），及格线 ${result.pass_mark}%`),
    element("table", {}, element("thead", {}, element("tr", {}, element("th", {}, "领域"), element("th", {}, "得分"), element("th", {}, "得分率"))), element("tbody", {}, ...rows)),
    element("p", {}, "每道题下方已标出对错、正确答案和解析。"),
  );
  panel.hidden = false;
  panel.focus();
}

function start(root) {
  const { quiz, hrefs } = JSON.parse(root.querySelector("script.quiz-data").textContent);
  const form = root.querySelector(".quiz-form");
  const engineBox = root.querySelector(".quiz-engine");
  const bar = engineBox.querySelector("progress");
  const text = engineBox.querySelector(".quiz-engine__text");
  const retry = engineBox.querySelector('[data-action="retry"]');
  const notice = root.querySelector(".quiz-notice");
  const draftKey = `draft:${quiz.id}`;
  let waitingToScore = false;

  const say = (message) => {
    notice.textContent = message;
    notice.hidden = !message;
  };

  const draft = load(draftKey);
  if (draft.value && draft.value.version === quiz.version) {
    writeAnswers(form, quiz, draft.value.answers);
    say("已恢复你上次在本机填写的作答。");
  } else if (draft.value) {
    // Kept under its key, never overwritten with answers to a different version.
    say("本机有一份针对旧版本测验的作答，已保留，未载入。");
  }

  const saveDraft = () => {
    if (draft.value && draft.value.version !== quiz.version) return;
    const outcome = save(draftKey, { version: quiz.version, answers: readAnswers(form, quiz), savedAt: new Date().toISOString() });
    if (!outcome.ok) say(`作答无法保存在本机（${outcome.reason}）。请勿关闭页面，提交后可看到成绩。`);
  };
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);

  const engine = new Engine({
    workerURL: new URL(root.dataset.engine, document.baseURI).href,
    pyodideURL: new URL(root.dataset.pyodide, document.baseURI).href,
    archiveURL: new URL(root.dataset.archive, document.baseURI).href,
    archiveSha256: root.dataset.archiveSha256,
    timeoutMs: Number(root.dataset.engineTimeout) * 1000,
    onState(state) {
      engineBox.dataset.engineStatus = state.status;
      text.textContent = state.text;
      if (state.percent == null) bar.removeAttribute("value");
      else bar.value = state.percent;
      bar.hidden = state.status === "ready";
      retry.hidden = state.status !== "failed";
      if (state.status === "failed") {
        say("评分引擎没能加载，你的作答都已保存在本机，不会丢失。可以点“重试”，或稍后再来提交。");
      } else if (state.status === "ready" && waitingToScore) {
        waitingToScore = false;
        score();
      }
    },
  });

  async function score() {
    const answers = readAnswers(form, quiz);
    const reply = await engine.call({ op: "grade", quiz, answers, version: quiz.version });
    if (!reply.ok) {
      say(`评分失败：${reply.error.message}`);
      return;
    }
    const { points, max_points, percent, passed } = reply.result;
    const kept = addAttempt({
      id: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`,
      quiz_id: quiz.id,
      version: quiz.version,
      seed: null,
      answers,
      result: { points, max_points, percent, passed },
      started_at: draft.value?.startedAt ?? null,
      submitted_at: new Date().toISOString(),
    });
    say(kept.ok ? "" : `成绩已算出，但无法保存在本机（${kept.reason}）。`);
    showFeedback(form, reply.result, hrefs);
    showResult(root, reply.result);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveDraft();
    if (engine.status === "ready") {
      score().catch((error) => say(`评分失败：${error.message}。作答已保存，请重试。`));
    } else if (engine.status === "failed") {
      say("评分引擎没能加载，作答已保存。请点“重试”加载引擎，加载完成后会自动评分。");
      waitingToScore = true;
    } else {
      waitingToScore = true;
      say("评分引擎还在加载，作答已保存；加载完成后会自动给出成绩。");
    }
  });
  retry.addEventListener("click", () => engine.start());
  engine.start();
}

const root = document.querySelector("[data-quiz-id]");
if (root) start(root);
