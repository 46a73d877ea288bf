// Quiz page. An attempt is a draft on the device — seed, answers, hints used, start time —
// saved on every change; the scoring engine (Pyodide in a module worker) loads meanwhile.
// Submit sends the raw answers and the seed to scoring.api; Python rebuilds the draw from
// the seed and scores. The form works before the engine is ready.

import { isAnswered, orderOptions, readAnswer, writeAnswer } from "./answers.js";
import { newSeed, present } from "./draw.js";
import { addAttempt, listAttempts, loadOrSetAside, remove, save, setAside, withLock } from "./store.js";
import { element, engineFor, showQuestionFeedback, today } from "./ui.js";

const COMBINE_TEXT = { highest: "取最高分", last: "以最后一次为准", first: "以第一次为准", average: "取平均分" };

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
  const missed = result.questions.filter((q) => q.status !== "correct").length;
  panel.replaceChildren(
    element("h2", {}, result.passed ? "已通过" : "未通过"),
    element("p", { class: "quiz-result__score" }, `得分 ${result.points} / ${result.max_points}（${result.percent}%），及格线 ${result.pass_mark}%`),
    element("table", {}, element("thead", {}, element("tr", {}, element("th", {}, "领域"), element("th", {}, "得分"), element("th", {}, "得分率"))), element("tbody", {}, ...rows)),
    element("p", {}, "每道题下方已标出对错、正确答案和解析。", missed ? `没有全对的 ${missed} 题已记入错题本，可到“错题本”复习。` : ""),
  );
  panel.hidden = false;
  panel.focus();
}

function showHistory(box, quiz, summary) {
  const items = summary.attempts.map((row) => {
    const when = row.submitted_at ? new Date(row.submitted_at).toLocaleString("zh-CN", { hour12: false }) : "时间不详";
    if (row.status === "scored") return element("li", {}, `${when}：${row.percent}%（${row.passed ? "通过" : "未通过"}）`);
    return element("li", { class: "quiz-history__kept" }, `${when}：${row.message}`);
  });
  const lines = [element("h2", {}, "作答记录")];
  if (summary.mastery) {
    const m = summary.mastery;
    lines.push(
      element("p", { "data-mastery": m.mastered ? "mastered" : "progress" }, m.mastered ? `已掌握：最近 ${m.answered} 题答对 ${m.correct} 题。` : `掌握进度：最近 ${m.answered} 题答对 ${m.correct} 题，需要最近 ${m.of} 题中答对 ${m.need} 题。`),
      element("progress", { max: String(m.need), value: String(Math.min(m.correct, m.need)) }),
    );
  } else if (summary.counted) {
    lines.push(element("p", {}, `已计分 ${summary.counted} 次，${COMBINE_TEXT[quiz.combine ?? "highest"]}：${summary.percent}%（${summary.passed ? "通过" : "未通过"}）。`));
  }
  lines.push(element("ol", {}, ...items));
  box.replaceChildren(...lines);
  box.hidden = summary.attempts.length === 0;
}

function start(root) {
  const { quiz, hrefs } = JSON.parse(root.querySelector("script.quiz-data").textContent);
  const version = root.dataset.version; // content hash written at build time
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  const form = root.querySelector(".quiz-form");
  const boxes = new Map([...form.querySelectorAll("[data-question-id]")].map((box) => [box.dataset.questionId, box]));
  const notice = root.querySelector(".quiz-notice");
  const resumeBox = root.querySelector(".quiz-resume");
  const timerLine = root.querySelector("[data-timer]");
  const restart = root.querySelector('[data-action="restart"]');
  const draftKey = `draft:${quiz.id}`;
  let draft = null;
  let presentation = null;
  let waitingToScore = false;
  let submitted = false;
  let timer = null;

  const say = (message) => {
    notice.textContent = message;
    notice.hidden = !message;
  };

  function layOut() {
    presentation = present(quiz, draft.seed);
    const actions = form.querySelector(".quiz-actions");
    for (const box of boxes.values()) {
      box.hidden = true;
      box.disabled = true;
    }
    presentation.questions.forEach((id, index) => {
      const box = boxes.get(id);
      box.hidden = false;
      box.disabled = false;
      box.querySelector(".quiz-number").textContent = `${index + 1}.`;
      form.insertBefore(box, actions);
    });
    for (const [id, keys] of Object.entries(presentation.options)) orderOptions(boxes.get(id), byId.get(id), keys);
    root.dataset.ready = "";
  }

  function clearForm() {
    form.reset();
    for (const box of boxes.values()) {
      delete box.dataset.status;
      box.querySelector(".quiz-feedback").hidden = true;
      box.querySelectorAll(".quiz-hint__text").forEach((hint) => (hint.hidden = true));
    }
    root.querySelector("[data-result]")?.remove();
  }

  function currentAnswers() {
    const answers = {};
    for (const id of presentation.questions) answers[id] = readAnswer(boxes.get(id), byId.get(id));
    return answers;
  }

  function persist() {
    if (submitted) return;
    draft.answers = currentAnswers();
    draft.savedAt = new Date().toISOString();
    const outcome = save(draftKey, draft);
    if (!outcome.ok) say(`作答无法保存在本机（${outcome.reason}）。请勿关闭页面，提交后可看到成绩。`);
  }

  function begin(newDraft) {
    draft = newDraft;
    submitted = false;
    clearForm();
    layOut();
    for (const id of presentation.questions) writeAnswer(boxes.get(id), byId.get(id), draft.answers?.[id]);
    for (const id of draft.hints ?? []) boxes.get(id)?.querySelector(".quiz-hint__text")?.removeAttribute("hidden");
    form.hidden = false;
    resumeBox.hidden = true;
    restart.hidden = true;
    root.querySelector('[data-action="submit"]').hidden = false;
    save(draftKey, draft);
    startTimer();
  }

  const freshDraft = () => ({ version, seed: newSeed(), answers: {}, hints: [], startedAt: new Date().toISOString() });

  // --- Time limit: at zero the answers are locked and submitted as they stand. ---
  function startTimer() {
    clearInterval(timer);
    if (quiz.time_limit == null) return;
    const deadline = Date.parse(draft.startedAt) + quiz.time_limit * 60_000;
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      timerLine.hidden = false;
      timerLine.dataset.secondsLeft = String(left);
      timerLine.textContent = `剩余时间 ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      if (left === 0) {
        clearInterval(timer);
        timerLine.textContent = "时间到，已按当前作答自动交卷。";
        submit(true);
      }
    };
    tick();
    if (!submitted) timer = setInterval(tick, 1000);
  }

  // --- Resume or discard an unfinished attempt. ---
  const stored = loadOrSetAside(draftKey);
  if (stored.setAside) say(`本机保存的草稿无法读取（${stored.reason}），已原样另存，可在学习档案中导出；这次从新作答开始。`);
  const old = stored.value;
  if (old && old.version !== version) {
    save(`draft-old:${quiz.id}:${old.version ?? "unknown"}`, old);
    remove(draftKey);
    say("本机有一份针对旧版本测验的未完成作答，已另行保留，未载入；这次按新版本作答。");
    begin(freshDraft());
  } else if (old && Number.isInteger(old.seed) && Object.entries(old.answers ?? {}).some(([id, given]) => byId.has(id) && isAnswered(byId.get(id), given))) {
    draft = old;
    layOut();
    form.hidden = true;
    const answered = Object.entries(old.answers).filter(([id, given]) => byId.has(id) && isAnswered(byId.get(id), given)).length;
    const when = new Date(old.savedAt ?? old.startedAt).toLocaleString("zh-CN", { hour12: false });
    resumeBox.querySelector(".quiz-resume__text").textContent = `你在 ${when} 做到一半（已答 ${answered} / ${presentation.questions.length} 题）。继续，还是放弃重做？`;
    resumeBox.hidden = false;
  } else {
    begin(old && Number.isInteger(old.seed) ? old : freshDraft());
  }

  resumeBox.querySelector('[data-action="resume"]').addEventListener("click", () => begin(draft));
  resumeBox.querySelector('[data-action="discard"]').addEventListener("click", () => begin(freshDraft()));
  restart.addEventListener("click", () => begin(freshDraft()));
  form.addEventListener("input", persist);
  form.addEventListener("change", persist);
  form.addEventListener("click", (event) => {
    const button = event.target.closest('[data-action="hint"]');
    if (!button) return;
    const box = button.closest("[data-question-id]");
    box.querySelector(".quiz-hint__text").hidden = false;
    if (!draft.hints.includes(box.dataset.questionId)) draft.hints.push(box.dataset.questionId);
    persist();
  });

  // --- Engine and scoring. ---
  const engine = engineFor(root, (state) => {
    if (state.status === "failed") {
      say("评分引擎没能加载，你的作答都已保存在本机，不会丢失。可以点“重试”，或稍后再来提交。");
    } else if (state.status === "ready") {
      refreshHistory();
      if (waitingToScore) {
        waitingToScore = false;
        score();
      }
    }
  });

  async function refreshHistory() {
    const { attempts, setAside } = listAttempts(quiz.id);
    if (setAside.length) say(`本机有 ${setAside.length} 条作答记录已损坏，已原样另存，可在学习档案中导出。`);
    const reply = await engine.call({ op: "history", quiz, attempts });
    if (reply.ok) showHistory(root.querySelector("[data-history]"), quiz, reply.result);
  }

  async function score() {
    const request = { op: "grade", quiz, version, answers: draft.answers, seed: draft.seed, hints: draft.hints };
    const reply = await engine.call(request);
    if (!reply.ok) {
      say(`评分失败：${reply.error.message}`);
      return;
    }
    const { points, max_points, percent, passed } = reply.result;
    const kept = addAttempt({
      id: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`,
      quiz_id: quiz.id,
      version,
      seed: draft.seed,
      answers: draft.answers,
      hints: draft.hints,
      result: { points, max_points, percent, passed },
      started_at: draft.startedAt,
      submitted_at: new Date().toISOString(),
    });
    if (!kept.ok) {
      say(`成绩已算出，但无法保存在本机（${kept.reason}）。草稿仍保留，可稍后再提交一次。`);
    } else {
      remove(draftKey);
      say("");
      await recordMisses(reply.result);
    }
    for (const item of reply.result.questions) showQuestionFeedback(boxes.get(item.id), item, hrefs[item.id]);
    showResult(root, reply.result);
    restart.hidden = false;
    root.querySelector('[data-action="submit"]').hidden = true;
    refreshHistory();
  }

  async function recordMisses(result) {
    await withLock("review", async () => {
      const book = loadOrSetAside("review");
      const request = { op: "review_missed", quiz_id: quiz.id, questions: result.questions, today: today() };
      let movedAside = Boolean(book.setAside);
      let reply = await engine.call({ ...request, state: book.value });
      if (!reply.ok && book.value != null) {
        // Readable JSON the engine does not recognise (another version's format): keep it, start anew.
        movedAside = setAside("review") != null;
        reply = await engine.call({ ...request, state: null });
      }
      if (movedAside) say("原来的错题本无法读取，已原样另存，可在学习档案中导出；新的错题从现在开始记录。");
      if (reply.ok) save("review", reply.result);
    });
  }

  function submit(timeUp = false) {
    if (submitted) return;
    persist();
    submitted = true;
    clearInterval(timer);
    for (const id of presentation.questions) boxes.get(id).disabled = true;
    if (engine.status === "ready") {
      score().catch((error) => say(`评分失败：${error.message}。作答已保存，请重试。`));
    } else {
      waitingToScore = true;
      const why = timeUp ? "时间到，作答已锁定并保存；" : "作答已保存；";
      say(engine.status === "failed" ? `${why}评分引擎没能加载，请点“重试”，加载完成后会自动评分。` : `${why}评分引擎还在加载，加载完成后会自动给出成绩。`);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  engine.start();
}

const root = document.querySelector(".quiz[data-quiz-id]");
if (root) start(root);
