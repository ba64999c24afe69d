// Unit specs sit next to the code in apps/ and libs/; e2e and cross-module specs live in test/.
const moduleNameMapper = {
  '^@entente/(common|domain|event-store|projections)$': '<rootDir>/libs/$1/src',
  '^@entente/(common|domain|event-store|projections)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = {
  // Type errors are caught once by `npm run typecheck`; jest only transpiles, which keeps the suite fast.
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json', 'node'],
  moduleNameMapper,
  transform,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
  ],
};
