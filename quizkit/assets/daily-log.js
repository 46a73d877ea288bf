// 每日一练 days on the device: one key per day (daily:<YYYY-MM-DD>), written once when the day's set
// is submitted (the page checks under a lock that no other tab did first). The streak and the
// calendar are read from them.

import { element } from "./dom.js";
import { keys, load, save } from "./store.js";

const DAY_KEY = /^daily:(\d{4}-\d{2}-\d{2})$/;

export const dayKey = (isoDate) => `daily:${isoDate}`;

// Whole days on ISO dates, in UTC so a daylight-saving change never skips or repeats a day.
export function addDays(isoDate, days) {
  const time = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

export function loadDay(isoDate) {
  const { value } = load(dayKey(isoDate));
  return value && typeof value === "object" && value.result ? value : null;
}

export function saveDay(day) {
  return save(dayKey(day.date), day);
}

// Every date with a submitted set, sorted.
export function doneDates() {
  return keys("daily:")
    .map((key) => DAY_KEY.exec(key)?.[1])
    .filter((date) => date != null && loadDay(date) != null);
}

// Days in a row up to today; a streak not yet continued today still counts until the day is over.
export function streakOf(dates, today) {
  const done = new Set(dates);
  let day = done.has(today) ? today : addDays(today, -1);
  let count = 0;
  while (done.has(day)) {
    count += 1;
    day = addDays(day, -1);
  }
  return count;
}

const WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];

// The month of `today` as a table, Monday first; a day done carries data-done and a tick.
export function calendar(dates, today) {
  const done = new Set(dates);
  const [year, month] = today.split("-").map(Number);
  const first = `${today.slice(0, 8)}01`;
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells = Array.from({ length: lead }, () => element("td", {}));
  for (let n = 1; n <= length; n++) {
    const date = `${today.slice(0, 8)}${String(n).padStart(2, "0")}`;
    const attributes = { "data-date": date, "aria-label": `${month}月${n}日${done.has(date) ? "，已做" : ""}` };
    if (done.has(date)) attributes["data-done"] = "";
    if (date === today) attributes["aria-current"] = "date";
    cells.push(element("td", attributes, String(n)));
  }
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(element("tr", {}, ...cells.slice(i, i + 7)));
  return element(
    "table",
    { class: "daily-calendar__month" },
    element("caption", {}, `${year}年${month}月`),
    element("thead", {}, element("tr", {}, ...WEEKDAYS.map((name) => element("th", { scope: "col" }, name)))),
    element("tbody", {}, ...rows),
  );
}
