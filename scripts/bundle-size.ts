/**
 * What each portal page makes the browser download before it can show anything: the entry chunk, the page's lazy
 * chunk and every chunk they import statically, read from the Vite manifest of the built portal (`build.manifest`).
 * Sizes are of the files as built (minified) and gzip-compressed (level 9, as the build writes them beside the files).
 *
 *   npm run build:portal && npm run size      (exits 1 when a page is over its budget, BUDGETS below)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface PageSize {
  /** The page's component, e.g. `auth/LoginPage`. */
  page: string;
  /** JavaScript files loaded before the page shows (entry, page, their static imports). */
  files: string[];
  bytes: number;
  gzip: number;
}

export const DIST = fileURLToPath(new URL('../portal/dist', import.meta.url));

export function readManifest(dist = DIST): Manifest {
  const file = path.join(dist, '.vite/manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the portal first (npm run build:portal)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The chunk keys `key` loads before running: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/** Pages shown before sign-in: they load the entry and their own chunk only. */
const PUBLIC_PAGES = new Set(['auth/LoginPage']);

/**
 * The most gzip bytes of JavaScript a page may download before it shows (issue 12: the login page 80 KB, the score
 * sheet 150 KB). `npm run size` exits 1 when one is over, and tests/portal-loading.test.ts checks them.
 */
export const BUDGETS: Record<string, number> = { 'auth/LoginPage': 80_000, 'scoring/ScoreSheetPage': 150_000 };

/**
 * Initial JavaScript of every page the router loads lazily (the entry's dynamic imports), largest first. A signed-in
 * page also counts what `main.ts` loads before the first signed-in page: the entry's other lazy chunks (the signed-in
 * layout, the features' texts, the CASL ability, the top bar's widgets).
 */
export function pageSizes(dist = DIST): PageSize[] {
  const manifest = readManifest(dist);
  const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
  if (!entryKey) throw new Error('the manifest has no entry');
  const lazy = new Set<string>();
  // Pages are the lazy chunks the entry or its static imports (a feature's front door) load.
  for (const key of staticClosure(manifest, entryKey)) for (const chunk of manifest[key]?.dynamicImports ?? []) lazy.add(chunk);
  const isPage = (key: string) => key.endsWith('Page.vue');
  const signedIn = [...lazy].filter((key) => !isPage(key));
  return [...lazy]
    .filter(isPage)
    .map((key) => {
      const page = key.replace(/^src\//, '').replace(/\.vue$/, '');
      const keys = staticClosure(manifest, key, staticClosure(manifest, entryKey));
      if (!PUBLIC_PAGES.has(page)) for (const chunk of signedIn) staticClosure(manifest, chunk, keys);
      const files = [...keys].map((chunk) => manifest[chunk]!.file).filter((file) => file.endsWith('.js'));
      const contents = files.map((file) => fs.readFileSync(path.join(dist, file)));
      return {
        page,
        files,
        bytes: contents.reduce((sum, content) => sum + content.length, 0),
        gzip: contents.reduce((sum, content) => sum + zlib.gzipSync(content, { level: 9 }).length, 0),
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** The text of a page's initial JavaScript (to look for what it should not carry). */
export function initialText(size: PageSize, dist = DIST): string {
  return size.files.map((file) => fs.readFileSync(path.join(dist, file), 'utf8')).join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(10);
  console.log(`${'page'.padEnd(36)}${'minified'.padStart(10)}${'gzip'.padStart(10)}  files`);
  const sizes = pageSizes();
  for (const size of sizes) {
    const budget = BUDGETS[size.page];
    const note =
      budget === undefined ? '' : size.gzip > budget ? `  OVER its budget of ${kb(budget).trim()}` : `  (budget ${kb(budget).trim()})`;
    console.log(`${size.page.padEnd(36)}${kb(size.bytes)}${kb(size.gzip)}  ${String(size.files.length).padStart(5)}${note}`);
  }
  const over = sizes.filter((size) => size.gzip > (BUDGETS[size.page] ?? Infinity));
  if (over.length) {
    console.error(`Over budget: ${over.map((size) => size.page).join(', ')}`);
    process.exitCode = 1;
  }
}
