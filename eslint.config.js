// ESLint flat config: typescript-eslint recommended + React hooks rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-artifacts', 'coverage', '.probe'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded generator in src/engine/rng.ts.' },
      ],
    },
  },
  // Layers (DESIGN.md): engine and theory are pure (no UI, store or worker); the store knows no UI; the workers
  // know no UI; chart builders and theory builders do not import each other's React parts.
  layer('src/engine/**', [
    '**/ui/**',
    '**/state/**',
    '**/worker/**',
    '**/theory/**',
    '**/cli/**',
    'react',
    'plotly.js*',
  ]),
  layer('src/theory/**', [
    '**/ui/**',
    '**/state/**',
    '**/worker/**',
    '**/cli/**',
    'react',
    'plotly.js*',
    '@tensorflow/*',
  ]),
  layer('src/state/**', ['**/ui/**', '**/cli/**', 'react', 'react-dom', 'plotly.js*']),
  layer('src/worker/**', ['**/ui/**', '**/cli/**', 'react', 'react-dom', 'plotly.js*']),
  layer('src/ui/plot/**', ['**/charts/**', '**/theory/**', 'react', 'plotly.js*']),
  layer('src/ui/theory/**', ['**/charts/**', 'react', 'plotly.js*']),
);

/** Files matching `files` may not import modules matching any of `groups`. */
function layer(files, groups) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: groups, message: `layer rule: ${files} may not import this (see eslint.config.js)` },
          ],
        },
      ],
    },
  };
}
