// Ledger page (学时台账), phone first: entries are saved on the device as they are made;
// the tally is computed by scoring (Pyodide in a module worker) with the chosen rules;
// the record is exported as one JSON file and merged back on import.

import { engineFor } from "./ui.js";
import { damagedRecords } from "./store.js";
import { deleteEntry, download, localToday, readDevice, saveEntry, saveProfile, saveSettings, writeDevice } from "./record.js";
import { element, renderTally } from "./tally-view.js";

const FAILED_TEXT = "统计程序没能加载。你的记录都保存在本机，不会丢失；可以点“重试”。";

function newId() {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, "0");
  return `e-${Date.now().toString(36)}-${random}`;
}

export function startEngine(root, onReady) {
  const text = root.querySelector(".quiz-engine__text");
  const engine = engineFor(root, (state) => {
    // The shared box speaks of answers (作答); here it is the learner's records.
    if (state.status === "failed") text.textContent = FAILED_TEXT;
    if (state.status === "ready") {
      text.textContent = "统计程序已就绪。";
      onReady();
    }
  });
  engine.start();
  return engine;
}

function start(root) {
  const data = JSON.parse(root.querySelector("script.ledger-data").textContent);
  const kinds = new Map(data.kinds.map((kind) => [kind.id, kind]));
  const ruleSets = new Map(data.rule_sets.map((set) => [set.id, set]));
  const notice = root.querySelector(".quiz-notice");
  const form = root.querySelector("[data-form]");
  const formError = form.querySelector(".ledger-form__error");
  const list = root.querySelector("[data-entries]");
  const tallyBox = root.querySelector("[data-tally-box]");
  const recordStatus = root.querySelector("[data-record-status]");
  const ruleSelect = root.querySelector('select[name="rule_set"]');
  const termInput = root.querySelector('input[name="term_start"]');
  const yearInput = root.querySelector('input[name="year"]');
  const { today } = localToday();
  let statuses = new Map();
  let lastDeleted = null;

  const say = (message) => {
    notice.textContent = message;
    notice.hidden = !message;
  };

  const read = readDevice();
  if (read.setAside.length) say(`本机有 ${read.setAside.length} 条记录无法读取，已原样另存（导出档案时一并带上），其余记录照常使用。`);
  let device = read.device;

  // Settings and profile.
  if (!ruleSets.has(device.settings.rule_set)) device.settings.rule_set = data.rule_sets[0].id;
  ruleSelect.value = device.settings.rule_set;
  termInput.value = device.settings.term_start ?? "";
  yearInput.value = today.slice(0, 4);
  for (const field of ["name", "unit"]) {
    const input = root.querySelector(`input[name="${field}"]`);
    input.value = device.profile[field] ?? "";
    input.addEventListener("input", () => {
      device.profile[field] = input.value;
      const outcome = saveProfile(device.profile);
      if (!outcome.ok) say(`个人信息无法保存（${outcome.reason}）。`);
    });
  }
  const showPeriodInputs = () => {
    const isTerm = ruleSets.get(ruleSelect.value).rules.period.type === "term";
    root.querySelector("[data-term]").hidden = !isTerm;
    root.querySelector("[data-year]").hidden = isTerm;
  };
  const saveSettingsNow = () => {
    device.settings = { ...device.settings, rule_set: ruleSelect.value, term_start: termInput.value || null };
    const outcome = saveSettings(device.settings);
    if (!outcome.ok) say(`设置无法保存（${outcome.reason}）。`);
    showPeriodInputs();
    tally();
  };
  ruleSelect.addEventListener("change", saveSettingsNow);
  termInput.addEventListener("change", saveSettingsNow);
  yearInput.addEventListener("change", () => tally());
  showPeriodInputs();

  // The entry form.
  const kindSelect = form.elements.kind;
  const showAmount = () => {
    const unit = kinds.get(kindSelect.value)?.unit;
    form.querySelector("[data-amount]").hidden = unit !== "time";
  };
  kindSelect.addEventListener("change", showAmount);
  form.elements.date.value = today;
  showAmount();

  const resetForm = () => {
    form.reset();
    delete form.dataset.editing;
    form.elements.date.value = today;
    form.querySelector('[data-action="cancel"]').hidden = true;
    formError.hidden = true;
    showAmount();
  };

  // One entry changes at a time, under its own key: another tab's entries are never touched.
  const persist = (change, message) => {
    const outcome = change.save ? saveEntry(change.save) : deleteEntry(change.remove);
    if (!outcome.ok) {
      say(`这条记录无法保存在本机（${outcome.reason}），已保存的记录没有改动。`);
      return false;
    }
    const others = device.entries.filter((e) => e.id !== (change.save?.id ?? change.remove));
    device.entries = change.save ? [...others, change.save] : others;
    say(message);
    renderEntries();
    tally();
    return true;
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const kind = kinds.get(kindSelect.value);
    const date = form.elements.date.value;
    const amount = Number(form.elements.amount.value);
    const problem = !date
      ? "请选择日期。"
      : kind.unit === "time" && !(amount > 0)
        ? "请填写大于 0 的天数或学时。"
        : kind.unit === "time" && amount > (form.elements.amount_unit.value === "days" ? 366 : 1000)
          ? "数量太大，请检查。"
          : "";
    formError.textContent = problem;
    formError.hidden = !problem;
    if (problem) return;
    const now = new Date().toISOString();
    const editing = form.dataset.editing;
    const old = device.entries.find((e) => e.id === editing);
    const entry = {
      id: editing ?? newId(),
      kind: kind.id,
      date,
      hours: kind.unit === "time" && form.elements.amount_unit.value === "hours" ? amount : null,
      days: kind.unit === "time" && form.elements.amount_unit.value === "days" ? amount : null,
      note: form.elements.note.value.trim(),
      created_at: old?.created_at ?? now,
      updated_at: now,
    };
    if (persist({ save: entry }, editing ? "已保存修改。" : "已保存。")) resetForm();
  });
  form.querySelector('[data-action="cancel"]').addEventListener("click", resetForm);

  function amountText(entry) {
    if (entry.days != null) return `${entry.days} 天`;
    if (entry.hours != null) return `${entry.hours} 学时`;
    return "1 次";
  }

  function renderEntries() {
    const sorted = [...device.entries].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || b.id.localeCompare(a.id));
    if (!sorted.length) {
      list.replaceChildren(element("li", { class: "ledger-empty" }, "还没有记录。"));
      return;
    }
    list.replaceChildren(
      ...sorted.map((entry) => {
        const status = statuses.get(entry.id);
        const edit = element("button", { type: "button", class: "md-button", "data-action": "edit" }, "修改");
        const remove = element("button", { type: "button", class: "md-button", "data-action": "delete" }, "删除");
        edit.addEventListener("click", () => {
          form.dataset.editing = entry.id;
          kindSelect.value = entry.kind;
          form.elements.date.value = entry.date;
          form.elements.amount.value = entry.days ?? entry.hours ?? "";
          form.elements.amount_unit.value = entry.hours != null ? "hours" : "days";
          form.elements.note.value = entry.note ?? "";
          form.querySelector('[data-action="cancel"]').hidden = false;
          showAmount();
          form.scrollIntoView({ block: "start" });
        });
        remove.addEventListener("click", () => {
          lastDeleted = entry;
          if (persist({ remove: entry.id }, "")) {
            const undo = element("button", { type: "button", class: "md-button", "data-action": "undo" }, "撤销");
            undo.addEventListener("click", () => {
              if (lastDeleted) persist({ save: lastDeleted }, "已恢复。");
              lastDeleted = null;
            });
            notice.replaceChildren(`已删除 ${entry.date} 的一条记录。`, undo);
            notice.hidden = false;
          }
        });
        const statusText = !status ? "" : status.counted ? `计 ${status.hours} 学时` : status.message;
        return element(
          "li",
          { class: "ledger-entry", "data-entry-id": entry.id, "data-flag": status?.flag ?? "" },
          element("div", { class: "ledger-entry__main" }, element("strong", {}, kinds.get(entry.kind)?.title ?? entry.kind), ` · ${entry.date} · ${amountText(entry)}`),
          entry.note ? element("div", { class: "ledger-entry__note" }, entry.note) : null,
          statusText ? element("div", { class: "ledger-entry__status" }, statusText) : null,
          element("div", { class: "ledger-entry__actions" }, edit, remove),
        );
      }),
    );
  }

  // Tally, export and import go through scoring in the engine.
  const ruleSet = () => ruleSets.get(ruleSelect.value);
  let tallyRun = 0;
  async function tally() {
    if (engine.status !== "ready") return;
    const run = ++tallyRun;
    const year = Number(yearInput.value) || Number(today.slice(0, 4));
    const reply = await engine.call({
      op: "tally",
      rules: ruleSet().rules,
      entries: device.entries,
      attempts: device.attempts,
      year,
      term_start: ruleSet().rules.period.type === "term" ? device.settings.term_start : null,
      ...localToday(),
    });
    if (run !== tallyRun) return; // a newer tally is on its way
    if (!reply.ok) {
      tallyBox.replaceChildren(element("p", { class: "ledger-tally__error" }, reply.error.message));
      statuses = new Map();
    } else {
      renderTally(tallyBox, reply.result);
      statuses = new Map(reply.result.entries.map((s) => [s.id, s]));
    }
    renderEntries();
  }

  const report = (state, message) => {
    recordStatus.dataset.state = state;
    recordStatus.textContent = message;
  };

  root.querySelector('[data-action="export"]').addEventListener("click", async () => {
    if (engine.status !== "ready") return report("waiting", "统计程序还在加载，请稍候再导出。");
    const current = readDevice();
    const reply = await engine.call({ op: "export_record", rules: ruleSet().rules, device: current.device, ...localToday() });
    if (!reply.ok) return report("failed", `导出失败：${reply.error.message}`);
    download(reply.result.text, reply.result.filename);
    const damaged = damagedRecords();
    // Records the device could not read travel in a separate raw file: never parsed, never lost.
    if (damaged.length) download(JSON.stringify({ format: "cadre-damaged-records", records: damaged }, null, 1), `无法读取的本机数据-${localToday().today}.json`);
    recordStatus.dataset.sha256 = reply.result.sha256;
    report("exported", `已导出 ${reply.result.filename}（校验值 ${reply.result.sha256.slice(0, 12)}…）。如果没有开始下载（例如在微信里），请先用手机浏览器打开本页。`);
  });

  const fileInput = root.querySelector('[data-action="import"]');
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    if (engine.status !== "ready") return report("waiting", "统计程序还在加载，请稍候再导入。");
    const current = readDevice();
    const reply = await engine.call({ op: "import_record", text: await file.text(), device: current.device });
    if (!reply.ok) return report("refused", `导入被拒绝：${reply.error.message}`);
    const written = writeDevice(reply.result.device);
    if (!written.ok) return report("refused", `导入失败（${written.reason}），本机数据没有改动。`);
    device = reply.result.device;
    const { entries, attempts } = reply.result.summary;
    report(
      "imported",
      `已导入：新增 ${entries.added} 条记录、${attempts.added} 次作答；已有的 ${entries.same + attempts.same} 项未重复写入` +
        (entries.updated ? `；${entries.updated} 条记录换成了档案里较新的版本` : "") +
        (entries.kept + attempts.kept ? `；${entries.kept + attempts.kept} 项与本机不同，保留了本机的版本` : "") +
        "。",
    );
    ruleSelect.value = ruleSets.has(device.settings.rule_set) ? device.settings.rule_set : ruleSelect.value;
    termInput.value = device.settings.term_start ?? "";
    for (const field of ["name", "unit"]) root.querySelector(`input[name="${field}"]`).value = device.profile[field] ?? "";
    showPeriodInputs();
    tally();
  });

  renderEntries();
  const engine = startEngine(root, () => tally());
}

const root = document.querySelector("[data-ledger]");
if (root) start(root);
