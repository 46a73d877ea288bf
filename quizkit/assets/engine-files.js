// The engine's files (Pyodide and the scoring archive): downloaded once per device, checked
// against the SHA-256 the build wrote into engine.json, and kept in one Cache Storage cache that
// the engine worker and the service worker share. Whoever needs a file first downloads it while
// holding a Web Lock named after it; the other waits and then reads the cached copy, so a first
// visit moves each byte once whatever the host's cache headers say.
//
// A download fails only when no byte has arrived for `stallMs` (a slow link that keeps moving is
// never cut off). What arrived before a stall or a drop is kept and the next try asks for the
// rest with an HTTP Range request. Only bytes whose hash matches are ever cached or used, so a
// damaged file on the server is refused, and once the server is fixed a retry simply works.
//
// Plain script, no imports or exports: the service worker loads it with importScripts and the
// module worker imports it for its side effect; both then use self.quizkitEngineFiles.

(() => {
  const CACHE = "quizkit-engine-files";
  const TYPES = { mjs: "text/javascript", js: "text/javascript", wasm: "application/wasm", json: "application/json" };

  // kind: "network" (connection dropped), "stalled" (no bytes for stallMs), "missing" (404),
  // "server" (other HTTP error), "damaged" (wrong size or hash). The page words each kind.
  class EngineFileError extends Error {
    constructor(kind, file, detail = "") {
      super(`${kind}: ${file}${detail ? ` (${detail})` : ""}`);
      this.name = "EngineFileError";
      this.kind = kind;
      this.file = file;
      this.detail = detail;
    }
  }

  const fileName = (url) => new URL(url).pathname.split("/").pop();
  const typeOf = (url) => TYPES[fileName(url).split(".").pop()] ?? "application/octet-stream";

  async function sha256(bytes) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  // The cache key names the exact content, so versions never mix up.
  function keyOf(url, entry) {
    const key = new URL(url);
    key.search = `sha256=${entry.sha256}`;
    return key.href;
  }
  const partialKeyOf = (url, entry) => `${keyOf(url, entry)}&partial`;

  function concat(chunks, length) {
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  // Runs task under the file's lock; onWait() is called every second while another holder
  // (the service worker, another tab) downloads it, so the page knows we are not stuck.
  async function withLock(name, task, onWait) {
    const locks = self.navigator?.locks;
    if (!locks?.request) return task();
    const quick = await locks.request(name, { ifAvailable: true }, async (lock) => (lock ? { value: await task() } : null));
    if (quick) return quick.value;
    onWait();
    const beat = setInterval(onWait, 1000);
    try {
      return await locks.request(name, task);
    } finally {
      clearInterval(beat);
    }
  }

  // One request from `state.received` on, appending to state.chunks; aborted after stallMs without a byte.
  async function fetchRest(url, state, { stallMs, onBytes }) {
    const name = fileName(url);
    const controller = new AbortController();
    let stalled = false;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, stallMs);
    };
    const headers = state.received > 0 ? { Range: `bytes=${state.received}-` } : {};
    arm();
    try {
      let response;
      try {
        response = await fetch(url, { headers, signal: controller.signal, cache: "no-store", credentials: "same-origin" });
      } catch {
        throw new EngineFileError(stalled ? "stalled" : "network", name);
      }
      if (response.status === 404 || response.status === 410) throw new EngineFileError("missing", name, `HTTP ${response.status}`);
      if (!response.ok) throw new EngineFileError("server", name, `HTTP ${response.status}`);
      const range = response.headers.get("content-range") ?? "";
      if (state.received > 0 && !(response.status === 206 && range.startsWith(`bytes ${state.received}-`))) {
        // The server sent the whole file again: start over with it.
        onBytes(-state.received);
        state.chunks = [];
        state.received = 0;
      }
      const reader = response.body.getReader();
      for (;;) {
        let part;
        try {
          part = await reader.read();
        } catch {
          throw new EngineFileError(stalled ? "stalled" : "network", name);
        }
        if (part.done) break;
        arm();
        state.chunks.push(part.value);
        state.received += part.value.length;
        onBytes(part.value.length);
        if (state.received > state.size) throw new EngineFileError("damaged", name, "longer than expected");
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async function download(url, entry, cache, { stallMs, onBytes }) {
    const name = fileName(url);
    const partialKey = partialKeyOf(url, entry);
    const state = { chunks: [], received: 0, size: entry.size };
    const partial = await cache.match(partialKey);
    if (partial) {
      const kept = new Uint8Array(await partial.arrayBuffer());
      state.chunks.push(kept);
      state.received = kept.length;
      onBytes(kept.length);
    }
    const resumed = state.received > 0;
    // A connection that drops while bytes are still coming is resumed at once (a few times);
    // a stall or a drop before any byte ends this try, keeping what arrived for the next one.
    for (let drops = 0; ; drops++) {
      const before = state.received;
      try {
        await fetchRest(url, state, { stallMs, onBytes });
        break;
      } catch (error) {
        const moved = state.received > before;
        if (error.kind === "network" && moved && drops < 3) continue;
        if ((error.kind === "network" || error.kind === "stalled") && state.received > 0) {
          await cache.put(partialKey, new Response(concat(state.chunks, state.received))).catch(() => {});
        } else {
          await cache.delete(partialKey);
        }
        throw error;
      }
    }
    await cache.delete(partialKey);
    const bytes = concat(state.chunks, state.received);
    if (bytes.length !== entry.size || (await sha256(bytes)) !== entry.sha256) {
      onBytes(-bytes.length);
      // A resumed copy could be wrong only because its two halves differ; try once from zero.
      if (resumed) return download(url, entry, cache, { stallMs, onBytes });
      throw new EngineFileError("damaged", name, bytes.length !== entry.size ? `${bytes.length} of ${entry.size} bytes` : "hash");
    }
    return bytes;
  }

  // The checked bytes of the file at `url` (entry: {size, sha256} from engine.json), from the
  // shared cache or downloaded once. With read: false (the service worker's install) a cached
  // file is not read back, and null is returned.
  async function engineFile(url, entry, { stallMs = 30000, onBytes = () => {}, onWait = () => {}, read = true } = {}) {
    const key = keyOf(url, entry);
    return withLock(
      `quizkit-engine-file ${key}`,
      async () => {
        const cache = await caches.open(CACHE);
        const hit = await cache.match(key);
        if (hit) {
          // Only checked bytes are ever put in this cache: no need to hash them again.
          onBytes(entry.size);
          return read ? new Uint8Array(await hit.arrayBuffer()) : null;
        }
        const bytes = await download(url, entry, cache, { stallMs, onBytes });
        // Storage full or private mode: the checked bytes still serve this visit.
        await cache.put(key, new Response(bytes, { headers: { "content-type": typeOf(url) } })).catch(() => {});
        return read ? bytes : null;
      },
      onWait,
    );
  }

  // The cached response for a file (the service worker answers engine requests with it), or null.
  async function cachedFile(url, entry) {
    const cache = await caches.open(CACHE);
    return (await cache.match(keyOf(url, entry))) ?? null;
  }

  // Drops every cached file (and partial download) not named in `wanted` ([{url, entry}]).
  async function keepOnly(wanted) {
    const keys = new Set(wanted.map(({ url, entry }) => keyOf(url, entry)));
    const cache = await caches.open(CACHE);
    for (const request of await cache.keys()) {
      if (!keys.has(request.url.replace(/&partial$/, ""))) await cache.delete(request);
    }
  }

  self.quizkitEngineFiles = { engineFile, cachedFile, keepOnly, EngineFileError, CACHE };
})();
