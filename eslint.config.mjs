import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const infrastructure = [
  '@nestjs/*',
  '@eventstore/*',
  'better-sqlite3',
  '@grpc/*',
  'rxjs',
  'pino',
  'pino-http',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
      },
    },
    // CommonJS files (scripts that must run without a compiler) load with require.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through the validated config schema, not process.env.',
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no store, no database, no client library.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: infrastructure, message: 'The domain lib stays pure TypeScript.' },
            {
              group: ['@entente/event-store*', '@entente/projections*'],
              message: 'The domain lib depends on nothing but @entente/common.',
            },
          ],
        },
      ],
    },
  },
  {
    // The write path is framework-free: any Nest module, script or test records through it.
    files: ['libs/recording/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*'],
              message: 'libs/recording never imports NestJS: it is wired by the apps.',
            },
            {
              group: ['@eventstore/*', 'better-sqlite3', '@entente/projections*'],
              message:
                'libs/recording speaks to the store through its port and waits on no read model.',
            },
          ],
        },
      ],
    },
  },
  {
    // The importers are framework-free: parsing, crosswalks and mapping, callable from any app or script.
    files: ['libs/importers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: infrastructure, message: 'libs/importers stays framework-free.' },
            {
              group: ['@entente/event-store*', '@entente/projections*'],
              message: 'libs/importers records through @entente/recording, never a store directly.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the event-store lib talks to the stores; others get a database handle from it.
    files: ['apps/**/*.ts', 'libs/projections/**/*.ts', 'libs/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@eventstore/*', 'better-sqlite3'],
              message: 'Only libs/event-store imports the store clients.',
            },
          ],
        },
      ],
    },
  },
  {
    // The page speaks only the HTTP API: it may borrow the domain's types, never its code.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@entente/*', '../../libs/*'],
              allowTypeImports: true,
              message: 'The page reads the HTTP API; only type imports of our libs are allowed.',
            },
          ],
        },
      ],
    },
  },
  {
    // Specs may check the page's tables against the domain's.
    files: ['apps/web/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['**/config/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
