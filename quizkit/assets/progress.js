// Progress on the pages that list modules and on the home page, read from the device:
// - every [data-quiz-status] row gets none / failed / passed and says 未做 / 未通过 / 已通过;
// - [data-area-progress] says 已通过 n / m 个模块 for the rows of its area;
// - a module page ([data-module-quiz]) is noted as the last place studied;
// - the home page's lines: 今日一练 (未做 / 已完成，答对 4/5 题) and 继续上次学习.

import { today } from "./dates.js";
import { loadDay } from "./daily-log.js";
import { lastPlace, noteVisit, quizStatus, STATUS_TEXT } from "./progress-log.js";
import { ready } from "./store.js";

// The device's records are read once they are open (IndexedDB opens asynchronously).
await ready();

for (const row of document.querySelectorAll("[data-quiz-status][data-quiz-id]")) {
  const status = quizStatus(row.dataset.quizId);
  row.dataset.quizStatus = status;
  const label = row.querySelector(".quiz-status");
  if (label) label.textContent = STATUS_TEXT[status];
}

for (const line of document.querySelectorAll("[data-area-progress]")) {
  const rows = document.querySelectorAll(`[data-quiz-status][data-area="${CSS.escape(line.dataset.areaProgress)}"]`);
  // A module may be listed in two tables of its area: counted once.
  const statuses = new Map([...rows].map((row) => [row.dataset.quizId, row.dataset.quizStatus]));
  const passed = [...statuses.values()].filter((status) => status === "passed").length;
  line.dataset.passed = String(passed);
  line.dataset.total = String(statuses.size);
  line.textContent = `已通过 ${passed} / ${statuses.size} 个模块`;
  line.hidden = false;
}

const module = document.querySelector("[data-module-quiz]");
if (module) {
  // The heading's own text, without its permalink (¶).
  const heading = document.querySelector(".md-content h1")?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  noteVisit(heading?.textContent.trim() || document.title);
}

const todayLine = document.querySelector("[data-daily-today]");
if (todayLine) {
  const day = loadDay(today());
  todayLine.dataset.dailyToday = day ? "done" : "todo";
  todayLine.querySelector(".daily-today__state").textContent = day ? `：已完成，答对 ${day.result.correct}/${day.result.count} 题` : "：未做";
}

const continueLine = document.querySelector("[data-continue]");
if (continueLine) {
  const quizzes = JSON.parse(continueLine.querySelector("script").textContent);
  const place = lastPlace(quizzes);
  if (place) {
    const link = continueLine.querySelector("a");
    link.href = place.href;
    link.textContent = place.title;
    continueLine.dataset.continue = place.draft ? "draft" : "page";
    continueLine.querySelector(".continue__what").textContent = place.draft ? "（有未提交的作答）" : "";
    continueLine.hidden = false;
  }
}
