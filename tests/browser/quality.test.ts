import { createRequire } from 'node:module';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, DEMO_PASSWORD } from '../../server/seed/index.ts';
import { browserAvailable, expectLocator, useBrowserApp } from '../support/browser.ts';
import { scoringContext } from '../support/scoring.ts';
import { openRound1, submittedSheet } from '../support/sheets.ts';

/**
 * Every page of the portal, for every demo role, on phones (390×844, and 360 px wide, the narrowest the portal serves):
 * no horizontal scrolling and no serious or
 * critical accessibility finding (axe-core). The pages are not listed here: they come from the portal's router, and
 * the ones with parameters are reached by following the links the pages show, so a new page is covered as soon as
 * the portal links to it (and the test fails if some route is reached by no role at all).
 */
/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();

const PHONE = { width: 390, height: 844 };
/** Every view is also measured at this width, the narrowest phone the portal serves. */
const SMALL_PHONE = { width: 360, height: 780 };
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}
interface Width {
  scrollWidth: number;
  innerWidth: number;
  /** What sticks out on the right, when something does. */
  widest: string[];
}
interface PageReport {
  url: string;
  view: string;
  /** At 390 px, then at 360 px. */
  widths: Width[];
  findings: Finding[];
}

/** Waits until the page has drawn what it loads: its heading is shown and no request is outstanding. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await expectLocator(page.locator('h1').first()).toBeVisible();
}

/** Two frames later: the page has been laid out again and its resize observers (the charts') have run. */
const drawn = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) => (globalThis as any).requestAnimationFrame(() => (globalThis as any).requestAnimationFrame(() => done()))),
  );

/** How wide the page is drawn in the current viewport. */
const measureWidth = (page: Page): Promise<Width> =>
  page.evaluate(() => {
    const { document, window, getComputedStyle } = globalThis as any; // runs in the page: DOM types are not in this project's lib
    const right = (element: any) => element.getBoundingClientRect().right as number;
    return {
      scrollWidth: document.documentElement.scrollWidth as number,
      innerWidth: window.innerWidth as number,
      // The elements that stick out on the right while their parent does not: what makes the page too wide.
      widest: [...document.querySelectorAll('body *')]
        .filter(
          (element) =>
            right(element) > window.innerWidth + 0.5 &&
            right(element.parentElement) <= window.innerWidth + 0.5 &&
            getComputedStyle(element.parentElement).overflowX === 'visible',
        )
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} → ${right(element)}`) as string[],
    };
  });

/** What a phone user would suffer on the page as it is shown now, at 390 px and at 360 px. */
async function inspect(page: Page, view: string): Promise<PageReport> {
  await settled(page);
  const widths = [await measureWidth(page)];
  await page.setViewportSize(SMALL_PHONE);
  await drawn(page);
  widths.push(await measureWidth(page));
  await page.setViewportSize(PHONE);
  await drawn(page);
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const findings = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: typeof import('axe-core'); document: unknown };
    const result = await axe.run(document as never, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: String(violation.impact),
        help: violation.help,
        targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
      }));
  });
  return { url: page.url().replace(app.t.url, ''), view, widths, findings };
}

/** The portal's routes, as its router knows them. */
const routerRoutes = (page: Page) =>
  page.evaluate(() => {
    const app = (globalThis as any).document.querySelector('#app').__vue_app__;
    return (app.config.globalProperties.$router.getRoutes() as { name?: string; path: string }[])
      .filter((route) => route.name)
      .map((route) => ({ name: String(route.name), path: route.path }));
  });

/** The route a link leads to, with its non-numeric parameters (a tab in the path is a view of its own). */
const routeKeys = (page: Page, hrefs: string[]) =>
  page.evaluate((links) => {
    const router = (globalThis as any).document.querySelector('#app').__vue_app__.config.globalProperties.$router;
    return links.map((href) => {
      const resolved = router.resolve(href);
      const words = Object.values(resolved.params as Record<string, string>).filter((value) => !/^\d+$/.test(String(value)));
      return resolved.name ? [String(resolved.name), ...words].join(':') : null;
    });
  }, hrefs);

/** Visits every route the role can reach, each once, with each of its tabs; returns the reports and the routes seen. */
async function crawl(page: Page): Promise<{ reports: PageReport[]; seen: Set<string> }> {
  const routes = await routerRoutes(page);
  const queue = routes.filter((route) => !route.path.includes(':') && !route.path.includes('*')).map((route) => route.path);
  const keys = new Set<string>();
  const seen = new Set<string>();
  const reports: PageReport[] = [];
  for (const key of await routeKeys(page, queue)) if (key) keys.add(key);
  while (queue.length) {
    const url = queue.shift()!;
    await page.goto(url);
    const [key] = await routeKeys(page, [page.url().replace(app.t.url, '')]);
    if (!key) continue;
    seen.add(key.split(':')[0]!);
    reports.push(await inspect(page, key));
    const tabs = page.locator('main [role=tablist]:not(.segmented) [role=tab]');
    for (let i = 1; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      reports.push(await inspect(page, `${key} › ${(await tabs.nth(i).innerText()).trim()}`));
    }
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    // Some pages are opened by choosing in a list (a period, a criteria set) rather than by a link.
    const selects = page.locator('main .toolbar select');
    for (let i = 0; i < (await selects.count()); i++) {
      const select = selects.nth(i);
      if (!(await select.isVisible()) || !(await select.isEnabled())) continue;
      const values = await select.locator('option').evaluateAll((options) => options.map((option) => (option as { value: string }).value));
      const before = page.url();
      for (const value of values.slice(0, 2)) {
        // Back on the page after a choice navigated, the toolbar may be drawn for another state (another select at
        // this place, or its list not holding that value): choose only what is there now.
        const offered = await select
          .locator('option')
          .evaluateAll((options, wanted) => options.some((option) => (option as { value: string }).value === wanted), value);
        if (!offered || !(await select.isEnabled())) continue;
        // Should the list still be redrawn for another state without that value, the choice is not offered after all.
        const chosen = await select.selectOption(value, { timeout: 5_000 }).then(
          () => true,
          (error: Error) => {
            if (error.name !== 'TimeoutError') throw error;
            return false;
          },
        );
        if (!chosen) continue;
        // A choice that stays on the page may reload the toolbar's other lists: read them once the page has settled.
        await settled(page);
        if (page.url() === before) continue;
        hrefs.push(page.url().replace(app.t.url, ''));
        await page.goto(before);
        await settled(page);
      }
    }
    const resolved = await routeKeys(page, hrefs);
    hrefs.forEach((href, i) => {
      const next = resolved[i];
      if (next && !keys.has(next)) {
        keys.add(next);
        queue.push(href);
      }
    });
  }
  return { reports, seen };
}

const problems = (reports: PageReport[]) =>
  reports.filter((report) => report.widths.some((width) => width.scrollWidth > width.innerWidth) || report.findings.length);

describe.runIf(browserAvailable)('every page on a phone, for every role', { timeout: 300_000 }, () => {
  const seenByAnyone = new Set<string>();
  let allRoutes: string[] = [];

  beforeAll(async () => {
    // Sơn Tây has submitted and round 1 is open, so the appraisal pages have a sheet to show.
    const { periodId } = await scoringContext(app.t);
    await submittedSheet(app.t, periodId, 'SONTAY', {});
    await openRound1(app.t, await app.t.login('secretariat'), periodId);
  });

  it('the login page', async () => {
    const page = await (await app.browser.newContext({ locale: 'vi-VN', baseURL: app.t.url, viewport: PHONE })).newPage();
    await page.goto('/login');
    const report = await inspect(page, 'login');
    seenByAnyone.add('login');
    expect(problems([report])).toEqual([]);
    await page.context().close();
  });

  for (const { username } of demoAccounts) {
    it(`${username}: no horizontal scroll at 390 and 360 px and no serious accessibility finding`, async () => {
      const page = await (await app.browser.newContext({ locale: 'vi-VN', baseURL: app.t.url, viewport: PHONE })).newPage();
      await page.goto('/login');
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('button[type=submit]');
      await expectLocator(page.locator('nav[aria-label=menu]')).toBeVisible();
      allRoutes = (await routerRoutes(page)).map((route) => route.name);
      const { reports, seen } = await crawl(page);
      seen.forEach((name) => seenByAnyone.add(name));
      console.log(
        `${username}: ${reports.length} views\n` +
          reports
            .map(
              (r) =>
                `  ${r.view} ${r.url} width ${r.widths.map((w) => `${w.scrollWidth}/${w.innerWidth}`).join(', ')}; axe ${r.findings.length}`,
            )
            .join('\n'),
      );
      expect(problems(reports)).toEqual([]);
      await page.context().close();
    });
  }

  it('keeps the top bar on one line on a 1366 px laptop, with every menu entry of the secretariat', async () => {
    const page = await (
      await app.browser.newContext({ locale: 'vi-VN', baseURL: app.t.url, viewport: { width: 1366, height: 768 } })
    ).newPage();
    await page.goto('/login');
    await page.fill('input[name=username]', 'secretariat');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    const entries = page.locator('nav[aria-label=menu] a');
    await expectLocator(page.locator('[data-testid=current-user]')).toBeVisible();
    const boxes = await entries.evaluateAll((links) =>
      links.map((link) => {
        const box = (link as unknown as { getBoundingClientRect(): { top: number; right: number } }).getBoundingClientRect();
        return { top: box.top, right: box.right };
      }),
    );
    expect(boxes.length).toBeGreaterThan(5);
    // One row: every entry at the same height, none cut off by the row's own scrolling.
    expect(new Set(boxes.map((box) => Math.round(box.top))).size).toBe(1);
    const menuRight = await page
      .locator('nav[aria-label=menu]')
      .evaluate((nav) => (nav as unknown as { getBoundingClientRect(): { right: number } }).getBoundingClientRect().right);
    expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(menuRight + 0.5);
    const header = await page.locator('header.topbar').evaluate((bar) => (bar as unknown as { offsetHeight: number }).offsetHeight);
    expect(header).toBeLessThan(64);
    await page.context().close();
  });

  it('reaches every route of the router', () => {
    expect(allRoutes.filter((name) => !seenByAnyone.has(name))).toEqual([]);
  });
});
