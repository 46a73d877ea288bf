// Quiz page. An attempt is a draft on the device — seed, answers, hints used, start time —
// saved on every change; the scoring engine (Pyodide in a module worker) loads meanwhile.
// Submit sends the raw answers and the seed to scoring.api; Python rebuilds the draw from
// the seed and scores. The form works before the engine is ready.
//
// Coming back to a submitted quiz (Back, reload) shows that attempt's result and feedback again,
// read from storage; a new attempt starts only from 再做一次. The browser never refills the form
// (autocomplete="off"): the inputs are set from the draft only, except what the learner ticked or
// typed before this script ran, which goes into the draft.

import { isAnswered } from "./answers.js";
import { today } from "./dates.js";
import { download, element, sayIn } from "./dom.js";
import { newSeed } from "./draw.js";
import { engineFor } from "./engine-ui.js";
import { noteVisit } from "./progress-log.js";
import { QuizForm } from "./quiz-form.js";
import { recountReview, showHistory, showResult, showSavedResult } from "./quiz-results.js";
import { startCountdown } from "./quiz-timer.js";
import { addAttempt, backendName, keys, listAttempts, loadOrSetAside, ready, refresh, remove, save, setAside, withLock } from "./store.js";

const newAttemptId = () => crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;

// Each tab keeps its own draft, draft:<quiz>:<tab id>. Which key this tab writes is kept in
// sessionStorage, per quiz, so a reload keeps it and another tab gets its own. An open tab holds a
// Web Lock on its draft, so no other tab offers it for resume (a duplicated tab, which copies
// sessionStorage, finds the lock taken and starts a key of its own).
function tabDraftKey(quizId, renew = false) {
  const slot = `cadre:draft:${quizId}`;
  const fresh = () => `draft:${quizId}:${newAttemptId().slice(0, 12)}`;
  try {
    let key = renew ? null : sessionStorage.getItem(slot);
    if (!key) {
      key = fresh();
      sessionStorage.setItem(slot, key);
    }
    return key;
  } catch {
    return fresh();
  }
}

function keepTabDraftKey(quizId, key) {
  try {
    sessionStorage.setItem(`cadre:draft:${quizId}`, key);
  } catch {
    // without sessionStorage a reload offers the draft for resume instead
  }
}

const lockName = (key) => `cadre:${key}`;

// Resolves to a release function once this tab holds the lock on `key` (kept until released or
// the page goes), or to null if another tab has it.
function holdDraft(key) {
  if (!navigator.locks?.request) return Promise.resolve(() => {});
  return new Promise((resolve) => {
    navigator.locks.request(lockName(key), { ifAvailable: true }, (lock) => {
      if (!lock) return resolve(null);
      return new Promise((release) => resolve(release));
    });
  });
}

async function heldByOthers() {
  if (!navigator.locks?.query) return new Set();
  const { held } = await navigator.locks.query();
  return new Set(held.map((lock) => lock.name));
}

class QuizPage {
  constructor(root) {
    const { quiz, hrefs, way, versions } = JSON.parse(root.querySelector("script.quiz-data").textContent);
    // The quiz's older scoring versions (answer data from the archive), present only after a key change.
    Object.assign(this, { root, quiz, hrefs, way, olderVersions: versions ?? null });
    // The scoring version written at build time: a hash of what decides scores, kept by wording edits.
    this.version = root.dataset.version;
    // Drafts and attempts saved before scoring versions carry the content hash of the quiz they were made on.
    this.legacyVersion = root.dataset.contentVersion;
    this.form = new QuizForm(root, quiz);
    this.say = sayIn(root.querySelector(".quiz-notice"));
    this.resumeBox = root.querySelector(".quiz-resume");
    this.timerLine = root.querySelector("[data-timer]");
    this.restartButton = root.querySelector('[data-action="restart"]');
    this.submitButton = root.querySelector('[data-action="submit"]');
    this.waitingLine = root.querySelector("[data-waiting]");
    this.unansweredBox = root.querySelector("[data-unanswered]");
    this.shownAttempt = null; // a submitted attempt shown on coming back, re-graded once the engine is ready
    this.draftKey = tabDraftKey(quiz.id);
    this.releaseDraft = () => {}; // lets go of this tab's Web Lock on its draft
    this.draft = null;
    this.submitted = false;
    this.waitingToScore = false;
    this.stopTimer = () => {};
    this.engine = engineFor(root, { onState: (state) => this.engineChanged(state) });
  }

  // Whether a saved draft or attempt scores with this page's answer data.
  madeHere(saved) {
    return saved.version === this.version || (this.legacyVersion != null && saved.version === this.legacyVersion);
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
    this.shownAttempt = null;
    this.waitingLine.hidden = true;
    this.unansweredBox.hidden = true;
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

  // This quiz's drafts on the device, of every tab (draft:<quiz> is the one key earlier versions
  // used). A draft made on another scoring version of the quiz is marked stale: it is listed with
  // its answers and a download, never filled into questions that changed (draft-old:<quiz>:* is
  // where earlier versions of this page hid such drafts; they are listed the same way).
  readDrafts() {
    const drafts = [];
    const mine = `draft:${this.quiz.id}`;
    const ours = (k) => k === mine || k.startsWith(`${mine}:`) || k.startsWith(`draft-old:${this.quiz.id}:`);
    for (const key of [...keys("draft:"), ...keys("draft-old:")].filter(ours)) {
      const stored = loadOrSetAside(key);
      if (stored.setAside) this.say(`本机保存的草稿无法读取（${stored.reason}），已原样另存，可在学习档案中导出；这次从新作答开始。`);
      const old = stored.value;
      if (!old || typeof old !== "object") continue;
      if (key.startsWith("draft-old:") || !this.madeHere(old)) drafts.push({ key, draft: old, stale: true });
      else if (Number.isInteger(old.seed)) drafts.push({ key, draft: old, stale: false });
    }
    return drafts;
  }

  // Answers given before the script ran go into this tab's draft; otherwise offers every unfinished
  // draft no open tab is working on, shows the last submitted attempt, or starts one.
  async open() {
    noteVisit(this.quiz.title);
    this.releaseDraft = await holdDraft(this.draftKey);
    if (!this.releaseDraft) {
      this.draftKey = tabDraftKey(this.quiz.id, true);
      this.releaseDraft = (await holdDraft(this.draftKey)) ?? (() => {});
    }
    const held = await heldByOthers();
    // Read after every wait above: a learner may tick answers while the locks are asked for.
    const early = this.form.given();
    const all = this.readDrafts().filter(({ key }) => key === this.draftKey || !held.has(lockName(key)));
    const stale = all.filter((d) => d.stale && Object.keys(d.draft.answers ?? {}).length);
    const free = all.filter((d) => !d.stale);
    const mine = free.find(({ key }) => key === this.draftKey)?.draft ?? null;
    const unfinished = free.filter(({ draft }) => this.answeredCount(draft) > 0);
    unfinished.sort((a, b) => String(b.draft.savedAt ?? b.draft.startedAt).localeCompare(String(a.draft.savedAt ?? a.draft.startedAt)));
    const last = this.lastSubmitted(mine ?? unfinished[0]?.draft ?? null);
    if (Object.keys(early).length) {
      this.beginWith(mine ?? this.freshDraft(), early);
    } else if (unfinished.length || stale.length) {
      this.offerResume(unfinished, stale);
    } else if (last) {
      this.showSubmitted(last);
    } else {
      // An empty draft (a seed drawn, nothing answered) is taken over as it is, so reopening a timed
      // quiz keeps its start time; other empty drafts hold nothing the learner made and go.
      // The one draft of earlier versions (draft:<quiz>, before drafts were per tab) goes first.
      const empties = free.filter(({ key, draft }) => key !== this.draftKey && this.answeredCount(draft) === 0);
      const legacy = empties.find(({ key }) => key === `draft:${this.quiz.id}`);
      const empty = legacy ?? (mine ? null : empties[0]);
      const ownKey = this.draftKey;
      if (empty && !(await this.adopt(empty.key))) empty.draft = null;
      for (const { key } of mine ? [...empties, { key: ownKey }] : empties) if (key !== this.draftKey) remove(key);
      this.beginWith(empty?.draft ?? mine ?? this.freshDraft(), this.form.given());
    }
  }

  // Begins with the answers the static form already holds (ticked before the script took over).
  // The page is laid out as the static HTML was (no draw hides questions before the script runs).
  beginWith(draft, given) {
    this.begin(Object.keys(given).length ? { ...draft, answers: { ...draft.answers, ...given } } : draft);
  }

  // Takes over another tab's draft (closed, or from before a restart): its key becomes this tab's.
  async adopt(key) {
    if (key === this.draftKey) return true;
    const release = await holdDraft(key);
    if (!release) return false;
    this.releaseDraft();
    this.releaseDraft = release;
    this.draftKey = key;
    keepTabDraftKey(this.quiz.id, key);
    return true;
  }

  // The last attempt submitted on this version, unless a draft was started after it (再做一次).
  lastSubmitted(draft) {
    const { attempts, setAside } = listAttempts(this.quiz.id);
    // Listing sets damaged records aside (once): say so here, the history will not see them again.
    if (setAside.length) this.say(`本机有 ${setAside.length} 条作答记录已损坏，已原样另存，可在学习档案中导出。`);
    const mine = attempts.filter((a) => this.madeHere(a) && Number.isInteger(a.seed));
    const last = mine.at(-1);
    if (!last || (draft && String(draft.startedAt) > String(last.submitted_at))) return null;
    return last;
  }

  // The submitted attempt as it was: its answers (locked), its score at once, its feedback once graded.
  showSubmitted(attempt) {
    this.draft = null;
    this.submitted = true;
    this.shownAttempt = attempt;
    this.form.clear();
    this.form.layOut(attempt.seed);
    this.form.fill(attempt.answers, attempt.hints ?? []);
    this.form.lock();
    this.form.element.hidden = false;
    this.resumeBox.hidden = true;
    this.submitButton.hidden = true;
    this.restartButton.hidden = false;
    if (attempt.result) showSavedResult(this.root, attempt.result, this.way);
    if (this.engine.status === "ready") this.regrade();
  }

  async regrade() {
    const attempt = this.shownAttempt;
    const reply = await this.engine.call({ op: "grade", quiz: this.quiz, version: attempt.version, answers: attempt.answers, seed: attempt.seed, hints: attempt.hints ?? [] });
    if (!reply.ok || this.shownAttempt !== attempt) return;
    this.form.showFeedback(reply.result.questions, this.hrefs);
    showResult(this.root, reply.result, { focus: false, way: this.way });
  }

  // Every unfinished draft, each [data-draft] with its own 继续作答 and 放弃; discarding one
  // deletes only that one, and the last discard starts a fresh attempt.
  offerResume(drafts, stale = []) {
    this.form.element.hidden = true;
    const items = drafts.map(({ key, draft }) => {
      const shown = this.form.layOut(draft.seed);
      const when = new Date(draft.savedAt ?? draft.startedAt).toLocaleString("zh-CN", { hour12: false });
      const resume = element("button", { type: "button", class: "md-button md-button--primary", "data-action": "resume" }, "继续作答");
      const discard = element("button", { type: "button", class: "md-button", "data-action": "discard" }, "放弃，重新开始");
      const item = element(
        "div",
        { class: "quiz-resume__draft", "data-draft": key },
        element("p", { class: "quiz-resume__text" }, `你在 ${when} 做到一半（已答 ${this.answeredCount(draft)} / ${shown.questions.length} 题）。继续，还是放弃重做？`),
        resume,
        " ",
        discard,
      );
      resume.addEventListener("click", async () => {
        if (await this.adopt(key)) this.begin(draft);
        else this.say("这份作答正在另一个标签页中进行，请在那里继续。");
      });
      discard.addEventListener("click", async () => {
        await remove(key);
        item.remove();
        if (!this.resumeBox.querySelector("[data-draft]")) this.begin(this.freshDraft());
      });
      return item;
    });
    const startNew = element("button", { type: "button", class: "md-button md-button--primary", "data-action": "start-new" }, "按新版本开始作答");
    startNew.addEventListener("click", () => this.begin(this.freshDraft()));
    const staleItems = stale.map((found) => this.staleDraftItem(found));
    this.resumeBox.replaceChildren(...items, ...staleItems, ...(items.length ? [] : [startNew]));
    this.resumeBox.hidden = false;
  }

  // A draft made before the quiz changed in what decides a score: shown with its answers as text,
  // with a download and a discard, never filled into the changed questions.
  staleDraftItem({ key, draft }) {
    const when = new Date(draft.savedAt ?? draft.startedAt).toLocaleString("zh-CN", { hour12: false });
    const numbers = new Map(this.quiz.questions.map((q, i) => [q.id, i + 1]));
    const lines = Object.entries(draft.answers ?? {}).map(([id, given]) => {
      const where = numbers.has(id) ? `第 ${numbers.get(id)} 题（${id}）` : `已删除的题（${id}）`;
      return element("li", {}, `${where}：${typeof given === "string" ? given : JSON.stringify(given)}`);
    });
    const keep = element("button", { type: "button", class: "md-button", "data-action": "download-draft" }, "下载这份作答");
    const discard = element("button", { type: "button", class: "md-button", "data-action": "discard" }, "放弃这份作答");
    const item = element(
      "div",
      { class: "quiz-resume__draft", "data-draft": key, "data-stale": "" },
      element("p", { class: "quiz-resume__text" }, `你在 ${when} 做到一半的作答（${lines.length} 题有答案）是在本测验更新之前做的；题目或答案已有改动，这份作答不能接着在新版本上提交，也没有自动填入。你当时的答案：`),
      element("ul", { class: "quiz-resume__answers" }, ...lines),
      keep,
      " ",
      discard,
    );
    keep.addEventListener("click", () =>
      download(JSON.stringify({ format: "cadre-old-draft", quiz_id: this.quiz.id, key, draft }, null, 1), `旧版本作答-${this.quiz.id}-${today()}.json`),
    );
    discard.addEventListener("click", async () => {
      if (!(await remove(key)).ok) return;
      item.remove();
      if (!this.resumeBox.querySelector("[data-draft]")) this.begin(this.freshDraft());
    });
    return item;
  }

  // The answers as they stand go into the draft at once; the returned promise says whether they
  // reached the disk (a committed transaction), and only then may the page call them saved.
  async persist() {
    if (this.submitted) return { ok: false, reason: "已提交" };
    this.draft.answers = this.form.answers();
    this.draft.savedAt = new Date().toISOString();
    const outcome = await save(this.draftKey, this.draft);
    if (!outcome.ok) this.say(`作答无法保存在本机（${outcome.reason}）。请勿关闭页面，提交后可看到成绩。`);
    return outcome;
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

  // Unanswered questions are named first (返回作答 / 仍然提交), except when time is up.
  async submit(timeUp = false, anyway = false) {
    if (this.submitted) return;
    const blank = this.form.unansweredNumbers();
    if (!timeUp && !anyway && blank.length) {
      this.unansweredBox.querySelector(".quiz-unanswered__text").textContent =
        `第 ${blank.map(([, n]) => n).join("、")} 题还没有作答（共 ${blank.length} 题）。没答的题不得分，也不记入错题本。`;
      this.unansweredBox.dataset.unanswered = blank.map(([id]) => id).join(" ");
      this.unansweredBox.hidden = false;
      this.unansweredBox.scrollIntoView({ block: "nearest" });
      return;
    }
    this.unansweredBox.hidden = true;
    const saving = this.persist();
    this.submitted = true;
    this.stopTimer();
    this.form.lock();
    const saved = (await saving).ok;
    this.draftSaved = saved;
    if (this.engine.status === "ready") {
      this.score().catch((error) => this.say(`评分失败：${error.message}。${saved ? "作答已保存，" : ""}请重试。`));
      return;
    }
    this.waitingToScore = true;
    if (saved) this.waitingWhy = timeUp ? "时间到，作答已锁定并保存。" : "作答已保存。";
    else this.waitingWhy = timeUp ? "时间到，作答已锁定（但没能保存在本机，请勿关闭页面）。" : "作答没能保存在本机，请勿关闭页面。";
    this.showWaiting({ status: this.engine.status, percent: null, text: "" });
  }

  // The line at the submit button while a submitted attempt waits for the engine: progress, or retry.
  showWaiting(state) {
    const failed = state.status === "failed";
    const progress = state.percent != null ? `（已完成 ${Math.round(state.percent)}%）` : "";
    this.waitingLine.querySelector(".quiz-waiting__text").textContent = failed
      ? `${this.waitingWhy}评分程序没能加载，请点“重试”；加载完成后自动给出成绩。`
      : `${this.waitingWhy}评分程序还在加载${progress}，加载完成后自动给出成绩。`;
    this.waitingLine.dataset.state = failed ? "failed" : "loading";
    const retry = this.waitingLine.querySelector('[data-action="retry-score"]');
    const shownBefore = !this.waitingLine.hidden && retry.hidden === !failed;
    retry.hidden = !failed;
    this.waitingLine.hidden = false;
    // Where the learner's thumb is: scrolled to once, and again when the retry appears.
    if (!shownBefore) this.waitingLine.scrollIntoView({ block: "nearest" });
  }

  backToAnswer() {
    this.unansweredBox.hidden = true;
    const first = this.unansweredBox.dataset.unanswered?.split(" ")[0];
    const box = first && this.form.box(first);
    if (!box) return;
    box.scrollIntoView({ block: "center" });
    box.querySelector("input, select, textarea")?.focus({ preventScroll: true });
  }

  // --- Scoring, the history of attempts and the wrong-answer book, through the engine. ---

  engineChanged(state) {
    if (this.waitingToScore && state.status !== "ready") this.showWaiting(state);
    if (state.status === "failed") {
      this.say("评分程序没能加载，你的作答都已保存在本机，不会丢失。可以点“重试”，或稍后再来提交。");
    } else if (state.status === "ready") {
      this.refreshHistory();
      if (this.shownAttempt) this.regrade();
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
    const attempt = {
      id: newAttemptId(),
      quiz_id: quiz.id,
      version,
      fingerprints: reply.result.fingerprints,
      seed: draft.seed,
      answers: draft.answers,
      hints: draft.hints,
      result: { points, max_points, percent, passed },
      started_at: draft.startedAt,
      submitted_at: new Date().toISOString(),
    };
    const kept = await addAttempt(attempt);
    // The wrong-answer book is written before the score shows: a learner who taps 错题本 at once finds them there.
    if (kept.ok) await this.keepMisses(reply.result);
    this.waitingLine.hidden = true;
    this.form.showFeedback(reply.result.questions, this.hrefs);
    showResult(this.root, reply.result, { way: this.way });
    this.submitButton.hidden = true;
    if (kept.ok) this.afterSaved();
    else this.keepUnsaved(attempt, reply.result, kept.reason);
  }

  // The attempt is kept: its draft goes and its misses go into the wrong-answer book.
  async keepMisses(result) {
    await remove(this.draftKey);
    this.say("");
    try {
      await this.recordMisses(result);
    } catch (error) {
      this.say(`错题本没能更新（${error?.message ?? error}），成绩已保存。`);
    }
  }

  afterSaved() {
    this.restartButton.hidden = false;
    recountReview(this.root);
    this.refreshHistory();
  }

  // A scored attempt the device refused stays on the page: the message says what exists and what
  // does not, a button downloads it as a file (the ledger page imports it), and saving is tried
  // again every few seconds until space returns. 再做一次 waits until it is kept.
  keepUnsaved(attempt, result, reason) {
    this.restartButton.hidden = true;
    const draft = this.draftSaved ? "作答草稿还在本机，" : "这次的作答也没能存进本机，请勿关闭页面，";
    const button = element("button", { type: "button", class: "md-button md-button--primary", "data-action": "download-attempt" }, "下载这次作答");
    button.addEventListener("click", () =>
      download(JSON.stringify({ format: "cadre-unsaved-attempt", attempt }, null, 1), `未保存的作答-${attempt.quiz_id}-${today()}.json`),
    );
    const text = `成绩已算出，但无法保存在本机（${reason}）。${draft}可先点“下载这次作答”存成文件（可在学时台账页导入）；腾出存储空间后本页会自动保存。`;
    const notice = this.root.querySelector(".quiz-notice");
    notice.replaceChildren(element("span", {}, text), " ", button);
    notice.hidden = false;
    notice.dataset.unsaved = attempt.id;
    const retry = setInterval(async () => {
      if (!(await addAttempt(attempt)).ok) return;
      clearInterval(retry);
      delete notice.dataset.unsaved;
      await this.keepMisses(result);
      this.afterSaved();
      this.say("成绩已保存在本机。");
    }, 3000);
  }

  async refreshHistory() {
    const { attempts, setAside } = listAttempts(this.quiz.id);
    if (setAside.length) this.say(`本机有 ${setAside.length} 条作答记录已损坏，已原样另存，可在学习档案中导出。`);
    // Older versions go to the engine only when an attempt was made under one (they are parsed and checked there).
    const older = attempts.some((a) => a?.version !== this.version && a?.version !== this.legacyVersion);
    const request = { op: "history", quiz: this.quiz, attempts };
    if (older && this.olderVersions) request.versions = this.olderVersions;
    const reply = await this.engine.call(request);
    if (reply.ok) showHistory(this.root.querySelector("[data-history]"), this.quiz, reply.result);
  }

  async recordMisses(result) {
    await withLock("review", async () => {
      await refresh("review"); // another tab may have changed the book
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
      if (reply.ok) await save("review", reply.result);
    });
  }

  listen() {
    const form = this.form.element;
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
    this.unansweredBox.querySelector('[data-action="submit-anyway"]').addEventListener("click", () => this.submit(false, true));
    this.unansweredBox.querySelector('[data-action="back-to-answer"]').addEventListener("click", () => this.backToAnswer());
    this.waitingLine.querySelector('[data-action="retry-score"]').addEventListener("click", () => this.engine.start());
  }
}

const root = document.querySelector(".quiz[data-quiz-id]");
if (root) {
  await ready();
  const page = new QuizPage(root);
  if (backendName() === "none") page.say("这个浏览器不允许本站在本机保存数据（可能是无痕模式或关闭了网站数据），关闭页面后作答不会保留。仍可作答并看到成绩。");
  await page.open();
  page.listen();
  page.engine.start();
}
