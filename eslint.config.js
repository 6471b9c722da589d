import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'bench/results/', 'console/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fastify', '@fastify/*'],
              message:
                'Only the HTTP edge (src/http, src/native, src/compat, src/oauth, src/app.ts) imports the HTTP framework.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/http/**',
      'src/native/**',
      'src/compat/**',
      'src/oauth/**',
      'src/app.ts',
      'src/cli/**',
      'test/**',
      'bench/**',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/db/migrate.ts', 'src/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
