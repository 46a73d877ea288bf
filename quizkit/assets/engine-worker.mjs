// Hosts Pyodide in a module worker (Pyodide 314 refuses classic workers).
// Protocol, request/reply matched by id:
//   page -> worker {type: "init", pyodideURL, archiveURL, archiveSha256, stallMs, restore}
//   worker -> page {type: "progress", percent, text, received, total} | {type: "ready"}
//                | {type: "failed", kind, file, detail}
//   page -> worker {type: "call", id, request}   (request: JSON text)
//   worker -> page {type: "reply", id, response} (response: JSON text)
// kind is one of engine-files.js's kinds ("network", "stalled", "missing", "server", "damaged"),
// or "wasm" (the browser could not start the checked wasm) or "engine" (anything else); the page
// turns it into words.

import { bootEngine } from "./engine-boot.mjs";

let handle = null;
let failed = false;

const post = (message) => self.postMessage(message);

function fail(error) {
  if (failed || handle !== null) return;
  failed = true;
  const kind = typeof error?.kind === "string" ? error.kind : "engine";
  post({ type: "failed", kind, file: error?.file ?? "", detail: error?.detail ?? String(error?.message ?? error) });
}

async function init({ pyodideURL, archiveURL, archiveSha256, stallMs, restore }) {
  const engine = await bootEngine({
    pyodideURL,
    archiveURL,
    archiveSha256,
    stallMs,
    restore,
    onProgress: (state) => post({ type: "progress", ...state }),
  });
  handle = engine.handle;
  post({ type: "progress", percent: 100, text: "评分程序已就绪" });
  post({ type: "ready", restored: engine.restored });
}

// Pyodide can fail inside promises it does not return to us; report those too instead of
// leaving the page waiting for its stall time-out.
self.addEventListener("unhandledrejection", (event) => fail(event.reason));

// Pyodide 314 catches a failed WebAssembly instantiation, prints this warning and never settles
// loadPyodide(). The bytes were checked, so it is the browser that cannot run them.
const warn = console.warn.bind(console);
console.warn = (...args) => {
  if (args[0] === "wasm instantiation failed!") fail({ kind: "wasm", file: "pyodide.asm.wasm" });
  warn(...args);
};

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message);
    } catch (error) {
      fail(error);
    }
  } else if (message.type === "call") {
    let response;
    try {
      response = handle(message.request);
    } catch (error) {
      // scoring.api.handle never raises; this guards against an engine fault.
      response = JSON.stringify({ ok: false, error: { code: "engine", message: "评分程序出错，请重试" } });
    }
    post({ type: "reply", id: message.id, response });
  }
};
