// ESLint for the whole tree: server, tests, scripts, migrations and the portal (Vue 3 + TypeScript).
// Formatting is Prettier's job (`npm run format`); eslint-config-prettier, last, turns off every rule that would fight it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The folders directly under `dir`, but those named in `except`: read from the tree, so a new module is covered at once. */
function foldersIn(dir, except) {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !except.includes(entry.name))
    .map((entry) => entry.name)
    .sort();
}

// ---------------------------------------------------------------------------------------------------------------------
// Boundaries. Each server module (`server/<module>/`) and each portal feature (`portal/src/<feature>/`) has a front
// door, its `index.ts`; another module imports that and nothing else of it. The floors below them — `server/shared/`
// and `portal/src/shared/` — hold leaf utilities and import no module at all (and `server/shared/` not `server/access/`,
// the permission layer, which sits above the floor). Every folder under `server/` but `shared/` is a module here
// (`access/` and `seed/` included: they too are entered by their front door).
//
// Exceptions, on purpose:
// - `server/*.ts` files are outside every module folder and so in no zone: `modules.ts` (the composition root, which
//   lists every module's front door), the schema and ORM assembly beside it, `main.ts` (start-up) and `app.ts` (HTTP
//   wiring). They are the places allowed to see everything.
// - `portal/src/main.ts` is the portal's composition root (features, router, messages, menu) for the same reason.
// - `tests/` and `scripts/` reach into modules' files on purpose (fixtures, statement counting, benchmarks, schema
//   emission): they are not part of the layering and no zone covers them.
// - `portal/src/generated/` is the code generated from `schema.graphql`: a leaf every feature may read.
// ---------------------------------------------------------------------------------------------------------------------
const serverModules = foldersIn('server', ['shared']);
const portalFeatures = foldersIn('portal/src', ['shared', 'generated']);

/** One zone per ordered pair of units: files of `unit` may import only the front door of `other`. */
function frontDoorZones(base, units) {
  return units.flatMap((unit) =>
    units
      .filter((other) => other !== unit)
      .map((other) => ({
        target: `./${base}/${unit}`,
        from: `./${base}/${other}`,
        except: ['./index.ts'],
        message: `${base}/${unit}/ may use ${base}/${other}/ only through its front door, ${base}/${other}/index.ts.`,
      })),
  );
}

/** The floor (`base/shared`) imports none of the units above it. */
function floorZones(base, units, floorName) {
  return units.map((unit) => ({
    target: `./${base}/shared`,
    from: `./${base}/${unit}`,
    message: `${floorName} is the floor of leaf utilities: it imports no module (here ${base}/${unit}/).`,
  }));
}

const boundaryZones = [
  ...frontDoorZones('server', serverModules),
  ...floorZones('server', serverModules, 'server/shared/'),
  ...frontDoorZones('portal/src', portalFeatures),
  ...floorZones('portal/src', portalFeatures, 'portal/src/shared/'),
];

export default defineConfig([
  globalIgnores(['**/node_modules/', 'portal/dist/', 'portal/src/generated/', '.data/', '.tmp/', 'coverage/', '.bench/']),

  { files: ['**/*.{js,ts,vue}'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  vue.configs['flat/recommended'],
  {
    // `<script setup lang="ts">` in single-file components is TypeScript too.
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['portal/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The import rules parse the files an import leads to; a `.ts` file's imports of `.vue` files are read with the
    // Vue parser and its TypeScript script parser, so a cycle through a component is seen from either end.
    files: ['portal/src/**/*.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['server/**', 'tests/**', 'scripts/**', 'migrations/**', '*.{js,ts}', 'portal/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // Unused names are errors (TypeScript's noUnusedLocals agrees); a leading underscore marks a parameter or
      // destructured value that must be there for its position (a callback's signature, a rest sibling).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },

  {
    // Tests and benchmarks read GraphQL responses as plain JSON: the schema and each operation's text already fix their shape, and a
    // hand-written type per response would be a second, unchecked copy of it. Server and portal code stay strict.
    files: ['tests/**', 'scripts/bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Boundaries (see above) and one direction. `no-unresolved` makes sure every relative import resolves, since a path
  // the resolver cannot follow would slip past `no-restricted-paths` unseen.
  {
    files: ['server/**', 'portal/src/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.vue', '.js', '.json'] })],
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
      // No module is evaluated before the modules it needs: a runtime import cycle is an error (type-only imports,
      // erased at compile time, do not count).
      'import-x/no-cycle': 'error',
    },
  },

  prettier,
]);
