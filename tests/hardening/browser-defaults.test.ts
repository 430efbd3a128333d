import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { browserAvailable, launchBrowser, signedInPage } from '../support/browser.ts';
import * as files from '../support/files.ts';
import { uploadEvidence } from '../support/upload.ts';
import { readSheet, scoringContext } from '../support/scoring.ts';

/**
 * Issue 10, item 11: browser-facing defaults. Security headers on every response (helmet), a CSP the
 * portal and the local GraphiQL really run under (checked in Chromium: no violation, the pages
 * work), no CDN behind /graphql, introspection for signed-in users, cross-site cookie requests
 * refused on the plain routes, and a download named with the extension of its detected type.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ portal: true });
});
afterAll(() => t.close());

describe('headers', () => {
  it.each(['/', '/login', '/graphiql', '/healthz', '/api/evidence/1/download'])('sends the security headers on %s', async (path) => {
    const response = await fetch(`${t.url}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // HSTS only in production: a developer's http://localhost must keep working.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('adds HSTS in production', async () => {
    const production = await startTestApp({ config: { production: true } });
    try {
      expect((await fetch(`${production.url}/healthz`)).headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    } finally {
      await production.close();
    }
  });
});

describe('the API address in a browser', () => {
  it('sends a browser at /graphql to the local GraphiQL, never a CDN page', async () => {
    const response = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/graphiql');
    const page = await (await fetch(`${t.url}/graphiql`)).text();
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('answers introspection to signed-in users only', async () => {
    const anonymous = await t.gql('{ __schema { queryType { name } } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const viaFragment = await t.gql('{ ...F } fragment F on Query { __type(name: "Query") { name } }');
    expect(viaFragment.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const signedIn = await t.gql('{ __schema { queryType { name } } }', {}, { token: await t.login('analyst') });
    expect(signedIn.data.__schema.queryType.name).toBe('Query');
  });
});

describe('plain routes signed in by the cookie', () => {
  it('refuse an upload from another site, and take one from the portal', async () => {
    const { sontay, periodId, unitId } = await scoringContext(t);
    const sheetId = (await readSheet(t, sontay, periodId, unitId('SONTAY'))).data.scoreSheet.id;
    const form = new FormData();
    form.append('file', new Blob([files.pdf('csrf')]), 'csrf.pdf');
    const post = (headers: Record<string, string>) =>
      fetch(`${t.url}/api/evidence/score-sheets/${sheetId}/files`, {
        method: 'POST',
        headers: { cookie: `par_session=${sontay}`, ...headers },
        body: form,
      });
    const foreign = await post({ origin: 'https://example.invalid' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('CROSS_SITE_REQUEST');
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: t.url, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: t.url })).status).toBe(201);
  });

  it('name a download with the extension of its detected type', async () => {
    const { sontay, periodId, unitId } = await scoringContext(t);
    const sheetId = (await readSheet(t, sontay, periodId, unitId('SONTAY'))).data.scoreSheet.id;
    const disguised = await uploadEvidence(t.url, sheetId, { name: 'bao-cao.exe', content: files.pdf('disguised') }, { token: sontay });
    expect(disguised.status).toBe(201);
    const download = await fetch(`${t.url}/api/evidence/${disguised.body.evidence.id}/download`, {
      headers: { authorization: `Bearer ${sontay}` },
    });
    expect(download.headers.get('content-disposition')).toMatch(/filename="?bao-cao\.exe\.pdf"?(;|$)/);
  });
});

describe.runIf(browserAvailable)('the portal and GraphiQL under the CSP, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('signs in, shows the criteria tree and runs GraphiQL with no CSP violation', async () => {
    const page = await signedInPage(browser, t.url, 'analyst');
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto('/criteria');
    await expect.poll(() => page.locator('[data-testid=criteria-tree]').count()).toBe(1);
    await page.goto('/graphiql');
    const editor = page.locator('.graphiql-container');
    await expect.poll(() => editor.count()).toBe(1);
    // The docs explorer needs the schema: introspection ran with the portal's cookie.
    await page.locator('[aria-label="Execute query (Ctrl-Enter)"]').click();
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 10_000 }).toMatch(/"data"|"errors"/);
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-graphiql-csp.png') });
    expect(violations).toEqual([]);
  });
});
