// Reading and writing one question's answer in its fieldset, per type, in the shapes
// scoring/grading.py takes: a key, a list of keys, a list of blanks, {key: position}, or a list per prompt.
// Every question type has its entry in READERS and WRITERS (a test holds them to scoring's types).

const oneKey = {
  read: (box) => box.querySelector("input:checked")?.value ?? null,
  write(box, given) {
    box.querySelectorAll("input").forEach((input) => {
      input.checked = input.value === given;
    });
  },
};

const keyList = {
  read: (box) => [...box.querySelectorAll("input:checked")].map((input) => input.value),
  write(box, given) {
    const chosen = new Set(Array.isArray(given) ? given : [given]);
    box.querySelectorAll("input").forEach((input) => {
      input.checked = chosen.has(input.value);
    });
  },
};

const blanks = {
  read: (box) => [...box.querySelectorAll("input[data-blank]")].map((input) => input.value),
  write(box, given) {
    box.querySelectorAll("input[data-blank]").forEach((input) => {
      input.value = given[Number(input.dataset.blank)] ?? "";
    });
  },
};

const positions = {
  read(box) {
    const placed = {};
    box.querySelectorAll("select[data-order-item]").forEach((select) => {
      placed[select.dataset.orderItem] = select.value ? Number(select.value) : null;
    });
    return placed;
  },
  write(box, given) {
    box.querySelectorAll("select[data-order-item]").forEach((select) => {
      select.value = given[select.dataset.orderItem] ?? "";
    });
  },
};

const matches = {
  read: (box) => [...box.querySelectorAll("select[data-match]")].map((select) => select.value || null),
  write(box, given) {
    box.querySelectorAll("select[data-match]").forEach((select) => {
      select.value = given[Number(select.dataset.match)] ?? "";
    });
  },
};

const CONTROLS = {
  single: oneKey,
  multiple: keyList,
  truefalse: oneKey,
  fill: blanks,
  ordering: positions,
  matching: matches,
  scenario: oneKey,
};

export function readAnswer(box, question) {
  return CONTROLS[question.type].read(box);
}

export function writeAnswer(box, question, given) {
  if (given != null) CONTROLS[question.type].write(box, given);
}

export function isAnswered(question, given) {
  if (given == null) return false;
  if (question.type === "ordering") return Object.values(given).some((value) => value != null);
  if (Array.isArray(given)) return given.some((value) => value != null && String(value).trim() !== "");
  return given !== "";
}

// Puts options (or order items, or a matching select's choices) in the shown order and
// letters them by position, as the right-answer text from Python does.
export function orderOptions(box, question, keys) {
  if (question.type === "matching") {
    box.querySelectorAll("select[data-match]").forEach((select) => {
      keys.forEach((key, index) => {
        const option = select.querySelector(`option[data-key="${CSS.escape(key)}"]`);
        option.textContent = `${String.fromCharCode(65 + index)}. ${question.options[key]}`;
        select.append(option);
      });
    });
    return;
  }
  const selector = question.type === "ordering" ? ".quiz-order-item" : ".quiz-option";
  const anchor = box.querySelector(".quiz-hint, .quiz-feedback");
  keys.forEach((key, index) => {
    const row = box.querySelector(`${selector}[data-key="${CSS.escape(key)}"]`);
    const letter = row.querySelector(".quiz-key");
    if (letter) letter.textContent = `${String.fromCharCode(65 + index)}.`;
    box.insertBefore(row, anchor);
  });
}
