// ESLint's recommended rules for the browser code and for the tests (run: npm run lint).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "_site/"] },
  js.configs.recommended,
  { files: ["site/**/*.js"], languageOptions: { globals: globals.browser } },
  {
    files: ["tests/**/*.js", "scripts/**/*.mjs", "*.js"],
    languageOptions: { globals: globals.node },
  },
];
