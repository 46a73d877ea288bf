// Hosts Pyodide in a module worker (Pyodide 314 refuses classic workers).
// Protocol, request/reply matched by id:
//   page -> worker {type: "init", pyodideURL, archiveURL, archiveSha256}
//   worker -> page {type: "progress", percent, text} | {type: "ready"} | {type: "failed", reason}
//   page -> worker {type: "call", id, request}   (request: JSON text)
//   worker -> page {type: "reply", id, response} (response: JSON text)

let handle = null;

const post = (message) => self.postMessage(message);
const progress = (percent, text) => post({ type: "progress", percent, text });

// Checks the archive against the hash written into the page at build time before
// anything from it is imported, so a damaged or swapped file is refused, not run.
const BOOT = `
import hashlib, sys
with open("/home/pyodide/scoring.zip", "rb") as f:
    _digest = hashlib.sha256(f.read()).hexdigest()
if _digest != _expected_sha256:
    raise RuntimeError("archive-hash-mismatch")
sys.path.insert(0, "/home/pyodide/scoring.zip")
from scoring.api import handle as _handle
`;

async function init({ pyodideURL, archiveURL, archiveSha256 }) {
  progress(10, "正在下载 Python 运行环境（首次约 6 MB，之后走缓存）…");
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  const pyodide = await loadPyodide({ indexURL: pyodideURL, stdout: () => {}, stderr: () => {} });
  progress(80, "正在载入评分程序…");
  const response = await fetch(archiveURL);
  if (!response.ok) throw new Error(`评分程序下载失败（HTTP ${response.status}）`);
  pyodide.FS.writeFile("/home/pyodide/scoring.zip", new Uint8Array(await response.arrayBuffer()));
  pyodide.globals.set("_expected_sha256", archiveSha256);
  try {
    pyodide.runPython(BOOT);
  } catch (error) {
    if (String(error).includes("archive-hash-mismatch")) throw new Error("评分程序文件已损坏或被改动，已拒绝运行");
    throw error;
  }
  handle = pyodide.globals.get("_handle");
  progress(100, "评分引擎已就绪");
  post({ type: "ready" });
}

// Pyodide can fail inside promises it does not return to us (a 404 wasm, for one);
// report those too instead of leaving the page waiting for the time-out.
self.addEventListener("unhandledrejection", (event) => {
  if (handle === null) post({ type: "failed", reason: `运行环境加载出错（${event.reason?.message ?? event.reason}）` });
});

// Pyodide 314 catches a failed WebAssembly instantiation (missing or damaged
// pyodide.asm.wasm), prints this warning and never settles loadPyodide(). The
// warning is the only signal, so treat it as the failure it is.
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (handle === null && args[0] === "wasm instantiation failed!") {
    post({ type: "failed", reason: "Python 运行环境文件缺失或已损坏" });
  }
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
  } else if (message.type === "call") {
    let response;
    try {
      response = handle(message.request);
    } catch (error) {
      // scoring.api.handle never raises; this guards against an engine fault.
      response = JSON.stringify({ ok: false, error: { code: "engine", message: "评分引擎出错，请重试" } });
    }
    post({ type: "reply", id: message.id, response });
  }
};
