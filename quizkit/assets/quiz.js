// Quiz page. An attempt is a draft on the device — seed, answers, hints used, start time —
// saved on every change; the scoring engine (Pyodide in a module worker) loads meanwhile.
// Submit sends the raw answers and the seed to scoring.api; Python rebuilds the draw from
// the seed and scores. The form works before the engine is ready.

import { isAnswered } from "./answers.js";
import { today } from "./dates.js";
import { sayIn } from "./dom.js";
import { newSeed } from "./draw.js";
import { engineFor } from "./engine-ui.js";
import { QuizForm } from "./quiz-form.js";
import { showHistory, showResult } from "./quiz-results.js";
import { startCountdown } from "./quiz-timer.js";
import { addAttempt, listAttempts, loadOrSetAside, remove, save, setAside, withLock } from "./store.js";

const newAttemptId = () => crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;

class QuizPage {
  constructor(root) {
    const { quiz, hrefs } = JSON.parse(root.querySelector("script.quiz-data").textContent);
    Object.assign(this, { root, quiz, hrefs });
    this.version = root.dataset.version; // content hash written at build time
    this.form = new QuizForm(root, quiz);
    this.say = sayIn(root.querySelector(".quiz-notice"));
    this.resumeBox = root.querySelector(".quiz-resume");
    this.timerLine = root.querySelector("[data-timer]");
    this.restartButton = root.querySelector('[data-action="restart"]');
    this.submitButton = root.querySelector('[data-action="submit"]');
    this.draftKey = `draft:${quiz.id}`;
    this.draft = null;
    this.submitted = false;
    this.waitingToScore = false;
    this.stopTimer = () => {};
    this.engine = engineFor(root, { onState: (state) => this.engineChanged(state) });
  }

  freshDraft() {
    return { version: this.version, seed: newSeed(), answers: {}, hints: [], startedAt: new Date().toISOString() };
  }

  answeredCount(draft) {
    return Object.entries(draft.answers ?? {}).filter(([id, given]) => this.form.byId.has(id) && isAnswered(this.form.byId.get(id), given)).length;
  }

  // --- The attempt's lifecycle: begin (fresh or resumed), save on every change, submit. ---

  begin(draft) {
    this.draft = draft;
    this.submitted = false;
    this.form.clear();
    this.form.layOut(draft.seed);
    this.form.fill(draft.answers, draft.hints ?? []);
    this.form.element.hidden = false;
    this.resumeBox.hidden = true;
    this.restartButton.hidden = true;
    this.submitButton.hidden = false;
    save(this.draftKey, draft);
    this.startTimer();
  }

  // Offers to resume an unfinished attempt, or starts one.
  open() {
    const stored = loadOrSetAside(this.draftKey);
    if (stored.setAside) this.say(`本机保存的草稿无法读取（${stored.reason}），已原样另存，可在学习档案中导出；这次从新作答开始。`);
    const old = stored.value;
    if (old && old.version !== this.version) {
      save(`draft-old:${this.quiz.id}:${old.version ?? "unknown"}`, old);
      remove(this.draftKey);
      this.say("本机有一份针对旧版本测验的未完成作答，已另行保留，未载入；这次按新版本作答。");
      this.begin(this.freshDraft());
    } else if (old && Number.isInteger(old.seed) && this.answeredCount(old) > 0) {
      this.offerResume(old);
    } else {
      this.begin(old && Number.isInteger(old.seed) ? old : this.freshDraft());
    }
  }

  offerResume(old) {
    this.draft = old;
    const shown = this.form.layOut(old.seed);
    this.form.element.hidden = true;
    const when = new Date(old.savedAt ?? old.startedAt).toLocaleString("zh-CN", { hour12: false });
    this.resumeBox.querySelector(".quiz-resume__text").textContent = `你在 ${when} 做到一半（已答 ${this.answeredCount(old)} / ${shown.questions.length} 题）。继续，还是放弃重做？`;
    this.resumeBox.hidden = false;
  }

  persist() {
    if (this.submitted) return;
    this.draft.answers = this.form.answers();
    this.draft.savedAt = new Date().toISOString();
    const outcome = save(this.draftKey, this.draft);
    if (!outcome.ok) this.say(`作答无法保存在本机（${outcome.reason}）。请勿关闭页面，提交后可看到成绩。`);
  }

  useHint(button) {
    const id = this.form.showHint(button);
    if (!this.draft.hints.includes(id)) this.draft.hints.push(id);
    this.persist();
  }

  // At zero the answers are locked and submitted as they stand.
  startTimer() {
    this.stopTimer();
    if (this.quiz.time_limit == null) return;
    const deadline = Date.parse(this.draft.startedAt) + this.quiz.time_limit * 60_000;
    this.stopTimer = startCountdown(this.timerLine, deadline, () => this.submit(true));
  }

  submit(timeUp = false) {
    if (this.submitted) return;
    this.persist();
    this.submitted = true;
    this.stopTimer();
    this.form.lock();
    if (this.engine.status === "ready") {
      this.score().catch((error) => this.say(`评分失败：${error.message}。作答已保存，请重试。`));
      return;
    }
    this.waitingToScore = true;
    const why = timeUp ? "时间到，作答已锁定并保存；" : "作答已保存；";
    this.say(this.engine.status === "failed" ? `${why}评分引擎没能加载，请点“重试”，加载完成后会自动评分。` : `${why}评分引擎还在加载，加载完成后会自动给出成绩。`);
  }

  // --- Scoring, the history of attempts and the wrong-answer book, through the engine. ---

  engineChanged(state) {
    if (state.status === "failed") {
      this.say("评分引擎没能加载，你的作答都已保存在本机，不会丢失。可以点“重试”，或稍后再来提交。");
    } else if (state.status === "ready") {
      this.refreshHistory();
      if (this.waitingToScore) {
        this.waitingToScore = false;
        this.score();
      }
    }
  }

  async score() {
    const { quiz, version, draft } = this;
    const reply = await this.engine.call({ op: "grade", quiz, version, answers: draft.answers, seed: draft.seed, hints: draft.hints });
    if (!reply.ok) {
      this.say(`评分失败：${reply.error.message}`);
      return;
    }
    const { points, max_points, percent, passed } = reply.result;
    const kept = addAttempt({
      id: newAttemptId(),
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
      this.say(`成绩已算出，但无法保存在本机（${kept.reason}）。草稿仍保留，可稍后再提交一次。`);
    } else {
      remove(this.draftKey);
      this.say("");
      await this.recordMisses(reply.result);
    }
    this.form.showFeedback(reply.result.questions, this.hrefs);
    showResult(this.root, reply.result);
    this.restartButton.hidden = false;
    this.submitButton.hidden = true;
    this.refreshHistory();
  }

  async refreshHistory() {
    const { attempts, setAside } = listAttempts(this.quiz.id);
    if (setAside.length) this.say(`本机有 ${setAside.length} 条作答记录已损坏，已原样另存，可在学习档案中导出。`);
    const reply = await this.engine.call({ op: "history", quiz: this.quiz, attempts });
    if (reply.ok) showHistory(this.root.querySelector("[data-history]"), this.quiz, reply.result);
  }

  async recordMisses(result) {
    await withLock("review", async () => {
      const book = loadOrSetAside("review");
      const request = { op: "review_missed", quiz_id: this.quiz.id, questions: result.questions, today: today() };
      let movedAside = Boolean(book.setAside);
      let reply = await this.engine.call({ ...request, state: book.value });
      if (!reply.ok && book.value != null) {
        // Readable JSON the engine does not recognise (another version's format): keep it, start anew.
        movedAside = setAside("review") != null;
        reply = await this.engine.call({ ...request, state: null });
      }
      if (movedAside) this.say("原来的错题本无法读取，已原样另存，可在学习档案中导出；新的错题从现在开始记录。");
      if (reply.ok) save("review", reply.result);
    });
  }

  listen() {
    const form = this.form.element;
    this.resumeBox.querySelector('[data-action="resume"]').addEventListener("click", () => this.begin(this.draft));
    this.resumeBox.querySelector('[data-action="discard"]').addEventListener("click", () => this.begin(this.freshDraft()));
    this.restartButton.addEventListener("click", () => this.begin(this.freshDraft()));
    form.addEventListener("input", () => this.persist());
    form.addEventListener("change", () => this.persist());
    form.addEventListener("click", (event) => {
      const button = event.target.closest('[data-action="hint"]');
      if (button) this.useHint(button);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
  }
}

const root = document.querySelector(".quiz[data-quiz-id]");
if (root) {
  const page = new QuizPage(root);
  page.open();
  page.listen();
  page.engine.start();
}
