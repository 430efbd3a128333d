import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The floor plan of server/ (README, "How the code is organised"), checked on the import graph:
 * every relative import and re-export of every file, type-only ones included.
 */
const SERVER = path.resolve('server');
/** Layers below the modules: shared/ is leaf utilities, access/ the access layer. */
const SHARED = 'shared';
const ACCESS = 'access';

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** server-relative path of every file each file imports. */
function importGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SERVER)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier.text);
      if (!target.startsWith(SERVER + path.sep)) continue;
      edges.push({ from: path.relative(SERVER, file), to: path.relative(SERVER, target) });
    }
  }
  return edges;
}

/** The folder a file belongs to ('' for the composition files at the top: main, app, modules, schema, orm). */
const folderOf = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0]! : '');
const isFrontDoor = (file: string) => path.basename(file) === 'index.ts' && file.split(path.sep).length === 2;

/** Every cycle's members, by Tarjan's strongly connected components. */
function cycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        members.push(member);
      } while (member !== node);
      if (members.length > 1 || next.get(node)?.includes(node)) found.push(members.sort());
    }
  };
  for (const node of new Set(edges.flatMap((edge) => [edge.from, edge.to]))) if (!index.has(node)) visit(node);
  return found;
}

describe('the floor plan of server/', () => {
  const edges = importGraph();

  it('enters another module, and the access layer, only through its index.ts', () => {
    const deep = edges.filter(({ from, to }) => {
      const [source, target] = [folderOf(from), folderOf(to)];
      return source !== target && target !== SHARED && target !== '' && !isFrontDoor(to);
    });
    expect(deep.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('keeps shared/ a floor of leaf utilities and access/ free of modules', () => {
    const upward = edges.filter(
      ({ from, to }) =>
        (folderOf(from) === SHARED && folderOf(to) !== SHARED) || (folderOf(from) === ACCESS && ![ACCESS, SHARED].includes(folderOf(to))),
    );
    expect(upward.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });

  it('answers a missing id only by the guard’s rule (missingRow): nothing else builds NOT_FOUND', () => {
    // The one exception: a document the caller was allowed to read whose stored file is gone.
    const allowed = [path.join(ACCESS, 'guard.ts'), path.join('evidence', 'evidence.read.ts')];
    const builders = sourceFiles(SERVER).filter((file) => {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
      return source.statements.some(
        (statement) =>
          ts.isImportDeclaration(statement) &&
          statement.importClause?.namedBindings !== undefined &&
          ts.isNamedImports(statement.importClause.namedBindings) &&
          statement.importClause.namedBindings.elements.some((element) => (element.propertyName ?? element.name).text === 'notFound'),
      );
    });
    expect(builders.map((file) => path.relative(SERVER, file)).sort()).toEqual(allowed.sort());
  });

  it('has no cycle between modules, nor between files', () => {
    const modules = edges
      .map(({ from, to }) => ({ from: folderOf(from), to: folderOf(to) }))
      .filter(({ from, to }) => from !== to && from !== '' && to !== '');
    expect(cycles(modules)).toEqual([]);
    expect(cycles(edges)).toEqual([]);
  });
});

/**
 * The same floor plan as `npm run lint` enforces it (eslint.config.js, `import-x/no-restricted-paths`): a deep import
 * into another module, or a floor importing a module, must be a lint error, while the front door stays allowed. Linted
 * as if the probe file stood in the tree, so a config change that quietly stops covering a folder fails here.
 */
// The first probe loads the whole import graph for `no-cycle` (seconds on a busy machine), hence the longer timeout.
describe('the boundaries lint rule', { timeout: 120_000 }, () => {
  const eslint = new ESLint({ cwd: path.resolve('.') });
  const boundaryErrors = async (filePath: string, importPath: string) => {
    const [result] = await eslint.lintText(`import * as probe from '${importPath}';\nexport default probe;\n`, { filePath });
    return result!.messages.filter((message) => message.ruleId === 'import-x/no-restricted-paths').map((message) => message.message);
  };

  it.each([
    ['server/criteria/probe.ts', '../scoring/scoring.service.ts', 'only through its front door, server/scoring/index.ts'],
    ['server/seed/steps/probe.ts', '../../appraisal/cycle.service.ts', 'only through its front door, server/appraisal/index.ts'],
    ['server/shared/probe.ts', '../criteria/index.ts', 'server/shared/ is the floor of leaf utilities'],
    ['server/shared/probe.ts', '../access/index.ts', 'server/shared/ is the floor of leaf utilities'],
    ['portal/src/criteria/probe.ts', '../scoring/points', 'only through its front door, portal/src/scoring/index.ts'],
    ['portal/src/shared/probe.ts', '../scoring', 'portal/src/shared/ is the floor of leaf utilities'],
  ])('refuses %s importing %s', async (filePath, importPath, expected) => {
    const errors = await boundaryErrors(filePath, importPath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['server/criteria/probe.ts', '../units/index.ts'],
    ['server/criteria/probe.ts', '../shared/errors.ts'],
    ['portal/src/criteria/probe.ts', '../scoring'],
    ['portal/src/criteria/probe.ts', '../shared/format'],
  ])('lets %s import %s', async (filePath, importPath) => {
    expect(await boundaryErrors(filePath, importPath)).toEqual([]);
  });
});
