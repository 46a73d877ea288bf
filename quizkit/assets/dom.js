// Small DOM helpers shared by every page module.

// <tag attributes…>children…</tag>; null children are skipped, strings become text (never HTML).
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// A function that shows a message in `box` (hidden when the message is empty).
export function sayIn(box) {
  return (message) => {
    box.textContent = message;
    box.hidden = !message;
  };
}

// Offers `text` as a file download named `filename`.
export function download(text, filename, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
