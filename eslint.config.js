// ESLint flat config: typescript-eslint's recommended rules on every TypeScript file, and the
// layering the architecture promises (docs/architecture.md, "Layers"): domain and use cases import
// no AWS SDK, no middy, no Powertools and no adapter; only adapters, composition roots
// (`*-app.ts`), handlers, infra, tests and scripts may.
import tseslint from 'typescript-eslint';

/** Modules that touch the outside world: only adapters and composition roots import them. */
const ADAPTER_MODULES = [
  '**/runtime/*',
  '**/*-store',
  '**/*-app',
  '**/*-http',
  '**/events/outbox',
  '**/events/consumer',
  '**/*-consumer',
  '!**/runtime/table-design',
  '!**/runtime/dynamo-cursor',
  '!**/kernel/*',
];

/**
 * zod as a namespace (`import * as z from 'zod'`): esbuild then keeps in a Lambda bundle only the
 * parts of zod it uses (~90 KB), where the `z` object zod exports carries all of it and its 40-odd
 * locales (~440 KB) into every bundle. Types may be imported by name: they load nothing.
 */
const ZOD_AS_NAMESPACE = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "Write `import * as z from 'zod'`: the named `z` puts all of zod (~440 KB) in every Lambda bundle.",
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a value taken apart on purpose (e.g. dropping keys from an item).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ZOD_AS_NAMESPACE] },
  },
  {
    // The domain and use cases of every context, the pure kernel, the events' model, the wiring
    // declaration: pure code that runs the same in a test, on Lambda and on one machine.
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    ignores: [
      'shared/runtime/**',
      'shared/**/*-store.ts',
      'shared/**/*-app.ts',
      'shared/**/*-http.ts',
      'shared/events/outbox.ts',
      'shared/events/consumer.ts',
      'shared/**/*-consumer.ts',
      'shared/platform/health.ts',
      'shared/platform/api-reference.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', 'aws-lambda'],
              message: 'Domain and use cases stay free of AWS: depend on a port, wired in the context’s *-app.ts.',
              allowTypeImports: false,
            },
            {
              group: ADAPTER_MODULES,
              message: 'Domain and use cases import no adapter: depend on a port (kernel or <context>-ports.ts).',
              // A type names a shape and loads nothing: a template may name the view an app module builds.
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
