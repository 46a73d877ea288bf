// Ledger page (学时台账), phone first: entries are saved on the device as they are made;
// the tally is computed by scoring (Pyodide in a module worker) with the chosen rules;
// the record is exported as one JSON file and merged back on import.

import { localToday } from "./dates.js";
import { download, element, sayIn } from "./dom.js";
import { tallyEngine } from "./engine-ui.js";
import { renderEntries } from "./ledger-entries.js";
import { EntryForm } from "./ledger-form.js";
import { rawRecord } from "./raw-record.js";
import { deleteEntry, readDevice, readYear, saveEntry, saveProfile, saveSettings, saveYear, writeDevice } from "./record.js";
import { addAttempt, damagedRecords, ready } from "./store.js";
import { renderPending, renderTally } from "./tally-view.js";

const UNDO_SECONDS = 8;

class LedgerPage {
  constructor(root) {
    const data = JSON.parse(root.querySelector("script.ledger-data").textContent);
    this.root = root;
    this.data = data;
    this.kinds = new Map(data.kinds.map((kind) => [kind.id, kind]));
    this.ruleSets = new Map(data.rule_sets.map((set) => [set.id, set]));
    this.notice = root.querySelector(".quiz-notice");
    this.say = sayIn(this.notice);
    this.list = root.querySelector("[data-entries]");
    this.tallyBox = root.querySelector("[data-tally-box]");
    this.recordStatus = root.querySelector("[data-record-status]");
    this.ruleSelect = root.querySelector('select[name="rule_set"]');
    this.termInput = root.querySelector('input[name="term_start"]');
    this.yearInput = root.querySelector('input[name="year"]');
    this.today = localToday().today;
    this.form = new EntryForm(root.querySelector("[data-form]"), this.kinds, this.today);
    this.statuses = new Map();
    this.lastDeleted = null;
    this.undoBar = root.querySelector("[data-undo-bar]");
    this.tallyRun = 0;
    const read = readDevice();
    if (read.setAside.length) this.say(`本机有 ${read.setAside.length} 条记录无法读取，已原样另存（导出档案时一并带上），其余记录照常使用。`);
    this.device = read.device;
  }

  ruleSet() {
    return this.ruleSets.get(this.ruleSelect.value);
  }

  // --- Settings (rule set, term start, year) and the optional profile. ---

  showSettings() {
    const { device } = this;
    if (!this.ruleSets.has(device.settings.rule_set)) device.settings.rule_set = this.ruleSelect.value;
    this.ruleSelect.value = device.settings.rule_set;
    this.termInput.value = device.settings.term_start ?? "";
    for (const field of ["name", "unit"]) this.root.querySelector(`input[name="${field}"]`).value = device.profile[field] ?? "";
    this.showPeriodInputs();
  }

  // The chosen rules' requirements without figures, in the tally's place, until the engine has tallied.
  showPending() {
    if (!this.tallyBox.querySelector("[data-tally]")) renderPending(this.tallyBox, this.ruleSet().rules, "统计程序加载后在这里显示进度。");
  }

  showPeriodInputs() {
    const isTerm = this.ruleSet().rules.period.type === "term";
    this.root.querySelector("[data-term]").hidden = !isTerm;
    this.root.querySelector("[data-year]").hidden = isTerm;
  }

  saveSettings() {
    this.device.settings = { ...this.device.settings, rule_set: this.ruleSelect.value, term_start: this.termInput.value || null };
    saveSettings(this.device.settings).then((outcome) => {
      if (!outcome.ok) this.say(`设置无法保存（${outcome.reason}）。`);
    });
    this.showPeriodInputs();
    this.tally();
  }

  saveProfileField(field, value) {
    this.device.profile[field] = value;
    saveProfile(this.device.profile).then((outcome) => {
      if (!outcome.ok) this.say(`个人信息无法保存（${outcome.reason}）。`);
    });
  }

  // --- Entries: one changes at a time, under its own key, so another tab's entries are never touched. ---

  // Resolves true once the change is on disk; only then does the page say 已保存.
  async persist(change, message) {
    const outcome = await (change.save ? saveEntry(change.save, { restore: change.restore }) : deleteEntry(change.remove));
    if (outcome.deleted) {
      this.say(`${outcome.reason}，这次修改没有保存。`);
      this.form.reset();
      this.reread();
      return false;
    }
    if (!outcome.ok) {
      this.say(`这条记录无法保存在本机（${outcome.reason}），已保存的记录没有改动。`);
      return false;
    }
    const others = this.device.entries.filter((e) => e.id !== (change.save?.id ?? change.remove));
    this.device.entries = change.save ? [...others, change.save] : others;
    this.say(message);
    this.showEntries();
    this.tally();
    return true;
  }

  // One save at a time (a second tap while the first is written would add the entry twice), and the
  // form is emptied only if it still holds what was saved: the learner may have begun the next entry.
  async saveForm() {
    if (this.form.busy) return;
    const editing = this.form.editing;
    const entry = this.form.read(this.device.entries.find((e) => e.id === editing));
    if (!entry) return;
    const saved = this.form.snapshot();
    this.form.busy = true;
    try {
      if ((await this.persist({ save: entry }, editing ? "已保存修改。" : "已保存。")) && this.form.snapshot() === saved) this.form.reset();
    } finally {
      this.form.busy = false;
    }
  }

  // 撤销 is offered where the learner is: a bar at the bottom of the screen, for a few seconds.
  async remove(entry) {
    this.lastDeleted = entry;
    if (!(await this.persist({ remove: entry.id }, ""))) return;
    const undo = element("button", { type: "button", class: "md-button md-button--primary", "data-action": "undo" }, "撤销");
    undo.addEventListener("click", () => {
      if (this.lastDeleted) this.persist({ save: this.lastDeleted, restore: true }, "");
      this.lastDeleted = null;
      this.showUndoBar(element("span", {}, "已恢复。"));
    });
    this.showUndoBar(element("span", {}, `已删除 ${entry.date} 的一条记录。`), undo);
  }

  showUndoBar(...content) {
    clearTimeout(this.undoTimer);
    this.undoBar.replaceChildren(...content);
    this.undoBar.hidden = false;
    this.undoTimer = setTimeout(() => {
      this.undoBar.hidden = true;
      this.lastDeleted = null;
    }, UNDO_SECONDS * 1000);
  }

  // Another tab changed the learner's data (store.js relays its committed writes): the list, the
  // tally and the settings follow without a reload. A field being typed in is left alone.
  reread() {
    const read = readDevice();
    this.device = read.device;
    const typing = document.activeElement?.matches?.('input[name="name"], input[name="unit"], input[name="term_start"], select[name="rule_set"]');
    if (!typing) this.showSettings();
    this.showEntries();
    this.tally();
  }

  showEntries() {
    renderEntries(this.list, this.device.entries, this.statuses, this.kinds, {
      onEdit: (entry) => this.form.edit(entry),
      onDelete: (entry) => this.remove(entry),
    });
  }

  // --- Tally, export and import go through scoring in the engine. ---

  async tally() {
    if (this.engine?.status !== "ready") return;
    const run = ++this.tallyRun;
    const rules = this.ruleSet().rules;
    const reply = await this.engine.call({
      op: "tally",
      rules,
      entries: this.device.entries,
      attempts: this.device.attempts,
      year: Number(this.yearInput.value) || Number(this.today.slice(0, 4)),
      term_start: rules.period.type === "term" ? this.device.settings.term_start : null,
      ...localToday(),
    });
    if (run !== this.tallyRun) return; // a newer tally is on its way
    if (!reply.ok) {
      this.tallyBox.replaceChildren(element("p", { class: "ledger-tally__error" }, reply.error.message));
      this.statuses = new Map();
    } else {
      renderTally(this.tallyBox, reply.result);
      this.statuses = new Map(reply.result.entries.map((s) => [s.id, s]));
    }
    this.showEntries();
  }

  report(state, message) {
    this.recordStatus.dataset.state = state;
    this.recordStatus.textContent = message;
  }

  // The record as text: with the engine ready it carries the tally; while it loads or after it failed,
  // the same data goes out untallied (raw-record.js): the learner can always get their record out.
  async makeRecord() {
    const current = readDevice();
    if (this.engine.status === "ready") {
      const reply = await this.engine.call({ op: "export_record", rules: this.ruleSet().rules, device: current.device, ...localToday() });
      if (!reply.ok) return { error: reply.error.message };
      return { record: reply.result, note: "" };
    }
    const record = await rawRecord(current.device, this.ruleSet(), this.today);
    return { record, note: "统计程序还没有加载好，档案里暂不含学时统计；记录都在，培训专员汇总时会重新统计，可以照常上交。" };
  }

  // Nothing to hand in: no entry, attempt, day of 每日一练 or set-aside record. Most often the learner
  // studied in another browser (WeChat's and the phone's keep separate storage), so say so first.
  isEmpty() {
    const { device } = readDevice();
    return !device.entries.length && !device.attempts.length && !device.daily.length && !damagedRecords().length;
  }

  warnEmpty(retry, label) {
    const anyway = element("button", { type: "button", class: "md-button", "data-action": "anyway" }, label);
    anyway.addEventListener("click", () => retry(true));
    this.recordStatus.dataset.state = "empty";
    this.recordStatus.replaceChildren(
      element("span", {}, "本机没有任何学习记录（没有登记、自测或每日一练），这份档案会是空的。如果你平时在微信里学习，记录保存在微信里：请在微信里打开本页再导出或复制（微信和手机浏览器的记录是分开保存的）。"),
      " ",
      anyway,
    );
  }

  async exportRecord(anyway = false) {
    if (!anyway && this.isEmpty()) return this.warnEmpty((yes) => this.exportRecord(yes), "仍然导出");
    const made = await this.makeRecord();
    if (made.error) return this.report("failed", `导出失败：${made.error}`);
    const { record, note } = made;
    download(record.text, record.filename);
    const damaged = damagedRecords();
    // Records the device could not read travel in a separate raw file: never parsed, never lost.
    if (damaged.length) download(JSON.stringify({ format: "cadre-damaged-records", records: damaged }, null, 1), `无法读取的本机数据-${this.today}.json`);
    this.recordStatus.dataset.sha256 = record.sha256;
    this.recordStatus.dataset.tallied = String(!note);
    this.report("exported", `已导出 ${record.filename}。${note}如果没有开始下载（例如在微信里），请点“复制档案”。`);
  }

  // 复制档案: the record's text to the clipboard, for 文件传输助手 or the officer (downloads often fail
  // inside WeChat). Where the clipboard refuses, the text is shown selected for the learner to copy.
  async copyRecord(anyway = false) {
    if (!anyway && this.isEmpty()) return this.warnEmpty((yes) => this.copyRecord(yes), "仍然复制");
    const made = await this.makeRecord();
    if (made.error) return this.report("failed", `复制失败：${made.error}`);
    const { text, sha256 } = made.record;
    const box = this.root.querySelector("[data-record-text-box]");
    const area = box.querySelector("[data-record-text]");
    area.value = text;
    this.recordStatus.dataset.sha256 = sha256;
    this.recordStatus.dataset.tallied = String(!made.note);
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // no clipboard access (an older WeChat, a page not served over https): try the selection
      box.hidden = false;
      area.focus();
      area.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    if (copied) {
      box.hidden = true;
      this.report("copied", `已复制档案（${text.length} 字）。${made.note}可粘贴到微信“文件传输助手”或发给培训专员；换手机时，在“粘贴档案导入”里粘贴即可。`);
    } else {
      box.hidden = false;
      this.report("copy-shown", "没能自动复制，档案文字显示在下面，请长按选择后复制。");
    }
  }

  async importRecord(file) {
    return this.importText(file.name, await file.text());
  }

  async importPasted() {
    const area = this.root.querySelector("[data-paste-record]");
    const text = area.value.trim();
    if (!text) return this.report("refused", "请先把复制来的档案文字粘贴到框里。本机数据没有改动。");
    if ((await this.importText("粘贴的档案", text)) === true) area.value = "";
  }

  // Resolves true once the merged device is on disk; a refused or failed import leaves it as it was.
  async importText(name, text) {
    if (this.engine.status !== "ready") return this.report("waiting", "统计程序还在加载，请稍候再导入。");
    if (text.includes('"cadre-unsaved-attempt"')) return this.importUnsavedAttempt(name, text);
    const current = readDevice();
    const reply = await this.engine.call({ op: "import_record", text, device: current.device });
    if (!reply.ok) return this.report("refused", `导入被拒绝：${reply.error.message}`);
    const written = await writeDevice(reply.result.device);
    if (!written.ok) return this.report("refused", `导入失败（${written.reason}），本机数据没有改动。`);
    this.device = reply.result.device;
    const { entries, attempts, daily } = reply.result.summary;
    this.report(
      "imported",
      `已导入：新增 ${entries.added} 条记录、${attempts.added} 次作答` +
        (daily.added ? `、${daily.added} 天每日一练` : "") +
        `；已有的 ${entries.same + attempts.same + daily.same} 项未重复写入` +
        (entries.updated ? `；${entries.updated} 条记录换成了档案里较新的版本` : "") +
        (entries.kept + attempts.kept + daily.kept ? `；${entries.kept + attempts.kept + daily.kept} 项与本机不同，保留了本机的版本` : "") +
        "。",
    );
    this.showSettings();
    this.tally();
    return true;
  }

  // A scored attempt the quiz page could not save (storage was full), downloaded there as a file.
  async importUnsavedAttempt(name, text) {
    let attempt;
    try {
      attempt = JSON.parse(text).attempt;
    } catch {
      return this.report("refused", `导入被拒绝：${name} 不是完整的 JSON 文件（可能下载时被截断），本机数据没有改动。`);
    }
    const fields = ["id", "quiz_id", "version", "submitted_at"];
    const missing = fields.filter((field) => typeof attempt?.[field] !== "string");
    if (missing.length || typeof attempt.answers !== "object" || typeof attempt.result !== "object") {
      return this.report("refused", `导入被拒绝：${name} 中的作答缺少 ${missing.join("、") || "answers/result"}，本机数据没有改动。`);
    }
    const device = readDevice().device;
    if (device.attempts.some((a) => a.id === attempt.id)) return this.report("imported", "这次作答本机已有，未重复写入。");
    const written = await addAttempt(attempt);
    if (!written.ok) return this.report("refused", `导入失败（${written.reason}），本机数据没有改动。`);
    this.device = readDevice().device;
    this.report("imported", "已导入：新增 1 次作答。");
    this.tally();
  }

  listen() {
    addEventListener("cadre-store", ({ detail }) => {
      if (detail.remote && detail.keys.some((key) => /^(entry|attempt|ledger):/.test(key))) this.reread();
    });
    this.ruleSelect.addEventListener("change", () => this.saveSettings());
    this.termInput.addEventListener("change", () => this.saveSettings());
    this.yearInput.addEventListener("change", () => {
      // The year is a view setting (not part of the record): the summary page opens on it too.
      saveYear(Number(this.yearInput.value) || null);
      this.tally();
    });
    for (const field of ["name", "unit"]) {
      const input = this.root.querySelector(`input[name="${field}"]`);
      input.addEventListener("input", () => this.saveProfileField(field, input.value));
    }
    this.form.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveForm();
    });
    this.form.cancel.addEventListener("click", () => this.form.reset());
    this.root.querySelector('[data-action="export"]').addEventListener("click", () => this.exportRecord());
    this.root.querySelector('[data-action="copy-record"]').addEventListener("click", () => this.copyRecord());
    this.root.querySelector('[data-action="import-pasted"]').addEventListener("click", () => this.importPasted());
    if (/MicroMessenger/i.test(navigator.userAgent)) this.root.querySelector("[data-wechat]").hidden = false;
    const fileInput = this.root.querySelector('[data-action="import"]');
    fileInput.addEventListener("change", () => {
      const file = fileInput.files[0];
      fileInput.value = "";
      if (file) this.importRecord(file);
    });
  }
}

const root = document.querySelector("[data-ledger]");
if (root) {
  await ready();
  const page = new LedgerPage(root);
  page.showSettings();
  page.showPending();
  page.yearInput.value = String(readYear() ?? page.today.slice(0, 4));
  page.listen();
  page.showEntries();
  page.engine = tallyEngine(root, () => page.tally());
}
