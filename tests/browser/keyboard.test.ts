import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectLocator, signedInPage, useBrowserApp } from '../support/browser.ts';
import { scoringContext } from '../support/scoring.ts';

/**
 * The score sheet filled with the keyboard alone (issue 12): from the page's top, Tab reaches the search field, typing
 * narrows the tree to a sub-criterion, Tab reaches its points, the note takes text and Enter saves. Every control the
 * keyboard lands on shows where the focus is.
 */
/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();
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
  it('lets thanhoai find a sub-criterion, give it points and a note, and save, without the mouse', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'thanhoai');
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

  it('keeps the focus inside the notifications dialog: Tab goes round it, Esc closes it and the bell gets the focus back', async () => {
    const { unitId, periodId } = await scoringContext(app.t);
    const reminder = await app.t.gql(
      'mutation($periodId: Int!, $unitIds: [Int!]!) { remindSelfScoring(periodId: $periodId, unitIds: $unitIds) }',
      { periodId, unitIds: [unitId('THANHOAI')] },
      { token: await app.t.login('secretariat') },
    );
    expect(reminder.errors).toBeUndefined();
    const page = await signedInPage(app.browser, app.t.url, 'thanhoai');
    const bell = page.locator('[data-testid=notification-bell]');
    await expectLocator(page.locator('[data-testid=notification-count]')).toHaveText('1');
    const where = () =>
      page.evaluate(() => {
        const element = (globalThis as any).document.activeElement;
        return {
          inDialog: Boolean(element.closest('dialog[open]')),
          label: String(element.textContent).trim(),
          testid: element.dataset.testid ?? '',
        };
      });

    await bell.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await expectLocator(dialog.locator('li')).toContainText(['Sắp hết hạn tự chấm điểm']);
    // Three controls: mark all read, close, the notification. Round and round, forwards and backwards, never behind.
    const forwards: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      const target = await where();
      expect(target.inDialog, `Tab ${i + 1} left the dialog`).toBe(true);
      forwards.push(target.label);
    }
    expect(forwards.slice(3, 6)).toEqual(forwards.slice(0, 3));
    expect(new Set(forwards).size).toBe(3);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Shift+Tab');
      expect((await where()).inDialog, `Shift+Tab ${i + 1} left the dialog`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expectLocator(dialog).toHaveCount(0);
    expect((await where()).testid).toBe('notification-bell');

    // The close button closes it too, and the focus goes back to the bell as well.
    await page.keyboard.press('Enter');
    await expectLocator(dialog).toHaveCount(1);
    await dialog.locator('[data-testid=dialog-close]').click();
    await expectLocator(dialog).toHaveCount(0);
    expect((await where()).testid).toBe('notification-bell');
    await page.context().close();
  });
});
