'use strict';
// ESLint for the host tooling's JavaScript (all of it lives in tools/ and bench/): `npm run lint:js`,
// and the `lint` step of npm test. Only rules that find mistakes: the layout is .editorconfig's.

const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  {
    // Generated, installed or scratch trees, and ArkTS/TypeScript (the ArkTS linter checks .ets).
    ignores: ['**/node_modules/**', '**/build/**', '**/oh_modules/**', 'bench/tmp/**', 'tmp/**'],
  },
  {
    files: ['**/*.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...js.configs.recommended.rules,
      // These regular expressions match literal text with runs of spaces (GoogleTest's "[  PASSED  ]"
      // banner, indented source); written as it appears, the text is easier to check than ` {2}`.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Host stand-ins for @kit.* and @ohos.* modules: ES modules that esbuild bundles with the ArkTS code.
    files: ['tools/shims/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
];
