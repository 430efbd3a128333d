import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serverModules } from '../server/modules.ts';
import { startJobs } from '../server/shared/jobs.ts';
import { log } from '../server/shared/log.ts';
import { readPendingFiles } from '../server/evidence/reading.service.ts';
import { sendDeadlineReminders } from '../server/notifications/reminders.service.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { cycleStep, openRound1, scoreIds, submittedSheet } from './support/sheets.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const as = (user: string) => ({ token: tokens[user] });
const LIST = '{ notifications { id kind message link readAt } unreadNotificationCount }';
const remind = (now: Date) => sendDeadlineReminders(t.orm.em.fork(), now);

beforeAll(async () => {
  t = await startTestApp();
  for (const user of ['secretariat', 'appraiser', 'sontay', 'sontay.lead', 'thanhoai']) tokens[user] = await t.login(user);
});
afterAll(() => t.close());

describe('deadline reminders', () => {
  let periodId: number;

  it('reminds the members of units that have not submitted, once per threshold', async () => {
    const sets = await t.gql('{ criteriaSets(filter: { year: 2023, block: DISTRICT }) { id } }', {}, as('secretariat'));
    const created = await t.gql(
      `mutation($input: CreatePeriodInput!) { createPeriod(input: $input) { id } }`,
      {
        input: {
          year: 2023,
          name: 'Kỳ bổ sung',
          criteriaSetIds: [sets.data.criteriaSets[0].id],
          selfScoringClosesAt: new Date(Date.now() + 2 * DAY).toISOString(),
        },
      },
      as('secretariat'),
    );
    periodId = created.data.createPeriod.id;
    await t.gql('mutation($id: Int!) { openPeriod(id: $id) { id } }', { id: periodId }, as('secretariat'));
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
      (p: any) => p.id !== periodId && p.year === 2023,
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

describe('the hourly job runner', () => {
  it('registers the deadline reminders to run every hour (beside evidence reading every 5 minutes)', () => {
    expect(serverModules.flatMap((module) => module.jobs ?? [])).toEqual([
      { name: 'read-pending-documents', everyMs: 300_000, run: readPendingFiles },
      { name: 'deadline-reminders', everyMs: 3_600_000, run: sendDeadlineReminders },
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
