// The officer's page: picks the files, hands them to quizkit.officer in the worker, shows the
// figures and offers the workbook. Nothing is uploaded: the files are read here and posted to the
// page's own worker.

import { element } from "../quiz/dom.js";
import { today } from "../quiz/dates.js";

const root = document.querySelector("[data-officer]");
const files = JSON.parse(root.querySelector("script.officer-files").textContent);
const statusBox = root.querySelector("[data-engine-status]");
const reportTool = root.querySelector("[data-officer-report]");
const bankTool = root.querySelector("[data-bank-import]");
const $ = (selector) => reportTool.querySelector(selector);

let worker = null;
let ready = false;
let nextId = 1;
const pending = new Map();

function setStatus(status, text, percent) {
  statusBox.dataset.engineStatus = status;
  statusBox.querySelector(".quiz-engine__text").textContent = text;
  const bar = statusBox.querySelector("progress");
  if (percent == null) bar.removeAttribute("value");
  else bar.value = percent;
  statusBox.querySelector("[data-action=retry]").hidden = status !== "failed";
  updateButtons();
}

function startWorker() {
  worker?.terminate();
  ready = false;
  setStatus("loading", "正在启动汇总程序…", null);
  const timeout = setTimeout(() => fail("汇总程序加载超时。"), Number(root.dataset.engineTimeout) * 1000);
  worker = new Worker(new URL(root.dataset.engine, location.href), { type: "module" });
  worker.onerror = () => fail("汇总程序文件加载失败（文件缺失或网络中断）。");
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") setStatus("loading", data.text, data.percent);
    else if (data.type === "ready") {
      clearTimeout(timeout);
      ready = true;
      setStatus("ready", "汇总程序已就绪。", 100);
    } else if (data.type === "failed") {
      clearTimeout(timeout);
      fail(`汇总程序加载失败：${data.reason}`);
    } else pending.get(data.id)?.(data);
  };
  const base = new URL(root.dataset.pyodide, location.href).href;
  const here = (url) => new URL(url, location.href).href;
  worker.postMessage({
    type: "init",
    pyodideURL: base,
    stdlibURL: here(files.stdlib),
    archives: files.archives.map((a) => ({ url: here(a.url), sha256: a.sha256 })),
    catalogueURL: here(files.catalogue),
    bankURL: here(files.bank),
  });
}

function fail(text) {
  worker?.terminate();
  worker = null;
  ready = false;
  setStatus("failed", text, 0);
}

// Sends one job; `onMessage` gets every message of it, the promise the final reply.
function call(message, onMessage = () => {}, transfer = []) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, (data) => {
      if (data.type === "reply") {
        pending.delete(id);
        resolve(data);
      } else onMessage(data);
    });
    worker.postMessage({ ...message, id }, transfer);
  });
}

// ---- 汇总学习档案 ----

let records = []; // {name, file}
let roster = null;

// A folder pick names files from inside the folder, as `cadre-officer report 文件夹` does.
function pickedName(file) {
  const relative = file.webkitRelativePath;
  return relative ? relative.split("/").slice(1).join("/") : file.name;
}

function updateButtons() {
  bankTool.querySelector("[data-action=import-bank]").disabled = !ready || bankTool.querySelector("[data-action=add-bank]").files.length === 0;
  $("[data-action=build-report]").disabled = !ready || records.length === 0;
  $("[data-selected]").textContent = records.length
    ? `已选择 ${records.length} 个文件${roster ? `，名单：${roster.name}` : ""}。`
    : "还没有选择档案。";
}

function addRecords(input) {
  const known = new Set(records.map((r) => r.name));
  for (const file of input.files) {
    const name = pickedName(file);
    if (!known.has(name)) records.push({ name, file });
    known.add(name);
  }
  showFiles();
  updateButtons();
}

// One line per picked file: a bar (read, then examined) and what became of it.
function showFiles() {
  const list = $("[data-file-list]");
  list.replaceChildren(
    ...records.map((record) => {
      record.item = element("li", { "data-file": record.name, "data-file-status": "waiting" },
        element("progress", { max: "100", value: "0" }), element("span", {}, `${record.name}：等待`));
      return record.item;
    }),
  );
  list.hidden = records.length === 0;
}

function fileState(record, percent, state, text) {
  record.item.dataset.fileStatus = state;
  record.item.querySelector("progress").value = percent;
  record.item.querySelector("span").textContent = `${record.name}：${text}`;
}

function showFileResults(statuses) {
  const byName = new Map(statuses.map((s) => [s.name, s.statuses]));
  for (const record of records) {
    const counts = Object.entries(byName.get(record.name) ?? {});
    const single = counts.length === 1 && counts[0][1] === 1 && !/\.zip$/i.test(record.name);
    const text = single ? counts[0][0] : counts.map(([s, n]) => `${n} 份${s}`).join("，");
    const bad = counts.some(([s]) => s !== "已核验");
    fileState(record, 100, bad ? "problem" : "verified", text || "没有读到档案");
  }
}

function showError(message) {
  const box = $("[data-report-error]");
  box.textContent = message;
  box.hidden = !message;
}

function showProgress(percent, text) {
  const box = $("[data-report-progress]");
  box.hidden = percent === null;
  box.querySelector("progress").value = percent ?? 0;
  box.querySelector("span").textContent = text ?? "";
}

function cellText(value) {
  return value === null || value === undefined ? "" : String(value);
}

function tableOf(table, limit = 200) {
  const head = element("tr", {}, ...table.header.map((h) => element("th", { scope: "col" }, h)));
  const rows = table.rows.slice(0, limit).map((row) => element("tr", {}, ...row.map((v) => element("td", {}, cellText(v)))));
  const more = table.rows.length > limit ? element("p", {}, `只显示前 ${limit} 行，共 ${table.rows.length} 行；完整内容在下载的表格里。`) : null;
  return element("div", { class: "officer-table" }, element("table", {}, element("thead", {}, head), element("tbody", {}, ...rows)), more);
}

// A bar chart as plain HTML: a label, a bar as wide as the value's share of 100, the value.
function chart(name, title, items) {
  const rows = items.map(([label, value]) =>
    element("li", {}, element("span", {}, label),
      element("span", { class: "officer-chart__bar", style: `width: ${Math.max(0, Math.min(100, value))}%` }),
      element("span", {}, `${value}%`)));
  return element("figure", { class: "officer-chart", "data-chart": name },
    element("figcaption", {}, title), rows.length ? element("ol", {}, ...rows) : element("p", {}, "没有可画的数据。"));
}

function column(table, name) {
  const index = table.header.indexOf(name);
  return (row) => row[index];
}

function charts(summary) {
  const [, quizzes, questions] = summary.tables;
  const quizName = column(quizzes, "名称");
  const passRate = column(quizzes, "通过率（%）");
  const rank = column(questions, "排名");
  const text = column(questions, "题目");
  const missed = column(questions, "未答对比例（%）");
  const ranked = questions.rows.filter((row) => rank(row) !== null).slice(0, 10);
  return [
    chart("pass-rates", "各测验通过率（作答人中通过的比例）", quizzes.rows.filter((r) => passRate(r) !== null).map((r) => [quizName(r), passRate(r)])),
    chart("most-missed", "最常答错的题（至少 5 人次作答，前 10 道）", ranked.map((r) => [text(r), missed(r)])),
  ];
}

function showReport(summary, workbook, csv) {
  const out = $("[data-report-output]");
  out.replaceChildren();
  const c = summary.counts;
  const figures = [
    ["档案", c.records],
    ["已核验", c.verified],
    ["有问题", c.problems],
    ...(summary.roster ? [["未交", c.missing]] : []),
  ];
  const ready = element("dl", {
    class: "officer-counts",
    "data-report-ready": "",
    "data-records": String(c.records),
    "data-verified": String(c.verified),
    "data-problems": String(c.problems),
    "data-missing": String(c.missing),
    "data-regraded": String(c.regraded),
  });
  for (const [label, value] of figures) ready.append(element("div", {}, element("dt", {}, label), element("dd", {}, String(value))));
  const name = `学习档案汇总-${summary.year}.xlsx`;
  const link = element("a", {
    class: "md-button md-button--primary",
    "data-action": "download-report",
    download: name,
    href: URL.createObjectURL(new Blob([workbook], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })),
  }, `下载汇总表（${name}）`);
  const csvLink = element("a", {
    class: "md-button",
    "data-action": "download-csv",
    download: `学习档案汇总-${summary.year}.csv`,
    href: URL.createObjectURL(new Blob([csv], { type: "text/csv" })),
  }, "下载学员汇总（.csv）");
  out.append(element("p", {}, summary.title), ready, element("p", {}, link, " ", csvLink), ...charts(summary));
  for (const table of summary.tables) out.append(element("h3", {}, table.sheet), tableOf(table));
  out.hidden = false;
}

async function buildReport() {
  showError("");
  $("[data-report-output]").hidden = true;
  $("[data-action=build-report]").disabled = true;
  const yearText = reportTool.querySelector("input[name=year]").value.trim();
  const year = yearText ? Number(yearText) : null;
  const regrade = reportTool.querySelector("input[name=regrade]").checked;
  try {
    const picked = [];
    for (const [index, record] of records.entries()) {
      showProgress(Math.round((index * 30) / records.length), `正在读取 ${record.name}…`);
      fileState(record, 10, "reading", "正在读取");
      picked.push({ name: record.name, data: new Uint8Array(await record.file.arrayBuffer()) });
      fileState(record, 50, "read", "已读取，等待核验");
    }
    const rosterData = roster ? { name: roster.name, data: new Uint8Array(await roster.arrayBuffer()) } : null;
    showProgress(30, "正在核验和重新评分…");
    const reply = await call(
      { type: "report", files: picked, roster: rosterData, year, today: today(), regrade },
      ({ done, total }) => showProgress(30 + Math.round((done * 65) / total), `已核验 ${done} / ${total} 份档案`),
      picked.map((p) => p.data.buffer),
    );
    showProgress(null);
    if (!reply.ok) showError(reply.message);
    else {
      showFileResults(reply.summary.files);
      showReport(reply.summary, reply.workbook, reply.csv);
    }
  } catch (error) {
    showProgress(null);
    showError(`文件读取失败：${error instanceof Error ? error.message : error}`);
  } finally {
    updateButtons();
  }
}

// ---- 导入题库 ----

function showBank(reply) {
  const out = bankTool.querySelector("[data-bank-output]");
  const errors = bankTool.querySelector("[data-bank-errors]");
  out.replaceChildren();
  errors.replaceChildren();
  const { result } = reply;
  if (!result.ok) {
    errors.append(...result.problems.map((p) => element("li", {}, p)));
    errors.hidden = false;
    out.append(element("p", { role: "alert" }, `共 ${result.problems.length} 处问题，请改好表格后重新选择文件。`));
    out.hidden = false;
    return;
  }
  errors.hidden = true;
  const type = result.file_name.endsWith(".zip") ? "application/zip" : "text/yaml";
  const link = element("a", {
    class: "md-button md-button--primary",
    "data-action": "download-bank",
    download: result.file_name,
    href: URL.createObjectURL(new Blob([reply.content], { type })),
  }, `下载测验文件（${result.file_name}）`);
  out.append(element("p", {}, link), element("p", {}, "把下载的文件放进项目的 quizzes/ 文件夹，再构建网站。"));
  if (result.notices.length) out.append(element("ul", { class: "officer-notices" }, ...result.notices.map((n) => element("li", {}, n))));
  for (const quiz of result.quizzes) {
    out.append(element("h3", {}, `${quiz.title}（${quiz.id}，${quiz.questions.length} 道题）`));
    out.append(tableOf({
      header: ["题号", "题型", "题目", "分值"],
      rows: quiz.questions.map((q) => [q.id, q.type, q.stem, q.points]),
    }));
  }
  out.hidden = false;
}

async function importBank() {
  const input = bankTool.querySelector("[data-action=add-bank]");
  const settings = Object.fromEntries([...bankTool.querySelectorAll("[data-setting]")].map((f) => [f.name, f.value]));
  bankTool.querySelector("[data-action=import-bank]").disabled = true;
  try {
    const picked = [];
    for (const file of input.files) picked.push({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
    const reply = await call({ type: "bank", files: picked, settings }, () => {}, picked.map((p) => p.data.buffer));
    if (reply.ok === false) throw new Error(reply.message);
    showBank(reply);
  } catch (error) {
    bankTool.querySelector("[data-bank-output]").replaceChildren(element("p", { role: "alert" }, `导入失败：${error instanceof Error ? error.message : error}`));
    bankTool.querySelector("[data-bank-output]").hidden = false;
  } finally {
    updateButtons();
  }
}

bankTool.querySelector("[data-action=add-bank]").addEventListener("change", updateButtons);
bankTool.querySelector("[data-action=import-bank]").addEventListener("click", importBank);

reportTool.querySelector("input[name=year]").value ||= today().slice(0, 4);
$("[data-action=add-records]").addEventListener("change", (e) => addRecords(e.target));
$("[data-action=add-folder]").addEventListener("change", (e) => addRecords(e.target));
$("[data-action=add-roster]").addEventListener("change", (e) => {
  roster = e.target.files[0] ?? null;
  updateButtons();
});
$("[data-action=build-report]").addEventListener("click", buildReport);
statusBox.querySelector("[data-action=retry]").addEventListener("click", startWorker);
startWorker();
