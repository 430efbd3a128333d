import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';
import { browserAvailable, expectLocator, signedInPage, useBrowserApp } from '../support/browser.ts';

/** The server (with the built portal) and a browser for these tests: started before them, closed after. */
const app = useBrowserApp();

/** A refused sign-in as the login form says it, with the request's id. */
const WRONG = /^Sai tên đăng nhập hoặc mật khẩu\. \(mã yêu cầu: [0-9a-f]{10}\)$/;

/** Every feature's menu entry: a unit's staff may read each of them. */
const SONTAY_MENU = ['Trang chủ', 'Bộ tiêu chí', 'Tự chấm điểm', 'Thẩm định', 'Lấy ý kiến dự thảo', 'Kết quả, xếp hạng', 'Theo dõi CCHC'];

describe.runIf(browserAvailable)('portal shell in a browser', () => {
  it('sends an anonymous visitor to the Vietnamese login page and rejects a wrong password', async () => {
    const page = await (await app.browser.newContext({ locale: 'vi-VN', baseURL: app.t.url })).newPage();
    await page.goto('/criteria');
    await page.waitForURL(/\/login\?redirect=/);
    await expectLocator(page.locator('h1')).toHaveText('Đăng nhập');
    await page.fill('input[name=username]', 'sontay');
    await page.fill('input[name=password]', 'sai-mat-khau');
    await page.click('button[type=submit]');
    // The server's answer comes with the id of the request, for the user to quote (issue 15, logs).
    await expectLocator(page.locator('[role=alert]')).toHaveText(WRONG);
  });

  it('says when sign-in is throttled and for how long, and holds the button until then', async () => {
    const page = await (await app.browser.newContext({ locale: 'vi-VN', baseURL: app.t.url })).newPage();
    await page.goto('/login');
    await page.fill('input[name=username]', 'nguoi-la');
    await page.fill('input[name=password]', 'sai-mat-khau');
    const alert = page.locator('[data-testid=sign-in-error]');
    // Five wrong tries are answered as such (the button waits for each answer); the sixth is refused for the rest of the window.
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.click('button[type=submit]');
      await expectLocator(alert).toHaveText(WRONG);
    }
    await page.click('button[type=submit]');
    await expectLocator(alert).toHaveText(/^Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ giây\.$/);
    await expectLocator(page.locator('button[type=submit]')).toBeDisabled();
  });

  it('logs in as sontay in Vietnamese, shows only permitted menu entries and the criteria tree', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'sontay');
    await expectLocator(page.locator('[data-testid=current-user]')).toContainText('UBND thị xã Sơn Tây');
    await expectLocator(page.locator('nav[aria-label=menu] a')).toHaveText(SONTAY_MENU);
    await page.click('nav[aria-label=menu] >> text=Bộ tiêu chí');
    const tree = page.locator('[data-testid=criteria-tree]');
    await expectLocator(tree).toContainText('Cải cách thủ tục hành chính');
    // Open an area and see a sub-criterion with its scoring method and evidence requirement.
    await page.locator('.node.level-2 .toggle').first().click();
    await expectLocator(page.locator('.leaf-details').first().locator('dt')).toHaveText([
      'Hướng dẫn',
      'Cách chấm điểm',
      'Mức điểm',
      'Tài liệu kiểm chứng',
    ]);
    await expectLocator(page.locator('[data-testid=criteria-set-select] option:checked')).toContainText('Khối quận, huyện, thị xã');
    await page.screenshot({ path: path.join(os.tmpdir(), 'par-criteria.png') });
  });

  it('leaves no dead end: a forbidden page leads back, a unit learns why it has no sheet to see, analysts find GraphiQL', async () => {
    const db = app.t.orm.em.getConnection();
    const [ids] = await db.execute<{ period_id: number; unit_id: number }[]>(
      `select (select id from period where year = 2023 order by id limit 1) as period_id, (select id from unit where code = 'THANHOAI') as unit_id`,
    );
    const unit = await signedInPage(app.browser, app.t.url, 'sontay');
    // Another unit's sheet: refused, with a way back.
    await unit.goto(`/scoring/${ids!.period_id}/${ids!.unit_id}`);
    await expectLocator(unit.locator('[data-testid=page-error] p').first()).toContainText('không có quyền');
    await unit.click('[data-testid=go-home]');
    await expectLocator(unit.locator('h1')).toContainText('Xin chào');
    // Before round-1 results are released the appraisal page says why there is nothing to see.
    await unit.click('nav[aria-label=menu] >> text=Thẩm định');
    await expectLocator(unit.locator('[data-testid=why-no-sheet]')).toContainText('Đơn vị đang tự chấm điểm');

    const analyst = await signedInPage(app.browser, app.t.url, 'analyst');
    await expectLocator(analyst.locator('[data-testid=graphiql-link]')).toHaveAttribute('href', '/graphiql');
    await analyst.click('[data-testid=graphiql-link]');
    await analyst.waitForURL(/\/graphiql$/);
    await expectLocator(analyst.locator('#graphiql')).toHaveCount(1);
  });

  it('switches the whole interface to English', async () => {
    const page = await signedInPage(app.browser, app.t.url, 'secretariat');
    await page.click('.locale-switch >> text=EN');
    await page.click('nav[aria-label=menu] >> text=Criteria');
    await expectLocator(page.locator('[data-testid=criteria-tree]')).toHaveCount(1);
    await expectLocator(page.locator('h1')).toHaveText('PAR Index criteria sets');
  });
});
