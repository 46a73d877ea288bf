// The learner's data on this device as one object, shared by the ledger and the summary page:
// {profile: {name, unit}, settings: {rule_set, term_start}, entries: [...], attempts: [...], daily: [...]}.
// Entries and attempts live one per key (entry:<id>, attempt:<quiz>:<id>) so two tabs never
// overwrite each other; 每日一练 days under daily:<date>; profile and settings under ledger:*. A record that cannot be read is
// set aside (kept raw, exportable) and reported, never overwritten. Every call reports failure as data;
// writes return a promise that resolves once they are on disk (store.js). Pages await ready() first.
//
// A deleted entry stays as a tombstone, {id, deleted: true, updated_at}, under its key: an edit made
// in a tab that had not yet seen the deletion is refused, so it can never bring the entry back.

import { keys, listAttempts, load, loadOrSetAside, refresh, save, withLock, write } from "./store.js";

const KEYS = { profile: "ledger:profile", settings: "ledger:settings" };
const entryKey = (id) => `entry:${id}`;
const attemptKey = (attempt) => `attempt:${attempt.quiz_id}:${attempt.id}`;
const DAY_KEY = /^daily:(\d{4}-\d{2}-\d{2})$/;
const dayKey = (day) => `daily:${day.id}`;

export function readDevice() {
  const setAside = [];
  const read = (key) => {
    const outcome = loadOrSetAside(key);
    if (outcome.setAside) setAside.push(outcome.setAside);
    return outcome.value;
  };
  const profile = read(KEYS.profile);
  const settings = read(KEYS.settings);
  const entries = keys("entry:")
    .map(read)
    .filter((entry) => entry != null && !entry.deleted);
  const attempts = listAttempts(null);
  // Only daily:<YYYY-MM-DD> keys are days; a day's id in the record is its date, taken from its key.
  const daily = keys("daily:")
    .map((key) => [DAY_KEY.exec(key)?.[1], key])
    .filter(([date]) => date != null)
    .map(([date, key]) => [date, read(key)])
    .filter(([, day]) => day && typeof day === "object" && day.result)
    .map(([date, day]) => ({ ...day, id: date, date }));
  setAside.push(...attempts.setAside);
  return {
    ok: true,
    setAside,
    device: {
      profile: { name: "", unit: "", ...(profile ?? {}) },
      settings: { rule_set: null, term_start: null, ...(settings ?? {}) },
      entries,
      attempts: attempts.attempts,
      daily,
    },
  };
}

export const DELETED_ELSEWHERE = "这条记录已在另一个标签页中删除";

// Saves a new or edited entry, read afresh under a Web Lock: an entry another tab deleted stays
// deleted. Only `restore` (撤销 of this tab's own deletion) brings one back.
export function saveEntry(entry, { restore = false } = {}) {
  const key = entryKey(entry.id);
  return withLock(key, async () => {
    await refresh(key);
    const { value } = load(key);
    if (value?.deleted && !restore) {
      return { ok: false, reason: DELETED_ELSEWHERE, deleted: true };
    }
    return save(key, entry);
  });
}

export function deleteEntry(id) {
  return save(entryKey(id), { id, deleted: true, updated_at: new Date().toISOString() });
}

export function saveProfile(profile) {
  return save(KEYS.profile, profile);
}

export function saveSettings(settings) {
  return save(KEYS.settings, settings);
}

// Writes a whole merged device in one transaction: all of it or nothing, so the device never
// holds half an import. Resolves once it is on disk.
export function writeDevice(device) {
  const puts = [
    [KEYS.profile, device.profile],
    [KEYS.settings, device.settings],
    ...device.entries.map((entry) => [entryKey(entry.id), entry]),
    ...device.attempts.map((attempt) => [attemptKey(attempt), attempt]),
    ...(device.daily ?? []).map((day) => [dayKey(day), day]),
  ].map(([key, value]) => [key, JSON.stringify(value)]);
  return write(puts);
}

// The year the ledger and the summary show: a view setting, not part of the record.
const YEAR_KEY = "ledger:year";

export function readYear() {
  const { value } = load(YEAR_KEY);
  return Number.isInteger(value) && value >= 2000 && value <= 2100 ? value : null;
}

export function saveYear(year) {
  return save(YEAR_KEY, year);
}
