// The attempt's layout from its seed: the same algorithm as scoring/draw.py, so the page
// shows exactly what Python will score. A browser test holds the two to each other.

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = ((t + Math.imul(t ^ (t >>> 7), 61 | t)) >>> 0) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function shuffle(next, items) {
  for (let i = items.length - 1; i > 0; i--) {
    // Exact in doubles: u32 * (i + 1) < 2**53 for any realistic list.
    const j = Math.floor((next() * (i + 1)) / 4294967296);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

const OPTION_TYPES = new Set(["single", "multiple", "scenario", "matching", "ordering"]);

export function present(quiz, seed) {
  const next = mulberry32(seed);
  let order = quiz.questions.map((_, index) => index);
  if (quiz.shuffle_questions || quiz.draw != null) shuffle(next, order);
  if (quiz.draw != null) {
    order = order.slice(0, quiz.draw);
    if (!quiz.shuffle_questions) order.sort((a, b) => a - b);
  }
  const chosen = order.map((index) => quiz.questions[index]);
  const options = {};
  for (const question of chosen) {
    if (!OPTION_TYPES.has(question.type)) continue;
    const keys = Object.keys(question.options);
    if (quiz.shuffle_options || question.type === "ordering") shuffle(next, keys);
    options[question.id] = keys;
  }
  return { questions: chosen.map((question) => question.id), options };
}

export function newSeed() {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0];
}

// 每日一练: the same algorithm as scoring/daily.py (a browser test holds the two to each other).
// pool: [{id, quiz}]; isoDate: "YYYY-MM-DD"; the seed is the date as a number (20261205).
export function dailyDraw(pool, isoDate, count = 5) {
  const items = [...pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.quiz < b.quiz ? -1 : a.quiz > b.quiz ? 1 : 0));
  const order = items.map((_, index) => index);
  shuffle(mulberry32(Number(isoDate.replaceAll("-", ""))), order);
  const chosen = [];
  const quizzes = new Set();
  for (const index of order) {
    if (chosen.length < count && !quizzes.has(items[index].quiz)) {
      chosen.push(index);
      quizzes.add(items[index].quiz);
    }
  }
  for (const index of order) if (chosen.length < count && !chosen.includes(index)) chosen.push(index);
  return chosen.map((index) => items[index]);
}
