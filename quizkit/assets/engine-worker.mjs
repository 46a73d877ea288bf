// Hosts Pyodide in a module worker (Pyodide 314 refuses classic workers).
// Protocol, request/reply matched by id:
//   page -> worker {type: "init", pyodideURL, archiveURL, archiveSha256}
//   worker -> page {type: "progress", percent, text} | {type: "ready"} | {type: "failed", reason}
//   page -> worker {type: "call", id, request}   (request: JSON text)
//   worker -> page {type: "reply", id, response} (response: JSON text)

import { bootEngine } from "./engine-boot.mjs";

let handle = null;

const post = (message) => self.postMessage(message);
const progress = (percent, text) => post({ type: "progress", percent, text });

async function init({ pyodideURL, archiveURL, archiveSha256 }) {
  const engine = await bootEngine({ pyodideURL, archiveURL, archiveSha256, onProgress: progress });
  handle = engine.handle;
  progress(100, "评分引擎已就绪");
  post({ type: "ready", restored: engine.restored });
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
    post({ type: "failed", reason: "评分程序的文件缺失或已损坏" });
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
