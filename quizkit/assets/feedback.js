// Feedback under one scored question: status, points, right answer, explanation and a link back
// to the section that teaches it. Shared by the quiz page and the wrong-answer book.

import { element } from "./dom.js";
import { QUESTION_STATUS } from "./labels.js";

export function showQuestionFeedback(box, item, href) {
  const feedback = box.querySelector(".quiz-feedback");
  box.dataset.status = item.status;
  const hint = item.hint_used ? "（看过提示）" : "";
  feedback.replaceChildren(
    element("p", { class: "quiz-feedback__status" }, `${QUESTION_STATUS[item.status]} · ${item.points} / ${item.max_points} 分${hint}`),
    element("p", {}, element("strong", {}, "正确答案："), item.right_answer),
    element("p", {}, element("strong", {}, "解析："), item.explanation, " ", element("a", { href: href ?? "#" }, "查看讲解")),
  );
  feedback.hidden = false;
}
