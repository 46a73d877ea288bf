// The page's side of the scoring engine: starts the module worker, reports progress, words
// every failure for the learner and matches replies to requests by id.
//
// There is no wall-clock limit on the download: a slow link that keeps moving is never cut off.
// The worker gives up on a download after stallSeconds without a byte; the page gives up when the
// worker has said nothing for a little longer than that. Starting Python once the bytes are here
// is CPU work that sends no news (a slow phone, or a missing CSP allowance, which makes Pyodide
// hang rather than fail): that phase gets BOOT_SECONDS.

const RETRY = "你的作答已保存在本机。";
const BOOT_SECONDS = 120;

// What the learner reads for each kind of failure the worker reports (engine-worker.mjs): a
// network problem (check the signal and retry) is told apart from a damaged site (needs fixing).
export function failureText({ kind, file = "", detail = "", seconds = null }, stallSeconds) {
  const named = file ? `（${file}）` : "";
  switch (kind) {
    case "network":
      return "网络连接中断，评分程序没有下载完。请检查手机信号或网络，然后点“重试”，已下载的部分不用重新下载。";
    case "stalled":
      return `网络长时间没有响应（${stallSeconds} 秒没有收到数据）。请检查手机信号或网络，然后点“重试”，已下载的部分会接着下载。`;
    case "missing":
      return `网站上缺少评分程序的文件${named}。这需要网站管理员修复，请告诉培训专员；修复后点“重试”即可。`;
    case "damaged":
      return `网站上评分程序的文件已损坏${named}，没有使用也没有保存。这需要网站管理员修复，请告诉培训专员；修复后点“重试”即可。`;
    case "server": {
      const status = /HTTP (\d+)/.exec(detail)?.[1];
      return `网站暂时无法提供评分程序的文件${named}${status ? `（服务器错误 ${status}）` : ""}。请稍后点“重试”。`;
    }
    case "wasm":
      return "这个浏览器没能启动评分程序。请换用较新的浏览器，或点“重试”。";
    case "silent":
      return `评分程序 ${seconds ?? stallSeconds} 秒没有响应。请检查网络后点“重试”；如果仍然不行，请告诉培训专员。`;
    case "worker":
      return "评分程序的文件没能加载。请检查网络后点“重试”；如果仍然不行，请告诉培训专员。";
    default:
      return "评分程序启动时出错。请点“重试”；如果仍然不行，请告诉培训专员。";
  }
}

export class Engine {
  constructor({ workerURL, pyodideURL, archiveURL, archiveSha256, stallSeconds, onState }) {
    Object.assign(this, { workerURL, pyodideURL, archiveURL, archiveSha256, stallSeconds, onState });
    this.status = "idle";
    this.pending = new Map();
    this.nextId = 1;
  }

  setState(status, text, percent, extra = {}) {
    this.status = status;
    this.onState({ status, text, percent, ...extra });
  }

  start() {
    this.stop();
    if (typeof WebAssembly !== "object") {
      this.setState("failed", "这个浏览器版本太旧，无法运行评分程序。请换用较新的浏览器。", 0);
      return;
    }
    this.setState("loading", "正在启动评分程序…", null);
    try {
      this.worker = new Worker(this.workerURL, { type: "module" });
    } catch {
      this.setState("failed", "这个浏览器版本太旧，不能启动评分程序。请换用较新的浏览器。", 0);
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = () => this.fail({ kind: "worker" });
    this.heard();
    this.worker.postMessage({
      type: "init",
      pyodideURL: this.pyodideURL,
      archiveURL: this.archiveURL,
      archiveSha256: this.archiveSha256,
      stallMs: this.stallSeconds * 1000,
      // After a start that went silent while booting (a snapshot restore can hang), boot afresh.
      restore: !this.silentBoot,
    });
  }

  // The worker said something: it is alive. It has stallSeconds to notice a stalled download
  // itself (and say which file); the page waits a few seconds more before it gives up.
  heard(phase = "download") {
    clearTimeout(this.timer);
    const seconds = phase === "boot" ? Math.max(BOOT_SECONDS, this.stallSeconds) : this.stallSeconds + 5;
    this.timer = setTimeout(() => {
      if (phase === "boot") this.silentBoot = true;
      this.fail({ kind: "silent", seconds });
    }, seconds * 1000);
  }

  receive(message) {
    if (this.status === "loading") this.heard(message.phase);
    if (message.type === "progress") {
      this.setState("loading", message.text, message.percent, { received: message.received, total: message.total });
    } else if (message.type === "ready") {
      clearTimeout(this.timer);
      this.setState("ready", "评分程序已就绪，提交后立即评分。", 100, { restored: message.restored === true });
    } else if (message.type === "failed") {
      this.fail(message);
    } else if (message.type === "reply") {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiter?.resolve(JSON.parse(message.response));
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    for (const waiter of this.pending.values()) waiter.reject(new Error("评分程序已停止"));
    this.pending.clear();
  }

  fail(failure) {
    this.stop();
    this.setState("failed", `${failureText(failure, this.stallSeconds)}${RETRY}`, 0, { kind: failure.kind });
  }

  call(request) {
    if (this.status !== "ready") return Promise.reject(new Error("评分程序尚未就绪"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
    });
  }
}
