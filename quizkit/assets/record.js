// The learner's data on this device as one object, shared by the ledger and the summary page:
// {profile: {name, unit}, settings: {rule_set, term_start}, entries: [...], attempts: [...]}.
// Attempts stay where the quiz page keeps them (attempts:<quizId>); entries, profile and
// settings live under ledger:*. Every call reports failure as data.

import { attemptsKey, listStoredQuizIds, load, save } from "./store.js";

const KEYS = { entries: "ledger:entries", profile: "ledger:profile", settings: "ledger:settings" };

export function readDevice() {
  const entries = load(KEYS.entries);
  const profile = load(KEYS.profile);
  const settings = load(KEYS.settings);
  for (const outcome of [entries, profile, settings]) if (!outcome.ok) return outcome;
  const attempts = [];
  for (const quizId of listStoredQuizIds()) {
    const stored = load(attemptsKey(quizId));
    if (!stored.ok) return stored;
    if (Array.isArray(stored.value)) attempts.push(...stored.value);
  }
  return {
    ok: true,
    device: {
      profile: { name: "", unit: "", ...(profile.value ?? {}) },
      settings: { rule_set: null, term_start: null, ...(settings.value ?? {}) },
      entries: Array.isArray(entries.value) ? entries.value : [],
      attempts,
    },
  };
}

export function saveEntries(entries) {
  return save(KEYS.entries, entries);
}

export function saveProfile(profile) {
  return save(KEYS.profile, profile);
}

export function saveSettings(settings) {
  return save(KEYS.settings, settings);
}

// Writes a whole merged device. If any write fails, what was there before is put back,
// so the device never holds half an import.
export function writeDevice(device) {
  const byQuiz = new Map();
  for (const attempt of device.attempts) {
    if (!byQuiz.has(attempt.quiz_id)) byQuiz.set(attempt.quiz_id, []);
    byQuiz.get(attempt.quiz_id).push(attempt);
  }
  const writes = [
    [KEYS.entries, device.entries],
    [KEYS.profile, device.profile],
    [KEYS.settings, device.settings],
    ...[...byQuiz].map(([quizId, list]) => [attemptsKey(quizId), list]),
  ];
  const before = writes.map(([key]) => [key, load(key)]);
  if (before.some(([, outcome]) => !outcome.ok)) return { ok: false, reason: "无法读取本机存储" };
  for (const [key, value] of writes) {
    const outcome = save(key, value);
    if (!outcome.ok) {
      for (const [oldKey, old] of before) {
        if (old.value == null) localStorage.removeItem(`cadre:v1:${oldKey}`);
        else save(oldKey, old.value);
      }
      return outcome;
    }
  }
  return { ok: true };
}

// The learner's calendar date and UTC offset: the tally takes "today" from the page.
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return {
    today: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    utc_offset_minutes: -now.getTimezoneOffset(),
  };
}

export function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
