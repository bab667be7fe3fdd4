// Lint: the yardsticks of docs/architecture.md that a tool can check on every file. Formatting is Prettier's
// (.prettierrc.json, `npm run format`); this file holds the rules about structure and size. `npm run lint`
// runs both checks; .ci/run runs it.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import tseslint from "typescript-eslint";

const nodeGlobals = {
  process: "readonly",
  console: "readonly",
  require: "readonly",
  module: "writable",
  __dirname: "readonly",
  Buffer: "readonly",
  setTimeout: "readonly",
};

export default tseslint.config(
  // bench/floor.js is the shared performance floor, vendored as it is (../shared/bench/floor.js).
  { ignores: ["dist/**", "node_modules/**", "bench/results/**", "bench/tmp/**", "bench/floor.js", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@stylistic": stylistic },
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: nodeGlobals },
    rules: {
      // Lines a reader sees whole. Prettier wraps code at 120; this also holds comments and long strings.
      "@stylistic/max-len": ["error", { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Heavy modules (@pulumi/kubernetes, the Pulumi SDK in the CLIs) are loaded with require() only where
      // they are used: measured, it keeps `npm run plan` and `config:check` fast (docs/performance.md).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Product code: small units a reader can hold in their head.
    files: [
      "index.ts",
      "components/**/*.ts",
      "policy/**/*.ts",
      "scripts/**/*.ts",
      "scripts/**/*.js",
      "scripts/**/*.mjs",
    ],
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
      "max-depth": ["error", 4],
    },
  },
  {
    // The mock runtime is the boundary with Pulumi's untyped mock monitor (gRPC request objects) and records
    // any provider's inputs as they come: `any` is the honest type there, and what tests index into.
    files: ["components/offline/mock-runtime.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Tests are tables of cases and mock payloads: long describe blocks and loosely typed mocks are fine there.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
