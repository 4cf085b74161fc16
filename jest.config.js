/**
 * One jest run for the whole monorepo. TypeScript is compiled by SWC (with
 * decorator metadata, which NestJS and class-validator need); libraries are
 * mapped to their sources so tests never depend on a previous build.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@netdirect/(contracts|runtime)$': '<rootDir>/libs/$1/src',
    '^@netdirect/(contracts|runtime)/testing$': '<rootDir>/libs/$1/src/testing',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.infra/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services,scripts}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/*.e2e-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/jest.integration-setup.ts'],
    },
  ],
};
