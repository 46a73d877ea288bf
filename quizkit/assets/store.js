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
