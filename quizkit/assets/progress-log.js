// The learner's progress as the pages show it, read from the device: a module's status from its
// attempts (passed once any attempt passed, as the 学时 tally counts it), and the last page studied.

import { keys, listAttempts, load, save } from "./store.js";

const LAST_KEY = "progress:last";

// "none" (no attempt), "failed" (attempts, none passed) or "passed".
export function quizStatus(quizId) {
  const { attempts } = listAttempts(quizId);
  if (attempts.length === 0) return "none";
  return attempts.some((attempt) => attempt.result?.passed === true) ? "passed" : "failed";
}

export const STATUS_TEXT = { none: "未做", failed: "未通过", passed: "已通过" };

// A module or quiz page the learner opened: where 继续上次学习 goes back to.
export function noteVisit(title) {
  return save(LAST_KEY, { path: location.pathname, title, at: new Date().toISOString() });
}

// The page to go back to: an unfinished attempt (a draft with answers) saved after the last visit
// wins, since that is where the learner stopped; otherwise the last page opened.
export function lastPlace(quizzes) {
  const visit = load(LAST_KEY).value;
  let best = visit?.path ? { href: visit.path, title: visit.title, at: String(visit.at), draft: false } : null;
  for (const key of keys("draft:")) {
    // draft:<quiz> (earlier versions) or draft:<quiz>:<tab> (one per tab).
    const quizId = key.split(":")[1];
    const draft = load(key).value;
    const answered = draft && Object.keys(draft.answers ?? {}).length > 0;
    if (!answered || !quizzes[quizId]) continue;
    const at = String(draft.savedAt ?? draft.startedAt);
    if (!best || at > best.at) best = { href: quizzes[quizId].href, title: quizzes[quizId].title, at, draft: true };
  }
  return best;
}
