// Fixes to what Material's script draws after load, for keyboards and screen readers:
// - a wide table or code block that scrolls sideways can be reached and scrolled with the keyboard;
// - each code block's button bar (a <nav>) has a name of its own, so landmarks can be told apart.
// Runs again whenever Material adds such elements.

const SCROLLERS = ".md-typeset__scrollwrap, .md-typeset pre > code";

function scrolls(element) {
  return element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
}

function fix() {
  for (const element of document.querySelectorAll(SCROLLERS)) {
    if (element.hasAttribute("tabindex")) continue;
    if (scrolls(element) && !element.querySelector("a[href], button, input, select, textarea, [tabindex]")) element.tabIndex = 0;
  }
  document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
    if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", `代码块操作 ${index + 1}`);
  });
}

let queued = false;
function queue() {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    fix();
  });
}

new MutationObserver(queue).observe(document.body, { childList: true, subtree: true });
addEventListener("load", queue);
addEventListener("resize", queue);
queue();
