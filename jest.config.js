// Unit specs sit next to the code in apps/ and libs/; e2e and cross-module specs live in test/.
const moduleNameMapper = {
  '^@entente/(common|domain|event-store|importers|projections|recording)$': '<rootDir>/libs/$1/src',
  '^@entente/(common|domain|event-store|importers|projections|recording)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
  // Generated code imports with the .js extension NodeNext wants; Jest resolves the .ts beside it.
  '^(\\./.+)\\.js$': '$1',
};

/**
 * NestJS 12 ships as ES modules. Node 20 loads them from our CommonJS build natively (require of ESM),
 * but Jest's module registry cannot before Node 24.9, so Jest alone compiles those packages to CommonJS.
 */
const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
];

const transform = {
  // Type errors are caught once by `npm run typecheck`; jest only transpiles, which keeps the suite fast.
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  '^.+/node_modules/.+\\.js$': [
    'babel-jest',
    {
      babelrc: false,
      configFile: false,
      plugins: [
        './tools/jest/import-meta.babel-plugin.js',
        '@babel/plugin-transform-dynamic-import',
        '@babel/plugin-transform-modules-commonjs',
      ],
    },
  ],
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // The EventStoreDB client's generated protobuf code keeps globals that Jest 30 would warn about.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  moduleNameMapper,
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  // CI's two cores are shared and often loaded: a test that needs more than its usual seconds there is
  // slow, not broken. Benchmarks, not timeouts, hold the speed targets. (A global option: Jest ignores
  // it inside a project.)
  testTimeout: 60_000,
  // Jest's default is one worker fewer than the cores: one on CI's two. Most suites spend their time
  // waiting on child processes (servers, importers, a browser, the gRPC double), so two workers take the
  // suite from about 620 s to about 400 s on two cores with every test as it was.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
  ],
};
