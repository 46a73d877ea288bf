// Reading and writing one question's answer in its fieldset, per type, in the shapes
// scoring/grading.py takes: a key, a list of keys, a list of blanks, {key: position}, or a list per prompt.

export function readAnswer(box, question) {
  switch (question.type) {
    case "fill":
      return [...box.querySelectorAll("input[data-blank]")].map((input) => input.value);
    case "multiple":
      return [...box.querySelectorAll("input:checked")].map((input) => input.value);
    case "ordering": {
      const positions = {};
      box.querySelectorAll("select[data-order-item]").forEach((select) => {
        positions[select.dataset.orderItem] = select.value ? Number(select.value) : null;
      });
      return positions;
    }
    case "matching":
      return [...box.querySelectorAll("select[data-match]")].map((select) => select.value || null);
    default: {
      const checked = box.querySelector("input:checked");
      return checked ? checked.value : null;
    }
  }
}

export function writeAnswer(box, question, given) {
  if (given == null) return;
  switch (question.type) {
    case "fill":
      box.querySelectorAll("input[data-blank]").forEach((input) => {
        input.value = given[Number(input.dataset.blank)] ?? "";
      });
      break;
    case "ordering":
      box.querySelectorAll("select[data-order-item]").forEach((select) => {
        select.value = given[select.dataset.orderItem] ?? "";
      });
      break;
    case "matching":
      box.querySelectorAll("select[data-match]").forEach((select) => {
        select.value = given[Number(select.dataset.match)] ?? "";
      });
      break;
    default: {
      const chosen = new Set(Array.isArray(given) ? given : [given]);
      box.querySelectorAll("input").forEach((input) => {
        input.checked = chosen.has(input.value);
      });
    }
  }
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
