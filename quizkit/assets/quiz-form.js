// The questions of one quiz page as one attempt shows them: the seeded draw and option order,
// the learner's answers in and out, the hints shown, and per-question feedback after scoring.

import { isAnswered, orderOptions, readAnswer, writeAnswer } from "./answers.js";
import { present } from "./draw.js";
import { showQuestionFeedback } from "./feedback.js";

export class QuizForm {
  constructor(root, quiz) {
    this.root = root;
    this.quiz = quiz;
    this.element = root.querySelector(".quiz-form");
    this.byId = new Map(quiz.questions.map((question) => [question.id, question]));
    this.boxes = new Map([...this.element.querySelectorAll("[data-question-id]")].map((box) => [box.dataset.questionId, box]));
    this.presentation = null;
  }

  // Shows the questions the seed draws, in its order, with options in its order.
  layOut(seed) {
    this.presentation = present(this.quiz, seed);
    // Questions go before what follows them in the form: the blank-questions warning, the waiting line, the buttons.
    const actions = this.element.querySelector(":scope > [data-unanswered], :scope > .quiz-actions");
    for (const box of this.boxes.values()) {
      box.hidden = true;
      box.disabled = true;
    }
    this.presentation.questions.forEach((id, index) => {
      const box = this.boxes.get(id);
      box.hidden = false;
      box.disabled = false;
      box.querySelector(".quiz-number").textContent = `${index + 1}.`;
      this.element.insertBefore(box, actions);
    });
    for (const [id, keys] of Object.entries(this.presentation.options)) orderOptions(this.boxes.get(id), this.byId.get(id), keys);
    this.root.dataset.ready = "";
    return this.presentation;
  }

  // Empties every answer, hint and feedback.
  clear() {
    this.element.reset();
    for (const box of this.boxes.values()) {
      delete box.dataset.status;
      box.querySelector(".quiz-feedback").hidden = true;
      box.querySelectorAll(".quiz-hint__text").forEach((hint) => (hint.hidden = true));
    }
    this.root.querySelector("[data-result]")?.remove();
  }

  // What the learner ticked or typed before the script ran (answered questions only), whatever the layout.
  given() {
    const found = {};
    for (const [id, box] of this.boxes) {
      const answer = readAnswer(box, this.byId.get(id));
      if (isAnswered(this.byId.get(id), answer)) found[id] = answer;
    }
    return found;
  }

  // The numbers (as shown) of the questions of this attempt still unanswered.
  unansweredNumbers() {
    const answers = this.answers();
    return this.presentation.questions.map((id, index) => [id, index + 1]).filter(([id]) => !isAnswered(this.byId.get(id), answers[id]));
  }

  box(id) {
    return this.boxes.get(id);
  }

  answers() {
    const answers = {};
    for (const id of this.presentation.questions) answers[id] = readAnswer(this.boxes.get(id), this.byId.get(id));
    return answers;
  }

  // Puts a draft's answers and shown hints back into the form.
  fill(answers = {}, hints = []) {
    for (const id of this.presentation.questions) writeAnswer(this.boxes.get(id), this.byId.get(id), answers[id]);
    for (const id of hints) this.boxes.get(id)?.querySelector(".quiz-hint__text")?.removeAttribute("hidden");
  }

  // Reveals the hint of the question holding `button`; returns that question's id.
  showHint(button) {
    const box = button.closest("[data-question-id]");
    box.querySelector(".quiz-hint__text").hidden = false;
    return box.dataset.questionId;
  }

  lock() {
    for (const id of this.presentation.questions) this.boxes.get(id).disabled = true;
  }

  showFeedback(questions, hrefs) {
    for (const item of questions) showQuestionFeedback(this.boxes.get(item.id), item, hrefs[item.id]);
  }
}
