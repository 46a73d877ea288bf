// Learner data on the device: IndexedDB, every write in a transaction with strict durability, so
// what a page reports as saved has been committed to disk and survives a killed browser
// (localStorage is flushed lazily: a browser killed seconds after a write lost it).
//
// Records are JSON text under string keys (the same keys and text localStorage held under
// "cadre:v1:"), so unreadable text can be kept exactly as it was. Pages read synchronously from a
// copy in memory, filled once by ready() and kept current by this tab's committed writes and by
// other tabs' (a BroadcastChannel); read-modify-write state (the review book) is read afresh under
// a Web Lock. Every call reports failure as data: storage can be full, disabled or cleared.
//
// Where IndexedDB cannot be opened the old localStorage is used as it was; where neither works,
// nothing is stored and every write says so.

const PREFIX = "cadre:v1:";
const DAMAGED = "damaged:";
const DB_NAME = "cadre";
const STORE = "records";
const CHANNEL = "cadre:store";

let mirror = new Map(); // key -> JSON text, as committed
let db = null;
let backend = "none"; // "idb" | "local" | "none"
let opening = null;
let channel = null;

const FULL = "本机存储空间已满";
const REFUSED = "浏览器不允许保存";

function failureOf(error) {
  const full = error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === 22);
  return { ok: false, reason: full ? FULL : REFUSED };
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.open(DB_NAME, 1);
    } catch (error) {
      reject(error);
      return;
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new DOMException("blocked", "InvalidStateError"));
  });
}

// One readwrite transaction, committed to disk before it resolves.
function transact(work) {
  return new Promise((resolve, reject) => {
    let tx;
    try {
      tx = db.transaction(STORE, "readwrite", { durability: "strict" });
    } catch (error) {
      reject(error);
      return;
    }
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException("aborted", "AbortError"));
    try {
      work(tx.objectStore(STORE));
      tx.commit?.();
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      reject(error);
    }
  });
}

async function readAllFromDb() {
  const tx = db.transaction(STORE, "readonly");
  const store = tx.objectStore(STORE);
  const [allKeys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
  return new Map(allKeys.map((key, i) => [String(key), values[i]]));
}

function readLocal() {
  const found = new Map();
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) found.set(key.slice(PREFIX.length), localStorage.getItem(key));
  }
  return found;
}

// Moves cadre:v1:* out of localStorage: written in one transaction, read back and compared, and only
// then removed. localStorage holding a key IndexedDB already has means a page of the old version
// wrote it after the move, so it is the newer: it takes the key, and what IndexedDB held is set
// aside for export, never dropped. On any failure the old data stays where it was and is tried
// again on the next load.
async function migrate() {
  let local;
  try {
    local = readLocal();
  } catch {
    return;
  }
  if (!local.size) return;
  const writes = [];
  const stamp = Date.now();
  for (const [key, text] of local) {
    if (!mirror.has(key)) writes.push([key, text]);
    else if (mirror.get(key) !== text) writes.push([`${DAMAGED}${key}:${stamp}`, mirror.get(key)], [key, text]);
  }
  await transact((store) => {
    for (const [key, text] of writes) store.put(text, key);
  });
  const after = await readAllFromDb();
  for (const [key, text] of writes) if (after.get(key) !== text) throw new Error(`migration of ${key} not verified`);
  mirror = after;
  for (const key of local.keys()) localStorage.removeItem(PREFIX + key);
}

function listen() {
  if (typeof BroadcastChannel !== "function") return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => {
    applyToMirror(data.puts ?? [], data.deletes ?? []);
    dispatchEvent(new CustomEvent("cadre-store", { detail: { keys: [...(data.puts ?? []).map(([k]) => k), ...(data.deletes ?? [])], remote: true } }));
  };
}

function applyToMirror(puts, deletes) {
  for (const [key, text] of puts) mirror.set(key, text);
  for (const key of deletes) mirror.delete(key);
}

async function openStore() {
  try {
    db = await openDatabase();
    mirror = await readAllFromDb();
    backend = "idb";
  } catch {
    db = null;
  }
  if (backend === "idb") {
    try {
      await migrate();
    } catch {
      // The old data stays in localStorage; what it holds that IndexedDB does not is still shown.
      try {
        for (const [key, text] of readLocal()) if (!mirror.has(key)) mirror.set(key, text);
      } catch {
        // unreadable: nothing more to show
      }
    }
  } else {
    try {
      mirror = readLocal();
      const probe = `${PREFIX}probe`;
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      backend = "local";
    } catch {
      backend = "none";
    }
  }
  listen();
  return { backend };
}

// Opens the store (once per page). Pages await it before their first read.
export function ready() {
  opening ??= openStore();
  return opening;
}

export function backendName() {
  return backend;
}

// Writes and deletes as one transaction: all of them or none. The copy in memory changes only
// once the transaction has committed.
export async function write(puts, deletes = []) {
  await ready();
  try {
    if (backend === "idb") {
      await transact((store) => {
        for (const [key, text] of puts) store.put(text, key);
        for (const key of deletes) store.delete(key);
      });
    } else if (backend === "local") {
      const before = [...puts.map(([key]) => key), ...deletes].map((key) => [key, localStorage.getItem(PREFIX + key)]);
      try {
        for (const [key, text] of puts) localStorage.setItem(PREFIX + key, text);
        for (const key of deletes) localStorage.removeItem(PREFIX + key);
      } catch (error) {
        for (const [key, text] of before) {
          if (text == null) localStorage.removeItem(PREFIX + key);
          else localStorage.setItem(PREFIX + key, text);
        }
        throw error;
      }
    } else {
      return { ok: false, reason: REFUSED };
    }
  } catch (error) {
    return failureOf(error);
  }
  applyToMirror(puts, deletes);
  channel?.postMessage({ puts, deletes });
  dispatchEvent(new CustomEvent("cadre-store", { detail: { keys: [...puts.map(([k]) => k), ...deletes], remote: false } }));
  return { ok: true };
}

export function load(key) {
  const text = mirror.get(key);
  if (text == null) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: null, reason: "本机保存的数据已损坏" };
  }
}

export function save(key, value) {
  return write([[key, JSON.stringify(value)]]);
}

export function remove(key) {
  return write([], [key]);
}

// Reads one key again from disk (another tab may have changed it); used under a Web Lock.
export async function refresh(key) {
  await ready();
  if (backend !== "idb") return;
  try {
    const text = await request(db.transaction(STORE, "readonly").objectStore(STORE).get(key));
    if (text == null) mirror.delete(key);
    else mirror.set(key, text);
  } catch {
    // keep what is known
  }
}

// Moves unreadable text under damaged:<key>:<time>, kept as it was for export, so a fresh start
// never overwrites it. The page can go on at once; the move is written in one transaction, and
// until it commits the text is still on disk under its old key. Returns the new key, or null.
export function setAside(key) {
  const raw = mirror.get(key);
  const aside = `${DAMAGED}${key}:${Date.now()}`;
  if (backend === "none") return null;
  if (raw == null) {
    mirror.delete(key);
    return aside;
  }
  mirror.set(aside, raw);
  mirror.delete(key);
  write([[aside, raw]], [key]).then((outcome) => {
    if (!outcome.ok) {
      // Not moved: the text is still under its old key, readable as before.
      mirror.delete(aside);
      mirror.set(key, raw);
    }
  });
  return aside;
}

// load(), but a damaged value is set aside and reported instead of blocking the page.
export function loadOrSetAside(key) {
  const result = load(key);
  if (result.ok) return { value: result.value, setAside: null };
  return { value: null, setAside: setAside(key) ?? key, reason: result.reason };
}

export function keys(prefix) {
  return [...mirror.keys()].filter((key) => key.startsWith(prefix)).sort();
}

// Raw text of every unreadable record that was set aside, for export as it is.
export function damagedRecords() {
  return keys(DAMAGED).map((key) => ({ key, text: mirror.get(key) ?? null }));
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
