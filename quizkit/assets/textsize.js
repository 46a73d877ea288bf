// Text size (适老化): A− / A+ in the header scale the whole page (Material and our styles size
// everything in rem, so one root font size moves it all), remembered on this device.
// A classic script in <head>, so the chosen size is set before the first paint and nothing shifts.
// The size is a view preference, not learner data: it lives in localStorage under its own key
// (outside store.js's cadre:v1: prefix, which the IndexedDB move would take).

(() => {
  const KEY = "cadre-text-size";
  const LARGEST = 3; // 0 is the site's own size; 1..3 are 1.15×, 1.3×, 1.5× (site.css)
  const root = document.documentElement;

  function read() {
    try {
      const step = Number(localStorage.getItem(KEY) ?? 0);
      return Number.isInteger(step) && step >= 0 && step <= LARGEST ? step : 0;
    } catch {
      return 0; // storage blocked: the site's size
    }
  }

  function apply(step) {
    if (step) root.dataset.textSize = String(step);
    else delete root.dataset.textSize;
    for (const button of document.querySelectorAll("[data-text-size-step]")) {
      const down = button.dataset.textSizeStep === "smaller";
      button.disabled = down ? step === 0 : step === LARGEST;
    }
  }

  function change(by) {
    const step = Math.min(LARGEST, Math.max(0, read() + by));
    try {
      localStorage.setItem(KEY, String(step));
    } catch {
      // not remembered, still applied to this page
    }
    apply(step);
  }

  apply(read());
  document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("[data-text-size-step]")) {
      button.addEventListener("click", () => change(button.dataset.textSizeStep === "smaller" ? -1 : 1));
    }
    apply(read());
  });
  // Another tab changed it: follow.
  addEventListener("storage", (event) => {
    if (event.key === KEY) apply(read());
  });
})();
