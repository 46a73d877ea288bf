"""The learner's records as the pages keep them: IndexedDB ``cadre``/``records``, JSON text per key."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page

# Every record (key -> JSON text) as committed on disk, read in the page's origin.
READ_ALL = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("cadre", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("records");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const store = db.transaction("records", "readonly").objectStore("records");
    const keys = store.getAllKeys();
    const values = store.getAll();
    values.onsuccess = () => {
      db.close();
      resolve(Object.fromEntries(keys.result.map((key, i) => [key, values.result[i]])));
    };
    values.onerror = () => reject(values.error);
  };
})"""

# Writes records (key -> JSON text) in one committed transaction, as a page of this site would.
WRITE = """(records) => new Promise((resolve, reject) => {
  const open = indexedDB.open("cadre", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("records");
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction("records", "readwrite", { durability: "strict" });
    for (const [key, text] of Object.entries(records)) tx.objectStore("records").put(text, key);
    tx.oncomplete = () => { db.close(); resolve(true); };
    tx.onabort = () => reject(tx.error);
  };
})"""


def stored(page: Page, prefix: str = "") -> dict[str, str]:
    """Raw JSON text of every record whose key starts with ``prefix`` (keys without cadre:v1:)."""
    records: dict[str, str] = page.evaluate(READ_ALL)
    return {key: text for key, text in records.items() if key.startswith(prefix)}


def stored_values(page: Page, prefix: str = "") -> dict[str, Any]:
    return {key: json.loads(text) for key, text in stored(page, prefix).items()}


def put_records(page: Page, records: dict[str, Any]) -> None:
    """Writes values (serialised here) under their keys; the page must be on the site's origin."""
    page.evaluate(WRITE, {key: json.dumps(value) for key, value in records.items()})


def clear(page: Page) -> None:
    """Deletes every record, as clearing the site's data does (the page must be on the origin)."""
    page.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open("cadre", 1);
          open.onupgradeneeded = () => open.result.createObjectStore("records");
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction("records", "readwrite", { durability: "strict" });
            tx.objectStore("records").clear();
            tx.oncomplete = () => { db.close(); localStorage.clear(); resolve(true); };
            tx.onabort = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        })"""
    )
