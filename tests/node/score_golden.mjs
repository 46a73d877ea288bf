// Scores golden requests with the real Pyodide from the npm package, under Node.
// Usage: node score_golden.mjs <pyodide dir> <scoring.zip> <cases.json>; prints the replies as JSON.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, archivePath, casesPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
// A Uint8Array, not a Node Buffer: Pyodide's FS wants the plain typed array.
pyodide.FS.writeFile("/home/pyodide/scoring.zip", new Uint8Array(readFileSync(archivePath)));
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/scoring.zip')");
const handle = pyodide.pyimport("scoring.api").handle;
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const replies = cases.map((item) => JSON.parse(handle(JSON.stringify(item.request))));
const version = pyodide.runPython("import sys; sys.version.split()[0]");
process.stdout.write(JSON.stringify({ python: version, replies }));
