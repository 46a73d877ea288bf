// Hosts Pyodide for the officer's page, in a module worker so the page stays responsive.
// It runs quizkit.officer itself (the code behind `cadre-officer report`), with the full
// standard library and the pure-Python wheels it needs, all from this site.
// Protocol, request/reply matched by id:
//   page -> worker {type: "init", pyodideURL, stdlibURL, archives: [{url, sha256}]}
//   worker -> page {type: "progress", percent, text} | {type: "ready"} | {type: "failed", reason}
//   page -> worker {type: "report", id, files: [{name, data}], roster: {name, data}|null, year, today, regrade}
//   worker -> page {type: "examined", id, done, total}   (while the records are examined)
//   worker -> page {type: "reply", id, ok, message?, summary?, workbook?, csv?}
//   page -> worker {type: "bank", id, files: [{name, data}], settings: {id, title, area, pass_mark, link}}
//   worker -> page {type: "reply", id, result: {ok, problems | quizzes, notices, file_name}, content}

let pyodide = null;
let api = null;

const post = (message, transfer = []) => self.postMessage(message, transfer);
const progress = (percent, text) => post({ type: "progress", percent, text });

// Each archive is checked against the hash the page carries before anything in it is imported.
const BOOT = `
import hashlib, sys, zipfile, io
for _path, _sha in _expected:
    with open(_path, "rb") as _f:
        _data = _f.read()
    if hashlib.sha256(_data).hexdigest() != _sha:
        raise RuntimeError("archive-hash-mismatch")
    zipfile.ZipFile(io.BytesIO(_data)).extractall("/home/pyodide/officer")
sys.path.insert(0, "/home/pyodide/officer")
from quizkit.officer import workbench as _api
`;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`文件下载失败（HTTP ${response.status}）：${url}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function init({ pyodideURL, stdlibURL, archives, catalogueURL, bankURL }) {
  progress(5, "正在下载运行环境…");
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  pyodide = await loadPyodide({ indexURL: pyodideURL, stdLibURL: stdlibURL, stdout: () => {}, stderr: () => {} });
  progress(60, "正在下载汇总程序…");
  const expected = [];
  for (const [index, archive] of archives.entries()) {
    const path = `/home/pyodide/archive-${index}.zip`;
    pyodide.FS.writeFile(path, await fetchBytes(archive.url));
    expected.push([path, archive.sha256]);
  }
  progress(80, "正在载入汇总程序…");
  pyodide.globals.set("_expected", pyodide.toPy(expected));
  try {
    pyodide.runPython(BOOT);
  } catch (error) {
    if (String(error).includes("archive-hash-mismatch")) throw new Error("汇总程序文件已损坏或被改动，已拒绝运行");
    throw error;
  }
  api = pyodide.globals.get("_api");
  api.load_catalogue(new TextDecoder().decode(await fetchBytes(catalogueURL)));
  api.load_site_bank(new TextDecoder().decode(await fetchBytes(bankURL)));
  progress(100, "汇总程序已就绪");
  post({ type: "ready" });
}

function report({ id, files, roster, year, today, regrade }) {
  const names = files.map((f) => f.name);
  const datas = files.map((f) => f.data);
  const onExamined = (done, total) => post({ type: "examined", id, done, total });
  // undefined, not null: Pyodide turns null into JsNull, undefined into None.
  const result = api.report(names, datas, roster?.name, roster?.data, year ?? undefined, today, onExamined, Boolean(regrade));
  const [text, workbook, csv] = result.toJs();
  result.destroy();
  const reply = JSON.parse(text);
  if (!reply.ok) return post({ type: "reply", id, ...reply });
  post({ type: "reply", id, ok: true, summary: reply.summary, workbook, csv }, [workbook.buffer, csv.buffer]);
}

function bank({ id, files, settings }) {
  const result = api.bank(
    files.map((f) => f.name),
    files.map((f) => f.data),
    JSON.stringify(settings),
  );
  const [text, content] = result.toJs();
  result.destroy();
  post({ type: "reply", id, result: JSON.parse(text), content }, [content.buffer]);
}

self.addEventListener("unhandledrejection", (event) => {
  if (api === null) post({ type: "failed", reason: `运行环境加载出错（${event.reason?.message ?? event.reason}）` });
});

const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (api === null && args[0] === "wasm instantiation failed!") post({ type: "failed", reason: "运行环境的文件缺失或已损坏" });
  warn(...args);
};

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message);
    } catch (error) {
      post({ type: "failed", reason: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  try {
    if (message.type === "report") report(message);
    else if (message.type === "bank") bank(message);
  } catch (error) {
    console.error(error);
    // workbench returns every failure as data; this guards against a fault of the engine itself.
    post({ type: "reply", id: message.id, ok: false, message: "汇总程序出错，请重试。" });
  }
};
