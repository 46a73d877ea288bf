// 每日一练 page. The date's five questions are drawn here (dailyDraw, the same as scoring/daily.py)
// and taken from their quiz pages, as the 错题本 takes them; they are then one small quiz whose seed
// is the date, scored by the engine like any quiz. Missed questions go into the 错题本 under the
// quiz they are written in. The day is kept on the device (daily-log.js); there is no 学时 for it.

import { today } from "./dates.js";
import { addDays, calendar, dayKey, doneDates, loadDay, saveDay, streakOf } from "./daily-log.js";
import { sayIn } from "./dom.js";
import { dailyDraw } from "./draw.js";
import { engineFor } from "./engine-ui.js";
import { QuizForm } from "./quiz-form.js";
import { showResult, showSavedResult } from "./quiz-results.js";
import { backendName, load, loadOrSetAside, ready, refresh, remove, save, setAside, withLock } from "./store.js";

const DRAFT_KEY = "draft:daily";

class DailyPage {
  constructor(root) {
    Object.assign(this, JSON.parse(root.querySelector("script.daily-data").textContent)); // pool, quizzes, reviewHref
    this.root = root;
    this.date = today();
    this.seed = Number(this.date.replaceAll("-", ""));
    this.status = root.querySelector("[data-daily-status]");
    this.say = sayIn(root.querySelector(".quiz-notice"));
    this.formElement = root.querySelector(".quiz-form");
    this.submitButton = root.querySelector('[data-action="submit"]');
    this.form = null;
    this.day = loadDay(this.date);
    this.engine = engineFor(root, { onState: (state) => this.engineChanged(state) });
  }

  // Each quiz page once: its questions' data, their HTML and their 查看讲解 links.
  async quizPage(quizId) {
    const url = new URL(this.quizzes[quizId], document.baseURI);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const data = JSON.parse(html.querySelector("script.quiz-data").textContent);
    return { url, html, data };
  }

  async open() {
    this.root.querySelector("[data-daily-date]").textContent = `${this.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日")} · 第 ${this.seed} 号题组`;
    const saved = load(DRAFT_KEY).value;
    const draft = saved?.date === this.date ? saved : null;
    // A submitted day and a draft are laid out with the questions they were made of: a site published
    // since may draw other ones for the date (any question added to any quiz changes the draw).
    const todays = dailyDraw(this.pool, this.date);
    const drawn = this.itemsFor(this.day ? this.day.questions : draft?.questions, todays) ?? todays;
    this.drawn = drawn;
    const pages = new Map();
    try {
      for (const quizId of new Set(drawn.map((item) => item.quiz))) pages.set(quizId, await this.quizPage(quizId));
    } catch (error) {
      this.status.textContent = `今天的题目所在的测验页打不开（${error.message}），请联网后再试。`;
      return;
    }
    const questions = [];
    this.hrefs = {};
    this.sources = {};
    const actions = this.formElement.querySelector(".quiz-actions");
    for (const item of drawn) {
      const page = pages.get(item.quiz);
      const question = page.data.quiz.questions.find((q) => q.id === item.id);
      const source = page.html.querySelector(`[data-question-id="${CSS.escape(item.id)}"]`);
      if (!question || !source) continue;
      const box = document.importNode(source, true);
      box.querySelector(".quiz-hint")?.remove();
      box.dataset.fromQuiz = item.quiz;
      const from = document.createElement("p");
      from.className = "daily-from";
      from.textContent = `出自：${page.data.quiz.title}`;
      box.querySelector(".quiz-feedback").before(from);
      this.formElement.insertBefore(box, actions);
      questions.push(question);
      this.sources[item.id] = item.quiz;
      if (page.data.hrefs[item.id]) this.hrefs[item.id] = new URL(page.data.hrefs[item.id], page.url).href;
    }
    // One small quiz, nothing shuffled but ordering items (by the date's seed, as on any quiz page).
    this.quiz = { id: `daily-${this.date}`, title: "每日一练", area: "综合", pass_mark: 60, description: "", questions };
    this.form = new QuizForm(this.root, this.quiz);
    this.form.layOut(this.seed);
    this.formElement.hidden = false;
    if (this.day) {
      this.showDay(this.day, "今天已完成");
    } else {
      if (draft) this.form.fill(draft.answers ?? {});
      this.status.textContent = `今天的 ${questions.length} 道题，做完点“提交并评分”。`;
    }
    this.showStreak();
  }

  // The pool's items for question ids (today's draw first where an id is in several quizzes), or
  // null where there are none or one is no longer in the pool.
  itemsFor(ids, todays) {
    if (!Array.isArray(ids) || !ids.length) return null;
    const items = ids.map((id) => todays.find((item) => item.id === id) ?? this.pool.find((item) => item.id === id));
    return items.every(Boolean) ? items : null;
  }

  // A submitted day, answers locked and its saved result shown, scored again once the engine is
  // ready unless one of its questions is gone (then the saved result stands as it was).
  showDay(day, lead) {
    this.dayChanged = Array.isArray(day.questions) && this.quiz.questions.map((q) => q.id).join() !== day.questions.join();
    const changed = this.dayChanged ? "（网站更新后，你今天做的题有的已不在题库里，这里是提交时的成绩）" : "";
    this.form.fill(day.answers);
    this.form.lock();
    this.submitButton.hidden = true;
    showSavedResult(this.root, day.result, { review: this.reviewHref });
    this.status.textContent = `${lead}：答对 ${day.result.correct} / ${day.result.count} 题${changed}。明天再来。`;
    if (this.engine.status === "ready") this.regrade();
  }

  showStreak() {
    const dates = doneDates();
    const streak = streakOf(dates, this.date);
    const box = this.root.querySelector("[data-streak]");
    box.dataset.streak = String(streak);
    box.dataset.days = String(dates.length);
    const todayDone = dates.includes(this.date);
    const keepUp = !todayDone && dates.includes(addDays(this.date, -1)) ? "，今天做完就能接上" : "";
    box.querySelector(".daily-streak__text").textContent =
      streak > 0 ? `已连续 ${streak} 天${keepUp}，共做了 ${dates.length} 天。` : dates.length ? `共做了 ${dates.length} 天。今天做完，重新开始连续。` : "还没有做过。每天做一组，这里会记下来。";
    this.root.querySelector("[data-daily-calendar]").replaceChildren(calendar(dates, this.date));
    box.hidden = false;
  }

  engineChanged(state) {
    if (state.status === "failed") this.say("评分程序没能加载，你的作答都已保存在本机，不会丢失。可以点“重试”，或稍后再来提交。");
    else if (state.status === "ready") {
      this.say("");
      if (this.day && this.form) this.regrade();
      if (this.waiting) {
        this.waiting = false;
        this.score();
      }
    }
  }

  grade(answers) {
    return this.engine.call({ op: "grade", quiz: this.quiz, answers, seed: this.seed, hints: [] });
  }

  async regrade() {
    if (this.dayChanged) return;
    const reply = await this.grade(this.day.answers);
    if (!reply.ok) return;
    this.form.showFeedback(reply.result.questions, this.hrefs);
    showResult(this.root, reply.result, { focus: false, way: { review: this.reviewHref } });
  }

  // Writes are queued in one IndexedDB store, so they commit in the order made: the last one wins.
  persist() {
    if (!this.day && this.form) return save(DRAFT_KEY, { date: this.date, questions: this.quiz.questions.map((q) => q.id), answers: this.form.answers() });
    return Promise.resolve({ ok: true });
  }

  async submit() {
    if (this.day || !this.form) return;
    this.form.lock();
    this.submitButton.disabled = true;
    const kept = await this.persist();
    if (this.engine.status === "ready") this.score();
    else {
      this.waiting = true;
      // Said saved only once the draft has committed.
      this.status.textContent = `${kept.ok ? "作答已保存。" : "作答没能存进本机，请勿关闭页面。"}评分程序还在加载，加载完成后自动给出成绩。`;
    }
  }

  async score() {
    const answers = this.form.answers();
    const reply = await this.grade(answers);
    if (!reply.ok) {
      this.say(`评分失败：${reply.error.message}`);
      return;
    }
    const { points, max_points, percent, passed, questions } = reply.result;
    const correct = questions.filter((q) => q.status === "correct").length;
    const day = {
      date: this.date,
      seed: this.seed,
      questions: this.quiz.questions.map((q) => q.id),
      answers,
      result: { points, max_points, percent, passed, correct, count: questions.length },
      submitted_at: new Date().toISOString(),
    };
    const kept = await this.keepDay(day);
    if (kept.earlier) return this.showEarlier(kept.earlier);
    if (!kept.ok) this.keepUnsaved(day, questions, kept.reason);
    else {
      this.day = day;
      await remove(DRAFT_KEY);
      await this.recordMisses(questions);
    }
    this.submitButton.hidden = true;
    this.form.showFeedback(questions, this.hrefs);
    showResult(this.root, reply.result, { way: { review: this.reviewHref } });
    this.status.textContent = `今天已完成：答对 ${correct} / ${questions.length} 题。`;
    this.showStreak();
  }

  // A day is submitted once: another tab of this page may have submitted it since this one opened,
  // and that day stays (checked and written under one lock, so two tabs cannot both write it).
  keepDay(day) {
    const key = dayKey(day.date);
    return withLock(key, async () => {
      await refresh(key);
      const earlier = loadDay(day.date);
      return earlier ? { ok: true, earlier } : saveDay(day);
    });
  }

  // The day another tab submitted, shown as on coming back; this tab's answers were not scored into it.
  async showEarlier(earlier) {
    this.day = earlier;
    await remove(DRAFT_KEY);
    this.form.clear();
    this.form.layOut(this.seed);
    this.showDay(earlier, "今天的题已在另一个页面提交过，成绩以那次为准");
    this.showStreak();
  }

  // The day's score is shown but the device refused it: the draft stays, and the day is tried again
  // every 3 s until space returns (as a quiz's attempt is).
  keepUnsaved(day, questions, reason) {
    this.say(`成绩已算出，但无法保存在本机（${reason}）。作答草稿还在本机；腾出存储空间后本页会自动保存。`);
    const retry = setInterval(async () => {
      const kept = await this.keepDay(day);
      if (kept.earlier) {
        clearInterval(retry);
        this.say("");
        this.showEarlier(kept.earlier);
        return;
      }
      if (!kept.ok) return;
      clearInterval(retry);
      this.day = day;
      await remove(DRAFT_KEY);
      await this.recordMisses(questions);
      this.say("今天的成绩已保存在本机。");
      this.showStreak();
    }, 3000);
  }

  // Missed questions into the 错题本, under the quiz each is written in (where the book finds it).
  async recordMisses(results) {
    const byQuiz = new Map();
    for (const item of results) {
      const quizId = this.sources[item.id];
      if (!byQuiz.has(quizId)) byQuiz.set(quizId, []);
      byQuiz.get(quizId).push(item);
    }
    await withLock("review", async () => {
      await refresh("review"); // another tab may have changed the book
      let book = loadOrSetAside("review");
      let state = book.value;
      for (const [quizId, questions] of byQuiz) {
        const request = { op: "review_missed", quiz_id: quizId, questions, today: this.date };
        let reply = await this.engine.call({ ...request, state });
        if (!reply.ok && state != null) {
          setAside("review");
          this.say("原来的错题本无法读取，已原样另存，可在学习档案中导出；新的错题从现在开始记录。");
          reply = await this.engine.call({ ...request, state: null });
        }
        if (reply.ok) state = reply.result;
      }
      if (state != null) await save("review", state);
      book = null;
    });
  }

  listen() {
    this.formElement.addEventListener("input", () => this.persist());
    this.formElement.addEventListener("change", () => this.persist());
    this.formElement.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
  }
}

const root = document.querySelector("[data-daily]");
if (root) {
  await ready();
  const page = new DailyPage(root);
  if (backendName() === "none") page.say("这个浏览器不允许本站在本机保存数据（可能是无痕模式或关闭了网站数据），关闭页面后作答不会保留。仍可作答并看到成绩。");
  page.listen();
  page.engine.start();
  page.open();
}
