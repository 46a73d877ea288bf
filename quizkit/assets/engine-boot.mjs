// Boots the scoring engine: Pyodide plus the scoring archive, checked against its SHA-256.
// Used by the module worker (engine-worker.mjs) and, for measurements, on a page's main thread.
//
// Warm starts: after the first boot the engine's memory (Python started, scoring imported) is
// saved as a snapshot in the browser's Cache Storage, gzip-compressed, under a key naming the
// exact engine files and archive. A later boot restores it instead of starting Python and
// importing again. A snapshot that is missing, stale or fails to restore is ignored.

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

async function snapshotKey(pyodideURL, archiveSha256) {
  // engine.json names the exact engine files (written by the build); without it, no snapshot.
  const response = await fetch(new URL("engine.json", pyodideURL));
  if (!response.ok) return null;
  const { version } = await response.json();
  return new URL(`snapshot/${version}/${archiveSha256}`, pyodideURL).href;
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

// Returns {handle, restored}. onProgress(percent, text) reports the steps.
export async function bootEngine({ pyodideURL, archiveURL, archiveSha256, snapshots = true, onProgress = () => {} }) {
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  let key = null;
  if (snapshots && snapshotsAvailable()) {
    try {
      key = await snapshotKey(pyodideURL, archiveSha256);
      const saved = key && (await readSnapshot(key));
      if (saved) {
        onProgress(50, "正在恢复评分引擎…");
        const pyodide = await loadPyodide({ indexURL: pyodideURL, _loadSnapshot: saved, ...quiet });
        return { handle: pyodide.globals.get("_handle"), restored: true };
      }
    } catch {
      // A broken or stale snapshot only costs the normal boot below.
    }
  }
  onProgress(10, "正在下载评分程序（只在第一次下载）…");
  const pyodide = await loadPyodide({ indexURL: pyodideURL, _makeSnapshot: key !== null, ...quiet });
  onProgress(80, "正在载入评分程序…");
  const response = await fetch(archiveURL);
  if (!response.ok) throw new Error(`评分程序下载失败（HTTP ${response.status}）`);
  pyodide.FS.writeFile("/home/pyodide/scoring.zip", new Uint8Array(await response.arrayBuffer()));
  pyodide.globals.set("_expected_sha256", archiveSha256);
  try {
    pyodide.runPython(BOOT);
  } catch (error) {
    if (String(error).includes("archive-hash-mismatch")) throw new Error("评分程序文件已损坏或被改动，已拒绝运行");
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
