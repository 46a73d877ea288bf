// The engine for a page: a root element carrying the engine's data-* attributes (written by the
// build) and its status box (.quiz-engine: progress bar, text, retry button), kept up to date here.

import { Engine } from "./engine.js";

// texts: what the box says once the engine is ready or has failed, in the page's own words;
// onState(state) is called after the box has been updated.
export function engineFor(root, { readyText = null, failedText = null, onState = () => {} } = {}) {
  const box = root.querySelector(".quiz-engine");
  const text = box.querySelector(".quiz-engine__text");
  const bar = box.querySelector("progress");
  const retry = box.querySelector('[data-action="retry"]');
  const engine = new Engine({
    workerURL: new URL(root.dataset.engine, document.baseURI).href,
    pyodideURL: new URL(root.dataset.pyodide, document.baseURI).href,
    archiveURL: new URL(root.dataset.archive, document.baseURI).href,
    archiveSha256: root.dataset.archiveSha256,
    stallSeconds: Number(root.dataset.engineStall),
    onState(state) {
      box.dataset.engineStatus = state.status;
      text.textContent = (state.status === "ready" && readyText) || (state.status === "failed" && failedText) || state.text;
      if (state.percent == null) bar.removeAttribute("value");
      else bar.value = state.percent;
      bar.hidden = state.status === "ready";
      if (state.status === "ready") box.dataset.engineRestored = String(state.restored);
      if (state.status === "failed") box.dataset.engineFailure = state.kind ?? "";
      else delete box.dataset.engineFailure;
      retry.hidden = state.status !== "failed";
      onState(state);
    },
  });
  retry.addEventListener("click", () => engine.start());
  return engine;
}

// The engine on the ledger and summary pages, where it tallies the learner's records; started at once.
export function tallyEngine(root, onReady) {
  const engine = engineFor(root, {
    readyText: "统计程序已就绪。",
    failedText: "统计程序没能加载。你的记录都保存在本机，不会丢失；可以点“重试”。",
    onState: (state) => {
      if (state.status === "ready") onReady();
    },
  });
  engine.start();
  return engine;
}
