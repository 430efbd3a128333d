import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Builds results fixtures straight through SQL (criteria sets, periods, units, sheets, scores,
 * appraisals, survey results), independent of the self-scoring and appraisal APIs.
 */
export interface NodeSeed {
  code: string;
  title?: string;
  kind?: 'SELF_SCORED' | 'SURVEY' | 'BONUS' | 'DEDUCTION';
  /** Leaves only; a parent gets the sum of its children. */
  max?: string;
  children?: NodeSeed[];
}

export interface LeafScore {
  self?: string | null;
  r1?: string;
  r2?: string;
  applicable?: boolean;
}

export class ResultsFixtures {
  constructor(private readonly orm: MikroORM) {}

  private exec<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.orm.em.getConnection().execute<T[]>(sql, params);
  }

  async userId(username: string): Promise<number> {
    const [row] = await this.exec<{ id: number }>('select id from app_user where username = ?', [username]);
    return row!.id;
  }

  async unit(code: string, name: string, block = 'COMMUNE', active = true): Promise<number> {
    const [row] = await this.exec<{ id: number }>('insert into unit (code, name, block, active) values (?, ?, ?, ?) returning id', [
      code,
      name,
      block,
      active,
    ]);
    return row!.id;
  }

  /** A published set; returns its id and the id of every criterion by code. */
  async criteriaSet(year: number, block: string, version: number, tree: NodeSeed[]): Promise<{ id: number; ids: Map<string, number> }> {
    const [set] = await this.exec<{ id: number }>(
      `insert into criteria_set (year, block, version, title, status, published_at) values (?, ?, ?, ?, 'PUBLISHED', now()) returning id`,
      [year, block, version, `Bộ chỉ số ${year} (${block})`],
    );
    const ids = new Map<string, number>();
    const insert = async (nodes: NodeSeed[], parentId: number | null, inherited: string): Promise<number> => {
      let sum = 0;
      for (const [position, node] of nodes.entries()) {
        const kind = node.kind ?? inherited;
        const [row] = await this.exec<{ id: number }>(
          `insert into criterion (criteria_set_id, parent_id, code, title, max_points, kind, bands, position)
           values (?, ?, ?, ?, 0, ?, '[]', ?) returning id`,
          [set!.id, parentId, node.code, node.title ?? `Tiêu chí ${node.code}`, kind, position],
        );
        ids.set(node.code, row!.id);
        const max = node.children ? await insert(node.children, row!.id, kind) : Math.round(Number(node.max) * 100);
        await this.exec('update criterion set max_points = ? where id = ?', [(max / 100).toFixed(2), row!.id]);
        sum += max;
      }
      return sum;
    };
    await insert(tree, null, 'SELF_SCORED');
    return { id: set!.id, ids };
  }

  async period(year: number, status: string, setIds: number[]): Promise<number> {
    const [period] = await this.exec<{ id: number }>(
      `insert into period (year, name, status, self_scoring_closes_at) values (?, ?, ?, now()) returning id`,
      [year, `Kỳ đánh giá ${year}`, status],
    );
    for (const setId of setIds)
      await this.exec('insert into period_criteria_sets (period_id, criteria_set_id) values (?, ?)', [period!.id, setId]);
    return period!.id;
  }

  async setStatus(periodId: number, status: string): Promise<void> {
    await this.exec('update period set status = ? where id = ?', [status, periodId]);
  }

  /** A submitted sheet with the given leaves scored (and appraised); returns the sheet id. */
  async sheet(
    periodId: number,
    unitId: number,
    set: { id: number; ids: Map<string, number> },
    scores: Record<string, LeafScore>,
    appraiserId?: number,
    status = 'SUBMITTED',
  ): Promise<number> {
    const [sheet] = await this.exec<{ id: number }>(
      'insert into score_sheet (period_id, unit_id, criteria_set_id, status) values (?, ?, ?, ?) returning id',
      [periodId, unitId, set.id, status],
    );
    for (const [code, score] of Object.entries(scores)) {
      const criterionId = set.ids.get(code);
      if (!criterionId) throw new Error(`no criterion ${code}`);
      const [row] = await this.exec<{ id: number }>(
        'insert into score (sheet_id, criterion_id, self_points, applicable) values (?, ?, ?, ?) returning id',
        [sheet!.id, criterionId, score.self ?? null, score.applicable ?? true],
      );
      for (const [round, points] of [
        [1, score.r1],
        [2, score.r2],
      ] as const) {
        if (points === undefined) continue;
        await this.exec('insert into appraisal (score_id, round, points, appraiser_id) values (?, ?, ?, ?)', [
          row!.id,
          round,
          points,
          appraiserId,
        ]);
      }
    }
    return sheet!.id;
  }

  async survey(periodId: number, unitId: number, criterionId: number, points: string, importedBy: number): Promise<void> {
    const [batch] = await this.exec<{ id: number }>(
      `insert into survey_import (period_id, file_name, sha256, row_count, replaced_count, imported_by_id)
       values (?, 'fixture.csv', md5(random()::text) || md5(random()::text), 1, 0, ?) returning id`,
      [periodId, importedBy],
    );
    await this.exec('insert into survey_result (period_id, unit_id, criterion_id, points, survey_import_id) values (?, ?, ?, ?, ?)', [
      periodId,
      unitId,
      criterionId,
      points,
      batch!.id,
    ]);
  }
}

/** The commune-block sets of the hand-worked fixture: 2029 (v1) and 2030 (a changed version). */
export const SET_2029: NodeSeed[] = [
  {
    code: '1',
    title: 'Công tác chỉ đạo, điều hành',
    children: [
      { code: '1.1', max: '4' },
      { code: '1.2', max: '6' },
    ],
  },
  { code: '2', title: 'Cải cách thể chế', children: [{ code: '2.1', max: '5' }] },
  { code: '3', title: 'Tác động của CCHC', kind: 'SURVEY', children: [{ code: '3.1', max: '5' }] },
  {
    code: '9',
    title: 'Điểm thưởng, điểm trừ',
    kind: 'BONUS',
    children: [
      { code: '9.1', kind: 'BONUS', children: [{ code: '9.1.1', max: '1' }] },
      { code: '9.2', kind: 'DEDUCTION', children: [{ code: '9.2.1', max: '1' }] },
    ],
  },
];

export const SET_2030: NodeSeed[] = [
  {
    code: '1',
    title: 'Công tác chỉ đạo, điều hành',
    children: [
      { code: '1.1', max: '4' },
      { code: '1.2', max: '6' },
    ],
  },
  // 2.1 lost 3 points to the new 2.2.
  {
    code: '2',
    title: 'Cải cách thể chế',
    children: [
      { code: '2.1', max: '2' },
      { code: '2.2', max: '3' },
    ],
  },
  {
    code: '3',
    title: 'Tác động của CCHC',
    kind: 'SURVEY',
    children: [
      { code: '3.1', max: '2' },
      { code: '3.2', max: '3' },
    ],
  },
  {
    code: '9',
    title: 'Điểm thưởng, điểm trừ',
    kind: 'BONUS',
    children: [
      {
        code: '9.1',
        kind: 'BONUS',
        children: [
          { code: '9.1.1', max: '1' },
          { code: '9.1.2', max: '1' },
        ],
      },
      {
        code: '9.2',
        kind: 'DEDUCTION',
        children: [
          { code: '9.2.1', max: '1' },
          { code: '9.2.2', max: '0.5' },
        ],
      },
    ],
  },
];

export interface HandWorked {
  units: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', number>;
  set2029: { id: number; ids: Map<string, number> };
  set2030: { id: number; ids: Map<string, number> };
  period2029: number;
  period2030: number;
}

/**
 * The hand-worked fixture (expected figures are worked out in tests/results.test.ts):
 * seven commune units, 2029 and 2030 FINALIZED, appraisals in both rounds, survey points,
 * bonus/deduction at their caps, an all-not-applicable unit, a tie, a unit without a sheet,
 * a missing survey result and a half-way rounding.
 */
export async function handWorkedFixture(orm: MikroORM, prefix = 'X'): Promise<HandWorked> {
  const f = new ResultsFixtures(orm);
  const appraiser = await f.userId('appraiser');
  const secretariat = await f.userId('secretariat');
  const units = {
    A: await f.unit(`${prefix}A`, 'UBND xã An Khánh'),
    B: await f.unit(`${prefix}B`, 'UBND xã Bình Minh'),
    C: await f.unit(`${prefix}C`, 'UBND xã Cổ Đô'),
    D: await f.unit(`${prefix}D`, 'UBND xã Đông La'),
    E: await f.unit(`${prefix}E`, 'UBND xã Ê Đê'),
    F: await f.unit(`${prefix}F`, 'UBND xã Phú Cát'),
    G: await f.unit(`${prefix}G`, 'UBND xã Giải thể', 'COMMUNE', false),
  };
  const set2029 = await f.criteriaSet(2029, 'COMMUNE', 1, SET_2029);
  const set2030 = await f.criteriaSet(2030, 'COMMUNE', 1, SET_2030);
  const period2029 = await f.period(2029, 'FINALIZED', [set2029.id]);
  const period2030 = await f.period(2030, 'FINALIZED', [set2030.id]);
  const s29 = (code: string) => set2029.ids.get(code)!;
  const s30 = (code: string) => set2030.ids.get(code)!;

  // 2029
  await f.sheet(period2029, units.A, set2029, { '1.1': { self: '4', r1: '3' }, '1.2': { self: '6' }, '2.1': { self: '4' } }, appraiser);
  await f.survey(period2029, units.A, s29('3.1'), '4', secretariat);
  await f.sheet(period2029, units.D, set2029, { '1.1': { self: '4' }, '1.2': { self: '6' }, '2.1': { self: '5' } }, appraiser);
  await f.survey(period2029, units.D, s29('3.1'), '5', secretariat);

  // 2030
  await f.sheet(
    period2030,
    units.A,
    set2030,
    {
      '1.1': { self: '4' },
      '1.2': { self: '6', r1: '4.5', r2: '5' },
      '2.1': { self: '2' },
      '2.2': { self: '3', r1: '2.5' },
      '9.1.1': { self: '1', r1: '0.5' },
      '9.1.2': { self: '1' },
      '9.2.1': { self: null, r1: '0.25' },
    },
    appraiser,
  );
  await f.survey(period2030, units.A, s30('3.1'), '1.75', secretariat);
  await f.survey(period2030, units.A, s30('3.2'), '2.5', secretariat);

  await f.sheet(
    period2030,
    units.B,
    set2030,
    {
      '1.1': { self: '3' },
      '1.2': { self: null, applicable: false },
      '2.1': { self: '1' },
      '2.2': { self: '3' },
      '9.1.1': { self: '1' },
      '9.1.2': { self: '1' },
      '9.2.1': { self: '1' },
      '9.2.2': { self: '0', r1: '0.5' },
    },
    appraiser,
  );
  await f.survey(period2030, units.B, s30('3.1'), '2', secretariat);

  await f.sheet(
    period2030,
    units.C,
    set2030,
    {
      '1.1': { applicable: false },
      '1.2': { applicable: false },
      '2.1': { applicable: false },
      '2.2': { applicable: false },
      '3.1': { applicable: false },
      '3.2': { applicable: false },
      '9.1.1': { self: '1' },
    },
    appraiser,
  );
  // A survey result on an item the unit marked not applicable does not count.
  await f.survey(period2030, units.C, s30('3.1'), '2', secretariat);

  await f.sheet(
    period2030,
    units.D,
    set2030,
    { '1.1': { self: '4' }, '1.2': { self: '6' }, '2.1': { self: '2' }, '2.2': { self: '3' } },
    appraiser,
  );
  await f.survey(period2030, units.D, s30('3.1'), '2', secretariat);
  await f.survey(period2030, units.D, s30('3.2'), '2', secretariat);

  // E never opened its sheet; it is in the results through its survey points.
  await f.survey(period2030, units.E, s30('3.1'), '1', secretariat);

  await f.sheet(
    period2030,
    units.F,
    set2030,
    {
      '1.1': { applicable: false },
      '1.2': { self: '1' },
      '2.1': { self: '0.6' },
      '2.2': { self: '3', r1: '2', r2: '1' },
    },
    appraiser,
  );
  await f.survey(period2030, units.F, s30('3.1'), '0.75', secretariat);
  await f.survey(period2030, units.F, s30('3.2'), '0.75', secretariat);

  return { units, set2029, set2030, period2029, period2030 };
}
