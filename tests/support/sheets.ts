import type { TestApp } from './app.ts';

export interface SheetFixture {
  sheetId: number;
  unitId: number;
  /** Score ids by criterion code (after round 1 opens, every leaf has one: see `scoreIds`). */
  scores: Map<string, number>;
}

/**
 * A submitted score sheet written straight into the database, as the self-scoring module leaves
 * it at submission (status SUBMITTED, evidence hashes frozen), without its pre-submit check.
 * A sheet the seed already started (Sơn Tây's) is submitted as it stands, with `selfScores` on top.
 * `selfScores`: criterion code → points (and an optional note / not-applicable mark).
 */
export async function submittedSheet(
  t: TestApp,
  periodId: number,
  unitCode: string,
  selfScores: Record<string, string | { points: string | null; note?: string; applicable?: boolean }>,
): Promise<SheetFixture> {
  const db = t.orm.em.getConnection();
  const [sheet] = await db.execute<{ id: number; unit_id: number }[]>(
    `insert into score_sheet (period_id, unit_id, criteria_set_id, status, submitted_at)
     select ?, u.id, cs.id, 'SUBMITTED', now() from unit u
       join criteria_set cs on cs.block = u.block
       join period_criteria_sets pcs on pcs.criteria_set_id = cs.id and pcs.period_id = ?
      where u.code = ?
     on conflict (period_id, unit_id) do update set status = 'SUBMITTED', submitted_at = now()
     returning id, unit_id`,
    [periodId, periodId, unitCode],
  );
  if (!sheet) throw new Error(`no sheet for ${unitCode}`);
  for (const [code, value] of Object.entries(selfScores)) {
    const { points, note = null, applicable = true } = typeof value === 'string' ? { points: value } : value;
    await db.execute(
      `insert into score (sheet_id, criterion_id, self_points, note, applicable, not_applicable_reason)
       select ?, c.id, ?, ?, ?, ? from criterion c join score_sheet sh on sh.criteria_set_id = c.criteria_set_id
        where sh.id = ? and c.code = ?
       on conflict (sheet_id, criterion_id) do update
         set self_points = excluded.self_points, note = excluded.note, applicable = excluded.applicable,
             not_applicable_reason = excluded.not_applicable_reason`,
      [sheet.id, points, note, applicable, applicable ? null : 'Không có nhiệm vụ này', sheet.id, code],
    );
  }
  await db.execute(
    `update evidence_link l set frozen_sha256 = e.file_sha256, frozen_at = now()
       from evidence e, score s where e.id = l.evidence_id and s.id = l.score_id and s.sheet_id = ?`,
    [sheet.id],
  );
  return { sheetId: sheet.id, unitId: sheet.unit_id, scores: await scoreIds(t, sheet.id) };
}

/** Score ids of a sheet by criterion code. */
export async function scoreIds(t: TestApp, sheetId: number): Promise<Map<string, number>> {
  const rows = await t.orm.em
    .getConnection()
    .execute<{ id: number; code: string }[]>(
      'select s.id, c.code from score s join criterion c on c.id = s.criterion_id where s.sheet_id = ?',
      [sheetId],
    );
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** Moves a deadline of the period (secretariat API), e.g. into the past to close a step. */
export async function setDeadline(
  t: TestApp,
  token: string,
  periodId: number,
  field: 'selfScoringClosesAt' | 'explanationClosesAt',
  at: Date,
) {
  // On the version the period is at now: this helper plays the secretariat reading the period, then moving the date.
  const read = await t.gql('query($id: Int!) { period(id: $id) { version } }', { id: periodId }, { token });
  if (read.errors) throw new Error(JSON.stringify(read.errors));
  const response = await t.gql(
    'mutation($id: Int!, $input: UpdatePeriodInput!) { updatePeriod(id: $id, input: $input) { id } }',
    { id: periodId, input: { version: read.data.period.version, [field]: at.toISOString() } },
    { token },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
}

/** Closes self-scoring (deadline in the past) and opens appraisal round 1 for the period. */
export async function openRound1(t: TestApp, secretariat: string, periodId: number): Promise<void> {
  await setDeadline(t, secretariat, periodId, 'selfScoringClosesAt', new Date(Date.now() - 60_000));
  const response = await t.gql(
    'mutation($p: Int!) { openAppraisalRound1(periodId: $p) { status } }',
    { p: periodId },
    { token: secretariat },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
}

/** Runs one secretariat step of the appraisal cycle (`releaseRound1Results`, `openAppraisalRound2`…). */
export async function cycleStep(t: TestApp, secretariat: string, periodId: number, mutation: string): Promise<void> {
  const response = await t.gql(`mutation($p: Int!) { ${mutation}(periodId: $p) { status } }`, { p: periodId }, { token: secretariat });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
}
