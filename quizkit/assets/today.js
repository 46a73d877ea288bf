// The home page's one line for today's 每日一练, read from the device: 未做, or 已完成 4/5.

import { today } from "./dates.js";
import { loadDay } from "./daily-log.js";

const line = document.querySelector("[data-daily-today]");
if (line) {
  const day = loadDay(today());
  line.dataset.dailyToday = day ? "done" : "todo";
  line.querySelector(".daily-today__state").textContent = day ? `：已完成 ${day.result.correct}/${day.result.count}` : "：未做";
}
