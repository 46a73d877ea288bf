// Learner data on the device (localStorage), under one prefix and schema version.
// Every call reports failure as data: storage can be full, disabled or cleared.
// Records that can be written from two tabs at once live under a key of their own
// (one key per attempt), so no tab ever overwrites what another wrote; shared
// read-modify-write state (the review book) is changed under a Web Lock.

const PREFIX = "cadre:v1:";
const DAMAGED = "damaged:";

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

// Moves unreadable text under damaged:<key>:<time>, kept as it was for export, so a fresh
// start never overwrites it. Returns the new key, or null when storage refuses.
export function setAside(key) {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const aside = `${DAMAGED}${key}:${Date.now()}`;
    if (raw != null) localStorage.setItem(PREFIX + aside, raw);
    localStorage.removeItem(PREFIX + key);
    return aside;
  } catch {
    return null;
  }
}

// load(), but a damaged value is set aside and reported instead of blocking the page.
export function loadOrSetAside(key) {
  const result = load(key);
  if (result.ok) return { value: result.value, setAside: null };
  return { value: null, setAside: setAside(key) ?? key, reason: result.reason };
}

export function keys(prefix) {
  const found = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX + prefix)) found.push(key.slice(PREFIX.length));
    }
  } catch {
    // Storage unreadable: nothing to list.
  }
  return found.sort();
}

// Raw text of every unreadable record that was set aside, for export as it is.
export function damagedRecords() {
  return keys(DAMAGED).map((key) => {
    try {
      return { key, text: localStorage.getItem(PREFIX + key) };
    } catch {
      return { key, text: null };
    }
  });
}

// Serialises read-modify-write across tabs where the browser has Web Locks.
export function withLock(name, task) {
  if (navigator.locks?.request) return navigator.locks.request(`cadre:${name}`, task);
  return task();
}

// Attempts, one key each: {id, quiz_id, version, seed, answers, hints, result, started_at, submitted_at}.
export function addAttempt(attempt) {
  return save(`attempt:${attempt.quiz_id}:${attempt.id}`, attempt);
}

export function listAttempts(quizId) {
  const prefix = quizId == null ? "attempt:" : `attempt:${quizId}:`;
  const attempts = [];
  const setAsideKeys = [];
  for (const key of keys(prefix)) {
    const { value, setAside: aside } = loadOrSetAside(key);
    if (aside) setAsideKeys.push(aside);
    else if (value) attempts.push(value);
  }
  attempts.sort((a, b) => String(a.submitted_at).localeCompare(String(b.submitted_at)));
  return { attempts, setAside: setAsideKeys };
}
