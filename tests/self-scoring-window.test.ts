import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
let secretariat: string;
let periodId: number;
let units: Map<string, number>;

const OVERVIEW = `query($periodId: Int!) { selfScoringOverview(periodId: $periodId) {
  unit { id code name block } sheetId state progress { scored total } lastActivityAt deadline extendedTo extensionReason open } }`;
const DEADLINE = `mutation($input: SelfScoringDeadlineInput!) { setSelfScoringDeadline(input: $input) { id selfScoringClosesAt } }`;
const EXTEND = `mutation($input: ExtendSelfScoringInput!) { extendSelfScoring(input: $input) { unit { code } extendedTo open } }`;
const REMIND = `mutation($periodId: Int!, $unitIds: [Int!]!) { remindSelfScoring(periodId: $periodId, unitIds: $unitIds) }`;
const OPEN_ROUND_1 = `mutation($periodId: Int!) { openAppraisalRound1(periodId: $periodId) { status } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const db = () => t.orm.em.getConnection();
const audits = (action: string) =>
  db().execute<{ subject_type: string; reason: string | null; after: Record<string, unknown> }[]>(
    'select subject_type, reason, after from audit_entry where action = ? order by id',
    [action],
  );

beforeAll(async () => {
  t = await startTestApp();
  secretariat = await t.login('secretariat');
  const periods = await t.gql('{ periods(year: 2023) { id } }', {}, { token: secretariat });
  periodId = periods.data.periods.at(-1).id;
  const rows = await db().execute<{ id: number; code: string }[]>('select id, code from unit');
  units = new Map(rows.map((row) => [row.code, row.id]));
});
afterAll(() => t.close());

describe('the secretariat runs self-scoring', () => {
  it('sees every active unit of the period, started or not, with its progress and deadline', async () => {
    const overview = await t.gql(OVERVIEW, { periodId }, { token: secretariat });
    expect(overview.errors).toBeUndefined();
    const rows = overview.data.selfScoringOverview;
    const [{ n }] = await db().execute<{ n: number }[]>(
      `select count(*)::int as n from unit where active and block in ('DEPARTMENT', 'DISTRICT')`,
    );
    expect(rows).toHaveLength(n);
    expect(n).toBeGreaterThan(50);
    const sontay = rows.find((row: { unit: { code: string } }) => row.unit.code === 'SONTAY');
    expect(sontay).toMatchObject({ state: 'DRAFT', extendedTo: null, open: true });
    expect(sontay.progress.scored).toBeGreaterThan(0);
    expect(sontay.lastActivityAt).not.toBeNull();
    const hoankiem = rows.find((row: { unit: { code: string } }) => row.unit.code === 'HOANKIEM');
    expect(hoankiem).toMatchObject({ state: 'NOT_STARTED', sheetId: null, lastActivityAt: null, progress: { scored: 0 }, open: true });
    expect(hoankiem.progress.total).toBeGreaterThan(50);

    for (const user of ['sontay', 'sontay.lead']) {
      expect(errorCode(await t.gql(OVERVIEW, { periodId }, { token: await t.login(user) }))).toBe('FORBIDDEN');
    }
    expect((await t.gql(OVERVIEW, { periodId }, { token: await t.login('appraiser') })).data.selfScoringOverview).toHaveLength(n);
  });

  it('refuses bad deadlines and extensions with their field, changing nothing', async () => {
    const sontay = units.get('SONTAY')!;
    const past = await t.gql(DEADLINE, { input: { periodId, closesAt: inDays(-1) } }, { token: secretariat });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closesAt' });
    const noReason = await t.gql(EXTEND, { input: { periodId, unitId: sontay, until: inDays(40), reason: '  ' } }, { token: secretariat });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const early = await t.gql(
      EXTEND,
      { input: { periodId, unitId: sontay, until: inDays(5), reason: 'Máy chủ hỏng' } },
      { token: secretariat },
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const unit = await t.login('sontay');
    expect(
      errorCode(await t.gql(EXTEND, { input: { periodId, unitId: sontay, until: inDays(40), reason: 'Tự gia hạn' } }, { token: unit })),
    ).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(DEADLINE, { input: { periodId } }, { token: unit }))).toBe('FORBIDDEN');
    expect(await audits('extend-deadline')).toEqual([]);
    expect(await audits('close-self-scoring')).toEqual([]);
    const [row] = await db().execute<{ deadline_extended_to: Date | null }[]>(
      'select deadline_extended_to from score_sheet where period_id = ? and unit_id = ?',
      [periodId, sontay],
    );
    expect(row!.deadline_extended_to).toBeNull();
  });

  it('closes self-scoring for all but one extended unit, which alone may still save; round 1 waits for it', async () => {
    const sontay = units.get('SONTAY')!;
    const thanhoai = units.get('THANHOAI')!;
    const closed = await t.gql(DEADLINE, { input: { periodId, reason: 'Hết hạn theo kế hoạch' } }, { token: secretariat });
    expect(closed.errors).toBeUndefined();
    expect(new Date(closed.data.setSelfScoringDeadline.selfScoringClosesAt).getTime()).toBeLessThanOrEqual(Date.now());

    // Thanh Oai has not opened its sheet: the extension creates it.
    const extended = await t.gql(
      EXTEND,
      { input: { periodId, unitId: thanhoai, until: inDays(3), reason: 'Mất điện ngày cuối hạn' } },
      { token: secretariat },
    );
    expect(extended.errors).toBeUndefined();
    const rows = extended.data.extendSelfScoring as { unit: { code: string }; extendedTo: string | null; open: boolean }[];
    expect(rows.filter((row) => row.open).map((row) => row.unit.code)).toEqual(['THANHOAI']);
    expect(await audits('extend-deadline')).toEqual([
      expect.objectContaining({ subject_type: 'ScoreSheet', reason: 'Mất điện ngày cuối hạn' }),
    ]);
    expect(await audits('close-self-scoring')).toEqual([
      expect.objectContaining({ subject_type: 'Period', reason: 'Hết hạn theo kế hoạch' }),
    ]);

    // Its sheet is editable, Sơn Tây's no longer.
    const SHEET =
      'query($periodId: Int!, $unitId: Int!) { scoreSheet(periodId: $periodId, unitId: $unitId) { editable lockReason deadline extensionReason } }';
    const own = await t.gql(SHEET, { periodId, unitId: thanhoai }, { token: await t.login('thanhoai') });
    expect(own.data.scoreSheet).toMatchObject({ editable: true, lockReason: null, extensionReason: 'Mất điện ngày cuối hạn' });
    const other = await t.gql(SHEET, { periodId, unitId: sontay }, { token: await t.login('sontay') });
    expect(other.data.scoreSheet).toMatchObject({ editable: false, lockReason: 'DEADLINE_PASSED' });

    // Reminders reach only units that may still act.
    expect((await t.gql(REMIND, { periodId, unitIds: [sontay, thanhoai] }, { token: secretariat })).data.remindSelfScoring).toBe(1);
    const notes = await t.gql('{ notifications { kind message link } }', {}, { token: await t.login('thanhoai') });
    expect(notes.data.notifications[0]).toMatchObject({ kind: 'DEADLINE_APPROACHING', link: `/scoring/${periodId}/${thanhoai}` });

    const refused = await t.gql(OPEN_ROUND_1, { periodId }, { token: secretariat });
    expect(errorCode(refused)).toBe('SELF_ASSESSMENT_STILL_OPEN');
    expect(refused.errors![0]!.message).toContain('UBND huyện Thanh Oai');

    await db().execute(`update score_sheet set status = 'SUBMITTED', submitted_at = now() where period_id = ? and unit_id = ?`, [
      periodId,
      thanhoai,
    ]);
    const opened = await t.gql(OPEN_ROUND_1, { periodId }, { token: secretariat });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openAppraisalRound1.status).toBe('APPRAISAL_ROUND_1');
    // Once self-scoring is over, its deadline cannot move.
    expect(errorCode(await t.gql(DEADLINE, { input: { periodId, closesAt: inDays(2) } }, { token: secretariat }))).toBe('PERIOD_NOT_OPEN');
  });
});
