import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { browserAvailable, expectLocator, launchBrowser, signedInPage } from '../support/browser.ts';

/**
 * The score sheet filled with the keyboard alone (issue 12): from the page's top, Tab reaches the search field, typing
 * narrows the tree to a sub-criterion, Tab reaches its points, the note takes text and Enter saves. Every control the
 * keyboard lands on shows where the focus is.
 */
let t: TestApp;
let browser: Browser;
const LEAF = '1.4.2'; // bands 0,5 | 0,25 | 0; Thanh Oai's sheet has nothing on it yet

/** What has the focus: its tag, name, type and whether a focus outline (or ring) is drawn around it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as any; // runs in the page: DOM types are not in this project's lib
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
      tag: String(element.tagName).toLowerCase(),
      name: (element.getAttribute('name') ?? '') as string,
      type: (element.getAttribute('type') ?? '') as string,
      code: (element.closest('li[data-code]')?.getAttribute('data-code') ?? '') as string,
      visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
    };
  });

/** Presses Tab until the focus is on what `wanted` accepts (at most `limit` times), checking each stop shows its focus. */
async function tabTo(page: Page, wanted: (target: Awaited<ReturnType<typeof focused>>) => boolean, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const target = await focused(page);
    if (target.tag !== 'body') expect(target.visible, `focus not visible on ${JSON.stringify(target)}`).toBe(true);
    if (wanted(target)) return target;
  }
  throw new Error('Tab never reached the control');
}

describe.runIf(browserAvailable)('the score sheet with the keyboard alone', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    t = await startTestApp({ portal: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets thanhoai find a sub-criterion, give it points and a note, and save, without the mouse', async () => {
    const page = await signedInPage(browser, t.url, 'thanhoai');
    await page.goto('/scoring');
    await expectLocator(page.locator('[data-testid=score-sheet]')).toHaveCount(1);

    await tabTo(page, (target) => target.tag === 'input' && target.type === 'search');
    await page.keyboard.type(LEAF);
    const leaf = page.locator(`li[data-code="${LEAF}"]`);
    await expectLocator(leaf).toBeVisible();

    await tabTo(page, (target) => target.name === 'points' && target.code === LEAF);
    await page.keyboard.type('0,5');
    await expectLocator(leaf.locator('[data-testid=points-error]')).toHaveCount(0);
    await tabTo(page, (target) => target.name === 'note' && target.code === LEAF, 5);
    await page.keyboard.type('Kế hoạch tuyên truyền CCHC năm 2023, đăng trên cổng thông tin.');
    // Back to the points and Enter: the form is sent as with its button.
    for (let i = 0; i < 5 && (await focused(page)).name !== 'points'; i++) await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).name).toBe('points');
    await page.keyboard.press('Enter');

    await expectLocator(leaf.locator('[data-testid=saved]')).toHaveCount(1);
    await expectLocator(leaf.locator('[data-testid=leaf-score]')).toHaveText('0,5/0,5');
  });
});
