// The learner's record without the engine: everything the device holds (profile, settings, the
// ledger, every attempt), in the format scoring/record.py reads, marked tally_pending (no tally:
// the engine that computes it has not loaded). The officer's report re-tallies every record
// anyway, and the ledger's import reads it like any other record. So 导出 never waits for Python.
//
// The record's SHA-256 is over its canonical JSON (scoring.model.canonical_json: keys sorted, no
// spaces, non-ASCII as it is); canonical() below spells values the same way for the data a
// device holds (strings, whole and decimal numbers, booleans, null, lists, objects).

export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function sha256(text) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// scoring.record.quiz_versions: quiz id -> the sorted versions its attempts were made with.
function quizVersions(attempts) {
  const versions = new Map();
  for (const attempt of attempts) {
    if (!versions.has(attempt.quiz_id)) versions.set(attempt.quiz_id, new Set());
    if (typeof attempt.version === "string") versions.get(attempt.quiz_id).add(attempt.version);
  }
  const ids = [...versions.keys()].sort();
  return Object.fromEntries(ids.map((id) => [id, [...versions.get(id)].sort()]));
}

// scoring.record.record_text: sorted keys, one space of indent, non-ASCII as it is.
function sortedDeep(value) {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedDeep(value[key])]));
  }
  return value;
}

// device: readDevice().device; ruleSet: {id, title, version}; today: "YYYY-MM-DD".
export async function rawRecord(device, ruleSet, today) {
  const record = {
    format: "cadre-learning-record",
    schema: 1,
    as_of: today,
    profile: device.profile,
    settings: device.settings,
    rules: { id: ruleSet.id, title: ruleSet.title, version: ruleSet.version },
    quizzes: quizVersions(device.attempts),
    ledger: device.entries,
    attempts: device.attempts,
    tally: null,
    tally_pending: true,
  };
  // 每日一练 days only when there are some, as scoring.record.build_record writes them.
  if (device.daily?.length) record.daily = device.daily;
  record.sha256 = await sha256(canonical(record));
  const name = device.profile.name;
  return {
    text: `${JSON.stringify(sortedDeep(record), null, 1)}\n`,
    filename: `学习档案-${name ? `${name}-` : ""}${today}-未统计.json`,
    sha256: record.sha256,
  };
}
