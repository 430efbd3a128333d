import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aYearLater, assignmentSkipReason, nextYearText, planChanges, type SourceAssignment } from '../server/rollover/rollover.logic.ts';
import type { AcceptedComment } from '../server/consultation/index.ts';
import { errorCode, startTestApp, type TestApp } from './support/app.ts';

/**
 * The yearly rollover (issue 15, item 3): the preview of starting 2024 from 2023 is exactly what the mutation creates,
 * in one transaction; a second run, a stale preview and anyone but the secretariat are refused and change nothing.
 */
let t: TestApp;
let secretariat: string;

const PLAN = `fromYear toYear digest periodName selfScoringClosesAt explanationClosesAt criterionCount assignmentCount
  sourcePeriod { id year name selfScoringClosesAt explanationClosesAt }
  criteriaSets { block sourceSetId sourceVersion title version criterionCount leafCount maxPoints codes }
  changes { commentId block criterionCode aspect resolution unitName applied field value skipReason }
  units { id code block }
  assignments { appraiser { id displayName } areaCode unit { id code } skipReason }`;
const PREVIEW = `query($input: RolloverInput!) { rolloverPreview(input: $input) { ${PLAN} } }`;
const ROLL_OVER = `mutation($input: RolloverInput!, $digest: String!) {
  rollOverYear(input: $input, previewDigest: $digest) { period { id year name status selfScoringClosesAt explanationClosesAt } plan { ${PLAN} } } }`;
const FROM_2023 = { input: { fromYear: 2023 } };

const sql = async <T = any>(text: string, bindings: unknown[] = []): Promise<T[]> => t.orm.em.getConnection().execute(text, bindings);
/** Rows of every table the rollover writes, to show a refusal changed nothing. */
const footprint = async () =>
  (
    await sql(`select (select count(*) from period)::int as periods, (select count(*) from criteria_set)::int as sets,
                      (select count(*) from criterion)::int as criteria, (select count(*) from appraisal_assignment)::int as assignments,
                      (select count(*) from audit_entry)::int as audits`)
  )[0];
const hundredths = (points: string) => Math.round(Number(points) * 100);

beforeAll(async () => {
  t = await startTestApp();
  secretariat = await t.login('secretariat');
  // An accepted answer that records its points through a revised criterion: the district draft's later version lowers
  // 8.1.2 to 1.5 points, and the (formerly refused) comment on 8.1.2 is re-answered as accepted, pointing at it.
  const [draft] = await sql<{ id: number }>(
    `select id from criteria_set where year = 2024 and block = 'DISTRICT' and status = 'CONSULTATION'`,
  );
  const later = await t.gql(
    'mutation($from: Int!) { createCriteriaSet(input: { copyFromId: $from, title: "Dự thảo 2024 sau góp ý" }) { id criteria { id code version } } }',
    { from: draft!.id },
    { token: secretariat },
  );
  expect(later.errors).toBeUndefined();
  const revised = later.data.createCriteriaSet.criteria.find((node: { code: string }) => node.code === '8.1.2');
  const lowered = await t.gql(
    'mutation($id: Int!, $v: Int!) { updateCriterion(id: $id, input: { version: $v, maxPoints: "1.5", bands: [{ label: "Đạt", minPoints: "0", maxPoints: "1.5" }] }) { id } }',
    { id: revised.id, v: revised.version },
    { token: secretariat },
  );
  expect(lowered.errors).toBeUndefined();
  const [comment] = await sql<{ id: number; consultation_id: number }>(
    `select c.id, c.consultation_id from feedback_comment c join criterion cr on cr.id = c.criterion_id
      where cr.criteria_set_id = ? and cr.code = '8.1.2' and c.aspect = 'MAX_POINTS'`,
    [draft!.id],
  );
  const [answer] = await sql<{ version: number }>('select version from feedback_response where comment_id = ?', [comment!.id]);
  const answered = await t.gql(
    'mutation($input: RespondInput!) { respondToComments(input: $input) { id } }',
    { input: { commentIds: [comment!.id], versions: [answer?.version ?? 0], resolution: 'ACCEPTED', revisedCriterionId: revised.id } },
    { token: secretariat },
  );
  expect(answered.errors).toBeUndefined();
  const published = await t.gql(
    'mutation($c: Int!, $ids: [Int!]) { publishResponses(consultationId: $c, commentIds: $ids) }',
    { c: comment!.consultation_id, ids: [comment!.id] },
    { token: secretariat },
  );
  expect(published.errors).toBeUndefined();
  // One unit left the index, and last year's appraiser was also assigned it: that assignment is not carried over.
  await sql(`update unit set active = false where code = 'BQLKCN'`);
  const [period] = await sql<{ id: number }>('select id from period where year = 2023');
  await sql(
    `insert into appraisal_assignment (period_id, appraiser_id, area_code, unit_id)
     select ?, u.id, '1', (select id from unit where code = 'BQLKCN') from app_user u where u.username = 'appraiser'`,
    [period!.id],
  );
});
afterAll(() => t.close());

describe('who may start the year', () => {
  it('refuses everyone but the secretariat, preview and creation alike, and creates nothing', async () => {
    // Signing in is audited: every token first, then the footprint.
    const tokens = new Map<string, string>();
    for (const username of ['sontay', 'sontay.lead', 'appraiser', 'analyst', 'admin']) tokens.set(username, await t.login(username));
    const before = await footprint();
    for (const [username, token] of tokens) {
      expect(errorCode(await t.gql(PREVIEW, FROM_2023, { token })), username).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(ROLL_OVER, { ...FROM_2023, digest: 'x' }, { token })), username).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(PREVIEW, FROM_2023))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(ROLL_OVER, { ...FROM_2023, digest: 'x' }))).toBe('UNAUTHENTICATED');
    expect(await footprint()).toEqual(before);
  });
});

describe('the preview', () => {
  it('refuses a year without a period and deadlines in the wrong order, in Vietnamese and English', async () => {
    const none = await t.gql(PREVIEW, { input: { fromYear: 2030 } }, { token: secretariat });
    expect(none.errors![0]!.extensions).toMatchObject({ code: 'NO_PERIOD_TO_ROLL_OVER', field: 'fromYear' });
    expect(none.errors![0]!.message).toBe('Năm 2030 chưa có kỳ đánh giá nào để chuyển sang năm sau.');
    const en = await t.gql(PREVIEW, { input: { fromYear: 2030 } }, { token: secretariat, locale: 'en' });
    expect(en.errors![0]!.message).toBe('There is no period of 2030 to start the next year from.');
    const order = await t.gql(
      PREVIEW,
      { input: { fromYear: 2023, selfScoringClosesAt: '2024-12-31T10:00:00Z', explanationClosesAt: '2024-12-01T10:00:00Z' } },
      { token: secretariat },
    );
    expect(order.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanationClosesAt' });
  });

  it('lists the drafts, the accepted changes, the units and the assignments, with last year’s deadlines a year on', async () => {
    // Sơn Tây's comment on 3.2.1 is partially accepted in a draft answer: not the department's word yet.
    const [partial] = await sql<{ id: number; consultation_id: number }>(
      `select c.id, c.consultation_id from feedback_comment c join feedback_response r on r.comment_id = c.id
        where r.resolution = 'PARTIALLY_ACCEPTED' and r.status = 'DRAFT'`,
    );
    const draftAnswer = (await t.gql(PREVIEW, FROM_2023, { token: secretariat })).data.rolloverPreview.changes;
    expect(draftAnswer.find((c: { commentId: number }) => c.commentId === partial!.id)).toMatchObject({
      applied: false,
      skipReason: 'ANSWER_NOT_PUBLISHED',
    });
    const publish = 'mutation($c: Int!, $ids: [Int!]) { publishResponses(consultationId: $c, commentIds: $ids) }';
    await t.gql(publish, { c: partial!.consultation_id, ids: [partial!.id] }, { token: secretariat });

    const response = await t.gql(PREVIEW, FROM_2023, { token: secretariat });
    expect(response.errors).toBeUndefined();
    const plan = response.data.rolloverPreview;
    expect(plan).toMatchObject({ fromYear: 2023, toYear: 2024, periodName: 'Đánh giá, xác định Chỉ số CCHC năm 2024' });
    const source = plan.sourcePeriod;
    expect(new Date(plan.selfScoringClosesAt).getUTCFullYear()).toBe(new Date(source.selfScoringClosesAt).getUTCFullYear() + 1);
    expect(new Date(plan.selfScoringClosesAt).toISOString().slice(4)).toBe(new Date(source.selfScoringClosesAt).toISOString().slice(4));
    expect(new Date(plan.explanationClosesAt).toISOString().slice(4)).toBe(new Date(source.explanationClosesAt).toISOString().slice(4));

    // One draft per block, copying the published 2023 set, numbered after the 2024 versions that exist.
    const published = await sql<{ id: number; block: string; n: number; total: string }>(
      `select s.id, s.block, (select count(*) from criterion c where c.criteria_set_id = s.id)::int as n,
              (select sum(max_points)::text from criterion c where c.criteria_set_id = s.id and c.parent_id is null) as total
         from criteria_set s where s.year = 2023 and s.status = 'PUBLISHED' order by s.block`,
    );
    expect(
      plan.criteriaSets.map((set: { block: string; sourceSetId: number; version: number; criterionCount: number }) => set),
    ).toMatchObject([
      { block: 'DEPARTMENT', sourceSetId: published[0]!.id, version: 2, criterionCount: published[0]!.n },
      { block: 'DISTRICT', sourceSetId: published[1]!.id, version: 3, criterionCount: published[1]!.n },
    ]);
    expect(plan.criteriaSets[0].title).toContain('2024');
    expect(plan.criteriaSets[0].maxPoints).toBe(published[0]!.total);
    // The district's 8.1.2 goes from 2 to 1.5 points (its revised criterion), so the set's total drops by 0.5.
    expect(hundredths(plan.criteriaSets[1].maxPoints)).toBe(hundredths(published[1]!.total) - 50);
    expect(plan.criterionCount).toBe(published[0]!.n + published[1]!.n);

    const change = (code: string, block: string) =>
      plan.changes.find((c: { criterionCode: string; block: string }) => c.criterionCode === code && c.block === block);
    expect(change('3.2.2', 'DISTRICT')).toMatchObject({ applied: true, field: 'EVIDENCE_REQUIREMENT', resolution: 'ACCEPTED' });
    expect(change('3.2.2', 'DISTRICT').value).toMatch(/^Danh sách hồ sơ quá hạn trích xuất/);
    expect(change('8.1.2', 'DISTRICT')).toMatchObject({ applied: true, field: 'MAX_POINTS', value: '1.50', skipReason: null });
    expect(change('3.2.1', 'DISTRICT')).toMatchObject({
      applied: false,
      resolution: 'PARTIALLY_ACCEPTED',
      skipReason: 'PARTIAL_NOT_RECORDED',
    });
    expect(change('2.1.2', 'DEPARTMENT')).toMatchObject({ applied: false, skipReason: 'NO_NEW_TEXT' });
    // Refused and noted comments are not the rollover's business.
    expect(plan.changes.every((c: { resolution: string }) => ['ACCEPTED', 'PARTIALLY_ACCEPTED'].includes(c.resolution))).toBe(true);

    const [units] = await sql<{ n: number }>(`select count(*)::int as n from unit where active and block in ('DEPARTMENT', 'DISTRICT')`);
    expect(plan.units).toHaveLength(units!.n);
    expect(plan.units.map((unit: { code: string }) => unit.code)).not.toContain('BQLKCN');

    const assignments = await sql<{ area_code: string | null; unit_id: number | null }>(
      'select area_code, unit_id from appraisal_assignment where period_id = ? order by id',
      [source.id],
    );
    expect(plan.assignments.map((a: { areaCode: string | null }) => a.areaCode)).toEqual(assignments.map((a) => a.area_code));
    expect(plan.assignments.filter((a: { skipReason: string | null }) => a.skipReason !== null)).toEqual([
      expect.objectContaining({ areaCode: '1', unit: expect.objectContaining({ code: 'BQLKCN' }), skipReason: 'UNIT_NOT_ASSESSED' }),
    ]);
    expect(plan.assignmentCount).toBe(assignments.length - 1);
  });
});

describe('starting the year', () => {
  it('refuses a preview that no longer holds, changing nothing', async () => {
    const before = await footprint();
    const stale = await t.gql(ROLL_OVER, { ...FROM_2023, digest: '0'.repeat(32) }, { token: secretariat });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'ROLLOVER_PREVIEW_OUTDATED', field: 'previewDigest' });
    expect(await footprint()).toEqual(before);
  });

  it('creates exactly what the preview showed, audited, and refuses a second run', async () => {
    const preview = (await t.gql(PREVIEW, FROM_2023, { token: secretariat })).data.rolloverPreview;
    const before = await footprint();
    // Two confirms at once (a double click, two secretaries): one starts the year, the other is refused.
    const both = await Promise.all([1, 2].map(() => t.gql(ROLL_OVER, { ...FROM_2023, digest: preview.digest }, { token: secretariat })));
    expect(both.map((answer) => errorCode(answer) ?? 'created').sort()).toEqual(['YEAR_ALREADY_STARTED', 'created']);
    const response = both.find((answer) => !answer.errors)!;
    const { period, plan } = response.data.rollOverYear;
    expect(plan).toEqual(preview);
    expect(period).toMatchObject({
      year: 2024,
      name: preview.periodName,
      status: 'PLANNED',
      selfScoringClosesAt: preview.selfScoringClosesAt,
      explanationClosesAt: preview.explanationClosesAt,
    });

    // Row by row: the period's sets are new drafts of 2024 with the copied codes, counts and totals.
    const sets = await sql<{
      id: number;
      block: string;
      year: number;
      status: string;
      version: number;
      title: string;
      previous_version_id: number;
    }>(
      `select s.id, s.block, s.year, s.status, s.version, s.title, s.previous_version_id from period_criteria_sets p
         join criteria_set s on s.id = p.criteria_set_id where p.period_id = ? order by s.block`,
      [period.id],
    );
    expect(sets).toHaveLength(preview.criteriaSets.length);
    for (const [i, set] of sets.entries()) {
      const planned = preview.criteriaSets[i];
      expect(set).toMatchObject({ block: planned.block, year: 2024, status: 'DRAFT', version: planned.version, title: planned.title });
      expect(set.previous_version_id).toBe(planned.sourceSetId);
      const nodes = await sql<{ code: string; max_points: string; parent_id: number | null; id: number }>(
        'select id, code, max_points::text, parent_id from criterion where criteria_set_id = ?',
        [set.id],
      );
      expect(nodes.map((node) => node.code).sort()).toEqual([...planned.codes].sort());
      expect(nodes).toHaveLength(planned.criterionCount);
      const parents = new Set(nodes.map((node) => node.parent_id));
      expect(nodes.filter((node) => !parents.has(node.id))).toHaveLength(planned.leafCount);
      const total = nodes.filter((node) => node.parent_id === null).reduce((sum, node) => sum + hundredths(node.max_points), 0);
      expect(total).toBe(hundredths(planned.maxPoints));
    }
    const district = sets.find((set) => set.block === 'DISTRICT')!;
    const [evidence] = await sql<{ evidence_requirement: string }>(
      `select evidence_requirement from criterion where criteria_set_id = ? and code = '3.2.2'`,
      [district.id],
    );
    const accepted = preview.changes.find((c: { criterionCode: string; field: string }) => c.criterionCode === '3.2.2' && c.field);
    expect(evidence!.evidence_requirement).toBe(accepted.value);
    const [points] = await sql<{ max_points: string }>(
      `select max_points::text from criterion where criteria_set_id = ? and code = '8.1.2'`,
      [district.id],
    );
    expect(points!.max_points).toBe('1.50');

    const assignments = await t.gql(
      'query($id: Int!) { appraisalAssignments(periodId: $id) { appraiserId areaCode unit { id } } }',
      { id: period.id },
      { token: secretariat },
    );
    const carried = preview.assignments.filter((a: { skipReason: string | null }) => a.skipReason === null);
    expect(assignments.data.appraisalAssignments).toHaveLength(carried.length);
    expect(
      assignments.data.appraisalAssignments
        .map((a: { appraiserId: number; areaCode: string | null }) => `${a.appraiserId}:${a.areaCode}`)
        .sort(),
    ).toEqual(carried.map((a: { appraiser: { id: number }; areaCode: string | null }) => `${a.appraiser.id}:${a.areaCode}`).sort());

    const after = await footprint();
    expect(after.periods - before.periods).toBe(1);
    expect(after.sets - before.sets).toBe(preview.criteriaSets.length);
    expect(after.criteria - before.criteria).toBe(preview.criterionCount);
    expect(after.assignments - before.assignments).toBe(preview.assignmentCount);

    const audit = await sql<{ actor_id: number; after: Record<string, unknown> }>(
      `select actor_id, after from audit_entry where action = 'year-rollover' and subject_type = 'Period' and subject_id = ?`,
      [period.id],
    );
    expect(audit).toHaveLength(1);
    const [actor] = await sql<{ id: number }>(`select id from app_user where username = 'secretariat'`);
    expect(audit[0]!.actor_id).toBe(actor!.id);
    expect(audit[0]!.after).toMatchObject({
      fromYear: 2023,
      toYear: 2024,
      sourcePeriodId: preview.sourcePeriod.id,
      criteriaSetIds: sets.map((set) => set.id),
      digest: preview.digest,
    });

    // A second run for 2023 → 2024 refuses, as preview and as creation, in both languages, and changes nothing.
    const again = await t.gql(ROLL_OVER, { ...FROM_2023, digest: preview.digest }, { token: secretariat });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'YEAR_ALREADY_STARTED', periodId: period.id });
    expect(again.errors![0]!.message).toBe(`Năm 2024 đã có kỳ đánh giá “${period.name}”; không chuyển năm lần nữa.`);
    const againEn = await t.gql(PREVIEW, FROM_2023, { token: secretariat, locale: 'en' });
    expect(errorCode(againEn)).toBe('YEAR_ALREADY_STARTED');
    expect(againEn.errors![0]!.message).toBe(`2024 already has the period “${period.name}”; the year cannot be started again.`);
    expect(await footprint()).toEqual(after);
  });
});

describe('the rollover’s rules, without the database', () => {
  const comment = (fields: Partial<AcceptedComment>): AcceptedComment => ({
    commentId: 1,
    block: 'DISTRICT',
    criterionCode: '1.1.1',
    aspect: 'EVIDENCE_REQUIREMENT',
    proposedWording: 'Văn bản mới',
    unitName: 'UBND thị xã Sơn Tây',
    resolution: 'ACCEPTED',
    responseStatus: 'PUBLISHED',
    revised: null,
    ...fields,
  });
  const sets = new Map([
    [
      'DISTRICT' as const,
      new Map([
        ['1', { code: '1', maxPoints: '3.00', isTop: true, isLeaf: false }],
        ['1.1.1', { code: '1.1.1', maxPoints: '2.00', isTop: false, isLeaf: true }],
      ]),
    ],
  ]);
  const revised = { code: '1.1.1', scoringMethod: 'Cách chấm mới', evidenceRequirement: null, maxPoints: '1.50', bands: [], isLeaf: true };

  it('applies only what the data records, and says why not otherwise', () => {
    const reasons = planChanges(
      [
        comment({ commentId: 1 }),
        comment({ commentId: 2, aspect: 'GENERAL' }),
        comment({ commentId: 3, criterionCode: null }),
        comment({ commentId: 4, aspect: 'MAX_POINTS', criterionCode: '1.1.1', proposedWording: 'Giảm còn 1 điểm' }),
        comment({ commentId: 5, aspect: 'MAX_POINTS', criterionCode: '1', revised: { ...revised, code: '1', isLeaf: false } }),
        comment({ commentId: 6, criterionCode: '9.9.9' }),
        comment({ commentId: 7, resolution: 'PARTIALLY_ACCEPTED' }),
        comment({ commentId: 8, resolution: 'PARTIALLY_ACCEPTED', aspect: 'SCORING_METHOD', revised }),
        comment({ commentId: 9, responseStatus: 'DRAFT' }),
        comment({ commentId: 10, aspect: 'SCORING_METHOD', proposedWording: '   ' }),
        comment({ commentId: 11, aspect: 'MAX_POINTS', revised }),
      ],
      sets,
    ).map((change) => [change.commentId, change.skipReason ?? `${change.field}=${change.value}`]);
    expect(reasons).toEqual([
      [1, 'EVIDENCE_REQUIREMENT=Văn bản mới'],
      [2, 'GENERAL_ASPECT'],
      [3, 'WHOLE_DRAFT'],
      [4, 'POINTS_NOT_RECORDED'],
      [5, 'NOT_A_LEAF'],
      [6, 'NOT_IN_SET'],
      [7, 'PARTIAL_NOT_RECORDED'],
      [8, 'SCORING_METHOD=Cách chấm mới'],
      [9, 'ANSWER_NOT_PUBLISHED'],
      [10, 'NO_NEW_TEXT'],
      [11, 'MAX_POINTS=1.50'],
    ]);
  });

  it('leaves out comments that set one field differently, and keeps those that agree', () => {
    const changes = planChanges(
      [
        comment({ commentId: 1, proposedWording: 'A' }),
        comment({ commentId: 2, proposedWording: 'B' }),
        comment({ commentId: 3, aspect: 'SCORING_METHOD', proposedWording: 'C' }),
        comment({ commentId: 4, aspect: 'SCORING_METHOD', proposedWording: 'C' }),
      ],
      sets,
    );
    expect(changes.map((change) => [change.commentId, change.applied, change.skipReason])).toEqual([
      [1, false, 'CONFLICTING'],
      [2, false, 'CONFLICTING'],
      [3, true, null],
      [4, true, null],
    ]);
  });

  it('moves dates and names on by one year', () => {
    expect(aYearLater(new Date('2023-12-31T10:00:00Z')).toISOString()).toBe('2024-12-31T10:00:00.000Z');
    expect(aYearLater(new Date('2024-02-29T17:00:00Z')).toISOString()).toBe('2025-02-28T17:00:00.000Z');
    expect(nextYearText('Bộ Chỉ số CCHC năm 2023 (sửa đổi 12023)', 2023)).toBe('Bộ Chỉ số CCHC năm 2024 (sửa đổi 12023)');
  });

  it('carries an assignment only while its appraiser, area and unit still hold', () => {
    const unit = { id: 7, code: 'SONTAY', name: 'UBND thị xã Sơn Tây', block: 'DISTRICT' as const, active: true };
    const base: SourceAssignment = {
      appraiserId: 1,
      appraiserName: 'A',
      appraiserAvailable: true,
      appraiserUnitId: null,
      areaCode: '1',
      unit,
    };
    const reason = (fields: Partial<SourceAssignment>) =>
      assignmentSkipReason({ ...base, ...fields }, new Set(['1']), new Set(['DISTRICT']));
    expect(reason({})).toBeNull();
    expect(reason({ areaCode: null, unit: null })).toBeNull();
    expect(reason({ appraiserAvailable: false })).toBe('APPRAISER_UNAVAILABLE');
    expect(reason({ areaCode: '9' })).toBe('AREA_MISSING');
    expect(reason({ unit: { ...unit, active: false } })).toBe('UNIT_NOT_ASSESSED');
    expect(reason({ unit: { ...unit, block: 'DEPARTMENT' } })).toBe('UNIT_NOT_ASSESSED');
    expect(reason({ appraiserUnitId: 7 })).toBe('OWN_UNIT');
  });
});
