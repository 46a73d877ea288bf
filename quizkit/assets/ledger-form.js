// The ledger's entry form: one activity (kind, date, amount in days or hours, note), new or edited.

const MAX_AMOUNT = { days: 366, hours: 1000 };

export function newEntryId() {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, "0");
  return `e-${Date.now().toString(36)}-${random}`;
}

export class EntryForm {
  constructor(form, kinds, today) {
    Object.assign(this, { form, kinds, today });
    this.error = form.querySelector(".ledger-form__error");
    this.cancel = form.querySelector('[data-action="cancel"]');
    this.kindSelect = form.elements.kind;
    this.kindSelect.addEventListener("change", () => this.showAmount());
    form.elements.date.value = today;
    this.showAmount();
  }

  get editing() {
    return this.form.dataset.editing;
  }

  // The amount fields only for kinds entered in time (a count kind is one per entry).
  showAmount() {
    const unit = this.kinds.get(this.kindSelect.value)?.unit;
    this.form.querySelector("[data-amount]").hidden = unit !== "time";
  }

  // What the form holds now, to tell whether the learner changed it while a save was being written.
  snapshot() {
    const fields = this.form.elements;
    return JSON.stringify([fields.kind.value, fields.date.value, fields.amount.value, fields.amount_unit.value, fields.note.value, this.editing ?? ""]);
  }

  // 保存 is disabled while an entry is written: that is also how the page knows a save is under way.
  get busy() {
    return this.form.querySelector('[data-action="save"]').disabled;
  }

  set busy(busy) {
    this.form.querySelector('[data-action="save"]').disabled = busy;
  }

  reset() {
    this.form.reset();
    delete this.form.dataset.editing;
    this.form.elements.date.value = this.today;
    this.cancel.hidden = true;
    this.error.hidden = true;
    this.showAmount();
  }

  edit(entry) {
    const fields = this.form.elements;
    this.form.dataset.editing = entry.id;
    this.kindSelect.value = entry.kind;
    fields.date.value = entry.date;
    fields.amount.value = entry.days ?? entry.hours ?? "";
    fields.amount_unit.value = entry.hours != null ? "hours" : "days";
    fields.note.value = entry.note ?? "";
    this.cancel.hidden = false;
    this.showAmount();
    this.form.scrollIntoView({ block: "start" });
  }

  problem(kind, date, amount, unit) {
    if (!date) return "请选择日期。";
    if (kind.unit === "time" && !(amount > 0)) return "请填写大于 0 的天数或学时。";
    if (kind.unit === "time" && amount > MAX_AMOUNT[unit]) return "数量太大，请检查。";
    return "";
  }

  // The entry the form describes (keeping the edited entry's id and creation time), or null with
  // the problem shown under the form.
  read(old) {
    const fields = this.form.elements;
    const kind = this.kinds.get(this.kindSelect.value);
    const date = fields.date.value;
    const amount = Number(fields.amount.value);
    const unit = fields.amount_unit.value;
    const problem = this.problem(kind, date, amount, unit);
    this.error.textContent = problem;
    this.error.hidden = !problem;
    if (problem) return null;
    const now = new Date().toISOString();
    return {
      id: this.editing ?? newEntryId(),
      kind: kind.id,
      date,
      hours: kind.unit === "time" && unit === "hours" ? amount : null,
      days: kind.unit === "time" && unit === "days" ? amount : null,
      note: fields.note.value.trim(),
      created_at: old?.created_at ?? now,
      updated_at: now,
    };
  }
}
