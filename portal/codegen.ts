import fs from 'node:fs';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for each feature's `*.graphql` files (`<feature>/graphql/`, one operation or fragment per file), from
 * the committed schema: one module per feature (`portal/src/generated/<feature>.ts`), so a page loads its own feature's
 * documents and no other's (the login page does not carry the score sheet's). A feature's module also holds the
 * fragments of other features it spreads.
 */
const SOURCE = 'portal/src';
const graphqlFolder = (feature: string) => path.join(SOURCE, feature, 'graphql');
const graphqlFiles = (feature: string) =>
  fs
    .readdirSync(graphqlFolder(feature))
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => path.join(graphqlFolder(feature), file));
const features = fs
  .readdirSync(SOURCE, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(graphqlFolder(entry.name)))
  .map((entry) => entry.name);

const text = new Map(features.flatMap(graphqlFiles).map((file) => [file, fs.readFileSync(file, 'utf8')]));
const fragmentFile = new Map(
  [...text].flatMap(([file, body]) => [...body.matchAll(/\bfragment\s+(\w+)\s+on\b/g)].map((m) => [m[1]!, file])),
);
const spreads = (body: string) => [...body.matchAll(/\.\.\.(?!\s*on\b)\s*(\w+)/g)].map((m) => m[1]!);

/** The feature's files and, transitively, the files defining the fragments they spread. */
function documentsOf(feature: string): string[] {
  const files = new Set(graphqlFiles(feature));
  for (const file of files) for (const name of spreads(text.get(file)!)) files.add(fragmentFile.get(name) ?? file);
  return [...files];
}

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: Object.fromEntries(
    features.map((feature) => [
      `${SOURCE}/generated/${feature}.ts`,
      {
        documents: documentsOf(feature),
        plugins: ['typescript-operations', 'typed-document-node'],
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          scalars: { Decimal: 'string', DateTimeISO: 'string', JSON: 'unknown', Upload: 'File' },
        },
      },
    ]),
  ),
};

export default config;
