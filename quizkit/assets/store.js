// Learner data on the device (localStorage), under one prefix and schema version.
// Every call reports failure as data: storage can be full, disabled or cleared.

const PREFIX = "cadre:v1:";

export function load(key) {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return { ok: true, value: text == null ? null : JSON.parse(text) };
  } catch (error) {
    return { ok: false, value: null, reason: error instanceof SyntaxError ? "本机保存的数据已损坏" : "无法读取本机存储" };
  }
}

export function save(key, value) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return { ok: true };
  } catch (error) {
    const full = error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === 22);
    return { ok: false, reason: full ? "本机存储空间已满" : "浏览器不允许保存" };
  }
}

export function remove(key) {
  try {
    localStorage.removeItem(PREFIX + key);
    return { ok: true };
  } catch {
    return { ok: false, reason: "浏览器不允许修改本机存储" };
  }
}

// Copies unreadable text under another key, so a fresh start never overwrites it.
export function setAside(key, newKey) {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (raw != null) localStorage.setItem(PREFIX + newKey, raw);
    localStorage.removeItem(PREFIX + key);
    return { ok: true };
  } catch {
    return { ok: false, reason: "浏览器不允许修改本机存储" };
  }
}

// Attempts of one quiz, oldest first. Shape (shared with the ledger and the record):
// {id, quiz_id, version, seed, answers, result: {points, max_points, percent, passed}, started_at, submitted_at}
export function attemptsKey(quizId) {
  return `attempts:${quizId}`;
}

export function addAttempt(attempt) {
  const key = attemptsKey(attempt.quiz_id);
  const current = load(key);
  if (!current.ok) return current; // never overwrite data we could not read
  const list = Array.isArray(current.value) ? current.value : [];
  return save(key, [...list, attempt]);
}

export function listStoredQuizIds() {
  const ids = [];
  const prefix = PREFIX + "attempts:";
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix)) ids.push(key.slice(prefix.length));
  }
  return ids.sort();
}
