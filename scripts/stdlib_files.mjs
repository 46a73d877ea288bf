// Lists the standard-library files the engine loads: Pyodide's own start-up plus the scoring
// package scoring every golden case, under the stock Pyodide in Node.
// Usage (after a change to scoring/'s imports or a Pyodide upgrade):
//   .venv/bin/python -c "from quizkit.archive import *; from pathlib import Path; open('/tmp/scoring.zip','wb').write(build_scoring_archive(Path('scoring')))"
//   node scripts/stdlib_files.mjs /tmp/scoring.zip > quizkit/engine/stdlib_files.txt
// The parity test then runs the golden cases with the archive this list gives.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pyodideDir = path.join(root, "node_modules", "pyodide") + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir });
pyodide.FS.writeFile("/home/pyodide/scoring.zip", new Uint8Array(readFileSync(process.argv[2])));
pyodide.runPython(
  "import hashlib, sys; sys.path.insert(0, '/home/pyodide/scoring.zip')\n" +
    // Every module of the package, not only those the golden cases happen to reach (names from
    // the source folder, so the listing itself imports nothing extra).
    "import importlib\n" +
    readdirSync(path.join(root, "scoring"))
      .filter((name) => name.endsWith(".py") && name !== "__init__.py")
      .map((name) => `importlib.import_module("scoring.${name.slice(0, -3)}")`)
      .join("\n"),
);
const handle = pyodide.pyimport("scoring.api").handle;
const cases = JSON.parse(readFileSync(path.join(root, "tests", "golden", "cases.json"), "utf8"));
for (const item of cases) handle(JSON.stringify(item.request));
const files = pyodide
  .runPython(
    `import sys
prefix = "/lib/python314.zip/"
sorted({m.__file__[len(prefix):] for m in list(sys.modules.values()) if (getattr(m, "__file__", None) or "").startswith(prefix)})`,
  )
  .toJs();
process.stdout.write(
  "# Standard-library files the engine loads (Pyodide start-up + scoring). Regenerate with\n" +
    "# scripts/stdlib_files.mjs (see its header).\n" +
    files.join("\n") +
    "\n",
);
