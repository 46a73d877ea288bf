// The page's side of the scoring engine: starts the module worker, reports progress,
// gives up after a time limit (a missing CSP allowance makes Pyodide hang rather
// than fail) and matches replies to requests by id.

export class Engine {
  constructor({ workerURL, pyodideURL, archiveURL, archiveSha256, timeoutMs, onState }) {
    Object.assign(this, { workerURL, pyodideURL, archiveURL, archiveSha256, timeoutMs, onState });
    this.status = "idle";
    this.pending = new Map();
    this.nextId = 1;
  }

  setState(status, text, percent) {
    this.status = status;
    this.onState({ status, text, percent });
  }

  start() {
    this.stop();
    if (typeof WebAssembly !== "object") {
      this.setState("failed", "这个浏览器不支持 WebAssembly，无法运行评分引擎。请换用较新的浏览器。", 0);
      return;
    }
    this.setState("loading", "正在启动评分引擎…", null);
    try {
      this.worker = new Worker(this.workerURL, { type: "module" });
    } catch {
      this.setState("failed", "这个浏览器不能启动评分引擎（不支持模块化 Worker）。请换用较新的浏览器。", 0);
      return;
    }
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = () => this.fail("评分引擎文件加载失败（文件缺失或网络中断）。");
    this.timer = setTimeout(() => this.fail("评分引擎加载超时。"), this.timeoutMs);
    this.worker.postMessage({
      type: "init",
      pyodideURL: this.pyodideURL,
      archiveURL: this.archiveURL,
      archiveSha256: this.archiveSha256,
    });
  }

  receive(message) {
    if (message.type === "progress") {
      this.setState("loading", message.text, message.percent);
    } else if (message.type === "ready") {
      clearTimeout(this.timer);
      this.setState("ready", "评分引擎已就绪，提交后立即评分。", 100);
    } else if (message.type === "failed") {
      this.fail(`评分引擎加载失败：${message.reason}`);
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
    for (const waiter of this.pending.values()) waiter.reject(new Error("评分引擎已停止"));
    this.pending.clear();
  }

  fail(text) {
    this.stop();
    this.setState("failed", `${text.replace(/[。.]?$/, "。")}你的作答已保存在本机。`, 0);
  }

  call(request) {
    if (this.status !== "ready") return Promise.reject(new Error("评分引擎尚未就绪"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
    });
  }
}
