// Registers the service worker (sw.js at the site's root) on every page, offers a new version
// with a small banner instead of reloading under the learner, asks for persistent storage and
// says what happened in any element marked data-offline-status (the home page has one).

const root = new URL("../../", import.meta.url);
const statusBoxes = () => document.querySelectorAll("[data-offline-status]");

function say(text) {
  for (const box of statusBoxes()) {
    box.textContent = text;
    box.hidden = false;
  }
}

async function persist() {
  if (!navigator.storage?.persist) return null;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

async function reportOffline() {
  const granted = await persist().catch(() => null);
  document.documentElement.dataset.offlineReady = "true";
  document.documentElement.dataset.storagePersisted = String(granted);
  if (granted) {
    say("本站已保存在本机：断网时也能阅读、搜索和自测。浏览器已同意长期保存，不会自动清除。");
  } else {
    say("本站已保存在本机：断网时也能阅读、搜索和自测。浏览器没有同意长期保存，存储空间紧张时可能被清除，联网再访问一次即可恢复。");
  }
}

function offerUpdate(waiting) {
  if (document.querySelector(".offline-update")) return;
  const banner = document.createElement("div");
  banner.className = "offline-update md-typeset";
  banner.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "网站有新版本。作答都已保存在本机，更新不会丢失。";
  const accept = document.createElement("button");
  accept.type = "button";
  accept.className = "md-button md-button--primary";
  accept.dataset.action = "update";
  accept.textContent = "更新";
  const later = document.createElement("button");
  later.type = "button";
  later.className = "md-button";
  later.textContent = "稍后";
  banner.append(text, accept, later);
  // In the page's flow at the top of the content, not floating over it: it never covers a control
  // (a fixed bar at the bottom hid 提交并评分 on a 360×640 screen).
  const content = document.querySelector(".md-content__inner") ?? document.body;
  content.prepend(banner);
  later.addEventListener("click", () => banner.remove());
  accept.addEventListener("click", () => {
    accept.disabled = true;
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
    waiting.postMessage({ type: "SKIP_WAITING" });
  });
}

// Quiz pages: wait until the engine has loaded (or failed), so the first download of the whole
// site never competes with the learner's quiz for a slow connection.
function engineSettled() {
  const box = document.querySelector("[data-engine-status]");
  const settled = () => ["ready", "failed"].includes(box.dataset.engineStatus);
  if (!box || settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (settled()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(box, { attributes: true, attributeFilter: ["data-engine-status"] });
  });
}

function loaded() {
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => addEventListener("load", resolve, { once: true }));
}

async function start() {
  if (!("serviceWorker" in navigator)) {
    say("这个浏览器不支持离线使用：断网时无法打开本站。");
    return;
  }
  await loaded();
  await engineSettled();
  const registration = await navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname });
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  });
  await navigator.serviceWorker.ready;
  await reportOffline();
}

start().catch((error) => say(`离线功能没能启用（${error.message}）。联网时本站照常可用。`));
