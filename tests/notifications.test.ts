import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverModules } from '../server/modules.ts';
import { sealAuditChain } from '../server/audit/index.ts';
import { startJobs } from '../server/shared/jobs.ts';
import { log } from '../server/shared/log.ts';
import { readPendingFiles } from '../server/evidence/reading.service.ts';
import { sendExplanationReminders } from '../server/appraisal/explanation.reminders.ts';
import { sendMonitoringReminders } from '../server/monitoring/monitoring.reminders.ts';
import { sendSelfScoringReminders } from '../server/scoring/window.reminders.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { cycleStep, openRound1, scoreIds, submittedSheet } from './support/sheets.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const as = (user: string) => ({ token: tokens[user] });
const LIST = '{ notifications { id kind message link readAt } unreadNotificationCount }';
/** What the hourly period reminders create at `now` (self-scoring and explanation deadlines). */
const remind = async (now: Date) =>
  (await sendSelfScoringReminders(t.orm.em.fork(), now)) + (await sendExplanationReminders(t.orm.em.fork(), now));

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['secretariat', 'appraiser', 'sontay', 'sontay.lead', 'thanhoai']) tokens[user] = await t.login(user);
});
afterAll(() => t.close());

describe('deadline reminders', () => {
  let periodId: number;
  /** Periods this file opens (the seed's own 2023 period is the other one). */
  const opened: number[] = [];

  /** A new district period of 2023 in self-assessment, closing `closesIn` ms from now. */
  async function openDistrictPeriod(name: string, closesIn: number): Promise<number> {
    const sets = await t.gql('{ criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, as('secretariat'));
    const created = await t.gql(
      `mutation($input: CreatePeriodInput!) { createPeriod(input: $input) { id } }`,
      {
        input: {
          year: 2023,
          name,
          criteriaSetIds: [sets.data.criteriaSets[0].id],
          selfScoringClosesAt: new Date(Date.now() + closesIn).toISOString(),
        },
      },
      as('secretariat'),
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createPeriod.id;
    expect((await t.gql('mutation($id: Int!) { openPeriod(id: $id) { id } }', { id }, as('secretariat'))).errors).toBeUndefined();
    opened.push(id);
    return id;
  }

  it('reminds the members of units that have not submitted, once per threshold', async () => {
    periodId = await openDistrictPeriod('Kỳ bổ sung', 2 * DAY);
    // Thanh Oai has submitted in this period; Sơn Tây has not.
    await submittedSheet(t, periodId, 'THANHOAI', {});

    // The members of the district units that have not submitted: sontay and sontay.lead (no other demo account has a district unit).
    const first = await remind(new Date());
    expect(first).toBe(2);
    const sontay = (await t.gql(LIST, {}, as('sontay'))).data;
    expect(sontay.notifications[0]).toMatchObject({ kind: 'DEADLINE_APPROACHING', readAt: null });
    expect(sontay.notifications[0].message).toContain('Sắp hết hạn tự chấm điểm');
    expect((await t.gql(LIST, {}, as('sontay.lead'))).data.unreadNotificationCount).toBe(1);
    expect((await t.gql(LIST, {}, as('thanhoai'))).data.notifications).toEqual([]);
    expect((await t.gql(LIST, {}, as('appraiser'))).data.notifications).toEqual([]);

    expect(await remind(new Date())).toBe(0);
    // The last day brings one more.
    expect(await remind(new Date(Date.now() + 1.5 * DAY))).toBe(first);
    expect(await remind(new Date(Date.now() + 3 * DAY))).toBe(0); // past the deadline
  });

  it('reminds a unit with an extension of its own deadline, not the period’s', async () => {
    const start = Date.now();
    const id = await openDistrictPeriod('Kỳ gia hạn', 2 * DAY);
    const units = await t.gql('{ units(filter: { block: DISTRICT }) { id code } }', {}, as('secretariat'));
    const sontayId = units.data.units.find((unit: { code: string }) => unit.code === 'SONTAY').id;
    const until = new Date(start + 10 * DAY);
    const extended = await t.gql(
      'mutation($i: ExtendSelfScoringInput!) { extendSelfScoring(input: $i) { deadline } }',
      { i: { periodId: id, unitId: sontayId, until: until.toISOString(), reason: 'Thay đổi lãnh đạo' } },
      as('secretariat'),
    );
    expect(extended.errors).toBeUndefined();
    const unread = async (user: string) => (await t.gql(LIST, {}, as(user))).data.unreadNotificationCount;
    const before = { sontay: await unread('sontay'), thanhoai: await unread('thanhoai') };

    // The period closes in 2 days: Thanh Oai hears of it; Sơn Tây, 10 days away, does not.
    expect(await remind(new Date(start))).toBe(1);
    expect(await unread('thanhoai')).toBe(before.thanhoai + 1);
    expect(await unread('sontay')).toBe(before.sontay);
    // Three days before its own deadline, Sơn Tây's staff and lead are reminded of that deadline.
    expect(await remind(new Date(start + 7.5 * DAY))).toBe(2);
    const latest = (await t.gql(LIST, {}, as('sontay'))).data.notifications[0];
    expect(latest).toMatchObject({ kind: 'DEADLINE_APPROACHING', link: '/scoring' });
    const untilInHanoi = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' }).format(until);
    expect(latest.message).toContain(`Sắp hết hạn tự chấm điểm và chốt điểm: ${untilInHanoi} `);
    expect(await remind(new Date(start + 9.5 * DAY))).toBe(2);
    expect(await remind(new Date(start + 11 * DAY))).toBe(0);
  });

  it('marks only the caller’s own notifications read', async () => {
    const mine = (await t.gql(LIST, {}, as('sontay'))).data.notifications;
    const theirs = (await t.gql(LIST, {}, as('sontay.lead'))).data.notifications;
    const left = await t.gql(
      'mutation($ids: [Int!]) { markNotificationsRead(ids: $ids) }',
      { ids: [mine[0].id, theirs[0].id] },
      as('sontay'),
    );
    expect(left.data.markNotificationsRead).toBe(mine.length - 1);
    expect((await t.gql(LIST, {}, as('sontay.lead'))).data.unreadNotificationCount).toBe(theirs.length);
    expect((await t.gql('mutation { markNotificationsRead }', {}, as('sontay'))).data.markNotificationsRead).toBe(0);
  });

  it('reminds units that still have explanations to give', async () => {
    const period = (await t.gql('{ periods { id year name } }', {}, as('secretariat'))).data.periods.find(
      (p: any) => !opened.includes(p.id) && p.year === 2023,
    );
    const sheet = await submittedSheet(t, period.id, 'SONTAY', { '1.1.1': '1' });
    await openRound1(t, tokens.secretariat!, period.id);
    const scoreId = (await scoreIds(t, sheet.sheetId)).get('1.1.1');
    await t.gql(
      'mutation($i: RequestExplanationInput!) { requestExplanation(input: $i) { scoreId } }',
      { i: { scoreId, question: 'Đề nghị giải trình.' } },
      as('appraiser'),
    );
    await cycleStep(t, tokens.secretariat!, period.id, 'releaseRound1Results');
    await t.gql(
      'mutation($p: Int!, $c: DateTimeISO) { openExplanation(periodId: $p, closesAt: $c) { status } }',
      { p: period.id, c: new Date(Date.now() + 2 * DAY).toISOString() },
      as('secretariat'),
    );
    await t.gql('mutation { markNotificationsRead }', {}, as('sontay'));

    expect(await remind(new Date())).toBe(2); // sontay and sontay.lead (the other period reminds nobody new)
    const notes = (await t.gql('{ notifications(unreadOnly: true) { kind message link } }', {}, as('sontay'))).data.notifications;
    expect(notes).toEqual([expect.objectContaining({ kind: 'DEADLINE_APPROACHING', link: `/appraisal/periods/${period.id}` })]);
    expect(notes[0].message).toContain('Sắp hết hạn giải trình');
  });
});

describe('monitoring reminders', () => {
  const TASK = 'mutation($input: NewPlanTaskInput!) { createPlanTask(input: $input) { id } }';
  const monitoringRemind = (now: string) => sendMonitoringReminders(t.orm.em.fork(), new Date(now));
  /** The caller's notification messages that contain `text`. */
  const messages = async (user: string, text: string) =>
    ((await t.gql(LIST, {}, as(user))).data.notifications as { message: string; link: string }[]).filter((note) =>
      note.message.includes(text),
    );
  const newTask = async (title: string) =>
    (await t.gql(TASK, { input: { year: 2023, title, area: 1, deadline: '2023-10-20' } }, as('sontay'))).data.createPlanTask.id;

  it('reminds a unit of a report not in, the configured 7 days before its deadline, then once when it is overdue', async () => {
    // Quarter III is due 15/09/2023: Sơn Tây's is a draft, Thanh Oai's is submitted.
    const due = 'Báo cáo CCHC quý III năm 2023 đến hạn ngày 15/09/2023.';
    await monitoringRemind('2023-09-07T12:00:00Z'); // 8 days before: nothing for quarter III yet
    expect(await messages('sontay', due)).toEqual([]);
    await monitoringRemind('2023-09-10T03:00:00Z');
    expect(await messages('sontay', due)).toEqual([expect.objectContaining({ message: due, link: '/monitoring' })]);
    expect(await messages('sontay.lead', due)).toHaveLength(1);
    expect(await messages('thanhoai', 'quý III')).toEqual([]);
    await monitoringRemind('2023-09-14T03:00:00Z'); // once per deadline
    expect(await messages('sontay', due)).toHaveLength(1);

    const overdue = 'Báo cáo CCHC quý III năm 2023 đã quá hạn (hạn 15/09/2023).';
    await monitoringRemind('2023-09-15T16:59:00Z'); // 23:59 in Hà Nội on the last day: not overdue yet
    expect(await messages('sontay', overdue)).toEqual([]);
    await monitoringRemind('2023-09-15T17:01:00Z');
    await monitoringRemind('2023-09-18T03:00:00Z');
    expect(await messages('sontay', overdue)).toHaveLength(1);
    expect(await messages('thanhoai', overdue)).toEqual([]);
  });

  it('reminds of unfinished tasks only, before the deadline and when overdue', async () => {
    await newTask('Nhiệm vụ chưa xong');
    const done = await newTask('Nhiệm vụ đã xong');
    await monitoringRemind('2023-10-14T03:00:00Z');
    expect(await messages('sontay', 'Nhiệm vụ “Nhiệm vụ chưa xong” đến hạn ngày 20/10/2023.')).toHaveLength(1);
    expect(await messages('sontay', 'Nhiệm vụ “Nhiệm vụ đã xong” đến hạn ngày 20/10/2023.')).toHaveLength(1);
    const finished = await t.gql(
      'mutation($id: Int!, $input: TaskProgressInput!) { updateTaskProgress(id: $id, input: $input) { status } }',
      {
        id: done,
        input: {
          version: (await t.orm.em.getConnection().execute('select version from plan_task where id = ?', [done]))[0].version,
          status: 'DONE',
          progress: 100,
          completedOn: '2023-10-18',
        },
      },
      as('sontay'),
    );
    expect(finished.data.updateTaskProgress.status).toBe('DONE');
    await monitoringRemind('2023-10-22T03:00:00Z');
    expect(await messages('sontay', 'Nhiệm vụ “Nhiệm vụ chưa xong” đã quá hạn (hạn 20/10/2023).')).toHaveLength(1);
    expect(await messages('sontay', 'Nhiệm vụ “Nhiệm vụ đã xong” đã quá hạn')).toEqual([]);
    // Another unit's staff hear nothing of Sơn Tây's tasks.
    expect(await messages('thanhoai', 'Nhiệm vụ chưa xong')).toEqual([]);
  });

  it('announces no deadline that passed long before the job ran, nor any deadline of a closed year', async () => {
    const annual = 'Báo cáo CCHC năm 2023 đến hạn ngày 15/12/2023.';
    const db = t.orm.em.getConnection();
    await db.execute(`update monitoring_year set closed_at = now() where year = 2023`);
    try {
      expect(await monitoringRemind('2023-12-12T03:00:00Z')).toBe(0);
    } finally {
      await db.execute(`update monitoring_year set closed_at = null where year = 2023`);
    }
    await monitoringRemind('2023-12-12T03:00:00Z');
    expect(await messages('sontay', annual)).toHaveLength(1);
    // Quarter I (due 15/03) was never announced: its deadline is months old by now.
    const firstQuarter = await db.execute(`select count(*)::int as n from notification where params->>'reportKind' = 'Q1'`);
    expect(firstQuarter).toEqual([{ n: 0 }]);
  });
});

describe('the hourly job runner', () => {
  it('registers each module’s deadline reminders to run every hour (beside audit sealing every 2 s and evidence reading every 5 minutes)', () => {
    expect(serverModules.flatMap((module) => module.jobs ?? [])).toEqual([
      { name: 'seal-audit-chain', everyMs: 2_000, run: sealAuditChain },
      { name: 'self-scoring-reminders', everyMs: 3_600_000, run: sendSelfScoringReminders },
      { name: 'read-pending-documents', everyMs: 300_000, run: readPendingFiles },
      { name: 'explanation-reminders', everyMs: 3_600_000, run: sendExplanationReminders },
      { name: 'monitoring-reminders', everyMs: 3_600_000, run: sendMonitoringReminders },
    ]);
  });

  it('runs each job at once, then every period with a fresh EntityManager and the time; logs a failure and carries on; stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: new Date('2030-01-01T00:00:00Z') });
    const logged = vi.spyOn(log, 'error').mockImplementation(() => {});
    try {
      const runs: { em: unknown; now: string }[] = [];
      let failures = 0;
      const stop = startJobs(t.orm, [
        { name: 'records', everyMs: HOUR, run: async (em, now) => runs.push({ em, now: now.toISOString() }) },
        { name: 'fails', everyMs: HOUR, run: async () => Promise.reject(new Error(`lần ${(failures += 1)}`)) },
      ]);
      await vi.advanceTimersByTimeAsync(2 * HOUR);
      await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(3));
      expect(runs.map((run) => run.now)).toEqual(['2030-01-01T00:00:00.000Z', '2030-01-01T01:00:00.000Z', '2030-01-01T02:00:00.000Z']);
      expect(new Set(runs.map((run) => run.em)).size).toBe(3);
      expect(
        logged.mock.calls.map(([fields, message]) => [
          message,
          (fields as { job: string; err: Error }).job,
          (fields as { err: Error }).err.message,
        ]),
      ).toEqual([
        ['job fails failed', 'fails', 'lần 1'],
        ['job fails failed', 'fails', 'lần 2'],
        ['job fails failed', 'fails', 'lần 3'],
      ]);
      await stop();
      await vi.advanceTimersByTimeAsync(3 * HOUR);
      expect(runs).toHaveLength(3);
      expect(failures).toBe(3);
    } finally {
      logged.mockRestore();
      vi.useRealTimers();
    }
  });
});
