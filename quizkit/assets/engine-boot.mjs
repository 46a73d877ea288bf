// Boots the scoring engine: Pyodide plus the scoring archive, every file checked against the
// SHA-256 in engine.json before it runs (engine-files.js downloads, checks and caches them).
// Used by the module worker (engine-worker.mjs) and, for measurements, on a page's main thread.
//
// Pyodide is handed the checked bytes, never a URL to fetch again: its two modules are imported
// from blob URLs, the lock file is passed as text, and its fetches of the wasm and the standard
// library are answered from memory. So nothing runs that was not checked, and nothing is
// downloaded twice.
//
// Warm starts: after the first boot the engine's memory (Python started, scoring imported) is
// saved as a snapshot in the browser's Cache Storage, gzip-compressed, under a key naming the
// exact engine files and archive. A later boot restores it instead of starting Python and
// importing again. A snapshot that is missing, stale or fails to restore is ignored.

import "./engine-files.js";

const { engineFile } = self.quizkitEngineFiles;
const SNAPSHOT_CACHE = "quizkit-engine-snapshot";

// Checks the archive against the hash written into the page at build time before
// anything from it is imported, so a damaged or swapped file is refused, not run.
const BOOT = `
import hashlib, sys
with open("/home/pyodide/scoring.zip", "rb") as f:
    _digest = hashlib.sha256(f.read()).hexdigest()
if _digest != _expected_sha256:
    raise RuntimeError("archive-hash-mismatch")
sys.path.insert(0, "/home/pyodide/scoring.zip")
from scoring.api import handle as _handle
`;

const quiet = { stdout: () => {}, stderr: () => {} };

export class EngineBootError extends Error {
  constructor(kind, file = "", detail = "") {
    super(`${kind}: ${file} ${detail}`.trim());
    Object.assign(this, { kind, file, detail });
  }
}

async function readManifest(pyodideURL) {
  let response;
  try {
    response = await fetch(new URL("engine.json", pyodideURL), { cache: "no-cache" });
  } catch {
    throw new EngineBootError("network", "engine.json");
  }
  if (response.status === 404) throw new EngineBootError("missing", "engine.json");
  if (!response.ok) throw new EngineBootError("server", "engine.json", `HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new EngineBootError("damaged", "engine.json");
  }
}

async function readSnapshot(key) {
  const cache = await caches.open(SNAPSHOT_CACHE);
  const response = await cache.match(key);
  if (!response) return null;
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function writeSnapshot(key, bytes) {
  const cache = await caches.open(SNAPSHOT_CACHE);
  for (const old of await cache.keys()) await cache.delete(old); // one engine version at a time
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  await cache.put(key, new Response(stream, { headers: { "content-type": "application/octet-stream" } }));
}

function snapshotsAvailable() {
  return typeof caches === "object" && typeof CompressionStream === "function";
}

// Every file engine.json lists, downloaded in parallel; onBytes(received, total) as bytes arrive,
// in gzip bytes (engine.json's download figure, the size pages state): a fetch sees decoded
// bytes only, so each file's decoded bytes count for their share of its gzip size.
async function fetchEngine(pyodideURL, manifest, { stallMs, onBytes, onWait }) {
  let received = 0;
  const bytes = new Map();
  await Promise.all(
    manifest.files.map(async (entry) => {
      const url = new URL(entry.url, pyodideURL).href;
      const share = (entry.gzip ?? entry.size) / entry.size;
      const data = await engineFile(url, entry, {
        stallMs,
        onWait,
        onBytes: (count) => {
          received += count * share;
          onBytes(received, manifest.download ?? manifest.total);
        },
      });
      bytes.set(url, data);
    }),
  );
  return bytes;
}

const moduleURL = (bytes) => URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));

// Pyodide fetches the wasm and the standard library itself: answer those two from memory.
function serveFromMemory(files) {
  const network = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href).href;
    const bytes = files.get(url);
    if (!bytes) return network(input, init);
    const type = url.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
    return Promise.resolve(new Response(bytes, { headers: { "content-type": type } }));
  };
  return () => {
    globalThis.fetch = network;
  };
}

// Returns {handle, restored}. onProgress({percent, text, received, total}) reports the steps.
// checked: false boots a stock Pyodide folder (no engine.json) the plain way, for measurements.
export async function bootEngine({
  pyodideURL,
  archiveURL,
  archiveSha256,
  snapshots = true,
  restore = true,
  checked = true,
  stallMs = 30000,
  onProgress = () => {},
}) {
  if (!checked) return bootStock({ pyodideURL, archiveURL, archiveSha256 });
  const manifest = await readManifest(pyodideURL);
  const mb = (count) => (count / 1e6).toFixed(1);
  let last = 0;
  const files = await fetchEngine(pyodideURL, manifest, {
    stallMs,
    onBytes: (received, total) => {
      const now = Date.now();
      if (now - last < 150 && received < total - 1) return; // the last bytes are always shown
      last = now;
      const text = `正在下载评分程序（只在第一次下载）：已下载 ${mb(received)} / ${mb(total)} MB`;
      onProgress({ percent: Math.round((received / total) * 90), text, received, total });
    },
    onWait: () => onProgress({ percent: null, text: "正在下载评分程序（另一个页面正在下载，马上就好）…" }),
  });
  const at = (name) => files.get(new URL(name, pyodideURL).href);
  const archive = files.get(new URL(archiveURL, pyodideURL).href);
  if (!archive) throw new EngineBootError("missing", "scoring.zip", "not in engine.json");
  onProgress({ percent: 92, text: "正在启动评分程序…", phase: "boot" });
  const { loadPyodide } = await import(moduleURL(at("pyodide.mjs")));
  const { default: createPyodideModule } = await import(moduleURL(at("pyodide.asm.mjs")));
  const options = {
    indexURL: pyodideURL,
    createPyodideModule,
    lockFileContents: JSON.parse(new TextDecoder().decode(at("pyodide-lock.json"))),
    ...quiet,
  };
  const stopServing = serveFromMemory(files);
  try {
    let key = null;
    if (snapshots && snapshotsAvailable()) {
      key = new URL(`snapshot/${manifest.version}/${archiveSha256}`, pyodideURL).href;
      try {
        const saved = restore ? await readSnapshot(key) : null;
        if (saved) {
          onProgress({ percent: 95, text: "正在恢复评分程序…", phase: "boot" });
          const pyodide = await loadPyodide({ ...options, _loadSnapshot: saved });
          return { handle: pyodide.globals.get("_handle"), restored: true };
        }
      } catch {
        // A broken or stale snapshot only costs the normal boot below; drop it so it is not tried again.
        await caches.open(SNAPSHOT_CACHE).then((cache) => cache.delete(key)).catch(() => {});
      }
    }
    const pyodide = await loadPyodide({ ...options, _makeSnapshot: key !== null });
    onProgress({ percent: 96, text: "正在载入评分程序…", phase: "boot" });
    return startScoring(pyodide, archive, archiveSha256, key);
  } finally {
    stopServing();
  }
}

function startScoring(pyodide, archive, archiveSha256, key) {
  pyodide.FS.writeFile("/home/pyodide/scoring.zip", archive);
  pyodide.globals.set("_expected_sha256", archiveSha256);
  try {
    pyodide.runPython(BOOT);
  } catch (error) {
    if (String(error).includes("archive-hash-mismatch")) throw new EngineBootError("damaged", "scoring.zip");
    throw error;
  }
  const saved = key !== null ? pyodide.makeMemorySnapshot() : null;
  const handle = pyodide.globals.get("_handle");
  if (saved) {
    // Saved after the engine is handed out; a failure (storage full, private mode) costs nothing.
    setTimeout(() => writeSnapshot(key, saved).catch(() => {}), 0);
  }
  return { handle, restored: false };
}

// Stock Pyodide as its README loads it (benchmarks compare against it): no checks, no snapshot.
async function bootStock({ pyodideURL, archiveURL, archiveSha256 }) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  const pyodide = await loadPyodide({ indexURL: pyodideURL, ...quiet });
  const response = await fetch(archiveURL);
  if (!response.ok) throw new EngineBootError("server", "scoring.zip", `HTTP ${response.status}`);
  return startScoring(pyodide, new Uint8Array(await response.arrayBuffer()), archiveSha256, null);
}
