/**
 * What each portal page makes the browser download before it can show anything: the entry chunk, the page's lazy
 * chunk and every chunk they import statically, read from the Vite manifest of the built portal (`build.manifest`).
 * Sizes are of the files as built (minified) and gzip-compressed (level 9, as the build writes them beside the files).
 *
 *   npm run build:portal && npm run size
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

/** Initial JavaScript of every page the router loads lazily (the entry's dynamic imports), largest first. */
export function pageSizes(dist = DIST): PageSize[] {
  const manifest = readManifest(dist);
  const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry) ?? [];
  if (!entryKey) throw new Error('the manifest has no entry');
  const pages = new Set<string>();
  // Pages are the lazy chunks the entry or its static imports (a feature's front door) load.
  for (const key of staticClosure(manifest, entryKey)) for (const lazy of manifest[key]?.dynamicImports ?? []) pages.add(lazy);
  return [...pages]
    .filter((key) => key.endsWith('Page.vue'))
    .map((key) => {
      const keys = staticClosure(manifest, key, staticClosure(manifest, entryKey));
      const files = [...keys].map((chunk) => manifest[chunk]!.file).filter((file) => file.endsWith('.js'));
      const contents = files.map((file) => fs.readFileSync(path.join(dist, file)));
      return {
        page: key.replace(/^src\//, '').replace(/\.vue$/, ''),
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
  for (const size of pageSizes()) console.log(`${size.page.padEnd(36)}${kb(size.bytes)}${kb(size.gzip)}  ${size.files.length}`);
}
