// The ledger's list of entries ([data-entry-id] each), newest first, with each entry's status
// from the last tally and its edit and delete buttons.

import { element } from "./dom.js";

function amountText(entry) {
  if (entry.days != null) return `${entry.days} 天`;
  if (entry.hours != null) return `${entry.hours} 学时`;
  return "1 次";
}

function entryItem(entry, status, kindTitle, { onEdit, onDelete }) {
  const edit = element("button", { type: "button", class: "md-button", "data-action": "edit" }, "修改");
  const remove = element("button", { type: "button", class: "md-button", "data-action": "delete" }, "删除");
  edit.addEventListener("click", () => onEdit(entry));
  remove.addEventListener("click", () => onDelete(entry));
  const statusText = !status ? "" : status.counted ? `计 ${status.hours} 学时` : status.message;
  return element(
    "li",
    { class: "ledger-entry", "data-entry-id": entry.id, "data-flag": status?.flag ?? "" },
    element("div", { class: "ledger-entry__main" }, element("strong", {}, kindTitle), ` · ${entry.date} · ${amountText(entry)}`),
    entry.note ? element("div", { class: "ledger-entry__note" }, entry.note) : null,
    statusText ? element("div", { class: "ledger-entry__status" }, statusText) : null,
    element("div", { class: "ledger-entry__actions" }, edit, remove),
  );
}

// entries: the device's entries; statuses: id -> the tally's status; kinds: id -> {title}.
export function renderEntries(list, entries, statuses, kinds, actions) {
  const sorted = [...entries].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || b.id.localeCompare(a.id));
  if (!sorted.length) {
    list.replaceChildren(element("li", { class: "ledger-empty" }, "还没有记录。"));
    return;
  }
  list.replaceChildren(...sorted.map((entry) => entryItem(entry, statuses.get(entry.id), kinds.get(entry.kind)?.title ?? entry.kind, actions)));
}
