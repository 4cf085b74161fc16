import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Lint rules that keep the architecture honest:
 * - a service depends only on the runtime and contracts libraries, never on another service;
 * - the runtime depends only on contracts; contracts depend on no project and import no NestJS;
 * - a service never spells a topic name, and only the configuration module reads process.env.
 */
export default [
  { ignores: ['**/dist', '**/node_modules', '.infra', '.nx', 'libs/contracts/generated', 'coverage'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:runtime', 'type:contracts'] },
            { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'mongoose', 'kafkajs', '@netdirect/runtime'], message: 'libs/contracts is plain TypeScript: no NestJS, database or Kafka client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['services/*/src/**/*.ts', 'libs/runtime/src/**/*.ts'],
    ignores: ['libs/runtime/src/config/**', 'libs/runtime/src/runtime.module.ts', 'libs/runtime/src/bootstrap.ts', 'libs/runtime/src/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Inject ServiceConfig; only the configuration module reads the environment.' },
      ],
    },
  },
  {
    files: ['services/*/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^(catalog|procurement|orders|network|commission|logistics)\\.[a-z0-9.-]+\\.v[0-9]+$/]',
          message: 'Use the topic constants from @netdirect/contracts instead of spelling a topic name.',
        },
      ],
    },
  },
  prettier,
];
