// Scores golden requests with the real Pyodide from the npm package, under Node, with the engine
// files the site ships (the reduced standard library and lock file).
// Usage: node score_golden.mjs <pyodide dir> <scoring.zip> <cases.json> <shipped stdlib.zip> <shipped lock.json>
// Prints JSON: {python, modules, replies, stripped_mismatches}. stripped_mismatches lists the shipped stdlib
// files whose code (under Python 3.14's own parser) differs from the stock file's, docstrings aside.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, archivePath, casesPath, stdlibPath, lockPath] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, stdLibURL: stdlibPath, lockFileURL: lockPath });
// A Uint8Array, not a Node Buffer: Pyodide's FS wants the plain typed array.
pyodide.FS.writeFile("/home/pyodide/scoring.zip", new Uint8Array(readFileSync(archivePath)));
// The same imports as the browser's engine worker before it hands out scoring.api.handle.
pyodide.runPython("import hashlib, sys; sys.path.insert(0, '/home/pyodide/scoring.zip')");
const handle = pyodide.pyimport("scoring.api").handle;
// Every module of the package must import under the shipped (reduced) standard library, not
// only those the golden cases reach; a missing stdlib file fails here with its name.
// Module names come from the source folder, so this check imports nothing the engine would not.
const scoringDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "scoring");
const modules = readdirSync(scoringDir)
  .filter((name) => name.endsWith(".py") && name !== "__init__.py")
  .map((name) => `scoring.${name.slice(0, -3)}`)
  .sort();
pyodide.runPython(`import importlib\nfor name in ${JSON.stringify(modules)}:\n    importlib.import_module(name)`);
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const replies = cases.map((item) => JSON.parse(handle(JSON.stringify(item.request))));
const version = pyodide.runPython("import sys; sys.version.split()[0]");

pyodide.FS.writeFile("/tmp/stock.zip", new Uint8Array(readFileSync(path.join(pyodideDir, "python_stdlib.zip"))));
const mismatches = pyodide.runPython(`
import ast, zipfile

def _normal(source):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list) or not body or not isinstance(body[0], ast.stmt):
                continue
            kept = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                                              and isinstance(s.value.value, str)) and not isinstance(s, ast.Pass)]
            setattr(node, field, kept or ([] if isinstance(node, ast.Module) else [ast.Pass()]))
    return ast.dump(tree)

_stock = zipfile.ZipFile("/tmp/stock.zip", metadata_encoding="utf-8")
_shipped = zipfile.ZipFile("/lib/python314.zip", metadata_encoding="utf-8")
[name for name in _shipped.namelist() if _normal(_shipped.read(name)) != _normal(_stock.read(name))]
`).toJs();
process.stdout.write(JSON.stringify({ python: version, modules, replies, stripped_mismatches: mismatches }));
