import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for every `*.graphql` file next to the portal's components, from the committed schema. */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: 'portal/src/**/*.graphql',
  generates: {
    'portal/src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Decimal: 'string', DateTimeISO: 'string', JSON: 'unknown', Upload: 'File' },
      },
    },
  },
};

export default config;
