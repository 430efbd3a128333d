import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, DIST, initialText, pageSizes } from '../scripts/bundle-size.ts';
import { startTestApp, type TestApp } from './support/app.ts';

/**
 * How fast the portal can load: what each page downloads first (from the built manifest; a size, not a timing) and how
 * the API serves the built files (compressed, hashed files cached for good). Needs the built portal (npm run build:portal).
 */

/** Operation names of every feature's GraphQL documents, by feature folder. */
function operationsByFeature(): Map<string, string[]> {
  const source = path.resolve('portal/src');
  const byFeature = new Map<string, string[]>();
  for (const feature of fs.readdirSync(source)) {
    const folder = path.join(source, feature, 'graphql');
    if (!fs.existsSync(folder)) continue;
    const names = fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.graphql') && !file.endsWith('.fragment.graphql'))
      .flatMap((file) => [...fs.readFileSync(path.join(folder, file), 'utf8').matchAll(/^(?:query|mutation)\s+(\w+)/gm)].map((m) => m[1]!));
    if (names.length) byFeature.set(feature, names);
  }
  return byFeature;
}

describe('initial JavaScript per page', () => {
  const sizes = new Map(pageSizes().map((size) => [size.page, size]));

  it('finds every lazy page of the router in the manifest', () => {
    expect([...sizes.keys()]).toEqual(expect.arrayContaining(['auth/LoginPage', 'scoring/ScoreSheetPage', 'shell/HomePage']));
  });

  it.each(Object.entries(BUDGETS))('%s stays within its gzip budget', (page, budget) => {
    expect(sizes.get(page)!.gzip).toBeLessThanOrEqual(budget);
  });

  it('the login page carries no GraphQL document but its own feature’s', () => {
    const login = initialText(sizes.get('auth/LoginPage')!);
    const foreign = [...operationsByFeature()]
      .filter(([feature]) => feature !== 'auth')
      .flatMap(([, names]) => names)
      .filter((name) => login.includes(`value:\`${name}\``) || login.includes(`value:"${name}"`));
    expect(foreign).toEqual([]);
    // The check can see a document: the login mutation's own is there.
    expect(login.includes('value:`Login`') || login.includes('value:"Login"')).toBe(true);
  });
});

/** The menu title of every feature but auth and shell, in Vietnamese (each feature's messages give one). */
function menuTitles(): string[] {
  const source = path.resolve('portal/src');
  return fs
    .readdirSync(source, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('messages.json') && !file.startsWith('auth'))
    .flatMap((file) => {
      const texts = JSON.parse(fs.readFileSync(path.join(source, file), 'utf8')) as Record<string, { menu?: [string, string] }>;
      const menu = Object.values(texts)[0]!.menu;
      return menu ? [menu[0]] : [];
    });
}

describe('what the login page leaves for later', () => {
  const login = initialText(pageSizes().find((size) => size.page === 'auth/LoginPage')!);

  it('carries no other feature’s texts (they come with the first signed-in page)', () => {
    const titles = menuTitles();
    expect(titles.length).toBeGreaterThanOrEqual(6);
    // As whole strings: a title may be a word of another text (an error message names the criteria set).
    const whole = (text: string) => [`"${text}"`, `'${text}'`, `\`${text}\``].some((quoted) => login.includes(quoted));
    expect(titles.filter(whole)).toEqual([]);
    // The check can see a text: the sign-in button's is there.
    expect(whole('Đăng nhập')).toBe(true);
  });

  it('carries no CASL (the ability is built for signed-in pages only)', () => {
    // CASL's rule conditions are written in MongoDB's query language, whose operators stay as strings once minified.
    expect(login).not.toContain('$elemMatch');
    const signedIn = initialText(pageSizes().find((size) => size.page === 'shell/HomePage')!);
    expect(signedIn).toContain('$elemMatch');
  });
});

describe('serving the built portal', () => {
  let t: TestApp;
  let asset: string;
  beforeAll(async () => {
    t = await startTestApp({ portal: true });
    asset = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').match(/src="(\/assets\/index-[^"]+\.js)"/)![1]!;
  });
  afterAll(() => t?.close());

  it('sends hashed assets compressed (brotli first, then gzip) and cached for a year', async () => {
    const brotli = await fetch(`${t.url}${asset}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.status).toBe(200);
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-type')).toMatch(/javascript/);
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await brotli.text()).toBe(fs.readFileSync(path.join(DIST, asset), 'utf8'));

    const gzip = await fetch(`${t.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${t.url}${asset}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('has the entry page revalidated on every visit, on any client-side route', async () => {
    for (const route of ['/', '/scoring/1/2']) {
      const page = await fetch(`${t.url}${route}`);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain(asset);
    }
  });
});
